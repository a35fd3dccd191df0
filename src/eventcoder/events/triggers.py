"""The trigger lexicon (lang/en/triggers.tsv), the type cues that sharpen it (lang/en/type_cues.tsv), and their matcher
over spaCy tokens."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..errors import DataFileError
from ..lang import word_set
from ..nlp import parse_memo
from ..resources import DataRow, read_table
from ..syntax import subjects_of
from ..taxonomy import ARMED_CLASH, BATTLES, EVENT_TYPES as ACLED_EVENT_TYPES, SUB_EVENT_TYPES

GAP = frozenset({"..."})  # in a lemma sequence: some words may come between
MAX_GAP = 4
DATE_ENTITIES = frozenset({"DATE", "TIME"})
COLUMNS = ["id", "lemmas", "event_type", "sub_event_type", "priority", "example", "negative"]
# the lexicon's own sub-types (see lang/en/triggers.tsv): "territory" is typed by who takes the place
# (eventcoder.events.event_types); "armed clash" is ACLED's Armed clash
TERRITORY = "territory"
LEXICON_SUB_TYPES = {TERRITORY: BATTLES, "armed clash": BATTLES}
LEXICON_SPELLINGS = {"armed clash": ARMED_CLASH}
# event type -> the sub-event types a trigger may code: ACLED's (data/acled_taxonomy.tsv) and the lexicon's own
EVENT_TYPES = {event: {*subs, *(own for own, of in LEXICON_SUB_TYPES.items() if of == event)}
               for event, subs in ACLED_EVENT_TYPES.items()}
CUE_COLUMNS = ["id", "cue", "refines", "becomes", "rank", "scope", "example"]
CUE_SCOPES = ("context", "object", "agent")


@dataclass(frozen=True)
class TypeCue:
    """A word that, in a trigger's sentence, changes the sub-event type it codes ("... with mortars": shelling)."""

    id: str
    phrases: tuple[tuple[frozenset[str], ...], ...]
    refines: frozenset[str]
    becomes: str
    rank: int
    scope: str  # context: the words around the trigger; object: the trigger's object; agent: who acts in it
    example: str


@dataclass(frozen=True)
class TriggerRule:
    id: str
    lemmas: tuple[frozenset[str], ...]  # each word: the lemmas or forms it may take
    event_type: str
    sub_event_type: str
    priority: int
    example: str
    negative: str

    @property
    def is_territory(self) -> bool:
        return self.sub_event_type == TERRITORY


@dataclass(frozen=True)
class TriggerMatch:
    rule: TriggerRule
    tokens: tuple[Token, ...]

    @property
    def head(self) -> Token:
        """The token that carries the trigger in the parse: the last word of a compound ("air strike")."""
        return self.tokens[-1]

    @property
    def text(self) -> str:
        doc = self.tokens[0].doc
        return doc[self.tokens[0].i:self.tokens[-1].i + 1].text


class TriggerLexicon:
    """The trigger rules, indexed by the first word each may start with, and the type cues in rank order."""

    def __init__(self) -> None:
        self.rules: list[TriggerRule] = [_trigger_rule(row) for row in read_table("triggers.tsv", COLUMNS, required=6)]
        self._by_first: dict[str, list[TriggerRule]] = {}
        for rule in self.rules:
            for first in rule.lemmas[0]:
                self._by_first.setdefault(first, []).append(rule)
        for rules in self._by_first.values():
            rules.sort(key=lambda r: len(r.lemmas), reverse=True)
        self.cues: list[TypeCue] = [_type_cue(row) for row in read_table("type_cues.tsv", CUE_COLUMNS, required=6)]
        self.cues.sort(key=lambda c: c.rank)

    def could_match(self, keys: set[str]) -> TriggerRule | None:
        """A rule whose every word is among `keys` (the lemmas and forms a sentence's words could have, and each
        with :verb and :noun), in any order: the sentence may tell its trigger, and needs the parse to say. None
        where no rule can match, whatever the parse."""
        for first in sorted(keys.intersection(self._by_first)):
            for rule in self._by_first[first]:
                if all(word == GAP or not word.isdisjoint(keys) for word in rule.lemmas[1:]):
                    return rule
        return None

    def refine(self, match: TriggerMatch, context: Span, sub_event_type: str,
               exclude: frozenset[int] = frozenset()) -> tuple[str, list[TypeCue]]:
        """The sub-event type the trigger's context tells, and the cues that told it (none: the trigger's own).

        Cues apply from the lowest rank up, each to what the one before made of the type, so a protest met with
        tear gas is a protest with intervention, and one where stones were thrown too a violent demonstration.
        Tokens in `exclude` are not read as cues (the words of another event the sentence tells).
        """
        words = [t for t in _content(context) if t.i not in exclude and not _negated_by_prefix(t)]
        doc_keys = token_keys(context.doc)
        scopes = {}
        for scope, where in (("context", words), ("object", [t for t in _object_words(match) if not t.is_punct]),
                             ("agent", [t for t in _agent_words(match) if not t.is_punct])):
            scopes[scope] = (where, [doc_keys[t.i] for t in where])
        used: list[TypeCue] = []
        for cue in self.cues:
            if sub_event_type not in cue.refines:
                continue
            where, keys = scopes[cue.scope]
            if any(_match_at(phrase, where, keys, i) for phrase in cue.phrases for i in range(len(where))):
                sub_event_type = cue.becomes
                used.append(cue)
        return sub_event_type, used

    def refine_told(self, sentence: Span, sub_event_type: str) -> tuple[str, list[TypeCue]]:
        """The sub-event type a sentence's own words tell of an event told before it ("The police dispersed them
        with tear gas" of a protest): the cues read on the whole sentence, with no trigger of its own."""
        words = [t for t in _content(sentence) if not _negated_by_prefix(t)]
        doc_keys = token_keys(sentence.doc)
        keys = [doc_keys[t.i] for t in words]
        used: list[TypeCue] = []
        for cue in self.cues:
            if cue.scope == "context" and sub_event_type in cue.refines and any(
                    _match_at(phrase, words, keys, i) for phrase in cue.phrases for i in range(len(words))):
                sub_event_type = cue.becomes
                used.append(cue)
        return sub_event_type, used

    def match(self, sent: Span) -> list[TriggerMatch]:
        """Every trigger in a sentence, longest first where two start on one word; hyphens are skipped."""
        words = _content(sent)
        doc_keys = token_keys(sent.doc)
        keys = [doc_keys[t.i] for t in words]
        out: list[TriggerMatch] = []
        used: set[int] = set()
        for i, token in enumerate(words):
            if token.i in used or token.ent_type_ in DATE_ENTITIES:
                continue  # "March 7" is a date, not a march
            for key in keys[i]:
                for rule in self._by_first.get(key, ()):
                    span = _match_at(rule.lemmas, words, keys, i)
                    if span:
                        out.append(TriggerMatch(rule, span))
                        used.update(t.i for t in span)
                        break
                else:
                    continue
                break
        return out


def _trigger_rule(row: DataRow) -> TriggerRule:
    """One row of triggers.tsv, checked: a known type, a numeric priority, gaps between words."""
    if row["event_type"] not in EVENT_TYPES:
        raise DataFileError(row.file, row.line, f"trigger {row['id']}: unknown event_type {row['event_type']!r}")
    if row["sub_event_type"] not in EVENT_TYPES[row["event_type"]]:
        raise DataFileError(row.file, row.line,
                            f"trigger {row['id']}: {row['sub_event_type']!r} is not a sub-event of {row['event_type']}")
    try:
        priority = int(row["priority"])
    except ValueError:
        raise DataFileError(row.file, row.line, f"trigger {row['id']}: priority must be a number") from None
    sub = LEXICON_SPELLINGS.get(row["sub_event_type"], row["sub_event_type"])
    words = _words(row["lemmas"])
    if _misplaced_gap(words):
        raise DataFileError(row.file, row.line, f"trigger {row['id']}: ... must stand between two words")
    return TriggerRule(row["id"], words, row["event_type"], sub, priority, row["example"], row.get("negative"))


def _type_cue(row: DataRow) -> TypeCue:
    """One row of type_cues.tsv, checked: ACLED sub-event types, a numeric rank, a known scope."""
    refines = frozenset(row["refines"].split("|"))
    unknown = [t for t in (*refines, row["becomes"]) if t not in SUB_EVENT_TYPES]
    if unknown:
        raise DataFileError(row.file, row.line, f"cue {row['id']}: {unknown[0]!r} is not an ACLED sub-event type")
    try:
        rank = int(row["rank"])
    except ValueError:
        raise DataFileError(row.file, row.line, f"cue {row['id']}: rank must be a number") from None
    if row["scope"] not in CUE_SCOPES:
        raise DataFileError(row.file, row.line, f"cue {row['id']}: scope must be one of {', '.join(CUE_SCOPES)}")
    phrases = tuple(_words(p) for p in row["cue"].split(",") if p.strip())
    if any(_misplaced_gap(words) for words in phrases):
        raise DataFileError(row.file, row.line, f"cue {row['id']}: ... must stand between two words")
    return TypeCue(row["id"], phrases, refines, row["becomes"], rank, row["scope"], row.get("example"))


def _object_words(match: TriggerMatch) -> list[Token]:
    """The words of what the trigger acts on: its direct object, or the subject of its passive."""
    head = match.head
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    found = [c for c in (*head.children, *verb.children) if c.dep_ in ("dobj", "nsubjpass")]
    return sorted({t for c in found for t in c.subtree}, key=lambda t: t.i)


def _agent_words(match: TriggerMatch) -> list[Token]:
    """The words of who acts in the trigger's clause: its subject, a "by" agent, or the trigger noun's modifiers."""
    return sorted({t for subject, _how in subjects_of(match.head) for t in subject.subtree}, key=lambda t: t.i)


def _negated_by_prefix(token: Token) -> bool:
    """A word that "non-" turns into its opposite ("non-violent protesters" are no violent ones)."""
    doc = token.doc
    for k in (token.i - 1, token.i - 2):  # the word before, over a hyphen
        if k < 0:
            return False
        if doc[k].text not in "-‐–":
            return doc[k].lower_ in word_set("negating_prefixes")
    return False


def _misplaced_gap(words: tuple[frozenset[str], ...]) -> bool:
    return words[0] == GAP or words[-1] == GAP or any(a == b == GAP for a, b in zip(words, words[1:]))


def _words(lemmas: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(w.split("|")) for w in lemmas.lower().split())


def _content(sent: Span) -> list[Token]:
    """The sentence's words, hyphens left out ("counter-attack" matches "counter attack")."""
    return [t for t in sent if not (t.is_punct and t.text in "-‐–")]


def _match_at(lemmas: tuple[frozenset[str], ...], words: list[Token], keys: list[tuple[str, ...]],
              i: int) -> tuple[Token, ...] | None:
    """The words of `words` from i on that spell `lemmas` (`keys[k]`: the forms of `words[k]`); a GAP lets up to
    MAX_GAP words come between ("took twelve passengers hostage"), within one clause."""
    if lemmas[0].isdisjoint(keys[i]):
        return None  # the common case, decided without building anything
    matched: list[Token] = []
    k = i
    j = 0
    while j < len(lemmas):
        if lemmas[j] == GAP:
            nxt = lemmas[j + 1]
            for skip in range(MAX_GAP + 1):
                if k + skip < len(words) and not nxt.isdisjoint(keys[k + skip]):
                    # the words between are the trigger's object, in its clause: no stop, and no verb of
                    # another act ("driving a vehicle carried out" is no "drove ... out")
                    if any((w.is_punct and w.text in ",;:") or w.pos_ == "VERB" for w in words[k:k + skip]):
                        return None
                    k += skip
                    break
            else:
                return None
            j += 1
            continue
        if k >= len(words) or lemmas[j].isdisjoint(keys[k]):
            return None
        matched.append(words[k])
        k += 1
        j += 1
    return tuple(matched)


def token_keys(doc: Doc) -> list[tuple[str, ...]]:
    """The forms (`_keys`) of every token of the Doc, by token index: read once a Doc, kept on it, since the
    trigger matcher and every type cue look at the same words many times over."""
    memo = parse_memo(doc)
    if memo.token_keys is None:
        memo.token_keys = [_keys(t) for t in doc]
    return memo.token_keys


def _keys(token: Token) -> tuple[str, ...]:
    """The forms a lexicon word may name this token by: its lemma, its form, and lemma:pos for nouns and verbs."""
    lemma = token.lemma_.lower()
    lower = token.lower_
    keys = (lemma, lower) if lemma != lower else (lemma,)
    if token.pos_ in ("NOUN", "VERB", "PROPN"):
        keys += (f"{lemma}:{'verb' if token.pos_ == 'VERB' else 'noun'}",)
    return keys
