"""The `eventcoder` command: a thin layer over the library. Options in, one library call, output out.

Errors a user can cause end as one line on stderr naming the input; every good input is still coded; the exit
status is 1 when any input was bad, 2 for a usage error.
"""
from __future__ import annotations

import argparse
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Iterator, Sequence

from . import __version__
from .documents import DEFAULT_MAX_CHARS, Document, iter_documents
from .errors import EventcoderError, InputError, InputWarning
from .events import DEFAULT_MIN_CONFIDENCE
from .export import FORMATS, EventWriter
from .pipeline import iter_extract

PROG = "eventcoder"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
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

    p = sub.add_parser("extract", help="code the events told in texts, one row per event",
                       description="Code the events told in texts (.txt, .md, .html, .jsonl; directories are walked; "
                                   "- reads standard input), one row per event.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="input files or directories, or - for standard input")
    p.add_argument("--sample", action="store_true", help="code the sample reports bundled with eventcoder")
    _output_options(p)
    p.add_argument("--encoding", default="utf-8", help="text encoding of the inputs (default: utf-8)")
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N",
                   help=f"refuse documents longer than N characters (default: {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE, metavar="X",
                   help=f"leave out events coded with confidence below X, 0-1 (default: {DEFAULT_MIN_CONFIDENCE})")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary on stderr")
    p.set_defaults(run=run_extract)

    d = sub.add_parser("demo", help="code the bundled sample reports and show the events",
                       description="Code the sample reports bundled with eventcoder and show the events.")
    _output_options(d)
    d.set_defaults(run=run_demo, paths=[], sample=True, encoding="utf-8", max_chars=DEFAULT_MAX_CHARS,
                   min_confidence=DEFAULT_MIN_CONFIDENCE, quiet=False)
    return parser


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", "-f", choices=FORMATS, default=None,
                   help="output format (default: table on a terminal, else csv)")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")


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
    if not 0.0 <= args.min_confidence <= 1.0:
        _usage("extract: --min-confidence must be between 0 and 1")
        return 2
    fmt = args.format or ("table" if (args.output is None and sys.stdout.isatty()) else "csv")
    errors: list[InputError] = []
    progress = Progress(enabled=not args.quiet and sys.stderr.isatty())

    def good_documents() -> Iterator[Document]:
        for item in iter_documents(paths, encoding=args.encoding, max_chars=args.max_chars):
            if isinstance(item, InputWarning):
                progress.clear()
                print(f"{PROG}: warning: {item}", file=sys.stderr)
            elif isinstance(item, InputError):
                errors.append(item)
                progress.clear()
                _error(str(item))
            else:
                yield item

    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    started = time.perf_counter()
    documents = 0
    try:
        writer = EventWriter(out, fmt)
        for doc, events in iter_extract(good_documents(), min_confidence=args.min_confidence):
            documents += 1
            writer.write(events)
            progress.update(documents, writer.count)
        writer.close()
    except BrokenPipeError:
        # the reader stopped reading ("| head"): not an error; keep Python from complaining at exit
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1 if errors else 0
    except OSError as e:
        _error(f"{args.output or '<stdout>'}: cannot write ({e.strerror or e})")
        return 1
    finally:
        progress.clear()
        if args.output:
            out.close()
    if not args.quiet and (args.output or progress.enabled):
        print(f"{PROG}: {writer.count} events from {documents} documents in {time.perf_counter() - started:.1f} s"
              + (f"; {len(errors)} input{'s' if len(errors) != 1 else ''} not read" if errors else ""),
              file=sys.stderr)
    return 1 if errors else 0


class Progress:
    """A one-line progress report on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._last = 0.0
        self._shown = False

    def update(self, documents: int, events: int) -> None:
        now = time.perf_counter()
        if not self.enabled or now - self._last < 0.2:
            return
        self._last = now
        self._shown = True
        sys.stderr.write(f"\r{PROG}: {documents} documents, {events} events")
        sys.stderr.flush()

    def clear(self) -> None:
        if self._shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self._shown = False


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _usage(message: str) -> None:
    print(f"{PROG}: usage error: {message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
