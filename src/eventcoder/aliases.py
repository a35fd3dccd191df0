"""Matching a list of names in text: the alias grammar the data files share (actors.tsv, sources.tsv).

An alias is matched case-insensitively unless it starts with `=` ("=IS" must not match "is"); a case-sensitive
alias that starts in lower case also matches capitalised, as it would open a sentence ("the Army" / "The Army").
Where two aliases overlap, the longer wins; the first value given for an alias is kept.
"""
from __future__ import annotations

import re
from typing import Iterable


class AliasMatcher:
    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.insensitive: dict[str, str] = {}
        self.sensitive: dict[str, str] = {}
        for alias, value in pairs:
            if alias.startswith("="):
                self.sensitive.setdefault(alias[1:], value)
                if alias[1:2].islower():
                    self.sensitive.setdefault(alias[1:2].upper() + alias[2:], value)
            elif alias:
                self.insensitive.setdefault(alias.lower(), value)
        self._pattern_i = _alternation(self.insensitive, re.IGNORECASE)
        self._pattern_s = _alternation(self.sensitive, 0)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, value) of every alias in `text`, in text order, the longest where two overlap.

        >>> AliasMatcher([("=IS", "ISIL"), ("Islamic State", "ISIL")]).find("This is IS; the Islamic State.")
        [(8, 10, 'ISIL'), (16, 29, 'ISIL')]
        """
        found = []
        if self._pattern_i:
            found += [(m.start(), m.end(), self.insensitive[m.group().lower()]) for m in self._pattern_i.finditer(text)]
        if self._pattern_s:
            found += [(m.start(), m.end(), self.sensitive[m.group()]) for m in self._pattern_s.finditer(text)]
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        out: list[tuple[int, int, str]] = []
        last_end = -1
        for start, end, value in found:
            if start >= last_end:
                out.append((start, end, value))
                last_end = end
        return out

    def pairs(self) -> list[tuple[str, str]]:
        """The aliases back in the data files' grammar."""
        return list(self.insensitive.items()) + [("=" + a, v) for a, v in self.sensitive.items()]


def _alternation(aliases: dict[str, str], flags: int) -> re.Pattern | None:
    if not aliases:
        return None
    return re.compile(r"(?<![\w-])" + _trie_pattern(aliases) + r"(?!\w)", flags)


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for all the words, written as the trie of their letters ("al-(?:Nusra|Qaeda)").

    A plain alternation of a thousand aliases makes the regex engine try every one at every character; the trie
    tries each letter once. Its optional tails are greedy, so the longest alias that fits still wins, as it did in
    the alternation sorted longest first, and backtracking still gives up a tail that would end inside a word.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
