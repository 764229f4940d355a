"""What a user gives -> an article ready to store, or a one-line reason why not.

The same checks for a file, an upload, pasted text and standard input: not empty, not over the
size limit (``DASHBOARD_MAX_ARTICLE_BYTES``, default 2 MB; files are read bounded), not binary,
UTF-8, an HTML page with article text (trafilatura: main text, title, date and site name), and
an extraction that runs. Optional metadata is checked too: an ``http(s)`` URL, a ``YYYY-MM-DD`` date.

    >>> from_bytes("a.txt", b"Pakistan and China signed ...", how="upload").name
    'a.txt'
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from dashboard.articles import MAX_BYTES, SUFFIXES, UnreadableFile, article_paths, decode_article, read_file_bytes
from dashboard.store import NewArticle, clean_label

ENV_MAX_BYTES = "DASHBOARD_MAX_ARTICLE_BYTES"
HTML_SUFFIXES = (".html", ".htm")
URL_SCHEMES = ("http://", "https://")
MIN_YEAR, MAX_YEAR = 1947, 2100
MIN_HTML_WORDS = 20  # a page whose main text is shorter holds no article (a menu, a cookie notice)


class Refused(ValueError):
    """An input that is not stored, with the reason a person can act on."""


@dataclass(frozen=True)
class Meta:
    """What the user says about an article (every field optional)."""

    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    title: str | None = None


def max_bytes() -> int:
    """The size limit: ``$DASHBOARD_MAX_ARTICLE_BYTES`` or 2 MB."""
    raw = os.environ.get(ENV_MAX_BYTES, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else MAX_BYTES


def limit_text() -> str:
    """The size limit as a person reads it: ``"2 MB"``."""
    return _limit_text(max_bytes())


def _limit_text(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit:,} bytes"


# --------------------------------------------------------------------------- metadata
def check_url(url: str | None) -> str | None:
    """An ``http(s)`` URL, trimmed; anything else is refused (``javascript:`` never becomes a link)."""
    url = (url or "").strip()
    if not url:
        return None
    if not url.lower().startswith(URL_SCHEMES) or len(url) > 2000 or any(ch.isspace() or not ch.isprintable() for ch in url):
        raise Refused(f"the URL must be an http:// or https:// address without spaces, not {url[:60]!r}")
    return url


def check_date(value: str | date | None) -> date | None:
    """``"2025-06-01"`` -> date(2025, 6, 1); a malformed date or one outside 1947-2100 is refused."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError as exc:
            raise Refused(f"the date must be YYYY-MM-DD, not {value[:40]!r}") from exc
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise Refused(f"the date {value.isoformat()} is outside {MIN_YEAR}-{MAX_YEAR}")
    return value


def meta(url: str | None = None, outlet: str | None = None, published: str | date | None = None, title: str | None = None) -> Meta:
    """Checked metadata; raises :class:`Refused` for a bad URL or date."""
    return Meta(url=check_url(url), outlet=clean_label(outlet), published=check_date(published), title=clean_label(title))


# --------------------------------------------------------------------------- reading
def html_article(html: str) -> tuple[str, Meta]:
    """A saved news page -> (text, metadata found in it): title first and a date line, like
    ``articles.html_to_text``; trafilatura's title, date and site name as metadata."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura/lxml on a malformed page: this page is refused, not the batch
        raise Refused(f"the web page could not be parsed ({type(exc).__name__})") from exc
    if doc is None or len((doc.text or "").split()) < MIN_HTML_WORDS:
        raise Refused("no article text found in the web page")
    parts = [doc.title or "", f"Published {doc.date}" if doc.date else "", doc.text or ""]
    try:
        published = check_date(doc.date[:10]) if doc.date else None
    except Refused:
        published = None
    return "\n\n".join(p for p in parts if p), Meta(outlet=clean_label(doc.sitename), published=published, title=clean_label(doc.title))


def decode(name: str, data: bytes) -> tuple[str, Meta]:
    """Bytes of an article file -> (text, metadata from the page); raises :class:`Refused`.
    Decoding is ``articles.decode_article``'s (UTF-8, or UTF-16/32 with a BOM); a web page also gives its metadata."""
    limit = max_bytes()
    if len(data) > limit:
        raise Refused(f"larger than the {_limit_text(limit)} limit")
    html = Path(name).suffix.lower() in HTML_SUFFIXES
    try:
        text = decode_article(data, ".txt")
    except UnreadableFile as exc:
        raise Refused(str(exc)) from exc
    controls = sum(1 for ch in text[:10_000] if not ch.isprintable() and ch not in "\n\r\t\f\v")
    if controls > 8:
        raise Refused("binary data (control characters), not an article")
    return html_article(text) if html else (text, Meta())


def read_file(path: Path) -> bytes:
    """The bytes of a regular file, read bounded as ``articles.read_file_bytes`` reads; raises :class:`Refused`."""
    try:
        return read_file_bytes(path, max_bytes())
    except UnreadableFile as exc:
        raise Refused(str(exc).removeprefix("cannot open: ") if "no such file" in str(exc) else str(exc)) from exc


def check_extracts(name: str, text: str) -> int:
    """Run the extraction once; a failure refuses the article. Returns the number of stories."""
    from dashboard.load import analyse_text

    try:
        stories = analyse_text(name, text)
    except Exception as exc:  # the extractor failing on this text: refuse it, never a traceback
        raise Refused(f"extraction failed: {type(exc).__name__}: {exc}") from exc
    if not stories:
        raise Refused("no story found in the text")
    return len(stories)


def from_bytes(name: str, data: bytes, how: str, given: Meta = Meta(), extract: bool = True) -> NewArticle:
    """An upload, stdin or file content -> a checked article; raises :class:`Refused`.
    ``extract=False`` skips the trial extraction (the shipped seeds are stored whatever the extractor does)."""
    label = clean_label(Path(name).name) or "article.txt"
    text, found = decode(label, data)
    if extract:
        check_extracts(label, text)
    return NewArticle(
        text=text,
        name=label,
        how=how,
        title=given.title or found.title,
        outlet=given.outlet or found.outlet,
        url=given.url,
        published=given.published or found.published or url_date(text, given.url),
    )


def url_date(text: str, url: str | None) -> date | None:
    """The date in the article's URL (``.../2024/04/02/...``) when its text states none: many pages
    carry their date only in the address."""
    from dashboard.articles import date_from_url, read_stories

    if not url:
        return None
    first = next(iter(read_stories("article.txt", text)), None)
    return None if first is not None and first.published else date_from_url(url, text)


def from_path(path: Path, how: str = "cli", given: Meta = Meta(), extract: bool = True) -> NewArticle:
    """One article file -> a checked article; raises :class:`Refused`."""
    if path.suffix.lower() not in SUFFIXES:
        raise Refused(f"not an article file: use {', '.join(SUFFIXES)}")
    return from_bytes(path.name, read_file(path), how, given, extract)


def from_unnamed(data: bytes, how: str, given: Meta = Meta()) -> NewArticle:
    """Text without a file name (pasted, standard input) -> a checked article named after its id
    (``paste-3f2a9c01b7d4.txt``)."""
    article = from_bytes(f"{how}.txt", data, how, given)
    return replace(article, name=f"{how}-{article.id[:12]}.txt")


def from_paste(text: str, given: Meta = Meta()) -> NewArticle:
    """Pasted text -> a checked article (see :func:`from_unnamed`)."""
    return from_unnamed(text.encode("utf-8"), "paste", given)


def input_paths(paths: list[Path]) -> Iterator[Path]:
    """Each path, a folder giving every article file under it (``articles.article_paths``: name order)."""
    for path, _name in article_paths(paths):
        yield path


# --------------------------------------------------------------------------- a batch from the Add page
@dataclass(frozen=True)
class Prepared:
    """One input of a batch, checked and extracted but not stored: ``article`` or ``reason``, and
    what the extraction found (``analyse_story`` objects) for the preview."""

    name: str
    article: NewArticle | None
    reason: str | None = None
    records: tuple[dict, ...] = ()


def prepare(files: list[tuple[str, bytes]], pasted: str, given: Meta) -> list[Prepared]:
    """Uploaded ``(name, bytes)`` files and pasted text -> one :class:`Prepared` per input, in order.

    ``prepare([("a.txt", b"...")], "", Meta())`` -> ``[Prepared(name="a.txt", article=NewArticle(...), ...)]``
    """
    from dashboard.load import analyse_text

    inputs: list[tuple[str, bytes | None]] = [(name, data) for name, data in files]
    if pasted.strip():
        inputs.append(("pasted text", None))
    out = []
    for name, data in inputs:
        try:
            article = from_paste(pasted, given) if data is None else from_bytes(name, data, "upload", given)
        except Refused as exc:
            out.append(Prepared(name=name, article=None, reason=str(exc)))
            continue
        records = analyse_text(article.name, article.text, article.title, article.outlet, article.published)
        out.append(Prepared(name=name, article=article, records=tuple(records)))
    return out


def preview_frames(item: Prepared):
    """What will be extracted from one input: (stories, figures) tables of plain text cells.

    stories: ``story, title, date, outlet, partners, figures``; figures: ``story, figure, kind, metric, year, partner, quote``.
    """
    import pandas as pd

    from dashboard.charts import format_value
    from dashboard.partners import registry
    from dashboard.vocab import metric_label

    reg = registry()
    stories = pd.DataFrame(
        [
            {
                "story": r["story"] + 1,
                "title": r["title"] or "",
                "date": r["published"] or "undated",
                "outlet": r["outlet"] or "",
                "partners": ", ".join(reg.name(c) for c in r["partners"]),
                "figures": len(r["figures"]),
            }
            for r in item.records
        ],
        columns=["story", "title", "date", "outlet", "partners", "figures"],
    )
    figures = pd.DataFrame(
        [
            {
                "story": r["story"] + 1,
                "figure": format_value(f["value"], f["currency"], f["unit"]),
                "kind": f["kind"],
                "metric": metric_label(f["metric"]),
                "year": f["year"],
                "partner": reg.name(f["partner"]) if f["partner"] else "",
                "quote": f["quote"],
            }
            for r in item.records
            for f in r["figures"]
        ],
        columns=["story", "figure", "kind", "metric", "year", "partner", "quote"],
    )
    return stories, figures.astype({"year": "Int64"})
