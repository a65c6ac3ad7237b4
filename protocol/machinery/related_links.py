"""Links a page shows to records another app keeps about it, without the page's app
importing that app: casework never imports complaints, yet an enquiry raised as a
complaint links to it for those who may see the complaint. Each app registers a provider
(in its AppConfig.ready), the page asks for the links when it is shown, and each provider
decides, through its own selectors, who may see which link (nothing, not even that there
is one, for anyone else)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from protocol.models import User


@dataclass(frozen=True)
class RelatedLink:
    """One link: words before it, the record's reference (the link's text), its address,
    and words after it."""

    lead: str
    reference: str
    url: str
    note: str = ""


# (the person looking, the reference of the record on the page) -> the links they may see
Provider = Callable[[User, str], Iterable[RelatedLink]]

_PROVIDERS: dict[str, dict[str, Provider]] = {}


def register(*, page: str, name: str, provider: Provider) -> None:
    """Add a provider of links for pages about `page` (e.g. "enquiry"); once per name,
    however often an app is readied."""
    _PROVIDERS.setdefault(page, {})[name] = provider


def links_for(user: User, page: str, reference: str) -> list[RelatedLink]:
    """The links the registered providers give this person on this record's page."""
    return [link for provider in _PROVIDERS.get(page, {}).values()
            for link in provider(user, reference)]
