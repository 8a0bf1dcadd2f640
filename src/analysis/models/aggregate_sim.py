"""Simulated polls from a known truth, to test and benchmark :mod:`analysis.models.aggregate`.

The truth follows the aggregation model with some stress added: a daily random walk with a
drift per regime (the model assumes none), level shifts at the breaks, house effects that sum
to zero over the houses that polled, a telephone/face-to-face mode effect with one house
switching mode, sampling error from a design effect, a non-sampling error, uneven poll dates
(a Poisson process) with sparse early years, and some polls without a reported sample size.

>>> polls, truth = simulate_polls(np.random.default_rng(0))
>>> polls.columns.tolist()
['date', 'share', 'sample_size', 'pollster', 'mode', 'poll_id']
>>> bool(abs(truth.house_effects.sum()) < 1e-9)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import ParseError

SAMPLE_SIZES = (1000, 1200, 1600, 2000, 2400)
"""Reported sample sizes drawn uniformly for simulated polls."""


@dataclass(frozen=True)
class SimulatedTruth:
    """The truth behind :func:`simulate_polls`.

    ``latent``: daily series (index date) of mu(t) = random walk + jumps in force;
    ``jumps`` by break date; ``house_effects`` by pollster (sum zero); ``mode_effects`` by mode
    (sum zero); the random-walk SD (points per square-root year; one per regime when the
    simulation gave one per regime) and the non-sampling SD.
    """

    latent: pd.Series
    jumps: pd.Series
    house_effects: pd.Series
    mode_effects: pd.Series
    innovation_sd: float | tuple[float, ...]
    nonsampling_sd: float

    def latent_at(self, dates: Sequence | pd.Series) -> np.ndarray:
        """mu(t) at the given dates (floored to days)."""
        return self.latent.reindex(pd.to_datetime(pd.Series(dates)).dt.floor("D")).to_numpy(dtype=float)


def simulate_polls(
    rng: np.random.Generator,
    *,
    start: str = "2006-01-01",
    end: str = "2025-06-30",
    breaks: Sequence[str] = ("2014-02-22", "2022-02-24"),
    jumps: Sequence[float] = (15.0, 20.0),
    start_level: float = 20.0,
    drift_per_year: Sequence[float] = (0.5, 1.0, -2.0),
    innovation_sd: float | Sequence[float] = 2.5,
    polls_per_year: Sequence[float] = (1.5, 6.0, 6.0),
    n_houses: int = 6,
    house_sd: float = 2.5,
    mode_effect: float = 3.0,
    nonsampling_sd: float = 1.0,
    deff: float = 1.5,
    missing_n_share: float = 0.2,
) -> tuple[pd.DataFrame, SimulatedTruth]:
    """Polls (columns of :data:`analysis.models.aggregate_input.SERIES_COLUMNS`) and the truth behind them.

    Per regime (split at ``breaks``) the number of polls is Poisson(``polls_per_year`` x years)
    at uniform random days (at least two per regime). Houses are drawn with unequal
    probabilities (house ``H1`` is the most frequent, like Rating Group) and each polls at
    least once; effects ~ N(0, ``house_sd``), centred. ``innovation_sd``: one random-walk SD, or
    one per regime. Every house polls face to face; house
    ``H1`` moves to telephone from the last break on. ``mode_effect`` is telephone minus
    face to face (so telephone +1/2, face to face -1/2 of it). A poll's share is
    100 x Binomial(n / deff, p) / (n / deff) rounded to 0.1, with p = (mu + house + mode +
    N(0, ``nonsampling_sd``)) / 100; a ``missing_n_share`` of polls do not report ``n``.

    Five years, one break, three houses:

    >>> polls, truth = simulate_polls(np.random.default_rng(4), start="2012-01-01", end="2016-12-31",
    ...     breaks=["2014-02-22"], jumps=[15.0], polls_per_year=[3.0, 3.0], n_houses=3)
    >>> len(polls), polls["pollster"].unique().tolist()
    (23, ['H1', 'H3', 'H2'])
    >>> polls.head(3)
            date  share  sample_size pollster          mode   poll_id
    0 2012-03-20   20.0          NaN       H1  face_to_face  sim-0000
    1 2012-07-30   18.3          NaN       H1  face_to_face  sim-0001
    2 2012-10-16   20.0       2400.0       H1  face_to_face  sim-0002
    >>> round(float(truth.latent["2012-03-20"]), 1), truth.jumps.to_dict()
    (19.5, {Timestamp('2014-02-22 00:00:00'): 15.0})
    """
    if not isinstance(rng, np.random.Generator):  # simulate_polls(0) would fail deep inside with an AttributeError
        raise ParseError(f"rng must be a numpy Generator, e.g. np.random.default_rng(0); got {rng!r}")
    days = pd.date_range(start, end, freq="D")
    b = [pd.Timestamp(x) for x in breaks]
    regime = np.searchsorted(np.array(b, dtype="datetime64[ns]"), days.to_numpy(), side="right")
    sd = np.broadcast_to(np.asarray(innovation_sd, dtype=float), (len(b) + 1,))[regime]
    steps = rng.normal(np.asarray(drift_per_year)[regime] / 365.25, sd / np.sqrt(365.25))
    steps[0] = 0.0
    walk = start_level + np.cumsum(steps)
    after = np.array([(days >= x) for x in b], dtype=float).reshape(len(b), -1)
    latent = pd.Series(walk + np.asarray(jumps, dtype=float) @ after, index=days, name="latent")

    chosen = []
    for r in range(len(b) + 1):
        span = days[regime == r]
        count = max(2, rng.poisson(polls_per_year[r] * len(span) / 365.25))
        chosen.append(
            np.sort(rng.choice(len(span), size=min(count, len(span)), replace=False)) + np.argmax(regime == r)
        )
    at = np.concatenate(chosen)
    dates = days[at]

    names = [f"H{i + 1}" for i in range(n_houses)]
    weights = np.r_[3.0, np.ones(n_houses - 1)]
    house = rng.choice(n_houses, size=len(at), p=weights / weights.sum())
    house[rng.choice(len(at), size=n_houses, replace=False)] = np.arange(n_houses)
    effects = rng.normal(0.0, house_sd, n_houses)
    effects -= effects.mean()
    phone = (house == 0) & (dates >= b[-1])
    mode = np.where(phone, "telephone", "face_to_face")
    if not phone.any() or phone[house == 0].all():  # H1 must run both modes
        first_h1 = np.flatnonzero(house == 0)[-1]
        phone[first_h1] = not phone[first_h1]
        mode = np.where(phone, "telephone", "face_to_face")
    mode_effects = pd.Series({"face_to_face": -mode_effect / 2, "telephone": mode_effect / 2})

    n = rng.choice(SAMPLE_SIZES, size=len(at))
    p = latent.to_numpy()[at] + effects[house] + mode_effects[mode].to_numpy() + rng.normal(0, nonsampling_sd, len(at))
    p = np.clip(p / 100, 0.005, 0.995)
    n_eff = np.round(n / deff).astype(int)
    share = np.round(100 * rng.binomial(n_eff, p) / n_eff, 1)
    reported = np.where(rng.random(len(at)) < missing_n_share, np.nan, n.astype(float))
    polls = pd.DataFrame(
        {
            "date": dates,
            "share": share,
            "sample_size": reported,
            "pollster": np.array(names)[house],
            "mode": mode,
            "poll_id": [f"sim-{i:04d}" for i in range(len(at))],
        }
    )
    truth = SimulatedTruth(
        latent=latent,
        jumps=pd.Series(np.asarray(jumps, dtype=float), index=pd.DatetimeIndex(b)),
        house_effects=pd.Series(effects, index=names),
        mode_effects=mode_effects,
        innovation_sd=innovation_sd if np.ndim(innovation_sd) == 0 else tuple(map(float, innovation_sd)),
        nonsampling_sd=nonsampling_sd,
    )
    return polls, truth
