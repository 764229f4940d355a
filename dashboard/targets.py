"""Targets against what was reported: progress, the yearly growth a goal implies, and scale context.

``progress(figures)`` -> one row per target figure:
``exports $150B target, current $30B -> progress 20%, 10 years -> 17.5%/yr needed``.
Nothing is invented: a target without a reported actual keeps ``current`` empty.
"""

from __future__ import annotations

import pandas as pd

from dashboard import vocab

PROGRESS_COLUMNS = [
    "figure_id", "metric", "partner", "currency", "unit", "target", "target_year", "horizon_years",
    "current", "current_figure_id", "current_year", "years", "progress_pct", "cagr_pct",
    "context_value", "context_metric", "context_figure_id", "context_share_pct", "context_relation", "quote", "source", "title",
]


def implied_cagr(current: float, target: float, years: float) -> float | None:
    """Yearly growth needed: ``implied_cagr(30e9, 150e9, 10)`` -> 0.1746 (17.5% a year)."""
    if not current or not target or not years or years <= 0 or current <= 0:
        return None
    return (target / current) ** (1 / years) - 1


def _year_of(row: pd.Series) -> int | None:
    if pd.notna(row.get("year")):
        return int(row["year"])
    if pd.notna(row.get("published")):
        return int(pd.Timestamp(row["published"]).year)
    return None


def _target_year(row: pd.Series) -> int | None:
    """A target's year: stated (``by 2030``), else publication year + horizon, else unknown."""
    if pd.notna(row["year"]):
        return int(row["year"])
    if pd.notna(row["horizon_years"]) and pd.notna(row["published"]):
        return int(pd.Timestamp(row["published"]).year + row["horizon_years"])
    return None


def _same_series(figures: pd.DataFrame, row: pd.Series) -> pd.Series:
    same_partner = figures["partner"].isna() if pd.isna(row["partner"]) else figures["partner"] == row["partner"]
    same_currency = figures["currency"].isna() if pd.isna(row["currency"]) else figures["currency"] == row["currency"]
    return (figures["metric"] == row["metric"]) & same_partner & same_currency & (figures["unit"] == row["unit"])


def latest_actual(figures: pd.DataFrame, row: pd.Series) -> pd.Series | None:
    """The latest actual of the target's metric, partner and currency (by year, then date, then place)."""
    actuals = figures[_same_series(figures, row) & (figures["kind"] == "actual")]
    if actuals.empty:
        return None
    order = actuals.assign(
        _year=actuals.apply(_year_of, axis=1).astype("Float64"),
        _same_story=actuals["story_id"] == row["story_id"],
    ).sort_values(["_year", "published", "_same_story", "start"], na_position="first")
    return order.iloc[-1]


def _context(figures: pd.DataFrame, row: pd.Series) -> tuple[float | None, str | None, str | None, str | None]:
    """A related total for scale, from ``data/related_metrics.csv``: $50B exports to CHN vs CHN's $2.7T imports."""
    if pd.isna(row["partner"]):
        return None, None, None, None
    for rel in vocab.read_rows("related_metrics.csv"):
        if rel["metric"] != row["metric"]:
            continue
        totals = figures[
            (figures["metric"] == rel["context_metric"])
            & (figures["partner"] == row["partner"])
            & (figures["currency"] == row["currency"])
            & (figures["kind"] == "actual")
        ]
        if not totals.empty:
            total = totals.iloc[-1]
            return float(total["value"]), total["figure_id"], rel["relation"], rel["context_metric"]
    return None, None, None, None


def progress(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per target figure: current, progress %, implied growth %/yr, scale context."""
    rows = []
    for _, row in figures[figures["kind"] == "target"].iterrows():
        current = latest_actual(figures, row)
        target_year = _target_year(row)
        current_year = _year_of(current) if current is not None else None
        if pd.notna(row["horizon_years"]):
            years = float(row["horizon_years"])
        elif target_year is not None and current_year is not None:
            years = float(target_year - current_year)
        else:
            years = None
        cagr = implied_cagr(current["value"], row["value"], years) if current is not None and years else None
        context_value, context_id, relation, context_metric = _context(figures, row)
        rows.append(
            {
                "figure_id": row["figure_id"],
                "metric": row["metric"],
                "partner": row["partner"],
                "currency": row["currency"],
                "unit": row["unit"],
                "target": float(row["value"]),
                "target_year": target_year,
                "horizon_years": row["horizon_years"],
                "current": float(current["value"]) if current is not None else None,
                "current_figure_id": current["figure_id"] if current is not None else None,
                "current_year": current_year,
                "years": years,
                "progress_pct": 100 * current["value"] / row["value"] if current is not None and row["value"] else None,
                "cagr_pct": 100 * cagr if cagr is not None else None,
                "context_value": context_value,
                "context_metric": context_metric,
                "context_figure_id": context_id,
                "context_share_pct": 100 * row["value"] / context_value if context_value else None,
                "context_relation": relation,
                "quote": row["quote"],
                "source": row["source"],
                "title": row["title"],
            }
        )
    return pd.DataFrame(rows, columns=PROGRESS_COLUMNS)


def actuals_for(figures: pd.DataFrame, progress_rows: pd.DataFrame) -> pd.DataFrame:
    """Every reported actual of the series that have a target (for the target-path chart)."""
    keys = progress_rows[["metric", "partner", "currency"]].drop_duplicates()
    actual = figures[figures["kind"] == "actual"]
    merged = actual.merge(keys, on=["metric", "partner", "currency"], how="inner")
    return merged.assign(year_resolved=merged.apply(_year_of, axis=1).astype("Int64"))
