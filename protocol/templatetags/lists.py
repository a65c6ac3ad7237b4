"""Template filters for the list pages' shared includes (templates/includes/)."""
from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def columns(headers: str) -> list[str]:
    """A table's column headers, written in the template as "Reference|Subject|State"."""
    return headers.split("|")
