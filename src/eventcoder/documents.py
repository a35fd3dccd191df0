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

import html
import io
import json
import re
import sys
from array import array
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import InputError, InputWarning
from .lang import pattern

DEFAULT_MAX_CHARS = 20_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
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

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean [start, end) span to the original text."""
        if not self.text:
            return 0, 0
        start = min(max(start, 0), len(self.text) - 1)
        end = min(max(end, start + 1), len(self.text))
        return self.offsets[start], self.offsets[end - 1] + 1


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
_MD_IMAGE_DEBRIS = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|\S*\.(?:jpg|jpeg|png|svg|gif|webp)\S*", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_MD_MARK = re.compile(r"\*{1,3}|_{2,3}|`+|^#{1,6}[ \t]+|^>[ \t]?|^[ \t]*[-*+][ \t]+", re.MULTILINE)
_HTML_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<![^>]*>")
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
    return _squeeze(b.build(len(text), refs))


def _removed_spans(text: str, kind: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, replacement, is_reference) for every piece of markup, in text order, non-overlapping."""
    spans: list[tuple[int, int, str, bool]] = []
    if kind == "html":
        for m in _HTML_DROP.finditer(text):
            spans.append((m.start(), m.end(), " ", False))
        for m in _HTML_TAG.finditer(text):
            block = (m.group(1) or "").lower() in _HTML_BLOCK
            spans.append((m.start(), m.end(), "\n" if block else "", False))
        for m in _ENTITY.finditer(text):
            spans.append((m.start(), m.end(), html.unescape(m.group()), False))
    for m in _CITATION.finditer(text):
        spans.append((m.start(), m.end(), "", True))
    if kind in ("markdown", "text"):
        for m in _MD_IMAGE_DEBRIS.finditer(text):
            if m.group().startswith("[") or m.group().startswith("!"):
                continue  # links are handled below, keeping their text
            spans.append((m.start(), m.end(), "", False))
        for m in _MD_LINK.finditer(text):
            spans.append((m.start(), m.start(1), "", False))
            spans.append((m.end(1), m.end(), "", False))
        if kind == "markdown" or "**" in text or "\n#" in text or text.startswith("#"):
            for m in _MD_MARK.finditer(text):
                spans.append((m.start(), m.end(), "", False))
    spans.extend(_infobox_spans(text))
    spans.sort(key=lambda s: (s[0], -s[1]))
    return spans


def _infobox_spans(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """The infobox debris at the head of a paragraph, up to where the lede sentence begins."""
    pos = 0
    for line in text.split("\n"):
        if _INFOBOX_START.match(line):
            lede = _LEDE_START.search(line)
            if lede and lede.start() > 0:
                yield (pos, pos + lede.start(), "", False)
        pos += len(line) + 1


_SPACE_RUN = re.compile(r"[ \t\u00a0]+")


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


def iter_documents(paths: Iterable[str], *, encoding: str = "utf-8", max_chars: int = DEFAULT_MAX_CHARS,
                   progress: ReadProgress | None = None) -> Iterator[Document | InputError]:
    """Yield a Document for every good input, an InputError for every bad one and an InputWarning for an odd
    one still coded (the warning comes before its document), never stopping early. `progress`, when given, is
    kept up to date with the bytes read."""
    paths = list(paths)
    progress = progress if progress is not None else ReadProgress()
    progress.total = None if "-" in paths else sum(size for f in paths for size in _sizes(f))
    for path in paths:
        if path == "-":
            yield from _read_stdin(encoding, max_chars)
            continue
        p = Path(path)
        if p.is_dir():
            files = _files_in(p)
            if not files:
                yield InputError(path, "directory holds no .txt, .md, .html or .jsonl file")
            for f in files:
                yield from _read_file(f, encoding, max_chars, progress)
        elif p.exists():
            yield from _read_file(p, encoding, max_chars, progress)
        else:
            yield InputError(path, "no such file or directory")


def _files_in(folder: Path) -> list[Path]:
    return sorted(f for f in folder.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES
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


def _read_file(path: Path, encoding: str, max_chars: int,
               progress: ReadProgress) -> Iterator[Document | InputError]:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        start = progress.done
        try:
            with path.open("rb") as f:
                for item in _read_jsonl(f.readline, name, path.stem, encoding, max_chars):
                    progress.done = start + f.tell()
                    yield item
        except OSError as e:
            yield InputError(name, f"cannot read ({e.strerror or e})")
        return
    try:
        size = path.stat().st_size
        if size > max_chars * 4:
            yield InputError(name, f"file is {size / 1e6:.0f} MB, over the {max_chars / 1e6:.0f} M character limit: "
                                   "split it, or raise --max-chars")
            return
        raw = path.read_bytes()
    except OSError as e:
        yield InputError(name, f"cannot read ({e.strerror or e})")
        return
    progress.done += len(raw)
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
    problem = _text_problem(text, max_chars)
    if problem:
        yield InputError(name, problem)
        return
    yield Document(text=text, id=path.stem, title=path.stem, source=path.name, kind=kind)


def _read_stdin(encoding: str, max_chars: int) -> Iterator[Document | InputError]:
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else io.BytesIO(sys.stdin.read().encode())
    head: list[bytes] = []  # up to the first line that is not blank: it tells JSONL from text
    for line in iter(stream.readline, b""):
        head.append(line)
        if line.strip():
            break
    if head and head[-1].lstrip().startswith(b"{"):
        pending = list(head)

        def readline(limit: int = -1) -> bytes:
            return pending.pop(0) if pending else stream.readline(limit)

        yield from _read_jsonl(readline, "<stdin>", "stdin", encoding, max_chars)
        return
    raw = b"".join(head) + stream.read()
    text = _decode(raw, "<stdin>", encoding)
    if isinstance(text, InputError):
        yield text
        return
    problem = _text_problem(text, max_chars)
    if problem:
        yield InputError("<stdin>", problem)
        return
    yield Document(text=text, id="stdin", source="<stdin>", kind="html" if _looks_like_html(text) else "text")


def _lines(readline: Callable[[int], bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line, None for a line over `limit` bytes, which is skipped unread so that
    one runaway line cannot fill the memory."""
    lineno = 0
    while True:
        line = readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, line.rstrip(b"\r\n")


def _read_jsonl(readline: Callable[[int], bytes], name: str, stem: str, encoding: str,
                max_chars: int) -> Iterator[Document | InputError]:
    """The documents of a JSONL stream, one a line, each bad line an error naming it."""
    limit = max_chars * JSON_BYTES_PER_CHAR + 4096
    seen_text = False
    for lineno, line in _lines(readline, limit):
        where = f"{name}:{lineno}"
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
        yield from _jsonl_document(line, name, lineno, stem, encoding, max_chars)
    if not seen_text:
        yield InputError(name, "empty file")


def _jsonl_document(line: bytes, name: str, lineno: int, stem: str, encoding: str,
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
    if not isinstance(obj, dict):
        yield InputError(where, "not a JSON object")
        return
    body = next((obj[k] for k in TEXT_KEYS if isinstance(obj.get(k), str)), None)
    if body is None:
        yield InputError(where, 'no "text" field')
        return
    problem = _text_problem(body, max_chars)
    if problem:
        yield InputError(where, problem)
        return
    yield from _dated_document(obj, body, where, name, f"{stem}-{lineno}")


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
    yield Document(text=body, id=doc_id, date=doc_date, title=str(obj.get("title") or ""),
                   source=str(obj.get("source") or name), url=str(obj.get("url") or ""),
                   kind=kind, date_text=date_text)


def _decode(raw: bytes, name: str, encoding: str) -> str | InputError:
    if b"\x00" in raw[:8192]:
        return InputError(name, "binary file, not text")
    try:
        return raw.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding)
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
    return None


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

