"""Numbers quoted in the README come from the executed notebooks' Findings."""

from __future__ import annotations

import re

from analysis.paths import ROOT
from tests.notebook_text import computed_text as _findings


def _groups(pattern: str, text: str, what: str) -> tuple:
    """The groups of ``pattern``'s first match in ``text``; fails naming ``what`` when the notebook no longer says it."""
    match = re.search(pattern, text)
    assert match, f"the notebook no longer states {what} in the expected form"
    return match.groups()


def _names_exactly(stated: str, listed: str, named: dict[str, str]) -> None:
    """The README's ``stated`` words name a check (``named``: words -> the notebook's label) exactly when the
    notebook's ``listed`` checks hold it."""
    for words, check in named.items():
        assert (words in stated) == (check in listed), (words, listed)


def test_readme_headline_numbers_match_the_notebooks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shift = _findings("02-opinion-shift-2014.ipynb")
    flat = " ".join(readme.split())
    # the headline: the change across each break's months without polls, with all polls and without the flagged ones
    changes = re.search(
        r"the latent level changed by \*\*(\S+ points)\*\* \(95% interval (\S+ to \S+)\) from (\w+ \d{4}) to (\w+ \d{4}) "
        r"and by \*\*(\S+ points)\*\* \(95% interval (\S+ to \S+)\) from (\w+ \d{4}) to (\w+ \d{4})\.\n"
        r".*these changes are \*\*\S+ points\*\* \(95% interval \S+ to \S+\) and \*\*(\S+ points)\*\* \(95% interval (\S+ to \S+)\)",
        shift,
    )
    assert changes, "the Findings no longer state the changes across the gaps in the expected form"
    c14, ci14, from14, to14, c22, ci22, from22, to22, clean22, clean_ci22 = changes.groups()
    for number in [
        f"changed by **{c14}** (95% interval {ci14}) from {from14} to {to14}",
        f"by **{c22}** (95% interval {ci22}) from {from22} to {to22}",
    ]:
        assert number in flat, number
    to_clean = re.search(
        r"Without the flagged polls: [^;]*; \S+ points \(\S+ to \S+\) from \w+ \d{4} to (\w+ \d{4})\.", shift
    )
    assert (
        f"without it the 2022 change, to the next poll in {to_clean.group(1)}, is **{clean22}** (95% interval {clean_ci22})"
        in flat
    )
    # the smallest change the gaps could detect (80% power), beside the readings it qualifies
    mde14, mde22 = _groups(
        r"a true change of (\S+) points in 2014 or (\S+) in 2022 would be read as a rise four times in five",
        shift,
        "power",
    )
    assert f"a true change of **{mde14} points** in 2014 or **{mde22} points** in 2022 would be read as a rise" in flat
    reading = re.search(r"Reading: (2014 — .*?); (2022 — .*?)\.\n", shift)
    assert reading, "the Findings no longer state the reading of the changes"
    assert f"all polls: {reading.group(1)}; {reading.group(2)}" in flat
    # the break-day jumps, with their readings
    jumps = re.search(
        r"itself \(the break-day jump\) is \*\*(\S+ points)\*\* \(95% interval (\S+ to \S+)\) at 22 February 2014 and "
        r"\*\*(\S+ points)\*\* \(95% interval (\S+ to \S+)\) at 24 February 2022 .*?jump readings: 2014 — (.*?), 2022 — (.*?)\)",
        shift,
    )
    assert jumps, "the Findings no longer state the break-day jumps in the expected form"
    j14, jci14, j22, jci22, jr14, jr22 = jumps.groups()
    assert f"**{j14}** (95% interval {jci14}) in 2014 and **{j22}** (95% interval {jci22}) in 2022" in flat
    assert f"read at 95%: 2014 — {jr14}, 2022 — {jr22}" in flat
    flagged = re.search(r"Without the \d+ flagged polls? \((.*?); \|robust z\|", shift).group(1)
    for poll in flagged.split(", "):
        assert f"`{poll}`" in flat, poll
    # the whole post-invasion slope, with and without the flagged poll that decides its start; no start is called
    # "fixed in advance" (the Vilnius start was chosen after seeing the line)
    path = re.search(
        r"the line rose to (\d+) in (\w+ \d{4}) \(95% interval (\d+ to \d+)\) and stood at (\d+) in (\w+ \d{4}) \((\d+ to \d+)\)",
        shift,
    )
    assert path, "the Findings no longer state the post-invasion levels with their intervals"
    top, top_at, top_ci, last, last_at, last_ci = path.groups()
    assert (
        f"the line rose to **{top}** in {top_at} (95% interval {top_ci}) and stood at **{last}** in {last_at} "
        f"({last_ci})" in flat
    )
    # whom the polls since the invasion reached: the counts the Findings give, not "few"
    cover = _groups(
        r"of the (\d+) polls of the headline series since the invasion, (\d+) record whether they surveyed the areas "
        r"occupied since 2022 and (\d+) whether they reached Ukrainians abroad",
        shift,
        "whom the post-invasion polls reached",
    )
    assert (
        "of the {} polls since the invasion, {} record whether they surveyed the areas occupied since 2022 and {} whether they reached Ukrainians abroad".format(
            *cover
        )
        in flat
    )
    # the two polls nearest each break, beside the model's change
    edges = _groups(
        r"The two polls nearest each break read (\S+) \((\w+ \d{4})\) and (\S+) \((\w+ \d{4})\) around 2014; (\S+) "
        r"\((\w+ \d{4})\) and (\S+) \((\w+ \d{4})\) around 2022",
        shift,
        "the polls nearest each break",
    )
    assert "the two polls nearest each break read {} ({}) and {} ({}), and {} ({}) and {} ({})".format(*edges) in flat
    # where the model's line stands on the dates of those polls, and how firm the two readings are
    line = _groups(
        r"Its line stands at (\S+) and (\S+) on those dates around 2014; (\S+) and (\S+) on those dates around 2022",
        shift,
        "the line on the dates of the nearest polls",
    )
    assert "On those dates the model's line stands at {} and {}, and at {} and {}.".format(*line) in flat
    edge = "Both readings sit at the edge of the 95% bar" in shift
    assert edge == ("the two rest on about equally strong evidence" in flat)
    assert ("none of the other estimates reads a fall" in flat) == bool(
        re.search(r"None of the \d+ other estimates", shift)
    )
    # the membership question's changes across the same gaps
    member = _groups(
        r"over its own gaps \(from (\w+ \d{4}) to (\w+ \d{4}), and from (\d+ \w+ \d{4}) to (\d+ \w+ \d{4})\) support for "
        r"membership changed by \*\*(\S+ points)\*\* \(95% interval (\S+ to \S+)\) in 2014 and "
        r"\*\*(\S+ points)\*\* \(95% interval (\S+ to \S+)\) in 2022; (\w+) of its (\d+) checks and (\w+) of its (\d+) "
        r"single omissions change either reading, though left out one at a time its polls move the 2022 change between "
        r"([-+]\d+\.\d) and ([-+]\d+\.\d)",
        shift,
        "the membership changes",
    )
    from14m, to14m, from22m, to22m, c14m, ci14m, c22m, ci22m, k_m, n_m, o_m, polls_m, lo_m, hi_m = member
    assert (
        f"changed by **{c14m}** (95% interval {ci14m}) from {from14m} to {to14m} and by **{c22m}** (95% interval "
        f"{ci22m}) from {from22m} to {to22m}" in flat
    )
    assert (
        f"{k_m.capitalize()} of its {n_m} checks and {o_m} of its {polls_m} single omissions change either reading"
        in flat
    )
    assert f"moves the 2022 change between {lo_m} and {hi_m}" in flat
    member = (c14m, ci14m, c22m, ci22m)
    # six months after each break: the line against its level at the last poll before it
    later = _groups(
        r"Six months after each break \(a span chosen after seeing the results\) the line stood \*\*(\S+ points)\*\* "
        r"\(95% interval (\S+ to \S+);[^)]*\) and \*\*(\S+ points)\*\* \(95% interval (\S+ to \S+);",
        shift,
        "the line six months after each break",
    )
    assert (
        "Six months after each break the line stood **{}** (95% interval {}) and **{}** (95% interval {})".format(
            *later
        )
        in flat
    )
    # the flagged poll's distance from the line, as the Findings give it
    gap, times, usual = _groups(
        r"lies (\S+) points below the line, (\S+) times its expected error, and is flagged because half the polls sit "
        r"within (\S+) points",
        shift,
        "the flagged poll's distance",
    )
    assert f"It lies only {gap} points below the line, {times} times its expected error" in flat
    assert f"half the polls sit within {usual} points of the line" in flat
    # the change of the line of every poll over the longer span the change without the flagged poll covers
    same, same_low, same_high, same_reading = _groups(
        r"over that same longer span the line of every poll changes by (\S+) points \((\S+) to (\S+); ([a-z ]+)\), so the "
        r"two readings differ by their spans, not by the poll",
        shift,
        "the change over the same span",
    )
    assert (
        f"Over that same span the line of every poll changes by **{same} points** (95% interval {same_low} to "
        f"{same_high}), a {same_reading} too: the two readings differ by their spans, not by the poll" in flat
    )
    voters = _groups(
        r"among referendum participants the 2022 change is \*\*(\S+ points)\*\* \(95% interval (\S+ to \S+)\)",
        shift,
        "the participants' change",
    )
    assert "the 2022 change is **{}** (95% interval {}); before 2014".format(*voters) in flat
    clear = all(float(ci.split(" to ")[0]) > 0 for ci in (member[1], member[3]))
    assert clear == ("On the membership question both changes are clear rises" in flat)
    # the thin years before the crisis, and the change of survey mode after 2021
    calm = _groups(
        r"in the four years before the 2014 break it holds (\d+) polls \((\S+) in (\w+ \d{4}), [^;]+; (\S+) in (\w+ \d{4}), [^)]+\)",
        shift,
        "the polls before the crisis",
    )
    assert (
        "In the four years before the 2014 break the series holds {} polls ({} in {} and {} in {})".format(*calm)
        in flat
    )
    late, phones = _groups(
        r"(\d+) telephone polls of (\d+) were fielded from November 2021 on", shift, "the mode switch"
    )
    assert f"{late} telephone polls of {phones} were fielded from November 2021 on" in flat
    # the sources, as notebook 01 counts them
    provenance = _findings("01-data-and-provenance.ipynb")
    rows, polls, houses = _groups(
        r"The external series holds \*\*(\d+) rows\*\* from \*\*(\d+) polls\*\* by \*\*(\d+) pollsters\*\*",
        provenance,
        "the sources",
    )
    released = _groups(
        r"the pollster's or sponsor's own release for \*\*(\d+) of \d+\*\* polls", provenance, "the releases read"
    )[0]
    assert f"The tables hold {rows} external figures from {polls} polls by {houses} pollsters" in flat
    assert f"for {released} of those polls that page is the pollster's or sponsor's own release" in flat
    whole = re.search(r"End to end it moved (\S+) points a year \((\S+ to \S+)\) from (\w+ \d{4}) to", shift)
    clean = re.search(r"\((\S+), (\S+ to \S+), from (\w+ \d{4}) without the flagged polls\)", shift)
    assert whole and clean, "the Findings no longer state the slopes in the expected form"
    assert f"**{whole.group(1)} points a year** ({whole.group(2)}) from {_month(whole.group(3))}" in flat
    assert f"**{clean.group(1)} points a year** ({clean.group(2)}) from {_month(clean.group(3))}" in flat
    assert "fixed in advance" not in flat
    house = re.search(r"(\d+) of the (\d+) polls since the invasion are (.+?)'s", shift)
    assert f"{house.group(1)} of the {house.group(2)} polls since the invasion are {house.group(3)}'s" in flat
    composition = re.search(
        r"accounts for \*\*(\S+ to \S+ points)\*\* of the change from (\w+ \d{4}) to (\w+ \d{4}), \*\*(\S+ points)\*\* "
        r"\((\S+ to \S+)\), which ends at the first poll[\s\S]*?95% range over all of them (\S+ to \S+)\)",
        shift,
    )
    part, start, end, whole_change, whole_ci, whole_range = composition.groups()
    assert (
        f"From {start} to {end}, which brings the first poll recorded as no longer surveying Crimea, the line rose "
        f"**{whole_change}** ({whole_ci}); not surveying Crimea, Sevastopol and the occupied Donbas accounts for "
        f"**{part}** of it (medians of three scenarios; 95% range over all of them {whole_range})" in flat
    )
    # leaving out one poll at a time: the range of each change and how many omissions change its reading
    without = r"\(without ([^,)]+)(?:, (\w+ \d{4}) to (\w+ \d{4}))?\)"
    loo = re.search(
        rf"leaving out each of the (\d+) polls in turn \(one refit each\), the 2014 change ranges from (\S+) {without} to "
        rf"(\S+) {without} and (\d+) omissions? changes? its reading.*?; the 2022 change ranges from (\S+) {without} "
        rf"to (\S+) {without} and (\d+) omissions? changes? its reading",
        shift,
    )
    assert loo, "the Findings no longer state the leave-one-out ranges in the expected form"
    g = loo.groups()
    n, lo14, hi14, top14, from14, k14_loo = g[0], g[1], g[5], g[6], g[7], g[9]
    lo22, hi22, top22, to22, k22_loo = g[10], g[14], g[15], g[17], g[18]
    # the poll each change rests on, and the change without it, over the longer span it then measures
    assert (
        f"(`{top14}`), which gives no sample size; without it the change, now from {from14}, is **{hi14} points**"
        in flat
    )
    assert top22 in flagged.split(", ") and f"(`{top22}`, IRI's survey by Rating)" in flat
    assert f"to the next poll in {to22}, is **{hi22} points**" in flat
    assert (
        f"Leaving out one poll at a time ({n} refits), the 2014 change ranges from **{lo14}** to **{hi14}** points and "
        f"{k14_loo} omissions change its reading; the 2022 change ranges from **{lo22}** to **{hi22}** and {k22_loo} "
        "omissions change it" in flat
    )
    # the checks that could change a reading, and those that change the reading of each change, as the answer lists
    n_effective, k14, k22 = _groups(
        r"of the (\d+) robustness checks that could change a reading, (\d+) changes? that of the 2014 change and (\d+) that "
        r"of the 2022 change",
        shift,
        "the count of checks that change each reading",
    )
    turned14, turned22 = (
        re.search(rf"- Checks that change the reading of the {y} change: (.*?)\.\n", shift).group(1)
        for y in (2014, 2022)
    )
    jumps_turned = re.search(
        r"(\d+) checks? changes? the reading of the 2014 break-day jump and (\d+) checks? changes? the reading of the 2022",
        shift,
    )
    kj14, kj22 = jumps_turned.groups()
    # the checks that change a jump's reading are listed in the Findings' robustness bullet
    turned_jump14 = "; ".join(
        re.findall(
            r"[^;:]*?\(2014-02-22: \S+, \S+ to \S+, [^)]*\)",
            re.split(r"changes? the reading of a jump:", shift, maxsplit=1)[1].split("\n")[0],
        )
    )
    assert f"and {kj22} turn{'s' if kj22 == '1' else ''} the 2022 jump into one" in flat
    assert (
        f"{k14} and {k22} of {n_effective} checks, and {k14_loo} and {k22_loo} of {n} omissions, change the 2014 and "
        "2022 readings" in flat
    )
    assert (
        f"Of the {n_effective} robustness checks that could change a reading, {k14} change the reading of the 2014 change"
        in flat
    )
    assert f"and {k22} that of the 2022 change" in flat
    named = {
        "doubling the model's random-walk variance": "innovation variance x 2:",
        "halving the model's random-walk variance": "innovation variance x 0.5:",
        "leaving out the Razumkov Centre": "without Razumkov Centre:",
        "leaving out the Gorshenin Institute": "without Gorshenin Institute:",
        "reading polls of unknown mode as face-to-face": "unknown modes as face-to-face:",
        "reading polls of unknown mode as telephone": "unknown modes as telephone:",
        "giving each period its own random-walk variance": "a random-walk variance per period:",
        "leaving out the Kyiv International Institute of Sociology": "without Kyiv International Institute of Sociology:",
        "leaving out SOCIS": "without SOCIS:",
        "leaving out the mode effect": "without a mode effect:",
        "a design effect of 2": "design effect 2:",
        "leaving out the last poll before the 2022 break": "without the last poll before 2022-02-24",
        "leaving out the polls dated only to a year": "without polls dated only to a year:",
    }
    _names_exactly(flat.split("change the reading of the 2014 change", 1)[1].split(")", 1)[0], turned14, named)
    same22 = [check.split(":")[0] for check in turned22.split("; ")] == [
        check.split(":")[0] for check in turned14.split("; ")
    ]
    assert ("that of the 2022 change (the same" in flat) == (same22 and int(k22) > 0), turned22
    extra22 = {words: check for words, check in named.items() if check not in turned14}  # the 2022 list's own
    _names_exactly(flat.split("that of the 2022 change", 1)[1].split(")", 1)[0], turned22, extra22)
    # the model with a variance per period: its drifts, its fit against one variance, and its readings of the changes
    one = r"(\S+) \((\S+ to \S+); (rise|fall|no clear change)\) in 2014 and (\S+) \((\S+ to \S+); (rise|fall|no clear change)\) in 2022"
    period = re.search(
        r"a year's typical movement of the line is (\S+) points before the 2014 crisis, (\S+) points from 2014 to the "
        r"invasion, (\S+) points since the invasion \(one variance: \S+\)\. This model fits the polls (better|worse) by "
        r"(\S+) AIC points, but polls simulated with one variance gain as much in (\d+%) of \d+ draws, so the polls "
        rf"(?:do not clearly favour it|favour it); under it the changes across the gaps are {one}\. Without the flagged poll, the typical "
        rf"movement is .*?, one variance fits (better|worse) \(by \S+ AIC points\), and the per-period changes are {one}\.",
        shift,
    )
    assert period, "the answer no longer states the model with a variance per period in the expected form"
    before, mid, after, fit, aic, share, c14, ci14, r14, c22, ci22, r22, fit_clean, *clean = period.groups()
    assert fit == "better" and fit_clean == "better", (
        "the README says the per-period model fits better with all polls only"
    )
    assert (
        f"since the invasion (a year's typical movement **{after}** points) than from 2014 to the invasion (**{mid}**) "
        f"or before the 2014 crisis (**{before}**)" in flat
    )
    p_value = re.search(r"\(bootstrap p = (\S+)\)", shift).group(1)
    assert (
        f"better by **{aic}** AIC points, a gain one variance gives in **{share}** of simulated poll sets (bootstrap p = **{p_value}**)"
        in flat
    )
    assert (float(p_value) > 0.05) == ("so the polls do not clearly favour it" in flat)
    assert (float(p_value) <= 0.05) == ("so the polls favour it" in flat)
    assert (
        f"reads the 2022 change as **{c22} points** ({ci22}), {r22}, and the 2014 change as **{c14} points** ({ci14}), a {r14}"
        in flat
    )
    assert f"the per-period model reads the 2022 change as **{clean[3]} points** ({clean[4]}), a {clean[5]}" in flat
    # every estimate of each change (checks, omissions, the per-period model): their range
    every = re.search(
        r"puts each change's central value (mostly )?above zero \((\S+) to (\S+) in 2014 and (\S+) to (\S+) in 2022\), though the "
        r"95% intervals of (\d+) of (\d+) in 2014 and (\d+) of (\d+) in 2022 include zero",
        shift,
    )
    assert every, "the answer no longer says where every estimate's central value lies"
    mostly, lo14, hi14, lo22, hi22, z14, n14, z22, n22 = every.groups()
    assert (
        f"central value {mostly or ''}above zero ({lo14} to {hi14} points in 2014, {lo22} to {hi22} in 2022), though the 95% "
        f"intervals of {z14} of {n14} (2014) and {z22} of {n22} (2022) include zero" in flat
    )
    # leaving out one poll at a time under the per-period model: how many omissions change its own readings
    per_loo = re.search(
        r"Under the model with a variance per period, read against its own reading, the 2014 change .*? and (\d+) "
        r"omissions? changes? its reading.*?; the 2022 change .*? and (\d+) omissions? changes? its reading",
        shift,
    )
    assert (
        f"(under the per-period model, {per_loo.group(1)} and {per_loo.group(2)} omissions change its own readings)"
        in flat
    )
    assert f"{kj14} checks turn the 2014 jump into a clear rise" in flat
    assert turned_jump14.count(", rise") == int(kj14)  # every one of them reads a rise
    for side in ("last poll before", "first poll after"):  # the README quotes those that turn it, and only those
        one = re.search(
            rf"without the {side} 2014-02-22 \((\S+)\) \(2014-02-22: (\S+), (\S+ to \S+), rise\)", turned_jump14
        )
        quoted = (
            f"{side.split()[0]} poll {side.split()[-1]} the break" if side.endswith("before") else "first poll after"
        )
        assert (quoted in flat.split("checks turn the 2014 jump", 1)[1].split("- **Regions.**", 1)[0]) == bool(one), (
            side
        )
        if one:
            assert f"(`{one.group(1)}`: **{one.group(2)} points**, {one.group(3)})" in flat
    regions = _findings("03-regional-differences.ipynb")
    match = re.search(
        r"West − East\*\* \(East without Donbas\): 2014 to Feb 2022 (\d+) points.*?after Feb 2022 (\d+) points", regions
    )
    assert f"about {match.group(1)} points between 2014" in readme
    assert f"about {match.group(2)} points after the invasion" in readme
    after = re.search(r"after Feb 2022: (\d+) with the West", regions).group(1)
    assert f"after the invasion, a period resting on {after} regional tables with the West" in flat
    late_modes = re.search(r"with the West, those after Feb 2022 by ([^;]*?); left out", regions).group(1)
    assert (late_modes == f"telephone: {after}") == (
        f"with the West, {'both' if after == '2' else 'all'} by telephone" in flat
    )
    east_range = re.search(
        r"after the invasion the gap narrowed by .*?their estimates run from (\S+) to (\S+) points", regions, re.I
    )
    if "That narrowing is not robust" in flat:
        assert f"estimates a narrowing too (from {east_range.group(1)} to {east_range.group(2)} points)" in flat
    # "not robust ... does not confirm it": the checks that fail to confirm the narrowing, as the Findings list them
    west_east = re.search(r"After the invasion the gap narrowed by .*?\n", regions).group(0)
    if "That narrowing is not robust" in flat:
        named = {
            "membership support": "only Supports NATO membership (all respondents) (",
            "referendum participants": "only Would vote to join NATO (those who would vote) (",
            "Kyiv International Institute of Sociology": "without Kyiv International Institute of Sociology (",
            "Razumkov Centre": "without Razumkov Centre (",
            "counting Donetsk and Luhansk oblasts whole": "Donetsk and Luhansk oblasts surveyed whole, 2014 to Feb 2022 (",
        }
        _names_exactly(flat.split("That narrowing is not robust", 1)[1].split(".", 1)[0], west_east, named)
    # the West - South narrowing and how many checks keep it
    south = re.search(
        r"\*\*West − South:\*\*.*?it narrowed by (\S+) points \(95% interval (\S+) to (\S+)\); (\d+) of the (\d+) checks that "
        r"could be estimated keep that reading \((\d+) checks? could not be: (.*?)\); their estimates run from (\S+) to (\S+) "
        r"points(?:; the checks that do not|\.?\n)",
        regions,
    )
    assert south, "the Findings no longer state the West - South change in the expected form"
    change, low, high, kept, run, missing, which, s_low, s_high = south.groups()
    assert (
        f"The West–South gap narrowed by **{change} points** ({low} to {high}), a reading {kept} of the {run} checks "
        f"that could be estimated keep (their estimates of the change run from {s_low} to {s_high} points, negative for a "
        f"narrowing; {missing} could not be, among them a telephone offset" in flat
    )
    assert "with a telephone offset" in which
    # the pooled fit with a telephone offset, which the Findings show apart from the checks (it pools question types)
    assert "every question type and base pooled" not in south.group(0), "a pooled fit is counted among the checks"
    pooled = re.search(
        r"\*\*Pooled, apart and not counted\*\*.*?every question type and base pooled, with offsets and a telephone "
        r"offset, West − South (\S+) \((\S+) to (\S+), no clear change\)",
        regions,
    )
    assert pooled, "the Findings no longer show the pooled telephone fit apart, reading no clear change"
    assert (
        f"with a telephone offset, which the pooled tables can estimate, it leaves **{pooled.group(1)} points** "
        f"({pooled.group(2)} to {pooled.group(3)}), no clear change" in flat
    )
    # like for like: the printed West - South gaps of one pollster, question and base on both sides of the invasion
    like = _groups(
        r"printed these West−South gaps in points: (.*?); and these West−East gaps", regions, "like for like"
    )[0]
    assert f"gaps as printed): {like}." in flat
    # leaving out one table at a time: the tables that change the West - East reading, and none for West - South
    east_k, east_which, south_k = _groups(
        r"\*\*One table at a time:\*\* for West − East .*? and (\d+) omissions? changes? its reading(?: \((.*?)\))?; "
        r"for West − South .*? and (\d+) omissions? changes? its reading",
        regions,
        "the one-table-at-a-time check",
    )
    east_ids = re.findall(r"without (\S+):", east_which or "")
    listed = ", ".join(f"`{t}`" for t in east_ids)
    some = "a single table" if east_k == "1" else f"either of {east_k} single tables"
    assert f"leaving out {some} ({listed})" in flat
    assert (south_k == "0") == ("and no single table decides" in flat)
    value, interval, reading, west = _groups(
        r"the changes are West − East (\S+) \((\S+ to \S+); ([a-z ]+)\) and West − South .*?with the West at (\d+)%",
        regions,
        "the changes on the log-odds scale",
    )
    assert f"log-odds scale the change is {value} ({interval}), {reading} either" in flat
    assert f"with the West at {west}% after the invasion" in flat


def _month(short: str) -> str:
    """'Jan 2023' -> 'January 2023'."""
    import datetime

    return datetime.datetime.strptime(short, "%b %Y").strftime("%B %Y")


def test_readme_reuse_examples_run() -> None:
    """The 'Reusing the helpers' block runs as written (harmonisers, intervals, loaders)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reusing the helpers", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(block, "README.md", "exec"), {})
