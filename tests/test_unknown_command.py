"""A slash command the bot does not have ("/foo", a typo of /polls) gets the help menu, never a
search of the documents ("그 내용을 다룬 문서는 아직 없어요" for "/foo" before; newcomer probe
2026-12-02)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicbot import keys
from civicbot.dialogue import Incoming
from civicbot.i18n import t
from civicbot.intents import COMMANDS

pytestmark = pytest.mark.usefixtures("built_index")

KNOWN = {"/cancel", "/propose", "/proposals", "/vote", "/receipt", "/results", *COMMANDS}


async def send(client, text: str, channel: str = "api", language: str = "ko"):
    dialogue = client.app[keys.ENGINE].engine.dialogue
    return await dialogue.handle(
        Incoming(channel=channel, conversation_id="cmd", text=text, language=language)
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.from_regex(r"/[a-z]{1,12}", fullmatch=True).filter(lambda c: c not in KNOWN),
    st.sampled_from(["", " 3", "@CivicBot", " 강남구"]),
)
async def test_a_command_the_bot_lacks_gets_the_help_menu(client, command, rest):
    reply = await send(client, command + rest)
    assert reply.intent == "help" and not reply.sources and not reply.related
    assert reply.text.startswith(t("engine.unknown_command", "ko"))
    assert reply.buttons  # the web shows what it can do as buttons, never as typed commands
    assert all(not b.label.startswith("/") for b in reply.buttons)


async def test_known_commands_still_work_with_or_without_the_bot_name(client):
    assert (await send(client, "/help@CivicBot")).intent == "help"
    assert not (await send(client, "/help")).text.startswith(t("engine.unknown_command", "ko"))
    assert (await send(client, "/polls")).intent == "polls"


async def test_in_english(client):
    reply = await send(client, "/whatever", language="en")
    assert reply.text.startswith("I don't know that command.")
