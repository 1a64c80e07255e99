"""The reply after the model made cheaper without changing what it decides (sixteenth pass).

Each faster form is checked against the plain definition it replaces, over classes of input that
Hypothesis draws: the same answer for every text, not for a list of examples.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from civicbot.citations import _COMMON_WORD_AFTER, _PLACE_WORDS, _listed_places
from civicbot.detail import _catalogue, _is_korean_page
from civicbot.service_names import service_names

HANGUL = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
SEPARATORS = st.sampled_from([" ", "  ", "\n", ",", ".", ", "])
OTHER = st.sampled_from(["a", "Z", "1", "(", ")", "·", "-", ":", "%", "원", "\t", "~"])


def twenty_hangul_with_separators(text: str) -> bool:
    """The definition: twenty Hangul syllables with only spaces, commas and full stops between."""
    count = 0
    for character in text:
        if "가" <= character <= "힣":
            count += 1
            if count == 20:
                return True
        elif not (character.isspace() or character in ",."):
            count = 0
    return False


# Runs of Hangul of every length broken by separators and by other characters, so that the texts
# land on both sides of twenty and break a long word (where the old pattern backtracked).
PAGES = st.lists(st.one_of(st.text(HANGUL, min_size=1, max_size=25), SEPARATORS, OTHER), max_size=40).map(
    "".join
)


@settings(max_examples=400, deadline=None)
@given(PAGES)
def test_a_korean_page_is_twenty_hangul_syllables_with_only_separators_between(page):
    assert _is_korean_page(page) == twenty_hangul_with_separators(page)


def test_a_long_broken_korean_line_is_read_in_linear_time():
    # Ninety syllables in runs of nineteen broken by a digit: the old pattern tried every split of
    # every run (seconds); one pass now. Correctness, not a timing: it must not be taken for Korean.
    page = "1".join(["가" * 19] * 90)
    assert _is_korean_page(page) is False
    assert _is_korean_page(page + " 가" * 20) is True


def listed_place_one_by_one(text: str, own: frozenset[str]) -> bool:
    """The definition: any listed place that is not the city's own, where a word starts, not the
    head of a common word (고양이) or of a facility serving the city (인천공항)."""
    lowered = text.casefold()
    mine = {name.casefold() for name in own}
    for place in _PLACE_WORDS:
        name = place.casefold()
        if name in mine or any(name in o or o in name for o in mine):
            continue
        start = r"(?<![가-힣])" if re.match(r"[가-힣]", name) else r"\b"
        end = "" if start != r"\b" else r"\b"
        if re.search(rf"{start}{re.escape(name)}{end}{_COMMON_WORD_AFTER.get(name, '')}", lowered):
            return True
    return False


WORDS = st.sampled_from(
    [
        *_PLACE_WORDS,
        *(p.upper() for p in _PLACE_WORDS if p.isascii()),
        *("서울", "Seoul", "고양이", "광주리", "인천공항", "Incheon airport", "이용인원"),
        *("가는", "버스", "bus", "to", "in", "에서", "요금", "?"),
    ]
)
OWN = st.sampled_from(
    [
        frozenset({"서울", "Seoul"}),
        frozenset({"부산", "Busan"}),
        frozenset({"인천광역시", "Incheon"}),
        frozenset(),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from(["", " ", "의 ", ", "])), max_size=8), OWN)
def test_one_pattern_per_city_finds_what_the_names_one_by_one_find(parts, own):
    text = "".join(word + glue for word, glue in parts)
    found = _listed_places(own).search(text.casefold()) is not None
    assert found == listed_place_one_by_one(text, own)


def test_the_catalogue_is_casefolded_once_and_keeps_every_line():
    assert _catalogue() is _catalogue()
    assert len(_catalogue()) == len(service_names())
    assert all(
        korean == tuple(form.casefold() for form in original[0]) and english == original[1]
        for (korean, english), original in zip(_catalogue(), service_names(), strict=True)
    )
