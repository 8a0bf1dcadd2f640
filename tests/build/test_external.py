"""External poll series: every row sourced and dated, poll ids coherent, every transcribed row accounted for."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.build.external import build_external, read_external
from analysis.build.identity import FIGURE_KEY, page_totals
from analysis.paths import DATA, RAW
from analysis.tables.load import load_polls, load_table


@pytest.fixture(scope="module")
def polls() -> pd.DataFrame:
    return load_polls()


def test_every_external_row_has_a_url_and_a_fieldwork_date(polls) -> None:
    ext = polls[polls["source_type"] == "external"]
    assert len(ext) > 400
    assert ext["source"].str.match(r"^https?://").all()
    assert ext["field_start"].notna().all() and (ext["field_start"] <= ext["field_end"]).all()


def test_a_poll_id_is_one_pollster_and_one_fieldwork_interval(polls) -> None:
    per_id = polls.groupby("poll_id").agg(pollsters=("pollster", "nunique"), starts=("field_start", "nunique"))
    assert (per_id["pollsters"] == 1).all()
    # sources may date the same poll at different precision (a day vs its month or year): every
    # page's interval must contain the start of the fieldwork as the most precise page dates it;
    # a page joined by a reviewed link (data/raw/poll_links.csv, pages that date one poll
    # differently) must at least overlap that page's interval
    order = {"day": 0, "month": 1, "season": 2, "year": 3}
    multi = per_id[per_id["starts"] > 1].index
    for pid in multi:
        rows = polls[polls["poll_id"] == pid]
        finest = rows.loc[rows["date_precision"].map(order).idxmin()]
        contains = (rows["field_start"] <= finest["field_start"]) & (rows["field_end"] >= finest["field_start"])
        overlaps = (rows["field_start"] <= finest["field_end"]) & (rows["field_end"] >= finest["field_start"])
        linked = rows["identity"] == "linked"
        assert (contains | (linked & overlaps)).all(), pid
    assert per_id.loc[multi].shape[0] >= 3  # the check has polls to bite on


def test_every_transcribed_row_is_loaded_or_reported(polls) -> None:
    transcribed = sum(len(f) for f in read_external(RAW / "external").values())
    rejected = load_table("external_rejected")
    assert (polls["source_type"] == "external").sum() + len(rejected) == transcribed
    assert set(rejected["reason"].str.split(":").str[0]) <= {
        "no fieldwork date in the source",
        "geography outside the harmonised scheme",
        "repeat of a row read from the same page",
        "excluded",
    }


def test_build_external_is_deterministic() -> None:
    a, ra, da = build_external(RAW)
    b, rb, db = build_external(RAW)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(da, db)
    pd.testing.assert_frame_equal(ra, rb)


def test_targets_of_the_series(polls) -> None:
    ext = polls[polls["source_type"] == "external"]
    membership = ext[ext["question_type"].isin(["nato_referendum_vote", "nato_membership_support"])]
    national = membership[membership["geography"] == "national"]
    assert national["poll_id"].nunique() >= 100
    assert national.loc[national["field_start"] < "2014-01-01", "poll_id"].nunique() >= 20
    regional = ext[ext["geography"] != "national"]
    assert regional["poll_id"].nunique() >= 20
    assert regional.loc[regional["field_start"] < "2014-01-01", "poll_id"].nunique() >= 6
    assert regional.loc[regional["field_start"] >= "2022-02-24", "poll_id"].nunique() >= 6


def test_conflicting_sources_are_all_kept_and_flagged(polls) -> None:
    # Compared on harmonised answers after summing sub-answers per page (identity.page_totals).
    disagree = polls[polls["confidence"] == "sources_disagree"].rename(columns={"source": "url"})
    totals = page_totals(disagree)
    groups = totals.groupby(FIGURE_KEY)
    assert groups.ngroups >= 8  # the check has figures to bite on (8 in the data as of December 2026)
    for _, group in groups:
        assert group["url"].nunique() >= 2
        assert group["share"].max() - group["share"].min() > 0.5
    # every such figure is in data/disagreements.csv, with exactly one page used by the series
    listed = pd.read_csv(DATA / "disagreements.csv", dtype="str", keep_default_na=False)
    assert listed.groupby(FIGURE_KEY).ngroups == groups.ngroups
    assert (listed.groupby(FIGURE_KEY)["used_by_series"].apply(lambda s: (s == "yes").sum()) == 1).all()


def test_a_binary_trade_off_is_not_read_as_the_security_option_menu(polls) -> None:
    # KIIS, May 2022 asked whether to hold to NATO or accept guarantees from single states instead:
    # a choice of two, not "which option best secures Ukraine" (NATO / neutrality / Russia ...), so
    # its 39% must not enter the security-option series (a blind audit found it there)
    kiis = polls[polls["poll_id"] == "kyiv-international-institute-of-sociology-2022-05-13"]
    assert len(kiis) >= 11 and set(kiis["question_type"]) == {"nato_or_guarantees"}
    assert set(kiis["answer"]) == {"for", "against", "undecided"}
    national = kiis[(kiis["geography"] == "national") & (kiis["answer"] == "for")]
    assert set(national["share"]) == {39.0}
    menu = polls[polls["question_type"] == "security_option"]
    assert not menu["question_wording"].str.contains("guarantees from individual", case=False).any()


def test_the_extremes_of_a_many_option_item_are_not_read_as_support_and_opposition(polls) -> None:
    # Sofia, September 2006: the page prints only "join without delay" (10.3) and "never" (44.8) of a
    # many-option item; as support/oppose shares they would sit far below every binary question's
    sofia = polls[polls["poll_id"] == "sofia-center-for-sociological-studies-2006-09-09"]
    assert len(sofia) >= 6 and "nato_membership_support" not in set(sofia["question_type"])
    rejected = load_table("external_rejected")
    kept_aside = rejected[
        (rejected["source_poll_key"] == "sofia-2006-09") & rejected["reason"].str.startswith("excluded")
    ]
    assert sorted(kept_aside["share"].astype(float)) == [10.3, 44.8]


def test_a_figure_restated_in_a_later_release_is_not_a_second_poll(polls) -> None:
    # KIIS's January 2025 release restates the 84% of NDI's May 2024 survey; a page that dates it to
    # December 2024 would otherwise add a phantom December poll to the membership series
    membership = polls[(polls["question_type"] == "nato_membership_support") & (polls["geography"] == "national")]
    december = membership[membership["field_start"].dt.strftime("%Y-%m") == "2024-12"]
    assert 84.0 not in set(december["share"])
    may = membership[membership["poll_id"] == "kyiv-international-institute-of-sociology-2024-05"]
    assert 84.0 in set(may["share"])
    rejected = load_table("external_rejected")
    assert (rejected["source_poll_key"] == "nx-kiis-2024-12").sum() == 1


def test_who_a_poll_reached_after_the_invasion_is_never_an_empty_cell(polls) -> None:
    ext = polls[polls["source_type"] == "external"]
    after = ext["field_start"] >= pd.Timestamp("2022-02-24")
    for column in ("covers_occupied_2022", "covers_abroad"):
        assert set(ext.loc[after, column]) <= {"yes", "no", "unknown"}, column
        assert (ext.loc[after, column] != "unknown").any(), column  # pages that say so are kept as said
        assert set(ext.loc[~after, column]) == {""}, column
    # a page whose own coverage text excludes the areas without government control says so
    razumkov = ext[ext["poll_id"] == "razumkov-centre-2022-12-13"]
    assert set(razumkov["covers_occupied_2022"]) == {"no"}


def test_a_page_that_words_a_figure_as_about_or_over_gives_its_qualifier(polls) -> None:
    ext = polls[polls["source_type"] == "external"]
    worded = ext[ext["share_qualifier"] != "exact"]
    assert len(worded) >= 10
    assert set(worded["share_qualifier"]) <= {"approximate", "lower_bound", "upper_bound"}
    fom = ext[(ext["poll_id"] == "fom-ukraine-2008-09-12") & (ext["answer"] == "would_not_vote")]
    assert fom[["share", "share_qualifier", "share_as_written"]].values.tolist() == [[6.0, "approximate", "about 6%"]]
    # a plain number stays exact (positive control of the rule's reach)
    assert (ext.loc[ext["share_as_written"].str.fullmatch(r"[\d.]+"), "share_qualifier"] == "exact").all()


def test_naming_nato_in_a_list_of_threats_is_not_the_threat_or_protection_question(polls) -> None:
    razumkov = polls[polls["poll_id"].isin(["razumkov-centre-2011-03-01", "razumkov-centre-2011-02-21"])]
    external = razumkov[razumkov["source_type"] == "external"]
    assert len(external) >= 2 and set(external["question_type"]) == {"nato_named_threat"}
    assert {20.6, 51.0} <= set(external["share"])


def test_a_poll_dated_by_a_second_page_names_that_page(polls) -> None:
    ndi = polls[polls["source"].str.contains("ndi-january-2023-poll", regex=False)]
    assert len(ndi) == 1
    row = ndi.iloc[0]
    assert (row["field_start"], row["field_end"]) == (pd.Timestamp("2023-01-04"), pd.Timestamp("2023-01-16"))
    assert row["sample_size"] == 2508 and row["mode"] == "telephone"
    assert row["metadata_source"].startswith("https://www.acorianooriental.pt/")


def test_two_samples_of_one_release_are_two_polls(polls) -> None:
    # Rating's 4-10 July 2023 release reports a sample in Ukraine (7-10 July, 2,000 by telephone) and a
    # separate sample of Ukrainians in Europe: two fieldworks, so two polls, and the 2,000 belongs to one
    ukraine = polls[polls["poll_id"] == "rating-group-2023-07-07"]
    abroad = polls[polls["poll_id"] == "rating-group-2023-07-04"]
    assert set(ukraine["geography"]) == {"national", "East"} and set(ukraine["sample_size"]) == {2000}
    assert set(ukraine["mode"]) == {"telephone"} and set(ukraine["field_start"]) == {pd.Timestamp("2023-07-07")}
    assert set(abroad["geography"]) == {"Ukrainians abroad"} and abroad["sample_size"].isna().all()
    assert set(abroad["mode"]) == {"unknown"}


def test_the_house_is_the_organisation_that_did_the_fieldwork(polls) -> None:
    # a page that names the fieldwork firm gives the house; the commissioning foundation or institute is the sponsor
    houses = polls.drop_duplicates("poll_id").set_index("poll_id")
    for poll_id, house, sponsor in [
        (
            "ukrainian-sociology-service-2007-12-05",
            "Ukrainian Sociology Service",
            "Ilko Kucheriv Democratic Initiatives",
        ),
        (
            "ukrainian-sociology-service-2008-03-17",
            "Ukrainian Sociology Service",
            "Ilko Kucheriv Democratic Initiatives",
        ),
        ("gfk-ukraine-2017-11-15", "GfK Ukraine", "International Republican Institute"),
    ]:
        assert houses.loc[poll_id, "pollster"] == house
        assert houses.loc[poll_id, "sponsor"].startswith(sponsor)
    gone = [
        "ilko-kucheriv-democratic-initiatives-foundation-2007-12-05",
        "ilko-kucheriv-democratic-initiatives-foundation-2008-03-17",
        "rating-group-2017-12",
    ]
    assert not set(gone) & set(houses.index)
    # the page that names the house is recorded, and the disagreement is said
    gfk = polls[polls["poll_id"] == "gfk-ukraine-2017-11-15"]
    assert gfk["metadata_fields"].str.startswith("pollster;").all()
    assert gfk["notes"].str.contains("Interfax credits Rating").all()


def test_month_dated_reposts_take_the_fieldwork_of_the_wave_they_report(polls) -> None:
    waves = polls.drop_duplicates("poll_id").set_index("poll_id")
    for poll_id, start, end, n in [
        ("rating-group-2014-11-06", "2014-11-06", "2014-11-13", 2000),
        ("rating-group-2015-09-07", "2015-09-07", "2015-09-21", 1200),
        ("rating-group-2018-05-26", "2018-05-26", "2018-06-10", 2400),
        ("gfk-ukraine-2017-11-15", "2017-11-15", "2017-12-14", 2400),
        ("kyiv-international-institute-of-sociology-2015-05-19", "2015-05-19", "2015-05-29", 2022),
    ]:
        row = waves.loc[poll_id]
        assert (row["field_start"], row["field_end"]) == (pd.Timestamp(start), pd.Timestamp(end)), poll_id
        assert row["sample_size"] == n and row["date_precision"] == "day", poll_id
        assert row["metadata_source"].startswith("http"), poll_id


def test_the_pollsters_own_release_gives_the_whole_answer(polls) -> None:
    # Gorshenin's release of June 2014 lists 47.3 for, 36.2 against, 4.1 would not vote, 12.4 undecided;
    # a repost's garbled wording of the 36.2 had once set it aside
    june = polls[(polls["poll_id"] == "gorshenin-institute-2014-06") & (polls["source_kind"] == "pollster_release")]
    assert dict(zip(june["answer"], june["share"], strict=True)) == {
        "for": 47.3,
        "against": 36.2,
        "would_not_vote": 4.1,
        "undecided": 12.4,
    }
    exclusions = pd.read_csv(RAW / "external_exclusions.csv", dtype="str")
    assert not (exclusions["source_poll_key"] == "gorshenin-2014-06").any()


def test_a_trend_figure_joins_the_wave_its_release_dates_it_to(polls) -> None:
    # DIF's 'May 2014' security-option figures are its 14-18 May survey with the Razumkov Centre; the
    # 'autumn 2015' East figures of the May 2016 release are the 14-22 November 2015 wave
    may = polls[polls["poll_id"] == "razumkov-centre-2014-05-14"]
    assert {("nato", 33.0), ("russia_alliance", 13.0)} <= set(zip(may["answer"], may["share"], strict=True))
    autumn = polls[(polls["poll_id"] == "razumkov-centre-2015-11-14") & (polls["base"] == "referendum_participants")]
    assert {("East", "for", 57.0), ("East", "against", 41.0)} <= set(
        zip(autumn["geography"], autumn["answer"], autumn["share"], strict=True)
    )
    assert not {"ilko-kucheriv-democratic-initiatives-foundation-2014-05", "razumkov-centre-2015"} & set(
        polls["poll_id"]
    )


def test_a_poll_that_names_only_its_commissioner_is_flagged(polls) -> None:
    from analysis.text.names import commissioners

    external = polls[polls["source_type"] == "external"]
    flagged = external["flags"].str.contains("house_not_named")
    assert set(external.loc[flagged, "pollster"]) <= commissioners() and flagged.any()
    assert not external.loc[~flagged, "pollster"].isin(commissioners()).any()
    # a poll whose page names the fieldwork firm is not flagged: DIF's December 2007 poll is the USS's
    dec = external[external["poll_id"] == "ukrainian-sociology-service-2007-12-05"]
    assert not dec["flags"].str.contains("house_not_named").any()
