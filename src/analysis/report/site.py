"""Render the static site from jinja2 templates: executed notebooks, a landing page, the codebook, the API.

Plain ``nbconvert`` HTML plus pages from ``resources/templates/*.html.j2``: it installs from
the package registry alone and needs no download at build time (jupyter-book 2 needs Node
and fetches a theme; quarto's package downloads a binary). The site is written to ``site/``
(not committed):

- ``index.html``: the headline findings (the *Findings* cells of notebooks 02 and 03, as
  computed), the main chart, and a table of contents;
- one page per notebook (links between notebooks and to the codebook rewritten to the
  site's pages);
- ``explorer.html``: every poll as a point, filters, the aggregator's line (:mod:`analysis.report.explorer`);
- ``codebook.html`` (``data/README.md``) and ``api.html`` (every public module: signatures and
  docstrings rendered to HTML, whose examples run as doctests in the test suite);
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
from typing import TYPE_CHECKING

from analysis import paths
from analysis.report.notebooks import notebooks
from analysis.report.stamps import LIBRARY, Stamps, digest
from analysis.tables.schema import QUESTIONS

if TYPE_CHECKING:
    from nbformat import NotebookNode


def _api_modules() -> tuple[str, ...]:
    """Every module of the public API (``analysis._PUBLIC``, listed once there), then the other
    modules a reader of the API page needs."""
    import analysis

    public = [
        name
        for module, names in analysis._PUBLIC.items()
        for name in ([f"{module}.{n}" for n in names] if set(names) <= analysis._MODULES else [module])
    ]
    more = [
        "analysis.tables.describe",
        "analysis.build.external",
        "analysis.build.identity",
        "analysis.models.provenance",
        "analysis.models.regional_rows",
        "analysis.models.regional_tables",
        "analysis.models.regional_sensitivity",
        "analysis.extract",
        "analysis.report.explorer",
        "analysis.report.site",
        "analysis.cli",
    ]
    return tuple(dict.fromkeys(["analysis", *public, *more]))


API_MODULES = _api_modules()
"""Every public module (a test checks that each module named in ``analysis._PUBLIC`` is here)."""
MAIN_CHART = "02-support-over-time.png"
TEMPLATES = paths.RESOURCES / "templates"


def docstring_html(doc: str) -> str:
    """A docstring (reST as this package writes it) as HTML: doctest examples and literal blocks as
    code, double-backquoted literals and Sphinx roles as inline code, bullets as lists.

    >>> docstring_html("Use :func:`~analysis.load_polls` and ``x``.").strip()
    '<p>Use <code>load_polls</code> and <code>x</code>.</p>'
    """
    import mistune

    lines, out, in_code = doc.splitlines(), [], False
    for i, line in enumerate(lines):
        starts = line.lstrip().startswith(">>>")
        if starts and not in_code:
            out.append("```python")
            in_code = True
        elif in_code and not line.strip():
            out.append("```")
            in_code = False
        out.append(line if in_code else _rest_inline(line))
        if in_code and i == len(lines) - 1:
            out.append("```")
    text = "\n".join(out)
    text = re.sub(r"::\n\n((?:    .*\n?|\n)+)", lambda m: ":\n\n```\n" + _dedent(m.group(1)) + "```\n", text)
    return mistune.create_markdown(escape=True, plugins=["table"])(text)


def _dedent(block: str) -> str:
    import textwrap

    return textwrap.dedent(block).strip("\n") + "\n"


def _rest_inline(line: str) -> str:
    line = re.sub(
        r":(?:func|class|mod|meth|data|attr|exc):`~?([\w.]+)`", lambda m: f"`{m.group(1).split('.')[-1]}`", line
    )
    return re.sub(r"``(.+?)``", r"`\1`", line)


GLOSSARY = {
    **QUESTIONS["plain_phrase"],
    "all_respondents": "all respondents",
    "referendum_participants": "those who would vote",
    "level_2014": "level change at 2014",
    "level_2022": "level change at February 2022",
}
"""Internal names and their plain wording, for pages read by non-specialists."""


def plain(markdown: str) -> str:
    """Findings for a general reader: internal names in plain words, singular after 1.

    >>> plain("25.0 points (1 polls); nato_threat_protection")
    '25.0 points (1 poll); NATO seen as a threat or as protection'
    """
    for name, words in GLOSSARY.items():
        markdown = re.sub(rf"`?\b{name}\b`?", words, markdown)
    return re.sub(r"(?<![\d.,])\b1 (poll|figure|source|point)s\b", r"1 \1", markdown)


def rewrite_links(page: str) -> str:
    """Point links to the codebook and to other notebooks at the site's own pages.

    >>> rewrite_links('<a href="notebooks/03-regional-differences.ipynb">3</a> <a href="https://kiis.com.ua">x</a>')
    '<a href="03-regional-differences.html">3</a> <a href="https://kiis.com.ua">x</a>'
    """
    page = re.sub(r'href="(?:\.\./)?data/README\.md"', 'href="codebook.html"', page)
    page = re.sub(r'href="(?:notebooks/)?(\d\d-[\w-]+)\.ipynb"', r'href="\1.html"', page)
    return page


def _environment():  # noqa: ANN202 - a jinja2 Environment
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True)


def _title(nb, fallback: str) -> str:  # noqa: ANN001 - a notebook node
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    return first.splitlines()[0].lstrip("# ").strip() if first else fallback


def findings(nb: NotebookNode) -> str:
    """The Markdown that a notebook's Findings cell displayed when it was executed (the last
    Markdown output of a code cell; ``""`` if there is none).

    >>> import nbformat
    >>> shown = nbformat.v4.new_output("display_data", data={"text/markdown": "Support **rose**."})
    >>> findings(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("show()", outputs=[shown])]))
    'Support **rose**.'
    >>> findings(nbformat.v4.new_notebook())
    ''
    """
    texts = [
        o["data"]["text/markdown"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    ]
    return texts[-1] if texts else ""


def api_modules() -> list[dict]:
    """Each module of :data:`API_MODULES` with its docstring and public functions' signatures and docstrings.

    Not run as a test: it imports every public module (seconds on a fresh interpreter).

    >>> API_MODULES[:2]
    ('analysis', 'analysis.errors')
    >>> errors = api_modules()[1]  # doctest: +SKIP
    >>> errors["name"], [f["name"] for f in errors["functions"]][:3]  # doctest: +SKIP
    ('analysis.errors', ['AnalysisError', 'DataValidationError', 'Issue'])
    """
    modules = []
    for name in API_MODULES:
        module = importlib.import_module(name)
        functions = [
            {
                "name": fname,
                "signature": _signature(fname, func),
                "doc": docstring_html(inspect.getdoc(func) or ""),
            }
            for fname, func in inspect.getmembers(module, lambda f: inspect.isfunction(f) or inspect.isclass(f))
            if not fname.startswith("_") and getattr(func, "__module__", "") == name
        ]
        modules.append({"name": name, "doc": docstring_html(inspect.getdoc(module) or ""), "functions": functions})
    return modules


NOTEBOOK_CSS = (
    "<style>.site-nav{font-family:system-ui,sans-serif;padding:.6rem 1rem;border-bottom:1px solid #ddd}"
    ".site-nav a{margin-right:1.2rem}"
    ".jp-InputArea-editor pre,.jp-OutputArea-output pre,.highlight pre{white-space:pre-wrap;overflow-wrap:anywhere}</style>"
)
"""Notebook pages: the site's navigation, and code and output wrapped instead of clipped."""


def _nav(links: list[tuple[str, str]]) -> str:
    return "<nav class='site-nav'>" + "".join(f'<a href="{h}">{t}</a>' for h, t in links) + "</nav>"


def _signature(name: str, obj: object) -> str:
    try:
        return f"{'class ' if inspect.isclass(obj) else ''}{name}{inspect.signature(obj)}"
    except (TypeError, ValueError):  # exception classes and other builtins without a signature
        return f"class {name}" if inspect.isclass(obj) else name


def _notebook_html(path: Path, links: tuple[tuple[str, str], ...] = ()) -> str:
    """One notebook as an HTML page (nbconvert's ``lab`` template) with the site's navigation;
    nbval markers (``# NBVAL_IGNORE_OUTPUT``) are left out of the code shown. Run in a worker process."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = re.sub(r"^[ \t]*# NBVAL_\w+[^\n]*\n?", "", cell.source, flags=re.M)
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    nav = _nav(list(links))
    body = body.replace("</head>", NOTEBOOK_CSS + "</head>", 1)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav, body, count=1)
    body = body.replace("</body>", nav + "</body>", 1)
    return rewrite_links(body)


def notebook_links(books: list[Path], i: int) -> tuple[tuple[str, str], ...]:
    """Home, previous and next notebook, the explorer, the codebook and the API, for notebook ``i``.

    >>> books = [Path("01-a.ipynb"), Path("02-b.ipynb")]
    >>> notebook_links(books, 1)[:3]  # the last notebook's "next" is the explorer
    (('index.html', 'Home'), ('01-a.html', '← Previous: 01-a'), ('explorer.html', 'Next: poll explorer →'))
    """
    links = [("index.html", "Home")]
    links.append(
        (f"{books[i - 1].stem}.html", f"← Previous: {books[i - 1].stem}")
        if i > 0
        else ("index.html", "← Previous: Home")
    )
    links.append(
        (f"{books[i + 1].stem}.html", f"Next: {books[i + 1].stem} →")
        if i + 1 < len(books)
        else ("explorer.html", "Next: poll explorer →")
    )
    links += [("explorer.html", "Poll explorer"), ("codebook.html", "Codebook"), ("api.html", "API")]
    return tuple(links)


def build(out: Path | None = None, *, force: bool = False) -> list[Path]:
    """Render the site into ``out`` (default ``site/``); return the pages rendered (others were current).

    Not run as a test: it renders every notebook and the explorer (about ten seconds).

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> sorted(p.name for p in build(out))  # doctest: +SKIP
    ['01-data-and-provenance.html', '02-opinion-shift-2014.html', '03-regional-differences.html',
     'api.html', 'codebook.html', 'explorer.html', 'index.html']
    >>> build(out)  # doctest: +SKIP
    []
    """
    out = paths.SITE if out is None else Path(out)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(paths.FIGURES, out / "figures", dirs_exist_ok=True)
    stamps = Stamps(out / ".stamps.json")
    books = notebooks()
    pages = [("index.html", "Home"), *[(f"{p.stem}.html", p.stem) for p in books]]
    pages += [("explorer.html", "Poll explorer"), ("codebook.html", "Codebook"), ("api.html", "API")]
    keys = {f"{p.stem}.html": digest(p, TEMPLATES) for p in books}
    keys["explorer.html"] = digest(*sorted(paths.DATA.glob("*.csv")), LIBRARY)
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
    if stale_books:
        import nbconvert  # noqa: F401 - imported once here: workers forked after it share it instead of each importing it
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        api = pool.submit(api_modules) if "api.html" in stale else None  # imports every module: run beside
        explorer = pool.submit(_explorer, out / "explorer.html") if "explorer.html" in stale else None
        links = [notebook_links(books, books.index(p)) for p in stale_books]
        bodies = list(pool.map(_notebook_html, stale_books, links))
        api_list = api.result() if api is not None else None
        if explorer is not None:
            rendered.append(explorer.result())
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
            headline="".join(markdown(plain(findings(nb))) for p, nb in read if p.name[:2] in {"02", "03"}),
            toc=[(f"{p.stem}.html", _title(nb, p.stem)) for p, nb in read],
        )
        rendered.append(_write(out / "index.html", html))
    for name in stale:
        stamps.record(name, keys[name])
    return rendered


def _explorer(path: Path) -> Path:
    from analysis.report.explorer import render

    return render(path)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
