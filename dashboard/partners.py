"""Partners: countries (ISO 3166-1 alpha-3 via pycountry), blocs, organisations and companies.

The registry is data: pycountry's country names, plus ``data/partners.csv`` (blocs,
organisations, companies, the subject), ``data/country_aliases.csv`` (demonyms and
short names), ``data/blocs.csv`` (members), ``data/places.csv`` (towns: mentions only)
``data/alias_ignore.csv`` (country names too ambiguous to match) and ``data/ambiguous_aliases.csv``
(short names that stand for the entity only when the text also names it in full).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice

import pycountry

from dashboard.articles import headline_start
from dashboard.regexes import compiled
from dashboard.vocab import (
    NAMES,
    OTHER_BLANKS,
    UNFOLDED,
    Gated,
    VocabularyError,
    WordPass,
    as_name_start,
    currency_tokens,
    gated,
    lined,
    lower_pattern,
    lowered_text,
    name_starts,
    plain_lowered,
    read_rows,
    trie_regex,
)

TYPES = ("country", "bloc", "organisation", "company", "subject")


@lru_cache(maxsize=1)
def currency_after() -> re.Pattern[str]:
    """A currency word right after a country's name ("Saudi riyals", "US dollars"): then the name is
    the currency's, not a partner's. The words come from ``data/currencies.csv``; for a dollar sign
    see :func:`_dollar_after`."""
    # words, not symbols: "Tajikistan US$314mn" is Tajikistan's share, written with the dollar's prefix
    words = trie_regex(sorted(currency_tokens().named_words, key=len, reverse=True))  # a trie: one branch at a time is tried
    return compiled(rf"\s?(?i:{words})\b")


def _dollar_after(text: str, alias: str, end: int) -> bool:
    """The name and a dollar sign after it are one currency symbol of ``data/currencies.csv``
    ("US$", "US $", "HK$"); "Germany $505 million" in a list of markets is Germany's."""
    if text.startswith("$", end):
        return f"{alias}$" in currency_tokens().prefix
    return text.startswith(" $", end) and f"{alias} $" in currency_tokens().prefix


# "$1.1 billion U.S.": a dollar amount with its country after it, the currency's, not a partner's
_DOLLARS_BEFORE = compiled(r"\$[ \t]?\d[\d.,]*+(?:[ \t]?(?:million|billion|trillion|bn|mn|m|b))?[ \t]++$", re.IGNORECASE)
_DOLLAR_COUNTRIES = ("U.S.", "US", "U.S")
# a noun the name describes after it: "a $500 million US loan" (the US lends), "$1bn US aid"
_DESCRIBED_AFTER_DOLLAR_COUNTRY = compiled(
    r"[ \t]++(?:[a-z]++[ \t]++)?(?:loans?|aid|grants?|assistance|funding|investments?|deposits?|credit|support|package|bonds?|debt|financing)\b"
)


def _dollar_before(text: str, alias: str, end: int, start: int) -> bool:
    """Whether the name at ``start`` closes a dollar amount as its currency ("nearly $1.1 billion U.S.
    from the IMF", "3.1 billion $US"); not "a $500 million US loan", where the name describes the loan."""
    if alias in _DOLLAR_COUNTRIES and start > 0 and text[start - 1] == "$":
        return True  # "3.1 billion $US": the dollar's sign and its country, one currency
    return (alias in _DOLLAR_COUNTRIES and _DESCRIBED_AFTER_DOLLAR_COUNTRY.match(text, end) is None
            and _DOLLARS_BEFORE.search(text, max(0, start - 30), start) is not None)


@lru_cache(maxsize=1)
def comparison_cues() -> re.Pattern[str]:
    """The cues of ``data/passing_cues.csv`` as whole words anywhere in a sentence: a sentence that compares
    (not the rows with ``compares=no``: "assured the IMF" makes the IMF a mention, not its sentence a comparison)."""
    return compiled("(?i:" + _comparing_patterns() + r")\b")


@lru_cache(maxsize=1)
def _comparing_patterns() -> str:
    """The ``pattern`` column of the rows of ``data/passing_cues.csv`` that make a sentence a comparison, and of
    ``data/comparison_openers.csv`` (read once for both forms of the cues: ``comparison_cues`` and ``_lowered_comparisons``)."""
    return "|".join(p for p in (_row_patterns("passing_cues.csv", keep=_compares), _row_patterns("comparison_openers.csv")) if p)


def _compares(row: dict[str, str], i: int) -> bool:
    value = (row.get("compares") or "").strip()
    if value not in ("", "yes", "no", "carries"):
        raise VocabularyError(f"data/passing_cues.csv row {i}: compares must be yes, no, carries or blank, not {value!r}")
    return value != "no"


@lru_cache(maxsize=1)
def _carrying_patterns() -> str:
    carrying = _row_patterns("passing_cues.csv", keep=lambda row, i: _compares(row, i) and (row.get("compares") or "").strip() == "carries")
    return "|".join(p for p in (carrying, _row_patterns("comparison_openers.csv")) if p) or "(?!)"


@lru_cache(maxsize=1)
def carrying_cues() -> re.Pattern[str]:
    """The cues of ``data/passing_cues.csv`` marked ``compares=carries``, and the openers of a comparison whose
    names stay the figures' own (``data/comparison_openers.csv``: "For comparison, India earned ..."): a
    comparison that goes on in the next sentences of its paragraph ("The country remains far behind its
    neighbours. India's software exports are close to $200 billion ..."). One case-insensitive pattern."""
    return compiled("(?i:" + _carrying_patterns() + r")\b")


@lru_cache(maxsize=1)
def _lowered_carrying() -> Gated:
    from dashboard.vocab import lower_pattern

    return Gated(compiled("(?:" + lower_pattern(_carrying_patterns()) + r")\b"), WordPass())


def carrying_places(text: str) -> list[int]:
    """Where :func:`carrying_cues` match in ``text``, in order: on its plain lower-case form tried only where the
    cues' words stand (see ``vocab.plain_lowered``), else by the case-insensitive pattern."""
    from dashboard.vocab import plain_lowered

    lowered = plain_lowered(text)
    matches = _lowered_carrying().finditer(lowered) if lowered is not None else carrying_cues().finditer(text)
    return [m.start() for m in matches]


@lru_cache(maxsize=1)
def _lowered_comparisons() -> Gated:
    """The comparison cues for plain lower-case text, tried where their openings stand; a story's quotes are
    many short texts: their openings are found in a pass of their own (``search_once``), apart from the story's
    word sets (the pattern's own ``WordPass``, which nothing else reads)."""
    from dashboard.vocab import lower_pattern

    return Gated(compiled("(?:" + lower_pattern(_comparing_patterns()) + r")\b"), WordPass())  # the whole word: not "than" in "thanked"


def compares(sentence: str) -> bool:
    """Whether :func:`comparison_cues` finds a cue in ``sentence``: ``"India's economy, ten times bigger than
    Pakistan's"`` -> True. On its plain lower-case form the lower-case cues are tried only where their
    words stand (see ``vocab.plain_lowered``); otherwise the case-insensitive cues scan it."""
    lowered = sentence.lower()
    if len(lowered) == len(sentence) and (sentence.isascii() or not any(c in sentence for c in UNFOLDED)):
        return _lowered_comparisons().search_once(lowered) is not None  # one pass finds where the cues' words stand
    return comparison_cues().search(sentence) is not None


# What may stand between a passing cue and the name it governs: other names, commas and a few
# function words ("than those of India", "countries such as India, Bangladesh and Vietnam"). Each
# alternative starts with a different kind of character, so the repetition never backtracks.
_LIST = (
    r"(?:[\s,&()]|(?:and|or|the|of|those|that|its|their|in|both|other|such|as|like|including|neighbou?rs|countries|nations|states|rivals?)\b"
    r"|[A-Z][\w'’.-]*)*$"
)


@lru_cache(maxsize=1)
def _lowered_passing_cue_words() -> re.Pattern[str]:
    from dashboard.vocab import lower_pattern

    return compiled(lower_pattern(passing_cue_words().pattern.removeprefix("(?i:").removesuffix(")")))


_LIST_RE = compiled(_LIST[:-1])  # without the final "$": matched against the gap itself
_PASSING_REACH = 60


@lru_cache(maxsize=1)
def passing_cue_words() -> re.Pattern[str]:
    """Words that make the names right after them a comparison or a conflict, not an engagement
    (``data/passing_cues.csv``): "than India", "tensions with India", "like India and Bangladesh".
    A cue governs the names of its own list (``_LIST``), not one after a verb or a figure; it is
    found once per text and each name looks back to the nearest cue by bisection."""
    return compiled("(?i:" + _row_patterns("passing_cues.csv") + ")")


def _row_patterns(name: str, keep: Callable[[dict[str, str], int], bool] | None = None) -> str:
    """The ``pattern`` column of ``data/<name>`` (the rows ``keep(row, line)`` keeps) as one alternation;
    a bad row is named."""
    rows = read_rows(name)
    kept = []
    for i, row in enumerate(rows, start=2):
        try:
            compiled(row["pattern"])
        except re.error as exc:
            raise VocabularyError(f"data/{name} row {i}: bad pattern {row['pattern']!r}: {exc}") from None
        if keep is None or keep(row, i):
            kept.append(row["pattern"])
    return "|".join(kept)


@lru_cache(maxsize=1)
def place_as_state() -> re.Pattern[str]:
    """What, right after a capital's name, makes the capital stand for its government
    (``data/place_as_state.csv``): "Beijing rolled over the debt", "Riyadh's deposit"."""
    return compiled("(?:" + _row_patterns("place_as_state.csv") + ")")


# A town after these words is where something happens ("talks in Beijing have stalled"), not who acts.
_AT_PLACE = compiled(r"\b(?:in|at|to|from|near|of|visit(?:ed|ing|s)?|via|across|outside|inside)[ \t]+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def passing_after() -> re.Pattern[str]:
    """A hyphened word after a name that makes the name a description, not a counterparty
    (``data/passing_after.csv``): "the China-led AIIB", "Saudi-based Islamic Development Bank"."""
    words = "|".join(re.escape(row["word"]) for row in read_rows("passing_after.csv"))
    return compiled(rf"[{_PASSING_DASHES}][ \t]?(?i:{words})\b")


_PASSING_DASHES = "-‑–"  # what such a word hangs on (a name without one of them after it is not asked)
# a group of that country's own sited there, not a body sited abroad: "UAE-based traders import Pakistani mangoes"
_SITED_GROUP = compiled(r"[-‑–][ \t]?(?i:based)[ \t]++(?:traders|importers|exporters|investors|buyers|companies|firms|businesses|banks|lenders|workers|expatriates|expats|employees|migrants)\b")
# a name of an event: "the IMF and World Bank spring meetings", "the IMF-World Bank Spring Meetings", "the SCO summit"
_EVENT_AFTER = compiled(r"[ \t]++(?:(?i:spring|annual|autumn|fall|winter|summer|ministerial|leaders['’]?)[ \t]++)?(?i:meetings|summit|conference|forum|assembly)\b")
_EVENT_LIST = compiled(r"[ \t]*+(?:and|&|[-‑–/])[ \t]*+(?:the[ \t]++)?|[ \t]*+,[ \t]*+(?!the\b)")  # not an aside: "with China, the SCO summit host"
_COUNTERPARTY_BEFORE = compiled(r"\b(?:from|with|by)[ \t]++(?:the[ \t]++)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Entity:
    """A partner in the registry: ``Entity("CHN", "China", "country")``."""

    code: str
    name: str
    type: str
    members: tuple[str, ...] = ()
    country: str | None = None  # the country a state fund, agency or state company acts for (none for a private company)


@dataclass(frozen=True)
class Hit:
    """One place where an entity is named: ``Hit("CHN", 120, 127, "Chinese", "name")``."""

    code: str
    start: int
    end: int
    alias: str
    via: str  # "name" (a country/organisation name or demonym) or "place" (a town)
    passing: bool = False  # named in a comparison or a conflict ("than India"): never a partner

    @classmethod
    def new(cls, code: str, start: int, end: int, alias: str, via: str, passing: bool = False) -> Hit:
        """``Hit(code, start, end, alias, via, passing)``, several times faster: a frozen dataclass's
        ``__init__`` sets each field through ``object.__setattr__``, this fills ``__dict__`` at once
        (a story's names are many)."""
        hit = object.__new__(cls)
        hit.__dict__.update(code=code, start=start, end=end, alias=alias, via=via, passing=passing)
        return hit

    def moved(self, by: int) -> Hit:
        """The same hit, ``by`` characters further on (a story's hits in its file's positions)."""
        if not by:  # frozen: the hit itself
            return self
        return Hit.new(self.code, self.start + by, self.end + by, self.alias, self.via, self.passing)


MAX_HITS = 5000  # names read per story: an article names a few dozen (the rest of a longer list is not read)


def alias_pattern(aliases) -> re.Pattern[str]:
    """The regex of a registry's aliases that :class:`AliasIndex` stands for: each a whole name (no
    word character or "&" on either side, no "'s" or other two letters after an apostrophe), the
    space inside a name any one blank, a line break included ("Asian\nInfrastructure Investment Bank"):
    ``alias_pattern(["World Bank"]).search("a World\nBank loan")`` matches ``"World\nBank"``."""
    words = sorted(aliases, key=len, reverse=True)
    return compiled(r"(?<![\w&])" + trie_regex(words).replace("\\ ", "\\s") + r"(?![\w&]|['’][A-Za-z]{2,})")


class AliasIndex:
    """The aliases of the registry, found as :func:`alias_pattern`'s ``finditer`` finds them: from the left,
    the longest alias at each place that is a whole name there, then on after it. Every place where an
    alias may stand is found by the Aho-Corasick pass of ``passes`` (see ``vocab.NAMES``) over the text as
    ``vocab.name_starts`` writes it (a name follows a space there, so the automaton steps past every other
    character at once); a place is an alias's when the text holds it there (its blanks as spaces), and the
    places are read in order in Python (thousands of names: no regex to compile, none tried at each capital).
    ``AliasIndex(["China", "Saudi Arabia"]).spans("Saudi\nArabia and China's")`` -> ``[(0, 12), (17, 22)]``."""

    def __init__(self, aliases, passes: WordPass | None = None) -> None:
        self.passes = NAMES if passes is None else passes
        self.aliases = frozenset(aliases)
        for alias in sorted(self.aliases):
            if OTHER_BLANKS.search(alias) or "  " in alias:
                raise VocabularyError(f"the alias {alias!r} holds a blank other than one space: write one space")
        forms = sorted({as_name_start(alias) for alias in self.aliases})
        self.word_set = self.passes.register(forms) if forms else None

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each name in ``text``, in order."""
        if self.word_set is None:
            return
        pos = 0  # where the last name ended
        aliases = self.aliases
        # a form found at ``at`` in the written text (its space first) stands at ``at`` in the text: the character
        # before it is no word character nor "&" (or there is none); each place's longest first
        places = sorted([(at, at + 1 - stop) for at, stop, _ in self.passes.hits(name_starts(text), self.word_set)])
        for start, minus in places:
            if start < pos:
                continue  # inside the last name
            end = start - minus
            written = text[start:end]
            if written not in aliases and OTHER_BLANKS.sub(" ", written) not in aliases:
                continue  # the same letters, not the name ("U-S" for "U.S.", "d’Ivoire" for "d'Ivoire")
            after = text[end : end + 3]
            if after and (after[0].isalnum() or after[0] in "_&" or (after[0] in "'’" and after[1:].isascii() and after[1:].isalpha() and len(after) == 3)):
                continue  # joined to what follows: a word character, "&", or an apostrophe before two letters ("India's" is India)
            pos = end
            yield start, end


@dataclass
class Registry:
    entities: dict[str, Entity]
    alias_to: dict[str, tuple[str, str]]  # alias -> (code, via)
    index: AliasIndex = field(repr=False)  # finds the aliases in a text
    ambiguous: frozenset[str] = frozenset()  # aliases that count only beside another alias of their entity
    stands_for: dict[str, str] = field(default_factory=dict)  # capital -> the code of the state it can stand for

    def get(self, code: str) -> Entity:
        try:
            return self.entities[code]
        except KeyError:
            raise VocabularyError(
                f"unknown partner code {code!r}: add it to data/partners.csv (or data/country_aliases.csv)"
            ) from None

    def name(self, code: str) -> str:
        entity = self.entities.get(code)
        return entity.name if entity else code

    def resolve(self, name: str) -> str:
        """A name, alias or code -> its code: ``"Chinese" -> "CHN"``, ``"Türkiye" -> "TUR"``."""
        if name in self.entities:
            return name
        hit = self.alias_to.get(name) or self.alias_to.get(name.strip())
        if hit:
            return hit[0]
        try:
            return pycountry.countries.lookup(name).alpha_3
        except LookupError:
            raise VocabularyError(f"unknown partner {name!r}: add it to data/partners.csv or data/country_aliases.csv") from None

    def expand(self, codes: list[str] | tuple[str, ...]) -> frozenset[str]:
        """Codes plus the members of any bloc among them: ``["ASEAN"] -> {"ASEAN", "MYS", ...}``."""
        out: set[str] = set()
        for code in codes:
            out.add(code)
            entity = self.entities.get(code)  # a name not in the registry stands for itself
            out.update(entity.members if entity else ())
        return frozenset(out)

    def find(self, text: str) -> list[Hit]:
        """Every entity named in ``text``, left to right, skipping country names used as currencies."""
        hits = []
        lowered = lowered_text(text)
        if len(lowered) == len(text):  # the cue words are lower-case: a case-sensitive pass over lowered text is faster
            cue_ends = [m.end() for m in gated(_lowered_passing_cue_words()).finditer(lowered)]
        else:
            cue_ends = [m.end() for m in passing_cue_words().finditer(text)]
        described = passing_after().match
        currency = currency_after().match
        alias_to = self.alias_to
        for start, end in self.index.spans(text):
            if len(hits) >= MAX_HITS:
                break  # a table or a crafted text, not an article: bounded time on any input
            alias = text[start:end]
            code, via = alias_to.get(alias) or alias_to[" ".join(alias.split())]  # a name broken by a line
            if code != "PAK" and via == "name" and (currency(text, end) or _dollar_after(text, alias, end) or _dollar_before(text, alias, end, start)):
                continue
            if via == "place" and alias in self.stands_for and place_as_state().match(text, end):
                if not _AT_PLACE.search(text, max(0, start - 12), start):
                    code, via = self.stands_for[alias], "name"  # "Beijing rolled over Pakistan's debt": China
            i = bisect.bisect_right(cue_ends, start) - 1
            passing = i >= 0 and start - cue_ends[i] <= _PASSING_REACH and bool(_LIST_RE.fullmatch(text, cue_ends[i], start))
            passing = passing or (text[end : end + 1] in _PASSING_DASHES and bool(described(text, end)) and not _SITED_GROUP.match(text, end))
            if not passing and _EVENT_AFTER.match(text, end):
                passing = True  # "the IMF and World Bank spring meetings": an event's name, and the names listed into it
                k = len(hits) - 1
                while k >= 0 and not hits[k].passing and _EVENT_LIST.fullmatch(text, hits[k].end, start if k == len(hits) - 1 else hits[k + 1].start):
                    if _COUNTERPARTY_BEFORE.search(text, max(0, hits[k].start - 10), hits[k].start):
                        break  # "$1.1 billion from the IMF and the ADB annual meetings": the IMF gives
                    hits[k] = Hit.new(hits[k].code, hits[k].start, hits[k].end, hits[k].alias, hits[k].via, True)
                    k -= 1
            hits.append(Hit.new(code, start, end, alias, via, passing))
        if self.ambiguous:
            # "Rs6.98 billion for SCO" in a budget story is Pakistan's own SCO, not the Shanghai bloc
            spelled = {h.code for h in hits if h.alias not in self.ambiguous}
            hits = [h for h in hits if h.alias not in self.ambiguous or h.code in spelled]
        return hits

    def table(self):
        """The registry as a pandas frame: code, name, type, iso3 (countries), members (blocs, ';'-joined)."""
        import pandas as pd

        rows = [
            {
                "code": e.code,
                "name": e.name,
                "type": e.type,
                "iso3": e.code if e.type == "country" else None,
                "members": ";".join(e.members),
            }
            for e in self.entities.values()
        ]
        return pd.DataFrame(rows)


def _variants(alias: str, long_name: bool = False) -> list[str]:
    """An alias as written, plus its ALL CAPS form for headlines: ``"China" -> ["China", "CHINA"]``;
    an organisation's name of three words or more (``long_name``) also as many outlets write it,
    in lower case after its first word: ``"Islamic Development Bank" -> [..., "Islamic development bank"]``."""
    out = [alias] if alias.isupper() or len(alias) <= 3 else [alias, alias.upper()]
    words = alias.split(" ")
    if long_name and len(words) >= 3 and not alias.isupper():
        out.append(" ".join([words[0], *(w.lower() for w in words[1:])]))
    return out


@lru_cache(maxsize=1)
def registry() -> Registry:
    """Build the partner registry from pycountry and the files in ``data/``."""
    ignored = {row["name"] for row in read_rows("alias_ignore.csv")}
    entities: dict[str, Entity] = {}
    alias_to: dict[str, tuple[str, str]] = {}

    def add_alias(alias: str, code: str, via: str, long_name: bool = False) -> None:
        for variant in _variants(alias.strip(), long_name):
            if variant and variant not in ignored:
                alias_to.setdefault(variant, (code, via))

    members: dict[str, list[str]] = {}
    for row in read_rows("blocs.csv"):
        members.setdefault(row["bloc"], []).append(row["member"])

    for i, row in enumerate(read_rows("partners.csv"), start=2):
        if row["code"] in entities:
            raise VocabularyError(f"data/partners.csv row {i}: code {row['code']!r} is given twice")
        if row["type"] not in TYPES:
            raise VocabularyError(f"unknown partner type {row['type']!r} for {row['code']}: see data/partners.csv")
        country = row.get("country") or None
        if country and pycountry.countries.get(alpha_3=country) is None:
            raise VocabularyError(f"data/partners.csv: country {country!r} of {row['code']} is not an ISO 3166-1 alpha-3 code")
        entities[row["code"]] = Entity(row["code"], row["name"], row["type"], tuple(members.get(row["code"], ())), country)
        for alias in row["aliases"].split(";"):
            add_alias(alias, row["code"], "name", long_name=row["type"] != "country")
    for bloc in members:
        if bloc not in entities:
            raise VocabularyError(f"bloc {bloc!r} in data/blocs.csv is not in data/partners.csv")

    for country in pycountry.countries:
        code = country.alpha_3
        name = getattr(country, "common_name", None) or country.name
        entities.setdefault(code, Entity(code, name, "country"))
        for alias in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if alias and "," not in alias and "(" not in alias:
                add_alias(alias, code, "name")

    for row in read_rows("country_aliases.csv"):
        if pycountry.countries.get(alpha_3=row["iso3"]) is None:
            raise VocabularyError(f"{row['iso3']!r} in data/country_aliases.csv is not an ISO 3166-1 alpha-3 code")
        add_alias(row["alias"], row["iso3"], "name")
    stands_for: dict[str, str] = {}
    for i, row in enumerate(read_rows("places.csv"), start=2):
        add_alias(row["place"], row["iso3"], "place")
        if row.get("stands_for"):
            if row["stands_for"] not in entities:
                raise VocabularyError(f"data/places.csv row {i}: stands_for {row['stands_for']!r} is not a partner code")
            for variant in _variants(row["place"]):
                stands_for[variant] = row["stands_for"]

    for bloc, codes in members.items():
        for code in codes:
            if code not in entities:
                raise VocabularyError(f"member {code!r} of {bloc} in data/blocs.csv is not an ISO3 country code")

    ambiguous = frozenset(row["alias"] for row in read_rows("ambiguous_aliases.csv"))
    for i, alias in enumerate(sorted(ambiguous), start=2):
        if alias not in alias_to:
            raise VocabularyError(f"data/ambiguous_aliases.csv row {i}: {alias!r} is no alias in data/partners.csv or data/country_aliases.csv")
    # the space inside a name is any one blank, a line break included (see ``alias_pattern``)
    return Registry(entities, alias_to, AliasIndex(alias_to), ambiguous, stands_for)


def partner_info(code: str) -> dict:
    """What a script needs to tell partners apart: ``{"code": "SFD", "name": "Saudi Fund for Development",
    "type": "organisation", "country": "SAU", "in_registry": True}``; a name not in the registry
    is kept as written, with ``in_registry`` False."""
    entity = registry().entities.get(code)
    if entity is None:
        return {"code": code, "name": code, "type": None, "country": None, "in_registry": False}
    country = entity.code if entity.type == "country" else entity.country
    return {"code": entity.code, "name": entity.name, "type": entity.type, "country": country, "in_registry": True}


def classify(text: str, hits: list[Hit]) -> tuple[list[str], list[str]]:
    """Split a story's hits into (partners, mentions), both ordered by first appearance.

    A partner is named directly (name, demonym, acronym) at least once outside a
    comparison; towns and comparisons ("than India") are mentions. Pakistan is the subject.
    """
    partners: list[str] = []
    passing: list[str] = []
    for hit in hits:
        if hit.code == "PAK":
            continue
        direct = hit.via == "name" and not hit.passing
        if direct:
            if hit.code not in partners:
                partners.append(hit.code)
        elif hit.code not in passing:
            passing.append(hit.code)
    mentions = [code for code in passing if code not in partners]
    return partners, mentions


_WITH_PAKISTAN = compiled(r"[ \t]*(?:and|&|[-–—/]|,)[ \t]*(?:the[ \t]+)?|[-–—]", re.IGNORECASE)
_AND_BEFORE = compiled(r"\b(?:and|&)[ \t]+(?:(?:a|an|the)[ \t]+)?$", re.IGNORECASE)
_BETWEEN = compiled(r"\bbetween\b[^;]*$", re.IGNORECASE)  # "a meeting between the minister ... and a Binance team"
# "between" only with Pakistan on the other side ("between Pakistan and X": joined; "ties between Saudi Arabia and
# Qatar" name no counterparty of Pakistan)
_WITH_BEFORE = compiled(
    # a permission given to the counterparty: "granted No Objection Certificates to Binance and HTX"
    r"\b(?:licen[cs]es?|certificates?|NOCs?|clearances?|permits?)[ \t]++to[ \t]++(?:the[ \t]++)?$|"
    r"\b(?:with|from|by|met|meets|meeting|hosted|hosts|received|involving)[ \t]+(?:(?:a|an|the)[ \t]+)?"
    # the people of the counterparty: "discussions with the heads of the AIIB", "met officials of the World Bank"
    r"(?:(?:heads?|officials|representatives|delegations?|leadership|chiefs?|presidents?|team|management)[ \t]++of[ \t]++(?:the[ \t]++)?)?$",
    re.IGNORECASE,
)
# the buyers of Pakistan's exports, engaged without an engagement word: "has been exporting mangoes to the UAE",
# "IT exports are primarily directed to the USA"
_EXPORTED_TO = compiled(
    r"\bexport(?:s|ed|ing)?+(?:[ \t]++(?!(?:market|markets|share|shares|orders|ground|edge|business|competitiveness)\b)[a-z’'-]++)?"  # what is sold: "mangoes"
    r"(?:[ \t]++(?:are|were|is|was|have|has|been|being|primarily|mainly|mostly|largely|chiefly|directed|sent|shipped|destined|going)\b){0,3}"
    r"[ \t]++to[ \t]++(?:the[ \t]++)?$",
    re.IGNORECASE,
)  # not "exports are losing market share to Vietnam", "lost its export market to India"
_EXPORT_WORD = compiled(r"\bexport", re.IGNORECASE)
_ROUTE_TO = compiled(r"[ \t]++(?:to|into)[ \t]++(?:the[ \t]++)?", re.IGNORECASE)  # the other end of a route: "from Kyrgyzstan to Afghanistan"
# the counterparties named after what they are to Pakistan: "assurances from its key allies, China, Saudi Arabia and the UAE"
_FROM_ALLIES = compiled(
    r"\b(?:with|from|by)[ \t]++(?:its|their|Pakistan['’]s|Islamabad['’]s)[ \t]++(?:[a-z]++[ \t]++)?"
    r"(?:allies|partners|friends|lenders|creditors|donors|backers)[ \t]*+(?:,|like|such[ \t]++as|including|namely)[ \t]*+(?:the[ \t]++)?$",
    re.IGNORECASE,
)


_DISPUTED_FROM = compiled(
    r"\b(?:backlash|critici\w+|opposition|objections?|protests?|condemnation|outrage|threats?|attacks?|resistance|pushback|hostility)"
    r"[ \t]++(?:from|by)[ \t]++(?:(?:a|an|the)[ \t]++)?$",
    re.IGNORECASE,
)
_NOT_ENGAGED_WITH = compiled(
    r"\b(?:in[ \t]+line|in[ \t]+keeping|in[ \t]+accordance|in[ \t]+compliance|in[ \t]+contrast|consistent|aligned|along|alongside|compared|on[ \t]+par"
    r"|compet\w*|as|like|similar(?:ly)?)"
    r"[ \t]+with[ \t]+(?:(?:a|an|the)[ \t]+)?$",
    re.IGNORECASE,
)
_FUNDED_AFTER = compiled(r"\)?(?:[ \t]|[-‑–])?(?i:funded|financed|sponsored|assisted)\b")
_FUNDED_BY = compiled(
    r"\b(?:(?:funded|financed|sponsored|assisted|bankrolled|guaranteed|backed)[ \t]+by"
    r"|(?:guarantee|loan|funding|financing|grant|credit)[ \t]+from"
    r"|(?:support|assistance|backing)[ \t]+(?:of|from)"
    # "Other banks involved include Abu Dhabi Islamic Bank, Ajman Bank": the lenders of a deal, named after their role
    r"|(?:banks|lenders|creditors|investors|financiers|arrangers|donors|backers)(?:[ \t]+involved)?[ \t]+(?:include[sd]?|including)"
    # "several other development partners will provide financing for CASA-1000, including the Islamic Development Bank"
    r"|(?:provide|provides|provided|providing|offer|offers|offered|offering|extend|extends|extended|extending)[ \t]++"
    r"(?:financing|funding|loans|grants)[ \t]++for[ \t]++[^,.\n]{1,40},[ \t]++including)"
    r"[ \t]+(?:the[ \t]+)?",
    re.IGNORECASE,
)
# The next funder of a list after "supported by": "the IsDB, USAID (the US agency), the US State Department and DFID".
# A name's own words (an acronym in brackets, "State Department" after "US") may stand before the comma.
_FUNDER_NEXT = compiled(r"\)?(?:[ \t]*+\([^()\n]{1,40}\))?(?:[ \t]++[A-Z][\w.'’-]*+){0,3}[ \t]*+(?:,[ \t]*+(?:and[ \t]++)?|and[ \t]++|&[ \t]*+)(?:the[ \t]++)?")
_FUNDED_BY_LOWER = compiled(lower_pattern(_FUNDED_BY.pattern))  # for a text's plain lower-case form


# "the United Kingdom's Department for International Development", "the UAE's e&", "China's state-owned
# Exim Bank": a country's name right before its own body's; with ``possessive``, only across "'s"
_STATE_WORDS = r"[ \t]++(?:(?:state-owned|state-run|state|sovereign|national)[ \t]++)?"
_BEFORE_ITS_BODY = compiled(rf"(?:['’]?s)?{_STATE_WORDS}")
_POSSESSIVE_BODY = compiled(rf"['’]s{_STATE_WORDS}")


def own_body(text: str, country: Hit, body: Hit, unregistered: bool = False, possessive: bool = False) -> bool:
    """Whether ``body`` is a body of the country ``country`` names right before it, in ``text`` (the hits'
    positions): "the UK's DFID" -> True. ``unregistered``: a body the registry does not know counts too."""
    entities = registry().entities
    owner, entity = entities.get(country.code), entities.get(body.code)
    if owner is None or owner.type != "country" or body.start <= country.end:
        return False
    if entity is None:
        if not unregistered:
            return False
    elif entity.type not in ("organisation", "company") or entity.country != country.code:
        return False
    return (_POSSESSIVE_BODY if possessive else _BEFORE_ITS_BODY).fullmatch(text, country.end, body.start) is not None


def engagement_partners(
    text: str, hits: list[Hit], spans: list[tuple[int, int]], direct: list[str], referred: set[str] | None = None
) -> set[str]:
    """Counterparties of engagements without figures: a partner joined to Pakistan in a sentence
    with an engagement word (``data/engagement_cues.csv``): "Pakistan and Malaysia signed",
    "Pakistan-Kazakhstan relations", "ASEAN-Pakistan", or "with"/"between"/"from" X in a sentence
    naming Pakistan; a funder anywhere ("a World Bank-funded project", "financed by the ADB").
    Neighbours in a list ("after visiting Malaysia and Indonesia") are not. ``referred``: collects those
    named after "with"/"from" in a sentence that refers to Pakistan without naming it ("the country has had
    talks with the heads of the AIIB", "the federal government partnered with World Liberty Financial")."""
    from dashboard.vocab import engagement_cues, engagement_cues_lowered

    by_sentence: dict[int, list[Hit]] = {}
    starts = [a for a, _ in spans]
    for hit in hits:
        i = bisect.bisect_right(starts, hit.start) - 1
        if i >= 0 and hit.start < spans[i][1]:
            by_sentence.setdefault(i, []).append(hit)
    found: set[str] = set()
    places = {hits[k].start for k in _places_beside_pakistan(text, hits)}  # "shortages in Myanmar and Pakistan"
    plain = plain_lowered(text)  # the lower-case form of the cues, tried only where their words stand
    funded_by = {m.end() for m in (gated(_FUNDED_BY_LOWER).finditer(plain) if plain is not None else _FUNDED_BY.finditer(text))}
    lowered_cues = engagement_cues_lowered() if plain is not None else None

    def engaged_in(a: int, b: int) -> bool:
        """An engagement cue in ``text[a:b]``: its lower-case form tried where the cues' words stand, or the cues."""
        if lowered_cues is not None:
            return lowered_cues.search(plain, a, b) is not None
        return engagement_cues().search(text, a, b) is not None
    entities = registry().entities
    listed = False  # the hit before was a funder named after "supported by" and its list goes on
    for k, hit in enumerate(hits):  # "a World Bank-funded project", "financed by the ADB": a funder, wherever it is named
        after_by = hit.start in funded_by or (listed and (
            _FUNDER_NEXT.fullmatch(text, hits[k - 1].end, hit.start) is not None or text[hits[k - 1].end : hit.start].strip() in ("", "(")
            or own_body(text, hits[k - 1], hit)
        ))
        listed = after_by
        if hit.code != "PAK" and hit.via == "name" and hit.code in direct and not hit.passing and (after_by or _FUNDED_AFTER.match(text, hit.end)):
            found.add(hit.code)
    for i, group in by_sentence.items():
        found |= _givers(text, group, direct, entities)
        cued = engaged_in(*spans[i])
        if not cued and not _EXPORT_WORD.search(text, *spans[i]):
            continue
        pakistan_here = any(h.code == "PAK" for h in group)
        if not pakistan_here and (referred is None or not PAKISTAN_REFERENCE.search(text, *spans[i]) or _another_country_before(by_sentence, i)):
            continue  # "Bangladesh is a rival exporter. The country signed ...": the country is Bangladesh
        into = found if pakistan_here else referred
        # the list goes on after a counterparty named after "with" or "from": "assurances from China, Saudi Arabia and
        # the UAE", "co-financed with the Asian Development Bank (ADB) and the United Kingdom's Department for
        # International Development"; not along a route ("lines from Kyrgyzstan and Tajikistan to Afghanistan")
        goes_on, routed = _lists(text, group)
        clauses = _Clauses(text, group, spans[i])
        here: set[str] = set()  # this sentence's counterparties so far
        last: Hit | None = None  # the last counterparty named after "with" or "from", or of their list
        for k, hit in enumerate(group):
            went_on = last is not None and last is group[k - 1] and goes_on[k - 1] and not routed[k]
            if went_on:
                last = hit
            if hit.code == "PAK" or hit.via != "name" or hit.code not in direct or hit.passing:
                continue
            joined = hit.start not in places and any(
                other.code == "PAK"
                and (_WITH_PAKISTAN.fullmatch(text, other.end, hit.start) or _WITH_PAKISTAN.fullmatch(text, hit.end, other.start))
                for other in group[max(0, k - 1) : k + 2]
            )
            between = _AND_BEFORE.search(text, max(spans[i][0], hit.start - 12), hit.start) and _BETWEEN.search(
                text, max(spans[i][0], hit.start - 200), hit.start
            )
            # "a meeting between the minister ... and a Binance team": Pakistan's side stands between the two
            listed = between and "Pakistan" in text[between.start() : hit.start]
            with_before = (cued and (_WITH_BEFORE.search(text, max(spans[i][0], hit.start - 48), hit.start) or _FROM_ALLIES.search(
                text, max(spans[i][0], hit.start - 60), hit.start
            ))) or _EXPORTED_TO.search(text, max(spans[i][0], hit.start - 48), hit.start)
            if with_before and (_NOT_ENGAGED_WITH.search(text, max(spans[i][0], hit.start - 40), hit.start)
                                or _DISPUTED_FROM.search(text, max(spans[i][0], hit.start - 40), hit.start)):
                with_before = None  # "in line with the UN goals": a reference; "backlash from India": the other side of a dispute
            if with_before and clauses.about_another(k):
                with_before = None  # "$216m for a project in Indonesia, co-financed with the World Bank; $100m for ... in Pakistan"
            if with_before and _third_party_before(text, group, k, with_before.start(), here):
                with_before = None  # "Uzbekistan has over $500 million bilateral trade with Afghanistan": not Pakistan's
            if with_before and routed[k]:
                with_before = None  # the start of a route: "power lines from Kyrgyzstan to Afghanistan"
            if with_before and _AFTER_COMMA.search(text, max(spans[i][0], with_before.start() - 4), with_before.start()) and clauses.compares():
                with_before = None  # "less aid than Bangladesh, with India and Nepal getting more": the comparison goes on
            if not pakistan_here or not cued:
                joined = listed = False  # "Pakistan and India" joined by an engagement word only
            if joined or listed or with_before or went_on:
                into.add(hit.code)
                here.add(hit.code)
            if with_before:
                last = hit
    return found


# Pakistan named by its government, capital or leaders: "the country", "the federal government", "Islamabad", "Shehbaz"
# (not "the Government of Bangladesh": a government named by its country is that country's)
PAKISTAN_REFERENCE = compiled(
    r"\b(?:(?i:the[ \t]+(?:country|government|federal[ \t]+government|cabinet|prime[ \t]+minister|finance[ \t]+minister|state[ \t]+bank)\b(?![ \t]+of\b))"
    r"|(?:Islamabad|SBP|Shehbaz)\b)"
)


def _another_country_before(by_sentence: dict[int, list[Hit]], i: int) -> bool:
    """Whether the sentence before sentence ``i`` names a country other than Pakistan first (then "the country"
    may be it); not when it names Pakistan first ("Pakistan is launching a bond in China's market. The country
    has had talks with the AIIB": Pakistan)."""
    entities = registry().entities
    first = next((h for h in by_sentence.get(i - 1, ()) if h.code == "PAK" or getattr(entities.get(h.code), "type", None) == "country"), None)
    return first is not None and first.code != "PAK"


def _lists(text: str, group: list[Hit]) -> tuple[list[bool], list[bool]]:
    """For each of a sentence's names (``group``, in order): whether the next one goes on its list (a comma or
    "and" between, the name's acronym in brackets, a country's own body after it; not a name in a possessive
    apposition: "from China, India's main rival"), and whether its list is a route ("from Kyrgyzstan and
    Tajikistan to Afghanistan": "to", "into", "via" or "through" and a name after the list). One pass each way."""
    n = len(group)
    goes_on = [False] * n
    for k in range(n - 1):
        a, b = group[k], group[k + 1]
        if b.code == a.code and text[a.end : b.start].strip() == "(":
            goes_on[k] = True
        elif own_body(text, a, b):
            goes_on[k] = True
        elif b.code != "PAK" and _LIST_AFTER.fullmatch(text, a.end, b.start):
            appositive = text.startswith(("'s", "’s"), b.end) and _RELATION.match(text, b.end + 2) is not None
            goes_on[k] = not appositive
    routed = [False] * n
    route = False
    for k in range(n - 1, -1, -1):
        if not goes_on[k]:  # the last name of its list: a route if one more name follows "to"
            m = _ROUTE_TO.match(text, group[k].end)
            route = m is not None and k + 1 < n and group[k + 1].start == m.end()
        routed[k] = route
    return goes_on, routed


class _Clauses:
    """One sentence's clauses between semicolons, read once: which hold Pakistan or another country, and
    whether the sentence compares (asked at most once)."""

    def __init__(self, text: str, group: list[Hit], span: tuple[int, int]) -> None:
        self.text, self.group, self.span = text, group, span
        self.bounds = [span[0], *(m.end() for m in _SEMICOLON.finditer(text, *span)), span[1] + 1]  # one scan
        self._compares: bool | None = None
        pakistan, countries = set(), {}
        entities = registry().entities
        for h in group:
            c = bisect.bisect_right(self.bounds, h.start) - 1
            if h.code == "PAK":
                pakistan.add(c)
            elif getattr(entities.get(h.code), "type", None) == "country":
                countries.setdefault(c, set()).add(h.code)
        self.pakistan, self.countries = pakistan, countries

    def about_another(self, k: int) -> bool:
        """Whether the clause of ``group[k]`` (in a sentence of several) names another country and not Pakistan:
        "$216m for a project in Indonesia, co-financed with the World Bank; ..." (not "it also secured a rollover
        from China", which means Pakistan)."""
        if len(self.bounds) <= 2:
            return False
        hit = self.group[k]
        c = bisect.bisect_right(self.bounds, hit.start) - 1
        return c not in self.pakistan and bool(self.countries.get(c, set()) - {hit.code})

    def compares(self) -> bool:
        if self._compares is None:
            self._compares = compares(self.text[self.span[0] : self.span[1]])
        return self._compares


_SEMICOLON = compiled(";")
_AFTER_COMMA = compiled(r",[ \t]*+$")
_PREPOSITION_BEFORE = compiled(r"\b(?:to|in|from|with|of|for|at|by|and)[ \t]++(?:the[ \t]++)?$", re.IGNORECASE)


def _third_party_before(text: str, group: list[Hit], k: int, at: int, found: set[str]) -> bool:
    """Whether another country stands before ``at`` (where "with"/"from" starts) as the subject of the
    same clause: the name just before, no comma, semicolon nor Pakistan between; not a counterparty itself
    ("agreements with China and with Iran"), nor the object of a preposition ("Pakistan's ambassador to China
    held talks with the AIIB")."""
    if k == 0:
        return False
    before = group[k - 1]
    if before.code == "PAK" or before.end > at or getattr(registry().entities.get(before.code), "type", None) != "country":
        return False
    if before.code in found or _PREPOSITION_BEFORE.search(text, max(0, before.start - 12), before.start):
        return False
    gap = text[before.end : at]
    return len(gap) <= _SUBJECT_REACH and "," not in gap and ";" not in gap and not before.passing


_SUBJECT_REACH = 80


_LIST_NEXT = compiled(r"[ \t]*(?:,|and|&|,[ \t]*and)[ \t]*(?:the[ \t]+)?")
# what a possessive apposition says the name before is to another: "China, India's main rival", "Qatar, Iran's closest ally"
_RELATION = compiled(
    r"[ \t]++(?:(?:main|chief|closest|close|biggest|largest|key|old|arch|regional|traditional|long-time|longtime)[ \t]++){0,2}"
    r"(?:rivals?|ally|allies|neighbou?rs?|partners?|friends?|enem(?:y|ies)|foes?|competitors?|adversar(?:y|ies)|backers?|patrons?)\b",
    re.IGNORECASE,
)
_LIST_AFTER = compiled(r"\)?+" + _LIST_NEXT.pattern)  # the same after a name's acronym in brackets
# "power shortages in Myanmar and Pakistan", "loans to Sri Lanka and Pakistan", "signed loans with Pakistan and
# Uzbekistan": two places a third party works in or with, not two sides of one deal
_SHARED_PLACE = compiled(r"\b(?:in|to|for|across|with)[ \t]++(?:the[ \t]++)?$", re.IGNORECASE)


_PLACES_BESIDE: list[tuple] = [(None, None, frozenset())]  # the text and hits read last, and their places
# a list of places introduced as such: "for four countries: ", "four countries – Kosovo, " (a name the registry
# does not know may open it)
_ENUMERATED = compiled(
    # after a preposition: "for four countries:", "starting with four countries –" (not "The three countries – Pakistan,
    # Uzbekistan and Afghanistan – signed", the parties to a deal)
    r"\b(?:for|in|to|across|with|among|including)[ \t]++(?:the[ \t]++)?(?:[\w-]++[ \t]++){0,2}?"
    r"(?<!participating[ \t])(?<!partner[ \t])(?<!member[ \t])(?<!signatory[ \t])"  # parties to the deal: "the participating countries –"
    r"(?:countries|nations|economies|markets|states|borrowers|recipients)[ \t]*+(?::|–|—|-|,?[ \t]*+(?:including|namely|such[ \t]++as|like))[ \t]*+"
    r"(?:the[ \t]++)?(?:[A-Z][\w'’-]*+[ \t]*+,[ \t]*+){0,3}$"
)


def _places_beside_pakistan(text: str, hits: list[Hit]) -> frozenset[int]:
    """Indices of the names that stand with Pakistan as two places a third party works in ("power
    shortages in Myanmar and Pakistan", see ``_SHARED_PLACE``). One pass over neighbouring hits; kept
    for the last text and hits (a story's engagements and its counterparty both ask)."""
    last = _PLACES_BESIDE[0]
    if last[0] is text and last[1] is hits:
        return last[2]
    out = set()
    for k, hit in enumerate(hits):
        if hit.code == "PAK":
            continue
        pair = hits[k - 1].start if k > 0 and hits[k - 1].code == "PAK" and _WITH_PAKISTAN.fullmatch(text, hits[k - 1].end, hit.start) else None
        if pair is None and k + 1 < len(hits) and hits[k + 1].code == "PAK" and _WITH_PAKISTAN.fullmatch(text, hit.end, hits[k + 1].start):
            pair = hit.start
        if pair is not None and _SHARED_PLACE.search(text, max(0, pair - 16), pair):
            out.add(k)
    # a longer list with Pakistan in it, after "in", "for" or "N countries:": "financing for four countries:
    # Afghanistan, Kyrgyz Republic, Pakistan, and Tajikistan" names the places a third party works in. One pass over runs.
    k = 0
    while k < len(hits):
        if hits[k].via == "place":  # a town opens no list of places: "in Beijing, Pakistan, China and Afghanistan agreed"
            k += 1
            continue
        end = k
        while end + 1 < len(hits) and _LIST_NEXT.fullmatch(text, hits[end].end, hits[end + 1].start):
            end += 1
        run = range(k, end + 1)
        if end - k >= 2 and any(hits[r].code == "PAK" for r in run) and (
            _SHARED_PLACE.search(text, max(0, hits[k].start - 16), hits[k].start) or _ENUMERATED.search(text, max(0, hits[k].start - 100), hits[k].start)
        ):
            out.update(r for r in run if hits[r].code != "PAK")
        k = end + 1
    found = frozenset(out)
    _PLACES_BESIDE[0] = (text, hits, found)
    return found


@lru_cache(maxsize=1)
def _giving() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What after a name makes it a giver (``data/giving_words.csv``): a verb of giving ("The IFC
    will also provide additional funding", "ADB has provided such a guarantee") and a counterparty's
    role ("DIB and Standard Chartered were the lead arrangers", "China is Pakistan's largest creditor")."""
    rows = read_rows("giving_words.csv")
    for i, row in enumerate(rows, start=2):
        if row["kind"] not in ("verb", "role"):
            raise VocabularyError(f"data/giving_words.csv row {i}: kind must be verb or role, not {row['kind']!r}")
        try:
            compiled(row["pattern"])
        except re.error as exc:
            raise VocabularyError(f"data/giving_words.csv row {i}: bad pattern {row['pattern']!r}: {exc}") from None
    verbs, roles = ("|".join(row["pattern"] for row in rows if row["kind"] == kind) for kind in ("verb", "role"))
    acronym = r"(?:[ \t]*\([A-Za-z&]{2,10}\))?"  # "The International Finance Corporation (IFC) will ..."
    gives = compiled(
        acronym + r"[ \t]+(?:(?:has|have|had|is|are|was|were|will|would|also|recently|already)[ \t]+){0,3}(?:" + verbs + r")\b",
        re.IGNORECASE,
    )
    role = compiled(
        acronym + r"[ \t]+(?:were|was|are|is|acted[ \t]+as|acts[ \t]+as|will[ \t]+be|as)[ \t]+"
        r"(?:the[ \t]+|a[ \t]+|an[ \t]+|(?P<pak>Pakistan['’]s)[ \t]+)?(?:(?:lead|main|joint|mandated|sole|key|largest|biggest|principal|top)[ \t]+)?"
        r"(?:" + roles + r")\b",
        re.IGNORECASE,
    )
    return gives, role


def _givers(text: str, group: list[Hit], direct: list[str], entities: dict) -> set[str]:
    """The givers of one sentence's names (``group``, in order): a name followed by a verb of giving
    or a counterparty's role ("The IFC will also provide funding", "DIB and Standard Chartered were
    the lead arrangers"), and the names of its list before it ("China, Saudi Arabia and the UAE are
    providing billions ... to Pakistan"). An organisation or company gives wherever it is named; a
    country only toward Pakistan: Pakistan named after it, or "Pakistan's largest creditor". One pass
    from the end."""
    gives, role = _giving()
    found: set[str] = set()
    pakistan = [h.start for h in group if h.code == "PAK"]
    last_pakistan = max(pakistan) if pakistan else -1
    giving = False
    for k in range(len(group) - 1, -1, -1):
        hit = group[k]
        if hit.code == "PAK" or hit.via != "name" or hit.passing:
            giving = False
            continue
        verb = gives.match(text, hit.end) or role.match(text, hit.end)
        if verb:
            organisation = getattr(entities.get(hit.code), "type", "organisation") in ("organisation", "company")
            giving = organisation or last_pakistan > hit.end or bool(verb.groupdict().get("pak"))
        elif not (giving and k + 1 < len(group) and _LIST_NEXT.fullmatch(text, hit.end, group[k + 1].start)):
            giving = False
        if giving and hit.code in direct:
            found.add(hit.code)
    return found


_LEDE = 400  # the headline and first sentence or two: where a story says who it is about
_LEDE_END = compiled(r"[.!?][\"”’')]*+[ \t]*+\n?+[ \t]*+(?<=\s)(?=[A-Z\"“])|\n[ \t]*\n")  # the end of the opening sentence (a wire's line may end with it)
_HEADLINE = compiled(r"([^\n]{1,200})\n[ \t]*\n")  # a first line of its own, a blank line after it


THROUGH = compiled(r",?[ \t]*+through[ \t]++(?:the[ \t]++)?", re.IGNORECASE)  # "the United States, through USAID"


def _acting_through(text: str, names: list[Hit], country: Hit) -> Hit | None:
    """The body of ``country`` it acts through where the story says so ("The Government of Germany,
    through KfW, signed three agreements"), else None. One pass over the names."""
    entities = registry().entities
    for before, after in zip(names, names[1:], strict=False):
        if before.code == country.code and getattr(entities.get(after.code), "country", None) == country.code:
            if THROUGH.fullmatch(text, before.end, after.start):
                return after
    return None


_COMPARED_REACH = 30  # a name this near a comparison's word in the headline or lede is the compared side
# "... as US stays the biggest buyer", "Saudi Arabia remains the largest source": the first of a ranking, a story of
# several partners' shares, not one counterparty's story
_RANKED_FIRST = compiled(
    r"[ \t]++(?:(?:stays|stayed|remains|remained|is|was|became|emerges|emerged|continues|continued)[ \t]++)(?:to[ \t]++be[ \t]++|as[ \t]++)?"
    r"(?:Pakistan['’]s[ \t]++)?the[ \t]++(?:single[ \t]++)?(?:biggest|largest|top|main|leading|major)[ \t]++(?:single[ \t]++)?"
    r"(?:buyer|market|source|contributor|destination|investor|lender|importer|exporter|trading[ \t]++partner)s?\b",
    re.IGNORECASE,
)


def story_counterparty(text: str, hits: list[Hit], engaged: set[str], headline_at: int | None = None) -> Hit | None:
    """The one partner a story is about, if it has one: the only partner its headline names, else
    the only one its opening sentence names, else its only partner of engagement. None when it names
    several (a figure of such a story keeps the partner of its own sentence, or none)."""
    places = _places_beside_pakistan(text, hits)
    names = [h for k, h in enumerate(hits) if h.code != "PAK" and h.via == "name" and not h.passing and k not in places]
    start = headline_start(text) if headline_at is None else headline_at  # date lines and marks above the headline skipped
    headline = _HEADLINE.match(text, start)
    body = headline.end() if headline else start
    lede = _LEDE_END.search(text, body, min(len(text), body + _LEDE))
    for begin, end in ((start, headline.end(1) if headline else 0), (body, lede.start() if lede else min(len(text), body + _LEDE))):
        # "Pakistan has not left India behind in software exports": a name beside a comparison's word is compared
        cues = [m.span() for m in comparison_cues().finditer(text, begin, end)] if end > begin and compares(text[begin:end]) else []
        found: dict[str, Hit] = {}
        for h in names:
            if h.end <= end and not any(a - _COMPARED_REACH <= h.end and h.start <= b + _COMPARED_REACH for a, b in cues):
                if _RANKED_FIRST.match(text, h.end):
                    return None  # a story of shares, its first named: no one counterparty
                found.setdefault(h.code, h)  # its first naming: "the World Bank", not a later "the bank"
        # a country and the body it acts through are one counterparty: "the United States, through USAID"
        bodies = [h for h in found.values() if getattr(registry().entities.get(h.code), "country", None) in found]
        if len(found) == 2 and len(bodies) == 1:
            return bodies[0]
        if len(found) == 1:
            (one,) = found.values()
            return _acting_through(text, names, one) or one
        if len(found) > 1:
            return None
    if len(engaged) == 1:  # (not a company named only deeper in: "Alibaba has also shown an interest in the market")
        one = next((h for h in names if h.code in engaged), None)
        return None if one is None or getattr(registry().entities.get(one.code), "type", "company") == "company" else one
    return None


@lru_cache(maxsize=1)
def _unregistered_pattern() -> tuple[re.Pattern[str], frozenset[str]]:
    """A run of capitalised words ending in a word of an organisation (``data/organisation_words.csv``:
    Bank, Fund, Group, Holdings ...), and the words that mark a Pakistani body (``data/domestic_words.csv``)."""
    domestic = frozenset(row["word"] for row in read_rows("domestic_words.csv"))
    # Markdown's marks may open the name, perhaps after a place's word: "led by Riyadh-based [Dunes Capital](...)", "by Dubai's **Oasis Gate Ventures**"
    marked = r"(?:(?:(?P<site>[A-Z][\w.'’]*+)-(?i:based|headquartered)[ \t]++|(?P<owner>[A-Z][a-z]++)['’]s[ \t]++)?(?:\[|\*\*))?"
    linked = rf"(?:\b(?:from|by|with|and|include|includes|including)|(?P<comma>,))[ \t]++(?:the[ \t]++)?{marked}(?P<name>{_organisation_name()})"
    return compiled(linked), domestic


@lru_cache(maxsize=1)
def _unregistered_called() -> re.Pattern[str]:
    """Such a name after "called" or "named": "a holding company called Eve Holdings RSC Limited" (a pattern of
    its own: with these two openings the linked pattern's would be too many to look up one by one)."""
    return compiled(rf"\b(?:called|named)[ \t]++(?:the[ \t]++)?(?P<name>{_organisation_name()})")


def _organisation_name() -> str:
    """The pattern of an organisation's name: one to five capitalised words, then a word of ``data/organisation_words.csv``."""
    suffixes = "|".join(re.escape(row["word"]) for row in read_rows("organisation_words.csv"))
    word = r"[A-Z][\w&'’.-]*+"
    return rf"(?:{word}[ \t]++(?:(?:of|for|&)[ \t]++)?){{1,5}}(?:{suffixes})\b"


@lru_cache(maxsize=1)
def _unregistered_subject() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Such a name opening a sentence and giving: "The Abu Dhabi Group may invest up to $600 million" (a verb
    of ``data/giving_words.csv`` after it, perhaps after "may", "will", "plans to"): after a sentence's end
    or a line break, and the same name matched at the text's start. The caller keeps only names holding
    another country's name or town (a Pakistani firm opens many sentences: "Engro Corporation will invest")."""
    name = _organisation_name()
    verbs = "|".join(row["pattern"] for row in read_rows("giving_words.csv") if row["kind"] == "verb")
    helpers = (r"has|have|had|is|are|was|were|will|would|may|might|could|also|recently|already|plans[ \t]+to|intends[ \t]+to|wants[ \t]+to|set[ \t]+to"
               r"|agreed[ \t]+to|agrees[ \t]+to|decided[ \t]+to")
    # an aside may stand between the name and its verb: "Falcon Ridge Ventures, a Dubai-based fund, says it plans to deploy ..."
    helpers += r"|says[ \t]+it|said[ \t]+it"
    aside = r"(?P<aside>,[^,\n]{1,60}+,)?+"
    # (its initials in brackets may follow the name: "China's State Administration of Foreign Exchange (SAFE) has agreed to roll over")
    subject = rf"(?:The[ \t]++)?(?P<name>(?!The\b){name})(?=(?:[ \t]++\([A-Z]{{2,8}}\))?{aside}[ \t]++(?:(?:{helpers})[ \t]++){{0,3}}(?i:{verbs})\b)"  # "The Fund approved": no name
    # the sentence's opening is read, not looked behind at: a lookbehind is tried at every character of a
    # line, a character class only where a sentence can end
    return compiled(rf"(?:[.!?][\"”’]?[ \t]++|\n[ \t]*+){subject}"), compiled(subject)


def _foreign_aside(m: re.Match[str], hits: list[Hit], starts: list[int]) -> bool:
    """Whether the aside after a name opening a sentence names another country or its town ("Falcon Ridge
    Ventures, a Dubai-based early-stage fund, says it plans to ..."): a foreign investor, not a Pakistani firm."""
    if m.re.groupindex.get("aside") is None or m.group("aside") is None:
        return False
    a, b = m.span("aside")
    return any(h.code != "PAK" for h in hits[bisect.bisect_left(starts, a) : bisect.bisect_left(starts, b)])


@lru_cache(maxsize=1)
def _generic_name_words() -> frozenset[str]:
    """Words that name no one on their own: an organisation's (``data/organisation_words.csv``) and the
    generic ones of ``data/generic_name_words.csv`` ("Development", "Trade"), and the glue between them."""
    return frozenset(
        [*(row["word"] for row in read_rows("organisation_words.csv")), *(row["word"] for row in read_rows("generic_name_words.csv")),
         "of", "for", "and", "the"]
    )


@lru_cache(maxsize=1)
def _lender_groups() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Lenders named as a group (``data/lender_groups.csv``): a capitalised country's or region's word
    and a plural noun linked to an amount ("from Chinese banks", "owes China and Chinese commercial
    banks", "from Middle Eastern commercial banks"), the region words that may name one, and such a
    name on its own."""
    rows = read_rows("lender_groups.csv")
    for i, row in enumerate(rows, start=2):
        if row["kind"] not in ("noun", "qualifier", "region"):
            raise VocabularyError(f"data/lender_groups.csv row {i}: kind must be noun, qualifier or region")
    words = {kind: "|".join(re.escape(r["word"]).replace(r"\ ", r"[ \t]++") for r in rows if r["kind"] == kind) for kind in ("noun", "qualifier", "region")}
    name = rf"(?:[A-Z][\w'’-]*+[ \t]++){{1,3}}(?:(?:{words['qualifier']})[ \t]++)?(?:{words['noun']})\b"
    linked = rf"\b(?:from|by|with|and|to)[ \t]++(?:the[ \t]++)?(?P<name>{name})"
    return compiled(linked), compiled(rf"(?:{words['region']})\b"), compiled(name)


def group_country(name: str) -> str | None:
    """The country a group of lenders is named by: ``"Chinese commercial banks" -> "CHN"``; None for
    any other name."""
    if not _lender_groups()[2].fullmatch(name):
        return None
    first = next(iter(registry().find(name)), None)
    return first.code if first is not None and first.start == 0 and getattr(registry().entities.get(first.code), "type", None) == "country" else None


@lru_cache(maxsize=1)
def _news_sources() -> re.Pattern[str]:
    """A news agency or paper named by its words (``data/source_words.csv``): "the Saudi Press Agency",
    "Emirates News Agency". A source is a mention, and the country's word inside it names no partner.
    Its words are required: only the lines that hold one are scanned (see ``vocab.lined``)."""
    alternation = "|".join(re.escape(row["word"]) for row in read_rows("source_words.csv"))
    return compiled(rf"\b(?P<name>(?:[A-Z][\w'’-]*+[ \t]++){{1,3}}(?:{alternation})(?:[ \t]++Agency)?)\b")


# "a report released by the China Three Gorges South Asia Investment Ltd.": the author of a report is
# its source, a mention (a lender "released" funds: the words before the verb must name a report)
_AUTHORED_BY = compiled(
    r"\b(?:released|issued|published|prepared|compiled|conducted|produced|authored)[ \t]++by[ \t]++(?:the[ \t]++)?$", re.IGNORECASE
)
_AUTHORED_REACH = 30
_REPORT_REACH = 100
_REPORT_WORD = compiled(r"\b(?:report|study|survey|statement|analysis|paper|research|index|ranking|data)s?\b", re.IGNORECASE)  # not "reportedly"


def _authored(text: str, start: int) -> bool:
    """Whether the name at ``start`` is the author of a report named just before it."""
    by = _AUTHORED_BY.search(text, max(0, start - _AUTHORED_REACH), start)
    if by is None:
        return False
    return _REPORT_WORD.search(text, max(0, by.start() - _REPORT_REACH), by.start()) is not None


# "UAE-based Kaheel Terminals": the word that says where a company sits is not part of its name
_SITED = compiled(r"[\w.'’]++[-‑–](?:based|led|owned|backed|headquartered)[ \t]++")
# a town's or country's possessive before a firm's name: "Dubai's", "Abu Dhabi's", "UAE's"
_PLACE_S = compiled(r"((?:[A-Z][a-z]++[ \t]){0,2}[A-Z][A-Za-z]++)['’]s[ \t]++")


@lru_cache(maxsize=1)
def _title_after() -> re.Pattern[str]:
    """An official's title right after a name (``data/actor_titles.csv``): "Saudi Investment Minister
    Khalid al-Falih" names a minister, not a company called Saudi Investment."""
    titles = sorted((row["title"] for row in read_rows("actor_titles.csv")), key=len, reverse=True)
    return compiled(r"[ \t]+(?:" + "|".join(re.escape(t) for t in titles) + r")\b")


@lru_cache(maxsize=1)
def _domestic_appositive() -> re.Pattern[str]:
    """What a Pakistani body is called right after its name (``data/domestic_appositives.csv``):
    "Engro Corp, a Pakistani firm", "Systems Ltd, the Lahore-based software house"."""
    rows = read_rows("domestic_appositives.csv")
    for i, row in enumerate(rows, start=2):
        if not (row.get("word") or "").strip():
            raise VocabularyError(f"data/domestic_appositives.csv row {i}: a word is needed")
    words = "|".join(re.escape(row["word"].strip()) for row in rows) or "(?!)"
    return compiled(rf",[ \t]++(?:a|an|the)[ \t]++(?:[\w-]++[ \t]++){{0,2}}?(?:{words})\b")


def unregistered_counterparties(text: str, hits: list[Hit]) -> list[Hit]:
    """Lenders, investors and funds the registry does not know, named where a counterparty is
    ("a $1bn facility from Ajman Bank", "signed with Kaheel Terminals"): hits whose code is the name
    as written (``partner_info`` marks them not in the registry). Pakistani bodies ("State Bank of
    Pakistan") and names the registry knows are left out. One pass of a pattern without backtracking."""
    pattern, domestic = _unregistered_pattern()
    entities = registry().entities
    starts = [h.start for h in hits]
    out = []
    ends = {h.end for h in hits if h.via == "name" and getattr(entities.get(h.code), "type", "country") != "country"}
    subject, at_start = _unregistered_subject()
    first = at_start.match(text, len(text) - len(text.lstrip()))  # the text's first sentence
    seen: set[tuple[int, int]] = set()
    called = lined(_unregistered_called()).finditer(text)
    for m in chain(lined(pattern).finditer(text), called, subject.finditer(text), [first] if first else []):  # (lined: only the lines holding an organisation's word)
        if len(out) >= MAX_HITS:
            break  # bounded on any input, as ``Registry.find``
        if m.re is pattern and m.group("comma") and m.start() not in ends:
            continue  # ", Ajman Bank" counts only in a list of lenders: "include Abu Dhabi Islamic Bank, Ajman Bank"
        name = m.group("name")
        start, end = m.span("name")
        opened = start  # (the name's start with its site: "Riyadh-based Rawaj Capital")
        sited = _SITED.match(name)
        if sited:
            name, start = name[sited.end() :], start + sited.end()
        words = {w[:-2] if w.endswith(("'s", "’s")) else w for w in name.replace("&", " ").split()}
        placed = _PLACE_S.match(name)
        if placed and placed.group(1) not in domestic and len(name[placed.end() :].split()) >= 2:
            name, start = name[placed.end() :], start + placed.end()  # "Dubai's Al Noor Ventures": the firm, sited in Dubai
        place = (m.groupdict().get("site") or m.groupdict().get("owner")) if m.re is pattern else None
        if place and place in domestic:
            continue  # "led by Karachi's **Indus Valley Capital**": a Pakistani firm, though Markdown stands between
        if words & domestic or _news_sources().search(name):
            continue  # a Pakistani body, or a news agency (a mention: see below)
        if words <= _generic_name_words():
            continue  # "Development Bank" alone: the end of a longer name ("ECO Trade and Development Bank")
        if _title_after().match(text, end) or _domestic_appositive().match(text, end):
            continue  # (", a Pakistani firm": a Pakistani body)
        around = bisect.bisect_right(starts, start) - 1
        if around >= 0 and hits[around].end >= end and hits[around].start < start:
            continue  # part of a registered name: "Commercial Bank" in "Industrial and Commercial Bank of China"
        inside = hits[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
        # a registered organisation or company named here is that one ("Bank of China"); a town or a
        # demonym inside a longer name ("Ajman Bank", "Saudi National Bank") does not stop the name
        if any(entities[h.code].type not in ("country", "subject") and h.via == "name" for h in inside if h.code in entities):
            continue
        site = hits[bisect.bisect_left(starts, opened) : bisect.bisect_left(starts, start)]  # the place it is based in
        if (m.re is subject or m.re is at_start) and not any(h.code != "PAK" for h in (*inside, *site)) and not _foreign_aside(m, hits, starts):
            continue  # a name opening a sentence counts when another country's name or town is in it ("The Abu Dhabi Group"), or in its aside
        if (start, end) in seen:
            continue  # the text's first sentence, found twice
        seen.add((start, end))
        out.append(Hit(" ".join(name.split()), start, end, name, "name", _authored(text, start)))
        ends.add(end)
    for m in lined(_news_sources()).finditer(text):  # only the lines holding a source's word
        if len(out) >= MAX_HITS:
            break
        name = m.group("name")
        out.append(Hit(" ".join(name.split()), m.start("name"), m.end("name"), name, "name", True))
    groups, region, _ = _lender_groups()
    for m in lined(groups).finditer(text):  # only the lines holding a lenders' noun
        if len(out) >= MAX_HITS:
            break
        start, end = m.span("name")
        if _SITED.match(text, start):
            continue  # "Beijing-backed banks": banks described, not named
        inside = hits[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
        # a country's word or a region's starts the group: "Chinese banks", "Middle Eastern commercial banks"
        countries = [h for h in inside if getattr(entities.get(h.code), "type", None) == "country" and h.code != "PAK" and h.start == start]
        if countries or region.match(text, start):
            name = m.group("name")
            out.append(Hit(" ".join(name.split()), start, end, name, "name"))
    return sorted(out, key=lambda h: h.start)


def without_covered(hits: list[Hit], names: list[Hit]) -> list[Hit]:
    """``hits`` without those inside one of ``names`` (a town inside "Ajman Bank"), plus ``names``, in order."""
    spans = sorted((n.start, n.end) for n in names)
    starts = [a for a, _ in spans]
    kept = []
    for h in hits:
        i = bisect.bisect_right(starts, h.start) - 1
        if i >= 0 and spans[i][1] >= h.end:
            continue
        kept.append(h)
    return sorted([*kept, *names], key=lambda h: h.start)


@dataclass(frozen=True)
class _Anaphor:
    head: str  # the word a name must hold to be what the phrase points back to: "Bank"
    types: frozenset[str]  # the registry types it can point back to (a name not in the registry: any but "country")


@lru_cache(maxsize=1)
def _anaphors() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, _Anaphor], dict[str, frozenset[str]]]:
    """The phrases of ``data/anaphors.csv`` as written ("the bank", "the Fund"; "The" too), a pattern
    of their head words as written in names ("Bank"), and for each registry code the heads its names
    hold ("SAU": the Kingdom of Saudi Arabia)."""
    rows = read_rows("anaphors.csv")
    by_phrase: dict[str, _Anaphor] = {}
    for i, row in enumerate(rows, start=2):
        types = frozenset(t for t in row["types"].split(";") if t)
        words = row["phrase"].split()
        if not types <= set(TYPES) or not row["head"].strip() or len(words) < 2 or words[0] != "the":
            raise VocabularyError(f"data/anaphors.csv row {i}: a phrase starting with 'the', a head word and types among {', '.join(TYPES)} are needed")
        by_phrase[" ".join(words[1:])] = _Anaphor(row["head"].strip(), types)
    # "the bank", not "the Bank of China" (a name of its own) nor "the bank-led scheme"
    tails = trie_regex(sorted(by_phrase, key=len, reverse=True)).replace("\\ ", "[ \\t]+")
    phrase = compiled(rf"\b[Tt]he[ \t]+(?P<tail>{tails})\b(?![ \t]+of\b|[-‑–])")
    heads = {a.head for a in by_phrase.values()}
    head = compiled(r"\b(?:" + "|".join(re.escape(h) for h in sorted(heads)) + r")\b")
    reg = registry()
    holds: dict[str, set[str]] = {}
    for alias, (code, _via) in reg.alias_to.items():
        for word in set(alias.split()) & heads:
            holds.setdefault(code, set()).add(word)
    return phrase, head, by_phrase, {code: frozenset(words) for code, words in holds.items()}


def anaphors(text: str, hits: list[Hit]) -> list[Hit]:
    """"The bank", "the Fund", "the kingdom": each names the bank, fund or kingdom the story has named
    most often so far, the latest of those on a tie (``data/anaphors.csv``), as a hit of that partner
    ("the Asian Development Bank (ADB) said ... under the bank's programme" -> ADB). A name holding
    the head word that the registry does not know ("the State Bank of Pakistan") counts too, and when
    it leads the phrase names no partner. ``hits`` sorted by start; two patterns (each tried only where its words stand), one pass, a sort."""
    phrase, head, by_phrase, holds = _anaphors()
    found = list(islice(gated(phrase).finditer(text), MAX_HITS))  # bounded on any input, as ``Registry.find``
    if not found:
        return []
    entities = registry().entities
    starts = [h.start for h in hits]
    phrase_starts = [m.start() for m in found]
    # events in text order: (position, 0 a name holding a head word / 1 a phrase, head, hit or None, match)
    events: list[tuple[int, int, str, Hit | None, re.Match[str] | None]] = []
    for h in hits:
        words = holds.get(h.code, ()) if h.code in entities else [w for w in h.code.split() if head.fullmatch(w)]
        events.extend((h.start, 0, word, h, None) for word in words)
        # a body of a kingdom names the kingdom too: "the Saudi Fund for Development ... the kingdom's oil facility"
        country = entities[h.code].country if h.code in entities else None
        if country and entities.get(country) is not None and entities[country].type == "country":
            events.extend((h.start, 0, word, Hit.new(country, h.start, h.end, h.alias, h.via, h.passing), None)
                          for word in holds.get(country, ()) if word not in words)
    for m in islice(gated(head).finditer(text), MAX_HITS):
        i = bisect.bisect_right(starts, m.start()) - 1
        j = bisect.bisect_right(phrase_starts, m.start()) - 1
        if not (i >= 0 and hits[i].end >= m.end()) and not (j >= 0 and found[j].end() >= m.end()):
            events.append((m.start(), 0, m.group(0), None, None))  # a name the registry does not know
    for m in found:
        i = bisect.bisect_right(starts, m.start()) - 1
        if not (i >= 0 and hits[i].end > m.start()):  # not part of a name
            events.append((m.start(), 1, by_phrase[" ".join(m.group("tail").split())].head, None, m))
    events.sort(key=lambda e: (e[0], e[1]))
    counts: dict[tuple[str, str | None], int] = {}
    leader: dict[str, tuple[str | None, Hit | None]] = {}  # head -> (code or None, its last hit)

    def count(word: str, code: str | None, hit: Hit | None) -> None:
        n = counts[word, code] = counts.get((word, code), 0) + 1
        best = leader.get(word)
        if best is None or n >= counts[word, best[0]]:
            leader[word] = (code, hit)
        elif best[0] == code:
            leader[word] = (code, hit)

    out = []
    for _pos, is_phrase, word, hit, m in events:
        if not is_phrase:
            count(word, hit.code if hit is not None else None, hit)
            continue
        code, antecedent = leader.get(word, (None, None))
        if antecedent is None:
            continue
        entity = entities.get(code)
        anaphor = by_phrase[" ".join(m.group("tail").split())]
        if (entity.type if entity is not None else "organisation") in anaphor.types:
            named = Hit(code, m.start(), m.end(), m.group(0), antecedent.via, antecedent.passing)
            out.append(named)
            count(word, code, named)
    return out


def with_anaphors(text: str, hits: list[Hit]) -> list[Hit]:
    """``hits`` plus the partners that "the bank", "the Fund" or "the kingdom" point back to, in order."""
    extra = anaphors(text, hits)
    return sorted([*hits, *extra], key=lambda h: h.start) if extra else hits
