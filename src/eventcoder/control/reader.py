"""Reading control statements: who a sentence says holds a place, without telling an event.

"ISIL-held Hajin", "the Islamic State still controlled the villages of X", "X, the last stronghold in ISIL's grip",
"the loss of X": the cue words are data (`lang/en/control_cues.tsv`); reading who and where off the parse is code,
here. The coder dates each statement and turns it into a `ControlClaim` (see eventcoder.control).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from spacy.tokens import Span, Token

from ..actors import Actor, ActorMention
from ..errors import DataFileError
from ..places import GazetteerEntry, PlaceMention
from ..resources import read_table
from .. import syntax as roles

KINDS = ("held", "lost")
FORMS = ("verb", "compound", "phrase", "noun")


@dataclass(frozen=True)
class ControlCue:
    id: str
    kind: str
    form: str
    words: frozenset[str]
    example: str
    negative: str


@lru_cache(maxsize=1)
def load_cues() -> tuple[ControlCue, ...]:
    cues = []
    for row in read_table("control_cues.tsv", ["id", "kind", "form", "words", "example", "negative"], required=5):
        if row["kind"] not in KINDS:
            raise DataFileError(row.file, row.line, f"kind {row['kind']!r} is not one of {', '.join(KINDS)}")
        if row["form"] not in FORMS:
            raise DataFileError(row.file, row.line, f"form {row['form']!r} is not one of {', '.join(FORMS)}")
        cues.append(ControlCue(row["id"], row["kind"], row["form"], frozenset(row["words"].lower().split("|")),
                               row["example"], row.get("negative")))
    return tuple(cues)


@dataclass(frozen=True)
class ControlStatement:
    """A sentence's word on who holds a place, as read; dated and turned into a claim by the coder."""

    entry: GazetteerEntry
    holder: Actor
    kind: str  # held | lost
    rule: str
    cue: str  # the cue's words in the text


class ControlReader:
    """Reads control statements off a parsed sentence, given its place and actor mentions."""

    def __init__(self, cues: Iterable[ControlCue] | None = None) -> None:
        self.cues = tuple(cues if cues is not None else load_cues())
        self._verbs = {w: c for c in self.cues if c.form == "verb" for w in c.words}
        self._nouns = {w: c for c in self.cues if c.form == "noun" for w in c.words}
        self._phrases = {w: c for c in self.cues if c.form == "phrase" for w in c.words}
        compound = [w for c in self.cues if c.form == "compound" for w in c.words]
        self._compound_cue = next((c for c in self.cues if c.form == "compound"), None)
        self._compound = re.compile(r"[-‐](?:" + "|".join(map(re.escape, sorted(compound))) + r")\b",
                                    re.IGNORECASE) if compound else None

    def read(self, sent: Span, places: list[PlaceMention], mentions: list[ActorMention],
             holder_of: Callable[[Token], Actor | None]) -> list[ControlStatement]:
        """Every (place, holder) the sentence states. `holder_of(token)` gives the actor a token's phrase names
        (a mention, a pronoun the narrative resolves), or None."""
        named = [p for p in places if not p.reference]
        if not named:
            return []
        found: list[ControlStatement] = []
        base = sent.start_char
        for token in sent:
            lemma = token.lemma_.lower()
            if token.pos_ in ("VERB", "AUX") and lemma in self._verbs:
                found.extend(self._verb(token, self._verbs[lemma], named, holder_of))
            elif token.pos_ in ("NOUN", "PROPN") and lemma in self._nouns:
                found.extend(self._noun(token, self._nouns[lemma], named, holder_of))
            elif token.pos_ in ("NOUN", "PROPN") and lemma in self._phrases:
                found.extend(self._phrase(token, self._phrases[lemma], named, holder_of))
        if self._compound is not None:
            for m in self._compound.finditer(sent.text):
                token = next((t for t in sent if t.idx - base >= m.start() + 1), None)
                holder_token = next((t for t in reversed(sent) if t.idx - base < m.start()), None)
                if token is None or holder_token is None:
                    continue
                holder = holder_of(holder_token)
                if holder is None:
                    continue
                # the holder's participle modifies the noun the places are in: "ISIL-held Hajin", "the
                # government-controlled town of Mahin"
                noun = token.head if token.head.i != token.i else token
                scope = {t.i for t in noun.subtree}
                for p in named:
                    if p.root.i in scope and p.start >= m.end() and not _is_area(p):
                        found.append(ControlStatement(p.entry, holder, self._compound_cue.kind,
                                                      self._compound_cue.id, m.group(0).lstrip("-‐")))
        return _unique(found)

    def _verb(self, verb: Token, cue: ControlCue, named: list[PlaceMention],
              holder_of: Callable[[Token], Actor | None]) -> list[ControlStatement]:
        if roles.is_negated(verb) or roles.is_irrealis(verb):
            return []
        agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
        if agent is None:
            agent = next((p for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"
                          for p in c.children if p.dep_ == "pobj"), None)
        if agent is not None:
            holder_token, scope_root = agent, verb.head if verb.dep_ == "acl" else verb
        else:
            holder_token = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            scope_root = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if holder_token is None and verb.dep_ == "conj":
                holder_token = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if holder_token is None or scope_root is None:
            return []
        holder = holder_of(holder_token)
        if holder is None:
            return []
        held = _mention_tokens(holder_token)
        # passive: "the areas controlled by ISIL – the pocket with Hajin": the places the modified noun lists
        scope = {t.i for t in scope_root.subtree} - held
        return [ControlStatement(p.entry, holder, cue.kind, cue.id, verb.text) for p in named
                if p.root.i in scope and not _is_area(p) and _is_held_object(p.root, scope_root)]

    def _noun(self, noun: Token, cue: ControlCue, named: list[PlaceMention],
              holder_of: Callable[[Token], Actor | None]) -> list[ControlStatement]:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None:
            return []
        scope = {t.i for t in of.subtree}
        places = [p for p in named if p.root.i in scope and not _is_area(p)]
        if not places:
            return []
        # who lost it: a possessive ("ISIL's loss of Hajin"), else whom the loss was told against or for
        holder_token = next((c for c in noun.children if c.dep_ == "poss"), None)
        if holder_token is None:
            verb = roles.clause_verb(noun)
            for t in verb.subtree:
                if t.dep_ == "pobj" and t.head.lower_ in ("against", "for", "to") and t.i not in scope:
                    holder_token = t
                    break
        holder = holder_of(holder_token) if holder_token is not None else None
        if holder is None:
            return []
        return [ControlStatement(p.entry, holder, cue.kind, cue.id, noun.text) for p in places]

    def _phrase(self, noun: Token, cue: ControlCue, named: list[PlaceMention],
                holder_of: Callable[[Token], Actor | None]) -> list[ControlStatement]:
        # the holder comes before the noun ("ISIL control", "ISIL's grip", "their grasp") or after it ("the last
        # stronghold of ISIL", "in the hands of the army")
        candidates = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i]
        candidates += [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                       for p in c.children if p.dep_ == "pobj"]
        holder_token, holder = next(((c, a) for c in candidates for a in [holder_of(c)] if a is not None),
                                    (None, None))
        if holder is None:
            return []
        if roles.is_negated(noun) or roles.is_irrealis(noun):
            return []
        # the places the phrase is said of: named before it in the same clause ("Hajin remained under ISIL
        # control", "leaving Marashidah as the last stronghold in ISIL's grip")
        verb = roles.clause_verb(noun)
        clause = {t.i for t in verb.subtree}
        held = _mention_tokens(holder_token)
        return [ControlStatement(p.entry, holder, cue.kind, cue.id, noun.text) for p in named
                if p.root.i in clause and p.root.i < noun.i and p.root.i not in held and not _is_area(p)]


# what may stand between a verb of holding and the place held: "the villages of X", "the pocket with X",
# "areas including X"; not "held talks in X", "lost fighters in X"
HELD_OBJECT_PREPS = frozenset({"of", "with", "including"})


def _is_held_object(place: Token, top: Token) -> bool:
    node = place
    for _ in range(12):
        if node.i == top.i:
            return True
        if node.dep_ == "prep" and node.lower_ not in HELD_OBJECT_PREPS:
            return False
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _mention_tokens(token: Token) -> set[int]:
    """The words of the name a token heads ("the Islamic State"), not what is set beside it ("ISIL – the pocket
    with Hajin")."""
    return {token.i} | {t.i for c in token.children if c.i < token.i for t in c.subtree}


def _is_area(p: PlaceMention) -> bool:
    return p.entry.is_area or p.container


def _unique(found: list[ControlStatement]) -> list[ControlStatement]:
    seen, out = set(), []
    for s in found:
        key = (s.entry, s.holder.id, s.kind)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
