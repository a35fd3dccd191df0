"""Reading control statements: who a sentence says holds a place, without telling an event.

"ISIL-held Hajin", "the Islamic State still controlled the villages of X", "X, the last stronghold in ISIL's grip",
"the loss of X": the cue words are data (`lang/en/control_cues.tsv`); reading who and where off the parse is code,
here. The control stage dates each statement and turns it into a `ControlClaim` (eventcoder.control.claims).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from spacy.tokens import Span, Token

from ..actors import Actor, ActorMention
from ..errors import DataFileError
from ..lang import word_set
from ..places import GazetteerEntry, PlaceMention
from ..places.location import is_area
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
    winner: Actor | None = None  # who a loss was to, where the sentence says: "lost X to Russian forces"


class ControlReader:
    """Reads control statements off a parsed sentence, given its place and actor mentions."""

    def __init__(self, cues: Iterable[ControlCue] | None = None) -> None:
        self.cues = tuple(cues if cues is not None else load_cues())
        self._verbs = _cue_words(self.cues, "verb")
        self._nouns = _cue_words(self.cues, "noun")
        self._phrases = _cue_words(self.cues, "phrase")
        self._compound_cue = next((c for c in self.cues if c.form == "compound"), None)
        self._compound = _compound_pattern(self.cues)

    def cue_lemmas(self) -> frozenset[str]:
        """The lemmas a statement of control needs one of (a verb of holding, a noun of loss or of a holding
        phrase); a compound cue ("ISIL-held") is found in the text by `has_compound`."""
        return frozenset(self._verbs) | frozenset(self._nouns) | frozenset(self._phrases)

    def has_compound(self, text: str) -> bool:
        return self._compound is not None and self._compound.search(text) is not None

    def read(self, sent: Span, places: list[PlaceMention], mentions: list[ActorMention],
             holder_of: Callable[[Token], Actor | None]) -> list[ControlStatement]:
        """Every (place, holder) the sentence states. `holder_of(token)` gives the actor a token's phrase names
        (a mention, a pronoun the narrative resolves), or None."""
        # a place named for itself, not as an area ("the southern Aleppo countryside" is not Aleppo)
        named = [p for p in places if not p.reference and not p.container and not is_area(p, sent.text)]
        if not named:
            return []
        found: list[ControlStatement] = []
        for token in sent:
            found.extend(self._word_statements(token, named, holder_of))
        if self._compound is not None:
            found.extend(self._compound_statements(sent, named, holder_of))
        return _unique(found)

    def _word_statements(self, token: Token, named: list[PlaceMention],
                         holder_of: Callable[[Token], Actor | None]) -> list[ControlStatement]:
        """The statements a cue word makes: a verb of holding, a noun of loss, or a noun of a holding phrase."""
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") and lemma in self._verbs:
            return self._verb(token, self._verbs[lemma], named, holder_of)
        if token.pos_ in ("NOUN", "PROPN") and lemma in self._nouns:
            return self._noun(token, self._nouns[lemma], named, holder_of)
        if token.pos_ in ("NOUN", "PROPN") and lemma in self._phrases:
            return self._phrase(token, self._phrases[lemma], named, holder_of)
        return []

    def _compound_statements(self, sent: Span, named: list[PlaceMention],
                             holder_of: Callable[[Token], Actor | None]) -> list[ControlStatement]:
        """The holder's participle modifies the noun the places are in: "ISIL-held Hajin", "the
        government-controlled town of Mahin", "the YPG controlled town of Tell Abyad"."""
        found: list[ControlStatement] = []
        base = sent.start_char
        cue = self._compound_cue
        for m in self._compound.finditer(sent.text):
            token = next((t for t in sent if t.idx - base >= m.start() + 1), None)
            holder_token = next((t for t in reversed(sent) if t.idx - base < m.start()), None)
            if token is None or holder_token is None:
                continue
            if m.group(0)[0].isspace() and (token.dep_ != "amod" or holder_token.head.i != token.i):
                continue  # "ISIL held the town" is a verb's statement; "the YPG controlled town" a compound's
            holder = holder_of(holder_token)
            if holder is None:
                continue
            noun = token.head if token.head.i != token.i else token
            scope = {t.i for t in noun.subtree}
            found.extend(ControlStatement(p.entry, holder, cue.kind, cue.id, m.group(0).lstrip("-‐"))
                         for p in named if p.root.i in scope and p.start >= m.end())
        return found

    def _verb(self, verb: Token, cue: ControlCue, named: list[PlaceMention],
              holder_of: Callable[[Token], Actor | None]) -> list[ControlStatement]:
        if roles.is_negated(verb) or roles.is_irrealis(verb):
            return []
        holder_token, scope_root = _verb_holder_and_object(verb)
        if holder_token is None or scope_root is None:
            return []
        holder = holder_of(holder_token)
        if holder is None:
            return []
        held = _mention_tokens(holder_token)
        # passive: "the areas controlled by ISIL – the pocket with Hajin": the places the modified noun lists
        scope = {t.i for t in scope_root.subtree} - held
        winner = _winner(verb, holder_of) if cue.kind == "lost" else None
        return [ControlStatement(p.entry, holder, cue.kind, cue.id, verb.text, winner) for p in named
                if p.root.i in scope and _is_held_object(p.root, scope_root)]

    def _noun(self, noun: Token, cue: ControlCue, named: list[PlaceMention],
              holder_of: Callable[[Token], Actor | None]) -> list[ControlStatement]:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in word_set("lost_place_preps")), None)
        if of is None:
            return []
        scope = {t.i for t in of.subtree}
        places = [p for p in named if p.root.i in scope]
        if not places:
            return []
        holder_token = _loser_token(noun, scope)
        holder = holder_of(holder_token) if holder_token is not None else None
        if holder is None:
            return []
        return [ControlStatement(p.entry, holder, cue.kind, cue.id, noun.text) for p in places]

    def _phrase(self, noun: Token, cue: ControlCue, named: list[PlaceMention],
                holder_of: Callable[[Token], Actor | None]) -> list[ControlStatement]:
        if roles.is_negated(noun) or roles.is_irrealis(noun):
            return []
        holder_token, holder = _phrase_holder(noun, holder_of)
        if holder is None:
            return self._in_control(noun, cue, named, holder_of)
        # the places the phrase is said of: named before it in the same clause ("Hajin remained under ISIL
        # control", "leaving Marashidah as the last stronghold in ISIL's grip")
        verb = roles.clause_verb(noun)
        clause = {t.i for t in verb.subtree}
        held = _mention_tokens(holder_token)
        kind = "lost" if _outside(noun) else cue.kind  # "out of SAA control": the holder no longer holds it
        return [ControlStatement(p.entry, holder, kind, cue.id, noun.text) for p in named
                if p.root.i in clause and p.root.i < noun.i and p.root.i not in held]


    def _in_control(self, noun: Token, cue: ControlCue, named: list[PlaceMention],
                    holder_of: Callable[[Token], Actor | None]) -> list[ControlStatement]:
        """The subject is in the phrase, the places after it: "Ukrainian troops were in control of Lyman",
        "the rebels remained in control of the crossing"."""
        prep = noun.head
        if (noun.dep_ != "pobj" or prep.lower_ not in word_set("in_control_preps") or prep.dep_ != "prep"
                or prep.head.lemma_.lower() not in word_set("in_control_verbs")):
            return []
        holder_token = _child(prep.head, "nsubj")
        holder = holder_of(holder_token) if holder_token is not None else None
        if holder is None:
            return []
        scope = {t.i for c in noun.children if c.dep_ == "prep" and c.lower_ in word_set("controlled_place_preps")
                 for t in c.subtree}
        return [ControlStatement(p.entry, holder, cue.kind, cue.id, noun.text) for p in named
                if p.root.i in scope]


def _outside(noun: Token) -> bool:
    """Whether a phrase of holding is said to be left: "out of SAA control", "free of ISIL control", "outside
    government control"."""
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    outside = word_set("outside_control_words")
    return prep.lower_ in outside or (prep.lower_ == "of" and prep.head.lower_ in outside)


def _cue_words(cues: tuple[ControlCue, ...], form: str) -> dict[str, ControlCue]:
    """word -> the cue of that form it belongs to."""
    return {w: c for c in cues if c.form == form for w in c.words}


def _compound_pattern(cues: tuple[ControlCue, ...]) -> re.Pattern | None:
    """The participles of the compound cues, written after a hyphen ("-held"); None when there are none."""
    compound = [w for c in cues if c.form == "compound" for w in c.words]
    if not compound:
        return None
    # "ISIL-held", and written apart ("the YPG controlled town"), which the parse must then read as a modifier
    return re.compile(r"(?:[-‐]|(?<=\w) )(?:" + "|".join(map(re.escape, sorted(compound))) + r")\b", re.IGNORECASE)


def _verb_holder_and_object(verb: Token) -> tuple[Token | None, Token | None]:
    """Who holds and what is held by a verb of holding: its "by" agent and the noun its participle modifies
    ("the areas controlled by ISIL"), else its subject (a conjunct's shared one) and its direct object."""
    agent = _agent_of(verb)
    if agent is not None:
        return agent, verb.head if verb.dep_ == "acl" else verb
    holder_token = _child(verb, "nsubj")
    if holder_token is None and verb.dep_ == "conj":
        holder_token = _child(verb.head, "nsubj")
    if holder_token is None and verb.dep_ == "xcomp":
        holder_token = roles.raised_subject(verb)  # "the army acknowledged losing X": the army lost it
    return holder_token, _child(verb, "dobj")


def _agent_of(verb: Token) -> Token | None:
    """The passive verb's agent: the parse's own agent, else the object of a "by" phrase."""
    agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
    if agent is not None:
        return agent
    return next((p for c in verb.children if c.dep_ == "prep" and c.lower_ in word_set("agent_preps")
                 for p in c.children if p.dep_ == "pobj"), None)


def _child(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def _winner(verb: Token, holder_of: Callable[[Token], Actor | None]) -> Actor | None:
    """Whom a verb of loss says the place went to: "lost control of X to Russian forces", "lost the town to ISIL"."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in word_set("lost_to_preps"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return holder_of(obj)
    return None


def _loser_token(noun: Token, scope: set[int]) -> Token | None:
    """Who lost the place a noun of loss is said of: a possessive ("ISIL's loss of Hajin"), else whom the loss was
    told against or for (outside the place's own words, `scope`)."""
    holder_token = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder_token is not None:
        return holder_token
    verb = roles.clause_verb(noun)
    for t in verb.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in word_set("loser_preps") and t.i not in scope:
            return t
    return None


def _phrase_holder(noun: Token, holder_of: Callable[[Token], Actor | None]) -> tuple[Token | None, Actor | None]:
    """The holder a phrase of holding names: before the noun ("ISIL control", "ISIL's grip", "their grasp") or
    after it ("the last stronghold of ISIL", "in the hands of the army"); the first that names an actor."""
    candidates = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i]
    candidates += [p for c in noun.children if c.dep_ == "prep" and c.lower_ in word_set("holder_after_preps")
                   for p in c.children if p.dep_ == "pobj"]
    return next(((c, a) for c in candidates for a in [holder_of(c)] if a is not None), (None, None))


def _is_held_object(place: Token, top: Token) -> bool:
    """Whether a place stands as what a verb of holding holds: reached from `top` through the prepositions that
    may stand between ("the villages of X", "the pocket with X", "areas including X"), not others ("held talks
    in X", "lost fighters in X")."""
    node = place
    for _ in range(12):
        if node.i == top.i:
            return True
        if node.dep_ == "prep" and node.lower_ not in word_set("held_object_preps"):
            return False
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _mention_tokens(token: Token) -> set[int]:
    """The words of the name a token heads ("the Islamic State"), not what is set beside it ("ISIL – the pocket
    with Hajin")."""
    return {token.i} | {t.i for c in token.children if c.i < token.i for t in c.subtree}


def _unique(found: list[ControlStatement]) -> list[ControlStatement]:
    seen, out = set(), []
    for s in found:
        key = (s.entry, s.holder.id, s.kind)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
