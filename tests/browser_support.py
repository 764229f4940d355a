"""What the browser tests share: Debian's Chromium through Playwright, and the app served on a free port.

``require_chromium()`` at a test module's top skips the module without Chromium (a failure with
REQUIRE_BROWSER=1, as ``.ci/run`` sets); ``serve_app`` starts the app and waits for its health check.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHART = ".js-plotly-plot .main-svg"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def require_chromium() -> None:
    """Skip the calling test module without Chromium; with REQUIRE_BROWSER=1 that is an error."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            raise RuntimeError("REQUIRE_BROWSER=1 but no Chromium at /usr/bin/chromium: apt-get install -y chromium")
        pytest.skip("no Chromium: apt-get install -y chromium to run the browser tests", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_app(log_name: str, env: dict[str, str] | None = None):
    """The app on a free localhost port, its output in ``tests/<log_name>``; yields its base URL."""
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS.parent / log_name, "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail(f"streamlit did not start: see tests/{log_name}")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


@contextmanager
def chromium():
    """One headless Chromium for a module's tests."""
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def type_and_choose(page, field, text: str, tries: int = 3) -> None:
    """Open a Streamlit select box or multiselect (``field``, a locator inside it or on its input), type
    ``text`` and click the first option holding it.

    The option is waited for before Enter, and a rerun that lands while the list is open (it closes
    the list) is met by opening it again, so a loaded machine never makes the choice miss."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(tries):
        field.click()
        page.keyboard.type(text)
        option = page.get_by_role("option").filter(has_text=text).first
        try:
            option.wait_for(timeout=20_000)
            option.click()  # not Enter: before the typed filter applies, Enter takes the option highlighted then
            return
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
