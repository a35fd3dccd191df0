"""aliases.py: the alias matcher shared by actors and sources."""
from eventcoder.aliases import AliasMatcher


def test_aliases_matcher_trie_keeps_longest_match_and_word_ends():
    m = AliasMatcher([("Free Army", "A"), ("Free Army Brigade", "B"), ("Freedom Front", "C"), ("=FA", "D"),
                      ("free", "E")])
    # the longest alias that ends at a word's end: "Free Army Brigades" backs off to "Free Army"
    assert m.find("The Free Army Brigade met the Free Army Brigades and the Freedom Front.") == [
        (4, 21, "B"), (30, 39, "A"), (57, 70, "C")]
    # a shorter alias that shares the letters still matches alone; a case-sensitive one only as written
    assert m.find("FA and fa went free.") == [(0, 2, "D"), (15, 19, "E")]


def test_aliases_the_longest_of_overlapping_aliases_wins_wherever_it_starts():
    matcher = AliasMatcher([("the military", "STATE"), ("military police", "MP"), ("police", "POLICE")])
    assert matcher.find("Then the military police came.") == [(9, 24, "MP")]


def test_aliases_find_all_keeps_every_value_of_an_alias_in_order():
    matcher = AliasMatcher([("the coalition", "A"), ("Coalition", "C"), ("the coalition", "B"), ("the coalition", "A")],
                           keep_all=True)
    assert matcher.find_all("Then the coalition struck.") == [(5, 18, ["A", "B"])]
    assert matcher.find("Then the coalition struck.") == [(5, 18, "A")]
