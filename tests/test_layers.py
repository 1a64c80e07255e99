"""The import rules between layers (pyproject's [tool.importlinter] contracts), and a light keys.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    """Domain never imports aiohttp/telegram/web/channels; channels and web never import each other.

    In a subprocess: import-linter reconfigures logging in the process it runs in, which silenced
    the log assertions of every test after this one."""
    program = (
        "import sys; from importlinter.cli import lint_imports; "
        f"sys.exit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, no_cache=True))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


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


# Everything under civicbot/ that is not a domain module: the app and its wiring, the command
# line, the web and channel packages, the outbound geocoder client and the test PostgreSQL helper.
NOT_DOMAIN = {"__init__", "__main__", "app", "keys", "web", "channels", "geocoders", "pgcluster"}


def test_every_new_module_is_in_a_contract():
    """A module added to civicbot/ is a domain module (and kept free of the web) unless listed here."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    domain = {
        name.removeprefix("civicbot.")
        for name in config["tool"]["importlinter"]["contracts"][0]["source_modules"]
    }
    package = ROOT / "civicbot"
    modules = {p.stem for p in package.glob("*.py")} | {
        p.name for p in package.iterdir() if (p / "__init__.py").exists()
    }
    modules = {m for m in modules if not m.startswith("cli")}
    assert modules - NOT_DOMAIN == domain
