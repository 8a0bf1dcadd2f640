"""Shared fixtures: ``data/`` built once per session (with the network refused), and copies to corrupt."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from analysis.paths import DATA

# One BLAS thread per process: the suite already runs one process per core (pytest-xdist), and
# the workers' notebook kernels and subprocesses inherit this; a pool of BLAS threads in each
# would only compete for the same cores (a model fit took a third more CPU time with them).
# Set before anything imports numpy; an explicit setting is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# Every notebook kernel the tests start (nbval's for notebooks/*.ipynb, and those of the CLI and
# site tests) inherits this: tests/offline_kernel.py refuses every socket before each cell, so the
# notebooks are checked to run without the network (tests/build/test_data.py: the positive control).
os.environ["PYTHONSTARTUP"] = str(Path(__file__).with_name("offline_kernel.py"))


@contextmanager
def network_refused() -> Iterator[None]:
    """Every way of opening a socket raises ``OSError`` while inside."""

    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    with pytest.MonkeyPatch.context() as mp:
        for name in ("socket", "create_connection", "getaddrinfo"):
            mp.setattr(socket, name, refuse)
        yield


@pytest.fixture
def network_guard():  # noqa: ANN201 - the context manager
    """:func:`network_refused`, for tests to enter."""
    return network_refused


@pytest.fixture(scope="session")
def built_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One complete build of ``data/`` into a temporary folder, made with every socket refused.

    Read only: tests that write over a build copy it first (see ``tests/build``).
    """
    from analysis.build.data import write_all

    out = tmp_path_factory.mktemp("built-data")
    with network_refused():
        write_all(out)
    return out


@pytest.fixture
def polls_copy(tmp_path: Path) -> Path:
    """A writable copy of data/polls.csv."""
    target = tmp_path / "polls.csv"
    shutil.copy(DATA / "polls.csv", target)
    return target
