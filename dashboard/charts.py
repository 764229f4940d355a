"""Chart builders: pure ``DataFrame -> go.Figure``; every point's hover names its source and quote.

Style constants first. The palette is Okabe-Ito (colour-blind safe). Every figure carries
``TEMPLATE`` (white background, the app's font, margins that grow to fit labels), so the chart in the
app, its PNG/SVG/HTML download, the zip and the CLI export are one and the same picture.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard import vocab

# --------------------------------------------------------------------------- style
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]
KIND_COLOURS = {"actual": "#0072B2", "target": "#E69F00", "estimate": "#CC79A7"}
TARGET_FILL = "rgba(230, 159, 0, 0.45)"
MAP_SCALE = [[0.0, "#7fb3d9"], [1.0, "#08306b"]]  # partners named in a story: darker = more stories
BLOC_MEMBER_COLOUR = "#f2d28c"  # a member of a bloc named in a story: another hue, not a pale "fraction"
NO_THEME_COLOUR = "#bbbbbb"
# A figure in an open conflict (another report of the same metric, partner, kind and year differs):
# a thick ring around its marker, in a colour no theme or kind uses, with its own legend entry.
CONFLICT_NAME = "in conflict with another report"
CONFLICT_COLOUR = "#B2182B"
CONFLICT_MARKER = dict(symbol="circle-open", size=19, color=CONFLICT_COLOUR, line=dict(width=2, color=CONFLICT_COLOUR))
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13, color="#262730")
GRID = "#e6e6e6"
HEIGHT = 420
MAP_HEIGHT = 560
SMALL_MAP_HEIGHT = 420
# The map is cut at GEO_CENTRE_LON ± 180: at 11°E that is 169°W, in the Bering Strait, so neither
# Alaska nor Chukotka is split; Pakistan stays in view right of centre.
GEO_CENTRE_LON = 11
MARGIN = dict(l=10, r=10, t=60, b=10)  # the minimum; automargin grows it to fit the title, labels and legend
# The legend sits at the foot of the figure (container coordinates): however many rows it wraps
# to, the margin grows to hold it, and it never runs into the title.
LEGEND = dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0, xanchor="left", title_text="")
# One template of our own, set on every figure: the same look whether or not Streamlit (which
# changes plotly's process-wide default) was imported, so app, CLI and zip images are identical.
TEMPLATE = go.layout.Template(
    layout=dict(
        font=FONT,
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=dict(automargin=True, gridcolor=GRID, zerolinecolor=GRID, linecolor="#bbbbbb", ticks="outside", tickcolor="#bbbbbb", title=dict(standoff=8)),
        yaxis=dict(automargin=True, gridcolor=GRID, zerolinecolor=GRID, linecolor="#bbbbbb", title=dict(standoff=8)),
        title=dict(font=dict(size=17), automargin=True),
        legend=dict(font=dict(size=12)),
        hoverlabel=dict(align="left", font=dict(family=FONT["family"], size=12)),
        geo=dict(bgcolor="white"),
    )
)
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "PKR": "Rs ", "AED": "AED ", "CNY": "¥", "INR": "₹"}
WRAP = 90
SCALE_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


class FrozenFigure(go.Figure):
    """A finished figure whose ``to_dict()`` is worked out once and reused: Streamlit serialises
    every chart on every rerun, and plotly's ``to_dict`` deep-copies it each time. Build it last
    (``FrozenFigure(fig)``) and do not change it afterwards."""

    def to_dict(self) -> dict:
        cached = self.__dict__.get("_frozen_dict")
        if cached is None:
            cached = super().to_dict()
            self.__dict__["_frozen_dict"] = cached
        return cached


# --------------------------------------------------------------------------- formats
def format_value(value: float | None, currency: str | None = "USD", unit: str = "money") -> str:
    """Numbers people read: ``(1.5e11, "USD") -> "$150B"``, ``(2.7e12, "USD") -> "$2.7T"``, ``(17.46, None, "percent") -> "17.5%"``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "percent":
        return f"{value:.1f}%".replace(".0%", "%")
    size, suffix = next(((s, x) for s, x in SCALE_SUFFIXES if abs(value) >= s), (1, ""))
    number = f"{value / size:.2f}".rstrip("0").rstrip(".") if suffix else f"{value:,.0f}"
    symbol = CURRENCY_SYMBOLS.get(currency or "", f"{currency} " if currency else "")
    return f"{symbol}{number}{suffix}"


def wrap(text: str | None, width: int = WRAP) -> str:
    """Hover-friendly text: lines of at most ``width`` characters joined with ``<br>``."""
    if not text:
        return ""
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(_escape(x) for x in lines)


def provenance(rows: pd.DataFrame, quote: str = "quote", *first: str) -> list:
    """Hover data that traces each point to its sentence: ``[*first columns, wrapped quote, source]``."""
    return pd.DataFrame({**{c: rows[c] for c in first}, "q": rows[quote].map(wrap), "s": rows["source"]}).to_numpy()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escaped(values: pd.Series) -> pd.Series:
    """Article or user text (partner names, reviewers' names) as hover text: escaped, missing as ""."""
    return values.map(lambda v: _escape(v) if isinstance(v, str) else "")


def conflict_rings(x, y, open_: pd.Series | list[bool]) -> go.Scatter | None:
    """The conflict mark: a ring around each point whose figure is in an open conflict, with its
    legend entry (:data:`CONFLICT_NAME`); hovering passes through to the figure itself. None when no
    point is in an open conflict."""
    keep = [bool(o) for o in open_]
    if not any(keep):
        return None
    xs = [v for v, k in zip(x, keep, strict=True) if k]
    ys = [v for v, k in zip(y, keep, strict=True) if k]
    return go.Scatter(x=xs, y=ys, mode="markers", name=CONFLICT_NAME, marker=CONFLICT_MARKER, hoverinfo="skip", showlegend=True)


def _layout(fig: go.Figure, title: str, height: int = HEIGHT, **extra) -> go.Figure:
    fig.update_layout(
        template=TEMPLATE,
        title=dict(text=_escape(title), x=0, xanchor="left", y=0.98, yref="container", yanchor="top", pad=dict(l=8)),
        height=height,
        margin=MARGIN,
        legend=LEGEND,
        **extra,
    )
    return fig


def empty_figure(title: str, message: str) -> go.Figure:
    """A chart that says why it is empty rather than drawing nothing."""
    fig = go.Figure()
    fig.add_annotation(text=_escape(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, height=220)


# --------------------------------------------------------------------------- map
def partner_map(countries: pd.DataFrame, title: str = "Partner countries", height: int = MAP_HEIGHT) -> go.Figure:
    """Choropleth of partner countries, with a legend for its two kinds of shading.

    ``countries``: ``iso3, name, stories, figures, counts, themes, via, quote, source``; ``via`` is ""
    for a country named as a partner, else the bloc(s) that bring it in; ``counts`` is the tooltip's
    count line (the Overview's numbers for that country). Named partners are shaded by their stories;
    countries there only as members of a named bloc get one other colour.
    """
    if countries.empty:
        return empty_figure(title, "No partner country for this filter.")
    fig = go.Figure()
    direct = countries[countries["via"] == ""]
    members = countries[countries["via"] != ""]
    hover = "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>themes: %{customdata[2]}<br>%{customdata[3]}<extra>%{customdata[4]}</extra>"
    top = max(1, int(direct["stories"].max())) if len(direct) else 1
    for frame, name, scale, colourbar in (
        (members, "member of a bloc named in a story", [[0, BLOC_MEMBER_COLOUR], [1, BLOC_MEMBER_COLOUR]], False),
        (direct, "partner named in a story (darker: more stories)", MAP_SCALE, True),
    ):
        if frame.empty:
            continue
        fig.add_trace(
            go.Choropleth(
                locations=frame["iso3"],
                z=frame["stories"] if colourbar else [1] * len(frame),
                name=name,
                colorscale=scale,
                zmin=0.5 if colourbar else 0,
                zmax=top + 0.5 if colourbar else 1,
                showscale=colourbar and top > 1,
                showlegend=True,
                colorbar=dict(title=dict(text="stories", side="top"), thickness=12, len=0.5, dtick=1 if top <= 10 else None, tickformat=",d", x=1.0, y=0.5),
                marker_line_color="#ffffff",
                marker_line_width=0.5,
                customdata=provenance(frame.assign(themes=frame["themes"].map(wrap)), "quote", "name", "counts", "themes"),
                hovertemplate=hover,
            )
        )
    fig.update_geos(
        projection_type="natural earth",
        showcountries=True,
        countrycolor="#bbbbbb",
        showland=True,
        landcolor="#eeeeee",
        showframe=False,
        showocean=False,
        bgcolor="white",
        resolution=110,  # the country shapes in static/world_110m.json (Alaska is part of the USA there)
        fitbounds=False,
        projection_rotation_lon=GEO_CENTRE_LON,
        lonaxis_range=[GEO_CENTRE_LON - 180, GEO_CENTRE_LON + 180],
        lataxis_range=[-58, 85],
    )
    return _layout(fig, title, height=height, clickmode="event+select")


# --------------------------------------------------------------------------- timeline
STACK_STEP = 0.2  # vertical gap, in partner rows, between markers sharing one day and partner
MIN_DATE_PAD = pd.Timedelta(days=20)  # a single dated story still gets a readable date axis


def _stack_offsets(keys: pd.DataFrame) -> pd.Series:
    """Offsets that spread markers sharing a (day, row) around the row's line: 1 -> [0]; 3 -> [-0.2, 0, 0.2]."""
    group = keys.groupby(["day", "row"], sort=False)
    rank, size = group.cumcount(), group["row"].transform("size")
    step = (0.8 / size).clip(upper=STACK_STEP)
    return (rank - (size - 1) / 2) * step


def timeline(events: pd.DataFrame, figures: pd.DataFrame, title: str = "Engagements over time") -> go.Figure:
    """Engagements by partner over time, one fixed colour per theme (``data/themes.csv``), figures as
    diamonds coloured by kind on the same axis. Markers of one day and partner are stacked, not hidden.

    ``events``: ``published, partner_name, theme, theme_label, title, source, quote``;
    ``figures``: ``published, partner_name, label, kind, quote, source, review_text`` (its review, in
    the hover) and ``conflict_open`` (ringed: :func:`conflict_rings`).
    """
    if events.empty and figures.empty:
        return empty_figure(title, "No dated story for this filter.")
    fig = go.Figure()
    names = sorted(set(events["partner_name"]) | set(figures["partner_name"]))
    row = {name: len(names) - 1 - i for i, name in enumerate(names)}  # first name on top
    both = pd.concat([events[["published", "partner_name"]], figures[["published", "partner_name"]]], ignore_index=True)
    offsets = _stack_offsets(pd.DataFrame({"day": both["published"].dt.normalize(), "row": both["partner_name"].map(row)}))
    y = both["partner_name"].map(row) + offsets
    events = events.assign(_y=y.iloc[: len(events)].to_numpy())
    figures = figures.assign(_y=y.iloc[len(events):].to_numpy())
    for theme, rows in events.groupby("theme", sort=False):
        fig.add_trace(
            go.Scatter(
                x=rows["published"],
                y=rows["_y"],
                mode="markers",
                name=rows["theme_label"].iloc[0],
                marker=dict(size=13, color=vocab.theme_colour(theme) or NO_THEME_COLOUR, line=dict(width=1, color="#ffffff")),
                customdata=provenance(rows.assign(title=rows["title"].map(wrap), partner_name=_escaped(rows["partner_name"])), "quote", "title", "partner_name"),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]} · %{x|%d %b %Y}<br>%{customdata[2]}<extra>%{customdata[3]}</extra>",
            )
        )
    for kind, rows in figures.groupby("kind", sort=False):
        fig.add_trace(
            go.Scatter(
                x=rows["published"],
                y=rows["_y"],
                mode="markers+text",
                name=f"figure ({kind})",
                text=_escaped(rows["label"]),
                textposition="middle right",
                marker=dict(symbol="diamond", size=11, color=KIND_COLOURS.get(kind, PALETTE[-1]), line=dict(width=1, color="#ffffff")),
                customdata=provenance(rows.assign(partner_name=_escaped(rows["partner_name"]), review_text=_escaped(rows["review_text"])),
                                      "quote", "partner_name", "review_text"),
                hovertemplate="<b>%{text}</b> " + kind
                + "<br>%{customdata[0]} · %{x|%d %b %Y}<br><i>%{customdata[1]}</i><br>%{customdata[2]}<extra>%{customdata[3]}</extra>",
            )
        )
    if len(figures) and (rings := conflict_rings(figures["published"], figures["_y"], figures["conflict_open"])):
        fig.add_trace(rings)
    first, last = both["published"].min(), both["published"].max()
    pad = max((last - first) * 0.06, MIN_DATE_PAD)
    fig.update_xaxes(title_text="publication date", type="date", range=[first - pad, last + pad + (last - first) * 0.08])
    fig.update_yaxes(
        title_text="", tickvals=list(row.values()), ticktext=list(row), range=[-0.6, len(names) - 0.4], showgrid=True, zeroline=False
    )
    return _layout(fig, title, height=max(HEIGHT, 70 * len(names) + 200), showlegend=True)  # a lone theme still says its name


# --------------------------------------------------------------------------- targets
def target_bars(progress: pd.DataFrame, title: str = "Targets against the latest reported value") -> go.Figure:
    """Bullet bars on a percent-of-target axis (so goals in rupees and dollars share one chart):
    each target is a 100% bar, the latest actual a bar at its progress. The target's text sits on its
    own line above the bar, from the left edge, and the current value's text inside its bar when it
    fits, else just after it, so no label runs off the chart at any usual width.

    ``progress``: ``label, target, current, progress_pct, target_text, current_text, note, quote, current_quote, source``,
    and each figure's review for the hover and the conflict ring: ``review_text, conflict_open`` (the
    target's), ``current_review_text, current_conflict_open`` (the current value's).
    """
    if progress.empty:
        return empty_figure(title, "No target figure for this filter.")
    progress = progress.assign(
        target_text=_escaped(progress["target_text"]), current_text=_escaped(progress["current_text"]),
        review_text=_escaped(progress["review_text"]), current_review_text=_escaped(progress["current_review_text"]),
        _row=range(len(progress)),  # one row per target, even when two share a label (two goals for one series)
    )
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=progress["_row"],
            x=[100.0] * len(progress),
            orientation="h",
            name="target",
            marker_color=TARGET_FILL,
            marker_line=dict(color=KIND_COLOURS["target"], width=1.5),
            width=0.6,
            customdata=provenance(progress, "quote", "target_text", "review_text"),
            hovertemplate="<b>target %{customdata[0]}</b><br><i>%{customdata[1]}</i><br>%{customdata[2]}<extra>%{customdata[3]}</extra>",
        )
    )
    has_current = progress[progress["current"].notna()]
    fig.add_trace(
        go.Bar(
            y=has_current["_row"],
            x=has_current["progress_pct"],
            orientation="h",
            name="current (latest actual)",
            marker_color=KIND_COLOURS["actual"],
            width=0.3,
            text=has_current["current_text"] + " · " + has_current["note"].map(_escape),
            textposition="auto",
            insidetextanchor="end",
            textfont=dict(size=12),
            cliponaxis=False,
            customdata=provenance(has_current, "current_quote", "current_text", "current_review_text"),
            hovertemplate="<b>current %{customdata[0]}</b> (%{x:.1f}% of target)<br><i>%{customdata[1]}</i><br>%{customdata[2]}<extra>%{customdata[3]}</extra>",
        )
    )
    rings = conflict_rings(  # at the end of each bar whose figure is in an open conflict
        [100.0] * len(progress) + list(has_current["progress_pct"]),
        list(progress["_row"]) + list(has_current["_row"]),
        list(progress["conflict_open"]) + list(has_current["current_conflict_open"]),
    )
    if rings:
        fig.add_trace(rings)
    for i, text in enumerate(progress["target_text"]):
        fig.add_annotation(
            x=0, y=i - 0.31, xref="x", yref="y", text="<b>target</b> " + text, showarrow=False,
            xanchor="left", yanchor="bottom", align="left", font=dict(size=12),
        )
    top = max(100.0, float(has_current["progress_pct"].max()) if len(has_current) else 0.0)
    fig.update_xaxes(title_text="% of target reached", range=[0, top * 1.1], ticksuffix="%")
    fig.update_yaxes(autorange="reversed", tickvals=list(progress["_row"]), ticktext=list(_escaped(progress["label"])), showgrid=False)
    return _layout(fig, title, height=max(300, 100 * len(progress) + 160), barmode="overlay")


PATH_STEPS = 24  # points on each compound path: smooth at any width


def compound_path(x0: float, y0: float, x1: float, y1: float, steps: int = PATH_STEPS) -> tuple[list[float], list[float]]:
    """The constant-yearly-growth path from (x0, y0) to (x1, y1): ``y = y0 * (y1/y0) ** ((x-x0)/(x1-x0))``.

    ``compound_path(0, 30e9, 10, 150e9)`` passes 67.1e9 at x=5 (17.5%/yr), not the straight line's 90e9.
    A zero or negative start, or no time between, gives the two end points only.
    """
    if not (y0 > 0 and y1 > 0 and x1 > x0):
        return [x0, x1], [y0, y1]
    xs = [x0 + (x1 - x0) * k / steps for k in range(steps + 1)]
    return xs, [y0 * (y1 / y0) ** ((x - x0) / (x1 - x0)) for x in xs]


def target_paths(paths: pd.DataFrame, actuals: pd.DataFrame, title: str = "Path to each target") -> go.Figure:
    """The compound-growth path (the %/yr the caption names) from the latest actual to the target,
    with every reported actual on it.

    ``paths``: ``label, x0, y0, x1, y1, text1, quote, source`` (x in years: calendar where known);
    ``actuals``: ``label, x, value, text, quote, source``; both with ``review_text, conflict_open``
    (the target's, the actual's): in the hover, and a ring (:func:`conflict_rings`) while in conflict.
    """
    if paths.empty:
        return empty_figure(title, "No target with a reported current value for this filter.")
    fig = go.Figure()
    for i, row in enumerate(paths.itertuples()):
        colour = PALETTE[i % len(PALETTE)]
        xs, ys = compound_path(float(row.x0), float(row.y0), float(row.x1), float(row.y1))
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers+text",
                name=_escape(row.label),
                line=dict(color=colour, dash="dash", width=2),
                marker=dict(size=[8] + [0] * (len(xs) - 2) + [14], symbol=["circle"] * (len(xs) - 1) + ["star"], color=colour),
                text=[""] * (len(xs) - 1) + [_escape(row.text1)],
                textposition="top left",
                customdata=[[wrap(row.quote), row.source, _escape(row.review_text) if isinstance(row.review_text, str) else ""]] * len(xs),
                hovertemplate="%{y:.3s}<br><i>target: %{customdata[2]}</i><br>%{customdata[0]}<extra>%{customdata[1]}</extra>",
            )
        )
        mine = actuals[actuals["label"] == row.label]
        if not mine.empty:
            fig.add_trace(
                go.Scatter(
                    x=mine["x"],
                    y=mine["value"],
                    mode="markers",
                    name=f"{row.label}: reported",
                    showlegend=False,
                    marker=dict(size=11, color=colour, line=dict(width=2, color="#ffffff")),
                    text=_escaped(mine["text"]),
                    customdata=provenance(mine.assign(review_text=_escaped(mine["review_text"])), "quote", "review_text"),
                    hovertemplate="<b>reported %{text}</b><br><i>%{customdata[0]}</i><br>%{customdata[1]}<extra>%{customdata[2]}</extra>",
                )
            )
    rings = conflict_rings(
        [*paths["x1"], *actuals["x"]], [*paths["y1"], *actuals["value"]], [*paths["conflict_open"], *actuals["conflict_open"]]
    )
    if rings:
        fig.add_trace(rings)
    fig.update_yaxes(title_text="value", rangemode="tozero")
    fig.update_xaxes(title_text=paths["x_title"].iloc[0], dtick=1 if (paths["x1"] - paths["x0"]).max() <= 12 else None)
    return _layout(fig, title)


def figures_by_metric(figures: pd.DataFrame, title: str = "Figures by metric and kind") -> go.Figure:
    """How many figures each metric has, stacked by kind.

    ``figures``: ``metric_label, kind, count, values`` (the figures, e.g. "$30B, $150B"), ``source`` (their
    files), ``review_text`` (how many are checked, e.g. "1 of 2 checked").
    """
    if figures.empty:
        return empty_figure(title, "No figure for this filter.")
    fig = go.Figure()
    for kind, rows in figures.groupby("kind", sort=False):
        fig.add_trace(
            go.Bar(
                x=rows["metric_label"],
                y=rows["count"],
                name=kind,
                marker_color=KIND_COLOURS.get(kind, PALETTE[-1]),
                customdata=provenance(rows.assign(review_text=_escaped(rows["review_text"])), "values", "review_text"),
                hovertemplate="<b>%{x}</b>: %{y} " + kind + "<br>%{customdata[1]}<br><i>%{customdata[0]}</i><extra>%{customdata[2]}</extra>",
            )
        )
    # whole-number ticks; one per count only while counts are few (a tick per figure of a thousand
    # articles took the browser most of a minute to lay out)
    top = figures.groupby("metric_label")["count"].sum().max()
    fig.update_yaxes(title_text="figures", dtick=1 if top <= 10 else None, tickformat=",d", rangemode="tozero")
    return _layout(fig, title, barmode="stack", height=320)
