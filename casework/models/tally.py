"""The enquiries counted for the Monitoring Officer's dashboard, kept exact by database
triggers (protocol.machinery.tally): how many enquiries of a service, received in a month, stand in
each position against the response deadline (003 §31.15). Written only by the triggers."""
from __future__ import annotations

from django.db import models

from protocol.machinery.tally import Key, Tally
from protocol.models import Service

# The deadline only matters to an enquiry still unanswered and not withdrawn (one answered
# in full counts whatever its date; one withdrawn unanswered needed no answer, nor one
# closed as being handled another way, casework.services.councillor.enquiry_redirect):
# the date is kept for those only, so the rest fold into a few rows a month. A change here
# is a new migration that installs the triggers again (casework 0012).
UNANSWERED = "{r}.responded_at IS NULL AND {r}.state NOT IN ('withdrawn', 'redirected')"
OPEN_UNANSWERED = "{r}.state IN ('new', 'accepted', 'holding')"

TALLY = Tally(source="casework_enquiry", table="casework_enquirytally", keys=(
    Key("service_id", "{r}.service_id", "{r}.service_id"),
    Key("received_month", "date_trunc('month', {r}.received_on)::date",
        "date({r}.received_on, 'start of month')"),
    Key("due_on", f"CASE WHEN {UNANSWERED} THEN {{r}}.due_on END",
        f"CASE WHEN {UNANSWERED} THEN {{r}}.due_on END"),
    Key("responded", "{r}.responded_at IS NOT NULL", "{r}.responded_at IS NOT NULL"),
    Key("in_time", "{r}.answered_in_time IS TRUE", "{r}.answered_in_time IS 1"),
    Key("holding", "{r}.holding_reply_at IS NOT NULL", "{r}.holding_reply_at IS NOT NULL"),
    Key("overdue_from", f"CASE WHEN {OPEN_UNANSWERED} THEN {{r}}.current_due_on END",
        f"CASE WHEN {OPEN_UNANSWERED} THEN {{r}}.current_due_on END"),
))


class EnquiryTally(models.Model):
    """`n` enquiries share these values (one row for each combination that occurs)."""

    key = models.TextField(unique=True)
    service = models.ForeignKey(Service, null=True, on_delete=models.DO_NOTHING,
                                db_constraint=False, related_name="+")
    received_month = models.DateField()
    due_on = models.DateField(null=True, help_text="The deadline, while it can still be met "
                              "or missed: unanswered, not withdrawn nor redirected")
    responded = models.BooleanField()
    in_time = models.BooleanField()
    holding = models.BooleanField()
    overdue_from = models.DateField(null=True, help_text="The date an open, unanswered "
                                    "enquiry is judged overdue by (current_due_on)")
    n = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["received_month"], name="enquiry_tally_month"),
                   models.Index(fields=["overdue_from"], name="enquiry_tally_overdue",
                                condition=models.Q(overdue_from__isnull=False))]

    def __str__(self) -> str:
        return f"{self.key}: {self.n}"
