"""Citizen proposals in the officials' console (/admin/proposals): the queue, declining with a
public reason in both languages, accepting through the pre-filled poll form, and roles.

Proposals are filed through civicbot.proposals.submit, the intake every channel uses.
"""

from __future__ import annotations

import re

from civicbot import keys, officials, polls
from civicbot import proposals as P
from tests import test_console
from tests.test_console import csrf_of, db_read, make_account, page_csrf, poll_form, sign_in

# The console tests' fixtures (an empty knowledge folder keeps the engine's start quick).
console_index, console_env, settings, db_engine = (
    test_console.console_index,
    test_console.console_env,
    test_console.settings,
    test_console.db_engine,  # both engines, as the console suite
)


async def _propose(client, title: str, threshold: int = 1, user: str = "citizen-1") -> int:
    """A proposal from the web channel; a threshold of 1 puts it under review at once."""
    new = P.NewProposal(title, "동네 공원에 무엇을 먼저 놓을까요?", ["벤치", "그늘막"], "ko", "web", user)
    secret = client.app[keys.POLL_SECRET]
    found = await client.app[keys.DATABASE].execute_write_fn(
        lambda conn: P.submit(conn, secret, new, P.Rules(threshold=threshold))
    )
    return found.id


async def _proposal(client, proposal_id: int) -> P.Proposal:
    found = await db_read(client, lambda conn: P.get(conn, proposal_id))
    assert found is not None
    return found


async def test_the_queue_lists_review_and_collecting_with_counts(settings, make_client):
    make_account(settings, "kang", "official")
    client = await make_client(settings)
    await sign_in(client, "kang")
    review = await _propose(client, "공원 벤치 투표")
    collecting = await _propose(client, "자전거 도로 투표", threshold=50, user="citizen-2")
    html = await (await client.get("/admin/proposals")).text()
    assert 'href="/admin/proposals"' in html and "시민 제안" in html  # the nav entry
    assert f'/admin/proposals/{review}"' in html and f'/admin/proposals/{collecting}"' in html
    assert "1 / 50개" in html and "검토할 제안" in html
    english = await (await client.get("/admin/proposals?lang=en")).text()
    assert "Waiting for review" in english and "1 of 50" in english


async def test_decline_needs_both_reasons_then_declines(settings, make_client):
    make_account(settings, "kang", "official")
    client = await make_client(settings)
    await sign_in(client, "kang")
    proposal_id = await _propose(client, "공원 벤치 투표")
    csrf = await page_csrf(client, f"/admin/proposals/{proposal_id}")
    url = f"/admin/proposals/{proposal_id}/decline"

    refused = await client.post(url, data={"csrf": csrf, "reason_ko": "예산이 없어요.", "reason_en": ""})
    html = await refused.text()
    assert refused.status == 400 and 'id="reason-error"' in html and "예산이 없어요." in html
    assert (await _proposal(client, proposal_id)).status == P.UNDER_REVIEW
    # No CSRF token: refused whatever the form carries.
    forged = {"reason_ko": "예산이 없어요.", "reason_en": "No budget."}
    assert (await client.post(url, data=forged)).status == 403

    done = await client.post(url, data={"csrf": csrf, **forged}, allow_redirects=False)
    assert done.status == 303
    found = await _proposal(client, proposal_id)
    assert (found.status, found.reason_ko, found.reason_en) == (P.DECLINED, "예산이 없어요.", "No budget.")
    page = await (await client.get(done.headers["Location"])).text()
    assert "채택하지 않았어요" in page and "예산이 없어요." in page
    entries = await db_read(client, lambda c: officials.audit_entries(c, 20))
    assert any(e["action"] == "proposal.decline" and e["actor"] == "kang" for e in entries)


async def test_accept_publishes_the_edited_poll_linked_both_ways(settings, make_client):
    make_account(settings, "kang", "official")
    client = await make_client(settings)
    await sign_in(client, "kang")
    proposal_id = await _propose(client, "공원 벤치 투표")
    form = await client.get(f"/admin/proposals/{proposal_id}/accept")
    html = await form.text()
    assert form.status == 200 and 'value="공원 벤치 투표"' in html and 'value="벤치"' in html
    assert f'action="/admin/proposals/{proposal_id}/accept"' in html and 'name="slug"' not in html
    assert f"/proposals/{proposal_id}" in html  # the description links back to the proposal

    data = poll_form(
        csrf_of(html),
        slug="",
        title_ko="공원 벤치 투표",
        title_en="Park benches?",
        option_ko=["벤치", "그늘막", ""],
    )
    bad = await client.post(
        f"/admin/proposals/{proposal_id}/accept", data={**data, "title_ko": "", "title_en": ""}
    )
    assert bad.status == 400 and 'id="title-error"' in await bad.text()
    done = await client.post(f"/admin/proposals/{proposal_id}/accept", data=data, allow_redirects=False)
    assert done.status == 303
    poll_id = int(done.headers["Location"].split("?")[0].rsplit("/", 1)[1])

    found = await _proposal(client, proposal_id)
    assert (found.status, found.poll_id) == (P.ACCEPTED, poll_id)
    poll = await db_read(client, lambda c: polls.get_poll(c, poll_id))
    assert poll.status == "open" and poll.title_en == "Park benches?" and poll.title_ko == "공원 벤치 투표"
    back = await db_read(client, lambda c: P.proposal_of_poll(c, poll_id))
    assert back is not None and back.id == proposal_id
    page = await (await client.get(done.headers["Location"])).text()
    assert f'href="/admin/proposals/{proposal_id}"' in page
    entries = await db_read(client, lambda c: officials.audit_entries(c, 20))
    assert any(e["action"] == "proposal.accept" and e["actor"] == "kang" for e in entries)


async def test_a_viewer_reads_but_cannot_review(settings, make_client):
    make_account(settings, "viewer1", "viewer")
    client = await make_client(settings)
    await sign_in(client, "viewer1")
    proposal_id = await _propose(client, "공원 벤치 투표")
    page = await client.get(f"/admin/proposals/{proposal_id}")
    html = await page.text()
    assert page.status == 200 and "공원 벤치 투표" in html and "/decline" not in html
    assert (await client.get(f"/admin/proposals/{proposal_id}/accept")).status == 403
    csrf = csrf_of(html)
    declined = await client.post(
        f"/admin/proposals/{proposal_id}/decline", data={"csrf": csrf, "reason_ko": "가", "reason_en": "a"}
    )
    accepted = await client.post(f"/admin/proposals/{proposal_id}/accept", data=poll_form(csrf))
    assert declined.status == 403 and accepted.status == 403
    assert (await _proposal(client, proposal_id)).status == P.UNDER_REVIEW


async def test_the_dashboard_announces_proposals_that_reached_review(settings, make_client):
    """Issue 17: reaching the threshold notifies officials on the console dashboard, with when it
    arrived and links to the proposal and the queue; it stays until the proposal is decided."""
    import re

    make_account(settings, "kang", "official")
    client = await make_client(settings)
    await sign_in(client, "kang")
    quiet = await (await client.get("/admin")).text()
    assert "proposals-notice" not in quiet  # nothing to announce: no notice at all

    reached = await _propose(client, "공원 벤치 투표", threshold=2)
    collecting = await _propose(client, "자전거 도로 투표", threshold=50, user="citizen-2")
    secret = client.app[keys.POLL_SECRET]
    supported = await client.app[keys.DATABASE].execute_write_fn(
        lambda conn: P.support(conn, secret, reached, "web", "citizen-3")
    )
    assert supported.reviewed_now  # the second support crossed the threshold of 2

    html = await (await client.get("/admin")).text()
    notice = re.search(r'<section class="notice proposals-notice".*?</section>', html, re.S)
    assert notice, html
    text = notice.group(0)
    assert "검토를 기다리는 시민 제안 1건" in text and "공감 2개" in text and "검토 시작" in text
    assert f'href="/admin/proposals/{reached}"' in text and 'href="/admin/proposals"' in text
    assert f"/admin/proposals/{collecting}" not in text and "자전거 도로 투표" not in text
    (stamp,) = re.findall(r'<time datetime="([^"]+)">', text)
    assert stamp.endswith("+09:00")  # the city's time, as the rest of the console
    english = await (await client.get("/admin?lang=en")).text()
    assert "1 citizen proposal reached the support threshold" in english and "in review since" in english

    # Two waiting: counted in Korean with the counter 건; once decided, a proposal leaves the notice.
    second = await _propose(client, "도서관 야간 개방", threshold=1, user="citizen-4")
    html = await (await client.get("/admin?lang=ko")).text()  # the console remembers the last language
    assert "검토를 기다리는 시민 제안 2건" in html and f'href="/admin/proposals/{second}"' in html
    await client.app[keys.DATABASE].execute_write_fn(
        lambda conn: P.decline(conn, reached, "kang", {"ko": "예산이 없어요.", "en": "No budget."})
    )
    await client.app[keys.DATABASE].execute_write_fn(
        lambda conn: P.decline(conn, second, "kang", {"ko": "예산이 없어요.", "en": "No budget."})
    )
    assert "proposals-notice" not in await (await client.get("/admin")).text()


async def test_a_held_proposal_is_listed_apart_and_published_from_its_page(settings, make_client):
    """F15: a proposal naming a person waits for an official, like a report; publishing it from the
    console makes it public and starts its collection window then."""
    make_account(settings, "kang", "official")
    client = await make_client(settings)
    await sign_in(client, "kang")
    new = P.NewProposal(
        "공원 벤치 투표", "김철수 씨가 벤치를 독차지해요", ["벤치", "그늘막"], "ko", "web", "c-9"
    )
    secret, rules = client.app[keys.POLL_SECRET], P.Rules.from_settings(settings)
    made = await client.app[keys.DATABASE].execute_write_fn(lambda conn: P.submit(conn, secret, new, rules))
    assert made.held and made.review_reasons == ("name",)
    dashboard = await (await client.get("/admin")).text()
    assert re.search(r'stat-n">1</span> <a href="/admin/proposals#held-title">공개 전 검토할 제안', dashboard)
    listing = await (await client.get("/admin/proposals")).text()
    assert "공개 전 검토할 제안" in listing and f'/admin/proposals/{made.id}"' in listing
    page = await (await client.get(f"/admin/proposals/{made.id}")).text()
    assert "검토 사유: 사람 이름" in page and f"/admin/proposals/{made.id}/publish" in page
    # No closing date while held: the window starts at publication (it showed a date it would not keep).
    days = (made.deadline - made.created_at).days
    assert f"공감 마감: 공개한 때부터 {days}일" in page and f"<td>공개한 때부터 {days}일</td>" in listing
    csrf = await page_csrf(client, f"/admin/proposals/{made.id}")
    done = await client.post(
        f"/admin/proposals/{made.id}/publish", data={"csrf": csrf}, allow_redirects=False
    )
    assert done.status == 303
    assert "제안을 공개했어요" in await (await client.get(done.headers["Location"])).text()
    found = await _proposal(client, made.id)
    assert not found.held and found.deadline >= made.deadline
    entries = await db_read(client, lambda c: officials.audit_entries(c, 20))
    assert any(e["action"] == "proposal.publish" and e["actor"] == "kang" for e in entries)
    assert (await client.get(f"/proposals/{made.id}")).status == 200
    assert re.search(
        r'stat-n">0</span> <a href="/admin/proposals#held-title">', await (await client.get("/admin")).text()
    )
