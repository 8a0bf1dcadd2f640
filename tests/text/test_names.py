"""Name harmonisers and the alias tables: one allowed name per spelling; properties over any input."""

from __future__ import annotations

import functools
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import ParseError
from analysis.paths import RESOURCES
from analysis.tables.schema import ANSWERS, GEOGRAPHIES
from analysis.text.names import (
    _key,
    harmonise_answer,
    harmonise_pollster,
    harmonise_region,
    harmonise_region_as_read,
    security_answer,
)
from tests.text._strategies import COMMON, NOT_TEXT, names_value, randomise_case


def test_names_are_harmonised_case_and_punctuation_insensitively() -> None:
    assert harmonise_pollster(pd.Series(["razumkov  center"])).tolist() == ["Razumkov Centre"]
    assert harmonise_region(pd.Series(["western ukraine"])).tolist() == ["West"]
    assert harmonise_answer(pd.Series(["Unsure"])).tolist() == ["undecided"]


@pytest.mark.parametrize(
    ("func", "value", "kind"),
    [
        (harmonise_pollster, "Acme Polls", "pollster"),
        (harmonise_region, "Atlantis", "region"),
        (harmonise_answer, "maybe", "answer"),
    ],
)
def test_unknown_names_raise_naming_the_value_and_how_to_pass_aliases(func, value, kind) -> None:
    with pytest.raises(ParseError, match=f"{value}.*aliases=") as exc:
        func(pd.Series([value]))
    assert "resources" not in str(exc.value), "users are never told to edit package files"


# --------------------------------------------------------------------------- names


@functools.cache
def _alias_table(kind: str) -> pd.DataFrame:
    return pd.read_csv(RESOURCES / f"{kind}_aliases.csv", dtype="str", keep_default_na=False)


HARMONISERS = {"pollster": harmonise_pollster, "region": harmonise_region, "answer": harmonise_answer}
ALLOWED = {
    "pollster": set(_alias_table("pollster")["pollster"]),
    "region": {*GEOGRAPHIES, ""},  # "" = outside the harmonised scheme (a city, a merged region)
    "answer": set(ANSWERS),
}


@functools.cache
def _alias_pairs(kind: str) -> list[tuple[str, str]]:
    table = _alias_table(kind)
    return list(zip(table["alias"], table[kind], strict=True))


@st.composite
def respelt_alias(draw: st.DrawFn, kind: str) -> tuple[str, str]:
    """An alias from the table, re-spelt the ways matching must ignore."""
    alias, target = draw(st.sampled_from(_alias_pairs(kind)))
    words = re.split(r"[\s\-_'’.,]+", alias.strip())
    glue = draw(
        st.lists(st.sampled_from([" ", "  ", "-", "_", " - ", ". "]), min_size=len(words) - 1, max_size=len(words) - 1)
    )
    text = words[0] + "".join(g + w for g, w in zip(glue, words[1:], strict=True))
    return draw(st.sampled_from(["", " ", "\t"])) + randomise_case(draw, text) + " ", target


@pytest.mark.parametrize("kind", sorted(HARMONISERS))
def test_alias_tables_map_each_spelling_to_one_allowed_name(kind: str) -> None:
    table = _alias_table(kind)
    targets = table.groupby(table["alias"].map(_key))[kind].nunique()
    assert (targets == 1).all(), f"aliases that match alike but map apart: {targets[targets > 1].index.tolist()}"
    assert set(table[kind]) <= ALLOWED[kind]


@pytest.mark.parametrize("kind", sorted(HARMONISERS))
@settings(max_examples=150, **COMMON)
@given(value=st.one_of(st.text(max_size=25), NOT_TEXT))
def test_harmonise_any_name_gives_an_allowed_name_or_names_the_value(kind: str, value: object) -> None:
    try:
        out = HARMONISERS[kind](pd.Series([value], dtype="object"))
    except ParseError as exc:
        assert names_value(exc, value), str(exc)
        assert "aliases=" in str(exc)
        return
    assert isinstance(value, str)
    assert out.tolist()[0] in ALLOWED[kind]


@pytest.mark.parametrize("kind", sorted(HARMONISERS))
@settings(max_examples=150, **COMMON)
@given(data=st.data())
def test_harmonise_ignores_case_spacing_and_punctuation(kind: str, data: st.DataObject) -> None:
    cases = data.draw(st.lists(respelt_alias(kind), min_size=1, max_size=5))
    names = pd.Series([c[0] for c in cases], index=range(10, 10 + len(cases)))
    out = (harmonise_region_as_read if kind == "region" else HARMONISERS[kind])(names)  # the table's reading
    assert out.tolist() == [c[1] for c in cases]
    assert out.index.tolist() == names.index.tolist()


# --------------------------------------------------------------------------- security_option answers

SECURITY_KEYWORDS = {"neutrality": ["нейтральн", "non-aligned", "позаблок"], "russia_alliance": ["Росі", "CSTO"]}
# Filler that cannot spell any keyword of resources/security_option_answers.csv.
FILLER = st.text(alphabet="0123456789 ,;()xyz", max_size=10)


@settings(max_examples=300, **COMMON)
@given(st.one_of(st.sampled_from(["for", "other", "undecided", "would_not_vote"]), st.text(max_size=8)), st.text())
def test_security_answer_always_gives_an_answer_of_the_vocabulary(answer: str, as_written: str) -> None:
    if answer not in {"for", "against", "other", "undecided", "would_not_vote"}:
        with pytest.raises(ParseError, match=re.escape(repr(answer))):
            security_answer(answer, as_written)
        return
    out = security_answer(answer, as_written)
    assert out in ANSWERS
    if answer == "for":
        assert out == "nato"
    elif answer in {"undecided", "would_not_vote"}:
        assert out == answer
    else:
        assert out in {"neutrality", "russia_alliance", "other"}


@settings(max_examples=100, **COMMON)
@given(st.sampled_from(sorted(SECURITY_KEYWORDS)), FILLER, FILLER, st.data())
def test_security_answer_finds_the_option_keyword_anywhere(option: str, before: str, after: str, data) -> None:
    keyword = data.draw(st.sampled_from(SECURITY_KEYWORDS[option]))
    written = before + randomise_case(data.draw, keyword) + after
    assert security_answer("other", written) == option
    assert security_answer("other", before + after) == "other"


def test_security_answer_refuses_a_missing_answer_as_written() -> None:
    with pytest.raises(ParseError):
        security_answer("other", float("nan"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("answer", "written", "expected"),
    [
        ("for", "вступ до НАТО", "nato"),
        ("other", "non-aligned status", "neutrality"),
        ("other", "военный союз с Россией и другими странами СНГ", "russia_alliance"),
        ("other", "strategic defence cooperation with the USA", "other"),
        ("undecided", "hard to say", "undecided"),
    ],
)
def test_security_option_answers(answer: str, written: str, expected: str) -> None:
    assert security_answer(answer, written) == expected


# --------------------------------------------------------------------------- forgiving, explaining (issue 15)


def test_every_canonical_value_and_every_pollster_in_the_poll_table_is_accepted() -> None:
    from analysis import load_polls

    assert harmonise_region(list(GEOGRAPHIES)).tolist() == list(GEOGRAPHIES)
    pollsters = sorted(set(load_polls()["pollster"]) - {""})
    assert harmonise_pollster(pollsters).tolist() == pollsters


@pytest.mark.parametrize(
    ("func", "written", "expected"),
    [
        (harmonise_region, "Poltava", "Poltava oblast"),
        (harmonise_region, "Lviv region", "Lviv oblast"),
        (harmonise_region, "Kharkov region", "Kharkiv oblast"),
        (harmonise_region, "Zaporozhye", "Zaporizhzhia oblast"),
        (harmonise_region, "Odessa (city)", "Odesa city"),
        (harmonise_region, "city of Lviv", "Lviv city"),
        (harmonise_region, "Transcarpathia", "Zakarpattia oblast"),
        (harmonise_region, "Western regions", "West"),
        (harmonise_region, "Kyiv oblast", "Kyiv oblast"),
        (harmonise_region, "Sevastopol city", "Sevastopol city"),
        (harmonise_pollster, "Rating", "Rating Group"),
        (harmonise_pollster, "Razumkov", "Razumkov Centre"),
        (harmonise_pollster, "IRI", "International Republican Institute"),
        (harmonise_pollster, "SOCIS", "SOCIS"),
        (harmonise_pollster, "Pew Research Center", "Pew Research Center"),
    ],
)
def test_short_forms(func, written: str, expected: str) -> None:
    assert func([written]).tolist() == [expected]


@pytest.mark.parametrize(
    "written", ["Kyiv", "Kiev", "Киев", "Kharkiv", "Kharkov", "Харьков", "Lviv", "Odessa", "Одесса"]
)
def test_a_bare_name_shared_by_a_city_and_its_oblast_is_ambiguous_in_every_spelling(written: str) -> None:
    # one rule (review 11): "Kyiv" was refused while "Kharkiv" silently became the oblast and "Харьков" the city
    with pytest.raises(ParseError, match=r"ambiguous: it may mean '\w[\w-]* city' or '\w[\w-]* oblast'"):
        harmonise_region([written])


def test_kyiv_alone_is_ambiguous_and_the_error_lists_the_options() -> None:
    with pytest.raises(ParseError, match="Kyiv city.*Kyiv oblast"):
        harmonise_region(pd.Series(["Kyiv"]))
    assert harmonise_region(["Kyiv"], aliases={"Kyiv": "Kyiv oblast"}).tolist() == ["Kyiv oblast"]
    assert harmonise_region_as_read(pd.Series(["Kyiv"])).tolist() == ["Kyiv city"]  # the build's sources


def test_extra_aliases_from_a_mapping_or_a_csv(tmp_path) -> None:
    csv = tmp_path / "mine.csv"
    csv.write_text("alias,pollster\nAcme Polls,Acme Research\n", encoding="utf-8")
    assert harmonise_pollster(["Acme Polls", "KIIS"], aliases=csv).tolist() == [
        "Acme Research",
        "Kyiv International Institute of Sociology",
    ]
    assert harmonise_pollster(pd.Series(["acme polls"]), aliases={"Acme Polls": "Acme"}).tolist() == ["Acme"]
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n", encoding="utf-8")
    with pytest.raises(ParseError, match="needs the columns 'alias'"):
        harmonise_pollster(["a"], aliases=bad)
    with pytest.raises(ParseError, match="does not exist"):
        harmonise_pollster(["a"], aliases=tmp_path / "missing.csv")


@pytest.mark.parametrize(
    "as_written",
    [
        "join the Collective Security Treaty Organization (CSTO)",
        "членство в Організації договору про колективну безпеку",  # KIIS, October 2020 (blind audit 4)
        "вступление в Организацию Договора о коллективной безопасности",
        "вступ до ОДКБ",
    ],
)
def test_the_russia_led_alliance_is_read_in_every_language_it_is_written(as_written: str) -> None:
    assert security_answer("other", as_written) == "russia_alliance"
    assert security_answer("other", "розвивати власні збройні сили") == "other"  # positive control


def test_every_organisation_that_commissions_a_joint_poll_is_a_commissioner() -> None:
    import pandas as pd

    from analysis.paths import RESOURCES
    from analysis.text.names import commissioners

    houses = pd.read_csv(RESOURCES / "houses.csv", dtype="str", keep_default_na=False)
    assert set(houses["partner"]) <= commissioners()  # the joint labels' commissioners are listed with a reason
    assert not set(houses["house"]) & commissioners()  # and no commissioner is a fieldwork house
    table = pd.read_csv(RESOURCES / "commissioners.csv", dtype="str", keep_default_na=False)
    assert table["reason"].str.len().gt(20).all()


@pytest.mark.parametrize(
    "written",
    [
        "“Rating”",
        "«Rating»",
        "the Rating Group",
        "Rating Group (RG)",
        "KIIS (Kyiv International Institute of Sociology)",
    ],
)
def test_quotation_marks_a_leading_the_and_a_name_in_parentheses_are_read(written: str) -> None:
    expected = "Kyiv International Institute of Sociology" if written.startswith("KIIS") else "Rating Group"
    assert harmonise_pollster([written]).tolist() == [expected]


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        ({"Kyiv": "Atlantis"}, "not a geography of the tables"),
        ({"Kharkov": None}, "gives no region name"),
        ({"Kharkov": ""}, "gives no region name"),
    ],
)
def test_a_user_alias_must_give_a_geography_of_the_tables(aliases, message) -> None:
    with pytest.raises(ParseError, match=message):
        harmonise_region(["Kyiv"], aliases=aliases)
    assert harmonise_region(["Kyiv"], aliases={"Kyiv": "Kyiv Oblast"}).tolist() == ["Kyiv oblast"]  # its spelling


def test_an_alias_file_that_gives_one_name_two_targets_is_refused(tmp_path) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text("alias,region\nKyiv,Kyiv city\nkyiv,Kyiv oblast\n", encoding="utf-8")
    with pytest.raises(ParseError, match="more than one region"):
        harmonise_region(["Kyiv"], aliases=path)
