"""The review walkthrough as a new user tried it (issue 10, "Done when"), in a real browser: a store of
four short articles of our own (two outlets disagreeing on one Chinese investment), a name, a
confirm, a correction of a kind, a conflict resolved with "both", "Checked figures only" changing the
Targets chart and staying in a shared link, and sources.csv carrying the review columns.

A defect found in the trial, now fixed and kept as a test: a URL a user types was rendered as a live link.

Skipped without Chromium (REQUIRE_BROWSER=1 makes that a failure, as ``.ci/run`` does).
"""

import csv
import io

import pytest
from browser_support import CHART, chromium, require_chromium, serve_app, type_and_choose

from dashboard.store import ENV_URL, NewArticle, Store

require_chromium()
sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

LOG = "artifacts/streamlit-review-trial-test.log"
CARD = ".st-key-review_card"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"

TEN = ("China to invest $10 billion in Pakistan's technology parks in 2025\n\n"
       "ISLAMABAD: China will invest $10 billion in special technology zones in Pakistan in 2025, the planning minister said on Monday.")
TWELVE = ("Chinese tech investment pegged at $12 billion\n\n"
          "KARACHI: Chinese firms are set to invest $12 billion in Pakistan's technology sector in 2025, according to the Board of Investment.")
SAUDI = ("Saudi Arabia rolls over $3 billion deposit\n\n"
         "RIYADH: Saudi Arabia has agreed to roll over its $3 billion deposit with the State Bank of Pakistan for another year, "
         "the finance ministry said in 2024.")
IT = ("Government sets $15 billion IT exports target\n\n"
      "LAHORE: The federal IT minister said Pakistan aims to raise its IT exports to $15 billion by 2030. "
      "IT exports stood at $3.2 billion in fiscal year 2024, the minister told a conference of software houses.")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('trial') / 'store.sqlite3'}"
    store = Store(url).open()
    for text, name in ((TEN, "dawn.txt"), (TWELVE, "recorder.txt"), (SAUDI, "arabnews.txt"), (IT, "tribune.txt")):
        store.add(NewArticle(text=text, name=name, how="cli"))
    with serve_app(LOG, {ENV_URL: url}) as base, chromium() as browser:
        yield base, browser


def settled(page) -> None:
    """The rerun a click started has ended: the card is there and no script runs."""
    page.locator(CARD).wait_for(timeout=60_000)
    page.locator(IDLE).wait_for(timeout=60_000)


def open_review(browser, base: str, name: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)  # a loaded machine: every wait waits for an element, never a fixed time
    page.goto(base + "/review")
    page.get_by_role("button", name="Confirm").wait_for(timeout=60_000)
    box = page.get_by_role("textbox", name="Your name")
    box.fill(name)
    box.press("Enter")
    page.get_by_text("Decisions are recorded as").filter(has_text=name[:4]).wait_for(timeout=30_000)
    settled(page)
    return context, page


def success(page, words: str) -> None:
    page.get_by_test_id("stAlertContentSuccess").get_by_text(words).wait_for(timeout=30_000)


def choose(page, key: str, option: str) -> None:
    """Pick ``option`` in the selectbox keyed ``key``: open it, type, click the option."""
    type_and_choose(page, page.locator(f".st-key-{key} input"), option)
    sync_api.expect(page.locator(f".st-key-{key} input")).to_have_value(option, timeout=30_000)


def pick(page, label: str) -> None:
    """Bring the figure whose picker label holds ``label`` into focus from the keyboard."""
    settled(page)
    type_and_choose(page, page.locator(".st-key-review_focus input"), label)
    page.locator(CARD, has_text=label).wait_for(timeout=30_000)
    settled(page)


def targets_bars(page) -> int:
    """How many "current (latest actual)" bars the Targets chart draws."""
    page.wait_for_selector(CHART, timeout=60_000)
    page.locator(IDLE).wait_for(timeout=60_000)
    return page.evaluate(
        "() => { const g = document.querySelector('.js-plotly-plot');"
        " const t = (g._fullData || []).find(t => t.name === 'current (latest actual)'); return t ? Array.from(t.x).length : 0; }"
    )


def test_a_new_user_reviews_resolves_and_sees_it_in_charts_and_exports(served):
    base, browser = served
    context, page = open_review(browser, base, "Trial Reviewer")
    try:
        page.get_by_role("heading", name="Conflicting reports (1 open conflict)").wait_for()
        page.locator(CARD, has_text="Why look: conflicts with another report").wait_for()  # the conflict's figures first
        page.get_by_role("button", name="Both (different things)").click()
        success(page, "Resolved a conflict: kept both")
        settled(page)
        page.get_by_role("heading", name="Conflicting reports (0 open conflicts)").wait_for()

        pick(page, "$15B")
        page.get_by_role("button", name="Confirm").click()
        success(page, "Confirmed $15B")
        page.locator(CARD).locator("[data-testid=stMarkdownContainer]").first.filter(has_not_text="$15B").wait_for()  # the next figure
        settled(page)

        pick(page, "$3B")
        choose(page, "fix_kind", "estimate")
        page.get_by_role("button", name="Save correction").click()
        success(page, "Corrected $3B")
        settled(page)

        page.goto(base + "/targets")
        everything = targets_bars(page)
        page.get_by_text("Checked figures only").click()
        page.wait_for_url("**checked=true**")
        page.get_by_text("1 not yet reviewed is left out").wait_for(timeout=30_000)  # the rerun drew the checked view
        checked = targets_bars(page)
        assert checked == everything - 1  # the unreviewed $3.2B actual leaves the chart
        shared = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
        shared.goto(page.url)
        assert targets_bars(shared) == checked
        assert shared.get_by_role("checkbox", name="Checked figures only").is_checked()
        shared.context.close()

        page.goto(base + "/sources")
        button = page.get_by_role("button", name="sources.csv")
        button.wait_for(timeout=60_000)
        page.locator(IDLE).wait_for(timeout=60_000)
        with page.expect_download(timeout=60_000) as download:
            button.click()
        rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
        by_raw = {row["raw"]: row for row in rows}
        assert {"review", "reviewed_by", "reviewed_at"} <= set(rows[0])
        assert by_raw["$3 billion"]["review"] == "corrected" and by_raw["$3 billion"]["reviewed_by"] == "Trial Reviewer"
        assert by_raw["$3.2 billion"]["review"] == "unreviewed" and by_raw["$3.2 billion"]["reviewed_by"] == ""
    finally:
        context.close()


def test_a_url_in_a_reviewers_name_is_shown_as_text_not_as_a_link(served):
    base, browser = served
    context, page = open_review(browser, base, "Ann http://example.com")
    try:
        caption = page.get_by_text("Decisions are recorded as")
        assert "http://example.com" in caption.inner_text().replace("\u200b", "")  # shown, with a zero-width break
        assert caption.locator("a").count() == 0
    finally:
        context.close()
