"""The OpenAPI 3.0 document for every endpoint, served at /api/openapi.json."""

from __future__ import annotations

from civicbot import __version__

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


def error_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def ok_response(description: str, schema_ref: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": schema_ref}}}}


_SCHEMAS = {
    "Error": _ERROR,
    "ChatRequest": {
        "type": "object",
        "required": ["text"],
        "properties": {
            "conversation_id": {
                "type": "string",
                "minLength": 1,
                "maxLength": 128,
                "pattern": "\\S",
                "description": "The id the server returned for this conversation. Leave it out to start one; "
                "an id the server did not issue starts a new conversation (with a new id in the reply).",
            },
            "text": {
                "type": "string",
                "minLength": 1,
                "maxLength": 2000,
                "pattern": "\\S",
                "description": "The message: up to 2,000 characters, not only white space.",
            },
            "language": {"type": "string", "enum": ["ko", "en"], "description": "Optional hint."},
        },
    },
    "Source": {
        "type": "object",
        "required": ["doc_id", "title", "url", "score"],
        "properties": {
            "doc_id": {"type": "string"},
            "title": {"type": "string"},
            "url": {
                "type": "string",
                "description": "The document itself: its published page, or /knowledge/<doc_id> on this "
                "server, with a #:~:text= fragment that scrolls to the quoted sentence.",
            },
            "score": {"type": "number"},
            "updated": {"type": "string", "description": "The document's date (ISO), or empty."},
            "dated": {
                "type": "string",
                "description": "'2019년 12월 기준' / 'as of December 2019' when over a year old, else empty.",
            },
        },
    },
    "Button": {
        "type": "object",
        "required": ["label", "payload"],
        "properties": {"label": {"type": "string"}, "payload": {"type": "string"}},
    },
    "ChatReply": {
        "type": "object",
        "required": ["text", "intent", "confidence", "sources", "buttons"],
        "properties": {
            "conversation_id": {
                "type": "string",
                "description": "Send this back to continue the conversation.",
            },
            "text": {"type": "string"},
            "intent": {"type": "string"},
            "confidence": {"type": "number"},
            "language": {"type": "string", "enum": ["ko", "en"]},
            "sources": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Source"},
                "description": "Empty whenever the reply is not an answer from the knowledge base.",
            },
            "related": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Source"},
                "description": "Documents on the question's topic that lack the detail asked for "
                "(the text says so); never the answer's source.",
            },
            "buttons": {"type": "array", "items": {"$ref": "#/components/schemas/Button"}},
            "expects": {
                "type": "string",
                "nullable": True,
                "description": "What the bot asks for next: location, photo, or null for text.",
            },
        },
    },
    "SearchResults": {
        "type": "object",
        "required": ["results"],
        "properties": {
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["doc_id", "title", "section", "text", "score"],
                    "properties": {
                        "doc_id": {"type": "string", "description": "Path relative to the knowledge dir."},
                        "title": {"type": "string"},
                        "section": {"type": "string"},
                        "text": {"type": "string"},
                        "score": {"type": "number"},
                    },
                },
            }
        },
    },
    "Health": {
        "type": "object",
        "required": ["status"],
        "properties": {
            "status": {"type": "string", "enum": ["ok", "loading", "error"]},
            "documents": {"type": "integer"},
            "chunks": {"type": "integer"},
            "error": {"type": "string", "nullable": True},
        },
    },
}


# Each area of the API documents itself in its own module (PATHS and SCHEMAS); list it here.
_AREAS: tuple[str, ...] = (
    "civicbot.web.openapi_sessions",
    "civicbot.web.openapi_polls",
    "civicbot.web.openapi_widget",
    "civicbot.web.openapi_voicemap",
)


def _area_parts() -> tuple[dict, dict]:
    import importlib

    paths: dict = {}
    schemas: dict = {}
    for name in _AREAS:
        module = importlib.import_module(name)
        paths.update(module.PATHS)
        schemas.update(getattr(module, "SCHEMAS", {}))
    return paths, schemas


def openapi_document() -> dict:
    paths, schemas = _area_parts()
    document = _core_document()
    document["paths"].update(paths)
    document["components"]["schemas"] = {**_SCHEMAS, **schemas}
    document["components"]["securitySchemes"] = {
        "session": {"type": "http", "scheme": "bearer", "description": "Token from POST /api/sessions"},
        "official": {
            "type": "http",
            "scheme": "bearer",
            "description": "Token from `civicbot tokens create`",
        },
    }
    return document


def _core_document() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "CivicBot API",
            "version": __version__,
            "description": "Ask the city's documents, run polls and report problems.",
        },
        "paths": {
            "/healthz": {
                "get": {
                    "summary": "Ready once the documents are indexed",
                    "operationId": "healthz",
                    "responses": {
                        "200": ok_response("Ready", "#/components/schemas/Health"),
                        "503": ok_response("Still loading, or failed to load", "#/components/schemas/Health"),
                    },
                }
            },
            "/api/chat": {
                "post": {
                    "summary": "Send one message to the bot and get its reply",
                    "operationId": "chat",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/ChatRequest"}}
                        },
                    },
                    "responses": {
                        "200": ok_response("The bot's reply", "#/components/schemas/ChatReply"),
                        "400": error_response("Invalid JSON, a missing or empty field"),
                        "413": error_response("Text over the length limit, or a body over 64 KiB"),
                        "429": error_response("Too many messages from this address"),
                        "503": error_response("The engine is still loading"),
                    },
                }
            },
            "/api/knowledge/search": {
                "get": {
                    "summary": "Search the city's documents",
                    "operationId": "searchKnowledge",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string", "minLength": 1, "maxLength": 2000, "pattern": "\\S"},
                        },
                        {
                            "name": "k",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1, "maximum": 20, "default": 5},
                        },
                    ],
                    "responses": {
                        "200": ok_response("Best passages, best first", "#/components/schemas/SearchResults"),
                        "400": error_response("Missing or empty q, or k out of range"),
                        "413": error_response("q over the length limit"),
                        "503": error_response("The engine is still loading"),
                    },
                }
            },
            "/api/openapi.json": {
                "get": {
                    "summary": "This document",
                    "operationId": "openapi",
                    "responses": {
                        "200": {"description": "OpenAPI 3 document", "content": {"application/json": {}}}
                    },
                }
            },
        },
        "components": {"schemas": _SCHEMAS},
    }
