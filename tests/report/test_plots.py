"""Charts fit to print: each chart of the notebooks, drawn with the plot helpers on the real tables,
has no two overlapping text boxes (matplotlib's text bounding boxes from the renderer) and is saved
at its intended size (events outside the x range neither show in the margin nor widen the file)."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.image
import matplotlib.text
import pandas as pd
import pytest

from analysis import load_events, load_polls, poll_coverage, poll_series
from analysis.models.periods import period_breaks
from analysis.report import plots, tilemap


def _undrawn_tick_labels(fig) -> set[int]:  # noqa: ANN001
    """Ids of tick labels matplotlib does not draw: ticks outside their axis' view interval."""
    out = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    out |= {id(tick.label1), id(tick.label2)}
    return out


def _texts(fig) -> list[matplotlib.text.Text]:  # noqa: ANN001
    renderer = fig.canvas.get_renderer()
    undrawn = _undrawn_tick_labels(fig)
    out = []
    for t in fig.findobj(matplotlib.text.Text):
        if not t.get_visible() or not t.get_text().strip() or id(t) in undrawn:
            continue
        box = t.get_window_extent(renderer)
        if t.get_clip_on() and t.axes is not None and not t.axes.bbox.overlaps(box):
            continue  # clipped away entirely
        out.append(t)
    return out


def overlapping_texts(fig) -> list[tuple[str, str]]:  # noqa: ANN001
    """Pairs of visible texts whose bounding boxes overlap by more than a pixel."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer).expanded(1, 1).padded(-1)) for t in _texts(fig)]
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]


def _support_over_time(width: float = 9.0, start: str | None = None):  # noqa: ANN202
    polls, events = load_polls(), load_events()
    s = poll_series(polls, "nato_referendum_vote", "for")
    if start is not None:
        s = s[s["date"] >= start]
    fig, ax = plots.new_figure(figsize=(width, 4.8))
    ax.plot(s["date"], s["share"], "o", ms=4, label="nato_referendum_vote")
    ax.set_ylim(0, 100)
    ax.set_title("Support for joining NATO rose after 2014 and again after 2022")
    ax.set_xlabel("Fieldwork date (midpoint)")
    ax.set_ylabel("Share of all respondents (%)")
    plots.shade_periods(ax, period_breaks(events))
    plots.mark_events(ax, events)
    ax.legend(loc="lower right", fontsize=7)
    plots.caption(fig, plots.source_line(s["pollster"], "Dots: one poll each."))
    return fig


def _regions_small_multiples():  # noqa: ANN202
    polls = load_polls()
    fig, axes = plots.new_figure(2, 2, figsize=(9.0, 6.5), sharex=True, sharey=True)
    for ax, region in zip(axes.flat, ["West", "Centre", "South", "East"], strict=True):
        r = poll_series(polls, "nato_referendum_vote", "for", geography=region)
        ax.plot(r["date"], r["share"], "o", ms=5, label=region)
        ax.set_title(region)
        ax.set_ylim(0, 100)
        ax.legend(loc="upper left", fontsize=7)
    for ax in axes[1]:
        ax.set_xlabel("Fieldwork date (midpoint)")
    plots.caption(fig, plots.source_line(polls["pollster"]))
    return fig


def _coverage_counts():  # noqa: ANN202
    polls = load_polls()
    coverage = poll_coverage(polls[polls["source_type"] == "seed"])
    fig, ax = plots.new_figure()
    plots.stacked_counts(ax, coverage, title="Question type", fontsize=8)
    ax.set_title("Seed articles report polls from 1997 on")
    ax.set_xlabel("Year of fieldwork")
    ax.set_ylabel("Distinct polls (count)")
    plots.caption(fig, plots.source_line(polls["pollster"]))
    return fig


def _tile_map():  # noqa: ANN202
    from analysis import PERIODS, load_table
    from analysis.models import regional

    polls, breaks = load_polls(), period_breaks(load_events())
    definitions, population = load_table("region_definitions"), load_table("population")
    rows = regional.regional_rows(polls, definitions, population, breaks, regional.SUPPORT)
    units = regional.unit_estimates(regional.fit_regional(rows), definitions)
    fig = tilemap.tile_map_panels(units, PERIODS)
    plots.headline(fig, "Every surveyed region has a majority for joining NATO after February 2022")
    return fig


def _cities():  # noqa: ANN202
    from analysis.models import regional

    polls, breaks = load_polls(), period_breaks(load_events())
    fig = plots.city_panel(regional.city_series(polls), breaks)
    plots.headline(fig, "Support rose in most cities surveyed before and after the invasion")
    plots.caption(fig, plots.source_line(polls["pollster"], "Dashed lines: 22 Feb 2014 and 24 Feb 2022."))
    return fig


CHARTS = {
    "tile-map": (_tile_map, (7.5, 14.0)),
    "cities": (_cities, (9.6, 7.0)),
    "support-over-time": (_support_over_time, (9.0, 4.8)),
    "support-narrow-since-2015": (lambda: _support_over_time(4.5, "2015-01-01"), (4.5, 4.8)),
    "regions-small-multiples": (_regions_small_multiples, (9.0, 6.5)),
    "coverage-counts": (_coverage_counts, (9.0, 4.8)),
}


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - a function
    """``saved(name)``: the chart ``name`` of :data:`CHARTS`, drawn and saved (``save_figure`` tidies
    it in place) once for this module, as (figure, png path): the tests below read the same
    saved figures instead of drawing and saving each chart again."""
    folder = tmp_path_factory.mktemp("charts")
    figures: dict[str, tuple] = {}

    def get(name: str) -> tuple:
        if name not in figures:
            fig = CHARTS[name][0]()
            (png,) = plots.save_figure(fig, name, folder, formats=("png",))  # the png is what is checked
            figures[name] = (fig, png)
        return figures[name]

    yield get
    for fig, _ in figures.values():
        matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_has_no_overlapping_text_and_keeps_its_size(name: str, saved) -> None:
    _, (width, height) = CHARTS[name]
    fig, png = saved(name)
    assert overlapping_texts(fig) == []
    rows, cols = matplotlib.image.imread(png).shape[:2]
    dpi = matplotlib.rcParams["savefig.dpi"]
    assert 0.8 * width * dpi <= cols <= 1.06 * width * dpi, f"{name}: {cols} px wide, intended {width * dpi:.0f}"
    assert rows <= 1.25 * height * dpi, f"{name}: {rows} px high, intended {height * dpi:.0f}"


def test_legends_show_plain_words_and_count_axes_whole_numbers(saved) -> None:
    fig, _ = saved("support-over-time")  # _support_over_time(), saved
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "nato_referendum_vote" not in labels and "Would vote to join NATO" in labels
    fig, _ = saved("coverage-counts")  # _coverage_counts(), saved
    assert all(float(t).is_integer() for t in fig.axes[0].get_yticks())
    for name in ("support-over-time", "regions-small-multiples"):  # a legend too big for any corner stays put
        fig, _ = saved(name)
        renderer = fig.canvas.get_renderer()
        for ax in fig.axes:
            assert ax.get_legend() is None or not plots._hides_data(ax, ax.get_legend(), renderer)


def test_events_outside_the_range_are_not_drawn() -> None:
    fig, ax = plots.new_figure(figsize=(4.0, 3.0))
    ax.plot(pd.to_datetime(["2016-01-01", "2018-01-01"]), [40, 45])
    plots.mark_events(ax, load_events())
    labels = [t.get_text().strip() for t in ax.texts]
    assert labels == []  # every key event is before 2016 or after 2018
    assert not any(line.get_xdata()[0] < pd.Timestamp("2016-01-01") for line in ax.lines[1:])


def test_the_overlap_check_finds_overlapping_text() -> None:
    fig, ax = plots.new_figure(figsize=(4.0, 3.0))
    ax.text(0.5, 0.5, "one label")
    ax.text(0.52, 0.5, "another label")
    assert overlapping_texts(fig) == [("one label", "another label")]


def test_old_style_events_in_the_margin_would_widen_the_file(tmp_path) -> None:
    """The check that guards mark_events: an unclipped label outside the x range widens the image."""
    fig, ax = plots.new_figure(figsize=(4.0, 3.0))
    ax.plot([0, 1], [0, 1])
    ax.text(3.0, 0.5, "event drawn in the margin", rotation=90)  # what the old mark_events did
    png, _ = plots.save_figure(fig, "margin", tmp_path)
    assert matplotlib.image.imread(png).shape[1] > 1.06 * 4.0 * matplotlib.rcParams["savefig.dpi"]


def test_city_panel_gives_each_question_type_its_own_marker_and_names_them() -> None:
    cities = pd.DataFrame(
        {
            "geography": ["Kyiv city", "Kyiv city", "Lviv city"],
            "date": pd.to_datetime(["2021-05-01", "2022-01-10", "2023-05-01"]),
            "share": [55.0, 71.0, 80.0],
            "question_type": ["nato_referendum_vote", "nato_membership_support", "nato_referendum_vote"],
        }
    )
    fig = plots.city_panel(cities, {"2014": pd.Timestamp("2014-02-22"), "2022": pd.Timestamp("2022-02-24")})
    kyiv = fig.axes[0]
    drawn = {line.get_marker() for line in kyiv.get_lines() if line.get_marker() != "None"}  # not the break lines
    assert len(drawn) == 2  # one marker per question type among the panel's dots
    assert [t.get_text() for t in kyiv.get_legend().get_texts()] == [
        plots.plain_label("nato_membership_support"),
        plots.plain_label("nato_referendum_vote"),
    ]
    assert fig.axes[1].get_legend() is None  # named once
    import matplotlib.pyplot as plt

    plt.close(fig)
