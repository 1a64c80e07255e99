"""The one way hostile input is decoded: JSON bodies and messages, form bodies, and numbers.

Every endpoint, the widget's WebSocket and the Telegram webhook decode through here, so the limits
hold everywhere at once:

- bytes must be UTF-8 (no silent U+FFFD), and every string, key included, must be encodable as
  UTF-8 again (JSON's ``"\\ud800"`` escape makes a lone surrogate that crashes the reply later);
- integers have at most ``MAX_INT_DIGITS`` digits (Python refuses > 4,300 with a ValueError, and a
  400-digit latitude overflows ``float``); floats must be finite; ``NaN``/``Infinity`` are refused;
- nesting is at most ``MAX_DEPTH`` deep (1,500 levels of ``[`` is a 3 KB RecursionError).

Errors are ``ApiError(400, ...)`` with a fixed message: they never repeat the input, which may be
the very string that cannot be encoded.
"""

from __future__ import annotations

import json
import math
import re
from urllib.parse import parse_qsl

from aiohttp import web

from civicbot.web.errors import ApiError

MAX_DEPTH = 32  # our deepest document (a poll spec) is 4 levels
MAX_INT_DIGITS = 24  # ids, counts and coordinates need far fewer
_WHOLE = re.compile(r"[+-]?[0-9]{1,18}")


def _invalid(message: str = "The request body is not valid JSON.") -> ApiError:
    return ApiError(400, "invalid_json", message)


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


# Built once: json.loads with hooks builds a decoder and its scanner on every call.
_DECODER = json.JSONDecoder(parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)


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
    """Decode JSON under the limits above; ``ApiError(400, "invalid_json")`` on anything else.

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
    except ApiError:
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


async def read_limited(request: web.Request, limit: int, what: str = "request body") -> bytes:
    """The body, refusing more than ``limit`` bytes (413) without reading them all into memory."""
    if request.content_length is not None and request.content_length > limit:
        raise ApiError(413, "payload_too_large", f"The {what} is larger than {limit} bytes.")
    chunks, size = [], 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "payload_too_large", f"The {what} is larger than {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


async def json_object(request: web.Request, limit: int | None = None) -> dict:
    """The request's JSON object body (app's ``client_max_size`` unless ``limit`` bytes is given)."""
    raw = await read_limited(request, limit or request.client_max_size)
    return loads_object(raw)


async def form_fields(request: web.Request, limit: int | None = None) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body as strict UTF-8 fields (400 on invalid UTF-8).

    aiohttp's ``request.post()`` decodes with ``errors="replace"``, which would store U+FFFD in
    place of what the client sent; here the client hears that its bytes were wrong."""
    raw = await read_limited(request, limit or request.client_max_size)
    try:
        text = raw.decode("ascii")
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "invalid_form", "The form body is not valid UTF-8.") from None
    fields: dict[str, str] = {}
    for key, value in pairs:
        fields.setdefault(key, value)  # the first of a repeated field, as aiohttp's MultiDict.get
    return fields


def whole_number(
    raw: str | None, name: str, low: int, high: int, default: int | None = None, code: str | None = None
) -> int:
    """A whole number from a query string or path in [low, high]; 400 ``code`` (``invalid_<name>``).

    The digits are bounded before ``int()`` runs, so 5,000 digits cost nothing and raise nothing."""
    code = code or f"invalid_{name}"
    if raw is None or raw == "":
        if default is not None:
            return default
        raise ApiError(400, code, f"'{name}' is required: a whole number.")
    if not _WHOLE.fullmatch(raw.strip()):
        raise ApiError(400, code, f"'{name}' must be a whole number from {low} to {high}.")
    value = int(raw)
    if not low <= value <= high:
        raise ApiError(400, code, f"'{name}' must be a whole number from {low} to {high}.")
    return value


def number(value: object, name: str, low: float = -math.inf, high: float = math.inf) -> float:
    """A JSON number (or a decimal string from a form) as a finite float in [low, high]; else 400.

    ``bool`` is refused (True is an int in Python); huge integers are refused, not overflowed."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ApiError(400, "invalid_field", f"'{name}' must be a number.")
    if isinstance(value, str) and not re.fullmatch(r"\s*[+-]?[0-9]{1,4}(\.[0-9]{1,17})?\s*", value):
        raise ApiError(400, "invalid_field", f"'{name}' must be a decimal number.")
    try:
        result = float(value)
    except (OverflowError, ValueError):
        raise ApiError(400, "invalid_field", f"'{name}' is not a usable number.") from None
    if not (math.isfinite(result) and low <= result <= high):
        raise ApiError(400, "invalid_field", f"'{name}' must be a number from {low:g} to {high:g}.")
    return result
