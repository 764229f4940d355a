"""Reading the corpus: files -> stories with title, outlet, date and the text that is the story.

Offsets are kept: a story is a span of its file, and its ``text`` has the same length
as that span with page furniture (tickers, ``Follow``, ``Read next: ...``) blanked to
spaces, so a position in ``text`` plus ``start`` is a position in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import dateparser

from dashboard import vocab

SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_BYTES = 2_000_000


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
def read_text(path: Path) -> str:
    """The text of an article file; raises :class:`UnreadableFile` with a reason a person can act on."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(f"cannot open: {exc.strerror}") from exc
    if size > MAX_BYTES:
        raise UnreadableFile(f"larger than the {MAX_BYTES // 1_000_000} MB limit ({size:,} bytes)")
    data = path.read_bytes()
    if b"\x00" in data:
        raise UnreadableFile("binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"not UTF-8 (byte {exc.start}): save the article as UTF-8 text") from exc
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    if not text.strip():
        raise UnreadableFile("empty: no text in the file")
    return text


def html_to_text(html: str) -> str:
    """A saved web page -> its article text (trafilatura), title first and date line kept."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        return ""
    parts = [doc.title or "", f"Published {doc.date}" if doc.date else "", doc.text or ""]
    return "\n\n".join(p for p in parts if p)


def article_paths(paths: list[Path]) -> list[Path]:
    """Files to read: each path a file, or a folder whose article files are taken in name order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            out.append(path)
    return out


# --------------------------------------------------------------------------- dates
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_HEADER_DATE = re.compile(r"(?m)^[ \t]*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b")
_DATELINE = re.compile(
    rf"(?mi)^[^\n]{{0,60}}?\b(?P<word>Published|Updated|Posted|Last updated|Dated|Date)(?:\s+on)?\s*:?\s+(?:in\s+[^\n,]{{2,60}},\s*)?(?P<date>{_DATE})"
)


@lru_cache(maxsize=1)
def _date_parser() -> dateparser.DateDataParser:
    """One English parser, built once (``dateparser.parse`` with settings builds one per call)."""
    return dateparser.DateDataParser(
        languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    )


_FAST_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b|,|\.")


@lru_cache(maxsize=4096)
def parse_date(raw: str) -> date | None:
    """``"22 Apr, 2025"`` -> 2025-04-22, ``"October 8th, 2025"`` -> 2025-10-08; a partial date -> None.

    The common English forms are read directly; anything else goes to dateparser."""
    plain = " ".join(_ORDINAL.sub(" ", raw).split())
    for fmt in _FAST_FORMATS:
        try:
            return datetime.strptime(plain, fmt).date()
        except ValueError:
            continue
    parsed = _date_parser().get_date_data(raw.replace(",", " ")).date_obj
    return parsed.date() if parsed else None


def story_date(text: str) -> date | None:
    """The publication date the text states: a ``date`` header, then Published, then Updated; else None."""
    header = _HEADER_DATE.search(text)
    if header:
        return parse_date(header.group("date"))
    datelines = (m for m in _DATELINE.finditer(text) if _line_length(text, m.start()) <= _DATELINE_MAX)
    lines = sorted(datelines, key=lambda m: m.group("word").lower() != "published")
    for m in lines:
        found = parse_date(m.group("date"))
        if found:
            return found
    return None


# --------------------------------------------------------------------------- splitting and cleaning
_TRAILER = re.compile(rf"(?mi)^[ \t]*Published in [^\n]{{2,60}},\s*{_DATE}[ \t]*$")
_BIG_GAP = re.compile(r"\n[ \t]*\n[ \t]*\n(?:[ \t]*\n)*")
_PARA = re.compile(r"\n[ \t]*\n")
_MIN_STORY = 400
_DATELINE_MAX = 100  # a dateline is a short line of its own; a date inside a paragraph never splits a file


def _line_length(text: str, at: int) -> int:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return (len(text) if end == -1 else end) - start


def split_stories(text: str) -> list[tuple[int, int]]:
    """Spans of the stories in one file. A second ``date`` header, or a second dateline
    after a full story's worth of text, starts a new story at the title above it."""
    cuts = {m.start() for m in _HEADER_DATE.finditer(text) if text[: m.start()].strip()}
    headers = [
        m
        for m in _DATELINE.finditer(text)
        if not m.group(0).lstrip().lower().startswith("published in") and _line_length(text, m.start()) <= _DATELINE_MAX
    ]
    last = 0
    for m in headers:
        if len(text[last : m.start()].strip()) < _MIN_STORY or len(text[m.end() :].strip()) < _MIN_STORY:
            continue  # a story needs text before the dateline, and a new one text after it
        window_start = max(last, m.start() - 800)
        gaps = list(_BIG_GAP.finditer(text, window_start, m.start()))
        if gaps:
            cut = gaps[-1].end()
        else:
            paras = list(_PARA.finditer(text, window_start, m.start()))
            cut = paras[-2].end() if len(paras) >= 2 else (paras[-1].end() if paras else m.start())
        if len(text[last:cut].strip()) >= _MIN_STORY:
            cuts.add(cut)
            last = cut
    # A trailer ("Published in Dawn, October 8th, 2025") followed by more text ends its story.
    for m in _TRAILER.finditer(text):
        if len(text[m.end() :].strip()) >= _MIN_STORY:
            cuts.add(m.end())
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(text)), len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip()]


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces (newlines kept), so offsets do not move."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Where page furniture (``data/furniture.csv``) stands in ``text``."""
    return [m.span() for m in vocab.furniture().finditer(text)]


_EDGE = 600
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_LEAD_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z ]+\))?\s*[:—–-]\s+")


def story_title(body: str) -> str | None:
    """The headline: the first line when it reads as one, else the first sentence, shortened.
    Markdown marks are dropped: ``"# Budget 2025-26 ..."`` -> ``"Budget 2025-26 ..."``."""
    for line in body.splitlines():
        line = " ".join(line.split()).lstrip("#>*_ ").rstrip("*_ ")
        if not line:
            continue
        if len(line) <= 160 and not line.endswith((".", ":")) and len(line.split()) >= 3:
            return line
        sentence = _SENTENCE_END.split(_LEAD_DATELINE.sub("", line), maxsplit=1)[0]
        return sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"
    return None


def story_outlet(text: str) -> str | None:
    """The outlet named in the story's first or last lines (``data/outlets.csv``):
    ``"...Published in Dawn, October 8th, 2025"`` -> Dawn."""
    edges = (text[:_EDGE], text[-_EDGE:])
    return next((outlet for cue, outlet in vocab.outlets() if any(cue in edge for edge in edges)), None)


def _repeated_title(body: str, title: str | None) -> list[tuple[int, int]]:
    if not title:
        return []
    first = body.find(title)
    spans, at = [], body.find(title, first + len(title)) if first != -1 else -1
    while at != -1:
        line_start = body.rfind("\n", 0, at) + 1
        line_end = body.find("\n", at)
        line_end = len(body) if line_end == -1 else line_end
        if not body[line_start:at].strip() and not body[at + len(title) : line_end].strip():
            spans.append((at, at + len(title)))
        at = body.find(title, at + len(title))
    return spans


def read_stories(source: str, text: str) -> list[Story]:
    """All stories of one file's text, cleaned, with their metadata.

    ``read_stories("003.txt", text)`` -> ``[Story(story=0, ...), Story(story=1, ...)]``
    """
    work = text.replace("\r", " ")
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
