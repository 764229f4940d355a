"""US-dollar equivalents of money figures, from the annual average rates in ``data/fx_rates.csv``.

``to_usd(2.8e11, "PKR", 2024)`` -> about 1.0e9. The figure's own value and currency stay as reported;
``value_usd`` only lets figures in different currencies be compared. See ``data/fx_rates.md``.
"""

from __future__ import annotations

import bisect
import math
from functools import lru_cache

from dashboard.vocab import VocabularyError, read_rows


@lru_cache(maxsize=1)
def rates() -> dict[str, tuple[list[int], list[float]]]:
    """currency -> (sorted years, units per US dollar); a bad row names the file and row."""
    table: dict[str, dict[int, float]] = {}
    for i, row in enumerate(read_rows("fx_rates.csv"), start=2):
        try:
            year, per_usd = int(row["year"]), float(row["per_usd"])
        except ValueError as exc:
            raise VocabularyError(f"data/fx_rates.csv row {i}: {exc}") from None
        if not (per_usd > 0 and math.isfinite(per_usd)):
            raise VocabularyError(f"data/fx_rates.csv row {i}: per_usd must be a positive number")
        table.setdefault(row["currency"], {})[year] = per_usd
    return {c: (sorted(by), [by[y] for y in sorted(by)]) for c, by in table.items()}


def to_usd(value: float, currency: str | None, year: int | None) -> float | None:
    """``value`` in ``currency`` as US dollars at the average rate of ``year`` (the nearest year in
    the table when that one is missing); None for a percentage or a currency with no rates."""
    if currency is None:
        return None
    found = rates().get(currency)
    if found is None:
        return None
    years, per_usd = found
    if year is None:
        i = len(years) - 1
    else:
        i = min(bisect.bisect_left(years, year), len(years) - 1)
        if i > 0 and abs(years[i - 1] - year) <= abs(years[i] - year):
            i -= 1
    return value / per_usd[i]
