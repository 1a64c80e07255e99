"""The reporter's notice names the new status with the particle its last sound takes ("'처리
중'으로", "'접수'로"), never the "(으)로" a form letter leaves to the reader (newcomer probe,
seventeenth pass), and the console's preview shows where the status page link leads."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civicbot.i18n import t
from civicbot.voicemap import STATUSES, status_label


def _ends_in_consonant_other_than_rieul(word: str) -> bool:
    """으로 follows a final consonant other than ㄹ (표준국어대사전, 조사 '으로'): read from the last
    syllable's code point (Unicode Hangul syllables: final index = (code - 0xAC00) % 28; 0 none, 8 ㄹ)."""
    final = (ord(word.rstrip()[-1]) - 0xAC00) % 28
    return final not in (0, 8)


@given(st.sampled_from(STATUSES), st.sampled_from(["가로등", "도로 파손·포트홀"]))
def test_the_status_takes_the_particle_its_last_sound_asks_for(status, category):
    label = status_label(status, "ko")
    text = t("voicemap.notify_status", "ko", id="SEL-ABC123", category=category, status=label)
    expected = "으로" if _ends_in_consonant_other_than_rieul(label) else "로"
    assert f"'{label}'{expected} 바뀌었어요" in text
    assert "(으)" not in text


@pytest.mark.parametrize("status", STATUSES)
def test_the_english_notice_names_the_status(status):
    label = status_label(status, "en")
    assert f"'{label}'" in t(
        "voicemap.notify_status", "en", id="SEL-ABC123", category="Streetlight", status=label
    )
