"""Jinja2 templates with autoescaping on: user text in a page is always rendered as text."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from aiohttp import web

from civicbot import keys
from civicbot.i18n import Words, catalogue, languages

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STATIC = Path(__file__).resolve().parent.parent / "static"


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )


def page_language(request: web.Request) -> str:
    """?lang= wins, then the browser's Accept-Language, then Korean."""
    wanted = request.query.get("lang")
    if wanted in languages():
        return wanted
    return browser_language(request)


def browser_language(request: web.Request) -> str:
    """English when the browser's Accept-Language starts with it, else Korean."""
    accept = request.headers.get("Accept-Language", "").lower()
    return "en" if accept.startswith("en") else "ko"


def other_language_href(request: web.Request, lang: str) -> str:
    """This page in the other language: ``?`` and the query with only ``lang`` swapped, so that a
    set-password token or the queue's filters survive the switch (``?lang=en`` alone lost them)."""
    query = [(key, value) for key, value in request.query.items() if key != "lang"]
    return "?" + urlencode([*query, ("lang", "ko" if lang == "en" else "en")])


def render(
    request: web.Request, template: str, status: int = 200, words: str = "", **context: object
) -> web.Response:
    """``template`` as HTML in ``lang`` (default: the page's language). ``words`` names the
    catalogue section the page reads as ``text`` (``text.title``; placeholders filled in the page)."""
    settings = request.app[keys.SETTINGS]
    lang = context.pop("lang", None) or page_language(request)
    if words:
        context["text"] = catalogue().section(words, lang)
    tiles = {"map_tiles_url": settings.map_tiles_url, "map_tiles_attribution": settings.map_tiles_attribution}
    context.setdefault("t", Words(lang))
    html = (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            city_name=settings.city_name(lang),
            other_language_href=other_language_href(request, lang),
            **tiles,
            **context,
        )
    )
    return web.Response(text=html, content_type="text/html", status=status)
