"""JSON as the app writes it: UTF-8 text, Korean left readable (no ``\\uXXXX`` escapes)."""

from __future__ import annotations

import json


def dumps(value: object) -> str:
    """``value`` as JSON text with non-ASCII characters kept as they are; TypeError if unserialisable."""
    return json.dumps(value, ensure_ascii=False)
