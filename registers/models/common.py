"""What every register's timeline shares: who, when, what, from and to; appended, never
edited (DESIGN 'cannot be edited afterwards'; on PostgreSQL the database refuses too), and
linked by hash one chain per register entry, as case histories are (protocol.history), so
that `manage.py verify_history` finds a timeline changed behind the application's back."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from protocol.history import Chain, HashChained

# What a timeline entry hashes, after the column naming its register entry.
CONTENT = ("at", "actor_id", "action", "from_state", "to_state", "summary")


def timeline_chain(on: str) -> Chain:
    return Chain(on=on, fields=(on, *CONTENT))


class AppendOnlyError(RuntimeError):
    pass


class TimelineEvent(HashChained):
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=120)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    summary = models.TextField(blank=True)

    class Meta(HashChained.Meta):
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("timeline events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("timeline events cannot be deleted")
