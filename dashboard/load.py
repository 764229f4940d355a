"""The loader: article files -> validated stories, figures, engagements and partners tables.

``load_corpus()`` reads ``seeds/`` (or the paths given), applies the curation overlay
(``data/overlay.csv``) and validates every table with the pandera models in ``schemas``.
Unreadable files are reported with a reason; every other file still loads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard import DATA_DIR, SEEDS_DIR, vocab
from dashboard.articles import Story
from dashboard.extract import FIGURE_FIELDS
from dashboard.partners import registry
from dashboard.pipeline import analyse_stories, analyse_story, read_corpus  # the per-story step, shared with the CLI
from dashboard.schemas import KINDS, UNITS, Engagements, Figures, Partners, Stories, validate

__all__ = ["Corpus", "analyse_stories", "analyse_story", "health", "load_corpus", "read_corpus", "read_overlay"]

OVERLAY_PATH = DATA_DIR / "overlay.csv"
OVERLAY_ACTIONS = ("confirm", "correct", "reject", "date")
OVERLAY_FIELDS = ("value", "currency", "unit", "metric", "kind", "year", "horizon_years", "partner")


@dataclass
class Corpus:
    """The four validated tables, plus what could not be read or applied."""

    stories: pd.DataFrame
    figures: pd.DataFrame
    engagements: pd.DataFrame
    partners: pd.DataFrame
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    orphans: pd.DataFrame = field(default_factory=pd.DataFrame)  # overlay rows that match nothing
    context: pd.DataFrame | None = None  # with a partner filter: the kept stories' Pakistan-wide figures


# --------------------------------------------------------------------------- tables
def _story_frame(stories: list[Story]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "story_id": [f"{s.source}#{s.story}" for s in stories],
            "source": [s.source for s in stories],
            "story": [s.story for s in stories],
            "title": [s.title for s in stories],
            "outlet": [s.outlet for s in stories],
            "published": pd.to_datetime(pd.Series([s.published for s in stories], dtype=object)),
            "date_source": ["text" if s.published else "none" for s in stories],
            "start": [s.start for s in stories],
            "end": [s.end for s in stories],
            "text": [s.text for s in stories],
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


def read_overlay(path: Path = OVERLAY_PATH) -> pd.DataFrame:
    """The curation overlay; an unknown action, field, metric, kind or partner names the file to edit."""
    columns = ["source", "story", "raw", "occurrence", "action", "field", "value", "note"]
    if not path.exists():
        return pd.DataFrame(columns=columns)
    overlay = pd.read_csv(path, dtype=str, keep_default_na=False).reindex(columns=columns, fill_value="")
    for row in overlay.itertuples():
        where = f"{path.name} row {row.Index + 2}"
        if row.action not in OVERLAY_ACTIONS:
            raise vocab.VocabularyError(f"{where}: unknown action {row.action!r} (one of {OVERLAY_ACTIONS}); edit data/{path.name}")
        if row.action == "correct":
            if row.field not in OVERLAY_FIELDS:
                raise vocab.VocabularyError(f"{where}: unknown field {row.field!r} (one of {OVERLAY_FIELDS}); edit data/{path.name}")
            if row.field == "metric":
                vocab.check_metric(row.value)
            if row.field == "kind" and row.value not in KINDS:
                raise vocab.VocabularyError(f"{where}: unknown kind {row.value!r} (one of {KINDS}); edit data/{path.name}")
            if row.field == "unit" and row.value not in UNITS:
                raise vocab.VocabularyError(f"{where}: unknown unit {row.value!r}; edit data/{path.name}")
            if row.field == "partner" and row.value:
                registry().get(row.value)
    return overlay


def apply_overlay(
    figures: pd.DataFrame, stories: pd.DataFrame, overlay: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Confirm, correct or reject figures (keyed by source, raw phrase, occurrence) and supply story dates.

    Returns new (figures, stories, orphans); the inputs are not changed.
    """
    figures = figures.assign(review="extracted")
    stories = stories.copy()
    orphans = []
    rejected: set[str] = set()
    for row in overlay.itertuples(index=False):
        if row.action == "date":
            mask = (stories["source"] == row.source) & (stories["story"].astype(str) == (row.story or "0"))
            if not mask.any():
                orphans.append(row._asdict())
                continue
            stories.loc[mask, "published"] = pd.Timestamp(row.value)
            stories.loc[mask, "date_source"] = "overlay"
            continue
        key = f"{row.source}|{row.raw}|{row.occurrence or 1}"
        mask = figures["figure_id"] == key
        if not mask.any():
            orphans.append(row._asdict())
            continue
        if row.action == "reject":
            rejected.add(key)
        elif row.action == "confirm":
            figures.loc[mask & (figures["review"] == "extracted"), "review"] = "confirmed"
        else:
            value: object = row.value or None
            if row.field in ("value",):
                value = float(row.value)
            elif row.field in ("year", "horizon_years"):
                value = int(row.value) if row.value else pd.NA
            figures.loc[mask, row.field] = value
            figures.loc[mask, "review"] = "corrected"
    figures = figures[~figures["figure_id"].isin(rejected)].reset_index(drop=True)
    return figures, stories, pd.DataFrame(orphans, columns=list(overlay.columns))


def partner_table(engagements: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Partners named in the corpus with counts: ``code, name, type, iso3, members, n_stories, n_figures``."""
    reg = registry()
    story_counts = engagements["partners"].explode().dropna().value_counts()
    figure_counts = figures["partner"].dropna().value_counts()
    codes = list(dict.fromkeys([*story_counts.index, *figure_counts.index]))
    table = reg.table().set_index("code").reindex(codes).reset_index()
    return table.assign(
        n_stories=table["code"].map(story_counts).fillna(0).astype(int),
        n_figures=table["code"].map(figure_counts).fillna(0).astype(int),
        members=table["members"].fillna(""),
    )


_FIGURE_COLUMNS = list(Figures.to_schema().columns)


def load_corpus(paths: Iterable[Path] = (SEEDS_DIR,), overlay_path: Path = OVERLAY_PATH) -> Corpus:
    """Read, extract, curate and validate: the tables every view is built from."""
    stories, unreadable = read_corpus(paths)
    if not stories:
        overlay = read_overlay(overlay_path)
        return Corpus(
            *(validate(model, pd.DataFrame()) for model in (Stories, Figures, Engagements, Partners)),
            unreadable=unreadable,
            orphans=overlay,
        )
    analysed, failed = analyse_stories(stories)
    unreadable = [*unreadable, *failed]
    failed_sources = {source for source, _ in failed}
    stories = [s for s in stories if s.source not in failed_sources]  # a file is whole or absent
    analysed = [a for a in analysed if a["source"] not in failed_sources]
    story_frame = _story_frame(stories)
    raw_figures = pd.DataFrame(
        [
            {"story_id": f"{a['source']}#{a['story']}", "source": a["source"], "story": a["story"], **f}
            for a in analysed
            for f in a["figures"]
        ],
        columns=["story_id", "source", "story", *FIGURE_FIELDS],
    )
    figures, story_frame, orphans = (
        raw_figures.pipe(number_occurrences).pipe(apply_overlay, story_frame, read_overlay(overlay_path))
    )
    dates = story_frame.set_index("story_id")["published"]
    titles = story_frame.set_index("story_id")["title"]
    figures = validate(
        Figures,
        figures.assign(
            published=figures["story_id"].map(dates),
            title=figures["story_id"].map(titles),
            value_high=pd.to_numeric(figures["value_high"], errors="coerce").astype(float),
            year=pd.array(figures["year"], dtype="Int64"),
            horizon_years=pd.array(figures["horizon_years"], dtype="Int64"),
        )[_FIGURE_COLUMNS]
    )
    n_figures = figures["story_id"].value_counts()
    engagements = validate(
        Engagements,
        pd.DataFrame(
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
            }
        ).assign(n_figures=lambda df: df["story_id"].map(n_figures).fillna(0).astype(int))
    )
    return Corpus(
        stories=validate(Stories, story_frame),
        figures=figures,
        engagements=engagements,
        partners=validate(Partners, partner_table(engagements, figures)),
        unreadable=unreadable,
        orphans=orphans,
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
        "reviewed_figures": int((corpus.figures["review"] != "extracted").sum()),
        "undated_stories": undated,
        "unreadable_files": [{"file": f, "reason": r} for f, r in corpus.unreadable],
        "orphaned_overlay_rows": orphans[here].to_dict(orient="records"),
        "overlay_rows_elsewhere": int((~here).sum()),
    }
