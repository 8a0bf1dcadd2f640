"""Tile maps (analysis.report.tilemap): what the legend lists, and one estimate per modelled block."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot
import pandas as pd

from analysis.report import plots, tilemap


def test_the_tile_map_legend_lists_only_the_marks_drawn() -> None:
    estimates = pd.DataFrame(
        {
            "unit": ["Lviv oblast", "Donetsk oblast", "Crimea"],
            "share": [80.0, 40.0, 50.0],
            "low": [70.0, 30.0, 40.0],
            "high": [90.0, 50.0, 60.0],
            "imputed": [False, False, True],
            "not_surveyed": [False, False, True],
            "partly_surveyed": [False, True, False],
        }
    )
    fig, ax = plots.new_figure()
    tilemap.tile_map_estimates(ax, estimates)
    tilemap.tile_map_legend(fig, estimates)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == [
        "big number: modelled share (%); small: 95% interval",
        "dotted frame: only the government-held part surveyed",
        "not surveyed (occupied since 2014)",
    ]  # no imputed tile (Crimea is not surveyed) and every unit has a share
    matplotlib.pyplot.close(fig)


def test_a_block_estimate_is_printed_once_and_its_border_drawn() -> None:
    estimates = pd.DataFrame(
        {
            "unit": ["Lviv oblast", "Volyn oblast", "Rivne oblast"],
            "share": [80.0, 80.0, 60.0],
            "low": [70.0, 70.0, 50.0],
            "high": [90.0, 90.0, 70.0],
            "imputed": False,
            "not_surveyed": False,
            "block": ["West", "West", "North"],
        }
    )
    fig, ax = plots.new_figure()
    tilemap.tile_map_estimates(ax, estimates)
    shares = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert sorted(shares) == ["60", "80"]  # West once, North once
    # each printed block number is named by its block, so it is not read as its tile's unit
    assert sorted(t.get_text() for t in ax.texts if t.get_text().startswith("all ")) == ["all North", "all West"]
    assert len(ax.lines) > 0  # a border between West and North
    tilemap.tile_map_legend(fig, estimates)
    assert "one estimate per modelled region (framed), printed once with its name" in [
        t.get_text() for t in fig.legends[0].get_texts()
    ]
    matplotlib.pyplot.close(fig)
    # without blocks every tile with a share prints it (positive control of the once-per-block rule)
    fig, ax = plots.new_figure()
    tilemap.tile_map_estimates(ax, estimates.drop(columns="block"))
    assert sorted(t.get_text() for t in ax.texts if t.get_text().isdigit()) == ["60", "80", "80"]
    assert len(ax.lines) == 0
    assert not [t for t in ax.texts if t.get_text().startswith("all ")]
    matplotlib.pyplot.close(fig)
