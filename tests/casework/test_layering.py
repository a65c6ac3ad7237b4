"""Casework never depends on complaints: not in its code (import-linter's contract in
pyproject.toml, run by `make lint`), nor in its templates (here). A page that shows links
to another app's records asks protocol.machinery.related_links, where that app registered
what it contributes (AppConfig.ready)."""
from __future__ import annotations

import re
from pathlib import Path

from django.template.backends.django import get_installed_libraries

ROOT = Path(__file__).resolve().parents[2]


def test_casework_templates_never_load_a_complaints_tag():
    for path in (ROOT / "templates" / "casework").rglob("*.html"):
        text, libraries = path.read_text(), get_installed_libraries()
        loaded = {name for group in re.findall(r"{%\s*load\s+([\w\s]+?)\s*%}", text)
                  for name in group.split()}
        modules = {libraries.get(name, name) for name in loaded}
        assert not {m for m in modules if m.startswith("complaints")}, path
        assert not re.search(r"{%\s*(include|extends)\s+[\"']complaints/", text), path
