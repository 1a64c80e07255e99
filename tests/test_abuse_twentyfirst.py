"""Newcomer probe 21, findings 3, 5, 14, 25 and 39, through the real app and a real database:

- #3: fresh anonymous sessions from one network flagged any report off the map. Flags now count
  toward hiding once per client network (an IPv4 address, an IPv6 /64; a platform's account).
- #5: 49 throwaway sessions pushed a proposal to review. A web session's support of a proposal or a
  report now counts only if no other web session on its network has supported it; Telegram and
  Kakao supports (the platform's user id is the person) are untouched.
- #14: a duplicate may only point to a public report of the same category within 300 m.
- #25: a held report's API answer says it is not public (its page says it exists), so does the chat.
- #39: ``/report support`` of a report that cannot be seen says so, and keeps a draft.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest
from conftest import settings_db, test_settings
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from civicbot import addresses, keys, voicemap
from civicbot import proposals as P
from civicbot.categories import catalogue_for
from civicbot.dialogue import Incoming
from civicbot.errors import ComplaintError, ProposalError
from civicbot.geo import Place
from civicbot.proposal_shapes import NewProposal

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("built_index")
GANGNAM = (37.5009, 127.0364)
MAPO = (37.5551, 126.9227)  # about 10 km from GANGNAM
SECRET = b"test-secret"


# -- the client's network ------------------------------------------------------------------------
IPV4 = st.ip_addresses(v=4).map(str)
IPV6 = st.ip_addresses(v=6).filter(lambda ip: ip.ipv4_mapped is None)


@given(IPV6, st.integers(0, 2**64 - 1))
def test_every_address_of_one_ipv6_64_is_one_network(ip, interface):
    """A home line gets a /64 and picks any address in it (RFC 8981): all are one network."""
    prefix = int(ip) >> 64 << 64
    other = ipaddress.IPv6Address(prefix | interface)
    assume(other.ipv4_mapped is None)  # ::ffff:a.b.c.d inside ::/64 is IPv4, its own network
    assert addresses.address_key(SECRET, str(ip)) == addresses.address_key(SECRET, str(other))
    neighbour = ipaddress.IPv6Address((prefix + (1 << 64)) % (1 << 128) | interface)
    assume(neighbour.ipv4_mapped is None)
    assert addresses.address_key(SECRET, str(neighbour)) != addresses.address_key(SECRET, str(ip))


@given(IPV4, IPV4)
def test_ipv4_addresses_are_networks_of_their_own_and_keys_hide_them(a, b):
    key = addresses.address_key(SECRET, a)
    assert (key == addresses.address_key(SECRET, b)) == (a == b)
    assert a not in key and len(key) == 32
    assert addresses.address_key(SECRET, f"::ffff:{a}") == key  # the IPv4-mapped spelling


@given(peer=IPV4, header=st.text(max_size=80))
def test_a_forwarded_header_is_ignored_unless_the_peer_is_a_trusted_proxy(peer, header):
    assert addresses.client_address(peer, header, ()) == peer
    assert addresses.client_address(peer, header, ("10.0.0.0/8",)) == peer or peer.startswith("10.")


@given(forged=st.lists(st.one_of(IPV4, st.text(max_size=20)), max_size=4), real=IPV4)
def test_behind_our_proxies_the_rightmost_untrusted_address_is_the_client(forged, real):
    """Whatever a client writes at the left of X-Forwarded-For, the address our proxy appended wins."""
    if real.startswith("10."):
        real = "203.0.113.9"
    header = ", ".join([*forged, real, "10.0.0.7"])  # the client's own text, then two of our proxies
    assert addresses.client_address("10.0.0.5", header, ("10.0.0.0/8",)) == real


def test_trusted_proxies_must_be_addresses_or_networks():
    from civicbot.config import ConfigError, Settings

    assert Settings.from_env({"CIVICBOT_TRUSTED_PROXIES": "10.0.0.0/8, ::1"}).trusted_proxies == (
        "10.0.0.0/8",
        "::1",
    )
    with pytest.raises(ConfigError, match="CIVICBOT_TRUSTED_PROXIES"):
        Settings.from_env({"CIVICBOT_TRUSTED_PROXIES": "proxy.internal"})


# -- the rule, as a class: any number of sessions from one network -------------------------------
@pytest.fixture(scope="module")
def abuse_db(tmp_path_factory, index_dir):
    settings_ = test_settings(
        tmp_path_factory.mktemp("abuse"), index_dir, CIVICBOT_SERVICES_DIR=str(ROOT / "services")
    )
    with settings_db(settings_) as conn:
        yield conn


_counter = iter(range(10**6))


def new_report(conn) -> str:
    i = next(_counter)
    new = voicemap.NewComplaint(
        text=f"보도블록이 깨졌어요 {i}",
        category="road_damage",
        place=Place("서울특별시", "11680", "강남구", "Gangnam-gu", "역삼동", *GANGNAM, True),
        language="ko",
        channel="web",
        user_id=f"reporter-{i}",
        reply_to=f"reporter-{i}",
    )
    return voicemap.submit(conn, new, catalogue_for(ROOT / "services"), "Asia/Seoul").public_id


def new_proposal(conn) -> int:
    i = next(_counter)
    new = NewProposal(f"공원 벤치 색깔 {i}", "", ("초록", "파랑"), "ko", "web", f"proposer-{i}")
    return P.submit(conn, SECRET, new, P.Rules(threshold=3)).id


# One person's network: one IPv4 address, or any addresses of one IPv6 /64.
NETWORK = st.one_of(
    IPV4.map(lambda a: st.just(a)),
    IPV6.map(
        lambda ip: st.integers(0, 2**64 - 1).map(
            lambda low, ip=ip: str(ipaddress.IPv6Address(int(ip) >> 64 << 64 | low))
        )
    ),
)


@examples(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(network=NETWORK, data=st.data(), sessions=st.integers(1, 30))
def test_any_number_of_sessions_from_one_network_never_hides_a_report_nor_adds_two_supports(
    abuse_db, network, data, sessions
):
    conn, public_id = abuse_db, new_report(abuse_db)
    before = voicemap.get_public(conn, public_id).supports
    for n in range(sessions):
        address = data.draw(network)
        origin = addresses.scoped_key(
            SECRET, addresses.address_key(SECRET, address), "complaint:" + public_id
        )
        flagged = voicemap.flag_report(conn, public_id, f"session-{n}", 2, "x", origin=origin)
        assert not flagged.held and flagged.networks == 1
        try:
            voicemap.support(conn, public_id, f"session-{n}", origin)
        except ComplaintError as exc:
            assert exc.code == "address_supported" and n > 0
    found = voicemap.get_public(conn, public_id)
    assert found.public and found.supports == before + 1


@examples(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(network=NETWORK, data=st.data(), sessions=st.integers(1, 30))
def test_any_number_of_sessions_from_one_network_add_one_support_to_a_proposal(
    abuse_db, network, data, sessions
):
    conn, proposal_id = abuse_db, new_proposal(abuse_db)
    for n in range(sessions):
        origin = addresses.address_key(SECRET, data.draw(network))
        try:
            P.support(conn, SECRET, proposal_id, "web", f"session-{n}", origin=origin)
        except ProposalError as exc:
            assert exc.code == "address_supported" and n > 0
    found = P.get(conn, proposal_id)
    assert (found.supports, found.status) == (2, P.COLLECTING)  # the proposer and one session


def test_platform_accounts_each_count_and_networks_are_forgotten_at_review(abuse_db):
    """Telegram and Kakao come from the platform's servers: their accounts count one by one."""
    conn, proposal_id = abuse_db, new_proposal(abuse_db)
    P.support(
        conn, SECRET, proposal_id, "web", "browser", origin=addresses.address_key(SECRET, "203.0.113.1")
    )
    assert (
        conn.execute(
            "SELECT count(*) FROM proposal_support_networks WHERE proposal_id = ?", [proposal_id]
        ).fetchone()[0]
        == 1
    )
    result = P.support(conn, SECRET, proposal_id, "telegram", "42")
    assert (result.supports, result.status) == (3, P.UNDER_REVIEW)
    assert (
        conn.execute(
            "SELECT count(*) FROM proposal_support_networks WHERE proposal_id = ?", [proposal_id]
        ).fetchone()[0]
        == 0
    )


# -- through the app -----------------------------------------------------------------------------
@pytest.fixture
def settings(make_settings):
    return make_settings(
        CIVICBOT_SERVICES_DIR=str(ROOT / "services"),
        CIVICBOT_RATE_LIMIT="0",
        CIVICBOT_FLAG_THRESHOLD="3",
        CIVICBOT_PROPOSAL_THRESHOLD="4",
        CIVICBOT_TRUSTED_PROXIES="127.0.0.1,::1",  # the test client plays our reverse proxy
    )


def bearer(token: str, address: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"}
    return {**headers, "X-Forwarded-For": address} if address else headers


async def new_session(client) -> str:
    return (await (await client.post("/api/sessions")).json())["token"]


async def report(
    client, token: str, text: str = "보도블록이 깨졌어요", point=GANGNAM, category="road_damage"
):
    body = {"text": text, "lat": point[0], "lon": point[1], "category": category}
    response = await client.post("/api/complaints", json=body, headers=bearer(token))
    answer = await response.json()
    assert response.status == 201, answer
    return answer["id"]


async def on_map(client, public_id: str) -> bool:
    geo = await (await client.get("/api/complaints.geojson")).json()
    return public_id in {f["id"] for f in geo["features"]}


async def test_three_sessions_from_one_address_no_longer_take_a_report_off_the_map(client, session_token):
    """Probe 21 #3: three fresh sessions from 127.0.0.1 hid SEL-2FDFET in under a second."""
    public_id = await report(client, session_token)
    url = f"/api/complaints/{public_id}/flags"
    for _ in range(5):
        response = await client.post(url, json={"reason": "x"}, headers=bearer(await new_session(client)))
        assert response.status == 201
    assert await on_map(client, public_id)
    assert (await client.get(f"/api/complaints/{public_id}")).status == 200
    # Three different networks (behind our proxy) still can, as before; one IPv6 /64 is one.
    for address in ("2001:db8:1:2::5", "2001:db8:1:2::99"):
        await client.post(url, headers=bearer(await new_session(client), address))
    assert await on_map(client, public_id)  # 127.0.0.1 and one /64: two networks
    await client.post(url, headers=bearer(await new_session(client), "198.51.100.4"))
    assert not await on_map(client, public_id)


async def test_a_forwarded_header_from_anyone_but_our_proxy_is_not_believed(make_settings, make_client):
    client = await make_client(
        make_settings(CIVICBOT_SERVICES_DIR=str(ROOT / "services"), CIVICBOT_RATE_LIMIT="0")
    )
    public_id = await report(client, await new_session(client))
    for address in ("203.0.113.7", "198.51.100.4", "192.0.2.1"):
        await client.post(
            f"/api/complaints/{public_id}/flags", headers=bearer(await new_session(client), address)
        )
    assert await on_map(client, public_id)


async def test_throwaway_sessions_from_one_address_add_one_support(client, session_token):
    """Probe 21 #5: 49 sessions from one address took a proposal to review; and the same for reports."""
    made = await (
        await client.post(
            "/api/proposals",
            json={"title": "공원 벤치 색깔 정하기", "options": ["초록", "파랑"]},
            headers=bearer(session_token, "192.0.2.10"),
        )
    ).json()
    url = f"/api/proposals/{made['id']}/supports"
    first = await client.post(url, headers=bearer(await new_session(client)))
    assert first.status == 200 and (await first.json())["supports"] == 2
    for _ in range(6):
        response = await client.post(url, headers=bearer(await new_session(client)))
        answer = await response.json()
        assert response.status == 409 and answer["error"]["code"] == "address_supported", answer
    detail = await (await client.get(f"/api/proposals/{made['id']}")).json()
    assert (detail["supports"], detail["status"]) == (2, "collecting")
    # The same session again is still the old 'already supported', not a refusal.
    token = await new_session(client)
    for address in ("203.0.113.7", "203.0.113.7"):
        response = await client.post(url, headers=bearer(token, address))
        assert response.status == 200
    await client.post(url, headers=bearer(await new_session(client), "198.51.100.4"))
    detail = await (await client.get(f"/api/proposals/{made['id']}")).json()
    assert (detail["supports"], detail["status"]) == (4, "under_review")

    public_id = await report(client, session_token)
    url = f"/api/complaints/{public_id}/supports"
    assert (await (await client.get(f"/api/complaints/{public_id}")).json())["supports"] == 0
    assert (await client.post(url, headers=bearer(await new_session(client)))).status == 201
    response = await client.post(url, headers=bearer(await new_session(client)))
    assert response.status == 409 and (await response.json())["error"]["code"] == "address_supported"
    assert (await (await client.get(f"/api/complaints/{public_id}")).json())["supports"] == 1


async def send(client, text="", *, user="u1", channel="telegram", location=None, origin=""):
    incoming = Incoming(
        channel=channel,
        conversation_id=f"c-{user}",
        text=text,
        user_id=user,
        language="ko",
        location=location,
        reply_to=f"r-{user}",
        origin=origin,
    )
    return await client.app[keys.ENGINE].engine.dialogue.handle(incoming)


async def test_the_widget_counts_a_network_once_and_telegram_accounts_one_by_one(client, session_token):
    made = await (
        await client.post(
            "/api/proposals",
            json={"title": "공원 벤치 색깔 정하기", "options": ["초록", "파랑"]},
            headers=bearer(session_token, "192.0.2.10"),
        )
    ).json()
    replies = []
    for _ in range(3):
        response = await client.post(
            "/api/widget/messages",
            json={"text": f"/proposals support {made['id']}"},
            headers=bearer(await new_session(client)),
        )
        replies.append((await response.json())["text"])
    assert "공감했어요" in replies[0]
    assert all("이 네트워크" in r and "2/4" in r for r in replies[1:]), replies
    for user in ("tg-1", "tg-2"):  # all from Telegram's servers, one account each
        reply = await send(client, f"/proposals support {made['id']}", user=user)
    assert "검토로 넘어가요" in reply.text


# -- #14: what a duplicate may point to ----------------------------------------------------------
async def test_a_duplicate_points_only_to_a_public_report_of_its_kind_nearby(
    client, session_token, official_token
):
    admin = {"Authorization": f"Bearer {official_token}"}
    this = await report(client, session_token)
    nearby = await report(client, session_token, "보도블록 파손이 심해요")
    other_kind = await report(client, session_token, "불법 주정차 차량", category="illegal_parking")
    far = await report(client, session_token, "보도블록이 깨졌어요", point=MAPO)
    held = await report(client, session_token)
    await client.post(f"/api/admin/complaints/{held}/hide", json={"reason": "test"}, headers=admin)

    async def mark(original: str) -> tuple[int, dict]:
        response = await client.post(
            f"/api/admin/complaints/{this}/status",
            json={"status": "duplicate", "duplicate_of": original},
            headers=admin,
        )
        return response.status, await response.json()

    for original, status, code, words in (
        ("SEL-ZZZZZZ", 400, "invalid_duplicate_of", "no report"),
        (held, 409, "duplicate_not_public", "not public"),
        (other_kind, 409, "duplicate_other_category", "same category"),
        (far, 409, "duplicate_too_far", "within 300 m"),
    ):
        got, answer = await mark(original)
        assert (got, answer["error"]["code"]) == (status, code), answer
        assert words in answer["error"]["message"]
    assert (await mark(nearby))[0] == 200


# -- #25 and #39: a report nobody may see ---------------------------------------------------------
async def test_a_held_report_is_not_public_in_the_api_and_the_chat_as_on_its_page(
    client, session_token, official_token
):
    public_id = await report(client, session_token)
    await client.post(
        f"/api/admin/complaints/{public_id}/hide",
        json={"reason": "test"},
        headers={"Authorization": f"Bearer {official_token}"},
    )
    page = await client.get(f"/complaints/{public_id}", headers={"Accept": "text/html"})
    assert page.status == 200  # the reporter's status link
    response = await client.get(f"/api/complaints/{public_id}")
    answer = await response.json()
    assert response.status == 404 and answer["error"]["code"] == "not_public"
    assert "보도블록" not in str(answer)
    missing = await (await client.get("/api/complaints/SEL-ZZZZZZ")).json()
    assert missing["error"]["code"] == "not_found"
    reply = await send(client, f"/status {public_id}", user="someone-else")
    assert "공개되어 있지 않아서" in reply.text and "찾지 못했어요" not in reply.text


async def test_supporting_a_report_that_cannot_be_seen_says_so_and_keeps_the_draft(
    client, session_token, official_token
):
    hidden = await report(client, session_token)
    await client.post(
        f"/api/admin/complaints/{hidden}/hide",
        json={"reason": "test"},
        headers={"Authorization": f"Bearer {official_token}"},
    )
    await send(client, "/report")
    await send(client, "보도블록이 깨져서 넘어질 뻔했어요")
    reply = await send(client, "/report support SEL-ZZZZZZ")
    assert "그 신고는 지금 볼 수 없어요" in reply.text and "새로 신고할게요" not in reply.text
    assert "쓰시던 신고는 그대로" in reply.text
    reply = await send(client, location=GANGNAM)  # the draft goes on where it was
    assert "사진" in reply.text, reply.text

    reply = await send(client, f"/report support {hidden}", user="fresh")
    assert reply.text == "그 신고는 지금 볼 수 없어요."  # and no new report started behind the user's back
