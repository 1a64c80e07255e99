"""The twenty-third pass on the chat flows, third part (branch flow23c): a probe of flow23b.

1. "다 됐어요" ("all done") at the proposal's options step dropped the draft: the filler "다" and
   "됐어요" read as a stop. "다 됐어요", "다 했어요", "이제 됐어요" say done; the preview follows.
2. A bare "됐어요" deleted a report draft at the similar-report offer (a yes/no question) and at
   the photo step (where it means "no photo").
3. "Mapo" or "Gangnam" at a Korean report's photo or confirm step switched it to English.
4. "2번" or "1" at a poll's district question left the vote for an out-of-scope answer; the
   question is asked again, saying the options come after it.
"""

from __future__ import annotations

import itertools

import pytest
from conftest import flow_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from test_flows_twentysecond import Person, payloads
from test_flows_twentythird_b import at_confirm, at_photo_step, report_state
from test_polls_flow import Telegram, poll_ids

from civicbot import answers

_RUN = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_seen = itertools.count()

pytestmark = pytest.mark.usefixtures("built_index")


settings = flow_settings  # the shared chat-flow settings (tests/conftest.py)


# -- 1. done is not stop --------------------------------------------------------------------------------
DONE = ["다 됐어요", "다 했어요", "이제 됐어요", "이제 다 됐어요", "다 끝났어요"]


@examples(max_examples=20, **_RUN)
@given(done=st.sampled_from(DONE), tail=st.sampled_from(["", "!", "~", "ㅎㅎ", " 😊"]))
def test_saying_done_is_no_stop(done, tail):
    assert not answers.wants_to_stop(done + tail)
    assert answers.wants_to_stop("다 됐어요 그냥 취소할게요")  # with a stop word it still stops


@pytest.mark.parametrize("done", DONE[:3])
async def test_all_done_at_the_options_step_goes_to_the_preview(client, done):
    person = Person(client, f"prop-done-{next(_seen)}")
    await person.press("/propose")
    await person.say("구립도서관 야간 개방")
    await person.say("평일 밤 10시까지 열어 주세요")
    await person.say("찬성")
    await person.say("반대")
    reply = await person.say(done)
    assert reply.intent != "cancel" and "그만뒀어요" not in reply.text, reply.text
    assert "/propose confirm" in payloads(reply) or "/propose new" in payloads(reply), reply.text


# -- 2. a bare "됐어요" keeps a report draft where it answers the question ----------------------------
@pytest.mark.parametrize("text", ["됐어요", "음 됐어요", "됐습니다"])
async def test_enough_at_the_photo_step_is_no_photo(client, text):
    chat = await at_photo_step(client, f"enough-photo-{next(_seen)}")
    reply = await chat.send(text)
    assert reply.intent != "cancel", reply.text
    state = await report_state(client, chat)
    assert state is not None and state.get("photo_done") is True, state


async def test_enough_at_the_similar_report_offer_keeps_the_draft(client):
    first = await at_confirm(client, f"enough-first-{next(_seen)}")
    await first.send("네")
    chat = await at_photo_step(client, f"enough-dup-{next(_seen)}")
    await chat.send(payload="/report skip")
    reply = await chat.send(payload="/report category street_light")
    assert "/report new" in payloads(reply), reply.text  # the similar-report offer
    reply = await chat.send("됐어요")
    assert reply.intent != "cancel", reply.text
    assert await report_state(client, chat) is not None


# -- 3. a place in Latin letters keeps a Korean report Korean ------------------------------------------
@pytest.mark.parametrize("text", ["Mapo", "Gangnam", "Seocho-gu"])
async def test_a_latin_place_at_the_photo_step_keeps_korean(client, text):
    chat = await at_photo_step(client, f"latin-photo-{next(_seen)}")
    reply = await chat.send(text)
    assert reply.language == "ko" and reply.expects == "photo", reply.text
    assert "사진" in reply.text, reply.text


async def test_a_latin_place_at_the_confirm_step_keeps_korean(client):
    chat = await at_confirm(client, f"latin-confirm-{next(_seen)}")
    reply = await chat.send("Gangnam")
    assert reply.language == "ko" and "접수할까요" in reply.text, reply.text


# -- 4. a number at a poll's district question --------------------------------------------------------
@pytest.mark.parametrize("text", ["2번", "1", "3번이요"])
async def test_a_number_at_the_district_question_stays_in_the_vote(client, text):
    pid = (await poll_ids(client))["public-wifi-next"]
    voter = Telegram(client, user=f"num-district-{next(_seen)}")
    await voter.press(f"/vote {pid}")
    reply = await voter.say(text)
    assert "아직 투표하지 않았어요" in reply.text, reply.text
    assert f"/vote {pid} district mapo" in payloads(reply), reply.text
    await voter.say("마포구")
    await voter.say("건너뛰기")
    reply = await voter.say("2")
    assert "영수증 코드" in reply.text, reply.text
