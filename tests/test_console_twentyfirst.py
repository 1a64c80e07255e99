"""The twenty-first pass on the console, the public map and poll definitions (branch con21).

1. Every count shown in the console, on the map and on the public pages is a catalogue plural
   ("1 vote", "3 votes"; Korean with its counter: 1표, 3건).
2. Poll files, the admin poll API and the console form take a district in every spelling the vote
   API takes (code, Korean name, English name in any case with or without -gu, administrative
   code), store the code, and refuse a bad one at file:line / with a 400 naming the allowed values.
3. A report placed at its district's (or 동's) centre says so in public: ``place_precision`` in the
   map's GeoJSON, the report's JSON and GeoReport; map.js draws it hollow and dashed (see
   tests/test_browser_map_precision.py for the browser).
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import settings_db
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_console import console_env, console_index, make_account, page_csrf, sign_in  # noqa: F401
from test_console_twentieth import file_report, place
from test_polls_api import _auth, create_poll
from test_polls_domain import _FORMS, _spelled

from civicbot import i18n, poll_content, polls

ROOT = Path(__file__).resolve().parent.parent
SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def settings_(make_settings, console_env):  # noqa: F811
    return make_settings(**console_env)


# -- 1. plurals ------------------------------------------------------------------------------------
# The sections people read in the console, on the map and on the public pages.
PAGE_SECTIONS = ("admin.", "map_page.", "poll_pages.", "complaint_page.", "proposal_pages.", "pages.")
# Numbers that are never 1: fixed limits of the code (8-character passwords, 1,000-character notes,
# groups under 5 voters), and a false match (a report id before "becomes").
NEVER_ONE = {
    "admin.password_rules",
    "admin.weak_password",
    "admin.weak_password_too_long",
    "admin.err_note_long",
    "admin.suppressed",
    "admin.confirm_status_body",
}
_COUNTED_NOUN = re.compile(r"\{(\w+)\} (people|\w{2,}(?<!ss)s)\b")


def test_no_page_writes_a_number_before_a_plural_noun_without_a_plural():
    """The console said "1 votes", "1 matching reports", "1 open reports"; the map "1 reports"."""
    english = i18n.load(ROOT / "strings").strings["en"]
    offenders = [
        f"{key}: {text}"
        for key, text in english.items()
        if key.startswith(PAGE_SECTIONS) and key not in NEVER_ONE and isinstance(text, str)
        if _COUNTED_NOUN.search(text)
    ]
    assert offenders == []


# (key, English for 1, English for 2, the Korean counter after the number)
COUNTS = [
    ("map_page.reports", "1 report", "2 reports", "건"),
    ("map_page.supports", "1 supporter", "2 supporters", "명"),
    ("map_page.truncated", "newest 1 report.", "newest 2 reports.", "건"),
    ("poll_pages.vote_unit", "1 vote", "2 votes", "표"),
    ("admin.turnout_line", "1 person has voted.", "2 people have voted.", "명"),
    ("admin.confirm_close_body", "1 person has voted.", "2 people have voted.", "명"),
    ("admin.n_matching", "1 matching report", "2 matching reports", "건"),
    ("admin.n_entries", "1 entry", "2 entries", "건"),
    ("admin.n_reports", "1 open", "2 open", "건"),
    ("admin.verify_counts", "1 ballot all", "2 ballots all", "표"),
    ("admin.verify_broken", "1 problem found", "2 problems found", "건"),
    ("admin.proposals_notice_supports", "1 support", "2 supports", "개"),
    ("admin.stat_overdue", "over 1 day", "over 2 days", "일"),
    ("admin.overdue_title", "over 1 day", "over 2 days", "일"),
    ("admin.proposal_window_after_publication", "1 day from", "2 days from", "일"),
    ("poll_pages.max_choices", "up to 1 option.", "up to 2 options.", "개"),
    ("proposal_pages.list_lead", "gather 1 support are", "gather 2 supports are", "개"),
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(COUNTS), st.integers(min_value=0, max_value=10**7))
def test_every_count_agrees_with_its_number_in_english_and_takes_its_counter_in_korean(row, n):
    key, one, two, counter = row
    english = i18n.t(key, "en", count=n, n=0)
    if n == 1:
        assert one in english
    else:
        assert two.replace("2", str(n), 1) in english
    assert f"{n}{counter}" in i18n.t(key, "ko", count=n, n=0)


@pytest.mark.parametrize("count", [1, 3])
def test_the_stat_tiles_agree_with_their_numbers(count):
    words = {"stat_open_reports": "open report", "stat_open_polls": "open poll", "stat_drafts": "draft"}
    for key, noun in words.items():
        text = i18n.t(f"admin.{key}", "en", count=count)
        assert text == (noun if count == 1 else noun + "s")


async def test_the_console_writes_one_report_and_one_vote_in_the_singular(settings_, make_client):
    """Through the real app: the dashboard, the queue and a poll's page with one of each."""
    make_account(settings_, "kim", "official")
    with settings_db(settings_) as conn:
        file_report(conn, 0)
        now = dt.datetime.now(dt.UTC)
        raw = {
            "title": {"ko": "공원 조명", "en": "Park lights"},
            "options": ["켜 두기", "끄기"],
            "opens_at": (now - dt.timedelta(hours=1)).isoformat(),
            "closes_at": (now + dt.timedelta(days=3)).isoformat(),
            "results": "live",
        }
        poll = polls.create_poll(conn, polls.parse_spec(raw, SEOUL), "test")
        polls.cast_vote(conn, b"secret", poll.id, polls.Voter("web", "voter-1"), [1])
    client = await make_client(settings_)
    await sign_in(client, "kim")
    pages = {}
    for lang in ("en", "ko"):
        for path in ("/admin", "/admin/complaints", f"/admin/polls/{poll.id}"):
            response = await client.get(f"{path}?lang={lang}")
            assert response.status == 200
            pages[(lang, path)] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", await response.text()))
    dashboard, queue, poll_page = (
        pages[("en", p)] for p in ("/admin", "/admin/complaints", f"/admin/polls/{poll.id}")
    )
    tiles = re.findall(r"(\d+) (open polls?|drafts?|open reports?|proposals? to review)\b", dashboard)
    assert ("1", "open report") in tiles and len(tiles) == 4
    assert all(
        (n == "1") == (not words.split()[0 if "proposal" in words else -1].endswith("s"))
        for n, words in tiles
    )
    assert "1 matching report " in queue and "1 matching reports" not in queue
    assert "1 vote (100.0%)" in poll_page and "1 votes" not in poll_page
    assert "1 person has voted." in poll_page
    assert "1표 (100.0%)" in pages[("ko", f"/admin/polls/{poll.id}")]
    assert "조건에 맞는 민원 1건" in pages[("ko", "/admin/complaints")]


# -- 2. districts in every spelling ------------------------------------------------------------------
def _definition(**more) -> dict:
    return {
        "title": {"ko": "정류장 기능", "en": "Shelter features"},
        "options": ["냉난방", "와이파이"],
        "opens_at": "2026-11-01T09:00:00+09:00",
        "closes_at": "2030-01-01T18:00:00+09:00",
        **more,
    }


SPELLINGS = st.tuples(
    st.sampled_from(list(polls.DISTRICTS)),
    st.sampled_from(_FORMS),
    st.sampled_from(["lower", "upper", "title", "as is"]),
    st.sampled_from(["-", " ", ""]),
    st.sampled_from(["", " "]),
)


def _spell(drawn: tuple) -> str:
    code, form, case, joiner, padding = drawn
    return padding + _spelled(code, form, case, joiner) + padding


@settings(max_examples=300, deadline=None)
@given(st.lists(SPELLINGS, min_size=1, max_size=4))
def test_a_definition_takes_every_district_in_every_spelling_and_stores_codes(drawn):
    """Poll files and the admin API took codes only ("마포구" was "unknown 마포구; use jongno, ..."),
    though the vote API takes all of these spellings."""
    spelled = [_spell(d) for d in drawn]
    spec = polls.parse_spec(_definition(districts=spelled), SEOUL)
    assert spec.districts == tuple(dict.fromkeys(d[0] for d in drawn))
    assert "district" in spec.demographics


def _file(folder: Path, districts_yaml: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "shelters.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            title:
              ko: 정류장 기능
              en: Shelter features
            options:
              - ko: 냉난방
                en: Heating
              - ko: 와이파이
                en: Wi-Fi
            opens_at: 2026-11-01T09:00:00+09:00
            closes_at: 2030-01-01T18:00:00+09:00
            """
        )
        + districts_yaml,
        encoding="utf-8",
    )
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(SPELLINGS, min_size=1, max_size=3))
def test_a_poll_file_names_districts_as_people_write_them(tmp_path, drawn):
    spelled = [_spell(d).strip() for d in drawn]
    listed = "districts:\n" + "".join(f"  - '{s}'\n" for s in spelled)
    parsed = poll_content.parse_file(_file(tmp_path / "polls", listed), tmp_path / "polls", SEOUL)
    assert parsed.spec.districts == tuple(dict.fromkeys(d[0] for d in drawn))


@pytest.mark.parametrize(
    ("listed", "line", "named"),
    [
        ("districts:\n  - 마포구\n  - Atlantis\n  - 11440\n", 13, "'Atlantis'"),
        ("districts:\n  - mapo\n  - 서대문구\n  - 강남\n  - 판교구\n", 15, "'판교구'"),
        ("districts: [mapo, 마포구청]\n", 11, "'마포구청'"),
        ("districts: [mapo, '<script>']\n", 11, "?"),
    ],
)
def test_a_bad_district_in_a_file_is_named_at_its_line_with_the_allowed_values(tmp_path, listed, line, named):
    path = _file(tmp_path / "polls", listed)
    with pytest.raises(poll_content.ContentFileError) as caught:
        poll_content.parse_file(path, tmp_path / "polls", SEOUL)
    error = caught.value.error
    assert (error.path, error.line) == ("shelters.yaml", line)
    assert f"unknown district {named}" in error.reason
    assert all(word in error.reason for word in ("mapo, 마포구, Mapo-gu or 11440", "jongno", "gangdong"))
    assert "<script>" not in error.reason


async def test_the_admin_api_stores_a_district_given_by_name_and_refuses_an_unknown_one(
    client, official_token
):
    poll = await create_poll(client, official_token, districts=["마포구", "Seodaemun-gu", "11380", "MAPO"])
    assert poll["districts"] == ["mapo", "seodaemun", "eunpyeong"]
    response = await client.post(
        "/api/admin/polls",
        json={**_definition(), "districts": ["마포구", "Gotham"]},
        headers=_auth(official_token),
    )
    assert response.status == 400
    error = (await response.json())["error"]
    assert error["code"] == "invalid_poll"
    assert "unknown district 'Gotham'" in error["message"]
    assert "mapo, 마포구, Mapo-gu or 11440" in error["message"] and "gangdong" in error["message"]


async def test_the_console_form_takes_a_district_by_name(settings_, make_client):
    """A form posted by a script (or an old bookmark) with a name, not the checkbox's code."""
    make_account(settings_, "kim", "official")
    client = await make_client(settings_)
    await sign_in(client, "kim")
    token = await page_csrf(client, "/admin/polls/new")
    form_token = re.search(
        r'name="form_token" value="([^"]+)"', await (await client.get("/admin/polls/new")).text()
    )
    now = dt.datetime.now(SEOUL)
    data = {
        "csrf": token,
        "title_ko": "정류장 기능",
        "title_en": "Shelter features",
        "option_ko": ["냉난방", "와이파이"],
        "option_en": ["Heating", "Wi-Fi"],
        "max_choices": "1",
        "opens_at": (now + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + dt.timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
        "results": "after_close",
        "channels": ["web"],
        "districts": ["마포구", "Eunpyeong-gu"],
    }
    if form_token:
        data["form_token"] = form_token.group(1)
    body = [(k, v) for k, vs in data.items() for v in (vs if isinstance(vs, list) else [vs])]
    response = await client.post("/admin/polls/new", data=body, allow_redirects=False)
    assert response.status == 303, (await response.text())[:2000]
    with settings_db(settings_) as conn:
        stored = conn.execute("SELECT districts FROM polls ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert "mapo" in stored and "eunpyeong" in stored and "마포" not in stored


# -- 3. an estimated point says so in public --------------------------------------------------------
async def test_the_public_outputs_say_how_exact_each_point_is(settings_, make_client):
    with settings_db(settings_) as conn:
        made = {
            "point": file_report(conn, 0),
            "dong": file_report(conn, 1, place=place(1, exact=False)),
            "district": file_report(conn, 2, place=place(2, exact=False, dong=False)),
        }
    client = await make_client(settings_)
    features = (await (await client.get("/api/complaints.geojson")).json())["features"]
    assert {f["id"]: f["properties"]["place_precision"] for f in features} == {v: k for k, v in made.items()}
    for precision, public_id in made.items():
        assert (await (await client.get(f"/api/complaints/{public_id}")).json())[
            "place_precision"
        ] == precision
    georeport = await (await client.get("/open311/v2/requests.json")).json()
    assert {r["service_request_id"]: r["place_precision"] for r in georeport} == {
        v: k for k, v in made.items()
    }
    xml = await (await client.get("/open311/v2/requests.xml")).text()
    assert xml.count("<place_precision>district</place_precision>") == 1
    page = await (await client.get("/map?lang=en")).text()
    assert "Approximate location: district or neighbourhood centre" in page  # the marker key
    assert "approx_district" in page  # map.js's popup words are given to the page


# -- found trying the console as a newcomer ---------------------------------------------------------
async def test_the_english_poll_form_speaks_to_officials_not_to_scripts(settings_, make_client):
    """In English the form showed the API's words beside the fields: "'title' must not be empty",
    "'options' must be a list of 2 to 20 choices", "'closes_at' must be after 'opens_at'"."""
    make_account(settings_, "kim", "official")
    client = await make_client(settings_)
    await sign_in(client, "kim")
    html = await (await client.get("/admin/polls/new?lang=en")).text()
    form_token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    data = [("csrf", csrf), ("form_token", form_token), ("option_ko", "하나"), ("max_choices", "1")]
    data += [("opens_at", "2030-01-02T09:00"), ("closes_at", "2030-01-01T09:00"), ("channels", "web")]
    response = await client.post("/admin/polls/new?lang=en", data=data)
    page = await response.text()
    assert response.status == 400
    for said in (
        "Give the poll a title (up to 200 characters).",
        "Give 2 to 20 different options.",
        "The closing time must come after the opening time.",
    ):
        assert said in page
    assert not re.search(r"&#39;(title|options|closes_at)&#39;|'(title|options|closes_at)'", page)


async def test_a_response_template_names_its_statuses_in_words(settings_, make_client):
    """The template list read "Fixed (resolved)", "Site visit planned (in_progress)": codes."""
    make_account(settings_, "kim", "official")
    with settings_db(settings_) as conn:
        public_id = file_report(conn, 0)
    client = await make_client(settings_)
    await sign_in(client, "kim")
    for lang, words in (("en", "(In progress)"), ("ko", "(처리 중)")):
        page = await (await client.get(f"/admin/complaints/{public_id}?lang={lang}")).text()
        options = re.search(r'<select id="response".*?</select>', page, re.S).group(0)
        assert words in options
        assert not re.search(r"\((\w+_)?(resolved|rejected|duplicate|acknowledged|in_progress)\b", options)


async def test_a_poll_page_says_who_may_vote(settings_, make_client):
    """A draft limited to Mapo-gu said so only inside its edit form."""
    make_account(settings_, "kim", "official")
    with settings_db(settings_) as conn:
        limited = polls.create_poll(
            conn, polls.parse_spec(_definition(districts=["마포구", "11380"]), SEOUL), "t"
        )
        everyone = polls.create_poll(conn, polls.parse_spec(_definition(), SEOUL), "t")
    client = await make_client(settings_)
    await sign_in(client, "kim")
    page = await (await client.get(f"/admin/polls/{limited.id}?lang=en")).text()
    assert '<span id="poll-districts">Only residents of: Eunpyeong-gu, Mapo-gu</span>' in page or (
        '<span id="poll-districts">Only residents of: Mapo-gu, Eunpyeong-gu</span>' in page
    )
    assert "마포구, 은평구" in await (await client.get(f"/admin/polls/{limited.id}?lang=ko")).text()
    assert 'id="poll-districts"' not in await (await client.get(f"/admin/polls/{everyone.id}")).text()


async def test_a_tracking_id_in_the_queue_is_not_broken_over_lines(settings_, make_client):
    """At 1280 px the queue's first column wrapped "SEL-FWC7U5" as "SEL-FWC7 / U5"."""
    make_account(settings_, "kim", "official")
    with settings_db(settings_) as conn:
        public_id = file_report(conn, 0)
    client = await make_client(settings_)
    await sign_in(client, "kim")
    for path in ("/admin/complaints", "/admin"):
        page = await (await client.get(path)).text()
        assert f'<td class="nowrap"><a href="/admin/complaints/{public_id}">{public_id}</a></td>' in page
