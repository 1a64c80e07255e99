"""The report conversation: what is wrong -> where -> a photo (optional) -> category -> confirm.

Every channel gets it through the Dialogue. Everything the flow knows sits in ``turn.state`` (kept
in SQLite), so a restart in the middle of a report forgets nothing. Cancel ("/cancel", "취소") is the
Dialogue's; the flow takes every other way of saying it at every step ("아 잠깐 취소", "그만할래요",
"never mind": civicbot.answers.wants_to_stop). After the place step, the place and the description
can still be changed ("주소 바꿀래요", "내용 바꿀래요", or a place typed at the photo or confirm step). The shared conventions (payloads, ``expects``) are in the team brief and the README:

    /report                          start (or the report_complaint intent)
    /report skip                     no photo
    /report category <code>          choose the category
    /report categories               show every category
    /report support <id>             support a similar report instead of filing a new one
    /report new                      file a new one anyway
    /report confirm                  submit; the reply carries the tracking id
    /status <id>                     a report's status (or the complaint_status intent)
"""

from __future__ import annotations

import asyncio
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict

from civicbot import addresses, answers, clock, dialogue, notify, privacy, voicemap
from civicbot.categories import Catalogue, CategorySuggester, catalogue_for, suggester_for
from civicbot.citations import names_other_place
from civicbot.config import Settings
from civicbot.content import ContentFileError
from civicbot.db import Database
from civicbot.dialogue import Button, Reply, Turn
from civicbot.embeddings import Embedder
from civicbot.geo import (
    DISTRICT_NAMES_EN,
    Gazetteer,
    Place,
    PlaceError,
    check_coordinates,
    gazetteer,
    romanise_dong,
)
from civicbot.geocode import (
    GeocodeError,
    Geocoder,
    OfflineGeocoder,
    TypedPoint,
    landmark_area_text,
    map_link,
    names_outside,
    recognise,
    typed_point,
)
from civicbot.geocode import from_settings as geocoder_from_settings
from civicbot.i18n import t
from civicbot.intents import IntentClassifier, disclaims_report
from civicbot.moderation import ABUSE, NAME, PRE, Moderator, moderator_for

log = logging.getLogger(__name__)

REPORT_INTENT = "report_complaint"
STATUS_INTENT = "complaint_status"
SKIP_WORDS = dialogue.SKIP_WORDS | {"건너뛸게요", "없어요", "사진 없음", "no", "no photo", "아니요"}
# At the photo step, saying there is none in everyday words: "사진 없어요", "사진은 못 찍었어요",
# "찍은 거 없는데", "패스", "생략할게요", "I don't have one", "no pictures". Newcomer trial
# 2026-12-02: "사진 없어요" was asked for a photo again and again (only exact words were skip).
_NO_PHOTO = re.compile(
    r"^\s*(?:(?:사진|폰|카메라)\s*(?:은|는|이|가|도)?\s*)?(?:지금\s*)?"
    r"(?:없|못\s*찍|안\s*찍|찍은\s*(?:거|게|건)\s*없|패스|생략|넘어가|넘길|스킵|건너\s*[뛰뛸뛴뜀띄띌])"
    r"|\b(?:no|none|nope|skip|pass)\b(?:\s+(?:photos?|pictures?|pics?|images?))?\s*[.!]*\s*$"
    r"|\b(?:don'?t|do\s+not|didn'?t|can'?t|cannot)\s+(?:have|take|send|get)\b",
    re.IGNORECASE,
)
# The steps' own words, layered on the shared yes (civicbot.answers, which reads them folded: no
# spaces, casefolded). The confirm step: filing it ("접수해 주세요", "신고할게요", "submit", "file it").
_CONFIRM_YES = (
    answers.ends("접수|신고|제출|등록|보내|넣어|신청|확인")
    + r"|confirm(?:ed)?|submit+|sumbit|file|send|report|fileit|sendit|submitit|reportit|confirmit|postit"
)
# The rough-place step ("keep the 동's middle?"): "이대로 둘게요", "그대로 두세요", "keep it".
_KEEP_PLACE = (
    r"(?:이대로|그대로|여기로|거기로)?(?:둘게|둘래|두세|둬|두어|놔둘게|놔두세|놔둬)(?:요|용)?|"
    + answers.ends("확인|접수")
    + r"|keep(?:it|that|this)?|confirm|submit|fineasitis|asitis|leaveit"
)
# The similar-report offer: supporting it ("공감할게요", "support it", "agree", "me too").
_SUPPORT_YES = answers.ends("공감|동의") + r"|support(?:it|that|this)?|agree|metoo|same"
# ... or filing mine anyway, anywhere in the answer ("아니요, 새로 할게요", "그냥 접수", "new one",
# "file mine"): the new button's words.
_DUPLICATE_NEW = re.compile(r"새로|그냥\s*(?:접수|신고)|따로|\bnew\b|file\s+(?:mine|it|a new)", re.IGNORECASE)
_TRAILING = re.compile(r"[\s.!~;^ㅠㅜㅎㅋ]+$")
# Channels with no map and no location sharing: the chat API (POST /api/chat) and the terminal.
NO_MAP_CHANNELS = frozenset({"api", "cli"})
_MAX_SIMILAR = 3
# A question ("…몇 시에 열어요?", "What is S-Net?") is no answer to the step's question.
_QUESTION = answers.QUESTION
# The intents that, at the category step, are plainly another request: the Dialogue takes them.
# Help, greetings and an unsure "question" are not ("잘 모르겠어요" reads as help): asked again.
_LEAVES_STEP = ("propose", "polls", STATUS_INTENT)
# The steps after the place is given, where it (or the description) may still be changed.
_AFTER_PLACE = ("photo", "category", "duplicate", "confirm")
# What a change request names: the place ("주소 바꿀래요", "위치 잘못 입력했어요", "change the
# address") or the description ("내용 수정할게요", "change the description"); newcomer probe,
# twenty-third pass: once given, neither could be changed short of cancelling.
_NAMES_PLACE = re.compile(
    r"주소|장소|위치|지역|동네|다른\s*곳|\b(?:address|place|location|spot|area)\b", re.IGNORECASE
)
_NAMES_TEXT = re.compile(
    r"내용|설명|문구|신고\s*글|쓴\s*(?:거|글|것)|적은\s*(?:거|글|것)|\b(?:description|text|wording|details)\b"
    r"|\bwhat\s+i\s+(?:wrote|said|typed)\b",
    re.IGNORECASE,
)
_CHANGE_AT_MOST = 60  # characters: a change request is short; a longer message is something else
_PLACE_AT_MOST = 80  # characters: an address typed in full fits; a description rarely does


def _district_spellings(english: str) -> tuple[str, ...]:
    """How a district's English name is typed, casefolded: "Mapo-gu" -> ("mapo-gu", "mapogu",
    "mapo"). A Korean report's place typed in Latin letters keeps the conversation Korean (probe
    of flow23b: "Mapo" at the photo step switched it to English)."""
    name = english.casefold()
    return (name, name.replace("-", ""), name.removesuffix("-gu"))


class ReportFlow:
    """The report conversation (see the module docstring for its commands and payloads)."""

    name = "report"
    commands = ("/report", "/status")
    intents = (REPORT_INTENT, STATUS_INTENT)
    # A photo sent with no flow under way starts a report with it (the Dialogue asks the flows
    # that accept photos; probe22 #8 found "the message is empty").
    accepts = ("photo",)
    # Typed alone in a Korean conversation ("skip", "submit"), these keep it Korean.
    # A yes typed in English ("yes please", "sure", "keep it") is one too: "yes please" at the rough
    # place turned a Korean report English (a flake of test_flows_twentythird's Hypothesis test).
    latin_commands = (
        frozenset(
            [
                "skip",
                "submit",
                "confirm",
                "new",
                "yes",
                "yep",
                "yeah",
                "sure",
                "please",
                "keep",
                "it",
                "ok",
                "okay",
            ]
        )
        | frozenset(  # "Mapo", "Gangnam-gu", "Mapo gu" at the photo or confirm step: a place, not English
            ["gu"]
        )
        | frozenset(
            spelling for english in DISTRICT_NAMES_EN.values() for spelling in _district_spellings(english)
        )
    )

    def __init__(
        self,
        settings: Settings,
        db: Database,
        embedder: Embedder,
        executor: ThreadPoolExecutor,
        catalogue: Catalogue | None,
        places: Gazetteer,
        suggester: CategorySuggester | None,
        status_examples: object | None = None,
        geocoder: Geocoder | None = None,
        intent_model: IntentClassifier | None = None,
    ) -> None:
        self.settings = settings
        self.geocoder = geocoder or OfflineGeocoder()
        self.db = db
        self.embedder = embedder
        self.executor = executor
        self.catalogue = catalogue
        self.moderator: Moderator | None = None  # set by build_report_flow: what holds a report for review
        self.places = places
        self.suggester = suggester
        self.status_examples = status_examples  # a two-intent classifier: report or status?
        # Every intent, as the Dialogue classifies (civicbot.intents.IntentClassifier): tells a
        # message that is another request from an attempt to answer the category step.
        self.intent_model = intent_model
        self.secret = settings.secret()

    # -- entry -----------------------------------------------------------------------------
    def claims(self, text: str) -> bool:
        """A fresh message naming one of our tracking ids ("SEL-7K3F9Q 어떻게 됐어요?", "sel7k3f9q
        처리됐나요") asks for that report's status: the intent model took such messages for chatter."""
        found = voicemap.find_public_id(text)
        prefix = self.catalogue.id_prefix if self.catalogue is not None else "SEL"
        return found is not None and found.startswith(prefix + "-")

    async def handle(self, turn: Turn) -> Reply | None:
        words = turn.text.split()
        command = words[0].casefold() if words and words[0].startswith("/") else ""
        if command == "/status":
            return await self._status(turn, " ".join(words[1:]))
        if self.catalogue is None or self.suggester is None:
            turn.done = True
            return self._reply(turn, t("report_flow.unavailable", turn.language))
        if command == "/report":
            return await self._command(turn, words[1:])
        if not turn.state.get("step") and turn.incoming.photo is not None and not turn.text:
            return await self._started_by_photo(turn)
        if not turn.state.get("step"):
            return await self._started_by_intent(turn)
        return await self._message(turn)

    async def _started_by_intent(self, turn: Turn) -> Reply | None:
        if await self._is_status_question(turn.text):
            return await self._status(turn, turn.text)
        turn.state.clear()
        turn.state["step"] = "what"
        notes: list[str] = []
        if turn.text and not await self._run(self.suggester.is_generic, turn.text):
            problem = self._take_text(turn)
            if isinstance(problem, Reply):
                return problem
            notes = problem  # "the registration number was removed" belongs to the first reply too
        if turn.incoming.photo is not None and await self._take_photo(turn, turn.incoming.photo) is None:
            notes.append(t("report_flow.photo_saved", turn.language))  # a captioned photo: kept
        return await self._next(turn, notes)

    async def _started_by_photo(self, turn: Turn) -> Reply:
        """A photo with no words and no flow under way: a report starts with it, asking what the
        problem is (cancel leaves nothing). A photo that cannot be kept (too large, not an image)
        starts nothing: the reply says why and offers the report button."""
        turn.state.clear()
        turn.state["step"] = "what"
        problem = await self._take_photo(turn, turn.incoming.photo)
        language = turn.language
        if problem is not None:
            turn.done = True
            button = Button(t("engine.button_report", language), "/report")
            return self._reply(
                turn, _join(problem.text, t("report_flow.photo_outside_report", language)), [button]
            )
        text = _join(t("report_flow.photo_starts_report", language), t("report_flow.ask_what", language))
        return self._reply(turn, text, [Button(t("engine.button_cancel", language), "/cancel")])

    async def _is_status_question(self, text: str) -> bool:
        if voicemap.find_public_id(text):
            return True
        if self.status_examples is None:
            return False
        return await self._run(self._closer_to_status, text)

    def _closer_to_status(self, text: str) -> bool:
        # Contact details or a name at the end ("가로등 신고합니다 저는 최지우") say nothing of whether
        # a report is new or asked after; with them, the message read closer to a status question.
        text = dialogue.without_trailing_contact(text)
        vector = self.embedder.embed_queries([text])[0]
        return self.status_examples.classify(text, vector).intent == STATUS_INTENT

    async def _command(self, turn: Turn, args: list[str]) -> Reply | None:
        verb = args[0].casefold() if args else ""
        state = turn.state
        if verb == "support" and len(args) > 1:  # an old button too, with or without a draft
            return await self._support(turn, args[1].upper())
        if not verb or not state.get("step"):
            state.clear()
            state["step"] = "what"
            return await self._next(turn)
        if verb == "skip" and state.get("step") == "photo":
            state["photo_done"] = True
            return await self._next(turn)
        if verb == "categories":
            return self._all_categories(turn)
        if verb == "category" and len(args) > 1 and self.catalogue.get(args[1]) is not None:
            if not (state.get("text") and state.get("place")):
                return await self._next(turn)
            state.update(category=args[1], photo_done=True, checked=False)
            return await self._next(turn)
        if verb == "new":
            state["checked"] = True
            return await self._next(turn)
        if verb == "place" and len(args) > 1 and state.get("place"):
            return await self._settle_place(turn, args[1].casefold())
        if verb == "confirm" and state.get("step") == "confirm":
            return await self._submit(turn)
        return await self._next(turn)  # a stale button: show where we are

    async def _message(self, turn: Turn) -> Reply | None:
        """A typed message, a location or a photo while the report is being written."""
        state, incoming = turn.state, turn.incoming
        step = state.get("step")
        notes: list[str] = []
        if step != "confirm" and turn.text and disclaims_report(turn.text):
            turn.done = True  # "신고하려는 게 아니라 궁금해서요": the Dialogue answers it afresh
            return None
        if turn.text and self._stops(turn):
            return self._cancelled(turn)
        if turn.text and step in _AFTER_PLACE:
            changed = await self._change_asked(turn)
            if changed is not None:
                return changed
        if incoming.location is not None and not (state.get("place") and state.get("step") != "where"):
            problem = await self._take_point(turn, *incoming.location)
            if problem is not None:
                return problem
            conflict = self._conflict(turn)
            if conflict is not None:
                return conflict
            notes.append(
                t("report_flow.place_line", turn.language, place=self._place(state).label(turn.language))
            )
        elif step == "what":
            problem = self._take_text(turn)
            if isinstance(problem, Reply):
                return problem
            notes.extend(problem)
        elif step == "where":
            return await self._take_typed_place(turn)
        elif step == "photo":
            if incoming.photo is not None:
                problem = await self._take_photo(turn, incoming.photo)
                if problem is not None:
                    return problem
                notes.append(t("report_flow.photo_saved", turn.language))
            elif says_no_photo(turn.text):
                state["photo_done"] = True
            elif _QUESTION.search(turn.text):
                turn.aside = True  # "근데 에스넷이 뭐야?": answered afresh, the report waits
                return None
            elif await self._reads_as_place(turn.text):
                return await self._replace_place(turn)  # "서초구 서초동": the place, changed
            else:
                return self._ask_photo(turn, t("report_flow.photo_or_skip", turn.language))
        elif step == "category":
            code = self._category_named(turn.text) or self._category_numbered(turn)
            if code is None:
                if await self._says_something_else(turn.text):
                    return None  # the Dialogue leaves the report and answers the message afresh
                return self._all_categories(turn)
            state.update(category=code, checked=False)
        elif step == "duplicate" and turn.text:
            answer = self._duplicate_answer(turn)
            if answer == "new":
                state["checked"] = True
            elif answer is not None:
                return await self._support(turn, answer)
            elif _QUESTION.search(turn.text):
                turn.aside = True  # "근데 공감은 뭐예요?": answered afresh, the offer waits
                return None
            else:  # neither: the same question again, not a new report
                return await self._offer_again(turn)
        elif step == "confirm" and answers.says_yes(turn.text, _CONFIRM_YES):
            return await self._submit(turn)
        elif step == "confirm" and answers.says_no(turn.text):
            # "아니요" to "접수할까요?": not filed, and said so; the draft is kept (send 'cancel' to
            # drop it), as before a no re-showed the summary without a word.
            notes.append(t("report_flow.not_filed_yet", turn.language))
        elif step == "confirm" and answers.wants_to_wait(turn.text):
            # "아니 잠깐", "잠깐만요", "wait": nothing filed, the draft kept, and what can be done
            # now (before: the same question again, not a word more; twenty-fourth pass).
            notes.append(t("report_flow.confirm_waiting", turn.language))
        elif step == "confirm" and len(voicemap.EMAIL.findall(turn.text)) == 1:
            # "제 이메일은 kim@naver.com 이에요": the one address in the sentence. Private: officials
            # and the notifier only; the rest of the sentence is not kept.
            state["email"] = voicemap.EMAIL.search(turn.text).group()
        elif step == "confirm" and "@" in turn.text:
            notes.append(t("report_flow.email_invalid", turn.language))
        elif step == "confirm" and await self._reads_as_place(turn.text):
            return await self._replace_place(turn)  # "서초구 서초동": the preview at the new place
        elif step == "confirm" and turn.text:
            # Anything else at "접수할까요?": the preview again, saying what may be sent (as the
            # proposal preview does); before, it came back without a word.
            notes.append(t("report_flow.confirm_choices", turn.language))
        elif incoming.photo is not None and not state.get("photo_done"):
            await self._take_photo(turn, incoming.photo)
        return await self._next(turn, notes)

    # -- stopping and changing what was given -----------------------------------------------
    @staticmethod
    def _stops(turn: Turn) -> bool:
        """Whether the message only says to stop the report ("아 잠깐 취소", "그만할래요", "아니
        취소해주세요", "wait, cancel that": civicbot.answers.wants_to_stop). The step's own words come
        first: at the photo step "아니요 됐어요" is no photo, at the confirm step a clear no keeps the
        draft (saying how to drop it). A description that holds the words is no stop (whole
        messages only)."""
        text, step = turn.text, turn.state.get("step")
        if step == "photo" and says_no_photo(text):
            return False
        if step == "confirm" and answers.says_no(text):
            return False
        # The similar-report offer is a yes/no question too: a bare "됐어요" there keeps the draft.
        return answers.wants_to_stop(text, yes_no=step in ("confirm", "duplicate"))

    @staticmethod
    def _cancelled(turn: Turn) -> Reply:
        """The report dropped, nothing filed: what the Dialogue's exact "취소" says, from the flow."""
        turn.done = True
        return Reply(t("report_flow.cancelled", turn.language), "cancel", 1.0, turn.language)

    async def _change_asked(self, turn: Turn) -> Reply | None:
        """After the place is set, a request to change it ("주소 바꿀래요", "장소 다시 입력할게요",
        "change the address") or the description ("내용 바꿀래요", "change the description"): back
        to that step, the rest of the draft kept; then on to where the report was. A request that
        also names the new place ("주소를 서초구 서초동으로 바꿔 주세요") takes it at once. None when
        the message asks neither."""
        text, state, language = turn.text, turn.state, turn.language
        if len(text) > _CHANGE_AT_MOST or not answers.CHANGE.search(text):
            return None
        if _NAMES_PLACE.search(text):
            if await self._reads_as_place(_NAMES_PLACE.sub(" ", answers.CHANGE.sub(" ", text))):
                return await self._replace_place(turn)
            for key in ("place", "place_rough", "place_conflict", "typed_place"):
                state.pop(key, None)
            state["step"] = "where"
            text = _join(t("report_flow.change_place", language), t("report_flow.ask_where", language))
            return self._reply(
                turn, text, [Button(t("engine.button_cancel", language), "/cancel")], "location"
            )
        if _NAMES_TEXT.search(text):
            state.pop("text", None)
            state["step"] = "what"
            return self._reply(turn, t("report_flow.change_text", language))
        return None

    async def _reads_as_place(self, text: str) -> bool:
        """Whether a message at the photo or confirm step reads as a place, as the place step
        would read it: typed coordinates or a map link, a 구/동 name ("서초구 서초동"), a
        well-known area or a district without 구 ("여의도", "Mapo"), or an address the geocoder
        places. A question, a long sentence or an empty message is none."""
        text = text.strip()
        if not text or len(text) > _PLACE_AT_MOST or _QUESTION.search(text):
            return False
        if typed_point(text) is not None or map_link(text):
            return True
        if await self._run(self.places.match, text):
            return True
        _name, found = await self._run(self.places.match_area, text)
        if found:
            return True
        shaped = recognise(text)
        return (
            shaped is not None and shaped.kind != "landmark" and await self._geocode(shaped.query) is not None
        )

    async def _replace_place(self, turn: Turn) -> Reply:
        """The message read by the place step (``_take_typed_place``) as the report's new place:
        the step it was given at comes back with it (the photo question, or the preview with the
        new place). A reply that asks more (two 동 of that name, a rough address) stays at the
        place step, the old place kept until a new one is settled."""
        state = turn.state
        for key in ("place_rough", "place_conflict", "typed_place"):
            state.pop(key, None)
        state["step"] = "where"
        point = typed_point(turn.text)
        if point is not None:
            return await self._take_typed_point(turn, point)
        return await self._take_typed_place(turn)

    # -- the steps -------------------------------------------------------------------------
    async def _next(self, turn: Turn, notes: list[str] | None = None) -> Reply:
        """Ask for whatever the report still lacks, in order."""
        state, language = turn.state, turn.language
        prefix = "\n".join(notes or [])
        if not state.get("text"):
            state["step"] = "what"
            return self._reply(turn, _join(prefix, t("report_flow.ask_what", language)))
        if not state.get("place"):
            state["step"] = "where"
            return self._reply(turn, _join(prefix, t("report_flow.ask_where", language)), expects="location")
        if state.get("place_rough") or state.get("place_conflict"):
            state["step"] = "where"
            return self._ask_exact(turn, prefix)
        if not state.get("photo_done"):
            state["step"] = "photo"
            return self._ask_photo(turn, _join(prefix, t("report_flow.ask_photo", language)))
        if not state.get("category"):
            state["step"] = "category"
            return await self._suggest(turn, prefix)
        if not state.get("checked"):
            similar = await self._similar(state)
            state["checked"] = True
            if similar:
                state["step"] = "duplicate"
                return self._offer_support(turn, similar, prefix)
        state["step"] = "confirm"
        return self._confirm(turn, prefix)

    def _take_text(self, turn: Turn) -> list[str] | Reply:
        text = turn.text.strip()
        limit = min(self.settings.max_text_chars, voicemap.MAX_TEXT_CHARS)
        if len(text) > limit:
            return self._reply(turn, t("report_flow.text_too_long", turn.language, limit=limit))
        notes = []
        if privacy.has_identifier(text):
            text = privacy.strip_identifiers(text, turn.language)
            notes.append(t("report_flow.rrn_removed", turn.language))
        turn.state["text"] = text
        return notes

    async def _take_point(self, turn: Turn, lat: float, lon: float) -> Reply | None:
        try:
            place = await self._run(self.places.locate, lat, lon)
        except PlaceError as error:
            key = "outside_city" if error.reason == "outside_city" else "bad_coordinates"
            return self._reply(
                turn,
                t(f"report_flow.{key}", turn.language, city=self._city(turn.language)),
                expects="location",
            )
        turn.state["place"] = asdict(place)
        turn.state.pop("place_rough", None)
        turn.state.pop("place_conflict", None)
        return None

    async def _take_typed_place(self, turn: Turn) -> Reply:
        """A typed place: an address or landmark (through the geocoder), else 구/동 names.

        An address the geocoder cannot place is never "not found": it lands at its 동 when one is
        named (saying so, and asking for a map pick), or the bot asks for the map pick outright.
        """
        language = turn.language
        if turn.incoming.photo is not None and not turn.text:
            return self._reply(turn, t("report_flow.ask_where", language), expects="location")
        if turn.state.get("place_rough") and answers.says_yes(turn.text, _KEEP_PLACE):
            return await self._settle_place(turn, "keep")
        point = typed_point(turn.text)
        if point is not None:
            return await self._take_typed_point(turn, point)
        if map_link(turn.text):  # a short share link: its point is behind a redirect we never follow
            return self._reply(turn, t("report_flow.map_link_no_point", language), expects="location")
        shaped = recognise(turn.text)
        if shaped is not None:
            located = await self._geocode(shaped.query)
            if located is not None:
                place, label = located
                turn.state.update(place=asdict(place), typed_place=privacy.strip_rrn(turn.text))
                turn.state.pop("place_rough", None)
                line = t("report_flow.geocoded_line", language, place=place.label(language), label=label)
                return await self._next(turn, [line])
        found = await self._run(self.places.match, turn.text)
        if not found and shaped is not None and shaped.kind == "landmark":
            # "합정역 7번 출구" with no geocoder: the station is named after its 동 (합정동), where
            # the report lands roughly, the reporter asked to pick the exact point.
            home = _landmark_dong(shaped.query)
            found = await self._run(self.places.match, home) if home else []
            if not found:  # "강남역", "서울역", "광화문 광장": a well-known area's (probe22 #1)
                _name, found = await self._run(self.places.match_area, landmark_area_text(shaped.query))
        area = ""
        if not found and shaped is None and not _QUESTION.search(turn.text):
            # "여의도", "잠실 쪽이요", "홍대 근처", "Itaewon": a well-known area without 구/동, at its
            # 동 (probe22 #11), or a district's name without 구 ("노원"), at the 구's middle
            area, found = await self._run(self.places.match_area, turn.text)
        if not found:
            if names_other_place(turn.text, self._city_names()) or names_outside(turn.text):
                # "부산 해운대구": another city's place is no place of this city's map.
                text = t("report_flow.place_outside", language, city=self._city(language))
                return self._reply(turn, text, expects="location")
            if _QUESTION.search(turn.text):
                turn.aside = True  # "아 근데 에스넷이 뭐야?": a question, not a place; the report waits
                return None
            if shaped is not None:
                key = "report_flow.address_map" + ("" if self._has_map(turn) else "_typed")
                text = t(key, language, query=shaped.query)
                turn.state["typed_place"] = privacy.strip_rrn(turn.text)
                return self._reply(turn, text, expects="location")
            city = self._city(language)
            return self._reply(
                turn, t("report_flow.place_not_found", language, city=city), expects="location"
            )
        if len(found) > 1:
            buttons = [Button(p.label(language), f"{p.district} {p.dong or ''}".strip()) for p in found]
            if found[0].dong is None:  # "강남구 잠실동": the district as typed, or the 동 where it is
                named = found[0].label(language)
                text = t("report_flow.place_mismatch", language, dong=found[1].dong, district=named)
            else:
                text = t("report_flow.place_ambiguous", language, dong=found[0].dong)
            return self._reply(turn, text, buttons, expects="location")
        turn.state["place"] = asdict(found[0])
        turn.state["typed_place"] = privacy.strip_identifiers(turn.text)
        if shaped is not None:  # an address we could place only at its 동: say so, ask for the map
            turn.state["place_rough"] = True
            return self._ask_exact(turn, "")
        if area:
            # "노원" is a 구 named without 구: its middle is the district's, not a 동's (probe22 #5)
            key = "report_flow.area_line" if found[0].dong else "report_flow.area_line_district"
            line = t(key, language, place=found[0].label(language), area=area)
        else:
            line = t("report_flow.place_line", language, place=found[0].label(language))
        return await self._next(turn, [line])

    async def _take_typed_point(self, turn: Turn, point: TypedPoint) -> Reply:
        """Coordinates typed or pasted in a map link: the point itself, as a shared location is
        (exact, ``place_precision`` "point"); outside the city or out of range, a reply that says
        so with the numbers as read, so a swapped or mistyped pair can be seen."""
        language, city = turn.language, self._city(turn.language)
        values = {"lat": _degrees(point.lat), "lon": _degrees(point.lon), "city": city}
        try:
            check_coordinates(point.lat, point.lon)
        except PlaceError:
            return self._reply(
                turn, t("report_flow.coordinates_invalid", language, **values), expects="location"
            )
        problem = await self._take_point(turn, point.lat, point.lon)
        if problem is not None:
            return self._reply(
                turn, t("report_flow.coordinates_outside", language, **values), expects="location"
            )
        conflict = self._conflict(turn)
        if conflict is not None:
            return conflict
        line = t("report_flow.place_line", language, place=self._place(turn.state).label(language))
        return await self._next(turn, [line])

    async def _geocode(self, query: str) -> tuple[Place, str] | None:
        """The first provider hit that lies in the city, located to its 구/동; None offline or on failure."""
        try:
            hits = await self.geocoder.geocode(query)
        except GeocodeError as error:
            log.warning("geocoder failed, falling back to 동 level: %s", error)
            return None
        for hit in hits[:5]:
            try:
                return await self._run(self.places.locate, hit.lat, hit.lon), hit.label
            except PlaceError:
                continue
        return None

    def _ask_exact(self, turn: Turn, prefix: str) -> Reply:
        state, language = turn.state, turn.language
        if state.get("place_conflict"):
            return self._conflict_reply(turn)
        place = self._place(state)
        # Only the 구 found ("서울특별시 중구 세종대로 110" with no geocoder): its centre, not a 동's.
        key = "report_flow.rough_place" if place.dong else "report_flow.rough_place_district"
        if not self._has_map(turn):  # the chat API, the terminal: nothing to pick on, so what to type
            key += "_typed"
        text = t(key, language, place=place.label(language))
        button = Button(t("report_flow.button_keep_rough", language), "/report place keep")
        return self._reply(turn, _join(prefix, text), [button], expects="location")

    @staticmethod
    def _has_map(turn: Turn) -> bool:
        """Whether the channel can send a point (a map pick or a shared location): not the chat
        API nor the terminal chat, whose replies then say what to type instead (probe22 #1)."""
        return turn.incoming.channel not in NO_MAP_CHANNELS

    def _named_district(self, text: str) -> str | None:
        """The one 구 a message names (by 구/동 name, or a landmark named after its 동: 합정역 -> 마포구)."""
        codes = {p.district_code for p in self.places.match(text)}
        if len(codes) == 1:
            return codes.pop()
        shaped = recognise(text)
        home = _landmark_dong(shaped.query) if shaped is not None and shaped.kind == "landmark" else None
        if home:
            homes = {code for code, _lat, _lon in self.places.dongs.get(home, [])}
            return homes.pop() if len(homes) == 1 else None
        return None

    def _conflict(self, turn: Turn) -> Reply | None:
        """A picked point in another 구 than the one the message names: ask which is right."""
        state = turn.state
        named = self._named_district(" ".join([state.get("text", ""), state.get("typed_place", "")]))
        if named is None or named == self._place(state).district_code:
            return None
        state["place_conflict"] = named
        state["step"] = "where"
        return self._conflict_reply(turn)

    def _conflict_reply(self, turn: Turn) -> Reply:
        state, language = turn.state, turn.language
        picked = self._place(state).label(language)
        named = self.places.districts[state["place_conflict"]].name(language)
        buttons = [
            Button(t("report_flow.button_keep_picked", language, picked=picked), "/report place keep"),
            Button(t("report_flow.button_repick", language, named=named), "/report place repick"),
        ]
        text = t("report_flow.place_conflict", language, picked=picked, named=named)
        return self._reply(turn, text, buttons, expects="location")

    async def _settle_place(self, turn: Turn, choice: str) -> Reply:
        """'/report place keep' accepts the place as it is; '/report place repick' asks the map again."""
        state, language = turn.state, turn.language
        if choice == "repick" and state.get("place_conflict"):
            named = self.places.districts[state.pop("place_conflict")].name(language)
            state.pop("place", None)
            state["step"] = "where"
            return self._reply(turn, t("report_flow.ask_repick", language, named=named), expects="location")
        state.pop("place_conflict", None)
        state.pop("place_rough", None)
        line = t("report_flow.place_line", language, place=self._place(state).label(language))
        return await self._next(turn, [line])

    async def _take_photo(self, turn: Turn, data: bytes) -> Reply | None:
        language = turn.language
        try:
            upload = await voicemap.keep_photo(self._desk(), data)
        except voicemap.PhotoError as error:
            if error.code == "photo_too_large":
                limit = round(self.settings.photo_max_bytes / 1_048_576, 1)
                return self._ask_photo(turn, t("report_flow.photo_too_large", language, limit=limit))
            if error.code == "photo_too_many_pixels":  # a PNG too big to decode is no "not a PNG"
                megapixels = voicemap.MAX_PHOTO_PIXELS // 1_000_000
                return self._ask_photo(
                    turn, t("report_flow.photo_too_many_pixels", language, megapixels=megapixels)
                )
            return self._ask_photo(turn, t("report_flow.photo_invalid", language))
        turn.state.update(upload=upload, photo_done=True)
        return None

    def _ask_photo(self, turn: Turn, text: str) -> Reply:
        return self._reply(
            turn, text, [Button(t("engine.button_skip", turn.language), "/report skip")], expects="photo"
        )

    async def _suggest(self, turn: Turn, prefix: str) -> Reply:
        language = turn.language
        ranked = await self._run(self.suggester.rank, turn.state["text"])
        best = [self.catalogue.get(r.code) for r in ranked[:3]]
        buttons = [Button(c.label(language), f"/report category {c.code}") for c in best if c]
        turn.state["shown"] = [c.code for c in best if c]  # what a typed "2" picks
        buttons.append(Button(t("report_flow.button_more", language), "/report categories"))
        text = t("report_flow.ask_category", language, category=best[0].label(language))
        return self._reply(turn, _join(prefix, text), buttons)

    def _all_categories(self, turn: Turn) -> Reply:
        language = turn.language
        buttons = [Button(c.label(language), f"/report category {c.code}") for c in self.catalogue.categories]
        turn.state["shown"] = [c.code for c in self.catalogue.categories]
        return self._reply(turn, t("report_flow.pick_category", language), buttons)

    def _category_numbered(self, turn: Turn) -> str | None:
        """The category a typed number picks: the n-th of the buttons last shown at this step (the
        three suggested, or all after ‘다른 분류 보기’); None for anything else or out of range."""
        number = answers.choice_number(turn.text)
        shown = turn.state.get("shown") or [c.code for c in self.catalogue.categories]
        if number is None or not 1 <= number <= len(shown):
            return None
        return shown[number - 1]

    async def _says_something_else(self, text: str) -> bool:
        """Whether a message at the category step that names no category is plainly not an answer
        to it: another request the intent model is sure of (``_LEAVES_STEP``: "투표 제안하고
        싶어요", "투표 보여줘", "내 민원 어떻게 됐어?") or a question ("동네 도서관은 몇 시에 열어요?").
        Anything else ("접수해 주세요", "잘 모르겠어요") is an attempt at an answer: asked again."""
        if _QUESTION.search(text):
            return True
        if self.intent_model is None or not text.strip():
            return False
        return await self._run(self._other_intent, text)

    def _other_intent(self, text: str) -> bool:
        vector = self.embedder.embed_queries([text])[0]
        return self.intent_model.classify(text, vector).intent in _LEAVES_STEP

    def _category_named(self, text: str) -> str | None:
        """The category a typed answer names: its code or whole name, else the one category whose
        name part or keyword the answer holds ("가로등", "가로등이요", "potholes" …)."""
        wanted = "".join(text.casefold().split())
        if not wanted:
            return None
        for category in self.catalogue.categories:
            names = [category.code, *category.name.values()]
            if any(wanted == "".join(n.casefold().split()) for n in names):
                return category.code
        named = self.catalogue.named(text)
        return named.pop() if len(named) == 1 else None

    async def _similar(self, state: dict) -> list[voicemap.Candidate]:
        return await voicemap.similar_reports(
            self._desk(), state["category"], self._place(state), state["text"]
        )

    def _offer_support(self, turn: Turn, similar: list[voicemap.Candidate], prefix: str) -> Reply:
        language = turn.language
        shown = similar[:_MAX_SIMILAR]
        items = "\n".join(
            t(
                "report_flow.similar_item",
                language,
                id=c.public_id,
                place=_area(c.district, c.dong),
                text=voicemap.preview(c.description, 60),
                count=c.supports,
            )
            for c in shown
        )
        buttons = [
            Button(
                t("report_flow.button_support", language, id=c.public_id), f"/report support {c.public_id}"
            )
            for c in shown
        ]
        buttons.append(Button(t("report_flow.button_new", language), "/report new"))
        turn.state["similar_shown"] = [c.public_id for c in shown]  # what a typed "네" or "2번" picks
        turn.state["similar_offer"] = [asdict(c) for c in shown]
        return self._reply(
            turn, _join(prefix, t("report_flow.similar_found", language, items=items)), buttons
        )

    def _duplicate_answer(self, turn: Turn) -> str | None:
        """A typed answer to "support this similar report instead?", mapped onto the buttons: the
        id to support ("네", "응", "좋아요", "공감할게요", "yes" with one report shown; its number,
        "2번", or its id with several), "new" ("아니요", "새로 신고할게요", "no", the new button's
        words), or None when it is neither (asked again). Probe22 #6 found "네" filing a new report.
        """
        shown = turn.state.get("similar_shown") or []
        bare = _TRAILING.sub("", turn.text).strip().casefold()
        typed_id = voicemap.find_public_id(turn.text)
        if typed_id in shown:
            return typed_id
        number = answers.choice_number(bare)
        if number and 1 <= number <= len(shown):
            return shown[number - 1]
        new_words = {t("report_flow.button_new", lang).casefold() for lang in ("ko", "en")}
        if bare in new_words or _DUPLICATE_NEW.search(bare) or answers.says_no(turn.text):
            return "new"
        if answers.says_yes(turn.text, _SUPPORT_YES) and len(shown) == 1:
            return shown[0]
        return None

    async def _offer_again(self, turn: Turn) -> Reply:
        """The similar reports offered again, as they were shown (an answer that was neither)."""
        similar = [voicemap.Candidate(**c) for c in turn.state.get("similar_offer") or []]
        if not similar:
            turn.state["checked"] = True
            return await self._next(turn)
        return self._offer_support(turn, similar, "")

    def _confirm(self, turn: Turn, prefix: str) -> Reply:
        state, language = turn.state, turn.language
        category = self.catalogue.get(state["category"])
        masked = privacy.mask_pii(state["text"], language)
        text = t(
            "report_flow.confirm",
            language,
            category=category.label(language),
            place=self._place(state).label(language),
            photo=t("report_flow.photo_yes" if state.get("upload") else "report_flow.photo_no", language),
            text=masked.text,
        )
        if masked.kinds:
            text += "\n" + t("report_flow.masked_notice", language)
        held = self._held_notice(state["text"])
        if held:
            text += "\n" + t(f"report_flow.{held}", language)
        if state.get("email"):
            text += "\n" + t("report_flow.email_line", language, email=state["email"])
        elif self.settings.smtp_host:  # no SMTP, no e-mail notices: nothing to offer (probe, 20th pass)
            text += "\n" + t("report_flow.email_offer", language)
        buttons = [
            Button(t("report_flow.button_confirm", language), "/report confirm"),
            Button(t("engine.button_cancel", language), "/cancel"),
        ]
        return self._reply(turn, _join(prefix, text), buttons)

    def _held_notice(self, text: str) -> str | None:
        """The catalogue key that tells, before 접수하기, why the report will wait for an official
        (a person's name, harsh words or slurs, or CIVICBOT_MODERATION=pre), or None when it goes on
        the map at once. The same ``Moderator.reasons`` decides at submission (voicemap.submit), so
        the preview never promises the map what the map will not show (probe21 #18)."""
        if self.moderator is None:
            return None
        reasons = set(self.moderator.reasons(text))
        if {NAME, ABUSE} <= reasons:
            return "preview_held_both"
        if NAME in reasons:
            return "preview_held_name"
        if ABUSE in reasons:
            return "preview_held_abuse"
        return "preview_held_pre" if PRE in reasons else None

    async def _submit(self, turn: Turn) -> Reply:
        state, incoming, language = turn.state, turn.incoming, turn.language
        report = voicemap.Report(
            text=state["text"],
            channel=incoming.channel,
            user_id=incoming.user_id or incoming.conversation_id,
            reply_to=incoming.reply_to,
            language=language,
            place=self._place(state),
            address=state.get("typed_place", ""),
            category=state["category"],
            upload_id=state.get("upload"),
            contact={"email": state["email"]} if state.get("email") else {},
            supporter=self._supporter(turn),
            text_limit=self.settings.max_text_chars,
        )
        # the similar reports were offered before the confirm step (_next)
        done = (await voicemap.intake(self._desk(), report, find_similar=False)).submitted
        turn.done = True
        key = self._submitted_key(incoming, bool(state.get("email")))
        if done.held:  # the reporter is told it will be checked first
            held = "submitted_held" if key != "submitted_check" else "submitted_held_check"
            return self._reply(turn, t(f"report_flow.{held}", language, id=done.public_id))
        url = f"{self.settings.public_url}/complaints/{done.public_id}"
        map_url = f"{self.settings.public_url}/map#{done.public_id}"
        return self._reply(turn, t(f"report_flow.{key}", language, id=done.public_id, url=url, map=map_url))

    def _submitted_key(self, incoming: dialogue.Incoming, email: bool) -> str:
        """The acknowledgement that promises only the news this server will send: here (the
        channel takes notices and this server delivers them), by e-mail (an address and SMTP), both,
        or neither — then the reporter is told to ask (the chat API and the terminal chat have no
        way back; probe21 #6 found "여기로 알려 드릴게요" there and nothing ever sent)."""
        delivered = notify.senders(self.settings)
        here = notify.reaches(delivered, incoming.channel, incoming.reply_to)
        by_email = email and "email" in delivered
        if here:
            return "submitted_email" if by_email else "submitted"
        return "submitted_by_email" if by_email else "submitted_check"

    async def _support(self, turn: Turn, public_id: str) -> Reply:
        """``/report support <id>``: back that report instead of filing one. Refused (none, not
        public, closed, or this web network's support already counted), the words say why and a
        draft in progress is kept, never replaced by a new report (probe 21, #39)."""
        language = turn.language
        supporter, origin = self._supporter(turn), self._origin(turn, public_id)
        try:
            result = await self.db.execute_write_fn(
                lambda conn: voicemap.support(conn, public_id, supporter, origin)
            )
        except voicemap.ComplaintError as exc:
            return await self._support_refused(turn, exc.code)
        turn.done = True
        key = "supported" if result.added else "already_supported"
        return self._reply(turn, t(f"report_flow.{key}", language, id=public_id, count=result.supports))

    # -- status ----------------------------------------------------------------------------
    async def _status(self, turn: Turn, text: str) -> Reply:
        language = turn.language
        if not turn.state.get("step"):
            turn.done = True  # a status question outside a report leaves nothing behind
        public_id = voicemap.find_public_id(text)
        if public_id is None:
            return await self._your_reports(turn)
        found = await self.db.execute_fn(lambda conn: voicemap.get_public(conn, public_id))
        if found is None:
            return self._reply(
                turn, t("report_flow.status_not_found", language, id=public_id), intent=STATUS_INTENT
            )
        if found.visibility != voicemap.PUBLIC and not await self._is_own(turn, public_id):
            # Its status page says it exists (the reporter's link): so does the chat, without more.
            return self._reply(
                turn, t("report_flow.status_withheld", language, id=public_id), intent=STATUS_INTENT
            )
        category = self.catalogue.get(found.category) if self.catalogue else None
        lines = [
            t(
                "report_flow.status",
                language,
                id=found.public_id,
                category=category.label(language) if category else found.category,
                place=_area(found.district, found.dong) if language == "ko" else _area_en(found, self.places),
                status=voicemap.status_label(found.status, language),
                updated=clock.local_minutes(found.updated_at, self.settings.zone),
                supports=found.supports,
            )
        ]
        if found.duplicate_of:
            lines.append(t("report_flow.status_duplicate", language, target=found.duplicate_of))
        if found.status_note:
            lines.append(t("engine.note_from_city", language, note=found.status_note))
        if found.visibility == voicemap.PENDING_REVIEW:
            lines.append(t("report_flow.status_held", language))
        return self._reply(turn, "\n".join(lines), intent=STATUS_INTENT)

    async def _is_own(self, turn: Turn, public_id: str) -> bool:
        """A held or hidden report is shown to its reporter only."""
        incoming = turn.incoming
        user = incoming.user_id or incoming.conversation_id
        mine = await self.db.execute_fn(
            lambda conn: voicemap.user_complaints(conn, incoming.channel, user, limit=1000)
        )
        return any(c.public_id == public_id for c in mine)

    async def _your_reports(self, turn: Turn) -> Reply:
        incoming, language = turn.incoming, turn.language
        user = incoming.user_id or incoming.conversation_id
        mine = await self.db.execute_fn(lambda conn: voicemap.user_complaints(conn, incoming.channel, user))
        if not mine:
            return self._reply(turn, t("report_flow.status_ask", language), intent=STATUS_INTENT)
        buttons = [
            Button(f"{c.public_id} · {voicemap.status_label(c.status, language)}", f"/status {c.public_id}")
            for c in mine
        ]
        return self._reply(turn, t("report_flow.status_yours", language), buttons, intent=STATUS_INTENT)

    # -- helpers ---------------------------------------------------------------------------
    async def _run(self, fn, *args):
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    def _desk(self) -> voicemap.Desk:
        """What voicemap's intake needs; duplicates are judged by the embedder (one person at a time)."""
        suggester, settings = self.suggester, self.settings
        return voicemap.Desk.of(
            settings,
            self.db,
            self.catalogue,
            self.places,
            self._run,
            moderator=self.moderator,
            suggester=lambda: suggester,
            similarity=suggester.similarity if suggester else None,
            threshold=suggester.duplicate_threshold if suggester else 0.3,
        )

    async def _support_refused(self, turn: Turn, code: str) -> Reply:
        language = turn.language
        key = {"closed": "support_closed", "address_supported": "support_address"}.get(
            code, "support_unavailable"
        )
        if not turn.state.get("step"):  # nothing being written: the refusal is the whole answer
            turn.done = True
            return self._reply(turn, t(f"report_flow.{key}", language))
        turn.state["checked"] = True  # the similar reports were offered; the reporter goes on
        notes = [t(f"report_flow.{key}", language), t("report_flow.support_draft_kept", language)]
        return await self._next(turn, notes)

    def _origin(self, turn: Turn, public_id: str) -> str:
        """The web client's network, keyed for this one report ("" on a platform channel)."""
        return addresses.scoped_key(self.secret, turn.incoming.origin, "complaint:" + public_id)

    def _supporter(self, turn: Turn) -> str:
        incoming = turn.incoming
        return voicemap.supporter_key(
            self.secret, incoming.channel, incoming.user_id or incoming.conversation_id
        )

    def _city(self, language: str) -> str:
        return self.settings.city_name(language)

    def _city_names(self) -> frozenset[str]:
        """The city's own names, in Korean and English (never "another place")."""
        return frozenset(self.settings.city_name(language) for language in ("ko", "en"))

    @staticmethod
    def _place(state: dict) -> Place:
        return Place(**state["place"])

    @staticmethod
    def _reply(
        turn: Turn,
        text: str,
        buttons: list[Button] | None = None,
        expects: str | None = None,
        intent: str = REPORT_INTENT,
    ) -> Reply:
        return Reply(text, intent, 1.0, turn.language, buttons=buttons or [], expects=expects)


def says_no_photo(text: str) -> bool:
    """Whether an answer at the photo step says there is no photo: the skip words, everyday
    sayings (``_NO_PHOTO``) and chat shorthand for "no" alone or before them ("ㄴㄴ", "ㄴㄴ 없음",
    "아뇨 사진 없어요ㅠㅠ", "nope, no photo"). "아니 근데 에스넷이 뭐야?" is no such answer."""
    bare = _TRAILING.sub("", text).strip()
    if answers.says_no(bare) or answers.says_enough(bare):
        # "ㄴㄴ", "아뇨", "no", "아니요 괜찮아요" alone: the shared no (civicbot.answers); a bare
        # "됐어요" here is "no photo", not a stop (it deleted the draft; probe of flow23b).
        return True
    rest = answers.without_leading_no(bare)
    return any(part.casefold() in SKIP_WORDS or _NO_PHOTO.search(part) for part in (bare, rest) if part)


def _degrees(value: float) -> str:
    """Degrees as people type them back: up to six decimals (about 10 cm), no trailing zeros."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _join(prefix: str, text: str) -> str:
    return f"{prefix}\n{text}" if prefix else text


def _area(district: str, dong: str | None) -> str:
    return f"{district} {dong}" if dong else district


def _area_en(found: voicemap.PublicComplaint, places: Gazetteer) -> str:
    district = places.districts.get(found.district_code)
    name = district.name_en if district else found.district
    return f"{romanise_dong(found.dong)}, {name}" if found.dong else name


def build_report_flow(
    settings: Settings,
    db: Database,
    embedder: Embedder,
    executor: ThreadPoolExecutor,
    classifier: IntentClassifier | None = None,
) -> ReportFlow:
    """Blocking (called while the engine loads): categories, boundaries, category vectors.
    ``classifier``: the Dialogue's intent model, which tells another request at the category step
    from an attempt to answer it (None, or fewer than two intents: every message is an attempt)."""
    places = gazetteer(settings.city_sido, settings.city_bbox, settings.index_dir)
    try:
        catalogue = catalogue_for(settings.services_dir)
    except ContentFileError as error:
        log.error("complaint categories: %s", error)
        return ReportFlow(settings, db, embedder, executor, None, places, None)
    suggester = suggester_for(embedder, catalogue, settings.index_dir)
    flow = ReportFlow(
        settings,
        db,
        embedder,
        executor,
        catalogue,
        places,
        suggester,
        _status_classifier(settings, embedder),
        geocoder_from_settings(settings),
        classifier if classifier is not None and len(classifier.names) >= 2 else None,
    )
    flow.moderator = moderator_for(settings.services_dir, settings.moderation)
    return flow


def _status_classifier(settings: Settings, embedder: Embedder):
    """Tells "내 민원 어떻게 됐어?" from "포트홀이 생겼어요" when an intent (not a command) starts the flow."""
    from civicbot.intents import IntentClassifier, load_intents

    intents, _errors = load_intents(settings.intents_dir)
    pair = {name: intents[name] for name in (REPORT_INTENT, STATUS_INTENT) if name in intents}
    if len(pair) < 2:
        return None
    return IntentClassifier(pair, embedder, settings.index_dir, threshold=0.0, margin=0.0)


_LANDMARK_SUFFIXES = ("사거리", "삼거리", "오거리", "시장", "공원", "역")  # longest first


def _landmark_dong(query: str) -> str | None:
    """The 동 a landmark is named after: "합정역 7번 출구" -> "합정동", "망원시장" -> "망원동"; None
    when the landmark's first word has none of these endings. Whether such a 동 exists is the
    caller's lookup ("강남역" gives "강남동", which Seoul does not have). An English landmark's first
    word is taken the same way: "Mangwon Market" -> "Mangwon-dong", which the gazetteer reads."""
    stem = query.split()[0] if query.split() else ""
    if stem.isascii():
        return f"{stem}-dong" if stem.isalpha() else None
    for suffix in _LANDMARK_SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            return stem[: -len(suffix)] + "동"
    return None
