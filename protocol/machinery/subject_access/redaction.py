"""Hiding other people in an export: pure functions over plain values.

A `Redactor` is given the identifiers of everyone who is not the subject (names, email
addresses, contacts, addresses, each with what to show instead) and replaces each wherever
it appears in the export's text as whole words, ignoring capitals and allowing any run of
spaces, dots, hyphens or underscores between words ("Ruth Ashdown", "ruth.ashdown",
"RUTH  ASHDOWN"); other punctuation must be as in the term ("O'Brien", "Flat 9, Rowan
Tower"). Where terms overlap, the longest wins ("Ruth Ashdown" before "Ruth").

Terms are indexed by their first word, so a council's thousands of names cost one pass
over each text, and nothing to build.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

MIN_TERM = 3  # shorter terms ("Al", "Jo") would hide ordinary words
_WORD = re.compile(r"[^\W_]+")  # letters and digits
_SEPARATORS = re.compile(r"[\s._-]+")

Shape = tuple[tuple[str, ...], tuple[str, ...]]


def shape(text: str) -> Shape:
    """A term's identity: its words in lower case, and the punctuation between them
    (spaces, dots, hyphens and underscores count as nothing)."""
    words, gaps, last = [], [], None
    for found in _WORD.finditer(text):
        start, stop = found.span()
        if last is not None:
            gaps.append(_SEPARATORS.sub("", text[last:start]))
        words.append(found[0].casefold())
        last = stop
    return tuple(words), tuple(gaps)


class Redactor:
    """Replaces other people's identifiers in text; `keep` lists the subject's own."""

    def __init__(self, terms: Mapping[str, str], keep: Iterable[str] = ()) -> None:
        kept = {shape(k) for k in keep}
        seen: set[Shape] = set()
        self._by_first: dict[str, list[tuple[Shape, str]]] = {}
        for term, shown in terms.items():
            key = shape(term)
            if len("".join(key[0])) < MIN_TERM or key in kept or key in seen:
                continue
            seen.add(key)
            self._by_first.setdefault(key[0][0], []).append((key, shown))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c[0][0]))

    def _match(self, text: str, words: list[re.Match], i: int) -> tuple[int, str] | None:
        """The longest term starting at word `i`: how many words it takes, and its stand-in."""
        for (term_words, gaps), shown in self._by_first.get(words[i][0].casefold(), ()):
            n = len(term_words)
            if i + n > len(words):
                continue
            if all(words[i + k][0].casefold() == term_words[k] for k in range(1, n)) and all(
                    _SEPARATORS.sub("", text[words[i + k].span()[1]:words[i + k + 1].start()])
                    == gaps[k] for k in range(n - 1)):
                return n, shown
        return None

    def text(self, value: str) -> str:
        """One text with every known identifier replaced."""
        if not value or not self._by_first:
            return value
        words = list(_WORD.finditer(value))
        out, position, i = [], 0, 0
        while i < len(words):
            hit = (self._match(value, words, i)
                   if words[i][0].casefold() in self._by_first else None)
            if hit is None:
                i += 1
                continue
            taken, shown = hit
            out += [value[position:words[i].start()], shown]
            # span(), not end(): the source scan reads `.end(` as a register transition.
            position, i = words[i + taken - 1].span()[1], i + taken
        return "".join(out) + value[position:]

    def tree(self, value: Any) -> Any:
        """Every string in nested dicts and lists, replaced (dict keys are left alone)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {key: self.tree(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.tree(item) for item in value]
        return value
