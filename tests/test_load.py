from pathlib import Path

import pandas as pd
import pytest

from dashboard import SEEDS_DIR
from dashboard.load import health, load_corpus, number_occurrences, read_overlay
from dashboard.vocab import VocabularyError

SEED_FILES = sorted(p.name for p in SEEDS_DIR.iterdir())


def test_five_files_six_stories(corpus):
    assert len(SEED_FILES) == 5
    assert len(corpus.stories) == 6
    assert corpus.stories.groupby("source").size().to_dict() == {name: (2 if name.startswith("003") else 1) for name in SEED_FILES}


def test_seed_dates(corpus):
    dates = {
        row.story_id.split("_")[0] + f"#{row.story}": (row.published.date().isoformat() if pd.notna(row.published) else None)
        for row in corpus.stories.itertuples()
    }
    assert dates == {
        "000#0": "2025-04-22",
        "001#0": None,
        "002#0": None,
        "003#0": "2024-05-18",
        "003#1": "2025-12-05",
        "004#0": "2025-10-08",
    }


def test_seed_figures_exactly(corpus):
    got = {
        (row.value, row.currency, row.metric, row.kind, row.partner if pd.notna(row.partner) else None,
         int(row.horizon_years) if pd.notna(row.horizon_years) else None)
        for row in corpus.figures.itertuples()
    }
    assert got == {
        (2.7e12, "USD", "imports", "actual", "CHN", None),
        (5e10, "USD", "exports", "target", "CHN", None),
        (3e10, "USD", "exports", "actual", None, None),
        (1.5e11, "USD", "exports", "target", None, 10),
        (3.8e10, "USD", "remittances", "actual", None, None),
        (2.5e10, "USD", "virtual_assets", "estimate", None, None),
    }
    assert len(corpus.figures) == 6


def test_nothing_from_the_ticker_or_the_80_20_rule(corpus):
    raws = set(corpus.figures["raw"])
    assert not raws & {"182.71", "2.54", "1.41%", "20 per cent", "80 per cent"}


def test_every_figure_points_at_its_raw_phrase(corpus):
    for row in corpus.figures.itertuples():
        text = (SEEDS_DIR / row.source).read_text(encoding="utf-8")
        assert text[row.start : row.end] == row.raw
        assert row.raw in row.quote


def test_seed_partners(corpus):
    partners = {row.story_id.split("_")[0] + f"#{row.story}": row.partners for row in corpus.engagements.itertuples()}
    assert partners == {
        "000#0": ["ASEAN"],
        "001#0": ["ITU"],
        "002#0": ["CHN"],
        "003#0": ["UN"],  # "US export controls" is a passing mention (issue 7)
        "003#1": ["BINANCE"],
        "004#0": ["KAZ"],
    }


def test_places_in_passing_are_mentions(corpus):
    kaz = corpus.engagements[corpus.engagements["source"].str.startswith("004")].iloc[0]
    assert set(kaz["mentions"]) == {"AFG", "UZB"}
    assert "PAK" not in kaz["partners"] + kaz["mentions"]


def test_engagements_have_themes_and_actors(corpus):
    kaz = corpus.engagements[corpus.engagements["source"].str.startswith("004")].iloc[0]
    assert {"ai", "cybersecurity", "fintech", "e_governance"} <= set(kaz["themes"])
    assert "Yerzan Kistafin (Ambassador to Pakistan)" in kaz["actors"]
    binance = corpus.engagements[corpus.engagements["partners"].map(lambda p: p == ["BINANCE"])].iloc[0]
    assert "Muhammad Aurangzeb (Finance Minister)" in binance["actors"]
    assert "blockchain_crypto" in binance["themes"]


def test_partner_table(corpus):
    table = corpus.partners.set_index("code")
    assert set(table.index) == {"ASEAN", "ITU", "CHN", "UN", "BINANCE", "KAZ"}
    assert table.loc["CHN", "n_figures"] == 2
    assert table.loc["ASEAN", "type"] == "bloc"


def test_seed_overlay_confirms_all_six(corpus):
    assert set(corpus.figures["review"]) == {"confirmed"}
    assert corpus.orphans.empty


def _figures():
    return number_occurrences(
        pd.DataFrame(
            {
                "story_id": ["a.txt#0", "a.txt#0", "a.txt#0"],
                "source": ["a.txt"] * 3,
                "story": [0, 0, 0],
                "value": [12e9, 16e9, 5e9],
                "currency": ["USD"] * 3,
                "unit": ["money"] * 3,
                "metric": ["exports"] * 3,
                "kind": ["estimate", "estimate", "actual"],
                "year": [None] * 3,
                "horizon_years": [None] * 3,
                "partner": [None] * 3,
                "raw": ["$12-16 billion", "$12-16 billion", "$5 billion"],
                "quote": ["q"] * 3,
                "start": [10, 10, 40],
                "end": [24, 24, 50],
            }
        )
    )


def test_occurrences_key_figures_stably():
    figures = _figures()
    assert list(figures["figure_id"]) == ["a.txt|$12-16 billion|1", "a.txt|$12-16 billion|2", "a.txt|$5 billion|1"]


def _overlay(rows):
    return pd.DataFrame(rows, columns=["source", "story", "raw", "occurrence", "action", "field", "value", "note"]).astype(object).fillna("")


def test_overlay_corrects_rejects_dates_and_reports_orphans(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Pakistan and China trade\n\nExports to China reached $5 billion in 2024. "
        "Imports from China were $12 billion in 2024.\n",
        encoding="utf-8",
    )
    overlay = tmp_path / "overlay.csv"
    _overlay(
        [
            {"source": "a.txt", "raw": "$5 billion", "occurrence": "1", "action": "correct", "field": "kind", "value": "target"},
            {"source": "a.txt", "raw": "$12 billion", "occurrence": "1", "action": "reject"},
            {"source": "a.txt", "raw": "$99 billion", "occurrence": "1", "action": "confirm"},
            {"source": "a.txt", "story": "0", "action": "date", "value": "2025-01-31"},
        ]
    ).to_csv(overlay, index=False)
    corpus = load_corpus([tmp_path], overlay_path=overlay)
    assert list(corpus.figures["raw"]) == ["$5 billion"]
    five = corpus.figures.iloc[0]
    assert (five["kind"], five["review"], five["reviewed_by"]) == ("target", "corrected", "data/overlay.csv")
    assert list(corpus.rejected["raw"]) == ["$12 billion"] and corpus.rejected.iloc[0]["review"] == "rejected"
    assert list(corpus.orphans["raw"]) == ["$99 billion"]
    assert corpus.stories.loc[0, "published"] == pd.Timestamp("2025-01-31")
    assert corpus.stories.loc[0, "date_source"] == "overlay"
    assert five["published"] == pd.Timestamp("2025-01-31")  # the figure follows its story's date


@pytest.mark.parametrize(
    ("row", "file_hint"),
    [
        ("a.txt,0,$5 billion,1,correct,metric,gdp_per_goat,", "data/metrics.csv"),
        ("a.txt,0,$5 billion,1,correct,partner,NOPE,", "data/partners.csv"),
        ("a.txt,0,$5 billion,1,bless,,,", "overlay.csv"),
        ("a.txt,0,$5 billion,1,correct,colour,red,", "overlay.csv"),
    ],
)
def test_bad_overlay_rows_name_the_file(tmp_path, row, file_hint):
    path = tmp_path / "overlay.csv"
    path.write_text("source,story,raw,occurrence,action,field,value,note\n" + row + "\n")
    with pytest.raises(VocabularyError, match=file_hint):
        read_overlay(path)


def test_unreadable_files_are_reported_and_the_rest_loads(tmp_path):
    for name in ("002_6c67410e97d8d00a.txt", "004_b3f40691d19f48ce.txt"):
        (tmp_path / name).write_text((SEEDS_DIR / name).read_text())
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01")
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 au lait".encode("latin-1"))
    (tmp_path / "ignored.csv").write_text("not an article")
    corpus = load_corpus([tmp_path], overlay_path=Path(tmp_path / "none.csv"))
    assert len(corpus.stories) == 2
    assert dict(corpus.unreadable).keys() == {"empty.txt", "binary.md", "latin.txt"}
    report = health(corpus)
    assert report["stories"] == 2 and len(report["unreadable_files"]) == 3


def test_health_report(corpus):
    report = health(corpus)
    assert report["stories"] == 6 and report["figures"] == 6
    assert report["undated_stories"] == ["001_6c42d4938e2a74b2.txt#0", "002_6c67410e97d8d00a.txt#0"]
    assert report["unreadable_files"] == [] and report["orphaned_overlay_rows"] == []


def test_a_country_named_in_passing_is_a_mention(corpus):
    """Seed 003 names "US export controls" in a story about the UN: the USA is not a partner."""
    un = corpus.engagements.set_index("story_id").loc["003_0146e9012e2ed820.txt#0"]
    assert "USA" in un["mentions"] and "USA" not in un["partners"]


def test_a_story_whose_extraction_fails_is_reported_and_the_others_load(tmp_path, monkeypatch):
    import dashboard.pipeline as pipeline
    from dashboard.load import load_corpus

    (tmp_path / "good.txt").write_text("Exports reached $3 billion in 2025, officials said.")
    (tmp_path / "trips.txt").write_text("This one trips the extractor: $5 billion.")
    real = pipeline.analyse_story

    def flaky(story):
        if story.source == "trips.txt":
            raise RuntimeError("boom")
        return real(story)

    monkeypatch.setattr(pipeline, "analyse_story", flaky)
    corpus = load_corpus([tmp_path])
    assert list(corpus.stories["source"]) == ["good.txt"]
    assert corpus.unreadable == [("trips.txt", "extraction failed (RuntimeError: boom)")]
