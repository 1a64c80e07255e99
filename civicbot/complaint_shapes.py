"""A report as the API shows it: ``voicemap.PublicComplaint`` with the names, links and local times
a reader needs, and the counts per district.

``PublicComplaint`` is the one statement of a report's public fields (its query reads them); the
shapes here extend it, so a new public field reaches every reply and the OpenAPI document without
another edit. Officials' shapes (``OfficialComplaint``, ``ReviewItem``, ``StatsRow``) are built
and declared in ``civicbot.voicemap``, the pages of them in ``civicbot.triage`` and the map's
GeoJSON in ``civicbot.complaint_map``.
"""

from __future__ import annotations

from typing import Any, Self
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from civicbot import clock
from civicbot.i18n import LANGUAGES, t
from civicbot.privacy import KINDS
from civicbot.shapes import Moment, ReasonPair, absent
from civicbot.voicemap import STATUSES, Intaken, PublicComplaint, Setup, Visibility


class HistoryEntry(BaseModel):
    at: Moment
    status: str = Field(json_schema_extra={"enum": list(STATUSES)})
    note: str


class Complaint(PublicComplaint):
    """A report's public record: ``PublicComplaint``'s fields, and what the API adds for display."""

    category_name: ReasonPair | None = Field(description="The category's name in both languages")
    district_en: str
    url: str = Field(description="The report on the public map")
    status_url: str = Field(description="The report's own status page")
    history: list[HistoryEntry] = absent()

    @classmethod
    def of(cls, c: PublicComplaint, setup: Setup, public_url: str, zone: ZoneInfo | str, **more: Any) -> Self:
        """``c`` with the category's names in both languages, the district's English name, its
        links under ``public_url`` and its times in the city's ``zone``; ``more`` sets the rest
        (a subclass's fields, ``history``)."""
        category = setup.catalogue.get(c.category) if setup.catalogue else None
        district = setup.places.districts.get(c.district_code)  # type: ignore[attr-defined]
        shown = {
            **dict(c),
            "category_name": {"ko": category.label("ko"), "en": category.label("en")} if category else None,
            "district_en": district.name_en if district else c.district,
            "url": f"{public_url}/map#{c.public_id}",
            "status_url": f"{public_url}/complaints/{c.public_id}",
            "created_at": clock.local_iso(c.created_at, zone),
            "updated_at": clock.local_iso(c.updated_at, zone),
        }
        return cls(**shown, **more)


class ComplaintChanged(Complaint):
    notified: bool = Field(description="Whether a message to the reporter was queued")


class ModeratedComplaint(Complaint):
    visibility: Visibility


class Similar(BaseModel):
    id: str
    category: str
    description: str
    district: str = absent()
    dong: str | None = absent()
    supports: int
    distance_m: int
    created_at: str = absent()


class ComplaintCreated(Complaint):
    masked: list[str] = Field(
        description="Kinds of personal data hidden from the public text",
        json_schema_extra={"items": {"type": "string", "enum": list(KINDS)}},
    )
    visibility: Visibility
    notice: ReasonPair = absent(description="Held for a check before it is public, in both languages")
    similar: list[Similar] = Field(
        description="Open reports nearby with similar text: offer to support one instead"
    )

    @classmethod
    def of_intake(cls, done: Intaken, setup: Setup, public_url: str, zone: ZoneInfo | str) -> Self:
        """What the reporter is told of a stored report: what was masked, the similar reports
        nearby and, when it waits for a check first, a notice saying so."""
        submitted = done.submitted
        held = {"notice": {lang: t("complaints.held", lang) for lang in LANGUAGES}} if submitted.held else {}
        similar = [c.view() for c in done.similar]
        return cls.of(
            submitted.public,
            setup,
            public_url,
            zone,
            masked=list(submitted.masked_kinds),
            similar=similar,
            **held,
        )


class DistrictCount(BaseModel):
    code: str
    name_ko: str
    name_en: str
    count: int


class DistrictCounts(BaseModel):
    total: int
    districts: list[DistrictCount]

    @classmethod
    def of(cls, setup: Setup, counts: dict[str, int]) -> DistrictCounts:
        """Every district of the city with its count in ``counts`` (code -> reports), for the choropleth."""
        districts = [
            DistrictCount(code=d.code, name_ko=d.name_ko, name_en=d.name_en, count=counts.get(d.code, 0))
            for d in setup.places.districts.values()  # type: ignore[attr-defined]
        ]
        return cls(total=sum(counts.values()), districts=districts)
