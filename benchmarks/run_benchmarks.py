"""Measure the package's performance against its targets, in one run; write benchmarks/RESULTS.md.

Run from the repository root with the project's environment (after ``make env``):

    .venv/bin/python benchmarks/run_benchmarks.py

Everything is measured in the same run on the same machine, so the ratios hold even when the
machine is slower or busier than usual:

1. the floor: three fresh kernels, one after another, that only import pandas, matplotlib and
   seaborn (the unavoidable start-up cost of the three notebooks);
2. the test suite: ``make test`` (lint, then pytest on every core, strict nbval included);
3. the main job, cold: ``make all`` with no stamps and no site (data build, validation, every
   notebook executed, every page rendered);
4. the main job again with nothing changed: ``make all`` (every step finds its inputs unchanged);
5. the floor and the test suite again with no bytecode read or written by any process (every module
   compiled from source in every process, as before ``make env`` compiled the dependencies);
6. loading the poll table (``load_polls``), and the normalisers (parse_share, parse_date,
   harmonise_region) on 10k, 100k and 1M synthetic rows.

Targets: tests <= 2 x floor; no-change rerun <= 0.35 x floor; 1M rows normalised in under 2 s.
This is a script, not a test: timings depend on the machine, so they are reported, not asserted.

``--tests-only`` measures the floor and ``make test`` alone (1 and 2, in that order), prints them
and their ratio, and leaves RESULTS.md as it is: for checking the suite's speed while working on it.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

import nbformat
import numpy as np
import pandas as pd
from nbconvert.preprocessors import ExecutePreprocessor

from analysis import harmonise_region, load_polls, parse_date, parse_share
from analysis.paths import ROOT

OUT = ROOT / "benchmarks" / "RESULTS.md"
ENV = os.environ | {"PYTHONHASHSEED": "0"}


def uncached_env(folder: str) -> dict[str, str]:
    """Environment in which no process reads or writes cached bytecode: every imported module, the
    standard library's included, is compiled from source in every process (``PYTHONPYCACHEPREFIX`` points
    at the empty ``folder``, where nothing is written)."""
    return {"PYTHONPYCACHEPREFIX": folder, "PYTHONDONTWRITEBYTECODE": "1"}


def timed(cmd: list[str], *, check: bool = True, env: dict[str, str] | None = None) -> float:
    """Wall seconds of one command run from the repository root (its output is not shown), with ``env``
    added to the environment.

    ``check=False``: a failing command is timed too, and its exit status printed."""
    start = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, env=ENV | (env or {}), check=check, capture_output=True)
    if run.returncode:
        print(f"{' '.join(cmd)} exited with status {run.returncode}")
    return time.perf_counter() - start


def floor(env: dict[str, str] | None = None) -> float:
    """Three fresh kernels that only import pandas, matplotlib and seaborn, one after another (the kernels
    started with ``env`` added to the environment)."""
    saved = os.environ.copy()
    os.environ.update(env or {})
    try:
        return _floor()
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _floor() -> float:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import pandas as pd\nimport matplotlib.pyplot as plt\nimport seaborn as sns")
    ]
    start = time.perf_counter()
    for _ in range(3):
        ExecutePreprocessor(timeout=600, kernel_name="python3", record_timing=False).preprocess(
            nbformat.from_dict(nb), {"metadata": {"path": str(ROOT / "notebooks")}}
        )
    return time.perf_counter() - start


def synthetic(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    shares = np.array(["37%", "approximately 50%", "over 69 percent", "47.3#", "20.6 percent", "up to 38.6%", "12,5 %"])
    dates = np.array(
        ["June 2014", "February 21, 2019", "2012", "13-16 December 2021", "August-September 2006", "2019-02"]
    )
    regions = np.array(["Western Ukraine", "Kiev city", "southern Ukraine", "East", "Donbas", "national", "Crimea"])
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


def load_average() -> str:
    """The machine's 1-minute load average: other processes competing for the cores show here."""
    return f"{os.getloadavg()[0]:.1f}"


def main() -> int:
    loads = {"floor": load_average()}
    the_floor = floor()
    loads["tests"] = load_average()
    only = "--tests-only" in sys.argv[1:]
    tests = timed(["make", "test"], check=not only)
    if only:
        print(
            f"floor {the_floor:.1f} s (load average {loads['floor']}); make test {tests:.1f} s (load average "
            f"{loads['tests']}); ratio {tests / the_floor:.2f}"
        )
        return 0
    shutil.rmtree(ROOT / ".stamps", ignore_errors=True)
    shutil.rmtree(ROOT / "site", ignore_errors=True)
    loads["cold"] = load_average()
    cold = timed(["make", "all"])
    loads["rerun"] = load_average()
    rerun = timed(["make", "all"])
    with tempfile.TemporaryDirectory() as empty:
        loads["floor_uncached"] = load_average()
        floor_uncached = floor(uncached_env(empty))
        loads["tests_uncached"] = load_average()
        tests_uncached = timed(["make", "test", "NOCACHE=1"], env=uncached_env(empty))
    load_polls()
    load = min(timed_call(load_polls) for _ in range(5))
    cpus = os.cpu_count()
    ratio = {"tests": tests / the_floor, "cold": cold / the_floor, "rerun": rerun / the_floor}
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {cpus} cores. Produced by "
        "`benchmarks/run_benchmarks.py`: every timing below is wall-clock seconds from one run of it, so the "
        "ratios compare like with like even on a busy machine.",
        "",
        "## Against the floor",
        "",
        f"Floor: three fresh kernels that only import pandas, matplotlib and seaborn, one after another: **{the_floor:.1f} s** "
        f"(load average {loads['floor']} when it started).",
        "",
        "| job | seconds | ratio to the floor | target | load average at start |",
        "|---|---|---|---|---|",
        f"| `make test` (ruff, then pytest on {cpus} cores incl. strict nbval) | {tests:.1f} | {ratio['tests']:.2f} | "
        f"<= 2: **{'met' if ratio['tests'] <= 2 else 'missed'}** | {loads['tests']} |",
        f"| `make all`, cold (no stamps, no site: build, validate, 3 notebooks, site) | {cold:.1f} | {ratio['cold']:.2f} | - "
        f"| {loads['cold']} |",
        f"| `make all`, nothing changed | {rerun:.1f} | {ratio['rerun']:.2f} | "
        f"<= 0.35: **{'met' if ratio['rerun'] <= 0.35 else 'missed'}** | {loads['rerun']} |",
        "",
        "The floor runs on one core; the test suite uses every core. A load average above 0 means other "
        "processes were competing for the cores: that slows the suite more than the floor.",
        "",
        "### With nothing cached",
        "",
        "`make env` installs the dependencies compiled to bytecode, and Python caches the package's own "
        "bytecode where it may. Where neither happens (an environment installed without compiled bytecode and "
        "run with `PYTHONDONTWRITEBYTECODE=1`, as when the suite's target was set), every process compiles every "
        "module it imports, and the floor is mostly that compiling. The same pair measured in this run with no "
        "bytecode read or written by any process:",
        "",
        "| job | seconds | ratio to this floor | load average at start |",
        "|---|---|---|---|",
        f"| floor, nothing cached | {floor_uncached:.1f} | 1.00 | {loads['floor_uncached']} |",
        f"| `make test`, nothing cached | {tests_uncached:.1f} | {tests_uncached / floor_uncached:.2f} | "
        f"{loads['tests_uncached']} |",
        "",
        f"`load_polls()` (typed read of data/polls.csv, no validation, no seeds): **{load * 1000:.1f} ms**.",
        "",
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


def timed_call(func) -> float:  # noqa: ANN001 - any callable
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
