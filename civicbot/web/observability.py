"""/metrics, and a request id on every request and on every log line written while serving it."""

from __future__ import annotations

import logging
import time

from aiohttp import web
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


def setup(app: web.Application) -> None:
    app.middlewares.insert(0, observe)
    app.router.add_get("/metrics", metrics)
