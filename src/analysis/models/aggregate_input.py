"""What :func:`analysis.models.aggregate.fit_aggregate` accepts: the series' columns and values, the break
dates and the options, each refused with the package's own error naming the row, column or option and
value (internal: use :func:`analysis.models.aggregate.fit_aggregate`; :func:`break_dates` is public).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.errors import DataValidationError, Issue, ParseError
from analysis.models.stats import check_shares

SERIES_COLUMNS = ("date", "share", "sample_size", "pollster", "mode", "poll_id")
"""Columns :func:`~analysis.models.aggregate.fit_aggregate` needs, one row per poll."""

_MIN_POLLS = 5
"""The fewest polls a series may have."""


def break_dates(
    breaks: str | pd.Timestamp | Sequence[str | pd.Timestamp] | Mapping[str, pd.Timestamp],
) -> list[pd.Timestamp]:
    """The break dates as timestamps, in date order. A mapping (e.g. :func:`~analysis.models.periods.period_breaks`'s
    ``{"2014": Timestamp("2014-02-22"), ...}``) gives its values, never its keys; a date must be a whole day
    (YYYY-MM-DD or a timestamp): a bare year or month would silently mean its first day, so it raises the
    package's own error, as does a value that is no date.

    >>> break_dates(["2022-02-24", "2014-02-22"])
    [Timestamp('2014-02-22 00:00:00'), Timestamp('2022-02-24 00:00:00')]
    >>> break_dates({"2014": pd.Timestamp("2014-02-22")}), break_dates("2022-02-24")
    ([Timestamp('2014-02-22 00:00:00')], [Timestamp('2022-02-24 00:00:00')])
    >>> break_dates(["2014-02-30", "2014"])
    Traceback (most recent call last):
    ...
    analysis.errors.DataValidationError: 2 validation issue(s):
    breaks, column 'break': value '2014-02-30': not a date (YYYY-MM-DD)
    breaks, column 'break': value '2014': not a date (YYYY-MM-DD)
    """
    if isinstance(breaks, str | pd.Timestamp):  # one date, not its characters
        breaks = [breaks]
    values = list(breaks.values()) if isinstance(breaks, Mapping) else list(breaks)
    dates = [
        pd.NaT if isinstance(b, str) and not _WHOLE_DAY.fullmatch(b.strip()) else pd.to_datetime(b, errors="coerce")
        for b in values
    ]
    bad = [
        Issue("breaks", None, "break", str(b), "not a date (YYYY-MM-DD)")
        for b, d in zip(values, dates, strict=True)
        if pd.isna(d)
    ]
    if bad:
        raise DataValidationError(bad)
    return sorted(dates)


_WHOLE_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _check_options(
    deff: float, default_n: int, innovation_scale: float | None, level: float, grid_days: int, outlier_z: float
) -> None:
    """Refuse option values the model cannot use (they would give NaN bands, zero-width intervals or a
    division by zero), naming each, with :class:`~analysis.errors.ParseError`.

    >>> _check_options(1.5, 1000, None, 95, 0, 3.0)  # deff, default_n, innovation_scale, level, grid_days, outlier_z
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: level must be within (0, 1), e.g. 0.95; got 95; grid_days must be a whole number of days >= 1; got 0
    """
    rules = [
        ("level", level, 0 < level < 1, "must be within (0, 1), e.g. 0.95"),
        ("deff", deff, deff >= 1, "(the design effect) must be at least 1"),
        ("default_n", default_n, default_n >= 1 and float(default_n).is_integer(), "must be a whole number >= 1"),
        ("innovation_scale", innovation_scale, innovation_scale is None or innovation_scale > 0, "must be > 0"),
        (
            "grid_days",
            grid_days,
            grid_days >= 1 and float(grid_days).is_integer(),
            "must be a whole number of days >= 1",
        ),
        ("outlier_z", outlier_z, outlier_z > 0, "must be > 0"),
    ]
    problems = [f"{name} {rule}; got {value!r}" for name, value, ok, rule in rules if not ok]
    if problems:
        raise ParseError("; ".join(problems))


def _prepare(series: pd.DataFrame, default_n: int) -> pd.DataFrame:
    """Check the series and sort it by date; ``n_used`` is the sample size or ``default_n``."""
    name = "series"
    missing = [c for c in SERIES_COLUMNS if c not in series.columns]
    if missing:
        raise DataValidationError([Issue(name, None, c, None, "missing column") for c in missing])
    s = series.reset_index(drop=True)
    issues: list[Issue] = []
    dates = pd.to_datetime(s["date"], errors="coerce").to_numpy(dtype="datetime64[ns]")
    share = pd.to_numeric(s["share"], errors="coerce").to_numpy(dtype=float)
    size = s["sample_size"]
    given = size.notna().to_numpy()
    n = pd.to_numeric(size.astype("object").where(given), errors="coerce").to_numpy(dtype=float)
    # each check on whole columns (arrays: the model refits this hundreds of times); the issues are then
    # listed row by row, in the columns' order
    bad = {
        "date": (np.isnat(dates), "not a date"),
        "share": (np.isnan(share) | (share < 0) | (share > 100), "not a share between 0 and 100"),
        "sample_size": (given & (np.isnan(n) | (n <= 0) | (n != np.round(n))), "not a positive whole number"),
        **{
            c: (np.array([_shown(v).strip() == "" for v in s[c]]), "required value is missing")
            for c in ("pollster", "poll_id")
        },
    }
    for r in np.flatnonzero(np.any([mask for mask, _ in bad.values()], axis=0)):
        issues += [
            Issue(name, int(r) + 1, column, _shown(s[column].iloc[r]), message)
            for column, (mask, message) in bad.items()
            if mask[r]
        ]
    repeated = s["poll_id"][s["poll_id"].duplicated(keep=False) & s["poll_id"].notna()]
    issues += [Issue(name, r + 1, "poll_id", str(v), "poll_id repeated: one row per poll") for r, v in repeated.items()]
    if issues:
        raise DataValidationError(issues)
    check_shares(share, "series share")  # proportions (0.592) are refused with the hint to multiply by 100
    if len(s) < _MIN_POLLS:
        raise DataValidationError([Issue(name, None, None, None, f"{len(s)} polls: need at least {_MIN_POLLS}")])
    poll_id = s["poll_id"].astype(str)
    order = np.lexsort((poll_id.to_numpy(), dates))  # by date, then poll_id; stable
    out = pd.DataFrame(
        {
            "poll_id": poll_id.to_numpy()[order],
            "date": dates.astype("datetime64[D]").astype("datetime64[ns]")[order],
            "share": share[order],
            "sample_size": n[order],
            "pollster": s["pollster"].astype(str).to_numpy()[order],
            "mode": s["mode"].fillna("unknown").astype(str).to_numpy()[order],
        }
    )
    out["sample_size_imputed"] = np.isnan(out["sample_size"].to_numpy())
    out["n_used"] = np.where(out["sample_size_imputed"], float(default_n), out["sample_size"].to_numpy())
    return out


def _shown(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
