"""Shared hypothesis settings and strategies of the property-based tests of ``analysis.text``.

The property, for ANY input: a parser either returns a valid value or raises
:class:`analysis.errors.ParseError` whose message names the value; never another exception,
never a silently wrong value. ``derandomize=True`` makes every run (and CI) try the same
examples, and ``database=None`` keeps hypothesis from writing a cache folder.
"""

from __future__ import annotations

from hypothesis import strategies as st

from analysis.errors import ParseError

COMMON = {"deadline": None, "database": None, "derandomize": True}

# Any Python value a careless caller might pass instead of a string.
NOT_TEXT = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.lists(st.text(max_size=3), max_size=2),
    st.binary(max_size=5),
)
# Text that looks a little like the real thing: digits, units, month names, separators.
NEAR_MISS = st.lists(
    st.sampled_from(
        [*"0123456789 %#.,-–()~pPerctnoavuJjFfMmAaSsDd\u00a0ſİ٥٠", "per cent", "over ", "June ", "summer ", "19", "20"]
    ),
    max_size=12,
).map("".join)


def names_value(exc: ParseError, value: object) -> bool:
    return repr(value) in str(exc)


def randomise_case(draw: st.DrawFn, text: str) -> str:
    """``text`` with each character upper- or lower-cased, as one drawn bit per character says
    (every pattern can be drawn; one draw of a whole mask is cheaper than a list of booleans)."""
    flips = draw(st.integers(0, 2 ** len(text) - 1))
    return "".join(c.upper() if flips >> i & 1 else c.lower() for i, c in enumerate(text))
