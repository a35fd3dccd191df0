"""Folding place names so that transliterations of one name meet: Deir ez-Zor = Dayr az Zawr = Deir Ezzor."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..errors import DataFileError
from ..lang import alternation, mapping, pattern
from ..resources import read_table

# Arabic articles as English spells them, standalone or hyphenated ("al-", "as-", "ash-", "el-", "ez-")
_ARTICLE = pattern("folded_article")
# an article assimilated into one written word: "Ezzor", "Assafira"
_ASSIMILATED = pattern("assimilated_article")
# generic words spelled several ways ("Tell Abyad" = "Tal Abyad", "Jebel" = "Jabal" = "Mount")
_WORDS = {word: canonical[0] for word, canonical in mapping("spelling_words").items()}
SPELLINGS_FILE = "place_spellings.tsv"
# the language data that decides a name's key, and so what goes into the place index
WORD_CLASSES = ("folded_articles", "folded_article", "assimilated_article", "spelling_words")


def _spelling_rules() -> list[tuple[re.Pattern, str]]:
    """The letter rules of place_spellings.tsv, in order."""
    rules = []
    for row in read_table(SPELLINGS_FILE, ["pattern", "replacement", "note"], required=1):
        try:
            rules.append((re.compile(row["pattern"]), row["replacement"]))
        except re.error as e:
            raise DataFileError(row.file, row.line, f"pattern does not compile: {e}") from None
    return rules


# spelling variants, applied in order, to one canonical form
_VARIANTS = _spelling_rules()


def ascii_fold(name: str) -> str:
    """Lower case, no diacritics, no apostrophes or ayn/hamza marks."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[’'`ʿʾ‘]", "", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def written_form(name: str) -> str:
    """A name as written, less case, diacritics and its articles: "As Sūsah" and "Susah" are one written name,
    "Qana" and "Kano" (one key by the spelling rules) are not.

    >>> written_form("As Sūsah") == written_form("Susah") != written_form("Sousse")
    True
    """
    return re.sub(r"\s+", " ", _ARTICLE.sub(" ", ascii_fold(name) + " ")).strip()


@lru_cache(maxsize=1 << 16)  # the same names come back sentence after sentence
def fold_name(name: str) -> str:
    """The key a place name is indexed under: equal keys are the same name spelled differently.

    >>> fold_name("Deir ez-Zor") == fold_name("Dayr az Zawr") == fold_name("Deir Ezzor")
    True
    >>> fold_name("al-Baghuz Fawqani") == fold_name("Baghouz al-Fawqani")
    True
    >>> fold_name("Amiriyeh") == fold_name("Amiriyah")
    True
    """
    s = ascii_fold(name)
    s = _ASSIMILATED.sub("", s)
    s = _ARTICLE.sub("", s + " ").strip()
    words = []
    for w in s.split():
        if w.isdigit():
            words.append(w)
            continue
        w = _WORDS.get(w, w)
        for variant, repl in _VARIANTS:
            w = variant.sub(repl, w)
        words.append(w)
    return " ".join(w for w in words if w)


_SKELETON_DROP = re.compile(r"[aeiouyhw]")


def skeleton(key: str) -> str:
    """A looser key for a folded name: consonants only, q/k/g one letter, no spaces ("Gayyara" = "Qayyarah",
    "Kafr Nabl" = "Kafrnabl"). Names sharing a skeleton are candidates, never matches by themselves."""
    s = key.replace(" ", "").replace("g", "k").replace("j", "k")
    s = s[:1] + _SKELETON_DROP.sub("", s[1:])
    return re.sub(r"(\w)\1+", r"\1", s)


# words that say what kind of place a name is, not which: "Hajin town", "the village of Hajin", "Raqqa province".
# Each maps to the ACLED geo_precision that stripping it leaves: a town named inside its area is the town itself
# (1); an area named after its town is the area (3).
GENERIC_WORDS = {word: int(value[0]) for word, value in mapping("generic_place_words").items()}
_GENERIC_ALTERNATION = "|".join(sorted(GENERIC_WORDS, key=len, reverse=True))  # the longest first, spaces as written
_DIRECTIONS = alternation("area_directions")
_GENERIC = re.compile(r"^(?:the\s+)?(?:" + _DIRECTIONS + r"\s+)?"
                      r"(?:(?P<pre>" + _GENERIC_ALTERNATION + r")\s+of\s+)?"
                      r"(?P<core>.+?)(?:\s+(?P<post>" + _GENERIC_ALTERNATION + r"))?$", re.IGNORECASE)
_DIRECTION = re.compile(r"(?:the\s+)?" + _DIRECTIONS + r"\s", re.IGNORECASE)


def strip_generic(name: str) -> tuple[str, int] | None:
    """The name without a generic word, and the geo_precision that costs; None when there is none to strip.

    >>> strip_generic("the northern Deir ez-Zor countryside")
    ('Deir ez-Zor', 3)
    >>> strip_generic("Hajin town")
    ('Hajin', 1)
    """
    m = _GENERIC.match(name.strip())
    if not m or m.group("core") == name.strip():
        return None
    word = (m.group("post") or m.group("pre") or "").lower()
    direction = bool(_DIRECTION.match(name))
    return m.group("core"), max(GENERIC_WORDS.get(word, 1), 3 if direction else 1)
