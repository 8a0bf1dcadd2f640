"""Plot helpers: one colour-blind-safe style, event markers, captions, reproducible files.

Figures are drawn with matplotlib on the seaborn ``colorblind`` palette (Okabe-Ito-like
hues distinguishable under the common colour-vision deficiencies) and saved by
:func:`save_figure` as PNG and SVG with fixed metadata, so that rebuilding gives the same
files.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> fig, ax = new_figure()
>>> ax.get_figure() is fig
True
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.models.series import LOW_CREDIBILITY, has_flag
from analysis.paths import FIGURES
from analysis.tables.schema import QUESTIONS

if TYPE_CHECKING:  # matplotlib and seaborn take seconds to import: the functions import them
    import matplotlib.pyplot as plt


def __getattr__(name: str) -> object:
    """``PALETTE``: the seaborn ``colorblind`` palette, used for every series (made on first use)."""
    if name == "PALETTE":
        import seaborn as sns

        return sns.color_palette("colorblind")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


FIGSIZE = (9.0, 4.8)

KEY_EVENTS = {
    "ev-2008-bucharest": "Bucharest summit",
    "ev-2010-nonbloc-law": "Non-bloc law",
    "ev-2014-yanukovych-removed": "Yanukovych removed",
    "ev-2014-nonaligned-dropped": "Non-aligned status dropped",
    "ev-2019-constitution-vote": "NATO course in constitution",
    "ev-2022-invasion": "Full-scale invasion",
}
"""Events marked on time axes, with short labels (ids of ``data/events.csv``)."""


def use_style() -> None:
    """Set the project's plot style (fixed size, DPI and SVG hash salt for stable files).

    >>> import matplotlib as mpl
    >>> use_style()
    >>> mpl.rcParams["svg.hashsalt"], [float(x) for x in mpl.rcParams["figure.figsize"]]
    ('ukraine-nato', [9.0, 4.8])
    """
    import matplotlib as mpl
    import seaborn as sns

    sns.set_theme(style="whitegrid", palette=__getattr__("PALETTE"))
    mpl.rcParams.update(
        {
            "figure.figsize": FIGSIZE,
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "svg.hashsalt": "ukraine-nato",
            "svg.fonttype": "path",
            "axes.titleweight": "bold",
        }
    )


def new_figure(nrows: int = 1, ncols: int = 1, **kwargs: Any) -> tuple[plt.Figure, plt.Axes]:
    """A figure in the project style (``plt.subplots`` with the fixed size; ``kwargs`` go to it).

    >>> import matplotlib.pyplot as plt
    >>> fig, axes = new_figure(1, 2, figsize=(3, 2), sharey=True)
    >>> len(axes), [float(x) for x in fig.get_size_inches()]
    (2, [3.0, 2.0])
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    use_style()
    return plt.subplots(nrows, ncols, figsize=kwargs.pop("figsize", FIGSIZE), **kwargs)


def shade_periods(ax: plt.Axes, breaks: dict[str, pd.Timestamp]) -> None:
    """Shade 2014 to Feb 2022 and after Feb 2022 (to the right edge); draw the two breaks.

    Call it after the data are plotted: it keeps the x limits the data set.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = new_figure(figsize=(3, 2))
    >>> _ = ax.plot(pd.to_datetime(["2010-01-01", "2024-01-01"]), [40, 70])
    >>> shade_periods(ax, {"2014": pd.Timestamp("2014-02-22"), "2022": pd.Timestamp("2022-02-24")})
    >>> len(ax.patches), len(ax.lines)  # two shaded periods; the data line and two break lines
    (2, 3)
    >>> plt.close(fig)
    """
    import matplotlib.dates as mdates

    left, right = ax.get_xlim()
    end = max(mdates.num2date(right).replace(tzinfo=None), breaks["2022"].to_pydatetime())
    ax.axvspan(breaks["2014"], breaks["2022"], color="0.93", zorder=0, label="2014 to Feb 2022")
    ax.axvspan(breaks["2022"], end, color="0.85", zorder=0, label="after Feb 2022")
    for when in breaks.values():
        ax.axvline(when, color="0.3", lw=1, ls="--", zorder=1)
    ax.set_xlim(left, right)


def mark_events(ax: plt.Axes, events: pd.DataFrame, labels: dict[str, str] = KEY_EVENTS) -> None:
    """Draw the events in ``labels`` as vertical lines with short rotated labels at the top.

    Only events inside the current x range are drawn, and lines and labels are clipped to the
    axes, so a narrow chart neither shows events in its margin nor grows when saved. Labels sit
    on a light box so that data points behind them do not garble them; a label that would
    overlap the previous one is drawn lower. Event categories get distinct line styles so they
    stay distinguishable in grey print. Raises ``KeyError`` naming an event id that is not in the
    table. Call it after the data are plotted (it keeps the x limits the data set).

    >>> import matplotlib.pyplot as plt
    >>> events = pd.DataFrame({"event_id": ["a", "b"], "date": ["2014-02-22", "1991-08-24"], "category": "conflict"})
    >>> fig, ax = new_figure(figsize=(3, 2))
    >>> _ = ax.plot(pd.to_datetime(["2010-01-01", "2024-01-01"]), [40, 70])
    >>> mark_events(ax, events, {"a": "Euromaidan", "b": "Independence"})
    >>> [t.get_text() for t in ax.texts]  # 1991 is outside the x range: not drawn
    ['Euromaidan ']
    >>> plt.close(fig)
    """
    import matplotlib.dates as mdates
    import matplotlib.transforms as mtransforms

    styles = {"summit": ":", "legislation": "-.", "conflict": "-", "election": (0, (1, 3))}
    table = events.set_index("event_id")
    missing = sorted(set(labels) - set(table.index))
    if missing:
        raise KeyError(f"events not in the event table: {missing}")
    left, right = ax.get_xlim()
    along = mtransforms.blended_transform_factory(ax.transData, ax.transAxes)
    previous = None
    for event_id, label in sorted(labels.items(), key=lambda item: pd.Timestamp(table.loc[item[0], "date"])):
        e = table.loc[event_id]
        when = pd.Timestamp(e["date"])
        if not left <= mdates.date2num(when) <= right:
            continue
        ax.axvline(when, color="0.45", lw=0.9, ls=styles.get(e["category"], ":"), zorder=1, clip_on=True)
        text = ax.text(
            when,
            0.98,
            f"{label} ",
            rotation=90,
            va="top",
            ha="right",
            fontsize=7.5,
            color="0.25",
            transform=along,
            clip_on=True,
            gid="event-label",
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
        )
        if previous is not None and _overlaps(text, previous):
            text.set_y(0.45)
        previous = text
    autoscale = ax.get_autoscalex_on()
    ax.set_xlim(left, right)
    for shared in ax.get_shared_x_axes().get_siblings(ax):  # data plotted later on a shared axis may widen it
        shared.set_autoscalex_on(autoscale)


def _overlaps(a, b) -> bool:  # noqa: ANN001 - matplotlib Text
    renderer = a.figure.canvas.get_renderer()
    return a.get_window_extent(renderer).overlaps(b.get_window_extent(renderer))


LABELS = {
    **QUESTIONS["chart_label"],
    "all_respondents": "all respondents",
    "referendum_participants": "those who would vote",
    "face_to_face": "face to face",
    "telephone": "telephone",
    "pollster_release": "pollster's or sponsor's own release",
    "independent_sources_agree": "independent pages agree",
    "single_secondary": "one secondary page",
    "sources_disagree": "pages disagree",
    "macro_region": "macro-region",
    "composite": "composite region",
    "unit": "oblast (or Kyiv city, Crimea, Sevastopol)",
    "garbled_text": "garbled text",
    "unrelated_content": "unrelated content",
    "implausible_figure": "implausible figure",
    "unsourced_figure": "unsourced figure",
    "wrong_date": "wrong date",
    "wrong_fact": "wrong fact",
    "wrong_name": "wrong name",
    "n_from_population": "n = poll n x region's population share",
    "n_default": "n = 1,000 (poll n unknown) x population share",
    "west_gt_centre": "West above Centre",
    "centre_gt_south": "Centre above South",
    "centre_gt_east": "Centre above East",
    "south_gt_east": "South above East",
    "south_below_half": "South below half (before Feb 2022)",
    "east_below_half": "East below half (before Feb 2022)",
    "all_majority": "every region above half (after Feb 2022)",
    **{f"c_{b}": f"share in {b}" for b in ("West", "Centre", "South", "East", "Donbas")},
}
"""Code names (question types, bases, modes, confidence, levels, audit types, table columns) and
the plain words legends, labels and displayed tables show."""


def plain(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` for display: code names in column names, the index and text cells
    replaced by their plain words (:data:`LABELS`); numbers untouched.

    >>> plain(pd.DataFrame({"question_type": ["nato_referendum_vote"], "c_West": [0.4]}))
      question_type  share in West
    0  Would vote to join NATO            0.4
    """
    out = table.rename(columns=lambda c: LABELS.get(c, c) if isinstance(c, str) else c)
    out = out.rename(index=lambda i: LABELS.get(i, i) if isinstance(i, str) else i)
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: LABELS.get(v, v) if isinstance(v, str) else v)
    return out


def plain_label(name: str) -> str:
    """The plain-language label of a code name (unchanged if it is not one).

    >>> plain_label("nato_threat_protection"), plain_label("Rating Group")
    ('NATO: threat or protection', 'Rating Group')
    """
    return LABELS.get(name, name)


def integer_ticks(ax: plt.Axes, axis: str = "y") -> None:
    """Whole-number ticks on ``axis`` (for counts: no 2.5 polls).

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = new_figure(figsize=(3, 2), subplot_kw={"ylim": (0, 2)})
    >>> integer_ticks(ax)
    >>> ax.get_yticks().tolist()  # instead of 0, 0.5, 1, 1.5, 2
    [0.0, 1.0, 2.0]
    >>> plt.close(fig)
    """
    from matplotlib.ticker import MaxNLocator

    getattr(ax, f"{axis}axis").set_major_locator(MaxNLocator(integer=True))


def stacked_counts(ax: plt.Axes, counts: pd.DataFrame, rest: str = "other", **legend: Any) -> None:
    """Stacked bars of ``counts`` (rows: the bars, e.g. years; columns: the groups): the group ``rest``
    (if a column) at the bottom in grey, then the others from the largest total up, and a legend
    listing them as stacked, top first, in plain words. ``legend`` goes to ``ax.legend``.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig, ax = new_figure()
    >>> stacked_counts(ax, pd.DataFrame({"other": [1, 2], "A": [1, 0], "B": [3, 3]}, index=[2020, 2021]))
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['A', 'B', 'other']
    """
    groups = counts.drop(columns=[rest], errors="ignore").sum().sort_values(ascending=False, kind="stable").index
    columns = ([rest] if rest in counts else []) + list(groups)
    hues = [c for c in __getattr__("PALETTE") if max(c) - min(c) > 0.05]  # the palette's grey is kept for ``rest``
    colours = (["0.6"] if rest in counts else []) + hues[: len(groups)]
    counts[columns].rename(columns=plain_label).plot.bar(stacked=True, ax=ax, width=0.85, color=colours, legend=False)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], **legend)


def year_ticks(ax: plt.Axes, min_gap_inches: float = 0.55) -> None:
    """Year ticks on a date x axis, spaced so that labels do not run together in narrow panels
    (every 1, 2, 5 or 10 years, whichever first leaves ``min_gap_inches`` between ticks).

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = new_figure(figsize=(3, 2))
    >>> _ = ax.plot(pd.to_datetime(["2010-06-01", "2024-06-01"]), [40, 70])
    >>> year_ticks(ax)
    >>> [label.get_text() for label in ax.get_xticklabels()]  # 14 years on a narrow panel: every 5
    ['2005', '2010', '2015', '2020', '2025']
    >>> plt.close(fig)
    """
    import matplotlib.dates as mdates

    left, right = ax.get_xlim()
    years = max((right - left) / 365.25, 1)
    width = ax.get_window_extent().width / ax.figure.dpi
    base = next((b for b in (1, 2, 5, 10, 20) if width / (years / b) >= min_gap_inches), 50)
    ax.xaxis.set_major_locator(mdates.YearLocator(base))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(mdates.YearLocator(1) if base > 1 else mdates.MonthLocator((1, 7)))


def source_line(pollsters: list[str] | pd.Series, note: str = "", top: int = 8) -> str:
    """A source line naming the pollsters (not file paths), most frequent first; beyond ``top``
    names the rest are counted.

    >>> source_line(["KIIS", "Rating Group", "KIIS", ""], "Line: poll average.")
    'Source: polls by KIIS and Rating Group (and 1 poll with no pollster named). Line: poll average.'
    >>> source_line(["A", "A", "B", "C", "D"], top=2)
    'Source: polls by A, B and 2 other pollsters.'
    """
    names = pd.Series(list(pollsters), dtype="str")
    unnamed = int((names == "").sum())
    counts = names[names != ""].value_counts(sort=True)
    ordered = sorted(counts.index, key=lambda n: (-counts[n], n))
    if len(ordered) > top:
        rest = len(ordered) - top
        ordered = [*ordered[:top], f"{rest} other pollster{'s' if rest != 1 else ''}"]
    listed = ", ".join(ordered[:-1]) + (" and " if len(ordered) > 1 else "") + (ordered[-1] if ordered else "")
    text = f"Source: polls by {listed}" if ordered else "Source: polls"
    if unnamed:
        text += f" (and {unnamed} poll{'s' if unnamed != 1 else ''} with no pollster named)"
    return f"{text}.{' ' + note if note else ''}"


def caption(fig: plt.Figure, text: str) -> None:
    """Put a source caption below everything else in the figure (axis titles and tick labels
    included: :func:`tidy` places it when the figure is saved; kept by ``bbox_inches="tight"``).

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = new_figure(figsize=(3, 2))
    >>> caption(fig, source_line(["KIIS", "Rating Group"]))
    >>> [t.get_text() for t in fig.texts]
    ['Source: polls by KIIS and Rating Group.']
    >>> plt.close(fig)
    """
    fig.text(0.01, -0.01, text, ha="left", va="top", fontsize=7.5, color="0.3", wrap=True, gid="caption")


def tidy(fig: plt.Figure) -> None:
    """Make a figure fit to print before saving: plain-language legend labels instead of code
    names, whole-number ticks on axes whose label says they count, readable year ticks on date
    axes, a legend that would hide bars or points moved to a free corner, panel titles wrapped to their panel, the
    chart's headline (:func:`headline`) placed above the highest axes text, and the source caption placed below the
    lowest axis text, so that neither overprints.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = new_figure(figsize=(3, 2))
    >>> _ = ax.plot([1, 2], [40, 45], label="nato_referendum_vote"), ax.legend()
    >>> tidy(fig)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['Would vote to join NATO']
    >>> plt.close(fig)
    """
    import textwrap

    import matplotlib.dates as mdates

    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            for text in legend.get_texts():
                text.set_text(plain_label(text.get_text()))
            if legend.get_title().get_text():
                legend.get_title().set_text(plain_label(legend.get_title().get_text()))
        if any(w in ax.get_ylabel().casefold() for w in ("count", "number of")):
            integer_ticks(ax, "y")
        if isinstance(ax.xaxis.get_major_formatter(), mdates.AutoDateFormatter | mdates.ConciseDateFormatter):
            year_ticks(ax)
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None and _hides_data(ax, legend, renderer):
            _move_legend(ax, legend, renderer)
        title = ax.title
        width = title.get_window_extent(renderer).width
        if title.get_text() and width > ax.bbox.width:  # a headline longer than its panel: wrap it
            chars = max(10, int(len(title.get_text()) * ax.bbox.width / width) - 2)
            title.set_text(textwrap.fill(title.get_text(), chars))
    title = fig._suptitle  # noqa: SLF001 - matplotlib has no public getter
    if title is not None and title.get_gid() == "headline":
        highest = max(ax.get_tightbbox(renderer).y1 for ax in fig.axes if ax.get_visible())
        title.set_y(fig.transFigure.inverted().transform((0, highest))[1] + 0.01)
    captions = [t for t in fig.texts if t.get_gid() == "caption"]
    if captions:
        lowest = min(ax.get_tightbbox(renderer).y0 for ax in fig.axes if ax.get_visible())
        y = fig.transFigure.inverted().transform((0, lowest))[1] - 0.01
        for text in captions:
            text.set_y(y)


def _move_legend(ax: plt.Axes, legend, renderer) -> None:  # noqa: ANN001 - a Legend, a renderer
    """Put a legend in a corner where it hides no data, if there is one; else leave it where it
    was (a legend too large for any corner needs fewer entries or columns in the chart itself)."""
    original = legend._loc  # noqa: SLF001 - matplotlib has no public getter
    for loc in ("upper left", "upper right", "lower right", "lower left", "upper center", "center left"):
        legend.set_loc(loc)
        if not _hides_data(ax, legend, renderer):
            return
    legend.set_loc(original)


def _hides_data(ax: plt.Axes, legend, renderer) -> bool:  # noqa: ANN001 - a Legend, a renderer
    """Whether the legend's box covers a bar or a data point of ``ax``."""
    import numpy as np

    box = legend.get_window_extent(renderer)
    for container in ax.containers:
        for patch in getattr(container, "patches", []):
            if patch.get_height() and box.overlaps(patch.get_window_extent(renderer)):
                return True
    for line in ax.get_lines():
        if line.get_marker() in (None, "", "None", " ") or not line.get_visible():
            continue
        xy = ax.transData.transform(np.asarray(line.get_xydata(), dtype=float))
        if any(box.contains(x, y) for x, y in xy):
            return True
    return False


def save_figure(
    fig: plt.Figure, name: str, folder: Path | None = None, formats: tuple[str, ...] = ("png", "svg")
) -> list[Path]:
    """Save ``fig`` as ``name.png`` and ``name.svg`` (or the ``formats`` given) in ``folder``
    (default ``figures/``), stable metadata, after :func:`tidy`.

    >>> import tempfile
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = new_figure(figsize=(3.0, 2.0))
    >>> _ = ax.plot([1, 2], [40, 45])
    >>> [p.name for p in save_figure(fig, "demo", Path(tempfile.mkdtemp()), formats=("png",))]
    ['demo.png']
    >>> plt.close(fig)
    """
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}
    folder = FIGURES if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    tidy(fig)
    paths = [folder / f"{name}.{ext}" for ext in formats]
    for path, ext in zip(paths, formats, strict=True):
        fig.savefig(path, metadata=metadata[ext], bbox_inches="tight")
    return paths


def headline(fig: plt.Figure, text: str) -> None:
    """Put the chart's headline (the finding, in words) above everything, wrapped to the figure.

    It sits just above everything else (:func:`tidy` places it above the highest axes text
    when the figure is saved), so it can overprint nothing.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = new_figure(figsize=(3, 2))
    >>> headline(fig, "Support for joining NATO rose after 2014")
    >>> print(fig.get_suptitle())  # wrapped to a 3-inch figure
    Support for joining NATO rose
    after 2014
    >>> plt.close(fig)
    """
    import textwrap

    width = fig.get_figwidth()
    fig.suptitle(textwrap.fill(text, int(width * 10)), x=0.01, y=1.0, ha="left", va="bottom", fontsize=11,
                 weight="bold", gid="headline")  # fmt: skip


def city_panel(
    cities: pd.DataFrame, breaks: dict[str, pd.Timestamp], ncols: int = 4, notes: Mapping[str, str] | None = None
) -> plt.Figure:
    """Small multiples, one panel per city in rows of ``ncols``: each poll's share (``date``,
    ``share``) as a dot, with one marker and one hue per question type (``question_type``, when given)
    and a legend naming them when there is more than one. ``notes``: a short text written in a city's panel
    (city name as in ``geography`` -> text), e.g. that it has been occupied since a date. A figure whose
    ``flags`` include ``low_credibility_source`` is drawn hollow, and the legend says so.

    Dots only (no lines between polls); periods shaded; one shared time and share axis. Raises
    ``ValueError`` if empty.

    >>> import matplotlib.pyplot as plt
    >>> cities = pd.DataFrame({"geography": ["Lviv city"], "date": [pd.Timestamp("2023-05-01")], "share": [80.0]})
    >>> breaks = {"2014": pd.Timestamp("2014-02-22"), "2022": pd.Timestamp("2022-02-24")}
    >>> fig = city_panel(cities, breaks)
    >>> [(ax.get_title(), ax.get_ylabel(), ax.get_legend()) for ax in fig.axes]
    [('Lviv', '% for joining NATO', None)]
    >>> plt.close(fig)
    >>> fig = city_panel(cities, breaks, notes={"Lviv city": "a note"})
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['a note']
    >>> plt.close(fig)
    """
    if cities.empty:
        raise ValueError("no city figures")
    names = sorted(cities["geography"].unique())
    kinds = sorted(cities["question_type"].unique()) if "question_type" in cities else [None]
    ncols = min(ncols, len(names))
    nrows = -(-len(names) // ncols)
    fig, axes = new_figure(nrows, ncols, figsize=(2.4 * ncols, 2.2 * nrows + 0.4), sharex=True, sharey=True,
                           squeeze=False)  # fmt: skip
    for ax, name in zip(axes.flat, names, strict=False):
        c = cities[cities["geography"] == name]
        for k, (kind, marker) in enumerate(zip(kinds, "osD^v", strict=False)):  # each question its own marker and hue
            shown = c if kind is None else c[c["question_type"] == kind]
            weak = has_flag(shown, LOW_CREDIBILITY)
            for part, face in ((shown[~weak], None), (shown[weak], "white")):
                _ = ax.plot(part["date"], part["share"], marker, ls="", color=__getattr__("PALETTE")[k], ms=5,
                            markerfacecolor=face)  # fmt: skip
        ax.set_xlim(pd.Timestamp("2012-01-01"), pd.Timestamp("2026-01-01"))
        shade_periods(ax, breaks)
        ax.set_title(name.removesuffix(" city"), fontsize=9)
        ax.set_ylim(0, 100)
        if notes and name in notes:
            ax.text(0.97, 0.95, notes[name], transform=ax.transAxes, ha="right", va="top", fontsize=6.5, color="0.25",
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5})  # fmt: skip
    for ax in axes.flat[len(names) :]:
        fig.delaxes(ax)
    for ax in axes[:, 0]:
        ax.set_ylabel("% for joining NATO")
    from matplotlib.lines import Line2D

    handles = []
    if len(kinds) > 1:  # the markers named once, in the first panel
        handles = [
            Line2D([], [], marker=marker, ls="", color=__getattr__("PALETTE")[k], ms=4, label=plain_label(kind))
            for k, (kind, marker) in enumerate(zip(kinds, "osD^v", strict=False))
        ]
    if has_flag(cities, LOW_CREDIBILITY).any():
        handles.append(Line2D([], [], marker="o", ls="", color="0.3", markerfacecolor="white", ms=4,
                              label="hollow: low-credibility repost"))  # fmt: skip
    if handles:
        _ = axes.flat[0].legend(handles=handles, loc="lower left", fontsize=6, handletextpad=0.2, borderpad=0.3)
    fig.tight_layout()
    return fig
