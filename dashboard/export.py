"""Chart export: PNG and SVG (kaleido + a local Chromium), offline HTML, CSV, and zips.

Maps never reach a CDN: kaleido reads the world topojson from ``static/`` and the HTML
file carries it inline (plotly.js looks in ``window.PlotlyGeoAssets`` before fetching).
A single HTML download carries plotly.js inline; a zip or an export folder holds one shared
``plotly.min.js`` beside its HTML files, which load it by relative path.
Every CSV goes through :func:`frame_csv`, which keeps cells from starting a spreadsheet formula.
"""

from __future__ import annotations

import io
import json
import shutil
import threading
import zipfile
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard import STATIC_DIR
from dashboard.filters import Filter, apply_filter
from dashboard.load import Corpus
from dashboard.views import PAGES, ChartSpec, page_specs, sources_csv

IMAGE_SCALE = 3  # print quality: 3x the on-screen pixels
IMAGE_WIDTH = 1100
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
FORMATS = ("png", "svg", "html", "csv")
PLOTLY_JS = "plotly.min.js"  # the shared script beside the HTML files of a zip or export folder
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what Excel and LibreOffice read as a formula
_lock = threading.Lock()
_server_started = False


class ExportError(RuntimeError):
    """A format that cannot be made here, with the reason."""


def browser_path() -> str | None:
    """The Chrome/Chromium kaleido will use, or None."""
    return next((p for name in CHROMIUM_CANDIDATES if (p := shutil.which(name))), None)


def images_available() -> tuple[bool, str]:
    """(True, "") when PNG/SVG can be made here; else (False, why) for the app to say."""
    if browser_path() is None:
        return False, "PNG and SVG need Chromium here (`apt-get install chromium`)."
    return True, ""


def _start_server() -> None:
    global _server_started
    if _server_started:
        return
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    _server_started = True


def _topojson() -> str:
    return str(STATIC_DIR) + "/"


def to_image(fig: go.Figure, fmt: str, scale: int = IMAGE_SCALE) -> bytes:
    """PNG or SVG bytes of ``fig`` exactly as built (its own template; one kaleido server is kept for
    all images). Called on kaleido directly: plotly's wrapper passes options a running server ignores,
    with a warning on every image."""
    ok, why = images_available()
    if not ok:
        raise ExportError(why)
    with _lock:
        try:
            _start_server()
            import kaleido

            opts = dict(format=fmt, width=IMAGE_WIDTH, height=fig.layout.height or 450, scale=scale if fmt == "png" else 1)
            return kaleido.calc_fig_sync(fig.to_dict(), opts=opts, topojson=_topojson())
        except Exception as exc:  # kaleido reports browser problems as many types
            raise ExportError(f"could not render {fmt.upper()}: {exc}") from exc


@lru_cache(maxsize=1)
def _geo_script() -> str:
    assets = {name: json.loads((STATIC_DIR / f"{name}.json").read_text()) for name in ("world_110m",)}
    return "<script>window.PlotlyGeoAssets={topojson:" + json.dumps(assets, separators=(",", ":")) + "};</script>"


def to_html(spec: ChartSpec, shared_js: bool = False) -> str:
    """An HTML file that works offline: (for maps) the world map inline, the summary sentence below the
    chart, and plotly.js inline, or with ``shared_js`` loaded from ``plotly.min.js`` beside the file."""
    fig = spec.figure
    html = fig.to_html(include_plotlyjs=PLOTLY_JS if shared_js else True, full_html=True, config={"displaylogo": False, "toImageButtonOptions": {"filename": spec.name, "scale": IMAGE_SCALE}})
    if any(getattr(t, "type", "") in ("choropleth", "scattergeo") for t in fig.data):
        html = html.replace("<head>", "<head><meta charset='utf-8'>" + _geo_script(), 1)
    escaped = spec.summary.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return html.replace("</body>", f"<p style='font-family:sans-serif'>{escaped}</p></body>", 1)


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js bundle the HTML files of a zip or export folder share (from the installed plotly)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def to_csv(spec: ChartSpec) -> bytes:
    """The rows behind the chart, source columns included."""
    return frame_csv(spec.data)


def safe_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs: text starting with ``= + - @``, tab or CR gets a leading
    apostrophe (``"=HYPERLINK(...)"`` -> ``"'=HYPERLINK(...)"``); numbers and other text are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _flat(value: object) -> object:
    if isinstance(value, (list, tuple, set)):
        return ";".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def frame_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV bytes (UTF-8): list columns joined with ";", dict columns as JSON, and no cell
    (column names included) that starts a formula. Every CSV the app and the CLI write comes from here.

    ``frame_csv(pd.DataFrame({"q": ["=1+1"]}))`` -> ``b"q\\n'=1+1\\n"``
    """
    text_columns = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    out = frame.assign(**{str(c): frame[c].map(_flat).map(safe_cell) for c in text_columns}) if text_columns else frame
    out = out.rename(columns=lambda c: safe_cell(str(c)))
    return out.to_csv(index=False).encode("utf-8")


def chart_files(spec: ChartSpec, formats: tuple[str, ...] = FORMATS, shared_js: bool = False) -> dict[str, bytes]:
    """``{"NAME.png": ..., "NAME.svg": ..., "NAME.html": ..., "NAME.csv": ...}`` for one chart
    (``shared_js``: the HTML loads ``plotly.min.js`` from beside it, see :func:`plotly_js`)."""
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt in ("png", "svg"):
            out[f"{spec.name}.{fmt}"] = to_image(spec.figure, fmt)
        elif fmt == "html":
            out[f"{spec.name}.html"] = to_html(spec, shared_js).encode("utf-8")
        elif fmt == "csv":
            out[f"{spec.name}.csv"] = to_csv(spec)
        else:
            raise ExportError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return out


def zip_charts(specs: list[ChartSpec], corpus: Corpus, formats: tuple[str, ...] | None = None) -> bytes:
    """One zip with every chart of a page in every format that can be made here, and ``sources.csv``.
    Without Chromium the zip holds HTML and CSV and a README saying why images are missing."""
    if formats is None:
        formats = FORMATS if images_available()[0] else ("html", "csv")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for spec in specs:
            for name, data in chart_files(spec, formats, shared_js=True).items():
                archive.writestr(name, data)
        if "html" in formats and specs:
            archive.writestr(PLOTLY_JS, plotly_js())
        archive.writestr("sources.csv", frame_csv(sources_csv(corpus)))
        if "png" not in formats:
            archive.writestr("README.txt", images_available()[1] or "PNG/SVG were not requested.")
    return buffer.getvalue()


def export_all(corpus: Corpus, flt: Filter, out: Path, formats: list[str] | None = None) -> list[Path]:
    """Write every chart of every page (filtered) as NAME.png/.svg/.html/.csv, plus sources.csv."""
    wanted = tuple(formats or FORMATS)
    if ("png" in wanted or "svg" in wanted) and not images_available()[0]:
        raise ExportError(images_available()[1])
    filtered = apply_filter(corpus, flt)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    seen: set[str] = set()
    for page in PAGES:
        for spec in page_specs(filtered, page):
            if spec.name in seen:
                continue
            seen.add(spec.name)
            for name, data in chart_files(spec, wanted, shared_js=True).items():
                path = out / name
                path.write_bytes(data)
                written.append(path)
    if "html" in wanted and seen:
        script = out / PLOTLY_JS
        script.write_text(plotly_js(), encoding="utf-8")
        written.append(script)
    sources = out / "sources.csv"
    sources.write_bytes(frame_csv(sources_csv(filtered)))
    written.append(sources)
    return written
