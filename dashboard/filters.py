"""One filter for the whole app: partners (blocs include their members), themes and a date range."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from dashboard.load import Corpus
from dashboard.partners import registry


@dataclass(frozen=True)
class Filter:
    """``Filter(partners=("ASEAN",))`` keeps stories with ASEAN or any ASEAN member as a partner."""

    partners: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    include_undated: bool = True

    @property
    def is_empty(self) -> bool:
        return not (self.partners or self.themes or self.start or self.end) and self.include_undated


def story_mask(engagements: pd.DataFrame, flt: Filter) -> pd.Series:
    """Which engagement rows pass the filter (a boolean Series on ``engagements``' index)."""
    keep = pd.Series(True, index=engagements.index)
    if flt.partners:
        wanted = registry().expand(flt.partners)
        keep &= engagements["partners"].map(lambda codes: bool(wanted.intersection(codes)))
    if flt.themes:
        keep &= engagements["themes"].map(lambda codes: bool(set(flt.themes).intersection(codes)))
    published = engagements["published"]
    dated = published.notna()
    in_range = pd.Series(True, index=engagements.index)
    if flt.start:
        in_range &= published >= pd.Timestamp(flt.start)
    if flt.end:
        in_range &= published <= pd.Timestamp(flt.end)
    keep &= (dated & in_range) | (~dated & flt.include_undated)
    return keep


def apply_filter(corpus: Corpus, flt: Filter) -> Corpus:
    """A corpus holding only what passes ``flt``; figures keep their own partner when it is set
    and one is selected. The input corpus is not changed."""
    if flt.is_empty:
        return corpus
    engagements = corpus.engagements[story_mask(corpus.engagements, flt)]
    stories = set(engagements["story_id"])
    figures = corpus.figures[corpus.figures["story_id"].isin(stories)]
    if flt.partners:
        wanted = registry().expand(flt.partners)
        figures = figures[figures["partner"].isna() | figures["partner"].isin(wanted)]
    named = set(engagements["partners"].explode().dropna())
    return replace(
        corpus,
        stories=corpus.stories[corpus.stories["story_id"].isin(stories)],
        figures=figures,
        engagements=engagements,
        partners=corpus.partners[corpus.partners["code"].isin(named)],
    )
