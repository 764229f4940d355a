from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("15 Settembre 2024", "2024-09-15"), ("3 août 2023", "2023-08-03"), ("12 März 2021", "2021-03-12"),
     ("5 Ekim 2022", "2022-10-05"), ("1 de marzo 2020", None), ("marzo 3, 2020", "2020-03-03")],
)
def test_a_month_in_another_language_is_read(raw, iso):
    found = parse_date(raw)
    assert (found.isoformat() if found else None) == iso


def test_a_dated_lead_in_another_language_dates_the_story():
    assert story_date("15 Settembre 2024_ Il Pakistan ha ottenuto un prestito di 600 milioni di dollari.\n") == date(2024, 9, 15)


def test_a_bad_month_name_row_names_the_file_and_row(data_files):
    from dashboard import articles, vocab

    loader = data_files(vocab, articles._foreign_months, {"month_names.csv": "name,month,languages\ngennaio,1,it\nfoo,13,xx\n"})
    with pytest.raises(vocab.VocabularyError, match="data/month_names.csv row 3"):
        loader()


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
        ("Physical Address", "a site theme's placeholder address"),
        ("Categories: International Economics and Foreign Affairs", "a post's categories"),
        ("Tags: IMF, Pakistan, loans", "a post's tags"),
        ("Dorchester Center, MA 02124", "a site theme's placeholder address"),
        ("Skip to content", "a page's skip link"),
        ("Skip to main content", "a page's skip link"),
        ("1 GBP = 1.14892 EUR", "a currency converter's rate"),
        ("USD 1 = PKR 280.5", "a currency converter's rate"),
        (".top-stories .card-ratio{ padding-top: 56.25%; } @media (max-width: 600px) { .title { font-size: 14px; } }", "a page's CSS"),
        ("#sidebar .box { width: 33.3% !important; }", "a page's CSS"),
    ],
)
def test_furniture_is_blanked(line, name):
    text = f"Real story sentence.\n{line}\nMore story."
    cleaned = blank(text, furniture_spans(text))
    assert len(cleaned) == len(text), name
    assert line not in cleaned
    assert "Real story sentence." in cleaned and "More story." in cleaned


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("A trader counts notes in Karachi on Monday. — AFP", False),  # a photo's caption
        ("The port handled $2 billion of cargo, officials said. – APP", False),  # one amount: still a caption's form
        ("Remittances from Saudi Arabia and the UAE came to $433.4 million and $395.5 million respectively. – APP", True),
    ],
)
def test_a_paragraph_signed_off_by_its_wire_is_the_story_not_a_caption(line, kept):
    text = f"Real story sentence.\n\n{line}\n"
    cleaned = blank(text, furniture_spans(text))
    assert (line in cleaned) is kept


_STORY = "Pakistan's exports to China rose to $2.5 billion in 2024.\n\nThe trade body said exports of $300 million were sesame.\n\n"


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # teasers cut short by an ellipsis, two lines of them in a row
        ("A governor has promised a Rs10 million reward for the cricket…\nA minister has announced a new plan for the ports in…\n" + _STORY,
         ("Rs10 million",), ("$300 million",)),
        # one line of the story cut short is still the story
        ("Pakistan will receive $1.1 billion from the IMF next month, but…\n" + _STORY, (), ("$1.1 billion", "$300 million")),
        # a rate in a sentence is the story's
        ("The rupee closed at 1 USD = 280.5 PKR on Monday.\n" + _STORY, (), ("1 USD = 280.5 PKR",)),
    ],
)
def test_teasers_of_other_stories_are_furniture(text, gone, kept):
    cleaned = blank(text, furniture_spans(text))
    assert len(cleaned) == len(text)
    assert all(g not in cleaned for g in gone) and all(k in cleaned for k in kept)


def test_a_long_paragraph_cut_short_by_an_excerpt_is_still_the_story():
    line = "Pakistan has set a target of $5bn for IT exports, " * 6 + "and officials said…"
    text = line + "\n" + _STORY
    assert line in blank(text, furniture_spans(text))


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
        # a date line or a mark above the headline is no headline
        ("Wednesday, July 22, 2020\n\nAIIB approves $250m loan to Pakistan\n\nBody.", "AIIB approves $250m loan to Pakistan"),
        ("Friday 29 March 2024\n»\nBahrain and Pakistan trade grows\n\nBody.", "Bahrain and Pakistan trade grows"),
        ("Pakistan signs 2024 deal with China\n\nBody.", "Pakistan signs 2024 deal with China"),
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


# --------------------------------------------------------------------------- issue 8: any file gets a clear answer
def test_a_fifo_is_refused_without_blocking(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFile, match="not a regular file"):
        read_text(fifo)


def test_a_folder_given_as_a_file_is_refused(tmp_path):
    with pytest.raises(UnreadableFile, match="folder"):
        read_text(tmp_path)


def test_a_device_that_never_ends_is_refused():
    with pytest.raises(UnreadableFile, match="not a regular file"):
        read_text(Path("/dev/zero"))


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(UnreadableFile, match="cannot open"):
        read_text(tmp_path / "nope.txt")


def test_permission_denied_is_reported(tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    with pytest.raises(UnreadableFile, match="permission denied"):
        read_text(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_text(tmp_path, encoding):
    path = tmp_path / "a.txt"
    data = "Exports reached $3 billion.".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    assert read_text(path) == "Exports reached $3 billion."


def test_only_limit_plus_one_bytes_are_read():
    import io

    from dashboard.articles import read_bounded

    stream = io.BytesIO(b"x" * 1000)
    with pytest.raises(UnreadableFile, match="larger than"):
        read_bounded(stream, 100)
    assert stream.tell() == 101


@pytest.mark.parametrize(("stated", "size", "limit", "read"), [
    (1000, 1000, 1000, True),  # exactly at the limit
    (10, 1000, 5000, True),  # grown after it was checked: read to its end
    (10, 70_000, 100_000, True),  # grown by more than one chunk
    (10, 1001, 1000, False),  # grown past the limit
    (0, 0, 1000, True),
])
def test_a_file_is_read_to_its_end_within_the_limit(tmp_path, monkeypatch, stated, size, limit, read):
    import os

    from dashboard.articles import read_file_bytes

    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * size)
    fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*fstat(fd)[:6], stated, *fstat(fd)[7:])))
    if read:
        assert read_file_bytes(path, limit) == b"x" * size
    else:
        with pytest.raises(UnreadableFile, match="larger than"):
            read_file_bytes(path, limit)


def test_sources_are_paths_relative_to_the_folder_and_never_collide(tmp_path):
    from dashboard.articles import article_paths

    for folder in ("a", "b"):
        (tmp_path / folder / "2025").mkdir(parents=True)
        (tmp_path / folder / "2025" / "same.txt").write_text("text")
    names = [name for _, name in article_paths([tmp_path / "a", tmp_path / "b"])]
    assert names == ["2025/same.txt", "b/2025/same.txt"]


def test_one_bad_file_never_stops_the_others(tmp_path):
    from dashboard.pipeline import read_corpus

    (tmp_path / "good.txt").write_text("Exports reached $3 billion in 2025, officials said.")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    (tmp_path / "empty.md").write_text("")
    stories, unreadable = read_corpus([tmp_path])
    assert [s.source for s in stories] == ["good.txt"]
    assert sorted(name for name, _ in unreadable) == ["bad.txt", "empty.md"]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("WASHINGTON, March 22, 2024 – The IMF approved a loan.\n", "2024-03-22"),
        ("ISLAMABAD, March 3, 2026: The cabinet met.\n", "2026-03-03"),
        ("Headline\n\nMonday 28, January 2019 BY A WRITER\n\nBody text.\n", "2019-01-28"),
        ("Tuesday April 01, 2025\n\nHeadline\n\nMarch 30, 2025\n\nBody text.\n", "2025-03-30"),
        # a source line with the date year first and an editor in lower case; a Gulf agency's Hijri date before the Gregorian
        ("Headline of the story\n\nSource: Xinhua | 2025-09-14 19:32:10 | Editor: huaxia\n\nBody text.\n", "2025-09-14"),
        ("Headline of the story\nSource: Global Times   Published: 2025/6/15 22:48:01\n\nBody text.\n", "2025-06-15"),
        ("Jeddah, Shawwal 3, 1446, April 1, 2025, SPA -- The fund signed a loan.\n", "2025-04-01"),
        # a dashed date is day first; a place and its date alone on a line; a date inside a summary's line is not the story's
        ("Headline of the story\n\nPublished On: 10-11-2025 | 06:15 PM\n\nBody text.\n", "2025-11-10"),
        ("Bank approves a loan for Sindh\n\nManila, November 28, 2024\n\nThe bank approved a loan.\n\nApproval Date: November 27, 2024\n",
         "2024-11-28"),
        # the web story's date line wins over the print edition's trailer, a day later
        ("Stocks rally on refinancing\n\nOur Correspondent\nFebruary 24, 2026\n\nStocks rose.\n\n"
         "Published in The Express Tribune, February 25th, 2026.\n", "2026-02-24"),
        # a wire dateline without its year, in the year of the page's copyright
        ("Cabinet approves loans\n\nISLAMABAD, Feb 17 (APP): The cabinet approved two loans.\n\n© 2026 Associated Press of Pakistan\n",
         "2026-02-17"),
        ("Cabinet approves loans\n\nISLAMABAD, Feb 17 (APP): The cabinet approved two loans.\n\nCopyright 2005-2026 APP\n", "2026-02-17"),
    ],
)
def test_datelines_give_the_date(text, published):
    from dashboard.articles import story_date

    assert story_date(text).isoformat() == published


_TITLE = "Cabinet approves the new policy for software parks\n\n"
_BODY = "\n\nThe federal cabinet approved the policy on Tuesday, officials said.\n"


def _page(line: str) -> str:
    return _TITLE + line + _BODY


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (_page("Jul 09, 2025 | 10:24 AM"), "2025-07-09"),
        (_page("July 9, 2025 at 10:24 am"), "2025-07-09"),
        (_page("Tue, 04 Jun 2024"), "2024-06-04"),
        (_page("Tue, 04 Jun 2024 10:15:00 +0500"), "2024-06-04"),
        (_page("2024-06-04T10:15:00+05:00"), "2024-06-04"),
        (_page("Reuters | June 4, 2024"), "2024-06-04"),
        (_page("By Staff Reporter | July 9, 2025"), "2025-07-09"),
        (_page("5 Jun 2024 • 3 min read"), "2024-06-05"),
        (_page("JUNE 4, 2024"), "2024-06-04"),
        (_page("04 Jun 2024, 10:15 PKT"), "2024-06-04"),
        (_page("Published: Tue, 04 Jun 2024"), "2024-06-04"),
        (_page("25th Nov, 2021. 01:17 pm"), "2021-11-25"),
        (_page("Friday, December 24, 2010; 7:12 PM"), "2010-12-24"),
        ("Trade set to grow\nThe Peninsula | September 11, 2017- With a new port open, trade between Qatar and Pakistan will grow.", "2017-09-11"),
        # a sentence that holds a date is no date line; a caption dates a story with no other date
        (_page("The board signed the deal on June 4, 2024"), None),
        (_page("A trader counts notes in Karachi on May 2, 2024. — AFP"), "2024-05-02"),  # the photo's day, for want of another
        (_page("Updated 3 hours ago"), None),
        (_page("Date: 4/6/2024"), None),  # day and month in either order: no date
        (_page("  • 12/15/2021"), "2021-12-15"),  # only one order makes a date
        (_page("Posted 15/12/2021 | 10:24"), "2021-12-15"),
        (_page("PUBLISHED AT: Wednesday, 08/02/2023"), None),
        (_page("Article published on the 2008-11-25 Latest update 2008-11-25 10:24 TU"), "2008-11-25"),
        # a weekly's issue dates: its first day
        ("June 18 - 24, 2007\n\nThe surgical instruments industry can export more to Germany.\n", "2007-06-18"),
        # wire datelines with the date in brackets; without a year there is no date
        ("KARACHI (June 4, 2024): The bank lent more.\n", "2024-06-04"),
        ("LAHORE: (Tuesday, June 4, 2024) The bank lent more.\n", "2024-06-04"),
        ("BEIJING, June 4 (Xinhua) -- The bank lent more.\n", None),
        ("Islamabad: 26th Nov 2020 : The Government of Germany signed three agreements.\n", "2020-11-26"),
        # a wire lead that opens with its date
        ("Pakistan leans on its allies\n\nBy A Writer\n\nFebruary 6, 2019 - China and Qatar are lending more.\n", "2019-02-06"),
        ("Pakistan leans on its allies\n\nThe loans of February 6, 2019 - and more - were repaid.\n", None),
        # the photo a story opens with dates it when nothing else does
        ("Crypto desks get a nod\n\nThe regulator's chief speaks to the press in Lahore on March 9, 2025. — Screengrab via Geo news\n"
         "The regulator allowed two exchanges.\n", "2025-03-09"),
        ("Crypto desks get a nod\n\nThe chief at a signing on March 9, 2025. — Reuters\nThe regulator allowed two exchanges.\n", "2025-03-09"),
        # a date inside the story is not its date, and a dated line above the caption wins
        ("Crypto desks get a nod\n\nThe regulator allowed two exchanges on March 9, 2025, its chief said.\n", None),
        ("Crypto desks get a nod\n\nMay 2, 2025\n\nThe chief on March 9, 2025. — AFP\nThe regulator allowed two exchanges.\n", "2025-05-02"),
        # a dotted date is day first; a byline line with its update, a time zone, a link's address
        (_page("Sana Mirza  |11.03.2025 - Update : 11.03.2025"), "2025-03-11"),
        (_page("March 4, 2025 09:15 AM GMT+5 Updated 3 hours ago"), "2025-03-04"),
        (_page("**Adil Rana** · Mar 4, 2025 · [Read online](https://news.example.org/p/issue-12-the-long-address-of-a-newsletter)"), "2025-03-04"),
        (_page("31.13.2025"), None),
        (_page("Last Updated On 4 March,2025 05:12 pm"), "2025-03-04"),
        (_page("Updated 21:07, 04-Mar-2025"), "2025-03-04"),
        ("Lender signs deals with Pakistan\n\nManila, Republic of the Philippines, 4 March 2025 – The bank signed two loans.\n", "2025-03-04"),
        # digits in either order, read by the wire dateline's day and month
        ("Kuala Lumpur trade up\n\n07/10/2025 08:15 PM\n\nKUALA LUMPUR, Oct 7 (Bernama) -- Trade grew.\n", "2025-10-07"),
        ("Kuala Lumpur trade up\n\n07/10/2025 08:15 PM\n\nKUALA LUMPUR, Oct 9 (Bernama) -- Trade grew.\n", None),
    ],
)
def test_date_lines_with_furniture(text, published):
    from dashboard.articles import story_date

    found = story_date(text)
    assert (found.isoformat() if found else None) == published


def test_a_sites_today_stamp_above_the_headline_is_not_the_date():
    from dashboard.articles import story_date

    stamp = "Saturday, August 16, 2025\n\n"
    assert story_date(stamp + _TITLE + "The cabinet met.\n") is None
    assert story_date(stamp + _TITLE + "August 14, 2025\n\nThe cabinet met.\n").isoformat() == "2025-08-14"
    # a date above the headline without a weekday is the site's way of dating its stories
    assert story_date("Business | August 14, 2025\n\n" + _TITLE + "The cabinet met.\n").isoformat() == "2025-08-14"


def test_the_first_date_line_after_the_headline_wins_over_teasers_below():
    from dashboard.articles import story_date

    text = _TITLE + "March 3, 2025\n\nThe cabinet met.\n\nMore stories\nJanuary 5, 2025\n"
    assert story_date(text).isoformat() == "2025-03-03"


@pytest.mark.parametrize(
    ("url", "published"),
    [
        ("https://example.com/2024/04/02/loan-approved/", "2024-04-02"),
        ("https://example.com/15-Aug-2019/it-exports", "2019-08-15"),
        ("https://example.com/news/1959179/deposit", None),
        # the digits of the date run together
        ("https://example.com/amp/20240808/debt-payments.html", "2024-08-08"),
        ("https://example.com/n/2015/1222/c90000-1.html", "2015-12-22"),
        ("https://example.com/a/202408/08/WS1.html", "2024-08-08"),
        ("https://example.com/news/20241399/slug", None),
        ("https://example.com/news/12345678/slug", None),
    ],
)
def test_date_from_url(url, published):
    from dashboard.articles import date_from_url

    found = date_from_url(url)
    assert (found.isoformat() if found else None) == published


@pytest.mark.parametrize(
    ("url", "published"),
    [
        # a year and month in the address confirm the site's "today" stamp of that month
        ("https://blog.example.com/2020/07/aiib-approves-loan.html", "2020-07-22"),
        # a stamp of another month is the day the page was saved
        ("https://blog.example.com/2019/01/aiib-approves-loan.html", None),
        ("https://example.com/news/aiib-approves-loan", None),
    ],
)
def test_a_month_in_the_address_confirms_a_today_stamp(url, published):
    from dashboard.articles import date_from_url, story_date

    text = "Wednesday, July 22, 2020\n\nAIIB approves $250m loan to Pakistan\n\nBEIJING: The bank said on Wednesday it would lend.\n"
    assert story_date(text) is None  # alone, the stamp may be the day the page was saved
    found = date_from_url(url, text)
    assert (found.isoformat() if found else None) == published


def test_a_file_of_thousands_of_date_headers_is_at_most_max_stories():
    from dashboard.articles import MAX_STORIES, split_stories

    text = "date 2025-01-01\nSome text here.\n" * (3 * MAX_STORIES)
    spans = split_stories(text)
    assert len(spans) == MAX_STORIES and spans[-1][1] == len(text)


def test_teasers_after_a_related_articles_header_are_not_the_story():
    body = "Pakistan and Oman signed a $2 billion refinery deal on Monday, officials said. " * 8
    text = "Oman signs a refinery deal\n\n" + body + "\n\nRelated Articles\n\nYen Enters a Strong Month\nInvestors drove the yen 9% higher.\n"
    (story,) = read_stories("t.txt", text)
    assert "9% higher" not in story.text and "$2 billion" in story.text
    # early in a text such a line is navigation: the story after it stays
    early = "Related Articles\n\n" + body
    (story,) = read_stories("t.txt", early)
    assert "$2 billion" in story.text



@pytest.mark.parametrize(
    ("block", "kept"),
    [
        # other stories' headlines under a header inside the story, a blank line closing them
        ("Related readings:\nIndia and Nepal sign a $90 million power deal\nEurope's chip fund reaches $4 billion\n\n", False),
        ("Related\nIndia and Nepal sign a $90 million power deal\n\n", False),
        # a header over sentences is the story's own text
        ("Related readings:\nIndia and Nepal signed a $90 million power deal, its ministry said.\n\n", True),
    ],
)
def test_teasers_under_a_header_inside_a_story_are_not_the_story(block, kept):
    text = ("Oman signs a refinery deal\n\nPakistan and Oman signed a $2 billion refinery deal on Monday.\n\n" + block
            + "The refinery will export fuel to Africa from 2028, officials said. " * 6)
    (story,) = read_stories("t.txt", text)
    assert ("$90 million" in story.text) is kept
    assert "$2 billion" in story.text and "from 2028" in story.text


@pytest.mark.parametrize(
    ("ending", "kept"),
    [
        # a header of a teasers' block anywhere, over other stories' headlines: not the story
        ("\n\nRead more:\nOman and Qatar agree a $700 million gas swap\nGold rises by Rs2,000 a tola\n", False),
        ("\n\nALSO READ\nOman and Qatar agree a $700 million gas swap\n", False),
        ("\n\nLatest\nOman and Qatar agree a $700 million gas swap\nFuel to cost Rs5 less a litre\n", False),
        # a header naming the outlet or the newsletter, perhaps marked by Markdown
        ("\n\nMost Read from Gulf Wire\nOman and Qatar agree a $700 million gas swap\n", False),
        ("\n\n**Previously in Energy Notes**\n- [Oman and Qatar agree a $700 million gas swap](https://example.org/a)\n", False),
        ("\n\n## Read more\nOman and Qatar agree a $700 million gas swap\n", False),
        # a numbered list of headlines, one ending in initials
        ("\n\nMost Viewed\n1. Oman and Qatar agree a $700 million gas swap\n2. Carmaker to build $1 bln plant in U.S.\n", False),
        # the story going on below such a block stays
        ("\n\nRead more:\nGold rises by Rs2,000 a tola\n\nOman and Qatar will also sign a $700 million gas swap next month, "
         "the ministry added.\n", True),
        # a header over the story's own sentences keeps them
        ("\n\nLatest\nOman and Qatar signed a $700 million gas swap on Tuesday, the ministry said.\n", True),
    ],
)
def test_teasers_under_a_block_header_are_not_the_story(ending, kept):
    text = "Oman signs a refinery deal\n\n" + "Pakistan and Oman signed a $2 billion refinery deal on Monday, officials said. " * 4 + ending
    (story,) = read_stories("t.txt", text)
    assert ("$700 million" in story.text) is kept
    assert "$2 billion" in story.text


def test_a_ticker_strip_is_not_the_story():
    text = ("Oman signs a refinery deal\n\nKSE100 ▲ 101,230.50 +820.10 (0.82%) | USD/PKR 281.10 | Gold (tola) Rs 250,100\n\n"
            "Pakistan and Oman signed a $2 billion refinery deal on Monday, officials said.\n")
    (story,) = read_stories("t.txt", text)
    assert "0.82%" not in story.text and "Rs 250,100" not in story.text and "$2 billion" in story.text


_TEASERS = (
    "Site banner\n\n"
    "Chipmaker's revenue up 40 percent\n\nDemand for AI chips drove the rise.\n\n"
    "'Towers' sold out for $1.49bn\n\nIt is the city's biggest release yet.\n\n"
    "Carmaker's sales down 13.5%\n\nShares rallied after the news.\n\n"
)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # other stories' teasers above the story's own headline are not the story
        (_TEASERS + "Fund lends $72 million for a dam\n\nThe Fund is lending $72 million for the dam, a project that will add power "
         "to the grid and water for farms across the province, officials said on Monday.\n", ["$72 million"]),
        # the last headline and summary are the story's own when the body follows them
        (_TEASERS.replace("Site banner\n\n", "") + "The Fund is lending $72 million for a dam, a project that will add power to the "
         "grid and water for farms across the province, officials said on Monday.\n", ["13.5%", "$72 million"]),
        # a hard-wrapped wire story is not a column of teasers
        ("The bank approved loans totalling\n$320 million to energy projects.\nA $300-million loan will fund a dam\n"
         "in Pakistan, the bank said.\nThe bank's target is to extend\n$1.2 billion in 2016.\nIt began work in January.\n"
         "It has $100 billion in capital.\n", ["$320 million", "$300-million", "$1.2 billion", "$100 billion"]),
    ],
)
def test_teasers_of_other_stories_at_the_top_are_furniture(text, kept):
    from dashboard.articles import read_stories
    from dashboard.extract import extract_figures

    found = [f.raw for s in read_stories("t.txt", text) for f in extract_figures(s.text)]
    assert found == kept


_DATELINE_PIECES = st.sampled_from(
    ["Published", "Updated", "Last updated", "Dated", "date", "DATE", "Posted", " on", ": ", "\n", " ", "\t", "x", "y" * 30, "z" * 55,
     "March 3, 2026", "2024-01-02", "3rd June, 2024", "Monday, ", "in Dawn, ", "ſ", "İ", "-"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_DATELINE_PIECES, max_size=10).map("".join))
def test_datelines_are_found_where_the_one_scan_finds_them(text):
    from dashboard.articles import _DATELINE, _find_datelines

    def seen(matches):
        return [(m.span(), m.group("word"), m.group("date")) for m in matches]

    assert seen(_find_datelines(text)) == seen(_DATELINE.finditer(text))


_LINE_PIECES = st.sampled_from(
    ["date", "date ", " ", "\t", "\n", "2024-01-02", "x", "update", "Date", "ISLAMABAD, March 3, 2026:", "February 6, 2019 - China",
     "KARACHI (June 4, 2024):", "Related Articles", "\nYou May Also Like\n", "More from Dawn", "abc abc ", "Monday, "]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=10).map("".join), st.integers(min_value=0, max_value=60))
def test_patterns_of_line_starts_are_tried_only_there(text, pos):
    from dashboard import vocab
    from dashboard.articles import _HEADER_DATE, _LEAD_DATE, _LEAD_DATE_FIRST, _header_dates, search_line_starts

    def span(m):
        return m and m.span()

    assert [m.span() for m in _header_dates(text)] == [m.span() for m in _HEADER_DATE.finditer(text)]
    pos = min(pos, len(text))
    for pattern in (_LEAD_DATE, _LEAD_DATE_FIRST, vocab.teaser_headers()):
        assert span(search_line_starts(pattern, text, pos, len(text))) == span(pattern.search(text, pos, len(text)))
        assert span(search_line_starts(pattern, text, 0, 30)) == span(pattern.search(text, 0, 30))


@pytest.mark.parametrize(
    ("body", "start"),
    [
        ("Oman, Pakistan trade to grow\n\nText.", 0),
        ("  \n\nOman, Pakistan trade to grow\n", 4),
        ("Monday 3 March 2025\n \n»\nOman, Pakistan trade to grow\n", 24),
        ("May 2, 2013\nMay 3, 2013\nMay 4, 2013\nMay 5, 2013\n", 36),  # at most three date lines are skipped
        ("\n\n", 2),
        # a page copied whole: its outlet's name and section above the headline
        ("DAWN\nBusiness\n\nOman, Pakistan trade to grow\n", 15),
        ("The News\nHome / Pakistan\nOman, Pakistan trade to grow\n", 25),
        # a short headline that is not a section's label is the headline
        ("Oman trade grows\nText.\n", 0),
        # an outlet not in the lists: a short name right above a section's label
        ("Gulf Today\nBusiness\n\nOman, Pakistan trade to grow\n", 21),
        # a trail of short names, and an agency's name over a one-word section not in the lists
        ("Top Story | Business\n\nOman, Pakistan trade to grow\n", 22),
        ("Home / National / Foreign Office\n\nOman, Pakistan trade to grow\n", 34),
        ("Oman News Agency\nEconomic\n\nOman, Pakistan trade to grow\n", 27),
        # but not a short headline over a one-word line
        ("Oman Trade Grows\nText.\n", 0),
        # an outlet's long name over a trail; trails with other marks and "&"; a ticker line
        ("Islamic Development Bank Group\nNewsroom | Press release\n\nOman, Pakistan trade to grow\n", 57),
        ("Home › Economy & Policy › News\nKSE-100 118,432.15 ▲ 0.61%\nOman, Pakistan trade to grow\n", 58),
        ("Markets · Policy · Tech\nOman, Pakistan trade to grow\n", 24),
    ],
)
def test_the_headline_starts_below_date_lines_and_marks(body, start):
    from dashboard.articles import headline_start

    assert headline_start(body) == start


@given(st.text(alphabet=st.sampled_from("5% ½²٣x\u00e9\u0645_-.\n\t "), max_size=40))
def test_a_line_holds_a_letter_exactly_when_one_of_its_characters_is_alphabetic(line):
    from dashboard.articles import _has_letter

    assert _has_letter(line) == any(c.isalpha() for c in line)
