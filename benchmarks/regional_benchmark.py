"""Coverage of the regional model's intervals on simulated tables with a known truth.

Run from the repository root::

    .venv/bin/python benchmarks/regional_benchmark.py              # 200 datasets per scenario
    .venv/bin/python benchmarks/regional_benchmark.py --datasets 20

It writes ``benchmarks/regional_results.md``. Each dataset is
``analysis.models.regional.simulate_tables`` (four regions in three periods, every poll reporting
all four, three houses) from a fixed truth, for seeds 0, 1, ... Scenarios: binomial sampling
only; house effects (logit SD 0.15); house effects plus non-sampling noise on every row (logit SD
0.15, the kind of extra variance the real fit's Pearson dispersion shows). For each, the coverage
of the nominal 95% intervals of :func:`analysis.models.regional.gap` (West - East and West - South
in every period) and of :func:`~analysis.models.regional.gap_change` (after the invasion against
2014 to February 2022, the notebook's headline), with their bias and mean interval width.

A last scenario keeps the real design (:func:`real_design`): notebook 03's own tables (the question and base
asked most often by region), with their houses, periods, compositions and sample sizes, and shares drawn
from the model fitted to them, with its own Pearson dispersion (each row a binomial of n / dispersion
draws, so its variance is the dispersion times the binomial one). The truth is that fit's gap changes.
"""

from __future__ import annotations

import argparse
import platform
import time

import numpy as np
import pandas as pd
from scipy.special import expit, logit

from analysis.models import regional as R
from analysis.models.periods import PERIODS, period_breaks
from analysis.paths import ROOT
from analysis.tables.load import load_events, load_polls, load_table

OUT = ROOT / "benchmarks" / "regional_results.md"
TRUTH = pd.DataFrame(
    {
        "region": [r for r in R.REGIONS for _ in PERIODS],
        "period": list(PERIODS) * 4,
        "share": [60, 75, 92, 40, 55, 85, 20, 30, 70, 15, 28, 72],
    }
).set_index(["region", "period"])
"""The simulated truth (points): West, Centre, South and East in the three periods."""
SCENARIOS = {
    "binomial sampling only": (0.0, 0.0),
    "house effects (logit SD 0.15)": (0.15, 0.0),
    "house effects and non-sampling noise (logit SD 0.15 each)": (0.15, 0.15),
}


def _true_gap(second: str, period: str) -> float:
    return float(TRUTH.loc[("West", period), "share"] - TRUTH.loc[(second, period), "share"])


def one_dataset(seed: int, house_sd: float, noise_sd: float, n_polls: int = 12) -> list[dict]:
    """Every gap and the headline gap change of one simulated dataset, with the truth."""
    rng = np.random.default_rng(seed)
    rows = R.simulate_tables(TRUTH, n_polls=n_polls, rng=rng, n=1200, house_sd=house_sd)
    if noise_sd:
        y = (rows["share"] / 100).clip(0.005, 0.995)
        logit = np.log(y / (1 - y)) + rng.normal(0, noise_sd, len(rows))
        rows["share"] = 100 / (1 + np.exp(-logit))
    fit = R.fit_regional(rows)
    out = []
    for second in ("East", "South"):
        for period in PERIODS:
            g = R.gap(fit, "West", second, period)
            out.append({"estimate": f"West − {second}, {period}", "truth": _true_gap(second, period), **g})
        c = R.gap_change(fit, "West", second, PERIODS[1], PERIODS[2])
        truth = _true_gap(second, PERIODS[2]) - _true_gap(second, PERIODS[1])
        out.append(
            {"estimate": f"change of West − {second} after the invasion", "truth": truth, "gap": c["change"], **c}
        )
    return out


TABLE_SDS = (0.0, 0.25, 0.5)
"""Logit SDs of a table-level error in the real-design scenarios: one shift shared by every region of a table
(a table's own house-and-moment error), drawn on top of the rows' own extra-binomial variance."""


def real_design(datasets: int, table_sd: float = 0.0) -> tuple[pd.DataFrame, R.RegionalFit]:
    """The headline gap changes refitted on ``datasets`` sets of shares drawn from the model fitted to the real
    tables (seeds 0, 1, ...), with the fitted changes as the truth. ``table_sd``: each table's fitted logits
    are shifted by one draw of N(0, table_sd) shared by all its regions, so its rows err together."""
    tables = R.regional_rows(
        load_polls(), load_table("region_definitions"), load_table("population"), period_breaks(load_events())
    )
    reference = tables.groupby(["question_type", "base"])["table_id"].nunique().idxmax()
    rows = tables[(tables["question_type"] == reference[0]) & (tables["base"] == reference[1])]
    fit = R.fit_regional(rows)
    truth = {s: R.gap_change(fit, "West", s, PERIODS[1], PERIODS[2])["change"] for s in ("East", "South")}
    p = np.asarray(fit.result.fittedvalues)
    draws = np.maximum(np.round(fit.rows["n"].to_numpy() / fit.dispersion), 1).astype(int)
    table_of_row, table_ids = pd.factorize(fit.rows["table_id"])
    out = []
    for seed in range(datasets):
        rng = np.random.default_rng(seed)
        shift = rng.normal(0.0, table_sd, len(table_ids))[table_of_row]  # one draw per table, shared by its rows
        q = expit(logit(p) + shift)
        simulated = fit.rows.assign(share=100 * rng.binomial(draws, q) / draws)
        refit = R.fit_regional(simulated)
        for second in ("East", "South"):
            c = R.gap_change(refit, "West", second, PERIODS[1], PERIODS[2])
            out.append(
                {
                    "estimate": f"change of West − {second} after the invasion",
                    "truth": truth[second],
                    "gap": c["change"],
                }
                | c
                | {"dispersion": refit.dispersion}
            )
    return pd.DataFrame(out), fit


def _summary(t: pd.DataFrame) -> pd.DataFrame:
    t["covered"] = (t["low"] <= t["truth"]) & (t["truth"] <= t["high"])
    t["error"] = t["gap"] - t["truth"]
    t["width"] = t["high"] - t["low"]
    return t.groupby("estimate", sort=False).agg(
        coverage=("covered", "mean"), bias=("error", "mean"), width=("width", "mean")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=int, default=200)
    args = parser.parse_args(argv)
    lines = [
        "# The regional model on simulated tables: interval coverage",
        "",
        f"Written by `benchmarks/regional_benchmark.py` (Python {platform.python_version()}, pandas "
        f"{pd.__version__}); {args.datasets} datasets per scenario, 12 polls each (four per period), "
        "n = 1,200 per poll spread over the regions by population. Nominal level 95%.",
        "",
    ]
    for name, (house_sd, noise_sd) in SCENARIOS.items():
        started = time.perf_counter()
        rows = [r for seed in range(args.datasets) for r in one_dataset(seed, house_sd, noise_sd)]
        t = pd.DataFrame(rows)
        summary = _summary(t)
        lines += [
            f"## {name}",
            "",
            "| estimate | coverage | bias (points) | mean interval width (points) |",
            "|---|---|---|---|",
            *(f"| {e} | {r.coverage:.3f} | {r.bias:+.2f} | {r.width:.1f} |" for e, r in summary.iterrows()),
            "",
            f"All {len(t)} intervals: coverage {t['covered'].mean():.3f}; "
            f"{time.perf_counter() - started:.1f} s for the scenario.",
            "",
        ]
    lines += ["## The real design: notebook 03's tables, shares drawn from its fitted model", ""]
    for table_sd in TABLE_SDS:
        started = time.perf_counter()
        t, fit = real_design(args.datasets, table_sd)
        summary = _summary(t)
        if not table_sd:
            lines += [
                f"{fit.rows['table_id'].nunique()} tables, {len(fit.rows)} regional figures, "
                f"{fit.rows['pollster'].nunique()} houses; Pearson dispersion of the fit {fit.dispersion:.1f}. "
                "Each row is a binomial of n / dispersion draws, so its variance is the dispersion times the binomial "
                "one. The real tables may also share a table-level error, which the model's intervals allow for by "
                "taking the larger of the dispersion-scaled and the table-clustered covariance; the later rows add one "
                "(a logit shift shared by every region of a table) on top, so their data are noisier than the real fit.",
                "",
                "| table-level error (logit SD) | estimate | coverage | bias (points) | mean interval width (points) | "
                "median dispersion of the refits |",
                "|---|---|---|---|---|---|",
            ]
        lines += [
            f"| {table_sd:.2f} | {e} | {r.coverage:.3f} | {r.bias:+.2f} | {r.width:.1f} | {t['dispersion'].median():.1f} |"
            for e, r in summary.iterrows()
        ]
        seconds = time.perf_counter() - started
    lines += [
        "",
        f"{len(t)} intervals per row pair; binomial SE of a 0.95 coverage over {args.datasets}: "
        f"{np.sqrt(0.95 * 0.05 / args.datasets):.3f}; {seconds:.1f} s for the last scenario.",
        "",
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
