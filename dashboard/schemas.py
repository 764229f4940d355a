"""pandera models for the four tables; every loader output is validated against them (strict, coerce)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

KINDS = ("target", "actual", "estimate")
UNITS = ("money", "percent")
REVIEWS = ("unreviewed", "confirmed", "corrected", "rejected")  # dashboard.review.STATUSES


class _Strict:
    strict = True
    coerce = True


class Stories(pa.DataFrameModel):
    """One row per story: ``story_id`` is ``"<source>#<story>"``; ``text`` is the file span with furniture blanked."""

    story_id: Series[str] = pa.Field(unique=True)
    source: Series[str]
    story: Series[int] = pa.Field(ge=0)
    title: Series[str] = pa.Field(nullable=True)
    outlet: Series[str] = pa.Field(nullable=True)
    published: Series[pa.DateTime] = pa.Field(nullable=True)
    date_source: Series[str] = pa.Field(isin=["text", "given", "overlay", "review", "none"])
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=0)
    text: Series[str]
    article_id: Series[str] = pa.Field(nullable=True)  # the store's id (SHA-256 of the text); None for a file read directly
    url: Series[str] = pa.Field(nullable=True)  # as the user gave it: http(s) only

    class Config(_Strict):
        pass


class Figures(pa.DataFrameModel):
    """One row per figure with its provenance: ``text[start:end] == raw`` in ``source``."""

    figure_id: Series[str] = pa.Field(unique=True)
    story_id: Series[str]
    source: Series[str]
    story: Series[int] = pa.Field(ge=0)
    value: Series[float] = pa.Field(ge=0)
    value_high: Series[float] = pa.Field(nullable=True, ge=0)
    currency: Series[str] = pa.Field(nullable=True)
    unit: Series[str] = pa.Field(isin=list(UNITS))
    metric: Series[str]
    kind: Series[str] = pa.Field(isin=list(KINDS))
    kind_cue: Series[str]
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1900, le=2200)
    horizon_years: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, le=200)
    partner: Series[str] = pa.Field(nullable=True)
    partners: Series[object]  # every counterparty of the figure, codes or names as written; () when Pakistan-wide
    partner_cue: Series[str]
    raw: Series[str]
    occurrence: Series[int] = pa.Field(ge=1)
    quote: Series[str]
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=0)
    published: Series[pa.DateTime] = pa.Field(nullable=True)
    title: Series[str] = pa.Field(nullable=True)
    article_id: Series[str] = pa.Field(nullable=True)  # the store's id of the article; None for a file read directly
    review: Series[str] = pa.Field(isin=list(REVIEWS))
    reviewed_by: Series[str] = pa.Field(nullable=True)  # who decided (the overlay's rows: "data/overlay.csv")
    reviewed_at: Series[pd.DatetimeTZDtype("ns", "UTC")] = pa.Field(nullable=True)
    review_note: Series[str] = pa.Field(nullable=True)
    review_key: Series[str]  # "start:end:raw": what the figure's decisions are written under (dashboard.review)
    review_seq: Series[int] = pa.Field(ge=0)  # the last decision's number on that key (0: none yet)
    conflict: Series[str]  # "" or the id shared by the figures of one conflict (dashboard.review.mark_conflicts)
    conflict_open: Series[bool]

    class Config(_Strict):
        pass

    @pa.dataframe_check
    def span_is_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["end"] > df["start"]


class Engagements(pa.DataFrameModel):
    """One row per story: who Pakistan engaged with, on what, and who spoke. List columns hold codes."""

    story_id: Series[str] = pa.Field(unique=True)
    source: Series[str]
    story: Series[int]
    published: Series[pa.DateTime] = pa.Field(nullable=True)
    title: Series[str] = pa.Field(nullable=True)
    outlet: Series[str] = pa.Field(nullable=True)
    partners: Series[object]
    mentions: Series[object]
    themes: Series[object]
    actors: Series[object]
    quotes: Series[object]  # partner code -> the sentence that first names it
    n_figures: Series[int] = pa.Field(ge=0)

    class Config(_Strict):
        pass


class Partners(pa.DataFrameModel):
    """Partners named in the corpus: ISO3 for countries, registry codes otherwise; blocs list members."""

    code: Series[str] = pa.Field(unique=True)
    name: Series[str]
    type: Series[str] = pa.Field(isin=["country", "bloc", "organisation", "company", "not in the registry"])
    iso3: Series[str] = pa.Field(nullable=True)
    members: Series[str]
    n_stories: Series[int] = pa.Field(ge=0)
    n_figures: Series[int] = pa.Field(ge=0)

    class Config(_Strict):
        pass


def validate(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> pd.DataFrame:
    """``model.validate(frame)``; an empty frame becomes an empty frame of the model's dtypes
    (pandera cannot coerce an empty ``object`` column)."""
    if frame.empty:
        schema = model.to_schema()
        return pd.DataFrame({name: pd.Series(dtype=str(column.dtype)) for name, column in schema.columns.items()})
    return model.validate(frame)


@dataclass(frozen=True)
class Corpus:
    """The four validated tables, plus what could not be read or applied. Frozen: a filter or a
    view makes a new one (``dataclasses.replace``), so one corpus can be shared by every session."""

    stories: pd.DataFrame
    figures: pd.DataFrame
    engagements: pd.DataFrame
    partners: pd.DataFrame
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    orphans: pd.DataFrame = field(default_factory=pd.DataFrame)  # overlay rows that match nothing
    context: pd.DataFrame | None = None  # with a partner filter: the kept stories' Pakistan-wide figures
    curation_problems: tuple[str, ...] = ()  # overlay rows skipped, each naming its file, row and column
    version: str = ""  # the store's version it was read at ("" for files): the key of every cache above it
    rejected: pd.DataFrame = field(default_factory=pd.DataFrame)  # figures a reviewer rejected: listed for review, never charted
    stale: pd.DataFrame = field(default_factory=pd.DataFrame)  # decisions whose figure the extractor no longer finds
    story_reviews: pd.DataFrame = field(default_factory=pd.DataFrame)  # story dates and partners set by reviewers
    overlay_events: tuple = ()  # data/overlay.csv as review events (dashboard.review.Event), applied before the store's
