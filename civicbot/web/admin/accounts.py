"""Admins manage who may use the console, the API tokens and the Open311 keys (``civicbot.console``)."""

from __future__ import annotations

from aiohttp import web

from civicbot import accounts, officials
from civicbot import console as views
from civicbot.web.admin.base import Ctx, console, redirect
from civicbot.web.handlers import own_base


def set_password_link(ctx: Ctx, token: str) -> str:
    return f"{own_base(ctx.request)}/admin/set-password?token={token}"


async def _page(ctx: Ctx, status: int = 200, **shown: object) -> web.Response:
    lists = await ctx.db.execute_fn(views.account_lists)
    return ctx.render(
        "admin/accounts.html",
        status=status,
        **lists,
        roles=accounts.ROLES,
        token_roles=officials.ROLES,
        shown=shown,
    )


@console("admin", "GET /admin/accounts")
async def accounts_page(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/accounts: accounts, API tokens, Open311 keys."""
    return await _page(ctx)


@console("admin", "POST /admin/accounts")
async def accounts_action(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/accounts: create/role/disable/enable/reset an account; create/revoke a key.

    A new secret (set-password link, token, key) is shown once on the answer page, never stored.
    """
    action, form = str(ctx.form.get("action", "")), views.account_form(ctx.form)
    try:
        secret = await ctx.db.execute_write_fn(lambda c: views.account_action(c, action, form, ctx.account))
    except (accounts.AccountError, ValueError) as error:
        message = getattr(error, "message", str(error))
        return await _page(ctx, 400, error=ctx.t.get("err_" + getattr(error, "code", ""), message))
    if action in views.SECRETS:
        shown = set_password_link(ctx, str(secret)) if action in views.LINKS else secret
        return await _page(ctx, secret=shown, secret_for=form["name"])
    raise redirect("/admin/accounts", action)
