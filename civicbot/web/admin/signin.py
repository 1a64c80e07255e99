"""Signing in and out, and setting a password from a one-time link."""

from __future__ import annotations

import asyncio

from aiohttp import web

from civicbot import accounts, keys
from civicbot.i18n import admin_text
from civicbot.web.admin.base import (
    LOGIN_CSRF_COOKIE,
    Ctx,
    clear_session_cookie,
    console,
    console_language,
    current_session,
    login_csrf,
    origin_ok,
    read_form,
    render,
    safe_next,
    set_login_csrf,
    set_session_cookie,
    token_matches,
)
from civicbot.web.auth import client_address


def _login_page(request: web.Request, template: str, status: int, **values: object) -> web.Response:
    """A page with a form posted before any session (sign-in, set password): its own CSRF cookie."""
    token = login_csrf(request)
    response = render(request, template, console_language(request), None, status, csrf=token, **values)
    set_login_csrf(request, response, token)
    return response


def _login_csrf_ok(request: web.Request, form: dict) -> bool:
    return origin_ok(request) and token_matches(request.cookies.get(LOGIN_CSRF_COOKIE, ""), form.get("csrf"))


def _sign_in_page(request: web.Request, status: int = 200, **values: object) -> web.Response:
    return _login_page(request, "admin/sign_in.html", status, **values)


async def sign_in_form(request: web.Request) -> web.StreamResponse:
    """GET /admin/sign-in: the form (or straight on, when already signed in)."""
    if await current_session(request) is not None:
        raise web.HTTPSeeOther(safe_next(request.query.get("next")))
    return _sign_in_page(request, next=safe_next(request.query.get("next")), name="", error="")


async def sign_in(request: web.Request) -> web.StreamResponse:
    """POST /admin/sign-in: check the password (with lockouts) and start a session."""
    form = await read_form(request)
    t = admin_text(console_language(request))
    if not _login_csrf_ok(request, form):
        return _sign_in_page(request, 403, next="/admin", name="", error=t["refused_csrf"])
    name, password = str(form.get("name", ""))[:80], str(form.get("password", ""))[:1024]
    target = safe_next(str(form.get("next", "")))
    address = client_address(request)
    db = request.app[keys.DATABASE]
    # Read, then Argon2 on a worker thread, then write: the hash never holds the writer thread.
    check = await db.execute_fn(lambda conn: accounts.check_for(conn, name, address))
    matched = await asyncio.to_thread(accounts.password_matches, check, password)
    new_hash = await asyncio.to_thread(accounts.rehash_if_needed, check, password) if matched else None
    attempt = await db.execute_write_fn(
        lambda conn: accounts.record_sign_in(conn, name, address, check, matched, new_hash)
    )
    if attempt.error == "locked":
        minutes = max(1, (attempt.retry_after + 59) // 60)
        return _sign_in_page(request, 429, next=target, name=name, error=t["locked"].format(minutes=minutes))
    if attempt.error:
        return _sign_in_page(request, 401, next=target, name=name, error=t["bad_credentials"])
    response = web.HTTPSeeOther(target)
    set_session_cookie(request, response, attempt.token)
    raise response


@console("viewer")
async def sign_out(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/sign-out (everywhere=1 ends every session of the account)."""
    everywhere = ctx.form.get("everywhere") == "1"
    session = ctx.session
    assert session is not None
    await ctx.db.execute_write_fn(lambda conn: accounts.sign_out(conn, session, everywhere))
    response = web.HTTPSeeOther("/admin/sign-in?signed_out=" + ("all" if everywhere else "1"))
    clear_session_cookie(request, response)
    raise response


async def set_password_form(request: web.Request) -> web.Response:
    """GET /admin/set-password?token=...: the one-time link that `civicbot officials create` prints."""
    token = request.query.get("token", "")
    db = request.app[keys.DATABASE]
    account = await db.execute_fn(lambda conn: accounts.setup_account(conn, token))
    return _password_page(request, token, account, "", 200 if account else 404)


def _password_page(request, token, account, error, status) -> web.Response:
    return _login_page(
        request,
        "admin/set_password.html",
        status,
        token=token,
        target=account,
        error=error,
        min_length=accounts.MIN_PASSWORD,
    )


async def set_password(request: web.Request) -> web.StreamResponse:
    """POST /admin/set-password: store the password, burn the link, go to the sign-in page."""
    form = await read_form(request)
    t = admin_text(console_language(request))
    token = str(form.get("token", ""))
    db = request.app[keys.DATABASE]
    account = await db.execute_fn(lambda conn: accounts.setup_account(conn, token))
    if not _login_csrf_ok(request, form):
        return _password_page(request, token, account, t["refused_csrf"], 403)
    password, again = str(form.get("password", "")), str(form.get("password_again", ""))
    if password != again:
        return _password_page(request, token, account, t["passwords_differ"], 400)
    try:
        await db.execute_write_fn(lambda conn: accounts.set_password(conn, token, password))
    except accounts.AccountError as error:
        message = (
            t["weak_password"].format(n=accounts.MIN_PASSWORD)
            if error.code == "weak_password"
            else t["link_invalid"]
        )
        return _password_page(request, token, account, message, 400)
    raise web.HTTPSeeOther("/admin/sign-in?password_set=1")


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/admin/sign-in", sign_in_form)
    app.router.add_post("/admin/sign-in", sign_in)
    app.router.add_post("/admin/sign-out", sign_out)
    app.router.add_get("/admin/set-password", set_password_form)
    app.router.add_post("/admin/set-password", set_password)
