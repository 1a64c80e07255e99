"""Hostile input in HTTP requests: JSON bodies (decoded by ``civicbot.httpjson``) and form bodies.

The JSON limits live in ``civicbot.httpjson`` so the chat channels share them without importing
the web layer; here its refusals become the web's errors.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from urllib.parse import parse_qsl, unquote_plus

from aiohttp import web

from civicbot import httpjson
from civicbot.httpjson import MAX_DEPTH
from civicbot.web.errors import UNREADABLE, ApiError, unreadable


@contextlib.contextmanager
def _answered() -> Iterator[None]:
    """``httpjson``'s refusals as the web's errors: 413 for a body too large, else 400."""
    try:
        yield
    except httpjson.BodyError as error:
        status = 413 if error.code == "payload_too_large" else 400
        raise ApiError(status, error.code, error.message) from None


def loads(data: bytes | str, max_depth: int = MAX_DEPTH) -> object:
    """``httpjson.loads``; ``ApiError(400, "invalid_json")`` when it refuses."""
    with _answered():
        return httpjson.loads(data, max_depth)


def loads_object(data: bytes | str, what: str = "The request body") -> dict:
    """``httpjson.loads_object``; ``ApiError(400, "invalid_json")`` when it refuses."""
    with _answered():
        return httpjson.loads_object(data, what)


async def read_limited(request: web.Request, limit: int, what: str = "request body") -> bytes:
    """``httpjson.read_limited``; ``ApiError(413, "payload_too_large")`` over ``limit`` bytes (a
    compressed body counts decompressed), ``ApiError(400, "bad_encoding")`` for a body aiohttp
    cannot decompress (``civicbot.web.errors.unreadable``)."""
    with _answered():
        try:
            return await httpjson.read_limited(request, limit, what)
        except UNREADABLE as exc:
            raise unreadable(exc) from None


async def json_object(request: web.Request, limit: int | None = None) -> dict:
    """The request's JSON object body (app's ``client_max_size`` unless ``limit`` bytes is given)."""
    raw = await read_limited(request, limit or request.client_max_size)
    return loads_object(raw)


def query_pairs(request: web.Request, taken: frozenset[str] | set[str]) -> list[tuple[str, str]]:
    """The query string's parameters named in ``taken``, in order, as strict UTF-8.

    aiohttp (yarl) decodes ``%ff%fe`` or a lone surrogate (``%ED%A0%80``) to U+FFFD and searches
    for that; here such a value is refused (400 ``invalid_query``), as a JSON body's bytes are.
    Parameters not in ``taken`` are skipped undecoded: a tracking parameter or a cache-buster never
    breaks a link, whatever its bytes. A repeated parameter is returned twice (the caller refuses
    it). ``+`` is a space and a raw (unencoded) non-ASCII character is taken as written."""
    pairs: list[tuple[str, str]] = []
    for part in request.rel_url.raw_query_string.split("&"):
        raw_key, _, raw_value = part.partition("=")
        try:
            key = unquote_plus(raw_key, encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            continue  # not a name we take: ours are ASCII
        if key not in taken:
            continue
        try:
            value = unquote_plus(raw_value, encoding="utf-8", errors="strict")
            value.encode("utf-8")  # a surrogate left by the request line's own decoding
        except UnicodeError:
            raise ApiError(
                400, "invalid_query", f"The query parameter '{key}' is not valid UTF-8 text."
            ) from None
        pairs.append((key, value))
    return pairs


FORM_TYPE = "application/x-www-form-urlencoded"
_UTF8 = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})  # ASCII is UTF-8's subset


async def form_pairs(request: web.Request, limit: int | None = None) -> list[tuple[str, str]]:
    """An ``application/x-www-form-urlencoded`` body's fields, in order, as strict UTF-8.

    Browsers and ``curl -d`` send UTF-8 raw (``description=도로``) as often as percent-encoded
    (``description=%EB%8F%84%EB%A1%9C``); both are the same field. Only bytes that are not UTF-8,
    raw or after percent-decoding, are refused (400 ``invalid_form``): aiohttp's ``request.post()``
    would store U+FFFD in place of a bad escape and raise a 500 on a bad raw byte, and here the
    client hears that its bytes were wrong. A charset other than UTF-8 is refused the same way (our
    pages are UTF-8, so browsers send UTF-8). A body aiohttp cannot decompress is a 400 too."""
    charset = (request.charset or "utf-8").lower()
    if charset not in _UTF8:
        raise ApiError(400, "invalid_form", "Send the form body in UTF-8 (charset=utf-8).")
    raw = await read_limited(request, limit or request.client_max_size)
    try:
        text = raw.decode("utf-8")
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "invalid_form", "The form body is not valid UTF-8.") from None


async def form_fields(request: web.Request, limit: int | None = None) -> dict[str, str]:
    """``form_pairs`` as a dict: the first of a repeated field, as aiohttp's ``MultiDict.get``."""
    fields: dict[str, str] = {}
    for key, value in await form_pairs(request, limit):
        fields.setdefault(key, value)
    return fields


async def post_fields(request: web.Request) -> list[tuple[str, object]]:
    """A page's POSTed form as (name, value) pairs, whatever the client sent, never a 500.

    ``application/x-www-form-urlencoded`` (what every browser form sends) through ``form_pairs``;
    ``multipart/form-data`` through aiohttp (its text parts decoded strictly); anything else has no
    fields, as ``request.post()`` gives. ``ApiError`` 400 when the body cannot be read; the caller
    renders it as its page."""
    if request.content_type == FORM_TYPE:
        return list(await form_pairs(request))
    try:
        return list((await request.post()).items())
    except web.HTTPRequestEntityTooLarge:
        raise ApiError(413, "payload_too_large", "The form is too large.") from None
    except UNREADABLE as exc:
        raise unreadable(exc) from None
    except (ValueError, LookupError):  # a part that is not UTF-8, a missing boundary, an unknown charset
        raise ApiError(400, "invalid_form", "The form body is malformed or not UTF-8.") from None
