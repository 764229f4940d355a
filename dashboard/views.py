"""What each page shows, as data: chart specs (figure + the data behind it + a one-sentence summary).

Pages call one function here each; all pandas work for the views lives here, not in ``pages/``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, review, vocab
from dashboard.charts import format_value
from dashboard.filters import checked_mask, figure_partners
from dashboard.load import Corpus
from dashboard.partners import registry
from dashboard.targets import actuals_for, progress
from dashboard.text import counted, display

PAKISTAN_WIDE = "Pakistan-wide"  # a figure with no partner of its own
NO_PARTNER = "no partner named"  # a story that names none
SOURCE_COLUMNS = ["source", "story_id", "title", "published", "quote", "start", "end"]


@dataclass(frozen=True)
class ChartSpec:
    """A chart with its file name stem, the rows behind it (with source columns) and a text summary.
    The figure is frozen on creation (``charts.FrozenFigure``): specs are cached and drawn on every rerun."""

    name: str
    title: str
    figure: go.Figure
    data: pd.DataFrame
    summary: str
    heading: str = ""  # a subheading drawn above the chart, e.g. "Pakistan-wide, for context"

    def __post_init__(self) -> None:
        if not isinstance(self.figure, charts.FrozenFigure):
            object.__setattr__(self, "figure", charts.FrozenFigure(self.figure))

    @property
    def empty(self) -> bool:
        """Nothing to draw: the page shows the summary (which says why) once, instead of an empty chart."""
        return self.data.empty


def _partner_name(code: object, missing: str = NO_PARTNER) -> str:
    return registry().name(code) if isinstance(code, str) and code else missing


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as people read it: missing text and numbers shown as empty cells, never None, nan or <NA>.

    Text and nullable-integer columns become text (``2030`` or ``""``); other columns are kept."""
    out = {}
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object and values.map(lambda v: isinstance(v, (list, tuple, set, frozenset))).any():
            out[column] = values.map(lambda v: ", ".join(map(display, v)) if isinstance(v, (list, tuple, set, frozenset)) else display(v))
        elif values.dtype == object or pd.api.types.is_string_dtype(values) or isinstance(values.dtype, pd.Int64Dtype):
            out[column] = values.map(display).astype(object)
        elif pd.api.types.is_datetime64_any_dtype(values) and values.isna().any():
            out[column] = values.dt.strftime("%Y-%m-%d").map(display).astype(object)
        elif pd.api.types.is_float_dtype(values) and values.isna().any():
            out[column] = values.map(lambda v: display(v if pd.isna(v) else f"{v:g}")).astype(object)
    return frame.assign(**out) if out else frame


def _figure_label(row: pd.Series) -> str:
    return format_value(row["value"], row["currency"], row["unit"])


# --------------------------------------------------------------------------- review status
CONFLICT_OPEN = "⚠ open"  # the conflict column: some figure of the conflict is still unreviewed
CONFLICT_RESOLVED = "resolved"  # every figure of it was confirmed, corrected or rejected
NOT_REVIEWED = "not yet reviewed"
IN_CONFLICT = "conflicts with another report"
BY_THE_PROJECT = "the project"  # who the overlay's curation (data/overlay.csv) is shown as
REVIEW_COLUMNS = ["review", "reviewed_by", "reviewed_at", "review_note", "conflict", "conflict_id"]


def _by_project(figures: pd.DataFrame) -> pd.Series:
    return figures["reviewed_by"] == review.OVERLAY_WHO


def review_columns(figures: pd.DataFrame, prefix: str = "") -> dict[str, pd.Series]:
    """The review columns every table and export carries, as text (``prefix`` + name):
    ``review`` (unreviewed / confirmed / corrected), ``reviewed_by`` (a name, or ``data/overlay.csv``),
    ``reviewed_at`` (``"2026-12-01 10:00 UTC"``; empty for the overlay, whose rows carry no time),
    ``review_note``, ``conflict`` (``"⚠ open"``, ``"resolved"`` or ``""``) and ``conflict_id``.
    ``figures``: rows of ``Corpus.figures``; not changed."""
    at = figures["reviewed_at"].dt.strftime("%Y-%m-%d %H:%M UTC").where(~_by_project(figures) & figures["reviewed_at"].notna(), "")
    in_conflict = figures["conflict"].fillna("") != ""
    conflict = pd.Series("", index=figures.index, dtype=object).mask(in_conflict, CONFLICT_RESOLVED)
    conflict = conflict.mask(in_conflict & figures["conflict_open"].astype(bool), CONFLICT_OPEN)
    columns = {
        "review": figures["review"].astype(object),
        "reviewed_by": figures["reviewed_by"].map(display).astype(object),
        "reviewed_at": at.astype(object),
        "review_note": figures["review_note"].map(display).astype(object),
        "conflict": conflict,
        "conflict_id": figures["conflict"].fillna("").astype(object),
    }
    return {prefix + name: values for name, values in columns.items()}


def review_text(figures: pd.DataFrame) -> pd.Series:
    """The review line of each figure's hover (plain text; charts escape it): ``"confirmed by Ann,
    2026-12-01"``, ``"corrected by Ann, 2026-12-01"``, ``"checked by the project"`` (``data/overlay.csv``),
    ``"not yet reviewed"``; ``" · conflicts with another report"`` added while its conflict is open."""
    lines = []
    for status, who, at, project, conflict_open in zip(
        figures["review"], figures["reviewed_by"], figures["reviewed_at"], _by_project(figures), figures["conflict_open"], strict=True
    ):
        if status not in ("confirmed", "corrected"):
            line = NOT_REVIEWED
        elif project:
            line = ("checked" if status == "confirmed" else "corrected") + f" by {BY_THE_PROJECT}"
        else:
            line = f"{status} by {display(who) or 'a reviewer'}" + (f", {at:%Y-%m-%d}" if pd.notna(at) else "")
        lines.append(line + (f" · {IN_CONFLICT}" if conflict_open else ""))
    return pd.Series(lines, index=figures.index, dtype=object)


def with_review(figures: pd.DataFrame) -> pd.DataFrame:
    """``figures`` with the hover's ``review_text`` and the table's review columns (:func:`review_columns`)."""
    return figures.assign(review_text=review_text(figures), **review_columns(figures))


def review_metrics(corpus: Corpus) -> list[tuple[str, str, str]]:
    """The Overview's (label, value, help) for how much is checked (``review.summary`` of the filtered
    corpus): ``("Figures reviewed", "5 / 7", "..."), ("Open conflicts", "1", "...")``."""
    counts = review.summary(corpus)
    reviewed = (
        f"{counted(counts['figures'], 'figure')} extracted for this filter; {counts['reviewed']:,} reviewed: "
        f"{counts['confirmed']:,} confirmed, {counts['corrected']:,} corrected, {counts['rejected']:,} rejected "
        "(rejected figures are never charted)."
    )
    conflicts = (
        f"{counted(counts['conflicts'], 'conflict')} between reports of the same metric, partner, kind and year "
        f"(values more than {review.CONFLICT_TOLERANCE:.0%} apart); {counts['open_conflicts']:,} still open: "
        "some figure of it is not yet reviewed."
    )
    return [
        ("Figures reviewed", f"{counts['reviewed']:,} / {counts['figures']:,}", reviewed),
        ("Open conflicts", f"{counts['open_conflicts']:,}", conflicts),
    ]


def checked_note(checked: Corpus, everything: Corpus) -> str:
    """What "Checked figures only" hides (plain text), or ``""`` when it hides nothing:
    ``checked`` is the filtered corpus, ``everything`` the same filter without ``checked_only``."""
    shown, total = len(checked.figures), len(everything.figures)
    if shown == total:
        return ""
    if shown == 0:
        return (f"Checked figures only: none of the {counted(total, 'figure')} for this filter has been confirmed or corrected yet. "
                "Untick “Checked figures only” in the sidebar to see them, or review them on the Review page.")
    return (f"Checked figures only: {shown:,} of {counted(total, 'figure')} for this filter are shown (confirmed or corrected); "
            f"{total - shown:,} not yet reviewed {'is' if total - shown == 1 else 'are'} left out.")


# --------------------------------------------------------------------------- overview
def headline_figures(corpus: Corpus, n: int = 6) -> pd.DataFrame:
    """The figures for the metric cards: reviewed first, then largest, one per metric/kind/partner."""
    figures = corpus.figures
    if figures.empty:
        return figures.assign(label=pd.Series(dtype=str), metric_label=pd.Series(dtype=str), review_text=pd.Series(dtype=str))
    ranked = figures.assign(_reviewed=figures["review"] != "unreviewed", _money=figures["unit"] == "money")
    ranked = ranked.sort_values(["_reviewed", "_money", "value"], ascending=False)
    top = ranked.drop_duplicates(["metric", "kind", "partner"]).head(n)
    return top.assign(
        review_text=review_text(top),
        label=top.apply(_figure_label, axis=1),
        metric_label=top["metric"].map(vocab.metric_label),
        partner_name=top["partner"].map(lambda c: _partner_name(c, PAKISTAN_WIDE)),
        when=[
            " · ".join(x for x in (day, display(outlet) or _short(display(title))) if x)
            for day, outlet, title in zip(
                _story_date(top["published"]), top["story_id"].map(corpus.stories.set_index("story_id")["outlet"]), top["title"], strict=True
            )
        ],
    )[["figure_id", "label", "metric_label", "kind", "partner_name", "published", "when", "source", "title", "quote", "review_text"]]


def _short(text: str, width: int = 60) -> str:
    """``"Pakistan, global crypto exchange discuss modernizing digital payments"`` -> its first words and "…"."""
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def counts(corpus: Corpus) -> dict[str, int]:
    return {"stories": len(corpus.stories), "partners": len(corpus.partners), "figures": len(corpus.figures)}


LATEST = 10  # rows in "Latest engagements"; the caption says "10 of N" when there are more


def latest_engagements(corpus: Corpus, n: int = LATEST) -> pd.DataFrame:
    """The most recent engagements (undated last): date, title, outlet, partners, themes, file."""
    e = corpus.engagements.sort_values("published", ascending=False, na_position="last").head(n)
    return for_display(
        pd.DataFrame(
            {
                "date": e["published"].dt.strftime("%d %b %Y").fillna("undated"),
                "title": e["title"],
                "outlet": e["outlet"],
                "partners": e["partners"].map(lambda codes: ", ".join(_partner_name(c) for c in codes) or NO_PARTNER),
                "themes": e["themes"].map(lambda codes: ", ".join(vocab.theme_label(c) for c in codes[:3])),
                "file": e["source"],
            }
        )
    )


def latest_caption(corpus: Corpus, n: int = LATEST) -> str:
    """``"10 of 1,234 stories, newest first; the Sources page lists them all."`` or, when all fit, ``""``."""
    total = len(corpus.engagements)
    if total <= n:
        return ""
    return f"{n:,} of {counted(total, 'story')}, newest first; the Sources page lists them all."


# --------------------------------------------------------------------------- partners
def map_rows(corpus: Corpus, show_blocs: bool = True) -> pd.DataFrame:
    """Countries to shade: partners named in a story, and (``show_blocs``) members of named blocs.

    ``iso3, name, stories, figures, counts, via, bloc_stories, themes, source, story_id, title, published, quote``:
    ``stories`` and ``figures`` are what the Overview shows with the filter set to that country
    (stories naming it, figures that count for it); ``via`` is "" for a named partner, else the blocs
    that bring it in ("ASEAN"), named in ``bloc_stories`` stories; ``counts`` is the tooltip's line.
    """
    reg = registry()
    rows: dict[str, dict] = {}
    for e in corpus.engagements.itertuples():
        for code in e.partners:
            entity = reg.entities.get(code)  # None: a lender the registry does not know (no territory)
            if entity is None:
                targets = []
            elif entity.type == "country":
                targets = [(code, None)]
            elif entity.type == "bloc" and show_blocs:
                targets = [(member, entity.name) for member in entity.members]
            else:
                targets = []
            for iso3, bloc in targets:
                row = rows.setdefault(
                    iso3,
                    {"iso3": iso3, "name": reg.name(iso3), "stories": 0, "blocs": {}, "themes": set(),
                     "source": e.source, "story_id": e.story_id, "title": e.title, "published": e.published,
                     "quote": e.quotes.get(code, "")},
                )
                if bloc is None:
                    if row["stories"] == 0:  # provenance: the first story naming the country itself
                        row.update(source=e.source, story_id=e.story_id, title=e.title, published=e.published, quote=e.quotes.get(code, ""))
                    row["stories"] += 1
                else:
                    row["blocs"].setdefault(bloc, set()).add(e.story_id)
                row["themes"].update(e.themes)
    figure_counts = figure_partners(corpus.figures).explode().dropna().value_counts()
    columns = ["iso3", "name", "stories", "figures", "counts", "via", "bloc_stories", "themes", *SOURCE_COLUMNS[:5]]
    if not rows:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(list(rows.values()))
    table = table.assign(
        figures=table["iso3"].map(figure_counts).fillna(0).astype(int),
        via=[", ".join(sorted(blocs)) if stories == 0 else "" for blocs, stories in zip(table["blocs"], table["stories"], strict=True)],
        bloc_stories=table["blocs"].map(lambda blocs: len(set().union(*blocs.values())) if blocs else 0),
        themes=table["themes"].map(lambda t: ", ".join(sorted(vocab.theme_label(x) for x in t))),
    )
    return table.assign(counts=table.apply(_map_counts, axis=1))[columns]


def partners_for_country(corpus: Corpus, iso3: str) -> list[str]:
    """What a click on a country of the map filters by: the country when a story names it as a
    partner, else the named blocs it belongs to: ``"MYS"`` -> ``["ASEAN"]``."""
    reg = registry()
    named = set(corpus.partners["code"])
    if iso3 in named:
        return [iso3]
    return sorted(code for code in named if code in reg.entities and iso3 in reg.get(code).members) or [iso3]


def _map_counts(row: pd.Series) -> str:
    """The tooltip's count line: ``"named as a partner in 1 story · 2 figures"`` or, for a bloc member,
    ``"not named itself; member of ASEAN, named in 1 story"``."""
    if row["via"]:
        return f"not named itself; member of {row['via']}, named in {counted(int(row['bloc_stories']), 'story')}"
    line = f"named as a partner in {counted(int(row['stories']), 'story')} · {counted(int(row['figures']), 'figure')}"
    return line + (f"; also in {counted(int(row['bloc_stories']), 'story')} through a bloc" if row["bloc_stories"] else "")


def non_territorial(corpus: Corpus) -> pd.DataFrame:
    """Organisations, companies and (when blocs are not drawn) blocs: they have no territory to shade."""
    p = corpus.partners[corpus.partners["type"] != "country"]
    return p[["code", "name", "type", "n_stories", "n_figures", "members"]].sort_values(["type", "name"])


def map_spec(corpus: Corpus, show_blocs: bool = True, small: bool = False) -> ChartSpec:
    rows = map_rows(corpus, show_blocs)
    direct = rows[rows["via"] == ""]
    members = len(rows) - len(direct)
    names = ", ".join(direct.sort_values("stories", ascending=False)["name"].head(5))
    parts = []
    if len(direct):
        parts.append(f"{counted(len(direct), 'partner country', 'partner countries')} named in the stories ({names}"
                     + (", …" if len(direct) > 5 else "") + ")")
    if members:
        parts.append(f"{counted(members, 'country', 'countries')} drawn as members of partner blocs")
    summary = ("Map of " + " and ".join(parts) + ".") if parts else "No partner country for this filter."
    title = "Partner countries" + (" (blocs drawn through their members)" if show_blocs else "")
    height = charts.SMALL_MAP_HEIGHT if small else charts.MAP_HEIGHT
    return ChartSpec("partner_map", title, charts.partner_map(rows, title, height=height), rows, summary)


# --------------------------------------------------------------------------- timeline
def timeline_rows(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, figures) on the time axis: one event per dated story and partner, coloured by its main theme."""
    e = corpus.engagements[corpus.engagements["published"].notna()]
    events = [
        {
            "published": row.published,
            "partner": code,
            "partner_name": _partner_name(code),
            "theme": row.themes[0] if row.themes else "",
            "theme_label": vocab.theme_label(row.themes[0]) if row.themes else "no theme",
            "themes": ", ".join(vocab.theme_label(t) for t in row.themes),
            "title": row.title,
            "source": row.source,
            "story_id": row.story_id,
            "quote": row.quotes.get(code, ""),
        }
        for row in e.itertuples()
        for code in (row.partners or [None])
    ]
    events_df = pd.DataFrame(events, columns=["published", "partner", "partner_name", "theme", "theme_label", "themes", "title", "source", "story_id", "quote"])
    f = corpus.figures[corpus.figures["published"].notna()]
    figures = with_review(f).assign(  # a figure sits on its own partner's row; a Pakistan-wide one on its own row
        partner_name=f["partner"].map(lambda c: _partner_name(c, PAKISTAN_WIDE)),
        label=f.apply(_figure_label, axis=1) if len(f) else pd.Series(dtype=str),
    )
    return events_df, figures


def undated(corpus: Corpus) -> pd.DataFrame:
    """Stories with no date in their text: listed apart, never placed on a made-up date."""
    e = corpus.engagements[corpus.engagements["published"].isna()]
    return for_display(
        pd.DataFrame(
            {
                "title": e["title"],
                "outlet": e["outlet"],
                "partners": e["partners"].map(lambda codes: ", ".join(_partner_name(c) for c in codes) or NO_PARTNER),
                "figures": e["n_figures"],
                "file": e["source"],
            }
        )
    )


def timeline_spec(corpus: Corpus) -> ChartSpec:
    events, figures = timeline_rows(corpus)
    data = pd.concat(
        [
            events.assign(kind="engagement", value=None, currency=None, unit=None),
            figures.assign(theme_label="figure")[["published", "partner", "partner_name", "theme_label", "title", "source", "story_id", "quote", "kind", "value", "currency", "unit", *REVIEW_COLUMNS]],
        ],
        ignore_index=True,
    )
    n_undated = int(corpus.engagements["published"].isna().sum())
    if len(events):
        first, last = events["published"].min(), events["published"].max()
        span = f"on {first:%d %b %Y}" if first == last else f"from {first:%b %Y} to {last:%b %Y}"
        summary = (
            f"{counted(events['story_id'].nunique(), 'dated story', 'dated stories')} {span} with "
            f"{counted(events['partner_name'].nunique(), 'partner')} and {counted(len(figures), 'dated figure')}"
            + (f"; {counted(n_undated, 'undated story', 'undated stories')} listed below the chart." if n_undated else ".")
        )
    else:
        summary = "No dated story for this filter" + (f"; {counted(n_undated, 'undated story', 'undated stories')} listed below." if n_undated else ".")
    return ChartSpec("timeline", "Engagements over time", charts.timeline(events, figures), data, summary)


# --------------------------------------------------------------------------- targets
def _target_label(row: pd.Series) -> str:
    label = vocab.metric_label(row["metric"])
    return f"{label} · {_partner_name(row['partner'])}" if isinstance(row["partner"], str) else label


def progress_rows(corpus: Corpus) -> pd.DataFrame:
    """``targets.progress`` with labels and texts for the bars and the summary."""
    p = progress(corpus.figures)
    status = with_review(corpus.figures).set_index("figure_id")[["review_text", "conflict_open", *REVIEW_COLUMNS]]
    if p.empty:
        return p.assign(label=[], target_text=[], current_text=[], note=[], current_quote=[], sentence=[],
                        **{name: [] for name in status.columns}, **{f"current_{name}": [] for name in status.columns})
    quotes = corpus.figures.set_index("figure_id")["quote"]
    p = p.assign(
        label=p.apply(_target_label, axis=1),
        **{name: p["figure_id"].map(status[name]) for name in status.columns},
        **{f"current_{name}": p["current_figure_id"].map(status[name]) for name in status.columns},
    )
    p = p.assign(current_conflict_open=p["current_conflict_open"].fillna(False).astype(bool), conflict_open=p["conflict_open"].astype(bool))
    return p.assign(
        target_text=p.apply(
            lambda r: format_value(r["target"], r["currency"], r["unit"])
            + (f" by {int(r['target_year'])}" if pd.notna(r["target_year"]) else "")
            + (f" in {int(r['horizon_years'])} yrs" if pd.notna(r["horizon_years"]) else "")
            + (
                f" · ≈{r['context_share_pct']:.1f}% of {_partner_name(r['partner'])}'s "
                f"{format_value(r['context_value'], r['currency'], r['unit'])} {vocab.metric_label(r['context_metric']).lower()}"
                if pd.notna(r["context_share_pct"]) else ""
            ),
            axis=1,
        ),
        current_text=p.apply(lambda r: format_value(r["current"], r["currency"], r["unit"]), axis=1),
        note=p.apply(
            lambda r: f"{r['progress_pct']:.0f}% of target" + (f" · {r['cagr_pct']:.1f}%/yr needed" if pd.notna(r["cagr_pct"]) else "")
            if pd.notna(r["progress_pct"]) else "",
            axis=1,
        ),
        current_quote=p["current_figure_id"].map(quotes).fillna(""),
        sentence=p.apply(_target_sentence, axis=1),
    )


def _target_sentence(r: pd.Series) -> str:
    """``"Exports: $30B now, $150B targeted in 10 years: 17.5% a year needed"``."""
    label = _target_label(r)
    target = format_value(r["target"], r["currency"], r["unit"])
    when = f" by {int(r['target_year'])}" if pd.notna(r["target_year"]) else (f" in {int(r['horizon_years'])} years" if pd.notna(r["horizon_years"]) else "")
    parts = [f"{label}: " + (f"{format_value(r['current'], r['currency'], r['unit'])} now, " if pd.notna(r["current"]) else "") + f"{target} targeted{when}"]
    if pd.notna(r["cagr_pct"]):
        parts.append(f"{r['cagr_pct']:.1f}% a year needed")
    if pd.notna(r["context_share_pct"]):
        total = format_value(r["context_value"], r["currency"], r["unit"])
        parts.append(f"about {r['context_share_pct']:.1f}% of {_partner_name(r['partner'])}'s {total} ({r['context_relation']})")
    return ": ".join(parts[:2]) + ("; " + "; ".join(parts[2:]) if len(parts) > 2 else "")


def target_specs(corpus: Corpus) -> tuple[ChartSpec, ChartSpec, pd.DataFrame]:
    """(bars, paths, progress table) for the Targets page."""
    p = progress_rows(corpus)
    summary = ". ".join(p["sentence"]) + "." if len(p) else "No target figure for this filter."
    bars = ChartSpec("targets_vs_current", "Targets against the latest reported value", charts.target_bars(p), p, summary)

    with_current = p[p["current"].notna()]
    calendar = bool(len(with_current)) and with_current["target_year"].notna().all() and with_current["current_year"].notna().all()
    paths = pd.DataFrame(
        {
            "label": with_current["label"],
            "x0": with_current["current_year"] if calendar else 0,
            "y0": with_current["current"],
            "x1": with_current["target_year"] if calendar else with_current["years"],
            "y1": with_current["target"],
            "text1": with_current["target_text"],
            "quote": with_current["quote"],
            "source": with_current["source"],
            "x_title": "year" if calendar else "years from the latest reported value",
            "review_text": with_current["review_text"],
            "conflict_open": with_current["conflict_open"],
            **{name: with_current[name] for name in REVIEW_COLUMNS},
        }
    )
    actual = with_review(actuals_for(corpus.figures, with_current))
    if len(actual) and len(with_current):
        base = with_current.assign(_key=with_current["metric"] + with_current["partner"].fillna("")).set_index("_key")
        base = base[~base.index.duplicated()]  # several targets of one series share its reported values
        key = actual["metric"] + actual["partner"].fillna("")
        actual = actual.assign(
            label=key.map(base["label"]),
            x=actual["year_resolved"] if calendar else (actual["year_resolved"] - key.map(base["current_year"])).fillna(0),
            text=actual.apply(_figure_label, axis=1),
        )
    else:
        actual = actual.assign(label=pd.Series(dtype=str), x=pd.Series(dtype=float), text=pd.Series(dtype=str))
    path_summary = (
        "; ".join(f"{r.label}: from {format_value(r.current, r.currency, r.unit)} to {r.target_text}" + (f", {r.cagr_pct:.1f}% a year" if pd.notna(r.cagr_pct) else "") for r in with_current.itertuples())
        + "."
        if len(with_current)
        else "No target with a reported current value for this filter."
    )
    path_data = pd.concat([paths.assign(series="target path"), actual.assign(series="reported")], ignore_index=True)
    paths_spec = ChartSpec("target_paths", "Path to each target", charts.target_paths(paths, actual), path_data, path_summary)
    return bars, paths_spec, p


CONTEXT_HEADING = "Pakistan-wide, for context"


def context_target_spec(corpus: Corpus) -> ChartSpec | None:
    """Under a partner filter: the Pakistan-wide targets of the kept stories, against Pakistan-wide
    actuals, as a chart of their own; none of it counts for the partner. None when there are none."""
    if corpus.context is None or corpus.context.empty:
        return None
    p = progress_rows(replace(corpus, figures=corpus.context, context=None))
    if p.empty:
        return None
    title = "Pakistan-wide targets in these stories"
    summary = "Pakistan-wide figures, shown for context and not counted for the selected partner: " + ". ".join(p["sentence"]) + "."
    return ChartSpec("targets_pakistan_wide", title, charts.target_bars(p, title), p, summary, heading=CONTEXT_HEADING)


HOVER_ITEMS = 12  # a hover lists at most this many figures or files, then says how many more


def _some(items) -> str:
    """``"$30B, $150B"``; past :data:`HOVER_ITEMS` items: ``"$1B, ... and 988 more"``."""
    items = list(items)
    shown = ", ".join(str(i) for i in items[:HOVER_ITEMS])
    return shown + (f" and {len(items) - HOVER_ITEMS:,} more" if len(items) > HOVER_ITEMS else "")


def metric_spec(corpus: Corpus) -> ChartSpec:
    f = corpus.figures
    labelled = f.assign(
        label=f.apply(_figure_label, axis=1) if len(f) else pd.Series(dtype=str),
        _checked=checked_mask(f),
        _open=f["conflict_open"].astype(bool),
    )
    grouped = (
        labelled.groupby(["metric", "kind"], as_index=False)
        .agg(count=("figure_id", "size"), values=("label", _some), source=("source", lambda s: _some(dict.fromkeys(s))),
             checked=("_checked", "sum"), in_conflict=("_open", "sum"))
    )
    grouped = grouped.assign(
        metric_label=grouped["metric"].map(vocab.metric_label),
        review_text=[_checked_line(int(n), int(c), int(o)) for n, c, o in zip(grouped["count"], grouped["checked"], grouped["in_conflict"], strict=True)],
    )
    summary = (
        f"{counted(len(f), 'figure')} in {counted(f['metric'].nunique(), 'metric')}: "
        + ", ".join(f"{r.metric_label} {r.count} {r.kind}" for r in grouped.itertuples())
        + "."
        if len(f) else "No figure for this filter."
    )
    return ChartSpec("figures_by_metric", "Figures by metric and kind", charts.figures_by_metric(grouped), f.assign(**review_columns(f)), summary)


def _checked_line(count: int, checked: int, in_conflict: int) -> str:
    """``"2 of 3 checked · 1 in conflict with another report"``; ``"all checked"`` when every one is."""
    line = "all checked" if checked == count else f"{checked:,} of {count:,} checked"
    return line + (f" · {in_conflict:,} in conflict with another report" if in_conflict else "")


# --------------------------------------------------------------------------- sources
def highlight_segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """Cut ``text`` into (segment, label) pieces; label is the figure's text for a figure span, else None.

    ``highlight_segments("China has $2.7 trillion", [(10, 23, "$2.7T")])`` ->
    ``[("China has ", None), ("$2.7 trillion", "$2.7T")]``
    """
    out, at = [], 0
    for start, end, label in sorted(spans):
        if start < at:
            continue
        if start > at:
            out.append((text[at:start], None))
        out.append((text[start:end], label))
        at = end
    if at < len(text):
        out.append((text[at:], None))
    return out


def story_segments(corpus: Corpus, story_id: str) -> list[tuple[str, str | None]]:
    """A story's text (furniture removed) cut around its figures, for highlighting in place."""
    story = corpus.stories.set_index("story_id").loc[story_id]
    figs = corpus.figures[corpus.figures["story_id"] == story_id]
    spans = [
        (int(r.start) - int(story["start"]), int(r.end) - int(story["start"]), f"{_figure_label(pd.Series(r._asdict()))} {r.kind}")
        for r in figs.itertuples()
    ]
    return [(seg, label) for seg, label in highlight_segments(story["text"], spans)]


def figure_table(corpus: Corpus, context: bool = False) -> pd.DataFrame:
    """All figures with their quotes and stories (date, title, outlet; the file last, as a detail): the
    provenance behind every number in every chart (``context``: the Pakistan-wide figures kept for
    context under a partner filter)."""
    f = (corpus.context if corpus.context is not None else corpus.figures.iloc[0:0]) if context else corpus.figures
    outlets = corpus.stories.set_index("story_id")["outlet"]
    return for_display(pd.DataFrame(
        {
            "figure": f.apply(_figure_label, axis=1) if len(f) else pd.Series(dtype=str),
            "kind": f["kind"],
            "metric": f["metric"].map(vocab.metric_label),
            "partner": f["partner"].map(lambda c: _partner_name(c, PAKISTAN_WIDE)),
            "year": f["year"],
            "horizon_years": f["horizon_years"],
            "quote": f["quote"],
            "date": _story_date(f["published"]),
            "story": f["title"],
            "outlet": f["story_id"].map(outlets),
            "raw": f["raw"],
            **{name: values for name, values in review_columns(f).items() if name != "conflict_id"},
            "file": f["source"],
            "start": f["start"],
            "end": f["end"],
            "figure_id": f["figure_id"],
        }
    ))


def _story_date(published: pd.Series) -> pd.Series:
    return published.dt.strftime("%d %b %Y").fillna("undated")


def story_options(corpus: Corpus) -> pd.DataFrame:
    """``story_id, label, date, title, outlet, source`` per story, newest first; the label is
    ``"05 Dec 2025 · <title> · <outlet>"`` (the file name only when there is no title)."""
    s = corpus.stories.sort_values("published", ascending=False, na_position="last")
    title = s["title"].map(display)
    outlet = s["outlet"].map(display)
    label = [
        " · ".join(x for x in (d, t or f"untitled story in {src}", o) if x)
        for d, t, o, src in zip(_story_date(s["published"]), title, outlet, s["source"], strict=True)
    ]
    return pd.DataFrame({"story_id": s["story_id"], "label": label, "date": _story_date(s["published"]), "title": title,
                         "outlet": outlet, "source": s["source"]})


def story_table(corpus: Corpus) -> pd.DataFrame:
    """Every story for the Sources page: date, title, outlet, its figures, how many of those shown are
    checked (confirmed or corrected) and in an open conflict, and the file (a detail, last)."""
    o = story_options(corpus)
    n_figures = corpus.engagements.set_index("story_id")["n_figures"]
    f = corpus.figures
    checked = f.loc[checked_mask(f), "story_id"].value_counts()
    in_conflict = f.loc[f["conflict_open"].astype(bool), "story_id"].value_counts()
    return for_display(pd.DataFrame({"date": o["date"], "title": o["title"], "outlet": o["outlet"],
                                     "figures": o["story_id"].map(n_figures).fillna(0).astype(int),
                                     "checked": o["story_id"].map(checked).fillna(0).astype(int),
                                     "open conflicts": o["story_id"].map(in_conflict).fillna(0).astype(int), "file": o["source"]}))


def story_labels(corpus: Corpus) -> dict[str, str]:
    """``{story_id: label}`` for the story picker."""
    options = story_options(corpus)
    return dict(zip(options["story_id"], options["label"], strict=True))


def story_caption(corpus: Corpus, story_id: str) -> str:
    """``"Dawn · 05 Dec 2025 · file 000_x.txt"`` for a story (plain text: escape it before Markdown)."""
    row = story_options(corpus).set_index("story_id").loc[story_id]
    outlet = row["outlet"] or "outlet not named in the text"
    story = corpus.stories.set_index("story_id").loc[story_id, "story"]
    return f"{outlet} · {row['date']} · file {row['source']}" + (f" (story {int(story) + 1} in it)" if story else "")


# --------------------------------------------------------------------------- all charts of a page
def page_specs(corpus: Corpus, page: str, show_blocs: bool = True) -> list[ChartSpec]:
    """The charts a page shows (used by the page, its zip download and the export command)."""
    if page == "overview":
        return [map_spec(corpus, show_blocs, small=True), metric_spec(corpus)]
    if page == "targets":
        bars, paths, _ = target_specs(corpus)
        context = context_target_spec(corpus)
        return [bars, paths] + ([context] if context else [])
    if page == "partners":
        return [map_spec(corpus, show_blocs)]
    if page == "timeline":
        return [timeline_spec(corpus)]
    if page == "sources":
        return []
    raise KeyError(f"unknown page {page!r}")


PAGES = ("overview", "targets", "partners", "timeline", "sources")


def sources_csv(corpus: Corpus) -> pd.DataFrame:
    """``sources.csv``: every figure with its story, quote and offsets, and its review
    (:func:`review_columns`: status, who, when, note, conflict)."""
    f = corpus.figures
    columns = ["figure_id", "source", "story_id", "title", "published", "value", "currency", "unit", "metric", "kind", "year", "horizon_years", "partner", "raw", "quote", "start", "end"]
    return f[columns].assign(**review_columns(f))
