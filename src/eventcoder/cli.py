"""The `eventcoder` command: a thin layer over the library. Options in, one library call, output out.

Each command builds one `Coder` from its options and hands it to every library call it makes. Errors a user can
cause end as one line on stderr naming the input; every good input is still coded; the exit status is 1 when any
input was bad, 2 for a usage error. The library's errors become those lines in one place, `main`.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, deque
from importlib import resources
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from .actors.registry import GENERIC_ACTOR_RULE
from .documents import (DEFAULT_MAX_CHARS, DEFAULT_PIPE_TIMEOUT, Document, ReadProgress, check_read_options,
                        iter_documents)
from .engines import ENGINES, DaskCluster, Engine, available_cores
from .errors import EventcoderError, InputError, InputWarning, OptionError
from .evaluate import (DEFAULT_UCDP_DAYS, DEFAULT_UCDP_KM, SHOW, evaluate, parse_floors, read_events, read_gold,
                       read_texts)
from .export import (CLASSIFY_FORMATS, CONTROL_FORMATS, DEFAULT_SCHEMA, FORMATS, GEOCODE_FORMATS, SCHEMAS,
                     STATS_FORMATS, TIMEX_FORMATS, ClassificationWriter, ControlWriter, EventWriter, GeocodeWriter,
                     OutputFile, PeriodTotalsWriter, StatsWriter, TimexWriter, terminal_safe)
from .options import DEFAULT_BATCH_SIZE, DEFAULT_MIN_CONFIDENCE
from .pipeline import Coder
from .places import index_is_built
from .store import DEFAULT_NEAR_KM, STATS_BY, EventStore, IngestReport
from .time import MODES
from .ucdp import left_out_lines
from .version import __version__

PROG = "eventcoder"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except OptionError as e:  # the library refused an option's value: the user's to change
        _usage(f"{args.command}: " + (f"--{e.option.replace('_', '-')} {e.problem}" if e.option else e.problem))
        return 2
    except EventcoderError as e:
        _error(str(e))
        return 1
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Code narratives of armed conflict into ACLED-shaped "
                                                            "event data: when, where, who against whom, what, how many killed.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_extract(sub)
    _add_query(sub)
    _add_stats(sub)
    _add_control(sub)
    _add_report(sub)
    _add_timex(sub)
    _add_classify(sub)
    _add_eval(sub)
    _add_geocode(sub)
    _add_gazetteer(sub)
    _add_demo(sub)
    return parser


def _add_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="code the events told in texts, one row per event",
                       description="Code the events told in texts (.txt, .md, .html, .jsonl; directories are walked; "
                                   "- reads standard input), one row per event.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="input files or directories, or - for standard input")
    p.add_argument("--sample", action="store_true", help="code the sample reports bundled with eventcoder")
    _output_options(p)
    _schema_option(p)
    _input_options(p)
    p.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE, metavar="X",
                   help=f"leave out events coded with confidence below X, 0-1 (default: {DEFAULT_MIN_CONFIDENCE})")
    _time_mode_option(p)
    p.add_argument("--parse-all", action="store_true",
                   help="parse every sentence, not only those that may tell an event, a toll, a statement of control "
                        "or a flashback: slower; the places and entities of the other sentences are then read in full "
                        "too (by default they are read for their dates, periods and known places only)")
    p.add_argument("--db", metavar="FILE", help="keep the events in the store FILE (SQLite, made if missing): each "
                                                "event once across documents; documents already stored as they "
                                                "are are skipped. Events are then printed only with --format or -o")
    p.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, metavar="N",
                   help=f"with --db: documents stored per transaction (default: {DEFAULT_BATCH_SIZE})")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help=f"processes to code with (default: one a core this process may use, here {available_cores()})")
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="where to code: local, processes on this machine (default); dask, a Dask cluster: one "
                        "started here with --jobs workers, or the one at --scheduler. Same events either way")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="code on the running Dask cluster whose scheduler is at ADDRESS, e.g. tcp://10.0.0.5:8786 "
                        "(implies --engine dask; its workers need eventcoder installed)")
    _quiet_option(p)
    p.set_defaults(run=run_extract)


def _add_query(sub: argparse._SubParsersAction) -> None:
    q = sub.add_parser("query", help="find events in a store by place, area, actor, type, dates or country",
                       description="Find the events of a store (made by `extract --db`) that meet every filter "
                                   "given. Places and actors are found under any spelling or alias: --place "
                                   "Baghouz, --place Baghuz and --place 'al-Baghuz Fawqani' find the same events.")
    _db_option(q)
    q.add_argument("--place", metavar="NAME", help="events at this place (any spelling)")
    q.add_argument("--near", metavar="LAT,LON", help="events near this point (with --km)")
    q.add_argument("--km", type=float, metavar="N", help=f"radius for --near in km (default: {DEFAULT_NEAR_KM:g})")
    q.add_argument("--actor", metavar="NAME", help="events with this actor on either side (any alias)")
    q.add_argument("--type", metavar="TYPE", help="an ACLED event type or sub-event type, e.g. Battles")
    _window_options(q)
    _output_options(q)
    _schema_option(q)
    q.set_defaults(run=run_query)


def _add_stats(sub: argparse._SubParsersAction) -> None:
    st = sub.add_parser("stats", help="events and fatalities per month, week, actor, type or admin1 area",
                        description="Count a store's events and their fatalities per group. Tolls over a period "
                                    "(\"since 10 September, 922 had died\") are no event's and are not in these "
                                    "sums: --periods lists them.")
    _db_option(st)
    what = st.add_mutually_exclusive_group(required=True)
    what.add_argument("--by", choices=STATS_BY, help="what to group by")
    what.add_argument("--periods", action="store_true",
                      help="list the tolls over a period the documents report, apart from the events' fatalities")
    _quiet_option(st)
    _output_options(st, STATS_FORMATS, "csv")
    st.set_defaults(run=run_stats)


def _add_control(sub: argparse._SubParsersAction) -> None:
    ct = sub.add_parser("control", help="who held a place, when, and the words that say so",
                        description="The control timeline of a place: a row per claim in date order (captures, "
                                    "retakings, handovers, sieges, statements such as 'ISIL-held' or 'the last "
                                    "stronghold'), with who held it before, the event that changed it and the "
                                    "evidence; contradictory claims are all kept and marked.")
    ct.add_argument("place", metavar="PLACE", help="the place, under any spelling")
    _db_option(ct)
    _output_options(ct, CONTROL_FORMATS, "jsonl")
    ct.set_defaults(run=run_control)


def _add_report(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("report", help="one offline HTML page: map, timeline, control bands and events with evidence",
                       description="Write one self-contained HTML file of a store's events: a map (country and "
                                   "admin-1 borders, markers coloured by type and sized by fatalities), a timeline by "
                                   "type and of fatalities, who held each place when, and a sortable, filterable "
                                   "table whose rows open their evidence with trigger, actors, place, date and "
                                   "numbers highlighted. It loads nothing from the network; open it from a file.")
    _db_option(r)
    r.add_argument("--output", "-o", metavar="FILE", required=True, help="the HTML file to write")
    r.add_argument("--place", metavar="NAME", help="only events at this place (any spelling)")
    _window_options(r)
    r.add_argument("--title", help="the report's title (default: says what it covers and the store's name)")
    _quiet_option(r)
    r.set_defaults(run=run_report)


def _add_timex(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser("timex", help="list every time expression in texts, with its TimeML value",
                       description="List every temporal expression of the texts (.txt, .md, .html, .jsonl with "
                                   "`date`), with offsets into the original text, TimeML type and value, the window "
                                   "of days it allows and the anchor it was resolved against.")
    t.add_argument("paths", nargs="*", metavar="PATH", help="input files or directories, or - for standard input")
    _output_options(t, TIMEX_FORMATS, "jsonl")
    _input_options(t)
    _time_mode_option(t)
    _quiet_option(t)
    t.set_defaults(run=run_timex)


def _add_classify(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("classify", help="the ACLED type of each document's main event, or NONE",
                       description="Give each document (.txt, .md, .html, .jsonl with `id` and `text`) the ACLED "
                                   "event type and sub-event type of the main event it reports, or NONE when it "
                                   "reports no political violence, demonstration or strategic development; with "
                                   "the confidence, the trigger and the rules and model features that decided.")
    c.add_argument("paths", nargs="*", metavar="PATH", help="input files or directories, or - for standard input")
    _output_options(c, CLASSIFY_FORMATS, "jsonl")
    _input_options(c)
    _quiet_option(c)
    c.set_defaults(run=run_classify)


def _add_eval(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("eval", help="score events against gold: recall, precision and how often each field is right",
                       description="Score coded events against gold events; the figures, then a one-line summary. "
                                   "GOLD is told apart by what it holds: an ACLED export CSV (each row's notes a "
                                   "document, under its event_id_cnty), ACLED rows as JSONL (doc_id, text), "
                                   "eventcoder's own JSONL or CSV, a UCDP GED CSV, or a hand-coded gold JSON (its "
                                   "documents' texts in --texts). The events scored are PRED; or, with --docs, those "
                                   "of the documents given, coded now; or, given neither, those of the texts the "
                                   "gold carries (ACLED notes, the hand-coded gold's --texts), coded now. Coding "
                                   "uses extract's default options.")
    e.add_argument("gold", metavar="GOLD", help="the gold events")
    e.add_argument("pred", nargs="?", metavar="PRED",
                   help="the events to score, as `extract --format jsonl` (or csv) writes them; - for standard input")
    e.add_argument("--docs", nargs="+", metavar="PATH", help="code these documents, as extract reads them, and score "
                                                             "their events (give GOLD before --docs)")
    e.add_argument("--texts", metavar="DIR", help="the hand-coded gold's documents, DIR/DOC.txt (default: the folder "
                                                  "of --docs)")
    e.add_argument("--days", type=int, metavar="N", help="pair only events at most N days apart (default: any, "
                                                         f"for UCDP gold {DEFAULT_UCDP_DAYS})")
    e.add_argument("--km", type=float, metavar="N", help="pair only events at most N km apart (default: any, for "
                                                         f"UCDP gold {DEFAULT_UCDP_KM:g})")
    e.add_argument("--floor", action="append", default=[], metavar="KEY=VALUE",
                   help="exit 1 when the figure KEY is below VALUE (extra: above), e.g. --floor recall=0.9 --floor "
                        "paired.actor1=0.7; may be given again")
    e.add_argument("--details", metavar="FILE", help="write each gold event's verdict, with the event paired to it, "
                                                     "its evidence and rules, one JSON object a line")
    e.add_argument("--show", choices=SHOW, help="print the gold events missed, the events paired with none, or "
                                                "every verdict, with the text each stands on")
    e.add_argument("--format", "-f", choices=("table", "jsonl"), default="table",
                   help="table (default), or jsonl: the figures as one JSON object, for scripts")
    e.add_argument("--verbose", "-v", action="store_true",
                   help="list the gold events missed and the events paired with none (the first 40)")
    e.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help=f"processes to code with (default: one a core this process may use, here {available_cores()})")
    _input_options(e)
    _quiet_option(e)
    e.set_defaults(run=run_eval)


def _add_geocode(sub: argparse._SubParsersAction) -> None:
    g = sub.add_parser("geocode", help="find the place each name means, under any spelling",
                       description="Find the place each NAME means, under any spelling or transliteration "
                                   "(Deir ez-Zor = Dayr az Zawr = Deir Ezzor), with its coordinates, admin areas, "
                                   "ACLED geo_precision, source, and the next best candidates.")
    g.add_argument("names", nargs="+", metavar="NAME", help="place names; - reads one name a line from standard input")
    g.add_argument("--country", metavar="CC", help="prefer places in this country (ISO alpha-2, e.g. SY)")
    g.add_argument("--near", metavar="LAT,LON", help="prefer places near this point, e.g. 35.33,40.14")
    g.add_argument("--format", "-f", choices=GEOCODE_FORMATS, default=None,
                   help="output format (default: table on a terminal, else jsonl)")
    g.set_defaults(run=run_geocode)


def _add_gazetteer(sub: argparse._SubParsersAction) -> None:
    z = sub.add_parser("gazetteer", help="add your own places to the gazetteer, or show what it holds",
                       description="Manage the gazetteer: `import FILE` adds the places of a GeoNames country dump "
                                   "(e.g. SY.txt) or a CSV with columns name, aliases, latitude, longitude, admin1, "
                                   "country, type; `info` shows where the index lives and what it holds.")
    zsub = z.add_subparsers(dest="action", metavar="ACTION", help="import FILE... or info")
    zi = zsub.add_parser("import", help="add the places of GeoNames dumps or CSV files",
                         description="Add the places of GeoNames country dumps or CSV files (name, aliases "
                                     "|-separated, latitude, longitude, admin1, country, type) to your places; "
                                     "importing a file again replaces its places.")
    zi.add_argument("files", nargs="+", metavar="FILE")
    zi.set_defaults(run=run_gazetteer_import)
    zn = zsub.add_parser("info", help="where the index and your places are kept, and how many places each holds",
                         description="Show where the gazetteer index and your imported places are kept, and how "
                                     "many places each holds (builds the index if it is not built yet).")
    zn.set_defaults(run=run_gazetteer_info)
    z.set_defaults(run=lambda args: _usage("gazetteer: give an action: import FILE... or info") or 2)


def _add_demo(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("demo", help="code the bundled sample reports and show the events",
                       description="Code the sample reports bundled with eventcoder and show the events.")
    _output_options(d)
    _schema_option(d)
    d.set_defaults(run=run_demo, paths=[], sample=True, encoding="utf-8", max_chars=DEFAULT_MAX_CHARS,
                   pipe_timeout=DEFAULT_PIPE_TIMEOUT,
                   min_confidence=DEFAULT_MIN_CONFIDENCE, quiet=False, time_mode="auto", db=None, jobs=None,
                   engine="local", scheduler=None)


def _schema_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--schema", choices=SCHEMAS, default=DEFAULT_SCHEMA,
                   help="the columns and codes of the events: acled (default), ACLED's columns then ours, inter codes "
                        "as numbers; acled-text, the same with inter1, inter2 and interaction as ACLED's API's text "
                        "labels; ucdp, UCDP GED's columns and codes, a row for each event of organised violence "
                        "that kills (csv or jsonl)")


def _say_left_out(args: argparse.Namespace, writer: EventWriter | None) -> None:
    """The events --schema ucdp wrote no row for, and why, unless -q."""
    if writer is not None and not getattr(args, "quiet", False):
        for line in left_out_lines(writer.left_out):
            print(f"{PROG}: {line}", file=sys.stderr)


def _quiet_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary on stderr")


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="FILE", required=True, help="the store made by `eventcoder extract ... --db FILE`")


def _window_options(p: argparse.ArgumentParser) -> None:
    """The dates and country that choose a store's events, as `query` and `report` take them."""
    p.add_argument("--from", dest="date_from", metavar="DATE", help="events on or after DATE (YYYY[-MM[-DD]])")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="events on or before DATE (YYYY[-MM[-DD]])")
    p.add_argument("--country", metavar="CC", help="events in this country (ISO code or name)")


def _input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--encoding", default="utf-8", help="text encoding of the inputs (default: utf-8)")
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N",
                   help=f"refuse documents longer than N characters (default: {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--pipe-timeout", type=float, default=DEFAULT_PIPE_TIMEOUT, metavar="S",
                   help="give up a pipe or device that sends nothing for S seconds, as a FIFO no one writes to "
                        f"(default: {DEFAULT_PIPE_TIMEOUT:g})")


def _time_mode_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--time-mode", choices=("auto",) + MODES, default="auto",
                   help="anchor relative dates to the document's date (news) or to the last date the text gave "
                        "(narrative); default: news for a dated document about its own time, else narrative")


def _output_options(p: argparse.ArgumentParser, formats: tuple[str, ...] = FORMATS, piped: str = "csv") -> None:
    p.add_argument("--format", "-f", choices=formats, default=None,
                   help=f"output format (default: table on a terminal, else {piped})")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output (written "
                                                         "whole at the end: a failed run leaves FILE as it was)")
    if "csv" in formats:
        p.add_argument("--raw-csv", action="store_true",
                       help="keep CSV cells as they are, for data pipelines: by default a cell that starts with = + "
                            "- or @ gets a leading ' so that a spreadsheet shows it rather than runs it")


def sample_paths() -> list[str]:
    folder = resources.files("eventcoder.data").joinpath("sample")
    return sorted(str(Path(str(folder)) / f.name) for f in folder.iterdir() if f.name.endswith(".txt"))


def run_demo(args: argparse.Namespace) -> int:
    return run_extract(args)


def run_extract(args: argparse.Namespace) -> int:
    paths = list(args.paths) + (sample_paths() if args.sample else [])
    if not paths:
        _usage("extract: give at least one PATH, - for standard input, or --sample")
        return 2
    coder = _coder(args)
    engine = (DaskCluster(args.scheduler, workers=coder.options.jobs) if args.engine == "dask" or args.scheduler
              else None)
    try:
        if args.db:
            return _extract_into_store(args, paths, coder, engine)

        generic = 0  # events one of whose sides no text named
        let_go: Counter = Counter()  # candidate events that made no event, by why
        read = Counter()  # sentences, and those parsed
        writers: list[EventWriter] = []  # the one writer, for what --schema ucdp left out

        def code(documents: Iterator[Document], out, fmt: str) -> Iterator[tuple[Document, int]]:
            nonlocal generic
            writer = EventWriter(out, fmt, raw_cells=args.raw_csv, schema=args.schema)
            writers.append(writer)
            for coded in coder.iter_code(documents, engine=engine):
                if coded.error:
                    yield coded.document, InputError(coded.document.id, coded.error)
                writer.write(coded.events, document=coded.document)
                generic += sum(GENERIC_ACTOR_RULE in e.rules for e in coded.events)
                let_go.update(coded.let_go)
                read.update(sentences=coded.sentences, parsed=coded.parsed)
                yield coded.document, writer.count
            writer.close()

        status = _code_documents(args, paths, code, "table", "events", detail=lambda: (
            f"; {generic} with an actor1 no text named, coded as the country's generic actor ({GENERIC_ACTOR_RULE})"
            if generic else "") + let_go_summary(let_go) + parsed_summary(read["parsed"], read["sentences"]))
        _say_left_out(args, writers[0] if writers else None)
        return status
    finally:
        if engine is not None:
            engine.close()


def parsed_summary(parsed: int, sentences: int) -> str:
    """How much of the text the parser read: the other sentences could tell no event (events.gate).

    >>> parsed_summary(620, 1000)
    '; 620 of 1,000 sentences parsed (62%)'
    """
    return f"; {parsed:,} of {sentences:,} sentences parsed ({parsed / sentences:.0%})" if sentences else ""


def let_go_summary(let_go: Mapping[str, int]) -> str:
    """The candidate events (triggers found) that made no event, and why, most first: what a user reads to judge
    what the coder saw and left.

    >>> let_go_summary({"no place": 3, "negated or in another sense": 1, "no date": 0})
    '; 4 candidate events let go: no place 3, negated or in another sense 1'
    """
    counts = sorted(((n, reason) for reason, n in let_go.items() if n > 0), key=lambda x: (-x[0], x[1]))
    if not counts:
        return ""
    return (f"; {sum(n for n, _ in counts):,} candidate events let go: "
            + ", ".join(f"{reason} {n:,}" for n, reason in counts))


def _extract_into_store(args: argparse.Namespace, paths: list[str], coder: Coder, engine: Engine | None) -> int:
    """`extract --db`: code what the store lacks, a transaction per batch; print events only when asked to."""
    store = EventStore(args.db, coder=coder)
    total = IngestReport()
    printing = args.format is not None or args.output is not None
    writers: list[EventWriter] = []  # the one writer, for what --schema ucdp left out

    def code(documents: Iterator[Document], out, fmt: str) -> Iterator[tuple[Document, int]]:
        nonlocal total
        writer = EventWriter(out, fmt, raw_cells=args.raw_csv, schema=args.schema) if printing else None
        writers.extend([writer] if writer is not None else [])
        stored = 0
        for batch, report in coder.iter_ingest(documents, store, engine=engine):
            total += report
            for coded in batch:
                if coded.error:
                    yield coded.document, InputError(coded.document.id, coded.error)
                stored += len(coded.events)
                if writer is not None:
                    writer.write(coded.events, document=coded.document)
                yield coded.document, stored
        if writer is not None:
            writer.close()

    try:
        status = _code_documents(args, paths, code, "table", "events", summary=False)
    finally:
        counts = store.counts()
        store.close()
    if not args.quiet:
        print(f"{PROG}: {args.db}: {total.added} documents added, {total.replaced} replaced, {total.unchanged} "
              f"unchanged" + (f", {total.failed} not coded" if total.failed else "") + f"; {total.reports} events "
              f"coded, {total.merged} of them told already by another document; the store holds "
              f"{counts['events']} events from {counts['documents']} documents", file=sys.stderr)
    _say_left_out(args, writers[0] if writers else None)
    return status


def _open_store(args: argparse.Namespace) -> EventStore:
    return EventStore(args.db, create=False, coder=_coder(args))


def _coder(args: argparse.Namespace) -> Coder:
    """The one Coder of this command, built from the options it has; the library checks their values."""
    settings = {}
    if hasattr(args, "min_confidence"):
        settings["min_confidence"] = args.min_confidence
    if hasattr(args, "time_mode"):
        settings["time_mode"] = _time_mode(args)
    if getattr(args, "parse_all", False):
        settings["parse_all"] = True
    if hasattr(args, "jobs"):
        settings["jobs"] = args.jobs if args.jobs is not None else available_cores()
    if getattr(args, "db", None) and hasattr(args, "batch_size"):  # a batch size matters only with a store
        settings["batch_size"] = args.batch_size
    return Coder(**settings)


def _warn_unknown_place(store: EventStore, args: argparse.Namespace) -> None:
    """A place the store does not know is not an error (the answer is empty), but the user should hear of it."""
    if args.place and not store.place_keys(args.place):
        print(f"{PROG}: no place in {args.db} is called {args.place!r} under any spelling", file=sys.stderr)


def run_query(args: argparse.Namespace) -> int:
    near = None
    if args.near:
        near = _point(args.near, "query")
        if near is None:
            return 2
    elif args.km is not None:
        _usage("query: --km goes with --near LAT,LON")
        return 2
    if args.km is not None and not 0 < args.km < float("inf"):
        _usage(f"query: --km must be a distance more than 0 (not {args.km:g})")
        return 2
    with _open_store(args) as store:
        _warn_unknown_place(store, args)
        events = store.events(place=args.place, near=near, km=args.km, actor=args.actor, event_type=args.type,
                              date_from=args.date_from, date_to=args.date_to, country=args.country)
    writers: list[EventWriter] = []  # the one writer, for what --schema ucdp left out

    def writer(out, fmt: str) -> EventWriter:
        writers.append(EventWriter(out, fmt, raw_cells=args.raw_csv, schema=args.schema))
        return writers[-1]

    status = _write_rows(args, writer, events, "table", "csv")
    _say_left_out(args, writers[0] if writers else None)
    return status


def run_stats(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        periods = store.period_totals()
        rows = periods if args.periods else store.stats(args.by)
    if args.periods:
        return _write_rows(args, PeriodTotalsWriter, rows, "table", "csv")
    done = _write_rows(args, lambda out, fmt: StatsWriter(out, fmt, args.by, raw_cells=args.raw_csv), rows, "table",
                       "csv")
    if periods and not args.quiet:
        # the sums above are the events' own dead; a period's toll would count them again
        print(f"eventcoder: not in these sums: {len(periods)} toll{'s' if len(periods) != 1 else ''} over a "
              f"period ({sum(p['total'] for p in periods):,} dead); `stats --periods` lists them", file=sys.stderr)
    return done


def run_control(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        _warn_unknown_place(store, args)
        rows = [r.as_dict() for r in store.control(args.place)]
    return _write_rows(args, lambda out, fmt: ControlWriter(out, fmt, raw_cells=args.raw_csv), rows, "table", "jsonl")


def run_report(args: argparse.Namespace) -> int:
    from .report import ReportFilters, write_report
    filters = ReportFilters(place=args.place, date_from=args.date_from, date_to=args.date_to, country=args.country)
    started = time.monotonic()
    with _open_store(args) as store:
        _warn_unknown_place(store, args)
        try:
            summary = write_report(store, args.output, filters, title=args.title)
        except OSError as e:
            _error(f"{args.output}: cannot write ({e.strerror or e})")
            return 1
    if not args.quiet:
        print(f"{PROG}: {summary.path}: {summary.events:,} events at {summary.places:,} places, control of "
              f"{summary.control_places:,} places, {summary.documents:,} documents; {summary.bytes / 1e6:.1f} MB "
              f"in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


def _write_rows(args: argparse.Namespace, make_writer, rows: list, tty_format: str, piped: str) -> int:
    fmt = args.format or (tty_format if (args.output is None and sys.stdout.isatty()) else piped)
    # the store read is an input too: writing rows over it would destroy it
    output = OutputFile(args.output, inputs=[args.db] if getattr(args, "db", None) else []) if args.output else None
    try:
        writer = make_writer(output.stream if output else sys.stdout, fmt)
        if isinstance(writer, EventWriter):
            writer.write(rows)
        else:
            for row in rows:
                writer.write(row)
        writer.close()
        if output is not None:
            output.commit()
    except BrokenPipeError:
        _quiet_stdout()
    except OSError as e:
        _error(f"{args.output or '<stdout>'}: cannot write ({e.strerror or e})")
        _quiet_stdout()
        return 1
    finally:
        if output is not None:
            output.discard()
    return 0


def _quiet_stdout() -> None:
    """Standard output failed (the reader left, the disk is full): send what Python flushes at exit nowhere, so
    that it does not end in a second complaint."""
    import os
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _point(text: str, command: str) -> tuple[float, float] | None:
    try:
        lat, lon = (float(x) for x in text.split(","))
    except ValueError:
        _usage(f"{command}: --near takes LAT,LON in decimal degrees, e.g. 35.33,40.14 (not {text!r})")
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        _usage(f"{command}: --near {text}: coordinates out of range")
        return None
    return lat, lon


def run_timex(args: argparse.Namespace) -> int:
    if not args.paths:
        _usage("timex: give at least one PATH, or - for standard input")
        return 2

    coder = _coder(args)

    def tag(documents: Iterator[Document], out, fmt: str) -> Iterator[int]:
        writer = TimexWriter(out, fmt, raw_cells=args.raw_csv)
        for doc, mode, found in coder.iter_timex(documents):
            writer.write(doc.id, mode, found)
            yield doc, writer.count
        writer.close()

    return _code_documents(args, list(args.paths), tag, "table", "time expressions")


def run_classify(args: argparse.Namespace) -> int:
    if not args.paths:
        _usage("classify: give at least one PATH, or - for standard input")
        return 2

    coder = _coder(args)

    def classify(documents: Iterator[Document], out, fmt: str) -> Iterator[int]:
        writer = ClassificationWriter(out, fmt, raw_cells=args.raw_csv)
        for doc, result in coder.iter_classify(documents):
            row = result.as_dict()
            row["doc_id"] = doc.id
            writer.write(row)
            yield doc, writer.count
        writer.close()

    return _code_documents(args, list(args.paths), classify, "table", "documents classified")


def run_eval(args: argparse.Namespace) -> int:
    if args.pred and args.docs:
        _usage("eval: give PRED, the events coded, or --docs, the documents to code, not both")
        return 2
    floors = parse_floors(args.floor)
    gold = read_gold(args.gold, encoding=args.encoding)
    texts = None
    if gold.kind == "hand":
        folder = args.texts or (None if not args.docs else args.docs[0] if Path(args.docs[0]).is_dir()
                                else str(Path(args.docs[0]).parent))
        texts = read_texts(gold, folder, encoding=args.encoding)
    status = 0
    if args.pred:
        events = read_events(args.pred, encoding=args.encoding)
    else:
        events, status = _eval_coded_events(args, gold.documents(texts) if not args.docs else None)
    result = evaluate(gold, events, days=args.days, km=args.km, texts=texts, source=args.pred or "the events coded")
    missed = result.missed_floors(floors)
    if args.details:
        inputs = [args.gold] + ([args.pred] if args.pred else []) + list(args.docs or [])
        output = OutputFile(args.details, inputs=inputs)
        try:
            for verdict in result.verdicts():
                output.stream.write(json.dumps(verdict, ensure_ascii=False, default=str) + "\n")
            output.commit()
        finally:
            output.discard()
    if args.show:
        for item in result.shown(args.show):
            print(json.dumps(item, ensure_ascii=False) if args.format == "jsonl" else _shown_verdict(item))
    if args.format == "jsonl":
        print(json.dumps(result.as_dict(floors), ensure_ascii=False))
    else:
        print("\n".join(result.lines(floors, verbose=args.verbose)))
    return 1 if missed or status else 0


def _eval_coded_events(args: argparse.Namespace, documents: list[Document] | None) -> tuple[list[dict], int]:
    """eval's events coded now: of the documents of --docs, or of `documents` (the gold's texts); the exit status
    so far (1 when a document could not be read or coded)."""
    coder = _coder(args)
    inputs = Inputs(args, list(args.docs), "events") if documents is None else None
    progress = inputs.progress if inputs else Progress(enabled=not args.quiet and sys.stderr.isatty())
    if not args.quiet and not index_is_built():
        print(f"{PROG}: building the place index, once for this version (about half a minute)", file=sys.stderr)
    started = time.perf_counter()
    events: list[dict] = []
    failed = done = 0
    try:
        for coded in coder.iter_code(inputs.good_documents() if inputs else documents):
            done += 1
            if coded.error:
                failed += 1
                _error(str(InputError(coded.document.id, coded.error)))
            events.extend(e.to_dict() for e in coded.events)
            progress.coded(coded.document, len(events))
    finally:
        progress.stop()
    if not args.quiet:
        print(f"{PROG}: {len(events)} events coded from {done} documents in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
    return events, 1 if failed or (inputs and inputs.status) else 0


def _shown_verdict(item: Mapping) -> str:
    """A verdict of `eval --show` for a terminal: what was missed, paired or coded extra, and its text."""
    head = f"{item['verdict']:8} {item['doc_id']}"
    lines = [f"{head}  gold: {item['gold']}" if "gold" in item else f"{head}  coded: {item['coded']}"]
    if "gold" in item and "coded" in item:
        lines.append(f"{'':10}coded: {item['coded']}" + (f"; wrong: {', '.join(item['wrong'])}" if item.get("wrong")
                                                         else ""))
    if item.get("text"):
        lines.append(f"{'':10}text: {item['text']}")
    if item.get("rules"):
        lines.append(f"{'':10}rules: {' '.join(item['rules'])}")
    lines += [f"{'':10}evidence: {e}" for e in item.get("evidence", [])]
    return terminal_safe("\n".join(lines))


def run_geocode(args: argparse.Namespace) -> int:
    near = None
    if args.near:
        near = _point(args.near, "geocode")
        if near is None:
            return 2
    coder = _coder(args)
    names = (n.strip() for arg in args.names for n in (sys.stdin if arg == "-" else [arg]))
    found = coder.geocode((n for n in names if n), country=args.country, near=near)  # checks the country now
    writer = GeocodeWriter(sys.stdout, args.format or ("table" if sys.stdout.isatty() else "jsonl"))
    for result in found:
        writer.write(result.as_dict(coder.gazetteer))
    writer.close()
    return 0


def run_gazetteer_import(args: argparse.Namespace) -> int:
    gazetteer = _coder(args).gazetteer
    failed = False
    for path in args.files:
        try:
            report = gazetteer.import_places(path)
        except InputError as e:
            _error(str(e))
            failed = True
            continue
        for err in report.errors:
            _error(f"{path}:{err.line}: {err.message}")
        failed |= bool(report.errors)
        print(f"{PROG}: {path}: {report.added} places imported"
              + (f", {len(report.errors)} bad rows left out" if report.errors else "")
              + f" (into {gazetteer.user_places})", file=sys.stderr)
    return 1 if failed else 0


def run_gazetteer_info(args: argparse.Namespace) -> int:
    gazetteer = _coder(args).gazetteer
    for line in gazetteer.describe():
        print(line)
    return 0


def _time_mode(args: argparse.Namespace) -> str | None:
    return None if args.time_mode == "auto" else args.time_mode


def _code_documents(args: argparse.Namespace, paths: list[str], code, tty_format: str, what: str,
                    summary: bool = True, detail=lambda: "") -> int:
    """Read the inputs, report each bad one in a line, run `code` over the good ones and write its output.

    `code` yields (document, count so far) as each document is done, or (document, InputError) for one it could
    not do."""
    fmt = args.format or (tty_format if (args.output is None and sys.stdout.isatty()) else
                          "jsonl" if what != "events" else "csv")
    inputs = Inputs(args, paths, what)
    output = OutputFile(args.output, inputs=paths) if args.output else None
    if what == "events" and not args.quiet and not index_is_built():
        print(f"{PROG}: building the place index, once for this version (about half a minute)", file=sys.stderr)
    started = time.perf_counter()
    try:
        count = inputs.follow(code(inputs.good_documents(), output.stream if output else sys.stdout, fmt))
        if output is not None and (inputs.documents or not inputs.errors):
            output.commit()  # else nothing was read: an earlier output stays as it was
    except BrokenPipeError:
        # the reader stopped reading ("| head"): not an error; keep Python from complaining at exit
        _quiet_stdout()
        return inputs.status
    except OSError as e:
        _error(f"{args.output or '<stdout>'}: cannot write ({e.strerror or e})")
        if output is None:
            _quiet_stdout()
        return 1
    finally:
        inputs.progress.stop()
        if output is not None:
            output.discard()
    if summary and not args.quiet and (args.output or inputs.progress.enabled):
        errors = inputs.errors
        print(f"{PROG}: {count} {what} from {inputs.documents} documents in {time.perf_counter() - started:.1f} s"
              + detail() + (f"; {len(errors)} input{'s' if len(errors) != 1 else ''} not read" if errors else ""),
              file=sys.stderr)
    return inputs.status


class Inputs:
    """A command's inputs as it reads and codes them: each bad one reported in a line as it comes, the good ones
    counted, and the progress line kept up to date."""

    def __init__(self, args: argparse.Namespace, paths: list[str], what: str) -> None:
        check_read_options(encoding=args.encoding, max_chars=args.max_chars, pipe_timeout=args.pipe_timeout)
        self.args, self.paths = args, paths
        self.errors: list[InputError] = []
        self.read = ReadProgress()
        self.progress = Progress(enabled=not args.quiet and sys.stderr.isatty(), what=what, read=self.read)
        self.documents = 0

    @property
    def status(self) -> int:
        """The exit status: 1 when any input was bad."""
        return 1 if self.errors else 0

    def report(self, error: InputError) -> None:
        self.errors.append(error)
        _error(str(error))

    def good_documents(self) -> Iterator[Document]:
        """The documents of the inputs that could be read; a warning or an error for each that could not."""
        for item in iter_documents(self.paths, encoding=self.args.encoding, max_chars=self.args.max_chars,
                                   pipe_timeout=self.args.pipe_timeout, progress=self.read):
            if isinstance(item, InputWarning):
                if not self.args.quiet:  # the document is coded all the same: a warning is for who watches
                    print(f"{PROG}: warning: {item}", file=sys.stderr)
            elif isinstance(item, InputError):
                self.report(item)
            else:
                self.documents += 1
                self.progress.read(item)
                yield item

    def follow(self, results: Iterator[tuple[Document, int | InputError]]) -> int:
        """Follow `code`'s results to their end: each error reported, the progress shown; the last count."""
        count = 0
        for doc, done in results:
            if isinstance(done, InputError):
                self.report(done)
                continue
            count = done
            self.progress.coded(doc, count)
        return count


FIRST_BACK_SECONDS = 1.0  # documents back within this of the first came back with it


class Progress:
    """Progress on stderr, only when stderr is a terminal, drawn by rich and redrawn twice a second: from the first
    second, that the inputs are being read, then that the model is loading and the first documents are being coded,
    with the time so far; then documents done, what they gave, words coded a second and, when the size of the
    inputs is known, a bar, how far through them and the time left.

    Words a second is the average since the first document was handed to the coder. The time left is worked out
    in bytes of input each time documents come back, from the speed since the first came back, and counted down
    between: the coder returns documents a chunk at a time, and an estimate from the time since the start (the
    model's loading in it) or from the last chunk alone would swing with every one. Messages printed while it is
    drawn (an input that cannot be read) go above it; the data written to stdout never passes through it.
    `draw=False` keeps the figures without drawing them."""

    REFRESH_PER_SECOND = 2

    def __init__(self, enabled: bool, what: str = "events", read: ReadProgress | None = None, *,
                 draw: bool = True) -> None:
        self.enabled, self.what = enabled, what
        self.reading = read if read is not None else ReadProgress(total=None)
        self.documents = self.words = self.bytes_done = self.count = 0
        self.started = time.perf_counter()
        self._coding: float | None = None  # when the first document was handed to the coder
        # (document, bytes read up to its end), in reading order: the reader runs ahead of the coder, so a
        # document's place in the input is known only once it comes back
        self._read: deque[tuple[Document, int]] = deque()
        self._first_back: tuple[float, int] | None = None  # when the first document came back, the bytes done then
        self._left: tuple[float, float] | None = None  # when the time left was worked out, and what it was
        self._live = None
        if enabled and draw:
            self._start()

    def _start(self) -> None:
        from rich.console import Console
        from rich.live import Live
        self._live = Live(_ProgressView(self), console=Console(file=sys.stderr), transient=True,
                          refresh_per_second=self.REFRESH_PER_SECOND, redirect_stdout=False, redirect_stderr=True)
        self._live.start()

    def read(self, doc: Document) -> None:
        if self.enabled:
            if self._coding is None:
                self._coding = time.perf_counter()
            self._read.append((doc, self.reading.done))

    def coded(self, doc: Document, count: int, now: float | None = None) -> None:
        if not self.enabled:
            return
        now = time.perf_counter() if now is None else now
        self.documents += 1
        self.count = count
        self.words += len(doc.text.split())
        while self._read:  # documents before this one that needed no coding are done too
            earlier, position = self._read.popleft()
            self.bytes_done = position
            if earlier is doc:
                break
        self._estimate(now)

    def _estimate(self, now: float) -> None:
        """The time left, worked out as a document comes back and counted down until the next: from the speed
        since the first document came back, with those that came back with it (what came before was loading the
        model and the first chunk of a pool of workers: counted in, it made the first estimates twice too long).
        None until a second lot of documents is back."""
        total = self.reading.total
        if not total or not self.bytes_done:
            return
        if self._first_back is None or now - self._first_back[0] < FIRST_BACK_SECONDS:
            # the documents that come back with the first (its chunk) are part of the start
            self._first_back = (self._first_back[0] if self._first_back else now, self.bytes_done)
            return
        since, done_then = self._first_back
        if self.bytes_done > done_then:
            self._left = (now, max(total - self.bytes_done, 0) * (now - since) / (self.bytes_done - done_then))

    def line(self, now: float) -> str:
        """What the progress says at `now` (a `time.perf_counter()` value)."""
        if not self.documents:
            if self._coding is None:
                return f"{PROG}: reading the inputs ({_duration(now - self.started)})"
            return (f"{PROG}: loading the model and coding the first documents, {len(self._read):,} read "
                    f"({_duration(now - self.started)})")
        text = f"{PROG}: {self.documents:,} documents, {self.count:,} {self.what}"
        elapsed = now - (self._coding if self._coding is not None else self.started)
        if elapsed <= 0:
            return text
        text += f", {self.words / elapsed:,.0f} words/s"
        if self.fraction is not None:
            text += f", {self.fraction:.0%}"
        left = self.elapsed_left(now)
        if left is not None:
            text += f", {_duration(left)} left"
        return text

    def elapsed_left(self, now: float) -> float | None:
        """The seconds left at `now`, when the size of the inputs is known and a document has come back."""
        if self._left is None:
            return None
        then, left = self._left
        return max(left - (now - then), 0.0)

    @property
    def fraction(self) -> float | None:
        """How far through the inputs the coded documents are, when their size is known."""
        total = self.reading.total
        return min(self.bytes_done / total, 1.0) if total and self.bytes_done else None

    def stop(self) -> None:
        """Stop drawing (before the summary line); a no-op when nothing is drawn."""
        if self._live is not None:
            self._live.stop()
            self._live = None


class _ProgressView:
    """What rich draws: the line, after a bar when the size of the inputs is known."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def __rich__(self):
        from rich.progress_bar import ProgressBar
        from rich.table import Table
        from rich.text import Text
        line = Text(self.progress.line(time.perf_counter()), no_wrap=True, overflow="ellipsis")
        fraction = self.progress.fraction
        if fraction is None:
            return line
        grid = Table.grid(padding=(0, 1))
        grid.add_row(ProgressBar(total=1.0, completed=fraction, width=20), line)
        return grid


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _usage(message: str) -> None:
    print(f"{PROG}: usage error: {message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
