"""Fixtures of the model tests: the region definitions and population tables, read once per module."""

from __future__ import annotations

import pytest

from analysis.tables.load import load_table


@pytest.fixture(scope="module")
def defs():
    return load_table("region_definitions")


@pytest.fixture(scope="module")
def pop():
    return load_table("population")
