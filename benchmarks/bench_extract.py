"""Extraction speed and accuracy against quantulum3, on the same texts.

    python benchmarks/bench_extract.py            # 1,000 articles, both extractors, plus accuracy
    python benchmarks/bench_extract.py -n 2000 --quantulum-sample 300
    python benchmarks/bench_extract.py --process -n 2000   # whole processes over files, start-up included
                                                            # (the CLI with one worker a core, and with one process)

The corpus: the seed articles and the labelled articles of ``benchmarks/eval/``, each copy
with the digits of its amounts redrawn at random (a fixed seed), so no two texts are alike.
"Ours, figures" is what quantulum3 does (find the figures; ours also reads the story, blanks
furniture, and gives each figure kind, metric, year, partner and quote); "ours, pipeline" adds
dates, partners and mentions, themes and actors: everything the loader does per article.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard import SEEDS_DIR  # noqa: E402
from dashboard.articles import read_stories, read_text  # noqa: E402
from dashboard.evaluation import Found, score  # noqa: E402
from dashboard.extract import extract_figures  # noqa: E402
from dashboard.partners import registry  # noqa: E402
from dashboard.pipeline import analyse_story  # noqa: E402

EVAL = ROOT / "benchmarks" / "eval"
_AMOUNT = re.compile(r"(?:(?<=[$€£])|(?<=Rs)|(?<=Dh))\s?\d[\d.,]*|\d[\d.,]*(?=\s?(?:%|pc\b|per cent|percent|billion|million|trillion|bn\b|m\b))")


def corpus(n: int, seed: int = 7) -> list[str]:
    """``n`` article texts: the real ones, then copies with the digits of their amounts redrawn
    (dates and years are kept, as real articles have valid dates)."""
    folders = (SEEDS_DIR, EVAL / "articles", EVAL / "heldout")
    bases = [read_text(p) for folder in folders for p in sorted(folder.iterdir())]
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        base = bases[i % len(bases)]
        redraw = lambda m: re.sub(r"\d", lambda d: str(rng.randint(1, 9)), m.group(0))  # noqa: E731
        texts.append(base if i < len(bases) else _AMOUNT.sub(redraw, base))
    return texts


def ours_figures(text: str) -> int:
    """What quantulum3 does: find the figures (here with kind, metric, year, partner and quote)."""
    reg = registry()
    return sum(len(extract_figures(s.text, reg.find(s.text), s.start)) for s in read_stories("bench.txt", text))


def ours_pipeline(text: str) -> int:
    """Everything the loader does per article: stories, dates, partners, themes, actors, figures."""
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


_QUANTULUM_PROCESS = """
import sys, warnings
from pathlib import Path
warnings.filterwarnings("ignore")
from quantulum3 import parser
print(sum(len(parser.parse(p.read_text(encoding="utf-8"))) for p in sorted(Path(sys.argv[1]).iterdir())))
"""


def whole_processes(texts: list[str], sample: int | None) -> None:
    """Time whole processes, start-up included, over the same files written to a folder:
    ``python -m dashboard extract FOLDER --json`` against a quantulum3 process that parses each file."""
    with tempfile.TemporaryDirectory() as tmp:
        ours_dir, q_dir = Path(tmp, "all"), Path(tmp, "sample")
        ours_dir.mkdir()
        q_dir.mkdir()
        for i, text in enumerate(texts):
            Path(ours_dir, f"a{i:05d}.txt").write_text(text, encoding="utf-8")
            if sample is None or i < sample:
                Path(q_dir, f"a{i:05d}.txt").write_text(text, encoding="utf-8")
        n_q = len(texts) if sample is None else min(sample, len(texts))
        runs = (("ours, CLI", [sys.executable, "-m", "dashboard", "extract", str(ours_dir), "--json"], len(texts)),
                ("ours, 1 process", [sys.executable, "-m", "dashboard", "extract", str(ours_dir), "--json", "--workers", "1"], len(texts)),
                ("quantulum3", [sys.executable, "-c", _QUANTULUM_PROCESS, str(q_dir)], n_q))
        per_article = {}
        for name, cmd, n in runs:
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
            total = time.perf_counter() - t0
            per_article[name] = total / n
            print(f"  {name:15s} {n:6d} files   total {total:7.2f} s   {1000 * total / n:6.2f} ms an article")
        for name in ("ours, CLI", "ours, 1 process"):
            print(f"  {name}: {per_article['quantulum3'] / per_article[name]:.0f}x quantulum3's speed (whole processes)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000, help="articles in the corpus (default 1000)")
    ap.add_argument("--quantulum-sample", type=int, default=None, help="time quantulum3 on the first N texts only (default: all)")
    ap.add_argument("--accuracy-only", action="store_true")
    ap.add_argument("--process", action="store_true", help="time whole processes over files (start-up included) instead")
    args = ap.parse_args()
    if args.process:
        texts = corpus(args.n)
        print(f"whole processes on {len(texts)} files ({sum(map(len, texts)) / len(texts):,.0f} characters on average):")
        whole_processes(texts, args.quantulum_sample)
        return

    for folder, labels, what in (("articles", "labels.csv", "development set"), ("heldout", "labels_heldout.csv", "held-out set")):
        mine = score(EVAL / folder, EVAL / labels)
        n_files = len(list((EVAL / folder).iterdir()))
        print(f"accuracy on the {what}: {mine['labels']} labelled figures in {n_files} articles (benchmarks/eval/{folder}):")
        print(f"  ours       found {mine['recall']:.1%}  real {mine['precision']:.1%}  kind {mine['kind_agreement']:.1%}  "
              f"metric {mine['metric_agreement']:.1%}  partner {mine['partner_agreement']:.1%}")
        theirs = score(EVAL / folder, EVAL / labels, quantulum_found)
        print(f"  quantulum3 found {theirs['recall']:.1%}  real {theirs['precision']:.1%}  (value, unit and currency only)")
    if args.accuracy_only:
        return

    texts = corpus(args.n)
    ours_pipeline(texts[0])  # warm up: vocabularies, registry, dateparser
    print(f"\nspeed on {len(texts)} articles ({sum(map(len, texts)) / len(texts):,.0f} characters on average):")
    rates = {}
    for name, fn in (("ours, figures", ours_figures), ("ours, pipeline", ours_pipeline)):
        total, per = timed(fn, texts)
        rates[name] = len(texts) / total
        print(f"  {name:15s} {rates[name]:8.1f} articles/s   median {1000 * statistics.median(per):6.2f} ms   total {total:6.2f} s")
    sample = texts[: args.quantulum_sample] if args.quantulum_sample else texts
    parser = quantulum_parser()
    parser.parse(sample[0])
    q_total, q_per = timed(parser.parse, sample)
    q_rate = len(sample) / q_total
    print(f"  {'quantulum3':15s} {q_rate:8.1f} articles/s   median {1000 * statistics.median(q_per):6.2f} ms   total {q_total:6.2f} s"
          f"   ({len(sample)} articles)")
    for name, rate in rates.items():
        print(f"  {name}: {rate / q_rate:.0f}x quantulum3's speed")


if __name__ == "__main__":
    main()
