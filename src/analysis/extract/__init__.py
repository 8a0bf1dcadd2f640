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

Design (rule-based, no network, no model)
-----------------------------------------
1. **Candidates.** Units (``%``, ``percent``, ``per cent``, ``pct``, a stray ``#``) are
   found first, then a regular expression reads back from each unit: an optional qualifier
   (``over``, ``approximately``...) and a number, in digits or spelled out
   (``Twenty-nine``). Share and qualifier come from
   :func:`analysis.normalise.parse_share_one`; numbers over 100 are dropped. Bare numbers
   ("39 were opposed") and ranges ("ranging from 24 to 31 percent", "58-62%") are never
   figures; "from 24 to 22 per cent" (falling, or after "increased") is a change whose
   second number is a figure.
2. **Sentences and clauses.** Sentences come from :func:`analysis.seeds.sentence_spans`
   (the package's one splitter). In a sentence each figure owns a *clause*: the text from
   the previous figure or break (``,;:``, a sentence end the splitter missed, ``while``,
   ``but``, a spaced dash, an opening parenthesis after the figure) to the next one. Cues
   are read in the clause (right of the figure first, left first when the figure ends its
   clause: "fell to 13 per cent and ..."), then from the previous figure on the same level
   (inside or outside parentheses), then in the sentence, then in the context.
3. **Is it a NATO poll figure?** All of: (a) a *poll cue* in the sentence (poll, survey,
   respondents, a demonym, a known pollster) or a poll cue or poll figure in the sentence
   before; (b) the *topic* resolves to NATO (NATO, the alliance, a defence pact,
   neutrality): the nearest topic cue as above, the last one of up to
   ``CONTEXT_SENTENCES`` sentences before, or its place in a "..., respectively" list.
   Competing topics: the EU, other unions (CSTO, CIS, Customs Union), organisations (UN,
   IMF...), the economy, defence spending (the 2% target), politics (trust, vote shares,
   elections), other countries as objects (Russia, "ties with the US"; not "in Poland"),
   peace talks and arguments; (c) not a *change* ("by 5%", "up 5%", "25 percentage
   points"), a *margin of error* (after "margin of error" with no NATO or stance cue in
   between) or a *prediction* ("forecasting", "could rise to"). A cheap pre-filter skips
   sentences with no NATO cue within reach or no poll context (same outcome, less work).
4. **Fields.** ``stance``: the nearest strong cue as above, then a weak one ("would take
   part", used only when nothing else is near), then the last stance of the sentence
   before ("In June 2018, it was 43 percent."), else ``other``; "voted for ... neutrality"
   is ``other``. ``geography``: a region or city of the clause (one named before the
   figure also covers the next figures; a parenthesis takes its figure's), or from a
   "respectively" list; else ``national``. ``country``: respondents' country from
   "in/all over <Country>", a demonym ("of Finns"), "<adjective> poll/citizens",
   "citizens of <Country>", up to ``COUNTRY_CONTEXT`` sentences back, else the joining
   country ("Finland should join", "Georgia's membership"). ``pollster``: the first known
   name (``resources/extract_pollsters.csv``) or a capitalised name after "poll by",
   "conducted by"... ``date_*``: a date written after the figure in its clause, else one
   of the sentence not owned by another figure, else the context's; year-less dates
   ("On May 6") take the year of a full date just before; "since 2014", "published on
   ...", an opening dateline are not poll dates; parsed by
   :func:`analysis.normalise.parse_date_one`. ``sample_size``: "1,203 adults", "sample of
   2 000". Pollster, date and sample size also come from the context: sentences with a
   poll cue up to ``POLL_CONTEXT`` back (any sentence without figures up to
   ``CONTEXT_SENTENCES`` back), then methodology sentences after; never for a comparison
   figure ("up from 28 percent in 2012", "- against 22% in March": own date only) nor in a
   sentence about another time ("In May, ...", "a month ago"; "Back then" takes the date
   just mentioned).

Values are written as in the text (pollster, geography); map them with
:func:`analysis.normalise.harmonise_pollster` / ``harmonise_region`` where the aliases
are known. Unknown fields are ``""`` (``<NA>`` for ``sample_size``).

The lexicons are data files in ``analysis/resources/`` (``extract_*.csv``): stance cues
(with a strong/weak priority), topic cues, poll/change/error/prediction cues,
pollsters, places and countries. Each cue row carries an example that a test checks it
matches. Accuracy is measured, not asserted, on the labelled set in
``tests/extract_eval/`` (``benchmarks/extract_benchmark.py`` writes
``benchmarks/extract_results.md``). Known limits: numbers without a unit, subgroups named
only by party, a newspaper that *reports* a poll taken for the conductor, items of a list
of arguments about NATO, publication dates that are not marked as such.
"""

from analysis.extract.api import MENTION_COLUMNS, STANCES, empty_mentions, extract_batch, extract_poll_mentions
from analysis.extract.scoring import score_mentions

__all__ = ["MENTION_COLUMNS", "STANCES", "empty_mentions", "extract_batch", "extract_poll_mentions", "score_mentions"]
