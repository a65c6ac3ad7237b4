"""Reading the pages the way a browser does, for `make loadtest`'s simulated users: a form's
fields (with the CSRF token and the version the page showed), the enquiry links on a list,
the reference on the confirmation page. Standard library only: the simulated users run
under locust's gevent and must not import Django."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

REFERENCE = r"[A-Z]{2,5}-\d{4}-\d{3,}"
ENQUIRY_LINK = re.compile(rf'href="/enquiries/({REFERENCE})/"')
CONFIRMED_REFERENCE = re.compile(
    rf'govuk-panel__body">[^<]*<br>\s*<strong>({REFERENCE})</strong>')


@dataclass
class Form:
    """One <form>: where it posts and the values a browser would send unchanged."""

    action: str = ""
    method: str = "get"
    values: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)  # <select> name -> values
    radios: dict[str, list[str]] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(action=a.get("action", ""),
                                   method=a.get("method", "get").lower()))
        elif not self.forms:
            return
        elif tag == "input":
            self._input(self.forms[-1], a)
        elif tag == "select":
            self._select = a.get("name")
            self.forms[-1].options.setdefault(self._select or "", [])
        elif tag == "option" and self._select:
            form = self.forms[-1]
            form.options[self._select].append(a.get("value", ""))
            if "selected" in a or self._select not in form.values:
                form.values[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.forms[-1].values[self._textarea or ""] = ""

    @staticmethod
    def _input(form: Form, a: dict[str, str]) -> None:
        name, kind = a.get("name"), a.get("type", "text").lower()
        if not name or kind in {"submit", "button", "file"}:
            return
        if kind == "radio":
            form.radios.setdefault(name, []).append(a.get("value", ""))
            if "checked" in a:
                form.values[name] = a.get("value", "")
        elif kind == "checkbox":
            if "checked" in a:
                form.values[name] = a.get("value", "on")
        else:
            form.values[name] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1].values[self._textarea] += data


def post_forms(html: str) -> list[Form]:
    """The page's POST forms, in page order."""
    parser = _FormParser()
    parser.feed(html)
    return [form for form in parser.forms if form.method == "post"]


def post_form(html: str, with_field: str) -> Form | None:
    """The POST form that has a field named `with_field` (e.g. "subject", "version")."""
    wanted = [f for f in post_forms(html)
              if with_field in f.values or with_field in f.options or with_field in f.radios]
    return wanted[0] if wanted else None


def enquiry_references(html: str) -> list[str]:
    """The enquiries a list or queue page links to, in page order, each once."""
    return list(dict.fromkeys(ENQUIRY_LINK.findall(html)))


def confirmed_reference(html: str) -> str | None:
    """The reference the "Enquiry logged" panel shows the councillor."""
    match = CONFIRMED_REFERENCE.search(html)
    return match.group(1) if match else None
