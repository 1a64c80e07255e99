"""The Host header, which any client sets, never reaches another person through a cache (probe21
#21: without CIVICBOT_PUBLIC_URL the Open311 discovery and the home page's embed snippet were built
from it, with no Cache-Control, so one poisoned cache entry sent everyone to another host)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

PAGES = ["/", "/open311/v2/discovery.json"]
HOSTS = st.from_regex(r"[a-z][a-z0-9-]{0,20}\.(?:example|test|com)(?::[1-9][0-9]{0,3})?", fullmatch=True)


@pytest.mark.parametrize("path", PAGES)
async def test_a_page_built_from_host_is_never_stored(client, path):
    response = await client.get(path, headers={"Host": "evil.example"})
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "Host" in response.headers.get("Vary", "")


@pytest.mark.parametrize("path", PAGES)
async def test_with_a_public_url_the_host_header_is_ignored(make_client, make_settings, path):
    client = await make_client(make_settings(CIVICBOT_PUBLIC_URL="https://civicbot.seoul.example"))

    @settings(max_examples=10, deadline=None)
    @given(HOSTS)
    def hosts(host):
        seen.append(host)

    seen: list[str] = []
    hosts()
    for host in seen:
        body = await (await client.get(path, headers={"Host": host})).text()
        assert host not in body
        assert "https://civicbot.seoul.example" in body
