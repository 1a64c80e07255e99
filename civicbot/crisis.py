"""Messages from someone in danger: the 24-hour lines come first, whatever the documents say.

A newcomer's probe (twentieth pass) found "친구가 요즘 죽고싶다는 말을 자꾸해요", "집에 못있겠어요
잘데가 없어요", "I'm 16 and I can't stay at home any more" and "남편한테 맞고 살아요" told "that's
outside what the city bot covers": their words are far from every page and near the out-of-scope
examples. A city's bot must never turn such a person away, so these are recognised by their words,
not by the model, and the reply gives the national lines (sources below) before anything else.

The lines (checked 2026-12): 109, the unified suicide-prevention line of the Ministry of Health and
Welfare (since 2024-01-01, 24 hours); 1577-0199, the mental-health crisis line; 1366, the Ministry
of Gender Equality and Family's women's emergency line for domestic and sexual violence (24 hours);
1388, the youth counselling line (24 hours); 112 and 119 for danger now; 182, the National Police
Agency's missing-children centre. 112 and 119 also take text messages.

The twenty-first pass's probe found danger happening now — "불이 났어요", "사람이 쓰러졌어요 숨을 안
쉬어요", "누가 칼들고 쫓아와요", "가스 냄새가 심하게 나요", "아이가 없어졌어요" — turned into a public
map report that asked "where?", or turned away. That kind ("emergency") is checked first, and its
reply replaces whatever the message would have started: a chat bot cannot send a fire engine.
"""

from __future__ import annotations

import re

# People words before a fall or harm: "나무가 쓰러졌어요" is a report, "할머니가 쓰러지셨어요" is not.
_PERSON = (
    r"(?:사람|누가|누군가|할머니|할아버지|어르신|아이|애기|아기|애|아들|딸|친구|엄마|아빠|어머니|아버지"
    r"|남편|아내|동생|언니|오빠|누나|형|남자|여자|학생|분)(?:이|가|께서|분이|분)?"
)
# Danger happening now: fire, a person collapsed or badly hurt, a weapon or a chase, a gas leak,
# a child gone missing, a cry for help. Questions about the thing ("화재경보기 지원", "가스요금",
# "교통사고 다발구간", "미아동") name none of these shapes.
_EMERGENCY = re.compile(
    r"불이\s?(?:났|나서|붙었|번지)(?!던)|불\s?났(?!던)|화재가?\s?(?:났|발생했)|(?:집|건물|차|아파트|방)에\s?불이|연기가\s?(?:자욱|가득)"
    rf"|{_PERSON}\s?(?:길에\s?)?쓰러(?:졌|져|지셨|지셔)|숨을?\s?(?:안|못)\s?(?:쉬|셔)|의식이?\s?없(?:어|다|습니다|음|는\s?(?:것|거)\s?같)"
    rf"|피를?\s?많이\s?흘|피가\s?(?:많이\s?나|안\s?멈|멈추지)|심정지|구급차\s?(?:좀\s?)?(?:불러|와|필요|부를)"
    rf"|{_PERSON}\s?(?:크게\s?|많이\s?)?다쳤|다친\s?사람|교통사고\s?(?:가\s?)?(?:났|당했)|차에\s?치였"
    r"|(?:칼|흉기|몽둥이)(?:을|를|로)?\s?들고|칼부림|쫓아\s?(?:와|오고|오는)|(?:누가|모르는\s?사람이?|남자가|어떤\s?사람이?)\s?"
    r"(?:계속\s?)?따라\s?(?:와|오)|납치|강도(?:가|를)?\s?(?:들|당했|만났)"
    r"|가스\s?(?:냄새|가\s?새|누출|새요|새는|샌다|샙)"
    r"|(?:아이|애|아기|애기|아들|딸|동생|치매\s?(?:어르신|환자)|할머니|할아버지)(?:가|를|을|이)?\s?"
    r"(?:없어졌|사라졌|안\s?보여|실종|잃어버렸|길을\s?잃)|살려\s?(?:주세요|줘|주십시오)"
    r"|\bthere'?s\s+a\s+fire\b|\b(?:on|caught)\s+fire\b|\bfire\s*!"
    r"|\b(?:someone|somebody|a\s+(?:man|woman|child)|my\s+\w+|he|she|person)\s+(?:has\s+|just\s+)?collapsed\b"
    r"|\bnot\s+breathing\b|\bunconscious\b|\bbleeding\s+(?:a\s+lot|badly|heavily)\b|\bheart\s+attack\b"
    r"|\b(?:call|need)\s+an?\s+ambulance\b|\b(?:has|with|holding)\s+a\s+(?:knife|gun)\b"
    r"|\b(?:someone|somebody|a\s+(?:man|woman|stranger))\s+is\s+(?:following|chasing)\s+me\b"
    r"|\bsmell\s+(?:of\s+)?gas\b|\bgas\s+leak|\b(?:my|a)\s+(?:child|kid|son|daughter|toddler)\s+(?:is\s+|has\s+gone\s+)?missing\b"
    r"|\blost\s+my\s+(?:child|kid|son|daughter)\b|^\s*help(?:\s+me)?\s*!|\b(?:someone|people|a\s+person)\s+(?:is\s+|are\s+|got\s+)?(?:badly\s+)?(?:hurt|injured)\b",
    re.IGNORECASE,
)
# Thoughts of suicide or self-harm, one's own or someone else's, spelled as people type them.
_SUICIDE = re.compile(
    r"죽고\s?싶|죽을\s?것\s?같[^.!?]{0,12}(?:힘들|괴롭|못\s?버티|못\s?견디)|(?:힘들|괴로)[^.!?]{0,12}죽을\s?것\s?같|자살|극단적\s?(?:인\s?)?선택|살기\s?싫|살고\s?싶지\s?않|목숨을?\s?끊|삶을?\s?끝내|자해|손목을?\s?긋"
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
KINDS = (("emergency", _EMERGENCY), ("suicide", _SUICIDE), ("violence", _VIOLENCE), ("shelter", _NO_SHELTER))


def danger_in(text: str) -> str | None:
    """The kind of danger ``text`` tells of — "emergency", "suicide", "violence" or "shelter" — or None.

    Recognised by words (Korean as typed, spaces optional; English), the first kind found in the
    order above, the gravest first. Words about the thing, not a person ("자살예방센터 전화번호"),
    are found too: the lines then come before the answer, which costs nothing to the asker."""
    for kind, pattern in KINDS:
        if pattern.search(text):
            return kind
    return None
