"""Partners: countries (ISO 3166-1 alpha-3 via pycountry), blocs, organisations and companies.

The registry is data: pycountry's country names, plus ``data/partners.csv`` (blocs,
organisations, companies, the subject), ``data/country_aliases.csv`` (demonyms and
short names), ``data/blocs.csv`` (members), ``data/places.csv`` (towns: mentions only)
and ``data/alias_ignore.csv`` (country names too ambiguous to match).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
import pycountry

from dashboard.vocab import VocabularyError, currency_tokens, read_rows, trie_regex

TYPES = ("country", "bloc", "organisation", "company", "subject")


@lru_cache(maxsize=1)
def currency_after() -> re.Pattern[str]:
    """A currency right after a country's name ("US$", "Saudi riyals"): then the name is the currency's,
    not a partner's. The words come from ``data/currencies.csv``."""
    tokens = currency_tokens()
    words = "|".join(re.escape(w) for w in sorted(tokens.suffix_words, key=len, reverse=True))
    return re.compile(rf"\s?(?:\$|(?i:{words})\b)")


@lru_cache(maxsize=1)
def passing_cues() -> re.Pattern[str]:
    """Words shortly before a name that make it a comparison, not an engagement (``data/passing_cues.csv``)."""
    cues = "|".join(row["pattern"] for row in read_rows("passing_cues.csv"))
    return re.compile(rf"(?:{cues})[^.;:!?]{{0,40}}$", re.IGNORECASE)


@dataclass(frozen=True)
class Entity:
    """A partner in the registry: ``Entity("CHN", "China", "country")``."""

    code: str
    name: str
    type: str
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One place where an entity is named: ``Hit("CHN", 120, 127, "Chinese", "name")``."""

    code: str
    start: int
    end: int
    alias: str
    via: str  # "name" (a country/organisation name or demonym) or "place" (a town)


@dataclass
class Registry:
    entities: dict[str, Entity]
    alias_to: dict[str, tuple[str, str]]  # alias -> (code, via)
    pattern: re.Pattern[str] = field(repr=False)

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
            out.update(self.get(code).members)
        return frozenset(out)

    def find(self, text: str) -> list[Hit]:
        """Every entity named in ``text``, left to right, skipping country names used as currencies."""
        hits = []
        for match in self.pattern.finditer(text):
            alias = match.group(0)
            code, via = self.alias_to[alias]
            if code != "PAK" and via == "name" and currency_after().match(text, match.end()):
                continue
            hits.append(Hit(code, match.start(), match.end(), alias, via))
        return hits

    def table(self) -> pd.DataFrame:
        """The registry as a frame: code, name, type, iso3 (countries), members (blocs, ';'-joined)."""
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


def _variants(alias: str) -> list[str]:
    """An alias as written, plus its ALL CAPS form for headlines: ``"China" -> ["China", "CHINA"]``."""
    return [alias] if alias.isupper() or len(alias) <= 3 else [alias, alias.upper()]


@lru_cache(maxsize=1)
def registry() -> Registry:
    """Build the partner registry from pycountry and the files in ``data/``."""
    ignored = {row["name"] for row in read_rows("alias_ignore.csv")}
    entities: dict[str, Entity] = {}
    alias_to: dict[str, tuple[str, str]] = {}

    def add_alias(alias: str, code: str, via: str) -> None:
        for variant in _variants(alias.strip()):
            if variant and variant not in ignored:
                alias_to.setdefault(variant, (code, via))

    members: dict[str, list[str]] = {}
    for row in read_rows("blocs.csv"):
        members.setdefault(row["bloc"], []).append(row["member"])

    for row in read_rows("partners.csv"):
        if row["type"] not in TYPES:
            raise VocabularyError(f"unknown partner type {row['type']!r} for {row['code']}: see data/partners.csv")
        entities[row["code"]] = Entity(row["code"], row["name"], row["type"], tuple(members.get(row["code"], ())))
        for alias in row["aliases"].split(";"):
            add_alias(alias, row["code"], "name")
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
    for row in read_rows("places.csv"):
        add_alias(row["place"], row["iso3"], "place")

    for bloc, codes in members.items():
        for code in codes:
            if code not in entities:
                raise VocabularyError(f"member {code!r} of {bloc} in data/blocs.csv is not an ISO3 country code")

    words = sorted(alias_to, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w&])" + trie_regex(words) + r"(?![\w&]|['’][A-Za-z]{2,})")
    return Registry(entities, alias_to, pattern)


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
        direct = hit.via == "name" and not passing_cues().search(text, max(0, hit.start - 60), hit.start)
        if direct:
            if hit.code not in partners:
                partners.append(hit.code)
        elif hit.code not in passing:
            passing.append(hit.code)
    mentions = [code for code in passing if code not in partners]
    return partners, mentions
