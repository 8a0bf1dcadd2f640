"""The helpers take and return plain pandas objects, so they run partition-wise on Dask."""

from __future__ import annotations

import dask
import dask.dataframe as dd
import pandas as pd

from analysis.normalise import parse_share
from analysis.stats import wilson_interval


def _frame() -> pd.DataFrame:
    shares = ["37%", "approximately 50%", "over 69 percent", "47.3#", "20.6 percent", "up to 38.6%"] * 50
    return pd.DataFrame({"share_as_written": shares, "sample_size": [1000, 2000, 1200, 800, 2400, 1500] * 50})


def test_normaliser_and_statistic_agree_with_pandas_through_map_partitions() -> None:
    frame = _frame()
    ddf = dd.from_pandas(frame, npartitions=4)
    meta_shares = pd.DataFrame({"share": pd.Series(dtype="float64"), "qualifier": pd.Series(dtype="str")})
    shares = ddf["share_as_written"].map_partitions(parse_share, meta=meta_shares)
    with dask.config.set(scheduler="synchronous"):
        got = shares.compute()
    expected = parse_share(frame["share_as_written"])
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)

    parts = ddf.assign(share=shares["share"])
    meta_ci = pd.DataFrame({"ci_low": pd.Series(dtype="float64"), "ci_high": pd.Series(dtype="float64")})
    intervals = parts.map_partitions(lambda p: wilson_interval(p["share"], p["sample_size"]), meta=meta_ci)
    with dask.config.set(scheduler="synchronous"):
        got_ci = intervals.compute()
    pd.testing.assert_frame_equal(got_ci, wilson_interval(expected["share"], frame["sample_size"]))
