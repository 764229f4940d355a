import math

import pytest

from dashboard.fx import rates, to_usd


@pytest.mark.parametrize(
    ("value", "currency", "year", "usd"),
    [
        (2.788e11, "PKR", 2024, 1.0e9),
        (3.6725e9, "AED", 2023, 1.0e9),
        (3.75e9, "SAR", None, 1.0e9),
        (1e9, "USD", 2020, 1e9),
        (7.5e8, "XDR", 2023, 1.0e9),
    ],
)
def test_usd_equivalent_at_the_year_s_average(value, currency, year, usd):
    assert to_usd(value, currency, year) == pytest.approx(usd, rel=0.01)


def test_a_year_outside_the_table_takes_the_nearest():
    assert to_usd(1e9, "PKR", 1990) == to_usd(1e9, "PKR", 2018)
    assert to_usd(1e9, "PKR", 2099) == to_usd(1e9, "PKR", 2025)


def test_no_equivalent_without_a_rate_or_for_a_percentage():
    assert to_usd(5.0, None, 2024) is None
    assert to_usd(5.0, "XYZ", 2024) is None


def test_every_rate_is_positive():
    assert all(v > 0 and math.isfinite(v) for _, values in rates().values() for v in values)


def test_value_usd_is_in_the_json():
    from dashboard.articles import read_stories
    from dashboard.pipeline import analyse_story

    (record,) = [analyse_story(s) for s in read_stories("t.txt", "date 2024-05-01\nThe budget allocated Rs278.8 billion.")]
    (fig,) = record["figures"]
    assert (fig["value"], fig["currency"]) == (2.788e11, "PKR")
    assert fig["value_usd"] == pytest.approx(1e9, rel=0.01)
