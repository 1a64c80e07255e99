"""The web layer's reading of ids, numbers and languages, /healthz's words, and the model's graph
cache (newcomer probe, web24):

1. an id in a URL path is the canonical decimal form only: ``/api/polls/0000000000002`` was poll 2;
   ``01``, ``+1``, `` 1``, ``١``, ``1.0`` ... are the same JSON 404 as an unknown id, on every route
   with a numeric id (the API, the public pages and the console);
2. ``/api/polls/-1`` was the router's bare "Not Found"; it is ``poll_not_found`` like any unknown id;
3. a whole number in a query string is canonical ASCII decimal (``k=+5``, ``k= 5``, ``k=05`` were
   read as 5), and ``POST /api/sessions?language=`` is a 400 naming the field (it was a Korean
   session, which the document's enum does not offer);
4. when the engine fails to load, /healthz and the API's 503 name the part that failed, never the
   error's text (it held the server's paths); the whole error is in the log;
5. a newly built ONNX graph removes the graphs built before it in the model dir, and only those.

Every check goes through the real app (or the real graph builder); each failed on the code before
this pass.
"""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import issue_official_token
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from test_hostile_input import fuzz, json_error
from yarl import URL

from civicbot import e5_onnx, keys
from civicbot.app import create_app
from civicbot.e5_onnx import _digest, graph_file, packed_model_path, remove_older_graphs
from civicbot.shapes import path_number

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("built_index")


@pytest.fixture
def settings(make_settings):
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def raw(path: str) -> URL:
    """The URL exactly as written: the client must not re-encode the bytes under test."""
    return URL(path, encoded=True)


async def new_session(client) -> str:
    response = await client.post("/api/sessions")
    assert response.status == 201
    return (await response.json())["token"]


# -- 1 and 2. only the canonical decimal form is an id ---------------------------------------------
CANONICAL = re.compile(r"0|[1-9][0-9]{0,11}")

# Other spellings of a number: leading zeros, a sign, spaces, other scripts' digits, a fraction.
_NOT_ASCII_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())
SPELLINGS = st.one_of(
    st.integers(1, 14).map(lambda zeros: "0" * zeros + "1"),  # 01 ... 000000000000001
    st.integers(1, 14).map(lambda zeros: "0" * zeros + "2"),
    st.sampled_from(["+1", "-1", "-0", "+0", "00", " 1", "1 ", "\t1", "1\n", "1.0", "1e0", "0x1", "1_0"]),
    st.integers(-(10**13), -1).map(str),
    _NOT_ASCII_DIGITS,  # ١, ５, ߁ ...: a digit to int() and to \d, not an id
    st.tuples(_NOT_ASCII_DIGITS, st.sampled_from(["", "1", "0"])).map("".join),
    # Anything else in one path segment (no "/", and not "." or "..", which the URL itself resolves).
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="/"), min_size=1, max_size=6),
).filter(lambda text: not CANONICAL.fullmatch(text) and text not in (".", ".."))


def test_path_number_reads_the_canonical_form_only():
    assert path_number("1") == 1 and path_number("0") == 0 and path_number("999999999999") == 10**12 - 1
    for text in ("01", "0000000000002", "+1", "-1", " 1", "1 ", "١", "１", "1.0", "", "9" * 13, "9" * 5000):
        assert path_number(text) is None, text


async def test_every_numeric_id_route_refuses_every_other_spelling(client):
    """Hypothesis over spellings of a number: on every API route with a numeric id, an id that is
    not canonical is the JSON 404 of an unknown id, with the route's own code (never the poll or
    proposal its digits would name, never the router's bare "Not Found")."""
    token = await new_session(client)
    proposal = await client.post(
        "/api/proposals",
        json={
            "title": "한강공원에 그늘막을 더 설치할까요?",
            "description": "그늘이 부족해요.",
            "options": ["예", "아니요"],
        },
        headers=bearer(token),
    )
    assert proposal.status == 201, await proposal.text()
    proposal_id = (await proposal.json())["id"]
    official = bearer(issue_official_token(client.app[keys.SETTINGS]))
    # The ids the spellings name exist: poll 1 and 2 (polls/*.yaml) and the proposal just made.
    assert (await client.get("/api/polls/1")).status == 200
    assert (await client.get("/api/polls/2")).status == 200
    assert (await client.get(f"/api/proposals/{proposal_id}")).status == 200
    loop = asyncio.get_running_loop()

    async def check(spelling: str) -> None:
        number = quote(spelling, safe="")
        cases = [
            ("GET", f"/api/polls/{number}", {}, None, "poll_not_found"),
            ("GET", f"/api/polls/{number}/results", {}, None, "poll_not_found"),
            ("GET", f"/api/polls/{number}/bulletin", {}, None, "poll_not_found"),
            ("GET", f"/api/polls/{number}/receipts/ABCD-EFGH", {}, None, "poll_not_found"),
            ("POST", f"/api/polls/{number}/votes", bearer(token), {"choices": [1]}, "poll_not_found"),
            ("POST", f"/api/admin/polls/{number}/close", official, None, "poll_not_found"),
            ("POST", f"/api/admin/polls/{number}/open", official, None, "poll_not_found"),
            ("GET", f"/api/admin/polls/{number}/export.csv", official, None, "poll_not_found"),
            ("GET", f"/api/admin/polls/{number}/bulletin.json", official, None, "poll_not_found"),
            ("GET", f"/api/proposals/{number}", {}, None, "not_found"),
            ("POST", f"/api/proposals/{number}/supports", bearer(token), None, "not_found"),
            ("POST", f"/api/admin/proposals/{number}/publish", official, None, "not_found"),
            ("POST", f"/api/admin/proposals/{number}/accept", official, None, "not_found"),
        ]
        for method, path, headers, body, code in cases:
            response = await client.request(method, raw(path), headers=headers, json=body)
            assert await json_error(response) == (404, code), (method, path)
            message = (await response.json())["error"]["message"]
            assert message != "Not Found", (path, message)

    await loop.run_in_executor(None, fuzz, loop, check, SPELLINGS, 40)
    # Nothing was voted, closed or published on the way.
    ballots = await client.app[keys.DATABASE].execute_fn(
        lambda conn: conn.execute("SELECT count(*) FROM poll_ballots").fetchone()[0]
    )
    assert ballots == 0
    assert (await (await client.get("/api/polls/1")).json())["status"] == "open"


async def test_the_probes_exact_urls(client):
    for path, code in (("/api/polls/0000000000002", "poll_not_found"), ("/api/polls/-1", "poll_not_found")):
        response = await client.get(path)
        assert await json_error(response) == (404, code), path
        for accept in ("*/*", "text/html"):  # an API path keeps the envelope whatever the client takes
            again = await client.get(path, headers={"Accept": accept})
            assert await json_error(again) == (404, code), (path, accept)
    # The canonical forms still name their polls.
    assert (await (await client.get("/api/polls/2")).json())["id"] == 2


async def test_pages_treat_another_spelling_as_an_address_that_is_no_page(client):
    """A public page's id in another spelling is the site's 404 page, as ``/polls/abc`` is (it
    was poll 1's page at ``/polls/01``)."""
    html = {"Accept": "text/html"}
    assert (await client.get("/polls/1", headers=html)).status == 200
    no_page = await (await client.get("/polls/abc", headers=html)).text()
    assert "페이지를 찾지 못했어요" in no_page
    for spelling in ("01", "0000000000002", "001", "00"):
        response = await client.get(f"/polls/{spelling}", headers=html)
        assert response.status == 404 and response.content_type == "text/html", spelling
        assert await response.text() == no_page, spelling
        form = await client.post(f"/polls/{spelling}", data={"receipt": "ABCD-EFGH"}, headers=html)
        assert form.status == 404, spelling
    token = await new_session(client)
    made = await client.post(
        "/api/proposals",
        json={
            "title": "골목길에 보안등을 더 달까요?",
            "description": "밤길이 어두워요.",
            "options": ["예", "아니요"],
        },
        headers=bearer(token),
    )
    proposal_id = (await made.json())["id"]
    assert (await client.get(f"/proposals/{proposal_id}", headers=html)).status == 200
    response = await client.get(f"/proposals/0{proposal_id}", headers=html)
    assert response.status == 404 and "페이지를 찾지 못했어요" in await response.text()


async def test_console_pages_treat_another_spelling_as_an_unknown_id(make_client, make_settings, tmp_path):
    from test_console import make_account, sign_in

    (tmp_path / "knowledge").mkdir(exist_ok=True)
    config = make_settings(
        CIVICBOT_KNOWLEDGE_DIR=str(tmp_path / "knowledge"),
        CIVICBOT_INDEX_DIR=str(tmp_path / "index"),
        CIVICBOT_RATE_LIMIT="0",
    )
    make_account(config, "kim.official", "official")
    client = await make_client(config)
    await sign_in(client, "kim.official")
    html = {"Accept": "text/html"}
    assert (await client.get("/admin/polls/1", headers=html)).status == 200
    unknown = await client.get("/admin/polls/999999", headers=html)
    assert unknown.status == 404
    for path in (
        "/admin/polls/01",
        "/admin/polls/0000000000002",
        "/admin/polls/01/edit",
        "/admin/polls/02/results.csv",
    ):
        response = await client.get(path, headers=html)
        assert response.status == 404, path
    assert (await client.get("/admin/proposals/01", headers=html)).status == 404


# -- 3. whole numbers in a query are canonical ASCII decimal; an empty language is refused ----------
def _other_spellings(number: int) -> st.SearchStrategy[str]:
    """``number`` written other than in canonical decimal."""
    digits = str(number)
    return st.sampled_from(
        [
            f"+{digits}",
            f" {digits}",
            f"{digits} ",
            f"0{digits}",
            f"00{digits}",
            f"{digits}.0",
            f"{digits}e0",
            "".join(chr(0x0660 + int(d)) for d in digits),  # Arabic-Indic: ٥
            "".join(chr(0xFF10 + int(d)) for d in digits),  # full-width: ５
        ]
    )


async def test_k_takes_canonical_decimal_only(client):
    loop = asyncio.get_running_loop()

    async def check(k: str) -> None:
        response = await client.get(
            raw("/api/knowledge/search?q=%EB%94%B0%EB%A6%89%EC%9D%B4&k=" + quote(k, safe=""))
        )
        if re.fullmatch(r"0|-?[1-9][0-9]*", k) and 1 <= int(k) <= 20:
            assert response.status == 200, k
            assert len((await response.json())["results"]) <= int(k)
            return
        assert await json_error(response) == (400, "invalid_field"), k
        assert "'k'" in (await response.json())["error"]["message"], k

    numbers = st.one_of(
        st.integers(1, 20).flatmap(_other_spellings),
        st.integers(1, 20).map(str),  # the canonical form still works
        st.integers(-5, 30).map(str),
    )
    await loop.run_in_executor(None, fuzz, loop, check, numbers, 40)


async def test_every_whole_number_query_field_takes_canonical_decimal_only(client):
    official = bearer(issue_official_token(client.app[keys.SETTINGS]))
    cases = [
        ("/api/complaints.geojson", "limit", 5, {}),
        ("/api/complaints.geojson", "zoom", 3, {}),
        ("/api/admin/complaints", "limit", 5, official),
        ("/api/admin/complaints", "offset", 1, official),
        ("/api/admin/complaints/review", "limit", 5, official),
    ]
    loop = asyncio.get_running_loop()

    async def check(case: tuple) -> None:
        (path, name, number, headers), spelling = case
        ok = await client.get(f"{path}?{name}={number}", headers=headers)
        assert ok.status == 200, (path, name, await ok.text())
        response = await client.get(raw(f"{path}?{name}={quote(spelling, safe='')}"), headers=headers)
        status, code = await json_error(response)
        assert status == 400 and code.endswith(("invalid_field", f"invalid_{name}")), (path, spelling, code)
        assert f"'{name}'" in (await response.json())["error"]["message"], (path, spelling)

    strategy = st.sampled_from(cases).flatmap(
        lambda case: st.tuples(st.just(case), _other_spellings(case[2]))
    )
    await loop.run_in_executor(None, fuzz, loop, check, strategy, 30)


async def test_an_empty_session_language_is_refused_and_names_the_field(client):
    for query in ("?language=", "?language=%20", "?language=ko%20"):
        response = await client.post(raw("/api/sessions" + query))
        assert await json_error(response) == (400, "invalid_field"), query
        assert "'language'" in (await response.json())["error"]["message"]
    for query in ("", "?language=ko", "?language=en"):  # not sent is Korean, as documented
        assert (await client.post("/api/sessions" + query)).status == 201, query
    document = await (await client.get("/api/openapi.json")).json()
    parameters = document["paths"]["/api/sessions"]["post"]["parameters"]
    language = next(p for p in parameters if p["name"] == "language")
    assert "" not in language["schema"]["enum"] and language["schema"]["default"] == "ko"


# -- 4. /healthz names the part that failed, never the error's text ---------------------------------
async def _failed_app(aiohttp_client, config):
    app = create_app(config)
    client = await aiohttp_client(app)
    await asyncio.wait_for(app[keys.ENGINE].ready.wait(), 300)
    assert app[keys.ENGINE].engine is None and app[keys.ENGINE].error
    return client


@pytest.mark.parametrize("part", ["model", "index"])
async def test_a_failed_engine_does_not_tell_the_public_its_paths(
    aiohttp_client, make_settings, tmp_path, caplog, monkeypatch, part
):
    secret_place = tmp_path / "srv-secret-folder-name"
    if part == "model":
        # The bundled model file is missing (a broken install): FileNotFoundError names its path.
        # A model dir of its own, so the model is loaded afresh rather than from the process's cache.
        monkeypatch.setattr(e5_onnx, "packed_model_path", lambda: secret_place / "model.bin")
        env = {"CIVICBOT_MODEL_DIR": str(tmp_path / "models")}
        said = "the model failed to load; see the server log"
    else:
        # The index folder is a file: creating the index under it fails, naming the path.
        secret_place.write_text("not a folder")
        env = {"CIVICBOT_INDEX_DIR": str(secret_place)}
        said = "the documents could not be indexed; see the server log"
    caplog.set_level(logging.ERROR, logger="civicbot.app")
    client = await _failed_app(aiohttp_client, make_settings(**env))
    error = client.app[keys.ENGINE].error
    assert secret_place.name in error, error  # the whole error is kept for the log
    assert error.startswith(
        "FileNotFoundError" if part == "model" else ("FileExistsError", "NotADirectoryError")
    )
    assert secret_place.name in caplog.text  # ... and logged, traceback and all

    response = await client.get("/healthz")
    assert response.status == 503
    assert await response.json() == {"status": "error", "error": said}
    for request in (
        client.post("/api/chat", json={"text": "안녕"}),
        client.get("/api/knowledge/search", params={"q": "따릉이"}),
    ):
        answer = await request
        assert await json_error(answer) == (503, "engine_failed")
        message = (await answer.json())["error"]["message"]
        assert said in message and "/" not in message.replace("see the server log", ""), message
        assert secret_place.name not in message and str(tmp_path) not in message


# -- 5. a new graph removes the graphs this install built before it ---------------------------------
def test_a_new_graph_removes_this_installs_older_graphs_and_nothing_else(tmp_path, caplog):
    install = _digest(str(packed_model_path().resolve()))
    old_graphs = [
        f"e5-small-f32-{install}-0123456789ab.onnx",  # this install, an older build
        "e5-small-f32-0123456789abcdef.onnx",  # the twenty-third pass's one-digest name
    ]
    kept = [
        "e5-small-f32-aaaaaaaaaaaa-0123456789ab.onnx",  # another checkout's graph, in use there
        f".e5-small-f32-{install}-0123456789ab.onnx.4242.140000.tmp",  # being written elsewhere
        f"e5-small-f32-{install}-0123456789ab.onnx.bak",
        f"e5-small-f32-{install}-0123456789AB.onnx",
        "e5-small-f32-0123.onnx",
        "e5-large-f32-0123456789abcdef.onnx",
        "intent-model.npz",
        "notes.txt",
    ]
    for name in old_graphs + kept:
        (tmp_path / name).write_bytes(b"x" * 10)
    # A graph-named folder cannot be unlinked: the failure is logged, not raised.
    stuck = tmp_path / f"e5-small-f32-{install}-aaaaaaaaaaaa.onnx"
    stuck.mkdir()
    (stuck / "inside").write_text("x")

    caplog.set_level(logging.INFO, logger="civicbot.e5_onnx")
    path = graph_file(packed_model_path(), tmp_path)

    assert path.exists() and path.stat().st_size > 10_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, stuck.name, *kept])
    assert stuck.is_dir() and (stuck / "inside").exists()
    assert f"could not remove the older graph {stuck.name}" in caplog.text
    # Reused, not rebuilt, the next time: and nothing else is touched.
    assert graph_file(packed_model_path(), tmp_path) == path
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, stuck.name, *kept])


_NAME_CHARS = st.sampled_from("e5-smalf32.onxtpbk0123456789abcdefABCDEF_~ ")
_HEX12 = st.text("0123456789abcdef", min_size=12, max_size=12)
_INSTALLS = st.sampled_from(["111111111111", "222222222222"])  # ours, another checkout's
_KEPT = "e5-small-f32-111111111111-000000000000.onnx"  # the graph just built


@examples(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.sets(
        st.one_of(
            st.text(_NAME_CHARS, min_size=1, max_size=40),
            st.builds(lambda i, b: f"e5-small-f32-{i}-{b}.onnx", _INSTALLS, _HEX12),
            st.builds(lambda i, b: f".e5-small-f32-{i}-{b}.onnx.1.2.tmp", _INSTALLS, _HEX12),
            st.text("0123456789abcdef", min_size=16, max_size=16).map(lambda h: f"e5-small-f32-{h}.onnx"),
        ).filter(lambda name: name not in (".", "..", _KEPT) and name.strip() == name),
        max_size=8,
    )
)
def test_only_this_installs_finished_graphs_are_removed(tmp_path_factory, names):
    folder = tmp_path_factory.mktemp("models")
    kept = folder / _KEPT
    kept.write_bytes(b"new")
    for name in names:
        (folder / name).write_bytes(b"old")
    removed = {p.name for p in remove_older_graphs(folder, kept)}
    ours = re.compile(r"e5-small-f32-111111111111-[0-9a-f]{12}\.onnx|e5-small-f32-[0-9a-f]{16}\.onnx")
    assert removed == {name for name in names if ours.fullmatch(name) and name != kept.name}
    assert {p.name for p in folder.iterdir()} == ({kept.name} | set(names)) - removed
    assert kept.read_bytes() == b"new"


def test_a_model_dir_that_cannot_be_listed_is_logged_not_raised(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="civicbot.e5_onnx")
    assert (
        remove_older_graphs(
            tmp_path / "gone", tmp_path / "gone" / "e5-small-f32-111111111111-000000000000.onnx"
        )
        == []
    )
    assert "cannot list" in caplog.text
