"""Who is calling: anonymous web sessions, officials' bearer tokens, and per-caller rate limits."""

from __future__ import annotations

from aiohttp import web

from civicbot import addresses, keys, officials, sessions
from civicbot.i18n import languages, t
from civicbot.ratelimit import RateLimiter, limiters_for, model_cost
from civicbot.reply_shapes import SessionQuery, SessionToken
from civicbot.web.boundary import Access, Api
from civicbot.web.errors import ApiError


async def charge_model(request: web.Request, text: str, *callers: str) -> None:
    """Spend ``text``'s model cost from each caller's budget (429 ``model_budget`` when one is spent).

    Empty text (a button's payload) costs nothing: it never reaches the model. On PostgreSQL the
    budgets are shared by every replica."""
    if not text:
        return
    budget = request.app[keys.LIMITERS].model
    cost = model_cost(text)
    for caller in (*callers, "address:" + client_address(request)):
        wait = await budget.take(caller, cost)
        if wait:
            raise ApiError(429, "model_budget", t("api.model_budget", api_language(request), count=wait))


def api_language(request: web.Request) -> str:
    """The language of a refusal the API words for people (a wait): the request's ``?lang=`` or its
    Accept-Language when it names a catalogue language, else English, as the API's other messages."""
    wanted = request.query.get("lang") or request.headers.get("Accept-Language", "")[:2].lower()
    return wanted if wanted in languages() else "en"


def client_address(request: web.Request) -> str:
    """The client's address: the TCP peer, or, from a proxy in CIVICBOT_TRUSTED_PROXIES, the
    rightmost untrusted address of X-Forwarded-For (``addresses.client_address``). The header of
    any other peer is ignored: a client could write anything in it."""
    forwarded = ",".join(request.headers.getall("X-Forwarded-For", []))
    return addresses.client_address(request.remote, forwarded, request.app[keys.SETTINGS].trusted_proxies)


def client_key(request: web.Request) -> str:
    """The keyed pseudonym of the client's network (``addresses.address_key``): what the anonymous
    web channels' per-address rules (flags, supports) store instead of the address."""
    return addresses.address_key(request.app[keys.POLL_SECRET], client_address(request))


def bearer_token(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def check_rate(request: web.Request, limiter: RateLimiter, key: str) -> None:
    if not await limiter.hit(key):
        wait = limiter.retry_after(key)
        raise ApiError(429, "rate_limited", t("api.rate_limited", api_language(request), count=wait))


async def limit_messages(request: web.Request, session_id: str | None = None) -> None:
    """The message limit (429 ``rate_limited``) for the session, when there is one, and its address
    (the chat API has no sessions; many browsers may share an address)."""
    limiter = request.app[keys.LIMITERS].messages
    if session_id is not None:
        await check_rate(request, limiter, "session:" + session_id)
    await check_rate(request, limiter, "address:" + client_address(request))


async def require_session(request: web.Request) -> sessions.Session:
    """The caller's anonymous web session (401 without a valid one), rate-limited per session and address."""
    token = bearer_token(request) or request.headers.get("X-Session-Token")
    if not token:
        raise ApiError(
            401, "no_session", "Send 'Authorization: Bearer <session token>' (POST /api/sessions)."
        )
    # A lookup by primary key: on SQLite it runs on the loop's thread (cheaper than a thread hop).
    session = await request.app[keys.DATABASE].execute_lookup(lambda db: sessions.find_session(db, token))
    if session is None:
        raise ApiError(
            401, "invalid_session", "This session token is not known; create one with POST /api/sessions."
        )
    await limit_messages(request, session.id)
    return session


async def require_official(request: web.Request) -> officials.Official:
    """The official behind the bearer token: 401 without one, 403 when it is revoked or unknown."""
    token = bearer_token(request)
    if not token:
        raise ApiError(
            401, "unauthorized", "This needs an official's token: 'Authorization: Bearer <token>'."
        )
    official = await request.app[keys.DATABASE].execute_fn(lambda db: officials.find_official(db, token))
    if official is None:
        raise ApiError(403, "forbidden", "This token is not valid.")
    if official.revoked:
        raise ApiError(403, "token_revoked", "This token has been revoked.")
    return official


# The callers an operation may require (``Api`` operations' ``access=``), with the refusals each answers.
SESSION = Access(
    "session",
    require_session,
    {401: "No session token, or an unknown one", 429: "Too many requests from this session or address"},
)
OFFICIAL = Access(
    "official", require_official, {401: "No official's token", 403: "A revoked or unknown token"}
)


async def _limit_sessions(request: web.Request) -> None:
    await check_rate(request, request.app[keys.LIMITERS].sessions, client_address(request))


routes = Api()


@routes.post("/api/sessions", status=201, before=_limit_sessions)
async def create_session(request: web.Request, query: SessionQuery) -> SessionToken:
    """Start an anonymous web session (the widget's identity for one browser)

    Status Codes:
        429: Too many new sessions from this address
    """
    _session, token = await request.app[keys.DATABASE].execute_write_fn(
        lambda db: sessions.create_session(db, query.language)
    )
    return SessionToken(token=token)


def setup_routes(app: web.Application) -> None:
    app[keys.LIMITERS] = limiters_for(app[keys.SETTINGS], lambda: app[keys.DATABASE])
    app.router.add_routes(routes)
