from pathlib import Path

import pytest

from dashboard import ROOT
from dashboard.evaluation import Found, match, score

EVAL = ROOT / "benchmarks" / "eval"


def test_match_pairs_each_label_once():
    labels = [
        {"file": "a.txt", "value": "5e9", "currency": "USD", "unit": "money"},
        {"file": "a.txt", "value": "24", "currency": "", "unit": "percent"},
    ]
    found = [Found("a.txt", 5e9, "USD", "money"), Found("a.txt", 5.0e9, "USD", "money"), Found("a.txt", 24.0, None, "percent")]
    pairs = match(found, labels)
    assert [label is not None for _, label in pairs] == [True, False, True]


def test_match_needs_same_currency_and_file():
    labels = [{"file": "a.txt", "value": "5e9", "currency": "PKR", "unit": "money"}]
    assert match([Found("a.txt", 5e9, "USD", "money"), Found("b.txt", 5e9, "PKR", "money")], labels)[0][1] is None


@pytest.mark.parametrize(("folder", "labels", "n"), [("articles", "labels.csv", 100), ("heldout", "labels_heldout.csv", 50)])
def test_extractor_on_the_labelled_articles(folder, labels, n):
    """Hand-labelled articles written in the style of several outlets (see benchmarks/eval/README.md)."""
    result = score(EVAL / folder, EVAL / labels)
    assert result["labels"] >= n
    assert result["recall"] >= 0.95, result["missed"]
    assert result["precision"] >= 0.95, result["spurious"]
    assert result["kind_agreement"] >= 0.9
    assert result["partner_agreement"] >= 0.85


@pytest.mark.parametrize("path", sorted([*(EVAL / "articles").iterdir(), *(EVAL / "heldout").iterdir()]), ids=lambda p: p.name)
def test_every_labelled_figure_points_at_its_text(path: Path):
    from dashboard.evaluation import ours

    text = path.read_text(encoding="utf-8")
    assert all(f.raw in text for f in ours(path))
