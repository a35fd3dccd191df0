"""Finding place names in a sentence: spaCy's entities plus every capitalised run the gazetteer knows."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..lang import pattern, word_set, words
from ..nlp import entities, parse_memo
from .entry import distance_km
from .gazetteer import PROMINENT, Gazetteer, GazetteerEntry, countries_about
from .names import GENERIC_WORDS, fold_name, strip_generic, written_form

MAX_NAME_TOKENS = 6


def cue_before_name(name: str) -> re.Pattern:
    """A cue of lang/en/words_place.tsv that ends right before a name: the pattern, then the gap up to the name."""
    cue = pattern(name)
    return re.compile(r"(?:" + cue.pattern.removeprefix("(?i)") + r")\s+$", cue.flags)


ARTICLES = word_set("name_articles")
ENGLISH_ARTICLES = word_set("articles_also_english")  # "at", "as", "an": English words before a space
# words that may end a place name though not capitalised ("Brigade 113", "the Jazal gas field")
NAME_TAILS = word_set("name_tails")
# a place named only to say where another is: "north of Palmyra", "10 km from the city"
REFERENCE_CUE = cue_before_name("reference_cue")
# a place named as the whole a more specific place is part of: "the Industrial and al-Sina'ah districts of Deir
# ez-Zor city" (a named district before the cue), "Deir ez-Zor's northern entrance", "the border between X and Y"
CONTAINER_CUE = cue_before_name("container_cue")
GENERIC_PLACE = pattern("generic_place")


@dataclass(frozen=True)
class PlaceMention:
    start: int  # offsets into the sentence text
    end: int
    text: str
    entry: GazetteerEntry
    root: Token
    reference: bool  # named as a point of reference, not as where something happened
    container: bool = False  # named as the whole a more specific place belongs to
    options: tuple[GazetteerEntry, ...] = ()  # the places the name may be, when the sentence may yet tell which


@dataclass
class _SpotterView:
    """One sentence as the spotter sees it: its text and tokens read once, the spans it may not take a place from,
    the people spaCy sees in it, and the document's countries and places so far (what the spotter alone needs;
    the stages share `context.SentenceContext`)."""

    span: Span
    text: str
    base: int
    tokens: list[Token]
    blocked: list[tuple[int, int]]
    people: list[tuple[int, int]]
    entity_tokens: set[int]
    countries: dict[str, float]
    near: list[tuple[float, float]]
    admins: set[tuple[str, str]]

    @property
    def about(self) -> set[str]:
        return countries_about(self.countries)

    @property
    def leading(self) -> str:
        """The country the document is most about ("" when it names none)."""
        return max(sorted(self.countries.items()), key=lambda kv: kv[1])[0] if self.countries else ""

    @classmethod
    def of(cls, sent: Span, blocked: list[tuple[int, int]], countries: dict[str, float],
           near: list[tuple[float, float]], admins: set[tuple[str, str]]) -> "_SpotterView":
        base = sent.start_char
        ents = entities(sent)
        people = [(e.start_char - base, e.end_char - base) for e in ents if e.label_ in ("PERSON", "NORP")]
        entity_tokens = {t.i for e in ents if e.label_ in ("GPE", "LOC", "FAC", "ORG") for t in e}
        # Span.text is rebuilt from every token on each call: read it once
        return cls(sent, sent.text, base, list(sent), blocked, people, entity_tokens, countries, near, admins)

    def offsets(self, span: list[Token]) -> tuple[int, int]:
        return span[0].idx - self.base, span[-1].idx + len(span[-1]) - self.base

    def before(self, start: int) -> str:
        return self.text[max(0, start - 40):start]


class PlaceSpotter:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def find(self, sent: Span, *, blocked: list[tuple[int, int]], countries: dict[str, float],
             near: list[tuple[float, float]], recent: GazetteerEntry | None = None,
             admins: set[tuple[str, str]] = frozenset()) -> list[PlaceMention]:
        """Place mentions in `sent` (offsets relative to it), longest name first, skipping `blocked` spans
        (actor names, dates) and people; `recent` is the place the narrative last named, where a place the
        gazetteer lacks is put when the sentence names no other; `admins` the (country, admin1) areas the document
        names, whose places a name means before their namesakes elsewhere."""
        s = _SpotterView.of(sent, blocked, countries, near, set(admins))
        out: list[PlaceMention] = []
        i = 0
        while i < len(s.tokens):
            found = self._name_at(s, i) if _may_start(s.tokens[i]) else None
            if found:
                out.append(found[0])
                i += found[1]
            else:
                i += 1
        out = self._by_relations(self._near_each_other(s, out), countries, near)
        out = self._province_after_comma(s, sorted(out + self._unlisted(s, out, recent), key=lambda m: m.start))
        if not any(not m.reference for m in out):
            out += self._country_as_place(s)
        out = _containers_named_after(s.text, self._parts_within(s, self._framed(s, out), recent))
        return [self._at_home(s, m) for m in out]

    def _name_at(self, s: _SpotterView, i: int) -> tuple[PlaceMention, int] | None:
        """The longest credible place name that starts at token i, and its length in tokens."""
        for n in range(min(MAX_NAME_TOKENS, len(s.tokens) - i), 0, -1):
            span = s.tokens[i:i + n]
            if not _may_end(span[-1]) or any("\n" in t.text or t.text in ("(", ")") for t in span):
                continue  # a name stops at a line's end and at a bracket: "Rawson (Chubut)" is Rawson, then Chubut
            start, end = s.offsets(span)
            text = s.text[start:end]
            if _overlaps((start, end), s.blocked):
                continue
            if n == 1 and self._direction_of_country(s, i):
                continue  # "Northern Iraq": a part of the country, not a place called Northern
            if self._tail_of_longer_name(s.tokens, i):
                continue  # the "Sham" of "Busra Esh-Sham", the "Nagar" of "Kotwali Nagar": no place of its own
            if n == 1 and i + 1 < len(s.tokens) and s.tokens[i + 1].is_title and span[0].lower_ in PART_OF_PLACE_BEFORE:
                continue  # the "Colonia" of "Colonia Loma Alta": the word for a part of a town, no place
            matches = [(e, written) for e, written in self.gazetteer.matches(text) if e.kind != "country"]
            named = [e for e, _ in matches]
            # in running text a spelling that only folds alike is a guess: one only in the country the document is
            # most about ("at Bustan" is no Boston, whatever the article says of Americans)
            # and a spelling that only folds alike is one of the admin areas the document names, when it names some
            # ("Al Hawban ... (Sabir Al Mawadim, Taizz)" is no Habban of Shabwah)
            options = [e for e, written in matches if self.gazetteer.admissible(e, written, s.countries, named, text)
                       and (written or (e.country == s.leading
                                        and (not s.admins or (e.country, e.admin1) in s.admins)))]
            if not options:
                continue
            if _TOWN_AFTER.match(s.text, end) and any(not e.is_area for e in options):
                options = [e for e in options if not e.is_area]  # "Jamshoro city": the town, not its district
            entry = self.gazetteer.best(options, s.countries, s.near, s.admins)
            written = any(w for e, w in matches if e == entry)
            if n == 1 and (entry.country != s.leading or not written) and (
                    _inside_longer_name(s.tokens, i) or _names_a_thing(span[0]) or _common_noun_after_the(s.tokens, i)):
                continue  # "Karbonit Mine", "Security Council", "Apache helicopters", "the Ridge": no place
            chosen = entry
            entry = self._within_bracketed_area(s, text, end, options, entry)
            # with no country context yet (a one-line input), a name only one country has is its own context
            unique = not s.countries and len({e.country for e in options}) == 1
            placed = self._said_to_lie_in(s.text, end, entry)
            if not self._credible(span, entry, s.countries, s.entity_tokens, s.people, (start, end), unique, placed):
                continue
            mention = _mention(s, span, start, end, entry)
            return (replace(mention, options=tuple(options)) if entry == chosen and len(options) > 1 else mention), n
        return None

    def _tail_of_longer_name(self, tokens: list[Token], i: int) -> bool:
        """Whether a name starting at token i is the tail of a longer one: a capitalised word stands right before
        it ("Kotwali Nagar", "Al Sham Corps"), which is no direction ("Northern Aleppo"), no country's word
        ("Syrian Golan") and no word for a part of a town ("Colonia Loma Alta")."""
        if i == 0:
            return False
        before = tokens[i - 1]
        if not (before.is_alpha and before.text[:1].isupper() and before.whitespace_):
            return False
        if before.is_sent_start and before.lower_ not in ARTICLES:
            return False
        if before.lower_ in _DIRECTIONS or before.lower_ in GREATER_WORDS or before.lower_ in PART_OF_PLACE_BEFORE:
            return False
        return not self.gazetteer.country_of_word(before.text)

    def named_places(self, sent: Span, *, countries: dict[str, float], near: list[tuple[float, float]],
                     admins: set[tuple[str, str]] = frozenset(),
                     blocked: list[tuple[int, int]] = ()) -> list[tuple[GazetteerEntry, int]]:
        """The places a sentence read without its parse names (the first pass's words: no entities, tags or tree),
        with their offsets: its capitalised runs the gazetteer knows (`known_names`), each the place `find` would
        weigh first among its namesakes near the places named before: in the country the document is most about,
        or in another it is about when a word that puts a place comes right before it ("in", "near", "the village
        of"); never in a `blocked` span (its dates). With no entities to tell a person ("director Orlando ...") or
        a month ("May 2018") from a place, that is what still says it is one. Less than `find` reads: no generic
        noun that refers back, and no name only spaCy's entities would have shown."""
        leading = max(sorted(countries.items()), key=lambda kv: kv[1])[0] if countries else ""
        about = countries_about(countries)
        out, ends = [], []
        text = sent.text
        for name, start in self.known_names(sent, with_offsets=True):
            if _overlaps((start, start + len(name)), list(blocked)):
                continue
            if ends and _QUALIFIER_GAP.fullmatch(text[ends[-1]:start]):
                continue  # "in Volta Redonda, Rio de Janeiro": the state the place before lies in, no place named
            cued = _PLACE_CUE_BEFORE.search(text[max(0, start - 30):start].rstrip().lower()) is not None
            matches = [(e, written) for e, written in self.gazetteer.matches(name) if e.kind != "country"]
            named = [e for e, _ in matches]
            # a place of the country the document is most about; of another it is about, only after a word that
            # puts a place: a namesake abroad is more often a person's name or another word
            options = [e for e, written in matches if (e.country == leading or (cued and e.country in about))
                       and self.gazetteer.admissible(e, written, countries, named, name)
                       and (written or (e.country == leading and (not admins or (e.country, e.admin1) in admins)))]
            if options:
                out.append((self.gazetteer.best(options, countries, near, admins), start))
                ends.append(start + len(name))
        return out

    def known_names(self, sent: Span, with_offsets: bool = False) -> list:
        """The longest runs of the sentence's capitalised words that the gazetteer knows a place by, leaving out
        a sentence's first word alone and a country's own words ("Iraqi"); with their offsets into the sentence's
        text when asked."""
        tokens, out, i = list(sent), [], 0
        text, base = sent.text, sent.start_char  # Doc.text is rebuilt from every token on each call: read once
        while i < len(tokens):
            step = 1
            # not a date's word ("5 May 2020", though the model takes "Dahuk" for a date too), nor an acronym
            if _may_start(tokens[i]) and not _in_dated_entity(tokens[i]) and not tokens[i].is_upper:
                for n in range(min(MAX_NAME_TOKENS, len(tokens) - i), 0, -1):
                    span = tokens[i:i + n]
                    if not _may_end(span[-1]) or (n == 1 and span[0].is_sent_start):
                        continue
                    name = text[span[0].idx - base:span[-1].idx + len(span[-1]) - base]
                    if "\n" not in name and self.gazetteer.matches(name) and not self.gazetteer.country_of_word(name):
                        # "Wadi al-Rabi": no vote from "al-Rabi"; "a Molotov cocktail": none from Perm's old name
                        if not _inside_longer_name(tokens, i, n) and not (n == 1 and _names_a_thing(span[0])):
                            out.append((name, span[0].idx - base) if with_offsets else name)
                        step = n
                        break
            i += step
        return out

    def _within_bracketed_area(self, s: _SpotterView, text: str, end: int, options: list[GazetteerEntry],
                               entry: GazetteerEntry) -> GazetteerEntry:
        """ "Aiyetoro (Egbado North, Ogun)": the areas in brackets after a name say which of its places it is;
        when none lies in them, the place is one the gazetteer lacks, coded as ACLED codes it, at the district's
        middle (geo_precision 2) or the province's (3), never at a namesake elsewhere."""
        areas = self.bracketed_areas(s.text, end)
        if not areas:
            return entry
        inside = [e for e in options if any((e.country, e.admin1) == (a.country, a.admin1) for a in areas)]
        bracket = _BRACKET_AFTER.match(s.text, end)
        # a district given before its province: "(Surat, Gujarat)", not the one name of "(Sadah)"
        districts = [a for a in areas if a.kind == "admin2"] if bracket and "," in bracket.group(1) else []
        if districts:  # "Mora village (Surat, Gujarat)": Surat district's, not Navsari's Bilimora, also called Mora
            # (a town of the name itself stays: districts are redrawn, and a text may give the older one)
            inside = [e for e in inside if not e.admin2 or e.is_area or written_form(e.name) == written_form(text)
                      or any((e.admin1, e.admin2) == (d.admin1, d.name) for d in districts)]
        if not inside:  # a town on the province's border, which GeoNames puts next door
            province = next((a for a in areas if a.kind == "admin1"), None)
            inside = [e for e in options if province is not None and not e.is_area
                      and written_form(e.name) == written_form(text)
                      and self.gazetteer.near_area(e, province.country, province.admin1)]
        if inside:
            return self.gazetteer.best(inside, s.countries, s.near, s.admins) or entry
        return self._in_bracketed_area(text, s, end) or entry

    def _province_after_comma(self, s: _SpotterView, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """ "near Orikhove, Luhansk": a province named after a comma is where the place before it lies, when that
        place is in it or is one the gazetteer lacks (coded in the province, geo_precision 3); not in a list of
        places ("in Aleppo, Idlib and Hama", whose Aleppo is no town of Idlib)."""
        out = list(mentions)
        for k, m in enumerate(mentions):
            before = _NAME_BEFORE_COMMA.search(s.text[:m.start])
            if m.reference or before is None:
                continue
            provinces = [e for e, written in self.gazetteer.matches(m.text)
                         if written and e.kind == "admin1" and (not s.about or e.country in s.about)]
            if len(provinces) != 1:
                continue
            province = provinces[0]
            kind = (before.group("kind") or "").strip()
            if kind and kind.lower() not in ADMIN_TYPE_WORDS:
                continue  # "of Aleppo city, Idlib and Hama" is no place of Idlib
            if before.group("comma") and not kind:
                continue  # "Aleppo, Idlib, Hama": a list; "Los Cedros community, El Tambo municipality, Cauca" is not
            prev = next((p for p in mentions if p.end in (before.end("name"), before.end("kind"))), None)
            if prev is not None and (prev.entry.country, prev.entry.admin1) != (province.country, province.admin1):
                # "Ahmadabad district, Paktia": Paktia's district, however big India's Ahmedabad is; a place of
                # its own name as an area when the text says it is one
                inside = [e for e, written in self.gazetteer.matches(before.group("name")) if written
                          and (e.country, e.admin1) == (province.country, province.admin1)
                          and (e.is_area == bool(kind) or not e.is_area)]
                # a list of places ("Aleppo, Idlib and Hama"), unless the sentence goes on after the province as
                # ACLED's notes do and the name is one many places of the country share ("in Benito Juarez, Nuevo
                # Leon, a man was shot": no Mexico City borough; but "Mariupol, Zaporizhia" is still Mariupol)
                shared = len({e.admin1 for e, w in self.gazetteer.matches(before.group("name"))
                              if w and e.country == province.country}) > 1
                goes_on = shared and _CLAUSE_AFTER.match(s.text, m.end)
                if not inside and (prev.entry.is_area or prev.entry.population >= PROMINENT) and not kind \
                        and not goes_on:
                    continue
                entry = (self.gazetteer.best(inside, s.countries, s.near, s.admins) if inside else
                         unlisted_at(prev.text, province, 3))
                out[out.index(prev)] = replace(prev, entry=entry)  # the Orikhove of Luhansk, not Crimea's
            if prev is None:
                name = before.group("name")
                if self.gazetteer.country_of_word(name) or not _may_start_word(name):
                    continue
                root = next((t for t in s.tokens if t.idx - s.base >= before.start("name")), m.root)
                out.append(PlaceMention(before.start("name"), before.end("name"), name,
                                        unlisted_at(name, province, 3), root, False))
            out[k] = replace(m, reference=True)
        return sorted(out, key=lambda m: m.start)

    def _framed(self, s: _SpotterView, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """ "In Niteroi, Rio de Janeiro, police raided a favela in Inga": a sentence that opens with its town and
        province tells where it is; a smaller place it names after them is that province's, or else a part of the
        town the gazetteer lacks (coded at the town, geo_precision 2), never a namesake in another province."""
        first = next((k for k, m in enumerate(mentions) if not m.reference), None)
        if first is None or first + 1 >= len(mentions):
            return mentions
        town, province = mentions[first], mentions[first + 1]
        where = (town.entry.country, town.entry.admin1)
        if (town.entry.is_area or not province.reference
                or not re.fullmatch(r"\s*,\s*", s.text[town.end:province.start])
                or not any(w and x.kind == "admin1" and (x.country, x.admin1) == where
                           for x, w in self.gazetteer.matches(province.text))):
            return mentions
        out = list(mentions)
        for k, m in enumerate(mentions[first + 2:], first + 2):
            e = m.entry
            if (m.reference or (e.country, e.admin1) == where or e.population >= PROMINENT
                    or e.kind in ("admin1", "country")):
                continue
            inside = [x for x, written in self.gazetteer.matches(m.text) if written and not x.is_area
                      and (x.country, x.admin1) == where]
            out[k] = replace(m, entry=self.gazetteer.best(inside, s.countries, s.near, s.admins) if inside
                             else unlisted_at(m.text, town.entry, 2))
        return out

    def _parts_within(self, s: _SpotterView, mentions: list[PlaceMention],
                      recent: GazetteerEntry | None) -> list[PlaceMention]:
        """ "in the Trindade neighbourhood", "the Charka area of Maidan Shar district": a part of a town or district,
        named with the word for a part, lies within the whole the text names ("of" it or right after it, "Colonia
        Loma Alta, in Ciudad Victoria"; else the town named before it; else the narrative's town), which is then no
        place of its own. A place so called that lies elsewhere is a namesake: the part is coded at its whole
        (geo_precision 2; 3 in a province), as ACLED codes a neighbourhood at its town."""
        out = list(mentions)
        for k, m in enumerate(mentions):
            cue = PART_OF_PLACE_AFTER.match(s.text, m.end)
            word_before = s.text[:m.start].split()[-1:]
            if m.reference or not (cue or (word_before and word_before[0].lower() in PART_OF_PLACE_BEFORE)):
                continue
            end = cue.end() if cue else m.end
            holder = next((n for n in mentions[k + 1:] if _PART_TO_WHOLE.fullmatch(s.text[end:n.start])
                           and not n.reference), None)
            holder = holder or next((n for n in reversed(mentions[:k]) if not n.entry.is_area and not n.reference),
                                    None)
            whole = holder.entry if holder is not None else recent
            if whole is None:
                continue
            if holder is not None:
                out[mentions.index(holder)] = replace(holder, container=True)  # the town of the event's part
            if not _lies_within(m.entry, whole):
                out[k] = replace(m, entry=unlisted_at(m.text, whole, 3 if whole.kind == "admin1" else 2))
        return out

    def _in_bracketed_area(self, text: str, s: _SpotterView, end: int) -> GazetteerEntry | None:
        """A place the gazetteer lacks, in the areas named in brackets after it ("Pandogari (Rafi LGA, Niger)"):
        at the district (geo_precision 2), else the province (3)."""
        areas = self.bracketed_areas(s.text, end)
        if not areas:
            return None
        area = min(areas, key=lambda a: a.kind != "admin2")
        # "(Dori, Seno)", "(Kismaayo, Lower Juba)": a bracket goes from the smallest area to the largest, and the
        # town its first name is (an area's seat) is nearer the place than the middle of the areas after it; at
        # that town, as ACLED codes a place it knows only to be near one (geo_precision 2)
        town = self._bracketed_town(s.text, end, area)
        if town is not None:
            return unlisted_at(text, town, 2, "near")
        return unlisted_at(text, area, _area_precision(area))

    def _bracketed_town(self, text: str, end: int, province: GazetteerEntry) -> GazetteerEntry | None:
        """The town of the area `province` (its first-level area) that the first name of a bracket of two or
        more right after offset `end` is: a district is most often named after its seat."""
        m = _BRACKET_AFTER.match(text, end)
        parts = [p.strip() for p in m.group(1).split(",")] if m else []
        if len(parts) < 2:
            return None
        stripped = strip_generic(parts[0])
        # a spelling that folds alike will do: the province says which place it is ("Mirpurkhas", Mirpur Khas)
        towns = [e for e, _ in self.gazetteer.matches(stripped[0] if stripped else parts[0])
                 if not e.is_area and (e.country, e.admin1) == (province.country, province.admin1)]
        return max(towns, key=lambda e: (e.population, e.source), default=None)

    def bracketed_areas(self, text: str, end: int) -> list[GazetteerEntry]:
        """The admin areas named in brackets right after offset `end`, of one country: "(Nangade, Cabo Delgado)"."""
        m = _BRACKET_AFTER.match(text, end)
        if not m:
            return []
        found: list[GazetteerEntry] = []
        parts: Counter = Counter()  # how many of the bracket's names each country has an area (or town) for
        for part in (p.strip() for p in m.group(1).split(",")):
            stripped = strip_generic(part)
            for name in (part, stripped[0] if stripped else ""):
                matches = self.gazetteer.matches(name) if name else []
                named = [e for e, written in matches if written]
                # in brackets a name is an area's: one spelled a little otherwise will do ("Lower Shabelle")
                named = named or [e for e, _ in matches if e.kind in ("admin1", "admin2")]
                areas = [e for e in named if e.kind in ("admin1", "admin2")]
                parts.update({e.country for e in named if e.kind in ("admin1", "admin2") or e.population})
                if named:
                    found += areas
                    break
        if not parts:
            return []
        most = max(parts.values())
        countries = {c for c, k in parts.items() if k == most}
        if len(countries) != 1:  # "(North East)": a name many countries give an area says nothing of which
            by_admin1 = {e.country for e in found if e.kind == "admin1" and e.country in countries}
            countries = by_admin1 if len(by_admin1) == 1 else set()
        return [e for e in found if e.country in countries]

    def _direction_of_country(self, s: _SpotterView, i: int) -> bool:
        """Whether token i is a direction word before a country's name: "Northern Iraq", "eastern Chad"."""
        if i + 1 >= len(s.tokens) or s.tokens[i].lower_ not in _DIRECTIONS:
            return False
        return bool(self.gazetteer.country_of_word(s.tokens[i + 1].text))

    def _country_as_place(self, s: _SpotterView) -> list[PlaceMention]:
        """ "shelled army positions in Libya": a sentence whose only place is a country the document is about,
        named after "in", "across", "into", happened in that country, coded as ACLED codes it (at its capital,
        geo_precision 3)."""
        for ent in entities(s.span):
            start, end = ent.start_char - s.base, ent.end_char - s.base
            if ent.label_ not in ("GPE", "LOC") or _overlaps((start, end), s.blocked):
                continue
            iso = self.gazetteer.country_of_word(ent.text)
            country = self.gazetteer.country_entry(iso) if iso else None
            named = country is not None and any(w and e == country for e, w in self.gazetteer.matches(ent.text))
            country = self.gazetteer.country_seat(iso) if named else country
            # only a country the document is about: "fled into Lebanon" in a history of Syria's war is no event
            # in Lebanon's
            if named and country.country in s.about and _COUNTRY_AS_PLACE.search(s.text[max(0, start - 40):start]):
                return [PlaceMention(start, end, ent.text, country, ent.root, False)]
        return []

    def _near_each_other(self, s: _SpotterView, found: list[PlaceMention]) -> list[PlaceMention]:
        """Places named in one sentence lie near each other: of the villages called "Ras al-Ain", the one near
        the Tal Tamer the sentence also names (the other places of the sentence count as places named before)."""
        out = []
        for m in found:
            others = [x.entry.point for x in found if x is not m and not x.entry.is_area and not x.options]
            if m.options and others:
                m = replace(m, entry=self.gazetteer.best(list(m.options), s.countries, s.near + others, s.admins))
            out.append(m)
        return out

    def _by_relations(self, found: list[PlaceMention], countries, near) -> list[PlaceMention]:
        """"X, west of Y", "X near Y": of the places called X, the one near Y."""
        out = []
        for m in found:
            ref = next((r for r in found if r.reference and 0 <= r.start - m.end <= 45), None)
            if ref is not None and not m.reference:
                better = self.gazetteer.geocode(m.text, countries=countries, near=[ref.entry.point] * 8).entry
                if better is not None and better != m.entry:
                    m = replace(m, entry=better)
            out.append(m)
        return out

    def _unlisted(self, s: _SpotterView, found: list[PlaceMention],
                  recent: GazetteerEntry | None) -> list[PlaceMention]:
        """Names the text presents as places that no exact name in the gazetteer matches: a looser spelling of
        a known place, or else a place the gazetteer lacks, kept under its own name at the known place the text
        puts it near (ACLED's geo_precision 2)."""
        taken = [(m.start, m.end) for m in found] + list(s.blocked)
        out = []
        for start, end, root in _place_slots(s.span) + self._before_brackets(s):
            start, end = start - s.base, end - s.base
            text = s.text[start:end]
            if not self._may_be_unlisted(s, start, end, taken):
                continue
            entry = (self._in_bracketed_area(text, s, end) or self._loose_spelling(text, s)
                     or _at_anchor(text, found, end, recent) or self._in_main_country(text, s))
            if entry is None:
                continue
            reference = bool(REFERENCE_CUE.search(s.before(start))) or bool(_UNIT_AFTER.match(s.text[end:end + 14]))
            out.append(PlaceMention(start, end, text, entry, root, reference))
            taken.append((start, end))
        return out

    def _at_home(self, s: _SpotterView, m: PlaceMention) -> PlaceMention:
        """Country first, whatever way a place was reached (a relation, a looser spelling, the narrative's last
        place): one outside the document's countries that is no evidence of its own (its name as written, a
        prominent place) is coded in the country the document is most about, at geo_precision 3."""
        e = m.entry
        about = countries_about(s.countries)
        if not about or not e.country or e.country in about or m.reference:
            return m
        written = any(w for x, w in self.gazetteer.matches(m.text) if x == e)
        if written and written_form(e.name) == written_form(m.text) and (
                e.population >= PROMINENT or e.kind in ("admin1", "country")):
            return m
        home = self._in_main_country(m.text, s)
        return replace(m, entry=home) if home is not None else m

    def _in_main_country(self, text: str, s: _SpotterView) -> GazetteerEntry | None:
        """A place the gazetteer lacks in a sentence that names no other: at the capital of the country the
        document is most about (geo_precision 3), as ACLED codes a place it only knows the country of."""
        main = s.leading
        country = self.gazetteer.country_seat(main) if s.countries.get(main, 0.0) >= MAIN_COUNTRY else None
        if country is None:
            return None
        return unlisted_at(text, country, 3)

    def _before_brackets(self, s: _SpotterView) -> list[tuple[int, int, Token]]:
        """(start, end, root) of a capitalised run right before brackets that name admin areas, ACLED's way of
        placing a village: "Badah town (Larkana, Sindh)" (offsets into the Doc, as _place_slots gives them)."""
        out = []
        for k, t in enumerate(s.tokens):
            if t.text != "(" or k == 0 or not self.bracketed_areas(s.text, t.idx - s.base):
                continue
            j = k - 1
            if s.tokens[j].is_lower and s.tokens[j].is_alpha and j > 0:  # "Badah town (…)", "Bugabira commune (…)"
                j -= 1
            first = j
            while first >= 0 and _may_start(s.tokens[first]) and not s.tokens[first].is_sent_start and j - first < 4:
                first -= 1
            if first < j:
                span = s.tokens[first + 1:j + 1]
                out.append((span[0].idx, span[-1].idx + len(span[-1]), _root(span)))
        return out

    def _may_be_unlisted(self, s: _SpotterView, start: int, end: int, taken: list[tuple[int, int]]) -> bool:
        """Whether the slot at [start, end) is free and may name a place: not a country, not a river."""
        text = s.text[start:end]
        if _overlaps((start, end), taken) or len(fold_name(text)) < 4 or self.gazetteer.country_of_word(text):
            return False
        # "the Euphrates river", "the Middle Euphrates Pocket": no point to put an event at
        return not (NATURAL_FEATURE.match(s.text[end:end + 12]) or NATURAL_FEATURE.search(text))

    def _loose_spelling(self, text: str, s: _SpotterView) -> GazetteerEntry | None:
        """A known place under a looser spelling, in the country the document is most about."""
        g = self.gazetteer.geocode(text, countries=s.countries, near=s.near, admins=s.admins)
        loose = g.best is not None and g.best.match not in ("exact", "folded")
        main = max(s.countries.values(), default=0.0)
        weight = s.countries.get(g.entry.country, 0) if g.entry else 0.0
        return g.entry if loose and weight >= MAIN_COUNTRY and weight == main else None

    def _said_to_lie_in(self, text: str, end: int, entry: GazetteerEntry) -> bool:
        """Whether the words right after a name put it where this place of that name is: "Sfuhen in Idleb",
        "Tal Tamer in the countryside of Ras al-Ain", "Thala (Kasserine)" -- a place, whoever the model takes
        it for."""
        m = _LIES_IN.match(text, end)
        if not m or not entry.admin1:
            return False
        return any(written and (e.country, e.admin1) == (entry.country, entry.admin1) and e is not entry
                   for e, written in self.gazetteer.matches(m.group("name")))

    def _credible(self, span: list[Token], entry: GazetteerEntry, countries, entity_tokens, people, offsets,
                  unique: bool = False, placed: bool = False) -> bool:
        """Reject a name that is more likely an ordinary word or a person than this place (`placed`: the text
        says it lies where the place does)."""
        text = " ".join(t.text for t in span)
        if self.gazetteer.country_of_word(text):
            return False  # "Iraqi", "Syrian": a country's adjective names no town
        if entry.source.startswith("supplement"):
            return True
        # a small place counts as in context only in a country the document is mostly about: a Syrian report
        # that mentions "U.S. air strikes" does not make Medley, Florida, a candidate for "Middle"
        weight = countries.get(entry.country, 0.0)
        in_context = weight >= (MAIN_COUNTRY if entry.population < 100_000 else 0.05) or unique
        if any(a <= offsets[0] and offsets[1] <= b and b - a > offsets[1] - offsets[0] + 1 for a, b in people):
            return False  # "Vladimir" of "Vladimir Putin": a word of a person's name
        if _overlaps(offsets, people) and not (placed or _place_not_person(span, entry, in_context)):
            return False
        if len(fold_name(text)) < 3 or not _proper_enough(span, entity_tokens):
            return False
        if not in_context and (entry.population < 100_000
                               or not any(t.i in _place_tokens(span[0].doc) for t in span)):
            return False  # a place abroad must be a large one the model also calls a place
        return True

    def generic_references(self, text: str) -> list[tuple[int, int, str]]:
        """"the city", "the airbase": places the narrative has already named."""
        return [(m.start(), m.end(), m.group(1).lower()) for m in GENERIC_PLACE.finditer(text)]


# a looser spelling is taken for a place only in a country the document is mostly about
MAIN_COUNTRY = 0.25
NATURAL_FEATURE = pattern("natural_feature")
# "the village of X", "the town of X": what follows is a place, listed or not
_SLOT_CUE = cue_before_name("place_slot_cue")
_SLOT_ARTICLES = tuple(words("slot_articles"))
_TIME_AFTER = pattern("time_after_name")  # "3:55 p.m. (Damascus time)": a time zone, not a place
_UNIT_AFTER = pattern("unit_after_name")  # "the Amman brigade": a unit named after a place, not the place
_CONTAINER_AFTER = pattern("container_after_name")
_PLACE_CUE_BEFORE = pattern("place_cue_before")
_QUALIFIER_GAP = re.compile(r"\s*,\s*")  # between a place and the area it lies in ("Orikhove, Luhansk")
# "in Libya", "across northern Iraq", "into Syria": a country named as where something happened
_COUNTRY_AS_PLACE = pattern("country_as_place_cue")
_TOWN_AFTER = pattern("town_word_after")  # "Jamshoro city": the town, not its district
# "in Idleb", "in the countryside of Ras al-Ain", "(Kasserine)": the words after a name that say where it lies
_LIES_IN = pattern("lies_in_after")
# a capitalised name right before ", ", after a word that is no name's: "near Orikhove, ", and with its area's
# kind, lower case: "of Chora district, ", "community, El Tambo municipality, "
_NAME_BEFORE_COMMA = re.compile(r"(?:(?:^|\s)(?:[a-z]+)\s+|(?P<comma>,\s+))"
                                r"(?P<name>[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,3})(?P<kind>\s+[a-z]+)?,\s*$")
_CLAUSE_AFTER = re.compile(r"(?:\s+[a-z]+)?\s*,\s+(?:the\s+)?[a-z]")  # "Nuevo Leon, a man", "Cauca department, there"
_BRACKET_AFTER = re.compile(r"(?:\s+[A-Za-z]+)?\s*\(([^()]{2,80})\)")
_DIRECTIONS = word_set("country_part_words")  # "Northern Iraq": the part of a country, no place of its own
NAME_PARTICLES = word_set("name_particles")  # "de", "la": lower-case words inside a name
# the words that name a part of a town or district: "the Trindade neighbourhood", "Charka area of", "Colonia X"
PART_OF_PLACE_AFTER = pattern("part_of_place_after")
PART_OF_PLACE_BEFORE = word_set("part_of_place_before")
GREATER_WORDS = word_set("name_prefix_words")  # "Greater Idlib": the place itself, after a word of its name
PART_KM = 30.0  # how far from a town's middle its neighbourhoods reach
ADMIN_TYPE_WORDS = frozenset(w.lower() for w in words("admin_type_words"))  # "district", "province"
PLACE_HEADS = word_set("place_head_nouns")  # nouns a place's name stands before as a place: "the Homs road"


def _mention(s: _SpotterView, span: list[Token], start: int, end: int, entry: GazetteerEntry) -> PlaceMention:
    """A found name, marked as a point of reference ("north of X", "Damascus time", "the Amman brigade") or a
    container ("the districts of X", "X's northern entrance") by the words around it."""
    before = s.before(start)
    ref = (bool(REFERENCE_CUE.search(before)) or bool(_TIME_AFTER.match(s.text[end:end + 6]))
           or bool(_UNIT_AFTER.match(s.text[end:end + 14])))
    container = bool(CONTAINER_CUE.search(before)) or bool(_CONTAINER_AFTER.match(s.text[end:end + 30]))
    return PlaceMention(start, end, s.text[start:end], entry, _root(span), ref, container)


def _at_anchor(text: str, found: list[PlaceMention], end: int, recent: GazetteerEntry | None) -> GazetteerEntry | None:
    """A place the gazetteer lacks, coded as ACLED codes it: at the place the sentence puts it near ("X, west of
    Y"), else a town the sentence names, else the admin area the sentence names ("X (Nangade, Cabo Delgado)":
    the district's middle at geo_precision 2, a province's at 3), else the town the narrative is at."""
    anchor = (next((r.entry for r in found if r.reference and r.start >= end and not r.entry.is_area), None)
              or next((m.entry for m in found if not m.entry.is_area), None))
    areas = sorted((m.entry for m in found if m.entry.kind in ("admin2", "admin1")), key=lambda e: e.kind != "admin2")
    if anchor is None and areas:
        return unlisted_at(text, areas[0], _area_precision(areas[0]))
    anchor = anchor or recent
    if anchor is None or anchor.is_area:
        return None
    return unlisted_at(text, anchor, 2, "near")


def _lies_within(part: GazetteerEntry, whole: GazetteerEntry) -> bool:
    """Whether a place may be part of a town or area: in it, or within PART_KM of a town."""
    if part.country != whole.country:
        return False
    if whole.kind == "admin1":
        return part.admin1 == whole.admin1
    if whole.kind == "admin2":
        return part.admin1 == whole.admin1 and (
            part.admin2 == whole.name or distance_km(part.point, whole.point) < PART_KM)
    return distance_km(part.point, whole.point) < PART_KM


def unlisted_at(name: str, anchor: GazetteerEntry, precision: int, relation: str = "in") -> GazetteerEntry:
    """A place the gazetteer lacks, under its own name, at the known place or area the text puts it in or near
    (geo_precision 2 or 3); the source says which."""
    return GazetteerEntry(name, anchor.country, anchor.admin1, anchor.admin2, anchor.latitude, anchor.longitude,
                          "unlisted", 0, f"text: {relation} {anchor.name}", precision)


def _area_precision(area: GazetteerEntry) -> int:
    """A place known only to lie in a district is ACLED's geo_precision 2; in a province, 3."""
    return 2 if area.kind == "admin2" else 3


def _may_start_word(name: str) -> bool:
    return name[:1].isupper() and not name.isupper()


def _containers_named_after(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """The areas a place is said to lie in, right after it, say where it is, and are no places of their own:
    the brackets of "Badah town (Larkana, Sindh)", the province after a district, "Maywand district, Kandahar"."""
    out = []
    for k, m in enumerate(mentions):
        before = mentions[k - 1] if k else None
        bracket = text.rfind("(", 0, m.start)
        in_brackets = (bracket >= 0 and ")" not in text[bracket:m.start] and ")" in text[m.end:]
                       and any(0 <= bracket - p.end <= 25 for p in mentions[:k]))
        after_area = (before is not None and re.fullmatch(r"\s*(?:\w+\s*)?,\s*", text[before.end:m.start])
                      and is_named_as_area(before, text) and not m.reference)
        out.append(replace(m, reference=True) if (in_brackets or after_area or _holds(before, m, text)
                                                  or _anchors(before, m, text)) else m)
    return out


def _anchors(part: PlaceMention | None, town: PlaceMention, text: str) -> bool:
    """ "Kotwali Nagar, Pratapgarh": a place the gazetteer lacks, put at the town named right after it, lies there;
    the town is no place of its own."""
    return (part is not None and part.entry.kind == "unlisted" and part.entry.point == town.entry.point
            and bool(re.fullmatch(r"\s*,\s*", text[part.end:town.start])))


def _holds(part: PlaceMention | None, whole: PlaceMention, text: str) -> bool:
    """ "Sfuhen in Idleb", "Ras al-Ain in al-Hasakeh", "Jaghuri district in Ghazni": a larger place of the same
    province named right after a place with "in" is where it lies (the province its main town is named for), no
    place of its own."""
    if part is None or part.reference or not _IN_WHOLE.fullmatch(text[part.end:whole.start]):
        return False
    p, w = part.entry, whole.entry
    if p.kind == "admin2":  # "Jaghuri district in Ghazni": the province (or its town) holds its district
        return (p.country, p.admin1) == (w.country, w.admin1) and w.kind != "admin2"
    return (not p.is_area and (p.country, p.admin1) == (w.country, w.admin1) and w.population > p.population
            and w.kind != "country")


_IN_WHOLE = pattern("in_whole")  # "Sfuhen in Idleb": the words between a place and the larger one it lies in
_PART_TO_WHOLE = pattern("part_to_whole")  # "Colonia X, in Y", "the X neighbourhood of Y"


def is_named_as_area(p: PlaceMention, text: str) -> bool:
    """An area of the gazetteer, or a name with a word for an area after it ("Maywand district")."""
    return p.entry.is_area or bool(strip_generic(p.text)) and strip_generic(p.text)[1] == 3


def _common_noun_after_the(tokens: list[Token], i: int) -> bool:
    """ "the Council", "the Ridge": a capitalised word after "the" that the model does not take for a place."""
    return i > 0 and tokens[i - 1].lower_ == "the" and tokens[i].ent_type_ not in ("GPE", "LOC", "FAC")


def _names_a_thing(t: Token) -> bool:
    """Whether a capitalised word names a kind of thing, a compound before a common noun that is no place:
    "a Molotov cocktail", "Patriot missiles" (not "Aleppo countryside", "the Homs road")."""
    head = t.head
    return (t.dep_ == "compound" and head.i == t.i + 1 and head.pos_ == "NOUN" and head.is_lower
            and head.lemma_ not in GENERIC_WORDS and head.lower_ not in NAME_TAILS and head.lemma_ not in PLACE_HEADS)


def _in_dated_entity(t: Token) -> bool:
    """Whether a token is part of a date or time the model found, one with a number in it ("5 May 2020")."""
    if t.ent_type_ not in ("DATE", "TIME"):
        return False
    start, end = t.i, t.i
    while start > 0 and t.doc[start - 1].ent_iob_ == "I" and t.doc[start].ent_iob_ == "I":
        start -= 1
    while end + 1 < len(t.doc) and t.doc[end + 1].ent_iob_ == "I":
        end += 1
    return any(tok.like_num for tok in t.doc[max(0, start - 1):end + 1])


def _inside_longer_name(tokens: list[Token], i: int, n: int = 1) -> bool:
    """Whether tokens i..i+n are words of a longer name: a capitalised word (or an article that opens one, "al-")
    stands right before or after them, with no punctuation between."""
    before = tokens[i - 1] if i > 0 else None
    after = tokens[i + n] if i + n < len(tokens) else None
    if before is not None and before.lower_ in NAME_PARTICLES and i > 1:  # "Colonia Jardines de la Mesa"
        before = tokens[i - 2] if tokens[i - 2].lower_ not in NAME_PARTICLES or i < 3 else tokens[i - 3]
    if (i > 0 and tokens[i - 1].text == "-" and not tokens[i - 1].whitespace_) or (
            after is not None and after.text == "-" and not tokens[i + n - 1].whitespace_):
        return True  # "Mayo-Sava": half of a hyphenated name
    name_before = (before is not None and not before.is_sent_start and before.text[:1].isupper()
                   and before.is_alpha and before.whitespace_)
    name_after = after is not None and tokens[i + n - 1].whitespace_ and (
        (after.text[:1].isupper() and after.is_alpha) or after.lower_.split("-")[0] in ARTICLES
        or after.lower_ in ARTICLES)
    return bool(name_before or name_after)


def _place_not_person(span: list[Token], entry: GazetteerEntry, in_context: bool) -> bool:
    """The small model takes many Arabic place names for people: a known town of the document's country, or a
    name after "city of", "near", "in", stays a place."""
    before = span[0].doc[max(span[0].i - 2, 0):span[0].i].text.lower()
    cue = _PLACE_CUE_BEFORE.search(before)
    # "al-Sukhnah" after a comma is a place; "Laila al-Abdullah" (a given name before) is a person
    article_name = span[0].lower_ in ARTICLES and not (span[0].i > 0 and span[0].nbor(-1).is_title)
    return bool(in_context and (entry.population >= 5000 or cue or article_name))


def _proper_enough(span: list[Token], entity_tokens: set[int]) -> bool:
    """A one-word name must be a proper noun or inside an entity, and not merely open the sentence."""
    if len(span) != 1:
        return True
    t = span[0]
    if t.pos_ != "PROPN" and t.i not in entity_tokens:
        return False
    return not (t.is_sent_start and t.i not in entity_tokens)


def _place_tokens(doc: Doc) -> frozenset[int]:
    """The tokens of the Doc that spaCy tags as places, found once a Doc."""
    memo = parse_memo(doc)
    if memo.place_tokens is None:
        memo.place_tokens = frozenset(t.i for e in entities(doc) if e.label_ in ("GPE", "LOC", "FAC") for t in e)
    return memo.place_tokens


def _place_slots(sent: Span) -> list[tuple[int, int, Token]]:
    """(start, end, root) of spans the text presents as places: spaCy's place entities, and capitalised runs
    after "the village of"."""
    slots = [(e.start_char, e.end_char, e.root) for e in entities(sent) if e.label_ in ("GPE", "LOC", "FAC")]
    tokens = list(sent)
    text, base = sent.text, sent.start_char  # Doc.text is rebuilt from every token on each call: read it once
    for i, t in enumerate(tokens):
        if _may_start(t) and _SLOT_CUE.search(text[max(0, t.idx - base - 30):t.idx - base]):
            j = i
            while j + 1 < len(tokens) and j - i < MAX_NAME_TOKENS - 1 and (
                    tokens[j + 1].text[:1].isupper() or (tokens[j + 1].text == "-" and j + 2 < len(tokens))):
                j += 1
            slots.append((t.idx, tokens[j].idx + len(tokens[j]), t))
    return [(a, b, r) for a, b, r in slots
            if text[a - base:b - base][:1].isupper() or text[a - base:b - base][:2] in _SLOT_ARTICLES]


def _may_start(t: Token) -> bool:
    # "Dar'a", "Ma'arrat": an apostrophe for an ayn or hamza keeps a word a name
    # "at-Tanf", not the English "at" of "at Police forces" (Police is a Polish town)
    return (t.text[:1].isupper() and (t.is_alpha or any(ch in t.text for ch in "-'’"))) or (
        t.lower_ in ARTICLES and not (t.lower_ in ENGLISH_ARTICLES and t.is_lower and t.whitespace_))


def _may_end(t: Token) -> bool:
    return t.text[:1].isupper() or t.like_num or t.lower_ in NAME_TAILS


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _root(span: list[Token]) -> Token:
    ids = {t.i for t in span}
    for t in span:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return span[-1]
