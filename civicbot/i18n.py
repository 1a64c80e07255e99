"""Every user-facing string of the engine, in Korean and English. Content strings live in intents/."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "dont_know": {
        "ko": "죄송해요, 그 질문에는 제가 가진 {city} 자료로 정확히 답하기 어려워요. "
        "120 다산콜센터(국번 없이 120, 서울 밖에서는 02-120, 24시간)에 문의해 주세요. "
        "동네에 고칠 문제가 있다면 민원으로 신고하실 수도 있어요.",
        "en": "Sorry, I can't answer that reliably from {city}'s documents. "
        "Please ask the 120 Dasan Call Center (dial 120, or 02-120 from outside Seoul; open 24/7). "
        "If something in your neighbourhood needs fixing, you can also report it.",
    },
    "source_line": {"ko": "출처: {title}", "en": "Source: {title}"},
    "only_in_other_language": {
        "ko": "이 내용은 영어 자료에만 있어서 영어 원문으로 알려 드려요.",
        "en": "I only have this in Korean, so here is the Korean text.",
    },
    "button_call_120": {"ko": "120 다산콜센터 안내", "en": "About the 120 call centre"},
    "button_report": {"ko": "민원 신고하기", "en": "Report a problem"},
    "button_polls": {"ko": "투표 보기", "en": "See polls"},
    "button_help": {"ko": "도움말", "en": "Help"},
    "call_120_question": {
        "ko": "120 다산콜센터는 어떻게 이용하나요?",
        "en": "How do I use the 120 call centre?",
    },
    "empty_message": {
        "ko": "메시지가 비어 있어요. 궁금한 점을 글로 적어 주세요.",
        "en": "Your message is empty. Please type your question.",
    },
    "too_long": {
        "ko": "메시지가 너무 길어요({limit}자까지). 짧게 나눠서 보내 주세요.",
        "en": "Your message is too long (up to {limit} characters). Please send it in shorter parts.",
    },
    "cancelled": {
        "ko": "취소했어요. 다른 도움이 필요하면 말씀해 주세요.",
        "en": "Cancelled. Tell me if there is anything else I can do.",
    },
    "nothing_to_cancel": {
        "ko": "취소할 진행 중인 작업이 없어요.",
        "en": "There is nothing in progress to cancel.",
    },
    "flow_failed": {
        "ko": "죄송해요, 처리 중에 문제가 생겼어요. 잠시 후 다시 시도해 주세요.",
        "en": "Sorry, something went wrong on our side. Please try again in a moment.",
    },
}


def translate(table: dict[str, dict[str, str]], key: str, language: str, **values: object) -> str:
    """The string for key in the language from a module's own table (Korean when unknown)."""
    entry = table[key]
    return entry.get(language, entry["ko"]).format(**values)


def t(key: str, language: str, **values: object) -> str:
    """The engine's own strings. Domain flows keep theirs in their module and call translate()."""
    return translate(STRINGS, key, language, **values)
