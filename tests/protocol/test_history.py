"""The hash chain's pure parts (protocol.machinery.history): the content encoding, the keyed link,
and the walk that names the first broken link of each case. No database (STYLE.md §6)."""
from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta, timezone

import pytest

from casework.models import EventKind
from protocol.machinery.history import Break, encode, first_breaks, keys, link


def test_each_field_is_its_length_then_its_utf8_text_and_null_is_a_tilde():
    assert encode(["Café", 42, None, ""]) == b"5:Caf\xc3\xa9" + b"2:42" + b"~" + b"0:"


def test_times_are_encoded_in_utc_to_the_microsecond():
    bst = timezone(timedelta(hours=1))
    summer = datetime(2026, 6, 1, 10, 30, 5, 7, tzinfo=bst)
    assert encode([summer]) == b"27:2026-06-01T09:30:05.000007Z"
    assert encode([summer]) == encode([summer.astimezone(UTC)])


def test_a_choice_is_encoded_as_its_value():
    assert encode([EventKind.LOGGED]) == encode(["logged"]) == b"6:logged"


def test_values_a_history_does_not_hold_are_refused():
    with pytest.raises(TypeError, match="bool"):
        encode([True])


def test_moving_text_between_fields_changes_the_content():
    assert encode(["ab", "c"]) != encode(["a", "bc"])
    assert encode(["~"]) != encode([None])


def test_a_link_is_an_hmac_of_the_previous_hash_and_the_content_under_the_history_key():
    content = encode(["Logged."])
    expected = hmac.new(keys.current(), b"\n" + content, hashlib.sha256).hexdigest()
    assert link("", content) == expected
    assert link(expected, content) == hmac.new(
        keys.current(), expected.encode() + b"\n" + content, hashlib.sha256).hexdigest()


def test_the_history_key_is_the_settings_and_not_the_secret_key(settings):
    settings.CASEWORK_HISTORY_KEY = "a" * 40
    assert keys.current() == b"a" * 40
    assert link("", b"x") != link("", b"x", keys.DEV_KEY.encode())
    settings.CASEWORK_HISTORY_KEY = ""
    assert keys.current() == keys.DEV_KEY.encode() != settings.SECRET_KEY.encode()


def test_a_chain_sealed_without_the_key_is_broken_from_its_first_event():
    """Someone who can write to the database recomputes every hash after an edit, with
    plain SHA-256 (the old unkeyed link) or a key of their own: nothing of it verifies."""
    for forge in (lambda prev, content: hashlib.sha256(prev.encode() + b"\n" + content)
                  .hexdigest(),
                  lambda prev, content: link(prev, content, b"a guess")):
        rows, prev = [], ""
        for n, text in enumerate(("a", "edited", "c")):
            content = encode([1, text])
            rows.append((1, n + 1, prev, forge(prev, content), content))
            prev = rows[-1][3]
        assert [(b.event, b.problem) for b in first_breaks(rows)] == [
            (1, "no longer matches its hash: it was changed after it was written")]


def test_an_old_key_still_verifies_what_it_sealed_after_rotation(settings):
    settings.CASEWORK_HISTORY_KEY = "old-key-" * 5
    rows = chain(1, "a", "b")
    settings.CASEWORK_HISTORY_KEY = "new-key-" * 5
    assert [b.event for b in first_breaks(rows)] == [1]
    settings.CASEWORK_HISTORY_OLD_KEYS = ["old-key-" * 5]
    assert list(first_breaks(rows)) == []


def chain(case: int, *texts: str, first_id: int = 1) -> list[tuple]:
    """Rows (case, id, prev_hash, hash, content) as `append` would have written them."""
    rows, prev = [], ""
    for n, text in enumerate(texts):
        content = encode([case, text])
        digest = link(prev, content)
        rows.append((case, first_id + n, prev, digest, content))
        prev = digest
    return rows


def test_intact_chains_have_no_breaks():
    assert list(first_breaks(chain(1, "a", "b", "c") + chain(2, "d", first_id=9))) == []


def test_an_edited_event_is_named_and_the_other_cases_still_checked():
    rows = chain(1, "a", "b", "c") + chain(2, "d", "e", first_id=9)
    case, pk, prev, digest, _ = rows[1]
    rows[1] = (case, pk, prev, digest, encode([case, "edited"]))
    rows[4] = (*rows[4][:4], encode([2, "edited too"]))
    assert list(first_breaks(rows)) == [
        Break(1, 2, "no longer matches its hash: it was changed after it was written"),
        Break(2, 10, "no longer matches its hash: it was changed after it was written"),
    ]


def test_an_edited_event_whose_hash_was_recomputed_breaks_the_next_link():
    rows = chain(1, "a", "b", "c")
    case, pk, prev, _, _ = rows[1]
    forged = encode([case, "edited"])
    rows[1] = (case, pk, prev, link(prev, forged), forged)
    assert [b.event for b in first_breaks(rows)] == [3]


def test_a_missing_middle_event_breaks_the_link_after_it():
    rows = chain(1, "a", "b", "c", "d")
    del rows[1]
    (found,) = first_breaks(rows)
    assert (found.case, found.event) == (1, 3)
    assert "an event between them is missing" in found.problem


def test_a_missing_first_event_is_found():
    (found,) = first_breaks(chain(1, "a", "b")[1:])
    assert (found.event, found.problem) == (
        2, "links back to an earlier event that is no longer there")


def test_reordered_events_are_found():
    rows = chain(1, "a", "b", "c")
    rows[1], rows[2] = (*rows[2][:1], 2, *rows[2][2:]), (*rows[1][:1], 3, *rows[1][2:])
    assert [b.event for b in first_breaks(rows)] == [2]


def test_an_unsealed_event_is_named_and_only_the_first_break_of_a_case_reported():
    rows = chain(1, "a", "b", "c")
    rows[1] = (1, 2, "", "", encode([1, "b"]))
    (found,) = first_breaks(rows)
    assert (found.event, found.problem) == (
        2, "was never sealed: it was written without protocol.machinery.history.append")
