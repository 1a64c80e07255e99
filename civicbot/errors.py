"""Domain errors: something a citizen or an official asked for that cannot happen.

Every domain error has a stable snake_case ``code`` (``poll_closed``, ``already_voted``,
``not_found``, ``outside_city`` ...) and a ``message`` in English for API clients; chat flows map
the code to a translated sentence. The domain never says which HTTP status a code is: that is
decided in one table, ``civicbot/web/errors.py``'s ``STATUS``, and rendered by its one error path.

The subclasses only say which domain raised the error (so a flow can catch its own); they are
re-exported by their domain module (``voicemap.ComplaintError``, ``polls.PollError`` ...).
This module imports nothing of the project, so any module may raise these.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from civicbot import clock


class DomainError(Exception):
    """An action that cannot happen: ``code`` is stable, ``message`` is English, for the API."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def message_in(self, zone: ZoneInfo) -> str:
        """The message with any moment it names in ``zone``; most errors name none."""
        return self.message


class ComplaintError(DomainError, ValueError):
    """A report, support, flag or official's change we cannot accept (empty_text, closed ...)."""


class PhotoError(ComplaintError):
    """A photo we refuse: photo_too_large, empty_photo, unsupported_photo, photo_too_many_pixels,
    invalid_photo."""


class PlaceError(DomainError, ValueError):
    """A point or a name we cannot use; ``reason`` (= ``code``) is bad_coordinates or outside_city."""

    @property
    def reason(self) -> str:
        return self.code


class TriageError(DomainError, ValueError):
    """An official's triage action that cannot happen (invalid_category, reason_required ...)."""


class ProposalError(DomainError):
    """A proposal, a support or a review that cannot happen; ``field`` names the input at fault."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(code, message)
        self.field = field


class PollError(DomainError):
    """A vote or an official's action on a poll that cannot happen.

    A message about a moment carries it as ``at`` and writes ``{at}`` where it goes, so the web
    boundary can show it in the city's zone (``message_in``); ``message`` has it in UTC."""

    def __init__(self, code: str, message: str, at: dt.datetime | None = None) -> None:
        self.at = at
        self._template = message
        super().__init__(code, message.format(at=clock.iso(at)) if at is not None else message)

    def message_in(self, zone: ZoneInfo) -> str:
        """The message with its moment (if any) as ISO 8601 with the offset of ``zone``."""
        if self.at is None:
            return self.message
        return self._template.format(at=clock.local_iso(self.at, zone))


class SpecError(DomainError, ValueError):
    """A poll definition is invalid (code ``invalid_poll``); ``field`` (and ``index`` for an
    option) says where; ``key``, when set, names the console's wording of it (``err_<key>``)."""

    def __init__(self, field_name: str, message: str, index: int | None = None, key: str = "") -> None:
        super().__init__("invalid_poll", message)
        self.field = field_name
        self.index = index
        self.key = key
        self.others: tuple[SpecError, ...] = ()  # the definition's further mistakes (polls.parse_spec)

    @property
    def every(self) -> tuple[SpecError, ...]:
        """This mistake and the others found in the same definition, in the fields' order."""
        return (self, *self.others)

    @classmethod
    def together(cls, mistakes: list[SpecError]) -> SpecError:
        """The first of ``mistakes`` (what the API and poll files report), carrying the rest."""
        first = mistakes[0]
        first.others = tuple(mistakes[1:])
        return first


class AccountError(DomainError, ValueError):
    """A console account action that cannot happen; ``retry_after`` is seconds, for 'locked'."""

    def __init__(self, code: str, message: str, retry_after: int = 0) -> None:
        super().__init__(code, message)
        self.retry_after = retry_after
