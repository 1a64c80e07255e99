"""The OpenAPI 3.1 document, generated from the route tables and their pydantic models.

Every documented operation is a handler declared on a module's ``routes`` (a ``boundary.Api``
table, listed in ``_ROUTE_TABLES``): its path comes from the route, its schemas from
the models, its limits from the settings in force. Nothing here is written by hand but the
envelope's description and the security schemes.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from civicbot import __version__
from civicbot.config import Settings
from civicbot.shapes import ABSENT_KEY
from civicbot.web.boundary import SETTING_KEY, Download, Endpoint

# The modules whose ``routes`` tables hold documented operations, in document order.
_ROUTE_TABLES: tuple[str, ...] = (
    "civicbot.web.api",
    "civicbot.web.auth",
    "civicbot.web.polls",
    "civicbot.web.proposals",
    "civicbot.web.widget",
    "civicbot.web.complaints",
    "civicbot.web.open311",
)

_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}
_SECURITY = {
    "session": {"type": "http", "scheme": "bearer", "description": "Token from POST /api/sessions"},
    "official": {"type": "http", "scheme": "bearer", "description": "Token from `civicbot tokens create`"},
}
_PLACEHOLDER = re.compile(r"\{(\w+)(?::((?:[^{}]|\{[^{}]*\})+))?\}")


def documented_routes() -> list[tuple[str, str, Endpoint]]:
    """(method, aiohttp path template, endpoint) of every documented operation."""
    found = []
    for name in _ROUTE_TABLES:
        for route in importlib.import_module(name).routes:
            endpoint = getattr(route.handler, "endpoint", None)
            if endpoint is not None:
                found.append((route.method, route.path, endpoint))
    return found


def openapi_document(settings: Settings | None = None) -> dict:
    """The whole document; ``settings`` (default: the defaults) fills the configured limits."""
    settings = settings or Settings()
    routes = documented_routes()
    wanted: list[tuple[type[BaseModel], Any]] = []
    for _method, _path, endpoint in routes:
        wanted += [(m, "validation") for m in (endpoint.body, endpoint.query) if m is not None]
        wanted += [(m, "serialization") for m in _response_models(endpoint)]
        wanted += [(m, "validation") for m in _raw_models(endpoint.raw_body)]
    refs, top = models_json_schema(list(dict.fromkeys(wanted)), ref_template="#/components/schemas/{model}")
    schemas: dict = {"Error": _ERROR, **top.get("$defs", {})}
    paths: dict = {}
    for method, template, endpoint in routes:
        for path, params, words in _expand(template):
            operation = _operation(endpoint, refs, schemas, params, path)
            # One route serving export.csv and export.json is one operation per path, each its own id.
            operation["operationId"] += "".join(word.capitalize() for word in words)
            paths.setdefault(path, {})[method.lower()] = operation
    for _method, _path, endpoint in routes:  # a query model is its parameters, not a schema
        if endpoint.query is not None:
            schemas.pop(refs[(endpoint.query, "validation")]["$ref"].rsplit("/", 1)[1], None)
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "CivicBot API",
            "version": __version__,
            "description": "Ask the city's documents, run polls and report problems.",
        },
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": _SECURITY},
    }
    return _fill_settings(document, settings)


def _response_models(endpoint: Endpoint) -> list[type[BaseModel]]:
    models = [endpoint.response] if endpoint.response is not None else []
    for value in endpoint.responses.values():
        if isinstance(value, tuple) and isinstance(value[1], type):
            models.append(value[1])
        elif isinstance(value, Download):
            models.append(value.model)
    return models


def _raw_models(value: Any) -> list[type[BaseModel]]:
    """The models named in a hand-made request body (a form's schema) or response object."""
    if isinstance(value, type) and issubclass(value, BaseModel):
        return [value]
    if isinstance(value, dict):
        return [model for item in value.values() for model in _raw_models(item)]
    return []


def _with_refs(value: Any, refs: dict, mode: str) -> Any:
    """A hand-made OpenAPI object with each model in it replaced by its schema's ``$ref``."""
    if isinstance(value, type) and issubclass(value, BaseModel):
        return refs[(value, mode)]
    if isinstance(value, dict):
        return {key: _with_refs(item, refs, mode) for key, item in value.items()}
    return value


def _expand(template: str) -> list[tuple[str, list[dict], list[str]]]:
    """aiohttp's ``/a/{id:\\d+}/export.{format:csv|json}`` as documented paths and parameters.

    A placeholder that is part of a segment and a list of words (``{format:csv|json}``) becomes
    one path per word; any other placeholder is a path parameter whose pattern is its regex."""
    paths: list[tuple[str, list[dict], list[str]]] = [(template, [], [])]
    for match in _PLACEHOLDER.finditer(template):
        name, regex = match.group(1), match.group(2)
        whole_segment = template[match.start() - 1] == "/" and template[match.end() :][:1] in ("", "/")
        if regex and not whole_segment and re.fullmatch(r"\w+(\|\w+)*", regex):
            paths = [
                (p.replace(match.group(0), word), ps, [*ws, word])
                for p, ps, ws in paths
                for word in regex.split("|")
            ]
            continue
        schema: dict = {"type": "string"}
        if regex == r"\d+":
            schema = {"type": "integer", "minimum": 0}
        elif regex:
            schema["pattern"] = f"^{regex}$"
        parameter = {"name": name, "in": "path", "required": True, "schema": schema}
        paths = [(p.replace(match.group(0), "{" + name + "}"), [*ps, parameter], ws) for p, ps, ws in paths]
    return paths


def _operation(endpoint: Endpoint, refs: dict, schemas: dict, path_params: list[dict], path: str) -> dict:
    parameters = []
    for parameter in path_params:
        schema = dict(endpoint.path_params.get(parameter["name"], parameter["schema"]))
        if "description" in schema:  # a parameter's description is the parameter's, not its schema's
            parameter = {**parameter, "description": schema.pop("description")}
        parameters.append({**parameter, "schema": schema})
    if endpoint.query is not None:
        parameters += _query_parameters(refs[(endpoint.query, "validation")], schemas)
    operation: dict = {"summary": endpoint.summary, "operationId": endpoint.operation_id}
    if endpoint.description:
        operation["description"] = endpoint.description
    if parameters:
        operation["parameters"] = parameters
    if endpoint.security:
        operation["security"] = [{endpoint.security: []}]
    if endpoint.body is not None:
        operation["requestBody"] = {
            "required": endpoint.body_required,
            "content": {"application/json": {"schema": refs[(endpoint.body, "validation")]}},
        }
    if endpoint.raw_body is not None:
        operation["requestBody"] = _with_refs(endpoint.raw_body, refs, "validation")
    responses: dict = {}
    if endpoint.response is not None:
        schema = refs[(endpoint.response, "serialization")]
        responses[str(endpoint.status)] = _json_response(endpoint.summary, schema)
    for status, value in sorted(endpoint.responses.items()):
        if isinstance(value, str):
            responses[str(status)] = _json_response(value, _ERROR_REF)
        elif isinstance(value, tuple):
            responses[str(status)] = _json_response(value[0], refs[(value[1], "serialization")])
        elif isinstance(value, Download):
            extension = path.rsplit(".", 1)[-1]
            schema = (
                refs[(value.model, "serialization")]
                if extension == "json"
                else {"type": "string", "format": "binary"}
            )
            responses[str(status)] = {
                "description": value.description,
                "content": {value.types[extension]: {"schema": schema}},
            }
        else:
            responses[str(status)] = value
    operation["responses"] = responses
    return operation


def _json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query_parameters(ref: dict, schemas: dict) -> list[dict]:
    """A query model's fields as ``in: query`` parameters."""
    name = ref["$ref"].rsplit("/", 1)[1]
    model = schemas[name]
    required = set(model.get("required", ()))
    parameters = []
    for field, schema in model.get("properties", {}).items():
        schema = dict(schema)
        description = schema.pop("description", None)
        schema.pop("title", None)
        parameter = {"name": field, "in": "query", "required": field in required, "schema": schema}
        if description:
            parameter["description"] = description
        parameters.append(parameter)
    return parameters


def _fill_settings(value: Any, settings: Settings) -> Any:
    """Replace every ``Setting`` marker with the configured number (``maxLength: 2000``), and drop
    the ``default: null`` of fields declared ``absent``."""
    if isinstance(value, dict):
        marker = value.pop(SETTING_KEY, None)
        if value.pop(ABSENT_KEY, False):
            value.pop("default", None)
        for key, item in value.items():
            value[key] = _fill_settings(item, settings)
        if marker:
            for keyword, name in marker.items():
                value[keyword] = getattr(settings, name)
    elif isinstance(value, list):
        return [_fill_settings(item, settings) for item in value]
    return value
