"""Words shown to people: counts with their noun, and article or user text made safe for Streamlit's Markdown.

``counted(1, "story")`` -> ``"1 story"``; ``counted(2, "story")`` -> ``"2 stories"``;
``escape_markdown("**$5B** <b>")`` -> ``"\\*\\*\\$5B\\*\\* \\<b\\>"`` (shown literally).
"""

from __future__ import annotations

import math

from dashboard.regexes import compiled

IRREGULAR = {"story": "stories", "country": "countries", "company": "companies", "entry": "entries", "this": "these"}

# Every ASCII punctuation character CommonMark lets a backslash escape: Markdown marks, GFM tables and
# strikethrough, HTML and entities (< > &), Streamlit's :colour[...] and :emoji: directives, KaTeX's $.
_MARKDOWN_SPECIAL = compiled(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
# Streamlit's Markdown (remark-gfm) turns web and mail addresses in the *rendered* text into links,
# whatever the escapes: a zero-width space after "http", "https" and "www" and after "@" breaks them.
_AUTOLINK = compiled(r"(?i)(https?(?=:)|\bwww(?=\.)|@)")
ZERO_WIDTH = "\u200b"
_LEADING_SPACE = compiled(r"(?m)^[ \t]+")  # four leading spaces would open a code block
_BLANK_RUN = compiled(r"\n(?:[ \t]*\n)+")


def plural(n: int, noun: str, many: str | None = None) -> str:
    """The noun for ``n``: ``plural(1, "story")`` -> ``"story"``, ``plural(0, "story")`` -> ``"stories"``."""
    if n == 1:
        return noun
    return many or IRREGULAR.get(noun) or (noun + "es" if noun.endswith(("s", "x", "ch", "sh")) else noun + "s")


def counted(n: int, noun: str, many: str | None = None) -> str:
    """A count with its noun: ``counted(1, "story")`` -> ``"1 story"``, ``counted(1200, "figure")`` -> ``"1,200 figures"``."""
    return f"{n:,} {plural(n, noun, many)}"


def display(value: object, empty: str = "") -> str:
    """A cell or a value as a person reads it: missing values (None, NaN, NA) become ``empty``, never "None" or "nan"."""
    if value is None:
        return empty
    try:
        if value != value or (isinstance(value, float) and math.isnan(value)):  # NaN, pd.NA compare oddly
            return empty
    except TypeError:  # pd.NA: its truth value is ambiguous
        return empty
    return str(value)  # a string is text, even "None": only a real missing value is left empty


def escape_markdown(text: object) -> str:
    """Article or user text for any Streamlit element that renders Markdown (titles, captions, metric
    labels and help tooltips, expander labels, st.markdown): shown literally, as text.

    Every punctuation character is backslash-escaped (so no emphasis, link, autolink, heading, setext
    underline, list, table, HTML tag, entity, ``:red[...]`` or ``$...$`` math survives), leading
    spaces are dropped (no indented code block), and runs of blank lines become one paragraph break.
    A web or mail address gets a zero-width space (``http\u200b://``, ``www\u200b.``, ``@\u200b``), so it is
    not made a link. Line breaks are kept as hard breaks. ``None`` and NaN become the empty string.
    """
    return paragraphs(escape_characters(display(text)))


def escape_characters(text: str) -> str:
    """Only the backslash escapes of :func:`escape_markdown` (and the breaks in web and mail
    addresses), for text cut into pieces (then join the pieces and pass the whole through :func:`paragraphs`)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _AUTOLINK.sub(lambda m: m.group(0) + ZERO_WIDTH, text))


def paragraphs(escaped: str) -> str:
    """Whitespace of escaped text laid out for Markdown: no leading spaces on a line (no code block),
    one blank line between paragraphs, a hard break for every other line break."""
    text = _BLANK_RUN.sub("\n\n", escaped.replace("\r\n", "\n").replace("\r", "\n"))
    text = _LEADING_SPACE.sub("", text).strip()
    return "\n\n".join(paragraph.replace("\n", "  \n") for paragraph in text.split("\n\n"))
