"""Scoring found figures against labelled ones (benchmark and notebook)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.extract.lexicon import canonical_pollster

# Used by benchmarks/extract_benchmark.py and the data notebook to measure the extractor.

LEVELS = ("span", "span+share", "span+share+stance")
"""The levels of :func:`score_mentions`, loosest first."""
FIELDS = ("share_qualifier", "date", "pollster", "geography", "country", "sample_size", "question_type")
"""The fields :func:`score_mentions` checks over matched figures (``question_type`` where labelled)."""


def _norm(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _pollster_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", name.casefold())


def _same_pollster(gold: str, found: str) -> bool:
    """Same canonical name (:func:`~analysis.extract.lexicon.canonical_pollster`), or, for names
    that neither alias table knows, one contains the other."""
    g, f = _pollster_key(gold), _pollster_key(found)
    if not g or not f:
        return g == f
    cg, cf = canonical_pollster(gold), canonical_pollster(found)
    if cg and cf:
        return cg == cf
    return g in f or f in g


def _same_place(gold: str, found: str) -> bool:
    def clean(s: str) -> str:
        return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", s.strip().casefold()))

    return clean(gold) == clean(found)


def _match(gold: pd.DataFrame, found: pd.DataFrame) -> list[tuple[int, int]]:
    """Pairs (gold index, found index) whose spans overlap in the same document, one-to-one: each
    labelled figure in turn takes the first found figure (in row order) not yet taken."""
    by_doc: dict[object, list[tuple[int, int, int]]] = {}
    for fi, doc, start, end in zip(found.index, found["doc_id"], found["start"], found["end"], strict=True):
        by_doc.setdefault(doc, []).append((fi, start, end))
    pairs, used = [], set()
    for gi, doc, start, end in zip(gold.index, gold["doc_id"], gold["start"], gold["end"], strict=True):
        for fi, f_start, f_end in by_doc.get(doc, ()):
            if f_start < end and f_end > start and fi not in used:
                pairs.append((gi, fi))
                used.add(fi)
                break
    return pairs


def _prf(tp: int, n_found: int, n_gold: int) -> dict[str, float]:
    p = tp / n_found if n_found else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {
        "tp": tp,
        "found": n_found,
        "gold": n_gold,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


def score_mentions(gold: pd.DataFrame, found: pd.DataFrame, *, with_stance: bool = True) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 of found figures against labelled ones, plus field accuracy.

    Both tables have ``doc_id``, ``start``, ``end`` (the figure's span) and ``share``; a found
    figure matches a labelled one when their spans overlap in the same document (one to one).
    Levels: ``span``, ``span+share`` (share within 0.05) and, with ``with_stance``,
    ``span+share+stance`` plus accuracy of each field over matched figures.

    >>> gold = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 10], "end": [3, 13], "share": [37.0, 28.0]})
    >>> found = pd.DataFrame({"doc_id": ["d"], "start": [0], "end": [3], "share": [37.0]})
    >>> {k: round(v, 2) for k, v in score_mentions(gold, found, with_stance=False)["span+share"].items()}
    {'tp': 1, 'found': 1, 'gold': 2, 'precision': 1.0, 'recall': 0.5, 'f1': 0.67}
    """
    pairs = _match(gold, found)
    share_ok = [(g, f) for g, f in pairs if abs(float(gold.at[g, "share"]) - float(found.at[f, "share"])) < 0.05]
    out = {
        "span": _prf(len(pairs), len(found), len(gold)),
        "span+share": _prf(len(share_ok), len(found), len(gold)),
    }
    if not with_stance:
        return out
    stance_ok = [(g, f) for g, f in share_ok if gold.at[g, "stance"] == found.at[f, "stance"]]
    out["span+share+stance"] = _prf(len(stance_ok), len(found), len(gold))
    checks = {
        "share_qualifier": lambda g, f: g["share_qualifier"] == _norm(f["share_qualifier"]),
        "date": lambda g, f: (
            (g["date_start"], g["date_end"], g["date_precision"])
            == (_norm(f["date_start"]), _norm(f["date_end"]), _norm(f["date_precision"]))
        ),
        "pollster": lambda g, f: _same_pollster(g["pollster"], _norm(f["pollster"])),
        "geography": lambda g, f: _same_place(g["geography"], _norm(f["geography"])),
        "country": lambda g, f: g["country"] == _norm(f["country"]),
        "sample_size": lambda g, f: g["sample_size"] == _norm(f["sample_size"]),
    }
    if "question_type" in gold.columns and "question_type" in found.columns:  # labelled for some passages only
        typed = [(g, f) for g, f in pairs if gold.at[g, "question_type"]]
        right = sum(gold.at[g, "question_type"] == found.at[f, "question_type"] for g, f in typed)
        out["question_type"] = {"right": right, "of": len(typed), "accuracy": right / len(typed) if typed else 1.0}
    g_rows, f_rows = gold.to_dict("index"), found.to_dict("index")  # plain dicts: a row lookup per pair is slow
    for name, ok in checks.items():
        right = sum(bool(ok(g_rows[g], f_rows[f])) for g, f in pairs)
        out[name] = {"right": right, "of": len(pairs), "accuracy": right / len(pairs) if pairs else 1.0}
    return out


def _kappa(pairs: pd.DataFrame) -> dict[str, float]:
    """Cohen's kappa (statsmodels) of two readers' categories, one pair per row (columns ``a``, ``b``)."""
    from statsmodels.stats.inter_rater import cohens_kappa

    categories = sorted(set(pairs["a"]) | set(pairs["b"]))
    table = pd.crosstab(pairs["a"], pairs["b"]).reindex(index=categories, columns=categories, fill_value=0)
    agree = float((pairs["a"] == pairs["b"]).mean()) if len(pairs) else 1.0
    if len(categories) < 2:  # one category only: kappa is undefined
        return {
            "pairs": len(pairs),
            "agreement": agree,
            "kappa": float("nan"),
            "low": float("nan"),
            "high": float("nan"),
        }
    with np.errstate(invalid="ignore"):  # perfect agreement: a variance of zero can round to -1e-17
        k = cohens_kappa(table.to_numpy())
    low, high = k.kappa_low, k.kappa_upp
    if agree == 1.0:  # every pair agrees: kappa is 1 with no sampling variance under the asymptotic formula
        low = high = 1.0
    # the normal-approximation interval can pass 1, which kappa cannot
    return {"pairs": len(pairs), "agreement": agree, "kappa": k.kappa, "low": low, "high": min(high, 1.0)}


def labeller_agreement(first: pd.DataFrame, second: pd.DataFrame) -> dict[str, dict[str, float]]:
    """How far two labellers of the same passages agree (inter-annotator agreement).

    Both tables are label tables as in ``tests/extract_eval/labels.csv`` (one row per
    percentage-like expression, ``nato_poll`` ``yes``/``no``, the fields of a NATO poll figure).
    Returned:

    - everything :func:`score_mentions` gives for the NATO poll figures, ``first`` taken as the
      reference (F1 is symmetric: swapping the two swaps precision and recall);
    - ``nato_poll``: over expressions both labelled (spans overlap), the share labelled alike and
      Cohen's kappa with its 95% interval (statsmodels), plus the expressions only one labelled;
    - ``stance``: the same for the stance of figures both call NATO poll figures with one share.

    >>> fields = dict.fromkeys(["share_qualifier", "date_start", "date_end", "date_precision", "pollster",
    ...                         "geography", "country", "sample_size"], "")
    >>> a = pd.DataFrame({"doc_id": ["d"] * 3, "start": [0, 10, 20], "end": [3, 13, 23],
    ...                   "nato_poll": ["yes", "yes", "no"], "share": ["37", "28", "5"],
    ...                   "stance": ["for", "against", ""], **fields})
    >>> b = a.assign(stance=["for", "undecided", ""])
    >>> out = labeller_agreement(a, b)
    >>> out["span+share"]["f1"], out["span+share+stance"]["f1"], out["nato_poll"]["agreement"]
    (1.0, 0.5, 1.0)
    """
    yes_a = first[first["nato_poll"] == "yes"].reset_index(drop=True)
    yes_b = second[second["nato_poll"] == "yes"].reset_index(drop=True)
    out: dict[str, dict[str, float]] = score_mentions(yes_a, yes_b)
    a, b = first.reset_index(drop=True), second.reset_index(drop=True)
    pairs = _match(a, b)
    decisions = pd.DataFrame(
        {"a": [a.at[i, "nato_poll"] for i, _ in pairs], "b": [b.at[j, "nato_poll"] for _, j in pairs]}
    )
    out["nato_poll"] = _kappa(decisions) | {
        "unpaired_first": len(a) - len(pairs),
        "unpaired_second": len(b) - len(pairs),
    }
    same_share = [
        (i, j) for i, j in _match(yes_a, yes_b) if abs(float(yes_a.at[i, "share"]) - float(yes_b.at[j, "share"])) < 0.05
    ]
    stances = pd.DataFrame(
        {"a": [yes_a.at[i, "stance"] for i, _ in same_share], "b": [yes_b.at[j, "stance"] for _, j in same_share]}
    )
    out["stance"] = _kappa(stances)
    return out


def consensus(first: pd.DataFrame, second: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The first labeller's NATO figures that the second labels alike (same span, share, stance), and
    every span either labeller calls a NATO figure without that agreement (disputed).

    >>> a = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 10], "end": [3, 13], "nato_poll": ["yes", "yes"],
    ...                   "share": ["37", "28"], "stance": ["for", "against"]})
    >>> agreed, disputed = consensus(a, a.assign(stance=["for", "for"]))
    >>> agreed["start"].tolist(), sorted(disputed["start"].tolist())
    ([0], [10, 10])
    """
    yes_a = first[first["nato_poll"] == "yes"].reset_index(drop=True)
    yes_b = second[second["nato_poll"] == "yes"].reset_index(drop=True)
    alike = [
        (i, j)
        for i, j in _match(yes_a, yes_b)
        if abs(float(yes_a.at[i, "share"]) - float(yes_b.at[j, "share"])) < 0.05
        and yes_a.at[i, "stance"] == yes_b.at[j, "stance"]
    ]
    agreed_a, agreed_b = {i for i, _ in alike}, {j for _, j in alike}
    disputed = pd.concat([yes_a.drop(index=list(agreed_a)), yes_b.drop(index=list(agreed_b))], ignore_index=True)[
        ["doc_id", "start", "end"]
    ]
    return yes_a.loc[sorted(agreed_a)].reset_index(drop=True), disputed


def markdown_row(name: str, m: dict[str, float]) -> str:
    """One level of :func:`score_mentions` as a Markdown table row.

    >>> markdown_row("span", {"tp": 1, "found": 2, "gold": 1, "precision": 0.5, "recall": 1.0, "f1": 2 / 3})
    '| span | 1 | 2 | 1 | 0.500 | 1.000 | 0.667 |'
    """
    return f"| {name} | {m['tp']} | {m['found']} | {m['gold']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |"
