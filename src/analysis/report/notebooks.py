"""Execute the notebooks in place, each in a fresh kernel, only when something they read changed.

A notebook is re-executed when the notebook itself, the data it reads (the built tables of
``data/``) or the library (``src/analysis``) changed since it was last executed here; the
content hashes are kept in ``.stamps/notebooks.json`` (not committed). ``force=True`` executes
every selected notebook.

>>> [p.name for p in notebooks(["02"])]
['02-opinion-shift-2014.ipynb']
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import paths
from analysis.errors import AnalysisError
from analysis.report.stamps import LIBRARY, Stamps, digest

if TYPE_CHECKING:
    from nbformat import NotebookNode
    from traitlets.config import Config


def notebooks(selected: Sequence[str] = (), folder: Path | None = None) -> list[Path]:
    """Numbered notebooks in reading order, optionally only those whose name contains a selector.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("02-b.ipynb", "01-a.ipynb", "notes.ipynb"):
    ...     _ = (folder / name).write_text("{}")
    >>> [p.name for p in notebooks(folder=folder)], [p.name for p in notebooks(["02"], folder)]
    (['01-a.ipynb', '02-b.ipynb'], ['02-b.ipynb'])
    >>> notebooks(["99"], folder)
    Traceback (most recent call last):
    analysis.errors.AnalysisError: no notebook matches ['99']; have ['01-a.ipynb', '02-b.ipynb']
    """
    found = sorted((folder or paths.NOTEBOOKS).glob("[0-9][0-9]-*.ipynb"))
    chosen = [p for p in found if not selected or any(s in p.name for s in selected)]
    if selected and not chosen:
        raise AnalysisError(f"no notebook matches {list(selected)}; have {[p.name for p in found]}")
    return chosen


def execute_notebook(path: Path) -> float:
    """Execute one notebook in place in a fresh kernel, top to bottom; return the seconds taken.

    The kernel talks to this process over local IPC sockets (``KernelManager.transport = "ipc"``),
    not TCP, so it starts silently (no "running over TCP without encryption" warning) and no
    port is opened. Raises :class:`AnalysisError` naming the notebook and the failing cell by
    the number the rendered page shows (``In [n]``); the notebook file is then left as it was.

    Not run as a test: starting a kernel takes one to two seconds.

    >>> import tempfile, nbformat
    >>> path = Path(tempfile.mkdtemp()) / "01-sum.ipynb"
    >>> nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), path)
    >>> execute_notebook(path) < 60  # doctest: +SKIP
    True
    >>> nbformat.read(path, as_version=4).cells[0].outputs[0]["data"]["text/plain"]  # doctest: +SKIP
    '2'
    """
    import nbformat
    from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor

    started = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="analysis-kernel-") as sockets:
        config = kernel_config(Path(sockets))
        runner = ExecutePreprocessor(timeout=600, kernel_name="python3", record_timing=False, config=config)
        try:
            runner.preprocess(nb, {"metadata": {"path": str(path.parent)}})
        except CellExecutionError as exc:
            raise AnalysisError(f"{path.name}: {failed_cell(nb)} failed:\n{exc}") from None
    nbformat.write(nb, path)
    return time.perf_counter() - started


def kernel_config(sockets: Path) -> Config:
    """Kernel manager settings: local IPC sockets in the folder ``sockets`` instead of TCP (silent,
    no open port). The path is absolute because the kernel runs in the notebook's folder.

    >>> config = kernel_config(Path("sockets"))
    >>> ip = Path(config.KernelManager.ip)
    >>> config.KernelManager.transport, ip.is_absolute(), ip.parent.name, ip.name
    ('ipc', True, 'sockets', 'kernel')
    """
    from traitlets.config import Config

    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(sockets.resolve() / "kernel")
    return config


def failed_cell(nb: NotebookNode) -> str:
    """The first cell with an error, as the page shows it: ``In [n]`` (its execution count), and
    its position among the code cells.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# t"),
    ...     nbformat.v4.new_code_cell("1", execution_count=1),
    ...     nbformat.v4.new_code_cell("x", execution_count=2, outputs=[nbformat.v4.new_output("error",
    ...         ename="NameError", evalue="x", traceback=[])])])
    >>> failed_cell(nb)
    'In [2] (code cell 2 of 2)'
    """
    code = [c for c in nb.cells if c.cell_type == "code"]
    for i, cell in enumerate(code, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            count = cell.get("execution_count")
            shown = f"In [{count}]" if count is not None else "a cell"
            return f"{shown} (code cell {i} of {len(code)})"
    return "a cell"


def inputs_digest(path: Path) -> str:
    """Hash of what a notebook's outputs depend on: itself, the built tables, the library.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "01-a.ipynb"
    >>> _ = path.write_text("{}")
    >>> before = inputs_digest(path)
    >>> _ = path.write_text('{"cells": []}')
    >>> len(before), inputs_digest(path) == before  # the notebook changed: it must run again
    (64, False)
    """
    return digest(path, *sorted(paths.DATA.glob("*.csv")), LIBRARY)


def run_notebooks(
    selected: Sequence[str] = (), *, force: bool = False, say: Callable[[str], None] = print, folder: Path | None = None
) -> list[Path]:
    """Execute the selected notebooks whose inputs changed (all with ``force``), as many at once
    as cores; return those executed. Each runs in its own process and kernel: notebooks only read
    ``data/`` and write their own file and figures, so they are independent. The first failure
    is reported by name and cell.

    A folder without notebooks has nothing to run; a selector that matches none is an error:

    >>> import tempfile
    >>> empty = Path(tempfile.mkdtemp())
    >>> run_notebooks(folder=empty)
    []
    >>> run_notebooks(["02"], folder=empty)
    Traceback (most recent call last):
    analysis.errors.AnalysisError: no notebook matches ['02']; have []

    On the project's notebooks (not run as a test: it may execute them, minutes):

    >>> run_notebooks(["02"])  # doctest: +SKIP
      02-opinion-shift-2014.ipynb: unchanged (notebook, data and library as when last executed)
    []
    """
    os.environ.setdefault("PYTHONHASHSEED", "0")
    # the kernels run side by side, one per core: a pool of BLAS threads in each would only compete for the same
    # cores (the model fits limit themselves already, :mod:`analysis.models.blas`; this covers the rest of a notebook)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    stamps = Stamps(paths.ROOT / ".stamps" / "notebooks.json")
    chosen = notebooks(selected, folder)
    stale = [p for p in chosen if force or not stamps.fresh(str(p), inputs_digest(p))]
    for p in chosen:
        if p not in stale:
            say(f"  {p.name}: unchanged (notebook, data and library as when last executed)")
    if not stale:
        return []
    import nbconvert.preprocessors  # noqa: F401 - imported once here: workers forked after it share it instead of each importing it

    with ProcessPoolExecutor(max_workers=max(1, min(len(stale), os.cpu_count() or 1))) as pool:
        futures = {pool.submit(execute_notebook, p): p for p in stale}
        for future in as_completed(futures):
            path = futures[future]
            say(f"  {path.name}: executed in {future.result():.1f} s")
            stamps.record(str(path), inputs_digest(path))
    return stale
