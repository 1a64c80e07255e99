"""Command line: ``civicbot serve | index | chat | polls | tokens | complaints | officials``."""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import sys
import tempfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from civicbot import cli_complaints, cli_db, cli_officials, cli_polls, cli_proposals, i18n
from civicbot.config import ConfigError, Settings
from civicbot.content import ContentFileError
from civicbot.i18n import LANGUAGES, t


def _setup_logging(settings: Settings, level: str) -> None:
    from civicbot.observability import configure_logging

    secrets = (settings.secret_key, settings.telegram_token, settings.telegram_secret, settings.database_url)
    configure_logging(level, settings.log_format, secrets)
    # faiss tries its AVX-512 and AVX2 builds first and logs each miss (with a ModuleNotFoundError)
    # at INFO: expected on most machines, and noise at every start.
    logging.getLogger("faiss.loader").setLevel(logging.WARNING)


def _port_taken(host: str, port: int) -> bool:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def _busy(host: str, port: int) -> int:
    print(
        f"CivicBot cannot listen on {host}:{port}: the port is in use (another CivicBot, or another program).\n"
        f"Stop that program, or choose another port: CIVICBOT_PORT={port + 1} make run "
        f"(or CIVICBOT_PORT={port + 1} .venv/bin/civicbot serve).",
        file=sys.stderr,
    )
    return 1


def _event_loop() -> asyncio.AbstractEventLoop:
    """uvloop's loop when installed (a dependency except on Windows), else asyncio's own.

    libuv's loop and transports take roughly a third less CPU per HTTP request than asyncio's
    (README "Benchmarks"); nothing in the app depends on which loop runs it."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def _bad_content(exc: Exception) -> int:
    print(
        f"CivicBot cannot start: {exc}\n"
        f"Content folders are read relative to {Path.cwd()}: run it from the project folder, "
        "or set the folder's CIVICBOT_*_DIR setting (README, Settings).",
        file=sys.stderr,
    )
    return 2


def serve(settings: Settings, host: str | None, port: int | None) -> int:
    from aiohttp import web

    from civicbot.app import create_app, request_line_limit

    host = host or settings.host
    port = port or settings.port
    if _port_taken(host, port):  # say so plainly, before printing a URL that would not work
        return _busy(host, port)
    try:  # a broken or missing content file stops the start with file:line, before any URL is shown
        app = create_app(settings)
    except ContentFileError as exc:
        return _bad_content(exc)
    shown = "localhost" if host in ("0.0.0.0", "127.0.0.1", "::") else host
    print(
        f"CivicBot: open http://{shown}:{port}/  (chat API: POST http://{shown}:{port}/api/chat)", flush=True
    )
    # handler_cancellation: a request whose client disconnected is cancelled, so it never reaches
    # the model (a client that gave up must not keep its place in the model's queue).
    try:
        web.run_app(
            app,
            host=host,
            port=port,
            print=None,
            access_log=None,
            handler_cancellation=True,
            max_line_size=request_line_limit(settings),
            loop=_event_loop(),
        )
    except OSError as exc:  # taken between the check and the bind
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            return _busy(host, port)
        raise
    return 0


def index(settings: Settings) -> int:
    """Build (or refresh) the search index and the intent model ahead of time; report bad files."""
    from civicbot.embeddings import load_embedder
    from civicbot.engine import build_knowledge
    from civicbot.ingest import FOLDER
    from civicbot.intents import IntentClassifier, load_intents

    embedder = load_embedder(settings.embedder, workers=settings.model_workers, model_dir=settings.model_dir)
    knowledge = build_knowledge(
        settings, embedder, progress=lambda line: print(line, file=sys.stderr, flush=True)
    )
    intents, intent_errors = load_intents(settings.intents_dir)
    IntentClassifier(intents, embedder, settings.index_dir, settings.intent_threshold, settings.intent_margin)
    stats = knowledge.stats
    for error in [*stats.errors, *map(str, intent_errors)]:
        print(error, file=sys.stderr)
    for fmt, (read, skipped) in stats.formats.items():
        label = "folders" if fmt == FOLDER else f".{fmt}"  # links to folders outside it
        print(f"  {label:<7} {read:>5} read" + (f", {skipped} skipped" if skipped else ""))
    print(
        t(
            "cli.indexed",
            cli_db.CLI_LANGUAGE,
            documents=t("cli.n_documents", cli_db.CLI_LANGUAGE, count=stats.documents),
            chunks=t("cli.n_chunks", cli_db.CLI_LANGUAGE, count=stats.chunks),
            embedded=stats.embedded_documents,
            cached=stats.cached_documents,
            intents=t("cli.n_intents", cli_db.CLI_LANGUAGE, count=len(intents)),
            path=settings.index_dir,
        )
    )
    # A running server read the folder when it started; it answers from the new files after a restart.
    print("a running server serves these files after it restarts")
    return 1 if stats.errors or intent_errors else 0


def _where_saved(settings: Settings) -> str:
    """The database the terminal chat writes to, as an operator names it: the SQLite file, or
    PostgreSQL's host and database (never the URL, which may hold a password)."""
    if not settings.uses_postgresql:
        return str(settings.db_path)
    url = urlsplit(settings.database_url)
    return f"PostgreSQL {url.hostname or 'localhost'}/{url.path.lstrip('/')}"


async def _chat(settings: Settings, language: str | None, practice: bool) -> int:
    """`civicbot chat`: on the configured database, or with --practice on a throw-away one, so that
    trying the report or vote flows files nothing on the city's map (probe21 #36)."""
    if not practice:
        print(" ".join(t("engine.chat_real", lang, where=_where_saved(settings)) for lang in LANGUAGES))
        return await _chat_loop(settings, language)
    print(" ".join(t("engine.chat_practice", lang) for lang in LANGUAGES))
    with tempfile.TemporaryDirectory(prefix="civicbot-practice-") as folder:
        throw_away = f"sqlite:///{Path(folder) / 'practice.sqlite3'}"
        return await _chat_loop(settings.model_copy(update={"database_url": throw_away}), language)


async def _chat_loop(settings: Settings, language: str | None) -> int:
    from civicbot.app import MIGRATIONS
    from civicbot.db import database_for
    from civicbot.dialogue import Incoming
    from civicbot.engine import build_engine

    db = database_for(settings, MIGRATIONS)
    await asyncio.to_thread(db.open)
    executor = ThreadPoolExecutor(2 + settings.model_workers)
    try:
        engine = await asyncio.to_thread(build_engine, settings, db, executor)
        conversation = uuid.uuid4().hex
        print("CivicBot — " + " ".join(t("engine.chat_prompt", lang) for lang in LANGUAGES))
        while True:
            try:
                line = await asyncio.to_thread(input, "> ")
            except EOFError:
                print()
                return 0
            if not line.strip():
                continue
            reply = await engine.dialogue.handle(
                Incoming(channel="cli", conversation_id=conversation, text=line, language=language)
            )
            print(reply.text)
            for source in reply.sources:
                # The reply's own source line usually holds the link already (about 400
                # characters with its text fragment): print it once (newcomer probe 22 #18).
                link = "" if source.url in reply.text else f" {source.url}"
                print(f"  - {source.title} ({source.doc_id}){link}")
            for button in reply.buttons:
                print(f"  [{button.label}] → {button.payload}")
    finally:
        executor.shutdown(wait=True)
        await asyncio.to_thread(db.close)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="civicbot", description="A city's civic-participation bot.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_cmd = commands.add_parser("serve", help="run the HTTP server")
    serve_cmd.add_argument("--host", help="address to listen on (default: CIVICBOT_HOST)")
    serve_cmd.add_argument("--port", type=int, help="port to listen on (default: CIVICBOT_PORT)")
    commands.add_parser("index", help="build the search index ahead of time; exit 1 on bad documents")
    chat_cmd = commands.add_parser("chat", help="chat with the bot in this terminal")
    chat_cmd.add_argument("--language", choices=["ko", "en"], help="language hint for the first message")
    chat_cmd.add_argument(
        "--practice", action="store_true", help="a throw-away database: nothing filed here is kept"
    )
    commands.add_parser("strings", help="check strings/<lang>.yaml; list keys each language lacks")
    cli_polls.add_parsers(commands)
    cli_complaints.add_parsers(commands)
    cli_proposals.add_parsers(commands)
    cli_officials.add_parsers(commands)
    cli_db.add_parsers(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    _setup_logging(settings, settings.log_level if args.command == "serve" else "WARNING")
    try:  # every command may open the database: a fresh clone has no data directory yet
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"CIVICBOT_DATA_DIR={settings.data_dir}: cannot create it ({exc.strerror})", file=sys.stderr)
        return 2
    if args.command == "serve":
        return serve(settings, args.host, args.port)
    if args.command == "index":
        return index(settings)
    if args.command == "strings":
        status, lines = i18n.check(settings.strings_dir)
        print("\n".join(lines))
        return status
    if args.command in ("polls", "tokens"):
        return cli_polls.main(args, settings)
    if args.command == "officials":
        return cli_officials.main(args, settings)
    if args.command == "complaints":
        return cli_complaints.main(args, settings)
    if args.command == "proposals":
        return cli_proposals.main(args, settings)
    if args.command == "db":
        return cli_db.main(args, settings)
    return asyncio.run(_chat(settings, args.language, args.practice))
