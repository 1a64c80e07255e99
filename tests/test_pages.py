"""Public pages: the widget everywhere, vote buttons, the base-map setting and its CSP, named 동."""

from __future__ import annotations

import pytest

from civicbot.config import ConfigError, Settings

VWORLD = "https://api.vworld.kr/req/wmts/1.0.0/KEY/Base/{z}/{y}/{x}.png"


async def test_every_public_page_embeds_the_widget_and_polls_have_vote_buttons(client):
    polls = await (await client.get("/api/polls")).json()
    open_poll = next(p for p in polls["polls"] if p["status"] == "open")
    for path in ("/", "/map", "/polls", f"/polls/{open_poll['id']}", "/complaints/SEL-ZZZZZZ", "/?lang=en"):
        html = await (await client.get(path)).text()
        assert html.count('<script src="/widget.js"') == 1, path
    page = await (await client.get(f"/polls/{open_poll['id']}")).text()
    assert f'data-civicbot-send="/vote {open_poll["id"]}"' in page and "이 투표에 참여하기" in page
    assert 'method="post"' in page and 'name="receipt"' in page
    listing = await (await client.get("/polls")).text()
    assert f'data-civicbot-send="/vote {open_poll["id"]}"' in listing


async def test_without_tiles_the_csp_allows_only_our_origin_and_dongs_have_names(client):
    response = await client.get("/map")
    assert "img-src 'self' data: blob:;" in response.headers["Content-Security-Policy"]
    config = await (await client.get("/api/widget/config")).json()
    assert config["map_tiles_url"] == ""
    dongs = await (await client.get("/api/places/dongs.geojson")).json()
    names = {f["properties"]["name_ko"]: f["properties"] for f in dongs["features"]}
    assert len(dongs["features"]) > 400
    assert names["역삼동"]["name_en"] == "Yeoksam-dong" and names["역삼동"]["district_en"] == "Gangnam-gu"
    districts = await (await client.get("/api/complaints/districts.geojson")).json()
    assert all(len(f["properties"]["label_at"]) == 2 for f in districts["features"])


async def test_the_csp_and_the_widget_follow_the_tiles_setting(make_client, make_settings):
    client = await make_client(
        make_settings(CIVICBOT_MAP_TILES_URL=VWORLD, CIVICBOT_MAP_TILES_ATTRIBUTION="VWorld")
    )
    response = await client.get("/map")
    assert "img-src 'self' data: blob: https://api.vworld.kr;" in response.headers["Content-Security-Policy"]
    html = await response.text()
    assert (
        'name="civicbot-map-tiles"' in html and "{z}/{y}/{x}" in html and 'data-attribution="VWorld"' in html
    )
    config = await (await client.get("/api/widget/config")).json()
    assert config["map_tiles_url"] == VWORLD and config["map_tiles_attribution"] == "VWorld"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CIVICBOT_GEOCODER": "google"}, "CIVICBOT_GEOCODER"),
        ({"CIVICBOT_GEOCODER": "nominatim"}, "CIVICBOT_GEOCODER_URL"),
        ({"CIVICBOT_GEOCODER": "vworld"}, "CIVICBOT_GEOCODER_KEY"),
        ({"CIVICBOT_MAP_TILES_URL": "https://tiles.example/{z}/{x}.png"}, "{z}, {x} and {y}"),
        ({"CIVICBOT_MAP_TILES_URL": "javascript:alert(1)//{z}{x}{y}"}, "http(s) URL"),
        ({"CIVICBOT_SMTP_SECURITY": "tls1"}, "CIVICBOT_SMTP_SECURITY"),
    ],
)
def test_bad_provider_settings_stop_with_a_message(env, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Settings.from_env(env)


async def test_the_city_name_setting_reaches_the_page_and_the_widget(make_settings, make_client):
    """A city that is not Seoul names itself: the demo page's title and lead, and the widget's
    launcher, title and welcome, in both languages (newcomer trial 2026-12-01)."""
    settings = make_settings(CIVICBOT_CITY_NAME_KO="한빛구", CIVICBOT_CITY_NAME_EN="Hanbit-gu")
    client = await make_client(settings)
    korean = await (await client.get("/?lang=ko")).text()
    assert "한빛구 · 시민 참여" in korean and "한빛구의 정책과 서비스" in korean
    english = await (await client.get("/?lang=en")).text()
    assert "Hanbit-gu · Take part" in english
    widget = await (await client.get("/widget.js")).text()
    for text in (
        "한빛구 챗봇에게 물어보기",
        "한빛구 시민 챗봇",
        "Ask the Hanbit-gu chatbot",
        "Hello! Ask about Hanbit-gu",
    ):
        assert text in widget, text
    assert "서울" not in korean.split("<main")[0] and "서울시 챗봇" not in widget
