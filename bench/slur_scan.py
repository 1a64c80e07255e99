"""False holds for the abusive words: every line of the city's documents, the benchmark question and
document sets, the catalogue, the intents and polls files (and with ``--tests`` every string literal
in ``tests/``), through ``Moderator.abuse``. A line printed is a line that would hold a citizen's
report for review as abuse.

    .venv/bin/python bench/slur_scan.py            # held lines, then counts per corpus
    .venv/bin/python bench/slur_scan.py --tests    # the string literals in tests/ as well

The city's own words are ordinary, so any line held in knowledge/, bench/data/, strings/, intents/
or polls/ is a false hold to fix (a narrower word, or an ``allowed`` entry in
services/moderation.yaml). The tests' strings hold on purpose where a test swears; read the list.
services/ is left out: moderation.yaml is the word list itself.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from name_scan import CORPORA, corpus_lines, test_strings  # noqa: E402

from civicbot.moderation import moderator_for  # noqa: E402

SCANNED = {name: folder for name, folder in CORPORA.items() if name != "services"}


def held_lines(sources) -> dict[str, tuple[int, list[tuple[str, list[str], str]]]]:
    """{corpus: (lines read, [(path:line, words found, line), ...])} for the abusive-word check."""
    moderator = moderator_for(ROOT / "services")
    out = {}
    for name, lines in sources.items():
        count, held = 0, []
        for where, line in lines:
            count += 1
            words = moderator.abuse(line)
            if words:
                held.append((where, words, line.strip()[:160]))
        out[name] = (count, held)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", action="store_true", help="scan the string literals in tests/ too")
    args = parser.parse_args()
    sources = {name: corpus_lines(folder) for name, folder in SCANNED.items()}
    if args.tests:
        sources["tests"] = test_strings()
    results = held_lines(sources)
    for _name, (_count, held) in results.items():
        for where, words, line in held:
            print(f"{where}\t{words}\t{line}")
    print("\n".join(f"{name}: {count:,} lines, {len(held)} held" for name, (count, held) in results.items()))


if __name__ == "__main__":
    main()
