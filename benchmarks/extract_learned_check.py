"""Would a learned reader generalise better than the rules? (the trial of branch ``extml``, re-run here)

Run from the repository root (needs scikit-learn, which the project does not depend on)::

    .venv/bin/python -m pip install scikit-learn==1.9.1   # into a scratch environment
    .venv/bin/python benchmarks/extract_learned_check.py

Readers compared, all on the rules' candidate figures (every percentage, range and unit-less share):

* ``rules``: the shipped extractor.
* ``learned``: two logistic regressions (is it a NATO poll figure; its stance) over the features of
  :func:`analysis.extract.features.candidate_features` (first tried on branch ``extml``): words of the
  figure's clause and window, lexicon labels in the clause, the sentence and the sentence before, NATO-cue
  distance, poll cues, change / error / prediction cues, the figure's form and place.
* ``hybrid``: the same with the rules' own decision (accepted, stance, topic) as three more features.

Two measures:

1. *Grouped 5-fold cross-validation by passage* over the splits the rules were written with (seed, dev,
   holdout, blind). The learned readers are scored out of fold; the rules' (and so the hybrid's rule
   features) are in-sample, since the rules were revised with every one of these passages in view.
2. *Unseen batches* (as in ``extract_benchmark.py``): the blind batch read with the lexicons of commit
   fdb2299 and the d… passages with those of commit 4f3ee42 (plus this round's additions); the learned
   readers are trained on every other training passage, read with today's lexicons (as a shipped model
   would be trained), and tested on the batch read with the old ones.

3. *Held out* (``--held-out``): trained on every labelled passage except the held-out splits of
   ``extract_benchmark.HELD_OUT`` (a fresh blind batch and ``holdout_new``), read with today's lexicons, and
   scored on those splits, which neither the rules nor the readers have seen, then the rules with one part of
   the learned decision put in (its vetoes, its additions, its stances). Writes
   ``benchmarks/extract_learned_results.md``.

Nothing here is imported by the package: the result decides whether a learned reader is worth shipping.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_benchmark import HELD_OUT, UNSEEN_BATCHES, lexicons_as_of, load_eval  # noqa: E402

TRAIN = ("seed", "dev", "holdout", "blind")

_CANDIDATES = r"""
import pickle, sys
from pathlib import Path
import analysis.extract.lexicon as lexicon
if sys.argv[1] != "-":
    lexicon.RESOURCES = Path(sys.argv[1])
from analysis.extract.features import candidate_features
docs = pickle.load(open(sys.argv[2], "rb"))
out = [(d, c.start, c.end, c.reported, c.stance, c.features) for d, text in docs for c in candidate_features(text)]
pickle.dump(out, open(sys.argv[3], "wb"))
"""


def candidates(docs: list[tuple[str, str]], resources: Path | None) -> list[tuple]:  # type: ignore[type-arg]
    """Candidate rows ``(doc_id, start, end, rule_accepted, rule_stance, features)``, read in a fresh
    process with the lexicons of ``resources`` (None: today's)."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "docs.pkl", Path(tmp) / "out.pkl"
        src.write_bytes(pickle.dumps(docs))
        subprocess.run([sys.executable, "-c", _CANDIDATES, str(resources or "-"), str(src), str(dst)], check=True)
        return pickle.loads(dst.read_bytes())


def gold_of(rows: list[tuple], labels) -> list[str]:  # type: ignore[no-untyped-def,type-arg]
    """The labelled stance of each candidate (``""``: not a NATO poll figure)."""
    by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for r in labels[labels["nato_poll"] == "yes"].itertuples():
        by_doc.setdefault(r.doc_id, []).append((int(r.start), int(r.end), r.stance))
    return [next((st for s, e, st in by_doc.get(d, []) if s < b and e > a), "") for d, a, b, *_ in rows]


def fit_predict(train_x, train_gold, test_x, with_rules):  # type: ignore[no-untyped-def]
    """Accepted and stance of the test rows by readers trained on the training rows."""

    def keep(f: dict[str, float]) -> dict[str, float]:
        return f if with_rules else {k: v for k, v in f.items() if not k.startswith("rule:")}

    v = DictVectorizer(sort=True)
    xa, xb = v.fit_transform([keep(f) for f in train_x]), v.transform([keep(f) for f in test_x])
    y = np.array([int(bool(g)) for g in train_gold])
    nato = LogisticRegression(C=1.0, max_iter=5000, random_state=0).fit(xa, y)
    yes = np.flatnonzero(y)
    stance = LogisticRegression(C=10.0, max_iter=5000, random_state=0, class_weight="balanced")
    stance.fit(xa[yes], [train_gold[k] for k in yes])
    return nato.predict_proba(xb)[:, 1] >= 0.5, list(stance.predict(xb))


def f1(gold: list[str], accepted, stances, n_gold: int) -> float:  # type: ignore[no-untyped-def]
    """Span+share+stance F1 over candidates (``n_gold``: labelled NATO poll figures)."""
    found = int(sum(accepted))
    tp = sum(1 for g, a, s in zip(gold, accepted, stances, strict=True) if a and g and s == g)
    p, r = (tp / found if found else 1.0), tp / n_gold
    return 2 * p * r / (p + r) if p + r else 0.0


def held_out() -> int:
    """Measure 3: readers trained on every passage outside :data:`HELD_OUT`, scored on each held-out split."""
    docs, labels = load_eval()
    train_docs = docs[~docs["split"].isin(HELD_OUT)]
    rows = candidates(list(zip(train_docs["doc_id"], train_docs["text"], strict=True)), None)
    gold, x = gold_of(rows, labels), [r[5] for r in rows]
    n_train = int(((labels["nato_poll"] == "yes") & labels["doc_id"].isin(train_docs["doc_id"])).sum())
    lines = [
        "# A learned reader against the rules, on held-out text",
        "",
        "Written by `benchmarks/extract_learned_check.py --held-out` (needs scikit-learn, which the package does",
        f"not depend on). Trained on {len(train_docs)} passages ({n_train} NATO poll figures, every split but",
        f"{', '.join(f'`{s}`' for s in HELD_OUT)}); span+share+stance F1 over the rules' candidate figures of each",
        "held-out split, which neither the rules nor the readers have seen:",
        "",
        "| split | passages | NATO figures | rules | learned | hybrid (plus the rules' decision) |",
        "|---|---|---|---|---|---|",
    ]
    parts = [
        "",
        "Which part of the learned reader's decision carries its gain: the rules' decisions with one part of the",
        "learned reader's put in (`veto`: a figure is kept only if both accept it; `additions`: also the figures",
        "only the learned reader accepts, with its stance; `stances`: the rules' figures with the learned stance):",
        "",
        "| split | rules | learned | rules + veto | rules + additions | rules + stances |",
        "|---|---|---|---|---|---|",
    ]
    changes = [
        "",
        "What the hybrid reader decides differently from the rules, figure by figure (a candidate is right when it is",
        "reported with the labelled stance, or left out and not a NATO poll figure): how many of its changes turn a",
        "wrong decision right, and how many a right one wrong:",
        "",
        "| split | added: right | added: wrong | dropped: right | dropped: wrong | stance changed: right | stance changed: wrong |",
        "|---|---|---|---|---|---|---|",
    ]
    tests = {}
    for split in HELD_OUT:
        chosen = docs[docs["split"] == split]
        test = candidates(list(zip(chosen["doc_id"], chosen["text"], strict=True)), None)
        test_gold = gold_of(test, labels)
        n = int(((labels["nato_poll"] == "yes") & labels["doc_id"].isin(chosen["doc_id"])).sum())
        tests[split] = (test, test_gold, n)
        rule_accepted, rule_stances = [r[3] for r in test], [r[4] for r in test]
        scores = [f1(test_gold, rule_accepted, rule_stances, n)]
        for with_rules in (False, True):
            accepted, stances = fit_predict(x, gold, [r[5] for r in test], with_rules)
            scores.append(f1(test_gold, accepted, stances, n))
            if with_rules:
                counts = differences(test_gold, rule_accepted, rule_stances, accepted, stances)
                changes.append(f"| `{split}` | " + " | ".join(str(counts[k]) for k in DIFFERENCES) + " |")
            else:
                both = [a and b for a, b in zip(rule_accepted, accepted, strict=True)]
                either = [a or b for a, b in zip(rule_accepted, accepted, strict=True)]
                added = [r if a else s for a, r, s in zip(rule_accepted, rule_stances, stances, strict=True)]
                part = [
                    f1(test_gold, both, rule_stances, n),
                    f1(test_gold, either, added, n),
                    f1(test_gold, rule_accepted, stances, n),
                ]
                parts.append(f"| `{split}` | " + " | ".join(f"{v:.3f}" for v in [*scores, *part]) + " |")
        lines.append(f"| `{split}` | {len(chosen)} | {n} | " + " | ".join(f"{v:.3f}" for v in scores) + " |")
    lines += [*parts, *changes, *resampled(rows, gold, tests)]
    lines += [
        "",
        "A learned reader is worth shipping only if it beats the rules here; the rules' score is over the same",
        "candidates, so it can differ slightly from `extract_results.md` (which also checks each share), and only if",
        "it does so steadily over the resamples. A part that did could ship inside the rules' decisions; a reader",
        "that wins only whole would need the rules to fill every field (question type, geography, country) of the",
        "figures they reject as well, which today they fill only for those they accept.",
        "",
    ]
    (Path(__file__).resolve().parent / "extract_learned_results.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


DIFFERENCES = tuple(f"{kind}: {turn}" for kind in ("added", "dropped", "stance changed") for turn in ("right", "wrong"))
"""The kinds of difference :func:`differences` counts."""


def differences(gold, rule_accepted, rule_stances, accepted, stances) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """How a reader's decisions differ from the rules' on the same candidates: figures it adds, drops or gives another
    stance, each counted as turning a wrong decision right or a right one wrong.

    >>> differences(["for", "", "against"], [False, True, True], ["", "for", "for"], [True, False, True],
    ...             ["for", "", "against"])["added: right"]
    1
    """
    counts = dict.fromkeys(DIFFERENCES, 0)
    for g, ra, rs, a, s in zip(gold, rule_accepted, rule_stances, accepted, stances, strict=True):
        rule_right, right = (
            (ra and bool(g) and rs == g) or (not ra and not g),
            (a and bool(g) and s == g) or (not a and not g),
        )
        if rule_right == right:
            continue
        kind = "added" if a and not ra else "dropped" if ra and not a else "stance changed"
        counts[f"{kind}: {'right' if right else 'wrong'}"] += 1
    return counts


RESAMPLES = 20
"""Bootstrap resamples of the training passages in :func:`resampled`."""


def resampled(rows: list[tuple], gold: list[str], tests: dict[str, tuple]) -> list[str]:  # type: ignore[type-arg]
    """How much the readers' held-out scores depend on which passages they were trained on: each reader trained
    on :data:`RESAMPLES` bootstrap resamples of the training passages (drawn with replacement, whole passages),
    scored on each held-out split. Table rows: the rules, then each reader's median F1, 5% and 95% points and
    the share of resamples in which it beats the rules."""
    by_doc: dict[str, list[int]] = {}
    for k, r in enumerate(rows):
        by_doc.setdefault(r[0], []).append(k)
    passages = sorted(by_doc)
    rng = np.random.default_rng(20261203)
    scores: dict[tuple[str, str], list[float]] = {}
    test_x = [r[5] for test, _, _ in tests.values() for r in test]  # every held-out split, in order
    for _ in range(RESAMPLES):
        drawn = [k for d in rng.choice(passages, size=len(passages), replace=True) for k in by_doc[d]]
        train_x, train_gold = [rows[k][5] for k in drawn], [gold[k] for k in drawn]
        for reader, with_rules in (("learned", False), ("hybrid", True)):
            accepted, stances = fit_predict(train_x, train_gold, test_x, with_rules)
            at = 0
            for split, (test, test_gold, n) in tests.items():
                part = slice(at, at + len(test))
                scores.setdefault((split, reader), []).append(f1(test_gold, accepted[part], stances[part], n))
                at += len(test)
    lines = [
        "",
        f"How much that depends on the training passages: each reader trained on {RESAMPLES} bootstrap resamples of",
        "the training passages (whole passages drawn with replacement), span+share+stance F1 on each held-out split:",
        "",
        "| split | rules | learned: median (5% to 95%) | beats the rules | hybrid: median (5% to 95%) | beats the rules |",
        "|---|---|---|---|---|---|",
    ]
    for split, (test, test_gold, n) in tests.items():
        rules = f1(test_gold, [r[3] for r in test], [r[4] for r in test], n)
        cells = [f"{rules:.3f}"]
        for reader in ("learned", "hybrid"):
            values = np.array(scores[(split, reader)])
            low, mid, high = np.quantile(values, [0.05, 0.5, 0.95])
            cells += [f"{mid:.3f} ({low:.3f} to {high:.3f})", f"{(values > rules).mean():.0%}"]
        lines.append(f"| `{split}` | " + " | ".join(cells) + " |")
    return lines


def main() -> int:
    if "--held-out" in sys.argv[1:]:
        return held_out()
    docs, labels = load_eval()
    train_docs = docs[docs["split"].isin(TRAIN)]
    n_gold = (
        labels[(labels["nato_poll"] == "yes") & labels["doc_id"].isin(train_docs["doc_id"])].groupby("doc_id").size()
    )
    rows = candidates(list(zip(train_docs["doc_id"], train_docs["text"], strict=True)), None)
    gold = gold_of(rows, labels)
    ids = [r[0] for r in rows]
    x = [r[5] for r in rows]
    total = int(n_gold.sum())
    print(f"Grouped 5-fold CV by passage ({len(train_docs)} passages, {total} NATO poll figures):")
    result = {"rules (in-sample)": f1(gold, [r[3] for r in rows], [r[4] for r in rows], total)}
    for name, with_rules in (("learned", False), ("hybrid", True)):
        accepted, stances = np.zeros(len(rows), bool), [""] * len(rows)
        for a, b in GroupKFold(n_splits=5).split(x, groups=ids):
            acc, st = fit_predict([x[k] for k in a], [gold[k] for k in a], [x[k] for k in b], with_rules)
            accepted[b] = acc
            for k, s in zip(b, st, strict=True):
                stances[k] = s
        result[name + " (out of fold)"] = f1(gold, accepted, stances, total)
    for name, value in result.items():
        print(f"  {name}: span+share+stance F1 {value:.3f}")
    print("Unseen batches (lexicons from before each was read), pooled:")
    pooled: dict[str, list] = {"rules": [[], [], []], "learned": [[], [], []], "hybrid": [[], [], []]}  # type: ignore[type-arg]
    n_unseen = 0
    with tempfile.TemporaryDirectory() as tmp:
        for batch, (commit, pick) in UNSEEN_BATCHES.items():
            chosen = train_docs[pick(train_docs)]
            in_batch = set(chosen["doc_id"])
            resources = Path(tmp) / commit
            if not lexicons_as_of(commit, resources):
                print("  (not computed: git history not available)")
                return 0
            test = candidates(list(zip(chosen["doc_id"], chosen["text"], strict=True)), resources)
            test_gold = gold_of(test, labels)
            n_unseen += int(n_gold[n_gold.index.isin(in_batch)].sum())
            train = [k for k, d in enumerate(ids) if d not in in_batch]
            pooled["rules"][0] += test_gold
            pooled["rules"][1] += [r[3] for r in test]
            pooled["rules"][2] += [r[4] for r in test]
            for name, with_rules in (("learned", False), ("hybrid", True)):
                acc, st = fit_predict([x[k] for k in train], [gold[k] for k in train], [r[5] for r in test], with_rules)
                pooled[name][0] += test_gold
                pooled[name][1] += list(acc)
                pooled[name][2] += st
            print(f"  {batch}: read with the lexicons of {commit}")
    for name, (g, a, s) in pooled.items():
        print(f"  {name}: span+share+stance F1 {f1(g, a, s, n_unseen):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
