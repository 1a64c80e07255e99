"""The console's plumbing: who is signed in, CSRF, roles, language, and rendering a page.

Every console view is wrapped by ``console(role)``: it finds the session from the cookie (server-side
in the database), sends a visitor without one to the sign-in page, refuses a role that is too weak
(403), and checks the CSRF token on every POST before the view runs. A POST without the token, or
from another origin, is refused with 403 whatever else it carries.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from aiohttp import web

from civicbot import accounts, keys
from civicbot import console as console_views
from civicbot.i18n import admin_text
from civicbot.shapes import path_number
from civicbot.web import jsonbody, templating
from civicbot.web.errors import ApiError
from civicbot.web.middlewares import origin_allowed
from civicbot.web.templating import browser_language

COOKIE = "cb_console"
LOGIN_CSRF_COOKIE = "cb_console_login"  # double-submit token for the sign-in form (no session yet)
LANG_COOKIE = "cb_console_lang"
T = TypeVar("T")
PAGES = web.RouteTableDef()  # every console page, registered by ``console(role, "GET /admin/...")``


@dataclass
class Ctx:
    """One console request: the signed-in session (if any), the language, the form once read."""

    request: web.Request
    session: accounts.Session | None
    lang: str
    form: dict = field(default_factory=dict)
    login_csrf_ok: bool = False  # a sign-in page's POST carried its token (role None: no session yet)

    @property
    def account(self) -> accounts.Account:
        assert self.session is not None
        return self.session.account

    @property
    def actor(self) -> str:
        """The audit log's name for this official."""
        return self.account.name

    @property
    def db(self):
        return self.request.app[keys.DATABASE]

    @property
    def settings(self):
        return self.request.app[keys.SETTINGS]

    @property
    def zone(self) -> ZoneInfo:
        return self.settings.zone

    @property
    def t(self) -> dict[str, str]:
        return admin_text(self.lang)

    def render(self, template: str, status: int = 200, **values: object) -> web.Response:
        return render(self.request, template, self.lang, self.session, status, **values)

    def login_page(self, template: str, status: int = 200, **values: object) -> web.Response:
        """A page whose form is posted before any session (sign-in, set password), with the token
        of its own CSRF cookie."""
        token = login_csrf(self.request)
        response = render(self.request, template, self.lang, None, status, csrf=token, **values)
        set_login_csrf(self.request, response, token)
        return response

    async def load(self, fn: Callable[[Any], T | None]) -> T:
        """``fn(conn)`` on a reader; ``None`` (no such poll, proposal ...) is the 404 page."""
        value = await self.db.execute_fn(fn)
        if value is None:
            raise NotFound
        return value

    @property
    def path_id(self) -> int:
        """The ``{id}`` of the path as a number; ``NotFound`` (the 404 page, as for an unknown id)
        when it is not one in canonical decimal (``shapes.path_number``: ``/admin/polls/01`` is no
        poll; its route allows 1-12 ASCII digits)."""
        number = path_number(self.request.match_info["id"])
        if number is None:
            raise NotFound
        return number

    @property
    def offset(self) -> int:
        """``?offset=`` of a paged list: a whole number from 0 to 10⁹ in ASCII digits, anything else
        is 0 (a page falls back rather than refuses; 20 digits overflowed the database's integer)."""
        raw = self.request.query.get("offset", "0")
        return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else 0

    def paging(self, chosen: dict, page_size: int, total: int) -> dict:
        """A paged list's links at this page's offset (``console.paging``)."""
        return console_views.paging(chosen, self.offset, page_size, total)


class NotFound(Exception):
    """Raised in a console view: the wrapper answers with the 404 page."""


# -- language -------------------------------------------------------------------------------
def console_language(request: web.Request) -> str:
    """?lang= (remembered in a cookie), then the cookie, then Accept-Language, then Korean."""
    for wanted in (request.query.get("lang"), request.cookies.get(LANG_COOKIE)):
        if wanted in ("ko", "en"):
            return wanted
    return browser_language(request)


def secure_cookies(request: web.Request) -> bool:
    """Secure cookies whenever the browser is on https (directly, or behind the city's proxy)."""
    return request.secure or request.app[keys.SETTINGS].public_url.startswith("https://")


def _cookie_options(request: web.Request) -> dict:
    return {"httponly": True, "samesite": "Strict", "secure": secure_cookies(request), "path": "/admin"}


def render(
    request: web.Request,
    template: str,
    lang: str,
    session: accounts.Session | None,
    status: int = 200,
    **page: object,
) -> web.Response:
    """The page ``template`` as HTML (``templating.render``, with the console's words), never cached.
    ``done`` (a POST's notice) comes from the query; ``errors`` ({field: message}) and ``values`` (a
    form as posted) are empty unless given."""
    form_token = page.pop("csrf", "")
    page = {"done": request.query.get("done", ""), "errors": {}, "values": {}, **page}
    account, csrf = (session.account, session.csrf) if session else (None, form_token)
    where = {"path": request.path, "current": request.path_qs}
    response = templating.render(
        request, template, status, lang=lang, t=admin_text(lang), account=account, csrf=csrf, **where, **page
    )
    response.headers["Cache-Control"] = "no-store"  # reporters' contact details must not be cached
    if request.query.get("lang") in ("ko", "en"):
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, **_cookie_options(request))
    return response


# -- sessions -------------------------------------------------------------------------------
async def current_session(request: web.Request) -> accounts.Session | None:
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    db = request.app[keys.DATABASE]
    limits = accounts.Timeouts.of(request.app[keys.SETTINGS])
    session, stale = await db.execute_fn(lambda conn: accounts.find_session(conn, token, limits))
    if session is not None and stale:
        await db.execute_write_fn(lambda conn: accounts.touch_session(conn, session.id))
    return session


def set_session_cookie(request: web.Request, response: web.StreamResponse, token: str) -> None:
    # No max_age: the cookie dies with the browser, and the server ends the session anyway.
    response.set_cookie(COOKIE, token, **_cookie_options(request))


def clear_session_cookie(request: web.Request, response: web.StreamResponse) -> None:
    response.del_cookie(COOKIE, path="/admin")


def safe_next(value: str | None) -> str:
    """Where to go after signing in: only a path inside the console (no open redirect)."""
    if not value or not value.startswith("/admin") or value.startswith("//"):
        return "/admin"
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else "/admin"


# -- CSRF -----------------------------------------------------------------------------------
def origin_ok(request: web.Request) -> bool:
    """A browser's unsafe request names its page's origin; it must be ours (or absent: old clients)."""
    return origin_allowed(request, request.headers.get("Origin"), others=False)


async def read_form(request: web.Request) -> dict:
    """The POSTed form: a field's value, or its values as a list when it is repeated. Raw UTF-8 and
    percent-encoded alike; ``ApiError`` (400, 413) when the body is not UTF-8 or cannot be read."""
    values: dict[str, list] = {}
    for key, value in await jsonbody.post_fields(request):
        values.setdefault(key, []).append(value)
    return {key: found if len(found) > 1 else found[0] for key, found in values.items()}


def token_matches(expected: str, given: object) -> bool:
    return bool(expected) and isinstance(given, str) and hmac.compare_digest(expected, given)


def login_csrf(request: web.Request) -> str:
    """The sign-in form's token: the cookie's when it has one, else a fresh one (set on render)."""
    return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)


def set_login_csrf(request: web.Request, response: web.StreamResponse, token: str) -> None:
    response.set_cookie(LOGIN_CSRF_COOKIE, token, max_age=3600, **_cookie_options(request))


# -- the wrapper every console view goes through --------------------------------------------------
View = Callable[[web.Request, Ctx], Awaitable[web.StreamResponse]]


def console(
    role: str | None, *routes: str
) -> Callable[[View], Callable[[web.Request], Awaitable[web.StreamResponse]]]:
    """Sign-in, role and (on POST) CSRF checks around a view taking (request, ctx), served at
    ``routes`` ("GET /admin/polls", "POST /admin/polls/new"; a GET answers HEAD as well).

    Role None is a page before any session (sign-in, set password): the view runs for everyone,
    told in ``ctx.login_csrf_ok`` whether a POST carried the token of the login CSRF cookie."""

    def wrap(view: View) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        @wraps(view)
        async def handler(request: web.Request) -> web.StreamResponse:
            lang = console_language(request)
            if role is None:
                ctx = Ctx(request, None, lang)
                if request.method == "POST":
                    try:
                        ctx.form = await read_form(request)
                    except ApiError as error:
                        return unreadable_form(ctx, error)
                    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
                    ctx.login_csrf_ok = origin_ok(request) and token_matches(expected, ctx.form.get("csrf"))
                return await view(request, ctx)
            session = await current_session(request)
            ctx = Ctx(request, session, lang)
            if request.method == "POST":
                try:
                    ctx.form = await read_form(request)
                except ApiError as error:
                    return unreadable_form(ctx, error)
                if (
                    session is None
                    or not origin_ok(request)
                    or not token_matches(session.csrf, ctx.form.get("csrf"))
                ):
                    return refused(ctx, "csrf")
            if session is None:
                raise web.HTTPSeeOther(f"/admin/sign-in?next={quote(request.path_qs, safe='')}")
            if not session.account.can(role):
                return refused(ctx, "role", needed=role)
            try:
                return await view(request, ctx)
            except NotFound:
                return ctx.render("admin/not_found.html", status=404)

        for route in routes:
            PAGES.route(*route.split(" "))(handler)  # router.add_get: HEAD as well
        return handler

    return wrap


def refused(ctx: Ctx, why: str, needed: str = "") -> web.Response:
    """403 as a page: a missing CSRF token or a role too weak for the action."""
    t = ctx.t
    if why == "csrf":
        message = t["refused_csrf"]
    else:
        message = t["refused_role"].format(role=t["role_" + ctx.account.role], needed=t["role_" + needed])
    return ctx.render("admin/refused.html", status=403, message=message)


def unreadable_form(ctx: Ctx, error: ApiError) -> web.Response:
    """A form we could not read (not UTF-8, a broken or too large body) as a page: 400 or 413.
    Nothing was done, and no more is said to a visitor who has not signed in yet."""
    key = "refused_form_too_large" if error.status == 413 else "refused_form"
    return ctx.render("admin/refused.html", status=error.status, message=ctx.t[key])


def redirect(location: str, notice: str = "") -> web.HTTPSeeOther:
    """After a POST, go to a page (303), carrying a short notice code for it to show."""
    if notice:
        location += ("&" if "?" in location else "?") + "done=" + quote(notice)
    return web.HTTPSeeOther(location)
