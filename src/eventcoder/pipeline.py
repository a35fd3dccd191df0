"""The library's entry point: documents in, events out."""
from __future__ import annotations

import threading
import warnings
from collections import deque
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path
from typing import Iterable, Iterator

from .actors import ActorRegistry
from .documents import Document, as_document, clean_text
from .engines import Engine, LocalPool
from .events import DEFAULT_MIN_CONFIDENCE, EventCoder
from .events.classifier import Classification, DocumentClassifier
from .merge import merge_events
from .model import CodedDocument, Event
from .places import Gazetteer, Geocode
from .store import EventStore, IngestReport
from .time import MODES, TimeExpression, TimexTagger, year_hint

_coders: dict[float, EventCoder] = {}
_coders_lock = threading.Lock()  # a Dask worker may run tasks on several threads
CHUNK_CHARS = 200_000  # a worker's unit of work: large enough that shipping it costs little, small enough to share
CHUNK_DOCS = 32


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process's gazetteer: its index is compiled on first use (about half a minute), then opened."""
    return Gazetteer()


def get_coder(*, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> EventCoder:
    """The process's coder for these options: the model and gazetteer load once, on first use."""
    with _coders_lock:
        if min_confidence not in _coders:
            shared = next(iter(_coders.values()), None)
            _coders[min_confidence] = EventCoder(
                nlp=shared.nlp if shared else None, gazetteer=get_gazetteer(),
                registry=shared.registry if shared else None, min_confidence=min_confidence)
        return _coders[min_confidence]


def get_registry() -> ActorRegistry:
    """The process's actor registry (the coder's, once it is loaded)."""
    shared = next(iter(_coders.values()), None)
    return shared.registry if shared else _registry()


@lru_cache(maxsize=1)
def _registry() -> ActorRegistry:
    return ActorRegistry()


@dataclass(frozen=True)
class CodingOptions:
    """What a worker needs to know, besides the documents, to code them as this process would."""

    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    time_mode: str | None = None


def code_chunk(documents: list[Document], options: CodingOptions) -> list[CodedDocument]:
    """Code a chunk of documents in this process (a worker's task): each coded in full, its retellings merged.

    A document the coder fails on (a bug of ours, not the user's) comes back with its `error` set and no events,
    and costs the others nothing: the chunk is coded again one document at a time to find it.
    """
    coder = get_coder(min_confidence=options.min_confidence)
    try:
        return [CodedDocument(c.document, merge_events(c.events), c.casualty_totals, c.control_claims)
                for c in coder.code_full(documents, time_mode=options.time_mode)]
    except Exception as e:  # noqa: BLE001 - any failure is reported against the document, never the run
        if len(documents) > 1:
            return [c for doc in documents for c in code_chunk([doc], options)]
        return [CodedDocument(documents[0], [], [], [], error=f"could not be coded ({type(e).__name__}: {e}); "
                                                             "please report this document")]


def iter_code(documents: Iterable[Document | str], *, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
              time_mode: str | None = None, jobs: int = 1, engine: Engine | None = None) -> Iterator[CodedDocument]:
    """Each document coded in full, in input order: its events (each told once), its tolls over periods and its
    statements of who held which place. What `iter_extract` gives, and what the store keeps.

    `jobs` > 1 codes on that many processes of this machine, `engine` on the engine given (a `DaskCluster`); the
    events and their ids are the same either way. Input that makes a single chunk is coded in this process, since
    starting workers would cost more than it saves.
    """
    if time_mode is not None and time_mode not in MODES:
        raise ValueError(f"time_mode must be one of {', '.join(MODES)}")
    options = CodingOptions(min_confidence, time_mode)
    chunks = _chunks(as_document(d, i) for i, d in enumerate(documents))
    own = engine is None  # an engine made here is closed here; one given is the caller's to close
    if engine is None:
        head = list(islice(chunks, 2))
        if jobs <= 1 or len(head) < 2:
            engine = Engine()
        elif not LocalPool.can_start():
            warnings.warn("coding in this process: worker processes need the main program in a file",
                          RuntimeWarning, stacklevel=2)
            engine = Engine()
        else:
            get_gazetteer()  # build the index, if it is not built yet, here: not in every worker at once
            engine = LocalPool(jobs)
        chunks = chain(head, chunks)
    sent: deque[list[Document]] = deque()

    def send() -> Iterator[list[Document]]:
        for chunk in chunks:
            sent.append(chunk)
            yield chunk

    try:
        for coded in engine.map(code_chunk, send(), options):
            for doc, c in zip(sent.popleft(), coded):
                # the caller's own Document back, not a worker's copy of it
                yield c if c.document is doc else replace(c, document=doc)
    except BaseException:
        if own:
            engine.close(abort=True)  # an error, ^C, or a reader that stopped reading: do not finish the queue
        raise
    if own:
        engine.close()


def _chunks(documents: Iterable[Document]) -> Iterator[list[Document]]:
    """The documents in chunks of at most CHUNK_DOCS documents and, past the first document, CHUNK_CHARS
    characters."""
    chunk: list[Document] = []
    size = 0
    for doc in documents:
        if chunk and (len(chunk) >= CHUNK_DOCS or size + len(doc.text) > CHUNK_CHARS):
            yield chunk
            chunk, size = [], 0
        chunk.append(doc)
        size += len(doc.text)
    if chunk:
        yield chunk


def iter_extract(documents: Iterable[Document | str], *, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                 time_mode: str | None = None, jobs: int = 1,
                 engine: Engine | None = None) -> Iterator[tuple[Document, list[Event]]]:
    """(document, its events) for each document, in input order; memory stays flat however many documents.

    `time_mode` ("news" or "narrative") overrides how each document's dates are anchored (by default: news when
    the document has a date and speaks of the time around it, else narrative). `jobs` and `engine`: as for
    `iter_code`. A document that could not be coded gives no events and a warning naming it.
    """
    for coded in iter_code(documents, min_confidence=min_confidence, time_mode=time_mode, jobs=jobs,
                           engine=engine):
        if coded.error:
            warnings.warn(f"{coded.document.id}: {coded.error}", RuntimeWarning, stacklevel=2)
        yield coded.document, coded.events


def extract(documents: Iterable[Document | str] | Document | str, *,
            min_confidence: float = DEFAULT_MIN_CONFIDENCE, time_mode: str | None = None) -> list[Event]:
    """Code conflict events from documents (strings or Documents).

    >>> events = extract("On 14 December 2018, the SDF captured Hajin from ISIL.")
    >>> [(e.event_date, e.actor1, e.actor2, e.location) for e in events]
    [('2018-12-14', 'SDF: Syrian Democratic Forces', 'Islamic State', 'Hajīn')]
    """
    if isinstance(documents, (str, Document)):
        documents = [documents]
    return [e for _, events in iter_extract(documents, min_confidence=min_confidence) for e in events]


def iter_ingest(documents: Iterable[Document | str], store: EventStore, *, batch_size: int = 16,
                min_confidence: float = DEFAULT_MIN_CONFIDENCE, time_mode: str | None = None, jobs: int = 1,
                engine: Engine | None = None) -> Iterator[tuple[list[CodedDocument], IngestReport]]:
    """Code the documents the store does not hold as they are now, and store them batch by batch, one transaction
    each; yields each stored batch with its report, then ([], the documents left as they were). A document that
    could not be coded is yielded with its error and not stored, so that the next run tries it again. An
    interrupted run loses at most the batch in hand: run it again and it goes on where it stopped."""
    unchanged = IngestReport()

    def to_code() -> Iterator[Document]:
        for i, d in enumerate(documents):
            doc = as_document(d, i)
            if store.is_current(doc):
                unchanged.unchanged += 1  # stored as it is: not coded again
                continue
            yield doc

    def store_batch(batch: list[CodedDocument]) -> IngestReport:
        report = store.ingest([c for c in batch if not c.error])
        report.failed = sum(1 for c in batch if c.error)
        return report

    batch: list[CodedDocument] = []
    for coded in iter_code(to_code(), min_confidence=min_confidence, time_mode=time_mode, jobs=jobs, engine=engine):
        batch.append(coded)
        if len(batch) >= batch_size:
            yield batch, store_batch(batch)
            batch = []
    if batch:
        yield batch, store_batch(batch)
    yield [], unchanged


def ingest(documents: Iterable[Document | str], db: str | Path, *, batch_size: int = 16,
           min_confidence: float = DEFAULT_MIN_CONFIDENCE, time_mode: str | None = None, jobs: int = 1,
           engine: Engine | None = None) -> IngestReport:
    """Code documents into the store file `db` (made if missing): idempotent, one transaction per batch; `jobs`
    and `engine` as for `iter_code`.

    >>> import tempfile, os
    >>> db = os.path.join(tempfile.mkdtemp(), "events.db")
    >>> r = ingest(["On 14 December 2018, the SDF captured Hajin from ISIL."], db)
    >>> (r.added, r.reports), ingest(["On 14 December 2018, the SDF captured Hajin from ISIL."], db).unchanged
    ((1, 1), 1)
    """
    total = IngestReport()
    with EventStore(db) as store:
        for _, report in iter_ingest(documents, store, batch_size=batch_size, min_confidence=min_confidence,
                                     time_mode=time_mode, jobs=jobs, engine=engine):
            total += report
    return total


@lru_cache(maxsize=1)
def get_classifier() -> DocumentClassifier:
    """The process's document classifier; it shares the spaCy model and the actor registry with the coder."""
    shared = next(iter(_coders.values()), None)
    return DocumentClassifier(nlp=shared.nlp if shared else None, registry=shared.registry if shared else None,
                              lexicon=shared.lexicon if shared else None)


def iter_classify(documents: Iterable[Document | str]) -> Iterator[tuple[Document, Classification]]:
    """(document, the type of its main event) for each document, in order: ACLED's event and sub-event type, or
    NONE when it reports no political violence, demonstration or strategic development.

    >>> [(doc, c)] = iter_classify(["Police fired tear gas to disperse hundreds of protesters in the capital."])
    >>> c.event_type, c.sub_event_type
    ('Protests', 'Protest with intervention')
    """
    classifier = get_classifier()
    pending: list[Document] = []
    for i, d in enumerate(documents):
        pending.append(as_document(d, i))
        if len(pending) >= 64:  # parse in batches, yet keep memory flat
            yield from _classify_batch(classifier, pending)
            pending = []
    yield from _classify_batch(classifier, pending)


def _classify_batch(classifier: DocumentClassifier,
                    docs: list[Document]) -> Iterator[tuple[Document, Classification]]:
    texts = [(doc.id, clean_text(doc.text, doc.kind).text) for doc in docs]
    yield from zip(docs, classifier.classify(texts))


@lru_cache(maxsize=1)
def get_tagger() -> TimexTagger:
    return TimexTagger()


def iter_timex(documents: Iterable[Document | str], *,
               time_mode: str | None = None) -> Iterator[tuple[Document, str, list[TimeExpression]]]:
    """(document, its anchoring mode, its time expressions) for each document, offsets into the document's own
    text; no language model is loaded.

    >>> [(doc, mode, found)] = iter_timex([Document("Fighting began on 8 December. The next day the town fell.",
    ...                                             date="2016-12-20")])
    >>> mode, [(t.text, t.value, t.anchor) for t in found]
    ('news', [('8 December', '2016-12-08', '2016-12-20'), ('The next day', '2016-12-09', '2016-12-08')])
    """
    if time_mode is not None and time_mode not in MODES:
        raise ValueError(f"time_mode must be one of {', '.join(MODES)}")
    tagger = get_tagger()
    for i, d in enumerate(documents):
        doc = as_document(d, i)
        clean = clean_text(doc.text, doc.kind)
        clock = tagger.clock_for(clean.text, doc.date, mode=time_mode,
                                 year_hint=year_hint(doc.title) or year_hint(doc.date_text))
        found = []
        for t in tagger.tag(clean.text, clock, advance=True):
            start, end = clean.to_original(t.start, t.end)
            found.append(replace(t, start=start, end=end, text=doc.text[start:end]))
        yield doc, clock.mode, found


def geocode(names: Iterable[str], *, country: str | None = None,
            near: tuple[float, float] | None = None) -> Iterator[Geocode]:
    """The place each name most plausibly means, with the runners-up; `country` (ISO alpha-2) and `near` (a point
    the places lie close to) stand in for the document context that `extract` has.

    >>> [g] = geocode(["Dayr az Zawr"], country="SY")
    >>> g.entry.name, g.best.precision
    ('Deir ez-Zor', 1)
    """
    gazetteer = get_gazetteer()
    for name in names:
        yield gazetteer.geocode(name, country=country, near=[near] if near else None)
