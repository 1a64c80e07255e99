"""OpenAPI paths for anonymous web sessions."""

from __future__ import annotations

from civicbot.web.openapi import error_response

PATHS = {
    "/api/sessions": {
        "post": {
            "summary": "Start an anonymous web session (the widget's identity for one browser)",
            "operationId": "createSession",
            "parameters": [
                {
                    "name": "language",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": ["ko", "en"]},
                }
            ],
            "responses": {
                "201": {
                    "description": "The session token; send it as 'Authorization: Bearer <token>'",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["token"],
                                "properties": {"token": {"type": "string"}},
                            }
                        }
                    },
                },
                "429": error_response("Too many new sessions from this address"),
            },
        }
    }
}
