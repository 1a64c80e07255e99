"""Chat Korean in questions: glued auxiliary verbs, chat words for what pages say formally, and the
shapes a missing detail takes (counts in words, clock times, spans, sums in Korean units)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicbot.detail import asked_detail, missing_detail, unnamed_service
from civicbot.glossary import colloquial
from civicbot.knowledge import LexicalIndex
from civicbot.text import Tokenizer, korean_stems, standard_words

NOUNS = ["상담", "신청", "지원", "예약", "등록", "접종", "대출", "발급"]
# Endings as chat writes them, glued to the verb: none of them is part of the topic.
ENDINGS = [
    "하고싶어요",
    "받을수있나요",
    "할수있어요",
    "해야돼요",
    "하려면",
    "하는법",
    "받을수있어",
    "해야되나",
]


@given(st.sampled_from(NOUNS), st.sampled_from(ENDINGS))
def test_a_glued_auxiliary_verb_leaves_the_noun_alone(noun, ending):
    assert Tokenizer().tokens(noun + ending) == [noun]
    assert korean_stems(f"{noun}{ending}") == [noun]


@given(st.sampled_from(ENDINGS))
def test_a_verb_with_nothing_but_its_ending_gives_no_term(ending):
    # 맞을수있어요, 해야돼: a one-syllable verb stem says nothing about the topic.
    assert Tokenizer().tokens("맞" + ending.lstrip("하해받할")) == []


# Dependent nouns typed glued to the verb before them (버릴때, 들어가기전에), with or
# without a particle after them: they end the verb and add no term of their own.
GLUED = [
    ("버릴", "때"),
    ("갈", "때는"),
    ("신청할", "때도"),
    ("들어가", "기전에"),
    ("접수하", "기전"),
]


@given(st.sampled_from(GLUED))
def test_a_glued_dependent_noun_adds_no_term(pair):
    verb, dependent = pair
    assert "때" not in "".join(Tokenizer().tokens(verb + dependent))
    assert not set(Tokenizer().tokens(verb + dependent)) - set(Tokenizer().tokens(verb + " " + dependent))


@given(st.sampled_from(NOUNS), st.sampled_from(["어디서", "어디", "언제", "얼마", "어떻게", "뭐"]))
def test_a_question_word_glued_to_a_word_is_not_part_of_it(noun, question_word):
    # 신청어디서 is 신청 어디서; 어디서신청 is 어디서 신청: the question word is no term either way.
    assert Tokenizer().tokens(noun + question_word) == [noun]
    assert Tokenizer().tokens(question_word + noun) == [noun]


def test_nouns_ending_like_a_dependent_noun_keep_it():
    # Two-syllable nouns are never split, and a longer word only at its end.
    for word in (
        "증거",
        "주거",
        "선거",
        "지방선거",
        "철거",
        "한때",
        "제때",
        "전기전자",
        "먹을거리",
        "볼거리",
    ):
        assert word in Tokenizer().tokens(word)


def test_nouns_ending_in_su_keep_it():
    assert "점수" in Tokenizer().tokens("점수") and "인원수" in Tokenizer().tokens("인원수")


@given(st.sampled_from(sorted(colloquial().items())))
def test_a_chat_word_matches_the_page_that_uses_the_standard_one(pair):
    chat, standard = pair
    tokenizer = Tokenizer()
    page = " ".join(standard) + " 안내"
    index = LexicalIndex([tokenizer.tokens(page), tokenizer.tokens("전혀 다른 문서 내용")])
    _, coverage = index.scores(tokenizer.tokens(f"{chat} 안내"))
    assert coverage[0] > coverage[1]


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=40))
def test_text_without_hangul_is_left_as_it_is(text):
    assert standard_words(text) == text


def test_chat_words_inside_compounds_are_read_the_way_pages_write_them():
    tokens = Tokenizer().tokens("독감주사 공짜로 맞을수있어요?")
    assert {"독감", "예방접종", "무료"} <= set(tokens)
    assert "공짜" not in tokens and "로" not in tokens  # the particle stays on the word it follows
    assert "어린이보호구역" in Tokenizer().tokens("스쿨존 제한속도 몇키로")
    assert "아이" in Tokenizer().tokens("애 맡길 곳") and "애" not in Tokenizer().tokens("애 맡길 곳")


@pytest.mark.parametrize(
    ("question", "page", "missing"),
    [
        # A count written in words answers "몇 군데".
        ("어린이집 몇군데까지 신청돼", "한 아이당 어린이집 세 곳까지 신청할 수 있습니다.", None),
        ("어린이집 몇군데까지 신청돼", "아이사랑 포털에서 대기 신청을 합니다.", "count"),
        # Changing one's address is a step, not an address asked for.
        ("이사했는데 반려견 주소 바꿔야되나", "주소가 바뀌면 30일 안에 변경신고를 합니다.", None),
        ("서울도서관 주소 알려줘", "1층 안내데스크로 오세요.", "address"),
        # "몇 시" wants a clock time; a deadline in days is not one.
        ("동물등록 몇시까지 해요?", "주소가 바뀌면 30일 안에 변경신고를 합니다.", "time"),
        ("수영장 몇시에 열어", "매일 아침 6시부터 엽니다.", None),
        # "며칠" wants a span; "최대 300만 원까지" is not one.
        ("긴급복지 신청하면 며칠만에 돈 나와요?", "생계비는 최대 300만 원까지 나옵니다.", "time"),
        ("긴급복지 신청하면 며칠만에 돈 나와요?", "신청하면 3일 안에 지급합니다.", None),
        # A sum in Korean units is a sum, and it is no count.
        ("소상공인 대출 최대 얼마까지", "최대 5천만 원까지 빌릴 수 있습니다.", None),
        ("How many campsites are there?", "하룻밤에 3만 원입니다.", "count"),
        ("스쿨존 제한속도 몇키로", "제한속도는 시속 30km입니다.", None),
    ],
)
def test_a_missing_detail_takes_the_shape_it_would_have(question, page, missing):
    found = missing_detail(question, page, same_language=not question.isascii())
    assert (found.kind if found else None) == missing


def test_the_kind_of_time_asked_for():
    assert asked_detail("심야약국 몇시까지 해요").kind == "time"
    assert asked_detail("며칠 걸려요").kind == "time"
    assert asked_detail("반려견 주소 바꿔야되나") is None


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("출생신고 하려면 뭐 필요해", "출생신고"),  # 출생 and 신고 are on the page, 출생신고 is not
        ("가족관계증명서 인터넷으로 떼는 법", "가족관계증명서"),
        ("주민등록등본 발급 방법", "주민등록등본"),
        ("혼인신고 어디서해", None),  # the page's own procedure
        ("혼인 신고서 어디서 받아요", None),
        ("신고하려면 어떻게 해", None),  # too short to name a procedure
        ("출산 지원금 얼마야", None),  # 지원금 is on the page
    ],
)
def test_a_procedure_no_document_names_is_not_answered_from_one_sharing_its_syllables(question, named):
    page = "혼인신고는 구청에서 합니다. 출생 후 신고 기간이 지나면 출산 지원금을 받을 수 없습니다."
    assert unnamed_service(question, page, lambda: page + " 여권은 구청에서 발급합니다.") == named


def test_every_document_is_read_only_when_the_answering_one_lacks_the_name():
    def every_document() -> str:
        raise AssertionError("not needed")

    assert unnamed_service("혼인신고 어디서해", "혼인 신고는 구청에서", every_document) is None
