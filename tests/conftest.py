"""Shared fixtures: the real app factory, a real SQLite file in tmp_path, the bundled content.

The search-index cache is shared by the whole test session (it is keyed by content hash and
embedder id, so sharing it is exactly what a restart does); everything else is per test.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from hypothesis import settings as hypothesis_settings

from civicbot import keys
from civicbot.app import create_app
from civicbot.config import Settings
from civicbot.dialogue import Incoming, Reply

# Examples are timed on a shared 2-core machine, and some first examples load a data file once
# (the GeoNames city list, the Kiwi model): a per-example deadline only makes such tests flaky.
hypothesis_settings.register_profile("civicbot", deadline=None)
hypothesis_settings.load_profile("civicbot")

ROOT = Path(__file__).resolve().parent.parent

# The fake Telegram Bot API and its fixtures (fake_api, bot_settings, bot) for the Telegram tests.
pytest_plugins = ["fake_bot_api"]


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # CIVICBOT_TEST_INDEX_DIR reuses a cache across runs while iterating (it is keyed by content).
    reused = os.environ.get("CIVICBOT_TEST_INDEX_DIR")
    return Path(reused) if reused else tmp_path_factory.mktemp("index")


# -- PostgreSQL: one throw-away cluster per test session, one empty database per test ------------------
ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory):
    """Debian's initdb/pg_ctl on a free port (`make test` installs the postgresql package)."""
    from civicbot import pgcluster

    if not pgcluster.available():
        pytest.skip("PostgreSQL is not installed (make test installs it: apt-get install postgresql)")
    cluster = pgcluster.Cluster(tmp_path_factory.mktemp("pg")).start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """The URL of an empty database of this test's own."""
    return pg_cluster.new_database()


@pytest.fixture
def db_engine() -> str:
    """The engine a test's app runs on. Suites that run on both override this fixture with
    ``db_engine = both_engines`` (see below); everything else runs on SQLite."""
    return "sqlite"


@pytest.fixture(params=ENGINES)
def both_engines(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def database_url(request: pytest.FixtureRequest, db_engine: str) -> str:
    """'' for SQLite (the default file in the data dir), else a fresh PostgreSQL database."""
    return request.getfixturevalue("pg_url") if db_engine == "postgresql" else ""


def test_settings(data_dir: Path, index_dir: Path, **env: str) -> Settings:
    """Settings for a test: this data dir and index cache, the repository's content, a fixed
    secret; CIVICBOT_* overrides as keyword arguments. Every test's settings come from here."""
    base = {
        "CIVICBOT_DATA_DIR": str(data_dir),
        "CIVICBOT_INDEX_DIR": str(index_dir),
        "CIVICBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "CIVICBOT_INTENTS_DIR": str(ROOT / "intents"),
        "CIVICBOT_POLLS_DIR": str(ROOT / "polls"),
        "CIVICBOT_SECRET_KEY": "test-secret-key",
    }
    return Settings.from_env({**base, **env})


test_settings.__test__ = False  # a helper, not a test


@pytest.fixture
def make_settings(tmp_path: Path, index_dir: Path, database_url: str) -> Callable[..., Settings]:
    """Settings for a fresh data dir in tmp_path; pass CIVICBOT_* overrides as keyword arguments."""

    def build(**env: str) -> Settings:
        return test_settings(tmp_path / "data", index_dir, **{"CIVICBOT_DATABASE_URL": database_url, **env})

    return build


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings()


@pytest.fixture
def flow_settings(make_settings: Callable[..., Settings]) -> Settings:
    """The chat flows' test settings: the shipped report categories, no rate limit, proposals
    reviewed at 3 supports. A suite uses them as its ``settings`` with ``from conftest import
    flow_settings`` and ``settings = flow_settings`` (pytest registers a fixture under the name it
    is assigned to in the module)."""
    return make_settings(
        CIVICBOT_SERVICES_DIR=str(ROOT / "services"),
        CIVICBOT_RATE_LIMIT="0",
        CIVICBOT_PROPOSAL_THRESHOLD="3",
    )


async def wait_ready(app: web.Application, timeout: float = 900.0) -> None:
    slot = app[keys.ENGINE]
    await asyncio.wait_for(slot.ready.wait(), timeout)
    if slot.error:
        raise RuntimeError(slot.error)


@pytest.fixture
async def make_client(aiohttp_client) -> Callable[..., TestClient]:
    """A test client on the real app, returned once the engine has loaded."""

    async def build(settings: Settings) -> TestClient:
        app = create_app(settings)
        client = await aiohttp_client(app)
        await wait_ready(app)
        return client

    return build


def index_city(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, index_dir: Path, knowledge: Path) -> None:
    """Point `civicbot index` (the environment it reads) at ``knowledge``, with an index dir of its
    own under ``tmp_path``; the intent model is copied from the session's index, not under test."""
    (tmp_path / "index").mkdir()
    for cached in index_dir.glob("intent*"):
        shutil.copy(cached, tmp_path / "index")
    for key, value in {
        "CIVICBOT_DATA_DIR": tmp_path / "data",
        "CIVICBOT_INDEX_DIR": tmp_path / "index",
        "CIVICBOT_KNOWLEDGE_DIR": knowledge,
        "CIVICBOT_INTENTS_DIR": ROOT / "intents",
    }.items():
        monkeypatch.setenv(key, str(value))


@pytest.fixture
async def make_city(make_settings, make_client, index_dir: Path, tmp_path: Path) -> Callable[..., TestClient]:
    """A client on a new city's folder of documents (copied from `folder`), with its own index.

    The intent model is copied from the session's index: it is shared, not under test."""

    async def build(folder: Path) -> TestClient:
        knowledge = tmp_path / "knowledge"
        shutil.copytree(folder, knowledge)
        own_index = tmp_path / "index"
        own_index.mkdir()
        for cached in index_dir.glob("intent*"):
            shutil.copy(cached, own_index)
        settings = make_settings(CIVICBOT_KNOWLEDGE_DIR=str(knowledge), CIVICBOT_INDEX_DIR=str(own_index))
        return await make_client(settings)

    return build


@pytest.fixture
async def client(make_client, settings: Settings) -> TestClient:
    return await make_client(settings)


@pytest.fixture
async def session_token(client: TestClient) -> str:
    response = await client.post("/api/sessions")
    assert response.status == 201
    return (await response.json())["token"]


def _issue(settings: Settings, fn: Callable) -> object:
    """Run ``fn(conn)`` in one transaction on a migrated database, as the command-line tools do."""
    from civicbot.cli_db import migrated
    from civicbot.db import write_transaction

    with migrated(settings) as conn, write_transaction(conn):
        return fn(conn)


def issue_official_token(settings: Settings, name: str = "test official") -> str:
    """An official's token created the way an admin does it: through the CLI's code path."""
    from civicbot.officials import create_token

    return _issue(settings, lambda conn: create_token(conn, name))[1]


def issue_api_key(settings: Settings, name: str = "test app") -> str:
    """An Open311 API key issued the way the CLI issues one."""
    from civicbot.voicemap import create_api_key

    return _issue(settings, lambda conn: create_api_key(conn, name))[1]


@pytest.fixture
def official_token(settings: Settings) -> str:
    return issue_official_token(settings)


@pytest.fixture
def api_key(settings: Settings) -> str:
    return issue_api_key(settings)


@contextlib.contextmanager
def settings_db(settings: Settings):
    """A blocking connection to the settings' database, either engine, migrated, for set-up and
    checks the way the command line does them: one transaction, committed at the end."""
    from civicbot.cli_db import migrated
    from civicbot.db import write_transaction

    with migrated(settings) as conn, write_transaction(conn):
        yield conn


async def say(client: TestClient, text: str, conversation: str, **extra) -> Reply:
    """One message from a citizen to the real app's conversation engine, on the API channel, in
    ``conversation`` (a made-up id: the same id continues a conversation); ``extra`` are more
    Incoming fields (language, photo, payload ...). Returns the engine's Reply."""
    engine = client.app[keys.ENGINE].engine
    return await engine.dialogue.handle(
        Incoming(channel="api", conversation_id=conversation, text=text, **extra)
    )


@pytest.fixture(scope="session")
def built_index(index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's search index and intent model, built once up front with no time limit.

    Built from scratch, the index embeds every bundled document: a minute or two on a busy
    machine, longer than wait_ready allows the first app. Tests that start the app can use this
    (`pytestmark = pytest.mark.usefixtures("built_index")`); later apps then start in a second.
    """
    from civicbot.embeddings import load_embedder
    from civicbot.engine import build_knowledge
    from civicbot.intents import IntentClassifier, load_intents

    settings = test_settings(tmp_path_factory.mktemp("built-index-data"), index_dir)
    embedder = load_embedder(settings.embedder)
    build_knowledge(settings, embedder)
    intents, _ = load_intents(settings.intents_dir)
    IntentClassifier(intents, embedder, index_dir, settings.intent_threshold, settings.intent_margin)
    return index_dir
