"""Measure the package's performance against its targets; write benchmarks/RESULTS.md.

Run from the repository root with the project's environment:

    .venv/bin/python benchmarks/run_benchmarks.py

It measures, in one run:

1. the main job (``ukraine-nato all``: data build, validation, notebooks, site), wall time;
2. each notebook's execution time against a floor: a fresh kernel that only imports pandas,
   matplotlib and seaborn (the unavoidable start-up cost of any notebook here);
3. the test suite (the README's test command), wall time;
4. the normalisers (parse_share, parse_date, harmonise_region) on 10k, 100k and 1M synthetic
   rows (rows/s, and whether cost grows linearly: time per row within 2x across sizes).

Targets: main job <= 1.5 x (sum of notebook floors + data build); 1M rows normalised in
under 2 s; test suite under 90 s on 2 cores. This is a script, not a test: timings depend on
the machine, so they are reported, not asserted.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
from nbconvert.preprocessors import ExecutePreprocessor

from analysis.normalise import harmonise_region, parse_date, parse_share
from analysis.paths import NOTEBOOKS, ROOT

OUT = ROOT / "benchmarks" / "RESULTS.md"
ENV = os.environ | {"PYTHONHASHSEED": "0"}
BIN = Path(sys.executable).parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def run_notebook(nb: nbformat.NotebookNode, folder: Path) -> float:
    start = time.perf_counter()
    ExecutePreprocessor(timeout=600, kernel_name="python3", record_timing=False).preprocess(
        nb, {"metadata": {"path": str(folder)}}
    )
    return time.perf_counter() - start


def floor_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import pandas as pd\nimport matplotlib.pyplot as plt\nimport seaborn as sns")
    ]
    return nb


def synthetic(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    shares = np.array(["37%", "approximately 50%", "over 69 percent", "47.3#", "20.6 percent", "up to 38.6%", "12,5 %"])
    dates = np.array(
        ["June 2014", "February 21, 2019", "2012", "13-16 December 2021", "August-September 2006", "2019-02"]
    )
    regions = np.array(["Western Ukraine", "Kiev", "southern Ukraine", "East", "Donbas", "national", "Crimea"])
    return pd.DataFrame(
        {
            "share": shares[rng.integers(0, len(shares), n)],
            "date": dates[rng.integers(0, len(dates), n)],
            "region": regions[rng.integers(0, len(regions), n)],
        }
    )


def normalise_all(df: pd.DataFrame) -> float:
    start = time.perf_counter()
    parse_share(df["share"])
    parse_date(df["date"])
    harmonise_region(df["region"])
    return time.perf_counter() - start


def main() -> int:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores. "
        "Produced by `benchmarks/run_benchmarks.py`; timings are wall-clock seconds of one run.",
        "",
    ]
    build = timed([str(BIN / "ukraine-nato"), "build-data"])
    floors, runs = {}, {}
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        floors[path.name] = run_notebook(floor_notebook(), NOTEBOOKS)
        runs[path.name] = run_notebook(nbformat.read(path, as_version=4), NOTEBOOKS)
    main_job = timed([str(BIN / "ukraine-nato"), "all"])
    target = 1.5 * (sum(floors.values()) + build)
    lines += [
        "## Main job",
        "",
        f"`ukraine-nato all`: **{main_job:.1f} s**; data build alone {build:.1f} s. Target: <= 1.5 x (sum of notebook floors "
        f"+ data build) = {target:.1f} s: **{'met' if main_job <= target else 'missed'}**.",
        "",
        "| notebook | execution (s) | floor (s) | ratio |",
        "|---|---|---|---|",
        *[f"| {n} | {runs[n]:.1f} | {floors[n]:.1f} | {runs[n] / floors[n]:.1f} |" for n in runs],
        "",
    ]
    tests = timed([str(BIN / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"])
    lines += [
        "## Test suite",
        "",
        f"`make test` (pytest): **{tests:.1f} s**. Target < 90 s: **{'met' if tests < 90 else 'missed'}**.",
        "",
    ]
    lines += [
        "## Normalisers (parse_share + parse_date + harmonise_region)",
        "",
        "| rows | seconds | rows/s | s per million rows |",
        "|---|---|---|---|",
    ]
    per_row = {}
    for n in (10_000, 100_000, 1_000_000):
        df = synthetic(n)
        normalise_all(df.head(1000))  # warm caches
        seconds = min(normalise_all(df) for _ in range(3))
        per_row[n] = seconds / n
        lines.append(f"| {n:,} | {seconds:.3f} | {n / seconds:,.0f} | {seconds / n * 1e6:.2f} |")
    linear = max(per_row.values()) / min(per_row.values()) <= 2
    million = per_row[1_000_000] * 1_000_000
    lines += [
        "",
        f"1M rows in **{million:.2f} s** (target < 2 s: **{'met' if million < 2 else 'missed'}**); time per row varies "
        f"{max(per_row.values()) / min(per_row.values()):.2f}x across sizes (linear growth: **{'yes' if linear else 'no'}**).",
        "",
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
