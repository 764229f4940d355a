"""Reading the corpus: files -> stories with title, outlet, date and the text that is the story.

Offsets are kept: a story is a span of its file, and its ``text`` has the same length
as that span with page furniture (tickers, ``Follow``, ``Read next: ...``) blanked to
spaces, so a position in ``text`` plus ``start`` is a position in the file.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from itertools import islice
from pathlib import Path

from dashboard import vocab
from dashboard.regexes import compiled

SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_BYTES = 2_000_000
MAX_STORIES = 500  # per file (see ``split_stories``)


class UnreadableFile(ValueError):
    """A file that cannot be read as an article, with the reason."""


@dataclass(frozen=True)
class Story:
    """One article: ``text == file_text[start:end]`` with furniture blanked."""

    source: str
    story: int
    start: int
    end: int
    text: str
    title: str | None
    outlet: str | None
    published: date | None


# --------------------------------------------------------------------------- reading files
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _limit_text(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit:,} bytes"


def read_bounded(handle, limit: int | None = None) -> bytes:
    """At most ``limit`` bytes of an open binary stream (a file, stdin, an upload); raises
    :class:`UnreadableFile` when there is more. Reads ``limit + 1`` bytes at most, so a stream
    that never ends costs no more than that."""
    limit = MAX_BYTES if limit is None else limit
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFile(f"larger than the {_limit_text(limit)} limit")
    return data


def decode_article(data: bytes, suffix: str = ".txt") -> str:
    """Bytes of an article -> its text: UTF-8 (a BOM is allowed), or UTF-16/32 with a BOM;
    a saved web page (``.html``) is reduced to its article with trafilatura.
    Raises :class:`UnreadableFile` for empty, binary or undecodable data."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"not UTF-8 (byte {exc.start}): save the article as UTF-8 text") from exc
    if "\x00" in text:
        raise UnreadableFile("binary file (contains NUL bytes), not an article")
    if suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
        if not text.strip():
            raise UnreadableFile("no article text found in the web page")
    if not text.strip():
        raise UnreadableFile("empty: no text in the file")
    return text


def read_file_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of an article file, read bounded; raises :class:`UnreadableFile` with a reason.

    Only regular files are read: a folder, a FIFO or a device is refused before it is read (opened
    without blocking, then checked), and no more than ``limit + 1`` bytes are read."""
    limit = MAX_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as exc:
        raise UnreadableFile("cannot open: no such file") from exc
    except IsADirectoryError as exc:
        raise UnreadableFile("a folder, not a file") from exc
    except PermissionError as exc:
        raise UnreadableFile("permission denied") from exc
    except OSError as exc:
        raise UnreadableFile(f"cannot open: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile("a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("not a regular file (a pipe, socket or device)")
        if info.st_size > limit:
            raise UnreadableFile(f"larger than the {_limit_text(limit)} limit ({info.st_size:,} bytes)")
        try:
            return _read_to_end(fd, info.st_size, limit)
        except OSError as exc:
            raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


_GROWN_CHUNK = 1 << 16


def _read_to_end(fd: int, size: int, limit: int) -> bytes:
    """The bytes of an open regular file of ``size`` bytes when it was checked, ``limit + 1`` at most
    (:func:`read_bounded`'s bound): one read of its size and one more that finds its end (a read of
    ``limit + 1`` would set aside that much memory for every file), then on in chunks if it grew."""
    chunks = [os.read(fd, size + 1)]
    total = len(chunks[0])
    while chunks[-1] and total <= limit:
        chunks.append(os.read(fd, min(_GROWN_CHUNK, limit + 1 - total)))
        total += len(chunks[-1])
    if total > limit:
        raise UnreadableFile(f"larger than the {_limit_text(limit)} limit")
    return b"".join(chunks)


def read_text(path: Path, limit: int | None = None) -> str:
    """The text of an article file (see :func:`read_file_bytes`, :func:`decode_article`); raises
    :class:`UnreadableFile` with a reason a person can act on."""
    return decode_article(read_file_bytes(path, limit), path.suffix)


def html_to_text(html: str) -> str:
    """A saved web page -> its article text (trafilatura), title first and date line kept."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura/lxml on a malformed page: the page is refused, not the batch
        raise UnreadableFile(f"the web page could not be parsed ({type(exc).__name__})") from exc
    if doc is None:
        return ""
    parts = [doc.title or "", f"Published {doc.date}" if doc.date else "", doc.text or ""]
    return "\n\n".join(p for p in parts if p)


def article_paths(paths: list[Path]) -> list[tuple[Path, str]]:
    """(file, source name) for each article to read. A folder gives every article file under it, in
    name order, named by its path relative to that folder (``"2025/dawn.txt"``); a file given
    directly is named by its file name. When two inputs would get the same name, the later one is
    prefixed with its folder's name, so sources never collide."""
    out: list[tuple[Path, str]] = []
    taken: set[str] = set()

    def add(path: Path, name: str, folder: str) -> None:
        if name in taken:
            base, n = f"{folder}/{name}" if folder else name, 2
            name = base
            while name in taken:
                name, n = f"{base}~{n}", n + 1
        taken.add(name)
        out.append((path, name))

    for path in paths:
        if path.is_dir():
            found = []  # (the name relative to the folder, the file)
            top = os.fspath(path)
            for root, dirs, files in os.walk(top):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                # each folder walked is ``top`` and the names of the folders below it, joined
                inner = root[len(top) :].lstrip(os.sep).replace(os.sep, "/")
                prefix = inner + "/" if inner else ""
                found.extend((prefix + f, root, f) for f in files if not f.startswith(".") and os.path.splitext(f)[1].lower() in SUFFIXES)
            folder = path.resolve().name
            for name, root, f in sorted(found):
                add(Path(root, f), name, folder)
        else:
            add(path, path.name, path.resolve().parent.name)
    return out


# --------------------------------------------------------------------------- dates
@lru_cache(maxsize=1)
def _foreign_months() -> dict[str, int]:
    """Month names in the other languages news about Pakistan comes in (``data/month_names.csv``: Italian,
    French, Spanish, Portuguese, German, Turkish): ``"settembre"`` -> 9. A bad row names the file and row."""
    out: dict[str, int] = {}
    for i, row in enumerate(vocab.read_rows("month_names.csv"), start=2):
        name, month = row["name"].strip().lower(), row["month"].strip()
        if not name or not month.isdigit() or not 1 <= int(month) <= 12:
            raise vocab.VocabularyError(f"data/month_names.csv row {i}: a month name and its number (1-12), not {row!r}")
        out[name] = int(month)
    return out


_FOREIGN_MONTHS = _foreign_months()
_ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
# "June", "JUNE", "Jun.", and the other languages' names ("15 Settembre 2024", "3 août 2023")
_MONTH = (
    r"(?:(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:[a-z]*+|[A-Z]*+)\.?"
    rf"|(?i:{'|'.join(re.escape(n) for n in sorted(_FOREIGN_MONTHS, key=len, reverse=True))})(?!\w))"
)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Wednes|Thu|Thur|Thurs|Fri|Sat|Satur|Sun)(?:day)?\.?"
# "2024-06-04", "4th June, 2024", "June 4, 2024", a weekly's "June 18 - 24, 2007" (its first day), and
# "12/15/2021" (read only when the order of day and month is plain: see parse_date)
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+{_MONTH}(?:,[ \t]*+|[ \t]++)\d{{4}}"  # ("10 December,2025" too)
    rf"|\d{{1,2}}-{_MONTH}-\d{{4}}(?!\d)"  # "18-Mar-2025"
    rf"|{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?(?:[ \t]*+[-–][ \t]*+\d{{1,2}}(?:st|nd|rd|th)?)?,?[ \t]+\d{{4}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{4}}(?!\d)"
    rf"|\d{{4}}/\d{{1,2}}/\d{{1,2}}(?![\d/])"  # "2025/6/15": year first, as Chinese outlets write it
    rf"|\d{{1,2}}-\d{{1,2}}-\d{{4}}(?![\d-])"  # "10-11-2025": day first, as dashed dates are written
    rf"|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}(?!\d))"  # "08.07.2025": day first, as dotted dates are written
)
_HEADER_DATE = compiled(r"(?m)^[ \t]*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b")
_DATELINE = compiled(
    rf"(?mi)^[^\n]{{0,60}}?\b(?P<word>Published|Updated|Posted|Last updated|Dated|Date)\b(?:[ \t]++(?:on|at)\b)?(?:[ \t]++the\b)?[ \t]*+:?[ \t]*+"
    rf"(?:in[ \t]++[^\n,]{{2,60}},[ \t]*+)?(?:{_WEEKDAY},?[ \t]++)?(?P<date>{_DATE})"
)
# A date of the Hijri calendar before the Gregorian one in a Gulf agency's dateline: "Riyadh, Ramadan 14, 1446, March 14, 2025, SPA --"
_HIJRI_DATE = r"[A-Z][\w'’-]{2,12}+(?:[ \t][A-Za-z][\w'’-]{1,12}+)?[ \t]\d{1,2},[ \t]*+1[34]\d{2},[ \t]*+"
# A wire dateline opening the story: "WASHINGTON, March 22, 2024 –", "ISLAMABAD, March 3, 2026:",
# "KARACHI (June 4, 2024):", "LAHORE: (Tuesday, June 4, 2024) The ...", an outlet's "The Peninsula | September 11, 2017- With ..."
_LEAD_DATE = compiled(  # (a second part of the place: "Jeddah, Kingdom of Saudi Arabia, 22 April 2025 –")
    rf"(?m)^[ \t]*(?!{_WEEKDAY},)[A-Z][A-Za-z.'’ -]{{1,30}}?(?:,[ \t]*+[A-Z][A-Za-z.'’ -]{{1,30}}?(?=,))?(?:\([A-Za-z ]{{1,20}}\))?(?:,[ \t]*+|[ \t]*+\(|:[ \t]*+\(?|[ \t]*+\|[ \t]*+)"
    rf"(?:{_HIJRI_DATE})?(?:{_WEEKDAY},?[ \t]++)?(?P<date>{_DATE})(?:\)|[ \t]*+[-–—:(]|,[ \t]*+[A-Z]{{2,12}}+[ \t]*+[-–—:]|[ \t]*+$)"
)
# A wire lead that opens with its date: "February 6, 2019 - China, Saudi Arabia and the UAE are ..."
_LEAD_DATE_FIRST = compiled(rf"(?m)^[ \t]*+(?:{_WEEKDAY},?[ \t]++)?(?P<date>{_DATE})(?:[ \t]++[-–—]|_)[ \t]++(?=[A-Z])")
_LEAD_REACH = 400  # a dateline stands in the first lines of a story
# A line that is a date and page furniture only: "March 30, 2025", "Monday 28, January 2019 BY A WRITER",
# "Jul 09, 2025 | 10:24 AM", "Tue, 04 Jun 2024", "2024-06-04T10:15:00Z", "Reuters | June 4, 2024",
# "5 Jun 2024 • 3 min read". Besides the date it holds only these tokens, and few words.
_ANY_DATE = compiled(_DATE)
_LINE_TOKEN = compiled(
    r"[ \t]*+(?:"
    r"(?P<url>\((?:https?://|www\.)[^()\s]{0,300}+\))"  # a Markdown link's address: "[View in browser](https://...)"
    r"|(?P<sep>[|•·,;:/–—.*#\[\]-]|\(|\))"
    rf"|(?P<weekday>{_WEEKDAY},?)(?![A-Za-z])"
    rf"|(?P<date>{_DATE})"  # another date: "08.07.2025 - Update : 08.07.2025"
    r"|(?P<time>\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ \t]?+[AaPp]\.?[Mm]\.?)?|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|[+-]\d{1,2}(?::?\d{2})?|\d{1,2}[ \t]mins?[ \t]read)(?![\w])"
    r"|(?P<ago>\d{1,3}[ \t]++(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)(?:[ \t]++ago)?)(?![\w])"  # "Updated 2 hours ago"
    r"|(?P<by>[Bb]y|BY)(?![\w])"
    r"|(?P<label>[A-Z][A-Za-z]*+:[ \t]*+[a-z][\w.-]*+)"  # a label and its value in lower case: "Editor: huaxia"
    r"|(?P<glue>at|on|in|and|of|ago|browser|online)(?![\w])"  # ("View in browser", "Read online")
    r"|(?P<name>[A-Z][A-Za-z.'’&@]*+)"
    r")"
)
_DATE_LINE_LENGTH = 100
_LINK_ADDRESS = compiled(r"\]\([^()\s]{0,300}+\)")
_YEAR_DIGITS = compiled(r"\d{4}")  # a line without four digits in a row holds no date (each form of _DATE has a year)
_DATE_LINE_WORDS = 6  # names (a byline, an outlet, a section) beside the date


_DATE_LINE_REACH = 1200
_CREDIT_TAIL = 64  # a caption's dash and credit stand at the end of its line
_CAPTION_LENGTH = 320  # a caption is a line of its own (the furniture row reads at most 300 characters before its credit)
_MAX_DATELINES = 20  # a story with more dated lines than this is a list: the first ones decide

@lru_cache(maxsize=1)
def _date_parser():
    """One English ``dateparser.DateDataParser``, built once (``dateparser.parse`` with settings builds
    one per call), and imported only when a date is not in one of the common forms."""
    import dateparser

    return dateparser.DateDataParser(
        languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    )


_FAST_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y")
_ORDINAL = compiled(r"(?<=\d)(?:st|nd|rd|th)\b|,|\.")
_DAY_RANGE = compiled(r"(?<=\d)[ \t]*+[-–][ \t]*+\d{1,2}(?:st|nd|rd|th)?(?=,?[ \t])")  # "June 18 - 24, 2007": the first day
_NUMERIC_DATE = compiled(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _numeric_date(raw: str) -> date | None:
    """``"12/15/2021"`` -> 2021-12-15 and ``"15/12/2021"`` -> 2021-12-15: the order of day and month is
    read from the numbers; ``"08/02/2023"`` (either order) -> None, as outlets write both."""
    m = _NUMERIC_DATE.fullmatch(raw)
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if a != b and a <= 12 and b <= 12:
        return None
    day, month = (a, b) if a > 12 else (b, a)
    try:
        return date(year, month, day)
    except ValueError:
        return None


_DOTTED_DATE = compiled(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_YEAR_FIRST_DATE = compiled(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_DASHED_DIGITS = compiled(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_DASHED_DATE = compiled(r"\d{1,2}-[A-Za-z]{3,9}\.?-\d{4}")


@lru_cache(maxsize=4096)
def parse_date(raw: str) -> date | None:
    """``"22 Apr, 2025"`` -> 2025-04-22, ``"October 8th, 2025"`` -> 2025-10-08; a partial date -> None.

    The common English forms are read directly; anything else goes to dateparser."""
    if "/" in raw:
        if (year_first := _YEAR_FIRST_DATE.fullmatch(raw)) is not None:  # "2025/6/15" -> 15 June 2025
            try:
                return date(int(year_first.group(1)), int(year_first.group(2)), int(year_first.group(3)))
            except ValueError:
                return None
        return _numeric_date(raw) if _NUMERIC_DATE.fullmatch(raw) else None
    if (dotted := _DOTTED_DATE.fullmatch(raw) or _DASHED_DIGITS.fullmatch(raw)) is not None:  # "08.07.2025", "08-07-2025" -> 8 July 2025
        try:
            return date(int(dotted.group(3)), int(dotted.group(2)), int(dotted.group(1)))
        except ValueError:
            return None
    plain = " ".join(_ORDINAL.sub(" ", _DAY_RANGE.sub("", raw)).replace(",", ", ").split())
    if _DASHED_DATE.fullmatch(plain):
        plain = plain.replace("-", " ")  # "18-Mar-2025" -> "18 Mar 2025"
    # a month named in another language reads as its English name: "15 Settembre 2024" -> "15 September 2024"
    plain = " ".join(_ENGLISH_MONTHS[_FOREIGN_MONTHS[w.lower()] - 1] if w.lower() in _FOREIGN_MONTHS else w for w in plain.split())
    for fmt in _FAST_FORMATS:
        try:
            return datetime.strptime(plain, fmt).date()
        except ValueError:
            continue
    parsed = _date_parser().get_date_data(raw.replace(",", " ")).date_obj
    return parsed.date() if parsed else None


_URL_DATE = compiled(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>0?[1-9]|1[0-2])(?:[/-](?P<d>0?[1-9]|[12]\d|3[01]))?(?=[/-]|$)"
    rf"|/(?P<d2>\d{{1,2}})-(?P<mon>{_MONTH})-(?P<y2>(?:19|20)\d{{2}})/"
    # "/20240808/", "/2015/1222/", "/202408/08/": the date's digits run together
    r"|/(?P<y3>(?:19|20)\d{2})/?(?P<m3>0[1-9]|1[0-2])/?(?P<d3>0[1-9]|[12]\d|3[01])(?=/)"
)


def date_from_url(url: str | None, text: str | None = None) -> date | None:
    """The publication date many news sites put in their URLs: ``".../2024/04/02/slug"`` -> 2024-04-02,
    ``"nation.com.pk/15-Aug-2019/slug"`` -> 2019-08-15, ``".../amp/20240808/slug"`` -> 2024-08-08;
    a year and month alone (``".../2020/07/slug.html"``) -> the site's "today" stamp above the headline of
    ``text`` when it falls in that month (the page was saved the month it came out), else None; none -> None."""
    if not url:
        return None
    m = _URL_DATE.search(url[:2048])
    if not m:
        return None
    if m.group("y") and not m.group("d"):
        month = (int(m.group("y")), int(m.group("m")))
        return next((when for when in _today_stamps(text) if (when.year, when.month) == month), None) if text else None
    try:
        if m.group("y2"):
            return parse_date(f"{m.group('d2')} {m.group('mon')} {m.group('y2')}")
        if m.group("d"):
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if m.group("d3"):
            return date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    except ValueError:
        return None
    return None


def _date_line(line: str) -> tuple[date, bool] | None:
    """When ``line`` is a date with furniture only: (the date, whether the line looks like a site's
    "today" stamp: a weekday and the date, no byline and no time); else None."""
    m = _ANY_DATE.search(line)
    if m is None:
        return None
    kinds: list[str] = []
    for a, b in ((0, m.start()), (m.end(), len(line))):
        at = a
        while at < b:
            token = _LINE_TOKEN.match(line, at, b)
            if token is None:
                if line[at:b].strip():
                    return None
                break
            kinds.append(token.lastgroup)
            at = token.end()
    when = parse_date(m.group(0))
    if when is None or sum(k in ("name", "glue", "label") for k in kinds) > _DATE_LINE_WORDS:
        return None
    return when, "weekday" in kinds and "by" not in kinds and "time" not in kinds


def _short_date_line(line: str) -> tuple[date, bool] | None:
    """:func:`_date_line` for a line short enough to be one and holding a year's digits, else None (cheap checks first)."""
    short = len(line) <= _DATE_LINE_LENGTH or ("](" in line and len(_LINK_ADDRESS.sub("", line)) <= _DATE_LINE_LENGTH)  # (a link's address is no word)
    return _date_line(line) if short and _YEAR_DIGITS.search(line) else None


def _today_stamps(text: str) -> list[date]:
    """The dates of the "today" stamps (see :func:`_date_line`) in the first lines of ``text``."""
    found = []
    for line in text[:_DATE_LINE_REACH].split("\n"):
        dated = _short_date_line(line)
        if dated and dated[1]:
            found.append(dated[0])
            if len(found) >= _MAX_DATELINES:
                break
    return found


def _date_from_lines(text: str) -> date | None:
    """The story's date from its date lines (see :func:`_date_line`) in its first lines: the first
    after the headline (a line of four words or more, no date, no menu bars), else the last before it
    that is not a site's "today" stamp (a weekday and the date above the headline; a page can carry
    one with the day it was saved). With no headline found, the last date line."""
    dated, headline = [], None  # dated: (after the headline, a "today" stamp, date)
    for line in text[:_DATE_LINE_REACH].split("\n"):
        found = _short_date_line(line)
        if found:
            dated.append((headline is not None, found[1], found[0]))
            if len(dated) >= _MAX_DATELINES:
                break
        elif headline is None and len(line.split()) >= 4 and "|" not in line:
            headline = True
    if not dated:
        return None
    if headline is None:
        return dated[-1][2]
    after = [when for later, _, when in dated if later]
    if after:
        return after[0]
    before = [when for _, today, when in dated if not today]
    return before[-1] if before else None


_EMPTY_LINES = compiled(r"\n*+")


def search_line_starts(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """``pattern.search(text, pos, endpos)`` for a pattern that can match only at a line start (it opens
    with ``(?m)^``) and never at an empty one (its first line holds more than blanks), tried only at the
    starts of the other lines, each once (a run of empty lines is passed in one step):
    ``search_line_starts(_LEAD_DATE, text, 0, 400)``."""
    endpos = len(text) if endpos is None else endpos
    if pos and text[pos - 1] != "\n":  # not a line start: the next one
        pos = text.find("\n", pos, endpos) + 1
        if not pos:
            return None
    while True:
        pos = _EMPTY_LINES.match(text, pos, endpos).end()
        m = pattern.match(text, pos, endpos)
        if m:
            return m
        pos = text.find("\n", pos, endpos) + 1
        if not pos:
            return None


def _header_dates(text: str):
    """``_HEADER_DATE.finditer(text)``, tried only at the starts of the lines whose first word is "date"
    (each place of the word looks back over the blanks before it: each blank is read once)."""
    at = text.find("date")
    while at != -1:
        start = at
        while start and text[start - 1] in " \t":
            start -= 1
        if not start or text[start - 1] == "\n":
            m = _HEADER_DATE.match(text, start)
            if m:
                yield m
        at = text.find("date", at + 4)


_DATELINES: list[tuple[str, list[re.Match[str]]]] = [("", [])]  # the text split last, and its datelines


# A dateline's word stands in the first 60 characters of its line, and holds one of these (case-insensitively):
# (the word, how far before it the dateline's word can start: "Last updated" holds "date" 7 characters on)
_DATELINE_WORDS = (("published", 0), ("posted", 0), ("date", 7))
_DATELINE_LEAD = 60


def _dateline_starts(text: str) -> list[int] | None:
    """The line starts where a ``_DATELINE`` match can begin: those of the lines that hold one of its
    words near their start, in order (None when ``lower()`` moves positions). Each place of a word looks
    back a bounded stretch for its line's start, so the whole is linear in the text."""
    lowered = vocab.plain_lowered(text)
    if lowered is None:
        return None
    starts = set()
    for word, back in _DATELINE_WORDS:
        at = lowered.find(word)
        while at != -1:
            reach = max(0, at - back - _DATELINE_LEAD - 1)
            line = text.rfind("\n", reach, at)
            if line != -1 or reach == 0:
                starts.add(line + 1)
            at = lowered.find(word, at + 1)
    return sorted(starts)


def _find_datelines(text: str):
    """``_DATELINE.finditer(text)``, its pattern tried only at the line starts where it can match
    (each match lies within its line, and starts at the line's start)."""
    starts = _dateline_starts(text)
    if starts is None:
        yield from _DATELINE.finditer(text)
        return
    match = _DATELINE.match
    for at in starts:
        m = match(text, at)
        if m:
            yield m


def _datelines(text: str) -> list[re.Match[str]]:
    """Every ``_DATELINE`` match of ``text``, kept for :func:`story_date` (a one-story file is its story)."""
    found = list(_find_datelines(text))
    _DATELINES[0] = (text, found)
    return found


def _datelines_of(text: str):
    """The ``_DATELINE`` matches of ``text``: those of the file just split when it is this text, else found lazily."""
    last = _DATELINES[0]
    return last[1] if last[0] is text else _find_datelines(text)


def story_date(text: str) -> date | None:
    """The publication date the text states: a ``date`` header, then Published, then Updated; else None."""
    header = next(_header_dates(text), None)
    if header:
        return parse_date(header.group("date"))
    # ("Approval Date: November 27, 2024" in a project's summary is no date of the story: "Date" opens its line)
    datelines = (m for m in _datelines_of(text) if _line_length(text, m.start()) <= _DATELINE_MAX and not _inner_date_word(text, m))
    lines = sorted(islice(datelines, _MAX_DATELINES), key=lambda m: m.group("word").lower() != "published")
    for m in lines:
        found = parse_date(m.group("date"))
        if found:
            if _TRAILER.match(text, text.rfind("\n", 0, m.start()) + 1):
                # a print edition's "Published in Dawn, February 25th, 2026" comes out a day after the web story's own
                # date line under the headline, which is the story's date when there is one
                return _date_from_lines(text) or found
            return found
    for pattern in (_LEAD_DATE, _LEAD_DATE_FIRST):
        lead = search_line_starts(pattern, text, 0, _LEAD_REACH)
        if lead and (found := parse_date(lead.group("date"))):
            return found
    return _date_from_lines(text) or _caption_date(text) or _numeric_by_dateline(text) or _yearless_by_copyright(text)


def _inner_date_word(text: str, m: re.Match[str]) -> bool:
    """Whether the word "Date" of a ``_DATELINE`` match stands inside its line ("Approval Date:"), not opening it."""
    if m.group("word").lower() != "date":
        return False
    return bool(text[text.rfind("\n", 0, m.start("word")) + 1 : m.start("word")].strip())


_COPYRIGHT_YEAR = compiled(r"(?:©|\([Cc]\)|Copyright)[^\n]{0,80}?(?<!\d)((?:19|20)\d\d)(?:[ \t]*+[-–][ \t]*+((?:19|20)\d\d))?(?!\d)")
_COPYRIGHT_REACH = 1500  # a page's copyright line stands at its end


def _yearless_by_copyright(text: str) -> date | None:
    """A wire dateline without its year ("ISLAMABAD, Feb 17 (APP):") in the year of the page's copyright line
    ("© 2026 Associated Press of Pakistan", "Copyright 2005-2026"): the page's current year; else None."""
    line = _YEARLESS_DATELINE.search(text[:_DATE_LINE_REACH])
    if line is None:
        return None
    mark = _COPYRIGHT_YEAR.search(text, max(0, len(text) - _COPYRIGHT_REACH))
    if mark is None:
        return None
    return parse_date(f"{line.group('day')} {line.group('mon')} {mark.group(2) or mark.group(1)}")


# a wire dateline without its year: "KUALA LUMPUR, Oct 7 (Bernama) --", "BEIJING, Sep 14 (APP):"
_YEARLESS_DATELINE = compiled(rf"(?m)^[ \t]*+[A-Z][A-Z.'’ -]{{1,30}}+,[ \t]*+(?P<mon>{_MONTH})[ \t]++(?P<day>\d{{1,2}})(?![\d,])")
_SLASHED_DATE = compiled(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


def _numeric_by_dateline(text: str) -> date | None:
    """A date of digits whose order of day and month is not plain ("07/10/2025") read by the story's own
    dateline, which gives the day and month without the year ("KUALA LUMPUR, Oct 7 (Bernama)"): the date
    when the two agree in one order, else None."""
    head = text[:_DATE_LINE_REACH]
    line = _YEARLESS_DATELINE.search(head)
    slashed = _SLASHED_DATE.search(head) if line else None
    if slashed is None:
        return None
    a, b, year = (int(g) for g in slashed.groups())
    found = parse_date(f"{line.group('day')} {line.group('mon')} {year}")  # the dateline's day and month, in the digits' year
    return found if found is not None and (found.day, found.month) in ((a, b), (b, a)) else None


def _caption_date(text: str) -> date | None:
    """The date of the photo a story opens with, when nothing else dates it: a caption line in its
    first lines ("... addresses a press conference on December 14, 2025. — Screengrab via Geo news"):
    news photos are of the day's event."""
    for line in text[:_DATE_LINE_REACH].split("\n"):
        tail = line[-_CREDIT_TAIL:]
        # a caption ends with a dash and its credit: only such lines are read for a date
        if len(line) > _CAPTION_LENGTH or ("—" not in tail and "–" not in tail and "-" not in tail):
            continue
        when = _ANY_DATE.search(line) if vocab.captions().match(line) else None
        if when and (found := parse_date(when.group(0))):
            return found
    return None


# --------------------------------------------------------------------------- splitting and cleaning
_TRAILER = compiled(rf"(?mi)^[ \t]*Published in [^\n]{{2,60}},\s*{_DATE}[ \t.]*$")
_BIG_GAP = compiled(r"\n[ \t]*\n[ \t]*\n(?:[ \t]*\n)*")
_PARA = compiled(r"\n[ \t]*\n")
_MIN_STORY = 400
_DATELINE_MAX = 100  # a dateline is a short line of its own; a date inside a paragraph never splits a file


def _line_length(text: str, at: int) -> int:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return (len(text) if end == -1 else end) - start


class _Ink:
    """``ink.at_least(a, b, n)``: whether ``text[a:b]`` holds at least ``n`` non-blank characters (how much
    text it holds). Counted directly, a stretch at a time, only as far as it takes (a story needs a few
    hundred characters, an article has a dateline or two); once the counting has read twice the text,
    counts before each position are built in one vectorised pass and every later question takes constant
    time: linear in the text on any input, and no numpy for an ordinary article."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.budget = 2 * len(text)  # characters still to count directly
        self.before = None

    def at_least(self, a: int, b: int, n: int) -> bool:
        if self.before is None:
            found, at = 0, a
            while found < n and at < b and self.budget > 0:
                stop = min(b, at + max(2 * (n - found) + 64, at - a))  # enough for the rest, and growing
                self.budget -= stop - at
                found += len("".join(self.text[at:stop].split()))  # str.split() splits at exactly the _BLANKS
                at = stop
            if found >= n or at >= b:
                return found >= n
            self.before = _ink_before(self.text)
        return int(self.before[b] - self.before[a]) >= n


def _ink_before(text: str):
    """Counts of non-blank characters before each position of ``text`` (one more than its length), as numpy."""
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    before = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(_ink_table()[np.minimum(codes, 0x3001)], out=before[1:])
    return before


@lru_cache(maxsize=1)
def _ink_table():
    """Whether each code point up to U+3000 is ink (not blank); U+3001 stands for all above."""
    import numpy as np

    table = np.ones(0x3002, dtype=np.int64)
    table[_BLANKS] = 0
    return table


_BLANKS = [ord(c) for c in " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"]


def split_stories(text: str) -> list[tuple[int, int]]:
    """Spans of the stories in one file. A second ``date`` header, or a second dateline
    after a full story's worth of text, starts a new story at the title above it."""
    # only the first headers can cut (a file of more stories than MAX_STORIES keeps the rest in its last)
    header_dates = list(islice(_header_dates(text), MAX_STORIES + 1))
    headers = [
        m
        for m in _datelines(text)
        if not m.group(0).lstrip().lower().startswith("published in") and _line_length(text, m.start()) <= _DATELINE_MAX
    ]
    trailers = list(_TRAILER.finditer(text)) if vocab.may_hold(text, ("published in",)) else []
    if not headers and not trailers and (not header_dates or (len(header_dates) == 1 and not text[: header_dates[0].start()].strip())):
        return [(0, len(text))] if text.strip() else []  # nothing that could start a second story
    ink = _Ink(text)
    first = next((k for k, m in enumerate(header_dates) if ink.at_least(0, m.start(), 1)), len(header_dates))
    cuts = {m.start() for m in header_dates[first:]}  # text before one header is text before every later one
    last = 0
    for m in headers:
        if not ink.at_least(last, m.start(), _MIN_STORY) or not ink.at_least(m.end(), len(text), _MIN_STORY):
            continue  # a story needs text before the dateline, and a new one text after it
        window_start = max(last, m.start() - 800)
        gaps = list(_BIG_GAP.finditer(text, window_start, m.start()))
        if gaps:
            cut = gaps[-1].end()
        else:
            paras = list(_PARA.finditer(text, window_start, m.start()))
            cut = paras[-2].end() if len(paras) >= 2 else (paras[-1].end() if paras else m.start())
        if ink.at_least(last, cut, _MIN_STORY):
            cuts.add(cut)
            last = cut
    # A trailer ("Published in Dawn, October 8th, 2025") followed by more text ends its story.
    for m in trailers:
        if ink.at_least(m.end(), len(text), _MIN_STORY):
            cuts.add(m.end())
    # a file of more stories than this is a dump, not an article: the rest stays in its last story
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(text))[: MAX_STORIES - 1], len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if ink.at_least(a, b, 1)]


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces (newlines kept), so offsets do not move."""
    if not spans:
        return text
    parts, at = [], 0
    for start, end in sorted(spans):
        start = max(start, at)
        if start >= end:
            continue
        parts.append(text[at:start])
        piece = text[start:end]
        parts.append(" " * (end - start) if "\n" not in piece else _NOT_NEWLINE.sub(" ", piece))  # most spans are one line
        at = end
    parts.append(text[at:])
    return "".join(parts)


_NOT_NEWLINE = compiled(r"[^\n]")


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Where page furniture (``data/furniture.csv``) stands in ``text``; after a teasers' header in
    the second half of the text ("Related Articles" on a line of its own), all the rest; the block of
    headlines under a teasers' header elsewhere, and under a header of a teasers' block anywhere
    ("Read more:", "Latest": ``block`` rows); and the other stories' teasers a page may open with
    (see :func:`lead_teasers`)."""
    spans = [(a, b) for a, b in vocab.furniture().spans(text) if not _signed_paragraph(text, a, b)]
    spans += lead_teasers(text)
    blocks = vocab.teaser_headers("block")
    if blocks is not None:
        spans += _teaser_blocks(text, blocks, len(text))
    headers = vocab.teaser_headers()
    if headers is None:
        return spans
    teasers = headers.search(text, len(text) // 2)
    return spans + _teaser_blocks(text, headers, len(text) // 2) + ([(teasers.start(), len(text))] if teasers else [])


def _teaser_blocks(text: str, headers: re.Pattern[str], until: int) -> list[tuple[int, int]]:
    """A teasers' header starting before ``until`` with the block of lines under it, when none of
    them ends a sentence and a blank line (or the text's end) closes it: other stories' headlines
    set inside the story ("Related readings:" over "China aids Pakistan post-disaster
    reconstruction", ...) or at its end; the story goes on below. Each line is read once."""
    out = []
    m = headers.search(text, 0, until)  # (one search in C: faster than line by line on a story's many short lines)
    while m is not None:
        at = text.find("\n", m.end()) + 1 or len(text)
        last = None  # where the block's last line ends
        closed = True  # by a blank line or the text's end
        while at < len(text):
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            line = text[at:end].strip()
            if not line:
                break
            if len(line) > 2 * _TEASER_LINE or (line.endswith(_SENTENCE_CLOSE) and not _LISTED_HEADLINE.match(line)):
                closed = False
                break
            last, at = end, end + 1
        if last is not None and closed:
            out.append((m.start(), last))
        m = headers.search(text, at, until) if at < until else None
    return out


_AMOUNT_SIGN = compiled(r"[$€£¥][ \t]?\d")


def _signed_paragraph(text: str, a: int, b: int) -> bool:
    """Whether the furniture at ``text[a:b]`` is a paragraph of the story that a wire signs off like a photo
    caption: one line, read as a caption, holding two amounts or more ("... from Saudi Arabia and the UAE with
    $433.4 million and $395.5 million respectively. – APP"): captions show people and places, not sums."""
    first = _AMOUNT_SIGN.search(text, a, b)  # the cheap, bounded checks first; the caption's pattern only within the span
    if first is None or _AMOUNT_SIGN.search(text, first.end(), b) is None or "\n" in text[a:b].strip():
        return False
    return vocab.captions().match(text, a, b) is not None


_TEASER_REACH = 3000  # teasers stand above the story's own headline
_TEASER_LINE = 120  # a teaser's headline or its one-sentence summary is a short line of its own
# a numbered headline of a list, or one ending in initials ("3. Hyundai to build $5 bln plant in U.S."): no sentence
_LISTED_HEADLINE = compiled(rf"\d{{1,2}}[.)][ \t][^\n]{{1,{_TEASER_LINE}}}$|[^\n]{{0,{_TEASER_LINE}}}\b(?:[A-Z]\.){{2,3}}$")
_MIN_TEASERS = 3
_SENTENCE_CLOSE = (".", "!", "?", '"', "”", "’", "'")
_OPENING = "'\"‘“"


def lead_teasers(text: str) -> list[tuple[int, int]]:
    """Other stories' teasers above a story, each a short headline line and a one-sentence summary
    under it, blank lines between ("TSMC's H1 revenue up 40 percent / Robust demand for AI ..."): at
    least three such pairs before the first long line. The story's own headline and summary, the
    last pair, stay unless another headline follows them. One pass over the lead's lines."""
    lines = []  # (start, end, stripped) of the short lines before the first long one
    at = 0
    while at < min(len(text), _TEASER_REACH):
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        line = text[at:end].strip()
        if len(line) > _TEASER_LINE:
            break
        if line:
            lines.append((at, end, line))
        at = end + 1
    pairs = []  # index of each headline line followed by its summary
    k = 0
    while k + 1 < len(lines):
        head, summary = lines[k][2], lines[k + 1][2]
        apart = text.count("\n", lines[k][1], lines[k + 1][0]) >= 2 and (k == 0 or text.count("\n", lines[k - 1][1], lines[k][0]) >= 2)
        if apart and not head.endswith(_SENTENCE_CLOSE) and head.lstrip(_OPENING)[:1].isalnum() and summary.endswith(_SENTENCE_CLOSE) and summary.lstrip(_OPENING)[:1].isalnum():
            pairs.append(k)
            k += 2
        else:
            k += 1
    if len(pairs) < _MIN_TEASERS:
        return []
    last = pairs[-1]
    after = lines[last + 2][2] if last + 2 < len(lines) else ""
    if not after or after.endswith(_SENTENCE_CLOSE):
        pairs = pairs[:-1]  # the last pair is the story's own headline and summary
    return [(lines[k][0], lines[k + 1][1]) for k in pairs]


_EDGE = 600
_SENTENCE_END = compiled(r"(?<=[.!?])\s")
_LEAD_DATELINE = compiled(r"^[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z ]+\))?\s*[:—–-]\s+")


_BLANK_RUN = compiled(r"\s*+")
_LETTER_LIKE = compiled(r"[^\W\d_]")  # every letter (str.isalpha), and a few numerals such as "½"


def _has_letter(line: str) -> bool:
    """Whether ``line`` holds a letter (``any(c.isalpha() for c in line)``, searched in C: a line of
    two million digits and signs is read once, not a character at a time in Python)."""
    m = _LETTER_LIKE.search(line)
    while m and not m.group().isalpha():
        m = _LETTER_LIKE.search(line, m.end())
    return m is not None


_TITLE_SKIPS = 3  # date lines and marks skipped above a headline, at most (a file of datelines has no headline)


_TRAIL = compiled(r"[ \t]+[/>»›|·•][ \t]+")  # between the steps of a trail: "Home / Pakistan", "News > Business", "Markets · Policy"
_MASTHEAD_MAX = 40


def _masthead(line: str) -> bool:
    """Whether a line above a headline is the page's masthead: a section's label or an outlet's name
    (``vocab.mastheads``: "Business", "The Express Tribune"), a single word ("Economic"), or a trail of
    them or of short names ("Home / Pakistan", "Top Story | Business", "Home / National / Foreign Office")."""
    if len(line) > _MASTHEAD_MAX:
        return False
    steps = _TRAIL.split(line)
    if len(steps) == 1:
        return _section_label(line)
    return all(step.lower() in vocab.mastheads() or _TRAIL_STEP.fullmatch(step) for step in steps)


_ONE_WORD = compiled(r"[^\W\d_][\w&'’-]{0,24}+")  # a section's label of one word: "Economic", "Markets"
_TRAIL_STEP = compiled(r"[^\W\d_][\w&'’.-]*+(?:[ \t](?:&|[^\W\d_][\w&'’.-]*+)){0,3}")  # a trail's step: one to four words ("Economy & Policy")


def _section_label(line: str) -> bool:
    """Whether a line is a section's label: one in ``vocab.mastheads`` or a single word (a headline has more)."""
    return line.lower() in vocab.mastheads() or bool(_ONE_WORD.fullmatch(line))


_NAME_LINE = compiled(r"[^\W\d_][\w&'’.-]*+(?:[ \t][^\W\d_][\w&'’.-]*+){0,5}")  # a short name: one to six words, each opening with a letter


def _over_masthead(line: str, body: str, end: int) -> bool:
    """Whether ``line`` is an outlet's name not in the lists: a short name right above a section's label
    ("Gulf Today\nBusiness\n\nQatar to invest ...", "Saudi Press Agency\nEconomic\n...")."""
    if len(line) > _MASTHEAD_MAX or not _NAME_LINE.fullmatch(line):
        return False
    after = _BLANK_RUN.match(body, end).end()
    stop = body.find("\n", after)
    below = " ".join(body[after : len(body) if stop == -1 else stop].split())
    # (a label not in the lists, one word, under a name of capitalised words: "Saudi Press Agency\nEconomic"; a trail:
    # "OPEC Fund for International Development\nNewsroom | Press release")
    if not below:
        return False
    if below.lower() in vocab.mastheads() or (len(_TRAIL.split(below)) > 1 and _masthead(below)):
        return True
    return bool(_ONE_WORD.fullmatch(below)) and all(w[:1].isupper() for w in line.split())


def headline_start(body: str) -> int:
    """Where the headline's line starts: the first line with words, past at most ``_TITLE_SKIPS`` date
    lines, marks and mastheads above it (``"Friday 29 March 2024\n»\nBahrain, Pakistan trade set to double"`` -> 23,
    the "B"; ``"DAWN\nBusiness\n\nSaudi fund extends ..."`` -> the "S"). A file of datelines has no headline: the fourth is taken.
    Kept for the last text (the title, the story's counterparty and the figures' headline ask it of the same story)."""
    last = _HEADLINE_START[0]
    if last[0] is body:
        return last[1]
    found = _headline_start(body)
    _HEADLINE_START[0] = (body, found)
    return found


_HEADLINE_START: list[tuple[str | None, int]] = [(None, 0)]


def _headline_start(body: str) -> int:
    skipped = marks = 0
    at = 0
    while at < len(body):  # line by line, only as far as the headline (a file of blank lines is not split)
        at = _BLANK_RUN.match(body, at).end()  # a run of blank lines in one step
        end = body.find("\n", at)
        end = len(body) if end == -1 else end + 1
        raw = body[at:end]
        line = " ".join(raw.split()).lstrip("#>*_ ").rstrip("*_ ")
        if not line:
            at = end
            continue
        # a site's furniture: its name, sections and trails, a ticker ("BTC $91,240.18 ▼1.2%"); at most _MARK_SKIPS of them
        if marks < _MARK_SKIPS and (_masthead(line) or _over_masthead(line, body, end) or _TICKER_MARK.search(line)):
            marks += 1
        elif not (skipped < _TITLE_SKIPS and (not _has_letter(line) or _short_date_line(line))):
            return at + len(raw) - len(raw.lstrip())
        else:
            skipped += 1
        at = end
    return len(body)


_MARK_SKIPS = 6  # mastheads, sections, trails and tickers skipped above a headline, at most
_TICKER_MARK = compiled(r"[▲▼△▽]")


def story_title(body: str) -> str | None:
    """The headline: the first line when it reads as one (date lines above it skipped: see
    :func:`headline_start`), else the first sentence, shortened. Markdown marks are dropped:
    ``"# Budget 2025-26 ..."`` -> ``"Budget 2025-26 ..."``."""
    start = headline_start(body)
    end = body.find("\n", start)
    line = " ".join(body[start : len(body) if end == -1 else end].split()).lstrip("#>*_ ").rstrip("*_ ")
    if not line:
        return None
    if len(line) <= 160 and not line.endswith((".", ":")) and len(line.split()) >= 3:
        return line
    sentence = _SENTENCE_END.split(_LEAD_DATELINE.sub("", line), maxsplit=1)[0]
    return sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"


def story_outlet(text: str) -> str | None:
    """The outlet named in the story's first or last lines (``data/outlets.csv``):
    ``"...Published in Dawn, October 8th, 2025"`` -> Dawn (the first in the file whose cue is there)."""
    automaton = _outlet_automaton()
    if len(text) <= 2 * _EDGE:  # the edges cover the text: one pass, keeping the cues that lie within one
        lengths = _outlet_lengths()
        tail = len(text) - _EDGE
        found = {i for end, i in automaton.iter(text) if end < _EDGE or end + 1 - lengths[i] >= tail}
    else:
        found = {i for edge in (text[:_EDGE], text[-_EDGE:]) for _, i in automaton.iter(edge)}
    return vocab.outlets()[min(found)][1] if found else None


@lru_cache(maxsize=1)
def _outlet_lengths() -> tuple[int, ...]:
    """The length of each outlet cue, by its row in ``vocab.outlets()``."""
    return tuple(len(cue) for cue, _ in vocab.outlets())


@lru_cache(maxsize=1)
def _outlet_automaton():
    """An Aho-Corasick automaton of the outlet cues, each giving its row in ``vocab.outlets()``."""
    # a cue twice: its first row wins (added last)
    return vocab.automaton_of((cue, i) for i, (cue, _) in reversed(list(enumerate(vocab.outlets()))))


def _repeated_title(body: str, title: str | None) -> list[tuple[int, int]]:
    """Where the headline stands again as a line of its own (Arab News repeats it): blanked so that
    its figures count once. Each check looks back and ahead over blanks only, so the whole scan
    is linear however often the headline recurs."""
    if not title:
        return []
    first = body.find(title)
    spans, at = [], body.find(title, first + len(title)) if first != -1 else -1
    while at != -1:
        end = at + len(title)
        before = at
        while before > 0 and body[before - 1] in " \t":
            before -= 1
        after = end
        while after < len(body) and body[after] in " \t":
            after += 1
        if (before == 0 or body[before - 1] == "\n") and (after == len(body) or body[after] == "\n"):
            spans.append((at, end))
        at = body.find(title, end)
    return spans


def read_stories(source: str, text: str) -> list[Story]:
    """All stories of one file's text, cleaned, with their metadata.

    ``read_stories("003.txt", text)`` -> ``[Story(story=0, ...), Story(story=1, ...)]``
    """
    work = text.replace("\r", " ").replace("`", "’")  # "People`s Bank of China": a backtick typed for an apostrophe (same length)
    stories = []
    for index, (start, end) in enumerate(split_stories(work)):
        raw = work[start:end]
        body = blank(raw, furniture_spans(raw))
        title = story_title(body)
        body = blank(body, _repeated_title(body, title))
        stories.append(
            Story(
                source=source,
                story=index,
                start=start,
                end=end,
                text=body,
                title=title,
                outlet=story_outlet(raw),
                published=story_date(raw),
            )
        )
    return stories
