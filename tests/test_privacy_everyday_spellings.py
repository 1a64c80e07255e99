"""E-mail addresses spelled to get past a filter and messenger accounts named after their service
never reach the public text (newcomer probe, seventeenth pass: "minsu 골뱅이 naver.com", "minsu at
naver dot com" and "카톡아이디 minsu1234" were published on the map), and the words they are made
of stay readable where they are ordinary prose. So does an official's full name before a title in
a public note, and a reporter's own name after 저."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_voicemap import bearer, report

from civicbot.moderation import Moderator
from civicbot.privacy import EMAIL, HANDLE, mask_pii, split
from civicbot.privacy import NAME as NAME_KIND

LOCAL = st.from_regex(r"[a-z][a-z0-9._]{2,10}[a-z0-9]", fullmatch=True)
AT = st.sampled_from(["골뱅이", "앳", "at", "(at)", "[at]", "AT"])
DOMAIN = st.sampled_from(
    [
        "naver.com",
        "naver dot com",
        "naver 닷컴",
        "gmail",
        "네이버",
        "hanmail 점 net",
        "example dot co dot kr",
        "daum.net",
    ]
)
AROUND = st.sampled_from(
    [("연락은 ", " 으로 주세요"), ("", ""), ("my email is ", ", thanks"), ("메일: ", "")]
)


@given(LOCAL, AT, DOMAIN, AROUND, st.booleans())
def test_an_email_spelled_out_is_masked(local, at, domain, around, spaced):
    gap = " " if spaced or (at.isalpha() and at.isascii()) else ""
    address = f"{local}{gap}{at}{gap}{domain}"
    before, after = around
    masked = mask_pii(before + address + after)
    assert local not in masked.text and EMAIL in masked.kinds, masked.text
    assert masked.text.startswith(before.strip()) and masked.text.endswith(after.strip())


SERVICE = st.sampled_from(
    ["카톡", "카카오톡", "카톡 ", "카카오 ", "인스타", "라인 ", "텔레그램 ", "kakao ", "telegram "]
)
LABEL = st.sampled_from(["아이디 ", "아이디는 ", "ID ", "id: ", "계정 "])
HANDLE_ID = st.from_regex(r"[a-z][a-z0-9_.]{2,12}", fullmatch=True)


@given(SERVICE, LABEL, HANDLE_ID, st.sampled_from(["", " 로 연락주세요", " 추가해 주세요"]))
def test_a_messenger_account_after_its_service_is_masked(service, label, handle, after):
    masked = mask_pii(f"{service}{label}{handle}{after}")
    assert handle not in masked.text and HANDLE in masked.kinds, masked.text


@given(st.sampled_from(["인스타 ", "카톡 ", "instagram ", "line "]), HANDLE_ID)
def test_an_at_handle_after_its_service_is_masked(service, handle):
    masked = mask_pii(f"{service}@{handle} 팔로우해 주세요")
    # "instagram @a.bc" is also shaped like an e-mail address: masked either way.
    assert handle not in masked.text and {HANDLE, EMAIL} & set(masked.kinds)


@given(
    st.sampled_from(
        [
            "I will be at home at 7",
            "meet at the park at 3 pm",
            "the line near Gangnam station is blocked",
            "라인 따라 걸어가면 돼요",
            "카톡으로 사진 보냈어요",
            "인스타에서 봤는데 공원 벤치가 부서졌어요",
            "Line 2 trains are late",
            "My ID card is lost",
            "점심 먹고 3시 점검 예정",
            "pothole at Mapo dot junction",
            "telegram: update 80 not handled (edited_message)",
            "Kakao: callback failed",
        ]
    )
)
def test_ordinary_prose_with_the_same_words_stays_readable(text):
    assert mask_pii(text).text == text


def test_a_spelled_address_is_kept_privately_as_contact():
    parts = split("가로등이 나갔어요. 연락은 minsu at naver dot com 으로 주세요")
    assert "minsu" not in parts.public.text
    assert parts.contact[EMAIL] == ["minsu at naver dot com"]


# -- an official's name before a title ------------------------------------------------------------
NAME = st.sampled_from(["박서준", "김민지", "이하은", "남궁민수", "정우성"])
TITLE = st.sampled_from(["주무관", " 주무관", "팀장", " 과장", "담당자", " 주임"])


@given(
    NAME,
    TITLE,
    st.sampled_from(["현장 확인 완료. 담당 ", "", "오늘 "]),
    st.sampled_from(["", "이 확인했습니다", "님께 문의"]),
)
def test_an_officials_full_name_before_a_title_is_masked(name, title, before, after):
    masked = mask_pii(f"{before}{name}{title}{after}")
    assert name not in masked.text and NAME_KIND in masked.kinds, masked.text
    assert title.strip() in masked.text  # the role stays: "[이름] 주무관"


@given(
    st.sampled_from(
        ["도로과 팀장", "민원실 주무관", "공원녹지과 팀장", "이 팀장", "김 주무관", "사업 담당자", "구청장"]
    )
)
def test_a_department_or_a_surname_alone_before_a_title_stays(text):
    assert mask_pii(text).text == text


async def test_a_note_naming_the_official_shows_only_the_role_in_public(
    client, session_token, official_token
):
    """The probe's note "담당 박서준 주무관" appeared on the status page, in the widget and in the
    status reply; the README promises that the status page never shows who."""
    answer = await report(client, session_token, text="가로등이 나갔어요")
    path = f"/api/admin/complaints/{answer['id']}/status"
    note = "현장 확인 완료. 담당 박서준 주무관"
    response = await client.post(
        path, json={"status": "in_progress", "note": note}, headers=bearer(official_token)
    )
    assert response.status == 200
    public = await (await client.get(f"/api/complaints/{answer['id']}")).json()
    assert public["status_note"] == "현장 확인 완료. 담당 [이름] 주무관"
    page = await (await client.get(f"/complaints/{answer['id']}")).text()
    assert "박서준" not in page


def test_a_reporter_saying_jeo_and_their_name_is_named():
    """ "저 김민수예요" (the probe) as "저는 김민수입니다" was: the report waits for an official."""
    moderator = Moderator(not_names=frozenset({"공무원"}))
    assert moderator.names("저 김민수예요 가로등이 나갔어요") == ["김민수"]
    assert moderator.names("저 공무원이에요") == [] and moderator.names("저 주민이에요") == []
    assert moderator.names("저기 박물관이에요") == []
