from datetime import date

import pytest

from dashboard.filters import Filter, apply_filter


def story_partners(corpus):
    return sorted(p for ps in corpus.engagements["partners"] for p in ps)


def test_empty_filter_keeps_everything(corpus):
    assert apply_filter(corpus, Filter()) is corpus


def test_partner_filter(corpus):
    china = apply_filter(corpus, Filter(partners=("CHN",)))
    assert story_partners(china) == ["CHN"]
    assert len(china.figures) == 4  # $2.7T, $50B (CHN) and the partner-less $30B / $150B of the same story
    assert set(china.partners["code"]) == {"CHN"}


def test_selecting_a_bloc_includes_its_members(corpus):
    assert story_partners(apply_filter(corpus, Filter(partners=("ASEAN",)))) == ["ASEAN"]


def test_member_selection_does_not_pull_in_other_blocs(corpus):
    assert apply_filter(corpus, Filter(partners=("MYS",))).engagements.empty


def test_theme_filter(corpus):
    crypto = apply_filter(corpus, Filter(themes=("blockchain_crypto",)))
    assert set(story_partners(crypto)) == {"BINANCE", "KAZ"}


@pytest.mark.parametrize(
    ("flt", "n"),
    [
        (Filter(start=date(2025, 1, 1)), 3 + 2),  # three dated in 2025, two undated kept
        (Filter(start=date(2025, 1, 1), include_undated=False), 3),
        (Filter(end=date(2024, 12, 31), include_undated=False), 1),
        (Filter(include_undated=False), 4),
    ],
)
def test_date_range(corpus, flt, n):
    assert len(apply_filter(corpus, flt).engagements) == n


def test_filter_does_not_change_the_corpus(corpus):
    before = len(corpus.figures)
    apply_filter(corpus, Filter(partners=("KAZ",)))
    assert len(corpus.figures) == before
