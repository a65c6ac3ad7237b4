"""The subject access export as a page: the JSON document turned into nested summary
lists, so that what the Monitoring Officer reads is exactly what is downloaded."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Node:
    """One value: `text`, `bullets` (a list of texts), `cards` (a list of records) or
    `fields` (a record: labelled values)."""

    kind: str
    text: str = ""
    items: list[Node] = field(default_factory=list)
    fields: list[tuple[str, Node]] = field(default_factory=list)


def label(key: str) -> str:
    """A key as a label: "due_on" -> "Due on"."""
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def present(value: Any) -> Node:
    """A value of the export as a node to render; empty fields are left off the page."""
    if isinstance(value, dict):
        return Node("fields", fields=[(label(k), present(v)) for k, v in value.items()
                                      if not _empty(v)])
    if isinstance(value, list | tuple):
        items = [present(v) for v in value]
        if all(item.kind == "text" for item in items):
            return Node("bullets", items=items)
        return Node("cards", items=items)
    return Node("text", text=_text(value))
