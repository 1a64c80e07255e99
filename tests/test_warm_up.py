"""The engine answers its first questions as fast as the later ones: what the decision builds on
first use is built while the engine loads (bench/chat_load.py's first four requests took 176 ms
instead of about 70 before), and the warm-up remembers nothing."""

from __future__ import annotations

import pytest

from civicbot import citations, detail, keys

pytestmark = pytest.mark.usefixtures("built_index")

FIRST_USE = (citations._listed_places, detail._catalogue, detail._name_index)


async def test_the_app_builds_the_decisions_tables_before_it_is_ready(make_client, settings):
    for table in FIRST_USE:
        table.cache_clear()
    client = await make_client(settings)
    assert client.app[keys.ENGINE].engine is not None
    for table in FIRST_USE:
        assert table.cache_info().currsize >= 1, table.__name__


async def test_the_warm_up_remembers_nothing(client):
    dialogue = client.app[keys.ENGINE].engine.dialogue
    answers_before = len(dialogue._answers)
    dialogue.warm_up()
    assert len(dialogue._answers) == answers_before
    count = await client.app[keys.DATABASE].execute_fn(
        lambda conn: conn.execute("SELECT COUNT(*) FROM conversations").fetchone()[0]
    )
    assert count == 0
