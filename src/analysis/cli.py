"""Command line: rebuild data, execute notebooks, render the site, validate data.

    ukraine-nato build-data            # data/ from seeds/ and data/raw/
    ukraine-nato run-notebooks [NAME]  # execute notebooks in place, in order
    ukraine-nato render                # HTML site in site/ (not committed)
    ukraine-nato validate              # load and validate every table
    ukraine-nato all                   # the four steps above, in that order

Each step prints its progress and time; a failure prints one message naming what failed
(table, or notebook and cell) and exits with status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from analysis.errors import AnalysisError
from analysis.paths import DATA, NOTEBOOKS, SITE
from analysis.schema import SCHEMAS


def _say(message: str) -> None:
    print(message, flush=True)


def build_data() -> None:
    """Rebuild ``data/`` from the seeds and annotations."""
    from analysis.build import write_all

    for path in write_all():
        _say(f"  wrote {path.relative_to(DATA.parent)}")


def validate_data() -> None:
    """Load every table with full validation."""
    from analysis.io import load_table

    for name in sorted(SCHEMAS):
        rows = len(load_table(DATA / f"{name}.csv", name).data)
        _say(f"  {name}.csv: {rows} rows valid")


def notebooks(selected: Sequence[str] = ()) -> list[Path]:
    """Notebooks in reading order, optionally only those whose name contains a selector."""
    found = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    chosen = [p for p in found if not selected or any(s in p.name for s in selected)]
    if selected and not chosen:
        raise AnalysisError(f"no notebook matches {list(selected)}; have {[p.name for p in found]}")
    return chosen


def run_notebooks(selected: Sequence[str] = ()) -> None:
    """Execute notebooks in place in a fresh kernel each, top to bottom."""
    import nbformat
    from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor

    os.environ.setdefault("PYTHONHASHSEED", "0")
    for path in notebooks(selected):
        started = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        runner = ExecutePreprocessor(timeout=600, kernel_name="python3", record_timing=False)
        try:
            runner.preprocess(nb, {"metadata": {"path": str(path.parent)}})
        except CellExecutionError as exc:
            failed = next(
                (
                    i
                    for i, c in enumerate(nb.cells)
                    if any(o.get("output_type") == "error" for o in c.get("outputs", []))
                ),
                None,
            )
            raise AnalysisError(f"{path.name}: cell {failed} failed:\n{exc}") from None
        nbformat.write(nb, path)
        _say(f"  {path.name}: executed in {time.perf_counter() - started:.1f} s")


def render_site() -> None:
    """Render the site (notebooks, landing page, codebook, API) into ``site/``."""
    from analysis.site import build

    for page in build():
        _say(f"  rendered {page.relative_to(SITE.parent)}")


STEPS = {
    "build-data": build_data,
    "validate": validate_data,
    "render": render_site,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ukraine-nato`` console script."""
    parser = argparse.ArgumentParser(prog="ukraine-nato", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=[*STEPS, "run-notebooks", "all"])
    parser.add_argument("names", nargs="*", help="notebook name parts (run-notebooks only)")
    args = parser.parse_args(argv)
    plan = {
        "all": ["build-data", "validate", "run-notebooks", "render"],
    }.get(args.command, [args.command])
    try:
        for step in plan:
            started = time.perf_counter()
            _say(f"[{step}]")
            if step == "run-notebooks":
                run_notebooks(args.names)
            else:
                STEPS[step]()
            _say(f"[{step}] done in {time.perf_counter() - started:.1f} s")
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
