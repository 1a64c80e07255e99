"""Every table's migrations, in the order they run. A domain module adds its list here."""

from __future__ import annotations

from civicbot import officials, outbox, sessions
from civicbot.db import CORE_MIGRATIONS, Migration

ALL_MIGRATIONS: list[Migration] = [
    *CORE_MIGRATIONS,
    *outbox.MIGRATIONS,
    *officials.MIGRATIONS,
    *sessions.MIGRATIONS,
]
