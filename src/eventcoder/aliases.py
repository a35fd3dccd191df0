"""Matching a list of names in text: the alias grammar the data files share (actors.tsv, sources.tsv).

An alias is matched case-insensitively unless it starts with `=` ("=IS" must not match "is"); a case-sensitive
alias that starts in lower case also matches capitalised, as it would open a sentence ("the Army" / "The Army").
Where two aliases overlap, the longer wins (wherever it starts); the first value given for an alias is kept, or, with `keep_all`,
every value in the order given (`find_all`: an alias that names several things, for the caller to choose).
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from typing import Iterable


class AliasMatcher:
    def __init__(self, pairs: Iterable[tuple[str, str]], *, keep_all: bool = False) -> None:
        self.insensitive: dict[str, str] = {}
        self.sensitive: dict[str, str] = {}
        self._all: dict[tuple[bool, str], list[str]] = {}  # (case-sensitive, alias) -> every value, with keep_all
        for alias, value in pairs:
            keys = []
            if alias.startswith("="):
                keys = [alias[1:]] + ([alias[1:2].upper() + alias[2:]] if alias[1:2].islower() else [])
                table, sensitive = self.sensitive, True
            elif alias:
                keys, table, sensitive = [alias.lower()], self.insensitive, False
            for key in keys:
                table.setdefault(key, value)
                if keep_all:
                    values = self._all.setdefault((sensitive, key), [])
                    if value not in values:
                        values.append(value)
        self._pattern_i = _alternation(self.insensitive, re.IGNORECASE)
        self._pattern_s = _alternation(self.sensitive, 0)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, value) of every alias in `text`, in text order, the longest where two overlap.

        >>> AliasMatcher([("=IS", "ISIL"), ("Islamic State", "ISIL")]).find("This is IS; the Islamic State.")
        [(8, 10, 'ISIL'), (16, 29, 'ISIL')]
        """
        return [(start, end, (self.sensitive if sensitive else self.insensitive)[key])
                for start, end, sensitive, key in self._spans(text)]

    def find_all(self, text: str) -> list[tuple[int, int, list[str]]]:
        """(start, end, every value of the alias) for a matcher built with `keep_all`.

        >>> AliasMatcher([("the coalition", "A"), ("the coalition", "B")], keep_all=True).find_all("the Coalition")
        [(0, 13, ['A', 'B'])]
        """
        return [(start, end, self._all[(sensitive, key)]) for start, end, sensitive, key in self._spans(text)]

    def _spans(self, text: str) -> list[tuple[int, int, bool, str]]:
        found = []
        for pattern, sensitive in ((self._pattern_i, False), (self._pattern_s, True)):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                found.append((m.start(), m.end(), sensitive, m.group() if sensitive else m.group().lower()))
                # a longer alias may start inside this one ("the military police"): the search went past it
                for inner in _WORD_START.finditer(text, m.start() + 1, m.end()):
                    longer = pattern.match(text, inner.start())
                    if longer and longer.end() > m.end():
                        found.append((longer.start(), longer.end(), sensitive,
                                      longer.group() if sensitive else longer.group().lower()))
        # the longest of overlapping aliases wins ("the Military Police" is not "the military" and "police"), the
        # first of two as long
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        out: list[tuple[int, int, bool, str]] = []  # in text order: kept spans overlap none, so their ends rise too
        for span in found:
            before = bisect_left(out, (span[1],))  # the spans kept that start before this one ends
            if not before or out[before - 1][1] <= span[0]:  # ... the last of which ends before it starts
                insort(out, span)
        return out

    def pairs(self) -> list[tuple[str, str]]:
        """The aliases back in the data files' grammar."""
        return list(self.insensitive.items()) + [("=" + a, v) for a, v in self.sensitive.items()]


_WORD_START = re.compile(r"(?<=\s)\w")


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
