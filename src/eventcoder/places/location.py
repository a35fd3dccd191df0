"""The places stage's decisions: which countries a document is about, where each of a sentence's events happened
(one event per location, as ACLED codes), and how precisely the place is known."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span

from .. import syntax
from ..context import PlaceTally
from ..lang import mapping, pattern, word_set, words
from ..nlp import entities
from .entry import GazetteerEntry
from .gazetteer import Gazetteer, countries_about
from .names import ascii_fold
from .spotter import REFERENCE_CUE, PlaceMention, PlaceSpotter

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..context import DocumentMemory, Sentence, SentenceContext
    from ..events.triggers import TriggerMatch

MAX_COUNTRY_TOKENS = 4  # the most words a country's name has ("Democratic Republic of the Congo" is read by its tail)
COUNTRY_ENTITIES = ("GPE", "NORP")  # spaCy's labels of the words that say which country a text is about
PLACE_ENTITIES = ("GPE", "LOC", "FAC")
# the names inside brackets, comma-separated: "(Nangade, Cabo Delgado)", "(South Kordofan state)"
BRACKETED_NAME = pattern("bracketed_place_name")
BRACKET = re.compile(r"\(([^()]{2,80})\)")
# nouns after a country's name that say nothing of where a text is: "the US dollar", "the Russian embassy"
COUNTRY_MODIFIED = word_set("country_modified_nouns")
COUNTRY_PARTS = word_set("country_part_words")
UNLISTED = "unlisted"  # the kind of a place the text names and the gazetteer lacks (spotter.unlisted_at)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")  # a blank line: a new paragraph, or a table, tells another story
_BREAK_AT = re.compile(r"\n(?=([ \t]*\n))")  # every place a PARAGRAPH_BREAK starts, "\n\n\n"'s two included
FOLDED_VOTE = 0.5  # a name known only under a spelling that folds alike, shared among the countries it may be in
# how a place of an event was found, and the rule that says so
HOW_RULES = {"named": "PLACE_NAMED", "area": "PLACE_AREA", "anaphor": "PLACE_ANAPHOR",
             "narrative": "PLACE_FROM_NARRATIVE", "near": "PLACE_NEAR_REFERENCE", "sentence": "PLACE_OF_SENTENCE",
             "country": "PLACE_COUNTRY_ONLY"}


@dataclass(frozen=True)
class Location:
    """Where one event happened: the trigger that governs the place, the place, how it was found and the words."""

    trigger: TriggerMatch
    entry: GazetteerEntry
    how: str  # named | area | anaphor | narrative | near | sentence | country
    surface: str  # the words that named it ("" when it came from the narrative)
    start: int = -1  # where those words start in the sentence (-1: not named in it)

    @property
    def rule(self) -> str:
        return HOW_RULES[self.how]


class ParagraphBreaks:
    """A text's blank lines (PARAGRAPH_BREAK), found once: whether one lies between two offsets, and where the
    paragraph of an offset starts, each a lookup. Asked at every sentence, a search of the text before it made a
    long document's time grow with its square.

    >>> breaks = ParagraphBreaks("One.\\n\\nTwo.\\nThree.")
    >>> breaks.paragraph_start(12), breaks.between(0, 6), breaks.between(0, 5), breaks.between(6, 17)
    (6, True, False, False)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # where each break ends, as a search from the top finds them (one after another)
        self.ends = [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
        # every offset a break may start at, and where that one ends: the ends rise with the starts (a break ends
        # at the first line break after its start)
        found = [(m.start(), m.end(1)) for m in _BREAK_AT.finditer(text)]
        self.starts_at = [a for a, _ in found]
        self.ends_at = [b for _, b in found]

    @staticmethod
    def of(ctx: SentenceContext) -> "ParagraphBreaks":
        """The breaks of the sentence's document, found on first use and kept in its memory."""
        breaks = ctx.memory.paragraph_breaks
        if breaks is None or breaks.text is not ctx.clean.text:
            breaks = ctx.memory.paragraph_breaks = ParagraphBreaks(ctx.clean.text)
        return breaks

    def between(self, start: int, end: int) -> bool:
        """Whether a break lies within [start, end): `PARAGRAPH_BREAK.search(text, start, end)` finds one."""
        k = bisect_left(self.starts_at, start)
        return k < len(self.starts_at) and self.ends_at[k] <= end

    def paragraph_start(self, offset: int) -> int:
        """Where the paragraph of the text from `offset` on starts: after the last blank line before it (0: none)."""
        k = bisect_right(self.ends, offset)
        return self.ends[k - 1] if k else 0


class EventLocator:
    """Finds a sentence's places and decides where its events happened. Build once; call per sentence."""

    def __init__(self, gazetteer: Gazetteer, spotter: PlaceSpotter | None = None) -> None:
        self.gazetteer = gazetteer
        self.spotter = spotter or PlaceSpotter(gazetteer)

    # ------------------------------------------------------------ finding

    def country_weights(self, sentences: list[Sentence],
                        admins: set[tuple[str, str]] | None = None) -> tuple[Counter, Counter]:
        """What the document says of the countries it is about: (places, people). Places: a country's name,
        and the places it names (an admin area of one country, two votes; a town's name two countries share, half
        of one each; places named together, where they lie together; the areas ACLED-style notes put in brackets,
        "Gordi (Mamprugo Moaduri, North East)", together; a name known only under a spelling that folds alike,
        half a vote among the countries the text already speaks of). People: its people's name, "Sudanese
        troops", half a vote (who fights says less of where than places do). The admin areas named go into
        `admins`."""
        places: Counter = Counter()
        people: Counter = Counter()
        admins = admins if admins is not None else set()
        seen: set[str] = set()
        folded: list[set[str]] = []  # the countries of each name known only under a spelling that folds alike
        for s in sentences:
            spent = self._bracket_votes(s.text, places, admins)
            free = lambda start: not any(a <= start < b for a, b in spent)  # noqa: E731
            bracketed = [m.group(0).strip() for m in BRACKETED_NAME.finditer(s.text) if free(m.start())]
            named = []
            for ent in (entities(s.span) if s.parsed else self._country_words(s.span)):
                start = ent.start_char - s.span.start_char
                if not free(start):
                    continue  # "(Rafi LGA, Niger)": Niger State, counted with its bracket
                iso = self.gazetteer.country_of_word(_without_direction(ent.text)) if ent.label_ in (
                    *COUNTRY_ENTITIES, "LOC") else None
                after = s.text[ent.end_char - s.span.start_char:].split(maxsplit=1)
                if iso and ent.text not in bracketed and not (after and after[0].lower().strip(".,;")
                                                              in COUNTRY_MODIFIED):  # not "the US dollar"
                    if ent.label_ in ("GPE", "LOC"):  # "Syria", "northern Iraq"
                        places[iso] += 1.0
                    else:
                        people[iso] += 0.5
                elif not iso and ent.label_ in PLACE_ENTITIES and ent.text not in bracketed:
                    named.append(ent.text)
            # the small model misses many names of places ("Dar'a", "Ar-Raqqa"): every known name in the
            # sentence's capitalised runs counts too (the spotter looks the same names up again, from the cache)
            named += [n for n, start in self.spotter.known_names(s.span, with_offsets=True)
                      if n not in named and n not in bracketed and free(start)]
            places.update(self.gazetteer.neighbours_votes(bracketed + named))
            for name, as_area in [(n, True) for n in bracketed] + [(n, False) for n in named]:
                if name in seen:
                    continue  # a name says where once: "Susah" three times is no more Tunisian than once
                seen.add(name)
                votes, areas = self.gazetteer.country_votes(name, as_area=as_area)
                iso = self.gazetteer.country_of_word(name)
                if iso and not areas:  # "Niger" in brackets is Niger State where Nigeria has one, else the country
                    votes = {iso: 1.0}
                places.update(votes)
                admins.update(areas)
                matches = self.gazetteer.matches(name)
                if not votes and matches and not any(written for _, written in matches):
                    folded.append({e.country for e, _ in matches if e.country})
        # a spelling that only folds alike is no evidence of a country of its own ("Miniyeh"), but between the
        # countries a text already speaks of it says which ("Qalqiliyah": the West Bank's, with Israeli forces)
        spoken = places + people
        for countries in folded:
            among = sorted(c for c in countries if spoken[c] > 0)
            for c in among if len(among) < len(spoken) else ():
                places[c] += FOLDED_VOTE / len(among)
        return places, people

    def _bracket_votes(self, text: str, places: Counter, admins: set[tuple[str, str]]) -> list[tuple[int, int]]:
        """ "(Hays, Al Hudaydah)": two votes for the one country whose areas the names in a bracket give together
        (Hays is also a county of Texas, not one of Al Hudaydah); the spans of the brackets so counted."""
        spent = []
        for m in BRACKET.finditer(text):
            areas = self.spotter.bracketed_areas(text, m.start())
            if areas:
                places[areas[0].country] += 2.0
                admins.update((a.country, a.admin1) for a in areas)
                spent.append(m.span())
        return spent

    def find(self, ctx: SentenceContext, blocked: list[tuple[int, int]]) -> None:
        """The sentence's places (`ctx.places`), resolved in the document's countries near the places it has named;
        each place named for itself (not as a point of reference) is remembered. Its generic nouns of places ("the
        town") are `ctx.place_references`, each the place it refers back to."""
        memory = ctx.memory
        ctx.places = self.spotter.find(ctx.span, blocked=blocked, countries=memory.place_countries, near=memory.near(),
                                       recent=memory.recent_point(), admins=memory.admins)
        before = len(memory.places)  # the places the sentences before this one named
        for p in ctx.places:
            if not p.reference and p.entry.kind != "country":  # a country is no place to put the next line's event
                memory.remember_place(p.entry, ctx.sentence.start + p.start)
        ctx.place_references = self._references(ctx, before)

    def _country_words(self, sent: Span) -> list[Span]:
        """In a sentence read without its parse, the words spaCy's entities would give a country by: its name
        ("Syria", "Saudi Arabia"), labelled a place (GPE), and its adjective ("Syrian"), a people (NORP)."""
        tokens, out, i = list(sent), [], 0
        while i < len(tokens):
            step = 1
            if tokens[i].text[:1].isupper():
                for n in range(min(MAX_COUNTRY_TOKENS, len(tokens) - i), 0, -1):
                    words = sent.doc[tokens[i].i:tokens[i].i + n]
                    iso = self.gazetteer.country_of_word(words.text)
                    if iso:
                        country = self.gazetteer.country(iso)
                        named = country is not None and ascii_fold(words.text) == ascii_fold(country.name)
                        out.append(Span(sent.doc, words.start, words.end, label="GPE" if named else "NORP"))
                        step = n
                        break
            i += step
        return out

    def remember_named(self, ctx: SentenceContext) -> None:
        """A sentence read without its parse: the places it names, remembered as `find` remembers them, so that
        the narrative's most named place and the places near stay those the text tells (`spotter.named_places`)."""
        memory = ctx.memory
        dates = [(t.start, t.end) for t in ctx.times]
        for entry, start in self.spotter.named_places(ctx.span, countries=memory.place_countries, near=memory.near(),
                                                      admins=memory.admins, blocked=dates):
            memory.remember_place(entry, ctx.sentence.start + start)

    def country_name(self, entry: GazetteerEntry) -> str:
        country = self.gazetteer.country(entry.country)
        return country.name if country else ""

    # ------------------------------------------------------------ deciding

    def locate(self, ctx: SentenceContext) -> list[Location]:
        """Where each of the sentence's main events happened: one location per place, the place a trigger governs
        in the parse, a generic noun ("the town") for the place of that kind the narrative last named, and the
        narrative's main place when the sentence names none."""
        primary = min(ctx.main, key=lambda t: (parse_depth(t.head), -t.rule.priority))
        # a place no trigger governs belongs to the sentence's event only when that event is what the sentence
        # is about (its trigger is the main verb or its object), not to a trigger deep in a side clause
        primary_owns = parse_depth(primary.head) <= 2
        by_token = {tok.i: t for t in ctx.realis for tok in t.tokens}
        main_ids = {id(t) for t in ctx.main}
        located: dict[GazetteerEntry, Location] = {}
        for p in self._event_places(ctx):
            if _describes(p.root) or _names_the_source(p.root):
                continue  # "the village, which lies between Azaz and Marea, was shelled": not at Azaz
            trigger = governing(p.root, by_token)
            if trigger is None and not primary_owns:
                continue
            trigger = trigger or primary
            if id(trigger) not in main_ids:
                continue  # a place of a background clause: "after recapturing Palmyra"
            how = "area" if is_area(p, ctx.text) else "named"
            _keep(located, Location(trigger, p.entry, how, p.text, p.start))
        self._locate_references(ctx, located, primary, by_token, main_ids)
        if not located and primary_owns:
            # "on the outskirts of Thala", "10 km west of Kidal": a sentence that names its place only as a point
            # of reference happened near it, as ACLED codes it (geo_precision 2)
            ref = next((p for p in ctx.places if p.reference and not p.container and not is_area(p, ctx.text)
                        and REFERENCE_CUE.search(ctx.text[max(0, p.start - 40):p.start])), None)
            if ref is not None:
                located[ref.entry] = Location(primary, ref.entry, "near", ref.text, ref.start)
        if not located and primary_owns:
            entry = ctx.memory.main_place()
            if entry and _at_home(entry, ctx.memory):  # not Moscow for an unplaced line of a Syrian war
                located[entry] = Location(primary, entry, "narrative", "")
        if not located:
            # no place the parse ties to a trigger, yet the sentence tells an event and names where: a parse
            # gone astray ("in Morelia, Michoacan, students ... protested") loses no event; the sentence's
            # own place, the first of those no background clause governs, at the doubt of a reading by position
            # (a town or a point in a country the document is about, not a country: "its intention to oust Assad
            # from Syria" places no event; a trigger noun deep in a clause is a mention unless the sentence dates it)
            told = primary.head.pos_ == "VERB" or bool(ctx.dates)
            place = next((p for p in self._event_places(ctx) if told and p.entry.kind != "country"
                          and _at_home(p.entry, ctx.memory)
                          and (governing(p.root, by_token) is None or id(governing(p.root, by_token)) in main_ids)),
                         None)
            if place is not None:
                located[place.entry] = Location(primary, place.entry, "sentence", place.text, place.start)
        if not located and not ctx.memory.names_places:
            # a report that names no place the gazetteer knows, in a country it is about (its sides, its
            # people): coded in that country at geo_precision 3, as ACLED codes an event it can place no closer;
            # a document that names places has its events at them
            about = countries_about(ctx.memory.place_countries)
            if len(about) == 1:
                seat = self.gazetteer.country_seat(next(iter(about)))
                if seat is not None:
                    located[seat] = Location(primary, seat, "country", "")
        return _one_place_a_trigger(list(located.values()), ctx.text)

    @staticmethod
    def _event_places(ctx: SentenceContext) -> list[PlaceMention]:
        """The places events may happen at: those named for themselves, the specific ones before areas, and not
        the whole a more specific place is part of."""
        named = [p for p in ctx.places if not p.reference]
        specific = [p for p in named if not is_area(p, ctx.text)]
        chosen = specific or named
        if any(not p.container for p in chosen):
            chosen = [p for p in chosen if not p.container]
        beside = _containers_beside(sorted(ctx.places, key=lambda p: p.start), ctx.text)
        return [p for p in chosen if id(p) not in beside] or chosen

    def _locate_references(self, ctx: SentenceContext, located: dict[GazetteerEntry, Location],
                           primary: TriggerMatch, by_token: dict[int, TriggerMatch], main_ids: set[int]) -> None:
        """'The town', 'the airbase': the place of that kind the narrative has named, for a trigger that governs
        no named place."""
        governed = {id(loc.trigger) for loc in located.values()}
        for ref in ctx.place_references:
            trigger = governing(ref.root, by_token)
            trigger = trigger or (primary if not located else None)
            if trigger is None or id(trigger) not in main_ids or id(trigger) in governed:
                continue
            _keep(located, Location(trigger, ref.entry, "anaphor", ref.text))

    def _references(self, ctx: SentenceContext, before: int) -> list[PlaceMention]:
        """The sentence's generic nouns of places ("the town", "the crossing"), each as the place it refers back
        to (`_referent`); not one named as a point of reference, nor "the town of X", which names its own. The
        sentences before it named the first `before` places of the memory."""
        spans = [(p.start, p.end) for p in ctx.places]
        paragraph = ParagraphBreaks.of(ctx).paragraph_start(ctx.sentence.start)
        found = []
        for start, end, noun in self.spotter.generic_references(ctx.text):
            if any(a <= start < b for a, b in spans):
                continue
            if REFERENCE_CUE.search(ctx.text[max(0, start - 30):start]):
                continue
            if any(ctx.text[end:a].strip().lower() == "of" for a, _ in spans if a > end):
                continue  # "the town of al-Sour" names its place
            tokens = ctx.tokens_in(start, end)  # "the town": the noun is its last word
            entry = _referent(noun, ctx.memory, ctx.sentence.start + start, paragraph, before)
            if entry is not None and tokens:
                found.append(PlaceMention(start, end, ctx.text[start:end], entry, tokens[-1], reference=False))
        return found

    @staticmethod
    def geo_precision(ctx: SentenceContext, location: Location) -> int:
        """ACLED's geo_precision: 1 the town itself, 2 near it or part of a region around it, 3 only the area is
        known; "near Raqqa" is 2 at best."""
        entry, how = location.entry, location.how
        if how == "country":
            return 3
        if entry.is_area or how in ("area", "narrative", "near"):
            precision = 3 if entry.is_area or how == "area" else max(2, entry.geo_precision)
        else:
            precision = entry.geo_precision
        surface = location.surface
        if surface and surface in ctx.text and pattern("near_cue").search(ctx.text[:ctx.text.find(surface)]):
            precision = max(precision, 2)  # "near Raqqa": ACLED's 2, near the named place
        return precision


SEPARATOR = re.compile(r"\s*[,(]\s*")  # a comma or a bracket between two names: the second may be the first's whole


def _one_place_a_trigger(locations: list[Location], text: str) -> list[Location]:
    """Each trigger's places: one it governs, and those listed with it ("attacked Tsugunni, Yandaka and Dutse"); a
    place named otherwise beside it ("in Kypseli [coded to Athens]", "Bakirkoy town, Istanbul", "a farm in Shathath
    area, between Ar Radhmah and Damt") places the same event, which ACLED codes once."""
    by_trigger: dict[int, list[Location]] = {}
    for loc in locations:
        by_trigger.setdefault(id(loc.trigger), []).append(loc)
    kept: list[Location] = []
    for locs in by_trigger.values():
        named = sorted((loc for loc in locs if loc.start >= 0), key=lambda loc: loc.start)
        if len(named) < 2:
            kept += locs
            continue
        groups = [[named[0]]]  # runs of places that are items of one list
        best = named[0]
        for loc in named[1:]:
            last = groups[-1][-1]
            end = last.start + len(last.surface)
            gap = text[end:loc.start] if loc.start >= end else ""
            if gap and _in_a_list(gap):
                groups[-1].append(loc)
                continue
            groups.append([loc])
            # a place named as where the one before lies ("Hamirpur village near Rapar town", "on Murree road in
            # Rawalpindi city", "Bakirkoy town, Istanbul"): the better known of the two places the event, as
            # ACLED places an event at the nearest place its gazetteer knows; else the first named
            if (pattern("place_container_gap").search(gap) and loc.how == "named"
                    and loc.entry.population > best.entry.population):
                best = loc
        chosen = next(g for g in groups if best in g)
        kept += chosen + [loc for loc in locs if loc.start < 0]
    order = {id(loc): i for i, loc in enumerate(locations)}
    return sorted(kept, key=lambda loc: order[id(loc)])


def _in_a_list(gap: str) -> bool:
    """Whether the words between two places make them items of one list: a comma or a conjunction with a few
    lower-case words ("as well as the areas of"), or a conjunction among lower-case words only ("oil and gas fields
    as well as the areas of"); not a bracket ("Ar Radhmah (Ibb) and"), a name ("Sucre, Chuquisaca, health workers
    of the") or a kind before a comma ("Bakirkoy town, Istanbul")."""
    if pattern("place_list_gap").search(gap):
        return True
    return (not re.search(r"[(\[\])A-Z]", gap)) and bool(pattern("place_list_conjunction").search(gap))


def _containers_beside(places: list[PlaceMention], text: str) -> set[int]:
    """The places named right after another, after a comma or in a bracket, that are not items of a list: the
    whole the place before is in ("in Jalalpur, Shamli (UP)", "Bakirkoy town, Istanbul"), as a report names a
    district and its province, even where the gazetteer cannot tell that one holds the other. ACLED codes the event
    once, at the place. A list ("attacked Tsugunni, Yandaka and Dutse villages") names places of their own."""
    out: set[int] = set()
    for k in range(1, len(places)):
        a, b = places[k - 1], places[k]
        if not SEPARATOR.fullmatch(text[a.end:b.start]):
            continue
        if id(a) in out:
            out.add(id(b))  # "village, township, district, state": each the whole of the one before
            continue
        after = places[k + 1] if k + 1 < len(places) else None
        before = places[k - 2] if k >= 2 else None
        if (after is not None and pattern("place_list_join").search(text[b.end:after.start])
                and text[a.end:b.start].strip() == ","):
            continue  # "A, B and C"
        if before is not None and pattern("place_list_join").search(text[before.end:a.start]) \
                and text[before.end:a.start].strip() not in ("(", ""):
            continue  # "X, A, B": a list
        out.add(id(b))
    return out


def _without_direction(name: str) -> str:
    """ "Northern Iraq" -> "Iraq": the part of a country is in it."""
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in COUNTRY_PARTS else name


def _keep(located: dict[GazetteerEntry, Location], location: Location) -> None:
    """One location a place: the strongest trigger's."""
    old = located.get(location.entry)
    if old is None or location.trigger.rule.priority > old.trigger.rule.priority:
        located[location.entry] = location


def _referent(noun: str, memory: DocumentMemory, at: int, paragraph: int, before: int) -> GazetteerEntry | None:
    """The place a generic noun at offset `at` of the clean text refers back to: the place of that kind its
    paragraph (from `paragraph`) has named most, the latest on a tie; else, for "the city" or "the town", the
    narrative's main place if it is one; else the last place of that kind named ("the airbase": the last airbase or
    airport). Only places named before the noun count: "the town ... towards the town of al-Sour" is not al-Sour.

    The memory's first `before` places are those of the sentences before the noun's, all named before it: they
    are counted once, as the narrative reaches them (`DocumentMemory.named`, `named_in_paragraph`); the noun's own
    sentence's are looked at here."""
    kinds = mapping("generic_place_kinds").get(noun)
    if kinds is None:
        return None
    # a place the gazetteer lacks, named in the text, is of no known kind: it may be the town
    kinds = set(kinds) | ({UNLISTED} if noun in words("city_nouns") else set())
    here = [(i, memory.places[i]) for i in range(before, len(memory.places))
            if memory.place_at[i] < at and memory.places[i].kind in kinds]
    whole, in_paragraph = _tallies(memory, paragraph, before)
    entry = in_paragraph.most_named(kinds, here)
    if entry is None and noun in words("city_nouns"):
        entry = whole.most_named(kinds, here)  # the narrative's main place
    if entry is None:
        entry = here[-1][1] if here else whole.last_named(kinds)
    return entry if entry is None or _at_home(entry, memory) else None


def _tallies(memory: DocumentMemory, paragraph: int, before: int) -> tuple[PlaceTally, PlaceTally]:
    """The memory's first `before` places counted: all of them, and those named in the paragraph that starts at
    `paragraph` (paragraphs come in the order of the text)."""
    whole, in_paragraph = memory.named, memory.named_in_paragraph
    for i in range(whole.upto, before):
        whole.add(memory.places[i], i)
    whole.upto = max(whole.upto, before)
    if paragraph != memory.paragraph_at:  # a new paragraph: none of the places counted so far were named in it
        in_paragraph = memory.named_in_paragraph = PlaceTally(upto=in_paragraph.upto
                                                              if paragraph > memory.paragraph_at else 0)
        memory.paragraph_at = paragraph
    for i in range(in_paragraph.upto, before):
        if memory.place_at[i] >= paragraph:
            in_paragraph.add(memory.places[i], i)
    in_paragraph.upto = max(in_paragraph.upto, before)
    return whole, in_paragraph


def _at_home(entry: GazetteerEntry, memory: DocumentMemory) -> bool:
    """Whether a place the narrative carries into a sentence lies in a country the document is about: "the
    city" of a line about Hadrut is not the Moscow a sentence before named."""
    about = countries_about(memory.place_countries)
    return not about or entry.country in about


def governing(token: Token, by_token: dict[int, TriggerMatch]) -> TriggerMatch | None:
    """The trigger above a place in the parse; a verb whose subject or object is a trigger counts as it
    ("clashes continued at X")."""
    node = token
    for _ in range(10):
        if node.i in by_token:
            found = by_token[node.i]
            # "seized weapons in a raid", "killed during an offensive": the trigger told as the circumstance
            # of another is that event's manner; the stronger of the two codes the place
            outer = (node.head.head if node.dep_ == "pobj" and node.head.lower_ in word_set("manner_preps")
                     else None)
            if outer is not None and outer.i in by_token and by_token[outer.i].rule.priority > found.rule.priority:
                return by_token[outer.i]
            return found
        for c in node.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i in by_token and c.i != token.i:
                return by_token[c.i]
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _describes(token: Token) -> bool:
    """Whether a place is named inside a relative clause set off by a comma that describes a noun ("the town,
    which lies between X and Y"): where that thing is, not where the sentence's event happened. A defining one
    ("the road that connects X to Y") says where the event was."""
    node = token
    for _ in range(10):
        if node.dep_ == "relcl":
            first = node.doc[min(t.i for t in node.subtree)]
            return first.lower_ in word_set("describing_pronouns") and first.i > 0 and node.doc[first.i - 1].text == ","
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _names_the_source(token: Token) -> bool:
    """Whether a place is named in who reports the event ("the Local Coordination Committees in Hama reported that
    the army entered Tremseh"): where the source is, not where the event happened."""
    node = token
    for _ in range(10):
        if node.dep_ == "nsubj" and syntax.is_reporting(node.head):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def parse_depth(token: Token) -> int:
    """How many heads lie above a token in its sentence's parse (at most 20)."""
    depth = 0
    while token.head.i != token.i and depth < 20:
        token = token.head
        depth += 1
    return depth


def is_area(p: PlaceMention, text: str) -> bool:
    """Whether a place is named as an area: an area of the gazetteer, or words around it that make it one ("the
    countryside of X", "X province")."""
    if p.entry.is_area:
        return True
    before = text[max(0, p.start - 25):p.start].lower()
    after = text[p.end:p.end + 14].lower()
    return any(before.rstrip().endswith(c) for c in words("area_cues_before")) or any(
        after.lstrip().startswith(c) for c in words("area_cues_after"))
