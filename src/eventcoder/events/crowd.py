"""ACLED's crowd-size tag of a demonstration (a protest or a riot): the size the text gives its crowd, in the text's
words ("crowd size=hundreds", "crowd size=about 200", "crowd size=several thousand"), else "crowd size=no report",
as ACLED tags every demonstration (ACLED codebook, "Tags"; words: lang/en/words_event.tsv, crowd_*).

The crowd is the one the demonstration's trigger names: the trigger itself ("protesters gathered"), its subject
("hundreds of teachers protested"), or what a crowd noun counts ("a crowd of 300 people"); a count elsewhere in the
sentence (the twenty protesters police arrested) is not its size.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..lang import word_set

CROWD_TAG = "crowd size="
NO_REPORT = "no report"
CROWD_SIZE_RULE = "TAG_CROWD_SIZE"  # the text gives the crowd's size; none given is ACLED's "no report"
SUBJECTS = ("nsubj", "nsubjpass")


def crowd_tag(trigger: tuple[Token, ...]) -> tuple[str, list[Token]]:
    """The tag of a demonstration whose trigger is the words `trigger`, and the words of the size it gives, if any.
    The trigger is read at its word that governs the others ("gathered" of "gathered outside")."""
    inside = {t.i for t in trigger}
    trigger_head = next((t for t in trigger if t.head.i not in inside or t.head.i == t.i), trigger[-1])
    for crowd in _crowds(trigger_head):
        size = _size(crowd)
        if size:
            return CROWD_TAG + " ".join(t.text.replace(",", "") if t.like_num else t.lower_ for t in size), size
    return CROWD_TAG + NO_REPORT, []


def _crowds(head: Token) -> list[Token]:
    """The tokens that may name the demonstration's crowd: the trigger as the subject ("500 protesters gathered"),
    the trigger's subjects, or the count a trigger noun is counted by ("thousands of protesters marched"); never a
    crowd the sentence acts on ("police arrested twenty protesters")."""
    found = [head] if head.dep_ in SUBJECTS else []
    found += [c for c in head.children if c.dep_ in SUBJECTS]
    if head.dep_ == "acl":  # "hundreds of teachers protested", parsed as a clause of "hundreds"
        found.append(head.head)
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ in SUBJECTS + ("ROOT",):
        found.append(head.head.head)
    return found


def _size(crowd: Token, depth: int = 0) -> list[Token]:
    """The words giving the size of `crowd`: a count that is the crowd itself ("hundreds", "300"), a number it
    carries ("300 people", "about 200 students"), or the size of what a crowd noun holds ("a crowd of 300")."""
    if crowd.like_num or crowd.lower_ in word_set("crowd_count_words"):
        return _without_of(crowd)
    for child in crowd.children:
        if child.dep_ == "nummod":
            return sorted(child.subtree, key=lambda t: t.i)
    if depth == 0 and crowd.lower_ in word_set("crowd_collective_nouns"):
        for prep in crowd.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return _size(obj, depth + 1)
    return []


# the modifiers a count may carry before it: "more than 1,000", "several hundred", "a few hundred", "about 200"
COUNT_MODIFIERS = ("quantmod", "advmod", "nummod", "amod", "det", "compound", "nmod")


def _without_of(count: Token) -> list[Token]:
    """A count word with the words just before it that modify it ("several hundred", "more than 1,000"), not
    what it counts ("of students"), nor "the", nor a date or a clause before them ("On 2 June, hundreds")."""
    subtree = {t.i for t in count.subtree}
    words = [count]
    for t in reversed(count.doc[count.left_edge.i:count.i]):
        if t.i not in subtree or t.dep_ not in COUNT_MODIFIERS and t.head.dep_ not in COUNT_MODIFIERS:
            break
        words.insert(0, t)
    return [t for t in words if t.lower_ not in ("the", "these", "those")]
