"""External poll records: from hand transcriptions of public pages to poll-table rows.

Inputs (``data/raw/external/*.csv``, columns described in ``FORMAT.md`` there) are one row
per poll x question x geography x base x answer as a page reported it, with the page's URL.
This module:

1. rejects, with a reason, rows that cannot enter the table: no fieldwork date, a
   geography outside the harmonised scheme (cities, non-resident samples, merged regions),
   rows listed in ``data/raw/external_exclusions.csv`` (the reviewed corrections, as data),
   and exact repeats of a row already read from the same URL;
2. harmonises pollster, geography and (for ``security_option``) answer names through the
   mapping files in ``analysis/resources/``;
3. gives each poll (one fieldwork by one house) one ``poll_id`` across pages, classifies
   each page (a pollster's release, a wire, news...) and rates each figure's
   ``confidence`` (:mod:`analysis.build.identity`); pages that disagree keep every version
   and are listed by :func:`analysis.build.identity.disagreements`;
4. gives every page of a poll the mode that one page states, naming that page
   (:func:`analysis.build.identity.poll_modes`, with ``data/raw/poll_modes.csv``);
5. records, per poll, whether the government-held parts of Donetsk and Luhansk oblasts were
   surveyed where a page says otherwise than the usual design or leaves it open
   (:func:`held_donbas`, with ``data/raw/poll_coverage.csv``), and marks coverage after the invasion
   that no page states as ``unknown``;
6. keeps a page's wording of a figure ("about 6 percent") where a reviewed rule gives it, so the
   share's qualifier is the page's (:func:`share_wording`, with ``data/raw/share_wording.csv``).

>>> from analysis.paths import RAW
>>> polls, rejected, disagreements = build_external(RAW)
>>> len(polls) + len(rejected) == sum(len(f) for f in read_external(RAW / "external").values())
True
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.build.identity import (
    assign_poll_ids,
    check_identity,
    classify_sources,
    disagreements,
    low_credibility,
    poll_modes,
    rate_confidence,
    read_links,
)
from analysis.build.polls import join_flags, poll_rows
from analysis.errors import DataValidationError, Issue
from analysis.tables.checks import read_raw
from analysis.tables.schema import COVERAGE_FROM
from analysis.text.dates import parse_date_one
from analysis.text.names import (
    commissioners,
    harmonise_pollster,
    harmonise_region_as_read,
    house_and_partner,
    security_answer,
)
from analysis.text.shares import parse_share_one

_PRECISION_ORDER = {"day": 0, "month": 1, "season": 2, "year": 3}


def read_external(folder: Path) -> dict[str, pd.DataFrame]:
    """Every transcription file in ``folder`` read as text, keyed by file name.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "b.csv").write_text("answer,share,sample_size\\nfor,64.0,\\n", encoding="utf-8")
    >>> _ = (folder / "a.csv").write_text("answer,share\\nagainst,07\\n", encoding="utf-8")
    >>> {name: frame.to_dict("records") for name, frame in read_external(folder).items()}
    {'a.csv': [{'answer': 'against', 'share': '07'}], 'b.csv': [{'answer': 'for', 'share': '64.0', 'sample_size': ''}]}
    """
    return {p.name: read_raw(p) for p in sorted(folder.glob("*.csv"))}


def _dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Fieldwork interval and precision from the ISO-like start and end as transcribed."""
    rows = []
    for start, end in zip(frame["field_start"], frame["field_end"], strict=True):
        first = parse_date_one(start)
        last = parse_date_one(end or start)
        precision = max(first.precision, last.precision, key=_PRECISION_ORDER.get)
        rows.append((first.start, last.end, precision))
    return pd.DataFrame(rows, index=frame.index, columns=["field_start", "field_end", "date_precision"])


def _exclusions(raw_dir: Path) -> pd.DataFrame:
    return read_raw(raw_dir / "external_exclusions.csv")


def _excluded(frame: pd.DataFrame, exclusions: pd.DataFrame) -> pd.Series:
    """The exclusion reason for each row ('' if none): matched on key, and optionally
    question type, geography and answer as written (an empty match cell matches all)."""
    reasons = pd.Series("", index=frame.index, dtype="str")
    for rule in exclusions.itertuples(index=False):
        hit = (frame["file"] == rule.file) & (frame["source_poll_key"] == rule.source_poll_key)
        for column in ("question_type", "geography_as_written", "answer_as_written"):
            value = getattr(rule, column)
            if value:
                hit &= frame[column] == value
        if not hit.any():
            raise ValueError(f"external_exclusions.csv: rule {tuple(rule)} matches no row")
        reasons[hit & (reasons == "")] = f"excluded: {rule.reason}"
    return reasons


def build_external(raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Poll-table rows from every transcription file, the rejected rows with reasons, and the
    figures on which pages disagree (:func:`~analysis.build.identity.disagreements`).

    Every input row ends in exactly one of the first two outputs.

    ``raw_dir`` holds ``external/*.csv`` and the reviewed rules (``external_exclusions.csv``,
    ``poll_links.csv``, ``poll_conflicts.csv``, ``poll_modes.csv``, ``poll_coverage.csv``). A folder with two rows of
    one page, the second without its fieldwork date, and no rule:

    >>> import tempfile
    >>> from analysis.paths import RAW
    >>> raw_dir = Path(tempfile.mkdtemp())
    >>> (raw_dir / "external").mkdir()
    >>> rows = read_raw(RAW / "external" / "kiis.csv").head(2)
    >>> rows.loc[1, "field_start"] = ""
    >>> rows.to_csv(raw_dir / "external" / "kiis.csv", index=False)
    >>> for name in ["external_exclusions.csv", "poll_links.csv", "poll_conflicts.csv", "poll_modes.csv",
    ...              "poll_coverage.csv"]:
    ...     read_raw(RAW / name).head(0).to_csv(raw_dir / name, index=False)

    The full run takes a few tenths of a second even on two rows (the module example above runs it
    on every file):

    >>> polls, rejected, _ = build_external(raw_dir)  # doctest: +SKIP
    >>> polls[["answer", "share", "confidence"]].to_numpy().tolist(), rejected["reason"].tolist()  # doctest: +SKIP
    ([['russia_alliance', 28.3, 'single_secondary']], ['no fieldwork date in the source'])

    A reviewed exclusion that matches no row is an error:

    >>> rule = ["kiis.csv", "kiis-1900-01-01", "", "", "", "a rule for a poll not transcribed"]
    >>> pd.DataFrame([rule], columns=read_raw(RAW / "external_exclusions.csv").columns).to_csv(
    ...     raw_dir / "external_exclusions.csv", index=False)
    >>> build_external(raw_dir)
    Traceback (most recent call last):
    ValueError: external_exclusions.csv: rule ('kiis.csv', 'kiis-1900-01-01', '', '', '', 'a rule for a poll not transcribed') matches no row
    """
    files = read_external(raw_dir / "external")
    frame = pd.concat([f.assign(file=name, line=range(2, len(f) + 2)) for name, f in files.items()], ignore_index=True)
    reason = _excluded(frame, _exclusions(raw_dir))
    reason[(reason == "") & (frame["field_start"] == "")] = "no fieldwork date in the source"
    region = harmonise_region_as_read(frame["geography_as_written"])
    reason[(reason == "") & (region == "")] = "geography outside the harmonised scheme"
    kept = frame.loc[reason == ""].copy()
    kept["share"] = kept["share"].astype("float64")
    houses = house_and_partner(harmonise_pollster(kept["pollster_as_written"]))
    kept["house"] = houses["house"]
    kept["sponsor"] = _sponsor(houses["partner"], kept["sponsor"])
    kept["start_as_written"] = kept["field_start"]
    kept = pd.concat([kept.drop(columns=["field_start", "field_end"]), _dates(kept)], axis=1)
    kept["geography"] = region[kept.index]
    # who a poll reached after the invasion is defined from COVERAGE_FROM on: a page that does not say is
    # 'unknown' there (not an empty cell, which the codebook keeps for earlier polls)
    after = pd.to_datetime(kept["field_start"]) >= pd.Timestamp(COVERAGE_FROM)
    for column in ("covers_occupied_2022", "covers_abroad"):
        kept.loc[after & (kept[column] == ""), column] = "unknown"
    kept["answer"] = [
        security_answer(a, w) if q == "security_option" else a
        for q, a, w in zip(kept["question_type"], kept["answer"], kept["answer_as_written"], strict=True)
    ]
    kept["source"] = kept["url"]
    kept[["poll_id", "identity"]] = assign_poll_ids(kept, read_links(raw_dir / "poll_links.csv"))
    kept[["source_kind", "source_org"]] = classify_sources(kept["url"], kept["house"] + "; " + kept["sponsor"])
    # The same page transcribed twice (by two searchers, or twice for one poll): keep the row that
    # dates the poll most precisely, then the first read.
    repeat_key = ["poll_id", "url", "question_type", "geography", "base", "answer", "share"]
    finest_first = kept.assign(_fine=kept["date_precision"].map(_PRECISION_ORDER)).sort_values("_fine", kind="stable")
    repeated = finest_first.index[finest_first.duplicated(repeat_key, keep="first")]
    reason[repeated] = "repeat of a row read from the same page"
    kept = kept.drop(index=repeated)
    rejected = frame.loc[reason != ""].assign(reason=reason[reason != ""]).reset_index(drop=True)
    check_identity(kept, read_raw(raw_dir / "poll_conflicts.csv"))
    kept[["mode", "mode_source"]] = poll_modes(kept, read_raw(raw_dir / "poll_modes.csv"))
    kept["covers_held_donbas"] = held_donbas(kept["poll_id"], read_raw(raw_dir / "poll_coverage.csv"))
    kept["confidence"] = rate_confidence(kept)
    kept[["share_as_written", "share_qualifier"]] = share_wording(kept, read_raw(raw_dir / "share_wording.csv"))
    polls = poll_rows(
        "external",
        {
            "poll_id": kept["poll_id"],
            "pollster_as_written": kept["pollster_as_written"],
            "sponsor": kept["sponsor"],
            "field_start": kept["field_start"],
            "field_end": kept["field_end"],
            "date_precision": kept["date_precision"],
            "sample_size": kept["sample_size"].replace("", None),
            "mode": kept["mode"],
            "mode_source": kept["mode_source"],
            "population": kept["coverage_note"],
            "covers_crimea": kept["covers_crimea"],
            "covers_occupied_donbas": kept["covers_occupied_donbas"],
            "covers_held_donbas": kept["covers_held_donbas"],
            "covers_occupied_2022": kept["covers_occupied_2022"],
            "covers_abroad": kept["covers_abroad"],
            "identity": kept["identity"],
            "subsample_size": kept["subsample_size"].replace("", None),
            "source_kind": kept["source_kind"],
            "metadata_source": kept["metadata_url"],
            "metadata_fields": kept["metadata_fields"],
            "question_type": kept["question_type"],
            "question_wording": kept["question_paraphrase"],
            "base": kept["base"],
            "geography_as_written": kept["geography_as_written"],
            "answer": kept["answer"],
            "answer_as_written": kept["answer_as_written"],
            "share": kept["share"],
            "share_qualifier": kept["share_qualifier"],
            "share_as_written": kept["share_as_written"],
            "source": kept["source"],
            "confidence": kept["confidence"],
            "flags": _flags(kept),
            "notes": kept["notes"],
        },
    )
    return polls, rejected, disagreements(kept)


def _flags(kept: pd.DataFrame) -> pd.Series:
    """The ``flags`` of external rows: ``house_not_named`` (the pages name only a commissioner,
    ``resources/commissioners.csv``) and ``low_credibility_source`` (the page is on an outlet of
    ``resources/low_credibility_sources.csv``), joined by ";"."""
    house = kept["house"].isin(commissioners()).map({True: ["house_not_named"], False: []})
    outlet = low_credibility(kept["source"]).map({True: ["low_credibility_source"], False: []})
    return join_flags(house, outlet)


def held_donbas(poll_ids: pd.Series, rules: pd.DataFrame, name: str = "poll_coverage.csv") -> pd.Series:
    """``covers_held_donbas`` of each row: the reviewed value of its poll in ``rules``
    (``data/raw/poll_coverage.csv``: ``poll_id``, ``covers_held_donbas``, the ``url`` that says so,
    a ``note`` in our words), else empty. Raises
    :class:`~analysis.errors.DataValidationError` for a rule naming no poll or an unknown value.

    >>> rules = pd.DataFrame({"poll_id": ["p2"], "covers_held_donbas": ["no"], "url": ["https://a"], "note": ["n"]})
    >>> held_donbas(pd.Series(["p1", "p2", "p2"]), rules).tolist()
    ['', 'no', 'no']
    >>> held_donbas(pd.Series(["p1"]), rules)
    Traceback (most recent call last):
    analysis.errors.DataValidationError: 1 validation issue(s):
    poll_coverage.csv, row 1 (line 2), column 'poll_id': value 'p2': names no poll
    """
    issues = []
    for row, rule in enumerate(rules.itertuples(index=False), start=1):
        if rule.poll_id not in set(poll_ids):
            issues.append(Issue(name, row, "poll_id", rule.poll_id, "names no poll"))
        if rule.covers_held_donbas not in {"yes", "no", "unknown"}:
            issues.append(Issue(name, row, "covers_held_donbas", rule.covers_held_donbas, "not yes, no or unknown"))
    if issues:
        raise DataValidationError(issues)
    return poll_ids.map(dict(zip(rules["poll_id"], rules["covers_held_donbas"], strict=True))).fillna("")


def share_wording(rows: pd.DataFrame, rules: pd.DataFrame, name: str = "share_wording.csv") -> pd.DataFrame:
    """``share_as_written`` and ``share_qualifier`` of each external row: the share as a plain number (exact),
    or, where a page words it ("about 6 percent", "almost 36%"), the reviewed wording of ``rules``
    (``data/raw/share_wording.csv``: the row's ``poll_id``, ``url``, ``question_type``,
    ``geography_as_written`` and ``answer_as_written``, the share as the page words it, in English, and a
    ``note``) and the qualifier the share parser reads in it. Raises
    :class:`~analysis.errors.DataValidationError` for a rule that matches no row or whose figure is not the
    row's share.

    >>> rows = pd.DataFrame({"poll_id": ["p"] * 2, "url": ["u"] * 2, "question_type": ["q"] * 2,
    ...     "geography_as_written": ["national"] * 2, "answer_as_written": ["for", "would not vote"],
    ...     "share": [23.6, 6.0]})
    >>> rules = pd.DataFrame([["p", "u", "q", "national", "would not vote", "about 6%", "the page: 'about'"]],
    ...     columns=["poll_id", "url", "question_type", "geography_as_written", "answer_as_written",
    ...     "share_as_written", "note"])
    >>> share_wording(rows, rules).to_numpy().tolist()
    [['23.6', 'exact'], ['about 6%', 'approximate']]
    >>> share_wording(rows, rules.assign(share_as_written="about 7%"))
    Traceback (most recent call last):
    analysis.errors.DataValidationError: 1 validation issue(s):
    share_wording.csv, row 1 (line 2), column 'share_as_written': value 'about 7%': reads 7.0, not the row's share 6.0
    """
    key = ["poll_id", "url", "question_type", "geography_as_written", "answer_as_written"]
    out = pd.DataFrame(
        {"share_as_written": rows["share"].map(lambda s: f"{s:g}"), "share_qualifier": "exact"}, index=rows.index
    )
    position = {tuple(k): i for i, k in zip(rows.index, rows[key].itertuples(index=False, name=None), strict=True)}
    issues = []
    for row, rule in enumerate(rules.itertuples(index=False), start=1):
        target = position.get(tuple(getattr(rule, k) for k in key))
        if target is None:
            issues.append(Issue(name, row, "answer_as_written", rule.answer_as_written, "matches no row"))
            continue
        parsed = parse_share_one(rule.share_as_written)
        if parsed.share != rows.at[target, "share"]:
            message = f"reads {parsed.share}, not the row's share {rows.at[target, 'share']}"
            issues.append(Issue(name, row, "share_as_written", rule.share_as_written, message))
        out.loc[target] = [rule.share_as_written, parsed.qualifier]
    if issues:
        raise DataValidationError(issues)
    return out


def _sponsor(partner: pd.Series, sponsor: pd.Series) -> pd.Series:
    """The commissioning partner of a joint name first, then the sponsor as written (if it is another)."""
    joined = [
        p if not s else s if not p or p.casefold() in s.casefold() else f"{p}; {s}"
        for p, s in zip(partner, sponsor, strict=True)
    ]
    return pd.Series(joined, index=sponsor.index, dtype="str")
