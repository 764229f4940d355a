"""Score the extractor on the real-article development set (``benchmarks/realdev/``).

    python benchmarks/eval_real.py --texts ../devset/texts          # scores, one line each
    python benchmarks/eval_real.py --texts ../devset/texts --errors # and every disagreement

The labels and URLs are in the repo; the articles' texts are not (they belong to their outlets):
save the text of each article as ``<id>.txt`` in the folder given (see ``realdev/README.md``).
Only ``read_text``, ``read_stories`` and ``analyse_story`` are used, so an older checkout of the
project can be scored the same way (``PYTHONPATH=<checkout> python benchmarks/eval_real.py``).

Labels of money and percentages are scored (a head count some writers labelled, "2.37 million freelancers", is
not a figure the project extracts). A found figure matches an unused label of the same article with the same unit and currency (money)
and a value within 0.5 %. Recall = matched / labels, precision = matched / found. Kind, year and
partner are scored over the matched figures; a labelled "no partner" (Pakistan-wide) is right only
when the project also says none. Story partners: precision and recall of the partners reported for
each article against the labelled partners (a reported country that is labelled only a mention
counts against precision). Dates: articles with a labelled publication date. With ``--urls`` a text
that states no date takes the one in its URL before it is read, as ``add --url`` does (its relative
years then resolve).
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.articles import read_stories, read_text  # noqa: E402

try:  # the per-story step (dashboard.load in checkouts before it had a module of its own)
    from dashboard.pipeline import analyse_story
except ImportError:
    from dashboard.load import analyse_story
from dashboard.partners import registry  # noqa: E402

LABELS = Path(__file__).resolve().parent / "realdev"
OWN_WORDS = Path(__file__).resolve().parent / "ownwords"  # a set written for the project: its texts are in it
TOLERANCE = 0.005
_LABELS = [LABELS]  # the labels being scored (``--labels``)


_UNITS = ("money", "percent")


def _rows(name: str) -> list[dict[str, str]]:
    with (_LABELS[0] / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _key(name: str) -> str:
    """A partner as a comparable key: registry code when the name resolves, else the name's letters and digits,
    lower-cased ("Meridian Credit Fund" and a label's "MERIDIANCREDITFUND" -> "meridiancreditfund")."""
    name = name.strip()
    reg = registry()
    if name in reg.entities:
        return name
    by_name = {e.name.lower(): code for code, e in reg.entities.items()}
    if name.lower() in by_name:
        return by_name[name.lower()]
    try:
        return reg.resolve(name)
    except Exception:
        return "".join(ch for ch in name.lower() if ch.isalnum())


def _keys(field) -> frozenset[str]:
    if field is None:
        return frozenset()
    if isinstance(field, (list, tuple)):
        items = field
    else:
        items = str(field).split(";")
    return frozenset(_key(x) for x in items if x and str(x).strip())


def _with_countries(keys: frozenset[str]) -> frozenset[str]:
    """A story's partners with the country of each fund, agency or company among them: issue 13 counts
    such a partner for its country too, so a label that names the Kuwait Fund alone and a report that
    adds Kuwait agree (both sides are completed the same way)."""
    entities = registry().entities
    return keys | {e.country for k in keys if (e := entities.get(k)) is not None and e.country}


def _as_members(keys: frozenset[str]) -> frozenset[str]:
    """A figure's partners with each bloc as its members: "the five Central Asian republics" labelled by
    their five codes and a report of the bloc name the same countries (both sides are read the same way)."""
    entities = registry().entities
    return frozenset(m for k in keys for m in (entities[k].members if k in entities and entities[k].members else (k,)))


def _blocs_as_named(keys: frozenset[str], other: frozenset[str]) -> frozenset[str]:
    """``keys`` with a bloc that the other side names by all its members instead (a story's "Central Asian
    Republics" where the label lists the five republics) read as those members: the same partners."""
    entities = registry().entities
    out = set(keys)
    for k in keys:
        members = entities[k].members if k in entities else ()
        if members and k not in other and set(members) <= other:
            out.discard(k)
            out.update(members)
    return frozenset(out)


def _figure_partners(f: dict) -> frozenset[str]:
    if f.get("partners"):
        return _as_members(_keys([p["code"] if isinstance(p, dict) else p for p in f["partners"]]))
    return _as_members(_keys(f.get("partner")))


def _as_countries(keys: frozenset[str]) -> frozenset[str]:
    """Each partner with a country (a fund, agency or state company) read as that country: the Saudi Fund
    for Development's deposit and Saudi Arabia's are the same figure under a filter by Saudi Arabia."""
    entities = registry().entities
    return frozenset((e.country if (e := entities.get(k)) is not None and e.country else k) for k in keys)


def _label_partners(lab: dict) -> frozenset[str]:
    return _as_members(_keys(lab["partner"]))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b), 1e-9)


def _part(aid: str, part: str) -> bool:
    """``tune``: the articles whose errors were looked at while improving the extractor (A and B,
    01-14); ``blind``: A and B 15-20, scored but never looked into; ``test``: set C, labelled by
    someone else after the extractor's rules were written and scored once at the end; ``unseen``:
    set D, labelled blind to the code in the last session and scored once before any rule looked
    at it; ``fresh``: set E, labelled blind to the code in a later session and scored once, at that
    session's start and end, before its errors were read; ``holdout``: set F, labelled the same way
    late in that session, scored once and then read (tuning data too); ``final``: set G, the same,
    after F; ``last``: set H, the same, after G; ``closing``: set I, the same, after H; ``sealed``:
    set J, the same, after I; ``kept``: set K, labelled the same way after J (read in the session
    after); ``late``, ``later``, ``newest``: sets L, M, N, the same, one after another;
    ``final_blind``: set O, labelled last in one session and only ever scored, never read;
    ``blind_p``: set P, labelled blind at the start of the next session, scored at once at that
    session's first and current commits and never read; ``fresh_q``: set Q, labelled the same way
    later in that session, scored blind once at its first commit and the commit it came to, then read;
    ``fresh_r``: set R, the same, in the session after (three of its stories, R02, R10 and R13, are
    other outlets' copies of stories labelled before: A07, K03 and Q02); ``fresh_s``: set S, the same,
    later in that session; ``fresh_t``: set T, the same, in the next session, ``fresh_u``: set U, later in it, and ``fresh_v``: set V, later still; ``fresh_w``: set W, in the session after; ``fresh_x``: set X, later in it; ``fresh_y``: set Y, in the session after; ``all``; ``dev``: all but the sets never read (O and P)."""
    if part == "all":
        return True
    if part == "dev":
        return aid[0] not in _NEVER_READ
    if aid.startswith("ow"):  # the set written for the project (``--labels ownwords``): see its README
        n = int(aid[2:])
        return part == ("blind5" if n >= 101 else "blind4" if n >= 71 else "blind3" if n >= 51 else "blind2" if n >= 31 else "blind" if n >= 16 else "tune")
    if aid[0] in _SET_PARTS:
        return part == _SET_PARTS[aid[0]]
    return part == ("blind" if int(aid[1:]) >= 15 else "tune")


# the part of each set labelled after A and B, by the letter of its articles' ids
_SET_PARTS = {"C": "test", "D": "unseen", "E": "fresh", "F": "holdout", "G": "final", "H": "last", "I": "closing", "J": "sealed", "K": "kept", "L": "late", "M": "later", "N": "newest", "O": "final_blind", "P": "blind_p", "Q": "fresh_q", "R": "fresh_r", "S": "fresh_s", "T": "fresh_t", "U": "fresh_u", "V": "fresh_v", "W": "fresh_w", "X": "fresh_x", "Y": "fresh_y", "Z": "fresh_z"}
_NEVER_READ = frozenset("OP")  # sets only ever scored: the ``dev`` part leaves them out
PARTS = ("all", "dev", "tune", "blind", "blind2", "blind3", "blind4", "blind5", *_SET_PARTS.values())


def run(texts: Path, part: str = "all", urls: bool = False, available: bool = False) -> dict:
    articles = {row["id"]: row for row in _rows("articles.csv") if _part(row["id"], part)}
    without_text = [aid for aid in articles if not (texts / f"{aid}.txt").is_file()]
    if available:  # a partial copy of the texts: the articles it holds
        articles = {aid: row for aid, row in articles.items() if aid not in without_text}
    # the extractor's figures are money and percentages: a labelled head count ("2.37 million freelancers") is not one
    labels = [row for row in _rows("figures.csv") if row["id"] in articles and row["unit"] in _UNITS]
    found: list[dict] = []
    stories: dict[str, list[dict]] = {}
    for aid in articles:
        path = texts / f"{aid}.txt"
        found_stories = read_stories(path.name, read_text(path))
        if urls and found_stories and found_stories[0].published is None:
            # as `add --url` does: a date in the address dates a text that states none, and its relative years
            from dashboard.articles import date_from_url

            from_url = date_from_url(articles[aid]["url"], read_text(path))
            found_stories = [replace(s, published=s.published or from_url) for s in found_stories]
        records = [analyse_story(s) for s in found_stories]
        stories[aid] = records
        for r in records:
            found.extend({"id": aid, **f} for f in r["figures"])
    unused = list(labels)
    pairs = []
    for f in found:
        hit = next(
            (
                lab
                for lab in unused
                if lab["id"] == f["id"]
                and lab["unit"] == f["unit"]
                and (lab["currency"] or None) == (f["currency"] if f["unit"] == "money" else None)
                and _close(float(lab["value"]), f["value"])
            ),
            None,
        )
        if hit is not None:
            unused.remove(hit)
        pairs.append((f, hit))
    matched = [(f, lab) for f, lab in pairs if lab is not None]

    def share(ok: list[bool]) -> float:
        return sum(ok) / len(ok) if ok else float("nan")

    kind = [f["kind"] == lab["kind"] for f, lab in matched]
    year = [(f.get("year") or None) == (int(lab["year"]) if lab["year"] else None) for f, lab in matched]
    partner = [_figure_partners(f) == _label_partners(lab) for f, lab in matched]
    # the same, each fund, agency or state company read as its country: what a user filtering by country sees
    by_country = [_as_countries(_figure_partners(f)) == _as_countries(_label_partners(lab)) for f, lab in matched]
    tp = fp = fn = 0
    story_errors = []
    date_ok = []
    for aid, row in articles.items():
        reported = _with_countries(frozenset().union(*(_keys(r["partners"]) for r in stories[aid])) if stories[aid] else frozenset())
        wanted = _with_countries(_keys(row["partners"]))
        reported, wanted = _blocs_as_named(reported, wanted), _blocs_as_named(wanted, reported)
        tp += len(reported & wanted)
        fp += len(reported - wanted)
        fn += len(wanted - reported)
        if reported != wanted:
            story_errors.append((aid, sorted(reported - wanted), sorted(wanted - reported)))
        if row["published"]:
            got = stories[aid][0]["published"] if stories[aid] else None
            date_ok.append((got == row["published"], aid, got, row["published"]))
    return {
        "articles": len(articles),
        "articles_without_text": len(without_text),
        "labels": len(labels),
        "found": len(found),
        "recall": len(matched) / len(labels),
        "precision": len(matched) / len(found) if found else float("nan"),
        "kind": share(kind),
        "year": share(year),
        "figure_partner": share(partner),
        "figure_partner_by_country": share(by_country),
        "story_partner_precision": tp / (tp + fp) if tp + fp else float("nan"),
        "story_partner_recall": tp / (tp + fn) if tp + fn else float("nan"),
        "dates": share([ok for ok, *_ in date_ok]),
        "dated_articles": len(date_ok),
        "_missed": unused,
        "_spurious": [f for f, lab in pairs if lab is None],
        "_matched": matched,
        "_story_errors": story_errors,
        "_dates": [d for d in date_ok if not d[0]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, default=None, help="folder with <id>.txt files (default: ../devset/texts; for --labels, its texts/)")
    parser.add_argument("--labels", type=Path, default=LABELS, help=f"folder of articles.csv and figures.csv (default realdev; {OWN_WORDS.name}: the set written for the project)")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--urls", action="store_true", help="date an undated text from its URL, as `add --url` does")
    parser.add_argument("--part", choices=PARTS, default="all", help="which articles (see _part)")
    parser.add_argument("--available", action="store_true", help="score only the articles whose text is in the folder")
    args = parser.parse_args(argv)
    _LABELS[0] = args.labels
    if args.texts is None:
        args.texts = args.labels / "texts" if args.labels != LABELS else ROOT.parent / "devset" / "texts"
    if not args.texts.is_dir():
        print(f"error: no texts folder {args.texts} (see benchmarks/realdev/README.md)", file=sys.stderr)
        return 1
    result = run(args.texts, args.part, args.urls, args.available)
    for key, value in result.items():
        if not key.startswith("_"):
            print(f"{key:24} {value:.3f}" if isinstance(value, float) else f"{key:24} {value}")
    if args.errors:
        for lab in result["_missed"]:
            print(f"MISSED   {lab['id']} {lab['raw']!r} {lab['kind']} {lab['partner']}")
        for f in result["_spurious"]:
            print(f"SPURIOUS {f['id']} {f['raw']!r} {f['kind']} {f.get('partner')}  | {f['quote'][:140]}")
        for f, lab in result["_matched"]:
            wrong = [
                name
                for name, ok in (
                    ("kind", f["kind"] == lab["kind"]),
                    ("year", (f.get("year") or None) == (int(lab["year"]) if lab["year"] else None)),
                    ("partner", _figure_partners(f) == _label_partners(lab)),
                )
                if not ok
            ]
            if wrong:
                print(
                    f"WRONG    {lab['id']} {lab['raw']!r} {','.join(wrong)}: kind {f['kind']}/{lab['kind']} (cue {f.get('kind_cue')!r})"
                    f" year {f.get('year')}/{lab['year']} partner {sorted(_figure_partners(f))}/{lab['partner']} | {f['quote'][:160]}"
                )
        for aid, extra, missing in result["_story_errors"]:
            print(f"STORY    {aid} extra {extra} missing {missing}")
        for _, aid, got, want in result["_dates"]:
            print(f"DATE     {aid} got {got} want {want}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
