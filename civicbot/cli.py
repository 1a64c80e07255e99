"""Command line: ``civicbot serve | index | chat``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

from civicbot import cli_complaints, cli_polls
from civicbot.config import ConfigError, Settings


def _setup_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def serve(settings: Settings, host: str | None, port: int | None) -> int:
    from aiohttp import web

    from civicbot.app import create_app

    host = host or settings.host
    port = port or settings.port
    shown = "localhost" if host in ("0.0.0.0", "127.0.0.1", "::") else host
    print(
        f"CivicBot: open http://{shown}:{port}/  (chat API: POST http://{shown}:{port}/api/chat)", flush=True
    )
    # handler_cancellation: a request whose client disconnected is cancelled, so it never reaches
    # the model (a client that gave up must not keep its place in the model's queue).
    web.run_app(
        create_app(settings), host=host, port=port, print=None, access_log=None, handler_cancellation=True
    )
    return 0


def index(settings: Settings) -> int:
    """Build (or refresh) the search index and the intent model ahead of time; report bad files."""
    from civicbot.embeddings import load_embedder
    from civicbot.engine import build_knowledge
    from civicbot.intents import IntentClassifier, load_intents

    embedder = load_embedder(settings.embedder)
    knowledge = build_knowledge(settings, embedder)
    intents, intent_errors = load_intents(settings.intents_dir)
    IntentClassifier(intents, embedder, settings.index_dir, settings.intent_threshold, settings.intent_margin)
    stats = knowledge.stats
    for error in [*stats.errors, *map(str, intent_errors)]:
        print(error, file=sys.stderr)
    for fmt, (read, skipped) in stats.formats.items():
        print(f"  .{fmt:<6} {read:>5} read" + (f", {skipped} skipped" if skipped else ""))
    print(
        f"indexed {stats.documents} documents, {stats.chunks} chunks "
        f"({stats.embedded_documents} embedded now, {stats.cached_documents} from cache) "
        f"and {len(intents)} intents in {settings.index_dir}"
    )
    return 1 if stats.errors or intent_errors else 0


async def _chat_loop(settings: Settings, language: str | None) -> int:
    from civicbot.db import Database
    from civicbot.dialogue import Incoming
    from civicbot.engine import build_engine

    db = Database(settings.db_path)
    await asyncio.to_thread(db.open)
    executor = ThreadPoolExecutor(2)
    try:
        engine = await asyncio.to_thread(build_engine, settings, db, executor)
        conversation = uuid.uuid4().hex
        print("CivicBot — 질문을 입력하세요 (끝내려면 Ctrl-D). Ask a question (Ctrl-D to quit).")
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
                print(f"  - {source.title} ({source.doc_id}) {source.url}")
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
    cli_polls.add_parsers(commands)
    cli_complaints.add_parsers(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    _setup_logging(settings.log_level if args.command == "serve" else "WARNING")
    if args.command == "serve":
        return serve(settings, args.host, args.port)
    if args.command == "index":
        return index(settings)
    if args.command in ("polls", "tokens"):
        return cli_polls.main(args, settings)
    if args.command == "complaints":
        return cli_complaints.main(args, settings)
    return asyncio.run(_chat_loop(settings, args.language))
