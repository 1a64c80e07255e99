"""Admins manage who may use the console, the API tokens and the Open311 keys."""

from __future__ import annotations

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
        done=ctx.request.query.get("done", ""),
    )


@console("admin")
async def accounts_page(request: web.Request, ctx: Ctx) -> web.Response:
    """GET /admin/accounts: accounts, API tokens, Open311 keys."""
    return await _page(ctx)


@console("admin")
async def accounts_action(request: web.Request, ctx: Ctx) -> web.StreamResponse:
    """POST /admin/accounts: create/role/disable/enable/reset an account; create/revoke a key.

    A new secret (set-password link, token, key) is shown once on the answer page, never stored.
    """
    form, actor = ctx.form, ctx.actor
    action = str(form.get("action", ""))
    try:
        target = int(str(form.get("id", "0")) or 0)
    except ValueError:
        target = 0
    name = str(form.get("name", "")).strip()
    role = str(form.get("role", ""))
    db = ctx.db
    try:
        if action == "create":
            _account, token = await db.execute_write_fn(
                lambda c: accounts.create_account(c, name, role, actor)
            )
            return await _page(ctx, secret=set_password_link(ctx, token), secret_for=name)
        if action == "reset":
            token = await db.execute_write_fn(lambda c: accounts.reset_link_token(c, name, actor))
            return await _page(ctx, secret=set_password_link(ctx, token), secret_for=name)
        if action == "role":
            await db.execute_write_fn(lambda c: accounts.set_role(c, target, role, actor))
        elif action in ("disable", "enable"):
            if target == ctx.account.id:
                return await _page(ctx, 400, error=ctx.t["err_self_disable"])
            await db.execute_write_fn(lambda c: accounts.set_disabled(c, target, action == "disable", actor))
        elif action == "token_create":
            token_role = role if role in officials.ROLES else "official"

            def create_token(c):
                return officials.create_token(c, name, token_role, actor)[1]

            raw = await db.execute_write_fn(create_token)
            return await _page(ctx, secret=raw, secret_for=name)
        elif action == "token_revoke":
            await db.execute_write_fn(lambda c: officials.revoke_token(c, target, actor))
        elif action == "key_create":

            def create_key(c):
                key_id, raw = voicemap.create_api_key(c, name)
                officials.audit(c, actor, "open311_key.create", str(key_id), {"name": name, "via": "console"})
                return raw

            raw = await db.execute_write_fn(create_key)
            return await _page(ctx, secret=raw, secret_for=name)
        elif action == "key_revoke":
            await db.execute_write_fn(
                lambda c: (
                    voicemap.revoke_api_key(c, target)
                    and officials.audit(c, actor, "open311_key.revoke", str(target))
                )
            )
        else:
            return await _page(ctx, 400, error=ctx.t["err_unknown_action"])
    except (accounts.AccountError, ValueError) as error:
        message = getattr(error, "message", str(error))
        return await _page(ctx, 400, error=ctx.t.get("err_" + getattr(error, "code", ""), message))
    raise redirect("/admin/accounts", action)


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/admin/accounts", accounts_page)
    app.router.add_post("/admin/accounts", accounts_action)
