"""Slash commands in reply text become buttons on channels that have no command line.

Intent responses, flow messages and the documents themselves (the bot guide, how to report) tell a
Telegram user to type ``/report`` or ``/polls``. On the web widget, the chat API and KakaoTalk
nobody types commands, and a raw ``/report`` reads as jargon (issue 9: "web channels never show a
raw slash command; use buttons"). ``as_buttons`` rewrites each mention into the button's name
("/report를 입력하거나" -> "‘민원 신고하기’ 버튼을 누르거나", "with /report" -> "with the “Report a
problem” button") and adds that button to the reply, once. Telegram and the command-line channel
keep the commands as written.
"""

from __future__ import annotations

import dataclasses
import re

from civicbot.i18n import josa, t

# Channels where a citizen types commands; every other channel gets buttons.
COMMAND_CHANNELS = frozenset({"telegram", "cli"})

# The command, the i18n key of its button's label.
_LABELS = {
    "/start": "button_start",
    "/help": "button_help",
    "/polls": "button_polls",
    "/results": "button_results",
    "/vote": "button_polls",
    "/receipt": "button_receipt",
    "/report": "button_report",
    "/status": "button_status",
    "/proposals": "button_proposals",
    "/propose": "button_propose",
    "/cancel": "button_cancel",
}
# A concrete argument (a tracking id SEL-7K3F9Q, a poll number) goes into the button's payload;
# a placeholder (접수번호, <tracking id>) is dropped: the button asks for it.
_CONCRETE = r"[A-Z]{2,5}-[A-Z0-9]{4,}|\d+(?:\s+[A-Z0-9]{10,})?"
_PLACEHOLDER = r"<[^>\n]{1,30}>(?:\s+<[^>\n]{1,30}>)*|\{[^}\n]{1,20}\}|접수번호|투표번호(?:\s+영수증\s*코드)?|영수증\s*코드"
# What a command's placeholder asks the citizen to send, once the button is pressed (i18n keys).
_SENDS = {"/status": "slash.send_status", "/receipt": "slash.send_receipt"}
_MENTION = re.compile(
    r"(?<![\w/.:-])(?P<open>['\"‘“]?)(?P<cmd>/(?:"
    + "|".join(sorted((c[1:] for c in _LABELS), key=len, reverse=True))
    + r"))(?![A-Za-z0-9_/])(?:\s+(?:(?P<arg>(?:"
    + _CONCRETE
    + r")(?![\w/]))|(?P<placeholder>"
    + _PLACEHOLDER
    + r")))?(?P<close>['\"’”]?)"
)
# "예: /status SEL-7K3F9Q" shows what to type: on a button channel the example is the id alone.
_EXAMPLE = re.compile(r"(?:예\s*:|예를 들어|for example|e\.g\.)\s*$", re.IGNORECASE)
# "'/status 접수번호' 형식으로 보내", "like '/status <id>'": press the button, then send the id.
_KO_FORMAT = re.compile(r"^\s*(?:형식|처럼|같이)[으로]*\s*")
_EN_LIKE = re.compile(r",?\s*\blike\s+$", re.IGNORECASE)
# The start of the clause a mention sits in: after a sentence's end or a line break.
_CLAUSE_END = re.compile(r"[.!?]\s+|\n")
# A Korean clause that ends in its object ("확인할 접수번호를 "): that object is what to send.
_KO_OBJECT_END = re.compile(r"[을를]\s*$")
_EN_SEND = re.compile(r"\bsend\b", re.IGNORECASE)
# What follows a Korean mention: a particle written for "/report" (read "리포트"), re-chosen for
# "버튼" by i18n.josa (it ends in a consonant), and "입력하다/치다" (type), which becomes "누르다" (press).
_KO_AFTER = re.compile(
    r"^(?P<space>\s?)(?:(?P<particle>으로|로|를|을|가|이|는|은)(?![가-힣]))?(?P<rest>\s*)(?P<verb>입력하|치)?"
)
_EN_TYPE = re.compile(r"\b(?:type|send|use|enter)\s+$", re.IGNORECASE)


def _readable(argument: str | None) -> bool:
    """A tracking id or receipt is shown beside its button (people copy and quote it); a bare poll
    number is not (the button carries it, and "버튼(1)" reads as a footnote)."""
    return bool(argument) and not argument.isdigit()


def _what_to_send(command: str, language: str) -> str | None:
    """The thing a command's placeholder stands for, in words ("접수번호", "the poll number and the
    receipt code"); None for a command without such words."""
    key = _SENDS.get(command)
    return t(key, language) if key else None


def _clause_start(before: str) -> int:
    """Where the clause that ends ``before`` starts: after the last sentence end or line break."""
    ends = list(_CLAUSE_END.finditer(before))
    return ends[-1].end() if ends else 0


def _press_and_send(before: str, after: str, language: str, command: str, label: str):
    """A "send it in this form" hint (“/receipt 투표번호 영수증코드”처럼 보내 주세요, send '/status <id>')
    rewritten as "press the button and send the number", so what to send is not lost (newcomer F22).

    ``before``/``after``: the reply's text around the mention. Returns ``(text replacing before and
    the mention, characters of after consumed)``, or None when the sentence is not such a hint (the
    mention is then named as a button like any other)."""
    what = _what_to_send(command, language)
    if language == "en":
        like = _EN_LIKE.search(before)
        if like:  # "Send the tracking id like '/status <id>'": the clause already says what
            head = before[: like.start()]
            start = _clause_start(head)
            send = _EN_SEND.search(head, start)
            if send is None:
                return head + " " + t("slash.press_then", language, label=label), 0
            press = t("slash.press_and", language, label=label)
            press = press[0].upper() + press[1:] if send.group()[0].isupper() else press
            return head[: send.start()] + press + head[send.end() :], 0
        typed = _EN_TYPE.search(before)
        if typed and what:  # "send “/receipt <poll number> <receipt code>”"
            return before[: typed.start()] + t("slash.press_and_send", language, label=label, what=what), 0
        return None
    form = _KO_FORMAT.match(after)
    if form is None:
        return None
    start = _clause_start(before)
    clause = before[start:]
    if clause.strip() and _KO_OBJECT_END.search(
        clause
    ):  # "확인할 접수번호를 '/status 접수번호' 형식으로 보내"
        press = t("slash.press_and", language, label=label)
        return before[:start] + press + " " + clause.strip() + " ", form.end()
    if what is None:
        return before + t("slash.press_then", language, label=label), form.end()
    return before + t("slash.press_and_send", language, label=label, what=what) + " ", form.end()


def has_commands(text: str) -> bool:
    """Whether the text mentions a slash command that ``as_buttons`` rewrites."""
    return bool(_MENTION.search(text))


def as_buttons(reply, channel: str):
    """The reply as a channel without a command line shows it: each ``/command`` mentioned in its
    text named as a button, and that button added (at most once per payload). ``reply`` is a
    civicbot.dialogue.Reply; returned unchanged on COMMAND_CHANNELS or when it mentions none."""
    if channel in COMMAND_CHANNELS or not has_commands(reply.text):
        return reply
    from civicbot.dialogue import Button  # the Reply's own module; imported late (no cycle)

    buttons = list(reply.buttons)
    payloads = {b.payload for b in buttons}
    # A button the reply already has is named by its own label: the vote's receipt text named
    # "투표 영수증 확인" beside a button reading "내 표 확인하기" (newcomer probe, eighteenth pass).
    shown_labels = {b.payload: b.label for b in buttons}
    language = reply.language
    out: list[str] = []
    position = 0
    text = reply.text
    for match in _MENTION.finditer(text):
        command, argument = match.group("cmd"), match.group("arg")
        payload = f"{command} {argument}" if argument else command
        label = shown_labels.get(payload) or t(f"engine.{_LABELS[command]}", language)
        if payload not in payloads:
            buttons.append(Button(label, payload))
            payloads.add(payload)
        before = text[position : match.start()]
        if argument and _EXAMPLE.search(before):
            buttons.pop() if buttons and buttons[-1].payload == payload else None
            payloads.discard(payload)
            out.append(before + argument)
            position = match.end()
            continue
        if match.group("placeholder"):
            hint = _press_and_send(before, text[match.end() :], language, command, label)
            if hint is not None:
                out.append(hint[0])
                position = match.end() + hint[1]
                continue
        if language == "en":
            if _EN_TYPE.search(before):
                before = _EN_TYPE.sub("press ", before)
            shown = f" ({argument})" if _readable(argument) else ""  # an id stays readable and copyable
            out.append(before + t("slash.the_button", language, label=label) + shown)
            position = match.end()
        else:
            after = _KO_AFTER.match(text[match.end() :])
            button = t("slash.the_button", language, label=label)
            particle = josa(button, after.group("particle")) if after.group("particle") else ""
            verb = t("slash.press_stem", language) if after.group("verb") else ""
            if not after.group("particle"):
                particle = ""  # "/polls\n", "/help: ..." : nothing to re-choose
            rest = (
                after.group("rest") if after.group("particle") else after.group("space") + after.group("rest")
            )
            # the id stays in the text; the particle still agrees with 버튼, after the brackets
            shown = f"({argument})" if _readable(argument) else ""
            out.append(before + f"{button}{shown}{particle}{rest}{verb}")
            position = match.end() + after.end()
    out.append(text[position:])
    return dataclasses.replace(reply, text="".join(out), buttons=buttons)
