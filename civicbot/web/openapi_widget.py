"""OpenAPI paths for the web widget's channel (its HTTP side; the WebSocket is described in text)."""

from __future__ import annotations

from civicbot.web.openapi import error_response, ok_response

_SESSION = [{"session": []}]
_REPLY = "#/components/schemas/WidgetReply"

SCHEMAS = {
    "WidgetMessage": {
        "type": "object",
        "description": "Send at least one of text, payload (a pressed button) or location.",
        "anyOf": [{"required": ["text"]}, {"required": ["payload"]}, {"required": ["location"]}],
        "properties": {
            "text": {"type": "string", "minLength": 1, "maxLength": 2000, "pattern": r"\S"},
            "payload": {
                "type": "string",
                "minLength": 1,
                "maxLength": 128,
                "pattern": r"\S",
                "description": "The pressed button's payload",
            },
            "location": {
                "type": "object",
                "required": ["lat", "lon"],
                "additionalProperties": False,
                "properties": {
                    "lat": {"type": "number", "minimum": -90, "maximum": 90},
                    "lon": {"type": "number", "minimum": -180, "maximum": 180},
                },
                "description": "The place picked on the widget's map or from geolocation (WGS84)",
            },
            "language": {"type": "string", "enum": ["ko", "en"], "description": "The widget's language"},
        },
    },
    "WidgetReply": {
        "allOf": [
            {"$ref": "#/components/schemas/ChatReply"},
            {
                "type": "object",
                "properties": {
                    "expects": {
                        "type": "string",
                        "nullable": True,
                        "enum": ["location", "photo", None],
                        "description": "What the bot asks for next: a place on the map, a photo, or text",
                    }
                },
            },
        ]
    },
    "WidgetNotifications": {
        "type": "object",
        "required": ["notifications"],
        "properties": {
            "notifications": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "text"],
                    "properties": {"id": {"type": "integer"}, "text": {"type": "string"}},
                },
            }
        },
    },
    "WidgetConfig": {
        "type": "object",
        "required": ["photo_max_bytes", "max_text_chars"],
        "properties": {
            "photo_max_bytes": {"type": "integer"},
            "max_text_chars": {"type": "integer"},
            "map_tiles_url": {
                "type": "string",
                "description": "Tile URL template; empty: offline boundaries.",
            },
            "map_tiles_attribution": {"type": "string"},
        },
    },
}

_COMMON_ERRORS = {
    "401": error_response("No session token, or an unknown one"),
    "403": error_response("Sent from a page whose origin is not in CIVICBOT_ALLOWED_ORIGINS"),
    "429": error_response("Too many messages from this session or address"),
    "503": error_response("The engine is still loading"),
}

PATHS = {
    "/api/widget/messages": {
        "post": {
            "summary": "The widget's HTTP fallback: one message, the bot's reply",
            "description": "The widget prefers the WebSocket GET /api/widget/ws: its first message is "
            '{"type": "auth", "token": "<session token>"}, then {"type": "message", "id", ...} '
            'frames as in this body, answered by {"type": "reply", "id", "reply"}; notifications '
            'arrive as {"type": "notification", "text"}.',
            "operationId": "widgetMessage",
            "security": _SESSION,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WidgetMessage"}}},
            },
            "responses": {
                "200": ok_response("The bot's reply", _REPLY),
                "400": error_response("Invalid JSON, nothing to send, or a bad field"),
                "413": error_response("Text or payload over its limit, or a body over 64 KiB"),
                **_COMMON_ERRORS,
            },
        }
    },
    "/api/widget/photo": {
        "post": {
            "summary": "Send a photo (for a complaint) as the raw request body",
            "operationId": "widgetPhoto",
            "security": _SESSION,
            "parameters": [
                {
                    "name": "language",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": ["ko", "en"]},
                }
            ],
            "requestBody": {
                "required": True,
                "content": {
                    kind: {"schema": {"type": "string", "format": "binary"}}
                    for kind in ("image/jpeg", "image/png")
                },
            },
            "responses": {
                "200": ok_response("The bot's reply", _REPLY),
                "400": error_response("An empty body"),
                "413": error_response("Larger than CIVICBOT_PHOTO_MAX_BYTES"),
                "415": error_response("Not a JPEG or PNG image"),
                **_COMMON_ERRORS,
            },
        }
    },
    "/api/widget/notifications": {
        "get": {
            "summary": "Notifications for this session (each is returned once)",
            "operationId": "widgetNotifications",
            "security": _SESSION,
            "responses": {
                "200": ok_response("Waiting notifications", "#/components/schemas/WidgetNotifications"),
                "401": _COMMON_ERRORS["401"],
                "429": _COMMON_ERRORS["429"],
            },
        }
    },
    "/api/widget/config": {
        "get": {
            "summary": "Public settings the widget needs",
            "operationId": "widgetConfig",
            "responses": {"200": ok_response("Limits", "#/components/schemas/WidgetConfig")},
        }
    },
}
