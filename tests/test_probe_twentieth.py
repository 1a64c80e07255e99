"""Twentieth pass: what a newcomer's probe of the bundled Seoul content found in the Q&A.

- A length asked in spelled-out units ("몇 킬로미터야", "몇키로임") was told "not on the page" while
  the page says 4,237㎞ (NFKC: km).
- "따릉이 요금 how much": a price asked in English after Korean words got a confident quote with no
  price in it.
- "SNET" in capitals was a thing the page lacked, because the page writes "S-Net".
- Laughter and sobs ("ㅋㅋㅋ", "ㅠㅠ") got "그 질문에는 답을 드리기 어려워요" and a report button.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_honest_answers import say

from civicbot.detail import asked_detail, missing_detail
from civicbot.i18n import t

S_NET_PAGE = "에스넷(S-Net): 서울시 자가통신망\n에스넷(S-Net)은 서울시가 직접 구축하는 총 4,237㎞ 길이의 자가통신망입니다."


@pytest.mark.parametrize(
    "question",
    ["S-Net 길이 몇 킬로미터야", "S-Net 길이가 몇키로임", "에스넷 몇 km야", "에스넷 총연장 몇 키로미터"],
)
def test_a_length_in_any_spelling_of_kilometres_is_stated_by_km(question):
    assert asked_detail(question).kind == "count"
    assert missing_detail(question, S_NET_PAGE, same_language=True) is None


def test_a_length_the_page_lacks_is_still_missing():
    assert missing_detail("에스넷 케이블 몇 미터야", S_NET_PAGE, same_language=True) is not None


@given(
    st.sampled_from(["따릉이 요금", "seoul 따릉이 요금", "공공와이파이", "Ddareungi fee", "주차"]),
    st.sampled_from(["how much", "how much?", "How much ?", "HOW MUCH!"]),
)
def test_how_much_at_the_end_asks_a_price(words, how_much):
    assert asked_detail(f"{words} {how_much}").kind == "price"


@given(
    st.sampled_from(["S-Net", "S.Net", "S Net", "S/Net", "S·Net"]),
    st.sampled_from(["SNET", "SNet", "S-NET", "snet"]),
)
def test_a_latin_name_asked_without_its_joiner_is_on_the_page(written, asked):
    page = f"에스넷({written})은 서울시 자가통신망입니다."
    assert missing_detail(f"{asked}이 뭐야?", page, same_language=True) is None


def test_an_acronym_the_page_lacks_is_still_missing():
    assert missing_detail("SNS 계정 있어?", S_NET_PAGE, same_language=True).subject == "SNS"


@pytest.mark.usefixtures("built_index")
async def test_the_probes_questions_over_the_bundled_content(client):
    for question in ("S-Net 길이 몇 킬로미터야", "SNET이 뭐야?", "ＳＮＥＴ이 뭐야？"):
        reply = await say(client, question, conversation=question)
        assert [s.doc_id for s in reply.sources][:1] == ["ko/s-net.md"], (question, reply.text)
    priced = await say(client, "따릉이 요금 how much", conversation="price")
    assert not priced.sources and priced.related, priced.text


@pytest.mark.usefixtures("built_index")
@pytest.mark.parametrize(("text", "language"), [("ㅋㅋㅋ", "ko"), ("ㅠㅠ", "ko"), ("lol", "en")])
async def test_laughter_and_sobs_get_an_offer_of_help(client, text, language):
    reply = await say(client, text, conversation=f"chatter-{text}")
    city = {"ko": "서울특별시", "en": "Seoul"}[language]  # the settings' default city names
    assert reply.text == t("engine.chatter", language, city=city), reply.text
    assert reply.buttons == [] and not reply.sources
