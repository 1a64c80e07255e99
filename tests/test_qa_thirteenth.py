"""Classes of question the thirteenth Q&A pass handles (README "The thirteenth pass"): a question's
words are matched against the whole page that answers it, not only its best passage; 몇 with a
counter glued to it is a question word, not a topic; a count is stated only by a figure of that
count (no letters between a figure and its counter but a large figure's units, "one of" a counter
is a unit, the noun after a counter's genitive is what it counts)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_honest_answers import say

from civicbot.detail import missing_detail
from civicbot.knowledge import LexicalIndex
from civicbot.text import Tokenizer

DEV_EXTRA7 = Path(__file__).parent.parent / "bench/data/dev_extra7/docs"
DEV_EXTRA14 = Path(__file__).parent.parent / "bench/data/dev_extra14/docs"

# -- 몇 and its counter ask how many; they are no topic ------------------------------------------
COUNTERS = ["시", "살", "년", "개", "번", "일", "명", "시간", "개월", "군데", "가구", "키로"]
ENDS = ["", "에", "까지", "부터", "이나", "이에요", "야", "임"]


@given(st.sampled_from(COUNTERS), st.sampled_from(ENDS), st.sampled_from(["수영장", "민방위", "위탁돌봄"]))
def test_how_many_with_its_counter_is_a_question_word(counter, end, topic):
    tokens = Tokenizer().tokens(f"{topic} 몇{counter}{end} 돼요")
    assert not [t for t in tokens if t.startswith("몇")], tokens
    assert topic in tokens  # the topic itself stays


@pytest.mark.parametrize(
    "question", ["수돗물 요금 어떻게 내요", "에너지 바우처 누가 받을 수 있어요", "며칠 걸려요"]
)
def test_how_who_and_how_many_days_are_question_words(question):
    assert not {"어떻", "누", "며칠"} & set(Tokenizer().tokens(question))


# -- a page's words, wherever they are on it ---------------------------------------------------
words = st.sampled_from(["주차", "요금", "신청", "센터", "무료", "청년", "월세", "비상벨", "2024", "지원"])
passages = st.lists(st.lists(words, min_size=1, max_size=6), min_size=2, max_size=6)


@given(passages, st.lists(words, min_size=1, max_size=5), st.data())
def test_a_documents_coverage_is_at_least_any_of_its_passages(docs, query, data):
    index = LexicalIndex(docs)
    start = data.draw(st.integers(0, len(docs) - 1))
    end = data.draw(st.integers(start + 1, len(docs)))
    _, per_passage = index.scores(query)
    whole = index.span_coverage(start, end, query)
    assert 0.0 <= whole <= 1.0 + 1e-6
    assert whole >= float(per_passage[start:end].max()) - 1e-6
    if end - start == 1:
        assert whole == pytest.approx(float(per_passage[start]), abs=1e-6)


@given(passages, st.lists(words, min_size=1, max_size=5))
def test_a_documents_coverage_counts_each_word_it_has_once(docs, query):
    index = LexicalIndex(docs)
    found = {w for passage in docs for w in passage}
    weights = {w: index.idf.get(w, index._max_idf) for w in dict.fromkeys(query)}
    expected = sum(v for w, v in weights.items() if w in found) / sum(weights.values())
    assert index.span_coverage(0, len(docs), query) == pytest.approx(expected, abs=1e-6)


@pytest.mark.usefixtures("built_index")
async def test_a_question_whose_words_are_in_different_paragraphs_is_answered(make_city, tmp_path):
    """월세 is in the paragraph on who may apply, 비상벨 in the one on what the kit holds: neither
    passage alone had enough of the question's words, and the question was refused."""
    folder = tmp_path / "docs"
    shutil.copytree(DEV_EXTRA7, folder)  # 15 pages: the evidence of a page depends on its neighbours
    city = await make_city(folder)
    reply = await say(city, "월세 60만원 원룸 사는데 비상벨 무료로 받을수있어요?")
    assert reply.sources and reply.sources[0].doc_id.endswith("safe-home-kit.hwpx"), reply.text


# -- a count is stated by a figure of that count -----------------------------------------------
@given(st.sampled_from(["1인가구", "1인 가구", "2인가구"]), st.sampled_from(["올해 몇 가구", "몇가구나"]))
def test_a_kind_of_household_is_no_count_of_households(kind, asked):
    page = f"{kind} 안심세트 지원. {kind}가 신청할 수 있습니다. 신청은 3월에 받습니다."
    detail = missing_detail(f"안심세트 {asked} 뽑아요?", page, True)
    assert detail is not None and detail.kind == "count"


@given(
    st.sampled_from(["곳", "명", "개"]),
    st.sampled_from(["의 운영 시간은 오전 9시부터입니다", "당 5만 원을 드립니다", "마다 상담사가 있습니다"]),
)
def test_one_of_a_counter_is_a_unit_not_a_count(counter, rest):
    page = f"센터 안내. 센터 한 {counter}{rest}. 누구나 이용합니다."
    assert missing_detail(f"센터 몇 {counter} 있어요?", page, True) is not None


@given(st.sampled_from(["다섯", "5", "여섯"]))
def test_the_noun_after_a_counters_genitive_is_what_it_counts(figure):
    page = f"자유시민대학은 {figure} 곳의 캠퍼스에서 강의를 엽니다. 수강료는 무료입니다."
    assert missing_detail("자유시민대학 강좌 몇 개 열려요?", page, True) is not None
    assert missing_detail("자유시민대학 캠퍼스 몇 곳 있어요?", page, True) is None


@given(st.sampled_from(["2", "두"]), st.sampled_from(["의 서명", "이 서명", " 이상의 서명"]))
def test_a_figure_after_the_thing_asked_counts_it(figure, rest):
    page = f"혼인신고서에는 성인 증인 {figure}명{rest}이 있어야 합니다. 신고는 구청에서 합니다."
    assert missing_detail("혼인 신고 증인 몇명 필요해요", page, True) is None


@given(st.sampled_from(["1만", "3천여", "10여", "250"]), st.sampled_from(["곳", "가구", "명"]))
def test_a_large_figure_with_its_units_still_counts(figure, counter):
    page = f"올해 지원 대상은 모두 {figure} {counter}입니다. 신청은 구청에서 받습니다."
    assert missing_detail(f"지원 대상 올해 몇 {counter}예요?", page, True) is None


# -- English plurals fold to the glossary's singular keys --------------------------------------
@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("buses", "bus"),
        ("courses", "course"),
        ("houses", "house"),
        ("classes", "class"),
        ("taxes", "tax"),
        ("campuses", "campus"),
        ("licenses", "license"),
        ("cities", "city"),
        ("dogs", "dog"),
        ("news", "news"),
        ("virus", "virus"),
        ("tennis", "tennis"),
        ("address", "address"),
        ("clothes", "clothes"),
    ],
)
def test_an_english_plural_folds_to_its_singular(plural, singular):
    assert Tokenizer().tokens(plural) == [singular]


def test_every_glossary_word_is_reachable_from_a_question():
    """A key the tokenizer's folding changes ("courses" -> "cours") could never be looked up."""
    from civicbot.glossary import english_to_korean

    tokenizer = Tokenizer()
    unreachable = [w for w in english_to_korean() if tokenizer.tokens(w) != [w]]
    assert not unreachable


@pytest.mark.usefixtures("built_index")
async def test_english_words_a_small_glossary_lacked_find_the_korean_page(make_city, tmp_path):
    """dispute, mediation, landlord and court were unknown to the glossary: the questions were
    matched on "rental" and "room" alone and answered from the room-sharing page."""
    folder = tmp_path / "docs"
    shutil.copytree(DEV_EXTRA14, folder)
    city = await make_city(folder)
    for question in (
        "how long does the rental dispute mediation take",
        "My landlord won't give back my deposit. Is there mediation instead of going to court?",
    ):
        reply = await say(city, question)
        assert reply.sources and reply.sources[0].doc_id.endswith("rental-dispute.hwpx"), (
            question,
            reply.text,
        )
        assert reply.language == "en"


# -- which hospital: a page that names one, not one that describes one -------------------------
GENERIC = ["협약 동물병원", "가까운 병원", "지정 의원", "인근 약국", "관할 보건소", "동물병원"]
NAMED = ["행복동물병원", "마포구보건소", "서울의료원", "튼튼소아과의원"]


@given(
    st.sampled_from(GENERIC),
    st.sampled_from(
        ["협약 동물병원 어디어디에요", "어느 병원에서 해요?", "Which hospitals do the check-ups?"]
    ),
)
def test_a_page_describing_a_hospital_names_none(described, question):
    page = f"검진은 {described}에서 무료로 받습니다. 신청은 주민센터에서 합니다. 결과는 문자로 알려 드립니다."
    detail = missing_detail(question, page, not question.isascii())
    assert detail is not None and detail.kind == "which", (question, page)


@given(st.sampled_from(NAMED), st.sampled_from(["어느 병원에서 해요?", "Which hospitals do the check-ups?"]))
def test_a_page_naming_a_hospital_answers_which(named, question):
    page = f"검진은 {named}에서 무료로 받습니다. 신청은 주민센터에서 합니다."
    assert missing_detail(question, page, not question.isascii()) is None


@pytest.mark.parametrize(("acronym", "korean"), [("CPR", "심폐소생술"), ("AED", "자동심장충격기")])
def test_an_english_acronym_is_found_in_the_korean_word_for_it(acronym, korean):
    from civicbot.glossary import english_to_korean

    if korean not in english_to_korean().get(acronym.casefold(), ()):
        pytest.skip(f"the glossary has no {acronym}")
    page = f"{korean} 교육을 무료로 엽니다. KT 교육장에서 2시간 동안 배웁니다."  # a Latin name on the page
    assert missing_detail(f"Where can I learn {acronym} for free?", page, False) is None
    assert missing_detail("Where can I learn XYZ for free?", page, False) is not None


@given(
    st.sampled_from(
        [
            (
                "어느 보험사예요?",
                "시가 보험사와 계약해 모든 시민이 가입됩니다",
                "삼성화재와 계약해 모든 시민이 가입됩니다",
            ),
            (
                "어느 회사로 취업돼요?",
                "수료생은 협약 기업에 취업을 연계합니다",
                "수료생은 ㈜한빛소프트에 취업을 연계합니다",
            ),
            (
                "어떤 브랜드 지원돼요?",
                "인증 제품을 설치하면 지원합니다",
                "인증받은 브랜드 3곳의 보일러를 지원합니다",
            ),
        ]
    ),
    st.sampled_from(["", " 자세한 내용은 누리집을 보세요."]),
)
def test_which_firm_is_answered_by_a_name_not_a_description(case, tail):
    question, described, named = case
    assert missing_detail(question, described + "." + tail, True) is not None
    assert missing_detail(question, named + "." + tail, True) is None


@given(st.sampled_from(["25", "30"]), st.sampled_from(["팀은", "팀이", "센터는"]))
def test_a_subject_before_a_figure_is_not_what_it_counts(figure, subject):
    page = f"스마트 CCTV{subject} {figure}개 자치구 CCTV를 관리합니다. 신고는 120으로 합니다."
    assert missing_detail("서울시 CCTV 몇개야", page, True) is not None


# -- a ratio asked for is stated by a ratio or a share ------------------------------------------
@given(
    st.sampled_from(
        [
            "경쟁률 얼마나 돼",
            "경쟁률이 몇 대 몇이에요",
            "당첨률 어느 정도예요",
            "What are the odds of getting a plot?",
        ]
    ),
    st.sampled_from(["3대 1", "3 : 1", "40%", "두 배"]),
)
def test_a_ratio_is_stated_only_by_a_ratio_or_a_share(asked, ratio):
    lacking = "도시텃밭은 추첨으로 나눠 드립니다. 신청은 3월 2일부터 10일까지 받고, 분양료는 2만 원입니다."
    detail = missing_detail(f"도시텃밭 {asked}", lacking, True)
    assert detail is not None and detail.kind == "ratio"
    stating = lacking + f" 지난해 경쟁률은 {ratio}였습니다."
    assert missing_detail(f"도시텃밭 {asked}", stating, True) is None
