"""The article store under load: a folder of N articles added from the CLI, the store read back,
the app's first chart with N stored articles, and one article added from the Add page.

    python benchmarks/bench_store.py                 # 1,000 articles, a new SQLite store in a temp dir
    python benchmarks/bench_store.py -n 200 --url postgresql+psycopg://user@host/db   # an empty database

The articles are the seed and evaluation articles with the digits of their amounts redrawn
(``bench_extract.corpus``), each with a closing line of its own so that no two texts are alike.
Nothing is written inside the repository. The browser steps need Chromium at /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_extract import corpus  # noqa: E402

from dashboard.store import ENV_URL, Store  # noqa: E402

CHART = ".js-plotly-plot .main-svg"
PASTE = "date 2026-11-30\n\nPakistan and Korea sign a software export pact\n\nISLAMABAD: Pakistan and South Korea signed an agreement " \
        "on Monday to raise IT exports to $5 billion by 2030, the minister said. Exports stood at $3.2 billion last year.\n"


def run(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def load_times(env: dict) -> str:
    """load_store in a new process (twice: the first one extracts and fills the store's extraction cache,
    the second reads it back), and again in the same process."""
    code = (
        "import time; from dashboard.store import Store; from dashboard.load import load_store\n"
        "s = Store().open(); t = time.perf_counter(); c = load_store(s); cold = time.perf_counter() - t\n"
        "t = time.perf_counter(); load_store(s); warm = time.perf_counter() - t\n"
        "print(f'{len(c.stories)} stories, {len(c.figures)} figures', cold, warm)"
    )
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout.split()
            for _ in range(2)]
    what = " ".join(runs[0][:-2])
    return (f"{what}: a new process extracting them {float(runs[0][-2]):.2f} s, a new process reading the store's "
            f"extraction cache {float(runs[1][-2]):.2f} s, the same process again {float(runs[1][-1]):.2f} s")


def browser_steps(env: dict, skip_charts: bool = False, first_page: str = "/") -> None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        print("app: skipped (no Chromium)")
        return
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
         "--server.address", "127.0.0.1"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        up = time.perf_counter() - started
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for label in ("first visit (server just started: reads the store)", "second session")[: 0 if skip_charts else 2]:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                t = time.perf_counter()
                page.goto(base + first_page)
                page.wait_for_selector(CHART, timeout=600_000)
                print(f"app: first chart of {first_page}, {label}: {time.perf_counter() - t:.2f} s")
                page.close()
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(base + "/add")
            page.wait_for_selector("[data-testid='stSidebar'] [data-testid='stMultiSelect']", timeout=600_000)
            page.get_by_label("…or paste an article").fill(PASTE)
            page.get_by_role("button", name="Preview").click()
            page.get_by_text("What will be stored").wait_for(timeout=120_000)
            t = time.perf_counter()
            page.get_by_role("button", name="Save").click()
            page.get_by_text("added: pasted text", exact=False).wait_for(timeout=120_000)
            print(f"app: one article, Save button to the saved line: {time.perf_counter() - t:.2f} s")
            page.goto(base + "/timeline")
            t = time.perf_counter()
            page.wait_for_selector(CHART, timeout=600_000)
            print(f"app: then the Timeline's chart, with the new article: {time.perf_counter() - t:.2f} s")
            browser.close()
        print(f"app: server up in {up:.2f} s")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000, help="articles in the folder (default 1000)")
    ap.add_argument("--url", help="an empty database to use (default: a new SQLite file in a temp dir)")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--store", help="an existing SQLite file to copy and use instead of adding a folder (browser steps only)")
    ap.add_argument("--skip-charts", action="store_true", help="browser: only the Add page step")
    ap.add_argument("--first-page", default="/", help="the page whose first chart is timed (default /, the Overview)")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-store-"))
    try:
        url = args.url or f"sqlite:///{work / 'store.sqlite3'}"
        env = {**os.environ, ENV_URL: url}
        if args.store:
            shutil.copy(args.store, work / "store.sqlite3")
            browser_steps(env, args.skip_charts, args.first_page)
            return
        folder = work / "articles"
        folder.mkdir()
        for i, text in enumerate(corpus(args.n)):
            (folder / f"article-{i:05}.txt").write_text(text + f"\n\nArchive copy {i}.\n", encoding="utf-8")
        Store(url).open()
        seconds = run([sys.executable, "-m", "dashboard", "add", str(folder)], env)
        stored = Store(url).count()
        print(f"add: a folder of {args.n} articles in {seconds:.2f} s ({seconds / args.n * 1000:.1f} ms each, process start included); {stored} stored")
        print(f"load_store: {load_times(env)}")
        if not args.no_browser:
            browser_steps(env, args.skip_charts, args.first_page)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
