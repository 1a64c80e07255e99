"""What a newcomer trying the product in a browser found (newcomer.md), end to end on the real app.

Each test reports the way a citizen did and reads back every public place the report shows up.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
CITY_HALL = (37.5665, 126.9780)  # 중구 태평로1가


@pytest.fixture
def settings(make_settings):
    return make_settings(CIVICBOT_RATE_LIMIT="0")


async def _report(client, token: str, text: str) -> dict:
    body = {"text": text, "lat": CITY_HALL[0], "lon": CITY_HALL[1], "category": "street_light"}
    response = await client.post("/api/complaints", json=body, headers={"Authorization": f"Bearer {token}"})
    answer = await response.json()
    assert response.status == 201, answer
    return answer


async def _public_places(client, public_id: str) -> str:
    """Everything the public can read about one report, as one string."""
    parts = []
    for path in (f"/api/complaints/{public_id}", "/api/complaints.geojson", f"/complaints/{public_id}"):
        response = await client.get(path)
        parts.append(await response.text())
    response = await client.get("/open311/v2/requests.json")
    parts.append(await response.text())
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("가로등이 나갔어요. 연락은 공일공 일이삼사 오육칠팔로 주세요", ["일이삼사", "오육칠팔"]),
        ("광화문 앞 가로등이 나갔어요. 연락처는 공일공 1234 5678이에요", ["1234 5678"]),
        ("가로등 고장. 연락 O1O-1234-5678", ["1234-5678"]),
        ("가로등 고장. 주민번호는 구공공일공일 일이삼사오육칠", ["일이삼사오육칠"]),
        ("가로등 고장. 생년월일 900101 뒷자리 1234567", ["1234567"]),
    ],
)
async def test_spelled_phone_and_registration_numbers_stay_off_the_map(
    client, session_token: str, official_token: str, text: str, secrets: list[str]
) -> None:
    """F1, F2: numbers spelled in Hangul or with O for 0 were published as typed."""
    created = await _report(client, session_token, text)
    assert created["masked"], created
    public = await _public_places(client, created["id"])
    for secret in secrets:
        assert secret not in public
    if "주민" in text:  # a registration number is not kept even in the officials' private copy
        response = await client.get(
            "/api/admin/complaints", headers={"Authorization": f"Bearer {official_token}"}
        )
        private = await response.text()
        assert created["id"] in private
        for secret in secrets:
            assert secret not in private


SELF_NAMED = [
    ("가로등 고장. 저는 김철수입니다", "김철수"),
    ("가로등 고장. 신고자 이영희 (010-9876-5432)", "이영희"),
    ("광화문 앞 보도블록이 깨져서 위험해요. 저는 김철수고 연락처는 공일공 1234 5678이에요", "김철수"),
    ("가로등이 나갔어요. 제 이름은 박민수예요", "박민수"),
    ("가로등 고장. 이름: 홍길동", "홍길동"),
    ("The street light is out. My name is John", "My name is John"),
]
NOT_NAMED = [
    "저는 주민입니다. 가로등이 나갔어요",
    "저는 이 동네 주민인데요 가로등이 나갔어요",
    "저는 한국인이고 매일 이 길로 다녀요",
    "저는 강남구민입니다",
    "저는 서울시민이고요 가로등이 나갔어요",
    "신고자 본인이 넘어졌어요",
    "작성자 이름 없음",
    "저는 고등학생인데요 가로등이 나갔어요",
    "저는 공무원이고 퇴근길에 봤어요",
    "전 이사 온 지 얼마 안 됐어요",
    "저는 정말 화가 나요",
]


@pytest.mark.parametrize(("text", "name"), SELF_NAMED)
def test_a_reporter_naming_themselves_is_a_name(text: str, name: str) -> None:
    from civicbot.moderation import moderator_for

    assert name in moderator_for(ROOT / "services").names(text)


@pytest.mark.parametrize("text", NOT_NAMED)
def test_what_people_call_themselves_is_not_a_name(text: str) -> None:
    from civicbot.moderation import moderator_for

    assert moderator_for(ROOT / "services").names(text) == []


async def test_a_report_with_the_reporters_own_name_waits_for_review(client, session_token: str) -> None:
    """F3: "저는 김철수입니다" was published on the map at once, name and all."""
    created = await _report(client, session_token, "가로등 고장. 저는 김철수입니다")
    assert created["visibility"] == "pending_review", created
    public = await _public_places(client, created["id"])
    assert "김철수" not in public, public[public.find("김철수") - 300 : public.find("김철수") + 100]


async def test_a_hidden_report_keeps_its_status_page_without_its_text(
    client, session_token: str, official_token: str
) -> None:
    """The status page (every notice links to it) showed the text of held and hidden reports."""
    created = await _report(client, session_token, "가로등 고장인데 옆 가게 사장이 일부러 깼어요")
    hide = await client.post(
        f"/api/admin/complaints/{created['id']}/hide",
        json={"reason": "특정인 비방"},
        headers={"Authorization": f"Bearer {official_token}"},
    )
    assert hide.status == 200, await hide.text()
    for lang, withheld in (("ko", "공개되지 않았어요"), ("en", "text is not public")):
        page = await client.get(f"/complaints/{created['id']}?lang={lang}")
        html = await page.text()
        assert page.status == 200
        assert "일부러 깼어요" not in html
        assert withheld in html


async def test_the_receipt_check_picks_the_korean_particle_after_the_choice(
    client, session_token: str
) -> None:
    """F4: the public receipt check said “전통시장”예요 (str.format in the template: no particle)."""
    polls = (await (await client.get("/api/polls")).json())["polls"]
    poll = next(p for p in polls if p["slug"] == "public-wifi-next")
    option = next(o for o in poll["options"] if o["label"] == "전통시장")
    vote = await client.post(
        f"/api/polls/{poll['id']}/votes",
        json={"choices": [option["id"]], "notify": False},
        headers={"Authorization": f"Bearer {session_token}"},
    )
    assert vote.status == 201, await vote.text()
    receipt = (await vote.json())["receipt"]
    page = await client.post(f"/polls/{poll['id']}", data={"receipt": receipt})
    html = await page.text()
    assert "선택은 “전통시장”이에요." in html, html[html.find("집계") - 100 : html.find("집계") + 200]


def test_the_chat_receipt_messages_read_well() -> None:
    """F4, F5: 영수증 …M은 (not 는), and the check link on a line of its own (not "…#receipt-title 코드를")."""
    from civicbot.i18n import t

    check = t(
        "poll_flow.receipt_found", "ko", receipt="A" * 25 + "M", title="T", seq=3, choices="x", hash="ab"
    )
    assert f"영수증 {'A' * 25}M은 「T」" in check
    voted = t("poll_flow.voted", "ko", receipt="R", check="/polls/1#receipt-title", url="/polls/1")
    assert "/polls/1#receipt-title\n" in voted
    voted_en = t("poll_flow.voted", "en", receipt="R", check="/polls/1#receipt-title", url="/polls/1")
    assert "/polls/1#receipt-title\n" in voted_en


async def test_a_registration_number_in_the_first_message_is_announced_as_removed(client) -> None:
    """F6: "/report" then the text said the number was removed; the text as the first message did not."""
    response = await client.post(
        "/api/chat", json={"text": "집앞 가로등 고장이요 제 주민번호 900101-1234567"}
    )
    reply = await response.json()
    assert reply["intent"] == "report_complaint", reply
    assert "주민등록번호" in reply["text"] and "지웠어요" in reply["text"], reply["text"]
    assert "900101" not in reply["text"]


async def test_a_proposal_filed_in_the_widget_links_to_its_page(client, session_token: str) -> None:
    """The widget's answer said "제안 페이지: ‘시민 제안 보기’ 버튼" (a button to the list) instead of
    the new proposal's page, though the poll and report flows link their pages in the widget."""

    async def say(text: str) -> dict:
        response = await client.post(
            "/api/widget/messages", json={"text": text}, headers={"Authorization": f"Bearer {session_token}"}
        )
        assert response.status == 200, await response.text()
        return await response.json()

    await say("투표 제안할래요")
    await say("한강공원에 그늘막을 더 설치할까요?")
    await say("여름 한낮에 그늘이 부족해요")
    options = await say("찬성, 반대, 잘 모르겠어요")
    preview = await say(next(b["payload"] for b in options["buttons"] if b["label"] == "선택지 완료"))
    done = await say(next(b["payload"] for b in preview["buttons"] if b["label"] == "제안하기"))
    assert "제안 페이지: /proposals/" in done["text"], done["text"]


@pytest.mark.parametrize("key", ["submitted", "submitted_held", "submitted_email"])
@pytest.mark.parametrize(
    ("public_id", "copula", "by"),
    [
        ("SEL-ZR7280", "SEL-ZR7280이에요", "'/status SEL-ZR7280'으로"),
        ("SEL-S8XFX5", "SEL-S8XFX5예요", "'/status SEL-S8XFX5'로"),
    ],
)
def test_the_tracking_id_takes_the_particle_its_last_sound_asks_for(key, public_id, copula, by) -> None:
    """접수번호는 SEL-ZR7280예요 / '/status SEL-ZR7280'로 were written whatever the id's last sound (0 is 영)."""
    from civicbot.i18n import t

    text = t(f"report_flow.{key}", "ko", id=public_id, map="/map", url="/complaints")
    assert f"접수번호는 {copula}." in text and by in text


async def test_the_public_pages_pick_the_particle_after_a_typed_command(client, session_token: str) -> None:
    """/polls/1 said “/vote 1”를 (1 is 일: “/vote 1”을); the proposal page likewise."""
    page = await (await client.get("/polls/1")).text()
    assert "“/vote 1”을 입력하면" in page
    made = await client.post(
        "/api/proposals",
        json={"title": "한강공원에 그늘막을 더 설치할까요?", "options": ["찬성", "반대"]},
        headers={"Authorization": f"Bearer {session_token}"},
    )
    assert made.status == 201, await made.text()
    proposal_id = (await made.json())["id"]
    page = await (await client.get(f"/proposals/{proposal_id}")).text()
    particle = "을" if str(proposal_id)[-1] in "0136789" else "를"
    assert f"“/proposals support {proposal_id}”{particle} 입력하면" in page


def _png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, format="PNG")  # small file, many pixels
    return out.getvalue()


async def test_a_photo_with_too_many_pixels_is_refused_for_that_not_as_not_a_png(
    client, session_token: str
) -> None:
    """A 9000x9000 PNG (81 Mpx, 240 KB) was refused as "JPEG나 PNG 사진만 받을 수 있어요" / invalid_photo."""
    auth = {"Authorization": f"Bearer {session_token}"}
    for text in ("가로등이 나갔어요", "마포구 합정동"):
        response = await client.post("/api/widget/messages", json={"text": text}, headers=auth)
        assert response.status == 200
    response = await client.post(
        "/api/widget/photo", data=_png(9000, 9000), headers={**auth, "Content-Type": "image/png"}
    )
    reply = await response.json()
    assert "화소가 너무 많아요(2400만 화소까지)" in reply["text"], reply["text"]

    form = {
        "text": "가로등 고장",
        "lat": str(CITY_HALL[0]),
        "lon": str(CITY_HALL[1]),
        "category": "street_light",
    }
    import aiohttp

    data = aiohttp.FormData(form)
    data.add_field("photo", _png(9000, 9000), filename="big.png", content_type="image/png")
    response = await client.post("/api/complaints", data=data, headers=auth)
    assert (await response.json())["error"]["code"] == "photo_too_many_pixels"


@pytest.mark.parametrize(
    "path", ["/polls/abc", "/proposals/abc", "/complaints/abc", "/knowledge/ko/removed.md", "/nothing"]
)
async def test_a_browser_gets_a_page_for_an_address_that_does_not_exist(client, path: str) -> None:
    """F8: a browser opening /polls/abc or a removed document's citation got raw English JSON."""
    page = await client.get(path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status == 404 and page.content_type == "text/html"
    html = await page.text()
    assert "페이지를 찾지 못했어요" in html and 'href="/map"' in html
    english = await client.get(path + "?lang=en", headers={"Accept": "text/html"})
    assert "Page not found" in await english.text()


@pytest.mark.parametrize("path", ["/api/polls/abc", "/api/nothing", "/open311/v2/nothing.json"])
async def test_an_api_404_stays_json_even_for_a_browser(client, path: str) -> None:
    response = await client.get(path, headers={"Accept": "text/html"})
    assert response.status == 404 and response.content_type == "application/json"


@pytest.mark.parametrize("question", ["{id} 어떻게 됐어요?", "{lower} 처리됐나요", "What happened to {id}?"])
async def test_a_tracking_id_typed_with_a_question_gets_its_status(
    client, session_token: str, question: str
) -> None:
    """ "SEL-S8XFX5 어떻게 됐어요?" got "범위 밖이에요" (out_of_scope): the id is the whole question."""
    created = await _report(client, session_token, "광화문 앞 가로등이 나갔어요")
    text = question.format(id=created["id"], lower=created["id"].lower())
    reply = await (await client.post("/api/chat", json={"text": text})).json()
    assert reply["intent"] == "complaint_status", reply
    assert created["id"] in reply["text"] and "찾지 못했어요" not in reply["text"], reply


async def test_words_that_look_like_ids_are_still_questions(client) -> None:
    reply = await (await client.post("/api/chat", json={"text": "S-Net이 뭐예요?"})).json()
    assert reply["intent"] == "ask_question" and reply["sources"], reply


async def _widget(client, token: str):
    async def say(text: str) -> dict:
        response = await client.post(
            "/api/widget/messages", json={"text": text}, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status == 200, await response.text()
        return await response.json()

    return say


async def _poll_id(client, slug: str) -> int:
    polls = (await (await client.get("/api/polls")).json())["polls"]
    return next(p["id"] for p in polls if p["slug"] == slug)


async def test_typed_answers_to_the_polls_questions_count_like_buttons(client, session_token: str) -> None:
    """F24: typing "마포구에 살아요" or "30대" at the poll's questions left the vote for a document answer."""
    say = await _widget(client, session_token)
    poll = await _poll_id(client, "public-wifi-next")  # asks district and age, one choice
    assert "자치구" in (await say(f"/vote {poll}"))["text"]
    assert "연령대" in (await say("마포구에 살아요"))["text"]
    shown = await say("30대")
    assert "전통시장" in [b["label"] for b in shown["buttons"]], shown
    voted = await say("전통시장")
    assert "영수증 코드" in voted["text"], voted["text"]


async def test_a_typed_district_outside_a_restricted_poll_is_refused_kindly(
    client, session_token: str
) -> None:
    say = await _widget(client, session_token)
    poll = await _poll_id(client, "smart-shelter-features")  # 마포구, 서대문구, 은평구 only
    await say(f"/vote {poll}")
    refused = await say("강남구")
    assert "마포구, 서대문구 또는 은평구 주민만" in refused["text"], refused["text"]


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("30대", "30s"),
        ("35살", "30s"),
        ("19세", "under20"),
        ("20세 미만", "under20"),
        ("Under 20", "under20"),
        ("70세 이상", "70plus"),
        ("85세", "70plus"),
        ("I'm 42 years old", "40s"),
        ("2019년", None),
        ("안녕", None),
    ],
)
def test_age_bands_from_what_people_type(text: str, band: str | None) -> None:
    from civicbot.polls import age_band_named

    assert age_band_named(text) == band


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("마포구", "mapo"),
        ("마포구에 살아요", "mapo"),
        ("마포", "mapo"),
        ("Mapo-gu", "mapo"),
        ("I live in Gangnam", "gangnam"),
        ("중구", "jung"),
        ("서울", None),
        ("은평구랑 마포구", None),
        ("중랑구", "jungnang"),
    ],
)
def test_districts_from_what_people_type(text: str, code: str | None) -> None:
    from civicbot.polls import district_named

    assert district_named(text) == code


async def test_a_typed_category_word_picks_the_category(client, session_token: str) -> None:
    """F25: at "알맞은 분류를 골라 주세요", typing "가로등" (not the whole "가로등·보안등 고장") asked again, forever."""
    say = await _widget(client, session_token)
    await say("집 앞에 문제가 있어요")
    await say("마포구 합정동")
    asked = await say("/report skip")
    assert "/report categories" in [b["payload"] for b in asked["buttons"]], asked
    confirm = await say("가로등이요")
    assert "분류: 가로등·보안등 고장" in confirm["text"], confirm["text"]


@pytest.mark.parametrize("lang", ["ko", "en"])
async def test_the_maps_call_to_report_names_the_real_button(client, lang: str) -> None:
    """/map said "챗봇에서 '신고하기'를 눌러 주세요"; the widget's button is "민원 신고하기"."""
    from civicbot.i18n import t

    page = await (await client.get(f"/map?lang={lang}")).text()
    assert f"‘{t('engine.button_report', lang)}’" in page


@pytest.mark.parametrize(
    "path", ["/static/nothing.css", "/static/vendor/leaflet/nothing.js", "/static/widget.js/x"]
)
@pytest.mark.parametrize("accept", ["*/*", "text/html,application/xhtml+xml,*/*;q=0.8"])
async def test_a_missing_static_file_is_the_json_404(client, path: str, accept: str) -> None:
    """F20: /static/nothing.css answered 404 with an empty application/octet-stream body."""
    response = await client.get(path, headers={"Accept": accept})
    assert response.status == 404 and response.content_type == "application/json"
    assert (await response.json())["error"]["code"] == "not_found"
    head = await client.head(path)
    assert head.status == 404


@pytest.mark.parametrize("path", ["/static/style.css", "/static/vendor/leaflet/leaflet.js"])
async def test_a_static_file_that_exists_is_still_served(client, path: str) -> None:
    response = await client.get(path)
    assert response.status == 200 and len(await response.read()) > 1000


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [
        ("내 민원 어떻게 됐어?", "ko", "‘신고 처리 상태 확인’ 버튼을 누르고 확인할 접수번호를 보내 주세요."),
        ("What happened to my report?", "en", "Press the “Check a report” button and send the tracking id,"),
    ],
)
async def test_a_hint_to_send_something_keeps_what_to_send_on_the_web(
    client, text: str, language: str, wanted: str
) -> None:
    """F22: “/receipt 투표번호 영수증코드” became "‘투표 영수증 확인’ 버튼을 누른 뒤 보내 주세요" (send what?)."""
    greeting = {"text": "안녕" if language == "ko" else "Hello", "language": language}
    issued = await (await client.post("/api/chat", json=greeting)).json()
    body = {"conversation_id": issued["conversation_id"], "text": text, "language": language}
    reply = await (await client.post("/api/chat", json=body)).json()
    assert wanted in reply["text"], reply["text"]
    assert "/receipt" in [b["payload"] for b in reply["buttons"]] or "/status" in [
        b["payload"] for b in reply["buttons"]
    ]


@pytest.mark.parametrize(
    ("language", "wanted"),
    [("ko", "영수증 코드(영문 대문자와 숫자 26자리)를 보내 주시면"), ("en", "Send me the receipt code")],
)
async def test_a_receipt_hint_says_what_to_send_with_no_command_to_type(client, language, wanted) -> None:
    """F22, nineteenth pass: the receipt is now checked in any message ("영수증 확인 6B6G…"), so the
    hint asks for the code alone: no "/receipt <poll> <code>" form, no button to press first."""
    greeting = {"text": "안녕" if language == "ko" else "Hello", "language": language}
    issued = await (await client.post("/api/chat", json=greeting)).json()
    body = {"conversation_id": issued["conversation_id"], "text": "/receipt 1 garbage", "language": language}
    reply = await (await client.post("/api/chat", json=body)).json()
    assert wanted in reply["text"] and "/receipt" not in reply["text"], reply["text"]


@pytest.mark.parametrize(
    ("text", "language", "wanted"),
    [
        (
            "신고 처리 상황을 확인해 드릴게요. 접수할 때 받은 접수번호를 '/status 접수번호' 형식으로 보내 주세요.",
            "ko",
            "신고 처리 상황을 확인해 드릴게요. ‘신고 처리 상태 확인’ 버튼을 누르고 접수할 때 받은 접수번호를 보내 주세요.",
        ),
        (
            "Please send the tracking id you got when you reported, like '/status <tracking id>'.",
            "en",
            "Please press the “Check a report” button and send the tracking id you got when you reported.",
        ),
        (
            "영수증은 “/receipt 투표번호 영수증코드” 형식으로 보내요",
            "ko",
            "영수증은 ‘투표 영수증 확인’ 버튼을 누르고 투표 번호와 영수증 코드를 보내요",
        ),
        (
            "“/status 접수번호”처럼 보내 주세요",
            "ko",
            "‘신고 처리 상태 확인’ 버튼을 누르고 접수번호를 보내 주세요",
        ),
        (
            "“/receipt 투표번호 영수증코드”처럼",
            "ko",
            "‘투표 영수증 확인’ 버튼을 누르고 투표 번호와 영수증 코드를 ",
        ),
    ],
)
def test_send_hints_read_as_press_then_send(text: str, language: str, wanted: str) -> None:
    from civicbot.dialogue import Reply
    from civicbot.slash import as_buttons

    assert as_buttons(Reply(text, "x", 1.0, language), "web").text.rstrip() == wanted.rstrip()


NAMED_PROPOSALS = [
    ("우리 동네 공원에 벤치를 놓을까요?", "저는 김철수입니다. 동네 공원에 앉을 곳이 없어요", "김철수"),
    ("공원 관리 투표", "김철수 씨가 매일 공원 벤치를 독차지해요", "김철수"),
    ("Benches in the park?", "My name is John Smith and the park has no benches", "John Smith"),
]


async def _propose(client, token: str, title: str, description: str) -> dict:
    made = await client.post(
        "/api/proposals",
        json={"title": title, "description": description, "options": ["찬성", "반대"]},
        headers={"Authorization": f"Bearer {token}"},
    )
    answer = await made.json()
    assert made.status == 201, answer
    return answer


async def _public_proposal_places(client, proposal_id: int) -> str:
    """Everything the public can read about proposals, as one string (lists, the page, the API)."""
    parts = []
    for path in (
        "/api/proposals",
        f"/api/proposals/{proposal_id}",
        "/proposals",
        f"/proposals/{proposal_id}",
    ):
        for lang in ("ko", "en"):
            parts.append(await (await client.get(f"{path}?lang={lang}")).text())
    return "\n".join(parts)


@pytest.mark.parametrize(("title", "description", "name"), NAMED_PROPOSALS)
async def test_a_proposal_naming_a_person_waits_for_an_official(
    client, session_token: str, official_token: str, title: str, description: str, name: str
) -> None:
    """F15: a proposal saying "저는 김철수입니다" was public on /proposals/N at once (reports are held)."""
    made = await _propose(client, session_token, title, description)
    assert made["held"] is True, made
    assert (await client.get(f"/api/proposals/{made['id']}")).status == 404
    assert (await client.get(f"/proposals/{made['id']}")).status == 404
    public = await _public_proposal_places(client, made["id"])
    assert name not in public and title not in public
    other = await (await client.post("/api/sessions")).json()
    support = await client.post(
        f"/api/proposals/{made['id']}/supports", headers={"Authorization": f"Bearer {other['token']}"}
    )
    assert support.status == 404  # nobody can support what nobody can see

    official = {"Authorization": f"Bearer {official_token}"}
    held = await (await client.get("/api/admin/proposals/held", headers=official)).json()
    assert [p["id"] for p in held["proposals"]] == [made["id"]]
    published = await client.post(f"/api/admin/proposals/{made['id']}/publish", headers=official)
    assert published.status == 200, await published.text()
    assert "held" not in await published.json()
    assert title in await (await client.get(f"/proposals/{made['id']}")).text()
    again = await client.post(f"/api/admin/proposals/{made['id']}/publish", headers=official)
    assert again.status == 409


async def test_a_declined_held_proposal_is_never_published(
    client, session_token: str, official_token: str
) -> None:
    made = await _propose(client, session_token, "벤치 투표", "김철수 씨가 벤치를 부쉈어요")
    official = {"Authorization": f"Bearer {official_token}"}
    declined = await client.post(
        f"/api/admin/proposals/{made['id']}/decline",
        json={"reason": {"ko": "특정인을 비방하는 내용이에요.", "en": "It accuses a named person."}},
        headers=official,
    )
    assert declined.status == 200, await declined.text()
    assert "김철수" not in await _public_proposal_places(client, made["id"])
    held = await (await client.get("/api/admin/proposals/held", headers=official)).json()
    assert held["proposals"] == []


async def test_a_proposal_without_a_name_is_public_at_once(client, session_token: str) -> None:
    made = await _propose(
        client, session_token, "한강공원에 그늘막을 더 설치할까요?", "저는 마포구 주민입니다"
    )
    assert "held" not in made
    assert (await client.get(f"/api/proposals/{made['id']}")).status == 200


@pytest.mark.parametrize(
    ("lang", "title", "description", "told"),
    [
        (
            "ko",
            "한강공원에 그늘막을 더 설치할까요?",
            "저는 김철수입니다. 여름 한낮에 그늘이 부족해요",
            "담당자가 확인한 뒤 공개해요",
        ),
        (
            "en",
            "More shade in Hangang Park?",
            "My name is John Smith. There is no shade at noon",
            "an official will check it",
        ),
    ],
)
async def test_the_widget_tells_the_proposer_it_awaits_review(
    client, session_token: str, lang: str, title: str, description: str, told: str
) -> None:
    say = await _widget(client, session_token)
    await say("투표 제안할래요" if lang == "ko" else "I want to propose a poll question")
    await say(title)
    await say(description)
    options = await say("찬성, 반대" if lang == "ko" else "Yes, No")
    done_label, submit_label = ("선택지 완료", "제안하기") if lang == "ko" else ("Options done", "Submit")
    preview = await say(next(b["payload"] for b in options["buttons"] if b["label"] == done_label))
    done = await say(next(b["payload"] for b in preview["buttons"] if b["label"] == submit_label))
    assert told in done["text"], done["text"]
    assert "/proposals/" not in done["text"]  # no link to a page that is not public yet


@pytest.mark.parametrize(
    ("text", "language", "asks_what"),
    [
        ("I want to report a broken street light", "en", False),
        ("집 앞 가로등이 꺼졌어요", "ko", False),
        ("I'd like to report potholes on my street", "en", False),
        ("I'd like to file a complaint", "en", True),  # routed to the report flow, naming nothing
        ("신고할게요", "ko", True),
    ],
)
async def test_a_request_to_report_that_names_the_problem_is_taken_as_the_problem(
    client, session_token: str, text: str, language: str, asks_what: bool
) -> None:
    """F17: on /?lang=en "I want to report a broken street light" asked "What is the problem?"
    again, while "집 앞 가로등이 꺼졌어요" was taken as the problem at once."""
    from civicbot.i18n import t

    response = await client.post(
        "/api/widget/messages",
        json={"text": text, "language": language},
        headers={"Authorization": f"Bearer {session_token}"},
    )
    reply = await response.json()
    assert reply["intent"] == "report_complaint", reply
    ask_what = t("report_flow.ask_what", language).splitlines()[0]
    assert (ask_what in reply["text"]) is asks_what, reply["text"]
    if not asks_what:
        assert t("report_flow.ask_where", language)[:12] in reply["text"], reply["text"]


@functools.cache
def _suggester():
    import tempfile

    from civicbot.categories import CategorySuggester, catalogue_for
    from civicbot.config import Settings
    from civicbot.embeddings import load_embedder

    embedder = load_embedder(Settings.from_env({"CIVICBOT_DATA_DIR": tempfile.mkdtemp()}).embedder)
    return CategorySuggester(embedder, catalogue_for(ROOT / "services"))


_PROBLEMS_EN = [
    "street light",
    "streetlight",
    "pothole",
    "potholes",
    "illegal parking",
    "garbage",
    "noise",
    "broken bench",
    "traffic light",
]
_PROBLEMS_KO = ["가로등", "포트홀", "불법주차", "쓰레기", "소음", "신호등", "보도블록", "놀이터 그네"]


@examples(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(
        ["I want to report", "I'd like to report", "Can I report", "Please help, I need to report"]
    ),
    st.sampled_from(["a", "the", "some", "a broken", "a dangerous"]),
    st.sampled_from(_PROBLEMS_EN),
    st.sampled_from(["", ".", " near my house", " on Sejong-daero please"]),
)
def test_an_english_request_naming_a_problem_is_not_generic(verb, article, problem, tail) -> None:
    assert not _suggester().is_generic(f"{verb} {article} {problem}{tail}")


@examples(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["", "집 앞 ", "우리 동네 ", "학교 앞 "]),
    st.sampled_from(_PROBLEMS_KO),
    st.sampled_from(
        ["이 고장났어요 신고할래요", " 신고하고 싶어요", " 문제로 민원 넣을게요", "이 망가졌어요"]
    ),
)
def test_a_korean_request_naming_a_problem_is_not_generic(place, problem, tail) -> None:
    assert not _suggester().is_generic(f"{place}{problem}{tail}")


@examples(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(
        [
            "I want to report",
            "I'd like to report",
            "Can I report",
            "I need to report",
            "신고할래요",
            "신고하고 싶어요",
            "민원 넣을게요",
            "신고하기",
        ]
    ),
    st.sampled_from(["", " something", " a problem", " an issue", " please"]),
)
def test_a_request_that_names_no_problem_still_asks_for_it(request_words, rest) -> None:
    text = request_words if not request_words.isascii() else f"{request_words}{rest or ' something'}"
    assert _suggester().is_generic(text)


async def _at_the_category_step(say) -> dict:
    await say("집 앞에 문제가 있어요")
    await say("마포구 합정동")
    asked = await say("/report skip")
    assert "/report categories" in [b["payload"] for b in asked["buttons"]], asked
    return asked


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("투표 제안하고 싶어요", "propose"),
        ("동네 도서관은 몇 시까지 열어요?", None),  # answered afresh (no document on libraries)
        ("투표 보여줘", "polls"),
        ("What is S-Net?", "ask_question"),
    ],
)
async def test_something_else_at_the_category_step_leaves_the_report(
    client, session_token: str, text: str, intent: str | None
) -> None:
    """F25: at "알맞은 분류를 골라 주세요", "투표 제안하고 싶어요" or a question got the same prompt
    again and again until 취소."""
    from civicbot.i18n import t

    say = await _widget(client, session_token)
    await _at_the_category_step(say)
    reply = await say(text)
    assert reply["intent"] == (intent or reply["intent"]) != "report_complaint", reply
    assert t("report_flow.pick_category", "ko") not in reply["text"]


@pytest.mark.parametrize("text", ["접수해 주세요", "잘 모르겠어요", "음"])
async def test_an_attempt_at_an_answer_is_asked_again(client, session_token: str, text: str) -> None:
    from civicbot.i18n import t

    say = await _widget(client, session_token)
    await _at_the_category_step(say)
    reply = await say(text)
    assert t("report_flow.pick_category", "ko") in reply["text"], reply
    assert "가로등" in (await say("가로등이요"))["text"]  # still in the report


@pytest.mark.parametrize("typed", ["2", "2번", "2번이요"])
async def test_a_typed_number_picks_the_button_at_that_place(client, session_token: str, typed: str) -> None:
    say = await _widget(client, session_token)
    asked = await _at_the_category_step(say)
    second = asked["buttons"][1]["label"]
    confirm = await say(typed)
    assert f"분류: {second}" in confirm["text"], confirm["text"]
    await say("취소")
    await _at_the_category_step(say)
    everything = await say("/report categories")
    ninth = everything["buttons"][8]["label"]
    assert f"분류: {ninth}" in (await say("9"))["text"]


async def _chat(client, text: str, conversation: str) -> dict:
    response = await client.post("/api/chat", json={"conversation_id": conversation, "text": text})
    assert response.status == 200
    return await response.json()


@pytest.mark.usefixtures("built_index")
async def test_a_count_the_page_lacks_gets_the_honest_detail_reply(client) -> None:
    """F9: "서울시 CCTV 몇개야" quoted the security teams' "8개 팀" as the count of cameras."""
    from civicbot.i18n import t

    body = await _chat(client, "서울시 CCTV 몇개야", "f9")
    assert body["sources"] == [], body["text"]
    assert body["related"], body
    assert t("engine.ask_120_for_detail", "ko") in body["text"]
    # A count the page does state is still the answer.
    body = await _chat(client, "정보통신보안담당관은 몇 개 팀이에요?", "f9b")
    assert body["sources"] and "8개 팀" in body["text"], body["text"]


@pytest.mark.usefixtures("built_index")
@pytest.mark.parametrize(
    "text", ["ㅋㅋㅋㅋ", "ㅎㅎ", "ㅋㅋㅋ ㅎㅎ", "lol", "LOL", "haha", "😂😂", "👍", "ㅠㅠ", "ㅋㅋ😂"]
)
async def test_chatter_gets_the_small_talk_reply_not_no_document(client, text: str) -> None:
    """F23: laughter and emoji got "그 내용을 다룬 문서는 아직 없어요", as if a page were missing."""
    from civicbot.i18n import languages, t

    body = await _chat(client, text, "f23")
    assert body["sources"] == [] and body["related"] == []
    no_document = {t("engine.no_document", lang, city="\0").split("\0")[0] for lang in languages()}
    assert not any(body["text"].startswith(prefix) for prefix in no_document), body["text"]
    assert body["intent"] != "ask_question", body  # the small-talk reply ("haha" may greet back)
    assert "/report" not in body["text"]  # web channels show buttons, not commands


@pytest.mark.usefixtures("built_index")
@pytest.mark.parametrize("emoji", ["🚌", "😊", "👍👍", "ㅋㅋ", " 🙏"])
async def test_an_emoji_in_a_real_question_keeps_the_answer(client, emoji: str) -> None:
    """F23: an emoji or laughter in a real question must not turn the answer into a refusal."""
    plain = await _chat(client, "에스넷 뭐야", "plain")
    assert plain["sources"], plain["text"]
    body = await _chat(client, f"에스넷 뭐야 {emoji}", "emoji")
    assert body["sources"] and body["sources"][0]["doc_id"] == plain["sources"][0]["doc_id"], body["text"]
