"""Language detection, normalisation, sentence splitting and lexical tokens for Korean and English."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import cache

_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_LATIN = re.compile(r"[A-Za-z]")
# A sentence ends at . ! ? (or their full-width forms) followed by space or the end of the text,
# but not inside numbers such as 605.23 or 1.7.
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=다\.)(?=\S)|\n+")

# Kiwi tags whose morphemes carry meaning for search: nouns, roots, foreign words and numbers,
# verb and adjective stems. Particles and endings are dropped.
_CONTENT_TAGS = ("NNG", "NNP", "NR", "SL", "SN", "SH", "XR", "VV", "VA", "MAG")
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


def normalise(text: str) -> str:
    """NFC (macOS and some keyboards send decomposed Hangul) and collapsed white space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def detect_language(text: str, default: str = "ko") -> str:
    """'ko' when the text has any Hangul, 'en' when it has Latin letters only, else the default."""
    if _HANGUL.search(text):
        return "ko"
    if _LATIN.search(text):
        return "en"
    return default


def split_sentences(text: str) -> list[str]:
    parts = (part.strip() for part in _SENTENCE_END.split(text))
    return [part for part in parts if part]


class Tokenizer:
    """Content-word tokens for the lexical index, from the Kiwi Korean morphological analyser.

    Character n-grams (SQLite FTS5 trigram) miss two-syllable Korean words such as 버스 or 요금;
    morphemes do not, and particles (에서, 이, 는) no longer get in the way.
    """

    def __init__(self) -> None:
        from kiwipiepy import Kiwi

        # The smallest configuration: no typo or multi-word dictionaries, which cost memory and
        # give nothing to keyword matching.
        self._kiwi = Kiwi(num_workers=-1, load_typo_dict=False, load_multi_dict=False)
        self._lock = threading.Lock()

    def tokens(self, text: str) -> list[str]:
        with self._lock:
            morphemes = self._kiwi.tokenize(text)
        out = [m.group().replace("-", "").lower() for m in _LATIN_COMPOUND.finditer(text)]
        for m in morphemes:
            if not m.tag.startswith(_CONTENT_TAGS):
                continue
            form = m.form.lower()
            if m.tag == "SL" and (form in _ENGLISH_STOPWORDS or len(form) < 2):
                continue
            if m.tag == "SL":
                form = _singular(form)
            elif m.tag == "SN":
                form = form.replace(",", "")  # 4,237 and 4237 are the same figure
            out.append(form)
        return out


def _singular(word: str) -> str:
    """A deliberately small English stemmer: plurals only, applied alike to documents and queries."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@cache
def shared_tokenizer() -> Tokenizer:
    """One analyser per process: its model is large, and it is safe to share behind its lock."""
    return Tokenizer()
