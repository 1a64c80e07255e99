"""Which passwords an official may not choose, after NIST SP 800-63B §5.1.1.2.

NIST asks a verifier to refuse passwords that are "commonly-used, expected, or compromised":
values from breach lists, dictionary words, repetitive or sequential characters ('aaaaaa',
'1234abcd') and context-specific words (the name of the service, the user name). It also says
not to impose composition rules, so nothing here asks for digits or symbols: a long sentence passes.

``weakness(password, name, context)`` returns why a password is refused, or None:
'too_short', 'too_long', 'user_name', 'context_word', 'repeated', 'sequence' or 'common'.
The common list is ``common_passwords.txt`` (its header names the public lists it comes from).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

MIN_LENGTH = 12  # NIST SP 800-63B: length, not composition rules
MAX_LENGTH = 256
# Keyboard rows people run a finger along: QWERTY and the Korean 2-beolsik layout.
KEYBOARD_ROWS = (
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "qazwsxedcrfvtgbyhnujmikolp",  # down the columns: qaz, wsx, 1qaz2wsx ...
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ",
    "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ",
    "ㅋㅌㅊㅍㅠㅜㅡ",
)
# What a Korean city's name ends in: 서울특별시 is also written 서울.
CITY_SUFFIX = re.compile(r"(특별시|광역시|특별자치시|특별자치도|시|도)$")
RUN = 3  # a sequence or repeat this long counts as one guessable piece
ENOUGH_LEFT = 4  # characters outside guessable pieces a password needs to count as chosen


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list of common passwords and stems, lower case."""
    path = Path(__file__).with_name("common_passwords.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _normal(text: str) -> str:
    """Case and spaces don't make a password harder to guess."""
    return "".join(text.casefold().split())


def _is_repeat(text: str) -> bool:
    """One unit written over and over ('aaaa', 'abcabcab', 'passwordpassword')."""
    return len(text) >= 2 and _period(text) <= len(text) // 2


def _period(text: str) -> int:
    """The shortest p such that text[i] == text[i - p] everywhere (KMP failure function)."""
    fail = [0] * len(text)
    for i in range(1, len(text)):
        k = fail[i - 1]
        while k and text[i] != text[k]:
            k = fail[k - 1]
        fail[i] = k + (text[i] == text[k])
    return len(text) - fail[-1] if text else 0


def _steps(a: str, b: str) -> bool:
    """b follows a in the alphabet, the digits (9 then 0), or along a keyboard row, either way."""
    if a == b:  # a doubled key inside a run ('abccde', 'yzzyx') does not end it
        return True
    if a.isdigit() and b.isdigit():
        return (int(b) - int(a)) % 10 in (1, 9)
    if abs(ord(a) - ord(b)) == 1 and a.isalpha() == b.isalpha():
        return True
    return any(a + b in row or b + a in row for row in KEYBOARD_ROWS)


def _guessable_runs(text: str) -> list[tuple[int, int, str]]:
    """Maximal runs of at least RUN characters that are one character repeated or a sequence,
    as (start, end, 'repeated'|'sequence')."""
    runs, i = [], 0
    while i < len(text):
        j = i + 1
        while j < len(text) and text[j] == text[i]:
            j += 1
        kind = "repeated"
        if j - i < RUN:
            j = i + 1
            while j < len(text) and _steps(text[j - 1], text[j]):
                j += 1
            kind = "sequence"
        if j - i >= RUN:
            runs.append((i, j, kind))
            i = j
        else:
            i += 1
    return runs


def city_words(*names: str) -> tuple[str, ...]:
    """The city's names and their short forms, as ``weakness``'s context ('서울특별시' -> '서울')."""
    return (*names, *(CITY_SUFFIX.sub("", name) for name in names))


def weakness(password: str, name: str = "", context: Iterable[str] = ()) -> str | None:
    """Why ``password`` is refused for the account ``name``, or None when it may be used.

    ``context`` holds words specific to this service (the city's names); a password containing one,
    or the user name, is refused. Sources and reasons: the module docstring.
    """
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    text = _normal(password)
    if name and _normal(name) in text:
        return "user_name"
    if any(len(_normal(word)) >= 2 and _normal(word) in text for word in context):
        return "context_word"
    return _pattern(text) or _common(text)


def _pattern(text: str) -> str | None:
    """'repeated' or 'sequence' when little of the password is left outside such pieces."""
    if _is_repeat(text) or len(set(text)) < ENOUGH_LEFT:
        return "repeated"
    runs = _guessable_runs(text)
    covered = sum(end - start for start, end, _kind in runs)
    if len(text) - covered >= ENOUGH_LEFT:
        return None
    kinds = {kind for _s, _e, kind in runs}
    return "repeated" if kinds == {"repeated"} else "sequence"


def _common(text: str) -> str | None:
    """'common' for a listed password, or listed words (4 letters or more) with little else: runs,
    digits or symbols ('password1234', '!!iloveyou2024', 'password1q2w3e', 'qwertydragon')."""
    common = common_passwords()
    if text in common:
        return "common"
    rest, found = text, False
    for word in sorted((w for w in common if len(w) >= 4 and w in text), key=len, reverse=True):
        found = found or word in rest
        rest = rest.replace(word, " ")
    for start, end, _kind in _guessable_runs(rest)[::-1]:
        rest = rest[:start] + " " + rest[end:]
    letters = sum(char.isalpha() for char in rest)
    return "common" if found and letters < ENOUGH_LEFT else None
