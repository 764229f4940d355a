"""The Streamlit layer's caches: keyed on (store version, filter, view function, arguments), shared read-only."""

import uuid

import pytest

from dashboard import ui, views
from dashboard.filters import Filter

CHINA, KAZAKHSTAN = Filter(partners=("CHN",)), Filter(partners=("KAZ",))


@pytest.fixture
def version(corpus, monkeypatch):
    """A store version no other test used, whose corpus is the seeds; the calls of each view counted."""
    monkeypatch.setattr(ui, "_corpus", lambda version: corpus)
    return f"test-{uuid.uuid4().hex}"


def counting(calls: list):
    def n_figures(c, plus: int = 0) -> int:
        calls.append(plus)
        return len(c.figures) + plus

    return n_figures


def test_one_result_per_filter_computed_once(version):
    calls = []
    n_figures = counting(calls)
    china = ui._view(n_figures, version, CHINA, ())
    kazakhstan = ui._view(n_figures, version, KAZAKHSTAN, ())
    assert china != kazakhstan and len(calls) == 2  # two filters, two results
    assert ui._view(n_figures, version, CHINA, ()) == china and ui._view(n_figures, version, Filter(partners=("CHN",)), ()) == china
    assert len(calls) == 2  # an equal filter is the same key: nothing computed again
    assert ui._filtered(version, CHINA) is ui._filtered(version, Filter(partners=("CHN",)))  # shared, not copied


def test_a_new_store_version_computes_again(version):
    calls = []
    n_figures = counting(calls)
    ui._view(n_figures, version, CHINA, ())
    ui._view(n_figures, version + ":1", CHINA, ())
    assert len(calls) == 2


def test_arguments_and_functions_are_part_of_the_key(version):
    calls = []
    n_figures = counting(calls)
    assert ui._view(n_figures, version, CHINA, (1,)) == ui._view(n_figures, version, CHINA, ()) + 1
    assert ui._view(n_figures, version, CHINA, (True,)) == ui._view(n_figures, version, CHINA, ()) + 1
    assert len(calls) == 3  # (1,) and (True,) are two keys, () one
    assert ui._view(views.counts, version, CHINA, ()) == views.counts(ui._filtered(version, CHINA))  # same arguments, another view


def test_a_table_view_is_arrow_of_the_view(version):
    table = ui._table(views.story_table, version, CHINA, ())
    assert table.num_rows == len(views.story_table(ui._filtered(version, CHINA)))
    assert ui._table(views.story_table, version, CHINA, ()) is table


def test_view_takes_the_views_arguments_by_position_only():
    with pytest.raises(TypeError, match="by position"):
        ui.view(views.page_specs, page="targets")

