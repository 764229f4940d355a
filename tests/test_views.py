import pandas as pd

from dashboard import views
from dashboard.filters import Filter, apply_filter


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
    assert set(views.undated(corpus)["source"]) == {"001_6c42d4938e2a74b2.txt", "002_6c67410e97d8d00a.txt"}


def test_headline_figures_and_counts(corpus):
    cards = views.headline_figures(corpus)
    assert list(cards["label"])[:2] == ["$2.7T", "$150B"]
    assert views.counts(corpus) == {"stories": 6, "partners": 6, "figures": 6}
    latest = views.latest_engagements(corpus)
    assert latest.iloc[0]["date"] == "05 Dec 2025" and latest.iloc[-1]["date"] == "undated"


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
