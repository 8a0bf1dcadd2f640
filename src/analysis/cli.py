"""Command line: rebuild data, execute notebooks, render the site, validate data.

    ukraine-nato build-data            # data/ from seeds/ and data/raw/
    ukraine-nato run-notebooks [NAME]  # execute notebooks in place, in order
    ukraine-nato render                # HTML site in site/ (not committed)
    ukraine-nato validate              # load and validate every table
    ukraine-nato all                   # the four steps above, in that order
    ukraine-nato extract FOLDER OUT.csv  # NATO poll figures in FOLDER/*.txt (analysis.extract)

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


def execute_notebook(path: Path) -> float:
    """Execute one notebook in place in a fresh kernel, top to bottom; return the seconds taken.

    Raises :class:`AnalysisError` naming the notebook and the failing cell; the notebook file is
    then left as it was.
    """
    import nbformat
    from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor

    started = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    runner = ExecutePreprocessor(timeout=600, kernel_name="python3", record_timing=False)
    try:
        runner.preprocess(nb, {"metadata": {"path": str(path.parent)}})
    except CellExecutionError as exc:
        failed = next(
            (i for i, c in enumerate(nb.cells) if any(o.get("output_type") == "error" for o in c.get("outputs", []))),
            None,
        )
        raise AnalysisError(f"{path.name}: cell {failed} failed:\n{exc}") from None
    nbformat.write(nb, path)
    return time.perf_counter() - started


def run_notebooks(selected: Sequence[str] = ()) -> None:
    """Execute notebooks in place, each in its own process and kernel, as many at once as cores.

    Notebooks only read ``data/`` and write their own file and figures, so they are independent;
    progress is printed as each finishes, and the first failure is reported by name and cell.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed

    os.environ.setdefault("PYTHONHASHSEED", "0")
    paths = notebooks(selected)
    with ProcessPoolExecutor(max_workers=max(1, min(len(paths), os.cpu_count() or 1))) as pool:
        futures = {pool.submit(execute_notebook, p): p for p in paths}
        for future in as_completed(futures):
            _say(f"  {futures[future].name}: executed in {future.result():.1f} s")


def render_site() -> None:
    """Render the site (notebooks, landing page, codebook, API) into ``site/``."""
    from analysis.site import build

    for page in build():
        _say(f"  rendered {page.relative_to(SITE.parent)}")


def extract_folder(folder: str | Path, out: str | Path) -> Path:
    """Run :func:`analysis.extract.extract_batch` over every ``*.txt`` in ``folder``; write ``out``.

    ``doc_id`` is the file name. Files are read as UTF-8. Raises :class:`AnalysisError` if the
    folder is missing, holds no ``.txt`` file, or a file is not UTF-8 text.
    """
    import pandas as pd

    from analysis.extract import extract_batch

    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise AnalysisError(f"folder {folder} does not exist (or is not a folder)")
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise AnalysisError(f"no .txt files in {folder}")
    texts = []
    for path in files:
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise AnalysisError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    found = extract_batch(pd.DataFrame({"doc_id": [p.name for p in files], "text": texts}))
    out.parent.mkdir(parents=True, exist_ok=True)
    found.to_csv(out, index=False, lineterminator="\n")
    _say(f"  {len(found)} poll figure(s) from {len(files)} file(s) written to {out}")
    return out


STEPS = {
    "build-data": build_data,
    "validate": validate_data,
    "render": render_site,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ukraine-nato`` console script."""
    parser = argparse.ArgumentParser(prog="ukraine-nato", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=[*STEPS, "run-notebooks", "all", "extract"])
    parser.add_argument("names", nargs="*", help="notebook name parts (run-notebooks); FOLDER OUT.csv (extract)")
    args = parser.parse_args(argv)
    if args.command == "extract" and len(args.names) != 2:
        parser.error("extract needs two arguments: FOLDER OUT.csv")
    plan = {
        "all": ["build-data", "validate", "run-notebooks", "render"],
    }.get(args.command, [args.command])
    try:
        for step in plan:
            started = time.perf_counter()
            _say(f"[{step}]")
            if step == "run-notebooks":
                run_notebooks(args.names)
            elif step == "extract":
                extract_folder(*args.names)
            else:
                STEPS[step]()
            _say(f"[{step}] done in {time.perf_counter() - started:.1f} s")
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
