"""A flow promises news only where this server sends it (probe21 #6: the chat API said "처리 상황이
바뀌면 여기로 알려 드릴게요", which it can never do, and the console later said nothing was sent).

Through the real app: the chat API (no way back) is told to check the status itself; the widget,
whose session gets the notices, is still promised them; a proposal and a vote likewise."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicbot import notify

ROOT = Path(__file__).resolve().parent.parent
PROMISES = (
    "여기로 알려 드릴게요",
    "여기와 이메일로",
    "진행 상황을 여기로",
    "let you know here",
    "keep you posted here",
)


@pytest.fixture
def settings(make_settings):
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


async def _report(say, place: str) -> dict:
    """A street-light report at ``place`` (a different one each time: no "support this one?" step)."""
    await say("/report")
    await say("가로등이 꺼져서 밤길이 너무 어두워요")
    await say(place)
    await say("/report skip")
    preview = await say("/report category street_light")
    return await say(next(b["payload"] for b in preview["buttons"] if b["payload"] == "/report confirm"))


async def _propose(say, title: str, why: str) -> dict:
    """A proposal (a different one each time: no "support the similar one?" step)."""
    await say("투표 제안할래요")
    await say(title)
    await say(why)
    options = await say("찬성, 반대, 잘 모르겠어요")
    preview = await say(next(b["payload"] for b in options["buttons"] if b["label"] == "선택지 완료"))
    return await say(next(b["payload"] for b in preview["buttons"] if b["label"] == "제안하기"))


def _api(client):
    conversation: dict[str, str | None] = {"id": None}

    async def say(text: str) -> dict:
        response = await client.post("/api/chat", json={"conversation_id": conversation["id"], "text": text})
        assert response.status == 200, await response.text()
        body = await response.json()
        conversation["id"] = body["conversation_id"]
        return body

    return say


async def _widget(client):
    token = (await (await client.post("/api/sessions")).json())["token"]

    async def say(text: str) -> dict:
        response = await client.post(
            "/api/widget/messages", json={"text": text}, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status == 200, await response.text()
        return await response.json()

    return say


@pytest.mark.usefixtures("built_index")
async def test_the_chat_api_is_told_to_check_and_the_widget_is_promised_news(client):
    api_report = await _report(_api(client), "강남구 역삼동")
    assert "SEL-" in api_report["text"], api_report["text"]
    assert not any(promise in api_report["text"] for promise in PROMISES), api_report["text"]
    assert "이 창구로는 소식을 보내 드릴 수 없어요" in api_report["text"]

    widget_report = await _report(await _widget(client), "마포구 합정동")
    assert "여기로 알려 드릴게요" in widget_report["text"], widget_report["text"]

    api_proposal = await _propose(
        _api(client), "한강공원에 그늘막을 더 설치할까요?", "여름 한낮에 그늘이 부족해요"
    )
    assert "제안이 접수됐어요" in api_proposal["text"], api_proposal["text"]
    assert not any(promise in api_proposal["text"] for promise in PROMISES), api_proposal["text"]
    widget_proposal = await _propose(
        await _widget(client),
        "구립도서관 운영시간을 밤 10시까지 늘릴까요?",
        "직장인은 퇴근 뒤에 책을 빌릴 수 없어요",
    )
    assert "진행 상황을 여기로 알려 드릴게요" in widget_proposal["text"], widget_proposal["text"]


@given(
    st.sets(st.sampled_from(["web", "telegram", "kakao", "email"])),
    st.sampled_from(["web", "telegram", "kakao", "api", "cli", "open311"]),
    st.text(max_size=3),
)
def test_news_is_promised_exactly_when_it_would_leave(delivered, channel, reply_to):
    assert notify.reaches(frozenset(delivered), channel, reply_to) == (
        bool(reply_to) and channel in delivered
    )
