"""Build ``data/`` from ``seeds/`` and ``data/raw/``: validate every table in memory, then write.

Inputs (``data/raw/``, hand-made):

- ``seed_polls.csv``: one row per poll figure in a seed: a verbatim anchor, the figure, date,
  pollster, region and answer as written (see :mod:`analysis.build.seed_rows`).
- ``seed_events.csv``: one row per dated event: anchor, date as written, our title.
- ``external_events.csv``: events after the seeds' time (e.g. NATO summits of 2023 and 2024),
  each with the URL of the page that dates it; appended to the event table (no quote or offsets).
- ``seed_audit.csv``: one row per problem in a seed: verbatim excerpt, what is wrong,
  the correction and its URL.
- ``seed_presidencies.csv``: the seed's section headings that date each presidency.
- ``external/*.csv``: poll figures transcribed from public pages (see :mod:`analysis.build.external`),
  ``external_exclusions.csv`` (reviewed exclusions), ``seed_poll_links.csv`` (seed poll ->
  external record of the same poll), ``poll_links.csv`` and ``poll_conflicts.csv`` (reviewed
  identity decisions) and ``poll_modes.csv`` (pages read for a poll's survey mode alone: poll,
  mode, URL, the fieldwork dates and sample size that page gives, and a note in our words), and
  ``poll_coverage.csv`` (polls whose pages say the government-held Donbas was not surveyed, or
  leave it open: poll, value, URL, a note in our words), and ``share_wording.csv`` (figures a page
  words as "about", "almost" or "over": the row, the wording in English, a note).
- ``population.csv`` and ``region_definitions.csv``: population by unit, and which units each
  pollster's macro-regions contain (stated by a source, or assumed).

Writing (:func:`write_all`) is safe: every table is rendered to its CSV text and validated in
memory with the one validation pass (:func:`analysis.tables.checks.check_table`); only when all
pass is anything written, first to a temporary folder inside ``data/``, then moved over the old
files with ``os.replace``, so a failure part-way leaves the previous ``data/`` whole.
``data/MANIFEST.csv`` lists each built file with its SHA-256 and size, so a hand edit of
``data/`` is caught by a test.

A full build (not run as a doctest: ``tests/build/test_data.py`` builds once per session):

>>> tables = build_tables()  # doctest: +SKIP
>>> sorted(tables)  # doctest: +SKIP
['audit', 'disagreements', 'events', 'external_rejected', 'polls', 'population', 'presidencies', 'region_definitions']
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from analysis.build import seed_rows
from analysis.build.audit import build_audit
from analysis.build.external import build_external
from analysis.build.polls import link_seed_polls
from analysis.errors import DataValidationError, OutputError
from analysis.paths import DATA, RAW
from analysis.tables import describe
from analysis.tables.checks import check_table, read_raw
from analysis.tables.load import to_csv_text


def build_tables(raw_dir: Path = RAW) -> dict[str, pd.DataFrame]:
    """Build every table from ``raw_dir`` (default ``data/raw``); nothing is validated or written.

    The tables are built in order, the audit first: a bad input stops the build at once.

    >>> import tempfile
    >>> raw_dir = Path(tempfile.mkdtemp())
    >>> audit = {"audit_id": "AUD-900", "seed_file": "000_60eda7383af66051.txt", "excerpt": "words no seed holds",
    ...     "occurrence": ""}
    >>> pd.DataFrame([audit]).to_csv(raw_dir / "seed_audit.csv", index=False)
    >>> build_tables(raw_dir)
    Traceback (most recent call last):
    ValueError: seed_audit.csv: excerpt 'words no seed holds' not found in 000_60eda7383af66051.txt

    A full build takes seconds (``tests/build/test_data.py`` runs it once per session):

    >>> {name: len(table) > 0 for name, table in build_tables().items()}  # doctest: +SKIP
    {'audit': True, 'disagreements': True, 'events': True, 'external_rejected': True, 'polls': True,
     'population': True, 'presidencies': True, 'region_definitions': True}
    """
    audit = build_audit(read_raw(raw_dir / "seed_audit.csv"))
    seed_polls = seed_rows.build_seed_polls(read_raw(raw_dir / "seed_polls.csv"), audit)
    external, rejected, disagreements = build_external(raw_dir)
    polls = pd.concat([seed_polls, external], ignore_index=True)
    polls["linked_poll_id"] = link_seed_polls(polls, read_raw(raw_dir / "seed_poll_links.csv"))
    return {
        "audit": audit,
        "disagreements": disagreements,
        "events": pd.concat(
            [
                seed_rows.build_events(read_raw(raw_dir / "seed_events.csv"), audit),
                external_events(read_raw(raw_dir / "external_events.csv")),
            ],
            ignore_index=True,
        ),
        "external_rejected": rejected,
        "polls": polls,
        "population": read_raw(raw_dir / "population.csv"),
        "presidencies": seed_rows.build_presidencies(read_raw(raw_dir / "seed_presidencies.csv")),
        "region_definitions": read_raw(raw_dir / "region_definitions.csv"),
    }


def external_events(raw: pd.DataFrame) -> pd.DataFrame:
    """Event rows from ``external_events.csv``: dates as the cited page gives them, no quote.

    The quote and offset columns (seed rows only) are left empty; ``flags`` says where the row
    comes from.

    >>> raw = pd.DataFrame({"event_id": ["ev-x"], "source": ["https://example.org"]})
    >>> external_events(raw)[["event_id", "quote", "flags"]].to_dict("records")
    [{'event_id': 'ev-x', 'quote': '', 'flags': 'external_source'}]
    """
    return raw.assign(quote="", quote_start="", quote_end="", flags="external_source")


def render_tables(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Each table as the CSV text to write, after the one validation pass over that text.

    Raises :class:`~analysis.errors.DataValidationError` listing every issue of every table:
    nothing is written unless all pass.

    A table is written with its columns in the table's order (here an empty one: its header);
    a date that is not written as the build writes it fails:

    >>> from analysis.tables.schema import SCHEMAS
    >>> columns = list(SCHEMAS["presidencies"].columns)
    >>> render_tables({"presidencies": pd.DataFrame(columns=columns[::-1])})
    {'presidencies': 'president,term_start,term_end,years_as_written,source,quote,quote_start,quote_end\\n'}
    >>> term = dict.fromkeys(columns, "") | {"president": "A. Example", "term_start": "1991-1-1"}
    >>> render_tables({"presidencies": pd.DataFrame([term])})
    Traceback (most recent call last):
    analysis.errors.DataValidationError: 1 validation issue(s):
    presidencies.csv, row 1 (line 2), column 'term_start': value '1991-1-1': not an ISO date (YYYY-MM-DD)
    """
    texts = {name: to_csv_text(df, name) for name, df in sorted(tables.items())}
    issues = []
    for name, text in texts.items():
        raw = pd.read_csv(io.StringIO(text), dtype="str", keep_default_na=False)
        issues += check_table(raw, name, f"{name}.csv")
    if issues:
        raise DataValidationError(issues)
    return texts


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


def write_text(path: Path, text: str) -> None:
    """Write one output file: UTF-8, line ends exactly as in ``text``.

    >>> path = Path(tempfile.mkdtemp()) / "note.csv"
    >>> write_text(path, "place,name\\r\\n1,Київ\\n")
    >>> path.read_bytes()
    b'place,name\\r\\n1,\\xd0\\x9a\\xd0\\xb8\\xd1\\x97\\xd0\\xb2\\n'
    """
    path.write_text(text, encoding="utf-8", newline="")


def _write_outputs(texts: dict[str, str], folder: Path) -> list[str]:
    """Write the tables, the data package, the codebook and the manifest into ``folder``.

    Returns the names of the data files (the manifest lists them and is not among them).
    """
    names = []
    for name, text in texts.items():
        write_text(folder / f"{name}.csv", text)
        names.append(f"{name}.csv")
    write_text(
        folder / "datapackage.json", json.dumps(describe.datapackage(texts), indent=2, ensure_ascii=False) + "\n"
    )
    write_text(folder / "README.md", describe.render(folder))
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

    Every table is validated in memory first (:func:`render_tables`); then all files are
    written in a temporary folder inside ``out_dir``, and each is moved over the old one with
    :func:`os.replace` (atomic on one file system). An error before the moves (a missing or
    altered seed, a bad annotation, a table that fails validation, a full disk) leaves
    ``out_dir`` exactly as it was; no file is ever left half-written.

    Raises :class:`~analysis.errors.SeedError` for a missing or altered seed,
    :class:`~analysis.errors.OutputError` naming ``out_dir`` if it cannot be written.

    A full build (not run as a doctest: ``tests/build/test_data.py`` checks this order):

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:  # doctest: +SKIP
    ...     [p.name for p in write_all(Path(tmp))][-3:]
    ['region_definitions.csv', 'datapackage.json', 'README.md']
    """
    out_dir = Path(out_dir)
    try:  # an unwritable output folder is found before the work, not after
        staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    except OSError as exc:
        raise OutputError(f"cannot write to the output folder {out_dir}: {exc.strerror or exc}") from None
    try:
        texts = render_tables(build_tables(raw_dir))  # everything that can fail on the inputs fails here
        try:
            names = _write_outputs(texts, staging)
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
