"""Voting in the conversation: the same steps on Telegram, in the web widget and over /api/chat.

"/polls" (or the `polls` intent) lists the open polls as buttons "/vote <id>"; that shows the poll,
first asking the optional self-declared demographics ("/vote <id> district <code>", "/vote <id>
age <band>", each with a skip), then the options as "/vote <id> <option id>". With several choices
the option buttons toggle and "/vote <id> done" submits. The reply to a vote carries the receipt
and the results link. "/receipt <id> <receipt>" checks a receipt; "/results <id>" shows results
once they are public. Every payload stays under 64 bytes (Telegram's callback_data limit).

While voting, the conversation state holds only the poll id, the selection and the demographic
answers; all of it is dropped the moment the vote is cast.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from civicbot import answers, dialogue, notify, polls
from civicbot.config import Settings
from civicbot.db import Database
from civicbot.dialogue import Button, Reply, Turn
from civicbot.i18n import one_of, t

SKIP = "skip"
SKIP_WORDS = dialogue.SKIP_WORDS | {"패스", "pass", "답하지 않을래요", "안 할래요"}
MAX_BUTTON_TITLE = 60


# PollError codes that have their own sentence; the rest fall back to vote_failed.
_NO_EMPTY_PARAGRAPH = re.compile(r"\n{3,}")
_ERROR_KEYS = ("already_voted", "poll_closed", "channel_not_allowed", "district_not_allowed")


# What may stand beside a receipt in a message the poll flow claims: a few words ("제 영수증
# 확인해 주세요" is 12 characters once the code's letters are gone), or any length that names
# receipts or votes.
_RECEIPT_ASIDE = 24

# The channels a person votes on, in the order a reply names them (poll_flow.where_<channel>).
_PEOPLES_CHANNELS = ("telegram", "web", "kakao")
_RECEIPT_WORDS = re.compile(r"영수증|투표|집계|receipt|ballot|vote|counted", re.IGNORECASE)
# Asking to check one's own ballot, no code given yet ("내가 투표한거 확인하고싶어", "영수증확인",
# "did my vote count"): the receipt check is the answer, not the list of polls (probe21 #16).
_CHECKS_OWN_VOTE = re.compile(
    r"(?:투표한\s?(?:거|것|게|표)|내\s?표|제\s?표|영수증)\s?(?:를|을|가|이|는|도)?\s?"
    r"(?:제대로\s?|잘\s?)?(?:확인|조회|검증|맞는지|들어갔|반영|집계|세어|카운트)"
    r"|\b(?:check|verify)\s+(?:that\s+)?(?:my\s+)?(?:vote|ballot|receipt)s?\b"
    r"|\b(?:was|is)\s+my\s+(?:vote|ballot)\s+counted\b|\bdid\s+my\s+(?:vote|ballot)\s+count\b",
    re.IGNORECASE,
)
_CHECK_ASKED_AT_MOST = 40  # characters: a longer message saying this is about something else too
# Asking to change or take back a ballot already cast ("아 잘못 눌렀어요 버스정류장으로 바꿔주세요",
# "투표 바꿀래요", "다시 투표하고 싶어요", "I voted for the wrong one", "change my vote"): newcomer
# probe, twenty-third pass, where it started a report draft. A cast ballot is final (one person, one
# vote: polls.vote refuses a second), so the reply says so, with what the receipt is for.
_CHANGES_VOTE = re.compile(
    r"잘못\s*(?:눌렀|누른|눌러|눌렸|찍었|찍은|골랐|고른|선택했|선택한|투표했|투표한|뽑았)"
    r"|(?:투표|표|선택|고른\s*(?:거|것|걸)|찍은\s*(?:거|것|걸)|누른\s*(?:거|것|걸))\s*(?:를|을|한\s*(?:거|것|걸))?\s*(?:좀\s*)?"
    r"(?:바꾸|바꿀|바꿔|변경|수정|취소|철회|정정|무르|물러|되돌)"
    r"|다시\s*투표|재투표|투표\s*다시"
    r"|\b(?:change|switch|undo|redo|cancel|fix|withdraw|take\s+back)\s+(?:my\s+)?(?:vote|ballot|choice)\b"
    r"|\bvoted\s+(?:for\s+)?(?:the\s+)?wrong\b|\bwrong\s+(?:button|option|choice)\b|\bre-?vote\b"
    r"|\bvote\s+again\b|\bmis-?(?:clicked|tapped|pressed)\b|\b(?:clicked|tapped|pressed|hit)\s+the\s+wrong\b",
    re.IGNORECASE,
)
_CHANGE_ASKED_AT_MOST = 80  # characters: a longer message is about something else too
# A change request that names the vote itself ("투표 바꿀래요", "표 좀 바꿔 주세요", "재투표", "change my
# vote"), not only "잘못 눌렀어요", which may be about anything: from someone who has cast no vote it
# gets "you have not voted" and the open polls (twenty-fourth pass: the polls intent's canned text
# came back with no buttons).
_NAMES_THE_VOTE = re.compile(
    r"투표|(?<![가-힣])표\s?(?:를|을|좀)?\s?(?:좀\s?)?(?:바꾸|바꿀|바꿔|변경|수정|취소|철회|정정|무르|물러|되돌)"
    r"|\b(?:vote|votes|voted|voting|ballot|ballots|re-?vote)\b",
    re.IGNORECASE,
)


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


# Option numbers typed as an answer: "1", "1번", "2번이요", "1, 3", "1번이랑 3번", "3번으로 할게요".
# Possessive runs (``*+``, ``{1,2}+``): with plain ones "1" × 300 then "x" took seconds, every way
# of cutting the digits into numbers and the spaces between the \s* tried (twenty-fourth pass).
_TYPED_NUMBERS = re.compile(
    r"\s*+(?:\d{1,2}+\s*+(?:번째|번)?\s*+(?:이요|요|으로|로)?\s*+(?:,|/|이랑|랑|하고|와|과|and|&)?\s*+)++"
    r"(?:할게요|할래요|선택|골라요|고를게요|주세요|요|please)?\s*+[.!]?\s*+",
    re.IGNORECASE,
)
# "다 골랐어요": a multiple-choice ballot typed to its end, as its done button would send it.
_DONE_WORDS = {
    "완료",
    "선택완료",
    "다골랐어요",
    "다골랐어",
    "제출",
    "투표하기",
    "이걸로",
    "done",
    "submit",
    "thatsall",
}


def _bare(text: str) -> str:
    """Letters and digits only, case-folded: "찬성 👍" and "찬성" read alike."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _option_named(poll: polls.Poll, said: str, language: str) -> int | None:
    """The option ``said`` names: its label (either language) without signs and emoji ("찬성" for
    "찬성 👍"). With several choices, where a press is undone by another, also the one label that
    holds the typed words ("통학로") or is held by a short answer ("전통시장으로요"); never for a
    single choice, which a press casts at once ("전통시장 와이파이 언제 깔려요?" is a question).
    None when no option or more than one fits."""
    typed = _bare(said)
    if len(typed) < 2:
        return None
    labels = {o.id: {_bare(o.label(lang)) for lang in (language, "ko", "en")} for o in poll.options}
    exact = [oid for oid, names in labels.items() if typed in names]
    if exact or poll.max_choices == 1 or "?" in said or "？" in said:
        return exact[0] if len(exact) == 1 else None
    near = [
        oid
        for oid, names in labels.items()
        if any(
            typed in name or (len(name) >= 2 and name in typed and len(typed) - len(name) <= 5)
            for name in names
        )
    ]
    return near[0] if len(near) == 1 else None


def changes_vote(text: str) -> bool:
    """Whether ``text`` asks to change or take back a ballot ("아 잘못 눌렀어요 버스정류장으로
    바꿔주세요", "투표 취소하고 싶어요", "재투표 돼요?", "I voted for the wrong one", "change my
    vote"); a short message only (``_CHANGE_ASKED_AT_MOST`` characters)."""
    return len(text) <= _CHANGE_ASKED_AT_MOST and _CHANGES_VOTE.search(text) is not None


def _option_in(poll: polls.Poll, said: str, language: str) -> int | None:
    """The one option a message names among other words: a label it holds, or a word of it (two
    letters or more, without a trailing particle) that is part of one label only ("아 잠깐 바꿀래요
    버스정류장으로" names "버스정류장과 마을버스 정류소"); else what ``_option_named`` reads. None
    when none or several."""
    typed = _bare(said)
    labels = {o.id: {_bare(o.label(lang)) for lang in (language, "ko", "en")} for o in poll.options}
    held = {oid for oid, names in labels.items() if any(len(n) >= 2 and n in typed for n in names)}
    words = {_PARTICLE_END.sub("", w) for w in _bare_words(said)}
    for word in (w for w in words if len(w) >= 2):
        found = {oid for oid, names in labels.items() if any(word in n for n in names)}
        if len(found) == 1:
            held |= found
    if len(held) == 1:
        return held.pop()
    return _option_named(poll, said, language) if not held else None


# A particle or ending after an option's words ("버스정류장으로", "공원이요", "시장을"): dropped.
_PARTICLE_END = re.compile(r"(?:으로요|로요|으로|로|이요|요|을|를|이|가|은|는|에|도|이랑|랑)$")


def _bare_words(text: str) -> list[str]:
    """The words of ``text``, letters and digits only, case-folded."""
    return [_bare(word) for word in text.split() if _bare(word)]


class PollFlow:
    name = "polls"
    commands = ("/polls", "/vote", "/receipt", "/results")
    intents = ("polls",)

    def __init__(self, settings: Settings, db: Database) -> None:
        self.db = db
        self.zone = settings.zone
        self.public_url = settings.public_url
        self.secret = settings.secret()  # built on a worker thread: reading the key file is fine here
        self.delivered = notify.senders(settings)  # the channels whose news may be promised

    # -- routing ---------------------------------------------------------------------------------
    def claims(self, text: str) -> bool:
        """A fresh message that is a voting receipt ("영수증 확인 6B6G…", or the code pasted alone)
        asks whether that ballot was counted: the intent model cannot tell a code from chatter. A
        short request to check one's vote with no code ("영수증확인") is claimed too: it gets the
        receipt check's instructions.
        A longer message that only holds such a code (a complaint quoting a serial number) is not
        claimed unless it speaks of receipts or votes."""
        if polls.receipt_in(text) is None:
            if changes_vote(text):
                return True  # answered only when this person has voted (else the Dialogue's)
            return len(text) <= _CHECK_ASKED_AT_MOST and _CHECKS_OWN_VOTE.search(text) is not None
        rest = polls.without_receipts(text)
        return len(rest.strip()) <= _RECEIPT_ASIDE or _RECEIPT_WORDS.search(text) is not None

    async def handle(self, turn: Turn) -> Reply | None:
        words = turn.text.split()
        command = words[0].casefold() if words and words[0].startswith("/") else ""
        if command == "/vote":
            return await self._vote(turn, words[1:])
        turn.done = True  # every other step is a single reply; the buttons carry what comes next
        if command == "/polls":
            return await self._list(turn)
        if command == "/receipt":
            return await self._receipt(turn, words[1:])
        if command == "/results":
            return await self._results(turn, words[1:])
        if turn.state.get("poll"):
            said = turn.text.strip()
            skipping = said.casefold() in {t("poll_flow.button_skip", turn.language).casefold(), *SKIP_WORDS}
            if not skipping and answers.wants_to_stop(said):  # "아 잠깐 그만할래요", "never mind"
                return self._reply(turn, t("poll_flow.cancelled", turn.language), intent="cancel")
            typed = await self._typed_answer(turn)
            if typed:  # "마포구", "30대", "1번", "1번이랑 3번", an option's name: what the buttons send
                turn.done = False
                reply = None
                for args in typed:  # several numbers tick several options, as several presses would
                    reply = await self._vote(turn, args)
                    if turn.done:
                        break
                return reply
            changed = await self._change_asked(turn)
            if changed is not None:
                turn.done = False  # the vote goes on, at the question asked again
                return changed
            return None  # not ours: the Dialogue answers it afresh
        if not command and changes_vote(turn.text):
            final = await self._vote_is_final(turn)
            if final is not None or not _NAMES_THE_VOTE.search(turn.text):
                return final  # None when nothing was cast and no vote is named: the Dialogue's
            return await self._not_voted(turn)
        return await self._from_intent(turn)

    async def _from_intent(self, turn: Turn) -> Reply:
        said = turn.text.casefold()
        receipts = polls.receipts_in(turn.text)
        if receipts:  # "영수증 확인 6B6G…", "투표 결과 6B6G…": the code says which poll
            return await self._check_receipts(turn, receipts)
        if any(word in said for word in ("결과", "result", "how many votes")):
            return await self._results(turn, [])
        if _CHECKS_OWN_VOTE.search(turn.text) or any(
            w in said for w in ("영수증", "receipt", "집계", "counted")
        ):
            return self._reply(turn, t("poll_flow.receipt_usage", turn.language))
        return await self._list(turn)

    # -- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _reply(turn: Turn, text: str, buttons: list[Button] | None = None, intent: str = "polls") -> Reply:
        return Reply(text=text, intent=intent, confidence=1.0, language=turn.language, buttons=buttons or [])

    # -- changing one's mind -------------------------------------------------------------------
    async def _vote_is_final(self, turn: Turn) -> Reply | None:
        """The reply to asking to change a ballot already cast: it cannot be changed (one person,
        one vote; README "Polls (m-Voting)"), what the receipt is for, and each poll's results.
        The polls are those open now that this person has voted in, the one whose option the
        message names first. None when they have voted in none: the message is the Dialogue's."""
        channel, user_id = self._voter_id(turn)

        def read(db) -> list[polls.Poll]:
            return [
                p
                for p in polls.list_polls(db)
                if p.public
                and p.phase() == "open"
                and polls.has_voted(db, self.secret, p.id, channel, user_id)
            ]

        voted = await self.db.execute_fn(read)
        if not voted:
            return None
        named = [p for p in voted if _option_in(p, turn.text, turn.language) is not None]
        chosen = named or voted
        titles = ", ".join(f"‘{p.title(turn.language)}’" for p in chosen)
        buttons = [
            Button(t("poll_flow.button_poll_results", turn.language), f"/results {p.id}") for p in chosen[:1]
        ]
        return self._reply(turn, t("poll_flow.vote_final", turn.language, titles=titles), buttons)

    async def _not_voted(self, turn: Turn) -> Reply:
        """The reply to asking to change one's vote with none cast: says so plainly, then the
        open polls with their buttons (``_list``), so the vote can be cast now."""
        listed = await self._list(turn)
        text = _lines(t("poll_flow.not_voted_yet", turn.language), listed.text)
        return replace(listed, text=text)

    async def _change_asked(self, turn: Turn) -> Reply | None:
        """Mid-vote, a message that names one of the poll's options at a demographic question, or
        asks to change an earlier answer ("아 잠깐 바꿀래요 버스정류장으로", "구를 잘못 골랐어요"):
        the question asked again, saying what happens (the option comes after it; the district is
        asked again; nothing is cast yet; a typed number, "2번", likewise). At the options, an
        option named with a change word says nothing is cast yet and which button votes. None for
        anything else (the Dialogue's)."""
        poll = await self._poll(int(turn.state["poll"]))
        if poll is None:
            return None
        said, language, state = turn.text.strip(), turn.language, turn.state
        option = _option_in(poll, said, language)
        change = answers.CHANGE.search(said) is not None and len(said) <= _CHANGE_ASKED_AT_MOST
        at_question = self._next_question(turn, poll) is not None
        another_poll = False  # nothing earlier to change but the poll itself: offer the list
        # "2번", "1" at the district or age question: the option's number, typed before its turn
        # (it left the vote and got an out-of-scope answer; probe of flow23b). Asked again, saying so.
        number = answers.choice_number(said) if at_question else None
        if number is not None and option is None and poll.option(number) is not None:
            option = number
        if at_question and number is not None and option is None:
            note = t("poll_flow.number_at_question", language)
        elif at_question and option is not None:
            note = t("poll_flow.option_after_questions", language, option=poll.option(option).label(language))
        elif at_question and change and "district" in state and "district" in poll.demographics:
            state.pop("district")  # at the age question: the district, asked again
            note = t("poll_flow.change_district", language)
        elif at_question and change:
            note, another_poll = t("poll_flow.nothing_cast_yet", language), True
        elif change and option is not None:
            label = poll.option(option).label(language)
            return self._show(turn, poll, t("poll_flow.option_not_cast", language, option=label))
        else:
            return None
        question = self._next_question(turn, poll)
        buttons = list(question.buttons)
        if another_poll:
            buttons.append(Button(t("poll_flow.button_polls", language), "/polls"))
        return self._reply(turn, f"{note}\n\n{question.text}", buttons)

    @staticmethod
    def _voter_id(turn: Turn) -> tuple[str, str]:
        # Telegram and the widget give a user id; /api/chat and the CLI only have the conversation.
        incoming = turn.incoming
        return incoming.channel, incoming.user_id or incoming.conversation_id

    def _base(self, turn: Turn) -> str | None:
        """Where links point: CIVICBOT_PUBLIC_URL; in the widget a path (widget.js makes it absolute
        against its own server, the request's origin); None when a link cannot work (Telegram with
        no public address), and the chat commands are shown instead."""
        if self.public_url:
            return self.public_url
        return "" if turn.incoming.channel == "web" else None

    def _url(self, turn: Turn, poll_id: int) -> str:
        base = self._base(turn)
        return f"{base}/polls/{poll_id}" if base is not None else f"/results {poll_id}"

    def _check_url(self, turn: Turn, poll_id: int, receipt: str) -> str:
        """The receipt check form (a POST: the receipt never enters a URL), or the chat command."""
        base = self._base(turn)
        return (
            f"{base}/polls/{poll_id}#receipt-title" if base is not None else f"/receipt {poll_id} {receipt}"
        )

    def _time(self, turn: Turn, moment: dt.datetime) -> str:
        return polls.show_time(moment, self.zone, turn.language)

    @staticmethod
    def _short(title: str) -> str:
        return title if len(title) <= MAX_BUTTON_TITLE else title[: MAX_BUTTON_TITLE - 1] + "…"

    @staticmethod
    def _where(turn: Turn, others: list[polls.Poll]) -> str:
        """Where people can vote in ``others``: "the Telegram bot or the chatbot on the city's website"
        (the channels a person reaches; "api" and "cli" are for tests and integrations)."""
        places = [
            t(f"poll_flow.where_{channel}", turn.language)
            for channel in _PEOPLES_CHANNELS
            if any(channel in poll.channels for poll in others)
        ]
        return one_of(places or [t("poll_flow.where_web", turn.language)], turn.language)

    def _district_names(self, turn: Turn, codes: tuple[str, ...]) -> str:
        return polls.district_list(codes, turn.language)

    async def _poll(self, poll_id: int) -> polls.Poll | None:
        poll = await self.db.execute_fn(lambda db: polls.get_poll(db, poll_id))
        return poll if poll is not None and poll.public else None

    # -- listing ---------------------------------------------------------------------------------
    async def _list(self, turn: Turn) -> Reply:
        channel, user_id = self._voter_id(turn)

        def read(db) -> list[tuple[polls.Poll, bool]]:
            return [
                (p, polls.has_voted(db, self.secret, p.id, channel, user_id))
                for p in reversed(polls.list_polls(db))  # oldest first: the one closing soonest on top
                if p.phase() == "open"
            ]

        listed = await self.db.execute_fn(read)
        # Only the polls this channel may vote in get a button: the others would answer "not here",
        # and are counted with where they take votes (on /api/chat "none open" was false).
        open_polls = [(p, voted) for p, voted in listed if channel in p.channels]
        others = [p for p, _voted in listed if channel not in p.channels]
        more = Button(t("poll_flow.button_results", turn.language), "/results")
        if not open_polls:
            if not others:
                return self._reply(turn, t("poll_flow.none_open", turn.language), [more])
            where = self._where(turn, others)
            text = t("poll_flow.open_elsewhere", turn.language, count=len(others), where=where)
            return self._reply(turn, text, [more])
        elsewhere = (
            t("poll_flow.list_elsewhere", turn.language, count=len(others), where=self._where(turn, others))
            if others
            else ""
        )
        buttons = [
            Button(
                t("poll_flow.voted_mark", turn.language, title=self._short(p.title(turn.language)))
                if voted
                else self._short(p.title(turn.language)),
                f"/vote {p.id}",
            )
            for p, voted in open_polls
        ]
        return self._reply(turn, _lines(t("poll_flow.list", turn.language), elsewhere), [*buttons, more])

    # -- voting ----------------------------------------------------------------------------------
    async def _vote(self, turn: Turn, args: list[str]) -> Reply:
        if not args or not args[0].isdigit():
            turn.done = True
            return await self._list(turn)
        poll = await self._poll(int(args[0]))
        if poll is None:
            turn.done = True
            return self._reply(
                turn,
                t("poll_flow.not_found", turn.language),
                [Button(t("poll_flow.button_polls", turn.language), "/polls")],
            )
        if turn.state.get("poll") != poll.id:
            turn.state.clear()
            turn.state.update({"poll": poll.id, "selected": []})
        refusal = await self._refusal(turn, poll)
        if refusal is not None:
            turn.done = True
            return refusal
        step = [word.casefold() for word in args[1:3]]
        if step[:1] == ["district"] and len(step) == 2:
            problem = self._answer_district(turn, poll, step[1])
            if problem is not None:
                turn.done = True
                return problem
        elif step[:1] == ["age"] and len(step) == 2:
            turn.state["age"] = step[1] if step[1] in polls.AGE_BANDS else polls.NOT_GIVEN
        question = self._next_question(turn, poll)
        if question is not None:
            return question
        if step[:1] == ["done"]:
            return await self._submit(turn, poll, turn.state.get("selected", []))
        if step and step[0].isdigit() and poll.option(int(step[0])) is not None:
            return await self._pick(turn, poll, int(step[0]))
        return self._show(turn, poll)

    async def _typed_answer(self, turn: Turn) -> list[list[str]]:
        """The /vote arguments (one list per button press) a typed answer to the open question
        stands for; empty when the message is not an answer.

        Telegram, KakaoTalk and API users type as often as they press ("마포구에 살아요", "30대",
        "1번", "1번이랑 3번", "찬성", "통학로", "완료"); without this the message left the vote and was
        answered from the documents (probe21 #7: "찬성" got "no document", "1" a page on security).
        """
        poll = await self._poll(int(turn.state["poll"]))
        if poll is None:
            return []
        said = turn.text.strip()
        pid = str(poll.id)
        skipping = said.casefold() in {t("poll_flow.button_skip", turn.language).casefold(), *SKIP_WORDS}
        if "district" in poll.demographics and "district" not in turn.state:
            code = polls.district_named(said)
            if code is None and skipping and not poll.districts:
                code = SKIP
            return [] if code is None else [[pid, "district", code]]
        if "age" in poll.demographics and "age" not in turn.state:
            band = polls.age_band_named(said) or (SKIP if skipping else None)
            return [] if band is None else [[pid, "age", band]]
        numbers = _TYPED_NUMBERS.fullmatch(said) and re.findall(r"\d+", said)
        if numbers:
            return [[pid, number] for number in dict.fromkeys(numbers)]
        if poll.max_choices > 1 and turn.state.get("selected") and _bare(said) in _DONE_WORDS:
            return [[pid, "done"]]
        option = _option_named(poll, said, turn.language)
        return [] if option is None else [[pid, str(option)]]

    async def _refusal(self, turn: Turn, poll: polls.Poll) -> Reply | None:
        """Why this person cannot vote in this poll now, as a reply; None when they can."""
        phase = poll.phase()
        results_button = Button(t("poll_flow.button_poll_results", turn.language), f"/results {poll.id}")
        if phase == "scheduled":
            return self._reply(
                turn, t("poll_flow.not_yet_open", turn.language, opens=self._time(turn, poll.opens_at))
            )
        if phase == "closed":
            return self._reply(turn, t("poll_flow.poll_closed", turn.language), [results_button])
        channel, user_id = self._voter_id(turn)
        if channel not in poll.channels:
            return self._reply(turn, t("poll_flow.channel_not_allowed", turn.language))
        voted = await self.db.execute_fn(
            lambda db: polls.has_voted(db, self.secret, poll.id, channel, user_id)
        )
        if voted:
            return self._reply(turn, t("poll_flow.already_voted", turn.language), [results_button])
        return None

    def _answer_district(self, turn: Turn, poll: polls.Poll, code: str) -> Reply | None:
        if poll.districts and code not in poll.districts:
            names = self._district_names(turn, poll.districts)
            return self._reply(turn, t("poll_flow.district_not_allowed", turn.language, districts=names))
        turn.state["district"] = code if code in polls.DISTRICTS else polls.NOT_GIVEN
        return None

    def _next_question(self, turn: Turn, poll: polls.Poll) -> Reply | None:
        """The demographic question still unanswered, if the poll asks any."""
        skip = t("poll_flow.button_skip", turn.language)
        if "district" in poll.demographics and "district" not in turn.state:
            codes = poll.districts or tuple(polls.DISTRICTS)
            buttons = [
                Button(polls.group_label("district", code, turn.language), f"/vote {poll.id} district {code}")
                for code in codes
            ]
            if poll.districts:
                names = self._district_names(turn, poll.districts)
                return self._reply(
                    turn, t("poll_flow.ask_district_required", turn.language, districts=names), buttons
                )
            buttons.append(Button(skip, f"/vote {poll.id} district {SKIP}"))
            return self._reply(turn, t("poll_flow.ask_district", turn.language), buttons)
        if "age" in poll.demographics and "age" not in turn.state:
            buttons = [
                Button(polls.group_label("age", band, turn.language), f"/vote {poll.id} age {band}")
                for band in polls.AGE_BANDS
            ]
            buttons.append(Button(skip, f"/vote {poll.id} age {SKIP}"))
            return self._reply(turn, t("poll_flow.ask_age", turn.language), buttons)
        return None

    def _show(self, turn: Turn, poll: polls.Poll, note: str = "") -> Reply:
        """The question and its options as buttons (selected ones ticked, for several choices)."""
        selected = turn.state.get("selected", [])
        text, buttons = question(poll, turn.language, self._time(turn, poll.closes_at), selected)
        if note:
            text += "\n\n" + note
        return self._reply(turn, text, buttons)

    async def _pick(self, turn: Turn, poll: polls.Poll, option_id: int) -> Reply:
        if poll.max_choices == 1:
            return await self._submit(turn, poll, [option_id])
        selected: list[int] = list(turn.state.get("selected", []))
        if option_id in selected:
            selected.remove(option_id)
        elif len(selected) >= poll.max_choices:
            return self._show(turn, poll, t("poll_flow.too_many", turn.language, max=poll.max_choices))
        else:
            selected.append(option_id)
        turn.state["selected"] = sorted(selected)
        return self._show(turn, poll)

    async def _submit(self, turn: Turn, poll: polls.Poll, choices: list[int]) -> Reply:
        if not choices:
            return self._show(turn, poll, t("poll_flow.nothing_selected", turn.language))
        channel, user_id = self._voter_id(turn)
        voter = polls.Voter(
            channel=channel,
            user_id=user_id,
            district=turn.state.get("district"),
            age=turn.state.get("age"),
            notify=turn.incoming.reply_to,
            language=turn.language,
        )
        turn.done = True  # from here on the state (selection, demographics) is dropped either way
        try:
            ballot = await polls.vote(self.db, self.secret, poll.id, voter, list(choices))
        except polls.PollError as exc:
            return self._vote_error(turn, poll, exc)
        text = t(
            "poll_flow.voted",
            turn.language,
            receipt=ballot.receipt,
            check=self._check_url(turn, poll.id, ballot.receipt),
            url=self._url(turn, poll.id),
        )
        if notify.reaches(self.delivered, turn.incoming.channel, voter.notify):
            text += "\n" + t("poll_flow.will_notify", turn.language)
        buttons = [
            Button(
                t("poll_flow.button_check_receipt", turn.language), f"/receipt {poll.id} {ballot.receipt}"
            ),
            Button(t("poll_flow.button_poll_results", turn.language), f"/results {poll.id}"),
        ]
        return self._reply(turn, text, buttons)

    def _vote_error(self, turn: Turn, poll: polls.Poll, exc: polls.PollError) -> Reply:
        if exc.code in _ERROR_KEYS:
            names = self._district_names(turn, poll.districts)
            return self._reply(turn, t(f"poll_flow.{exc.code}", turn.language, districts=names))
        if exc.code == "not_yet_open":
            return self._reply(
                turn, t("poll_flow.not_yet_open", turn.language, opens=self._time(turn, poll.opens_at))
            )
        return self._reply(turn, t("poll_flow.vote_failed", turn.language, reason=exc.message))

    # -- results and receipts ----------------------------------------------------------------------
    async def _results(self, turn: Turn, args: list[str]) -> Reply:
        if not args or not args[0].isdigit():
            return await self._results_menu(turn)
        poll = await self._poll(int(args[0]))
        if poll is None:
            return self._reply(
                turn,
                t("poll_flow.not_found", turn.language),
                [Button(t("poll_flow.button_polls", turn.language), "/polls")],
            )
        if not poll.results_visible():
            total = await self.db.execute_fn(lambda db: polls.public_ballot_count(db, poll))
            text = t(
                "poll_flow.results_hidden",
                turn.language,
                title=poll.title(turn.language),
                closes=self._time(turn, poll.closes_at),
                total=t("poll_flow.count_voted", turn.language, count=total),
            )
            return self._reply(turn, text)
        found = await self.db.execute_fn(lambda db: polls.public_results(db, poll, turn.language))
        lines = "\n".join(
            t(
                "poll_flow.result_line",
                turn.language,
                n=o["id"],
                label=o["label"],
                votes=t("poll_flow.count_votes", turn.language, count=o["votes"]),
                percent=o["percent"],
            )
            for o in found["options"]
        )
        text = t(
            "poll_flow.results",
            turn.language,
            title=poll.title(turn.language),
            state=t(
                "poll_flow.state_live" if poll.phase() == "open" else "poll_flow.state_final", turn.language
            ),
            lines=lines,
            total=t("poll_flow.count_people", turn.language, count=found["total"]),
            multi="\n" + t("poll_pages.multi_note", turn.language)
            if poll.max_choices > 1
            else "",  # one sentence, page and chat
            head=found["chain_head"][:16],
            url=self._url(turn, poll.id),
        )
        if self._base(turn) is None:  # no page to link to: the line would only repeat this command
            text = text.rsplit("\n", 1)[0]
        return self._reply(turn, text)

    async def _results_menu(self, turn: Turn) -> Reply:
        visible = await self.db.execute_fn(
            lambda db: [p for p in polls.list_polls(db) if p.results_visible()]
        )
        if not visible:
            return self._reply(
                turn,
                t("poll_flow.results_none", turn.language),
                [Button(t("poll_flow.button_polls", turn.language), "/polls")],
            )
        buttons = [Button(self._short(p.title(turn.language)), f"/results {p.id}") for p in visible[:10]]
        return self._reply(turn, t("poll_flow.results_pick", turn.language), buttons)

    async def _receipt(self, turn: Turn, args: list[str]) -> Reply:
        """/receipt <poll id> <receipt>, or /receipt <receipt> (receipts are unique across polls)."""
        if args and not args[0].isdigit():
            receipt = polls.normalise_receipt("".join(args))
            if receipt is not None:
                return await self._check_receipt(turn, receipt)
        receipt = polls.normalise_receipt("".join(args[1:])) if len(args) >= 2 else None
        if not args or not args[0].isdigit() or receipt is None:
            return self._reply(turn, t("poll_flow.receipt_usage", turn.language))
        poll = await self._poll(int(args[0]))
        if poll is None:
            return self._reply(turn, t("poll_flow.not_found", turn.language))
        ballot = await self.db.execute_fn(lambda db: polls.find_ballot(db, poll.id, receipt))
        if ballot is None:
            return self._reply(
                turn, t("poll_flow.receipt_missing", turn.language, title=poll.title(turn.language))
            )
        return self._receipt_found(turn, poll, ballot)

    async def _check_receipt(self, turn: Turn, receipt: str) -> Reply:
        """A receipt without its poll: found in whichever poll holds it."""
        ballot = await self.db.execute_fn(lambda db: polls.find_receipt(db, receipt))
        poll = await self._poll(ballot.poll_id) if ballot is not None else None
        if ballot is None or poll is None:
            return self._reply(turn, t("poll_flow.receipt_unknown", turn.language))
        return self._receipt_found(turn, poll, ballot)

    async def _check_receipts(self, turn: Turn, receipts: list[str]) -> Reply:
        """Several receipts in one message: each checked, one paragraph each, in the order written."""
        if len(receipts) == 1:
            return await self._check_receipt(turn, receipts[0])
        texts: list[str] = []
        buttons: list[Button] = []
        for receipt in receipts:
            ballot = await self.db.execute_fn(lambda db, r=receipt: polls.find_receipt(db, r))
            poll = await self._poll(ballot.poll_id) if ballot is not None else None
            if ballot is None or poll is None:
                texts.append(t("poll_flow.receipt_unknown_code", turn.language, receipt=receipt))
                continue
            found = self._receipt_found(turn, poll, ballot)
            texts.append(found.text)
            buttons += [b for b in found.buttons if b not in buttons]
        return self._reply(turn, "\n\n".join(texts), buttons)

    def _receipt_found(self, turn: Turn, poll: polls.Poll, ballot: polls.Ballot) -> Reply:
        choices = ", ".join(poll.option(c).label(turn.language) for c in ballot.choices if poll.option(c))
        text = t(
            "poll_flow.receipt_found",
            turn.language,
            receipt=ballot.receipt,
            title=poll.title(turn.language),
            seq=ballot.seq,
            choices=choices,
            hash=ballot.hash[:16],
        )
        return self._reply(
            turn, text, [Button(t("poll_flow.button_poll_results", turn.language), f"/results {poll.id}")]
        )


def question(
    poll: polls.Poll, language: str, closes: str, selected: list[int] | tuple[int, ...] = ()
) -> tuple[str, list[Button]]:
    """A poll's question as every chat shows it (and the console previews it): the text, and the
    options as buttons; with several choices, the ``selected`` ones ticked and a "done" button.
    ``closes`` is the closing time already written for ``language``."""
    multi = poll.max_choices > 1
    how = (
        t("poll_flow.how_multi", language, max=poll.max_choices)
        if multi
        else t("poll_flow.how_single", language)
    )
    text = t(
        "poll_flow.question",
        language,
        title=poll.title(language),
        description=poll.description(language),
        closes=closes,
        how=how,
    )
    text = _NO_EMPTY_PARAGRAPH.sub("\n\n", text)  # a poll without a description left four blank lines
    if multi and selected:
        labels = ", ".join(poll.option(o).label(language) for o in selected if poll.option(o))
        text += "\n" + t("poll_flow.selected", language, labels=labels)
    # A toggle says its state (aria-pressed on the web, a tick on Telegram), not an emoji in the label.
    buttons = [
        Button(o.label(language), f"/vote {poll.id} {o.id}", pressed=(o.id in selected) if multi else None)
        for o in poll.options
    ]
    if multi:
        done = t("poll_flow.button_done", language, count=len(selected), max=poll.max_choices)
        buttons.append(Button(done, f"/vote {poll.id} done"))
    return text, buttons
