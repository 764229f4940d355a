"""A real browser against an app on its own store: upload, preview, save, see it on Sources; and an
article full of scripts, onerror images, javascript: links, Markdown and KaTeX runs nothing.

Skipped without Chromium (REQUIRE_BROWSER=1 makes that a failure, as ``.ci/run`` does).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from dashboard import SEEDS_DIR
from dashboard.store import ENV_URL, NewArticle, Store

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHART = ".js-plotly-plot .main-svg"
LOCAL = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1", "data:", "blob:")

if not Path(CHROMIUM).exists():
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise RuntimeError("REQUIRE_BROWSER=1 but no Chromium at /usr/bin/chromium: apt-get install -y chromium")
    pytest.skip("no Chromium: apt-get install -y chromium to run the browser tests", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app on a store of its own holding the seeds and the hostile article."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser-store') / 'store.sqlite3'}"
    store = Store(url).open()
    store.add(NewArticle(text=HOSTILE, name="hostile.txt", how="cli", outlet='<img src=x onerror="window.__pwned=\'outlet\'"> **Outlet** $y$',
                         url="javascript:window.__pwned='url'", published=date(2025, 5, 5)))
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS.parent / ".streamlit-store-test.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, ENV_URL: url},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.terminate()
        pytest.fail("streamlit did not start: see tests/.streamlit-store-test.log")
    yield base, store
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        )
        yield b
        b.close()


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
    pg.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.click()
    pg.keyboard.type(text)
    pg.keyboard.press("Enter")


def test_upload_preview_save_then_see_it_on_sources(app, page, tmp_path):
    base, store = app
    before = store.count()
    upload = tmp_path / "korea-visit.txt"
    upload.write_text(UPLOAD, encoding="utf-8")
    page.goto(base + "/add")
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(upload))
    page.get_by_text("korea-visit.txt").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Preview").click()
    page.get_by_text("What will be stored").wait_for(timeout=30_000)
    page.get_by_text("1 stories").first.wait_for(timeout=30_000)
    assert store.count() == before  # the preview stores nothing
    page.screenshot(path=str(ARTIFACTS / "add-preview.png"))
    started = time.perf_counter()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("added: korea-visit.txt", exact=False).wait_for(timeout=30_000)
    seconds = time.perf_counter() - started
    (ARTIFACTS / "add-timing.txt").write_text(f"button to saved line: {seconds:.3f} s\n")
    page.screenshot(path=str(ARTIFACTS / "add-saved.png"))
    assert store.count() == before + 1
    assert seconds < 5, seconds  # measured about 0.3 s here; the bound only catches a regression

    page.goto(base + "/sources")
    page.get_by_text("All figures with their quotes").wait_for(timeout=60_000)
    choose_story(page, "Korean engineers")
    page.locator("[data-testid='stMarkdownContainer']", has_text="Korean engineers to visit").last.wait_for(timeout=30_000)
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
