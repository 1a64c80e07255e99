"""Landline numbers said aloud are masked, and stored reports are masked again when the rules improve.

The twenty-third pass. A citizen's home or office phone reached the public map when it was read
out ("02에 123에 4567", "공이 일이삼에 사오육칠"), typed one digit at a time ("0 2 1 2 3 4 5 6 7 8")
or given without its area code after a label ("국번 없이 555-1234", "집 전화는 555에 1234"). The
numbers are generated here as classes (area codes, separators, particles, spelled digits), with the
ordinary figures that must stay readable beside them (dates, money, times, bus numbers, lot and
road numbers, counts, and business numbers such as 1588-1234, which are public).

The reports filed before such a fix keep showing the number: `civicbot complaints remask` masks
every stored report's public text again (run here through the real command line, on SQLite and
PostgreSQL), and the server does it by itself at start-up when the stored rules version is older.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest
from conftest import settings_db
from hypothesis import given, settings
from hypothesis import strategies as st
from test_privacy_twentysecond import ZERO_WORDS, group, spelled

from civicbot import cli, privacy, remask, voicemap
from civicbot.categories import catalogue_for
from civicbot.geo import Place
from civicbot.privacy import PHONE, find_pii, mask_pii

ROOT = Path(__file__).resolve().parent.parent

# -- a landline number said aloud ------------------------------------------------------------------
# Seoul, the provinces' area codes and internet phones (written out here, not the code's table).
AREA_CODES = ["02", "031", "032", "033", "041", "042", "043", "044", "051", "052", "053", "054", "055"]
AREA_CODES += ["061", "062", "063", "064", "070"]
# What people put between the groups when they read a number out or type it.
GLUE = ["에", "이고", "이랑", "하고", "다음에", "에다가", "", ",", " -", ".", "-", " . ", "ㆍ"]
AROUND = [
    "집 전화는 {p}이에요",
    "{p}로 연락 주세요",
    "가게 번호 {p} 입니다",
    "{p}",
    "밤에 시끄러우면 {p}요",
    "민원인 자택 {p} (저녁에만)",
]


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(AREA_CODES),
    st.sampled_from(["digits", "spelled", "bracketed"]),
    st.sampled_from([3, 4]),
    st.data(),
    st.sampled_from(GLUE),
    st.sampled_from(GLUE),
    st.sampled_from(AROUND),
)
def test_a_landline_number_said_or_split_is_masked(area, area_way, middle_length, data, glue1, glue2, around):
    _, middle = data.draw(group(middle_length))
    _, last = data.draw(group(4))
    if area_way == "spelled":
        head = spelled(area, data.draw(st.sampled_from(ZERO_WORDS)))
    elif area_way == "bracketed":
        head, glue1 = f"({area})", data.draw(st.sampled_from(["", " ", "-"]))
    else:
        head = area
    number = f"{head}{glue1} {middle}{glue2} {last}"
    masked = mask_pii(around.format(p=number))
    assert PHONE in masked.kinds, (number, masked.text)
    assert middle not in masked.text and last not in masked.text, (number, masked.text)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(AREA_CODES),
    st.from_regex(r"[2-9][0-9]{6,7}", fullmatch=True),
    st.sampled_from([" ", "  ", "-", " - ", ".", "ㅡ"]),
    st.sampled_from(["{p}", "전화 {p} 로 주세요", "집 {p}"]),
)
def test_a_landline_number_typed_one_digit_at_a_time_is_masked(area, local, apart, around):
    number = apart.join(area + local)
    masked = mask_pii(around.format(p=number))
    assert PHONE in masked.kinds and apart.join(local[-4:]) not in masked.text, (number, masked.text)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(
        ["국번 없이", "국번없이", "집 전화는", "집전화", "자택 전화번호는", "유선 전화", "home phone"]
    ),
    st.from_regex(r"[2-9][0-9]{2,3}", fullmatch=True),
    st.from_regex(r"[0-9]{4}", fullmatch=True),
    st.sampled_from(["-", " ", ".", "에 ", " - ", "이고 "]),
    st.sampled_from(["spelled", "digits"]),
    st.sampled_from(["{p}", "{p}로 전화 주세요", "연락은 {p}"]),
)
def test_a_local_number_without_its_area_code_is_masked_after_its_label(
    label, middle, last, glue, way, around
):
    if way == "spelled":
        middle, last = spelled(middle), spelled(last)
    text = around.format(p=f"{label} {middle}{glue}{last}")
    masked = mask_pii(text)
    assert PHONE in masked.kinds and last not in masked.text, (text, masked.text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("집 전화는 02에 123에 4567이에요", "4567"),
        ("공이 일이삼 사오육칠로 전화주세요", "사오육칠"),
        ("공이 일이삼에 사오육칠", "사오육칠"),
        ("031에 123에 4567", "4567"),
        ("031이고 123 4567", "4567"),
        ("031 . 123 . 4567", "4567"),
        ("(02)1234-5678", "5678"),
        ("070 다음에 1234 다음에 5678", "5678"),
        ("공이 이천삼백사십오 육천칠백팔십구", "육천칠백팔십구"),
        ("0 2 1 2 3 4 5 6 7 8", "5 6 7 8"),
        ("국번 없이 123-4567", "4567"),
        ("국번없이 1234-5678로 연락", "5678"),
        ("집 전화 555에 1234", "1234"),
    ],
)
def test_the_briefs_numbers_are_masked(text, gone):
    masked = mask_pii(text)
    assert PHONE in masked.kinds and gone not in masked.text, masked.text


# -- lookalikes that stay readable ------------------------------------------------------------------
@settings(max_examples=500, deadline=None)
@given(
    st.integers(1990, 2030),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 23),
    st.integers(1, 9999),
    st.integers(100, 9_999_999),
    st.sampled_from(
        [
            "{y}년 {m:02d}월 {d:02d}일 {n}명이 {w:,}원",
            "{y}.{m:02d}.{d:02d} {h:02d}:{d:02d} 접수, 대기 {n}명",
            "{y}-{m:02d}-{d:02d} 오전 {h:02d}시 {d:02d}분에 {n}번 버스",
            "버스 {n}번과 {w:,}원, {m:02d}월 {d:02d}일",
            "{m:02d}/{d:02d} {h:02d}시 {n}개 {w:,}원",
            "요금 {w:,}원 중 {n}원은 {m:02d}월분",
            "{h:02d}:{d:02d}~{h:02d}:{m:02d} 운영, {n}명 이용",
            "0{m}에 {n}명, {d}월 {w}원",
        ]
    ),
)
def test_dates_times_money_buses_and_counts_are_no_phone_number(year, month, day, hour, n, won, shape):
    text = shape.format(y=year, m=month, d=day, h=hour, n=n, w=won)
    assert find_pii(text) == [], text


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 999),
    st.integers(1, 99),
    st.sampled_from(["테헤란로", "세종대로", "월드컵북로", "도산대로"]),
    st.sampled_from(
        [
            "역삼동 {a}-{b}번지 앞",
            "{r}{b}번길 {a} 앞 보도",
            "{r}{a}번길에서 {b}m",
            "{r} {a}번길 {b}",
        ]
    ),
)
def test_lot_and_road_numbers_are_no_phone_number(a, b, road, shape):
    text = shape.format(a=a, b=b, r=road)
    assert PHONE not in mask_pii(text).kinds, text


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["1588", "1577", "1544", "1599", "1600", "1644", "1661", "1670", "1688", "1800", "1899"]),
    st.from_regex(r"[0-9]{4}", fullmatch=True),
    st.sampled_from(["-", " ", "."]),
    st.sampled_from(
        ["국번 없이 {p}", "국번없이 {p}로 문의", "고객센터 {p}", "집 전화 말고 {p}", "대표번호 {p}"]
    ),
)
def test_business_numbers_are_public_and_stay_readable(first, second, sep, around):
    # 15xx, 16xx and 18xx (전국대표번호) belong to companies and public bodies, printed on purpose.
    text = around.format(p=f"{first}{sep}{second}")
    assert PHONE not in mask_pii(text).kinds, text


@pytest.mark.parametrize(
    "text",
    [
        "국번없이 120",
        "국번 없이 1330 관광 안내",
        "2024년 02월 03일",
        "오전 02:30 출발",
        "버스 7016번",
        "12,000원",
        "공이 굴러가요",
        "0.2에 123에 4567명",
        "영이 일이삼",
    ],
)
def test_the_briefs_lookalikes_stay(text):
    assert PHONE not in mask_pii(text).kinds, text


# -- masking stored reports again --------------------------------------------------------------------
@pytest.fixture
def db_engine(both_engines: str) -> str:
    return both_engines


PLACE = Place("서울특별시", "11440", "마포구", "Mapo-gu", "서교동", 37.5563, 126.9220, True)
# Public text as an older version of the rules stored it: the landline was left readable.
OLD_TEXTS = [
    "가로등이 꺼졌어요. 집 전화는 02에 123에 4567이에요",
    "쓰레기 무단투기, 연락은 공이 일이삼에 사오육칠로",
    "보도블록 파손 (국번 없이 555-1234)",
]
STILL_READABLE = "2024년 3월 5일 버스 7016번 정류장 앞, 12,000원 들여 고쳤대요"


def seed_old_reports(conn) -> list[str]:
    """Reports as an older version stored them: filed through intake, then their public text and a
    status note written straight into the store as the old rules left them."""
    catalogue = catalogue_for(ROOT / "services")
    ids = []
    for i, text in enumerate([*OLD_TEXTS, STILL_READABLE]):
        new = voicemap.NewComplaint(text, "road_damage", PLACE, "ko", "web", f"u{i}", reply_to=f"u{i}")
        public_id = voicemap.submit(conn, new, catalogue, "Asia/Seoul").public_id
        conn.execute("UPDATE complaints SET description = ? WHERE public_id = ?", [text, public_id])
        ids.append(public_id)
    voicemap.change_status(conn, ids[-1], voicemap.IN_PROGRESS, "업체 배정", "test", catalogue, senders=())
    complaint_id = conn.execute("SELECT id FROM complaints WHERE public_id = ?", [ids[-1]]).fetchone()[0]
    old_note = "담당 업체 031에 123에 4567로 문의"
    conn.execute("UPDATE complaints SET status_note = ? WHERE id = ?", [old_note, complaint_id])
    conn.execute(
        "UPDATE complaint_history SET note = ? WHERE complaint_id = ? AND note != ''",
        [old_note, complaint_id],
    )
    conn.execute("DELETE FROM masking_rules")  # stored before the rules had a version
    return ids


def cli_env(monkeypatch: pytest.MonkeyPatch, settings_) -> None:
    monkeypatch.setenv("CIVICBOT_DATA_DIR", str(settings_.data_dir))
    monkeypatch.setenv("CIVICBOT_SERVICES_DIR", str(ROOT / "services"))
    monkeypatch.setenv("CIVICBOT_SECRET_KEY", "test-secret-key")
    monkeypatch.setenv("CIVICBOT_DATABASE_URL", settings_.database_url)


def private_texts(settings_) -> list[str]:
    with settings_db(settings_) as conn:
        return [row[0] for row in conn.execute("SELECT text FROM complaint_private ORDER BY complaint_id")]


@pytest.mark.usefixtures("built_index")
async def test_remask_masks_stored_reports_through_the_cli_and_a_second_run_changes_nothing(
    client, settings, monkeypatch, capsys
):
    with settings_db(settings) as conn:
        ids = seed_old_reports(conn)
    before_private = private_texts(settings)
    cli_env(monkeypatch, settings)

    assert cli.main(["complaints", "remask", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "4 reports would change, 2 status notes would change (4 reports checked)" in out, out
    with settings_db(settings) as conn:  # a dry run changes nothing and records nothing
        assert (
            conn.execute("SELECT description FROM complaints WHERE public_id = ?", [ids[0]]).fetchone()[0]
            == OLD_TEXTS[0]
        )
        assert (
            conn.execute("SELECT count(*) FROM audit_log WHERE action = 'complaint.remask'").fetchone()[0]
            == 0
        )

    assert cli.main(["complaints", "remask", "--batch", "2"]) == 0
    out = capsys.readouterr().out
    assert (
        f"masking rules {privacy.RULES_VERSION}: 4 reports changed, 2 status notes changed (4 reports checked)"
        in out
    ), out
    assert all(public_id in out for public_id in ids)  # the last one for its status note

    for public_id, old in zip(ids[:3], OLD_TEXTS, strict=True):
        response = await client.get(f"/api/complaints/{public_id}")
        assert response.status == 200
        shown = (await response.json())["description"]
        assert "[전화번호]" in shown and not re.search(r"4567|사오육칠|1234", shown), shown
        assert shown.split("[전화번호]")[0] == old[: len(shown.split("[전화번호]")[0])]  # the rest stays
    record = await (await client.get(f"/api/complaints/{ids[3]}")).json()
    assert record["description"] == STILL_READABLE  # dates, bus numbers and money are not phone numbers
    notes = json.dumps(record, ensure_ascii=False)
    assert "4567" not in notes and "[전화번호]로 문의" in notes
    geojson = await (await client.get("/api/complaints.geojson")).text()
    assert "4567" not in geojson and "사오육칠" not in geojson and "555-1234" not in geojson

    assert private_texts(settings) == before_private  # the officials' original is never touched
    with settings_db(settings) as conn:
        entry = conn.execute(
            "SELECT actor, detail FROM audit_log WHERE action = 'complaint.remask' ORDER BY id"
        ).fetchall()
        assert [actor for actor, _ in entry] == ["cli"]
        detail = json.loads(entry[0][1])
        assert detail["reports"] == 4 and detail["notes"] == 2 and sorted(detail["changed"]) == sorted(ids)
        assert "4567" not in entry[0][1]  # the audit log holds no personal data either
        assert remask.stored_version(conn) == privacy.RULES_VERSION

    assert cli.main(["complaints", "remask"]) == 0
    assert "0 reports changed, 0 status notes changed (4 reports checked)" in capsys.readouterr().out


@pytest.mark.usefixtures("built_index")
async def test_the_server_masks_stored_reports_again_when_the_rules_version_changed(make_client, settings):
    with settings_db(settings) as conn:
        ids = seed_old_reports(conn)
        conn.execute(
            "INSERT INTO masking_rules (what, version, applied_at) VALUES ('reports', '22', '2026-12-01T00:00:00+00:00')"
        )
    client = await make_client(settings)
    for _ in range(100):  # it runs in the background: the server answers meanwhile
        shown = (await (await client.get(f"/api/complaints/{ids[0]}")).json())["description"]
        if "[전화번호]" in shown:
            break
        await asyncio.sleep(0.1)
    assert shown == "가로등이 꺼졌어요. 집 전화는 [전화번호]이에요"
    with settings_db(settings) as conn:
        assert remask.stored_version(conn) == privacy.RULES_VERSION
        actors = conn.execute("SELECT actor FROM audit_log WHERE action = 'complaint.remask'").fetchall()
        assert actors == [("startup",)]


async def test_a_current_rules_version_is_not_run_again_at_start_up(settings):
    """remask_on_start returns None, reading one row, when the stored version is the code's."""
    from civicbot.app import MIGRATIONS
    from civicbot.db import database_for

    with settings_db(settings) as conn:
        ids = seed_old_reports(conn)
        remask.finish(conn, remask.RemaskResult(privacy.RULES_VERSION), "cli", "cli", write_audit=False)
    db = database_for(settings, MIGRATIONS)
    await asyncio.to_thread(db.open)
    try:
        assert await remask.remask_on_start(db) is None
        first = await db.execute_fn(
            lambda conn: conn.execute(
                "SELECT description FROM complaints WHERE public_id = ?", [ids[0]]
            ).fetchone()
        )
        assert first[0] == OLD_TEXTS[0]  # left for `civicbot complaints remask`, which an operator runs
    finally:
        await asyncio.to_thread(db.close)
