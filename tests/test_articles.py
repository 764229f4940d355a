from datetime import date

import pytest

from dashboard.articles import (
    UnreadableFile,
    blank,
    furniture_spans,
    parse_date,
    read_stories,
    read_text,
    split_stories,
    story_date,
    story_outlet,
    story_title,
)

BODY = "Pakistan and Ruritania signed a memorandum on digital trade and cooperation in many fields. " * 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" date 2025-04-22 AIRLINK 182.71 Increased By ▲ 2.54 (1.41%)\nTitle", date(2025, 4, 22)),
        ("Title\n\nBR Web Desk Published 22 Apr, 2025 06:05pm\n\nBody", date(2025, 4, 22)),
        ("Title\nShort Url\nUpdated 05 December 2025\nFollow\n", date(2025, 12, 5)),
        ("Body text.\n\nPublished in Dawn, October 8th, 2025", date(2025, 10, 8)),
        ("Title\nPublished on: March 3, 2024\nBody", date(2024, 3, 3)),
        ("Title\nUpdated 01 Jan 2025\nPublished 30 Dec 2024\n", date(2024, 12, 30)),
        ("Press release\nDate: 10 June 2025\nBody", date(2025, 6, 10)),
        ("By Aamir Attaa | Published Jan 21, 2026 | 4:12 pm\nBody", date(2026, 1, 21)),
        ("ISLAMABAD, Oct 7 (APP): no year given", None),
        ("No date at all.", None),
        ("The ministry said the closing date 30 June 2025 applied to all bids from local and foreign firms alike, and more.", None),
    ],
)
def test_story_date(text, expected):
    assert story_date(text) == expected


def test_parse_date_needs_day_month_and_year():
    assert parse_date("October 2025") is None
    assert parse_date("8 October 2025") == date(2025, 10, 8)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("AIRLINK 182.71 Increased By ▲ 2.54 (1.41%)", "ticker"),
        ("Follow", "follow"),
        ("Short Url", "short url"),
        ("Read next: Petrol, diesel prices to go up", "read next"),
        ("You May Also Like", "also like"),
        ("Also Read: Pakistan signs MoU", "also read"),
        ("Follow the SPIN IDG WhatsApp Channel for updates across the network.", "channel"),
    ],
)
def test_furniture_is_blanked(line, name):
    text = f"Real story sentence.\n{line}\nMore story."
    cleaned = blank(text, furniture_spans(text))
    assert len(cleaned) == len(text), name
    assert line not in cleaned
    assert "Real story sentence." in cleaned and "More story." in cleaned


def test_ticker_numbers_never_reach_the_story():
    text = " date 2025-04-22 AIRLINK 182.71 Increased By ▲ 2.54 (1.41%)\nHeadline here for the story\n\n" + BODY
    (story,) = read_stories("x.txt", text)
    assert "182.71" not in story.text and "1.41%" not in story.text


def test_two_articles_in_one_file_are_split_at_the_second_title():
    first = "First headline about Pakistan and the UN\n\nUpdated 18 May 2024\nFollow\n\n" + BODY
    second = "Second headline on crypto talks\n\nUpdated 05 December 2025\nFollow\n\n" + BODY
    text = first + "\n\n \n\n\n" + second
    spans = split_stories(text)
    assert len(spans) == 2
    assert text[spans[1][0] :].startswith("Second headline")
    stories = read_stories("x.txt", text)
    assert [s.published for s in stories] == [date(2024, 5, 18), date(2025, 12, 5)]
    assert [s.title for s in stories] == ["First headline about Pakistan and the UN", "Second headline on crypto talks"]


def test_repeated_date_headers_split_stories():
    text = " date 2025-01-02 One\n\n" + BODY + "\n date 2025-02-03 Two\n\n" + BODY
    assert [s.published for s in read_stories("x.txt", text)] == [date(2025, 1, 2), date(2025, 2, 3)]


def test_story_text_keeps_file_offsets():
    text = "Headline for the offsets test\n\nUpdated 18 May 2024\n\n" + BODY + "\n\n\n\nAnother headline here\n\nUpdated 05 December 2025\n\n" + BODY
    for story in read_stories("x.txt", text):
        assert len(story.text) == story.end - story.start
        assert story.text.strip()[:20] == text[story.start : story.end].strip()[:20]


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("Pakistan proposes tech alliance with ASEAN\n\nBody.", "Pakistan proposes tech alliance with ASEAN"),
        ("ISLAMABAD: A roundtable discussion called for deeper ties. More text.", "A roundtable discussion called for deeper ties."),
    ],
)
def test_title(body, title):
    assert story_title(body) == title


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Title\nBR Web Desk Published 22 Apr, 2025\n" + BODY, "Business Recorder"),
        (BODY + "\nPublished in Dawn, October 8th, 2025", "Dawn"),
        (BODY, None),
    ],
)
def test_outlet(text, outlet):
    assert story_outlet(text) == outlet


def test_outlet_named_only_mid_story_is_not_the_outlet():
    assert story_outlet(BODY * 3 + " as Dawn reported, Arab News said " + BODY * 3) is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("Caf\u00e9".encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_files_say_why(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=reason):
        read_text(path)


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    import dashboard.articles as articles

    monkeypatch.setattr(articles, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("x" * 100)
    with pytest.raises(UnreadableFile, match="larger than"):
        read_text(path)


def test_saved_web_page_is_read_with_trafilatura(tmp_path):
    html = (
        "<html><head><title>Pakistan and Ruritania sign digital pact</title>"
        "<meta property='article:published_time' content='2025-03-04'></head><body><article>"
        "<h1>Pakistan and Ruritania sign digital pact</h1>"
        + "".join(f"<p>{BODY} Paragraph {i} says exports reached $3 billion.</p>" for i in range(3))
        + "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html)
    (story,) = read_stories("page.html", read_text(path))
    assert story.title == "Pakistan and Ruritania sign digital pact"
    assert "$3 billion" in story.text


def test_a_date_inside_a_paragraph_does_not_split_the_story():
    text = "Headline about a deadline\n\nPublished 02 Jan 2025\n\n" + BODY + "\n\nThe closing date 30 June 2025 was set by the ministry for all bids, which " + BODY
    assert len(read_stories("x.txt", text)) == 1


def test_a_dateline_at_the_end_does_not_start_a_story():
    text = "# Expats sent home more\n\n" + BODY + "\n\nOne last short line.\n\n*Published on February 12, 2025*\n"
    (story,) = read_stories("x.md", text)
    assert story.published == date(2025, 2, 12)
    assert story.title == "Expats sent home more"
