"""The types the checker is told are true at run time: a view typed as taking a signed-in
request is behind `login_required`; the admin's person is a User or nobody gets through;
a form's field is the kind it declares; django-fsm's checks are the model's own."""
from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver

from protocol.machinery.forms import PersonChoiceField, declared
from protocol.machinery.fsm import transition_condition, transition_permission
from protocol.machinery.http import AuthenticatedHttpRequest, signed_in
from protocol.models import User


def _views(patterns: list[Any] | None = None) -> Iterator[tuple[str, Callable[..., Any]]]:
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield str(pattern.pattern), pattern.callback


def _layers(view: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    while view is not None:
        yield view
        view = getattr(view, "__wrapped__", None)


def _behind_login_required(view: Callable[..., Any]) -> bool:
    """Is one of the view's wrappers `login_required`'s (user_passes_test with its
    is_authenticated test)?"""
    for layer in _layers(view):
        code = getattr(layer, "__code__", None)
        if code is None or not code.co_qualname.startswith("user_passes_test."):
            continue
        cells = dict(zip(code.co_freevars, layer.__closure__ or (), strict=True))
        test = cells["test_func"].cell_contents
        if test.__code__.co_qualname.startswith("login_required."):
            return True
    return False


def _typed_signed_in(view: Callable[..., Any]) -> bool:
    inner = list(_layers(view))[-1]
    annotation = inspect.signature(inner).parameters.get("request")
    return annotation is not None and annotation.annotation in (
        "AuthenticatedHttpRequest", AuthenticatedHttpRequest)


def test_every_view_typed_as_signed_in_is_behind_login_required():
    typed = [(route, view) for route, view in _views() if _typed_signed_in(view)]
    assert typed  # the pages of protocol at least
    assert [route for route, view in typed if not _behind_login_required(view)] == []


def test_the_check_tells_a_view_without_login_required():
    def bare(request: AuthenticatedHttpRequest) -> HttpResponse:
        return HttpResponse()

    guarded = login_required(bare)
    assert _typed_signed_in(bare) and not _behind_login_required(bare)
    assert _typed_signed_in(guarded) and _behind_login_required(guarded)


def test_signed_in_gives_the_person_and_refuses_anyone_else():
    request = HttpRequest()
    request.user = person = User(username="someone")
    assert signed_in(request) is person
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        signed_in(request)


class _Chooser(forms.Form):
    person = PersonChoiceField(queryset=User.objects.none())
    note = forms.CharField()


def test_declared_gives_the_forms_own_copy_of_the_field_as_its_kind():
    form = _Chooser()
    field = declared(form, "person", PersonChoiceField)
    assert field is form.fields["person"] and field is not _Chooser.base_fields["person"]
    with pytest.raises(TypeError):
        declared(form, "note", forms.ChoiceField)


def test_fsm_checks_are_the_models_own_functions():
    def check(instance: Any, user: User) -> bool:
        return True

    def condition(instance: Any) -> bool:
        return True

    assert transition_permission(check) is check
    assert transition_condition(condition) is condition
