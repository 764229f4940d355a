import math
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.text import counted, display, escape_markdown, plural

HOSTILE = (
    "Title\n=====\nSub\n---\n    indented code\n\n\n\n# heading **bold** _em_ `code` ~~strike~~ [link](http://x.y) "
    "<http://auto.link> https://bare.link www.bare.link <b>bold</b> <script>alert(1)</script> &amp; &lt; "
    ":red[red] :smile: $x^2$ $$y$$ | a | b |\n- item\n1. one\n> quote \\ backslash"
)


@pytest.mark.parametrize(
    ("n", "noun", "text"),
    [(0, "story", "0 stories"), (1, "story", "1 story"), (2, "story", "2 stories"), (1, "figure", "1 figure"),
     (3, "figure", "3 figures"), (1, "partner country", "1 partner country"), (2, "country", "2 countries"),
     (1200, "figure", "1,200 figures"), (2, "process", "2 processes")],
)
def test_counted(n, noun, text):
    many = "partner countries" if noun == "partner country" else None
    assert counted(n, noun, many) == text


def test_plural_takes_an_explicit_form():
    assert plural(2, "dated story", "dated stories") == "dated stories"


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, pd.NaT])
def test_display_never_shows_a_missing_marker(value):
    assert display(value) == ""


def test_display_keeps_values():
    assert display(2030) == "2030" and display("Dawn") == "Dawn" and display(0) == "0"
    assert display("None") == "None" and escape_markdown("NaN") == "NaN"  # words in an article are text


_UNESCAPE = re.compile(r"\\(.)")


def _unescaped(markdown: str) -> str:
    """What a reader sees (the zero-width breaks in addresses are invisible)."""
    return _UNESCAPE.sub(r"\1", markdown.replace("  \n", "\n")).replace("\u200b", "")


def test_escaped_text_has_no_markdown_left():
    out = escape_markdown(HOSTILE)
    bare = _UNESCAPE.sub("", out)  # what Markdown would read as syntax after the escapes
    assert not re.search(r"[*_`~\[\]<>&:$|#=\\]", bare), bare
    assert not re.search(r"(?m)^[ \t]", out)  # no indented code block
    assert "\n\n\n" not in out  # no empty paragraphs or code blocks
    assert _unescaped(out).split() == HOSTILE.replace("\u200b", "").split()  # every word still there, in order


@given(st.text())
def test_escaping_keeps_every_visible_character(text):
    out = escape_markdown(text)
    assert _unescaped(out).split() == " ".join(text.replace("\u200b", "").split()).split() or not text.strip()


def test_missing_text_is_empty():
    assert escape_markdown(None) == "" and escape_markdown(math.nan) == ""


@pytest.mark.parametrize("text", ["see http://example.com", "HTTPS://x.org/a", "www.example.com", "write to a@b.com"])
def test_addresses_are_broken_so_markdown_makes_no_link(text):
    escaped = escape_markdown(text)
    for live in ("http:", "https:", "HTTPS:", "www.", "@b"):
        assert live not in escaped.replace("\\", "")
    assert escaped.replace("\\", "").replace("\u200b", "") == text  # nothing visible changes
