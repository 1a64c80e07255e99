"""The JSON shapes of a conversation with the bot, as the chat API and the web widget take and
serve them; ``/api/openapi.json`` is generated from them.

The bot's reply (``dialogue.Reply``) sits beside ``civicbot.dialogue``, whose ``reply_as_json``
gives the same fields (the widget's socket sends that dict in its frames). The requests turn into
the engine's ``Incoming`` here (``ChatRequest.incoming``, ``WidgetMessage.incoming``), so every
entry point hands the one Dialogue the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

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

from civicbot.dialogue import Incoming, Reply, reply_as_json
from civicbot.shapes import Language, Query, Request, Response, Setting, Text, absent, not_null
from civicbot.text import VISIBLE_PATTERN, normalise

if TYPE_CHECKING:
    from civicbot.config import Settings
    from civicbot.knowledge import SearchResult
    from civicbot.outbox import Notification as Notice
    from civicbot.sessions import Session


class Source(BaseModel):
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


class Button(BaseModel):
    label: str
    payload: str
    pressed: bool = absent(description="A toggle's state (a chosen poll option).")


class ChatReply(BaseModel):
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


def chat_reply(reply: Reply, conversation_id: str | None = None) -> ChatReply:
    """``reply`` as the API serves it; ``conversation_id`` when the caller continues one by id."""
    fields = reply_as_json(reply)
    return ChatReply.model_validate(
        {**fields, "conversation_id": conversation_id} if conversation_id else fields
    )


# -- chat and knowledge ---------------------------------------------------------------------------


class ChatRequest(Request):
    conversation_id: (
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, min_length=1, max_length=128, pattern=VISIBLE_PATTERN),
        ]
        | None
    ) = Field(
        None,
        description="The id the server returned for this conversation. Leave it out to start one; "
        "an id the server did not issue starts a new conversation (with a new id in the reply).",
    )
    text: Text = Field(description="The message: not only white space.")
    language: Language | None = Field(None, description="Optional hint.")

    def incoming(self, conversation_id: str) -> Incoming:
        """This message, in the conversation ``conversation_id`` (``sessions.conversation_id``)."""
        return Incoming(
            channel="api", conversation_id=conversation_id, text=self.text, language=self.language
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

    @classmethod
    def of(cls, found: SearchResult) -> SearchResults:
        """``knowledge.search``'s hits as passages, best first (scores to 4 places)."""
        return cls(
            results=[
                Passage(
                    doc_id=hit.chunk.doc_id,
                    title=hit.chunk.title,
                    section=hit.chunk.section,
                    text=hit.chunk.text,
                    score=round(hit.score, 4),
                )
                for hit in found.hits
            ]
        )


class Health(Response):
    status: Literal["ok", "loading", "error", "database_unavailable"]
    documents: int = absent()
    chunks: int = absent()
    error: str | None = absent()


class SessionQuery(Query):
    # "?language=" is refused as "xx" is (400 invalid_field naming 'language'): the document's
    # enum has no empty value, and reading it as Korean gave a session the client did not ask for.
    language: Language = Field(
        "ko",
        description="The session's language; not sent is ko, anything else (empty too) is 400 invalid_field.",
    )


class SessionToken(Response):
    token: str = Field(description="Send it as 'Authorization: Bearer <token>'.")


# -- the web widget ------------------------------------------------------------------------------

WIDGET_CHANNEL = "web"
MAX_PAYLOAD_CHARS = 128  # a button's payload: "/report skip", "/vote 3 2" ...


def widget_incoming(session: Session, language: str | None, **fields: Any) -> Incoming:
    """A widget message as the engine's Incoming. The anonymous session is the user: ``user_id``,
    ``conversation_id`` and ``reply_to`` are all its id (one vote per browser session, and a
    complaint's status changes come back to the same browser)."""
    return Incoming(
        channel=WIDGET_CHANNEL,
        conversation_id=session.id,
        user_id=session.id,
        language=language or session.language,
        reply_to=session.id,
        **fields,
    )


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
            Field(json_schema_extra={"minLength": 1, "pattern": VISIBLE_PATTERN}),
        ]
        | None
    ) = Field(None, json_schema_extra=not_null)
    payload: (
        Annotated[
            str,
            _fixed_limit(MAX_PAYLOAD_CHARS),
            AfterValidator(_normalised_or_none),
            Field(
                json_schema_extra={"minLength": 1, "maxLength": MAX_PAYLOAD_CHARS, "pattern": VISIBLE_PATTERN}
            ),
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

    def incoming(self, session: Session) -> Incoming:
        """This message from ``session``, as the engine's Incoming (``widget_incoming``)."""
        location = (self.location.lat, self.location.lon) if self.location else None
        return widget_incoming(
            session, self.language, text=self.text or "", payload=self.payload, location=location
        )


class PhotoQuery(Query):
    language: Language | None = Field(None, description="The widget's language")


class Notification(Response):
    id: int
    text: str

    @classmethod
    def of(cls, notice: Notice) -> Notification:
        """An outbox notice as the widget shows it; the link stays a path (widget.js makes it absolute)."""
        return cls(id=notice.id, text=notice.message(""))


class WidgetNotifications(Response):
    notifications: list[Notification]


class WidgetConfig(Response):
    photo_max_bytes: int
    max_text_chars: int
    map_tiles_url: str = absent(description="Tile URL template; empty: offline boundaries.")
    map_tiles_attribution: str = absent()

    @classmethod
    def of(cls, settings: Settings) -> WidgetConfig:
        """The public settings the widget needs (an empty tile URL: the offline map of 구/동 boundaries)."""
        return cls(
            photo_max_bytes=settings.photo_max_bytes,
            max_text_chars=settings.max_text_chars,
            map_tiles_url=settings.map_tiles_url,
            map_tiles_attribution=settings.map_tiles_attribution,
        )
