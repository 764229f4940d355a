import io
import zipfile

import pytest

from dashboard import export, views
from dashboard.filters import Filter

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
    assert names == {"timeline.html", "timeline.csv", "sources.csv", "README.txt"}


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
    assert names == {f"{n}.{ext}" for n in ("targets_vs_current", "target_paths") for ext in ("png", "svg", "html", "csv")} | {"sources.csv"}


def test_csv_flattens_lists_and_keeps_dates():
    import pandas as pd

    frame = pd.DataFrame({"published": pd.to_datetime(["2025-01-02"]), "partners": [["CHN", "USA"]], "quotes": [{"CHN": "q"}]})
    text = export.frame_csv(frame).decode()
    assert "2025-01-02" in text and "CHN;USA" in text and '{""CHN"": ""q""}' in text
