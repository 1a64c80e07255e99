"""Officials' console accounts: passwords, server-side sessions, lockouts and roles.

- Passwords are hashed with Argon2id (argon2-cffi, its recommended parameters); a hash made with
  older parameters is re-hashed at the next sign-in.
- A new account has no password: ``create_account`` returns a one-time set-password token (only its
  SHA-256 is stored; it expires after ``SETUP_HOURS``).
- A session is a row keyed by the SHA-256 of the cookie's token, with its own CSRF token, an idle
  and an absolute time-out. Signing out deletes the row; "sign out everywhere" deletes them all.
- Failed sign-ins are counted per account name and per client address. After ``LOCK_AFTER``
  failures the key is locked; each further lockout lasts twice as long (up to ``LOCK_MAX``).
  OWASP's authentication cheat sheet: lock per account and throttle per source, growing delays.

Nothing here imports aiohttp; the console views and the CLI call these functions.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from civicbot import clock, passwords
from civicbot.db import Migration
from civicbot.errors import AccountError
from civicbot.officials import audit

ROLES = ("viewer", "official", "admin")  # each role can do everything the ones before it can
SESSION_PREFIX = "cbc_"
SETUP_PREFIX = "cbp_"
SETUP_HOURS = 72
MIN_PASSWORD = passwords.MIN_LENGTH
MAX_PASSWORD = passwords.MAX_LENGTH
LOCK_AFTER = 5
LOCK_BASE = dt.timedelta(minutes=1)
LOCK_MAX = dt.timedelta(hours=24)
NAME_RE = re.compile(r"^[A-Za-z0-9._-]{2,40}$")
_TOUCH_EVERY = dt.timedelta(seconds=30)  # don't write on every page view

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash of a random password. Verifying against it when the name is unknown costs the same
    time as a real check, so the answer's timing does not tell which names exist. Made on the first
    sign-in, not at import: an argon2 hash takes about 0.18 s of the server's start-up."""
    return _hasher.hash(secrets.token_urlsafe(16))


def _parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# -- schema ---------------------------------------------------------------------------------
def _create(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE console_accounts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,          -- stored in lower case: names are case-blind on both engines
            role TEXT NOT NULL,
            password_hash TEXT,                 -- NULL until the set-password link is used
            setup_hash TEXT UNIQUE,             -- sha256 of the one-time set-password token
            setup_expires_at TEXT,
            created_at TEXT NOT NULL,
            disabled_at TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE console_sessions (
            id TEXT PRIMARY KEY,                -- sha256 of the cookie's token
            account_id INTEGER NOT NULL REFERENCES console_accounts (id) ON DELETE CASCADE,
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            address TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX console_sessions_account ON console_sessions (account_id)")
    db.execute(
        """CREATE TABLE console_lockouts (
            key TEXT PRIMARY KEY,               -- 'account:<name>' or 'address:<ip>'
            failures INTEGER NOT NULL DEFAULT 0,
            lockouts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT
        )"""
    )


MIGRATIONS: list[Migration] = [("accounts_001", _create)]


# -- model ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    active: bool  # has a password and is not disabled

    def can(self, role: str) -> bool:
        """Does this account have ``role`` or a stronger one?"""
        return ROLES.index(self.role) >= ROLES.index(role)


@dataclass(frozen=True)
class Session:
    id: str
    account: Account
    csrf: str
    created_at: dt.datetime


_ACCOUNT_COLUMNS = "id, name, role, password_hash IS NOT NULL AND disabled_at IS NULL"


def _account(row: tuple) -> Account:
    return Account(row[0], row[1], row[2], bool(row[3]))


# -- accounts -------------------------------------------------------------------------------
def create_account(
    db: sqlite_utils.Database, name: str, role: str, actor: str, now: dt.datetime | None = None
) -> tuple[Account, str]:
    """A new account without a password, and its one-time set-password token (shown once).

    Names are case-blind ("Kim" and "kim" are one account): kept in lower case, because
    SQLite's NOCASE collation has no PostgreSQL counterpart."""
    name = name.strip().lower()
    if not NAME_RE.fullmatch(name):
        raise AccountError(
            "invalid_name", "A user name is 2-40 Latin letters (a-z), digits, '.', '_' or '-'."
        )
    if role not in ROLES:
        raise AccountError("invalid_role", f"The role must be one of {', '.join(ROLES)}.")
    if db.execute("SELECT 1 FROM console_accounts WHERE name = ?", [name]).fetchone():
        raise AccountError("name_taken", f"There is already an account '{name}'.")
    moment = now or clock.now()
    token = SETUP_PREFIX + secrets.token_urlsafe(32)
    cursor = db.execute(
        """INSERT INTO console_accounts (name, role, setup_hash, setup_expires_at, created_at)
           VALUES (?, ?, ?, ?, ?)""",
        [name, role, _digest(token), clock.iso(moment + dt.timedelta(hours=SETUP_HOURS)), clock.iso(moment)],
    )
    audit(db, actor, "account.create", name, {"role": role})
    return Account(int(cursor.lastrowid), name, role, False), token


def reset_link_token(db: sqlite_utils.Database, name: str, actor: str, now: dt.datetime | None = None) -> str:
    """A fresh one-time set-password token for an existing account (a forgotten password)."""
    moment = now or clock.now()
    token = SETUP_PREFIX + secrets.token_urlsafe(32)
    cursor = db.execute(
        "UPDATE console_accounts SET setup_hash = ?, setup_expires_at = ? WHERE name = ?",
        [_digest(token), clock.iso(moment + dt.timedelta(hours=SETUP_HOURS)), name.strip().lower()],
    )
    if not cursor.rowcount:
        raise AccountError("not_found", f"There is no account '{name}'.")
    audit(db, actor, "account.reset_link", name)
    return token


def setup_account(db: sqlite_utils.Database, token: str, now: dt.datetime | None = None) -> Account | None:
    """The account a set-password token belongs to, while it is unused and unexpired."""
    if not token.startswith(SETUP_PREFIX):
        return None
    row = db.execute(
        f"SELECT {_ACCOUNT_COLUMNS}, setup_expires_at FROM console_accounts "
        "WHERE setup_hash = ? AND disabled_at IS NULL",
        [_digest(token)],
    ).fetchone()
    if row is None or _parse(row[4]) < (now or clock.now()):
        return None
    return _account(row[:4])


# English messages for the API and the CLI; the console shows admin.weak_password_<reason>.
WEAK_MESSAGES = {
    "too_short": f"Use at least {MIN_PASSWORD} characters.",
    "too_long": f"Use at most {MAX_PASSWORD} characters.",
    "user_name": "The password must not contain the user name.",
    "context_word": "The password must not contain the city's name.",
    "repeated": "The password is one character or a short pattern repeated.",
    "sequence": "The password is a sequence (123456..., abcdef..., qwerty...).",
    "common": "The password is on a list of commonly used passwords.",
}


def check_password_rules(password: str, name: str, context: Sequence[str] = ()) -> None:
    """Refuse a weak password: AccountError('weak_password') whose ``reason`` is one of
    ``WEAK_MESSAGES``' keys (rules and their source: civicbot/passwords.py, NIST SP 800-63B
    §5.1.1.2). ``context`` holds service-specific words, the city's names."""
    reason = passwords.weakness(password, name, context)
    if reason:
        error = AccountError("weak_password", WEAK_MESSAGES[reason])
        error.reason = reason  # type: ignore[attr-defined]
        raise error


def set_password(
    db: sqlite_utils.Database,
    token: str,
    password: str,
    now: dt.datetime | None = None,
    context: Sequence[str] = (),
) -> Account:
    """Use a one-time token: store the password's hash, burn the token, end any old sessions.
    AccountError invalid_link, or weak_password (``check_password_rules``, with ``context``)."""
    account = setup_account(db, token, now)
    if account is None:
        raise AccountError("invalid_link", "This link is not valid any more; ask an admin for a new one.")
    check_password_rules(password, account.name, context)
    db.execute(
        """UPDATE console_accounts SET password_hash = ?, setup_hash = NULL, setup_expires_at = NULL
           WHERE id = ?""",
        [_hasher.hash(password), account.id],
    )
    db.execute("DELETE FROM console_sessions WHERE account_id = ?", [account.id])
    audit(db, account.name, "account.set_password", account.name)
    return Account(account.id, account.name, account.role, True)


def list_accounts(db: sqlite_utils.Database) -> list[dict]:
    rows = db.execute(
        """SELECT a.id, a.name, a.role, a.password_hash IS NOT NULL, a.created_at, a.disabled_at,
                  (SELECT count(*) FROM console_sessions s WHERE s.account_id = a.id)
           FROM console_accounts a ORDER BY a.name"""
    ).fetchall()
    keys = ("id", "name", "role", "has_password", "created_at", "disabled_at", "sessions")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def set_role(db: sqlite_utils.Database, account_id: int, role: str, actor: str) -> None:
    if role not in ROLES:
        raise AccountError("invalid_role", f"The role must be one of {', '.join(ROLES)}.")
    row = db.execute("SELECT name FROM console_accounts WHERE id = ?", [account_id]).fetchone()
    if row is None:
        raise AccountError("not_found", f"There is no account {account_id}.")
    db.execute("UPDATE console_accounts SET role = ? WHERE id = ?", [role, account_id])
    audit(db, actor, "account.role", row[0], {"role": role})


def set_disabled(db: sqlite_utils.Database, account_id: int, disabled: bool, actor: str) -> None:
    """Disable (and sign out everywhere) or enable an account."""
    row = db.execute("SELECT name FROM console_accounts WHERE id = ?", [account_id]).fetchone()
    if row is None:
        raise AccountError("not_found", f"There is no account {account_id}.")
    db.execute(
        "UPDATE console_accounts SET disabled_at = ? WHERE id = ?",
        [clock.iso(clock.now()) if disabled else None, account_id],
    )
    if disabled:
        db.execute("DELETE FROM console_sessions WHERE account_id = ?", [account_id])
    audit(db, actor, "account.disable" if disabled else "account.enable", row[0])


# -- signing in -----------------------------------------------------------------------------
def _lock_keys(name: str, address: str) -> list[str]:
    return [f"account:{name.strip().casefold()}", f"address:{address}"]


def locked_for(db: sqlite_utils.Database, name: str, address: str, now: dt.datetime | None = None) -> int:
    """Seconds until the name or the address may try again (0: not locked)."""
    moment = now or clock.now()
    wait = 0
    for key in _lock_keys(name, address):
        row = db.execute("SELECT locked_until FROM console_lockouts WHERE key = ?", [key]).fetchone()
        if row and row[0]:
            wait = max(wait, int((_parse(row[0]) - moment).total_seconds()))
    return max(wait, 0)


def _record_failure(db: sqlite_utils.Database, key: str, moment: dt.datetime) -> None:
    db.execute(
        "INSERT INTO console_lockouts (key, failures) VALUES (?, 1) "
        "ON CONFLICT (key) DO UPDATE SET failures = console_lockouts.failures + 1",
        [key],
    )
    failures, lockouts = db.execute(
        "SELECT failures, lockouts FROM console_lockouts WHERE key = ?", [key]
    ).fetchone()
    if failures >= LOCK_AFTER:
        # Every lockout doubles the next: 1, 2, 4, 8 ... minutes, up to a day.
        length = min(LOCK_BASE * (2**lockouts), LOCK_MAX)
        db.execute(
            "UPDATE console_lockouts SET failures = 0, lockouts = lockouts + 1, locked_until = ? WHERE key = ?",
            [clock.iso(moment + length), key],
        )


@dataclass(frozen=True)
class Attempt:
    """The outcome of a sign-in: a session and its cookie token, or why not (never raised, because
    the failure count must be stored even when the caller's transaction would roll back an error)."""

    session: Session | None = None
    token: str = ""
    error: str = ""  # 'locked' or 'invalid_credentials'
    retry_after: int = 0  # seconds, for 'locked'


@dataclass(frozen=True)
class Check:
    """What the slow part of a sign-in needs, read without writing: the lockout and the stored hash;
    after ``verify``, also whether the password matched and the hash to store instead of an old one."""

    wait: int  # seconds still locked (0: not locked)
    account: Account | None
    password_hash: str | None
    matched: bool = False
    new_hash: str | None = None


def check_for(db: sqlite_utils.Database, name: str, address: str, now: dt.datetime | None = None) -> Check:
    """Read step of a sign-in (a reader thread may run it)."""
    wait = locked_for(db, name, address, now)
    row = db.execute(
        f"SELECT {_ACCOUNT_COLUMNS}, password_hash FROM console_accounts WHERE name = ? AND disabled_at IS NULL",
        [name.strip().lower()],
    ).fetchone()
    return Check(wait, _account(row[:4]) if row else None, row[4] if row else None)


def password_matches(check: Check, password: str) -> bool:
    """The CPU-heavy step (Argon2, tens of milliseconds): run it off the database's writer thread.
    An unknown name is checked against a dummy hash, so it takes as long as a known one."""
    if check.wait:
        return False
    dummy = _dummy_hash()  # made on the first sign-in, whichever name: the first one is no tell either
    try:
        return _hasher.verify(check.password_hash or dummy, password) and check.account is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def attempt_sign_in(database: Any, name: str, password: str, address: str) -> Attempt:
    """One sign-in attempt by ``name`` from ``address`` (``database`` is a civicbot.db.Database).

    Read, then Argon2 on a worker thread, then write: the hash never holds the writer thread.
    The Attempt says locked, bad credentials, or the new session's token (``record_sign_in``)."""
    check = await database.execute_fn(lambda conn: check_for(conn, name, address))
    verified = await asyncio.to_thread(verify, check, password)
    return await database.execute_write_fn(lambda conn: record_sign_in(conn, name, address, verified))


def verify(check: Check, password: str) -> Check:
    """``check`` with the password's verdict: ``matched``, and ``new_hash`` when the stored hash used
    older Argon2 parameters. The slow step of a sign-in (``password_matches``)."""
    matched = password_matches(check, password)
    return replace(check, matched=matched, new_hash=rehash_if_needed(check, password) if matched else None)


def record_sign_in(
    db: sqlite_utils.Database, name: str, address: str, check: Check, now: dt.datetime | None = None
) -> Attempt:
    """Write step of a sign-in, given the ``verify``-ed check: count a failure (maybe lock), or open
    the session.

    'locked' while the name or the address is locked out (the password was not even checked), and
    'invalid_credentials' for a wrong name or password alike (never says which). ``new_hash``
    replaces a hash made with older Argon2 parameters.
    """
    moment = now or clock.now()
    actor = check.account.name if check.account else unknown_actor(name)
    wait = max(check.wait, locked_for(db, name, address, moment))  # another attempt may have locked it
    if wait:
        audit(db, actor, "signin.locked", address)
        return Attempt(error="locked", retry_after=wait)
    if not check.matched or check.account is None:
        for key in _lock_keys(name, address):
            _record_failure(db, key, moment)
        audit(db, actor, "signin.failed", address)
        return Attempt(error="invalid_credentials")
    account = check.account
    if check.new_hash:
        db.execute("UPDATE console_accounts SET password_hash = ? WHERE id = ?", [check.new_hash, account.id])
    account_key, address_key = _lock_keys(name, address)
    db.execute("DELETE FROM console_lockouts WHERE key = ?", [account_key])
    db.execute("UPDATE console_lockouts SET failures = 0 WHERE key = ?", [address_key])
    session, token = _open_session(db, account, address, moment)
    audit(db, account.name, "signin", address)
    return Attempt(session, token)


UNKNOWN_ACTOR = "unknown-account"
# A key that lives as long as the process: the same unknown name gives the same tag, so repeated
# attempts group together in the log, but the tag cannot be turned back into the text (no one
# holds the key, and it changes at each restart).
_UNKNOWN_KEY = secrets.token_bytes(32)


def unknown_actor(name: str) -> str:
    """The audit log's actor for a sign-in under a name that is no active account:
    'unknown-account#1a2b3c' (a keyed hash), never the text typed. A password typed into the
    name field, a common slip, must not end up in a log every official reads (probe21 #19)."""
    tag = hmac.new(_UNKNOWN_KEY, name.strip().casefold().encode(), hashlib.sha256).hexdigest()[:6]
    return f"{UNKNOWN_ACTOR}#{tag}"


def rehash_if_needed(check: Check, password: str) -> str | None:
    """A fresh hash when the stored one used older parameters (call only after a match)."""
    if check.password_hash and _hasher.check_needs_rehash(check.password_hash):
        return _hasher.hash(password)
    return None


def sign_in(
    db: sqlite_utils.Database, name: str, password: str, address: str, now: dt.datetime | None = None
) -> Attempt:
    """All three steps on one connection (the CLI and tests); ``attempt_sign_in`` (the web
    console) splits them so the Argon2 work never holds the writer thread."""
    return record_sign_in(db, name, address, verify(check_for(db, name, address, now), password), now)


def _open_session(
    db: sqlite_utils.Database, account: Account, address: str, moment: dt.datetime
) -> tuple[Session, str]:
    token = SESSION_PREFIX + secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    session_id = _digest(token)
    db.execute(
        """INSERT INTO console_sessions (id, account_id, csrf, created_at, last_seen_at, address)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [session_id, account.id, csrf, clock.iso(moment), clock.iso(moment), address],
    )
    return Session(session_id, account, csrf, moment), token


@dataclass(frozen=True)
class Timeouts:
    idle: dt.timedelta
    absolute: dt.timedelta

    @classmethod
    def of(cls, settings: Any) -> Timeouts:
        """CIVICBOT_CONSOLE_IDLE_MINUTES and CIVICBOT_CONSOLE_SESSION_HOURS as timeouts."""
        return cls(
            dt.timedelta(minutes=settings.console_idle_minutes),
            dt.timedelta(hours=settings.console_session_hours),
        )


def find_session(
    db: sqlite_utils.Database, token: str, timeouts: Timeouts, now: dt.datetime | None = None
) -> tuple[Session | None, bool]:
    """The live session for a cookie token, and whether its last-seen time should be written.

    A session past its idle or absolute time-out, or of a disabled account, is None.
    """
    if not token.startswith(SESSION_PREFIX):
        return None, False
    row = db.execute(
        """SELECT s.id, s.csrf, s.created_at, s.last_seen_at, a.id, a.name, a.role,
                  a.password_hash IS NOT NULL AND a.disabled_at IS NULL
           FROM console_sessions s JOIN console_accounts a ON a.id = s.account_id WHERE s.id = ?""",
        [_digest(token)],
    ).fetchone()
    if row is None:
        return None, False
    moment = now or clock.now()
    created, seen = _parse(row[2]), _parse(row[3])
    account = _account(row[4:8])
    if not account.active or moment - seen > timeouts.idle or moment - created > timeouts.absolute:
        return None, False
    return Session(row[0], account, row[1], created), moment - seen > _TOUCH_EVERY


def touch_session(db: sqlite_utils.Database, session_id: str, now: dt.datetime | None = None) -> None:
    db.execute(
        "UPDATE console_sessions SET last_seen_at = ? WHERE id = ?",
        [clock.iso(now or clock.now()), session_id],
    )


def sign_out(db: sqlite_utils.Database, session: Session, everywhere: bool = False) -> int:
    """End this session (or all of the account's); returns how many ended."""
    if everywhere:
        cursor = db.execute("DELETE FROM console_sessions WHERE account_id = ?", [session.account.id])
    else:
        cursor = db.execute("DELETE FROM console_sessions WHERE id = ?", [session.id])
    audit(db, session.account.name, "signout.everywhere" if everywhere else "signout")
    return cursor.rowcount


def purge_sessions(db: sqlite_utils.Database, timeouts: Timeouts, now: dt.datetime | None = None) -> int:
    """Delete sessions past either time-out (run now and then; find_session refuses them anyway)."""
    moment = now or clock.now()
    return db.execute(
        "DELETE FROM console_sessions WHERE last_seen_at < ? OR created_at < ?",
        [clock.iso(moment - timeouts.idle), clock.iso(moment - timeouts.absolute)],
    ).rowcount
