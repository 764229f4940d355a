import pandas as pd
import pytest

from dashboard.targets import implied_cagr, progress


def test_implied_cagr():
    assert implied_cagr(30e9, 150e9, 10) == pytest.approx(0.1746, abs=1e-4)
    assert implied_cagr(0, 150e9, 10) is None
    assert implied_cagr(30e9, 150e9, 0) is None


def test_seed_progress(corpus):
    p = progress(corpus.figures).set_index("target")
    exports = p.loc[150e9]
    assert exports["current"] == 30e9
    assert exports["progress_pct"] == pytest.approx(20.0)
    assert exports["cagr_pct"] == pytest.approx(17.46, abs=0.01)
    china = p.loc[50e9]
    assert pd.isna(china["current"]) and pd.isna(china["progress_pct"])  # nothing invented
    assert china["context_value"] == 2.7e12
    assert china["context_share_pct"] == pytest.approx(1.85, abs=0.01)


def _figure(**kw):
    base = dict(figure_id="f", story_id="s#0", source="s", story=0, value=1.0, currency="USD", unit="money", metric="it_exports",
                kind="actual", year=pd.NA, horizon_years=pd.NA, partner=None, raw="r", occurrence=1, quote="q", start=0, end=1,
                published=pd.NaT, title="t", review="unreviewed")
    return base | kw


def test_latest_actual_and_calendar_years():
    figures = pd.DataFrame(
        [
            _figure(figure_id="a", value=2.6e9, year=2024),
            _figure(figure_id="b", value=3.2e9, year=2025),
            _figure(figure_id="t", value=10e9, kind="target", year=2030),
        ]
    )
    row = progress(figures).iloc[0]
    assert row["current_figure_id"] == "b"
    assert row["years"] == 5
    assert row["cagr_pct"] == pytest.approx(100 * ((10 / 3.2) ** (1 / 5) - 1))


def test_target_year_from_horizon_and_publication():
    figures = pd.DataFrame([_figure(figure_id="t", value=10e9, kind="target", horizon_years=5, published=pd.Timestamp("2025-06-01"))])
    row = progress(figures).iloc[0]
    assert row["target_year"] == 2030
    assert pd.isna(row["current"])


def test_other_currency_or_partner_is_not_the_current_value():
    figures = pd.DataFrame(
        [
            _figure(figure_id="pkr", value=9e11, currency="PKR"),
            _figure(figure_id="chn", value=3e9, partner="CHN"),
            _figure(figure_id="t", value=10e9, kind="target"),
        ]
    )
    assert pd.isna(progress(figures).iloc[0]["current"])
