"""The head of each case's history (protocol.machinery.history.heads)."""
from django.db import models


class HistoryHead(models.Model):
    """The newest event of one case's history, with a keyed seal: a chain whose newest
    events were deleted still links perfectly, but no longer ends where its head says."""

    history = models.CharField(max_length=100, help_text="The history's model, app.model")
    case = models.BigIntegerField()
    event = models.BigIntegerField(help_text="The newest event's id")
    hash = models.CharField(max_length=64, help_text="The newest event's seal")
    seal = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["history", "case"],
                                               name="history_head_one_per_case")]

    def __str__(self) -> str:
        return f"{self.history} {self.case}: event {self.event}"
