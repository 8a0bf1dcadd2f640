"""Command line: rebuild data, execute notebooks, render the site, validate data.

    ukraine-nato build-data            # data/ from seeds/ and data/raw/
    ukraine-nato run-notebooks [NAME]  # execute notebooks in place, in order
    ukraine-nato render                # HTML site in site/ (not committed)
    ukraine-nato validate              # the full validation pass over every table of data/
    ukraine-nato all                   # the four steps above, in that order
    ukraine-nato extract FOLDER OUT.csv  # NATO poll figures in FOLDER/*.txt (analysis.extract)
    ukraine-nato aggregate --polls CSV --question-type Q --answer A --base B --out DIR  # poll aggregator

``ukraine-nato COMMAND --help`` explains each command with an example.

Each step is skipped when nothing it reads changed since it last ran here (content hashes in
``.stamps/``, not committed); ``--force`` redoes every step. Each step prints its progress and
time; a failure prints one message naming what failed (table, or notebook and cell) and exits
with status 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from analysis import paths
from analysis.errors import AnalysisError, OutputError
from analysis.report.stamps import LIBRARY, Stamps, digest


def _say(message: str) -> None:
    print(message, flush=True)


def _built_files() -> list[Path]:
    return sorted(p for p in paths.DATA.iterdir() if p.is_file())


def _stamps() -> Stamps:
    return Stamps(paths.ROOT / ".stamps" / "data.json")


def build_data(force: bool = False) -> None:
    """Rebuild ``data/`` from the seeds and annotations (unless they, the library and ``data/`` are unchanged).

    What ``ukraine-nato build-data`` runs; not run as a test (it may rebuild ``data/``: seconds):

    >>> STEPS["build-data"] is build_data
    True
    >>> build_data()  # doctest: +SKIP
      data/ is current (seeds, data/raw, library and data/ unchanged)
    """
    stamps = _stamps()
    key = lambda: digest(paths.SEEDS, paths.RAW, LIBRARY, *_built_files())  # noqa: E731
    if not force and stamps.fresh("build-data", key()):
        _say("  data/ is current (seeds, data/raw, library and data/ unchanged)")
        return
    from analysis.build.data import write_all

    for path in write_all():
        _say(f"  wrote {path.relative_to(paths.ROOT)}")
    stamps.record("build-data", key())


def validate_data(force: bool = False) -> None:
    """The full validation pass (quotes against the seeds included) over every table of ``data/``.

    What ``ukraine-nato validate`` runs; not run as a test (about 3 s; it records a stamp):

    >>> STEPS["validate"] is validate_data
    True
    >>> validate_data(force=True)  # doctest: +SKIP
      audit.csv: ... rows valid
      disagreements.csv: ... rows valid
      events.csv: ... rows valid
      external_rejected.csv: ... rows valid
      polls.csv: ... rows valid
      population.csv: ... rows valid
      presidencies.csv: ... rows valid
      region_definitions.csv: ... rows valid
    """
    stamps = _stamps()
    key = digest(paths.SEEDS, LIBRARY, *_built_files())
    if not force and stamps.fresh("validate", key):
        _say("  data/ unchanged since it was last validated")
        return
    from analysis.tables.checks import validate_file
    from analysis.tables.schema import SCHEMAS

    for name in sorted(SCHEMAS):
        rows = len(validate_file(paths.DATA / f"{name}.csv", name).data)
        _say(f"  {name}.csv: {rows} rows valid")
    stamps.record("validate", key)


def _table_names() -> list[str]:
    """The tables of ``data/``, read from the table definitions without importing pandas (``--help`` stays quick)."""
    import json

    return sorted(
        t["name"] for t in json.loads((paths.RESOURCES / "tables.json").read_text(encoding="utf-8"))["tables"]
    )


def validate_one(path: str | Path, table: str) -> int:
    """The full validation pass over one file shaped like a table of ``data/``: prints the valid
    rows' count and every rejected row with its reasons; returns the number of rejected rows.
    Writes nothing (no stamps).

    >>> import tempfile
    >>> header, first = (paths.tables() / "polls.csv").read_text(encoding="utf-8").splitlines()[:2]
    >>> mine = Path(tempfile.mkdtemp()) / "mine.csv"
    >>> _ = mine.write_text(f"{header}\\n{first.replace(',37.0,', ',137.0,')}\\n", encoding="utf-8")
    >>> validate_one(mine, "polls")
      mine.csv: 0 rows valid, 1 rejected
        row 1 (line 2): share '137.0': above the maximum 100
    1
    """
    from analysis.errors import DataValidationError, Issue
    from analysis.tables.checks import validate_file

    if not Path(path).is_file():
        raise DataValidationError([Issue(str(path), None, None, None, "no such file")])
    result = validate_file(Path(path), table, strict=False, seeds=False)
    _say(f"  {Path(path).name}: {len(result.data)} rows valid, {len(result.rejected)} rejected")
    lines = _row_lines(Path(path))
    for row in result.rejected.itertuples():
        _say(f"    row {row.row} (line {lines[row.row - 1]}): {row.reason}")
    return len(result.rejected)


def _row_lines(path: Path) -> list[int]:
    """The physical line on which each data row of a CSV file starts (a quoted value may hold line breaks).

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = f.write_text('a,b\\n1,"two\\nlines"\\n3,4\\n', encoding="utf-8")
    >>> _row_lines(f)
    [2, 4]
    """
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        starts = [reader.line_num + 1]
        for _ in reader:
            starts.append(reader.line_num + 1)
    return starts[:-1]


def run_notebooks(selected: Sequence[str] = (), force: bool = False) -> None:
    """Execute the notebooks whose notebook, data or library changed (all with ``force``).

    ``selected`` picks notebooks by a part of their name; one that matches none is an error:

    >>> run_notebooks(["99"])
    Traceback (most recent call last):
    analysis.errors.AnalysisError: no notebook matches ['99']; have ['01-data-and-provenance.ipynb',
        '02-opinion-shift-2014.ipynb', '03-regional-differences.ipynb']
    >>> run_notebooks(["02"])  # doctest: +SKIP
      02-opinion-shift-2014.ipynb: unchanged (notebook, data and library as when last executed)
    """
    from analysis.report.notebooks import run_notebooks as run

    run(selected, force=force, say=_say)


def render_site(force: bool = False) -> None:
    """Render the site (notebooks, landing page, codebook, API) into ``site/``: changed pages only.

    What ``ukraine-nato render`` runs; not run as a test (about ten seconds when pages changed):

    >>> STEPS["render"] is render_site
    True
    >>> render_site()  # doctest: +SKIP
      site/ is current
    """
    from analysis.report.site import build

    pages = build(force=force)
    for page in pages:
        _say(f"  rendered {page.relative_to(paths.ROOT)}")
    if not pages:
        _say("  site/ is current")


def extract_folder(folder: str | Path, out: str | Path) -> Path:
    """Run :func:`analysis.extract.extract_batch` over every ``*.txt`` in ``folder``; write ``out``.

    ``doc_id`` is the file name. Files are read as UTF-8. Raises :class:`AnalysisError` if the
    folder is missing, holds no ``.txt`` file, or a file is not UTF-8 text.

    >>> extract_folder("no-such-folder", "out.csv")
    Traceback (most recent call last):
    analysis.errors.AnalysisError: folder no-such-folder does not exist (or is not a folder)

    On a folder of one article (not run as a test: the first call compiles the extractor's
    patterns, about half a second):

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("In a KIIS poll in May 2023, 86% said they would vote for joining NATO.")
    >>> extract_folder(folder, folder / "found.csv").name  # doctest: +SKIP
      1 poll figure(s) from 1 file(s) written to .../found.csv
    'found.csv'
    """
    import pandas as pd

    from analysis.extract import extract_batch

    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise AnalysisError(f"folder {folder} does not exist (or is not a folder)")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt" and p.is_file())  # a.TXT too
    if not files:
        raise AnalysisError(f"no .txt files in {folder}")
    texts = []
    for path in files:
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise AnalysisError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    found = extract_batch(pd.DataFrame({"doc_id": [p.name for p in files], "text": texts}))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        found.to_csv(out, index=False, lineterminator="\n")
    except OSError as exc:
        raise OutputError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    _say(f"  {len(found)} poll figure(s) from {len(files)} file(s) written to {out}")
    return out


def aggregate(
    polls: str | Path,
    question: str,
    answer: str,
    base: str,
    geography: str,
    breaks: str | None,
    out: str | Path,
    variance_by_regime: bool = False,
) -> Path:
    """Fit the poll aggregator (:func:`analysis.models.aggregate_io.aggregate_csv`) and write its tables to ``out``.

    ``breaks`` is a comma-separated list of ISO dates; ``None`` takes the package's two
    (:func:`analysis.models.periods.period_breaks`, from the event table). ``variance_by_regime``: a
    random-walk variance of its own for each regime between the breaks (the summary line then gives
    each regime's random-walk SD). Eight polls in a CSV with the poll table's columns, three or more
    on each side of the one break asked for:

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> header = "poll_id,pollster,field_start,field_end,sample_size,mode,question_type,answer,base,geography,share"
    >>> polls = [f"p{y},{'AB'[y % 2]},{y}-05-01,{y}-05-01,1000,unknown,nato_referendum_vote,for,all_respondents,national,{s}"
    ...          for y, s in [(2010, 20), (2011, 17), (2012, 15), (2013, 18), (2015, 40), (2016, 44), (2017, 41),
    ...                       (2018, 45)]]
    >>> _ = (folder / "polls.csv").write_text("\\n".join([header, *polls]) + "\\n")
    >>> aggregate(folder / "polls.csv", "nato_referendum_vote", "for", "all_respondents", "national",
    ...           "2014-02-22", folder / "out").name  # doctest: +ELLIPSIS
      8 polls; jumps 2014-02-22: +... (+... to +...); random-walk SD ...
    'out'
    """
    from analysis.models.aggregate_io import aggregate_csv

    if breaks is None:
        from analysis.models.periods import period_breaks
        from analysis.tables.load import load_events

        dates = [f"{d:%Y-%m-%d}" for d in period_breaks(load_events()).values()]
    else:
        dates = [b.strip() for b in breaks.split(",") if b.strip()]
    result = aggregate_csv(polls, question, answer, base, geography, dates, out, variance_by_regime=variance_by_regime)
    jumps = ", ".join(
        f"{row.break_date:%Y-%m-%d}: "
        + (f"{row.jump:+.1f} ({row.lower:+.1f} to {row.upper:+.1f})" if row.jump == row.jump else row.note)
        for row in result.jumps.itertuples()
    )
    sd = result.variances["innovation_sd"]
    drift = "; ".join(f"{label}: {v:.1f}" for label, v in sd.items()) if isinstance(sd, dict) else f"{sd:.1f}"
    _say(
        f"  {len(result.residuals)} polls; jumps {jumps or 'none asked for'}; random-walk SD (points per square-root"
        f" year) {drift}; tables written to {out}"
    )
    return Path(out)


STEPS = {
    "build-data": build_data,
    "validate": validate_data,
    "render": render_site,
}

_HELP = {
    "build-data": ("Rebuild data/ from seeds/ and data/raw/.", "ukraine-nato build-data --force"),
    "validate": (
        "Run the full validation pass over every table of data/, or over one file of your own shaped "
        "like one of them (--file, --table; quotes against the seeds are not checked then).",
        "ukraine-nato validate --file my_polls.csv --table polls",
    ),
    "run-notebooks": ("Execute the notebooks in place, in order.", "ukraine-nato run-notebooks 02"),
    "render": ("Render the site (notebooks, landing page, codebook, API) into site/.", "ukraine-nato render"),
    "all": ("build-data, validate, run-notebooks and render, in that order.", "ukraine-nato all"),
    "extract": (
        "Find NATO poll figures in every .txt file of a folder (analysis.extract).",
        "ukraine-nato extract my_articles/ mentions.csv",
    ),
    "aggregate": (
        "Fit the poll aggregator (random walk with level shifts at breaks, house and mode effects) to one "
        "question, answer, base and geography of a poll CSV; write latent.csv, jumps.csv, house_effects.csv "
        "and mode_effects.csv.",
        "ukraine-nato aggregate --polls data/polls.csv --question-type nato_referendum_vote --answer for "
        "--base all_respondents --breaks 2014-02-22,2022-02-24 --out out/",
    ),
}


def _parser() -> argparse.ArgumentParser:
    from analysis import __version__

    parser = argparse.ArgumentParser(prog="ukraine-nato", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub = {}
    for name, (summary, example) in _HELP.items():
        sub[name] = commands.add_parser(
            name,
            help=summary,
            description=summary,
            epilog=f"example: {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if name not in ("extract", "aggregate"):
            sub[name].add_argument(
                "--force", action="store_true", help="redo the step even if nothing it reads changed"
            )
    sub["run-notebooks"].add_argument("names", nargs="*", help="run only notebooks whose name contains one of these")
    sub["validate"].add_argument("--file", help="a CSV file of your own to validate instead of data/")
    sub["validate"].add_argument(
        "--table", choices=_table_names(), help="with --file: the table the file is shaped like (default: polls)"
    )
    sub["extract"].add_argument("folder", help="folder of UTF-8 .txt files")
    sub["extract"].add_argument("out", help="CSV file to write")
    agg = sub["aggregate"]
    agg.add_argument(
        "--polls",
        required=True,
        help="poll CSV with the poll table's columns (see analysis.models.aggregate_io.CSV_COLUMNS)",
    )
    agg.add_argument(
        "--question-type", "--question", dest="question", required=True, help="question_type, e.g. nato_referendum_vote"
    )
    agg.add_argument("--answer", required=True, help="answer, e.g. for")
    agg.add_argument("--base", required=True, help="all_respondents or referendum_participants")
    agg.add_argument("--geography", default="national", help="geography (default: national)")
    agg.add_argument(
        "--breaks",
        default=None,
        help="comma-separated break dates (ISO); default: the package's two, from its event table (period_breaks)",
    )
    agg.add_argument("--out", required=True, help="folder for the output tables")
    agg.add_argument(
        "--variance-per-regime",
        action="store_true",
        help="give each regime between the breaks a random-walk variance of its own (default: one for all)",
    )
    return parser


_CHECKOUT_STEPS = {"all", "build-data", "run-notebooks", "render", "validate"}
"""Commands that read or write the repository's folders (``data/raw/``, ``notebooks/``, ``site/``)."""


def _check_checkout(command: str, *, has_file: bool, raw: Path | None = None) -> None:
    """Refuse, in one line, a command that needs a source checkout when the package was installed
    without one (``validate --file`` checks a file of one's own and works anywhere).

    >>> _check_checkout("build-data", has_file=False, raw=Path("/nowhere/data/raw"))
    Traceback (most recent call last):
    ...
    analysis.errors.AnalysisError: build-data needs a source checkout of the repository (no /nowhere/data/raw here): an installed package loads the built tables with analysis.load_polls(), and `ukraine-nato validate --file FILE` checks a file of your own
    >>> _check_checkout("validate", has_file=True, raw=Path("/nowhere/data/raw"))
    """
    raw = paths.RAW if raw is None else raw
    if command in _CHECKOUT_STEPS and not (command == "validate" and has_file) and not raw.is_dir():
        raise AnalysisError(
            f"{command} needs a source checkout of the repository (no {raw} here): an installed package loads "
            "the built tables with analysis.load_polls(), and `ukraine-nato validate --file FILE` checks a file "
            "of your own"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ukraine-nato`` console script: returns the exit status (0 on success, 1
    when a step fails); argparse exits with status 2 on a wrong command line.

    >>> import contextlib, sys
    >>> with contextlib.redirect_stderr(sys.stdout):  # the error message goes to stderr
    ...     main(["validate", "--file", "no-such-file.csv"])
    [validate]
    error: 1 validation issue(s):
    no-such-file.csv: no such file
    1
    >>> try:
    ...     main(["no-such-command"])
    ... except SystemExit as exc:
    ...     print("exit status", exc.code)
    exit status 2
    """
    args = _parser().parse_args(argv)
    plan = {"all": ["build-data", "validate", "run-notebooks", "render"]}.get(args.command, [args.command])
    force = getattr(args, "force", False)
    try:
        _check_checkout(args.command, has_file=bool(getattr(args, "file", None)))
        for step in plan:
            started = time.perf_counter()
            _say(f"[{step}]")
            if step == "run-notebooks":
                run_notebooks(getattr(args, "names", []), force=force)
            elif step == "extract":
                extract_folder(args.folder, args.out)
            elif step == "validate" and getattr(args, "file", None):
                if validate_one(args.file, args.table or "polls"):
                    return 1
            elif step == "validate" and getattr(args, "table", None):
                raise AnalysisError("--table goes with --file; without --file every table of data/ is validated")
            elif step == "aggregate":
                aggregate(
                    args.polls,
                    args.question,
                    args.answer,
                    args.base,
                    args.geography,
                    args.breaks,
                    args.out,
                    args.variance_per_regime,
                )
            else:
                STEPS[step](force=force)
            _say(f"[{step}] done in {time.perf_counter() - started:.1f} s")
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
