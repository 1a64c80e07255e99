"""The twenty-second pass on the proposal flow (branch prop22), from a newcomer's probe.

1. At the preview every clear yes files the proposal ("완료", "좋아요", "확인", "제출할게요",
   "이대로 해주세요", "yes", "ok", "done", "looks good"), a clear no ends it saying so, and anything
   else shows the preview again: the draft is never dropped without a word.
2. While writing options: "마지막 거 빼줘", "두번째 빼줘", "빼줘" (asks which), "2번을 정자로
   바꿔줘", "설명 수정", "그게 다예요" / "다 했어요" / "끝", "미리보기"; "remove 2" at the preview.
3. An over-long option is named by its number ("3번 선택지가 200자를 넘어요").
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from test_flows_twentysecond import Person, payloads
from test_report_flow import rows

from civicbot import proposal_flow

pytestmark = pytest.mark.usefixtures("built_index")


@pytest.fixture
async def small(make_settings, make_client):
    return await make_client(make_settings(CIVICBOT_PROPOSAL_THRESHOLD="3", CIVICBOT_RATE_LIMIT="0"))


async def titles(client) -> list[str]:
    return [row[0] for row in await rows(client.app, "SELECT title FROM proposals ORDER BY id")]


async def draft(person: Person, title: str, options: str = "그늘막, 나무 심기, 분수"):
    """A proposal written up to its preview (past the similar proposals, if any are offered)."""
    await person.press("/propose")
    await person.say(title)
    await person.press("/propose skip")
    await person.say(options)
    reply = await person.press("/propose done")
    if "/propose new" in payloads(reply):
        reply = await person.press("/propose new")
    assert "/propose confirm" in payloads(reply), reply.text
    return reply


# -- 1. yes, no and anything else at the preview --------------------------------------------------------
KO_YES = [
    "네",
    "넵",
    "넹",
    "예",
    "응",
    "ㅇㅇ",
    "좋아요",
    "좋습니다",
    "확인",
    "확인했어요",
    "완료",
    "제출",
    "제출할게요",
]
KO_ASK = ["제출해", "제출", "이대로 해", "이대로 올려", "올려", "등록해", "진행해"]
KO_PLEASE = ["주세요", " 주세요", "줘", "줘요", "주세여"]
EN_YES = [
    "yes",
    "ok",
    "okay",
    "done",
    "submit",
    "looks good",
    "go ahead",
    "yep",
    "sure",
    "yes please",
    "ok, submit it",
]
MARKS = ["", "!", ".", "~", "!!", " 👍", "ㅎㅎ", " :)"]
CONFIRMATIONS = st.one_of(
    st.tuples(st.sampled_from(KO_YES), st.sampled_from(MARKS)).map("".join),
    st.tuples(st.sampled_from(KO_ASK), st.sampled_from(KO_PLEASE), st.sampled_from(MARKS)).map("".join),
    st.tuples(
        st.sampled_from(EN_YES), st.sampled_from([str, str.upper, str.capitalize]), st.sampled_from(MARKS)
    ).map(lambda p: p[1](p[0]) + p[2]),
    st.sampled_from(["네, 제출해 주세요", "좋아요 올려주세요", "넵넵", "yess", "okk", "Yes, submit it."]),
)
_seen = itertools.count()


@examples(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(word=CONFIRMATIONS)
async def test_every_clear_yes_at_the_preview_files_the_proposal(small, word):
    """Before: "완료" got a goodbye, "좋아요"/"ok" an acknowledgement, "제출할게요" "no document",
    and the draft was gone; only "네" and "submit" filed it."""
    n = next(_seen)
    person = Person(small, f"yes-{n}")
    title = f"놀이터 시설 제안 {n}호"
    await draft(person, title)
    reply = await person.say(word)
    assert title in await titles(small), (word, reply.text)
    assert "#" in reply.text and reply.intent == "propose"


@pytest.mark.parametrize(
    "word", ["아니요", "아뇨", "ㄴㄴ", "취소할게요", "안 할래요", "no", "nope", "never mind"]
)
async def test_a_clear_no_at_the_preview_cancels_and_says_so(small, word):
    person = Person(small, f"no-{word}")
    await draft(person, "공원 운동기구를 늘릴까요?")
    reply = await person.say(word)
    assert reply.intent == "propose"
    assert "제안을 그만뒀어요" in reply.text or "dropped this proposal" in reply.text
    assert await titles(small) == []
    reply = await person.press("/propose confirm")  # nothing is under way: a new proposal starts
    assert await titles(small) == [] and ("제목" in reply.text or "title" in reply.text)


# A question ("공감은 몇 개 필요해요?") is answered since the twenty-third pass, the draft kept:
# tests/test_flows_twentythird.py.
@pytest.mark.parametrize("word", ["음 잠깐만요", "됐어요", "흠", "please", "아니 좋아요"])
async def test_anything_else_at_the_preview_keeps_the_draft_and_shows_the_choices(small, word):
    person = Person(small, f"else-{word}")
    await draft(person, "도서관 운영 시간을 늘릴까요?")
    reply = await person.say(word)
    assert "/propose confirm" in payloads(reply) and "1. 그늘막" in reply.text, reply.text
    assert "‘취소’" in reply.text or "‘cancel’" in reply.text  # what may be sent, said
    await person.say("네")
    assert await titles(small) == ["도서관 운영 시간을 늘릴까요?"]


# -- 2. editing the options, the description, and finishing by words --------------------------------------
async def test_options_are_removed_by_ordinal_replaced_and_the_description_rewritten(small):
    person = Person(small, "edit-ko")
    await person.press("/propose")
    await person.say("놀이터에 무엇이 필요할까요")
    await person.say("여름에 너무 더워요")
    reply = await person.say("그늘막, 나무 심기, 분수, 벤치, 미끄럼틀")
    reply = await person.say("마지막 거 빼줘")  # before: "마지막 거 빼줘" became option 6
    assert "‘미끄럼틀’을 뺐어요" in reply.text and "5." not in reply.text
    reply = await person.say("두번째 빼줘")
    assert "‘나무 심기’를 뺐어요" in reply.text and "2. 분수" in reply.text
    reply = await person.say("빼줘")  # no number: which one?
    assert payloads(reply) == ["/propose remove 1", "/propose remove 2", "/propose remove 3"]
    reply = await person.say("2번을 정자로 바꿔줘")
    assert "2번 선택지를 ‘정자’로 바꿨어요" in reply.text and "2. 정자" in reply.text
    assert "정자로 바꿔줘" not in reply.text
    reply = await person.say("세번째 거 바꿔 주세요")
    assert "‘벤치’를 무엇으로 바꿀까요" in reply.text
    reply = await person.say("평상")
    assert "3. 평상" in reply.text
    reply = await person.say("설명 수정")  # before: an option
    assert "지금 설명: 여름에 너무 더워요" in reply.text
    reply = await person.say("한여름 낮에는 놀이터에 그늘이 하나도 없어요")
    assert "설명을 바꿨어요" in reply.text and "3. 평상" in reply.text
    reply = await person.say("그게 다예요")  # before: an option
    assert "/propose confirm" in payloads(reply) and "/propose description" in payloads(reply)
    assert "설명: 한여름 낮에는 놀이터에 그늘이 하나도 없어요" in reply.text
    reply = await person.say("remove 2")  # before: answered as a question, the draft dropped
    assert "‘정자’" in reply.text and "2. 평상" in reply.text and "/propose confirm" in payloads(reply)
    reply = await person.say("좋아요")
    rows_ = await rows(small.app, "SELECT description, options FROM proposals")
    assert rows_ == [("한여름 낮에는 놀이터에 그늘이 하나도 없어요", '["그늘막", "평상"]')]


@pytest.mark.parametrize("word", ["그게 다예요", "다 했어요", "끝", "끝!", "미리보기", "이게 전부예요"])
async def test_words_for_done_go_to_the_preview_instead_of_becoming_options(small, word):
    person = Person(small, f"done-{word}")
    await person.press("/propose")
    await person.say("버스 정류장에 무엇이 필요할까요")
    await person.press("/propose skip")
    await person.say("온열 의자, 바람막이")
    reply = await person.say(word)
    assert "/propose confirm" in payloads(reply) and "3." not in reply.text, reply.text


async def test_in_english_ordinals_replacing_and_the_description(small):
    person = Person(small, "edit-en", language="en")
    await person.press("/propose")
    await person.say("Shall we have more benches?")
    await person.press("/propose skip")
    await person.say("Yes, No, Maybe, Ten more")
    reply = await person.say("remove the last one")
    assert "Removed ‘Ten more’." in reply.text
    reply = await person.say("change 3 to Only in summer")
    assert "Option 3 is now ‘Only in summer’." in reply.text and "3. Only in summer" in reply.text
    reply = await person.say("that's all")
    assert "/propose confirm" in payloads(reply)
    reply = await person.say("edit description: Our park has two benches for a thousand people.")
    assert "Description changed." in reply.text and "/propose confirm" in payloads(reply)
    reply = await person.say("delete the second option")
    assert "Removed ‘No’." in reply.text
    reply = await person.say("looks good")
    assert await rows(small.app, "SELECT options FROM proposals") == [('["Yes", "Only in summer"]',)]


# -- 3. an over-long option named by its number -------------------------------------------------------------
@pytest.mark.parametrize("language", ["ko", "en"])
async def test_an_over_long_option_is_named_by_its_number(small, language):
    person = Person(small, f"long-{language}", language=language)
    await person.press("/propose")
    await person.say("놀이터에 무엇이 필요할까요" if language == "ko" else "What does the playground need?")
    await person.press("/propose skip")
    words = ("그늘막, 나무 심기", "가" * 201) if language == "ko" else ("Shade, Trees", "long " * 41)
    reply = await person.say(f"{words[0]}, {words[1]}")
    expected = "3번 선택지가 200자를 넘어요" if language == "ko" else "Option 3 is longer than 200 characters"
    assert expected in reply.text and "'options'" not in reply.text
    await person.say(words[0])
    reply = await person.say(("2번 수정: " if language == "ko" else "change 2 to ") + words[1])
    expected = "2번 선택지가 200자를 넘어요" if language == "ko" else "Option 2 is longer than 200 characters"
    assert expected in reply.text


# -- what stays an option -----------------------------------------------------------------------------------
OPTIONS = [
    "쓰레기통 없애기",
    "3번 버스 노선 빼기",
    "3번 버스 노선으로 바꾸기",
    "분수",
    "끝말잇기 대회",
    "Remove nothing",
    "First Street",
]


@pytest.mark.parametrize("option", OPTIONS)
def test_options_that_sound_like_answers_are_not_read_as_edits_or_done(option):
    numbered = proposal_flow.with_numbers(option, 3)
    shapes = (
        proposal_flow._REMOVE_KO,
        proposal_flow._REMOVE_EN,
        proposal_flow._REPLACE_KO,
        proposal_flow._REPLACE_KO_COLON,
        proposal_flow._REPLACE_EN,
        proposal_flow._REWRITE_KO,
        proposal_flow._REMOVE_WHICH_KO,
        proposal_flow._REMOVE_WHICH_EN,
        proposal_flow._EDIT_DESCRIPTION,
    )
    assert not any(shape.match(numbered) or shape.match(option) for shape in shapes)
    assert not proposal_flow.says_done(option)


async def test_an_option_that_sounds_like_an_edit_is_added(small):
    person = Person(small, "kept")
    await person.press("/propose")
    await person.say("공원에 무엇을 바꿀까요")
    await person.press("/propose skip")
    reply = await person.say("쓰레기통 없애기")
    reply = await person.say("끝말잇기 대회")
    assert "1. 쓰레기통 없애기\n2. 끝말잇기 대회" in reply.text
