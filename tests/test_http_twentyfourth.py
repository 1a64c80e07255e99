"""The HTTP API's edges a newcomer's probe found (twenty-fourth pass, o311x24):

1. Open311 ``start_date``/``end_date`` at the calendar's ends (0001-01-01, 9999-12-31, an offset
   past them) were an ``OverflowError`` logged with its traceback and the spec's generic 400; now a
   400 in the spec's format naming the date parameter, nothing logged (Hypothesis over date-times);
2. ``lang`` on the API's GETs keeps its documented fallback (pinned here: the document says it);
3. a whole-number query field sent empty (``?limit=``, ``?zoom=``) is a 400 naming it, as ``?k=``;
4. an API path no route takes (a trailing slash) is the JSON 404 saying the path without the slash.

Every check goes through the real app; 1, 3 and 4 failed on the code before this pass.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from pathlib import Path

import pytest
from hypothesis import strategies as st
from test_hostile_input import fuzz

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("built_index")
REQUESTS = "/open311/v2/requests.json"


@pytest.fixture
def settings(make_settings):
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


def errors_logged(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


# -- 1. Open311 dates at the calendar's ends ----------------------------------------------------
@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"end_date": "0001-01-01T00:00:00Z"}, "end_date"),
        ({"end_date": "0001-01-01"}, "end_date"),
        ({"end_date": "0001-01-01T00:00:00+14:00"}, "end_date"),
        ({"start_date": "9999-12-31T23:59:59Z"}, "start_date"),
        ({"start_date": "9999-12-31T23:59:59-14:00"}, "start_date"),
        ({"start_date": "9999-12-01"}, "start_date"),
    ],
)
async def test_open311_dates_at_the_calendars_ends_are_the_specs_400(client, caplog, params, named):
    response = await client.get(REQUESTS, params=params)
    assert response.status == 400
    [error] = await response.json()
    assert error["code"] == 400 and named in error["description"], error
    assert "General service error" not in error["description"]
    assert errors_logged(caplog) == []


async def test_open311_dates_near_the_ends_within_range_still_answer(client, caplog):
    both = {"start_date": "0001-01-01T00:00:00Z", "end_date": "0001-01-02T00:00:00Z"}
    assert (await client.get(REQUESTS, params=both)).status == 200
    late = {"start_date": "9999-12-30T00:00:00Z", "end_date": "9999-12-31T23:59:59Z"}
    assert (await client.get(REQUESTS, params=late)).status == 200
    assert errors_logged(caplog) == []


_OFFSET = st.one_of(
    st.just(""),
    st.just("Z"),
    st.builds(
        lambda sign, hours, minutes: f"{sign}{hours:02d}:{minutes:02d}",
        st.sampled_from("+-"),
        st.integers(0, 23),
        st.sampled_from([0, 30, 45, 59]),
    ),
)
_EDGE = st.sampled_from(
    [dt.datetime(1, 1, 1), dt.datetime(1, 1, 1, 23, 59), dt.datetime(9999, 12, 31, 23, 59, 59)]
)
_MOMENT = st.one_of(
    st.builds(lambda moment, offset: moment.isoformat() + offset, st.one_of(_EDGE, st.datetimes()), _OFFSET),
    st.dates().map(dt.date.isoformat),
)


async def test_open311_any_date_time_is_an_answer_or_the_specs_400_never_a_traceback(client, caplog):
    """Hypothesis: any ISO 8601 date or date-time, with any offset, in start_date, end_date or both."""

    async def check(value) -> None:
        which, first, second = value
        params = {"start_date": first, "end_date": second} if which == "both" else {which: first}
        response = await client.get(REQUESTS, params=params)
        body = await response.json()
        assert response.status in (200, 400), (params, response.status, body)
        assert isinstance(body, list), body
        if response.status == 400:
            assert "General service error" not in body[0]["description"], (params, body)
            assert "date" in body[0]["description"], (params, body)
        assert errors_logged(caplog) == [], params

    strategy = st.tuples(st.sampled_from(["start_date", "end_date", "both"]), _MOMENT, _MOMENT)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, fuzz, loop, check, strategy, 60)


# -- 2. lang keeps its documented fallback ------------------------------------------------------
async def test_api_lang_falls_back_as_documented(client):
    document = await (await client.get("/api/openapi.json")).json()
    [lang] = [p for p in document["paths"]["/api/polls"]["get"]["parameters"] if p["name"] == "lang"]
    assert "falls back to Accept-Language" in lang["description"]
    english = await (await client.get("/api/polls", params={"lang": "en"})).json()
    for odd in ("xx", ""):
        response = await client.get("/api/polls", params={"lang": odd}, headers={"Accept-Language": "en"})
        assert response.status == 200 and await response.json() == english, odd


# -- 3. whole numbers sent empty ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/complaints.geojson?zoom=", "zoom"),
        ("/api/complaints.geojson?limit=", "limit"),
        ("/api/knowledge/search?q=S-Net&k=", "k"),
    ],
)
async def test_an_empty_whole_number_is_a_400_naming_it(client, path, name):
    response = await client.get(path)
    assert response.status == 400
    body = await response.json()
    assert set(body) == {"error"} and f"'{name}'" in body["error"]["message"], body


async def test_every_documented_integer_query_refuses_empty(client):
    """Each public operation's integer query parameter, sent empty: never read as its default."""
    document = await (await client.get("/api/openapi.json")).json()
    checked = set()
    for path, operations in document["paths"].items():
        get = operations.get("get")
        if get is None or "{" in path or get.get("security"):
            continue
        for parameter in get.get("parameters", []):
            if parameter["in"] == "query" and parameter["schema"].get("type") == "integer":
                query = "q=S-Net&" if path == "/api/knowledge/search" else ""
                response = await client.get(f"{path}?{query}{parameter['name']}=")
                body = await response.json()
                assert response.status == 400 and parameter["name"] in body["error"]["message"], (path, body)
                checked.add((path, parameter["name"]))
    assert {("/api/complaints.geojson", "zoom"), ("/api/knowledge/search", "k")} <= checked


# -- 4. API paths no route takes ----------------------------------------------------------------
@pytest.mark.parametrize("path", ["/api/polls/2/", "/api/complaints/SEL-7E9XGT/", "/api/polls/"])
async def test_a_trailing_slash_is_a_json_404_naming_the_path_without_it(client, path):
    response = await client.get(path, headers={"Accept": "text/html,application/json"})
    assert response.status == 404 and response.content_type == "application/json"
    body = await response.json()
    assert body["error"]["code"] == "not_found"
    assert f"({path.rstrip('/')})" in body["error"]["message"], body


async def test_an_unknown_api_path_points_to_the_document(client):
    response = await client.get("/api/nothing")
    body = await response.json()
    assert response.status == 404 and body["error"]["code"] == "not_found"
    assert "/api/openapi.json" in body["error"]["message"]
    # A method the route does not take keeps its own answer.
    assert (await client.put("/api/polls")).status == 405
