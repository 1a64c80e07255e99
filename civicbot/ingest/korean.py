"""The one Kiwi instance of the process (its model ships inside the kiwipiepy-model package)."""

from __future__ import annotations

from functools import cache


@cache
def kiwi():
    """Kiwi loads its bundled model once (about a second); only PDFs and the lexical index use it."""
    from kiwipiepy import Kiwi

    return Kiwi()
