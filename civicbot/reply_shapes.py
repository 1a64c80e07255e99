"""The JSON shape of the bot's reply (``dialogue.Reply``), as the chat API and the web widget
serve it; ``/api/openapi.json`` is generated from it.

Beside ``civicbot.dialogue``, whose ``reply_as_json`` gives the same fields (the widget's socket
sends that dict in its frames).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from civicbot.dialogue import Reply, reply_as_json
from civicbot.shapes import Language, absent


class Source(BaseModel):
    doc_id: str
    title: str
    url: str = Field(
        description="The document itself: its published page, or /knowledge/<doc_id> on this server, "
        "with a #:~:text= fragment that scrolls to the quoted sentence."
    )
    score: float
    updated: str = Field("", description="The document's date (ISO), or empty.")
    dated: str = Field(
        "", description="'2019년 12월 기준' / 'as of December 2019' when over a year old, else empty."
    )


class Button(BaseModel):
    label: str
    payload: str
    pressed: bool = absent(description="A toggle's state (a chosen poll option).")


class ChatReply(BaseModel):
    conversation_id: str = absent(description="Send this back to continue the conversation.")
    text: str
    intent: str
    confidence: float
    language: Language = absent()
    sources: list[Source] = Field(
        description="Empty whenever the reply is not an answer from the knowledge base."
    )
    related: list[Source] = Field(
        default_factory=list,
        description="Documents on the question's topic that lack the detail asked for (the text says so); "
        "never the answer's source.",
    )
    buttons: list[Button]
    expects: Literal["location", "photo"] | None = Field(
        None, description="What the bot asks for next: location, photo, or null for text."
    )


def chat_reply(reply: Reply, conversation_id: str | None = None) -> ChatReply:
    """``reply`` as the API serves it; ``conversation_id`` when the caller continues one by id."""
    fields = reply_as_json(reply)
    return ChatReply.model_validate(
        {**fields, "conversation_id": conversation_id} if conversation_id else fields
    )
