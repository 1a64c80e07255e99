"""The twenty-third pass on the chat flows (branch flow23): one yes/no reading, and a newcomer's probe.

0. The report and proposal flows read yes and no alike (civicbot.answers): "좋아요" filed a proposal
   but not a report; every step that asks yes or no now reads the same words, with its own on top,
   and a mixture ("아니 좋아요", "네 아니요") or a question is neither.
1. A question at the proposal preview ("이거 언제 검토돼요?") is answered; the draft is kept and the
   reply says how to go on (before: the preview again, the question lost).
2. "remove 2" in a Korean proposal conversation keeps it Korean (before: the reply was English).
3. At the similar proposals, a typed yes, no or number works as the report's similar-report offer
   does (before: a typed "네" left the flow and dropped the draft).
4. Two small numbers at the place step ("2 3") are no coordinates (before: "outside the city").
"""

from __future__ import annotations

import itertools

import pytest
from conftest import flow_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from test_flows_twentysecond import Person, payloads
from test_places_twentysecond import at_place_step
from test_report_flow import GANGNAM, Chat, rows

from civicbot import answers, geocode, proposal_flow, report_flow, voicemap

_RUN = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_seen = itertools.count()

pytestmark = pytest.mark.usefixtures("built_index")


settings = flow_settings  # the shared chat-flow settings (tests/conftest.py)


# -- 0. one reading of yes and no ---------------------------------------------------------------------
YES = [
    "네",
    "넵",
    "넹",
    "예",
    "응",
    "웅",
    "ㅇㅇ",
    "ㅇㅋ",
    "좋아요",
    "좋습니다",
    "그래요",
    "맞아요",
    "네네",
    "넵넵",
    "예 그렇게 해주세요",
    "네 그렇게 해 주세요",
    "이대로 진행해 주세요",
    "yes",
    "Yes",
    "YES",
    "yep",
    "yeah",
    "ok",
    "okay",
    "sure",
    "yes please",
    "sounds good",
]
NO = [
    "아니",
    "아니요",
    "아뇨",
    "아니오",
    "ㄴㄴ",
    "노노",
    "싫어요",
    "no",
    "No",
    "nope",
    "nah",
    "아니요 괜찮아요",
    "no thanks",
]
SUFFIXES = ["", "!", ".", "~", "!!", "~~", " 👍", "ㅎㅎ", "ㅋㅋ", " :)", "  ", "ㅠ"]
# Neither: a yes and a no together, a question, or other words beside the answer.
MIXED = [
    "아니 좋아요",
    "네 아니요",
    "yes no",
    "응 아니",
    "좋아요 아니요",
    "ok nope",
    "네?",
    "ok?",
    "네 근데 언제 검토돼요",
]

yes_spellings = st.tuples(st.sampled_from(YES), st.sampled_from(SUFFIXES)).map("".join)
# A thumbs-up is a yes of its own: "아니 👍" is a mixture, not a no.
no_spellings = st.tuples(st.sampled_from(NO), st.sampled_from([s for s in SUFFIXES if "👍" not in s])).map(
    "".join
)


@examples(max_examples=400, deadline=None)
@given(yes_spellings)
def test_every_yes_spelling_is_a_yes_and_no_no(text):
    assert answers.says_yes(text), text
    assert not answers.says_no(text) and not answers.says_no(text, answers.STOP), text


@examples(max_examples=300, deadline=None)
@given(no_spellings)
def test_every_no_spelling_is_a_no_and_no_yes(text):
    assert answers.says_no(text), text
    assert not answers.says_yes(text), text


@examples(max_examples=300, deadline=None)
@given(st.sampled_from(YES), st.sampled_from(NO), st.booleans(), st.sampled_from(["", " ", ", "]))
def test_a_yes_and_a_no_together_are_neither(yes, no, yes_first, joint):
    text = f"{yes}{joint}{no}" if yes_first else f"{no}{joint}{yes}"
    for also in ("", report_flow._CONFIRM_YES, proposal_flow._PREVIEW_YES):
        assert not answers.says_yes(text, also) and not answers.says_no(text, also), text


@pytest.mark.parametrize("text", [*MIXED, "please", "감사합니다", "괜찮아요", "됐어요", "흠", "", "👀"])
def test_mixtures_questions_and_other_words_are_neither(text):
    assert not answers.says_yes(text) and not answers.says_no(text)


def test_each_steps_own_words_are_read_only_at_that_step():
    assert answers.says_yes("접수해 주세요", report_flow._CONFIRM_YES)
    assert answers.says_yes("네 제출할게요", proposal_flow._PREVIEW_YES)
    assert answers.says_yes("공감할게요", report_flow._SUPPORT_YES)
    assert answers.says_yes("이대로 둘게요", report_flow._KEEP_PLACE)
    # "접수해 주세요" at the similar-report offer is no support of another report.
    assert not answers.says_yes("접수해 주세요") and not answers.says_yes(
        "접수해 주세요", report_flow._SUPPORT_YES
    )
    assert not answers.says_no("취소할게요") and answers.says_no("취소할게요", answers.STOP)


@examples(max_examples=60, deadline=None)
@given(st.text(alphabet="네넵예응좋아요그래ㅇㅋyesokno아니ㄴ ", min_size=0, max_size=400))
def test_long_strings_of_answer_letters_are_read_quickly(text):
    """The readers fold the whole message into one alternation: no input may backtrack for long."""
    answers.says_yes(text + "x", report_flow._CONFIRM_YES)
    answers.says_no(text + "x", answers.STOP)


async def at_confirm(client, user: str) -> Chat:
    """A report written up to "이대로 접수할까요?" (past a similar report, if one is offered)."""
    chat = Chat(client.app, user=user)
    await chat.send(payload="/report")
    await chat.send("집 앞 도로에 포트홀이 생겼어요")
    await chat.send(location=GANGNAM)
    await chat.send(payload="/report skip")
    reply = await chat.send(payload="/report category road_damage")
    if "/report new" in payloads(reply):
        reply = await chat.send(payload="/report new")
    assert "/report confirm" in payloads(reply), reply.text
    return chat


async def filed(client, user: str) -> int:
    found = await rows(client.app, "SELECT count(*) FROM complaint_private WHERE user_id = ?", (user,))
    return found[0][0]


@examples(max_examples=30, **_RUN)
@given(word=yes_spellings)
async def test_every_yes_at_the_report_confirm_step_files_it(client, word):
    """Before: only "네", "예", "응", "확인", "접수", "yes", "ok" exactly ("좋아요", "네!", "넵" did not)."""
    user = f"cy-{next(_seen)}"
    chat = await at_confirm(client, user)
    reply = await chat.send(word)
    assert await filed(client, user) == 1, (word, reply.text)
    assert voicemap.find_public_id(reply.text), reply.text


@pytest.mark.parametrize("word", ["아니요", "ㄴㄴ", "no", "아니 좋아요", "네 아니요", "좋아요?"])
async def test_a_no_or_a_mixture_at_the_report_confirm_step_files_nothing(client, word):
    user = f"cn-{word}"
    chat = await at_confirm(client, user)
    reply = await chat.send(word)
    assert await filed(client, user) == 0 and "/report confirm" in payloads(reply), reply.text
    if answers.says_no(word):  # said so, the draft kept
        assert "아직 접수하지 않았어요" in reply.text
    reply = await chat.send("접수해 주세요")
    assert await filed(client, user) == 1


@examples(max_examples=20, **_RUN)
@given(word=yes_spellings)
async def test_every_yes_at_the_proposal_preview_files_it(client, word):
    n = next(_seen)
    person = Person(client, f"py-{n}")
    title = f"공원 벤치 교체 제안 {n}호"
    await draft(person, title)
    await person.say(word)
    assert title in await titles(client), word


@pytest.mark.parametrize("word", ["아니 좋아요", "네 아니요", "yes no", "좋아요 아니요"])
async def test_a_mixture_at_the_proposal_preview_keeps_the_draft(client, word):
    person = Person(client, f"pm-{word}")
    reply = await draft(person, "도서관 운영 시간을 늘릴까요?")
    reply = await person.say(word)
    assert "/propose confirm" in payloads(reply) and await titles(client) == [], reply.text


@examples(max_examples=12, **_RUN)
@given(word=yes_spellings)
async def test_every_yes_at_the_rough_place_step_keeps_the_place(client, word):
    """Before: "이대로 둘게요", "keep it" and the confirm step's exact words only ("좋아요" was read as
    a place and answered "no 구 or 동 found")."""
    chat = await at_place_step(client, f"rough-{next(_seen)}")
    reply = await chat.send("강남역")
    assert payloads(reply) == ["/report place keep"], reply.text
    reply = await chat.send(word)
    assert reply.expects == "photo" and "위치: 강남구 역삼동" in reply.text, (word, reply.text)


@examples(max_examples=12, **_RUN)
@given(word=yes_spellings)
async def test_every_yes_at_the_similar_report_offer_supports_it(client, word):
    """Before: "좋아요!", "넵", "네네" and "sure 👍" were asked again (the offer read its own list)."""
    original = await rows(client.app, "SELECT public_id FROM complaints")
    if not original:  # the first example files the report the others are offered
        await (await at_confirm(client, "dup-original")).send("네")
        original = await rows(client.app, "SELECT public_id FROM complaints")
    public_id = original[0][0]
    user = f"dup-{next(_seen)}"
    chat = Chat(client.app, user=user)
    await chat.send(payload="/report")
    await chat.send("도로에 포트홀이 있어서 위험해요")
    await chat.send(location=(GANGNAM[0] + 0.0001, GANGNAM[1]))
    await chat.send(payload="/report skip")
    reply = await chat.send(payload="/report category road_damage")
    assert payloads(reply) == [f"/report support {public_id}", "/report new"], reply.text
    reply = await chat.send(word)
    assert "공감을 보탰어요" in reply.text, (word, reply.text)
    assert await filed(client, user) == 0


# -- 1. a question at the proposal preview ----------------------------------------------------------
async def titles(client) -> list[str]:
    return [row[0] for row in await rows(client.app, "SELECT title FROM proposals ORDER BY id")]


async def draft(person: Person, title: str, options: str = "그늘막, 나무 심기, 분수"):
    await person.press("/propose")
    await person.say(title)
    await person.press("/propose skip")
    await person.say(options)
    reply = await person.press("/propose done")
    if "/propose new" in payloads(reply):
        reply = await person.press("/propose new")
    assert "/propose confirm" in payloads(reply), reply.text
    return reply


@pytest.mark.parametrize(
    ("question", "language"),
    [("이거 언제 검토돼요?", "ko"), ("공감은 몇 개 필요해요?", "ko"), ("how long does review take?", "en")],
)
async def test_a_question_at_the_preview_is_answered_and_the_draft_kept(client, question, language):
    person = Person(client, f"q-{question}", language=language)
    title = "놀이터 그늘막을 늘릴까요?" if language == "ko" else "More shade at the playground?"
    await draft(person, title)
    reply = await person.say(question)
    # before: the preview again ("1. 그늘막" and its choices), the question not answered
    assert "1. 그늘막" not in reply.text, reply.text
    assert reply.intent != "propose", reply.text  # the Dialogue's answer to the question
    kept = "작성하던 제안은 그대로 두었어요" if language == "ko" else "Your proposal is kept"
    assert kept in reply.text and "/propose confirm" in payloads(reply), reply.text
    await person.say("네" if language == "ko" else "yes")
    assert await titles(client) == [title]


# -- 2. a short English command in a Korean conversation -----------------------------------------------
@pytest.mark.parametrize(
    "command", ["remove 2", "Remove 2", "delete option 2", "drop #2", "remove the second one"]
)
async def test_a_latin_command_keeps_a_korean_proposal_korean(client, command):
    person = Person(client, f"lat-{command}")
    await person.press("/propose")
    await person.say("놀이터에 무엇이 필요할까요")
    await person.press("/propose skip")
    await person.say("그늘막, 나무 심기, 분수")
    reply = await person.say(command)  # before: "Removed ‘나무 심기’." in English
    assert "‘나무 심기’를 뺐어요" in reply.text and reply.language == "ko", reply.text
    reply = await person.say("done")
    assert reply.language == "ko", reply.text


async def test_an_english_sentence_still_switches_the_language(client):
    person = Person(client, "lat-sentence")
    await person.press("/propose")
    await person.say("놀이터에 무엇이 필요할까요")
    reply = await person.say("How do I write a good description for this?")
    assert reply.language == "en"


# -- 3. typed answers at the similar proposals ------------------------------------------------------
async def offered(
    client, user: str, first_title: str | None = "어린이 놀이터에 그늘막을 설치할까요?"
) -> tuple:
    """A proposal filed, then another person's similar draft at the similar proposals."""
    if first_title and not await titles(client):
        await draft(Person(client, "sim-first"), first_title, "그늘막 설치, 나무 심기")
        await Person(client, "sim-first").say("네")
    person = Person(client, user)
    await person.press("/propose")
    await person.say("어린이 놀이터에 그늘막 설치해 주세요")
    await person.press("/propose skip")
    await person.say("그늘막 설치, 나무 심기")
    reply = await person.press("/propose done")
    assert "/propose new" in payloads(reply), reply.text
    return person, reply


async def supports(client) -> list[int]:
    sql = "SELECT count(*) FROM proposal_supports GROUP BY proposal_id ORDER BY proposal_id"
    return [r[0] for r in await rows(client.app, sql)]


@pytest.mark.parametrize("word", ["네", "좋아요!", "공감할게요", "1번", "1", "yes 👍"])
async def test_a_typed_yes_or_number_at_the_similar_proposals_supports_it(client, word):
    person, _offer = await offered(client, f"sy-{word}")
    before = await supports(client)
    reply = await person.say(word)  # before: "네" left the flow; the draft and the support were lost
    assert "공감" in reply.text and reply.intent == "propose", reply.text
    assert (await supports(client))[0] == before[0] + 1


@pytest.mark.parametrize("word", ["아니요", "ㄴㄴ", "새로 제안할게요", "no", "new"])
async def test_a_typed_no_at_the_similar_proposals_goes_on_to_the_preview(client, word):
    person, _offer = await offered(client, f"sn-{word}")
    reply = await person.say(word)
    assert "/propose confirm" in payloads(reply) and "1. 그늘막 설치" in reply.text, reply.text
    await person.say("네")
    assert len(await titles(client)) == 2


@pytest.mark.parametrize("word", ["음 잠깐만요", "아니 좋아요", "5번"])
async def test_anything_else_at_the_similar_proposals_offers_them_again(client, word):
    person, offer = await offered(client, f"se-{word}")
    reply = await person.say(word)
    assert payloads(reply) == payloads(offer) and "번호" in reply.text, reply.text
    reply = await person.say("공감은 어떻게 세요?")  # a question: answered, the offer kept
    assert "작성하던 제안은 그대로" in reply.text and "/propose new" in payloads(reply), reply.text
    reply = await person.press("/propose new")
    assert "/propose confirm" in payloads(reply)


# -- 4. number pairs at the place step --------------------------------------------------------------
small_pairs = st.tuples(
    st.integers(0, 32), st.integers(0, 32), st.sampled_from([" ", ", ", ",", "  ", " / "])
)


@examples(max_examples=300, deadline=None)
@given(small_pairs)
def test_two_small_whole_numbers_are_no_coordinates(case):
    first, second, joint = case
    assert geocode.typed_point(f"{first}{joint}{second}") is None


@examples(max_examples=300, deadline=None)
@given(st.integers(33, 39), st.integers(124, 132), st.booleans(), st.sampled_from([" ", ", ", "; "]))
def test_whole_numbers_in_koreas_ranges_are_read_in_either_order(lat, lon, lat_first, joint):
    text = f"{lat}{joint}{lon}" if lat_first else f"{lon}{joint}{lat}"
    assert geocode.typed_point(text) == geocode.TypedPoint(lat, lon), text


@examples(max_examples=200, deadline=None)
@given(st.floats(0.1, 89.9), st.floats(0.1, 179.9), st.integers(1, 6))
def test_decimal_pairs_are_always_read_as_a_point(lat, lon, places):
    point = geocode.typed_point(f"{lat:.{places}f}, {lon:.{places}f}")
    assert point is not None and abs(point.lat - lat) <= 10**-places


@pytest.mark.parametrize("typed", ["2 3", "2, 3", "12 34", "3 4"])
async def test_two_small_numbers_at_the_place_step_get_the_helpful_reply(client, typed):
    chat = await at_place_step(client, f"np-{typed}")
    reply = await chat.send(typed)  # before: "위도 2, 경도 3 … 서울특별시 밖"
    assert "위도" not in reply.text and "밖" not in reply.text, reply.text
    assert "구나 동 이름을 찾지 못했어요" in reply.text and reply.expects == "location", reply.text
    reply = await chat.send("37 127")  # whole degrees in Korea's range: still the point, outside Seoul
    assert "위도 37, 경도 127" in reply.text
