"""A hypothesis state machine over the polls domain on a real SQLite file: votes, repeated votes,
closes and exports in any order. Invariants: ballots == participations, the tally equals a simple
model, the chain verifies, and no export ever contains a voter key or a user id."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from civicbot import polls
from civicbot.app import MIGRATIONS
from civicbot.db import connect, migrate

SEOUL = ZoneInfo("Asia/Seoul")
SECRET = b"stateful-secret"
NOW = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
USERS = [f"citizen-{n}" for n in range(6)]
CHANNELS = ["telegram", "web"]


class PollMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="polls-stateful-"))
        self.db = connect(self.folder / "state.db")
        migrate(self.db, MIGRATIONS)
        self.polls: list[int] = []
        self.max_choices: dict[int, int] = {}
        self.voted: dict[int, set[tuple[str, str]]] = {}
        self.tally: dict[int, dict[int, int]] = {}
        self.closed: set[int] = set()

    def teardown(self) -> None:
        self.db.conn.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def write(self, fn):
        self.db.execute("BEGIN IMMEDIATE")
        try:
            result = fn(self.db)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return result

    @rule(max_choices=st.integers(1, 3))
    @precondition(lambda self: len(self.polls) < 3)
    def create(self, max_choices: int) -> None:
        spec = polls.parse_spec(
            {
                "title": "상태 기계 투표",
                "options": ["가", "나", "다"],
                "max_choices": max_choices,
                "opens_at": "2026-11-01T00:00:00+09:00",
                "closes_at": "2026-12-01T00:00:00+09:00",
            },
            SEOUL,
        )
        poll = self.write(lambda db: polls.create_poll(db, spec, "machine", NOW))
        self.polls.append(poll.id)
        self.max_choices[poll.id] = max_choices
        self.voted[poll.id] = set()
        self.tally[poll.id] = {}

    @rule(
        which=st.integers(0, 2),
        user=st.sampled_from(USERS),
        channel=st.sampled_from(CHANNELS),
        choices=st.lists(st.integers(0, 4), min_size=0, max_size=4),
    )
    @precondition(lambda self: self.polls)
    def vote(self, which: int, user: str, channel: str, choices: list[int]) -> None:
        poll_id = self.polls[which % len(self.polls)]
        voter = polls.Voter(channel, user, notify=f"{channel}-{user}")
        try:
            self.write(lambda db: polls.cast_vote(db, SECRET, poll_id, voter, choices, NOW))
        except polls.PollError as exc:
            assert exc.code == self.expected_refusal(poll_id, user, channel, choices), exc.code
            return
        assert self.expected_refusal(poll_id, user, channel, choices) is None
        self.voted[poll_id].add((channel, user))
        for choice in choices:
            self.tally[poll_id][choice] = self.tally[poll_id].get(choice, 0) + 1

    def expected_refusal(self, poll_id: int, user: str, channel: str, choices: list[int]) -> str | None:
        if poll_id in self.closed:
            return "poll_closed"
        if not choices:
            return "no_choice"
        if any(c not in (1, 2, 3) for c in choices):
            return "unknown_option"
        if len(set(choices)) != len(choices):
            return "duplicate_choice"
        if len(choices) > self.max_choices[poll_id]:
            return "too_many_choices"
        if (channel, user) in self.voted[poll_id]:
            return "already_voted"
        return None

    @rule(which=st.integers(0, 2))
    @precondition(lambda self: self.polls)
    def close(self, which: int) -> None:
        poll_id = self.polls[which % len(self.polls)]
        try:
            self.write(lambda db: polls.close_poll(db, poll_id, "machine", "/polls", NOW))
        except polls.PollError as exc:
            assert exc.code == "already_closed" and poll_id in self.closed
            return
        assert poll_id not in self.closed
        self.closed.add(poll_id)

    @rule(which=st.integers(0, 2), language=st.sampled_from(["ko", "en"]))
    @precondition(lambda self: self.polls)
    def export(self, which: int, language: str) -> None:
        poll = polls.get_poll(self.db, self.polls[which % len(self.polls)])
        document = polls.export_document(self.db, poll, SEOUL, language)
        blobs = [
            polls.export_csv(document, language),
            polls.export_json(document),
            polls.export_xlsx(document, language),
            polls.bulletin_csv(polls.bulletin_document(self.db, poll), poll, language),
            polls.export_json(polls.bulletin_document(self.db, poll)),
        ]
        keys = [row[0] for row in self.db.execute("SELECT voter_key FROM poll_participation")]
        for blob in blobs:
            for identity in [*keys, *USERS]:
                assert identity.encode() not in blob

    @invariant()
    def ballots_equal_participations(self) -> None:
        for poll_id in self.polls:
            assert polls.ballot_count(self.db, poll_id) == polls.participant_count(self.db, poll_id)
            assert polls.ballot_count(self.db, poll_id) == len(self.voted[poll_id])

    @invariant()
    def tally_matches_the_model(self) -> None:
        for poll_id in self.polls:
            assert polls.tally_counts(self.db, poll_id) == self.tally[poll_id]

    @invariant()
    def chain_verifies(self) -> None:
        for poll_id in self.polls:
            result = polls.verify_poll(self.db, polls.get_poll(self.db, poll_id))
            assert result.ok, result.problems


PollMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)
TestPollMachine = PollMachine.TestCase
