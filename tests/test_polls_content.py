"""polls/*.yaml: the bundled demo polls are valid, mistakes are reported as file:line, sync is
idempotent by slug, and a poll people voted in keeps its options."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from civicbot import officials, poll_content, polls
from civicbot.app import MIGRATIONS
from civicbot.db import connect, migrate

ROOT = Path(__file__).resolve().parent.parent
SEOUL = ZoneInfo("Asia/Seoul")

GOOD = """\
title:
  ko: 공원 야간 조명
  en: Park lights at night
options:
  - ko: 켜 두기
    en: Keep them on
  - ko: 자정에 끄기
    en: Off at midnight
opens_at: 2026-11-01T09:00:00+09:00
closes_at: 2030-01-01T18:00:00+09:00
demographics: [age]
"""


@pytest.fixture
def db(tmp_path: Path):
    conn = connect(tmp_path / "content.db")
    migrate(conn, MIGRATIONS)
    yield conn
    conn.conn.close()


def sync(db, folder: Path) -> poll_content.SyncReport:
    db.execute("BEGIN IMMEDIATE")
    report = poll_content.sync_polls(db, folder, SEOUL, actor="test")
    db.execute("COMMIT")
    return report


def write_poll(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_bundled_demo_polls_are_valid():
    files, errors = poll_content.load_poll_files(ROOT / "polls", SEOUL)
    assert errors == []
    assert 2 <= len(files) <= 3
    for poll_file in files:
        spec = poll_file.spec
        assert spec.title["ko"] != spec.title["en"]  # both languages written, not copied
        assert all(o["ko"] != o["en"] for o in spec.options)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("closes_at: 2030", "closes_at: soon #"), 10, "closes_at"),
        (GOOD.replace("  - ko: 자정에 끄기\n    en: Off at midnight\n", "  - ko: 켜 두기\n"), 7, "repeats"),
        (GOOD.replace("demographics: [age]", "demographics: [income]"), 11, "unknown income"),
        (GOOD + "max_choices: 5\n", 12, "max_choices"),
        (GOOD.replace("title:", "title: [unclosed"), 2, "invalid YAML"),
        (GOOD.replace("opens_at: 2026-11-01T09:00:00+09:00\n", ""), 1, "'opens_at' is required"),
        ("- just\n- a list\n", 1, "mapping"),
    ],
)
def test_mistakes_are_reported_as_file_and_line(tmp_path, db, text, line, words):
    folder = tmp_path / "polls"
    write_poll(folder, "bad.yaml", text)
    write_poll(folder, "good.yaml", GOOD)
    report = sync(db, folder)
    assert len(report.errors) == 1
    error = report.errors[0]
    assert str(error).startswith(f"bad.yaml:{error.line}: ")
    assert error.line == line, str(error)
    assert words in error.reason
    assert report.created == ["good"]  # the other file still syncs
    assert polls.find_poll(db, "bad") is None


def test_sync_is_idempotent_by_slug_and_updates_changed_files(tmp_path, db):
    folder = tmp_path / "polls"
    path = write_poll(folder, "park-lights.yaml", GOOD)
    assert sync(db, folder).created == ["park-lights"]
    again = sync(db, folder)
    assert again.created == [] and again.unchanged == ["park-lights"]
    assert db.execute("SELECT count(*) FROM polls").fetchone()[0] == 1
    path.write_text(GOOD.replace("공원 야간 조명", "공원 밤 조명"), encoding="utf-8")
    assert sync(db, folder).updated == ["park-lights"]
    poll = polls.find_poll(db, "park-lights")
    assert poll.title_ko == "공원 밤 조명"
    actions = [e["action"] for e in officials.audit_entries(db)]
    assert actions.count("poll.create") == 1 and actions.count("poll.update") == 1


def test_options_are_locked_once_people_voted(tmp_path, db):
    folder = tmp_path / "polls"
    path = write_poll(folder, "park-lights.yaml", GOOD)
    sync(db, folder)
    poll = polls.find_poll(db, "park-lights")
    db.execute("BEGIN IMMEDIATE")
    polls.cast_vote(
        db, b"s", poll.id, polls.Voter("telegram", "1"), [1], dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    )
    db.execute("COMMIT")
    path.write_text(GOOD.replace("Off at midnight", "Off at 1 am"), encoding="utf-8")
    report = sync(db, folder)
    assert [str(e) for e in report.errors] == [
        "park-lights.yaml:4: 'options' cannot change once people have voted"
    ]
    assert polls.find_poll(db, "park-lights").options[1].label_en == "Off at midnight"
    # The question is locked too (probe21 #22): voters answered it as it was worded.
    path.write_text(GOOD.replace("Park lights at night", "Lights in parks at night"), encoding="utf-8")
    report = sync(db, folder)
    assert report.updated == [] and ["'title' cannot change" in str(e) for e in report.errors] == [True]
    assert polls.find_poll(db, "park-lights").title_en == "Park lights at night"
    # The closing time may still change.
    path.write_text(GOOD.replace("2030-01-01T18:00", "2030-01-08T18:00"), encoding="utf-8")
    assert sync(db, folder).updated == ["park-lights"]


def test_duplicate_slugs_are_reported(tmp_path, db):
    folder = tmp_path / "polls"
    write_poll(folder, "a.yaml", "slug: same\n" + GOOD)
    write_poll(folder, "b.yaml", "slug: same\n" + GOOD)
    report = sync(db, folder)
    assert [str(e) for e in report.errors] == ["b.yaml:1: slug 'same' is already used by a.yaml"]


def test_cli_sync_reports_errors_and_exits_1(tmp_path):
    folder = tmp_path / "polls"
    write_poll(
        folder, "bad.yaml", GOOD.replace("results", "x").replace("demographics: [age]", "results: maybe")
    )
    env = {
        "CIVICBOT_DATA_DIR": str(tmp_path / "data"),
        "CIVICBOT_POLLS_DIR": str(folder),
        "CIVICBOT_SECRET_KEY": "k",
    }
    done = subprocess.run(
        [sys.executable, "-m", "civicbot", "polls", "sync"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 1
    assert "bad.yaml:11: 'results' must be 'after_close' or 'live'" in done.stderr
