"""Language data: the words and patterns the stages read a language by, kept apart from the engine.

As in HeidelTime's resource files and spaCy's `lang/en/`, what is English lives in `lang/en/`: the trigger lexicon
and type cues (`triggers.tsv`, `type_cues.tsv`), date words and time rules (`date_words.tsv`, `timex_rules.tsv`),
control cues, quantities, and the word classes that engine code refers to by name. A word-class file
(`words_<theme>.tsv`: clause words, place words, casualty words, ...) is
tab-separated, one class a row, in one grammar:

    name <TAB> kind <TAB> entries <TAB> example <TAB> negative

- `words`: entries are comma-separated words or phrases, kept in the order given (`words(name)`).
- `map`: entries are comma-separated `key=value` pairs; a value `a|b` is several values (`mapping(name)`).
- `pattern`: entries are a regular expression (`pattern(name)`); `{other}` inserts the word class `other` as an
  alternation in its own order, each word escaped and its spaces read as any whitespace; flags go inline, e.g.
  `(?i)` at the start. `example` is text the pattern must find something in, `negative` text it must not. A
  pattern read on the words before a mention (one that ends in `$`) is tried on the example's text before `[`:
  "heavy fighting near [Raqqa]".

A class's example is checked by the tests: a pattern must find something in its example and nothing in its
negative; a word list's example must contain one of its words (for a class named `*_lemmas`, a word whose spaCy
lemma is one of them). The user's overlay (see eventcoder.resources) adds
words to a class of the same name, or replaces a pattern.

>>> from eventcoder.lang import word_set
>>> "announce" in word_set("reporting_lemmas")
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import DataFileError
from ..resources import LANGUAGE, read_table

KINDS = ("words", "map", "pattern")
COLUMNS = ["name", "kind", "entries", "example", "negative"]
WORD_CLASS_PREFIX = "words_"  # every file of a language named words_*.tsv is a word-class file; a class is found by name
_REFERENCE = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@dataclass(frozen=True)
class WordClass:
    """One row of a word-class file: a named list of words, a mapping or a pattern, with its examples."""

    name: str
    kind: str
    entries: str
    example: str
    negative: str
    file: str
    line: int

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(w.strip() for w in self.entries.split(",") if w.strip())

    @property
    def is_lemmas(self) -> bool:
        """A class named `*_lemmas` lists lemmas: its example is read through spaCy's lemmatiser."""
        return self.kind == "words" and self.name.endswith("_lemmas")

    def sample(self, text: str) -> str:
        """The part of an example or negative the class is tried on: for a pattern read on the words before a
        mention, the text before `[`; else the text without its brackets."""
        if self.kind == "pattern" and self.entries.endswith("$") and "[" in text:
            return text.split("[", 1)[0]
        return text.replace("[", "").replace("]", "")


@lru_cache(maxsize=1)
def word_classes() -> dict[str, WordClass]:
    """Every word class of the language, by name; an overlay row extends (or, for a pattern, replaces) a class."""
    found: dict[str, WordClass] = {}
    for file in word_class_files():
        for row in read_table(file, COLUMNS, required=3):
            if row["kind"] not in KINDS:
                raise DataFileError(row.file, row.line, f"kind {row['kind']!r} is not one of {', '.join(KINDS)}")
            cls = WordClass(row["name"], row["kind"], row["entries"], row.get("example"), row.get("negative"),
                            row.file, row.line)
            old = found.get(cls.name)
            if old is not None and old.file == cls.file:
                raise DataFileError(row.file, row.line, f"word class {cls.name!r} is defined twice")
            if old is not None and old.kind != cls.kind:
                raise DataFileError(row.file, row.line, f"word class {cls.name!r} is a {old.kind} in {old.file}")
            if old is not None and cls.kind != "pattern":  # the overlay adds words
                cls = WordClass(cls.name, cls.kind, old.entries + ", " + cls.entries, old.example, old.negative,
                                old.file, old.line)
            found[cls.name] = cls
    return found


def word_class_files() -> list[str]:
    """The word-class files of the language (resources.LANGUAGE), in name order."""
    folder = resources.files("eventcoder.lang").joinpath(LANGUAGE)
    return sorted(f.name for f in folder.iterdir() if f.name.startswith(WORD_CLASS_PREFIX) and f.name.endswith(".tsv"))


def word_class(name: str) -> WordClass:
    try:
        return word_classes()[name]
    except KeyError:
        raise DataFileError(f"lang/{LANGUAGE}/{WORD_CLASS_PREFIX}*.tsv", 0, f"no word class {name!r}") from None


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """The words of class `name`, in the order the data file gives them."""
    cls = _of_kind(name, "words")
    return cls.items


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """The words of class `name`, as a set to test membership against."""
    return frozenset(words(name))


@lru_cache(maxsize=None)
def mapping(name: str) -> dict[str, tuple[str, ...]]:
    """The `key=value` pairs of class `name`; each value a tuple (`a|b` gives two)."""
    cls = _of_kind(name, "map")
    out: dict[str, tuple[str, ...]] = {}
    for item in cls.items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise DataFileError(cls.file, cls.line, f"{item!r} in {name} is not key=value")
        out[key.strip()] = tuple(v.strip() for v in value.split("|") if v.strip())
    return out


@lru_cache(maxsize=None)
def pattern(name: str) -> re.Pattern:
    """The compiled pattern of class `name`, its `{class}` references filled in."""
    cls = _of_kind(name, "pattern")
    source = _REFERENCE.sub(lambda m: alternation(m.group(1)), cls.entries)
    try:
        return re.compile(source)
    except re.error as e:
        raise DataFileError(cls.file, cls.line, f"pattern {name} does not compile: {e}") from None


def alternation(name: str) -> str:
    """A word class as a regular-expression alternation, in its own order: `(?:w1|w2|...)`."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words(name)) + ")"


def _of_kind(name: str, kind: str) -> WordClass:
    cls = word_class(name)
    if cls.kind != kind:
        raise DataFileError(cls.file, cls.line, f"word class {name!r} is a {cls.kind}, not a {kind}")
    return cls
