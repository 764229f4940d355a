import pytest

from dashboard.engagements import actors, themes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("collaboration in AI, cybersecurity, fintech and e-governance", {"ai", "cybersecurity", "fintech", "e_governance"}),
        ("the RAAST digital payment gateway", {"digital_payments"}),
        ("blockchain and Web3 skills", {"blockchain_crypto", "capacity_building"}),
        ("nuclear technology, space exploration and biotechnology", {"space_nuclear_biotech"}),
        ("nothing to see here", set()),
    ],
)
def test_themes(text, expected):
    assert set(themes(text)) == expected


def test_themes_most_mentioned_first():
    assert themes("AI and AI and artificial intelligence, plus one mention of climate")[0] == "ai"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Finance Minister Muhammad Aurangzeb chaired it.", ["Muhammad Aurangzeb (Finance Minister)"]),
        ("Minister for Planning and Development Ahsan Iqbal has called for it.", ["Ahsan Iqbal (Minister for Planning and Development)"]),
        ("Doreen Bogdan-Martin, Secretary-General of International Telecommunication Union, said.", ["Doreen Bogdan-Martin (Secretary-General of International Telecommunication Union)"]),
        ("Ambassador Usman Jadoon spoke. Later Ambassador Jadoon left.", ["Usman Jadoon (Ambassador)"]),
        ("The Ministry of Planning, Development & Special Initiatives, Minister Iqbal said.", []),
    ],
)
def test_actors(text, expected):
    assert actors(text) == expected
