"""Which sentences the coder parses: those that may tell an event, a toll, a statement of control or a flashback.

Parsing is most of the time coding takes, and most sentences of a long narrative tell none of these ("The town lies
on the Euphrates."). The gate reads each sentence of the cheap first pass (`nlp.Prepass`: words, and every lemma a
word could have) for what each stage needs a sentence to contain before it can find anything in it:

- events: every word of some trigger (`TriggerLexicon.could_match`), or words the classifier reads as an event
  with at least half the confidence it needs (`model`);
- tolls: a figure the casualty reader finds in the text (it reads text, not the parse);
- control: a verb or noun of holding, or a compound cue ("ISIL-held");
- force on a crowd told after a protest: a word of crowd control or detention;
- the time stage: a heading (a line with no full stop, where `syntax.is_title` needs the parse), or the word "had",
  which can make a sentence a flashback that must not move the story's date (`syntax.is_past_perfect`);
- the narrative: the first sentence of a paragraph, which sets the scene its next sentences go on from ("On 7 May,
  in Volta Redonda, police went to a market. They were attacked."): where the place a later event falls back on
  is named, in full, with what only the parse tells of it (a neighbourhood of the town, not a place of its own).

A sentence with none of these is read lightly (`EventCoder._read_lightly`): its dates still move the story's clock
and its periods are kept, which need no parse; the places it names are remembered where the gazetteer knows them
(`PlaceSpotter.named_places`), and its countries' names vote as spaCy's entities would. What is lost: the names
only spaCy's entities show, and what only the parse says of a name (a person's, a neighbourhood's).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lang import word_set
from ..nlp import SENTENCE_STOPS, Prepass
from .classifier import features

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ..casualties import CasualtyReader
    from ..control.reader import ControlReader
    from ..time import TimexTagger
    from .classifier import LinearModel
    from .triggers import TriggerLexicon

# the classifier's confidence in an event type, as a share of what `EventCoder._model_trigger` needs, from which a
# sentence is parsed: the words the gate sees are forms, not the parse's lemmas, so it asks for less
MODEL_MARGIN = 0.5
FLASHBACK_WORDS = frozenset({"had", "'d"})  # the auxiliary of the past perfect


class SentenceGate:
    """Says, for a sentence of the first pass, why it is parsed: the first cue found, or "" where none is."""

    def __init__(self, prepass: Prepass, tagger: TimexTagger, lexicon: TriggerLexicon, casualties: CasualtyReader,
                 control: ControlReader, model: LinearModel, model_event: float, model_none: float,
                 none_label: str, excluded_labels: frozenset[str]) -> None:
        self.prepass = prepass
        self.tagger = tagger
        self.lexicon = lexicon
        self.casualties = casualties
        self.control = control
        self.control_lemmas = control.cue_lemmas()
        self.crowd_lemmas = word_set("crowd_force_lemmas") | word_set("detention_lemmas")
        self.model = model
        self.model_event = model_event * MODEL_MARGIN
        self.model_none = model_none + (1 - model_none) * MODEL_MARGIN
        self.none_label = none_label
        self.excluded_labels = excluded_labels

    def reason(self, sentence: Span) -> str:
        words = [t for t in sentence if not t.is_space]
        if not words:
            return ""
        if words[-1].text not in SENTENCE_STOPS:
            return "heading"
        forms = {t.lower_ for t in words}
        if forms & FLASHBACK_WORDS and self.tagger.mentions_time(sentence.text):
            return "flashback"  # the date of a flashback must not move the clock; one of no date moves nothing
        keys: set[str] = set().union(*(self.prepass.keys(form) for form in forms))
        if self.lexicon.could_match(keys) is not None:
            return "trigger"
        if not keys.isdisjoint(self.control_lemmas) or self.control.has_compound(sentence.text):
            return "control"
        if not keys.isdisjoint(self.crowd_lemmas):
            return "crowd"
        report = self.casualties.read(sentence.text, (), False)
        if report.claims or report.period_totals or report.injuries:
            return "toll"
        if self._model_reads_event(sentence):
            return "model"
        # (the token before, not Doc.text, which spaCy rebuilds from every token on each call)
        if sentence.start == 0 or sentence.doc[sentence.start - 1].text_with_ws.endswith("\n"):
            return "opening"  # the first of a paragraph sets the scene (where, who) its next sentences go on from
        return ""

    def _model_reads_event(self, sentence: Span) -> bool:
        # the classifier's features with each word's form for its lemma
        probs = dict(zip(self.model.labels, self.model.scores(features(sentence, [], word=lambda t: t.lower_))))
        best = max((p for label, p in probs.items() if label != self.none_label and label not in self.excluded_labels),
                   default=0.0)
        return best >= self.model_event and probs.get(self.none_label, 0.0) <= self.model_none
