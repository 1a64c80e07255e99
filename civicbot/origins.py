"""Which pages may use the API, decided from the strings a browser sends (Origin, Host).

The widget runs on the city's own sites (``CIVICBOT_ALLOWED_ORIGINS``), so the API answers those
origins and this server's own pages, and nothing else; the console's forms answer only its own.
No aiohttp here: ``civicbot.web.middlewares`` and the widget's socket pass what the request says.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from civicbot.config import Settings


def origin_of(url: str) -> str:
    """'https://www.seoul.go.kr/a/b' -> 'https://www.seoul.go.kr' (empty when it is not a URL)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_same_origin(origin: str, host: str, settings: Settings) -> bool:
    """The page came from this server (as the browser reached it at ``host``, or as
    CIVICBOT_PUBLIC_URL says)."""
    if settings.public_url and origin == origin_of(settings.public_url):
        return True
    # Behind a TLS-terminating proxy the scheme we see is http while the browser says https, so
    # compare the host the browser addressed -- but only when that host is an address nobody can
    # re-point. With DNS rebinding, evil.example resolves to this server, and the browser then
    # sends Origin and Host both as evil.example: a named host is trusted only via PUBLIC_URL.
    netloc = urlsplit(origin).netloc
    return netloc == host.lower() and _is_fixed_host(netloc)


def _is_fixed_host(netloc: str) -> bool:
    """An IP literal or localhost: a name that DNS cannot make point somewhere else."""
    host = urlsplit("//" + netloc).hostname or ""
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def allowed(origin: str | None, host: str, settings: Settings, others: bool = True) -> bool:
    """May a page from ``origin`` use the API of the server the browser reached at ``host``? A
    missing Origin is not a browser page, and passes. With ``others`` False only this server's own
    pages may (the console's forms)."""
    if origin is None:
        return True
    origin = origin.strip().lower().rstrip("/")
    if not origin_of(origin):  # "null" (sandboxed frames, file://) and anything that is not a URL
        return False
    listed = {o.lower() for o in settings.allowed_origins} if others else set()
    return origin in listed or is_same_origin(origin, host, settings)
