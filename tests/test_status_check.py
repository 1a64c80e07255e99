"""A status change is checked by one function (voicemap.check_status_change) before it is made: the
console's preview shows exactly the refusals that sending would meet, and checking changes nothing."""

from __future__ import annotations

import pytest
from test_supports_set import _report, catalogue, conn  # noqa: F401  (its fixtures: both engines)

from civicbot import voicemap

CASES = [
    ("lost", "", None, "invalid_status"),
    (voicemap.RESOLVED, "x" * (voicemap.MAX_NOTE_CHARS + 1), None, "note_too_long"),
    (voicemap.RECEIVED, "", None, "invalid_transition"),
    (voicemap.DUPLICATE, "", None, "missing_duplicate_of"),
    (voicemap.DUPLICATE, "", "SELF", "invalid_duplicate_of"),
    (voicemap.DUPLICATE, "", "SEL-222222", "invalid_duplicate_of"),
]


@pytest.mark.parametrize(("status", "note", "duplicate_of", "code"), CASES)
def test_the_check_refuses_as_the_change_does_and_changes_nothing(
    conn,  # noqa: F811
    catalogue,  # noqa: F811
    status,
    note,
    duplicate_of,
    code,
):
    public_id = _report(conn, catalogue, "r0")
    target = public_id if duplicate_of == "SELF" else duplicate_of
    with pytest.raises(voicemap.ComplaintError) as checked:
        voicemap.check_status_change(conn, public_id, status, note, target)
    with pytest.raises(voicemap.ComplaintError) as changed:
        voicemap.change_status(conn, public_id, status, note, "tester", catalogue, target)
    assert checked.value.code == changed.value.code == code
    assert voicemap.get_public(conn, public_id).status == voicemap.RECEIVED


def test_a_passing_check_names_the_original_as_the_change_will(conn, catalogue):  # noqa: F811
    original, duplicate = _report(conn, catalogue, "r0"), _report(conn, catalogue, "r1")
    typed = "내 신고 " + original.lower().replace("-", "")  # as an official might paste it
    checked = voicemap.check_status_change(conn, duplicate, voicemap.DUPLICATE, "  같은  곳 ", typed)
    assert (checked.old, checked.new, checked.note, checked.duplicate_of) == (
        "received",
        "duplicate",
        "같은 곳",
        original,
    )
    assert voicemap.get_public(conn, duplicate).status == voicemap.RECEIVED  # only checked
    changed = voicemap.change_status(
        conn, duplicate, voicemap.DUPLICATE, "같은 곳", "tester", catalogue, typed
    )
    assert changed.duplicate_of == original
