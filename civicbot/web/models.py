"""The HTTP API's request and response models: one pydantic model per body, query and reply.

These are the single statement of each shape: ``boundary.validated`` validates with them, the
handlers serialise through them and ``/api/openapi.json`` is generated from them. To add a field
to a response, add it to the model here and fill it where the handler builds the model.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from civicbot.polls import AGE_BANDS, DISTRICTS, NOT_GIVEN
from civicbot.text import normalise
from civicbot.web.boundary import Setting

Language = Literal["ko", "en"]


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def absent(**kwargs: Any) -> Any:
    """A response field that is left out of the JSON when not set (never sent as ``null``)."""
    return Field(None, json_schema_extra=_no_default, **kwargs)


def _nonblank(value: str) -> str:
    """Normalised text; after the length check, so normalising never turns a refusal into a pass."""
    value = normalise(value)
    if not value:
        raise PydanticCustomError("empty_text", "must not be empty or only white space")
    return value


# A message typed by a person: at most CIVICBOT_MAX_TEXT_CHARS as sent (413), not only space (400).
Text = Annotated[
    str,
    Setting("max_text_chars"),
    AfterValidator(_nonblank),
    Field(json_schema_extra={"minLength": 1, "pattern": r"\S"}),
]


# A time as the API writes it (ISO 8601 with the city's offset), passed through as written.
Moment = Annotated[str, Field(json_schema_extra={"format": "date-time"})]


class Request(BaseModel):
    """A JSON request body: JSON types exactly (no "5" for 5), unknown fields ignored."""

    model_config = ConfigDict(strict=True)


class Query(BaseModel):
    """A query string: values arrive as text and are converted ("5" is 5)."""


class Response(BaseModel):
    """A JSON response: built by the handler, dumped with the fields it set."""


# --- chat and knowledge --------------------------------------------------------------------------


class ChatRequest(Request):
    conversation_id: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128, pattern=r"\S")]
        | None
    ) = Field(
        None,
        description="The id the server returned for this conversation. Leave it out to start one; "
        "an id the server did not issue starts a new conversation (with a new id in the reply).",
    )
    text: Text = Field(description="The message: not only white space.")
    language: Language | None = Field(None, description="Optional hint.")


class Source(Response):
    doc_id: str
    title: str
    url: str = Field(
        description="The document itself: its published page, or /knowledge/<doc_id> on this server, "
        "with a #:~:text= fragment that scrolls to the quoted sentence."
    )
    score: float
    updated: str = Field("", description="The document's date (ISO), or empty.")
    dated: str = Field(
        "", description="'2019년 12월 기준' / 'as of December 2019' when over a year old, else empty."
    )


class Button(Response):
    label: str
    payload: str
    pressed: bool = absent(description="A toggle's state (a chosen poll option).")


class ChatReply(Response):
    conversation_id: str = absent(description="Send this back to continue the conversation.")
    text: str
    intent: str
    confidence: float
    language: Language = absent()
    sources: list[Source] = Field(
        description="Empty whenever the reply is not an answer from the knowledge base."
    )
    related: list[Source] = Field(
        default_factory=list,
        description="Documents on the question's topic that lack the detail asked for (the text says so); "
        "never the answer's source.",
    )
    buttons: list[Button]
    expects: Literal["location", "photo"] | None = Field(
        None, description="What the bot asks for next: location, photo, or null for text."
    )


class SearchQuery(Query):
    q: Text = Field(description="The question or words to look for.")
    k: int = Field(5, ge=1, le=20, description="How many passages.")

    @model_validator(mode="before")
    @classmethod
    def _absent_q_is_empty(cls, data: Any) -> Any:
        # No q is the same mistake as an empty q, and has always been answered as one (empty_text).
        return {"q": "", **data} if isinstance(data, dict) else data


class Passage(Response):
    doc_id: str = Field(description="Path relative to the knowledge dir.")
    title: str
    section: str
    text: str
    score: float


class SearchResults(Response):
    results: list[Passage]


class Health(Response):
    status: Literal["ok", "loading", "error", "database_unavailable"]
    documents: int = absent()
    chunks: int = absent()
    error: str | None = absent()


class SessionQuery(Query):
    language: Language = Field("ko", description="The session's language (anything else is 'ko').")

    @field_validator("language", mode="before")
    @classmethod
    def _default_language(cls, value: Any) -> Any:
        return value if value in ("ko", "en") else "ko"


class SessionToken(Response):
    token: str = Field(description="Send it as 'Authorization: Bearer <token>'.")


# --- polls ---------------------------------------------------------------------------------------

PollId = {"type": "integer", "minimum": 1, "description": "The poll's number"}


class LangQuery(Query):
    lang: str = absent(
        description="'ko' or 'en' for titles and labels; anything else falls back to Accept-Language, "
        "then Korean",
    )


class PollOption(Response):
    id: int
    label: str


class PollTitles(Response):
    ko: str
    en: str


class Poll(Response):
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


class PollList(Response):
    polls: list[Poll]


class CellCount(Response):
    id: int
    votes: int | None = Field(description="null: suppressed")
    percent: float | None


class BreakdownGroup(Response):
    value: str
    label: str
    voters: int
    options: list[CellCount]


class Breakdown(Response):
    groups: list[BreakdownGroup]
    suppressed_groups: int = Field(description="Groups with fewer than 5 voters, left out (not even named)")


class OptionCount(Response):
    id: int
    label: str
    votes: int
    percent: float = Field(description="Of ballots (can sum over 100)")


class PollResults(Response):
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


class BulletinBallot(Response):
    seq: int
    receipt: str
    choices: list[int]
    hash: str


class Bulletin(Response):
    poll_id: int
    genesis: str = Field(description="h_0 = sha256('civicbot-poll:<id>')")
    ballots: list[BulletinBallot]
    head: str


class ReceiptCheck(Response):
    poll_id: int
    receipt: str
    counted: bool
    seq: int
    choices: list[int]
    hash: str
    chain_head: str


def _vote_code(values: tuple[str, ...]) -> Any:
    # The domain refuses other codes with its own error (unknown_district ...); the document says which.
    return Field(None, json_schema_extra={"enum": list(values)})


class VoteRequest(Request):
    choices: list[int] = Field(description="Option ids", json_schema_extra={"minItems": 1})
    district: str | None = _vote_code((*DISTRICTS, NOT_GIVEN))
    age_band: str | None = _vote_code((*AGE_BANDS, NOT_GIVEN))
    notify: bool = Field(True, description="Tell this web session when the poll closes")


class VoteReceipt(Response):
    poll_id: int
    receipt: str = Field(description="128 random bits, base32; keep it private")
    seq: int
    chain_head: str
    results_url: str


class Verification(Response):
    ok: bool
    problems: list[str]


class PollExport(Response):
    poll: Poll
    results: PollResults
    verification: Verification
    exported_at: Moment = Field(description="In the city's time zone")
