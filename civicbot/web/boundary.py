"""Typed boundaries: one pydantic model per request body, query and JSON response, and one
declaration per operation.

A module declares its operations on a route table (``Api``)::

    routes = Api()

    @routes.post("/api/chat", before=limit_messages)
    async def chat(request, body: ChatRequest) -> ChatReply:
        \"""Send one message to the bot and get its reply

        Status Codes:
            413: A body over 64 KiB
        \"""

The table's view parses and validates the body (through ``jsonbody``'s
hostile-input limits) and the query, hands the models to the handler, and serialises the model it
returns. The same declaration is what ``civicbot.web.openapi`` reads from the route tables to
write ``/api/openapi.json``, so the document cannot drift from the code. Validation failures
become the JSON error envelope in one place, ``civicbot.web.errors.validation_error``.

Limits that come from settings are declared with ``Setting`` (``Annotated[int, Setting(...)]``):
the validator reads the configured value from the validation context, and the document shows it.
"""

from __future__ import annotations

import functools
import inspect
import re
import typing
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from civicbot import keys
from civicbot.shapes import SETTING_KEY as SETTING_KEY
from civicbot.shapes import Setting as Setting
from civicbot.shapes import path_number
from civicbot.web import jsonbody
from civicbot.web.errors import ApiError, validation_error


@dataclass(frozen=True)
class Endpoint:
    """What one operation takes and gives, as the document shows it.

    ``responses`` maps a status to a description, or to ``(description, model)``, or to a
    ready OpenAPI response object (for CSV, GeoJSON and other bodies that are not one model).
    Statuses with only a description are error responses (the envelope)."""

    summary: str
    operation_id: str
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    responses: Mapping[int, Any] = field(default_factory=dict)
    security: str | None = None
    description: str = ""
    body_required: bool = True
    path_params: Mapping[str, dict] = field(default_factory=dict)
    raw_body: Mapping[str, Any] | None = None  # an OpenAPI requestBody that is not JSON (a photo)


@dataclass(frozen=True)
class Download:
    """A response that is a file, by the path's extension: JSON as ``model``, else bytes."""

    description: str
    model: type[BaseModel]
    types: Mapping[str, str]  # extension -> media type


@dataclass(frozen=True)
class Access:
    """Who may call an operation: the document's security scheme, the check that runs ahead of
    parsing (its result is the handler's ``auth=``) and the refusals it answers with."""

    security: str
    check: Callable[[web.Request], Awaitable[Any]]
    responses: Mapping[int, Any]


Handler = Callable[..., Awaitable[Any]]
M = TypeVar("M", bound=BaseModel)


def _view(
    handler: Handler,
    endpoint: Endpoint,
    before: Callable[[web.Request], Awaitable[Any]] | None,
    parse_body: bool,
    path_id: PathId | None = None,
) -> Handler:
    """The route's handler: ``before`` (a rate limit or a token check that must answer before a
    malformed body does; what it returns is the handler's ``auth=``), then the query and the body
    as models (``body=`` / ``query=``; with ``parse_body=False`` the JSON object, for a domain that
    words its own errors), then the ``{id}`` (``PathId.check``: one that is not a canonical number
    is the same 404 as any unknown one), then the handler's model (``status``), ``(model, status)`` or response."""
    body, query = endpoint.body, endpoint.query

    @functools.wraps(handler)
    async def view(request: web.Request) -> web.StreamResponse:
        kwargs: dict[str, Any] = {}
        if before is not None and (auth := await before(request)) is not None:
            kwargs["auth"] = auth
        context = {"settings": request.app[keys.SETTINGS]}
        if query is not None:
            kwargs["query"] = parse(query, query_fields(request, query), context)
        if body is not None:
            data = await jsonbody.read_limited(request, request.client_max_size)
            raw = jsonbody.loads_object(data) if data.strip() or endpoint.body_required else {}
            kwargs["body"] = parse(body, raw, context) if parse_body else raw
        if path_id is not None:
            path_id.check(request)
        return render(await handler(request, **kwargs), endpoint.status)

    view.endpoint = endpoint  # type: ignore[attr-defined]
    return view


def query_fields(request: web.Request, model: type[BaseModel]) -> dict[str, str]:
    """The query parameters ``model`` takes, as its input: strict UTF-8 (``jsonbody.query_pairs``,
    400 ``invalid_query``), each at most once (400 ``duplicate_field``, as in a JSON body: which of
    ``k=1&k=2`` was meant is the client's to say). Parameters the model does not take are ignored."""
    taken = {field.alias or name for name, field in model.model_fields.items()}
    fields: dict[str, str] = {}
    for key, value in jsonbody.query_pairs(request, taken):
        if key in fields:
            raise ApiError(400, "duplicate_field", f"The query parameter '{key}' is given twice.")
        fields[key] = value
    return fields


@dataclass(frozen=True)
class PathId:
    """The ``{id}`` of a table's paths: the route's pattern, the document's schema for it, and the
    404 of an operation on that one thing (``missing``, the document's words).

    With ``number`` (``numeric``) the id is a number: the route takes any path segment and
    ``check`` answers one that is not an id in canonical decimal (``shapes.path_number``: ``01``, ``-1``, ``+1``,
    `` 1``, ``١``, 13 digits or more) with the 404 ``code`` and ``message`` of any unknown id,
    before ``int`` or the database sees it. (A route of ASCII digits answered ``-1`` with the
    router's bare "Not Found" and read ``0000000000002`` as poll 2, newcomer probe #24.1-2.)"""

    pattern: str
    schema: Mapping[str, Any]
    missing: str | None = None
    numeric: bool = False
    code: str = "not_found"
    message: str = ""

    @classmethod
    def number(cls, schema: Mapping[str, Any], missing: str, code: str, message: str) -> PathId:
        """A numeric id of at most 12 digits (a poll's, a proposal's)."""
        return cls(r"[^/]+", schema, missing, numeric=True, code=code, message=message)

    def check(self, request: web.Request) -> None:
        """``ApiError(404, code)`` when the path's id is meant as a number and is not one."""
        if self.numeric and path_number(request.match_info["id"]) is None:
            raise ApiError(404, self.code, self.message)


class Api(web.RouteTableDef):
    """A module's documented operations, each declared once, with its route::

        routes = Api(PathId.number({"type": "integer", ...}, "No such poll", "poll_not_found", "..."))

        @routes.get("/api/polls/{id}/bulletin")
        async def get_poll_bulletin(request) -> Bulletin:
            \"""The public bulletin: every receipt with its choices and chain hash

            Status Codes:
                403: Published with the results, when the poll closes
            \"""

    The handler's signature gives the models (``body: M``, ``query: M`` and a return of ``M``
    unless ``body=``, ``query=``, ``response=`` say otherwise); its docstring the document's summary,
    description (the paragraphs after the first) and refusals (``Status Codes:``, as in
    aiohttp-pydantic); its name, in camelCase, the operationId unless ``operation_id`` is given.
    ``{id}`` in a path is the table's ``PathId``; ``defaults`` apply to every operation. A table may document its refusals in its own shape (``refusal``
    turns a docstring's words into the response) and ``wrap`` each view (Open311 answers in the
    spec's error format). ``civicbot.web.openapi`` reads the tables to write the document."""

    def __init__(
        self,
        path_id: PathId | None = None,
        refusal: Callable[[str], Any] = str,
        wrap: Callable[[Handler], Handler] | None = None,
        **defaults: Any,
    ) -> None:
        super().__init__()
        self.path_id, self.refusal, self.wrap, self.defaults = path_id, refusal, wrap, defaults
        self.table = self

    def operation(self, method: str, path: str, **declared: Any) -> Callable[[Handler], Handler]:
        """Declare and route one operation (see the class). ``declared`` is ``Endpoint``'s fields
        (``summary=`` replaces the docstring's), ``access`` (an ``Access``: its check, scheme and
        refusals), ``before`` (a check of our own) and ``parse_body``."""
        declared = {**self.defaults, **declared}
        access, before, parse_body = (
            declared.pop("access", None),
            declared.pop("before", None),
            declared.pop("parse_body", True),
        )
        words = dict(access.responses) if access is not None else {}
        if access is not None:
            before, declared["security"] = access.check, access.security
        numbered = self.path_id if self.path_id is not None and "{id}" in path else None
        if numbered is not None:
            path = path.replace("{id}", "{id:" + self.path_id.pattern + "}")
            declared["path_params"] = {"id": self.path_id.schema, **declared.get("path_params", {})}
            if self.path_id.missing:
                words[404] = self.path_id.missing

        def add(handler: Handler) -> Handler:
            summary, description, refusals = _read_docstring(handler.__doc__ or "")
            hints = typing.get_type_hints(handler)
            for name, key in (("body", "body"), ("query", "query"), ("return", "response")):
                if isinstance(hints.get(name), type) and issubclass(hints[name], BaseModel):
                    declared.setdefault(key, hints[name])
            first, *rest = handler.__name__.split("_")
            declared.setdefault("operation_id", first + "".join(word.capitalize() for word in rest))
            declared.setdefault("summary", summary)
            declared.setdefault("description", description)
            refused = {status: self.refusal(text) for status, text in {**words, **refusals}.items()}
            endpoint = Endpoint(**{**declared, "responses": {**refused, **declared.get("responses", {})}})
            view = _view(handler, endpoint, before, parse_body, numbered)
            view = self.wrap(view) if self.wrap is not None else view
            self.table.route(method, path)(view)
            return view

        return add

    def with_defaults(self, **defaults: Any) -> Api:
        """Another view of this table (the same routes) whose operations share more ``defaults``."""
        other = Api(self.path_id, self.refusal, self.wrap, **{**self.defaults, **defaults})
        other.table = self.table
        return other

    def get(self, path: str, **declared: Any) -> Callable[[Handler], Handler]:  # type: ignore[override]
        return self.operation("GET", path, **declared)

    def post(self, path: str, **declared: Any) -> Callable[[Handler], Handler]:  # type: ignore[override]
        return self.operation("POST", path, **declared)


_STATUS_LINE = re.compile(r"^\s*(\d{3}): ", re.MULTILINE)


def _read_docstring(doc: str) -> tuple[str, str, dict[int, str]]:
    """(summary, description, {status: refusal}) from a handler's docstring, white space folded."""
    text, _, codes = inspect.cleandoc(doc).partition("Status Codes:")
    summary, _, description = text.strip().partition("\n\n")
    parts = _STATUS_LINE.split(codes)[1:]
    refusals = {
        int(status): " ".join(words.split()) for status, words in zip(parts[::2], parts[1::2], strict=True)
    }
    return " ".join(summary.split()), " ".join(description.split()), refusals


def parse(model: type[M], data: object, context: dict | None = None) -> M:
    """``model`` from decoded data, or the ``ApiError`` for the first problem (400/413)."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise validation_error(exc, model=model) from None


def dump(value: BaseModel) -> dict:
    """The JSON-ready dict of a response model: the fields that were set, in declaration order."""
    return value.model_dump(mode="json", exclude_unset=True, by_alias=True)


def render(result: Any, status: int = 200) -> web.StreamResponse:
    """A handler's result as a response: a model, ``(model, status)`` or a response as is."""
    if isinstance(result, web.StreamResponse):
        return result
    if isinstance(result, tuple):
        result, status = result
    # pydantic-core writes the JSON itself (what ``dump`` gives, through ``dumps``, in one step and
    # a fraction of the CPU); non-ASCII text stays readable, as ``civicbot.jsontext`` writes it.
    text = result.model_dump_json(exclude_unset=True, by_alias=True)
    return web.Response(text=text, status=status, content_type="application/json")
