"""One AppTest per page: it runs, its charts are there, the filter changes it, the URL sets the filter."""

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60


def open_page(page: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def charts(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def select_partner(at: AppTest, *codes: str) -> AppTest:
    widget = at.multiselect(key="partner")
    for code in codes:
        widget.select(code)
    at.run()
    assert not at.exception, at.exception
    return at


def test_overview():
    at = open_page()
    assert at.title[0].value == "Pakistan Tech Cooperation Tracker"
    assert [m.value for m in at.metric][:3] == ["6", "6", "6"]
    assert "$2.7T" in [m.value for m in at.metric]
    assert [c["data"][0]["type"] for c in charts(at)] == ["choropleth", "bar"]
    select_partner(at, "KAZ")
    assert [m.value for m in at.metric][:3] == ["1", "1", "0"]
    assert open_page(partner="Kazakhstan").multiselect(key="partner").value == ["KAZ"]


def plain(text: str) -> str:
    """Markdown source as the reader sees it: backslash escapes and hard breaks undone (and the
    zero-width breaks that keep addresses from becoming links, which no one sees)."""
    return re.sub(r"\\(.)", r"\1", text.replace("  \n", "\n")).replace("\u200b", "")


def test_targets():
    at = open_page("targets")
    bars, paths = charts(at)
    assert [t["name"] for t in bars["data"]] == ["target", "current (latest actual)"]
    assert len(paths["data"][0]["x"]) > 2  # the compound path, not a straight line
    assert "17.5% a year needed" in plain(captions(at))
    assert "\\$30B" in captions(at)  # "$30B now, $150B" is text, not KaTeX between two dollars
    select_partner(at, "CHN")
    assert "about 1.9% of China's $2.7T" in plain(captions(at))
    assert [plain(s.value) for s in at.subheader] == ["Pakistan-wide, for context"]
    assert len(charts(at)) == 2  # China's target bars and the Pakistan-wide ones; no empty path chart
    at = open_page("targets", partner="Kazakhstan")
    text = plain(captions(at))
    assert text.lower().count("no target figure for this filter") == 1 and not charts(at)
    assert "Targets against the latest reported value: no target figure for this filter." in text


def test_partners():
    at = open_page("partners")
    (world,) = charts(at)
    assert {"CHN", "KAZ"} <= {loc for trace in world["data"] for loc in trace["locations"]}
    assert set(at.dataframe[-1].value["code"]) == {"ASEAN", "BINANCE", "ITU", "UN"}
    at.toggle(key="blocs").set_value(False).run()
    assert "MYS" not in {loc for trace in charts(at)[0]["data"] for loc in trace["locations"]}
    select_partner(at, "ASEAN")
    assert set(at.dataframe[-1].value["code"]) == {"ASEAN"}
    at = open_page("partners", partner="China")
    assert {loc for trace in charts(at)[0]["data"] for loc in trace["locations"]} == {"CHN"}
    assert charts(at)[0]["layout"]["height"] >= 550


def test_timeline():
    at = open_page("timeline")
    (timeline,) = charts(at)
    assert timeline["layout"]["xaxis"]["type"] == "date"
    names = {t["name"] for t in timeline["data"]}
    assert "figure (actual)" in names and "figure (estimate)" in names
    undated = at.dataframe[-1].value
    assert len(undated) == 2
    at = open_page("timeline", undated="false")
    assert "2 undated" not in captions(at)
    at = open_page("timeline", partner="Binance")
    assert charts(at)[0]["layout"]["yaxis"]["ticktext"] == ["Binance"]


def test_sources():
    at = open_page("sources")
    table = at.dataframe[0].value
    assert len(table) == 6 and {"quote", "date", "story", "outlet", "file", "start", "end"} <= set(table.columns)
    assert list(table.columns)[-9:] == ["review", "reviewed_by", "reviewed_at", "review_note", "conflict", "file", "start", "end", "figure_id"]  # the file is a detail
    at.selectbox(key="story").set_value("002_6c67410e97d8d00a.txt#0").run()
    text = at.markdown[-1].value
    assert ":orange-background[**\\$2\\.7 trillion**]" in text
    assert "<" not in text.replace("\\<", "")  # text, never HTML
    assert not re.search(r"(?m)^[ \t]", text) and "\n\n\n" not in text  # no (empty) indented code block
    select_partner(at, "KAZ")
    assert "No figure counts for this filter." in captions(at)


@pytest.mark.parametrize("page", [None, "targets", "partners", "timeline", "sources"])
def test_empty_state_says_what_to_change(page):
    at = open_page(page, partner="Kazakhstan", theme="Health")
    assert "Nothing matches this filter" in at.info[0].value


@pytest.mark.parametrize("value", ["CHN", "China", "china"])
def test_a_shared_link_opens_filtered_by_code_or_name(value):
    at = open_page(partner=value)
    assert at.multiselect(key="partner").value == ["CHN"]
    assert [m.value for m in at.metric][:3] == ["1", "1", "2"]
    assert not at.warning


def test_an_unknown_partner_in_the_link_is_reported():
    at = open_page(partner="Atlantis")
    assert at.multiselect(key="partner").value == []
    assert "Atlantis" in plain(at.warning[0].value)
    select_partner(at, "KAZ")  # changing the filter answers the warning
    assert not at.warning


PAGES = [None, "targets", "partners", "timeline", "sources"]
MISSING = re.compile(r"\b(None|nan|NaN|NaT)\b|<NA>|\(\)")


def _markdown_shown(at: AppTest) -> list[str]:
    """Every string the page hands to an element that renders Markdown."""
    out = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning"):
        out += [el.value for el in at.get(kind)]
    for metric in at.metric:
        out += [metric.label, metric.proto.help]
    out += [e.proto.label for e in at.get("expandable")]
    return out


def _shown_text(at: AppTest) -> list[str]:
    """Everything shown: Markdown-rendered strings, metric values and table cells (text-only)."""
    out = _markdown_shown(at) + [str(m.value) for m in at.metric] + [el.value for el in at.get("text")]
    for frame in at.dataframe:
        out += [str(v) for column in frame.value.columns for v in frame.value[column]]
    return out


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("query", [{}, {"partner": "ASEAN"}, {"partner": "Binance"}])
def test_no_page_shows_none_nan_empty_brackets_or_empty_headings(page, query):
    at = open_page(page, **query)
    for text in _shown_text(at):
        assert not MISSING.search(plain(text)), text
    assert all(h.value.strip() for h in at.subheader)


HOSTILE_ARTICLE = """Pakistan and China sign **deal** <b>bold</b> :red[alert] $x$

Published in Dawn, 3 March 2025

ISLAMABAD: Pakistan's IT exports to China reached $5 billion in 2024, **officials** said <b>today</b> [link](http://evil.example) :red[alert] $x^2$ &amp; <http://auto.link> www.bare.link.
    Indented like code.
The two countries also discussed a digital corridor.
"""
RAW_MARKS = ["**deal**", "**officials**", "<b>", ":red[", "$x$", "$x^2$", "[link](", "&amp;", "<http:"]


def _app_on_one_article(tmp_path, monkeypatch, name: str, text: str) -> None:
    """Point the app at a store of its own holding only ``text`` (the caches are keyed on the store,
    so nothing needs emptying)."""
    from dashboard.store import ENV_URL, NewArticle, Store

    url = f"sqlite:///{tmp_path / 'one.sqlite3'}"
    store = Store(url).open()
    for article in store.articles():
        store.remove(article.id)
    store.add(NewArticle(text=text, name=name, how="cli"))
    monkeypatch.setenv(ENV_URL, url)


@pytest.fixture
def hostile_app(tmp_path, monkeypatch):
    """The app on a store holding one article full of Markdown and HTML."""
    _app_on_one_article(tmp_path, monkeypatch, "evil.txt", HOSTILE_ARTICLE)


@pytest.mark.parametrize("page", PAGES)
def test_article_markdown_and_html_are_shown_as_text(hostile_app, page):
    at = open_page(page)
    if page == "sources":
        at.selectbox(key="story").set_value("evil.txt#0").run()
    shown = _markdown_shown(at)
    for text in shown:
        for mark in RAW_MARKS:
            assert mark not in text, (mark, text)  # every mark reaches Streamlit escaped
    literal = "\n".join(plain(t) for t in shown)
    if page is None:
        (card,) = [m for m in at.metric if m.proto.help.startswith("“")]  # the headline card, not the review counts
        assert "**officials** said <b>today</b> [link](http://evil.example) :red[alert] $x^2$ &amp;" in plain(card.proto.help)
    if page == "sources":
        assert "**officials** said <b>today</b> [link](http://evil.example)" in plain(at.markdown[-1].value)
        assert "Pakistan and China sign **deal** <b>bold</b> :red[alert] $x$" in literal


def test_a_typed_date_applies_on_enter_and_a_bad_one_is_said():
    at = open_page("timeline")
    at.text_input(key="from").input("2025-06-01").run()  # what Enter in the field sends
    assert "2 dated stories from Oct 2025 to Dec 2025" in plain(captions(at))
    at = open_page("timeline", **{"from": "2025", "to": "June 2025"})
    assert "1 dated story on 22 Apr 2025" in plain(captions(at))
    at = open_page("timeline", **{"from": "soon"})
    assert "'soon' is not a date" in plain(at.warning[0].value)
    assert "4 dated stories" in plain(captions(at))


def test_a_link_with_several_partners_keeps_them_all_and_the_address_holds_codes():
    at = open_page(partner=["CHN", "ASEAN", "Binance"])
    assert set(at.multiselect(key="partner").value) == {"CHN", "ASEAN", "BINANCE"}
    assert sorted(at.query_params["partner"]) == ["ASEAN", "BINANCE", "CHN"]
    select_partner(at, "KAZ")
    assert "KAZ" in at.query_params["partner"]


UNREGISTERED_ARTICLE = (
    "Pakistan raises loan from Gulf banks\n\nPakistan raised a $1 billion facility from Ajman Bank and Sharjah Islamic Bank "
    "on Monday, the finance ministry said. Exports to China reached $2 billion last year.\n"
)


@pytest.fixture
def unregistered_app(tmp_path, monkeypatch):
    """The app on a store whose one article names lenders the registry does not know."""
    _app_on_one_article(tmp_path, monkeypatch, "gulf.txt", UNREGISTERED_ARTICLE)


@pytest.mark.parametrize("page", PAGES)
def test_a_lender_not_in_the_registry_is_offered_and_every_page_draws(unregistered_app, page):
    at = open_page(page, partner=["Ajman Bank"])
    assert not at.exception
    assert "Ajman Bank" in at.multiselect(key="partner").options
    assert "Ajman Bank" in at.multiselect(key="partner").value


# --------------------------------------------------------------------------- review (issue 10)
@pytest.fixture
def reviewed_app(tmp_path, monkeypatch):
    """The app on a store of the seeds and two more stories, with Ann's and others' decisions
    (``tests/review_corpus.py``): 9 figures, 8 checked, one open conflict, one rejected."""
    from review_corpus import make_store

    from dashboard.store import ENV_URL

    store = make_store(tmp_path / "reviewed.sqlite3")
    monkeypatch.setenv(ENV_URL, store.url)
    return store


def _figures_metric(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Figures")


def test_checked_figures_only_from_the_url_leaves_out_the_unreviewed(reviewed_app):
    at = open_page()
    assert not at.checkbox(key="checked").value
    assert _figures_metric(at) == "9"
    review = {plain(m.label): (m.value, plain(m.proto.help)) for m in at.metric if m.label in ("Figures reviewed", "Open conflicts")}
    assert review["Figures reviewed"][0] == "9 / 10" and "1 rejected" in review["Figures reviewed"][1]
    assert review["Open conflicts"][0] == "1"
    at = open_page(checked="true")
    assert at.checkbox(key="checked").value
    assert _figures_metric(at) == "8"  # b.txt's $7B is not reviewed yet
    assert next(m.value for m in at.metric if m.label == "Figures reviewed") == "9 / 10"  # how much is checked: the same
    assert "8 of 9 figures for this filter are shown" in plain(at.info[0].value)
    timeline = open_page("timeline", checked="true")
    (chart,) = charts(timeline)
    shown = {row[-1] for t in chart["data"] if t["name"].startswith("figure") for row in t["customdata"]}
    assert "b.txt" not in shown and "a.txt" in shown
    assert "in conflict with another report" in {t["name"] for t in chart["data"]}  # a.txt's $5B: its conflict is still open
    sources = open_page("sources", checked="true")
    assert set(sources.dataframe[0].value["review"]) == {"confirmed", "corrected"}


def test_ticking_the_switch_changes_the_charts(reviewed_app):
    at = open_page("timeline")
    before = sum(len(t["x"]) for t in charts(at)[0]["data"] if t["name"].startswith("figure"))
    at.checkbox(key="checked").check().run()
    assert not at.exception
    after = sum(len(t["x"]) for t in charts(at)[0]["data"] if t["name"].startswith("figure"))
    assert after == before - 1
    at.checkbox(key="checked").uncheck().run()
    assert sum(len(t["x"]) for t in charts(at)[0]["data"] if t["name"].startswith("figure")) == before


def test_a_hover_says_who_checked_the_figure(reviewed_app):
    (chart,) = charts(open_page("timeline"))
    hovers = [row[1] for t in chart["data"] if t["name"].startswith("figure") for row in t["customdata"]]
    assert any(h.startswith("confirmed by Ann, ") and h.endswith("conflicts with another report") for h in hovers)
    assert "not yet reviewed · conflicts with another report" in hovers
    assert any(h.startswith("corrected by =cmd") for h in hovers)


@pytest.mark.parametrize("page", PAGES)
def test_with_no_checked_figure_the_pages_say_so(unregistered_app, page):
    at = open_page(page, checked="true")
    assert "none of the 2 figures for this filter has been confirmed or corrected yet" in plain(at.info[0].value)
    if page == "targets":
        assert not charts(at)
    if page == "timeline":  # the story is undated: no chart, and no figure on any
        assert not [t for chart in charts(at) for t in chart["data"] if t.get("name", "").startswith("figure")]
    if page is None:
        assert _figures_metric(at) == "0"
    if page == "sources":
        assert "No figure counts for this filter." in captions(at)
