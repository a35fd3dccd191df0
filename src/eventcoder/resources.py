"""Reading the knowledge files under eventcoder/data.

Every file is tab-separated, one row a line; lines starting with `#` are comments (each file's header says its
grammar and sources). A row with the wrong number of fields fails at load time naming the file and line.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Iterator

from .errors import DataFileError


@dataclass(frozen=True)
class DataRow:
    file: str
    line: int
    fields: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.fields[key]

    def get(self, key: str, default: str = "") -> str:
        return self.fields.get(key) or default


def read_text(name: str) -> str:
    return resources.files("eventcoder.data").joinpath(name).read_text(encoding="utf-8")


def read_table(name: str, columns: list[str], *, required: int | list[str] | None = None) -> Iterator[DataRow]:
    """Yield the rows of data file `name` as dicts keyed by `columns`.

    The `required` columns (a list of names, or the first N; all by default) must be present and non-empty.
    """
    required = len(columns) if required is None else required
    if isinstance(required, list):
        must = set(required)
    else:
        must = set(columns[:required])
    for lineno, raw in enumerate(read_text(name).splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) > len(columns):
            raise DataFileError(name, lineno, f"{len(parts)} fields, expected at most {len(columns)} ({', '.join(columns)})")
        parts += [""] * (len(columns) - len(parts))
        missing = [c for c, v in zip(columns, parts) if c in must and not v.strip()]
        if missing:
            raise DataFileError(name, lineno, f"missing {', '.join(missing)}")
        yield DataRow(name, lineno, {c: v.strip() for c, v in zip(columns, parts)})
