"""context.py: one sentence's offsets (its own text, its tokens, the original document) and the document's memory."""
import pytest

from eventcoder.context import DocumentMemory, Sentence, SentenceContext
from eventcoder.documents import Document, clean_text
from eventcoder.time import NarrativeClock

# a citation marker before the sentence: offsets into the clean text are 3 short of the original's
TEXT = "The town was quiet.[4] On 3 May 2016, ISIL captured Hajin."


@pytest.fixture(scope="module")
def ctx(coder):
    clean = clean_text(TEXT)
    second = list(coder.nlp(clean.text).sents)[1]
    return SentenceContext(Document(TEXT, id="t"), clean, Sentence(second, second.text, second.start_char),
                           NarrativeClock.starting(year_hint=2016), DocumentMemory())


def test_context_offsets_are_into_the_sentences_own_text(ctx):
    assert ctx.text == "On 3 May 2016, ISIL captured Hajin."
    assert [(t.text, ctx.char(t)) for t in ctx.span][-3:] == [("captured", 20), ("Hajin", 29), (".", 34)]


def test_context_tokens_of_a_range_are_those_that_start_in_it(ctx):
    assert [t.text for t in ctx.tokens_in(15, 28)] == ["ISIL", "captured"]
    assert [t.text for t in ctx.tokens_in(16, 20)] == []
    assert ctx.token_at(16).text == "captured"


def test_context_a_range_goes_back_to_the_original_text(ctx):
    assert ctx.original(29, 34) == (TEXT.index("Hajin"), TEXT.index("Hajin") + 5)
    assert ctx.word_span("location", 29, 34) == {"field": "location", "char_start": 52, "char_end": 57,
                                                  "text": "Hajin"}


def test_context_evidence_is_the_sentence_in_the_original(ctx):
    e = ctx.evidence()
    assert (e.char_start, e.char_end, e.text) == (23, 58, "On 3 May 2016, ISIL captured Hajin.")


def test_context_memory_main_place_is_the_most_named_and_the_latest_on_a_tie(gazetteer):
    hajin, susah = (gazetteer.geocode(n, country="SY").entry for n in ("Hajin", "Susah"))
    memory = DocumentMemory()
    assert memory.main_place() is None
    for entry in (hajin, susah, hajin):
        memory.remember_place(entry)
    assert memory.main_place() == hajin
    memory.remember_place(susah)
    assert memory.main_place() == susah


def test_context_memory_recent_point_passes_over_areas(gazetteer):
    hajin = gazetteer.geocode("Hajin", country="SY").entry
    province = gazetteer.geocode("Deir ez-Zor Governorate", country="SY").entry
    memory = DocumentMemory()
    memory.remember_place(hajin)
    memory.remember_place(province)
    assert (province.is_area, memory.recent_point()) == (True, hajin)
    assert memory.near() == [(hajin.latitude, hajin.longitude), (province.latitude, province.longitude)]
