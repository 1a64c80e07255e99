"""A question that asks which one of a kind of named thing ("어느 카드사", "무슨 요일", "which
insurance company") is answered from a page only when the page names one of that kind; otherwise
the reply says plainly that the document does not say, with the document as related (issue 9,
"honest answers": a named thing the question asks for)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_honest_answers import say

from civicbot.detail import asked_detail, missing_detail

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"

# (the kind's word in a Korean question, an English one, a page sentence naming one of the kind).
# A firm or a hospital is named by its name: "지정 업체", "지정 의원" describe one and name none
# (tests/test_qa_thirteenth.py).
KINDS = [
    ("카드사", "card company", "신한카드와 KB국민카드로 결제할 수 있습니다."),
    ("은행", "bank", "가까운 농협 창구에서 낼 수 있습니다."),
    ("보험사", "insurance company", "보험은 OO화재가 맡고 있습니다."),
    ("브랜드", "brand", "지원 대상 제조사는 누리집에서 확인하세요."),
    ("업체", "company", "시공은 ㈜한빛에너지가 맡아 직접 방문합니다."),
    ("앱", "app", "서울지갑 앱에서 신청합니다."),
    ("병원", "hospital", "마포구보건소나 서울의료원에서 맞을 수 있습니다."),
    ("요일", "day of the week", "매주 화요일과 금요일에 가져갑니다."),
    ("사이트", "website", "신청은 https://example.seoul.go.kr 에서 합니다."),
]
# A page on the topic that names nothing of any kind above.
TOPIC_ONLY = "이 사업은 시민의 부담을 덜어 드리려고 마련했습니다. 신청하면 심사 뒤 결과를 알려 드립니다."
KOREAN = [
    "{topic} 어느 {w} 돼요",
    "{topic} 어떤{w} 써야돼요?",
    "{topic} 무슨 {w}이에요",
    "{topic} {w}는 어디예요",
]
ENGLISH = ["Which {w} handles the {topic}?", "What {w} do I use for the {topic}?"]


@given(st.sampled_from(KINDS), st.sampled_from(KOREAN), st.sampled_from(["교통비 지원", "보일러교체"]))
def test_a_korean_which_question_needs_a_page_that_names_one(kind, template, topic):
    word, _, names_one = kind
    question = template.format(topic=topic, w=word)
    asked = asked_detail(question)
    assert asked is not None and asked.kind == "which" and asked.subject == word
    missing = missing_detail(question, TOPIC_ONLY, True)
    assert missing is not None and missing.kind == "which"
    assert missing_detail(question, TOPIC_ONLY + " " + names_one, True) is None


@given(st.sampled_from(KINDS), st.sampled_from(ENGLISH), st.sampled_from(["heating subsidy", "pass"]))
def test_an_english_which_question_is_read_against_a_korean_page(kind, template, topic):
    _, word, names_one = kind
    question = template.format(topic=topic, w=word)
    asked = asked_detail(question)
    assert asked is not None and asked.kind == "which" and asked.subject == word
    assert missing_detail(question, TOPIC_ONLY, False) is not None
    assert missing_detail(question, TOPIC_ONLY + " " + names_one, False) is None


@pytest.mark.parametrize(
    "question",
    [
        "어떤 서류가 필요해요?",
        "은행 가서 내면 돼요?",
        "회사 다니는데 신청돼요?",
        "병원비 지원 받을 수 있나요",
        "앱 말고 전화로 신청 가능?",
        "Which documents do I need?",
        "What should I bring to the office?",
        "Can I pay at a bank?",
    ],
)
def test_a_question_that_names_a_kind_without_asking_which_is_not_a_which_question(question):
    asked = asked_detail(question)
    assert asked is None or asked.kind != "which"


@pytest.fixture
async def city(make_city):
    return await make_city(SAMPLES)


@pytest.mark.usefixtures("built_index")
async def test_the_reply_says_the_page_names_no_card_company_and_answers_which_app_in_both_languages(city):
    missing = await say(city, "따릉이 이용권 어느 카드사 카드로 결제돼요?")
    assert missing.sources == [] and missing.related[0].doc_id.startswith("교통/bike")
    assert "카드사는 나와 있지 않아요" in missing.text and "120" in missing.text
    english = await say(city, "Which app do I use to rent a Ttareungyi bike?", "c2")
    assert english.sources and english.sources[0].doc_id.startswith("교통/bike")
    assert "doesn't say" not in english.text
    answered = await say(city, "따릉이 무슨 앱으로 빌려요?", "c3")
    assert answered.sources and answered.sources[0].doc_id.startswith("교통/bike")
    assert "앱" in answered.text


# -- a figure of the right shape, in a sentence about something else -----------------------------
PET_FUNERAL = """# 반려동물 장례 안내

반려동물이 죽으면 동물 장묘업 등록을 마친 장례식장에서 화장하거나 종량제 봉투에 담아 버릴 수 있습니다.
장례식장은 농림축산식품부 동물보호관리시스템에서 등록 여부를 확인할 수 있습니다.
장례를 치를 때에는 미리 예약하고 반려동물 등록증을 챙겨 가세요.
화장을 마치면 유골을 돌려받아 봉안당에 모시거나 집으로 가져갈 수 있습니다.
장례 절차는 염습, 추모, 화장, 유골 수습 순서로 진행됩니다.
추모실에서 가족이 마지막 인사를 나눌 시간이 주어집니다.
유골은 분골하여 유골함에 담아 드리며, 원하면 스톤으로 만들 수도 있습니다.
장례식장마다 운영 시간이 다르니 방문 전에 전화로 확인하세요.
일부 장례식장은 집으로 찾아와 반려동물을 모셔 가는 운구 서비스를 합니다.
장례를 마친 뒤에는 30일 안에 구청에 동물등록 말소 신고를 해야 합니다.
말소 신고는 정부24나 구청 방문으로 할 수 있습니다.
자기 땅이라도 반려동물 사체를 묻는 것은 법으로 금지되어 있습니다.
공원이나 산에 사체를 묻거나 버리면 과태료 100만 원이 부과됩니다.
길에서 죽은 동물을 보면 120 다산콜센터에 알려 주세요.
"""


def test_a_figure_in_a_sentence_about_something_else_does_not_answer():
    page = PET_FUNERAL.replace("# ", "")
    question = "반려동물 화장 비용 얼마예요"
    # The page's only sum is a fine: a sanction is not what a service costs (fourteenth pass).
    assert missing_detail(question, page, True).kind == "price"
    lines = page.splitlines()
    near = "\n".join(lines[1:4])  # the sentences about the funeral itself
    missing = missing_detail(question, page, True, near=near)
    assert missing is not None and missing.kind == "price"
    fine = next(line for line in lines if "과태료" in line)
    assert missing_detail("과태료 얼마예요", page, True, near=fine) is None


@pytest.mark.usefixtures("built_index")
async def test_the_engine_reads_the_sentences_nearest_the_question(make_city, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "pet-funeral.md").write_text(PET_FUNERAL, encoding="utf-8")
    city = await make_city(folder)
    reply = await say(city, "반려동물 장례식장 화장 비용 얼마예요")
    assert reply.sources == [] and reply.related[0].doc_id == "pet-funeral.md", reply.text
    assert "금액은 나와 있지 않아요" in reply.text
    fine = await say(city, "반려동물 사체 산에 버리면 과태료 얼마", "c2")
    assert fine.sources and "100만 원" in fine.text, fine.text
