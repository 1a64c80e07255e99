"""Hostile input in HTTP requests: JSON bodies (decoded by ``civicbot.httpjson``) and form bodies.

The JSON limits live in ``civicbot.httpjson`` so the chat channels share them without importing
the web layer; here its refusals become the web's errors.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from urllib.parse import parse_qsl

from aiohttp import web

from civicbot import httpjson
from civicbot.httpjson import MAX_DEPTH
from civicbot.web.errors import ApiError


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
    """``httpjson.read_limited``; ``ApiError(413, "payload_too_large")`` over ``limit`` bytes."""
    with _answered():
        return await httpjson.read_limited(request, limit, what)


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
