"""A real browser: Playwright drives Debian's Chromium against the app on localhost, nothing else reachable.

Skipped without Chromium (set REQUIRE_BROWSER=1 to make that a failure, as ``.ci/run`` does).
"""

import zipfile

import pytest
from browser_support import ARTIFACTS, CHART, chromium, require_chromium, serve_app, type_and_choose

require_chromium()
sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

MARKS = ".js-plotly-plot .bars path, .js-plotly-plot .scatterlayer .point, .js-plotly-plot .choroplethlocation"
LOCAL = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1")


@pytest.fixture(scope="module")
def server():
    with serve_app(".streamlit-test.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    """A page where every request to anything but localhost is blocked and recorded."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.blocked = []

    def route(r):
        if r.request.url.startswith(LOCAL) or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            pg.blocked.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    yield pg
    context.close()


def open_page(pg, url: str, name: str):
    pg.goto(url)
    pg.wait_for_selector(CHART, timeout=60_000)
    pg.wait_for_timeout(500)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize(
    ("path", "name", "charts"),
    [("/", "overview", 2), ("/targets", "targets", 2), ("/partners", "partners", 1), ("/timeline", "timeline", 1)],
)
def test_every_page_draws_its_charts_offline(server, page, path, name, charts):
    open_page(page, server + path, name)
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length >= {charts}", timeout=30_000)
    page.wait_for_selector(MARKS, timeout=30_000)
    assert page.locator(MARKS).count() > 0
    assert page.blocked == []


def test_map_has_country_shapes_and_a_click_filters_the_app(server, page):
    open_page(page, server + "/partners", "partners-map")
    page.wait_for_function("document.querySelectorAll('.choroplethlocation').length >= 3", timeout=30_000)
    assert page.locator(".js-plotly-plot .layer.countries path, .js-plotly-plot .layer.land path").count() > 0
    index = page.evaluate(
        "() => Array.from(document.querySelectorAll('.choroplethlocation')).findIndex(e => e.__data__ && e.__data__.loc === 'CHN')"
    )
    assert index >= 0
    box = page.locator(".choroplethlocation").nth(index).bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.5)
    page.get_by_text("Map of 1 partner country named in the stories (China)").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "partners-clicked.png"))
    assert page.blocked == []


def test_sources_page_shows_text_and_highlights(server, page):
    page.goto(server + "/sources")
    page.get_by_text("Pakistan, global crypto exchange discuss", exact=False).first.wait_for(timeout=60_000)  # newest first
    type_and_choose(page, page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first, "Chinese experts")
    highlighted = page.locator("[data-testid='stMarkdownContainer'] strong", has_text="$2.7 trillion")
    highlighted.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    highlighted.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "sources.png"))
    assert page.locator("[data-testid='stMarkdownContainer'] strong").count() == 4
    assert page.blocked == []


def test_partner_filter_from_the_sidebar_goes_into_the_url(server, page):
    open_page(page, server + "/targets", "targets-before")
    type_and_choose(page, page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] input").first, "China")
    page.keyboard.press("Escape")
    page.get_by_text("about 1.9% of China's $2.7T", exact=False).first.wait_for(timeout=30_000)
    page.wait_for_function("location.search.includes('partner=CHN')", timeout=30_000)  # the code: the stable form
    page.screenshot(path=str(ARTIFACTS / "targets-china.png"))
    page.locator("[data-testid='stSidebarNav'] a", has_text="Timeline").click()
    page.wait_for_function("location.pathname.endsWith('/timeline') && location.search.includes('partner=CHN')", timeout=30_000)
    page.locator("[data-testid='stSidebarNav'] a", has_text="Targets").click()
    page.wait_for_function("location.pathname.endsWith('/targets') && location.search.includes('partner=CHN')", timeout=30_000)
    shared = page.url
    page.goto(shared)
    page.wait_for_selector(CHART, timeout=60_000)
    page.get_by_text("This view's address holds the filter").wait_for(timeout=30_000)  # the reload keeps the filter
    chips = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.inner_text()
    assert "China" in chips, chips
    assert page.blocked == []


def test_downloads_csv_and_images(server, page):
    open_page(page, server + "/targets", "targets-downloads")
    page.get_by_role("button", name="Export").first.click()
    with page.expect_download(timeout=60_000) as csv_download:
        page.get_by_role("button", name="CSV (data and sources)").first.click()
    assert csv_download.value.suggested_filename == "targets_vs_current.csv"
    csv_path = ARTIFACTS / "targets_vs_current.csv"
    csv_download.value.save_as(csv_path)
    assert "quote" in csv_path.read_text().splitlines()[0]

    with page.expect_download(timeout=90_000) as png_download:
        page.get_by_role("button", name="PNG (print quality)").first.click()
    png_path = ARTIFACTS / "targets_vs_current.png"
    png_download.value.save_as(png_path)
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    page.locator(".js-plotly-plot").first.hover()
    with page.expect_download(timeout=60_000) as toolbar_download:
        page.locator(".js-plotly-plot").first.locator("[data-title='Download plot as a png'], [data-title*='Download']").first.click()
    assert toolbar_download.value.suggested_filename == "targets_vs_current.png"

    page.keyboard.press("Escape")  # close the export menu: a rerun, which renews the zip button's file
    page.wait_for_timeout(300)  # the rerun starts ...
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=60_000)  # ... and ends
    zip_path = ARTIFACTS / "targets-charts.zip"
    for _ in range(3):  # a click landing while that rerun replaces the button gets a stale file: click again
        with page.expect_download(timeout=120_000) as zip_download:
            page.get_by_role("button", name="Download all charts of this page").click()
        if zip_download.value.failure() is None:
            break
    zip_download.value.save_as(zip_path)
    names = set(zipfile.ZipFile(zip_path).namelist())
    assert {"sources.csv", "targets_vs_current.png", "targets_vs_current.svg", "target_paths.html"} <= names
    assert page.blocked == []


@pytest.mark.parametrize("width", [1280, 1400, 1920])
def test_chart_labels_stay_inside_their_charts(server, browser, width):
    """Every text of every chart (tick labels, legend, bar texts, notes) lies inside the chart's frame."""
    context = browser.new_context(viewport={"width": width, "height": 1000})
    pg = context.new_page()
    try:
        for path, n in (("/targets", 2), ("/timeline", 1), ("/partners", 1)):
            pg.goto(server + path)
            pg.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {n}", timeout=60_000)
            pg.wait_for_timeout(800)
            outside = pg.evaluate(
                """() => {
                    const out = [];
                    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
                        const frame = plot.querySelector('.main-svg').getBoundingClientRect();
                        for (const t of plot.querySelectorAll('text')) {
                            const r = t.getBoundingClientRect();
                            if (!t.textContent.trim() || r.width === 0) continue;
                            if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1)
                                out.push(t.textContent);
                        }
                    }
                    return out;
                }"""
            )
            assert outside == [], (path, width, outside)
            pg.screenshot(path=str(ARTIFACTS / f"{path.strip('/')}-{width}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("value", ["CHN", "China"])
def test_a_shared_link_with_a_code_or_a_name_opens_filtered(server, page, value):
    open_page(page, f"{server}/targets?partner={value}", f"targets-link-{value}")
    page.get_by_text("about 1.9% of China's $2.7T", exact=False).first.wait_for(timeout=30_000)
    chips = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.inner_text()
    assert "China" in chips, chips
    page.get_by_text("Pakistan-wide, for context").wait_for(timeout=30_000)
    assert page.blocked == []


def test_an_unknown_partner_in_the_link_is_reported(server, page):
    open_page(page, f"{server}/?partner=Atlantis", "overview-atlantis")
    page.get_by_text("unknown partner 'Atlantis'", exact=False).wait_for(timeout=30_000)


def test_a_typed_date_applies_without_leaving_the_field(server, page):
    open_page(page, server + "/timeline", "timeline-before-date")
    field = page.locator("[data-testid='stSidebar'] [data-testid='stTextInput'] input").first
    field.click()
    page.keyboard.type("2025-06-01")
    page.keyboard.press("Enter")
    page.get_by_text("2 dated stories from Oct 2025 to Dec 2025", exact=False).wait_for(timeout=30_000)
    assert "from=2025-06-01" in page.url
    assert page.evaluate("document.activeElement.closest('[data-testid=\"stTextInput\"]') !== null")  # still in the field
    page.screenshot(path=str(ARTIFACTS / "timeline-typed-date.png"))


def test_checked_figures_only_goes_into_the_url_and_a_reload_keeps_it(server, page):
    open_page(page, server + "/timeline", "timeline-before-checked")
    switch = page.locator("[data-testid='stSidebar'] [data-testid='stCheckbox']", has_text="Checked figures only")
    switch.click()
    page.wait_for_function("new URLSearchParams(location.search).get('checked') === 'true'", timeout=30_000)
    page.goto(page.url)
    page.wait_for_selector(CHART, timeout=60_000)
    assert switch.locator("input").is_checked()
    page.get_by_text("This view's address holds the filter").wait_for(timeout=30_000)
    assert page.blocked == []


NAV = ["Overview", "Targets", "Partners", "Timeline", "Sources", "Review", "Add articles"]


def test_a_deep_link_as_the_servers_first_visit_runs_inside_the_apps_navigation(page):
    """Right after the server starts, ``/targets`` as the very first request: the page runs inside
    ``app.py`` (its menu, its sidebar filter, its page config), not alone from the pages folder."""
    with serve_app(".streamlit-test-deep-link.log") as base:
        page.goto(base + "/targets")
        try:
            page.wait_for_selector(CHART, timeout=60_000)
            page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.wait_for(timeout=30_000)
        finally:
            page.screenshot(path=str(ARTIFACTS / "deep-link-first-visit.png"))
        page.wait_for_function(f"document.querySelectorAll(\"[data-testid='stSidebarNav'] a\").length >= {len(NAV)}", timeout=30_000)
        links = page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()
        assert [text.split("\n")[-1] for text in links] == NAV  # each link: its icon's ligature, then its label
        assert page.title() == "Pakistan Tech Cooperation Tracker"  # app.py's page config
        assert page.locator("h1", has_text="Targets").count() == 1
        assert page.blocked == []
