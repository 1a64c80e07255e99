"""The small vocabulary of the JSON shapes the domain builds and the web serves.

The domain's response models (``poll_shapes``, ``proposal_shapes``, ``voicemap.PublicComplaint``)
and the web's request models (the shape modules) share these: a field left out rather than
``null``, a moment as the API writes it, a language the catalogue has, a Korean/English pair,
the three bases (``Request``, ``Query``, ``Response``), ``Setting``, a limit read from the
configured settings, and the checks of query text (``query_text``, ``pattern_text``, ``whole``)
that refuse with ``PydanticCustomError(code, message)``, which ``civicbot.web.errors`` maps.
Nothing here imports the web; ``civicbot.web.openapi`` reads ``ABSENT_KEY`` when it writes the
document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    create_model,
    field_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from civicbot import clock
from civicbot.i18n import languages
from civicbot.text import VISIBLE_PATTERN, normalise

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

    At validation the value comes from the ``settings`` in the validation context (400
    ``<field>_too_long`` for strings, ``civicbot.web.errors.validation_error``); in the document the
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


# A message typed by a person: at most CIVICBOT_MAX_TEXT_CHARS as sent (400 text_too_long), not only space (400).
Text = Annotated[
    str,
    Setting("max_text_chars"),
    AfterValidator(_nonblank),
    Field(json_schema_extra={"minLength": 1, "pattern": VISIBLE_PATTERN}),
]


def not_null(schema: dict[str, Any]) -> None:
    """Show an optional request field as its type only: ``null`` is taken as "not sent", and the
    document should not invite it (a widget message of three nulls is schema-valid otherwise)."""
    branches = [branch for branch in schema.pop("anyOf", []) if branch.get("type") != "null"]
    if branches:
        schema.update(branches[0])
    schema.pop("default", None)


# A whole number as a query string writes it: canonical ASCII decimal, at most 18 digits (so
# ``int`` is cheap). No sign but a minus, no leading zero, no space: "+5", " 5", "05", "-0", "٥"
# and "5.0" are numbers the client did not write the one way (newcomer probe #24.3).
_WHOLE = re.compile(r"0|-?[1-9][0-9]{0,17}")
# A path's numeric id: canonical ASCII decimal of at most 12 digits (newcomer probe #24.1).
_PATH_ID = re.compile(r"0|[1-9][0-9]{0,11}")


def path_number(raw: str) -> int | None:
    """The number a path's ``{id}`` names, or None when it is not one: only the canonical decimal
    form is an id (ASCII digits, no sign, no leading zero, no space, at most 12 digits), so
    ``0000000000002``, ``+2``, ``-1``, `` 2`` and ``٢`` name no poll, as an unknown id names none.
    (Before the twenty-fourth pass ``/api/polls/0000000000002`` was poll 2.) Checked before ``int``
    runs, so 5,000 digits cost nothing."""
    return int(raw) if _PATH_ID.fullmatch(raw) else None


class Request(BaseModel):
    """A JSON request body: JSON types exactly (no "5" for 5); an unknown field is refused (400
    ``unknown_field`` naming it): a misspelt "notfy" silently ignored did what the client did not ask."""

    model_config = ConfigDict(strict=True, extra="forbid")


class Query(BaseModel):
    """A query string: values arrive as text and are converted ("5" is 5). A whole-number field
    takes canonical ASCII decimal only: pydantic's lax mode would read "5.0", "+5" and " 5" as 5,
    a number the client did not write (400 ``invalid_field``, as a JSON body's 5.0 is). ``civicbot.web.boundary.query_fields`` has
    already refused a parameter given twice or not UTF-8."""

    @field_validator("*", mode="before")
    @classmethod
    def _digits_for_whole_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        if field is None or field.annotation is not int or not isinstance(value, str) or not value:
            return value
        # ``whole`` fields read their text themselves (``whole_number``, with their own code).
        if not any(isinstance(item, BeforeValidator) for item in field.metadata) and not _WHOLE.fullmatch(
            value
        ):
            raise PydanticCustomError("int_parsing", "must be a whole number")
        return value


class Response(BaseModel):
    """A JSON response: built by the handler, dumped with the fields it set."""


class LangQuery(Query):
    lang: str = absent(
        description="'ko' or 'en' for titles and labels; anything else falls back to Accept-Language, "
        "then Korean",
    )


# --- query text: what the document calls valid is exactly what the handlers accept ---------------


def query_text(accepts: Callable[[str], object], code: str, message: str, schema: dict) -> Any:
    """Query text that ``accepts`` (empty is "not sent", the default, and passes), else 400 ``code``
    with ``message`` (``{name}`` in either is the field's name); the document shows ``schema``."""

    def check(value: str, info: Any) -> str:
        if value and not accepts(value):
            name = info.field_name
            raise PydanticCustomError(code.format(name=name), message.format(name=name))
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema(schema), Field("")]


def pattern_text(pattern: str, code: str, message: str) -> Any:
    """``query_text`` matching ``pattern``, which the document shows."""
    return query_text(
        lambda value: re.fullmatch(pattern, value), code, message, {"type": "string", "pattern": pattern}
    )


def is_moment(value: str) -> bool:
    """An ISO 8601 date or date-time (``clock.parse_moment`` reads it)."""
    try:
        clock.parse_moment(value, "UTC")
    except ValueError:
        return False
    return True


# The document's schema of a moment in a query: a date, a date-time, or empty (not sent).
MOMENT_TEXT = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "format": "date-time"},
        {"type": "string", "maxLength": 0, "description": "empty: the same as not sent"},
    ]
}


def whole_number(raw: str | None, name: str, low: int, high: int, default: int | None = None) -> int:
    """A whole number from a query string in [low, high], written in canonical ASCII decimal
    (``_WHOLE``); ``PydanticCustomError`` ``invalid_<name>`` (400) otherwise, when it is sent empty,
    or when it is missing (None) and there is no ``default``.

    The digits are bounded before ``int()`` runs, so 5,000 digits cost nothing and raise nothing."""
    code = f"invalid_{name}"
    if raw is None:
        if default is not None:
            return default
        raise PydanticCustomError(code, f"'{name}' is required: a whole number.")
    if raw == "":
        # Sent empty is not "not sent": ``?limit=`` is refused as ``?k=`` always was, whatever the
        # field's default (it was read as the default, newcomer probe #24.3; leave it out for that).
        raise PydanticCustomError(code, f"'{name}' is empty: leave it out, or give a whole number.")
    value = int(raw) if isinstance(raw, str) and _WHOLE.fullmatch(raw) else None
    if value is None or not low <= value <= high:
        raise PydanticCustomError(code, f"'{name}' must be a whole number from {low} to {high}.")
    return value


def whole(low: int, high: int, default: int) -> Any:
    """An ``int`` query field in [low, high], ``default`` when not sent (``whole_number``)."""

    def check(value: Any, info: Any) -> int:
        return whole_number(value, info.field_name, low, high, default=default)

    schema = {"type": "integer", "minimum": low, "maximum": high}
    return Annotated[int, BeforeValidator(check), WithJsonSchema(schema)]
