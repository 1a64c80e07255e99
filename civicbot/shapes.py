"""The small vocabulary of the JSON shapes the domain builds and the web serves.

The domain's response models (``poll_shapes``, ``proposal_shapes``, ``voicemap.PublicComplaint``)
and the web's request models (``civicbot.web.models``) share these: a field left out rather than
``null``, a moment as the API writes it, a language the catalogue has, a Korean/English pair,
the three bases (``Request``, ``Query``, ``Response``) and ``Setting``, a limit read from the
configured settings. Nothing here imports the web; ``civicbot.web.openapi`` reads ``ABSENT_KEY`` when it writes the
document.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema, create_model
from pydantic_core import PydanticCustomError, core_schema

from civicbot.i18n import languages
from civicbot.text import normalise

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


# The JSON Schema key a ``Setting`` leaves for the document generator to fill in (it removes it,
# as it removes ``civicbot.shapes.ABSENT_KEY``).
SETTING_KEY = "x-civicbot-setting"


class Setting:
    """A bound read from ``Settings`` (``Setting("max_text_chars")`` is a maximum length).

    At validation the value comes from the ``settings`` in the validation context (413
    ``text_too_long`` for strings, as the handlers always answered); in the document the
    ``keyword`` (``maxLength`` / ``maximum`` / ``maxItems``) gets the configured number."""

    def __init__(self, name: str, keyword: str = "maxLength") -> None:
        self.name = name
        self.keyword = keyword

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.with_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict:
        result = handler(schema)
        result[SETTING_KEY] = {self.keyword: self.name}
        return result

    def _check(self, value: Any, info: core_schema.ValidationInfo) -> Any:
        settings = (info.context or {}).get("settings")
        limit = getattr(settings, self.name, None) if settings is not None else None
        if limit is None:
            return value
        size = len(value) if isinstance(value, str | list | tuple | bytes) else value
        if size > limit:
            raise PydanticCustomError("text_too_long", "longer than {limit}", {"limit": limit})
        return value


def absent_fields(base: type[BaseModel], names: str, **schemas: dict) -> Any:
    """A base class of ``absent`` text fields, ``names`` (space-separated) in order, as a form sends
    them; ``schemas`` gives a field the document's schema (a number sent as text, a file)."""
    fields = {
        name: (Annotated[str, WithJsonSchema(schemas[name])] if name in schemas else str, absent())
        for name in names.split()
    }
    return create_model(f"_{base.__name__}Fields", __base__=base, **fields)


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


def not_null(schema: dict[str, Any]) -> None:
    """Show an optional request field as its type only: ``null`` is taken as "not sent", and the
    document should not invite it (a widget message of three nulls is schema-valid otherwise)."""
    branches = [branch for branch in schema.pop("anyOf", []) if branch.get("type") != "null"]
    if branches:
        schema.update(branches[0])
    schema.pop("default", None)


class Request(BaseModel):
    """A JSON request body: JSON types exactly (no "5" for 5), unknown fields ignored."""

    model_config = ConfigDict(strict=True)


class Query(BaseModel):
    """A query string: values arrive as text and are converted ("5" is 5)."""


class Response(BaseModel):
    """A JSON response: built by the handler, dumped with the fields it set."""
