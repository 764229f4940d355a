import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from dashboard import export, views
from dashboard.filters import Filter

ROOT = Path(__file__).resolve().parent.parent

needs_chromium = pytest.mark.skipif(not export.images_available()[0], reason="kaleido needs Chromium: apt-get install chromium")


def test_html_is_offline_and_maps_carry_the_world(corpus):
    spec = views.map_spec(corpus)
    html = export.to_html(spec)
    assert "cdn.plot.ly" not in html.split("</script>")[-1]  # no CDN script tag after the inline bundle
    assert '<script src="https://cdn' not in html
    assert "window.PlotlyGeoAssets={topojson:{\"world_110m\"" in html
    assert spec.summary.split(" (")[0] in html


def test_csv_has_the_data_and_its_sources(corpus):
    bars, _, _ = views.target_specs(corpus)
    text = export.to_csv(bars).decode()
    assert text.splitlines()[0].count("source") >= 1 and "quote" in text.splitlines()[0]
    assert "150000000000.0" in text


def test_zip_without_images_explains_why(corpus, monkeypatch):
    monkeypatch.setattr(export, "browser_path", lambda: None)
    data = export.zip_charts(views.page_specs(corpus, "timeline"), corpus)
    names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert names == {"timeline.html", "timeline.csv", "sources.csv", "README.txt", "plotly.min.js"}


def test_export_all_refuses_images_without_chromium(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "browser_path", lambda: None)
    with pytest.raises(export.ExportError, match="Chromium"):
        export.export_all(corpus, Filter(), tmp_path)


def test_export_all_csv_and_html(corpus, tmp_path):
    written = export.export_all(corpus, Filter(partners=("CHN",)), tmp_path, formats=["csv", "html"])
    names = {p.name for p in written}
    assert {"partner_map.csv", "partner_map.html", "timeline.csv", "targets_vs_current.html", "sources.csv"} <= names
    assert "2700000000000.0" in (tmp_path / "sources.csv").read_text()


@needs_chromium
def test_png_and_svg_with_kaleido(corpus):
    spec = views.map_spec(corpus)
    png = export.to_image(spec.figure, "png")
    svg = export.to_image(spec.figure, "svg")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg[:500]
    assert svg.count(b'class="choropleth"') or svg.count(b"countries")  # the map has country shapes
    assert len(svg) > 100_000


@needs_chromium
def test_zip_has_every_format(corpus):
    data = export.zip_charts(views.page_specs(corpus, "targets"), corpus)
    names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    charts = {f"{n}.{ext}" for n in ("targets_vs_current", "target_paths") for ext in ("png", "svg", "html", "csv")}
    assert names == charts | {"sources.csv", "plotly.min.js"}


def test_csv_flattens_lists_and_keeps_dates():
    import pandas as pd

    frame = pd.DataFrame({"published": pd.to_datetime(["2025-01-02"]), "partners": [["CHN", "USA"]], "quotes": [{"CHN": "q"}]})
    text = export.frame_csv(frame).decode()
    assert "2025-01-02" in text and "CHN;USA" in text and '{""CHN"": ""q""}' in text


def test_zip_shares_one_plotly_js_and_a_single_download_stays_self_contained(corpus, monkeypatch):
    monkeypatch.setattr(export, "browser_path", lambda: None)
    specs = views.page_specs(corpus, "overview")
    archive = zipfile.ZipFile(io.BytesIO(export.zip_charts(specs, corpus)))
    names = archive.namelist()
    assert names.count("plotly.min.js") == 1
    script = archive.read("plotly.min.js").decode()
    assert len(script) > 1_000_000 and "plotly" in script[:2000].lower()
    for spec in specs:
        html = archive.read(f"{spec.name}.html").decode()
        assert '<script charset="utf-8" src="plotly.min.js"></script>' in html  # relative, beside it
        assert len(html) < 500_000  # no inline copy of plotly.js (4.8 MB)
    alone = export.to_html(specs[1])
    assert len(alone) > 1_000_000 and 'src="plotly.min.js"' not in alone and "cdn.plot.ly/plotly" not in alone


def test_export_folder_shares_one_plotly_js(corpus, tmp_path):
    export.export_all(corpus, Filter(), tmp_path, formats=["html"])
    assert (tmp_path / "plotly.min.js").stat().st_size > 1_000_000
    assert all('src="plotly.min.js"' in p.read_text() for p in tmp_path.glob("*.html"))


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
    ],
)
def test_csv_cells_never_start_a_formula(cell, written):
    frame = pd.DataFrame({"quote": [cell], "value": [-5.0], "parts": [[cell, "ok"]]})
    back = pd.read_csv(io.BytesIO(export.frame_csv(frame)), keep_default_na=False, lineterminator="\n")
    assert back.loc[0, "quote"].startswith(written)
    assert back.loc[0, "value"] == -5.0  # numbers stay numbers
    assert back.loc[0, "parts"].startswith("'") == cell.startswith(export.FORMULA_START)


def test_frame_csv_does_not_change_its_input():
    frame = pd.DataFrame({"q": ["=1"]})
    export.frame_csv(frame)
    assert frame.loc[0, "q"] == "=1"


def test_every_csv_is_written_by_frame_csv():
    """One function for every CSV the app and the CLI write: no other module calls ``to_csv``."""
    import re

    other = re.compile(r"(?<!export)\.to_csv\(")
    callers = [p.relative_to(ROOT) for p in [*ROOT.glob("dashboard/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]
               if other.search(p.read_text()) and p.name != "export.py"]
    assert callers == []


_EXPORT_ONE = """
import sys
if sys.argv[1] == "with-streamlit":
    import streamlit  # noqa: F401  (sets plotly's process-wide default template)
from dashboard import SEEDS_DIR, export, views
from dashboard.load import load_corpus

spec = views.page_specs(load_corpus([SEEDS_DIR]), sys.argv[2])[0]
sys.stdout.buffer.write(export.to_image(spec.figure, "png", scale=1))
"""


@needs_chromium
@pytest.mark.parametrize("page", ["targets", "timeline"])
def test_an_image_is_the_same_whether_or_not_streamlit_was_imported(page):
    def png(mode: str) -> tuple[bytes, bytes]:
        done = subprocess.run([sys.executable, "-c", _EXPORT_ONE, mode, page], cwd=ROOT, capture_output=True, timeout=180, check=True)
        return done.stdout, done.stderr

    (app, app_err), (cli, cli_err) = png("with-streamlit"), png("without")
    assert app[:8] == b"\x89PNG\r\n\x1a\n"
    if app != cli:  # same pixels are enough (PNG encoders may differ in metadata)
        from PIL import Image, ImageChops

        a, b = Image.open(io.BytesIO(app)).convert("RGB"), Image.open(io.BytesIO(cli)).convert("RGB")
        assert a.size == b.size and ImageChops.difference(a, b).getbbox() is None
    assert b"kopts" not in app_err + cli_err, (app_err + cli_err).decode()[-500:]  # no warning per image either


# --------------------------------------------------------------------------- review (issue 10)
@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    from review_corpus import reviewed_corpus

    return reviewed_corpus(tmp_path_factory.mktemp("review") / "store.sqlite3")


def _read(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), keep_default_na=False, lineterminator="\n", dtype=str)


def _check_reviews(frame: pd.DataFrame, id_column: str = "figure_id") -> None:
    from review_corpus import FORMULA_NAME

    assert {"review", "reviewed_by", "reviewed_at", "conflict"} <= set(frame.columns)
    rows = frame.set_index(id_column)
    assert rows.loc["a.txt|$9 billion|1", "reviewed_by"] == "'" + FORMULA_NAME  # a reviewer's name never runs as a formula
    assert rows.loc["a.txt|$9 billion|1", "review"] == "corrected" and rows.loc["a.txt|$9 billion|1", "review_note"] == "'+1 typo"
    assert rows.loc["a.txt|$5 billion|1", ["review", "reviewed_by", "conflict"]].tolist() == ["confirmed", "Ann", "⚠ open"]
    assert rows.loc["a.txt|$5 billion|1", "reviewed_at"].endswith(" UTC")
    assert "b.txt|$2 billion|1" not in rows.index  # rejected: in no export of figures


def test_sources_csv_and_chart_csvs_carry_the_review(reviewed):
    _check_reviews(_read(export.frame_csv(views.sources_csv(reviewed))))
    _check_reviews(_read(export.to_csv(views.metric_spec(reviewed))))
    timeline = _read(export.to_csv(views.timeline_spec(reviewed)))
    figures = timeline[timeline["theme_label"] == "figure"]
    assert set(figures["review"]) == {"confirmed", "corrected", "unreviewed"} and "⚠ open" in set(figures["conflict"])
    bars = _read(export.to_csv(views.target_specs(reviewed)[0]))
    assert {"review", "reviewed_by", "reviewed_at", "conflict", "current_review", "current_reviewed_by"} <= set(bars.columns)
    assert "'=cmd|' /C calc'!A0" in set(bars["reviewed_by"])


def test_the_zip_and_the_export_folder_carry_the_review(reviewed, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "browser_path", lambda: None)
    archive = zipfile.ZipFile(io.BytesIO(export.zip_charts(views.page_specs(reviewed, "overview"), reviewed)))
    _check_reviews(_read(archive.read("sources.csv")))
    _check_reviews(_read(archive.read("figures_by_metric.csv")))
    export.export_all(reviewed, Filter(), tmp_path, formats=["csv"])
    _check_reviews(_read((tmp_path / "sources.csv").read_bytes()))
    export.export_all(reviewed, Filter(checked_only=True), tmp_path / "checked", formats=["csv"])
    checked = _read((tmp_path / "checked" / "sources.csv").read_bytes())
    assert set(checked["review"]) == {"confirmed", "corrected"} and "b.txt|$7 billion|1" not in set(checked["figure_id"])
