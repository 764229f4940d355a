"""What a story is about: themes (``data/themes.csv``) and actors (people with their titles).

``themes("... RAAST digital payment gateway ... AI, cybersecurity ...")`` -> ``["ai", "cybersecurity", ...]``
"""

from __future__ import annotations

import re
from functools import lru_cache

from dashboard import vocab
from dashboard.partners import registry
from dashboard.regexes import compiled


def themes(text: str) -> list[str]:
    """Themes whose keywords occur in ``text``, most mentioned first (ties in taxonomy order)."""
    lowered = vocab.lowered_text(text)
    counts: dict[str, int] = {}
    for _, _, term, _ in vocab.cue_index("theme").matches(text, lowered if len(lowered) == len(text) else None):
        counts[term.code] = counts.get(term.code, 0) + 1
    order = {term.code: i for i, term in enumerate(vocab.themes())}
    return sorted(counts, key=lambda code: (-counts[code], order[code]))


_NAME_TOKEN = r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|bin|ul|al|ud|ur|van|von|de)"
_NAME = rf"(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ \t]{_NAME_TOKEN}){{1,3}})"
# "\b" + _NAME, the "\b" checked by a look-behind after the first capital (the engine skips fast to capitals).
# Before a comma, a name can be read one way only (all of each word's letters, as many words as stand there):
# an atomic group, so that a name not followed by its comma is given up at once, not re-read with fewer words.
_NAME_OPENING = rf"(?P<name>[A-Z](?<!\w[A-Z])(?>[a-z]+(?:-[A-Z][a-z]+)?(?:[ \t]{_NAME_TOKEN}){{1,3}}))"
# Each part starts where the one before cannot go on: a word is letters, then one run of blanks, then an
# optional joining word followed by its own run of blanks; so no two adjacent parts match the same characters.
_QUALIFIER = r"(?:for|of|to)[ \t]++(?:the[ \t]++)?[A-Z][\w&'’-]*+(?:,?[ \t]++(?:(?:and|&|of|the)[ \t]++)?[A-Z][\w&'’-]*+){0,6}"


MAX_ACTORS = 100  # a story naming more people than this is a list, not a story; the first ones are kept


@lru_cache(maxsize=1)
def _actor_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rows = sorted(vocab.read_rows("actor_titles.csv"), key=lambda r: -len(r["title"]))
    titles = "|".join(re.escape(r["title"]) for r in rows if r["kind"] == "title")
    modifiers = "|".join(re.escape(r["title"]) for r in rows if r["kind"] == "modifier")
    title = rf"(?P<title>(?:(?:{modifiers})[ \t]+)*(?:{titles})(?:[ \t]+{_QUALIFIER}QUANT)?)"
    # Title before the name: the qualifier is lazy so that it stops where a name can start.
    before = compiled(rf"\b{title.replace('QUANT', '?')},?[ \t]+{_NAME}\b")
    # the name's "\b" checked by a look-behind after its capital, so that the engine skips fast to capitals
    after = compiled(rf"{_NAME_OPENING},[ \t]+(?:the[ \t]+)?(?:[A-Z][\w’']*[ \t]+)?{title.replace('QUANT', '')}")
    return before, after


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """Words never part of a person's name (``data/name_stopwords.csv``)."""
    return frozenset(row["word"] for row in vocab.read_rows("name_stopwords.csv"))


def _clean_name(name: str) -> tuple[str | None, str]:
    """Split leading title words off a name: ``"Initiatives Ahsan Iqbal"`` -> ``("Ahsan Iqbal", "Initiatives")``;
    the name is None when what is left is not a person's name."""
    tokens = name.split()
    stop = _stopwords()
    lead = []
    while tokens and tokens[0] in stop:
        lead.append(tokens.pop(0))
    reg = registry()
    if len(tokens) < 2 or any(t in stop or t in reg.alias_to for t in tokens):
        return None, ""
    return " ".join(tokens), " ".join(lead)


def actors(text: str) -> list[str]:
    """People named with a title: ``"Finance Minister Muhammad Aurangzeb"`` -> ``"Muhammad Aurangzeb (Finance Minister)"``.

    A later short form ("Minister Iqbal") merges into the full name seen first ("Ahsan Iqbal").
    """
    found: dict[str, str] = {}
    by_surname: dict[str, str] = {}  # last name -> the full name it is known under
    before, after = _actor_patterns()  # a title after a name is read only in the lines holding a title
    matches = sorted([*vocab.gated(before).finditer(text), *vocab.lined(after).finditer(text)], key=lambda m: m.start())
    for m in matches:
        name, lead = _clean_name(m.group("name"))
        if name is None:
            continue
        title = " ".join(m.group("title").split())
        if lead and m.start("title") < m.start("name"):
            title = f"{title} {lead}"
        surname = name.split()[-1]
        same = by_surname.get(surname)
        if same is None:
            if len(found) >= MAX_ACTORS:
                continue
            found[name] = title
            by_surname[surname] = name
        elif len(name) > len(same):
            found[name] = found.pop(same) if len(found[same]) >= len(title) else title
            by_surname[surname] = name
    return [f"{name} ({title})" for name, title in found.items()]
