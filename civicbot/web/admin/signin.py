"""Signing in and out, and setting a password from a one-time link."""

from __future__ import annotations

from aiohttp import web

from civicbot import accounts, i18n, passwords
from civicbot.web.admin.base import (
    Ctx,
    clear_session_cookie,
    console,
    current_session,
    safe_next,
    set_session_cookie,
)
from civicbot.web.auth import client_address


def _sign_in_page(ctx: Ctx, status: int = 200, **values: object) -> web.Response:
    return ctx.login_page("admin/sign_in.html", status, **values)


@console(None, "GET /admin/sign-in")
async def sign_in_form(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """GET /admin/sign-in: the form (or straight on, when already signed in)."""
    if await current_session(request) is not None:
        raise web.HTTPSeeOther(safe_next(request.query.get("next")))
    return _sign_in_page(ctx, next=safe_next(request.query.get("next")), name="", error="")


@console(None, "POST /admin/sign-in")
async def sign_in(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/sign-in: check the password (with lockouts) and start a session."""
    form, t = ctx.form, ctx.t
    if not ctx.login_csrf_ok:
        return _sign_in_page(ctx, 403, next="/admin", name="", error=t["refused_csrf"])
    name, password = str(form.get("name", ""))[:80], str(form.get("password", ""))[:1024]
    target = safe_next(str(form.get("next", "")))
    attempt = await accounts.attempt_sign_in(ctx.db, name, password, client_address(request))
    if attempt.error == "locked":
        minutes = max(1, (attempt.retry_after + 59) // 60)
        return _sign_in_page(
            ctx, 429, next=target, name=name, error=i18n.t("admin.locked", ctx.lang, count=minutes)
        )
    if attempt.error:
        return _sign_in_page(ctx, 401, next=target, name=name, error=t["bad_credentials"])
    response = web.HTTPSeeOther(target)
    set_session_cookie(request, response, attempt.token)
    raise response


@console("viewer", "POST /admin/sign-out")
async def sign_out(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/sign-out (everywhere=1 ends every session of the account)."""
    everywhere = ctx.form.get("everywhere") == "1"
    session = ctx.session
    assert session is not None
    await ctx.db.execute_write_fn(lambda conn: accounts.sign_out(conn, session, everywhere))
    response = web.HTTPSeeOther("/admin/sign-in?signed_out=" + ("all" if everywhere else "1"))
    clear_session_cookie(request, response)
    raise response


def _password_page(ctx: Ctx, token: str, account: accounts.Account | None, error: str, status: int):
    return ctx.login_page(
        "admin/set_password.html",
        status,
        token=token,
        target=account,
        error=error,
        min_length=accounts.MIN_PASSWORD,
    )


def city_words(settings) -> tuple[str, ...]:
    """The city's names (CIVICBOT_CITY_NAME_KO/EN) as a password may not contain them."""
    return passwords.city_words(settings.city_name_ko, settings.city_name_en)


def _refusal(t, error: accounts.AccountError) -> str:
    """The catalogue's sentence for why the password or the link was refused."""
    if error.code != "weak_password":
        return t["link_invalid"]
    reason = getattr(error, "reason", "too_short")
    if reason in ("too_short", "too_long"):
        key = "weak_password" if reason == "too_short" else "weak_password_too_long"
        return t[key].format(n=accounts.MIN_PASSWORD if reason == "too_short" else accounts.MAX_PASSWORD)
    return t[f"weak_password_{reason}"]


@console(None, "GET /admin/set-password")
async def set_password_form(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/set-password?token=...: the one-time link that `civicbot officials create` prints."""
    token = request.query.get("token", "")
    account = await ctx.db.execute_fn(lambda conn: accounts.setup_account(conn, token))
    return _password_page(ctx, token, account, "", 200 if account else 404)


@console(None, "POST /admin/set-password")
async def set_password(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/set-password: store the password, burn the link, go to the sign-in page."""
    form, t = ctx.form, ctx.t
    token = str(form.get("token", ""))
    account = await ctx.db.execute_fn(lambda conn: accounts.setup_account(conn, token))
    if not ctx.login_csrf_ok:
        return _password_page(ctx, token, account, t["refused_csrf"], 403)
    password, again = str(form.get("password", "")), str(form.get("password_again", ""))
    if password != again:
        return _password_page(ctx, token, account, t["passwords_differ"], 400)
    try:
        await ctx.db.execute_write_fn(
            lambda conn: accounts.set_password(conn, token, password, context=city_words(ctx.settings))
        )
    except accounts.AccountError as error:
        return _password_page(ctx, token, account, _refusal(t, error), 400)
    raise web.HTTPSeeOther("/admin/sign-in?password_set=1")
