"""One intake per domain action: every channel stores a complaint through voicemap.intake and
casts a vote through polls.cast_vote, and domain errors carry codes, never HTTP statuses.

The behaviour tests send the same report through the web API, Open311 and the chat flow and
compare what was stored; the structure tests read the source so a handler that starts to
orchestrate again (calls submit, cleans a photo, searches duplicates) fails here.
"""

from __future__ import annotations

import ast
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from civicbot import errors, keys, voicemap
from civicbot.dialogue import Incoming
from civicbot.web.errors import STATUS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "civicbot"
GANGNAM = (37.5009, 127.0364)
BUSAN = (35.1796, 129.0756)
TEXT = "집 앞 도로에 포트홀이 생겨서 차가 덜컹거려요"

# What a complaint is, apart from who sent it and when: these must not depend on the channel.
STORED = """SELECT c.category, c.description, c.lat, c.lon, c.district_code, c.district, c.dong,
                   c.status, c.language, c.visibility, c.has_photo, p.language, p.text,
                   p.exact_lat, p.exact_lon
            FROM complaints c JOIN complaint_private p ON p.complaint_id = c.id
            WHERE c.public_id = ?"""


@pytest.fixture
def settings(make_settings):
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


async def _chat(app, user: str, **message):
    incoming = Incoming(
        channel="telegram",
        conversation_id=f"conv-{user}",
        user_id=user,
        language="ko",
        reply_to=f"chat-{user}",
        **message,
    )
    return await app[keys.ENGINE].engine.dialogue.handle(incoming)


async def _report_by_chat(app) -> str:
    await _chat(app, "u1", payload="/report")
    await _chat(app, "u1", text=TEXT)
    await _chat(app, "u1", location=GANGNAM)
    reply = await _chat(app, "u1", payload="/report skip")  # no photo
    reply = await _chat(app, "u1", payload="/report category road_damage")
    assert "/report confirm" in [b.payload for b in reply.buttons], reply.text
    reply = await _chat(app, "u1", payload="/report confirm")
    public_id = voicemap.find_public_id(reply.text)
    assert public_id, reply.text
    return public_id


async def _stored(app, public_id: str) -> tuple:
    return await app[keys.DATABASE].execute_fn(lambda c: c.execute(STORED, [public_id]).fetchone())


async def test_the_same_report_through_rest_open311_and_chat_is_stored_the_same(client, api_key):
    app = client.app
    by_chat = await _report_by_chat(app)  # first: later ones would be offered as duplicates to support
    token = (await (await client.post("/api/sessions")).json())["token"]
    response = await client.post(
        "/api/complaints",
        json={"text": TEXT, "lat": GANGNAM[0], "lon": GANGNAM[1], "category": "road_damage"},
        headers={"Authorization": f"Bearer {token}"},
    )
    answer = await response.json()
    assert response.status == 201, answer
    by_rest = answer["id"]
    assert [c["id"] for c in answer["similar"]] == [by_chat]  # the same duplicate rule found the first
    response = await client.post(
        "/open311/v2/requests.json",
        data={
            "api_key": api_key,
            "service_code": "road_damage",
            "lat": str(GANGNAM[0]),
            "long": str(GANGNAM[1]),
            "description": TEXT,
        },
    )
    answer = await response.json()
    assert response.status == 200, answer
    by_open311 = answer[0]["service_request_id"]

    stored = [await _stored(app, public_id) for public_id in (by_chat, by_rest, by_open311)]
    assert stored[0] == stored[1] == stored[2]
    assert stored[0][0] == "road_damage" and stored[0][5] == "강남구" and stored[0][8] == "ko"
    channels = await app[keys.DATABASE].execute_fn(
        lambda c: c.execute("SELECT channel FROM complaint_private ORDER BY complaint_id").fetchall()
    )
    assert [row[0] for row in channels] == ["telegram", "web", "open311"]


async def test_the_same_bad_place_is_refused_the_same_by_rest_and_open311(client, api_key):
    token = (await (await client.post("/api/sessions")).json())["token"]
    response = await client.post(
        "/api/complaints",
        json={"text": TEXT, "lat": BUSAN[0], "lon": BUSAN[1], "category": "road_damage"},
        headers={"Authorization": f"Bearer {token}"},
    )
    rest = (await response.json())["error"]
    assert response.status == 400 and rest["code"] == "outside_city"
    form = {"api_key": api_key, "service_code": "road_damage", "description": TEXT}
    response = await client.post("/open311/v2/requests.xml", data={**form, "lat": BUSAN[0], "long": BUSAN[1]})
    assert response.status == 400
    assert ET.fromstring(await response.read()).findtext("error/description") == rest["message"]
    reply = await _chat(client.app, "u9", payload="/report")
    await _chat(client.app, "u9", text=TEXT)
    reply = await _chat(client.app, "u9", location=BUSAN)
    assert reply.expects == "location"  # the chat asks again, in words, for the same reason


async def test_one_set_of_photo_types_for_every_channel(client):
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="GIF")
    gif = out.getvalue()
    assert voicemap.photo_type(gif) is None
    assert voicemap.photo_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") is None
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="PNG")
    assert voicemap.photo_type(out.getvalue()) == "image/png"
    token = (await (await client.post("/api/sessions")).json())["token"]
    response = await client.post("/api/widget/photo", data=gif, headers={"Authorization": f"Bearer {token}"})
    assert response.status == 415 and (await response.json())["error"]["code"] == "not_an_image"
    with pytest.raises(voicemap.PhotoError) as caught:
        voicemap.clean_photo(gif, 1_000_000)
    assert caught.value.code == "unsupported_photo"


# -- structure: handlers parse, call and render ----------------------------------------------------
# Domain steps of an intake that only voicemap.intake may string together.
_INTAKE_STEPS = {
    "submit",
    "NewComplaint",
    "check_text",
    "clean_photo",
    "store_upload",
    "likely_duplicates",
}
_CHANNELS = [
    *sorted((PACKAGE / "web").rglob("*.py")),
    *sorted((PACKAGE / "channels").glob("*.py")),
    *sorted(PACKAGE.glob("*_flow.py")),
    PACKAGE / "dialogue.py",
]


def _attribute_calls(path: Path, module: str) -> set[str]:
    """Names called as ``module.name(...)`` in the file."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Name) and owner.id == module:
                names.add(node.func.attr)
    return names


@pytest.mark.parametrize("path", _CHANNELS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_channel_strings_the_intake_steps_together_itself(path):
    called = _attribute_calls(path, "voicemap")
    assert not called & _INTAKE_STEPS, f"{path.name} calls {called & _INTAKE_STEPS}; use voicemap.intake"


def test_every_channel_that_stores_a_report_goes_through_intake():
    callers = {
        p.relative_to(PACKAGE).as_posix() for p in _CHANNELS if "intake" in _attribute_calls(p, "voicemap")
    }
    assert callers == {"web/complaints.py", "web/open311.py", "report_flow.py"}


def test_every_channel_that_votes_goes_through_one_function():
    voters = {p.relative_to(PACKAGE).as_posix() for p in _CHANNELS if "vote" in _attribute_calls(p, "polls")}
    assert voters == {"web/polls.py", "poll_flow.py"}  # telegram, kakao and the widget vote by the chat
    assert not any("cast_vote" in _attribute_calls(p, "polls") for p in _CHANNELS)


def test_language_detection_is_not_copied():
    for path in PACKAGE.rglob("*.py"):
        assert "_has_hangul" not in path.read_text(encoding="utf-8"), path


# -- domain errors: codes, and the status in one table ---------------------------------------------
def test_domain_errors_carry_no_http_status():
    for path in PACKAGE.rglob("*.py"):
        if "web" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "status" and isinstance(node.ctx, ast.Store):
                owner = node.value
                assert not (isinstance(owner, ast.Name) and owner.id == "self"), f"{path}: self.status ="
    for name in dir(errors):
        kind = getattr(errors, name)
        if isinstance(kind, type) and issubclass(kind, errors.DomainError):
            assert not hasattr(kind, "status"), name


def test_every_domain_error_class_is_one_family():
    from civicbot import accounts, geo, polls, proposals, triage

    for kind in (
        voicemap.ComplaintError,
        voicemap.PhotoError,
        geo.PlaceError,
        polls.PollError,
        polls.SpecError,
        proposals.ProposalError,
        triage.TriageError,
        accounts.AccountError,
    ):
        assert issubclass(kind, errors.DomainError), kind
    assert polls.SpecError("options", "bad").code == "invalid_poll"
    assert all(code == code.lower() and " " not in code for code in STATUS)
    assert all(400 <= status < 600 for status in STATUS.values())


async def test_a_domain_error_is_the_envelope_with_the_status_of_the_table(client):
    token = (await (await client.post("/api/sessions")).json())["token"]
    auth = {"Authorization": f"Bearer {token}"}
    response = await client.post("/api/complaints/SEO-ZZZZZZ/supports", headers=auth)
    assert response.status == STATUS["not_found"] == 404
    assert (await response.json()) == {
        "error": {"code": "not_found", "message": "There is no report SEO-ZZZZZZ."}
    }
    response = await client.post(
        "/api/complaints", json={"text": "x" * 5000, "address": "마포구"}, headers=auth
    )
    assert response.status == 400 and "text_too_long" not in STATUS  # a field, not a body (#30)
    assert (await response.json())["error"]["code"] == "text_too_long"
