"""OpenAPI paths and schemas for citizen proposals: the public API, supports, and officials' review."""

from __future__ import annotations

from civicbot.polls import DISTRICTS
from civicbot.proposals import (
    MAX_DESCRIPTION,
    MAX_OPTION,
    MAX_OPTIONS,
    MAX_REASON,
    MAX_TITLE,
    MIN_OPTIONS,
    STATUSES,
)
from civicbot.web.openapi import error_response, ok_response

_REF = "#/components/schemas/"
_SESSION = [{"session": []}]
_OFFICIAL = [{"official": []}]

_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
    "description": "The proposal's number",
}
_LANG = {
    "name": "lang",
    "in": "query",
    "required": False,
    "schema": {"type": "string"},
    "description": "'ko' or 'en' for status labels; anything else falls back to Accept-Language, then Korean",
}
_STATUS = {
    "name": "status",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "enum": list(STATUSES)},
    "description": "Only proposals in this status (default: all)",
}


def _words(limit: int) -> dict:
    return {"type": "string", "minLength": 1, "maxLength": limit, "pattern": "\\S"}


SCHEMAS = {
    "Proposal": {
        "type": "object",
        "description": "What the public sees: the masked text and the support count, never who proposed or supported.",
        "required": ["id", "title", "description", "options", "status", "supports", "threshold", "deadline"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string", "description": "Personal data masked, as in complaints"},
            "description": {"type": "string"},
            "options": {"type": "array", "items": {"type": "string"}},
            "district": {"type": "string", "nullable": True},
            "language": {"type": "string", "enum": ["ko", "en"], "description": "The proposer's language"},
            "status": {"type": "string", "enum": list(STATUSES)},
            "status_label": {"type": "string"},
            "supports": {"type": "integer", "description": "Distinct supporters, the proposer included"},
            "threshold": {"type": "integer", "description": "Supports that send it to the city's review"},
            "progress": {"type": "number", "description": "Percent of the threshold reached (capped at 100)"},
            "deadline": {
                "type": "string",
                "format": "date-time",
                "description": "Support closes, in the city's offset (+09:00 for Seoul)",
            },
            "created_at": {"type": "string", "format": "date-time"},
            "poll_id": {
                "type": "integer",
                "nullable": True,
                "description": "The poll it became, once accepted",
            },
            "poll_url": {"type": "string", "nullable": True},
            "reason": {
                "type": "object",
                "nullable": True,
                "description": "The public reason of a decline, in both languages",
                "properties": {"ko": {"type": "string"}, "en": {"type": "string"}},
            },
            "history": {
                "type": "array",
                "description": "Status changes, oldest first (detail only)",
                "items": {
                    "type": "object",
                    "required": ["status", "at"],
                    "properties": {
                        "status": {"type": "string", "enum": list(STATUSES)},
                        "at": {"type": "string", "format": "date-time"},
                    },
                },
            },
            "similar": {
                "type": "array",
                "items": {"$ref": _REF + "Proposal"},
                "description": "On creation: open proposals that look similar, to point the proposer to",
            },
        },
    },
    "ProposalList": {
        "type": "object",
        "required": ["proposals"],
        "properties": {"proposals": {"type": "array", "items": {"$ref": _REF + "Proposal"}}},
    },
    "ProposalCreate": {
        "type": "object",
        "required": ["title", "options"],
        "additionalProperties": False,
        "description": "Options must differ (ignoring case); one person may propose 3 times a day.",
        "properties": {
            "title": _words(MAX_TITLE),
            "description": {"type": "string", "maxLength": MAX_DESCRIPTION},
            "options": {
                "type": "array",
                "minItems": MIN_OPTIONS,
                "maxItems": MAX_OPTIONS,
                "uniqueItems": True,
                "items": _words(MAX_OPTION),
            },
            "district": {"type": "string", "enum": list(DISTRICTS), "nullable": True},
            "language": {"type": "string", "enum": ["ko", "en"], "description": "Default: the session's"},
        },
    },
    "SupportResult": {
        "type": "object",
        "required": ["proposal_id", "supports", "added", "status"],
        "properties": {
            "proposal_id": {"type": "integer"},
            "supports": {"type": "integer"},
            "added": {"type": "boolean", "description": "false: this session had already supported it"},
            "status": {"type": "string", "enum": list(STATUSES)},
        },
    },
    "ProposalAccept": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "poll": {
                "type": "object",
                "description": "Poll fields (as in PollCreate) that replace the ones pre-filled from the "
                'proposal, e.g. an English title: {"title": {"ko": ..., "en": ...}}. Default: '
                "the proposal's text in both languages, closing in 14 days.",
            }
        },
    },
    "ProposalAccepted": {
        "type": "object",
        "required": ["proposal", "poll"],
        "properties": {"proposal": {"$ref": _REF + "Proposal"}, "poll": {"$ref": _REF + "Poll"}},
    },
    "ProposalDecline": {
        "type": "object",
        "required": ["reason"],
        "additionalProperties": False,
        "properties": {
            "reason": {
                "type": "object",
                "required": ["ko", "en"],
                "additionalProperties": False,
                "description": "The public reason, in Korean and English",
                "properties": {"ko": _words(MAX_REASON), "en": _words(MAX_REASON)},
            }
        },
    },
}

_NOT_FOUND = error_response("No such proposal")
_NO_TOKEN = error_response("No official's token")
_BAD_TOKEN = error_response("A revoked or unknown token")


def _body(schema: str, required: bool = True) -> dict:
    return {"required": required, "content": {"application/json": {"schema": {"$ref": _REF + schema}}}}


PATHS = {
    "/api/proposals": {
        "get": {
            "summary": "Citizen proposals, newest first",
            "operationId": "listProposals",
            "parameters": [_STATUS, _LANG],
            "responses": {
                "200": ok_response("The proposals", _REF + "ProposalList"),
                "400": error_response("Unknown status"),
            },
        },
        "post": {
            "summary": "Propose a poll question (web session); similar open proposals come back beside it",
            "operationId": "createProposal",
            "security": _SESSION,
            "requestBody": _body("ProposalCreate"),
            "responses": {
                "201": ok_response("Filed: collecting support", _REF + "Proposal"),
                "400": error_response("Invalid JSON or an invalid proposal (the message names the field)"),
                "401": error_response("No session token, or an unknown one"),
                "429": error_response("The daily proposal limit, or too many requests"),
            },
        },
    },
    "/api/proposals/{id}": {
        "get": {
            "summary": "One proposal with its support count and status history",
            "operationId": "getProposal",
            "parameters": [_ID, _LANG],
            "responses": {"200": ok_response("The proposal", _REF + "Proposal"), "404": _NOT_FOUND},
        }
    },
    "/api/proposals/{id}/supports": {
        "post": {
            "summary": "Support a proposal (one support per web session; the threshold sends it to review)",
            "operationId": "supportProposal",
            "security": _SESSION,
            "parameters": [_ID],
            "responses": {
                "200": ok_response("Counted (or already counted: added is false)", _REF + "SupportResult"),
                "401": error_response("No session token, or an unknown one"),
                "404": _NOT_FOUND,
                "409": error_response("No longer collecting support (under review, decided or expired)"),
                "429": error_response("Too many requests from this session or address"),
            },
        }
    },
    "/api/admin/proposals": {
        "get": {
            "summary": "Proposals for officials; ?status=under_review is the review queue, longest waiting first",
            "operationId": "adminListProposals",
            "security": _OFFICIAL,
            "parameters": [_STATUS, _LANG],
            "responses": {
                "200": ok_response("The proposals", _REF + "ProposalList"),
                "400": error_response("Unknown status"),
                "401": _NO_TOKEN,
                "403": _BAD_TOKEN,
            },
        }
    },
    "/api/admin/proposals/{id}/accept": {
        "post": {
            "summary": "Accept a proposal under review: creates its poll (linked both ways); audited, proposer told",
            "operationId": "adminAcceptProposal",
            "security": _OFFICIAL,
            "parameters": [_ID, _LANG],
            "requestBody": _body("ProposalAccept", required=False),
            "responses": {
                "200": ok_response("The proposal and its new poll", _REF + "ProposalAccepted"),
                "400": error_response("Invalid JSON or a poll field the poll rules refuse"),
                "401": _NO_TOKEN,
                "403": _BAD_TOKEN,
                "404": _NOT_FOUND,
                "409": error_response("The proposal is not under review"),
            },
        }
    },
    "/api/admin/proposals/{id}/decline": {
        "post": {
            "summary": "Decline a proposal with a public reason in both languages; audited, proposer told",
            "operationId": "adminDeclineProposal",
            "security": _OFFICIAL,
            "parameters": [_ID, _LANG],
            "requestBody": _body("ProposalDecline"),
            "responses": {
                "200": ok_response("The declined proposal", _REF + "Proposal"),
                "400": error_response("Invalid JSON, or a reason missing in Korean or English"),
                "401": _NO_TOKEN,
                "403": _BAD_TOKEN,
                "404": _NOT_FOUND,
                "409": error_response("The proposal is already decided or expired"),
            },
        }
    },
}
