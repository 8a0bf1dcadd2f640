"""Scoring found figures against labelled ones (benchmark and notebook)."""

from __future__ import annotations

import re

import pandas as pd

from analysis.extract.lexicon import canonical_pollster

# Used by benchmarks/extract_benchmark.py and the data notebook to measure the extractor.


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
    """Pairs (gold index, found index) whose spans overlap in the same document, one-to-one."""
    pairs, used = [], set()
    for gi, g in gold.iterrows():
        same_doc = found[(found["doc_id"] == g["doc_id"]) & (found["start"] < g["end"]) & (found["end"] > g["start"])]
        for fi in same_doc.index:
            if fi not in used:
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
    for name, ok in checks.items():
        right = sum(bool(ok(gold.loc[g], found.loc[f])) for g, f in pairs)
        out[name] = {"right": right, "of": len(pairs), "accuracy": right / len(pairs) if pairs else 1.0}
    return out
