"""Officials' passwords, the sign-in audit log and reporters' contact details (newcomer probe 21,
findings 17, 19 and 20), through the real app and a real SQLite database.

- #17: ``aaaaaaaaaaaa`` was accepted as an official's password. NIST SP 800-63B §5.1.1.2: refuse
  repetitive and sequential characters, context-specific words and commonly used passwords.
- #19: the audit log, which every official and viewer reads, recorded whatever was typed as the
  user name of a failed sign-in (a password typed into the wrong field, say).
- #20: numbers and e-mails found in a report's text were shown as the reporter's "Contact", and
  the status preview then said no e-mail address was left.
"""

from __future__ import annotations

import re
import string

import pytest
from conftest import settings_db
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_console import (  # noqa: F401
    PASSWORD,
    console_env,
    console_index,
    csrf_of,
    make_account,
    sign_in,
)

from civicbot import accounts, officials, passwords, voicemap

CITY = ("서울특별시", "Seoul", "서울")


@pytest.fixture
def settings_(make_settings, console_env):  # noqa: F811
    return make_settings(**console_env)


# -- #17 weak passwords ------------------------------------------------------------------------
@given(unit=st.text(min_size=1, max_size=6).filter(lambda u: u.strip()), times=st.integers(2, 40))
def test_a_unit_written_over_and_over_is_refused(unit, times):
    password = unit * max(times, -(-accounts.MIN_PASSWORD // len(unit)))
    assume(len(unit) * 2 <= len(password) <= accounts.MAX_PASSWORD)
    assert passwords.weakness(password, "kim.official", CITY) in ("repeated", "user_name", "context_word")


ALPHABETS = (
    string.digits,
    string.ascii_lowercase,
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ",
)


@given(
    alphabet=st.sampled_from(ALPHABETS),
    start=st.integers(0, 30),
    length=st.integers(12, 40),
    backwards=st.booleans(),
    upper=st.booleans(),
)
def test_sequences_of_any_length_are_refused(alphabet, start, length, backwards, upper):
    """123456789012, abcdefghijkl, qwertyuiop..., either way, digits wrapping 9 to 0."""
    cycle = alphabet if alphabet == string.digits else alphabet + alphabet[::-1]
    text = "".join(cycle[(start + i) % len(cycle)] for i in range(length))
    text = text[::-1] if backwards else text
    assert passwords.weakness(text.upper() if upper else text, "kim.official", CITY) in (
        "sequence",
        "repeated",
    )


@given(
    stem=st.sampled_from(["password", "iloveyou", "qwerty", "dragon", "sunshine", "tkfkdgo"]),
    tail=st.sampled_from(["1234", "123456789", "2024!", "!!", "0000", "1q2w3e"]),
)
def test_common_passwords_with_digits_or_symbols_added_are_refused(stem, tail):
    password = (stem + tail).ljust(accounts.MIN_PASSWORD, "1")
    assert passwords.weakness(password, "kim.official", CITY) in ("common", "sequence", "repeated")


@given(st.randoms(use_true_random=False), st.integers(16, 64))
def test_random_strong_passwords_are_accepted(rng, length):
    """What a password manager makes (and long sentences, below) passes. Drawn uniformly, as a
    manager draws: Hypothesis's own text strategy favours runs such as "0123456789abcdef", which
    are rightly refused (it found one in the merged run)."""
    alphabet = string.ascii_letters + string.digits + "-_!@#%"
    password = "".join(rng.choice(alphabet) for _ in range(length))
    assume(len(set(password)) >= 8 and "seoul" not in password.casefold())
    assume("kim.official" not in password.casefold())
    assert passwords.weakness(password, "kim.official", CITY) is None


@pytest.mark.parametrize(
    "sentence", [PASSWORD, "시청 앞 광장의 분수는 여름에만 켜져요", "Tr0ub4dor&3 went to Busan by KTX"]
)
def test_sentences_are_accepted(sentence):
    assert passwords.weakness(sentence, "kim.official", CITY) is None


@pytest.mark.parametrize(
    ("password", "says"),
    [
        ("aaaaaaaaaaaa", "같은 글자나 짧은 묶음을 되풀이한"),
        ("123456789012", "차례로 이어지는 숫자나 글자"),
        ("qwertyuiop[]", "차례로 이어지는 숫자나 글자"),
        ("password1234", "흔히 쓰는 비밀번호 목록"),
        ("i love seoul very much", "도시 이름"),
        ("서울 시청 앞 광장의 분수", "도시 이름"),
        ("kim.official-2024-x", "사용자 이름"),
        ("short", "12자 이상"),
    ],
)
async def test_the_set_password_page_says_why_a_password_is_refused(settings_, make_client, password, says):
    with settings_db(settings_) as conn:
        _a, link = accounts.create_account(conn, "kim.official", "official", "test")
    client = await make_client(settings_)
    csrf = csrf_of(await (await client.get(f"/admin/set-password?token={link}")).text())
    form = {"csrf": csrf, "token": link, "password": password, "password_again": password}
    refused = await client.post("/admin/set-password", data=form)
    assert refused.status == 400 and says in await refused.text()
    english = await client.post("/admin/set-password?lang=en", data=form)
    assert english.status == 400 and "password" in (await english.text()).lower()
    form["password"] = form["password_again"] = PASSWORD
    done = await client.post("/admin/set-password", data=form, allow_redirects=False)
    assert done.status == 303  # the same link still works for a good password
    await sign_in(client, "kim.official")


def test_the_domain_refuses_what_the_page_refuses(settings_):
    """The CLI only prints set-password links; the one place a password is set is
    accounts.set_password, which the page and any other caller share."""
    with settings_db(settings_) as conn:
        _a, link = accounts.create_account(conn, "lee.viewer", "viewer", "test")
        with pytest.raises(accounts.AccountError) as refused:
            accounts.set_password(conn, link, "aaaaaaaaaaaa")
        assert refused.value.code == "weak_password" and refused.value.reason == "repeated"
        with pytest.raises(accounts.AccountError):
            accounts.set_password(conn, link, "Seoul is lovely in spring", context=CITY)
        accounts.set_password(conn, link, PASSWORD, context=CITY)


# -- #19 the sign-in audit log ---------------------------------------------------------------
async def test_a_name_that_is_no_account_never_reaches_the_audit_log(settings_, make_client):
    make_account(settings_, "park.admin", "admin")
    client = await make_client(settings_)
    typed = "my-secret-pw-2024"  # a password typed into the name field
    for _ in range(accounts.LOCK_AFTER + 1):
        await sign_in(client, typed, "whatever", expect=401 if _ < accounts.LOCK_AFTER else 429)
    await sign_in(client, "park.admin", "wrong password", expect=429)  # the address is locked now
    with settings_db(settings_) as conn:
        conn.execute("DELETE FROM console_lockouts")
    await sign_in(client, "park.admin")
    page = await (await client.get("/admin/audit")).text()
    export = await (await client.get("/admin/audit.csv")).text()
    for shown in (page, export):
        assert typed not in shown and "unknown-account#" in shown
        assert "signin.failed" in shown and "signin.locked" in shown
    tags = set(re.findall(r"unknown-account#[0-9a-f]{6}", export))
    assert len(tags) == 1  # the repeated attempts group together
    assert "park.admin" in export  # a real account's name is still logged


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(typed=st.text(min_size=3, max_size=40).filter(lambda t: t.strip() and len(t.strip()) >= 3))
def test_no_typed_unknown_name_is_stored_in_the_audit_log(settings_, typed):
    with settings_db(settings_) as conn:
        attempt = accounts.record_sign_in(conn, typed, "198.51.100.7", accounts.Check(0, None, None))
        entries = officials.audit_entries(conn, 5)
        conn.execute("DELETE FROM console_lockouts")
    assert attempt.error == "invalid_credentials"
    assert entries[0]["actor"].startswith("unknown-account#")
    assert typed.strip() not in str(entries[0])


# -- #20 numbers found in the report text are not the reporter's contact ----------------------
async def _report_with(client, text: str) -> str:
    session = (await (await client.post("/api/sessions")).json())["token"]
    response = await client.post(
        "/api/complaints",
        json={"text": text, "lat": 37.4979, "lon": 127.0276, "category": "illegal_parking"},
        headers={"Authorization": f"Bearer {session}"},
    )
    assert response.status == 201, await response.text()
    return (await response.json())["id"]


@pytest.mark.parametrize("who", ["차주 김철수", "옆집 사람", "연락은"])
async def test_the_console_labels_numbers_found_in_the_text(settings_, make_client, who):
    """The console showed "Contact: phone 010-9876-5432" for the car owner's number."""
    make_account(settings_, "triager", "official")
    client = await make_client(settings_)
    await sign_in(client, "triager")
    phone = "010-9876-5432"
    report_id = await _report_with(
        client, f"우리집앞 불법주차 차량이에요 {who} {phone} 이메일 kim@example.com"
    )
    with settings_db(settings_) as conn:  # as POST /api/chat files it: no way back to the reporter
        conn.execute(
            "UPDATE complaint_private SET channel = 'api', reply_to = '' WHERE complaint_id = "
            "(SELECT id FROM complaints WHERE public_id = ?)",
            [report_id],
        )
    html = await (await client.get(f"/admin/complaints/{report_id}")).text()
    contact = re.search(r"<dt>연락처</dt><dd>(.*?)</dd>", html, re.S).group(1)
    assert phone not in contact and "kim@example.com" not in contact
    found = re.search(r"<dt>글에서 찾은 번호·이메일</dt><dd>(.*?)</dd>", html, re.S).group(1)
    assert phone in found and "kim@example.com" in found and "신고자의 것이 아닐 수 있어요" in found
    preview = await client.post(
        f"/admin/complaints/{report_id}/status/preview",
        data={"csrf": csrf_of(html), "status": "resolved", "response": "fixed", "note": ""},
    )
    text = await preview.text()
    # The preview agrees: no e-mail the reporter left, and why the one in the text is not used.
    assert (
        "신고자가 연락처로 남긴 이메일 주소도 없어요" in text and "신고자의 연락처인지 알 수 없어서" in text
    )


_given_value = st.text(min_size=1, max_size=20)


@given(
    given_fields=st.dictionaries(st.sampled_from(["email", "phone", "first_name"]), _given_value),
    found=st.dictionaries(st.sampled_from(["phone", "email"]), st.lists(_given_value, min_size=1)),
    legacy=st.booleans(),
)
def test_contact_parts_keeps_given_and_found_apart(given_fields, found, legacy):
    """Rows from before kept found ones as lists beside the given strings; new rows nest them."""
    stored = {**found, **given_fields} if legacy else {**given_fields, voicemap.FOUND_IN_TEXT: found}
    given_back, found_back = voicemap.contact_parts(stored)
    assert given_back == (given_fields if not legacy else {k: v for k, v in given_fields.items()})
    expected = {k: v for k, v in found.items() if not (legacy and k in given_fields)}
    assert found_back == expected


async def test_contact_the_reporter_gave_is_shown_as_contact(settings_, make_client):
    """An Open311 client's e-mail field is the reporter's contact; the status preview queues it."""
    make_account(settings_, "triager", "official")
    client = await make_client(settings_)
    await sign_in(client, "triager")
    report_id = await _report_with(client, "차주 010-2222-3333 불법주차")
    with settings_db(settings_) as conn:
        conn.execute(  # as the chat's e-mail step stores it, next to what the text held
            "UPDATE complaint_private SET contact = ? WHERE complaint_id = "
            "(SELECT id FROM complaints WHERE public_id = ?)",
            ['{"email": "me@example.kr", "found_in_text": {"phone": ["010-2222-3333"]}}', report_id],
        )
    html = await (await client.get(f"/admin/complaints/{report_id}")).text()
    contact = re.search(r"<dt>연락처</dt><dd>(.*?)</dd>", html, re.S).group(1)
    assert "me@example.kr" in contact and "010-2222-3333" not in contact
    preview = await client.post(
        f"/admin/complaints/{report_id}/status/preview",
        data={"csrf": csrf_of(html), "status": "resolved", "response": "fixed", "note": ""},
    )
    text = await preview.text()
    assert "남긴 이메일 주소도 없어요" not in text and "신고자의 연락처인지" not in text
