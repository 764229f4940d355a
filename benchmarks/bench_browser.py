"""What a user waits for in Chromium: the first chart after a cold start, a page switch (there and back), a partner-filter
change on the Overview and a click on the map, each to the moment the new chart is drawn. Median of ``--runs`` (a new
server each run).

    python benchmarks/bench_browser.py --runs 3 [--width 1280]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import APP, ROOT, _serve

CHART = ".js-plotly-plot .main-svg"


def _wait_for_new_chart(page, marker: str, timeout: float = 60_000) -> None:
    """Wait until a chart on the page is new or redrawn with new data since ``_mark``."""
    page.wait_for_function(
        f"""() => {{
            const old = window['{marker}'];
            const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
            return plots.some(p => (!old.has(p) || old.get(p) !== p.data) && p.querySelector('.main-svg'));
        }}""",
        timeout=timeout,
    )


def _mark(page, marker: str) -> None:
    page.evaluate(f"() => {{ window['{marker}'] = new Map(); document.querySelectorAll('.js-plotly-plot').forEach(p => window['{marker}'].set(p, p.data)); }}")


def _switch(page, label: str, arrived: str) -> float:
    """Seconds from a click on the page's link in the sidebar to its first chart drawn."""
    _mark(page, "old")
    start = time.perf_counter()
    page.locator("[data-testid='stSidebarNav'] a", has_text=label).click()
    page.wait_for_function(arrived)
    _wait_for_new_chart(page, "old")
    elapsed = time.perf_counter() - start
    page.wait_for_timeout(1500)
    return elapsed


def one_run(width: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    proc, url = _serve(Path(APP), ROOT)
    out: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": width, "height": 1000})
            start = time.perf_counter()
            page.goto(url + "/")
            page.wait_for_selector(CHART, timeout=120_000)
            out["cold"] = time.perf_counter() - start
            page.wait_for_timeout(1500)

            out["switch"] = _switch(page, "Targets", "location.pathname.endsWith('/targets')")
            out["switch back"] = _switch(page, "Overview", "!location.pathname.endsWith('/targets')")

            # filter: China on the Overview (its map and bars change)
            _mark(page, "old")
            page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] input").first.click()
            page.keyboard.type("China")
            start = time.perf_counter()
            page.keyboard.press("Enter")
            _wait_for_new_chart(page, "old")
            out["filter"] = time.perf_counter() - start
            page.keyboard.press("Escape")
            page.wait_for_timeout(1000)

            # map click: the Partners page without a filter, then a click on China
            page.goto(url + "/partners")
            page.wait_for_function("document.querySelectorAll('.choroplethlocation').length >= 3", timeout=60_000)
            page.wait_for_timeout(1500)
            index = page.evaluate(
                "() => Array.from(document.querySelectorAll('.choroplethlocation')).findIndex(e => e.__data__ && e.__data__.loc === 'CHN')"
            )
            box = page.locator(".choroplethlocation").nth(index).bounding_box()
            _mark(page, "old")
            start = time.perf_counter()
            page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.5)
            page.wait_for_function("location.search.includes('partner=')", timeout=60_000)
            _wait_for_new_chart(page, "old")
            out["map click"] = time.perf_counter() - start
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--width", type=int, default=1280)
    args = ap.parse_args()
    runs = [one_run(args.width) for _ in range(args.runs)]
    for key in runs[0]:
        values = [r[key] for r in runs]
        print(f"{key:10s} median {statistics.median(values):.2f} s  ({', '.join(f'{v:.2f}' for v in values)})")


if __name__ == "__main__":
    main()
