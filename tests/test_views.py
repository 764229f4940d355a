import pandas as pd
import pytest

from dashboard import charts, views
from dashboard.filters import Filter, apply_filter
from dashboard.text import counted


def test_every_page_has_its_charts(corpus):
    names = {page: [s.name for s in views.page_specs(corpus, page)] for page in views.PAGES}
    assert names == {
        "overview": ["partner_map", "figures_by_metric"],
        "targets": ["targets_vs_current", "target_paths"],
        "partners": ["partner_map"],
        "timeline": ["timeline"],
        "sources": [],
    }


def test_every_chart_has_data_with_sources_and_a_summary(corpus):
    for page in views.PAGES:
        for spec in views.page_specs(corpus, page):
            assert spec.summary and spec.summary.endswith(".")
            assert "source" in spec.data.columns, spec.name
            assert len(spec.data) > 0


def test_target_summary_reads_like_the_issue(corpus):
    bars, paths, table = views.target_specs(corpus)
    assert "Exports: $30B now, $150B targeted in 10 years: 17.5% a year needed" in bars.summary
    assert "about 1.9% of China's $2.7T" in bars.summary
    assert "from $30B to $150B" in paths.summary


def test_map_draws_blocs_through_members_only_when_asked(corpus):
    with_blocs = views.map_rows(corpus, show_blocs=True)
    without = views.map_rows(corpus, show_blocs=False)
    assert set(without["iso3"]) == {"CHN", "KAZ"}
    assert {"MYS", "IDN"} <= set(with_blocs["iso3"])
    assert set(with_blocs.loc[with_blocs["iso3"] == "MYS", "via"]) == {"ASEAN"}
    assert set(views.non_territorial(corpus)["code"]) == {"ASEAN", "ITU", "UN", "BINANCE"}


def test_timeline_never_invents_dates(corpus):
    events, figures = views.timeline_rows(corpus)
    assert events["published"].notna().all()
    assert len(figures) == 2  # only the dated story's figures ($38B, $25B)
    assert set(views.undated(corpus)["file"]) == {"001_6c42d4938e2a74b2.txt", "002_6c67410e97d8d00a.txt"}


def test_headline_cards_name_the_story_not_the_file(corpus):
    cards = views.headline_figures(corpus)
    assert not cards["when"].str.contains(".txt").any()
    assert "05 Dec 2025 · Pakistan, global crypto exchange discuss modernizing…" in set(cards["when"])


def test_headline_figures_and_counts(corpus):
    cards = views.headline_figures(corpus)
    assert list(cards["label"])[:2] == ["$2.7T", "$150B"]
    assert views.counts(corpus) == {"stories": 6, "partners": 6, "figures": 6}
    latest = views.latest_engagements(corpus)
    assert latest.iloc[0]["date"] == "05 Dec 2025" and latest.iloc[-1]["date"] == "undated"
    assert len(latest) == 6 and views.latest_caption(corpus) == ""  # all shown: nothing dropped silently


def test_latest_engagements_say_how_many_are_shown(corpus):
    assert len(views.latest_engagements(corpus, n=5)) == 5
    assert views.latest_caption(corpus, n=5) == "5 of 6 stories, newest first; the Sources page lists them all."


def test_every_map_tooltip_counts_what_the_overview_shows_for_that_country(corpus):
    rows = views.map_rows(corpus)
    for row in rows[rows["via"] == ""].itertuples():
        overview = views.counts(apply_filter(corpus, Filter(partners=(row.iso3,))))
        assert (row.stories, row.figures) == (overview["stories"], overview["figures"]), row.iso3
        assert row.counts == f"named as a partner in {counted(row.stories, 'story')} · {counted(row.figures, 'figure')}"


def test_map_summary_with_only_bloc_members_has_no_empty_brackets(corpus):
    asean = apply_filter(corpus, Filter(partners=("ASEAN",)))
    summary = views.map_spec(asean).summary
    assert "()" not in summary and "0 partner" not in summary
    assert summary == "Map of 11 countries drawn as members of partner blocs."


def test_pakistan_wide_figures_are_context_not_the_partners(corpus):
    china = apply_filter(corpus, Filter(partners=("CHN",)))
    names = [s.name for s in views.page_specs(china, "targets")]
    assert names == ["targets_vs_current", "target_paths", "targets_pakistan_wide"]
    bars, _, table = views.target_specs(china)
    assert list(table["label"]) == ["Exports · China"]  # the $150B Pakistan-wide goal is not China's
    context = views.context_target_spec(china)
    assert context.heading == "Pakistan-wide, for context" and list(context.data["label"]) == ["Exports"]
    assert views.context_target_spec(corpus) is None  # no partner filter: nothing is set apart
    assert set(views.timeline_rows(corpus)[1]["partner_name"]) == {"Pakistan-wide"}  # its own row, not a partner's


def test_sources_show_outlet_title_and_date_with_the_file_last(corpus):
    table = views.story_table(corpus)
    assert list(table.columns) == ["date", "title", "outlet", "figures", "checked", "open conflicts", "file"]
    labels = views.story_labels(corpus)
    assert labels["000_09d8e724778e1e1f.txt#0"] == (
        "22 Apr 2025 · Pakistan proposes tech alliance with ASEAN, eyes inclusive digital future · Business Recorder"
    )
    assert all(".txt" not in label for label in labels.values())
    assert views.story_caption(corpus, "000_09d8e724778e1e1f.txt#0") == "Business Recorder · 22 Apr 2025 · file 000_09d8e724778e1e1f.txt"


@pytest.mark.parametrize("name", ["latest_engagements", "undated", "figure_table", "story_table", "non_territorial"])
def test_tables_show_no_missing_markers(corpus, name):
    table = views.for_display(getattr(views, name)(corpus))
    shown = {str(v) for column in table.columns for v in table[column]}
    assert not shown & {"None", "nan", "NaN", "<NA>", "NaT"}, name


def test_for_display_does_not_change_its_input():
    frame = pd.DataFrame({"year": pd.array([2030, None], dtype="Int64"), "t": ["a", None],
                          "day": pd.to_datetime(["2025-01-02", None]), "codes": [["CHN", "USA"], []]})
    out = views.for_display(frame)
    assert list(out["year"]) == ["2030", ""] and list(out["t"]) == ["a", ""]
    assert list(out["day"]) == ["2025-01-02", ""] and list(out["codes"]) == ["CHN, USA", ""]
    assert frame["t"].isna().sum() == 1


def test_summaries_count_with_the_right_noun(corpus):
    binance = apply_filter(corpus, Filter(partners=("BINANCE",)))
    summary = views.timeline_spec(binance).summary
    assert summary.startswith("1 dated story on 05 Dec 2025 with 1 partner and 0 dated figures")
    assert "1 stories" not in summary and "1 partners" not in summary


def test_highlight_segments():
    assert views.highlight_segments("China has $2.7 trillion.", [(10, 23, "$2.7T")]) == [
        ("China has ", None), ("$2.7 trillion", "$2.7T"), (".", None)]


def test_story_segments_highlight_every_figure(corpus):
    segments = views.story_segments(corpus, "002_6c67410e97d8d00a.txt#0")
    assert [s for s, label in segments if label] == ["$2.7 trillion", "$50 billion", "$30 billion", "$150 billion"]
    assert "".join(s for s, _ in segments) == corpus.stories.set_index("story_id").loc["002_6c67410e97d8d00a.txt#0", "text"]


def test_filtered_views_shrink(corpus):
    kaz = apply_filter(corpus, Filter(partners=("KAZ",)))
    assert views.progress_rows(kaz).empty
    assert "No target" in views.target_specs(kaz)[0].summary
    assert list(views.map_rows(kaz)["iso3"]) == ["KAZ"]
    assert len(views.figure_table(kaz)) == 0


def test_sources_csv_has_provenance(corpus):
    table = views.sources_csv(corpus)
    assert {"source", "quote", "start", "end", "raw"} <= set(table.columns)
    assert isinstance(table, pd.DataFrame) and len(table) == 6


@pytest.mark.parametrize(("iso3", "codes"), [("CHN", ["CHN"]), ("MYS", ["ASEAN"]), ("FRA", ["FRA"])])
def test_a_click_on_a_bloc_member_selects_its_bloc(corpus, iso3, codes):
    assert views.partners_for_country(corpus, iso3) == codes


# --------------------------------------------------------------------------- review (issue 10)
def _reviews(**columns) -> pd.DataFrame:
    """Figures' review columns, as ``Corpus.figures`` holds them (one row by default)."""
    base = {"review": ["confirmed"], "reviewed_by": ["Ann"], "reviewed_at": [pd.Timestamp("2026-12-01 10:30", tz="UTC")],
            "review_note": [None], "conflict": [""], "conflict_open": [False]}
    frame = pd.DataFrame({**base, **columns})
    return frame.assign(reviewed_at=pd.to_datetime(frame["reviewed_at"], utc=True))


@pytest.mark.parametrize(
    ("row", "line"),
    [
        ({}, "confirmed by Ann, 2026-12-01"),
        ({"review": ["corrected"], "reviewed_by": ["Bo"]}, "corrected by Bo, 2026-12-01"),
        ({"reviewed_by": ["data/overlay.csv"]}, "checked by the project"),
        ({"review": ["corrected"], "reviewed_by": ["data/overlay.csv"]}, "corrected by the project"),
        ({"review": ["unreviewed"], "reviewed_by": [None], "reviewed_at": [None]}, "not yet reviewed"),
        ({"review": ["unreviewed"], "reviewed_by": [None], "reviewed_at": [None], "conflict": ["C-1"], "conflict_open": [True]},
         "not yet reviewed · conflicts with another report"),
        ({"conflict": ["C-1"], "conflict_open": [True]}, "confirmed by Ann, 2026-12-01 · conflicts with another report"),
        ({"conflict": ["C-1"], "conflict_open": [False]}, "confirmed by Ann, 2026-12-01"),  # resolved: nothing to warn of
    ],
)
def test_review_text_says_who_checked_a_figure(row, line):
    assert list(views.review_text(_reviews(**row))) == [line]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({}, {"review": "confirmed", "reviewed_by": "Ann", "reviewed_at": "2026-12-01 10:30 UTC", "conflict": "", "conflict_id": ""}),
        ({"reviewed_by": ["data/overlay.csv"], "reviewed_at": [pd.Timestamp("2000-01-01", tz="UTC")]},
         {"reviewed_by": "data/overlay.csv", "reviewed_at": ""}),  # the overlay's rows carry no time of their own
        ({"review": ["unreviewed"], "reviewed_by": [None], "reviewed_at": [None], "conflict": ["C-1"], "conflict_open": [True]},
         {"review": "unreviewed", "reviewed_by": "", "reviewed_at": "", "conflict": "⚠ open", "conflict_id": "C-1"}),
        ({"conflict": ["C-1"], "conflict_open": [False], "review_note": ["both right"]},
         {"conflict": "resolved", "review_note": "both right"}),
    ],
)
def test_review_columns_are_text_for_tables_and_exports(row, expected):
    frame = _reviews(**row)
    columns = views.review_columns(frame)
    assert list(columns) == views.REVIEW_COLUMNS
    assert {name: columns[name].iloc[0] for name in expected} == expected
    assert frame["reviewed_at"].dtype != object  # the input is not changed
    assert set(views.review_columns(frame, "current_")) == {f"current_{name}" for name in views.REVIEW_COLUMNS}


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    from review_corpus import reviewed_corpus

    return reviewed_corpus(tmp_path_factory.mktemp("review") / "store.sqlite3")


def test_overview_says_how_much_is_checked(reviewed, corpus):
    (label, value, about), (conflict_label, open_conflicts, conflict_about) = views.review_metrics(reviewed)
    assert (label, value, conflict_label, open_conflicts) == ("Figures reviewed", "9 / 10", "Open conflicts", "1")
    assert "7 confirmed, 1 corrected, 1 rejected" in about and "5%" in conflict_about
    assert [v for _, v, _ in views.review_metrics(corpus)] == ["6 / 6", "0"]
    saudi = apply_filter(reviewed, Filter(partners=("SAU",)))
    assert [v for _, v, _ in views.review_metrics(saudi)] == ["1 / 1", "0"]  # the rejected loan, for the filter


def test_checked_note_says_what_is_left_out(reviewed, tmp_path):
    from review_corpus import reviewed_corpus

    checked = apply_filter(reviewed, Filter(checked_only=True))
    assert views.checked_note(checked, reviewed) == (
        "Checked figures only: 8 of 9 figures for this filter are shown (confirmed or corrected); 1 not yet reviewed is left out.")
    assert views.checked_note(reviewed, reviewed) == ""
    none = reviewed_corpus(tmp_path / "s.sqlite3", decide=False)
    only_new = Filter(partners=("SAU",), checked_only=True)
    assert views.checked_note(apply_filter(none, only_new), apply_filter(none, Filter(partners=("SAU",)))).startswith(
        "Checked figures only: none of the 1 figure for this filter has been confirmed or corrected yet.")


def test_every_figure_view_carries_its_review(reviewed):
    table = views.figure_table(reviewed).set_index("figure_id")
    assert table.loc["a.txt|$5 billion|1", ["review", "reviewed_by", "conflict"]].tolist() == ["confirmed", "Ann", "⚠ open"]
    assert table.loc["b.txt|$7 billion|1", ["review", "reviewed_by", "reviewed_at"]].tolist() == ["unreviewed", "", ""]
    assert "b.txt|$2 billion|1" not in table.index  # rejected: never in a table of figures
    sources = views.sources_csv(reviewed).set_index("figure_id")
    assert set(views.REVIEW_COLUMNS) <= set(sources.columns)
    assert sources.loc["a.txt|$9 billion|1", ["review", "review_note"]].tolist() == ["corrected", "+1 typo"]
    stories = views.story_table(reviewed).set_index("file")
    assert stories.loc["b.txt", ["figures", "checked", "open conflicts"]].tolist() == [1, 0, 1]
    cards = views.headline_figures(reviewed)
    assert "checked by the project" in set(cards["review_text"])


def test_timeline_marks_open_conflicts_and_says_who_checked(reviewed):
    spec = views.timeline_spec(reviewed)
    names = [t.name for t in spec.figure.data]
    assert names.count("in conflict with another report") == 1
    (ring,) = [t for t in spec.figure.data if t.name == "in conflict with another report"]
    assert len(ring.x) == 2 and ring.marker.symbol == "circle-open"
    hovers = [str(row) for t in spec.figure.data if t.name.startswith("figure") for row in t.customdata]
    assert any("confirmed by Ann" in h and "conflicts with another report" in h for h in hovers)
    assert any("not yet reviewed" in h for h in hovers)
    figures = spec.data[spec.data["theme_label"] == "figure"]
    assert set(views.REVIEW_COLUMNS) <= set(spec.data.columns) and set(figures["conflict"]) == {"⚠ open", ""}


def test_targets_carry_both_figures_reviews(reviewed):
    china = apply_filter(reviewed, Filter(partners=("CHN",)))
    bars, paths, table = views.target_specs(china)
    row = table.set_index("figure_id").loc["a.txt|$9 billion|1"]
    assert row["review"] == "corrected" and row["reviewed_by"] == "=cmd|' /C calc'!A0"
    assert {"current_review", "current_reviewed_by", "current_reviewed_at", "current_conflict"} <= set(table.columns)
    target = bars.figure.data[0]
    assert any("corrected by =cmd" in str(c) for c in target.customdata)
    current = views.target_specs(reviewed)[0].figure.data[1]  # Pakistan-wide exports: $30B of the $150B goal
    assert [c[1] for c in current.customdata] == ["checked by the project"]


def test_metric_hover_counts_the_checked(reviewed):
    spec = views.metric_spec(reviewed)
    lines = {t.name: [row[0] for row in t.customdata] for t in spec.figure.data}
    assert "1 of 2 checked · 2 in conflict with another report" in lines["actual"]
    assert "all checked" in lines["target"]
    assert set(views.REVIEW_COLUMNS) <= set(spec.data.columns)


def test_a_resolved_conflict_is_no_longer_marked(tmp_path):
    from review_corpus import figure, make_store

    from dashboard import review
    from dashboard.load import load_store

    store = make_store(tmp_path / "s.sqlite3")
    store.decide(review.figure_event(figure(load_store(store), "b.txt", "$7 billion"), "confirm", "Bo"))  # both right
    resolved = load_store(store)
    assert charts.CONFLICT_NAME not in [t.name for t in views.timeline_spec(resolved).figure.data]
    table = views.figure_table(resolved).set_index("figure_id")
    assert table.loc[["a.txt|$5 billion|1", "b.txt|$7 billion|1"], "conflict"].tolist() == ["resolved", "resolved"]
    assert [v for _, v, _ in views.review_metrics(resolved)] == ["10 / 10", "0"]
    assert "confirmed by Bo" in views.review_text(resolved.figures.set_index("figure_id").loc[["b.txt|$7 billion|1"]]).iloc[0]
