"""One article at a time: text -> stories -> figures, partners, themes and actors, as plain data.

The command line's ``extract`` runs only this module (no pandas, no pandera: a fast start), and the
loader builds its tables from the same records. ``analyse_story(story)`` is the one function per
story that the loader, the CLI and the Add preview share.
"""

from __future__ import annotations

import bisect
import gc
import os
from collections.abc import Callable, Iterable
from functools import partial
from operator import attrgetter
from pathlib import Path

from dashboard import regexes
from dashboard.articles import Story, UnreadableFile, article_paths, headline_start, read_stories, read_text
from dashboard.engagements import actors, themes
from dashboard.extract import ABROAD, PROJECT_COST, Figure, extract_figures, sentence_spans
from dashboard.fx import to_usd
from dashboard.partners import (
    carrying_places,
    classify,
    compares,
    engagement_partners,
    group_country,
    partner_info,
    registry,
    story_counterparty,
    unregistered_counterparties,
    with_anaphors,
    without_covered,
)

_HEADLINE_MAX = 200  # a first line longer than this is a paragraph


def _country_of(reg, code: str) -> str | None:
    """The country a partner counts for: a registered body's, or a group of lenders' named by its
    country ("Chinese commercial banks" -> CHN)."""
    return reg.entities[code].country if code in reg.entities else group_country(code)


_START = attrgetter("start")


def _project_funders(story: Story, figures: list[Figure], hits: list, starts: list[int], direct: list[str]) -> list[str]:
    """The funders named before a whole project's cost (Pakistan-wide) in its sentence: "The ADB and two local
    banks are also financing the $159 million project" has the ADB as a partner of the story though the amount
    is no one lender's; so do countries ("Saudi Arabia and the UAE are jointly financing the $2 billion refinery
    project"). Each such sentence's names are read once, up to its last such amount."""
    entities = registry().entities
    named = set(direct)
    last_cost: dict[int, int] = {}  # a sentence -> where its last whole project's cost starts
    for f in figures:
        if f.partner_cue == PROJECT_COST:
            i = bisect.bisect_right(starts, f.start - story.start) - 1
            last_cost[i] = max(last_cost.get(i, 0), f.start - story.start)
    out = []
    for i, until in last_cost.items():
        lo = starts[i] if i >= 0 else 0
        k = bisect.bisect_left(hits, lo, key=_START)
        while k < len(hits) and hits[k].start < until:
            h = hits[k]
            if h.code in named and not h.passing and h.code != "PAK" and h.via == "name" and (
                getattr(entities.get(h.code), "type", "organisation") in ("organisation", "company", "country")
            ):
                out.append(h.code)
            k += 1
    return out


# A short story of the usual shapes, in our own words, analysed once before the first story of a process: the
# word sets the readers register on first use (see ``vocab.WordPass``) are then all registered before a long
# text is read, which is then passed once for all of them rather than once for each set registered during it
_WARM_UP = (
    "China lends Pakistan $2 billion\n\nISLAMABAD, March 3, 2026: Pakistan and China signed a $2 billion loan "
    "on Monday, up 5 percent from last year and more than India's $1bn. Remittances from Saudi Arabia and the UAE "
    "rose to Rs 50bn in FY25, the State Bank of Pakistan said. The IMF expects exports of $30 billion to $32 billion."
)
_WARMED: list[bool] = []


def _warm_up() -> None:
    if not _WARMED:
        _WARMED.append(True)
        collecting = gc.isenabled()
        gc.disable()  # compiling the vocabularies makes many objects that all live on: no collection finds garbage there
        try:
            for story in read_stories("warm-up.txt", _WARM_UP):
                analyse_story(story)
            regexes.keep()  # the start-up's patterns, for the next run's start-up
        finally:
            if collecting:
                gc.enable()


def _comparisons_going_on(story: Story, hits: list, spans: list[tuple[int, int]], starts: list[int], figures: list[Figure]) -> set[int]:
    """Where the figures start (in the file) that stand in a comparison going on from an earlier sentence of
    their paragraph: one with a carrying cue (see ``partners.carrying_cues``), then sentences that do not name
    Pakistan, on one line ("Critics say the country remains far behind its neighbours. India's software exports
    are close to $200 billion, and Bangladesh earns $1.9 billion."): such a figure keeps its partner, but does
    not make that country a partner of the story. The cues are searched once; each sentence is looked at once."""
    text = story.text
    cues = carrying_places(text) if any(f.partner or f.partners for f in figures) else []  # (a figure without a partner has none to lose)
    if not cues:
        return set()
    pakistan = [h.start for h in hits if h.code == "PAK"]
    by_sentence: dict[int, list[int]] = {}
    for f in figures:
        by_sentence.setdefault(bisect.bisect_right(starts, f.start - story.start) - 1, []).append(f.start)
    out: set[int] = set()
    carrying = False  # a comparison goes on into the sentence being looked at
    for i, (a, b) in enumerate(spans[: max(by_sentence) + 1]):
        if i and "\n" in text[spans[i - 1][1] : a]:
            carrying = False  # a new paragraph
        names_pakistan = bisect.bisect_left(pakistan, a) < bisect.bisect_left(pakistan, b)
        if carrying and not names_pakistan:
            out.update(by_sentence.get(i, ()))
        cued = bisect.bisect_left(cues, a) < bisect.bisect_left(cues, b)
        carrying = cued or (carrying and not names_pakistan)
    return out


def analyse_story(story: Story) -> dict:
    """Everything extracted from one story, as plain data (the CLI's JSON object).

    ``{"source", "story", "title", "outlet", "published", "partners", "mentions", "themes",
    "actors", "figures": [{"value", "currency", "partner", "partners": [{"code", "name", "type",
    "country", "in_registry"}], ...}]}``

    A story's partners are its figures' counterparties plus those its headline names; every other
    country or organisation it names is a mention (a comparison, a neighbour, a dateline abroad).
    """
    _warm_up()
    reg = registry()
    known = reg.find(story.text)
    hits = with_anaphors(story.text, without_covered(known, unregistered_counterparties(story.text, known)))
    direct, passing = classify(story.text, hits)
    spans = sentence_spans(story.text)
    starts = [a for a, _ in spans]
    referred: set[str] = set()  # engaged in a sentence that calls Pakistan "the country", "Islamabad": never the story's one counterparty
    engaged = engagement_partners(story.text, hits, spans, direct, referred)
    title_start = headline_start(story.text)
    one = story_counterparty(story.text, hits, engaged, title_start)
    file_hits = [h.moved(story.start) for h in hits]  # extract_figures leaves out Pakistan, towns and passing names
    figures = extract_figures(story.text, file_hits, offset=story.start, published=story.published, counterparty=one, spans=spans)
    title_end = story.text.find("\n", title_start)
    if title_end - title_start > _HEADLINE_MAX:  # a paragraph, not a headline (a text without line breaks)
        title_end = -1
    headline = {h.code for h in hits if h.code in direct and title_end != -1 and h.end <= title_end and not h.passing}
    # a figure of a comparison ("India's economy, ten times bigger than Pakistan's") keeps its partner,
    # but does not make that country a partner of the story
    comparing = {quote: compares(quote) for quote in {f.quote for f in figures}}  # a sentence's figures share its quote
    going_on = _comparisons_going_on(story, hits, spans, starts, figures)
    counted = (f for f in figures if not comparing[f.quote] and f.start not in going_on and not f.partner_cue.endswith(ABROAD))
    of_figures = [c for f in counted for c in (f.partners or ([f.partner] if f.partner else []))]
    partners = list(dict.fromkeys([*of_figures, *(c for c in direct if c in engaged or c in referred), *_project_funders(story, figures, hits, starts, direct)]))
    # a name in the headline is the story's partner unless the story's own counterparties are others
    # ("India asks IMF to reconsider Pakistan programme": the IMF's loan; India objects)
    partners += [c for c in direct if c in headline and c not in partners
                 and (not partners or getattr(reg.entities.get(c), "type", None) != "country")]
    # a state fund, agency or company acts for its country: the Saudi Fund for Development's deposit is Saudi Arabia's too;
    # so do lenders named as a group by their country's word ("Chinese commercial banks")
    partners += [c for c in dict.fromkeys(_country_of(reg, p) for p in partners) if c and c not in partners]
    # and a state fund, agency or company of a partner country, named as itself, acts for it: "Saudi Arabia agreed
    # to extend the deposit ... the Saudi Fund for Development has rolled it over"
    partners += [c for c in direct if c not in partners and c in reg.entities and reg.entities[c].country in partners]
    mentions = [c for c in dict.fromkeys([*direct, *passing]) if c not in partners]
    quotes = {}
    for hit in hits:
        if hit.code in partners and hit.code not in quotes:
            i = bisect.bisect_right(starts, hit.start) - 1
            start, end = spans[i] if i >= 0 and hit.start < spans[i][1] else (hit.start, hit.end)
            quotes[hit.code] = " ".join(story.text[start:end].split())
    year = story.published.year if story.published else None
    return {
        "source": story.source,
        "story": story.story,
        "title": story.title,
        "outlet": story.outlet,
        "published": story.published.isoformat() if story.published else None,
        "partners": partners,
        "mentions": mentions,
        "themes": themes(story.text),
        "actors": actors(story.text),
        "quotes": quotes,
        "figures": [_figure_record(f, year) for f in figures],
    }


def _figure_record(f: Figure, year: int | None) -> dict:
    """A figure's record: its fields (``Figure.as_dict``), its value in US dollars (of its year, else the
    story's) and its partners' details."""
    record = f.as_dict()
    record["value_usd"] = to_usd(f.value, f.currency, f.year or year) if f.unit == "money" else None
    record["partners"] = [partner_info(c) for c in (f.partners or ([f.partner] if f.partner else []))]
    return record


def read_corpus(paths: Iterable[Path]) -> tuple[list[Story], list[tuple[str, str]]]:
    """Stories of every readable file under ``paths``, and (file, reason) for the rest."""
    return _read_files(article_paths([Path(p) for p in paths]))


def _read_files(files: list[tuple[Path, str]]) -> tuple[list[Story], list[tuple[str, str]]]:
    stories: list[Story] = []
    unreadable: list[tuple[str, str]] = []
    for path, name in files:
        try:
            stories.extend(read_stories(name, read_text(path)))
        except UnreadableFile as exc:
            unreadable.append((name, str(exc)))
    return stories, unreadable


def _extract_files(files: list[tuple[Path, str]], encode: Callable[[list[dict]], object] | None = None) -> tuple[object, list[tuple[str, str]], list[tuple[str, str]]]:
    """One worker's share: the records (or ``encode(records)``), the unreadable files and the failed stories of ``files``."""
    stories, unreadable = _read_files(files)
    records, failed = analyse_stories(stories)
    return (records if encode is None else encode(records)), unreadable, failed


_FILES_A_WORKER = 100  # fewer files than this a worker, and starting it costs more than it saves


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def extract_corpus(paths: Iterable[Path], workers: int | None = None, encode: Callable[[list[dict]], object] | None = None) -> tuple[list, list[tuple[str, str]]]:
    """Every story's record from the files under ``paths`` (in ``article_paths`` order), and
    (source, reason) for each unreadable file, then each story whose extraction failed: what
    ``read_corpus`` then ``analyse_stories`` give, the same records in the same order.

    A folder of many files is shared among worker processes, one a core (``workers``: at most
    this many; 1 for none): forked after the vocabularies are loaded, each reads and analyses runs
    of consecutive files. Where processes cannot be forked, or a worker dies, the work is done
    here instead. With ``encode`` (a module-level function, so a worker can be given it), the
    first list holds ``encode(records)`` for each run of files instead, made in the workers (the
    CLI's JSON): ``[Path("articles/")] -> ([{"source": "dawn.txt", ...}, ...], [])``."""
    files = article_paths([Path(p) for p in paths])
    n = min(workers or _workers(), len(files) // _FILES_A_WORKER)
    if n > 1:  # (the pool's modules are imported only for a pool: a file or two starts faster)
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool
    if n > 1 and "fork" in mp.get_all_start_methods():
        _warm_up()  # the vocabularies and the registry, loaded once for every worker
        gc.freeze()  # ... and kept out of the workers' collections, so their pages stay shared
        size = -(-len(files) // (4 * n))  # four runs a worker: an even share when some files are slower
        runs = [files[i : i + size] for i in range(0, len(files), size)]
        try:  # (a pool of concurrent.futures, not multiprocessing's: a worker that dies breaks it instead of hanging it)
            with ProcessPoolExecutor(n, mp_context=mp.get_context("fork")) as pool:
                parts = list(pool.map(partial(_extract_files, encode=encode), runs))
        except (OSError, BrokenProcessPool):
            parts = None  # no processes to be had, or one died: do it here
        if parts is not None:
            out = [part[0] for part in parts] if encode is not None else [r for part in parts for r in part[0]]
            return out, [u for part in parts for u in part[1]] + [f for part in parts for f in part[2]]
    records, unreadable, failed = _extract_files(files)
    return ([encode(records)] if encode is not None else records), unreadable + failed




def analyse_stories(stories: Iterable[Story]) -> tuple[list[dict], list[tuple[str, str]]]:
    """Each story's record, and (source, reason) for a story whose extraction failed: one story
    that trips the extractor never stops the others, and no traceback reaches the user."""
    records: list[dict] = []
    failed: list[tuple[str, str]] = []
    for story in stories:
        try:
            records.append(analyse_story(story))
        except Exception as exc:  # a bug on one article: reported for that article, the rest still load
            failed.append((story.source, f"extraction failed ({type(exc).__name__}: {exc})"))
    return records, failed
