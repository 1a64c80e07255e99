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
from zoneinfo import ZoneInfo

from civicbot import polls
from civicbot.config import Settings
from civicbot.db import Database
from civicbot.dialogue import Button, Reply, Turn
from civicbot.i18n import translate

SKIP = "skip"
MAX_BUTTON_TITLE = 60

STRINGS: dict[str, dict[str, str]] = {
    "list": {
        "ko": "지금 참여할 수 있는 투표예요. 참여할 투표를 골라 주세요. 투표마다 한 사람이 한 번, 익명으로 참여해요.",
        "en": "These polls are open now. Pick one to vote. One anonymous vote per person in each poll.",
    },
    "none_open": {
        "ko": "지금 진행 중인 투표가 없어요. 새 투표가 열리면 /polls 로 확인해 주세요.",
        "en": "There are no open polls right now. Check /polls again later.",
    },
    "voted_mark": {"ko": "✓ {title} (참여 완료)", "en": "✓ {title} (voted)"},
    "button_results": {"ko": "지난 투표 결과", "en": "Past results"},
    "button_poll_results": {"ko": "결과 보기", "en": "See results"},
    "button_check_receipt": {"ko": "내 표 확인하기", "en": "Check my vote"},
    "button_done": {"ko": "선택 완료 ({count}/{max})", "en": "Submit ({count}/{max})"},
    "button_skip": {"ko": "답하지 않을래요", "en": "Prefer not to say"},
    "button_polls": {"ko": "투표 목록", "en": "All polls"},
    "not_found": {
        "ko": "그런 번호의 투표가 없어요. /polls 로 진행 중인 투표를 확인해 주세요.",
        "en": "There is no poll with that number. See the open polls with /polls.",
    },
    "question": {
        "ko": "🗳️ {title}\n\n{description}\n\n마감: {closes}\n{how}",
        "en": "🗳️ {title}\n\n{description}\n\nCloses: {closes}\n{how}",
    },
    "how_single": {"ko": "아래에서 하나를 골라 주세요.", "en": "Choose one option below."},
    "how_multi": {
        "ko": "최대 {max}개까지 고를 수 있어요. 선택지를 누르면 선택되고, 다시 누르면 취소돼요. 다 고르셨으면 ‘선택 완료’를 눌러 주세요.",
        "en": "Choose up to {max}. Tap an option to select it, tap again to unselect, then tap ‘Submit’.",
    },
    "selected": {"ko": "지금 고른 선택지: {labels}", "en": "Selected so far: {labels}"},
    "nothing_selected": {
        "ko": "아직 고른 선택지가 없어요. 하나 이상 골라 주세요.",
        "en": "You haven't selected anything yet. Choose at least one option.",
    },
    "too_many": {
        "ko": "이 투표는 최대 {max}개까지 고를 수 있어요. 다른 선택지를 먼저 취소해 주세요.",
        "en": "This poll allows at most {max} choices. Unselect one first.",
    },
    "ask_district": {
        "ko": "어느 자치구에 사시나요? 답하지 않으셔도 돼요. 지역별 결과를 살펴보는 데만 쓰이고, "
        "누가 무엇을 골랐는지와는 연결되지 않아요.",
        "en": "Which district do you live in? This is optional. It is only used for results by district "
        "and is never linked to what you choose.",
    },
    "ask_district_required": {
        "ko": "이 투표는 {districts} 주민만 참여할 수 있어요. 사시는 자치구를 골라 주세요.",
        "en": "This poll is for residents of {districts} only. Please choose your district.",
    },
    "ask_age": {
        "ko": "연령대를 알려 주시겠어요? 답하지 않으셔도 돼요. 연령대별 결과에만 쓰여요.",
        "en": "Would you share your age band? This is optional and only used for results by age.",
    },
    "voted": {
        "ko": "투표가 접수됐어요. 참여해 주셔서 고마워요!\n\n영수증 코드: {receipt}\n\n"
        "이 코드로 내 표가 제대로 집계됐는지 언제든 확인할 수 있어요: {check} "
        "코드를 다른 사람에게 보여 주면 내가 무엇을 골랐는지 알 수 있으니 혼자만 간직해 주세요.\n\n"
        "결과: {url}",
        "en": "Your vote is in. Thank you for taking part!\n\nReceipt code: {receipt}\n\n"
        "Use it any time to check that your vote was counted: {check} "
        "Anyone who sees this code can see what you chose, so keep it to yourself.\n\nResults: {url}",
    },
    "will_notify": {
        "ko": "투표가 마감되면 여기로 알려 드릴게요.",
        "en": "I'll let you know here when the poll closes.",
    },
    "already_voted": {
        "ko": "이미 이 투표에 참여하셨어요. 투표마다 한 사람이 한 번만 참여할 수 있어요.",
        "en": "You have already voted in this poll. It's one vote per person.",
    },
    "not_yet_open": {
        "ko": "이 투표는 아직 시작 전이에요. {opens}부터 참여할 수 있어요.",
        "en": "This poll hasn't opened yet. Voting starts {opens}.",
    },
    "poll_closed": {
        "ko": "이 투표는 마감됐어요. 결과를 확인해 보세요.",
        "en": "This poll has closed. Have a look at the results.",
    },
    "channel_not_allowed": {
        "ko": "이 투표는 여기에서는 참여할 수 없어요. 텔레그램 봇이나 서울시 누리집의 챗봇에서 참여해 주세요.",
        "en": "This poll doesn't take votes here. Please vote through the Telegram bot or the chatbot on the city's website.",
    },
    "district_not_allowed": {
        "ko": "죄송해요, 이 투표는 {districts} 주민만 참여할 수 있어요.",
        "en": "Sorry, this poll is only for residents of {districts}.",
    },
    "vote_failed": {
        "ko": "투표를 처리하지 못했어요: {reason} 다시 시도해 주세요.",
        "en": "Your vote could not be recorded: {reason} Please try again.",
    },
    "results": {
        "ko": "📊 「{title}」 결과 ({state})\n\n{lines}\n\n총 {total}명 참여{multi}\n체인 헤드: {head}…\n자세히: {url}",
        "en": "📊 Results: “{title}” ({state})\n\n{lines}\n\n{total} voted{multi}\nChain head: {head}…\nDetails: {url}",
    },
    "result_line": {
        "ko": "{n}. {label} — {votes}표 ({percent}%)",
        "en": "{n}. {label} — {votes} ({percent}%)",
    },
    "multi_note": {
        "ko": " (여러 개를 고를 수 있어 비율의 합이 100%를 넘을 수 있어요)",
        "en": " (several choices allowed, so shares can add up to more than 100%)",
    },
    "state_live": {"ko": "진행 중, 실시간", "en": "open, live"},
    "state_final": {"ko": "최종", "en": "final"},
    "results_hidden": {
        "ko": "「{title}」 결과는 투표가 마감된 뒤({closes})에 공개돼요. 지금까지 {total}명이 참여했어요.",
        "en": "Results of “{title}” are published when the poll closes ({closes}). So far {total} voted.",
    },
    "results_pick": {
        "ko": "결과를 볼 수 있는 투표예요. 골라 주세요.",
        "en": "These polls have results you can see. Pick one.",
    },
    "results_none": {
        "ko": "아직 공개된 결과가 없어요. 결과는 보통 투표가 마감된 뒤에 공개돼요.",
        "en": "No results are public yet. Results are usually published when a poll closes.",
    },
    "receipt_usage": {
        "ko": "영수증을 확인하려면 “/receipt 투표번호 영수증코드”처럼 보내 주세요. 영수증 코드는 투표할 때 받은 26자리예요.",
        "en": "To check a receipt, send “/receipt <poll number> <receipt code>”. The code is the 26 characters you got when you voted.",
    },
    "receipt_found": {
        "ko": "확인됐어요! 영수증 {receipt}는 「{title}」의 {seq}번째 표로 집계돼 있어요.\n선택: {choices}\n이 표의 체인 해시: {hash}…",
        "en": "Confirmed! Receipt {receipt} is ballot #{seq} of “{title}”.\nChoice: {choices}\nIts chain hash: {hash}…",
    },
    "receipt_missing": {
        "ko": "「{title}」에서 이 영수증 코드를 찾지 못했어요. 코드를 다시 확인해 주세요.",
        "en": "No ballot of “{title}” has this receipt code. Please check the code.",
    },
}

# PollError codes that have their own sentence; the rest fall back to vote_failed.
_ERROR_KEYS = ("already_voted", "poll_closed", "channel_not_allowed", "district_not_allowed")


class PollFlow:
    name = "polls"
    commands = ("/polls", "/vote", "/receipt", "/results")
    intents = ("polls",)

    def __init__(self, settings: Settings, db: Database) -> None:
        self.db = db
        self.zone = ZoneInfo(settings.timezone)
        self.public_url = settings.public_url
        self.secret = settings.secret()  # built on a worker thread: reading the key file is fine here

    # -- routing ---------------------------------------------------------------------------------
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
            # Mid-vote, a bare number picks that option (handy where there are no buttons, e.g. the CLI).
            if len(words) == 1 and words[0].isdigit():
                turn.done = False
                return await self._vote(turn, [str(turn.state["poll"]), words[0]])
            return None  # not ours: the Dialogue answers it afresh
        return await self._from_intent(turn)

    async def _from_intent(self, turn: Turn) -> Reply:
        said = turn.text.casefold()
        if any(word in said for word in ("결과", "result", "how many votes")):
            return await self._results(turn, [])
        if any(word in said for word in ("영수증", "receipt", "집계", "counted")):
            return self._reply(turn, translate(STRINGS, "receipt_usage", turn.language))
        return await self._list(turn)

    # -- helpers ---------------------------------------------------------------------------------
    def _t(self, turn: Turn, key: str, **values: object) -> str:
        return translate(STRINGS, key, turn.language, **values)

    @staticmethod
    def _reply(turn: Turn, text: str, buttons: list[Button] | None = None) -> Reply:
        return Reply(text=text, intent="polls", confidence=1.0, language=turn.language, buttons=buttons or [])

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
    def _count(turn: Turn, n: int, one: str, many: str) -> int | str:
        """Korean needs no plural; English does ("1 vote", "2 votes")."""
        return n if turn.language != "en" else f"{n} {one if n == 1 else many}"

    @staticmethod
    def _short(title: str) -> str:
        return title if len(title) <= MAX_BUTTON_TITLE else title[: MAX_BUTTON_TITLE - 1] + "…"

    def _district_names(self, turn: Turn, codes: tuple[str, ...]) -> str:
        return ", ".join(polls.group_label("district", code, turn.language) for code in codes)

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

        open_polls = await self.db.execute_fn(read)
        more = Button(self._t(turn, "button_results"), "/results")
        if not open_polls:
            return self._reply(turn, self._t(turn, "none_open"), [more])
        buttons = [
            Button(
                self._t(turn, "voted_mark", title=self._short(p.title(turn.language)))
                if voted
                else self._short(p.title(turn.language)),
                f"/vote {p.id}",
            )
            for p, voted in open_polls
        ]
        return self._reply(turn, self._t(turn, "list"), [*buttons, more])

    # -- voting ----------------------------------------------------------------------------------
    async def _vote(self, turn: Turn, args: list[str]) -> Reply:
        if not args or not args[0].isdigit():
            turn.done = True
            return await self._list(turn)
        poll = await self._poll(int(args[0]))
        if poll is None:
            turn.done = True
            return self._reply(
                turn, self._t(turn, "not_found"), [Button(self._t(turn, "button_polls"), "/polls")]
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

    async def _refusal(self, turn: Turn, poll: polls.Poll) -> Reply | None:
        """Why this person cannot vote in this poll now, as a reply; None when they can."""
        phase = poll.phase()
        results_button = Button(self._t(turn, "button_poll_results"), f"/results {poll.id}")
        if phase == "scheduled":
            return self._reply(turn, self._t(turn, "not_yet_open", opens=self._time(turn, poll.opens_at)))
        if phase == "closed":
            return self._reply(turn, self._t(turn, "poll_closed"), [results_button])
        channel, user_id = self._voter_id(turn)
        if channel not in poll.channels:
            return self._reply(turn, self._t(turn, "channel_not_allowed"))
        voted = await self.db.execute_fn(
            lambda db: polls.has_voted(db, self.secret, poll.id, channel, user_id)
        )
        if voted:
            return self._reply(turn, self._t(turn, "already_voted"), [results_button])
        return None

    def _answer_district(self, turn: Turn, poll: polls.Poll, code: str) -> Reply | None:
        if poll.districts and code not in poll.districts:
            names = self._district_names(turn, poll.districts)
            return self._reply(turn, self._t(turn, "district_not_allowed", districts=names))
        turn.state["district"] = code if code in polls.DISTRICTS else polls.NOT_GIVEN
        return None

    def _next_question(self, turn: Turn, poll: polls.Poll) -> Reply | None:
        """The demographic question still unanswered, if the poll asks any."""
        skip = self._t(turn, "button_skip")
        if "district" in poll.demographics and "district" not in turn.state:
            codes = poll.districts or tuple(polls.DISTRICTS)
            buttons = [
                Button(polls.group_label("district", code, turn.language), f"/vote {poll.id} district {code}")
                for code in codes
            ]
            if poll.districts:
                names = self._district_names(turn, poll.districts)
                return self._reply(turn, self._t(turn, "ask_district_required", districts=names), buttons)
            buttons.append(Button(skip, f"/vote {poll.id} district {SKIP}"))
            return self._reply(turn, self._t(turn, "ask_district"), buttons)
        if "age" in poll.demographics and "age" not in turn.state:
            buttons = [
                Button(polls.group_label("age", band, turn.language), f"/vote {poll.id} age {band}")
                for band in polls.AGE_BANDS
            ]
            buttons.append(Button(skip, f"/vote {poll.id} age {SKIP}"))
            return self._reply(turn, self._t(turn, "ask_age"), buttons)
        return None

    def _show(self, turn: Turn, poll: polls.Poll, note: str = "") -> Reply:
        """The question and its options as buttons (selected ones ticked, for several choices)."""
        selected = turn.state.get("selected", [])
        multi = poll.max_choices > 1
        how = self._t(turn, "how_multi", max=poll.max_choices) if multi else self._t(turn, "how_single")
        text = self._t(
            turn,
            "question",
            title=poll.title(turn.language),
            description=poll.description(turn.language),
            closes=self._time(turn, poll.closes_at),
            how=how,
        )
        if multi and selected:
            labels = ", ".join(poll.option(o).label(turn.language) for o in selected if poll.option(o))
            text += "\n" + self._t(turn, "selected", labels=labels)
        if note:
            text += "\n\n" + note
        # A toggle says its state (aria-pressed on the web, a tick on Telegram), not an emoji in the label.
        buttons = [
            Button(
                o.label(turn.language),
                f"/vote {poll.id} {o.id}",
                pressed=(o.id in selected) if multi else None,
            )
            for o in poll.options
        ]
        if multi:
            done = self._t(turn, "button_done", count=len(selected), max=poll.max_choices)
            buttons.append(Button(done, f"/vote {poll.id} done"))
        return self._reply(turn, text, buttons)

    async def _pick(self, turn: Turn, poll: polls.Poll, option_id: int) -> Reply:
        if poll.max_choices == 1:
            return await self._submit(turn, poll, [option_id])
        selected: list[int] = list(turn.state.get("selected", []))
        if option_id in selected:
            selected.remove(option_id)
        elif len(selected) >= poll.max_choices:
            return self._show(turn, poll, self._t(turn, "too_many", max=poll.max_choices))
        else:
            selected.append(option_id)
        turn.state["selected"] = sorted(selected)
        return self._show(turn, poll)

    async def _submit(self, turn: Turn, poll: polls.Poll, choices: list[int]) -> Reply:
        if not choices:
            return self._show(turn, poll, self._t(turn, "nothing_selected"))
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
        text = self._t(
            turn,
            "voted",
            receipt=ballot.receipt,
            check=self._check_url(turn, poll.id, ballot.receipt),
            url=self._url(turn, poll.id),
        )
        if voter.notify:
            text += "\n" + self._t(turn, "will_notify")
        buttons = [
            Button(self._t(turn, "button_check_receipt"), f"/receipt {poll.id} {ballot.receipt}"),
            Button(self._t(turn, "button_poll_results"), f"/results {poll.id}"),
        ]
        return self._reply(turn, text, buttons)

    def _vote_error(self, turn: Turn, poll: polls.Poll, exc: polls.PollError) -> Reply:
        if exc.code in _ERROR_KEYS:
            names = self._district_names(turn, poll.districts)
            return self._reply(turn, self._t(turn, exc.code, districts=names))
        if exc.code == "not_yet_open":
            return self._reply(turn, self._t(turn, "not_yet_open", opens=self._time(turn, poll.opens_at)))
        return self._reply(turn, self._t(turn, "vote_failed", reason=exc.message))

    # -- results and receipts ----------------------------------------------------------------------
    async def _results(self, turn: Turn, args: list[str]) -> Reply:
        if not args or not args[0].isdigit():
            return await self._results_menu(turn)
        poll = await self._poll(int(args[0]))
        if poll is None:
            return self._reply(
                turn, self._t(turn, "not_found"), [Button(self._t(turn, "button_polls"), "/polls")]
            )
        if not poll.results_visible():
            total = await self.db.execute_fn(lambda db: polls.public_ballot_count(db, poll))
            text = self._t(
                turn,
                "results_hidden",
                title=poll.title(turn.language),
                closes=self._time(turn, poll.closes_at),
                total=self._count(turn, total, "person has", "people have"),
            )
            return self._reply(turn, text)
        found = await self.db.execute_fn(lambda db: polls.public_results(db, poll, turn.language))
        lines = "\n".join(
            self._t(
                turn,
                "result_line",
                n=o["id"],
                label=o["label"],
                votes=self._count(turn, o["votes"], "vote", "votes"),
                percent=o["percent"],
            )
            for o in found["options"]
        )
        text = self._t(
            turn,
            "results",
            title=poll.title(turn.language),
            state=self._t(turn, "state_live" if poll.phase() == "open" else "state_final"),
            lines=lines,
            total=self._count(turn, found["total"], "person", "people"),
            multi=self._t(turn, "multi_note") if poll.max_choices > 1 else "",
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
                turn, self._t(turn, "results_none"), [Button(self._t(turn, "button_polls"), "/polls")]
            )
        buttons = [Button(self._short(p.title(turn.language)), f"/results {p.id}") for p in visible[:10]]
        return self._reply(turn, self._t(turn, "results_pick"), buttons)

    async def _receipt(self, turn: Turn, args: list[str]) -> Reply:
        receipt = polls.normalise_receipt("".join(args[1:])) if len(args) >= 2 else None
        if not args or not args[0].isdigit() or receipt is None:
            return self._reply(turn, self._t(turn, "receipt_usage"))
        poll = await self._poll(int(args[0]))
        if poll is None:
            return self._reply(turn, self._t(turn, "not_found"))
        ballot = await self.db.execute_fn(lambda db: polls.find_ballot(db, poll.id, receipt))
        if ballot is None:
            return self._reply(turn, self._t(turn, "receipt_missing", title=poll.title(turn.language)))
        choices = ", ".join(poll.option(c).label(turn.language) for c in ballot.choices if poll.option(c))
        text = self._t(
            turn,
            "receipt_found",
            receipt=ballot.receipt,
            title=poll.title(turn.language),
            seq=ballot.seq,
            choices=choices,
            hash=ballot.hash[:16],
        )
        return self._reply(turn, text, [Button(self._t(turn, "button_poll_results"), f"/results {poll.id}")])
