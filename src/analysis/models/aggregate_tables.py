"""The result tables of :func:`analysis.models.aggregate.fit_aggregate`, read off the smoothed states: the latent
grid, the jumps (with the change across each break's stretch without polls), house and mode effects."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.models.aggregate_engine import Smoother, StateLayout

UNKNOWN_MODES = frozenset({"unknown", ""})
"""Modes that are no mode: a poll of unknown mode carries no mode effect."""


def _latent_table(grid, spec: StateLayout, mean, cov, q) -> pd.DataFrame:
    rows = spec.latent_rows(grid["date"]).T  # (n, k)
    est = np.einsum("nk,nk->n", rows, mean)
    sd = np.sqrt(np.maximum(np.einsum("nk,nkl,nl->n", rows, cov, rows), 0.0))
    inside = grid["inside"].to_numpy()
    est = np.where(inside, est, np.nan)
    sd = np.where(inside, sd, np.nan)
    # Rounded to a ten-thousandth of a point, far below what a chart shows: the last bits of these products differ
    # between CPUs (and the optimiser's end point by about 1e-9), and unrounded they move a charted line by a
    # millionth of a pixel, so a figure rebuilt on another machine would differ.
    return pd.DataFrame(
        {"date": grid["date"], "regime": grid["regime"]}
        | {name: np.round(v, 4) for name, v in (("estimate", est), ("lower", est - q * sd), ("upper", est + q * sd))}
    )


def _jump_table(breaks, notes, q, fitted: Smoother) -> pd.DataFrame:
    """Each break's jump, and the change across its stretch without polls: from the last poll before the break to
    the first poll after it (``change_from``, ``change_to``), which holds the jump and the drift of those months.
    One smoother run gives every change and the jumps (constant states, the same at every step)."""
    spec, dates = fitted.spec, fitted.polls["date"]
    rows = []
    index = {b: spec.jump_slice.start + i for i, b in enumerate(spec.breaks)}
    spans = {b: (dates[dates < b].max(), dates[dates >= b].min()) for b in spec.breaks}
    changes, mean, cov = fitted.changes(list(spans.values())) if spans else ([], None, None)
    changes = dict(zip(spans, changes, strict=True))
    for b in breaks:
        if b in index:
            j = index[b]
            est, se = float(mean[j]), float(np.sqrt(max(cov[j, j], 0.0)))
            (start, end), (change, change_se) = spans[b], changes[b]
            rows.append([b, est, se, est - q * se, est + q * se, "", start, end, change, change_se])
        else:
            rows.append([b, np.nan, np.nan, np.nan, np.nan, notes[b], pd.NaT, pd.NaT, np.nan, np.nan])
    cols = ["break_date", "jump", "se", "lower", "upper", "note", "change_from", "change_to", "change", "change_se"]
    out = pd.DataFrame(rows, columns=cols)
    return out.assign(
        change_lower=out["change"] - q * out["change_se"], change_upper=out["change"] + q * out["change_se"]
    )


def _effect_table(names, contrast, mean, cov, q, counts, column) -> pd.DataFrame:
    est = contrast @ mean
    se = np.sqrt(np.maximum(np.diag(contrast @ cov @ contrast.T), 0.0))
    return pd.DataFrame(
        {
            column: list(names),
            "effect": est,
            "se": se,
            "lower": est - q * se,
            "upper": est + q * se,
            "polls": [int(counts.get(n, 0)) for n in names],
        }
    )


def _mode_table(polls, spec: StateLayout, note, mean, cov, q) -> pd.DataFrame:
    counts = polls["mode"].value_counts()
    if spec.modes:
        out = _effect_table(spec.modes, spec.contrast("mode"), mean, cov, q, counts, "mode")
        return out.assign(identified=True, note=note)
    known = sorted(m for m in counts.index if m not in UNKNOWN_MODES)
    return pd.DataFrame(
        {
            "mode": known,
            "effect": np.nan,
            "se": np.nan,
            "lower": np.nan,
            "upper": np.nan,
            "polls": [int(counts[m]) for m in known],
            "identified": False,
            "note": note,
        },
        columns=["mode", "effect", "se", "lower", "upper", "polls", "identified", "note"],
    )
