"""A "new" form is sent once: the record its first submission made is what a second
submission of the same form gets back (a double click, a resend after a slow page).

The form carries a one-time token (protocol.machinery.forms.SubmittedOnceMixin); the creating
service calls `once`, which claims the token in the record's own transaction. The database's
unique constraint on the token decides between two submissions racing each other."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast
from uuid import UUID

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.http import Http404

from protocol.models import SubmissionToken, User

Made = TypeVar("Made", bound=models.Model)


class SubmissionTaken(Http404):
    """The token is someone else's, or its record is gone: nothing to show this person."""


def once(*, token: UUID | None, actor: User, create: Callable[[], Made]) -> Made:
    """Run `create` once per token: a repeat by the same person creates nothing and gets
    the first record back. Without a token (a service called directly), it just runs."""
    if token is None:
        return create()
    with transaction.atomic():
        claim, first = _claim(token, actor)
        if not first:
            # The token's first submission ran this same form's `create`: its record is a Made.
            return cast(Made, _made_by(claim, actor))
        made = create()
        claim.content_type = ContentType.objects.get_for_model(made)
        claim.object_id = made.pk
        claim.save(update_fields=["content_type", "object_id"])
    return made


def _claim(token: UUID, actor: User) -> tuple[SubmissionToken, bool]:
    try:
        with transaction.atomic():  # a savepoint: the losing insert is undone on its own
            return SubmissionToken.objects.create(token=token, actor=actor), True
    except IntegrityError:
        # Claimed already; under a race the winner has committed by now (the loser's
        # insert waited on the unique index until then).
        return SubmissionToken.objects.select_related("content_type").get(token=token), False


def _made_by(claim: SubmissionToken, actor: User) -> models.Model:
    if claim.actor_id != actor.pk or claim.content_type is None:
        raise SubmissionTaken("That form was sent by someone else")
    model = claim.content_type.model_class()
    found = model._default_manager.filter(pk=claim.object_id).first() if model else None
    if found is None:
        raise SubmissionTaken("What that form made no longer exists")
    return found
