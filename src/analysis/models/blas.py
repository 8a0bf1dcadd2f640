"""One BLAS thread while a model is fitted.

The models here multiply and factor small dense matrices (one row and column per poll, a few hundred
at most) thousands of times. A pool of BLAS threads costs more in hand-overs than it saves on such
sizes: on two cores, the bootstrap of :func:`~analysis.models.aggregate_compare.compare_variance_models`
ran many times slower with numpy's default threads than with one (``tests/models/test_blas.py`` checks
the limit; the commit that added it gives the timings). :func:`one_blas_thread` limits the BLAS libraries numpy and scipy loaded to one
thread for the duration of a call, through threadpoolctl (the library scikit-learn uses for the same
purpose), and gives the caller's setting back afterwards; nested calls limit once.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from threadpoolctl import threadpool_limits

P = ParamSpec("P")
R = TypeVar("R")

_state = threading.local()


def one_blas_thread(func: Callable[P, R]) -> Callable[P, R]:
    """``func`` run with the BLAS libraries limited to one thread (once, however deeply such calls nest).

    >>> import numpy as np
    >>> from threadpoolctl import threadpool_info
    >>> @one_blas_thread
    ... def threads() -> list[int]:
    ...     return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]
    >>> set(threads())
    {1}
    """

    @functools.wraps(func)
    def limited(*args: P.args, **kwargs: P.kwargs) -> R:
        if getattr(_state, "limited", False):  # an outer call holds the limit already
            return func(*args, **kwargs)
        _state.limited = True
        try:
            with threadpool_limits(limits=1, user_api="blas"):
                return func(*args, **kwargs)
        finally:
            _state.limited = False

    return limited
