"""/metrics in Prometheus format, JSON logs with a request id, and no secret or personal data in either."""

from __future__ import annotations

import io
import json
import logging

import pytest

from civicbot.observability import configure_logging

pytestmark = pytest.mark.usefixtures("built_index")

PHONE, EMAIL, RRN = "010-2345-6789", "kim.minsu@example.kr", "900101-1234567"
TELEGRAM_TOKEN = "123456789:AAFakeTokenForTheLogTest_abcdefghijk"
DB_PASSWORD = "s3cret-db-pass"


@pytest.fixture
def captured(settings):
    """Root logging as `civicbot serve` sets it up, JSON, into a buffer; restored afterwards."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    stream = io.StringIO()
    secrets = (settings.secret_key, TELEGRAM_TOKEN, f"postgresql://civic:{DB_PASSWORD}@db/civic")
    configure_logging("DEBUG", "json", secrets, stream)
    yield stream
    root.handlers[:], _ = saved[0], root.setLevel(saved[1])


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


async def test_metrics_count_routes_votes_reports_and_the_outbox(client, session_token):
    body = {"text": "가로등이 고장났어요", "lat": 37.5665, "lon": 126.978, "category": "road_damage"}
    created = await client.post(
        "/api/complaints", json=body, headers={"Authorization": f"Bearer {session_token}"}
    )
    assert created.status == 201, await created.text()
    await client.get("/api/complaints/SEL-NOPE99")
    text = await (await client.get("/metrics")).text()
    assert 'civicbot_http_requests_total{method="POST",route="/api/complaints",status="201"}' in text
    assert 'route="/api/complaints/{id}"' in text  # the template, never the tracking id itself
    assert "SEL-NOPE99" not in text
    assert "civicbot_reports_accepted_total" in text
    assert "civicbot_votes_accepted_total" in text
    assert "civicbot_outbox_backlog" in text
    assert "civicbot_http_request_seconds_bucket" in text
    assert "civicbot_model_batch_size" in text and "civicbot_model_queue_length" in text


async def test_json_logs_carry_the_request_id_and_no_secrets_or_personal_data(
    client, session_token, official_token, settings, captured
):
    auth = {"Authorization": f"Bearer {session_token}", "X-Request-Id": "req-abcdef123456"}
    text = f"연락처 {PHONE}, {EMAIL}, 주민번호 {RRN}: 가로등 고장"
    body = {"text": text, "lat": 37.5665, "lon": 126.978, "category": "road_damage"}
    response = await client.post("/api/complaints", json=body, headers=auth)
    assert response.status == 201
    assert response.headers["X-Request-Id"] == "req-abcdef123456"
    await client.post("/api/chat", json={"conversation_id": "obs-1", "text": f"제 번호는 {PHONE} 이에요"})
    await client.get("/api/admin/complaints", headers={"Authorization": f"Bearer {official_token}"})
    # Code that logs carelessly is still caught by the filter on the handler.
    logging.getLogger("civicbot.test").warning(
        "careless: %s %s %s %s %s", session_token, official_token, TELEGRAM_TOKEN, EMAIL, settings.secret_key
    )
    try:
        raise RuntimeError(f"connect to postgresql://civic:{DB_PASSWORD}@db/civic failed for {PHONE}")
    except RuntimeError:
        logging.getLogger("civicbot.test").exception("failure")
    metrics = await (await client.get("/metrics")).text()
    lines = _lines(captured)
    assert any(line.get("request_id") == "req-abcdef123456" for line in lines)
    request_lines = [line for line in lines if line.get("request_id") == "req-abcdef123456"]
    assert all(line["request_id"] == "req-abcdef123456" for line in request_lines)
    everything = captured.getvalue() + metrics
    for secret in (
        session_token,
        official_token,
        TELEGRAM_TOKEN,
        settings.secret_key,
        DB_PASSWORD,
        PHONE,
        EMAIL,
        RRN,
    ):
        assert secret not in everything, secret
    assert "careless" in everything and "failure" in everything  # the lines are there, redacted
