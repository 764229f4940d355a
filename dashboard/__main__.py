"""Command line: ``python -m dashboard extract PATH... [--json]``, ``check``, ``export --out DIR``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dashboard import SEEDS_DIR

DESCRIPTION = """Pakistan Tech Cooperation Tracker from the command line:
  extract PATH...      print the stories and figures of article files (--json for JSON)
  check [PATH...]      validate the articles and the curation overlay; print a data-health report
  export --out DIR     write every chart as PNG, SVG, HTML and CSV, plus sources.csv"""


def _money(value: float, currency: str | None, unit: str) -> str:
    from dashboard.charts import format_value

    return format_value(value, currency, unit)


def cmd_extract(args: argparse.Namespace) -> int:
    from dashboard.pipeline import analyse_stories, read_corpus

    stories, unreadable = read_corpus(args.paths)
    records, failed = analyse_stories(stories)
    unreadable += failed
    if args.json:
        # indented for a person at a terminal, compact for a pipe (the same JSON, much faster to write)
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None)
        print()
    else:
        for r in records:
            print(f"{r['source']}#{r['story']}  {r['published'] or 'undated'}  {r['outlet'] or '-'}")
            print(f"  {r['title'] or '(no title)'}")
            print(f"  partners: {', '.join(r['partners']) or '-'}   mentions: {', '.join(r['mentions']) or '-'}")
            print(f"  themes: {', '.join(r['themes']) or '-'}")
            for f in r["figures"]:
                extra = " ".join(
                    x for x in (f"year {f['year']}" if f["year"] else "", f"in {f['horizon_years']}y" if f["horizon_years"] else "", f["partner"] or "") if x
                )
                print(f"    {_money(f['value'], f['currency'], f['unit']):>10}  {f['kind']:<8} {f['metric']:<15} {extra:<12} [{f['start']}:{f['end']}] {f['raw']!r}")
            print()
    for name, reason in unreadable:
        print(f"unreadable: {name}: {reason}", file=sys.stderr)
    return 1 if unreadable and not records else 0


def cmd_check(args: argparse.Namespace) -> int:
    from dashboard.load import health, load_corpus
    from dashboard.vocab import VocabularyError

    try:
        report = health(load_corpus(args.paths or [SEEDS_DIR]))
    except VocabularyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a schema failure: print it, do not hide it
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"stories:            {report['stories']}")
    print(f"figures:            {report['figures']} ({report['reviewed_figures']} reviewed in data/overlay.csv)")
    print(f"partners:           {report['partners']}")
    print(f"undated stories:    {len(report['undated_stories'])}")
    for story in report["undated_stories"]:
        print(f"  - {story} (add a 'date' row to data/overlay.csv if the date is known)")
    print(f"unreadable files:   {len(report['unreadable_files'])}")
    for item in report["unreadable_files"]:
        print(f"  - {item['file']}: {item['reason']}")
    print(f"orphaned overlay:   {len(report['orphaned_overlay_rows'])}")
    for row in report["orphaned_overlay_rows"]:
        print(f"  - {row['source']} {row['raw'] or 'story ' + str(row['story'])} #{row['occurrence']}: matches nothing")
    if report.get("overlay_rows_elsewhere"):
        print(f"overlay for files not checked here: {report['overlay_rows_elsewhere']} rows (not errors)")
    errors = len(report["unreadable_files"]) + len(report["orphaned_overlay_rows"])
    print("status:             " + ("errors" if errors else "ok"))
    return 1 if errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    from dashboard.export import ExportError, export_all
    from dashboard.filters import Filter, UnknownPartner, partner_code
    from dashboard.load import load_corpus

    try:
        partners = tuple(dict.fromkeys(partner_code(value) for value in args.partner or ()))
    except UnknownPartner as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    corpus = load_corpus(args.paths or [SEEDS_DIR])
    try:
        written = export_all(corpus, Filter(partners=partners), Path(args.out), formats=args.format)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


def cmd_bench_extract(args: argparse.Namespace) -> int:
    from dashboard.bench import run

    run(articles=args.articles, size=args.size)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print the stories and figures of article files")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a .txt/.md/.html file or a folder")
    p.add_argument("--json", action="store_true", help="a JSON array, one object per story")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("check", help="validate corpus and overlay; print a data-health report")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="default: seeds/")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("export", help="write every chart as PNG, SVG, HTML and CSV, plus sources.csv")
    p.add_argument("--out", required=True, help="folder to write into")
    p.add_argument("--partner", action="append", metavar="PARTNER", help="an ISO3 or registry code (CHN) or a name (China); repeatable")
    p.add_argument("--format", action="append", choices=["png", "svg", "html", "csv"], help="default: all")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="default: seeds/")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("bench-extract", help="time extraction: ms per article and per MB, ordinary and hostile texts")
    p.add_argument("--articles", type=int, default=500, help="ordinary articles to time (default 500)")
    p.add_argument("--size", type=int, default=200_000, help="characters of each hostile text (default 200,000)")
    p.set_defaults(func=cmd_bench_extract)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
