"""Compatibility for ``analysis.extract`` only (its imports are updated when it becomes a subpackage).

Seed files now live in :mod:`analysis.text.seeds`, sentences in :mod:`analysis.text.sentences`.
"""

from analysis.text.seeds import read_seed
from analysis.text.sentences import Span, sentence_span, sentence_spans

__all__ = ["Span", "read_seed", "sentence_span", "sentence_spans"]
