"""What the Content-Security-Policy must say, and a finder for the inline markup it would
refuse (ASVS 5.0 V3.4.3). Shared by tests/security and tests/config."""
from __future__ import annotations

from html.parser import HTMLParser

# The policy, directive by directive (config/settings/base.py).
POLICY = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'",
    "img-src": "'self'", "font-src": "'self'", "connect-src": "'self'",
    "form-action": "'self'", "frame-ancestors": "'none'", "base-uri": "'none'",
    "object-src": "'none'",
}
UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "*")


def parse_policy(header: str) -> dict[str, str]:
    """{directive: its sources} from a Content-Security-Policy header."""
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {words[0]: (words[1] if len(words) > 1 else "") for words in parts}


def assert_strict_policy(header: str) -> None:
    """The header says exactly the agreed policy, and allows nothing inline."""
    assert parse_policy(header) == POLICY, header
    for word in UNSAFE:
        assert word not in header.split(), f"{word} in {header}"


class _InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        # Inside a <script>: False while its body would run, True if it has a src or is a
        # data block (the browser ignores the body or never runs it); None outside one.
        self._script_with_src: bool | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "style":
            self.found.append("<style> element")
        if tag == "script":
            kind = (names.get("type") or "").strip().lower()
            # A data block (json_script's application/json) is never run: no policy applies.
            runs = kind in ("", "module") or "javascript" in kind or "ecmascript" in kind
            self._script_with_src = ("src" in names) if runs else True
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style attribute on <{tag}>")
            elif name.startswith("on"):
                self.found.append(f"{name} handler on <{tag}>")
            elif name in ("href", "src", "action", "formaction") and (value or "").strip() \
                    .lower().startswith("javascript:"):
                self.found.append(f"javascript: URL in {name} on <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_with_src = None

    def handle_data(self, data: str) -> None:
        if self._script_with_src is False and data.strip():
            self.found.append("inline <script> body")


def inline_markup(html: str) -> list[str]:
    """Every script body, <style>, style attribute, on* handler and javascript: URL."""
    finder = _InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.found
