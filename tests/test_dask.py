"""The helpers take and return plain pandas objects, so they run partition-wise on Dask.

The comparison has a positive control: a function that is *not* partition-wise (it uses a
statistic of its partition) gives a different result under Dask, and the comparison fails.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.models.stats import wilson_interval
from analysis.text.shares import parse_share


def _frame() -> pd.DataFrame:
    shares = ["37%", "approximately 50%", "over 69 percent", "47.3#", "20.6 percent", "up to 38.6%"] * 50
    return pd.DataFrame({"share_as_written": shares, "sample_size": [1000, 2000, 1200, 800, 2400, 1500] * 50})


def _assert_partitionwise(func, frame: pd.DataFrame, meta: pd.DataFrame) -> None:  # noqa: ANN001 - frame -> frame
    """``func`` over 4 Dask partitions equals ``func`` over the whole pandas frame."""
    import dask  # slow to import: only in the workers that run these tests
    import dask.dataframe as dd

    got = dd.from_pandas(frame, npartitions=4).map_partitions(func, meta=meta)
    with dask.config.set(scheduler="synchronous"):
        pd.testing.assert_frame_equal(got.compute(), func(frame), check_dtype=False)


SHARE_META = pd.DataFrame({"share": pd.Series(dtype="float64"), "qualifier": pd.Series(dtype="str")})
CI_META = pd.DataFrame({"lower": pd.Series(dtype="float64"), "upper": pd.Series(dtype="float64")})


def test_normaliser_and_statistic_agree_with_pandas_through_map_partitions() -> None:
    frame = _frame()
    _assert_partitionwise(lambda p: parse_share(p["share_as_written"]), frame, SHARE_META)
    with_share = frame.assign(share=parse_share(frame["share_as_written"])["share"])
    _assert_partitionwise(lambda p: wilson_interval(p["share"], p["sample_size"]), with_share, CI_META)


def test_the_comparison_fails_on_a_function_that_is_not_partitionwise() -> None:
    """Positive control: centring on the partition's mean differs from centring on the whole mean."""
    frame = _frame().assign(share=lambda d: parse_share(d["share_as_written"])["share"])

    def centred(p: pd.DataFrame) -> pd.DataFrame:
        return wilson_interval(p["share"], p["sample_size"]) - p["share"].mean()

    frame = frame.sort_values("share", kind="stable")  # partitions then differ in their means
    with pytest.raises(AssertionError):
        _assert_partitionwise(centred, frame, CI_META)
