"""Every user-facing string of the engine, in Korean and English. Content strings live in intents/."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "no_document": {
        "ko": "죄송해요, 그 내용을 다룬 {city} 문서는 아직 없어요. "
        "120 다산콜센터(국번 없이 120, 서울 밖에서는 02-120, 24시간)에 문의해 주세요. "
        "동네에 고칠 문제가 있다면 민원으로 신고하실 수도 있어요.",
        "en": "Sorry, I don't have a document about that yet. "
        "Please ask the 120 Dasan Call Center (dial 120, or 02-120 from outside Seoul; open 24/7). "
        "If something in your neighbourhood needs fixing, you can also report it.",
    },
    "outside_city_bot": {
        "ko": "죄송해요, 그건 {city} 시민 챗봇이 다루는 범위 밖이에요. 저는 {city}의 정책과 서비스, "
        "투표, 민원 신고를 도와드려요. {city} 생활에 관한 다른 궁금한 점은 120 다산콜센터(국번 없이 120)에 "
        "물어보실 수 있어요.",
        "en": "Sorry, that's outside what {city}'s city bot covers. I help with {city}'s policies and "
        "services, polls and reports. For other questions about life in {city}, the 120 Dasan Call "
        "Center (dial 120) can help.",
    },
    "detail_missing": {
        "ko": "「{title}」 문서에는 물어보신 {what} 나와 있지 않아요.",
        "en": "The document \u201c{title}\u201d doesn't say {what}.",
    },
    # What the question asked for, with the Korean particle that follows it (은/는).
    "detail_price": {"ko": "금액은", "en": "what it costs"},
    "detail_count": {"ko": "수는", "en": "how many"},
    "detail_time": {"ko": "날짜나 시간은", "en": "when"},
    "detail_address": {"ko": "주소는", "en": "the address"},
    "detail_phone": {"ko": "전화번호는", "en": "the phone number"},
    "detail_speed": {"ko": "속도는", "en": "the speed"},
    "detail_password": {"ko": "비밀번호는", "en": "a password"},
    "detail_name": {"ko": "이름은", "en": "the name"},
    "detail_thing": {"ko": "{subject}에 관한 내용은", "en": "anything about {subject}"},
    "document_says": {"ko": "문서에 있는 내용은 이래요:", "en": "What it does say:"},
    "document_says_other_language": {
        "ko": "영어 문서에 있는 내용은 이래요:",
        "en": "What it does say (the document is in Korean):",
    },
    "ask_120_for_detail": {
        "ko": "정확한 내용은 120 다산콜센터(국번 없이 120)에 물어보세요.",
        "en": "For the exact answer, please ask the 120 Dasan Call Center (dial 120).",
    },
    "related_line": {"ko": "관련 문서: {title}", "en": "Related document: {title}"},
    "as_of": {"ko": "{year}년 {month}월 기준", "en": "as of {month_name} {year}"},
    "source_line": {"ko": "출처: {title}", "en": "Source: {title}"},
    "only_in_other_language": {
        "ko": "이 내용은 영어 자료에만 있어서 영어 원문으로 알려 드려요.",
        "en": "I only have this in Korean, so here is the Korean text.",
    },
    "button_call_120": {"ko": "120 다산콜센터 안내", "en": "About the 120 call centre"},
    "button_report": {"ko": "민원 신고하기", "en": "Report a problem"},
    "button_polls": {"ko": "투표 보기", "en": "See polls"},
    "button_help": {"ko": "도움말", "en": "Help"},
    # Buttons that stand for a slash command on channels without a command line (civicbot/slash.py).
    "button_start": {"ko": "처음으로", "en": "Start"},
    "button_results": {"ko": "투표 결과 보기", "en": "Poll results"},
    "button_receipt": {"ko": "투표 영수증 확인", "en": "Check a receipt"},
    "button_status": {"ko": "신고 처리 상태 확인", "en": "Check a report"},
    "button_propose": {"ko": "투표 주제 제안하기", "en": "Propose a poll"},
    "button_proposals": {"ko": "시민 제안 보기", "en": "See proposals"},
    "button_cancel": {"ko": "취소", "en": "Cancel"},
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
