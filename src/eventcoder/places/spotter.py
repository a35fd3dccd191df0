"""Finding place names in a sentence: spaCy's entities plus every capitalised run the gazetteer knows."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..nlp import entities
from .gazetteer import Gazetteer, GazetteerEntry
from .names import fold_name

MAX_NAME_TOKENS = 6
ARTICLES = {"al", "as", "ash", "ad", "ar", "an", "at", "az", "el", "ez", "es"}
# words that may end a place name though not capitalised ("Brigade 113", "the Jazal gas field")
NAME_TAILS = {"field", "fields", "airbase", "airport", "base", "mountain", "mountains", "silos", "palace", "crossroad",
              "crossroads", "district", "neighbourhood", "neighborhood", "university", "village", "town"}
# a place named only to say where another is: "north of Palmyra", "10 km from the city"
REFERENCE_CUE = re.compile(r"(?:north|south|east|west|northeast|northwest|southeast|southwest|northern|southern|"
                           r"eastern|western|outskirts|outside|km|kilometers|kilometres|miles)\s+(?:of|from)\s+(?:the\s+)?$"
                           r"|\bfrom\s+$", re.IGNORECASE)
# a place named as the whole that a more specific place is part of: "the districts of Deir ez-Zor city"
# a place named as the whole a more specific place is part of: "the Industrial and al-Sina'ah districts of Deir
# ez-Zor city" (a named district before the cue), "Deir ez-Zor's northern entrance", "the border between X and Y"
CONTAINER_CUE = re.compile(r"[A-Z][\w'’-]*\s+(?:districts?|neighbou?rhoods?|suburbs?|quarters?)\s+of\s+(?:the\s+)?$"
                           r"|(?:countryside|province|provinces|governorate|border\s+between)\s+(?:of\s+)?(?:the\s+)?$")
GENERIC_PLACE = re.compile(r"\bthe\s+(city|town|village|airbase|air\s+base|airport|base|area|district|mountain|"
                           r"neighbourhood|neighborhood|oil\s+field|field|enclave|pocket|stronghold)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PlaceMention:
    start: int  # offsets into the sentence text
    end: int
    text: str
    entry: GazetteerEntry
    root: Token
    reference: bool  # named as a point of reference, not as where something happened
    container: bool = False  # named as the whole a more specific place belongs to


class PlaceSpotter:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def find(self, sent: Span, *, blocked: list[tuple[int, int]], countries: dict[str, float],
             near: list[tuple[float, float]], recent: GazetteerEntry | None = None) -> list[PlaceMention]:
        """Place mentions in `sent` (offsets relative to it), longest name first, skipping `blocked` spans
        (actor names, dates) and people; `recent` is the place the narrative last named, where a place the
        gazetteer lacks is put when the sentence names no other."""
        base = sent.start_char
        sent_text = sent.text  # Span.text is rebuilt from every token on each call: read it once
        ents = entities(sent)
        people = [(e.start_char - base, e.end_char - base) for e in ents if e.label_ in ("PERSON", "NORP")]
        entity_tokens = {t.i for e in ents if e.label_ in ("GPE", "LOC", "FAC", "ORG") for t in e}
        tokens = list(sent)
        out: list[PlaceMention] = []
        i = 0
        while i < len(tokens):
            found = None
            if _may_start(tokens[i]):
                for n in range(min(MAX_NAME_TOKENS, len(tokens) - i), 0, -1):
                    span = tokens[i:i + n]
                    if not _may_end(span[-1]) or any("\n" in t.text for t in span):
                        continue
                    start, end = span[0].idx - base, span[-1].idx + len(span[-1]) - base
                    text = sent_text[start:end]
                    if _overlaps((start, end), blocked):
                        continue
                    options = self.gazetteer.candidates(text)
                    options = [e for e in options if e.kind != "country"]
                    if not options:
                        continue
                    entry = self.gazetteer.best(options, countries, near)
                    # with no country context yet (a one-line input), a name only one country has is its own context
                    unique = not countries and len({e.country for e in options}) == 1
                    if not self._credible(span, entry, countries, entity_tokens, people, (start, end), unique):
                        continue
                    before = sent_text[max(0, start - 40):start]
                    ref = bool(REFERENCE_CUE.search(before)) or bool(re.match(r"\s+time\b", sent_text[end:end + 6]))
                    container = bool(CONTAINER_CUE.search(before)) or bool(
                        re.match(r"'s\s+(?:northern|southern|eastern|western)?\s*(?:entrance|outskirts|countryside)",
                                 sent_text[end:end + 30]))
                    found = PlaceMention(start, end, text, entry, _root(span), ref, container)
                    i += n
                    break
            if found:
                out.append(found)
            else:
                i += 1
        out = self._by_relations(out, countries, near)
        return sorted(out + self._unlisted(sent, out, blocked, people, countries, near, recent),
                      key=lambda m: m.start)

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

    def _unlisted(self, sent: Span, found: list[PlaceMention], blocked, people, countries, near,
                  recent: GazetteerEntry | None) -> list[PlaceMention]:
        """Names the text presents as places that no exact name in the gazetteer matches: a looser spelling of
        a known place, or else a place the gazetteer lacks, kept under its own name at the known place the text
        puts it near (ACLED's geo_precision 2)."""
        base = sent.start_char
        sent_text = sent.text
        taken = [(m.start, m.end) for m in found] + list(blocked)
        out = []
        for start, end, root in _place_slots(sent):
            start, end = start - base, end - base
            text = sent_text[start:end]
            if _overlaps((start, end), taken) or len(fold_name(text)) < 4 or self.gazetteer.country_of_word(text):
                continue
            if NATURAL_FEATURE.match(sent_text[end:end + 12]) or NATURAL_FEATURE.search(text):
                continue  # "the Euphrates river", "the Middle Euphrates Pocket": no point to put an event at
            g = self.gazetteer.geocode(text, countries=countries, near=near)
            loose = g.best is not None and g.best.match != "exact"
            entry = g.entry if loose and countries.get(g.entry.country, 0) >= MAIN_COUNTRY else None
            if entry is None:
                # the place the sentence puts it near ("X, west of Y"), else one the sentence names, else the one
                # the narrative is at
                anchor = (next((r.entry for r in found if r.reference and r.start >= end), None)
                          or next((m.entry for m in found if not m.entry.is_area), None) or recent)
                if anchor is None or anchor.is_area:
                    continue
                entry = GazetteerEntry(text, anchor.country, anchor.admin1, anchor.admin2, anchor.latitude,
                                       anchor.longitude, "unlisted", 0, f"text: near {anchor.name}", 2)
            before = sent_text[max(0, start - 40):start]
            out.append(PlaceMention(start, end, text, entry, root, bool(REFERENCE_CUE.search(before))))
            taken.append((start, end))
        return out

    def _credible(self, span: list[Token], entry: GazetteerEntry, countries, entity_tokens, people, offsets,
                  unique: bool = False) -> bool:
        """Reject a name that is more likely an ordinary word or a person than this place."""
        place_tokens = _place_tokens(span[0].doc)
        text = " ".join(t.text for t in span)
        if self.gazetteer.country_of_word(text):
            return False  # "Iraqi", "Syrian": a country's adjective names no town
        if entry.source.startswith("supplement"):
            return True
        # a small place counts as in context only in a country the document is mostly about: a Syrian report
        # that mentions "U.S. air strikes" does not make Medley, Florida, a candidate for "Middle"
        weight = countries.get(entry.country, 0.0)
        in_context = weight >= (MAIN_COUNTRY if entry.population < 100_000 else 0.05) or unique
        if _overlaps(offsets, people):
            # the small model takes many Arabic place names for people: a known town of the document's country,
            # or a name after "city of", "near", "in", stays a place
            before = span[0].doc[max(span[0].i - 2, 0):span[0].i].text.lower()
            cue = re.search(r"\b(?:of|in|near|at|to|from|into|towards|outside|around|captured|recaptured|seized|"
                            r"retook|took|entered|stormed|overran|liberated)$", before)
            # "al-Sukhnah" after a comma is a place; "Laila al-Abdullah" (a given name before) is a person
            article_name = span[0].lower_ in ARTICLES and not (span[0].i > 0 and span[0].nbor(-1).is_title)
            if not (in_context and (entry.population >= 5000 or cue or article_name)):
                return False
        if len(fold_name(text)) < 3:
            return False
        if len(span) == 1:
            t = span[0]
            if t.pos_ != "PROPN" and t.i not in entity_tokens:
                return False
            if t.is_sent_start and t.i not in entity_tokens:
                return False
        if not in_context and (entry.population < 100_000 or not any(t.i in place_tokens for t in span)):
            return False  # a place abroad must be a large one the model also calls a place
        return True

    def generic_references(self, text: str) -> list[tuple[int, int, str]]:
        """"the city", "the airbase": places the narrative has already named."""
        return [(m.start(), m.end(), m.group(1).lower()) for m in GENERIC_PLACE.finditer(text)]


# a looser spelling is taken for a place only in a country the document is mostly about
MAIN_COUNTRY = 0.25
NATURAL_FEATURE = re.compile(r"\s*\b(?:river|rivers|valley|desert|basin|pocket|bank|banks|plain|plains|sea|lake|"
                             r"mountains|range|region|front|frontline|highway|road)\b", re.IGNORECASE)
# "the village of X", "the town of X": what follows is a place, listed or not
_SLOT_CUE = re.compile(r"\b(?:village|villages|town|towns|city|hamlet|district|neighbou?rhood|area)\s+of\s+$",
                       re.IGNORECASE)


def _place_tokens(doc: Doc) -> frozenset[int]:
    """The tokens of the Doc that spaCy tags as places, found once a Doc."""
    found = doc.user_data.get("eventcoder_place_tokens")
    if found is None:
        found = frozenset(t.i for e in entities(doc) if e.label_ in ("GPE", "LOC", "FAC") for t in e)
        doc.user_data["eventcoder_place_tokens"] = found
    return found


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
            if text[a - base:b - base][:1].isupper() or text[a - base:b - base][:2] in ("al", "as", "ad", "ar", "ash", "el")]


def _may_start(t: Token) -> bool:
    return (t.text[:1].isupper() and t.is_alpha) or t.lower_ in ARTICLES or (t.text[:1].isupper() and "-" in t.text)


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
