"""POST /api/chat and GET /healthz: the shapes, and every kind of bad request."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.usefixtures("built_index")


async def chat(client, payload, **kwargs):
    return await client.post("/api/chat", json=payload, **kwargs)


async def test_answer_shape(client):
    response = await chat(client, {"conversation_id": "web-1", "text": "버스에서 무료 와이파이 되나요?"})
    assert response.status == 200
    assert response.content_type == "application/json"
    body = await response.json()
    assert {"text", "intent", "confidence", "sources", "buttons"} <= set(body)
    assert body["intent"] == "ask_question"
    assert 0.5 <= body["confidence"] <= 1.0
    assert body["sources"][0]["doc_id"] == "ko/public-wifi-buses.md"
    assert body["related"] == []
    for source in body["sources"]:
        assert set(source) == {"doc_id", "title", "url", "score", "updated", "dated"}
        # The document itself (the bundled source_url is only a news site's home page), dated.
        assert source["url"].startswith(f"/knowledge/{source['doc_id']}")
        assert source["dated"] == "2019년 12월 기준"
    assert "무료" in body["text"]


@pytest.mark.parametrize("text", ["안녕", "고마워", "내일 날씨 어때?", "/help"])
async def test_sources_are_empty_unless_the_reply_answers_from_the_documents(client, text):
    body = await (await chat(client, {"conversation_id": "web-2", "text": text})).json()
    assert body["sources"] == []
    assert all(set(b) == {"label", "payload"} for b in body["buttons"])


async def test_language_hint_and_english(client):
    body = await (
        await chat(client, {"conversation_id": "en-1", "text": "What is S-Net?", "language": "en"})
    ).json()
    assert body["language"] == "en" and body["sources"][0]["doc_id"] == "en/s-net.md"


async def error_of(response) -> tuple[int, str]:
    body = await response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    return response.status, body["error"]["code"]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"conversation_id": "c"}, (400, "missing_field")),
        ({"conversation_id": 7, "text": "안녕"}, (400, "invalid_field")),
        ({"conversation_id": "c", "text": ["안녕"]}, (400, "invalid_field")),
        ({"conversation_id": "", "text": "안녕"}, (400, "invalid_field")),
        ({"conversation_id": "c" * 129, "text": "안녕"}, (400, "conversation_id_too_long")),
        ({"conversation_id": "c", "text": ""}, (400, "empty_text")),
        ({"conversation_id": "c", "text": " \n\t "}, (400, "empty_text")),
        ({"conversation_id": "c", "text": "가" * 2001}, (400, "text_too_long")),
        ({"conversation_id": "c", "text": "안녕", "language": "fr"}, (400, "invalid_field")),
        (["conversation_id", "text"], (400, "invalid_json")),
    ],
)
async def test_bad_requests_get_a_json_error(client, payload, expected):
    assert await error_of(await chat(client, payload)) == expected


async def test_invalid_json(client):
    response = await client.post(
        "/api/chat", data=b'{"conversation_id": "c", "text": ', headers={"Content-Type": "application/json"}
    )
    assert await error_of(response) == (400, "invalid_json")


async def test_longest_text_is_accepted(client):
    response = await chat(client, {"conversation_id": "long", "text": "에스넷 " * 500})  # 2,000 characters
    assert response.status == 200


async def test_body_over_the_limit_is_refused(client):
    body = json.dumps({"conversation_id": "c", "text": "x" * 70_000})
    response = await client.post("/api/chat", data=body, headers={"Content-Type": "application/json"})
    assert (await error_of(response))[0] == 413


async def test_messages_are_rate_limited_per_address(make_client, make_settings):
    client = await make_client(make_settings(CIVICBOT_MESSAGES_PER_MINUTE="2"))
    for _ in range(2):
        assert (await chat(client, {"conversation_id": "r", "text": "안녕"})).status == 200
    assert await error_of(await chat(client, {"conversation_id": "r", "text": "안녕"})) == (
        429,
        "rate_limited",
    )


@pytest.mark.parametrize(
    ("wait", "headers", "said"),
    [
        (1, {}, "Too many requests; try again in 1 second."),
        (2, {}, "Too many requests; try again in 2 seconds."),
        (1, {"Accept-Language": "ko-KR,ko;q=0.9"}, "요청이 너무 많아요. 1초 뒤에 다시 시도해 주세요."),
        (1, {"Accept-Language": "fr"}, "Too many requests; try again in 1 second."),
    ],
)
async def test_a_wait_is_counted_in_the_right_plural(wait, headers, said):
    """The probe read "try again in 1 seconds": the wait is a plural from the catalogue."""
    from aiohttp.test_utils import make_mocked_request

    from civicbot.web import auth
    from civicbot.web.errors import ApiError

    class Spent:
        async def hit(self, key: str) -> bool:
            return False

        def retry_after(self, key: str) -> int:
            return wait

    with pytest.raises(ApiError) as caught:
        await auth.check_rate(make_mocked_request("POST", "/api/chat", headers=headers), Spent(), "address:x")
    assert (caught.value.status, caught.value.code, caught.value.message) == (429, "rate_limited", said)


async def test_healthz_once_loaded(client):
    response = await client.get("/healthz")
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "ok" and body["documents"] >= 25 and body["chunks"] > body["documents"]


async def test_healthz_and_chat_when_the_engine_cannot_load(aiohttp_client, make_settings, tmp_path):
    from civicbot import keys
    from civicbot.app import create_app

    settings = make_settings(CIVICBOT_EMBEDDER=f"sentence-transformers:{tmp_path / 'no-such-model'}")
    app = create_app(settings)
    client = await aiohttp_client(app)
    await app[keys.ENGINE].ready.wait()
    response = await client.get("/healthz")
    assert response.status == 503
    assert (await response.json())["status"] == "error"
    assert (await error_of(await chat(client, {"conversation_id": "c", "text": "안녕"}))) == (
        503,
        "engine_failed",
    )


async def test_openapi_document_describes_the_core_endpoints(client):
    document = await (await client.get("/api/openapi.json")).json()
    assert document["openapi"].startswith("3.")
    for path, method in [("/api/chat", "post"), ("/api/knowledge/search", "get"), ("/healthz", "get")]:
        assert method in document["paths"][path]
    chat_responses = document["paths"]["/api/chat"]["post"]["responses"]
    assert {"200", "400", "413", "429", "503"} <= set(chat_responses)
