"""What every register's timeline shares (protocol.machinery.timeline): who, when, what,
from and to, linked by hash one chain per register entry, as case histories are
(protocol.machinery.history), so that `manage.py verify_history` finds a timeline changed behind the
application's back."""
from __future__ import annotations

from django.db import models

from protocol.machinery.history import Chain
from protocol.machinery.timeline import AppendOnlyError, CaseEvent

__all__ = ["CONTENT", "AppendOnlyError", "TimelineEvent", "timeline_chain"]

# What a timeline entry hashes, after the column naming its register entry.
CONTENT = ("at", "actor_id", "action", "from_state", "to_state", "summary")


def timeline_chain(on: str) -> Chain:
    return Chain(on=on, fields=(on, *CONTENT))


class TimelineEvent(CaseEvent):
    action = models.CharField(max_length=120)
    summary = models.TextField(blank=True)

    class Meta(CaseEvent.Meta):
        abstract = True

    @property
    def heading(self) -> str:
        return self.action

    @property
    def detail(self) -> str:
        return self.summary
