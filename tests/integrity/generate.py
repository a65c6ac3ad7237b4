"""Generated input for the product's forms and filters: for each field of a form, a good
value, junk, an extreme, or nothing at all, as a browser (or anyone with curl) could post.

Built from the form itself, so a field added later is fuzzed without being listed here."""
from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from tests.integrity.conftest import row_counts

# Text no form should choke on: control characters (NUL is refused by PostgreSQL text),
# digits that are not ASCII ("²".isdigit() is True, int("²") fails), numbers past any
# column, dates at the ends of the calendar, markup and SQL.
ODD = ["", " ", "\x00", "a\x00b", "0", "-1", "1.5", "1e9", "99999999999999999999", "²",
       "١٢", "9999-12-31", "9999-12", "0001-01", "0000-00-00", "31/12/9999", "2026-02-30",
       "<script>alert(1)</script>", "' OR 1=1 --", "%00", "NaN", "None", "\u202e",
       "x" * 5001]
# Integers past every column and every C long: ids, versions, a date's day, month or year.
# int() reads them, and then SQLite's INTEGER or date() cannot take them (OverflowError).
HUGE = ["2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999", "9" * 30, "-" + "9" * 30]
NUMBERS = st.one_of(st.sampled_from(HUGE), st.integers().map(str),
                    st.integers(min_value=2**63 - 2, max_value=2**130).map(str))
JUNK = st.one_of(st.sampled_from(ODD + HUGE), NUMBERS, st.text(max_size=40))
WORDS = st.one_of(st.sampled_from(["Bins missed again on Park Road.", "Resolved.", "  "]),
                  st.text(min_size=1, max_size=60))
NAMES = st.one_of(
    st.sampled_from(["letter.pdf", "notes.txt", "photo.JPG", "report.docx", "virus.exe",
                     "no-extension", ".pdf", "a.b.c.csv", "résumé.pdf", "x" * 250 + ".pdf",
                     "../../etc/passwd.txt"]),
    st.text(min_size=1, max_size=30).map(lambda name: f"{name}.txt"))
CONTENT = st.one_of(st.sampled_from([b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04",
                                     b"Plain words.", b"\xff\xfe\x00not text", b""]),
                    st.binary(max_size=64))
UPLOADS = st.lists(st.builds(SimpleUploadedFile, NAMES, CONTENT), max_size=6)


def dates() -> SearchStrategy[date]:
    today = timezone.localdate()
    return st.one_of(st.dates(today - timedelta(days=60), today + timedelta(days=400)),
                     st.sampled_from([date.max, date(1000, 1, 1), today]))


def good_value(field: forms.Field) -> SearchStrategy:
    """A value the field could accept (the form or the service may still refuse it)."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:20]]
        return st.lists(st.one_of(st.sampled_from([*pks, "999999"]), NUMBERS), max_size=3)
    if isinstance(field, forms.ModelChoiceField):
        pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:20]]
        return st.one_of(st.sampled_from([*pks, "", "999999"]), NUMBERS)
    if isinstance(field, forms.MultipleChoiceField):
        values = [str(value) for value, _ in field.choices]
        return st.lists(st.one_of(st.sampled_from(values or [""]), NUMBERS), max_size=3)
    if isinstance(field, forms.ChoiceField):
        values = [str(value) for value, _ in field.choices] or [""]
        return st.one_of(st.sampled_from(values), NUMBERS)
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "", "false"])
    if isinstance(field, forms.UUIDField):  # a "new" form's one-time token
        return st.one_of(st.uuids().map(str), st.just(str(uuid4())))
    if isinstance(field, forms.IntegerField):
        return st.one_of(st.integers(-2, 10).map(str), NUMBERS)
    if isinstance(field, forms.DateField):
        return dates().map(date.isoformat)
    if isinstance(field, forms.CharField) and field.max_length:
        return st.one_of(WORDS, st.sampled_from(["y" * field.max_length,
                                                 "z" * (field.max_length + 1)]))
    return WORDS


def field_data(name: str, field: forms.Field) -> SearchStrategy[dict]:
    """What a post may carry for one field: good, junk, or nothing."""
    if isinstance(field, forms.FileField):
        return st.one_of(st.just({}), UPLOADS.map(lambda files: {name: files}))
    if isinstance(field.widget, forms.MultiWidget):  # the GOV.UK day, month, year boxes
        keys = [f"{name}{suffix}" for suffix in field.widget.widgets_names]
        parts = dates().map(lambda d: dict(zip(keys, map(str, (d.day, d.month, d.year)),
                                               strict=True)))
        whole = dates().map(lambda d: {name: d.isoformat()})
        huge = dates().flatmap(lambda d: st.fixed_dictionaries({  # one part, or more, huge
            key: st.one_of(st.just(str(good)), NUMBERS)
            for key, good in zip(keys, (d.day, d.month, d.year), strict=True)}))
        junk = st.fixed_dictionaries({key: JUNK for key in keys})
        return st.one_of(parts, whole, huge, junk, st.just({}))
    return st.one_of(good_value(field).map(lambda v: {name: v}),
                     JUNK.map(lambda v: {name: v}), st.just({}))


def form_data(form: forms.Form, **fixed: SearchStrategy) -> SearchStrategy[dict]:
    """A whole post for `form`; `fixed` gives some fields their own strategy."""
    parts = [fixed[name].map(lambda v, name=name: {name: v}) if name in fixed
             else field_data(name, field) for name, field in form.fields.items()]
    return st.tuples(*parts).map(lambda found: {k: v for part in found for k, v in
                                                part.items()})


def query(names: list[str]) -> SearchStrategy[dict]:
    """A query string for a list page: its filters (and a stranger) with any values."""
    return st.dictionaries(st.sampled_from([*names, "page", "unknown"]), JUNK, max_size=5)


def read(response: HttpResponse) -> str:
    body = (b"".join(response.streaming_content) if response.streaming
            else response.content)
    return body.decode()


def post_checked(client: Client, url: str, data: dict, *, done: int = 302) -> HttpResponse:
    """Post; whatever was posted there is no server error, and unless the post went
    through (`done`) nothing was saved and the page says what is wrong."""
    before = row_counts()
    response = client.post(url, data)
    assert response.status_code < 500
    if response.status_code != done:
        after = row_counts()
        left = {label: after[label] - n for label, n in before.items() if after[label] != n}
        assert not left, f"a refused post left rows behind: {left}"
        assert "govuk-error-summary" in read(response), "a refusal with no message"
    return response
