"""The twenty-third pass on the chat flows, second part (branch flow23b): a newcomer's probe.

1. Natural ways of stopping ("아 잠깐 취소", "그만할래요", "아니 취소해주세요", "wait, cancel that")
   were read as a place, a photo answer or the preview's "anything else": only the Dialogue's exact
   "취소" and "/cancel" worked. One recogniser (civicbot.answers.wants_to_stop) now ends the report,
   the proposal and the vote at every step; a description that holds the words is still a
   description.
2. Once given, a report's place could not be changed: "주소 바꿀래요", "서초구 서초동", "126.9780,
   37.5665" and "Mapo" at the photo step got the photo question again, and the preview kept the old
   place. A change request goes back to the place (or the description) step, keeping the rest; a
   place typed at the photo or confirm step replaces it.
3. Right after voting, "아 잘못 눌렀어요 버스정류장으로 바꿔주세요" started a report; it now says a
   cast ballot cannot be changed (one person, one vote) and what the receipt is for. At a poll's
   district question, "아 잠깐 바꿀래요 버스정류장으로" left the vote; it is now asked again,
   saying the option comes after it.
"""

from __future__ import annotations

import itertools
import json

import pytest
from conftest import flow_settings
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from test_flows_twentysecond import Person, payloads
from test_places_twentysecond import at_place_step
from test_polls_flow import Telegram, poll_ids, receipt_in
from test_report_flow import Chat, rows

from civicbot import answers

_RUN = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_seen = itertools.count()

pytestmark = pytest.mark.usefixtures("built_index")


settings = flow_settings  # the shared chat-flow settings (tests/conftest.py)


# -- 1. one way of reading "I want to stop" ----------------------------------------------------------
FILLERS = ["", "아 ", "아 잠깐 ", "잠깐만 ", "그냥 ", "음 ", "아니 ", "이거 다 ", "신고 ", "앗 죄송 "]
STOPS_KO = [
    "취소",
    "취소요",
    "취소할게요",
    "취소해 주세요",
    "취소해주세요",
    "취소하고 싶어요",
    "그만",
    "그만할래요",
    "그만할게요",
    "그만둘래요",
    "그만 둘게요",
    "안 할래요",
    "안할게요",
    "됐어요",
    "관둘게요",
    "관둘래요",
    "나중에 할게요",
    "다음에 할게요",
    "중단해 주세요",
]
TAILS = ["", "!", "...", "ㅠㅠ", " 😅", " 그냥"]
STOPS_EN = ["cancel", "cancel that", "cancel it", "stop", "never mind", "nevermind", "forget it", "quit"]
FILLERS_EN = ["", "wait, ", "oh ", "um ", "actually ", "sorry, ", "I want to ", "please "]
stop_ko = st.builds(
    lambda f, s, e: f + s + e, st.sampled_from(FILLERS), st.sampled_from(STOPS_KO), st.sampled_from(TAILS)
)
stop_en = st.builds(
    lambda f, s, e: f + s + e,
    st.sampled_from(FILLERS_EN),
    st.sampled_from(STOPS_EN),
    st.sampled_from(["", ".", "!", " please"]),
)
# Sentences that hold the words but say something else: a report's description, a question.
NOT_STOPS = [
    "공사가 취소됐는데 표지판이 그대로예요",
    "버스 운행이 취소돼서 정류장에 사람들이 몰려 있어요",
    "취소됐어요",
    "취소할 수 있어요?",
    "그만 좀 시끄럽게 했으면 좋겠어요",
    "공사를 그만해야 하는데 계속 해요",
    "stop sign is knocked over",
    "the bus stop shelter is broken",
    "아니요",
    "아 잠깐",
    "wait",
    "네",
    "서초구 서초동",
    "사진 없어요",
]


@examples(max_examples=80, **_RUN)
@given(text=st.one_of(stop_ko, stop_en))
def test_every_way_of_stopping_is_a_stop(text):
    assert answers.wants_to_stop(text), text
    assert not answers.says_yes(text), text


@pytest.mark.parametrize("text", NOT_STOPS)
def test_sentences_holding_the_words_are_no_stop(text):
    assert not answers.wants_to_stop(text)


def test_enough_alone_is_no_stop_at_a_yes_no_question():
    """ "됐어요" to "접수할까요?" is "that's fine" as often as "never mind" (the proposal preview keeps
    the draft for it: tests/test_proposals_twentysecond.py); with another stop word it is a stop."""
    assert answers.wants_to_stop("됐어요") and not answers.wants_to_stop("됐어요", yes_no=True)
    assert answers.wants_to_stop("됐어요 그냥 취소해 주세요", yes_no=True)
    assert answers.wants_to_stop("아 잠깐 취소", yes_no=True)


@examples(max_examples=30, **_RUN)
@given(text=st.text(alphabet="아잠깐취소그만할래요됐어 ", min_size=30, max_size=60).map(lambda s: s + "x"))
def test_long_strings_of_stop_letters_are_read_quickly(text):
    answers.wants_to_stop(text)  # a ReDoS would time the test out


async def report_state(client, chat: Chat):
    found = await rows(
        client.app, "SELECT state FROM conversations WHERE id = ?", (f"{chat.channel}:conv-{chat.user}",)
    )
    return json.loads(found[0][0]).get("flow") if found else None


async def at_photo_step(client, user: str, language: str = "ko") -> Chat:
    chat = await at_place_step(client, user, language=language)
    reply = await chat.send("마포구 망원동" if language == "ko" else "Mangwon-dong, Mapo-gu")
    assert reply.expects == "photo", reply.text
    return chat


async def at_confirm(client, user: str) -> Chat:
    """A report at "이대로 접수할까요?", its place typed as 마포구 망원동 (the probe's)."""
    chat = await at_photo_step(client, user)
    await chat.send(payload="/report skip")
    reply = await chat.send(payload="/report category street_light")
    if "/report new" in payloads(reply):
        reply = await chat.send(payload="/report new")
    assert "/report confirm" in payloads(reply) and "마포구 망원동" in reply.text, reply.text
    return chat


async def filed(client, user: str) -> int:
    found = await rows(client.app, "SELECT count(*) FROM complaint_private WHERE user_id = ?", (user,))
    return found[0][0]


@pytest.mark.parametrize(
    ("step", "text"),
    [
        ("where", "아 잠깐 취소"),
        ("photo", "아 잠깐 취소"),
        ("photo", "그만할래요"),
        ("confirm", "아니 취소해주세요"),
        ("confirm", "됐어요 그냥 안 할래요"),
    ],
)
async def test_the_probes_stops_end_the_report(client, step, text):
    user = f"stop-{step}-{next(_seen)}"
    if step == "where":
        chat = await at_place_step(client, user)
    elif step == "photo":
        chat = await at_photo_step(client, user)
    else:
        chat = await at_confirm(client, user)
    reply = await chat.send(text)
    assert reply.intent == "cancel" and "취소했어요" in reply.text, reply.text
    assert "사진" not in reply.text and "구나 동" not in reply.text and "접수할까요" not in reply.text
    assert await report_state(client, chat) is None and await filed(client, user) == 0


async def test_wait_cancel_that_ends_an_english_report_at_the_place_step(client):
    chat = await at_place_step(client, f"stop-en-{next(_seen)}", language="en")
    reply = await chat.send("wait, cancel that")
    assert reply.intent == "cancel" and "cancelled" in reply.text.casefold(), reply.text
    assert await report_state(client, chat) is None


@examples(max_examples=12, **_RUN)
@given(text=stop_ko, step=st.sampled_from(["where", "photo", "category", "confirm"]))
async def test_any_way_of_stopping_ends_the_report_at_any_step(client, text, step):
    # A bare "됐어요" is "no photo" at the photo step and either answer at "접수할까요?" (flow23c,
    # tests/test_flows_twentythird_c.py): no stop there, so not drawn for those steps.
    assume(not (step in ("photo", "confirm") and answers.says_enough(text)))
    user = f"stop-any-{next(_seen)}"
    chat = await at_photo_step(client, user)
    if step == "where":
        chat = await at_place_step(client, user + "w")
    if step in ("category", "confirm"):
        await chat.send(payload="/report skip")
    if step == "confirm":
        reply = await chat.send(payload="/report category street_light")
        if "/report new" in payloads(reply):
            await chat.send(payload="/report new")
    reply = await chat.send(text)
    assert reply.intent == "cancel", (text, step, reply.text)
    assert await report_state(client, chat) is None


@pytest.mark.parametrize("description", NOT_STOPS[:2])
async def test_a_description_holding_the_words_is_a_description(client, description):
    chat = Chat(client.app, user=f"desc-{next(_seen)}", channel="api")
    await chat.send(payload="/report")
    reply = await chat.send(description)
    assert reply.expects == "location" and "어디에서" in reply.text, reply.text


async def test_a_no_at_the_confirm_step_still_keeps_the_draft(client):
    """ "아니요 됐어요" is the shared no (the twenty-third pass's first part): not filed, kept."""
    chat = await at_confirm(client, f"no-{next(_seen)}")
    reply = await chat.send("아니요 됐어요")
    assert "/report confirm" in payloads(reply) and "아직 접수하지 않았어요" in reply.text


@examples(max_examples=8, **_RUN)
@given(text=st.one_of(stop_ko, stop_en))
async def test_any_way_of_stopping_ends_a_proposal_draft(client, text):
    person = Person(client, f"prop-stop-{next(_seen)}")
    await person.press("/propose")
    reply = await person.say(text)
    # The Dialogue's exact words ("취소", "cancel") give its own reply; the rest the flow's.
    assert reply.intent == "cancel" and "취소할 진행 중인" not in reply.text, (text, reply.text)
    found = await rows(client.app, "SELECT count(*) FROM proposals")
    assert found[0][0] == 0


# -- 2. changing the place and the description --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("서초구 서초동", "서초구 서초동"),
        ("126.9780, 37.5665", "중구"),
        ("Mapo", "마포구"),  # flow23c: answered in Korean (it had switched the conversation)
        ("주소를 서초구 서초동으로 바꿔 주세요", "서초구 서초동"),
    ],
)
async def test_a_place_typed_at_the_photo_step_replaces_the_place(client, text, place):
    chat = await at_photo_step(client, f"photo-place-{next(_seen)}")
    reply = await chat.send(text)
    assert reply.expects == "photo" and place in reply.text, reply.text
    assert "사진을 보내시거나" not in reply.text  # the probe's "send a photo or press skip"
    reply = await chat.send(payload="/report skip")
    reply = await chat.send(payload="/report category street_light")
    if "/report new" in payloads(reply):
        reply = await chat.send(payload="/report new")
    assert "망원동" not in reply.text and "Mangwon" not in reply.text, reply.text


@pytest.mark.parametrize(
    "request_", ["주소 바꿀래요", "장소 잘못 입력했어요", "위치 변경해 주세요", "change the address"]
)
async def test_asking_to_change_the_place_goes_back_to_the_place_step(client, request_):
    chat = await at_photo_step(client, f"change-place-{next(_seen)}")
    reply = await chat.send(request_)
    assert reply.expects == "location", reply.text
    reply = await chat.send("서초구 서초동")
    assert reply.expects == "photo" and "서초구 서초동" in reply.text, reply.text


async def test_a_place_typed_at_the_confirm_step_updates_the_preview(client):
    user = f"confirm-place-{next(_seen)}"
    chat = await at_confirm(client, user)
    reply = await chat.send("서초구 서초동")
    assert "/report confirm" in payloads(reply), reply.text
    assert "서초구 서초동" in reply.text and "망원동" not in reply.text, reply.text
    await chat.send("네")
    place = await rows(client.app, "SELECT district, dong FROM complaints ORDER BY id DESC LIMIT 1")
    assert tuple(place[0]) == ("서초구", "서초동")


async def test_asking_to_change_the_place_at_the_confirm_step_keeps_the_rest(client):
    chat = await at_confirm(client, f"confirm-change-{next(_seen)}")
    reply = await chat.send("장소를 바꾸고 싶어요")
    assert reply.expects == "location" and "다시" in reply.text, reply.text
    reply = await chat.send("서초구 서초동")
    assert "/report confirm" in payloads(reply) and "서초구 서초동" in reply.text, reply.text
    assert "가로등이 나갔어요" in reply.text  # the description kept


@pytest.mark.parametrize("request_", ["내용 바꿀래요", "설명 수정할게요", "change the description"])
async def test_asking_to_change_the_description_at_the_confirm_step(client, request_):
    chat = await at_confirm(client, f"confirm-text-{next(_seen)}")
    reply = await chat.send(request_)
    assert reply.expects is None and "/report confirm" not in payloads(reply), reply.text
    reply = await chat.send("망원동 골목 가로등이 일주일째 꺼져 있어요")
    assert "/report confirm" in payloads(reply), reply.text
    assert "일주일째" in reply.text and "마포구 망원동" in reply.text, reply.text


# -- 3. a cast ballot, and changing one's mind mid-vote ---------------------------------------------
async def voted(client, user: str) -> tuple[int, str]:
    pid = (await poll_ids(client))["public-wifi-next"]
    voter = Telegram(client, user=user)
    await voter.press(f"/vote {pid}")
    await voter.press(f"/vote {pid} district skip")
    await voter.press(f"/vote {pid} age skip")
    reply = await voter.press(f"/vote {pid} 1")
    return pid, receipt_in(reply)


CHANGE_VOTE = [
    ("아 잘못 눌렀어요 버스정류장으로 바꿔주세요", "ko"),
    ("투표 바꿀래요", "ko"),
    ("다시 투표하고 싶어요", "ko"),
    ("제 표 취소해 주세요", "ko"),
    ("oops, I voted for the wrong one. change it to bus stops", "en"),
    ("can I change my vote", "en"),
]


@pytest.mark.parametrize(("text", "language"), CHANGE_VOTE)
async def test_asking_to_change_a_cast_ballot_says_it_is_final(client, text, language):
    user = f"revote-{next(_seen)}"
    pid, receipt = await voted(client, user)
    reply = await Telegram(client, user=user, language=language).say(text)
    assert "어디에서" not in reply.text and "Where is it" not in reply.text, reply.text
    if language == "ko":
        assert "바꾸거나 취소할 수 없어요" in reply.text and "영수증" in reply.text, reply.text
    else:
        assert "can't be changed" in reply.text and "receipt" in reply.text, reply.text
    assert receipt not in reply.text  # the code is never kept in the conversation to repeat
    ballot = await rows(
        client.app, "SELECT choices FROM poll_ballots WHERE poll_id = ? AND receipt = ?", (pid, receipt)
    )
    assert json.loads(ballot[0][0]) == [1]
    state = await rows(client.app, "SELECT state FROM conversations WHERE id = ?", (f"telegram:{user}",))
    assert json.loads(state[0][0])["flow"] is None


async def test_asking_to_change_a_vote_never_cast_is_not_told_it_is_final(client):
    reply = await Telegram(client, user=f"never-{next(_seen)}").say("투표 바꿀래요")
    assert "바꾸거나 취소할 수 없어요" not in reply.text


async def test_changing_ones_mind_at_the_district_question_stays_in_the_vote(client):
    pid = (await poll_ids(client))["public-wifi-next"]
    user = f"midvote-{next(_seen)}"
    voter = Telegram(client, user=user)
    await voter.press(f"/vote {pid}")
    reply = await voter.say("아 잠깐 바꿀래요 버스정류장으로")
    assert (
        "문서는 아직 없어요" not in reply.text
        and "버스정류장" in reply.text
        and "아직 투표하지 않았어요" in reply.text
    )
    assert f"/vote {pid} district mapo" in payloads(reply), reply.text
    reply = await voter.say("마포구")
    assert "연령대" in reply.text, reply.text
    reply = await voter.say("구를 잘못 골랐어요 다시 고를래요")
    assert f"/vote {pid} district mapo" in payloads(reply) and "자치구" in reply.text, reply.text
    await voter.say("서대문구")
    await voter.say("건너뛰기")
    reply = await voter.say("2")
    assert "영수증 코드" in reply.text, reply.text


@examples(max_examples=6, **_RUN)
@given(text=stop_ko.filter(lambda s: "안 할래요" not in s))
async def test_any_way_of_stopping_ends_a_vote_mid_way(client, text):
    pid = (await poll_ids(client))["public-wifi-next"]
    user = f"pollstop-{next(_seen)}"
    voter = Telegram(client, user=user)
    await voter.press(f"/vote {pid}")
    reply = await voter.say(text)
    assert reply.intent == "cancel" and "취소할 진행 중인" not in reply.text, (text, reply.text)
    state = await rows(client.app, "SELECT state FROM conversations WHERE id = ?", (f"telegram:{user}",))
    assert json.loads(state[0][0])["flow"] is None


async def test_skip_words_at_a_poll_question_still_skip(client):
    pid = (await poll_ids(client))["public-wifi-next"]
    voter = Telegram(client, user=f"pollskip-{next(_seen)}")
    await voter.press(f"/vote {pid}")
    reply = await voter.say("안 할래요")
    assert "연령대" in reply.text, reply.text


@pytest.mark.parametrize("word", ["yes please", "sure", "keep it", "Yes please 👍"])
async def test_an_english_yes_at_the_rough_place_keeps_a_korean_report_korean(client, word):
    """Found while running test_flows_twentythird: its Hypothesis example "yes please" at the rough
    place answered in English (the Dialogue read the language from it)."""
    chat = await at_place_step(client, f"rough-en-{next(_seen)}")
    await chat.send("강남역")
    reply = await chat.send(word)
    assert reply.language == "ko" and "위치: 강남구 역삼동" in reply.text, reply.text
