"""Seed annotations to table rows (analysis.build.seed_rows): every quote at its offsets in its seed, the
figures read off the seeds, their qualifiers, and the flags of rows resting on audited passages."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.paths import DATA
from analysis.tables.load import load_events, load_polls
from analysis.text.seeds import read_seed


@pytest.mark.parametrize("table", ["polls", "events", "presidencies"])
def test_every_seed_quote_stands_at_its_offsets(table: str) -> None:
    df = pd.read_csv(DATA / f"{table}.csv", dtype=str, keep_default_na=False)
    seed_rows = df[df["source"].str.endswith(".txt")]
    assert len(seed_rows) > 0
    for row in seed_rows.itertuples():
        text = read_seed(row.source)
        assert text[int(row.quote_start) : int(row.quote_end)] == row.quote


def test_poll_figures_of_the_seeds_are_all_extracted() -> None:
    """The figures named in the issue, read off seed 002 by hand."""
    polls = load_polls().query("source_type == 'seed'")
    got = {(str(r.field_start.year), r.geography, r.answer, r.share) for r in polls.itertuples()}
    expected = {
        ("1997", "national", "for", 37.0),
        ("1997", "national", "against", 28.0),
        ("1997", "national", "undecided", 34.0),
        ("2008", "national", "threat", 43.0),
        ("2008", "national", "protection", 15.0),
        ("2008", "national", "for", 57.8),
        ("2007", "national", "for", 38.6),
        ("2009", "national", "threat", 40.0),
        ("2009", "national", "protection", 17.0),
        ("2009", "national", "nato", 12.5),
        ("2009", "national", "neutrality", 36.0),
        ("2011", "national", "threat", 20.6),
        ("2011", "Crimea", "threat", 51.0),
        ("2012", "national", "for", 28.0),
        ("2014", "national", "for", 50.0),
        ("2017", "national", "for", 69.0),
        ("2017", "national", "for", 54.0),
        ("2013", "national", "threat", 29.0),
        ("2013", "national", "neither", 44.0),
        ("2022", "national", "for", 64.0),
        ("2022", "national", "against", 17.0),
        ("2022", "national", "undecided", 13.0),
        ("2022", "West", "for", 73.0),
        ("2022", "Kyiv city", "for", 71.0),
        ("2022", "South", "for", 59.0),
        ("2022", "East", "for", 47.0),
    }
    assert expected <= got
    assert len(polls) == 29


def test_qualified_shares_keep_their_qualifier() -> None:
    polls = load_polls().query("source_type == 'seed'").set_index("share_as_written")
    assert polls.loc["approximately 50%", "share_qualifier"] == "approximate"
    assert polls.loc["over 69 percent", "share_qualifier"] == "lower_bound"


def test_rows_resting_on_audited_passages_are_flagged() -> None:
    polls = load_polls().query("source_type == 'seed'")
    americans = polls[polls["population"].str.startswith("Americans")]
    assert americans["flags"].str.contains("audit:").all()
    south = polls[(polls["geography"] == "South")]
    assert south["flags"].str.contains("audit:AUD-049").all()
    events = load_events().set_index("event_id")
    assert "audit:" in events.loc["ev-1992-secgen-visit", "flags"]
