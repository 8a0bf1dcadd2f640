"""Render the static site from jinja2 templates: executed notebooks, a landing page, the codebook, the API.

Plain ``nbconvert`` HTML plus pages from ``resources/templates/*.html.j2``: it installs from
the package registry alone and needs no download at build time (jupyter-book 2 needs Node
and fetches a theme; quarto's package downloads a binary). The site is written to ``site/``
(not committed):

- ``index.html``: the headline findings (the *Findings* cells of notebooks 02 and 03, as
  computed), the main chart, and a table of contents;
- one page per notebook (links between notebooks and to the codebook rewritten to the
  site's pages);
- ``codebook.html`` (``data/README.md``) and ``api.html`` (the public helpers' signatures
  and docstrings, whose examples run as doctests in the test suite);
- ``figures/``: every chart as PNG and SVG.

Each page is re-rendered only when what it is made from changed (content hashes in
``site/.stamps.json``); ``force=True`` renders everything.

>>> rewrite_links('<a href="../data/README.md">x</a> <a href="02-opinion-shift-2014.ipynb">y</a>')
'<a href="codebook.html">x</a> <a href="02-opinion-shift-2014.html">y</a>'
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from analysis import paths
from analysis.report.notebooks import notebooks
from analysis.report.stamps import LIBRARY, Stamps, digest

API_MODULES = (
    "analysis.text.shares",
    "analysis.text.dates",
    "analysis.text.names",
    "analysis.text.sentences",
    "analysis.text.seeds",
    "analysis.tables.load",
    "analysis.tables.checks",
    "analysis.build.data",
    "analysis.build.external",
    "analysis.build.audit",
    "analysis.models.series",
    "analysis.models.periods",
    "analysis.models.stats",
    "analysis.models.trends",
    "analysis.models.regions",
    "analysis.report.plots",
)
MAIN_CHART = "02-support-over-time.png"
TEMPLATES = paths.RESOURCES / "templates"


def rewrite_links(page: str) -> str:
    """Point links to the codebook and to other notebooks at the site's own pages."""
    page = re.sub(r'href="(?:\.\./)?data/README\.md"', 'href="codebook.html"', page)
    page = re.sub(r'href="(?:notebooks/)?(\d\d-[\w-]+)\.ipynb"', r'href="\1.html"', page)
    return page


def _environment():  # noqa: ANN202 - a jinja2 Environment
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True)


def _title(nb, fallback: str) -> str:  # noqa: ANN001 - a notebook node
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    return first.splitlines()[0].lstrip("# ").strip() if first else fallback


def findings(nb) -> str:  # noqa: ANN001 - a notebook node
    """The Markdown that a notebook's Findings cell displayed when it was executed."""
    texts = [
        o["data"]["text/markdown"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    ]
    return texts[-1] if texts else ""


def api_modules() -> list[dict]:
    """Each module of :data:`API_MODULES` with its docstring and public functions' signatures and docstrings."""
    modules = []
    for name in API_MODULES:
        module = importlib.import_module(name)
        functions = [
            {"name": fname, "signature": f"{fname}{inspect.signature(func)}", "doc": inspect.getdoc(func) or ""}
            for fname, func in inspect.getmembers(module, inspect.isfunction)
            if not fname.startswith("_") and func.__module__ == name
        ]
        modules.append({"name": name, "doc": inspect.getdoc(module) or "", "functions": functions})
    return modules


def _notebook_html(path: Path) -> str:
    """One notebook as an HTML page (nbconvert's ``lab`` template); run in a worker process."""
    import nbformat
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nbformat.read(path, as_version=4))
    return rewrite_links(body)


def build(out: Path | None = None, *, force: bool = False) -> list[Path]:
    """Render the site into ``out`` (default ``site/``); return the pages rendered (others were current)."""
    out = paths.SITE if out is None else Path(out)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(paths.FIGURES, out / "figures", dirs_exist_ok=True)
    stamps = Stamps(out / ".stamps.json")
    books = notebooks()
    pages = [("index.html", "Home"), *[(f"{p.stem}.html", p.stem) for p in books]]
    pages += [("codebook.html", "Codebook"), ("api.html", "API")]
    keys = {f"{p.stem}.html": digest(p) for p in books}
    keys["api.html"] = digest(LIBRARY)
    keys["codebook.html"] = digest(paths.DATA / "README.md", TEMPLATES)
    keys["index.html"] = digest(*books, TEMPLATES)
    stale = {name for name, key in keys.items() if force or not stamps.fresh(name, key) or not (out / name).is_file()}
    env = _environment()
    rendered: list[Path] = []
    if not stale:
        return rendered
    import mistune
    import nbformat

    stale_books = [p for p in books if f"{p.stem}.html" in stale]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        api = pool.submit(api_modules) if "api.html" in stale else None  # imports every module: run beside
        bodies = list(pool.map(_notebook_html, stale_books))
        api_list = api.result() if api is not None else None
    for path, body in zip(stale_books, bodies, strict=True):
        rendered.append(_write(out / f"{path.stem}.html", body))
    markdown = mistune.create_markdown(plugins=["table"])
    if "codebook.html" in stale:
        codebook = markdown((paths.DATA / "README.md").read_text(encoding="utf-8"))
        html = env.get_template("page.html.j2").render(title="Codebook", body=codebook, pages=pages)
        rendered.append(_write(out / "codebook.html", html))
    if api_list is not None:
        html = env.get_template("api.html.j2").render(title="API", modules=api_list, pages=pages)
        rendered.append(_write(out / "api.html", html))
    if "index.html" in stale:
        read = [(p, nbformat.read(p, as_version=4)) for p in books]
        html = env.get_template("index.html.j2").render(
            title="Ukrainian public opinion toward NATO",
            pages=pages,
            main_chart=MAIN_CHART,
            headline="".join(markdown(findings(nb)) for p, nb in read if p.name[:2] in {"02", "03"}),
            toc=[(f"{p.stem}.html", _title(nb, p.stem)) for p, nb in read],
        )
        rendered.append(_write(out / "index.html", html))
    for name in stale:
        stamps.record(name, keys[name])
    return rendered


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
