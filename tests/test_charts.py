import pandas as pd
import pytest

from dashboard import charts


@pytest.mark.parametrize(
    ("value", "currency", "unit", "text"),
    [
        (1.5e11, "USD", "money", "$150B"),
        (2.7e12, "USD", "money", "$2.7T"),
        (4.5e10, "PKR", "money", "Rs 45B"),
        (9.5e9, "AED", "money", "AED 9.5B"),
        (6.12e8, "USD", "money", "$612M"),
        (500, "USD", "money", "$500"),
        (17.46, None, "percent", "17.5%"),
        (20.0, None, "percent", "20%"),
        (3e9, "KZT", "money", "KZT 3B"),
        (None, "USD", "money", "–"),
    ],
)
def test_format_value(value, currency, unit, text):
    assert charts.format_value(value, currency, unit) == text


def test_wrap_escapes_and_breaks():
    assert charts.wrap("<b>" + "word " * 30, width=20).count("<br>") >= 5
    assert "&lt;b&gt;" in charts.wrap("<b>bold</b>")


def test_partner_map_traces():
    rows = pd.DataFrame(
        {"iso3": ["CHN", "MYS"], "name": ["China", "Malaysia"], "engagements": [2, 1], "figures": [1, 0],
         "themes": ["AI", "Trade"], "via": ["", "ASEAN"], "quote": ["China q", "ASEAN q"], "source": ["c.txt", "a.txt"]}
    )
    fig = charts.partner_map(rows)
    assert [t.type for t in fig.data] == ["choropleth", "choropleth"]
    assert list(fig.data[1].locations) == ["CHN"] and list(fig.data[0].locations) == ["MYS"]
    assert fig.data[1].showscale and not fig.data[0].showscale
    assert "member of ASEAN" in str(fig.data[0].customdata[0])
    assert list(fig.data[1].customdata[0][-2:]) == ["China q", "c.txt"]  # hover traces to the sentence


def test_empty_inputs_say_why():
    fig = charts.partner_map(pd.DataFrame(columns=["iso3", "name", "engagements", "figures", "themes", "via", "quote", "source"]))
    assert "No partner country" in fig.layout.annotations[0].text
    assert len(fig.data) == 0


def test_target_bars_show_current_only_where_reported():
    p = pd.DataFrame(
        {"label": ["Exports", "Exports · China"], "target": [150e9, 50e9], "current": [30e9, None], "progress_pct": [20.0, None],
         "target_text": ["$150B", "$50B"], "current_text": ["$30B", "–"], "note": ["20% there", ""],
         "quote": ["q1", "q2"], "current_quote": ["c1", ""], "source": ["s", "s"]}
    )
    fig = charts.target_bars(p)
    target, current = fig.data
    assert list(target.y) == ["Exports", "Exports · China"]
    assert list(target.x) == [100.0, 100.0]
    assert list(current.y) == ["Exports"] and list(current.x) == [20.0]
    assert current.text[0].startswith("$30B")
    assert fig.layout.xaxis.ticksuffix == "%"


def test_timeline_colours_by_theme_and_keeps_figures():
    events = pd.DataFrame(
        {"published": pd.to_datetime(["2025-01-01", "2025-02-01"]), "partner_name": ["China", "ITU"],
         "theme_label": ["AI", "Trade"], "title": ["a", "b"], "source": ["s1", "s2"], "quote": ["q1", "q2"]}
    )
    figs = pd.DataFrame(
        {"published": pd.to_datetime(["2025-01-01"]), "partner_name": ["China"], "label": ["$5B"], "kind": ["target"],
         "quote": ["q"], "source": ["s1"]}
    )
    fig = charts.timeline(events, figs)
    assert [t.name for t in fig.data] == ["AI", "Trade", "figure (target)"]
    assert fig.data[0].marker.color != fig.data[1].marker.color
    assert fig.layout.xaxis.type == "date"
    assert "q1" in fig.data[0].customdata[0][1] and fig.data[0].customdata[0][2] == "s1"


def test_target_paths_draw_line_and_actuals():
    paths = pd.DataFrame({"label": ["Exports"], "x0": [0], "y0": [30e9], "x1": [10], "y1": [150e9], "text1": ["$150B"],
                          "quote": ["q"], "source": ["s"], "x_title": ["years from the latest reported value"]})
    actuals = pd.DataFrame({"label": ["Exports"], "x": [0], "value": [30e9], "text": ["$30B"], "quote": ["q"], "source": ["s"]})
    fig = charts.target_paths(paths, actuals)
    assert list(fig.data[0].x) == [0, 10] and list(fig.data[0].y) == [30e9, 150e9]
    assert fig.data[0].line.dash == "dash"
    assert list(fig.data[1].y) == [30e9]
    assert fig.layout.xaxis.title.text == "years from the latest reported value"


def test_layout_is_transparent_for_dark_mode():
    fig = charts.figures_by_metric(pd.DataFrame({"metric_label": ["Exports"], "kind": ["target"], "count": [2], "values": ["$5B, $9B"], "source": ["a.txt"]}))
    assert fig.layout.paper_bgcolor == "rgba(0,0,0,0)"
    assert fig.data[0].marker.color == charts.KIND_COLOURS["target"]


def test_frozen_figure_serialises_once_and_equals_the_original():
    fig = charts.figures_by_metric(pd.DataFrame({"metric_label": ["Exports"], "kind": ["target"], "count": [2], "values": ["$5B"], "source": ["a.txt"]}))
    frozen = charts.FrozenFigure(fig)
    assert frozen.to_dict() is frozen.to_dict()
    import plotly.io as pio

    assert pio.to_json(frozen.to_dict()) == pio.to_json(fig.to_dict())
