"""Review: decisions on extracted figures and stories, applied to the tables; conflicting reports.

A *decision* is one event of an append-only log (the store's ``decisions`` table, and the rows of
``data/overlay.csv`` read the same way): confirm, correct or reject a figure; set a story's date or
partners; or undo the decision before it. Events are keyed by what they point at, never by a row
number, so they survive re-extraction:

- a figure: ``(article, span_start, span_end, raw)``: the figure's offsets and words in the article's
  text (the article id is the SHA-256 of that text, so the offsets cannot drift under it);
- a story: ``(article, story number, field)``.

Each key has its own sequence (1, 2, ...): a decision is written as "the next after the one I saw",
so two people deciding on the same figure at once cannot both win; the later one is told.

:func:`apply` replays the events on a corpus (pure: new tables, inputs untouched):

- a figure takes the state of its key's last standing event (an ``undo`` removes the one before it);
  ``review`` is ``unreviewed``, ``confirmed``, ``corrected`` or ``rejected`` (rejected figures move
  to ``Corpus.rejected``: never charted, still listed for review);
- an event whose exact span is gone is re-attached to a figure of the same article whose span
  overlaps it (the extractor now reads "US$5bn" where it read "$5bn"); when none does it is listed in
  ``Corpus.stale`` ("needs a look again"), never dropped;
- conflicts (:func:`mark_conflicts`) are marked last, on the reviewed values.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import pandas as pd

from dashboard import vocab
from dashboard.schemas import KINDS, UNITS

FIGURE_ACTIONS = ("confirm", "correct", "reject")
STORY_FIELDS = ("date", "partners")
ACTIONS = (*FIGURE_ACTIONS, "undo", "set")
CORRECTABLE = ("value", "currency", "metric", "kind", "year", "partner", "unit", "horizon_years")
STATUSES = ("unreviewed", "confirmed", "corrected", "rejected")
CONFLICT_TOLERANCE = 0.05  # two reports of one thing differ when the smaller is more than 5 % below the larger
YEARS = (1947, 2100)
OVERLAY_WHO = "data/overlay.csv"
MAX_NOTE = 2000
MAX_WHO = 100
MAX_IMPORT_BYTES = 50_000_000


class InvalidDecision(ValueError):
    """A decision that cannot be stored; the message is the one line to show the user."""


@dataclass(frozen=True)
class Event:
    """One decision as stored. ``target`` is ``figure`` or ``story``; for a figure ``start, end, raw``
    locate it, for a story ``start`` is the story number and ``field`` is ``date`` or ``partners``.
    ``changes``: a correction's ``{field: value}``, a story's ``{"date": "2025-06-01"}`` or
    ``{"partners": ["CHN"]}``."""

    article_id: str
    target: str
    start: int
    end: int
    raw: str
    field: str
    seq: int
    action: str
    changes: dict
    who: str
    decided_at: datetime
    note: str = ""
    batch: str = ""
    source: str = ""  # the article's label (an overlay row names only this; the store's are filled in)
    layer: str = "store"  # or "overlay": the project's curation in data/overlay.csv

    @property
    def key(self) -> tuple:
        return (self.layer, self.source, self.target, self.start, self.end, self.raw, self.field)


def figure_key(start: int, end: int, raw: str) -> str:
    """The key a figure's decisions are written under, as one string: ``"120:124:$5bn"``."""
    return f"{start}:{end}:{raw}"


def parse_figure_key(key: str) -> tuple[int, int, str]:
    """``"120:124:$5bn"`` -> ``(120, 124, "$5bn")``."""
    start, end, raw = key.split(":", 2)
    return int(start), int(end), raw


# --------------------------------------------------------------------------- validation
def clean_who(who: str | None) -> str:
    """The reviewer's name as one line of printable text; a name is required."""
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in (who or "")).split())[:MAX_WHO]
    if not line:
        raise InvalidDecision("say who you are first: a name is kept with every decision")
    return line


def clean_note(note: str | None) -> str:
    return " ".join((note or "").split())[:MAX_NOTE]


def check_correction(changes: dict) -> dict:
    """A correction's fields, checked and normalised: ``{"value": "2.5e9", "year": "2030"}`` ->
    ``{"value": 2.5e9, "year": 2030}``. Raises :class:`InvalidDecision` naming the field."""
    import pycountry

    from dashboard.filters import UnknownPartner, partner_code

    if not changes:
        raise InvalidDecision("a correction changes at least one field")
    out: dict = {}
    for field, value in changes.items():
        if field not in CORRECTABLE:
            raise InvalidDecision(f"{field!r} cannot be corrected (fields: {', '.join(CORRECTABLE)})")
        text = "" if value is None else str(value).strip()
        if field == "value":
            try:
                number = float(text.replace(",", ""))
            except ValueError:
                raise InvalidDecision(f"value: {text!r} is not a number") from None
            if not math.isfinite(number) or number <= 0:
                raise InvalidDecision(f"value: {text!r} is not a finite positive number")
            out[field] = number
        elif field == "currency":
            code = text.upper()
            if code and pycountry.currencies.get(alpha_3=code) is None:
                raise InvalidDecision(f"currency: {text!r} is not an ISO 4217 code (USD, PKR, CNY ...)")
            out[field] = code or None
        elif field == "metric":
            try:
                vocab.check_metric(text)
            except vocab.VocabularyError as exc:
                raise InvalidDecision(f"metric: {exc}") from None
            out[field] = text
        elif field == "kind":
            if text not in KINDS:
                raise InvalidDecision(f"kind: {text!r} is not one of {', '.join(KINDS)}")
            out[field] = text
        elif field == "unit":
            if text not in UNITS:
                raise InvalidDecision(f"unit: {text!r} is not one of {', '.join(UNITS)}")
            out[field] = text
        elif field == "horizon_years":
            if text and not (text.isdigit() and int(text) <= 200):
                raise InvalidDecision(f"horizon_years: {text!r} is not a whole number of years")
            out[field] = int(text) if text else None
        elif field == "year":
            if not text:
                out[field] = None
                continue
            if not text.isdigit() or not YEARS[0] <= int(text) <= YEARS[1]:
                raise InvalidDecision(f"year: {text!r} is not a year from {YEARS[0]} to {YEARS[1]}")
            out[field] = int(text)
        elif field == "partner":
            if not text:
                out[field] = None  # Pakistan-wide
                continue
            try:
                out[field] = partner_code(text)
            except UnknownPartner:
                raise InvalidDecision(f"partner: {text!r} is not in the registry (data/partners.csv or an ISO3 country code)") from None
    return out


def check_story_change(field: str, value: object) -> dict:
    """A story decision's ``changes``: ``("date", "2025-06-01")`` -> ``{"date": "2025-06-01"}``;
    ``("partners", ["CHN", "Saudi Arabia"])`` -> ``{"partners": ["CHN", "SAU"]}``."""
    from dashboard.filters import UnknownPartner, partner_code

    if field == "date":
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value).strip())
        except ValueError:
            raise InvalidDecision(f"date: {value!r} is not a date (YYYY-MM-DD)") from None
        if not YEARS[0] <= day.year <= YEARS[1]:
            raise InvalidDecision(f"date: {day} is not from {YEARS[0]} to {YEARS[1]}")
        return {"date": day.isoformat()}
    if field == "partners":
        codes = []
        for item in value or ():
            try:
                codes.append(partner_code(str(item)))
            except UnknownPartner:
                raise InvalidDecision(f"partners: {item!r} is not in the registry (data/partners.csv or an ISO3 country code)") from None
        return {"partners": list(dict.fromkeys(codes))}
    raise InvalidDecision(f"{field!r} is not a story field ({', '.join(STORY_FIELDS)})")


def check_event(event: Event) -> Event:
    """An event checked as a whole (actions, fields, values); returns it with normalised changes."""
    try:
        event = replace(event, start=int(event.start), end=int(event.end), seq=int(event.seq), raw=str(event.raw), field=str(event.field))
    except (TypeError, ValueError):
        raise InvalidDecision("span and seq must be whole numbers") from None
    if not isinstance(event.decided_at, datetime) or event.decided_at.tzinfo is None:
        raise InvalidDecision("decided_at: must be a time with its zone (ISO 8601, e.g. 2026-12-01T10:00:00+00:00)")
    if event.target not in ("figure", "story"):
        raise InvalidDecision(f"target: {event.target!r} is not figure or story")
    if event.start < 0 or event.end < event.start:
        raise InvalidDecision("span: start and end must be offsets with start <= end")
    if event.seq < 1:
        raise InvalidDecision("seq: must be 1 or more")
    who = clean_who(event.who)
    if event.action == "undo":
        return replace(event, who=who, changes={}, note=clean_note(event.note))
    if event.target == "figure":
        if event.action not in FIGURE_ACTIONS:
            raise InvalidDecision(f"action: {event.action!r} is not one of {', '.join((*FIGURE_ACTIONS, 'undo'))}")
        if not event.raw:
            raise InvalidDecision("raw: a figure decision names the figure's words")
        changes = check_correction(event.changes) if event.action == "correct" else {}
    else:
        if event.action != "set":
            raise InvalidDecision(f"action: {event.action!r} is not set or undo for a story")
        changes = check_story_change(event.field, (event.changes or {}).get(event.field))
    return replace(event, who=who, changes=changes, note=clean_note(event.note))


# --------------------------------------------------------------------------- replay
def standing(events: list[Event]) -> dict[tuple, tuple[Event | None, int]]:
    """Per key: (its standing decision or None when everything was undone, the key's last seq).
    A standing confirm or correct carries every correction still standing beneath it in ``changes``.

    ``[confirm, reject, undo]`` -> ``(confirm, 3)``; ``[correct kind, confirm]`` -> ``(confirm {kind}, 2)``."""
    by_key: dict[tuple, list[Event]] = {}
    for event in sorted(events, key=lambda e: (e.key, e.seq)):
        by_key.setdefault(event.key, []).append(event)
    out = {}
    for key, stack_events in by_key.items():
        stack: list[Event] = []
        for event in stack_events:
            if event.action == "undo":
                if stack:
                    stack.pop()
            else:
                stack.append(event)
        top = stack[-1] if stack else None
        if top is not None and top.action in ("confirm", "correct"):
            # a confirmation keeps the corrections beneath it: what was confirmed is the corrected figure
            merged = {field: value for event in stack if event.action == "correct" for field, value in event.changes.items()}
            top = replace(top, changes=merged)
        out[key] = (top, stack_events[-1].seq)
    return out


def _attach(figures: pd.DataFrame, keys: list[tuple]) -> tuple[dict[tuple, int], list[tuple]]:
    """Decision keys -> the row (position) of the figure they point at; keys that point at nothing.

    Exact span and words first; else the figure of the same article whose span overlaps most."""
    exact = {
        (a, s, e, r): i
        for i, (a, s, e, r) in enumerate(zip(figures["source"], figures["start"], figures["end"], figures["raw"], strict=True))
    }
    found: dict[tuple, int] = {}
    missing: list[tuple] = []
    by_article: dict[str, list[tuple[int, int, int]]] | None = None
    for key in keys:
        _, owner, _, start, end, raw, _ = key
        if (owner, start, end, raw) in exact:
            found[key] = exact[(owner, start, end, raw)]
            continue
        if by_article is None:
            by_article = {}
            for i, (a, s, e) in enumerate(zip(figures["source"], figures["start"], figures["end"], strict=True)):
                by_article.setdefault(a, []).append((s, e, i))
        overlaps = [(min(end, e) - max(start, s), i) for s, e, i in by_article.get(owner, ()) if min(end, e) > max(start, s)]
        if overlaps:
            found[key] = max(overlaps)[1]
        else:
            missing.append(key)
    return found, missing


STALE_COLUMNS = ["source", "article_id", "raw", "start", "end", "action", "changes", "who", "decided_at", "note", "context"]


def apply(corpus, events: list[Event]):
    """The corpus with ``events`` applied (see the module's docstring); a new corpus.

    The overlay's events (``layer == "overlay"``) are applied first and the store's on top: undoing
    every store decision on a figure shows the overlay's state again."""
    from dashboard.schemas import Corpus

    assert isinstance(corpus, Corpus)
    all_figures = pd.concat([corpus.figures, corpus.rejected], ignore_index=True) if len(corpus.rejected) else corpus.figures
    stories = corpus.stories
    source_of = {a: s for a, s in zip(stories["article_id"], stories["source"], strict=True) if isinstance(a, str) and a}
    present = set(stories["source"])
    events = [e if e.source else replace(e, source=source_of.get(e.article_id, "")) for e in events]
    events = [e for e in events if e.source in present]
    figures = all_figures.reset_index(drop=True)
    n = len(figures)
    review, who, when, notes = ["unreviewed"] * n, [None] * n, [None] * n, [None] * n
    keys = list(figures["review_key"])  # each figure's own key (load.build_base), unless a store decision moved it
    seqs = [0] * n
    changes: dict[int, dict] = {}
    missing_all: list[tuple] = []
    state_all: dict[tuple, tuple[Event | None, int]] = {}
    for layer in ("overlay", "store"):
        state = standing([e for e in events if e.target == "figure" and e.layer == layer])
        state_all.update(state)
        found, missing = _attach(figures, list(state))
        missing_all.extend(missing)
        for key, row in sorted(found.items(), key=lambda item: state[item[0]][1]):
            decision, last_seq = state[key]
            if layer == "store":
                keys[row], seqs[row] = figure_key(key[3], key[4], key[5]), last_seq
            if decision is None:
                continue
            # the overlay's rows carry no time of their own (its Event stamp is a stand-in)
            who[row], when[row], notes[row] = decision.who, (decision.decided_at if layer == "store" else None), decision.note or None
            if decision.action == "reject":
                review[row] = "rejected"
                continue
            # the store's decisions stand on the overlay's corrections of the same figure
            merged = {**(changes.get(row, {}) if layer == "store" else {}), **decision.changes}
            if merged:
                changes[row] = merged
            review[row] = "corrected" if merged else "confirmed"
    figures = figures.assign(
        review=review,
        reviewed_by=who,
        reviewed_at=pd.to_datetime(pd.Series(when, dtype=object), utc=True).astype("datetime64[ns, UTC]"),
        review_note=notes,
        review_key=keys,
        review_seq=seqs,
    )
    for row, change in changes.items():
        for field, value in change.items():
            if field == "partner":
                figures.iat[row, figures.columns.get_loc("partners")] = (value,) if value else ()
                figures.iat[row, figures.columns.get_loc("partner_cue")] = "corrected by a reviewer"
            if field == "kind":
                figures.iat[row, figures.columns.get_loc("kind_cue")] = "corrected by a reviewer"
            figures.iat[row, figures.columns.get_loc(field)] = value if value is not None else (pd.NA if field in ("year", "horizon_years") else None)
    figures = mark_conflicts(figures)
    stale = _stale(state_all, missing_all, stories)
    stories, engagements, story_state = _apply_story_events(corpus, [e for e in events if e.target == "story"])
    return replace(
        corpus,
        figures=figures[figures["review"] != "rejected"].reset_index(drop=True),
        rejected=figures[figures["review"] == "rejected"].reset_index(drop=True),
        stories=stories,
        engagements=engagements,
        stale=stale,
        story_reviews=story_state,
    )


def _stale(state, missing, stories: pd.DataFrame) -> pd.DataFrame:
    """The decisions still standing whose figure is gone, with the words around where it was."""
    rows = []
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for source, start, end, text in zip(stories["source"], stories["start"], stories["end"], stories["text"], strict=True):
        spans.setdefault(source, []).append((start, end, text))
    for key in missing:
        decision, last_seq = state[key]
        if decision is None:  # nothing standing: nothing to look at again
            continue
        source = decision.source
        context = next(
            (" ".join(text[max(0, decision.start - start - 120) : decision.end - start + 120].split())
             for start, end, text in spans.get(source, ()) if start <= decision.start < end),
            "",
        )
        rows.append(
            {
                "source": source, "article_id": decision.article_id or None, "raw": decision.raw, "start": decision.start,
                "end": decision.end, "action": decision.action, "changes": json.dumps(decision.changes, ensure_ascii=False),
                "who": decision.who, "decided_at": decision.decided_at, "note": decision.note, "context": context,
            }
        )
    return pd.DataFrame(rows, columns=STALE_COLUMNS)


def _apply_story_events(corpus, events: list[Event]):
    """Story dates and partners set by reviewers: new (stories, engagements, story_reviews)."""
    stories, engagements = corpus.stories, corpus.engagements
    columns = ["story_id", "field", "value", "who", "decided_at", "seq", "layer"]
    if not events:
        return stories, engagements, pd.DataFrame(columns=columns)
    rows = []
    state = {}
    for layer in ("overlay", "store"):  # the store's decisions on top of the overlay's
        for key, value in standing([e for e in events if e.layer == layer]).items():
            decision, seq = value
            before = state.get(key[1:], (None, 0))[0]
            state[key[1:]] = (decision if decision is not None else before, seq if layer == "store" else 0)
    for key, (decision, last_seq) in state.items():
        source, _, number, _, _, field = key
        rows.append(
            {
                "story_id": f"{source}#{number}", "field": field,
                "value": None if decision is None else decision.changes.get(field),
                "who": None if decision is None else decision.who,
                "decided_at": None if decision is None else decision.decided_at, "seq": last_seq,
                "layer": None if decision is None else decision.layer,
            }
        )
    state = pd.DataFrame(rows, columns=columns)
    standing_rows = state[state["value"].notna()]
    dated = standing_rows[standing_rows["field"] == "date"].set_index("story_id")
    dates, date_layer = dated["value"], dated["layer"].map({"overlay": "overlay", "store": "review"})
    partners = standing_rows[standing_rows["field"] == "partners"].set_index("story_id")["value"]
    if len(dates):
        new_dates = stories["story_id"].map(dates)
        stories = stories.assign(
            published=pd.to_datetime(new_dates).where(new_dates.notna(), stories["published"]).astype(stories["published"].dtype),
            date_source=stories["date_source"].where(new_dates.isna(), stories["story_id"].map(date_layer)),
        )
        story_dates = stories.set_index("story_id")["published"]
        engagements = engagements.assign(published=engagements["story_id"].map(story_dates))
    if len(partners):
        new_partners = engagements["story_id"].map(partners)
        engagements = engagements.assign(
            partners=[list(p) if isinstance(p, list) else old for p, old in zip(new_partners, engagements["partners"], strict=True)]
        )
    return stories, engagements, state


# --------------------------------------------------------------------------- conflicts
def _usd(value: float, currency: str | None, year) -> float | None:
    """A money value in US dollars (None when its currency is not stated or has no rate)."""
    from dashboard.fx import to_usd

    if not currency or currency == "USD":
        return value if currency == "USD" else None
    return to_usd(value, currency, int(year) if pd.notna(year) else None)


def _differ(group: pd.DataFrame, tolerance: float) -> bool:
    """Whether the figures of one group are reports from different stories whose values differ by
    more than ``tolerance`` of the larger (in US dollars when their currencies differ)."""
    if len(group) < 2 or group["story_id"].nunique() < 2:
        return False
    values = group["_amount"]
    if values.isna().any():
        if group["_currency"].nunique() != 1:
            return False
        values = group["value"]
    low, high = float(values.min()), float(values.max())
    return high > 0 and (high - low) / high > tolerance


def mark_conflicts(figures: pd.DataFrame, tolerance: float = CONFLICT_TOLERANCE) -> pd.DataFrame:
    """Add ``conflict`` (an id shared by conflicting figures, ``""`` when none) and ``conflict_open``.

    Figures from different stories for the same metric, partner, kind and year (and unit) conflict
    when their values differ by more than ``tolerance`` of the larger (money compared in US dollars
    when the currencies differ); figures without a year take no part. A rejected figure keeps its
    conflict's id (the conflict was resolved by rejecting it). A conflict is open while the figures
    not rejected still differ and one of them is unreviewed:
    $10bn and $12bn of Chinese investment in 2025 from two outlets -> one open conflict; the $12bn
    rejected -> the same conflict, resolved."""
    conflict = pd.Series("", index=figures.index, dtype=object)
    is_open = pd.Series(False, index=figures.index)
    dated = figures[figures["year"].notna()]
    if len(dated) > 1:
        amount = [
            v if u != "money" else _usd(v, c, y)
            for v, u, c, y in zip(dated["value"], dated["unit"], dated["currency"], dated["year"], strict=True)
        ]
        frame = dated.assign(_partner=dated["partner"].fillna(""), _amount=amount, _currency=dated["currency"].fillna(""))
        for group_key, group in frame.groupby(["metric", "_partner", "kind", "year", "unit"], sort=False):
            if not _differ(group, tolerance):
                continue
            conflict.loc[group.index] = "C-" + _short_hash("|".join(map(str, group_key)))
            standing = group[group["review"] != "rejected"]
            is_open.loc[group.index] = bool(_differ(standing, tolerance) and (standing["review"] == "unreviewed").any())
    return figures.assign(conflict=conflict, conflict_open=is_open.astype(bool))


def _short_hash(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


# --------------------------------------------------------------------------- doubt
def doubts(figures: pd.DataFrame) -> pd.Series:
    """Why each figure deserves a look, as one line (``""`` when nothing is weak):
    ``"kind: no cue word; partner: from the story"``."""
    out = []
    for kind_cue, currency, unit, year, partner_cue, conflict in zip(
        figures["kind_cue"], figures["currency"], figures["unit"], figures["year"], figures["partner_cue"],
        figures["conflict"] if "conflict" in figures else [""] * len(figures), strict=True,
    ):
        reasons = []
        if conflict:
            reasons.append("conflicts with another report")
        if not kind_cue:
            reasons.append("kind: no cue word")
        if unit == "money" and not currency:
            reasons.append("currency: not stated")
        if pd.isna(year):
            reasons.append("year: not stated")
        if isinstance(partner_cue, str) and partner_cue.startswith("the story's counterparty"):
            reasons.append("partner: from the story, not the sentence")
        out.append("; ".join(reasons))
    return pd.Series(out, index=figures.index, dtype=object)


def now() -> datetime:
    return datetime.now(UTC)


# --------------------------------------------------------------------------- what the Review page asks for
def figure_event(figure: pd.Series | dict, action: str, who: str, changes: dict | None = None, note: str = "", batch: str = "") -> Event:
    """The decision ``action`` on one figure (a row of ``Corpus.figures`` or ``Corpus.rejected``),
    written after the last decision the row shows (its ``review_seq``); check it with :func:`check_event`
    (the store does). ``figure_event(row, "correct", "Ann", {"kind": "target"})``."""
    start, end, raw = parse_figure_key(figure["review_key"])
    if not isinstance(figure["article_id"], str) or not figure["article_id"]:
        raise InvalidDecision("only a stored article's figures can be reviewed (this one was read from a file)")
    return Event(figure["article_id"], "figure", start, end, raw, "", int(figure["review_seq"]) + 1, action,
                 dict(changes or {}), who, now(), note, batch, source=figure["source"])


def story_event(corpus, story_id: str, field: str, value: object, who: str, action: str = "set") -> Event:
    """A story's date or partners set (``action="undo"``: the last such decision undone)."""
    story = corpus.stories.set_index("story_id").loc[story_id]
    if not isinstance(story["article_id"], str) or not story["article_id"]:
        raise InvalidDecision("only a stored article's stories can be reviewed (this one was read from a file)")
    state = corpus.story_reviews
    seq = 0
    if len(state):
        mine = state[(state["story_id"] == story_id) & (state["field"] == field)]
        seq = int(mine["seq"].max()) if len(mine) else 0
    number = int(story["story"])
    return Event(story["article_id"], "story", number, number, "", field, seq + 1, action,
                 {field: value} if action == "set" else {}, who, now(), source=story["source"])


def all_figures(corpus) -> pd.DataFrame:
    """Every figure, rejected ones included (the Review page lists them all)."""
    if len(corpus.rejected):
        return pd.concat([corpus.figures, corpus.rejected], ignore_index=True)
    return corpus.figures


def queue(corpus, status: tuple[str, ...] = (), metric: tuple[str, ...] = (), kind: tuple[str, ...] = ()) -> pd.DataFrame:
    """The figures to review, the most doubtful first: open conflicts, then the unreviewed (those
    with more weak cues first), then the reviewed, newest stories first within each. Adds ``doubts``
    (:func:`doubts`). Empty filters keep everything."""
    figures = all_figures(corpus)
    if status:
        figures = figures[figures["review"].isin(status)]
    if metric:
        figures = figures[figures["metric"].isin(metric)]
    if kind:
        figures = figures[figures["kind"].isin(kind)]
    why = doubts(figures)
    ranked = figures.assign(
        doubts=why,
        _open=figures["conflict_open"].astype(bool),
        _unreviewed=figures["review"] == "unreviewed",
        _weak=why.map(lambda text: text.count(";") + 1 if text else 0),
    )
    return (
        ranked.sort_values(["_open", "_unreviewed", "_weak", "published", "story_id", "start"],
                           ascending=[False, False, False, False, True, True], na_position="last", kind="stable")
        .drop(columns=["_open", "_unreviewed", "_weak"])
        .reset_index(drop=True)
    )


def conflicts(corpus) -> pd.DataFrame:
    """One row per figure of a conflict (open ones first): ``conflict, conflict_open`` and the figure's columns."""
    figures = all_figures(corpus)
    found = figures[figures["conflict"] != ""]
    return found.sort_values(["conflict_open", "conflict", "value"], ascending=[False, True, True]).reset_index(drop=True)


def resolution_events(corpus, conflict_id: str, keep: str | list[str], who: str, note: str = "") -> list[Event]:
    """The decisions that resolve one conflict, written together (one batch):

    - ``keep=[figure_id]``: that figure confirmed, the others rejected (one report is right);
    - ``keep="both"``: every figure confirmed (they are different things);
    - ``keep="neither"``: every figure rejected."""
    members = conflicts(corpus)
    members = members[members["conflict"] == conflict_id]
    if members.empty:
        raise InvalidDecision(f"no conflict {conflict_id} in this view")
    if isinstance(keep, list) and not set(keep) <= set(members["figure_id"]):
        raise InvalidDecision("keep names a figure that is not in this conflict")
    batch = f"{conflict_id}-{now():%Y%m%d%H%M%S%f}"
    events = []
    for _, figure in members.iterrows():
        if keep == "both":
            action = "confirm"
        elif keep == "neither":
            action = "reject"
        else:
            action = "confirm" if figure["figure_id"] in keep else "reject"
        if (action == "confirm" and figure["review"] in ("confirmed", "corrected")) or (action == "reject" and figure["review"] == "rejected"):
            continue  # already so: nothing to write
        events.append(figure_event(figure, action, who, note=note or f"conflict {conflict_id} resolved", batch=batch))
    return events


def summary(corpus) -> dict:
    """How much is checked: ``{"figures", "reviewed", "confirmed", "corrected", "rejected", "conflicts", "open_conflicts", "stale"}``."""
    figures = all_figures(corpus)
    counts = figures["review"].value_counts()
    with_conflict = figures[figures["conflict"] != ""]
    return {
        "figures": len(figures),
        "reviewed": int(len(figures) - counts.get("unreviewed", 0)),
        **{status: int(counts.get(status, 0)) for status in ("confirmed", "corrected", "rejected")},
        "conflicts": int(with_conflict["conflict"].nunique()),
        "open_conflicts": int(with_conflict.loc[with_conflict["conflict_open"], "conflict"].nunique()),
        "stale": len(corpus.stale),
    }


# --------------------------------------------------------------------------- a team's decisions as CSV
CSV_COLUMNS = ["article_id", "source", "target", "span_start", "span_end", "raw", "field", "seq", "action", "changes", "note", "who", "decided_at", "batch"]


def events_frame(events: list[Event]) -> pd.DataFrame:
    """Events as the rows of ``reviews export`` (``changes`` as JSON text)."""
    return pd.DataFrame(
        [
            [e.article_id, e.source, e.target, e.start, e.end, e.raw, e.field, e.seq, e.action,
             json.dumps(e.changes, ensure_ascii=False, sort_keys=True), e.note, e.who, e.decided_at.isoformat(), e.batch]
            for e in events
        ],
        columns=CSV_COLUMNS,
    )


def events_from_frame(frame: pd.DataFrame, name: str = "reviews.csv") -> list[Event]:
    """The rows of a ``reviews export`` file as checked events. Raises :class:`InvalidDecision`
    naming the file and line of the first bad row: ``reviews.csv line 3: value: 'abc' is not a number``."""
    missing = [c for c in CSV_COLUMNS if c not in frame.columns]
    if missing:
        raise InvalidDecision(f"{name} line 1: missing columns {', '.join(missing)} (the columns are {', '.join(CSV_COLUMNS)})")
    from dashboard.export import FORMULA_START

    def unguarded(cell: str) -> str:  # export.frame_csv put a quote before a cell that starts a formula
        return cell[1:] if cell[:1] == "'" and cell[1:2] in FORMULA_START else cell

    frame = frame[CSV_COLUMNS].map(lambda cell: unguarded(cell) if isinstance(cell, str) else cell)
    events = []
    for index, row in enumerate(frame.itertuples(index=False), start=2):
        try:
            try:
                changes = json.loads(row.changes) if row.changes else {}
            except ValueError:
                raise InvalidDecision(f"changes: {row.changes!r} is not JSON") from None
            if not isinstance(changes, dict):
                raise InvalidDecision("changes: must be a JSON object")
            try:
                decided_at = datetime.fromisoformat(row.decided_at)
            except ValueError:
                raise InvalidDecision(f"decided_at: {row.decided_at!r} is not an ISO 8601 time") from None
            if not (isinstance(row.article_id, str) and len(row.article_id) == 64):
                raise InvalidDecision("article_id: not an article id (64 hex digits)")
            event = Event(row.article_id.lower(), row.target, row.span_start, row.span_end, row.raw, row.field, row.seq,
                          row.action, changes, row.who, decided_at, row.note, row.batch, source=row.source)
            events.append(check_event(event))
        except InvalidDecision as exc:
            raise InvalidDecision(f"{name} line {index}: {exc}") from None
    return events
