"""JSON errors: every failure answers ``{"error": {"code", "message"}}`` with the right status."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import get_args

from aiohttp import web
from aiohttp.http_exceptions import ContentEncodingError, HttpProcessingError
from pydantic import ValidationError
from pydantic_core.core_schema import ErrorType

from civicbot import keys
from civicbot.errors import DomainError
from civicbot.jsontext import dumps
from civicbot.web.templating import render

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


# DomainError code -> HTTP status: the one place a domain refusal becomes a status. A code not
# listed is the client's mistake: 400. Codes are grouped by what the client did wrong.
STATUS: dict[str, int] = {
    # no such thing (or not public)
    "not_found": 404,
    "not_public": 404,  # it exists (its status page says so) but is held, hidden or rejected
    "poll_not_found": 404,
    "no_photo": 404,
    # the thing exists but is not in a state that allows it
    "closed": 409,
    "invalid_transition": 409,
    "not_yet_open": 409,
    "poll_closed": 409,
    "already_voted": 409,
    "already_closed": 409,
    "not_draft": 409,
    "slug_taken": 409,
    "not_collecting": 409,
    "expired": 409,
    "wrong_status": 409,
    "address_supported": 409,
    "duplicate_not_public": 409,
    "duplicate_other_category": 409,
    "duplicate_too_far": 409,
    # not for this voter
    "district_not_allowed": 403,
    "channel_not_allowed": 403,
    # not for this client (Open311's api_key)
    "invalid_api_key": 403,
    # not published yet
    "results_hidden": 403,
    "bulletin_at_close": 403,
    # too much: a file or a body over its size in bytes is 413; a field over its length in
    # characters (text_too_long, address_too_long, ...) is the client's mistake like any other
    # bad field, 400 with a code that names the field (newcomer probe #30)
    "photo_too_large": 413,
    "daily_limit": 429,
    # the server is still loading what the action needs
    "starting": 503,
    "categories_unavailable": 503,
}


def domain_status(error: DomainError) -> int:
    """The HTTP status of a domain refusal (``STATUS``; 400 for any other code)."""
    return STATUS.get(error.code, 400)


class ApiError(Exception):
    """Raise from a view: ``raise ApiError(400, "empty_text", "text must not be empty")``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


# What aiohttp raises from a request's body stream when the bytes do not match the headers.
UNREADABLE = (web.RequestPayloadError, HttpProcessingError)


def unreadable(exc: BaseException) -> ApiError:
    """The 400 for a body aiohttp could not decode (one of ``UNREADABLE``): ``bad_encoding`` for a
    gzip or deflate body that does not decompress (a ``ContentEncodingError``, or the
    ``RequestPayloadError`` it caused), ``bad_body`` for the rest (a broken chunk, a malformed
    multipart part). The client's mistake, never the 500 of an unexpected exception."""
    if isinstance(exc, ContentEncodingError) or isinstance(exc.__cause__, ContentEncodingError):
        message = "The request body could not be decompressed: it does not match its Content-Encoding."
        return ApiError(400, "bad_encoding", message)
    return ApiError(400, "bad_body", "The request body could not be read: it is malformed or cut short.")


def error_response(status: int, code: str, message: str) -> web.Response:
    """The JSON error. The message is made encodable first: a message must never become a 500."""
    message = message.encode("utf-8", "replace").decode("utf-8")[:500]
    return web.json_response({"error": {"code": code, "message": message}}, status=status, dumps=dumps)


# Paths a browser never opens as a page: their 404 stays the JSON envelope.
_NOT_PAGES = ("/api/", "/open311/", "/kakao/", "/static/", "/telegram", "/healthz", "/metrics", "/widget.js")


@web.middleware
async def json_errors(request: web.Request, handler) -> web.StreamResponse:
    """Every refusal as the JSON envelope; a page a browser asked for that does not exist (/polls/abc,
    a removed document's citation link) as the site's own 404 page in the reader's language."""
    response = await _json_errors(request, handler)
    if (
        response.status == 404
        and response.content_type == "application/json"
        and request.method == "GET"
        and "text/html" in request.headers.get("Accept", "")
        and not request.path.startswith(_NOT_PAGES)
    ):
        return render(request, "not_found.html", status=404)
    return response


def _static_file_missing(request: web.Request, response: web.StreamResponse) -> bool:
    """True when aiohttp's static route answered a file that is not there.

    Its handler returns a ``FileResponse`` without looking; the 404 is only set while the response is
    sent, as an empty ``application/octet-stream`` body no middleware sees (newcomer F20). The route
    has already refused paths outside its directory (403/404 raised), so the joined path is inside it;
    one ``stat`` of a local file, on the loop like the rest of this check."""
    if not isinstance(response, web.FileResponse):
        return False
    resource = request.match_info.route.resource
    if not isinstance(resource, web.StaticResource):
        return False
    directory = Path(resource.get_info()["directory"])
    return not (directory / request.match_info["filename"]).is_file()


def _unrouted(request: web.Request) -> str:
    """The message of an API path no route takes ("" for any other 404): it says where the
    endpoints are listed and, for a trailing slash (``/api/polls/2/``), the path without it. Routes
    take no trailing slash; the router's bare "Not Found" left a client guessing (probe #24.4)."""
    path = request.path
    if getattr(request.match_info, "http_exception", None) is None or not path.startswith("/api/"):
        return ""
    if path.endswith("/") and path.rstrip("/") != "/api":
        return f"No such API path: paths take no trailing slash ({path.rstrip('/')})."
    return "No such API path; the endpoints are listed at /api/openapi.json."


async def _json_errors(request: web.Request, handler) -> web.StreamResponse:
    try:
        response = await handler(request)
        if _static_file_missing(request, response):
            raise web.HTTPNotFound()
        return response
    except ApiError as exc:
        return error_response(exc.status, exc.code, exc.message)
    except DomainError as exc:
        zone = request.app[keys.SETTINGS].zone
        return error_response(domain_status(exc), exc.code, exc.message_in(zone))
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        code = _CODES.get(exc.status, "error")
        response = error_response(
            exc.status, code, (exc.status == 404 and _unrouted(request)) or exc.reason or code
        )
        if "Allow" in exc.headers:  # a 405 must say which methods are allowed
            response.headers["Allow"] = exc.headers["Allow"]
        return response
    except UNREADABLE as exc:  # a broken body (gzip that does not decompress, chunked ...) is the
        # client's fault. Not logged here: aiohttp logs it once when it drains the rest of the body,
        # one WARNING line (civicbot.web.observability.ClientErrors).
        error = unreadable(exc)
        return error_response(error.status, error.code, error.message)
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal_error", "Something went wrong on our side; it was logged.")


# --- pydantic's errors, mapped to the envelope in this one place --------------------------------

# Messages by error type; "{name}" is the field, the rest comes from the error's context.
_VALIDATION_MESSAGES = {
    "missing": "'{name}' is required.",
    "text_too_long": "'{name}' is longer than {limit} characters.",
    "empty_text": "'{name}' must not be empty or only white space.",
    "string_type": "'{name}' must be a string.",
    "int_type": "'{name}' must be a whole number.",
    "int_parsing": "'{name}' must be a whole number.",
    "bool_type": "'{name}' must be true or false.",
    "list_type": "'{name}' must be a list.",
    "dict_type": "'{name}' must be an object.",
    "model_type": "'{name}' must be an object.",
    "extra_forbidden": "Unknown field '{name}'.",
    "duplicate_field": "The field '{name}' is given twice.",
    "float_type": "'{name}' must be a number.",
    "float_parsing": "'{name}' must be a number.",
    "int_from_float": "'{name}' must be a whole number.",
    "string_too_short": "'{name}' is too short: at least {min_length} characters.",
    "string_too_long": "'{name}' is too long: at most {max_length} characters.",
    "too_short": "'{name}' has too few items: at least {min_length}.",
    "too_long": "'{name}' has too many items: at most {max_length}.",
    "literal_error": "'{name}' must be {expected}.",
    "enum": "'{name}' must be {expected}.",
    "string_pattern_mismatch": "'{name}' is not in the expected form.",
}
# A number out of range names the whole range the field allows when the model says it ("'k' must
# be from 1 to 20."), else the bound it broke; pydantic's own wording ("Input should be greater than
# or equal to 1") named neither the range nor, plainly, the field.
_RANGE_ERRORS = {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}


def _bounds(model: type | None, loc: tuple) -> dict[str, object]:
    """The numeric bounds (ge, gt, le, lt) a model declares on the top-level field ``loc`` names."""
    fields = getattr(model, "model_fields", None)
    if not fields or len(loc) != 1 or loc[0] not in fields:
        return {}
    found: dict[str, object] = {}
    for item in fields[loc[0]].metadata:
        for bound in ("ge", "gt", "le", "lt"):
            if getattr(item, bound, None) is not None:
                found[bound] = getattr(item, bound)
    return found


def _range_message(name: str, kind: str, context: dict, bounds: dict) -> str:
    low = (
        ("from", bounds["ge"])
        if "ge" in bounds
        else ("greater than", bounds["gt"])
        if "gt" in bounds
        else None
    )
    high = ("to", bounds["le"]) if "le" in bounds else ("less than", bounds["lt"]) if "lt" in bounds else None
    if low and high:
        if low[0] == "from" and high[0] == "to":
            return f"'{name}' must be from {low[1]} to {high[1]}."
        return f"'{name}' must be {low[0]} {low[1]} and {high[0]} {high[1]}."
    said = {
        "greater_than_equal": "at least {ge}",
        "greater_than": "greater than {gt}",
        "less_than_equal": "at most {le}",
        "less_than": "less than {lt}",
    }[kind]
    return f"'{name}' must be {said.format(**context)}."


_BUILTIN_TYPES = frozenset(get_args(ErrorType))
_BUILTIN_CODES = {"missing": "missing_field", "extra_forbidden": "unknown_field"}


def validation_error(exc: ValidationError, code: str | None = None, model: type | None = None) -> ApiError:
    """The ``ApiError`` for a model's first validation problem.

    Built-in problems answer 400 with ``code`` (``missing_field`` when a field is absent, else
    ``invalid_field``); a validator of ours raises ``PydanticCustomError(code, message)`` and its
    type is the code, with its status from ``STATUS``. A field over its length is 400
    ``<field>_too_long`` (``text_too_long``, ``q_too_long``, ``title_too_long``); 413 is kept for
    bodies and files over their size in bytes. The message names the
    field, never the input, in plain words: a number out of range names the range ``model`` declares
    for the field ("'k' must be from 1 to 20."), and no pydantic wording ("Input should be …") is
    passed on."""
    error = exc.errors(include_url=False, include_input=False)[0]
    kind = error["type"]
    name = ".".join(str(part) for part in error["loc"]) or "body"
    context = {key: value for key, value in (error.get("ctx") or {}).items() if key != "error"}
    template = _VALIDATION_MESSAGES.get(kind)
    if kind in _RANGE_ERRORS:
        message = _range_message(name, kind, context, _bounds(model, tuple(error["loc"])))
    elif template is not None:
        message = template.format(name=name, **context)
    elif kind in _BUILTIN_TYPES:
        message = f"'{name}' is not valid."
    else:
        message = error["msg"]
    if kind in _LENGTH_ERRORS or kind == "text_too_long":
        # An over-long field is a 400 whose code names the field ('q' → q_too_long), whichever
        # check found it: pydantic's max_length or a limit from the settings (newcomer probe #30).
        return ApiError(400, f"{_field_code(error['loc'])}_too_long", message)
    if kind in _BUILTIN_TYPES:
        kind = code or _BUILTIN_CODES.get(kind, "invalid_field")
    return ApiError(STATUS.get(kind, 400), kind, message)


_LENGTH_ERRORS = frozenset({"string_too_long"})


def _field_code(loc: tuple | list) -> str:
    """The top-level field a validation error is about, as a code's stem ('title' of 'title.ko')."""
    first = next((part for part in loc if isinstance(part, str)), "")
    return first if re.fullmatch(r"[a-z][a-z0-9_]{0,39}", first) else "field"
