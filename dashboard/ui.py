"""The Streamlit edge: cached loading, the app-wide filter (bound to the URL), and chart display with export.

Everything here is presentation; the data for each page comes from ``dashboard.views``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Concatenate, Literal, ParamSpec, TypeVar, cast

import pyarrow as pa
import streamlit as st

from dashboard import export, store_ui, views, vocab
from dashboard.filters import Filter, UnknownPartner, apply_filter, parse_day, partner_code, partner_options
from dashboard.load import Corpus, load_store_base, reviewed
from dashboard.partners import registry
from dashboard.text import escape_characters, escape_markdown, paragraphs
from dashboard.views import ChartSpec

if TYPE_CHECKING:
    import pandas as pd

P = ParamSpec("P")
T = TypeVar("T")

TOPOJSON_URL = "/app/static/"
EMPTY_MESSAGE = "Nothing matches this filter. Remove a partner or theme, widen the date range, or tick “Include undated stories” in the sidebar."
CHECKED_HELP = (
    "Show only figures a reviewer confirmed or corrected (the project's own curation included); "
    "figures not yet reviewed are left out of every chart, table and export. Rejected figures are never shown."
)
URL_PROBLEMS = "_partner_url_problems"  # session key: what the address asked for that could not be applied
md = escape_markdown  # the one escaping helper: every article- or user-supplied string shown through Markdown


def app_navigation(position: Literal["sidebar", "hidden"] = "sidebar") -> st.Page:
    """The app's page config and navigation (``app.py``'s first lines): the page the URL asks for.
    The page config comes first: a page's icon would otherwise become the tab's icon, fetched from Google."""
    st.set_page_config(page_title="Pakistan Tech Cooperation Tracker", page_icon="🤝", layout="wide")
    return st.navigation(app_pages(), position=position)


def app_pages() -> list[st.Page]:
    """The app's pages, in menu order: ``app.py``'s navigation, and the one a page opened by its URL hands over to."""
    return [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
        st.Page("pages/targets.py", title="Targets", icon=":material/flag:", url_path="targets"),
        st.Page("pages/partners.py", title="Partners", icon=":material/public:", url_path="partners"),
        st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
        st.Page("pages/sources.py", title="Sources", icon=":material/article:", url_path="sources"),
        st.Page("pages/review.py", title="Review", icon=":material/fact_check:", url_path="review"),
        st.Page("pages/add.py", title="Add articles", icon=":material/note_add:", url_path="add"),
    ]


def ensure_app_navigation() -> None:
    """Make a page opened by its URL run inside ``app.py``'s ``st.navigation``.

    The project keeps its page files in ``pages/`` beside ``app.py``; Streamlit then starts in
    its old pages-folder mode, and a first visit to ``/targets`` right after the server started
    would run the page alone (the pages folder's menu, no page config). Declaring the app's navigation
    (the public ``st.navigation``, hidden: this run draws nothing more) ends that mode for the
    server; the rerun then hands the same URL to ``app.py``, whose navigation resolves it.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:  # read only: st.navigation itself switches the mode off
        app_navigation(position="hidden")
        st.rerun()


@st.cache_resource(show_spinner="Reading articles…", max_entries=2)
def _base(articles_version: str) -> Corpus:
    return load_store_base(store_ui.store())


@st.cache_resource(show_spinner=False, max_entries=4)
def _corpus(version: str) -> Corpus:
    articles_version = version.rsplit(":", 1)[0]
    return replace(reviewed(_base(articles_version), store_ui.store().decisions()), version=version)


def corpus() -> Corpus:
    """The whole corpus of the store, read once per store version and shared by every session: nothing
    changes it (the corpus is frozen, filters and views return new frames). A new article changes the
    store's version, so every session's next rerun reads it; a review decision changes only its review
    part, so the articles as extracted stay cached and only the decisions are applied again."""
    return _corpus(store_ui.version())


@st.cache_resource(max_entries=1)
def _filter_options(_c: Corpus, version: str) -> tuple[list[str], list[str], date, date]:
    """Partner options (with bloc members), theme options and the date span: computed once per corpus."""
    c = _c
    theme_codes = sorted({t for themes in c.engagements["themes"] for t in themes}, key=vocab.theme_label)
    dates = c.engagements["published"].dropna()
    first = dates.min().date() if len(dates) else date(2000, 1, 1)
    last = dates.max().date() if len(dates) else date.today()
    return partner_options(c), theme_codes, first, last


def _partners_from_url(options: list[str]) -> None:
    """On a session's first run, read ``?partner=`` as codes or names (``CHN``, ``China``, ``china``)
    into the partner widget, and keep what cannot be applied (``Atlantis``) to tell the user.

    The partner widget is not bound with ``bind="query-params"``: a bound multiselect reads only its
    labels from the URL and silently drops the rest (``?partner=CHN``, or all but ``ASEAN`` of
    ``?partner=CHN&partner=ASEAN``). :func:`_partners_to_url` writes the codes back."""
    if "partner" in st.session_state:
        return
    values = st.query_params.get_all("partner")
    if not values:
        return
    codes, problems = [], []
    for value in values:
        try:
            codes.append(partner_code(value, options))
        except UnknownPartner as exc:
            problems.append(str(exc))
    st.session_state["partner"] = list(dict.fromkeys(codes))
    st.session_state[URL_PROBLEMS] = problems


def _partners_to_url(codes: list[str]) -> None:
    """Keep ``?partner=`` equal to the selection, as codes (the stable form): ``?partner=CHN&partner=ASEAN``."""
    if st.query_params.get_all("partner") != list(codes):
        if codes:
            st.query_params["partner"] = list(codes)
        else:
            st.query_params.pop("partner", None)


def _date_field(label: str, key: str, hint: str, last: bool) -> date | None:
    """A date typed as 2025-06-01, June 2025 or 2025 (bound to the URL); a bad one is said, and ignored."""
    typed = st.text_input(label, key=key, bind="query-params", placeholder="yyyy-mm-dd, June 2025 or 2025",
                          help=f"{hint} Type a day, a month or a year and press Enter; a month or year means its {'last' if last else 'first'} day.")
    try:
        return parse_day(typed, last=last)
    except ValueError as exc:
        st.warning(md(str(exc)) + "; this date is not applied.", icon=":material/event_busy:")
        return None


def _forget_url_problems() -> None:
    st.session_state.pop(URL_PROBLEMS, None)


def sidebar_filter(c: Corpus) -> Filter:
    """The one filter for the whole app, in the sidebar; every widget is kept in the URL query string.
    A shared link may name partners by code or by name; what it names that is unknown is reported."""
    reg = registry()
    partner_codes, theme_codes, first, last = _filter_options(c, c.version)
    _partners_from_url(partner_codes)
    with st.sidebar:
        st.header("Filter")
        for problem in st.session_state.get(URL_PROBLEMS, ()):
            st.warning("The address asked for a partner that cannot be applied: " + md(problem) + ".", icon=":material/link_off:")
        partners = st.multiselect(
            "Partners",
            partner_codes,
            key="partner",
            format_func=reg.name,
            on_change=_forget_url_problems,
            help="Countries, blocs, organisations and companies. A shared link may name them by ISO3 code (`?partner=CHN`) or by name. A bloc includes its members.",
            placeholder="All partners",
        )
        themes = st.multiselect(
            "Themes", theme_codes, key="theme", bind="query-params", format_func=vocab.theme_label, placeholder="All themes"
        )
        # Text fields, not st.date_input: a typed date applies on Enter, without leaving the field.
        start = _date_field("From", "from", f"Earliest story: {first:%d %b %Y}.", last=False)
        end = _date_field("To", "to", f"Latest story: {last:%d %b %Y}.", last=True)
        undated = st.checkbox("Include undated stories", value=True, key="undated", bind="query-params")
        checked = st.checkbox("Checked figures only", value=False, key="checked", bind="query-params", help=CHECKED_HELP)
        _partners_to_url(partners)
        if partners or themes or start or end or not undated or checked:
            st.caption("This view's address holds the filter: copy it to share it.")
    return Filter(partners=tuple(partners), themes=tuple(themes), start=start, end=end, include_undated=undated, checked_only=bool(checked))


def current_filter() -> Filter:
    """The filter ``app.py`` drew in the sidebar for this run."""
    return st.session_state.get("_filter") or sidebar_filter(corpus())


def _name(fn: Callable) -> str:
    """A view function's cache name: ``"dashboard.views.page_specs"``."""
    return f"{fn.__module__}.{fn.__qualname__}"


# Shared, read-only results: ``st.cache_resource`` hands every session the same object (views never
# change what they return; ``st.cache_data`` would pickle and copy each frame on every call). Each is
# keyed on one string, ``repr((store version, filter, function, arguments))``: hashing one string costs
# Streamlit a quarter of hashing the parts (a frozen ``Filter``, a tuple), and ``repr`` of these values
# is exact. The objects themselves travel unhashed (``_``-prefixed).
@st.cache_resource(show_spinner=False, max_entries=128)
def _filtered_cache(key: str, _version: str, _flt: Filter) -> Corpus:
    return apply_filter(_corpus(_version), _flt)


@st.cache_resource(show_spinner=False, max_entries=512)
def _view_cache(key: str, _fn: Callable, _version: str, _flt: Filter, _args: tuple) -> object:
    return _fn(_filtered(_version, _flt), *_args)


@st.cache_resource(show_spinner=False, max_entries=256)
def _table_cache(key: str, _fn: Callable, _version: str, _flt: Filter, _args: tuple) -> pa.Table:
    return pa.Table.from_pandas(_view(_fn, _version, _flt, _args), preserve_index=False)


def _filtered(version: str, flt: Filter) -> Corpus:
    """The store's corpus at ``version`` under ``flt``, computed once per (version, filter)."""
    return _filtered_cache(repr((version, flt)), version, flt)


def _view(fn: Callable, version: str, flt: Filter, args: tuple) -> object:
    """``fn`` on the corpus at ``version`` filtered by ``flt``, computed once per (store version, filter,
    function, arguments) and shared by every rerun and session. ``fn`` is named by its qualified name."""
    return _view_cache(repr((version, flt, _name(fn), args)), fn, version, flt, args)


def _table(fn: Callable, version: str, flt: Filter, args: tuple) -> pa.Table:
    return _table_cache(repr((version, flt, _name(fn), args)), fn, version, flt, args)


def view(fn: Callable[Concatenate[Corpus, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``view(views.page_specs, "targets")`` -> ``views.page_specs(<filtered corpus>, "targets")``,
    cached per (function, store version, filter, arguments). Positional arguments only (the cache key)."""
    if kwargs:
        raise TypeError(f"ui.view({fn.__qualname__}): pass the view's arguments by position")
    return cast("T", _view(fn, corpus().version, current_filter(), args))


def table(fn: Callable[Concatenate[Corpus, P], pd.DataFrame], *args: P.args, **kwargs: P.kwargs) -> pa.Table:
    """A table view as Arrow, converted once per (function, store version, filter, arguments):
    ``st.dataframe`` then skips the pandas conversion on every rerun. ``table(views.story_table)``."""
    if kwargs:
        raise TypeError(f"ui.table({fn.__qualname__}): pass the view's arguments by position")
    return _table(fn, corpus().version, current_filter(), args)


def filtered() -> tuple[Corpus, Filter]:
    """The corpus after the sidebar filter (cached per store version and filter), and the filter."""
    flt = current_filter()
    return _filtered(corpus().version, flt), flt


def _unchecked(flt: Filter) -> Filter:
    return replace(flt, checked_only=False)


def unchecked() -> Corpus:
    """The corpus under the sidebar's filter with "Checked figures only" set aside (the Review page
    never hides the unreviewed): from the same cache as :func:`filtered`. Rejected figures are in
    ``rejected``, filtered alike."""
    return _filtered(corpus().version, _unchecked(current_filter()))


def review_metrics() -> list[tuple[str, str, str]]:
    """``views.review_metrics`` of the filtered corpus, "Checked figures only" aside: how much of what
    the filter holds is checked is the same whether or not the unchecked figures are shown."""
    return cast("list[tuple[str, str, str]]", _view(views.review_metrics, corpus().version, _unchecked(current_filter()), ()))


def empty_state(c: Corpus) -> bool:
    """The page's one empty state: say what to change when the filter leaves no story; True when empty.
    With "Checked figures only", also say how many figures it leaves out (all of them: none is checked yet)."""
    flt = current_filter()
    if c.engagements.empty:
        st.info(EMPTY_MESSAGE + (" Untick “Checked figures only” to see figures not yet reviewed." if flt.checked_only else ""),
                icon=":material/filter_alt_off:")
        return True
    if flt.checked_only and (note := views.checked_note(c, _filtered(corpus().version, _unchecked(flt)))):
        st.info(md(note), icon=":material/fact_check:")
    return False


def select_partner_from_map(chart_key: str) -> None:
    """Callback: a click on a country of the map becomes the partner filter (a country drawn only as a
    member of a bloc selects that bloc: filtering by the member alone would show nothing)."""
    event = st.session_state.get(chart_key)
    points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else getattr(getattr(event, "selection", None), "points", [])
    c = corpus()
    codes = [code for p in points if p.get("location") for code in views.partners_for_country(c, p["location"])]
    if codes:
        st.session_state["partner"] = list(dict.fromkeys(codes))
        _forget_url_problems()


def plotly_config(spec: ChartSpec) -> dict:
    """Toolbar: PNG at print scale named after the chart; maps read the world from /app/static/."""
    return {
        "displaylogo": False,
        "topojsonURL": TOPOJSON_URL,
        "toImageButtonOptions": {"format": "png", "filename": spec.name, "scale": export.IMAGE_SCALE},
    }


def show_chart(spec: ChartSpec, clickable_map: bool = False) -> bool:
    """A chart, its one-sentence summary, its data one click away, and its downloads. A chart with
    nothing to draw is one line saying why (its summary), not an empty frame plus the same words.
    The figure is drawn as built (``theme=None``): its own template, as in every export. True when drawn."""
    if spec.heading:
        st.subheader(md(spec.heading))
    if spec.empty:  # "Path to each target: no target with a reported current value for this filter."
        st.caption(md(f"{spec.title}: {spec.summary[:1].lower()}{spec.summary[1:]}"))
        return False
    key = f"chart_{spec.name}"
    if clickable_map:
        st.plotly_chart(
            spec.figure, key=key, config=plotly_config(spec), on_select=lambda: select_partner_from_map(key),
            selection_mode="points", width="stretch", theme=None,
        )
    else:
        st.plotly_chart(spec.figure, key=key, config=plotly_config(spec), width="stretch", theme=None)
    st.caption(md(spec.summary))
    table = st.expander(md(f"Data behind “{spec.title}” (table, for screen readers and checking)"), key=f"data_{spec.name}", on_change="rerun")
    if table.open:  # drawn only when opened: a collapsed table costs nothing on a rerun
        with table:
            st.dataframe(views.for_display(spec.data), hide_index=True, width="stretch")
    download_row(spec)
    return True


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
            st.caption(md(why + " The chart's own camera button saves a PNG from the browser."))


def zip_button(specs: list[ChartSpec], c: Corpus, page: str) -> None:
    """One button for all of a page's charts with ``sources.csv``."""
    specs = [spec for spec in specs if not spec.empty]
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


def highlighted_markdown(segments: list[tuple[str, str | None]]) -> str:
    """Story text with its figures highlighted in place: escaped as :func:`escape_markdown` escapes,
    laid out in paragraphs, figures in ``:orange-background[**…**]``; never HTML."""
    parts = []
    for text, label in segments:
        escaped = escape_characters(text)
        parts.append(f":orange-background[**{' '.join(escaped.split())}**]" if label and escaped.strip() else escaped)
    return paragraphs("".join(parts))
