"""Links from other pages to the complaints a person may see (complaints.selectors decides,
when the page is shown)."""
from __future__ import annotations

from django import template

from complaints import selectors

register = template.Library()


@register.inclusion_tag("complaints/_raised_from.html", takes_context=True)
def complaints_raised_from(context: template.Context, enquiry) -> dict:
    """The complaints raised from this enquiry that the person looking may see; nothing,
    not even that there are any, for anyone else."""
    user = context["request"].user
    return {"raised": list(selectors.raised_from(user, enquiry.reference))}
