"""Human-facing pages: the demo city page (with the widget on it), widget.js and shared assets.

Other areas add their own pages (/map, /polls/{id}) in their modules; all extend base.html.
"""

from __future__ import annotations

import asyncio
from functools import cache
from pathlib import Path

import xstatic.pkg.leaflet
from aiohttp import web

from civicbot import clock, keys, voicemap
from civicbot.i18n import translate
from civicbot.jsontext import dumps
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

COMPLAINT_STRINGS: dict[str, dict[str, str]] = {
    "title": {"ko": "신고 {id}", "en": "Report {id}"},
    "back": {"ko": "말씀지도에서 보기", "en": "See it on the voice map"},
    "not_found": {"ko": "{id} 신고를 찾지 못했어요", "en": "No report {id}"},
    "not_found_body": {
        "ko": "접수번호를 다시 확인해 주세요. 예: SEL-7K3F9Q",
        "en": "Please check the tracking id, for example SEL-7K3F9Q.",
    },
    "created": {"ko": "접수", "en": "Reported"},
    "updated": {"ko": "최근 변경", "en": "Last change"},
    "supports": {"ko": "공감", "en": "Supporters"},
    "people": {"ko": "{n}명", "en": "{n}"},
    "duplicate_of": {"ko": "함께 처리되는 신고", "en": "Handled with"},
    "history": {"ko": "처리 기록", "en": "History"},
    "note": {"ko": "담당자 메모", "en": "Note from the city"},
    "privacy": {
        "ko": "이 페이지에는 신고하신 분의 연락처나 정확한 위치가 나오지 않아요. 위치는 동 단위로만 보여요.",
        "en": "This page never shows who reported or their contact details; the place is shown by neighbourhood.",
    },
}


async def complaint_page(request: web.Request) -> web.Response:
    """GET /complaints/{id}: a report's public status and history (what every notice links to).

    Only the public record: masked text, 구/동, status, officials' public notes. No reporter data,
    no exact point, no official's name.
    """
    lang = page_language(request)
    text = {key: entry.get(lang, entry["ko"]) for key, entry in COMPLAINT_STRINGS.items()}  # raw: {id}, {n}
    public_id = request.match_info["id"].upper()
    db, settings = request.app[keys.DATABASE], request.app[keys.SETTINGS]

    def read(conn):
        return voicemap.get_public(conn, public_id), voicemap.history(conn, public_id)

    found, history = await db.execute_fn(read)
    if found is None:
        return render(
            request, "complaint.html", status=404, lang=lang, text=text, public_id=public_id, found=None
        )
    setup = request.app[keys.VOICEMAP]
    category = setup.catalogue.get(found.category) if setup.catalogue else None
    district = setup.places.districts.get(found.district_code)
    tz = settings.zone

    def shown(value: str) -> str:
        return clock.local_minutes(value, tz)

    context = {
        "found": True,
        "public_id": found.public_id,
        "state_code": found.status,
        "status_label": voicemap.status_label(found.status, lang),
        "category": category.label(lang) if category else found.category,
        "place": _place_label(found, district, lang),
        "description": found.description,
        "created": clock.local_iso(found.created_at, tz),
        "created_shown": shown(found.created_at),
        "updated": clock.local_iso(found.updated_at, tz),
        "updated_shown": shown(found.updated_at),
        "supports": found.supports,
        "duplicate_of": found.duplicate_of,
        "history": [
            {
                "at": clock.local_iso(h["at"], tz),
                "shown": shown(h["at"]),
                "state_code": h["status"],
                "label": voicemap.status_label(h["status"], lang),
                "note": h["note"],
            }
            for h in history
        ],
    }
    return render(request, "complaint.html", lang=lang, text=text, **context)


def _place_label(found: voicemap.PublicComplaint, district, lang: str) -> str:
    if lang == "en":
        from civicbot.geo import romanise_dong

        name = district.name_en if district else found.district
        return f"{romanise_dong(found.dong)}, {name}" if found.dong else name
    return f"{found.district} {found.dong}" if found.dong else found.district


@cache
def _dongs_body(sido: str, bbox: tuple[float, float, float, float]) -> bytes:
    from civicbot.geo import gazetteer

    return dumps(gazetteer(sido, bbox).dongs_geojson()).encode()


async def dong_boundaries(request: web.Request) -> web.Response:
    """GET /api/places/dongs.geojson: the city's 동 with names (ko, romanised) for the offline base map."""
    settings = request.app[keys.SETTINGS]
    loop = asyncio.get_running_loop()
    body = await loop.run_in_executor(
        request.app[keys.EXECUTOR], _dongs_body, settings.city_sido, settings.city_bbox
    )
    response = web.Response(
        body=body, content_type="application/json", headers={"Cache-Control": "public, max-age=86400"}
    )
    response.enable_compression()
    return response


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
    app.router.add_get(r"/complaints/{id:[A-Za-z]{2,5}-[0-9A-Za-z]{6}}", complaint_page)
    app.router.add_get("/api/places/dongs.geojson", dong_boundaries)
    # Leaflet from the installed xstatic package: the widget and the map pages load it from us, never a CDN.
    app.router.add_static("/static/vendor/leaflet", LEAFLET, append_version=False)
    app.router.add_static("/static", STATIC, append_version=False)
