"""django-fsm's `permission=` and `conditions=` callables, typed as django-fsm declares
them. django-fsm types them over any Model and any user, but calls a transition's
permission only with the instance the transition is declared on and the user the service
passes to `has_transition_perm` (the council's User), and its conditions only with that
instance: so a check written for its own model and User is the same function."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from django.db import models

if TYPE_CHECKING:
    from django_fsm import UserWithPermissions

    from protocol.models import User

M = TypeVar("M", bound=models.Model)


def transition_permission(
        check: Callable[[M, User], bool]) -> Callable[[models.Model, UserWithPermissions], bool]:
    """A transition's permission check on its own model, as django-fsm's `permission=`."""
    return cast("Callable[[models.Model, UserWithPermissions], bool]", check)


def transition_condition(check: Callable[[M], bool]) -> Callable[[models.Model], bool]:
    """A transition's condition on its own model, as django-fsm's `conditions=`."""
    return cast("Callable[[models.Model], bool]", check)
