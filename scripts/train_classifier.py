"""Rebuild src/eventcoder/data/classifier.json, the weights of `eventcoder classify`, from human-coded snippets.

    python scripts/train_classifier.py ../shared/bench/case2021/dev.tsv            # train, write the model
    python scripts/train_classifier.py ../shared/bench/case2021/dev.tsv --folds 5  # cross-validate only
    python scripts/train_classifier.py ../shared/bench/case2021/dev.tsv --folds 5 --group snippet  # random folds

The training data is CASE 2021 Task 2 (Haneczok et al. 2021, "Fine-grained event classification in news-like
text snippets"), a TSV of id, EventSnippet, SubType: ACLED sub-event types, plus types outside ACLED
(NATURAL_DISASTER, MAN_MADE_DISASTER, ORG_CRIME, DIPLO, ATTRIB) that are learned as NONE. Cross-validation
reports the weighted F1 of score_case.py over the ACLED snippets of each held-out fold: an honest guess of how
the model does on snippets it has not seen. Folds are drawn by country (the country the gazetteer reads each
snippet to be about; snippets it places nowhere are one group): a random split puts reports of one war in both
halves and flatters the model, where unseen text is mostly of other places.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path

from eventcoder.actors import ActorRegistry
from eventcoder.events.classifier import MODEL_FILE, NONE, candidates, choose, features, train
from eventcoder.events.triggers import TriggerLexicon
from eventcoder.nlp import load_pipeline

CASE_TO_ACLED = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "AGREEMENT": "Agreement", "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash", "ARREST": "Arrests", "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack", "CHANGE_TO_GROUP_ACT": "Change to group/activity", "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory", "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established", "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence", "SUIC_BOMB": "Suicide bomb", "VIOL_DEMONSTR": "Violent demonstration",
}
L2 = 1e-4
STEPS = 200


def read_snippets(path: Path) -> tuple[list[str], list[str], list[str]]:
    ids, texts, labels = [], [], []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            ids.append(row["id"])
            texts.append(row["EventSnippet"])
            labels.append(CASE_TO_ACLED.get(row["SubType"], NONE))
    return ids, texts, labels


def weighted_f1(gold: list[str], pred: list[str]) -> float:
    """score_case.py's figure: F1 per ACLED label, weighted by its share of the ACLED snippets."""
    items = [(g, p) for g, p in zip(gold, pred) if g != NONE]
    support = Counter(g for g, _ in items)
    total = 0.0
    for label, n in support.items():
        tp = sum(1 for g, p in items if g == label and p == label)
        fp = sum(1 for g, p in items if g != label and p == label)
        total += (2 * tp / (2 * tp + fp + n - tp) if tp else 0.0) * n / len(items)
    return total


def fold_of(group: str, folds: int) -> int:
    """A stable fold for each group (a snippet's id or its country), whatever the file's order."""
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % folds


def countries(docs) -> list[str]:
    """The country each parsed snippet is about, as the coder's prescan reads its places and sides ("" none)."""
    from eventcoder.context import Sentence
    from eventcoder.events.coder import EventCoder
    coder = EventCoder(nlp=load_pipeline())
    out = []
    for doc in docs:
        places, people = coder.places.country_weights([Sentence(s, s.text, s.start_char) for s in doc.sents], set())
        weights = places + people
        out.append(max(sorted(weights), key=lambda c: weights[c]) if weights else "")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", type=Path, help="CASE 2021 Task 2 snippets: id, EventSnippet, SubType")
    parser.add_argument("--folds", type=int, default=0, help="cross-validate over K folds and write nothing")
    parser.add_argument("--group", choices=("country", "snippet"), default="country",
                        help="draw folds by the snippet's country (default) or by snippet")
    parser.add_argument("--output", type=Path, default=Path(__file__).resolve().parents[1] / "src" / "eventcoder"
                        / "data" / MODEL_FILE)
    args = parser.parse_args()
    ids, texts, labels = read_snippets(args.tsv)
    nlp, lexicon, registry = load_pipeline(), TriggerLexicon(), ActorRegistry()
    docs = list(nlp.pipe(texts, batch_size=64))
    examples = [features(doc, candidates(doc, lexicon, registry)) for doc in docs]
    rule_pred = [next((f[5:] for f in ex if f.startswith("main:")), NONE) for ex in examples]
    print(f"{len(texts)} snippets, {sum(1 for l in labels if l != NONE)} with an ACLED type; "
          f"rules alone: weighted F1 {weighted_f1(labels, rule_pred):.3f}")
    if args.folds:
        groups = countries(docs) if args.group == "country" else ids
        fold = [fold_of(g, args.folds) for g in groups]
        pred = [""] * len(texts)
        for k in range(args.folds):
            train_idx = [i for i in range(len(ids)) if fold[i] != k]
            model = train([examples[i] for i in train_idx], [labels[i] for i in train_idx], l2=L2, steps=STEPS)
            for i in range(len(ids)):
                if fold[i] == k:
                    # as DocumentClassifier.decide does
                    pred[i] = model.labels[choose(rule_pred[i], model.scores(examples[i]), model.labels, examples[i])]
        acc = sum(p == g for p, g in zip(pred, labels) if g != NONE) / sum(1 for g in labels if g != NONE)
        non = [p for p, g in zip(pred, labels) if g == NONE]
        print(f"{args.folds}-fold cross-validation by {args.group} ({len(set(groups))} groups): "
              f"weighted F1 {weighted_f1(labels, pred):.3f}, "
              f"accuracy {acc:.3f} on the ACLED snippets; non-events left NONE "
              f"{sum(p == NONE for p in non) / max(len(non), 1):.2f} of {len(non)}")
        return 0
    meta = {"trained_on": args.tsv.name, "snippets": len(texts), "l2": L2, "steps": STEPS,
            "source": "CASE 2021 Task 2 (Haneczok et al. 2021), ACLED sub-event types; other types as NONE"}
    model = train(examples, labels, l2=L2, steps=STEPS, meta=meta)
    args.output.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {args.output} ({len(model.weights)} features, {len(model.labels)} labels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
