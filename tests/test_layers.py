"""The import rules between layers (pyproject's [tool.importlinter] contracts), and a light keys.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept(monkeypatch):
    """Domain never imports aiohttp/telegram/web/channels; channels and web never import each other."""
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_templates_load_no_model_index_or_chat_adapter():
    """Rendering a page needs the settings key, not python-telegram-bot, faiss or numpy."""
    probe = (
        "import sys, civicbot.web.templating, civicbot.keys\n"
        "heavy = ['telegram', 'faiss', 'numpy', 'civicbot.engine', 'civicbot.voicemap']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.stdout.strip() == ""
