"""Settings, read once from CIVICBOT_* environment variables.

Every setting lives here and in the README table; nothing else reads the environment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path


class ConfigError(ValueError):
    """A setting has a value we cannot use."""


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    meaning: str


# The single table of settings: README's table is generated from (and tested against) this.
SETTINGS: tuple[Setting, ...] = (
    Setting("CIVICBOT_DATA_DIR", "./data", "SQLite database and the search-index cache."),
    Setting(
        "CIVICBOT_INDEX_DIR",
        "",
        "Search-index cache (vectors per document and embedder); empty means `$CIVICBOT_DATA_DIR/index`.",
    ),
    Setting(
        "CIVICBOT_KNOWLEDGE_DIR",
        "./knowledge",
        "City documents, read recursively: md, txt, html, pdf, docx, hwpx (sub-folders = departments).",
    ),
    Setting("CIVICBOT_INTENTS_DIR", "./intents", "Intent definitions (YAML)."),
    Setting("CIVICBOT_POLLS_DIR", "./polls", "Poll definitions (YAML) that officials publish."),
    Setting(
        "CIVICBOT_SERVICES_DIR",
        "./services",
        "Complaint categories (`categories.yaml`: Open311 services, names, duplicate radius).",
    ),
    Setting(
        "CIVICBOT_EMBEDDER",
        "e5-small",
        "`e5-small` (bundled multilingual-e5-small, no download) or "
        "`sentence-transformers:<model name or path>` (needs the `st` extra).",
    ),
    Setting("CIVICBOT_HOST", "127.0.0.1", "Address the HTTP server listens on."),
    Setting("CIVICBOT_PORT", "8080", "Port the HTTP server listens on (`PORT` is used when this is unset)."),
    Setting("CIVICBOT_CITY_NAME_KO", "서울특별시", "City name shown to Korean speakers."),
    Setting("CIVICBOT_CITY_NAME_EN", "Seoul", "City name shown to English speakers."),
    Setting(
        "CIVICBOT_ANSWER_THRESHOLD",
        "0.5",
        "Evidence (0-1, the estimated chance that the best passage answers) below which the bot "
        "says it does not know instead of answering.",
    ),
    Setting(
        "CIVICBOT_INTENT_THRESHOLD",
        "0.5",
        "Probability (0-1) the intent classifier must give a non-question intent before it is chosen.",
    ),
    Setting(
        "CIVICBOT_INTENT_MARGIN",
        "0.1",
        "Gap in probability needed between the two best intents; closer counts as ambiguous (a question).",
    ),
    Setting("CIVICBOT_QUERY_CACHE_SIZE", "2048", "Number of query embeddings kept in memory."),
    Setting("CIVICBOT_MAX_TEXT_CHARS", "2000", "Longest chat message accepted, in characters."),
    Setting("CIVICBOT_LOG_LEVEL", "INFO", "Python logging level."),
    Setting(
        "CIVICBOT_SECRET_KEY",
        "",
        "Server secret for voter keys and signatures. Empty: one is generated once and kept in "
        "`$CIVICBOT_DATA_DIR/secret.key` (fine for one server; set it explicitly in production).",
    ),
    Setting("CIVICBOT_TIMEZONE", "Asia/Seoul", "The city's time zone, used in everything shown to people."),
    Setting(
        "CIVICBOT_RATE_LIMIT", "1", "`1` enforces the rate limits below, `0` turns them all off (load tests)."
    ),
    Setting(
        "CIVICBOT_SESSIONS_PER_MINUTE", "20", "New anonymous web sessions per client address per minute."
    ),
    Setting(
        "CIVICBOT_MESSAGES_PER_MINUTE",
        "60",
        "Chat messages, votes and reports per session (and per address) per minute.",
    ),
    Setting(
        "CIVICBOT_MODEL_CHARS_PER_MINUTE",
        "6000",
        "Model budget: characters of chat text embedded per session (and per address) per minute.",
    ),
    Setting(
        "CIVICBOT_READS_PER_MINUTE",
        "120",
        "Public read endpoints (map data, counts, poll results) per address per minute.",
    ),
    Setting(
        "CIVICBOT_PUBLIC_URL", "", "Public https URL of this server (Telegram webhook, links in messages)."
    ),
    Setting(
        "CIVICBOT_ALLOWED_ORIGINS",
        "",
        "Comma-separated origins allowed to embed the widget (CORS, WebSocket).",
    ),
    Setting(
        "CIVICBOT_CITY_BBOX",
        "126.76,37.41,127.19,37.72",
        "Bounding box lon,lat,lon,lat checked before the city boundary.",
    ),
    Setting("CIVICBOT_CITY_SIDO", "서울특별시", "시/도 name whose boundary reports must fall in."),
    Setting(
        "CIVICBOT_RETENTION_DAYS",
        "180",
        "Days reporters' contact details are kept before `civicbot complaints purge`.",
    ),
    Setting("CIVICBOT_PHOTO_MAX_BYTES", "5242880", "Largest complaint photo accepted, in bytes."),
    Setting(
        "CIVICBOT_MODERATION",
        "post",
        "`post` publishes reports at once unless they name a person or use abusive words "
        "(`services/moderation.yaml`); `pre` holds every report until an official approves it.",
    ),
    Setting(
        "CIVICBOT_FLAG_THRESHOLD",
        "3",
        "Citizens' flags (부적절, one per session) that take a public report off the map into the review queue.",
    ),
    Setting(
        "CIVICBOT_TELEGRAM_TOKEN",
        "",
        "Telegram bot token from BotFather; empty runs the server without Telegram.",
    ),
    Setting(
        "CIVICBOT_TELEGRAM_SECRET",
        "",
        "Secret Telegram must send in `X-Telegram-Bot-Api-Secret-Token` on the webhook.",
    ),
    Setting(
        "CIVICBOT_TELEGRAM_API_URL",
        "https://api.telegram.org",
        "Bot API base URL (a local Bot API server, or a fake in tests).",
    ),
)

_DEFAULTS = {s.env: s.default for s in SETTINGS}


def settings_table() -> str:
    """The README's settings table, generated from SETTINGS; tests/test_config.py keeps them equal.

    Regenerate after adding a setting: python -c "from civicbot.config import settings_table as t; print(t())"
    """
    rows = ["| Variable | Default | Meaning |", "|---|---|---|"]
    for setting in SETTINGS:
        default = f"`{setting.default}`" if setting.default else "(empty)"
        meaning = setting.meaning.replace("|", "\\|")
        rows.append(f"| `{setting.env}` | {default} | {meaning} |")
    return "\n".join(rows)


def _number(env: Mapping[str, str], name: str, kind: type) -> float | int:
    raw = env.get(name, _DEFAULTS[name])
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a valid {kind.__name__}") from None


def _text(env: Mapping[str, str], name: str) -> str:
    return env.get(name) or _DEFAULTS[name]


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


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path(_DEFAULTS["CIVICBOT_DATA_DIR"])
    index_path: Path | None = None
    knowledge_dir: Path = Path(_DEFAULTS["CIVICBOT_KNOWLEDGE_DIR"])
    intents_dir: Path = Path(_DEFAULTS["CIVICBOT_INTENTS_DIR"])
    polls_dir: Path = Path(_DEFAULTS["CIVICBOT_POLLS_DIR"])
    services_dir: Path = Path(_DEFAULTS["CIVICBOT_SERVICES_DIR"])
    embedder: str = _DEFAULTS["CIVICBOT_EMBEDDER"]
    host: str = _DEFAULTS["CIVICBOT_HOST"]
    port: int = int(_DEFAULTS["CIVICBOT_PORT"])
    city_name_ko: str = _DEFAULTS["CIVICBOT_CITY_NAME_KO"]
    city_name_en: str = _DEFAULTS["CIVICBOT_CITY_NAME_EN"]
    answer_threshold: float = float(_DEFAULTS["CIVICBOT_ANSWER_THRESHOLD"])
    intent_threshold: float = float(_DEFAULTS["CIVICBOT_INTENT_THRESHOLD"])
    intent_margin: float = float(_DEFAULTS["CIVICBOT_INTENT_MARGIN"])
    query_cache_size: int = int(_DEFAULTS["CIVICBOT_QUERY_CACHE_SIZE"])
    max_text_chars: int = int(_DEFAULTS["CIVICBOT_MAX_TEXT_CHARS"])
    log_level: str = _DEFAULTS["CIVICBOT_LOG_LEVEL"]
    secret_key: str = field(default="", repr=False)
    timezone: str = _DEFAULTS["CIVICBOT_TIMEZONE"]
    rate_limit: bool = True
    sessions_per_minute: int = int(_DEFAULTS["CIVICBOT_SESSIONS_PER_MINUTE"])
    messages_per_minute: int = int(_DEFAULTS["CIVICBOT_MESSAGES_PER_MINUTE"])
    model_chars_per_minute: int = int(_DEFAULTS["CIVICBOT_MODEL_CHARS_PER_MINUTE"])
    reads_per_minute: int = int(_DEFAULTS["CIVICBOT_READS_PER_MINUTE"])
    public_url: str = ""
    allowed_origins: tuple[str, ...] = ()
    city_bbox: tuple[float, float, float, float] = (126.76, 37.41, 127.19, 37.72)
    city_sido: str = _DEFAULTS["CIVICBOT_CITY_SIDO"]
    retention_days: int = int(_DEFAULTS["CIVICBOT_RETENTION_DAYS"])
    photo_max_bytes: int = int(_DEFAULTS["CIVICBOT_PHOTO_MAX_BYTES"])
    moderation: str = _DEFAULTS["CIVICBOT_MODERATION"]
    flag_threshold: int = int(_DEFAULTS["CIVICBOT_FLAG_THRESHOLD"])
    telegram_token: str = field(default="", repr=False)  # never printed, not even by repr()
    telegram_secret: str = field(default="", repr=False)
    telegram_api_url: str = _DEFAULTS["CIVICBOT_TELEGRAM_API_URL"]

    @property
    def db_path(self) -> Path:
        return self.data_dir / "civicbot.db"

    @property
    def index_dir(self) -> Path:
        return self.index_path or self.data_dir / "index"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        port_env = dict(env)
        if "CIVICBOT_PORT" not in env and env.get("PORT"):
            port_env["CIVICBOT_PORT"] = env["PORT"]  # Procfile platforms hand us $PORT
        settings = cls(
            data_dir=Path(_text(env, "CIVICBOT_DATA_DIR")),
            index_path=Path(env["CIVICBOT_INDEX_DIR"]) if env.get("CIVICBOT_INDEX_DIR") else None,
            knowledge_dir=Path(_text(env, "CIVICBOT_KNOWLEDGE_DIR")),
            intents_dir=Path(_text(env, "CIVICBOT_INTENTS_DIR")),
            polls_dir=Path(_text(env, "CIVICBOT_POLLS_DIR")),
            services_dir=Path(_text(env, "CIVICBOT_SERVICES_DIR")),
            embedder=_text(env, "CIVICBOT_EMBEDDER"),
            host=_text(env, "CIVICBOT_HOST"),
            port=int(_number(port_env, "CIVICBOT_PORT", int)),
            city_name_ko=_text(env, "CIVICBOT_CITY_NAME_KO"),
            city_name_en=_text(env, "CIVICBOT_CITY_NAME_EN"),
            answer_threshold=float(_number(env, "CIVICBOT_ANSWER_THRESHOLD", float)),
            intent_threshold=float(_number(env, "CIVICBOT_INTENT_THRESHOLD", float)),
            intent_margin=float(_number(env, "CIVICBOT_INTENT_MARGIN", float)),
            query_cache_size=int(_number(env, "CIVICBOT_QUERY_CACHE_SIZE", int)),
            max_text_chars=int(_number(env, "CIVICBOT_MAX_TEXT_CHARS", int)),
            log_level=_text(env, "CIVICBOT_LOG_LEVEL").upper(),
            secret_key=env.get("CIVICBOT_SECRET_KEY", ""),
            timezone=_text(env, "CIVICBOT_TIMEZONE"),
            rate_limit=_text(env, "CIVICBOT_RATE_LIMIT") != "0",
            sessions_per_minute=int(_number(env, "CIVICBOT_SESSIONS_PER_MINUTE", int)),
            messages_per_minute=int(_number(env, "CIVICBOT_MESSAGES_PER_MINUTE", int)),
            model_chars_per_minute=int(_number(env, "CIVICBOT_MODEL_CHARS_PER_MINUTE", int)),
            reads_per_minute=int(_number(env, "CIVICBOT_READS_PER_MINUTE", int)),
            public_url=env.get("CIVICBOT_PUBLIC_URL", "").rstrip("/"),
            allowed_origins=_list(env.get("CIVICBOT_ALLOWED_ORIGINS", "")),
            city_bbox=_bbox(_text(env, "CIVICBOT_CITY_BBOX")),
            city_sido=_text(env, "CIVICBOT_CITY_SIDO"),
            retention_days=int(_number(env, "CIVICBOT_RETENTION_DAYS", int)),
            photo_max_bytes=int(_number(env, "CIVICBOT_PHOTO_MAX_BYTES", int)),
            moderation=_text(env, "CIVICBOT_MODERATION").strip().lower(),
            flag_threshold=int(_number(env, "CIVICBOT_FLAG_THRESHOLD", int)),
            telegram_token=env.get("CIVICBOT_TELEGRAM_TOKEN", ""),
            telegram_secret=env.get("CIVICBOT_TELEGRAM_SECRET", ""),
            telegram_api_url=_text(env, "CIVICBOT_TELEGRAM_API_URL").rstrip("/"),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        if not 0 < self.port < 65536:
            raise ConfigError(f"CIVICBOT_PORT={self.port} is outside 1-65535")
        if not 0.0 <= self.answer_threshold <= 1.0:
            raise ConfigError("CIVICBOT_ANSWER_THRESHOLD must be between 0 and 1")
        try:
            from zoneinfo import ZoneInfo

            ZoneInfo(self.timezone)
        except Exception:
            raise ConfigError(f"CIVICBOT_TIMEZONE={self.timezone!r} is not a known time zone") from None
        if self.moderation not in ("post", "pre"):
            raise ConfigError(f"CIVICBOT_MODERATION={self.moderation!r}: use 'post' or 'pre'")
        if self.flag_threshold < 1:
            raise ConfigError("CIVICBOT_FLAG_THRESHOLD must be 1 or more")
        if self.max_text_chars < 1:
            raise ConfigError("CIVICBOT_MAX_TEXT_CHARS must be positive")
        if not (self.embedder == "e5-small" or self.embedder.startswith("sentence-transformers:")):
            raise ConfigError(
                f"CIVICBOT_EMBEDDER={self.embedder!r}: use 'e5-small' or 'sentence-transformers:<model>'"
            )
        # Telegram refuses any other secret_token in setWebhook.
        if self.telegram_secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", self.telegram_secret):
            raise ConfigError("CIVICBOT_TELEGRAM_SECRET: use 1-256 characters from A-Z, a-z, 0-9, _ and -")

    def secret(self) -> bytes:
        """The server secret: from the environment, else generated once and kept in the data dir."""
        if self.secret_key:
            return self.secret_key.encode()
        path = self.data_dir / "secret.key"
        if not path.exists():
            import secrets

            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(48))
        return path.read_text().strip().encode()

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **changes)
