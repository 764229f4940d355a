from datetime import date

import pandas as pd
import pytest

from dashboard.filters import Filter, UnknownPartner, apply_filter, figure_mask, figure_partners, parse_day, partner_code


def story_partners(corpus):
    return sorted(p for ps in corpus.engagements["partners"] for p in ps)


def test_empty_filter_keeps_everything(corpus):
    assert apply_filter(corpus, Filter()) is corpus


def test_partner_filter_keeps_the_partners_own_figures(corpus):
    china = apply_filter(corpus, Filter(partners=("CHN",)))
    assert story_partners(china) == ["CHN"]
    assert sorted(china.figures["raw"]) == ["$2.7 trillion", "$50 billion"]  # the figures whose partner is China
    assert set(china.figures["partner"]) == {"CHN"}
    assert sorted(china.context["raw"]) == ["$150 billion", "$30 billion"]  # the story's Pakistan-wide figures, apart
    assert set(china.partners["code"]) == {"CHN"}


def test_no_partner_filter_keeps_no_context(corpus):
    assert apply_filter(corpus, Filter(themes=("trade",))).context.empty


def test_figure_mask_decides_on_the_figures_own_partner():
    figures = pd.DataFrame({"partner": ["CHN", None, "MYS", ""]})
    assert list(figure_partners(figures)) == [("CHN",), (), ("MYS",), ()]
    assert list(figure_mask(figures, {"CHN"})) == [True, False, False, False]
    assert list(figure_mask(figures, {"ASEAN", "MYS"})) == [False, False, True, False]


@pytest.mark.parametrize("value", ["CHN", "chn", "China", "china", " China ", "Chinese"])
def test_partner_code_takes_codes_and_names(value):
    assert partner_code(value) == "CHN"


@pytest.mark.parametrize(("value", "reason"), [("Atlantis", "unknown partner 'Atlantis'"), ("Japan", "no story names Japan")])
def test_partner_code_says_why_it_cannot(value, reason):
    with pytest.raises(UnknownPartner, match=reason):
        partner_code(value, known=["CHN"])


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


@pytest.mark.parametrize(
    ("text", "last", "day"),
    [("2025-06-01", False, date(2025, 6, 1)), ("2025/6/1", True, date(2025, 6, 1)), ("1 June 2025", False, date(2025, 6, 1)),
     ("2025-06", True, date(2025, 6, 30)), ("June 2025", False, date(2025, 6, 1)), ("2024", True, date(2024, 12, 31)),
     ("2025", False, date(2025, 1, 1)), ("", False, None), (None, True, None)],
)
def test_parse_day(text, last, day):
    assert parse_day(text, last) == day


@pytest.mark.parametrize("text", ["soon", "2025-13", "2025-02-30", "31/31/31"])
def test_parse_day_says_why(text):
    with pytest.raises(ValueError, match="is not a date"):
        parse_day(text)


def test_figures_count_for_their_own_partner_and_a_fund_for_its_country(tmp_path):
    """Issue 13: filtered to China, a Pakistan-wide figure of a China story is not China's; a deposit
    by the Saudi Fund for Development counts under Saudi Arabia and under the fund's own name."""
    from dashboard.load import load_corpus

    (tmp_path / "china.txt").write_text(
        "Pakistan and China sign technology pact\n\nPakistan and China signed a technology pact on Monday in Beijing. "
        "China will lend $2 billion for the parks. Pakistan's overall IT exports reached $3.8 billion last year.\n",
        encoding="utf-8",
    )
    (tmp_path / "saudi.txt").write_text(
        "Saudi fund deposits $3 billion\n\nThe Saudi Fund for Development deposited $3 billion with the central bank.\n",
        encoding="utf-8",
    )
    corpus = load_corpus([tmp_path])

    def raws(codes):
        return sorted(apply_filter(corpus, Filter(partners=codes)).figures["raw"])

    assert raws(("CHN",)) == ["$2 billion"]
    assert raws(("SAU",)) == ["$3 billion"] == raws(("SFD",))
    assert "SFD" in set(corpus.partners["code"])


def test_a_lender_not_in_the_registry_can_be_filtered_by(tmp_path):
    from dashboard.load import load_corpus

    (tmp_path / "a.txt").write_text(
        "Pakistan raises loan\n\nPakistan raised a $1 billion facility from Ajman Bank and Sharjah Islamic Bank on Monday.\n",
        encoding="utf-8",
    )
    corpus = load_corpus([tmp_path])
    table = corpus.partners.set_index("code")
    assert table.loc["Sharjah Islamic Bank", "type"] == "not in the registry"
    assert table.loc["Sharjah Islamic Bank", "n_figures"] == 1
    assert list(apply_filter(corpus, Filter(partners=("Sharjah Islamic Bank",))).figures["raw"]) == ["$1 billion"]
    assert partner_code("Ajman Bank", list(table.index)) == "Ajman Bank"


# --------------------------------------------------------------------------- review (issue 10)
@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    from review_corpus import reviewed_corpus

    return reviewed_corpus(tmp_path_factory.mktemp("review") / "store.sqlite3")


def test_the_filter_stays_a_hashable_cache_key():
    assert hash(Filter(checked_only=True)) != hash(Filter()) and Filter(checked_only=True) == Filter(checked_only=True)
    assert not Filter(checked_only=True).is_empty and Filter().is_empty
    with pytest.raises(AttributeError):
        Filter().checked_only = True  # frozen


def test_checked_only_keeps_confirmed_and_corrected_figures(reviewed):
    everything = apply_filter(reviewed, Filter())
    checked = apply_filter(reviewed, Filter(checked_only=True))
    assert sorted(everything.figures["review"].unique()) == ["confirmed", "corrected", "unreviewed"]
    assert set(checked.figures["review"]) == {"confirmed", "corrected"}
    assert len(checked.figures) == len(everything.figures) - 1  # b.txt's $7B, not reviewed
    assert "b.txt|$7 billion|1" not in set(checked.figures["figure_id"])
    assert len(checked.engagements) == len(everything.engagements)  # stories stay; only figures go
    assert list(checked.rejected["raw"]) == ["$2 billion"]  # rejected figures are never filtered by checked_only


def test_checked_only_applies_to_the_pakistan_wide_context_too(reviewed):
    from dataclasses import replace as copy

    baseline = reviewed.figures["raw"] == "$30 billion"  # a Pakistan-wide figure of a China story
    unchecked = copy(reviewed, figures=reviewed.figures.assign(review=reviewed.figures["review"].mask(baseline, "unreviewed")))
    assert "$30 billion" in set(apply_filter(unchecked, Filter(partners=("CHN",))).context["raw"])
    china = apply_filter(unchecked, Filter(partners=("CHN",), checked_only=True))
    assert sorted(china.context["raw"]) == ["$150 billion"]
    assert set(china.figures["review"]) <= {"confirmed", "corrected"}


@pytest.mark.parametrize(("partners", "rejected"), [((), ["$2 billion"]), (("SAU",), ["$2 billion"]), (("CHN",), []), (("KAZ",), [])])
def test_rejected_figures_pass_on_the_same_story_and_partner_rules(reviewed, partners, rejected):
    for checked_only in (False, True):
        kept = apply_filter(reviewed, Filter(partners=partners, checked_only=checked_only))
        assert sorted(kept.rejected["raw"]) == rejected


def test_rejected_figures_pass_on_the_story_dates(reviewed):
    assert len(apply_filter(reviewed, Filter(end=date(2025, 3, 4))).rejected) == 0  # b.txt is of 5 March 2025
    assert len(apply_filter(reviewed, Filter(start=date(2025, 3, 4))).rejected) == 1
