"""Messages from someone in danger: the 24-hour lines come first, whatever the documents say.

A newcomer's probe (twentieth pass) found "친구가 요즘 죽고싶다는 말을 자꾸해요", "집에 못있겠어요
잘데가 없어요", "I'm 16 and I can't stay at home any more" and "남편한테 맞고 살아요" told "that's
outside what the city bot covers": their words are far from every page and near the out-of-scope
examples. A city's bot must never turn such a person away, so these are recognised by their words,
not by the model, and the reply gives the national lines (sources below) before anything else.

The lines (checked 2026-12): 109, the unified suicide-prevention line of the Ministry of Health and
Welfare (since 2024-01-01, 24 hours); 1577-0199, the mental-health crisis line; 1366, the Ministry
of Gender Equality and Family's women's emergency line for domestic and sexual violence (24 hours);
1388, the youth counselling line (24 hours); 112 and 119 for danger now.
"""

from __future__ import annotations

import re

# Thoughts of suicide or self-harm, one's own or someone else's, spelled as people type them.
_SUICIDE = re.compile(
    r"죽고\s?싶|자살|극단적\s?(?:인\s?)?선택|살기\s?싫|살고\s?싶지\s?않|목숨을?\s?끊|삶을?\s?끝내|자해|손목을?\s?긋"
    r"|\bsuicid|\bkill(?:ing)?\s+(?:my|him|her|them)sel(?:f|ves)\b|\bwants?\s+to\s+die\b"
    r"|\bend(?:ing|s)?\s+(?:my|his|her|their)\s+(?:own\s+)?li(?:fe|ves)\b|\bself[-\s]?harm|\bhurt(?:ing)?\s+(?:my|him|her)self\b",
    re.IGNORECASE,
)
# Violence at home or from a partner, sexual violence, stalking.
_VIOLENCE = re.compile(
    r"맞고\s?(?:살|지내)|(?:남편|아내|부인|와이프|애인|남친|남자\s?친구|여친|아빠|엄마|아버지|어머니|부모님?|오빠|형)"
    r"(?:이|가|한테|에게|께|이랑|랑)?\s?(?:[가-힣]{1,4}(?:을|를)\s?|절\s?)?(?:때려|때리|폭행|폭력|패요|팹니다)"
    r"|가정\s?폭력|데이트\s?폭력|성폭력|성폭행|스토킹"
    r"|\b(?:husband|wife|partner|boyfriend|girlfriend|father|mother|dad|mom|mum|parents?)\s+"
    r"(?:hits|beats|hit|beat|hurts|abuses|is\s+hitting|is\s+beating|keeps\s+hitting)\s+me\b"
    r"|\bdomestic\s+(?:violence|abuse)\b|\bbeing\s+(?:abused|beaten)\b|\bsexual(?:ly)?\s+(?:assault|abuse)"
    r"|\bstalk(?:ed|ing|er)\b",
    re.IGNORECASE,
)
# No safe place to sleep tonight: run away, thrown out, afraid to go home.
_NO_SHELTER = re.compile(
    r"집에\s?못\s?(?:있|들어가|가겠)|(?<!놀러)(?<!놀러 )(?:잘|잠잘|지낼|갈)\s?(?:데|곳)(?:가|이)?\s?(?:없|업)|가출|쫓겨났|쫓겨나"
    r"|\bnowhere\s+(?:to|I\s+can)\s+(?:sleep|stay|go)\b|\bcan'?t\s+(?:stay|go)\s+(?:at\s+)?home\b"
    r"|\bkicked\s+(?:me\s+)?out\b|\bran\s+away\s+from\s+home\b|\bhomeless\b",
    re.IGNORECASE,
)
KINDS = (("suicide", _SUICIDE), ("violence", _VIOLENCE), ("shelter", _NO_SHELTER))


def danger_in(text: str) -> str | None:
    """The kind of danger ``text`` tells of — "suicide", "violence" or "shelter" — or None.

    Recognised by words (Korean as typed, spaces optional; English), the first kind found in the
    order above, the gravest first. Words about the thing, not a person ("자살예방센터 전화번호"),
    are found too: the lines then come before the answer, which costs nothing to the asker."""
    for kind, pattern in KINDS:
        if pattern.search(text):
            return kind
    return None
