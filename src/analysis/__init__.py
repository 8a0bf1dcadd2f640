"""Ukrainian public opinion toward NATO: sourced tables, statistics and plots.

The package turns the raw seed articles (``seeds/``) and hand-transcribed, cited poll
records into tidy, validated tables (``data/``), and offers the helpers the notebooks use.
Its layers, each importing only from those before it:

- :mod:`analysis.text`: written forms (seed files, sentences, shares, dates, names);
- :mod:`analysis.tables`: table definitions, strict reading, the validation pass, loading;
- :mod:`analysis.build`: building ``data/``;
- :mod:`analysis.models`: one row per poll, periods, statistics, trends, regions;
- :mod:`analysis.report`: plots, the notebook runner, the site; then :mod:`analysis.cli`.

The public helpers are importable from here (``from analysis import load_polls, poll_series``),
so internals can move without breaking users. They are imported on first use: importing the
package is fast and has no side effects.

>>> import analysis
>>> analysis.__version__
'0.2.0'
>>> analysis.poll_series.__module__
'analysis.models.series'
"""

from __future__ import annotations

import importlib

__version__ = "0.2.0"

_PUBLIC = {
    "analysis.errors": ["AnalysisError", "DataValidationError", "OutputError", "ParseError", "SeedError"],
    "analysis.paths": ["DATA", "FIGURES", "NOTEBOOKS", "RAW", "ROOT", "SEEDS", "tables"],
    "analysis.text.shares": ["SHARE_QUALIFIERS", "parse_share", "parse_share_one"],
    "analysis.text.dates": ["DATE_IN_TEXT", "DATE_PRECISIONS", "format_date", "parse_date", "parse_date_one"],
    "analysis.text.names": [
        "harmonise_answer",
        "harmonise_pollster",
        "harmonise_region",
        "pollster_aliases",
        "security_answer",
    ],
    "analysis.text.seeds": ["expected_checksums", "read_seed"],
    "analysis.text.sentences": ["find_within", "sentence_span", "sentence_spans"],
    "analysis.tables.schema": ["ANSWERS", "GEOGRAPHIES", "MACRO_REGIONS", "QUESTION_TYPES", "SCHEMAS", "UNITS"],
    "analysis.tables.load": ["load_audit", "load_events", "load_polls", "load_table"],
    "analysis.tables.checks": ["validate_file"],
    "analysis.build.data": ["build_tables", "write_all"],
    "analysis.build.audit": ["overlapping"],
    "analysis.models.series": ["LOW_CREDIBILITY", "answer_totals", "compare_seed_rows", "has_flag", "poll_series"],
    "analysis.models.periods": ["PERIODS", "midpoint", "period_breaks", "period_of", "presidency_of"],
    "analysis.models.stats": [
        "bootstrap_mean_difference",
        "check_shares",
        "detectable_change",
        "poll_coverage",
        "wilson_interval",
    ],
    "analysis.models.trends": [
        "adjust_for_house",
        "change_points",
        "event_windows",
        "house_effects",
        "kernel_smooth",
        "mode_effect",
        "segmented_regression",
        "to_participant_base",
    ],
    "analysis.models.aggregate": ["OUTLIER_Z", "AggregateResult", "fit_aggregate"],
    "analysis.models.aggregate_input": ["break_dates"],
    "analysis.models.aggregate_io": ["aggregate_csv"],
    "analysis.models.aggregate_compare": ["VarianceComparison", "compare_variance_models"],
    "analysis.models.aggregate_sim": ["simulate_polls"],
    "analysis.models.aggregate_checks": [
        "break_long_gaps",
        "conclusion",
        "droppable_houses",
        "inert_variants",
        "jump_table",
        "leave_one_out",
        "nearest_polls",
        "regime_counts",
        "robustness",
        "without_outliers",
    ],
    "analysis.models.breakpoints": ["adjusted_grid", "detect_breaks"],
    "analysis.models.composition": [
        "OCCUPIED_PARTS",
        "OCCUPIED_PARTS_SOURCE",
        "WHOLE_UNITS",
        "composition_draws",
        "composition_table",
        "regional_ratios",
        "summarise_draws",
        "unsurveyed_shares",
    ],
    "analysis.models.regions": [
        "OCCUPIED_SINCE_2014",
        "OCCUPIED_SINCE_2022",
        "OCCUPIED_SINCE_2022_SOURCE",
        "decompose_shift",
        "definition",
        "gap_to_national",
        "paired_gaps",
        "region_weights",
        "reweight",
        "uncovered_regions",
        "unit_values",
    ],
    "analysis.models": ["regional"],
    "analysis.report": ["plots"],
}
_MODULES = {"plots", "regional"}
"""Public names that are modules (``from analysis import plots, regional``)."""
_WHERE = {name: module for module, names in _PUBLIC.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> object:
    """Import a public helper from its module on first use (PEP 562)."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = (
        importlib.import_module(f"{module}.{name}")
        if name in _MODULES
        else getattr(importlib.import_module(module), name)
    )
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
