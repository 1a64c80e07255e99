"""Human-facing pages: the demo city page (with the widget on it), widget.js and shared assets.

Other areas add their own pages (/map, /polls/{id}) in their modules; all extend base.html.
"""

from __future__ import annotations

from pathlib import Path

import xstatic.pkg.leaflet
from aiohttp import web

from civicbot.i18n import translate
from civicbot.web.templating import STATIC, page_language, render

LEAFLET = Path(xstatic.pkg.leaflet.BASE_DIR)

STRINGS: dict[str, dict[str, str]] = {
    "title": {"ko": "서울특별시 · 시민 참여", "en": "Seoul · Take part"},
    "lead": {
        "ko": "서울시의 스마트 도시 정책을 묻고, 시민 투표에 참여하고, 동네의 불편 사항을 알려 주세요. "
        "오른쪽 아래의 챗봇이 한국어와 영어로 도와 드려요.",
        "en": "Ask about Seoul's smart-city policies, vote in citizen polls, and tell the city what needs "
        "fixing in your neighbourhood. The chatbot at the bottom right helps in Korean and English.",
    },
    "ask_title": {"ko": "정책 묻기", "en": "Ask about a policy"},
    "ask_body": {
        "ko": "예를 들어 “디지털 시민시장실이 뭐예요?”처럼 물어보세요. 답변에는 근거가 된 자료가 함께 나와요.",
        "en": "Try “What is the Digital Citizen Mayor's Office?”. Every answer names the document it comes from.",
    },
    "vote_title": {"ko": "시민 투표", "en": "Citizen polls"},
    "vote_body": {
        "ko": "한 사람이 한 번 투표하고, 투표 확인 코드로 내 표가 제대로 들어갔는지 확인할 수 있어요.",
        "en": "One person, one vote, and a receipt code to check that your ballot was counted.",
    },
    "vote_link": {"ko": "진행 중인 투표 보기", "en": "See the polls"},
    "map_title": {"ko": "시민 말씀지도", "en": "Citizen voice map"},
    "map_body": {
        "ko": "신고된 민원이 개인정보를 가린 채 지도에 공개돼요. 처리 상황도 확인할 수 있어요.",
        "en": "Reported problems appear on a public map with personal details masked, with their progress.",
    },
    "map_link": {"ko": "말씀지도 열기", "en": "Open the voice map"},
    "news_title": {"ko": "알림", "en": "News"},
    "news_1": {
        "ko": "서울시가 2019년 스마트시티 엑스포 세계 도시 대상을 받았어요.",
        "en": "Seoul won the city award at the Smart City Expo World Congress 2019.",
    },
    "news_2": {
        "ko": "공공 와이파이와 스마트 보안등이 동네 곳곳으로 넓어지고 있어요.",
        "en": "Public Wi-Fi and smart security lights are spreading to more neighbourhoods.",
    },
    "embed_title": {"ko": "이 챗봇을 우리 누리집에", "en": "Put this chatbot on your site"},
    "embed_body": {
        "ko": "구청과 산하 기관은 아래 한 줄을 페이지에 넣으면 돼요.",
        "en": "District offices and city agencies add this one line to a page:",
    },
}


async def index(request: web.Request) -> web.Response:
    """The demo city page: what a city's own site looks like with the widget on it."""
    lang = page_language(request)
    text = {key: translate(STRINGS, key, lang) for key in STRINGS}
    return render(request, "index.html", lang=lang, text=text, widget_host=_own_origin(request))


def _own_origin(request: web.Request) -> str:
    return f"{request.scheme}://{request.host}"


async def widget_js(request: web.Request) -> web.FileResponse:
    """GET /widget.js: the embeddable widget. Short caching, so a fix reaches every city page soon."""
    response = web.FileResponse(STATIC / "widget.js", headers={"Cache-Control": "public, max-age=300"})
    return response


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_get("/widget.js", widget_js)
    # Leaflet from the installed xstatic package: the widget and the map pages load it from us, never a CDN.
    app.router.add_static("/static/vendor/leaflet", LEAFLET, append_version=False)
    app.router.add_static("/static", STATIC, append_version=False)
