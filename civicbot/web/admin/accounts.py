"""Admins manage who may use the console, the API tokens and the Open311 keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiohttp import web

from civicbot import accounts, officials, voicemap
from civicbot.web.admin.base import Ctx, console, redirect


def set_password_link(ctx: Ctx, token: str) -> str:
    base = ctx.settings.public_url or f"{ctx.request.scheme}://{ctx.request.host}"
    return f"{base}/admin/set-password?token={token}"


async def _page(ctx: Ctx, status: int = 200, **shown: object) -> web.Response:
    def read(conn) -> dict:
        return {
            "people": accounts.list_accounts(conn),
            "tokens": officials.list_tokens(conn),
            "open311_keys": voicemap.list_api_keys(conn),
        }

    return ctx.render(
        "admin/accounts.html",
        status=status,
        **await ctx.db.execute_fn(read),
        roles=accounts.ROLES,
        token_roles=officials.ROLES,
        shown=shown,
    )


@console("admin", "GET /admin/accounts")
async def accounts_page(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/accounts: accounts, API tokens, Open311 keys."""
    return await _page(ctx)


# What each form action does, (conn, form, actor) -> the new secret to show once, if it makes one.
_ACTIONS: dict[str, Callable[[Any, dict, str], object]] = {
    "create": lambda c, f, actor: accounts.create_account(c, f["name"], f["role"], actor)[1],
    "reset": lambda c, f, actor: accounts.reset_link_token(c, f["name"], actor),
    "role": lambda c, f, actor: accounts.set_role(c, f["id"], f["role"], actor),
    "disable": lambda c, f, actor: accounts.set_disabled(c, f["id"], True, actor),
    "enable": lambda c, f, actor: accounts.set_disabled(c, f["id"], False, actor),
    "token_create": lambda c, f, actor: officials.create_token(
        c, f["name"], f["role"] if f["role"] in officials.ROLES else "official", actor
    )[1],
    "token_revoke": lambda c, f, actor: officials.revoke_token(c, f["id"], actor),
    "key_create": lambda c, f, actor: voicemap.create_api_key(c, f["name"], actor)[1],
    "key_revoke": lambda c, f, actor: voicemap.revoke_api_key(c, f["id"], actor),
}
_SECRETS = ("create", "reset", "token_create", "key_create")
_LINKS = ("create", "reset")  # their secret is a set-password token: shown as the link


@console("admin", "POST /admin/accounts")
async def accounts_action(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/accounts: create/role/disable/enable/reset an account; create/revoke a key.

    A new secret (set-password link, token, key) is shown once on the answer page, never stored.
    """
    action = str(ctx.form.get("action", ""))
    target = str(ctx.form.get("id", "0"))
    form = {
        "id": int(target) if target.isdigit() else 0,
        "name": str(ctx.form.get("name", "")).strip(),
        "role": str(ctx.form.get("role", "")),
    }
    if action not in _ACTIONS:
        return await _page(ctx, 400, error=ctx.t["err_unknown_action"])
    if action in ("disable", "enable") and form["id"] == ctx.account.id:
        return await _page(ctx, 400, error=ctx.t["err_self_disable"])
    try:
        secret = await ctx.db.execute_write_fn(lambda c: _ACTIONS[action](c, form, ctx.actor))
    except (accounts.AccountError, ValueError) as error:
        message = getattr(error, "message", str(error))
        return await _page(ctx, 400, error=ctx.t.get("err_" + getattr(error, "code", ""), message))
    if action in _SECRETS:
        shown = set_password_link(ctx, str(secret)) if action in _LINKS else secret
        return await _page(ctx, secret=shown, secret_for=form["name"])
    raise redirect("/admin/accounts", action)
