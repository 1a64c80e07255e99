"""Slurs and contemptuous words about groups of people hold a report for review (probe21 #4), and the
report's preview says before 접수하기 that a name or such words mean an official checks it first
(probe21 #18). The word lists are content: services/moderation.yaml (abusive, groups, contempt).

The class is tested on ``Moderator.abuse``/``reasons``, the very check ``voicemap.submit`` runs; the
probe's texts go through the real app's REST API and the chat's report flow."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_flow import Chat

from civicbot.moderation import ABUSE, compose_jamo, moderator_for

ROOT = Path(__file__).resolve().parent.parent
MODERATOR = moderator_for(ROOT / "services")
GANGNAM = (37.5009, 127.0364)

# The probe's texts (each went to the public map) and one of every kind of group the lists cover.
PROBE = [
    "이 동네 짱깨들 쓰레기 버림",
    "흑형들 밤마다 시끄러움",
    "장애인 새끼들 주차",
    "외노자들이 쓰레기 무단투기",
    "홈리스 거지들 공원에서 잠",
]
SLURS = [
    *(
        [
            "짱깨",
            "짱개",
            "쪽바리",
            "왜놈",
            "조센징",
            "떼놈",
            "똥남아",
            "흑형",
            "깜둥이",
            "외노자",
            "외퀴",
            "불체자",
        ]
    ),  # nationality, race
    *(["개독교", "개슬람", "똥꼬충", "트젠충", "된장녀", "보슬아치"]),  # religion, orientation, gender
    *(["장애충", "절름발이", "틀니딱딱", "잼민이", "노인충", "휴거지", "빌거지"]),  # disability, age, poverty
]
ENGLISH_SLURS = ["nigger", "chink", "gook", "wetback", "faggot", "tranny", "towelhead"]
GROUPS = [
    "중국",
    "중국인",
    "조선족",
    "일본",
    "흑인",
    "외국인",
    "동남아",
    "난민",
    "무슬림",
    "장애인",
    "노인",
    "게이",
    "노숙자",
    "노숙인",
    "홈리스",
]
CONTEMPT = ["새끼", "새기", "색히", "쉐끼", "놈", "거지"]
PARTICLES = ["", "들", "들이", "들은", "가", "이", "는", "를", "한테", "들 때문에", "같은"]
CONTEXTS = [
    ("", ""),
    ("이 동네 ", " 쓰레기 버림"),
    ("우리 아파트 앞에 ", " 밤마다 시끄러워요"),
    ("공원에 ", " 담배 피움. 단속 좀"),
    ("", "!!"),
]


def _jamo(word: str) -> str:
    """The word typed as separate compatibility jamo: 짱깨 -> ㅉㅏㅇㄲㅐ."""
    initials, vowels, finals = (
        "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ",
        "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ",
        " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ",
    )
    out = []
    for ch in word:
        if "가" <= ch <= "힣":
            code = ord(ch) - 0xAC00
            out.append(initials[code // 588] + vowels[code % 588 // 28] + finals[code % 28].strip())
        else:
            out.append(ch)
    return "".join(out)


# How people disguise a word: as it is, letter by letter, a symbol or a digit inside, separate
# jamo, decomposed Hangul (NFD, as a Mac sends it).
SPELLINGS = [
    lambda w: w,
    lambda w: " ".join(w),
    lambda w: w[0] + "." + w[1:],
    lambda w: w[0] + "1" + w[1:],
    _jamo,
    lambda w: unicodedata.normalize("NFD", w),
]


@settings(max_examples=400, deadline=None)
@given(
    slur=st.sampled_from(SLURS),
    spell=st.sampled_from(SPELLINGS),
    particle=st.sampled_from(PARTICLES),
    context=st.sampled_from(CONTEXTS),
)
def test_every_slur_in_every_spelling_and_context_is_held(slur, spell, particle, context) -> None:
    # letter by letter, the particle is typed apart too ("짱 깨 들"), as people do
    word = spell(slur) + (" " + " ".join(particle) if spell is SPELLINGS[1] and particle else particle)
    text = context[0] + word + context[1]
    assert ABUSE in MODERATOR.reasons(text), text


@settings(max_examples=300, deadline=None)
@given(
    group=st.sampled_from(GROUPS),
    plural=st.sampled_from(["", "들"]),
    gap=st.sampled_from(["", " "]),
    contempt=st.sampled_from(CONTEMPT),
    particle=st.sampled_from(["", "들", "들이", "가", "이", "는"]),
    context=st.sampled_from(CONTEXTS),
)
def test_a_group_then_a_contemptuous_word_is_held(group, plural, gap, contempt, particle, context) -> None:
    text = context[0] + group + plural + gap + contempt + particle + context[1]
    assert ABUSE in MODERATOR.reasons(text), text


@settings(max_examples=100, deadline=None)
@given(
    slur=st.sampled_from(ENGLISH_SLURS),
    case=st.sampled_from([str.lower, str.upper, str.capitalize]),
    ending=st.sampled_from(["", "s", "s!"]),
    context=st.sampled_from([("", ""), ("the ", " next door dump trash"), ("Too many ", " in the park")]),
)
def test_english_slurs_are_held(slur, case, ending, context) -> None:
    text = context[0] + case(slur) + ending + context[1]
    assert ABUSE in MODERATOR.reasons(text), text


# Words for groups said plainly, and words that contain a slur's syllables: all ordinary.
ORDINARY_WORDS = [
    *GROUPS,
    *(
        [
            "흑백",
            "흑인",
            "외국인",
            "이주노동자",
            "노숙인",
            "장애",
            "장애인",
            "여자",
            "남자",
            "거지",
            "설거지",
            "짱",
            "깨끗",
            "감염병",
            "전염병",
            "주차",
            "일본",
            "중국",
            "베트남",
            "다문화",
            "교회",
            "기독교",
            "이슬람",
            "성소수자",
            "어르신",
            "청소년",
        ]
    ),
]
ORDINARY_AFTER = [
    "",
    " 주차구역",
    " 지원",
    " 지원센터가 어디예요",
    " 거 지원해 주세요",
    " 음식점 앞 쓰레기",
    " 사진",
    "들이 많이 살아요",
    "을 위한 경사로가 부서졌어요",
    " 관광객이 길을 물어요",
    "해요",
    " 놀이터",
    " 새 벤치가 필요해요",
]


@settings(max_examples=400, deadline=None)
@given(
    word=st.sampled_from(ORDINARY_WORDS),
    after=st.sampled_from(ORDINARY_AFTER),
    context=st.sampled_from([("", ""), ("우리 동네 ", ""), ("화장실이 ", " 좋아요")]),
)
def test_group_words_said_plainly_are_not_held(word, after, context) -> None:
    text = context[0] + word + after + context[1]
    assert MODERATOR.abuse(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "장애인 주차구역에 일반 차량",
        "외국인 관광객 안내판이 없어요",
        "노숙인 지원센터 앞 쓰레기",
        "흑백 사진 전시회 안내",
        "중국 음식점 앞 무단투기",
        "화장실이 짱깨끗해요",
        "설거지 소리가 시끄러워요",
        "감염병 예방 방역 신청",
        "노숙인 거 지원해 주세요",
        "장애인 5년 이상 거주",
        "Japanese tourists asked the way",
    ],
)
def test_everyday_sentences_are_published(text: str) -> None:
    assert MODERATOR.reasons(text) == ()


def test_separate_jamo_are_composed_as_a_keyboard_would() -> None:
    assert compose_jamo("ㅉㅏㅇㄲㅐ") == "짱깨"
    assert compose_jamo("ㅅㅂ ㄱㅏㄴㅏ") == "ㅅㅂ 가나"  # initials alone stay: the list names them


def test_the_city_documents_and_catalogue_hold_nothing() -> None:
    """bench/slur_scan.py over knowledge/, bench/data/, strings/, intents/ and polls/: no line of
    the city's own words would hold a report (감염병 did, for 염병, before this pass)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from name_scan import corpus_lines
    from slur_scan import SCANNED, held_lines

    results = held_lines({name: corpus_lines(folder) for name, folder in SCANNED.items()})
    held = {name: lines for name, (_count, lines) in results.items() if lines}
    assert held == {}
    assert all(count > 0 for count, _ in results.values())


# -- through the real app ------------------------------------------------------------------------
pytestmark_app = pytest.mark.usefixtures("built_index")


@pytest.fixture
def app_settings(make_settings):
    return make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")


@pytestmark_app
@pytest.mark.parametrize("text", PROBE)
async def test_the_probes_texts_are_held_through_the_api(make_client, app_settings, text) -> None:
    client = await make_client(app_settings)
    token = (await (await client.post("/api/sessions")).json())["token"]
    body = {"text": text, "lat": 37.5565, "lon": 126.9236, "category": "garbage"}
    response = await client.post("/api/complaints", json=body, headers={"Authorization": f"Bearer {token}"})
    answer = await response.json()
    assert response.status == 201, answer
    assert answer["visibility"] == "pending_review", answer
    geo = await (await client.get("/api/complaints.geojson")).json()
    assert geo["features"] == []


async def _preview(chat: Chat, text: str) -> str:
    """The report flow up to its confirm step; the preview's text."""
    await chat.send(payload="/report")
    await chat.send(text)
    await chat.send(location=GANGNAM)
    await chat.send(payload="/report skip")
    reply = await chat.send(payload="/report category garbage")
    assert any(b.payload == "/report confirm" for b in reply.buttons), reply.text
    return reply.text


@pytestmark_app
@pytest.mark.parametrize(
    ("language", "text", "notice", "plain"),
    [
        ("ko", "우리집앞 불법주차 차량 차주 김철수 010-9876-5432", "사람 이름이 있어서", "거친 표현"),
        ("ko", "이 동네 짱깨들 쓰레기 버림", "거친 표현이 있어서", "사람 이름"),
        ("ko", "장애인 새끼들 주차 좀 단속해 주세요", "거친 표현이 있어서", "사람 이름"),
        ("ko", "김철수 씨가 매일 쓰레기 버려요 진짜 쓰레기 같은 인간", "사람 이름과 거친 표현", "\u0000"),
        ("en", "Mr Smith dumps trash here every night", "It names a person", "harsh words"),
        ("en", "the chinks next door dump trash", "It has harsh words", "names a person"),
    ],
)
async def test_the_preview_says_it_will_be_checked_before_confirming(
    make_client, app_settings, language, text, notice, plain
) -> None:
    client = await make_client(app_settings)
    chat = Chat(client.app, user=f"u-{language}", language=language)
    preview = await _preview(chat, text)
    assert notice in preview and plain not in preview, preview
    reply = await chat.send(payload="/report confirm")
    held = "담당자가 확인한 뒤" if language == "ko" else "An official will check it"
    assert held in reply.text, reply.text  # what the preview said is what happened


@pytestmark_app
async def test_an_ordinary_preview_promises_the_map(make_client, app_settings) -> None:
    client = await make_client(app_settings)
    preview = await _preview(Chat(client.app, user="plain"), "장애인 주차구역에 일반 차량이 주차했어요")
    assert "담당자가 확인한 뒤" not in preview, preview


@pytestmark_app
async def test_pre_moderation_says_every_report_waits(make_client, make_settings) -> None:
    pre = make_settings(
        CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0", CIVICBOT_MODERATION="pre"
    )
    preview = await _preview(Chat((await make_client(pre)).app, user="pre"), "장애인 주차구역에 일반 차량")
    assert "모든 신고는 담당자가 확인한 뒤" in preview, preview
