"""Classes of question the twelfth Q&A pass handles (README "The twelfth pass"): a count is stated
only by a figure whose counter ends there or takes a particle ("3대를", "6개월간"), not by a
figure followed by a longer word that opens with the counter's syllable ("2시간 대관" counts no
cars); an unknown counter is matched whole ("몇 시간" by "8시간"); a bound glued to the counter
("몇개월이상") is not part of it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from civicbot.detail import asked_detail, missing_detail

THINGS = ["주차", "대관", "교육", "지원"]
PARTICLES = ["", "를", "가", "까지", "씩", "이상", "간", " 정도", "의", "입니다"]


@given(
    st.sampled_from(THINGS),
    st.sampled_from([("대", "30"), ("곳", "12"), ("명", "40"), ("개월", "6"), ("시간", "8"), ("마리", "2")]),
    st.sampled_from(PARTICLES),
    st.sampled_from(["", " "]),
)
def test_a_figure_with_the_counter_asked_states_the_count(thing, counter_figure, particle, gap):
    counter, figure = counter_figure
    question = f"{thing} 몇{gap}{counter} 돼요?"
    page = f"{thing}은 최대 {figure}{counter}{particle} 가능합니다. 신청은 구청 누리집에서 합니다."
    assert missing_detail(question, page, True) is None, (question, page)


@given(
    st.sampled_from(
        [
            ("대", "2시간 대관을 기본으로 합니다"),
            ("대", "만 19세 대상입니다"),
            ("곳", "3개 곳곳에 안내판이 있습니다"),
            ("명", "5일 명절에는 쉽니다"),
        ]
    ),
    st.sampled_from(["주차", "자리", "참가자"]),
)
def test_a_figure_before_a_word_that_only_opens_with_the_counter_states_no_count(case, thing):
    counter, sentence = case
    question = f"{thing} 몇 {counter} 가능해요?"
    page = f"구민회관은 {sentence}. 신청은 구청 누리집에서 합니다."
    missing = missing_detail(question, page, True)
    assert missing is not None and missing.kind == "count", (question, page)


@given(
    st.sampled_from(["개월", "년", "살", "시간"]),
    st.sampled_from(["이상", "이하", "미만", "넘게", "초과"]),
)
def test_a_bound_glued_to_the_counter_is_not_part_of_it(counter, bound):
    detail = asked_detail(f"장사 몇{counter}{bound} 해야 돼요")
    assert detail is not None and detail.kind == "count" and detail.subject == counter
