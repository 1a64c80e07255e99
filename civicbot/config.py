"""Settings, read once from CIVICBOT_* environment variables.

Every setting lives here and in the README table; nothing else reads the environment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from civicbot import clock


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
        "CIVICBOT_LOG_FORMAT",
        "text",
        "`text` for people, `json` for a log collector: one JSON object a line, with the request id.",
    ),
    Setting(
        "CIVICBOT_DATABASE_URL",
        "",
        "Empty or `sqlite:///path`: embedded SQLite (default `$CIVICBOT_DATA_DIR/civicbot.db`). "
        "`postgresql://user:pass@host/db`: PostgreSQL, for several replicas.",
    ),
    Setting("CIVICBOT_POLL_CHECK_SECONDS", "30", "How often the server closes polls whose time is up."),
    Setting("CIVICBOT_DB_POOL_SIZE", "8", "PostgreSQL connections per replica (writes run in parallel)."),
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
    Setting(
        "CIVICBOT_MAP_TILES_URL",
        "",
        "Base-map tiles for /map and the widget's picker: an `{z}/{x}/{y}` template (OpenStreetMap "
        "style) or VWorld WMTS (`https://api.vworld.kr/req/wmts/1.0.0/KEY/Base/{z}/{y}/{x}.png`). "
        "Empty: the offline map of 구 and 동 boundaries. The page CSP allows this host.",
    ),
    Setting(
        "CIVICBOT_MAP_TILES_ATTRIBUTION",
        "",
        "Attribution shown on the map for those tiles (e.g. `© OpenStreetMap contributors`, `VWorld`).",
    ),
    Setting(
        "CIVICBOT_GEOCODER",
        "",
        "Address/landmark lookup for typed report places: `juso`, `vworld`, `nominatim`; empty: "
        "offline (구/동 names only; addresses are recognised and a map pick is asked for).",
    ),
    Setting(
        "CIVICBOT_GEOCODER_URL",
        "",
        "Geocoder base URL; empty: the provider's own (required for `nominatim`).",
    ),
    Setting(
        "CIVICBOT_GEOCODER_KEY", "", "API key for the geocoder (juso: `search_key:coordinates_key` if two)."
    ),
    Setting(
        "CIVICBOT_SMTP_HOST",
        "",
        "SMTP server for e-mail notices to reporters who left an address; empty: no e-mail.",
    ),
    Setting("CIVICBOT_SMTP_PORT", "587", "SMTP port."),
    Setting("CIVICBOT_SMTP_SECURITY", "starttls", "`starttls`, `ssl` or `none` (a local relay only)."),
    Setting("CIVICBOT_SMTP_USER", "", "SMTP login; empty: no login."),
    Setting("CIVICBOT_SMTP_PASSWORD", "", "SMTP password."),
    Setting("CIVICBOT_SMTP_FROM", "civicbot@localhost", "Sender address of notices."),
    Setting(
        "CIVICBOT_KAKAO_SECRET",
        "",
        "Secret of the Kakao i Open Builder skill (header `X-CivicBot-Kakao-Secret` or the last part of "
        "the skill URL); with `CIVICBOT_KAKAO_BOT_ID` it turns on `POST /kakao/skill`.",
    ),
    Setting("CIVICBOT_KAKAO_BOT_ID", "", "The Open Builder bot id every skill call must carry (`bot.id`)."),
    Setting(
        "CIVICBOT_KAKAO_PHOTO_BLOCK_ID",
        "",
        "Open Builder block with the secure image plugin; empty: Kakao users cannot attach photos.",
    ),
    Setting(
        "CIVICBOT_KAKAO_IMAGE_HOSTS",
        "kakaocdn.net,kakao.com",
        "Comma-separated hosts (and their subdomains) photos from the image plugin may be fetched from.",
    ),
    Setting(
        "CIVICBOT_KAKAO_REPLY_SECONDS",
        "3.5",
        "Seconds a skill call waits for the answer before it switches to the callback (Kakao allows 5).",
    ),
    Setting(
        "CIVICBOT_KAKAO_NOTIFY_URL",
        "",
        "Send endpoint of the city's KakaoTalk business-message provider (알림톡); empty: Kakao users "
        "get status news when they next write.",
    ),
    Setting("CIVICBOT_KAKAO_NOTIFY_KEY", "", "API key for the provider, sent as `Authorization: Bearer`."),
    Setting(
        "CIVICBOT_KAKAO_SENDER_KEY", "", "The channel's sender profile key (발신프로필 키) at the provider."
    ),
    Setting("CIVICBOT_KAKAO_TEMPLATE_CODE", "", "The approved 알림톡 template code for status news."),
    Setting(
        "CIVICBOT_PROPOSAL_THRESHOLD",
        "50",
        "Supports a citizen proposal needs before it goes to the city's review.",
    ),
    Setting("CIVICBOT_PROPOSAL_DAYS", "30", "Days a citizen proposal collects support before it expires."),
    Setting(
        "CIVICBOT_CONSOLE_IDLE_MINUTES",
        "30",
        "Officials' console: a session unused this long is signed out.",
    ),
    Setting(
        "CIVICBOT_CONSOLE_SESSION_HOURS",
        "12",
        "Officials' console: a session ends this long after sign-in, however busy.",
    ),
    Setting(
        "CIVICBOT_OVERDUE_DAYS",
        "14",
        "Officials' console: an open report older than this many days is listed as overdue.",
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
    log_format: str = _DEFAULTS["CIVICBOT_LOG_FORMAT"]
    database_url: str = field(default="", repr=False)  # may hold a password
    db_pool_size: int = int(_DEFAULTS["CIVICBOT_DB_POOL_SIZE"])
    poll_check_seconds: float = float(_DEFAULTS["CIVICBOT_POLL_CHECK_SECONDS"])
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
    map_tiles_url: str = ""
    map_tiles_attribution: str = ""
    geocoder: str = ""
    geocoder_url: str = ""
    geocoder_key: str = field(default="", repr=False)
    smtp_host: str = ""
    smtp_port: int = int(_DEFAULTS["CIVICBOT_SMTP_PORT"])
    smtp_security: str = _DEFAULTS["CIVICBOT_SMTP_SECURITY"]
    smtp_user: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_from: str = _DEFAULTS["CIVICBOT_SMTP_FROM"]
    kakao_secret: str = field(default="", repr=False)
    kakao_bot_id: str = ""
    kakao_photo_block_id: str = ""
    kakao_image_hosts: tuple[str, ...] = ("kakaocdn.net", "kakao.com")
    kakao_reply_seconds: float = float(_DEFAULTS["CIVICBOT_KAKAO_REPLY_SECONDS"])
    kakao_notify_url: str = ""
    kakao_notify_key: str = field(default="", repr=False)
    kakao_sender_key: str = field(default="", repr=False)
    kakao_template_code: str = ""
    proposal_threshold: int = int(_DEFAULTS["CIVICBOT_PROPOSAL_THRESHOLD"])
    proposal_days: int = int(_DEFAULTS["CIVICBOT_PROPOSAL_DAYS"])
    console_idle_minutes: int = int(_DEFAULTS["CIVICBOT_CONSOLE_IDLE_MINUTES"])
    console_session_hours: int = int(_DEFAULTS["CIVICBOT_CONSOLE_SESSION_HOURS"])
    overdue_days: int = int(_DEFAULTS["CIVICBOT_OVERDUE_DAYS"])

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
            log_format=_text(env, "CIVICBOT_LOG_FORMAT").lower(),
            database_url=env.get("CIVICBOT_DATABASE_URL", "").strip(),
            db_pool_size=int(_number(env, "CIVICBOT_DB_POOL_SIZE", int)),
            poll_check_seconds=float(_number(env, "CIVICBOT_POLL_CHECK_SECONDS", float)),
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
            map_tiles_url=env.get("CIVICBOT_MAP_TILES_URL", ""),
            map_tiles_attribution=env.get("CIVICBOT_MAP_TILES_ATTRIBUTION", ""),
            geocoder=env.get("CIVICBOT_GEOCODER", "").strip().lower(),
            geocoder_url=env.get("CIVICBOT_GEOCODER_URL", "").rstrip("/"),
            geocoder_key=env.get("CIVICBOT_GEOCODER_KEY", ""),
            smtp_host=env.get("CIVICBOT_SMTP_HOST", ""),
            smtp_port=int(_number(env, "CIVICBOT_SMTP_PORT", int)),
            smtp_security=_text(env, "CIVICBOT_SMTP_SECURITY").lower(),
            smtp_user=env.get("CIVICBOT_SMTP_USER", ""),
            smtp_password=env.get("CIVICBOT_SMTP_PASSWORD", ""),
            smtp_from=_text(env, "CIVICBOT_SMTP_FROM"),
            kakao_secret=env.get("CIVICBOT_KAKAO_SECRET", ""),
            kakao_bot_id=env.get("CIVICBOT_KAKAO_BOT_ID", ""),
            kakao_photo_block_id=env.get("CIVICBOT_KAKAO_PHOTO_BLOCK_ID", ""),
            kakao_image_hosts=tuple(h.lower() for h in _list(_text(env, "CIVICBOT_KAKAO_IMAGE_HOSTS"))),
            kakao_reply_seconds=float(_number(env, "CIVICBOT_KAKAO_REPLY_SECONDS", float)),
            kakao_notify_url=env.get("CIVICBOT_KAKAO_NOTIFY_URL", "").strip(),
            kakao_notify_key=env.get("CIVICBOT_KAKAO_NOTIFY_KEY", ""),
            kakao_sender_key=env.get("CIVICBOT_KAKAO_SENDER_KEY", ""),
            kakao_template_code=env.get("CIVICBOT_KAKAO_TEMPLATE_CODE", ""),
            proposal_threshold=int(_number(env, "CIVICBOT_PROPOSAL_THRESHOLD", int)),
            proposal_days=int(_number(env, "CIVICBOT_PROPOSAL_DAYS", int)),
            console_idle_minutes=int(_number(env, "CIVICBOT_CONSOLE_IDLE_MINUTES", int)),
            console_session_hours=int(_number(env, "CIVICBOT_CONSOLE_SESSION_HOURS", int)),
            overdue_days=int(_number(env, "CIVICBOT_OVERDUE_DAYS", int)),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
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
        if self.max_text_chars < 1:
            raise ConfigError("CIVICBOT_MAX_TEXT_CHARS must be positive")
        if not (self.embedder == "e5-small" or self.embedder.startswith("sentence-transformers:")):
            raise ConfigError(
                f"CIVICBOT_EMBEDDER={self.embedder!r}: use 'e5-small' or 'sentence-transformers:<model>'"
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
            import secrets

            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(48))
        return path.read_text().strip().encode()

    def with_overrides(self, **changes: object) -> Settings:
        return replace(self, **changes)
