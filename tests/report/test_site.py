"""The rendered site, tested as a reader would use it: pages, links, images, and a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.report import site
from tests.report._browser import CHROMIUM_FLAGS


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "img" and a.get("src"):
            self.images.append(a["src"])


def test_every_page_exists(built: Path) -> None:
    expected = {"index.html", "codebook.html", "api.html"} | {f"{p.stem}.html" for p in site.notebooks()}
    assert expected <= {p.name for p in built.glob("*.html")}
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "Headline findings" in index and site.MAIN_CHART in index
    assert "parse_share" in (built / "api.html").read_text(encoding="utf-8")


def test_internal_links_resolve_and_images_exist(built: Path) -> None:
    for page in built.glob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            if re.match(r"^(https?:|mailto:|#)", href):
                continue
            target = href.split("#")[0]
            assert (built / target).is_file(), f"{page.name}: broken link {href}"
        for src in parser.images:
            if src.startswith("data:"):
                continue
            assert (built / src).is_file(), f"{page.name}: missing image {src}"


def test_landing_page_renders_in_a_real_browser(built: Path, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium); .ci/run installs it")
    shot = tmp_path / "index.png"
    subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1200,1600",
            f"--screenshot={shot}",
            (built / "index.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    import matplotlib.image

    pixels = matplotlib.image.imread(shot)
    assert pixels.shape[0] >= 1000 and pixels.shape[1] >= 1000
    assert pixels[..., :3].std() > 0.05, "the screenshot is blank"


def _cheap_page(path: Path, links=()) -> str:
    return f"<p>{path.name}</p>"


def _cheap_explorer(path: Path) -> Path:
    path.write_text("<p>explorer</p>", encoding="utf-8")
    return path


def test_only_changed_pages_are_rendered_again(built: Path, tmp_path: Path, monkeypatch) -> None:
    built = shutil.copytree(built, tmp_path / "site")  # a copy: the other tests read the real pages
    assert site.build(built) == []  # nothing changed since the fixture rendered it
    (built / "codebook.html").unlink()
    assert [p.name for p in site.build(built)] == ["codebook.html"]
    monkeypatch.setattr(site, "_notebook_html", _cheap_page)  # nbconvert itself is tested above; workers fork
    monkeypatch.setattr(site, "api_modules", list)
    monkeypatch.setattr(site, "_explorer", _cheap_explorer)
    assert len(site.build(built, force=True)) == len(site.notebooks()) + 4


# --------------------------------------------------------------------------- issue 15: navigation, API


def test_notebook_pages_link_home_previous_next_and_hide_nbval_markers(built: Path) -> None:
    books = site.notebooks()
    for i, book in enumerate(books):
        page = (built / f"{book.stem}.html").read_text(encoding="utf-8")
        assert 'href="index.html">Home<' in page
        if i > 0:
            assert f'href="{books[i - 1].stem}.html">← Previous' in page
        if i + 1 < len(books):
            assert f'href="{books[i + 1].stem}.html">Next' in page
        assert "NBVAL" not in page
        assert "white-space:pre-wrap" in page  # long code lines wrap instead of being clipped


def test_api_page_covers_every_public_module_as_html(built: Path) -> None:
    import analysis

    api = (built / "api.html").read_text(encoding="utf-8")
    modules = {"analysis.extract", "analysis.errors", "analysis.models.aggregate"}
    for module, names in analysis._PUBLIC.items():  # a public module-valued name is documented as that module
        modules |= {f"{module}.{n}" for n in names} if set(names) <= analysis._MODULES else {module}
    assert {"analysis.report.plots", "analysis.models.regional"} <= modules
    for module in modules:
        assert f"<h2 id='{module}'>" in api, module
    prose = re.sub(r"<pre>.*?</pre>", "", api, flags=re.S)
    assert not re.search(r":(?:func|class|mod|data):`", prose), "raw reST roles on the API page"
    assert "``" not in prose


def test_landing_findings_read_plainly(built: Path) -> None:
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "In plain words" in index
    assert not re.search(r"(?<![\d.])\b1 polls\b", index)
    for internal in ("level_2014", "nato_threat_protection", "nato_referendum_vote", "all_respondents"):
        assert internal not in index


def test_docstrings_become_html() -> None:
    html = site.docstring_html("See :func:`analysis.models.stats.wilson_interval` and ``n``.\n\n- one\n- two")
    assert "<code>wilson_interval</code>" in html and "<code>n</code>" in html and "<li>one</li>" in html
