"""Classes of question the ninth Q&A pass handles (bench/data/dev_extra8 measures them as a
validation split; the inputs here are written for the tests): how chat spells counters and sums
("몇일", "몇살부터", "얼마나와요"), the asker's own address, a figure that counts another thing
(newcomer F9), and messages that are only laughter or emoji (newcomer F23)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from civicbot.detail import asked_detail, missing_detail
from civicbot.text import is_chatter


@given(st.sampled_from(["", " "]), st.sampled_from(["걸려", "걸리나요", "만에 나와요", " 기다려야돼"]))
def test_myeot_il_is_how_many_days(space, ending):
    # 몇 일 is how chat spells 며칠: a span answers it ("2주쯤"), not a count of 일.
    question = f"여권 새로 만드는데 몇{space}일{ending}"
    # "몇 일 걸려" asks how long it takes (kind duration since the fourteenth pass), a span still
    assert asked_detail(question).kind in ("time", "duration")
    assert missing_detail(question, "새 여권은 보통 2주쯤 걸립니다.", True) is None
    assert missing_detail(question, "여권은 구청에서 만듭니다.", True) is not None


@given(st.sampled_from(["부터", "마다", "부터요", "까지", "부터 돼요"]))
def test_a_counter_keeps_its_unit_under_endings(ending):
    page = "만 5세부터 10세까지 들어갈 수 있습니다."
    assert missing_detail(f"어린이 미술교실 몇살{ending}", page, True) is None
    assert missing_detail(f"어린이 미술교실 몇살{ending}", "미술교실은 토요일에 열립니다.", True) is not None


def test_eolma_nawayo_typed_glued_asks_a_sum():
    assert asked_detail("주차 위반 과태료 얼마나와요").kind == "price"
    assert asked_detail("주차 과태료 얼마 나오나요").kind == "price"
    assert missing_detail("주차 위반 과태료 얼마나와요", "과태료는 구청이 부과합니다.", True) is not None
    # 얼마나 asks how long or how far, not a sum.
    assert (
        asked_detail("발급까지 얼마나 걸려요") is None
        or asked_detail("발급까지 얼마나 걸려요").kind != "price"
    )


@given(
    st.sampled_from(["우리집", "우리 집", "내", "제", "저희집"]),
    st.sampled_from(["주소", "새주소", "영문주소"]),
    st.sampled_from([" 어떻게 찾아요", " 알고싶어요", "가 뭐였지"]),
)
def test_the_askers_own_address_is_not_an_office_address_asked(own, address, ending):
    assert asked_detail(f"{own} {address}{ending}") is None


@given(st.sampled_from(["my", "our", "my new", "my road name", "our building's street"]))
def test_my_address_in_english_is_not_asked_for(phrase):
    assert asked_detail(f"How can I look up {phrase} address?") is None
    assert asked_detail("What is the address of the district office?").kind == "address"


def test_a_kind_of_address_the_page_is_about_is_its_topic():
    page = "지번주소를 도로명주소로 바꾸려면 안내 누리집에서 찾아보세요."
    assert missing_detail("지번주소 도로명주소 차이 알려주세요 주소가 뭐예요", page, True) is None
    assert missing_detail("구청 주소가 어떻게 돼요", page, True) is not None


def test_a_figure_that_counts_another_thing_is_not_the_count_asked():
    page = "안전과는 5개 팀으로 이뤄져 있고, 공원 CCTV 운영을 맡습니다."
    assert missing_detail("공원 CCTV 몇 개야", page, True).kind == "count"
    assert missing_detail("안전과 팀 몇 개야", page, True) is None
    # The thing named after the counter ("몇 개 도서관") or a particle glued to the counter counts.
    assert missing_detail("작은도서관 몇 개 있어", "작은도서관 120개가 있습니다.", True) is None
    assert missing_detail("구립 도서관 몇 개 있어", "구립 도서관은 모두 30개 있습니다.", True) is None
    assert missing_detail("체험 언어 몇개 언어 돼", "체험은 12개 언어로 합니다.", True) is None
    # A duration is not a count of the word after it ("1년 동안").
    assert missing_detail("자격증 유효기간 몇년", "자격증은 2년 동안 유효합니다.", True) is None


_JAMO = st.characters(min_codepoint=0x3131, max_codepoint=0x318E)
_EMOJI = st.sampled_from(["😂", "👍", "🙏", "❤️", "👍🏽", "🤣", "!", "?", "~", "…", " "])
_LAUGHS = st.sampled_from(["lol", "LOL", "lmao", "haha", "hahaha", "hehehe", "kkkk", "xD", "omg"])


@given(st.lists(st.one_of(_JAMO, _EMOJI, _LAUGHS), min_size=1, max_size=8))
def test_laughter_and_emoji_alone_are_chatter(parts):
    assert is_chatter(" ".join(parts))


@given(
    st.sampled_from(["에스넷 뭐야", "폐의약품 어디 버려요", "What is S-Net?", "hi", "ok", "123"]),
    st.lists(st.one_of(_JAMO, _EMOJI, _LAUGHS), max_size=4),
)
def test_a_word_makes_a_message_more_than_chatter(words, parts):
    assert not is_chatter(" ".join([words, *parts]))


def test_a_benefit_named_in_other_words_is_the_pages_own():
    from civicbot.detail import unnamed_service

    page = "아이를 돌보는 조부모에게 한 달 30만 원의 손주돌봄비를 드립니다."
    corpus = page + "\n혼인신고는 구청에서 합니다."
    assert unnamed_service("손주돌봄수당 얼마에요", page, lambda: corpus) is None
    # A procedure whose modifier the page lacks is still one no page covers.
    assert (
        unnamed_service("출생신고 하려면 뭐 필요해", "혼인신고는 구청에서 합니다.", lambda: corpus)
        == "출생신고"
    )


_PICTOGRAPHS = st.sampled_from(["🚌", "😊", "👍🏽", "❤️", "🙏", "👨‍👩‍👧", "☀️", "✨"])


@given(
    st.sampled_from(["에스넷 뭐야", "폐의약품 어디 버려요?", "What is S-Net?", "1,000원 맞아요?"]),
    st.lists(_PICTOGRAPHS, min_size=1, max_size=3),
    st.booleans(),
)
def test_emoji_leave_the_words_of_a_question_as_they_were(question, emoji, before):
    from civicbot.text import without_emoji

    text = " ".join([*emoji, question] if before else [question, *emoji])
    assert without_emoji(text) == question
    assert without_emoji("".join(emoji)) == ""


def test_a_procedure_is_named_exactly_even_when_its_words_are_apart():
    from civicbot.detail import unnamed_service

    page = "혼인신고는 구청에서 합니다. 출생 후 신고 기간이 지나면 지원금을 받을 수 없습니다."
    assert unnamed_service("출생신고 어디서 해요", page, lambda: page) == "출생신고"
