"""Latin acronyms spelled in Hangul letter names (씨씨티비 for CCTV, 지피에스 for GPS), and back.

City pages write acronyms in Latin letters (CCTV, GPS, IoT, QR, LED), and residents often type
them as the letters' Korean names (씨씨티비, 지피에스, 아이오티, 큐알, 엘이디). Neither the lexical
index nor the intent classifier can tell the two spellings are one word: "씨씨티비 몇 대 있어" was
called out of scope while "CCTV 몇대야" got the honest detail reply (twentieth pass). The reverse
happens when a page writes the Hangul spelling and a question the Latin one.

The table is derived, not listed: each Latin acronym the documents use (a word of 2-6 letters with
at least two capitals: CCTV, GPS, IoT, SSID) is spelled out with the letters' Korean names
(``LETTER_NAMES``, the names the National Institute of Korean Language's loanword usage gives,
with the common variants 시 for C, 쥐 for G, 에치 for H, 비 for V as in 티비, 더블류 for W). A spelling in a question is
rewritten to the form the documents use, only when the documents never write the question's own
form: a real word that happens to spell letters (이유 = E-U, 오이 = O-E) is on the pages and so
is never touched. Brand words that are not spelled letter by letter (와이파이 for WiFi, 티머니 for
T-money) are not derived here.
"""

from __future__ import annotations

import re
from functools import cached_property
from itertools import product

from civicbot.text import korean_stems

# The Korean names of the Latin letters, the usual first (loanword usage, 국립국어원 외래어 표기).
LETTER_NAMES: dict[str, tuple[str, ...]] = {
    "A": ("에이",),
    "B": ("비",),
    "C": ("씨", "시"),
    "D": ("디",),
    "E": ("이",),
    "F": ("에프",),
    "G": ("지", "쥐"),
    "H": ("에이치", "에치"),
    "I": ("아이",),
    "J": ("제이",),
    "K": ("케이",),
    "L": ("엘",),
    "M": ("엠",),
    "N": ("엔",),
    "O": ("오",),
    "P": ("피",),
    "Q": ("큐",),
    "R": ("알",),
    "S": ("에스",),
    "T": ("티",),
    "U": ("유",),
    "V": ("브이", "비", "뷔"),  # 비 as in 티비 (TV), 씨씨티비
    "W": ("더블유", "더블류"),
    "X": ("엑스",),
    "Y": ("와이",),
    "Z": ("제트", "지"),
}
# A Latin acronym as pages write it: 2-6 letters, at least two of them capitals (CCTV, IoT, SSID),
# not inside a longer Latin word or glued to digits.
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])(?=(?:[a-z]*[A-Z]){2})[A-Za-z]{2,6}(?![A-Za-z0-9])")
# A question's Latin acronym may be in any case ("gps", "Cctv").
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2,6}(?![A-Za-z0-9])")
# The particles a two-syllable spelling may take: no 는/은, which are also verb endings (비오는).
_CASE_PARTICLES = frozenset(
    [
        "가",
        "이",
        "를",
        "을",
        "로",
        "으로",
        "에",
        "에서",
        "도",
        "만",
        "랑",
        "이랑",
        "한테",
        "까지",
        "의",
        "하고",
    ]
)
_PARTICLES = _CASE_PARTICLES | frozenset(
    [
        "는",
        "은",
        "도요",
        "이요",
        "요",
        "야",
        "이야",
        "예요",
        "이에요",
        "인가요",
        "이고",
        "인데",
        "처럼",
        "보다",
    ]
)
_SPELLING_LIMIT = 16  # variants per acronym (C and G have two names each)


def spellings(acronym: str) -> list[str]:
    """Every Hangul letter-name spelling of ``acronym`` (no spaces), the usual one first.

    ``spellings("CCTV") == ["씨씨티비", "씨시티비", "시씨티비", "시시티비", "씨씨티뷔", ...]``; [] when a
    character is not a Latin letter. Shapes: str -> list[str]."""
    names = [LETTER_NAMES.get(letter.upper()) for letter in acronym]
    if not acronym or any(n is None for n in names):
        return []
    return ["".join(parts) for parts in product(*names)][:_SPELLING_LIMIT]


def _syllables(spelling: str) -> int:
    return sum(1 for ch in spelling if "가" <= ch <= "힣")


class Loanwords:
    """The acronyms of one set of documents and their Hangul spellings (built once per index).

    ``text`` is the documents' whole text (KnowledgeBase.full_text)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.acronyms = sorted({m.group() for m in _ACRONYM.finditer(text)})

    @cached_property
    def _by_spelling(self) -> dict[str, str]:
        """{Hangul spelling the documents never write: the Latin acronym they do write}."""
        table: dict[str, str] = {}
        for acronym in self.acronyms:
            for spelled in spellings(acronym):
                if spelled not in self.text:
                    table.setdefault(spelled, acronym)
        return table

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        """Any spelling of the table at a word's start, its letter names optionally spaced
        ("씨 씨 티 비"), followed by the rest of the Hangul word (a particle, or a glued noun)."""
        if not self._by_spelling:
            return None
        alternatives = []
        for acronym in self.acronyms:
            for letters in product(*(LETTER_NAMES[c.upper()] for c in acronym)):
                if "".join(letters) in self._by_spelling:
                    alternatives.append(r"\s?".join(map(re.escape, letters)))
        alternatives.sort(key=len, reverse=True)
        return re.compile(rf"(?<![가-힣])({'|'.join(alternatives)})([가-힣]*)")

    def rewrite(self, question: str) -> str:
        """``question`` with each acronym spelled in a form the documents never use written in the
        form they do: Hangul letter names to the Latin acronym ("씨씨티비 몇 대 있어" -> "CCTV 몇 대
        있어", "에이아이가" -> "AI가"), and, in a Korean question, a Latin acronym no page writes to its
        Hangul spelling a page does write. A short spelling (three syllables or fewer) must be a word by itself, with
        a particle, or glued to a word the pages use ("큐알로", "큐알코드", not "큐알못"), so a word
        merely starting with letter names is left alone. The question itself when nothing applies. Shapes: str -> str."""
        out = self._latin(question)
        return self._hangul(out)

    def _latin(self, question: str) -> str:
        pattern = self._pattern
        if pattern is None:
            return question

        def swap(match: re.Match[str]) -> str:
            spelled = re.sub(r"\s", "", match.group(1))
            rest = match.group(2)
            acronym = self._by_spelling.get(spelled)
            if acronym is None:
                return match.group()
            if rest and _syllables(spelled) <= 3 and not self._particle_or_word(spelled, rest):
                return match.group()  # 큐알못: a longer word, not the letters
            return acronym + rest

        return pattern.sub(swap, question)

    def _particle_or_word(self, spelled: str, rest: str) -> bool:
        """Whether what follows a short spelling in its word is a particle ("큐알로") or a word of
        two syllables or more the pages use ("큐알코드": 코드)."""
        if len(rest) >= 2 and rest in self.text:
            return True
        if _syllables(spelled) <= 2:
            # 비오는 is 비 오는 (it rains), not BO는: a two-syllable spelling takes a case particle only.
            return rest in _CASE_PARTICLES
        return rest in _PARTICLES or korean_stems(spelled + rest) == [spelled]

    def _hangul(self, question: str) -> str:
        """A Latin acronym in capitals ("GPS") in a Korean question that no page writes, in the Hangul
        spelling a page does write; a page's own acronym is left as it is."""
        written = {a.upper() for a in self.acronyms}

        def swap(match: re.Match[str]) -> str:
            word = match.group()
            if not word.isupper() or word in written:
                return word
            return next((s for s in spellings(word) if s in self.text), word)

        # Korean questions only: in an English one "ID" is the English word ("mobile ID card"
        # became "mobile 아이디 card", a login ID's page, on dev-extra20); the glossary bridges those.
        korean = re.search(r"[가-힣]", question) and re.search(r"[A-Z]", question)
        return _LATIN_WORD.sub(swap, question) if korean else question
