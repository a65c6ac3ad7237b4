"""The page every action on a record shares: show the form (GET); on POST validate it, call
the service, and turn a refusal into a form error that changes nothing (STYLE.md §4)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from django import forms
from django.contrib import messages
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_fsm import can_proceed, has_transition_perm

from protocol.machinery.errors import NotAllowed, Refused


class Action(NamedTuple):
    """One thing a person does to a record: its form, the service call (record, person,
    the form's cleaned data), the page's title, what is said once done, and the transitions
    whose being open to this person offers it (where the app lists them)."""

    form: type[forms.Form]
    call: Callable[[Any, Any, dict[str, Any]], object]
    title: str
    done: str
    offered_by: tuple[str, ...] = ()


def run_form(request: HttpRequest, form: forms.Form, call: Callable[[dict[str, Any]], Any], *,
             template: str, context: dict[str, Any], done: str,
             then: Callable[[Any], Any], action: bool = True) -> HttpResponse:
    """Show the form (GET); on POST validate it and call the service. An action on a record
    answers a refusal with 400 (bad input), 403 (not this person's to do) or 409 (not in
    this state); a new record's form is re-shown with 200."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = call(form.cleaned_data)
            except NotAllowed as error:
                form.add_error(None, str(error))
                status = 403
            except Refused as error:
                form.add_error(None, str(error))
                status = 409 if action else 200
            else:
                messages.success(request, done)
                return redirect(then(result))
        elif action:
            status = 400
    return render(request, template, {**context, "form": form}, status=status)


def action_named(actions: Mapping[str, Action], name: str) -> Action:
    """The action `name`, or 404."""
    if name not in actions:
        raise Http404("No such action")
    return actions[name]


def action_page(request: HttpRequest, action: Action, name: str, record: models.Model, *,
                template: str, context: dict[str, Any],
                form_kwargs: Mapping[str, Any] | None = None) -> HttpResponse:
    """The page of one action on `record` (which has a version: a stale form is refused);
    back to the record once done."""
    version = getattr(record, "version")  # noqa: B009 (every acted-on record has one)
    form = action.form(request.POST or None, initial={"version": version}, **(form_kwargs or {}))
    return run_form(request, form, lambda data: action.call(record, request.user, data),
                    template=template, done=action.done, then=lambda _: record,
                    context={"record": record, "title": action.title, "name": name,
                             **context})


def offered(actions: Mapping[str, Action], record: models.Model, user: Any) -> list[str]:
    """The actions one of whose transitions this person may make on `record` now."""
    return [name for name, action in actions.items()
            if any(can_proceed(getattr(record, method))
                   and has_transition_perm(getattr(record, method), user)
                   for method in action.offered_by)]
