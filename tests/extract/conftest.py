"""Fixtures of the extractor tests: the labelled evaluation set, the seeds and one run over both."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract import extract_batch
from analysis.text.seeds import read_seed
from tests.extract._evalset import EVAL, SEEDS


@pytest.fixture(scope="module")
def docs() -> pd.DataFrame:
    passages = pd.read_csv(EVAL / "passages.csv", dtype="str", keep_default_na=False)
    seeds = pd.DataFrame(
        {"doc_id": SEEDS, "split": "seed", "url": "", "about": "", "text": [read_seed(s) for s in SEEDS]}
    )
    return pd.concat([seeds, passages], ignore_index=True)


@pytest.fixture(scope="module")
def labels() -> pd.DataFrame:
    table = pd.read_csv(EVAL / "labels.csv", dtype="str", keep_default_na=False)
    table[["start", "end"]] = table[["start", "end"]].astype("int64")
    return table


@pytest.fixture(scope="module")
def found(docs: pd.DataFrame) -> pd.DataFrame:
    return extract_batch(docs[["doc_id", "text"]])
