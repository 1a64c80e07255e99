"""The KakaoTalk channel: a Kakao i Open Builder skill server at ``POST /kakao/skill``.

A thin adapter like the Telegram one. Open Builder posts a *skill payload* for every message that
reaches the block the skill is attached to (the fallback block, so every message does); the adapter
turns it into an ``Incoming`` for the one Dialogue and renders the ``Reply`` as a version 2.0 skill
response: speech bubbles (``simpleText``), a ``textCard`` with web-link buttons when the reply points
somewhere (the source of an answer, a poll's results, a report on the map), and ``quickReplies`` for
the Dialogue's buttons, whose payload rides back in the quick reply's ``extra``.

Kakao's rules, from the Open Builder skill guide and response format reference:
- a skill answers within 5 seconds. We wait ``CIVICBOT_KAKAO_REPLY_SECONDS`` for the Dialogue; a
  slower answer goes through the callback (``useCallback`` now, the real answer POSTed to the
  one-use ``userRequest.callbackUrl``, valid for a minute), or, on a block without the callback,
  the user is told it is on its way and gets it with their next message;
- at most 3 outputs per response, 10 quick replies, 3 buttons per card; 1000 characters per text
  bubble; 14 characters per button or quick-reply label.

Open Builder does not sign its requests: a call is ours when it carries the skill secret (in the
``X-CivicBot-Kakao-Secret`` header set in the skill's settings, or as the last part of the skill
URL), compared in constant time, and our ``bot.id``. The user is Kakao's per-bot user key
(``userRequest.user.id``), which is also where notifications go. Photos come through the secure
image plugin (a block of its own), as short-lived URLs fetched with the photo size limit; places
come typed ("강남구 역삼동") or picked on a small map page bound to the conversation by a signed token.

Notifications (a report's new status, a poll's close) wait in the outbox under channel "kakao". With
a business-message provider configured (알림톡), ``KakaoNotifier`` sends them; without one, the user
sees them at the top of the next reply.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import logging
import math
import re
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from civicbot import httpjson, i18n, keys, outbox
from civicbot.config import Settings
from civicbot.db import Database
from civicbot.dialogue import Dialogue, Incoming, Reply
from civicbot.i18n import t
from civicbot.jsontext import dumps
from civicbot.text import normalise

log = logging.getLogger(__name__)

CHANNEL = "kakao"
LATE = "kakao:late"  # outbox rows for answers that missed the skill's time: shown on the next message
SKILL_PATH = "/kakao/skill"
PICK_PATH = "/kakao/pick"
SECRET_HEADER = "X-CivicBot-Kakao-Secret"

# Kakao's limits (skill response format reference).
MAX_OUTPUTS = 3
MAX_QUICK_REPLIES = 10
MAX_CARD_BUTTONS = 3
MAX_TEXT = 1000  # per simpleText bubble
MAX_LABEL = 14  # button and quick-reply labels
MAX_CARD_TITLE = 50
MAX_CARD_DESCRIPTION = 230
SKILL_TIMEOUT = 5.0  # seconds Kakao waits for a skill
CALLBACK_VALID = 60.0  # seconds a callbackUrl accepts the answer

_MAX_PAYLOAD = 256
_MAX_USER_KEY = 128
_PICK_TTL = 30 * 60  # seconds a map-picker link stays valid
_PICKED = "/kakao picked"  # the quick reply that says "I picked the place on the map"
_PICK_STATE = "kakao_pick"  # where a picked place waits in the conversation's state
_NOTIFY_INTERVAL = 2.0
_NOTIFY_BATCH = 20
_URL = re.compile(r"https?://[^\s<>\"')\]]+")


# -- the skill payload -> what we need ---------------------------------------------------------
class BadPayload(ValueError):
    """A skill payload we cannot read; answered with a friendly skill response, never a 500."""


@dataclass(frozen=True)
class SkillCall:
    """One skill call, read and checked: the user, what they said or pressed, and the extras."""

    bot_id: str
    user_key: str
    utterance: str = ""
    payload: str | None = None  # a quick reply's payload (its ``extra``), or a block's "payload" param
    language: str | None = None
    callback_url: str | None = None
    photo_urls: tuple[str, ...] = ()
    more: tuple[tuple[str, str], ...] = ()  # "More ▶": the quick replies of the next page


def _dict(value: object, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadPayload(f"{where} must be an object")
    return value


def _string(value: object, where: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadPayload(f"{where} must be a string")
    value = normalise(value)
    if len(value) > limit:
        raise BadPayload(f"{where} is too long")
    return value


def language_of(lang: object) -> str | None:
    """Kakao's ``userRequest.lang`` ("ko", older payloads "kr", "en", ...) as ours."""
    if not isinstance(lang, str) or not lang:
        return None
    lang = lang.lower()
    return "ko" if lang.startswith(("ko", "kr")) else "en" if lang.startswith("en") else None


def _extra(action: dict) -> dict:
    # clientExtra is the quick reply's "extra"; older payloads carry the string "null" or nothing.
    extra = action.get("clientExtra")
    return extra if isinstance(extra, dict) else {}


def _more(extra: dict) -> tuple[tuple[str, str], ...]:
    raw = extra.get("more")
    if raw is None:
        return ()
    if not isinstance(raw, list) or len(raw) > 100:
        raise BadPayload("clientExtra.more must be a list")
    pairs = []
    for item in raw:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            raise BadPayload("clientExtra.more holds [label, payload] pairs")
        pairs.append((item[0][:200], item[1][:_MAX_PAYLOAD]))
    return tuple(pairs)


def photo_urls(action: dict) -> tuple[str, ...]:
    """The secure image plugin's URLs from ``action.params.secureimage`` (a JSON string whose
    ``secureUrls`` reads "List(https://..., ...)") or from ``detailParams.secureimage``."""
    found: list[str] = []
    params = action.get("params") if isinstance(action.get("params"), dict) else {}
    detail = action.get("detailParams") if isinstance(action.get("detailParams"), dict) else {}
    candidates: list[object] = [params.get("secureimage")]
    entry = detail.get("secureimage")
    if isinstance(entry, dict):
        candidates += [entry.get("origin"), entry.get("value")]
    for value in candidates:
        if isinstance(value, str):
            found.extend(url.rstrip(",") for url in _URL.findall(value))
    return tuple(dict.fromkeys(found))[:5]


def parse_skill(body: object, max_text_chars: int) -> SkillCall:
    """Read a skill payload (``userRequest``, ``action``, ``bot``); raises BadPayload when it is not one.

    Shapes, from Open Builder's skill payload reference: ``userRequest.utterance`` (what the user
    said, or a quick reply's messageText), ``userRequest.user.id`` (the per-bot user key),
    ``userRequest.lang``, ``userRequest.callbackUrl`` (callback blocks only), ``action.params`` and
    ``action.detailParams`` (block parameters: "payload", the plugin's "secureimage"),
    ``action.clientExtra`` (a quick reply's extra) and ``bot.id``.
    """
    body = _dict(body, "the payload")
    request = _dict(body.get("userRequest"), "userRequest")
    user = _dict(request.get("user"), "userRequest.user")
    user_key = _string(user.get("id"), "userRequest.user.id", _MAX_USER_KEY)
    if not user_key:
        raise BadPayload("userRequest.user.id is missing")
    bot = _dict(body.get("bot"), "bot")
    action = _dict(body.get("action"), "action")
    params = _dict(action.get("params"), "action.params")
    extra = _extra(action)
    payload = extra.get("payload", params.get("payload"))
    payload = _string(payload, "payload", _MAX_PAYLOAD) or None
    callback = request.get("callbackUrl")
    if callback is not None and not (
        isinstance(callback, str) and urlsplit(callback).scheme in ("http", "https")
    ):
        raise BadPayload("userRequest.callbackUrl must be a URL")
    return SkillCall(
        bot_id=_string(bot.get("id"), "bot.id", 200),
        user_key=user_key,
        utterance=_string(request.get("utterance"), "userRequest.utterance", max_text_chars * 2),
        payload=payload,
        language=language_of(request.get("lang")),
        callback_url=callback or None,
        photo_urls=photo_urls(action),
        more=_more(extra),
    )


# -- Reply -> skill response ---------------------------------------------------------------------
def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters; a cut is marked with an ellipsis."""
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Bubbles of at most ``limit`` characters, cut at a paragraph, a line or a space when possible."""
    text = text.strip()
    parts: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        cut = cut + 1 if cut > limit // 2 else limit
        parts.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        parts.append(text)
    return parts or [""]


def simple_text(text: str) -> dict:
    """A text bubble (the caller keeps it within MAX_TEXT)."""
    return {"simpleText": {"text": text}}


def quick_reply(label: str, payload: str) -> dict:
    """A quick reply that shows ``label`` as the user's message and carries the payload in ``extra``."""
    shown = clip(label, MAX_LABEL) or "…"  # Kakao refuses an empty label
    return {
        "label": shown,
        "action": "message",
        "messageText": clip(label, 200) or shown,
        "extra": {"payload": payload},
    }


def quick_replies(buttons: list[tuple[str, str]], language: str) -> list[dict]:
    """At most ten; more become pages, the tenth reply ("More ▶") carrying the rest in its extra."""
    if len(buttons) <= MAX_QUICK_REPLIES:
        return [quick_reply(label, payload) for label, payload in buttons]
    shown, rest = buttons[: MAX_QUICK_REPLIES - 1], buttons[MAX_QUICK_REPLIES - 1 :]
    more = t("kakao.more", language)
    replies = [quick_reply(label, payload) for label, payload in shown]
    replies.append(
        {
            "label": more,
            "action": "message",
            "messageText": more,
            "extra": {"more": [[label, payload] for label, payload in rest]},
        }
    )
    return replies


def links_of(reply: Reply, public_url: str = "") -> tuple[str, list[tuple[str, str]], str]:
    """(text without the links, [(button label, url)], card title): a reply's links become buttons.

    Sources (and ``related`` documents) may link to our own /knowledge/ pages: made absolute with
    ``public_url``, since Kakao opens only absolute links; without it they stay out of the card.
    """
    language = reply.language
    documents = [(s, "source") for s in reply.sources] + [(s, "related") for s in reply.related]
    if documents:
        text = reply.text
        links: list[tuple[str, str]] = []
        for index, (source, kind) in enumerate(documents):
            url = public_url + source.url if source.url.startswith("/") and public_url else source.url
            if not url.startswith(("http://", "https://")):
                # Kakao cannot open a path: the title stays, a long encoded path is noise.
                text = text.replace(f" — {source.url}", "").replace(source.url, "")
                continue
            if len(links) == MAX_CARD_BUTTONS:
                continue
            text = text.replace(f" — {url}", "").replace(url, "")
            if kind == "related":
                label = t("kakao.related_button", language)
            else:
                label = t("kakao.source_button", language) if index == 0 else source.title
            links.append((clip(label, MAX_LABEL), url))
        return text.strip(), links, documents[0][0].title
    links, lines = [], []
    for line in reply.text.splitlines():
        urls = _URL.findall(line)
        for url in urls:
            if len(links) < MAX_CARD_BUTTONS:
                links.append((_link_label(url, language), url))
            line = line.replace(url, "")
        if urls and (not line.strip() or line.strip().endswith(":")):
            continue  # "결과: <url>" says nothing once the url is a button
        lines.append(line.rstrip())
    text = "\n".join(lines).strip()
    first = text.split("\n", 1)[0]
    return text, links, first


def _link_label(url: str, language: str) -> str:
    path, fragment = urlsplit(url).path, urlsplit(url).fragment
    key = (
        "receipt_button"  # the poll page's receipt check (the receipt itself never goes in a URL)
        if path.startswith("/polls") and fragment == "receipt-title"
        else "results_button"
        if path.startswith("/polls")
        else "map_button"
        if path.startswith("/map")
        else "link_button"
    )
    return t(f"kakao.{key}", language)


def _card(title: str, description: str, buttons: list[dict]) -> dict:
    card: dict[str, Any] = {"buttons": buttons[:MAX_CARD_BUTTONS]}
    if title:
        card["title"] = clip(title, MAX_CARD_TITLE)
    if description:
        card["description"] = clip(description, MAX_CARD_DESCRIPTION)
    return {"textCard": card}


def web_link(label: str, url: str) -> dict:
    """A card button that opens ``url`` in KakaoTalk's browser."""
    return {"label": clip(label, MAX_LABEL), "action": "webLink", "webLinkUrl": url}


def render(
    reply: Reply,
    *,
    notices: list[str] | None = None,
    picker_url: str | None = None,
    photo_block_id: str = "",
    public_url: str = "",
) -> dict:
    """The Reply as a skill response ``template`` within Kakao's limits.

    Plain replies are text bubbles. A reply with links (an answer's sources, a poll receipt's
    results page, a report on the map) becomes a card with web-link buttons, the text inside it
    when it fits. ``notices`` (outbox news) come first. When the engine asks where, a card opens the
    map picker; when it asks for a photo, a quick reply starts the secure image plugin's block.
    """
    language = reply.language
    text, links, title = links_of(reply, public_url)
    cards: list[dict] = []
    if links:
        buttons = [web_link(label, url) for label, url in links]
        if reply.sources or reply.related:
            body = text
        elif len(title) <= MAX_CARD_TITLE:
            body = text[len(title) :].strip()
        else:  # a first line too long for a title: no title, the text as it is
            title, body = "", text
        if len(body) <= MAX_CARD_DESCRIPTION:
            cards.append(_card(title, body, buttons))
            text = ""
        else:
            hint = t("kakao.source_card" if reply.sources or reply.related else "kakao.link_card", language)
            cards.append(_card(title, hint, buttons))
    if reply.expects == "location" and picker_url:
        buttons = [web_link(t("kakao.pick_button", language), picker_url)]
        cards.append(_card(t("kakao.pick_title", language), t("kakao.pick_card", language), buttons))
    news = clip("\n".join(notices or []), MAX_TEXT)
    head = [simple_text(news)] if news else []
    room = max(1, MAX_OUTPUTS - len(head) - len(cards))
    bubbles = split_text(text) if text.strip() else []
    if len(bubbles) > room:
        bubbles = [*bubbles[: room - 1], clip("\n".join(bubbles[room - 1 :]), MAX_TEXT)]
    outputs = (head + [simple_text(b) for b in bubbles] + cards)[:MAX_OUTPUTS]
    if not outputs:
        outputs = [simple_text(reply.text.strip()[:MAX_TEXT] or "…")]
    template: dict[str, Any] = {"outputs": outputs}
    pairs = [(b.label, b.payload) for b in reply.buttons]
    if reply.expects == "location" and picker_url:
        pairs.append((t("kakao.picked_button", language), _PICKED))
    replies = quick_replies(pairs, language)
    if reply.expects == "photo" and photo_block_id and len(replies) < MAX_QUICK_REPLIES:
        label = t("kakao.photo_button", language)
        replies.insert(0, {"label": clip(label, MAX_LABEL), "action": "block", "blockId": photo_block_id})
    if replies:
        template["quickReplies"] = replies
    return template


def skill_response(template: dict) -> dict:
    """The version 2.0 envelope around a template (outputs, quickReplies)."""
    return {"version": "2.0", "template": template}


def text_response(text: str) -> dict:
    """A skill response of text alone, split into bubbles (errors, "still working")."""
    return skill_response({"outputs": [simple_text(b) for b in split_text(text)[:MAX_OUTPUTS]]})


# -- the map picker's token ------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def pick_token(secret: bytes, user_key: str, now: float | None = None) -> str:
    """A link token that binds the map picker to one conversation for ``_PICK_TTL`` seconds."""
    expires = int((now or time.time()) + _PICK_TTL)
    body = f"{_b64(user_key.encode())}.{expires}"
    signature = hmac.new(secret, b"kakao pick\x1f" + body.encode(), hashlib.sha256).digest()[:18]
    return f"{body}.{_b64(signature)}"


def read_pick_token(secret: bytes, token: str, now: float | None = None) -> str | None:
    """The user key a valid, unexpired token names; None otherwise."""
    try:
        user, expires, signature = token.split(".")
        body = f"{user}.{expires}"
        wanted = hmac.new(secret, b"kakao pick\x1f" + body.encode(), hashlib.sha256).digest()[:18]
        if not hmac.compare_digest(_unb64(signature), wanted) or int(expires) < (now or time.time()):
            return None
        return _unb64(user).decode()
    except (ValueError, UnicodeDecodeError):
        return None


# -- photos -----------------------------------------------------------------------------------
class PhotoTooLarge(Exception):
    pass


def host_allowed(url: str, hosts: tuple[str, ...]) -> bool:
    """Only fetch from Kakao's image hosts (a skill payload must not make us fetch anything else)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme in ("http", "https") and any(host == h or host.endswith("." + h) for h in hosts)


async def fetch_photo(session: aiohttp.ClientSession, url: str, limit: int, timeout: float) -> bytes:
    """The image's bytes, refusing more than ``limit`` without reading them all (PhotoTooLarge)."""
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    async with session.get(url, timeout=client_timeout, allow_redirects=False) as response:
        response.raise_for_status()
        if response.content_length is not None and response.content_length > limit:
            raise PhotoTooLarge
        chunks, size = [], 0
        async for chunk in response.content.iter_chunked(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise PhotoTooLarge
            chunks.append(chunk)
    return b"".join(chunks)


# -- notifications through a business-message provider ------------------------------------------
class KakaoNotifier:
    """Sends the outbox's "kakao" notifications as 알림톡 through the city's provider.

    The request is the shape most Korean providers take: ``POST CIVICBOT_KAKAO_NOTIFY_URL`` with
    ``Authorization: Bearer <key>`` and JSON ``{sender_key, template_code, user_key, serial_number,
    message}``; 2xx is sent, 429 and 5xx are retried with back-off, other 4xx are given up (a user who
    blocked the channel, a template the provider refuses). ``send`` is the one provider-specific call.
    """

    name = CHANNEL

    def __init__(self, settings: Settings, session: aiohttp.ClientSession) -> None:
        self.settings = settings
        self.session = session

    async def send(self, notification: outbox.Notification) -> tuple[str, str]:
        """('sent' | 'retry' | 'give_up', reason). Never raises for the provider's answers."""
        body = {
            "sender_key": self.settings.kakao_sender_key,
            "template_code": self.settings.kakao_template_code,
            "user_key": notification.recipient,
            "serial_number": f"civicbot-{notification.id}",
            "message": notification.text,
        }
        headers = {"Authorization": f"Bearer {self.settings.kakao_notify_key}"}
        try:
            async with self.session.post(
                self.settings.kakao_notify_url,
                json=body,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=10),
            ) as response:
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            return "retry", type(exc).__name__
        if 200 <= status < 300:
            return "sent", ""
        if status == 429 or status >= 500:
            return "retry", f"HTTP {status}"
        return "give_up", f"HTTP {status}"

    async def drain(self, db: Database) -> int:
        """Send what is due in the outbox; returns how many were tried."""
        due = await db.execute_fn(lambda conn: outbox.due(conn, CHANNEL, _NOTIFY_BATCH))
        for notification in due:
            outcome, reason = await self.send(notification)
            nid = notification.id
            if outcome == "sent":
                await db.execute_write_fn(lambda conn, nid=nid: outbox.mark_sent(conn, nid))
            elif outcome == "retry":
                seconds = min(30.0 * 2**notification.attempts, 3600.0)
                await db.execute_write_fn(
                    lambda conn, nid=nid, s=seconds, r=reason: outbox.retry_later(conn, nid, s, r)
                )
            else:
                await db.execute_write_fn(lambda conn, nid=nid, r=reason: outbox.give_up(conn, nid, r))
                log.info("kakao: notification %d given up (%s)", nid, reason)
        return len(due)


def _take_news(conn, user_key: str, channels: tuple[str, ...]) -> list[str]:
    marks = ",".join("?" * len(channels))
    rows = conn.execute(
        f"""SELECT id, text FROM outbox WHERE channel IN ({marks}) AND recipient = ?
            AND sent_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT 5""",
        [*channels, user_key],
    ).fetchall()
    for row_id, _ in rows:
        outbox.mark_sent(conn, row_id)
    return [text for _, text in rows]


# -- the channel -------------------------------------------------------------------------------
class KakaoChannel:
    """Answers skill calls: authentication, the Dialogue in time (or by callback), rendering."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        dialogue: Callable[[], Awaitable[Dialogue | None]],
        limiter: Any,
        session: aiohttp.ClientSession,
        server_secret: bytes,
    ) -> None:
        self.settings = settings
        self.db = db
        self._dialogue = dialogue
        self._limiter = limiter
        self.session = session
        self._pick_secret = hmac.new(server_secret, b"civicbot kakao picker", hashlib.sha256).digest()
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
        self._tasks: set[asyncio.Task] = set()
        self.notifier = KakaoNotifier(settings, session) if settings.kakao_notify_url else None

    # -- authentication -----------------------------------------------------------------------
    def authentic(self, request: web.Request) -> bool:
        """The secret from the header or the URL's last part, compared in constant time."""
        given = request.headers.get(SECRET_HEADER) or request.match_info.get("secret", "")
        expected = self.settings.kakao_secret.encode()
        return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected)

    # -- one skill call -------------------------------------------------------------------------
    async def respond(self, body: object) -> dict:
        """The skill response for one authenticated call: always a valid one, within the time."""
        try:
            call = parse_skill(body, self.settings.max_text_chars)
        except BadPayload as exc:
            log.info("kakao: unreadable skill payload (%s)", exc)
            return text_response(t("kakao.bad_payload", "ko"))
        if not hmac.compare_digest(call.bot_id.encode(), self.settings.kakao_bot_id.encode()):
            raise PermissionError("wrong bot id")
        task = asyncio.create_task(self._template_for(call))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        try:
            template = await asyncio.wait_for(asyncio.shield(task), self.settings.kakao_reply_seconds)
        except TimeoutError:
            return self._too_slow(call, task)
        return skill_response(template)

    def _too_slow(self, call: SkillCall, task: asyncio.Task) -> dict:
        language = call.language or "ko"
        if call.callback_url:
            self._spawn(self._answer_by_callback(call.callback_url, task))
            return {"version": "2.0", "useCallback": True, "data": {"text": t("kakao.thinking", language)}}
        self._spawn(self._answer_later(call.user_key, task))
        return text_response(t("kakao.late", language))

    def _spawn(self, coroutine: Awaitable[None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _answer_by_callback(self, url: str, task: asyncio.Task) -> None:
        started = time.monotonic()
        try:
            template = await asyncio.wait_for(task, CALLBACK_VALID - 5)
        except Exception:
            log.exception("kakao: a slow answer failed")
            template = {"outputs": [simple_text(t("engine.flow_failed", "ko"))]}
        try:
            timeout = aiohttp.ClientTimeout(total=max(1.0, CALLBACK_VALID - (time.monotonic() - started)))
            async with self.session.post(url, json=skill_response(template), timeout=timeout) as response:
                if response.status >= 400:
                    log.warning("kakao: the callback answered HTTP %d", response.status)
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("kakao: the callback failed (%s)", type(exc).__name__)  # never the URL: it is a key

    async def _answer_later(self, user_key: str, task: asyncio.Task) -> None:
        try:
            template = await task
        except Exception:
            log.exception("kakao: a slow answer failed")
            return
        texts = [o["simpleText"]["text"] for o in template["outputs"] if "simpleText" in o]
        texts += [
            "\n".join(filter(None, [o["textCard"].get("title"), o["textCard"].get("description")]))
            + "".join(f"\n{b['webLinkUrl']}" for b in o["textCard"]["buttons"] if "webLinkUrl" in b)
            for o in template["outputs"]
            if "textCard" in o
        ]
        text = "\n\n".join(texts)
        await self.db.execute_write_fn(lambda conn: outbox.enqueue(conn, LATE, user_key, text))

    async def _template_for(self, call: SkillCall) -> dict:
        language = call.language or "ko"
        if self._limiter is not None and not self._limiter.allow(f"{CHANNEL}:{call.user_key}"):
            return {"outputs": [simple_text(t("engine.too_fast", language))]}
        if call.more:
            replies = quick_replies(list(call.more), language)
            return {"outputs": [simple_text(t("kakao.more_text", language))], "quickReplies": replies}
        dialogue = await self._dialogue()
        if dialogue is None:
            return {"outputs": [simple_text(t("kakao.starting", language))]}
        lock = self._locks.get(call.user_key)
        if lock is None:
            lock = self._locks[call.user_key] = asyncio.Lock()
        async with lock:
            return await self._converse(dialogue, call)

    async def _converse(self, dialogue: Dialogue, call: SkillCall) -> dict:
        key = f"{CHANNEL}:{call.user_key}"
        saved = await dialogue.store.load(key)
        language = saved.get("language") or call.language or "ko"
        if len(call.utterance) > self.settings.max_text_chars:
            limit = self.settings.max_text_chars
            return {"outputs": [simple_text(t("engine.too_long", language, limit=limit))]}
        photo = None
        if call.photo_urls:
            photo, problem = await self._photo(call.photo_urls[0], language)
            if problem:
                return {"outputs": [simple_text(problem)]}
        location = await self._take_pick(dialogue, key, saved)
        payload, text = call.payload, call.utterance
        if payload == _PICKED:
            payload, text = None, ""
        elif photo is not None:
            text = ""  # the plugin's block sends its own utterance; the photo is the message
        incoming = Incoming(
            channel=CHANNEL,
            conversation_id=call.user_key,
            text=text,
            user_id=call.user_key,
            payload=payload,
            language=call.language,
            location=location,
            photo=photo,
            reply_to=call.user_key,
        )
        reply = await dialogue.handle(incoming)
        picker = self._picker_url(call.user_key) if reply.expects == "location" else None
        news = await self._news(call.user_key)  # taken only with a reply that shows them
        return render(
            reply,
            notices=news,
            picker_url=picker,
            photo_block_id=self.settings.kakao_photo_block_id,
            public_url=self.settings.public_url,
        )

    async def _news(self, user_key: str) -> list[str]:
        """Outbox notifications for this user that no provider delivered (or late answers)."""
        channels = (LATE,) if self.notifier else (LATE, CHANNEL)
        exists = await self.db.execute_fn(
            lambda conn: conn.execute(
                f"SELECT 1 FROM outbox WHERE channel IN ({','.join('?' * len(channels))}) AND recipient = ? "
                "AND sent_at IS NULL AND failed_at IS NULL LIMIT 1",
                [*channels, user_key],
            ).fetchone()
        )
        if not exists:
            return []  # the common case costs one read, never a write
        return await self.db.execute_write_fn(lambda conn: _take_news(conn, user_key, channels))

    async def _photo(self, url: str, language: str) -> tuple[bytes | None, str]:
        if not host_allowed(url, self.settings.kakao_image_hosts):
            log.warning("kakao: refused a photo from a host that is not Kakao's")
            return None, t("kakao.photo_failed", language)
        limit = self.settings.photo_max_bytes
        try:
            return await fetch_photo(self.session, url, limit, timeout=SKILL_TIMEOUT), ""
        except PhotoTooLarge:
            return None, t("engine.photo_too_large", language, limit=f"{limit / 1_048_576:.3g}")
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("kakao: fetching a photo failed (%s)", type(exc).__name__)
            return None, t("kakao.photo_failed", language)

    async def _take_pick(self, dialogue: Dialogue, key: str, saved: dict) -> tuple[float, float] | None:
        state = dict(saved.get("state") or {})
        pick = state.pop(_PICK_STATE, None)
        if pick is None:
            return None
        await dialogue.store.save(key, CHANNEL, saved.get("language") or "ko", state)
        return float(pick[0]), float(pick[1])

    def _picker_url(self, user_key: str) -> str | None:
        if not self.settings.public_url:
            return None  # Kakao needs an absolute link
        return f"{self.settings.public_url}{PICK_PATH}#{pick_token(self._pick_secret, user_key)}"

    async def store_pick(self, token: str, lat: float, lon: float) -> bool:
        """The map picker's place, kept in the conversation until the user's next message."""
        user_key = read_pick_token(self._pick_secret, token)
        dialogue = await self._dialogue()
        if user_key is None or dialogue is None:
            return False
        key = f"{CHANNEL}:{user_key}"
        lock = self._locks.get(user_key)
        if lock is None:
            lock = self._locks[user_key] = asyncio.Lock()
        async with lock:
            saved = await dialogue.store.load(key)
            state = dict(saved.get("state") or {})
            state[_PICK_STATE] = [lat, lon]
            await dialogue.store.save(key, CHANNEL, saved.get("language") or "ko", state)
        return True

    async def language_of_pick(self, token: str) -> str:
        """The conversation's language, for the picker's answer ("ko" when the token is bad)."""
        user_key = read_pick_token(self._pick_secret, token)
        dialogue = await self._dialogue()
        if user_key is None or dialogue is None:
            return "ko"
        return (await dialogue.store.load(f"{CHANNEL}:{user_key}")).get("language") or "ko"

    async def close(self) -> None:
        """Cancel the answers still in flight (server shutdown)."""
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


# -- HTTP -------------------------------------------------------------------------------------
CHANNEL_KEY = web.AppKey("kakao", KakaoChannel)


def _json(body: object, status: int = 200) -> web.Response:
    return web.json_response(body, status=status, dumps=dumps)


def _refused(status: int, code: str, message: str) -> web.Response:
    return _json({"error": {"code": code, "message": message}}, status)


async def skill(request: web.Request) -> web.Response:
    """POST /kakao/skill (secret in the header) or /kakao/skill/{secret}: one Open Builder skill call.

    Anything but a wrong secret or bot id gets 200 with a valid skill response, so the user always
    sees a friendly bubble rather than Kakao's error; nothing here logs the secret or the path.
    """
    channel = request.app[CHANNEL_KEY]
    if not channel.authentic(request):
        return _refused(403, "forbidden", "Wrong or missing skill secret.")
    try:
        # The shared decoder: bad UTF-8, lone surrogates, deep nesting and huge numbers are a bad
        # payload (a friendly bubble), as is a body over the server's limit.
        body = httpjson.loads(await httpjson.read_limited(request, request.client_max_size))
        return _json(await channel.respond(body))
    except PermissionError:
        return _refused(403, "forbidden", "This skill belongs to another bot.")
    except (httpjson.BodyError, web.RequestPayloadError, HttpProcessingError):  # a body that does not
        # decompress is the sender's fault too, not a failed skill call
        return _json(text_response(t("kakao.bad_payload", "ko")))
    except Exception:
        log.exception("kakao: a skill call failed")
        return _json(text_response(t("engine.flow_failed", "ko")))


async def pick_page(request: web.Request) -> web.Response:
    """GET /kakao/pick: the map picker. The token travels in the URL's fragment, which browsers never
    send to the server, so it never reaches a log."""
    settings = request.app[keys.SETTINGS]
    shipped = i18n.catalogue().subset("kakao")
    pick = ("page_title", "page_help", "page_send", "page_done", "page_expired", "page_pick_first")
    strings = {k: {lang: shipped[lang][k] for lang in shipped} for k in pick}
    config = json.dumps({"strings": strings, "bbox": settings.city_bbox}, ensure_ascii=False)
    title = " · ".join(t("kakao.page_title", lang) for lang in i18n.LANGUAGES)
    html = _PAGE.replace("{config}", _html_attr(config)).replace("{title}", _html_attr(title))
    return web.Response(text=html, content_type="text/html", headers={"Cache-Control": "no-store"})


def _html_attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


async def pick_script(request: web.Request) -> web.Response:
    """GET /kakao/pick.js: the picker's script (our pages' CSP allows no inline script)."""
    return web.Response(text=_SCRIPT, content_type="application/javascript")


async def pick_post(request: web.Request) -> web.Response:
    """POST /kakao/pick {token, lat, lon}: remember the picked place for the conversation."""
    channel = request.app[CHANNEL_KEY]
    try:
        body = httpjson.loads(await httpjson.read_limited(request, 64 * 1024))
        token, lat, lon = body["token"], body["lat"], body["lon"]
        if not isinstance(token, str) or any(
            isinstance(v, bool) or not isinstance(v, int | float) for v in (lat, lon)
        ):
            raise ValueError
        lat, lon = float(lat), float(lon)
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError
    except (ValueError, KeyError, TypeError, web.RequestPayloadError, HttpProcessingError):
        # httpjson.BodyError is a ValueError; aiohttp's two are a body that does not decompress
        return _refused(400, "invalid_place", "Send {token, lat, lon} with a place on Earth.")
    if not await channel.store_pick(token[:400], lat, lon):
        return _refused(403, "expired", "The link has expired; continue the report in KakaoTalk.")
    language = await channel.language_of_pick(token[:400])
    return _json({"ok": True, "message": t("kakao.page_done", language)})


def setup(app: web.Application) -> None:
    """Add the skill route, the map picker and the channel's cleanup_ctx when Kakao is configured."""
    settings = app[keys.SETTINGS]
    if not (settings.kakao_secret and settings.kakao_bot_id):
        log.info("kakao: off (no CIVICBOT_KAKAO_SECRET / CIVICBOT_KAKAO_BOT_ID)")
        return
    app.router.add_post(SKILL_PATH, skill)
    app.router.add_post(SKILL_PATH + "/{secret}", skill)
    app.router.add_get(PICK_PATH, pick_page)
    app.router.add_get(PICK_PATH + ".js", pick_script)
    app.router.add_post(PICK_PATH, pick_post)
    app.cleanup_ctx.append(kakao_channel)


class Redact(logging.Filter):
    """Takes the skill secret out of log records: aiohttp's access log (on in some deployments and
    in tests) prints the path, and the secret may be its last part."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and self.secret in record.msg:
            record.msg = record.msg.replace(self.secret, "[redacted]")
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            if any(isinstance(a, str) and self.secret in a for a in args):
                record.args = tuple(
                    a.replace(self.secret, "[redacted]") if isinstance(a, str) else a for a in args
                )
        for name, value in list(vars(record).items()):
            if isinstance(value, str) and self.secret in value:
                setattr(record, name, value.replace(self.secret, "[redacted]"))
        return True


async def kakao_channel(app: web.Application) -> AsyncIterator[None]:
    settings, slot = app[keys.SETTINGS], app[keys.ENGINE]
    redact = Redact(settings.kakao_secret)
    access_log = logging.getLogger("aiohttp.access")
    access_log.addFilter(redact)

    async def dialogue() -> Dialogue | None:
        await slot.ready.wait()
        return slot.engine.dialogue if slot.engine else None

    server_secret = await asyncio.to_thread(settings.secret)
    limiters = app.get(keys.LIMITERS)
    session = aiohttp.ClientSession()
    channel = KakaoChannel(
        settings, app[keys.DATABASE], dialogue, getattr(limiters, "messages", None), session, server_secret
    )
    app[CHANNEL_KEY] = channel
    sender = asyncio.create_task(_send_notifications(channel)) if channel.notifier else None
    yield
    if sender is not None:
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender
    await channel.close()
    await session.close()
    access_log.removeFilter(redact)


async def _send_notifications(channel: KakaoChannel) -> None:
    assert channel.notifier is not None
    while True:
        try:
            sent = await channel.notifier.drain(channel.db)
        except Exception:  # the database was busy: the rows stay queued for the next pass
            log.exception("kakao: notification pass failed")
            sent = 0
        await asyncio.sleep(0 if sent >= _NOTIFY_BATCH else _NOTIFY_INTERVAL)


# -- the map picker page (served from here so the adapter stays one file) ---------------------
_PAGE = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">
<link rel="stylesheet" href="/static/map.css">
</head><body>
<main id="picker" data-config="{config}">
<h1 id="title"></h1><p id="help"></p>
<div id="map" class="map" role="application"></div>
<p id="picked" aria-live="polite"></p>
<button id="send" type="button"></button>
<p id="status" role="status" aria-live="polite"></p>
</main>
<script src="/static/vendor/leaflet/leaflet.js"></script>
<script src="/kakao/pick.js"></script>
</body></html>
"""

_SCRIPT = """(function () {
  "use strict";
  var root = document.getElementById("picker");
  var config = JSON.parse(root.getAttribute("data-config"));
  var lang = (navigator.language || "ko").toLowerCase().indexOf("ko") === 0 ? "ko" : "en";
  function t(key) { return config.strings[key][lang] || config.strings[key].ko; }
  var token = decodeURIComponent(location.hash.replace(/^#/, ""));
  document.getElementById("title").textContent = t("page_title");
  document.getElementById("help").textContent = t("page_help");
  var send = document.getElementById("send");
  var status = document.getElementById("status");
  send.textContent = t("page_send");
  var b = config.bbox;
  var point = [(b[1] + b[3]) / 2, (b[0] + b[2]) / 2];
  var map = L.map("map", { center: point, zoom: 11, maxZoom: 18, keyboard: true });
  /* The city's district outlines, as on the public map: no third-party tile server. */
  fetch("/api/complaints/districts.geojson")
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
    .then(function (geojson) {
      var style = { color: "#4a4a4a", weight: 1, fillColor: "#dbe7f6", fillOpacity: 0.6, interactive: false };
      L.geoJSON(geojson, { style: style, interactive: false }).addTo(map).bringToBack();
    })
    .catch(function () { /* the picker still works without outlines */ });
  var marker = L.circleMarker(point, { radius: 9, color: "#b3261e", weight: 3, fillOpacity: 0.5 }).addTo(map);
  /* Nothing is picked until the citizen taps: the map's starting point is no place of theirs. */
  var chosen = false;
  var picked = document.getElementById("picked");
  picked.textContent = t("page_pick_first");
  send.setAttribute("aria-disabled", "true");
  function show() {
    picked.textContent = point[0].toFixed(5) + ", " + point[1].toFixed(5);
  }
  map.on("click", function (e) {
    point = [e.latlng.lat, e.latlng.lng];
    chosen = true;
    send.removeAttribute("aria-disabled");
    marker.setLatLng(e.latlng);
    show();
  });
  send.addEventListener("click", function () {
    if (!chosen) { status.textContent = t("page_pick_first"); return; }
    fetch("/kakao/pick", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: token, lat: point[0], lon: point[1] })
    }).then(function (r) { return r.json().then(function (body) { return [r.ok, body]; }); })
      .then(function (result) {
        status.textContent = result[0] ? result[1].message : t("page_expired");
        if (result[0]) send.disabled = true;
      })
      .catch(function () { status.textContent = t("page_expired"); });
  });
})();
"""
