"""How long the council keeps each kind of record, the legal hold that stops the clock, and
the log of each retention run (issue: "Retention: periods per record type in the profile
... a scheduled task anonymises what has expired, history included, except cases on legal
hold; each run is logged").

None of the five seed protocols sets a retention period (000-004 are silent on records
management): every period is the council's own records-management choice, kept beside the
protocol as data. The rules that use them are in `protocol.machinery.retention`."""
from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from protocol.council.models.profiles import ProtocolProfile
from protocol.machinery.retention.periods import RecordType


class RetentionPeriod(models.Model):
    """How many years after it ends (closure, determination, decision) a kind of record is
    kept before its personal data is anonymised. A profile without a row for a kind uses
    the default in `protocol.machinery.retention.periods.DEFAULTS`."""

    profile = models.ForeignKey(ProtocolProfile, on_delete=models.CASCADE,
                                related_name="retention_periods")
    record_type = models.CharField(max_length=32, choices=RecordType.choices)
    years = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Whole years after the record ends; on that anniversary it is anonymised")
    basis = models.TextField(blank=True, help_text="Why this period: the council's records "
                             "management policy, a statute, guidance")

    class Meta:
        ordering = ["profile", "record_type"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "record_type"],
                                    name="retention_period_once_per_type"),
        ]

    def __str__(self) -> str:
        return f"{self.get_record_type_display()}: {self.years} years"


class RetainedRecord(models.Model):
    """What a case needs for retention: a legal hold (reason, who, when) that keeps it from
    being anonymised while litigation, an investigation or a request for information needs
    it, and the time it was anonymised."""

    # Database defaults too, so that a bulk load in SQL (bench/) need not name them.
    legal_hold = models.BooleanField(default=False, db_default=False)
    legal_hold_reason = models.TextField(blank=True, default="", db_default="")
    legal_hold_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    legal_hold_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(
        null=True, blank=True, help_text="When its personal data was replaced under the "
        "retention policy")

    class Meta:
        abstract = True


class RetentionRun(models.Model):
    """One run of the retention schedule: when, the date it judged expiry by, how many
    records of each type it anonymised, and how many expired ones it left for a legal
    hold. `finished_at` stays empty if the run stopped part-way (each batch it finished
    stands)."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    as_of = models.DateField(help_text="The day expiry was judged for")
    anonymised = models.JSONField(default=dict, help_text="Records anonymised, by type")
    held = models.JSONField(default=dict, help_text="Expired records kept for a legal hold, "
                            "by type")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Retention run {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def total_anonymised(self) -> int:
        return sum(self.anonymised.values())

    @property
    def total_held(self) -> int:
        return sum(self.held.values())
