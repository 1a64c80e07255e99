"""Safe to embed: security headers, a strict CSP on our pages, CORS for the allowed origins only.

The widget runs on the city's own sites, so the API must answer those origins (and only those);
our own pages must never run a script we did not serve. Rate limits per session and per address
live in civicbot.web.auth and are applied by each view that does work.
"""

from __future__ import annotations

import json

from aiohttp import web, web_protocol
from aiohttp.http_exceptions import ContentEncodingError

from civicbot import keys, origins
from civicbot.config import Settings
from civicbot.web.auth import check_rate, client_address
from civicbot.web.errors import error_response

# Our pages: scripts, styles, images and connections from this server only. Leaflet moves map
# panes through element.style (the CSSOM), which a CSP does not restrict, so no 'unsafe-inline'.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'self'"
)


def page_csp(settings: Settings) -> str:
    """PAGE_CSP, with the tile server of CIVICBOT_MAP_TILES_URL allowed as an image source."""
    tiles = settings.map_tiles_origin
    return (
        PAGE_CSP.replace("img-src 'self' data: blob:", f"img-src 'self' data: blob: {tiles}")
        if tiles
        else PAGE_CSP
    )


# JSON and other non-HTML answers render nothing, so they may load nothing and be framed by no one.
API_CSP = "default-src 'none'; frame-ancestors 'none'"

_CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
_CORS_HEADERS = "Authorization, Content-Type, X-Session-Token"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def origin_allowed(request: web.Request, origin: str | None, others: bool = True) -> bool:
    """May a page from ``origin`` use the API? (``origins.allowed``, for the host the browser reached.)"""
    return origins.allowed(origin, request.host, request.app[keys.SETTINGS], others)


def _is_api(request: web.Request) -> bool:
    return request.path.startswith("/api/")


def _preflight(request: web.Request) -> web.Response:
    origin = request.headers.get("Origin")
    if origin is None or not origin_allowed(request, origin):
        return error_response(403, "origin_not_allowed", "This origin may not use the API.")
    response = web.Response(status=204)
    response.headers["Access-Control-Allow-Methods"] = _CORS_METHODS
    response.headers["Access-Control-Allow-Headers"] = _CORS_HEADERS
    response.headers["Access-Control-Max-Age"] = "600"
    return response


def _add_cors(request: web.Request, response: web.StreamResponse) -> None:
    origin = request.headers.get("Origin")
    response.headers.add("Vary", "Origin")
    if origin is not None and origin_allowed(request, origin):
        # Echo the one origin (never "*"): the widget sends a bearer token with its requests.
        response.headers["Access-Control-Allow-Origin"] = origin.strip()


def _add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if response.content_type == "text/html":
        headers.setdefault("Content-Security-Policy", page_csp(request.app[keys.SETTINGS]))
        headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    elif _is_api(request):
        headers.setdefault("Content-Security-Policy", API_CSP)
    else:
        # widget.js, its stylesheet and Leaflet are loaded by the city's pages on other origins.
        headers.setdefault("Cross-Origin-Resource-Policy", "cross-origin")


# Public reads that cost a database query each (map data, counts, results, search, Open311 lists):
# they get their own per-address limit, so a flood of them cannot starve chat, votes and reports.
_PUBLIC_READS = ("/api/complaints", "/api/polls", "/api/knowledge/", "/open311/v2/requests")


async def _check_read_rate(request: web.Request) -> None:
    if request.method == "GET" and request.path.startswith(_PUBLIC_READS):
        await check_rate(request, request.app[keys.LIMITERS].reads, "read:" + client_address(request))


@web.middleware
async def security(request: web.Request, handler) -> web.StreamResponse:
    """Answer CORS preflights on /api/ and refuse unsafe calls from origins that are not allowed."""
    await _check_read_rate(request)
    if _is_api(request):
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            return _preflight(request)
        if request.method not in _SAFE_METHODS and not origin_allowed(request, request.headers.get("Origin")):
            # A form or fetch from a foreign page must not create sessions, vote or report.
            return error_response(403, "origin_not_allowed", "This origin may not use the API.")
    return await handler(request)


async def _on_prepare(request: web.Request, response: web.StreamResponse) -> None:
    """Every response, errors, static files and WebSocket upgrades included, gets its headers here."""
    if request.content.exception() is not None:
        # The body could not be decoded (gzip that does not decompress, a broken chunk): aiohttp
        # drops the connection after answering, so say so ("Connection: close") rather than let
        # the client send its next request into a closed connection. (The headers are built before
        # this signal runs, so the header is set here as well.)
        response.force_close()
        response.headers["Connection"] = "close"
    if _is_api(request):
        _add_cors(request, response)
    _add_security_headers(request, response)


_PROTOCOL_MESSAGES = {
    400: "The request is not valid HTTP.",
    413: "The request is too large.",
    431: "The request's headers are too large.",
    500: "Something went wrong on our side; it was logged.",
}


def _json_protocol_errors() -> None:
    """aiohttp's own error answers (a malformed request line, headers too long ...) as JSON errors.

    They are written by the connection's protocol before any application code runs, so neither a
    middleware nor a signal sees them; ``RequestHandler.handle_error`` is the one place aiohttp
    builds them, and there is no setting to choose its class. We wrap it once per process: the
    status and the closing of the connection stay aiohttp's, only the body becomes our shape.
    """
    original = web_protocol.RequestHandler.handle_error
    if getattr(original, "_civicbot_json", False):
        return

    def handle_error(self, request, status=500, exc=None, message=None):
        response = original(self, request, status, exc, message)
        if response.status < 400:
            return response
        code = "internal_error" if response.status >= 500 else "bad_request"
        text = _PROTOCOL_MESSAGES.get(response.status, "The request could not be handled.")
        if isinstance(exc, ContentEncodingError) and response.status == 400:  # br, zstd, x-unknown ...
            code, text = "bad_encoding", "The request body's Content-Encoding is not supported here."
        body = json.dumps({"error": {"code": code, "message": text}})
        answer = web.Response(status=response.status, text=body, content_type="application/json")
        answer.headers["X-Content-Type-Options"] = "nosniff"
        answer.force_close()
        return answer

    handle_error._civicbot_json = True  # type: ignore[attr-defined]
    web_protocol.RequestHandler.handle_error = handle_error  # type: ignore[method-assign]


def setup(app: web.Application) -> None:
    app.middlewares.append(security)
    app.on_response_prepare.append(_on_prepare)
    _json_protocol_errors()
