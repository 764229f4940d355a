import pytest

from dashboard.partners import classify, registry
from dashboard.vocab import VocabularyError


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("China", "CHN"),
        ("Chinese", "CHN"),
        ("Kazakh", "KAZ"),
        ("US", "USA"),
        ("United States", "USA"),
        ("UAE", "ARE"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("South Korea", "KOR"),
        ("Viet Nam", "VNM"),
        ("ASEAN", "ASEAN"),
        ("International Telecommunication Union", "ITU"),
        ("World Bank", "WORLDBANK"),
        ("Binance", "BINANCE"),
        ("DEU", "DEU"),
    ],
)
def test_resolve(name, code):
    assert registry().resolve(name) == code


def test_unknown_partner_names_the_file_to_edit():
    with pytest.raises(VocabularyError, match="data/partners.csv"):
        registry().resolve("Ruritania")
    with pytest.raises(VocabularyError, match="data/partners.csv"):
        registry().get("NOPE")


def test_bloc_expands_to_members():
    members = registry().expand(["ASEAN"])
    assert {"ASEAN", "MYS", "IDN", "VNM"} <= members
    assert "CHN" not in members


def codes(text):
    return [h.code for h in registry().find(text)]


def test_find_names_demonyms_acronyms_and_all_caps():
    assert codes("Chinese experts met the ITU and the UN in BEIJING and CHINA.") == ["CHN", "ITU", "UN", "CHN", "CHN"]


def test_currency_is_not_a_country():
    assert codes("a US$5 billion loan and 3 Saudi riyals") == []
    assert codes("US export controls") == ["USA"]


def test_lowercase_words_are_not_partners():
    assert codes("a turkey dinner, the union of two firms, un-needed") == []


def test_classify_partners_mentions_and_subject():
    text = (
        "Pakistan and Kazakhstan agreed to cooperate. The corridor links Termez and Jalalabad. "
        "Pakistan's IT exports are smaller than India's."
    )
    partners, mentions = classify(text, registry().find(text))
    assert partners == ["KAZ"]
    assert mentions == ["UZB", "AFG", "IND"]


def test_registry_table_has_types_and_members():
    table = registry().table().set_index("code")
    assert table.loc["ASEAN", "type"] == "bloc" and "MYS" in table.loc["ASEAN", "members"]
    assert table.loc["ITU", "type"] == "organisation"
    assert table.loc["BINANCE", "type"] == "company"
    assert table.loc["TUR", "iso3"] == "TUR"


@pytest.mark.parametrize(
    "sentence",
    ["Pakistan's IT exports are smaller than India's.", "Amid tensions with India, the talks went on.", "Trade along its border with Iran grew."],
)
def test_passing_mentions_are_not_partners(sentence):
    partners, mentions = classify(sentence, registry().find(sentence))
    assert partners == [] and len(mentions) == 1
