"""Is a figure a NATO poll figure: its topic, stance and filters, read clause by clause (the row fields of an
accepted figure, question type, geography and country, come from :mod:`analysis.extract.fields`)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from analysis.extract.clauses import (
    Clause,
    Spans,
    annotated_phrase,
    names_a_thing,
    nearest,
    nearest_cue,
    nearest_in_sentence,
    respectively,
    second_of_a_margin,
    shared_object,
    shared_predicate,
    unowned,
)
from analysis.extract.context import (
    continues_a_count,
    nato_referendum,
    poll_context,
    reasons_of_a_subgroup,
    renunciation_answer,
    subgroup_asked_else,
    summit_expectation,
    vote_count,
)
from analysis.extract.fields import (
    context_country,
    coordinated_place,
    figure_country,
    fronted_place,
    geography_levels,
    question_type,
)
from analysis.extract.lexicon import (
    TOPIC_CONTEXT,
    change_after,
    change_before,
    context_cues,
    gazetteer,
    place_key,
    stance_cues,
)
from analysis.extract.provenance import provenance
from analysis.extract.sentences import COMPARED_AGAINST, Document, Sentence


@dataclass
class _Decision:
    accepted: bool
    stance: str
    topic: str | None
    region: str = ""  # geography named before the figure: also covers later figures
    place: str | None = None
    row: dict[str, object] = field(default_factory=dict)
    cued: bool = True  # the stance comes from a cue (own, shared, inherited), not the default ``other``
    composition: bool = False  # the make-up of a group ("of whom 84% Macedonians, 7% Albanians")
    reason: str = ""  # why a figure is not reported ("topic: eu", "no answer cue"...), for error analysis


def _inside(spans: Spans, lo: int, hi: int) -> bool:
    """``[lo, hi)`` lies inside one of ``spans`` (which do not overlap)."""
    k = bisect.bisect_right(spans.starts, lo) - 1
    return k >= 0 and hi <= spans.ends[k] and (spans.starts[k], spans.ends[k]) != (lo, hi)


_IN_MEMBER_STATES = re.compile(
    r"\b(?:in|across|among|throughout|of)\s+(?:the\s+)?(?:all\s+)?(?:\d+\s+|[a-z]+\s+)?"
    r"(?P<nato>NATO|Alliance|[Aa]llied)\s+(?:member\s+)?(?:states|countries|nations)\b"
)
"""NATO named as where respondents live ("50 percent in 16 NATO member states said no"): a setting, not a topic."""
_NAMES_ONLY = {"country_name": "other_country", "person_name": "politics"}
"""Labels of a bare name, a country's ("Russia", "the US") or an office holder's ("President Joe Biden"), and the
topic each is in the figure's own clause, where it can be the object of the answer ("45% view Russia favourably");
elsewhere it is a subject or a setting ("after Russia invaded, 70% back joining"; "President X said he would call a
referendum"), not what the figure's question is about."""


_NEW_SUBJECT = re.compile(
    r"\b(?:as regards|regarding|with regard to|in regard to|concerning|when it comes to|as for|"
    r"on the (?:issue|question|subject|matter|topic) of)\b"
)
"""A sentence that turns to a subject of its own (on lower-cased text): "as regards the government's plans"."""


def _subjects_of_nato(sentence: Sentence, topics: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``topics`` without those that only lead up to NATO, named next in the same stretch of the sentence: a
    bare country name as the subject ("would like the U.S. to maintain its commitment to NATO") and a benefit
    drawn from NATO itself ("the country benefits from NATO membership"; not "from European and Euro-Atlantic
    integration", or from the EU and NATO together): the answer is a view of NATO."""
    kept: list[tuple[int, int, str]] = []
    for cue in reversed(topics):
        s, e, label = cue
        if (
            kept
            and kept[-1][2] == "nato"
            and (
                label in _NAMES_ONLY
                or (label == "argument" and _BENEFIT_FROM.fullmatch(sentence.folded_masked, s, kept[-1][0]))
            )
        ):
            j = bisect.bisect_left(sentence.breaks, (e, e))
            between = (j < len(sentence.breaks) and sentence.breaks[j][0] < kept[-1][0]) or any(
                e <= c.start < kept[-1][0] for c in sentence.clauses
            )  # "28% at the United States and 23% at NATO": a figure of its own between them
            if not between:
                continue
        kept.append(cue)
    return kept[::-1]


_BY_OR_OF = re.compile(r"\b(?:by|of)\s*$")
"""A change's size named before a bound ("increased by more than 10 percent", "a rise of over 5%"), lower-cased."""


def _country_named(sentence: Sentence, start: int, end: int) -> str:
    """The country a bare country-name cue names (``""`` if the gazetteer does not know it). The respondents' own
    country is no topic of its own ("47% of Americans want the United States to keep its commitments to the
    alliance"): a public asked about its own country's tie to NATO, not for a view of another country.

    >>> from analysis.text.sentences import sentence_spans
    >>> t = "47% of Americans want the United States to keep its commitments."
    >>> _country_named(Document(t, sentence_spans(t)).sentence(0), 22, 39)
    'United States'
    """
    gaz = gazetteer()
    found = gaz.countries.search(sentence.masked, start, end)
    return gaz.country_of.get(place_key(found.group(0)), "") if found else ""


_BENEFIT_FROM = re.compile(
    r"benefit\w*(?: [\w-]+){0,8}? from (?:the |its |their |our )?"
    r"(?:(?:joining|membership in|membership of|being in|being part of|being a member of) (?:the )?)?"
)
"""A benefit drawn from NATO itself, named right after "from" (on lower-cased text)."""


def _context_topic(doc: Document, sentence: Sentence) -> str | None:
    """The last topic named in the sentences before (a bare country name is none); none past a sentence that
    turns to a subject no topic cue names ("The respondents differ as regards the talks' chances.")."""
    if _NEW_SUBJECT.search(sentence.folded):
        return None
    for previous in doc.before(sentence.index, TOPIC_CONTEXT):
        named = [t for t in previous.topics if t[2] not in _NAMES_ONLY]
        if named:
            return named[-1][2]
        if _NEW_SUBJECT.search(previous.folded):
            return None
    return None


def decide(doc: Document, sentence: Sentence) -> list[_Decision]:
    """One decision per figure of ``sentence``: is it a NATO poll figure, and its row fields if so.

    Figures are read left to right, each in its clause (see :mod:`analysis.extract.clauses`); a
    figure inherits topic, stance and a fronted place from the previous figure on its level.

    >>> from analysis.extract.figures import find_figures
    >>> from analysis.text.sentences import sentence_spans
    >>> t = "In a new poll, 58% of Finns backed joining NATO; 7% backed the EU."
    >>> s = Document(t, sentence_spans(t)).sentence(0)
    >>> s.figures = find_figures(t)
    >>> [(d.accepted, d.stance, d.reason, d.row.get("country")) for d in decide(s.doc, s)]
    [(True, 'for', '', 'Finland'), (False, 'for', 'topic: eu', None)]
    """
    clauses = sentence.clauses
    lists = respectively(sentence, clauses)
    previous = doc.previous(sentence.index)
    in_poll = poll_context(doc, sentence)
    asked = _ASKED.match(sentence.folded)  # a question opening the sentence, read once for all its figures
    # a country named as where respondents live ("91% in Poland", a "respectively" list) is no topic
    located = sorted(
        [(s, e) for s, e, _ in sentence.located_countries.items]
        + [(p.start, p.end) for p in lists.values() if p.kind != "topic"]
        + [m.span("nato") for m in _IN_MEMBER_STATES.finditer(sentence.text)]
    )
    located_starts = [s for s, _ in located]

    def is_located(at: int) -> bool:
        k = bisect.bisect_right(located_starts, at) - 1
        return k >= 0 and at < located[k][1]

    # a topic word inside an answer is part of the answer ("10% would not cast their ballots")
    answers = sentence.stances
    kept = [t for t in sentence.topics if t[2] == "nato" or not _inside(answers, t[0], t[1])]
    kept = _subjects_of_nato(sentence, kept)
    if any(t[2] == "country_name" for t in kept) and (own := context_country(doc, sentence)):
        kept = [t for t in kept if not (t[2] == "country_name" and _country_named(sentence, t[0], t[1]) == own)]
    topics = Spans([(s, e, _NAMES_ONLY.get(t, t)) for s, e, t in kept if not is_located(s)])
    named_topics = Spans([t for t in kept if not is_located(t[0]) and t[2] not in _NAMES_ONLY])
    text = sentence.text
    # cues of the rest of the sentence that no other figure's clause holds
    free: dict[int, Spans] = {}  # computed on first use, per cue list

    def unowned_of(cues: Spans) -> Spans:
        if id(cues) not in free:
            free[id(cues)] = unowned(cues, clauses)
        return free[id(cues)]

    decisions: list[_Decision] = []
    last_on_level: dict[bool, _Decision] = {}  # the previous figure inside / outside parentheses
    for i, (figure, clause) in enumerate(zip(sentence.figures, clauses, strict=True)):
        # inherit from the previous figure on the same level (inside or outside parentheses)
        prior = last_on_level.get(clause.in_parens) or (decisions[-1] if decisions else None)
        outside = last_on_level.get(False)
        # --- stance ("- against 22% in March" compares: that "against" is no answer)
        stances = sentence.stances
        if COMPARED_AGAINST.search(text[max(0, clause.start - 24) : clause.start]):
            stances = Spans([c for c in stances.items if c[1] < clause.start - 12 or c[0] > clause.start])
        stance = (
            _named_answer(figure.answer) or _label_stance(sentence, clause, stances) or nearest(stances, clause, text)
        )
        answered = stance is not None  # an answer of the figure's own ("76% support joining")
        stance = stance or nearest(sentence.weak_stances, clause, text) or shared_predicate(stances, clauses, i, text)
        cued = True
        if stance is None and prior is not None and not _own_predicate(sentence, clause):
            stance, cued = prior.stance, prior.cued  # "37% support joining, 28% in the east": the same answer
        if stance is None:
            stance = nearest_in_sentence(unowned_of(stances), clause.start) or nearest_in_sentence(
                unowned_of(sentence.weak_stances), clause.start
            )
        if stance is None and previous is not None and previous.accepted and not _own_predicate(sentence, clause):
            stance = previous.last_stance  # "Another 12%, in the west." (a verb of its own: its own answer)
        elif (
            stance is None
            and previous is not None
            and previous.stances.items
            and (_ANAPHOR.search(text, clause.left, clause.right) or _ANAPHOR.search(text, 0, min(30, clause.start)))
        ):
            # "The survey measured support for joining NATO. In 2014, it stood at 34%.": what "it" counts
            stance = previous.stances.items[-1][2]
        if (
            prior is not None
            and prior.stance in _INVERSE
            and second_of_a_margin(sentence.folded, sentence.stances, clauses, i)
        ):
            stance, cued = _INVERSE[prior.stance], prior.cued  # "favor NATO by 48% to 28%": the 28% are against
        if stance in ("opposite", "same"):  # "while 11% took the opposite view", "45% of B feel this way"
            base = prior.stance if prior is not None else _view_named_before(sentence, clause, previous)
            if stance == "same" and prior is not None:
                cued = prior.cued
            stance = _INVERSE.get(base or "", "other") if stance == "opposite" else base
        if stance is None:
            stance, cued = "other", False
        # --- topic
        listed = lists[i].name if i in lists and lists[i].kind == "topic" else None
        topic = own_topic = listed or _clause_topic(sentence, topics, clause)
        if _TARGET_AFTER.match(sentence.folded, clause.end):
            topic = own_topic = "spending"  # "to reach the 2% NATO ally target": the figure qualifies a target
        phrase = annotated_phrase(text, clause) if listed is None else None
        if phrase is not None and (cue := topics.last_within(*phrase)) is not None:
            topic = own_topic = cue[2]  # "views of the EU (70%) and of NATO (62%)": the phrase's own topic
        elif phrase is not None and names_a_thing(sentence, *phrase):
            topic = own_topic = "other_topic"  # "views of Ukraine (64%)", "terrorism (81%)": a thing of its own
        if topic is None:
            topic = shared_predicate(topics, clauses, i, text) or shared_object(topics, clauses, i, text)
        if topic is None and prior is not None:
            topic = prior.topic
            # "73% support the presence of NATO troops, and 80% support membership": membership is of an
            # organisation, so not the previous figure's object; NATO's if the sentence or context names it
            if (
                topic not in _ORGANISATIONS
                and _MEMBERSHIP.search(sentence.folded, clause.left, clause.right)
                and (sentence.nato_cue or any(s.nato_cue for s in doc.before(sentence.index)))
            ):
                topic = "nato"
        if topic is None:  # the nearest topic anywhere in the sentence ("22% of them, asked: the EU or NATO?")
            free_topics = unowned_of(named_topics)
            topic = _cue_topic(sentence, free_topics, clause, free_topics.nearest(clause.start))
        undecided = stance in ("undecided", "would_not_vote")
        if (
            topic is None
            and not sentence.topics
            and undecided
            and any(s.accepted for s in doc.before(sentence.index))
            and not any(_NEW_SUBJECT.search(s.folded) for s in [sentence, *doc.before(sentence.index, 1)])
        ):
            topic = "nato"  # "Another 10% were undecided.": the rest of the NATO question just reported
        if topic is None:  # the sentence names no topic of its own for the figure: the context's
            topic = _context_topic(doc, sentence)
        if topic is None and figure.answer and _follows_reported_cells(doc, sentence):
            topic = "nato"  # a cell of a table (or tuple) whose cells before were NATO poll figures
        # "the refusal to join NATO is unacceptable": rejecting the renunciation is support
        if (judged := renunciation_answer(doc, sentence, clause)) is not None:
            stance, topic, cued = judged, "nato", True
        participation = topic == "turnout" and nato_referendum(doc, sentence)
        if participation:
            topic, stance, cued = "nato", "other", True  # turnout in a referendum on NATO: would take part
        elif topic == "turnout":
            topic = "politics"
        # --- filters
        folded = sentence.folded  # cues of one case matched on the lower-cased sentence
        before = folded[max(clause.left, clause.start - 40) : clause.start]
        after = folded[clause.end : min(clause.right, clause.end + 40)]
        # "fell below 50%", "rose to over 60%": a verb of change before a bound names the level reached, not a change
        # (unlike "increased by more than 10 percent")
        bound = (
            figure.qualifier in ("lower_bound", "upper_bound")
            and not figure.as_written[:1].isdigit()
            and not _BY_OR_OF.search(before)
        )
        # "endorsed by 91% of ..., by 90% of ... and by 66% of ...": "and by" repeats an accepted figure's role
        same_role = prior is not None and prior.accepted and bool(_AND_BY.search(before))
        change = bool(
            (change_before().search(before) and not bound and not same_role) or change_after().match(after.lstrip())
        )
        # the clause, with a participle that spells out its answer ("22% are sceptical, saying it will never join")
        said = _SAYING_AFTER.match(folded, clause.right)
        right = said.end() if said is not None else clause.right
        # the clause, or the question that opens the sentence ("Asked which bloc would prevail, 21% named ...")
        prediction = not participation and (
            context_cues("prediction").search(text[clause.left : right], folded[clause.left : right])
            or (asked is not None and context_cues("prediction").search(text[: asked.end()], folded[: asked.end()]))
            or summit_expectation(sentence)
            or reasons_of_a_subgroup(sentence)
            or subgroup_asked_else(sentence, clause)
        )
        # after a "margin of error" cue, unless a NATO or stance cue comes in between, or the figure's own
        # clause holds one beyond its first figure ("error of 3.1%, showed that 56% have a positive view")
        last_error = sentence.errors.last_within(0, clause.start)
        error = False
        if last_error is not None:
            k = bisect.bisect_left(sentence.separators, last_error[0])
            error = not (k < len(sentence.separators) and sentence.separators[k] < clause.start)
            if error and i > 0 and last_error[0] < clauses[i - 1].start:
                k = bisect.bisect_left(sentence.separators, clause.left)
                error = not (k < len(sentence.separators) and sentence.separators[k] < clause.right)
        # a poll is named, or the figure counts an answer about NATO ("Support for NATO membership in
        # Finland has reached 76%": who else but a poll's respondents?), unless a vote is what it counts
        unnamed = answered and not in_poll and not vote_count(sentence)
        composition = False
        if not (in_poll or unnamed):
            reason = "no poll named"
        elif topic != "nato":
            reason = f"topic: {topic or 'none'}"
        elif change or prediction or error:
            reason = "change" if change else "prediction" if prediction else "margin of error"
        else:
            # "a 100 percent guarantee": a figure used as an adjective counts no respondents
            adjectival = bool(_ARTICLE_BEFORE.search(before) and _NOUN_AFTER.match(after))
            # "65% of citizens, of whom 84% Macedonians": the make-up of a group, no answer
            composition = bool(_COMPOSITION.search(before) or _MADE_UP_OF.match(text, clause.end)) or (
                i > 0 and decisions[-1].composition and _LIST_ITEM.fullmatch(text, clauses[i - 1].end, clause.start)
            )
            # a referendum's or an election's count, official statistics: no poll (a cue before the figure, or after
            # it within its clause: "72.5% of voters cast ballots")
            if adjectival or composition:
                reason = "adjective" if adjectival else "make-up of a group"
            elif sentence.not_poll.first_within(0, clause.right) is not None or continues_a_count(doc, sentence):
                reason = "count, not a poll"
            elif not cued and not participation:
                reason = "no answer cue"  # a NATO poll figure's share counts those who gave an answer
            else:
                reason = ""
        # "51% expect it within ten years, down from 70%", "41% trust X, while 14% offered no opinion": the same
        # question's figure (a share undecided with no topic of its own clause), reported only with the one before
        if (
            not reason
            and prior
            and not prior.accepted
            and (_COMPARED.search(before) or _ends_a_change(folded, clauses, i) or (undecided and not own_topic))
        ):
            reason = prior.reason
        if not reason and _refers_to_unreported(doc, sentence, clause):
            reason = "refers back to a figure not reported"  # "Among B, the figure fell to 62%."
        accepted = not reason
        decision = _Decision(accepted, stance, topic, cued=cued, composition=composition, reason=reason)
        # --- geography (a region before the figure also covers later figures)
        place = None
        right_place = sentence.regions.first_within(clause.end, clause.right)
        left_place = sentence.regions.last_within(clause.left, clause.start)
        if i in lists and lists[i].kind == "place":
            place = lists[i].name
        elif clause.in_parens and not right_place and not left_place and outside and outside.place:
            place = outside.place  # "95% of residents of the west (against — 2%)"
        elif right_place:
            place = right_place[2]
        elif left_place:
            place = decision.region = coordinated_place(sentence, left_place, clause.left)
        elif (fronted := fronted_place(sentence, clause)) is not None:
            place = decision.region = fronted  # "in the west, 80% support joining"
        elif prior is not None and prior.region:
            place = decision.region = prior.region
        decision.place = place
        geography = re.sub(r"^the\s+", "", re.sub(r"\s+", " ", place)) if place else "national"
        decisions.append(decision)
        last_on_level[clause.in_parens] = decision
        if not accepted:
            continue
        decision.row = {
            "stance": stance,
            "question_type": question_type(sentence, clause, stance, previous),
            "geography": geography,
            **geography_levels(geography),
            **provenance(doc, sentence, figure, clause),
        }
        listed_country = lists[i].name if i in lists and lists[i].kind == "country" else None
        decision.row["country"] = figure_country(doc, sentence, clause, listed_country, place)
    return decisions


_AND_BY = re.compile(r"(?:,|\band|\bor)\s+by\s*$")
_ASKED = re.compile(r"\W*(?:when |if |being )?asked\b[^,;:]*")
"""A sentence opening on the question put ("Asked which bloc would prevail, ..."; on lower-cased text)."""
_THE_FIGURE = re.compile(r"\b(?:the|this|that|these|those) (?:figures?|numbers?|shares?|proportions?|percentages?)\b")


_TARGET_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+){0,3}?(?:target|goal|benchmark|threshold|guideline|pledge|requirement)s?\b(?!\s+(?:of|for)\b)"
)
"""After a figure, a noun phrase it qualifies that names a target (on lower-cased text): "the 2% NATO ally target"."""


def _refers_to_unreported(doc: Document, sentence: Sentence, clause: Clause) -> bool:
    """The figure's sentence refers back to "the figure" of the sentence before without naming NATO itself, and
    no figure of that sentence was reported: it counts the same, unreported, answer."""
    if sentence.nato_cue or not _THE_FIGURE.search(sentence.folded, 0, clause.start):
        return False
    previous = doc.previous(sentence.index)
    return previous is not None and bool(previous.figures) and not previous.accepted


_SAYING_AFTER = re.compile(r",\s*(?:saying|believing|thinking|expecting|convinced)\b[^,;:.]*")
_COMPARED = re.compile(
    r"(?:\b(?:down|up|drop|dropped|decline|declined|fall|fell|fallen|rise|risen|rose|increase|increased|decrease|"
    r"decreased|jump|jumped|change)\s+from|\bcompared (?:with|to))\s+$"
)
"""A figure compared with the one before it (on lower-cased text): it counts the answer to the same question."""
_FROM_TO = re.compile(r"\s*(?:in [a-z]+(?: \d{4})?\s*)?(?:down |up )?to\s+")
"""Between the two figures of a change written "from X (in May) to Y" (on lower-cased text)."""


def _ends_a_change(folded: str, clauses: list[Clause], i: int) -> bool:
    """Figure ``i`` ends a change written "from X (in May) to Y" ("... fell from 64% to 51%"): the same question's
    figure as the change's start."""
    return (
        i > 0
        and folded.endswith("from ", 0, clauses[i - 1].start)
        and _FROM_TO.fullmatch(folded, clauses[i - 1].end, clauses[i].start) is not None
    )


_LIST_ITEM = re.compile(r"[^.;:()\d]{0,40}")
_MADE_UP_OF = re.compile(
    r"\s+(?:are|were)\s+(?:ethnic\s+)?(?:[A-Z][a-z]+s|other (?:communities|ethnic groups|nationalities))\b(?!\s+(?:who|that))"
)
"""A figure that says who a group is made of ("84% are Macedonians, 7.1% are Albanians"), on the text as written."""
_COMPOSITION = re.compile(r"\b(?:of|among) (?:whom|which)\s+(?:(?:are|were|is|was)\s+)?$")
_ARTICLE_BEFORE = re.compile(r"(?<!\w)an?\s+$")
_NOUN_AFTER = re.compile(
    r"\s+(?!of\b|majority\b|minority\b|plurality\b|share\b|proportion\b|support|backing|approval|opposition|yes\b|no\b)"
    r"[a-z]{3,}"
)
"""After "a"/"an" and before a noun, a figure qualifies the noun ("a 100 percent guarantee")."""
_LABEL = re.compile(r"(?:^|[;:,\n•(]|\s[-–—]\s)\s*(?P<label>[^;:,\n•()%\d]{1,40}?)\s*:\s*$")
_BARE_LABEL = re.compile(r"\s*(?P<label>yes|no)\s*[-–—]?\s*", re.IGNORECASE)
_LABEL_ANSWER = {"yes": "for", "no": "against", "for": "for", "against": "against", "pro": "for", "contra": "against"}
_LABEL_ANSWER_OR_SIDE = _LABEL_ANSWER | {"opposite": "opposite"}  # "opposite": the other side of a split (73%–27%)


_DASH_LABEL = re.compile(r"\s*[-–—]\s*(?P<label>[^,;:()%\d.]{1,40}?)\s*(?:[,;.)]|$)")


def _follows_reported_cells(doc: Document, sentence: Sentence) -> bool:
    """The last sentence with figures among the few before (a row's label may take lines of its own) had
    figures reported."""
    earlier = next((s for s in doc.before(sentence.index, 4) if s.figures), None)
    return earlier is not None and earlier.accepted


def _view_named_before(sentence: Sentence, clause: Clause, previous: Sentence | None) -> str | None:
    """The answer that "this view" or "the opposite" of a sentence's first figure refers back to: the last answer
    cue before the figure's clause ("feel threatened by NATO, that view was expressed by 67%"), else the last
    answer named in the sentence before: a cue after its figures ("Most feel threatened by NATO. That view is
    shared by 54% in the north."), else its last reported figure's; none if another topic is named beside that cue ("call
    Russia an enemy, while 61% said the same": a view of something else)."""
    named = [c for c in sentence.stances.items if c[1] <= clause.left and c[2] not in _BACK_REFERENCES]
    if named:
        lo = named[-1][0] - 40
        if any(lo <= t[0] < clause.left and t[2] != "nato" for t in sentence.topics):
            return None
        return str(named[-1][2])
    if previous is None:
        return None
    named = [c for c in previous.stances.items if c[2] not in _BACK_REFERENCES]
    last_figure = previous.figures[-1].end - previous.start if previous.figures else 0
    if named and (previous.last_stance is None or named[-1][0] >= last_figure):
        return str(named[-1][2])  # an answer named after the sentence's figures ("... see NATO as protection.")
    return previous.last_stance


_BACK_REFERENCES = ("opposite", "same")


def _named_answer(label: str) -> str | None:
    """The stance of an answer a tuple's header names ("protection", "neither", "yes", "don't know")."""
    if not label:
        return None
    cues = [c for c in stance_cues().scan(label) if not c[2].endswith("~weak")]
    return str(cues[0][2]) if cues else _LABEL_ANSWER_OR_SIDE.get(label.casefold())


def _label_stance(sentence: Sentence, clause: Clause, stances: Spans) -> str | None:
    """The answer named as a label: before a colon ("Yes: 31%; No: 52%; Don't know: 17%") or after a
    dash that ends the figure's clause ("62% - for, 25% - against")."""
    text = sentence.text
    if bare := _BARE_LABEL.fullmatch(text, clause.left, clause.start):  # "Yes 48%, No 38%"
        return _LABEL_ANSWER[bare["label"].casefold()]
    labels = []
    if not text[clause.left : clause.start].strip() and text[: clause.left].rstrip().endswith(":"):
        labels.append(_LABEL.search(text, max(0, clause.left - 60), clause.left))
    if clause.elliptic:
        labels.append(_DASH_LABEL.match(text, clause.end, min(len(text), clause.right + 1)))
    for m in labels:
        if m is None:
            continue
        cue = stances.last_within(m.start("label"), m.end("label"))
        if cue is not None:
            return str(cue[2])
        if answer := _LABEL_ANSWER.get(m["label"].strip().strip("\"'“”‘’").casefold()):
            return answer
    return None


_SAYING = [
    "said", "say", "says", "saying", "think", "thinks", "thought", "believe", "believes", "believed", "feel", "feels",
    "felt", "agree", "agreed", "agrees", "answered", "replied", "stated", "indicated", "found", "shows", "showed",
    "claim", "claimed", "noted",
]  # fmt: skip
_ANAPHOR = re.compile(
    r"\b(?:it|this|"
    + "".join(rf"(?<!\b{verb} )" for verb in _SAYING)
    + r"that|the (?:figure|number|share|level|proportion|percentage|rate|result|indicator))\b",
    re.IGNORECASE,
)
"""A figure's clause (or its sentence's opening) that refers back to what the sentence before counted ("that"
after a verb of saying opens a clause: "said that ..." refers to nothing)."""
_ORGANISATIONS = ("nato", "eu", "other_union", "organisation")
_MEMBERSHIP = re.compile(r"\b(?:join(?:s|ed|ing)?|membership|accession|accede|entry)\b")
_OWN_PREDICATE = re.compile(
    r"\b(?:say|says|said|answer(?:s|ed)?|respond(?:s|ed)?|repl(?:y|ies|ied)|think|thinks|thought|believe[sd]?|"
    r"feel|feels|felt|consider(?:s|ed)?|see|sees|saw|view(?:s|ed)?|call(?:s|ed)?|regard(?:s|ed)?|want(?:s|ed)?|"
    r"chose|choose|named|prefer(?:s|red)?|would|will|could|can|should|have|has|had|(?:are|were|is|was)(?!\s*(?:[,.;)]|$)))\b"
)
"""A verb of the figure's own after it ("23% say no", "19% are insecure"): its answer is its own, so an
unrecognised one is not the previous figure's (that holds only for elliptic figures: "and 28% in the east")."""
_WHO_GROUP = re.compile(
    r"\s+(?:of|among) (?:those|people|respondents|voters|supporters|citizens|the ones)(?: \w+)? who\b[^,;:]*$"
)
"""A figure's clause that names its group by a relative clause ("by 90% of those who say they are from the right"):
the verb defines the group, it is no answer of the figure's own (on lower-cased text)."""


def _own_predicate(sentence: Sentence, clause: Clause) -> bool:
    """A verb of the figure's own after it (see :data:`_OWN_PREDICATE`), outside a relative clause naming its group."""
    folded = sentence.folded
    return not _WHO_GROUP.match(folded, clause.end, clause.right) and bool(
        _OWN_PREDICATE.search(folded, clause.end, clause.right)
    )


_INVERSE = {"for": "against", "against": "for", "threat": "protection", "protection": "threat"}
"""The stance of "the opposite view" after a figure of the given stance."""
_COORDINATOR = re.compile(r"\s*(?:,\s*and|,|and|&|or|as well as)\s+(?:the\s+)?|\s*,\s*")


def _clause_topic(sentence: Sentence, topics: Spans, clause: Clause) -> str | None:
    """The topic of the figure's own clause: the nearest topic cue (see :func:`_cue_topic`)."""
    return _cue_topic(sentence, topics, clause, nearest_cue(topics, clause, sentence.text))


def _cue_topic(sentence: Sentence, topics: Spans, clause: Clause, cue: tuple[int, int, str] | None) -> str | None:
    """The topic of a figure read from ``cue``; the EU coordinated with NATO ("joining the EU and NATO", "EU,
    NATO", "membership in the EU or NATO") is NATO's as well, unless the span from the figure's clause to the pair
    names another topic too (a condition, a name, an argument: then the figure is about that)."""
    if cue is None or cue[2] != "eu":
        return cue[2] if cue is not None else None
    k = topics.items.index(cue)
    for j in (k + 1, k - 1):  # NATO coordinated after the EU ("the EU and NATO") or before it ("NATO and the EU")
        if not 0 <= j < len(topics.items) or topics.items[j][2] != "nato":
            continue
        first, second = (cue, topics.items[j]) if j > k else (topics.items[j], cue)
        if _COORDINATOR.fullmatch(sentence.text, first[1], second[0]):
            lo, hi = min(clause.left, first[0]), max(clause.right, second[1])
            others = [t for t in topics.items if lo <= t[0] < hi and t[2] not in ("eu", "nato")]
            if not others:
                return "nato"
    return "eu"
