"""The one string catalogue (strings/<lang>.yaml) and its t(): completeness, particles, plurals,
file:line errors, a third language added as a file, and no user-facing Korean left in the code."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicbot import i18n
from civicbot.content import ContentFileError
from civicbot.i18n import LANGUAGES, final_sound, josa, plural_category, with_josa

ROOT = Path(__file__).resolve().parent.parent
ZH = ROOT / "tests" / "data" / "strings" / "zh.yaml"
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")


@pytest.fixture(autouse=True)
def _shipped_catalogue():
    """Each test starts and ends with the shipped catalogue in use (t() reads one module-wide)."""
    i18n.use(ROOT / "strings")
    yield
    i18n.use(ROOT / "strings")


# -- completeness ---------------------------------------------------------------------------------
def test_every_key_exists_in_korean_and_english():
    catalogue = i18n.load(ROOT / "strings")
    assert set(catalogue.languages) == set(LANGUAGES)
    for language in LANGUAGES:
        assert catalogue.missing(language) == [], language
    assert len(catalogue.keys()) > 700
    assert i18n.check(ROOT / "strings")[0] == 0


def test_the_same_sentence_is_translated_once():
    """No two keys carry the same Korean and English texts (shared words live once, in engine.*)."""
    catalogue = i18n.load(ROOT / "strings")
    seen: dict[tuple, str] = {}
    repeated = []
    for key in catalogue.keys("ko"):
        pair = (str(catalogue.strings["ko"][key]), str(catalogue.strings["en"][key]))
        if pair in seen and len(pair[1]) > 20:  # single words (Status, Cancel) may label two screens
            repeated.append((seen[pair], key))
        seen.setdefault(pair, key)
    assert repeated == [
        ("admin.err_reason_required", "admin.err_missing_reason")
    ]  # two error codes, one message


def test_every_key_the_code_names_exists():
    """A literal t("section.key") anywhere in civicbot/ names a key of the catalogue."""
    catalogue = i18n.load(ROOT / "strings")
    named = set()
    for path in (ROOT / "civicbot").rglob("*.py"):
        named |= set(re.findall(r"""\bt\(\s*["']([a-z_0-9]+\.[A-Za-z_0-9]+)["']\s*[,)]""", path.read_text()))
    for path in (ROOT / "civicbot" / "templates").rglob("*.html"):
        named |= set(re.findall(r"""\bt\(\s*'([a-z_0-9]+\.[A-Za-z_0-9]+)'\s*[,)]""", path.read_text()))
    assert named and not [key for key in named if not catalogue.has(key)]


# -- particles ------------------------------------------------------------------------------------
SYLLABLES = st.integers(0xAC00, 0xD7A3).map(chr)


@settings(deadline=None)  # a loaded machine; the first call parses Babel's locale data
@given(SYLLABLES, st.text(alphabet=st.integers(0xAC00, 0xD7A3).map(chr), max_size=4))
def test_particles_follow_the_last_hangul_syllable(last, before):
    word = before + last
    final = (ord(last) - 0xAC00) % 28  # 0: no final consonant, 8: ㄹ
    assert josa(word, "을") == ("를" if final == 0 else "을")
    assert josa(word, "가") == ("가" if final == 0 else "이")
    assert josa(word, "는") == ("는" if final == 0 else "은")
    assert josa(word, "와") == ("와" if final == 0 else "과")
    assert josa(word, "예요") == ("예요" if final == 0 else "이에요")
    assert josa(word, "으로") == ("로" if final in (0, 8) else "으로")  # ㄹ-final takes 로: 서울로
    # Either form of a pair names it, and closing brackets or punctuation are skipped.
    assert josa(f"「{word}」", "를") == josa(word, "을") == josa(word + "!", "을")


EMOJI = st.sampled_from(["🪑", "🌳", "👍🏽", "❤️", "👨‍👩‍👧", "🇰🇷", "™", "★", "🚲 ", "!! 🎉"])


@settings(deadline=None)
@given(
    SYLLABLES,
    st.text(alphabet=st.integers(0xAC00, 0xD7A3).map(chr), max_size=4),
    st.lists(EMOJI, min_size=1, max_size=3),
)
def test_emoji_after_a_word_are_not_read(last, before, emoji):
    """ "벤치 설치 🪑를" read the emoji as an open syllable, whatever the word (newcomer probe, eighteenth pass)."""
    word = before + last
    decorated = word + "".join(emoji)
    for particle in ("을", "이", "은", "과", "이에요", "으로"):
        assert josa(decorated, particle) == josa(word, particle)
    assert final_sound("".join(emoji)) is None  # nothing but emoji: open, as before


def test_unit_symbols_are_still_read():
    assert with_josa("30℃", "으로") == "30℃로"  # 삼십 도
    assert with_josa("5㎞", "을") == "5㎞를"  # 오 킬로미터


def test_particle_examples():
    assert with_josa("서울", "으로") == "서울로"
    assert with_josa("서울숲", "를") == "서울숲을"
    assert with_josa("축제", "이에요") == "축제예요"
    assert with_josa("공원", "이에요") == "공원이에요"
    assert with_josa("CCTV", "이") == "CCTV가"  # 시시티브이
    assert with_josa("URL", "으로") == "URL로"  # 유알엘
    assert with_josa("app", "을") == "app을"  # 앱
    assert with_josa("3", "을") == "3을"  # 삼
    assert with_josa("2", "을") == "2를"  # 이
    assert with_josa("7", "으로") == "7로"  # 칠
    assert with_josa("10", "가") == "10이"  # 십
    assert with_josa("1,000", "는") == "1,000은"  # 천


_DIGIT_NAMES = "영일이삼사오육칠팔구"


def sino_korean(n: int) -> str:
    """How a Korean reads n aloud (일, 십, 이십삼, 천, 만, 십만, 억 ...): the reference for the rules."""
    if n == 0:
        return "영"
    words = []
    for power, unit in ((16, "경"), (12, "조"), (8, "억"), (4, "만"), (0, "")):
        group = n // 10**power % 10_000
        if group:
            part = ""
            for place, name in ((3, "천"), (2, "백"), (1, "십"), (0, "")):
                digit = group // 10**place % 10
                if digit:
                    part += ("" if digit == 1 and name else _DIGIT_NAMES[digit]) + name
            words.append(part + unit)
    return "".join(words)


@settings(deadline=None)  # a loaded machine; the first call parses Babel's locale data
@given(st.integers(0, 10**19))
def test_numbers_take_the_particle_of_their_sino_korean_reading(n):
    """Digits are read as Koreans read them: 3 → 삼 → 을, 10 → 십 → 을, 2 → 이 → 를, 1 → 일 → 로."""
    reading = sino_korean(n)
    assert final_sound(str(n)) == final_sound(reading), (n, reading)
    assert final_sound(f"{n:,}") == final_sound(reading)


_LETTER_NAMES = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [
            "에이",
            "비",
            "씨",
            "디",
            "이",
            "에프",
            "지",
            "에이치",
            "아이",
            "제이",
            "케이",
            "엘",
            "엠",
            "엔",
            "오",
            "피",
            "큐",
            "알",
            "에스",
            "티",
            "유",
            "브이",
            "더블유",
            "엑스",
            "와이",
            "제트",
        ],
        strict=True,
    )
)


@settings(deadline=None)  # a loaded machine; the first call parses Babel's locale data
@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=6))
def test_acronyms_take_the_particle_of_their_last_letters_korean_name(word):
    assert final_sound(word) == final_sound(_LETTER_NAMES[word[-1]])


def test_a_particle_in_a_catalogue_string(tmp_path):
    folder = _catalogue_dir(
        tmp_path, extra_ko="demo:\n  done: '「{title}」{title:~가} 마감됐어요. {place:으로} 오세요.'\n"
    )
    (folder / "en.yaml").write_text(
        (folder / "en.yaml").read_text() + "demo:\n  done: '{title} closed; come to {place}.'\n"
    )
    catalogue = i18n.use(folder)
    assert (
        catalogue.text("demo.done", "ko", title="여름 축제", place="서울")
        == "「여름 축제」가 마감됐어요. 서울로 오세요."
    )
    assert (
        catalogue.text("demo.done", "ko", title="공원", place="시청")
        == "「공원」이 마감됐어요. 시청으로 오세요."
    )


# -- plurals --------------------------------------------------------------------------------------
@settings(deadline=None)  # a loaded machine; the first call parses Babel's locale data
@given(st.integers(0, 10**6))
def test_plurals_by_the_languages_rules(n):
    english = i18n.t("poll_flow.count_votes", "en", count=n)
    assert english == (f"{n} vote" if n == 1 else f"{n} votes")
    assert i18n.t("poll_flow.count_votes", "ko", count=n) == str(n)  # Korean counts need no plural
    assert plural_category("ko", n) == "other"


# -- file:line errors ------------------------------------------------------------------------------
def _catalogue_dir(tmp_path: Path, extra_ko: str = "", zh: str | None = None) -> Path:
    folder = tmp_path / "strings"
    folder.mkdir(exist_ok=True)
    for language in LANGUAGES:
        shutil.copy(ROOT / "strings" / f"{language}.yaml", folder)
    if extra_ko:
        (folder / "ko.yaml").write_text((folder / "ko.yaml").read_text() + extra_ko)
    if zh is not None:
        (folder / "zh.yaml").write_text(zh)
    return folder


@pytest.mark.parametrize(
    ("zh", "line", "reason"),
    [
        ("layout:\n  skip: [a, b]\n", 2, "layout.skip: expected text"),
        ("layout:\n  skip: ok\n\tpolls: x\n", 3, "invalid YAML"),
        ("engine:\n  too_long: '太长 {limt}'\n", 2, "placeholder the code never fills: limt"),
        ("engine:\n\n  too_long: '太长 {limit'\n", 3, "engine.too_long"),
        ("engine:\n  too_long: '{limit:을까}'\n", 2, "unknown particle"),
        ("- a list\n", 1, "a catalogue is a mapping"),
        ("layout:\n  votes:\n    one: '{count} 票'\n", 2, "a plural needs text for 'other'"),
    ],
)
def test_a_bad_catalogue_file_says_file_and_line(tmp_path, zh, line, reason):
    folder = _catalogue_dir(tmp_path, zh=zh)
    with pytest.raises(ContentFileError) as caught:
        i18n.load(folder)
    assert str(caught.value).startswith(f"strings/zh.yaml:{line}: "), str(caught.value)
    assert reason in str(caught.value)
    status, lines = i18n.check(folder)
    assert status == 1 and lines == [str(caught.value)]


def test_korean_or_english_missing_a_key_fails_the_check(tmp_path):
    folder = _catalogue_dir(tmp_path, extra_ko="demo:\n  only_korean: 한국어만\n")
    status, lines = i18n.check(folder)
    english = next(i for i, line in enumerate(lines) if line.startswith("en: "))
    assert (
        status == 1 and lines[english].endswith(", 1 missing") and lines[english + 1] == "  demo.only_korean"
    )


# -- a third language is a file --------------------------------------------------------------------
def test_a_third_language_falls_back_to_english_and_lists_its_missing_keys(tmp_path):
    folder = _catalogue_dir(tmp_path, zh=ZH.read_text())
    catalogue = i18n.use(folder)
    assert catalogue.languages == ("ko", "en", "zh")
    assert i18n.t("layout.skip", "zh") == "跳到正文"
    assert i18n.t("engine.too_long", "zh", limit=5) == "消息太长了(最多 5 个字)。请分几次发送。"
    assert i18n.t("layout.voice_map", "zh") == i18n.t("layout.voice_map", "en")  # not translated yet
    assert i18n.t("layout.skip", "ja") == i18n.t("layout.skip", "ko")  # no file: the city's language
    missing = catalogue.missing("zh")
    assert "layout.voice_map" in missing and "layout.skip" not in missing
    status, lines = i18n.check(folder)
    assert status == 0 and f"zh: 8 strings, {len(missing)} missing (shown in en)" in lines


@pytest.mark.usefixtures("built_index")
async def test_a_page_and_a_chat_reply_in_the_third_language(tmp_path, make_settings, make_client):
    folder = _catalogue_dir(tmp_path, zh=ZH.read_text())
    client = await make_client(make_settings(CIVICBOT_STRINGS_DIR=str(folder)))
    html = await (await client.get("/?lang=zh")).text()
    assert '<html lang="zh">' in html
    assert "跳到正文" in html and "主菜单" in html and "市民投票" in html  # layout and page keys
    assert i18n.t("layout.voice_map", "en") in html  # an untranslated key, in English
    widget = await (await client.get("/widget.js")).text()
    assert '"send": {"ko": "보내기", "en": "Send", "zh": "发送"}' in widget
    assert '["ko", "en", "zh"]' in widget
    reply = await client.post(
        "/api/chat", json={"conversation_id": "zh-1", "text": "/cancel", "language": "zh"}
    )
    body = await reply.json()
    assert body["text"] == "没有正在进行的操作可以取消。" and body["language"] == "zh"


# -- no user-facing Korean outside the catalogue ------------------------------------------------------
# Hangul a string literal may carry outside strings/: what recognises Korean *input* (regexes, word
# lists), data that is content (district names), and the catalogue's own particle rules.
EXEMPT_MODULES = {
    "civicbot/i18n.py": "the particle rules (ㄹ)",
    "civicbot/detail.py": "regexes recognising what a question asks for",
    "civicbot/geo.py": "구/동 name patterns and data",
    "civicbot/geocode.py": "address and landmark recognisers",
    "civicbot/moderation.py": "name and insult recognisers",
    "civicbot/privacy.py": "personal-data recognisers",
    "civicbot/text.py": "particles and stop words for search",
    "civicbot/crisis.py": "words of danger recognised in input",
    "civicbot/loanwords.py": "the Korean names of the Latin letters, recognised in input",
    "civicbot/knowledge.py": "question-word regex",
    "civicbot/citations.py": "other cities' names recognised in questions",
    "civicbot/other_places.py": "Korean words among city names, and the endings after a place name",
    "civicbot/categories.py": "phrases that mean 'I want to report'",
    "civicbot/config.py": "default settings (the city's name) are configuration",
    "civicbot/ingest/formats.py": "sentence-end regexes; a log message naming 한글 files",
}
EXEMPT_NAMES = {  # module: (qualified) names whose Hangul is input recognised or data, not text shown
    "civicbot/passwords.py": {
        "KEYBOARD_ROWS",
        "CITY_SUFFIX",
    },  # the Korean keyboard rows a password may run along
    "civicbot/dialogue.py": {
        "CANCEL_WORDS",
        "SKIP_WORDS",
        "_ASKS_HOW",
        "_SAYS_REPORT",
        "_ASKS_QUESTION",
        "_APPLIES_FOR",
        "_BEFELL_ME",
        "_NAMES_A_POLL",
        "_PROPOSES",
        "_A_FAULT",
        "_ABOUT_A_FILED_REPORT",
        "_TOLD_PLACE",
        "_BROKEN",
        "_BARE_PLACE_KO",  # flow24b: "강남역 포트홀": a place before a problem named alone
        "_ABOUT_THE_TOPIC",  # flow24b: "불법주차 과태료", "포트홀 수리 완료": a problem's topic
        "_PROBLEM_ABSENT",  # flow24b: "포트홀 없음": a problem named absent
        "_A_SLIP",  # flow24b: "잘못 눌렀어요": a slip owned up to
        "_WARM_UP",  # sample questions the engine asks itself while it loads; never shown
        "_ASKS_FOR_WORK",
        "_QUESTION_WORD",
        "_ONLY_REPORTING",
        "_TELLS_TROUBLE",
        "_CROWDED",
        "_MANY_OF_A_THING",
        "_SMELL_GIVEN_OFF",
        "_TRAILING_CONTACT",
        # dlg24: a civic problem named alone ("포트홀", "소음 신고"), recognised
        "_PROBLEM_NOUN",
        "_BARE_REPORTING_KO",
        "_BARE_END",
        "_POLITE_NOUN_END",
    },  # words recognised in input
    "civicbot/intents.py": {
        "_ABOUT_WORDS",
        "WISH_TO_REPORT",
        "_ALREADY_FILED",
        "_NOT_REPORTING",
        "_DISCLAIMER_FILLER",
        "only_disclaims_report",
    },  # recognisers
    "civicbot/report_flow.py": {
        "SKIP_WORDS",
        "ReportFlow._named_district",  # landmark suffixes: 합정역 -> 합정동
        "_LANDMARK_SUFFIXES",  # the same suffixes
        "_landmark_dong",  # 합정역 -> 합정동
        "_NO_PHOTO",  # "사진 없어요": no photo, recognised
        "_TRAILING",  # ㅠㅠ, ㅎㅎ after an answer
        # flow23: the steps' own words on top of civicbot.answers' shared yes and no
        "_CONFIRM_YES",  # "접수해 주세요": file it, recognised
        "_KEEP_PLACE",  # "이대로 둘게요": keep the rough place, recognised
        "_SUPPORT_YES",  # "공감할게요": support the similar report, recognised
        "_DUPLICATE_NEW",  # "새로 할게요": file a new one, recognised
        "_NAMES_PLACE",  # flow23b: "주소 바꿀래요": a change request naming the place
        "_NAMES_TEXT",  # flow23b: "내용 바꿀래요": naming the description
    },
    "civicbot/answers.py": {
        "_KO_END",
        "_KO_DO",
        "_YES_KO",  # "네", "좋아요", "그렇게 해 주세요": the shared yes, recognised
        "_WITH_YES",  # "감사합니다" beside a yes
        "_NO_KO",  # "아니요", "ㄴㄴ": the shared no, recognised
        "_AFTER_NO",  # "괜찮아요" after a no
        "STOP",  # "취소할게요", "안 할래요"
        "_DONE_SAYING",  # flow23c: "다 됐어요", "이제 됐어요": done, recognised (no stop)
        "_NOT_WORDS",  # "ㅋㅋ", "ㅎㅎ" around the words
        "QUESTION",  # question endings recognised
        "_CHOICE_NUMBER",  # a typed choice number: 2번이요
        "_NO_FIRST",  # "ㄴㄴ", "아뇨" before the step's own words
        # flow23b: wanting to stop, and asking to change something given earlier
        "_STOP_DO",  # "취소할게요", "그만둘래요": a stop word's endings
        "_STOP_CORE",  # "취소", "그만", "관둘게요", "됐어요", "나중에 할게요"
        "_STOP_AROUND",  # "아 잠깐", "그냥", "이거 다" around a stop
        "_ENOUGH",  # "됐어요"
        "CHANGE",  # "바꿀래요", "잘못 눌렀어요"
        "_WAIT_CORE",  # dlg24: "잠깐만요", "아직이요": asking for a moment, recognised
        "_WAIT_AROUND",  # "아니", "음" around it
    },
    "civicbot/follow_up.py": {
        "_REFERS_BACK",
        "_FUNCTION_WORDS",
        "_QUESTION_HEADS",
        "_TURNS_AWAY",
        "_HANGUL_RUN",
        "_DETAIL_WORD",
        "_DETAIL_ASKED",
    },
    "civicbot/proposal_flow.py": {
        "DONE_WORDS",
        "SKIP_WORDS",
        "_LIST_WORDS",
        "_PROPOSAL_NOUN",  # dlg24: "제안들", "제안된 거": proposals named as a noun
        "_ASKS_WHICH_PROPOSALS",  # dlg24: "제안 뭐 있어?": asking which proposals there are
        "_PROPOSING",  # dlg24: "제안하고 싶어요": proposing as a verb
        "_ASKS_WHAT_A_PROPOSAL_IS",  # flow24b: "제안이 뭐야?": what a citizen proposal is
        "_ONLY_THE_PROPOSALS",  # flow24b: "제안들?", "제안 목록": the proposals named alone
        "_NUMBERS",  # "2번이랑 3번": option numbers recognised
        "_REMOVE_KO",  # "3번 빼줘"
        "_REMOVE_NAMED_KO",  # "'나무 심기' 빼 주세요"
        "_EDIT_TITLE",  # "제목 수정"
        # prop22: the preview's yes and no, done, ordinals, and edits of one option or the description
        "_EDIT_DESCRIPTION",  # "설명 수정"
        "_KO_ORDINALS",  # "두번째"
        "_KO_ORDINALS_TH",  # "둘째"
        "_ORDINAL_KO",
        "_LAST_KO",  # "마지막 거"
        "_REMOVE_WHICH_KO",  # "빼줘"
        "_NUMBERED",
        "_PLEASE_KO",
        "_REPLACE_KO",  # "2번을 정자로 바꿔줘"
        "_REPLACE_KO_COLON",  # "2번 수정: 정자"
        "_REWRITE_KO",  # "2번 바꿔줘"
        "_DONE",  # "그게 다예요"
        "_PREVIEW_YES",  # "제출할게요": the preview's own yes (flow23: on civicbot.answers)
        "_OWN_PROPOSAL",  # "새로 제안할게요" at the similar proposals
        "_SUPPORT_YES",  # "공감할게요"
        "_NOT_WORDS",  # "ㅋㅋ", "ㅎㅎ" around the words
        "with_numbers",  # "2번째"
    },
    "civicbot/poll_flow.py": {
        "PollFlow._from_intent",
        "SKIP_WORDS",
        "_RECEIPT_WORDS",
        "_CHECKS_OWN_VOTE",
        "_TYPED_NUMBERS",
        "_DONE_WORDS",
        "_CHANGES_VOTE",  # flow23b: "잘못 눌렀어요", "투표 바꿀래요"
        "_PARTICLE_END",  # flow23b: "버스정류장으로": the option named
        "_NAMES_THE_VOTE",  # dlg24: "투표 바꿀래요": the vote named in a change request
    },  # words recognised in a request (결과, 영수증, 1번, 완료)
    "civicbot/polls.py": {
        "DISTRICTS",
        "AGE_BANDS",
        "NOT_GIVEN_LABEL",  # stored with ballots: data
        "_AGE_WORDS",
        "age_band_named",  # typed answers recognised: 30대, 35살, 20세 미만
    },
    "civicbot/web/open311.py": {"_request_body"},  # compares the configured 시/도 name
    "civicbot/voicemap.py": {"locate"},  # an English API message naming the 동
    "civicbot/slash.py": {
        "_PLACEHOLDER",
        "_EXAMPLE",
        "_KO_FORMAT",
        "_KO_AFTER",
        "_KO_OBJECT_END",
    },  # regexes over replies
    "civicbot/glossary.py": {"_GLOSSARY", "_COLLOQUIAL"},  # words looked up in pages, never shown
    "civicbot/service_names.py": {"_CATALOGUE"},  # service names looked up in questions and pages
    "civicbot/ingest/headings.py": {"_ENDS", "_MARKS"},  # sentence endings and list marks recognised
    "civicbot/ingest/tables.py": {"_STATEMENT"},  # sentence endings recognised in cells
}


def _owners(tree: ast.Module) -> list[tuple[int, int, str]]:
    """(first line, last line, qualified name) of every top-level name, class, function and method."""
    spans = []

    def visit(nodes: list[ast.stmt], prefix: str) -> None:
        for node in nodes:
            names = []
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names = [node.name]
                visit(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id]
            spans.extend((node.lineno, node.end_lineno or node.lineno, prefix + name) for name in names)

    visit(tree.body, "")
    return spans


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _english_naming_a_korean_term(text: str) -> bool:
    """An English message or API description that names a Korean term (동, 부적절) is not Korean text."""
    return len(re.findall(r"[A-Za-z]{3,}", text)) >= 3 and len(HANGUL.findall(text)) <= 6


def test_no_user_facing_korean_in_python_outside_the_catalogue():
    offenders = []
    for path in sorted((ROOT / "civicbot").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in EXEMPT_MODULES or name.startswith("civicbot/web/openapi"):
            continue
        tree = ast.parse(path.read_text())
        docstrings, spans = _docstrings(tree), _owners(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docstrings:
                continue
            if not HANGUL.search(node.value) or _english_naming_a_korean_term(node.value):
                continue
            owners = {n for start, end, n in spans if start <= node.lineno <= end}
            if not owners & EXEMPT_NAMES.get(name, set()):
                offenders.append(f"{name}:{node.lineno}: {node.value[:40]!r}")
    assert offenders == [], "move these to strings/<lang>.yaml and call t():\n" + "\n".join(offenders)


def test_no_korean_in_templates_or_scripts_outside_comments():
    offenders = []
    for path in sorted((ROOT / "civicbot" / "templates").rglob("*.html")):
        text = re.sub(r"\{#.*?#\}|<!--.*?-->", "", path.read_text(), flags=re.S)
        offenders += [
            f"{path.name}: {line.strip()[:60]}" for line in text.splitlines() if HANGUL.search(line)
        ]
    for path in sorted((ROOT / "civicbot" / "static").glob("*.js")):
        text = re.sub(r"/\*.*?\*/|(?<![:\\])//[^\n]*", "", path.read_text(), flags=re.S)
        for line in text.splitlines():
            # widget.js recognises the receipt line the server sends (strings: poll_flow.*) to offer a copy button
            if HANGUL.search(line) and "RECEIPT_PATTERN" not in line:
                offenders.append(f"{path.name}: {line.strip()[:60]}")
    assert offenders == []
