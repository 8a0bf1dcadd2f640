"""analysis.models.blas: model fits run with one BLAS thread and give the caller's setting back."""

from __future__ import annotations

import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from analysis.models.blas import one_blas_thread


def _blas_threads() -> set[int]:
    return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}


@one_blas_thread
def _inside() -> set[int]:
    return _blas_threads()


@one_blas_thread
def _nested() -> tuple[set[int], set[int]]:
    return _inside(), _blas_threads()


def test_a_fit_runs_on_one_blas_thread_and_the_callers_setting_comes_back() -> None:
    import numpy  # noqa: F401 - loads the BLAS library threadpoolctl controls

    with threadpool_limits(limits=2, user_api="blas"):
        # positive control: the caller's setting is two threads, so one inside is the limit's doing
        assert _blas_threads() == {2}
        assert _inside() == {1}
        assert _nested() == ({1}, {1})
        assert _blas_threads() == {2}


def test_a_limited_call_that_raises_still_gives_the_setting_back() -> None:
    @one_blas_thread
    def fails() -> None:
        raise ValueError("no fit")

    with threadpool_limits(limits=2, user_api="blas"):
        with pytest.raises(ValueError, match="no fit"):
            fails()
        assert _blas_threads() == {2}
        assert _inside() == {1}  # the nesting flag was reset too: a later call limits again
