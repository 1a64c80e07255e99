"""Human-facing pages: the demo city page (with the widget on it), widget.js and shared assets.

Other areas add their own pages (/map, /polls/{id}) in their modules; all extend base.html.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import xstatic.pkg.leaflet
from aiohttp import web

from civicbot import clock, i18n, keys, voicemap
from civicbot.i18n import catalogue
from civicbot.web.templating import STATIC, page_language, render

LEAFLET = Path(xstatic.pkg.leaflet.BASE_DIR)


async def complaint_page(request: web.Request) -> web.Response:
    """GET /complaints/{id}: a report's public status and history (what every notice links to).

    Only the public record: masked text, 구/동, status, officials' public notes. No reporter data,
    no exact point, no official's name.
    """
    lang = page_language(request)
    text = catalogue().section("complaint_page", lang)  # raw: {id}, {n}
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


async def index(request: web.Request) -> web.Response:
    """The demo city page: what a city's own site looks like with the widget on it."""
    lang = page_language(request)
    text = catalogue().texts("pages", lang)
    return render(request, "index.html", lang=lang, text=text, widget_host=_own_origin(request))


def _own_origin(request: web.Request) -> str:
    return f"{request.scheme}://{request.host}"


@cache
def _widget_source(strings: i18n.Catalogue, modified: float) -> tuple[str, str]:
    """widget.js with the catalogue's ``widget.*`` strings and languages filled in, and its ETag."""
    shipped = strings.subset("widget")
    table = {key: {lang: shipped[lang][key] for lang in shipped} for key in shipped[i18n.LANGUAGES[0]]}
    source = (STATIC / "widget.js").read_text(encoding="utf-8")
    source = source.replace("/*CATALOGUE*/ {}", json.dumps(table, ensure_ascii=False), 1)
    source = source.replace('/*LANGUAGES*/ ["ko", "en"]', json.dumps(list(strings.languages)), 1)
    return source, '"' + hashlib.sha256(source.encode()).hexdigest()[:32] + '"'


async def widget_js(request: web.Request) -> web.Response:
    """GET /widget.js: the embeddable widget. Short caching, so a fix reaches every city page soon."""
    source, etag = _widget_source(i18n.catalogue(), (STATIC / "widget.js").stat().st_mtime)
    headers = {"Cache-Control": "public, max-age=300", "ETag": etag}
    if request.headers.get("If-None-Match") == etag:
        return web.Response(status=304, headers=headers)
    return web.Response(text=source, content_type="application/javascript", headers=headers)


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_get("/widget.js", widget_js)
    app.router.add_get(r"/complaints/{id:[A-Za-z]{2,5}-[0-9A-Za-z]{6}}", complaint_page)
    # Leaflet from the installed xstatic package: the widget and the map pages load it from us, never a CDN.
    app.router.add_static("/static/vendor/leaflet", LEAFLET, append_version=False)
    app.router.add_static("/static", STATIC, append_version=False)
