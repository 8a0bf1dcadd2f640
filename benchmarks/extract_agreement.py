"""Two labellers of one batch: how far they agree, and the extractor scored against each (issue 14).

A second helper labelled the ``blind5`` passages again under ``tests/extract_eval/README.md``
without seeing the first labels or any extractor output. Their agreement is the ceiling a
reader can be measured against: an F1 target above it asks the extractor to agree with one
labeller more than two labellers agree with each other. Called by ``extract_benchmark.py``.
"""

from __future__ import annotations

import pandas as pd

from analysis.extract.scoring import FIELDS, LEVELS, consensus, labeller_agreement, markdown_row, score_mentions


def _outside(found: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """``found`` without the rows whose span overlaps one of ``spans`` in the same document."""
    hit = found.merge(spans, on="doc_id", suffixes=("", "_d"))
    hit = hit[(hit["start"] < hit["end_d"]) & (hit["end"] > hit["start_d"])]
    return found[~found.set_index(["doc_id", "start"]).index.isin(hit.set_index(["doc_id", "start"]).index)]


def agreement_section(
    first: pd.DataFrame, second: pd.DataFrame, ours: pd.DataFrame, split: str, *, held_out: bool
) -> list[str]:
    """Markdown: the two labellers of ``split`` against each other, and the extractor against each
    (``held_out``: no rule was written with the split in view, so the extractor's scores are unseen-text scores)."""
    first, ours = first[first["split"] == split], ours[ours["split"] == split]
    both = labeller_agreement(first, second)
    agreed, disputed = consensus(first, second)
    n_docs = first["doc_id"].nunique()
    lines = [
        f"## Two labellers of one batch (`{split}`)",
        "",
        f"A second helper labelled the {second['doc_id'].nunique()} `{split}` passages again, under the same "
        "rules (`tests/extract_eval/README.md`), without seeing the first labels or any output of the extractor "
        f"(`tests/extract_eval/labels_{split}_second.csv`). The first labels cover {n_docs} passages: "
        f"{len(first)} expressions, {int((first['nato_poll'] == 'yes').sum())} NATO poll figures; the second, "
        f"{len(second)} and {int((second['nato_poll'] == 'yes').sum())}. How far two careful readers agree is "
        "the most any reader can be expected to agree with one of them. Both labellers are helper sessions "
        "of the same kind, reading the same written rules and the same example labels, so their agreement "
        "measures how consistently the rules can be applied; two human coders would likely agree less. "
        "The second labeller could read the first's totals in that README, but no label. "
        + (
            "The split is held out: no rule was written with it in view."
            if held_out
            else "The split is development data: rules were written with it in view, so the extractor's "
            "scores on it are in-sample."
        ),
        "",
        "| comparison | level | matched | found | labelled | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    second_split = second.assign(split=split)
    rows = [("second labeller vs first", both)]
    rows += [("extractor vs first labeller", score_mentions(first[first["nato_poll"] == "yes"], ours))]
    rows += [("extractor vs second labeller", score_mentions(second_split[second_split["nato_poll"] == "yes"], ours))]
    rows += [("extractor vs figures both label alike", score_mentions(agreed, _outside(ours, disputed)))]
    for name, scores in rows:
        lines += [markdown_row(f"{name} | {level}", scores[level]) for level in LEVELS]
    lines += [
        "",
        '"Figures both label alike": NATO poll figures with the same span, share and stance from both; '
        f"{len(agreed)} of them. Extractor rows on the {len(disputed)} spans only one labeller calls a NATO "
        "figure, or that the two label differently, are left out of that row.",
        "",
        "Agreement on each decision (Cohen's kappa, statsmodels, with its 95% interval):",
        "",
        "| decision | pairs | same | kappa | 95% interval |",
        "|---|---|---|---|---|",
    ]
    for name, key in (
        ("NATO poll figure or not (every expression)", "nato_poll"),
        ("stance (same figure, same share)", "stance"),
    ):
        k = both[key]
        lines.append(
            f"| {name} | {k['pairs']} | {k['agreement']:.3f} | {k['kappa']:.3f} | {k['low']:.3f} to {k['high']:.3f} |"
        )
    k = both["nato_poll"]
    ceiling, ours_f1 = both["span+share+stance"]["f1"], rows[3][1]["span+share+stance"]["f1"]
    lines += [
        "",
        f"The labellers agree at F1 {ceiling:.3f} on span+share+stance; the extractor reaches {ours_f1:.3f} even "
        f"on the figures both label alike, {ceiling - ours_f1:.3f} below. The issue's 0.85 target lies "
        f"{'below' if ceiling > 0.85 else 'above'} what the labellers reach"
        + (
            ", so label noise does not explain the extractor's shortfall on unseen text."
            if ceiling > 0.85 and held_out
            else "."
        ),
        "",
        f"Expressions only one labeller marked: {k['unpaired_first']} by the first, {k['unpaired_second']} by the second.",
        "",
        "| field, over figures both call NATO poll figures | same | of | share |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {f} | {both[f]['right']} | {both[f]['of']} | {both[f]['accuracy']:.3f} |" for f in FIELDS if f in both
    ]
    lines.append("")
    return lines
