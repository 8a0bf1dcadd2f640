"""The poll explorer: ``site/explorer.html``, one self-contained page that works offline.

Every poll is a point (one row per poll: :func:`analysis.models.series.poll_series` for each
question, base and region, with the question's headline answer). Hovering a point shows where it
comes from (house, sponsor, fieldwork dates, sample size, mode, base, coverage, the question as
paraphrased); clicking it shows the same with a link to the source page. Four menus filter the
view (question, base, house, region); filters change the view, never the numbers. Where the
poll aggregator (:func:`analysis.models.aggregate.fit_aggregate`) can be fitted to a national
series, its latent line and 95% band are drawn, with the key events on the time axis.

plotly.js is embedded in the page (about 4.8 MB; no script is loaded from the network) and the
plot has a fixed ``div_id``, so that rebuilding gives the same file. The page reports JavaScript
errors in ``#js-errors`` and the number of points drawn in ``data-points`` of ``#explorer`` (the
browser test reads both).

>>> from analysis import load_polls, poll_series
>>> p = points()
>>> shown = int(p.groupby(["question", "base", "region"]).size().loc[DEFAULT_VIEW])
>>> shown == len(poll_series(load_polls(), "nato_referendum_vote", "for"))  # one point per poll
True
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from analysis.tables.schema import QUESTIONS

HEADLINE_ANSWER = {q: (row.answer_shown, row.reader_label) for q, row in QUESTIONS.iterrows()}
"""Per question: the answer plotted and a plain-language label for it."""

BASES = {
    "all_respondents": "all respondents",
    "referendum_participants": "those who would vote",
    "unknown": "base not stated",
}
DEFAULT_VIEW = ("nato_referendum_vote", "all_respondents", "national")
DIV_ID = "explorer"


def points() -> pd.DataFrame:
    """One row per poll and view (question, base, region), with what the hover shows.

    The rows of each view are :func:`~analysis.models.series.poll_series` of the view (the
    question's headline answer), views in sorted order; the preferred page of every poll and
    view is picked in one pass over the table rather than view by view.

    >>> points()[["question", "region", "date", "share", "house"]].head(2)
                      question    region       date  share                   house
    0            csto_attitude  national 2009-11-15   33.9  Ukraine Project System
    1  nato_membership_support    Centre 2014-05-16   39.0         Razumkov Centre
    """
    from analysis.models.periods import midpoint
    from analysis.models.series import answer_totals, one_page_per_figure, page_ranks
    from analysis.tables.load import load_polls

    polls = load_polls()
    totals, ranks = answer_totals(polls), page_ranks(polls)
    view = ["question_type", "base", "geography"]
    answer = {question: HEADLINE_ANSWER[question][0] for question in polls["question_type"].unique()}
    headline = totals[totals["answer"] == totals["question_type"].map(answer)]
    out = one_page_per_figure(headline, ranks, [*view, "poll_id"])
    out["sample_size"] = out["sample_size"].astype("float64")  # NaN where unknown: what the models take
    out["date"] = midpoint(out["field_start"], out["field_end"])
    out = out.sort_values([*view, "date", "poll_id"]).reset_index(drop=True)
    detail = polls.drop_duplicates(["poll_id", "question_type"]).set_index(["poll_id", "question_type"])
    extra = detail.loc[list(zip(out["poll_id"], out["question_type"], strict=True))]
    out = out.assign(
        question=out["question_type"],
        question_label=out["question_type"].map({q: label for q, (_, label) in HEADLINE_ANSWER.items()}),
        region=out["geography"],
        sponsor=extra["sponsor"].to_numpy(),
        wording=extra["question_wording"].to_numpy(),
    )
    out["house"] = out["pollster"].replace("", "pollster not named")
    return out


def _hover(p: pd.DataFrame) -> list[str]:
    from analysis.report.plots import plain_label

    def n(value: float) -> str:
        return "not given" if pd.isna(value) else f"{value:,.0f}"

    return [
        "<b>{share:.1f}%</b> · {house}<br>sponsor: {sponsor}<br>fieldwork: {start:%d %b %Y} to {end:%d %b %Y}"
        "<br>n = {n} · mode: {mode} · base: {base}<br>covers Crimea: {crimea} · occupied Donbas: {donbas}"
        "<br>question: {wording}<br><i>click the point for the source link</i>".format(
            share=r.share,
            house=html.escape(r.house),
            sponsor=html.escape(r.sponsor or "not named"),
            start=r.field_start,
            end=r.field_end,
            n=n(r.sample_size),
            mode=html.escape(plain_label(r.mode)),
            base=BASES.get(r.base, r.base),
            crimea=r.covers_crimea,
            donbas=r.covers_occupied_donbas,
            wording=_wrap(r.wording),
        )
        for r in p.itertuples()
    ]


def _wrap(text: str, width: int = 60) -> str:
    """``text`` escaped for HTML and wrapped with line breaks (each line escaped, the breaks kept).

    >>> _wrap("a < b " * 3, width=8)
    'a &lt; b a<br>   &lt; b a &lt;<br>   b'
    """
    import textwrap

    return "<br>   ".join(html.escape(line) for line in textwrap.wrap(text, width)) or "not given"


def latent_lines(p: pd.DataFrame) -> dict[str, dict]:
    """The aggregator's latent line and band for each national view it can be fitted to (>= 10 polls).

    Keys are ``question|base|region``; each value is one segment per regime (``x`` dates,
    ``y`` estimate, ``lo`` and ``hi`` the band). A view with fewer than 10 polls gets no line:

    >>> few = pd.DataFrame({"question": ["nato_referendum_vote"] * 3, "base": ["all_respondents"] * 3,
    ...                     "region": ["national"] * 3})
    >>> latent_lines(few)
    {}

    On every poll (not run as a test: it fits the aggregator to four views, seconds):

    >>> lines = latent_lines(points())  # doctest: +SKIP
    >>> len(lines["nato_referendum_vote|all_respondents|national"])  # doctest: +SKIP
    3
    """
    import warnings

    from analysis.errors import AnalysisError
    from analysis.models.periods import period_breaks
    from analysis.tables.load import load_events

    breaks = list(period_breaks(load_events()).values())  # the breaks notebook 02 fits
    lines = {}
    for (question, base, region), series in p.groupby(["question", "base", "region"], sort=True):
        if region != "national" or base == "unknown" or len(series) < 10:
            continue
        from analysis.models.aggregate import fit_aggregate  # here: no model import (about 1 s) if nothing is fitted

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fit = fit_aggregate(series.reset_index(drop=True), breaks)
        except (AnalysisError, ValueError):
            continue
        lat = fit.latent.dropna(subset=["estimate"])
        lines["|".join((question, base, region))] = [  # one segment per regime: no line across a break
            {
                "x": [f"{d:%Y-%m-%d}" for d in seg["date"]],
                "y": [round(float(v), 2) for v in seg["estimate"]],
                "lo": [round(float(v), 2) for v in seg["lower"]],
                "hi": [round(float(v), 2) for v in seg["upper"]],
            }
            for _, seg in lat.groupby("regime", sort=False)
        ]
    return lines


def _events() -> list[dict]:
    from analysis.report.plots import KEY_EVENTS
    from analysis.tables.load import load_events

    table = load_events().set_index("event_id")
    return [
        {"date": f"{table.loc[e, 'date']:%Y-%m-%d}", "label": label, "title": str(table.loc[e, "title"])}
        for e, label in KEY_EVENTS.items()
        if e in table.index
    ]


def _source_link(source: str) -> str:
    return source if source.startswith(("http://", "https://")) else ""


def page_data() -> dict:
    """Everything the page's script needs, as JSON-ready lists.

    Not run as a test: it fits the aggregator for the latent lines (seconds).

    >>> data = page_data()  # doctest: +SKIP
    >>> sorted(data), data["default"]  # doctest: +SKIP
    (['bases', 'default', 'events', 'houses', 'latent', 'points', 'questions', 'regions'],
     {'q': 'nato_referendum_vote', 'b': 'all_respondents', 'r': 'national'})
    """
    p = points().sort_values(["question", "base", "region", "date", "poll_id"]).reset_index(drop=True)
    return {
        "points": {
            "q": p["question"].tolist(),
            "b": p["base"].tolist(),
            "r": p["region"].tolist(),
            "h": p["house"].tolist(),
            "x": [f"{d:%Y-%m-%d}" for d in p["date"]],
            "y": [round(float(v), 2) for v in p["share"]],
            "hover": _hover(p),
            "link": [_source_link(s) for s in p["source"]],
            "source": p["source"].tolist(),
            "poll": p["poll_id"].tolist(),
        },
        "questions": {q: HEADLINE_ANSWER[q][1] for q in sorted(p["question"].unique())},
        "bases": {b: BASES.get(b, b) for b in sorted(p["base"].unique())},
        "regions": sorted(p["region"].unique(), key=lambda r: (r != "national", r)),
        "houses": sorted(p["house"].unique()),
        "latent": latent_lines(p),
        "events": _events(),
        "default": dict(zip(("q", "b", "r"), DEFAULT_VIEW, strict=True)),
    }


_SCRIPT = """
const D = __DATA__;
const errors = document.getElementById('js-errors');
window.addEventListener('error', e => { errors.textContent += (e.message || String(e)) + '\\n'; });
function fill(id, options, chosen) {
  const s = document.getElementById(id);
  for (const [value, label] of options) {
    const o = document.createElement('option'); o.value = value; o.textContent = label;
    if (value === chosen) o.selected = true; s.appendChild(o);
  }
  s.addEventListener('change', draw);
}
fill('f-question', Object.entries(D.questions), D.default.q);
fill('f-base', Object.entries(D.bases), D.default.b);
fill('f-house', [['', 'all houses'], ...D.houses.map(h => [h, h])], '');
fill('f-region', D.regions.map(r => [r, r === 'national' ? 'Ukraine (national)' : r]), D.default.r);
function draw() {
  const q = document.getElementById('f-question').value, b = document.getElementById('f-base').value;
  const h = document.getElementById('f-house').value, r = document.getElementById('f-region').value;
  const P = D.points, idx = [];
  for (let i = 0; i < P.q.length; i++) if (P.q[i] === q && P.b[i] === b && P.r[i] === r && (!h || P.h[i] === h)) idx.push(i);
  const pick = k => idx.map(i => P[k][i]);
  const traces = [];
  const L = D.latent[[q, b, r].join('|')];
  (L || []).forEach((S, k) => {
    traces.push({x: S.x.concat([...S.x].reverse()), y: S.hi.concat([...S.lo].reverse()), type: 'scatter', mode: 'lines',
      fill: 'toself', fillcolor: 'rgba(0,114,178,0.18)', line: {width: 0}, hoverinfo: 'skip',
      name: 'poll average: 95% band', legendgroup: 'band', showlegend: k === 0});
    traces.push({x: S.x, y: S.y, type: 'scatter', mode: 'lines', line: {color: '#0072B2', width: 2.5},
      name: 'poll average (all houses)', legendgroup: 'line', showlegend: k === 0,
      hovertemplate: '%{y:.1f}% on %{x}<extra>poll average</extra>'});
  });
  traces.push({x: pick('x'), y: pick('y'), text: pick('hover'), customdata: idx, type: 'scatter', mode: 'markers',
    marker: {size: 8, color: '#D55E00', opacity: 0.8, line: {width: 0.5, color: 'white'}},
    name: 'one poll', hovertemplate: '%{text}<extra></extra>'});
  const shapes = D.events.map(e => ({type: 'line', xref: 'x', yref: 'paper', x0: e.date, x1: e.date, y0: 0, y1: 1,
    line: {color: '#777', width: 1, dash: 'dot'}}));
  const annotations = D.events.map((e, k) => ({x: e.date, xref: 'x', yref: 'paper', y: k % 2 ? 0.93 : 1.0, text: e.label,
    showarrow: false, xanchor: 'left', font: {size: 10, color: '#444'}, hovertext: e.title}));
  const layout = {title: {text: D.questions[q] + ' (% of ' + D.bases[b] + ')'}, hovermode: 'closest', shapes, annotations,
    xaxis: {type: 'date', title: {text: 'fieldwork (midpoint)'}}, yaxis: {title: {text: 'share (%)'}, range: [0, 100]},
    legend: {orientation: 'h', y: -0.18}, margin: {t: 60, r: 20}};
  Plotly.react('__DIV__', traces, layout, {responsive: true, displaylogo: false});
  document.getElementById('__DIV__').dataset.points = idx.length;
  document.getElementById('count').textContent = idx.length === 1 ? '1 poll' : idx.length + ' polls';
  document.getElementById('no-average').hidden = !!L;
}
draw();
document.getElementById('__DIV__').on('plotly_click', ev => {
  const pt = ev.points.find(p => p.customdata !== undefined); if (!pt) return;
  const i = pt.customdata, link = D.points.link[i];
  const box = document.getElementById('detail');
  box.innerHTML = D.points.hover[i].replace('<i>click the point for the source link</i>', '') +
    (link ? '<br>source: <a href="' + link + '">' + link + '</a>' : '<br>source: seed article ' + D.points.source[i]);
});
"""


def render(out: Path) -> Path:
    """Write the explorer page to ``out`` (a file path); return it.

    Not run as a test: it builds :func:`page_data` and embeds plotly.js (seconds, about 5 MB).

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "explorer.html"
    >>> render(out).name  # doctest: +SKIP
    'explorer.html'
    """
    import plotly
    import plotly.graph_objects as go

    data = page_data()
    plot = go.Figure().to_html(include_plotlyjs=True, full_html=False, div_id=DIV_ID, config={"responsive": True})
    script = _SCRIPT.replace("__DATA__", json.dumps(data, ensure_ascii=False).replace("</", "<\\/")).replace(
        "__DIV__", DIV_ID
    )
    page = f"""<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Poll explorer: Ukrainian opinion on NATO</title>
<style>body{{font-family:system-ui,sans-serif;max-width:72rem;margin:1rem auto;padding:0 1rem;line-height:1.45}}
nav a{{margin-right:1rem}} label{{margin-right:1rem}} select{{max-width:22rem}} #detail{{background:#f5f5f5;padding:.5rem;min-height:2rem;overflow-wrap:anywhere}}
#js-errors:empty{{display:none}}</style></head><body>
<nav><a href="index.html">Home</a><a href="01-data-and-provenance.html">Notebooks</a><a href="codebook.html">Codebook</a><a href="api.html">API</a></nav>
<h1>Poll explorer</h1>
<p>Every poll is a dot; hover for where it comes from, click for the link to the source. The line is the
poll average from the aggregator (with its 95% band), fitted to all houses' national polls; dotted lines mark key events.
Filters change what is shown, never the numbers. Made with plotly {plotly.__version__}; works offline.</p>
<p><label>Question <select id="f-question"></select></label><label>Base <select id="f-base"></select></label>
<label>House <select id="f-house"></select></label><label>Region <select id="f-region"></select></label>
<span id="count"></span> <span id="no-average" hidden>(no poll average for this view: too few polls, or not national)</span></p>
{plot}
<div id="detail">Click a point to see its source.</div>
<pre id="js-errors"></pre>
<script>{script}</script>
</body></html>
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
