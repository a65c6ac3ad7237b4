"""The enrolment QR code as SVG markup to put in the page itself: no image address to
fetch and no data: URI, and only presentation attributes (no style), so a strict
Content-Security-Policy (img-src and style-src 'self') has nothing to refuse."""
from __future__ import annotations

import qrcode
import qrcode.constants
from django.utils.html import format_html
from django.utils.safestring import SafeString

BORDER = 4  # modules of quiet zone around the code, as the QR standard asks
SIZE_PX = 200


def dark_runs(matrix: list[list[bool]]) -> list[tuple[int, int, int]]:
    """(x, y, length) for each horizontal run of dark modules, row by row."""
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append((start, y, x - start))
            else:
                x += 1
    return runs


def qr_svg(data: str, *, title: str, element_id: str = "mfa-qr-code") -> SafeString:
    """An accessible inline SVG of the QR code for `data`, titled `title`."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=BORDER)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()  # the quiet zone included
    size = len(matrix)
    path = "".join(f"M{x} {y}h{n}v1h-{n}z" for x, y, n in dark_runs(matrix))
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{px}" '
        'height="{px}" role="img" aria-labelledby="{id}-title" id="{id}" '
        'shape-rendering="crispEdges" class="app-qr-code"><title id="{id}-title">{title}'
        '</title><rect width="{size}" height="{size}" fill="#ffffff"/>'
        '<path fill="#0b0c0c" d="{path}"/></svg>',
        size=size, px=SIZE_PX, id=element_id, title=title, path=path)
