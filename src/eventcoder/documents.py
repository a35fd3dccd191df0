"""Reading inputs into Documents, and cleaning their text with a map back to the original.

Inputs: `.txt`, `.md`, `.html`/`.htm` files are one document each (id = file name without extension); `.jsonl`
files hold one document a line (`text`, optional `id`, `date`, `title`, `source`, `url`); directories are walked;
`-` reads standard input (JSONL if its first line is a JSON object, else one text document). JSONL is read a line
at a time, so a corpus file of any size streams through in little memory.

Cleaning removes what is not narrative — Wikipedia citation markers, markdown emphasis and headings, HTML tags and
entities, infobox debris — and keeps, for every character of the clean text, its offset in the original text, so
that evidence always points into what the user gave us.
"""
from __future__ import annotations

import bisect
import codecs
import html
import io
import json
import os
import re
import select
import stat
import sys
import unicodedata
from array import array
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

from .errors import InputError, InputTimeout, InputWarning, OptionError
from .lang import pattern

DEFAULT_MAX_CHARS = 20_000_000
# how long a pipe or device may give nothing before it is given up: a FIFO no one writes to would wait forever
DEFAULT_PIPE_TIMEOUT = 60.0
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}
MARKUP_SUFFIXES = {".md", ".markdown", ".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
READ_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
# a JSONL line skipped as too long may run on this many times the limit before the input is given up
RUNAWAY_LINES = 4
# `text` is the contract; the others are what corpora we meet call it (the Wikipedia corpus says `text_clean`).
TEXT_KEYS = ("text", "text_clean", "body", "content")
# JSON may spell a character in up to six bytes (\u0627): a line longer than this holds a document over the limit
JSON_BYTES_PER_CHAR = 6


@dataclass
class Document:
    """One narrative: its original text and what we know about it."""

    text: str
    id: str = "doc"
    date: date | None = None
    title: str = ""
    source: str = ""
    url: str = ""
    kind: str = "text"  # text | markdown | html: decides the cleaning
    date_text: str = ""  # a date field we could not read as a day, kept for its year
    origin: str = field(default="", compare=False)  # where it was read: `corpus/a.txt`, `notes.jsonl:12`

    def __post_init__(self) -> None:
        if isinstance(self.date, str):
            self.date = parse_document_date(self.date, self.id)


@dataclass
class CleanText:
    """Clean text plus, for each of its characters, the offset of that character in the original."""

    text: str
    offsets: array
    original_length: int
    references: list[tuple[int, int, str]] = field(default_factory=list)  # citation markers removed
    # a character composed from several of the original ("e" and a combining accent): how many more it spans
    stretch: dict[int, int] = field(default_factory=dict)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean [start, end) span to the original text."""
        if not self.text:
            return 0, 0
        start = min(max(start, 0), len(self.text) - 1)
        end = min(max(end, start + 1), len(self.text))
        return self.offsets[start], self.offsets[end - 1] + 1 + self.stretch.get(end - 1, 0)


def parse_document_date(value: str, source: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    shown = repr(value if len(value) <= 40 else value[:40] + "…")
    if not m:
        raise InputError(source, f"date {shown} is not YYYY-MM-DD")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise InputError(source, f"date {shown} is not a real day") from None


# ---------------------------------------------------------------- cleaning

class _Builder:
    """Accumulates clean text piece by piece with the original offset of each character."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets = array("l")

    def keep(self, text: str, start: int) -> None:
        self.parts.append(text)
        self.offsets.extend(range(start, start + len(text)))

    def put(self, text: str, at: int) -> None:
        """Text that replaces something (an entity, a tag): every character maps to `at`."""
        self.parts.append(text)
        self.offsets.extend([at] * len(text))

    def build(self, original_length: int, references: list) -> CleanText:
        return CleanText("".join(self.parts), self.offsets, original_length, references)


_CITATION = re.compile(
    r"\[(?:\d{1,4}|[a-z]|note \d+|citation needed|clarification needed|when\?|who\?|which\?|by whom\?|"
    r"dubious[^\]]{0,40}|better source needed|failed verification|verification needed|page needed|"
    r"unreliable source\?|according to whom\?|full citation needed|original research\?)\]",
    re.IGNORECASE,
)
# Every pattern here runs in time linear in the text, however hostile: no unbounded run that can overlap the next
# try (a run of "[" or "<" with no end would otherwise cost its length squared).
# a "word" this long is no narrative (a run of markup, an encoded blob, a table pasted flat): it is left out, so
# that the tokenizer, whose cost grows with the square of a word's length, never meets one
MAX_WORD_CHARS = 300
_LONG_WORD = re.compile(rf"(?<!\S)\S{{{MAX_WORD_CHARS + 1},}}")
_IMAGE_FILE = re.compile(r"\.(?:jpg|jpeg|png|svg|gif|webp)", re.IGNORECASE)
_MD_LINKISH = re.compile(r"!?\[[^\[\]\n]*\]\([^()\n]*\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)")
_MD_MARK = re.compile(r"\*{1,3}|_{2,3}|`+|^#{1,6}[ \t]+|^>[ \t]?|^[ \t]*[-*+][ \t]+", re.MULTILINE)
_HTML_DROP_OPEN = re.compile(r"<(script|style|noscript|template)\b|<!--", re.IGNORECASE)
_HTML_DROP_CLOSE = {**{name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
                       for name in ("script", "style", "noscript", "template")}, "--": re.compile("-->")}
_HTML_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>|<![^<>]*>")
_HTML_BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
               "section", "article", "header", "footer", "blockquote", "td", "th", "dd", "dt", "title"}
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
# Wikipedia infobox values glued before the lede: "Partial ISIL victory Syria Russia Iran[1]Allied militias: ..."
_INFOBOX_START = pattern("infobox_start")
# the article's first sentence, where the infobox debris ends: "The Battle of Raqqa was ..."
_LEDE_START = pattern("lede_start")


def clean_text(text: str, kind: str = "text") -> CleanText:
    """Strip markup and citation markers from `text`, keeping a map back to it.

    >>> c = clean_text("ISIL attacked Hajin.[12] It failed.")
    >>> c.text
    'ISIL attacked Hajin. It failed.'
    >>> c.to_original(21, 31)
    (25, 35)
    """
    spans = _removed_spans(text, kind)
    b = _Builder()
    refs: list[tuple[int, int, str]] = []
    pos = 0
    for start, end, replacement, is_ref in spans:
        if start < pos:
            continue
        if start > pos:
            b.keep(text[pos:start], pos)
        if replacement:
            b.put(replacement, start)
        if is_ref:
            refs.append((start, end, text[start:end]))
        pos = end
    if pos < len(text):
        b.keep(text[pos:], pos)
    return _normalised(_squeeze(b.build(len(text), refs)))


def _removed_spans(text: str, kind: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, replacement, is_reference) for every piece of markup, in text order, non-overlapping."""
    spans: list[tuple[int, int, str, bool]] = []
    if kind == "html":
        for start, end in _dropped_blocks(text):
            spans.append((start, end, " ", False))
        for m in _HTML_TAG.finditer(text):
            block = (m.group(1) or "").lower() in _HTML_BLOCK
            spans.append((m.start(), m.end(), "\n" if block else "", False))
        for m in _ENTITY.finditer(text):
            spans.append((m.start(), m.end(), html.unescape(m.group()), False))
    for m in _CITATION.finditer(text):
        spans.append((m.start(), m.end(), "", True))
    if kind in ("markdown", "text"):
        for start, end in _image_debris(text):
            spans.append((start, end, "", False))
        for m in _MD_LINK.finditer(text):
            spans.append((m.start(), m.start(1), "", False))
            spans.append((m.end(1), m.end(), "", False))
        if kind == "markdown" or "**" in text or "\n#" in text or text.startswith("#"):
            for m in _MD_MARK.finditer(text):
                spans.append((m.start(), m.end(), "", False))
    spans.extend(_infobox_spans(text))
    for m in _LONG_WORD.finditer(text):
        spans.append((m.start(), m.end(), " ", False))
    spans.sort(key=lambda s: (s[0], -s[1]))
    return spans


def _dropped_blocks(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every script, style and template block and every comment. One left open is kept as text
    (its tags go with the others), and once a kind is found open, no later one of it is looked for again."""
    pos, unclosed = 0, set()
    while True:
        m = _HTML_DROP_OPEN.search(text, pos)
        if m is None:
            return
        kind = (m.group(1) or "--").lower()
        close = None if kind in unclosed else _HTML_DROP_CLOSE[kind].search(text, m.end())
        if close is None:
            unclosed.add(kind)
            pos = m.end()
            continue
        yield m.start(), close.end()
        pos = close.end()


def _image_debris(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each word naming an image file (`Flag_of_Syria.svg`), outside markdown links, whose text
    is kept."""
    links = [(m.start(), m.end()) for m in _MD_LINKISH.finditer(text)]
    starts = [a for a, _ in links]
    done = 0
    for m in _IMAGE_FILE.finditer(text):
        if m.start() < done:
            continue  # in the word just removed
        start = m.start()
        while start > done and not text[start - 1].isspace():
            start -= 1
        space = _BLANK.search(text, m.end())
        end = space.start() if space else len(text)
        done = end
        i = bisect.bisect_right(starts, end) - 1
        if i >= 0 and links[i][1] > start:
            continue  # a link's part: the link is read below, its text kept
        yield start, end


_BLANK = re.compile(r"\s")


def _infobox_spans(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """The infobox debris at the head of a paragraph, up to where the lede sentence begins."""
    pos = 0
    for line in text.split("\n"):
        if _INFOBOX_START.match(line):
            lede = _LEDE_START.search(line)
            if lede and lede.start() > 0:
                yield (pos, pos + lede.start(), "", False)
        pos += len(line) + 1


# characters that change nothing a reader sees (marks of direction, joiners, zero-width spaces, soft hyphens, a
# stray byte order mark), and a letter followed by its combining accents: a name with them in it ("Haj\u200bin",
# "Mare\u0301") would not match the same name without them
_INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_UNSEEN_OR_DECOMPOSED = re.compile(f"[{_INVISIBLE}]+|.[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
                                   "\ufe20-\ufe2f]+", re.DOTALL)
_INVISIBLE_SET = {chr(c) for c in (0xad, 0x61c, 0x180e, 0xfeff, *range(0x200b, 0x2010), *range(0x202a, 0x202f),
                                   *range(0x2060, 0x2065), *range(0x2066, 0x2070))}


def _normalised(clean: CleanText) -> CleanText:
    """The text without invisible characters and with accents composed (Unicode NFC), keeping the map: a composed
    letter points at the letter it was made from.

    >>> c = clean_text("Troops entered Tadmur\u200e and Mare\u0301.")
    >>> c.text, c.to_original(c.text.index("Mar"), c.text.index("Mar") + 4)
    ('Troops entered Tadmur and Maré.', (27, 32))
    """
    text = clean.text
    if text.isascii():
        return clean
    b = _Builder()
    stretch: dict[int, int] = {}
    length = pos = 0
    for m in _UNSEEN_OR_DECOMPOSED.finditer(text):
        composed = "" if text[m.start()] in _INVISIBLE_SET else unicodedata.normalize("NFC", m.group())
        if composed == m.group():
            continue
        b.parts.append(text[pos:m.start()])
        b.offsets.extend(clean.offsets[pos:m.start()])
        length += m.start() - pos
        b.parts.append(composed)
        b.offsets.extend(clean.offsets[m.start():m.start() + len(composed)])
        length += len(composed)
        if composed:
            stretch[length - 1] = clean.offsets[m.end() - 1] - clean.offsets[m.start() + len(composed) - 1]
        pos = m.end()
    if not b.parts:
        return clean
    b.parts.append(text[pos:])
    b.offsets.extend(clean.offsets[pos:])
    normal = b.build(clean.original_length, clean.references)
    normal.stretch = stretch
    return normal


# blanks, with any invisible character among them ("Tadmur\u200e and"): one run (invisible characters alone are
# not one: `_normalised` takes them out)
_SPACE_RUN = re.compile(f"[ \\t\u00a0{_INVISIBLE}]+")
_HAS_BLANK = re.compile("[ \t\u00a0]")


def _squeeze(clean: CleanText) -> CleanText:
    """Tidy the blanks that removal leaves (`killed ,[4]` -> `killed,`), keeping the map.

    A run of blanks becomes one space, or nothing before closing punctuation and after an opening bracket.
    """
    text = clean.text
    b = _Builder()
    pos = 0
    for m in _SPACE_RUN.finditer(text):
        before = text[m.start() - 1] if m.start() else "\n"
        after = text[m.end()] if m.end() < len(text) else "\n"
        if not _HAS_BLANK.search(m.group()):
            continue  # invisible characters alone: no blank to tidy
        if m.group() == " " and after not in ",.;:!?)]\n" and before not in "(\n":
            continue
        b.parts.append(text[pos:m.start()])
        b.offsets.extend(clean.offsets[pos:m.start()])
        if after not in ",.;:!?)]\n" and before not in "(\n":
            b.parts.append(" ")
            b.offsets.append(clean.offsets[m.start()])
        pos = m.end()
    b.parts.append(text[pos:])
    b.offsets.extend(clean.offsets[pos:])
    return b.build(clean.original_length, clean.references)


# ---------------------------------------------------------------- reading inputs

@dataclass
class ReadResult:
    """What reading the inputs gave: the documents, in order, and the problems, each naming its input."""

    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)


@dataclass
class ReadProgress:
    """How far reading the inputs has got, in bytes: for a progress bar's time left. `total` is None when an
    input is standard input, whose length is not known ahead."""

    total: int | None = 0
    done: int = 0


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: their encoding, the longest document taken, and how long a pipe may keep us waiting."""

    encoding: str = "utf-8"
    max_chars: int = DEFAULT_MAX_CHARS
    pipe_timeout: float = DEFAULT_PIPE_TIMEOUT

    @property
    def max_bytes(self) -> int:
        """The most bytes a text document within `max_chars` takes (UTF-8 spends up to 4 on a character)."""
        return self.max_chars * 4

    @property
    def line_limit(self) -> int:
        """The most bytes a JSON document within `max_chars` takes (JSON may spell a character in 6)."""
        return self.max_chars * JSON_BYTES_PER_CHAR + 4096


def iter_documents(paths: Iterable[str], *, encoding: str = "utf-8", max_chars: int = DEFAULT_MAX_CHARS,
                   pipe_timeout: float = DEFAULT_PIPE_TIMEOUT,
                   progress: ReadProgress | None = None) -> Iterator[Document | InputError]:
    """Yield a Document for every good input, an InputError for every bad one and an InputWarning for an odd
    one still coded (the warning comes before its document), never stopping early. `progress`, when given, is
    kept up to date with the bytes read.

    A file's document id is its path from the folder named on the command line (`2024/report.txt`), or its name
    when the file itself was named (`report.txt`): it does not depend on how the path was typed. Two documents
    with one id are one too many: the second is an error, never a silent replacement of the first. A pipe or a
    device with nothing to read gives up after `pipe_timeout` seconds."""
    options = check_read_options(encoding=encoding, max_chars=max_chars, pipe_timeout=pipe_timeout)
    paths = list(paths)
    progress = progress if progress is not None else ReadProgress()
    progress.total = None if "-" in paths else sum(size for f in paths for size in _sizes(f))
    first_seen: dict[str, str] = {}  # document id -> the input it was first read from
    for item in _read_inputs(paths, options, progress):
        if isinstance(item, Document):
            if item.id in first_seen:
                yield InputError(item.origin, f"document id {item.id!r} is already that of {first_seen[item.id]}: "
                                              "give each document its own id (or name the folder that holds both "
                                              "files, so that their ids are their paths in it)")
                continue
            first_seen[item.id] = item.origin
        yield item


def check_read_options(*, encoding: str = "utf-8", max_chars: int = DEFAULT_MAX_CHARS,
                       pipe_timeout: float = DEFAULT_PIPE_TIMEOUT) -> ReadOptions:
    """The reading options, checked: an OptionError for a value out of range, before anything is read."""
    if max_chars < 1:
        raise OptionError("max_chars", f"must be at least 1 (not {max_chars})")
    if not 0 < pipe_timeout < float("inf"):
        raise OptionError("pipe_timeout", f"must be more than 0 seconds (not {pipe_timeout})")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise OptionError("encoding", f"{encoding!r} is not an encoding Python knows (e.g. utf-8, latin-1, "
                                      "utf-16)") from None
    return ReadOptions(encoding, max_chars, pipe_timeout)


def _read_inputs(paths: list[str], options: ReadOptions, progress: ReadProgress) -> Iterator[Document | InputError]:
    for path in paths:
        if path == "-":
            yield from _read_stdin(options, progress)
            continue
        p = Path(path)
        try:
            is_dir = stat.S_ISDIR(p.stat().st_mode)
        except FileNotFoundError:
            yield InputError(path, "no such file or directory")
            continue
        except OSError as e:
            yield InputError(path, f"cannot read ({e.strerror or e})")
            continue
        if is_dir:
            files = _files_in(p)
            if not files:
                yield InputError(path, "directory holds no .txt, .md, .html, .json or .jsonl file")
            for f in files:
                yield from _read_file(f, f.relative_to(p).as_posix(), options, progress)
        else:
            yield from _read_file(p, p.name, options, progress)


def _files_in(folder: Path) -> list[Path]:
    return sorted(f for f in folder.rglob("*") if f.is_file() and f.suffix.lower() in READ_SUFFIXES
                  and not any(part.startswith(".") for part in f.relative_to(folder).parts))


def _sizes(path: str) -> Iterator[int]:
    p = Path(path)
    try:
        for f in (_files_in(p) if p.is_dir() else [p] if p.exists() else []):
            yield f.stat().st_size
    except OSError:
        return  # the reader says what is wrong with it


def read_documents(paths: Iterable[str], **options) -> ReadResult:
    result = ReadResult()
    for item in iter_documents(paths, **options):
        if isinstance(item, InputWarning):
            result.warnings.append(item)
        elif isinstance(item, InputError):
            result.errors.append(item)
        else:
            result.documents.append(item)
    return result


class _PatientReader(io.RawIOBase):
    """A pipe or device read without hanging: each read waits at most `timeout` seconds for something to come."""

    def __init__(self, fd: int, timeout: float) -> None:
        super().__init__()
        self.fd, self.timeout = fd, timeout

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def readinto(self, buffer) -> int:
        while True:
            ready, _, _ = select.select([self.fd], [], [], self.timeout)
            if not ready:
                raise InputTimeout(timeout=self.timeout)
            try:
                data = os.read(self.fd, len(buffer))
            except BlockingIOError:
                continue
            buffer[:len(data)] = data
            return len(data)

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
        super().close()


def _open_input(path: Path, options: ReadOptions) -> tuple[IO[bytes], int | None]:
    """The file as a binary stream, and its size when it is a regular file. A pipe (`<(...)`, a FIFO) or a device
    is opened without waiting for a writer, and read with a timeout."""
    st = path.stat()
    if stat.S_ISREG(st.st_mode) or os.name != "posix":
        return path.open("rb"), st.st_size
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    return io.BufferedReader(_PatientReader(fd, options.pipe_timeout)), None


def _read_file(path: Path, file_id: str, options: ReadOptions,
               progress: ReadProgress) -> Iterator[Document | InputError]:
    name = str(path)
    try:
        stream, size = _open_input(path, options)
    except OSError as e:
        yield InputError(name, f"cannot read ({e.strerror or e})")
        return
    start = progress.done

    def advance() -> None:
        if size is not None:
            progress.done = start + min(stream.tell(), size)

    try:
        with stream:
            for item in _read_stream(stream, name, file_id, path.suffix.lower(), size, options):
                advance()
                yield item
    except InputTimeout as e:
        yield InputError(name, f"nothing came in {e.timeout:g} s: a pipe or device no one writes to "
                               "(wait longer with --pipe-timeout)")
    except OSError as e:
        yield InputError(name, f"cannot read ({e.strerror or e})")


def _read_stdin(options: ReadOptions, progress: ReadProgress) -> Iterator[Document | InputError]:
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else io.BytesIO(sys.stdin.read().encode())
    try:
        yield from _read_stream(stream, "<stdin>", "stdin", "", None, options)
    except OSError as e:
        yield InputError("<stdin>", f"cannot read ({e.strerror or e})")


class _Rewound:
    """A binary stream with the bytes already read from it put back in front."""

    def __init__(self, stream, already: bytes = b"") -> None:
        self.stream, self.pending = stream, already

    def readline(self, limit: int = -1) -> bytes:
        if not self.pending:
            return self.stream.readline(limit)
        newline = self.pending.find(b"\n")
        cut = len(self.pending) if newline < 0 else newline + 1
        if limit >= 0:
            cut = min(cut, limit)
        line, self.pending = self.pending[:cut], self.pending[cut:]
        if not self.pending and not line.endswith(b"\n") and (limit < 0 or len(line) < limit):
            line += self.stream.readline(-1 if limit < 0 else limit - len(line))
        return line

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            data, self.pending = self.pending + self.stream.read(), b""
            return data
        data, self.pending = self.pending[:size], self.pending[size:]
        if len(data) < size:
            data += self.stream.read(size - len(data))
        return data


# byte order marks of the encodings that are not ASCII-compatible: their text cannot be split at b"\n"
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
              (codecs.BOM_UTF16_BE, "utf-16"))


def _wide_encoding(head: bytes, encoding: str) -> str | None:
    """UTF-16 or UTF-32, when the input starts with its byte order mark or the user named it; else None."""
    for bom, name in _WIDE_BOMS:
        if head.startswith(bom):
            return name
    return encoding if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")) else None


def _read_stream(stream, name: str, file_id: str, suffix: str, size: int | None,
                 options: ReadOptions) -> Iterator[Document | InputError]:
    """The documents of one input. Its suffix says JSONL, markdown or HTML; any other input (a .txt, a .json, a
    name with no suffix, a pipe, standard input) is read for what it holds: JSON Lines when its first line is a
    JSON object, a JSON array of documents (or one document) when it parses as one, else one text document."""
    encoding = options.encoding
    head = stream.read(8192)
    wide = _wide_encoding(head, encoding)
    if wide:
        # decode it whole (it is read once, and its size is bounded), then read it as UTF-8
        cap = options.line_limit if suffix in JSONL_SUFFIXES | JSON_SUFFIXES else options.max_bytes
        raw = head + stream.read(cap + 1 - len(head))
        if len(raw) > cap:
            yield InputError(name, f"{wide.upper()} input over {cap / 1e6:,.0f} MB: convert it to UTF-8 "
                                   f"(iconv -f {wide.upper()} -t UTF-8), which streams")
            return
        try:
            head, stream, encoding = raw.decode(wide).encode("utf-8", "surrogatepass"), io.BytesIO(), "utf-8"
        except UnicodeDecodeError as e:
            yield InputError(name, f"not {wide.upper()} (bad byte at offset {e.start})")
            return
    elif b"\x00" in head:
        yield InputError(name, "binary file, not text")
        return
    source = _Rewound(stream, head)
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(source.readline, name, file_id, encoding, options.max_chars)
        return
    if suffix in MARKUP_SUFFIXES:
        yield from _read_text(source, name, file_id, suffix, size, encoding, options)
        return
    first = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1]
    if first == b"{":
        line = source.readline(options.line_limit + 1)
        source = _Rewound(source, line)
        if _is_json_object(line, encoding):
            yield from _read_jsonl(source.readline, name, file_id, encoding, options.max_chars)
            return
    if first in (b"{", b"[") or suffix in JSON_SUFFIXES:
        cap = options.line_limit
        raw = source.read(cap + 1)
        if len(raw) > cap:
            yield InputError(name, f"JSON over {cap / 1e6:,.0f} MB: write it as JSON Lines (a document a line), "
                                   "which streams, or raise --max-chars")
            return
        if first == b"{" and _looks_like_json_lines(raw, encoding):  # JSON Lines whose first line is broken
            yield from _read_jsonl(_Rewound(io.BytesIO(), raw).readline, name, file_id, encoding, options.max_chars)
            return
        parsed = _json_documents(raw, name, file_id, encoding, options.max_chars, strict=suffix in JSON_SUFFIXES)
        if parsed is not None:
            yield from parsed or ()
            return
        source = _Rewound(io.BytesIO(), raw)  # not JSON after all: a text that starts with a bracket
    yield from _read_text(source, name, file_id, suffix, size, encoding, options)


def _looks_like_json_lines(raw: bytes, encoding: str) -> bool:
    """Whether the text is JSON Lines although its first line is not a JSON object: every one of its first lines
    starts with a brace, and one after the first is a whole object."""
    lines = [line for line in raw.split(b"\n", 8)[:8] if line.strip()]
    return (len(lines) > 1 and all(line.lstrip(codecs.BOM_UTF8 + b" \t").startswith(b"{") for line in lines[:-1])
            and any(_is_json_object(line, encoding) for line in lines[1:-1] or lines[1:]))


def _is_json_object(line: bytes, encoding: str) -> bool:
    try:
        return isinstance(json.loads(line.decode("utf-8-sig" if _is_utf8(encoding) else encoding)), dict)
    except (ValueError, RecursionError, LookupError):
        return False


def _json_documents(raw: bytes, name: str, file_id: str, encoding: str, max_chars: int, *,
                    strict: bool) -> list[Document | InputError] | None:
    """The documents of a JSON file: an array of document objects, or one object. When it is not JSON: None, or
    an error when it had to be (`strict`, a .json file)."""
    text = _decode(raw, name, encoding)
    if isinstance(text, InputError):
        return [text]
    try:
        value = json.loads(text)
    except RecursionError:
        return [InputError(name, "JSON nested too deep to be a document")]
    except json.JSONDecodeError as e:
        return [InputError(name, f"not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})")] if strict else None
    if isinstance(value, dict):
        return list(_json_document(value, name, name, file_id, max_chars))
    if isinstance(value, list):
        out: list[Document | InputError] = []
        for index, item in enumerate(value, 1):
            where = f"{name}[{index}]"
            if not isinstance(item, dict):
                out.append(InputError(where, f"a JSON {_json_type(item)}, not a document object"))
                continue
            out.extend(_json_document(item, where, name, f"{file_id}:{index}", max_chars))
        return out or [InputError(name, "an empty JSON array: no document")]
    return [InputError(name, f"a JSON {_json_type(value)}, not a document object or an array of them")]


def _read_text(source: _Rewound, name: str, file_id: str, suffix: str, size: int | None, encoding: str,
               options: ReadOptions) -> Iterator[Document | InputError]:
    cap = options.max_bytes
    too_big = (f"over the {options.max_chars / 1e6:,.0f} M character limit: split it, or raise --max-chars")
    if size is not None and size > cap:
        yield InputError(name, f"file is {size / 1e6:,.0f} MB, {too_big}")
        return
    raw = source.read(cap + 1)
    if len(raw) > cap:
        yield InputError(name, f"more than {cap / 1e6:,.0f} MB, {too_big}")
        return
    text = _decode(raw, name, encoding)
    if isinstance(text, InputError):
        yield text
        return
    if suffix in (".html", ".htm"):
        kind = "html"
    elif suffix in (".md", ".markdown"):
        kind = "markdown"
    else:
        kind = "html" if _looks_like_html(text) else "text"
    problem = _text_problem(text, options.max_chars)
    if problem:
        yield InputError(name, problem)
        return
    if name == "<stdin>":
        yield Document(text=text, id="stdin", source="<stdin>", kind=kind, origin=name)
    else:
        yield Document(text=text, id=file_id, title=Path(file_id).stem, source=Path(name).name, kind=kind,
                       origin=name)


_RUNAWAY: Any = object()  # what `_lines` gives for a line with no end in sight; the input ends there


def _lines(readline: Callable[[int], bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line, None for a line over `limit` bytes, which is skipped unread so that
    one runaway line cannot fill the memory; `_RUNAWAY`, and no more, for a line that runs on for many times the
    limit (not line-delimited JSON at all)."""
    lineno = 0
    while True:
        line = readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            skipped = len(line)
            while True:
                rest = readline(1 << 20)
                skipped += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
                if skipped > RUNAWAY_LINES * limit:
                    yield lineno, _RUNAWAY
                    return
            yield lineno, None
            continue
        yield lineno, line.rstrip(b"\r\n")


def _read_jsonl(readline: Callable[[int], bytes], name: str, file_id: str, encoding: str,
                max_chars: int) -> Iterator[Document | InputError]:
    """The documents of a JSONL stream, one a line, each bad line an error naming it."""
    limit = max_chars * JSON_BYTES_PER_CHAR + 4096
    seen_text = False
    for lineno, line in _lines(readline, limit):
        where = f"{name}:{lineno}"
        if line is _RUNAWAY:
            yield InputError(where, f"line runs on past {RUNAWAY_LINES * limit:,} bytes with no end: not JSON "
                                    "Lines; the rest of the input is not read")
            return
        if line is None:
            seen_text = True
            yield InputError(where, f"line is over {limit:,} bytes, more than a document of the {max_chars:,} "
                                    "character limit takes: split it, or raise --max-chars")
            continue
        if not line.strip():
            continue
        if not seen_text and b"\x00" in line[:4096]:
            yield InputError(name, "binary file, not JSONL")
            return
        seen_text = True
        yield from _jsonl_document(line, name, lineno, file_id, encoding, max_chars)
    if not seen_text:
        yield InputError(name, "empty file")


def _jsonl_document(line: bytes, name: str, lineno: int, file_id: str, encoding: str,
                    max_chars: int) -> Iterator[Document | InputError]:
    where = f"{name}:{lineno}"
    text = _decode(line, where, encoding)
    if isinstance(text, InputError):
        yield text
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        yield InputError(where, f"not valid JSON: {e.msg} (column {e.colno}); is the line cut short?")
        return
    except RecursionError:
        yield InputError(where, "JSON nested too deep to be a document")
        return
    if not isinstance(obj, dict):
        yield InputError(where, f"a JSON {_json_type(obj)}, not a document object")
        return
    yield from _json_document(obj, where, name, f"{file_id}:{lineno}", max_chars)


def _json_document(obj: dict, where: str, name: str, default_id: str,
                   max_chars: int) -> Iterator[Document | InputError]:
    """The Document of one JSON object, or the error that says why it is none."""
    key = next((k for k in TEXT_KEYS if k in obj and obj[k] is not None), None)
    if key is None:
        yield InputError(where, 'no "text" field')
        return
    body = obj[key]
    if not isinstance(body, str):
        yield InputError(where, f'"{key}" is a JSON {_json_type(body)}, not a string of text')
        return
    problem = _text_problem(body, max_chars)
    if problem:
        yield InputError(where, problem)
        return
    yield from _dated_document(obj, body, where, name, default_id)


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {dict: "object", list: "array", str: "string", int: "number", float: "number",
            type(None): "null"}.get(type(value), type(value).__name__)


def _dated_document(obj: dict, body: str, where: str, name: str,
                    default_id: str) -> Iterator[Document | InputWarning]:
    """The Document of a JSON line whose text is good; a date that cannot be read is a warning, not an error."""
    doc_id = str(obj.get("id") or obj.get("doc_id") or default_id)
    raw_date = obj.get("date")
    if isinstance(raw_date, list):
        raw_date = next((d for d in raw_date if isinstance(d, str)), "")
    date_text = ""
    try:
        doc_date = parse_document_date(str(raw_date or ""), where)
    except InputError as e:
        # the text is still good: code it without a publication date, keeping the field's year as a hint
        yield InputWarning(where, f"{e.problem}; coded without a publication date")
        doc_date, date_text = None, str(raw_date)
    kind = "html" if _looks_like_html(body) else ("markdown" if "text_clean" in obj or "**" in body else "text")
    # the source is what the document says it is, else its title, else the file's name: never a path on this
    # machine (ACLED's source column names the outlet; the title is the nearest thing a line without one has)
    title = str(obj.get("title") or "")
    yield Document(text=body, id=doc_id, date=doc_date, title=title,
                   source=str(obj.get("source") or title or Path(name).name), url=str(obj.get("url") or ""),
                   kind=kind, date_text=date_text, origin=where)


def _is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8")


def _decode(raw: bytes, name: str, encoding: str) -> str | InputError:
    if b"\x00" in raw[:8192]:
        return InputError(name, "binary file, not text")
    try:
        return raw.decode("utf-8-sig" if _is_utf8(encoding) else encoding)
    except UnicodeDecodeError as e:
        return InputError(name, f"not {encoding} (bad byte at offset {e.start}): try --encoding latin-1")
    except LookupError:
        return InputError(name, f"unknown encoding {encoding!r}")


def _text_problem(text: str, max_chars: int) -> str | None:
    if not text.strip():
        return "empty document"
    if len(text) > max_chars:
        return f"document has {len(text):,} characters, over the {max_chars:,} limit: split it, or raise --max-chars"
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(sample) * 0.05:
        return "binary content, not text"
    script = foreign_script(text)
    if script:
        return (f"written in {script} script, and eventcoder reads English only: it would find no event here "
                "(translate it first)")
    return None


_TAG = re.compile(r"<[^>]*>")


def foreign_script(text: str, sample: int = 5000) -> str | None:
    """The script most of a text's letters are written in when it is not the Latin alphabet, else None: a text
    the coder cannot read, said so rather than coded as one with no event.

    >>> foreign_script("القوات الحكومية سيطرت على المدينة"), foreign_script("Rebels took Tal Abyad (تل أبيض).")
    ('Arabic', None)
    """
    letters = [ch for ch in _TAG.sub(" ", text[:sample]) if ch.isalpha()]
    if not letters:
        return None
    scripts: dict[str, int] = {}
    for ch in letters:
        if ord(ch) < 0x250 or 0x1E00 <= ord(ch) < 0x1F00:  # Latin, with its extensions (Vietnamese too)
            continue
        script = unicodedata.name(ch, "OTHER").split(" ")[0]
        scripts[script] = scripts.get(script, 0) + 1
    foreign = sum(scripts.values())
    if foreign * 2 <= len(letters):
        return None
    script = max(sorted(scripts), key=scripts.get)
    return script if script == "CJK" else script.capitalize()


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or len(re.findall(r"</?(p|div|span|a|br|li)\b", head)) >= 3


def as_document(item: "Document | str", index: int = 0) -> Document:
    """Accept a Document or a plain string (which becomes document `doc-<n>`)."""
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(text=item, id=f"doc-{index + 1}", kind="html" if _looks_like_html(item) else "text")
    raise TypeError(f"expected a Document or a str, got {type(item).__name__}")

