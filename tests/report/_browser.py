"""Helpers of the report tests that run a real browser (tests/report/test_site.py, test_explorer.py)."""

from __future__ import annotations

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""The flags of every headless Chromium run."""
