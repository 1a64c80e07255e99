"""/metrics, and a request id on every request and on every log line written while serving it."""

from __future__ import annotations

import itertools
import logging
import re
import secrets
import time

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from civicbot import keys, outbox
from civicbot.observability import LATENCY, OUTBOX_BACKLOG, REGISTRY, REQUEST_ID, REQUESTS

log = logging.getLogger("civicbot.access")
_INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")  # a balancer's id is kept only when it looks like one
# Our own ids: a random prefix per process (replicas differ) and a counter. Ids need to be unique,
# not secret, and uuid4 costs a system call for its random bytes on every request.
_ID_PREFIX = secrets.token_hex(4)
_ID_COUNTER = itertools.count(1)


def _route(request: web.Request) -> str:
    """The route template ("/api/polls/{id}"), never the path itself: paths hold ids and tokens."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "unmatched"


@web.middleware
async def observe(request: web.Request, handler) -> web.StreamResponse:
    """Outermost: give the request an id (echoed in X-Request-Id), time it, count it."""
    incoming = request.headers.get("X-Request-Id", "")
    request_id = incoming if incoming and _INCOMING_ID.fullmatch(incoming) else _new_id()
    token = REQUEST_ID.set(request_id)
    started = time.perf_counter()
    status = 500
    try:
        response = await handler(request)
        status = response.status
        response.headers["X-Request-Id"] = request_id
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        route = _route(request)
        elapsed = time.perf_counter() - started
        _count(route, request.method, status, elapsed)
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s %s -> %d in %.1f ms", request.method, route, status, elapsed * 1000)
        REQUEST_ID.reset(token)


def _new_id() -> str:
    """16 hex digits: this process's random prefix and its request counter (wraps at 2**32)."""
    return f"{_ID_PREFIX}{next(_ID_COUNTER) & 0xFFFFFFFF:08x}"


# The metric children per label set: ``labels()`` validates and looks them up on every call.
_REQUEST_CHILDREN: dict[tuple[str, str, int], object] = {}
_LATENCY_CHILDREN: dict[str, object] = {}


def _count(route: str, method: str, status: int, elapsed: float) -> None:
    key = (route, method, status)
    counter = _REQUEST_CHILDREN.get(key)
    if counter is None:
        counter = _REQUEST_CHILDREN[key] = REQUESTS.labels(route, method, str(status))
    histogram = _LATENCY_CHILDREN.get(route)
    if histogram is None:
        histogram = _LATENCY_CHILDREN[route] = LATENCY.labels(route)
    counter.inc()  # type: ignore[attr-defined]
    histogram.observe(elapsed)  # type: ignore[attr-defined]


async def metrics(request: web.Request) -> web.Response:
    """GET /metrics: Prometheus text format. The outbox backlog is read from the database now."""
    backlog = await request.app[keys.DATABASE].execute_fn(outbox.backlog)
    OUTBOX_BACKLOG.set(backlog)
    return web.Response(body=generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST})


def setup(app: web.Application) -> None:
    app.middlewares.insert(0, observe)
    app.router.add_get("/metrics", metrics)
