"""Every URL pattern in the URLconf, found by walking django.urls.get_resolver() recursively,
and the parameters to request each named one with."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security import matrix
from tests.security.world import World


@dataclass(frozen=True)
class Route:
    name: str | None  # namespaced, e.g. "casework:detail"; None for an unnamed pattern
    route: str  # the pattern's text, prefixes included
    parameters: frozenset[str]  # the keyword arguments it takes
    positional: int  # unnamed regex groups: the test cannot fill those


def _join(namespace: str | None, name: str | None) -> str | None:
    if name is None:
        return None
    return f"{namespace}:{name}" if namespace else name


def walk(patterns: list | None = None, prefix: str = "", namespace: str | None = None,
         ) -> Iterator[Route]:
    """Every URL pattern, included URLconfs and their namespaces followed."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        pattern = entry.pattern
        text = prefix + str(pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry.url_patterns, text, inner)
            continue
        assert isinstance(entry, URLPattern)
        regex = pattern.regex
        named = set(regex.groupindex)
        yield Route(_join(namespace, entry.name), text,
                    frozenset(named | set(getattr(pattern, "converters", {}))),
                    regex.groups - len(named))


def named_routes() -> dict[str, Route]:
    return {r.name: r for r in walk() if r.name is not None}


# Parameters of the public pages, which need no case.
PUBLIC_KWARGS = {"password_reset_confirm": {"uidb64": "MQ", "token": "set-password"}}


def admin_url_names() -> dict[str, str | None]:
    """The admin URLs the matrix covers: the site's own, and each ADMIN_MODELS model's
    pages, by name -> model label (None for the site's)."""
    names: dict[str, str | None] = dict.fromkeys(matrix.ADMIN_SITE_URLS)
    for label in matrix.ADMIN_MODELS:
        app_label, model = label.split(".")
        for view in matrix.ADMIN_VIEWS:
            names[f"admin:{app_label}_{model}_{view}"] = label
    return names


def admin_kwargs(name: str, world: World) -> dict:
    """Parameters for an admin URL: an existing object of the page's model."""
    if name == "admin:view_on_site":
        # The content-type shortcut, pointed at a case: it must not open the case.
        return {"content_type_id": ContentType.objects.get_for_model(world.enquiry).pk,
                "object_id": world.enquiry.pk}
    if name == "admin:app_list":
        return {"app_label": "protocol"}
    if name == "admin:auth_user_password_change":
        return {"id": world.users["councillor"].pk}
    label = admin_url_names().get(name)
    if label is None or name.endswith(("_changelist", "_add")):
        return {}
    obj = apps.get_model(label).objects.order_by("pk").first()
    assert obj is not None, f"the world has no {label} for {name} to open"
    return {"object_id": obj.pk}


def kwargs_for(name: str, world: World) -> dict:
    """The parameters to request `name` with; KeyError if the test does not know them."""
    cases = [c for c in matrix.MATRIX if c.url == name]
    if cases:
        return cases[0].kwargs(world)
    if name in admin_url_names():
        return admin_kwargs(name, world)
    if name in PUBLIC_KWARGS:
        return PUBLIC_KWARGS[name]
    if name in matrix.PUBLIC:
        return {}
    raise KeyError(name)
