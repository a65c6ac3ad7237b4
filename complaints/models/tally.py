"""The cases counted for the Monitoring Officer's dashboard, kept exact by database triggers
(protocol.machinery.tally): how many cases of a kind share a state, an outcome and the council's
months they were received and finished in; for open cases also their stage, its title and
its time limit. Written only by the triggers."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from protocol.machinery.tally import Key, Tally

OPEN = "{r}.state IN ('informal', 'with_handler', 'outcome')"
# The council's month, not UTC's (00:30 BST on 1 July is still June in UTC). SQLite has no
# time zones: Django's own function, registered on its every connection, converts.
ZONE = settings.TIME_ZONE


def _month(column: str) -> Key:
    return Key(column.replace("_at", "_month"),
               f"date_trunc('month', ({{r}}.{column} AT TIME ZONE '{ZONE}'))::date",
               f"date(django_datetime_cast_date({{r}}.{column}, '{ZONE}', 'UTC'), "
               "'start of month')")


def _while_open(column: str) -> Key:
    value = f"CASE WHEN {OPEN} THEN {{r}}.{column} END"
    return Key(column, value, value)


TALLY = Tally(source="complaints_complaint", table="complaints_complainttally", keys=(
    Key("kind", "{r}.kind", "{r}.kind"),
    Key("state", "{r}.state", "{r}.state"),
    Key("outcome", "{r}.outcome", "{r}.outcome"),
    _month("received_at"),
    _month("closed_at"),
    _while_open("stage_position"),
    Key("stage_title", f"CASE WHEN {OPEN} THEN {{r}}.stage_title ELSE '' END",
        f"CASE WHEN {OPEN} THEN {{r}}.stage_title ELSE '' END"),
    _while_open("stage_due_on"),
    # Whom the case is kept from: its subject until told, and always for a fraud concern
    # (complaints.selectors.untold), so each viewer's figures leave out their own.
    Key("hidden_from_id", "CASE WHEN NOT {r}.subject_told OR {r}.kind = 'fraud' "
        "THEN {r}.subject_person_id END",
        "CASE WHEN NOT {r}.subject_told OR {r}.kind = 'fraud' "
        "THEN {r}.subject_person_id END"),
))


class ComplaintTally(models.Model):
    """`n` cases share these values (one row for each combination that occurs)."""

    key = models.TextField(unique=True)
    kind = models.CharField(max_length=24)
    state = models.CharField(max_length=16)
    outcome = models.CharField(max_length=24)
    received_month = models.DateField()
    closed_month = models.DateField(null=True)
    stage_position = models.PositiveSmallIntegerField(null=True)
    stage_title = models.CharField(max_length=160, blank=True)
    stage_due_on = models.DateField(null=True)
    hidden_from = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.DO_NOTHING, db_constraint=False,
                                    related_name="+")
    n = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["received_month"], name="complaint_tally_received"),
                   models.Index(fields=["closed_month"], name="complaint_tally_closed"),
                   models.Index(fields=["state"], name="complaint_tally_state")]

    def __str__(self) -> str:
        return f"{self.key}: {self.n}"
