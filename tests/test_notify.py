"""Hearing back: an official's status change reaches the reporter's e-mail through a local SMTP server,
and every notice links to the public status page, which shows history and notes but no personal data."""

from __future__ import annotations

import asyncio
import socket
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from civicbot import keys, notify, outbox, voicemap
from tests.test_report_flow import Chat, rows

ROOT = Path(__file__).resolve().parent.parent
# The session index is built once up front: a first app on a busy machine may not load in time.
pytestmark = pytest.mark.usefixtures("built_index")
PUBLIC_URL = "https://civic.example.go.kr"


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def settings(make_settings, smtp):
    return make_settings(
        CIVICBOT_SERVICES_DIR=str(ROOT / "services"),
        CIVICBOT_RATE_LIMIT="0",
        CIVICBOT_PUBLIC_URL=PUBLIC_URL,
        CIVICBOT_SMTP_HOST="127.0.0.1",
        CIVICBOT_SMTP_PORT=str(smtp.port),
        CIVICBOT_SMTP_SECURITY="none",
        CIVICBOT_SMTP_FROM="civicbot@seoul.example",
    )


async def report_with_email(client, email: str | None = "citizen@example.com", user: str = "mail1") -> str:
    chat = Chat(client.app, user=user, channel="web")
    await chat.send(payload="/report")
    await chat.send("가로등이 꺼져서 밤길이 너무 어두워요")
    await chat.send("강남구 역삼동")
    await chat.send(payload="/report skip")
    reply = await chat.send(payload="/report category street_light")
    assert "이메일 주소를 보내 주세요" in reply.text
    if email:
        reply = await chat.send(email)
        assert f"알림 받을 이메일: {email}" in reply.text
    reply = await chat.press(reply, "/report confirm")
    public_id = voicemap.find_public_id(reply.text)
    assert f"{PUBLIC_URL}/complaints/{public_id}" in reply.text
    return public_id


async def change_status(client, token: str, public_id: str, status: str, note: str = "") -> None:
    response = await client.post(
        f"/api/admin/complaints/{public_id}/status",
        json={"status": status, "note": note},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status == 200, await response.text()


async def wait_for(predicate, timeout: float = 15.0) -> None:
    for _ in range(int(timeout / 0.1)):
        if predicate():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("timed out")


async def test_an_officials_status_change_reaches_the_reporters_email(client, official_token, smtp):
    public_id = await report_with_email(client)
    await change_status(client, official_token, public_id, "in_progress", "보수 업체가 내일 방문해요")
    await wait_for(lambda: smtp.messages)
    mail = smtp.messages[0]
    assert mail["To"] == "citizen@example.com" and mail["From"] == "civicbot@seoul.example"
    assert public_id in mail["Subject"] and mail["Subject"].startswith("[서울특별시]")
    body = mail.get_content()
    assert "'처리 중'" in body and "담당자 메모: 보수 업체가 내일 방문해요" in body
    assert f"{PUBLIC_URL}/complaints/{public_id}" in body
    # The chat notice links to the same page; the outbox row for e-mail is marked sent.
    # The row is marked sent just after the SMTP server has the message: wait for that write too.
    query = "SELECT channel, sent_at IS NOT NULL, link FROM outbox ORDER BY id"
    for _ in range(150):
        sent = await rows(client.app, query)
        if ("email", 1, f"/complaints/{public_id}") in sent:
            break
        await asyncio.sleep(0.1)
    assert ("email", 1, f"/complaints/{public_id}") in sent
    assert any(channel == "web" and link == f"/complaints/{public_id}" for channel, _s, link in sent)


async def test_no_email_given_means_no_email_sent(client, official_token, smtp):
    public_id = await report_with_email(client, email=None, user="mail2")
    await change_status(client, official_token, public_id, "acknowledged")
    channels = await rows(client.app, "SELECT channel FROM outbox")
    assert channels == [("web",)] and smtp.messages == []


async def at_the_email_step(client, user: str) -> Chat:
    """A web conversation whose report waits at the confirm step, where an e-mail may be typed."""
    chat = Chat(client.app, user=user, channel="web")
    await chat.send(payload="/report")
    await chat.send("가로등이 꺼졌어요")
    await chat.send("강남구 역삼동")
    await chat.send(payload="/report skip")
    await chat.send(payload="/report category street_light")
    return chat


async def test_a_typo_in_the_email_is_explained(client):
    chat = await at_the_email_step(client, "mail3")
    reply = await chat.send("citizen@example")
    assert "이메일 주소를 읽지 못했어요" in reply.text and "알림 받을 이메일" not in reply.text


@pytest.mark.parametrize(
    "sentence",
    [
        "제 이메일은 citizen@example.com 이에요",
        "my email is citizen@example.com, thanks",
        "citizen@example.com 으로 알려주세요",
    ],
)
async def test_the_email_is_taken_from_a_sentence(client, sentence):
    """The probe's "제 이메일은 kim.minsu@naver.com 이에요" was refused as unreadable."""
    chat = await at_the_email_step(client, f"mail-s{len(sentence)}")
    reply = await chat.send(sentence)
    taken = ("알림 받을 이메일: citizen@example.com", "Updates by e-mail to: citizen@example.com")
    assert any(line in reply.text for line in taken), reply.text  # in the sentence's language


async def test_two_addresses_are_asked_again(client):
    chat = await at_the_email_step(client, "mail-two")
    reply = await chat.send("a@example.com 아니면 b@example.com")
    assert "이메일 주소를 읽지 못했어요" in reply.text and "알림 받을 이메일" not in reply.text


async def test_the_email_is_private_and_purged_with_the_rest(client, official_token):
    public_id = await report_with_email(client, user="mail4")
    page = await (await client.get(f"/complaints/{public_id}")).text()
    api = await (await client.get(f"/api/complaints/{public_id}")).text()
    assert "citizen@example.com" not in page and "citizen@example.com" not in api
    await client.app[keys.DATABASE].execute_write_fn(lambda conn: voicemap.purge(conn, retention_days=-1))
    assert await rows(client.app, "SELECT count(*) FROM complaint_private") == [(0,)]
    await change_status(client, official_token, public_id, "resolved")
    assert await rows(client.app, "SELECT count(*) FROM outbox WHERE channel = 'email'") == [(0,)]


async def test_the_status_page_shows_history_and_notes_without_personal_data(client, official_token):
    public_id = await report_with_email(client, user="mail5")
    await change_status(client, official_token, public_id, "acknowledged", "현장 확인 예정")
    await change_status(client, official_token, public_id, "rejected", "사유지라 구청 소관이 아니에요")
    response = await client.get(f"/complaints/{public_id}")
    assert response.status == 200
    page = await response.text()
    for text in (
        "접수됨",
        "담당자 확인",
        "처리 불가",
        "현장 확인 예정",
        "사유지라 구청 소관이 아니에요",
        "강남구 역삼동",
        "+09:00",
    ):
        assert text in page, text
    assert "status-rejected" in page
    for private in ("citizen@example.com", "mail5", "test official"):
        assert private not in page
    english = await (await client.get(f"/complaints/{public_id}?lang=en")).text()
    assert "Yeoksam-dong, Gangnam-gu" in english and "History" in english
    missing = await client.get("/complaints/SEL-ZZZZZZ")
    assert missing.status == 404 and "SEL-ZZZZZZ" in await missing.text()


class Recorder:
    """A provider a deployer might add (SMS, KakaoTalk): only the interface, no domain change."""

    channel = "sms"

    def __init__(self, fail_with: notify.NotifyError | None = None) -> None:
        self.sent: list[tuple[str, str, str]] = []
        self.fail_with = fail_with

    async def send(self, recipient: str, subject: str, body: str) -> None:
        if self.fail_with:
            raise self.fail_with
        self.sent.append((recipient, subject, body))


async def test_any_notifier_drains_its_own_channel_with_retries_and_give_ups(client):
    db = client.app[keys.DATABASE]
    await db.execute_write_fn(
        lambda conn: outbox.enqueue(conn, "sms", "010-0000-0000", "첫 줄\n둘째 줄", "/complaints/SEL-AAAAAA")
    )
    recorder = Recorder()
    assert await notify.drain(db, recorder, PUBLIC_URL, "서울특별시") == 1
    assert recorder.sent == [
        ("010-0000-0000", "[서울특별시] 첫 줄", f"첫 줄\n둘째 줄 {PUBLIC_URL}/complaints/SEL-AAAAAA")
    ]
    assert await notify.drain(db, recorder, PUBLIC_URL, "서울특별시") == 0  # sent once only

    await db.execute_write_fn(lambda conn: outbox.enqueue(conn, "sms", "bad", "x"))
    await notify.drain(db, Recorder(notify.NotifyError("temporary")), PUBLIC_URL, "서울특별시")
    await db.execute_write_fn(lambda conn: outbox.enqueue(conn, "sms", "gone", "y"))
    await notify.drain(
        db, Recorder(notify.NotifyError("no such number", retry=False)), PUBLIC_URL, "서울특별시"
    )
    state = await rows(
        client.app,
        "SELECT recipient, attempts, failed_at IS NOT NULL FROM outbox WHERE channel='sms' ORDER BY id",
    )
    assert state[1:] == [("bad", 1, 0), ("gone", 1, 1)]


async def test_a_refused_address_is_given_up_not_retried(smtp):
    smtp.refuse.add("nobody@example.com")
    sender = notify.EmailNotifier("127.0.0.1", smtp.port, "civicbot@seoul.example", security="none")
    with pytest.raises(notify.NotifyError) as caught:
        await sender.send("nobody@example.com", "s", "b")
    assert caught.value.retry is False
    unreachable = notify.EmailNotifier(
        "127.0.0.1", free_port(), "civicbot@seoul.example", security="none", timeout=2
    )
    with pytest.raises(notify.NotifyError) as caught:
        await unreachable.send("a@example.com", "s", "b")
    assert caught.value.retry is True


async def test_no_email_updates_are_offered_when_the_server_cannot_send_them(make_client, make_settings):
    """The twentieth pass's probe: the chat offered e-mail updates on a server with no SMTP, so a
    citizen who left an address never heard back; with no SMTP the offer is not made."""
    client = await make_client(
        make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")
    )
    chat = Chat(client.app, user="no-smtp", channel="web")
    await chat.send(payload="/report")
    await chat.send("가로등이 꺼져서 밤길이 너무 어두워요")
    await chat.send("강남구 역삼동")
    await chat.send(payload="/report skip")
    reply = await chat.send(payload="/report category street_light")
    assert "/report confirm" in [b.payload for b in reply.buttons]
    assert "이메일" not in reply.text, reply.text
