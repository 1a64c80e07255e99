"""Indexing a city's folder of mixed formats: documents/s, peak RSS, incremental re-index.

    python bench/index_load.py               # 1,000 generated documents (md, txt, html, pdf, docx, hwpx)
    python bench/index_load.py --docs 200    # a smaller folder
    python bench/index_load.py --spacing     # only the PDF word-spacing measurement

The folder is generated here, in department sub-folders, from the held-out corpus's paragraphs
shuffled into new documents. Three runs over it: a cold build (extraction and embedding), a
restart with nothing changed (both caches hit), and a re-index after one file changed. The
spacing measurement writes the held-out corpus's Korean paragraphs into PDFs without their word
spaces (as Korean word processors' exports often extract) and reports how many of the original
words come back, with and without Kiwi's spacing model.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT

sys.path.insert(0, str(ROOT / "bench" / "data" / "heldout"))

from docwriters import write
from make_docs import CORPUS

from civicbot.config import Settings
from civicbot.embeddings import load_embedder
from civicbot.ingest.formats import join_broken_lines, read_pdf
from civicbot.knowledge import KnowledgeBase
from civicbot.text import shared_tokenizer

FORMATS = ("md", "txt", "html", "pdf", "docx", "hwpx")
DEPARTMENTS = ("환경", "교통", "복지", "민원", "공원", "안전", "보건", "문화")


def generate(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    paragraphs = [text for _, blocks, _ in CORPUS.values() for kind, text in blocks if kind == "p"]
    titles = [title for title, _, _ in CORPUS.values()]
    for i in range(count):
        fmt = FORMATS[i % len(FORMATS)]
        title = f"{rng.choice(titles)} {i}"
        blocks = [("h1", title)] + [("p", p) for p in rng.sample(paragraphs, rng.randint(3, 6))]
        write(folder / DEPARTMENTS[i % len(DEPARTMENTS)] / f"doc-{i:04d}.{fmt}", blocks, title)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(folder: Path, index: Path, embedder) -> tuple[KnowledgeBase, float]:
    started = time.perf_counter()
    kb = KnowledgeBase.build(folder, index, embedder, shared_tokenizer())
    return kb, time.perf_counter() - started


def spacing(folder: Path) -> None:
    """Word recovery on glued PDFs: the share of the original's words found as words after extraction."""
    total = joined = spaced = 0
    for name, (title, blocks, _) in CORPUS.items():
        text = [t for kind, t in blocks if kind == "p" and not name.startswith("en/")]
        if not text:
            continue
        path = folder / f"{Path(name).stem}.pdf"
        write(path, [("p", t) for t in text], title, glued=True, width=80)
        from pypdf import PdfReader

        raw_pages = [p.extract_text() or "" for p in PdfReader(str(path)).pages]
        without = " ".join(p for page in raw_pages for p in join_broken_lines(page))
        with_kiwi = read_pdf(path.read_bytes()).body
        for original in text:
            words = original.split()
            total += len(words)
            joined += sum(1 for w in words if f" {w} " in f" {without} ")
            spaced += sum(1 for w in words if f" {w} " in f" {with_kiwi} ")
    print(
        f"PDF word spacing over {total} words of glued Korean text: "
        f"{joined / total:.1%} of words recovered without Kiwi, {spaced / total:.1%} with Kiwi's spacing"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--spacing", action="store_true", help="only the PDF spacing measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        spacing(Path(tmp) / "spacing")
        if args.spacing:
            return 0
        folder, index = Path(tmp) / "knowledge", Path(tmp) / "index"
        started = time.perf_counter()
        generate(folder, args.docs)
        print(
            f"generated {args.docs} documents ({', '.join(FORMATS)}) in {time.perf_counter() - started:.1f}s"
        )
        workers = Settings.from_env().model_workers  # as `civicbot index` and the server
        embedder = load_embedder("e5-small", workers=workers)
        kb, cold = build(folder, index, embedder)
        print(
            f"cold build: {kb.stats.documents} documents, {kb.stats.chunks} chunks in {cold:.1f}s = "
            f"{kb.stats.documents / cold:.1f} documents/s ({workers} copies of the model); skipped {len(kb.stats.errors)}; "
            f"formats {kb.stats.formats}"
        )
        kb, warm = build(folder, index, embedder)
        print(f"restart, nothing changed: {warm:.2f}s ({kb.stats.cached_documents} documents from cache)")
        changed = next(folder.rglob("*.md"))
        changed.write_text(changed.read_text(encoding="utf-8") + "\n\n변경된 문단입니다.\n", encoding="utf-8")
        kb, incremental = build(folder, index, embedder)
        print(
            f"one file changed: re-indexed in {incremental:.2f}s "
            f"({kb.stats.embedded_documents} embedded, {kb.stats.cached_documents} from cache)"
        )
        print(f"peak RSS: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
