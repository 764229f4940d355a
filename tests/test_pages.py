"""One AppTest per page: it runs, its charts are there, the filter changes it, the URL sets the filter."""

import json
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


def test_targets():
    at = open_page("targets")
    bars, paths = charts(at)
    assert [t["name"] for t in bars["data"]] == ["target", "current (latest actual)"]
    assert paths["data"][0]["y"] == [30e9, 150e9]
    assert "17.5% a year needed" in captions(at)
    select_partner(at, "CHN")
    assert "about 1.9% of China's $2.7T" in captions(at)
    at = open_page("targets", partner="Kazakhstan")
    assert "No target figure for this filter" in captions(at)


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
    assert {y for t in charts(at)[0]["data"] for y in t["y"]} == {"Binance"}


def test_sources():
    at = open_page("sources")
    table = at.dataframe[0].value
    assert len(table) == 6 and {"quote", "source", "start", "end"} <= set(table.columns)
    at.selectbox(key="story").set_value("002_6c67410e97d8d00a.txt#0").run()
    text = at.markdown[-1].value
    assert ":orange-background[**\\$2\\.7 trillion**]" in text
    assert "<" not in text.replace("\\<", "")  # text, never HTML
    select_partner(at, "KAZ")
    assert len(at.dataframe[0].value) == 0


@pytest.mark.parametrize("page", [None, "targets", "partners", "timeline", "sources"])
def test_empty_state_says_what_to_change(page):
    at = open_page(page, partner="Kazakhstan", theme="Health")
    assert "Nothing matches this filter" in at.info[0].value
