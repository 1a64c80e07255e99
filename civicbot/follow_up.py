"""Follow-up questions: "몇 군데야?", "is it open on weekends?" after an answer.

A citizen names the subject once ("서울 공원 와이파이 있어?") and then asks about it without naming
it again ("몇 군데야?"). Alone, such a message matches no page and is refused. The conversation
keeps the document that answered last (``Topic``: its id and the turn it answered, never the
question or a time). A short message that nothing answers alone, that refers back or asks for a
detail, and that names nothing of its own the document lacks besides the detail asked ("속도",
"비번"; one more word when it points back: "Is there parking?") is asked again with the document's
title in front ("공원 공공와이파이 몇 군데야?"). The reply asked again is kept only when it is about
that same document.

A message that gets an answer alone keeps it: "그럼 엠보팅은 뭐야?" after S-Net changes the subject,
and a newcomer's probe of the first version (which asked such messages again) found 21 confident
answers pulled back to the previous page out of 238 turns.

Pure functions, no I/O: the Dialogue (civicbot.dialogue) asks, this module decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from civicbot.detail import asked_detail
from civicbot.text import korean_stems

# How many turns after an answer a message may still refer back to it: the next message, and the
# one after a clarification ("what?" / "네?"). Later, the conversation has moved on.
TOPIC_TURNS = 3

# A message this short may be an ellipsis of the last question ("몇 군데야?", "Is there parking?");
# longer ones carry their own subject. Words are runs of letters and digits.
ELLIPSIS_WORDS = 6
# Words of its own that a follow-up which refers back may name although the document lacks them:
# the thing asked about ("Is there parking?"). Two ("그럼 짜장면 맛집 알려줘", "what about a pasta
# recipe?") are a subject of its own; without a pointer back, one is ("서울 인구 몇명이야?").
FOREIGN_WORDS = 1

# Words that point back to something said before. Korean demonstratives (그, 거기, 이거 …) with the
# particles they take, and the connectives that continue a topic (그럼, 그러면; not 근데, which as
# often turns to a new one); English pronouns, and "what/how about", "and", "also" at the start.
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


def names_a_detail(text: str) -> bool:
    """Whether ``text`` names a detail of a topic ("예산은?", "위치는?", "운영 시간은?", "what's the
    budget?") or asks for one with a bare question word ("어디야?", "언제부터?", "where?"): the
    shape of a follow-up on the last answer, whose subject it leaves unsaid."""
    return _DETAIL_WORD.search(text) is not None or _DETAIL_ASKED.search(text) is not None


def names_nothing_else(text: str) -> bool:
    """Whether ``text`` names a detail (names_a_detail) and no thing of its own besides it
    (own_words, once the detail words are out): "예산은 얼마야?", "언제부터?" but not "따릉이
    예산은?" nor "부산은?". Such a message is about the last answer's topic even when another page
    answers it alone ("운영 시간은?" matched the 120 call centre's "24시간" after the CCTV centre)."""
    return names_a_detail(text) and not own_words(_DETAIL_WORD.sub(" ", text))


def worth_asking_again(text: str, page: str, asks_detail: bool) -> bool:
    """Whether ``text``, which nothing answered alone, may be a follow-up on the document whose
    title and body are ``page``: short (ELLIPSIS_WORDS), not turning away ("그거 말고", "instead"),
    referring back or asking for a detail (``asks_detail``: a count, a price, a time … as
    civicbot.detail.asked_detail reads it), and naming nothing the page lacks (foreign_words) —
    one such word is allowed when it refers back ("Is there parking?")."""
    if not 0 < word_count(text) <= ELLIPSIS_WORDS or _TURNS_AWAY.search(text):
        return False
    pointing = refers_back(text)
    if not (pointing or asks_detail):
        return False
    return len(foreign_words(text, page)) <= (FOREIGN_WORDS if pointing else 0)


def foreign_words(text: str, page: str) -> list[str]:
    """The words ``text`` names a thing with (own_words) that ``page`` lacks (spaces and case
    aside), less the detail asked ("비번", "길이가몇키로": civicbot.detail.asked_detail reads them
    as asking for a detail, which the page may well lack)."""
    squashed = re.sub(r"\s+", "", page).casefold()
    text = _DETAIL_WORD.sub(" ", text)  # "예산은?": the detail asked, which the page may well lack
    return [w for w in own_words(text) if w not in squashed and asked_detail(w) is None]


# Words that name a detail of whatever is being talked about, not a thing of their own: what it
# costs, when, how big or how many, where, for whom, how, who runs it, what it is called (the
# follow-ups of newcomer probe #23: "예산은?", "언제부터?", "그럼 영어로는?", "how much does it
# cost?"), with the particles they take. civicbot.detail.asked_detail reads some of them as a
# question for a detail only with a question word ("요금은?" yes, "예산은?" no): here the bare word
# is the question.
_DETAIL_WORD = re.compile(
    r"(?<![가-힣])(?:총\s?)?(?:예산|총사업비|사업비|비용|가격|요금|금액|수수료|이용료|돈|"
    r"기간|날짜|일정|시기|기한|마감|시작|완공|개통|도입|종료|(?:운영|영업|이용|개방|관람|근무|업무|진료|상담)\s?시간|시간|연도|년도|"
    r"규모|개수|갯수|숫자|수|인원|대수|길이|거리|면적|크기|넓이|용량|속도|"
    r"위치|장소|주소|대상|자격|조건|방법|절차|담당자|담당|부서|연락처|전화\s?번호|운영|주관|목적|효과|"
    r"영어|영문|한국어|이름|명칭|뜻|의미)"
    r"(?:은|는|이|가|을|를|도|만|요|은요|는요|이요|로|으로|로는|으로는|부터|까지|이나|나)?(?![가-힣])|"
    r"\b(?i:(?:opening|operating|business|office|visiting)\s+hours|"
    r"budget|costs?|prices?|fees?|money|funding|dates?|schedule|deadline|start(?:s|ed)?|"
    r"begin|ends?|duration|hours|size|length|area|number|count|capacity|speed|location|address|"
    r"place|contact|phone|eligibility|english|korean|name|meaning|purpose)\b"
)
# A detail asked with a question word alone ("어디야?", "언제부터?", "누가 해?", "where?", "how long?").
_DETAIL_ASKED = re.compile(
    r"(?<![가-힣])(?:언제|어디|몇|얼마|누가|누구)|\b(?i:when|where|who|how\s+(?:much|many|long|big|far))\b"
)

# Turning to something else: "그거 말고 따릉이는?", "what about another one", "instead".
_TURNS_AWAY = re.compile(r"말고|대신|(?<![가-힣])(?:다른|딴)\s|\b(?i:instead|other|else|another)\b")

# Words that name nothing: question words, pointers, auxiliaries and the like, Korean and English;
# "tell me" too ("운영 시간 알려줘" names the hours and nothing else: twenty-third pass).
_FUNCTION_WORDS = frozenset(
    """그 그거 그게 그건 그걸 그것 거기 그곳 그쪽 이거 이게 이건 저거 그럼 그러면 그렇다면 그래서 해당
    뭐 뭔 무슨 어디 언제 누가 누구 몇 얼마 얼마나 어떻게 어케 왜 어느 어떤 혹시 좀 또 그리고 근데 아
    알려 알려줄 가르쳐 가르쳐줄 줘 주세요
    what whats what's when where who whom whose why how which much many long big far often is are
    was were be been do does did can could will would should may might it its it's there that this
    these those they them the a an and or but so then also about on in at to of for from with by
    i me my we our you your any some more again too yet still open""".split()  # noqa: SIM905
)
_LATIN_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")
_HANGUL_RUN = re.compile(r"[가-힣]+")


def own_words(text: str) -> list[str]:
    """The words ``text`` names a thing with: its words less function words, Korean ones without
    their particles and endings (civicbot.text.korean_stems), and less a Korean message's last
    word when it has more than one (the predicate: 알려줘, 얼마야, 빨라)."""
    lowered = text.casefold()
    korean = _HANGUL_RUN.findall(lowered)
    if len(korean) > 1:
        korean = korean[:-1]
    stems = korean_stems(" ".join(korean))
    latin = _LATIN_WORD.findall(lowered)
    words = [w for w in [*stems, *latin] if len(w) >= 2 and w not in _FUNCTION_WORDS]
    return [w for w in words if not w.startswith(_QUESTION_HEADS)]


# Korean question words glued to what they ask ("몇군데", "언제까지", "누가담당"): no thing named.
_QUESTION_HEADS = ("몇", "얼마", "언제", "어디", "누가", "누구", "무슨", "어떻", "어케", "왜")


def with_topic(title: str, text: str) -> str:
    """``text`` asked again with the topic's ``title`` in front, as one question ("공원 와이파이 몇 군데야?")."""
    return f"{title.strip()} {text.strip()}"
