"""Poll identity, source kinds, confidence and the page preference (analysis.identity).

Every expected value is worked out by hand from the small frames built here.
"""

import pandas as pd
import pytest

from analysis.build.identity import (
    assign_poll_ids,
    check_identity,
    classify_sources,
    disagreements,
    poll_modes,
    preferred_page,
    rate_confidence,
)
from analysis.errors import DataValidationError
from analysis.text.names import house_and_partner

NO_LINKS = pd.DataFrame(columns=["file", "source_poll_key", "same_as_file", "same_as_key", "relation", "reason"])


def _records(rows):
    """rows: (file, key, url, house, start, end, precision, start_as_written, question)."""
    f = pd.DataFrame(
        rows,
        columns=[
            "file",
            "source_poll_key",
            "url",
            "house",
            "field_start",
            "field_end",
            "date_precision",
            "start_as_written",
            "question_type",
        ],
    )
    f["field_start"] = pd.to_datetime(f["field_start"])
    f["field_end"] = pd.to_datetime(f["field_end"])
    return f


def test_waves_days_apart_stay_apart_and_same_start_joins():
    f = _records(
        [
            ("a.csv", "r-06-18", "u1", "Rating Group", "2022-06-18", "2022-06-19", "day", "2022-06-18", "q"),
            ("a.csv", "r-06-27", "u1", "Rating Group", "2022-06-27", "2022-06-28", "day", "2022-06-27", "q"),
            ("b.csv", "iri-06", "u2", "Rating Group", "2022-06-18", "2022-06-20", "day", "2022-06-18", "q"),
        ]
    )
    ids = assign_poll_ids(f, NO_LINKS)
    assert ids["poll_id"].tolist() == ["rating-group-2022-06-18", "rating-group-2022-06-27", "rating-group-2022-06-18"]
    assert set(ids["identity"]) == {"dated"}


def test_month_dated_page_joins_the_single_poll_of_that_month_only():
    f = _records(
        [
            ("a.csv", "k1", "u1", "KIIS", "2019-05-10", "2019-05-20", "day", "2019-05-10", "q"),
            ("a.csv", "k2", "u2", "KIIS", "2019-05-01", "2019-05-31", "month", "2019-05", "q"),
            ("a.csv", "k3", "u3", "KIIS", "2019-06-01", "2019-06-30", "month", "2019-06", "q"),
            ("a.csv", "k4", "u4", "Other", "2019-05-01", "2019-05-31", "month", "2019-05", "q"),
        ]
    )
    ids = assign_poll_ids(f, NO_LINKS)
    assert ids["poll_id"].tolist() == ["kiis-2019-05-10", "kiis-2019-05-10", "kiis-2019-06", "other-2019-05"]
    assert ids["identity"].tolist() == ["dated", "date_inferred", "dated", "dated"]


def test_month_dated_page_with_two_candidate_waves_stays_alone():
    f = _records(
        [
            ("a.csv", "k1", "u1", "KIIS", "2019-05-10", "2019-05-20", "day", "2019-05-10", "q"),
            ("a.csv", "k2", "u2", "KIIS", "2019-05-25", "2019-05-28", "day", "2019-05-25", "q"),
            ("a.csv", "k3", "u3", "KIIS", "2019-05-01", "2019-05-31", "month", "2019-05", "q"),
        ]
    )
    assert assign_poll_ids(f, NO_LINKS)["poll_id"].tolist() == ["kiis-2019-05-10", "kiis-2019-05-25", "kiis-2019-05"]


def test_month_dated_page_of_another_question_is_not_inferred():
    f = _records(
        [
            ("a.csv", "k1", "u1", "KIIS", "2019-05-10", "2019-05-20", "day", "2019-05-10", "q1"),
            ("a.csv", "k2", "u2", "KIIS", "2019-05-01", "2019-05-31", "month", "2019-05", "q2"),
        ]
    )
    assert assign_poll_ids(f, NO_LINKS)["poll_id"].tolist() == ["kiis-2019-05-10", "kiis-2019-05"]


def test_links_join_records_and_a_bad_link_raises():
    f = _records(
        [
            ("a.csv", "k1", "u1", "KIIS", "2019-05-10", "2019-05-20", "day", "2019-05-10", "q"),
            ("b.csv", "m1", "u2", "KIIS", "2019-06-13", "2019-06-23", "day", "2019-06-13", "q"),
        ]
    )
    links = pd.DataFrame(
        [("b.csv", "m1", "a.csv", "k1", "same_fieldwork", "page misdates the fieldwork")], columns=NO_LINKS.columns
    )
    ids = assign_poll_ids(f, links)
    assert ids["poll_id"].tolist() == ["kiis-2019-05-10", "kiis-2019-05-10"]
    assert ids["identity"].tolist() == ["dated", "linked"]
    bad = pd.DataFrame([("b.csv", "nope", "a.csv", "k1", "same_fieldwork", "x")], columns=NO_LINKS.columns)
    with pytest.raises(DataValidationError, match="b.csv:nope"):
        assign_poll_ids(f, bad)


def test_a_record_marked_as_another_fieldwork_of_the_same_start_stays_apart():
    """A house's own wave and a survey it ran for a sponsor, both started on 30 March."""
    f = _records(
        [
            ("a.csv", "own", "u1", "Rating Group", "2022-03-30", "2022-03-31", "day", "2022-03-30", "q1"),
            ("a.csv", "iri", "u2", "Rating Group", "2022-03-30", "2022-04-02", "day", "2022-03-30", "q2"),
            ("b.csv", "iri", "u3", "Rating Group", "2022-03-30", "2022-04-02", "day", "2022-03-30", "q2"),
            ("b.csv", "own", "u4", "Rating Group", "2022-03-30", "2022-03-31", "day", "2022-03-30", "q1"),
            ("c.csv", "m", "u5", "Rating Group", "2022-03-01", "2022-03-31", "month", "2022-03", "q2"),
        ]
    )
    # without review the four day-dated records are one poll, and the month-dated ones join it
    assert assign_poll_ids(f, NO_LINKS)["poll_id"].nunique() == 1
    apart = pd.DataFrame(
        [
            ("a.csv", "iri", "a.csv", "own", "other_fieldwork", "another survey"),
            ("b.csv", "iri", "a.csv", "own", "other_fieldwork", "another survey"),
        ],
        columns=NO_LINKS.columns,
    )
    ids = assign_poll_ids(f, apart)
    assert ids["poll_id"].tolist() == [
        "rating-group-2022-03-30",
        "rating-group-2022-03-30-2",  # the marked records join each other, and are numbered
        "rating-group-2022-03-30-2",
        "rating-group-2022-03-30",
        "rating-group-2022-03-30-2",  # of the two fieldworks of March, only this one asks q2
    ]
    assert ids["identity"].tolist() == ["dated"] * 4 + ["date_inferred"]
    # a month-dated page asking both questions could report either fieldwork: not inferred
    both = pd.concat([f.iloc[:4], f.iloc[[4, 4]].assign(question_type=["q1", "q2"])], ignore_index=True)
    assert assign_poll_ids(both, apart)["poll_id"].iloc[4:].tolist() == ["rating-group-2022-03"] * 2
    typo = apart.assign(relation=["other_fieldwork", "other-fieldwork"])
    with pytest.raises(DataValidationError, match=r"poll_links.csv, row 2.*'relation'.*value 'other-fieldwork'") as e:
        assign_poll_ids(f, typo)  # an unknown relation is named, not read as a link that joins
    assert [(i.row, i.value) for i in e.value.issues] == [(2, "other-fieldwork")]
    needless = apart.assign(same_as_file="c.csv", same_as_key="m")  # another start: apart anyway
    with pytest.raises(DataValidationError, match=r"poll_links.csv.*'relation'.*another house or start"):
        assign_poll_ids(f, needless)


def test_houses_split_joint_names():
    out = house_and_partner(pd.Series(["Democratic Initiatives Foundation & KIIS", "Gallup"]))
    assert out.to_dict("list") == {
        "house": ["Kyiv International Institute of Sociology", "Gallup"],
        "partner": ["Ilko Kucheriv Democratic Initiatives Foundation", ""],
    }


def test_source_kinds_release_only_on_the_pollsters_own_site():
    urls = pd.Series(
        [
            "https://www.kiis.com.ua/?id=1",
            "https://ratinggroup.ua/r",
            "https://www.iri.org/x",
            "https://vlviv.blogspot.com/p",
            "https://sputnikglobe.com/n",
        ]
    )
    orgs = pd.Series(["Kyiv International Institute of Sociology", "KIIS", "Rating Group; IRI", "", ""])
    out = classify_sources(urls, orgs)
    assert out["source_kind"].tolist() == ["pollster_release", "news", "pollster_release", "blog", "state_media"]
    # Outlets of one organisation are one source (Sputnik's sites); the table names it.
    assert out["source_org"].iloc[4] == "Sputnik"
    # An outlet with no organisation named in the table is its own organisation (its domain).
    assert classify_sources(pd.Series(["https://tsn.ua/x"]), pd.Series([""]))["source_org"].iloc[0] == "tsn.ua"


def test_unknown_domain_raises_with_the_url():
    with pytest.raises(DataValidationError, match="example.org"):
        classify_sources(pd.Series(["https://example.org/a"]), pd.Series([""]))


def _figures(shares, kinds, orgs, answers=None):
    n = len(shares)
    return pd.DataFrame(
        {
            "poll_id": ["p"] * n,
            "question_type": ["q"] * n,
            "geography": ["national"] * n,
            "base": ["all_respondents"] * n,
            "answer": answers or ["for"] * n,
            "url": [f"https://{o}/{i}" for i, o in enumerate(orgs)],
            "share": shares,
            "source_kind": kinds,
            "source_org": orgs,
        }
    )


@pytest.mark.parametrize(
    ("shares", "kinds", "orgs", "expected"),
    [
        ([50.0], ["news"], ["x"], "single_secondary"),
        ([50.0, 50.4], ["wire", "wire"], ["ifx", "ifx"], "single_secondary"),  # one wire story reprinted
        ([50.0, 50.4], ["wire", "news"], ["ifx", "x"], "independent_sources_agree"),
        ([50.0, 50.0], ["pollster_release", "news"], ["r", "x"], "pollster_release"),
        ([50.0, 51.0], ["pollster_release", "news"], ["r", "x"], "sources_disagree"),
    ],
)
def test_confidence_levels(shares, kinds, orgs, expected):
    assert set(rate_confidence(_figures(shares, kinds, orgs))) == {expected}


def test_confidence_compares_harmonised_answers_after_summing_sub_answers():
    # Page a gives 40 'fully' + 24 'rather' = 64 'for'; page b gives 64 'for': they agree.
    f = _figures([40.0, 24.0, 64.0], ["news", "news", "wire"], ["a", "a", "b"])
    f["url"] = ["https://a/1", "https://a/1", "https://b/1"]
    assert set(rate_confidence(f)) == {"independent_sources_agree"}
    f.loc[2, "share"] = 60.0
    assert set(rate_confidence(f)) == {"sources_disagree"}


def test_preferred_page_release_then_wire_then_fuller_page():
    f = pd.DataFrame(
        {
            "poll_id": ["p"] * 6,
            "url": [
                "https://news/1",
                "https://news/2",
                "https://news/2",
                "https://wire/1",
                "https://rel/1",
                "https://z/1",
            ],
            "source_kind": ["news", "news", "news", "wire", "pollster_release", "blog"],
        }
    )
    assert preferred_page(f).to_dict() == {
        ("p", "https://rel/1"): 0,
        ("p", "https://wire/1"): 1,
        ("p", "https://news/2"): 2,
        ("p", "https://news/1"): 3,
        ("p", "https://z/1"): 4,
    }


def test_disagreements_name_the_page_the_series_uses():
    f = _figures([72.0, 76.0], ["news", "pollster_release"], ["x", "r"])
    out = disagreements(f)
    assert out["share"].tolist() == [76.0, 72.0] or out["share"].tolist() == [72.0, 76.0]
    used = out.loc[out["used_by_series"] == "yes", "url"].tolist()
    assert used == ["https://r/1"]


def _pages(modes, metadata=("", "", ""), fields=("", "", "")):
    return pd.DataFrame(
        {
            "poll_id": ["p", "p", "q"],
            "url": ["https://news/a", "https://release/b", "https://news/c"],
            "source_kind": ["news", "pollster_release", "news"],
            "mode": list(modes),
            "metadata_url": list(metadata),
            "metadata_fields": list(fields),
        }
    )


MODE_RULES = ["poll_id", "mode", "url"]


def test_a_poll_has_one_mode_named_by_the_page_that_states_it():
    out = poll_modes(_pages(["unknown", "telephone", "unknown"]), pd.DataFrame(columns=MODE_RULES))
    assert out["mode"].tolist() == ["telephone", "telephone", "unknown"]
    assert out["mode_source"].tolist() == ["https://release/b", "", ""]  # its own page says it: empty


def test_a_mode_from_a_metadata_page_and_from_a_page_read_for_the_mode():
    frame = _pages(["face_to_face", "unknown", "unknown"], ("https://meta/m", "", ""), ("sample_size;mode", "", ""))
    rules = pd.DataFrame([["q", "online", "https://extra/e"]], columns=MODE_RULES)
    out = poll_modes(frame, rules)
    assert out["mode"].tolist() == ["face_to_face", "face_to_face", "online"]
    assert out["mode_source"].tolist() == ["https://meta/m", "https://meta/m", "https://extra/e"]


def test_two_modes_for_one_poll_or_a_rule_for_no_poll_fail_the_build():
    with pytest.raises(DataValidationError, match="state two modes"):
        poll_modes(_pages(["telephone", "face_to_face", "unknown"]), pd.DataFrame(columns=MODE_RULES))
    rules = pd.DataFrame([["p", "online", "https://extra/e"]], columns=MODE_RULES)
    with pytest.raises(DataValidationError, match="state two modes"):
        poll_modes(_pages(["telephone", "unknown", "unknown"]), rules)
    rules = pd.DataFrame([["nope", "online", "https://extra/e"]], columns=MODE_RULES)
    with pytest.raises(DataValidationError, match="names no poll"):
        poll_modes(_pages(["unknown"] * 3), rules)


def test_a_page_reporting_two_polls_is_ranked_within_each():
    f = pd.DataFrame(
        {
            "poll_id": ["p", "p", "q", "q"],
            "url": ["https://a", "https://b", "https://a", "https://c"],
            "source_kind": ["news", "wire", "news", "blog"],
        }
    )
    assert preferred_page(f).to_dict() == {("p", "https://b"): 0, ("p", "https://a"): 1, ("q", "https://a"): 0,
                                           ("q", "https://c"): 1}  # fmt: skip


# --------------------------------------------------------------------------- check_identity


def _identity_rows(*rows):
    """rows: (line, key, url, poll_id, base, sample_size, share); national figures of one question."""
    f = pd.DataFrame(rows, columns=["line", "source_poll_key", "url", "poll_id", "base", "sample_size", "share"])
    return f.assign(
        file="f.csv",
        question_type="nato_referendum_vote",
        geography="national",
        geography_as_written="Ukraine",
        answer_as_written="for",
    )


NO_CONFLICTS = pd.DataFrame(columns=["file", "source_poll_key", "field", "reason"])
CLEAN = [
    (2, "a", "https://a", "p1", "all_respondents", "2000", "48"),
    (3, "b", "https://b", "p1", "all_respondents", "2000", "48"),
    (4, "c", "https://c", "p2", "all_respondents", "1200", "53"),
]


def test_check_identity_passes_a_consistent_table() -> None:
    check_identity(_identity_rows(*CLEAN), NO_CONFLICTS)  # the same poll on two pages, another poll: no issue


def test_check_identity_names_a_figure_under_two_poll_ids() -> None:
    twice = _identity_rows(*CLEAN, (5, "d", "https://c", "p3", "all_respondents", "1200", "53"))
    with pytest.raises(DataValidationError, match=r"f\.csv.*one page's figure sits under two poll ids \(p2, p3\)") as e:
        check_identity(twice, NO_CONFLICTS)
    assert [(i.row, i.column, i.value) for i in e.value.issues] == [(3, "source_poll_key", "c")]


def test_check_identity_names_two_bases_and_two_sample_sizes_unless_a_conflict_accepts_them() -> None:
    bases = _identity_rows(*CLEAN, (5, "d", "https://c", "p2", "referendum_participants", "1200", "53"))
    with pytest.raises(DataValidationError, match=r"two bases \(all_respondents, referendum_participants\)"):
        check_identity(bases, NO_CONFLICTS)
    sizes = _identity_rows(*CLEAN[:1], (3, "b", "https://b", "p1", "all_respondents", "2017", "48"))
    with pytest.raises(DataValidationError, match=r"poll p1 has two sample sizes \(2000, 2017\)") as e:
        check_identity(sizes, NO_CONFLICTS)
    assert [(i.row, i.column, i.value) for i in e.value.issues] == [(1, "sample_size", "2000")]
    accepted = pd.DataFrame(
        [("f.csv", "b", "sample_size", "two waves reported together")], columns=NO_CONFLICTS.columns
    )
    check_identity(sizes, accepted)  # the listed conflict excuses it
    with pytest.raises(DataValidationError, match="two bases"):
        check_identity(bases, accepted)  # ...and only the field it names
