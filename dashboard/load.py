"""The loader: articles -> validated stories, figures, engagements and partners tables.

``load_store(store)`` reads every stored article (what the app and the CLI show);
``load_corpus(paths)`` reads article files (``seeds/`` by default). Both go the same way:
one pure function per article (``article_stories`` + ``analyse_story``), then the curation
overlay (``data/overlay.csv``) and the pandera models in ``schemas``. Unreadable files are
reported with a reason; every other file still loads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard import SEEDS_DIR, curation, review
from dashboard.articles import Story, read_stories
from dashboard.extract import FIGURE_FIELDS
from dashboard.fingerprint import extractor_fingerprint
from dashboard.partners import registry
from dashboard.pipeline import analyse_stories, analyse_story, read_corpus  # the per-story step, shared with the CLI
from dashboard.schemas import Corpus, Engagements, Figures, Partners, Stories, validate

if TYPE_CHECKING:
    from dashboard.store import Store

__all__ = [
    "Corpus", "analyse_stories", "analyse_story", "analyse_text", "article_stories", "build_corpus", "health",
    "load_corpus", "load_store", "read_corpus", "read_overlay", "read_store",
]

OVERLAY_PATH, OVERLAY_ACTIONS, OVERLAY_FIELDS = curation.OVERLAY_PATH, curation.ACTIONS, curation.FIELDS
read_overlay = curation.read_overlay


# --------------------------------------------------------------------------- one article
def article_stories(
    source: str, text: str, title: str | None = None, outlet: str | None = None, published: date | None = None
) -> list[Story]:
    """The stories of one article; what the user gave overrides what the text says: the title
    names the first story, the outlet and date fill every story (the first one always).

    ``article_stories("a.txt", text, title="Budget")[0].title`` -> ``"Budget"``
    """
    stories = read_stories(source, text)
    out = []
    for story in stories:
        first = story.story == 0
        out.append(
            replace(
                story,
                title=title if (title and first) else story.title,
                outlet=outlet if (outlet and (first or not story.outlet)) else story.outlet,
                published=published if (published and (first or not story.published)) else story.published,
            )
        )
    return out


@lru_cache(maxsize=20_000)
def _analysed_article(
    source: str, text: str, title: str | None, outlet: str | None, published: date | None
) -> tuple[tuple[Story, dict], ...]:
    stories = article_stories(source, text, title, outlet, published)
    return tuple((story, analyse_story(story)) for story in stories)


def analyse_text(
    source: str, text: str, title: str | None = None, outlet: str | None = None, published: date | None = None
) -> list[dict]:
    """Everything extracted from one article, one ``analyse_story`` object per story (the CLI's JSON).
    Pure, so remembered per process: reloading the store after one new article analyses only that one."""
    return [record for _, record in _analysed_article(source, text, title, outlet, published)]


# --------------------------------------------------------------------------- tables
def _story_frame(stories: list[Story], given: dict[str, dict] | None = None) -> pd.DataFrame:
    """One row per story; ``given`` (source -> ``{"article_id", "url", "published"}``) is what the store knows."""
    given = given or {}
    return pd.DataFrame(
        {
            "story_id": [f"{s.source}#{s.story}" for s in stories],
            "source": [s.source for s in stories],
            "story": [s.story for s in stories],
            "title": [s.title for s in stories],
            "outlet": [s.outlet for s in stories],
            "published": pd.to_datetime(pd.Series([s.published for s in stories], dtype=object)),
            "date_source": [
                "given" if s.published and s.published == given.get(s.source, {}).get("published") else ("text" if s.published else "none")
                for s in stories
            ],
            "start": [s.start for s in stories],
            "end": [s.end for s in stories],
            "text": [s.text for s in stories],
            "article_id": [given.get(s.source, {}).get("article_id") for s in stories],
            "url": [given.get(s.source, {}).get("url") for s in stories],
        }
    )


def number_occurrences(figures: pd.DataFrame) -> pd.DataFrame:
    """Add ``occurrence`` (1, 2, ... for the same raw phrase in the same file) and ``figure_id``.

    Two figures ``"$12-16 billion"`` in one file -> occurrences 1 and 2; ids ``"a.txt|$12-16 billion|1"``.
    """
    ordered = figures.sort_values(["source", "start", "value"], kind="stable")
    occurrence = ordered.groupby(["source", "raw"], sort=False).cumcount() + 1
    return ordered.assign(
        occurrence=occurrence,
        figure_id=ordered["source"] + "|" + ordered["raw"] + "|" + occurrence.astype(str),
    ).reset_index(drop=True)


UNREGISTERED = "not in the registry"  # the type of a counterparty named only by an article (add it to data/partners.csv)


def partner_table(engagements: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Partners named in the corpus with counts: ``code, name, type, iso3, members, n_stories, n_figures``."""
    reg = registry()
    story_counts = engagements["partners"].explode().dropna().value_counts()
    figure_counts = (figures["partners"] if "partners" in figures else figures["partner"]).explode().dropna().value_counts()
    codes = list(dict.fromkeys([*story_counts.index, *figure_counts.index]))
    table = reg.table().set_index("code").reindex(codes).reset_index()
    known = table["code"].isin(list(reg.entities))
    return table.assign(
        # a lender the registry does not know yet keeps the name the article uses
        name=table["name"].where(known, table["code"]),
        type=table["type"].where(known, UNREGISTERED),
        n_stories=table["code"].map(story_counts).fillna(0).astype(int),
        n_figures=table["code"].map(figure_counts).fillna(0).astype(int),
        members=table["members"].fillna(""),
    )


_FIGURE_COLUMNS = list(Figures.to_schema().columns)


def _figure_partner_codes(figures: pd.DataFrame) -> list[tuple[str, ...]]:
    """Each figure's counterparties as a tuple of codes (``()`` when Pakistan-wide). A curated partner
    (``data/overlay.csv``) replaces what was extracted: ``[{"code": "SAU", ...}]`` -> ``("SAU",)``."""
    out = []
    for partner, found in zip(figures["partner"], figures["partners"], strict=True):
        codes = tuple(p["code"] if isinstance(p, dict) else str(p) for p in found) if isinstance(found, (list, tuple)) else ()
        if not isinstance(partner, str) or not partner:
            codes = ()
        elif partner not in codes:
            codes = (partner,)
        out.append(codes)
    return out


def load_corpus(paths: Iterable[Path] = (SEEDS_DIR,), overlay_path: Path = OVERLAY_PATH) -> Corpus:
    """Article files -> the tables every view is built from (read, extract, curate, validate).
    A file one of whose stories the extractor fails on is reported and left out whole."""
    stories, unreadable = read_corpus(paths)
    analysed, failed = analyse_stories(stories)
    failed_sources = {source for source, _ in failed}
    stories = [s for s in stories if s.source not in failed_sources]  # a file is whole or absent
    analysed = [a for a in analysed if a["source"] not in failed_sources]
    return build_corpus(stories, analysed, unreadable=[*unreadable, *failed], overlay_path=overlay_path)


def _from_cache(payload: str | None, key: list, stories: list[Story]) -> list[dict] | None:
    """The cached records of an article, when they were made for this metadata and these stories."""
    if payload is None:
        return None
    try:
        cached = json.loads(payload)
    except ValueError:
        return None
    records = cached.get("records") if isinstance(cached, dict) else None
    if cached.get("key") != key or not isinstance(records, list) or len(records) != len(stories):
        return None
    return records


_RESULTS: dict[tuple, tuple[list[Story], list[dict]]] = {}  # this process's extractions, by article and metadata
_MAX_RESULTS = 50_000


def _key(article) -> list:
    return [article.source, article.title, article.outlet, article.published.isoformat() if article.published else None]


def _article_result(article, payload: str | None) -> tuple[list[Story], list[dict], str | None]:
    """An article's stories and records: from this process's memory, else from the store's cache
    (``payload``), else extracted now (then also returned as the payload to cache)."""
    key = _key(article)
    memo = (article.id, *key)
    if memo in _RESULTS:
        return *_RESULTS[memo], None
    stories = article_stories(article.source, article.text, article.title, article.outlet, article.published)
    records = _from_cache(payload, key, stories)
    fresh = None
    if records is None:
        records = [analyse_story(story) for story in stories]
        fresh = json.dumps({"key": key, "records": records}, ensure_ascii=False)
    if len(_RESULTS) >= _MAX_RESULTS:
        _RESULTS.clear()
    _RESULTS[memo] = (stories, records)
    return stories, records, fresh


def read_store(store: Store) -> tuple[list[Story], list[dict], dict[str, dict], list[tuple[str, str]]]:
    """Every stored article's stories and ``analyse_story`` records (the CLI's JSON), what the store
    knows of each (source -> ``{"article_id", "url", "published"}``) and (source, reason) for an
    article whose extraction failed.

    Extractions are cached in the store under the extractor's fingerprint (vocabularies + code), so
    a server start reads them back instead of extracting every article again; within a process,
    reloading after one new article extracts only that one."""
    stories: list[Story] = []
    records: list[dict] = []
    given: dict[str, dict] = {}
    unreadable: list[tuple[str, str]] = []
    fingerprint = extractor_fingerprint()
    stored = store.articles()
    missing = [a.id for a in stored if (a.id, *_key(a)) not in _RESULTS]
    cache = store.cached_extractions(fingerprint, missing) if missing else {}
    fresh: dict[str, str] = {}
    for article in stored:
        try:
            article_stories_, found, payload = _article_result(article, cache.get(article.id))
        except Exception as exc:  # one article the extractor fails on never hides the others
            unreadable.append((article.source, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        if payload is not None:
            fresh[article.id] = payload
        stories.extend(article_stories_)
        records.extend(found)
        given[article.source] = {"article_id": article.id, "url": article.url, "published": article.published}
    try:
        store.save_extractions(fingerprint, fresh)
    except Exception:  # a cache that cannot be written costs time at the next start, never this load
        pass
    return stories, records, given, unreadable


def load_store(store: Store, overlay_path: Path = OVERLAY_PATH) -> Corpus:
    """Every stored article -> the tables every view is built from, with the store's review
    decisions: ``load_store_base -> reviewed(store.decisions())``. An article whose extraction fails
    is listed in ``unreadable``, the rest load."""
    _, version = store.versions()  # read first: a write landing meanwhile makes the next rerun load again
    base = load_store_base(store, overlay_path)
    return replace(reviewed(base, store.decisions()), version=version)


def load_store_base(store: Store, overlay_path: Path = OVERLAY_PATH) -> Corpus:
    """Every stored article as extracted, before review (``read_store -> build_base``); its
    ``version`` is the articles' version, the key of a cache that review decisions leave alone."""
    articles_version, _ = store.versions()
    stories, records, given, unreadable = read_store(store)
    return replace(build_base(stories, records, given, unreadable, overlay_path), version=articles_version)


def build_corpus(
    stories: list[Story],
    analysed: list[dict],
    given: dict[str, dict] | None = None,
    unreadable: list[tuple[str, str]] | None = None,
    overlay_path: Path = OVERLAY_PATH,
    decisions: Iterable[review.Event] = (),
) -> Corpus:
    """Stories and their ``analyse_story`` objects -> reviewed, validated tables:
    ``build_base -> reviewed(decisions)`` (the overlay's decisions first, then the store's)."""
    return reviewed(build_base(stories, analysed, given, unreadable, overlay_path), decisions)


def build_base(
    stories: list[Story],
    analysed: list[dict],
    given: dict[str, dict] | None = None,
    unreadable: list[tuple[str, str]] | None = None,
    overlay_path: Path = OVERLAY_PATH,
) -> Corpus:
    """Stories and their ``analyse_story`` objects -> the tables as extracted (every figure
    unreviewed), with the overlay's rows as review events (``Corpus.overlay_events``) for :func:`reviewed`."""
    unreadable = unreadable or []
    overlay, problems = read_overlay(overlay_path, strict=False)
    curation_problems = tuple(str(p) for p in problems)
    if not stories:
        return Corpus(
            *(validate(model, pd.DataFrame()) for model in (Stories, Figures, Engagements, Partners)),
            unreadable=unreadable,
            orphans=overlay,
            curation_problems=curation_problems,
        )
    story_frame = _story_frame(stories, given)
    raw_figures = pd.DataFrame(
        [
            {"story_id": f"{a['source']}#{a['story']}", "source": a["source"], "story": a["story"], **f}
            for a in analysed
            for f in a["figures"]
        ],
        columns=["story_id", "source", "story", *FIGURE_FIELDS, "partners"],
    ).pipe(number_occurrences)
    article_ids = story_frame.drop_duplicates("source").set_index("source")["article_id"]
    figures = raw_figures.assign(
        value_high=pd.to_numeric(raw_figures["value_high"], errors="coerce").astype(float),
        partners=_figure_partner_codes(raw_figures),
        year=pd.array(raw_figures["year"], dtype="Int64"),
        horizon_years=pd.array(raw_figures["horizon_years"], dtype="Int64"),
        article_id=raw_figures["source"].map(article_ids),
        published=pd.NaT,
        title=None,
        review="unreviewed",
        reviewed_by=None,
        reviewed_at=pd.Series(pd.NaT, index=raw_figures.index, dtype="datetime64[ns, UTC]"),
        review_note=None,
        review_key=[review.figure_key(s, e, r) for s, e, r in zip(raw_figures["start"], raw_figures["end"], raw_figures["raw"], strict=True)],
        review_seq=0,
        conflict="",
        conflict_open=False,
    )[_FIGURE_COLUMNS]
    events, orphans = curation.overlay_events(overlay, figures)
    engagements = pd.DataFrame(
        {
            "story_id": story_frame["story_id"],
            "source": story_frame["source"],
            "story": story_frame["story"],
            "published": story_frame["published"],
            "title": story_frame["title"],
            "outlet": story_frame["outlet"],
            "partners": [a["partners"] for a in analysed],
            "mentions": [a["mentions"] for a in analysed],
            "themes": [a["themes"] for a in analysed],
            "actors": [a["actors"] for a in analysed],
            "quotes": [a["quotes"] for a in analysed],
            "n_figures": 0,
        }
    )
    return Corpus(
        stories=story_frame,
        figures=figures,
        engagements=engagements,
        partners=pd.DataFrame(),
        unreadable=unreadable,
        orphans=orphans,
        curation_problems=curation_problems,
        overlay_events=tuple(events),
    )


def reviewed(base: Corpus, decisions: Iterable[review.Event] = ()) -> Corpus:
    """The base tables with the overlay's and then ``decisions`` applied (``review.apply``), every
    table validated. Pure: ``base`` can be cached and reviewed again after each decision."""
    if base.stories.empty:
        return replace(base, rejected=base.figures.iloc[0:0])
    c = review.apply(base, [*base.overlay_events, *decisions])
    dates = c.stories.set_index("story_id")["published"]
    titles = c.stories.set_index("story_id")["title"]

    def finish(figures: pd.DataFrame) -> pd.DataFrame:
        return validate(Figures, figures.assign(published=figures["story_id"].map(dates), title=figures["story_id"].map(titles)))

    figures = finish(c.figures)
    rejected = finish(c.rejected) if len(c.rejected) else figures.iloc[0:0]
    n_figures = figures["story_id"].value_counts()
    engagements = validate(Engagements, c.engagements.assign(n_figures=c.engagements["story_id"].map(n_figures).fillna(0).astype(int)))
    return replace(
        c,
        stories=validate(Stories, c.stories),
        figures=figures,
        rejected=rejected,
        engagements=engagements,
        partners=validate(Partners, partner_table(engagements, figures)),
    )


def health(corpus: Corpus) -> dict:
    """The data-health report: counts, undated stories, unreadable files, orphaned overlay rows."""
    undated = corpus.stories.loc[corpus.stories["published"].isna(), "story_id"].tolist()
    # Curation rows for files outside the checked set (the project's seed entries when checking
    # your own folder) are not errors: only rows for files that were read and match nothing are.
    checked = {*corpus.stories["source"], *(name for name, _ in corpus.unreadable)}
    orphans = corpus.orphans
    here = orphans["source"].isin(checked) if "source" in orphans.columns else pd.Series(dtype=bool)
    return {
        "stories": len(corpus.stories),
        "figures": len(corpus.figures),
        "partners": len(corpus.partners),
        "reviewed_figures": int((corpus.figures["review"] != "unreviewed").sum()) + len(corpus.rejected),
        "open_conflicts": review.summary(corpus)["open_conflicts"] if len(corpus.figures) else 0,
        "stale_decisions": len(corpus.stale),
        "undated_stories": undated,
        "unreadable_files": [{"file": f, "reason": r} for f, r in corpus.unreadable],
        "orphaned_overlay_rows": orphans[here].to_dict(orient="records"),
        "overlay_rows_elsewhere": int((~here).sum()),
        "overlay_problems": list(corpus.curation_problems),
    }
