"""Checks around one poll-aggregation fit: gaps, outliers, robustness of the jumps, slopes.

Everything here refits :func:`analysis.models.aggregate.fit_aggregate` on a changed input or
with a changed setting and compares the jumps at the breaks with the baseline fit.

- :func:`break_long_gaps`: blank the latent line where polls are more than a year apart, so a
  chart draws no confident line where there are no polls.
- :func:`without_outliers`: the outlier policy: drop the polls the baseline flags
  (``|robust z| >`` :data:`analysis.models.aggregate.OUTLIER_Z` on the model's residuals) and refit once.
- :func:`droppable_houses`: houses whose removal leaves at least ``min_polls`` polls on both
  sides of every break.
- :func:`robustness`: innovation variance halved and doubled, design effect 1, 1.5 and 2, each
  droppable house left out, unknown modes read as either mode, the polls nearest each break left
  out one at a time, polls dated only to a year left out, named polls read as a house of their
  own, flagged polls left out; for each, the jumps and whether the baseline's conclusion (a rise,
  a fall, or no clear change at the interval's level) is overturned.
- :func:`leave_one_out`: every poll left out in turn, for the changes across the gaps (one random-walk
  variance spans every regime, so a poll far from a break can move its interval).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.errors import ParseError
from analysis.models.aggregate import DEFAULT_DEFF, AggregateResult, _fit_jumps, fit_aggregate
from analysis.models.aggregate_input import break_dates
from analysis.models.blas import one_blas_thread


def break_long_gaps(latent: pd.DataFrame, poll_dates: pd.Series, max_gap_days: int = 365) -> pd.DataFrame:
    """The latent table with estimate, lower and upper set to NaN inside long gaps between polls.

    A grid date strictly between two consecutive polls more than ``max_gap_days`` apart is
    blanked; dates within a gap's first and last ``grid`` step keep their value only if they are
    a poll date. Other columns are unchanged.

    >>> lat = pd.DataFrame({"date": pd.to_datetime(["2000-01-01", "2000-06-01", "2002-01-01"]),
    ...     "estimate": [1.0, 2.0, 3.0], "lower": 0.0, "upper": 4.0})
    >>> break_long_gaps(lat, pd.to_datetime(pd.Series(["2000-01-01", "2002-01-01"])))["estimate"].tolist()
    [1.0, nan, 3.0]
    """
    dates = np.sort(pd.to_datetime(poll_dates).to_numpy(dtype="datetime64[ns]"))
    grid = latent["date"].to_numpy(dtype="datetime64[ns]")
    after = np.searchsorted(dates, grid, side="left")
    exact = (after < len(dates)) & (dates[np.minimum(after, len(dates) - 1)] == grid)
    prev = dates[np.clip(after - 1, 0, len(dates) - 1)]
    nxt = dates[np.clip(after, 0, len(dates) - 1)]
    inside = (after > 0) & (after < len(dates)) & ~exact
    gap_days = (nxt - prev).astype("timedelta64[D]").astype(float)
    blank = inside & (gap_days > max_gap_days)
    out = latent.copy()
    for c in ("estimate", "lower", "upper"):
        out.loc[blank, c] = np.nan
    return out


def without_outliers(
    series: pd.DataFrame, fit: AggregateResult, breaks: Sequence, **options: float | bool | None
) -> tuple[AggregateResult, list[str]]:
    """Refit without the polls ``fit`` flags as outliers; returns the refit and the dropped poll ids.

    One pass (the refit's own flags are not used to drop more). With no flagged poll the
    baseline is returned unchanged. ``options`` go to the refit (as they went to ``fit``).

    23 simulated polls, one of which the fit flags:

    >>> from analysis.models.aggregate_sim import simulate_polls
    >>> polls, _ = simulate_polls(np.random.default_rng(4), start="2012-01-01", end="2016-12-31",
    ...     breaks=["2014-02-22"], jumps=[15.0], polls_per_year=[3.0, 3.0], n_houses=3)
    >>> fit = fit_aggregate(polls, ["2014-02-22"], param_uncertainty=False)
    >>> refit, dropped = without_outliers(polls, fit, ["2014-02-22"], param_uncertainty=False)
    >>> dropped, round(float(refit.jumps.loc[0, "jump"]), 1)
    (['sim-0013'], 15.2)
    """
    dropped = fit.residuals.loc[fit.residuals["outlier"], "poll_id"].tolist()
    if not dropped:
        return fit, []
    kept = series[~series["poll_id"].astype(str).isin(dropped)]
    return fit_aggregate(kept, breaks, **options), dropped


def regime_counts(dates: pd.Series, breaks: Sequence) -> list[tuple[int, int]]:
    """(polls in the regime before, polls in the regime after) for each break.

    >>> regime_counts(pd.to_datetime(pd.Series(["2010", "2015", "2016", "2023"])), ["2014-02-22", "2022-02-24"])
    [(1, 2), (2, 1)]
    """
    return [(int(before.sum()), int(after.sum())) for _, before, after in _sides(dates, breaks)]


def _sides(dates: pd.Series, breaks: Sequence) -> list[tuple[pd.Timestamp, pd.Series, pd.Series]]:
    """For each break (in date order): the break, and which dates fall in the regime just before it
    and in the regime just after it (masks aligned with ``dates``)."""
    edges = break_dates(breaks)
    bounds = [pd.Timestamp.min, *edges, pd.Timestamp.max]
    return [
        (b, (dates >= bounds[i]) & (dates < b), (dates >= b) & (dates < bounds[i + 2])) for i, b in enumerate(edges)
    ]


def droppable_houses(series: pd.DataFrame, breaks: Sequence, min_polls: int = 3) -> pd.DataFrame:
    """For each house: polls left on each side of each break without it, and whether it can be left out.

    Returns pollster, polls, one ``before <date>`` and ``after <date>`` column per break, and
    ``droppable`` (every count at least ``min_polls``), sorted by polls (most first).

    >>> s = pd.DataFrame({"pollster": list("AAABBBB"), "date": pd.to_datetime(
    ...     ["2000", "2001", "2003", "2000", "2001", "2003", "2004"])})
    >>> droppable_houses(s, ["2002-06-01"], min_polls=2)[["pollster", "droppable"]].values.tolist()
    [['B', False], ['A', True]]
    """
    dates = pd.to_datetime(series["date"])
    labels = [b.date().isoformat() for b in break_dates(breaks)]
    rows = []
    for house, n in series["pollster"].value_counts().sort_index().items():
        left = dates[series["pollster"] != house]
        counts = regime_counts(left, breaks)
        row = {"pollster": house, "polls": int(n)}
        for label, (b, a) in zip(labels, counts, strict=True):
            row[f"before {label}"], row[f"after {label}"] = b, a
        row["droppable"] = all(min(c) >= min_polls for c in counts)
        rows.append(row)
    out = pd.DataFrame(rows)
    return out.sort_values(["polls", "pollster"], ascending=[False, True], kind="stable").reset_index(drop=True)


def nearest_polls(series: pd.DataFrame, breaks: Sequence, min_polls: int = 3) -> dict[str, str]:
    """The last poll before and the first poll after each break, by variant name, where leaving it
    out keeps at least ``min_polls`` polls on that side of the break.

    >>> s = pd.DataFrame({"poll_id": list("abcdef"), "date": pd.to_datetime(
    ...     ["2010", "2011", "2013", "2015", "2016", "2017"])})
    >>> nearest_polls(s, ["2014-02-22"], min_polls=2)
    {'without the last poll before 2014-02-22 (c)': 'c', 'without the first poll after 2014-02-22 (d)': 'd'}
    """
    dates = pd.to_datetime(series["date"])
    out = {}
    for b, before_mask, after_mask in _sides(dates, breaks):
        before = series[before_mask].assign(d=dates).sort_values("d")
        after = series[after_mask].assign(d=dates).sort_values("d")
        label = b.date().isoformat()
        for side, polls, row in (("last poll before", before, -1), ("first poll after", after, 0)):
            if len(polls) - 1 >= min_polls:
                poll_id = str(polls["poll_id"].iloc[row])
                out[f"without the {side} {label} ({poll_id})"] = poll_id
    return out


def conclusion(lower: float, upper: float) -> str:
    """``rise`` if an interval lies above zero, ``fall`` if below, else ``no clear change``.

    >>> conclusion(1.0, 5.0), conclusion(-1.0, 5.0), conclusion(np.nan, np.nan)
    ('rise', 'no clear change', 'not estimated')
    >>> conclusion(1.0, -1.0)
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: interval bounds in the wrong order: lower 1.0 is above upper -1.0
    """
    if pd.isna(lower) or pd.isna(upper):
        return "not estimated"
    if lower > upper:
        raise ParseError(f"interval bounds in the wrong order: lower {lower} is above upper {upper}")
    return "rise" if lower > 0 else "fall" if upper < 0 else "no clear change"


def with_poll_counts(jumps: pd.DataFrame, dates: pd.Series, min_polls: int = 3) -> pd.DataFrame:
    """A fit's jumps table with ``polls_before`` and ``polls_after`` (the polls in the regimes on
    either side of each break); where fewer than ``min_polls`` lie on a side, jump, se, lower and
    upper are missing and ``note`` says why (the fit's own note, else the poll counts). The one
    rule for when a jump is reported, shared by :func:`jump_table` and the ``aggregate`` command.

    >>> jumps = pd.DataFrame({"break_date": pd.to_datetime(["2014-02-22"]), "jump": [21.5], "se": [5.4],
    ...                       "lower": [10.9], "upper": [32.2], "note": [""]})
    >>> dates = pd.to_datetime(pd.Series(["2010-05-01", "2012-05-01", "2015-05-01", "2016-05-01", "2017-05-01"]))
    >>> with_poll_counts(jumps, dates)[["polls_before", "polls_after", "jump", "note"]]
       polls_before  polls_after  jump                              note
    0             2            3   NaN  too few polls (2 before, 3 after)
    """
    counts = dict(zip(pd.to_datetime(jumps["break_date"]), regime_counts(dates, jumps["break_date"]), strict=True))
    out = jumps.assign(
        polls_before=[counts[pd.Timestamp(b)][0] for b in jumps["break_date"]],
        polls_after=[counts[pd.Timestamp(b)][1] for b in jumps["break_date"]],
    )
    short = out[["polls_before", "polls_after"]].min(axis=1) < min_polls
    values = ["jump", "se", "lower", "upper", "change", "change_se", "change_lower", "change_upper"]
    out.loc[short, [c for c in values if c in out.columns]] = np.nan
    too_few = (
        "too few polls (" + out["polls_before"].astype(str) + " before, " + out["polls_after"].astype(str) + " after)"
    )
    out.loc[short, "note"] = out["note"].where(out["note"].fillna("") != "", too_few)[short]
    return out


def jump_table(
    series: pd.DataFrame, fit: AggregateResult, refit: AggregateResult, breaks: Sequence, min_polls: int = 3
) -> pd.DataFrame:
    """The jumps of one series with all polls and without the flagged ones, each with its reading.

    A jump is given only where at least ``min_polls`` polls lie on each side of its break; else
    its values are missing and ``jump reading`` says why (the fit's own note, or the poll counts).
    Returns polls used, break (ISO date), jump, lower, upper, jump reading, and the change across the
    break's stretch without polls: across (first and last day), change, change lower, change upper,
    change reading. ``refit`` is the fit without the flagged polls (:func:`without_outliers`).

    >>> from analysis.models.aggregate_sim import simulate_polls
    >>> polls, _ = simulate_polls(np.random.default_rng(4), start="2012-01-01", end="2016-12-31",
    ...     breaks=["2014-02-22"], jumps=[15.0], polls_per_year=[3.0, 3.0], n_houses=3)
    >>> fit = fit_aggregate(polls, ["2014-02-22"], param_uncertainty=False)
    >>> refit, _ = without_outliers(polls, fit, ["2014-02-22"], param_uncertainty=False)
    >>> table = jump_table(polls, fit, refit, ["2014-02-22"])
    >>> table[["polls used", "break", "jump", "lower", "upper", "jump reading"]].round(1)
                  polls used       break  jump  lower  upper jump reading
    0              all polls  2014-02-22  15.2   11.4   19.0         rise
    1  without flagged polls  2014-02-22  15.2   11.9   18.4         rise
    >>> first = table.iloc[0]
    >>> first["across"], round(float(first["change"]), 1), first["change reading"]
    ('2013-11-15 to 2014-03-01', 15.2, 'rise')
    """
    rows = []
    for label, result in (("all polls", fit), ("without flagged polls", refit)):
        for r in with_poll_counts(result.jumps, series["date"], min_polls).itertuples():
            rows.append(
                {
                    "polls used": label,
                    "break": r.break_date.date().isoformat(),
                    "jump": r.jump,
                    "lower": r.lower,
                    "upper": r.upper,
                    "jump reading": r.note or conclusion(r.lower, r.upper),  # the note says why no jump is given
                    "across": f"{r.change_from.date()} to {r.change_to.date()}" if pd.notna(r.change) else "",
                    "change": r.change,
                    "change lower": r.change_lower,
                    "change upper": r.change_upper,
                    "change reading": r.note or conclusion(r.change_lower, r.change_upper),
                }
            )
    return pd.DataFrame(rows)


@one_blas_thread
def robustness(
    series: pd.DataFrame,
    breaks: Sequence,
    baseline: AggregateResult | None = None,
    *,
    deffs: Sequence[float] = (1.0, 1.5, 2.0),
    variance_factors: Sequence[float] = (0.5, 1.0, 2.0),
    min_polls: int = 3,
    own_houses: Mapping[str, Sequence[str]] | None = None,
    **options: float | bool | None,
) -> pd.DataFrame:
    """The jumps under other choices, and whether each overturns the baseline's conclusion.

    Variants: ``baseline``; ``innovation variance x f`` for each factor (the random-walk
    variance fixed at ``f`` times the baseline's estimate; a fixed variance carries no uncertainty
    of its own, so its intervals are narrower for that reason alone: ``x 1``, the variance fixed
    at its estimate, is the like-for-like reference for the other factors); ``a random-walk variance per
    period`` where the series has a used break (each regime's own variance, estimated, with its
    uncertainty: polls of one period no longer set how far the level may drift in another); ``design effect d``; ``without
    <house>`` for each house :func:`droppable_houses` allows (design effects equal to the
    baseline's are skipped); where the baseline identifies a
    mode effect, ``without a mode effect`` (every poll's mode set to unknown) and ``unknown modes
    as face-to-face`` / ``as telephone`` (polls of unknown mode get no mode effect in the baseline,
    halfway between the two); each poll :func:`nearest_polls` names left out alone (the polls a
    jump leans on most); ``without polls dated only to a year`` where the series has any (the
    model places them mid-year); ``<label> as a house of their own`` for each entry of
    ``own_houses`` (label -> poll ids: polls of one house fielded for one sponsor's questionnaire,
    say, given their own house effect); ``without flagged polls``.
    Returns variant, break_date, jump, lower, upper, conclusion, overturned (the conclusion
    differs from the baseline's), the same for the change across the break's stretch without polls
    (change, change_lower, change_upper, change_conclusion, change_overturned), fit_seconds. ``options`` go to every fit. The variants are
    fitted for their jumps alone (the jumps :func:`~analysis.models.aggregate.fit_aggregate`
    gives, without its latent grid, effects and residuals).

    A few variants of 23 simulated polls (one design effect, no variance factor, and a
    ``min_polls`` no house or poll can meet, so no house or nearest poll is left out):

    >>> from analysis.models.aggregate_sim import simulate_polls
    >>> polls, _ = simulate_polls(np.random.default_rng(4), start="2012-01-01", end="2016-12-31",
    ...     breaks=["2014-02-22"], jumps=[15.0], polls_per_year=[3.0, 3.0], n_houses=3)
    >>> fit = fit_aggregate(polls, ["2014-02-22"], param_uncertainty=False)
    >>> table = robustness(polls, ["2014-02-22"], fit, deffs=(1.0,), variance_factors=(), min_polls=99,
    ...     param_uncertainty=False)
    >>> table[["variant", "jump", "lower", "upper", "conclusion", "overturned"]].round(1)
                                 variant  jump  lower  upper conclusion  overturned
    0                           baseline  15.2   11.4   19.0       rise       False
    1  a random-walk variance per period  15.2   12.2   18.1       rise       False
    2                    design effect 1  15.2   11.4   19.1       rise       False
    3              without a mode effect  16.0   11.7   20.2       rise       False
    4              without flagged polls  15.2   11.9   18.4       rise       False
    """
    base = baseline if baseline is not None else fit_aggregate(series, breaks, **options)
    sd = float(base.variances["innovation_sd"])
    variants: list[tuple[str, tuple[pd.DataFrame, float]]] = [("baseline", (base.jumps, base.fit_seconds))]
    for f in variance_factors:
        variants.append(
            (f"innovation variance x {f:g}", _fit_jumps(series, breaks, **options, innovation_scale=sd * np.sqrt(f)))
        )
    if len(base.jumps.dropna(subset=["jump"])) and not options.get("variance_by_regime"):
        variants.append(
            ("a random-walk variance per period", _fit_jumps(series, breaks, **options, variance_by_regime=True))
        )
    for d in deffs:
        if d == options.get("deff", DEFAULT_DEFF):
            continue  # the baseline itself, not a check
        opts = {k: v for k, v in options.items() if k != "deff"}
        variants.append((f"design effect {d:g}", _fit_jumps(series, breaks, deff=d, **opts)))
    houses = droppable_houses(series, breaks, min_polls)
    for house in houses.loc[houses["droppable"], "pollster"]:
        variants.append((f"without {house}", _fit_jumps(series[series["pollster"] != house], breaks, **options)))
    if bool(base.mode_effects["identified"].any()) if len(base.mode_effects) else False:
        variants.append(("without a mode effect", _fit_jumps(series.assign(mode="unknown"), breaks, **options)))
        unknown = series["mode"].eq("unknown")
        for mode in ("face_to_face", "telephone") if unknown.any() else ():
            name = f"unknown modes as {mode.replace('_', '-')}"
            variants.append(
                (name, _fit_jumps(series.assign(mode=series["mode"].mask(unknown, mode)), breaks, **options))
            )
    dropped = base.residuals.loc[base.residuals["outlier"], "poll_id"].tolist()  # as without_outliers drops them
    for name, poll_id in nearest_polls(series, breaks, min_polls).items():
        if [poll_id] != dropped:  # else the same fit as "without flagged polls"
            variants.append((name, _fit_jumps(series[series["poll_id"].astype(str) != poll_id], breaks, **options)))
    if "date_precision" in series and series["date_precision"].eq("year").any():
        dated = series[series["date_precision"] != "year"]
        variants.append(("without polls dated only to a year", _fit_jumps(dated, breaks, **options)))
    for label, poll_ids in (own_houses or {}).items():
        mine = series["poll_id"].astype(str).isin(poll_ids)
        relabelled = series.assign(pollster=series["pollster"].mask(mine, series["pollster"] + f" ({label})"))
        variants.append((f"{label} as a house of their own", _fit_jumps(relabelled, breaks, **options)))
    if dropped:
        kept = series[~series["poll_id"].astype(str).isin(dropped)]
        variants.append(("without flagged polls", _fit_jumps(kept, breaks, **options)))
    base_conclusion = {r.break_date: conclusion(r.lower, r.upper) for r in base.jumps.itertuples()}
    base_change = _change_readings(base)
    rows = []
    for name, (jumps, seconds) in variants:
        for r in jumps.itertuples():
            c, g = conclusion(r.lower, r.upper), conclusion(r.change_lower, r.change_upper)
            rows.append(
                (name, r.break_date, r.jump, r.lower, r.upper, c, c != base_conclusion[r.break_date])
                + (r.change, r.change_lower, r.change_upper, g, g != base_change[r.break_date], seconds)
            )
    cols = ["variant", "break_date", "jump", "lower", "upper", "conclusion", "overturned"]
    cols += ["change", "change_lower", "change_upper", "change_conclusion", "change_overturned", "fit_seconds"]
    return pd.DataFrame(rows, columns=cols)


@one_blas_thread
def leave_one_out(
    series: pd.DataFrame, breaks: Sequence, baseline: AggregateResult, **options: float | bool | None
) -> pd.DataFrame:
    """Every poll left out in turn: the change across each break's stretch without polls, and
    whether its reading differs from the baseline's.

    One random-walk variance spans every regime, so a poll years from a break can still widen
    or narrow the interval of the change across it; the checks of :func:`robustness` drop only the
    polls next to each break. Returns poll_id, break_date, change_from, change_to, change,
    change_lower, change_upper, change_conclusion and change_overturned, one row per poll and break
    (a left-out poll next to a break moves that stretch's ends, so its change spans other dates).
    ``options`` go to every fit, as they went to ``baseline``.

    >>> from analysis.models.aggregate_sim import simulate_polls
    >>> polls, _ = simulate_polls(np.random.default_rng(4), start="2012-01-01", end="2016-12-31",
    ...     breaks=["2014-02-22"], jumps=[15.0], polls_per_year=[3.0, 3.0], n_houses=3)
    >>> fit = fit_aggregate(polls, ["2014-02-22"], param_uncertainty=False)
    >>> loo = leave_one_out(polls, ["2014-02-22"], fit, param_uncertainty=False)
    >>> len(loo) == len(polls), int(loo["change_overturned"].sum())
    (True, 0)
    >>> round(float(loo["change"].min()), 1), round(float(loo["change"].max()), 1)
    (14.3, 15.7)
    """
    base_change = _change_readings(baseline)
    ids = series["poll_id"].astype(str)
    rows = []
    for poll_id in ids:
        jumps, _ = _fit_jumps(series[ids != poll_id], breaks, **options)
        for r in jumps.itertuples():
            c = conclusion(r.change_lower, r.change_upper)
            rows.append(
                (poll_id, r.break_date, r.change_from, r.change_to, r.change, r.change_lower, r.change_upper)
                + (c, c != base_change[r.break_date])
            )
    cols = ["poll_id", "break_date", "change_from", "change_to", "change", "change_lower", "change_upper"]
    cols += ["change_conclusion", "change_overturned"]
    return pd.DataFrame(rows, columns=cols)


def _change_readings(fit: AggregateResult) -> dict:
    """The reading of the change across each break's stretch without polls, by break date."""
    return {r.break_date: conclusion(r.change_lower, r.change_upper) for r in fit.jumps.itertuples()}


def inert_variants(table: pd.DataFrame, atol: float = 0.05) -> list[str]:
    """Variants of a :func:`robustness` table whose every jump is within ``atol`` points of the
    baseline's: checks that could not have changed a reading (a setting the fit absorbs, or a
    house whose one poll its own offset absorbs).

    >>> t = pd.DataFrame({"variant": ["baseline", "baseline", "a", "a", "b", "b"],
    ...     "break_date": [1, 2] * 3, "jump": [10.0, 20.0, 10.01, 20.0, 12.0, 20.0]})
    >>> inert_variants(t)
    ['a']
    """
    baseline = table[table["variant"] == "baseline"].set_index("break_date")["jump"]
    out = []
    for variant, group in table[table["variant"] != "baseline"].groupby("variant", sort=False):
        jumps = group.set_index("break_date")["jump"].reindex(baseline.index)
        if np.allclose(jumps, baseline, atol=atol):
            out.append(str(variant))
    return out
