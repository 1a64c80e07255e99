"""Language detection, normalisation, sentence splitting and lexical tokens for Korean and English."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_LATIN = re.compile(r"[A-Za-z]")
# A sentence ends at . ! ? (or their full-width forms) followed by space or the end of the text,
# but not inside numbers such as 605.23 or 1.7, nor after the abbreviations a.m., p.m., e.g. and
# i.e. ("Sessions start every hour from 10 a.m. to 5 p.m." is one sentence: cut after "a.m." the
# reply quoted half of it).
_SENTENCE_END = re.compile(
    r"(?<=[.!?。！？])(?<![ap]\.m\.)(?<![AP]\.M\.)(?<!\be\.g\.)(?<!\bi\.e\.)\s+|(?<=다\.)(?=\S)|\n+"
)

# Names such as S-Net, C-ITS or 5G are one word to a citizen: keep them whole as well.
_LATIN_COMPOUND = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")
_ENGLISH_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "and",
        "or",
        "how",
        "what",
        "when",
        "where",
        "who",
        "why",
        "which",
        "does",
        "do",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "i",
        "you",
        "we",
        "me",
        "my",
        "your",
        "our",
        "about",
        "from",
        "as",
        "much",
        "many",
        "any",
        "some",
    ]
)


# ANSI terminal escapes (colours, cursor moves) arrive pasted from terminals and logs: drop them whole,
# not just their ESC, so no "[31m" is left behind.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# Characters XML 1.0 forbids (C0 controls but tab/newline/CR, U+FFFE/U+FFFF, lone surrogates), plus
# DEL and the C1 controls XML only discourages, zero-width characters that hide inside numbers
# (U+200B-U+200D, U+2060, U+FEFF, soft hyphen, Mongolian vowel separator) and the bidi controls
# that make text read differently from how it is stored (U+200E/F, U+061C, U+202A-E, U+2066-9).
_INVISIBLE_RANGES = (
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"
    r"\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e\u061c\u202a-\u202e\u2066-\u2069"
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_RANGES}\ud800-\udfff]")
# The request documents' pattern for a text that ``normalise`` leaves non-empty: one character that
# is neither white space nor invisible. Written with \x and \u escapes only, which JSON Schema's
# ECMA-262 regexes, Python's re and pydantic-core's Rust regex all read alike (lone surrogates are
# left out: Rust cannot express them, and no JSON text generator sends one). A text that is only an
# ANSI escape matches it yet normalises to nothing: the server's 400 empty_text still answers that.
VISIBLE_PATTERN = rf"[^\s{_INVISIBLE_RANGES}]"
# Full-width forms (０１０, ＠, Ａ) and the other ways of writing a digit (①, ², Arabic-Indic ...)
# are folded to ASCII with NFKC; the rest of the text keeps NFC, so compatibility characters that
# carry meaning (㎞, ㈜, Hangul compatibility jamo such as ㅡ) are not rewritten.
_FOLD = re.compile("[\uff01-\uff5e\u3000\ufe50-\ufe6b\u2070-\u209f\u2460-\u24ff\u2776-\u2793]")


def _fold(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def clean(text: str) -> str:
    """THE text-hygiene step every entry point applies before anything else sees a citizen's text.

    Unicode NFC (macOS and some mobile keyboards send Hangul as separate jamo), NFKC for full-width
    forms and other digits (０１０ -> 010, ＠ -> @), CR LF and lone CR -> LF, and out go ANSI escape
    sequences, zero-width and bidi-override characters and every character XML 1.0 forbids, so that
    no feed built from the text can break. Tab and newline stay; white space is otherwise kept as it
    is (callers that want one line use ``normalise``). Idempotent: clean(clean(x)) == clean(x).
    """
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to do, and submissions stay fast
    text = _ANSI.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", _FOLD.sub(_fold, text))
    return _INVISIBLE.sub("", text)  # NFKC of a few symbols could bring back something invisible


def xml_safe(text: str) -> str:
    """Only the characters XML 1.0 allows: the serialisers' second line of defence after ``clean``."""
    return _XML_FORBIDDEN.sub("", text)


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def normalise(text: str) -> str:
    """``clean`` (NFC, NFKC for full-width forms, controls out) and white space collapsed to one line."""
    return " ".join(clean(text).split())


# Laughter and reactions typed in Latin letters: lol, lmao, haha, hehe, kkk, xD, omg (not "hi" or
# "ok": the intent classifier knows greetings and thanks).
_LATIN_CHATTER = re.compile(
    r"(?:l+o+l+|lmf?a+o+|rofl|(?:h+a+){2,}h*|(?:h+e+){2,}h*|k{3,}|x+d+|o+m+g+|wow+|ya+y+)",
    re.IGNORECASE,
)
# Hangul compatibility jamo (U+3131-U+318E): ㅋㅋ, ㅎㅎ, ㅠㅠ are laughter and reactions, never words of
# a question (the abbreviations that are intents, ㅎㅇ for hi and ㄱㅅ for thanks, are the classifier's:
# Dialogue asks this only of messages it takes for questions).
_JAMO = re.compile(r"[\u3131-\u318e]")


def is_chatter(text: str) -> bool:
    """Whether a message says nothing a document could answer: only laughter or reactions ("ㅋㅋㅋ",
    "ㅎㅎ", "ㅠㅠ", "lol", "haha"), emoji, symbols and punctuation. A message with any word in it
    ("에스넷 뭐야 🚌") is not. Shapes: str -> bool; an empty message is handled before this."""
    rest = _JAMO.sub(" ", text)
    # Emoji, symbols, punctuation, marks (variation selectors, skin tones' joiners), separators.
    rest = "".join(" " if unicodedata.category(ch)[0] in "SPZMC" else ch for ch in rest)
    words = rest.split()
    return all(_LATIN_CHATTER.fullmatch(word) for word in words)


# Words that only acknowledge what was said ("응", "넵", "알겠어요", "ok", "got it", "I see"): the
# reply before them was read, nothing new is asked. Typed alone, or several together ("아 네 알겠어요").
# Ordinary chat words, as the National Institute of Korean Language's 표준국어대사전 spells them, and
# how chat spells them (넹, 웅, ㅇㅋ, ㅇㅇ).
_ACK_KO = (
    r"아+|오+|응+|웅+|엉|어+|네+|넵+|넹+|넴|예+|옙|ㅇㅇ+|오케이|오키|오키도키|"
    r"그래요?|그렇구나|그렇군요?|그렇네요?|아하+|알겠(?:어요?|습니다|음|다)|알았(?:어요?|습니다|음|다)|"
    r"좋아요?|좋네요?|좋습니다|굿|확인(?:했어요|했습니다|했음)?|이해했어요|이해했습니다|이해됐어요|"
    r"그럼요|물론이죠|맞아요?|맞네요?"
)
_ACK_EN = (
    r"ok+|okay|okie|okey|kk?|cool|nice|great|alright|sure|yes|yeah|yep|yup|right|fine|noted|"
    r"understood|perfect|gotcha|got\s+it|i\s+see|all\s+right|sounds\s+good|makes\s+sense|fair\s+enough"
)
# Every run possessive (``++``, Python 3.11): "ㅇ" × 2,000 then "x" made the plain pattern try each
# way of cutting the run into four words, n^3.5 steps, seconds at 200 letters and minutes at 2,000,
# on the event loop (newcomer probe, twenty-fourth pass). A run is one word; "아아하" is not "아 아하".
_ACKNOWLEDGEMENT = re.compile(
    rf"(?:(?:{_ACK_KO.replace('+', '++')}|{_ACK_EN.replace('+', '++')})\s*){{1,4}}", re.IGNORECASE
)
_ACK_MOST_WORDS = 8  # four acknowledgements of up to two words ("sounds good", "got it")
# Laughter and crying jamo, and the endings chat adds ("넵~", "ok!!", "응ㅎㅎ"), say nothing more.
# ㅇㅋ (okay), a thumbs-up and an OK sign are acknowledgements: read as "ok" before the jamo go.
_REACTION_JAMO = re.compile(r"[ㅋㅎㅠㅜ]+")
# Not after another ㅇ: "ㅇㅇㅋㅋ" is 응응 and a laugh, not ㅇ, "ok" and ㅋ (Hypothesis found it).
_AS_OK = re.compile("(?<!ㅇ)ㅇㅋ|[\U0001f44d\U0001f44c\U0001f197\U0001f646]")


def is_acknowledgement(text: str) -> bool:
    """Whether a message only acknowledges the reply before it: "응", "넵넵", "아 그렇구나", "ok",
    "got it", "I see!", "👍" (at most four such words, with punctuation, emoji and laughter around them).
    A message with any other word ("ok thanks", "네 신고할게요") is not: the classifier reads it.
    Shapes: str -> bool."""
    rest = _REACTION_JAMO.sub(" ", without_emoji(_AS_OK.sub(" ok ", text)))
    rest = "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in rest)
    words = rest.split()
    if not words or len(words) > _ACK_MOST_WORDS:
        return False
    return _ACKNOWLEDGEMENT.fullmatch(" ".join(words)) is not None


def without_emoji(text: str) -> str:
    """``text`` without emoji and other pictographs (Unicode category So), their modifiers and
    joiners (variation selectors, skin tones, ZWJ), white space collapsed: "에스넷 뭐야 🚌" -> "에스넷 뭐야".
    Letters, digits and punctuation stay. Shapes: str -> str ("" when nothing else was there)."""
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("So", "Sk", "Cf") or "\ufe00" <= ch <= "\ufe0f":
            kept.append(" ")
        else:
            kept.append(ch)
    return " ".join("".join(kept).split())


# An e-mail address, a web address or a code of letters and digits (a voting receipt, a tracking
# id SEL-7K3F9Q, a plate) is not English: a Korean speaker pastes them too.
_ADDRESSES = re.compile(
    r"\S+@\S+|https?://\S+|(?<![A-Za-z0-9])(?=[A-Za-z0-9-]*[0-9])(?=[A-Za-z0-9-]*[A-Za-z])"
    r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![A-Za-z0-9])"
)


# A voting receipt (polls.new_receipt: 26 base32 characters) as people write it in a message: in one
# run ("6B6GUMML7R52E25BWGWCDN2YSI", any case), or re-typed in groups of 4-5 split by single spaces
# or hyphens, the last group 1-5 ("6B6G-UMML-7R52 …", "wcz6 7fju uat3 …"). Groups are tried from
# every word on, so a word before the code ("check wcz6 …", "vote 6B6G …") does not swallow its
# first group.
_CODE_WORD = re.compile(r"[A-Za-z0-9]+")
_BASE32 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcdefghijklmnopqrstuvwxyz")
_MIXED_GROUP = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]*[0-9])(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{4,5}(?![A-Za-z0-9])"
)


def _is_receipt_spelling(written: str) -> bool:
    """Whether a run or groups of 26 base32 characters read as a receipt.

    A receipt must hold a digit: words in capitals ("SEOUL WIFI CCTV …") can add up to 26 letters,
    and so can the alphabet typed as a test; a receipt's 26 random base32 characters lack a digit
    2-7 only 0.5% of the time ((26/32)^26), and "/receipt <code>" still checks those. Groups not all
    in capitals ("wcz6 7fju uat3 …", as a phone keyboard types them) must also have a group of 4-5
    that mixes letters and digits: six short lower-case words and a "5g" add up to 26 as well. A
    receipt has no such group 0.5% of the time more (0.437^6 in groups of four, 0.354^5 in groups of
    five); "/receipt", the code in one run or in capitals still check those."""
    if not any(c in "234567" for c in written):
        return False
    grouped = len(written) > 26
    return not grouped or written == written.upper() or _MIXED_GROUP.search(written) is not None


def receipt_spellings(text: str) -> list[tuple[int, int]]:
    """Where ``text`` writes a voting receipt: (start, end) of each spelling, in order."""
    words = list(_CODE_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        end = None
        total = 0
        for j in range(i, len(words)):
            group = words[j].group(0)
            if not _BASE32.issuperset(group):
                break
            if j == i and len(group) == 26:
                end = j  # one run
                break
            joined = j == i or (
                words[j].start() - words[j - 1].end() == 1 and text[words[j].start() - 1] in " -"
            )
            if not joined or len(group) > 5:
                break
            total += len(group)
            if total == 26 and j - i >= 4:  # groups of 4-5, the last one 1-5
                end = j
                break
            if len(group) < 4 or total > 26:
                break
        if end is not None and _is_receipt_spelling(text[words[i].start() : words[end].end()]):
            spans.append((words[i].start(), words[end].end()))
            i = end + 1
        else:
            i += 1
    return spans


# A coordinate written with its hemisphere ("37°33'59\"N", "126.97°E", "N 37.5665°", "37.5665 N"):
# figures, symbols and a compass letter carry no language (twenty-second pass b: a
# degrees-minutes-seconds position typed in a Korean conversation switched it to English).
_NUMBER = r"\d+(?:[.,]\d+)?"
_COORDINATE = re.compile(
    rf"(?<![A-Za-z])(?:[NSEW]\s*)?{_NUMBER}\s*[°º˚]\s*(?:{_NUMBER}\s*['′’]\s*)?"
    rf"(?:{_NUMBER}\s*(?:[\"″”]|''|′′)\s*)?(?:[NSEW](?![A-Za-z]))?"
    # Without a degree sign only a decimal figure ("37.5665 N"): "27W2" or a last group "3N" is
    # part of a voting receipt typed in groups, which must keep its conversation's language too.
    rf"|(?<![A-Za-z\d.])\d+[.,]\d+\s*[NSEW](?![A-Za-z\d])"
)


def detect_language(text: str, default: str = "ko") -> str:
    """'ko' when the text has any Hangul, 'en' when it has Latin letters only (not counting e-mail
    and web addresses, codes that mix letters and digits, a voting receipt typed in groups,
    "wcz6 7fju uat3 ly7f hxii 2zkb kq", whose letter-only groups look like words, nor a coordinate's
    hemisphere letter, "37°33'59\"N 126°58'41\"E"), else the default."""
    if _HANGUL.search(text):
        return "ko"
    text = _COORDINATE.sub(" ", text)
    pieces, at = [], 0
    for start, end in receipt_spellings(text):
        pieces.append(text[at:start])
        at = end
    pieces.append(text[at:])
    if _LATIN.search(_ADDRESSES.sub(" ", " ".join(pieces))):
        return "en"
    return default


# A Korean message writes some words in Latin letters: acronyms (CCTV, KTX), brands and service
# names (Wi-Fi, S-Net, mVoting), and "no" or "ok" on a keyboard left in Latin mode. Typed alone in
# a Korean conversation they are not English (newcomer probe #12, twenty-second pass: "CCTV", "no",
# "KTX" and "Wi-Fi" each switched the conversation to English). Three such words at most; a sentence
# ("Where can I rent a bike?") has words of grammar, which no borrowed word is.
BORROWED_WORDS = 3
_YES_NO = frozenset({"yes", "no", "nope", "nah", "yeah", "yep", "yup", "y", "n", "ok", "okay"})
_LATIN_TERM = re.compile(r"[A-Za-z0-9]+(?:[-'’.&][A-Za-z0-9]+)*")
# A word with two capitals or more is an acronym or a brand's spelling (CCTV, IoT, Wi-Fi, S-Net,
# mVoting, KakaoTalk); one without a vowel (cctv, ktx, gps) is letters read out, not an English
# word (y counts as a vowel: "fly" and "dry" are words).
_CAPITALS = re.compile(r"[A-Z].*[A-Z]")
_NO_VOWEL = re.compile(r"[b-df-hj-np-tv-xz0-9]+")
_NOT_A_WORD = re.compile(r"[-'’.&]")


def borrowed_word_key(word: str) -> str:
    """The form ``borrowed_only`` compares a word in: casefolded, hyphens and dots out ("Wi-Fi",
    "wifi" and "WI-FI" are one word)."""
    return _NOT_A_WORD.sub("", word.casefold())


def borrowed_only(text: str, known: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` is only Latin words a Korean message borrows, so that it says nothing of the
    language the conversation is in: at most BORROWED_WORDS words, none of them English grammar
    (a, the, is, where, can, I …), each a yes or no ("no", "nope", "ok"), an acronym or a brand's
    spelling (two capitals or more: CCTV, IoT, Wi-Fi; or no vowel: cctv, ktx), or a word the Korean
    documents themselves write in Latin letters (``known``, keys as ``borrowed_word_key`` makes
    them). Punctuation and emoji around them are allowed ("CCTV?", "no!"). Text with Hangul, or with
    no Latin word, is not borrowed (detect_language already reads it). Shapes: str -> bool."""
    if _HANGUL.search(text):
        return False
    rest = without_emoji(text)
    words = _LATIN_TERM.findall(rest)
    if not 0 < len(words) <= BORROWED_WORDS or not _LATIN.search(rest):
        return False
    # Letters of another script or figures glued to a symbol are left to detect_language;
    # punctuation, symbols ("~", "+") and spaces around the words say nothing.
    leftover = _LATIN_TERM.sub(" ", rest)
    if any(unicodedata.category(ch)[0] not in "PZS" for ch in leftover):
        return False
    return all(_borrowed(word, known) for word in words)


def _borrowed(word: str, known: frozenset[str]) -> bool:
    key = borrowed_word_key(word)
    if key in _ENGLISH_STOPWORDS or word.casefold() in _ENGLISH_STOPWORDS:
        return False
    if key in _YES_NO or key in known:
        return True
    return bool(_CAPITALS.search(word) or (len(key) >= 2 and _NO_VOWEL.fullmatch(key)))


# What may stand beside a flow's command words in a short Latin command: option numbers ("2", "#3",
# "2nd", "second", "last") and the words that join them ("remove option 2 and 3", "drop the last one").
_COMMAND_FILLERS = frozenset(
    {"the", "a", "an", "option", "options", "choice", "choices", "number", "no", "and", "or", "one"}
    | {"please", "pls", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"}
    | {"ninth", "tenth", "last"}
)
_COMMAND_NUMBER = re.compile(r"#?\d{1,2}(?:st|nd|rd|th)?[.,]?")


def latin_command_only(text: str, commands: frozenset[str] | set[str], most: int = 6) -> bool:
    """Whether ``text`` is only a short command in Latin letters to a chat flow: at most ``most``
    words, at least one of them in ``commands`` (casefolded: "remove", "done"), the others option
    numbers or the words that join them ("remove 2", "Delete option 3.", "drop #3 and #4", "done").
    Such a message says nothing of the conversation's language: a Korean speaker types the English
    command the bot's own help shows. Anything else ("change 2 to Pavilion", "remove the bench")
    is left to detect_language. Shapes: (str, set of str, int) -> bool."""
    if _HANGUL.search(text):
        return False
    words = without_emoji(text).replace(",", " ").split()
    if not 0 < len(words) <= most:
        return False
    bare = [w.casefold().strip(".!~") for w in words]
    return any(w in commands for w in bare) and all(
        w in commands or w in _COMMAND_FILLERS or _COMMAND_NUMBER.fullmatch(w) for w in bare
    )


def split_sentences(text: str) -> list[str]:
    parts = (part.strip() for part in _SENTENCE_END.split(text))
    return [part for part in parts if part]


# Particles and verb endings that follow a Korean word. Stripping them leaves the stem, so that
# 버스에서, 버스는 and 버스 are one term. Longest first; at most two are stripped (에서+는 ...).
_SUFFIX_LIST = """
은 는 이 가 을 를 의 에 에서 에게 께 께서 한테 으로 로 와 과 랑 이랑 하고 도 만 까지 부터 보다 처럼
마다 이나 나 든지 요 에서는 에서도 에는 에도 으로는 로는 으로도 로도 까지는 부터는 만큼 이라도 라도
이라는 라는 이란 란 에선 엔 이에요 예요 이야 야 이에여 에여 이죠 죠 인가요 인가 인지 인데 이고 이며
이라고 라고 이래요 래요 이래 래 이었어요 였어요 이었나요 였나요 입니다 습니다 합니다 됩니다
있습니다 없습니다 했습니다 됐습니다 하였습니다 되었습니다 해요 했어요 하나요 할까요 해줘 해주세요
해줘요 했나요 하는 한 할 해서 하면 했어 했냐 함 해 하니 하는지 하려면 돼요 됐어요 되나요 될까요
돼 됨 되는 된 될 되고 되면 됐나요 됐어 되어 됐다 있어요 있나요 있어 있니 있냐 있는 있을까요 있음
없어요 없나요 없어 없는 나요 까요 어요 아요 여요 에요 세요 네요 군요 지요 니 냐 까 어 아 지 고 면
서 게 던 는데 은데 는지 알려줘 알려주세요 알려줘요 알려 주세요 줘 줘요
"""
_KOREAN_SUFFIXES = frozenset(_SUFFIX_LIST.split())
# Question words and fillers of chat Korean: they say how a question is asked, not what about, and
# pages rarely use them, so they only lowered a question's lexical match with the page that answers.
_FILLER_LIST = """
어디 어디서 어디에 어디로 언제 얼마 얼마나 어떻게 어떡해 어떤 무슨 뭐 머 뭔 뭘 무엇 누가 누구 왜
너무 진짜 정말 완전 좀 그냥 혹시 요즘 막 많이 제일 가장 저 제 나 내 우리 저희 이거 그거 저거 거
어떻 누 며칠
"""
_KOREAN_FILLERS = frozenset(_FILLER_LIST.split())
# 몇 and the counter glued to it ask how many (몇시, 몇살, 몇번, 몇개월): a question word as well.
_HOW_MANY = re.compile(r"^몇")
_SUFFIX_SIZES = sorted({len(s) for s in _KOREAN_SUFFIXES}, reverse=True)  # longest first
_WORD = re.compile(r"[\uac00-\ud7a3]+|[A-Za-z]+|\d[\d,.]*\d|\d")


class Tokenizer:
    """Terms for the lexical index: Korean stems and their syllable bigrams, English words, figures.

    Character trigrams (SQLite FTS5 trigram) miss two-syllable Korean words such as 버스 or 요금;
    a bigram of each stem does not, and it also matches the halves of compounds written together
    or apart (공공와이파이 / 공공 와이파이). Particles and endings are stripped first, so that
    에서, 이, 는 do not get in the way. A morphological analyser (Kiwi) was measured as the
    alternative: the same Recall@1 on bench/qa_eval.py and one more right outcome in 190, for
    about 300 MB of resident memory, most of the 400 MB the whole server may use.
    """

    def tokens(self, text: str) -> list[str]:
        text = standard_words(text)
        out = [m.group().replace("-", "").lower() for m in _LATIN_COMPOUND.finditer(text)]
        for match in _WORD.finditer(text):
            word = match.group()
            if word[0].isdigit():
                out.append(word.replace(",", ""))  # 4,237 and 4237 are the same figure
            elif word.isascii():
                word = word.lower()
                if word not in _ENGLISH_STOPWORDS and len(word) > 1:
                    out.append(_singular(word))
            else:
                stem = _unglued_filler(_korean_stem(word))
                if stem in _KOREAN_FILLERS or _HOW_MANY.match(stem):
                    continue
                for standard in _whole_word_colloquial().get(stem, (stem,)) if stem else ():
                    out.extend(_korean_terms(standard))
        return out


@cache
def _colloquial_pattern() -> re.Pattern[str] | None:
    from civicbot.glossary import colloquial

    words = sorted((w for w in colloquial() if len(w) >= 2), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


@cache
def _whole_word_colloquial() -> dict[str, tuple[str, ...]]:
    from civicbot.glossary import colloquial

    return {w: standard for w, standard in colloquial().items() if len(w) == 1}


def standard_words(text: str) -> str:
    """``text`` with chat Korean written the way city pages write it (공짜 -> 무료, 몰카 -> 불법촬영
    몰래카메라; civicbot.glossary.colloquial). Words of two syllables or more are replaced wherever
    they occur, so in compounds too (독감주사 -> 독감 예방접종 ); one-syllable words are left to the
    tokenizer, which replaces them only as whole words."""
    pattern = _colloquial_pattern()
    if pattern is None or not _HANGUL.search(text):
        return text
    from civicbot.glossary import colloquial

    table = colloquial()
    return pattern.sub(lambda m: " " + " ".join(table[m.group()]), text)


_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3


def hangul_neighbours(word: str) -> list[str]:
    """Every word one jamo away from ``word`` (한글 syllables only): 에스냇 -> 에스넷, 에스낫 ….

    A syllable is 0xAC00 + (initial × 21 + medial) × 28 + final (Unicode 15, §3.12, Hangul syllable
    composition); a typo on a phone keyboard changes one of the three. Words with anything but
    Hangul syllables have none."""
    codes = [ord(ch) - _HANGUL_FIRST for ch in word]
    if any(code < 0 or code > _HANGUL_LAST - _HANGUL_FIRST for code in codes):
        return []
    out = []
    for i, code in enumerate(codes):
        initial, medial, final = code // 588, code // 28 % 21, code % 28
        variants = [(x, medial, final) for x in range(19) if x != initial]
        variants += [(initial, x, final) for x in range(21) if x != medial]
        variants += [(initial, medial, x) for x in range(28) if x != final]
        for a, b, c in variants:
            out.append(word[:i] + chr(_HANGUL_FIRST + (a * 21 + b) * 28 + c) + word[i + 1 :])
    return out


def korean_stems(text: str) -> list[str]:
    """The Korean words of ``text`` with their particles and endings stripped (버스에서 -> 버스)."""
    stems = (_korean_stem(m.group()) for m in re.finditer(r"[\uac00-\ud7a3]+", text))
    return [stem for stem in stems if stem]


# Auxiliary verb chains typed glued to the verb, as chat writes them (받을수있나, 상담하고싶어요,
# 바꿔야되나): everything from the auxiliary on is an ending, not part of the word. 수 only after
# 을/를 or before 있/없, so nouns ending in 수 (점수, 인원수) keep it.
# Syllables ending in ㄹ (Unicode 15, §3.12: final index 8): the verb form before 때 (버릴, 갈).
_FINAL_RIEUL = "".join(chr(0xAC00 + code) for code in range(8, 11172, 28))
_AFTER_DEPENDENT = "는|도|에|엔|에는|에도|마다|까지|만|부터"  # the particles that may follow 때 or 전
_AUXILIARY = re.compile(
    r"(?:[을를]수(?:있|없)?|수(?:있|없)|고싶|야(?:돼|되|해|하)|려면|는법|는거|는데).*$"
    # A dependent noun glued to the verb before it: 버릴때 (a verb ending in ㄹ, then 때), 가기전에;
    # what follows it (a particle) is no part of the verb either. Nouns ending in 때 have another
    # syllable before it (한때, 그때). Not 거: 먹을거리, 볼거리 are nouns.
    rf"|(?<=[{_FINAL_RIEUL}])때(?:{_AFTER_DEPENDENT})?$|(?<=[가-힣])기\s?전(?:{_AFTER_DEPENDENT})?$"
)
# A light verb left at the end of a noun once its ending is gone: 지원받(을수있나) -> 지원,
# 상담하(고싶어요) -> 상담.
_LIGHT_VERB = ("하", "받", "되", "해", "했", "시키")


def _korean_stem(word: str) -> str:
    """``word`` without its particles and endings; "" when nothing but a verb's ending is left."""
    glued = _AUXILIARY.sub("", word) if len(word) >= 2 else word
    if glued != word:
        for light in _LIGHT_VERB:
            if glued.endswith(light) and len(glued) - len(light) >= 2:
                return glued[: -len(light)]
        if len(glued) < 2:
            return ""  # 맞(을수있어요), 해(야돼): a verb stem alone says nothing about the topic
        word = glued
    for _ in range(2):
        size = next((n for n in _SUFFIX_SIZES if len(word) > n and word[-n:] in _KOREAN_SUFFIXES), 0)
        if not size:
            break
        word = word[:-size]
    return word


# Question words typed glued to a word (어디서사, 신청어디서): the rest is the word.
_GLUED_QUESTION_WORDS = ("어디서", "어디에", "어디", "언제", "얼마나", "얼마", "어떻게", "어떻", "뭐")


def _unglued_filler(stem: str) -> str:
    """``stem`` without a question word glued to its start or end (어디서사 -> 사, 신청어디서 -> 신청)."""
    if len(stem) < 3 or stem in _KOREAN_FILLERS:
        return stem
    for filler in _GLUED_QUESTION_WORDS:
        if stem.startswith(filler) and len(stem) > len(filler):
            return _korean_stem(stem[len(filler) :])
        if stem.endswith(filler) and len(stem) - len(filler) >= 2:
            # Its particle goes as well, as it would with a space: 스마트보안등이뭐(에요) -> 스마트보안등.
            return _korean_stem(stem[: -len(filler)]) or stem[: -len(filler)]
    if _GLUED_WHAT_TYPO.fullmatch(stem):
        return _korean_stem(stem[:-1]) or stem[:-1]
    return stem


# 머, chat's spelling of 뭐, glued after a subject particle (스마트보안등이머에요): only after one, or
# 타이머 and 프로그래머 would lose their last syllable.
_GLUED_WHAT_TYPO = re.compile(r"[가-힣]{2,}(?:이|가|은|는)머")


def _korean_terms(stem: str) -> list[str]:
    if len(stem) <= 2:
        return [stem]
    return [stem[i : i + 2] for i in range(len(stem) - 1)] + [stem]


# Words ending in s that are no plural, or whose singular is the same word.
_NOT_PLURAL = frozenset(
    ["news", "series", "species", "means", "diabetes", "pilates", "aids", "lens", "clothes"]
)


def _singular(word: str) -> str:
    """A deliberately small English stemmer: plurals only, applied alike to documents and queries.

    -sses, -xes, -ches, -shes and a consonant's -uses lose "es" (classes, taxes, buses, campuses);
    other -ses only "s" (houses, courses, licenses). A word ending in -us, -is or -ss is no plural
    (virus, tennis, crisis, address), nor are the words of _NOT_PLURAL (news)."""
    if len(word) <= 3 or word in _NOT_PLURAL or word.endswith(("us", "is", "ss")):
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")) or re.search(r"[^aeiou]uses$", word):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


@cache
def shared_tokenizer() -> Tokenizer:
    """One tokenizer per process (it holds nothing but is kept shared for the callers' sake)."""
    return Tokenizer()


# Kiwi's part-of-speech tags that carry content: nouns, verb and adjective stems, roots, foreign
# words, numbers (https://github.com/bab2min/kiwipiepy, "품사 태그").
_KIWI_CONTENT = ("NNG", "NNP", "NR", "VV", "VA", "XR", "SL", "SN", "SH", "NNB")


class KiwiTokenizer(Tokenizer):
    """Kiwi's morphemes instead of stripped stems (bench/qa_eval.py --tokenizer kiwi compares them).

    Korean words become their content morphemes (nouns, verb stems), each also split into
    syllable bigrams as the stem tokenizer does, so compounds written together still match.
    English words and figures are handled as in :class:`Tokenizer`.
    """

    def tokens(self, text: str) -> list[str]:
        from civicbot.ingest.korean import kiwi

        out = [m.group().replace("-", "").lower() for m in _LATIN_COMPOUND.finditer(text)]
        for match in _WORD.finditer(text):
            word = match.group()
            if word[0].isdigit():
                out.append(word.replace(",", ""))
            elif word.isascii():
                word = word.lower()
                if word not in _ENGLISH_STOPWORDS and len(word) > 1:
                    out.append(_singular(word))
        korean = " ".join(re.findall(r"[\uac00-\ud7a3]+", text))
        if korean:
            for token in kiwi().tokenize(korean):
                if token.tag in _KIWI_CONTENT and _HANGUL.match(token.form[:1]):
                    out.extend(_korean_terms(token.form))
        return out


# Who the bot is, asked of the bot itself ("너 누구야", "넌 뭐하는 봇이야", "who are you", "what are
# you"): the citizen wants the bot's introduction, which no page of the city holds. The message is
# only that: the bot addressed (너, 넌, 당신, 챗봇 ... or nothing, "누구세요"), then who or what it is
# or does. A question about something else ("너 에스넷 알아?") is not one.
_YOU_KO = (
    r"(?:너|넌|너는|니|니가|네가|당신|당신은|그쪽|그쪽은|님|님은|(?:이\s*)?(?:챗봇|봇|로봇)(?:은|는|이|아)?)"
)
_BOT_KO = r"(?:봇|챗봇|로봇|애|거|놈|사람|앱|서비스|기계)"
_COPULA_KO = (
    r"(?:이야|야|이니|니|이냐|냐|이에요|예요|에요|이세요|세요|입니까|인가요|이십니까|임|인데|이지|지|여|요)?"
)
_WHO_KO = (
    rf"누구{_COPULA_KO}|누군데|누군지|누구신가요|누구신지|정체가?\s*(?:뭐|머){_COPULA_KO}|"
    rf"(?:뭐|머|무엇){_COPULA_KO}|"
    rf"(?:뭐|머|무슨\s*일을?)\s*(?:하는|하는\s*|해주는|하시는)\s*{_BOT_KO}?\s*{_COPULA_KO}|"
    rf"(?:무슨|어떤|뭐하는|뭔)\s*{_BOT_KO}\s*{_COPULA_KO}|"
    r"(?:자기\s*)?소개\s*(?:좀\s*)?(?:해\s*(?:줘|주세요|봐|줄래)|부탁해요?)"
)
_WHO_EN = (
    r"(?:who|what)\s+(?:are|r)\s+(?:you|u|ya)|who\s+am\s+i\s+(?:talking|speaking|chatting)\s+(?:to|with)|"
    r"what\s+(?:is|'s)\s+this\s+(?:bot|chatbot|chat\s*bot|thing|service)|"
    r"what\s+(?:kind|sort|type)\s+of\s+(?:bot|chatbot|thing)\s+(?:is\s+this|are\s+you)|"
    r"(?:please\s+)?introduce\s+yourself|tell\s+me\s+about\s+yourself|"
    r"are\s+you\s+(?:a\s+|an\s+)?(?:bot|robot|chatbot|human|person|real\s+person|ai|machine)"
)
_ASKS_WHO_THE_BOT_IS = re.compile(
    rf"(?:{_YOU_KO}\s*){{0,2}}(?:{_WHO_KO})|(?:hey\s+|hi\s+|so\s+)?(?:{_WHO_EN})", re.IGNORECASE
)
# What a bare "뭐야" or "뭐하는 거야" is: a question about the last reply, unless the bot is named.
_BARE_WHAT = re.compile(r"(?:뭐|머|무엇)\S*(?:\s*(?:하는|해주는)\s*(?:거|건|것)?\S*)?")
_NAMES_THE_BOT = re.compile(rf"(?<![가-힣]){_YOU_KO}(?![가-힣])|봇", re.IGNORECASE)


def asks_who_the_bot_is(text: str) -> bool:
    """Whether a message only asks the bot who or what it is or does: "너 누구야", "넌 뭐하는 봇이야",
    "누구세요?", "무슨 봇이야", "who are you", "what is this bot?" (punctuation, emoji and laughter
    around it). A bare "뭐야" asks about what came before, not about the bot: without the bot
    addressed, only 누구 and the bot named ("무슨 봇이야") count. Shapes: str -> bool."""
    rest = _REACTION_JAMO.sub(" ", without_emoji(text))
    rest = "".join(" " if unicodedata.category(ch)[0] in "PSZC" and ch != "'" else ch for ch in rest)
    rest = " ".join(rest.split())
    if not rest or _ASKS_WHO_THE_BOT_IS.fullmatch(rest) is None:
        return False
    # "뭐야" alone (or "뭐하는 거야") is about the last answer; "너 뭐야" is about the bot.
    return _BARE_WHAT.fullmatch(rest) is None or _NAMES_THE_BOT.search(rest) is not None


# The medium of a service named with it ("안심이 앱이 뭐야", "따릉이 어플로 빌려요", "the Ansimi app"):
# what the asker thinks the service comes as, not what it is about. With a particle glued to it.
_SERVICE_MEDIUM = re.compile(
    r"(?<![가-힣])(?:앱|어플|어플리케이션|애플리케이션)(?:이|가|은|는|을|를|으로|로|에서|에|도|이나|이랑)?(?![가-힣])"
    r"|\bapps?\b",
    re.IGNORECASE,
)


def without_service_medium(text: str, used: Callable[[str], bool]) -> str:
    """``text`` without the words naming a service's medium (앱, 어플, app) that ``used`` says no
    document has, white space collapsed; ``text`` itself when there are none. Shapes: (str, str ->
    bool) -> str."""
    kept = _SERVICE_MEDIUM.sub(lambda m: m.group() if used(m.group()) else " ", text)
    return text if kept == text else " ".join(kept.split())
