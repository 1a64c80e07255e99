"""The OpenAPI document is generated from the route tables and their pydantic models.

No hand-written schema can drift from the handlers: these tests check that the document shows
the limits of the settings in force, documents every declared operation, and that the models the
handlers validate with are the ones the document names.
"""

from __future__ import annotations

import json
import re

from civicbot import polls, proposal_shapes, reply_shapes
from civicbot.web.openapi import documented_routes, openapi_document


def _schema(document: dict, name: str) -> dict:
    return document["components"]["schemas"][name]


def test_limits_from_settings_appear_as_configured(make_settings):
    document = openapi_document(make_settings(CIVICBOT_MAX_TEXT_CHARS="500"))
    assert _schema(document, "ChatRequest")["properties"]["text"]["maxLength"] == 500
    assert _schema(document, "WidgetMessage")["properties"]["text"]["maxLength"] == 500
    search = document["paths"]["/api/knowledge/search"]["get"]["parameters"]
    assert next(p for p in search if p["name"] == "q")["schema"]["maxLength"] == 500
    assert "x-civicbot" not in json.dumps(document)  # every marker was filled in


def test_every_declared_operation_is_documented_with_its_models():
    document = openapi_document()
    ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))  # export.{csv,json} is one route, two operations
    for method, _path, endpoint in documented_routes():
        operations = [
            item[method.lower()]
            for item in document["paths"].values()
            if re.fullmatch(
                endpoint.operation_id + r"(Csv|Xlsx|Json)?",
                item.get(method.lower(), {}).get("operationId", ""),
            )
        ]
        assert operations, endpoint.operation_id
        for operation in operations:
            if endpoint.response is not None:
                schema = operation["responses"][str(endpoint.status)]["content"]["application/json"]["schema"]
                assert schema == {"$ref": f"#/components/schemas/{endpoint.response.__name__}"}
            for status, response in operation["responses"].items():
                if int(status) >= 400 and isinstance(endpoint.responses.get(int(status)), str):
                    assert response["content"]["application/json"]["schema"] == {
                        "$ref": "#/components/schemas/Error"
                    }


def test_the_poll_definition_is_one_model():
    """polls/*.yaml, the CLI and the admin API read the same fields, and the document shows them."""
    assert tuple(polls.PollDefinition.model_fields) == polls.SPEC_FIELDS
    document = openapi_document()
    created = document["paths"]["/api/admin/polls"]["post"]["requestBody"]["content"]["application/json"]
    name = created["schema"]["$ref"].rsplit("/", 1)[1]
    assert tuple(_schema(document, name)["properties"]) == polls.SPEC_FIELDS
    assert set(_schema(document, name)["required"]) == {"title", "options", "closes_at"}


def test_a_response_field_is_added_in_one_place():
    """A field added to a response model is in the document and in the handler's JSON at once."""
    document = openapi_document()
    assert set(_schema(document, "Proposal")["properties"]) == set(proposal_shapes.Proposal.model_fields)
    passage = reply_shapes.Passage(doc_id="a.md", title="t", section="s", text="x", score=0.5)
    assert reply_shapes.SearchResults(results=[passage]).model_dump(mode="json") == {
        "results": [{"doc_id": "a.md", "title": "t", "section": "s", "text": "x", "score": 0.5}]
    }


async def test_validation_errors_use_the_envelope_and_the_configured_limit(make_client, make_settings):
    client = await make_client(make_settings(CIVICBOT_MAX_TEXT_CHARS="500"))
    document = await (await client.get("/api/openapi.json")).json()
    assert document["components"]["schemas"]["ChatRequest"]["properties"]["text"]["maxLength"] == 500
    for body, status, code in [
        ({"text": "가" * 501}, 400, "text_too_long"),
        ({"text": "  "}, 400, "empty_text"),
        ({}, 400, "missing_field"),
        ({"text": "안녕", "language": "fr"}, 400, "invalid_field"),
    ]:
        response = await client.post("/api/chat", json=body)
        assert response.status == status, body
        error = (await response.json())["error"]
        assert set(error) == {"code", "message"} and error["code"] == code and error["message"]


def test_a_public_complaint_is_one_model_and_one_query():
    """Adding a public field is adding it to voicemap.PublicComplaint (the query reads its fields)."""
    from civicbot import voicemap

    assert voicemap._PUBLIC_COLUMNS.split(", ") == list(voicemap.PublicComplaint.model_fields)
    complaint = voicemap.PublicComplaint(
        id=7, public_id="RD-ABC123", category="road", description="구멍", lat=37.5, lon=127.0,
        district_code="11110", district="종로구", dong=None, status="received", status_note="",
        supports=1, duplicate_of=None, language="ko", has_photo=0, created_at="2026-01-01T00:00:00+00:00",
        updated_at="2026-01-01T00:00:00+00:00",
    )  # fmt: skip
    public = voicemap.public_dict(complaint)
    assert public["id"] == "RD-ABC123" and public["state"] == "open" and public["has_photo"] is False
    assert not {"language", "visibility", "public_id"} & set(public)  # never published
    properties = _schema(openapi_document(), "Complaint")["properties"]
    assert set(public) <= set(properties)


def _every_field(model: type) -> dict:
    """A value for each field of ``model``, made from the field itself (its type, enum or format),
    so the test below needs no edit when a field is added: 'ab_cd' -> 'ab_cd 값'."""
    values: dict = {}
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        kind = field.annotation if isinstance(field.annotation, type) else str  # 'str | None' -> str
        if "enum" in extra:
            values[name] = extra["enum"][0]
        elif extra.get("format") == "date-time":
            values[name] = "2026-01-02T03:04:05+00:00"
        elif name == "lat":
            values[name] = 37.5701
        elif name == "lon":
            values[name] = 126.9768
        elif kind in (int, float, bool):
            values[name] = kind(1)
        else:
            values[name] = f"{name} 값"
    return values


def test_a_new_public_complaint_field_reaches_the_api_the_map_and_the_document():
    """Adding a field to a public complaint is editing voicemap.PublicComplaint and its query.

    The public field list is read from the model (its fields and computed fields, by their JSON
    names, without the excluded ones); the report's JSON, the map's features (but what the map
    leaves out on purpose) and the document's Complaint schema all follow it, and neither they nor
    the GeoReport record show a field the model excludes."""
    from civicbot import clock, complaint_map, georeport, voicemap
    from civicbot.categories import catalogue_for
    from civicbot.config import Settings
    from civicbot.geo import gazetteer

    model = voicemap.PublicComplaint
    values = _every_field(model)
    complaint = model(**values)
    public = {
        field.serialization_alias or name for name, field in model.model_fields.items() if not field.exclude
    } | set(model.model_computed_fields)
    private_values = [str(values[name]) for name, field in model.model_fields.items() if field.exclude]

    # The one query reads the model's fields, and the API's JSON is the model's public fields.
    assert voicemap._PUBLIC_COLUMNS.split(", ") == list(model.model_fields)
    assert set(voicemap.public_dict(complaint)) == public
    # The document: every public field is a property of the API's Complaint.
    assert public <= set(_schema(openapi_document(), "Complaint")["properties"])
    # The map: every public field but those it leaves out on purpose (the point is the geometry).
    zone = clock.zone("Asia/Seoul")
    feature = complaint_map.feature(complaint, zone)
    assert public - complaint_map.MAP_LEAVES_OUT <= set(feature["properties"])
    assert feature["geometry"]["coordinates"] == [values["lon"], values["lat"]]
    # GeoReport: the spec's fields, filled from the same public record.
    settings = Settings()
    catalogue = catalogue_for(settings.services_dir)
    places = gazetteer(settings.city_sido, settings.city_bbox)
    record = georeport.request_record(complaint, catalogue, "ko", zone, places).model_dump(mode="json")
    assert (
        record["service_request_id"] == complaint.public_id and record["service_code"] == complaint.category
    )
    assert (record["lat"], record["long"], record["description"]) == (
        values["lat"],
        values["lon"],
        values["description"],
    )
    assert record["status_notes"].startswith(values["status_note"])
    # Nothing the model excludes (the reporter's language, the row id, the visibility) is published.
    for shown in (voicemap.public_dict(complaint), feature, record):
        text = json.dumps(shown, ensure_ascii=False)
        assert not [value for value in private_values if f'"{value}"' in text]
