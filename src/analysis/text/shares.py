"""Written percentages: ``"approximately 50%"`` -> share 50.0, qualifier ``approximate``.

>>> import pandas as pd
>>> parse_share(pd.Series(["approximately 50%", "over 69 percent", "20.6 percent"]))
   share    qualifier
0   50.0  approximate
1   69.0  lower_bound
2   20.6        exact
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd

from analysis.errors import ParseError
from analysis.text._distinct import as_column, factorize

_QUALIFIERS = {
    "approximate": r"approximately|approx\.?|about|around|roughly|nearly|almost|close to|some",
    "lower_bound": r"over|more than|above|at least|in excess of",
    "upper_bound": r"under|less than|below|fewer than|up to|at most",
}
_QUALIFIER_RE = "|".join(f"(?P<{k}>{v})" for k, v in _QUALIFIERS.items())
_SHARE_RE = re.compile(
    rf"^\s*\(?\s*(?:(?:{_QUALIFIER_RE})\s+|(?P<tilde>~)\s*)?"  # "~" needs no space after it: "~50%"
    r"(?P<number>\d{1,3}(?:[.,]\d+)?)\s*"
    r"(?P<unit>%|#|per\s?cent|percent|pct)[.,;]?\s*\)?\s*$",  # a sentence's comma or full stop may follow
    re.IGNORECASE,
)

SHARE_QUALIFIERS = ("exact", "approximate", "lower_bound", "upper_bound")
"""How a share was stated: as is, 'approximately', 'over/more than', 'under/up to'."""


class Share(NamedTuple):
    """A parsed share: the number (0–100) and how it was qualified."""

    share: float
    qualifier: str


def parse_share_one(text: str) -> Share:
    """Parse one written percentage such as ``"approximately 50%"`` or ``"47.3#"``.

    A ``#`` in place of ``%`` (a common OCR/typing garble) is accepted as a percent sign.
    A decimal comma is accepted, except before exactly three digits (``"1,000%"``), which
    may as well be a thousands separator and is refused rather than read as 1.0. The
    number must lie in 0–100.

    >>> parse_share_one("More than 36%")
    Share(share=36.0, qualifier='lower_bound')
    >>> parse_share_one("47.3#")
    Share(share=47.3, qualifier='exact')
    >>> parse_share_one("~50%,")
    Share(share=50.0, qualifier='approximate')
    >>> parse_share_one("150%")
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: share '150%' is outside 0-100
    >>> parse_share_one("fifty")
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: cannot parse share 'fifty': expected e.g. '37%', 'over 69 percent'
    >>> parse_share_one("1,000%")
    Traceback (most recent call last):
    ...
    analysis.errors.ParseError: share '1,000%' is ambiguous: ',' before three digits may be a thousands separator
    """
    if not isinstance(text, str):
        raise ParseError(f"cannot parse share {text!r}: expected a string")
    m = _SHARE_RE.match(text)
    if m is None:
        raise ParseError(f"cannot parse share {text!r}: expected e.g. '37%', 'over 69 percent'")
    if re.fullmatch(r"\d+,\d{3}", m["number"]):
        raise ParseError(f"share {text!r} is ambiguous: ',' before three digits may be a thousands separator")
    value = float(m["number"].replace(",", "."))
    if not 0 <= value <= 100:
        raise ParseError(f"share {text!r} is outside 0-100")
    qualifier = "approximate" if m["tilde"] else next((k for k in _QUALIFIERS if m[k]), "exact")
    return Share(value, qualifier)


def parse_share(texts: pd.Series | Sequence[str] | str) -> pd.DataFrame:
    """Parse written percentages (a Series, a list or one string) into ``share`` (float) and ``qualifier``.

    Each distinct string is parsed once, so long columns with repeated values are fast.
    The result keeps the input's index. The first value that is not a string or cannot be
    parsed raises :class:`ParseError` naming it.

    >>> parse_share(pd.Series(["37%", "up to 38.6%"], index=[10, 11]))
        share    qualifier
    10   37.0        exact
    11   38.6  upper_bound
    """
    texts = as_column(texts)
    uniques, codes = factorize(texts, parse_share_one)
    parsed = pd.DataFrame([parse_share_one(u) for u in uniques], columns=["share", "qualifier"])
    out = parsed.iloc[codes].set_axis(texts.index)
    return out.astype({"share": "float64", "qualifier": "str"})
