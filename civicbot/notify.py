"""Telling citizens outside the chat: the Notifier interface, the e-mail provider and the sender loop.

The domain never sends anything itself: ``voicemap.change_status`` queues a notice in the outbox
(same transaction as the change) on the reporter's chat channel and, when the reporter left an
e-mail address, on the ``email`` channel. A ``Notifier`` drains one outbox channel.

Adding an SMS or KakaoTalk (알림톡) provider, without touching the domain:

1. write a class with ``channel = "sms"`` (the outbox channel it drains) and
   ``async def send(self, recipient, subject, body)`` that raises ``NotifyError(retry=...)``;
2. have the reporter's number queued on that channel (``outbox.enqueue(conn, "sms", number, ...)``
   next to the e-mail line in ``voicemap._notify``), and
3. return an instance from ``from_settings`` when its settings are present.

``run_forever`` then retries failures with backoff and gives up on permanent ones, for any provider.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Protocol

from civicbot import outbox
from civicbot.db import Database

log = logging.getLogger(__name__)

INTERVAL = 2.0  # seconds between looks at the outbox
BATCH = 20


class NotifyError(Exception):
    """A notice was not delivered; ``retry`` False means it never will be (bad address, refused)."""

    def __init__(self, message: str, retry: bool = True) -> None:
        super().__init__(message)
        self.retry = retry


class Notifier(Protocol):
    """A provider that delivers the outbox rows of one channel ("email", "sms", "kakao" ...)."""

    channel: str

    async def send(self, recipient: str, subject: str, body: str) -> None:
        """Deliver one notice or raise NotifyError; must not block the event loop."""
        ...


class EmailNotifier:
    """SMTP with the standard library, in a worker thread (the send blocks for a network round trip)."""

    channel = "email"

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        security: str = "starttls",
        user: str = "",
        password: str = "",
        timeout: float = 15.0,
    ) -> None:
        self.host, self.port, self.sender, self.security = host, port, sender, security
        self.user, self.password, self.timeout = user, password, timeout

    async def send(self, recipient: str, subject: str, body: str) -> None:
        """One plain-text UTF-8 message; a refused recipient is permanent, the rest are retried."""
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = recipient
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or "localhost")
        message.set_content(body)
        await asyncio.to_thread(self._send_blocking, message)

    def _send_blocking(self, message: EmailMessage) -> None:
        try:
            if self.security == "ssl":
                smtp = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with smtp:
                if self.security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            raise NotifyError(f"recipient refused: {exc.recipients}", retry=False) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise NotifyError(f"{type(exc).__name__}: {exc}") from None


def from_settings(settings) -> list[Notifier]:
    """The providers configured in settings (e-mail when CIVICBOT_SMTP_HOST is set)."""
    notifiers: list[Notifier] = []
    if settings.smtp_host:
        notifiers.append(
            EmailNotifier(
                settings.smtp_host,
                settings.smtp_port,
                settings.smtp_from,
                settings.smtp_security,
                settings.smtp_user,
                settings.smtp_password,
            )
        )
    return notifiers


def subject_of(text: str, city: str) -> str:
    """The notice's first line, prefixed with the city: "[서울특별시] 신고하신 SEL-… 처리 상태가 …"."""
    first = text.split("\n", 1)[0]
    return f"[{city}] {first}"[:200]


async def drain(db: Database, notifier: Notifier, base_url: str, city: str) -> int:
    """Send what is due on the notifier's channel once; returns how many were delivered."""
    due = await db.execute_fn(lambda conn: outbox.due(conn, notifier.channel, BATCH))
    sent = 0
    for notification in due:
        sent += await _deliver(db, notifier, notification, base_url, city)
    return sent


async def _deliver(
    db: Database, notifier: Notifier, notification: outbox.Notification, base: str, city: str
) -> int:
    nid = notification.id
    try:
        await notifier.send(
            notification.recipient, subject_of(notification.text, city), notification.message(base)
        )
    except NotifyError as exc:
        error = str(exc)
        if exc.retry:
            seconds = min(30.0 * 2**notification.attempts, 3600.0)
            await db.execute_write_fn(lambda conn: outbox.retry_later(conn, nid, seconds, error))
            log.warning("%s: notice %d will be retried in %.0fs: %s", notifier.channel, nid, seconds, error)
        else:
            await db.execute_write_fn(lambda conn: outbox.give_up(conn, nid, error))
            log.info("%s: notice %d given up: %s", notifier.channel, nid, error)
        return 0
    await db.execute_write_fn(lambda conn: outbox.mark_sent(conn, nid))
    return 1


async def run_forever(db: Database, notifier: Notifier, base_url: str, city: str) -> None:
    """Drain the channel every INTERVAL seconds until cancelled; a failed pass is logged, never fatal."""
    while True:
        try:
            await drain(db, notifier, base_url, city)
        except Exception:
            log.exception("%s: outbox pass failed", notifier.channel)
        await asyncio.sleep(INTERVAL)


def reaches(delivered: frozenset[str], channel: str, reply_to: str) -> bool:
    """Whether a notice for ``reply_to`` on ``channel`` would leave a server delivering the channels
    ``delivered`` (``senders(settings)``): what a flow may promise ("여기로 알려 드릴게요"). The chat
    API and the terminal chat have no ``reply_to``; Telegram without a bot token is not delivered
    (probe21 #6)."""
    return bool(reply_to) and channel in delivered


def senders(settings) -> frozenset[str]:
    """The outbox channels this server delivers: the widget's (``web``, shown in the reporter's
    browser), Telegram and Kakao when configured (Kakao's news also comes with the next reply),
    and each provider of ``from_settings`` (``email`` when CIVICBOT_SMTP_HOST is set). A notice
    queued on another channel would never leave: the console says so instead of "sent"."""
    channels = {"web"}
    if settings.telegram_token:
        channels.add("telegram")
    if settings.kakao_secret and settings.kakao_bot_id:
        channels.add("kakao")
    return frozenset(channels | {n.channel for n in from_settings(settings)})
