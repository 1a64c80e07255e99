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

from civicbot import i18n, keys, voicemap
from civicbot.i18n import catalogue
from civicbot.web.handlers import not_shared_when_host_made, own_base, read
from civicbot.web.templating import STATIC, page_language, render

LEAFLET = Path(xstatic.pkg.leaflet.BASE_DIR)


async def complaint_page(request: web.Request) -> web.Response:
    """GET /complaints/{id}: a report's public status and history (voicemap.status_page)."""
    lang, public_id = page_language(request), request.match_info["id"].upper()
    setup, zone = request.app[keys.VOICEMAP], request.app[keys.SETTINGS].zone
    page = await read(request, lambda conn: voicemap.status_page(conn, public_id, setup, lang, zone))
    if page is None:
        return render(
            request, "complaint.html", 404, "complaint_page", lang=lang, public_id=public_id, found=None
        )
    # The 공감 button: for a report still open and public, as the support endpoint takes it
    # (newcomer probe #38); a closed one answers 409 and a withheld one 404, so neither shows it.
    supportable = page["state_code"] in voicemap.OPEN_STATUSES and not page.get("withheld")
    return render(
        request, "complaint.html", words="complaint_page", lang=lang, supportable=supportable, **page
    )


async def index(request: web.Request) -> web.Response:
    """The demo city page: what a city's own site looks like with the widget on it."""
    lang = page_language(request)
    text = catalogue().texts("pages", lang, city=request.app[keys.SETTINGS].city_name(lang))
    page = render(request, "index.html", lang=lang, text=text, widget_host=own_base(request))
    return not_shared_when_host_made(request, page)


@cache
def _widget_source(
    strings: i18n.Catalogue, modified: float, cities: tuple[tuple[str, str], ...], max_chars: int = 2000
) -> tuple[str, str]:
    """widget.js with the catalogue's ``widget.*`` strings and languages filled in, and its ETag;
    ``max_chars`` (CIVICBOT_MAX_TEXT_CHARS) is the composer's limit and its counter's.

    ``cities`` is ((language, the city's name in it), ...): "{city} 챗봇에게 물어보기" is filled in
    here, once. Other fields ("{lat}") are widget.js's to fill, so a text that names the city
    uses no other field."""
    shipped = strings.subset("widget")
    names = dict(cities)

    def filled(key: str, lang: str) -> i18n.Entry:
        entry = shipped[lang][key]
        if isinstance(entry, str) and "{city" in entry:
            return strings.text(f"widget.{key}", lang, city=names[lang])
        return entry

    table = {key: {lang: filled(key, lang) for lang in shipped} for key in shipped[i18n.LANGUAGES[0]]}
    source = (STATIC / "widget.js").read_text(encoding="utf-8")
    source = source.replace("/*CATALOGUE*/ {}", json.dumps(table, ensure_ascii=False), 1)
    source = source.replace('/*LANGUAGES*/ ["ko", "en"]', json.dumps(list(strings.languages)), 1)
    source = source.replace("/*MAX_TEXT*/ 2000", str(int(max_chars)), 1)
    return source, '"' + hashlib.sha256(source.encode()).hexdigest()[:32] + '"'


async def widget_js(request: web.Request) -> web.Response:
    """GET /widget.js: the embeddable widget. Short caching, so a fix reaches every city page soon."""
    strings, settings = i18n.catalogue(), request.app[keys.SETTINGS]
    cities = tuple((lang, settings.city_name(lang)) for lang in strings.languages)
    modified = (STATIC / "widget.js").stat().st_mtime
    source, etag = _widget_source(strings, modified, cities, settings.max_text_chars)
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
