"""False holds: every line of the city's documents, the benchmark question and document sets, the
catalogue, the services and intents files and every string literal in ``tests/``, through
``Moderator.names``. A line printed is a line that would hold a citizen's report for review.

    .venv/bin/python bench/name_scan.py            # held lines, then counts per corpus
    .venv/bin/python bench/name_scan.py --tests    # the string literals in tests/ as well

Names are expected only in the tests' strings (tests name people on purpose); any line held in the
other corpora is a false hold to fix (GIVEN_FIRST/GIVEN_SECOND, EVERYDAY_WORDS or not_names).
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from civicbot.content import ContentFileError  # noqa: E402
from civicbot.ingest import read_document  # noqa: E402
from civicbot.moderation import moderator_for  # noqa: E402

TEXT_SUFFIXES = (".md", ".txt", ".yaml", ".yml", ".html")
DOCUMENT_SUFFIXES = (".docx", ".pdf", ".hwpx")  # read as the index reads them
CORPORA = {
    "knowledge": ROOT / "knowledge",
    "bench": ROOT / "bench" / "data",
    "strings": ROOT / "strings",
    "services": ROOT / "services",
    "intents": ROOT / "intents",
    "polls": ROOT / "polls",
}


HELD_OUT = ROOT / "bench" / "data" / "heldout"  # never opened: the held-out split stays unseen


def corpus_lines(folder: Path):
    """(path:line, text) of every non-empty line of the text files under ``folder``, the held-out
    split left out before any file of it is opened (bench/pii_scan.py reads the same lines)."""
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_relative_to(HELD_OUT):
            continue
        if path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix in DOCUMENT_SUFFIXES:
            try:
                text = read_document(path, path.parent).body
            except ContentFileError:
                continue  # the benchmark's broken files on purpose
        else:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield f"{path.relative_to(ROOT)}:{number}", line


def test_strings():
    """(path:line, text) of every string literal in tests/*.py."""
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", action="store_true", help="scan the string literals in tests/ too")
    args = parser.parse_args()
    moderator = moderator_for(ROOT / "services")
    sources = {name: corpus_lines(folder) for name, folder in CORPORA.items()}
    if args.tests:
        sources["tests"] = test_strings()
    totals = []
    for name, lines in sources.items():
        count = held = 0
        for where, line in lines:
            count += 1
            names = moderator.names(line)
            if names:
                held += 1
                print(f"{where}\t{names}\t{line.strip()[:160]}")
        totals.append(f"{name}: {count:,} lines, {held} held")
    print("\n".join(totals))


if __name__ == "__main__":
    main()
