"""The library's entry point: documents in, events out."""
from __future__ import annotations

from typing import Iterable, Iterator

from .documents import Document, as_document
from .events import DEFAULT_MIN_CONFIDENCE, EventCoder
from .merge import merge_events
from .model import Event

_coders: dict[float, EventCoder] = {}


def get_coder(*, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> EventCoder:
    """The process's coder for these options: the model and gazetteer load once, on first use."""
    if min_confidence not in _coders:
        shared = next(iter(_coders.values()), None)
        _coders[min_confidence] = EventCoder(
            nlp=shared.nlp if shared else None, gazetteer=shared.gazetteer if shared else None,
            registry=shared.registry if shared else None, min_confidence=min_confidence)
    return _coders[min_confidence]


def iter_extract(documents: Iterable[Document | str], *,
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Iterator[tuple[Document, list[Event]]]:
    """(document, its events) for each document, in input order; memory stays flat however many documents."""
    coder = get_coder(min_confidence=min_confidence)
    docs = (as_document(d, i) for i, d in enumerate(documents))
    for doc, events in coder.code(docs):
        yield doc, merge_events(events)


def extract(documents: Iterable[Document | str] | Document | str, *,
            min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[Event]:
    """Code conflict events from documents (strings or Documents).

    >>> events = extract("On 14 December 2018, the SDF captured Hajin from ISIL.")
    >>> [(e.event_date, e.actor1, e.actor2, e.location) for e in events]
    [('2018-12-14', 'SDF: Syrian Democratic Forces', 'Islamic State', 'Hajīn')]
    """
    if isinstance(documents, (str, Document)):
        documents = [documents]
    return [e for _, events in iter_extract(documents, min_confidence=min_confidence) for e in events]
