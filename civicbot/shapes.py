"""The small vocabulary of the JSON shapes the domain builds and the web serves.

The domain's response models (``poll_shapes``, ``proposal_shapes``, ``voicemap.PublicComplaint``)
and the web's request models (``civicbot.web.models``) share these: a field left out rather than
``null``, a moment as the API writes it, a language the catalogue has, and a Korean/English pair.
Nothing here imports the web; ``civicbot.web.openapi`` reads ``ABSENT_KEY`` when it writes the
document.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field
from pydantic_core import PydanticCustomError

from civicbot.i18n import languages

# The JSON Schema key marking a field with no default (the document shows none); the document
# generator removes it.
ABSENT_KEY = "x-civicbot-absent"


def absent(**kwargs: Any) -> Any:
    """An optional field without a default: left out of the JSON when not set, never ``null``."""
    return Field(None, json_schema_extra={ABSENT_KEY: True}, **kwargs)


def _known_language(value: str) -> str:
    if value not in languages():
        known = ", ".join(languages())
        raise PydanticCustomError("invalid_field", "'language' must be one of {known}.", {"known": known})
    return value


class _LanguageEnum:
    """The document's enum of languages, read from the catalogue when the document is written."""

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict:
        return {**handler(schema), "enum": list(languages())}


# A language the catalogue has (ko, en, and any the city adds): checked and documented from it.
Language = Annotated[str, AfterValidator(_known_language), _LanguageEnum()]

# A time as the API writes it (ISO 8601 with the city's offset), passed through as written.
Moment = Annotated[str, Field(json_schema_extra={"format": "date-time"})]


# A text in Korean and English: a decline's reason, a category's name, a notice. (No docstring:
# it would become the schema's description in the API document.)
class ReasonPair(BaseModel):
    ko: str
    en: str
