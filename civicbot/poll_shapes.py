"""The JSON shapes of a poll, as ``civicbot.polls`` builds them: the poll, its results, the public
bulletin, a receipt check, a vote's receipt and an official's export.

The API serves these as they are (``/api/openapi.json`` is generated from them) and the export
file's JSON is ``PollExport``. A vote's request (``VoteRequest``) is here too; a poll definition is
``polls.PollDefinition``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from civicbot.shapes import Moment, Request, absent


class PollOption(BaseModel):
    id: int
    label: str


class PollTitles(BaseModel):
    ko: str
    en: str


class Poll(BaseModel):
    id: int
    slug: str | None = absent(description="Set for polls published from YAML")
    title: str
    description: str
    titles: PollTitles = absent()
    options: list[PollOption]
    max_choices: int = Field(ge=1)
    opens_at: Moment = Field(description="In the city's time zone")
    closes_at: Moment = Field(description="In the city's time zone")
    closed_at: Moment | None = absent(description="In the city's time zone")
    status: Literal["draft", "scheduled", "open", "closed"]
    results: Literal["after_close", "live"]
    results_visible: bool
    channels: list[str]
    districts: list[str] = Field(description="Empty: open to the whole city")
    demographics: list[str] = Field(description="Self-declared questions asked before the vote")
    ballots: int = absent(description="Ballots cast so far")
    chain_head: str = absent(description="Hash at the end of the ballot chain")


class PollList(BaseModel):
    polls: list[Poll]


class CellCount(BaseModel):
    id: int
    votes: int | None = Field(description="null: suppressed")
    percent: float | None


class BreakdownGroup(BaseModel):
    value: str
    label: str
    voters: int
    options: list[CellCount]


class Breakdown(BaseModel):
    groups: list[BreakdownGroup]
    suppressed_groups: int = Field(description="Groups with fewer than 5 voters, left out (not even named)")


class OptionCount(BaseModel):
    id: int
    label: str
    votes: int
    percent: float = Field(description="Of ballots (can sum over 100)")


class PollResults(BaseModel):
    poll_id: int
    options: list[OptionCount]
    total: int = Field(description="Ballots")
    turnout: int = Field(description="People who took part (equals total)")
    chain_head: str
    breakdowns: dict[Literal["district", "age"], Breakdown]
    min_cell: int = absent()
    snapshot_at: Moment | None = absent(
        description="Open polls only: when the figures shown were taken (city's offset); "
        "null before the first snapshot"
    )
    status: Literal["scheduled", "open", "closed"] = absent()


class BulletinBallot(BaseModel):
    seq: int
    receipt: str
    choices: list[int]
    hash: str


class Bulletin(BaseModel):
    poll_id: int
    genesis: str = Field(description="h_0 = sha256('civicbot-poll:<id>')")
    ballots: list[BulletinBallot]
    head: str


class ReceiptCheck(BaseModel):
    poll_id: int
    receipt: str
    counted: bool
    seq: int
    choices: list[int]
    hash: str
    chain_head: str


class VoteReceipt(BaseModel):
    poll_id: int
    receipt: str = Field(description="128 random bits, base32; keep it private")
    seq: int
    chain_head: str
    results_url: str


class Verification(BaseModel):
    ok: bool
    problems: list[str]


class PollExport(BaseModel):
    poll: Poll
    results: PollResults
    verification: Verification
    exported_at: Moment = Field(description="In the city's time zone")


# -- requests ------------------------------------------------------------------------------------
PollId = {"type": "integer", "minimum": 1, "description": "The poll's number"}


def vote_codes(table: str, *more: object) -> list:
    """The codes of ``civicbot.polls``' table ``table`` (DISTRICTS, AGE_BANDS), then ``more``, for
    the document's enums. Read when the document is written: polls imports this module."""
    from civicbot import polls

    return [*getattr(polls, table), *more]


def _vote_code(table: str) -> Any:
    # The domain refuses other codes with its own error (unknown_district ...); the document says which.
    def enum(schema: dict) -> None:
        from civicbot.polls import NOT_GIVEN

        schema["enum"] = vote_codes(table, NOT_GIVEN)

    return Field(None, json_schema_extra=enum)


@dataclass(frozen=True)
class Voter:
    """Who casts a ballot (``polls.vote``), from which channel, with what they chose to declare."""

    channel: str
    user_id: str
    district: str | None = None  # self-declared, optional
    age: str | None = None
    notify: str = ""  # where to send the closing notice on this channel ("" = nowhere)
    language: str = "ko"


class VoteRequest(Request):
    choices: list[int] = Field(description="Option ids", json_schema_extra={"minItems": 1})
    district: str | None = Field(
        None,
        description=(
            "The voter's district (self-declared): its code (mapo), Korean name (마포구), English name in "
            "any case, with or without -gu (Mapo-gu, mapo), or administrative code (11440); 'none' skips it"
        ),
        examples=["mapo", "Mapo-gu", "11440"],
    )
    age_band: str | None = _vote_code("AGE_BANDS")
    notify: bool = Field(True, description="Tell this web session when the poll closes")

    def voter(self, session: str, language: str) -> Voter:
        """The web session ``session`` as the voter, told on the same session when ``notify``."""
        notify = session if self.notify else ""
        return Voter("web", session, self.district, self.age_band, notify, language)
