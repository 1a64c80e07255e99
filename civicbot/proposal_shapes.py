"""The JSON shapes of a citizen proposal, as ``civicbot.proposals`` builds them: what the public
sees, the support count, and an accepted proposal with its poll.

The API serves these as they are (``/api/openapi.json`` is generated from them). A proposal's
request shapes (create, accept, decline) stay with the web, which checks them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from civicbot.poll_shapes import Poll
from civicbot.shapes import Language, Moment, ReasonPair, absent

# proposals.STATUSES, written out: proposals imports this module, not the other way round.
STATUSES = ("collecting", "under_review", "accepted", "declined", "expired")
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
