"""What a short answer to a yes/no question means, the one reading every chat flow uses.

The report flow's confirm step, its similar-report offer, its rough-place step and its photo step,
and the proposal flow's similar-proposals step and preview each asked "yes or no?" and each had
its own word list, so "좋아요" filed a proposal but not a report (the twenty-second pass's re-read).
Each step now asks this module and layers its own words on top (``also``): "접수" at the report's
confirm step, "제안" at the proposal preview, "공감" at the similar-report offer.

A message is a clear answer only when it is made of nothing but such words: "네", "넵!", "네네",
"예 그렇게 해주세요", "좋아요ㅎㅎ", "yes please 👍", "아니요", "ㄴㄴ", "no thanks". A mixture ("아니
좋아요", "네 아니요"), a question ("네?" is "pardon?" in Korean chat) or anything with another word
in it ("네 근데 언제 검토돼요") is neither, and each step keeps doing what it did with such text.

Sources: the everyday spellings of 표준국어대사전 (네, 예, 응, 아니요, 아뇨) and how chat writes them
(넵, 넹, 웅, ㅇㅇ, ㅇㅋ, ㄴㄴ, 노노), collected from the newcomer probes of the twenty-second and
twenty-third passes; "괜찮아요" alone is left out (it is "yes, fine" as often as "no, thanks").
Domain module: no web or bot imports.
"""

from __future__ import annotations

import re
from functools import cache

# Polite endings chat adds to a word: 네요, 넵용, 좋아여, 알겠어염.
_KO_END = r"(?:요|용|여|염|욥|욧)?"
# "…해 주세요", "…할게요", "…부탁드려요": asking for (or promising) what the word names.
_KO_DO = (
    r"(?:해|하)?(?:할게|할께|할래|합니다|하겠습니다|해|하기|해줘|해쥬|해주|해주세|해주셔|부탁해|부탁드려|부탁드립니다"
    r"|주세|주셔|줘|쥬세|주라)?(?:요|용|여|염)?"
)
# Every yes a citizen types to any step. The tokens repeat inside one message ("네네", "응 좋아"),
# so none may repeat itself ("네+" inside a repeated group backtracks exponentially on "네네네…x"),
# nor be two of another (ㅇ and ㅇㅇ: "ㅇ" × 39 then "x" took minutes; ㅇ repeated is ㅇㅇ already).
# ㄱㄱ, 고고 and "go" are "let's go" in chat (twenty-fourth pass: "ㄱㄱ" at a confirm step was no yes).
_YES_KO = (
    r"(?:네|넵|넹|넴|녜|예|옙|옛|응|웅|엉|어|ㅇ|ㅇㅋ|ㄱ|고고|고고싱|오케이|오키|콜|좋아|좋습니다|좋네|좋다|좋지|맞아|맞습니다|맞네|맞지"
    r"|그래|그럼|그러죠|그럴게|물론|물론이죠|당연하죠|당연|알겠습니다|알겠어|알았어"
    r"|(?:이대로|그대로|이렇게|그렇게|진행|부탁)" + _KO_DO + r")" + _KO_END
)
_YES_EN = (
    r"(?:y|ye+s+|ya+|yea+h*|yep+|yup+|yas+|yse|ok+|o+k+a+y+|okey|oaky|k|go|gogo|letsgo|let'sgo|sure|surething|fine|good|great|perfect"
    r"|soundsgood|soundsgreat|allgood|al+right|correct|right|exactly|absolutely|definitely|ofcourse|certainly"
    r"|goahead|proceed|doit|lgtm|looksgood|looksgreat|that'?sfine|that'?sgood|that'?sright|that'?scorrect)"
)
# Politeness that goes with a yes ("yes please", "ok thanks") but is none alone.
_WITH_YES = r"(?:please|pls|plz|thanks|thankyou|thx|it|감사합니다|감사해요|고마워요|고맙습니다)"
_NO_KO = r"(?:아니|아뇨|아니요|아니오|아니에요|아니야|아니얌|ㄴ|노노|놉|싫어|싫습니다|싫은데|별로)" + _KO_END
_NO_EN = r"(?:no+|nope|nah|n|notnow|nothanks|notreally|noway|negative)"
# What may follow a no and only a no: "아니요 괜찮아요", "아뇨 됐어요", "no thanks, I'm fine".
_AFTER_NO = (
    r"(?:괜찮아|괜찮습니다|괜찮|됐어|됐습니다|thanks|thankyou|thx|i'?mfine|i'?mgood|it'?sfine|i'?mok)"
    + _KO_END
)
# Stopping what is under way: the proposal preview counts these as its no (the Dialogue's own
# cancel words, exact ones such as "취소", never reach a flow).
STOP = (
    r"(?:(?:취소|그만|하지마|안할래|안할게|안해|안돼|안올려|제출하지마|올리지마|하지말아)"
    r"(?:할래|할게|할께|해|해줘|해주세|하세|둘래|둘게|돼|되|됩니다|합니다|하지마세|주세)?"
    + _KO_END
    + r"|cancel(?:it)?|stop|nevermind|nvm|forgetit|quit|abort|discard(?:it)?|scrapit|dontsubmit|don'?tsubmit"
    r"|don'?tfileit|don'?tdoit)"
)
# Wanting to stop what is under way, as people say it (``wants_to_stop``; newcomer probe, twenty-third
# pass: "아 잠깐 취소", "그만할래요", "아니 취소해주세요", "wait, cancel that" were read as a place, a
# photo answer or a preview's "anything else"; only the Dialogue's exact "취소" and "/cancel" worked).
# The endings a stop word takes: "취소할게요", "취소해 주세요", "그만둘래요", "취소하고 싶어요".
_STOP_DO = (
    r"(?:할래|할게|할께|할거|할꺼|해|하|해줘|해쥬|해주|해주세|해주셔|하세|합니다|하겠습니다|하겠어|하자|하기|하고싶어"
    r"|하고싶습니다|하려고|부탁해|부탁드려|부탁드립니다|시켜|시켜주세|둘래|둘게|둘께|두세|둬|두겠습니다|두고싶어|둘거)?"
    r"(?:요|용|여|염|욤)?"
)
_STOP_CORE = (
    r"(?:(?:취소|그만|중단|중지|멈춰|멈출|스톱)"
    + _STOP_DO
    + r"(?!됐|되|된|돼)|(?:관둘|관둬|관두|때려치)(?:래|게|께|겠습니다|세|어|울래)?(?:요|용)?"
    r"|안(?:할래|할게|할께|해|하|할거|쓸래|쓸게|올릴래|올릴게|낼래|낼게)(?:요|용|여|염)?"
    r"|하지않을게(?:요)?|하지마(?:세)?(?:요)?|하지말아(?:주세)?(?:요)?|제출하지마(?:세)?(?:요)?|올리지마(?:세)?(?:요)?"
    r"|필요없어(?:요|졌어요|졌어)?|필요없습니다"
    r"|(?:나중에|다음에|이따|이따가|담에)(?:다시)?(?:할게|할께|할래|해야겠다|해야겠어|하겠습니다|할거|할꺼)(?:요|용)?"
    r"|cancel(?:it|that|this|everything|all|thereport|thevote|theproposal|thewholething)?|cancell?ed"
    r"|stop(?:it|that|this|here)?|nevermind|nvm|nm|forgetit|forgetaboutit|forgetthat|forgetthis|quit|abort|exit"
    r"|discard(?:it|this)?|scrap(?:it|that|this)|drop(?:it|that|this)|dontsubmit|don'?tsubmit|don'?tfileit"
    r"|don'?tdoit|letsnot|let'?snot|idon'?twanttoanymore|idontwanttoanymore|i'?lldoitlater|illdoitlater"
    r"|maybelater|anothertime|notanymore)"
)
# ("취소됐어요" says something was cancelled: no stop, hence the look-ahead.)
# What may open or soften a stop without changing it: "아 잠깐", "그냥", "음", "아니", "이거 다", "신고는",
# "wait", "oh", "actually", "I want to", "please". None of them is a stop alone.
_STOP_AROUND = (
    r"(?:아|앗|어|음|흠|헐|저|저기|잠깐|잠깐만|잠시만|그냥|아니|아뇨|아니요|근데|그럼|죄송|죄송해요|죄송합니다|미안|미안해요"
    r"|(?:이거|그거|저거|이건|그건|신고|접수|민원|제안|투표|작성|입력|진행|전부|모두|지금|오늘은|이번엔|다|좀)(?:은|는|도|을|를|이|가)?"
    r"|wait|holdon|oh|oops|um|umm|uh|hmm|actually|sorry|no|nah|just|please|pls|hey|ok|okay|thanks|thankyou"
    r"|iwantto|iwanna|i'?dliketo|iwouldliketo|ineedto|letme|let'?s|can(?:you|we)|pleaseto)"
)
# "됐어요" stops a step that asks for something, but answers a yes/no question either way ("that's
# fine" or "never mind"): there it is no stop unless another stop word goes with it.
_ENOUGH = r"(?:됐어(?:요|용)?|됐습니다|됐네(?:요)?|됐다)"
_STOP = re.compile(
    rf"(?:{_STOP_AROUND}|{_ENOUGH})*{_STOP_CORE}(?:{_STOP_AROUND}|{_STOP_CORE}|{_ENOUGH})*", re.IGNORECASE
)
_STOP_OR_ENOUGH = re.compile(
    rf"(?:{_STOP_AROUND})*(?:{_STOP_CORE}|{_ENOUGH})(?:{_STOP_AROUND}|{_STOP_CORE}|{_ENOUGH})*", re.IGNORECASE
)
# What the folding drops: spaces, punctuation, laughter and crying jamo, emoji ("네!!", "좋아요ㅎㅎ",
# "ok 👍"). A question mark is read before (``fold``): "네?" asks, it does not agree.
_NOT_WORDS = re.compile(r"[\s.,!~^…·'\"‘’“”()\-_:;ㅋㅎㅠㅜ]+|[^\w']")
# Gestures that are words: a thumbs-up, an OK hand or sign, a person making an O (yes), or an X (no).
_YES_SIGNS = re.compile("[\U0001f44d\U0001f44c\U0001f197\U0001f646]")
_NO_SIGNS = re.compile("[\U0001f44e\U0001f645\u274c\u2716]")
_QUESTION_MARK = re.compile(r"[?？]")
# A clear answer is a few words: "네 네 그렇게 해 주세요 감사합니다" is 17 characters folded. The cap
# also bounds the alternation's backtracking on long messages.
_LONGEST = 40


def fold(text: str) -> str:
    """``text`` as the answers are read: casefolded, without spaces, punctuation, laughter or emoji
    ("네, 제출해 주세요!!" -> "네제출해주세요", "Looks good 👍" -> "looksgoodok"; a thumbs-up is "ok",
    a crossed-arms emoji "no"). "" for a question ("네?", "ok?") or a message too long to be a bare
    answer. Shapes: str -> str."""
    if _QUESTION_MARK.search(text):
        return ""
    text = _NO_SIGNS.sub(" no ", _YES_SIGNS.sub(" ok ", text))
    folded = _NOT_WORDS.sub("", text.casefold())
    return folded if len(folded) <= _LONGEST else ""


@cache
def _yes(also: str) -> re.Pattern[str]:
    tokens = f"{_YES_KO}|{_YES_EN}" + (f"|{also}" if also else "")
    return re.compile(rf"(?:{_WITH_YES})*(?:{tokens})(?:{tokens}|{_WITH_YES})*", re.IGNORECASE)


@cache
def _no(also: str) -> re.Pattern[str]:
    tokens = f"{_NO_KO}|{_NO_EN}" + (f"|{also}" if also else "")
    return re.compile(rf"(?:{tokens})+(?:{_AFTER_NO})*", re.IGNORECASE)


def says_yes(text: str, also: str = "") -> bool:
    """Whether ``text`` is a clear yes: only yes-words, in Korean or English, repeated or strung
    together, with their polite endings, punctuation, laughter and emoji ("네", "넵!", "네네", "ㅇㅇ",
    "ㅇㅋ", "좋아요", "그래요", "맞아요", "예 그렇게 해주세요", "이대로 진행해 주세요", "yes", "yep",
    "ok 👍", "sure", "sounds good", "yes please"). Politeness alone ("please", "감사합니다") is not.

    ``also``: a regular-expression fragment of the asking step's own words, matched on the folded
    text (``fold``: casefolded, no spaces), e.g. ``"접수" + ENDINGS``; they may stand alone or join
    the shared words ("네 접수해 주세요"). A question, a no-word or any other word makes it no yes."""
    folded = fold(text)
    return bool(folded) and _yes(also).fullmatch(folded) is not None


def says_no(text: str, also: str = "") -> bool:
    """Whether ``text`` is a clear no: only no-words ("아니", "아니요", "아뇨", "ㄴㄴ", "노노", "싫어요",
    "별로요", "no", "nope", "nah", "not now", "no thanks"), repeated, optionally followed by "괜찮아요",
    "됐어요" or "thanks" ("아니요 괜찮아요"). ``also``: the step's own words, as in ``says_yes``
    (``STOP`` for a step where stopping is the no: "취소할게요", "안 할래요", "never mind"). A yes-word
    or any other word makes it no no: "아니 좋아요" is neither."""
    folded = fold(text)
    return bool(folded) and _no(also).fullmatch(folded) is not None


# Saying one is done, not stopping: "다 됐어요", "다 했어요", "이제 됐어요", "이제 다 끝났어요" finish a
# list (a proposal's options); the filler "다" before "됐어요" read as a stop threw the draft away
# (probe of flow23b, twenty-third pass).
_DONE_SAYING = re.compile(
    r"(?:이제|다|전부|거의)+(?:됐|했|끝났|적었|썼)(?:어|어요|어용|습니다|네|네요|다)?", re.IGNORECASE
)


def says_enough(text: str) -> bool:
    """Whether ``text`` is only "됐어요" ("됐어요", "음 됐어요!", "아 됐습니다"), with fillers but no
    other stop word: at the report's photo step that is "no photo", at a yes/no question either
    answer. Shapes: str -> bool."""
    folded = fold(text)
    return bool(folded) and re.fullmatch(rf"(?:{_STOP_AROUND})*{_ENOUGH}", folded, re.IGNORECASE) is not None


def wants_to_stop(text: str, yes_no: bool = False) -> bool:
    """Whether ``text`` is made of nothing but wanting to stop what is under way: a stop word
    ("취소", "그만", "중단", "관둘게요", "안 할래요", "됐어요", "나중에 할게요", "cancel", "stop",
    "never mind", "forget it", "quit") with its endings ("취소할게요", "취소해 주세요", "그만둘래요"),
    opened or softened by fillers ("아 잠깐 취소", "그냥 그만할래요", "음 됐어요", "아니 취소해주세요",
    "이거 다 취소", "wait, cancel that", "oh never mind", "I want to cancel"), punctuation and emoji.

    Only a whole message counts (the folding of ``fold``), so a report's description that holds the
    words ("공사가 취소됐는데 표지판이 그대로예요") is no stop, nor is a question ("취소할 수 있어요?").
    A step whose answers include one of these words ("안 할래요" skips a poll's demographic question,
    "아니요 됐어요" is a no) reads its own words first. ``yes_no``: the step asks a yes/no question
    (the report's "접수할까요?", the proposal preview), where "됐어요" alone is either answer and so
    no stop ("됐어요 그냥 취소해 주세요" still is). Saying one is done ("다 됐어요", "다 했어요",
    "이제 됐어요") is no stop: a step that collects items reads it as the end of the list."""
    folded = fold(text)
    if _DONE_SAYING.fullmatch(folded):
        return False  # "다 됐어요", "이제 됐어요": done, not stop (the filler "다" is no stop word)
    found = (_STOP if yes_no else _STOP_OR_ENOUGH).fullmatch(folded) if folded else None
    return found is not None


# Asking for a moment, not an answer yet: "잠깐", "아니 잠깐만요", "잠시만", "기다려 주세요", "아직이요",
# "wait", "hold on", "one sec", "not yet" (twenty-fourth pass: at a confirm step they got the same
# question back with no word on what could be done). Read on the folded message, fillers allowed.
_WAIT_CORE = (
    r"(?:잠깐|잠깐만|잠시|잠시만|잠깐만기다려|잠시만기다려|기다려|기다리세|기다려주세|기다려줘|스톱말고|아직|아직이|아직은|아직안돼|아직아니"
    r"|잠깐있어|잠깐있어봐|잠깐만있어봐|있어봐|있어보세|생각좀해볼게|생각해볼게|좀더생각해볼게)"
    r"(?:요|용|여|염)?"
    r"|wait(?:asec(?:ond)?|aminute|amoment|asecond)?|holdon|holdup|hangon|onesec(?:ond)?|onemoment|justasec(?:ond)?"
    r"|justamoment|justaminute|notyet|notjustyet|giveme(?:asec(?:ond)?|aminute|amoment)|letmethink|letmecheck"
)
_WAIT_AROUND = (
    r"(?:아|앗|어|음|흠|저|저기|아니|아뇨|근데|그게|그냥|좀|no|oh|um|umm|uh|hmm|actually|sorry|please|pls|ok)"
)
_WAIT = re.compile(rf"(?:{_WAIT_AROUND})*(?:{_WAIT_CORE})(?:{_WAIT_AROUND}|{_WAIT_CORE})*", re.IGNORECASE)


def wants_to_wait(text: str) -> bool:
    """Whether ``text`` only asks for a moment ("잠깐", "아니 잠깐", "잠깐만요!", "잠시만요", "아직이요",
    "wait", "hold on", "wait a sec", "not yet"): neither a yes, a no nor a stop, so a step that asks
    yes or no keeps the draft and says what can be done. Whole messages only (``fold``): "잠깐
    취소할게요" is a stop (``wants_to_stop`` is read first), "아직 안 고쳐졌어요" no wait. str -> bool."""
    folded = fold(text)
    return bool(folded) and _WAIT.fullmatch(folded) is not None


# Asking to change something said or chosen earlier: "바꿀래요", "수정해 주세요", "잘못 눌렀어요",
# "change", "wrong" (the report's place and description, a poll's earlier answers).
CHANGE = re.compile(
    r"바꾸|바꿀|바꿔|바꿨|변경|수정|고치|고칠|고쳐|정정|잘못\s*(?:입력|썼|적었|했|골랐|찍었|눌렀|누른|선택)"
    r"|다시\s*(?:입력|쓸|쓰|적|고를|골라|선택|정할)"
    r"|\b(?:change|edit|fix|correct|update|switch|undo|wrong|mistake|go\s+back)\b",
    re.IGNORECASE,
)


def ends(stem: str) -> str:
    """A fragment for ``also``: ``stem`` (itself a fragment, e.g. ``"(?:접수|신고)"``) with the
    endings a request or a promise takes ("접수", "접수해요", "접수해 주세요", "접수할게요")."""
    return f"(?:{stem}){_KO_DO}{_KO_END}"


# A question, not an answer: a question mark, a Korean question ending, or an English question's
# first word ("…몇 시에 열어요?", "이거 언제 검토돼요", "how long does review take").
QUESTION = re.compile(
    r"[?？]\s*$|(?:나요|까요|을까|는지|냐|니|인가요|건가요|어때요)\s*[.!]?\s*$"
    r"|^\s*(?:can|could|is|are|do|does|will|where|what|when|how|who|which|why)\b",
    re.IGNORECASE,
)
# A typed choice number ("2", "2번", "2번이요"): the n-th of the buttons the step showed.
_CHOICE_NUMBER = re.compile(r"^\s*(\d{1,2})\s*(?:번)?\s*(?:이요|요|입니다)?\s*[.!]?\s*$")


def choice_number(text: str) -> int | None:
    """The number a message that is only a choice number types ("2", "2번", "2번이요!"), else None.
    Whether it is in range is the step's: it knows how many buttons it showed."""
    found = _CHOICE_NUMBER.match(text)
    return int(found.group(1)) if found else None


_NO_FIRST = re.compile(
    r"^\s*(?:ㄴ+|노노|놉|아뇨|아니요|아니오|아니|nope|nah|no)(?:[\s,.!~]+|$)", re.IGNORECASE
)


def without_leading_no(text: str) -> str:
    """``text`` after a no-word that opens it ("ㄴㄴ 없음" -> "없음", "아뇨, 사진 없어요" -> "사진
    없어요", "nope no photo" -> "no photo"); ``text`` itself (stripped) when it opens with none. For
    a step whose own words may follow a no (the photo step's "no photo")."""
    return _NO_FIRST.sub("", text.strip(), count=1).strip()
