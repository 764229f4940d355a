"""One filter for the whole app: partners (blocs include their members), themes, a date range, and
whether only checked figures (confirmed or corrected by a reviewer) are shown.

Stories pass on their partners; figures pass on their own partner (:func:`figure_partners`,
:func:`figure_mask`), never on the story's. With a partner selected, figures with no partner of
their own (Pakistan-wide) are kept apart in ``Corpus.context``: shown for context where a page
says so, never counted for the partner.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime

import pandas as pd

from dashboard.load import Corpus
from dashboard.partners import registry
from dashboard.vocab import VocabularyError


@dataclass(frozen=True)
class Filter:
    """``Filter(partners=("ASEAN",))`` keeps stories with ASEAN or any ASEAN member as a partner;
    ``Filter(checked_only=True)`` keeps only the figures a reviewer confirmed or corrected.
    Frozen and hashable: it is the key of the app's view caches."""

    partners: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    include_undated: bool = True
    checked_only: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.partners or self.themes or self.start or self.end or self.checked_only) and self.include_undated


class UnknownPartner(ValueError):
    """A partner value (from the URL or the command line) that names no partner."""


def partner_options(c: Corpus) -> list[str]:
    """The partners a filter can take: every story's partner and the members of its blocs, grouped by type
    (countries, blocs, organisations, companies, then names not yet in the registry): ``["CHN", "SAU", "ASEAN", "IMF"]``."""
    reg = registry()
    codes = set(c.partners["code"])
    for code in list(codes):
        entity = reg.entities.get(code)
        codes.update(entity.members if entity else ())
    order = {"country": 0, "bloc": 1, "organisation": 2, "company": 3}
    return sorted(codes, key=lambda code: (order.get(getattr(reg.entities.get(code), "type", None), 4), reg.name(code)))


def partner_code(value: str, known: list[str] | tuple[str, ...] | None = None) -> str:
    """A partner as a user writes it -> its registry code: ``"CHN"``, ``"chn"``, ``"China"``,
    ``"china"`` and ``"Chinese"`` -> ``"CHN"``. ``known``: the codes allowed (e.g. the app's options).
    Raises :class:`UnknownPartner` with a one-line reason."""
    reg = registry()
    text = " ".join(str(value).split())
    if known is not None and text in known and text not in reg.entities:
        return text  # a counterparty named only by an article ("Ajman Bank")
    by_upper = {code.upper(): code for code in reg.entities}
    by_name = {entity.name.casefold(): code for code, entity in reg.entities.items()}
    code = by_upper.get(text.upper()) or by_name.get(text.casefold())
    if code is None:
        try:
            code = reg.resolve(text)
        except (VocabularyError, LookupError):
            code = None
    if code is None or code not in reg.entities:
        raise UnknownPartner(f"unknown partner {value!r}: use an ISO3 code such as CHN or a name such as China")
    if known is not None and code not in known:
        raise UnknownPartner(f"no story names {reg.name(code)} ({code}) as a partner")
    return code


_YEAR_MONTH = re.compile(r"(\d{4})(?:[-/.](\d{1,2}))?")
_MONTH_FORMATS = ("%B %Y", "%b %Y")


def parse_day(text: str | None, last: bool = False) -> date | None:
    """A date as typed in the filter: ``"2025-06-01"``, ``"2025/6/1"``, ``"1 June 2025"``; or a month or
    year, meaning its first day (``last``: its last day): ``"2025-06"``, ``"June 2025"``, ``"2025"``.
    Empty -> None; anything else raises ``ValueError`` with a one-line reason."""
    from dashboard.articles import parse_date

    raw = " ".join((text or "").split())
    if not raw:
        return None
    year_month = _YEAR_MONTH.fullmatch(raw)
    month = None
    if year_month:
        year, month_number = int(year_month.group(1)), int(year_month.group(2) or (12 if last else 1))
        if 1 <= month_number <= 12:
            if year_month.group(2) is None:
                return date(year, 12, 31) if last else date(year, 1, 1)
            month = (year, month_number)
    for fmt in _MONTH_FORMATS:
        try:
            parsed = datetime.strptime(raw, fmt)
            month = (parsed.year, parsed.month)
        except ValueError:
            continue
    if month:
        return date(month[0], month[1], calendar.monthrange(*month)[1] if last else 1)
    day = parse_date(raw.replace("/", "-"))
    if day is None:
        raise ValueError(f"{text!r} is not a date: type it as 2025-06-01, June 2025 or 2025")
    return day


def figure_partners(figures: pd.DataFrame) -> pd.Series:
    """The partner codes each figure counts for, as a Series of tuples on ``figures``' index: its own
    counterparties (``partners``: several for a combined amount, empty for a Pakistan-wide figure),
    plus the country that a state fund, agency or company among them acts for: a deposit by the Saudi
    Fund for Development counts for ``SFD`` and for ``SAU``."""
    reg = registry()
    column = figures["partners"] if "partners" in figures else figures["partner"].map(lambda c: (c,) if isinstance(c, str) and c else ())

    def counted(codes) -> tuple[str, ...]:
        codes = tuple(codes) if isinstance(codes, (list, tuple)) else ()
        countries = tuple(c for c in (getattr(reg.entities.get(code), "country", None) for code in codes) if c)
        return tuple(dict.fromkeys((*codes, *countries)))

    return column.map(counted)


def figure_mask(figures: pd.DataFrame, wanted: frozenset[str] | set[str]) -> pd.Series:
    """Which figures count for any partner in ``wanted`` (a boolean Series on ``figures``' index)."""
    return figure_partners(figures).map(lambda codes: bool(wanted.intersection(codes))).astype(bool)


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


CHECKED = ("confirmed", "corrected")  # what "Checked figures only" keeps


def checked_mask(figures: pd.DataFrame) -> pd.Series:
    """Which figures a reviewer confirmed or corrected (the overlay's curation included)."""
    return figures["review"].isin(CHECKED)


def _figures_passing(figures: pd.DataFrame, engagements: pd.DataFrame, flt: Filter, stories: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures, context) of ``figures`` under ``flt``'s story and partner rules (not ``checked_only``)."""
    kept = figures[figures["story_id"].isin(stories)]
    if not flt.partners:
        return kept, kept.iloc[0:0]
    # a figure passes on its own partner, from any story that passes the theme and date filters
    other = replace(flt, partners=())
    candidates = figures[figures["story_id"].isin(set(engagements.loc[story_mask(engagements, other), "story_id"]))]
    context = kept[figure_partners(kept).map(len) == 0]
    return candidates[figure_mask(candidates, registry().expand(flt.partners))], context


def apply_filter(corpus: Corpus, flt: Filter) -> Corpus:
    """A corpus holding only what passes ``flt``. With partners selected, ``figures`` holds the figures
    that count for them (:func:`figure_mask`) and ``context`` the Pakistan-wide figures of the kept
    stories. ``checked_only`` keeps only confirmed and corrected figures (in ``figures`` and
    ``context``). ``rejected`` (never charted, listed on the Review page) passes on the same story and
    partner rules as ``figures``, never on ``checked_only``. The input corpus is not changed."""
    if flt.is_empty:
        return corpus
    engagements = corpus.engagements[story_mask(corpus.engagements, flt)]
    stories = set(engagements["story_id"])
    figures, context = _figures_passing(corpus.figures, corpus.engagements, flt, stories)
    rejected = corpus.rejected
    if len(rejected) and "story_id" in rejected:
        rejected = _figures_passing(rejected, corpus.engagements, flt, stories)[0]
    if flt.checked_only:
        figures, context = figures[checked_mask(figures)], context[checked_mask(context)]
    named = set(engagements["partners"].explode().dropna())
    return replace(
        corpus,
        stories=corpus.stories[corpus.stories["story_id"].isin(stories)],
        figures=figures,
        engagements=engagements,
        partners=corpus.partners[corpus.partners["code"].isin(named)],
        context=context,
        rejected=rejected,
    )
