"""Citizen proposals: the other half of m-Voting (anyone proposes a question; enough support puts
it to the city's review, and an accepted proposal becomes a poll).

Statuses and who moves them (every move is in ``proposal_history`` and the audit log)::

    collecting ──(threshold reached, system)──> under_review ──(official)──> accepted (a poll exists)
        │  └──(official: moderation)──> declined <──(official)──┘
        └──(deadline passed, system)──> expired

How a support counts exactly once:

- ``proposal_supports`` holds ``supporter = HMAC(server secret, "proposal", channel, user id,
  proposal id)``: the polls' voter-key scheme, in its own namespace so a support can never be
  matched with a poll's participation row. PRIMARY KEY(proposal_id, supporter) refuses a second
  support even from two requests racing; the count shown anywhere is ``count(*)`` of that set,
  never a counter that could drift.
- Reaching the threshold and expiring are conditional UPDATEs (``... WHERE status = 'collecting'``)
  run inside the same write transaction as the support (or the timer's round): whichever writer
  gets there first moves the proposal, every later one changes nothing, so the notice, the history
  line and the audit entry happen exactly once even across server replicas sharing the database.

Privacy: the public text is masked like a complaint's (civicbot.privacy); who proposed and how to
reach them sit in ``proposal_private`` and are deleted once the proposal is decided; supporters are
pseudonyms that no export or API ever returns (only counts are public).

Moderation, as for reports (civicbot.moderation): a proposal whose title, description or options
name a person (김철수 씨, 저는 김철수입니다, my name is John Smith) or carry abusive words is held
(``visibility = 'pending_review'``, ``review_reasons``): it is on no public list, page or API and
takes no support until an official publishes it (``publish``: its collection window starts then)
or declines it (``decline``; a declined held proposal stays unpublished). CIVICBOT_MODERATION=pre
holds reports only: proposals are public by design (anyone may propose; the threshold decides).

Nothing here imports aiohttp or telegram: the chat flow, the web views, the CLI (and the officials'
console) call these functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import sqlite_utils

from civicbot import addresses, clock, moderation, officials, outbox, polls, privacy
from civicbot import proposal_shapes as shapes
from civicbot.db import Migration
from civicbot.db import lock as db_lock
from civicbot.errors import ProposalError
from civicbot.i18n import Localized, t
from civicbot.proposal_shapes import (
    MAX_DESCRIPTION,
    MAX_OPTION,
    MAX_OPTIONS,
    MAX_REASON,
    MAX_TITLE,
    MIN_OPTIONS,
    STATUSES,
)
from civicbot.voicemap import bigram_similarity

if TYPE_CHECKING:
    from civicbot.config import Settings

# The statuses, in order, are declared once with the public shape that names them.
COLLECTING, UNDER_REVIEW, ACCEPTED, DECLINED, EXPIRED = STATUSES
# The only moves there are (the stateful test checks every observed move against this table).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    COLLECTING: (UNDER_REVIEW, EXPIRED, DECLINED),
    UNDER_REVIEW: (ACCEPTED, DECLINED),
    ACCEPTED: (),
    DECLINED: (),
    EXPIRED: (),
}
# MIN_OPTIONS ... MAX_REASON: in proposal_shapes, which the request models document them from.
PROPOSALS_PER_DAY = 3  # per person (channel identity) per calendar day in the city's time zone
POLL_DAYS = 14  # an accepted proposal's poll runs this long unless the official says otherwise
SYSTEM = "system"
# Who may see a proposal (moderation), apart from its status: the reports' words (civicbot.voicemap).
PUBLIC, PENDING_REVIEW = "public", "pending_review"


def status_label(status: str, language: str) -> str:
    return t(f"proposal_status.{status}", language)


# -- schema ----------------------------------------------------------------------------------
def _create(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE proposals (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,              -- masked: safe to publish
            description TEXT NOT NULL,
            options TEXT NOT NULL,            -- JSON list of masked labels
            district TEXT,                    -- a polls.DISTRICTS code; NULL: the whole city
            language TEXT NOT NULL,           -- the proposer's language (the text is in it)
            status TEXT NOT NULL CHECK (status IN
                ('collecting', 'under_review', 'accepted', 'declined', 'expired')),
            threshold INTEGER NOT NULL CHECK (threshold >= 1),  -- as set when it was filed
            deadline TEXT NOT NULL,           -- UTC ISO 8601: collecting ends here
            proposer_key TEXT NOT NULL,       -- HMAC of the proposer, for the daily limit only
            created_day TEXT NOT NULL,        -- the city's calendar day, for the daily limit
            created_at TEXT NOT NULL,
            poll_id INTEGER UNIQUE REFERENCES polls(id),  -- set on acceptance
            reason_ko TEXT NOT NULL DEFAULT '',           -- the public reason of a decline
            reason_en TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX proposals_status ON proposals (status, deadline)")
    db.execute("CREATE INDEX proposals_proposer ON proposals (proposer_key, created_day)")
    # The set the count is taken from. No timestamp, no rowid: nothing to line supports up with.
    db.execute(
        """CREATE TABLE proposal_supports (
            proposal_id INTEGER NOT NULL REFERENCES proposals(id),
            supporter BLOB NOT NULL,          -- 16 bytes of the HMAC: small rows, fast counts
            PRIMARY KEY (proposal_id, supporter)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE proposal_history (
            proposal_id INTEGER NOT NULL REFERENCES proposals(id),
            seq INTEGER NOT NULL,
            status TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (proposal_id, seq)
        ) WITHOUT ROWID"""
    )
    # Where to tell the proposer about review and decision; deleted once the proposal is decided.
    db.execute(
        """CREATE TABLE proposal_private (
            proposal_id INTEGER PRIMARY KEY REFERENCES proposals(id),
            channel TEXT NOT NULL,
            recipient TEXT NOT NULL,
            language TEXT NOT NULL
        )"""
    )


def _moderation(db: sqlite_utils.Database) -> None:
    """Visibility (public / pending_review) and why a proposal is held, as complaints have."""
    db.execute("ALTER TABLE proposals ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'")
    db.execute("ALTER TABLE proposals ADD COLUMN review_reasons TEXT NOT NULL DEFAULT ''")


def _networks(db: sqlite_utils.Database) -> None:
    """The client networks that supported a proposal through an anonymous web session: one support
    per network (civicbot.addresses). A set of its own, keyed per proposal and never joined to
    ``proposal_supports`` (no column links a network to a supporter); emptied when the proposal
    stops collecting."""
    db.execute(
        """CREATE TABLE proposal_support_networks (
            proposal_id INTEGER NOT NULL REFERENCES proposals(id),
            network BLOB NOT NULL,            -- 16 bytes of HMAC(secret, proposal, network key)
            PRIMARY KEY (proposal_id, network)
        ) WITHOUT ROWID"""
    )


MIGRATIONS: list[Migration] = [
    ("proposals_001", _create),
    ("proposals_moderation_001", _moderation),
    ("proposals_networks_001", _networks),
]


# -- model -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Proposal:
    id: int
    title: str
    description: str
    options: tuple[str, ...]
    district: str | None
    language: str
    status: str
    threshold: int
    deadline: dt.datetime
    created_at: dt.datetime
    poll_id: int | None
    reason_ko: str
    reason_en: str
    supports: int
    visibility: str = PUBLIC  # PENDING_REVIEW: held for an official (a name, abuse); nobody else sees it
    review_reasons: tuple[str, ...] = ()  # civicbot.moderation NAME / ABUSE
    reason = Localized()  # reason(language): the public reason of a decline, reason_ko, reason_en ...

    @property
    def progress(self) -> float:
        """Share of the threshold reached, 0-100 (capped: a proposal may go past it)."""
        return round(min(100.0, 100.0 * self.supports / self.threshold), 1)

    @property
    def held(self) -> bool:
        """Waiting for an official's review of its text: on no public list, page or API."""
        return self.visibility != PUBLIC


NewProposal = shapes.NewProposal  # what a citizen submits (``ProposalCreate.proposal`` makes the web's)


@dataclass(frozen=True)
class Rules:
    """The settings intake and support need: CIVICBOT_PROPOSAL_THRESHOLD / _DAYS and the time zone."""

    threshold: int = 50
    days: int = 30
    timezone: str = "Asia/Seoul"
    per_day: int = PROPOSALS_PER_DAY
    moderator: moderation.Moderator | None = None  # None: nothing is held (tests of other rules)

    @classmethod
    def from_settings(cls, settings: Settings) -> Rules:
        """The rules of a ``config.Settings`` (every channel proposes under the same ones), with the
        reports' moderator (services/moderation.yaml; ContentFileError when it is malformed)."""
        moderator = moderation.moderator_for(settings.services_dir, settings.moderation)
        return cls(
            settings.proposal_threshold, settings.proposal_days, settings.timezone, moderator=moderator
        )


@dataclass(frozen=True)
class SupportResult:
    proposal_id: int
    supports: int
    added: bool  # False: this person had already supported it
    status: str  # after the support: under_review when this support crossed the threshold
    reviewed_now: bool  # this very support moved the proposal to review


_SELECT = (
    "SELECT p.id, p.title, p.description, p.options, p.district, p.language, p.status, p.threshold, "
    "p.deadline, p.created_at, p.poll_id, p.reason_ko, p.reason_en, "
    "(SELECT count(*) FROM proposal_supports AS s WHERE s.proposal_id = p.id), "
    "p.visibility, p.review_reasons FROM proposals AS p"
)


def _from_row(row: tuple) -> Proposal:
    (pid, title, description, options, district, language, status, threshold, deadline, created,
     poll_id, reason_ko, reason_en, supports, visibility, reasons) = row  # fmt: skip
    return Proposal(
        pid, title, description, tuple(json.loads(options)), district, language, status, threshold,
        dt.datetime.fromisoformat(deadline), dt.datetime.fromisoformat(created), poll_id, reason_ko,
        reason_en, supports, visibility, tuple(r for r in reasons.split(",") if r),
    )  # fmt: skip


# -- keys --------------------------------------------------------------------------------------
def supporter_key(secret: bytes, channel: str, user_id: str, proposal_id: int) -> bytes:
    """The polls' voter-key recipe (civicbot.polls.voter_key) in a namespace of its own: equal for
    the same person and proposal, unlinkable to their poll votes, useless without the secret.
    128 bits of the HMAC (as bytes) keep the set's index small, so counting it stays cheap."""
    message = "\x1f".join(("proposal", channel, user_id, str(proposal_id))).encode()
    return hmac.digest(secret, message, "sha256")[:16]


def proposer_key(secret: bytes, channel: str, user_id: str) -> str:
    """One pseudonym per person across proposals: what the daily limit counts."""
    message = "\x1f".join(("proposer", channel, user_id)).encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


# -- checks ----------------------------------------------------------------------------------
def _clean(value: object, name: str, limit: int, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ProposalError("invalid_proposal", f"'{name}' must be text.", name)
    text = value.strip()
    if "\n" not in text:
        text = " ".join(text.split())
    if required and not text:
        raise ProposalError("invalid_proposal", f"'{name}' must not be empty.", name)
    if len(text) > limit:
        # A field over its length names the field in its code, as every endpoint does (probe #30).
        raise ProposalError(f"{name}_too_long", f"'{name}' is longer than {limit} characters.", name)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from JSON: SQLite could not store it
        raise ProposalError("invalid_proposal", f"'{name}' is not valid text.", name) from None
    return text


def check_options(options: object) -> tuple[str, ...]:
    """2-10 distinct, non-empty option labels (the rule polls also enforce, with a lower maximum)."""
    if not isinstance(options, list | tuple) or not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise ProposalError(
            "invalid_proposal",
            f"'options' must be a list of {MIN_OPTIONS} to {MAX_OPTIONS} choices.",
            "options",
        )
    labels = tuple(_clean(o, "options", MAX_OPTION) for o in options)
    folded = [label.casefold() for label in labels]
    if len(set(folded)) != len(folded):
        raise ProposalError("invalid_proposal", "Each option must be different.", "options")
    return labels


def check_district(district: object) -> str | None:
    if district in (None, ""):
        return None
    if not isinstance(district, str) or district not in polls.DISTRICTS:
        raise ProposalError(
            "invalid_proposal", f"'district' must be one of {', '.join(polls.DISTRICTS)}.", "district"
        )
    return district


def masked(text: str, language: str) -> str:
    """The public form of a citizen's text: the complaint rules (civicbot.privacy)."""
    return privacy.mask_pii(text, language).text


def review_reasons(moderator: moderation.Moderator | None, texts: list[str]) -> tuple[str, ...]:
    """Why a proposal with these texts (title, description, options) waits for an official: the
    reports' NAME and ABUSE checks (civicbot.moderation); () to publish at once."""
    if moderator is None:
        return ()
    text = "\n".join(texts)
    return tuple(r for r in moderator.reasons(text) if r in (moderation.NAME, moderation.ABUSE))


# -- intake ----------------------------------------------------------------------------------
def submit_with_similar(
    db: sqlite_utils.Database, secret: bytes, new: NewProposal, rules: Rules
) -> tuple[Proposal, list[Proposal]]:
    """``submit``, and the open proposals that resemble the new one (shown beside it, not merged)."""
    made = submit(db, secret, new, rules)
    return made, [p for p in similar_open(db, f"{made.title} {made.description}") if p.id != made.id]


def submit(
    db: sqlite_utils.Database,
    secret: bytes,
    new: NewProposal,
    rules: Rules,
    now: dt.datetime | None = None,
) -> Proposal:
    """The one intake for a proposal, from every channel: run inside ONE write transaction.

    Checks the text (title up to 200 characters, description up to 4,000, 2-10 distinct options,
    an optional Seoul district), masks personal data as for complaints, enforces the per-person
    daily limit (PROPOSALS_PER_DAY, counted inside the transaction so two racing requests cannot
    both slip under it), records the proposer as its first supporter and where to notify them.
    A text naming a person or with abusive words is held (``Proposal.held``) for ``publish``.
    Raises ProposalError: invalid_proposal (with ``field``), daily_limit.
    """
    now = now or clock.now()
    language = new.language if new.language in ("ko", "en") else "ko"
    title = _clean(new.title, "title", MAX_TITLE)
    description = _clean(new.description, "description", MAX_DESCRIPTION, required=False)
    options = check_options(list(new.options) if isinstance(new.options, tuple) else new.options)
    district = check_district(new.district)
    proposer = proposer_key(secret, new.channel, new.user_id)
    day = now.astimezone(clock.zone(rules.timezone)).date().isoformat()
    made_today = db.execute(
        "SELECT count(*) FROM proposals WHERE proposer_key = ? AND created_day = ?", [proposer, day]
    ).fetchone()[0]
    if made_today >= rules.per_day:
        raise ProposalError(
            "daily_limit", f"One person can make at most {rules.per_day} proposals a day; try again tomorrow."
        )
    public_options = [masked(o, language) for o in options]
    reasons = review_reasons(rules.moderator, [title, description, *options])
    cursor = db.execute(
        """INSERT INTO proposals (title, description, options, district, language, status, threshold,
               deadline, proposer_key, created_day, created_at, visibility, review_reasons)
           VALUES (?, ?, ?, ?, ?, 'collecting', ?, ?, ?, ?, ?, ?, ?)""",
        [
            masked(title, language),
            masked(description, language),
            json.dumps(public_options, ensure_ascii=False),
            district,
            language,
            max(1, rules.threshold),
            clock.iso(now + dt.timedelta(days=rules.days)),
            proposer,
            day,
            clock.iso(now),
            PENDING_REVIEW if reasons else PUBLIC,
            ",".join(reasons),
        ],
    )
    proposal_id = int(cursor.lastrowid)
    _history(db, proposal_id, COLLECTING, now)
    if new.reply_to:
        db.execute(
            "INSERT INTO proposal_private (proposal_id, channel, recipient, language) VALUES (?, ?, ?, ?)",
            [proposal_id, new.channel, new.reply_to, language],
        )
    key = supporter_key(secret, new.channel, new.user_id, proposal_id)
    db.execute("INSERT INTO proposal_supports (proposal_id, supporter) VALUES (?, ?)", [proposal_id, key])
    if not reasons:  # a threshold of 1 is reached by the proposer alone; a held one once published
        _review_if_reached(db, proposal_id, now)
    found = get(db, proposal_id)
    assert found is not None
    return found


def _history(db: sqlite_utils.Database, proposal_id: int, status: str, now: dt.datetime) -> None:
    db.execute(
        """INSERT INTO proposal_history (proposal_id, seq, status, at)
           VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM proposal_history WHERE proposal_id = ?), ?, ?)""",
        [proposal_id, proposal_id, status, clock.iso(now)],
    )


# -- supports --------------------------------------------------------------------------------
def support_count(db: sqlite_utils.Database, proposal_id: int) -> int:
    return db.execute(
        "SELECT count(*) FROM proposal_supports WHERE proposal_id = ?", [proposal_id]
    ).fetchone()[0]


def support(
    db: sqlite_utils.Database,
    secret: bytes,
    proposal_id: int,
    channel: str,
    user_id: str,
    now: dt.datetime | None = None,
    origin: str = "",
) -> SupportResult:
    """Add one person's support: run inside ONE write transaction (Database.execute_write_fn).

    A second support by the same person changes nothing (``added`` False). The support that
    reaches the threshold moves the proposal to review in the same transaction, exactly once.
    ``origin`` is the keyed client network of an anonymous web session (civicbot.addresses), ""
    for a platform channel (Telegram, Kakao: the account is the person): a web session's support
    counts only if no other web session on its network has supported this proposal, since fresh
    sessions cost nothing (newcomer probe 21: 49 sessions from one address reached review).
    Raises ProposalError: not_found (also a held proposal), not_collecting (reviewed, decided),
    expired (past its deadline even if the timer has not run yet), address_supported.
    """
    now = now or clock.now()
    if 0 < proposal_id < 2**62:
        # Replicas take turns per proposal, so the status read below is the latest and the support
        # that reaches the threshold is the last one counted (SQLite's one writer needs nothing).
        db_lock(db, "proposal", proposal_id)
    row = db.execute(
        "SELECT status, deadline, threshold FROM proposals WHERE id = ? AND visibility = 'public'",
        [proposal_id],
    ).fetchone() if 0 < proposal_id < 2**62 else None  # fmt: skip
    if row is None:  # a held proposal is not there for the public
        raise ProposalError("not_found", f"There is no proposal {proposal_id}.")
    status, deadline, threshold = row
    if status != COLLECTING:
        raise ProposalError(
            "not_collecting", f"Proposal {proposal_id} is no longer collecting support ({status})."
        )
    if dt.datetime.fromisoformat(deadline) < now:
        raise ProposalError("expired", f"Proposal {proposal_id} stopped collecting support on {deadline}.")
    key = supporter_key(secret, channel, user_id, proposal_id)
    if has_supported(db, secret, proposal_id, channel, user_id):
        return SupportResult(proposal_id, support_count(db, proposal_id), False, status, False)
    if origin and not _claim_network(db, secret, proposal_id, origin):
        raise ProposalError(
            "address_supported",
            f"A support from this network is already counted for proposal {proposal_id}: anonymous "
            "web sessions count once per network (a chat platform's account counts on its own).",
        )
    added = db.execute(
        "INSERT INTO proposal_supports (proposal_id, supporter) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [proposal_id, key],
    ).rowcount
    supports = support_count(db, proposal_id)
    reviewed = bool(added) and supports >= threshold and _review_if_reached(db, proposal_id, now, supports)
    return SupportResult(
        proposal_id,
        supports,
        bool(added),
        UNDER_REVIEW if reviewed else status,
        reviewed,
    )


def _claim_network(db: sqlite_utils.Database, secret: bytes, proposal_id: int, origin: str) -> bool:
    """Record that ``origin``'s network supported the proposal; False when it already had."""
    network = bytes.fromhex(addresses.scoped_key(secret, origin, f"proposal:{proposal_id}"))[:16]
    return bool(
        db.execute(
            """INSERT INTO proposal_support_networks (proposal_id, network) VALUES (?, ?)
               ON CONFLICT DO NOTHING""",
            [proposal_id, network],
        ).rowcount
    )


def _forget_networks(db: sqlite_utils.Database, proposal_id: int) -> None:
    """A proposal that no longer collects needs no network keys: they go at once."""
    db.execute("DELETE FROM proposal_support_networks WHERE proposal_id = ?", [proposal_id])


def has_supported(
    db: sqlite_utils.Database, secret: bytes, proposal_id: int, channel: str, user_id: str
) -> bool:
    row = db.execute(
        "SELECT 1 FROM proposal_supports WHERE proposal_id = ? AND supporter = ?",
        [proposal_id, supporter_key(secret, channel, user_id, proposal_id)],
    ).fetchone()
    return row is not None


def _review_if_reached(
    db: sqlite_utils.Database, proposal_id: int, now: dt.datetime, supports: int | None = None
) -> bool:
    """collecting -> under_review when the set has reached the threshold; True only for the one
    write that made the move (the conditional UPDATE is what makes it happen once). ``supports``
    is the set's count taken in this same transaction, when the caller already has it."""
    if supports is None:
        supports = support_count(db, proposal_id)
    moved = db.execute(
        """UPDATE proposals SET status = 'under_review'
           WHERE id = ? AND status = 'collecting' AND threshold <= ?""",
        [proposal_id, supports],
    ).rowcount
    if not moved:
        return False
    _forget_networks(db, proposal_id)
    _history(db, proposal_id, UNDER_REVIEW, now)
    officials.audit(db, SYSTEM, "proposal.review", str(proposal_id), {"supports": supports})
    _notify(db, proposal_id, "under_review", count=supports)  # the plural agrees with it
    return True


def _notify(db: sqlite_utils.Database, proposal_id: int, key: str, **values: object) -> None:
    row = db.execute(
        "SELECT channel, recipient, language FROM proposal_private WHERE proposal_id = ?", [proposal_id]
    ).fetchone()
    if row is None:
        return
    channel, recipient, language = row
    title = db.execute("SELECT title FROM proposals WHERE id = ?", [proposal_id]).fetchone()[0]
    localised = {
        k: v[language if language == "en" else "ko"] if isinstance(v, dict) else v for k, v in values.items()
    }
    outbox.enqueue(db, channel, recipient, t(f"proposals.{key}", language, title=title, **localised))


# -- expiry ----------------------------------------------------------------------------------
def expire_due(db: sqlite_utils.Database, now: dt.datetime | None = None) -> list[int]:
    """Expire every collecting proposal whose deadline has passed (the server's timer runs this).

    One conditional UPDATE ... RETURNING: two replicas running it at the same moment cannot both
    expire a proposal, and a proposal that reached review meanwhile is left alone. A held proposal
    is not expired: its window starts again when it is published.
    """
    now = now or clock.now()
    rows = db.execute(
        """UPDATE proposals SET status = 'expired'
           WHERE status = 'collecting' AND visibility = 'public' AND deadline < ? RETURNING id""",
        [clock.iso(now)],
    ).fetchall()
    expired = sorted(row[0] for row in rows)
    for proposal_id in expired:
        _history(db, proposal_id, EXPIRED, now)
        officials.audit(
            db, SYSTEM, "proposal.expire", str(proposal_id), {"supports": support_count(db, proposal_id)}
        )
        db.execute("DELETE FROM proposal_private WHERE proposal_id = ?", [proposal_id])
        _forget_networks(db, proposal_id)
    return expired


# -- reading ---------------------------------------------------------------------------------
def get(db: sqlite_utils.Database, proposal_id: int) -> Proposal | None:
    """Any proposal, held ones too (officials, the domain's own checks); the public use ``get_public``."""
    if not 0 < proposal_id < 2**62:
        return None
    row = db.execute(f"{_SELECT} WHERE p.id = ?", [proposal_id]).fetchone()
    return _from_row(tuple(row)) if row else None


def get_public(db: sqlite_utils.Database, proposal_id: int) -> Proposal | None:
    """The proposal if anyone may see it; None when there is none or it is held for review."""
    found = get(db, proposal_id)
    return found if found is not None and not found.held else None


def list_proposals(
    db: sqlite_utils.Database,
    statuses: tuple[str, ...] = STATUSES,
    limit: int = 200,
    public_only: bool = True,
) -> list[Proposal]:
    """Newest first, of the given statuses; held ones only when ``public_only`` is False (officials)."""
    marks = ",".join("?" * len(statuses))
    visible = " AND p.visibility = 'public'" if public_only else ""
    rows = db.execute(
        f"{_SELECT} WHERE p.status IN ({marks}){visible} ORDER BY p.id DESC LIMIT ?", [*statuses, limit]
    ).fetchall()
    return [_from_row(tuple(row)) for row in rows]


def held_queue(db: sqlite_utils.Database) -> list[Proposal]:
    """Proposals held for an official's review of their text (a name, abuse), the longest waiting
    first: the console's and the admin API's moderation queue. Declined ones have left it."""
    rows = db.execute(
        f"{_SELECT} WHERE p.visibility = 'pending_review' AND p.status = 'collecting' ORDER BY p.id"
    ).fetchall()
    return [_from_row(tuple(row)) for row in rows]


def review_queue(db: sqlite_utils.Database) -> list[Proposal]:
    """What officials have to decide: under review, the longest waiting first (the console's queue)."""
    return list(reversed(list_proposals(db, (UNDER_REVIEW,))))


def officials_list(db: sqlite_utils.Database, statuses: tuple[str, ...]) -> list[Proposal]:
    """The proposals in ``statuses`` as officials list them (the admin API, the CLI), held ones
    included: newest first, but the review queue alone (``(UNDER_REVIEW,)``) longest waiting first,
    as they work through it."""
    if statuses == (UNDER_REVIEW,):
        return review_queue(db)
    return list_proposals(db, statuses, public_only=False)


def history(db: sqlite_utils.Database, proposal_id: int) -> list[dict]:
    """The public status history: [{"status", "at"}], oldest first. Who acted is in the audit log."""
    rows = db.execute(
        "SELECT status, at FROM proposal_history WHERE proposal_id = ? ORDER BY seq", [proposal_id]
    ).fetchall()
    return [{"status": status, "at": at} for status, at in rows]


def with_history(db: sqlite_utils.Database, proposal_id: int) -> tuple[Proposal | None, list[dict]]:
    """The proposal and its public status history, or (None, []) when there is no such proposal or
    it is held for review (the public pages and API read this)."""
    found = get_public(db, proposal_id)
    return (found, history(db, proposal_id)) if found else (None, [])


def reviewed_at(db: sqlite_utils.Database, proposal_id: int) -> dt.datetime:
    """When the proposal last entered review (its status history; the threshold moved it there)."""
    steps = [s["at"] for s in history(db, proposal_id) if s["status"] == UNDER_REVIEW]
    return dt.datetime.fromisoformat(steps[-1]) if steps else clock.now()


def proposal_of_poll(db: sqlite_utils.Database, poll_id: int) -> Proposal | None:
    """The proposal a poll came from (the link back from poll to proposal), or None."""
    row = db.execute("SELECT id FROM proposals WHERE poll_id = ?", [poll_id]).fetchone()
    return get(db, row[0]) if row else None


def similar_open(
    db: sqlite_utils.Database,
    text: str,
    similarity: Callable[[str, list[str]], list[float]] | None = None,
    threshold: float = 0.3,
    limit: int = 3,
) -> list[Proposal]:
    """Collecting proposals whose title and description resemble ``text``, most similar first."""
    return rank_similar(list_proposals(db, (COLLECTING,)), text, similarity, threshold, limit)


def rank_similar(
    candidates: list[Proposal],
    text: str,
    similarity: Callable[[str, list[str]], list[float]] | None = None,
    threshold: float = 0.3,
    limit: int = 3,
) -> list[Proposal]:
    """The candidates at or above ``threshold``, most similar first, at most ``limit``.

    The duplicate-report rule (civicbot.voicemap.likely_duplicates): ``similarity(text, others)``
    is the embedder's cosine when the caller has one (with its threshold), else character bigrams.
    May block (an embedder call): run it off the event loop.
    """
    if not candidates or not text.strip():
        return []
    texts = [f"{p.title} {p.description}".strip() for p in candidates]
    scores = similarity(text, texts) if similarity else [bigram_similarity(text, t) for t in texts]
    ranked = sorted(
        (pair for pair in zip(scores, candidates, strict=True) if pair[0] >= threshold),
        key=lambda pair: -pair[0],
    )
    return [p for _score, p in ranked[:limit]]


def public(
    proposal: Proposal, language: str, public_url: str = "", zone: dt.tzinfo = dt.UTC, **extra: object
) -> shapes.Proposal:
    """What anyone may see of a proposal: never who proposed or who supported, only the count.
    ``extra`` adds the fields only some answers carry (``history``, ``similar``).

    Times are ISO 8601 in ``zone`` (the API passes the city's, so Seoul's read +09:00, as the polls
    and complaints APIs do); the store keeps UTC."""
    fields = {
        "id": proposal.id,
        "title": proposal.title,
        "description": proposal.description,
        "options": list(proposal.options),
        "district": proposal.district,
        "language": proposal.language,
        "status": proposal.status,
        "status_label": status_label(proposal.status, language),
        "supports": proposal.supports,
        "threshold": proposal.threshold,
        "progress": proposal.progress,
        "deadline": clock.local_iso(proposal.deadline, zone),
        "created_at": clock.local_iso(proposal.created_at, zone),
        "poll_id": proposal.poll_id,
        "poll_url": polls.results_url(public_url, proposal.poll_id) if proposal.poll_id else None,
        "reason": {"ko": proposal.reason_ko, "en": proposal.reason_en}
        if proposal.status == DECLINED
        else None,
    }
    if proposal.held:  # only its proposer (on creation) and officials are ever shown a held one
        fields["held"] = True
    return shapes.Proposal.model_validate({**fields, **extra})


def public_list(
    found: list[Proposal], language: str, public_url: str, zone: dt.tzinfo
) -> shapes.ProposalList:
    """The proposals ``found`` as ``public``, in their order."""
    return shapes.ProposalList(proposals=[public(p, language, public_url, zone) for p in found])


def public_detail(
    db: sqlite_utils.Database, proposal_id: int, language: str, public_url: str, zone: dt.tzinfo
) -> shapes.Proposal | None:
    """One proposal as ``public`` with its status history (times in ``zone``), or None."""
    proposal, steps = with_history(db, proposal_id)
    if proposal is None:
        return None
    history = [{**step, "at": clock.local_iso(step["at"], zone)} for step in steps]
    return public(proposal, language, public_url, zone, history=history)


# -- the public pages' view data -----------------------------------------------------------------
_PAGE_ORDER = {COLLECTING: 0, UNDER_REVIEW: 1, ACCEPTED: 2, DECLINED: 3, EXPIRED: 4}


def page_rows(db: sqlite_utils.Database, language: str) -> list[dict]:
    """The public list: collecting first, then under review, accepted, declined, expired."""
    return [page_row(p, language) for p in sorted(list_proposals(db), key=lambda p: _PAGE_ORDER[p.status])]


def page_row(proposal: Proposal, language: str) -> dict:
    """A proposal as the public pages show it in a list: its support bar stops at the threshold."""
    return {
        "id": proposal.id,
        "title": proposal.title,
        "status": proposal.status,
        "status_label": status_label(proposal.status, language),
        "supports": proposal.supports,
        "threshold": proposal.threshold,
        "bar": min(proposal.supports, proposal.threshold),
    }


def page_view(db: sqlite_utils.Database, proposal_id: int, language: str, zone: ZoneInfo) -> dict | None:
    """What a proposal's public page shows, times in ``zone``; None when there is no such proposal."""
    proposal, steps = with_history(db, proposal_id)
    if proposal is None:
        return None
    district = polls.group_label("district", proposal.district, language) if proposal.district else None
    return {
        "proposal": page_row(proposal, language),
        "description": proposal.description,
        "options": proposal.options,
        "district": district,
        "deadline": polls.show_time(proposal.deadline, zone, language),
        "deadline_iso": clock.local_iso(proposal.deadline, zone),
        "reason": proposal.reason(language) if proposal.status == DECLINED else "",
        "poll_id": proposal.poll_id,
        "history": [
            {
                "label": status_label(step["status"], language),
                "at": polls.show_time(dt.datetime.fromisoformat(step["at"]), zone, language),
                "iso": clock.local_iso(step["at"], zone),
            }
            for step in steps
        ],
    }


# -- official review -------------------------------------------------------------------------
def _reviewable(db: sqlite_utils.Database, proposal_id: int, allowed: tuple[str, ...]) -> Proposal:
    proposal = get(db, proposal_id)
    if proposal is None:
        raise ProposalError("not_found", f"There is no proposal {proposal_id}.")
    if proposal.status not in allowed:
        raise ProposalError(
            "wrong_status", f"Proposal {proposal_id} is {proposal.status}; this needs {' or '.join(allowed)}."
        )
    return proposal


def poll_draft(proposal: Proposal, public_url: str, now: dt.datetime | None = None) -> dict:
    """The poll form pre-filled from a proposal, in both languages (a polls.parse_spec mapping).

    The proposer wrote in one language; that text fills both until an official adds the other
    (the accept call takes {"title": {"ko", "en"}, ...} overrides). The description ends with a
    link back to the proposal, so voters see where the question came from.
    """
    now = now or clock.now()
    url = proposal_url(public_url, proposal.id)
    back = {lang: t("proposals.from_proposal", lang, id=proposal.id, url=url) for lang in ("ko", "en")}
    description = {lang: f"{proposal.description}\n\n{back[lang]}".strip() for lang in ("ko", "en")}
    return {
        "title": {"ko": proposal.title, "en": proposal.title},
        "description": description,
        "options": [{"ko": o, "en": o} for o in proposal.options],
        "max_choices": 1,
        "opens_at": clock.iso(now),
        "closes_at": clock.iso(now + dt.timedelta(days=POLL_DAYS)),
        "districts": [proposal.district] if proposal.district else [],
    }


_POLL_OVERRIDES = (
    "title",
    "description",
    "options",
    "max_choices",
    "opens_at",
    "closes_at",
    "results",
    "channels",
    "districts",
    "demographics",
)


def accept(
    db: sqlite_utils.Database,
    proposal_id: int,
    actor: str,
    zone: ZoneInfo,
    public_url: str = "",
    overrides: Mapping | None = None,
    now: dt.datetime | None = None,
) -> tuple[Proposal, polls.Poll]:
    """under_review -> accepted: create the poll from poll_draft() plus the official's overrides,
    link poll and proposal both ways, tell the proposer, write the audit log. One transaction.

    Raises ProposalError: not_found, wrong_status, invalid_poll (the field the poll rules refuse).
    """
    now = now or clock.now()
    proposal = _reviewable(db, proposal_id, (UNDER_REVIEW,))
    unknown = sorted(str(k) for k in (overrides or {}) if k not in _POLL_OVERRIDES)
    if unknown:
        raise ProposalError(
            "invalid_poll", f"unknown field '{unknown[0]}'; use {', '.join(_POLL_OVERRIDES)}", unknown[0]
        )
    draft = poll_draft(proposal, public_url, now)
    raw = {**draft, **(overrides or {})}
    for name in ("title", "description"):  # {"en": ...} alone adds English and keeps the Korean
        if isinstance(raw[name], Mapping) and raw[name] is not draft[name]:
            raw[name] = {**draft[name], **raw[name]}
    try:
        spec = polls.parse_spec(raw, zone, now)
    except polls.SpecError as exc:
        raise ProposalError("invalid_poll", exc.message, exc.field) from None
    if spec.closes_at <= now:
        raise ProposalError("invalid_poll", "'closes_at' is in the past.", "closes_at")
    poll = polls.create_poll(db, spec, actor, now)
    moved = db.execute(
        "UPDATE proposals SET status = 'accepted', poll_id = ? WHERE id = ? AND status = 'under_review'",
        [poll.id, proposal_id],
    ).rowcount
    if not moved:  # cannot happen inside one writer; refuse rather than leave an orphan poll
        raise ProposalError("wrong_status", f"Proposal {proposal_id} changed while being accepted.")
    _history(db, proposal_id, ACCEPTED, now)
    officials.audit(db, actor, "proposal.accept", str(proposal_id), {"poll": poll.id})
    _notify(db, proposal_id, "accepted", url=polls.results_link(public_url, poll.id))
    db.execute("DELETE FROM proposal_private WHERE proposal_id = ?", [proposal_id])
    found = get(db, proposal_id)
    assert found is not None
    return found, poll


def decline(
    db: sqlite_utils.Database,
    proposal_id: int,
    actor: str,
    reason: Mapping,
    now: dt.datetime | None = None,
) -> Proposal:
    """-> declined with a public reason in BOTH languages ({"ko": ..., "en": ...}, each 1-1,000
    characters). From under_review, or from collecting to take down an abusive proposal.
    The proposer is told the reason in their language; the audit log records who decided.

    Raises ProposalError: not_found, wrong_status, invalid_reason.
    """
    now = now or clock.now()
    if not isinstance(reason, Mapping):
        raise ProposalError("invalid_reason", '\'reason\' must be {"ko": ..., "en": ...}.', "reason")
    texts = {}
    for lang in ("ko", "en"):
        try:
            texts[lang] = _clean(reason.get(lang), f"reason.{lang}", MAX_REASON)
        except ProposalError as exc:
            raise ProposalError(
                "invalid_reason",
                f"A decline needs a public reason in Korean and English: {exc.message}",
                "reason",
            ) from None
    _reviewable(db, proposal_id, (UNDER_REVIEW, COLLECTING))
    db.execute(
        """UPDATE proposals SET status = 'declined', reason_ko = ?, reason_en = ?
           WHERE id = ? AND status IN ('under_review', 'collecting')""",
        [texts["ko"], texts["en"], proposal_id],
    )
    _history(db, proposal_id, DECLINED, now)
    officials.audit(db, actor, "proposal.decline", str(proposal_id), {"reason": texts})
    _notify(db, proposal_id, "declined", reason=texts)
    db.execute("DELETE FROM proposal_private WHERE proposal_id = ?", [proposal_id])
    _forget_networks(db, proposal_id)
    found = get(db, proposal_id)
    assert found is not None
    return found


def publish(
    db: sqlite_utils.Database,
    proposal_id: int,
    actor: str,
    public_url: str = "",
    now: dt.datetime | None = None,
) -> Proposal:
    """A held proposal (``pending_review``, still collecting) made public after an official read it.

    Its collection window (as long as it was given) starts now, so the time it waited is not lost;
    a threshold the proposer's own support reaches sends it to review at once. The proposer is told
    (``proposals.published``); audit action ``proposal.publish`` with the reasons it was held.
    Raises ProposalError: not_found, wrong_status (not held, or already declined or expired).
    """
    now = now or clock.now()
    proposal = _reviewable(db, proposal_id, (COLLECTING,))
    if not proposal.held:
        raise ProposalError("wrong_status", f"Proposal {proposal_id} is already public.")
    deadline = now + (proposal.deadline - proposal.created_at)
    db.execute(
        """UPDATE proposals SET visibility = 'public', review_reasons = '', deadline = ?
           WHERE id = ? AND visibility = 'pending_review' AND status = 'collecting'""",
        [clock.iso(deadline), proposal_id],
    )
    officials.audit(
        db, actor, "proposal.publish", str(proposal_id), {"held_for": list(proposal.review_reasons)}
    )
    _notify(db, proposal_id, "published", url=proposal_url(public_url, proposal_id))
    _review_if_reached(db, proposal_id, now)
    found = get(db, proposal_id)
    assert found is not None
    return found


def proposal_url(public_url: str, proposal_id: int) -> str:
    return f"{public_url.rstrip('/')}/proposals/{proposal_id}"
