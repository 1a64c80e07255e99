"""Chat Korean in questions: glued auxiliary verbs, chat words for what pages say formally, and the
shapes a missing detail takes (counts in words, clock times, spans, sums in Korean units)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicbot.detail import asked_detail, missing_detail, unnamed_service
from civicbot.glossary import _COLLOQUIAL, colloquial
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


# Questions as citizens type them, with a chat word of the table, and the word the city's pages
# use for it: the tokenizer gives the page's word (and not the chat word, unless pages use it too).
CHAT_QUESTIONS = [
    ("월급 떼였어요 어디 신고해요", "체불"),
    ("세금 깎아주는 제도 있나요", "감면"),
    ("보증금 돌려받으려면", "환급"),
    ("전세금 못 받았어요", "전세보증금"),
    ("빚 때문에 상담받고 싶어요", "채무"),
    ("기초수급 신청 조건", "기초생활수급"),
    ("전기세 지원 되나요", "전기요금"),
    ("꼬맹이 맡길 곳", "어린이"),
    ("갓난아기 예방접종", "신생아"),
    ("쌍둥이 지원금", "다태아"),
    ("다둥이 혜택", "다자녀"),
    ("와이프 임신했는데 지원", "배우자"),
    ("독박육아 너무 힘들어요", "돌봄"),
    ("독거노인 도시락 배달", "홀몸어르신"),
    ("싱글맘 지원", "한부모"),
    ("치매끼 있는 엄마 검사", "치매"),
    ("자취방 구하는 청년 지원", "원룸"),
    ("고시텔 사는데 주거급여", "고시원"),
    ("윗층 발망치 때문에 못살겠어요", "층간소음"),
    ("알바생 주휴수당", "아르바이트"),
    ("취준 중인데 지원금", "취업준비"),
    ("회사에서 짤렸어요", "실직"),
    ("실업수당 신청", "실업급여"),
    ("최저시급 얼마", "최저임금"),
    ("경단녀 재취업", "경력단절여성"),
    ("이빨 치료 지원", "치아"),
    ("우울증 상담 어디서", "정신건강"),
    ("술끊고 싶어요", "절주"),
    ("담배끊는 법", "금연"),
    ("소아과 야간 진료", "소아청소년과"),
    ("음쓰 버리는 요일", "음식물"),
    ("대형쓰레기 스티커", "대형폐기물"),
    ("패트병 분리배출", "페트병"),
    ("폰 잃어버렸어요", "분실"),
    ("버려진 강아지 신고", "유기"),
    ("따릉이 정기권", "공공자전거"),
    ("차가 끌려갔어요", "견인"),
    ("킥보드 주차", "전동킥보드"),
    ("보도블럭 깨졌어요", "보도블록"),
    ("공인인증서 없이 발급", "공동인증서"),
    ("등본 떼려면", "발급"),
    ("도촬 당했어요", "불법촬영"),
    ("집에 도둑 들었어요", "절도"),
    ("사기문자 받았어요", "스미싱"),
    ("가스냄새 나요", "가스누출"),
    ("물난리 피해 지원", "침수"),
    ("길냥이 밥 주는 곳", "길고양이"),
    ("캣맘 신고", "길고양이"),
    ("개똥 안치우는 사람 신고", "배설물"),
    ("문이 망가졌어요 고쳐 주세요", "수리"),
    ("노트북 빌릴 수 있나요", "대여"),
    ("도서관 쉬는날", "휴관"),
    ("과태로 이의신청", "과태료"),
    ("구청 홈피 주소", "홈페이지"),
    ("탈북민 정착 지원", "북한이탈주민"),
]


@pytest.mark.parametrize(("question", "page_word"), CHAT_QUESTIONS)
def test_a_chat_word_in_a_question_gives_the_pages_word(question, page_word):
    tokens = Tokenizer().tokens(question)
    # The page's word as the tokenizer reads it on a page (감면 loses 면 as an ending would).
    assert set(Tokenizer().tokens(page_word)) <= set(tokens)
    chat_words = [w for w in colloquial() if len(w) >= 2 and w in question and w not in colloquial()[w]]
    assert not set(chat_words) & set(tokens)


# Page words that hold a chat word with another meaning are left as they are (or kept by a line of
# their own): a chat word replaced inside them would change what the city's documents say.
PAGE_WORDS = [
    "거주사실",
    "입주사",
    "이주사업",
    "성인강좌",
    "개인강습",
    "지방세",
    "근로자퇴직급여",
    "체불임금",
    "설치한",
    "위치한",
    "전자식",
    "최고치",
    "노인정책",
    "글로벌빌리지센터",
    "추가출시",
    "맞벌이",
    "아파트",
    "없애기",
    "발자취",
    "예비번호",
    "페어플레이",
    "스프린트",
]


@pytest.mark.parametrize("word", PAGE_WORDS)
def test_a_page_word_holding_a_chat_word_keeps_its_meaning(word):
    assert word in standard_words(word).split()  # whole, though a synonym may join it (노인 -> 어르신)


def _knowledge_texts() -> list[tuple[str, str]]:
    root = Path(__file__).resolve().parent.parent / "knowledge"
    return [(str(p.relative_to(root)), p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.md"))]


def test_no_chat_word_fires_inside_a_word_of_the_bundled_pages():
    # A match the line keeps (따릉이, 쓰레기, the guards such as 없애기) is the page's own word; any
    # other must start a word of the page, where it is the chat word itself with its endings
    # (통신망을 빌려 쓰지), never the middle of another word (없애기 held 애기 before its guard).
    table = colloquial()
    words = sorted((w for w in table if len(w) >= 2), key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, words)))
    inside = []
    texts = _knowledge_texts()
    assert texts
    for name, text in texts:
        for match in pattern.finditer(text):
            word = match.group()
            glued = match.start() > 0 and re.match("[가-힣]", text[match.start() - 1])
            if word not in table[word] and glued:
                inside.append((name, text[max(0, match.start() - 6) : match.end() + 6]))
    assert inside == []


def test_the_table_has_no_english_chat_word_and_one_to_three_standards():
    for line in _COLLOQUIAL.strip().splitlines():
        chat, *standard = line.split()
        assert re.search("[가-힣]", chat) and not re.search("[A-Za-z]", chat), chat
        assert 1 <= len(standard) <= 3, line
    keys = [line.split()[0] for line in _COLLOQUIAL.strip().splitlines()]
    assert len(keys) == len(set(keys))


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
    assert asked_detail("며칠 걸려요").kind == "duration"  # how long it takes (fourteenth pass)
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
