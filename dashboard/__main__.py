"""Command line: ``add``, ``list``, ``remove``, ``extract``, ``check``, ``export`` and ``db upgrade``.

Without PATHs, ``extract``, ``check`` and ``export`` read the article store (what the app shows)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

DESCRIPTION = """Pakistan Tech Cooperation Tracker from the command line (without PATHs: the article store):
  add PATH... | -      add article files, folders or standard input to the store (--url, --outlet, --date, --title)
  list [--json]        the stored articles
  remove ID            remove one stored article
  extract PATH...      print the stories and figures of article files; no PATH: every stored article (--json)
  check [PATH...]      validate the articles and the curation overlay; print a data-health report
  export --out DIR     write every chart as PNG, SVG, HTML and CSV, plus sources.csv
  db upgrade           bring the store's schema to this version
  reviews export|import FILE.csv   move review decisions between stores"""


def _money(value: float, currency: str | None, unit: str) -> str:
    from dashboard.charts import format_value

    return format_value(value, currency, unit)


def _store():
    """The opened store, or None after saying on stderr what went wrong."""
    from dashboard.store import Store, StoreError

    try:
        return Store().open()
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _stored_records() -> tuple[list[dict], list[tuple[str, str]]] | None:
    from dashboard.load import read_store

    store = _store()
    if store is None:
        return None
    _, records, _, unreadable = read_store(store)
    return records, unreadable


def cmd_extract(args: argparse.Namespace) -> int:
    from dashboard.pipeline import extract_corpus

    # JSON is indented for a person at a terminal, compact for a pipe (the same JSON, much faster to
    # write, and written by the workers that read the files: each gives its run's items)
    piped = args.json and not sys.stdout.isatty()
    if args.paths and not _any_article(args.paths):
        print("error: no article files (.txt, .md, .html) in the given folders", file=sys.stderr)
        return 1
    if args.paths:
        records, unreadable = extract_corpus(args.paths, workers=args.workers, encode=_json_items if piped else None)
    else:
        found = _stored_records()
        if found is None:
            return 1
        records, unreadable = found
        records = [_json_items(records)] if piped else records
    if piped:
        sys.stdout.write("[" + ", ".join(part for part in records if part) + "]\n")
    elif args.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2))
        print()
    else:
        for r in records:
            print(f"{r['source']}#{r['story']}  {r['published'] or 'undated'}  {r['outlet'] or '-'}")
            print(f"  {r['title'] or '(no title)'}")
            print(f"  partners: {', '.join(r['partners']) or '-'}   mentions: {', '.join(r['mentions']) or '-'}")
            print(f"  themes: {', '.join(r['themes']) or '-'}")
            for f in r["figures"]:
                extra = " ".join(
                    x for x in (f"year {f['year']}" if f["year"] else "", f"in {f['horizon_years']}y" if f["horizon_years"] else "",
                              "+".join(p["code"] for p in f["partners"]) or f["partner"] or "") if x
                )
                print(f"    {_money(f['value'], f['currency'], f['unit']):>10}  {f['kind']:<8} {f['metric']:<15} {extra:<12} [{f['start']}:{f['end']}] {f['raw']!r}")
            print()
    for name, reason in unreadable:
        print(f"unreadable: {name}: {reason}", file=sys.stderr)
    return 1 if unreadable and not any(records) else 0  # (a run of files with no story encodes to "")


def _any_article(paths: list[Path]) -> bool:
    """Whether ``paths`` name any file to read (a file given by name counts, readable or not: it is reported)."""
    from dashboard.articles import article_paths

    return bool(article_paths([Path(p) for p in paths]))


def _positive(value: str) -> int:
    """``"2" -> 2``; anything but a whole number of at least 1 is argparse's one-line error."""
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"a whole number of at least 1, not {value!r}")
    return n


def _json_items(records: list[dict]) -> str:
    """The items of ``records`` as a JSON array's, without its brackets (json.dumps, not json.dump:
    only a one-shot dump uses the C encoder): ``[{"a": 1}, {"b": 2}] -> '{"a": 1}, {"b": 2}'``."""
    return json.dumps(records, ensure_ascii=False)[1:-1]


def _corpus(paths: list[Path]):
    """The corpus of ``paths``, or of the store without paths (None when the store cannot be opened)."""
    from dashboard.load import load_corpus, load_store

    if paths:
        return load_corpus(paths)
    store = _store()
    return None if store is None else load_store(store)


def cmd_check(args: argparse.Namespace) -> int:
    from dashboard.load import health
    from dashboard.vocab import VocabularyError

    try:
        corpus = _corpus(args.paths)
        if corpus is None:
            return 1
        report = health(corpus)
    except VocabularyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a schema failure: print it, do not hide it
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"stories:            {report['stories']}")
    print(f"figures:            {report['figures']} ({report['reviewed_figures']} reviewed, {report['open_conflicts']} open conflicts, {report['stale_decisions']} decisions to look at again)")
    print(f"partners:           {report['partners']}")
    print(f"undated stories:    {len(report['undated_stories'])}")
    for story in report["undated_stories"]:
        print(f"  - {story} (set its date on the Review page, or with --date when adding it)")
    print(f"unreadable files:   {len(report['unreadable_files'])}")
    for item in report["unreadable_files"]:
        print(f"  - {item['file']}: {item['reason']}")
    print(f"orphaned overlay:   {len(report['orphaned_overlay_rows'])}")
    for row in report["orphaned_overlay_rows"]:
        print(f"  - {row['source']} {row['raw'] or 'story ' + str(row['story'])} #{row['occurrence']}: matches nothing")
    if report.get("overlay_rows_elsewhere"):
        print(f"overlay for files not checked here: {report['overlay_rows_elsewhere']} rows (not errors)")
    print(f"overlay problems:   {len(report['overlay_problems'])}")
    for line in report["overlay_problems"]:
        print(f"  - {line}")
    errors = len(report["unreadable_files"]) + len(report["orphaned_overlay_rows"]) + len(report["overlay_problems"])
    print("status:             " + ("errors" if errors else "ok"))
    return 1 if errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    from dashboard.export import FORMATS, ExportError, export_all, images_available
    from dashboard.filters import Filter, UnknownPartner, partner_code, partner_options

    try:
        for value in args.partner or ():
            partner_code(value)  # an unknown name is refused before the articles are read
    except UnknownPartner as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    corpus = _corpus(args.paths)
    if corpus is None:
        return 1
    try:  # a partner no story names would give empty charts: refused, as the app's address is
        options = partner_options(corpus)
        partners = tuple(dict.fromkeys(partner_code(value, options) for value in args.partner or ()))
    except UnknownPartner as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    formats = args.format
    if formats is None and not images_available()[0]:
        # every format asked for by default: what can be made here is written, and the rest said on stderr
        formats = [f for f in FORMATS if f not in ("png", "svg")]
        print("note: PNG and SVG skipped: they need Chromium (apt-get install chromium); HTML and CSV written", file=sys.stderr)
    try:
        written = export_all(corpus, Filter(partners=partners, checked_only=args.checked_only), Path(args.out), formats=formats)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _progress(done: int, total: int) -> None:
    if total > 1 and sys.stderr.isatty():
        width = 30
        filled = width * done // total
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def cmd_add(args: argparse.Namespace) -> int:
    """Add files, folders or standard input (``-``) to the store; one line per input."""
    from dashboard import ingest

    try:
        given = ingest.meta(url=args.url, outlet=args.outlet, published=args.date, title=args.title)
    except ingest.Refused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    store = _store()
    if store is None:
        return 1
    inputs: list[Path | None] = []
    for path in args.paths:
        if str(path) == "-":
            inputs.append(None)
        elif not path.exists():
            inputs.append(path)  # refused below, with its reason
        else:
            inputs.extend(ingest.input_paths([path]))
    if not inputs:
        print("error: no article files (.txt, .md, .html) in the given folders", file=sys.stderr)
        return 1
    refused = already = 0
    for done, path in enumerate(inputs, 1):
        name = "-" if path is None else str(path)
        try:
            if path is None:
                article = ingest.from_unnamed(sys.stdin.buffer.read(ingest.max_bytes() + 1), "stdin", given)
            else:
                article = ingest.from_path(path, "cli", given)
            result = store.add(article)
            result = replace(result, name=name)
        except ingest.Refused as exc:
            result = None
            refused += 1
            print(f"refused: {name}: {exc}", file=sys.stderr)
        except Exception as exc:  # a database error on one input: reported, the others still go in
            result = None
            refused += 1
            print(f"refused: {name}: could not store it: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        if result is not None:
            print(result.line())
            already += result.status != "added"
        _progress(done, len(inputs))
    added = len(inputs) - refused - already
    print(f"{added} of {len(inputs)} added, {already} already stored, {refused} refused", file=sys.stderr)
    return 1 if refused else 0


def cmd_list(args: argparse.Namespace) -> int:
    store = _store()
    if store is None:
        return 1
    rows = [a.listing() for a in store.articles()]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for r in rows:
            print(f"{r['id'][:12]}  {r['published'] or 'undated':<10}  {r['added_how']:<6}  {r['source']}  {r['title'] or '(no title)'}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    store = _store()
    if store is None:
        return 1
    gone = store.remove(args.id)
    if gone is None:
        print(f"error: no stored article has the id {args.id!r} (see: python -m dashboard list)", file=sys.stderr)
        return 1
    print(f"removed: {gone.id[:12]} {gone.source} ({gone.listing()['title'] or 'untitled'})")
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from dashboard.store import Store, StoreError

    store = Store()
    try:
        before = store.revision()
        store.open()
        after = store.revision()
    except (StoreError, Exception) as exc:
        print(f"error: cannot upgrade {store!r}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    print(f"store at revision {after}" + (f" (was {before or 'empty'})" if before != after else " (up to date)"))
    return 0


def cmd_reviews(args: argparse.Namespace) -> int:
    """``reviews export FILE.csv`` (``-``: standard output) writes every review decision of the
    store; ``reviews import FILE.csv`` appends a file's decisions, checked row by row first: the
    first bad row is named by its line and nothing is imported."""
    import io

    import pandas as pd

    from dashboard import review
    from dashboard.articles import UnreadableFile, read_file_bytes
    from dashboard.export import frame_csv

    store = _store()
    if store is None:
        return 1
    name = str(args.file)
    if args.action == "export":
        decisions = store.decisions()
        data = frame_csv(review.events_frame(decisions))
        if name == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return 0
        try:
            Path(name).write_bytes(data)
        except OSError as exc:
            print(f"error: cannot write {name}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"exported {len(decisions)} decisions to {name}")
        return 0
    try:
        raw = sys.stdin.buffer.read(review.MAX_IMPORT_BYTES + 1) if name == "-" else read_file_bytes(Path(name), review.MAX_IMPORT_BYTES)
        if len(raw) > review.MAX_IMPORT_BYTES:
            raise UnreadableFile(f"over the size limit of {review.MAX_IMPORT_BYTES // 1_000_000} MB")
        frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8")
        events = review.events_from_frame(frame, Path(name).name)
        present = store.article_ids()
        for line, event in enumerate(events, start=2):
            if event.article_id not in present:
                raise review.InvalidDecision(f"{Path(name).name} line {line}: article {event.article_id[:12]} is not in this store (add the article first)")
        added = store.import_decisions(events)
    except UnreadableFile as exc:
        print(f"error: {name}: {exc}", file=sys.stderr)
        return 1
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:  # InvalidDecision is a ValueError
        print(f"error: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}; nothing was imported", file=sys.stderr)
        return 1
    print(f"imported {added} decisions from {name} ({len(events) - added} already in the store)")
    return 0


def cmd_bench_extract(args: argparse.Namespace) -> int:
    from dashboard.bench import run

    run(articles=args.articles, size=args.size)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("add", help="add article files, folders or standard input (-) to the store")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a .txt/.md/.html file, a folder, or - for standard input")
    p.add_argument("--url", help="the article's address (http:// or https://)")
    p.add_argument("--outlet", metavar="NAME", help="the outlet that published it")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="its publication date")
    p.add_argument("--title", metavar="TEXT", help="its title")
    p.set_defaults(func=cmd_add)
    p = sub.add_parser("list", help="the stored articles")
    p.add_argument("--json", action="store_true", help="a JSON array: id, source, title, outlet, url, published, added_how, added_at")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("remove", help="remove one stored article")
    p.add_argument("id", metavar="ID", help="its id (or its first 12 characters, as the list command prints them)")
    p.set_defaults(func=cmd_remove)
    p = sub.add_parser("db", help="the store's schema")
    p.add_argument("action", choices=["upgrade"], help="upgrade: bring the store's schema to this version")
    p.set_defaults(func=cmd_db)
    p = sub.add_parser("extract", help="print the stories and figures of article files (default: every stored article)")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="a .txt/.md/.html file or a folder; default: the store")
    p.add_argument("--json", action="store_true", help="a JSON array, one object per story")
    p.add_argument("--workers", type=_positive, default=None, metavar="N",
                   help="processes to share a large folder among (default: one a core; 1: this one only)")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("check", help="validate corpus and overlay; print a data-health report")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="default: the store")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("export", help="write every chart as PNG, SVG, HTML and CSV, plus sources.csv")
    p.add_argument("--out", required=True, help="folder to write into")
    p.add_argument("--partner", action="append", metavar="PARTNER", help="an ISO3 or registry code (CHN) or a name (China); repeatable")
    p.add_argument("--format", action="append", choices=["png", "svg", "html", "csv"], help="default: all")
    p.add_argument("--checked-only", action="store_true", help="only confirmed and corrected figures, like the app's \"Checked figures only\"")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="default: the store")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("reviews", help="move review decisions between stores as CSV")
    p.add_argument("action", choices=["export", "import"], help="export: write every decision; import: add a file's decisions")
    p.add_argument("file", metavar="FILE.csv", help="the CSV file (- for standard output or input)")
    p.set_defaults(func=cmd_reviews)
    p = sub.add_parser("bench-extract", help="time extraction: ms per article and per MB, ordinary and hostile texts")
    p.add_argument("--articles", type=int, default=500, help="ordinary articles to time (default 500)")
    p.add_argument("--size", type=int, default=200_000, help="characters of each hostile text (default 200,000)")
    p.set_defaults(func=cmd_bench_extract)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `... | head`: the reader has gone; not an error worth a traceback
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
