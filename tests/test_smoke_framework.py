async def test_session_and_chat(client, session_token):
    assert session_token.startswith("cbs_")
    r = await client.post("/api/chat", json={"conversation_id": "c1", "text": "안녕"})
    assert r.status == 200
    body = await r.json()
    assert body["sources"] == []


async def test_again(client):
    r = await client.get("/healthz")
    assert r.status == 200
