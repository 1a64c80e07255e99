"""Pieces of response shapes that domain modules and the web layer both use.

A domain module that builds a reply the API serves (``civicbot.complaint_shapes``, the Open311
records in ``civicbot.georeport``) declares it as a pydantic model with these; the web layer's own
models (``civicbot.web.models``) use the same ones, so the OpenAPI document names each once.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field

# The JSON Schema key marking a field with no default (the document shows none); the generator removes it.
ABSENT_KEY = "x-civicbot-absent"


def absent(**kwargs: Any) -> Any:
    """An optional field without a default: left out of the JSON when not set, never ``null``."""
    return Field(None, json_schema_extra={ABSENT_KEY: True}, **kwargs)


# A time as the API writes it (ISO 8601 with the city's offset), passed through as written.
Moment = Annotated[str, Field(json_schema_extra={"format": "date-time"})]


class ReasonPair(BaseModel):
    ko: str
    en: str
