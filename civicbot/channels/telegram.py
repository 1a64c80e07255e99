"""The Telegram channel: python-telegram-bot inside our aiohttp server.

A thin adapter. It turns a Telegram update into an ``Incoming``, asks the one ``Dialogue``, and renders
the ``Reply`` in Telegram's idiom: inline keyboards for buttons, a reply keyboard with a "share
location" button when the engine asks where, HTML links for sources, the poll message edited in place
while the user is choosing, and every callback query answered.

The ``Application`` has no Updater: our webhook route (civicbot/web/telegram.py) feeds it, or, with no
public URL, a getUpdates loop of our own does. What must survive a restart lives in SQLite: which
updates were processed (Telegram redelivers after a crash), the payloads of buttons too long for
Telegram's 64-byte callback data, and the outbox of notifications.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import hashlib
import hmac
import html
import logging
import os
import secrets
import time
import unicodedata
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable

import sqlite_utils
from aiohttp import web
from telegram import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    LinkPreviewOptions,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
    User,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from civicbot import keys, outbox
from civicbot.channels.telegram_store import (
    claim_update,
    finish_update,
    forget_old_updates,
    store_payload,
    stored_payload,
)
from civicbot.config import Settings
from civicbot.db import Database
from civicbot.dialogue import Button, Dialogue, Incoming, Reply
from civicbot.i18n import t
from civicbot.ratelimit import RateLimiter
from civicbot.text import clean

log = logging.getLogger(__name__)

# python-telegram-bot 22 warns on every 429 that retry_after will become a timedelta; opt in to
# that now (it is read when a RetryAfter is built), unless the deployer chose otherwise.
os.environ.setdefault("PTB_TIMEDELTA", "true")

CHANNEL = "telegram"
WEBHOOK_PATH = "/telegram/webhook"
# The update types the handlers below understand; Telegram sends no others (setWebhook/getUpdates).
ALLOWED_UPDATES = ["message", "callback_query"]
CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit for callback_data
LONG_PAYLOAD_PREFIX = "~"  # callback data that names a stored payload instead of carrying it
MAX_TEXT = 3800  # Telegram allows 4096 characters; leave room for the source links
POLL_TIMEOUT = 25  # seconds a getUpdates long poll waits for news
OUTBOX_INTERVAL = 1.0  # seconds between two looks at the outbox
OUTBOX_BATCH = 30  # notifications sent per pass: Telegram's overall limit is 30 messages/s
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


COMMANDS = ("start", "help", "polls", "report", "status")


# -- secrets never reach a log line --------------------------------------------------------------
def quiet_http_loggers() -> None:
    """httpx logs every request URL at INFO, and the Bot API puts the token in the URL; PTB logs its
    base URL (token included) at DEBUG. Keep both above the levels where they would."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    ptb = logging.getLogger("telegram")
    if ptb.level < logging.INFO:  # NOTSET too: it would follow a root logger set to DEBUG later
        ptb.setLevel(logging.INFO)


def webhook_secret(settings: Settings) -> str:
    """The configured secret, or one derived from the server secret: the webhook never runs open."""
    if settings.telegram_secret:
        return settings.telegram_secret
    return hmac.new(settings.secret(), b"civicbot telegram webhook", hashlib.sha256).hexdigest()


def _retry_seconds(exc: RetryAfter) -> float:
    value = exc.retry_after  # a timedelta with PTB_TIMEDELTA (set above), an int without
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


# -- Update -> Incoming ------------------------------------------------------------------------
def language_hint(user: User | None) -> str | None:
    """Telegram's interface language: Korean stays Korean; any other is closer to English than Korean."""
    code = (user.language_code or "") if user else ""
    if not code:
        return None
    return "ko" if code.lower().startswith("ko") else "en"


def command_payload(text: str) -> str | None:
    """'/status@CivicBot SEL-1' -> '/status SEL-1'. A command is a button press, not prose: it says
    nothing about the user's language, so it goes to the Dialogue as a payload."""
    if not text.startswith("/"):
        return None
    command, _, rest = text.partition(" ")
    command = command.split("@", 1)[0]
    return f"{command} {rest.strip()}".strip()


class PhotoTooLarge(Exception):
    pass


# -- Reply -> Telegram -------------------------------------------------------------------------
def render_text(reply: Reply, public_url: str = "") -> str:
    """The reply as Telegram HTML: the text escaped, its sources as links.

    The engine writes "Source: <title> (<date>) — <url>"; that becomes the title linked to the url.
    A document the bot serves itself (/knowledge/...) is linked through ``public_url``; without one
    Telegram could not open it, so it stays plain text. Other sources follow as a list of links.
    """
    body = reply.text if len(reply.text) <= MAX_TEXT else reply.text[: MAX_TEXT - 1] + "…"
    text = html.escape(body, quote=False)
    extra = []
    for source in reply.sources:
        url = source.url
        if url.startswith("/"):
            url = public_url + url if public_url else ""
        if not url:
            continue
        title = f"{source.title} ({source.dated})" if source.dated else source.title
        link = f'<a href="{html.escape(url)}">{html.escape(title, quote=False)}</a>'
        written = html.escape(f"{title} — {url}", quote=False)
        if written in text:
            text = text.replace(written, link)
        elif url not in body:
            extra.append("🔗 " + link)
    if extra:
        text += f"\n\n<b>{t('telegram.read_more', reply.language)}</b>\n" + "\n".join(extra)
    return text


def keyboard_rows(buttons: list[tuple[str, str]]) -> list[list[InlineKeyboardButton]]:
    """Short labels share a row (three district names, two menu items), long ones get a row each,
    so a list of 25 districts fits on a phone screen."""
    rows: list[list[InlineKeyboardButton]] = []
    for label, data in buttons:
        button = InlineKeyboardButton(label, callback_data=data)
        if rows and _fits([*rows[-1], button]):
            rows[-1].append(button)
        else:
            rows.append([button])
    return rows


def _fits(row: list[InlineKeyboardButton]) -> bool:
    widest = max(_width(button.text) for button in row)
    return len(row) <= (3 if widest <= 10 else 2 if widest <= 16 else 1)


def _width(label: str) -> int:
    # Hangul and other wide characters take two columns on screen.
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in label)


def screen_of(payload: str) -> str | None:
    """The poll a '/vote <poll> ...' payload belongs to: buttons of the same poll are one screen."""
    words = payload.split()
    if len(words) >= 2 and words[0] == "/vote":
        return f"/vote {words[1]}"
    return None


def same_screen(pressed: str, reply: Reply) -> bool:
    """A press that leads to more buttons of the same poll (toggle an option, answer a demographic
    question) is best shown by editing the poll message in place rather than adding a message."""
    screen = screen_of(pressed)
    return screen is not None and any(screen_of(button.payload) == screen for button in reply.buttons)


def is_flow_step(pressed: str) -> bool:
    # A step of a vote or a report; once taken, its keyboard should not be pressed a second time.
    return pressed.startswith(("/vote ", "/report "))


def location_keyboard(language: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(t("telegram.share_location", language), request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def redact(text: str, *secret_values: str) -> str:
    for value in secret_values:
        if value:
            text = text.replace(value, "[redacted]")
    return text


# -- the channel -------------------------------------------------------------------------------
class TelegramChannel:
    """Owns the PTB Application, the update path (webhook or polling) and the outbox sender."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        dialogue: Callable[[], Awaitable[Dialogue | None]],
        limiter: RateLimiter | None,
        secret: str,
    ) -> None:
        self.settings = settings
        self.db = db
        self.secret = secret
        self._dialogue = dialogue  # waits for the engine; None when it failed to load
        self._limiter = limiter
        self._run_id = secrets.token_hex(8)
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
        self._warned: dict[str, float] = {}
        self._tasks: list[asyncio.Task] = []
        self._pause_until = 0.0
        self.connected = asyncio.Event()  # set once getMe, setMyCommands and the webhook succeeded
        self.application = self._build_application()

    @property
    def bot(self):
        return self.application.bot

    @property
    def mode(self) -> str:
        return "webhook" if self.settings.public_url else "polling"

    def _build_application(self) -> Application:
        quiet_http_loggers()
        api = self.settings.telegram_api_url
        # With the rate limits off (load tests), the limiter still honours a 429's retry_after but
        # no longer spaces messages out to Telegram's 30/s.
        limits = {} if self.settings.rate_limit else {"overall_max_rate": 0, "group_max_rate": 0}
        application = (
            Application.builder()
            .token(self.settings.telegram_token)
            .base_url(f"{api}/bot")
            .base_file_url(f"{api}/file/bot")
            .updater(None)
            .rate_limiter(AIORateLimiter(**limits))
            .build()
        )
        application.add_handler(CallbackQueryHandler(self._on_callback))
        wanted = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE
        application.add_handler(MessageHandler(wanted, self._on_message))
        # Last in the group, so it runs only when nothing above matched.
        application.add_handler(TypeHandler(object, self._on_unhandled))
        application.add_error_handler(self._on_error)
        return application

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> None:
        """Connect in the background: the server answers at once, whatever Telegram's state."""
        self._tasks.append(asyncio.create_task(self._connect_and_serve(), name="telegram-connect"))

    async def stop(self) -> None:
        while self._tasks:
            task = self._tasks.pop()
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
            except Exception:
                log.exception("telegram: a background task failed while stopping")
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    async def _connect_and_serve(self) -> None:
        delay = 1.0
        while True:
            try:
                await self._connect()
                break
            except InvalidToken:
                log.error("telegram: the bot token was rejected; check CIVICBOT_TELEGRAM_TOKEN")
                return
            except TelegramError as exc:
                log.warning(
                    "telegram: cannot connect yet (%s); retrying in %.0fs", self._describe(exc), delay
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60.0)
        self._tasks.append(asyncio.create_task(self._drain_outbox_forever(), name="telegram-outbox"))
        if self.mode == "polling":
            self._tasks.append(asyncio.create_task(self._poll_forever(), name="telegram-polling"))

    async def _connect(self) -> None:
        await self.application.initialize()  # getMe
        if not self.application.running:
            await self.application.start()
        await self.db.execute_write_fn(forget_old_updates)
        await self._set_commands()
        if self.mode == "webhook":
            await self.bot.set_webhook(
                url=self.settings.public_url + WEBHOOK_PATH,
                secret_token=self.secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            await self.bot.delete_webhook()  # getUpdates refuses to run while a webhook is set
        self.connected.set()
        log.info("telegram: connected as @%s (%s)", self.bot.username, self.mode)

    async def _set_commands(self) -> None:
        for language, code in (("en", None), ("ko", "ko")):
            commands = [BotCommand(name, t(f"engine.telegram.cmd_{name}", language)) for name in COMMANDS]
            await self.bot.set_my_commands(commands, language_code=code)

    # -- updates in -----------------------------------------------------------------------
    async def feed(self, data: dict) -> str:
        """One update from the webhook: 'processed', 'duplicate' or 'ignored'."""
        try:
            update = Update.de_json(data, self.bot)
        except Exception as exc:
            log.warning("telegram: ignored an update that is not one (%s)", type(exc).__name__)
            return "ignored"
        if not isinstance(update.update_id, int):
            log.warning("telegram: ignored an update without an update_id")
            return "ignored"
        return await self.process(update)

    async def process(self, update: Update) -> str:
        """Process an update once, even when Telegram delivers it again (a retry, a restart)."""
        bot_id, update_id = self.bot.id, update.update_id
        claimed = await self.db.execute_write_fn(lambda db: claim_update(db, bot_id, update_id, self._run_id))
        if not claimed:
            log.info("telegram: update %d already processed", update_id)
            return "duplicate"
        try:
            await self.application.process_update(update)
        except Exception:  # PTB sends handler errors to _on_error; this is anything else
            log.exception("telegram: update %d failed", update_id)
        await self.db.execute_write_fn(lambda db: finish_update(db, bot_id, update_id))
        return "processed"

    async def _poll_forever(self) -> None:
        """Long polling for a server with no public URL (a developer's laptop)."""
        offset: int | None = None
        delay = 1.0
        while True:
            try:
                updates = await self.bot.get_updates(
                    offset=offset, timeout=POLL_TIMEOUT, allowed_updates=ALLOWED_UPDATES
                )
            except TimedOut:
                continue
            except RetryAfter as exc:
                await asyncio.sleep(_retry_seconds(exc))
                continue
            except InvalidToken:
                log.error("telegram: the bot token was rejected; polling stops")
                return
            except TelegramError as exc:  # Conflict: another server polls this bot; or the network
                log.warning("telegram: getUpdates failed (%s); retrying in %.0fs", self._describe(exc), delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60.0)
                continue
            delay = 1.0
            for update in updates:
                offset = update.update_id + 1
                try:
                    await self.process(update)
                except Exception:  # the next update must still be read
                    log.exception("telegram: update %d failed", update.update_id)

    # -- handlers -------------------------------------------------------------------------
    async def _on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.message, update.effective_user
        if message is None:
            return
        if not await self._allow(user, message.chat.id, language_hint(user) or "ko"):
            return
        try:
            incoming = await self._incoming_from_message(message, user)
        except PhotoTooLarge:
            language = await self._language(message.chat.id, user)
            limit = f"{self.settings.photo_max_bytes / 1_048_576:.3g}"
            await self._send(message.chat.id, t("engine.photo_too_large", language, limit=limit))
            return
        if incoming is None:
            language = await self._language(message.chat.id, user)
            await self._send(message.chat.id, t("telegram.unsupported", language))
            return
        if len(incoming.text) > self.settings.max_text_chars:  # the same limit as the HTTP API
            language = await self._language(message.chat.id, user)
            await self._send(
                message.chat.id, t("engine.too_long", language, limit=self.settings.max_text_chars)
            )
            return
        reply = await self._converse(incoming)
        await self._deliver(message.chat.id, reply)

    async def _on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        message = query.message
        if message is None:  # a button of an inline-mode message: we never send those
            await query.answer()
            return
        payload = await self._payload_of(query.data or "")
        if payload is None:
            language = await self._language(message.chat.id, query.from_user)
            await query.answer(t("telegram.button_expired", language))
            return
        await query.answer()  # stop the button's spinner before the work, which may take a moment
        if not await self._allow(query.from_user, message.chat.id, language_hint(query.from_user) or "ko"):
            return
        incoming = Incoming(
            channel=CHANNEL,
            conversation_id=str(message.chat.id),
            user_id=str(query.from_user.id),
            payload=payload,
            language=language_hint(query.from_user),
            reply_to=str(message.chat.id),
        )
        reply = await self._converse(incoming)
        await self._deliver(message.chat.id, reply, pressed=query, payload=payload)

    async def _on_unhandled(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        kinds = [key for key in update.to_dict() if key != "update_id"] if isinstance(update, Update) else []
        update_id = update.update_id if isinstance(update, Update) else None
        log.info("telegram: update %s not handled (%s)", update_id, ", ".join(kinds) or type(update).__name__)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        if isinstance(error, TelegramError):
            log.warning("telegram: handler error: %s", self._describe(error))
        else:
            log.error("telegram: handler error", exc_info=error)
        if isinstance(update, Update) and update.effective_chat is not None:
            chat_id = update.effective_chat.id
            with contextlib.suppress(Exception):  # telling the user failed too; logged above
                language = await self._language(chat_id, update.effective_user)
                await self._send(chat_id, t("engine.flow_failed", language))

    async def _language(self, chat_id: int, user: User | None) -> str:
        """The language this conversation goes on in, for the adapter's own few words."""
        dialogue = await self._dialogue()
        saved = await dialogue.store.load(f"{CHANNEL}:{chat_id}") if dialogue else {}
        return saved.get("language") or language_hint(user) or "ko"

    # -- Update -> Incoming ---------------------------------------------------------------
    async def _incoming_from_message(self, message: Message, user: User | None) -> Incoming | None:
        text = clean(message.text or message.caption or "")  # the one hygiene step, first
        location = None
        if message.location is not None:
            location = (message.location.latitude, message.location.longitude)
        photo = await self._download_photo(message)
        if not text and location is None and photo is None:
            return None  # a sticker, a voice note, a contact...
        return Incoming(
            channel=CHANNEL,
            conversation_id=str(message.chat.id),
            text=text,
            user_id=str(user.id) if user else "",
            payload=command_payload(text) if message.text else None,
            language=language_hint(user),
            location=location,
            photo=photo,
            reply_to=str(message.chat.id),
        )

    async def _download_photo(self, message: Message) -> bytes | None:
        """The largest size of a photo within our limit, or an image sent as a file (uncompressed)."""
        limit = self.settings.photo_max_bytes
        if message.photo:
            fitting = [size for size in message.photo if (size.file_size or 0) <= limit]
            if not fitting:
                raise PhotoTooLarge
            target = fitting[-1]
        elif message.document and (message.document.mime_type or "").startswith("image/"):
            if (message.document.file_size or 0) > limit:
                raise PhotoTooLarge
            target = message.document
        else:
            return None
        file = await target.get_file()
        data = bytes(await file.download_as_bytearray())
        if len(data) > limit:
            raise PhotoTooLarge
        return data

    async def _payload_of(self, data: str) -> str | None:
        if not data.startswith(LONG_PAYLOAD_PREFIX):
            return data
        key = data[len(LONG_PAYLOAD_PREFIX) :]
        return await self.db.execute_fn(lambda db: stored_payload(db, key))

    async def _allow(self, user: User | None, chat_id: int, language: str) -> bool:
        """Per-user message limit; over it, one polite word a minute rather than one per message."""
        if self._limiter is None or user is None:
            return True
        key = f"telegram:{user.id}"
        if await self._limiter.hit(key):
            return True
        now = time.monotonic()
        if now - self._warned.get(key, -3600.0) > 60.0:
            if len(self._warned) > 10_000:
                self._warned.clear()
            self._warned[key] = now
            await self._send(chat_id, t("engine.too_fast", language))
        return False

    # -- the conversation -----------------------------------------------------------------
    async def _converse(self, incoming: Incoming) -> Reply:
        """Ask the Dialogue, one message at a time per conversation (a double tap must not race)."""
        dialogue = await self._dialogue()
        language = incoming.language or "ko"
        if dialogue is None:
            return Reply(t("engine.flow_failed", language), "error", 1.0, language)
        lock = self._locks.get(incoming.conversation_id)
        if lock is None:
            lock = self._locks[incoming.conversation_id] = asyncio.Lock()
        async with lock:
            words = (incoming.payload or "").split()
            if len(words) == 2 and words[0] == "/lang" and words[1] in ("ko", "en"):
                await self._remember_language(dialogue, incoming.conversation_id, words[1])
                incoming = dataclasses.replace(incoming, payload="/start")
            reply = await dialogue.handle(incoming)
        if words[:1] in (["/start"], ["/lang"]):
            # Telegram passes the interface language, which may not be the one the user reads best.
            other = "en" if reply.language == "ko" else "ko"
            toggle = Button(t("telegram.language_button", reply.language), f"/lang {other}")
            reply = dataclasses.replace(reply, buttons=[*reply.buttons, toggle])
        return reply

    @staticmethod
    async def _remember_language(dialogue: Dialogue, conversation: str, language: str) -> None:
        key = f"{CHANNEL}:{conversation}"
        saved = await dialogue.store.load(key)
        await dialogue.store.save(key, CHANNEL, language, saved.get("state") or {})

    # -- Reply -> Telegram ----------------------------------------------------------------
    async def _deliver(
        self, chat_id: int, reply: Reply, pressed: CallbackQuery | None = None, payload: str = ""
    ) -> None:
        keyboard = await self._inline_keyboard(reply.buttons)
        text = render_text(reply, self.settings.public_url)
        if pressed is not None and keyboard is not None and same_screen(payload, reply):
            if await self._edit_in_place(pressed, text, keyboard):
                return
        elif pressed is not None and is_flow_step(payload):
            await self._retire_keyboard(pressed)
        if reply.expects == "location":
            await self._send(chat_id, text, location_keyboard(reply.language))
            if keyboard is not None:
                await self._send(chat_id, html.escape(t("telegram.or_choose", reply.language)), keyboard)
            return
        # Without inline buttons, also take away a share-location keyboard left from an earlier step.
        await self._send(chat_id, text, keyboard or ReplyKeyboardRemove())

    async def _inline_keyboard(self, buttons: list[Button]) -> InlineKeyboardMarkup | None:
        if not buttons:
            return None
        long_payloads = [b.payload for b in buttons if len(b.payload.encode()) > CALLBACK_DATA_LIMIT]
        keys: dict[str, str] = {}
        if long_payloads:

            def store(db: sqlite_utils.Database) -> dict[str, str]:
                return {payload: store_payload(db, payload) for payload in long_payloads}

            keys = await self.db.execute_write_fn(store)
        data = [
            (
                ("✅ " if button.pressed else "") + button.label,  # Telegram's apps all have emoji
                LONG_PAYLOAD_PREFIX + keys[button.payload] if button.payload in keys else button.payload,
            )
            for button in buttons
        ]
        return InlineKeyboardMarkup(keyboard_rows(data))

    async def _edit_in_place(self, pressed: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup) -> bool:
        try:
            await pressed.edit_message_text(
                text, parse_mode=ParseMode.HTML, reply_markup=keyboard, link_preview_options=NO_PREVIEW
            )
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                return True  # the same screen again (a double tap): nothing to change
            log.info("telegram: could not edit a message (%s); sending a new one", exc.message)
            return False
        return True

    async def _retire_keyboard(self, pressed: CallbackQuery) -> None:
        with contextlib.suppress(BadRequest):  # too old to edit, or already bare: harmless
            await pressed.edit_message_reply_markup(reply_markup=None)

    async def _send(self, chat_id: int, text: str, markup=None) -> Message:
        """Send an HTML message; one retry after a 429 so a burst does not lose a reply."""
        for attempt in (1, 2):
            try:
                return await self.bot.send_message(
                    chat_id,
                    text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    link_preview_options=NO_PREVIEW,
                )
            except RetryAfter as exc:
                if attempt == 2 or _retry_seconds(exc) > 30:
                    raise
                await asyncio.sleep(_retry_seconds(exc))
        raise AssertionError("unreachable")

    # -- notifications out ----------------------------------------------------------------
    async def _drain_outbox_forever(self) -> None:
        while True:
            try:
                sent = await self.drain_outbox()
            except Exception:  # the database was busy or gone: try again on the next pass
                log.exception("telegram: outbox pass failed")
                sent = 0
            wait = max(OUTBOX_INTERVAL if sent < OUTBOX_BATCH else 0.0, self._pause_until - time.monotonic())
            await asyncio.sleep(wait)

    async def drain_outbox(self) -> int:
        """Send the notifications that are due; returns how many were tried."""
        due = await self.db.execute_write_fn(lambda db: outbox.claim_due(db, CHANNEL, OUTBOX_BATCH))
        for index, notification in enumerate(due):
            if not await self._send_notification(notification):
                return index + 1  # Telegram asked us to slow down: stop this pass
        return len(due)

    async def _send_notification(self, notification: outbox.Notification) -> bool:
        """True to go on with the next one, False when Telegram said to wait (429)."""
        recipient = notification.recipient
        chat: int | str = int(recipient) if recipient.lstrip("-").isdigit() else recipient
        nid = notification.id
        try:
            text = notification.message(self.settings.public_url)
            await self.bot.send_message(chat, text, link_preview_options=NO_PREVIEW)
        except RetryAfter as exc:
            seconds = _retry_seconds(exc)
            self._pause_until = time.monotonic() + seconds
            error = f"429: retry after {seconds:g}s"
            await self.db.execute_write_fn(lambda db: outbox.retry_later(db, nid, seconds, error))
            return False
        except (Forbidden, BadRequest) as exc:  # blocked the bot, left, or no such chat: never deliverable
            error = self._describe(exc)
            await self.db.execute_write_fn(lambda db: outbox.give_up(db, nid, error))
            log.info("telegram: notification %d given up: %s", nid, error)
        except Exception as exc:  # the network, or Telegram having a bad minute: back off and retry
            seconds = min(30.0 * 2**notification.attempts, 3600.0)
            error = self._describe(exc)
            await self.db.execute_write_fn(lambda db: outbox.retry_later(db, nid, seconds, error))
            log.warning("telegram: notification %d will be retried in %.0fs: %s", nid, seconds, error)
        else:
            await self.db.execute_write_fn(lambda db: outbox.mark_sent(db, nid))
        return True

    def _describe(self, exc: BaseException) -> str:
        return redact(f"{type(exc).__name__}: {exc}", self.settings.telegram_token, self.secret)


TELEGRAM = web.AppKey("telegram", TelegramChannel)  # only present when a bot token is set


async def lifetime(app: web.Application) -> AsyncIterator[None]:
    """The channel's cleanup_ctx: start it once the engine loads, stop it with the server.

    The app factory adds it (and the webhook route, civicbot.web.telegram) when
    CIVICBOT_TELEGRAM_TOKEN is set; the channel is then ``app[TELEGRAM]``.
    """
    settings, slot = app[keys.SETTINGS], app[keys.ENGINE]

    async def dialogue() -> Dialogue | None:
        await slot.ready.wait()
        return slot.engine.dialogue if slot.engine else None

    limiters = app[keys.LIMITERS]
    secret = await asyncio.to_thread(webhook_secret, settings)  # may read the key file in the data dir
    channel = TelegramChannel(
        settings, app[keys.DATABASE], dialogue, getattr(limiters, "messages", None), secret
    )
    app[TELEGRAM] = channel
    channel.start()
    yield
    await channel.stop()
