"""Table schemas: one definition per table drives validation, the Frictionless data
package (``data/datapackage.json``) and the codebook (``data/README.md``).

A schema lists its fields (name, type, description, unit, allowed values, bounds) and its
primary key. :func:`validate` checks a table read as text and returns every issue found
(file, row, column, value); :func:`finalise` is the one shared last step of every builder:
column order, dtypes, unique non-null keys and sorted rows.

>>> [f.name for f in SCHEMAS["audit"].fields][:3]
['audit_id', 'seed_file', 'start']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.errors import DataValidationError, Issue
from analysis.normalise import DATE_PRECISIONS, SHARE_QUALIFIERS
from analysis.paths import RESOURCES

QUESTION_TYPES = (
    "nato_referendum_vote",
    "nato_membership_support",
    "nato_threat_protection",
    "referendum_holding_support",
    "security_option",
    "csto_attitude",
)
ANSWERS = (
    "for",
    "against",
    "undecided",
    "would_not_vote",
    "threat",
    "protection",
    "neither",
    "nato",
    "neutrality",
    "russia_alliance",
    "other",
)
MACRO_REGIONS = ("West", "Centre", "South", "East", "Donbas")
UNITS = tuple(pd.read_csv(RESOURCES / "units.csv", dtype="str")["unit"])
"""The 27 first-level units: 24 oblasts, Crimea, Kyiv city and Sevastopol city."""
GEOGRAPHIES = ("national", *MACRO_REGIONS, *UNITS)
EVENT_CATEGORIES = (
    "agreement",
    "assistance",
    "conflict",
    "diplomacy",
    "election",
    "legislation",
    "military_deployment",
    "military_exercise",
    "other",
    "petition",
    "policy",
    "summit",
)
PROBLEM_TYPES = (
    "anachronism",
    "contradiction",
    "garbled_text",
    "implausible_figure",
    "unrelated_content",
    "unsourced_figure",
    "wrong_date",
    "wrong_fact",
    "wrong_name",
)


@dataclass(frozen=True)
class Field:
    """One column: its Table Schema type, meaning, unit and constraints."""

    name: str
    type: str  # Table Schema type: string, integer, number, date
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Schema:
    """A table: name, title, description, fields in order, and the primary key."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    sort_by: tuple[str, ...] = field(default=())

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _seed_span_fields(what: str) -> tuple[Field, ...]:
    return (
        Field("source", "string", f"Where the {what} comes from: a seed file name or a URL.", True),
        Field(
            "quote",
            "string",
            "Verbatim sentence of the seed the row rests on (seed rows only; empty otherwise).",
        ),
        Field(
            "quote_start",
            "integer",
            "Offset of the quote's first character in the seed, decoded as UTF-8 (Python index).",
            minimum=0,
            unit="characters",
        ),
        Field(
            "quote_end",
            "integer",
            "Offset one past the quote's last character: seed[quote_start:quote_end] == quote.",
            minimum=0,
            unit="characters",
        ),
    )


_FLAGS = Field(
    "flags",
    "string",
    "Semicolon-separated tokens: 'audit:AUD-nnn' (rests on a passage listed in the seed audit),"
    " 'date_from_context' (the date, or its year, is not in the quoted sentence but earlier in the paragraph), 'pollster_unnamed'.",
)

POLLS = Schema(
    name="polls",
    title="Poll figures on Ukrainian attitudes to NATO",
    description=(
        "One row per poll x question x geography x base x answer option. Seed rows carry the"
        " verbatim sentence and its offsets; external rows carry the URL read."
    ),
    fields=(
        Field("poll_id", "string", "Identifier of the poll (one per poll and source).", True),
        Field("pollster", "string", "Harmonised pollster name; empty when the source names none."),
        Field("pollster_as_written", "string", "Pollster as the source writes it."),
        Field("sponsor", "string", "Who commissioned or funded the poll, as the source says; empty if not stated."),
        Field("field_start", "date", "First day of fieldwork (or of the period the source gives).", True),
        Field("field_end", "date", "Last day of fieldwork (or of the period the source gives).", True),
        Field(
            "date_precision",
            "string",
            "How precisely the source dates the poll: the field_start..field_end interval is a"
            " day (or range of days), a month, a season or a year.",
            True,
            enum=DATE_PRECISIONS,
        ),
        Field("sample_size", "integer", "Number of respondents; empty when unknown.", minimum=1, unit="persons"),
        Field(
            "mode",
            "string",
            "Survey mode.",
            True,
            enum=("face_to_face", "telephone", "online", "mixed", "unknown"),
        ),
        Field("population", "string", "Who was surveyed, as the source describes it (paraphrased)."),
        Field(
            "covers_crimea",
            "string",
            "Whether Crimea was surveyed, as stated by the source.",
            True,
            enum=("yes", "no", "unknown"),
        ),
        Field(
            "covers_occupied_donbas",
            "string",
            "Whether the occupied parts of Donetsk and Luhansk oblasts were surveyed.",
            True,
            enum=("yes", "no", "unknown"),
        ),
        Field("question_type", "string", "Which kind of question.", True, enum=QUESTION_TYPES),
        Field("question_wording", "string", "The question, paraphrased (never quoted)."),
        Field(
            "base",
            "string",
            "Whom the shares are of: all respondents, or only those who would vote in a"
            " referendum; 'unknown' when the source does not say. Never mix bases.",
            True,
            enum=("all_respondents", "referendum_participants", "unknown"),
        ),
        Field("geography", "string", "Harmonised geography.", True, enum=GEOGRAPHIES),
        Field("geography_as_written", "string", "Geography as the source writes it.", True),
        Field("answer", "string", "Harmonised answer option.", True, enum=ANSWERS),
        Field("answer_as_written", "string", "Answer option as the source writes it.", True),
        Field("share", "number", "Share giving this answer.", True, minimum=0, maximum=100, unit="percent"),
        Field(
            "share_qualifier",
            "string",
            "How the share is stated: exact, approximate ('about'), lower_bound ('over'), upper_bound ('up to').",
            True,
            enum=SHARE_QUALIFIERS,
        ),
        Field("share_as_written", "string", "The figure as the source writes it.", True),
        Field(
            "source_type",
            "string",
            "'seed' (one of the two seed articles) or 'external' (a page read with the search tool).",
            True,
            enum=("seed", "external"),
        ),
        *_seed_span_fields("figure"),
        Field(
            "share_start",
            "integer",
            "Offset of the figure (share_as_written) in the seed; seed rows only.",
            minimum=0,
            unit="characters",
        ),
        Field("share_end", "integer", "Offset one past the figure in the seed.", minimum=0, unit="characters"),
        Field(
            "confidence",
            "string",
            "single_source: only this source; two_sources_agree; sources_disagree.",
            True,
            enum=("single_source", "two_sources_agree", "sources_disagree"),
        ),
        Field(
            "linked_poll_id",
            "string",
            "For a seed row: the poll_id of the external record of the same poll (see data/raw/seed_poll_links.csv).",
        ),
        _FLAGS,
        Field("notes", "string", "Remarks, in our words."),
    ),
    primary_key=("poll_id", "source", "question_type", "geography", "base", "answer_as_written"),
    sort_by=("field_start", "poll_id", "source", "question_type", "geography", "base", "answer_as_written"),
)

EVENTS = Schema(
    name="events",
    title="Dated events in Ukraine-NATO relations, from the seeds",
    description="One row per dated event the seeds report, with the verbatim sentence and offsets.",
    fields=(
        Field("event_id", "string", "Identifier of the event.", True),
        Field("date", "date", "First day of the event (or of the period the seed gives).", True),
        Field("date_end", "date", "Last day of the event or period.", True),
        Field("date_precision", "string", "Precision of the date.", True, enum=DATE_PRECISIONS),
        Field("date_as_written", "string", "The date as the seed writes it.", True),
        Field("title", "string", "Short title, in our words.", True),
        Field("category", "string", "Kind of event.", True, enum=EVENT_CATEGORIES),
        Field("actors", "string", "Main actors, semicolon-separated.", True),
        *_seed_span_fields("event"),
        _FLAGS,
        Field("notes", "string", "Remarks, in our words."),
    ),
    primary_key=("event_id",),
    sort_by=("date", "event_id"),
)

AUDIT = Schema(
    name="audit",
    title="Seed audit: problems found in the seed articles",
    description=(
        "One row per problem in a seed: where (offsets), what is wrong, and the corrected value"
        " with its source where one was found."
    ),
    fields=(
        Field("audit_id", "string", "Identifier of the problem (AUD-nnn).", True),
        Field("seed_file", "string", "Seed file name.", True),
        Field(
            "start", "integer", "Offset of the flawed passage's first character.", True, minimum=0, unit="characters"
        ),
        Field(
            "end", "integer", "Offset one past the flawed passage's last character.", True, minimum=0, unit="characters"
        ),
        Field(
            "excerpt",
            "string",
            "The flawed passage, verbatim: seed[start:end] (abridged when it runs to the end of the file).",
            True,
        ),
        Field("problem_type", "string", "Kind of problem.", True, enum=PROBLEM_TYPES),
        Field("description", "string", "What is wrong, in our words.", True),
        Field("corrected_value", "string", "The corrected value, where a source gives one."),
        Field("correction_source", "string", "URL of the page that supports the correction."),
        Field(
            "evidence_source",
            "string",
            "URL consulted when no correction could be made (e.g. a search that found the figure unsupported).",
        ),
    ),
    primary_key=("audit_id",),
    sort_by=("audit_id",),
)

PRESIDENCIES = Schema(
    name="presidencies",
    title="Presidential terms, as the seed's section headings give them",
    description="One row per president; terms are known to the year only.",
    fields=(
        Field("president", "string", "President of Ukraine.", True),
        Field("term_start", "date", "First day of the first year of the term (year precision).", True),
        Field(
            "term_end",
            "date",
            "Last day of the last year of the term; empty while in office.",
        ),
        Field("years_as_written", "string", "The term as the seed's heading writes it.", True),
        *_seed_span_fields("term"),
    ),
    primary_key=("president",),
    sort_by=("term_start", "president"),
)

_TRANSCRIPTION = (
    "source_poll_key",
    "pollster_as_written",
    "sponsor",
    "field_start",
    "field_end",
    "published",
    "sample_size",
    "mode",
    "coverage_note",
    "covers_crimea",
    "covers_occupied_donbas",
    "question_type",
    "question_paraphrase",
    "base",
    "geography_as_written",
    "answer_as_written",
    "answer",
    "share",
    "url",
    "notes",
)

EXTERNAL_REJECTED = Schema(
    name="external_rejected",
    title="Transcribed external poll rows not loaded into the poll table, with the reason",
    description=(
        "Every row of data/raw/external/*.csv that is not in polls.csv, as transcribed, with the file, line and"
        " reason (no fieldwork date, geography outside the scheme, a reviewed exclusion, or a repeat)."
    ),
    fields=(
        Field("file", "string", "Transcription file in data/raw/external/.", True),
        Field("line", "integer", "Line of the row in that file (header = line 1).", True, minimum=2),
        *(Field(c, "string", f"As transcribed: `{c}` (see data/raw/external/FORMAT.md).") for c in _TRANSCRIPTION),
        Field("reason", "string", "Why the row is not in polls.csv.", True),
    ),
    primary_key=("file", "line"),
    sort_by=("file", "line"),
)

POPULATION = Schema(
    name="population",
    title="Population by first-level unit: the 2001 census and official estimates",
    description=(
        "One row per unit and measure. Totals (all ages): no source with adult population by oblast was found."
        " The 2021 estimate excludes Crimea and Sevastopol (not surveyed by the statistics service)."
    ),
    fields=(
        Field("unit", "string", "Oblast, Crimea, Kyiv city or Sevastopol city (harmonised name).", True, enum=UNITS),
        Field("unit_as_written", "string", "The unit as the source writes it.", True),
        Field(
            "measure",
            "string",
            "census_2001_present: census, present population; estimate_2014_present and estimate_2021_resident:"
            " State Statistics Service estimates on 1 January.",
            True,
            enum=("census_2001_present", "estimate_2014_present", "estimate_2021_resident"),
        ),
        Field("reference_date", "date", "Date the figure refers to.", True),
        Field(
            "population",
            "integer",
            "Persons (the sources give thousands; multiplied by 1000).",
            True,
            minimum=1,
            unit="persons",
        ),
        Field("kind", "string", "'total' (all ages) or 'adult'.", True, enum=("total", "adult")),
        Field("source", "string", "URL of the page read.", True),
        Field("notes", "string", "Remarks, in our words."),
    ),
    primary_key=("unit", "measure"),
    sort_by=("measure", "unit"),
)

REGION_DEFINITIONS = Schema(
    name="region_definitions",
    title="Which units each pollster's macro-regions contain",
    description=(
        "One row per pollster x macro-region x unit. '(default)' is the assumed scheme for pollsters whose own"
        " definition no source states; a pollster's own rows replace the default for that region."
    ),
    fields=(
        Field("pollster", "string", "Harmonised pollster name, or '(default)'.", True),
        Field("region", "string", "Macro-region.", True, enum=MACRO_REGIONS),
        Field("unit", "string", "Unit in the region.", True, enum=UNITS),
        Field("status", "string", "'stated' by a source, or 'assumed' by us.", True, enum=("stated", "assumed")),
        Field("source", "string", "URL stating the definition (stated rows only)."),
        Field("notes", "string", "Remarks, in our words."),
    ),
    primary_key=("pollster", "region", "unit"),
    sort_by=("pollster", "region", "unit"),
)

SCHEMAS: dict[str, Schema] = {
    s.name: s for s in (POLLS, EVENTS, AUDIT, PRESIDENCIES, EXTERNAL_REJECTED, POPULATION, REGION_DEFINITIONS)
}


# --------------------------------------------------------------------------- validation


def _type_issues(values: pd.Series, f: Field, file: str) -> list[Issue]:
    """Check one column (read as text, '' = missing) against its field definition."""
    issues: list[Issue] = []
    present = values != ""
    if f.required:
        issues += [Issue(file, r, f.name, "", "required value is missing") for r in values.index[~present]]
    vals = values[present]
    if f.type == "integer":
        num = pd.to_numeric(vals, errors="coerce")
        bad = num.isna() | (num % 1 != 0)
        issues += [Issue(file, r, f.name, v, "not a whole number") for r, v in vals[bad].items()]
        vals, num = vals[~bad], num[~bad]
    elif f.type == "number":
        num = pd.to_numeric(vals, errors="coerce")
        bad = num.isna()
        issues += [Issue(file, r, f.name, v, "not a number") for r, v in vals[bad].items()]
        vals, num = vals[~bad], num[~bad]
    elif f.type == "date":
        parsed = pd.to_datetime(vals, format="%Y-%m-%d", errors="coerce")
        bad = parsed.isna()
        issues += [Issue(file, r, f.name, v, "not an ISO date (YYYY-MM-DD)") for r, v in vals[bad].items()]
        return issues
    else:
        num = None
    if f.enum is not None:
        bad = ~vals.isin(f.enum)
        allowed = ", ".join(f.enum)
        issues += [Issue(file, r, f.name, v, f"not one of: {allowed}") for r, v in vals[bad].items()]
    if num is not None:
        if f.minimum is not None:
            issues += [
                Issue(file, r, f.name, vals[r], f"below the minimum {f.minimum:g}") for r in num.index[num < f.minimum]
            ]
        if f.maximum is not None:
            issues += [
                Issue(file, r, f.name, vals[r], f"above the maximum {f.maximum:g}") for r in num.index[num > f.maximum]
            ]
    return issues


def validate(raw: pd.DataFrame, schema: Schema, file: str) -> list[Issue]:
    """Check a table read as text (all columns ``str``, ``""`` for missing).

    Returns every issue: missing or unknown columns, types, allowed values, bounds, and
    duplicate primary keys. Row numbers are 1-based data rows. Table-specific checks
    (shares summing over 100, date order, quotes) are in :mod:`analysis.io`.

    >>> raw = pd.DataFrame({"audit_id": ["AUD-001"], "seed_file": ["x.txt"]})
    >>> print(validate(raw, AUDIT, "audit.csv")[0])
    audit.csv: missing required column(s): start, end, excerpt, problem_type, description, corrected_value, correction_source, evidence_source
    """
    missing = [c for c in schema.columns if c not in raw.columns]
    unknown = [c for c in raw.columns if c not in schema.columns]
    issues = []
    if missing:
        issues.append(Issue(file, None, None, None, f"missing required column(s): {', '.join(missing)}"))
    if unknown:
        issues.append(Issue(file, None, None, None, f"unknown column(s): {', '.join(map(str, unknown))}"))
    if issues:
        return issues
    raw = raw.set_axis(range(1, len(raw) + 1))
    for f in schema.fields:
        issues += _type_issues(raw[f.name], f, file)
    dup = raw.duplicated(list(schema.primary_key), keep="first")
    key = ", ".join(schema.primary_key)
    issues += [
        Issue(file, r, schema.primary_key[0], str(raw.at[r, schema.primary_key[0]]), f"duplicate key ({key})")
        for r in raw.index[dup]
    ]
    return issues


def finalise(df: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """The last step of every builder: order columns, set dtypes, check keys, sort rows.

    Raises :class:`DataValidationError` if the primary key has nulls or duplicates.

    >>> df = pd.DataFrame({"event_id": ["b", "a"], "date": ["2001-01-01", "2000-01-01"]})
    >>> small = Schema("t", "T", "d", (Field("event_id", "string", "id", True), Field("date", "date", "d", True)), ("event_id",), ("date",))
    >>> finalise(df, small)["event_id"].tolist()
    ['a', 'b']
    """
    out = df.loc[:, schema.columns].copy()
    for f in schema.fields:
        if f.type in {"integer", "number"}:
            values = pd.to_numeric(out[f.name].replace("", None))
            out[f.name] = values.astype("Int64" if f.type == "integer" else "float64")
        else:
            out[f.name] = out[f.name].astype("str").replace({"nan": "", "<NA>": ""})
    key = list(schema.primary_key)
    problems = [
        Issue(schema.name, None, ", ".join(key), None, "null in primary key")
        for _ in [0]
        if out[key].replace("", pd.NA).isna().any().any()
    ]
    dups = out[out.duplicated(key, keep=False)]
    problems += [
        Issue(schema.name, None, ", ".join(key), str(tuple(r)), "duplicate primary key")
        for r in dups[key].drop_duplicates().itertuples(index=False)
    ]
    if problems:
        raise DataValidationError(problems)
    return out.sort_values(list(schema.sort_by or key), kind="stable").reset_index(drop=True)
