import pandas as pd
import pytest

from dashboard import charts, vocab


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


def _map_rows(**extra):
    rows = pd.DataFrame(
        {"iso3": ["CHN", "MYS"], "name": ["China", "Malaysia"], "stories": [2, 0], "figures": [1, 0],
         "counts": ["named as a partner in 2 stories · 1 figure", "not named itself; member of ASEAN, named in 1 story"],
         "themes": ["AI", "Trade"], "via": ["", "ASEAN"], "quote": ["China q", "ASEAN q"], "source": ["c.txt", "a.txt"]}
    )
    return rows.assign(**extra)


def test_partner_map_traces():
    fig = charts.partner_map(_map_rows())
    assert [t.type for t in fig.data] == ["choropleth", "choropleth"]
    assert list(fig.data[1].locations) == ["CHN"] and list(fig.data[0].locations) == ["MYS"]
    assert fig.data[1].showscale and not fig.data[0].showscale
    assert "member of ASEAN" in str(fig.data[0].customdata[0])
    assert list(fig.data[1].customdata[0][-2:]) == ["China q", "c.txt"]  # hover traces to the sentence


def test_map_legend_says_what_the_shades_mean():
    fig = charts.partner_map(_map_rows())
    assert all(t.showlegend for t in fig.data)
    assert [t.name for t in fig.data] == ["member of a bloc named in a story", "partner named in a story (darker: more stories)"]
    member_colours = {c for _, c in fig.data[0].colorscale}
    partner_colours = {c for _, c in fig.data[1].colorscale}
    assert not member_colours & partner_colours  # a member is not a pale partner
    assert fig.data[1].zmin > 0  # one story is not drawn in the lightest shade of the scale


def test_map_tooltip_shows_the_counts_line():
    fig = charts.partner_map(_map_rows())
    assert fig.data[1].customdata[0][1] == "named as a partner in 2 stories · 1 figure"
    assert "%{customdata[1]}" in fig.data[1].hovertemplate


def test_map_is_cut_in_the_bering_strait_so_alaska_stays_with_the_usa():
    """The world is cut at the projection's centre ± 180°: between Chukotka (169.7°W) and Alaska (168°W)."""
    fig = charts.partner_map(_map_rows())
    centre = fig.layout.geo.projection.rotation.lon
    cut = (centre + 180 + 180) % 360 - 180
    assert -169.7 < cut < -168.0
    assert list(fig.layout.geo.lonaxis.range) == [centre - 180, centre + 180]
    assert fig.layout.height >= 550


def test_empty_inputs_say_why():
    fig = charts.partner_map(pd.DataFrame(columns=["iso3", "name", "engagements", "figures", "themes", "via", "quote", "source"]))
    assert "No partner country" in fig.layout.annotations[0].text
    assert len(fig.data) == 0


REVIEWED_TARGETS = {"review_text": ["confirmed by Ann, 2026-12-01", "not yet reviewed"], "conflict_open": [False, False],
                    "current_review_text": ["checked by the project", ""], "current_conflict_open": [False, False]}


def test_target_bars_show_current_only_where_reported():
    p = pd.DataFrame(
        {"label": ["Exports", "Exports · China"], "target": [150e9, 50e9], "current": [30e9, None], "progress_pct": [20.0, None],
         "target_text": ["$150B", "$50B"], "current_text": ["$30B", "–"], "note": ["20% there", ""],
         "quote": ["q1", "q2"], "current_quote": ["c1", ""], "source": ["s", "s"], **REVIEWED_TARGETS}
    )
    fig = charts.target_bars(p)
    target, current = fig.data
    assert list(target.y) == [0, 1] and list(fig.layout.yaxis.ticktext) == ["Exports", "Exports · China"]
    assert list(target.x) == [100.0, 100.0]
    assert list(current.y) == [0] and list(current.x) == [20.0]
    assert current.text[0].startswith("$30B")
    assert fig.layout.xaxis.ticksuffix == "%"


def _events(published, partners, themes):
    n = len(published)
    return pd.DataFrame(
        {"published": pd.to_datetime(published), "partner_name": partners, "theme": themes,
         "theme_label": [vocab.theme_label(t) for t in themes], "title": ["t"] * n, "source": ["s"] * n, "quote": ["q"] * n}
    )


def _figures(published, partners, kinds):
    n = len(published)
    return pd.DataFrame(
        {"published": pd.to_datetime(published), "partner_name": partners, "label": ["$5B"] * n, "kind": kinds,
         "quote": ["q"] * n, "source": ["s"] * n, "review_text": ["not yet reviewed"] * n, "conflict_open": [False] * n}
    )


def test_timeline_colours_by_theme_and_keeps_figures():
    events = _events(["2025-01-01", "2025-02-01"], ["China", "ITU"], ["ai", "trade"]).assign(quote=["q1", "q2"], source=["s1", "s2"])
    fig = charts.timeline(events, _figures(["2025-01-01"], ["China"], ["target"]))
    assert [t.name for t in fig.data] == ["AI", "Trade", "figure (target)"]
    assert fig.data[0].marker.color != fig.data[1].marker.color
    assert fig.layout.xaxis.type == "date"
    assert "q1" in fig.data[0].customdata[0][2] and fig.data[0].customdata[0][-1] == "s1"
    assert list(fig.layout.yaxis.ticktext) == ["China", "ITU"]  # first name on top


def test_a_theme_keeps_its_colour_whatever_else_is_shown():
    alone = charts.timeline(_events(["2025-01-01"], ["China"], ["trade"]), _figures([], [], []))
    with_others = charts.timeline(_events(["2025-01-01"] * 3, ["China"] * 3, ["ai", "health", "trade"]), _figures([], [], []))
    colour = {t.name: t.marker.color for t in with_others.data}
    assert alone.data[0].marker.color == colour["Trade"] == vocab.theme_colour("trade")


def test_no_two_timeline_series_share_a_colour():
    codes = [t.code for t in vocab.themes()]
    events = _events(["2025-01-01"] * len(codes), ["China"] * len(codes), codes)
    fig = charts.timeline(events, _figures(["2025-01-01"] * 3, ["China"] * 3, ["actual", "target", "estimate"]))
    colours = [t.marker.color.lower() for t in fig.data]
    assert len(fig.data) == len(codes) + 3
    assert len(set(colours)) == len(colours), colours


def test_markers_of_one_day_and_partner_are_stacked_not_hidden():
    fig = charts.timeline(_events(["2025-01-01", "2025-01-01"], ["China", "China"], ["ai", "trade"]),
                          _figures(["2025-01-01"], ["China"], ["target"]))
    ys = [y for t in fig.data for y in t.y]
    assert len(set(ys)) == 3
    assert max(ys) - min(ys) < 1  # they stay on China's row


def test_a_single_dated_story_gets_a_readable_date_axis():
    fig = charts.timeline(_events(["2025-12-05"], ["Binance"], ["fintech"]), _figures([], [], []))
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert end - start >= pd.Timedelta(days=30)
    assert start < pd.Timestamp("2025-12-05") < end


def test_target_paths_draw_the_compound_path_and_actuals():
    paths = pd.DataFrame({"label": ["Exports"], "x0": [0], "y0": [30e9], "x1": [10], "y1": [150e9], "text1": ["$150B"],
                          "quote": ["q"], "source": ["s"], "x_title": ["years from the latest reported value"],
                          "review_text": ["checked by the project"], "conflict_open": [False]})
    actuals = pd.DataFrame({"label": ["Exports"], "x": [0], "value": [30e9], "text": ["$30B"], "quote": ["q"], "source": ["s"],
                            "review_text": ["not yet reviewed"], "conflict_open": [False]})
    fig = charts.target_paths(paths, actuals)
    xs, ys = list(fig.data[0].x), list(fig.data[0].y)
    assert (xs[0], ys[0], xs[-1], ys[-1]) == (0, 30e9, 10, pytest.approx(150e9))
    middle = ys[xs.index(5)]
    assert middle == pytest.approx(30e9 * 5 ** 0.5)  # 17.5 %/yr for five years: $67B, not the straight line's $90B
    growth = [b / a for a, b in zip(ys, ys[1:], strict=False)]
    assert max(growth) == pytest.approx(min(growth))  # the same growth every step
    assert fig.data[0].line.dash == "dash"
    assert list(fig.data[1].y) == [30e9]
    assert fig.layout.xaxis.title.text == "years from the latest reported value"


@pytest.mark.parametrize(("x0", "y0", "x1", "y1"), [(0, 0, 10, 5), (3, 5, 3, 9), (0, 5, 4, 0)])
def test_compound_path_without_growth_to_draw_is_the_two_ends(x0, y0, x1, y1):
    assert charts.compound_path(x0, y0, x1, y1) == ([x0, x1], [y0, y1])


def _all_builders():
    progress = pd.DataFrame(
        {"label": ["Exports"], "target": [150e9], "current": [30e9], "progress_pct": [20.0], "target_text": ["$150B"],
         "current_text": ["$30B"], "note": ["20% of target"], "quote": ["q"], "current_quote": ["c"], "source": ["s"],
         "review_text": ["not yet reviewed"], "conflict_open": [False], "current_review_text": ["not yet reviewed"], "current_conflict_open": [False]}
    )
    metric = pd.DataFrame({"metric_label": ["Exports"], "kind": ["target"], "count": [2], "values": ["$5B, $9B"], "source": ["a.txt"],
                           "review_text": ["1 of 2 checked"]})
    return [
        charts.partner_map(_map_rows()),
        charts.timeline(_events(["2025-01-01"], ["China"], ["ai"]), _figures([], [], [])),
        charts.target_bars(progress),
        charts.figures_by_metric(metric),
        charts.empty_figure("t", "m"),
    ]


def test_every_figure_carries_our_template_and_margins_that_fit():
    for fig in _all_builders():
        assert fig.layout.template == charts.TEMPLATE
        assert fig.layout.template.layout.xaxis.automargin and fig.layout.template.layout.yaxis.automargin
        assert fig.layout.paper_bgcolor is None  # the template's white, not a per-figure override
        assert (fig.layout.legend.yref, fig.layout.legend.y) == ("container", 0)  # at the foot: never over the title
    assert charts.TEMPLATE.layout.paper_bgcolor == "white"


def test_target_text_is_above_its_bar_from_the_left_edge():
    """At any usual width the target's words start at 0% and have the whole plot width to run in."""
    fig = _all_builders()[2]
    (note,) = fig.layout.annotations
    assert note.x == 0 and note.xanchor == "left" and "$150B" in note.text
    assert fig.data[1].textposition == "auto"  # inside the current bar when it fits there, else after it
    assert fig.data[0].text is None


def test_theme_colours_are_validated_naming_the_row(data_files):
    colours = data_files(vocab, vocab.theme_colours, {"themes.csv": "theme,label,pattern,colour\na,A,x,#112233\nb,B,y,#112233\n"})
    with pytest.raises(vocab.VocabularyError, match="themes.csv row 3"):
        colours()


def test_frozen_figure_serialises_once_and_equals_the_original():
    fig = charts.figures_by_metric(pd.DataFrame({"metric_label": ["Exports"], "kind": ["target"], "count": [2], "values": ["$5B"], "source": ["a.txt"],
                                                 "review_text": ["all checked"]}))
    frozen = charts.FrozenFigure(fig)
    assert frozen.to_dict() is frozen.to_dict()
    import plotly.io as pio

    assert pio.to_json(frozen.to_dict()) == pio.to_json(fig.to_dict())


def test_a_thousand_figures_do_not_get_a_tick_each():
    import pandas as pd

    from dashboard import charts

    rows = pd.DataFrame({"metric_label": ["Exports", "Loans"], "kind": ["actual", "actual"], "count": [900, 300],
                         "values": ["$1B and 899 more", "$2B"], "source": ["a.txt", "b.txt"], "review_text": ["all checked"] * 2})
    fig = charts.figures_by_metric(rows)
    assert fig.layout.yaxis.dtick is None and fig.layout.yaxis.tickformat == ",d"
    few = charts.figures_by_metric(rows.assign(count=[3, 2]))
    assert few.layout.yaxis.dtick == 1


def test_a_hover_lists_a_dozen_figures_then_how_many_more():
    from dashboard.views import _some

    assert _some(["$1B", "$2B"]) == "$1B, $2B"
    assert _some([f"${i}B" for i in range(100)]).endswith("and 88 more")


# --------------------------------------------------------------------------- review (issue 10)
HOSTILE_NAME = "<b>Ann</b> <a href='http://x'>&</a>"


def test_timeline_rings_figures_in_an_open_conflict_and_escapes_the_reviewer():
    figures = _figures(["2025-01-01", "2025-02-01", "2025-03-01"], ["China"] * 3, ["actual"] * 3).assign(
        review_text=[f"confirmed by {HOSTILE_NAME}, 2026-12-01", "not yet reviewed · conflicts with another report", "checked by the project"],
        conflict_open=[False, True, False],
    )
    fig = charts.timeline(_events([], [], []), figures)
    assert [t.name for t in fig.data] == ["figure (actual)", charts.CONFLICT_NAME]
    figure_trace, ring = fig.data
    assert list(ring.x) == [pd.Timestamp("2025-02-01")] and list(ring.y) == [figure_trace.y[1]]  # around that figure
    assert ring.marker.symbol == "circle-open" and ring.hoverinfo == "skip" and ring.showlegend
    assert figure_trace.customdata[0][1] == "confirmed by &lt;b&gt;Ann&lt;/b&gt; &lt;a href='http://x'&gt;&amp;&lt;/a&gt;, 2026-12-01"
    assert "%{customdata[1]}" in figure_trace.hovertemplate
    assert not any("<b>Ann" in str(v) for t in fig.data for v in (t.customdata if t.customdata is not None else []))


def test_without_an_open_conflict_there_is_no_ring():
    fig = charts.timeline(_events([], [], []), _figures(["2025-01-01"], ["China"], ["actual"]))
    assert charts.CONFLICT_NAME not in [t.name for t in fig.data]


def test_target_bars_say_the_review_of_both_figures_and_ring_a_conflict():
    p = pd.DataFrame(
        {"label": ["Exports", "Exports · China"], "target": [150e9, 50e9], "current": [30e9, None], "progress_pct": [20.0, None],
         "target_text": ["$150B", "$50B"], "current_text": ["$30B", "–"], "note": ["20% there", ""],
         "quote": ["q1", "q2"], "current_quote": ["c1", ""], "source": ["s", "s"],
         "review_text": ["not yet reviewed · conflicts with another report", "checked by the project"], "conflict_open": [True, False],
         "current_review_text": [f"confirmed by {HOSTILE_NAME}, 2026-12-01", None], "current_conflict_open": [True, False]}
    )
    fig = charts.target_bars(p)
    target, current, ring = fig.data
    assert [row[1] for row in target.customdata] == ["not yet reviewed · conflicts with another report", "checked by the project"]
    assert current.customdata[0][1].startswith("confirmed by &lt;b&gt;Ann")
    assert ring.name == charts.CONFLICT_NAME and list(ring.y) == [0, 0] and list(ring.x) == [100.0, 20.0]


def test_two_targets_of_one_series_get_a_bar_each():
    """Two goals for exports to China ($50B, $9B by 2031): two rows, each with its own bar under its text."""
    p = pd.DataFrame(
        {"label": ["Exports · China", "Exports · China"], "target": [50e9, 9e9], "current": [None, None], "progress_pct": [None, None],
         "target_text": ["$50B", "$9B by 2031"], "current_text": ["–", "–"], "note": ["", ""], "quote": ["q1", "q2"],
         "current_quote": ["", ""], "source": ["s", "s"], **REVIEWED_TARGETS}
    )
    fig = charts.target_bars(p)
    assert list(fig.data[0].y) == [0, 1] and list(fig.layout.yaxis.tickvals) == [0, 1]
    assert [a.y for a in fig.layout.annotations] == [pytest.approx(-0.31), pytest.approx(0.69)]
    assert list(fig.layout.yaxis.ticktext) == ["Exports · China", "Exports · China"]


def test_target_paths_ring_a_conflicting_target_or_actual():
    paths = pd.DataFrame({"label": ["Exports"], "x0": [2024], "y0": [30e9], "x1": [2030], "y1": [150e9], "text1": ["$150B"],
                          "quote": ["q"], "source": ["s"], "x_title": ["year"], "review_text": ["checked by the project"], "conflict_open": [False]})
    actuals = pd.DataFrame({"label": ["Exports", "Exports"], "x": [2023, 2024], "value": [25e9, 30e9], "text": ["$25B", "$30B"],
                            "quote": ["q", "q"], "source": ["s", "s"], "review_text": ["not yet reviewed · conflicts with another report", "corrected by Bo, 2026-12-01"],
                            "conflict_open": [True, False]})
    fig = charts.target_paths(paths, actuals)
    assert "target: %{customdata[2]}" in fig.data[0].hovertemplate and fig.data[0].customdata[0][2] == "checked by the project"
    assert [row[0] for row in fig.data[1].customdata] == list(actuals["review_text"])
    ring = fig.data[-1]
    assert ring.name == charts.CONFLICT_NAME and (list(ring.x), list(ring.y)) == ([2023], [25e9])
    assert len(charts.target_paths(paths, actuals.assign(conflict_open=False)).data) == 2  # no ring


def test_figures_by_metric_hover_says_how_many_are_checked():
    rows = pd.DataFrame({"metric_label": ["Exports"], "kind": ["actual"], "count": [3], "values": ["$1B, $2B, $3B"], "source": ["a.txt"],
                         "review_text": ["2 of 3 checked · 1 in conflict with another report"]})
    (bar,) = charts.figures_by_metric(rows).data
    assert bar.customdata[0][0] == "2 of 3 checked · 1 in conflict with another report"
    assert bar.customdata[0][1] == "$1B, $2B, $3B" and "<i>%{customdata[0]}</i>" in bar.hovertemplate
