"""Citizen proposals over HTTP on the real app: the public API, supports from many sessions, the
officials' review API, the public pages, the OpenAPI document and the CLI."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re

import pytest
from conftest import ENGINES

from civicbot import cli, keys
from civicbot import proposals as P

pytestmark = pytest.mark.usefixtures("built_index")


@pytest.fixture(params=ENGINES)
def db_engine(request: pytest.FixtureRequest) -> str:
    """This suite runs on SQLite and on PostgreSQL."""
    return request.param


PROPOSAL = {
    "title": "한강공원에 그늘막을 더 설치할까요? 문의 010-1234-5678",
    "description": "여름마다 그늘이 부족해요.",
    "options": ["그늘막 추가", "나무 심기", "현재대로"],
}


@pytest.fixture
async def small(make_settings, make_client):
    """The real app with a threshold of 3 supports; the test client plays our proxy (``auth``)."""
    return await make_client(
        make_settings(
            CIVICBOT_PROPOSAL_THRESHOLD="3", CIVICBOT_RATE_LIMIT="0", CIVICBOT_TRUSTED_PROXIES="127.0.0.1"
        )
    )


async def new_session(client) -> str:
    response = await client.post("/api/sessions")
    assert response.status == 201
    return (await response.json())["token"]


def auth(token: str) -> dict:
    """The session's token, and (where the app trusts the test client as its proxy) a network of
    its own: web supports count once per network (probe 21 #5, tests/test_abuse_twentyfirst.py)."""
    network = int(hashlib.sha256(token.encode()).hexdigest()[:6], 16)
    forwarded = f"10.{network >> 16}.{network >> 8 & 255}.{network & 255}"
    return {"Authorization": f"Bearer {token}", "X-Forwarded-For": forwarded}


async def propose(client, token: str, body: dict | None = None) -> dict:
    response = await client.post("/api/proposals", json=body or PROPOSAL, headers=auth(token))
    assert response.status == 201, await response.text()
    return await response.json()


async def read(client, fn):
    return await client.app[keys.DATABASE].execute_fn(fn)


async def test_create_masks_personal_data_and_counts_the_proposer(client, session_token):
    made = await propose(client, session_token)
    assert "010-1234-5678" not in json.dumps(made, ensure_ascii=False)
    assert "[전화번호]" in made["title"]
    assert made["status"] == "collecting"
    assert (made["supports"], made["threshold"]) == (1, 50)  # the proposer, and the default threshold
    listed = await (await client.get("/api/proposals?status=collecting")).json()
    assert [p["id"] for p in listed["proposals"]] == [made["id"]]
    detail = await (await client.get(f"/api/proposals/{made['id']}")).json()
    assert [h["status"] for h in detail["history"]] == ["collecting"]
    assert detail["options"] == PROPOSAL["options"]


async def test_supports_from_many_sessions_count_once_each_and_review_once(small):
    proposer = await new_session(small)
    made = await propose(small, proposer)
    tokens = [await new_session(small) for _ in range(12)]

    async def support(token: str):
        response = await small.post(f"/api/proposals/{made['id']}/supports", headers=auth(token))
        return response.status, await response.json()

    # Twelve sessions at once, each twice: the threshold (3) is crossed inside the race.
    outcomes = await asyncio.gather(*(support(t) for t in tokens + tokens))
    accepted = [body for status, body in outcomes if status == 200 and body["added"]]
    refused = [body for status, body in outcomes if status == 409]
    assert len(accepted) == 2  # with the proposer's own support that makes exactly 3
    assert all(body["error"]["code"] == "not_collecting" for body in refused)
    detail = await (await small.get(f"/api/proposals/{made['id']}")).json()
    assert (detail["supports"], detail["status"]) == (3, "under_review")
    assert [h["status"] for h in detail["history"]] == ["collecting", "under_review"]
    audits = await read(
        small,
        lambda db: db.execute("SELECT count(*) FROM audit_log WHERE action = 'proposal.review'").fetchone()[
            0
        ],
    )
    assert audits == 1


async def test_a_repeat_support_is_not_counted(small):
    made = await propose(small, await new_session(small))
    token = await new_session(small)
    first = await (await small.post(f"/api/proposals/{made['id']}/supports", headers=auth(token))).json()
    again = await (await small.post(f"/api/proposals/{made['id']}/supports", headers=auth(token))).json()
    assert (first["added"], first["supports"]) == (True, 2)
    assert (again["added"], again["supports"]) == (False, 2)


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"title": "제목", "options": ["하나"]}, 400, "invalid_proposal"),
        ({"title": "제목", "options": ["같은", "같은 "]}, 400, "invalid_proposal"),
        ({"title": "제목", "options": [f"선택 {n}" for n in range(11)]}, 400, "invalid_proposal"),
        ({"title": "  ", "options": ["가", "나"]}, 400, "invalid_proposal"),
        ({"title": "제목", "options": ["가", "나"], "district": "atlantis"}, 400, "invalid_proposal"),
        ({"title": "제목", "options": ["가", "나"], "extra": 1}, 400, "unknown_field"),
        ({"options": ["가", "나"]}, 400, "missing_field"),
        ({"title": "x" * 201, "options": ["가", "나"]}, 400, "title_too_long"),
        ({"title": 3, "options": ["가", "나"]}, 400, "invalid_proposal"),
        ({"title": "제목", "options": "가, 나"}, 400, "invalid_proposal"),
    ],
)
async def test_bad_proposals_are_refused_with_json_errors(client, session_token, body, status, code):
    response = await client.post("/api/proposals", json=body, headers=auth(session_token))
    assert response.status == status
    assert (await response.json())["error"]["code"] == code


async def test_no_session_bad_json_and_unknown_ids(client, session_token):
    assert (await client.post("/api/proposals", json=PROPOSAL)).status == 401
    bad = await client.post("/api/proposals", data=b"{not json", headers=auth(session_token))
    assert bad.status == 400 and (await bad.json())["error"]["code"] == "invalid_json"
    assert (await client.get("/api/proposals/999")).status == 404
    missing = await client.post("/api/proposals/999/supports", headers=auth(session_token))
    assert missing.status == 404 and (await missing.json())["error"]["code"] == "not_found"
    assert (await client.get("/api/proposals?status=nonsense")).status == 400


async def test_the_daily_limit_is_per_person(client, session_token):
    for n in range(P.PROPOSALS_PER_DAY):
        await propose(client, session_token, {**PROPOSAL, "title": f"제안 {n}"})
    response = await client.post("/api/proposals", json=PROPOSAL, headers=auth(session_token))
    assert response.status == 429
    assert (await response.json())["error"]["code"] == "daily_limit"
    await propose(client, await new_session(client))  # someone else still can


async def test_similar_open_proposals_come_back_on_creation(client):
    first = await propose(client, await new_session(client))
    second = await propose(
        client, await new_session(client), {**PROPOSAL, "title": "한강공원에 그늘막을 더 설치해 주세요"}
    )
    assert [p["id"] for p in second["similar"]] == [first["id"]]


async def reviewed(client, threshold_tokens: int = 2) -> dict:
    proposer = await new_session(client)
    made = await propose(client, proposer)
    for _ in range(threshold_tokens):
        await client.post(f"/api/proposals/{made['id']}/supports", headers=auth(await new_session(client)))
    made["proposer"] = proposer
    return made


async def test_accept_creates_the_poll_linked_both_ways_audited_and_told(small, official_token):
    made = await reviewed(small)
    url = f"/api/admin/proposals/{made['id']}/accept"
    assert (await small.post(url)).status == 401
    queue = await (
        await small.get("/api/admin/proposals?status=under_review", headers=auth(official_token))
    ).json()
    assert [p["id"] for p in queue["proposals"]] == [made["id"]]
    assert not re.search(r"[0-9a-f]{64}", json.dumps(queue))  # no supporter key, ever
    english = {"poll": {"title": {"en": "More shade in the Han River parks?"}}}
    response = await small.post(url + "?lang=en", json=english, headers=auth(official_token))
    assert response.status == 200, await response.text()
    body = await response.json()
    poll = body["poll"]
    assert body["proposal"]["status"] == "accepted" and body["proposal"]["poll_id"] == poll["id"]
    assert poll["titles"] == {"ko": body["proposal"]["title"], "en": "More shade in the Han River parks?"}
    assert [o["label"] for o in poll["options"]] == PROPOSAL["options"]
    assert f"/proposals/{made['id']}" in poll["description"]  # the link back from the poll
    again = await small.post(url, headers=auth(official_token))
    assert again.status == 409
    actions = await read(
        small, lambda db: [r[0] for r in db.execute("SELECT action FROM audit_log ORDER BY id")]
    )
    assert actions[-3:] == ["proposal.review", "poll.create", "proposal.accept"]
    notices = await read(
        small,
        lambda db: [
            r[0] for r in db.execute("SELECT text FROM outbox WHERE recipient = ? ORDER BY id", [P_sid(made)])
        ],
    )
    assert len(notices) == 2 and "검토" in notices[0] and f"/results {poll['id']}" in notices[1]
    # Voting in the new poll works with a web session.
    vote = await small.post(
        f"/api/polls/{poll['id']}/votes", json={"choices": [1]}, headers=auth(await new_session(small))
    )
    assert vote.status == 201


def P_sid(made: dict) -> str:
    from civicbot.sessions import session_id

    return session_id(made["proposer"])


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"reason": "사유"},
        {"reason": {"ko": "사유"}},
        {"reason": {"ko": "사유", "en": "  "}},
        {"reason": {"ko": "", "en": "x"}},
    ],
)
async def test_decline_needs_a_reason_in_both_languages(small, official_token, body):
    made = await reviewed(small)
    response = await small.post(
        f"/api/admin/proposals/{made['id']}/decline", json=body, headers=auth(official_token)
    )
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "invalid_reason"


async def test_decline_publishes_the_reason_and_tells_the_proposer(small, official_token):
    made = await reviewed(small)
    reason = {"ko": "이미 내년 예산에 반영됐어요.", "en": "It is already in next year's budget."}
    response = await small.post(
        f"/api/admin/proposals/{made['id']}/decline", json={"reason": reason}, headers=auth(official_token)
    )
    assert response.status == 200
    detail = await (await small.get(f"/api/proposals/{made['id']}")).json()
    assert detail["status"] == "declined" and detail["reason"] == reason
    notice = await read(
        small, lambda db: db.execute("SELECT text FROM outbox ORDER BY id DESC LIMIT 1").fetchone()[0]
    )
    assert reason["ko"] in notice
    page = await (await small.get(f"/proposals/{made['id']}?lang=en")).text()
    assert reason["en"].replace("'", "&#39;") in page


async def test_pages_show_progress_history_and_the_widget(client, session_token):
    made = await propose(client, session_token, {**PROPOSAL, "title": "<script>alert(1)</script> 벤치"})
    listing = await client.get("/proposals")
    assert listing.status == 200
    html = await listing.text()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert '<progress max="50" value="1"' in html
    assert '<script src="/widget.js"' in html
    detail = await (await client.get(f"/proposals/{made['id']}")).text()
    assert "공감 모으는 중" in detail and "진행 기록" in detail and '<script src="/widget.js"' in detail
    assert (await client.get("/proposals/4242")).status == 404


_OFFSET_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00")


async def test_every_time_in_the_proposals_api_and_pages_carries_the_citys_offset(small, official_token):
    """Issue 17 (as issue 14 asked of the polls API): times in Seoul's offset, the same instant as
    stored; the store keeps UTC."""
    import datetime as dt

    made = await reviewed(small)
    assert _OFFSET_TIME.fullmatch(made["deadline"]) and _OFFSET_TIME.fullmatch(made["created_at"])
    created = dt.datetime.fromisoformat(made["created_at"])
    assert abs(created - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)  # not shifted by 9 hours
    detail = await (await small.get(f"/api/proposals/{made['id']}")).json()
    listed = (await (await small.get("/api/proposals")).json())["proposals"]
    queue = await (await small.get("/api/admin/proposals", headers=auth(official_token))).json()
    for document in [detail, *listed, *queue["proposals"]]:
        for field in ("deadline", "created_at"):
            assert _OFFSET_TIME.fullmatch(document[field]), (field, document[field])
    assert [h["status"] for h in detail["history"]] == ["collecting", "under_review"]
    assert all(_OFFSET_TIME.fullmatch(h["at"]) for h in detail["history"]), detail["history"]
    stored = await read(
        small, lambda db: db.execute("SELECT deadline, at FROM proposals, proposal_history").fetchone()
    )
    assert stored[0].endswith("+00:00") and stored[1].endswith("+00:00")  # only the rendering changed
    page = await (await small.get(f"/proposals/{made['id']}")).text()
    stamps = re.findall(r'<time datetime="([^"]+)">', page)
    assert stamps and all(_OFFSET_TIME.fullmatch(s) for s in stamps), stamps


async def test_expiry_runs_once_across_replicas(client, session_token):
    import datetime as dt
    import threading

    from civicbot.db import connect_settings

    made = await propose(client, session_token)
    settings = client.app[keys.SETTINGS]
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    results: list[list[int]] = []
    barrier = threading.Barrier(4)

    def replica() -> None:
        conn = connect_settings(settings)
        barrier.wait()
        conn.execute("BEGIN IMMEDIATE")
        results.append(P.expire_due(conn, later))
        conn.execute("COMMIT")
        conn.conn.close()

    threads = [threading.Thread(target=replica) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(map(len, results)) == [0, 0, 0, 1] and [made["id"]] in results
    detail = await (await client.get(f"/api/proposals/{made['id']}")).json()
    assert [h["status"] for h in detail["history"]] == ["collecting", "expired"]


async def test_openapi_documents_every_proposal_operation(client):
    document = await (await client.get("/api/openapi.json")).json()
    for path in ("/api/proposals", "/api/proposals/{id}", "/api/proposals/{id}/supports"):
        assert path in document["paths"]
    assert set(document["paths"]["/api/admin/proposals/{id}/accept"]) == {"post"}
    assert "Proposal" in document["components"]["schemas"]


def test_cli_lists_accepts_and_declines(make_settings, monkeypatch, capsys):
    settings = make_settings(CIVICBOT_PROPOSAL_THRESHOLD="1")
    for name, value in {
        "CIVICBOT_DATA_DIR": str(settings.data_dir),
        "CIVICBOT_SECRET_KEY": "test-secret-key",
        "CIVICBOT_DATABASE_URL": settings.database_url,
    }.items():
        monkeypatch.setenv(name, value)
    from civicbot.cli_polls import _database, _write

    rules = P.Rules(threshold=1)
    with _database(settings) as db:
        for title in ("첫째 제안", "둘째 제안"):
            new = P.NewProposal(title, "", ["가", "나"], "ko", "cli", title)
            _write(db, lambda conn, new=new: P.submit(conn, b"k", new, rules))
    assert cli.main(["proposals", "list"]) == 0
    out = capsys.readouterr().out
    assert "첫째 제안" in out and "under_review" in out
    assert (
        cli.main(["proposals", "accept", "1", "--title-en", "First", "--closes-at", "2099-01-01T00:00"]) == 0
    )
    assert "poll 1" in capsys.readouterr().out
    assert (
        cli.main(["proposals", "decline", "2", "--reason-ko", "중복이에요", "--reason-en", "A duplicate"])
        == 0
    )
    assert cli.main(["proposals", "accept", "2"]) == 1
    assert "is declined" in capsys.readouterr().err
    with _database(settings) as db:
        actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE action LIKE 'proposal.%'")]
    assert actions == ["proposal.review", "proposal.review", "proposal.accept", "proposal.decline"]
