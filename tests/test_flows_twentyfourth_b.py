"""The twenty-fourth pass on the chat flows, second probe (branch flow24b).

1. A problem noun followed by a word about its topic (a fine, a reward, towing, a rule or standard, a
   repair done, a report cancelled, the problem gone: "불법주차 과태료", "무단투기 신고 포상금", "악취
   기준", "포트홀 수리 완료", "포트홀 신고 취소", "포트홀 없음", "parking fines") started a report draft:
   the intent model took them for reports. They are questions or statements about the topic,
   answered from the documents or with the honest "no document" reply.
2. "잘못 눌렀어요" with nothing under way started a report draft; it now gets a short "nothing is in
   progress" with the menu.
3. "제안이 뭐야?" started a new proposal; it now explains citizen proposals, with the list and a new
   proposal as buttons. "proposals?" lists them, as "what proposals are there?" does.
4. "강남역 포트홀", "포트 홀" and "층간소음" start a report as "포트홀" does; a date inside a report
   ("쓰레기가 2026.12.03 부터 방치돼 있어요") was cut off as a phone number, and the report was taken
   for a question.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from conftest import flow_settings
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st
from test_flows_twentysecond import Person, payloads
from test_report_flow import rows

from civicbot.categories import catalogue_for
from civicbot.dialogue import bare_problem, only_a_slip, speaks_of_the_topic, without_trailing_contact
from civicbot.i18n import t
from civicbot.proposal_flow import asks_what_proposals_are, asks_which_proposals

ROOT = Path(__file__).resolve().parent.parent
_seen = itertools.count()

pytestmark = pytest.mark.usefixtures("built_index")

settings = flow_settings  # the shared chat-flow settings (tests/conftest.py)

REPORT = "report_complaint"


async def flow_of(client, user: str) -> dict | None:
    """The flow state a Telegram conversation is in after its last message (None: none under way)."""
    found = await rows(client.app, "SELECT state FROM conversations WHERE id = ?", (f"telegram:{user}",))
    return json.loads(found[0][0]).get("flow") if found else None


# -- 1. a problem's topic is no report -------------------------------------------------------------
# A problem noun for every bundled report category, in Korean and in English.
NOUNS = {
    "illegal_parking": (["불법주차", "불법 주정차", "주정차 위반"], ["illegal parking", "parking"]),
    "road_damage": (["포트홀", "싱크홀", "도로 파손"], ["pothole", "potholes", "road damage"]),
    "street_light": (["가로등 고장", "보안등 고장"], ["broken street light", "street light"]),
    "garbage": (
        ["쓰레기 무단투기", "무단투기", "쓰레기", "악취"],
        ["illegal dumping", "littering", "rubbish"],
    ),
    "noise": (["소음", "공사 소음", "층간소음", "확성기 소음"], ["noise", "construction noise"]),
    "safety": (["CCTV 고장", "비상벨 고장"], ["broken CCTV", "emergency bell"]),
    "public_wifi": (["와이파이 고장", "공공 와이파이"], ["public wifi", "broken wifi"]),
    "park": (["놀이터 그네 고장", "공원 벤치 파손"], ["broken swing", "park bench"]),
    "traffic_signal": (["신호등 고장", "보행 신호 고장"], ["broken traffic light", "traffic signal"]),
}
TOPIC_KO = [
    "과태료",
    "과태료 얼마",
    "벌금",
    "범칙금",
    "신고 포상금",
    "포상금",
    "견인",
    "기준",
    "허용 기준",
    "규정",
    "수리 완료",
    "수리 완료됐어요",
    "처리 완료",
    "해결됐어요",
    "신고 취소",
    "신고 취소할게요",
    "취소",
]
TOPIC_EN = ["fine", "fines", "penalty", "reward", "towing", "rules", "standards", "limit", "fixed", "cancel"]
ENDS = ["", ".", "!", "~", " ㅠㅠ", "  "]


def test_every_bundled_category_has_problem_nouns_here():
    codes = {c.code for c in catalogue_for(ROOT / "services").categories if not c.fallback}
    assert codes == set(NOUNS), codes ^ set(NOUNS)


ALL_KO = [noun for ko, _ in NOUNS.values() for noun in ko]
ALL_EN = [noun for _, en in NOUNS.values() for noun in en]


@examples(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.tuples(st.sampled_from(ALL_KO), st.sampled_from([" ", ""]), st.sampled_from(TOPIC_KO)),
        st.tuples(st.sampled_from(ALL_EN), st.just(" "), st.sampled_from(TOPIC_EN)),
    ).map("".join),
    st.sampled_from(ENDS),
)
def test_a_problem_noun_then_a_topic_word_speaks_of_the_topic(text, end):
    said = text + end
    assert speaks_of_the_topic(said), said
    assert not bare_problem(said), said


# Absence: of a problem only (a street light missing may be the report itself).
PROBLEMS_NAMED = ["포트홀", "싱크홀", "불법주차", "소음", "층간소음", "악취", "쓰레기 무단투기", "공사 소음"]


@examples(max_examples=150, deadline=None)
@given(
    st.sampled_from(PROBLEMS_NAMED),
    st.sampled_from(["", "이", "은", "도"]),
    st.sampled_from([" 없음", " 없어요", " 이제 없어요", " 없습니다", "없음", " 없네요"]),
    st.sampled_from(ENDS),
)
def test_a_problem_said_gone_speaks_of_the_topic(noun, particle, absent, end):
    said = noun + particle + absent + end
    assert speaks_of_the_topic(said) and not bare_problem(said), said


@pytest.mark.parametrize("text", ["no potholes", "no more noise", "No illegal parking here", "pothole gone"])
def test_a_problem_said_gone_in_english_speaks_of_the_topic(text):
    assert speaks_of_the_topic(text), text


# Told as a problem to fix now, a topic-like word changes nothing.
STILL_REPORTS = [
    "불법주차 견인해 주세요",
    "불법주차 차량 견인해주세요",
    "불법주차 단속해 주세요",
    "소음이 기준치를 넘어요",
    "소음이 기준을 초과해요",
    "가로등 수리됐는데 또 고장났어요",
    "아직 수리 안 됐어요",
    "the street light has gone out",
    "the pothole is not fixed",
    "포트홀 신고합니다",
    "가로등이 없어요",
    "포트홀",
    "소음이 심해요",
    "쓰레기가 쌓여 있어요",
]


@pytest.mark.parametrize("text", STILL_REPORTS)
def test_a_problem_told_does_not_speak_of_the_topic(text):
    assert not speaks_of_the_topic(text), text


PROBE_KO = [
    "포트홀 없음",
    "포트홀 수리 완료",
    "포트홀 신고 취소",
    "불법주차 과태료",
    "불법주차 견인",
    "무단투기 신고 포상금",
    "쓰레기 무단투기 벌금",
    "악취 기준",
    "과태료 5000원 냈어요",
]
PROBE_EN = ["parking fines", "pothole fixed", "no potholes", "illegal parking towing", "noise rules"]


def _not_a_report(reply) -> bool:
    """Answered from the documents, or told honestly that no document covers it: never the report."""
    return reply.intent != REPORT and reply.expects != "location"


@pytest.mark.parametrize(("text", "language"), [(x, "ko") for x in PROBE_KO] + [(x, "en") for x in PROBE_EN])
async def test_the_probes_topic_messages_start_no_report(client, text, language):
    person = Person(client, f"topic-{next(_seen)}", language)
    reply = await person.say(text)
    assert _not_a_report(reply), reply.text
    assert reply.text != t("report_flow.ask_where", language), reply.text
    assert await flow_of(client, person.user) is None


# A sample of the class over every category: each category's first Korean and English noun with a
# spread of topic words (a full cross product is the pure test's).
ROUTED = [
    (ko[0] + " " + TOPIC_KO[j % len(TOPIC_KO)], "ko")
    for i, (ko, _) in enumerate(NOUNS.values())
    for j in (i * 2, i * 2 + 7)
] + [(en[0] + " " + TOPIC_EN[i % len(TOPIC_EN)], "en") for i, (_, en) in enumerate(NOUNS.values())]


@pytest.mark.parametrize(("text", "language"), ROUTED)
async def test_a_topic_word_after_any_categorys_problem_starts_no_report(client, text, language):
    person = Person(client, f"topic-class-{next(_seen)}", language)
    reply = await person.say(text)
    assert _not_a_report(reply), reply.text
    assert await flow_of(client, person.user) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [("불법주차 견인해 주세요", "ko"), ("포트홀", "ko"), ("쓰레기 무단투기 심해요", "ko"), ("pothole", "en")],
)
async def test_a_problem_told_still_starts_the_report(client, text, language):
    person = Person(client, f"told-{next(_seen)}", language)
    reply = await person.say(text)
    assert reply.intent == REPORT and reply.expects == "location", reply.text


# -- 2. a slip with nothing under way --------------------------------------------------------------
SLIPS_KO = [
    "잘못 눌렀어요",
    "잘못 눌렀어",
    "잘못눌렀어요",
    "앗 잘못 보냈어요",
    "죄송해요 잘못 눌렀습니다",
    "실수로 눌렀어요",
]
SLIPS_EN = [
    "wrong button",
    "sorry, wrong button",
    "I pressed the wrong button",
    "misclicked",
    "oops sent by mistake",
]


@examples(max_examples=80, deadline=None)
@given(st.sampled_from(SLIPS_KO + SLIPS_EN), st.sampled_from(["", "!", ".", "ㅠㅠ", "~", "  "]))
def test_a_slip_is_recognised(slip, end):
    assert only_a_slip(slip + end), slip + end


@pytest.mark.parametrize(
    "text",
    ["잘못 눌렀는데 버스정류장으로 바꿔 주세요", "잘못", "포트홀", "wrong", "the wrong road is closed"],
)
def test_more_than_a_slip_is_no_slip(text):
    assert not only_a_slip(text), text


@pytest.mark.parametrize(
    ("text", "language"), [(x, "ko") for x in SLIPS_KO[:4]] + [(x, "en") for x in SLIPS_EN[:3]]
)
async def test_a_slip_with_nothing_under_way_says_nothing_is_in_progress(client, text, language):
    person = Person(client, f"slip-{next(_seen)}", language)
    reply = await person.say(text)
    assert reply.language == language and reply.text == t("engine.nothing_in_progress", language), reply.text
    assert {"/report", "/polls", "/help"} <= set(payloads(reply)), payloads(reply)
    assert await flow_of(client, person.user) is None


async def test_a_slip_in_a_report_stays_the_reports(client):
    person = Person(client, f"slip-report-{next(_seen)}")
    await person.say("포트홀")
    reply = await person.say("잘못 눌렀어요")
    assert reply.text != t("engine.nothing_in_progress", "ko"), reply.text
    state = await flow_of(client, person.user)
    assert state is not None and state.get("name") == "report", state


# -- 3. what a proposal is; "proposals?" ----------------------------------------------------------
WHAT_KO = [
    "제안이 뭐야",
    "제안이 뭐예요",
    "제안은 뭐예요",
    "시민 제안이 뭐예요",
    "시민제안이 뭐야",
    "제안이란 뭔가요",
    "제안 기능이 뭐야",
    "시민 제안 제도가 뭐예요",
]
WHAT_EN = ["what is a proposal", "What are proposals", "what's a citizen proposal", "how do proposals work"]


@examples(max_examples=80, deadline=None)
@given(st.sampled_from(WHAT_KO + WHAT_EN), st.sampled_from(["", "?", "??", " ?", "!"]))
def test_asking_what_a_proposal_is_is_recognised(text, end):
    said = text + end
    assert asks_what_proposals_are(said) and not asks_which_proposals(said), said


@pytest.mark.parametrize(
    "text",
    [
        "제안 뭐 있어?",
        "무슨 제안 있어?",
        "제안할 게 뭐 있을까",
        "제안하고 싶은 게 있어요",
        "what proposals are there?",
        "I have a proposal",
    ],
)
def test_which_proposals_or_proposing_is_no_question_what_they_are(text):
    assert not asks_what_proposals_are(text), text


@pytest.mark.parametrize(
    ("text", "language"),
    [("제안이 뭐야?", "ko"), ("시민 제안이 뭐예요", "ko"), ("what is a proposal?", "en")],
)
async def test_what_a_proposal_is_is_explained_with_buttons(client, text, language):
    person = Person(client, f"what-{next(_seen)}", language)
    reply = await person.say(text)
    assert reply.text == t("proposal_flow.what_they_are", language, count=3), reply.text
    assert payloads(reply) == ["/proposals", "/propose"], payloads(reply)
    assert await flow_of(client, person.user) is None  # no proposal started


@examples(max_examples=40, deadline=None)
@given(
    st.sampled_from(["proposals", "Proposals", "open proposals", "제안들", "제안 목록", "시민 제안 목록"]),
    st.sampled_from(["?", "", "??", "!"]),
)
def test_the_proposals_named_alone_ask_which_there_are(text, end):
    assert asks_which_proposals(text + end), text + end


@pytest.mark.parametrize(("text", "language"), [("proposals?", "en"), ("제안들?", "ko"), ("제안 목록", "ko")])
async def test_the_proposals_named_alone_list_them(client, text, language):
    author = Person(client, f"author-b-{next(_seen)}", language)
    await author.press("/propose")
    await author.say("구립도서관 야간 개방")
    await author.say("/propose skip")
    await author.say("찬성\n반대")
    await author.press("/propose done")
    await author.press("/propose confirm")
    person = Person(client, f"lists-{next(_seen)}", language)
    reply = await person.say(text)
    assert "구립도서관 야간 개방" in reply.text and any(
        p.startswith("/proposals support") for p in payloads(reply)
    )
    assert await flow_of(client, person.user) is None


# -- 4. a place before the problem; spacing; a date inside a report --------------------------------
PLACES = ["강남역", "망원동", "강남역 11번 출구 앞", "우리 아파트 앞", "신촌로", "시청역 근처"]
NAMED = ["포트홀", "포트 홀", "싱크 홀", "층간소음", "층간 소음", "불법주차", "쓰레기 무단투기", "악취"]


@examples(max_examples=200, deadline=None)
@given(
    st.sampled_from(["", *PLACES]), st.sampled_from(NAMED), st.sampled_from(["", " 신고", "요", "!", "ㅠ"])
)
def test_a_problem_named_with_its_place_or_spaced_is_a_problem_named(place, noun, end):
    said = f"{place} {noun}{end}".strip()
    assert bare_problem(said), said


@pytest.mark.parametrize(
    "text", ["강남역", "강남역 맛집", "망원동 가로등", "강남역 포트홀 어떻게 신고해요?", "우리 아파트 앞"]
)
def test_a_place_alone_or_asked_is_no_problem_named(text):
    assert not bare_problem(text), text


@pytest.mark.parametrize("text", ["강남역 포트홀", "포트 홀", "층간소음", "망원동 불법주차"])
async def test_a_problem_with_its_place_or_spaced_starts_the_report(client, text):
    person = Person(client, f"placed-{next(_seen)}")
    reply = await person.say(text)
    assert reply.intent == REPORT and reply.expects == "location", reply.text
    state = await flow_of(client, person.user)
    assert state is not None and state.get("text") == text, state


DATES = ["2026.12.03", "2026-12-03", "2026/12/3", "2026. 12. 3", "12.03"]


@pytest.mark.parametrize("date", DATES)
def test_a_date_is_no_phone_number(date):
    text = f"쓰레기가 {date} 부터 방치돼 있어요"
    assert without_trailing_contact(text) == text
    assert without_trailing_contact(f"{text} 연락처 010-1234-5678") == text


@pytest.mark.parametrize("date", DATES[:3])
async def test_a_report_with_a_date_inside_is_a_report(client, date):
    person = Person(client, f"dated-{next(_seen)}")
    text = f"쓰레기가 {date} 부터 방치돼 있어요"
    reply = await person.say(text)
    assert reply.intent == REPORT and reply.expects == "location", reply.text
    state = await flow_of(client, person.user)
    assert state is not None and state.get("text") == text, state
