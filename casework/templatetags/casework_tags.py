"""Status tags and due-date wording for enquiry pages."""
from datetime import date

from django import template
from django.utils.html import format_html

from casework import rules

register = template.Library()

TAG_COLOURS = {
    "new": "govuk-tag--blue", "accepted": "govuk-tag--light-blue",
    "holding": "govuk-tag--yellow", "answered": "govuk-tag--green",
    "closed": "govuk-tag--grey", "withdrawn": "govuk-tag--grey",
    "redirected": "govuk-tag--grey",
}


@register.simple_tag
def state_tag(enquiry, today: date) -> str:
    """The enquiry's state as a GOV.UK tag, red when overdue."""
    if rules.is_overdue(open_unanswered=enquiry.is_unanswered,
                        current_due_on=enquiry.current_due_on, today=today):
        return format_html('<strong class="govuk-tag govuk-tag--red">{}</strong>', "Overdue")
    return format_html('<strong class="govuk-tag {}">{}</strong>',
                       TAG_COLOURS.get(enquiry.state, ""), enquiry.get_state_display())


@register.simple_tag
def due_words(enquiry, today: date) -> str:
    """'3 days left', 'Due today', '2 days overdue', or nothing once answered."""
    if not enquiry.is_unanswered:
        return ""
    days = rules.days_left(enquiry.current_due_on, today)
    if days == 0:
        return "Due today"
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} left"
    return f"{-days} day{'s' if days != -1 else ''} overdue"
