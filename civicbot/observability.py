"""Metrics (Prometheus) and logs (text or JSON, with the request id) for a city's IT team.

No aiohttp here: the domain and dialogue code count what they accept through the counters below,
and civicbot.web.observability serves /metrics and stamps each request with its id.

Nothing secret or personal reaches a log line or a label: labels are route templates (never raw
paths, which hold tracking ids and tokens), methods and status codes; ``Redactor`` rewrites
every log record, removing our token formats, the configured secrets, database passwords and
the personal data civicbot.privacy recognises (phone numbers, e-mail addresses, RRNs).
"""

from __future__ import annotations

import contextvars
import itertools
import logging
import re
import secrets
import sys
from typing import TextIO

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "civicbot_http_requests",
    "HTTP requests by route template, method and status",
    ["route", "method", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "civicbot_http_request_seconds",
    "HTTP request latency by route template",
    ["route"],
    registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
MODEL_QUEUE = Gauge(
    "civicbot_model_queue_length", "Questions waiting for the embedding model", registry=REGISTRY
)
MODEL_BATCH = Histogram(
    "civicbot_model_batch_size",
    "Questions per embedding-model call",
    registry=REGISTRY,
    buckets=(1, 2, 4, 8, 16, 32, 64),
)
OUTBOX_BACKLOG = Gauge(
    "civicbot_outbox_backlog", "Notifications not yet sent nor given up", registry=REGISTRY
)
VOTES = Counter("civicbot_votes_accepted", "Votes accepted (every channel)", registry=REGISTRY)
REPORTS = Counter(
    "civicbot_reports_accepted", "Reports accepted onto the voice map (every channel)", registry=REGISTRY
)

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("civicbot_request_id", default="")
_INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")  # a balancer's id is kept only when it looks like one
# Our own ids: a random prefix per process (replicas differ) and a counter. Ids need to be unique,
# not secret, and uuid4 costs a system call for its random bytes on every request.
_ID_PREFIX = secrets.token_hex(4)
_ID_COUNTER = itertools.count(1)


def request_id(incoming: str = "") -> str:
    """The id of a request: the balancer's ``X-Request-Id`` when it looks like one, else ours (16
    hex digits: this process's random prefix and its request counter, wrapping at 2**32)."""
    if incoming and _INCOMING_ID.fullmatch(incoming):
        return incoming
    return f"{_ID_PREFIX}{next(_ID_COUNTER) & 0xFFFFFFFF:08x}"


# The metric children per label set: ``labels()`` validates and looks them up on every call.
_REQUEST_CHILDREN: dict[tuple[str, str, int], object] = {}
_LATENCY_CHILDREN: dict[str, object] = {}


def count_request(route: str, method: str, status: int, elapsed: float) -> None:
    """One served request in ``REQUESTS`` and ``LATENCY`` (``elapsed`` in seconds). ``route`` is the
    route's template, never the path: paths hold ids and tokens."""
    key = (route, method, status)
    counter = _REQUEST_CHILDREN.get(key)
    if counter is None:
        counter = _REQUEST_CHILDREN[key] = REQUESTS.labels(route, method, str(status))
    histogram = _LATENCY_CHILDREN.get(route)
    if histogram is None:
        histogram = _LATENCY_CHILDREN[route] = LATENCY.labels(route)
    counter.inc()  # type: ignore[attr-defined]
    histogram.observe(elapsed)  # type: ignore[attr-defined]


# Our own token formats, Telegram bot tokens, and passwords inside URLs.
_SECRET_PATTERNS = [
    re.compile(r"\b(cbs|cbo|o311)_[A-Za-z0-9_-]{8,}"),
    re.compile(r"\b\d{6,12}:[A-Za-z0-9_-]{20,}"),
    re.compile(r"(?<=://)[^/@\s:]+:[^/@\s]+(?=@)"),
    re.compile(r"(?i)\bbearer\s+\S+"),
]


def redact_text(text: str, secrets: tuple[str, ...] = ()) -> str:
    """``text`` without tokens, the given secret values, and personal data."""
    from civicbot.privacy import mask_pii

    for value in secrets:
        if value:
            text = text.replace(value, "[redacted]")
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub("[redacted]", text)
    return mask_pii(text, "en").text


class Redactor(logging.Filter):
    """Adds ``request_id`` to every record and rewrites its message without secrets or PII."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text, self.secrets)
        record.exc_info = None  # the redacted exc_text is what gets printed
        record.msg, record.args = redact_text(message, self.secrets), None
        return True


def configure_logging(
    level: str, fmt: str = "text", secrets: tuple[str, ...] = (), stream: TextIO | None = None
) -> logging.Handler:
    """Root logging: one handler, the Redactor on it, JSON when ``fmt == 'json'``; returns it."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(Redactor(secrets))
    if fmt == "json":
        from pythonjsonlogger.json import JsonFormatter

        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                rename_fields={"levelname": "level", "asctime": "time", "name": "logger"},
            )
        )
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
        )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    return handler
