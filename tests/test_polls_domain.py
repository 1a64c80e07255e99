"""The m-Voting domain on a real SQLite file: one vote per voter (by the database), secrecy of the
ballot (no link, no order), receipts, the hash chain and its verification against tampering, tallies,
small-cell suppression, closing with notices, and exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import secrets
import sqlite3
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from conftest import ENGINES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicbot import officials, outbox, polls, text
from civicbot.app import MIGRATIONS
from civicbot.db import connect, engine, migrate

SEOUL = ZoneInfo("Asia/Seoul")
SECRET = b"domain-test-secret"
NOW = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)


@pytest.fixture(params=ENGINES)
def db_engine(request: pytest.FixtureRequest) -> str:
    """The whole suite runs on SQLite and on PostgreSQL."""
    return request.param


@pytest.fixture
def db(tmp_path: Path, db_engine: str, request: pytest.FixtureRequest):
    if db_engine == "postgresql":
        from civicbot import pgsql

        conn = pgsql.connect(request.getfixturevalue("pg_url"))
    else:
        conn = connect(tmp_path / "polls.db")
    migrate(conn, MIGRATIONS)
    yield conn
    conn.conn.close()


def sqlite_only(db) -> None:
    if engine(db) != "sqlite":
        pytest.skip("a property of SQLite's storage (PostgreSQL: see the README's privacy note)")


def write(db, fn):
    """One write transaction, as the server's writer thread runs it."""
    db.execute("BEGIN IMMEDIATE")
    try:
        result = fn(db)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return result


def spec(**overrides) -> polls.PollSpec:
    raw = {
        "title": {"ko": "공공 와이파이 확대", "en": "Public Wi-Fi"},
        "options": [
            {"ko": "시장", "en": "Markets"},
            {"ko": "공원", "en": "Parks"},
            {"ko": "정류장", "en": "Stops"},
        ],
        "opens_at": "2026-11-01T09:00:00+09:00",
        "closes_at": "2026-12-01T18:00:00+09:00",
        **overrides,
    }
    return polls.parse_spec(raw, SEOUL, NOW)


def make_poll(db, **overrides) -> polls.Poll:
    return write(db, lambda conn: polls.create_poll(conn, spec(**overrides), "tester", NOW))


def vote(db, poll_id: int, user: str, choices, channel: str = "telegram", **voter) -> polls.Ballot:
    who = polls.Voter(channel, user, **voter)
    return write(db, lambda conn: polls.cast_vote(conn, SECRET, poll_id, who, choices, NOW))


# -- definitions -------------------------------------------------------------------------------------
def test_spec_reads_times_in_the_city_zone_and_defaults():
    parsed = spec(opens_at="2026-11-01T09:00", closes_at="2026-12-01 18:00")
    assert parsed.opens_at == dt.datetime(2026, 11, 1, 0, 0, tzinfo=dt.UTC)  # 09:00 KST
    assert parsed.closes_at.hour == 9
    assert parsed.max_choices == 1 and parsed.results == "after_close"
    assert parsed.channels == ("telegram", "web")


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"options": ["하나"]}, "options", "2 to 20"),
        ({"options": [f"o{i}" for i in range(21)]}, "options", "2 to 20"),
        ({"options": ["같음", "같음"]}, "options", "repeats"),
        ({"max_choices": 4}, "max_choices", "between 1 and 3"),
        ({"max_choices": 0}, "max_choices", "between 1 and 3"),
        ({"closes_at": "2026-10-01T00:00:00+09:00"}, "closes_at", "after 'opens_at'"),
        ({"closes_at": "next tuesday"}, "closes_at", "time like"),
        ({"closes_at": "9999-12-31T23:59:59-12:00"}, "closes_at", "2000"),
        ({"results": "sometimes"}, "results", "after_close"),
        ({"channels": ["line"]}, "channels", "unknown line"),
        ({"districts": ["atlantis"]}, "districts", "unknown district 'atlantis'"),
        ({"title": ""}, "title", "empty"),
        ({"title": "\ud800"}, "title", "not valid text"),
        ({"colour": "red"}, "colour", "unknown field"),
        ({"slug": "Has Spaces"}, "slug", "lowercase"),
        ({"slug": "ok\n"}, "slug", "lowercase"),
    ],
)
def test_spec_errors_name_the_field(overrides, field, words):
    with pytest.raises(polls.SpecError) as caught:
        spec(**overrides)
    assert caught.value.field == field
    assert words in caught.value.message


@settings(max_examples=100, deadline=None)
@given(st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True))
def test_a_slug_needs_a_letter_so_the_command_line_never_takes_it_for_a_poll_id(slug):
    """``civicbot polls export 1`` exports poll id 1 (find_poll): a slug "1" would name another poll
    there (newcomer probe, eighteenth pass)."""
    if any(c.isalpha() for c in slug):
        assert spec(slug=slug).slug == slug
    else:
        with pytest.raises(polls.SpecError, match="at least one letter") as caught:
            spec(slug=slug)
        assert caught.value.field == "slug"


def test_a_district_restriction_asks_the_district():
    parsed = spec(districts=["mapo"], demographics=["age"])
    assert parsed.demographics == ("district", "age")


def test_a_stored_poll_reads_back_as_the_definition_it_came_from(db):
    made = spec(districts=["mapo"], results="live", slug="wifi", status="draft")
    poll = write(db, lambda conn: polls.create_poll(conn, made, "tester", NOW))
    assert polls.parse_spec(polls.definition(poll), SEOUL, NOW) == made


# -- one vote per voter ------------------------------------------------------------------------------
def test_second_vote_is_refused_by_the_database_constraint(db):
    poll = make_poll(db)
    vote(db, poll.id, "alice", [1])
    with pytest.raises(polls.PollError) as caught:
        vote(db, poll.id, "alice", [2])
    assert caught.value.code == "already_voted"
    # Nothing of the refused vote remains: one participation, one ballot.
    assert polls.participant_count(db, poll.id) == polls.ballot_count(db, poll.id) == 1
    # And it is the database, not application code, that refuses it.
    key = polls.voter_key(SECRET, "telegram", "alice", poll.id)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO poll_participation (id, poll_id, voter_key) VALUES ('x', ?, ?)", [poll.id, key]
        )


def test_the_same_person_on_another_channel_or_poll_is_another_voter(db):
    first, second = make_poll(db), make_poll(db)
    vote(db, first.id, "42", [1], channel="telegram")
    vote(db, first.id, "42", [1], channel="web")
    vote(db, second.id, "42", [1], channel="telegram")
    assert polls.ballot_count(db, first.id) == 2 and polls.ballot_count(db, second.id) == 1
    assert polls.voter_key(SECRET, "telegram", "42", 1) != polls.voter_key(b"other", "telegram", "42", 1)


@pytest.mark.parametrize(
    ("choices", "code"),
    [
        ([], "no_choice"),
        ("1", "no_choice"),
        ([9], "unknown_option"),
        ([True], "unknown_option"),
        ([1, 1], "duplicate_choice"),
        ([1, 2], "too_many_choices"),
    ],
)
def test_bad_choices_change_nothing(db, choices, code):
    poll = make_poll(db)
    with pytest.raises(polls.PollError) as caught:
        vote(db, poll.id, "bob", choices)
    assert caught.value.code == code
    assert polls.participant_count(db, poll.id) == 0 and polls.ballot_count(db, poll.id) == 0
    vote(db, poll.id, "bob", [1])  # the refused attempt did not use up bob's vote


def test_votes_only_while_open_and_on_allowed_channels(db):
    early = make_poll(db, opens_at="2026-11-25T00:00:00+09:00")
    late = make_poll(db, closes_at="2026-11-19T00:00:00+09:00", opens_at="2026-11-01T00:00:00+09:00")
    telegram_only = make_poll(db, channels=["telegram"])
    draft = make_poll(db, status="draft")
    for poll_id, channel, code in (
        (early.id, "telegram", "not_yet_open"),
        (late.id, "telegram", "poll_closed"),
        (telegram_only.id, "web", "channel_not_allowed"),
        (draft.id, "telegram", "poll_not_found"),
        (999, "telegram", "poll_not_found"),
    ):
        with pytest.raises(polls.PollError) as caught:
            vote(db, poll_id, "carol", [1], channel=channel)
        assert caught.value.code == code


def test_district_restriction(db):
    poll = make_poll(db, districts=["mapo", "eunpyeong"])
    for district, code in (
        (None, "district_required"),
        ("gangnam", "district_not_allowed"),
        ("x", "unknown_district"),
    ):
        with pytest.raises(polls.PollError) as caught:
            vote(db, poll.id, "dan", [1], district=district)
        assert caught.value.code == code
    vote(db, poll.id, "dan", [1], district="mapo")


def _spelled(code: str, form: str, case: str, joiner: str) -> str:
    ko, en = polls.DISTRICTS[code]
    latin = {
        "code": code,
        "english": en.replace("-", joiner),
        "english without -gu": en.split("-")[0],
    }.get(form)
    if latin is None:
        return {"korean": ko, "korean stem": ko[:-1] if len(ko) > 2 else ko}.get(
            form
        ) or polls.DISTRICT_ADMIN_CODES[code]
    return {"lower": latin.lower(), "upper": latin.upper(), "title": latin.title(), "as is": latin}[case]


_FORMS = ["code", "korean", "korean stem", "english", "english without -gu", "administrative code"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(list(polls.DISTRICTS)),
    st.sampled_from(_FORMS),
    st.sampled_from(["lower", "upper", "title", "as is"]),
    st.sampled_from(["-", " ", ""]),
    st.sampled_from(["", " "]),
)
def test_every_district_is_taken_in_every_spelling_and_a_refusal_names_the_allowed_ones(
    db, code, form, case, joiner, padding
):
    """The vote API took only the romanised code ("마포구", "Mapo-gu", "11440" were unknown_district)
    and refused an outsider with "only for residents of other districts", naming none."""
    spelled = padding + _spelled(code, form, case, joiner) + padding
    assert polls.district_code(spelled) == code
    poll = make_poll(db, districts=["mapo", "eunpyeong"])
    voter = f"v{secrets.token_hex(6)}"
    if code in poll.districts:
        vote(db, poll.id, voter, [1], district=spelled)
        return
    with pytest.raises(polls.PollError) as caught:
        vote(db, poll.id, voter, [1], district=spelled)
    assert caught.value.code == "district_not_allowed"
    assert (
        caught.value.message
        == "This poll is only for residents of Mapo-gu (마포구) or Eunpyeong-gu (은평구)."
    )


@pytest.mark.parametrize("spelled", ["atlantis", "중", "11000", "mapo-dong", "마포구청", ""])
def test_what_names_no_district_is_refused_with_the_spellings_to_use(db, spelled):
    poll = make_poll(db, demographics=["district"])
    with pytest.raises(polls.PollError) as caught:
        vote(db, poll.id, "erin", [1], district=spelled)
    assert caught.value.code == "unknown_district"
    assert all(word in caught.value.message for word in ("mapo", "마포구", "Mapo-gu", "11440"))


def test_the_administrative_codes_are_the_maps():
    from civicbot import geo

    assert {polls.DISTRICTS[code][1]: admin for code, admin in polls.DISTRICT_ADMIN_CODES.items()} == {
        name: admin for admin, name in geo.DISTRICT_NAMES_EN.items()
    }


# -- secrecy -------------------------------------------------------------------------------------------
def _columns(db, table: str) -> list[str]:
    if engine(db) == "postgresql":
        sql = "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
        return [row[0] for row in db.execute(sql, [table]).fetchall()]
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()]


def test_participation_and_ballots_cannot_be_linked(db):
    """No shared column, no timestamps, and participation keeps no insertion order."""
    participation, ballots = _columns(db, "poll_participation"), _columns(db, "poll_ballots")
    assert set(participation) == {"id", "poll_id", "voter_key"}
    assert set(ballots) == {"poll_id", "seq", "receipt", "choices", "hash"}
    assert set(participation) & set(ballots) == {"poll_id"}
    for table in ("poll_participation", "poll_subscribers", "poll_demographics"):
        if engine(db) == "sqlite":
            sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
            assert "WITHOUT ROWID" in sql, table  # no rowid that would count insertions
        assert not any(c.split("_")[-1] == "at" for c in _columns(db, table)), table
    poll = make_poll(db)
    for n in range(40):
        vote(db, poll.id, f"voter-{n}", [1 + n % 3])
    stored = [
        row[0] for row in db.execute("SELECT voter_key FROM poll_participation WHERE poll_id = ?", [poll.id])
    ]
    inserted = [polls.voter_key(SECRET, "telegram", f"voter-{n}", poll.id) for n in range(40)]
    if engine(db) == "postgresql":
        # A heap keeps arrival order and each row's transaction id until the timer mixes them.
        assert write(db, lambda conn: polls.mix_open_polls(conn)) == 40
        xmins = {row[0] for row in db.execute("SELECT xmin::text FROM poll_participation").fetchall()}
        assert len(xmins) == 1  # one transaction wrote them all: xmin no longer matches a ballot's
        stored = [
            row[0]
            for row in db.execute("SELECT voter_key FROM poll_participation WHERE poll_id = ?", [poll.id])
        ]
    assert sorted(stored) == sorted(inserted)
    assert stored != inserted  # the table's own order is not the order people voted in
    if engine(db) == "sqlite":
        ids = [row[0] for row in db.execute("SELECT id FROM poll_participation")]
        assert ids == sorted(ids)  # stored by a random key, whatever the order of arrival
    assert not any(f"voter-{n}" in json.dumps(stored) for n in range(40))


def test_demographics_are_counters_not_ballot_columns(db):
    poll = make_poll(db, demographics=["district", "age"])
    vote(db, poll.id, "eve", [2], district="mapo", age="30s")
    assert "district" not in _columns(db, "poll_ballots")
    rows = db.execute(
        "SELECT dimension, value, option_id, count FROM poll_demographics ORDER BY 1, 2, 3"
    ).fetchall()
    assert rows == [
        ("age", "30s", 0, 1),
        ("age", "30s", 2, 1),
        ("district", "mapo", 0, 1),
        ("district", "mapo", 2, 1),
    ]


# -- receipts and the chain --------------------------------------------------------------------------
def test_receipts_are_random_128_bits_and_checkable(db):
    poll = make_poll(db)
    ballots = [vote(db, poll.id, f"v{n}", [1]) for n in range(20)]
    receipts = {b.receipt for b in ballots}
    assert len(receipts) == 20
    for receipt in receipts:
        assert polls.RECEIPT_RE.fullmatch(receipt)
        assert len(receipt) * 5 >= 128
    found = polls.find_ballot(db, poll.id, polls.normalise_receipt(ballots[3].receipt.lower()))
    assert found == ballots[3]
    assert polls.find_ballot(db, poll.id, "A" * 26) is None
    assert polls.normalise_receipt("not a receipt") is None


def test_hash_chain_links_every_ballot(db):
    poll = make_poll(db)
    ballots = [vote(db, poll.id, f"v{n}", [1 + n % 2]) for n in range(5)]
    previous = polls.genesis_hash(poll.id)
    for ballot in ballots:
        encoded = polls.ballot_bytes(poll.id, ballot.seq, ballot.receipt, ballot.choices)
        assert ballot.hash == polls.chain_step(previous, encoded)
        previous = ballot.hash
    assert polls.chain_head(db, poll.id) == previous == ballots[-1].hash
    assert [b.seq for b in ballots] == [1, 2, 3, 4, 5]


def test_verify_is_clean_on_an_honest_poll(db):
    poll = make_poll(db, demographics=["district"], max_choices=2)
    for n in range(12):
        vote(db, poll.id, f"v{n}", [1, 2] if n % 3 else [3], district="mapo" if n % 2 else None)
    write(db, lambda conn: polls.close_poll(conn, poll.id, "tester", "/polls/1", NOW))
    result = polls.verify_poll(db, polls.get_poll(db, poll.id))
    assert result.ok, result.problems
    assert result.ballots == 12


def _tamper(db, sql: str, params=()) -> None:
    """Edit the stored rows behind the app's back, the way an insider with database access could."""
    db.execute(sql, list(params))


def _closed_poll_with_votes(db, count: int = 8) -> polls.Poll:
    poll = make_poll(db)
    for n in range(count):
        vote(db, poll.id, f"v{n}", [1 + n % 3])
    return write(db, lambda conn: polls.close_poll(conn, poll.id, "tester", "/polls/1", NOW))


def test_verify_finds_an_altered_choice(db, tmp_path):
    poll = _closed_poll_with_votes(db)
    _tamper(
        db,
        "UPDATE poll_ballots SET choices = '[2]' WHERE poll_id = ? AND seq = 4",
        [poll.id],
    )
    problems = polls.verify_poll(db, poll).problems
    assert any(p.startswith("ballot #4 ") and "hash does not match" in p for p in problems), problems
    assert not any(p.startswith("ballot #3 ") or p.startswith("ballot #5 ") for p in problems)
    assert any("tally: option 1" in p and "had 3 votes" in p and "now give 2" in p for p in problems), (
        problems
    )


def test_verify_finds_a_removed_ballot(db, tmp_path):
    poll = _closed_poll_with_votes(db)
    _tamper(db, "DELETE FROM poll_ballots WHERE poll_id = ? AND seq = 6", [poll.id])
    problems = polls.verify_poll(db, poll).problems
    assert any("ballot #6 missing" in p for p in problems), problems
    assert any(p.startswith("ballot #7 ") for p in problems), problems
    assert any("turnout: 8 people took part but there are 7 ballots" in p for p in problems), problems


def test_verify_finds_a_rewritten_chain(db, tmp_path):
    """An insider who changes a vote and recomputes every later hash still breaks the published head."""
    poll = _closed_poll_with_votes(db)
    rows = db.execute(
        "SELECT seq, receipt, choices FROM poll_ballots WHERE poll_id = ? ORDER BY seq", [poll.id]
    ).fetchall()
    raw = db  # outside a transaction each statement commits at once, on both engines
    previous = polls.genesis_hash(poll.id)
    for seq, receipt, choices in rows:
        choices = [3] if seq == 2 else json.loads(choices)
        previous = polls.chain_step(previous, polls.ballot_bytes(poll.id, seq, receipt, choices))
        raw.execute(
            "UPDATE poll_ballots SET choices = ?, hash = ? WHERE poll_id = ? AND seq = ?",
            [json.dumps(choices), previous, poll.id, seq],
        )
    problems = polls.verify_poll(db, poll).problems
    assert not any(p.startswith("ballot #") for p in problems)  # internally consistent...
    assert any("was published at close" in p for p in problems), problems  # ...but not the head we published
    assert any(p.startswith("tally: option 2") for p in problems), problems


def test_verify_on_an_open_poll_uses_the_breakdown_counters(db, tmp_path):
    poll = make_poll(db, demographics=["age"])
    for n in range(6):
        vote(db, poll.id, f"v{n}", [1], age="20s")
    _tamper(
        db,
        "UPDATE poll_ballots SET choices = '[2]' WHERE poll_id = ? AND seq = 1",
        [poll.id],
    )
    problems = polls.verify_poll(db, poll).problems
    assert any("age breakdown gives option 1 6 votes; the ballots give 5" in p for p in problems), problems


# -- results and suppression ------------------------------------------------------------------------
def test_tally_percentages_and_turnout(db):
    poll = make_poll(db, max_choices=2)
    for n, choices in enumerate([[1], [1, 2], [2], [1, 3]]):
        vote(db, poll.id, f"v{n}", choices)
    found = polls.results(db, polls.get_poll(db, poll.id), "en")
    assert [(o["label"], o["votes"], o["percent"]) for o in found["options"]] == [
        ("Markets", 3, 75.0),
        ("Parks", 2, 50.0),
        ("Stops", 1, 25.0),
    ]
    assert found["total"] == found["turnout"] == 4


def _grid(rows: dict[str, tuple[int, list[int]]]) -> list[polls.Group]:
    return [
        polls.Group(v, voters, {i + 1: polls.Cell(c) for i, c in enumerate(cells)})
        for v, (voters, cells) in rows.items()
    ]


def test_suppression_hides_small_groups_and_cells_and_their_complements():
    groups = _grid({"a": (20, [12, 8]), "b": (3, [2, 1]), "c": (9, [6, 3])})
    polls.suppress(groups, [1, 2], single_choice=True)
    a, b, c = groups
    assert b.hidden and all(cell.hidden for cell in b.cells.values())
    # c's 3 is small; single choice means 9 - 6 would give it away, so the 6 goes too.
    assert c.cells[2].hidden and c.cells[1].hidden
    assert not a.hidden and not a.cells[1].hidden


def test_suppression_never_leaves_a_lone_hidden_cell_in_a_line():
    groups = _grid({"a": (30, [20, 10]), "b": (12, [8, 4]), "c": (15, [9, 6])})
    polls.suppress(groups, [1, 2], single_choice=True)
    for option in (1, 2):
        assert sum(g.cells[option].hidden for g in groups) != 1
    for group in groups:
        assert sum(cell.hidden for cell in group.cells.values()) != 1


def test_breakdown_output_never_shows_a_count_under_five(db):
    poll = make_poll(db, demographics=["district", "age"])
    plan = [("mapo", 1)] * 7 + [("mapo", 2)] * 2 + [("jongno", 1)] * 3 + [("gangnam", 2)] * 6
    for n, (district, choice) in enumerate(plan):
        vote(db, poll.id, f"v{n}", [choice], district=district, age="20s" if n % 2 else "60s")
    part = polls.results(db, polls.get_poll(db, poll.id), "ko")["breakdowns"]["district"]
    shown = {g["value"]: g for g in part["groups"]}
    assert "jongno" not in shown and part["suppressed_groups"] == 1  # 3 voters: not even named
    assert shown["mapo"]["voters"] == 9
    for group in part["groups"]:
        for cell in group["options"]:
            assert cell["votes"] is None or cell["votes"] == 0 or cell["votes"] >= polls.SMALL_CELL


# -- closing ----------------------------------------------------------------------------------------------
def test_close_notifies_subscribers_and_forgets_them(db):
    poll = make_poll(db)
    vote(db, poll.id, "u1", [1], notify="chat-1", language="ko")
    vote(db, poll.id, "u2", [2], channel="web", notify="session-2", language="en")
    vote(db, poll.id, "u3", [2])  # asked for nothing
    write(db, lambda conn: polls.close_poll(conn, poll.id, "kim (#1)", "https://civic.example/polls/1", NOW))
    telegram = outbox.due(db, "telegram")
    web = outbox.due(db, "web")
    assert [n.recipient for n in telegram] == ["chat-1"] and "마감" in telegram[0].text
    assert [n.recipient for n in web] == ["session-2"] and "has closed" in web[0].text
    assert "https://civic.example/polls/1" in web[0].text
    assert db.execute("SELECT count(*) FROM poll_subscribers").fetchone()[0] == 0
    closed = polls.get_poll(db, poll.id)
    assert closed.status == "closed" and closed.final_head == polls.chain_head(db, poll.id)
    entry = officials.audit_entries(db, 1)[0]
    assert (entry["actor"], entry["action"], entry["target"]) == ("kim (#1)", "poll.close", str(poll.id))
    with pytest.raises(polls.PollError):
        write(db, lambda conn: polls.close_poll(conn, poll.id, "kim", "", NOW))


def test_due_polls_close_on_time(db):
    poll = make_poll(db)
    later = dt.datetime(2026, 12, 2, tzinfo=dt.UTC)
    assert write(db, lambda conn: polls.close_due_polls(conn, "", NOW)) == []
    assert write(db, lambda conn: polls.close_due_polls(conn, "", later)) == [poll.id]
    closed = polls.get_poll(db, poll.id)
    assert closed.closed_at == closed.closes_at  # closed late by the timer, recorded on time
    assert officials.audit_entries(db, 1)[0]["actor"] == "system"


def test_results_visibility(db):
    after = make_poll(db)
    live = make_poll(db, results="live")
    assert not after.results_visible(NOW) and live.results_visible(NOW)
    closed = write(db, lambda conn: polls.close_poll(conn, after.id, "t", "", NOW))
    assert closed.results_visible(NOW)


def test_times_are_shown_in_seoul(db):
    poll = make_poll(db)
    assert polls.show_time(poll.closes_at, SEOUL, "ko") == "2026년 12월 1일 18:00 (KST)"
    assert polls.show_time(poll.closes_at, SEOUL, "en") == "01 Dec 2026, 18:00 KST"
    assert polls.poll_document(poll, SEOUL, "ko", NOW)["closes_at"] == "2026-12-01T18:00:00+09:00"


# -- exports ---------------------------------------------------------------------------------------------
def _voted_poll(db) -> tuple[polls.Poll, list[str], list[str]]:
    poll = make_poll(db, demographics=["district"])
    users = [f"telegram-user-{n}" for n in range(10)]
    for n, user in enumerate(users):
        vote(db, poll.id, user, [1 + n % 2], district="mapo")
    keys = [row[0] for row in db.execute("SELECT voter_key FROM poll_participation")]
    return polls.get_poll(db, poll.id), users, keys


def _assert_no_identities(blob: bytes, users: list[str], keys: list[str]) -> None:
    text = blob.decode("utf-8", errors="ignore")
    for secret_value in [*users, *keys, SECRET.decode()]:
        assert secret_value not in text


def test_csv_export_has_a_bom_and_no_identities(db):
    poll, users, keys = _voted_poll(db)
    blob = polls.export_csv(polls.export_document(db, poll, SEOUL, "ko"), "ko")
    assert blob.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(blob.decode("utf-8-sig"))))
    assert rows[0][:2] == ["구분", "그룹"]
    assert ["전체", "", "10", "1", "시장", "5", "50.0"] in rows
    assert any(row[:2] == ["자치구별", "마포구"] for row in rows)
    _assert_no_identities(blob, users, keys)
    vote(db, poll.id, "a-lone-jongno-voter", [1], district="jongno")  # a group too small to show
    blob = polls.export_csv(polls.export_document(db, polls.get_poll(db, poll.id), SEOUL, "ko"), "ko")
    rows = list(csv.reader(io.StringIO(blob.decode("utf-8-sig"))))
    assert any("비공개한 그룹 수" in row[1] for row in rows)
    assert {len(row) for row in rows} == {len(rows[0])}  # the suppressed-groups rows were shorter


def test_xlsx_export_opens_and_has_a_chart(db, tmp_path):
    poll, users, keys = _voted_poll(db)
    blob = polls.export_xlsx(polls.export_document(db, poll, SEOUL, "ko"), "ko")
    path = tmp_path / "export.xlsx"
    path.write_bytes(blob)
    book = openpyxl.load_workbook(path)
    sheet = book["결과"]
    assert [c.value for c in sheet[2]] == [1, "시장", 5, 50.0]
    assert "자치구별" in book.sheetnames and "정보" in book.sheetnames
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert charts, "the workbook has no chart"
        assert b"barChart" in archive.read(charts[0])
        everything = b"".join(archive.read(n) for n in archive.namelist())
    _assert_no_identities(everything, users, keys)


def test_json_and_bulletin_exports(db):
    poll, users, keys = _voted_poll(db)
    document = json.loads(polls.export_json(polls.export_document(db, poll, SEOUL, "en")))
    assert document["results"]["total"] == 10 and document["verification"]["ok"] is True
    bulletin = polls.bulletin_document(db, poll)
    assert len(bulletin["ballots"]) == 10 and bulletin["head"] == polls.chain_head(db, poll.id)
    assert set(bulletin["ballots"][0]) == {"seq", "receipt", "choices", "hash"}
    blob = polls.bulletin_csv(bulletin, poll, "ko")
    assert blob.startswith(b"\xef\xbb\xbf") and bulletin["ballots"][0]["receipt"].encode() in blob
    for exported in (polls.export_json(document), polls.export_json(bulletin), blob):
        _assert_no_identities(exported, users, keys)


BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


@settings(max_examples=300, deadline=None)
@given(
    st.text(BASE32, min_size=26, max_size=26),
    st.sampled_from(["", "영수증 확인 ", "제 표 집계됐나요? ", "check my receipt: ", "“", "check ", "vote "]),
    st.sampled_from(["", " 확인해 주세요", "?", " please", "”", "\n"]),
    st.sampled_from(["", " ", "-"]),
    st.sampled_from([4, 5]),
    st.sampled_from(["as shown", "lower", "first capital"]),
)
def test_a_receipt_is_found_in_a_message_in_the_spellings_people_copy_it(
    receipt, before, after, separator, group, case
):
    if not any(c in "234567" for c in receipt):
        receipt = receipt[:-1] + "7"  # a receipt in a message needs a digit (text.receipt_spellings says why)
    groups = [receipt[i : i + group] for i in range(0, 26, group)]
    if (
        case != "as shown"
        and separator
        and not any(
            len(g) >= 4 and any(c.isdigit() for c in g) and any(c.isalpha() for c in g) for g in groups
        )
    ):
        receipt = "A7" + receipt[2:]  # typed groups not in capitals need one that mixes letters and digits
        groups = [receipt[i : i + group] for i in range(0, 26, group)]
    written = separator.join(groups) if separator else receipt
    if case == "lower":
        written = written.lower()  # typed by hand, or a phone keyboard's lower case ("wcz6 7fju uat3 …")
    elif case == "first capital":
        written = written[0] + written[1:].lower()  # a phone capitalises the message's first letter
    assert polls.receipt_in(before + written + after) == receipt
    assert text.detect_language(written, default="ko") == "ko"  # a code alone keeps the conversation's


def test_a_lower_case_receipt_in_groups_is_a_receipt_and_no_english():
    """The probe's receipt typed in lower-case groups in a Korean conversation was not recognised
    (an out-of-scope reply) and switched the replies to English: "hxii" and "kq" read as words."""
    written = "wcz6 7fju uat3 ly7f hxii 2zkb kq"
    assert polls.receipt_in(written) == "WCZ67FJUUAT3LY7FHXII2ZKBKQ"
    assert polls.receipt_in("check " + written) == "WCZ67FJUUAT3LY7FHXII2ZKBKQ"  # "check" is no group
    assert polls.without_receipts("제 영수증 " + written).split() == ["제", "영수증"]
    assert text.detect_language(written, default="ko") == "ko"
    assert text.detect_language(written + " please", default="ko") == "en"  # a word beside it still counts


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["영수증", "확인", "투표", "결과", "언제", "나와요", "receipt", "check", "my", "vote", "please",
             "I", "A", "OK", "SEOUL", "WIFI", "2024", "Q2", "CCTV", "LED", "IT", "AI", "5G", "the", "counted"]
        ),
        max_size=30,
    )
)  # fmt: skip
def test_ordinary_words_are_no_receipt(words):
    assert polls.receipt_in(" ".join(words)) is None
    assert polls.receipt_in(" ".join(words).lower()) is None  # "check check check check vote 5g": 26
    assert polls.receipt_in("-".join(words).lower()) is None
    assert polls.receipt_in(" ".join(words).capitalize()) is None
    assert polls.receipt_in("".join(words)) is None or any(c in "234567" for c in "".join(words))
    assert polls.receipt_in("abcdefghijklmnopqrstuvwxyz") is None  # the alphabet, typed as a test


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(BASE32, min_size=25, max_size=25), min_size=1, max_size=5),
    st.sampled_from([" ", ", ", "\n", " 그리고 ", " and "]),
    st.sampled_from(["", " ", "-"]),
)
def test_every_receipt_in_a_message_is_found_once_in_order(stems, joiner, separator):
    receipts = list(dict.fromkeys(stem + "7" for stem in stems))  # a digit, as receipt_in needs
    written = [separator.join(r[i : i + 4] for i in range(0, 26, 4)) if separator else r for r in receipts]
    message = "영수증 확인 " + joiner.join(written + written[:1])  # the first one pasted twice
    assert polls.receipts_in(message) == receipts
