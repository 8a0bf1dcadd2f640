"""Ukrainian public opinion toward NATO: sourced tables, statistics and plots.

The package turns the raw seed articles (``seeds/``) and hand-transcribed,
cited poll records into tidy, validated tables (``data/``), and offers the
helpers the notebooks use. Importing it has no side effects.

>>> import analysis
>>> analysis.__version__
'0.1.0'
"""

__version__ = "0.1.0"
