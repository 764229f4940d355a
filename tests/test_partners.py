import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --------------------------------------------------------------------------- issue 13: the partner of each figure
def _story(text):
    from dashboard.articles import read_stories
    from dashboard.pipeline import analyse_story

    (record,) = [analyse_story(s) for s in read_stories("t.txt", text)]
    return record


def _partner_of(record, raw):
    (fig,) = [f for f in record["figures"] if f["raw"] == raw]
    return [p["code"] for p in fig["partners"]]


@pytest.mark.parametrize(
    ("text", "raw", "partners"),
    [
        # a fund, an agency and a company as lender or investor
        ("The Saudi Fund for Development signed a $1.2 billion oil facility with Pakistan.", "$1.2 billion", ["SFD"]),
        ("USAID will provide a $40 million grant for schools in Sindh.", "$40 million", ["USAID"]),
        ("Aramco plans to invest $10 billion in a refinery at Gwadar.", "$10 billion", ["ARAMCO"]),
        # a combined total of named counterparties
        ("Remittances from Saudi Arabia and the UAE rose to $1.2bn in May.", "$1.2bn", ["SAU", "ARE"]),
        # a Pakistan-wide figure with no counterparty
        ("Pakistan's IT exports reached $3.8 billion last year.", "$3.8 billion", []),
    ],
)
def test_the_partner_of_a_figure_is_its_counterparty(text, raw, partners):
    assert _partner_of(_story(text), raw) == partners


def test_a_fund_is_a_partner_with_its_country():
    record = _story("The Saudi Fund for Development signed a $1.2 billion oil facility with Pakistan.")
    (info,) = record["figures"][0]["partners"]
    assert info == {"code": "SFD", "name": "Saudi Fund for Development", "type": "organisation", "country": "SAU", "in_registry": True}
    assert {"SFD", "SAU"} <= set(record["partners"])


def test_a_pakistan_wide_figure_in_a_china_story_is_not_china_s():
    text = (
        "Pakistan and China sign pact on technology parks\n\n"
        "Pakistan and China signed an agreement on technology parks on Monday. "
        "Pakistan's overall exports reached $30 billion last year, officials said."
    )
    record = _story(text)
    assert record["partners"] == ["CHN"]
    assert _partner_of(record, "$30 billion") == []


def test_a_flow_in_a_story_about_one_partner_is_that_partner_s():
    text = (
        "Turkey and Pakistan aim to double trade\n\n"
        "The two leaders agreed to raise bilateral trade to $5 billion. Bilateral trade stood at $1.4 billion last year."
    )
    record = _story(text)
    assert _partner_of(record, "$1.4 billion") == ["TUR"]


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # a comparison list
        ("Pakistan's IT exports of $3 billion are smaller than India and Bangladesh, officials said. Pakistan signed a deal with Malaysia.", "IND"),
        # a dispute
        ("Pakistan, amid tensions with India, signed a $2 billion deal with Malaysia.", "IND"),
        # a dateline city abroad
        ("BEIJING, March 3, 2026: Pakistan and Malaysia signed a $2 billion trade deal.", "CHN"),
        # a photo caption
        ("Pakistan and Malaysia sign trade deal\n\nTraders in Delhi count notes. — AFP\n\nPakistan and Malaysia signed a $2 billion deal.", "IND"),
    ],
)
def test_a_country_in_passing_is_a_mention_not_a_partner(text, mention):
    record = _story(text)
    assert mention not in record["partners"]
    assert "MYS" in record["partners"]


def test_an_engagement_without_figures_makes_a_partner():
    record = _story("Pakistani officials met a Binance team in Islamabad to discuss digital payments.")
    assert record["partners"] == ["BINANCE"]


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        ("Pakistan raised a $1 billion facility from Ajman Bank and Sharjah Islamic Bank.", ["Ajman Bank", "Sharjah Islamic Bank"]),
        ("A $200 million loan by Abu Dhabi Islamic Bank was signed.", ["Abu Dhabi Islamic Bank"]),
        ("A $300 million loan from Bank of China was signed.", ["BANKOFCHINA"]),
    ],
)
def test_a_lender_not_in_the_registry_is_still_its_figure_s_partner(text, partners):
    record = _story(text)
    (fig,) = record["figures"]
    assert [p["code"] for p in fig["partners"]] == partners
    assert all(p["in_registry"] == (p["code"] in registry().entities) for p in fig["partners"])


def test_a_pakistani_body_is_not_a_counterparty():
    record = _story("The State Bank of Pakistan received $500 million from the Asian Development Bank.")
    assert record["partners"] == ["ADB"]


def test_a_name_broken_by_a_line_is_one_name():
    assert codes("The Islamic\nDevelopment Bank lends to the Asian Development\nBank's members.") == ["ISDB", "ADB"]


@pytest.mark.parametrize(
    "text",
    ["The Kuwait-based lender will visit.", "A China-led bank approved it.", "A Dubai-headquartered firm and a Saudi–based fund."],
)
def test_a_country_describing_an_organisation_is_in_passing(text):
    assert all(h.passing for h in registry().find(text) if h.code != "PAK")


def _anaphor_codes(text):
    from dashboard.partners import with_anaphors

    return [(h.alias, h.code) for h in with_anaphors(text, registry().find(text)) if h.alias.lower().startswith("the ")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the bank, the Fund, the kingdom: the one named before
        ("The Asian Development Bank approved a loan. The bank said it will help.", [("The bank", "ADB")]),
        ("Pakistan met the IMF in May. The Fund wants reforms.", [("The Fund", "IMF")]),
        ("Workers in Saudi Arabia sent more. Inflows from the kingdom grew.", [("the kingdom", "SAU")]),
        # the one named most often so far, not merely the last ("co-financed with" a second lender)
        ("The AIIB lent $1bn. The AIIB loan is co-financed with the World Bank, the bank said.", [("the bank", "AIIB")]),
        # a Pakistani bank or a fund the registry does not know leads: no partner
        ("The State Bank of Pakistan said Saudi Arabia kept its deposit with the bank.", []),
        ("The IMF met officials. The Pakistan Sovereign Wealth Fund and the Pakistan Sovereign Wealth Fund board: the Fund said.", []),
        # a name of its own, a lower-case "the fund" and a kingdom that is not one
        ("The World Bank and the Bank of China met. The fund is new.", []),
        ("The UAE lent $1bn. The kingdom is rich.", []),
    ],
)
def test_the_bank_the_fund_and_the_kingdom_name_the_partner_named_before(text, expected):
    assert _anaphor_codes(text) == expected


def test_the_bank_gives_its_figure_a_partner():
    text = "The World Bank approved $700 million on Friday.\nThe funds come under the bank's programme, which could provide up to $1.35 billion."
    assert _partner_of(_story(text), "$1.35 billion") == ["WORLDBANK"]


@pytest.mark.parametrize(
    ("text", "raw", "partners"),
    [
        # one amount to each name of a list as long, in order
        ("Loans from China and Japan came to $4 billion and $1 billion, respectively.", "$1 billion", ["JPN"]),
        ("Workers in Qatar, Oman and Kuwait sent $90 million, $80 million and $70 million.", "$80 million", ["OMN"]),
        # a list of names across a line break, with an acronym in brackets and "countries" after it
        ("Inflows from the Gulf Cooperation Council (GCC) countries and the\nUnited States were $3 billion and $2 billion.", "$3 billion", ["GCC"]),
        # one amount for two names stays a combined amount
        ("Imports from Malaysia and Indonesia were $2 billion.", "$2 billion", ["MYS", "IDN"]),
        # two amounts for three names: no pairing
        ("Malaysia, Indonesia and Thailand bought $2 billion and $3 billion.", "$3 billion", ["MYS", "IDN", "THA"]),
    ],
)
def test_amounts_of_a_list_go_one_to_each_name(text, raw, partners):
    assert _partner_of(_story(text), raw) == partners


@pytest.mark.parametrize(
    ("text", "raw", "partners"),
    [
        # a clause that describes the figure itself does not cut it from its lender
        ("The central bank got $2 billion, which was the first tranche from Qatar, on Monday.", "$2 billion", ["QAT"]),
        ("Pakistan received $500 million – which is part of a loan from Kuwait.", "$500 million", ["KWT"]),
        # an example from the whole world is not the source of a total
        ("Expatriates across the world, such as those in Canada (CA), sent home $9 billion in remittances.", "$9 billion", []),
    ],
)
def test_clauses_and_examples_around_a_figure(text, raw, partners):
    assert _partner_of(_story(text), raw) == partners


def test_a_current_account_figure_is_pakistan_wide_in_a_partner_story():
    text = (
        "Japan lends Pakistan $500 million\n\n"
        "Japan agreed to lend $500 million for power lines. A current account surplus of $300 million helped the rupee."
    )
    record = _story(text)
    assert _partner_of(record, "$500 million") == ["JPN"]
    assert _partner_of(record, "$300 million") == []


def test_a_figure_between_the_two_sides_is_the_story_partner_s():
    text = (
        "Pakistan and Kenya sign a tea pact\n\n"
        "Pakistan and Kenya signed a pact on tea on Monday. Both countries will remove 40 percent of all tariffs on tea. "
        "Tea prices rose 5 percent in the capital."
    )
    record = _story(text)
    assert _partner_of(record, "40 percent") == ["KEN"]
    assert _partner_of(record, "5 percent") == []


def test_a_fund_of_a_partner_country_named_as_itself_is_a_partner():
    record = _story("Saudi Arabia agreed to extend its $3 billion deposit. The Saudi Fund for Development rolled it over on Monday.")
    assert record["partners"][:2] == ["SAU", "SFD"]
    record = _story("Pakistan got a $1 billion loan from China. The Kuwait Fund has an office in Lahore.")
    assert "KFAED" not in record["partners"]


@pytest.mark.parametrize(
    ("text", "funder"),
    [
        ("The budget sets aside Rs10 million for the Smart Schools Project (Asian Development Bank Funded).", "ADB"),
        ("Work began on a JICA-funded water scheme in Karachi.", "JICA"),
        ("The clinics, financed by the Islamic Development Bank, opened in May.", "ISDB"),
    ],
)
def test_a_funder_of_a_project_is_a_partner(text, funder):
    assert _story(text)["partners"][0] == funder


# --------------------------------------------------------------------------- names that stand for a partner, or do not
def test_an_ambiguous_acronym_counts_only_beside_its_full_name():
    # Pakistan's own Special Communications Organization is "SCO" too
    assert codes("The budget gives Rs6.9 billion to SCO and Rs1.5 billion to NITB.") == []
    assert codes("The Shanghai Cooperation Organisation (SCO) met in Astana; SCO members agreed.") == ["SCO", "SCO", "KAZ", "SCO"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beijing rolled over Pakistan's $4 billion debt in March.", ["CHN"]),
        ("Riyadh has agreed to keep its deposit with the central bank.", ["SAU"]),
        ("Tokyo's loan will fund a metro line in Karachi.", ["JPN"]),
        # where something happens, or a wire dateline: a town, not its government
        ("Talks in Beijing have stalled over the power debts.", []),
        ("BEIJING: Officials met on Monday.", []),
        ("Shanghai has become a hub for payment firms.", []),  # no capital: the town only
    ],
)
def test_a_capital_acting_stands_for_its_government(text, expected):
    found = [h for h in registry().find(text) if h.via == "name" and h.code != "PAK"]
    assert [h.code for h in found] == expected


@pytest.mark.parametrize(
    ("text", "raw", "partners"),
    [
        # a name right after the amount describes it
        ("Reserves rose after a $1 billion IMF injection this month.", "$1 billion", ["IMF"]),
        ("The $3 billion Saudi deposit matures in December.", "$3 billion", ["SAU"]),
        # a name linked after one amount of a list is that amount's, not the next one's
        ("The bank approved a $216 million loan for Nepal, $165 million loans for a Bhutan project and more.", "$165 million", ["BTN"]),
        ("The bank approved a $216 million loan for Nepal, $165 million loans for a Bhutan project and more.", "$216 million", ["NPL"]),
        # an amount after a comma and its own preposition keeps the name before it
        ("Exports to Japan were $2 billion, and to Kenya they were $3 billion.", "$3 billion", ["KEN"]),
    ],
)
def test_names_beside_an_amount(text, raw, partners):
    assert _partner_of(_story(text), raw) == partners


def test_words_of_a_national_total_only_count_near_the_figure():
    text = (
        "Kuwait lends Pakistan $700 million\n\n"
        "Kuwait agreed to lend Pakistan $700 million on Monday. The package includes $300 million in loans maturing next year, "
        "a move aimed at keeping Pakistan's reserves above $10 billion. Pakistan has suffered losses of $30 billion in floods."
    )
    record = _story(text)
    assert _partner_of(record, "$300 million") == ["KWT"]  # "Pakistan's" stands in another clause
    assert _partner_of(record, "$30 billion") == []  # what the country lost: Pakistan-wide


def test_a_title_after_a_name_is_an_official_not_an_unregistered_company():
    record = _story("Pakistan signed the pact with Saudi Investment Minister Khalid al-Falih on Monday.")
    assert "Saudi Investment" not in record["partners"] + record["mentions"]
    record = _story("Pakistan signed a $200 million loan with Kaheel Terminals on Monday.")
    assert _partner_of(record, "$200 million") == ["Kaheel Terminals"]


def test_more_than_an_amount_is_a_hedge_not_a_comparison():
    record = _story("Exports are concentrated in a few markets, with Canada's share at more than 55 percent.")
    assert _partner_of(record, "55 percent") == ["CAN"]
    assert "CAN" in record["partners"]  # not a comparison: "more than" qualifies the amount
    record = _story("Kenya's tea exports are bigger than Uganda's, at $1 billion a year.")
    assert "UGA" not in record["partners"]


@pytest.mark.parametrize(
    ("text", "partner"),
    [
        # an organisation giving money, with no amount and no Pakistan in its sentence, is a partner of the story
        ("The International Finance Corporation (IFC) will also provide additional funding to the programme.", "IFC"),
        ("This is the first time the ADB has provided such a guarantee.", "ADB"),
        ("Part of the loan is backed by a guarantee from the Islamic Development Bank.", "ISDB"),
    ],
)
def test_an_organisation_giving_money_is_a_partner_of_the_story(text, partner):
    record = _story("Pakistan raises a loan for its power sector\n\nPakistan raised a loan for its power sector on Monday. " + text)
    assert partner in record["partners"]


def test_a_country_named_alone_beside_a_giving_verb_is_not_made_a_partner_by_it():
    record = _story("Pakistan raises a loan for its power sector\n\nPakistan raised a loan on Monday. India has provided loans to Nepal.")
    assert "IND" not in record["partners"]


def test_a_country_in_the_headline_is_a_partner_unless_the_story_s_counterparties_are_others():
    dispute = _story(
        "Norway asks IMF to reconsider Pakistan loan\n\n"
        "Norway's finance minister said the International Monetary Fund should reconsider its loan. "
        "The IMF approved a $1 billion loan for Pakistan last week."
    )
    assert "IMF" in dispute["partners"] and "NOR" not in dispute["partners"]
    assert "NOR" in dispute["mentions"]
    alone = _story("Kazakhstan eyes Pakistan's ports\n\nOfficials described the ports of Karachi and Gwadar at a conference on Monday.")
    assert alone["partners"] == ["KAZ"]  # no other counterparty: the headline says who the story is about


def test_a_national_total_takes_a_name_before_it_only_in_its_own_clause():
    record = _story("After the upcoming Chinese refinancing, reserves could rise to about $12.7 billion next month.")
    assert _partner_of(record, "$12.7 billion") == []
    record = _story("Saudi Arabia's reserves stood at $400 billion in May.")
    assert _partner_of(record, "$400 billion") == ["SAU"]  # whose reserves they are


@pytest.mark.parametrize(
    ("body", "partners", "not_partners"),
    [
        # countries listed before a verb of giving, with Pakistan named after them
        ("Qatar, Kuwait and the United Arab Emirates are providing billions of dollars in support to Pakistan. "
         "India is providing loans to Nepal.", {"QAT", "KWT", "ARE"}, {"IND", "NPL"}),
        # a counterparty's role after its name; a country's role toward someone else is not one
        ("Dubai Islamic Bank and Standard Chartered were the lead arrangers. China is Pakistan's largest creditor. "
         "Japan is the largest creditor of Cambodia.", {"DIB", "STANCHART", "CHN"}, {"JPN"}),
    ],
)
def test_givers_and_their_roles_are_partners_of_the_story(body, partners, not_partners):
    record = _story("Pakistan raises a loan\n\nPakistan raised a loan on Monday. " + body)
    assert partners <= set(record["partners"])
    assert not not_partners & set(record["partners"])


def test_a_first_line_that_is_a_paragraph_is_no_headline():
    body = ("The Islamic Development Bank is renewing its financing agreements with Pakistan for schools and roads, "
            "in line with the UN Sustainable Development Goals, officials said on Monday in Islamabad at a ceremony.")
    assert "UN" not in _story(body + "\n\nThe bank signed the agreements.")["partners"]
    assert "UN" in _story("UN agency backs Pakistan\n\n" + body)["partners"]


def test_a_bad_row_of_giving_words_names_the_file_and_row(tmp_path, monkeypatch):
    from dashboard import partners

    (tmp_path / "giving_words.csv").write_text("kind,pattern,note\nverb,provid\\w*,\ngift,lend,\n")
    original = partners.read_rows
    monkeypatch.setattr(partners, "read_rows", lambda name, data_dir=tmp_path: original(name, tmp_path))
    partners._giving.cache_clear()
    try:
        with pytest.raises(VocabularyError, match="data/giving_words.csv row 3"):
            partners._giving()
    finally:
        partners._giving.cache_clear()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["than", "THAN", "compared with", "unlike", "rivals", "behind", " ", "\n", "India", "$5", "ſ", "İ", "x", "than $5",
                                 "tensions with", "borders", ",", "outpaced"]), max_size=10).map(" ".join))
def test_compares_is_the_comparison_cues_search(sentence):
    from dashboard.partners import compares, comparison_cues

    assert compares(sentence) is (comparison_cues().search(sentence) is not None)
