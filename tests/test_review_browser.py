"""A real browser on the Review page: open it, give a name, confirm a figure, correct the next one from
the keyboard (Enter in the form), see the next figure come up each time; restart the server on the same
store and find both decisions as left. Times are written to tests/artifacts/review-timing.txt.

Skipped without Chromium (REQUIRE_BROWSER=1 makes that a failure, as ``.ci/run`` does).
"""

import time

import pytest
from browser_support import ARTIFACTS, chromium, require_chromium, serve_app, type_and_choose
from test_review_pages import DAWN, RECORDER

from dashboard.store import ENV_URL, NewArticle, Store

require_chromium()
sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

LOG = "artifacts/streamlit-review-test.log"
CARD = ".st-key-review_card"


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def card_shows(page, words: str, timeout: int = 30_000) -> None:
    """Wait until the figure in focus is the one whose quote holds ``words``."""
    page.locator(CARD, has_text=words).wait_for(timeout=timeout)


def screenshot(page, name: str) -> None:
    """The whole page at 1280 px (Streamlit scrolls inside the page: a tall window shows all of it)."""
    page.get_by_role("button", name="Confirm").wait_for()
    page.get_by_role("button", name="Save correction").wait_for()
    page.set_viewport_size({"width": 1280, "height": 3200})
    page.locator("[data-testid='stDataFrame'] canvas").first.wait_for()
    page.get_by_role("heading", name="Needs a look again").wait_for()
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 1000})


def pick(page, label: str) -> None:
    """Bring a figure into focus with the keyboard: the picker, its label typed, Enter."""
    type_and_choose(page, page.locator("[data-testid='stSelectbox']", has_text="Figure in focus").locator("input"), label)


def test_confirm_and_correct_in_a_browser_then_a_restart_keeps_them(browser, tmp_path):
    url = f"sqlite:///{tmp_path / 'review-browser.sqlite3'}"
    store = Store(url).open()
    store.add(NewArticle(text=DAWN, name="dawn.txt", how="cli"))
    store.add(NewArticle(text=RECORDER, name="recorder.txt", how="cli"))
    timings = {}
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        with serve_app(LOG, {ENV_URL: url}) as base:
            started = time.perf_counter()
            page.goto(base + "/review")
            card_shows(page, "KARACHI", timeout=60_000)  # the conflict's newer report, most doubtful first
            timings["open /review to the first figure shown"] = time.perf_counter() - started
            page.get_by_role("heading", name="Conflicting reports (1 open conflict)").wait_for()
            screenshot(page, "review-1280.png")

            name = page.get_by_role("textbox", name="Your name")
            name.fill("Browser Tester")
            name.press("Enter")
            page.get_by_text("Decisions are recorded as Browser Tester").wait_for(timeout=30_000)

            started = time.perf_counter()
            page.get_by_role("button", name="Confirm").click()
            card_shows(page, "ISLAMABAD")  # the next figure came up
            page.get_by_test_id("stAlertContentSuccess").get_by_text("Confirmed $8B").wait_for(timeout=30_000)
            timings["click on Confirm to the next figure shown"] = time.perf_counter() - started
            assert [(e.action, e.raw, e.who) for e in store.decisions()] == [("confirm", "$8 billion", "Browser Tester")]

            year = page.locator(CARD).get_by_role("textbox", name="Year")
            assert year.input_value() == "2024"
            year.fill("2023")
            started = time.perf_counter()
            year.press("Enter")  # Enter in the form saves the correction
            page.get_by_test_id("stAlertContentSuccess").get_by_text("Corrected $5B").wait_for(timeout=30_000)
            card_shows(page, "remittances could reach")  # and the next figure came up
            timings["Enter in the correction form to the next figure shown"] = time.perf_counter() - started
            assert page.locator(CARD).get_by_role("textbox", name="Year").input_value() == "2026"  # the form holds the new figure's values
            assert [(e.action, e.changes) for e in store.decisions()][1] == ("correct", {"year": 2023})
            page.keyboard.press("Escape")
            page.keyboard.press("Alt+A")  # the keyboard shortcut of Confirm
            page.get_by_test_id("stAlertContentSuccess").get_by_text("Confirmed", exact=False).filter(has_not_text="$8B").wait_for(timeout=30_000)
            assert [e.action for e in store.decisions()] == ["confirm", "correct", "confirm"]
            page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=60_000)
            page.keyboard.press("Alt+Z")  # undoes that last decision, though the next figure is in focus
            page.get_by_test_id("stAlertContentSuccess").get_by_text("undid your last decision", exact=False).wait_for(timeout=30_000)
            assert [e.action for e in store.decisions()] == ["confirm", "correct", "confirm", "undo"]
            page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=60_000)
            screenshot(page, "review-after-decisions.png")

        with serve_app(LOG, {ENV_URL: url}) as base:  # the server restarted on the same store
            page.goto(base + "/review")
            page.locator(CARD).wait_for(timeout=60_000)
            page.get_by_role("heading", name="The queue").wait_for()
            assert page.get_by_role("heading", name="Conflicting reports").count() == 0
            pick(page, "$8B")
            card_shows(page, "KARACHI")
            page.locator(CARD).get_by_text("Status: confirmed by Browser Tester").wait_for(timeout=30_000)
            pick(page, "$5B")
            card_shows(page, "ISLAMABAD")
            page.locator(CARD).get_by_text("Status: corrected by Browser Tester").wait_for(timeout=30_000)
            page.locator(CARD).get_by_text("$5B · actual · IT exports · 2023 · China").wait_for()
            screenshot(page, "review-after-restart.png")
    finally:
        (ARTIFACTS / "review-timing.txt").write_text("".join(f"{k}: {v:.3f} s\n" for k, v in timings.items()))
        context.close()
    assert errors == []
    assert all(seconds < 10 for seconds in timings.values()), timings  # measured well under this; catches a regression
