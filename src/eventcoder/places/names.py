"""Folding place names so that transliterations of one name meet: Deir ez-Zor = Dayr az Zawr = Deir Ezzor."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Arabic articles as English spells them, standalone or hyphenated ("al-", "as-", "ash-", "el-", "ez-").
_ARTICLE = re.compile(r"\b(?:al|el|il|as|ash|ad|ar|an|at|az|ez|es|ed|er|en|et|ul|the)\s+")
# an article assimilated into one written word: "Ezzor", "Assafira"
_ASSIMILATED = re.compile(r"\b[ae]([dnrstz])(?=\1[aeiouy]\w)")
# spelling variants, applied in order, to one canonical form
# generic words spelled several ways ("Tell Abyad" = "Tal Abyad", "Jebel" = "Jabal" = "Mount")
_WORDS = {"tell": "tal", "tel": "tal", "albu": "abu", "abou": "abu", "kfar": "kafr", "jebel": "jabal",
          "jabel": "jabal", "mount": "jabal", "mt": "jabal", "ain": "ayn", "ein": "ayn", "saint": "st"}
_VARIANTS = [
    (re.compile(r"aw"), "o"),
    (re.compile(r"ou|oo|w(?=[^aeiouy])"), "u"),
    (re.compile(r"ee|ie(?!r)"), "i"),
    (re.compile(r"ei|ey|ai|ay"), "ay"),
    (re.compile(r"aw"), "o"),
    (re.compile(r"o"), "u"),
    (re.compile(r"e"), "i"),
    (re.compile(r"dh"), "d"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"q"), "k"),
    (re.compile(r"(?<=[aiuy])h\b"), ""),
    (re.compile(r"(\w)\1+"), r"\1"),
    (re.compile(r"(?<=\w\w)iy?[aiu]\b"), "iya"),  # Amiriyeh = Amiriyah = Amiriya = Amiria
    (re.compile(r"(?<=\w[^aiuy])[aiu]{1,2}\b"), "a"),  # Raqqa = Raqqah, Daraa = Dara; Darayya stays apart
]


def ascii_fold(name: str) -> str:
    """Lower case, no diacritics, no apostrophes or ayn/hamza marks."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[’'`ʿʾ‘]", "", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


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
        for pattern, repl in _VARIANTS:
            w = pattern.sub(repl, w)
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
GENERIC_WORDS = {
    "village": 1, "town": 1, "city": 1, "township": 1, "hamlet": 1, "settlement": 1, "subdistrict": 3,
    "sub district": 3, "district": 3, "county": 3, "parish": 3, "governorate": 3, "province": 3, "countryside": 3, "region": 3, "area": 3,
    "countryside of": 3, "outskirts": 2, "suburbs": 2, "airbase": 2, "air base": 2, "airport": 2,
    "military airport": 2, "base": 2, "camp": 2, "checkpoint": 2, "crossroads": 2, "junction": 2,
}
_GENERIC = re.compile(r"^(?:the\s+)?(?:(?:northern|southern|eastern|western|central|rural)\s+)?"
                      r"(?:(?P<pre>" + "|".join(sorted(GENERIC_WORDS, key=len, reverse=True)) + r")\s+of\s+)?"
                      r"(?P<core>.+?)(?:\s+(?P<post>" + "|".join(sorted(GENERIC_WORDS, key=len, reverse=True))
                      + r"))?$", re.IGNORECASE)


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
    direction = bool(re.match(r"(?:the\s+)?(?:northern|southern|eastern|western|central|rural)\s", name, re.I))
    return m.group("core"), max(GENERIC_WORDS.get(word, 1), 3 if direction else 1)
