import json

from dashboard import SEEDS_DIR, export
from dashboard.__main__ import main


def test_extract_json_shape(capsys):
    assert main(["extract", str(SEEDS_DIR / "002_6c67410e97d8d00a.txt"), "--json"]) == 0
    (story,) = json.loads(capsys.readouterr().out)
    assert {"source", "story", "title", "outlet", "published", "partners", "mentions", "themes", "figures"} <= story.keys()
    assert story["partners"] == ["CHN"] and story["published"] is None
    first = story["figures"][0]
    assert {"value", "currency", "unit", "metric", "kind", "year", "horizon_years", "partner", "quote", "start", "end"} <= first.keys()
    assert (first["value"], first["kind"], first["partner"]) == (2.7e12, "actual", "CHN")


def test_extract_folder_table(capsys):
    assert main(["extract", str(SEEDS_DIR)]) == 0
    out = capsys.readouterr().out
    assert out.count("#") >= 6 and "$150B" in out and "target" in out


def test_extract_table_shows_every_partner_of_a_combined_figure(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Remittances from Saudi Arabia and the UAE rose to $1.2 billion in May.")
    assert main(["extract", str(tmp_path / "a.txt")]) == 0
    assert "SAU+ARE" in capsys.readouterr().out


def test_extract_reports_unreadable(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(b"\x00")
    assert main(["extract", str(tmp_path)]) == 1
    assert "binary" in capsys.readouterr().err


def test_check_ok_on_seeds(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "stories:            6" in out and "status:             ok" in out


def test_check_fails_on_unreadable(tmp_path, capsys):
    (tmp_path / "a.txt").write_text((SEEDS_DIR / "000_09d8e724778e1e1f.txt").read_text())
    (tmp_path / "b.txt").write_text("")
    assert main(["check", str(tmp_path)]) == 1
    assert "b.txt: empty" in capsys.readouterr().out


def test_export_without_chromium_writes_html_and_csv_and_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(export, "browser_path", lambda: None)
    assert main(["export", "--out", str(tmp_path), "--partner", "CHN"]) == 0
    err = capsys.readouterr().err
    assert "PNG and SVG skipped" in err and "Chromium" in err and "camera" not in err
    names = {p.name for p in tmp_path.iterdir()}
    assert "timeline.html" in names and "timeline.csv" in names and "sources.csv" in names
    assert not [n for n in names if n.endswith((".png", ".svg"))]


def test_export_of_images_asked_for_without_chromium_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(export, "browser_path", lambda: None)
    assert main(["export", "--out", str(tmp_path / "out"), "--format", "png"]) == 1
    assert "Chromium" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_export_for_a_partner_no_story_names_is_refused(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path / "out"), "--format", "csv", "--partner", "Iceland"]) == 1
    assert "no story names Iceland (ISL) as a partner" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_extract_of_a_folder_without_articles_says_so(tmp_path, capsys):
    assert main(["extract", str(tmp_path)]) == 1
    assert "no article files" in capsys.readouterr().err


def test_export_csv_only(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path), "--format", "csv"]) == 0
    assert (tmp_path / "sources.csv").exists() and (tmp_path / "timeline.csv").exists()


def test_export_takes_a_partner_by_name_like_by_code(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path / "name"), "--format", "csv", "--partner", "China"]) == 0
    assert main(["export", "--out", str(tmp_path / "code"), "--format", "csv", "--partner", "CHN"]) == 0
    capsys.readouterr()
    assert (tmp_path / "name" / "sources.csv").read_bytes() == (tmp_path / "code" / "sources.csv").read_bytes()
    assert "CHN" in (tmp_path / "name" / "sources.csv").read_text()


def test_export_with_an_unknown_partner_is_one_line_on_stderr(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path), "--partner", "Atlantis"]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip().count("\n") == 0 and "Atlantis" in captured.err and "Traceback" not in captured.err
    assert not any(tmp_path.iterdir())  # nothing written


def test_check_on_your_own_folder_is_not_about_the_seed_curation(tmp_path, capsys):
    (tmp_path / "mine.txt").write_text((SEEDS_DIR / "000_09d8e724778e1e1f.txt").read_text())
    assert main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "orphaned overlay:   0" in out and "status:             ok" in out
    assert "not checked here" in out


def test_help_is_plain_text(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "`" not in out and "extract PATH" in out and "export --out DIR" in out


def test_extract_json_adds_what_scripts_need_to_tell_figures_apart(capsys):
    assert main(["extract", str(SEEDS_DIR / "002_6c67410e97d8d00a.txt"), "--json"]) == 0
    (story,) = json.loads(capsys.readouterr().out)
    first = story["figures"][0]
    assert {"value_high", "value_usd", "kind_cue", "partner_cue", "partners", "mentions", "raw"} <= first.keys()
    assert first["partners"] == [{"code": "CHN", "name": "China", "type": "country", "country": "CHN", "in_registry": True}]
    assert first["value_usd"] == first["value"]  # a dollar figure is its own equivalent


def test_bench_extract_prints_ms_per_article_and_per_mb(capsys):
    assert main(["bench-extract", "--articles", "5", "--size", "2000"]) == 0
    out = capsys.readouterr().out
    assert "ms per article" in out and "ms per MB" in out and "one long number" in out
