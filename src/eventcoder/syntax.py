"""Who did what to whom: reading agents, targets, time attachment and the status of a trigger off the parse."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .lang import word_set


def clause_verb(token: Token) -> Token:
    """The verb a token belongs to: itself if a verb, else the nearest verb above it."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") or node.dep_ == "ROOT":
            return node
        node = node.head
    return node


def is_negated(token: Token) -> bool:
    verb = clause_verb(token)
    return any(c.dep_ == "neg" for c in (*token.children, *verb.children)) or any(
        c.lower_ in word_set("negating_words") for c in token.children if c.dep_ in ("det", "prep"))


def is_attempt(token: Token) -> bool:
    """Tried and, as far as the sentence says, not achieved: "ISIL tried to capture the airbase", "an attempt to
    storm the prison". ACLED codes the fighting of an attempt, not its aim."""
    verb = clause_verb(token)
    if verb.dep_ in ("xcomp", "acl", "advcl") and verb.head.lemma_.lower() in word_set("attempt_lemmas"):
        return True
    return token.dep_ == "pobj" and token.head.head.lemma_.lower() in word_set("attempt_lemmas")


def is_irrealis(token: Token) -> bool:
    """Planned, threatened or purposed, not done: "launched an offensive to recapture Palmyra". An attempt is
    not irrealis: its fighting happened (see is_attempt)."""
    if is_attempt(token):
        return False
    verb = clause_verb(token)
    has_to = any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
    if any(c.dep_ == "aux" and c.lower_ in word_set("irrealis_modals") for c in verb.children):
        return True
    if has_to and verb.dep_ in ("xcomp", "ccomp") and any(
            c.dep_ == "aux" and c.lower_ in word_set("irrealis_modals") for c in verb.head.children):
        return True  # "could enable the rebels to seize the city": what a possibility would make possible
    if _in_open_question(verb):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "be":
        return True  # a purpose or a plan: "the aim was to capture the town", "the attack was not to retake it"
    if has_to and (verb.dep_ == "advcl" or verb.head.lemma_.lower() in word_set("intent_lemmas")):
        return True
    if has_to and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        return True  # a noun's purpose: "an attack to capture the base", "the decision to withdraw"
    if (token.dep_ == "pobj" and token.head.lower_ in word_set("purpose_preps")
            and token.head.head.lemma_.lower() in word_set("purpose_lemmas")):
        return True
    return verb.head.lemma_.lower() in word_set("intent_lemmas") and verb.dep_ in ("xcomp", "ccomp") and verb.i != token.head.i


def _in_open_question(verb: Token) -> bool:
    """Whether a clause is, or is part of, a question left open or a condition: "unclear whether the capture of
    the town was the aim", "if the army took the town, ..."."""
    node = verb
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in word_set("open_question_marks") for c in node.children):
            return True
        if node.dep_ not in ("ccomp", "xcomp", "advcl", "csubj", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def is_title(sentence: Span) -> bool:
    """A line with no verb and no full stop ("Northern Iraq offensive (August 2014)", "Siege of Kobani"): a heading
    or a caption names a campaign; it tells no event of its own. (A sentence ends with its stop even where the
    tagger misses its verb: "ISIL retook Susah.")"""
    words = [t for t in sentence if not t.is_space]
    return bool(words) and words[-1].text not in (".", "!", "?") and not any(
        t.pos_ in ("VERB", "AUX") for t in words)


def is_background(token: Token) -> bool:
    """Told as the past of another event: "after recapturing Palmyra", "the weapons it seized"."""
    node = token
    for _ in range(10):
        if node.dep_ == "relcl" and not _complement_clause(node):
            return True
        if node.dep_ == "acl" and node.tag_ in ("VBD", "VBN") and node.i != token.i:
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in word_set("background_marks") for c in node.children):
            return True
        if node.dep_ in ("pcomp", "pobj") and node.head.lower_ in word_set("background_marks"):
            return True
        if node.dep_ == "ROOT" or node.head.i == node.i:
            return False
        node = node.head
    return False


def _complement_clause(verb: Token) -> bool:
    """A clause the parser took for a relative one, but that "that" opens as a conjunction, with a subject of its
    own ("it was reported through the app that a shoot-out took place"): what was reported, not a noun's past."""
    return any(c.dep_ == "mark" and c.lower_ in word_set("complement_marks") for c in verb.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i > verb.head.i for c in verb.children)


def is_generic_present(token: Token, has_date: bool) -> bool:
    """A habitual or present-tense statement with no date ("the offensive comes at a time when ..."): no event."""
    if has_date:
        return False
    verb = clause_verb(token)
    return verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and any(c.lower_ in word_set("present_be_forms") for c in verb.children))


def subjects_of(token: Token) -> list[tuple[Token, str]]:
    """Who may act in the trigger's clause, nearest first: the noun's own modifiers ("ISIL attack", "the SDF's
    advance"), a "by" agent, then the subject of each verb up the chain (conjunctions and participles share
    their head's subject). Each as (token, how), how one of modifier, agent, nsubj."""
    found = _noun_agents(token) if token.pos_ in ("NOUN", "PROPN") else []
    if _is_setting(token):
        # told before its clause as the setting ("With the capture of Hajin, ISIL retreated"): the clause's subject
        # did not capture it. After the verb ("launched an assault, with attacks on ...") the subject's own acts
        return found
    return found + _clause_subjects(token)


def _noun_agents(noun: Token) -> list[tuple[Token, str]]:
    """Who a trigger noun's own words say acts: its modifiers before it, then the object of its "by" phrase."""
    found = [(c, "modifier") for c in noun.children if c.dep_ in ("compound", "poss", "amod", "nmod") and c.i < noun.i]
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in word_set("agent_preps"):
            found.extend((p, "agent") for p in c.children if p.dep_ == "pobj")
    return found


def _is_setting(token: Token) -> bool:
    """The object of a circumstance preposition set before the verb it belongs to ("With the capture of X, ...")."""
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in word_set("circumstance_preps") and prep.i < prep.head.i


def _clause_subjects(token: Token) -> list[tuple[Token, str]]:
    """The agents and subjects of the verbs up from `token`, up to the first verb that has a subject."""
    found: list[tuple[Token, str]] = []
    node = token
    for _ in range(8):
        for c in node.children:
            if c.dep_ == "agent":
                found.extend((p, "agent") for p in c.children if p.dep_ == "pobj")
        if not _small_clause(node):  # "declared Rastan liberated": Rastan was liberated, by the declarer
            found.extend((c, "nsubj") for c in node.children if c.dep_ in ("nsubj", "csubj"))
        if any(h == "nsubj" for _, h in found) or node.dep_ == "ROOT" or node.head.i == node.i:
            break
        node = node.head
    return found


def controls(verb: Token, token: Token) -> bool:
    """Whether `verb`'s subject is the subject of `token`'s clause too, through open complements: "the rebels
    claimed to have taken X" (claimed -> taken), "the FSA declared X liberated", not "the rebels said that the
    army had taken X"."""
    node = clause_verb(token)
    if any(c.dep_ == "auxpass" for c in node.children):
        return False  # "reported hearing shots being fired by the guards": done by whom the passive names
    for _ in range(4):
        if node.lemma_.lower() in word_set("perception_lemmas"):
            return False  # "reported hearing shots": what was heard was done by others
        if node.dep_ not in ("xcomp", "oprd") and not _small_clause(node):
            return False
        node = node.head
        if node.i == verb.i:
            return True
    return False


def is_past_perfect(sentence: Span) -> bool:
    """Whether the sentence's main verb is in the past perfect ("the city had already been captured on 10 June"):
    told as the past of the story, not as where it has got to."""
    root = sentence.root
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in root.children)


def _small_clause(verb: Token) -> bool:
    """A bare participle complement of a verb of declaring ("declared Rastan liberated"): said of its object,
    done by the declarer."""
    return (verb.dep_ == "ccomp" and verb.tag_ in ("VBN", "VBD")
            and verb.head.lemma_.lower() in word_set("declaring_lemmas")
            and not any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children))


def counted(token: Token) -> Token:
    """What a quantity counts ("dozens of shells": shells, "eight of the checkpoints": checkpoints); any other word
    itself."""
    return next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj"), token)


def raised_subject(token: Token) -> Token | None:
    """The subject of the trigger's clause, through the verbs it is the open complement of ("rockets were reported
    to have fallen": rockets), active or passive."""
    node = clause_verb(token)
    for _ in range(4):
        found = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if found is not None or node.dep_ != "xcomp":
            return found
        node = node.head
    return None


def subject_of(token: Token) -> tuple[Token | None, str]:
    """The nearest subject that acts in the trigger's clause (see subjects_of)."""
    found = [f for f in subjects_of(token) if f[1] != "modifier"]
    return found[0] if found else (None, "")


def passive_subject(token: Token) -> Token | None:
    """The subject of the trigger's passive verb; a conjunct shares it ("fighters were killed and executed")."""
    node = clause_verb(token)
    for verb in (node, node.head) if node.dep_ == "conj" else (node,):
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                return c
    return None


def reporting_verb_above(token: Token) -> Token | None:
    """The reporting verb whose content clause holds `token` ("SOHR said that ISIL attacked ...")."""
    node = token
    for _ in range(10):
        if node.dep_ in ("ccomp", "xcomp", "parataxis") and node.head.lemma_.lower() in word_set("reporting_lemmas"):
            return node.head
        if node.dep_ == "ROOT" or node.head.i == node.i:
            return None
        node = node.head
    return None


def attached_verb(sent: Span, char: int) -> Token | None:
    """The verb that a phrase starting at sentence offset `char` attaches to."""
    for t in sent:
        if t.idx - sent.start_char >= char:
            return clause_verb(t)
    return None


def is_reporting(verb: Token | None) -> bool:
    return verb is not None and verb.lemma_.lower() in word_set("reporting_lemmas")
