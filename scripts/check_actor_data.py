"""Check the actor data files against each other: actors.tsv, actors_world.tsv, actors_ucdp.tsv, actor_aliases.tsv
and government_periods.tsv.

Checks: every file UTF-8, TAB-separated, with a header comment and no trailing spaces; each row its file's number of
columns; ids unique across the three registries; every actor_aliases.tsv id defined; inter codes 1-8; ISO alpha-2
codes known to countryinfo or to the country list (acled_countries.tsv: Kosovo's XK); no alias (case-folded, =
stripped) held by two actors of the same country; no alias in the new files shorter than 3 characters or equal to one
of the 2,000 most frequent English words (wordfreq, where it is installed; else a short hand list); government
periods in order, first year <= last year, one open period at most; no two actors under one name (but a unit coded
under its parent's name, or UCDP's namesakes in different countries). The registry rows of actors.tsv are checked
as they are; a clash counts only where a new file takes part.

Usage: python scripts/check_actor_data.py [DATA_FOLDER]  (exit status 1 and one line per problem when any fails)
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "eventcoder" / "data"
REGISTRIES = {"actors.tsv": 9, "actors_world.tsv": 10, "actors_ucdp.tsv": 10}
NEW = {"actors_world.tsv", "actors_ucdp.tsv", "actor_aliases.tsv"}
FALLBACK_COMMON = """the of and to in is was for on that with as by at from it his an were are which this be or has
had not but first one their its new after who they have her she two been other when there all during into school
time may years more most only over city some world would where later can than about many up out people so made game
them state team under then no well him year university war known family film part three these second both such
through between being while government album new season since group against national before life number being house
area force forces army police order law state union party front movement council power way state service
""".split()


def common_words() -> tuple[set[str], str]:
    try:
        from wordfreq import top_n_list
        return set(top_n_list("en", 2000)), "wordfreq top 2,000"
    except ImportError:
        return set(FALLBACK_COMMON), "hand list (wordfreq not installed)"


def iso2_codes(data: Path = DATA) -> set[str]:
    """countryinfo's alpha-2 codes, and the country list's (it has Kosovo, XK, which countryinfo lacks)."""
    folder = resources.files("countryinfo").joinpath("data")
    codes = set()
    for p in folder.iterdir():
        if p.name.endswith(".json"):
            code = (json.loads(p.read_text("utf-8")).get("ISO") or {}).get("alpha2")
            if code:
                codes.add(code)
    listed = data / "acled_countries.tsv"
    if listed.exists():
        codes |= {line.split("\t")[0] for line in listed.read_text(encoding="utf-8").splitlines()
                  if line and not line.startswith("#")}
    return codes


def rows(path: Path, columns: int, problems: list[str]) -> list[tuple[int, list[str]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append(f"{path.name}: not UTF-8 ({e})")
        return []
    lines = text.split("\n")
    if not lines[0].startswith("#"):
        problems.append(f"{path.name}: no header comment")
    out = []
    for n, line in enumerate(lines, 1):
        if line != line.rstrip() and line.strip():
            problems.append(f"{path.name}:{n}: trailing whitespace")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != columns and path.name in NEW:
            problems.append(f"{path.name}:{n}: {len(parts)} columns, expected {columns}")
        if any(p != p.strip() for p in parts):
            problems.append(f"{path.name}:{n}: a field with spaces around it")
        out.append((n, parts + [""] * (columns - len(parts))))
    return out


def key(alias: str) -> str:
    return alias.lstrip("=").casefold()


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else DATA
    problems: list[str] = []
    iso2 = iso2_codes(data)
    common, common_source = common_words()
    actors: dict[str, tuple[str, str]] = {}  # id -> (file, country)
    holders: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # (alias, country) -> {(id, file)}
    named: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # name -> [(id, file, parent)]
    counts = {}

    def check_alias(alias: str, where: str, file: str) -> None:
        if file not in NEW:
            return
        if len(alias.lstrip("=")) < 3:
            problems.append(f"{where}: alias {alias!r} shorter than 3 characters")
        if key(alias) in common:
            problems.append(f"{where}: alias {alias!r} is a common English word")
        if alias != alias.strip() or not alias.strip("="):
            problems.append(f"{where}: empty or padded alias {alias!r}")

    for file, columns in REGISTRIES.items():
        path = data / file
        if not path.exists():
            problems.append(f"{file}: missing")
            continue
        table = rows(path, columns, problems)
        counts[file] = len(table)
        for n, r in table:
            where = f"{file}:{n}"
            aid, inter, country = r[0], r[2], r[3]
            if aid in actors:
                problems.append(f"{where}: id {aid} already defined in {actors[aid][0]}")
            actors[aid] = (file, country, r[6] if len(r) > 6 else '', r[7] if len(r) > 7 else '')
            named[r[1]].append((aid, file, r[4]))
            if not inter.isdigit() or not 1 <= int(inter) <= 8:
                problems.append(f"{where}: inter {inter!r} not an ACLED code 1-8")
            codes = [country] + (r[9].split("|") if columns > 9 and r[9] else [])
            for code in codes:
                if code and (not re.fullmatch(r"[A-Z]{2}", code) or code not in iso2):
                    problems.append(f"{where}: {code!r} is not an ISO alpha-2 code countryinfo knows")
            if columns > 9 and country and r[9] and country not in r[9].split("|"):
                problems.append(f"{where}: operates_in {r[9]} lacks the main country {country}")
            for y in (r[6], r[7]):
                if y and not y.isdigit():
                    problems.append(f"{where}: year {y!r} not a number")
            if file in NEW and not r[8]:
                problems.append(f"{where}: no source")
            for alias in filter(None, r[5].split("|")):
                check_alias(alias, where, file)
                holders[(key(alias), country)].add((aid, file))

    for name, holders_ in sorted(named.items()):
        ids = {aid for aid, _, _ in holders_}
        units = {aid for aid, _, parent in holders_ if parent in ids}  # coded under their parent, named as it
        if len(ids - units) > 1 and any(f != "actors_ucdp.tsv" for _, f, _ in holders_):
            problems.append(f"name {name!r}: held by {', '.join(sorted(ids))}")

    path = data / "actor_aliases.tsv"
    table = rows(path, 3, problems) if path.exists() else problems.append("actor_aliases.tsv: missing") or []
    counts["actor_aliases.tsv"] = len(table)
    seen_ids = set()
    generic = {line.split("\t")[0] for line in (data / "generic_actors.tsv").read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#")}
    for _, (aid, *_rest) in table:
        kind, _, code = aid.partition(":")
        if kind in generic and code in iso2:  # a generic actor's national form: STATE:SD
            actors.setdefault(aid, ("generic_actors.tsv", code, "", ""))
    for n, (aid, aliases, source) in table:
        where = f"actor_aliases.tsv:{n}"
        if aid not in actors:
            problems.append(f"{where}: actor {aid} is defined in no registry")
            continue
        if aid in seen_ids:
            problems.append(f"{where}: actor {aid} has a second row")
        seen_ids.add(aid)
        if not source:
            problems.append(f"{where}: no source")
        for alias in filter(None, aliases.split("|")):
            check_alias(alias, where, "actor_aliases.tsv")
            holders[(key(alias), actors[aid][1])].add((aid, "actor_aliases.tsv"))

    for (alias, country), ids in sorted(holders.items()):
        actor_ids = {i for i, _ in ids}
        spans = sorted((int(actors[i][2] or 0), int(actors[i][3] or 9999)) for i in actor_ids)
        one_at_a_time = all(a[1] < b[0] for a, b in zip(spans, spans[1:]))  # a group renamed: never both at once
        if len(actor_ids) > 1 and any(f in NEW for _, f in ids) and not one_at_a_time:
            problems.append(f"alias {alias!r} in {country or 'no country'}: held by {', '.join(sorted(actor_ids))}")

    path = data / "government_periods.tsv"
    table = rows(path, 5, problems) if path.exists() else problems.append("government_periods.tsv: missing") or []
    counts["government_periods.tsv"] = len(table)
    periods: dict[str, list[tuple[int, int | None, int]]] = defaultdict(list)
    for n, (country, first, last, who, source) in table:
        where = f"government_periods.tsv:{n}"
        if country not in iso2:
            problems.append(f"{where}: {country!r} is not an ISO alpha-2 code countryinfo knows")
        if not first.isdigit() or (last and not last.isdigit()):
            problems.append(f"{where}: years {first!r}-{last!r} not numbers")
            continue
        if last and int(last) < int(first):
            problems.append(f"{where}: ends ({last}) before it begins ({first})")
        if not who or not source:
            problems.append(f"{where}: who governed and source are required")
        periods[country].append((int(first), int(last) if last else None, n))
    for country, ps in periods.items():
        for (f1, l1, n1), (f2, l2, n2) in zip(ps, ps[1:]):
            if l1 is None:
                problems.append(f"government_periods.tsv:{n1}: {country}: an open period is followed by line {n2}")
            elif f2 < l1 or f2 < f1:
                problems.append(f"government_periods.tsv:{n2}: {country}: begins ({f2}) before line {n1} ends ({l1})")

    print(f"checked {', '.join(f'{f} {c} rows' for f, c in counts.items())}; common words: {common_source}; "
          f"{len(problems)} problems")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
