"""The rendered site, tested as a reader would use it: pages, links, images, and a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.report import site

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    site.build(out)
    return out


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


def _cheap_page(path: Path) -> str:
    return f"<p>{path.name}</p>"


def test_only_changed_pages_are_rendered_again(built: Path, monkeypatch) -> None:
    assert site.build(built) == []  # nothing changed since the fixture rendered it
    (built / "codebook.html").unlink()
    assert [p.name for p in site.build(built)] == ["codebook.html"]
    monkeypatch.setattr(site, "_notebook_html", _cheap_page)  # nbconvert itself is tested above; workers fork
    monkeypatch.setattr(site, "api_modules", list)
    assert len(site.build(built, force=True)) == len(site.notebooks()) + 3
