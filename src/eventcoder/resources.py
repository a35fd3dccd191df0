"""Reading the knowledge files: facts under eventcoder/data, language data under eventcoder/lang/<code>.

Every file is tab-separated, one row a line; lines starting with `#` are comments (each file's header says its
grammar and sources). A row with the wrong number of fields fails at load time naming the file and line.

A user adds rows without editing the installed package: a file of the same name in the overlay folder
(`$EVENTCODER_OVERLAY`, else `~/.local/share/eventcoder/overlay`) is read after the packaged one, in the same
grammar. So `overlay/triggers.tsv` adds triggers, `overlay/actors.tsv` actors and aliases, and
`overlay/place_nouns.tsv` words to a word class (see eventcoder.lang).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterator

from .errors import DataFileError

LANGUAGE = "en"  # the language whose word lists and rules the stages read


@dataclass(frozen=True)
class DataRow:
    file: str
    line: int
    fields: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.fields[key]

    def get(self, key: str, default: str = "") -> str:
        return self.fields.get(key) or default


def overlay_dir() -> Path:
    """The user's overlay folder: $EVENTCODER_OVERLAY, else the user's data folder."""
    if os.environ.get("EVENTCODER_OVERLAY"):
        return Path(os.environ["EVENTCODER_OVERLAY"])
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "eventcoder" / "overlay"


def _packaged(name: str):
    lang = resources.files("eventcoder.lang").joinpath(LANGUAGE, name)
    return lang if lang.is_file() else resources.files("eventcoder.data").joinpath(name)


def read_text(name: str) -> str:
    """The packaged file `name`: language data first (lang/<code>/), else a data file."""
    return _packaged(name).read_text(encoding="utf-8")


def read_texts(name: str) -> Iterator[tuple[str, str]]:
    """(label, text) of the packaged file `name`, then of the user's overlay file of that name, if there is one."""
    yield name, read_text(name)
    user = overlay_dir() / name
    if user.is_file():
        try:
            yield str(user), user.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise DataFileError(str(user), 0, f"cannot be read ({e})") from None


def read_table(name: str, columns: list[str], *, required: int | list[str] | None = None) -> Iterator[DataRow]:
    """Yield the rows of data file `name` (the packaged file's, then the overlay's) as dicts keyed by `columns`.

    The `required` columns (a list of names, or the first N; all by default) must be present and non-empty.
    """
    required = len(columns) if required is None else required
    must = set(required) if isinstance(required, list) else set(columns[:required])
    for label, text in read_texts(name):
        yield from _rows(label, text, columns, must)


def _rows(label: str, text: str, columns: list[str], must: set[str]) -> Iterator[DataRow]:
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) > len(columns):
            raise DataFileError(label, lineno,
                                f"{len(parts)} fields, expected at most {len(columns)} ({', '.join(columns)})")
        parts += [""] * (len(columns) - len(parts))
        missing = [c for c, v in zip(columns, parts) if c in must and not v.strip()]
        if missing:
            raise DataFileError(label, lineno, f"missing {', '.join(missing)}")
        yield DataRow(label, lineno, {c: v.strip() for c, v in zip(columns, parts)})
