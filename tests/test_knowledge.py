"""Knowledge base: documents, chunking, the lexical terms, the vector cache, and the search API."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml

from civicbot.content import ContentFileError
from civicbot.embeddings import load_embedder
from civicbot.knowledge import KnowledgeBase, chunk_document, load_documents, parse_document
from civicbot.text import Tokenizer, detect_language, split_sentences

pytestmark = pytest.mark.usefixtures("built_index")

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"

GOOD = """---
title: 따릉이 안내
department: 교통정책과
source_url: https://www.bikeseoul.com
updated: 2019-12-31
language: ko
---
# 따릉이 안내

따릉이는 서울시 공공자전거입니다. 따릉이는 시내 곳곳의 대여소에서 빌릴 수 있습니다.

## 이용 요금
따릉이 1시간 이용권은 1,000원입니다.
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def embedder():
    return load_embedder("e5-small")


# -- the bundled Seoul knowledge ---------------------------------------------------------------
def test_bundled_knowledge_loads_without_errors_korean_first():
    documents, errors = load_documents(KNOWLEDGE)
    assert errors == []
    korean = {Path(d.doc_id).stem for d in documents if d.language == "ko"}
    english = {Path(d.doc_id).stem for d in documents if d.language == "en"}
    assert len(korean) >= 25
    assert english <= korean, "every English document translates a Korean one"
    main = {"s-net", "public-wifi-buses", "public-wifi-parks", "cctv-safety-center", "virtual-seoul",
            "open-data-plaza", "mvoting", "awards-rankings", "core-values", "security-teams",
            "bot-guide", "how-to-vote", "how-to-report", "dasan-120"}  # fmt: skip
    assert main <= english
    for doc in documents:
        assert doc.title and doc.source_url.startswith("https://") and doc.updated


def test_bundled_knowledge_carries_the_seed_figures():
    """Spot checks that the facts of the source article made it into the Korean documents."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (KNOWLEDGE / "ko").glob("*.md"))
    for fact in ["4,237㎞", "1,207억", "6,000대", "1,405대", "1,499대", "24개소", "300개", "605.23㎢",
                 "63만", "304개", "5,400개", "93억 5,000만", "6,000개", "468개", "127개", "450개",
                 "7회 연속", "2018년 6월", "1.7㎞", "56개 대학", "95%", "1조 6,900억", "151조"]:  # fmt: skip
        assert fact in text, fact


# -- reading documents: bad ones are reported as file:line and skipped -------------------------
@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        ("---\ntitle: x\nlanguage: ko\n\ntext", "bad.md:1", "not closed"),
        ("---\ntitle: x\nlanguage: [ko\n---\ntext", "bad.md:4", "invalid YAML"),
        ("---\ntitle: x\ndepartment: y\nlanguage: fr\n---\ntext", "bad.md:4", "language must be"),
        ("---\ntitle: x\nlanguage: ko\nupdated: yesterday\n---\ntext", "bad.md:4", "updated must be"),
        ("---\ntitle: x\nlanguage: ko\nsource_url: ftp://x\n---\ntext", "bad.md:4", "source_url"),
        ("---\ntitle: x\nlanguage: ko\n---\n\n   \n", "bad.md:4", "no text"),
    ],
)
def test_a_bad_document_is_reported_with_file_and_line(tmp_path, text, where, reason):
    path = write(tmp_path, "bad.md", text)
    with pytest.raises(ContentFileError) as caught:
        parse_document(path, tmp_path)
    message = str(caught.value)
    assert message.startswith(where + ":"), message
    assert reason in message


def test_bad_documents_are_skipped_and_the_rest_is_indexed(tmp_path, embedder):
    knowledge = tmp_path / "knowledge"
    write(knowledge, "ko/bike.md", GOOD)
    write(knowledge, "ko/broken.md", "---\ntitle: [unclosed\nlanguage: ko\n---\nbody")
    (knowledge / "ko" / "binary.md").write_bytes(b"---\ntitle: \xff\xfe\n---\n")
    kb = KnowledgeBase.build(knowledge, tmp_path / "index", embedder, Tokenizer())
    assert kb.stats.documents == 1
    assert sorted(e.split(":")[0] for e in kb.stats.errors) == ["ko/binary.md", "ko/broken.md"]
    assert kb.stats.errors[1].startswith("ko/broken.md:3: invalid YAML")  # where the parser stopped
    assert kb.search("따릉이 요금", k=1).hits[0].chunk.doc_id == "ko/bike.md"


# -- chunking and text -----------------------------------------------------------------------------
def test_documents_are_chunked_by_heading_and_paragraph(tmp_path):
    body = GOOD + "\n## 대여 방법\n- 앱에서 대여소를 고릅니다\n- 자전거의 QR 코드를 찍습니다\n"
    doc = parse_document(write(tmp_path, "bike.md", body), tmp_path)
    chunks = chunk_document(doc)
    assert [c.section for c in chunks] == ["따릉이 안내", "이용 요금", "대여 방법"]
    assert chunks[1].text == "따릉이 1시간 이용권은 1,000원입니다."
    # A list item becomes a sentence of its own, so one item can be quoted.
    assert chunks[2].sentences == ("앱에서 대여소를 고릅니다.", "자전거의 QR 코드를 찍습니다.")
    assert all(c.doc_id == "bike.md" and c.url == "https://www.bikeseoul.com" for c in chunks)


def test_sentences_split_on_korean_endings_but_not_inside_numbers():
    assert split_sentences("총 605.23㎢입니다.다음 문장입니다. Last one!") == [
        "총 605.23㎢입니다.",
        "다음 문장입니다.",
        "Last one!",
    ]


def test_lexical_terms_match_two_syllable_words_through_particles():
    tokens = Tokenizer().tokens
    assert "버스" in tokens("버스에서 와이파이 되나요?")  # trigram indexes miss two-syllable words
    assert "요금" in tokens("요금은 얼마예요")
    assert set(tokens("공공와이파이")) & set(tokens("공공 와이파이의 설치"))
    assert "4237" in tokens("총 4,237㎞") and "4237" in tokens("4237 km")
    assert "snet" in tokens("S-Net이 뭐예요") and "snet" in tokens("what is s-net")
    assert "park" in tokens("Seoul parks") and "the" not in tokens("the parks")


def test_language_detection():
    assert detect_language("S-Net이 뭐예요?") == "ko"
    assert detect_language("How long is S-Net?") == "en"
    # Codes of letters and digits are pasted in any language: a receipt, a tracking id.
    assert detect_language("6B6GUMML7R52E25BWGWCDN2YSI", default="ko") == "ko"
    assert detect_language("SEL-7K3F9Q?", default="ko") == "ko"
    assert detect_language("check 6B6GUMML7R52E25BWGWCDN2YSI please", default="ko") == "en"
    assert detect_language("What is the 5G testbed?", default="ko") == "en"
    assert detect_language("4,237", default="en") == "en"


# -- the vector cache: a restart re-embeds nothing, an edit re-embeds only its document -----------
class CountingEmbedder:
    """The real embedder, counting the passages it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner, self.id, self.dim = inner, inner.id, inner.dim
        self.passages = 0

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts):
        self.passages += len(texts)
        return self.inner.embed_passages(texts)


def test_index_cache_reembeds_only_what_changed(tmp_path, embedder):
    knowledge, index = tmp_path / "knowledge", tmp_path / "index"
    for slug in ("s-net", "dasan-120", "virtual-seoul"):
        shutil.copy(KNOWLEDGE / "ko" / f"{slug}.md", write(knowledge, f"ko/{slug}.md", "").parent)
    first = KnowledgeBase.build(knowledge, index, CountingEmbedder(embedder), Tokenizer())
    assert (first.stats.embedded_documents, first.stats.cached_documents) == (3, 0)

    counting = CountingEmbedder(embedder)
    again = KnowledgeBase.build(knowledge, index, counting, Tokenizer())
    assert (again.stats.embedded_documents, again.stats.cached_documents) == (3 - 3, 3)
    assert counting.passages == 0
    assert np.array_equal(again.chunk_vectors, first.chunk_vectors)

    edited = knowledge / "ko" / "dasan-120.md"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\n## 추가\n문자 상담도 받아요.\n", encoding="utf-8"
    )
    counting = CountingEmbedder(embedder)
    changed = KnowledgeBase.build(knowledge, index, counting, Tokenizer())
    assert (changed.stats.embedded_documents, changed.stats.cached_documents) == (1, 2)
    dasan_rows = changed.doc_rows["ko/dasan-120.md"]
    dasan_sentences = sum(len(changed.chunks[r].sentences) for r in dasan_rows)
    assert counting.passages == len(dasan_rows) + dasan_sentences  # that document and nothing else
    # The old vectors of the edited document are pruned: one file per live document.
    assert len(list(index.rglob("*.npz"))) == 3


def test_cache_is_per_embedder(tmp_path, embedder):
    knowledge = tmp_path / "knowledge"
    write(knowledge, "ko/bike.md", GOOD)
    KnowledgeBase.build(knowledge, tmp_path / "index", embedder, Tokenizer())

    class Renamed(CountingEmbedder):
        pass

    other = Renamed(embedder)
    other.id = "another-model"
    rebuilt = KnowledgeBase.build(knowledge, tmp_path / "index", other, Tokenizer())
    assert rebuilt.stats.embedded_documents == 1 and other.passages > 0


def test_twin_is_the_same_document_in_the_askers_language(tmp_path, embedder):
    knowledge = tmp_path / "knowledge"
    write(knowledge, "ko/bike.md", GOOD)
    write(knowledge, "en/bike.md", GOOD.replace("language: ko", "language: en"))
    write(knowledge, "ko/only.md", GOOD.replace("따릉이 안내", "다른 안내"))
    kb = KnowledgeBase.build(knowledge, tmp_path / "index", embedder, Tokenizer())
    assert kb.twin("ko/bike.md", "en") == "en/bike.md"
    assert kb.twin("en/bike.md", "ko") == "ko/bike.md"
    assert kb.twin("ko/only.md", "en") == "ko/only.md"  # no English version: keep the Korean


# -- GET /api/knowledge/search ---------------------------------------------------------------------
async def test_search_endpoint_shape(client):
    response = await client.get("/api/knowledge/search", params={"q": "에스넷 총 길이", "k": "3"})
    assert response.status == 200
    body = await response.json()
    assert set(body) == {"results"}
    results = body["results"]
    assert 1 <= len(results) <= 3
    for result in results:
        assert set(result) == {"doc_id", "title", "section", "text", "score"}
        assert isinstance(result["score"], float)
        assert (KNOWLEDGE / result["doc_id"]).is_file()  # relative to the knowledge dir
    assert Path(results[0]["doc_id"]).stem == "s-net"
    assert "4,237" in " ".join(r["text"] for r in results if "s-net" in r["doc_id"])
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({}, 400, "empty_text"),
        ({"q": "   "}, 400, "empty_text"),
        ({"q": "와이파이", "k": "0"}, 400, "invalid_field"),
        ({"q": "와이파이", "k": "21"}, 400, "invalid_field"),
        ({"q": "와이파이", "k": "many"}, 400, "invalid_field"),
        ({"q": "a" * 2001}, 400, "q_too_long"),  # Korean this long would overflow the URL
    ],
)
async def test_search_endpoint_errors(client, params, status, code):
    response = await client.get("/api/knowledge/search", params=params)
    assert response.status == status
    body = await response.json()
    assert body["error"]["code"] == code and body["error"]["message"]


def test_evaluation_set_is_sound():
    """bench/data/qa_eval.yaml: enough questions, real documents, no leak into the classifier."""
    items = yaml.safe_load((ROOT / "bench/data/qa_eval.yaml").read_text(encoding="utf-8"))
    slugs = {p.stem for p in KNOWLEDGE.rglob("*.md")}
    assert len(items) >= 100
    assert sum(1 for i in items if not i["expect"]) >= 25
    assert sum(1 for i in items if i.get("lang") == "en") >= 20
    texts = {p.stem + "/" + p.parent.name: p.read_text(encoding="utf-8") for p in KNOWLEDGE.rglob("*.md")}
    examples = set()
    for path in (ROOT / "intents").glob("*.yaml"):
        for sentences in yaml.safe_load(path.read_text(encoding="utf-8"))["examples"].values():
            examples.update(s.casefold() for s in sentences)
    for item in items:
        assert set(item["expect"]) <= slugs, item
        assert item["q"].casefold() not in examples, item
        if item.get("answer"):
            language = item.get("lang", "ko")
            assert any(item["answer"] in texts.get(f"{s}/{language}", "") for s in item["expect"]), item
