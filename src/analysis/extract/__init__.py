"""Poll mentions in news text: which percentages are opinion-poll figures about NATO.

:func:`extract_poll_mentions` reads one text and returns one row per percentage that it
judges to be a poll figure about attitudes to NATO (joining it, voting on it, seeing it as
a threat or a protection, neutrality as the alternative), with the share, the stance,
and what the text says about who was asked, where, when, by whom and how many.
:func:`extract_batch` does the same for a table of documents, partition by partition.

>>> text = ("According to a Gallup poll conducted in October 2008, 43% of Ukrainians see NATO "
...         "as a threat, while only 15% see NATO as a source of safety. Inflation reached 12%.")
>>> found = extract_poll_mentions(text, doc_id="demo")
>>> found[["share", "stance", "country", "pollster", "date_start", "date_precision"]]
   share      stance  country pollster  date_start date_precision
0   43.0      threat  Ukraine   Gallup  2008-10-01          month
1   15.0  protection  Ukraine   Gallup  2008-10-01          month
>>> text[found.loc[0, "share_start"] : found.loc[0, "share_end"]]
'43%'

Modules (imports point one way, top to bottom)
----------------------------------------------
``lexicon``     cue lexicons and gazetteers read from ``analysis/resources/extract_*.csv``
                (plus the package's ``pollster_aliases.csv``), compiled once
``figures``     candidate figures: percentages, ranges, unit-less shares beside them
``clauses``     each figure's clause in its sentence; span look-ups
``dates``       date expressions in a sentence (the package's date grammar plus news forms)
``sentences``   a document's sentences and the cues of each (dates, places, stances...)
``provenance``  pollster, date and sample size of a figure's poll
``fields``      question type, geography and country of an accepted figure
``context``     what a sentence and those before it say of the question (poll, referendum...)
``decide``      is it a NATO poll figure: topic, stance, filters (then its ``fields``)
``api``         :func:`extract_poll_mentions`, :func:`extract_batch`, :func:`empty_mentions`
``scoring``     :func:`score_mentions`, for the benchmark and the notebooks
``features``    :func:`~analysis.extract.features.candidate_features`: every candidate with the rules'
                decision and the features a learned reader is trained on (the benchmark's learned check)

Design (rule-based, no network, no model: a shallow clause-level parser)
-----------------------------------------------------------------------
1. **Candidates.** Units (``%``, ``percent``, ``per cent``, ``pct``, a stray ``#``) are
   found first, then a regular expression reads back from each unit: an optional qualifier
   (``over``, ``approximately``...) and a number, in digits or spelled out
   (``Twenty-nine``). Share and qualifier come from
   :func:`analysis.text.shares.parse_share_one`; numbers over 100 are dropped. A *range*
   ("between 18 and 27 per cent", "30-32 percent") is one figure: the midpoint, qualifier
   ``range``, bounds in ``share_low``/``share_high``; "from 24% to 31%" and a falling
   "from 24 to 22 per cent" are changes over time, so each end is a figure. *Unit-less*
   numbers are figures only in a sentence with a percentage, after a connective and before
   a time or a verb of answering ("compared with 41.5 a year earlier", "and 38.9 opposed",
   "another 12.1 could not say", "from 24 to 22 per cent"), or as items of a list whose
   last item has the unit ("3, 29, 16 percent"). *Answer tuples and tables*: numbers in
   parentheses in the order of answers a header names ("(protection-threat-neither: 21-29-35)",
   then "Albania (70-3-22)") and the cells of a chart flattened into lines under a "(%)" title
   are figures whose answer the header names, when each set adds up to 60-101.
2. **Sentences and clauses.** Sentences come from :func:`analysis.text.sentences.sentence_spans`
   (the package's one splitter), also split at an elision "[...]". In a sentence each
   figure owns a *clause*: the text from the previous figure or break (``,;:``, a sentence
   end the splitter missed, ``while``, ``but``, a spaced dash, an opening parenthesis after
   the figure) to the next one. Structure is read at this level: a dash right after a
   figure introduces its object, the verb being the previous figure's ("71 % back joining
   the EU, 63 % – NATO"); places coordinated before a figure are one geography ("in
   Poltava and Sumy 75 %"); a place fronted before the clause covers it ("in the west,
   80% ..."); "A and B ... 35% and 41% ..., respectively" maps figures to places or
   topics. Cues are read in the clause (right of the figure first, left first when the
   figure ends its clause), then from the previous figure on the same level (inside or
   outside parentheses), then in the sentence, then in the context.
3. **Is it a NATO poll figure?** All of: (a) a *poll cue* in the sentence (poll, survey,
   respondents, a demonym, a known pollster, "according to <Name>") or a poll cue or poll figure in
   the ``POLL_CONTEXT`` sentences before, or else an answer cue in the figure's own clause ("Support
   for NATO membership has reached 76%") in a sentence that is not about a vote; (b) the *topic*
   resolves to NATO (NATO, the alliance, a defence pact, neutrality): the nearest topic cue as above,
   the object shared with a coordinated figure ("45% support and 40% oppose joining NATO"), the last
   one of up to ``TOPIC_CONTEXT`` sentences before, or its place in a "..., respectively" list. A
   bare country name ("Russia") is a topic only in the figure's own clause; a party that picks out
   respondents ("among Centre Party voters") is none. Competing topics: the EU (also "an alliance
   with the EU"), other unions, organisations, the economy, defence spending, politics (trust, vote
   shares), other countries as objects ("an alliance with Russia", "ties with the US", "NATO
   allies"), what NATO owns when the lexicon names it ("NATO's eastern flank deployment"), peace
   talks, arguments and reasons ("because", "would benefit"), a name change; (c) not a *change*
   ("by 5%", "a 9 percent rise", "10% higher than"), a *margin of error* (for its own figure), a
   *prediction* or *expectation* ("forecasting", "will be invited", a sentence about what people
   expect of a summit), the make-up of a group ("of whom 84% Macedonians"); (d) it *counts an
   answer*: its stance comes from a cue, not from the default (see 4).
   A cheap pre-filter skips sentences with no NATO cue within reach or no poll context and no
   answer cue (same outcome, less work). :func:`~analysis.extract.api.candidate_reasons` says why
   each candidate is left out (for error analysis).
4. **Fields.** ``stance``: an answer named as a label ("Yes: 31%", "62% - for"), the nearest
   strong cue as above (left first for a figure in parentheses after what it counts), then a weak
   one ("wanted", "chose", "NATO membership"), then the previous figure's (unless the figure has a
   verb of its own: "58% say yes, 23% say no"), then the last stance of the sentence before (or,
   for a figure that refers back, "it stood at 34%", the last answer cue named there); a support cue
   under negation is opposition. A figure with none of these counts no answer and is not reported. ``question_type``: ``threat_protection`` from the
   stance; else a security-option cue anywhere in the sentence, then the kinds named in
   the clause, the sentence, the sentence before (referendum or vote; security options;
   threat; membership), else ``other_construct``. ``geography``: the place as written (or
   ``national``); ``geography_level`` (national, region, oblast, city), ``region``
   (:func:`analysis.text.names.harmonise_region` where it knows the name, else the place's
   macro-region in ``extract_places.csv``), ``city``. ``country``: respondents' country
   from a demonym, "in <Country>", "citizens of <Country>" (up to ``COUNTRY_CONTEXT``
   sentences back), the country of the place, the joining country ("Finland should
   join"), else ``""`` (a national pollster alone does not say who was asked).
   ``pollster``: the first known name (the package's ``pollster_aliases.csv``) or a capitalised name after "poll by", "conducted by"...
   ``date_*``: as written near the figure or in its context, parsed by
   :func:`analysis.text.dates.parse_date_one` (see :mod:`analysis.extract.provenance`).
   ``sample_size``: "1,203 adults", "sample of 2 000".

Values are written as in the text (pollster, geography); unknown fields are ``""``
(``<NA>`` for ``sample_size``, NaN for ``share_low``/``share_high`` of a single figure).

The lexicons are data files in ``analysis/resources/`` (``extract_*.csv``); each cue row
carries an example that a test checks it matches. Accuracy is measured, not asserted, on
the labelled set in ``tests/extract_eval/`` (``benchmarks/extract_benchmark.py`` writes
``benchmarks/extract_results.md``). Known limits: subgroups named only by party, a
newspaper that *reports* a poll taken for the conductor, reasons and consequences asked of
a subgroup ("of those for whom NATO is acceptable, 53% say ... because"), year-less fieldwork
dates. Trust or confidence in NATO itself counts as a view of NATO (for; distrust: against), as the
labelling rules say; trust in politicians does not.
"""

from analysis.extract.api import (
    GEOGRAPHY_LEVELS,
    MENTION_COLUMNS,
    QUESTION_TYPES,
    STANCES,
    empty_mentions,
    extract_batch,
    extract_poll_mentions,
)
from analysis.extract.scoring import score_mentions

__all__ = [
    "GEOGRAPHY_LEVELS",
    "MENTION_COLUMNS",
    "QUESTION_TYPES",
    "STANCES",
    "empty_mentions",
    "extract_batch",
    "extract_poll_mentions",
    "score_mentions",
]
