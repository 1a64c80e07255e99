"""What reaches the public, through every entry point of the real app: text hygiene, masking,
moderation (names and abuse held for review), officials taking things back, citizens' flags, and
Open311 XML that stays well-formed whatever characters were sent."""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ENGINES, issue_api_key, settings_db
from lxml import etree

from civicbot import cli, keys, voicemap
from civicbot.dialogue import Incoming

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("built_index")
GANGNAM = (37.5009, 127.0364)
ISSUE_ABUSE = "302호 사는 김철수 씨가 매일 쓰레기를 버려요. 이 사람 진짜 쓰레기 같은 인간입니다"
# Every C0 control, DEL, the C1 controls, an ANSI escape, zero-width and bidi characters, U+FFFE/F.
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]) + (
    "\x1b[31mred\x1b[0m\u200b\u200d\u2060\ufeff\u202e\u2066\ufffe\uffff"
)


@pytest.fixture(params=ENGINES)
def db_engine(request: pytest.FixtureRequest) -> str:
    """This suite runs on SQLite and on PostgreSQL."""
    return request.param


@pytest.fixture
def settings(make_settings):
    return make_settings(
        CIVICBOT_SERVICES_DIR=str(ROOT / "services"),
        CIVICBOT_RATE_LIMIT="0",
        CIVICBOT_FLAG_THRESHOLD="2",
        CIVICBOT_TRUSTED_PROXIES="127.0.0.1",  # the test client plays our proxy: X-Forwarded-For counts
    )


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def new_session(client) -> str:
    return (await (await client.post("/api/sessions")).json())["token"]


async def report(client, token: str, text: str, expect: int = 201, **extra) -> dict:
    body = {"text": text, "lat": GANGNAM[0], "lon": GANGNAM[1], "category": "road_damage", **extra}
    response = await client.post("/api/complaints", json=body, headers=bearer(token))
    answer = await response.json()
    assert response.status == expect, answer
    return answer


async def public_ids(client) -> dict[str, set[str]]:
    """Report ids as every public view shows them: GeoJSON, Open311 (JSON and XML), counts total."""
    geo = await (await client.get("/api/complaints.geojson")).json()
    o311 = await (await client.get("/open311/v2/requests.json")).json()
    xml = ET.fromstring(await (await client.get("/open311/v2/requests.xml")).read())
    counts = await (await client.get("/api/complaints/counts")).json()
    return {
        "geojson": {f["id"] for f in geo["features"]},
        "open311": {r["service_request_id"] for r in o311},
        "xml": {r.findtext("service_request_id") for r in xml},
        "count": {str(counts["total"])},
    }


async def audit_rows(client, action: str) -> list[tuple]:
    return await client.app[keys.DATABASE].execute_fn(
        lambda c: c.execute(
            "SELECT actor, target, detail FROM audit_log WHERE action = ? ORDER BY id", [action]
        ).fetchall()
    )


# -- moderation -----------------------------------------------------------------------------
async def test_a_name_and_an_insult_wait_for_review_and_officials_decide(
    client, session_token, official_token
):
    held = await report(client, session_token, ISSUE_ABUSE)
    assert held["visibility"] == "pending_review"
    assert "확인한 뒤" in held["notice"]["ko"] and "check it" in held["notice"]["en"]
    assert "[상세주소]" in held["description"]  # masked as well, for the day it is approved
    fine = await report(client, session_token, "보도블록이 깨져서 걸려 넘어질 뻔했어요")
    assert fine["visibility"] == "public" and "notice" not in fine

    seen = await public_ids(client)
    assert held["id"] not in seen["geojson"] | seen["open311"] | seen["xml"]
    assert fine["id"] in seen["geojson"] and fine["id"] in seen["open311"] and seen["count"] == {"1"}
    assert (await client.get(f"/api/complaints/{held['id']}")).status == 404
    assert (await client.get(f"/open311/v2/requests/{held['id']}.json")).status == 404

    response = await client.get("/api/admin/complaints/review", headers=bearer(official_token))
    queue = (await response.json())["complaints"]
    assert [c["id"] for c in queue] == [held["id"]]
    assert set(queue[0]["review_reasons"]) == {"name", "abuse"}
    assert "김철수" in queue[0]["original_text"]
    # Officials' list shows everything, with its visibility.
    listing = await (await client.get("/api/admin/complaints", headers=bearer(official_token))).json()
    assert {c["id"]: c["visibility"] for c in listing["complaints"]}[held["id"]] == "pending_review"

    # Edit the public text (name and insult out), then approve: now it is public, as edited.
    response = await client.post(
        f"/api/admin/complaints/{held['id']}/text",
        json={"text": "302호 주민이 매일 쓰레기를 버려요", "reason": "이름과 모욕 표현 삭제"},
        headers=bearer(official_token),
    )
    assert response.status == 200, await response.text()
    assert (await response.json())["description"] == "[상세주소] 주민이 매일 쓰레기를 버려요"
    response = await client.post(
        f"/api/admin/complaints/{held['id']}/approve", headers=bearer(official_token)
    )
    assert (await response.json())["visibility"] == "public"
    public = await (await client.get(f"/api/complaints/{held['id']}")).json()
    assert "김철수" not in public["description"] and "쓰레기 같은" not in public["description"]
    (actor, target, detail) = (await audit_rows(client, "complaint.edit_text"))[0]
    detail = json.loads(detail)
    assert actor == "test official" and target == held["id"] and detail["reason"] == "이름과 모욕 표현 삭제"
    assert "김철수" in detail["original"]  # kept privately, in the officials' audit log


async def test_pre_moderation_holds_every_report(make_settings, make_client):
    settings = make_settings(
        CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0", CIVICBOT_MODERATION="pre"
    )
    client = await make_client(settings)
    held = await report(client, await new_session(client), "가로등이 꺼져 있어요")
    assert held["visibility"] == "pending_review"
    assert held["id"] not in (await public_ids(client))["geojson"]


async def test_hidden_or_rejected_reports_leave_every_public_view_and_cache_at_once(
    client, session_token, official_token
):
    first = await report(client, session_token, "신호등이 고장 났어요")
    second = await report(client, session_token, "맨홀 뚜껑이 흔들려요")
    response = await client.get("/api/complaints.geojson")
    etag = response.headers["ETag"]
    assert response.headers["Cache-Control"] == "public, no-cache"  # every use revalidates
    again = await client.get("/api/complaints.geojson", headers={"If-None-Match": etag})
    assert again.status == 304

    response = await client.post(
        f"/api/admin/complaints/{first['id']}/status",
        json={"status": "rejected", "note": "사유 없음"},
        headers=bearer(official_token),
    )
    assert response.status == 200
    response = await client.post(
        f"/api/admin/complaints/{second['id']}/hide",
        json={"reason": "특정인 비방"},
        headers=bearer(official_token),
    )
    assert response.status == 200 and (await response.json())["visibility"] == "hidden"
    changed = await client.get("/api/complaints.geojson", headers={"If-None-Match": etag})
    assert changed.status == 200 and changed.headers["ETag"] != etag
    seen = await public_ids(client)
    for view in ("geojson", "open311", "xml"):
        assert not {first["id"], second["id"]} & seen[view], view
    assert seen["count"] == {"0"}
    assert (await client.get(f"/open311/v2/requests/{second['id']}.xml")).status == 404
    supported = await client.post(
        f"/api/complaints/{second['id']}/supports", headers=bearer(await new_session(client))
    )
    assert supported.status == 404
    (actor, target, detail) = (await audit_rows(client, "complaint.hide"))[0]
    assert (actor, target, json.loads(detail)["reason"]) == ("test official", second["id"], "특정인 비방")
    # A reason is required, and an unknown report is a 404.
    response = await client.post(
        f"/api/admin/complaints/{first['id']}/hide", json={}, headers=bearer(official_token)
    )
    assert response.status == 400 and (await response.json())["error"]["code"] == "missing_reason"
    response = await client.post(
        "/api/admin/complaints/SEL-ZZZZZ2/hide", json={"reason": "x"}, headers=bearer(official_token)
    )
    assert response.status == 404


async def test_a_photo_can_be_hidden(client, session_token, official_token):
    import base64
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(out, format="JPEG")
    done = await report(
        client, session_token, "쓰레기 무단투기", photo=base64.b64encode(out.getvalue()).decode()
    )
    assert done["has_photo"] is True
    response = await client.post(
        f"/api/admin/complaints/{done['id']}/photo/hide",
        json={"reason": "얼굴이 보임"},
        headers=bearer(official_token),
    )
    assert response.status == 200
    public = await (await client.get(f"/api/complaints/{done['id']}")).json()
    assert public["has_photo"] is False
    geo = await (await client.get("/api/complaints.geojson")).json()
    assert [f["properties"]["has_photo"] for f in geo["features"]] == [False]
    # Officials still see it.
    assert (
        await client.get(f"/api/admin/complaints/{done['id']}/photo", headers=bearer(official_token))
    ).status == 200


async def test_citizens_flag_once_per_session_and_the_threshold_sends_it_to_review(
    client, session_token, official_token
):
    done = await report(client, session_token, "불법 현수막이 걸려 있어요")
    first = await new_session(client)
    url = f"/api/complaints/{done['id']}/flags"
    response = await client.post(url, json={"reason": "부적절"}, headers=bearer(first))
    assert response.status == 201 and (await response.json())["added"] is True
    response = await client.post(url, json={"reason": "부적절"}, headers=bearer(first))
    assert response.status == 200 and (await response.json())["added"] is False  # once per session
    assert done["id"] in (await public_ids(client))["geojson"]
    # Threshold 2: from a second network (flags count once per network, probe 21 #3).
    elsewhere = {**bearer(await new_session(client)), "X-Forwarded-For": "203.0.113.7"}
    response = await client.post(url, headers=elsewhere)
    assert response.status == 201
    assert done["id"] not in (await public_ids(client))["geojson"]
    queue = await (await client.get("/api/admin/complaints/review", headers=bearer(official_token))).json()
    assert queue["complaints"][0]["review_reasons"] == ["flags"]
    assert queue["complaints"][0]["flags"] == {"count": 2, "reasons": ["부적절"]}
    # Held reports cannot be flagged further; flags need a session.
    assert (await client.post(url, headers=bearer(await new_session(client)))).status == 404
    assert (await client.post(url)).status == 401


def test_the_cli_takes_things_back_too(settings, monkeypatch, capsys):
    """civicbot complaints review / hide / edit-text / hide-photo / approve, on the server's database."""
    from civicbot.categories import catalogue_for
    from civicbot.geo import gazetteer
    from civicbot.moderation import moderator_for

    place = gazetteer(settings.city_sido, settings.city_bbox).locate(*GANGNAM)
    new = voicemap.NewComplaint(ISSUE_ABUSE, "road_damage", place, "ko", "cli", "u1")
    with settings_db(settings) as conn:
        done = voicemap.submit(
            conn,
            new,
            catalogue_for(ROOT / "services"),
            settings.timezone,
            moderator=moderator_for(ROOT / "services"),
        )
    assert done.held
    monkeypatch.setenv("CIVICBOT_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("CIVICBOT_SERVICES_DIR", str(ROOT / "services"))
    monkeypatch.setenv("CIVICBOT_SECRET_KEY", "test-secret-key")
    monkeypatch.setenv("CIVICBOT_DATABASE_URL", settings.database_url)

    assert cli.main(["complaints", "review"]) == 0
    assert done.public_id in capsys.readouterr().out
    with pytest.raises(SystemExit):  # a reason is required
        cli.main(["complaints", "hide", done.public_id])
    capsys.readouterr()
    code = cli.main(
        [
            "complaints",
            "edit-text",
            done.public_id,
            "--text",
            "주민이 쓰레기를 버려요",
            "--reason",
            "이름 삭제",
        ]
    )
    assert code == 0 and "주민이 쓰레기를 버려요" in capsys.readouterr().out
    assert cli.main(["complaints", "approve", done.public_id]) == 0
    assert "public" in capsys.readouterr().out
    assert cli.main(["complaints", "hide", done.public_id, "--reason", "재검토", "--actor", "김주무관"]) == 0
    with settings_db(settings) as conn:
        found = voicemap.get_public(conn, done.public_id)
        audit = conn.execute(
            "SELECT actor, action FROM audit_log WHERE target = ? ORDER BY id", [done.public_id]
        ).fetchall()
    assert found.visibility == "hidden" and found.description == "주민이 쓰레기를 버려요"
    assert audit[-3:] == [
        ("cli", "complaint.edit_text"),
        ("cli", "complaint.approve"),
        ("김주무관", "complaint.hide"),
    ]


# -- the issue's entry-point examples -------------------------------------------------------
async def test_decomposed_hangul_is_masked_through_rest_and_open311(client, session_token, settings):
    nfd = unicodedata.normalize("NFD", "래미안아파트 101동 1203호 앞에 12가3456 차량이 서 있어요")
    done = await report(client, session_token, nfd)
    assert set(done["masked"]) == {"address", "plate"}
    assert done["description"] == "래미안아파트 [상세주소] 앞에 [차량번호] 차량이 서 있어요"

    key = issue_api_key(settings)
    form = {
        "api_key": key,
        "service_code": "road_damage",
        "lat": "37.5009",
        "long": "127.0364",
        "description": nfd,
    }
    answer = await (await client.post("/open311/v2/requests.json", data=form)).json()
    public_id = answer[0]["service_request_id"]
    assert "접수됐어요" in answer[0]["service_notice"]  # Korean, not taken for English
    stored = await (await client.get(f"/open311/v2/requests/{public_id}.json")).json()
    assert stored[0]["description"] == "래미안아파트 [상세주소] 앞에 [차량번호] 차량이 서 있어요"


@pytest.mark.parametrize(
    "phone",
    [
        "82-10-4444-5555",
        "(+82)10-6666-7777",
        "010 - 8888 - 9999",
        "０１０-１２３４-５６７８",
        "0\u200b10-1234-5678",
    ],
)
async def test_phone_spellings_are_masked_through_rest(client, session_token, phone):
    done = await report(client, session_token, f"연락처 {phone} 로 주세요")
    assert done["masked"] == ["phone"] and done["description"] == "연락처 [전화번호] 로 주세요"


async def test_identifiers_are_masked_and_never_stored(client, session_token, official_token):
    text = "여권번호 M12345678, 면허 11-19-123456-78, 국민은행 123456-01-234567 로 환불해 주세요"
    done = await report(client, session_token, text)
    assert set(done["masked"]) == {"passport", "licence", "account"}
    rows = await client.app[keys.DATABASE].execute_fn(
        lambda c: c.execute("SELECT text FROM complaint_private").fetchall()
    )
    private = rows[0][0]
    assert "M12345678" not in private and "123456-78" not in private
    assert "123456-01-234567" in private  # an account is kept for officials (a refund), never published


# -- chat ------------------------------------------------------------------------------------
async def test_the_chat_masks_every_spelling_and_tells_a_held_reporter(client):
    engine = client.app[keys.ENGINE].engine

    async def send(text="", payload=None, location=None, user="u1"):
        incoming = Incoming(
            channel="telegram",
            conversation_id=f"c-{user}",
            text=text,
            user_id=user,
            payload=payload,
            language="ko",
            location=location,
            reply_to=f"r-{user}",
        )
        return await engine.dialogue.handle(incoming)

    await send(payload="/report")
    nfd = unicodedata.normalize("NFD", "도로가 파였어요 연락처 (+82)10-6666-7777\x0b\x1b[31m")
    await send(nfd)
    await send(location=GANGNAM)
    await send(payload="/report skip")
    reply = await send(payload="/report category road_damage")
    assert "6666" not in reply.text and "[전화번호]" in reply.text and "\x1b" not in reply.text
    reply = await send(payload="/report confirm")
    assert voicemap.find_public_id(reply.text)

    await send(payload="/report", user="u2")
    await send(ISSUE_ABUSE, user="u2")
    await send(location=GANGNAM, user="u2")
    await send(payload="/report skip", user="u2")
    await send(payload="/report category road_damage", user="u2")
    reply = await send(payload="/report confirm", user="u2")
    assert "담당자가 확인한 뒤" in reply.text
    public_id = voicemap.find_public_id(reply.text)
    reply = await send(payload=f"/status {public_id}", user="u2")
    assert "아직 지도에는 보이지 않아요" in reply.text
    reply = await send(payload=f"/status {public_id}", user="someone-else")
    assert "공개되어 있지 않아서" in reply.text  # a held report is shown to its reporter only


async def test_the_chat_api_reads_decomposed_and_dirty_text_as_the_clean_text(client):
    question = "버스에서 무료 와이파이 되나요?"
    dirty = "\u202e" + unicodedata.normalize("NFD", question).replace("와이", "와\u200b이") + CONTROLS
    answers = []
    for text in (question, dirty):
        response = await client.post("/api/chat", json={"conversation_id": f"w-{len(answers)}", "text": text})
        assert response.status == 200
        answers.append(await response.json())
    assert answers[1]["intent"] == answers[0]["intent"] == "ask_question"
    assert answers[1]["sources"][0]["doc_id"] == answers[0]["sources"][0]["doc_id"]


# -- Open311 stays well-formed ---------------------------------------------------------------
async def test_every_control_character_through_every_entry_point_leaves_open311_well_formed(
    client, session_token, official_token, settings
):
    """REST text and address, Open311 description, address and contact fields, officials' notes and
    edits, the chat: every answer in XML is parsed by two real XML parsers."""
    dirty = f"도로 파손{CONTROLS} 신고"
    # A lone surrogate is not text: the one JSON decoder refuses it (400) and nothing is stored.
    refused = await report(client, session_token, dirty + chr(0xD800), expect=400)
    assert refused["error"]["code"] == "invalid_json"
    rest = await report(client, session_token, dirty)
    rest_address = await client.post(
        "/api/complaints",
        json={"text": dirty, "address": "강남구 역삼동" + CONTROLS, "category": "road_damage"},
        headers=bearer(session_token),
    )
    assert rest_address.status == 201, await rest_address.text()
    key = issue_api_key(settings)
    form = {
        "api_key": key,
        "service_code": "road_damage",
        "lat": "37.5009",
        "long": "127.0364",
        "description": dirty,
        "address_string": "역삼동" + CONTROLS,
        "email": "a@example.com" + CONTROLS,
        "first_name": "길동" + CONTROLS,
    }
    response = await client.post("/open311/v2/requests.xml", data=form)
    assert response.status == 200, await response.text()
    posted = ET.fromstring(await response.read()).findtext("request/service_request_id")
    response = await client.post(
        f"/api/admin/complaints/{rest['id']}/status",
        json={"status": "in_progress", "note": "보수 예정" + CONTROLS},
        headers=bearer(official_token),
    )
    assert response.status == 200
    response = await client.post(
        f"/api/admin/complaints/{posted}/text",
        json={"text": "수정" + CONTROLS, "reason": "정리" + CONTROLS},
        headers=bearer(official_token),
    )
    assert response.status == 200

    ids = [rest["id"], posted]
    documents = [await (await client.get("/open311/v2/requests.xml")).read()]
    documents += [await (await client.get(f"/open311/v2/requests/{i}.xml")).read() for i in ids]
    for document in documents:
        root = ET.fromstring(document)  # raises on anything not well-formed
        etree.fromstring(document, etree.XMLParser(recover=False))  # libxml2, strict
        for node in root.iter():
            assert not any(ord(ch) < 0x20 and ch not in "\t\n\r" for ch in node.text or "")
            assert "\x1b" not in (node.text or "") and "[31m" not in (node.text or "")
    texts = "".join(ET.fromstring(documents[0]).itertext())
    assert "도로 파손" in texts and "보수 예정" in texts and "수정" in texts


# -- poll texts and content files ----------------------------------------------------------------
async def test_poll_texts_from_the_admin_api_are_cleaned(client, official_token):
    import datetime as dt

    def at(minutes: int) -> str:
        return (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes)).isoformat(timespec="seconds")

    title = unicodedata.normalize("NFD", "골목 보안등") + "\x0b\u200b\u202e 설치"
    body = {
        "title": {"ko": title, "en": "Alley\x1b[31m lights"},
        "description": "어디부터\x00 밝힐까요?",
        "options": ["통학로\x08", {"ko": "어두운\ufeff 골목", "en": "Dark alleys"}],
        "max_choices": 1,
        "opens_at": at(-5),
        "closes_at": at(60),
    }
    response = await client.post("/api/admin/polls", json=body, headers=bearer(official_token))
    assert response.status == 201, await response.text()
    poll = await response.json()
    text = json.dumps(poll, ensure_ascii=False)
    assert "골목 보안등 설치" in text and "Alley lights" in text and "어두운 골목" in text
    assert not any(ch in text for ch in "\x0b\u200b\u202e\x1b\x00\x08\ufeff")


def test_content_files_are_cleaned_when_loaded(tmp_path):
    from zoneinfo import ZoneInfo

    from civicbot.poll_content import load_poll_files

    source = (ROOT / "polls" / "smart-alley-lighting.yaml").read_text(encoding="utf-8")
    dirty = unicodedata.normalize("NFD", source).replace("\n", "\r\n").replace("title:", "title:\u200b", 1)
    (tmp_path / "dirty.yaml").write_text(dirty.replace("골목", "골\x0b목"), encoding="utf-8", newline="")
    (clean_file,), errors = load_poll_files(tmp_path, ZoneInfo("Asia/Seoul"))
    assert errors == []
    spec = clean_file.spec
    assert all(unicodedata.is_normalized("NFC", t) for t in spec.title.values())
    assert "\x0b" not in json.dumps(spec.title) and "\u200b" not in spec.title["ko"]
