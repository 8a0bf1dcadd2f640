"""The poll explorer page (analysis.report.explorer), tested in the rendered site: self-contained,
linked from the other pages, and every poll of the default view drawn in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.report import site
from tests.report._browser import CHROMIUM_FLAGS


def _chromium() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium); .ci/run installs it")
    return browser


def test_explorer_is_self_contained_and_linked(built: Path) -> None:
    page = (built / "explorer.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=[\"']?https?:", page), "a script is loaded from the network"
    assert 'id="explorer"' in page and "Plotly" in page
    assert "&lt;br&gt;" not in page and "face_to_face" not in page  # line breaks kept, modes in words
    assert "explorer.html" in (built / "index.html").read_text(encoding="utf-8")
    for book in site.notebooks():
        assert 'href="explorer.html"' in (built / f"{book.stem}.html").read_text(encoding="utf-8")


def test_explorer_renders_every_poll_of_the_default_view_without_errors(built: Path, tmp_path: Path) -> None:
    from analysis import load_polls, poll_series
    from analysis.report.explorer import DEFAULT_VIEW

    browser = _chromium()
    question, base, region = DEFAULT_VIEW
    expected = len(poll_series(load_polls(), question, "for", base, region))
    run = subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--virtual-time-budget=15000",
            "--dump-dom",
            (built / "explorer.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
    )
    dom = run.stdout
    assert re.search(r'<pre id="js-errors"></pre>', dom), re.search(r'id="js-errors">([^<]*)', dom).group(1)
    assert "Uncaught" not in run.stderr, [line for line in run.stderr.splitlines() if "Uncaught" in line]
    assert f'data-points="{expected}"' in dom
    assert len(re.findall(r'class="point plotly-customdata"', dom)) == expected  # dots drawn = polls
    assert f">{expected} polls<" in dom
