"""Extraction speed and accuracy against quantulum3, on the same texts.

    python benchmarks/bench_extract.py            # 1,000 articles, both extractors, plus accuracy
    python benchmarks/bench_extract.py -n 2000 --quantulum-sample 300

The corpus: the seed articles and the labelled articles of ``benchmarks/eval/``, each copy
with its digits redrawn at random (a fixed seed), so no two texts are alike and no cache helps.
"Ours" is the whole per-article pipeline (stories, furniture, dates, partners, themes,
actors, figures); quantulum3 only parses quantities, so the comparison favours it.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard import SEEDS_DIR  # noqa: E402
from dashboard.articles import read_stories, read_text  # noqa: E402
from dashboard.evaluation import Found, score  # noqa: E402
from dashboard.load import analyse_story  # noqa: E402

EVAL = ROOT / "benchmarks" / "eval"


def corpus(n: int, seed: int = 7) -> list[str]:
    """``n`` article texts: the real ones, then copies with their digits redrawn."""
    bases = [read_text(p) for p in sorted(SEEDS_DIR.iterdir())] + [read_text(p) for p in sorted((EVAL / "articles").iterdir())]
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        base = bases[i % len(bases)]
        texts.append(base if i < len(bases) else re.sub(r"\d", lambda m: str(rng.randint(0, 9)), base))
    return texts


def ours(text: str) -> int:
    return sum(len(analyse_story(story)["figures"]) for story in read_stories("bench.txt", text))


def quantulum_parser():
    warnings.filterwarnings("ignore")
    from quantulum3 import parser

    return parser


def quantulum_found(path: Path) -> list[Found]:
    """quantulum3's money amounts (unit entity 'currency') and percentages, as ``Found``."""
    parser = quantulum_parser()
    out = []
    for q in parser.parse(read_text(path)):
        if q.unit.entity.name == "currency":
            out.append(Found(path.name, float(q.value), getattr(q.unit, "currency_code", None), "money", raw=q.surface))
        elif q.unit.name == "percentage":
            out.append(Found(path.name, float(q.value), None, "percent", raw=q.surface))
    return out


def timed(fn, texts: list[str]) -> tuple[float, list[float]]:
    per = []
    start = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        fn(text)
        per.append(time.perf_counter() - t0)
    return time.perf_counter() - start, per


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000, help="articles in the corpus (default 1000)")
    ap.add_argument("--quantulum-sample", type=int, default=None, help="time quantulum3 on the first N texts only (default: all)")
    ap.add_argument("--accuracy-only", action="store_true")
    args = ap.parse_args()

    mine = score(EVAL / "articles", EVAL / "labels.csv")
    print(f"accuracy on {mine['labels']} labelled figures in {len(list((EVAL / 'articles').iterdir()))} articles (benchmarks/eval):")
    print(f"  ours       found {mine['recall']:.1%}  real {mine['precision']:.1%}  kind {mine['kind_agreement']:.1%}  "
          f"metric {mine['metric_agreement']:.1%}  partner {mine['partner_agreement']:.1%}")
    theirs = score(EVAL / "articles", EVAL / "labels.csv", quantulum_found)
    print(f"  quantulum3 found {theirs['recall']:.1%}  real {theirs['precision']:.1%}  (value, unit and currency only)")
    if args.accuracy_only:
        return

    texts = corpus(args.n)
    ours(texts[0])  # warm up: vocabularies, registry, dateparser
    total, per = timed(ours, texts)
    print(f"\nspeed on {len(texts)} articles ({sum(map(len, texts)) / len(texts):,.0f} characters on average):")
    print(f"  ours       {len(texts) / total:8.1f} articles/s   median {1000 * statistics.median(per):6.2f} ms   total {total:6.2f} s")
    sample = texts[: args.quantulum_sample] if args.quantulum_sample else texts
    parser = quantulum_parser()
    parser.parse(sample[0])
    q_total, q_per = timed(parser.parse, sample)
    print(f"  quantulum3 {len(sample) / q_total:8.1f} articles/s   median {1000 * statistics.median(q_per):6.2f} ms   total {q_total:6.2f} s"
          f"   ({len(sample)} articles)")
    print(f"  ours is {(len(texts) / total) / (len(sample) / q_total):.0f}x faster")


if __name__ == "__main__":
    main()
