"""Supports are a set of distinct people: no status sequence and no merge counts anyone twice.

The attack: marking a report ``duplicate``, reopening it and marking it again five times gave the
original five supports instead of one; a merge of people who already backed the original counted
them again. Every workflow path up to ``_DEPTH`` steps is replayed here, on a real SQLite file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from civicbot import voicemap
from civicbot.app import MIGRATIONS
from civicbot.categories import catalogue_for
from civicbot.db import connect, migrate
from civicbot.geo import Place

ROOT = Path(__file__).resolve().parent.parent
GANGNAM = Place("서울특별시", "11680", "강남구", "Gangnam-gu", "역삼동", 37.5009, 127.0364, True)
_DEPTH = 6


def all_paths(depth: int) -> list[tuple[str, ...]]:
    """Every sequence of allowed status changes from 'received', of 1..depth steps."""
    paths, frontier = [], [(voicemap.RECEIVED,)]
    for _ in range(depth):
        frontier = [(*p, n) for p in frontier for n in sorted(voicemap.TRANSITIONS[p[-1]])]
        paths.extend(frontier)
    return [p[1:] for p in paths]


@pytest.fixture
def conn(tmp_path: Path):
    db = connect(tmp_path / "supports.db")
    migrate(db, MIGRATIONS)
    yield db
    db.conn.close()


@pytest.fixture
def catalogue():
    return catalogue_for(ROOT / "services")


def _report(conn, catalogue, reporter: str, channel: str = "web") -> str:
    new = voicemap.NewComplaint(
        text="도로에 포트홀이 생겼어요",
        category="road_damage",
        place=GANGNAM,
        language="ko",
        channel=channel,
        user_id=reporter,
        reply_to="",
        supporter=reporter if channel == "web" else "",  # Open311 reporters leave no pseudonym
    )
    return voicemap.submit(conn, new, catalogue, "Asia/Seoul").public_id


def _supports(conn, public_id: str) -> int:
    return voicemap.get_public(conn, public_id).supports


def test_every_status_sequence_counts_each_supporter_once(conn, catalogue):
    paths = all_paths(_DEPTH)
    assert len(paths) > 100 and any(p.count(voicemap.DUPLICATE) >= 3 for p in paths)
    for path in paths:
        conn.execute("BEGIN")
        original = _report(conn, catalogue, "r0")
        duplicate = _report(conn, catalogue, "r1")
        # r1 (the duplicate's reporter) and s2 already back the original; r0 backs the duplicate.
        for person in ("r1", "s2"):
            voicemap.support(conn, original, person)
        for person in ("s1", "s2", "r0"):
            voicemap.support(conn, duplicate, person)
        merged = False
        for status in path:
            target = original if status == voicemap.DUPLICATE else None
            voicemap.change_status(conn, duplicate, status, "", "tester", catalogue, target)
            merged = merged or status == voicemap.DUPLICATE
            # Distinct supporters of the original, its own reporter excluded: {r1, s2}, plus s1 once merged.
            expected = {"r1", "s2"} | ({"s1"} if merged else set())
            assert _supports(conn, original) == len(expected), path
        conn.execute("ROLLBACK")


def test_a_reporter_without_a_pseudonym_counts_once_however_often_merged(conn, catalogue):
    original = _report(conn, catalogue, "r0")
    duplicate = _report(conn, catalogue, "open311-app:device-1", channel="open311")
    for _ in range(5):
        voicemap.change_status(conn, duplicate, voicemap.DUPLICATE, "", "t", catalogue, original)
        voicemap.change_status(conn, duplicate, voicemap.IN_PROGRESS, "", "t", catalogue)
    assert _supports(conn, original) == 1


def test_merges_chain_as_a_union(conn, catalogue):
    a, b, c = (_report(conn, catalogue, who) for who in ("ra", "rb", "rc"))
    voicemap.support(conn, a, "x")
    voicemap.support(conn, b, "x")
    voicemap.support(conn, c, "ra")
    voicemap.change_status(conn, a, voicemap.DUPLICATE, "", "t", catalogue, b)  # b: {x, ra}
    voicemap.change_status(conn, b, voicemap.DUPLICATE, "", "t", catalogue, c)  # c: {ra, x, rb}
    assert _supports(conn, b) == 2
    assert _supports(conn, c) == 3
    assert voicemap.support(conn, c, "x").added is False  # already in the set through the merge
