"""The aggregator from a CSV file to CSV files: :func:`aggregate_csv`, what the command line's
``aggregate`` runs (the model is :func:`analysis.models.aggregate.fit_aggregate`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import DataValidationError, Issue, OutputError
from analysis.models.aggregate import AggregateResult, fit_aggregate
from analysis.models.aggregate_input import SERIES_COLUMNS
from analysis.tables.schema import SCHEMAS

CSV_COLUMNS = (
    "poll_id",
    "pollster",
    "field_start",
    "field_end",
    "sample_size",
    "mode",
    "question_type",
    "answer",
    "base",
    "geography",
    "share",
)
"""Minimum columns of the CSV read by :func:`aggregate_csv` (the poll table's names)."""

MODES = tuple(SCHEMAS["polls"].field("mode").enum)
"""The survey modes the CSV may name (the poll table's vocabulary): any other spelling would be a mode of its own."""

_SOURCE_COLUMNS = ("source", "source_type", "covers_crimea", "covers_occupied_donbas", "flags")


# ----------------------------------------------------------------------------- CSV in, CSV out


def aggregate_csv(
    path: str | Path,
    question_type: str,
    answer: str,
    base: str,
    geography: str,
    breaks: Sequence[str | pd.Timestamp],
    out_dir: str | Path,
    *,
    min_polls: int = 3,
    max_gap_days: int = 365,
    **options: float | bool | None,
) -> AggregateResult:
    """Fit one series of a poll CSV and write latent.csv, jumps.csv, house_effects.csv and
    mode_effects.csv (tables of :class:`AggregateResult`) to ``out_dir`` (created if needed).

    The tables written, and returned, follow the notebooks' rules: a jump is given only with at
    least ``min_polls`` polls on each side of its break (jumps.csv also has ``polls_before`` and
    ``polls_after``; :func:`~analysis.models.aggregate_checks.with_poll_counts`), and the latent
    line is blank inside a stretch of more than ``max_gap_days`` without polls
    (:func:`~analysis.models.aggregate_checks.break_long_gaps`), so no value is written that no
    poll supports.

    The CSV needs at least :data:`CSV_COLUMNS` (the poll table's names; dates YYYY-MM-DD,
    share 0-100, sample_size a whole number or empty, mode ``unknown`` when not known). The
    rows with the given question_type, answer, base and geography are the series; the date of
    a poll is its fieldwork midpoint. With the poll table's source columns too (source,
    source_type, covers_crimea, covers_occupied_donbas, flags) sub-answers are summed and one
    page per poll is used (:func:`analysis.models.series.poll_series`); otherwise each poll_id must
    appear once. ``options`` go to :func:`fit_aggregate`. Raises
    :class:`~analysis.errors.DataValidationError` naming file, row, column and value, and
    :class:`~analysis.errors.OutputError` if ``out_dir`` cannot be written.

    >>> import tempfile
    >>> from analysis.paths import DATA
    >>> with tempfile.TemporaryDirectory() as out:
    ...     fit = aggregate_csv(DATA / "polls.csv", "nato_referendum_vote", "for", "all_respondents",
    ...         "national", ["2014-02-22", "2022-02-24"], out)
    ...     sorted(p.name for p in Path(out).iterdir())
    ['house_effects.csv', 'jumps.csv', 'latent.csv', 'mode_effects.csv']
    """
    from analysis.models.periods import midpoint
    from analysis.models.series import poll_series
    from analysis.tables.checks import read_raw

    path = Path(path)
    name = path.name
    if not path.is_file():
        raise DataValidationError([Issue(str(path), None, None, None, "no such file")])
    raw = read_raw(path)
    missing = [c for c in CSV_COLUMNS if c not in raw.columns]
    if missing:
        raise DataValidationError([Issue(name, None, c, None, "missing column") for c in missing])
    rows = raw.set_axis(range(1, len(raw) + 1))
    wanted = {"question_type": question_type, "answer": answer, "base": base, "geography": geography}
    selected = rows[np.logical_and.reduce([rows[c] == v for c, v in wanted.items()])]
    # a row that matches but for case or surrounding spaces ("For", " national") is named, never skipped
    loose = np.logical_and.reduce(
        [rows[c].str.strip().str.casefold() == v.strip().casefold() for c, v in wanted.items()]
    )
    near = rows[loose & ~rows.index.isin(selected.index)]
    if len(near):
        raise DataValidationError(
            [
                Issue(name, int(r), c, row[c], f"written differently from the series asked for ({wanted[c]!r})")
                for r, row in near.iterrows()
                for c in wanted
                if row[c] != wanted[c]
            ]
        )
    if selected.empty:
        shown = ", ".join(f"{c}={v!r}" for c, v in wanted.items())
        present = "; ".join(
            f"{c}: {', '.join(sorted(set(rows[c]))[:12])}" for c in wanted if wanted[c] not in set(rows[c])
        )
        raise DataValidationError([Issue(name, None, None, None, f"no rows with {shown} (the file has {present})")])
    sourced = all(c in raw.columns for c in _SOURCE_COLUMNS)
    # with pages, every row of the selected polls: which page a poll's figure is taken from and how
    # the poll is dated depend on all that each page reports, as for the package's own series
    rows = rows[rows["poll_id"].isin(selected["poll_id"])] if sourced else selected
    rows = rows.assign(share=rows["share"], sample_size=rows["sample_size"])
    issues = _csv_issues(rows, name)
    if issues:
        raise DataValidationError(issues)
    typed = rows.assign(
        share=pd.to_numeric(rows["share"]),
        sample_size=pd.to_numeric(rows["sample_size"].replace("", np.nan)),
    )
    if sourced:
        series = poll_series(typed, question_type, answer, base, geography)
    else:
        repeated = typed["poll_id"][typed["poll_id"].duplicated(keep=False)]
        if len(repeated):
            message = "poll_id repeated in the series: sum sub-answers first, or add the poll table's source columns"
            raise DataValidationError([Issue(name, int(r), "poll_id", v, message) for r, v in repeated.items()])
        series = typed.assign(date=midpoint(typed["field_start"], typed["field_end"]))
    from analysis.models.aggregate_checks import break_long_gaps, with_poll_counts

    fit = fit_aggregate(series[list(SERIES_COLUMNS)], breaks, **options)
    dates = fit.residuals["date"]
    result = replace(
        fit,
        latent=break_long_gaps(fit.latent, dates, max_gap_days),
        jumps=with_poll_counts(fit.jumps, dates, min_polls),
    )
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        tables = {"latent": result.latent, "jumps": result.jumps, "house_effects": result.house_effects}
        for table, df in (tables | {"mode_effects": result.mode_effects}).items():
            df.to_csv(out / f"{table}.csv", index=False, lineterminator="\n", date_format="%Y-%m-%d")
    except OSError as exc:
        raise OutputError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    return result


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _csv_issues(rows: pd.DataFrame, name: str) -> list[Issue]:
    """Every problem in the selected rows of a poll CSV (row = 1-based data row)."""
    issues = []
    for r, row in rows.iterrows():
        for column in ("poll_id", "pollster", "mode"):
            if not row[column].strip():
                issues.append(Issue(name, r, column, row[column], "required value is missing"))
            elif row[column] != row[column].strip():  # " Pollster North" would be a house of its own
                issues.append(Issue(name, r, column, row[column], "surrounding spaces"))
        if row["mode"].strip() and row["mode"] not in MODES:
            issues.append(Issue(name, r, "mode", row["mode"], f"not one of {', '.join(MODES)}"))
        for column in ("field_start", "field_end"):
            if not _ISO.match(row[column]) or pd.isna(pd.to_datetime(row[column], errors="coerce")):
                issues.append(Issue(name, r, column, row[column], "not an ISO date (YYYY-MM-DD)"))
        if _ISO.match(row["field_start"]) and _ISO.match(row["field_end"]) and row["field_end"] < row["field_start"]:
            issues.append(Issue(name, r, "field_end", row["field_end"], f"before field_start {row['field_start']}"))
        share = pd.to_numeric(row["share"], errors="coerce")
        if pd.isna(share) or not 0 <= share <= 100:
            issues.append(Issue(name, r, "share", row["share"], "not a number between 0 and 100"))
        n = row["sample_size"]
        if n and not (n.isdigit() and int(n) > 0):
            issues.append(Issue(name, r, "sample_size", n, "not a positive whole number (leave empty if unknown)"))
    return issues
