"""Small derived files kept in the index dir across restarts, so that a start reads a few kilobytes
of JSON instead of rebuilding them from a bundled data package (bench/startup.py, target 3 s).

A kept file is named by a digest of what it was built from (the package's version and the
caller's rules), so it is reused only while all of them stay the same; it is written atomically
and a read-only index dir only means it is rebuilt at each start.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path


def kept_path(cache_dir: Path | None, prefix: str, package: str, *rules: object) -> Path | None:
    """``<prefix>-<digest>.json`` in ``cache_dir`` (None without one). The digest covers the
    installed version of ``package`` and ``rules`` (JSON-serialisable: a rules version, floors,
    the city's names)."""
    if cache_dir is None:
        return None
    try:
        version = metadata.version(package)
    except metadata.PackageNotFoundError:
        version = "unknown"
    key = json.dumps([version, *rules])
    return Path(cache_dir) / f"{prefix}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"


def keep(path: Path, value: object) -> None:
    """Writes ``value`` as JSON atomically (a crash never leaves half a file under the real name);
    an unwritable dir is ignored (the caller rebuilds at each start)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
