"""Messages that made a pattern backtrack for seconds or minutes (newcomer probe, twenty-fourth pass).

"ㅇ" × 1,999 then "x" held a core for over ten minutes in text.is_acknowledgement, on the event loop:
every way of cutting the run into four words was tried. A scan of every compiled pattern in
civicbot with runs of 300 of one unit found four more that took over 2 s each (a typed ballot, the
proposal's removal commands, a Markdown table rule), and the lexical index's respelling copied a
2,000-syllable word 130,000 times. The classes here are runs of one unit, the longest chat message
long (CIVICBOT_MAX_TEXT_CHARS, 2,000), then a letter that makes the match fail at the very end.
Each check must take well under a second; the old code took from seconds to minutes.
"""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from civicbot import poll_flow, proposal_flow, text
from civicbot.ingest import _TABLE_RULE
from civicbot.knowledge import LexicalIndex

LONGEST = 2000
UNITS = st.sampled_from(
    ["ㅇ", "네", "아", "응", "ok", "잠깐", "1", "01", "010", " ", "- ", "가 ", "ㅇ ", "#1 "]
)
ENDS = st.sampled_from(["x", "?", "가", "!", "z1"])


def _run(unit: str, end: str) -> str:
    return (unit * LONGEST)[: LONGEST - len(end)] + end


def _seconds(check, *args) -> float:
    started = time.perf_counter()
    check(*args)
    return time.perf_counter() - started


@examples(max_examples=30, deadline=None)
@given(unit=UNITS, end=ENDS)
def test_a_long_run_is_no_acknowledgement_and_is_read_at_once(unit, end):
    assert _seconds(text.is_acknowledgement, _run(unit, end)) < 0.5
    if end.isalnum():  # a word that is no acknowledgement ends it ("?" and "!" are read past)
        assert not text.is_acknowledgement(_run(unit, end))


def test_acknowledgements_are_still_read():
    for said in (
        "응",
        "넵넵",
        "아 네 알겠어요",
        "ok got it",
        "오케이",
        "아하",
        "응ㅎㅎ",
        "ㅇㅋ",
        "👍",
        "okkkk",
        "아네",
    ):
        assert text.is_acknowledgement(said), said
    for said in ("네 신고할게요", "ok thanks", "아 네 알겠어요 그런데 하나 더요 질문"):
        assert not text.is_acknowledgement(said), said


@examples(max_examples=30, deadline=None)
@given(unit=UNITS, end=ENDS)
def test_the_step_patterns_answer_a_long_run_at_once(unit, end):
    said = _run(unit, end)
    for pattern in (
        poll_flow._TYPED_NUMBERS.fullmatch,
        proposal_flow._REMOVE_KO.match,
        proposal_flow._REMOVE_NAMED_KO.match,
        proposal_flow._REMOVE_WHICH_KO.match,
        _TABLE_RULE.fullmatch,
    ):
        assert _seconds(pattern, said) < 0.5, pattern


def test_the_step_patterns_still_read_what_people_type():
    assert poll_flow._TYPED_NUMBERS.fullmatch("1번, 3번이요")
    assert poll_flow._TYPED_NUMBERS.fullmatch("2 and 4 please")
    assert proposal_flow._REMOVE_KO.match("2번이랑 3번 삭제해 주세요").group(1).split() == ["2번이랑", "3번"]
    assert proposal_flow._REMOVE_KO.match("선택지 3 지워")
    assert proposal_flow._REMOVE_NAMED_KO.match("'나무 심기' 빼 주세요").group(1) == "나무 심기"
    assert proposal_flow._REMOVE_WHICH_KO.match("선택지 삭제해 주세요")
    assert _TABLE_RULE.fullmatch("| --- | :---: |") and _TABLE_RULE.fullmatch("---|---")
    assert not _TABLE_RULE.fullmatch("| -- | x |")


def test_respelling_skips_a_word_longer_than_any_passage_uses():
    index = LexicalIndex([["에스넷", "서울", "와이파이"]])
    assert index.respelled(["에스냇"]) == ["에스넷"]  # one jamo away: still respelled
    long_word = "잠깐" * 1000
    assert _seconds(index.respelled, [long_word]) < 0.5
    assert index.respelled([long_word]) == [long_word]
