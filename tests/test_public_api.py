"""The public surface teaches by example: every public function of every module (and every class
the package exports at the top) has full type hints and a docstring with an example (``>>>``), which
``--doctest-modules`` runs."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import analysis

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(analysis.__path__, "analysis.")
    if not any(part.startswith("_") for part in m.name.split("."))
)


def _public_functions(module_name: str) -> dict[str, object]:
    module = importlib.import_module(module_name)
    return {
        name: obj
        for name, obj in vars(module).items()
        if not name.startswith("_") and inspect.isfunction(obj) and obj.__module__ == module_name
    }


def _lacks(obj: object) -> list[str]:
    out = []
    if ">>>" not in (inspect.getdoc(obj) or ""):
        out.append("an example")
    if inspect.isfunction(obj):
        sig = inspect.signature(obj)
        out += [f"a hint for {p}" for p, v in sig.parameters.items() if v.annotation is inspect.Parameter.empty]
        if sig.return_annotation is inspect.Signature.empty:
            out.append("a return hint")
    return out


@pytest.mark.parametrize("module_name", MODULES)
def test_every_public_function_has_hints_and_an_example(module_name: str) -> None:
    missing = {f"{module_name}.{n}": lacks for n, f in _public_functions(module_name).items() if (lacks := _lacks(f))}
    assert missing == {}


def test_every_exported_class_has_an_example() -> None:
    classes = [n for n in analysis.__all__ if inspect.isclass(getattr(analysis, n))]
    assert classes, "the package exports classes"
    assert [n for n in classes if _lacks(getattr(analysis, n))] == []


def test_the_check_finds_a_function_without_an_example() -> None:
    def bare(x):  # noqa: ANN001, ANN202 - the positive control: no hints, no example
        """Nothing to show."""

    assert _lacks(bare) == ["an example", "a hint for x", "a return hint"]


def test_lists_and_single_values_are_accepted_where_a_column_is_expected() -> None:
    # the README's promise, for every helper review 11 found refusing a list
    import pandas as pd

    from analysis import (
        event_windows,
        load_events,
        midpoint,
        parse_date,
        parse_share,
        segmented_regression,
        to_participant_base,
    )
    from analysis.errors import DataValidationError
    from analysis.extract import extract_batch

    assert parse_share(["50%"])["share"].tolist() == parse_share("50%")["share"].tolist() == [50.0]
    assert parse_date(["December 16"], default_year=2021)["start"].tolist() == ["2021-12-16"]
    assert midpoint(["2014-01-01"], ["2014-01-05"]).tolist() == [pd.Timestamp("2014-01-03")]
    assert to_participant_base([60.0], [20.0]).tolist() == [75.0]
    assert len(extract_batch([{"doc_id": "a", "text": "A KIIS poll found 61% back NATO membership."}])) == 1
    dates = pd.to_datetime([f"{y}-06-01" for y in range(2008, 2020)])
    series = pd.DataFrame({"date": dates, "share": [20.0 + (y >= 2014) * 20 for y in range(2008, 2020)]})
    listed, mapped = (
        segmented_regression(series, ["2014-02-22"]),
        segmented_regression(series, {"2014": pd.Timestamp("2014-02-22")}),
    )
    pd.testing.assert_frame_equal(listed, mapped)
    with pytest.raises(DataValidationError, match="value 'nope': no such event"):
        event_windows(series.assign(poll_id="p"), load_events(), "nope")
