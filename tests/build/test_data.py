"""The data build (analysis.build.data): reproducible and complete (every seed quote checkable:
tests/build/test_seed_rows.py, test_audit.py); safe writes (all-or-nothing, idempotent, a manifest
of data/), no network, and faults (missing or altered seeds, an unwritable folder) that explain
themselves.

``data/`` is built once per session (the ``built_data`` fixture, with every socket refused);
every build here writes into a temporary folder, and the committed ``data/`` is only read.
"""

from __future__ import annotations

import csv
import errno
import filecmp
import hashlib
import os
import re
import shutil
import socket
from pathlib import Path

import pandas as pd
import pytest

import analysis.build.data
from analysis.build.data import MANIFEST, write_all
from analysis.errors import DataValidationError, OutputError, SeedError
from analysis.paths import DATA, SEEDS
from analysis.tables.checks import validate_file
from analysis.tables.load import load_events
from analysis.tables.schema import SCHEMAS
from analysis.text import seeds

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
        assert validate_file(folder / f"{name}.csv", name).rejected.empty


@pytest.fixture
def built(built_data: Path, tmp_path: Path) -> Path:
    """A folder holding one complete build (the 'previous data/'), to write over."""
    return Path(shutil.copytree(built_data, tmp_path / "data"))


@pytest.fixture
def prebuilt(built_data: Path, monkeypatch) -> dict[str, str]:
    """``write_all`` writes the session's build instead of building again: for tests of the
    writing phase (the build itself is tested against the committed data)."""
    texts = {name: (built_data / f"{name}.csv").read_text(encoding="utf-8") for name in sorted(SCHEMAS)}
    monkeypatch.setattr(analysis.build.data, "build_tables", lambda raw_dir: None)
    monkeypatch.setattr(analysis.build.data, "render_tables", lambda tables: texts)
    return texts


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
    assert [p.name for p in written][-3:] == ["region_definitions.csv", "datapackage.json", "README.md"]
    assert _snapshot(built) == first
    assert first[MANIFEST] == (DATA / MANIFEST).read_bytes()
    assert _manifest_mismatches(built) == []


@pytest.mark.parametrize("fail_at", ["write_text", "render"])
def test_failure_part_way_leaves_the_previous_data_intact(built: Path, prebuilt, monkeypatch, fail_at: str) -> None:
    """Fail after the first table is written (or at the codebook, after every table)."""
    before = _snapshot(built)
    original = {"write_text": analysis.build.data.write_text, "render": analysis.build.data.describe.render}[fail_at]
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if fail_at == "render" or len(calls) == 2:
            raise RuntimeError("injected failure")
        return original(*args, **kwargs)

    if fail_at == "write_text":
        monkeypatch.setattr(analysis.build.data, "write_text", failing)
    else:
        monkeypatch.setattr(analysis.build.data.describe, "render", failing)
    with pytest.raises(RuntimeError, match="injected failure"):
        write_all(built)
    assert calls, "the failure was not reached"
    assert _snapshot(built) == before  # same files, same bytes, no temporary folder left behind
    _assert_loadable(built)


def test_a_table_that_fails_validation_stops_the_build_before_anything_is_written(
    built: Path, built_data: Path, monkeypatch
) -> None:
    """The one validation pass runs on every table in memory: one bad value and nothing is written."""
    tables = {n: pd.read_csv(built_data / f"{n}.csv", dtype="str", keep_default_na=False) for n in SCHEMAS}
    tables["population"].loc[0, "population"] = "-5"
    monkeypatch.setattr(analysis.build.data, "build_tables", lambda raw_dir: tables)
    before = _snapshot(built)
    with pytest.raises(
        DataValidationError, match=r"population.csv, row 1 \(line 2\), column 'population'.*below the minimum 1"
    ):
        write_all(built)
    assert _snapshot(built) == before


def test_disk_full_while_writing_is_one_clear_error_and_changes_nothing(built: Path, prebuilt, monkeypatch) -> None:
    before = _snapshot(built)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(analysis.build.data, "write_text", full)
    with pytest.raises(
        OutputError, match=f"cannot write the data files to {re.escape(str(built))}: .*nothing there was changed"
    ):
        write_all(built)
    assert _snapshot(built) == before


def test_a_new_build_replaces_old_files_whole(built: Path, prebuilt) -> None:
    (built / "events.csv").write_text("stale\n", encoding="utf-8")
    write_all(built)
    assert (built / "events.csv").read_bytes() == (DATA / "events.csv").read_bytes()
    assert _manifest_mismatches(built) == []


# --------------------------------------------------------------------------- no network


def test_the_network_guard_refuses_a_real_connection(network_guard) -> None:
    """Positive control of the guard the session build runs under (``built_data``): a local
    server accepts a connection without the guard, and the same attempt fails with it."""
    import urllib.request

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()  # reachable: the guard is what stops it
        with network_guard(), pytest.raises(OSError, match="network access attempted"):
            socket.create_connection(("127.0.0.1", port), timeout=5)
        with network_guard(), pytest.raises(OSError, match="network access attempted"):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)  # noqa: S310 - a local address
    finally:
        server.close()


def test_the_data_build_needs_no_network(built_data: Path) -> None:
    """The session's build (``built_data``) ran with every socket refused, and is complete and valid."""
    assert {p.name for p in built_data.iterdir()} == BUILT | {MANIFEST}
    _assert_loadable(built_data)


def test_notebook_kernels_refuse_the_network() -> None:
    """nbval runs every notebook (03's regional model and charts included) in a kernel that refuses
    every socket from its first cell (``PYTHONSTARTUP``: tests/conftest.py, tests/offline_kernel.py).
    Positive control: a kernel started as nbval starts it, in this process's environment, cannot
    reach a local server that this process reaches, even after a cell puts ``socket.socket`` back."""
    from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel

    from analysis import paths

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    kernel = None
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()  # reachable: the guard is what stops it
        kernel = RunningKernel(CURRENT_ENV_KERNEL_NAME, cwd=str(paths.NOTEBOOKS))

        def run(code: str) -> tuple[dict, list[str]]:
            outputs: list[dict] = []
            reply = kernel.kc.execute_interactive(code, store_history=False, output_hook=outputs.append, timeout=60)
            shown = [o["content"]["data"]["text/plain"] for o in outputs if o["msg_type"] == "execute_result"]
            return reply["content"], shown

        cells = [
            f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=5)",
            f"import urllib.request\nurllib.request.urlopen('http://127.0.0.1:{port}/', timeout=5)",
            f"socket.socket = socket.SocketType\nsocket.getaddrinfo('127.0.0.1', {port})",  # put back in this cell...
            f"socket.socket().connect(('127.0.0.1', {port}))",  # ...and refused again in the next
        ]
        for code in cells:
            reply, _ = run(code)
            assert reply["status"] == "error" and "network access attempted" in reply["evalue"], (code, reply)
        reply, shown = run("sorted(n for n in globals() if not n.startswith('_'))")
        assert reply["status"] == "ok"
        assert shown == [repr(["In", "Out", "exit", "get_ipython", "open", "quit", "socket", "urllib"])]
    finally:
        if kernel is not None:
            kernel.stop()
        server.close()


def test_the_stored_reweighting_check_of_notebook_03_stays_within_ten_points() -> None:
    """Notebook 03 rebuilds published shares from the regional ones; nbval compares the stored table
    with a fresh run, so every stored difference (rounded to 0.1) must be below 10 points."""
    import nbformat

    from analysis import paths

    nb = nbformat.read(paths.NOTEBOOKS / "03-regional-differences.ipynb", as_version=4)
    (cell,) = [
        c for c in nb.cells if c.cell_type == "code" and c.source.startswith("check = regional.reweighting_check")
    ]
    lines = cell.outputs[0]["data"]["text/plain"].splitlines()
    assert lines[0].split()[-1] == "difference" and len(lines) > 5
    assert max(abs(float(line.split()[-1])) for line in lines[1:]) < 9.95  # below 10 before rounding too


# --------------------------------------------------------------------------- faults explained


@pytest.fixture
def seed_copy(tmp_path: Path, monkeypatch) -> Path:
    """A writable copy of seeds/ that analysis.text.seeds reads instead (cache cleared around)."""
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

    monkeypatch.setattr(analysis.build.data.tempfile, "mkdtemp", denied)
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


# --------------------------------------------------------------------------- the tables built


def test_rebuild_reproduces_committed_data_byte_for_byte(built_data) -> None:
    written = [p for p in built_data.iterdir() if p.name != "MANIFEST.csv"]
    assert {p.name for p in written} == {
        "audit.csv",
        "disagreements.csv",
        "events.csv",
        "external_rejected.csv",
        "polls.csv",
        "population.csv",
        "region_definitions.csv",
        "presidencies.csv",
        "datapackage.json",
        "README.md",
    }
    for p in written:
        assert filecmp.cmp(p, DATA / p.name, shallow=False), f"{p.name} differs: run `make data`"


def test_events_cover_1992_to_the_invasion_with_known_categories() -> None:
    events = load_events()
    assert len(events) == 88  # 82 from the seeds, 6 from data/raw/external_events.csv
    external = events[events["flags"] == "external_source"]
    assert sorted(external["event_id"]) == [
        "ev-2014-yanukovych-removed",
        "ev-2022-mariupol-occupied",
        "ev-2022-sievierodonetsk-occupied",
        "ev-2023-vilnius-summit",
        "ev-2024-washington-summit",
        "ev-2025-istanbul-talks",
    ]
    assert external["source"].str.startswith("https://").all()
    assert events.set_index("event_id").loc["ev-2023-vilnius-summit", "date"] == pd.Timestamp("2023-07-11")
    assert events["date"].min() == pd.Timestamp("1975-01-01")
    assert events.set_index("event_id").loc["ev-2022-invasion", "date"] == pd.Timestamp("2022-02-24")
    assert events.set_index("event_id").loc["ev-2014-yanukovych-removed", "date"] == pd.Timestamp("2014-02-22")
    assert events.set_index("event_id").loc["ev-2022-mariupol-occupied", "date"] == pd.Timestamp("2022-05-20")
    assert events.set_index("event_id").loc["ev-2022-sievierodonetsk-occupied", "date"] == pd.Timestamp("2022-06-25")
    assert events.set_index("event_id").loc["ev-1992-relations", "date_precision"] == "year"
