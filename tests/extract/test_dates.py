"""Date expressions in news sentences (:mod:`analysis.extract.dates`)."""

from __future__ import annotations


def test_the_date_pattern_knows_every_first_character() -> None:
    # _DATE opens with a look-ahead on the characters a date can start with; it must list all of them
    import re as regex
    from re import _constants as c
    from re import _parser as parser

    from analysis.extract.dates import _DATE, _DATE_FIRST

    def first(items: list) -> tuple[set[str], bool]:  # type: ignore[type-arg]
        out: set[str] = set()
        for op, av in items:
            chars, nullable = first_one(op, av)
            out |= chars
            if not nullable:
                return out, False
        return out, True

    def first_one(op: object, av: object) -> tuple[set[str], bool]:
        if op is c.LITERAL:
            return {chr(av)}, False  # type: ignore[arg-type]
        if op is c.IN:
            chars: set[str] = set()
            for o, a in av:  # type: ignore[attr-defined]
                if o is c.LITERAL:
                    chars.add(chr(a))
                elif o is c.RANGE:
                    chars |= {chr(x) for x in range(a[0], a[1] + 1)}
                elif o is c.CATEGORY and a is c.CATEGORY_DIGIT:
                    chars |= set("0123456789")
                else:
                    raise AssertionError(f"unexpected set member {o} {a}")
            return chars, False
        if op is c.BRANCH:
            chars, nullable = set(), False
            for alternative in av[1]:  # type: ignore[index]
                more, empty = first(alternative)
                chars, nullable = chars | more, nullable or empty
            return chars, nullable
        if op is c.SUBPATTERN:
            return first(av[-1])  # type: ignore[index]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _, sub = av  # type: ignore[misc]
            chars, nullable = first(sub)
            return chars, low == 0 or nullable
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return set(), True
        raise AssertionError(f"unexpected op {op}")

    body = _DATE.pattern.split("(?:", 1)[1]
    chars, nullable = first(list(parser.parse("(?:" + body)))
    assert not nullable
    assert chars <= set(regex.findall(r"[\w]", _DATE_FIRST.replace(r"\d", "0123456789")))
