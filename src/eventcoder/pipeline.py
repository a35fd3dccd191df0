"""The library's entry point: a `Coder` owns what coding needs, and the functions here use the process's default
one unless they are given their own.

As sqlite-utils has one `Database`, eventcoder has one `Coder`: it owns the spaCy pipeline, the gazetteer, the
actor registry and the options (a `CodingOptions`, carried whole), builds the event coder, the document classifier
and the time tagger from them on first use, and offers the library's operations as methods. The store and the CLI
are handed a Coder; a worker process builds an equivalent one from the options it is sent.

Importing this module loads no language model: the pipeline loads on the first call that needs it.
"""
from __future__ import annotations

import os
import threading
import time
import warnings
from collections import deque
from dataclasses import fields, replace
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .actors import ActorRegistry
from .documents import Document, as_document, clean_text
from .engines import Engine, LocalPool
from .errors import OptionError
from .merge import merge_events
from .model import LET_GO_MERGED, CodedDocument, Event
from .options import DEFAULT_MIN_CONFIDENCE, CodingOptions
from .places import Gazetteer, Geocode
from .store import EventStore, IngestReport
from .time import TimeExpression, TimexTagger, year_hint

if TYPE_CHECKING:  # the types of what a Coder builds on first use; importing them would load spaCy
    from spacy.language import Language

    from .events import EventCoder
    from .events.classifier import Classification, DocumentClassifier

__all__ = ["CHUNK_CHARS", "CHUNK_DOCS", "Coder", "CodingOptions", "DEFAULT_MIN_CONFIDENCE", "code_chunk",
           "coding_time", "default_coder", "extract", "geocode", "ingest", "iter_classify", "iter_code", "iter_extract",
           "iter_ingest", "iter_timex"]

CHUNK_CHARS = 200_000  # a worker's unit of work: large enough that shipping it costs little, small enough to share
CHUNK_DOCS = 32
CLASSIFY_BATCH = 64  # documents parsed at once by `iter_classify`: batches for speed, yet memory stays flat
OPTION_NAMES = tuple(f.name for f in fields(CodingOptions))


class Coder:
    """What coding needs, built once on first use and shared by every operation: the spaCy pipeline, the
    gazetteer, the actor registry and the options. Settings go by name (`Coder(time_mode="narrative")`) or whole
    (`Coder(CodingOptions(...))`); `nlp`, `gazetteer` and `registry` replace the ones it would build.

    >>> coder = Coder(min_confidence=0.5)
    >>> [(e.event_date, e.location) for e in coder.extract("On 2 March 2017, the Syrian Army recaptured Palmyra.")]
    [('2017-03-02', 'Tadmur')]
    """

    def __init__(self, options: CodingOptions | None = None, *, nlp: Language | None = None,
                 gazetteer: Gazetteer | None = None, registry: ActorRegistry | None = None,
                 **settings: Any) -> None:
        _check_names(settings)
        self.options = replace(options or CodingOptions(), **settings)
        self._nlp, self._gazetteer, self._registry = nlp, gazetteer, registry
        self._base: Coder | None = None  # the coder this one shares its model, places and actors with
        self._event_coder: EventCoder | None = None
        self._classifier: DocumentClassifier | None = None
        self._tagger: TimexTagger | None = None
        self._variants: dict[CodingOptions, Coder] = {}
        self._lock = threading.RLock()  # a Dask worker may run tasks on several threads

    def __repr__(self) -> str:
        return f"Coder({self.options!r})"

    def with_options(self, **settings: Any) -> "Coder":
        """A coder with these settings changed (this one when none changes), sharing this one's model, gazetteer
        and registry; asked again for the same settings, the same coder."""
        _check_names(settings)
        return self.variant(replace(self.options, **{k: v for k, v in settings.items() if v is not None}))

    def variant(self, options: CodingOptions) -> "Coder":
        """A coder with these options (this one when they are its own), sharing this one's model, gazetteer and
        registry; asked again for the same options, the same coder."""
        if options == self.options:
            return self
        with self._lock:
            if options not in self._variants:
                variant = Coder(options, nlp=self._nlp, gazetteer=self._gazetteer, registry=self._registry)
                variant._base = self
                self._variants[options] = variant
            return self._variants[options]

    # ------------------------------------------------------------ what it owns, built on first use

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline (one load per process)."""
        return self._shared("_nlp", "nlp", _load_pipeline)

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer: its index is compiled on first use (about half a minute), then opened."""
        return self._shared("_gazetteer", "gazetteer", Gazetteer)

    @property
    def registry(self) -> ActorRegistry:
        """The actor registry."""
        return self._shared("_registry", "registry", ActorRegistry)

    def _shared(self, slot: str, name: str, build: Callable[[], Any]) -> Any:
        """What this coder owns under `slot`: given, else its base coder's `name`, else built now, once."""
        with self._lock:
            if getattr(self, slot) is None:
                setattr(self, slot, getattr(self._base, name) if self._base else build())
            return getattr(self, slot)

    @property
    def event_coder(self) -> EventCoder:
        """The event coder, built from the pipeline, the gazetteer, the registry, `min_confidence` and
        `parse_all`."""
        with self._lock:
            if self._event_coder is None:
                from .events import EventCoder
                self._event_coder = EventCoder(nlp=self.nlp, gazetteer=self.gazetteer, registry=self.registry,
                                               min_confidence=self.options.min_confidence,
                                               parse_all=self.options.parse_all)
            return self._event_coder

    @property
    def classifier(self) -> DocumentClassifier:
        """The document classifier; it shares the model, the registry and (once built) the coder's lexicon."""
        with self._lock:
            if self._classifier is None:
                from .events.classifier import DocumentClassifier
                lexicon = self._event_coder.lexicon if self._event_coder is not None else None
                self._classifier = DocumentClassifier(nlp=self.nlp, registry=self.registry, lexicon=lexicon)
            return self._classifier

    @property
    def tagger(self) -> TimexTagger:
        """The time tagger (no language model)."""
        with self._lock:
            if self._tagger is None:
                self._tagger = TimexTagger()
            return self._tagger

    # ------------------------------------------------------------ coding

    def code_chunk(self, documents: list[Document]) -> list[CodedDocument]:
        """Code a chunk of documents in this process: each coded in full, its retellings merged.

        A document the coder fails on (a bug of ours, not the user's) comes back with its `error` set and no
        events, and costs the others nothing: the chunk is coded again one document at a time to find it.
        """
        try:
            return [_merged(c) for c in self.event_coder.code_full(documents, time_mode=self.options.time_mode)]
        except Exception as e:  # noqa: BLE001 - any failure is reported against the document, never the run
            if len(documents) > 1:
                return [c for doc in documents for c in self.code_chunk([doc])]
            return [CodedDocument(documents[0], [], [], [], error=f"could not be coded ({type(e).__name__}: {e}); "
                                                                 "please report this document")]

    def iter_code(self, documents: Iterable[Document | str], *,
                  engine: Engine | None = None) -> Iterator[CodedDocument]:
        """Each document coded in full, in input order: its events (each told once), its tolls over periods and
        its statements of who held which place. What `iter_extract` gives, and what the store keeps.

        `options.jobs` > 1 codes on that many processes of this machine, `engine` on the engine given (a
        `DaskCluster`); the events and their ids are the same either way. Input that makes a single chunk is coded
        in this process, since starting workers would cost more than it saves.
        """
        chunks = _chunks(as_document(d, i) for i, d in enumerate(documents))
        coded_at = coding_time()  # every event of the run gets the run's time, whichever worker coded it
        own = engine is None  # an engine made here is closed here; one given is the caller's to close
        if engine is None:
            engine, chunks = self._engine_for(chunks)
        # a worker process builds its own coder from the options; in this process, this coder codes
        work, args = (self.code_chunk, ()) if engine.in_process else (code_chunk, (self.options,))
        sent: deque[list[Document]] = deque()

        def send() -> Iterator[list[Document]]:
            for chunk in chunks:
                sent.append(chunk)
                yield chunk

        try:
            for coded in engine.map(work, send(), *args):
                for doc, c in zip(sent.popleft(), coded):
                    for event in c.events:
                        event.timestamp = coded_at
                    # the caller's own Document back, not a worker's copy of it
                    yield c if c.document is doc else replace(c, document=doc)
        except BaseException:
            if own:
                engine.close(abort=True)  # an error, ^C, or a reader that stopped reading: do not finish the queue
            raise
        if own:
            engine.close()

    def _engine_for(self, chunks: Iterator[list[Document]]) -> tuple[Engine, Iterator[list[Document]]]:
        """The engine `options.jobs` asks for, and the chunks (two of which it looked at to decide)."""
        head = list(islice(chunks, 2))
        chunks = chain(head, chunks)
        if self.options.jobs <= 1 or len(head) < 2:
            return Engine(), chunks
        if not LocalPool.can_start():
            warnings.warn("coding in this process: worker processes need the main program in a file",
                          RuntimeWarning, stacklevel=4)
            return Engine(), chunks
        _ = self.gazetteer  # build the index, if it is not built yet, here: not in every worker at once
        return LocalPool(self.options.jobs), chunks

    def code(self, documents: Iterable[Document | str] | Document | str) -> list[CodedDocument]:
        """Each document coded in full (see `iter_code`), as a list."""
        if isinstance(documents, (str, Document)):
            documents = [documents]
        return list(self.iter_code(documents))

    def iter_extract(self, documents: Iterable[Document | str], *,
                     engine: Engine | None = None) -> Iterator[tuple[Document, list[Event]]]:
        """(document, its events) for each document, in input order; memory stays flat however many documents.
        A document that could not be coded gives no events and a warning naming it."""
        for coded in self.iter_code(documents, engine=engine):
            if coded.error:
                warnings.warn(f"{coded.document.id}: {coded.error}", RuntimeWarning, stacklevel=2)
            yield coded.document, coded.events

    def extract(self, documents: Iterable[Document | str] | Document | str) -> list[Event]:
        """The events of the documents (strings or Documents), in order."""
        if isinstance(documents, (str, Document)):
            documents = [documents]
        return [e for _, events in self.iter_extract(documents) for e in events]

    # ------------------------------------------------------------ the store

    def iter_ingest(self, documents: Iterable[Document | str], store: EventStore, *,
                    engine: Engine | None = None) -> Iterator[tuple[list[CodedDocument], IngestReport]]:
        """Code the documents the store does not hold as they are now, and store them batch by batch
        (`options.batch_size` documents, one transaction each); yields each stored batch with its report, then
        ([], the documents left as they were). A document that could not be coded is yielded with its error and
        not stored, so that the next run tries it again. An interrupted run loses at most the batch in hand: run
        it again and it goes on where it stopped."""
        unchanged = IngestReport()

        def to_code() -> Iterator[Document]:
            for i, d in enumerate(documents):
                doc = as_document(d, i)
                if store.is_current(doc):
                    unchanged.unchanged += 1  # stored as it is: not coded again
                    continue
                yield doc

        batch: list[CodedDocument] = []
        for coded in self.iter_code(to_code(), engine=engine):
            batch.append(coded)
            if len(batch) >= self.options.batch_size:
                yield batch, _store_batch(store, batch)
                batch = []
        if batch:
            yield batch, _store_batch(store, batch)
        yield [], unchanged

    def ingest(self, documents: Iterable[Document | str], db: str | Path, *,
               engine: Engine | None = None) -> IngestReport:
        """Code documents into the store file `db` (made if missing): idempotent, one transaction per batch."""
        total = IngestReport()
        with EventStore(db, coder=self) as store:
            for _, report in self.iter_ingest(documents, store, engine=engine):
                total += report
        return total

    # ------------------------------------------------------------ the other stages, alone

    def iter_classify(self, documents: Iterable[Document | str]) -> Iterator[tuple[Document, Classification]]:
        """(document, the type of its main event) for each document, in order."""
        pending: list[Document] = []
        for i, d in enumerate(documents):
            pending.append(as_document(d, i))
            if len(pending) >= CLASSIFY_BATCH:
                yield from self._classify_batch(pending)
                pending = []
        yield from self._classify_batch(pending)

    def _classify_batch(self, docs: list[Document]) -> Iterator[tuple[Document, Classification]]:
        texts = [(doc.id, clean_text(doc.text, doc.kind).text) for doc in docs]
        yield from zip(docs, self.classifier.classify(texts))

    def iter_timex(self, documents: Iterable[Document | str]) -> Iterator[tuple[Document, str, list[TimeExpression]]]:
        """(document, its anchoring mode, its time expressions) for each document, offsets into the document's
        own text; `options.time_mode` forces the mode. No language model is loaded."""
        tagger = self.tagger
        for i, d in enumerate(documents):
            doc = as_document(d, i)
            clean = clean_text(doc.text, doc.kind)
            clock = tagger.clock_for(clean.text, doc.date, mode=self.options.time_mode,
                                     year_hint=year_hint(doc.title) or year_hint(doc.date_text))
            found = []
            for t in tagger.tag(clean.text, clock, advance=True):
                start, end = clean.to_original(t.start, t.end)
                found.append(replace(t, start=start, end=end, text=doc.text[start:end]))
            yield doc, clock.mode, found

    def geocode(self, names: Iterable[str], *, country: str | None = None,
                near: tuple[float, float] | None = None) -> Iterator[Geocode]:
        """The place each name most plausibly means, with the runners-up (see the module function `geocode`).
        The country and the point are checked at the call, before any name is read."""
        if near is not None and not (-90 <= near[0] <= 90 and -180 <= near[1] <= 180):
            raise OptionError("near", "coordinates out of range")
        code = country.upper() if country else None
        if code and self.gazetteer.country(code) is None:
            raise OptionError("country", f"{country}: not an ISO alpha-2 country code (e.g. SY, IQ)")
        return self._geocode_each(names, code, near)

    def _geocode_each(self, names: Iterable[str], country: str | None,
                      near: tuple[float, float] | None) -> Iterator[Geocode]:
        gazetteer = self.gazetteer
        for name in names:
            yield gazetteer.geocode(name, country=country, near=[near] if near else None)


def coding_time() -> int:
    """The time a run codes at, as a Unix time, for the events' `timestamp`: SOURCE_DATE_EPOCH where it is set
    (the reproducible-builds convention, for output that must be the same byte for byte), else now.

    >>> coding_time() > 1_500_000_000
    True
    """
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        return int(fixed)
    return int(time.time())


def _load_pipeline() -> Language:
    from .nlp import load_pipeline  # here, not at the top: importing the pipeline module loads no spaCy
    return load_pipeline()


def _check_names(settings: dict[str, Any]) -> None:
    unknown = sorted(set(settings) - set(OPTION_NAMES))
    if unknown:
        raise OptionError(unknown[0], f"is not an option; the options are {', '.join(OPTION_NAMES)}")


def _store_batch(store: EventStore, batch: list[CodedDocument]) -> IngestReport:
    report = store.ingest([c for c in batch if not c.error])
    report.failed = sum(1 for c in batch if c.error)
    return report


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


# ------------------------------------------------------------ the process's default coder

_default: Coder | None = None
_default_lock = threading.Lock()


def default_coder() -> Coder:
    """The process's default Coder, with the default options: what the module's functions use when given none."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Coder()
        return _default


def _coder(coder: Coder | None, **settings: Any) -> Coder:
    """`coder` (else the default one) with the settings given (those not None) changed."""
    return (coder or default_coder()).with_options(**settings)


def code_chunk(documents: list[Document], options: CodingOptions) -> list[CodedDocument]:
    """Code a chunk of documents in a worker process (the engines' task): with the process's coder for these
    options, built on the first chunk and kept for the next."""
    return default_coder().variant(options).code_chunk(documents)


def iter_code(documents: Iterable[Document | str], *, min_confidence: float | None = None,
              time_mode: str | None = None, jobs: int | None = None, engine: Engine | None = None,
              coder: Coder | None = None) -> Iterator[CodedDocument]:
    """`Coder.iter_code` with `coder` (else the process's default), its options changed by those given."""
    return _coder(coder, min_confidence=min_confidence, time_mode=time_mode, jobs=jobs).iter_code(
        documents, engine=engine)


def iter_extract(documents: Iterable[Document | str], *, min_confidence: float | None = None,
                 time_mode: str | None = None, jobs: int | None = None, engine: Engine | None = None,
                 coder: Coder | None = None) -> Iterator[tuple[Document, list[Event]]]:
    """(document, its events) for each document, in input order; memory stays flat however many documents.

    `time_mode` ("news" or "narrative") overrides how each document's dates are anchored (by default: news when
    the document has a date and speaks of the time around it, else narrative). `jobs` and `engine`: as for
    `Coder.iter_code`. A document that could not be coded gives no events and a warning naming it.
    """
    return _coder(coder, min_confidence=min_confidence, time_mode=time_mode, jobs=jobs).iter_extract(
        documents, engine=engine)


def extract(documents: Iterable[Document | str] | Document | str, *, min_confidence: float | None = None,
            time_mode: str | None = None, coder: Coder | None = None) -> list[Event]:
    """Code conflict events from documents (strings or Documents).

    >>> events = extract("On 14 December 2018, the SDF captured Hajin from ISIL.")
    >>> [(e.event_date, e.actor1, e.actor2, e.location) for e in events]
    [('2018-12-14', 'QSD: Syrian Democratic Forces', 'Islamic State', 'Hajīn')]
    """
    return _coder(coder, min_confidence=min_confidence, time_mode=time_mode).extract(documents)


def iter_ingest(documents: Iterable[Document | str], store: EventStore, *, batch_size: int | None = None,
                min_confidence: float | None = None, time_mode: str | None = None, jobs: int | None = None,
                engine: Engine | None = None,
                coder: Coder | None = None) -> Iterator[tuple[list[CodedDocument], IngestReport]]:
    """`Coder.iter_ingest` with `coder` (else the process's default), its options changed by those given."""
    return _coder(coder, batch_size=batch_size, min_confidence=min_confidence, time_mode=time_mode,
                  jobs=jobs).iter_ingest(documents, store, engine=engine)


def ingest(documents: Iterable[Document | str], db: str | Path, *, batch_size: int | None = None,
           min_confidence: float | None = None, time_mode: str | None = None, jobs: int | None = None,
           engine: Engine | None = None, coder: Coder | None = None) -> IngestReport:
    """Code documents into the store file `db` (made if missing): idempotent, one transaction per batch; `jobs`
    and `engine` as for `Coder.iter_code`.

    >>> import tempfile, os
    >>> db = os.path.join(tempfile.mkdtemp(), "events.db")
    >>> r = ingest(["On 14 December 2018, the SDF captured Hajin from ISIL."], db)
    >>> (r.added, r.reports), ingest(["On 14 December 2018, the SDF captured Hajin from ISIL."], db).unchanged
    ((1, 1), 1)
    """
    return _coder(coder, batch_size=batch_size, min_confidence=min_confidence, time_mode=time_mode,
                  jobs=jobs).ingest(documents, db, engine=engine)


def iter_classify(documents: Iterable[Document | str], *,
                  coder: Coder | None = None) -> Iterator[tuple[Document, Classification]]:
    """(document, the type of its main event) for each document, in order: ACLED's event and sub-event type, or
    NONE when it reports no political violence, demonstration or strategic development.

    >>> [(doc, c)] = iter_classify(["Police fired tear gas to disperse hundreds of protesters in the capital."])
    >>> c.event_type, c.sub_event_type
    ('Protests', 'Protest with intervention')
    """
    return _coder(coder).iter_classify(documents)


def iter_timex(documents: Iterable[Document | str], *, time_mode: str | None = None,
               coder: Coder | None = None) -> Iterator[tuple[Document, str, list[TimeExpression]]]:
    """(document, its anchoring mode, its time expressions) for each document, offsets into the document's own
    text; no language model is loaded.

    >>> [(doc, mode, found)] = iter_timex([Document("Fighting began on 8 December. The next day the town fell.",
    ...                                             date="2016-12-20")])
    >>> mode, [(t.text, t.value, t.anchor) for t in found]
    ('news', [('8 December', '2016-12-08', '2016-12-20'), ('The next day', '2016-12-09', '2016-12-08')])
    """
    return _coder(coder, time_mode=time_mode).iter_timex(documents)


def geocode(names: Iterable[str], *, country: str | None = None, near: tuple[float, float] | None = None,
            coder: Coder | None = None) -> Iterator[Geocode]:
    """The place each name most plausibly means, with the runners-up; `country` (ISO alpha-2) and `near` (a point
    the places lie close to) stand in for the document context that `extract` has.

    >>> [g] = geocode(["Dayr az Zawr"], country="SY")
    >>> g.entry.name, g.best.precision
    ('Deir ez-Zor', 1)
    """
    return _coder(coder).geocode(names, country=country, near=near)


def _merged(coded: CodedDocument) -> CodedDocument:
    """The document's events with each event's retellings merged into it; the merged ones counted as let go."""
    events = merge_events(coded.events)
    let_go = dict(coded.let_go)
    if len(events) < len(coded.events):
        let_go[LET_GO_MERGED] = let_go.get(LET_GO_MERGED, 0) + len(coded.events) - len(events)
    return replace(coded, events=events, let_go=let_go)
