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
import platform
import random
import sys
import time
import warnings

import pandas as pd

from analysis.extract import extract_batch, score_mentions
from analysis.extract.figures import find_figures
from analysis.paths import ROOT
from analysis.seeds import read_seed

EVAL = ROOT / "tests" / "extract_eval"
OUT = ROOT / "benchmarks" / "extract_results.md"
BLIND = ROOT / "benchmarks" / "extract_holdout_blind.csv"
SEEDS = ("000_60eda7383af66051.txt", "002_18a2a5ab5df7844f.txt")
TARGET_BYTES = 50_000_000
FIELDS = ("share_qualifier", "date", "pollster", "geography", "country", "sample_size")


# ----------------------------------------------------------------------------- data


def load_eval() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents (doc_id, split, text) and labels of the evaluation set."""
    passages = pd.read_csv(EVAL / "passages.csv", dtype="str", keep_default_na=False)
    seeds = pd.DataFrame({"doc_id": SEEDS, "split": "seed", "text": [read_seed(s) for s in SEEDS]})
    docs = pd.concat([seeds, passages[["doc_id", "split", "text"]]], ignore_index=True)
    labels = pd.read_csv(EVAL / "labels.csv", dtype="str", keep_default_na=False)
    labels[["start", "end"]] = labels[["start", "end"]].astype("int64")
    labels = labels.merge(docs[["doc_id", "split"]], on="doc_id", how="left", validate="many_to_one")
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
    started = time.perf_counter()
    found = extract_batch(corpus)
    seconds = time.perf_counter() - started
    return {
        "bytes": size,
        "docs": len(corpus),
        "seconds": seconds,
        "mb_per_s": size / 1e6 / seconds,
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
    started = time.perf_counter()
    for t in texts:
        parser.parse(t)
    seconds = time.perf_counter() - started
    return {"bytes": size, "seconds": seconds, "mb_per_s": size / 1e6 / seconds}


# ----------------------------------------------------------------------------- report


def _row(name: str, m: dict[str, float]) -> str:
    return f"| {name} | {m['tp']} | {m['found']} | {m['gold']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |"


def _blind_rows() -> list[str]:
    if not BLIND.is_file():
        return []
    with BLIND.open(encoding="utf-8") as f:
        return [
            f"| {r['level']} (first run, blind) | {r['tp']} | {r['found']} | {r['gold']} | {float(r['precision']):.3f} | "
            f"{float(r['recall']):.3f} | {float(r['f1']):.3f} |"
            for r in csv.DictReader(f)
        ]


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
    splits = {"all": None, "seeds": "seed", "dev passages": "dev", "held-out passages": "holdout"}
    lines = [
        "# `analysis.extract`: measured accuracy and speed",
        "",
        "Written by `benchmarks/extract_benchmark.py` "
        f"(Python {platform.python_version()}, pandas {pd.__version__}). Evaluation set: `tests/extract_eval/` "
        f"({len(docs)} documents, {len(labels)} labelled percentage expressions, {len(gold)} of them NATO poll figures).",
        "",
    ]

    lines += [
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
        lines += [_row(level, results[name][level]) for level in ("span", "span+share", "span+share+stance")]
        if split == "holdout":
            lines += _blind_rows()
        lines += ["", "| field (over matched figures) | right | of | accuracy |", "|---|---|---|---|"]
        lines += [
            f"| {k} | {results[name][k]['right']} | {results[name][k]['of']} | {results[name][k]['accuracy']:.3f} |"
            for k in FIELDS
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
            for level in ("span", "span+share", "span+share+stance"):
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
    misses = gold[~gold.set_index(["doc_id", "start"]).index.isin(ours.set_index(["doc_id", "start"]).index)]
    extras = ours[~ours.set_index(["doc_id", "start"]).index.isin(gold.set_index(["doc_id", "start"]).index)]
    lines += [
        "### Every miss and every false positive",
        "",
        "| kind | document | as written | label / output |",
        "|---|---|---|---|",
    ]
    lines += [f"| miss | {r.doc_id} | `{r.as_written}` | {r.stance}; {r.note} |" for r in misses.itertuples()]
    lab = labels.set_index(["doc_id", "start"])
    for r in extras.itertuples():
        why = lab.loc[(r.doc_id, r.start)] if (r.doc_id, r.start) in lab.index else None
        reason = f"labelled not NATO: {why['category']}" if why is not None else "not labelled"
        lines.append(f"| false positive | {r.doc_id} | `{r.share_as_written}` | {r.stance}; {reason} |")
    lines.append("")

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
                for level in ("span", "span+share", "span+share+stance"):
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
            "such as `39 were opposed` count as expressions):",
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
        "the whole table in one call.",
        "",
        "| tool | corpus | documents | MB | percentages per kB | NATO figures found | seconds | MB/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    speeds = {}
    for source, label in (("news", "news-like (seed articles)"), ("dense", "poll-dense (evaluation passages)")):
        corpus = synthetic_corpus(size, source)
        t = throughput(corpus)
        speeds[source] = t["mb_per_s"]
        head = corpus.head(300)
        density = len(candidates(head)) / (sum(len(x) for x in head["text"]) / 1000)
        lines.append(
            f"| analysis.extract.extract_batch | {label} | {t['docs']} | {t['bytes'] / 1e6:.1f} | {density:.2f} | "
            f"{t['mentions']} | {t['seconds']:.1f} | {t['mb_per_s']:.2f} |"
        )
        if source == "news" and not args.no_quantulum:
            qt = quantulum_throughput(corpus)
            lines.append(
                f"| quantulum3 parser.parse | news-like, first {qt['bytes'] / 1e3:.0f} kB | | {qt['bytes'] / 1e6:.2f} | "
                f"| | {qt['seconds']:.1f} | {qt['mb_per_s']:.3f} |"
            )
    lines += [
        "",
        f"Targets: F1 >= 0.9 on span+share+stance (all: {results['all']['span+share+stance']['f1']:.3f}; "
        f"held-out: {results['held-out passages']['span+share+stance']['f1']:.3f}), every seed NATO poll figure "
        f"recalled ({len(seed_gold) - len(missed)}/{len(seed_gold)}), >= 5 MB/s on one core "
        f"(news-like {speeds['news']:.2f}; poll-dense {speeds['dense']:.2f}).",
        "",
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
