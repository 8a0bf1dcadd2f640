"""Written forms, the lowest layer: seed files, sentences, shares, dates and names.

Everything above (tables, build, models, the extractor) reads text through these modules:
one sentence splitter, one share parser, one date grammar, one alias table per kind of name.
"""
