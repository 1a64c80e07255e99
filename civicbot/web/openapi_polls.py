"""OpenAPI paths and schemas for polls: the public API, voting, and the officials' admin API."""

from __future__ import annotations

from civicbot.polls import AGE_BANDS, CHANNELS, DIMENSIONS, DISTRICTS, NOT_GIVEN
from civicbot.web.openapi import error_response, ok_response

_REF = "#/components/schemas/"

_POLL_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
    "description": "The poll's number",
}
_LANG = {
    "name": "lang",
    "in": "query",
    "required": False,
    "schema": {"type": "string"},
    "description": "'ko' or 'en' for titles and labels; anything else falls back to Accept-Language, then Korean",
}
_SESSION = [{"session": []}]
_OFFICIAL = [{"official": []}]

_WORDS = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"}
_TEXT = {
    "oneOf": [
        _WORDS,
        {
            "type": "object",
            "properties": {"ko": _WORDS, "en": _WORDS},
            "minProperties": 1,
            "additionalProperties": False,
        },
    ],
    "description": 'Text used for both languages, or {"ko": ..., "en": ...}',
}
_STRINGS = {"type": "array", "items": {"type": "string"}}

SCHEMAS = {
    "PollOption": {
        "type": "object",
        "required": ["id", "label"],
        "properties": {"id": {"type": "integer"}, "label": {"type": "string"}},
    },
    "Poll": {
        "type": "object",
        "required": [
            "id",
            "title",
            "description",
            "options",
            "max_choices",
            "opens_at",
            "closes_at",
            "status",
            "results",
            "results_visible",
            "channels",
            "districts",
            "demographics",
        ],
        "properties": {
            "id": {"type": "integer"},
            "slug": {"type": "string", "nullable": True, "description": "Set for polls published from YAML"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "titles": {
                "type": "object",
                "properties": {"ko": {"type": "string"}, "en": {"type": "string"}},
            },
            "options": {"type": "array", "items": {"$ref": _REF + "PollOption"}},
            "max_choices": {"type": "integer", "minimum": 1},
            "opens_at": {"type": "string", "format": "date-time", "description": "In the city's time zone"},
            "closes_at": {"type": "string", "format": "date-time", "description": "In the city's time zone"},
            "closed_at": {
                "type": "string",
                "format": "date-time",
                "nullable": True,
                "description": "In the city's time zone",
            },
            "status": {"type": "string", "enum": ["draft", "scheduled", "open", "closed"]},
            "results": {"type": "string", "enum": ["after_close", "live"]},
            "results_visible": {"type": "boolean"},
            "channels": _STRINGS,
            "districts": {**_STRINGS, "description": "Empty: open to the whole city"},
            "demographics": {**_STRINGS, "description": "Self-declared questions asked before the vote"},
            "ballots": {"type": "integer", "description": "Ballots cast so far"},
            "chain_head": {"type": "string", "description": "Hash at the end of the ballot chain"},
        },
    },
    "PollList": {
        "type": "object",
        "required": ["polls"],
        "properties": {"polls": {"type": "array", "items": {"$ref": _REF + "Poll"}}},
    },
    "BreakdownGroup": {
        "type": "object",
        "required": ["value", "label", "voters", "options"],
        "properties": {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "voters": {"type": "integer"},
            "options": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "votes", "percent"],
                    "properties": {
                        "id": {"type": "integer"},
                        "votes": {"type": "integer", "nullable": True, "description": "null: suppressed"},
                        "percent": {"type": "number", "nullable": True},
                    },
                },
            },
        },
    },
    "Breakdown": {
        "type": "object",
        "required": ["groups", "suppressed_groups"],
        "properties": {
            "groups": {"type": "array", "items": {"$ref": _REF + "BreakdownGroup"}},
            "suppressed_groups": {
                "type": "integer",
                "description": "Groups with fewer than 5 voters, left out (not even named)",
            },
        },
    },
    "PollResults": {
        "type": "object",
        "required": ["poll_id", "options", "total", "turnout", "chain_head", "breakdowns"],
        "properties": {
            "poll_id": {"type": "integer"},
            "options": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "label", "votes", "percent"],
                    "properties": {
                        "id": {"type": "integer"},
                        "label": {"type": "string"},
                        "votes": {"type": "integer"},
                        "percent": {"type": "number", "description": "Of ballots (can sum over 100)"},
                    },
                },
            },
            "total": {"type": "integer", "description": "Ballots"},
            "turnout": {"type": "integer", "description": "People who took part (equals total)"},
            "chain_head": {"type": "string"},
            "breakdowns": {
                "type": "object",
                "properties": {d: {"$ref": _REF + "Breakdown"} for d in DIMENSIONS},
            },
            "min_cell": {"type": "integer"},
            "snapshot_at": {
                "type": "string",
                "format": "date-time",
                "nullable": True,
                "description": "Open polls only: when the figures shown were taken (city's offset); "
                "null before the first snapshot",
            },
            "status": {"type": "string", "enum": ["scheduled", "open", "closed"]},
        },
    },
    "Bulletin": {
        "type": "object",
        "required": ["poll_id", "genesis", "ballots", "head"],
        "properties": {
            "poll_id": {"type": "integer"},
            "genesis": {"type": "string", "description": "h_0 = sha256('civicbot-poll:<id>')"},
            "ballots": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["seq", "receipt", "choices", "hash"],
                    "properties": {
                        "seq": {"type": "integer"},
                        "receipt": {"type": "string"},
                        "choices": {"type": "array", "items": {"type": "integer"}},
                        "hash": {"type": "string"},
                    },
                },
            },
            "head": {"type": "string"},
        },
    },
    "ReceiptCheck": {
        "type": "object",
        "required": ["poll_id", "receipt", "counted", "seq", "choices", "hash", "chain_head"],
        "properties": {
            "poll_id": {"type": "integer"},
            "receipt": {"type": "string"},
            "counted": {"type": "boolean"},
            "seq": {"type": "integer"},
            "choices": {"type": "array", "items": {"type": "integer"}},
            "hash": {"type": "string"},
            "chain_head": {"type": "string"},
        },
    },
    "VoteRequest": {
        "type": "object",
        "required": ["choices"],
        "properties": {
            "choices": {
                "type": "array",
                "items": {"type": "integer"},
                "minItems": 1,
                "description": "Option ids",
            },
            "district": {
                "type": "string",
                "enum": [*DISTRICTS, NOT_GIVEN],
                "description": "Self-declared; required when the poll is limited to some districts",
            },
            "age_band": {"type": "string", "enum": [*AGE_BANDS, NOT_GIVEN]},
            "notify": {
                "type": "boolean",
                "default": True,
                "description": "Tell this web session when the poll closes",
            },
        },
    },
    "VoteReceipt": {
        "type": "object",
        "required": ["poll_id", "receipt", "seq", "chain_head", "results_url"],
        "properties": {
            "poll_id": {"type": "integer"},
            "receipt": {"type": "string", "description": "128 random bits, base32; keep it private"},
            "seq": {"type": "integer"},
            "chain_head": {"type": "string"},
            "results_url": {"type": "string"},
        },
    },
    "PollCreate": {
        "type": "object",
        "description": "closes_at must be later than opens_at and in the future (400 otherwise).",
        "required": ["title", "options", "closes_at"],
        "additionalProperties": False,
        "properties": {
            "title": _TEXT,
            "description": {
                "oneOf": [
                    {"type": "string", "maxLength": 4000},
                    {
                        "type": "object",
                        "properties": {"ko": {"type": "string"}, "en": {"type": "string"}},
                        "additionalProperties": False,
                    },
                ]
            },
            "options": {"type": "array", "minItems": 2, "maxItems": 20, "uniqueItems": True, "items": _TEXT},
            "max_choices": {
                "type": "integer",
                "minimum": 1,
                "maximum": 20,
                "default": 1,
                "description": "At most the number of options",
            },
            "opens_at": {
                "type": "string",
                "format": "date-time",
                "description": "Default: now. Without an offset, read in the city's time zone",
            },
            "closes_at": {"type": "string", "format": "date-time"},
            "results": {"type": "string", "enum": ["after_close", "live"], "default": "after_close"},
            "channels": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "enum": list(CHANNELS)},
                "description": "Default telegram and web. 'api' and 'cli' identify voters by a conversation id "
                "the caller picks: for tests only, never for a real poll.",
            },
            "districts": {"type": "array", "items": {"type": "string", "enum": list(DISTRICTS)}},
            "demographics": {"type": "array", "items": {"type": "string", "enum": list(DIMENSIONS)}},
            "status": {"type": "string", "enum": ["open", "draft"], "default": "open"},
            "slug": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,63}$"},
        },
    },
    "PollExport": {
        "type": "object",
        "required": ["poll", "results", "verification", "exported_at"],
        "properties": {
            "poll": {"$ref": _REF + "Poll"},
            "results": {"$ref": _REF + "PollResults"},
            "verification": {
                "type": "object",
                "properties": {"ok": {"type": "boolean"}, "problems": _STRINGS},
            },
            "exported_at": {
                "type": "string",
                "format": "date-time",
                "description": "In the city's time zone",
            },
        },
    },
}

_NOT_FOUND = error_response("No such poll (drafts are not public)")
_NO_TOKEN = error_response("No official's token")
_BAD_TOKEN = error_response("A revoked or unknown token")


def _file(description: str, media_type: str) -> dict:
    return {
        "description": description,
        "content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
    }


def _export(fmt: str, media_type: str, part: str) -> dict:
    results = part == "results"
    return {
        "get": {
            "summary": f"Export the {'results (aggregates only)' if results else 'bulletin for audit'} as {fmt.upper()}",
            "operationId": f"export{'Results' if results else 'Bulletin'}{fmt.capitalize()}",
            "description": "Written to the audit log with who and when. Never contains a voter key or user id.",
            "security": _OFFICIAL,
            "parameters": [_POLL_ID, _LANG],
            "responses": {
                "200": ok_response("The export", _REF + ("PollExport" if results else "Bulletin"))
                if fmt == "json"
                else _file("The export", media_type),
                "401": _NO_TOKEN,
                "403": _BAD_TOKEN,
                "404": _NOT_FOUND,
            },
        }
    }


_ADMIN_POLL_ACTION = {
    "security": _OFFICIAL,
    "parameters": [_POLL_ID, _LANG],
    "responses": {
        "200": ok_response("The poll", _REF + "Poll"),
        "401": _NO_TOKEN,
        "403": _BAD_TOKEN,
        "404": _NOT_FOUND,
        "409": error_response("The poll is not in a state that allows this"),
    },
}

PATHS = {
    "/api/polls": {
        "get": {
            "summary": "Published polls, newest first",
            "operationId": "listPolls",
            "parameters": [_LANG],
            "responses": {"200": ok_response("The polls", _REF + "PollList")},
        }
    },
    "/api/polls/{id}": {
        "get": {
            "summary": "One poll, with its options and the chain head",
            "operationId": "getPoll",
            "parameters": [_POLL_ID, _LANG],
            "responses": {"200": ok_response("The poll", _REF + "Poll"), "404": _NOT_FOUND},
        }
    },
    "/api/polls/{id}/results": {
        "get": {
            "summary": "Counts, percentages, turnout and breakdowns (cells under 5 voters suppressed)",
            "operationId": "getPollResults",
            "parameters": [_POLL_ID, _LANG],
            "responses": {
                "200": ok_response("The results", _REF + "PollResults"),
                "403": error_response("Results are published when the poll closes"),
                "404": _NOT_FOUND,
            },
        }
    },
    "/api/polls/{id}/bulletin": {
        "get": {
            "summary": "The public bulletin: every receipt with its choices and chain hash",
            "operationId": "getPollBulletin",
            "parameters": [_POLL_ID],
            "responses": {
                "200": ok_response("The bulletin, in chain order", _REF + "Bulletin"),
                "403": error_response("Published with the results, when the poll closes"),
                "404": _NOT_FOUND,
            },
        }
    },
    "/api/polls/{id}/receipts/{receipt}": {
        "get": {
            "summary": "Check that the ballot with this receipt is counted",
            "operationId": "checkReceipt",
            "parameters": [
                _POLL_ID,
                {
                    "name": "receipt",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[A-Za-z2-7]{26}$"},
                    "description": "The receipt code (case and dashes do not matter)",
                },
            ],
            "responses": {
                "200": ok_response("The ballot is counted", _REF + "ReceiptCheck"),
                "400": error_response("Not a receipt (26 characters A-Z, 2-7)"),
                "404": error_response("No such poll, or no ballot with this receipt"),
            },
        }
    },
    "/api/polls/{id}/votes": {
        "post": {
            "summary": "Vote (one vote per web session and poll)",
            "operationId": "vote",
            "security": _SESSION,
            "parameters": [_POLL_ID],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": _REF + "VoteRequest"}}},
            },
            "responses": {
                "201": ok_response("Counted: the receipt and the new chain head", _REF + "VoteReceipt"),
                "400": error_response(
                    "Invalid JSON, no choice, unknown options, too many choices, bad district"
                ),
                "401": error_response("No session token, or an unknown one"),
                "403": error_response("The poll does not take web votes, or not from this district"),
                "404": _NOT_FOUND,
                "409": error_response("Already voted in this poll, or the poll is closed or not yet open"),
                "429": error_response("Too many requests from this session or address"),
            },
        }
    },
    "/api/admin/polls": {
        "get": {
            "summary": "Every poll, drafts included (officials)",
            "operationId": "adminListPolls",
            "security": _OFFICIAL,
            "parameters": [_LANG],
            "responses": {
                "200": ok_response("The polls", _REF + "PollList"),
                "401": _NO_TOKEN,
                "403": _BAD_TOKEN,
            },
        },
        "post": {
            "summary": "Create a poll (officials); written to the audit log",
            "operationId": "adminCreatePoll",
            "security": _OFFICIAL,
            "parameters": [_LANG],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": _REF + "PollCreate"}}},
            },
            "responses": {
                "201": ok_response("The new poll", _REF + "Poll"),
                "400": error_response("Invalid JSON or an invalid poll (the message names the field)"),
                "401": _NO_TOKEN,
                "403": _BAD_TOKEN,
                "409": error_response("The slug is taken"),
            },
        },
    },
    "/api/admin/polls/{id}/open": {
        "post": {
            **_ADMIN_POLL_ACTION,
            "summary": "Publish a draft poll (officials); written to the audit log",
            "operationId": "adminOpenPoll",
        }
    },
    "/api/admin/polls/{id}/close": {
        "post": {
            **_ADMIN_POLL_ACTION,
            "summary": "Close a poll now (officials): freezes the tally and notifies voters; audited",
            "operationId": "adminClosePoll",
        }
    },
    "/api/admin/polls/{id}/export.csv": _export("csv", "text/csv", "results"),
    "/api/admin/polls/{id}/export.xlsx": _export(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "results"
    ),
    "/api/admin/polls/{id}/export.json": _export("json", "application/json", "results"),
    "/api/admin/polls/{id}/bulletin.csv": _export("csv", "text/csv", "bulletin"),
    "/api/admin/polls/{id}/bulletin.json": _export("json", "application/json", "bulletin"),
}
