"""Decoding hostile JSON bodies, shared by the web layer and the chat channels (no web imports).

Every endpoint, the widget's WebSocket, the Telegram webhook and the Kakao skill decode through
here, so the limits hold everywhere at once:

- bytes must be UTF-8 (no silent U+FFFD), and every string, key included, must be encodable as
  UTF-8 again (JSON's ``"\\ud800"`` escape makes a lone surrogate that crashes the reply later);
- integers have at most ``MAX_INT_DIGITS`` digits (Python refuses > 4,300 with a ValueError, and a
  400-digit latitude overflows ``float``); floats must be finite; ``NaN``/``Infinity`` are refused;
- nesting is at most ``MAX_DEPTH`` deep (1,500 levels of ``[`` is a 3 KB RecursionError).

Errors are ``BodyError`` with a fixed message: they never repeat the input, which may be
the very string that cannot be encoded. ``civicbot.web.errors`` renders them as the JSON envelope;
a channel answers them in its own way.
"""

from __future__ import annotations

import json
import math
from typing import Any


class BodyError(ValueError):
    """A body we refuse: ``code`` is ``invalid_json``, ``duplicate_field`` (a key twice in one object)
    or ``payload_too_large``; ``message`` is fixed
    English that never repeats the input. The web layer answers it as the JSON error envelope.
    (A body the server cannot decode at all, gzip that does not decompress, fails in the server's
    own stream before any of this: ``civicbot.web.errors.unreadable`` answers it.)"""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


MAX_DEPTH = 32  # our deepest document (a poll spec) is 4 levels
MAX_INT_DIGITS = 24  # ids, counts and coordinates need far fewer


def _invalid(message: str = "The request body is not valid JSON.") -> BodyError:
    return BodyError("invalid_json", message)


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _invalid(f"A number in the JSON has more than {MAX_INT_DIGITS} digits.")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _invalid("A number in the JSON is too large.")
    return value


def _parse_constant(_name: str) -> float:
    raise _invalid("NaN and Infinity are not JSON numbers.")


def _object(pairs: list[tuple[str, Any]]) -> dict:
    """A JSON object, refusing a key given twice ({"text": "a", "text": "b"}): which one counts is
    the decoder's accident (the last, here; the first, elsewhere), so the request is ambiguous."""
    value = dict(pairs)
    if len(value) != len(pairs):
        seen: set[str] = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))
        shown = (
            twice
            if len(twice) <= 40 and twice.isprintable()
            else twice[:40].encode("unicode_escape").decode()
        )
        raise BodyError("duplicate_field", f"The field '{shown}' is given twice in one JSON object.")
    return value


# Built once: json.loads with hooks builds a decoder and its scanner on every call.
_DECODER = json.JSONDecoder(
    parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant, object_pairs_hook=_object
)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_value(value: object, max_depth: int = MAX_DEPTH) -> None:
    """Walk a decoded value without recursion: depth and string encodability (400 if broken)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if not _encodable(item):
                raise _invalid("A string in the JSON is not valid Unicode (a lone surrogate).")
        elif isinstance(item, dict | list):
            if depth > max_depth:
                raise _invalid(f"The JSON is nested more than {max_depth} levels deep.")
            if isinstance(item, dict):
                stack.extend((key, depth) for key in item)
                stack.extend((child, depth + 1) for child in item.values())
            else:
                stack.extend((child, depth + 1) for child in item)


def loads(data: bytes | str, max_depth: int = MAX_DEPTH) -> object:
    """Decode JSON under the limits above; ``BodyError("invalid_json")`` on anything else.

    ``data`` as bytes must be UTF-8 (a BOM is refused, as RFC 8259 allows)."""
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise _invalid("The request body is not UTF-8.") from None
    if data.startswith("\ufeff"):  # as json.loads refuses it (the decoder below does not check)
        raise _invalid()
    try:
        value = _DECODER.decode(data)
    except RecursionError:
        raise _invalid(f"The JSON is nested more than {max_depth} levels deep.") from None
    except BodyError:
        raise
    except ValueError:  # JSONDecodeError and int()'s own digit limit alike
        raise _invalid() from None
    check_value(value, max_depth)
    return value


def loads_object(data: bytes | str, what: str = "The request body") -> dict:
    """``loads`` that also insists on a JSON object (the shape of every request we take)."""
    value = loads(data)
    if not isinstance(value, dict):
        raise _invalid(f"{what} must be a JSON object.")
    return value


async def read_limited(request: Any, limit: int, what: str = "request body") -> bytes:
    """The body, refusing more than ``limit`` bytes (``payload_too_large``) without reading them all into memory."""
    if request.content_length is not None and request.content_length > limit:
        raise BodyError("payload_too_large", f"The {what} is larger than {limit} bytes.")
    chunks, size = [], 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise BodyError("payload_too_large", f"The {what} is larger than {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)
