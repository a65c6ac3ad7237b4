"""The steps every service takes, written once (STYLE.md §3): lock the record, check the
transition (permission first), save and move the version on, record the event (and log the
state change), tell people after commit."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any, Protocol, TypeVar

from django.db import models, transaction
from django_fsm import FSMFieldMixin, can_proceed, has_transition_perm

from protocol.machinery import security_events
from protocol.machinery.errors import Errors
from protocol.machinery.history import append
from protocol.machinery.outbox import notify
from protocol.machinery.timeline import CaseEvent
from protocol.models import User

M = TypeVar("M", bound=models.Model)
E = TypeVar("E", bound=CaseEvent)
PENDING = "_transitions_ran"  # on a model instance: its transitions not yet recorded


class Versioned(Protocol):
    version: int

    def save(self, *, update_fields: Iterable[str]) -> None: ...


def locked(model: type[M], pk: int, expected_version: int | None, *, errors: Errors,
           related: Sequence[str] | None = None) -> M:
    """The record, re-read under a row lock; refuses a stale form (optimistic check).
    `related` goes to select_related (an empty tuple: every non-null relation)."""
    rows = model._default_manager.select_for_update(of=("self",))
    if related is not None:
        rows = rows.select_related(*related)
    fresh = rows.get(pk=pk)
    if expected_version is not None and getattr(fresh, "version", None) != expected_version:
        raise errors.stale()
    return fresh


def check_transition(method: Callable[..., Any], actor: User, refusal: str, *,
                     errors: Errors) -> None:
    """Refuse a move this person may not make, before anything else: an outsider learns
    nothing of the record's state. Then one the state or the protocol's conditions do not
    allow, with `refusal`, so whoever may act hears why the protocol says no."""
    if not _permitted(method, actor):
        raise errors.not_allowed()
    if not can_proceed(method):
        raise errors.refused(refusal)
    if not has_transition_perm(method, actor):  # the permission of the transition from here
        raise errors.not_allowed()


def _permitted(method: Callable[..., Any], actor: User) -> bool:
    """Whether `actor` passes the permission of the transition `method` from some state
    (django-fsm's get_all_FIELD_transitions and each Transition's `permission`)."""
    instance: models.Model = getattr(method, "__self__")  # noqa: B009 (a bound method)
    name = getattr(method, "__name__")  # noqa: B009
    return any(_passes(t.permission, instance, actor)
               for field in instance._meta.concrete_fields if isinstance(field, FSMFieldMixin)
               for t in getattr(instance, f"get_all_{field.name}_transitions")()
               if t.name == name)


def _passes(permission: object, instance: models.Model, actor: User) -> bool:
    """No permission, or a rule of the record and the person. A permission's name never
    passes here: django-fsm would let a model-wide grant stand in for it (STYLE.md §5)."""
    if permission is None:
        return True
    return callable(permission) and bool(permission(instance, actor))


def move(method: Callable[..., Any], actor: User, refusal: str, *, errors: Errors,
         save: Callable[[], None], **values: Any) -> str:
    """Check the transition (check_transition: permission first), make it with `values`,
    save the record, and give back the state it left: the `from` of the event recorded
    next."""
    check_transition(method, actor, refusal, errors=errors)
    before = str(getattr(method, "__self__").state)  # noqa: B009 (a bound method)
    method(**values)
    save()
    return before


def move_with(errors: Errors, save: Callable[..., None]) -> Callable[..., str]:
    """An app's `move(method, actor, refusal, *fields, **values)`: its refusals, and its
    own save of the record with `fields`."""
    def move_(method: Callable[..., Any], actor: User, refusal: str, *fields: str,
              **values: Any) -> str:
        record = getattr(method, "__self__")  # noqa: B009 (a bound method)
        return move(method, actor, refusal, errors=errors,
                    save=partial(save, record, *fields), **values)
    return move_


def bump(instance: Versioned, *fields: str) -> None:
    """Save the state and the changed fields, and move the version on."""
    instance.version += 1
    instance.save(update_fields=["state", "version", *fields])


def ran(sender: Any, instance: models.Model, name: str, **kwargs: Any) -> None:
    """django-fsm's post_transition: note which transition ran on this object, for the
    `record` that writes its history row."""
    if kwargs.get("exception") is None:
        instance.__dict__.setdefault(PENDING, []).append(name)


def record(case: models.Model, event: E) -> E:
    """Append `event` to `case`'s timeline, the newest link of its hash chain. A state
    change (a transition ran on `case`) is logged to the security log when the transaction
    commits (ASVS 5.0 V16.3.3), with the event's actor, from and to: a refused or
    rolled-back action leaves no line."""
    append(event)
    pending = case.__dict__.get(PENDING)
    if event.from_state and pending:
        transaction.on_commit(partial(
            security_events.record, "transition", model=case._meta.label_lower,
            object=case.pk, transition=pending.pop(0), source=event.from_state,
            target=event.to_state, actor=event.actor_id, history_event=event.pk))
    return event


def tell(people: Iterable[User | None], *, key: str, subject: str, body: str,
         url: str) -> int:
    """Email each person once about the event `key` names (after commit:
    protocol.machinery.outbox); how many emails were new."""
    return sum(notify(recipient=person, key=f"{key}:{person.pk}", subject=subject, body=body,
                      url=url)
               for person in {p for p in people if p is not None})
