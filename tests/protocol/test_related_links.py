"""protocol.machinery.related_links: the page's app asks, the other app's provider answers (no
database: the providers here are plain functions)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from protocol.machinery import related_links
from protocol.machinery.related_links import RelatedLink


@pytest.fixture(autouse=True)
def _own_registry(monkeypatch):
    monkeypatch.setattr(related_links, "_PROVIDERS", {})


def test_each_registered_provider_answers_for_the_person_looking():
    alice, bob = SimpleNamespace(pk=1), SimpleNamespace(pk=2)
    related_links.register(page="enquiry", name="cases", provider=lambda user, ref: (
        [RelatedLink("Raised as", f"C-{ref}", f"/c/{ref}/")] if user.pk == 1 else []))
    assert related_links.links_for(alice, "enquiry", "E1") == [
        RelatedLink("Raised as", "C-E1", "/c/E1/")]
    assert related_links.links_for(bob, "enquiry", "E1") == []
    assert related_links.links_for(alice, "register", "E1") == []


def test_registering_again_under_the_same_name_replaces_the_provider():
    related_links.register(page="enquiry", name="cases", provider=lambda u, r: ["old"])
    related_links.register(page="enquiry", name="cases", provider=lambda u, r: ["new"])
    assert related_links.links_for(None, "enquiry", "E1") == ["new"]
