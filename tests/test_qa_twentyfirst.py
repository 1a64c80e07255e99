"""Twenty-first pass, Q&A: Latin acronyms spelled in Hangul letter names (civicbot.loanwords), and
`/api/knowledge/search` listing a file kept in two department folders once.

The spelling tests run over the bundled documents' own acronyms (the table is derived from them);
the app tests start the real app factory on the bundled knowledge or a copied city folder."""

from __future__ import annotations

import re
import shutil
from functools import cache
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicbot.ingest import load_documents
from civicbot.loanwords import LETTER_NAMES, Loanwords, spellings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
CASE_PARTICLES = (
    "",
    "가",
    "이",
    "를",
    "을",
    "로",
    "으로",
    "에",
    "에서",
    "도",
    "만",
    "랑",
    "이랑",
    "한테",
    "까지",
)
PARTICLES = (
    "",
    "가",
    "이",
    "는",
    "은",
    "를",
    "을",
    "로",
    "으로",
    "에",
    "에서",
    "도",
    "만",
    "랑",
    "이랑",
    "한테",
    "까지",
    "이에요",
    "인가요",
)


@cache
def bundled() -> Loanwords:
    """The table of the bundled knowledge, built from the text the index reads."""
    documents, _ = load_documents(ROOT / "knowledge")
    return Loanwords("\n".join(f"{d.title}\n{d.body}" for d in documents))


@cache
def rewritten_acronyms() -> list[str]:
    """The bundled documents' acronyms whose usual spelling no page writes (CCTV, AI, IoT …)."""
    table = bundled()
    return [a for a in table.acronyms if spellings(a) and spellings(a)[0] not in table.text]


def test_the_table_is_the_documents_own_acronyms() -> None:
    table = bundled()
    for acronym in ("CCTV", "IoT", "AI"):  # the bundled pages write these in Latin letters
        assert acronym in table.acronyms
    assert len(rewritten_acronyms()) >= 10
    assert all(re.fullmatch(r"[A-Za-z]{2,6}", a) for a in table.acronyms)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_letter_name_spelling_of_a_page_acronym_reads_as_the_acronym(data) -> None:
    """씨씨티비, 시시티비, "씨 씨 티 비", 에이아이가 … : every spelling, spaced or not, with a
    particle or none, becomes the acronym the pages write, particle kept."""
    acronym = data.draw(st.sampled_from(rewritten_acronyms()))
    letters = data.draw(st.sampled_from(list(product(*(LETTER_NAMES[c.upper()] for c in acronym)))))
    if "".join(letters) in bundled().text:
        return  # a spelling some page writes itself is left as the page has it
    spaced = data.draw(st.booleans())
    # A two-syllable spelling (큐알, 오티) takes a case particle only: 비오는 is not BO는.
    short = len("".join(letters)) <= 2
    particle = data.draw(st.sampled_from([p for p in PARTICLES if not short or p in CASE_PARTICLES]))
    before = data.draw(st.sampled_from(["", "서울시 ", "우리 동네 "]))
    after = data.draw(st.sampled_from(["", " 몇 대 있어", " 어디서 봐요?"]))
    spelled = (" " if spaced else "").join(letters)
    question = f"{before}{spelled}{particle}{after}"
    assert bundled().rewrite(question) == f"{before}{acronym}{particle}{after}"


@cache
def page_words() -> list[str]:
    return sorted(set(re.findall(r"[가-힣]{2,}", bundled().text)))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_word_the_pages_write_is_never_rewritten(data) -> None:
    """이유 (E-U), 오이 (O-E), 아이디어: words the pages use themselves stay as they are."""
    words = data.draw(st.lists(st.sampled_from(page_words()), min_size=1, max_size=4))
    question = " ".join(words) + data.draw(st.sampled_from(["", "?", " 알려줘"]))
    assert bundled().rewrite(question) == question


@pytest.mark.parametrize("word", ["큐알못", "이유식", "오이지", "비오는", "아이들", "시시해"])
def test_a_word_merely_starting_with_letter_names_is_left_alone(word: str) -> None:
    table = Loanwords("QR 코드 EU 규정 OE BO ID CCTV 안내")
    assert table.rewrite(f"{word} 뭐야") == f"{word} 뭐야"


def test_a_latin_acronym_no_page_writes_takes_the_pages_hangul_spelling() -> None:
    """The reverse: a page writes 지피에스 and the question GPS."""
    table = Loanwords("치매 어르신 지피에스 배회감지기를 빌려 드립니다. CCTV 영상은 30일 보관합니다.")
    assert table.rewrite("GPS 시계 빌릴 수 있나요") == "지피에스 시계 빌릴 수 있나요"
    assert table.rewrite("CCTV 영상 며칠") == "CCTV 영상 며칠"  # the page's own acronym
    assert table.rewrite("HELLO GPS 시계") == "HELLO 지피에스 시계"  # capitals spelling nothing
    # An English question is left to the glossary: "ID" there is the English word.
    assert table.rewrite("Can I borrow a GPS watch?") == "Can I borrow a GPS watch?"


@pytest.mark.usefixtures("built_index")
@pytest.mark.parametrize("spelled", ["씨씨티비", "시시티비", "씨 씨 티 비"])
async def test_cctv_in_hangul_gets_the_reply_cctv_gets(client, spelled: str) -> None:
    """The twentieth pass left "씨씨티비 몇 대 있어" called out of scope, while "CCTV 몇대야" got the
    honest detail reply: the page lacks the count."""

    async def chat(text: str, conversation: str) -> dict:
        response = await client.post("/api/chat", json={"conversation_id": conversation, "text": text})
        assert response.status == 200
        return await response.json()

    latin = await chat("CCTV 몇 대 있어", "latin")
    hangul = await chat(f"{spelled} 몇 대 있어", "hangul")
    assert hangul["intent"] == latin["intent"] != "out_of_scope", hangul["text"]
    assert [r["doc_id"] for r in hangul["related"]] == [r["doc_id"] for r in latin["related"]]
    assert hangul["related"], hangul


@pytest.mark.usefixtures("built_index")
async def test_knowledge_search_lists_a_file_in_two_departments_once(make_city, tmp_path) -> None:
    """`/api/knowledge/search` returned passages of both copies (the chat already cited one)."""
    folder = tmp_path / "folder"
    shutil.copytree(SAMPLES, folder)
    (folder / "복지").mkdir()
    shutil.copy(folder / "교통" / "bike-plain.md", folder / "복지" / "bike-plain.md")  # same bytes
    client = await make_city(folder)

    for k in (1, 3, 5, 10):
        response = await client.get(
            "/api/knowledge/search", params={"q": "따릉이 2시간 이용권 얼마예요?", "k": k}
        )
        assert response.status == 200
        results = (await response.json())["results"]
        copies = {r["doc_id"] for r in results if r["doc_id"].endswith("/bike-plain.md")}
        assert len(copies) == 1, [r["doc_id"] for r in results]
        assert len(results) == k  # the copies' places go to other passages
    # Both copies stay served.
    for doc_id in ("교통/bike-plain.md", "복지/bike-plain.md"):
        assert (await client.get(f"/knowledge/{doc_id}")).status == 200
