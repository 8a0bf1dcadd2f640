"""Tile maps of Ukraine's oblasts (one square per unit, placed as in ``resources/tile_grid.csv``) for the regional
model's estimates: colour, share and interval, with imputed, partly surveyed and unsurveyed units marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.paths import RESOURCES
from analysis.report.plots import new_figure

if TYPE_CHECKING:  # matplotlib takes seconds to import: the functions import it
    import matplotlib as mpl
    import matplotlib.pyplot as plt

_SIDES = {(1, 0): (-0.025, -0.025, 0.975, -0.025), (0, 1): (0.975, -0.025, 0.975, 0.975)}
"""The neighbour below and the one to the right (row, column offsets), and the line in the gap between them and the
tile (x0, y0, x1, y1, as offsets from the tile's corner): a border between blocks is drawn once, centred in the gap."""


def tile_map_estimates(
    ax: plt.Axes, estimates: pd.DataFrame, *, vmin: float = 0, vmax: float = 100, cmap: str = "cividis"
) -> mpl.cm.ScalarMappable:
    """Tile map of model estimates with their intervals; imputed and unsurveyed units marked.

    ``estimates`` has one row per unit with ``share``, ``low``, ``high`` (points), ``imputed``
    and ``not_surveyed`` (booleans), and optionally ``block``: the modelled region the unit belongs to. With
    blocks, the estimate is the block's, so its share and interval are printed once, on the block's first tile
    (in reading order) under the block's name ("all South"), and a dark line runs between tiles of different blocks: no tile suggests an estimate
    of its own. Without blocks each tile shows its label, the share and the interval;
    imputed tiles are hatched ``//``, unsurveyed ones are hatched ``xx`` in grey (their value
    is not drawn), partly surveyed ones (``partly_surveyed``, optional) get a dotted frame,
    tiles without an estimate are plain light grey. Use
    :func:`tile_map_legend` for the legend. Returns the mappable for a colour bar.

    >>> import matplotlib.pyplot as plt
    >>> est = pd.DataFrame({"unit": ["Lviv oblast"], "share": 80.4, "low": 74, "high": 85, "imputed": False, "not_surveyed": False})
    >>> fig, ax = new_figure(figsize=(3, 2))
    >>> _ = tile_map_estimates(ax, est)
    >>> len(ax.patches), [t.get_text() for t in ax.texts if t.get_text()[0].isdigit()]  # 27 tiles; Lviv's numbers
    (27, ['80', '74–85'])
    >>> plt.close(fig)
    >>> west = est.assign(block="West")
    >>> west = pd.concat([west, west.assign(unit="Volyn oblast")])
    >>> fig, ax = new_figure(figsize=(3, 2))
    >>> _ = tile_map_estimates(ax, west)
    >>> [t.get_text() for t in ax.texts if t.get_text()[0].isdigit() or t.get_text().startswith("all")]
    ['all West', '80', '74–85']
    >>> plt.close(fig)
    """
    import matplotlib as mpl
    import matplotlib.patches

    layout = pd.read_csv(RESOURCES / "tile_grid.csv")
    est = estimates.set_index("unit")
    blocks = est["block"].to_dict() if "block" in est.columns else {}
    labelled: set[str] = set()  # blocks whose numbers are printed already
    place = {(r, c): u for u, r, c in zip(layout["unit"], layout["row"], layout["col"], strict=True)}
    norm = mpl.colors.Normalize(vmin=vmin, vmax=vmax)
    colours = mpl.colormaps[cmap]
    for unit, row, col, label in layout.itertuples(index=False):
        e = est.loc[unit] if unit in est.index else None
        known = e is not None and not pd.isna(e["share"]) and not bool(e["not_surveyed"])
        face = colours(norm(e["share"])) if known else "0.9"
        hatch = None
        if e is not None and bool(e["not_surveyed"]):
            hatch = "xx"
        elif known and bool(e["imputed"]):
            hatch = "//"

        ax.add_patch(
            mpl.patches.Rectangle((col, -row), 0.95, 0.95, facecolor=face, edgecolor="white", hatch=hatch, lw=0.5)
        )
        text_colour = "white" if known and norm(e["share"]) < 0.5 else "black"
        if known and bool(e.get("partly_surveyed", False)):  # a dotted frame inside the tile
            ax.add_patch(mpl.patches.Rectangle((col + 0.05, -row + 0.05), 0.85, 0.85, fill=False,
                                               edgecolor=text_colour, linestyle=":", lw=1.2))  # fmt: skip
        ax.text(col + 0.475, -row + 0.78, label, ha="center", va="center", fontsize=6.5, color=text_colour)
        block = blocks.get(unit)
        for (dr, dc), (x0, y0, x1, y1) in _SIDES.items():  # a dark line where the block changes
            other = place.get((row + dr, col + dc))
            if block and other is not None and blocks.get(other) != block:
                ax.plot([col + x0, col + x1], [-row + y0, -row + y1], color="0.15", lw=1.6, solid_capstyle="butt")
        if known and block:
            if block in labelled:
                continue
            labelled.add(block)
        if known and block:  # the block's name, so its number is not read as this unit's
            ax.text(col + 0.475, -row + 0.62, f"all {block}", ha="center", va="center", fontsize=6,
                    color=text_colour, style="italic")  # fmt: skip
        if known:
            ax.text(col + 0.475, -row + (0.42 if block else 0.47), f"{e['share']:.0f}", ha="center",
                    va="center", fontsize=11, color=text_colour, weight="bold")  # fmt: skip
            ax.text(col + 0.475, -row + 0.16, f"{e['low']:.0f}–{e['high']:.0f}", ha="center", va="center",
                    fontsize=6.5, color=text_colour)  # fmt: skip
    ax.set_xlim(-0.1, layout["col"].max() + 1)
    ax.set_ylim(-layout["row"].max() - 0.1, 1)
    ax.set_aspect("equal")
    ax.axis("off")
    return mpl.cm.ScalarMappable(norm=norm, cmap=colours)


def tile_map_panels(units: pd.DataFrame, periods: list[str] | tuple[str, ...]) -> plt.Figure:
    """One tile map per period (:func:`tile_map_estimates`), stacked, with a shared colour bar
    and the legend (:func:`tile_map_legend`) below. ``units`` has the columns of
    :func:`tile_map_estimates` plus ``period``.

    >>> import matplotlib.pyplot as plt
    >>> units = pd.DataFrame({"unit": ["Lviv oblast"], "share": 80.4, "low": 74, "high": 85, "imputed": False,
    ...                       "not_surveyed": False, "period": "after Feb 2022"})
    >>> fig = tile_map_panels(units, ["after Feb 2022"])
    >>> fig.axes[0].get_title(loc="left"), fig.axes[1].get_xlabel()  # the map, the colour bar
    ('after Feb 2022', '% for joining NATO (model)')
    >>> plt.close(fig)
    """
    fig, axes = new_figure(len(periods), 1, figsize=(7.5, 4.4 * len(periods) + 0.8), squeeze=False)
    for ax, period in zip(axes[:, 0], periods, strict=True):
        mappable = tile_map_estimates(ax, units[units["period"] == period])
        ax.set_title(period, loc="left")
    fig.subplots_adjust(left=0.01, right=0.99, top=0.95, bottom=0.07, hspace=0.08)
    fig.colorbar(mappable, ax=axes[:, 0].tolist(), orientation="horizontal", fraction=0.02, pad=0.01, shrink=0.7,
                 label="% for joining NATO (model)")  # fmt: skip
    tile_map_legend(fig, units)
    return fig


def tile_map_legend(fig: plt.Figure, estimates: pd.DataFrame | None = None) -> None:
    """Legend for :func:`tile_map_estimates`: what every mark on a tile means (only the marks
    that occur in ``estimates``, when given).

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = new_figure(figsize=(3, 2))
    >>> tile_map_legend(fig, pd.DataFrame({"share": [80.0, 50.0], "imputed": False, "not_surveyed": [False, True]}))
    >>> [t.get_text() for t in fig.legends[0].get_texts()]
    ['big number: modelled share (%); small: 95% interval', 'not surveyed (occupied since 2014)']
    >>> plt.close(fig)
    """
    import matplotlib.patches

    marks = [
        ("share", {"facecolor": "0.6"}, "big number: modelled share (%); small: 95% interval"),
        (
            "block",
            {"facecolor": "0.6", "edgecolor": "0.15", "lw": 1.6},
            "one estimate per modelled region (framed), printed once with its name",
        ),
        ("imputed", {"facecolor": "0.6", "hatch": "//"}, "imputed: no table in this period covered it"),
        (
            "partly_surveyed",
            {"facecolor": "0.6", "edgecolor": "black", "linestyle": ":"},
            "dotted frame: only the government-held part surveyed",
        ),
        ("not_surveyed", {"facecolor": "0.9", "hatch": "xx"}, "not surveyed (occupied since 2014)"),
        ("missing", {"facecolor": "0.9"}, "no estimate: no regional table, or none the model can place"),
    ]
    used = None
    if estimates is not None:
        e = estimates
        known = e["share"].notna() & ~e["not_surveyed"].astype(bool)
        used = {
            "share": bool(known.any()),
            "block": "block" in e.columns,
            "imputed": bool((known & e["imputed"].astype(bool)).any()),
            "partly_surveyed": bool((known & e.get("partly_surveyed", False)).any()),
            "not_surveyed": bool(e["not_surveyed"].astype(bool).any()),
            "missing": bool(e["share"].isna().any()),
        }
    handles = [
        matplotlib.patches.Patch(**style, label=label) for key, style, label in marks if used is None or used[key]
    ]
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2, fontsize=7, frameon=False)
