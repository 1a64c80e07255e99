"""JSON errors: every failure answers ``{"error": {"code", "message"}}`` with the right status."""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from civicbot.jsontext import dumps

log = logging.getLogger(__name__)

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """Raise from a view: ``raise ApiError(400, "empty_text", "text must not be empty")``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def error_response(status: int, code: str, message: str) -> web.Response:
    """The JSON error. The message is made encodable first: a message must never become a 500."""
    message = message.encode("utf-8", "replace").decode("utf-8")[:500]
    return web.json_response(
        {"error": {"code": code, "message": message}},
        status=status,
        dumps=dumps,
    )


@web.middleware
async def json_errors(request: web.Request, handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as exc:
        return error_response(exc.status, exc.code, exc.message)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        code = _CODES.get(exc.status, "error")
        response = error_response(exc.status, code, exc.reason or code)
        if "Allow" in exc.headers:  # a 405 must say which methods are allowed
            response.headers["Allow"] = exc.headers["Allow"]
        return response
    except HttpProcessingError as exc:  # a broken body (chunked, gzip ...) is the client's fault
        status = exc.code if 400 <= exc.code < 500 else 400
        return error_response(
            status, _CODES.get(status, "bad_request"), "The request body could not be read."
        )
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal_error", "Something went wrong on our side; it was logged.")
