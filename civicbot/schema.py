"""Every table's migrations, in the order they run. A domain module adds its list here."""

from __future__ import annotations

from civicbot import accounts, officials, outbox, proposals, ratelimit, sessions, triage, voicemap
from civicbot.channels import telegram_store
from civicbot.db import CORE_MIGRATIONS, Migration
from civicbot.polls import MIGRATIONS as POLL_MIGRATIONS

ALL_MIGRATIONS: list[Migration] = [
    *CORE_MIGRATIONS,
    *outbox.MIGRATIONS,
    *officials.MIGRATIONS,
    *sessions.MIGRATIONS,
    *POLL_MIGRATIONS,
    *voicemap.MIGRATIONS,
    *telegram_store.MIGRATIONS,
    *proposals.MIGRATIONS,
    *accounts.MIGRATIONS,
    *triage.MIGRATIONS,
    *ratelimit.MIGRATIONS,
]
