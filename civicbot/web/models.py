"""The HTTP API's request and response models: one pydantic model per body, query and reply.

These are the single statement of each shape: ``boundary.Api``'s views validate with them, the
handlers serialise through them and ``/api/openapi.json`` is generated from them. To add a field
to a response, add it to the model here and fill it where the handler builds the model.

A response that describes a domain object lives with the domain that builds it (the README's
"How the code is laid out"): ``civicbot.poll_shapes``, ``civicbot.proposal_shapes``,
``civicbot.reply_shapes``, ``voicemap.PublicComplaint`` and ``georeport``'s Open311 models; so do
the requests about reports (``civicbot.complaint_shapes``) and Open311's (``civicbot.georeport``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from civicbot import proposals as P
from civicbot.i18n import languages
from civicbot.polls import AGE_BANDS, DISTRICTS, NOT_GIVEN
from civicbot.proposal_shapes import Proposal as Proposal  # the public shape, as the API serves it
from civicbot.proposal_shapes import ProposalStatus
from civicbot.shapes import (
    LangQuery,
    Language,
    Query,
    Request,
    Response,
    Setting,
    Text,
    absent,
    not_null,
)
from civicbot.text import normalise

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
        return value if value in languages() else languages()[0]


class SessionToken(Response):
    token: str = Field(description="Send it as 'Authorization: Bearer <token>'.")


# --- polls ---------------------------------------------------------------------------------------

PollId = {"type": "integer", "minimum": 1, "description": "The poll's number"}


def _vote_code(values: tuple[str, ...]) -> Any:
    # The domain refuses other codes with its own error (unknown_district ...); the document says which.
    return Field(None, json_schema_extra={"enum": list(values)})


class VoteRequest(Request):
    choices: list[int] = Field(description="Option ids", json_schema_extra={"minItems": 1})
    district: str | None = _vote_code((*DISTRICTS, NOT_GIVEN))
    age_band: str | None = _vote_code((*AGE_BANDS, NOT_GIVEN))
    notify: bool = Field(True, description="Tell this web session when the poll closes")


# --- proposals -----------------------------------------------------------------------------------

ProposalId = {"type": "integer", "minimum": 1, "description": "The proposal's number"}


def _words(limit: int) -> dict:
    return {"type": "string", "minLength": 1, "maxLength": limit, "pattern": r"\S"}


def _domain_checked(schema: dict) -> Any:
    """A field the domain validates (and words the error for): any JSON here, ``schema`` in the document."""
    return WithJsonSchema(schema)


class StatusQuery(LangQuery):
    status: ProposalStatus = absent(description="Only proposals in this status (default: all)")

    @field_validator("status", mode="before")
    @classmethod
    def _known_status(cls, value: Any) -> Any:
        if value not in P.STATUSES:
            raise PydanticCustomError("invalid_status", f"'status' must be one of {', '.join(P.STATUSES)}.")
        return value


class ProposalCreate(Request):
    """Options must differ (ignoring case); one person may propose 3 times a day."""

    model_config = ConfigDict(extra="forbid")

    title: Annotated[Any, _domain_checked(_words(P.MAX_TITLE))]
    description: Annotated[Any, _domain_checked({"type": "string", "maxLength": P.MAX_DESCRIPTION})] = ""
    options: Annotated[
        Any,
        _domain_checked(
            {
                "type": "array",
                "minItems": P.MIN_OPTIONS,
                "maxItems": P.MAX_OPTIONS,
                "uniqueItems": True,
                "items": _words(P.MAX_OPTION),
            }
        ),
    ]
    district: Annotated[Any, _domain_checked({"enum": [*DISTRICTS, None]})] = None
    language: Language | None = Field(None, description="Default: the session's")


class ProposalAccept(Request):
    model_config = ConfigDict(extra="forbid")

    poll: dict[str, Any] = Field(
        default_factory=dict,
        description="Poll fields (as in PollCreate) that replace the ones pre-filled from the proposal, "
        'e.g. an English title: {"title": {"ko": ..., "en": ...}}. Default: the proposal\'s text in both '
        "languages, closing in 14 days.",
    )


class ProposalDecline(Request):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"required": ["reason"]})

    reason: Annotated[
        Any,
        _domain_checked(
            {
                "type": "object",
                "required": ["ko", "en"],
                "additionalProperties": False,
                "description": "The public reason, in Korean and English",
                "properties": {"ko": _words(P.MAX_REASON), "en": _words(P.MAX_REASON)},
            }
        ),
    ] = None


# --- the web widget ------------------------------------------------------------------------------

MAX_PAYLOAD_CHARS = 128  # a button's payload: "/report skip", "/vote 3 2" ...


def _fixed_limit(limit: int) -> Any:
    def check(value: str) -> str:
        if len(value) > limit:
            raise PydanticCustomError("text_too_long", "longer than {limit}", {"limit": limit})
        return value

    return AfterValidator(check)


def _normalised_or_none(value: str) -> str | None:
    return normalise(value) or None


class Location(Request):
    model_config = ConfigDict(strict=True, extra="forbid")

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class WidgetMessage(Request):
    """Send at least one of text, payload (a pressed button) or location (also a WebSocket frame)."""

    model_config = ConfigDict(
        strict=True,
        json_schema_extra={
            "anyOf": [{"required": ["text"]}, {"required": ["payload"]}, {"required": ["location"]}]
        },
    )

    text: (
        Annotated[
            str,
            Setting("max_text_chars"),
            AfterValidator(_normalised_or_none),
            Field(json_schema_extra={"minLength": 1, "pattern": r"\S"}),
        ]
        | None
    ) = Field(None, json_schema_extra=not_null)
    payload: (
        Annotated[
            str,
            _fixed_limit(MAX_PAYLOAD_CHARS),
            AfterValidator(_normalised_or_none),
            Field(json_schema_extra={"minLength": 1, "maxLength": MAX_PAYLOAD_CHARS, "pattern": r"\S"}),
        ]
        | None
    ) = Field(None, description="The pressed button's payload", json_schema_extra=not_null)
    location: Location | None = Field(
        None,
        description="The place picked on the widget's map or from geolocation (WGS84)",
        json_schema_extra=not_null,
    )
    language: Language | None = Field(None, description="The widget's language")

    @field_validator("location", mode="before")
    @classmethod
    def _lat_lon(cls, value: Any) -> Any:
        if value is not None and (not isinstance(value, dict) or set(value) != {"lat", "lon"}):
            raise PydanticCustomError("invalid_field", '\'location\' must be {"lat": ..., "lon": ...}.')
        return value

    @model_validator(mode="after")
    def _something(self) -> WidgetMessage:
        if self.text is None and self.payload is None and self.location is None:
            raise PydanticCustomError("empty_message", "Send 'text', a button's 'payload' or a 'location'.")
        return self


class PhotoQuery(Query):
    language: Language | None = Field(None, description="The widget's language")


class Notification(Response):
    id: int
    text: str


class WidgetNotifications(Response):
    notifications: list[Notification]


class WidgetConfig(Response):
    photo_max_bytes: int
    max_text_chars: int
    map_tiles_url: str = absent(description="Tile URL template; empty: offline boundaries.")
    map_tiles_attribution: str = absent()
