"""Page speed: each page's rerun after a filter change against a bare page with as many simple
Plotly charts (five bars each), and the browser's cold start to the first drawn chart against a
bare app's. Both sides run in the same process and on the same machine, one after the other.

    python benchmarks/bench_pages.py              # AppTest reruns, 15 per page
    python benchmarks/bench_pages.py --browser    # also cold starts in Chromium (needs /usr/bin/chromium)
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = {"overview": None, "targets": "pages/targets.py", "partners": "pages/partners.py", "timeline": "pages/timeline.py", "sources": "pages/sources.py"}
FILTERS = (["China"], ["Kazakhstan", "ASEAN"])  # two states the rerun alternates between

BARE = '''
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")
N = {n}
with st.sidebar:
    st.multiselect("Partners", ["China", "Kazakhstan", "ASEAN"], key="partner")
st.title("Bare page")
for i in range(N):
    st.plotly_chart(go.Figure(go.Bar(x=list("abcde"), y=[1, 3, 2, 5, 4])), key=f"c{{i}}")
'''


def _open_app(page: str | None) -> tuple[AppTest, dict[str, str]]:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    if page:
        at.switch_page(page).run()
    widget = at.multiselect(key="partner")
    return at, {widget.format_func(o) if widget.format_func else o: o for o in widget.options}


def _open_bare(n_charts: int) -> AppTest:
    at = AppTest.from_string(BARE.format(n=n_charts), default_timeout=120)
    at.run()
    return at


def _timed_rerun(at: AppTest, value: list[str], before=None) -> float:
    at.multiselect(key="partner").set_value(value)
    if before:
        before()
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    assert not at.exception, at.exception
    return elapsed


def page_vs_bare(page: str | None, reruns: int) -> tuple[int, float, float, float]:
    """(charts, page warm rerun, page rerun with a new filter, bare rerun): medians in seconds.

    The three are timed in turn within one loop, so a slower moment of the machine hits all alike."""
    from dashboard import ui

    app, codes = _open_app(page)
    charts = len(app.get("plotly_chart"))
    bare = _open_bare(max(charts, 1))

    def forget() -> None:  # a filter never chosen before: the per-filter caches are empty
        for cache in (ui._view_cache, ui._filtered_cache, ui._table_cache):
            cache.clear()

    warm, cold, plain = [], [], []
    for k in range(reruns):
        names = FILTERS[k % 2]
        value = [codes[n] for n in names if n in codes]
        warm.append(_timed_rerun(app, value))
        plain.append(_timed_rerun(bare, names))
        cold.append(_timed_rerun(app, [codes[n] for n in FILTERS[(k + 1) % 2] if n in codes], before=forget))
    return charts, statistics.median(warm), statistics.median(cold), statistics.median(plain)


# --------------------------------------------------------------------------- browser cold start
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(script: Path, cwd: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError(f"streamlit did not start for {script}")


def cold_start(script: Path, cwd: Path, path: str = "/") -> float:
    """Seconds from opening the page on a just-started server to the first drawn chart."""
    from playwright.sync_api import sync_playwright

    proc, url = _serve(script, cwd)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(url + path)
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
            elapsed = time.perf_counter() - start
            browser.close()
        return elapsed
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reruns", type=int, default=15)
    ap.add_argument("--browser", action="store_true", help="also time cold starts in Chromium")
    args = ap.parse_args()

    print(f"rerun after a partner-filter change (median of {args.reruns}, AppTest; page, new-filter and bare runs interleaved):")
    print(f"  {'page':10s} {'charts':>6s} {'page ms':>8s} {'bare ms':>8s} {'ratio':>6s}   {'new filter ms':>13s} {'ratio':>6s}")
    worst = 0.0
    for name, page in PAGES.items():
        charts, warm, cold, bare = page_vs_bare(page, args.reruns)
        worst = max(worst, warm / bare)
        print(f"  {name:10s} {charts:6d} {1000 * warm:8.1f} {1000 * bare:8.1f} {warm / bare:6.2f}x   {1000 * cold:13.1f} {cold / bare:6.2f}x")
    print(f"  worst ratio {worst:.2f}x with the view cache warm (target: 1.5x); 'new filter' empties it before each rerun")

    if args.browser:
        with tempfile.TemporaryDirectory() as tmp:
            bare = Path(tmp) / "bare_app.py"
            bare.write_text(BARE.format(n=2))
            ours = statistics.median(cold_start(Path(APP), ROOT) for _ in range(3))
            theirs = statistics.median(cold_start(bare, Path(tmp)) for _ in range(3))
        print("\nbrowser cold start to the first drawn chart (new server each time, median of 3):")
        print(f"  app {1000 * ours:.0f} ms, bare app {1000 * theirs:.0f} ms, ratio {ours / theirs:.2f}x")


if __name__ == "__main__":
    main()
