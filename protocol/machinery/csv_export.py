"""CSV downloads: streamed row by row (constant memory), safe to open in a spreadsheet,
and each one a security event (an export of case data, ASVS 5.0 V16.3).

A cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a
carriage return) is prefixed with an apostrophe, so that a subject such as
`=HYPERLINK(...)` typed into an enquiry is shown as text, never run (OWASP "CSV
injection")."""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.http import HttpRequest, StreamingHttpResponse

from protocol.machinery.security_events import record

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell as text, neutralised if a spreadsheet would take it for a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _lines(rows: Iterable[Iterable[object]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_response(request: HttpRequest, rows: Iterable[Iterable[object]], *,
                 filename: str) -> StreamingHttpResponse:
    """Stream `rows` (the header first) as an attachment named `filename`."""
    record("export", request=request, format="csv", file=filename)
    response = StreamingHttpResponse(_lines(rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
