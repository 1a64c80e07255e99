"""Masking false positives: every line of the city's documents, the benchmark question and document
sets (not the held-out split), the catalogue, the services and intents files through
``privacy.mask_pii``. A line printed is a line a report would publish with something masked; in
these corpora (public prose, no citizen's personal data) each is a false positive to look at, apart
from the public numbers the documents print on purpose (a 동's address, an office's phone number).

    .venv/bin/python bench/pii_scan.py            # masked lines, then counts per corpus and kind
    .venv/bin/python bench/pii_scan.py --quiet    # the counts only

Run it before and after a change to the masking: the counts must not grow.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from name_scan import CORPORA, corpus_lines  # noqa: E402  (the same lines, held-out left out)

from civicbot.privacy import find_pii  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print the counts only")
    args = parser.parse_args()
    totals = []
    for name, folder in CORPORA.items():
        count = masked = 0
        kinds: Counter[str] = Counter()
        for where, line in corpus_lines(folder):
            count += 1
            found = find_pii(line)
            if found:
                masked += 1
                kinds.update(f.kind for f in found)
                if not args.quiet:
                    shown = ", ".join(f"{f.kind}:{f.text}" for f in found)
                    print(f"{where}\t{shown}\t{line.strip()[:160]}")
        by_kind = " ".join(f"{kind}={n}" for kind, n in sorted(kinds.items()))
        totals.append(f"{name}: {count:,} lines, {masked} with a mask ({by_kind})")
    print("\n".join(totals))


if __name__ == "__main__":
    main()
