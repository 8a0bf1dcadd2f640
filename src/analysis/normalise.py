"""Compatibility for ``analysis.extract`` only (its imports are updated when it becomes a subpackage).

The parsers now live in :mod:`analysis.text.shares`, :mod:`analysis.text.dates` and
:mod:`analysis.text.names`; import them from there or from :mod:`analysis`.
"""

from analysis.text.dates import DateSpan, parse_date_one
from analysis.text.shares import parse_share_one

__all__ = ["DateSpan", "parse_date_one", "parse_share_one"]
