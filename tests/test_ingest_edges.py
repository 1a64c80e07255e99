"""Ingestion at its edges, as a real office's folder has them (newcomer trial, 2026-12-01): Office
lock files, Mac-style decomposed Korean names, very long text, text with no blank lines, and Word
files whose only date is python-docx's template date."""

from __future__ import annotations

import io
import os
import shutil
import unicodedata
from pathlib import Path

import docx
import numpy as np
import pytest
from conftest import index_city
from hypothesis import given, settings
from hypothesis import strategies as st

from civicbot import cli
from civicbot.content import ContentFileError
from civicbot.ingest import MAX_DOCUMENT_CHARS, discover, load_documents, read_document
from civicbot.knowledge import _MAX_CHUNK_CHARS, KnowledgeBase, chunk_document
from civicbot.text import shared_tokenizer

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "data" / "samples"


def test_office_lock_files_are_not_documents(tmp_path):
    (tmp_path / "복지").mkdir()
    shutil.copy(SAMPLES / "교통" / "bike.docx", tmp_path / "복지" / "계획.docx")
    (tmp_path / "복지" / "~$계획.docx").write_bytes(b"\x0bowner name\x00" * 10)  # what Word leaves
    (tmp_path / "복지" / "~$연간보고.hwpx").write_bytes(b"lock")
    assert [p.name for p in discover(tmp_path)] == ["계획.docx"]
    documents, errors = load_documents(tmp_path)
    assert len(documents) == 1 and errors == []


def test_a_decomposed_korean_name_has_a_composed_doc_id_and_keeps_its_disk_name(tmp_path):
    name = unicodedata.normalize("NFD", "주민센터 운영 시간 안내.txt")
    (tmp_path / unicodedata.normalize("NFD", "민원")).mkdir()
    path = tmp_path / unicodedata.normalize("NFD", "민원") / name
    path.write_text("주민센터는 평일 오전 9시부터 오후 6시까지 문을 엽니다.", encoding="utf-8")
    doc = read_document(path, tmp_path)
    assert doc.doc_id == "민원/주민센터 운영 시간 안내.txt"
    assert unicodedata.is_normalized("NFC", doc.doc_id) and doc.department == "민원"
    assert (tmp_path / doc.file).is_file() and doc.file != doc.doc_id


async def test_a_decomposed_name_is_served_at_either_spelling_of_its_address(make_city, tmp_path):
    folder = tmp_path / "folder"
    (folder / "교통").mkdir(parents=True)
    shutil.copy(
        SAMPLES / "교통" / "bike.docx", folder / "교통" / unicodedata.normalize("NFD", "따릉이 안내.docx")
    )
    client = await make_city(folder)
    for spelling in ("NFC", "NFD"):
        response = await client.get("/knowledge/" + unicodedata.normalize(spelling, "교통/따릉이 안내.docx"))
        assert response.status == 200, spelling
        assert (await response.read()).startswith(b"PK")  # the original Word file


def test_text_over_the_limit_is_refused_with_its_size_and_what_to_do(tmp_path):
    path = tmp_path / "회의록.txt"
    path.write_text("구의회 회의 내용입니다.\n" * (MAX_DOCUMENT_CHARS // 12 + 10), encoding="utf-8")
    with pytest.raises(ContentFileError) as caught:
        read_document(path, tmp_path)
    message = str(caught.value.error)
    assert message.startswith("회의록.txt:1: too long to index (") and "split it" in message


SENTENCE = st.text(
    alphabet=st.sampled_from(list("가나다라마바사 구청주민센터신청기간은 0123")), min_size=1, max_size=900
).map(lambda s: s.strip() + ".")


@settings(max_examples=40, deadline=None)
@given(sentences=st.lists(SENTENCE, min_size=1, max_size=40))
def test_text_without_blank_lines_is_cut_into_passages_that_keep_every_word(tmp_path_factory, sentences):
    """Minutes, logs and PDFs whose paragraphs ran together are one "paragraph": it becomes
    passages of at most _MAX_CHUNK_CHARS characters, in order, losing and adding no word."""
    folder = tmp_path_factory.mktemp("long")
    text = "\n".join(sentences)  # line breaks only: one paragraph
    (folder / "log.txt").write_text(text, encoding="utf-8")
    (doc,), _ = load_documents(folder)
    chunks = chunk_document(doc)
    words = " ".join(c.text for c in chunks).split()
    assert words == doc.body.split()
    if len(doc.body) > 1000:
        assert all(len(c.text) <= _MAX_CHUNK_CHARS for c in chunks)


def test_a_word_file_with_python_docxs_template_date_is_dated_by_the_file(tmp_path):
    document = docx.Document()
    document.add_heading("2026년 출산축하금 지원 계획", 1)
    document.add_paragraph("둘째아에게는 200만 원을 드립니다.")
    path = tmp_path / "plan.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    os.utime(path, (1_767_225_600, 1_767_225_600))  # 2026-01-01
    assert read_document(path, tmp_path).updated == "2026-01-01"
    assert read_document(SAMPLES / "교통" / "bike.docx", SAMPLES).updated == "2024-03-01"  # its own date


@pytest.mark.usefixtures("built_index")
def test_index_reports_each_skipped_file_once_and_says_a_server_needs_a_restart(
    monkeypatch, tmp_path, index_dir, capsys
):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    shutil.copy(ROOT / "knowledge" / "ko" / "dasan-120.md", knowledge)
    (knowledge / "새 텍스트 문서.txt").write_bytes(b"")
    (knowledge / "~$계획.docx").write_bytes(b"lock")
    index_city(monkeypatch, tmp_path, index_dir, knowledge)
    assert cli.main(["index"]) == 1
    out, err = capsys.readouterr()
    assert err.count("새 텍스트 문서.txt") == 1 and "~$" not in err + out
    assert "embedding dasan-120.md" in err  # progress while it works
    assert "restarts" in out


# Web-page and Markdown tables: tests/test_ingest_structure.py (rows that name their columns).


class StepEmbedder:
    """Counts passages embedded; 4-dimensional vectors (no model: this is about the steps)."""

    id, dim, workers = "steps/v1", 4, 1

    def __init__(self) -> None:
        self.embedded = 0

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.embedded += len(texts)
        return np.ones((len(texts), self.dim), dtype=np.float32)

    embed_queries = embed_passages


class Stop(Exception):
    pass


def test_a_long_document_is_embedded_in_steps_that_report_and_can_be_stopped(tmp_path):
    """A 250-page file took over ten minutes with no progress and no way to stop the server
    before it ended (newcomer re-check); now every step reports, and a stop lands between steps."""
    folder = tmp_path / "knowledge"
    folder.mkdir()
    sentences = [f"{n}번째 안건은 구청 주차장 요금 조정에 관한 것입니다." for n in range(400)]
    (folder / "회의록.txt").write_text("\n".join(sentences), encoding="utf-8")
    lines: list[str] = []

    def progress(line: str) -> None:
        lines.append(line)
        if len(lines) == 3:
            raise Stop(line)

    embedder = StepEmbedder()
    with pytest.raises(Stop):
        KnowledgeBase.build(folder, tmp_path / "index", embedder, shared_tokenizer(), progress=progress)
    assert lines[0] == "embedding 회의록.txt"
    assert lines[1:] == ["embedding 회의록.txt sentences: 64/400", "embedding 회의록.txt sentences: 128/400"]
    passages = embedder.embedded - 128  # the few passages go in one call, then the sentences in steps
    assert 0 < passages < 64  # stopped after two steps of sentences, not after the whole document
    done = KnowledgeBase.build(
        folder, tmp_path / "index", StepEmbedder(), shared_tokenizer(), progress=lines.append
    )
    assert done.stats.documents == 1 and len(done.chunks) == passages and lines[-1].endswith("400/400")
