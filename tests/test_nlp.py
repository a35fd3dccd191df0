from spacy.pipeline.attributeruler import AttributeRuler

from eventcoder.nlp import AttributeRuleIndex, split_blocks

# written for this test: tags the ruler maps, its exceptions ("ai n't", "gon na", "'s"), runs of spaces and breaks
TEXT = ("The militants ai n't leaving, y' all said; they 're gon na hold the ridge.  \n\n"
        "On 3 May 2016 ISIL's fighters captured Hajin, and the army's 5th Division—shelled it!  It's 40 km away.")


def test_nlp_attribute_rule_index_finds_what_spacys_matcher_finds(coder):
    nlp = coder.nlp
    ruler = nlp.get_pipe("attribute_ruler")
    assert "match" in ruler.__dict__  # the loaded pipeline uses the index
    doc = nlp(TEXT, disable=["attribute_ruler", "lemmatizer", "ner"])
    expected = sorted(set(AttributeRuler.match(ruler, doc)))
    index = AttributeRuleIndex.of(ruler)
    assert index.match(doc) == expected
    assert index.match(doc) == expected  # again, from what it remembers of the tokens
    gon, na = next(t for t in doc if t.lower_ == "gon"), next(t for t in doc if t.lower_ == "na")
    # the two-token exception is matched too: its entries for both words
    assert {(s, e) for _, _, s, e in expected if s == gon.i} >= {(gon.i, na.i + 1)}


def test_nlp_lemma_cache_gives_spacys_lemmas(coder):
    nlp = coder.nlp
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert "pipe" in lemmatizer.__dict__  # the loaded pipeline uses the cache
    ours = next(nlp.pipe([TEXT + " The troops fought, shelled and took it twice."]))
    theirs = nlp(TEXT + " The troops fought, shelled and took it twice.", disable=["lemmatizer"])
    theirs = type(lemmatizer).__call__(lemmatizer, theirs)  # spaCy's own, token by token
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
    assert [t.lemma_ for t in ours if t.lower_ in ("fought", "took", "'re")] == ["be", "fight", "take"]


def test_nlp_pipeline_annotations_are_spacys(coder):
    doc = coder.nlp(TEXT)
    assert [(t.text, t.pos_, t.lemma_) for t in doc if t.lower_ in ("ai", "gon", "na", "captured", "'re")] == [
        ("ai", "AUX", "be"), ("'re", "AUX", "be"), ("gon", "VERB", "go"), ("na", "PART", "to"),
        ("captured", "VERB", "capture")]
    assert [t.pos_ for t in doc if t.is_space] == ["SPACE"] * sum(1 for t in doc if t.is_space)


def test_nlp_split_blocks_cuts_at_line_breaks():
    text = "first line\nsecond line\nthird"
    assert split_blocks(text, limit=15) == [(0, "first line\n"), (11, "second line\n"), (23, "third")]


def test_nlp_a_sentence_ends_at_the_stop_of_a_m(coder):
    # the parser keeps "at 4 a.m. Part of ..." one sentence; a proper noun after "a.m." goes on the sentence
    nlp = coder.nlp
    assert [s.text for s in nlp("Shells fell at 4 a.m. Part of the column turned north.").sents] == [
        "Shells fell at 4 a.m.", "Part of the column turned north."]
    assert len(list(nlp("The attack began at 4 a.m. Damascus time.").sents)) == 1
