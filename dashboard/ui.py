"""The Streamlit edge: cached loading, the app-wide filter (bound to the URL), and chart display with export.

Everything here is presentation; the data for each page comes from ``dashboard.views``.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import pyarrow as pa
import streamlit as st

from dashboard import export, store_ui, views, vocab
from dashboard.filters import Filter, apply_filter
from dashboard.load import Corpus, load_store
from dashboard.partners import registry
from dashboard.views import ChartSpec

TOPOJSON_URL = "/app/static/"
EMPTY_MESSAGE = "Nothing matches this filter. Remove a partner or theme, widen the date range, or tick “Include undated stories” in the sidebar."


def ensure_app_navigation() -> None:
    """Make a page opened by its URL run inside ``app.py``'s ``st.navigation``.

    The project keeps its page files in ``pages/`` beside ``app.py``; Streamlit then starts in
    its old pages-folder mode, and a first visit to ``/targets`` would run the page alone
    (wrong sidebar, no page config). Switching the mode off and rerunning hands the same
    URL to ``app.py``, whose navigation resolves it.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@st.cache_resource(show_spinner="Reading articles…", max_entries=2)
def _corpus(version: str) -> Corpus:
    return load_store(store_ui.store())


def corpus() -> Corpus:
    """The whole corpus of the store, read once per store version and shared by every session: nothing
    changes it (the corpus is frozen, filters and views return new frames). A new article changes the
    store's version, so every session's next rerun reads it."""
    return _corpus(store_ui.version())


@st.cache_resource(max_entries=1)
def _filter_options(_c: Corpus, version: str) -> tuple[list[str], list[str], date, date]:
    """Partner options (with bloc members), theme options and the date span: computed once per corpus."""
    c = _c
    theme_codes = sorted({t for themes in c.engagements["themes"] for t in themes}, key=vocab.theme_label)
    dates = c.engagements["published"].dropna()
    first = dates.min().date() if len(dates) else date(2000, 1, 1)
    last = dates.max().date() if len(dates) else date.today()
    return _partner_options(c), theme_codes, first, last


def _partner_options(c: Corpus) -> list[str]:
    reg = registry()
    codes = set(c.partners["code"])
    for code in list(codes):
        codes.update(reg.get(code).members)
    return sorted(codes, key=reg.name)


def sidebar_filter(c: Corpus) -> Filter:
    """The one filter for the whole app, in the sidebar; every widget is bound to the URL query string."""
    reg = registry()
    partner_codes, theme_codes, first, last = _filter_options(c, c.version)
    with st.sidebar:
        st.header("Filter")
        partners = st.multiselect(
            "Partners",
            partner_codes,
            key="partner",
            bind="query-params",
            format_func=reg.name,
            help="Countries, blocs, organisations and companies (values are ISO3 or registry codes). A bloc includes its members.",
            placeholder="All partners",
        )
        themes = st.multiselect(
            "Themes", theme_codes, key="theme", bind="query-params", format_func=vocab.theme_label, placeholder="All themes"
        )
        start = st.date_input("From", value=None, min_value=date(1990, 1, 1), max_value=date(2100, 1, 1), key="from", bind="query-params", help=f"Earliest story: {first:%d %b %Y}")
        end = st.date_input("To", value=None, min_value=date(1990, 1, 1), max_value=date(2100, 1, 1), key="to", bind="query-params", help=f"Latest story: {last:%d %b %Y}")
        undated = st.checkbox("Include undated stories", value=True, key="undated", bind="query-params")
        if partners or themes or start or end or not undated:
            st.caption("This view's address holds the filter: copy it to share it.")
    return Filter(partners=tuple(partners), themes=tuple(themes), start=start, end=end, include_undated=undated)


def current_filter() -> Filter:
    """The filter ``app.py`` drew in the sidebar for this run."""
    return st.session_state.get("_filter") or sidebar_filter(corpus())


@lru_cache(maxsize=512)
def _view(name: str, version: str, flt: Filter, args: tuple) -> object:
    """A ``dashboard.views`` function on the filtered corpus, computed once per (store version, filter)
    and shared by every rerun and session (views never change what they return). A plain LRU cache:
    the key is a frozen ``Filter``, cheaper to hash than Streamlit's cache keys."""
    return getattr(views, name)(_filtered(version, flt), *args)


@lru_cache(maxsize=128)
def _filtered(version: str, flt: Filter) -> Corpus:
    return apply_filter(_corpus(version), flt)


def view(name: str, *args: object) -> object:
    """``view("target_specs")`` -> ``views.target_specs(<filtered corpus>)``, cached per filter."""
    return _view(name, corpus().version, current_filter(), args)


@lru_cache(maxsize=256)
def _table(name: str, version: str, flt: Filter, args: tuple) -> pa.Table:
    return pa.Table.from_pandas(_view(name, version, flt, args), preserve_index=False)


def table(name: str, *args: object) -> pa.Table:
    """A table view as Arrow, converted once per filter: ``st.dataframe`` then skips the pandas
    conversion on every rerun."""
    return _table(name, corpus().version, current_filter(), args)


def filtered() -> tuple[Corpus, Filter]:
    """The corpus after the sidebar filter (cached per store version and filter), and the filter."""
    flt = current_filter()
    return _filtered(corpus().version, flt), flt


def empty_state(c: Corpus) -> bool:
    """Say what to change when the filter leaves nothing; True when empty."""
    if c.engagements.empty:
        st.info(EMPTY_MESSAGE, icon=":material/filter_alt_off:")
        return True
    return False


def select_partner_from_map(chart_key: str) -> None:
    """Callback: a click on a country of the map becomes the partner filter."""
    event = st.session_state.get(chart_key)
    points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else getattr(getattr(event, "selection", None), "points", [])
    codes = [p.get("location") for p in points if p.get("location")]
    if codes:
        st.session_state["partner"] = list(dict.fromkeys(codes))


def plotly_config(spec: ChartSpec) -> dict:
    """Toolbar: PNG at print scale named after the chart; maps read the world from /app/static/."""
    return {
        "displaylogo": False,
        "topojsonURL": TOPOJSON_URL,
        "toImageButtonOptions": {"format": "png", "filename": spec.name, "scale": export.IMAGE_SCALE},
    }


def show_chart(spec: ChartSpec, clickable_map: bool = False) -> None:
    """A chart, its one-sentence summary, its data one click away, and its downloads."""
    key = f"chart_{spec.name}"
    if clickable_map:
        st.plotly_chart(
            spec.figure, key=key, config=plotly_config(spec), on_select=lambda: select_partner_from_map(key),
            selection_mode="points", width="stretch",
        )
    else:
        st.plotly_chart(spec.figure, key=key, config=plotly_config(spec), width="stretch")
    st.caption(spec.summary)
    table = st.expander(f"Data behind “{spec.title}” (table, for screen readers and checking)", key=f"data_{spec.name}", on_change="rerun")
    if table.open:  # drawn only when opened: a collapsed table costs nothing on a rerun
        with table:
            st.dataframe(spec.data, hide_index=True, width="stretch")
    download_row(spec)


def download_row(spec: ChartSpec) -> None:
    """The chart's export menu: CSV (its data with sources), offline HTML, PNG and SVG. The menu's
    buttons are drawn only once it is opened, so a closed menu costs a rerun nothing."""
    menu = st.popover("Export", icon=":material/download:", key=f"export_{spec.name}", on_change="rerun")
    if not menu.open:
        return
    with menu:
        st.download_button("CSV (data and sources)", lambda: export.to_csv(spec), f"{spec.name}.csv", "text/csv", key=f"csv_{spec.name}", on_click="ignore", icon=":material/table:")
        st.download_button("HTML (works offline)", lambda: export.to_html(spec), f"{spec.name}.html", "text/html", key=f"html_{spec.name}", on_click="ignore", icon=":material/public:")
        ok, why = export.images_available()
        if ok:
            st.download_button("PNG (print quality)", lambda: export.to_image(spec.figure, "png"), f"{spec.name}.png", "image/png", key=f"png_{spec.name}", on_click="ignore", icon=":material/image:")
            st.download_button("SVG", lambda: export.to_image(spec.figure, "svg"), f"{spec.name}.svg", "image/svg+xml", key=f"svg_{spec.name}", on_click="ignore", icon=":material/draw:")
        else:
            st.caption(why)


def zip_button(specs: list[ChartSpec], c: Corpus, page: str) -> None:
    """One button for all of a page's charts with ``sources.csv``."""
    if not specs:
        return
    st.download_button(
        "Download all charts of this page (zip, with sources.csv)",
        lambda: export.zip_charts(specs, c),
        f"{page}-charts.zip",
        "application/zip",
        key=f"zip_{page}",
        on_click="ignore",
        icon=":material/folder_zip:",
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: str) -> str:
    """Article text shown as text: every Markdown/HTML-significant character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def highlighted_markdown(segments: list[tuple[str, str | None]]) -> str:
    """Story text with its figures highlighted in place (Markdown, escaped; never HTML)."""
    parts = []
    for text, label in segments:
        escaped = escape_markdown(text).replace("\n", "  \n")
        parts.append(f":orange-background[**{escaped}**]" if label else escaped)
    return "".join(parts)
