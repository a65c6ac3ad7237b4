"""What every case's and register entry's timeline shares: who, when, from and to, appended
and never edited (DESIGN: a case's history "cannot be edited afterwards"; on PostgreSQL the
database refuses too), each event linked by hash to the one before it on the same case
(protocol.machinery.history). Each app keeps its own table and adds what its events say."""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from protocol.machinery.history import HashChained


class AppendOnlyError(RuntimeError):
    pass


class CaseEvent(HashChained):
    """One entry on a timeline. `heading` and `detail` are what the timeline shows
    (templates/protocol/_timeline.html); each app says which of its fields they are."""

    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)

    class Meta(HashChained.Meta):
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.heading}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("timeline events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("timeline events cannot be deleted")

    @property
    def heading(self) -> str:
        raise NotImplementedError

    @property
    def detail(self) -> str:
        raise NotImplementedError
