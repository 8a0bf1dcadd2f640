"""Build ``data/`` from the seeds and the hand-made annotations in ``data/raw/``.

Data flows one way: ``seeds/`` + ``data/raw/*.csv`` (what a person read: anchors into the
seeds, figures and dates as written) -> normalisers -> validated tables in ``data/``.
The annotation files hold no offsets, parsed numbers or harmonised names: those are
computed here, so they cannot drift from the seeds.

Inputs (``data/raw/``):

- ``seed_polls.csv``: one row per poll figure in a seed: an ``anchor`` (verbatim text
  inside the sentence), the figure, date, pollster, geography and answer as written.
- ``seed_events.csv``: one row per dated event: anchor, date as written, our title.
- ``seed_audit.csv``: one row per problem in a seed: verbatim excerpt, what is wrong,
  the correction and its URL.
- ``seed_presidencies.csv``: the seed's section headings that date each presidency.
- ``external/*.csv``: poll figures transcribed from public pages (see :mod:`analysis.external`),
  ``external_exclusions.csv`` (reviewed exclusions) and ``seed_poll_links.csv`` (seed poll ->
  external record of the same poll).
- ``population.csv`` and ``region_definitions.csv``: population by unit, and which units each
  pollster's macro-regions contain (stated by a source, or assumed).

Writing (:func:`write_all`) is safe: every output is first written to a temporary folder
inside ``data/`` and only then moved over the old files with ``os.replace``, so a failure
part-way leaves the previous ``data/`` whole. ``data/MANIFEST.csv`` lists each built file
with its SHA-256 and size, so a hand edit of ``data/`` is caught by a test.

>>> tables = build_tables()
>>> sorted(tables)
['audit', 'events', 'external_rejected', 'polls', 'population', 'presidencies', 'region_definitions']
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from analysis import codebook
from analysis.audit import overlapping
from analysis.errors import OutputError
from analysis.external import build_external
from analysis.io import read_raw, write_table
from analysis.normalise import (
    harmonise_answer,
    harmonise_pollster,
    harmonise_region,
    parse_date,
    parse_share,
)
from analysis.paths import DATA, RAW
from analysis.schema import SCHEMAS
from analysis.seeds import Span, find_within, read_seed, sentence_span


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


def _join_flags(*parts: pd.Series) -> pd.Series:
    return pd.concat(parts, axis=1).apply(lambda r: ";".join(t for p in r for t in p), axis=1)


def build_audit(raw: pd.DataFrame) -> pd.DataFrame:
    """Locate each audit excerpt in its seed and return the audit table."""
    starts = []
    for f, excerpt, occurrence in zip(raw["seed_file"], raw["excerpt"], raw["occurrence"], strict=True):
        text, at = read_seed(f), -1
        for _ in range(int(occurrence or 1)):
            at = text.find(excerpt, at + 1)
        if at < 0:
            raise ValueError(f"seed_audit.csv: excerpt {excerpt!r} not found in {f}")
        starts.append(at)
    out = raw.assign(start=starts, end=[s + len(e) for s, e in zip(starts, raw["excerpt"], strict=True)])
    return out


def build_seed_polls(raw: pd.DataFrame, audit: pd.DataFrame) -> pd.DataFrame:
    """Turn poll annotations into poll rows: quotes, offsets, shares, dates, names."""
    df = _locate(raw, "anchor")
    figures = [
        find_within(read_seed(f), Span(s, e), figure)
        for f, s, e, figure in zip(
            df["seed_file"], df["quote_start"], df["quote_end"], df["share_as_written"], strict=True
        )
    ]
    shares = parse_share(df["share_as_written"])
    dates = _dates(df)
    out = pd.DataFrame(
        {
            "poll_id": df["poll_key"],
            "pollster": harmonise_pollster(df["pollster_as_written"]),
            "pollster_as_written": df["pollster_as_written"],
            "field_start": dates["start"],
            "field_end": dates["end"],
            "date_precision": dates["precision"],
            "sample_size": pd.NA,
            "mode": "unknown",
            "population": df["population"],
            "covers_crimea": "unknown",
            "covers_occupied_donbas": "unknown",
            "question_type": df["question_type"],
            "question_wording": df["question_wording"],
            "base": "unknown",
            "geography": harmonise_region(df["geography_as_written"]),
            "geography_as_written": df["geography_as_written"],
            "answer": harmonise_answer(df["answer_as_written"]),
            "answer_as_written": df["answer_as_written"],
            "share": shares["share"],
            "share_qualifier": shares["qualifier"],
            "share_as_written": df["share_as_written"],
            "source_type": "seed",
            "source": df["seed_file"],
            "quote": df["quote"],
            "quote_start": df["quote_start"],
            "quote_end": df["quote_end"],
            "share_start": [f.start for f in figures],
            "share_end": [f.end for f in figures],
            "confidence": "single_source",
            "notes": df["notes"],
        }
    )
    context = dates["from_context"].map(lambda x: ["date_from_context"] if x else [])
    unnamed = (df["pollster_as_written"] == "").map(lambda x: ["pollster_unnamed"] if x else [])
    out["flags"] = _join_flags(unnamed, context, _audit_flags(out, audit))
    return out


def build_events(raw: pd.DataFrame, audit: pd.DataFrame) -> pd.DataFrame:
    """Turn event annotations into event rows: quotes, offsets, parsed dates."""
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
    out["flags"] = _join_flags(context, _audit_flags(out, audit))
    return out


def build_presidencies(raw: pd.DataFrame) -> pd.DataFrame:
    """Turn the seed's presidency headings into terms (year precision; open-ended if 'from')."""
    df = _locate(raw, "anchor")
    _require_in_quote(df, "years_as_written")
    open_ended = df["years_as_written"].str.match(r"^from \d{4}$")
    dates = parse_date(df["years_as_written"].str.removeprefix("from "))
    return df.assign(
        term_start=dates["start"],
        term_end=dates["end"].where(~open_ended, ""),
        source=df["seed_file"],
    )


def build_tables(raw_dir: Path = RAW) -> dict[str, pd.DataFrame]:
    """Build every table from ``raw_dir`` (default ``data/raw``); nothing is written."""
    audit = build_audit(read_raw(raw_dir / "seed_audit.csv"))
    polls = build_seed_polls(read_raw(raw_dir / "seed_polls.csv"), audit)
    events = build_events(read_raw(raw_dir / "seed_events.csv"), audit)
    presidencies = build_presidencies(read_raw(raw_dir / "seed_presidencies.csv"))
    external, rejected = build_external(raw_dir)
    links = read_raw(raw_dir / "seed_poll_links.csv").set_index("seed_poll_id")["linked_poll_id"]
    unknown = sorted(set(links.to_numpy()) - set(external["poll_id"]))
    if unknown:
        raise ValueError(f"seed_poll_links.csv: linked_poll_id not in the external polls: {unknown}")
    polls["linked_poll_id"] = [links.get(p, "") for p in polls["poll_id"]]
    polls = pd.concat([polls.assign(sponsor=""), external.assign(linked_poll_id="")], ignore_index=True)
    return {
        "audit": audit,
        "events": events,
        "external_rejected": rejected,
        "polls": polls,
        "population": read_raw(raw_dir / "population.csv"),
        "presidencies": presidencies,
        "region_definitions": read_raw(raw_dir / "region_definitions.csv"),
    }


def datapackage(tables: dict[str, pd.DataFrame]) -> dict:
    """The Frictionless Data Package descriptor of ``data/`` (Table Schema per table)."""
    resources = []
    for name in sorted(tables):
        schema = SCHEMAS[name]
        fields = []
        for f in schema.fields:
            d: dict = {"name": f.name, "type": f.type, "description": f.description}
            constraints: dict = {}
            if f.required:
                constraints["required"] = True
            if f.enum is not None:
                constraints["enum"] = list(f.enum)
            if f.minimum is not None:
                constraints["minimum"] = f.minimum
            if f.maximum is not None:
                constraints["maximum"] = f.maximum
            if constraints:
                d["constraints"] = constraints
            fields.append(d)
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "title": schema.title,
                "description": schema.description,
                "format": "csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": list(schema.primary_key), "missingValues": [""]},
            }
        )
    return {
        "name": "ukraine-nato-opinion",
        "title": "Ukrainian public opinion toward NATO: polls, events and seed audit",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }


MANIFEST = "MANIFEST.csv"
"""Name of the manifest written beside the built files: ``file,sha256,bytes``, one row per file."""


def manifest_rows(folder: Path, names: list[str]) -> list[tuple[str, str, int]]:
    """``(file, sha256, bytes)`` of each named file in ``folder``, sorted by file name.

    >>> from analysis.paths import DATA
    >>> manifest_rows(DATA, ["events.csv"])[0][0]
    'events.csv'
    """
    rows = []
    for name in sorted(names):
        content = (folder / name).read_bytes()
        rows.append((name, hashlib.sha256(content).hexdigest(), len(content)))
    return rows


def _write_outputs(tables: dict[str, pd.DataFrame], folder: Path) -> list[str]:
    """Write the tables, the data package, the codebook and the manifest into ``folder``.

    Returns the names of the data files (the manifest lists them and is not among them).
    """
    names = []
    for name, df in sorted(tables.items()):
        write_table(df, name, folder / f"{name}.csv")
        names.append(f"{name}.csv")
    package = json.dumps(datapackage(tables), indent=2, ensure_ascii=False) + "\n"
    (folder / "datapackage.json").write_text(package, encoding="utf-8", newline="\n")
    (folder / "README.md").write_text(codebook.render(folder), encoding="utf-8", newline="\n")
    names += ["datapackage.json", "README.md"]
    with open(folder / MANIFEST, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["file", "sha256", "bytes"])
        writer.writerows(manifest_rows(folder, names))
    return names


def write_all(out_dir: Path = DATA, raw_dir: Path = RAW) -> list[Path]:
    """Rebuild every table and write it, the data package, the codebook and the manifest.

    Returns the paths of the data files written, in order: the tables (``*.csv``),
    ``datapackage.json`` and ``README.md``; ``out_dir / MANIFEST`` lists them with their
    SHA-256 and size. Output is byte-for-byte reproducible: fixed column order, sorted rows,
    ``\\n`` line ends, so a rebuild leaves every file as it was.

    All files are built first in a temporary folder inside ``out_dir``, then each is moved
    over the old one with :func:`os.replace` (atomic on one file system). An error before
    the moves (a missing or altered seed, a bad annotation, a full disk) leaves ``out_dir``
    exactly as it was; no file is ever left half-written.

    Raises :class:`~analysis.errors.SeedError` for a missing or altered seed,
    :class:`~analysis.errors.OutputError` naming ``out_dir`` if it cannot be written.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_all(Path(tmp))][-3:]
    ['region_definitions.csv', 'datapackage.json', 'README.md']
    """
    tables = build_tables(raw_dir)  # everything that can fail on the inputs fails here
    out_dir = Path(out_dir)
    try:
        staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    except OSError as exc:
        raise OutputError(f"cannot write to the output folder {out_dir}: {exc.strerror or exc}") from None
    try:
        try:
            names = _write_outputs(tables, staging)
        except OSError as exc:
            raise OutputError(f"cannot write the data files to {out_dir}: {exc}; nothing there was changed") from None
        try:
            for name in [*names, MANIFEST]:
                os.replace(staging / name, out_dir / name)
        except OSError as exc:
            raise OutputError(
                f"cannot replace the data files in {out_dir}: {exc}; some may be new, some old: build again"
            ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / name for name in names]
