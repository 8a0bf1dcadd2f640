"""Seed annotations (``data/raw/seed_*.csv``) to table rows: quotes, offsets, dates, flags.

An annotation names a verbatim anchor in a seed and the figure, date, pollster, region and
answer *as written*; the sentence around the anchor, its offsets, parsed numbers and dates
and the flags are computed here, never typed.
"""

from __future__ import annotations

import pandas as pd

from analysis.build.audit import overlapping
from analysis.build.polls import join_flags, poll_rows
from analysis.text.dates import parse_date
from analysis.text.names import harmonise_answer
from analysis.text.seeds import read_seed
from analysis.text.sentences import Span, find_within, sentence_span
from analysis.text.shares import parse_share


def _locate(raw: pd.DataFrame, anchor_column: str) -> pd.DataFrame:
    """Add ``quote``, ``quote_start``, ``quote_end`` (the sentence around each anchor)."""
    spans = [
        sentence_span(read_seed(f), a, int(o or 1))
        for f, a, o in zip(raw["seed_file"], raw[anchor_column], raw["occurrence"], strict=True)
    ]
    quotes = [read_seed(f)[s.start : s.end] for f, s in zip(raw["seed_file"], spans, strict=True)]
    return raw.assign(
        quote=quotes,
        quote_start=[s.start for s in spans],
        quote_end=[s.end for s in spans],
    )


def _require_in_quote(df: pd.DataFrame, column: str) -> None:
    """Each ``column`` value must appear verbatim inside the row's quoted sentence."""
    for f, start, end, needle in zip(df["seed_file"], df["quote_start"], df["quote_end"], df[column], strict=True):
        find_within(read_seed(f), Span(start, end), needle)


def _in_paragraph_before(df: pd.DataFrame, column: str) -> pd.Series:
    """True where ``column`` is not in the quote but earlier in the same paragraph.

    Raises :class:`SeedError` where it is in neither.
    """
    before = []
    for f, start, end, needle in zip(df["seed_file"], df["quote_start"], df["quote_end"], df[column], strict=True):
        text = read_seed(f)
        if needle in text[start:end]:
            before.append(False)
            continue
        paragraph = Span(text.rfind("\n", 0, start) + 1, start)
        find_within(text, paragraph, needle)
        before.append(True)
    return pd.Series(before, index=df.index)


def _dates(df: pd.DataFrame) -> pd.DataFrame:
    """Parse ``date_as_written`` (with ``default_year``); flag dates taken from context.

    A date is from context when it stands earlier in the paragraph rather than in the
    quoted sentence, or when its year comes from ``default_year``.
    """
    years = pd.to_numeric(df["default_year"].replace("", pd.NA))
    parsed = parse_date(df["date_as_written"], years)
    year_added = years.notna() & ~df["date_as_written"].str.contains(r"\d{4}")
    return parsed.assign(from_context=year_added | _in_paragraph_before(df, "date_as_written"))


def _audit_flags(df: pd.DataFrame, audit: pd.DataFrame) -> pd.Series:
    """``audit:AUD-nnn`` tokens for audit passages that overlap each row's quote."""
    ids = overlapping(df["source"], df["quote_start"], df["quote_end"], audit)
    return ids.map(lambda found: [f"audit:{a}" for a in found])


def build_seed_polls(raw: pd.DataFrame, audit: pd.DataFrame) -> pd.DataFrame:
    """Turn poll annotations into poll rows: quotes, offsets, shares, dates, names.

    ``raw`` is ``data/raw/seed_polls.csv`` read as text (one row per figure, its anchor and what the
    seed writes); ``audit`` is the table of :func:`analysis.build.audit.build_audit`. The first
    annotated figure, with no audit passage:

    >>> from analysis.paths import RAW
    >>> from analysis.tables.checks import read_raw
    >>> no_audit = pd.DataFrame(columns=["audit_id", "seed_file", "start", "end"])
    >>> rows = build_seed_polls(read_raw(RAW / "seed_polls.csv").head(1), no_audit)
    >>> rows.loc[0, ["share_as_written", "share", "answer", "field_start", "date_precision", "flags"]].to_dict()
    {'share_as_written': '37%', 'share': 37.0, 'answer': 'for', 'field_start': '1997-05-06', 'date_precision': 'day',
     'flags': 'pollster_unnamed;date_from_context'}
    >>> read_seed(rows.loc[0, "source"])[rows.loc[0, "share_start"] : rows.loc[0, "share_end"]]
    '37%'
    """
    df = _locate(raw, "anchor")
    figures = [
        find_within(read_seed(f), Span(s, e), figure)
        for f, s, e, figure in zip(
            df["seed_file"], df["quote_start"], df["quote_end"], df["share_as_written"], strict=True
        )
    ]
    shares = parse_share(df["share_as_written"])
    dates = _dates(df)
    out = poll_rows(
        "seed",
        {
            "poll_id": df["poll_key"],
            "pollster_as_written": df["pollster_as_written"],
            "field_start": dates["start"],
            "field_end": dates["end"],
            "date_precision": dates["precision"],
            "mode": "unknown",
            "population": df["population"],
            "covers_crimea": "unknown",
            "covers_occupied_donbas": "unknown",
            "question_type": df["question_type"],
            "question_wording": df["question_wording"],
            "base": "unknown",
            "geography_as_written": df["geography_as_written"],
            "answer": harmonise_answer(df["answer_as_written"]),
            "answer_as_written": df["answer_as_written"],
            "share": shares["share"],
            "share_qualifier": shares["qualifier"],
            "share_as_written": df["share_as_written"],
            "source": df["seed_file"],
            "quote": df["quote"],
            "quote_start": df["quote_start"],
            "quote_end": df["quote_end"],
            "share_start": [f.start for f in figures],
            "share_end": [f.end for f in figures],
            "confidence": "seed",
            "identity": "seed",
            "source_kind": "seed",
            "notes": df["notes"],
        },
    )
    context = dates["from_context"].map(lambda x: ["date_from_context"] if x else []).reset_index(drop=True)
    unnamed = (df["pollster_as_written"] == "").map(lambda x: ["pollster_unnamed"] if x else []).reset_index(drop=True)
    out["flags"] = join_flags(unnamed, context, _audit_flags(out, audit))
    return out


def build_events(raw: pd.DataFrame, audit: pd.DataFrame) -> pd.DataFrame:
    """Turn event annotations into event rows: quotes, offsets, parsed dates.

    >>> from analysis.paths import RAW
    >>> from analysis.tables.checks import read_raw
    >>> no_audit = pd.DataFrame(columns=["audit_id", "seed_file", "start", "end"])
    >>> events = build_events(read_raw(RAW / "seed_events.csv").head(1), no_audit)
    >>> events[["event_id", "date", "date_end", "date_precision", "flags"]].to_dict("records")
    [{'event_id': 'ev-1975-helsinki', 'date': '1975-01-01', 'date_end': '1975-12-31', 'date_precision': 'year',
      'flags': ''}]
    """
    df = _locate(raw, "anchor")
    dates = _dates(df)
    out = df.assign(
        event_id=df["event_key"],
        date=dates["start"],
        date_end=dates["end"],
        date_precision=dates["precision"],
        source=df["seed_file"],
    )
    context = dates["from_context"].map(lambda x: ["date_from_context"] if x else [])
    out["flags"] = join_flags(context, _audit_flags(out, audit))
    return out


def build_presidencies(raw: pd.DataFrame) -> pd.DataFrame:
    """Turn the seed's presidency headings into terms (year precision; open-ended if 'from').

    >>> from analysis.paths import RAW
    >>> from analysis.tables.checks import read_raw
    >>> terms = build_presidencies(read_raw(RAW / "seed_presidencies.csv").tail(2))
    >>> terms[["years_as_written", "term_start", "term_end"]].to_numpy().tolist()
    [['2014-2019', '2014-01-01', '2019-12-31'], ['from 2019', '2019-01-01', '']]
    """
    df = _locate(raw, "anchor")
    _require_in_quote(df, "years_as_written")
    open_ended = df["years_as_written"].str.match(r"^from \d{4}$")
    dates = parse_date(df["years_as_written"].str.removeprefix("from "))
    return df.assign(
        term_start=dates["start"],
        term_end=dates["end"].where(~open_ended, ""),
        source=df["seed_file"],
    )
