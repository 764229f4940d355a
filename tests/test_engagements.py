import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


_NAME_PIECES = st.sampled_from(["Ahsan", "Iqbal", "Al-Falih", " ", "\t", ", ", ",", "the ", "Minister", "Federal Minister", "bin", "al",
                                "ali", "X", "5", "Saudi", "Investment", "Chief Executive", "for IT", "Ali"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=14).map("".join))
def test_a_name_before_its_title_is_read_as_without_the_atomic_group(text):
    import re

    from dashboard.engagements import _actor_patterns

    after = _actor_patterns()[1]
    plain = re.compile(after.pattern.replace("(?>", "(?:", 1))
    assert [m.span() for m in after.finditer(text)] == [m.span() for m in plain.finditer(text)]
