"""Table definitions are data (resources/tables.json); vocabularies agree with the parsers."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.errors import DataValidationError
from analysis.paths import RESOURCES
from analysis.tables.schema import GEOGRAPHIES, SCHEMAS, UNITS, VOCABULARIES, finalise
from analysis.text.dates import DATE_PRECISIONS
from analysis.text.shares import SHARE_QUALIFIERS


def test_definitions_file_lists_every_table_and_names_only_known_vocabularies() -> None:
    definitions = json.loads((RESOURCES / "tables.json").read_text(encoding="utf-8"))
    assert [t["name"] for t in definitions["tables"]] == list(SCHEMAS)
    named = {f["enum"] for t in definitions["tables"] for f in t["fields"] if isinstance(f.get("enum"), str)}
    assert named <= set(VOCABULARIES)


def test_vocabularies_agree_with_what_the_parsers_produce() -> None:
    assert VOCABULARIES["date_precisions"] == DATE_PRECISIONS
    assert VOCABULARIES["share_qualifiers"] == SHARE_QUALIFIERS
    assert len(UNITS) == 27 and GEOGRAPHIES[0] == "national"


def test_finalise_refuses_duplicate_keys_and_writes_dates_as_iso() -> None:
    events = SCHEMAS["events"]
    row = {f.name: "1" if f.type == "integer" else "x" for f in events.fields}
    row |= {"date": pd.Timestamp("2000-01-02"), "date_end": pd.NaT}
    out = finalise(pd.DataFrame([row]), events)
    assert out.loc[0, "date"] == "2000-01-02" and out.loc[0, "date_end"] == ""
    with pytest.raises(DataValidationError, match="duplicate primary key"):
        finalise(pd.DataFrame([row, row]), events)


def test_each_question_type_is_named_and_worded_once_for_every_page() -> None:
    from analysis.report import explorer, plots, site
    from analysis.tables.describe import intro
    from analysis.tables.schema import ANSWERS, QUESTIONS

    assert VOCABULARIES["question_types"] == tuple(QUESTIONS.index)
    assert QUESTIONS.notna().all().all() and QUESTIONS.index.is_unique
    assert set(QUESTIONS["answer_shown"]) <= set(ANSWERS)
    for question, row in QUESTIONS.iterrows():
        assert plots.plain_label(question) == row.chart_label
        assert explorer.HEADLINE_ANSWER[question] == (row.answer_shown, row.reader_label)
        assert site.plain(question) == row.plain_phrase
        assert f"| `{question}` | {row.question} |" in intro().splitlines()
    assert "{%" not in intro() and "{{" not in intro()
