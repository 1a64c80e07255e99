"""Links and dates that let a citizen check an answer, and where a question is about.

- document_link: the document itself, scrolled to the quoted sentence (a URL text fragment,
  ``#:~:text=``, which Chromium and Safari follow and other browsers ignore harmlessly); a PDF
  opened at the page that holds it (``#page=N``, see pdf_fragment).
- as_of: "2019년 12월 기준" for a document more than a year old, so plans are not read as news.
- names_other_place / sounds_like_city_service: the wording of a refusal (see Dialogue._dont_know).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from urllib.parse import quote, urlsplit

from civicbot.i18n import t
from civicbot.other_places import other_places

_STALE_DAYS = 365


def knowledge_path(doc_id: str) -> str:
    """Where the server shows a document: /knowledge/<doc_id> (civicbot/web/knowledge.py)."""
    return "/knowledge/" + quote(doc_id, safe="/")


def document_link(document, sentence: str = "") -> str:
    """The document's own page: its ``source_url`` when that names a page rather than a site's
    home page (which does not let anyone check the quote), else /knowledge/<doc_id>.

    The quoted ``sentence`` (if any) is the fragment: a PDF served as its file opens at the page
    that holds it (pdf_fragment); any other page scrolls to it (text_fragment). A Word or HWPX
    file is downloaded, not shown, so its fragment does nothing (README "Citations").
    """
    url = document.source_url
    if url and urlsplit(url).path.strip("/") != "":
        return url + text_fragment(sentence, page=page_text(document)) if sentence else url
    url = knowledge_path(document.doc_id)
    if not sentence:
        return url
    if getattr(document, "fmt", "") == "pdf":
        page = page_of(document.body, getattr(document, "page_starts", ()), sentence)
        return url + pdf_fragment(page, sentence)
    return url + text_fragment(sentence, page=page_text(document))


def page_of(body: str, page_starts: Sequence[int], sentence: str) -> int:
    """The page (1-based) of a PDF whose text holds ``sentence``: where the sentence is found in
    ``body`` (as it is, else its first 40 non-space characters with any spacing between them,
    as answers join a paragraph's lines and the spacing model may have moved spaces), then which
    of ``page_starts`` (character offsets of each page in ``body``) comes last before it. Page 1
    when the sentence is not found or the pages are not known."""
    at = body.find(sentence)
    if at < 0:
        letters = "".join(sentence.split())[:40]
        found = re.search(r"\s*".join(map(re.escape, letters)), body) if letters else None
        at = found.start() if found else -1
    if at < 0 or not page_starts:
        return 1
    return max(bisect_right(page_starts, at), 1)


def pdf_fragment(page: int, sentence: str = "", words: int = 5) -> str:
    """``#page=N&search=%22first%20words%22&phrase=true``: the open parameters of a PDF link.

    Browsers' PDF viewers ignore ``#:~:text=``. Adobe's "Parameters for Opening PDF Files"
    (Acrobat SDK) define ``page=pagenum`` (the first page is 1) and ``search="word list"``,
    parameters joined by ``&``; RFC 8118 and ISO 32000-2 Annex O make them the PDF fragment
    identifiers. Chrome's viewer (chromium chrome/browser/resources/pdf/
    open_pdf_params_parser.ts) reads the fragment as URL parameters and acts on the keys it knows
    (page, zoom, view, nameddest, toolbar...), so ``search`` and ``phrase`` do nothing there;
    Firefox's pdf.js (web/pdf_link_service.js ``setHash``) opens ``page`` and runs
    ``search`` (its double quotes removed) as one phrase when ``phrase=true``, else word by
    word; Acrobat searches the words. The search is the sentence's first ``words`` words: a
    shorter phrase still matches where the PDF's own text is spaced or broken differently from
    the quote, and a phrase that does not match leaves the viewer on the page.
    """
    fragment = f"#page={max(int(page), 1)}"
    parts = sentence.split()[:words]
    if parts:
        fragment += "&search=" + quote('"' + " ".join(parts) + '"', safe="") + "&phrase=true"
    return fragment


@lru_cache(maxsize=2048)
def text_fragment(sentence: str, words: int = 8, page: str = "") -> str:
    """``#:~:text=[prefix-,]start[,end]``: a text directive whose first match on ``page`` is the
    quoted ``sentence`` (WICG "URL Fragment Text Directives").

    A browser highlights the FIRST match of the directive, so a start that also begins an earlier
    sentence ("스마트서울 CCTV 안전센터는 상암동 …" twice on one page) lit that sentence and
    everything up to the end words instead (newcomer probe 23). ``page`` is the text the page
    shows (page_text: blocks separated by newlines); the directive is the first of these whose
    first match there is the sentence: a short sentence (at most ``words`` words) whole; a long
    one by its first and last four words, then with the one to three words before it in its
    paragraph as ``prefix-``, then with a longer start or end, then whole (the first occurrence of
    the whole sentence is always the sentence's first occurrence). Terms are percent-encoded:
    the syntax reserves ``-``, ``,`` and ``&``. With no ``page``, or a sentence not on it, the
    first and last four words, as before. "" for an empty sentence.
    """
    parts = sentence.split()
    if not parts:
        return ""
    if len(parts) <= words:
        return _directive(None, " ".join(parts), None)
    half = max(words // 2, 1)
    fallback = _directive(None, " ".join(parts[:half]), " ".join(parts[-half:]))
    blocks = [" ".join(block.split()) for block in page.split("\n")]
    flat = " ".join(blocks)
    folded = _fold(flat)
    quote = " ".join(parts)
    at = folded.find(_fold(quote))
    if not page or at < 0:
        return fallback
    target = (at, at + len(quote))
    # The words right before the sentence in its own block: a prefix never reaches into the
    # heading or paragraph above, where matching differs between browsers.
    block_start = 0
    for block in blocks:
        if block_start + len(block) >= at:
            break
        block_start += len(block) + 1
    before = flat[block_start:at].split()
    prefixes = [None] + [" ".join(before[-n:]) for n in range(1, min(len(before), 3) + 1)]
    tries = [(prefix, half, half) for prefix in prefixes]
    tries += [(None, k, m) for k in range(half + 1, len(parts)) for m in range(half, len(parts) - k + 1)]
    for prefix, k, m in tries:
        start, end = " ".join(parts[:k]), " ".join(parts[-m:])
        if first_match(folded, _fold(prefix) if prefix else None, _fold(start), _fold(end)) == target:
            return _directive(prefix, start, end)
    return _directive(None, quote, None)


def page_text(document) -> str:
    """The text /knowledge/<doc_id> shows of ``document``, one block (the title, a heading, a
    paragraph) a line, its Markdown heading marks dropped: what a text directive is matched on.
    The page's own words around it (menu, dates, footer) are left out; a quoted sentence does
    not begin with them."""
    return _page_text(getattr(document, "title", "") or "", getattr(document, "body", "") or "")


# Both are asked again for every answer that quotes a page; a page's text is the same str
# object each time (the cache's), so its hash is computed once.
@lru_cache(maxsize=256)
def _page_text(title: str, body: str) -> str:
    lines = [title]
    for line in body.splitlines():
        line = line.strip()
        if line.startswith("#"):
            line = line.lstrip("#").strip()
        lines.append(line)
    return "\n".join(line for line in lines if line)


def first_match(text: str, prefix: str | None, start: str, end: str | None) -> tuple[int, int] | None:
    """(begin, end) offsets of the first match of a text directive in ``text``, or None: the
    spec's "find a range from a text directive" over plain text, every occurrence counted
    whatever the word boundaries (a browser counts only those on word boundaries, so a first
    match here that is the sentence is the browser's first match too)."""
    search = 0
    while search < len(text):
        if prefix is not None:
            found = text.find(prefix, search)
            if found < 0:
                return None
            search = found + 1
            begin = found + len(prefix)
            while begin < len(text) and text[begin].isspace():
                begin += 1
            if not text.startswith(start, begin):
                continue
        else:
            begin = text.find(start, search)
            if begin < 0:
                return None
            search = begin + 1
        stop = begin + len(start)
        if end is not None:
            found = text.find(end, stop)
            if found < 0:
                return None
            stop = found + len(end)
        return begin, stop
    return None


def _fold(text: str) -> str:
    """``text`` as the directive's matching compares it, one character for one: the spec
    compares base characters (UTS #10 primary level), so case and accents do not count."""
    return "".join(_fold_char(char) for char in text)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    folded = base.casefold()
    if len(folded) == 1:
        return folded
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def _directive(prefix: str | None, start: str, end: str | None) -> str:
    """``#:~:text=`` with its terms percent-encoded (``-``, ``,`` and ``&`` are the syntax's)."""

    def enc(text: str) -> str:
        return quote(text, safe="").replace("-", "%2D")

    terms = ([enc(prefix) + "-"] if prefix else []) + [enc(start)] + ([enc(end)] if end else [])
    return "#:~:text=" + ",".join(terms)


def as_of(updated: str, language: str, today: dt.date | None = None) -> str:
    """ "2019년 12월 기준" / "as of December 2019" when the date is more than a year old, else ""."""
    try:
        date = dt.date.fromisoformat(updated[:10])
    except (TypeError, ValueError):
        return ""
    today = today or dt.date.today()
    if (today - date).days <= _STALE_DAYS:
        return ""
    return t("engine.as_of", language, year=date.year, month=date.month, month_name=date.strftime("%B"))


# Places a Seoul bot does not answer for, named bare ("부산 음식물쓰레기"): Korea's big cities, its
# provinces and a few famous abroad. Every other city comes from the GeoNames gazetteer (civicbot/other_places.py),
# with stricter rules, since its 34,000 names include Nice, Reading, 구미 and 진주. The configured
# city's own names are never "other".
_PLACE_WORDS = [
    "부산",
    "대구",
    "인천",
    "광주",
    "대전",
    "울산",
    "세종시",
    "수원",
    "성남",
    "고양",
    "용인",
    "창원",
    "청주",
    "전주",
    "천안",
    "포항",
    "제주",
    "강릉",
    "춘천",
    # The provinces, by their full names only: 경기 is also a match or the economy, and 전남 begins
    # 전남친 and 전남편 (an ex-boyfriend, an ex-husband).
    "경기도",
    "강원도",
    "충청도",
    "충청북도",
    "충청남도",
    "전라도",
    "전라북도",
    "전라남도",
    "경상도",
    "경상북도",
    "경상남도",
    "Gyeonggi",
    "Gangwon",
    "Busan",
    "Daegu",
    "Incheon",
    "Gwangju",
    "Daejeon",
    "Ulsan",
    "Suwon",
    "Jeju",
    "Tokyo",
    "Osaka",
    "Beijing",
    "Shanghai",
    "New York",
    "London",
    "Paris",
    "Berlin",
    "Singapore",
    "Hong Kong",
    "Bangkok",
    "Sydney",
]


# Place names that begin a common word, or a facility that serves Seoul: what follows them there
# (고양이 is a cat, not Goyang). Seoul's international airport is in Incheon: "인천공항 가는 버스",
# "to Incheon Airport" ask about getting there from Seoul, not about Incheon's own services.
_AIRPORT_AFTER = r"(?!\s*(?:국제\s*)?공항|\s+(?:international\s+)?airport)"
_COMMON_WORD_AFTER = {"고양": "(?!이)", "광주": "(?!리)", "인천": _AIRPORT_AFTER, "incheon": _AIRPORT_AFTER}


# Where the asker comes from is not what they ask about: "I'm from Busan, studying in Seoul",
# "부산에서 올라와서 서울에서 대학 다니는데", "대구 출신인데", "고향이 광주라". Such a phrase is
# left out before other places are looked for; a place named again elsewhere still counts
# ("부산에서 왔는데 부산 가는 기차표"). Living there now ("부산 사는데") is not where one came from.
_PLACE_WORD = r"[A-Za-z][\w-]*(?:\s+[A-Z][\w-]*)?"
_ORIGIN = re.compile(
    # English, the lead words in any case: "I'm from Busan", "I'm a student from Daegu", "we moved
    # here from Tokyo", "I moved to Seoul from Busan", "born and raised in Busan", "my hometown is X".
    rf"\b(?i:(?:i['’]?m|i\s+am|we['’]?re|we\s+are)(?:\s+[a-z]+){{0,3}}?\s+from)\s+{_PLACE_WORD}|"
    rf"\b(?i:(?:came|moved|relocated|come)(?:\s+(?:here|over|up|down|to\s+\w+))?\s+from)\s+{_PLACE_WORD}|"
    # a visitor: "visiting from Tokyo", "here on holiday from Osaka", "travelling from Paris"
    rf"\b(?i:(?:visiting|travel{{1,2}}ing|(?:here\s+)?on\s+(?:a\s+)?(?:trip|holiday|vacation|business\s+trip))\s+from)\s+{_PLACE_WORD}|"
    rf"\b(?i:originally\s+from|(?:born|raised|grew\s+up)(?:\s+and\s+(?:raised|grew\s+up))?\s+in)\s+{_PLACE_WORD}|"
    rf"\b(?i:(?:my\s+)?home\s?town\s+is)\s+{_PLACE_WORD}|"
    # Korean: "부산 출신", "부산 토박이", "부산 사람인데", "부산에서 (서울로) 올라와서", "부산서 왔는데",
    # "대구에서 태어났는데", "부산이 고향인데", "고향이 광주", "본가가 대구".
    r"(?<![가-힣])[가-힣]+\s?(?:출신|토박이|사람인데|사람이라)|"
    r"(?<![가-힣])[가-힣]+(?:에서|서)\s?(?:[가-힣]+(?:로|으로)\s?)?"
    # a visitor's errand before the verb: "도쿄에서 놀러 왔는데", "오사카에서 여행 온", "출장 왔어요"
    r"(?:(?:놀러|여행|관광|출장|구경|유학|(?:일|공부|관광|여행|구경)하러)\s?)?"
    r"(?:왔|온(?![가-힣])|올라|(?:이사|전학|전입)\s?(?:왔|와|온|했)|상경|살다|태어|자랐|자란)|"
    r"(?<![가-힣])[가-힣]+(?:이|가)\s?고향|(?:고향|본가|친정|시댁)(?:이|가|은|는)\s?[가-힣]+",
)


def names_other_place(text: str, city_names: Iterable[str]) -> bool:
    """Whether the message asks about another city (부산, Tokyo, "in Taipei", "리옹에서"), not this one.

    ``city_names``: the configured city's names ({"서울", "Seoul"}); they and every gazetteer city in
    the same region (all of Seoul) are never "other". Where the asker comes from (_ORIGIN: "I'm from
    Busan", "부산에서 올라와서") does not count."""
    return bool(other_places_named(text, city_names))


def other_places_named(text: str, city_names: Iterable[str]) -> list[str]:
    """The other cities the message asks about, as written there (casefolded for the listed
    places: ["부산"], ["singapore"]; the gazetteer's first name otherwise), or []. The asker's origin
    (_ORIGIN) is left out, as in names_other_place."""
    city_names = frozenset(city_names)
    text = _ORIGIN.sub(" ", text)
    listed = [match.group() for match in _listed_places(city_names).finditer(text.casefold())]
    gazetteer_name = other_places(city_names).named_in(text)
    return listed + ([gazetteer_name] if gazetteer_name else [])


@lru_cache(maxsize=16)
def _listed_places(city_names: frozenset[str]) -> re.Pattern[str]:
    """One pattern for every _PLACE_WORDS name (found where a word starts: the rules before the
    gazetteer) that is not one of ``city_names`` (nor inside one, nor holding one), compiled once
    per city: a pattern per name per message cost more than the rest of the check."""
    own = {name.casefold() for name in city_names}
    alternatives = []
    for place in _PLACE_WORDS:
        name = place.casefold()
        if name in own or any(name in o or o in name for o in own):
            continue
        if re.match(r"[가-힣]", name):
            # A place name starts a word: 용인 inside 이용인원 (users) is no city. A name that is the
            # head of a common word (고양 in 고양이, cat) is not one there either.
            alternatives.append(rf"(?<![가-힣]){re.escape(name)}{_COMMON_WORD_AFTER.get(name, '')}")
        else:
            alternatives.append(rf"\b{re.escape(name)}\b{_COMMON_WORD_AFTER.get(name, '')}")
    # Nothing to look for: a pattern that never matches.
    return re.compile("|".join(f"(?:{a})" for a in alternatives) or r"(?!)")


# A question about the weather to come: a forecast is not a city service, whatever page is nearest
# ("Will it snow in Seoul tomorrow?" shares Seoul and a season with the heat-shelter page). Rain in
# a condition ("비 오면 물이 들어와요", "floods when it rains") asks about the city's help, not the sky.
_ASKS_WEATHER = re.compile(
    # the weather asked about, not named in passing ("더운 날씨에 쉼터 어디야" asks for a shelter)
    r"날씨\s?(?:어때|어떄|어떨|어떻|알려|좋|맑|궁금)|(?:내일|오늘|모레|주말|이번\s?주)\s?날씨|"
    r"일기\s?예보|우산\s?(?:챙|가져|필요)|"
    # the air and the temperature asked for a day ("내일 미세먼지 어때", "토요일에 영하로 떨어져?"),
    # not the city's dust policy ("미세먼지 저감 정책 뭐 있어")
    r"(?:미세먼지|초미세먼지|황사|공기\s?질|기온)\s?(?:어때|어떄|어떨까|심해(?!서|지|도)|나빠(?!서|지|도)|나쁨|좋아(?!서|지|도)|수치|농도\s?(?:어때|알려))|"
    r"(?:내일|오늘|모레|주말|이번\s?주|지금)\s?(?:서울\s?)?(?:미세먼지|초미세먼지|황사|기온)|"
    r"영하로\s?(?:떨어|내려)|"
    # "비 와?", "눈 올까요": the sentence ends with it ("비와 바람에…" is rain and wind, not a question)
    r"(?<![가-힣])(?:비|눈)\s?(?:와|와요|올까|올까요|오나|오나요|오냐|온대|온대요|온다|내릴까|내리나|오려나)"
    r"\s*[?？.!~ㅠㅜ]*\s*$|"
    r"\bweather\s+(?:like|today|tomorrow|tonight|this|next|forecast)\b|"
    r"\b(?:air\s+quality|fine\s+dust|temperature)\s+(?:today|tomorrow|tonight|this\s+week(?:end)?|forecast|like)\b|"
    r"\b(?:drop|fall|go)\s+below\s+(?:zero|freezing)\b|"
    r"\b(?:what's|what\s+is|how's|how\s+is)\s+the\s+weather\b|\b(?:will|is|does)\s+it\s+(?:be\s+going\s+to\s+|going\s+to\s+)?"
    r"(?:rain|snow|be\s+(?:sunny|cold|hot|rainy|windy))\b",
    re.IGNORECASE,
)


def asks_about_weather(text: str) -> bool:
    """Whether the message asks what the weather will be (a forecast), which no city page answers."""
    return bool(_ASKS_WEATHER.search(text))


_CITY_SERVICE = re.compile(
    r"신청|발급|신고|요금|수수료|지원|구청|주민센터|동사무소|민원|버스|지하철|주차|쓰레기|자전거|따릉이|복지|"
    r"여권|면허|등본|증명|세금|과태료|공원|도서관|보건소|수도|청약|허가|임대|보조금|수당|연금|폐기물|폐가구|폐가전|"
    # public facilities a city runs or books: a question about one is a city service
    r"화장장|장례|묘지|봉안|복지관|경로당|어린이집|체육센터|수영장|주차장|공영|시립|구립|"
    r"조리원|캠핑장|야영장|체육관|운동장|경기장|공연장|물놀이장|놀이터|회의실|강의실|교실|강당|텃밭|"
    r"미술관|박물관|과학관|수련관|대관|"
    r"\b(?:permit|certificate|licen[cs]e|passport|bus|subway|parking|garbage|waste|tax|benefit|"
    r"welfare|library|park|apply|application|register|registration|pension|allowance)\b",
    re.IGNORECASE,
)


# Games of chance and investments are never a city service, whatever service word they hold
# (연금복권 is a lottery, not a pension).
_NEVER_A_CITY_SERVICE = re.compile(
    r"복권|로또|주식|코인|\b(?:lottery|lotto|stocks?|crypto|bitcoin)\b", re.IGNORECASE
)


def sounds_like_city_service(text: str) -> bool:
    """Whether the message is about a public service a city runs (one we may lack a page on)."""
    return bool(_CITY_SERVICE.search(text)) and not _NEVER_A_CITY_SERVICE.search(text)
