"""Typos in Korean questions: a word one jamo away from a word the documents use is read as that word."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from civicbot import keys
from civicbot.dialogue import Incoming
from civicbot.knowledge import LexicalIndex
from civicbot.text import Tokenizer, hangul_neighbours

SYLLABLE = st.integers(0xAC00, 0xD7A3).map(chr)
WORDS = st.lists(SYLLABLE, min_size=1, max_size=5).map("".join)


def _jamo(syllable: str) -> tuple[int, int, int]:
    code = ord(syllable) - 0xAC00
    return code // 588, code // 28 % 21, code % 28


@given(WORDS)
def test_every_neighbour_is_one_jamo_away(word):
    neighbours = hangul_neighbours(word)
    assert len(neighbours) == len(set(neighbours)) == 65 * len(word)  # 18 + 20 + 27 other jamo a syllable
    for other in neighbours:
        changed = [(a, b) for a, b in zip(word, other, strict=True) if a != b]
        assert len(changed) == 1
        before, after = (_jamo(ch) for ch in changed[0])
        assert sum(x != y for x, y in zip(before, after, strict=True)) == 1


@given(st.text(min_size=1, max_size=8).filter(lambda s: any(not "\uac00" <= ch <= "\ud7a3" for ch in s)))
def test_anything_but_hangul_syllables_has_no_neighbours(word):
    assert hangul_neighbours(word) == []


@given(st.lists(SYLLABLE, min_size=3, max_size=5).map("".join), st.data())
def test_a_one_jamo_typo_of_a_document_word_is_read_as_that_word(word, data):
    tokenizer = Tokenizer()
    typo = data.draw(st.sampled_from(hangul_neighbours(word)))
    typed = tokenizer.tokens(typo)
    assume(word in tokenizer.tokens(word) and typo in typed)  # no particle or ending to strip
    index = LexicalIndex([tokenizer.tokens(f"{word} 안내"), tokenizer.tokens("다른 문서 내용")])
    if typo in index.postings:  # the typo is itself a word of the documents: nothing to correct
        assert index.respelled(typed) == typed
        return
    respelled = index.respelled(typed)
    assert word in respelled
    assert index.scores(respelled)[1][0] > index.scores(typed)[1][0]


@given(st.lists(st.sampled_from(Tokenizer().tokens("공공 와이파이 속도 에스넷 버스 정류장")), max_size=6))
def test_words_the_documents_use_are_never_changed(terms):
    index = LexicalIndex([Tokenizer().tokens("공공 와이파이 속도 에스넷 버스 정류장")])
    assert index.respelled(terms) == terms


def test_two_syllable_words_are_left_alone():
    index = LexicalIndex([Tokenizer().tokens("버스 요금")])
    assert index.respelled(["버수"]) == ["버수"]  # too many real words are one jamo from a short one


@pytest.mark.usefixtures("built_index")
async def test_a_misspelt_service_name_is_answered_from_its_page(client):
    engine = client.app[keys.ENGINE].engine
    reply = await engine.dialogue.handle(Incoming(channel="cli", conversation_id="t", text="에스냇 뭐에여"))
    assert reply.sources and "s-net" in reply.sources[0].doc_id, reply.text
