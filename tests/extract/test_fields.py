"""The row fields of an accepted figure (analysis.extract.fields): its geography as written and its levels
(region, city), and the respondents' country. Invented sentences."""

from __future__ import annotations

import pandas as pd

from analysis.extract import extract_poll_mentions
from analysis.extract.fields import geography_levels
from tests.extract._evalset import found as _found

# --------------------------------------------------------------------------- geography


def test_geography_levels() -> None:
    assert geography_levels("Western Ukraine") == {"geography_level": "region", "region": "West", "city": ""}
    # harmonise_region knows a few oblasts by name: its answer wins over the macro-region
    assert geography_levels("Lviv oblast") == {"geography_level": "oblast", "region": "Lviv oblast", "city": ""}
    assert geography_levels("Rivne region") == {"geography_level": "oblast", "region": "West", "city": ""}
    assert geography_levels("Helsinki") == {"geography_level": "city", "region": "", "city": "Helsinki"}
    assert geography_levels("somewhere else") == {"geography_level": "", "region": "", "city": ""}


def test_geography_regions_are_harmonised_values() -> None:
    """Every region the places table gives is one harmonise_region knows (or empty)."""
    from analysis.paths import RESOURCES
    from analysis.text.names import harmonise_region

    places = pd.read_csv(RESOURCES / "extract_places.csv", dtype="str", keep_default_na=False)
    regions = sorted(set(places["region"]) - {""})
    assert harmonise_region(pd.Series(regions)).tolist() == regions


def test_places_agree_with_the_default_region_definitions() -> None:
    """A Ukrainian oblast or city takes its oblast's macro-region of data/region_definitions.csv (default rows)."""
    from analysis.paths import DATA, RESOURCES

    places = pd.read_csv(RESOURCES / "extract_places.csv", dtype="str", keep_default_na=False)
    defs = pd.read_csv(DATA / "region_definitions.csv", dtype="str", keep_default_na=False)
    default = defs[(defs["pollster"] == "(default)") & (defs["region"] != "Donbas")]
    region_of = dict(zip(default["unit"], default["region"], strict=True))
    units = places[places["kind"].isin(["oblast", "city"]) & (places["country"] == "Ukraine")]
    assert len(units) > 100
    for row in units.itertuples():
        assert row.region == region_of[row.unit], row


def test_a_list_of_places_under_one_verb() -> None:
    text = (
        "Support for NATO membership differs by region in the Rating poll: in Rivne 90 % are in favour, "
        "in Poltava and Sumy 75 %, while in Odesa the figure is 52 %."
    )
    got = _found(text, ["share", "stance", "geography", "geography_level", "region", "city", "country"])
    assert got == [
        [90.0, "for", "Rivne", "city", "West", "Rivne", "Ukraine"],
        [75.0, "for", "Poltava and Sumy", "city", "Centre", "", "Ukraine"],
        [52.0, "for", "Odesa", "city", "South", "Odesa", "Ukraine"],
    ]


def test_a_place_fronted_before_its_figure_and_places_listed_respectively() -> None:
    text = "The Rating poll found that in the west, 80% support joining NATO, in the east just 40%."
    assert _found(text, ["share", "geography", "region"]) == [[80.0, "west", "West"], [40.0, "east", "East"]]
    text = (
        "A poll by Razumkov Centre in Kharkiv and Dnipro found 35% and 41% support for NATO membership, respectively."
    )
    assert _found(text, ["share", "geography", "city"]) == [[35.0, "Kharkiv", "Kharkiv"], [41.0, "Dnipro", "Dnipro"]]


def test_places_before_parenthesised_figures_and_named_regions() -> None:
    text = "In the KIIS poll, support for NATO membership is highest in Lviv (89%) and lowest in Donetsk (31%)."
    assert _found(text, ["share", "geography", "geography_level", "region"]) == [
        [89.0, "Lviv", "city", "West"],
        [31.0, "Donetsk", "oblast", "East"],
    ]
    text = "The Rating survey shows support for NATO at 85% in the West and 57% in the East."
    assert _found(text, ["share", "geography", "geography_level", "region"]) == [
        [85.0, "West", "region", "West"],
        [57.0, "East", "region", "East"],
    ]
    text = "In southern and eastern regions, 48% support NATO membership, the survey found."
    assert _found(text, ["share", "geography"]) == [[48.0, "southern and eastern regions"]]


def test_a_macro_region_in_words_gets_its_region() -> None:
    # review 11: "in the western regions" gave region "" though harmonise_region reads it as West
    row = extract_poll_mentions("A KIIS poll found that in the western regions 92% support joining NATO.").iloc[0]
    assert (row["geography"], row["region"]) == ("western regions", "West")


# --------------------------------------------------------------------------- country


def test_country_from_the_text_not_from_the_pollster() -> None:
    """A national pollster alone does not say who was asked; a country that should join does."""
    text = "A Novus poll found 51 percent support joining NATO."
    assert _found(text, ["share", "pollster", "country"]) == [[51.0, "Novus", ""]]
    text = "Asked in a poll whether Montenegro should become a member of NATO, 45% said yes."
    assert _found(text, ["share", "stance", "country"]) == [[45.0, "for", "Montenegro"]]


def test_the_figure_for_a_country_names_where_respondents_live() -> None:
    text = (
        "Across the alliance, the Pew survey found favourable views of NATO at 61 percent. The figure for "
        "Poland is 79 percent and for Hungary 55 percent."
    )
    got = extract_poll_mentions(text)[["share_as_written", "stance", "country"]].values.tolist()
    assert got == [["61 percent", "for", ""], ["79 percent", "for", "Poland"], ["55 percent", "for", "Hungary"]]
