"""/metrics, a request id on every request and on every log line written while serving it, and
aiohttp's own log of a client's malformed request as one line (``ClientErrors``)."""

from __future__ import annotations

import logging
import time

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from civicbot import keys, outbox
from civicbot.observability import OUTBOX_BACKLOG, REGISTRY, REQUEST_ID, count_request, request_id

log = logging.getLogger("civicbot.access")


def _route(request: web.Request) -> str:
    """The route template ("/api/polls/{id}"), never the path itself: paths hold ids and tokens."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "unmatched"


@web.middleware
async def observe(request: web.Request, handler) -> web.StreamResponse:
    """Outermost: give the request an id (echoed in X-Request-Id), time it, count it."""
    this_id = request_id(request.headers.get("X-Request-Id", ""))
    token = REQUEST_ID.set(this_id)
    started = time.perf_counter()
    status = 500
    try:
        response = await handler(request)
        status = response.status
        response.headers["X-Request-Id"] = this_id
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        route = _route(request)
        elapsed = time.perf_counter() - started
        count_request(route, request.method, status, elapsed)
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s %s -> %d in %.1f ms", request.method, route, status, elapsed * 1000)
        REQUEST_ID.reset(token)


async def metrics(request: web.Request) -> web.Response:
    """GET /metrics: Prometheus text format. The outbox backlog is read from the database now."""
    backlog = await request.app[keys.DATABASE].execute_fn(outbox.backlog)
    OUTBOX_BACKLOG.set(backlog)
    return web.Response(body=generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST})


def _client_fault(exc: BaseException | None) -> BaseException | None:
    """The client's mistake behind ``exc`` (itself or its cause), or None when it is ours.

    aiohttp's protocol raises ``HttpProcessingError`` with a 4xx code for a request it cannot
    parse (raw UTF-8 in the request line, a header over 8 KB, a bad chunk, a body that does not
    decompress), and ``RequestPayloadError`` from the body's stream for the last two."""
    for candidate in (exc, exc.__cause__ if exc is not None else None):
        if isinstance(candidate, HttpProcessingError) and 400 <= candidate.code < 500:
            return candidate
        if isinstance(candidate, web.RequestPayloadError):
            return candidate.__cause__ if isinstance(candidate.__cause__, HttpProcessingError) else candidate
    return None


class ClientErrors(logging.Filter):
    """On the ``aiohttp.server`` logger: a client's malformed request is one WARNING line, not an ERROR
    with a traceback (anyone could fill the log with those). aiohttp logs them with
    ``logger.exception`` from its protocol, before and after any application code runs ("Error
    handling request from ...", and "Unhandled exception" when it drains a body that cannot be
    decoded after we answered 400), so a filter on its logger is the one place to catch both. Our own
    failures (every other exception) stay ERROR with their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        fault = _client_fault(record.exc_info[1] if record.exc_info else None)
        if fault is None:
            return True
        detail = getattr(fault, "message", "") or str(fault)
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        record.msg = "bad request (%s): %s"
        record.args = (type(fault).__name__, " ".join(str(detail).split())[:200])
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


def quiet_client_errors() -> None:
    """Install ``ClientErrors`` on aiohttp's server logger, once per process."""
    server = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, ClientErrors) for f in server.filters):
        server.addFilter(ClientErrors())


def setup(app: web.Application) -> None:
    quiet_client_errors()
    app.middlewares.insert(0, observe)
    app.router.add_get("/metrics", metrics)
