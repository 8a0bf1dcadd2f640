"""Numbers quoted in the README come from the executed notebooks' Findings."""

from __future__ import annotations

import re

import nbformat

from analysis.paths import NOTEBOOKS, ROOT


def _findings(name: str) -> str:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    return "".join(
        o.get("data", {}).get("text/markdown", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )


def test_readme_headline_numbers_match_the_notebooks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shift = _findings("02-opinion-shift-2014.ipynb")
    # the jumps at both breaks with all polls, and without the flagged polls, with their intervals
    jumps = re.search(
        r"jumped by \*\*(\S+ points)\*\* \(95% interval (\S+ to \S+)\) at 22 February 2014 and by "
        r"\*\*(\S+ points)\*\* \(95% interval (\S+ to \S+)\) at 24 February 2022\.\n"
        r".*the jumps are \*\*\S+ points\*\* \(95% interval \S+ to \S+\) and \*\*(\S+ points)\*\* \(95% interval (\S+ to \S+)\)",
        shift,
    )
    assert jumps, "the Findings no longer state the jumps in the expected form"
    j14, ci14, j22, ci22, clean22, clean_ci22 = jumps.groups()
    for number in [f"**{j14}** (95% interval {ci14})", f"**{j22}** ({ci22})", f"**{clean22}** ({clean_ci22})"]:
        assert number in readme, number
    # the slope from a start fixed in advance, not from the line's own peak (which leans towards a fall)
    fixed = re.search(
        r"from the Vilnius summit \((\w+ \d{4})\), a start fixed in advance, it is (\S+) a year \((\S+ to \S+)\)", shift
    )
    whole = re.search(r"the latent line moved (\S+) points a year \((\S+ to \S+)\) from (\w+ \d{4}) to", shift)
    assert fixed and whole, "the Findings no longer state the slopes in the expected form"
    assert (
        f"Since the Vilnius summit ({_month(fixed.group(1))}), a start fixed in advance, support has changed by "
        f"**{fixed.group(2)} points a year** ({fixed.group(3)})" in " ".join(readme.split())
    )
    assert f"**{whole.group(1)} points a year** ({whole.group(2)}) from {_month(whole.group(3))}" in " ".join(
        readme.split()
    )
    composition = re.search(r"accounts for \*\*(\S+ to \S+ points)\*\* of the 2014 jump", shift).group(1)
    assert f"**{composition}**" in readme
    # the README states the notebook's reading of each jump, word for word
    reading = re.search(r"Reading: (2014 — .*?); (2022 — .*?)\.\n", shift)
    assert reading, "the Findings no longer state the reading of the jumps"
    flat = " ".join(readme.split())
    assert f"all polls: {reading.group(1)}; {reading.group(2)}" in flat
    overturned = re.search(r"change the reading of a jump: (.*)\.\n", shift).group(1)
    for check in [
        "innovation variance x 0.5",
        "without Gorshenin Institute (2014-02-22: ",
        "unknown modes as face-to-face (2022-02-24: ",
        "without flagged polls",
    ]:
        assert check in overturned, check
    # the checks that change the 2014 reading, as the answer lists them, and the months without polls
    fragile = re.search(
        r"The 2014 reading is fragile: (\d+) of the (\d+) robustness checks change it from no clear change — (.*?)\. "
        r"No poll of this series was fielded between (\w+ \d{4}) \(\S+\) and (\w+ \d{4}) \(\S+\)",
        shift,
    )
    assert fragile, "the answer no longer lists the checks that change the 2014 reading"
    n_turned, n_checks, turned, gap_from, gap_to = fragile.groups()
    assert turned.count(", rise") == int(n_turned)  # every one of them reads a rise
    assert f"{n_turned} of the {n_checks} checks turn it into a clear rise" in flat
    for side in ("last poll before", "first poll after"):
        one = re.search(rf"without the {side} 2014-02-22 \((\S+)\): (\S+) \((\S+ to \S+)\), rise", turned)
        assert one, (side, turned)
        assert f"(`{one.group(1)}`: **{one.group(2)} points**, {one.group(3)})" in flat
    assert f"fielded between {gap_from} and {gap_to}" in flat  # full month names already
    # the whole post-invasion slope starts on the flagged poll: the README gives it without that poll too
    clean = re.search(r"\((\S+), (\S+ to \S+), from (\w+ \d{4}) without the flagged polls\)", shift)
    assert clean, "the Findings no longer give the slope without the flagged polls"
    assert f"**{clean.group(1)} points a year** ({clean.group(2)}) from {_month(clean.group(3))}" in flat
    assert "design effect" not in overturned
    regions = _findings("03-regional-differences.ipynb")
    match = re.search(
        r"West − East\*\* \(East without Donbas\): 2014 to Feb 2022 (\d+) points.*?after Feb 2022 (\d+) points", regions
    )
    assert f"about {match.group(1)} points between 2014" in readme
    assert f"about {match.group(2)} points after the invasion" in readme
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
        not_robust = flat.split("That narrowing is not robust", 1)[1].split(".", 1)[0]
        for words, check in named.items():
            assert (words in not_robust) == (check in west_east), (words, west_east)
    # the West - South narrowing and how many checks keep it
    south = re.search(
        r"\*\*West − South:\*\*.*?it narrowed by (\S+) points \(95% interval (\S+) to (\S+)\); (\d+) of (\d+) checks keep",
        regions,
    )
    assert south, "the Findings no longer state the West - South change in the expected form"
    change, low, high, kept, run = south.groups()
    assert (
        f"The West–South gap narrowed by **{change} points** ({low} to {high}), a reading {kept} of {run} checks keep"
        in flat
    )


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
