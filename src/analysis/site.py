"""Render the static site: executed notebooks, a landing page, the codebook and the API.

Plain ``nbconvert`` HTML plus pages written here: it installs from the package registry
alone and needs no download at build time (jupyter-book 2 needs Node and fetches a theme;
quarto's package downloads a binary). The site is written to ``site/`` (not committed):

- ``index.html``: the headline findings (the *Findings* cells of notebooks 02 and 03, as
  computed), the main chart, and a table of contents;
- one page per notebook (links between notebooks and to the codebook rewritten to the
  site's pages);
- ``codebook.html`` (``data/README.md``) and ``api.html`` (the public helpers' signatures
  and docstrings, whose examples run as doctests in the test suite);
- ``figures/``: every chart as PNG and SVG.

>>> from analysis.site import rewrite_links
>>> rewrite_links('<a href="../data/README.md">x</a> <a href="02-opinion-shift-2014.ipynb">y</a>')
'<a href="codebook.html">x</a> <a href="02-opinion-shift-2014.html">y</a>'
"""

from __future__ import annotations

import html
import importlib
import inspect
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import mistune
import nbformat

from analysis.paths import DATA, FIGURES, NOTEBOOKS, SITE

API_MODULES = (
    "analysis.normalise",
    "analysis.seeds",
    "analysis.io",
    "analysis.external",
    "analysis.periods",
    "analysis.stats",
    "analysis.models",
    "analysis.regions",
    "analysis.audit",
    "analysis.plots",
)
MAIN_CHART = "02-support-over-time.png"
_STYLE = (
    "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
    "img{max-width:100%}pre{background:#f5f5f5;padding:.6rem;overflow-x:auto}code{font-size:.9em}"
    "nav a{margin-right:1rem}</style>"
)


def rewrite_links(page: str) -> str:
    """Point links to the codebook and to other notebooks at the site's own pages."""
    page = re.sub(r'href="(?:\.\./)?data/README\.md"', 'href="codebook.html"', page)
    page = re.sub(r'href="(?:notebooks/)?(\d\d-[\w-]+)\.ipynb"', r'href="\1.html"', page)
    return page


def _page(title: str, body: str, pages: list[tuple[str, str]]) -> str:
    nav = "".join(f'<a href="{href}">{html.escape(name)}</a>' for href, name in pages)
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>{_STYLE}"
        f"</head><body><nav>{nav}</nav>{body}</body></html>\n"
    )


def notebooks() -> list[Path]:
    """The numbered notebooks in reading order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    return first.splitlines()[0].lstrip("# ").strip() if first else fallback


def findings(nb: nbformat.NotebookNode) -> str:
    """The Markdown that a notebook's Findings cell displayed when it was executed."""
    texts = [
        o["data"]["text/markdown"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    ]
    return texts[-1] if texts else ""


def api_page() -> str:
    """HTML listing each public function of :data:`API_MODULES` with signature and docstring."""
    parts = [
        "<h1>API: the public helpers</h1><p>Examples in the docstrings run as doctests (<code>make test</code>).</p>"
    ]
    for name in API_MODULES:
        module = importlib.import_module(name)
        parts.append(f"<h2 id='{name}'>{name}</h2><pre>{html.escape(inspect.getdoc(module) or '')}</pre>")
        for fname, func in inspect.getmembers(module, inspect.isfunction):
            if fname.startswith("_") or func.__module__ != name:
                continue
            signature = html.escape(f"{fname}{inspect.signature(func)}")
            parts.append(
                f"<h3 id='{name}.{fname}'><code>{signature}</code></h3><pre>{html.escape(inspect.getdoc(func) or '')}</pre>"
            )
    return "\n".join(parts)


def _notebook_html(path: Path) -> str:
    """One notebook as an HTML page (nbconvert's ``lab`` template); run in a worker process."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nbformat.read(path, as_version=4))
    return body


def build(out: Path = SITE) -> list[Path]:
    """Render the whole site into ``out`` and return the pages written (notebooks in parallel)."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(FIGURES, out / "figures", dirs_exist_ok=True)
    books = [(p, nbformat.read(p, as_version=4)) for p in notebooks()]
    pages = (
        [("index.html", "Home")]
        + [(f"{p.stem}.html", p.stem) for p, _ in books]
        + [
            ("codebook.html", "Codebook"),
            ("api.html", "API"),
        ]
    )
    written = []
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        api = pool.submit(api_page)  # imports every module: slow, so run beside the notebooks
        bodies = list(pool.map(_notebook_html, [p for p, _ in books]))
        api_html = api.result()
    for (path, _), body in zip(books, bodies, strict=True):
        target = out / f"{path.stem}.html"
        target.write_text(rewrite_links(body), encoding="utf-8")
        written.append(target)
    markdown = mistune.create_markdown(plugins=["table"])
    codebook = markdown((DATA / "README.md").read_text(encoding="utf-8"))
    (out / "codebook.html").write_text(_page("Codebook", codebook, pages), encoding="utf-8")
    (out / "api.html").write_text(_page("API", api_html, pages), encoding="utf-8")
    toc = "".join(f'<li><a href="{p.stem}.html">{html.escape(_title(nb, p.stem))}</a></li>' for p, nb in books)
    headline = "".join(markdown(findings(nb)) for p, nb in books if p.name[:2] in {"02", "03"})
    index = (
        "<h1>Ukrainian public opinion toward NATO</h1>"
        "<p>Sourced poll and event tables, an analysis library and executed notebooks. Every number below is computed"
        " in the notebooks from <code>data/</code>; every poll row cites its source.</p>"
        f"<img src='figures/{MAIN_CHART}' alt='Support for joining NATO over time: polls, poll average, events and periods'>"
        f"<h2>Headline findings</h2>{headline}<h2>Notebooks</h2><ol>{toc}</ol>"
        "<p>Data: <a href='codebook.html'>codebook</a>. Reuse: <a href='api.html'>API of the helpers</a>.</p>"
    )
    (out / "index.html").write_text(_page("Ukrainian public opinion toward NATO", index, pages), encoding="utf-8")
    return [out / "index.html", *written, out / "codebook.html", out / "api.html"]
