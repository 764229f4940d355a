from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.articles import read_stories
from dashboard.extract import (
    Amount,
    extract_figures,
    find_amounts,
    find_horizon,
    find_year,
    parse_number,
    sentence_spans,
    words_to_number,
)
from dashboard.partners import registry
from dashboard.pipeline import analyse_story


def amounts(text):
    return [(a.value, a.currency, a.unit, text[a.start : a.end]) for a in find_amounts(text)]


@pytest.mark.parametrize(
    ("text", "value", "currency", "raw"),
    [
        ("China has $2.7 trillion in imports.", 2.7e12, "USD", "$2.7 trillion"),
        ("a loan of $4.375 billion was signed", 4.375e9, "USD", "$4.375 billion"),
        ("worth US $ 6.2 billion last year", 6.2e9, "USD", "US $ 6.2 billion"),
        ("a market of USD 1.8 trillion", 1.8e12, "USD", "USD 1.8 trillion"),
        ("exports crossed 310+ Million USD in June", 3.1e8, "USD", "310+ Million USD"),
        ("allocated Rs 45 billion for the project", 4.5e10, "PKR", "Rs 45 billion"),
        ("a Rs12bn package", 1.2e10, "PKR", "Rs12bn"),
        ("trade of Dh9.5 billion", 9.5e9, "AED", "Dh9.5 billion"),
        ("remittances of $612 million", 6.12e8, "USD", "$612 million"),
        ("investments of 1.5bn dollars", 1.5e9, "USD", "1.5bn dollars"),
        ("a grant of forty-two million dollars", 4.2e7, "USD", "forty-two million dollars"),
        # as adjectives: "a three-billion-dollar arrangement", "a 3 billion-dollar loan"
        ("the final tranche of a three-billion-dollar stand-by arrangement", 3e9, "USD", "three-billion-dollar"),
        ("Pakistan signed a 3 billion-dollar loan", 3e9, "USD", "3 billion-dollar"),
        ("exports of three billion dollars", 3e9, "USD", "three billion dollars"),
        ("more than $15 million raised", 1.5e7, "USD", "$15 million"),
        ("US$5bn in deposits", 5e9, "USD", "US$5bn"),
        ("a loan of $US3 billion", 3e9, "USD", "$US3 billion"),  # the Australian press's form
        ("a swap of 3.1 billion $US in all", 3.1e9, "USD", "3.1 billion $US"),
        ("the country received 285.70 million US$ from Bahrain", 2.857e8, "USD", "285.70 million US$"),
        ("trade amounts to BD151 million a year", 1.51e8, "BHD", "BD151 million"),
        ("PKR 3.5 trillion budget", 3.5e12, "PKR", "PKR 3.5 trillion"),
        ("Rs. 1,200 crore scheme", 1.2e10, "PKR", "Rs. 1,200 crore"),
        ("Rs50 lakh prize", 5e6, "PKR", "Rs50 lakh"),
        ("AED 3bn deal", 3e9, "AED", "AED 3bn"),
        ("€3 billion facility", 3e9, "EUR", "€3 billion"),
        ("10 billion yuan swap", 1e10, "CNY", "10 billion yuan"),
        ("half a billion dollars", 5e8, "USD", "half a billion dollars"),
        ("a $500 fee", 500.0, "USD", "$500"),
        ("$400m in funding", 4e8, "USD", "$400m"),
        ("£2.5bn of investment", 2.5e9, "GBP", "£2.5bn"),
        ("a $1.5-billion loan", 1.5e9, "USD", "$1.5-billion"),
        ("a prize of Rs1,50,000 each", 1.5e5, "PKR", "Rs1,50,000"),
        ("nearly a billion dollars", 1e9, "USD", "a billion dollars"),
        ("QR5bn of deposits", 5e9, "QAR", "QR5bn"),
        ("USD1.5bn raised", 1.5e9, "USD", "USD1.5bn"),
        ("Rs1.2tr in circulation", 1.2e12, "PKR", "Rs1.2tr"),
        ("500 million US dollars", 5e8, "USD", "500 million US dollars"),
        ("about $3.5billion", 3.5e9, "USD", "$3.5billion"),
        ("Rs.5bn for schools", 5e9, "PKR", "Rs.5bn"),
        ("Rs. 5 Bn for schools", 5e9, "PKR", "Rs. 5 Bn"),
        ("US$ 1.5 billion", 1.5e9, "USD", "US$ 1.5 billion"),
        ("(Rs 1.2tn)", 1.2e12, "PKR", "Rs 1.2tn"),
        ("₨1.2 billion", 1.2e9, "PKR", "₨1.2 billion"),
        ("AED500 fine", 500.0, "AED", "AED500"),
        ("RMB10bn swap", 1e10, "CNY", "RMB10bn"),
        ("2bn USD", 2e9, "USD", "2bn USD"),
        ("€ 500 million", 5e8, "EUR", "€ 500 million"),
        ("$1.5\u00a0billion with a no-break space", 1.5e9, "USD", "$1.5\u00a0billion"),
    ],
)
def test_money_phrasings(text, value, currency, raw):
    assert amounts(text) == [(pytest.approx(value), currency, "money", raw)]


@pytest.mark.parametrize(
    ("text", "values", "raw"),
    [
        ("an estimated $12-16 billion", [12e9, 16e9], "$12-16 billion"),
        ("$12bn-$16bn a year", [12e9, 16e9], "$12bn-$16bn"),
        ("between $12 to 16 billion", [12e9, 16e9], "$12 to 16 billion"),
        ("some 12-16 billion dollars", [12e9, 16e9], "12-16 billion dollars"),
        # each end written whole, the high end at most twice the low
        ("could unlock $2 billion to $3 billion in sales", [2e9, 3e9], "$2 billion to $3 billion"),
        ("tariffs of 20% to 35% on cloth", [20.0, 35.0], "20% to 35%"),
        ("cut volumes by 20% to 30% a year", [20.0, 30.0], "20% to 30%"),
        ("a stake of 10 per cent to 20 per cent", [10.0, 20.0], "10 per cent to 20 per cent"),
    ],
)
def test_a_range_is_one_figure_with_low_and_high(text, values, raw):
    (found,) = find_amounts(text)
    assert (found.value, found.high) == (pytest.approx(values[0]), pytest.approx(values[1]))
    assert text[found.start : found.end] == raw


@pytest.mark.parametrize(
    ("text", "values", "unit"),
    [
        ("between $12 billion and $16 billion", [12e9, 16e9], "money"),
        ("between $12 and $16 billion", [12e9, 16e9], "money"),
        ("Between 12 and 16 billion dollars", [12e9, 16e9], "money"),
        ("between 30 and 35 percent", [30.0, 35.0], "percent"),
        ("rates between $12 and $16 an hour", [12.0, 16.0], "money"),
    ],
)
def test_between_and_is_one_range(text, values, unit):
    (found,) = find_amounts(text)
    assert [found.value, found.high] == values and found.unit == unit
    assert not text[found.start : found.end].lower().startswith("between")


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("reserves rose by $9 million to $14.56 billion", ["$9 million", "$14.56 billion"]),
        ("to lift trade from the current $250 million to $1 billion", ["$250 million", "$1 billion"]),
        ("reserves rose $4.2 billion to $8.7 billion", ["$4.2 billion", "$8.7 billion"]),  # more than twice: a change
        ("its share rose from 22% to 30%", ["22%", "30%"]),
        ("the rate went up 2% to 25%", ["2%", "25%"]),
        ("its share fell from 60 per cent in 2010 to 55 per cent", ["60 per cent", "55 per cent"]),  # a year is no low end
        ("inflation eased 38% to 29%", ["38%", "29%"]),  # a fall
        ("it converted $2 billion to Rs3 billion", ["$2 billion", "Rs3 billion"]),  # another currency
        ("from about $2 billion to $3 billion", ["$2 billion", "$3 billion"]),
        ("raise GST from the current 17% to 18%", ["17%", "18%"]),
    ],
)
def test_a_change_written_with_to_is_two_figures(text, raws):
    assert [r for _, _, _, r in amounts(text)] == raws


def test_from_to_is_two_figures_not_a_range():
    found = amounts("from $30 billion to $150 billion")
    assert [(v, r) for v, _, _, r in found] == [(30e9, "$30 billion"), (150e9, "$150 billion")]


@pytest.mark.parametrize(
    ("text", "value", "raw"),
    [
        ("grew 12.5%", 12.5, "12.5%"),
        ("a rise of 12,5%", 12.5, "12,5%"),
        ("up 30pc", 30.0, "30pc"),
        ("rose 25 per cent", 25.0, "25 per cent"),
        ("fell 7 percent", 7.0, "7 percent"),
        ("rose 3.1 pct in May", 3.1, "3.1 pct"),
        ("a 2 percentage point cut", 2.0, "2 percentage point"),
        ("a twenty-five per cent share", 25.0, "twenty-five per cent"),
    ],
)
def test_percent_phrasings(text, value, raw):
    assert amounts(text) == [(value, None, "percent", raw)]


@pytest.mark.parametrize(
    "text",
    [
        "the 1990s and 2025",
        "aged 25, he led 300 people",
        "5 million freelancers",
        "AIRLINK 182.71 Increased By ▲ 2.54",
        "Mrs 5 was there",
        "version 2.0 released",
        "a US dollar-denominated bond",
        "billions of dollars",
    ],
)
def test_not_money(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("words", "value"),
    [("forty-two", 42), ("three", 3), ("three hundred and five", 305), ("ninety nine", 99), ("half a", 0.5)],
)
def test_words_to_number(words, value):
    assert words_to_number(words) == value


@pytest.mark.parametrize(("raw", "value"), [("1,234.5", 1234.5), ("12,5", 12.5), ("7", 7.0), ("twenty", 20.0)])
def test_parse_number(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sum whose currency is the one of the amount just before it
        ("Workers in Oman sent $504.85 million during FY18 as compared to 574.03 million during FY17.",
         [(5.0485e8, "USD", "money", "$504.85 million"), (5.7403e8, "USD", "money", "574.03 million")]),
        ("The ministry got Rs5 billion.\nIt had asked for 24.25 billion, officials said.",
         [(5e9, "PKR", "money", "Rs5 billion"), (2.425e10, "PKR", "money", "24.25 billion")]),
        # not a count, a sum with a unit of its own, nor a sum with no money before it in its paragraph
        ("Pakistan got $2 billion. Some 5 million people and 2 million tonnes of wheat.", [(2e9, "USD", "money", "$2 billion")]),
        ("Pakistan got $2 billion. Around 2.5 million Pakistani expats live there and more than 1.6 million in the UAE.",
         [(2e9, "USD", "money", "$2 billion")]),
        ("The IMF released $1 billion, or 750 million in Special Drawing Rights.", [(1e9, "USD", "money", "$1 billion")]),
        ("Pakistan got $2 billion.\n\nSubscribers, 190 million, grew.", [(2e9, "USD", "money", "$2 billion")]),
        ("Pakistan got $2 billion.\n\nMobile broadband subscriptions have crossed 140 million, the regulator said.",
         [(2e9, "USD", "money", "$2 billion")]),
        # the money amount may stand in the paragraph before
        ("Workers in Saudi Arabia sent $3,690.57 million.\n\nWorkers from Oman sent 504.85 million during FY18.",
         [(3.69057e9, "USD", "money", "$3,690.57 million"), (5.0485e8, "USD", "money", "504.85 million")]),
        ("Exports fell to 4,078.11 million during FY17.", []),
        # a count or a measure after money is no sum: no word says one, or its scale also measures
        ("Pakistan received $2 billion, while the number of overseas workers reached 11 million in 2023.", [(2e9, "USD", "money", "$2 billion")]),
        ("The $2 billion dam will be 272m in height.", [(2e9, "USD", "money", "$2 billion")]),
        ("The $5 billion project will employ 20 thousand during construction.", [(5e9, "USD", "money", "$5 billion")]),
    ],
)
def test_a_sum_without_its_currency_takes_the_one_before_it(text, expected):
    assert amounts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Workers sent 3264.73, 580.06 and 277.52 million US$ during FY18.",
         [(3.26473e9, "USD", "money", "3264.73"), (5.8006e8, "USD", "money", "580.06"), (2.7752e8, "USD", "money", "277.52 million US$")]),
        ("registering growth of 3.87, 2.11 and 0.96 percent", [(3.87, None, "percent", "3.87"), (2.11, None, "percent", "2.11"),
                                                           (0.96, None, "percent", "0.96 percent")]),
        # a year before "and" is no number of the list; an amount that opens with its currency lists none
        ("in 2017 and 12 percent", [(12.0, None, "percent", "12 percent")]),
        ("in 5 and $3 billion", [(3e9, "USD", "money", "$3 billion")]),
        # a section, a rank or a digit run is no number of the list
        ("Under Section 144 and 5 percent tax", [(5.0, None, "percent", "5 percent")]),
        ("Pakistan ranked 135 and 5 percent of GDP went to China.", [(5.0, None, "percent", "5 percent")]),
        ("1" * 50 + " and 4 million US$ went", [(4e6, "USD", "money", "4 million US$")]),
    ],
)
def test_numbers_listed_before_an_amount_share_its_unit(text, expected):
    assert [(pytest.approx(v), c, u, r) for v, c, u, r in amounts(text)] == expected


def _one(text):
    hits = registry().find(text)
    figures = extract_figures(text, hits)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("China has $2.7 trillion in imports.", "actual"),
        ("The minister highlighted the goal of exporting $50 billion to the Chinese market.", "target"),
        ("The government aims to raise IT exports to $15 billion by 2030.", "target"),
        ("Pakistan pledged $20 million for the fund.", "target"),
        ("Islamabad is racing against time to unlock at least $1.1 billion under the review.", "target"),
        ("Pakistan and the IMF were also in discussions for the release of the full $2.5 billion.", "target"),
        ("A delegation is in Islamabad amid the kingdom's promise of investing over $5 billion.", "target"),
        ("The delegation expressed interest in investing $1 billion in a medical city.", "target"),
        ("The fund deposited the $3 billion aid package promised last year.", "actual"),  # the promise kept
        ("IT exports surged to $3.2 billion in FY2024-25.", "actual"),
        ("Remittances reached $38 billion last year.", "actual"),
        ("The reform could bring an estimated $25 billion in virtual assets into the tax net.", "estimate"),
        ("The sector has potential exports of $10 billion.", "estimate"),
        ("Systems could reduce costs from the country's $38 billion annual remittance flows.", "actual"),
        ("Officials expect the market to be worth $5 billion.", "estimate"),
        # a hedge on the size (approximately, roughly, up to) keeps the kind of what is reported: it is no forecast
        ("The bank is targeting lending of approximately $1.2 billion next year.", "target"),
        ("An increase of up to 30 percent has been proposed for the ministry.", "target"),
        ("The new tariffs are likely to cause annual losses of up to $500 million.", "estimate"),
        ("The fund holds roughly $2 billion.", "actual"),
        ("The agency signed a loan agreement with Pakistan for up to 5 billion yen.", "actual"),
        ("The industry has a share of approximately $200 million of the world market.", "actual"),
        ("Annual exports of $2 billion went to the region.", "actual"),
        # what a project will cost is a projection; a sum "will have financed" or a loan a project "will be financed by" is counted
        ("The new terminal will cost in excess of $2 billion.", "estimate"),
        ("With this loan the fund will have financed 20 projects for a total of $361 million.", "actual"),
        ("The programme will be financed by a $26.5 million loan from the fund.", "actual"),
        ("A loan of $20 million went to a power plant in the south, the bank said.", "actual"),
        # a memorandum of understanding or a stated intention is no deal yet
        ("The UAE announced its intention to deposit $3 billion with the central bank.", "target"),
        ("Pakistan signed an MoU with the exchange to explore tokenising up to $2 billion of state assets.", "target"),
        ("The accords include $7 billion (£5.1 billion) in a memorandum of understanding.", "target"),
        # what is owed or already there; an IMF staff-level agreement, an appeal, a floated investment and new money promised are not yet
        ("Pakistan aims to re-profile its debt, with US$3 billion owed to the UAE.", "actual"),
        ("Sesame exports are growing, with total exports already reaching $380 million.", "actual"),
        ("The aid adds to the €1.05 million mobilised in September.", "actual"),
        ("The IMF reached a staff-level agreement to release $1.17 billion.", "target"),
        ("The government and the UN launched a flash appeal for US$160 million.", "target"),
        ("Saudi Arabia floated investing $10 billion in a refinery.", "target"),
        ("The UAE agreed to roll over a loan and provide an additional $1 billion.", "target"),
        ("The UAE agreed to extend a $2 billion loan to the country and provide an additional sum.", "actual"),
        ("Pakistan is set to repay the $2 billion debt next month.", "actual"),
        # close to a deal or still negotiating is no deal; a review that "will enable" a transfer has not made it;
        # a lender "expected to approve" a loan is a forecast
        ("The country is on the verge of finalising a $2 billion investment accord with Baku.", "target"),
        ("Islamabad is also negotiating with the fund to release $3 billion.", "target"),
        ("The two sides set their sights on raising annual trade to $5 billion.", "target"),
        ("Completing the review will enable disbursement of about $450 million.", "target"),
        ("The lender was expected to approve an $800 million loan next week.", "estimate"),
        ("Pakistan negotiated a $3 billion loan with the fund last year.", "actual"),
        # what a verb of growth, not in the past, is to bring something to is a goal, also under a signed agreement
        ("The two countries signed accords to deepen ties and increase the two-way trade to USD 1 billion.", "target"),
        ("He inked an agreement to boost investments to $2 billion.", "target"),
        ("Exports recorded an increase in value to $3 billion.", "actual"),
        ("Pakistan increased its exports to Kenya to $3 billion.", "actual"),
        # a staff-level pact, or a sum a board "if approved" or a lender "will disburse", is still to come; what it disbursed is not
        ("The fund reached a staff-level pact with Pakistan on a $3-billion stand-by arrangement.", "target"),
        ("The staff level agreement, if approved by the board, will unlock financing for the country of $1.1 billion.", "target"),
        ("The board approved the programme and will immediately disburse the first tranche of $1.2 billion.", "target"),
        ("The lender disbursed $1.2 billion last week.", "actual"),
        ("The bank is disbursing $500 million to the province this week.", "actual"),
        # a strong cue well before the figure outweighs a weak one right after it
        ("Better banking could help expatriates in the Gulf remit more, lifting remittances from the region to over $1 billion annually.",
         "estimate"),
        # arranged and still to come; a horizon after a forecast is the forecast's
        ("The IFC is to support the wind farm with a $38.1 million investment.", "target"),
        ("Projections show the market could generate $1.6 billion in revenue by 2025.", "estimate"),
        ("The government plans to generate $1.6 billion in revenue by 2025.", "target"),
        # "owing to" is "because of"; a signing still to come settles nothing
        ("Remittances are expected to fall by $2 billion owing to the slowdown in the Gulf.", "estimate"),
        # what already exists, whatever is to be done with it
        ("The board will meet to review the $3 billion stand-by arrangement.", "actual"),
        ("The board is set to evaluate its review within the existing $3 billion programme.", "actual"),
        ("This would help solidify the ongoing $3 billion arrangement with the fund.", "actual"),
        # a forecast of what someone will provide; what a project "is to receive" is planned; a project's name is no forecast
        ("By 2029, the bank is expected to provide an additional $8.7 billion.", "estimate"),
        ("GSP Plus is expected to boost exports by US$1 billion a year.", "estimate"),
        ("The Flood Recovery Project and the Housing Project are to receive $500 million.", "target"),
        ("There is also an extra $800,000 for keeping an eye on the project.", "actual"),
        # a level passed is a report; what "would be provided" a commitment; growth "estimated" or "expected" a forecast
        ("Mutual trade turnover had exceeded USD 400 million last year.", "actual"),
        ("Of the total, $20 billion would be provided through IDA.", "target"),
        ("The industry is estimated to grow to US$ 350 billion by 2025.", "estimate"),
        ("Pakistan is expected to achieve $32 billion in bilateral trade.", "estimate"),
        ("Exports to the neighbour can be enhanced to $3 billion within two years.", "estimate"),
        ("Projects worth 42 billion dollars have yet to start.", "target"),
        # the end point of a movement takes the goal that governs it; the baseline stays a report
        ("Pakistan negotiates another bailout package in the range of $6 to $8 billion.", "estimate"),
        ("The goals: bolster annual remittances that exceed $36 billion.", "actual"),
        ("The two agreed to increase bilateral trade to USD 2 billion as they inked agreements.", "target"),
        # the transfer itself still to come is a commitment; money whose use is to come is actual
        ("According to the agreement, $600 million will be disbursed each year.", "target"),
        ("The $300 million loan will fund a dam in the north.", "actual"),
        # an amount that names a target is the target, whatever may exceed it
        ("China-Pakistan trade could exceed $15b target", "target"),
        # an offer still to be taken up is a commitment; optimism about a level is a forecast
        ("The government has chosen to offer the fund a 51% stake in the hotel.", "target"),
        ("Exporters are optimistic about reaching $3.5 billion in trade this year.", "estimate"),
        # a cue before "where" describes the place, not the figure after it
        ("The dam will help the province, where nearly 80 percent of people live in villages.", "actual"),
        # a value put on what exists is a report of it, unless a forecast is near
        ("The reserve holds 200,000 coins, valued at over $21 billion.", "actual"),
        ("The sector is projected to be valued at $5 billion by 2030.", "estimate"),
        # a deal still to come, or an assurance, is a commitment
        ("Qatar to roll over $2 billion deposit next month", "target"),
        ("Japan has assured Pakistan of refinancing $1 billion in loans.", "target"),
        ("The fund said it would invest $3 billion in ports.", "target"),  # a reported commitment, not a guess
        ("The lender required reserves to be over $14 billion at the end of June.", "target"),
        ("The minister urged raising trade to $1 billion.", "target"),
        ("Officials expect the bank to co-finance $1.2 billion worth of projects.", "estimate"),
        # a lender's projection, in the present tense, of a level to come
        ("The Fund projects the reserves to climb to $17.5 billion by June.", "estimate"),
        ("Talks are under way to enlarge the oil facility to about $1.5 billion.", "target"),
        # a plan of an amount, and a request made of a lender, are not yet realised
        ("The agency plans up to $900 million in new loans over three years.", "target"),
        ("The company's plan for a $4 billion refinery was not among the deals.", "target"),
        ("The utility plans a further $60 million for its solar parks.", "target"),
        ("The ministry has also asked the Nordic lender for a $75 million credit line.", "target"),
        # a lender's expectation that the economy will expand by a rate is a forecast
        ("The bank expects the economy to expand by 2.9 percent this year.", "estimate"),
    ],
)
def test_kind_from_wording(text, kind):
    assert _one(text).kind == kind


def test_from_to_goal_gives_baseline_and_target():
    text = "The aim is to increase Pakistan's exports from $30 billion to $150 billion in the next 10 years."
    base, goal = extract_figures(text, registry().find(text))
    assert (base.kind, base.value, base.horizon_years) == ("actual", 30e9, None)
    assert (goal.kind, goal.value, goal.horizon_years) == ("target", 150e9, 10)
    assert base.metric == goal.metric == "exports"


def test_rise_from_to_is_two_actuals():
    text = "IT exports rose from $2.6 billion to $3.2 billion last year."
    assert [f.kind for f in extract_figures(text)] == ["actual", "actual"]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("China has $2.7 trillion in imports.", "imports"),
        ("IT exports reached $3.2 billion.", "it_exports"),
        ("Exports of information technology services touched $3.8 billion.", "it_exports"),
        ("Exports reached $30 billion.", "exports"),
        ("Workers' remittances stood at $3.1 billion in March.", "remittances"),
        ("an estimated $25 billion in virtual assets", "virtual_assets"),
        ("The ADB approved a $500 million loan for the scheme.", "financing"),
        ("Bilateral trade reached $23 billion.", "bilateral_trade"),
        ("Chinese firms pledged $1 billion in investment.", "investment"),
        ("Raast handled Rs 1.5 trillion in digital payments.", "digital_payments"),
        ("It exports $5 billion of rice.", "exports"),
        ("The deposits, kept for budgetary support, carry 4 per cent interest.", "financing"),  # lending, not a budget line
        ("The ministry's budget rose to Rs12 billion.", "budget"),
        ("The trade turnover between the two reached $113.6 million.", "bilateral_trade"),  # not a company's turnover
        ("The firm's turnover reached $40 million.", "revenue"),
    ],
)
def test_metric_from_keywords(text, metric):
    assert _one(text).metric == metric


def test_a_later_clause_without_a_metric_takes_the_sentence_s_own():
    text = (
        "Saudi Arabia extended its $3 billion deposit with the central bank.\n\n"
        "The central bank now holds $7.2 billion in foreign exchange reserves, while commercial banks hold $5.1 billion."
    )
    figures = extract_figures(text)
    assert [f.metric for f in figures] == ["financing", "reserves", "reserves"]
    assert figures[2].partners == ()  # a national total, not the depositor's


def test_percentage_takes_the_subject_metric_before_growth():
    assert _one("IT exports grew 25% in the first half.").metric == "it_exports"
    assert _one("The economy grew 2.5% last year, officials said.").metric == "growth"


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("exports of $5 billion by 2030", 2030),
        ("IT exports of $3.2 billion in FY2024-25", 2025),
        ("IT exports of $3.2 billion in FY25", 2025),
        ("$3.2 billion in 2024-25", 2025),
        ("$3 billion in 2023", 2023),
        ("$3 billion", None),
        # months without a year (undated here) do not hide the fiscal year after them
        ("The trade fell from $1.26 billion in the July-December period of FY2024-25 to $594 million.", 2025),
    ],
)
def test_year(sentence, year):
    amount = find_amounts(sentence)[0]
    assert find_year(sentence, 0, amount) == year


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("in the next 10 years", 10),
        ("within five years", 5),
        ("over the next decade", 10),
        ("over the coming three years", 3),
        ("by 2030", None),
    ],
)
def test_horizon(sentence, years):
    assert find_horizon(sentence) == years
    from dashboard.extract import _HORIZON_WORDS

    # the words a horizon needs are there whenever one is found (the pattern is not run without them)
    assert years is None or any(w in sentence.lower() for w in _HORIZON_WORDS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["in", "within", "over", "during", "for", "the", "next", "coming", "upcoming", "10", "five", "year", "years",
                                 "decade", "time", "’", " ", "\t", "Next", "YEARS"]), max_size=12).map(" ".join))
def test_a_horizon_holds_one_of_its_words(sentence):
    from dashboard import vocab
    from dashboard.extract import _HORIZON_LOWER, _HORIZON_WORDS, _horizon_years

    found = find_horizon(sentence)
    if found is not None:
        assert any(w in sentence.lower() for w in _HORIZON_WORDS)
    # the lower-case pattern on the lower-cased sentence, tried at its openings, finds the same
    assert _horizon_years(next(vocab.gated(_HORIZON_LOWER).finditer(sentence.lower()), None)) == found


def test_partner_of_a_figure_is_named_in_its_sentence():
    text = "He noted that China has $2.7 trillion in imports. Remittances reached $38 billion."
    china, remittances = extract_figures(text, registry().find(text))
    assert china.partner == "CHN"
    assert remittances.partner is None


def test_80_20_rule_is_not_a_figure():
    text = "According to the 80/20 rule, ministries should focus on the 20 per cent of areas that could provide 80 per cent of the results."
    assert extract_figures(text) == []


def test_quote_is_the_sentence_and_offsets_point_at_the_raw_phrase():
    text = "Intro line.\n\nChina has $2.7 trillion in imports. Next sentence."
    (fig,) = extract_figures(text, offset=100)
    assert fig.quote == "China has $2.7 trillion in imports."
    assert (fig.start, fig.end) == (100 + text.index("$2.7"), 100 + text.index(" in imports"))


def test_sentences_do_not_break_on_abbreviations():
    text = "Mr. Khan said Rs. 5 billion was spent. Then he left."
    assert [text[a:b] for a, b in sentence_spans(text)] == ["Mr. Khan said Rs. 5 billion was spent.", "Then he left."]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_never_raises_and_offsets_hold_on_any_text(text):
    for fig in extract_figures(text, registry().find(text)):
        assert text[fig.start : fig.end] == fig.raw
        assert fig.value >= 0


_PIECES = st.sampled_from(
    ["$", "US$ ", "Rs", "Rs. ", "Dh", "USD ", "12", "3.5", "1,200", "forty-two", " billion", "bn", " million", "m", "%", " per cent",
     "pc", " dollars", " rupees", "-", " to ", " and ", "from ", "by 2030", "FY2024-25", ". ", "\n\n", "China ", "exports ", "aims ", "+"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_offsets_hold_on_money_like_text(text):
    for amount in find_amounts(text):
        assert isinstance(amount, Amount)
        assert 0 <= amount.start < amount.end <= len(text)
    for fig in extract_figures(text, registry().find(text)):
        assert text[fig.start : fig.end] == fig.raw


# --------------------------------------------------------------------------- issue 8: the open world
@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("a SDR 760 million tranche", 7.6e8, "XDR"),
        ("NOK 5bn from the fund", 5e9, "NOK"),
        ("a 2.5 billion krone grant", 2.5e9, "NOK"),
        ("TRY 40 billion in trade", 4e10, "TRY"),
        ("400 million lira of goods", 4e8, "TRY"),
        ("KZT 90 billion corridor", 9e10, "KZT"),
        ("5 billion som in contracts", 5e9, "UZS"),
        ("Tk 300 crore", 3e9, "BDT"),
        ("RM2.65 billion deals", 2.65e9, "MYR"),
        ("SR 18 bn of trade", 1.8e10, "SAR"),
        ("1.2 billion riyals", 1.2e9, "SAR"),
        ("CNY 10 billion swap", 1e10, "CNY"),
        ("30 billion renminbi", 3e10, "CNY"),
        ("¥ 5 billion", 5e9, "CNY"),
        ("US $ 958 million", 9.58e8, "USD"),
        ("EGP 2 billion", 2e9, "EGP"),
        ("USD one billion", 1e9, "USD"),
        ("$ two trillion", 2e12, "USD"),
        ("USD-500 million", 5e8, "USD"),
        ("Rs 12 bln", 1.2e10, "PKR"),
        ("Rs 12 bil", 1.2e10, "PKR"),
        ("$3 mln", 3e6, "USD"),
        ("$3 mil", 3e6, "USD"),
        ("$250k seed round", 2.5e5, "USD"),
        ("Rs 5 thousand", 5e3, "PKR"),
        ("$2 tn", 2e12, "USD"),
        ("$1.5\nbillion across a line break", 1.5e9, "USD"),
    ],
)
def test_currencies_and_scales(text, value, currency):
    (found,) = find_amounts(text)
    assert (found.value, found.currency) == (pytest.approx(value), currency)


@pytest.mark.parametrize("text", ["TOP 10 firms", "ALL 5 members", "PHP 8 release", "CVE 2024 list"])
def test_currency_codes_that_are_words_are_not_money(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("$20–30 billion", 20e9, 30e9), ("between $1bn and $2bn", 1e9, 2e9), ("between 2% and 6.5%", 2.0, 6.5)],
)
def test_ranges_are_one_figure(text, low, high):
    (fig,) = extract_figures(text)
    assert (fig.value, fig.value_high) == (pytest.approx(low), pytest.approx(high))


def test_from_to_percentages_are_two_figures():
    assert [f.value for f in extract_figures("The tax rose from 10 to 12% this year.")] == [10, 12]


@pytest.mark.parametrize(
    ("text", "raw", "mention"),
    [
        ("The fund deposited AED 36.7bn ($10bn) with the central bank.", "AED 36.7bn", "$10bn"),
        # the amount's code said again before the bracket
        ("Basmati that sold at $0.54 USD (PKR 150) a kilo now costs more.", "$0.54", "PKR 150"),
    ],
)
def test_a_bracketed_equivalent_is_a_mention_of_the_same_figure(text, raw, mention):
    (fig,) = extract_figures(text)
    assert fig.raw == raw and [m for *_, m in fig.mentions] == [mention]


def test_a_headline_repeated_in_the_body_is_one_figure():
    text = "Remittances hit $3.1bn in March\n\nWorkers sent home $3.1bn in March, the central bank said."
    (fig,) = extract_figures(text)
    assert fig.start == text.index("$3.1bn") and len(fig.mentions) == 1
    assert fig.kind_cue == "sent"  # the body's words decide, the headline has none


def test_an_amount_of_the_standfirst_said_again_in_the_body_is_one_figure():
    text = ("Gulf Daily\nHome › Economy & Policy › News\n\nPakistan debuts in the panda bond market\n\n"
            "Islamabad raises 1.8 billion yuan in its first sale, with two lenders guaranteeing part of it\n\n"
            "Pakistan has sold its first yuan bond in China, raising 1.8 billion yuan (US$250 million) on Tuesday.")
    (story,) = read_stories("t.txt", text)
    record = analyse_story(story)
    assert [f["raw"] for f in record["figures"]] == ["1.8 billion yuan"] and len(record["figures"][0]["mentions"]) == 2


def test_a_headline_under_page_furniture_said_again_without_its_metric_is_one_figure():
    # the first line is site navigation, so the headline is not read as one; the body names no metric at the amount
    text = ("Search\n\nAsia\n\nADB approves 2.5 billion dollar loan\n\nThe Asian Development Bank (ADB) gave its final "
            "approval to a 2.5 billion dollar (2.3 billion euro) package for Pakistan on Tuesday.")
    (story,) = read_stories("t.txt", text)
    record = analyse_story(story)
    assert [f["raw"] for f in record["figures"]] == ["2.5 billion dollar"] and record["figures"][0]["partner"] == "ADB"


def test_a_part_listed_by_a_whole_of_another_sentence_keeps_its_kind():
    text = "China pledged $5 billion in a new package. Imports, including $2 billion of oil, rose."
    assert [f.kind for f in extract_figures(text)] == ["target", "actual"]


def test_two_amounts_with_no_counterparty_in_other_words_are_two():
    text = "The province spent Rs50 billion on schools in 2023, officials said. It now plans to spend Rs50 billion on new hospitals."
    assert len(extract_figures(text)) == 2


def test_a_part_listed_by_a_pledged_whole_is_pledged():
    text = "China pledged US$500 million in grants to Pakistan. The grants include US$230 million for a new airport."
    assert [f.kind for f in extract_figures(text)] == ["target", "target"]
    # a part with words of its own keeps them; a whole that happened keeps its parts actual
    text = "China pledged US$500 million in grants. The grants include US$230 million disbursed last year."
    assert [f.kind for f in extract_figures(text)] == ["target", "actual"]
    text = "China disbursed US$500 million in grants. The grants include US$230 million for a new airport."
    assert [f.kind for f in extract_figures(text)] == ["actual", "actual"]


def test_a_currency_naming_what_bonds_are_in_is_no_amount():
    assert [f.raw for f in extract_figures("Pakistan raised $2.5 billion by selling two U.S. dollar-denominated sukuk.")] == ["$2.5 billion"]


def test_the_same_amount_said_again_in_other_words_is_one_figure():
    # "approved" then "will provide": one loan, read by its first mention
    text = "The World Bank has approved $700 million for Pakistan. The World Bank said it will provide $700 million to the provinces."
    (fig,) = extract_figures(text, registry().find(text))
    assert (fig.kind, fig.partner, len(fig.mentions)) == ("actual", "WORLDBANK", 1)
    # not when the year differs: a limit set in 2018 is not the amount used in 2020
    text = "In 2018 the two banks raised the swap limit to CNY 20 billion. In 2020 Pakistan plans to use CNY 20 billion of it."
    assert len(extract_figures(text, registry().find(text))) == 2


def test_the_same_amount_for_two_lenders_is_two_figures():
    text = "Loans came from China Development Bank (3 billion RMB) and ICBC (3 billion RMB)."
    figures = extract_figures(text, registry().find(text))
    assert [f.partner for f in figures] == ["CDB", "ICBC"]


@pytest.mark.parametrize(
    ("sentence", "published", "year"),
    [
        ("Exports were $1.4 billion last year.", date(2026, 3, 1), 2025),
        ("Exports may reach $2 billion next year.", date(2026, 3, 1), 2027),
        ("Spending is Rs5bn this fiscal year.", date(2025, 10, 8), 2026),
        ("Exports were $1.4 billion last fiscal year.", date(2025, 10, 8), 2025),
        ("Exports were $1.4 billion in FY26.", None, 2026),
        ("Exports were $1.4 billion in 2025-26.", None, 2026),
        ("Exports were $1.4 billion during Fiscal Year 21-22.", None, 2022),
        ("Exports were $1.4 billion last year.", None, None),
    ],
)
def test_relative_years_come_from_the_story_date(sentence, published, year):
    (fig,) = extract_figures(sentence, published=published)
    assert fig.year == year


@pytest.mark.parametrize(
    ("sentence", "published", "years"),
    [
        # a month without a year is the last such month before the story ...
        ("Tea exports came to $80 million in February.", date(2025, 3, 30), [2025]),
        ("Tea exports came to $80 million in November.", date(2025, 3, 30), [2024]),
        ("Reserves fell by $9 million in the week ending Nov 21.", date(2025, 12, 4), [2025]),
        ("Tea exports came to $80 million in February.", None, [None]),
        # ... or the next one for a goal and after "by"
        ("The port will receive $300 million in October.", date(2025, 11, 2), [2026]),
        ("The port should cost $300 million by January.", date(2025, 11, 2), [2026]),
        # a month with its year is that year, also glued to it
        ("Sales were $2 million in March 2019 against $3 million in March2018.", date(2025, 3, 30), [2019, 2018]),
        ("Sales were $2 million on March 3, 2019.", date(2025, 3, 30), [2019]),
        # the month and day of a dateline date the story, not the figure
        ("KARACHI, Oct 12 The bank lent $40 million to the scheme.", date(2024, 10, 13), [None]),
        ("Oct 12 : The bank lent $40 million to the scheme.", date(2024, 10, 13), [None]),
        # last month, this quarter, the previous week, a year earlier
        ("Cotton sales were $2.5 billion last month.", date(2026, 1, 15), [2025]),
        ("Cotton sales were $2.5 billion this quarter.", date(2026, 1, 15), [2026]),
        ("Cotton sales were $2.5 billion the previous week.", date(2026, 1, 3), [2025]),
        ("Sales hit $3 billion, up from $2.6 billion a year earlier.", date(2025, 6, 1), [None, 2024]),
    ],
)
def test_months_and_periods_are_dated_by_the_story(sentence, published, years):
    assert [f.year for f in extract_figures(sentence, published=published)] == years


@pytest.mark.parametrize(
    ("sentence", "published", "years"),
    [
        # the base of a comparison dates its own amount, not the one reported
        ("Sales reached $900 million in 2024 against $700 million in 2023.", None, [2024, 2023]),
        ("In 2023 fruit exports rose 12 per cent over 2022.", None, [2023]),
        ("Rice exports of $1.1 billion in FY2023-24 were 14% higher v/s $965 million in 2022-23.", None, [2024, 2024, 2023]),
        ("In March, exports grew 8% compared with the same month last year.", date(2025, 4, 10), [2025]),
        ("Imports were $4 million in July 2020 as compared to $7 million last year, down 43%.", date(2020, 9, 1), [2020, 2019, 2020]),
        ("Revenue rose 6% from $1.2 billion in 2021 to $1.3 billion in 2022.", None, [2022, 2021, 2022]),
        # a running total since a year, or the year a project was approved, is not the amount's year
        ("Investors have put $4 billion into the sector since 2016.", None, [None]),
        ("The dam, launched in 2018, has consumed Rs90 billion so far.", None, [None]),
        ("The dam was built in 2018 for Rs90 billion.", None, [2018]),
        # "from" naming a lender is no comparison
        ("The country got $2 billion from Saudi Arabia in 2023.", None, [2023]),
    ],
)
def test_a_year_in_a_comparison_dates_its_own_side(sentence, published, years):
    assert [f.year for f in extract_figures(sentence, published=published)] == years


@pytest.mark.parametrize(
    ("text", "kind", "cue"),
    [
        ("The ministry demanded Rs24bn for new schemes.", "target", "demanded"),
        ("The government has allocated Rs4 billion for FY2025-26.", "target", "allocated"),
        ("Investment commitments worth $100 million were announced.", "target", "commitments"),
        ("The bank disbursed $635 million of the loan.", "actual", "disbursed"),
        ("A $300-million loan will fund a dam.", "actual", "loan will"),
        ("Of this, schools get more and $100 million will support clinics.", "actual", "will"),
        ("Trade rose sharply to reach $1.4 billion.", "actual", "rose … to reach"),
        ("Digital tools can add Rs9.7 trillion to the economy.", "estimate", "can add"),
        ("Remittances can each increase to over $1bn.", "estimate", "can each increase"),
        # the month is not the modal verb
        ("Tea sales climbed in April, and in May they came to $40 million.", "actual", "climbed"),
        ("Tea sales may come to $40 million.", "estimate", "may"),
    ],
)
def test_kinds_and_the_words_that_decide_them(text, kind, cue):
    fig = _one(text)
    assert (fig.kind, fig.kind_cue) == (kind, cue)


_SIGNED = "The country and the bank signed three loan agreements on Monday.\n\n"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # what the agreements the story opens with provide is signed money, not a pledge
        (_SIGNED + "The bank will provide $475 million for the motorway.", ["actual"]),
        (_SIGNED + "The bank will contribute $80 million, while the partners will provide $50 million.", ["actual", "actual"]),
        # a headline's "sign" reports the signing too
        ("Lender and Pakistan sign $90 million water deal\n\nUnder the deal, the lender will finance $90 million of pipes.", ["actual"]),
        # a pledge named before it stays a pledge; without a signing at the top "will provide" is still to come
        (_SIGNED + "The kingdom assured the fund that it will provide a $2 billion deposit.", ["target"]),
        ("The ministers met on Monday.\n\nThe bank will provide $475 million for the motorway.", ["target"]),
        ("The World Bank will provide $500 million. The agreement is expected to be signed next month.", ["target"]),
        ("The World Bank will provide $500 million. The agreement has not yet been signed.", ["target"]),
    ],
)
def test_will_provide_under_a_signed_agreement(text, kinds):
    assert [f.kind for f in extract_figures(text)] == kinds


def test_a_quote_of_a_huge_sentence_is_a_window_around_the_figure():
    text = "word " * 5000 + "exports of $5 billion " + "word " * 5000
    (fig,) = extract_figures(text)
    assert "$5 billion" in fig.quote and len(fig.quote) < 800


def test_a_figure_compared_with_a_goal_is_not_a_goal():
    goal, before = extract_figures("Tea exports will reach $5 billion, compared with $4 billion a year ago.")
    assert (goal.kind, before.kind) == ("target", "actual")


def test_budget_goals_without_a_year_take_the_budget_year_of_the_story():
    text = (
        "The government proposed Rs40 billion for the ports in the 2026-27 budget. "
        "A further Rs3 billion was allocated for dredging. Exports reached $2 billion."
    )
    assert [(f.raw, f.year) for f in extract_figures(text)] == [("Rs40 billion", 2027), ("Rs3 billion", 2027), ("$2 billion", None)]
    # two budget years in one story: nothing is guessed
    two = "The plan allocated Rs40 billion for FY2026. It allocated Rs20 billion for FY2027. Rs3 billion was set aside for roads."
    assert [f.year for f in extract_figures(two)] == [2026, 2027, None]


def test_a_budget_list_without_verbs_is_goals_like_the_allocation_before_it():
    text = (
        "The proposed budget stands at Rs12 billion for the 2026-27 year. "
        "Rs900 million has been allocated for the ministry's projects, while Rs7 billion for the telecom body, "
        "Rs1.5 billion for the software board."
    )
    kinds = [(f.raw, f.kind, f.year) for f in extract_figures(text)]
    assert kinds == [("Rs12 billion", "target", 2027), ("Rs900 million", "target", 2027),
                     ("Rs7 billion", "target", 2027), ("Rs1.5 billion", "target", 2027)]
    # a budget that was spent stays actual: the story's cued budget figures are not mostly goals
    spent = "The ministry spent Rs9 billion of its budget last year. Rs2 billion for the software board."
    assert [f.kind for f in extract_figures(spent)] == ["actual", "actual"]


def test_an_equivalent_in_another_currency_after_a_comma_is_a_mention_of_the_same_figure():
    text = "Oman has announced a $1 billion oil facility for Pakistan, equivalent to around Rs290 billion, on Monday."
    (figure,) = extract_figures(text)
    assert figure.raw == "$1 billion" and [m[2] for m in figure.mentions] == ["Rs290 billion"]
    # two amounts of one currency are two figures
    assert len(extract_figures("Exports were $2 billion, equivalent to $1 billion a month last year.")) == 2


def test_equivalents_after_a_headline_with_two_amounts_and_a_third_currency_are_mentions():
    text = (
        "Oman extends $1bn oil facility, $5bn deposits\n\n"
        "Oman has announced a $1 billion oil facility for Pakistan, equivalent to around Rs290 billion. "
        "It will also roll over $5 billion in deposits. The swap is sized at 20 billion yuan (USD 3.1 billion) or 351 billion rupees."
    )
    figures = extract_figures(text)
    assert [f.raw for f in figures] == ["$1bn", "$5bn", "20 billion yuan"]
    assert [m[2] for m in figures[0].mentions] == ["$1 billion", "Rs290 billion"]
    assert [m[2] for m in figures[2].mentions] == ["USD 3.1 billion", "351 billion rupees"]


def test_a_headline_and_its_subtitle_saying_one_amount_are_one_figure_with_the_body_s():
    text = (
        "Trade with the neighbour plummets 53%\nTrade drops 53% after border shutdown\n\n"
        "Official data show trade fell by 53 percent in the first half. Exports fell 55 percent."
    )
    figures = extract_figures(text)
    assert [f.raw for f in figures] == ["53%", "55 percent"]
    assert [m[2] for m in figures[0].mentions] == ["53%", "53 percent"]


def test_fast_replace_is_dataclasses_replace():
    import dataclasses

    from dashboard.extract import Figure, extract_figures, replace

    (fig,) = extract_figures("China has $2.7 trillion in imports.")
    assert isinstance(fig, Figure)
    assert replace(fig, metric="exports", year=2025) == dataclasses.replace(fig, metric="exports", year=2025)
    with pytest.raises(TypeError):
        replace(fig, no_such_field=1)


def test_a_letter_whose_lower_case_is_longer_does_not_hide_spelled_amounts():
    text = "In İstanbul the minister said trade reached one billion dollars last year, from $175 million before."
    assert [f.raw for f in extract_figures(text)] == ["one billion dollars", "$175 million"]


def test_a_spaced_m_after_a_currency_amount_is_million():
    assert [(a.value, a.currency) for a in find_amounts("Eximbank, Pakistan sign $300 m deal")] == [(300e6, "USD")]
    assert [(a.value, a.currency) for a in find_amounts("It cost $5 more")] == [(5, "USD")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([",", ";", ":", "(", ")", "—", "while", "whereas", "which", "where", "but", "compared", "xbut", "butx", " ", "w", "a", "as", "they", "both", "has"]),
                max_size=20).map("".join))
def test_one_scan_finds_the_clause_breaks_before_and_after(text):
    from dashboard.extract import _AFTER_BREAK, _BEFORE_BREAK, _BREAKS, _BREAKS_BEFORE, _NOT_AFTER_BREAKS

    breaks = [m.span() for m in _BREAKS.finditer(text)]
    assert [(a, b) for a, b in breaks if text[a:b] not in _NOT_AFTER_BREAKS] == [m.span() for m in _AFTER_BREAK.finditer(text)]
    assert [(a, b) for a, b in breaks if text[a:b] in _BREAKS_BEFORE] == [m.span() for m in _BEFORE_BREAK.finditer(text)]


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [("three agreements worth Euro 18.5 million", 18.5e6, "EUR"), ("projects worth 22 billion U.S. dollars", 22e9, "USD")],
)
def test_currency_words_before_and_after_an_amount(text, value, currency):
    assert [(a.value, a.currency) for a in find_amounts(text)] == [(value, currency)]


def test_a_coin_named_after_a_currency_is_no_amount():
    assert find_amounts("WLF rolled out USD1 in March; the stablecoin USD1, pegged to the dollar, grew.") == []
    assert [(a.value, a.currency) for a in find_amounts("paid USD1.5 million and USD1 billion")] == [(1.5e6, "USD"), (1e9, "USD")]


def test_the_end_point_of_a_movement_takes_the_goal_that_governs_it():
    text = "Pakistan aims to boost its trade with the kingdom from the current $5.7 billion to $20 billion."
    assert [(f.raw, f.kind) for f in extract_figures(text)] == [("$5.7 billion", "actual"), ("$20 billion", "target")]
    moved = "Exports rose from $2 billion to $3 billion last year."
    assert [f.kind for f in extract_figures(moved)] == ["actual", "actual"]


def test_a_climate_conference_is_no_colombian_money():
    assert find_amounts("support for the UAE's Presidency of COP 28 and COP28 talks") == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=6), max_size=12), st.integers(min_value=0, max_value=80), st.integers(min_value=0, max_value=80))
def test_a_break_between_is_found_from_the_last_before_and_the_first_after(gaps, a, b):
    # _nearest asks of each match whether a clause break lies between it and the figure through the one break
    # nearest the figure on each side: the same answer as _Breaks.between (breaks never overlap)
    import bisect

    from dashboard.extract import _Breaks

    spans, at = [], 0
    for i, gap in enumerate(gaps):
        at += gap
        spans.append((at, at + 1 + i % 3))
        at += 1 + i % 3
    breaks = _Breaks(None, "", spans)
    a, b = min(a, b), max(a, b)
    j = bisect.bisect_right(breaks.ends, b) - 1
    assert breaks.between(a, b) is (j >= 0 and breaks.starts[j] >= a)
    j = bisect.bisect_left(breaks.starts, a)
    assert breaks.between(a, b) is (j < len(breaks.ends) and breaks.ends[j] <= b)


def test_every_currency_word_read_with_or_without_its_spaces_has_a_code():
    """The patterns let a space inside a currency word go ("U.S.dollars"): each such form still names
    its currency, never an error."""
    from dashboard import vocab

    tokens = vocab.currency_tokens()
    for word, code in tokens.suffix_words.items():
        for written in {word, word.replace(" ", ""), word.upper()}:
            found = find_amounts(f"a loan of 22 billion {written} was signed")
            assert [a.currency for a in found if a.value == 22e9] in ([code], []), written
    for token in tokens.prefix:
        for written in {token, token.replace(" ", "")}:
            found = find_amounts(f"a loan of {written} 22 billion was signed")
            assert all(a.currency is not None for a in found), written


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        # a share's price and its move, and a price on a market, are not figures
        ("PTCL shares closed at Rs 24.85, up 3.1 percent, while WTL rose to Rs 1.45.", []),
        ("Bitcoin was trading around $104,000 on Tuesday.", []),
        ("The company's share price rose 4 percent to Rs 310.", []),
        ("SHARES OF PTCL CLOSED AT RS 24.85.", []),
        ("Shares of Pakistan International Container Terminal closed at Rs 310, up 4 percent.", []),  # (the words looked for first are found in any case)
        # shares sold for money are a figure; so is a rule of thumb's own percentage only where it is not the rule
        ("The government sold shares worth $400 million in the company.", ["$400 million"]),
        ("Under the 80/20 rule, exports rose 12 percent.", []),
        # an exchange-rate board, a ticker's arrows, a share index's move, a coin's price that held still
        ("Rates today: SAR1 = Rs74.10 (buying) / Rs74.40 (selling)", []),
        ("PSX close ENGRO 301.20 ▲2.4% · LUCK 890.05 ▼1.1%", []),
        ("The benchmark PSX share index fell 0.8% by midday.", []),
        ("Gold was little changed at $2,650 an ounce in Karachi.", []),
        ("USD/PKR 281.10 | EUR/PKR 305.40 | Gold Rs 250,100", []),
        # a share's move and close without the word "shares", a rate board's cells, a ticker, a gold board, a converter
        ("Among the gainers, Attock Refinery added Rs 9.40 to close at Rs 655.10.", []),
        ("Kerb rates: Buying Rs 280.10 | Selling Rs 281.90", []),
        ("TICKER: KSE-100 148,002.10 (+902.55) | Brent $66.20", []),
        ("Gold rates in Karachi today: 24K Rs 362,000 per tola", []),
        ("Converter: Dh1 = Rs76.10 | SR1 = Rs74.55", []),
        ("Rate: 1 Saudi riyal = 74.60 Pakistani rupees", []),
        ("The rupee shed 9 paisa to close at 281.30 in the interbank market.", []),
        # a share's ticker with its exchange, a board of currency codes, a converter with codes
        ("EMAAR.DU 14.20 AED +0.85%", []),
        ("Exchange rates (SAR): USD 3.75 | EUR 4.10 | PKR 0.0133", []),
        ("USD 34.90 | EUR 36.70 | GOLD 2,980", []),
        ("(1 USD = 3.67 AED on May 2)", []),
        # a move in money with a scale word is a figure; and so is a price index's move, and an amount that held still
        ("Exports rose $200 million to $3.1 billion in May.", ["$200 million", "$3.1 billion"]),
        ("The consumer price index rose 4.1% in May.", ["4.1%"]),
        ("Remittances were little changed at $3.1 billion in May.", ["$3.1 billion"]),
    ],
)
def test_prices_on_a_market_are_not_figures(text, raws):
    assert [f.raw for f in extract_figures(text, registry().find(text))] == raws


def test_a_not_figures_row_names_its_units(data_files):
    from dashboard import vocab

    bad = data_files(vocab, vocab.not_figure_contexts, {"not_figures.csv": "pattern,reason,units\n\\bPareto\\b,,some\n"})
    with pytest.raises(vocab.VocabularyError, match="data/not_figures.csv row 2"):
        bad("all")


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        # a bare ¥ is the yuan, unless its sentence speaks of Japan; a sign with its country's letters is that country's
        ("China's loan of ¥5 billion was signed.", "CNY"),
        ("Japan's JICA will provide a grant of ¥1.2 billion for schools.", "JPY"),
        ("Tokyo lent CN¥2 billion through a bank in Beijing.", "CNY"),
    ],
)
def test_the_currency_of_an_ambiguous_sign_follows_its_sentence(text, currency):
    assert _one(text).currency == currency


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # an offer, a push, sights set, a plan weighed, a way paved: not yet realised
        ("Baku's state oil firm has offered to ship one cargo a month, a deal worth $900 million.", "target"),
        ("The ministry would now push for $12 billion in yearly software exports.", "target"),
        ("Nepal has set its own sights on $2 billion.", "target"),
        ("The treasury is considering issuing as much as $500 million of sukuk.", "target"),
        ("The review paves the way for a release of $700 million.", "target"),
        # commitments counted over past years are a record
        ("Since 1970, the bank has committed more than $30 billion to the country.", "actual"),
        ("In 2023, the lender committed $1.5 billion in new loans.", "actual"),
        ("The bank has committed $300 million to the new programme.", "target"),
        # a headline's forecast; a forecast over "the current fiscal year" is no current amount
        ("Bilateral trade seen topping Dh20 billion", "estimate"),
        ("The Fund projected inflation to stay near 6 percent in the current fiscal year.", "estimate"),
        # still to come: a facility to be enlarged, a line a lender would make available, a bond lined up, a move to put a package in place
        ("Islamabad asked that the line, now worth 10 billion yuan, be enlarged to 15 billion yuan.", "target"),
        ("The bank would make a $150 million credit line available to exporters.", "target"),
        ("Pakistan lines up a debut sukuk of $500 million", "target"),
        ("Baku, Islamabad move to put $1 billion package into practice", "target"),
        # a memorandum named by its amount is no deal yet, whatever verb signs it
        ("Islamabad signed a $500 million memorandum of understanding with a mining firm.", "target"),
        # a proposal approved is decided; a forecast's "will" is the forecast's; a current account is no current amount
        ("The cabinet approved a proposal to buy wheat worth $30 million from Kazakhstan.", "actual"),
        ("Moody's projects reserves will reach $16 billion by June.", "estimate"),
        ("The bank expects the current account to show a deficit of $1.1 billion this year.", "estimate"),
        # a disbursement that a board is expected to approve is a forecast, not a disbursement made
        ("Traders expect the board to approve a disbursement of about $1 billion next week.", "estimate"),
    ],
)
def test_kind_cues_of_offers_records_and_forecasts(text, kind):
    found = extract_figures(text, registry().find(text))
    assert [f.kind for f in found][-1:] == [kind]  # (the last figure: "... now worth 10 billion yuan, be enlarged to 15 billion yuan")


def test_a_comparison_s_base_is_a_record():
    text = "Exports are expected to land near $5 billion, against $3.9 billion last year."
    assert [(f.raw, f.kind) for f in extract_figures(text, registry().find(text))] == [("$5 billion", "estimate"), ("$3.9 billion", "actual")]


@pytest.mark.parametrize(
    ("text", "currency", "value"),
    [
        ("The fund will lend KD 12 million for the dam.", "KWD", 12e6),
        ("Trade reached RO 300 million last year.", "OMR", 300e6),
        ("The plant cost 4 billion reais to build.", "BRL", 4e9),
    ],
)
def test_gulf_and_latin_american_currencies_by_their_local_letters(text, currency, value):
    fig = _one(text)
    assert (fig.currency, fig.value) == (currency, pytest.approx(value))
