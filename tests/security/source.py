"""The project's own source, for the tests that read it (ast): which files, parsed."""
from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR).resolve()


def own_apps() -> list[str]:
    """The installed apps that are this project's (not Django's, not a library's, not
    the test suite's), as folders."""
    folders = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if (path.is_relative_to(BASE_DIR) and ".venv" not in path.parts
                and not config.name.startswith("tests")):
            folders.append(str(path.relative_to(BASE_DIR)))
    return sorted(folders)


def python_files(*patterns: str) -> Iterator[Path]:
    """The apps' files matching any of `patterns` (globs within an app), migrations aside."""
    for folder in own_apps():
        seen = set()
        for pattern in patterns:
            for path in sorted((BASE_DIR / folder).glob(pattern)):
                if "migrations" not in path.parts and path not in seen:
                    seen.add(path)
                    yield path


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def module_aliases(tree: ast.Module) -> set[str]:
    """Names a file binds to modules (`from casework import services`, `import csv`)."""
    from importlib.util import find_spec

    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                try:
                    spec = find_spec(f"{node.module}.{alias.name}")
                except (ImportError, ValueError):
                    spec = None
                if spec is not None:
                    names.add(alias.asname or alias.name)
    return names
