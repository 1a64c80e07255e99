"""What the HTTP handlers share: the database on a reader or the writer, the city's zone, "this
thing or 404", file downloads and their Content-Disposition, and the server's periodic work.

Small on purpose: each helper is one idea that at least two areas (polls, proposals, the console)
would otherwise write again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote
from zoneinfo import ZoneInfo

from aiohttp import web

from civicbot import keys
from civicbot.engine import ENGINE_FAILED
from civicbot.shapes import path_number
from civicbot.web.errors import ApiError

if TYPE_CHECKING:
    from civicbot.engine import Engine

log = logging.getLogger(__name__)
T = TypeVar("T")

# Media types of the files the API and the console offer for download, by extension.
EXPORT_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


async def read(request: web.Request, fn: Callable[[Any], T]) -> T:
    """``fn(conn)`` on a reader thread."""
    return await request.app[keys.DATABASE].execute_fn(fn)


async def write(request: web.Request, fn: Callable[[Any], T]) -> T:
    """``fn(conn)`` on the single writer, in one transaction."""
    return await request.app[keys.DATABASE].execute_write_fn(fn)


def zone(request: web.Request) -> ZoneInfo:
    """The city's time zone (every time the API shows is in its offset)."""
    return request.app[keys.SETTINGS].zone


def path_id(request: web.Request) -> int:
    """The ``{id}`` of the path as a number; the 404 ``not_found`` when it is not one in canonical
    decimal (``shapes.path_number``; an API table's view has answered that with its own 404 code
    already, ``boundary.PathId.check``). A page reads it with ``page_id``."""
    number = path_number(request.match_info["id"])
    if number is None:
        raise ApiError(404, "not_found", "There is no such thing here.")
    return number


# A page's ``{id}`` route: ASCII digits, bounded (``/polls/<5000 digits>`` is the site's 404 page,
# not a 500); ``page_id`` reads it.
PAGE_ID_ROUTE = r"{id:[0-9]{1,12}}"


def page_id(request: web.Request) -> int:
    """The ``{id}`` of a page's path as a number; ``HTTPNotFound`` (the site's 404 page for a
    browser, as for any address that is no page: ``/polls/abc``, ``/polls/-1``) when it is not one
    in canonical decimal: ``/polls/01`` is not poll 1's page."""
    number = path_number(request.match_info["id"])
    if number is None:
        raise web.HTTPNotFound()
    return number


def found(value: T | None, code: str, message: str) -> T:
    """``value``, or the 404 ``code`` when there is none (or it is not for the public)."""
    if value is None:
        raise ApiError(404, code, message)
    return value


def download(body: bytes, fmt: str, filename: str, headers: dict[str, str] | None = None) -> web.Response:
    """A file to save (``Content-Disposition: attachment``); text formats are UTF-8."""
    response = web.Response(body=body, content_type=EXPORT_TYPES[fmt], headers=headers)
    if fmt != "xlsx":
        response.charset = "utf-8"
    response.headers["Content-Disposition"] = content_disposition(filename, inline=False)
    return response


# RFC 8187 §3.2.1 attr-char: what a filename* value may hold unencoded (besides letters and digits).
_ATTR_CHARS = "!#$&+-.^_`|~"
# What the ASCII fallback keeps: letters, digits and a few harmless marks; no quote, backslash,
# semicolon or control character, so the quoted-string needs no escapes and ends where it should.
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9 .()+,_-]+")


def content_disposition(name: str, inline: bool) -> str:
    """The ``Content-Disposition`` header value for a file called ``name`` (any Unicode), shown in
    the browser when ``inline``, else downloaded (``attachment``).

    RFC 6266: ``inline`` or ``attachment``, then ``filename="<ascii>"`` (for clients that know
    only that parameter) and, when that is not the name itself, ``filename*=UTF-8''<percent-encoded
    name>`` after it (RFC 6266 §4.3: the one recipients prefer; the encoding is RFC 8187's, formerly
    RFC 5987). The name is composed (NFC) first. The fallback is ascii_file_name's. The value is
    printable ASCII, with no quote, backslash or control character inside the quoted-string: a file
    name (any characters a disk allows, ``\\r\\n`` too) cannot end the header, add one, or add a
    parameter. ``download_name.csv`` -> ``attachment; filename="download_name.csv"``.
    """
    name = unicodedata.normalize("NFC", name)
    fallback = ascii_file_name(name)
    value = f'{"inline" if inline else "attachment"}; filename="{fallback}"'
    if fallback != name:
        value += "; filename*=UTF-8''" + quote(name.encode("utf-8"), safe=_ATTR_CHARS)
    return value


def ascii_file_name(name: str) -> str:
    """``name`` in printable ASCII for the ``filename=`` fallback of content_disposition: accents
    dropped (NFKD), and a run of anything else but letters, digits, spaces and ``.()+,_-`` (Hangul,
    quotes, ``%``, control characters) one ``_``, trimmed from the ends of the stem; ``document``
    when no letter or digit is left of the stem. ``Café menu.pdf`` -> ``Cafe menu.pdf``,
    ``2024 예산안.docx`` -> ``2024.docx``, ``예산안.docx`` -> ``document.docx``."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        stem, extension = name, ""

    def plain(text: str) -> str:
        letters = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        return _NOT_PLAIN.sub("_", letters)

    stem = re.sub(r"[ _]{2,}", "_", plain(stem)).strip(" _.-")
    extension = re.sub(r"[^A-Za-z0-9]", "", plain(extension))
    if not any(c.isalnum() for c in stem):
        stem = "document"
    return f"{stem}.{extension}" if extension else stem


def engine(app: web.Application) -> Engine:
    """The answer engine, or 503 while it loads (``starting``) or after it failed (``engine_failed``)."""
    slot = app[keys.ENGINE]
    if slot.engine is None:
        if slot.error:
            # The part that failed, never the error's text (it may hold the server's paths).
            said = slot.public_error or ENGINE_FAILED
            raise ApiError(503, "engine_failed", f"The answer engine is not available: {said}.")
        raise ApiError(503, "starting", "The server is still loading its documents; try again shortly.")
    return slot.engine


def every(
    seconds: Callable[[web.Application], float], work: Callable[[web.Application], Awaitable[None]]
) -> Callable[[web.Application], AsyncIterator[None]]:
    """A ``cleanup_ctx`` entry running ``work(app)`` now and then every ``seconds(app)`` while the
    server runs. A failed round is logged and the next one retries: the timer never stops."""

    async def loop(app: web.Application) -> None:
        while True:
            try:
                await work(app)
            except Exception:
                log.exception("%s failed", work.__name__)
            await asyncio.sleep(seconds(app))

    async def context(app: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(loop(app))
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    return context


def own_base(request: web.Request) -> str:
    """This server's address for links: CIVICBOT_PUBLIC_URL, else the request's scheme and Host
    (``make run`` on a laptop is reached as localhost, 127.0.0.1 or a LAN address alike)."""
    return request.app[keys.SETTINGS].public_url or f"{request.scheme}://{request.host}"


def not_shared_when_host_made(request: web.Request, response: web.StreamResponse) -> web.StreamResponse:
    """Without CIVICBOT_PUBLIC_URL a page's links follow the request's Host header, which anyone can
    set: such a response must never be stored by a cache and served to others (probe21 #21: a
    poisoned cache would send Open311 clients, with their key and citizens' contacts, elsewhere)."""
    if not request.app[keys.SETTINGS].public_url:
        response.headers["Cache-Control"] = "no-store"
        response.headers["Vary"] = "Host"
    return response
