"""Chart builders: pure ``DataFrame -> go.Figure``; every point's hover names its source and quote.

Style constants first. The palette is Okabe-Ito (colour-blind safe); backgrounds are
transparent so charts read in light and dark mode alike.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

# --------------------------------------------------------------------------- style
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]
KIND_COLOURS = {"actual": "#0072B2", "target": "#E69F00", "estimate": "#CC79A7"}
TARGET_FILL = "rgba(230, 159, 0, 0.45)"
MAP_SCALE = [[0.0, "#cfe3f3"], [1.0, "#0072B2"]]
BLOC_MEMBER_COLOUR = "#56B4E9"
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13)
HEIGHT = 420
MAP_HEIGHT = 460
GEO_CENTRE_LON = 30  # keeps the Americas and East Asia on one world view, Pakistan near the centre
MARGIN = dict(l=10, r=10, t=95, b=10)
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


def _layout(fig: go.Figure, title: str, height: int = HEIGHT, **extra) -> go.Figure:
    fig.update_layout(
        title=dict(text=_escape(title), x=0, xanchor="left", y=0.98, yref="container", yanchor="top"),
        font=FONT,
        height=height,
        margin=MARGIN,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text=""),
        hoverlabel=dict(align="left"),
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
    """Choropleth of partner countries.

    ``countries``: ``iso3, name, engagements, figures, themes, via, quote, source`` (via: "" or the bloc
    that brings it in; quote and source: the first story naming it).
    Direct partners are shaded by engagements; countries only there as bloc members are drawn light.
    """
    if countries.empty:
        return empty_figure(title, "No partner country for this filter.")
    fig = go.Figure()
    direct = countries[countries["via"] == ""]
    members = countries[countries["via"] != ""]
    hover = (
        "<b>%{customdata[0]}</b> %{customdata[4]}<br>engagements: %{customdata[1]} · figures: %{customdata[2]}"
        "<br>themes: %{customdata[3]}<br>%{customdata[5]}<extra>%{customdata[6]}</extra>"
    )
    for frame, name, scale, show in (
        (members, "bloc members", [[0, BLOC_MEMBER_COLOUR], [1, BLOC_MEMBER_COLOUR]], False),
        (direct, "partners", MAP_SCALE, True),
    ):
        if frame.empty:
            continue
        fig.add_trace(
            go.Choropleth(
                locations=frame["iso3"],
                z=frame["engagements"],
                name=name,
                colorscale=scale,
                zmin=0,
                zmax=max(1, int(countries["engagements"].max())),
                showscale=show,
                colorbar=dict(title="stories", thickness=12, len=0.6, dtick=1),
                marker_line_color="#ffffff",
                marker_line_width=0.5,
                customdata=provenance(
                    frame.assign(via=frame["via"].map(lambda v: f"(member of {v})" if v else ""), themes=frame["themes"].map(wrap)),
                    "quote", "name", "engagements", "figures", "themes", "via",
                ),
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
        bgcolor="rgba(0,0,0,0)",
        resolution=110,
        fitbounds=False,
        projection_rotation_lon=GEO_CENTRE_LON,
        lonaxis_range=[GEO_CENTRE_LON - 180, GEO_CENTRE_LON + 180],
        lataxis_range=[-58, 85],
    )
    return _layout(fig, title, height=height, clickmode="event+select")


# --------------------------------------------------------------------------- timeline
def timeline(events: pd.DataFrame, figures: pd.DataFrame, title: str = "Engagements over time") -> go.Figure:
    """Engagements by partner over time, one colour per theme; figures on the same time axis.

    ``events``: ``published, partner_name, theme_label, title, source, quote``;
    ``figures``: ``published, partner_name, label, kind, quote, source``.
    """
    if events.empty and figures.empty:
        return empty_figure(title, "No dated story for this filter.")
    fig = go.Figure()
    themes = list(dict.fromkeys(events["theme_label"]))
    for i, theme in enumerate(themes):
        rows = events[events["theme_label"] == theme]
        fig.add_trace(
            go.Scatter(
                x=rows["published"],
                y=rows["partner_name"],
                mode="markers",
                name=theme,
                marker=dict(size=13, color=PALETTE[i % len(PALETTE)], line=dict(width=1, color="#ffffff")),
                customdata=provenance(rows.assign(title=rows["title"].map(wrap)), "quote", "title"),
                hovertemplate="<b>%{customdata[0]}</b><br>%{x|%d %b %Y}<br>%{customdata[1]}<extra>%{customdata[2]}</extra>",
            )
        )
    for kind, rows in figures.groupby("kind", sort=False):
        fig.add_trace(
            go.Scatter(
                x=rows["published"],
                y=rows["partner_name"],
                mode="markers+text",
                name=f"figure ({kind})",
                text=rows["label"],
                textposition=list(rows["textposition"]) if "textposition" in rows else "top center",
                marker=dict(symbol="diamond", size=11, color=KIND_COLOURS.get(kind, PALETTE[-1])),
                customdata=provenance(rows),
                hovertemplate="<b>%{text}</b> " + kind + "<br>%{x|%d %b %Y}<br>%{customdata[0]}<extra>%{customdata[1]}</extra>",
            )
        )
    fig.update_xaxes(title_text="publication date", type="date")
    fig.update_yaxes(title_text="", categoryorder="category descending")
    return _layout(fig, title)


# --------------------------------------------------------------------------- targets
def target_bars(progress: pd.DataFrame, title: str = "Targets against the latest reported value") -> go.Figure:
    """Bullet bars on a percent-of-target axis (so goals in rupees and dollars share one chart):
    each target is a 100% bar, the latest actual a bar at its progress; values are in the text.

    ``progress``: ``label, target, current, progress_pct, target_text, current_text, note, quote, current_quote, source``.
    """
    if progress.empty:
        return empty_figure(title, "No target figure for this filter.")
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=progress["label"],
            x=[100.0] * len(progress),
            orientation="h",
            name="target",
            marker_color=TARGET_FILL,
            marker_line=dict(color=KIND_COLOURS["target"], width=1.5),
            width=0.7,
            text=progress["target_text"],
            textposition="outside",
            customdata=provenance(progress),
            hovertemplate="<b>target %{text}</b><br>%{customdata[0]}<extra>%{customdata[1]}</extra>",
        )
    )
    has_current = progress[progress["current"].notna()]
    fig.add_trace(
        go.Bar(
            y=has_current["label"],
            x=has_current["progress_pct"],
            orientation="h",
            name="current (latest actual)",
            marker_color=KIND_COLOURS["actual"],
            width=0.35,
            text=has_current["current_text"] + " · " + has_current["note"],
            textposition="outside",
            customdata=provenance(has_current, "current_quote", "current_text"),
            hovertemplate="<b>current %{customdata[0]}</b> (%{x:.1f}% of target)<br>%{customdata[1]}<extra>%{customdata[2]}</extra>",
        )
    )
    top = max(100.0, float(has_current["progress_pct"].max()) if len(has_current) else 0.0)
    fig.update_xaxes(title_text="% of target reached", range=[0, top * 1.35], ticksuffix="%")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=max(300, 90 * len(progress) + 160), barmode="overlay")


def target_paths(paths: pd.DataFrame, actuals: pd.DataFrame, title: str = "Path to each target") -> go.Figure:
    """The straight path from the latest actual to the target, with every reported actual on it.

    ``paths``: ``label, x0, y0, x1, y1, text1, quote, source`` (x in years: calendar where known);
    ``actuals``: ``label, x, value, text, quote, source``.
    """
    if paths.empty:
        return empty_figure(title, "No target with a reported current value for this filter.")
    fig = go.Figure()
    for i, row in enumerate(paths.itertuples()):
        colour = PALETTE[i % len(PALETTE)]
        fig.add_trace(
            go.Scatter(
                x=[row.x0, row.x1],
                y=[row.y0, row.y1],
                mode="lines+markers+text",
                name=row.label,
                line=dict(color=colour, dash="dash", width=2),
                marker=dict(size=[8, 14], symbol=["circle", "star"], color=colour),
                text=["", row.text1],
                textposition="top left",
                customdata=[[wrap(row.quote), row.source]] * 2,
                hovertemplate="%{y:.3s}<br>%{customdata[0]}<extra>%{customdata[1]}</extra>",
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
                    text=mine["text"],
                    customdata=provenance(mine),
                    hovertemplate="<b>reported %{text}</b><br>%{customdata[0]}<extra>%{customdata[1]}</extra>",
                )
            )
    fig.update_yaxes(title_text="value", rangemode="tozero")
    fig.update_xaxes(title_text=paths["x_title"].iloc[0], dtick=1 if (paths["x1"] - paths["x0"]).max() <= 12 else None)
    return _layout(fig, title)


def figures_by_metric(figures: pd.DataFrame, title: str = "Figures by metric and kind") -> go.Figure:
    """How many figures each metric has, stacked by kind.

    ``figures``: ``metric_label, kind, count, values`` (the figures, e.g. "$30B, $150B"), ``source`` (their files).
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
                customdata=provenance(rows, "values"),
                hovertemplate="<b>%{x}</b>: %{y} " + kind + "<br>%{customdata[0]}<extra>%{customdata[1]}</extra>",
            )
        )
    fig.update_yaxes(title_text="figures", dtick=1)
    return _layout(fig, title, barmode="stack", height=320)
