"""Vocabularies kept as data files in ``data/``: metrics, themes, cues, outlets, furniture.

Each loader reads one CSV and compiles what it needs; an unknown name raises
:class:`VocabularyError` naming the file to edit.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import itemgetter
from pathlib import Path

from dashboard import DATA_DIR
from dashboard.regexes import compiled, remembered


class VocabularyError(ValueError):
    """A name is not in a vocabulary; the message says which file in ``data/`` to edit."""


@dataclass(frozen=True)
class Term:
    """One row of a keyword vocabulary: a code, its label and a compiled pattern (or None).
    Where a term may match is found for a whole vocabulary at once by :class:`CueIndex`."""

    code: str
    label: str
    pattern: re.Pattern[str] | None
    lowered: re.Pattern[str] | None = None  # the same pattern for lower-cased text, case-sensitive (faster)

    def finditer(self, text: str, lowered: str | None = None, start: int = 0, end: int | None = None):
        """Matches in ``text[start:end]``; given ``lowered`` (``text.lower()``, same length) the faster
        case-sensitive form runs on it instead."""
        end = len(text) if end is None else end
        if self.lowered is not None and lowered is not None:
            return self.lowered.finditer(lowered, start, end)
        return self.pattern.finditer(text, start, end)


@remembered
def lower_pattern(pattern: str) -> str | None:
    """``pattern`` for lower-cased text: literal letters lower-cased, escapes kept (``\\S`` stays ``\\S``).
    None where part of it must see the original case (a ``(?-i:...)`` group)."""
    if "(?-i" in pattern:
        return None
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        out.append(ch.lower())
        i += 1
    return "".join(out)


@remembered
def word_gate(pattern: str) -> tuple[str, ...] | None:
    """The words (lower-cased) that every match of ``pattern`` starts with, when each of its
    alternatives opens with ``\\b`` and a literal: ``r"\\bgoals?\\b|\\btarget\\w*"`` -> ``("goal", "target")``;
    a word ends at a character that is not a word's (``r"\\bstaff-level"`` -> ``("staff",)``).
    None when some alternative may start elsewhere (then the pattern is run over the whole text)."""
    from re import _constants as C
    from re import _parser as P

    def starts(items: list, bounded: bool) -> list[str] | None:
        chars: list[str] = []
        for i, (op, av) in enumerate(items):
            if op == C.AT and not chars and av == C.AT_BOUNDARY:
                bounded = True
                continue
            if op == C.LITERAL and bounded:
                char = chr(av)
                if not (char.isalnum() or char in "_ "):
                    break  # the text is read with its other characters made spaces: "staff-level" starts "staff"
                chars.append(char)
                continue
            if op == C.BRANCH and not chars:
                out: list[str] = []
                for alt in av[1]:
                    found = starts(list(alt) + items[i + 1 :], bounded)
                    if found is None:
                        return None
                    out.extend(found)
                return out
            if op == C.SUBPATTERN and not chars:
                return starts(list(av[-1]) + items[i + 1 :], bounded)
            break
        return ["".join(chars).lower()] if chars else None

    try:
        found = starts(list(P.parse(pattern, re.IGNORECASE)), False)
    except Exception:
        return None
    return tuple(sorted(set(found))) if found else None


_SPACED_LENGTH = 14  # spaced openings are read this far
_MAX_SPACED = 400  # a term with more spaced openings keeps its gate words


@remembered
def spaced_openings(lowered: str, gate: tuple[str, ...]) -> tuple[str, ...]:
    """The openings of a lower-case pattern (see :func:`lower_pattern`) as :func:`spaced_words` writes the text it
    matches, read past its gate words (``gate``, see :func:`word_gate`): every non-word character a space, and
    nothing read after one (more blanks may follow, and no opening holds a space but its last character), so
    that ``r"\be-?payments?\b"`` -> ``("e ", "epayment", "epayments")`` where its gate is ``("e",)``. Each opening
    starts with a gate word; a pattern read otherwise (a case-insensitive group, too many openings) keeps ``gate``."""
    from re import _constants as C
    from re import _parser as P

    def word_char(ch: str) -> bool:
        return ch.isascii() and (ch.isalnum() or ch == "_")

    def firsts(items: list, budget: int) -> set[str]:
        if budget == 0 or not items:
            return {""}
        (op, av), rest = items[0], items[1:]
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # they consume nothing
            return firsts(rest, budget)
        if op == C.LITERAL:
            ch = chr(av)
            if word_char(ch):
                return {ch + x for x in firsts(rest, budget - 1)}
            return {" "} if ch.isascii() else {""}
        if op == C.IN:  # a few literals, or blanks
            chars = set()
            for sop, sav in av:
                if sop == C.LITERAL and chr(sav).isascii():
                    chars.add(chr(sav) if word_char(chr(sav)) else " ")
                elif sop == C.CATEGORY and sav == C.CATEGORY_SPACE:
                    chars.add(" ")
                else:
                    return {""}
            return set().union(*({" "} if ch == " " else {ch + x for x in firsts(rest, budget - 1)} for ch in chars))
        inner = _grouped(op, av, rest, budget, firsts)
        if inner is not None:
            return inner
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, high, body = av
            # once: then what follows it, when it cannot come again
            once = firsts(list(body) + rest, budget) if high == 1 else firsts(list(body), budget)
            return once if low >= 1 else once | firsts(rest, budget)
        return {""}  # a class, a category, a case-insensitive group ...: any character may come

    try:
        parsed = P.parse(lowered)
        found = None if parsed.state.flags & re.IGNORECASE else firsts(list(parsed), _SPACED_LENGTH)
    except (RecursionError, re.error):
        found = None
    if not found or "" in found or len(found) > _MAX_SPACED or not all(any(w.startswith(g) for g in gate) for w in found):
        return gate
    return tuple(sorted(found))


def _grouped(op, av, rest: list, budget: int, firsts) -> set[str] | None:
    """The openings of a branch, a case-sensitive group or an atomic group with what follows it (``rest``), each
    part read by ``firsts(items, budget)``; None for any other item of a parsed pattern."""
    from re import _constants as C

    if op == C.BRANCH:
        return set().union(*(firsts(list(alt) + rest, budget) for alt in av[1]))
    if op == C.SUBPATTERN and not av[1] & re.IGNORECASE:
        return firsts(list(av[3]) + rest, budget)
    if op == C.ATOMIC_GROUP:
        return firsts(list(av) + rest, budget)
    return None


_PREFIX_LENGTH = 8  # literal openings are read this far: enough to skip most places fast
_MAX_OPENINGS = 20_000


@remembered
def literal_openings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Literal strings one of which every match of ``pattern`` starts with, at most ``_PREFIX_LENGTH``
    long: ``(?<!\\w)(?:fy|19\\d\\d)\\b`` -> ``{"fy", "19"}``. Look-arounds and anchors are skipped (they
    consume nothing); the reading stops at the first part that is not a literal (a class, a
    case-insensitive group). None when some match may start with anything."""
    from re import _constants as C
    from re import _parser as P

    if flags & re.IGNORECASE:
        return None

    def firsts(items: list, budget: int) -> set[str]:
        if budget == 0 or not items:
            return {""}
        (op, av), rest = items[0], items[1:]
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return firsts(rest, budget)
        if op == C.LITERAL:
            return {chr(av) + x for x in firsts(rest, budget - 1)}
        if op == C.IN and av and len(av) <= 8 and all(sop == C.LITERAL for sop, _ in av):
            tails = firsts(rest, budget - 1)
            return {chr(c) + x for _, c in av for x in tails}
        inner = _grouped(op, av, rest, budget, firsts)
        if inner is not None:
            return inner
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            once = firsts(list(av[2]), budget)
            return once if av[0] >= 1 else once | firsts(rest, budget)
        return {""}  # a class, a category, a case-insensitive group ...: any character may come

    try:
        found = firsts(list(P.parse(pattern, flags)), _PREFIX_LENGTH)
    except (RecursionError, re.error):
        return None
    return None if "" in found or len(found) > _MAX_OPENINGS else frozenset(found)


def automaton_of(entries):
    """An Aho-Corasick automaton (pyahocorasick, imported when first needed) of ``(word, value)`` entries,
    made ready when it holds any: ``automaton_of([("bank", 3)]).iter(" a bank ")`` -> ``[(6, 3)]``."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word, value in entries:
        automaton.add_word(word, value)
    if len(automaton):
        automaton.make_automaton()
    return automaton


class WordPass:
    """Sets of words found in one Aho-Corasick pass over a text. An automaton costs mostly per character
    read, so the sets that the readers of one story look for in its lower-cased text (the openings of its
    years, of its comparisons and of its passing cues, the gate words of spelled amounts) are registered
    here and found together, once per text: the last two texts' hits are kept.

    ``k = WORDS.register(("per cent", "percent"))``; ``WORDS.hits("5 percent", k)`` -> ``[(2, 9, 1)]``
    (start, end and the word's index in its set, for every place of every word, overlapping ones too,
    by where they end, the longer first)."""

    def __init__(self) -> None:
        self.sets: list[tuple[str, ...]] = []
        self._automaton: tuple[int, object] | None = None  # (the number of sets it holds, the automaton)
        self._last: list[tuple[str, int, list[list[tuple[int, int, int]]], dict]] = []  # newest first

    def register(self, words) -> int:
        """Add a set of words; its number, for :meth:`hits`."""
        self.sets.append(tuple(words))
        return len(self.sets) - 1

    def _pass(self, text: str, k: int) -> tuple[str, int, list[list[tuple[int, int, int]]], dict]:
        last = self._last  # a list replaced whole, never changed: safe to read from any thread
        for entry in last:
            if entry[0] is text and k < entry[1]:
                return entry
        # sets registered since this text's pass (their readers are made on first use, during the first
        # story) are found in a pass of their own over it: the sets already found are not looked for again
        before = next((entry for entry in last if entry[0] is text), None)
        lo = before[1] if before is not None else 0
        hi, automaton = self._automaton_of(lo)
        found: list[list[tuple[int, int, int]]] = [*(before[2] if before is not None else ()), *([] for _ in range(hi - lo))]
        for end, (back, found_in) in automaton.iter(text) if len(automaton) else ():  # (sets of no words: nothing to find)
            for n, i in found_in:
                found[n].append((end - back, end + 1, i))
        entry = (text, hi, found, dict(before[3]) if before is not None else {})
        self._last = [entry, *(e for e in last if e is not before)][:2]
        return entry

    def _automaton_of(self, lo: int) -> tuple[int, object]:
        """The number of sets registered and an automaton of the words of sets ``lo`` and later (the one of
        every set is kept for the next texts; one of the later sets only is made for a text passed before)."""
        built = self._automaton
        if lo == 0 and built is not None and built[0] == len(self.sets):
            return built
        hi = len(self.sets)
        owners: dict[str, list[tuple[int, int]]] = {}
        for n in range(lo, hi):
            for i, word in enumerate(self.sets[n]):
                owners.setdefault(word, []).append((n, i))
        automaton = automaton_of((word, (len(word) - 1, tuple(found_in))) for word, found_in in owners.items())
        if lo == 0:
            self._automaton = (hi, automaton)
        return hi, automaton

    def hits(self, text: str, k: int) -> list[tuple[int, int, int]]:
        """``(start, end, index)`` of every place in ``text`` of a word of set ``k``, by where they end."""
        return self._pass(text, k)[2][k]

    def by_start(self, text: str, k: int) -> tuple[list[int], list[int]]:
        """The starts and ends of set ``k``'s places in ``text``, sorted by start (for bisection)."""
        entry = self._pass(text, k)
        if k not in entry[3]:
            ordered = sorted(entry[2][k])
            entry[3][k] = ([a for a, _, _ in ordered], [b for _, b, _ in ordered])
        return entry[3][k]


WORDS = WordPass()
# The registry's names, each with a space before it and every character that is neither a word character
# nor "&" a space, found in a text so written (see ``name_starts``): a name can only start after such a
# character, so the automaton's first step is the space alone (cheap on every other character)
NAMES = WordPass()
# The required words of lined patterns (see ``Lined``), as written, found in one pass over the text
LINE_WORDS = WordPass()

OTHER_BLANKS = compiled(r"[^\S ]")  # a blank but the space: a line break, a tab ...
# ``name_starts``: every ASCII byte that is neither a word character nor "&" a space; those of other characters
# (0x80 and above in UTF-8) left as they are, the non-ASCII non-word characters made spaces by a regex
_ASCII_NAME_STARTS = bytes(c if c >= 0x80 or chr(c).isalnum() or c in (0x5F, 0x26) else 0x20 for c in range(256))
_NON_ASCII_NON_WORD_CHAR = compiled(r"[^\x00-\x7f\w]")
_NAME_STARTS: list[tuple[str, str]] = [("", " ")]  # the text written so last, and its form


def name_starts(text: str) -> str:
    """``" " + text`` with every character that is neither a word character nor "&" a space:
    ``"the U.S.\nand AT&T" -> " the U S  and AT&T"``. A name (see ``partners.AliasIndex``) stands where the
    text holds it, one place on, after a space. The last one is kept."""
    last = _NAME_STARTS[0]
    if last[0] is text:
        return last[1]
    marked = text.encode("utf-8", "surrogatepass").translate(_ASCII_NAME_STARTS).decode("utf-8", "surrogatepass")
    marked = " " + (marked if marked.isascii() else _NON_ASCII_NON_WORD_CHAR.sub(" ", marked))
    _NAME_STARTS[0] = (text, marked)
    return marked


def as_name_start(word: str) -> str:
    """``word`` as :func:`name_starts` writes it, with its space before: ``"U.S."`` -> ``" U S "``."""
    return name_starts(word)


@remembered
def required_words(pattern: re.Pattern[str] | str, flags: int = 0) -> frozenset[str] | None:
    r"""Literal strings one of which every match of ``pattern`` holds (case-sensitive parts only), or None:
    ``r"[A-Z]+ \d+ (?:Increased|No[ \t]+Change)"`` -> ``{"Increased", "Change"}``. A text holding none of them
    holds no match, so the pattern need not run over it. Read from the parsed pattern: a run of literals
    in sequence, every alternative of a branch, the body of a group or of a repetition taken at least once;
    of those, the set whose shortest string is longest. A pattern not yet compiled is read with ``flags``."""
    from re import _constants as C
    from re import _parser as P

    def needs(items, flags: int) -> frozenset[str] | None:
        found: list[frozenset[str]] = []
        run: list[str] = []
        for op, av in [*items, (None, None)]:  # a last item ends the last run
            if op == C.LITERAL and not flags & re.IGNORECASE:
                run.append(chr(av))
                continue
            if run:
                found.append(frozenset(["".join(run)]))
                run = []
            inner = None
            if op == C.SUBPATTERN:
                inner = needs(av[3], (flags | av[1]) & ~av[2])
            elif op == C.ATOMIC_GROUP:
                inner = needs(av, flags)
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
                inner = needs(av[2], flags)
            elif op == C.BRANCH:
                each = [needs(alt, flags) for alt in av[1]]
                inner = None if any(e is None for e in each) else frozenset().union(*each)
            if inner:
                found.append(inner)
        return max(found, key=lambda words: min(map(len, words))) if found else None

    try:
        parsed = P.parse(pattern, flags) if isinstance(pattern, str) else P.parse(pattern.pattern, pattern.flags)
    except (RecursionError, re.error):
        return None
    return needs(parsed, parsed.state.flags)


@remembered
def within_lines(pattern: re.Pattern[str] | str, flags: int = 0) -> bool:
    r"""Whether no match of ``pattern`` can hold a line break, nor a part of it look past one or take the
    line's end for the text's end: ``[A-Z]\w+[ 	]+Bank`` -> True, ``\s+`` or ``x$`` -> False. Then its matches
    in a text are those it finds in each line (with its line break) apart. Read from the parsed pattern (a
    pattern not yet compiled with ``flags``)."""
    from re import _constants as C
    from re import _parser as P

    newline_categories = {C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD, C.CATEGORY_NOT_DIGIT, C.CATEGORY_LINEBREAK}

    def takes_newline(items) -> bool:
        negated = bool(items) and items[0][0] == C.NEGATE
        taken = any(
            (op == C.LITERAL and av == 10) or (op == C.RANGE and av[0] <= 10 <= av[1]) or (op == C.CATEGORY and av in newline_categories)
            for op, av in items
        )
        return taken != negated

    def safe(items, flags: int) -> bool:
        for op, av in items:
            if op == C.LITERAL:
                ok = av != 10
            elif op == C.NOT_LITERAL:
                ok = av == 10
            elif op == C.ANY:
                ok = not flags & re.DOTALL
            elif op == C.IN:
                ok = not takes_newline(av)
            elif op == C.AT:
                ok = av not in (C.AT_END, C.AT_END_STRING) or (av == C.AT_END and flags & re.MULTILINE)
            elif op == C.SUBPATTERN:
                ok = safe(av[3], (flags | av[1]) & ~av[2])
            elif op == C.BRANCH:
                ok = all(safe(alt, flags) for alt in av[1])
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                ok = safe(av[2], flags)
            elif op in (C.ASSERT, C.ASSERT_NOT):
                ok = safe(av[1], flags)
            elif op == C.ATOMIC_GROUP:
                ok = safe(av, flags)
            elif op == C.GROUPREF_EXISTS:
                ok = safe(av[1], flags) and (av[2] is None or safe(av[2], flags))
            else:
                ok = op == C.GROUPREF  # a back-reference repeats a group (itself checked); anything else: unknown
            if not ok:
                return False
        return True

    try:
        parsed = P.parse(pattern, flags) if isinstance(pattern, str) else P.parse(pattern.pattern, pattern.flags)
    except (RecursionError, re.error):
        return False
    return safe(parsed, parsed.state.flags)


class Lined:
    """A pattern run only over the lines of a text that hold one of its required words (see
    :func:`required_words`; found with the other words of ``LINE_WORDS``, in one pass): ``finditer`` gives the
    same matches as ``gated(pattern).finditer(text)``, for a pattern :func:`within_lines` (each line is read
    with its line break, so that what the pattern reads at a line's end is what it reads in the whole
    text). Else, or without required words, the pattern runs over the whole text."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        words = required_words(pattern) if within_lines(pattern) else None
        self.word_set = LINE_WORDS.register(sorted(words)) if words else None

    def lines(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each line holding a required word, its line break included, in order."""
        if self.word_set is None:
            return [(0, len(text))]
        out: list[tuple[int, int]] = []
        for _, stop, _ in LINE_WORDS.hits(text, self.word_set):
            at = stop - 1  # the word's last character, in the line it ends in
            if out and at < out[-1][1]:
                continue  # in the line found last
            end = text.find("\n", at)
            out.append((text.rfind("\n", 0, at) + 1, len(text) if end == -1 else end + 1))
        return out

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        finder = gated(self.pattern)
        for start, end in self.lines(text):
            yield from finder.finditer(text, start, end)


_LINED: dict[int, Lined] = {}  # by the id of the pattern, which its Lined keeps alive


def lined(pattern: re.Pattern[str]) -> Lined:
    r"""The :class:`Lined` form of a compiled pattern, built once (looked up by identity, as :func:`gated`):
    ``lined(compiled(r"from\s+[A-Z]\w*\s+Bank")).finditer("a loan from Ajman Bank")`` gives "from Ajman Bank"."""
    found = _LINED.get(id(pattern))
    if found is None or found.pattern is not pattern:
        found = _LINED[id(pattern)] = Lined(pattern)
    return found


_FEW_WORDS = 12  # openings found one by one with str.find (faster than an automaton over a short text)
_STRETCH = 1 << 16  # the places of a gated pattern's openings are found this many characters at a time


class Gated:
    """A compiled pattern whose ``finditer`` tries the pattern only where one of its literal openings
    (see :func:`literal_openings`) stands: the same matches as ``pattern.finditer(text)``, in the
    same order, without the regex engine trying every character. The openings are found with
    ``str.find`` when they are few; those that open with capitals, digits or signs (rare in prose)
    with one regex of them that the engine skips through fast (each alternative opens with a
    literal); when many open in lower case, all in the Aho-Corasick pass of ``passes`` (see :class:`WordPass`:
    one pass over a text for every such pattern read on it). A pattern without such openings, or with a
    single letter, digit or blank among them (the engine skips to those fast itself), runs as it is."""

    def __init__(self, pattern: re.Pattern[str], passes: WordPass | None = None) -> None:
        self.pattern = pattern
        self.passes = WORDS if passes is None else passes  # where many openings are found (see ``WordPass``)
        self.word_set = self.finder = self.words = None  # word_set: the number of its openings in ``passes``
        self.core = ""  # a string inside every opening (absent: no match at all)
        self.openings: frozenset[str] = frozenset()  # the shortest openings (see ``may_match``)
        self._any_opening = None  # an automaton of them, built when first asked
        openings = literal_openings(pattern.pattern, pattern.flags)
        if not openings or pattern.match("") or any(len(w) < 2 and (w.isalnum() or w.isspace()) for w in openings):
            return
        self.longest = max(len(w) for w in openings)
        # an opening that extends another ("apr" -> "april") adds no place: only the shortest are kept
        openings = {w for w in openings if not any(w[:n] in openings for n in range(1, len(w)))}
        self.openings = frozenset(openings)
        lower = {w for w in openings if w[0].islower()}
        if len(lower) <= _FEW_WORDS:
            # the openings that start in lower case (common in prose) by ``str.find``, and the others
            # (capitals, digits, signs: rare) with "A(?=ED|FN)|\$": one character taken and the rest
            # looked at, so that places that overlap are all found
            self.words = tuple(sorted(lower if len(openings) > _FEW_WORDS else openings))
            rests: dict[str, set[str]] = {}
            for w in openings - set(self.words):
                rests.setdefault(w[0], set()).add(w[1:])
            alternatives = [re.escape(c) + ("" if "" in rest else "(?=" + trie_regex(sorted(rest)) + ")") for c, rest in sorted(rests.items())]
            self.finder = compiled("|".join(alternatives)) if alternatives else None
            if self.finder is None:
                shortest = min(openings, key=len)
                inside = (shortest[a:b] for a in range(len(shortest)) for b in range(len(shortest), a + 2, -1))
                self.core = next((c for c in inside if all(c in w for w in openings)), "")
        else:  # many: found with the other word sets of the text, in one pass (see ``WordPass``)
            self.word_set = self.passes.register(sorted(openings))

    @property
    def gated(self) -> bool:
        return self.words is not None or self.word_set is not None

    def may_match(self, text: str) -> bool:
        """False only when no match can be in ``text``: none of the openings stands there (one Aho-Corasick
        pass that stops at the first it finds: cheaper than finding them all for a text read once, a quote).
        Always True for a pattern that is not gated: ``gated(compiled(r"\\bbetween\\b")).may_match("no such word")`` -> False."""
        if not self.gated:
            return True
        return next(self._openings_automaton().iter(text), None) is not None

    def search_once(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)`` for a text read once (a quote): where the openings stand is found by one pass of
        their own automaton, tried in order, and not kept (see :meth:`may_match`): a text holding none costs that
        pass alone. ``gated(compiled(r"\\bthan\\b")).search_once("more than that").span()`` -> (5, 9)."""
        if not self.gated:
            return self.pattern.search(text)
        match = self.pattern.match
        for at in sorted([end + 1 - length for end, length in self._openings_automaton().iter(text)]):
            if m := match(text, at):  # no opening extends another: one at most starts at each place
                return m
        return None

    def _openings_automaton(self):
        """An Aho-Corasick automaton of the openings (each with its length), built when first asked."""
        if self._any_opening is None:
            self._any_opening = automaton_of((word, len(word)) for word in self.openings)
        return self._any_opening

    def places(self, text: str, pos: int, endpos: int) -> list[int]:
        """Where an opening starts in ``text[pos:endpos]`` (and ends by ``endpos``), in order."""
        if self.word_set is not None:
            # no opening extends another: one opening at most starts at each place
            starts, ends = self.passes.by_start(text, self.word_set)
            lo, hi = bisect_left(starts, pos), bisect_left(starts, endpos)
            return [starts[i] for i in range(lo, hi) if ends[i] <= endpos]
        if self.core and text.find(self.core, pos, endpos) == -1:
            return []
        # patterns with the same openings ("between $12 and $16 billion", "between 30 and 35 percent") read
        # the same places: those found last for these openings are kept
        last = _LAST_PLACES.get(self.words)
        if last is not None and last[0] is text and last[1] == pos and last[2] == endpos and last[3] is self.finder:
            return last[4]
        found = [m.start() for m in self.finder.finditer(text, pos, endpos)] if self.finder is not None else []
        for word in self.words:
            at = text.find(word, pos, endpos)
            while at != -1:
                found.append(at)
                at = text.find(word, at + 1, endpos)
        found = sorted(found) if len(self.words) > 1 or self.finder is not None else found
        _LAST_PLACES[self.words] = (text, pos, endpos, self.finder, found)
        return found

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text, pos, endpos)``: the leftmost match at or after where the last one ended, each time."""
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if not self.gated:
            yield from self.pattern.finditer(text, pos, endpos)
            return
        match = self.pattern.match
        if endpos - pos <= _STRETCH:  # one stretch (most texts): its places at once
            for at in self.places(text, pos, endpos):
                if at >= pos and (m := match(text, at, endpos)):
                    pos = m.end()  # a match holds its opening: never empty
                    yield m
            return
        # the places are found a stretch at a time, so a caller that stops early (a story's limit of
        # amounts) has not paid for the places of the whole text; an opening that starts in a stretch is
        # looked for up to its longest length past it, and the next stretch starts where this one stopped
        start = pos
        while start < endpos:
            stop = min(endpos, start + _STRETCH)
            for at in self.places(text, start, min(endpos, stop + self.longest)):
                if at >= stop:
                    break
                if at >= pos:
                    m = match(text, at, endpos)
                    if m:  # a match holds its opening: never empty
                        pos = m.end()
                        yield m
            start = max(stop, pos)


    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """``pattern.search(text, pos, endpos)``: the first match :meth:`finditer` gives, without its generator
        (a story asks this of each of its sentences: what one call costs counts):
        ``gated(compiled(r"\\bbetween\\b")).search("trade between the two").span()`` -> (6, 13)."""
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if not self.gated:
            return self.pattern.search(text, pos, endpos)
        if endpos - pos > _STRETCH:
            return next(self.finditer(text, pos, endpos), None)
        match = self.pattern.match
        if self.word_set is not None:  # the places of the openings, read where they stand
            starts, ends = self.passes.by_start(text, self.word_set)
            for i in range(bisect_left(starts, pos), bisect_left(starts, endpos)):
                if ends[i] <= endpos and (m := match(text, starts[i], endpos)):
                    return m
            return None
        for at in self.places(text, pos, endpos):
            if m := match(text, at, endpos):
                return m
        return None


_GATED: dict[int, Gated] = {}  # by the id of the pattern, which its Gated keeps alive
_LAST_PLACES: dict[tuple[str, ...], tuple] = {}  # openings -> (text, pos, endpos, finder, places) read last


def gated(pattern: re.Pattern[str]) -> Gated:
    """The :class:`Gated` form of a compiled pattern, built once. Looked up by identity: hashing a
    compiled pattern hashes its whole program (tens of microseconds for the partner names)."""
    found = _GATED.get(id(pattern))
    if found is None or found.pattern is not pattern:
        found = _GATED[id(pattern)] = Gated(pattern)
    return found




class CueIndex:
    """All the terms of a vocabulary matched in one pass: an Aho-Corasick automaton (pyahocorasick)
    over the words their alternatives start with finds where a term can match, and only there is
    the term's pattern tried. Terms without such words run over the whole text."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.terms = terms
        words: dict[str, list[tuple[int, int]]] = {}
        self.fallback: list[Term] = []
        for i, term in enumerate(terms):
            if term.pattern is None:
                continue
            gate = word_gate(term.pattern.pattern)
            if gate is None:
                self.fallback.append(term)
                continue
            # a lower-case pattern is read past its gate words (fewer places tried); ``rank``: the length of the
            # shortest gate word an opening starts with, where the term's match stood among those found at one place
            for word in spaced_openings(term.lowered.pattern, gate) if term.lowered is not None else gate:
                words.setdefault(word, []).append((i, min(len(g) for g in gate if word.startswith(g))))
        def tried(ranked: list[tuple[int, int]]) -> tuple:
            # each term comes with its matcher: the lower-case pattern (run on lowered text) or the pattern
            # itself (on the text), and its rank
            return tuple(
                (i, terms[i], *((terms[i].lowered.match, True) if terms[i].lowered is not None else (terms[i].pattern.match, False)), rank)
                for i, rank in ranked
            )

        # " word": the automaton runs over the text with every non-word character made a space, so it only
        # ever stops where a word starts
        self.automaton = automaton_of((" " + word, (len(word), tried(ranked))) for word, ranked in words.items())
        self.empty = not words
        self.joint: JointCueIndex | None = None  # this index alone, built when first used

    def matches(self, text: str, lowered: str | None = None) -> list[tuple[int, int, Term, re.Match[str]]]:
        """Every match of every term in ``text``, sorted by start (``lowered`` is ``text.lower()``
        when it has the same length; the lower-case patterns run on it)."""
        if self.joint is None:
            self.joint = JointCueIndex((self,))
        return self.joint.matches(text, lowered)[0]


class JointCueIndex:
    """Several :class:`CueIndex` run in one automaton pass over the text: ``matches`` gives for each
    the list its own ``matches`` gives (its words' hits come in the same order: by where they end,
    the longer first; the others' hits between them change nothing)."""

    def __init__(self, indexes: tuple[CueIndex, ...]) -> None:
        self.indexes = indexes
        words: dict[str, list] = {}
        for k, index in enumerate(indexes):
            if not index.empty:
                for word, value in index.automaton.items():
                    words.setdefault(word, [None] * len(indexes))[k] = value
        # each word's terms as one flat tuple ``(k, i, term, match, on_lowered, rank, shared)``: ``shared`` when
        # another word of the same term starts like it ("invest", "investment": both found at one place)
        words_of: dict[tuple[int, int], list[str]] = {}
        for word, values in words.items():
            for k, value in enumerate(values):
                for entry in value[1] if value is not None else ():
                    words_of.setdefault((k, entry[0]), []).append(word)

        def shared(k: int, i: int, word: str) -> bool:
            return any(w != word and (w.startswith(word) or word.startswith(w)) for w in words_of[(k, i)])

        def value(word: str, values: list) -> tuple:
            per_index = tuple((k, v[1]) for k, v in enumerate(values) if v is not None)
            flat = tuple((k, *entry, shared(k, entry[0], word)) for k, entries in per_index for entry in entries)
            return len(word) - 1, per_index, flat

        self.automaton = automaton_of((word, value(word, values)) for word, values in words.items())
        self.empty = not words
        self._longest: int | None = None  # the longest word, when first needed
        # no word holds a space but its first and last: the hits that start at one place come one after another
        # (they all end by the next space, where those of the next place start), so a place's tries are remembered
        # until the next
        self.consecutive = all(" " not in word[1:-1] for word in words)

    def matches(
        self, text: str, lowered: str | None = None, within: tuple[bytearray | None, ...] | None = None
    ) -> list[list[tuple[int, int, Term, re.Match[str]]]]:
        """``[index.matches(text, lowered) for index in self.indexes]``, in one pass. With ``within``
        (per index, None or a mask as long as the text), only the matches starting where the mask is set.

        The automaton runs over the text with every non-word character made a space (so it stops only
        where a word starts) and only there is a term tried; terms without such words, and every term
        when ``lower()`` moved positions, run over the whole text."""
        probe = lowered if lowered is not None else text.lower()
        same = len(probe) == len(text)
        masks = within or (None,) * len(self.indexes)
        # the automaton's matches as ``(start, rank, i, match, term)``: at one place, in the order the gate words
        # (see ``CueIndex``) would find them, the shorter first, then by term
        ranked: list[list] = [[] for _ in self.indexes]
        if not self.empty and same:
            last = [-1] * len(self.indexes)  # per index: where its last hit started, and the terms tried there
            tried: list[list[int]] = [[] for _ in self.indexes]
            spaced = spaced_words(probe)
            iterate = self.automaton.iter
            if self.consecutive:
                self._walk(text, probe, spaced, masks, ranked)
            for r0, stop, r1 in self._stretches(spaced, masks) if not self.consecutive else ():
                for end, (length, per_index, _) in iterate(spaced, r0, stop):
                    at = end - length  # ``end`` is in ``spaced``, one character ahead of ``probe``
                    if at >= r1:
                        continue  # a word that starts past the stretch: the next stretch's, if any
                    for k, entries in per_index:
                        if at != last[k]:
                            last[k] = at
                            done = tried[k] = []
                        else:
                            done = tried[k]
                        mask = masks[k]
                        if mask is not None and not mask[at]:
                            continue  # (the terms tried stay as they were: a mask is set or not for all of a place)
                        for i, term, match, on_lowered, rank in entries:
                            if i in done:  # two words of one term start here ("invest", "investment")
                                continue
                            done.append(i)
                            m = match(probe if on_lowered else text, at)
                            if m:
                                ranked[k].append((at, rank, i, m, term))
        found = [[(m.start(), m.end(), term, m) for _, _, _, m, term in sorted(r, key=_RANK)] for r in ranked]
        for index, mask, out in zip(self.indexes, masks, found, strict=True):
            for term in index.fallback if same else [t for t in index.terms if t.pattern is not None]:
                out.extend((m.start(), m.end(), term, m) for m in term.finditer(text, probe if same else None) if mask is None or mask[m.start()])
            out.sort(key=itemgetter(0))
        return found


    def _walk(self, text: str, probe: str, spaced: str, masks: tuple[bytearray | None, ...], ranked: list[list]) -> None:
        """The automaton's part of :meth:`matches` when the hits of one place come one after another
        (``consecutive``): each word's terms in one flat loop; a term is remembered as tried at a place
        only when another of its words can start there too (``shared``)."""
        iterate = self.automaton.iter
        last, done = -1, set()
        for r0, stop, r1 in self._stretches(spaced, masks):
            for end, (length, _, flat) in iterate(spaced, r0, stop):
                at = end - length  # ``end`` is in ``spaced``, one character ahead of ``probe``
                if at >= r1:
                    continue  # a word that starts past the stretch: the next stretch's, if any
                for k, i, term, match, on_lowered, rank, shared in flat:
                    mask = masks[k]
                    if mask is not None and not mask[at]:
                        continue
                    if shared:
                        if at != last:
                            last, done = at, set()
                        if (k, i) in done:  # two words of one term start here ("invest", "investment")
                            continue
                        done.add((k, i))
                    m = match(probe if on_lowered else text, at)
                    if m:
                        ranked[k].append((at, rank, i, m, term))

    def _stretches(self, spaced: str, masks: tuple[bytearray | None, ...]) -> list[tuple[int, int, int]]:
        """Where the automaton walks ``spaced``, as ``(start, stop, bound)``: the hits it finds there are
        those of the words that start before ``bound``. The whole text; or, when every index has a mask,
        only the stretches where one is set (a long text with few figures is not walked whole), each
        walked on as far as its longest word can reach. A word starting at ``at`` in the text spans
        ``spaced[at : at + len + 1]``."""
        if any(mask is None for mask in masks):
            return [(0, len(spaced), len(spaced))]
        if self._longest is None:
            self._longest = max((len(w) for w in self.automaton.keys()), default=0)
        reach = self._longest + 1
        return [(r0, min(len(spaced), r1 + reach), r1) for r0, r1 in (run.span() for run in _SET_RUN.finditer(_union(masks)))]


_SET_RUN = compiled(rb"[^\x00]+")
_RANK = itemgetter(0, 1, 2)


def _union(masks: tuple[bytearray, ...]) -> bytes:
    """Where any of the masks (bytearrays of 0 and 1, one length) is set, as bytes."""
    if len(masks) == 1:
        return bytes(masks[0])
    bits = 0
    for mask in masks:
        bits |= int.from_bytes(mask, "big")
    return bits.to_bytes(len(masks[0]), "big")


@lru_cache(maxsize=4)
def joint_cue_index(names: tuple[str, ...]) -> JointCueIndex:
    """The :class:`JointCueIndex` of the named vocabularies (see :func:`cue_index`)."""
    return JointCueIndex(tuple(cue_index(name) for name in names))


_LOWERED: list[tuple[str, str]] = [("", "")]  # the text lowered last, and its lower-case form


def lowered_text(text: str) -> str:
    """``text.lower()``, kept for the last text: a story's partners, amounts and cues all read it.
    Positions are kept: a letter whose lower case is longer (the Turkish "İ" -> "i̇") stays as it is,
    so one "İstanbul" does not cost a whole story its lower-case reading."""
    last = _LOWERED[0]
    if last[0] is text:
        return last[1]
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(low := c.lower()) != 1 else low for c in text)
    _LOWERED[0] = (text, lowered)
    return lowered


# The only characters that a case-insensitive pattern takes for an ASCII letter while ``lower()`` makes them
# something else: "İ" and "ı" match "i", "ſ" matches "s" (every other one lower-cases to the letter it matches)
UNFOLDED = ("İ", "ı", "ſ")


def plain_lowered(text: str) -> str | None:
    """``text.lower()`` (see :func:`lowered_text`) when a case-insensitive pattern finds an ASCII word in
    ``text`` exactly where ``str.find`` finds it lower-cased in this: the same length, and none of the
    characters that fold otherwise (``UNFOLDED``). Else None."""
    last = _PLAIN[0]
    if last[0] is text:
        return last[1]
    lowered = None if any(c in text for c in UNFOLDED) else lowered_text(text)
    found = lowered if lowered is not None and len(lowered) == len(text) else None
    _PLAIN[0] = (text, found)  # kept for the last text, as its lowered form is
    return found


_PLAIN: list[tuple[str, str | None]] = [("", "")]


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Whether a case-insensitive pattern could find one of ``words`` (lower-case ASCII) in ``text``: False
    only when it cannot, so a pattern that needs one of them need not run. ``may_hold("Published on", ("published",))``
    -> True; ``may_hold("Islamabad", ("published",))`` -> False. One ``str.find`` per word on the lowered text."""
    lowered = plain_lowered(text)
    return lowered is None or any(word in lowered for word in words)


_SPACED: list[tuple[str, str]] = [("", " ")]  # the text spaced last, and its spaced form
# Every ASCII byte that is not a word character nor the space made a space; the bytes of other characters
# (0x80 and above in UTF-8) are left as they are
_ASCII_SPACED = bytes(c if c >= 0x80 or c == 0x20 or chr(c).isalnum() or c == 0x5F else 0x20 for c in range(256))
_NON_ASCII_NON_WORD = compiled(r"[^\x00-\x7f\w]")


def spaced_words(lowered: str) -> str:
    """``" " + lowered`` with every non-word character a space, so that a space stands right before
    each word: ``"a-b c" -> " a b c"``. The last one is kept: a story's cue vocabularies (kinds,
    metrics, rates, themes) all run over the same text. The ASCII characters are made spaces by one
    byte table over the text's UTF-8 (fast), the few others by a regex of the non-ASCII non-word ones."""
    last = _SPACED[0]
    if last[0] == lowered:
        return last[1]
    spaced = lowered.encode("utf-8", "surrogatepass").translate(_ASCII_SPACED).decode("utf-8", "surrogatepass")
    spaced = " " + (spaced if spaced.isascii() else _NON_ASCII_NON_WORD.sub(" ", spaced))
    _SPACED[0] = (lowered, spaced)
    return spaced


def read_rows(name: str, data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """Rows of ``data/<name>`` as dicts; ``"metrics.csv"`` -> ``[{"metric": "it_exports", ...}, ...]``."""
    path = data_dir / name
    with path.open(encoding="utf-8", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def _compile(pattern: str, source: str) -> re.Pattern[str] | None:
    if not pattern:
        return None
    try:
        return compiled(pattern, re.IGNORECASE)
    except re.error as exc:
        raise VocabularyError(f"bad pattern {pattern!r} in data/{source}: {exc}") from exc


def _terms(name: str, code_column: str) -> tuple[Term, ...]:
    terms = []
    for row in read_rows(name):
        pattern = row["pattern"]
        lowered = lower_pattern(pattern) if pattern else None
        terms.append(
            Term(
                row[code_column],
                row.get("label") or row[code_column],
                _compile(pattern, name),
                compiled(lowered) if lowered is not None else None,
            )
        )
    return tuple(terms)


@lru_cache(maxsize=8)
def cue_index(name: str) -> CueIndex:
    """The :class:`CueIndex` of one vocabulary: ``"kind"``, ``"metric"`` (amount metrics),
    ``"rate"`` (percent-only metrics) or ``"theme"``."""
    percent_only = percent_only_metrics()
    terms = {
        "kind": lambda: kind_cues(),
        "metric": lambda: tuple(t for t in metrics() if t.code not in percent_only),
        "rate": lambda: tuple(t for t in metrics() if t.code in percent_only),
        "theme": lambda: themes(),
    }[name]()
    return CueIndex(terms)


@lru_cache(maxsize=1)
def metrics() -> tuple[Term, ...]:
    """The metric vocabulary (``data/metrics.csv``), in file order."""
    return _terms("metrics.csv", "metric")


@lru_cache(maxsize=1)
def themes() -> tuple[Term, ...]:
    """The theme taxonomy (``data/themes.csv``)."""
    return _terms("themes.csv", "theme")


KINDS = ("target", "actual", "estimate")


@lru_cache(maxsize=1)
def kind_cues() -> tuple[Term, ...]:
    """Wording cues for target / actual / estimate (``data/kind_cues.csv``); ``actual_weak`` rows
    (is, was, has) count only when nothing stronger is near. Several rows may share a kind."""
    terms = _terms("kind_cues.csv", "kind")
    unknown = {t.code for t in terms} - {*KINDS, "actual_weak", "estimate_weak"}
    if unknown:
        raise VocabularyError(f"unknown kind {sorted(unknown)} in data/kind_cues.csv (one of {KINDS}, actual_weak or estimate_weak)")
    return terms


_NOT_FIGURE_UNITS = ("percent", "all")


@lru_cache(maxsize=2)
def not_figure_contexts(units: str = "percent") -> tuple[re.Pattern[str], ...]:
    """Sentence patterns whose amounts are not figures (``data/not_figures.csv``): its ``units`` column says of
    which, ``percent`` (the default: the 80/20 rule) or ``all`` (a share's price: "PTCL shares closed at Rs 24.85")."""
    out = []
    for i, row in enumerate(read_rows("not_figures.csv"), start=2):
        value = (row.get("units") or "").strip() or "percent"
        if value not in _NOT_FIGURE_UNITS:
            raise VocabularyError(f"data/not_figures.csv row {i}: units must be percent, all or blank, not {value!r}")
        if value == units and (pattern := _compile(row["pattern"], "not_figures.csv")):
            out.append(pattern)
    return tuple(out)


@lru_cache(maxsize=2)
def not_figure_context(units: str = "percent") -> re.Pattern[str] | None:
    """The patterns of :func:`not_figure_contexts` as one: ``not_figure_context().search(s)`` finds a match
    where one of them does, in one scan of the sentence. None when a pattern has groups (a back-reference
    would count them differently in the one, and global flags cannot be joined), or when there is none."""
    patterns = not_figure_contexts(units)
    if not patterns or any(p.groups for p in patterns):
        return None
    try:
        return compiled("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)
    except re.error:
        return None


@lru_cache(maxsize=2)
def not_figure_words(units: str = "percent") -> frozenset[str] | None:
    """Lower-case words one of which every match of :func:`not_figure_contexts` holds (see :func:`required_words`),
    or None: a sentence whose lower-cased text holds none of them need not be searched."""
    patterns = not_figure_contexts(units)
    if not patterns:
        return frozenset()
    found = [required_words(p.pattern) for p in patterns]
    if any(words is None or not all(words) for words in found):
        return None
    return frozenset(w.lower() for words in found for w in words)


@lru_cache(maxsize=1)
def symbol_contexts() -> dict[str, tuple[str, re.Pattern[str]]]:
    """A currency sign that stands for another currency where its sentence says so (``data/symbol_contexts.csv``):
    ``{"¥": ("JPY", <Japan, JICA, yen ...>)}``; the sign's own currency is in ``data/currencies.csv``."""
    out = {}
    for i, row in enumerate(read_rows("symbol_contexts.csv"), start=2):
        symbol, currency = (row.get("symbol") or "").strip(), (row.get("currency") or "").strip()
        if not symbol or len(currency) != 3 or not currency.isupper():
            raise VocabularyError(f"data/symbol_contexts.csv row {i}: a sign and a three-letter currency code are needed")
        try:
            out[symbol] = (currency, compiled(row["context"]))
        except re.error as exc:
            raise VocabularyError(f"data/symbol_contexts.csv row {i}: bad pattern: {exc}") from None
    return out


@lru_cache(maxsize=1)
def mastheads() -> frozenset[str]:
    """Lines that stand above a headline on a page copied whole, lower-cased: a section's label, an outlet's name
    (``data/mastheads.csv``, and the outlets of ``data/outlets.csv``): "Business", "The News", "DAWN"."""
    rows = read_rows("mastheads.csv")
    for i, row in enumerate(rows, start=2):
        if not (row.get("line") or "").strip():
            raise VocabularyError(f"data/mastheads.csv row {i}: a line is needed")
    return frozenset(row["line"].strip().lower() for row in rows) | {outlet.lower() for _, outlet in outlets()}


@lru_cache(maxsize=1)
def outlets() -> tuple[tuple[str, str], ...]:
    """(cue, outlet) pairs from ``data/outlets.csv``, in file order: ``("Published in Dawn", "Dawn")``."""
    return tuple((row["cue"], row["outlet"]) for row in read_rows("outlets.csv"))


@dataclass(frozen=True)
class Furniture:
    """Page furniture that is not the story (``data/furniture.csv``): ``pattern``, one case-sensitive regex of
    the ``line`` patterns anchored at a line start and the ``inline`` ones anywhere, and the same two halves
    apart. ``spans(text)`` is ``[m.span() for m in pattern.finditer(text)]``, found faster: the line half is
    tried only at line starts, the inline half by its own search (the regex engine skips fast to where it
    can start), and the two are merged as the one regex would take them."""

    source: str  # the one regex, compiled when first needed (see ``pattern``)
    lines: re.Pattern[str] | None
    inline: re.Pattern[str] | None
    inline_needs: frozenset[str] | None = None  # a text holding none of these has no inline furniture
    # the line half without its rows that need words of their own (a caption's credit, a byline's "Published"),
    # tried at the start of a line that holds none of those words (``rare_words``; see ``furniture``)
    common_lines: re.Pattern[str] | None = None
    rare_words: object = None  # an Aho-Corasick automaton of the words

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The one regex of both halves (read as it is only when a half cannot be read apart)."""
        return compiled(self.source)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``[(start, end), ...]`` of the furniture in ``text``: ``"Follow us\nText"`` -> ``[(0, 9)]``."""
        if self.lines is None and self.inline is None:  # a half may match nothing: the one regex, as it is
            return [m.span() for m in self.pattern.finditer(text)]
        out: list[tuple[int, int]] = []
        rare = self._rare_lines(text)
        line = self._line_match(text, 0, rare)
        inline = None
        if self.inline is not None and (self.inline_needs is None or any(w in text for w in self.inline_needs)):
            inline = self.inline.search(text)
        while line is not None or inline is not None:
            # the leftmost; at one place, the line half (it comes first in the one regex)
            m = line if inline is None or (line is not None and line.start() <= inline.start()) else inline
            out.append(m.span())
            end = m.end()
            if line is not None and line.start() < end:
                line = self._line_match(text, end, rare)
            if inline is not None and inline.start() < end:
                inline = self.inline.search(text, end)
        return out

    def _rare_lines(self, text: str) -> set[int] | None:
        """The starts of the lines that hold one of ``rare_words`` (None: every line is read whole)."""
        if self.common_lines is None:
            return None
        starts: set[int] = set()
        line_end = -1  # the end of the line found last: a later word in it adds nothing (each line read once)
        for end, _ in self.rare_words.iter(text):
            if end <= line_end:
                continue
            starts.add(text.rfind("\n", 0, end) + 1)
            found = text.find("\n", end)
            line_end = len(text) if found == -1 else found
        return starts

    def _line_match(self, text: str, pos: int, rare: set[int] | None = None) -> re.Match[str] | None:
        """The first match of the line half at a line start at or after ``pos``; each line start is tried once,
        by the common rows alone where the line holds none of the rare rows' words (``rare``: the lines that do)."""
        if self.lines is None:
            return None
        if pos and text[pos - 1] != "\n":  # not a line start: the next one
            pos = text.find("\n", pos) + 1
            if not pos:
                return None
        whole, common = self.lines.match, (self.common_lines or self.lines).match
        while True:
            m = whole(text, pos) if rare is None or pos in rare else common(text, pos)
            if m:
                return m
            pos = text.find("\n", pos) + 1
            if not pos:
                return None
            pos = _BLANK_LINES.match(text, pos).end()  # blank lines hold no furniture: a run of them in one step


_BLANK_LINES = compiled(r"(?:[ \t]*+\n)*+")


@lru_cache(maxsize=1)
def furniture() -> Furniture:
    """Page furniture that is not the story (``data/furniture.csv``), see :class:`Furniture`:
    ``line`` patterns anchored at a line start, ``inline`` ones anywhere."""
    from re import _parser

    rows = read_rows("furniture.csv")
    unknown = {row["scope"] for row in rows} - {"line", "inline", "rest", "block"}
    if unknown:
        raise VocabularyError(f"unknown furniture scope {sorted(unknown)} in data/furniture.csv (line, inline, rest or block)")
    lines = "|".join(row["pattern"] for row in rows if row["scope"] == "line")
    inline = "|".join(row["pattern"] for row in rows if row["scope"] == "inline")
    source = rf"(?m:^[ \t]*(?:{lines}))" + (f"|(?:{inline})" if inline else "")
    try:
        halves = compiled(rf"(?m:^[ \t]*(?:{lines}))"), compiled(f"(?:{inline})") if inline else None
        # a half that can match nothing (an empty match) is left to the one regex, whose rules for those are its
        # own, and so are groups (a back-reference would count them differently in a half)
        if any(h is not None and (h.groups or _parser.parse(h.pattern).getwidth()[0] == 0) for h in halves):
            compiled(source)  # a bad pattern is reported as the file is read (and ``pattern`` finds it in re's cache)
            return Furniture(source, None, None)
    except re.error as exc:
        raise VocabularyError(f"bad pattern in data/furniture.csv: {exc}") from exc
    return Furniture(source, *halves, required_words(halves[1]) if halves[1] is not None else None, *_rare_rows(rows))


def _rare_rows(rows: list[dict[str, str]]) -> tuple[re.Pattern[str] | None, object]:
    """The line half without the ``line`` rows that each need a word of their own (longer than one
    character) within their line, and an automaton of those words: a line holding none of them is matched
    by what is left, the same as by the whole half. (None, None) when no row needs words."""
    common, words = [], set()
    for row in (row for row in rows if row["scope"] == "line"):
        needs = required_words(row["pattern"], re.MULTILINE) if within_lines(row["pattern"], re.MULTILINE) else None
        if needs and min(map(len, needs)) > 1:
            words |= needs
        else:
            common.append(row["pattern"])
    if not words:
        return None, None
    automaton = automaton_of((word, None) for word in words)
    return compiled(rf"(?m:^[ \t]*(?:{'|'.join(common)}))" if common else r"(?!)"), automaton


@lru_cache(maxsize=1)
def captions() -> re.Pattern[str]:
    """A line that is a photo's caption or credit (the ``line`` rows of ``data/furniture.csv`` whose
    name starts "photo"): "Mr X addresses a press conference on December 14, 2025. — Screengrab via Geo"."""
    rows = [row["pattern"] for row in read_rows("furniture.csv") if row["scope"] == "line" and row["name"].startswith("photo")]
    try:
        return compiled(rf"[ \t]*(?:{'|'.join(rows)})" if rows else r"(?!)")
    except re.error as exc:
        raise VocabularyError(f"bad pattern in data/furniture.csv: {exc}") from exc


@lru_cache(maxsize=2)
def teaser_headers(scope: str = "rest") -> re.Pattern[str] | None:
    """Headers of other stories' teasers (``data/furniture.csv``), each a line of its own: ``rest`` rows,
    after which a page holds only teasers ("Related Articles", "You May Also Like"), and ``block`` rows,
    over a block of teasers' headlines that the story may go on after ("Read more:", "Latest")."""
    rows = "|".join(row["pattern"] for row in read_rows("furniture.csv") if row["scope"] == scope)
    if not rows:
        return None
    try:
        # (Markdown may mark the header: "## Read more", "**Previously in Startup Pulse**")
        # (the lookahead for a header's first character fails at once on an empty line: a text of blank lines
        # is not tried against every header at every line)
        return compiled(rf"(?m:^[ \t]*+(?=[#*_A-Za-z])(?:#{{1,6}}[ \t]++)?(?:\*\*|__)?(?:{rows})[ \t]*+:?(?:\*\*|__)?[ \t]*+:?[ \t]*+$)")
    except re.error as exc:
        raise VocabularyError(f"bad pattern in data/furniture.csv: {exc}") from exc


@lru_cache(maxsize=1)
def count_nouns() -> tuple[str, ...]:
    """What a number before a money-less scale word counts, not sums (``data/count_nouns.csv``): "population",
    "subscriptions", "tonnes", "labour force"."""
    rows = read_rows("count_nouns.csv")
    for i, row in enumerate(rows, start=2):
        if not (row.get("word") or "").strip():
            raise VocabularyError(f"data/count_nouns.csv row {i}: a word is needed")
    return tuple(row["word"].strip() for row in rows)


def metric_codes() -> frozenset[str]:
    return frozenset(term.code for term in metrics())


def check_metric(code: str) -> str:
    """Return ``code`` if it is a metric, else raise naming ``data/metrics.csv``."""
    if code not in metric_codes():
        raise VocabularyError(f"unknown metric {code!r}: add it to data/metrics.csv")
    return code


def metric_label(code: str) -> str:
    return next((t.label for t in metrics() if t.code == code), code)


def theme_label(code: str) -> str:
    return next((t.label for t in themes() if t.code == code), code)


_COLOUR = compiled(r"#[0-9A-Fa-f]{6}")


@lru_cache(maxsize=1)
def theme_colours() -> dict[str, str]:
    """``{theme: "#RRGGBB"}`` from the ``colour`` column of ``data/themes.csv``: one fixed colour per
    theme, whatever the filter; a missing, malformed or repeated colour names its row."""
    out: dict[str, str] = {}
    for number, row in enumerate(read_rows("themes.csv"), start=2):
        colour = (row.get("colour") or "").strip()
        if not _COLOUR.fullmatch(colour):
            raise VocabularyError(f"data/themes.csv row {number}: colour {colour!r} is not #RRGGBB")
        if colour.lower() in (c.lower() for c in out.values()):
            raise VocabularyError(f"data/themes.csv row {number}: colour {colour} is already another theme's")
        out[row["theme"]] = colour
    return out


def theme_colour(code: str) -> str | None:
    """The theme's colour, or None for a code that is not a theme."""
    return theme_colours().get(code)


@lru_cache(maxsize=1)
def percent_only_metrics() -> frozenset[str]:
    """Metrics that only describe percentages (growth, share): ``applies_to=percent`` in data/metrics.csv."""
    return frozenset(row["metric"] for row in read_rows("metrics.csv") if row["applies_to"] == "percent")


def trie_regex(words: list[str]) -> str:
    """A regex matching any of ``words`` (longest first), built as a trie: at each character one
    branch at most can go on, so matching never backtracks across alternatives."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        if "" in node and len(node) == 1:
            return ""
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(trie)


@dataclass(frozen=True)
class CurrencyTokens:
    """How currencies are written: ``prefix`` symbols and codes before a number ("US$", "Rs", "€"),
    ``suffix_words`` after it ("dollars", "riyals"; matched case-insensitively, keys lower-cased)
    and ``codes``, every ISO 4217 code (pycountry) plus ``data/currencies.csv``'s, before or after."""

    prefix: dict[str, str]
    suffix_words: dict[str, str]
    codes: dict[str, str]
    # the codes of the tokens read so far ("$" -> "USD"): a story's amounts repeat a few tokens
    read: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # the words after a number without their spaces: "U.S.dollars" is "U.S. dollars" written close
    compact_suffix: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.compact_suffix.update({k.replace(" ", ""): v for k, v in self.suffix_words.items()})

    @property
    def named_words(self) -> list[str]:
        """The suffix words that are words, not symbols: "riyals", "US dollars" (not "US$", "$US")."""
        return [w for w in self.suffix_words if not any(c in w for c in "$€£¥")]

    def code_of(self, token: str) -> str:
        """``"Rs." -> "PKR"``, ``"Riyals" -> "SAR"``, ``"US $" -> "USD"``, ``"NOK" -> "NOK"``, ``"U.S.dollars" -> "USD"``."""
        code = self.read.get(token)
        if code is not None:
            return code
        key = " ".join(token.split())
        for table, k in (
            (self.codes, key),
            (self.prefix, key),
            (self.suffix_words, key.lower()),
            (self.prefix, key.replace(" ", "")),
            (self.compact_suffix, key.lower().replace(" ", "")),
        ):
            if k in table:
                if len(self.read) < _READ_TOKENS:  # bounded: a crafted text may write a token many ways
                    self.read[token] = table[k]
                return table[k]
        raise KeyError(token)


_READ_TOKENS = 4096


@lru_cache(maxsize=1)
def currency_tokens() -> CurrencyTokens:
    """Currencies from ``data/currencies.csv`` (symbols, local words, aliases such as SDR) and every
    ISO 4217 code in pycountry except those in ``data/currency_codes_ignore.csv`` (codes that are
    also common upper-case words: ALL, TOP, PHP ...). An unknown code names the file and row."""
    import pycountry

    iso = {c.alpha_3 for c in pycountry.currencies}
    ignored = {row["code"] for row in read_rows("currency_codes_ignore.csv")}
    prefix: dict[str, str] = {}
    suffix: dict[str, str] = {}
    codes = {code: code for code in iso - ignored}
    for i, row in enumerate(read_rows("currencies.csv"), start=2):
        token, code, position = row["token"], row["code"], row["position"]
        if code not in iso:
            raise VocabularyError(f"data/currencies.csv row {i}: {code!r} is not an ISO 4217 code")
        if position not in ("prefix", "suffix", "both"):
            raise VocabularyError(f"data/currencies.csv row {i}: position {position!r} (prefix, suffix or both)")
        if token.isupper() and token.isalpha() and len(token) >= 3:
            codes[token] = code  # an upper-case code or alias (SDR, RMB): before or after the number
        elif position in ("prefix", "both"):
            prefix[token] = code
        if position in ("suffix", "both") and not (token.isupper() and token.isalpha()):
            suffix[token.lower()] = code
    return CurrencyTokens(prefix, suffix, codes)


@lru_cache(maxsize=1)
def national_metrics() -> frozenset[str]:
    """Metrics that are national totals by nature (reserves, a budget: ``national=yes`` in
    data/metrics.csv): a name before such a figure is its partner only inside the figure's clause."""
    rows = read_rows("metrics.csv")
    bad = [i for i, row in enumerate(rows, start=2) if row.get("national") not in ("yes", "no")]
    if bad:
        raise VocabularyError(f"data/metrics.csv row {bad[0]}: national must be yes or no")
    return frozenset(row["metric"] for row in rows if row["national"] == "yes")


@lru_cache(maxsize=1)
def counterparty_metrics() -> frozenset[str]:
    """Metrics that flow between Pakistan and someone (exports, loans, remittances): a figure of one
    may take its story's counterparty when its own sentence names none (``counterparty=yes`` in data/metrics.csv)."""
    rows = read_rows("metrics.csv")
    bad = [i for i, row in enumerate(rows, start=2) if row["counterparty"] not in ("yes", "no")]
    if bad:
        raise VocabularyError(f"data/metrics.csv row {bad[0]}: counterparty must be yes or no")
    return frozenset(row["metric"] for row in rows if row["counterparty"] == "yes")


_WIDE_ROLES = ("", "parts", "budget", "owner")


@lru_cache(maxsize=1)
def _pakistan_wide_rows() -> tuple[tuple[str, str], ...]:
    """(pattern, role) rows of ``data/pakistan_wide_cues.csv``, each pattern checked. Roles: empty, a
    word of a national total; ``parts``, one that also parts a name before it from an amount after
    it; ``budget``, one that keeps a budget line Pakistan's own in a story about a lender; ``owner``, Pakistan
    as the owner ("Pakistan's exports"), which does not make a total of partners' parts Pakistan's own."""
    out = []
    for i, row in enumerate(read_rows("pakistan_wide_cues.csv"), start=2):
        _compile(row["pattern"], f"pakistan_wide_cues.csv row {i}")
        if row.get("role", "") not in _WIDE_ROLES:
            raise VocabularyError(f"data/pakistan_wide_cues.csv row {i}: role must be empty, parts, budget or owner")
        out.append((row["pattern"], row.get("role", "")))
    return tuple(out)


def _wide_pattern(roles: tuple[str, ...]) -> re.Pattern[str]:
    patterns = [p for p, role in _pakistan_wide_rows() if role in roles]
    return compiled("|".join(f"(?:{p})" for p in patterns) if patterns else r"(?!)", re.IGNORECASE)


@lru_cache(maxsize=1)
def pakistan_wide() -> re.Pattern[str]:
    """Words that make an amount Pakistan's own total, never one partner's (``data/pakistan_wide_cues.csv``)."""
    return _wide_pattern(("", "parts", "owner"))


@lru_cache(maxsize=1)
def pakistan_wide_whole() -> re.Pattern[str]:
    """The words of a national total that are not Pakistan as an owner: "overall", "total", "global"
    ("Pakistan's total remittances reached $3 billion, with Saudi Arabia at $1.8 billion" is no sum of
    partners' parts; "Pakistan's $9 billion of debt, with $4 billion owed to China ..." is)."""
    return _wide_pattern(("",))


@lru_cache(maxsize=1)
def pakistan_wide_between() -> re.Pattern[str]:
    """The words of a national total that, standing between a name and an amount, part them
    (``role=parts``): "the ADB said average annual losses exceed $2bn" is not the ADB's."""
    return _wide_pattern(("parts",))


@lru_cache(maxsize=1)
def own_budget() -> re.Pattern[str]:
    """Words of Pakistan's own budget (``role=budget``): "the ministry has demanded Rs6 billion" stays
    Pakistan's in a story about a lender, where the lender's allocations are the lender's."""
    return _wide_pattern(("budget",))


@lru_cache(maxsize=1)
def two_sided() -> re.Pattern[str]:
    """Words that make an amount one between Pakistan and the story's partner, whatever it measures
    ("the two countries", "bilateral": ``data/two_sided_cues.csv``)."""
    patterns = [row["pattern"] for row in read_rows("two_sided_cues.csv")]
    for i, pattern in enumerate(patterns, start=2):
        _compile(pattern, f"two_sided_cues.csv row {i}")
    return compiled("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=1)
def tariff_cues() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The words of a tariff beside a rate (``data/tariff_cues.csv``): a pattern that ends where the rate
    starts (``side=before``: "tariffs of 20%") and one that starts where it ends (``side=after``: "a 29% duty").
    A tariff is laid by one side on the other: the rate is between Pakistan and the story's partner."""
    sides: dict[str, list[str]] = {"before": [], "after": []}
    for i, row in enumerate(read_rows("tariff_cues.csv"), start=2):
        if row["side"] not in sides:
            raise VocabularyError(f"data/tariff_cues.csv row {i}: side must be before or after, not {row['side']!r}")
        _compile(row["pattern"], f"tariff_cues.csv row {i}")
        sides[row["side"]].append(row["pattern"])
    before, after = ("|".join(f"(?:{p})" for p in sides[k]) for k in ("before", "after"))
    return (compiled(f"(?:{before})", re.IGNORECASE) if before else None, compiled(f"(?:{after})", re.IGNORECASE) if after else None)


@lru_cache(maxsize=1)
def instrument_bodies() -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    """Instruments only one kind of a country's bodies deals in, and the words of that body's name
    (``data/instrument_bodies.csv``): "a swap line with China" is China's central bank's.
    ``(instrument, body)`` pairs of patterns; an error names the file and row."""
    out = []
    for i, row in enumerate(read_rows("instrument_bodies.csv"), start=2):
        instrument = _compile(row["instrument"], f"instrument_bodies.csv row {i}")
        body = _compile(row["body"], f"instrument_bodies.csv row {i}")
        if instrument is None or body is None:
            raise VocabularyError(f"data/instrument_bodies.csv row {i}: instrument and body must both be given")
        out.append((instrument, body))
    return tuple(out)


@lru_cache(maxsize=1)
def engagement_cues() -> re.Pattern[str]:
    """Words of an engagement between Pakistan and someone (met, signed, cooperation, loan:
    ``data/engagement_cues.csv``): a partner named beside them and beside Pakistan is a counterparty."""
    patterns = [row["pattern"] for row in read_rows("engagement_cues.csv")]
    for i, pattern in enumerate(patterns, start=2):
        _compile(pattern, f"engagement_cues.csv row {i}")
    return compiled("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=1)
def engagement_cues_lowered() -> Gated | None:
    """:func:`engagement_cues` for a text's plain lower-case form (see :func:`plain_lowered`), tried only
    where their words stand: ``engagement_cues_lowered().search(plain, a, b)`` is a match
    where ``engagement_cues().search(text, a, b)`` finds one. None when a cue must see the case."""
    lowered = lower_pattern(engagement_cues().pattern)
    return gated(compiled(lowered)) if lowered is not None else None
