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
import re
from dataclasses import dataclass, fields, replace
from functools import lru_cache

from dashboard import vocab
from dashboard.partners import Hit

# --------------------------------------------------------------------------- number words
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_DIGIT_RE = "one|two|three|four|five|six|seven|eight|nine"
_SMALL = rf"(?:(?:{_TENS_RE})(?:[-\s](?:{_DIGIT_RE})\b)?|(?:{_UNIT_RE}))"
WORD_NUMBER = rf"(?:{_SMALL}(?:\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)?|a\s+hundred|half\s+a|a(?=\s+(?:billion|million|trillion)))"

# One leading [0-9] lets the regex engine skip to digits fast.
# Western (1,234,567) and South Asian (12,34,567) digit grouping.
DIGITS = r"[0-9](?:\d?(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)"
# A decimal comma ("12,5%") is only read before a percent sign or word.
DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?!\d)"
_PERCENT_NUMBER = r"[0-9](?:\d{0,2},\d{1,2}(?![\d,])|\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)"


_WORD_SPLIT = re.compile(r"[-\s]+")
_DECIMAL_COMMA = re.compile(DECIMAL_COMMA)
_LAST_WORD = re.compile(r"([\w.]+)$")


def words_to_number(words: str) -> float:
    """Spelled-out number -> value: ``"forty-two" -> 42``, ``"three hundred and five" -> 305``, ``"half a" -> 0.5``."""
    tokens = _WORD_SPLIT.split(words.lower().strip())
    if tokens[:2] == ["half", "a"]:
        return 0.5
    total, current = 0, 0
    for token in tokens:
        if token in ("and", ""):
            continue
        if token == "a":
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
        if _DECIMAL_COMMA.fullmatch(raw):
            return float(raw.replace(",", "."))
        return float(raw.replace(",", ""))
    return words_to_number(raw)


# --------------------------------------------------------------------------- vocabularies -> regex
@dataclass(frozen=True)
class Grammar:
    patterns: tuple[re.Pattern[str], ...]  # tried on every text
    worded: re.Pattern[str]  # a spelled-out number ending where a ``gate`` word starts
    gate: tuple[str, ...]
    prefix: dict[str, str]
    suffix: dict[str, str]
    scales: dict[str, float]


def _alternation(tokens: list[str]) -> str:
    return "|".join(re.escape(t).replace(r"\ ", r"\s?") for t in sorted(tokens, key=len, reverse=True))


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """Compiled patterns. Each starts with a literal or a digit (no look-behind first) so that
    the regex engine can skip ahead fast; what a look-behind would check is checked in Python."""
    rows = vocab.read_rows("currencies.csv")
    prefix = {r["token"]: r["code"] for r in rows if r["position"] in ("prefix", "both")}
    suffix = {r["token"].lower(): r["code"] for r in rows if r["position"] in ("suffix", "both")}
    scale_rows = vocab.read_rows("scales.csv")
    scales = {r["word"]: float(r["multiplier"]) for r in scale_rows}
    spaced = [r["word"] for r in scale_rows if r["attached_only"] == "0"]
    attached = [r["word"] for r in scale_rows if r["attached_only"] == "1"]
    scale = rf"(?:[\s-]?(?i:{_alternation(spaced)})|(?i:{_alternation(attached)}))(?![\w])"
    number = rf"(?:{DIGITS})"
    prefix_re = f"(?:{_alternation(list(prefix))})"
    suffix_re = rf"(?i:{_alternation(list(suffix))})(?![A-Za-z])"
    percent_word = r"\s?(?:%|(?i:per\s?cent|percent|pct|pc|percentage\s+points?)(?![A-Za-z]))"
    words = rf"(?i:\b{WORD_NUMBER})"
    patterns = (
        # "between $12 and $16 billion", "between 12 and 16 billion dollars", "between 30 and 35 percent": two figures
        re.compile(
            rf"[Bb]etween\s+(?P<pre>{prefix_re})\s?(?P<n1>{number})\s+and\s+(?:{prefix_re})?\s?(?P<n2>{number})(?P<s2>{scale})"
        ),
        re.compile(rf"[Bb]etween\s+(?P<n3>{number})\s+and\s+(?P<n4>{number})(?P<s3>{scale})?\s(?P<post>{suffix_re})"),
        re.compile(rf"[Bb]etween\s+(?P<p1>{_PERCENT_NUMBER})\s+and\s+(?P<p2>{number}){percent_word}"),
        # prefixed: "$2.7 trillion", "Rs12bn", "US $ 6.2 billion", "$12-16 billion", "$12bn-$16bn", "$12 to 16 billion"
        re.compile(
            rf"(?P<pre>{prefix_re})\s?(?P<n1>{number})(?P<s1>{scale})?"
            rf"(?:(?:\s?[-–]\s?|(?(s1)(?!)|\s+to\s+(?=(?:{prefix_re})?\s?[\d.,]+{scale})))(?:{prefix_re})?\s?"
            rf"(?P<n2>{number})(?P<s2>{scale})?)?"
        ),
        # suffixed: "310+ Million USD", "1.5bn dollars", "12-16 billion dollars"
        re.compile(rf"(?P<n3>{number})\+?(?:\s?[-–]\s?(?P<n4>{number}))?(?P<s3>{scale})?\s(?P<post>{suffix_re})"),
        # percentages: "12.5%", "12,5%", "30pc", "25 per cent", "10-12%"
        re.compile(rf"(?P<p1>{_PERCENT_NUMBER})(?:\s?(?:[-–]|to)\s?(?P<p2>{number}))?{percent_word}"),
    )
    # Spelled-out numbers are read backwards from a currency or percent word (rare anchors).
    worded = re.compile(rf"(?P<n3>{words})(?P<s3>{scale})?\s$")
    gate = tuple(sorted({*suffix, "per cent", "percent"}, key=len, reverse=True))
    return Grammar(patterns, worded, gate, prefix, suffix, scales)


# --------------------------------------------------------------------------- raw amounts
@dataclass(frozen=True)
class Amount:
    """A normalised amount found in text: ``Amount(2.7e12, "USD", "money", 120, 133)``."""

    value: float
    currency: str | None
    unit: str  # "money" | "percent"
    start: int
    end: int


def _scale(g: Grammar, raw: str | None) -> float:
    if not raw:
        return 1.0
    word = raw.strip().strip("-").strip()
    return g.scales.get(word, g.scales.get(word.lower(), 1.0))


def _currency(table: dict[str, str], token: str) -> str:
    key = " ".join(token.split())
    return table.get(key) or table.get(key.lower()) or table[key.replace(" ", "").lower() if key.lower() in table else key.replace(" ", "")]


_NOT_BEFORE_PREFIX = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$")
_NOT_BEFORE_NUMBER = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,$/")


def _amounts(m: re.Match[str], g: Grammar, text: str) -> list[Amount]:
    groups = m.groupdict()
    start = min(m.start(name) for name in ("pre", "n1", "n3", "p1") if groups.get(name) is not None)
    before = text[start - 1] if start else " "
    if groups.get("p1") is not None:
        if before in _NOT_BEFORE_NUMBER:
            return []
        values = [parse_number(groups["p1"])] + ([parse_number(groups["p2"])] if groups.get("p2") else [])
        return [Amount(v, None, "percent", start, m.end()) for v in values]
    if groups.get("pre") is not None:
        if before in _NOT_BEFORE_PREFIX:
            return []
        n1, n2, s1, s2 = groups["n1"], groups["n2"], groups.get("s1"), groups["s2"]
        currency = _currency(g.prefix, groups["pre"])
    else:
        if before in _NOT_BEFORE_NUMBER:
            return []
        n1, n2, s2 = groups["n3"], groups.get("n4"), groups["s3"]
        s1 = None if n2 is not None else s2
        currency = _currency(g.suffix, groups["post"])
    amounts = [Amount(parse_number(n1) * _scale(g, s1 or (s2 if n2 is not None else None)), currency, "money", start, m.end())]
    if n2 is not None:
        amounts.append(Amount(parse_number(n2) * _scale(g, s2 or s1), currency, "money", start, m.end()))
    return amounts


def _worded(text: str, g: Grammar, taken: list[tuple[int, int]]) -> list[Amount]:
    """``"forty-two million dollars"``, ``"twenty per cent"``: spelled-out numbers before a gate word."""
    lowered = text.lower()
    out = []
    for word in g.gate:
        at = lowered.find(word)
        while at != -1:
            end = at + len(word)
            bounded = (at == 0 or not lowered[at - 1].isalnum()) and (end == len(lowered) or not lowered[end].isalpha())
            if bounded and not any(s < end and at < e for s, e in taken):
                m = g.worded.search(text, max(0, at - 60), at)
                if m:
                    value = parse_number(m.group("n3")) * _scale(g, m.group("s3"))
                    percent = word in ("per cent", "percent")
                    currency = None if percent else g.suffix[word]
                    out.append(Amount(value, currency, "percent" if percent else "money", m.start(), end))
                    taken.append((m.start(), end))
            at = lowered.find(word, end)
    return out


def find_amounts(text: str) -> list[Amount]:
    """Money amounts and percentages in ``text``, in order; a range gives two amounts.

    ``"$12-16 billion"`` -> ``[Amount(12e9, "USD", ...), Amount(16e9, "USD", ...)]``
    """
    g = grammar()
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for pattern in g.patterns:  # money first: a later pattern never takes a span already taken
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            amounts = _amounts(m, g, text)
            if amounts:
                taken.append((amounts[0].start, m.end()))
                found.extend(amounts)
    found.extend(_worded(text, g, taken))
    found.sort(key=lambda a: (a.start, a.value))
    return found


# --------------------------------------------------------------------------- sentences
@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Words a full stop does not end a sentence after (``data/abbreviations.csv``): Mr., Rs., Jan."""
    return frozenset(row["abbreviation"] for row in vocab.read_rows("abbreviations.csv"))
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z•])|\n[ \t]*\n|\n(?=[ \t]*[•*\-–])|[.!?:][\"”’')\]]*[ \t]*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a blank line or bullet also ends one. Abbreviations (Mr., Rs.) do not."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if text[m.start()] == ".":
            word = _LAST_WORD.search(text[max(start, m.start() - 12) : m.start()])
            if word and (word.group(1).lower() in abbreviations() or len(word.group(1)) == 1):
                continue
        end = m.start() + 1 if text[m.start()] in ".!?:" else m.start()
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n[ \t]*[•*\-–]")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --------------------------------------------------------------------------- context: kind, metric, year
_WEAK_PENALTY = 40
_WINDOW_BEFORE, _WINDOW_AFTER = 140, 45
# Words that end a clause: a cue on the far side of one does not describe the figure.
_AFTER_BREAK = re.compile(r"[,;:()]|\b(?:while|whereas|but|which|compared)\b", re.IGNORECASE)
_AFTER_PENALTY = 10  # at equal distance, the words before a figure describe it more often than those after
_BEFORE_BREAK = re.compile(r";|\b(?:while|whereas|but)\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:current|existing|present|last\s+year'?s?)?\s*(?:level\s+of\s+|figure\s+of\s+)?"
    r"(?:around\s+|about\s+|nearly\s+|some\s+)?$",
    re.IGNORECASE,
)
_YEAR = re.compile(
    r"(?<![\w$.,])(?:FY\s?'?(?P<fy1>\d{4}|\d{2})(?:\s?[-–/]\s?(?P<fy2>\d{4}|\d{2}))?"
    r"|(?P<y1>(?:19|20)\d{2})(?:\s?[-–/]\s?(?P<y2>\d{4}|\d{2}))?)(?![\w%]|\.\d|,\d)"
)
_HORIZON = re.compile(
    rf"\b(?:in|within|over|during|for)\s+(?:the\s+)?(?:next|coming)\s+(?P<n1>\d+|(?i:{WORD_NUMBER}))\s+years?\b"
    rf"|\b(?:in|within)\s+(?P<n2>\d+|(?i:{WORD_NUMBER}))\s+years(?:['’]?\s+time)?\b"
    r"|\b(?:over|in|within)\s+(?:the\s+)?(?:next|coming)\s+(?P<dec>decade)\b",
    re.IGNORECASE,
)


def _distance(sentence: str, fig_start: int, fig_end: int, start: int, end: int) -> int | None:
    """Characters between a cue and the figure, or None when the cue is out of reach or in another clause."""
    if end <= fig_start and fig_start - end <= _WINDOW_BEFORE:
        return None if _BEFORE_BREAK.search(sentence, end, fig_start) else fig_start - end
    if start >= fig_end and start - fig_end <= _WINDOW_AFTER:
        return None if _AFTER_BREAK.search(sentence, fig_end, start) else start - fig_end + _AFTER_PENALTY
    return None


def cue_matches(sentence: str, terms, start: int = 0, end: int | None = None) -> list[tuple[int, int, object, re.Match[str]]]:
    """Every match of every term in ``sentence[start:end]`` (positions in ``sentence``), found once
    and reused for each figure in it."""
    end = len(sentence) if end is None else end
    lowered = sentence.lower()
    same = len(lowered) == len(sentence)  # lower() keeps positions for all but a few letters (İ)
    return [
        (m.start(), m.end(), term, m)
        for term in terms
        if term.pattern is not None
        for m in term.finditer(sentence, lowered if same else None, start, end)
    ]


def _nearest(sentence: str, offset: int, fig: Amount, terms, penalty=None, after_ok=None, matches=None):
    """The term whose match is nearest the figure within its clause (ties: the longer match)."""
    best, best_key = None, None
    fs, fe = fig.start - offset, fig.end - offset
    for start, end, term, m in matches if matches is not None else cue_matches(sentence, terms):
        if start < fe and fs < end:
            continue
        if start >= fe and after_ok is not None and not after_ok(term, m):
            continue
        d = _distance(sentence, fs, fe, start, end)
        if d is None:
            continue
        if penalty and penalty(term, m):
            d += _WEAK_PENALTY
        key = (d, start - end)
        if best_key is None or key < best_key:
            best, best_key = term, key
    return best


def classify_kind(sentence: str, offset: int, fig: Amount, text: str, matches=None) -> str:
    """``"China has $2.7 trillion"`` -> actual; ``"the goal of exporting $50 billion"`` -> target.

    A figure after "from" is a baseline, so actual ("from $30 billion to $150 billion");
    a "to ..." after the figure is its purpose, not a goal ("$600 million to expand ...").
    """
    if _FROM_BEFORE.search(text, max(0, fig.start - 60), fig.start):
        return "actual"
    best = _nearest(
        sentence,
        offset,
        fig,
        vocab.kind_cues(),
        penalty=lambda term, m: term.code == "actual_weak",
        after_ok=lambda term, m: not m.group(0).lower().startswith("to "),
        matches=matches,
    )
    if best is None:
        return "actual"
    return "actual" if best.code == "actual_weak" else best.code


def classify_metric(sentence: str, offset: int, fig: Amount, previous: str = "", matches=None) -> str | None:
    """The nearest metric keyword in the figure's clause: ``"$2.7 trillion in imports"`` -> imports.

    With none in the sentence: the last one of the previous sentence of the same paragraph
    ("Remittances rose ... Saudi Arabia was the largest source at $9.34 billion"), then for a
    percentage a rate word (growth, share); else None (``extract_figures`` then uses the story's topic).
    """
    percent_only = vocab.percent_only_metrics()
    terms = tuple(t for t in vocab.metrics() if t.code not in percent_only)
    best = _nearest(sentence, offset, fig, terms, matches=matches)
    if best is None and previous:
        best = _last_metric(previous, terms)
    if best is not None:
        return best.code
    if fig.unit == "percent":
        rate = _nearest(sentence, offset, fig, tuple(t for t in vocab.metrics() if t.code in percent_only))
        if rate is not None:
            return rate.code
    return None


def _last_metric(sentence: str, terms) -> object | None:
    found = [(end, end - start, t) for start, end, t, _ in cue_matches(sentence, terms)]
    return max(found, key=lambda x: (x[0], x[1]))[2] if found else None


def _year_value(m: re.Match[str]) -> int:
    first, second = (m.group("fy1"), m.group("fy2")) if m.group("fy1") else (m.group("y1"), m.group("y2"))
    year = second or first
    if len(year) == 2:
        year = (first[:2] if len(first) == 4 else "20") + year
    return int(year)


def find_year(sentence: str, offset: int, fig: Amount) -> int | None:
    """The year a figure refers to: ``"by 2030"`` -> 2030, ``"FY2024-25"`` -> 2025, none -> None."""
    best, best_d = None, None
    fs, fe = fig.start - offset, fig.end - offset
    for m in _YEAR.finditer(sentence):
        if m.start() < fe and fs < m.end():
            continue
        d = fs - m.end() if m.end() <= fs else m.start() - fe
        if best_d is None or d < best_d:
            best, best_d = _year_value(m), d
    return best


def find_horizon(sentence: str) -> int | None:
    """Years of a relative goal: ``"in the next 10 years"`` -> 10, ``"over the next decade"`` -> 10."""
    m = _HORIZON.search(sentence)
    if not m:
        return None
    if m.group("dec"):
        return 10
    raw = m.group("n1") or m.group("n2")
    return int(parse_number(raw))


def nearest_partner(fig: Amount, hits: list[Hit], sentence_span: tuple[int, int], text: str = "", offset: int = 0) -> str | None:
    """The partner named nearest the figure within its sentence (Pakistan excluded); one named
    after the figure counts only within the figure's clause ("..., followed by the UAE" does not)."""
    best, best_d = None, None
    for hit in hits:
        if hit.code == "PAK" or hit.via != "name" or not (sentence_span[0] <= hit.start < sentence_span[1]):
            continue
        if hit.end <= fig.start:
            d = fig.start - hit.end
            if text and _BEFORE_BREAK.search(text, hit.end - offset, fig.start - offset):
                continue
        else:
            d = hit.start - fig.end
            if text and _AFTER_BREAK.search(text, fig.end - offset, hit.start - offset):
                continue
        if d >= 0 and (best_d is None or d < best_d):
            best, best_d = hit.code, d
    return best


# --------------------------------------------------------------------------- figures
@dataclass(frozen=True)
class Figure:
    """One figure of a story, with provenance: ``text[start:end] == raw``."""

    value: float
    currency: str | None
    unit: str
    metric: str | None
    kind: str
    year: int | None
    horizon_years: int | None
    partner: str | None
    raw: str
    quote: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in FIGURE_FIELDS}


def extract_figures(text: str, hits: list[Hit] | None = None, offset: int = 0) -> list[Figure]:
    """Every money amount and percentage that is a figure of ``text``.

    ``offset`` is added to positions (a story's place in its file); ``hits`` are the
    partner names found in the same text (for each figure's partner).
    ``"China has $2.7 trillion in imports."`` -> one actual imports figure of 2.7e12 USD (CHN).
    """
    amounts = find_amounts(text)
    if not amounts:
        return []
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    hits = hits or []
    local_hits = [Hit(h.code, h.start - offset, h.end - offset, h.alias, h.via) for h in hits]
    not_figures = vocab.not_figure_contexts()
    kind_terms = vocab.kind_cues()
    metric_terms = tuple(t for t in vocab.metrics() if t.code not in vocab.percent_only_metrics())
    cached: dict[int, tuple[list, list]] = {}
    reach: dict[int, tuple[int, int]] = {}  # sentence index -> the span its figures' cues can lie in
    for amount in amounts:
        i = bisect.bisect_right(starts, amount.start) - 1
        low, high = reach.get(i, (amount.start, amount.end))
        reach[i] = (min(low, amount.start), max(high, amount.end))
    figures = []
    for amount in amounts:
        i = bisect.bisect_right(starts, amount.start) - 1
        s_start, s_end = spans[i] if i >= 0 else (0, len(text))
        if not (s_start <= amount.start < s_end):
            s_start, s_end = _trim(text, max(0, amount.start - 200), min(len(text), amount.end + 200))
        sentence = text[s_start:s_end]
        previous = ""
        if i > 0 and not _PARAGRAPH_BREAK.search(text, spans[i - 1][1], s_start):
            previous = text[spans[i - 1][0] : spans[i - 1][1]]
        if amount.unit == "percent" and any(p.search(sentence) for p in not_figures):
            continue
        if s_start not in cached:
            low, high = reach.get(i, (amount.start, amount.end))
            w0 = max(0, low - _WINDOW_BEFORE - s_start)
            w1 = min(len(sentence), high + _WINDOW_AFTER - s_start)
            cached[s_start] = (cue_matches(sentence, kind_terms, w0, w1), cue_matches(sentence, metric_terms, w0, w1))
        kind_matches, metric_matches = cached[s_start]
        kind = classify_kind(sentence, s_start, amount, text, kind_matches)
        horizon = find_horizon(sentence) if kind == "target" else None
        figures.append(
            Figure(
                value=amount.value,
                currency=amount.currency,
                unit=amount.unit,
                metric=classify_metric(sentence, s_start, amount, previous, metric_matches),
                kind=kind,
                year=find_year(sentence, s_start, amount),
                horizon_years=horizon,
                partner=nearest_partner(amount, local_hits, (s_start, s_end), sentence, s_start),
                raw=text[amount.start : amount.end],
                quote=" ".join(sentence.split()),
                start=amount.start + offset,
                end=amount.end + offset,
            )
        )
    return _fill_topic(figures)


def _fill_topic(figures: list[Figure]) -> list[Figure]:
    """Figures whose sentence names no metric take the story's topic: the metric most of its
    other figures have ("Of the total, Rs 12 billion ..." in a budget story is budget)."""
    named = [f.metric for f in figures if f.metric is not None and f.metric not in vocab.percent_only_metrics()]
    topic = max(dict.fromkeys(named), key=named.count) if named else "other"  # ties: the first named
    return [f if f.metric is not None else replace(f, metric=topic) for f in figures]


FIGURE_FIELDS = tuple(f.name for f in fields(Figure))
