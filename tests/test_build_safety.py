"""Safe data builds: all-or-nothing writes, idempotent rebuilds, a manifest of data/, no
network, and faults (missing or altered seeds, an unwritable folder) that explain themselves.

Every build here writes into ``tmp_path``; the committed ``data/`` is only read.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import os
import re
import shutil
import socket
from pathlib import Path

import pytest

import analysis.build
from analysis import seeds
from analysis.build import MANIFEST, write_all
from analysis.errors import OutputError, SeedError
from analysis.io import load_table
from analysis.paths import DATA, SEEDS
from analysis.schema import SCHEMAS

BUILT = {f"{name}.csv" for name in SCHEMAS} | {"datapackage.json", "README.md"}
"""The files the build writes and the manifest lists."""


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones included), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _manifest_mismatches(folder: Path) -> list[str]:
    """What differs between ``folder``'s files and its MANIFEST.csv (empty: all as built)."""
    with open(folder / MANIFEST, newline="", encoding="utf-8") as fh:
        listed = {row["file"]: row for row in csv.DictReader(fh)}
    problems = [f"{name}: listed but missing" for name in sorted(set(listed) - {p.name for p in folder.iterdir()})]
    for p in sorted(folder.iterdir()):
        if p.is_dir() and p.name.startswith(".build-"):
            problems.append(f"{p.name}: left by an interrupted build (delete it)")
        if p.is_dir() or p.name == MANIFEST:
            continue
        row = listed.get(p.name)
        content = p.read_bytes()
        if row is None:
            problems.append(f"{p.name}: not made by the build (not in {MANIFEST})")
        elif hashlib.sha256(content).hexdigest() != row["sha256"] or len(content) != int(row["bytes"]):
            problems.append(f"{p.name}: changed since the build (sha256 or size differs from {MANIFEST})")
    return problems


def _assert_loadable(folder: Path) -> None:
    for name in SCHEMAS:
        assert load_table(folder / f"{name}.csv", name).rejected.empty


@pytest.fixture(scope="module")
def one_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    write_all(out)
    return out


@pytest.fixture
def built(one_build: Path, tmp_path: Path) -> Path:
    """A folder holding one complete build (the 'previous data/'), to write over."""
    return Path(shutil.copytree(one_build, tmp_path / "data"))


# --------------------------------------------------------------------------- the manifest


def test_committed_data_files_match_the_manifest() -> None:
    """A hand edit of data/ (or a file added by hand) is caught here: run `make data`."""
    assert _manifest_mismatches(DATA) == []
    with open(DATA / MANIFEST, newline="", encoding="utf-8") as fh:
        assert {row["file"] for row in csv.DictReader(fh)} == BUILT


def test_a_hand_edit_is_caught_by_the_manifest(tmp_path: Path) -> None:
    for name in [*BUILT, MANIFEST]:
        shutil.copy(DATA / name, tmp_path / name)
    with open(tmp_path / "events.csv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    (tmp_path / "notes.txt").write_text("scratch", encoding="utf-8")
    assert _manifest_mismatches(tmp_path) == [
        "events.csv: changed since the build (sha256 or size differs from MANIFEST.csv)",
        "notes.txt: not made by the build (not in MANIFEST.csv)",
    ]


# --------------------------------------------------------------------------- all-or-nothing writes


def test_rebuild_is_idempotent_and_reproduces_the_committed_manifest(built: Path) -> None:
    first = _snapshot(built)
    assert set(first) == BUILT | {MANIFEST}
    written = write_all(built)
    assert {p.name for p in written} == BUILT
    assert _snapshot(built) == first
    assert first[MANIFEST] == (DATA / MANIFEST).read_bytes()
    assert _manifest_mismatches(built) == []


@pytest.mark.parametrize("fail_at", ["write_table", "render"])
def test_failure_part_way_leaves_the_previous_data_intact(built: Path, monkeypatch, fail_at: str) -> None:
    """Fail after the first table is written (or at the codebook, after every table)."""
    before = _snapshot(built)
    original = {"write_table": analysis.build.write_table, "render": analysis.build.codebook.render}[fail_at]
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if fail_at == "render" or len(calls) == 2:
            raise RuntimeError("injected failure")
        return original(*args, **kwargs)

    if fail_at == "write_table":
        monkeypatch.setattr(analysis.build, "write_table", failing)
    else:
        monkeypatch.setattr(analysis.build.codebook, "render", failing)
    with pytest.raises(RuntimeError, match="injected failure"):
        write_all(built)
    assert calls, "the failure was not reached"
    assert _snapshot(built) == before  # same files, same bytes, no temporary folder left behind
    _assert_loadable(built)


def test_disk_full_while_writing_is_one_clear_error_and_changes_nothing(built: Path, monkeypatch) -> None:
    before = _snapshot(built)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(analysis.build, "write_table", full)
    with pytest.raises(
        OutputError, match=f"cannot write the data files to {re.escape(str(built))}: .*nothing there was changed"
    ):
        write_all(built)
    assert _snapshot(built) == before


def test_a_new_build_replaces_old_files_whole(built: Path) -> None:
    (built / "events.csv").write_text("stale\n", encoding="utf-8")
    write_all(built)
    assert (built / "events.csv").read_bytes() == (DATA / "events.csv").read_bytes()
    assert _manifest_mismatches(built) == []


# --------------------------------------------------------------------------- no network


def test_the_data_build_needs_no_network(tmp_path: Path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise OSError("network access attempted during the data build")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    written = write_all(tmp_path)
    assert {p.name for p in written} == BUILT
    _assert_loadable(tmp_path)


def test_a_notebook_runs_with_the_network_blocked(tmp_path: Path, monkeypatch) -> None:
    """Notebook 03's code, run in this process (a kernel would be another process, beyond a
    socket guard), with every socket refused: nothing it does may reach for the network."""
    import matplotlib
    import nbformat

    from analysis import paths, plots

    def refuse(*args, **kwargs):
        raise OSError("network access attempted by a notebook")

    matplotlib.use("Agg")
    monkeypatch.setattr(plots, "FIGURES", tmp_path)  # keep the committed figures untouched
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    nb = nbformat.read(paths.NOTEBOOKS / "03-regional-differences.ipynb", as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code" and not c.source.startswith("# NBVAL_IGNORE_OUTPUT")]
    namespace: dict = {}
    for source in code:
        lines = [line for line in source.splitlines() if not line.startswith("%")]  # IPython magics
        exec(compile("\n".join(lines), "notebook-03", "exec"), namespace)  # noqa: S102
    assert namespace["reweighted"]["difference"].abs().max() < 10
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".png", ".png", ".svg", ".svg"]


# --------------------------------------------------------------------------- faults explained


@pytest.fixture
def seed_copy(tmp_path: Path, monkeypatch) -> Path:
    """A writable copy of seeds/ that analysis.seeds reads instead (cache cleared around)."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    monkeypatch.setattr(seeds, "SEEDS", folder)
    seeds.read_seed.cache_clear()
    yield folder
    seeds.read_seed.cache_clear()


def test_missing_seed_stops_the_build_saying_how_to_restore_it(seed_copy: Path, built: Path) -> None:
    before = _snapshot(built)
    name = "002_18a2a5ab5df7844f.txt"
    (seed_copy / name).unlink()
    seeds.read_seed.cache_clear()  # as in a new process: the seed is read again
    with pytest.raises(SeedError, match=f"seed file .*{name} is missing: restore it from git"):
        write_all(built)
    assert _snapshot(built) == before


def test_altered_seed_stops_the_build_saying_how_to_restore_it(seed_copy: Path, built: Path) -> None:
    before = _snapshot(built)
    name = "000_60eda7383af66051.txt"
    with open(seed_copy / name, "ab") as fh:
        fh.write(b"\n")
    seeds.read_seed.cache_clear()
    with pytest.raises(SeedError, match=f"{name} was altered .*seeds are never edited; restore it with git"):
        write_all(built)
    assert _snapshot(built) == before


@pytest.mark.parametrize("kind", ["a file", "missing"])
def test_output_folder_that_is_not_a_folder_is_one_clear_error(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "out"
    if kind == "a file":
        target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutputError, match=f"cannot write to the output folder {re.escape(str(target))}: ") as err:
        write_all(target)
    assert isinstance(err.value, OSError)  # callers catching OSError still catch it
    assert err.value.__cause__ is None and err.value.__suppress_context__  # one error, not a chain


def test_output_folder_without_write_permission_is_one_clear_error(tmp_path: Path, monkeypatch) -> None:
    """Permission is simulated: as root (CI containers) a read-only mode bit does not stop writes."""

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(kwargs.get("dir")))

    monkeypatch.setattr(analysis.build.tempfile, "mkdtemp", denied)
    with pytest.raises(
        OutputError, match=f"cannot write to the output folder {re.escape(str(tmp_path))}: Permission denied"
    ):
        write_all(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores the mode bits")
def test_read_only_output_folder_is_one_clear_error(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OutputError, match=f"cannot write to the output folder {re.escape(str(tmp_path))}"):
            write_all(tmp_path)
    finally:
        tmp_path.chmod(0o700)
