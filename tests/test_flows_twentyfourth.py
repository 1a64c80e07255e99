"""The twenty-fourth pass on the chat flows (branch dlg24): a newcomer's probe.

1. A civic problem named alone ("포트홀", "소음 신고", "쓰레기 무단투기", "pothole", "noise complaint")
   got the how-to-report page; it now starts the report, as "불법주차" and "신고" alone already did.
   Questions about reporting ("포트홀 신고는 어떻게 해요?") are still answered from the documents,
   with the report button; a thing named alone ("가로등", "공원") starts nothing.
2. A report told with contact details at its end ("인도에 불법주차 차량이 있어요 연락처 010-…") was
   answered as a question or refused: the number changed the intent model's reading. It now starts
   the report, and the number is handled as any in a report: masked on the public map, kept privately.
3. "제안 뭐 있어?" / "what proposals are there?" started a new proposal; they now list the open ones.
4. "투표 바꿀래요" / "change my vote" from someone who has not voted got the polls' canned text and no
   buttons; the reply now says they have not voted, with the open polls as buttons.
5. At the report's and the proposal's confirm step, "ㄱㄱ" (go go) is a yes like "ㅇㅇ", and "아니
   잠깐" / "wait" keep the draft and say what can be done (before: the same question, no word more).
"""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path

import pytest
from conftest import flow_settings, say
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from test_flows_twentysecond import Person, payloads
from test_places_twentysecond import at_place_step
from test_polls_flow import poll_ids
from test_report_flow import Chat, rows

from civicbot import answers
from civicbot.categories import catalogue_for
from civicbot.dialogue import bare_problem
from civicbot.i18n import t
from civicbot.proposal_flow import asks_which_proposals

ROOT = Path(__file__).resolve().parent.parent
_RUN = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_seen = itertools.count()

pytestmark = pytest.mark.usefixtures("built_index")

settings = flow_settings  # the shared chat-flow settings (tests/conftest.py)


async def flow_of(client, channel: str, conversation: str) -> dict | None:
    """The flow state the conversation is in after its last message (None: no flow under way)."""
    found = await rows(
        client.app, "SELECT state FROM conversations WHERE id = ?", (f"{channel}:{conversation}",)
    )
    return json.loads(found[0][0]).get("flow") if found else None


# -- 1. a civic problem named alone ----------------------------------------------------------------
PROBLEMS_KO = [
    "포트홀",
    "소음",
    "쓰레기 무단투기",
    "무단투기",
    "불법주차",
    "불법 주정차",
    "악취",
    "싱크홀",
    "공사 소음",
]
REPORTING_KO = ["", " 신고", "신고", " 민원", " 신고요", " 신고합니다", " 신고할게요", " 제보"]
ENDINGS_KO = ["", "!", ".", "~", "ㅠㅠ", "  "]
PROBLEMS_EN = [
    "pothole",
    "potholes",
    "noise",
    "illegal dumping",
    "illegal parking",
    "broken street light",
    "fly-tipping",
]
REPORTING_EN = [
    ("", ""),
    ("", " complaint"),
    ("report ", ""),
    ("report a ", ""),
    ("", " report"),
    ("", ", please"),
]
ENDINGS_EN = ["", "!", ".", "  "]
# Named with a reporting word, a category's thing is a report too; alone it may be a question.
THINGS_KO = ["가로등", "신호등", "놀이터", "공원 벤치"]
THINGS_EN = ["street light", "traffic light", "playground"]


def _naming_words() -> frozenset[str]:
    catalogue = catalogue_for(ROOT / "services")
    return frozenset(
        "".join(word.casefold().split()).removesuffix("s")
        for category in catalogue.categories
        if not category.fallback
        for word in category.naming_words()
    )


NAMING = _naming_words()


@examples(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.tuples(
            st.sampled_from(PROBLEMS_KO), st.sampled_from(REPORTING_KO), st.sampled_from(ENDINGS_KO)
        ).map("".join),
        st.tuples(
            st.sampled_from(REPORTING_EN), st.sampled_from(PROBLEMS_EN), st.sampled_from(ENDINGS_EN)
        ).map(lambda parts: parts[0][0] + parts[1] + parts[0][1] + parts[2]),
        st.tuples(
            st.sampled_from(THINGS_KO), st.sampled_from([" 신고", " 민원", " 신고요", " 신고합니다"])
        ).map("".join),
        st.tuples(st.sampled_from(["report ", "report a ", "report the "]), st.sampled_from(THINGS_EN)).map(
            "".join
        ),
    )
)
def test_a_problem_named_alone_is_recognised(text):
    assert bare_problem(text, NAMING), text


NOT_BARE = [
    "포트홀 신고는 어떻게 해요?",
    "포트홀 신고 어떻게 해요",
    "소음 기준이 뭐예요?",
    "불법주차 과태료 얼마예요",
    "포트홀?",
    "가로등",
    "공원",
    "와이파이",
    "쓰레기",
    "혼인신고",
    "출생 신고",
    "How do I report a pothole?",
    "what is a pothole",
    "trash",
    "park",
    "the park",
    "a street light, please",
    "report",
    "신고",
    "포트홀 밟아서 타이어 터졌어요 보상받을수있나",
]


@pytest.mark.parametrize("text", NOT_BARE)
def test_questions_and_things_alone_are_no_problem_named(text):
    assert not bare_problem(text, NAMING), text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("소음 신고", "ko"),
        ("포트홀", "ko"),
        ("쓰레기 무단투기", "ko"),
        ("포트홀 신고", "ko"),
        ("소음", "ko"),
        ("악취 신고요!", "ko"),
        ("가로등 신고", "ko"),
        ("noise complaint", "en"),
        ("pothole", "en"),
        ("report pothole", "en"),
        ("Illegal dumping!", "en"),
        ("report a street light", "en"),
    ],
)
async def test_a_problem_named_alone_starts_the_report_in_its_language(client, text, language):
    person = Person(client, f"bare-{next(_seen)}", language)
    reply = await person.say(text)
    assert reply.intent == "report_complaint", reply.text
    assert reply.language == language and reply.expects == "location", reply.text
    assert reply.text == t("report_flow.ask_where", language), reply.text
    state = await flow_of(client, "telegram", person.user)
    assert state is not None and state.get("name") == "report" and state.get("text") == text, state


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("포트홀 신고는 어떻게 해요?", "ko"),
        ("소음 신고 어떻게 하나요?", "ko"),
        ("How do I report a pothole?", "en"),
    ],
)
async def test_a_question_about_reporting_is_answered_with_the_report_button(client, text, language):
    person = Person(client, f"asked-{next(_seen)}", language)
    reply = await person.say(text)
    assert reply.sources and "/report" in payloads(reply), reply.text
    assert await flow_of(client, "telegram", person.user) is None


@pytest.mark.parametrize("text", ["가로등", "공원", "와이파이"])
async def test_a_thing_named_alone_starts_no_report(client, text):
    person = Person(client, f"thing-{next(_seen)}")
    await person.say(text)
    assert await flow_of(client, "telegram", person.user) is None


# -- 2. a report with contact details at its end -----------------------------------------------------
TOLD = [
    "인도에 불법주차 차량이 있어요",
    "보안등이 깜빡거려요",
    "가로등이 고장났어요.",
    "맨홀 뚜껑이 열려 있어요",
    "놀이터 그네가 부서졌어요",
]
CONTACTS = [
    " 연락처 010-1234-5678",
    ". 연락처 010-1234-5678",
    " 연락처: 010-1234-5678",
    " 연락처는 010-1234-5678입니다",
    " 제 번호 01012345678",
    " 연락 주세요 010-1234-5678",
    " 연락처 010-1234-5678 김민수",
    " 010-1234-5678",
]


@pytest.mark.parametrize(
    ("told", "contact"),
    [(t_, c) for t_ in TOLD for c in CONTACTS[::2]] + [(TOLD[0], c) for c in CONTACTS[1::2]],
)
async def test_a_report_with_contact_details_is_a_report(client, told, contact):
    conversation = f"contact-{next(_seen)}"
    reply = await say(client, told + contact, conversation, language="ko")
    assert reply.intent == "report_complaint" and reply.expects == "location", reply.text
    state = await flow_of(client, "api", conversation)
    assert state is not None and state.get("name") == "report", state


@pytest.mark.parametrize(
    ("told", "language", "place"),
    [
        ("인도에 불법주차 차량이 있어요 연락처 010-2468-1357", "ko", "마포구 망원동"),
        ("The street light is broken. My number is 010-2468-1357", "en", "Mangwon-dong, Mapo-gu"),
    ],
)
async def test_the_number_in_a_report_stays_off_the_public_map(client, official_token, told, language, place):
    chat = Chat(client.app, user=f"contact-map-{next(_seen)}", channel="api", language=language)
    reply = await chat.send(told)
    assert reply.intent == "report_complaint", reply.text
    await chat.send(place)
    reply = await chat.send(payload="/report skip")
    if "/report new" in payloads(reply):
        reply = await chat.send(payload="/report new")
    if "/report confirm" not in payloads(reply):  # the category step: the suggestion pressed
        reply = await chat.press(reply, "/report category")
    assert "/report confirm" in payloads(reply), reply.text
    assert "2468" not in reply.text and t("report_flow.masked_notice", language) in reply.text, reply.text
    filed = await chat.send(payload="/report confirm")
    public_id = next(p.split()[1] for p in payloads(filed) if p.startswith("/status"))
    public = await (await client.get(f"/api/complaints/{public_id}")).json()
    assert "2468" not in str(public), public
    geojson = await (await client.get("/api/complaints.geojson")).text()
    assert "2468" not in geojson
    admin = await (
        await client.get("/api/admin/complaints", headers={"Authorization": f"Bearer {official_token}"})
    ).json()
    private = next(c["private"] for c in admin["complaints"] if c["id"] == public_id)
    assert private["found_in_text"] == {"phone": ["010-2468-1357"]}, private


# -- 3. which proposals are there? -----------------------------------------------------------------
WHICH_KO = [
    "제안 뭐 있어?",
    "제안 뭐있어",
    "제안 뭐 있어요?",
    "무슨 제안 있어?",
    "지금 제안 뭐 올라와 있어요?",
    "요즘 제안들 어떤 거 있어요?",
    "어떤 제안들이 있어요?",
    "다른 사람들 제안 보여줘",
    "시민 제안 뭐 있나요",
    "진행 중인 제안 있어요?",
]
WHICH_EN = [
    "what proposals are there?",
    "What proposals are there",
    "any proposals?",
    "which proposals are open?",
    "Are there any proposals?",
    "what are people proposing?",
    "What citizen proposals are there?",
]
PROPOSING = [
    "제안하고 싶은 게 있어요",
    "제안할 게 있어요",
    "투표 제안할래요",
    "제안 하나 할게요",
    "무슨 제안을 할 수 있어요?",
    "시민 제안 제도가 뭐예요?",
    "I have a proposal",
    "I would like to propose a vote",
    "How do I propose a vote?",
]


@examples(max_examples=60, deadline=None)
@given(
    st.sampled_from(WHICH_KO + WHICH_EN),
    st.sampled_from(["", " ", "ㅎㅎ", "~"]),
)
def test_asking_which_proposals_is_recognised(text, tail):
    assert asks_which_proposals(text + tail), text


@pytest.mark.parametrize("text", PROPOSING)
def test_wanting_to_propose_is_no_question_about_the_list(text):
    assert not asks_which_proposals(text), text


@pytest.mark.parametrize(
    ("text", "language"), [(x, "ko") for x in WHICH_KO[:5]] + [(x, "en") for x in WHICH_EN[:4]]
)
async def test_asking_which_proposals_lists_them(client, text, language):
    author = Person(client, f"author-{next(_seen)}", language)
    await author.press("/propose")
    await author.say("구립도서관 야간 개방")
    await author.say("/propose skip")
    await author.say("찬성\n반대")
    await author.press("/propose done")
    filed = await author.press("/propose confirm")
    assert "/proposals" in payloads(filed), filed.text
    person = Person(client, f"asks-{next(_seen)}", language)
    reply = await person.say(text)
    assert reply.language == language, reply.text
    assert "/proposals support 1" in payloads(reply) and "구립도서관 야간 개방" in reply.text, reply.text
    assert await flow_of(client, "telegram", person.user) is None  # no proposal started


@pytest.mark.parametrize(
    ("text", "language"), [("제안하고 싶은 게 있어요", "ko"), ("I have a proposal", "en")]
)
async def test_wanting_to_propose_still_starts_a_proposal(client, text, language):
    person = Person(client, f"proposer-{next(_seen)}", language)
    await person.say(text)
    state = await flow_of(client, "telegram", person.user)
    assert state is not None and state.get("step") == "title", state


# -- 4. changing a vote that was never cast --------------------------------------------------------
CHANGE_KO = [
    "투표 바꿀래요",
    "투표 바꾸고 싶어요",
    "제 표 좀 바꿔 주세요",
    "재투표 하고 싶어요",
    "투표 다시 할래요",
]
CHANGE_EN = ["change my vote", "I want to change my vote", "can I change my vote?", "undo my vote"]


@pytest.mark.parametrize(
    ("text", "language"), [(x, "ko") for x in CHANGE_KO] + [(x, "en") for x in CHANGE_EN]
)
async def test_changing_a_vote_never_cast_says_so_and_offers_the_polls(client, text, language):
    person = Person(client, f"novote-{next(_seen)}", language)
    reply = await person.say(text)
    assert reply.language == language
    assert reply.text.startswith(t("poll_flow.not_voted_yet", language)), reply.text
    ids = await poll_ids(client)
    votes = [p for p in payloads(reply) if p.startswith("/vote ")]
    assert votes and {int(p.split()[1]) for p in votes} <= set(ids.values()), payloads(reply)


# -- 5. at a confirm step: ㄱㄱ is a yes, "잠깐" keeps the draft -----------------------------------------
GO = ["ㄱㄱ", "ㄱㄱㄱ", "ㄱ", "고고", "go", "go go", "let's go"]
WAIT_KO = [
    "아니 잠깐",
    "잠깐",
    "잠깐만요",
    "아 잠깐만",
    "잠시만요",
    "아니 잠깐!",
    "잠깐만 기다려 주세요",
    "아직이요",
]
WAIT_EN = ["wait", "hold on", "wait a sec", "hang on", "not yet", "wait!"]


@examples(max_examples=80, deadline=None)
@given(st.sampled_from([*GO, "ㅇㅇ"]), st.sampled_from(["", "!", "~", "ㅋㅋ", " 👍", "  "]))
def test_go_is_a_yes(word, tail):
    assert answers.says_yes(word + tail) and not answers.says_no(word + tail), word + tail


@examples(max_examples=80, deadline=None)
@given(st.sampled_from(WAIT_KO + WAIT_EN), st.sampled_from(["", "!", "...", "ㅠ", "  "]))
def test_asking_for_a_moment_is_neither_yes_no_nor_stop(word, tail):
    text = word + tail
    assert answers.wants_to_wait(text), text
    assert not answers.says_yes(text) and not answers.says_no(text), text
    assert not answers.wants_to_stop(text, yes_no=True), text


@pytest.mark.parametrize("text", ["잠깐 취소할게요", "아직 안 고쳐졌어요", "wait, cancel that", "네"])
def test_a_moment_is_only_a_moment(text):
    assert not answers.wants_to_wait(text), text


@examples(max_examples=30, deadline=None)
@given(st.sampled_from([*list("ㅇㄱㄴk네고아잠"), "잠깐", "go", "no"]), st.integers(10, 40))
def test_a_long_run_of_one_letter_is_read_at_once(letter, n):
    # "ㅇ" × 30 then "x" took 2.7 s in says_yes (ㅇ and ㅇㅇ were both words: exponential backtracking).
    text = letter * n + "x"
    started = time.perf_counter()
    answers.says_yes(text), answers.says_no(text), answers.wants_to_stop(text), answers.wants_to_wait(text)
    assert time.perf_counter() - started < 0.5, (letter, n)


async def at_confirm(client, language: str) -> Chat:
    """A report at "이대로 접수할까요?" / "Shall I submit this?" on the API channel."""
    chat = await at_place_step(client, f"confirm-{next(_seen)}", language=language)
    await chat.send("마포구 망원동" if language == "ko" else "Mangwon-dong, Mapo-gu")
    await chat.send(payload="/report skip")
    reply = await chat.send(payload="/report category street_light")
    if "/report new" in payloads(reply):
        reply = await chat.send(payload="/report new")
    assert "/report confirm" in payloads(reply), reply.text
    return chat


async def filed(client, chat: Chat) -> int:
    found = await rows(client.app, "SELECT count(*) FROM complaint_private WHERE user_id = ?", (chat.user,))
    return found[0][0]


@pytest.mark.parametrize("word", [*GO[:4], "ㅇㅇ"])
async def test_go_files_the_report(client, word):
    chat = await at_confirm(client, "ko")
    reply = await chat.send(word)
    assert any(p.startswith("/status") for p in payloads(reply)), reply.text
    assert await filed(client, chat) == 1


@pytest.mark.parametrize(
    ("word", "language"), [(w, "ko") for w in WAIT_KO[:4]] + [(w, "en") for w in WAIT_EN[:3]]
)
async def test_waiting_at_the_report_confirm_keeps_the_draft_and_says_what_to_do(client, word, language):
    chat = await at_confirm(client, language)
    reply = await chat.send(word)
    assert reply.language == language
    assert t("report_flow.confirm_waiting", language) in reply.text, reply.text
    assert "/report confirm" in payloads(reply) and "/cancel" in payloads(reply), payloads(reply)
    assert await filed(client, chat) == 0
    reply = await chat.send("네" if language == "ko" else "yes")  # and the draft files as it was
    assert await filed(client, chat) == 1, reply.text


async def test_anything_else_at_the_report_confirm_says_what_may_be_sent(client):
    chat = await at_confirm(client, "ko")
    reply = await chat.send("음 글쎄요")
    assert t("report_flow.confirm_choices", "ko") in reply.text and "/report confirm" in payloads(reply)
    assert await filed(client, chat) == 0


async def at_preview(client, language: str, title: str) -> Person:
    person = Person(client, f"preview-{next(_seen)}", language)
    await person.press("/propose")
    await person.say(title)
    await person.say("/propose skip")
    await person.say("찬성\n반대" if language == "ko" else "Yes\nNo")
    reply = await person.press("/propose done")
    assert "/propose confirm" in payloads(reply), reply.text
    return person


@pytest.mark.parametrize("word", GO[:4])
async def test_go_files_the_proposal(client, word):
    person = await at_preview(client, "ko", "구립도서관 야간 개방")
    reply = await person.say(word)
    assert "/proposals" in payloads(reply) and "(#1)" in reply.text, reply.text


@pytest.mark.parametrize(
    ("word", "language"), [("아니 잠깐", "ko"), ("잠깐만요", "ko"), ("wait", "en"), ("hold on", "en")]
)
async def test_waiting_at_the_proposal_preview_keeps_the_draft(client, word, language):
    title = "구립도서관 야간 개방" if language == "ko" else "Open the library at night"
    person = await at_preview(client, language, title)
    reply = await person.say(word)
    assert reply.language == language
    assert t("proposal_flow.draft_kept", language) in reply.text, reply.text
    assert t("proposal_flow.preview_choices", language) in reply.text and title in reply.text, reply.text
    assert "/propose confirm" in payloads(reply)
    state = await flow_of(client, "telegram", person.user)
    assert state is not None and state.get("step") == "preview", state


# -- 6. one settings fixture for the chat-flow suites ----------------------------------------------
def test_the_chat_flow_suites_share_one_settings_fixture():
    for name in ("test_flows_twentythird.py", "test_flows_twentythird_b.py", "test_flows_twentythird_c.py"):
        source = (ROOT / "tests" / name).read_text()
        assert "CIVICBOT_PROPOSAL_THRESHOLD" not in source and "settings = flow_settings" in source, name
