"""Ballot secrecy against timing: public answers around a known vote must not change.

The attack: read the public ballot count (or the results with demographics) of a live poll just
before and just after someone you watch votes, then the ordered bulletin; the difference is that
person's choice, district and age band. Public figures of an open poll now come from batched
snapshots, breakdowns and the bulletin wait for the close.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from civicbot import keys, polls

pytestmark = pytest.mark.usefixtures("built_index")


@pytest.fixture
def settings(make_settings):
    return make_settings(CIVICBOT_RATE_LIMIT="0")  # 22 voters' sessions from one address


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _at(minutes: int) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes)).isoformat()


async def _session(client) -> str:
    return (await (await client.post("/api/sessions")).json())["token"]


async def _vote(client, pid: int, choice: int, district: str = "mapo") -> None:
    body = {"choices": [choice], "district": district, "age_band": "30s"}
    response = await client.post(f"/api/polls/{pid}/votes", json=body, headers=_auth(await _session(client)))
    assert response.status == 201, await response.text()


async def public_answers(client, pid: int) -> dict[str, tuple[int, str]]:
    """Everything anyone may read about the poll, as (status, body)."""
    paths = [
        "/api/polls",
        f"/api/polls/{pid}",
        f"/api/polls/{pid}/results",
        f"/api/polls/{pid}/results?lang=en",
        f"/api/polls/{pid}/bulletin",
        f"/polls/{pid}",
        "/polls",
    ]
    answers = {}
    for path in paths:
        response = await client.get(path)
        answers[path] = (response.status, await response.text())
    return answers


async def _write(client, fn):
    return await client.app[keys.DATABASE].execute_write_fn(fn)


async def test_differencing_public_answers_around_a_known_vote_learns_nothing(client, official_token):
    created = await client.post(
        "/api/admin/polls",
        headers=_auth(official_token),
        json={
            "title": "골목 보안등",
            "options": ["통학로", "어두운 골목", "기타"],
            "opens_at": _at(-30),
            "closes_at": _at(120),
            "results": "live",
            "demographics": ["district", "age"],
        },
    )
    pid = (await created.json())["id"]
    for n in range(12):
        await _vote(client, pid, 1 + n % 2, "gangnam")
    await _write(client, lambda db: polls.take_snapshot(db, polls.get_poll(db, pid)))

    before = await public_answers(client, pid)
    await _vote(client, pid, 3, "mapo")  # the person being watched: a lone 마포구 voter, option 3
    after = await public_answers(client, pid)
    assert after == before  # not the count, not the tally, not the chain head, not the bulletin

    # The timer runs, but neither ten minutes nor ten new ballots have passed: still nothing.
    assert await _write(client, polls.take_due_snapshots) == []
    assert await public_answers(client, pid) == before

    # Ten minutes later, with one new ballot, still nothing: a snapshot needs a batch.
    later = dt.datetime.now(dt.UTC) + polls.SNAPSHOT_INTERVAL
    assert await _write(client, lambda db: polls.take_due_snapshots(db, later)) == []
    for n in range(polls.SNAPSHOT_MIN_BALLOTS - 1):
        await _vote(client, pid, 1 + n % 3, "gangnam")
    assert await _write(client, lambda db: polls.take_due_snapshots(db, later)) == [pid]

    # Two successive published answers differ by a whole batch, and show no breakdowns to subtract.
    new = await (await client.get(f"/api/polls/{pid}/results")).json()
    old = json.loads(before[f"/api/polls/{pid}/results"][1])
    assert new["total"] - old["total"] == polls.SNAPSHOT_MIN_BALLOTS
    assert new["breakdowns"] == {} and old["breakdowns"] == {}
    assert (await client.get(f"/api/polls/{pid}/bulletin")).status == 403

    # At the close everything is exact and complete: the bulletin, the tally and the breakdowns.
    await client.post(f"/api/admin/polls/{pid}/close", headers=_auth(official_token))
    final = await (await client.get(f"/api/polls/{pid}/results")).json()
    assert final["total"] == 12 + 1 + polls.SNAPSHOT_MIN_BALLOTS - 1
    assert final["breakdowns"]["district"]["suppressed_groups"] == 1  # the lone 마포구 voter
    bulletin = await (await client.get(f"/api/polls/{pid}/bulletin")).json()
    assert len(bulletin["ballots"]) == final["total"]
