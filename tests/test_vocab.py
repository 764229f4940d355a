import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import vocab


def test_metric_vocabulary_has_the_issue_metrics():
    codes = vocab.metric_codes()
    assert {"exports", "it_exports", "imports", "remittances", "virtual_assets", "investment", "bilateral_trade",
            "financing", "market_size", "digital_payments", "other"} <= codes


def test_unknown_metric_names_the_file():
    with pytest.raises(vocab.VocabularyError, match="data/metrics.csv"):
        vocab.check_metric("gdp_per_goat")


def test_every_vocabulary_pattern_compiles():
    assert all(t.pattern is not None for t in vocab.themes())
    assert {t.code for t in vocab.kind_cues()} == {"target", "actual", "actual_weak", "estimate"}
    assert vocab.furniture().pattern.pattern
    assert vocab.outlets()[0] == ("Published in Dawn", "Dawn")


def test_bad_furniture_scope_is_reported(data_files):
    furniture = data_files(vocab, vocab.furniture, {"furniture.csv": "name,scope,pattern\nx,sideways,abc\n"})
    with pytest.raises(vocab.VocabularyError, match="data/furniture.csv"):
        furniture()


@pytest.mark.parametrize(
    ("pattern", "lowered"),
    [(r"\bRaast\b", r"\braast\b"), (r"\S+\bFDI\W", r"\S+\bfdi\W"), (r"[A-E]\d", r"[a-e]\d"), (r"(?-i:\bIT\b)", None)],
)
def test_lower_pattern_keeps_escapes(pattern, lowered):
    assert vocab.lower_pattern(pattern) == lowered


@pytest.mark.parametrize(
    ("pattern", "gate"),
    [(r"\bgoals?\b|\btarget\w*", ("goal", "target")), (r"\b(?:aim|vow)\w*", ("aim", "vow")), (r"[\w\s]+exports", None)],
)
def test_word_gate(pattern, gate):
    assert vocab.word_gate(pattern) == gate


def test_every_term_matches_the_same_on_lowered_text():
    text = "Pakistan's IT exports and FDI rose; Raast payments, the EFF tranche and 5G spectrum were ESTIMATED."
    lowered = text.lower()
    for term in (*vocab.metrics(), *vocab.kind_cues(), *vocab.themes()):
        if term.pattern is None:
            continue
        assert [m.span() for m in term.finditer(text, lowered)] == [m.span() for m in term.pattern.finditer(text)], term.code


@pytest.mark.parametrize(
    ("pattern", "openings"),
    [
        (r"(?<!\w)(?:fy|19\d\d)\b", {"fy", "19"}),
        (r"[Bb]etween[ \t]+x", {"Between\t", "Between ", "between\t", "between "}),
        (r"\b(?:a[ \t]+year|last)\b", {"a\t", "a ", "last"}),
        (r"x?abc", {"x", "abc"}),
        (r"\d+%", None),  # a class first: anything may start a match
        (r"(?i:abc)", None),
        (r"abc", {"abc"}),
    ],
)
def test_literal_openings(pattern, openings):
    assert vocab.literal_openings(pattern) == (None if openings is None else frozenset(openings))


GATED_TEXTS = [
    "",
    "between 2019 and 2020, fy24 and a year ago; a  year; fy 2025-26, fy2024",
    "2019201920192019 fyfyfy 19 20 2020-21 a year a year",
    "xbetween 5 and 6, Between 1 and 2 between between 3",
    "fy" * 500 + " 2020" * 300,
    # longer than the stretch the places are found in: openings and matches across its edges
    "between 2019 and 2020 " * 3000 + "a" * (vocab._STRETCH - 7) + "between fy2024 and a year ago " * 5,
    "x" * (vocab._STRETCH - 3) + "fyfyfy 2020 between" + " may jun" * 9000,
]


@pytest.mark.parametrize("text", GATED_TEXTS)
@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<![\w.])(?:fy[ \t]?(?P<y>\d{2,4})|(?:19|20)\d{2})(?![\w])",  # str.find for "fy", a regex for the digits
        r"\b(?:a[ \t]+year[ \t]+ago|between)\b",  # str.find
        r"fyfy|yf",
        r"\b(?:" + "|".join(["ago", "and", "apr", "aug", "between", "dec", "feb", "fy", "jan", "jul", "jun", "mar", "may", "nov", "year"]) + r")\b",
    ],  # the last: many openings in lower case, an Aho-Corasick pass
)
def test_gated_finds_what_finditer_finds(pattern, text):
    compiled = re.compile(pattern)
    gated = vocab.gated(compiled)
    assert gated.gated
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert [m.span() for m in gated.finditer(text, 3, 40)] == [m.span() for m in compiled.finditer(text, 3, 40)]
    assert gated.may_match(text) or not compiled.search(text)
    for pos, endpos in ((0, None), (3, 40), (17, len(text) - 5)):
        found, expected = gated.search(text, pos, endpos), compiled.search(text, pos, len(text) if endpos is None else endpos)
        assert (found and found.span()) == (expected and expected.span())
    assert not gated.may_match("no such words: 1-2") or compiled.search("no such words: 1-2")
    once, expected = gated.search_once(text), compiled.search(text)
    assert (once and once.span()) == (expected and expected.span())


def test_gated_runs_patterns_with_common_openings_as_they_are():
    assert vocab.gated(re.compile(r"[0-9]+%")).gated is False  # the engine skips to digits itself
    assert vocab.gated(re.compile(r"a|bc")).gated is False


@pytest.mark.parametrize(
    "text",
    [
        "Exports rose 5% to $2bn; the target is to invest and investment will grow, estimated at 3 percent.",
        "İstanbul: exports are expected to reach $1bn",  # lower() changes the length: the slow path
        "",
    ],
)
def test_joint_cue_index_matches_each_index(text):
    names = ("kind", "metric", "rate")
    lowered = text.lower()
    joint = vocab.joint_cue_index(names).matches(text, lowered if len(lowered) == len(text) else None)
    for name, found in zip(names, joint, strict=True):
        alone = vocab.cue_index(name).matches(text, lowered if len(lowered) == len(text) else None)
        assert [(a, b, t.code, m.group(0)) for a, b, t, m in found] == [(a, b, t.code, m.group(0)) for a, b, t, m in alone]


@pytest.mark.parametrize(
    ("pattern", "gate", "openings"),
    [
        (r"\be-?payments?\b", ("e",), ("e ", "epayment", "epayments")),
        (r"\bdigital\s+payments?\b|\braast\b", ("digital", "raast"), ("digital ", "raast")),
        (r"\bgoals?\b|\btarget\w*", ("goal", "target"), ("goal", "goals", "target")),
        (r"\b(?:is|are)[ \t]+(?:expected|set)\b", ("are", "is"), ("are ", "is ")),
        (r"\bfoo(?i:bar)", ("foo",), ("foo",)),  # a case-insensitive group: read no further
    ],
)
def test_spaced_openings_read_past_the_gate_words(pattern, gate, openings):
    assert vocab.word_gate(pattern) == gate
    assert vocab.spaced_openings(vocab.lower_pattern(pattern), gate) == openings


_CUE_WORDS = st.sampled_from(
    ["is", "is expected", "are set", "will", "to", "to reach", "e-payments", "e payment", "epayments", "digital", "digital payments",
     "invest", "investment", "investments", "exports", "rose", "target", "targets", "goal", "could", "may", "May", "e", "r", "R&D",
     "startup", "—", ",", "-", " ", "  ", "\n", "İ", "ſ", "x"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_CUE_WORDS, max_size=16).map(" ".join))
def test_cue_index_tries_each_term_wherever_a_word_starts(text):
    """The automaton's places are those of trying every term at every place a word starts, in order: by
    place, then the shortest gate word standing there, then the term."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return
    for name in ("kind", "metric", "theme"):
        index = vocab.cue_index(name)
        expected = []
        for at in range(len(text)):
            if at and (lowered[at - 1].isalnum() or lowered[at - 1] == "_"):
                continue
            for i, term in enumerate(index.terms):
                if term.pattern is None or term in index.fallback:
                    continue
                gate = vocab.word_gate(term.pattern.pattern)
                spaced = vocab.spaced_words(lowered)[at + 1 :]
                standing = [len(w) for w in gate if spaced.startswith(w)]
                m = (term.lowered or term.pattern).match(lowered if term.lowered is not None else text, at) if standing else None
                if m:
                    expected.append((at, min(standing), i, m.end(), term.code))
        for term in index.fallback:
            expected.extend((m.start(), 99, 0, m.end(), term.code) for m in term.finditer(text, lowered))
        expected.sort(key=lambda e: e[:3] if e[1] != 99 else (e[0], 99, 0))
        assert [(a, b, t.code) for a, b, t, _ in index.matches(text, lowered)] == [(a, end, code) for a, _, _, end, code in expected]


def test_gated_strategies():
    assert vocab.gated(re.compile(r"\b(?:ago|and|apr|aug|between|dec|feb|fy|jan|jul|jun|mar|may|nov|year)\b")).word_set is not None
    codes = re.compile(r"(?:AED|AFN|AUD|BDT|CAD|CNY|EUR|GBP|INR|JPY|PKR|SAR|USD|\$) ?\d")  # many openings, none in lower case
    assert vocab.gated(codes).finder is not None
    text = "USD 5, $6 and PKR7; EURO 8 AUD9"
    assert [m.span() for m in vocab.gated(codes).finditer(text)] == [m.span() for m in codes.finditer(text)]
    assert vocab.gated(re.compile(r"[Bb]etween \d")).core == "etween "


def test_a_bad_role_of_national_total_words_names_the_file_and_row(data_files):
    rows = data_files(vocab, vocab._pakistan_wide_rows, {"pakistan_wide_cues.csv": "pattern,role,note\n\\btotal\\b,,\n\\blosses\\b,maybe,\n"})
    with pytest.raises(vocab.VocabularyError, match="data/pakistan_wide_cues.csv row 3"):
        rows()


_FURNITURE_PIECES = st.sampled_from(
    ["Follow us", "Follow", "Share", "\n", " ", "\t", "KSE100 45,123.4 Increased By ▲ 123.5 (0.27%)", "AB 1 Unchanged 2 (3%)",
     "Photo: x", "(Photo by AFP)", " — AFP", "- Reuters", "Published in Dawn, March 3rd, 2024", "date 2024-01-01", "Read next: x",
     "Related", "x", "abc ", "Join our WhatsApp channel", "Staff Reporter Published 3 June, 2024", "y" * 40, "Tweet"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_FURNITURE_PIECES, max_size=12).map("".join))
def test_furniture_spans_are_those_of_the_one_regex(text):
    furniture = vocab.furniture()
    assert furniture.lines is not None and furniture.inline is not None  # the fast way is the one tested
    assert furniture.common_lines is not None  # and lines without the rare rows' words are read by the common rows
    assert furniture.spans(text) == [m.span() for m in furniture.pattern.finditer(text)]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [("Published on", ("published",), True), ("PUBLISHED", ("published",), True), ("Islamabad", ("published",), False),
     ("Publiſhed", ("published",), True), ("", ("date",), False), ("Upd. DATE", ("posted", "date"), True)],
)
def test_may_hold_is_false_only_when_a_case_insensitive_pattern_cannot_match(text, words, expected):
    assert vocab.may_hold(text, words) is expected
    if not expected:
        assert not any(re.search(re.escape(w), text, re.IGNORECASE) for w in words)


@pytest.mark.parametrize("text", ["", "5 percent and 6 per cent", "percentpercent", "the yen, the yen. yenyen", "x" * 50])
def test_word_pass_finds_every_place_of_every_word_of_every_set(text):
    first = vocab.WORDS.register(("per cent", "percent", "cent"))
    second = vocab.WORDS.register(("yen", "the yen", "en"))
    for k, words in ((first, ("per cent", "percent", "cent")), (second, ("yen", "the yen", "en"))):
        found = sorted(vocab.WORDS.hits(text, k))
        every = sorted((at, at + len(w), i) for i, w in enumerate(words) for at in range(len(text)) if text.startswith(w, at))
        assert found == every
        starts, ends = vocab.WORDS.by_start(text, k)
        assert list(zip(starts, ends, strict=True)) == [(a, b) for a, b, _ in every]


_SPACED_PIECES = st.sampled_from(
    ["per cent", "per-cent", "per\ncent", "year-on-year", "year on year", "two-way", "target", "’s", "(", ")", "-", "—", ".", ",", "\n",
     " ", "  ", "is", "was", "expected to", "invest", "investment", "exports", "é", "_", "$5", "5%", "grow", "to reach", "x"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_SPACED_PIECES, max_size=16).map("".join))
def test_spaced_words_makes_every_non_word_character_a_space(text):
    lowered = text.lower()
    assert vocab.spaced_words(lowered) == " " + re.sub(r"[^\w ]", " ", lowered)


@pytest.mark.parametrize("text", ["", "ascii only-text.", "a\ud800b", "ü-é’s “x” • 5€ \xa0\u2009y_z", "\x00\x7f\x80\uffff"])
def test_spaced_words_of_any_characters(text):
    assert vocab.spaced_words(text) == " " + re.sub(r"[^\w ]", " ", text)


@pytest.mark.parametrize(
    ("pattern", "words"),
    [(r"[A-Z]+ \d+ (?:Increased|No[ \t]+Change)", {"Increased", "Change"}), (r"abc|abd", {"ab"}), (r"(?i:x)yz", {"yz"}),
     (r"a*b", {"b"}), (r"x(?=hello)", {"x"}), (r"(?i)abc", None), (r"(?i)a(?-i:bc)", {"bc"}), (r"\d+%?", None)],
)
def test_required_words(pattern, words):
    assert vocab.required_words(re.compile(pattern)) == (frozenset(words) if words is not None else None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["KSE100 ", "45,123.4 ", "Increased ", "By ", "▲ ", "123.5 ", "(0.27%)", "No Change ", "AB ", "1 ", "x"]),
                max_size=14).map("".join))
def test_a_text_without_the_required_words_has_no_match(text):
    inline = vocab.furniture().inline
    needs = vocab.required_words(inline)
    if inline.search(text):
        assert any(w in text for w in needs)


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan and Malaysia SIGNED an MoU. The Minister Met the envoy; talks on the joint venture went on.",
        "Islamabad: a Discussion of Loans, grants-in-aid and Investments; no cue here. Relations and ties.",
        "xmet metx meeting signs unsigned co-operation Cooperated; forum, SUMMIT and expo.",
        "",
    ],
)
def test_engagement_cues_lowered_find_what_the_cues_find(text):
    cues, lowered = vocab.engagement_cues(), vocab.engagement_cues_lowered()
    plain = vocab.plain_lowered(text)
    for a, b in [(0, len(text)), (3, 40), (20, 60), (len(text) // 2, len(text))]:
        found = next(lowered.finditer(plain, a, b), None)
        expected = cues.search(text, a, b)
        assert (found and found.span()) == (expected and expected.span()), (a, b)
        searched = lowered.search(plain, a, b)  # what the engagement partners ask
        assert (searched and searched.span()) == (expected and expected.span()), (a, b)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"[A-Z]\w+[ \t]+Bank\b", True),
        (r"(?m:^x$)", True),
        (r"[^\S\n]+x", True),
        (r"a.b", True),
        (r"\s+Bank", False),  # a blank may be a line break
        (r"x$", False),  # "$" takes a line's end for the text's end
        (r"(?s:a.b)", False),
        (r"[^a]Bank", False),
        (r"\WBank", False),
        (r"Bank(?=[\s\S])", False),  # a look-ahead past the line break
    ],
)
def test_within_lines(pattern, expected):
    assert vocab.within_lines(re.compile(pattern)) is expected


_LINED_PIECES = st.sampled_from(["Abu Dhabi Islamic Bank", "from ", "and ", "the ", "Fund", "Bank", "bank", "\n", " ", "\t", ",", "x",
                                 "Ajman", "of ", "Banks", "Group\n", "\nBank"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINED_PIECES, max_size=16).map("".join))
def test_lined_finds_what_finditer_finds(text):
    pattern = re.compile(r"(?:\b(?:from|and)|(?P<comma>,))[ \t]++(?:the[ \t]++)?(?P<name>(?:[A-Z][\w&'’.-]*+[ \t]++){1,3}(?:Bank|Fund|Group)\b)")
    assert vocab.lined(pattern).word_set is not None
    assert [m.span() for m in vocab.lined(pattern).finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_lined_runs_a_pattern_that_may_cross_lines_over_the_whole_text():
    pattern = re.compile(r"from\s+(?:the\s+)?[A-Z]\w*\s+Bank")
    text = "a loan from\nthe Ajman\nBank"
    assert vocab.lined(pattern).word_set is None
    assert [m.span() for m in vocab.lined(pattern).finditer(text)] == [m.span() for m in pattern.finditer(text)] == [(7, 26)]


def test_a_gate_word_ends_where_a_word_does():
    assert vocab.word_gate(r"\bstaff-level\s+agreement\b|\bgoals?\b") == ("goal", "staff")


def test_patterns_with_the_same_openings_read_the_same_places_each_its_own_way():
    money, percent = re.compile(r"[Bb]etween[ \t]+\$\d+"), re.compile(r"[Bb]etween[ \t]+\d+%")
    text = "between $5 and between 6% or Between $7, between\t8%"
    for pattern in (money, percent, money):
        assert [m.span() for m in vocab.gated(pattern).finditer(text)] == [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in vocab.gated(pattern).finditer(text, 5, 40)] == [m.span() for m in pattern.finditer(text, 5, 40)]


def test_an_empty_count_noun_names_the_file_and_row(data_files):
    loader = data_files(vocab, vocab.count_nouns, {"count_nouns.csv": "word,note\npopulation,\n ,a blank word\n"})
    with pytest.raises(vocab.VocabularyError, match="data/count_nouns.csv row 3"):
        loader()


def test_an_instrument_without_its_body_names_the_file_and_row(data_files):
    loader = data_files(vocab, vocab.instrument_bodies, {"instrument_bodies.csv": "instrument,body,note\n\\bswap\\b,\\bcentral bank\\b,\n\\bswap\\b,,\n"})
    with pytest.raises(vocab.VocabularyError, match="data/instrument_bodies.csv row 3"):
        loader()


def test_a_word_set_registered_after_a_text_s_pass_is_found_in_a_pass_of_its_own():
    passes = vocab.WordPass()
    first = passes.register(("per cent", "percent"))
    text = "5 percent of loans and 6 per cent of deposits"
    assert passes.hits(text, first) == [(2, 9, 1), (25, 33, 0)]
    found_before = passes.hits(text, first)
    second = passes.register(("loans", "deposits"))
    assert passes.hits(text, second) == [(13, 18, 0), (37, 45, 1)]
    assert passes.hits(text, first) is found_before  # the sets found already are not looked for again
    assert passes.by_start(text, second) == ([13, 37], [18, 45])
    # a new text is passed once, for every set
    other = "loans: 7 percent"
    assert passes.hits(other, first) == [(9, 16, 1)] and passes.hits(other, second) == [(0, 5, 0)]
    assert passes._automaton[0] == 2



def test_a_word_set_of_no_words_registered_after_a_pass_finds_nothing():
    passes = vocab.WordPass()
    first = passes.register(("percent",))
    assert passes.hits("5 percent", first) == [(2, 9, 0)]
    empty = passes.register(())
    assert passes.hits("5 percent", empty) == [] and passes.hits("5 percent", first) == [(2, 9, 0)]


def test_a_tariff_cue_on_no_side_names_the_file_and_row(data_files):
    loader = data_files(vocab, vocab.tariff_cues, {"tariff_cues.csv": "side,pattern,note\nbefore,\\btariffs?\\W*+$,\nbeside,\\bduty\\b,\n"})
    with pytest.raises(vocab.VocabularyError, match="data/tariff_cues.csv row 3"):
        loader()


def test_every_not_figures_context_holds_one_of_its_words():
    from dashboard import vocab

    for units in ("percent", "all"):
        words = vocab.not_figure_words(units)
        assert words  # (each row names words the sentence must hold: none here would search every sentence)
        for sentence in ("PTCL shares closed at Rs 24.85.", "Bitcoin was trading around $104,000.", "the 80/20 rule", "a Pareto chart"):
            if vocab.not_figure_context(units).search(sentence):
                assert any(w in sentence.lower() for w in words)
