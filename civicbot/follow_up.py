"""Follow-up questions: "그럼 얼마야?", "is it open on weekends?" after an answer.

A citizen names the subject once ("서울 공원 와이파이 있어?") and then asks about it without naming
it again ("몇 군데야?"). Alone, such a message matches no page, or the wrong one. The conversation
keeps the document that answered last (``Topic``: its id and the turn it answered, never the
question or a time), and a short message that refers back to it, or that asks for a detail and
that nothing answers alone, is asked again with the document's title in front ("공원 공공와이파이
몇 군데야?"). The reply about that
document is kept only when it is about that same document; otherwise the message stands alone.

Pure functions, no I/O: the Dialogue (civicbot.dialogue) asks, this module decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# How many turns after an answer a message may still refer back to it: the next message, and the
# one after a clarification ("what?" / "네?"). Later, the conversation has moved on.
TOPIC_TURNS = 3

# A message this short may be an ellipsis of the last question ("몇 군데야?", "can I visit?");
# longer ones carry their own subject. Words are runs of letters and digits.
ELLIPSIS_WORDS = 8
# A message that refers back explicitly ("그거 얼마야", "how big is it?") may override an answer
# the message got alone when it is at most this long: "Is it free to use the bus Wi-Fi?" (8 words)
# names its own subject, "is it open on weekends?" (5) does not.
REFERRING_WORDS = 6

# Words that point back to something said before. Korean demonstratives (그, 거기, 이거 …) with the
# particles they take, and the connectives that continue a topic (그럼, 그러면; not 근데, which as
# often turns to a new one); English
# pronouns and "what/how about", "and", "also" at the start.
_REFERS_BACK = re.compile(
    r"(?<![가-힣])(?:그거|그게|그건|그걸|그것|거기|그곳|그쪽|이거|이게|이건|이걸|저거|저게|저건|"
    r"걔|얘|쟤|그럼|그러면|그렇다면|그래서|해당)|"
    r"(?<![가-힣])그\s+(?=[가-힣])|"
    r"\b(?i:it|its|it's|that|this|there|they|them|those|these|the\s+same)\b|"
    r"^\s*(?i:what\s+about|how\s+about|and|also|so|then)\b"
)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Topic:
    """The document that answered last in a conversation, and the turn (1-based) it answered in."""

    doc_id: str
    turn: int

    def as_state(self) -> dict:
        """The form kept in the conversation's state (JSON): {"doc": doc_id, "turn": turn}."""
        return {"doc": self.doc_id, "turn": self.turn}

    @classmethod
    def from_state(cls, value: object) -> Topic | None:
        """The Topic kept by ``as_state``, or None for anything else (an older state, a torn one)."""
        if (
            isinstance(value, dict)
            and isinstance(value.get("doc"), str)
            and isinstance(value.get("turn"), int)
        ):
            return cls(value["doc"], value["turn"])
        return None

    def current(self, turn: int) -> bool:
        """Whether a message at ``turn`` may still refer back to this topic (TOPIC_TURNS)."""
        return 0 < turn - self.turn <= TOPIC_TURNS


def word_count(text: str) -> int:
    """Runs of letters or digits in ``text`` ("몇군데야?" is one, "is it open on weekends?" five)."""
    return len(_WORD.findall(text))


def refers_back(text: str) -> bool:
    """Whether ``text`` points back to something said before (그거, 거기, 그럼 …; it, there, what about …)."""
    return _REFERS_BACK.search(text) is not None


def worth_asking_again(text: str, answered_alone: bool, asks_detail: bool) -> bool:
    """Whether ``text`` may be a follow-up worth asking again with the topic named.

    ``answered_alone``: the message alone got an answer with a source. Then only a short message
    that refers back (REFERRING_WORDS) is asked again. A message with no answer alone is asked
    again when it is short (ELLIPSIS_WORDS) and refers back or asks for a detail (``asks_detail``:
    a count, a price, a time … as civicbot.detail.asked_detail reads it: "몇 군데야?", "얼마야?").
    Other short messages that nothing answers ("축구 누가 이겼어", "노래 추천해줘") have a subject
    of their own: with the topic's title in front they would match its page, wrongly."""
    words = word_count(text)
    if answered_alone:
        return refers_back(text) and words <= REFERRING_WORDS
    return 0 < words <= ELLIPSIS_WORDS and (refers_back(text) or asks_detail)


def with_topic(title: str, text: str) -> str:
    """``text`` asked again with the topic's ``title`` in front, as one question ("공원 와이파이 몇 군데야?")."""
    return f"{title.strip()} {text.strip()}"
