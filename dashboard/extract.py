"""Figures in article text: money amounts and percentages with value, currency, kind, metric, year.

Pure functions over strings. ``find_amounts`` finds and normalises the raw phrases
(``"$2.7 trillion" -> 2.7e12 USD``); ``extract_figures`` adds what the sentence says
about each one (kind, metric, year, horizon, partner) and keeps its quote and offsets,
so that ``text[fig.start:fig.end] == fig.raw`` always holds.

The words it knows are data: currencies (``data/currencies.csv``), scales
(``data/scales.csv``), metrics, kind cues and not-figure contexts (see ``vocab``).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from functools import cached_property, lru_cache
from operator import attrgetter, itemgetter

from dashboard import vocab
from dashboard.articles import headline_start
from dashboard.partners import PAKISTAN_REFERENCE, THROUGH, Entity, Hit, own_body, registry
from dashboard.regexes import compiled

# --------------------------------------------------------------------------- number words
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_DIGIT_RE = "one|two|three|four|five|six|seven|eight|nine"
_SMALL = rf"(?:(?:{_TENS_RE})(?:[-\s](?:{_DIGIT_RE})\b)?|(?:{_UNIT_RE}))"
WORD_NUMBER = rf"(?:{_SMALL}(?:\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)?|a\s+hundred|half\s+a|a(?=\s+(?:billion|million|trillion)))"

# One leading [0-9] lets the regex engine skip to digits fast: it stands outside the atomic group, where
# the engine sees it (a pattern that opens with an atomic group is tried at every character). Every repetition
# is bounded, so a run of ten thousand digits costs a constant per position; a number that goes on past the
# bound is refused in Python (``_amount``). Western (1,234,567) and South Asian (12,34,567) digit grouping.
# Atomic groups: once a number is read, nothing backtracks into it.
_DIGITS_REST = r"(?>(?:\d?(?:,\d{2}){1,4},\d{3}|\d{0,2}(?:,\d{3}){1,5}|\d{0,12}+)(?:\.\d{1,6}+)?)"
DIGITS = r"[0-9]" + _DIGITS_REST
# A number that opens a pattern: its first digit must not continue a word, a number or a symbol
# (checked by a look-behind after that digit, which keeps the engine's fast skip to digits).
_OPENING = r"(?<![\w.,$/][0-9])"
OPENING_DIGITS = r"[0-9]" + _OPENING + _DIGITS_REST
# A decimal comma ("12,5%") is only read before a percent sign or word.
DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?!\d)"
_PERCENT_NUMBER = r"[0-9]" + _OPENING + r"(?>(?:\d{0,2},\d{1,2}(?![\d,])|\d{0,2}(?:,\d{3}){1,5}|\d{0,5}+)(?:\.\d{1,6}+)?)"
# Space between the parts of a figure: a few spaces, at most one line break ("$1.5\nbillion").
# The two halves cannot match the same characters: the second starts with the line break.
SP = r"(?:[ \t\u00a0]{1,3}(?:\n[ \t\u00a0]{0,3})?|\n[ \t\u00a0]{0,3})"


_WORD_SPLIT = compiled(r"[-\s]+")
_DECIMAL_COMMA = compiled(DECIMAL_COMMA)
_LAST_WORD = compiled(r"([\w.]+)$")
_WORDISH = compiled(r"[\w.]+")


def _continues(text: str, at: int) -> bool:
    r"""Whether a number goes on at ``at``: ``\d|[.,]\d`` matches there (``\d`` is ``str.isdecimal``), read
    character by character (a figure asks it of each of its numbers)."""
    c = text[at : at + 1]
    return c.isdecimal() or (c in (".", ",") and text[at + 1 : at + 2].isdecimal())


def words_to_number(words: str) -> float:
    """Spelled-out number -> value: ``"forty-two" -> 42``, ``"three hundred and five" -> 305``, ``"half a" -> 0.5``."""
    tokens = _WORD_SPLIT.split(words.lower().strip())
    if tokens[:2] == ["half", "a"]:
        return 0.5
    total, current = 0, 0
    for token in tokens:
        if token in ("and", ""):
            continue
        if token in ("a", "an"):
            current = 1
        elif token == "hundred":
            current = max(current, 1) * 100
        else:
            current += WORD_VALUES[token]
    return float(total + current)


def parse_number(raw: str) -> float:
    """``"1,234.5" -> 1234.5``, ``"12,5" -> 12.5`` (decimal comma), ``"three" -> 3``."""
    raw = raw.strip()
    if raw[0].isdigit():
        if "," in raw and _DECIMAL_COMMA.fullmatch(raw):
            return float(raw.replace(",", "."))
        return float(raw.replace(",", ""))
    return words_to_number(raw)


# --------------------------------------------------------------------------- vocabularies -> regex
@dataclass(frozen=True)
class Grammar:
    patterns: tuple[re.Pattern[str], ...]  # tried on every text
    worded: re.Pattern[str]  # a spelled-out number ending where a ``gate`` word starts
    gate: tuple[str, ...]
    currencies: vocab.CurrencyTokens
    scales: dict[str, float]
    bare: re.Pattern[str] | None = None  # a number and a scale word alone
    read: dict[str, float] = field(default_factory=dict, compare=False, repr=False)  # scale words read so far -> multiplier


def _alternation(tokens) -> str:
    """A trie regex of ``tokens``, a space inside one matching one optional space."""
    return vocab.trie_regex(sorted(tokens, key=len, reverse=True)).replace(r"\ ", r"\s?")


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """Compiled patterns. Each starts with a literal or a digit (no look-behind first) so that the
    regex engine can skip ahead fast; what a look-behind would check is checked in Python. No two
    adjacent parts of a pattern can match the same characters, so none of them backtracks."""
    tokens = vocab.currency_tokens()
    scale_rows = vocab.read_rows("scales.csv")
    scales = {r["word"]: float(r["multiplier"]) for r in scale_rows}
    spaced = [r["word"] for r in scale_rows if r["attached_only"] == "0"]
    attached = [r["word"] for r in scale_rows if r["attached_only"] == "1"]
    scale = rf"(?:(?:{SP}|-)?(?i:{_alternation(spaced)})|(?i:{_alternation(attached)}))(?!\w)"
    number = rf"(?:{DIGITS})"
    codes = _alternation(tokens.codes)
    prefix_re = rf"(?:{_alternation(tokens.prefix)}|(?:{codes})(?![A-Za-z]))"
    suffix_re = rf"(?:(?i:{_alternation(tokens.suffix_words)})|{codes})(?![A-Za-z])"
    percent_word = r"(?:[ \t]?%|[ \t]?(?i:per[ \t]?cent|percent|pct|pc|percentage[ \t]points?)(?![A-Za-z]))"
    words = rf"(?i:\b{WORD_NUMBER})"
    dash = r"[ \t]?[-–—][ \t]?"
    patterns = (
        # "between $12 and $16 billion", "between 12 and 16 billion dollars", "between 30 and 35 percent": one range
        compiled(
            rf"[Bb]etween[ \t]+(?P<pre>{prefix_re}){SP}?(?P<n1>{number})(?P<s1>{scale})?[ \t]+and[ \t]+(?:{prefix_re})?{SP}?(?P<n2>{number})(?P<s2>{scale})?"
        ),
        compiled(rf"[Bb]etween[ \t]+(?P<n3>{number})[ \t]+and[ \t]+(?P<n4>{number})(?P<s3>{scale})?[ \t](?P<post>{suffix_re})"),
        compiled(rf"[Bb]etween[ \t]+(?P<p1>{_PERCENT_NUMBER}){percent_word}?[ \t]+and[ \t]+(?P<p2>{number}){percent_word}"),
        # prefixed: "$2.7 trillion", "Rs12bn", "US $ 6.2 billion", "$12-16 billion", "$12bn-$16bn", "$12 to 16 billion",
        # or spelled: "USD one billion", "$ two trillion"
        compiled(
            rf"(?P<pre>{prefix_re})(?:{SP}|-)?(?:(?P<n1>{number})(?P<s1>{scale})?"
            rf"(?:(?:{dash}|(?(s1)[ \t]+to[ \t]+(?=(?:{prefix_re})[ \t]?[\d.,]{{1,20}}{scale})|[ \t]+to[ \t]+(?=(?:{prefix_re})?[ \t]?[\d.,]{{1,20}}{scale})))(?:{prefix_re})?[ \t]?"
            rf"(?P<n2>{number})(?P<s2>{scale})?)?|(?P<w1>{words})(?P<sw>{scale}))"
        ),
        # suffixed: "310+ Million USD", "1.5bn dollars", "12-16 billion dollars"
        # (and as an adjective after a scale: "a 3 billion-dollar loan")
        compiled(rf"(?P<n3>{OPENING_DIGITS})\+?(?:{dash}(?P<n4>{number}))?(?P<s3>{scale})?(?:{SP}|(?(s3)-|(?!)))(?P<post>{suffix_re})"),
        # percentages: "12.5%", "12,5%", "30pc", "25 per cent", "10-12%"
        # ("20% to 35%", "10 per cent to 20 per cent" too: a range unless "from" opens it, see _from_to)
        compiled(rf"(?P<p1>{_PERCENT_NUMBER})(?:(?:{dash}|(?:{percent_word})?[ \t]to[ \t])(?P<p2>{number}))?{percent_word}"),
    )
    # Spelled-out numbers are read backwards from a currency or percent word (rare anchors).
    worded = compiled(rf"(?P<n3>{words})(?P<s3>{scale})?(?:\s|(?(s3)-|(?!)))$")  # "a three-billion-dollar arrangement" too
    gate = tuple(sorted({*tokens.suffix_words, "per cent", "percent"}, key=len, reverse=True))
    # a number and a scale word with no currency: "as compared to 4,078.11 million during FY17" (see _bare_sums)
    bare = compiled(rf"(?P<n3>{OPENING_DIGITS})(?P<s3>{scale})")
    return Grammar(patterns, worded, gate, tokens, scales, bare)


# --------------------------------------------------------------------------- raw amounts
@dataclass(frozen=True)
class Amount:
    """A normalised amount found in text: ``Amount(2.7e12, "USD", "money", 120, 133)``; a range
    (``"$12-16 billion"``) is one amount with ``value`` its low and ``high`` its high end."""

    value: float
    currency: str | None
    unit: str  # "money" | "percent"
    start: int
    end: int
    high: float | None = None


def _scale(g: Grammar, raw: str | None) -> float:
    """The multiplier of a scale as written: ``" billion"`` -> 1e9, ``"-Mn"`` -> 1e6 (remembered, bounded)."""
    if not raw:
        return 1.0
    found = g.read.get(raw)
    if found is None:
        word = raw.strip().strip("-").strip()
        found = g.scales.get(word, g.scales.get(word.lower(), 1.0))
        if len(g.read) < _READ_SCALES:  # bounded: a crafted text may write a scale many ways
            g.read[raw] = found
    return found


_READ_SCALES = 4096


_NOT_BEFORE_PREFIX = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$")
_NOT_BEFORE_NUMBER = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,$/")


_OPENING_GROUPS = ("pre", "n1", "n3", "p1", "w1")
_NUMBER_GROUPS = ("n1", "n2", "n3", "n4", "p1", "p2")


_FIELDS = ("pre", "n1", "n2", "n3", "n4", "p1", "p2", "s1", "s2", "s3", "sw", "w1", "post")
_GROUPS_OF: dict[int, tuple[tuple[int, ...], tuple[int, ...], itemgetter]] = {}  # id of a pattern -> its groups


def _groups_of(pattern: re.Pattern[str]) -> tuple[tuple[int, ...], tuple[int, ...], itemgetter]:
    """The numbers of the opening groups and of the number groups that ``pattern`` has, and what picks
    ``_FIELDS`` out of ``(*m.groups(), None)`` (a group it lacks: the last place, None)."""
    found = _GROUPS_OF.get(id(pattern))
    if found is None:
        index = pattern.groupindex
        found = _GROUPS_OF[id(pattern)] = (
            tuple(index[n] for n in _OPENING_GROUPS if n in index),
            tuple(index[n] for n in _NUMBER_GROUPS if n in index),
            itemgetter(*(index[n] - 1 if n in index else pattern.groups for n in _FIELDS)),
        )
    return found


# A code written onto one digit, and no scale after it: a token's name ("USD1"), not an amount
_TOKEN_NAME = compiled(r"[A-Z]{3}\d")
_TOKEN_NAME_END = compiled(r"(?![\w.]|,\d)")


def _amount(m: re.Match[str], g: Grammar, text: str) -> Amount | None:
    openings, numbers, pick = _groups_of(m.re)
    pre, n1, n2, n3, n4, p1, p2, s1, s2, s3, sw, w1, post = pick((*m.groups(), None))
    spans = m.regs  # (start, end) of each group, (-1, -1) for one that took no part
    start = min([spans[i][0] for i in openings if spans[i][0] != -1])
    before = text[start - 1] if start else " "
    # a number group that stops at the pattern's length bound while its digits go on: refused
    for i in numbers:
        end = spans[i][1]
        if end != -1 and _continues(text, end):
            return None
    if p1 is not None:
        if before in _NOT_BEFORE_NUMBER:
            return None
        if p2 and _YEAR.fullmatch(p1) and _TO_SEPARATOR.match(text, m.end("p1")):
            # "from 60 per cent in 2010 to 55 per cent": the year ends a phrase, the percentage is the second number alone
            return build(Amount, value=parse_number(p2), currency=None, unit="percent", start=m.start("p2"), end=m.end(), high=None)
        high = parse_number(p2) if p2 else None
        return build(Amount, value=parse_number(p1), currency=None, unit="percent", start=start, end=m.end(), high=high)
    if pre is not None:
        if before in _NOT_BEFORE_PREFIX:
            return None
        n1, s1 = n1 or w1, s1 or sw
        if m.end() - m.start() == 4 and _TOKEN_NAME.fullmatch(m.group(0)) and _TOKEN_NAME_END.match(text, m.end()):
            return None  # "USD1", "the stablecoin USD1": a coin's name, not one dollar
        currency = g.currencies.code_of(pre)
    else:
        if before in _NOT_BEFORE_NUMBER:
            return None
        n1, n2, s2 = n3, n4, s3
        s1 = None if n2 is not None else s2
        currency = g.currencies.code_of(post)
    low = parse_number(n1) * _scale(g, s1 or (s2 if n2 is not None else None))
    high = parse_number(n2) * _scale(g, s2 or s1) if n2 is not None else None
    return build(Amount, value=low, currency=currency, unit="money", start=start, end=m.end(), high=high)


_YEAR = compiled(r"(?:19|20)\d\d")
_HEDGE = r"(?:(?:about|around|nearly|roughly|approximately|some|over|almost|(?:the[ \t]+)?(?:current|previous|existing))[ \t]+)?"
_FROM_BEFORE_RANGE = compiled(rf"\bfrom[ \t]+{_HEDGE}$", re.IGNORECASE)  # "from about 20% to 35%", "from the current 17% to 18%"
_BY_BEFORE_RANGE = compiled(rf"\b(?:from|by)[ \t]+{_HEDGE}$", re.IGNORECASE)
_TO_SEPARATOR = compiled(r"[ \t]to[ \t]")
_RANGE_SPREAD = 2  # the high end of a range written "20% to 35%", "$2 billion to $3 billion" is at most twice the low


def _from_to(amount: Amount, m: re.Match[str], text: str, g: Grammar) -> list[Amount]:
    """A change between two figures is two figures, not a range: split at its "to".

    - "from 10 to 12%": a change ("10 to 12%" alone is a range);
    - each end written whole, "20% to 35%", "$2 billion to $3 billion": a range when the high end is above the
      low and at most twice it, in one currency sign, and no "from" (for money, also "by"), perhaps with a hedge
      ("from about", "from the current"), opens it: "rose by $9 million to $14.56bn", "from the current $250
      million to $1 billion", "eased 38% to 29%", "converted $2 billion to Rs3 billion" are changes;
    - "$12 to 16 billion", "from $20 to $25 billion" (one scale): a range."""
    if amount.high is None:
        return [amount]
    if amount.unit == "percent":
        a, b = m.end("p1"), m.start("p2")
    elif "s1" in m.re.groupindex and m.end("s1") != -1:
        a, b = m.end("s1"), m.start("n2")
    else:
        return [amount]
    to = _TO_SEPARATOR.search(text, a, b)
    if to is None:
        return [amount]
    whole = amount.unit == "money" or to.start() > a  # the low end has its own percent sign: "20% to 35%"
    # ("shrink exports by 20% to 30%" is a range: "by" opens a change only of money, "rose by $9 million to $14.56bn")
    opened = (_BY_BEFORE_RANGE if amount.unit == "money" else _FROM_BEFORE_RANGE).search(text, max(0, amount.start - 32), amount.start)
    # a fall ("eased 38% to 29%") or another currency ("converted $2 billion to Rs3 billion") is no range either
    other_sign = amount.unit == "money" and text[to.end() : b].strip() not in ("", m.group("pre").strip())
    if not opened and not (whole and (amount.high > _RANGE_SPREAD * amount.value or amount.high <= amount.value or other_sign)):
        return [amount]
    first = Amount(amount.value, amount.currency, amount.unit, amount.start, to.start())
    second = Amount(amount.high, g.currencies.code_of(text[to.end() : b].strip()) if other_sign else amount.currency, amount.unit, to.end(), amount.end)
    return [first, second]


class _Spans:
    """Non-overlapping spans taken so far: an overlap test and an insert in O(log n)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and self.ends[i] > start:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < end

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _worded(text: str, g: Grammar, taken: _Spans, limit: int) -> list[Amount]:
    """``"forty-two million dollars"``, ``"twenty per cent"``: spelled-out numbers before a gate word
    (at most ``limit`` of them)."""
    lowered = vocab.lowered_text(text)
    if len(lowered) != len(text):
        return []
    out = []
    # each gate word's places, word by word (in ``g.gate`` order), left to right, as ``str.find`` would
    # give them one after another; found in one Aho-Corasick pass
    places = sorted((i, at) for at, _, i in vocab.WORDS.hits(lowered, _gate_words(g.gate)))
    last_word, next_at = -1, 0
    for i, at in places:
        word = g.gate[i]
        if i != last_word:
            last_word, next_at = i, 0
        if at < next_at:  # inside the word's previous place
            continue
        end = next_at = at + len(word)
        bounded = (at == 0 or not lowered[at - 1].isalnum()) and (end == len(lowered) or not lowered[end].isalpha())
        if bounded and not taken.overlaps(at, end):
            m = g.worded.search(text, max(0, at - 60), at)
            if m:
                value = parse_number(m.group("n3")) * _scale(g, m.group("s3"))
                percent = word in ("per cent", "percent")
                currency = None if percent else g.currencies.suffix_words[word]
                out.append(Amount(value, currency, "percent" if percent else "money", m.start(), end))
                taken.add(m.start(), end)
                if len(out) >= limit:
                    break
    return out


@lru_cache(maxsize=2)
def _gate_words(gate: tuple[str, ...]) -> int:
    """The gate words, registered in ``vocab.WORDS`` (found in one pass with the story's other word sets)."""
    return vocab.WORDS.register(gate)


_BY_PLACE = attrgetter("start", "value")
_START, _END, _FIRST = attrgetter("start"), attrgetter("end"), itemgetter(0)  # keys for bisection
MAX_AMOUNTS = 2000  # per story: more is a table or a crafted text, not an article (see ``find_amounts``)


def find_amounts(text: str, limit: int = MAX_AMOUNTS) -> list[Amount]:
    """Money amounts and percentages in ``text``, in order; a range is one amount with a high end.

    ``"$12-16 billion"`` -> ``[Amount(12e9, "USD", "money", 0, 14, high=16e9)]``

    At most ``limit`` amounts are read (bounded time and memory on any input: a story with more
    is a table, and ``extract_figures`` says so); money is read before percentages.
    """
    g = grammar()
    found: list[Amount] = []
    taken = _Spans()
    for pattern in g.patterns:  # money first: a later pattern never takes a span already taken
        for m in vocab.gated(pattern).finditer(text):
            if len(found) >= limit:
                break
            if taken.overlaps(m.start(), m.end()):
                continue
            amount = _amount(m, g, text)
            if amount is not None:
                taken.add(amount.start, m.end())
                found.extend(_from_to(amount, m, text, g))
    if len(found) < limit:
        found.extend(_worded(text, g, taken, limit - len(found)))
    found.sort(key=_BY_PLACE)
    if len(found) < limit:
        found = _bare_sums(text, g, found, taken, limit)
    if len(found) < limit:
        found = _listed_numbers(text, found, taken, limit)
    # "two U.S. dollar-denominated sukuk": a currency naming what the bonds are in, not an amount
    return [a for a in found if a.unit != "money" or not _DENOMINATED.match(text, a.end)]


_DENOMINATED = compiled(r"[-‑](?:denominated|based|linked|pegged|indexed)\b", re.IGNORECASE)


# What may follow a sum whose currency is left unsaid: a break or a word that is no unit of its own
# ("4,078.11 million during FY17", "574.03 million, a decrease"; not "5 million people", "2 million tonnes")
_BARE_AFTER = compiled(
    r"[ \t]*+(?:[.,;:)]|$|(?:during|in|for|from|to|against|as|with|while|last|this|the|and|compared|respectively|each|"
    r"till|until|by|over|since|at|on|a|an|which|that|registering|recording|showing)\b)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _in_its_unit() -> re.Pattern[str]:
    """ "750 million in Special Drawing Rights", "2 million in cash", "... in riyals": the sum names its own unit
    after it (a capitalised name, cash, kind, shares, stock, or a currency's word of ``data/currencies.csv``)."""
    words = vocab.trie_regex(sorted(["cash", "kind", "shares", "stock", *vocab.currency_tokens().named_words], key=len, reverse=True))
    return compiled(rf"[ \t]++in[ \t]++(?:the[ \t]++)?(?:[A-Z]|(?i:{words})\b)")


_BARE_REACH = 400  # the money amount that gives the currency stands this close before
# what says that a sum follows: a comparison with an amount of another time, or money sent, received or worth
_SUM_BEFORE = compiled(
    r"\b(?:compar\w*[ \t]++(?:to|with)|against|from|to|for|of|sent|remitted|received|earned|paid|worth|valued[ \t]++at|totall?ing|amounting[ \t]++to)"
    r"[ \t]++(?:(?:about|around|some|nearly|over|just|only|roughly)[ \t]++)?$",
    re.IGNORECASE,
)
_SMALL_SCALES = frozenset({"m", "k", "thousand"})


@lru_cache(maxsize=1)
def _counted_before() -> re.Pattern[str]:
    """A count named just before the number (``data/count_nouns.csv``): "a population of 240 million",
    "subscribers reached 190 million by June"."""
    nouns = {w.lower() for w in vocab.count_nouns()}  # matched case-insensitively: one trie branch per letter
    words = vocab.trie_regex(sorted(nouns, key=len, reverse=True)).replace("\\ ", r"[ \t]+")
    return compiled(rf"\b(?:{words})\b[^.\n]{{0,40}}$", re.IGNORECASE)


def _bare_sums(text: str, g: Grammar, found: list[Amount], taken: _Spans, limit: int) -> list[Amount]:
    """Numbers with a scale word and no currency ("the overseas workers sent $3,690.57 million during FY18 as
    compared to 4,078.11 million during FY 17") are sums in the currency of the money amount just before
    them (within ``_BARE_REACH``), when what follows is no unit of their own. One pass with the amounts in order."""
    added: list[Amount] = []
    money = [a for a in found if a.unit == "money" and a.currency is not None]
    counted, in_its_unit = _counted_before(), _in_its_unit()
    k = -1  # the last money amount before the candidate
    for m in vocab.gated(g.bare).finditer(text) if money else ():
        if len(found) + len(added) >= limit:
            break
        a, b = m.start(), m.end()
        if taken.overlaps(a, b) or (a and text[a - 1] in _NOT_BEFORE_NUMBER) or _continues(text, m.end("n3")):
            continue
        while k + 1 < len(money) and money[k + 1].end <= a:
            k += 1
        if k == len(money) - 1 and a - money[k].end > _BARE_REACH:
            break  # no money amount ahead to give a currency
        if k < 0 or a - money[k].end > _BARE_REACH or not _BARE_AFTER.match(text, b):
            continue
        if counted.search(text, max(money[k].end, a - 60), a) or in_its_unit.match(text, b):
            continue
        if not _SUM_BEFORE.search(text, max(0, a - 30), a) or m.group("s3").strip(" \t-").lower() in _SMALL_SCALES:
            continue  # "will employ 20 thousand", "272m in height": no sum said, or a scale that also measures
        value = parse_number(m.group("n3")) * _scale(g, m.group("s3"))
        added.append(Amount(value=value, currency=money[k].currency, unit="money", start=a, end=b))
        taken.add(a, b)
    return sorted([*found, *added], key=_BY_PLACE) if added else found


# "sent 3264.73, 580.06 and 277.52 million US$", "growth of 3.87, 2.11 and 0.96 percent": numbers listed
# before an amount share its scale, currency and unit
_LISTED_AND = compiled(r"(?:[ \t]*+,)?[ \t]++and[ \t]++$")
_LISTED_COMMA = compiled(r"[ \t]*+,[ \t]*+$")
_PLAIN_NUMBER = r"[0-9][0-9,]*+(?:\.[0-9]++)?"  # "3264.73", "4,078.11"
_LISTED_NUMBER = compiled(rf"(?<![\w.,$/]){_PLAIN_NUMBER}$")
_MAX_LISTED = 12
_MAX_LISTED_DIGITS = 12  # as the amounts' own numbers
_NOT_AN_AMOUNT_BEFORE = compiled(r"\b(?:Section|Article|Clause|Rule|No\.|Nos?|number|ranked|rank|page|item|paragraph)[ \t]*+$", re.IGNORECASE)
_LISTED_NUMBER_REACH = 40


def _listed_numbers(text: str, found: list[Amount], taken: _Spans, limit: int) -> list[Amount]:
    """Bare numbers listed right before an amount ("3264.73, 580.06 and 277.52 million US$") are amounts
    of the same scale, currency and unit. Each amount looks back over at most ``_MAX_LISTED`` numbers,
    each within a short reach: linear in the text."""
    added: list[Amount] = []
    for amount in found:
        if amount.high is not None or len(found) + len(added) >= limit:
            continue
        head = _LEADING_NUMBER.match(text, amount.start, amount.end)
        if head is None or head.start() != amount.start:
            continue  # an amount that opens with its currency ("$5bn") lists no numbers before it
        base = parse_number(head.group(0))
        if not base:
            continue
        factor = amount.value / base
        at, joiner = amount.start, _LISTED_AND
        for _ in range(_MAX_LISTED):
            window = max(0, at - _LISTED_NUMBER_REACH)
            join = joiner.search(text, window, at)
            if join is None:
                break
            number = _LISTED_NUMBER.search(text, max(0, join.start() - _LISTED_NUMBER_REACH), join.start())
            if number is None or taken.overlaps(number.start(), number.end()):
                break
            raw = number.group(0)
            if "." not in raw and len(raw) == 4 and raw[:2] in ("19", "20"):
                break  # a year: "in 2017 and 12 percent"
            if sum(c.isdigit() for c in raw) > _MAX_LISTED_DIGITS or _NOT_AN_AMOUNT_BEFORE.search(text, max(0, number.start() - 12), number.start()):
                break  # a digit run no amount has; "Section 144 and 5 percent", "ranked 135 and 5 percent"
            added.append(Amount(value=parse_number(raw) * factor, currency=amount.currency, unit=amount.unit, start=number.start(), end=number.end()))
            taken.add(number.start(), number.end())
            at, joiner = number.start(), _LISTED_COMMA
    return sorted([*found, *added], key=_BY_PLACE) if added else found


_LEADING_NUMBER = compiled(_PLAIN_NUMBER)


# --------------------------------------------------------------------------- sentences
@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Words a full stop does not end a sentence after (``data/abbreviations.csv``): Mr., Rs., Jan."""
    return frozenset(row["abbreviation"] for row in vocab.read_rows("abbreviations.csv"))
# Where a sentence ends: a full stop, "!" or "?" (closing quotes or brackets after it) before blanks and a capital,
# a blank line, a line break before a bullet, or an end mark before a line break. Each alternative opens with
# one literal character, so that the regex engine skips to those characters fast instead of trying every one.
_CLOSING = r"[\"”’')\]]*"
_BEFORE_CAPITAL = _CLOSING + r"\s+(?=[\"“‘'(\[]?[A-Z•])"
_BEFORE_LINE_BREAK = _CLOSING + r"[ \t]*\n"
_BOUNDARY = compiled(
    rf"\.{_BEFORE_CAPITAL}|!{_BEFORE_CAPITAL}|\?{_BEFORE_CAPITAL}|\n(?:[ \t]*+\n)++|\n(?=[ \t]*[•*\-–])"  # a run of blank lines: one boundary
    rf"|\.{_BEFORE_LINE_BREAK}|!{_BEFORE_LINE_BREAK}|\?{_BEFORE_LINE_BREAK}|:{_BEFORE_LINE_BREAK}"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a blank line or bullet also ends one. Abbreviations (Mr., Rs.) do not."""
    spans, start = [], 0
    known = abbreviations()
    longer = max(map(len, known), default=0) + 1
    for m in _BOUNDARY.finditer(text):
        at = m.start()
        # after a word longer than every abbreviation (its last characters all word characters or dots), a
        # full stop ends the sentence: the word need not be read
        if text[at] == "." and not (at - longer >= max(start, at - 12) and _WORDISH.fullmatch(text, at - longer, at)):
            word = _LAST_WORD.search(text, max(start, at - 12), at)
            if word and (word.group(1).lower() in known or len(word.group(1)) == 1):
                continue
        end = at + 1 if text[at] in ".!?:" else at
        if start < end and not text[start].isspace() and not text[end - 1].isspace():
            spans.append((start, end))  # nothing to trim (most sentences: their boundary took the blanks)
        elif text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return _split_title_lines(text, spans)


# a line that goes on below: it ends with a comma, a bracket or a word that needs what follows ("... countries and the\nUnited States")
_GOES_ON = compiled(r"(?:[,;(:&–—-]|\b(?:the|and|or|of|to|in|for|with|from|a|an|by|on|at|as|its|their|including))[ \t]*+\Z", re.IGNORECASE)


def _split_title_lines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The headline and its standfirst are sentences of their own even without a full stop: a line break in the
    title (see :func:`_title_end`) before a capital ends one ("... closes gap with Saudi Arabia\nRemittances from the
    UAE jumped 42 per cent ..."); a hard-wrapped line going on in lower case or with an amount does not."""
    title_end = _title_end(text)
    if not spans or spans[0][0] >= title_end:
        return spans
    out = []
    for a, b in spans:
        if a >= title_end:
            out.append((a, b))
            continue
        at = a
        cut = text.find("\n", at, min(b, title_end + 1))
        while cut != -1:
            nxt = _trim(text, cut, b)[0]
            if nxt < b and text[nxt].isupper() and not _GOES_ON.search(text, max(at, cut - 12), cut):
                out.append(_trim(text, at, cut))
                at = nxt
            cut = text.find("\n", cut + 1, min(b, title_end + 1))
        out.append(_trim(text, at, b))
    return out


_PARAGRAPH_BREAK = compiled(r"\n[ \t]*\n|\n[ \t]*[•*\-–]")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --------------------------------------------------------------------------- context: kind, metric, year
_WEAK_PENALTY = 80  # characters: "could ... to over $1 billion annually" is "could"'s, 66 characters before, not "annually"'s right after
_WEAK_KINDS = {"actual_weak": "actual", "estimate_weak": "estimate"}  # cues that count only when nothing stronger is near
_WINDOW_BEFORE, _WINDOW_AFTER = 140, 45
_LONGEST_CUE = 120  # a cue match ending near a figure starts at most this far before its end
# How far before a figure a cue it reads can start: a cue near it, and the cue of a movement before that cue
# ("rose 30% to reach $1.4 billion", see ``classify_kind``); a sentence longer than ``_LONG_SENTENCE`` has its
# cues found only that far around each figure
_CUE_REACH_BEFORE = 2 * (_WINDOW_BEFORE + _LONGEST_CUE)
_LONG_SENTENCE = 4000
# Words that end a clause: a cue on the far side of one does not describe the figure.
_AFTER_BREAK = compiled(r"[,;:()—]|\b(?:while|whereas|but|which|compared|as[ \t]++(?:they|he|she|we|both))\b")  # run on lower-cased text
_AFTER_PENALTY = 10  # at equal distance, the words before a figure describe it more often than those after
_BEFORE_BREAK = compiled(r"[;—]|\b(?:while|whereas|but|where)\b")  # run on lower-cased text
# Both in one scan of lower-cased text (the breaks before a figure are some of those after it, and no two
# can overlap): each alternative opens with one literal character, a word's "\b" checked by a look-behind
# after it, so that the regex engine skips fast to those characters
_BREAKS = compiled(r",|;|:|\(|\)|—|w(?<!\ww)h(?:ile|ereas|ich|ere)\b|b(?<!\wb)ut\b|c(?<!\wc)ompared\b|a(?<!\wa)s[ \t]++(?:they|he|she|we|both)\b")
_BREAKS_BEFORE = frozenset({";", "—", "while", "whereas", "but", "where"})
_NOT_AFTER_BREAKS = frozenset({"where"})  # "where" ends a clause only for the words before a figure (see _AFTER_BREAK)
# A figure after "compared with" is the other side of a comparison: the cue of the first figure is not its
# ("will liberalise 75 percent ... compared with 35 percent before"); its metric and partner still reach it.
_KIND_BEFORE_WORDS = ("compared", "versus")
_WIDE_BETWEEN_REACH = 300  # words of a national total part a name from its figure when they stand this near the figure (bounded per figure)
_PARTNER_AFTER = 80  # a partner named after its figure is near it: "$2bn loan from the Asian Development Bank"
# An amount naming what already exists, whatever is to be done with it: "the existing $3 billion
# stand-by arrangement", "review the $3 billion programme", "the first review of a USD 7 billion facility"
_EXISTING_BEFORE = compiled(
    r"\b(?:(?:existing|ongoing|outstanding)[ \t]++(?:[A-Z]{2,6}[ \t]++)?"
    r"|(?:repay|repaying|return|returning|pay[ \t]++back|paying[ \t]++back|roll[ \t]++over|rolling[ \t]++over|rollover[ \t]++of)[ \t]++"
    r"(?:the|a|its|their)[ \t]++(?:(?:remaining|outstanding|maturing)[ \t]++)?"
    r"|review(?:s|ed|ing)?[ \t]++(?:of[ \t]++)?(?:the[ \t]++|a[ \t]++|an[ \t]++|its[ \t]++|Pakistan[’']s[ \t]++)?)$",
    re.IGNORECASE,
)
_EXISTING_REACH = 40
_FROM_BEFORE = compiled(  # (and a comparison's base: "between $4.2 billion and $4.5 billion, against $3.8 billion in 2024-25")
    r"(?:\bfrom|\bagainst)[ \t]+(?:the[ \t]+)?(?:(?:current|existing|present|last[ \t]+year'?s?)[ \t]+)?(?:(?:level|figure)[ \t]+of[ \t]+)?"
    r"(?:(?:around|about|nearly|some)[ \t]+)?$",
    re.IGNORECASE,
)
_MONTH_NAMES = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_NUMBER = {name[:3]: i for i, name in enumerate(_MONTH_NAMES.split("|"), 1)}
# Written in lower case: run on a story's lower-cased text (fast), or with IGNORECASE on other text.
_YEAR_SOURCE = (
    r"(?<![\w$.,])(?:(?:fy|(?:fiscal|financial)[ \t]+year)[ \t]?'?(?P<fy1>\d{4}|\d{2})(?:[ \t]?[-–/][ \t]?(?P<fy2>\d{4}|\d{2}))?"
    r"|(?P<y1>(?:19|20)\d{2})(?:[ \t]?[-–/][ \t]?(?P<y2>\d{4}|\d{2}))?)(?![\w%]|\.\d|,\d)"
    # "last year", "next fiscal year"; "last month", "the previous week", "this quarter", "a year earlier"
    r"|\b(?:(?P<rel>last|next|this|current|previous|coming|past)[ \t]+(?:(?P<fiscal>(?:fiscal|financial)[ \t]+)?year"
    r"|(?P<period>week|month|quarter))|a[ \t]+year[ \t]+(?P<ago>earlier|ago|before))\b"
    # a month without its year ("in February", "the week ending Nov 21"), dated by the story; one glued
    # to its year ("July2019") is that year. A month followed by a year is left to the year itself.
    rf"|\b(?P<mon>{_MONTH_NAMES}|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?=\.|[ \t]+\d))(?![a-z])"
    r"(?:(?P<my>(?:19|20)\d{2})(?![\w%])|\.?(?>(?P<day>[ \t]+\d{1,2}(?:st|nd|rd|th)?\b)?)"
    r"(?![ \t]*+,?+[ \t]*+(?:19|20)\d{2}))"
)
_YEAR_LOWER = compiled(_YEAR_SOURCE)


@lru_cache(maxsize=1)
def _year_any_case() -> re.Pattern[str]:
    """``_YEAR_SOURCE`` case-insensitively, for a text whose lower case moves positions (rare: compiled when first needed)."""
    return compiled(_YEAR_SOURCE, re.IGNORECASE)

_PERIOD_MONTHS = {"month": 1, "quarter": 3}
_AHEAD = compiled(r"\b(?:by|until|till|before|next|coming)[ \t]+(?:the[ \t]+end[ \t]+of[ \t]+)?$", re.IGNORECASE)
# A wire dateline before a month and day: "BEIJING, Sept 29 The bank ...", "Dec 19 : The World Bank said"
_DATELINE_BEFORE = compiled(r"[ \t]*+(?:[A-Z][A-Za-z.'’ -]{1,30},[ \t]*+)?")
_DATELINE_REACH = 40


def _year_mentions(text: str, lowered: str | None = None) -> list[tuple[int, int, re.Match[str], bool]]:
    """The year mentions of ``text`` as (start, end, match, ahead), sorted; ``lowered`` is ``text.lower()``
    when that keeps positions. A month counts only with its capital ("May", not "may"), ``ahead`` when it
    is one still to come ("by December"); the month and day of a story's dateline say when it was
    filed, not when its figures were, and are left out."""
    out = []
    matches = vocab.gated(_YEAR_LOWER).finditer(lowered) if lowered is not None else _year_any_case().finditer(text)
    for m in matches:
        ahead = False
        if m.group("mon"):
            at = m.start()
            if not text[at].isupper():
                continue
            if m.group("day") and not m.group("my"):
                line = text.rfind("\n", max(0, at - _DATELINE_REACH), at)
                if (line != -1 or at <= _DATELINE_REACH) and _DATELINE_BEFORE.fullmatch(text, line + 1, at):
                    continue
            ahead = _AHEAD.search(text, max(0, at - 24), at) is not None
        out.append((m.start(), m.end(), m, ahead))
    return out


# The other side of a comparison: "up 37.9 per cent compared with the same month last year", "36% v/s
# $959 million in 2020-21", "rose 20 per cent over 2014". A year in it dates the base amount, not the
# figure being reported; the span runs from the cue to the next clause break. Two more spans whose year
# is not the figure's: the start of a running total ("$6.5 billion since 2013") and an event of the
# project named beside the amount ("The IT park, approved in 2021, has used Rs26.5 billion").
# Lower case, as _YEAR_SOURCE.
_BASE_SOURCE = (
    r"\b(?:(?P<since>since[ \t]+(?:19|20)\d\d\b)"
    r"|(?P<event>approved|launched|founded|established|started|initiated|inaugurated|signed|set[ \t]+up)[ \t]+in\b"
    r"|(?:as[ \t]+)?compared[ \t]+(?:with|to)\b|in[ \t]+comparison[ \t]+(?:with|to)\b|against\b|versus\b|vs\b\.?|v/s"
    r"|(?:over|than|(?P<from>from))(?=[ \t]+(?:(?:the[ \t]+)?(?:same|corresponding|previous|preceding)\b|last[ \t]+year\b"
    rf"|a[ \t]+year[ \t]+(?:earlier|ago|before)\b|(?:19|20)\d\d\b|(?:{_MONTH_NAMES})\b"
    r"|(?(from)(?:the[ \t]+|a[ \t]+|an[ \t]+)?(?:[$€£¥]|us[ \t]?\$|(?:rs|pkr|dh|aed|sr|rm)\b|\d)|(?!)))))"
)
_BASE_CUE_LOWER = compiled(_BASE_SOURCE)


@lru_cache(maxsize=1)
def _base_cue_any_case() -> re.Pattern[str]:
    """``_BASE_SOURCE`` case-insensitively, for a text whose lower case moves positions (compiled when first needed)."""
    return compiled(_BASE_SOURCE, re.IGNORECASE)


_BASE_END = compiled(r"[,;:()\n]|\.(?!\d)|\b(?:and|to|while|whereas|but)\b", re.IGNORECASE)
_BASE_REACH = 80


def _base_spans(text: str, start: int = 0, end: int | None = None, lowered: str | None = None) -> list[tuple[int, int]]:
    """Where the bases of comparisons stand in ``text[start:end]`` (merged, sorted); each is bounded.
    ``lowered`` is ``text.lower()`` when that keeps positions (searched faster)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cues = vocab.gated(_BASE_CUE_LOWER).finditer(lowered, start, end) if lowered is not None else _base_cue_any_case().finditer(text, start, end)
    for m in cues:
        if m.group("event") and text[max(0, m.start() - 2) : m.start()] not in (", ", ",\t"):
            continue  # an event beside the amount stands after a comma: "The park, approved in 2021, ..."
        if m.group("since"):
            stop = m.end()
        else:
            found = _BASE_END.search(text, m.end(), min(end, m.end() + _BASE_REACH))
            stop = found.start() if found else min(end, m.end() + _BASE_REACH)
        if spans and m.start() <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], stop))
        else:
            spans.append((m.start(), stop))
    return spans


def _in_spans(spans: list[tuple[int, int]], at: int) -> bool:
    i = bisect.bisect_right(spans, at, key=_FIRST) - 1
    return i >= 0 and at < spans[i][1]


_RELATIVE = {"last": -1, "previous": -1, "past": 0, "this": 0, "current": 0, "next": 1, "coming": 1}
_HORIZON_SOURCE = (
    rf"\b(?:in|within|over|during|for)[ \t]+(?:the[ \t]+)?(?:next|coming)[ \t]+(?P<n1>\d{{1,3}}|(?i:{WORD_NUMBER}))[ \t]+years?\b"
    rf"|\b(?:in|within)[ \t]+(?P<n2>\d{{1,3}}|(?i:{WORD_NUMBER}))[ \t]+years(?:['’]?[ \t]+time)?\b"
    r"|\b(?:over|in|within)[ \t]+(?:the[ \t]+)?(?:next|coming)[ \t]+(?P<dec>decade)\b"
)
_HORIZON_LOWER = compiled(_HORIZON_SOURCE)  # written in lower case: the same on a plain lower-cased text, faster


@lru_cache(maxsize=1)
def _horizon_any_case() -> re.Pattern[str]:
    """``_HORIZON_SOURCE`` case-insensitively, for any sentence (compiled when first needed)."""
    return compiled(_HORIZON_SOURCE, re.IGNORECASE)


_HORIZON_WORDS = ("next", "coming", "years")  # one of them is in every horizon (a singular year or a decade comes after next or coming)
_QUOTE_MAX = 600  # longer sentences are quoted as a window around the figure


class _Breaks:
    """Clause breaks of a text, found once: ``between(a, b)`` tells whether one lies in ``[a, b)``."""

    def __init__(self, pattern: re.Pattern[str] | None, text: str, spans: list[tuple[int, int]] | None = None) -> None:
        spans = [m.span() for m in vocab.gated(pattern).finditer(text)] if pattern is not None else spans or []
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def plus_words(self, lowered: str, words: tuple[str, ...]) -> _Breaks:
        """These breaks and every whole ``word`` of ``lowered`` text (found with ``str.find``: fast)."""
        spans = list(zip(self.starts, self.ends, strict=True))
        for word in words:
            at = lowered.find(word)
            while at != -1:
                end = at + len(word)
                if (at == 0 or not lowered[at - 1].isalnum()) and (end == len(lowered) or not lowered[end].isalnum()):
                    spans.append((at, end))
                at = lowered.find(word, end)
        return _Breaks(None, lowered, sorted(spans))

    def between(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.starts, a)
        return i < len(self.starts) and self.ends[i] <= b


class _Cues(list):
    """Cue matches ``(start, end, term, match)`` sorted by start, with their ``starts`` (for bisection)."""

    def __init__(self, matches) -> None:
        super().__init__(matches)
        self.starts = [m[0] for m in self]


class _Story:
    """The cue words, years and clause breaks of a whole text, found once, in text positions."""

    def __init__(self, text: str, within: tuple[bytearray | None, bytearray | None] | None = None) -> None:
        """``within``: where kind and rate cues (first) and metric cues (second) are looked at, as masks
        over the text (the sentences of its figures, and for metrics the sentences before them too)."""
        lowered = vocab.lowered_text(text)
        lowered = lowered if len(lowered) == len(text) else None  # lower() keeps positions for all but a few letters (İ)
        # "in May it rose": the month, not the modal verb of an estimate
        near, before = within or (None, None)
        kind, metric, rate = vocab.joint_cue_index(("kind", "metric", "rate")).matches(text, lowered, (near, before, near))
        self.kind = _Cues(m for m in kind if text[m[0]] != "M" or text[m[0] : m[1]] != "May")
        self.metric, self.rate = _Cues(metric), _Cues(rate)
        self.text, self.lowered = text, lowered
        # the lowered text where a case-insensitive word is found by ``str.find`` (see ``vocab.plain_lowered``):
        # a pattern that needs a word not in a stretch of it is not run there
        self.plain = vocab.plain_lowered(text)
        self.years = _year_mentions(text, lowered)
        self.year_starts = [y[0] for y in self.years]
        if lowered is not None:
            after, before = [], []
            for m in _BREAKS.finditer(lowered):
                word = m.group(0)
                if word not in _NOT_AFTER_BREAKS:
                    after.append(m.span())
                if word in _BREAKS_BEFORE:
                    before.append(m.span())
            self.after, self.before = _Breaks(None, lowered, after), _Breaks(None, lowered, before)
        else:  # lower() moved positions (a dotted İ): the same words, case-insensitively, on the text itself
            self.before = _Breaks(compiled(_BEFORE_BREAK.pattern, re.IGNORECASE), text)
            self.after = _Breaks(compiled(_AFTER_BREAK.pattern, re.IGNORECASE), text)
        self.kind_before = self.before.plus_words(lowered, _KIND_BEFORE_WORDS) if lowered is not None else self.before

    @cached_property
    def signed_lead(self) -> bool:
        """Whether the story opens by reporting a signing ("Pakistan and the bank signed three loan agreements");
        not one to come ("the agreement is expected to be signed next month")."""
        for m in _SIGNED_LEAD.finditer(self.text, 0, _SIGNED_LEAD_REACH):
            if not _SIGNING_TO_COME.search(self.text, max(0, m.start() - 20), m.start()):
                return True
        return False


@dataclass
class _Sentence:
    """One sentence of a :class:`_Story`; what it offers its figures is computed once, however many it holds."""

    text: str
    start: int
    end: int
    story: _Story
    hits: list  # partner names inside the sentence, text positions, sorted
    _horizon: object = None
    _bases: list | None = None
    _not_figure: object = None
    _quote: str | None = None
    _names: frozenset[str] | None = None
    _year_range: tuple[int, int] | None = None
    _several_pay: bool | None = None
    _sign_currency: dict | None = None

    def sign_currency(self, sign: str) -> str | None:
        """The currency a bare sign stands for in this sentence by its words (``vocab.symbol_contexts``), or None;
        searched once a sign, however many amounts the sentence holds."""
        if self._sign_currency is None:
            self._sign_currency = {}
        if sign not in self._sign_currency:
            currency, context = vocab.symbol_contexts()[sign]
            self._sign_currency[sign] = currency if context.search(self.text) else None
        return self._sign_currency[sign]

    def several_pay(self) -> bool:
        """Whether several fund what this sentence names: two partners, or "co-financed", "also financing"
        (computed once)."""
        if self._several_pay is None:
            self._several_pay = len(self.names() - {"PAK"}) >= 2 or _SEVERAL_PAY.search(self.text) is not None
        return self._several_pay

    def names(self) -> frozenset[str]:
        """The partners this sentence names (computed once)."""
        if self._names is None:
            self._names = frozenset(h.code for h in self.hits)
        return self._names

    def window_years(self, fs: int, fe: int) -> list:
        """The year mentions of this sentence nearest ``[fs, fe)``: ``_YEARS_NEAR`` on either side."""
        if self._year_range is None:  # the mentions that start in the sentence (found once)
            starts = self.story.year_starts
            self._year_range = (bisect.bisect_left(starts, self.start), bisect.bisect_left(starts, self.end))
        lo, hi = self._year_range
        if lo == hi:
            return []
        i = bisect.bisect_left(self.story.year_starts, fs, lo, hi)
        return [y for y in self.story.years[max(lo, i - _YEARS_NEAR) : min(hi, i + _YEARS_NEAR)] if y[1] <= self.end]

    def year(self, amount: Amount, published: date | None, ahead: bool) -> int | None:
        """The year of a figure of this sentence (see :func:`_year_near`); the sentence's comparisons
        are found once, and only when it names a year."""
        years = self.window_years(amount.start, amount.end)
        if not years:
            return None
        if self._bases is None:
            self._bases = _base_spans(self.story.text, self.start, self.end, self.story.lowered)
        return _year_near(years, amount.start, amount.end, published, self._bases, ahead)

    def horizon(self) -> int | None:
        if self._horizon is None:
            plain = self.story.plain
            if plain is None:
                self._horizon = (find_horizon(self.text),)
            elif not any(plain.find(w, self.start, self.end) != -1 for w in _HORIZON_WORDS):
                self._horizon = (None,)
            else:  # the sentence lower-cased, tried where "in", "over" ... stand
                self._horizon = (_horizon_years(vocab.gated(_HORIZON_LOWER).search(plain[self.start : self.end])),)
        return self._horizon[0]

    def not_figure(self, unit: str) -> bool:
        """Whether the sentence's amounts of ``unit`` are not figures (``data/not_figures.csv``): a percentage in
        the 80/20 rule, any amount in a share's price."""
        if self._not_figure is None:
            self._not_figure = {}
        units = ("all", "percent") if unit == "percent" else ("all",)
        plain = self.story.plain
        for u in units:
            if u not in self._not_figure and plain is not None and (words := vocab.not_figure_words(u)) is not None and not any(
                plain.find(w, self.start, self.end) != -1 for w in words
            ):
                self._not_figure[u] = False  # none of the words every such context holds
            if u not in self._not_figure:
                one = vocab.not_figure_context(u)
                self._not_figure[u] = bool(one.search(self.text)) if one is not None else any(p.search(self.text) for p in vocab.not_figure_contexts(u))
        return any(self._not_figure[u] for u in units)

    def quote(self, fs: int, fe: int) -> str:
        """The sentence, or for a long one a window around the figure: never the whole of a huge sentence."""
        if len(self.text) <= _QUOTE_MAX:
            if self._quote is None:
                self._quote = " ".join(self.text.split())
            return self._quote
        fs, fe = fs - self.start, fe - self.start
        a, b = max(0, fs - _QUOTE_MAX // 2), min(len(self.text), fe + _QUOTE_MAX // 2)
        while a > 0 and a > fs - _QUOTE_MAX and not self.text[a - 1].isspace():
            a -= 1
        while b < len(self.text) and b < fe + _QUOTE_MAX and not self.text[b].isspace():
            b += 1
        body = " ".join(self.text[a:b].split())
        return ("… " if a > 0 else "") + body + (" …" if b < len(self.text) else "")


def _nearest(s: _Sentence, fig: Amount, matches: list, penalty=None, after_ok=None, before: _Breaks | None = None):
    """The match nearest the figure within its clause (ties: the longer match), or None.

    Only matches of the figure's sentence near it are looked at (found by bisection); one before the
    figure counts unless a clause break (``before``: the story's by default) lies between them, one
    after it within its clause, at a small penalty."""
    best, best_key = None, None
    fs, fe = fig.start, fig.end
    starts = matches.starts if isinstance(matches, _Cues) else [m[0] for m in matches]
    lo = bisect.bisect_left(starts, max(s.start, fs - _WINDOW_BEFORE - _LONGEST_CUE))
    hi = bisect.bisect_right(starts, min(s.end, fe + _WINDOW_AFTER), lo)
    sentence_end = s.end
    before = before or s.story.before
    after = s.story.after
    # A break lies between a match ending at ``end`` and the figure when the last break ending by the figure
    # starts at or after ``end``; between the figure and a match starting at ``start`` when the first break
    # starting after the figure ends by ``start`` (breaks do not overlap): each found once, not per match
    j = bisect.bisect_right(before.ends, fs) - 1
    last_break = before.starts[j] if j >= 0 else -1
    j = bisect.bisect_left(after.starts, fe)
    next_break = after.ends[j] if j < len(after.ends) else sentence_end + 1
    for k in range(lo, hi):
        start, end, term, m = matches[k]
        if end > sentence_end or (start < fe and fs < end):
            continue
        if start >= fe and after_ok is not None and not after_ok(term, m):
            continue
        if end <= fs and fs - end <= _WINDOW_BEFORE:
            if last_break >= end:  # before.between(end, fs)
                continue
            d = fs - end
        elif start >= fe and start - fe <= _WINDOW_AFTER:
            if next_break <= start:  # after.between(fe, start)
                continue
            d = start - fe + _AFTER_PENALTY
        else:
            continue
        if penalty and penalty(term, m):
            d += _WEAK_PENALTY
        key = (d, start - end)
        if best_key is None or key < best_key:
            best, best_key = (term, m), key
    return best


# After a figure, "to ..." and "will ..." tell what the money is for, not that it is a goal:
# "$600 million to expand ...", "a $300-million loan will fund ...".
_MOVED_REACH = 60
# "$600 million will be disbursed each year": the transfer itself is still to come, not the use of money agreed
_TRANSFER_TO_COME = r"be[ \t]+(?:sought|requested|proposed|pledged|raised|disbursed|released|provided|paid|given|extended|signed|transferred|deposited|invested|spent|allocated|repaid|borne|shared)\b"
_SUBJECT_OF_WILL = compiled(
    rf"(?:[ \t]+(?:loan|grant|tranche|facility|deposit|package|credit))?[ \t]+(?:will|shall)[ \t]+(?!{_TRANSFER_TO_COME})", re.IGNORECASE
)
_PURPOSE_AFTER = compiled(rf"(?:to|will|shall)\b(?![ \t]+{_TRANSFER_TO_COME})", re.IGNORECASE)


_FUTURE_TIME = compiled(
    r"\b(?:next|coming|upcoming)[ \t]+(?:week|month|months|year|quarter|fiscal[ \t]+year|financial[ \t]+year)\b"
    r"|\blater[ \t]+this[ \t]+(?:week|month|year)\b|\bin[ \t]+the[ \t]+coming[ \t]+(?:weeks|months|years)\b",
    re.IGNORECASE,
)
_FUTURE_REACH = 60
_FUTURE_WORDS = ("next", "coming", "later")  # one of them is in every future time ("upcoming" holds "coming")


# The end point of a movement from a baseline amount: "from the current $5.7 billion to " (the figure after it)
_END_POINT = compiled(r"\bfrom[ \t]++(?:the[ \t]++)?(?:(?:current|present|existing)[ \t]++)?[^\n]{1,30}?[ \t]to[ \t]++$", re.IGNORECASE)
# An amount that names a goal: "the $15 billion target", "a $5bn trade goal"
_NAMED_TARGET = compiled(
    r"[ \t]++(?:(?:trade|export|exports|investment|lending|revenue|remittances?|sales)[ \t]++)?(?:target|goal)s?\b"
    # (a memorandum or a pledge named by its amount: "signed a $500 million memorandum of understanding")
    r"|[ \t]++(?:(?:investment|financing|loan|trade)[ \t]++)?(?:MoUs?|memorand(?:um|a)[ \t]++of[ \t]++understanding|pledges?)\b", re.IGNORECASE
)


# "The bank will provide $475 million for the motorway" in a story that opens with the signing of the
# agreements: what the signed agreement provides, not a pledge (unless a pledge is named before it)
_SIGNED_LEAD = compiled(r"\b(?:signed|inked|signs?|inks?)\b", re.IGNORECASE)  # (a headline's "sign" reports a signing)
_SIGNED_LEAD_REACH = 400
_SIGNING_TO_COME = compiled(r"\b(?:to|be|will|would|shall|yet|not|never)[ \t]++(?:(?:yet|been|be)[ \t]++){0,2}$", re.IGNORECASE)
_GIVES_AFTER_WILL = compiled(r"[ \t]++(?:also[ \t]++)?(?:provide|contribute|give|extend|lend|finance|fund|invest|receive|pay)\b", re.IGNORECASE)


# the cues of a transfer to come that a signed agreement settles: "will", "will be given", "provide an additional"
_GIVING_CUE = compiled(
    r"(?:will|shall)(?:[ \t]be[ \t](?:provided|given|extended|disbursed|released|paid|transferred))?$|(?:(?:and|also|will)[ \t])?provide[ \t]"
    r"|to[ \t](?:finance|fund|provide)$",  # "signed an agreement ... to finance the supply of oil derivatives worth USD 1.2 billion"
    re.IGNORECASE
)


_HORIZON_CUE = compiled(r"by[ \t]", re.IGNORECASE)  # "by 2025", "by the end of 2030": a horizon, not yet a goal


def _forecast_before(s: _Sentence, fig: Amount, text: str) -> str | None:
    """The words of a forecast before ``fig`` in its sentence ("could", "projected"), if any: a horizon after
    a figure says when, the forecast says what kind of figure it is. The cues near the figure only."""
    cues = s.story.kind
    lo = bisect.bisect_left(cues.starts, max(s.start, fig.start - _WINDOW_BEFORE))
    hi = bisect.bisect_left(cues.starts, fig.start, lo)
    for k in range(hi - 1, lo - 1, -1):
        start, end, term, _m = cues[k]
        if end <= fig.start and term.code in ("estimate", "target"):
            return " ".join(text[start:end].split()) if term.code == "estimate" else None
    return None


def _under_signed_agreement(s: _Sentence, fig: Amount, m: re.Match[str], text: str) -> bool:
    """Whether "will provide" (or "will be given", "provide an additional") before ``fig`` tells what an
    agreement the story opens with provides: the story's lead reports a signing, and no goal or pledge is
    named in the words before it (another "will" may be)."""
    bare = m.group(0).lower() in ("will", "shall")
    if m.end() > fig.start or (bare and not _GIVES_AFTER_WILL.match(text, m.end())) or not s.story.signed_lead:
        return False
    cues = s.story.kind
    lo = bisect.bisect_left(cues.starts, max(s.start, fig.start - _WINDOW_BEFORE))
    hi = bisect.bisect_left(cues.starts, m.start(), lo)
    return not any(cues[k][2].code == "target" and text[cues[k][0] : cues[k][1]].lower() not in ("will", "shall") for k in range(lo, hi))


_EQUIVALENT_AFTER = compiled(r"[ \t]*+\((?:[^()\n\d$€£¥]{0,12}[$€£¥]|[A-Z]{3}[ \t])[^()\n]{0,30}\)")  # "(£5.1 billion)", "(USD 3.1 billion)"


def _weak(term: vocab.Term, m: re.Match[str]) -> bool:
    """A cue that counts only when nothing stronger is near (is, was, has)."""
    return term.code in _WEAK_KINDS


_AND_NEXT = compiled(r"and\s", re.IGNORECASE)


def _not_purpose(term: vocab.Term, m: re.Match[str]) -> bool:
    """A cue after a figure that is not its purpose ("to ...", "will ...") nor the start of what is said
    next ("extend a $2 billion loan and provide an additional $1 billion": the second amount's)."""
    word = m.group(0)
    return not _PURPOSE_AFTER.match(word) and not _AND_NEXT.match(word)


def _never(term: vocab.Term, m: re.Match[str]) -> bool:
    return False


def classify_kind(s: _Sentence, fig: Amount, text: str) -> tuple[str, str]:
    """(kind, the words that decided it): ``"China has $2.7 trillion"`` -> ``("actual", "has")``;
    ``"the goal of exporting $50 billion"`` -> ``("target", "goal")``.

    A figure after "from" is a baseline, so actual ("from $30 billion to $150 billion");
    a "to ..." or "will ..." after the figure is its purpose, not a goal ("$600 million to expand ...",
    "the loan of $300 million will fund ...").
    """
    named = _NAMED_TARGET.match(text, fig.end)
    if named:  # "trade could exceed $15b target": the amount is the target itself
        return "target", named.group(0).strip()
    plain, reach = s.story.plain, max(0, fig.start - 60)
    no_from = plain is not None and plain.find("from", reach, fig.start) == -1 and plain.find("against", reach, fig.start) == -1
    baseline = None if no_from else _FROM_BEFORE.search(text, reach, fig.start)
    if baseline:
        return "actual", baseline.group(0).strip()
    end_point = None if no_from else _END_POINT.search(text, reach, fig.start)
    if end_point:  # "aims to boost trade from the current $5.7 billion to $20 billion": the goal governs the end point
        at = end_point.start()
        governing = _nearest(s, Amount(0, None, "money", at, at), s.story.kind, after_ok=lambda t, x: False, before=s.story.kind_before)
        if governing is not None and governing[0].code in ("target", "estimate"):
            return governing[0].code, " ".join(governing[1].group(0).split()) + " … from … to"
    existing = _EXISTING_BEFORE.search(text, max(0, fig.start - _EXISTING_REACH), fig.start)
    if existing:  # "review the existing $3 billion arrangement": the arrangement is there to review
        return "actual", " ".join(existing.group(0).split())
    purpose = _SUBJECT_OF_WILL.match(text, fig.end)
    if purpose:  # "$100 million will support a programme": money already agreed, its use to come
        return "actual", purpose.group(0).strip()
    # "seven billion dollars (£5.1 billion) in a memorandum of understanding": the words after the
    # bracketed equivalent are the figure's own
    bracket = _EQUIVALENT_AFTER.match(text, fig.end)
    best = _nearest(
        s,
        replace(fig, end=bracket.end()) if bracket else fig,
        s.story.kind,
        penalty=_weak,
        after_ok=_not_purpose,
        before=s.story.kind_before,
    )
    if best is None:
        a, b = max(s.start, fig.start - _FUTURE_REACH), min(s.end, fig.end + _FUTURE_REACH)
        if plain is not None and not any(plain.find(w, a, b) != -1 for w in _FUTURE_WORDS):
            ahead = None
        else:
            ahead = _FUTURE_TIME.search(text, a, b)
        if ahead:  # "$3.7 billion loan refinancing next month": a deal still to come
            return "target", " ".join(ahead.group(0).split())
        return "actual", ""
    term, m = best
    cue = " ".join(m.group(0).split())
    if term.code == "target" and cue.lower().startswith("to "):
        # "rose 30% to reach $1.4 billion": the movement already happened
        moved = _nearest(s, Amount(0, None, "money", m.start(), m.end()), s.story.kind, after_ok=_never)
        if moved is not None and moved[0].code == "actual" and m.start() - moved[1].end() <= _MOVED_REACH:
            return "actual", " ".join(moved[1].group(0).split()) + " … " + cue
    if term.code == "target" and _GIVING_CUE.match(cue) and _under_signed_agreement(s, fig, m, text):
        return "actual", cue + " … under the agreement signed"
    if term.code == "target" and _HORIZON_CUE.match(cue):
        forecast = _forecast_before(s, fig, text)
        if forecast is not None:  # "projections show the market could ... generate $1.6 billion by 2025"
            return "estimate", f"{forecast} … {cue}"
    return _WEAK_KINDS.get(term.code, term.code), cue


_NO_BREAKS = _Breaks(None, "")


def _NONE_AFTER(term, m) -> bool:
    return False


def classify_metric(s: _Sentence, fig: Amount, previous: object | None = None) -> str | None:
    """The nearest metric keyword in the figure's clause: ``"$2.7 trillion in imports"`` -> imports.

    With none in the sentence: the last one of the previous sentence of the same paragraph
    (``previous``, "Remittances rose ... Saudi Arabia was the largest source at $9.34 billion"), then
    for a percentage a rate word (growth, share); else None (``extract_figures`` then uses the story's topic).
    """
    best = _metric_named_after(s, fig) or _nearest(s, fig, s.story.metric)
    if best is None:  # an earlier clause of the sentence: "reserves of $7.18 billion, while commercial banks hold $5.1 billion"
        best = _nearest(s, fig, s.story.metric, after_ok=_NONE_AFTER, before=_NO_BREAKS)
    if best is not None:
        return best[0].code
    if previous is not None:
        return previous.code
    if fig.unit == "percent":
        rate = _nearest(s, fig, s.story.rate)
        if rate is not None:
            return rate[0].code
    return None


_IN_METRIC = compiled(r"[ \t]++in[ \t]++(?:(?:new|fresh|additional|concessional|soft)[ \t]++)?", re.IGNORECASE)


def _metric_named_after(s: _Sentence, fig: Amount):
    """A metric named right after the amount by "in" says what it is, before any word farther off: "The EU has
    earmarked €400 million in grants" is a grant, not a budget line; None when no metric follows so."""
    gap = _IN_METRIC.match(s.story.text, fig.end)
    if gap is None:
        return None
    cues = s.story.metric
    k = bisect.bisect_left(cues.starts, gap.end())
    if k < len(cues) and cues[k][0] == gap.end() and cues[k][1] <= s.end:
        return cues[k][2], cues[k][3]
    return None


def _last_metric(matches: list) -> object | None:
    found = [(end, end - start, t) for start, end, t, _ in matches]
    return max(found, key=lambda x: (x[0], x[1]))[2] if found else None


def _fiscal_end(published: date) -> int:
    """Pakistan's fiscal year runs July to June and is named by its end: October 2025 is in FY2026."""
    return published.year + 1 if published.month >= 7 else published.year


def _year_value(m: re.Match[str], published: date | None, ahead: bool = False) -> int | None:
    if m.group("rel") or m.group("ago"):
        if published is None:
            return None
        if m.group("ago"):
            return published.year - 1
        word, period = m.group("rel").lower(), m.group("period")
        if period is None:
            base = _fiscal_end(published) if m.group("fiscal") else published.year
            return base + _RELATIVE[word]
        step = -1 if word == "past" else _RELATIVE[word]  # "the past quarter" is the last one
        if period.lower() == "week":
            return (published + timedelta(days=7 * step)).year
        return (published.year * 12 + published.month - 1 + step * _PERIOD_MONTHS[period.lower()]) // 12
    if m.group("mon"):
        if m.group("my"):
            return int(m.group("my"))
        if published is None:
            return None
        month = _MONTH_NUMBER[m.group("mon")[:3].lower()]
        if ahead:  # the next such month: "by December", a target's "in March"
            return published.year + (month < published.month)
        return published.year - (month > published.month)  # the last such month
    first, second = (m.group("fy1"), m.group("fy2")) if m.group("fy1") else (m.group("y1"), m.group("y2"))
    year = second or first
    if len(year) == 2:
        year = (first[:2] if len(first) == 4 else "20") + year
    return int(year)


_YEARS_NEAR = 4  # year mentions looked at on either side of a figure: "in July-December of FY2024-25" holds three


def _year_near(
    years: list, fs: int, fe: int, published: date | None, bases: list[tuple[int, int]] | None = None, ahead: bool = False
) -> int | None:
    """The year nearest ``[fs, fe)`` among the sentence's year mentions (sorted by start).

    A year in the base of a comparison (``bases``) dates the figures there, not the reported one:
    in "rose 20% over 2014 to $2.2 billion" neither figure is of 2014, in "v/s $959 million in
    2020-21" the $959 million is. A base figure takes a base year when there is one."""
    i = bisect.bisect_left(years, fs, key=_FIRST)
    candidates = [y for y in years[max(0, i - _YEARS_NEAR) : i + _YEARS_NEAR] if not (y[0] < fe and fs < y[1])]
    if bases:
        flagged = [(y, _in_spans(bases, y[0])) for y in candidates]
        if _in_spans(bases, fs):
            in_base = [y for y, base in flagged if base]
            candidates = in_base or candidates
        else:
            candidates = [y for y, base in flagged if not base]
    best, best_d = None, None
    for start, end, m, forward in candidates:
        d = fs - end if end <= fs else start - fe
        value = _year_value(m, published, ahead or forward)
        if value is not None and (best_d is None or d < best_d):
            best, best_d = value, d
    return best


def find_year(sentence: str, offset: int, fig: Amount, published: date | None = None, ahead: bool = False) -> int | None:
    """The year a figure refers to: ``"by 2030"`` -> 2030, ``"FY2024-25"`` -> 2025, none -> None;
    ``"last year"`` in a story of 2026 -> 2025, ``"in February"`` in one of March 2025 -> 2025
    (relative years need ``published``; ``ahead`` for a target, whose months are still to come)."""
    years = _year_mentions(sentence)
    return _year_near(years, fig.start - offset, fig.end - offset, published, _base_spans(sentence), ahead)


def find_horizon(sentence: str) -> int | None:
    """Years of a relative goal: ``"in the next 10 years"`` -> 10, ``"over the next decade"`` -> 10."""
    return _horizon_years(_horizon_any_case().search(sentence))


def _horizon_years(m: re.Match[str] | None) -> int | None:
    """The years of a match of ``_HORIZON_SOURCE`` (either case), None for no match."""
    if not m:
        return None
    if m.group("dec"):
        return 10
    raw = m.group("n1") or m.group("n2")
    return int(parse_number(raw))


# Names of one list: "Saudi Arabia, Qatar and the UAE", "the GCC countries and the\nUnited Kingdom"
# (and "The UAE, along with Saudi Arabia, pledged $3 billion": one combined giver; a round "led by Shorooq Partners, with
# participation from Gobi Partners and Wavemaker Partners": its investors)
_JOINED = compiled(
    r"\)?\s*(?:(?:countries|states|nations)\s*)?(?:,\s*(?:and\s+|along\s+with\s+|together\s+with\s+|with\s+participation\s+(?:from|of|by)\s+|alongside\s+|joined\s+by\s+)?|and\s+|&\s*)(?:(?:the|other)\s+)?",
    re.IGNORECASE,
)
_ACRONYM_AFTER = compiled(r"\s*\(")  # "the Gulf Cooperation Council (GCC)": one name twice
_MAX_JOINED = 8
_DESCRIBED = compiled(r"[ \t]*[,–—-][ \t]*which[ \t]+(?:is|was|are|were)\b", re.IGNORECASE)
# A name after its figure is its counterparty only when a preposition links them: "$2bn loan from the
# ADB", "exports of $2bn to China"; not "$1.2bn surplus has helped the Saudi ..."
# "that": "$5bn in loans that China had rolled over"; a place's word may describe the name: "led by Riyadh-based Dunes Capital"
_LINKED_AFTER = compiled(
    r"\b(?:from|to|with|by|in|into|of|for|towards|that)[ \t]+(?:(?:the|a|an)[ \t]+)?"
    r"(?-i:[A-Z][\w.'’]*+-(?i:based|headquartered)[ \t]++|(?:[A-Z][a-z]++[ \t]){0,2}[A-Z][A-Za-z]++['’]s[ \t]++)?(?:\[|\*\*|__)?$",  # (Markdown: "by [Dunes Capital](...)")
    re.IGNORECASE,
)


# "a $1 billion IMF injection", "$2 billion remaining Saudi cash loan": a name right after the amount describes it
_ATTRIBUTIVE_GAP = compiled(r"[ \t]++(?:(?:remaining|outstanding|additional|new|existing|previous|earlier|fresh|further|extra)[ \t]++)?")
_NOUN_AFTER = compiled(r"[ \t]+[a-z]")
_ACRONYM = compiled(r"[ \t]*+\([A-Z]{2,8}\)")


def _after_acronym(text: str, at: int) -> int:
    """Where the words after a name go on, past its acronym in brackets: "Extended Fund Facility (EFF) bailout"."""
    m = _ACRONYM.match(text, at)
    return m.end() if m else at


def _linked_after(s: _Sentence, end: int, hit: Hit, clause_from: int | None = None) -> bool:
    """The name ``hit`` is the counterparty of an amount ending at ``end`` before it: near, in its
    clause (no clause break from ``clause_from``, the amount's end by default), and linked by a
    preposition ("$2bn loan from the ADB")."""
    if not 0 <= hit.start - end <= _PARTNER_AFTER:
        return False
    if _AMOUNT_BETWEEN.search(s.text, end - s.start, hit.start - s.start) and not _PAIR_GAP.match(s.text, end - s.start):
        return False  # "a $100m loan for Pakistan and a $27.5m loan for Tajikistan": the name is the nearer amount's
    before = max(0, hit.start - s.start - 48), hit.start - s.start
    if _SOURCE_AFTER.search(s.text, *before):
        return True  # "$40bn in investment over five years, mainly from the Saudis": the source, after a comma
    if _EXAMPLES_FROM.search(s.text, max(0, hit.start - s.start - _EXAMPLES_REACH), hit.start - s.start) and not s.story.after.between(
        end if clause_from is None else clause_from, hit.start
    ):
        return True
    if _RANKED_NEXT.search(s.text, *before):
        return False  # "78% followed by the UK (59%)": the next of a ranking, with its own figure
    return not s.story.after.between(end if clause_from is None else clause_from, hit.start) and _LINKED_AFTER.search(s.text, *before) is not None


_RANKED_NEXT = compiled(r"\b(?:followed|trailed|succeeded)[ \t]++by[ \t]++(?:the[ \t]++)?$", re.IGNORECASE)
# another amount: a number with its scale or percent sign, or a currency sign and a number
_AMOUNT_BETWEEN = compiled(r"\d[ \t]*+(?:(?:million|billion|trillion|bn|mn|mln|bln|tn|per[ \t]cent|percent|crore|lakh)\b|%)|[$€£¥][ \t]*+\d", re.IGNORECASE)
_PAIR_GAP = compiled(r"[ \t]*+(?:to|and|-|–)[ \t]*+[$€£¥]?\d", re.IGNORECASE)  # "from 10 to 12% in the UK": one pair of amounts
_BRACKET_LINK = compiled(r"[ \t]*+\((?=(?:to|from|for)[ \t])", re.IGNORECASE)
_SOURCE_AFTER = compiled(r",[ \t]*+(?:mainly|mostly|largely|chiefly|primarily|especially)[ \t]++from[ \t]++(?:the[ \t]++)?$", re.IGNORECASE)
# "aid packages from countries like China, Saudi Arabia and the UAE": the examples are the sources
_EXAMPLES_FROM = compiled(
    r"\bfrom[ \t]++(?:(?:its|their|friendly|other|Gulf)[ \t]++)?(?:countries|nations|states|lenders|creditors|donors|allies|partners|friends)"
    r"[ \t]*+,?[ \t]*+(?:like|such[ \t]++as|including|namely)[ \t]++(?:the[ \t]++)?$",
    re.IGNORECASE,
)
_EXAMPLES_REACH = 48


# "..., including IMF liabilities, stood at $130bn": the name is part of the total, not its owner;
# "estimated by the World Bank at US$1.17bn", "according to the IMF, ... $3bn": the name is the source
_INCLUDING_BEFORE = compiled(r",[ \t]*+(?:including|includes|excluding|such[ \t]++as)[ \t]++(?:(?:the|its)[ \t]++)?$", re.IGNORECASE)
_SOURCE_BEFORE = compiled(
    r"\b(?:(?:estimated|projected|forecast|calculated|reported|compiled)[ \t]++by|according[ \t]++to|data[ \t]++from)[ \t]++(?:the[ \t]++)?$",
    re.IGNORECASE,
)


_ASIDE_AFTER_NAME = compiled(r"[ \t]*+,[ \t]*+(?:which|who|that)\b", re.IGNORECASE)


def _parted(s: _Sentence, hit: Hit, fs: int) -> bool:
    """Whether words of a national total stand between the name ``hit`` and its figure at ``fs`` ("the ADB
    said annual losses exceed $2bn"): not inside an aside about the name ("China, which holds a quarter of
    Pakistan's external debt, rolled over $2 billion"). Looked for only near the figure (bounded)."""
    a = max(hit.end, fs - _WIDE_BETWEEN_REACH) - s.start
    words = vocab.pakistan_wide_between().search(s.text, a, fs - s.start)
    if words is None:
        return False
    aside = _ASIDE_AFTER_NAME.match(s.text, hit.end - s.start)
    return not (aside and s.text.find(",", words.end(), fs - s.start) != -1)


def _aside_or_source(s: _Sentence, hit: Hit, fs: int) -> bool:
    """The name before a figure stands in an aside that lists what a total includes (a comma after it
    before the figure) or names the source of the number, not its counterparty."""
    before = s.text[max(0, hit.start - s.start - 30) : hit.start - s.start]
    if _SOURCE_BEFORE.search(before):
        return True
    return _INCLUDING_BEFORE.search(before) is not None and "," in s.text[hit.end - s.start : fs - s.start]


_POSSESSIVE = compiled(r"['’]s?\b")


def _owner(s: _Sentence, hit: Hit, metric: str = "") -> bool:
    """A name before a national total owns it: a possessive ("China's reserves") or a country's
    adjective ("Chinese reserves"); not a subject ("which the IMF required to be over $14 billion"
    are Pakistan's reserves: the IMF only asks). An organisation allocating money owns its budget
    ("The World Bank might allocate a $200 million loan"): ``metric`` is the total's."""
    at = hit.end - s.start
    if _POSSESSIVE.match(s.text, at):
        return True
    entity = registry().entities.get(hit.code)
    if metric == "budget" and entity is not None and entity.type in ("organisation", "company"):
        return True
    return entity is not None and hit.alias != entity.name and not hit.alias.isupper() and _NOUN_AFTER.match(s.text, at) is not None


_APPOSITIVE_BEFORE = compiled(r",[ \t]*+$")
_APPOSITIVE_AFTER = compiled(r"[ \t]*+,")


def _appositive(s: _Sentence, fs: int, fe: int) -> re.Match[str] | None:
    """The comma closing an amount set off by commas ("The second highest remittances, USD 1.196
    billion, were sent from the UAE"): the clause goes on after it."""
    if not _APPOSITIVE_BEFORE.search(s.text, max(0, fs - s.start - 3), fs - s.start):
        return None
    return _APPOSITIVE_AFTER.match(s.text, fe - s.start)


def nearest_partner(s: _Sentence, fig: Amount, previous_end: int | None = None, national: str = "") -> list[Hit]:
    """The partner named nearest the figure within its clause (Pakistan excluded): the nearest name
    before it unless a clause break lies between, or the nearest after it within its clause
    ("..., followed by the UAE" does not). Found by bisection: no scan over the sentence's names.
    Names joined by "and" or commas ("Saudi Arabia and the UAE") are all returned: a combined amount.
    ``previous_end`` is where the sentence's amount before this one ends: a name linked after that
    amount is its own ("a $216m loan for Indonesia, $165m for a Bangladesh project"). A figure of a
    national total (``national``: its metric, "reserves" or "budget") takes a name before it only in
    its own clause and as its owner ("After the Chinese refinancing, reserves could rise to $12.7bn"
    is Pakistan's; see :func:`_owner`). Words of a national total between a name and the figure
    part them ("the ADB said annual losses exceed $2bn", "..., European Union 12.2 per cent and
    others 8.4 per cent": ``role=parts`` in data/pakistan_wide_cues.csv)."""
    fs, fe = fig.start, fig.end
    hits = s.hits
    i = bisect.bisect_right(hits, fs, key=_END)  # hits[:i] end at or before the figure
    j = bisect.bisect_left(hits, fe, key=_START)  # hits[j:] start at or after its end
    if i > 0 and previous_end is not None and _linked_after(s, previous_end, hits[i - 1]):
        i = 0  # the name before belongs to the amount before
    candidates = []
    if j < len(hits) and _ATTRIBUTIVE_GAP.fullmatch(s.text, fe - s.start, hits[j].start - s.start) and _NOUN_AFTER.match(
        s.text, _after_acronym(s.text, hits[j].end - s.start)
    ):
        candidates.append((-1, j))  # "a $1 billion IMF injection", "the $3bn Saudi deposit": the name describes the amount
    if (
        i > 0
        and not s.story.before.between(hits[i - 1].end, fs)
        and not _aside_or_source(s, hits[i - 1], fs)
        and not (national and (s.story.after.between(hits[i - 1].end, fs) or not _owner(s, hits[i - 1], national)))
        and not _parted(s, hits[i - 1], fs)
    ):
        candidates.append((fs - hits[i - 1].end, i - 1))
    # "$1 billion, which is the last tranche from Saudi Arabia": the clause describes the figure itself
    described = (_DESCRIBED.match(s.text, fe - s.start) or _appositive(s, fs, fe)) if j < len(hits) else None
    # "valuing $100 million (to China)": the bracket after the amount holds its link
    bracket = _BRACKET_LINK.match(s.text, fe - s.start) if j < len(hits) and not described else None
    clause_from = described.end() + s.start if described else (bracket.end() + s.start if bracket else fe)
    if j < len(hits) and _linked_after(s, fe, hits[j], clause_from):
        candidates.append((hits[j].start - fe, j))
    if not candidates:
        return []
    k = min(candidates, key=lambda c: c[0])[1]
    if 0 < k and hits[k].end <= fs and _aside_owner(s, hits[k - 1], hits[k]) and (
        (fs - hits[k].end <= _OWNED_AMOUNT_GAP and _BODY_AFTER_AMOUNT.match(s.text, fe - s.start))
        or s.text.find(",", hits[k].end - s.start, fs - s.start) != -1
    ):
        k -= 1  # "QIA, Qatar's $450 billion fund", "the QIA, Qatar's sovereign fund, holds $450 billion": the fund the aside describes
    if k + 1 < len(hits) and own_body(s.story.text, hits[k], hits[k + 1], unregistered=True, possessive=True):
        k += 1  # "owned by the UAE's e&": the company, which counts for its country
    # "from Saudi Arabia and the UAE": names joined by "and" or commas are one combined counterparty
    # the members a name lists in brackets are its own, not names of the list: "UK, other GCC countries
    # (including Bahrain, Kuwait, Qatar and Oman), and EU countries" is four names
    group = [hits[k]]
    a, b = k, k
    while a > 0 and len(group) < _MAX_JOINED:
        if (before := _members_before(s, hits, a)) is not None or (before := _members_listed_before(s, hits, a)) is not None:
            a = before
        elif _joined(s, hits[a - 1], hits[a]):
            a -= 1
        else:
            break
        group.insert(0, hits[a])
    while b + 1 < len(hits) and len(group) < _MAX_JOINED:
        if _joined(s, hits[b], hits[b + 1]):
            b += 1
        elif (after := _members_after(s, hits, b)) is not None or (after := _members_listed_after(s, hits, b)) is not None:
            b = after
        else:
            break
        group.append(hits[b])
    return list({h.code: h for h in group}.values())


# "other GCC countries (including Bahrain, Kuwait, Qatar and Oman), and EU countries": a name, the
# members it lists in brackets, and the list going on after the bracket
_MEMBERS = compiled(
    r"\s*(?:(?:countries|states|nations|members)\s*)?\((?:including|such\s+as|namely|notably|like|e\.g\.|i\.e\.)\s[^()]{0,200}\)", re.IGNORECASE
)
_MEMBERS_REACH = 240


def _members_after(s: _Sentence, hits: list[Hit], b: int) -> int | None:
    """The index of the next name of the list after ``hits[b]`` and the members it lists in brackets, if any."""
    bracket = _MEMBERS.match(s.text, hits[b].end - s.start)
    if bracket is None:
        return None
    j = bisect.bisect_left(hits, bracket.end() + s.start, key=_START)
    if j < len(hits) and _JOINED.fullmatch(s.text, bracket.end(), hits[j].start - s.start):
        return j
    return None


def _members_before(s: _Sentence, hits: list[Hit], a: int) -> int | None:
    """The index of the name before ``hits[a]`` whose members stand in brackets between the two, if any."""
    close = s.text.rfind(")", max(0, hits[a].start - s.start - _MEMBERS_REACH), hits[a].start - s.start)
    if close == -1:
        return None
    opening = s.text.rfind("(", max(0, close - _MEMBERS_REACH), close)
    if opening == -1:
        return None
    i = bisect.bisect_right(hits, opening + s.start, key=_END) - 1
    if i < 0 or i >= a:
        return None
    bracket = _MEMBERS.match(s.text, hits[i].end - s.start)
    if bracket is None or bracket.end() != close + 1 or not _JOINED.fullmatch(s.text, close + 1, hits[a].start - s.start):
        return None
    return i



# "GCC countries including Kuwait, Bahrain, Qatar and Oman, and the EU": a bloc and members of it, unbracketed
_MEMBERS_OPEN = compiled(
    r"[ \t]*+(?:(?:countries|states|nations|members)[ \t]*+)?,?[ \t]*+(?:including|such[ \t]++as|namely|notably|like)[ \t]++(?:the[ \t]++)?",
    re.IGNORECASE,
)


def _bloc_members(code: str) -> tuple[str, ...]:
    entity = registry().entities.get(code)
    return entity.members if entity is not None else ()


def _members_listed_after(s: _Sentence, hits: list[Hit], b: int) -> int | None:
    """The index of the next name of the list after the bloc ``hits[b]`` and the members of it that follow
    it unbracketed ("GCC countries including Kuwait and Oman, and the EU" -> the EU), if any."""
    members = _bloc_members(hits[b].code)
    if not members or b + 1 >= len(hits) or not _MEMBERS_OPEN.fullmatch(s.text, hits[b].end - s.start, hits[b + 1].start - s.start):
        return None
    j = b + 1
    while j < len(hits) and j - b <= _MAX_JOINED and hits[j].code in members:
        if j + 1 < len(hits) and _joined(s, hits[j], hits[j + 1]):
            j += 1
        else:
            return None
    return j if j > b + 1 and j < len(hits) and hits[j].code not in members else None


def _members_listed_before(s: _Sentence, hits: list[Hit], a: int) -> int | None:
    """The index of the bloc whose members stand unbracketed between it and ``hits[a]`` ("GCC countries
    including Kuwait and Oman, and the EU": from the EU, the GCC), if any. Looks back at most ``_MAX_JOINED`` names."""
    j = a - 1
    if j < 1 or not _joined(s, hits[j], hits[a]):
        return None
    while j >= 1 and a - j <= _MAX_JOINED:
        bloc = hits[j - 1]
        if _MEMBERS_OPEN.fullmatch(s.text, bloc.end - s.start, hits[j].start - s.start):
            members = _bloc_members(bloc.code)
            return j - 1 if members and all(h.code in members for h in hits[j:a]) else None
        if not _joined(s, hits[j - 1], hits[j]):
            return None
        j -= 1
    return None


def _joined(s: _Sentence, first: Hit, second: Hit) -> bool:
    """Two names next to each other in one list, or one name and its acronym in brackets; not a name and
    the one an aside after it owns ("the IFC, the World Bank's private arm": see :func:`_aside_owner`)."""
    a, b = first.end - s.start, second.start - s.start
    if first.code == second.code and _ACRONYM_AFTER.fullmatch(s.text, a, b):
        return True
    return bool(_JOINED.fullmatch(s.text, a, b)) and not _aside_owner(s, first, second)


_OWNED_AMOUNT_GAP = 3  # "Qatar's $450 billion fund": the amount right after the owner's "'s "
# the body such an amount sizes: "Qatar's $450 billion sovereign wealth fund" (not "China's $2 billion rollover")
_BODY_AFTER_AMOUNT = compiled(
    r"[ \t]++(?:[a-z-]++[ \t]++){0,3}?(?:funds?|arm|agency|bank|company|firm|corporation|authority|institution|lender|subsidiary|unit|investor)\b"
)
_ASIDE_GAP = compiled(r"\)?[ \t]*+,[ \t]*+(?:the[ \t]++)?")
_OWNER_AFTER = compiled(r"['’]s?[ \t]")  # "the World Bank's", "the lenders' ": a possessive


def _aside_owner(s: _Sentence, first: Hit, second: Hit) -> bool:
    """Whether ``second`` owns an aside describing ``first``: "the International Finance Corporation
    (IFC), the World Bank's private investment arm", "the QIA, Qatar's sovereign fund"."""
    return bool(_ASIDE_GAP.fullmatch(s.text, first.end - s.start, second.start - s.start) and _OWNER_AFTER.match(s.text, second.end - s.start))


_AMOUNTS_JOINED = compiled(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


# "..., as well as $3bn": an amount added to the one before it; the words between the two (at most
# ``_ADDED_REACH``) end with the joining words
_AS_WELL_AS = compiled(r"(?:as[ \t]++well[ \t]++as|plus|along[ \t]++with)[ \t]++(?:(?:about|around|some|another|an?[ \t]++(?:additional|further|extra))[ \t]++)?$", re.IGNORECASE)
_ADDED_REACH = 80


# "Exports to Uzbekistan declined by 18.17pc to $63.65m, while imports surged 177.6pc to $79.23m": the
# second clause's trade is with the same country (it is not named again)
_OTHER_WAY = compiled(r"\b(?:while|whereas|and|but)[ \t]++(?:(?:its|the|Pakistan['’]s|their)[ \t]++)?(?:imports?|exports?|shipments)\b", re.IGNORECASE)
_OTHER_WAY_REACH = 120
_TRADE_PARTNER_METRICS = frozenset({"exports", "imports", "bilateral_trade"})
_NOT_LENT = frozenset({"trade_deficit", "remittances", "it_exports", "market_size"})  # flows no state fund lends


def _the_other_way(figures: list[Figure], text: str, offset: int, name_starts: list[int]) -> list[Figure]:
    """Figures of a second clause about the other direction of trade ("..., while imports surged 177.6pc
    to $79.23m from $28.54m") take the country of the clause before: each figure of that clause, when it
    names none, is a trade figure (or a rate), and no words of a national total ("while overall imports")
    nor another country's name stand in its clause. One pass: each looks back a bounded stretch."""
    out = list(figures)
    wide = vocab.pakistan_wide()
    for i in range(1, len(out)):
        f = out[i]
        if f.partner is not None or out[i - 1].quote != f.quote or not (f.metric in _TRADE_PARTNER_METRICS or f.unit == "percent"):
            continue
        b = f.start - offset
        clauses = list(_OTHER_WAY.finditer(text, max(0, b - _OTHER_WAY_REACH), b))
        if not clauses:
            continue
        clause = clauses[-1]  # the nearest: the clause the figure stands in
        # the country is the one of the trade figure before the clause, in the same sentence
        before = next((g for g in reversed(out[max(0, i - _MAX_JOINED) : i]) if g.quote == f.quote and g.end - offset <= clause.start()), None)
        if before is None or before.partner is None or before.metric not in _TRADE_PARTNER_METRICS or before.partner_cue.endswith(ABROAD):
            continue
        if wide.search(text, clause.start(), f.end - offset):
            continue  # "while overall imports fell": the national total
        k = bisect.bisect_left(name_starts, clause.start())
        end = _SENTENCE_STOP.search(text, f.end - offset, f.end - offset + _PARTNER_AFTER)  # the clause goes on to its sentence's end
        if k < len(name_starts) and name_starts[k] < (end.start() if end else f.end - offset + _PARTNER_AFTER):
            continue  # "..., and exports to France by 18.8 percent": the clause names its own
        out[i] = replace(f, partner=before.partner, partners=before.partners, partner_cue=f"{before.partner_cue}{_OTHER_WAY_CUE}")
    return out


_OTHER_WAY_CUE = " (the other way of the same trade)"
_SENTENCE_STOP = compiled(r"[.!?](?=\s)|\n[ \t]*+\n")  # where a sentence (or its paragraph) ends


def _as_well_as(figures: list[Figure], text: str, offset: int) -> list[Figure]:
    """An amount added to the one before it ("some $15bn in investment from the Saudis, as well as $3bn
    in financial assistance") comes from the same counterparty when it names none of its own. One pass."""
    out = list(figures)
    for i in range(1, len(out)):
        f, before = out[i], out[i - 1]
        a, b = before.end - offset, f.start - offset
        if f.partner is None and before.partner is not None and before.quote == f.quote and 0 <= b - a <= _ADDED_REACH and _AS_WELL_AS.search(text, a, b):
            out[i] = replace(f, partner=before.partner, partners=before.partners, partner_cue=f"{before.partner_cue} (the amount it adds to)")
    return out


# the time a second list is for: "... were sent during the FY 17", "... in 2022", "... last year"
_ANOTHER_TIME = compiled(r"\b(?:during|in|last|previous|FY[ \t]?\d|(?:19|20)\d\d\b)", re.IGNORECASE)
_ANOTHER_TIME_REACH = 40


def _respectively(figures: list[Figure], text: str, offset: int) -> list[Figure]:
    """Amounts of one list beside names of a list as long ("remittances from the GCC and the UK
    reached $1.97 billion and $2.02 billion, respectively") go one to each name, in order. One pass."""
    out = list(figures)
    last = None  # the quote, unit and figures of the last list given one name each
    i = 0
    while i < len(out):
        j = i + 1
        while (
            j < len(out)
            and out[j].quote == out[i].quote
            and out[j].unit == out[i].unit
            and out[j].partners == out[i].partners
            and _AMOUNTS_JOINED.fullmatch(text, out[j - 1].end - offset, out[j].start - offset)
        ):
            j += 1
        names = out[i].partners
        if j - i >= 2 and len(names) == j - i:
            cue = out[i].partner_cue.split(" and ")
            for k in range(i, j):
                code = names[k - i]
                alias = cue[k - i] if len(cue) == len(names) else code
                out[k] = replace(out[k], partner=code, partners=(code,), partner_cue=f"{alias} (one amount to each name, in order)")
            last = (out[i].quote, out[i].unit, [out[k] for k in range(i, j)])
        elif (j - i >= 2 and not names and last is not None and last[0] == out[i].quote and last[1] == out[i].unit
              and len(last[2]) == j - i and all(out[k].metric == last[2][k - i].metric for k in range(i, j))
              and _ANOTHER_TIME.search(text, out[j - 1].end - offset, out[j - 1].end - offset + _ANOTHER_TIME_REACH)):
            # "... sent 1948.00 and 2030.62 million US$ during FY18 while 1738.84 and 1658.34 million US$ were sent during
            # FY17": a second list as long, of the same metric, for another time, is of the same names in the same order
            for k in range(i, j):
                before = last[2][k - i]
                out[k] = replace(out[k], partner=before.partner, partners=before.partners, partner_cue=before.partner_cue)
            last = None
        i = j
    return out


# --------------------------------------------------------------------------- figures
@dataclass(frozen=True)
class Figure:
    """One figure of a story, with provenance: ``text[start:end] == raw``; ``mentions`` are its other
    places in the text (a repeated headline, an equivalent in brackets) as ``(start, end, raw)``."""

    value: float
    value_high: float | None
    currency: str | None
    unit: str
    metric: str | None
    kind: str
    kind_cue: str
    year: int | None
    horizon_years: int | None
    partner: str | None
    partner_cue: str
    raw: str
    quote: str
    start: int
    end: int
    mentions: tuple[tuple[int, int, str], ...] = ()
    partners: tuple[str, ...] = ()  # every counterparty of a combined amount; ``partner`` is the first

    def as_dict(self) -> dict:
        """The fields of ``FIGURE_FIELDS`` by name, in that order, then ``mentions`` as dicts (read from the
        instance's own dict: a frozen dataclass keeps its fields there)."""
        out = dict(zip(FIGURE_FIELDS, _FIGURE_VALUES(self.__dict__), strict=True))
        out["mentions"] = [{"start": a, "end": b, "raw": r} for a, b, r in self.mentions]
        return out


def extract_figures(
    text: str,
    hits: list[Hit] | None = None,
    offset: int = 0,
    published: date | None = None,
    counterparty: Hit | None = None,
    spans: list[tuple[int, int]] | None = None,
) -> list[Figure]:
    """Every money amount and percentage that is a figure of ``text``.

    ``offset`` is added to positions (a story's place in its file); ``hits`` are the
    partner names found in the same text (positions in the file, for each figure's partner);
    ``published`` resolves relative years ("last year"); ``counterparty`` is the one partner the
    story is about, if it has one (see :func:`_story_counterparty`); ``spans`` are the text's
    sentences when the caller has them already.
    ``"China has $2.7 trillion in imports."`` -> one actual imports figure of 2.7e12 USD (CHN).

    Linear in the text: cues, years and clause breaks are found once for the whole text, and each
    figure looks only at those near it, found by bisection.
    """
    amounts = find_amounts(text)
    if not amounts:
        return []
    spans = sentence_spans(text) if spans is None else spans
    starts = [s for s, _ in spans]

    def span_of(amount: Amount) -> tuple[int, tuple[int, int]]:
        """The index of the amount's sentence and its span; -1 and a window around it outside every sentence."""
        i = bisect.bisect_right(starts, amount.start) - 1
        if i >= 0 and spans[i][0] <= amount.start < spans[i][1]:
            return i, spans[i]
        return -1, _trim(text, max(0, amount.start - 200), min(len(text), amount.end + 200))

    places = [span_of(a) for a in amounts]
    # a figure looks at the cues of its own sentence, and for its metric at those of the sentence before
    near, before = bytearray(len(text)), bytearray(len(text))
    for i, (a, b) in dict.fromkeys(places):  # each sentence once: linear however many figures it holds
        if b - a <= _LONG_SENTENCE:
            near[a:b] = before[a:b] = b"\x01" * (b - a)
        if i > 0:
            before[spans[i - 1][0] : spans[i - 1][1]] = b"\x01" * (spans[i - 1][1] - spans[i - 1][0])
    for amount, (_, (a, b)) in zip(amounts, places, strict=True):
        if b - a > _LONG_SENTENCE:  # a very long sentence: only the stretch each figure's cues can come from
            lo, hi = max(a, amount.start - _CUE_REACH_BEFORE), min(b, amount.end + _WINDOW_AFTER + 1)
            near[lo:hi] = before[lo:hi] = b"\x01" * (hi - lo)
    story = _Story(text, (near, before))
    # Partner names in text positions; Pakistan and towns never name a figure's partner.
    named = sorted(
        (h.moved(-offset) for h in hits or [] if h.code != "PAK" and h.via == "name" and not h.passing),
        key=lambda h: h.start,
    )
    named_starts = [h.start for h in named]
    # countries named in passing, by where they end: "just ahead of India at 641 percent" is India's own figure
    compared = {h.end - offset: h.moved(-offset) for h in hits or [] if h.passing and h.via == "name" and h.code != "PAK"}
    sentences: dict[tuple[int, int], _Sentence] = {}

    def sentence_of(place: tuple[int, tuple[int, int]]) -> tuple[int, _Sentence]:
        i, span = place
        if span not in sentences:
            a = bisect.bisect_left(named_starts, span[0])
            b = bisect.bisect_left(named_starts, span[1])
            sentences[span] = _Sentence(text[span[0] : span[1]], span[0], span[1], story, named[a:b])
        return i, sentences[span]

    previous_metrics: dict[int, object | None] = {}

    def previous_metric(i: int) -> object | None:
        """The last metric named in the sentence before ``i`` when both are in one paragraph (found once per sentence)."""
        if i not in previous_metrics:
            previous_metrics[i] = _previous_metric(i)
        return previous_metrics[i]

    def _previous_metric(i: int) -> object | None:
        if i <= 0 or _PARAGRAPH_BREAK.search(text, spans[i - 1][1], spans[i][0]):
            return None
        p_start, p_end = spans[i - 1]
        lo = bisect.bisect_left(story.metric.starts, p_start)
        hi = bisect.bisect_left(story.metric.starts, p_end)
        return _last_metric([m for m in story.metric[max(lo, hi - 8) : hi] if m[1] <= p_end])

    figures = []
    hits_of: dict[int, list[Hit]] = {}  # a figure's start -> the names that gave its partner
    national_metrics = vocab.national_metrics()
    sentence_names: dict[int, frozenset[str]] = {}  # a figure's start -> the partners its sentence names
    sentence_hits: dict[int, list[Hit]] = {}  # a figure's start -> the names of its sentence (Pakistan left out)
    last_amount: tuple[_Sentence | None, int | None] = (None, None)  # the last amount's sentence and end
    for amount, place in zip(amounts, places, strict=True):
        i, s = sentence_of(place)
        previous_end = last_amount[1] if last_amount[0] is s else None
        last_amount = (s, amount.end)
        sentence_names[amount.start + offset] = s.names()
        sentence_hits[amount.start + offset] = s.hits
        if s.not_figure(amount.unit):
            continue
        kind, kind_cue = classify_kind(s, amount, text)
        horizon = s.horizon() if kind == "target" else None
        metric = classify_metric(s, amount, previous_metric(i) if i >= 0 else None)
        # a national total named in its own sentence: its metric ("budget", "reserves"), else ""
        national = metric if metric in national_metrics and classify_metric(s, amount) == metric else ""
        cost = _PROJECT_COST.search(text, max(0, amount.start - _PROJECT_COST_REACH), amount.start) or _whole_project(s, amount)
        own = None
        if cost:  # "the programme's total cost is $134.2 million, with the bank contributing ...": the whole project's
            partners = []
        else:
            if compared and (at := _OWN_AT.search(text, max(s.start, amount.start - _OWN_AT_REACH), amount.start)):
                own = compared.get(at.start())  # "compared with India at 12 percent": India's own, whoever else is named
                own = own if own is not None and _is_country(own) else None
            if own is not None:
                partners = [own]
            else:
                partners = _receiver(s, amount) or ([] if _national_noun(s.text, amount.end - s.start) else nearest_partner(s, amount, previous_end, national=national))
        hits_of[amount.start + offset] = partners
        figures.append(
            build(
                Figure,
                value=amount.value,
                value_high=amount.high,
                currency=_currency_of_sign(s, amount, text),
                unit=amount.unit,
                metric=metric,
                kind=kind,
                kind_cue=kind_cue,
                year=s.year(amount, published, kind == "target"),
                horizon_years=horizon,
                partner=partners[0].code if partners else None,
                partner_cue=(f"{own.alias}: {ABROAD}" if own is not None and partners else " and ".join([h.alias for h in partners]))
                if partners else (PROJECT_COST if cost else ""),
                raw=text[amount.start : amount.end],
                quote=s.quote(amount.start, amount.end),
                start=amount.start + offset,
                end=amount.end + offset,
                mentions=(),
                partners=tuple([h.code for h in partners]) if partners else (),
            )
        )
    figures = _abroad(_as_well_as(_respectively(figures, text, offset), text, offset), hits_of, text, offset, sentence_hits)
    figures = _merge_mentions(_the_other_way(_their_own(figures, hits_of, text, offset, sentence_hits, counterparty), text, offset, named_starts), text, offset)
    figures = _country_s_own_lender(figures, hits_of, text, named)
    figures = _story_counterparty(_budget_year(_fill_topic(_budget_kind(figures))), counterparty, [sentence_names[f.start] for f in figures])
    figures = _third_country_s_own(figures, counterparty, sentence_hits, text, offset)
    figures = _more_of_the_same(_whole_of_named_parts(_of_the_loan(_part_of_the_whole(figures, text, offset), text, offset), text, offset), text, offset)
    figures = _instrument_s_body(figures, named)  # (after the loan named before: "The swap is sized at ..." is the swap's)
    figures = _on_behalf_of(figures, named, text)
    figures = _parts_summing_to_a_whole(_the_named_members(_share_of_the_amount(figures, text, offset), named))
    return _parts_take_the_whole_s_kind(figures, text, offset)


_WHOLES_BACK = 4  # how many money figures with a partner before a sentence may be the whole its parts sum to


def _parts_summing_to_a_whole(figures: list[Figure]) -> list[Figure]:
    """The amounts of one sentence that add up to an amount named before ("The World Bank approved $700
    million. Specifically, $600 million will go to federal programmes, while the remaining $100 million ...")
    are that amount's parts: those naming no partner take its partner. Each sentence's sum is compared with
    the last few money figures with a partner, in the same currency: one pass."""
    out = list(figures)
    wholes: list[Figure] = []  # the last money figures with a partner, before the sentence being read
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j + 1].quote == out[i].quote:
            j += 1
        money = [k for k in range(i, j + 1) if out[k].unit == "money"]
        currencies = {out[k].currency for k in money}
        if len(money) >= 2 and len(currencies) == 1 and any(out[k].partner is None for k in money):
            total = sum(out[k].value for k in money)
            whole = next((w for w in reversed(wholes) if w.currency in currencies and abs(w.value - total) <= 0.005 * w.value), None)
            if whole is not None:
                for k in money:
                    if out[k].partner is None and out[k].partner_cue != PROJECT_COST:  # a whole project's cost stays Pakistan-wide
                        out[k] = replace(out[k], partner=whole.partner, partners=whole.partners, partner_cue=f"{whole.partner_cue} (a part of {whole.raw})")
        wholes = (wholes + [out[k] for k in money if out[k].partner is not None and not out[k].partner_cue.endswith(ABROAD)])[-_WHOLES_BACK:]
        i = j + 1
    return out


# a bloc's members named by their number or "both": "the two Gulf nations", "both of the Gulf states", "two key Gulf states"
_COUNTED_MEMBERS = compiled(
    r"\b(?:(?:the[ \t]++)?(?:two|three|both(?:[ \t]++of[ \t]++the)?)[ \t]++(?:(?:key|major|wealthy|oil-rich|brotherly|friendly|main)[ \t]++)?)"
    r"(?P<region>Gulf)[ \t]++(?:states|nations|countries|allies|neighbou?rs|kingdoms|monarchies|lenders|donors)\b",
    re.IGNORECASE,
)
_COUNTED_REGION = {"gulf": "GCC"}  # the region word -> the bloc whose members the phrase counts


def _the_named_members(figures: list[Figure], named: list[Hit]) -> list[Figure]:
    """A figure whose sentence counts a bloc's members ("Monthly remittances from two key Gulf states can each
    reach $1bn", "both of the Gulf nations are set to provide $12 billion") and names no partner, or the bloc, is
    the members the story names itself (Saudi Arabia and the UAE), when it names as many as it counts or more than one.
    One search per figure's quote, within it."""
    entities = registry().entities
    out = list(figures)
    members_named: dict[str, list[str]] = {}
    for i, f in enumerate(out):
        if f.partner is not None and not _is_bloc(f.partner):
            continue
        m = _COUNTED_MEMBERS.search(f.quote) if "ulf" in f.quote else None
        if m is None:
            continue
        bloc = _COUNTED_REGION[m.group("region").lower()]
        if bloc not in members_named:
            members = set(entities[bloc].members) if bloc in entities else set()
            members_named[bloc] = list(dict.fromkeys(h.code for h in named if h.code in members))
        codes = members_named[bloc]
        if len(codes) >= 2 and (f.partner is None or f.partner == bloc):
            out[i] = replace(f, partner=codes[0], partners=tuple(codes), partner_cue=f"{m.group(0)} ({', '.join(codes)})")
    return out


# what joins an amount to the share of a whole it is: "owed $4.1 billion to China, representing roughly nine percent of"
_REPRESENTING = compiled(
    r",?[ \t]*+(?:representing|accounting[ \t]++for|amounting[ \t]++to|equal[ \t]++to|making[ \t]++up|constituting|or)[ \t]++"
    r"(?:(?:about|around|roughly|nearly|some|over|almost|approximately|more[ \t]++than|less[ \t]++than)[ \t]++)?$",
    re.IGNORECASE,
)
_REPRESENTING_REACH = 60


def _share_of_the_amount(figures: list[Figure], text: str, offset: int) -> list[Figure]:
    """A percentage naming no partner that says what share the money figure just before it is ("Pakistan
    owed $4.1 billion to China, representing roughly nine percent of its external debt") is that figure's
    counterparty's: the words between are the amount's own clause and a word of sharing. One pass."""
    out = list(figures)
    for i in range(1, len(out)):
        f, before = out[i], out[i - 1]
        if f.unit != "percent" or f.partner is not None or before.unit != "money" or before.partner is None or before.quote != f.quote:
            continue
        a, b = before.end - offset, f.start - offset
        if 0 <= b - a <= _REPRESENTING_REACH and _REPRESENTING.search(text, a, b):
            out[i] = replace(f, partner=before.partner, partners=before.partners, partner_cue=f"{before.partner_cue} (the share {before.raw} is)")
    return out


# A country named in a comparison with its own figure right after it: "just ahead of India at 641 percent",
# "Bangladesh with 20%" (the name ends where this starts)
_OWN_AT = compiled(r"[ \t]++(?:at|with)[ \t]++(?:(?:about|around|nearly|over|some|just|only)[ \t]++)?$|[ \t]*+\($", re.IGNORECASE)  # "... behind Brazil (48%)" too
_OWN_AT_REACH = 24


def _is_country(hit: Hit) -> bool:
    return _is_country_code(registry().entities, hit.code)


# What a whole project costs, whoever pays its parts: "the programme's total cost is $134.2 million",
# "a total estimated cost of $14.8 billion", "the plant will cost in excess of $2 billion"
_PROJECT_COST = compiled(
    r"\b(?:total[ \t]++(?:estimated[ \t]++)?(?:project[ \t]++)?cost(?:[ \t]++of[ \t]++the[ \t]++(?:project|programme|program|scheme|plant))?"
    r"(?:[ \t]++(?:is|was|of|at|stands[ \t]++at|stood[ \t]++at|(?:is[ \t]++|was[ \t]++)?estimated[ \t]++(?:at|to[ \t]++be)))?"
    r"|(?:(?:will|would)|(?:is|was|are|were)[ \t]++(?:estimated|expected|projected)[ \t]++to)[ \t]++cost"  # ("The first phase is estimated to cost $5.6bn")
    r"(?:[ \t]++(?:in[ \t]++excess[ \t]++of|about|around|some|over|nearly|more[ \t]++than))?)[ \t]++$",
    re.IGNORECASE,
)
_PROJECT_COST_REACH = 80
PROJECT_COST = "a whole project's cost"
# "several banks are also financing the $159 million project": the size of the whole project named after the
# amount, its parts paid by several (one funder's "China will finance the $2 billion project" stays China's;
# a name inside it owns it: "the $300 million World Bank project"; "the $159 million project loan" is a loan)
_FUNDING_THE = compiled(r"\b(?:for|financ\w*+|co-?financ\w*+|fund\w*+)[ \t]++the[ \t]++$", re.IGNORECASE)
_PROJECT_AFTER = compiled(
    r"\s++(?:(?!(?:for|to|from|of|in|on|by|with|and|or|loans?|grants?|credit|deposits?|investments?|bailout|standby|reform|relief|aid|lending|support)\b)"
    r"[\w'’-]++\s++){0,5}?(?:project|plant)s?\b(?![ \t]*+[-–]?[ \t]*+(?:loans?|agreements?|financing|facility|grants?|credit|support|aid)\b)",
    re.IGNORECASE,
)
_SEVERAL_PAY = compiled(r"\b(?:co-?financ\w*+|also[ \t]++(?:financ|fund)\w*+|jointly|together)\b", re.IGNORECASE)


def _whole_project(s: _Sentence, amount: Amount) -> bool:
    """Whether the amount is the size of a whole project that several pay for: "for"/"financing the" before it,
    a project's noun ending the phrase after it within five words with no partner's name in between, and
    several funders in its sentence (two names, or "co-financed", "also financing")."""
    a = amount.start - s.start
    if not _FUNDING_THE.search(s.text, max(0, a - 24), a):
        return False
    m = _PROJECT_AFTER.match(s.text, amount.end - s.start)
    if m is None:
        return False
    i = bisect.bisect_left(s.hits, amount.end, key=_START)
    if i < len(s.hits) and s.hits[i].start < m.end() + s.start:
        return False
    return s.several_pay()


_BRACKET_OPEN = compiled(
    # ("$0.54 USD (PKR 150)": the amount's code said again before the bracket)
    r"(?:[ \t]++(?-i:[A-Z]{3})\b)?[ \t]*\([ \t]*(?:(?:about|around|approximately|approx\.|roughly|nearly|some|over|almost|or|i\.e\.|equivalent[ \t]+to|equal[ \t]+to)[ \t]+)?",
    re.IGNORECASE,
)
_BRACKET_CLOSE = compiled(r"[ \t]*\)")


def _currency_of_sign(s: _Sentence, amount: Amount, text: str) -> str | None:
    """The amount's currency, or the one its bare sign stands for where its sentence says so (``vocab.symbol_contexts``):
    "Japan's JICA will provide a grant of ¥1.2 billion" -> JPY, where "¥" alone is the yuan."""
    if amount.unit != "money" or amount.start >= len(text):
        return amount.currency
    contexts = vocab.symbol_contexts()
    sign = text[amount.start]
    if sign not in contexts or (amount.start and text[amount.start - 1].isalpha()):
        return amount.currency  # (not "CN¥" nor "JP¥": a sign with its country's letters is that country's)
    return s.sign_currency(sign) or amount.currency


def _title_end(text: str) -> int:
    """Where the headline ends: its line (below any date lines and mastheads: see ``articles.headline_start``)
    when it reads as one (short, no full stop), with a second such line under it, right below or past a blank
    line (a subtitle: "Pak-Afghan Trade Drops 53% After Border Shutdown"; a standfirst); else 0."""
    start = headline_start(text)
    end = _headline_line(text, start)
    if end is None or end >= len(text):
        return 0
    below = _BLANK_LINES.match(text, end + 1).end()  # (a standfirst may stand a blank line below the headline)
    second = _headline_line(text, below)
    return second if second is not None and second < len(text) else end


_BLANK_LINES = compiled(r"(?:[ \t]*+\n){0,2}+")


def _headline_line(text: str, start: int) -> int | None:
    """The end of the line at ``start`` when it reads as a headline (short, no full stop), else None."""
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    line = text[start:end].strip()
    return end if line and len(line) <= 200 and not line.endswith(".") else None


def _same_partner(a: Figure, b: Figure) -> bool:
    """Two mentions can be one figure unless each names a different counterparty
    ("Bank of China (3 billion RMB), and ICBC (3 billion RMB)" are two loans); a state fund and its
    country are one ("Qatar's state-owned fund would invest $3 billion ... the Qatar Investment
    Authority's aspiration to invest $3 billion"); a mention that words of a national total make
    Pakistan's own is not one with a counterparty's ("floods inflicted $30 billion in damages" and
    "China has loaned the country $30 billion" are two)."""
    if a.partner == b.partner:
        return True
    if a.partner is None or b.partner is None:
        return not _wide_near(vocab.pakistan_wide(), a if a.partner is None else b)
    entities = registry().entities
    return getattr(entities.get(a.partner), "country", None) == b.partner or getattr(entities.get(b.partner), "country", None) == a.partner


def _fund_of(code: str | None, country: str | None) -> bool:
    """``code`` is a body of the country ``country`` in the registry (the Saudi Fund for Development of Saudi Arabia)."""
    e = registry().entities.get(code) if code and country else None
    return e is not None and e.type != "country" and e.country == country


# "a $1 billion oil facility for Pakistan, equivalent to around Rs290 billion": the same amount in another
# currency, a few words (no digits) and a comma after it, or right after it
_EQUIVALENT = compiled(
    r"(?:(?:[ \t]++[A-Za-z'’-]++){1,6}[ \t]*+,|[ \t]*+,?)[ \t]*+(?:which[ \t]+is[ \t]+)?(?:equivalent|equal)[ \t]+to[ \t]+"
    r"(?:(?:about|around|approximately|roughly|some|nearly)[ \t]+)?"
    # "20 billion yuan (USD 3.1 billion) or 351 billion Pakistani rupees": the same sum in a third currency
    r"|\)?[ \t]*+,?[ \t]*+or[ \t]++(?:(?:about|around|approximately|roughly|some|nearly)[ \t]++)?",
    re.IGNORECASE,
)


_ADJECTIVE_AFTER = compiled(r"[ \t]+(?:[a-z]|[A-Z]{2,}\b)")  # "Japanese ODA loans", "Saudi oil": the name describes a noun


def _through(hit: Hit, hits: list[Hit], starts: list[int], text: str) -> str | None:
    """The body a country acts through, named right after it: "the United States, through USAID"."""
    k = bisect.bisect_right(starts, hit.end)
    if k < len(hits) and THROUGH.fullmatch(text, hit.end, hits[k].start):
        return hits[k].code
    return None


def _country_s_own_lender(figures: list[Figure], hits_of: dict[int, list[Hit]], text: str, hits: list[Hit]) -> list[Figure]:
    """A figure a country's adjective gives ("Japanese ODA loans of 19.7 billion yen") is the story's
    lender of that country when the story names one state fund or agency of it (``hits``: "JICA
    signed the loan agreement"): the adjective says whose money it is, the story says which body
    lends it. A country's own name or initials ("the UAE deposited") stay the country's. One pass."""
    entities = registry().entities
    lenders: dict[str, set[str]] = {}
    for code in {*(f.partner for f in figures if f.partner), *(h.code for h in hits if h.via == "name" and not h.passing)}:
        e = entities.get(code)
        # (not a body that deals only in one instrument: a central bank's is the swap, see ``_instrument_s_body``)
        if e is not None and e.type == "organisation" and e.country and not _instruments_of(e):
            lenders.setdefault(e.country, set()).add(code)  # a state's fund or agency, not a company
    if not lenders:
        return figures
    starts = [h.start for h in hits]
    out = []
    for f in figures:
        found = hits_of.get(f.start, [])
        # "Kuwaiti exports": the country's trade, not its fund's; "Japanese foreign direct investment", "Japanese automakers
        # would commit $1 billion in new investment": the country's firms, not its aid agency
        trade = f.metric in _TRADE_PARTNER_METRICS or f.metric in _NOT_LENT or f.metric == "investment"
        own = lenders.get(f.partner, set()) if len(found) == 1 and found[0].code == f.partner and not trade else set()
        channel = _through(found[0], hits, starts, text) if own else None
        if channel in own:  # "the Government of Germany, through KfW, will provide a grant": the agency gives it
            f = replace(f, partner=channel, partners=(channel,), partner_cue=f"{f.partner_cue} through {entities[channel].name}")
        elif len(own) == 1:
            hit = found[0]
            adjective = (
                hit.alias != entities[hit.code].name
                and not hit.alias.isupper()
                and hit.alias not in registry().stands_for  # "Beijing prematurely refinanced": the state itself
                and _ADJECTIVE_AFTER.match(text, hit.end)
            )
            if adjective:
                (code,) = own
                f = replace(f, partner=code, partners=(code,), partner_cue=f"{f.partner_cue} ({entities[code].name}, the story's lender of that country)")
        out.append(f)
    return out


_INSTRUMENT_REACH = 60  # how near the amount the words of its instrument stand


def _instruments_of(entity: Entity) -> list[int]:
    """The rows of ``data/instrument_bodies.csv`` whose body ``entity`` is, by its name: a central bank deals in swaps."""
    return [k for k, (_, body) in enumerate(vocab.instrument_bodies()) if body.search(entity.name)]


def _instrument_s_body(figures: list[Figure], hits: list[Hit]) -> list[Figure]:
    """A country's figure in an instrument only one of its bodies deals in (a currency swap: its central
    bank, ``data/instrument_bodies.csv``) is that body's when the story names exactly one such body of
    that country: "a 30 billion yuan swap line with China" in a story naming the People's Bank of China
    is the bank's. One pass over the figures, one over the story's names."""
    rules = vocab.instrument_bodies()
    entities = registry().entities
    bodies: dict[tuple[int, str], set[str]] = {}
    for code in {*(f.partner for f in figures if f.partner), *(h.code for h in hits)}:
        e = entities.get(code)
        if e is not None and e.type == "organisation" and e.country:
            for k in _instruments_of(e):
                bodies.setdefault((k, e.country), set()).add(code)
    if not bodies:
        return figures
    out = []
    for f in figures:
        # (not trade: "trade settled in yuan under the swap" is still the country's trade)
        if f.partner is not None and len(f.partners) <= 1 and f.metric not in _TRADE_PARTNER_METRICS and _is_country_code(entities, f.partner):
            at = f.quote.find(f.raw)
            for k, (instrument, _) in enumerate(rules):
                own = bodies.get((k, f.partner), set())
                if len(own) == 1 and at != -1 and instrument.search(f.quote, max(0, at - _INSTRUMENT_REACH), at + len(f.raw) + _INSTRUMENT_REACH):
                    (code,) = own
                    f = replace(f, partner=code, partners=(code,), partner_cue=f"{f.partner_cue} ({entities[code].name}, whose instrument it is)")
                    break
        out.append(f)
    return out


_ON_BEHALF = compiled(r"\bon[ \t]++behalf[ \t]++of\b", re.IGNORECASE)
_BEHALF_REACH = 60  # how far before "on behalf of" the body's name may end, and after it the country's start


def _on_behalf_of(figures: list[Figure], named: list[Hit], text: str) -> list[Figure]:
    """A country's financing in a story where one of its state bodies acts for it ("the Saudi Fund for
    Development (SFD), on behalf of the Kingdom of Saudi Arabia, has rolled over the deposit") is that
    body's: "Saudi Arabia has agreed to extend the $3 billion deposit" -> the SFD (which counts for Saudi
    Arabia too). One pass over the places of "on behalf of", one over the figures."""
    acting: dict[str, set[str]] = {}  # country -> its bodies acting for it
    places = _ON_BEHALF.finditer(text) if "behalf" in text or "BEHALF" in text else ()  # (plain looks first: most texts have none)
    entities, starts = (registry().entities, [h.start for h in named]) if places else (None, None)
    for m in places:
        i = bisect.bisect_left(starts, m.start())
        body = next((h for h in reversed(named[max(0, i - 3) : i]) if m.start() - h.end <= _BEHALF_REACH
                     and getattr(entities.get(h.code), "type", None) == "organisation"), None)
        if body is None:
            continue
        j = bisect.bisect_left(starts, m.end())
        country = next((h for h in named[j : j + 2] if h.start - m.end() <= _BEHALF_REACH and h.code == entities[body.code].country), None)
        if country is not None:
            acting.setdefault(country.code, set()).add(body.code)
    if not acting:
        return figures
    out = []
    for f in figures:
        bodies = acting.get(f.partner) if f.metric == "financing" and len(f.partners) <= 1 else None
        if bodies is not None and len(bodies) == 1:
            (code,) = bodies
            f = replace(f, partner=code, partners=(code,), partner_cue=f"{f.partner_cue} ({entities[code].name}, acting on its behalf)")
        out.append(f)
    return out


ABROAD = "another country's own deal"  # the end of a partner cue: the figure is not Pakistan's (see _abroad)
_ABROAD_METRICS = frozenset({"financing", "investment", "budget", "other", None})  # None: no metric named yet
_FOR_COUNTRY = compiled(r"\b(?:in|for)[ \t]+(?:(?:the|a|an)[ \t]+)?$", re.IGNORECASE)  # "a $216m loan for a project in Indonesia"
# "For Uzbekistan, it got a $100 million loan", "In Kosovo, a $40 million loan was approved": the sentence is about that country
_FOR_COUNTRY_FIRST = compiled(r"(?:^|[.!?][ \t]++|\n[ \t]*+)(?:In|For)[ \t]++(?:the[ \t]++)?$")
# "Afghanistan will receive US$316.5mn", "Afghanistan will take up US$354mn": the country is the borrower
_RECEIVES = compiled(
    r"[ \t]++(?:(?:will|would|is[ \t]++to|has|had|also)[ \t]++)*+(?:take[ \t]++up|receive[sd]?|get|gets|got|obtain(?:s|ed)?)[ \t]++"
    r"(?:(?:about|around|over|some|nearly|up[ \t]++to)[ \t]++)?",
    re.IGNORECASE,
)


_NEXT_ITEM = compiled(r"[ \t]*+(?:(?:and|&)[ \t]++Pakistan[ \t]*+)?")  # "..., Tajikistan US$314mn, and Kyrgyzstan and Pakistan US$209mn each"


_BLANKS_AFTER = compiled(r"[ \t]*+")
# at most one word (an adjective, not a preposition) between an amount and the noun it qualifies
_NOUN_GAP = compiled(r"[ \t]++(?:(?!(?:to|of|in|for|from|on|at|by|with|into|and|or)\b)[a-z-]++[ \t]++)?")


_OF_GDP = compiled(
    r"[ \t]*+of[ \t]++(?:(?:the[ \t]++)?country['’]s[ \t]++|Pakistan['’]s[ \t]++|its[ \t]++|(?:the[ \t]++)?national[ \t]++)?"
    r"(?:GDP|gross[ \t]++domestic[ \t]++product)\b",
    re.IGNORECASE,
)


def _national_noun(text: str, at: int) -> bool:
    """The amount ending at ``at`` qualifies a national total's noun right after it ("of its USD $44.4
    billion external debt", "a $130bn total debt"): Pakistan's own, whatever names stand near it.
    The noun is tried where it can start: after the blanks, or after one more word (two matches)."""
    if _OF_GDP.match(text, at):
        return True  # "accounts for 8 % of GDP": a share of the national economy
    gap = _NOUN_GAP.match(text, at)
    if gap is None:
        return False
    wide = vocab.pakistan_wide()
    spaces = _BLANKS_AFTER.match(text, at).end()
    for start in (spaces, gap.end()) if gap.end() != spaces else (spaces,):
        m = wide.match(text, start)
        if m is not None:
            return not m.group(0).endswith(("'s", "’s"))
    return False


def _receiver(s: _Sentence, fig: Amount) -> list[Hit]:
    """A country named right before the figure as the one receiving it ("the Kyrgyz Republic will receive
    US$45mn in IDA grant"): its partner whatever lender the words after name (see :func:`_abroad`)."""
    i = bisect.bisect_right(s.hits, fig.start, key=_END)
    if i == 0:
        return []
    hit = s.hits[i - 1]
    if getattr(registry().entities.get(hit.code), "type", None) != "country":
        return []
    return [hit] if _RECEIVES.fullmatch(s.text, hit.end - s.start, fig.start - s.start) else []


def _abroad(
    figures: list[Figure], hits_of: dict[int, list[Hit]], text: str, offset: int, sentence_hits: dict[int, list[Hit]] | None = None
) -> list[Figure]:
    """Loans and investments of another country, not Pakistan's, keep that country as their partner
    with the cue marked ``ABROAD`` (the story does not count it a partner of Pakistan): the country
    linked after the amount by "in"/"for" ("a $216.5m loan for a project in Indonesia") or named
    before it as the borrower ("Afghanistan will receive US$316.5mn"), and the items of the same
    list after such a figure ("..., Tajikistan US$314mn"); not a country's word describing what the
    money buys ("a facility for Saudi oil"). A lender's loan to another country, in a sentence that does
    not name Pakistan, is that country's ("Tajikistan has also signed a loan agreement with the EIB worth
    €70mn", "The EBRD will loan US$110mn to Barki Tojik, the power utility of Tajikistan"). One pass."""
    entities = registry().entities
    out = list(figures)
    countries_of: dict[int, list[Hit]] = {}  # id of a sentence's names (kept alive by ``sentence_hits``) -> its countries
    for i, f in enumerate(out):
        found = hits_of.get(f.start, [])
        if f.metric not in _ABROAD_METRICS or len(found) != 1:
            continue
        if getattr(entities.get(found[0].code), "type", None) in _LENDER_TYPES:
            names = (sentence_hits or {}).get(f.start, ())
            if id(names) not in countries_of:  # each sentence's countries found once, whatever its figures
                countries_of[id(names)] = [h for h in names if getattr(entities.get(h.code), "type", None) == "country"]
            borrower = _borrower_abroad(f, found[0], names, countries_of[id(names)], text, offset, entities)
            if borrower is not None:
                out[i] = replace(f, partner=borrower.code, partners=(borrower.code,), partner_cue=f"{borrower.alias}: {ABROAD}")
            continue
        if getattr(entities.get(found[0].code), "type", None) != "country":
            continue
        hit, a, b = found[0], f.start - offset, f.end - offset
        if hit.start >= b:
            # "for a Bangladesh project" is Bangladesh's; "a facility for Saudi oil" is not Saudi Arabia's own deal
            adjective = _NOUN_AFTER.match(text, hit.end) is not None and hit.alias != entities[hit.code].name
            abroad = not adjective and _FOR_COUNTRY.search(text, max(b, hit.start - 24), hit.start) is not None
        else:
            gap = text[hit.end : a]
            framed = _FOR_COUNTRY_FIRST.search(text, max(0, hit.start - 12), hit.start) and text.startswith(",", hit.end)
            abroad = framed or _RECEIVES.fullmatch(gap) is not None or (
                i > 0 and out[i - 1].partner_cue.endswith(ABROAD) and out[i - 1].quote == f.quote and _NEXT_ITEM.fullmatch(gap) is not None
            )
        if abroad:
            out[i] = replace(f, partner_cue=f"{f.partner_cue}: {ABROAD}")
    return out


@lru_cache(maxsize=1)
def _receiving_gap() -> re.Pattern[str]:
    """What stands between a country and an amount it takes in itself (``data/receiving_words.csv``): the
    country's name, perhaps an apposition or a noun ("Egyptian startups"), a verb of receiving, raising or
    borrowing, and hedges, with nothing after them but the amount ("India, the world's biggest recipient of
    remittances, received an estimated $129 billion"). The parts are words of distinct lists, so none can
    take another's characters; the gap it is tried on is short (``_OWN_GAP_REACH``)."""
    rows = vocab.read_rows("receiving_words.csv")
    kinds = ("verb", "auxiliary", "hedge")
    for i, row in enumerate(rows, start=2):
        if row["kind"] not in kinds:
            raise vocab.VocabularyError(f"data/receiving_words.csv row {i}: kind must be verb, auxiliary or hedge, not {row['kind']!r}")
        try:
            compiled(row["pattern"])
        except re.error as exc:
            raise vocab.VocabularyError(f"data/receiving_words.csv row {i}: bad pattern {row['pattern']!r}: {exc}") from None
    verb, aux, hedge = ("|".join(row["pattern"] for row in rows if row["kind"] == kind) for kind in kinds)
    word = rf"(?:{verb}|{aux}|{hedge})\b"
    return compiled(
        rf"(?:['’]s)?+(?:,[^,\n]{{1,60}}+,)?+(?:[ \t]++(?!{word})[a-z-]++)?+(?:[ \t]++(?:{aux})\b)*+"
        rf"[ \t]++(?:{verb})\b(?:[ \t]++(?:{hedge})\b)*+[ \t]*+",
        re.IGNORECASE,
    )


_OWN_GAP_REACH = 120  # characters between a country and its own amount (an apposition included)
_ASIDE = compiled(r",[^,\n]{1,60}+,")  # an aside right after a name: ", which competes with Pakistan for jobs,"
_WHOSE_AFTER = compiled(r",[ \t]*+(?:whose|which)\b")  # "Chile, whose copper exports exceeded $50 billion", "Vietnam, which exports $60 billion": its own
# a clause that opens with its subject: the sentence's start, or after "while", "whereas", "but"
# (a short opening phrase may come first: "Across the border, Bangladesh received $2.6 billion", "For context, ")
_CLAUSE_OPENS = compiled(
    r"(?:\A[ \t\"“]*+(?:[A-Z][\w'’ -]{0,30}+,[ \t]*+)?(?:The[ \t]++)?|(?:,[ \t]*+|[ \t]++)(?:while|whereas|but)[ \t]++(?:the[ \t]++)?)\Z"
)
_WITH_BEFORE = compiled(r"\bwith[ \t]++(?:the[ \t]++)?\Z")  # "Saudi trade with India", "a deal it struck with Egypt"


def _their_own(
    figures: list[Figure], hits_of: dict[int, list[Hit]], text: str, offset: int, sentence_hits: dict[int, list[Hit]], counterparty: Hit | None = None
) -> list[Figure]:
    """Figures of another country's own, in a sentence that names no Pakistan, keep that country as their
    partner with the cue marked ``ABROAD`` (a mention of the story, not a partner): an amount the country
    takes in itself, right after its name opens a clause ("Egypt raised 3.5 billion yuan", "..., while India,
    the agency's largest borrower, signed for more than 500 billion yen"); and an amount between two other
    countries, the one opening the sentence and the one "with" which it deals ("Saudi trade with India
    crossed SR160 billion", "The UAE's biggest deal ... it struck with Egypt"). Each test reads the figure's
    quote (capped) and a short gap, once a figure."""
    entities = registry().entities
    out = list(figures)
    for i, f in enumerate(out):
        found = hits_of.get(f.start, [])
        if len(found) != 1 or f.partner_cue.endswith(ABROAD) or f.partner != found[0].code or f.partner == "PAK":
            continue
        hit, a = found[0], f.start - offset
        if getattr(entities.get(hit.code), "type", None) != "country" or (counterparty is not None and hit.code == counterparty.code):
            continue  # (the story's own counterparty: "Chinese firms received $4 billion" in a China story is China's with Pakistan)
        quote = f.quote
        if 0 <= a - hit.end <= _OWN_GAP_REACH and (aside := _ASIDE.match(text, hit.end, a)) is not None:
            # Pakistan named only in an aside about the country is not its counterparty: "Bangladesh, which
            # competes with Pakistan for jobs in the Gulf, received $2.9 billion"
            quote = quote.replace(text[aside.start() : aside.end()], ", ", 1)
        if _PAKISTAN_NAMED.search(quote) or PAKISTAN_REFERENCE.search(quote):
            continue  # (Pakistan is in the sentence: its counterparty, as read)
        at = f.quote.find(hit.alias)
        if at == -1:
            continue
        opens = _CLAUSE_OPENS.search(f.quote, max(0, at - 16), at) is not None or _CLAUSE_OPENS.fullmatch(f.quote, 0, at) is not None
        takes_in = opens and 0 <= a - hit.end <= _OWN_GAP_REACH and _receiving_gap().fullmatch(text, hit.end, a) is not None
        between = False
        if not takes_in and _WITH_BEFORE.search(text, max(0, hit.start - 16), hit.start):
            first = next(iter(sentence_hits.get(f.start, ())), None)
            between = (
                first is not None and first.code not in (hit.code, "PAK") and first.start < hit.start
                and getattr(entities.get(first.code), "type", None) == "country"
                and (k := f.quote.find(first.alias)) != -1 and _CLAUSE_OPENS.fullmatch(f.quote, 0, k) is not None
                # the first country owns the deal: its possessive or its people's word ("The UAE's biggest deal",
                # "Saudi trade with India"), not a subject speaking of it ("The United States criticised the deal with China")
                and (_POSSESSIVE.match(text, first.end) is not None
                     or (first.alias != entities[first.code].name and not first.alias.isupper() and _NOUN_AFTER.match(text, first.end) is not None))
            )
        if takes_in or between:
            out[i] = replace(f, partner_cue=f"{f.partner_cue}: {ABROAD}")
    return out


# a clause opening with its subject, as a comparison may open it: "By comparison, India's trade with the UAE",
# "Elsewhere, Egypt, another of the Fund's borrowers,", "Regional peer Sri Lanka held", "..., while Bangladesh's exports"
_OWNER_OPENS = compiled(
    r"(?:\A[ \t\"“]*+(?:(?:(?:By|In)[ \t]++(?:comparison|contrast)|Elsewhere|Meanwhile|Similarly|Likewise|[A-Z][\w'’ -]{0,30}+)[ \t]*+,[ \t]*+)?"
    r"|(?:,[ \t]*+|[ \t]++)(?:while|whereas|but)[ \t]++|,[ \t]*+and[ \t]++|;[ \t]*+|[ \t]that[ \t]++)"
    r"(?:(?i:regional[ \t]++peer|neighbou?ring|rival|fellow)[ \t]++)?(?:(?i:the)[ \t]++)?\Z"
)
@lru_cache(maxsize=1)
def _saying() -> re.Pattern[str]:
    """Verbs of saying or of a stance (``data/saying_words.csv``): after a country's name, what follows is what it
    says or thinks of a deal, not its own deal."""
    rows = vocab.read_rows("saying_words.csv")
    for i, row in enumerate(rows, start=2):
        if not re.fullmatch(r"[a-z]+", row["word"] or ""):
            raise vocab.VocabularyError(f"data/saying_words.csv row {i}: a word of lower-case letters is needed, not {row['word']!r}")
    return compiled(r"\b(?:" + "|".join(row["word"] for row in rows) + r")\b")


_CLAUSE_BREAK = compiled(r";|,[ \t]*+(?:while|whereas|but|and[ \t]++(?:the|its|total|overall))\b|\b(?:while|whereas)\b")


def _third_country_s_own(figures: list[Figure], counterparty: Hit | None, sentence_hits: dict[int, list[Hit]], text: str, offset: int) -> list[Figure]:
    """A figure of the story's counterparty, or of no one, in a clause that opens with a third country and
    names no Pakistan, is that country's own (a mention of the story, ``ABROAD``): "Vietnam shipped goods
    worth $60 billion to China" and "By comparison, India's trade with the UAE crossed $100 billion" in a
    story of Pakistan's trade with China or the UAE; "Elsewhere, Egypt, another of the Fund's borrowers,
    secured approval for a $1.2 billion disbursement" in an IMF story; "Regional peer Sri Lanka held
    reserves of $6.1bn". Only names of the counterparty may stand between that country and the figure,
    and no clause break (";", ", while"). Each figure reads its quote (capped) and the names of its sentence
    before it, once."""
    entities = registry().entities
    own = counterparty.code if counterparty is not None else None
    out = list(figures)
    for i, f in enumerate(out):
        if f.partner_cue.endswith(ABROAD):
            continue
        if len(f.partners) > 1:
            other = _between_the_counterparty_and(f, own, entities)
            if other is not None:  # "non-oil trade between the UAE and India surpassed $60 billion" in a UAE story: India's
                out[i] = replace(f, partner=other, partners=(other,), partner_cue=f"{entities[other].name}: {ABROAD}")
            continue
        if f.partner is not None and f.partner != own and not _WHOSE_AFTER.search(f.quote) and "'s" not in f.quote and "’s" not in f.quote:
            continue  # (a third country's own partner is its own when a "whose" clause or its possessive says so: see below)
        # Pakistan named in the figure's clause, up to the figure's end and on to the next comma: the counterparty's, as read
        qa = f.quote.find(f.raw)
        clause_end = _CLAUSE_END.search(f.quote, qa + len(f.raw)) if qa != -1 else None
        clause = f.quote[: clause_end.start()] if clause_end else f.quote
        if _PAKISTAN_NAMED.search(clause) or PAKISTAN_REFERENCE.search(clause):
            continue
        names = sentence_hits.get(f.start, ())
        a = f.start - offset
        j = bisect.bisect_right(names, a, key=_END)
        while j > 0 and names[j - 1].code == own and a - names[j - 1].end <= _OWN_GAP_REACH:
            j -= 1  # ("India's trade with the UAE": the counterparty's name between; only within the reach, so bounded)
        if j == 0:
            continue
        hit = names[j - 1]
        traded_with = False  # "the UAE's non-oil trade with India crossed $80 billion" in a UAE story: India's
        if (j >= 2 and _WITH_BEFORE.search(text, max(0, hit.start - 16), hit.start) and names[j - 2].code not in ("PAK", hit.code)
                and _POSSESSIVE.match(text, names[j - 2].end) is not None and a - names[j - 2].end <= _OWN_GAP_REACH):
            if names[j - 2].code == own:
                traded_with = True
            else:
                hit = names[j - 2]  # "By comparison, India's trade with Saudi Arabia topped $42bn": the owner, not the one it deals with
        if hit.code in (own, "PAK") or getattr(entities.get(hit.code), "type", None) != "country" or a - hit.end > _OWN_GAP_REACH:
            continue
        if own is not None and getattr(entities.get(own), "country", None) == hit.code:
            continue  # "The United States, through USAID, is providing $20 million": the country acting through its body
        if _CLAUSE_BREAK.search(text, hit.end, a) or _saying().search(text, hit.end, a):
            continue  # ("India, meanwhile, says the $62 billion CPEC ...": what India says, not India's deal)
        at = f.quote.find(hit.alias)
        whose = _WHOSE_AFTER.match(text, hit.end) is not None  # "Chile, whose copper exports exceeded $50 billion"
        # "India's IT services exports are estimated at $190 billion": the country's possessive opens the clause
        owned = whose or traded_with or _POSSESSIVE.match(text, hit.end) is not None or text.startswith(("' ", "’ "), hit.end)  # ("the Philippines' IT-BPM industry")
        if f.partner is not None and f.partner != own and not (owned and f.partner == hit.code):
            continue
        if at == -1 or not (whose or traded_with or _OWNER_OPENS.search(f.quote, max(0, at - 40), at) or _OWNER_OPENS.fullmatch(f.quote, 0, at)):
            continue
        out[i] = replace(f, partner=hit.code, partners=(hit.code,), partner_cue=f"{hit.alias}: {ABROAD}")
    return out


_BETWEEN = compiled(r"\bbetween\b", re.IGNORECASE)


def _between_the_counterparty_and(f: Figure, own: str | None, entities: dict) -> str | None:
    """The third country of an amount "between" the story's counterparty and it, in a clause that names no
    Pakistan ("trade between the UAE and India surpassed $60 billion"), else None."""
    if own is None or len(f.partners) != 2 or own not in f.partners:
        return None
    (other,) = [p for p in f.partners if p != own]
    if other == "PAK" or getattr(entities.get(other), "type", None) != "country":
        return None
    at = f.quote.find(f.raw)
    clause = f.quote[: at if at != -1 else len(f.quote)]
    if _PAKISTAN_NAMED.search(clause) or PAKISTAN_REFERENCE.search(clause) or not _BETWEEN.search(clause):
        return None
    return other


_LENDER_TYPES = frozenset({"organisation", "company"})
# "US$110mn to Barki Tojik, ...", "$1.5 billion in financing to support the Government of Bangladesh's efforts"
_TO_BORROWER = compiled(r"[ \t]++(?:in[ \t]++\w++[ \t]++)?to[ \t]++(?:(?:support|help|assist)[ \t]++)?(?:the[ \t]++)?")
_BORROWER_REACH = 80
_PAKISTAN_NAMED = compiled(r"\bPakistan|\bIslamabad\b")


def _borrower_abroad(f: Figure, lender: Hit, names, in_sentence: list[Hit], text: str, offset: int, entities: dict) -> Hit | None:
    """The other country a lender's amount goes to, when its sentence names no Pakistan and one country
    besides the lender's own (``in_sentence``: the sentence's countries): the sentence's subject before the
    lender ("Tajikistan has also signed a loan agreement with the EIB worth €70mn"), or named after "to"
    within a short reach ("The EBRD will loan US$110mn to Barki Tojik, the power utility of Tajikistan"); else None."""
    own = getattr(entities.get(lender.code), "country", None)
    countries = [h for h in in_sentence[:3] if h.code != own]  # more than two countries besides the lender's own: no one borrower
    if (not countries or any(h.code != countries[0].code for h in countries) or len(in_sentence) > 3
            or _PAKISTAN_NAMED.search(f.quote) or PAKISTAN_REFERENCE.search(f.quote)):
        return None  # "the country", "the government": Pakistan, not named
    country, a, b = countries[0], f.start - offset, f.end - offset
    if country is names[0] and country.end <= lender.start and country.end <= a and _OPENS_WITH.fullmatch(f.quote, 0, max(0, f.quote.find(country.alias))):
        return country  # the sentence opens with the borrower
    to = _TO_BORROWER.match(text, b)
    if to and country.start >= b and country.start - b <= _BORROWER_REACH and text[to.end() : to.end() + 1].isupper():
        return country  # "... to Barki Tojik, the national power utility of Tajikistan": a name after "to"
    return None


_OPENS_WITH = compiled(r"[ \t\"“]*+(?:The[ \t]++)?")


# "Out of the $3 billion", "the total $40 billion": an amount named before, said again
_BACK_REFERENCE = compiled(r"\b(?:the|this|that)[ \t]++(?:(?:total|entire|whole|same|said|overall)[ \t]++)?$", re.IGNORECASE)
# "a second $1 billion was paid", "another $1 billion": an amount of the same size that is not the one before
_ANOTHER = compiled(
    r"\b(?:first|second|third|fourth|fifth|last|another|remaining|next|other)[ \t]++"
    r"(?:(?:instal(?:l)?ment|tranche|tranch|loan|deposit)[ \t]++of[ \t]++)?(?:(?:about|around|some|nearly|over)[ \t]++)?$",
    re.IGNORECASE,
)


def _said_again(first: Figure, f: Figure) -> bool:
    """Whether ``f`` (same amount and metric as ``first``) says ``first`` again: the same counterparty;
    when the words around them read it differently ("approved $700 million" ... "will provide $700
    million"), the very same counterparty, named, and the same year (a "$30bn" owed to China is not the
    "$30bn" of flood damage; a CNY 20bn limit set in 2018 is not the CNY 20bn to be used in 2020; two
    amounts with no counterparty in other words are two)."""
    if f.kind == first.kind:
        return _same_partner(first, f)
    return f.partner is not None and f.partner == first.partner and f.year == first.year


def _merge_mentions(figures: list[Figure], text: str, offset: int) -> list[Figure]:
    """One figure, several mentions: an equivalent in brackets ("AED 36.7bn ($10bn)"), a headline
    repeated in the body, and the same amount said again for the same thing (same value, currency,
    metric and counterparty: see :func:`_said_again`) become one figure whose other places are its ``mentions``. The first mention
    keeps the figure's place; a headline's figure takes the reading of its first mention in the body
    (the headline gives few words of context). One pass with a dict of keys, then one build per figure."""
    groups: list[list[Figure]] = []  # the first is the figure, the rest its other mentions
    adopt: list[Figure | None] = []  # the mention whose reading the figure takes, if not its first
    title_end = _title_end(text) + offset
    by_key: dict[tuple, int] = {}
    by_amount: dict[tuple, int] = {}  # an amount -> the group it was first named in
    headline: dict[tuple, int] = {}
    last, last_group = None, -1  # the mention before this one and the group it went to
    for f in figures:
        if last is not None and (
            last.unit == f.unit == "money"
            and last.currency != f.currency
            and (
                (_BRACKET_OPEN.fullmatch(text, last.end - offset, f.start - offset) and _BRACKET_CLOSE.match(text, f.end - offset))
                or _EQUIVALENT.fullmatch(text, last.end - offset, f.start - offset)
            )
        ):
            groups[last_group].append(f)
            last = f
            continue
        last = f
        amount = (f.value, f.value_high, f.currency, f.unit)
        key = (*amount, f.metric)
        if f.start < title_end and amount in headline:  # a headline that says its amount twice
            last_group = headline[amount]
            groups[last_group].append(f)
            continue
        if f.start >= title_end and amount in headline:
            last_group = i = headline.pop(amount)
            groups[i].append(f)
            adopt[i] = f
            by_key.setdefault(key, i)
            continue
        before = text[max(0, f.start - offset - 24) : f.start - offset] if amount in by_amount else ""
        if before and _BACK_REFERENCE.search(before) and not _ANOTHER.search(before):
            last_group = by_amount[amount]  # "Out of the $3 billion, ...": the amount named before
            groups[last_group].append(f)
            continue
        if key in by_key and _said_again(groups[by_key[key]][0], f) and not _ANOTHER.search(before):
            last_group = by_key[key]
            groups[last_group].append(f)
            continue
        # an amount said again where no metric is named yet ("a 7.6 billion dollar (5.9 billion euro) emergency
        # package" under "IMF approves 7.6 billion dollar loan"), by the same counterparty, named: the first's
        named_first = groups[by_amount[amount]][0] if before else None
        if (f.metric is None and named_first is not None and f.partner is not None and f.partner == named_first.partner
                and _said_again(named_first, f) and not _ANOTHER.search(before)):
            last_group = by_amount[amount]
            groups[last_group].append(f)
            continue
        by_key[key] = last_group = len(groups)
        by_amount.setdefault(amount, last_group)
        if f.start < title_end:
            headline[amount] = len(groups)
        groups.append([f])
        adopt.append(None)
    out = []
    for group, reading in zip(groups, adopt, strict=True):
        first = group[0]
        if len(group) == 1:
            out.append(first)
            continue
        base = reading or first
        # the body names a counterparty more fully than a headline ("Saudi fund" -> the Saudi Fund for Development)
        with_partner = reading if reading is not None and reading.partner else next((f for f in group if f.partner is not None), first)
        # a country's amount said again as its fund's ("Qatar's state-owned fund would invest $3 billion ... the Qatar
        # Investment Authority's aspiration to invest $3 billion") is the fund's: the fuller name
        with_partner = next((f for f in group if _fund_of(f.partner, with_partner.partner)), with_partner)
        out.append(
            replace(
                base,
                raw=first.raw,
                start=first.start,
                end=first.end,
                partner=with_partner.partner,
                partners=with_partner.partners,
                partner_cue=with_partner.partner_cue,
                mentions=tuple((f.start, f.end, f.raw) for f in group[1:]),
            )
        )
    return out


def _rates_of_flows(figures: list[Figure], counterparty: Hit) -> list[Figure]:
    """A growth rate or share beside a flow of the story's counterparty, in one sentence, is that
    counterparty's too ("exports to China rose 17.8% to $382m"). Only the figures next to each
    other are compared: one pass."""
    out = list(figures)
    for i, f in enumerate(out):
        if f.unit != "percent" or f.partner is not None:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(out) and out[j].unit == "money" and out[j].quote == f.quote and out[j].partner == counterparty.code:
                out[i] = replace(f, partner=counterparty.code, partners=(counterparty.code,), partner_cue=out[j].partner_cue)
                break
    return out


_CLAUSE_END = compiled(r"[,;:(]|\s[–—-]\s")
_WIDE_AFTER = 40  # "$2bn in total remittances": a national total's words follow an amount closely


def _wide_near(wide: re.Pattern[str], f: Figure, first: Figure | None = None, previous: Figure | None = None) -> bool:
    """Words of a national total stand before the figure in its sentence, or just after it in its own
    clause: "Pakistan's exports were $2bn", "$2bn in total remittances"; not "$2.4bn in loans
    maturing next month, a move aimed at keeping Pakistan's reserves up". When other amounts stand
    before it in the sentence (the ``first`` of them and the ``previous`` one), the words count
    before the first (the sentence's preamble) or in the figure's own clause: in "The agreements
    include USD 300 million to strengthen Pakistan's energy sector, USD 385 million for cities" the
    second is not Pakistan's."""
    at = f.quote.find(f.raw)
    if at == -1:
        return wide.search(f.quote) is not None
    end = at + len(f.raw)
    stop = _CLAUSE_END.search(f.quote, end, end + _WIDE_AFTER)
    if wide.search(f.quote, end, stop.start() if stop else min(len(f.quote), end + _WIDE_AFTER)) is not None:
        return True
    lead = f.quote.find(first.raw) if first is not None and first.quote == f.quote else -1
    before = f.quote.find(previous.raw, max(lead, 0)) if previous is not None and previous.quote == f.quote else -1
    if lead == -1 or before == -1 or before >= at:
        return wide.search(f.quote, 0, at) is not None
    clause = before + len(previous.raw)
    for boundary in _CLAUSE_END.finditer(f.quote, clause, at):
        clause = boundary.end()
    return wide.search(f.quote, 0, lead) is not None or wide.search(f.quote, clause, at) is not None


# "Out of the $659 million, $300 million will be used ...": the part of a whole said again just before it
_WHOLE_BEFORE = compiled(r"\b(?:out[ \t]++of|of|from)[ \t]++the[ \t]++(?:(?:total|entire|whole)[ \t]++)?$", re.IGNORECASE)
_PART_AFTER = compiled(r"[ \t]*+,?[ \t]*+")


def _part_of_the_whole(figures: list[Figure], text: str, offset: int) -> list[Figure]:
    """A part of an amount named again just before it ("Out of the total $40 billion, $20 billion would
    be provided through IDA") is the whole's counterparty's. One pass with a dict of mention ends."""
    whole_at: dict[int, Figure] = {}  # where a mention of a figure with a partner ends -> that figure
    for f in figures:
        if f.partner is not None:
            for start, end, _raw in ((f.start, f.end, f.raw), *f.mentions):
                if _WHOLE_BEFORE.search(text, max(0, start - offset - 24), start - offset):
                    whole_at[end] = f
    if not whole_at:
        return figures
    out = []
    for f in figures:
        if f.partner is None:
            a = f.start - offset
            for end in range(f.start - 3, f.start + 1):  # the whole ends right before the part: a few places to look up
                whole = whole_at.get(end)
                if whole is not None and _PART_AFTER.fullmatch(text, end - offset, a):
                    f = replace(f, partner=whole.partner, partners=whole.partners, partner_cue=f"{whole.partner_cue} (a part of {whole.raw})")
                    break
        out.append(f)
    return out


# "The first USD 1 billion of the loan was repaid": the loan named before, whose lender it is
_THE_LOAN = compiled(r"\b(?:of|from|under)[ \t]++the[ \t]++(?:same[ \t]++)?(?:loan|deposit|facility|package|bailout|credit)\b", re.IGNORECASE)
_LOAN_REACH = 40


# "The package included around USD 3.4 billion ...", "The grants include US$230 million", "the oil facility,
# which translates to roughly $100 million a month": a part of a whole named before, listed by the whole
_LISTED_BY = compiled(
    r"\b(?:include[sd]?|including|comprises?|comprising|entails?|consists?[ \t]++of|translates?[ \t]++to|is[ \t]++made[ \t]++up[ \t]++of)\b", re.IGNORECASE
)
_LISTED_REACH = 60
_WHOLE_WORD = compiled(
    r"\b(?:package|agreement|facility|grant|deal|programme|program|loan|assistance|support|accord|arrangement)s?\b", re.IGNORECASE
)


def _listed_by_a_whole(f: Figure, text: str, offset: int) -> bool:
    """Whether the words before ``f`` (in the story ``text``; ``f`` in file positions) list it as a part
    of a whole: "The package included USD 3.4 billion" -> True."""
    at = f.start - offset
    lo = max(0, at - 2 * _LISTED_REACH)
    lo = max(lo, text.rfind(". ", lo, at) + 1, text.rfind("\n", lo, at) + 1)  # the figure's own sentence
    verbs = list(_LISTED_BY.finditer(text, max(lo, at - _LISTED_REACH), at))
    if not verbs:
        return False
    verb = verbs[-1]  # the nearest
    return _WHOLE_WORD.search(text, max(lo, verb.start() - _LISTED_REACH), verb.start()) is not None


def _parts_take_the_whole_s_kind(figures: list[Figure], text: str, offset: int) -> list[Figure]:
    """A part that a whole lists, with no words of its own for its kind ("The package included USD 3.4 billion
    of oil on deferred payment"), is what the whole is: a pledged package's parts are pledged. The whole is
    the last larger amount before it whose kind its words decided. One pass."""
    out: list[Figure] = []
    wholes: list[Figure] = []  # the figures whose kind their words decided, in order
    for f in figures:
        if not f.kind_cue and f.unit == "money" and f.kind == "actual" and wholes and _listed_by_a_whole(f, text, offset):
            whole = next((w for w in reversed(wholes) if w.currency == f.currency and w.value > f.value), None)
            if whole is not None and whole.kind != "actual":
                f = replace(f, kind=whole.kind, kind_cue=f"{whole.kind_cue} (a part of {whole.raw})")
        if f.kind_cue and f.unit == "money":
            wholes.append(f)
            if len(wholes) > _MAX_WHOLES:
                del wholes[0]
        out.append(f)
    return out


_MAX_WHOLES = 8  # the wholes looked back over: a part names a whole of the last few amounts


# "a $2.1 billion (RMB 15 billion) syndicated loan—comprising RMB 9 billion from China Development Bank,
# RMB 3 billion from Bank of China and RMB 3 billion from ICBC": a whole followed by its parts' lenders
_PARTS_FOLLOW = compiled(r"\b(?:comprising|comprises|comprised[ \t]++of|including|includes|consisting[ \t]++of|made[ \t]++up[ \t]++of|split[ \t]++into|of[ \t]++which)\b", re.IGNORECASE)
_PARTS_REACH = 60
_PARTS_WITH = compiled(r"\bwith\b", re.IGNORECASE)
_PARTS_SUM_SLACK = 0.01  # parts rounded in the text still add up to the whole within 1%


def _whole_of_named_parts(figures: list[Figure], text: str, offset: int) -> list[Figure]:
    """A whole with no counterparty of its own, followed in its sentence by parts that each name one
    ("... syndicated loan, comprising RMB 9 billion from CDB, RMB 3 billion from Bank of China ..."),
    is theirs together. One pass; each whole looks at the parts right after it, at most ``_MAX_JOINED``."""
    out = list(figures)
    for i, f in enumerate(figures):
        if f.partner is not None or f.unit != "money" or i + 1 >= len(figures):
            continue
        first = figures[i + 1]
        if first.quote != f.quote or first.partner is None or first.start - f.end > _PARTS_REACH + 40:
            continue
        between = text[f.end - offset : first.start - offset]
        listed = _PARTS_FOLLOW.search(between) is not None
        # "US$12 billion in bilateral debt, with US$3 billion owed to the UAE, US$4 billion to China and US$5 billion
        # to Saudi Arabia": after "with", parts that add up to the whole
        if not listed and not _PARTS_WITH.search(between):
            continue
        codes: list[str] = []
        total, added_up = 0.0, False
        for g in figures[i + 1 : i + 1 + _MAX_JOINED]:
            if g.quote != f.quote or g.partner is None or g.currency != first.currency:
                break
            codes.extend(c for c in (g.partners or (g.partner,)) if c not in codes)
            total += g.value
            if not listed and abs(total - f.value) <= _PARTS_SUM_SLACK * f.value:
                added_up = True  # the parts so far make the whole: the amounts after them are others
                break
        # (not a national total broken down: "Pakistan's total remittances reached $3 billion, with Saudi Arabia at ...")
        if not listed and (not added_up or first.currency != f.currency or _wide_near(vocab.pakistan_wide_whole(), f)):
            continue
        if len(codes) >= 2:
            out[i] = replace(f, partner=codes[0], partners=tuple(codes), partner_cue="the lenders of its parts")
    return out


# "Of the total, $2 billion is due in December": a part of the amount named just before; "Another USD 1
# billion is due in January", "the remaining $1 billion": more of the same, from the same counterparty
_OF_THE_TOTAL = compiled(
    # ("of the total $17.5 billion" without the comma is the whole itself, not a part of the amount before)
    r"(?:\b(?:of|out[ \t]++of)[ \t]++(?:the[ \t]++total[ \t]*+,|this[ \t]*+,?|that[ \t]*+,?|these[ \t]*+,?|which[ \t]*+,?|it[ \t]*+,?)[ \t]*+"
    # "Of this amount, $2 billion will mature in December": a part of the amount named just before in the text
    r"|(?P<amount>\b(?:of|out[ \t]++of)[ \t]++(?:this|that|these|the)[ \t]++(?:amount|sum|money|deposits?|funds?|package|loan|financing)[ \t]*+,[ \t]*+)"
    r"|\b(?:another|the[ \t]++remaining|the[ \t]++other|a[ \t]++further|the[ \t]++rest[ \t]++of[ \t]++the)[ \t]++"
    # "The new allocation adds to the €1.05 million mobilized in September": the earlier amount of the same giver
    r"|(?P<added>\b(?:adds?|added|adding)[ \t]++to[ \t]++(?:the|an[ \t]++earlier|a[ \t]++previous)[ \t]++|\bon[ \t]++top[ \t]++of[ \t]++(?:the[ \t]++)?))"
    r"(?:(?:about|around|some|nearly|over)[ \t]++)?$",
    re.IGNORECASE,
)
_OF_THE_TOTAL_REACH = 40


# what stands between two parts of one list in a clause: "$2 billion is due in December and $3 billion"
_NEXT_PART = compiled(r"(?:[ \t]++[\w-]++){0,5}?,?[ \t]++and[ \t]++(?:another[ \t]++|the[ \t]++remaining[ \t]++)?", re.IGNORECASE)


def _more_of_the_same(figures: list[Figure], text: str, offset: int) -> list[Figure]:
    """A figure with no counterparty that is part of, or more of, the amount just named ("Of the total,
    $2 billion is due in December", "Another USD 1 billion is due in January") takes the counterparty of
    the money figure right before it, in the same metric ("debt repayments of $26 billion, of which $12.3
    billion ..." stays Pakistan-wide with its whole); so does the next part of the same list ("..., $2 billion
    is due in December and $3 billion in June"). One pass."""
    out, last = [], None
    named = None  # (mention ends, figures) of the money amounts, in text order: "of this amount" is the one just before
    for f in figures:
        more = None
        if f.partner is None and f.unit == "money":
            a = f.start - offset
            more = _OF_THE_TOTAL.search(text, max(0, a - _OF_THE_TOTAL_REACH), a)
        if more and more.group("amount"):
            if named is None:
                named = _mention_ends(figures)
            whole = _named_just_before(named, f.start, more.start() + offset)
            if whole is not None and whole.partner is not None and not whole.partner_cue.endswith(ABROAD):
                f = replace(f, partner=whole.partner, partners=whole.partners, partner_cue=f"{whole.partner_cue} (a part of {whole.raw})")
        elif f.partner is None and f.unit == "money" and last is not None and last.partner is not None and not last.partner_cue.endswith(ABROAD):
            # the same metric, unless the words say it is added to that amount ("adds to the €1.05 million")
            if more and (last.metric == f.metric or more.group("added")):
                f = replace(f, partner=last.partner, partners=last.partners, partner_cue=f"{last.partner_cue} (more of {last.raw})")
            elif (last.metric == f.metric and last.partner_cue.endswith(")") and " (more of " in last.partner_cue and last.quote == f.quote
                  and _NEXT_PART.fullmatch(text, last.end - offset, a)):
                f = replace(f, partner=last.partner, partners=last.partners, partner_cue=last.partner_cue)
        if f.unit == "money":
            last = f
        out.append(f)
    return out


_AMOUNT_NAMED_REACH = 400  # "of this amount" looks back this far (file offsets) for the amount it refers to


def _mention_ends(figures: list[Figure]) -> tuple[list[int], list[Figure]]:
    """Every mention of the money figures as (its end, its figure), sorted by end: looked up by bisection."""
    pairs = sorted((end, k) for k, f in enumerate(figures) if f.unit == "money" for _s, end, _r in ((f.start, f.end, f.raw), *f.mentions))
    return [e for e, _ in pairs], [figures[k] for _, k in pairs]


def _named_just_before(named: tuple[list[int], list[Figure]], at: int, cue: int) -> Figure | None:
    """The figure of the money mention that ends last before ``cue`` (where "Of this amount" starts), within
    ``_AMOUNT_NAMED_REACH`` of the part at ``at``; else None."""
    ends, owners = named
    i = bisect.bisect_right(ends, cue) - 1
    return owners[i] if i >= 0 and at - ends[i] <= _AMOUNT_NAMED_REACH else None


def _of_the_loan(figures: list[Figure], text: str, offset: int) -> list[Figure]:
    """A part of "the loan" named before it ("The first USD 1 billion of the loan was repaid"), or a figure
    of a sentence about it ("The original loan had a floating rate of 7.5 percent", "The swap is sized at
    20 billion yuan"), is the loan's lender's: the partner of the last financing figure with one. Amounts
    "from these countries" are those of the last combined amount's countries. One pass."""
    out, lender, group = [], None, None
    wide = vocab.pakistan_wide()
    for f in figures:
        by_group = False
        at = f.quote.find(f.raw) if f.partner is None and (lender is not None or group is not None) else -1
        if at != -1:  # the figure's own sentence (its quote, the reading it was given)
            end = at + len(f.raw)
            if (lender is not None and (_THE_LOAN.search(f.quote, end, end + _LOAN_REACH) or _ABOUT_THE_LOAN.match(f.quote, 0, at))
                    and not wide.search(f.quote, max(0, at - _WIDE_AFTER), at)):  # "the loan will help fund the government's $2.3 billion programme"
                f = replace(f, partner=lender.partner, partners=lender.partners, partner_cue=f"{lender.partner_cue} (the loan named before)")
            elif group is not None and _THESE_COUNTRIES.search(f.quote, max(0, at - _LOAN_REACH * 2), end + _LOAN_REACH):
                f = replace(f, partner=group.partner, partners=group.partners, partner_cue=f"{group.partner_cue} (these countries)")
                by_group = True
        if f.partner is not None and f.metric == "financing":
            lender = f
        if not by_group and (len(f.partners) >= 2 or _is_bloc(f.partner)):
            group = f
        out.append(f)
    return out


# "The original loan had a floating interest rate ...", "The swap is sized at ...": a sentence about the loan named before
_ABOUT_THE_LOAN = compiled(
    r"[ \t\"“]*+(?:The|This|That|Its)[ \t]++(?:(?:original|new|same|earlier|previous|existing|first|second)[ \t]++)?"
    r"(?:loan|swap|facility|deposit|package|credit[ \t]++line|tranche|bailout|financing)\b(?![ \t]++(?:from|of|by|with)\b)"
)
_THESE_COUNTRIES = compiled(r"\b(?:from|to|with|of)[ \t]++(?:these|those|the[ \t]++(?:five|four|three|six|seven))[ \t]++(?:countries|nations|states|republics|economies)\b", re.IGNORECASE)

def _is_bloc(code: str | None) -> bool:
    return code is not None and getattr(registry().entities.get(code), "type", None) == "bloc"


_LENDERS_SHARES = frozenset({"budget", "other"})  # what a lender's money is allocated to, or a figure no metric names


_PAKISTAN_S_SIDE = compiled(r"\b(?:to|from|with|into|of|in)[ \t]++(?:the[ \t]++)?$", re.IGNORECASE)
_TRADE_OWNER = compiled(r"\b([A-Z][\w.]*+)['’]s[ \t]++(?:[a-z]++[ \t]++)?(?:exports?|imports?|trade|shipments)\b")  # "India's exports to"


def _with_the_counterparty_not_pakistan(f: Figure, counterparty: Hit, named: frozenset[str]) -> bool:
    """Whether ``f`` is another country's trade with the story's counterparty: its partner is a country
    other than the counterparty (a country too), its sentence names the counterparty and not Pakistan."""
    if f.partner is None or counterparty.code in (f.partner, *f.partners) or f.metric not in _TRADE_PARTNER_METRICS or f.partner_cue.endswith(ABROAD):
        return False
    if counterparty.code not in named or "Pakistan" in f.quote:
        return False
    # the other country trades itself ("Niger, with 77,140 tons worth ...", "India's exports to Bangladesh"), not
    # Pakistan with it ("exports to Afghanistan fell")
    alias = f.partner_cue.split(" (")[0].split(":")[0].split(" and ")[0]
    at = f.quote.find(alias)
    if at == -1:
        return False
    owner = _TRADE_OWNER.search(f.quote, max(0, at - 40), at)
    if _PAKISTAN_S_SIDE.search(f.quote, max(0, at - 16), at) and not (owner and not owner.group(1).startswith("Pakistan")):
        return False
    entities = registry().entities
    return _is_country_code(entities, f.partner) and _is_country_code(entities, counterparty.code)


def _is_country_code(entities, code: str) -> bool:
    return getattr(entities.get(code), "type", None) == "country"


def _no_name_between(quote: str, a: int, b: int) -> bool:
    """Whether no partner but Pakistan is named in ``quote[a:b]`` (a short stretch of one sentence)."""
    return all(h.code == "PAK" for h in registry().find(quote[a:b]))


_STATES = compiled(r"countries|nations|governments|economies|neighbou?rs", re.IGNORECASE)


def _two_sides(counterparty: Hit, cue: str, metric: str | None = None) -> str:
    """The story's counterparty for a figure "between the two": its country when the words name two states and
    the counterparty is a state's body ("the two countries" in a JICA story -> Japan), else itself."""
    e = registry().entities.get(counterparty.code)
    if e is not None and e.type in ("organisation", "company") and e.country and (_STATES.search(cue) or metric in _TRADE_PARTNER_METRICS):
        return e.country  # ("Bilateral trade reached QR9.4bn" in a QIA story: Qatar's trade; a fund or a firm does not trade for its country)
    return counterparty.code


_TRADE_WORDS = compiled(r"\b(?:export|import|trade[ds]?\b|trading|remittance|shipment|sold|bought)", re.IGNORECASE)
_BREAKDOWN = 2  # other partners with figures of the same metric that make a story a breakdown
_BREAKDOWN_METRICS = frozenset({"exports", "imports", "remittances"})  # metrics with a national whole to break down


def _story_counterparty(figures: list[Figure], counterparty: Hit | None, named_elsewhere: list[frozenset[str]]) -> list[Figure]:
    """Figures of a flow (exports, loans, remittances: ``counterparty=yes`` in data/metrics.csv) whose
    sentence names no partner take the story's one counterparty (see ``partners.story_counterparty``),
    unless words of a national total ("overall", "total", "Pakistan's": data/pakistan_wide_cues.csv)
    keep them Pakistan-wide; those words do not count when the sentence names the counterparty too
    ("Pakistan's exports to China ...; in February they were $280m"). A figure whose sentence says it
    is between the two sides ("bilateral", "the two countries": data/two_sided_cues.csv) takes the
    counterparty whatever its metric."""
    if counterparty is None:
        return figures
    flows = vocab.counterparty_metrics()
    wide = vocab.pakistan_wide()
    two_sided = vocab.two_sided()
    parting = vocab.pakistan_wide_between()
    own_budget = vocab.own_budget()
    # a lender's story: its loan's parts ("$275 million will go to schools", "allocations include $460 million for a road") are its own
    kind_of = getattr(registry().entities.get(counterparty.code), "type", None)
    lender = kind_of == "organisation"
    # a company (an investor, a buyer) is the counterparty of the figures that name it or the two sides: a round
    # "led by Gobi Partners" makes the story Gobi's, not the startup's own payments or the country's startup totals
    named_only = kind_of == "company"
    # a story that gives the same metric for several other partners is a breakdown, not one counterparty's story:
    # its figures that name no partner are the whole's ("remittances from the US rose ...; Saudi Arabia $3.7bn,
    # the UK $2.5bn ...; inflows in March stood at $1.7bn")
    abroad = [_with_the_counterparty_not_pakistan(f, counterparty, others) for f, others in zip(figures, named_elsewhere, strict=True)]
    others_of: dict[object, set[str]] = {}
    for f, theirs in zip(figures, abroad, strict=True):
        if (f.metric in _BREAKDOWN_METRICS and f.partner is not None and f.partner != counterparty.code
                and not f.partner_cue.endswith(ABROAD) and not theirs):
            others_of.setdefault(f.metric, set()).add(f.partner)
    outsized = _outsized_sentences(figures, counterparty.code)
    out = []
    first = None  # the first figure of the sentence
    for i, (f, others) in enumerate(zip(figures, named_elsewhere, strict=True)):
        if f.partner is None and f.quote in outsized and (f.unit == "percent" or id(f) in outsized[f.quote]):
            out.append(f)  # a national total beside the counterparty's much smaller figures, and its rates
            continue
        # (not the counterparty's own figures going on: "... rose to $2.5 billion. The inflows were up from $2.23 billion")
        if f.partner is None and len(others_of.get(f.metric, ())) >= _BREAKDOWN and not others and not (out and out[-1].partner == counterparty.code):
            out.append(f)
            continue
        at = f.quote.find(f.raw)
        if abroad[i]:
            # "Niger, with 77,140 tons worth $116.85 million, was the largest exporter of sesame to China" in a
            # story of Pakistan's exports to China: another supplier's trade with the counterparty
            out.append(replace(f, partner_cue=f"{f.partner_cue}: {ABROAD}"))
            continue
        if f.partner is None and f.partner_cue != PROJECT_COST and at > 0 and (pre := two_sided.search(f.quote, 0, at)) is not None and _no_name_between(f.quote, pre.end(), at):
            # "Trade between the two countries totaled $2.3 billion, a fraction of Japan's trade with Vietnam": the two
            # sides are named before the amount, whatever other countries the sentence goes on to compare (two countries
            # of a lender's story: the lender's country)
            code = _two_sides(counterparty, pre.group(0), f.metric)
            out.append(replace(f, partner=code, partners=(code,), partner_cue=f"the story's counterparty ({counterparty.alias}, {pre.group(0)})"))
            continue
        if f.partner is not None or f.partner_cue == PROJECT_COST or others - {counterparty.code} or (at != -1 and _national_noun(f.quote, at + len(f.raw))):
            out.append(f)
            continue
        # "the two neighbours will liberalise 75 percent of their total tariff lines": between the two, whatever it measures
        between = two_sided.search(f.quote) or _tariff_rate(f, at)
        if not i or figures[i - 1].quote != f.quote:
            first = f
        previous = figures[i - 1] if i else None
        # trade "between the two" is the partner's by its metric: its total is not a national total
        national = f.metric != "bilateral_trade" and _wide_near(wide, f, first, previous)
        # "the ADB said annual losses exceed $2bn": losses are the country's own, even beside the counterparty's name
        # (not the trade with a country: "losses of $45 million in exports ..., disrupting Pakistan's trade with Afghanistan")
        if national and counterparty.alias in f.quote and _wide_near(parting, f, first, previous) and not (
            f.metric in _TRADE_PARTNER_METRICS and _is_country_code(registry().entities, counterparty.code)
        ):
            out.append(f)
            continue
        share = lender and f.metric in _LENDERS_SHARES and not own_budget.search(f.quote)
        # (a lender does not trade: "the mine to earn $2.8bn a year in exports" in an IFC story is Pakistan's)
        traded = (lender and f.metric in _TRADE_PARTNER_METRICS | _NOT_LENT and counterparty.alias not in f.quote
                  and _TRADE_WORDS.search(f.quote) is not None)  # (the sentence's own words, not a metric taken from the story)
        if between or ((f.metric in flows or share) and not traded and (counterparty.alias in f.quote or not (national or named_only))):
            cue = f"the story's counterparty ({counterparty.alias}{', ' + between.group(0) if between else ''})"
            code = _two_sides(counterparty, between.group(0), f.metric) if between else counterparty.code
            f = replace(f, partner=code, partners=(code,), partner_cue=cue)
        out.append(f)
    return _rates_of_flows(out, counterparty)


_OUTSIZED = 10  # times the largest amount the story gives for its counterparty, of the same metric and currency


def _outsized_sentences(figures: list[Figure], code: str) -> dict[str, set[int]]:
    """The sentences holding an amount of a metric with a national whole (exports, imports,
    remittances) that names no partner and is more than ``_OUTSIZED`` times every amount of the
    same metric and currency the story gives for its counterparty ``code`` (not a loan's whole
    facility beside its tranche), with the ids of those amounts: "exports to Saudi Arabia were
    $365 million ...; exports for July-April grew by 13 per cent to $20.9 billion" -> the second
    sentence, with its $20.9 billion: a national total, not the counterparty's. One pass for the
    largest amounts, one for the sentences."""
    largest: dict[tuple[str | None, str | None], float] = {}
    for f in figures:
        if f.partner == code and f.unit == "money" and f.metric in _BREAKDOWN_METRICS:
            key = (f.metric, f.currency)
            largest[key] = max(largest.get(key, 0.0), f.value)
    out: dict[str, set[int]] = {}
    for f in figures:
        most = largest.get((f.metric, f.currency))
        if f.partner is None and f.unit == "money" and most and f.value > _OUTSIZED * most:
            out.setdefault(f.quote, set()).add(id(f))
    return out


_TARIFF_REACH = 60  # how far before a rate its tariff's words may start


def _tariff_rate(f: Figure, at: int) -> re.Match[str] | None:
    """The words of a tariff right beside the figure ``f`` (at ``at`` in its quote): "tariffs of 20% to
    35%", "a 29% duty" (``data/tariff_cues.csv``); not a tariff elsewhere in the sentence."""
    if at == -1 or f.unit != "percent":
        return None  # a rate: "Rs150 billion customs duty" is revenue, not a tariff between the two
    before, after = vocab.tariff_cues()
    return (before.search(f.quote, max(0, at - _TARIFF_REACH), at) if before is not None else None) or (
        after.match(f.quote, at + len(f.raw)) if after is not None else None
    )


def _budget_year(figures: list[Figure]) -> list[Figure]:
    """A budget story's allocations are for one year: when the budget goals that name a year all name
    the same one, the budget goals that name none take it ("Rs13.5 billion in the 2025-26 PSDP ...
    an additional Rs2 billion has been allocated" -> both 2026)."""
    years = {f.year for f in figures if f.kind == "target" and f.metric == "budget" and f.year is not None}
    if len(years) != 1:
        return figures
    (year,) = years
    return [replace(f, year=year) if f.kind == "target" and f.metric == "budget" and f.year is None else f for f in figures]


def _budget_kind(figures: list[Figure]) -> list[Figure]:
    """A budget story's allocations listed without a verb of their own ("Rs993 million has been
    allocated for the ministry, while Rs6.98 billion for SCO, Rs1.5 billion for NITB") are goals
    like the ones around them: a budget figure with no kind cue takes target when the story's
    budget figures with a cue are mostly targets."""
    cued = [f.kind for f in figures if f.metric == "budget" and f.kind_cue]
    if not cued or cued.count("target") * 2 <= len(cued):
        return figures
    return [replace(f, kind="target", kind_cue="the budget's other allocations") if f.metric == "budget" and not f.kind_cue else f
            for f in figures]


def _fill_topic(figures: list[Figure]) -> list[Figure]:
    """Figures whose sentence names no metric take the story's topic: the metric most of its
    other figures have ("Of the total, Rs 12 billion ..." in a budget story is budget)."""
    percent_only = vocab.percent_only_metrics()
    named = [f.metric for f in figures if f.metric is not None and f.metric not in percent_only]
    topic = max(dict.fromkeys(named), key=named.count) if named else "other"  # ties: the first named
    return [f if f.metric is not None else replace(f, metric=topic) for f in figures]


FIGURE_FIELDS = tuple(f.name for f in fields(Figure) if f.name not in ("mentions", "partners"))
_FIGURE_VALUES = itemgetter(*FIGURE_FIELDS)


def replace(obj, /, **changes):
    """``dataclasses.replace`` for the figures here, several times faster: a frozen dataclass with no
    ``__post_init__`` is copied field for field (what ``dataclasses.replace`` does through ``__init__``);
    anything else, or an unknown field, goes to ``dataclasses.replace`` itself."""
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None or not changes.keys() <= names:
        return dataclasses.replace(obj, **changes)
    new = object.__new__(cls)
    state = dict(obj.__dict__)
    state.update(changes)
    new.__dict__.update(state)
    return new


def build(cls, /, **values):
    """``cls(**values)`` for the figures here, several times faster: a frozen dataclass's ``__init__`` sets each
    field through ``object.__setattr__``; given every field (in field order), a :class:`Figure` or
    :class:`Amount` has its ``__dict__`` filled at once. ``build(Amount, value=1.0, currency=None, unit="percent",
    start=0, end=2, high=None)``. Anything else goes to ``cls`` itself."""
    if values.keys() != _FIELD_NAMES.get(cls):
        return cls(**values)
    new = object.__new__(cls)
    new.__dict__.update(values)
    return new


_FIELD_NAMES = {cls: frozenset(f.name for f in fields(cls)) for cls in (Figure, Amount) if not hasattr(cls, "__post_init__")}
