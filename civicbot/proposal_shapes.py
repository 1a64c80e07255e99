"""The JSON shapes of a citizen proposal, as ``civicbot.proposals`` builds them: what the public
sees, the support count, and an accepted proposal with its poll.

The API serves these as they are (``/api/openapi.json`` is generated from them). A proposal's
requests (create, accept, decline) are here too: their limits are the ones ``civicbot.proposals``
checks, and it words the errors for the fields it checks itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from civicbot.poll_shapes import Poll, vote_codes
from civicbot.shapes import LangQuery, Language, Moment, ReasonPair, Request, absent
from civicbot.text import VISIBLE_PATTERN

# proposals.STATUSES and its limits, written out: proposals imports this module, not the other way round.
STATUSES = ("collecting", "under_review", "accepted", "declined", "expired")
MIN_OPTIONS, MAX_OPTIONS = 2, 10
MAX_TITLE, MAX_DESCRIPTION, MAX_OPTION, MAX_REASON = 200, 4000, 200, 1000
ProposalStatus = Literal[STATUSES]  # type: ignore[valid-type]


class StatusStep(BaseModel):
    status: ProposalStatus
    at: Moment


class Proposal(BaseModel):
    """What the public sees: the masked text and the support count, never who proposed or supported."""

    id: int
    title: str = Field(description="Personal data masked, as in complaints")
    description: str
    options: list[str]
    district: str | None = absent()
    language: Language = absent(description="The proposer's language")
    status: ProposalStatus
    status_label: str = absent()
    supports: int = Field(description="Distinct supporters, the proposer included")
    threshold: int = Field(description="Supports that send it to the city's review")
    progress: float = absent(description="Percent of the threshold reached (capped at 100)")
    deadline: Moment = Field(description="Support closes, in the city's offset (+09:00 for Seoul)")
    created_at: Moment = absent()
    poll_id: int | None = absent(description="The poll it became, once accepted")
    poll_url: str | None = absent()
    reason: ReasonPair | None = absent(description="The public reason of a decline, in both languages")
    held: bool = absent(
        description="true: its text names a person or has abusive words, so it waits for an official's "
        "review and nobody else sees it (given to its proposer on creation and to officials)"
    )
    history: list[StatusStep] = absent(description="Status changes, oldest first (detail only)")
    similar: list[Proposal] = absent(
        description="On creation: open proposals that look similar, to point the proposer to"
    )


class ProposalList(BaseModel):
    proposals: list[Proposal]


class SupportResult(BaseModel):
    proposal_id: int
    supports: int
    added: bool = Field(description="false: this session had already supported it")
    status: ProposalStatus


class ProposalAccepted(BaseModel):
    proposal: Proposal
    poll: Poll


# -- requests ------------------------------------------------------------------------------------
ProposalId = {"type": "integer", "minimum": 1, "description": "The proposal's number"}


def _words(limit: int) -> dict:
    return {"type": "string", "minLength": 1, "maxLength": limit, "pattern": VISIBLE_PATTERN}


def _domain_checked(schema: dict) -> Any:
    """A field the domain validates (and words the error for): any JSON here, ``schema`` in the document."""
    return WithJsonSchema(schema)


class _District:
    """The document's enum of districts (or null), read from ``civicbot.polls`` when it is written."""

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict:
        return {"enum": vote_codes("DISTRICTS", None)}


class StatusQuery(LangQuery):
    status: ProposalStatus = absent(description="Only proposals in this status (default: all)")

    @field_validator("status", mode="before")
    @classmethod
    def _known_status(cls, value: Any) -> Any:
        if value not in STATUSES:
            raise PydanticCustomError("invalid_status", f"'status' must be one of {', '.join(STATUSES)}.")
        return value

    def statuses(self) -> tuple[str, ...]:
        """The statuses asked for: the one sent, else all of them."""
        return (self.status,) if "status" in self.model_fields_set else STATUSES


@dataclass(frozen=True)
class NewProposal:
    """What a citizen submits, before checks and masking."""

    title: str
    description: str
    options: tuple[str, ...] | list[str]
    language: str
    channel: str
    user_id: str
    reply_to: str = ""  # where notices go on the channel ("" = nowhere)
    district: str | None = None


class ProposalCreate(Request):
    """Options must differ (ignoring case); one person may propose 3 times a day."""

    model_config = ConfigDict(extra="forbid")

    title: Annotated[Any, _domain_checked(_words(MAX_TITLE))]
    description: Annotated[Any, _domain_checked({"type": "string", "maxLength": MAX_DESCRIPTION})] = ""
    options: Annotated[
        Any,
        _domain_checked(
            {
                "type": "array",
                "minItems": MIN_OPTIONS,
                "maxItems": MAX_OPTIONS,
                "uniqueItems": True,
                "items": _words(MAX_OPTION),
            }
        ),
    ]
    district: Annotated[Any, _District()] = None
    language: Language | None = Field(None, description="Default: the session's")

    def proposal(self, session: str, language: str) -> NewProposal:
        """The web session ``session``'s proposal (notices go to that session), in the body's
        language or else the session's ``language``; ``proposals.submit`` checks it."""
        title, description, options = self.title, self.description or "", self.options
        return NewProposal(
            title, description, options, self.language or language, "web", session, session, self.district
        )


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
                "properties": {"ko": _words(MAX_REASON), "en": _words(MAX_REASON)},
            }
        ),
    ] = None

    @model_validator(mode="after")
    def _reason_sent(self) -> ProposalDecline:
        # Left out is refused here; a reason sent but blank or one-language is refused by the domain.
        if "reason" not in self.model_fields_set:
            raise PydanticCustomError("invalid_reason", 'A decline needs \'reason\': {"ko": ..., "en": ...}.')
        return self
