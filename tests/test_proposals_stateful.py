"""A hypothesis state machine over citizen proposals on a real SQLite file.

Proposals are filed, supported (also by several connections racing, as server replicas sharing
the database would), expired by the clock, accepted and declined, in any order. Invariants: the
count equals the model's set of distinct supporters, every observed status change is a legal
transition, and a proposal reaches review (history line, audit entry, notice) exactly once, however
its threshold was crossed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import tempfile
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from civicbot import proposals as P
from civicbot.app import MIGRATIONS
from civicbot.db import connect, migrate

SECRET = b"proposal-stateful"
SEOUL = ZoneInfo("Asia/Seoul")
START = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)
USERS = [("web", f"session-{n}") for n in range(6)] + [("telegram", f"{n}") for n in range(4)]
THRESHOLD = 4
DAYS = 3


def _write(db, fn):
    db.execute("BEGIN IMMEDIATE")
    try:
        result = fn(db)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return result


class ProposalMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="proposals-stateful-"))
        self.path = self.folder / "state.db"
        self.db = connect(self.path)
        migrate(self.db, MIGRATIONS)
        self.rules = P.Rules(threshold=THRESHOLD, days=DAYS, per_day=2)
        self.now = START
        self.ids: list[int] = []
        self.supporters: dict[int, set[tuple[str, str]]] = {}
        self.deadline: dict[int, dt.datetime] = {}
        self.status: dict[int, str] = {}
        self.filed: dict[tuple[str, str, str], int] = {}  # (channel, user, city day) -> proposals

    def teardown(self) -> None:
        self.db.conn.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- rules -------------------------------------------------------------------------------
    @rule(user=st.sampled_from(USERS), n_options=st.integers(2, 4))
    @precondition(lambda self: len(self.ids) < 5)
    def propose(self, user, n_options) -> None:
        channel, user_id = user
        new = P.NewProposal(
            title=f"제안 {len(self.ids)}",
            description="동네 공원에 무엇이 필요할까요?",
            options=[f"선택지 {i}" for i in range(n_options)],
            language="ko",
            channel=channel,
            user_id=user_id,
            reply_to=user_id,
        )
        day = (channel, user_id, self.now.astimezone(SEOUL).date().isoformat())
        try:
            made = _write(self.db, lambda db: P.submit(db, SECRET, new, self.rules, self.now))
        except P.ProposalError as exc:
            assert exc.code == "daily_limit"
            assert self.filed.get(day, 0) >= self.rules.per_day
            return
        assert self.filed.get(day, 0) < self.rules.per_day
        self.filed[day] = self.filed.get(day, 0) + 1
        self.ids.append(made.id)
        self.supporters[made.id] = {user}  # the proposer is the first supporter
        self.deadline[made.id] = self.now + dt.timedelta(days=DAYS)
        self.status[made.id] = P.COLLECTING

    def _expect_support(self, proposal_id: int, user) -> str | None:
        """The error code the model expects for this support, or None when it should count."""
        if self.status[proposal_id] != P.COLLECTING:
            return "not_collecting"
        if self.now > self.deadline[proposal_id]:
            return "expired"
        return None

    @rule(data=st.data(), user=st.sampled_from(USERS))
    @precondition(lambda self: self.ids)
    def support(self, data, user) -> None:
        proposal_id = data.draw(st.sampled_from(self.ids))
        expected = self._expect_support(proposal_id, user)
        try:
            result = _write(self.db, lambda db: P.support(db, SECRET, proposal_id, *user, self.now))
        except P.ProposalError as exc:
            assert exc.code == expected
            return
        assert expected is None
        assert result.added == (user not in self.supporters[proposal_id])
        self.supporters[proposal_id].add(user)
        self._observe(proposal_id)

    @rule(data=st.data(), users=st.lists(st.sampled_from(USERS), min_size=2, max_size=8))
    @precondition(lambda self: self.ids)
    def racing_supports(self, data, users) -> None:
        """Several connections (as replicas would) support at the same instant."""
        proposal_id = data.draw(st.sampled_from(self.ids))
        expected_error = self._expect_support(proposal_id, None)
        barrier = threading.Barrier(len(users))
        outcomes: list[object] = [None] * len(users)

        def one(index: int, user) -> None:
            conn = connect(self.path)
            try:
                barrier.wait()
                outcomes[index] = _write(conn, lambda db: P.support(db, SECRET, proposal_id, *user, self.now))
            except P.ProposalError as exc:
                outcomes[index] = exc
            finally:
                conn.conn.close()

        threads = [threading.Thread(target=one, args=(i, u)) for i, u in enumerate(users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        fresh = set(users) - self.supporters[proposal_id]
        added = [o for o in outcomes if isinstance(o, P.SupportResult) and o.added]
        reviewed_now = [o for o in outcomes if isinstance(o, P.SupportResult) and o.reviewed_now]
        if expected_error is not None:
            assert all(isinstance(o, P.ProposalError) and o.code == expected_error for o in outcomes)
            return
        # Once one of them crossed the threshold, the later ones find it under review.
        errors = [o for o in outcomes if isinstance(o, P.ProposalError)]
        assert all(e.code == "not_collecting" for e in errors)
        counted = {
            u for u, o in zip(users, outcomes, strict=True) if isinstance(o, P.SupportResult) and o.added
        }
        assert len(added) == len(counted) and counted <= fresh
        assert len(reviewed_now) <= 1
        self.supporters[proposal_id] |= counted
        self._observe(proposal_id)

    def _observe(self, proposal_id: int) -> None:
        if self.status[proposal_id] == P.COLLECTING and len(self.supporters[proposal_id]) >= THRESHOLD:
            self.status[proposal_id] = P.UNDER_REVIEW

    @rule(days=st.integers(1, 2))
    def time_passes(self, days) -> None:
        self.now += dt.timedelta(days=days, hours=1)
        expired = _write(self.db, lambda db: P.expire_due(db, self.now))
        expected = sorted(
            pid for pid in self.ids if self.status[pid] == P.COLLECTING and self.deadline[pid] < self.now
        )
        assert expired == expected
        for pid in expired:
            self.status[pid] = P.EXPIRED
        # A second run (another replica's timer) changes nothing.
        assert _write(self.db, lambda db: P.expire_due(db, self.now)) == []

    @rule(data=st.data())
    @precondition(lambda self: self.ids)
    def accept(self, data) -> None:
        proposal_id = data.draw(st.sampled_from(self.ids))
        try:
            _write(self.db, lambda db: P.accept(db, proposal_id, "official", SEOUL, "", None, self.now))
        except P.ProposalError as exc:
            assert exc.code == "wrong_status" and self.status[proposal_id] != P.UNDER_REVIEW
            return
        assert self.status[proposal_id] == P.UNDER_REVIEW
        self.status[proposal_id] = P.ACCEPTED

    @rule(data=st.data())
    @precondition(lambda self: self.ids)
    def decline(self, data) -> None:
        proposal_id = data.draw(st.sampled_from(self.ids))
        reason = {"ko": "이미 추진 중인 사업이에요.", "en": "This is already under way."}
        try:
            _write(self.db, lambda db: P.decline(db, proposal_id, "official", reason, self.now))
        except P.ProposalError as exc:
            assert exc.code == "wrong_status"
            assert self.status[proposal_id] not in (P.COLLECTING, P.UNDER_REVIEW)
            return
        assert self.status[proposal_id] in (P.COLLECTING, P.UNDER_REVIEW)
        self.status[proposal_id] = P.DECLINED

    # -- invariants --------------------------------------------------------------------------
    @invariant()
    def supports_equal_distinct_supporters(self) -> None:
        for pid in self.ids:
            assert P.support_count(self.db, pid) == len(self.supporters[pid])
            assert P.get(self.db, pid).supports == len(self.supporters[pid])

    @invariant()
    def status_matches_the_model_and_moves_only_legally(self) -> None:
        for pid in self.ids:
            assert P.get(self.db, pid).status == self.status[pid]
            steps = [h["status"] for h in P.history(self.db, pid)]
            assert steps[0] == P.COLLECTING
            for before, after in itertools.pairwise(steps):
                assert after in P.TRANSITIONS[before], (before, after)

    @invariant()
    def review_happens_exactly_once(self) -> None:
        for pid in self.ids:
            steps = [h["status"] for h in P.history(self.db, pid)]
            reviews = self.db.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'proposal.review' AND target = ?", [str(pid)]
            ).fetchone()[0]
            reached = len(self.supporters[pid]) >= THRESHOLD and P.UNDER_REVIEW in steps
            assert steps.count(P.UNDER_REVIEW) == reviews <= 1
            if reached:
                notices = self.db.execute(
                    "SELECT count(*) FROM outbox WHERE text LIKE ?",
                    [f"%「제안 {self.ids.index(pid)}」%검토%"],
                ).fetchone()[0]
                assert notices == 1


ProposalMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)
TestProposals = ProposalMachine.TestCase
