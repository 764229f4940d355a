"""A real browser against an app on its own store: upload, preview, save, see it on Sources; and an
article full of scripts, onerror images, javascript: links, Markdown and KaTeX runs nothing.

Skipped without Chromium (REQUIRE_BROWSER=1 makes that a failure, as ``.ci/run`` does).
"""

import time
from datetime import date

import pytest
from browser_support import ARTIFACTS, CHART, chromium, require_chromium, serve_app, type_and_choose

from dashboard import SEEDS_DIR
from dashboard.store import ENV_URL, NewArticle, Store

require_chromium()
sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

LOCAL = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1", "data:", "blob:")

SEED = sorted(SEEDS_DIR.iterdir())
UPLOAD = SEED[0].read_text(encoding="utf-8").replace("eyes inclusive digital future", "Korean engineers to visit") + "\n\nArchive note: browser upload.\n"
HOSTILE_TITLE = 'Pakistan <script>window.__pwned="title"</script> and Japan **sign** a $x^2$ pact'
HOSTILE = f"""date 2025-05-05

{HOSTILE_TITLE}

ISLAMABAD: Pakistan and Japan signed a digital economy agreement on Monday. <script>window.__pwned="body";alert(1)</script>
The minister said IT exports reached $3.2 billion last year <img src=x onerror="window.__pwned='img';alert(2)"> and
set a target of $10 billion by 2030 [read more](javascript:window.__pwned='link') and <a href="javascript:alert(3)">here</a>.

**Bold claims**, _emphasis_, # not a heading, | a | table |, $$\\int_0^1 x\\,dx$$ and $E = mc^2$ must show as typed.
:red[not red] <iframe src="https://evil.example/"></iframe> <style>body{{display:none}}</style>
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app on a store of its own holding the seeds and the hostile article."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser-store') / 'store.sqlite3'}"
    store = Store(url).open()
    store.add(NewArticle(text=HOSTILE, name="hostile.txt", how="cli", outlet='<img src=x onerror="window.__pwned=\'outlet\'"> **Outlet** $y$',
                         url="javascript:window.__pwned='url'", published=date(2025, 5, 5)))
    with serve_app(".streamlit-store-test.log", {ENV_URL: url}) as base:
        yield base, store


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    """A page where anything but localhost is blocked and recorded, and every dialog is recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    pg = context.new_page()
    pg.blocked, pg.dialogs = [], []

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            pg.blocked.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def choose_story(pg, text: str) -> None:
    type_and_choose(pg, pg.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first, text)


def test_upload_preview_save_then_see_it_on_sources(app, page, tmp_path):
    base, store = app
    before = store.count()
    upload = tmp_path / "korea-visit.txt"
    upload.write_text(UPLOAD, encoding="utf-8")
    page.goto(base + "/add")
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(upload))
    page.get_by_text("korea-visit.txt").first.wait_for(timeout=60_000)
    page.get_by_role("button", name="Preview").click()
    page.get_by_text("What will be stored").wait_for(timeout=60_000)
    page.get_by_text("1 story,").first.wait_for(timeout=60_000)
    assert store.count() == before  # the preview stores nothing
    page.screenshot(path=str(ARTIFACTS / "add-preview.png"))
    started = time.perf_counter()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("added: korea-visit.txt", exact=False).wait_for(timeout=60_000)
    seconds = time.perf_counter() - started
    (ARTIFACTS / "add-timing.txt").write_text(f"button to saved line: {seconds:.3f} s\n")
    page.screenshot(path=str(ARTIFACTS / "add-saved.png"))
    assert store.count() == before + 1
    assert seconds < 5, seconds  # measured about 0.3 s here; the bound only catches a regression

    page.goto(base + "/sources")
    page.get_by_text("All figures with their quotes").wait_for(timeout=60_000)
    choose_story(page, "Korean engineers")
    page.locator("[data-testid='stMarkdownContainer']", has_text="Korean engineers to visit").last.wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "sources-added.png"))
    assert page.blocked == [] and page.dialogs == []


def nothing_ran(pg) -> None:
    assert pg.evaluate("() => window.__pwned") is None
    assert pg.dialogs == []
    assert pg.locator("a[href^='javascript:' i], a[href^=' javascript:' i]").count() == 0
    assert pg.locator("[data-testid='stMain'] .katex, [data-testid='stSidebar'] .katex").count() == 0
    assert pg.locator("img[src='x'], iframe[src*='evil'], [data-testid='stMain'] style").count() == 0
    assert pg.blocked == []


@pytest.mark.parametrize("path", ["/", "/targets", "/partners", "/timeline"])
def test_a_hostile_article_runs_nothing_on_the_chart_pages(app, page, path):
    base, _ = app
    page.goto(base + path)
    try:
        page.wait_for_selector(CHART, timeout=60_000)
    finally:
        page.screenshot(path=str(ARTIFACTS / f"hostile{path.replace('/', '-')}.png"), full_page=True)
    page.wait_for_timeout(1000)
    nothing_ran(page)


def test_a_hostile_article_shows_literally_on_sources(app, page):
    base, _ = app
    page.goto(base + "/sources")
    page.get_by_text("All figures with their quotes").wait_for(timeout=60_000)
    choose_story(page, "Pakistan <script>")
    story = page.locator("[data-testid='stMarkdownContainer']", has_text="ISLAMABAD: Pakistan and Japan").last
    try:
        story.wait_for(timeout=30_000)
    finally:
        page.screenshot(path=str(ARTIFACTS / "sources-hostile.png"), full_page=True)
    page.wait_for_timeout(1000)
    shown = story.inner_text()
    for literal in ('<script>window.__pwned="body";alert(1)</script>', "<img src=x onerror=", "[read more](javascript:",
                    '<a href="javascript:alert(3)">here</a>', "**Bold claims**", "$$\\int_0^1 x\\,dx$$", "$E = mc^2$", ":red[not red]"):
        assert literal in shown, literal
    caption = page.locator("[data-testid='stCaptionContainer']", has_text="hostile.txt").first.inner_text()
    assert '<img src=x onerror="window.__pwned=\'outlet\'"> **Outlet** $y$' in caption
    assert page.get_by_role("link", name="Open the original article").count() == 0  # a javascript: URL is never a link
    page.screenshot(path=str(ARTIFACTS / "sources-hostile.png"), full_page=True)
    nothing_ran(page)
