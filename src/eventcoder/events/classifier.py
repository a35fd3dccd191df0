"""What a document reports: the ACLED event type and sub-event type of its main event, or NONE.

Two parts, each explainable. The rules (triggers, type cues, who acts: `event_types`) name a candidate type for
every trigger in the text; a linear model, learned from human-coded snippets (CASE 2021), weighs those candidates
against the words of the text and decides, NONE included (a text about an earthquake, a trial or a diplomatic row
reports no political violence). The model's weights ship in data/classifier.json and are rebuilt by
scripts/train_classifier.py; the features that decided a text are given back with its label.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..actors import ActorRegistry
from ..errors import DataFileError
from ..nlp import load_pipeline
from ..resources import read_table
from .. import syntax as roles
from .event_types import TypedTrigger, type_trigger
from ..taxonomy import DEMONSTRATION_TYPES, SUB_EVENT_TYPES
from .triggers import TriggerLexicon

NONE = "NONE"
MODEL_FILE = "classifier.json"
MAX_CHARS = 20_000
OVERRULE = 0.6  # the model's probability above which it overrules the rules' type
OVERRULE_NON_EVENT = 0.4  # the same for NONE, when the text has words of a non-event (an earthquake, a claim)


@dataclass
class Classification:
    """The main event type of one document and why."""

    doc_id: str
    event_type: str
    sub_event_type: str
    confidence: float
    trigger: str = ""
    evidence: str = ""  # the sentence of the deciding trigger
    rules: list[str] = field(default_factory=list)  # the rules that typed the trigger, then the model's top features

    def as_dict(self) -> dict:
        return {"doc_id": self.doc_id, "event_type": self.event_type, "sub_event_type": self.sub_event_type,
                "confidence": self.confidence, "trigger": self.trigger, "evidence": self.evidence,
                "rules": self.rules}


@dataclass(frozen=True)
class Candidate:
    """A trigger of the text, typed, and where it stands in the text."""

    typed: TypedTrigger
    sentence: int  # 0 for the first
    background: bool  # told as the past of another event ("after seizing Dabiq")

    @property
    def sub_event_type(self) -> str:
        return self.typed.sub_event_type

    @property
    def weight(self) -> int:
        """How strongly the rules hold it to be the text's main event: its priority, less for each sentence
        before it (news tells its main event first) and for being background; a protest's own trigger outranks
        the clashes, arrests and attacks told of it (a protest dispersed by force is coded as the protest)."""
        w = self.typed.match.rule.priority - 8 * self.sentence - (25 if self.background else 0)
        if self.typed.event_type in DEMONSTRATION_TYPES:
            w += 20
        return w


def candidates(doc: Doc, lexicon: TriggerLexicon, registry: ActorRegistry) -> list[Candidate]:
    """Every trigger of a short text told as fact, in text order, typed with the whole text as its context."""
    found = []
    for n, sent in enumerate(doc.sents):
        for match in lexicon.match(sent):
            # who protests is told as a noun ("to disperse the protesters"): the purpose clause is the police's
            participant = match.head.pos_ == "NOUN" and match.rule.event_type in DEMONSTRATION_TYPES
            if roles.is_negated(match.head) or (roles.is_irrealis(match.head) and not participant):
                continue
            typed = type_trigger(match, doc[:], lexicon, registry)
            found.append(Candidate(typed, n, roles.is_background(match.head)))
    return found


def main_candidate(found: list[Candidate]) -> Candidate | None:
    """The rules' guess at the main event: the candidate of most weight, the earlier on a tie."""
    if not found:
        return None
    return max(found, key=lambda c: (c.weight, -c.sentence))


@lru_cache(maxsize=1)
def non_event_words() -> dict[str, str]:
    """lemma -> kind of text that reports no event (lang/en/non_event_words.tsv)."""
    return {row["word"].lower(): row["kind"] for row in read_table("non_event_words.tsv", ["word", "kind"])}


def features(doc: Doc | Span, found: list[Candidate],
             word: Callable[[Token], str] = lambda t: t.lemma_.lower()) -> list[str]:
    """What the model sees: the rules' candidates (all, and the main one), the kinds of non-event words, and the
    content words of the text, each by `word` (its lemma; the gate, before any parse, gives its form)."""
    out: list[str] = []
    kinds = non_event_words()
    main = main_candidate(found)
    if main is None:
        out.append("rule:none")
    else:
        out.append("main:" + main.sub_event_type)
        out.append("main_event:" + main.typed.event_type)
    for c in found:
        out.append("cand:" + c.sub_event_type)
        out.append("trig:" + c.typed.match.rule.id)
        if c.sentence == 0:
            out.append("first:" + c.sub_event_type)
    for token in doc:
        if token.is_alpha and not token.is_stop and len(token) > 2:
            lemma = word(token)
            out.append("w:" + lemma)
            if lemma in kinds:
                out.append("kind:" + kinds[lemma])
    return out


def choose(rule_label: str | None, probs: Sequence[float], labels: Sequence[str], feats: Sequence[str]) -> int:
    """The index of the label a document gets: the rules' type unless the model is sure of another; NONE needs
    less certainty where the text has words of a non-event kind (cross-validated on CASE 2021: 0.841 weighted F1
    for this, 0.837 for the rules alone; non-events left NONE 0.86 against 0.79 with one threshold)."""
    best = max(range(len(probs)), key=lambda j: (probs[j], -j))
    if rule_label is None or rule_label == NONE or rule_label not in labels:
        return best
    threshold = OVERRULE
    if labels[best] == NONE and any(f.startswith("kind:") for f in feats):
        threshold = OVERRULE_NON_EVENT
    return best if probs[best] >= threshold else labels.index(rule_label)


class LinearModel:
    """A multinomial logistic regression over binary features: labels, a weight per (feature, label), biases."""

    def __init__(self, labels: list[str], weights: dict[str, list[float]], bias: list[float], meta: dict) -> None:
        self.labels = labels
        self.weights = weights
        self.bias = bias
        self.meta = meta

    def scores(self, feats: Iterable[str]) -> list[float]:
        """Probabilities per label; each feature counts once, scaled as in training (unit-length rows)."""
        present = [f for f in dict.fromkeys(feats) if f in self.weights]
        norm = math.sqrt(len(present)) or 1.0
        z = list(self.bias)
        for f in present:
            for j, w in enumerate(self.weights[f]):
                z[j] += w / norm
        top = max(z)
        exp = [math.exp(v - top) for v in z]
        total = sum(exp)
        return [v / total for v in exp]

    def explain(self, feats: Iterable[str], label: str, n: int = 3) -> list[str]:
        """The features that spoke most for `label`."""
        j = self.labels.index(label)
        present = [f for f in dict.fromkeys(feats) if f in self.weights]
        return [f for f in sorted(present, key=lambda f: -self.weights[f][j])[:n] if self.weights[f][j] > 0]

    @classmethod
    def load(cls, name: str = MODEL_FILE) -> "LinearModel":
        path = resources.files("eventcoder.data").joinpath(name)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(data["labels"], data["weights"], data["bias"], data.get("meta", {}))
        except (OSError, ValueError, KeyError) as e:
            raise DataFileError(name, 0, f"cannot read the classifier model ({e}); rebuild it with "
                                         "scripts/train_classifier.py") from None

    def to_json(self) -> str:
        data = {"meta": self.meta, "labels": self.labels, "bias": [round(b, 5) for b in self.bias],
                "weights": {f: [round(w, 5) for w in ws] for f, ws in sorted(self.weights.items())}}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def train(examples: Sequence[list[str]], labels: Sequence[str], *, l2: float = 1e-3, steps: int = 300,
          min_count: int = 2, meta: dict | None = None) -> LinearModel:
    """Fit the model by full-batch Adam on the softmax loss with an L2 penalty; deterministic (no sampling).

    Features seen in fewer than `min_count` examples are left out: a word that one snippet has says nothing
    about the next. Rule features (all but words) are kept however rare.
    """
    counts = Counter(f for ex in examples for f in set(ex))
    vocab = sorted(f for f, c in counts.items() if c >= min_count or not f.startswith("w:"))
    index = {f: i for i, f in enumerate(vocab)}
    classes = sorted(set(labels))
    x = np.zeros((len(examples), len(vocab)))
    for i, ex in enumerate(examples):
        cols = [index[f] for f in set(ex) if f in index]
        if cols:
            x[i, cols] = 1.0 / math.sqrt(len(cols))
    y = np.eye(len(classes))[[classes.index(label) for label in labels]]
    w = np.zeros((len(vocab), len(classes)))
    b = np.zeros(len(classes))
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for t in range(1, steps + 1):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        gw = x.T @ (p - y) / len(labels) + l2 * w
        gb = (p - y).mean(axis=0)
        for param, grad, m, v in ((w, gw, moments[0], moments[1]), (b, gb, moments[2], moments[3])):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad ** 2
            param -= 0.05 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    weights = {f: w[i].tolist() for f, i in index.items() if np.abs(w[i]).max() >= 1e-4}
    return LinearModel(classes, weights, b.tolist(), meta or {})


class DocumentClassifier:
    """Types documents by their main event. Build once (it loads the spaCy model and the weights); call per batch.

    >>> c = DocumentClassifier()
    >>> r = c.classify_one("Rebels captured the town of Azaz on 3 May 2016 after heavy fighting.")
    >>> r.event_type, r.sub_event_type
    ('Battles', 'Non-state actor overtakes territory')
    """

    def __init__(self, *, nlp: Language | None = None, registry: ActorRegistry | None = None,
                 lexicon: TriggerLexicon | None = None, model: LinearModel | None = None) -> None:
        self.nlp = nlp or load_pipeline()
        self.registry = registry or ActorRegistry()
        self.lexicon = lexicon or TriggerLexicon()
        self.model = model or LinearModel.load()

    def classify(self, texts: Iterable[tuple[str, str]], *, batch_size: int = 32) -> Iterator[Classification]:
        """A Classification for each (doc_id, text), in order."""
        pairs = ((text[:MAX_CHARS], doc_id) for doc_id, text in texts)
        for doc, doc_id in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self.decide(doc_id, doc)

    def classify_one(self, text: str, doc_id: str = "") -> Classification:
        return next(self.classify([(doc_id, text)]))

    def decide(self, doc_id: str, doc: Doc) -> Classification:
        found = candidates(doc, self.lexicon, self.registry)
        feats = features(doc, found)
        probs = self.model.scores(feats)
        main = main_candidate(found)
        best = choose(main.sub_event_type if main else None, probs, self.model.labels, feats)
        label = self.model.labels[best]
        explained = [f"MODEL:{f}" for f in self.model.explain(feats, label)]
        if label == NONE:
            return Classification(doc_id, NONE, NONE, round(probs[best], 3), rules=explained)
        # the evidence: the strongest trigger whose type is the label, else the model's word alone
        chosen = main_candidate([c for c in found if c.sub_event_type == label])
        trigger, evidence, rules = "", "", []
        if chosen is not None:
            typed = chosen.typed
            trigger, evidence, rules = typed.text, typed.match.tokens[0].sent.text, list(typed.rules)
        return Classification(doc_id, SUB_EVENT_TYPES[label], label, round(probs[best], 3), trigger, evidence,
                              rules + explained)
