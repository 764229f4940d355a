"""``python -m dashboard bench-extract``: extraction speed on ordinary and hostile texts.

Ordinary texts are the seed articles with the digits of their amounts redrawn; hostile texts are
built from the pieces that used to make extraction stall (long runs of blanks between capitalised
words after an official's title, numbers of tens of thousands of digits or digit groups, thousands
of figures, ranges or partner names in one sentence, thousands of datelines, ...). Every class must
take time in proportion to its size: ``HOSTILE`` is shared with the tests that check exactly that.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable

from dashboard import SEEDS_DIR


def _repeat(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


# Each builder gives a text of about ``size`` characters.
HOSTILE: dict[str, Callable[[int], str]] = {
    "blanks after a title": lambda n: _repeat("Federal Minister for" + " \t" * 40 + "Ahsan Iqbal said ", n),
    "blanks between names": lambda n: "Minister for Abc" + _repeat("\t\t\t\t\t\t\t\t\t\tAbc", n) + " x",
    "one long number": lambda n: "$" + "1" * max(1, n - 9) + " billion",
    "digit groups": lambda n: "$1" + _repeat(",000", n) + " billion dollars",
    "figures in one sentence": lambda n: _repeat("China $5 billion, ", n) + ".",
    "partners and figures": lambda n: _repeat("China India Saudi Arabia $5 billion ", n) + ".",
    "ranges": lambda n: _repeat("$12-16 billion and between 3% and 4 percent, ", n) + ".",
    "datelines": lambda n: _repeat("Published on March 3, 2026\n", n),
    "date headers": lambda n: _repeat("date 2025-01-01\nText.\n", n),
    "blanks after Published": lambda n: "Published" + " " * n,
    "blank lines": lambda n: "\n" * n,
    "blank lines and a sentence": lambda n: "\n" * max(0, n - 40) + "Pakistan got $1 billion from China.",
    "capitalised words": lambda n: _repeat("Abc Def Ghi ", n),
    "repeated headline": lambda n: "Pakistan IT exports hit $3bn\n" + _repeat("Pakistan IT exports hit $3bn ", n),
    "percent signs": lambda n: _repeat("5% ", n),
    "spelled numbers": lambda n: _repeat("forty-two million dollars and twenty per cent ", n),
    "names of lenders": lambda n: _repeat("from Abc Def Ghi Jkl Bank and Mno Pqr Fund and Stu ", n),
    "blanks in a name": lambda n: "a loan from Abc" + " \t" * (n // 2) + "Bank of $5 billion",
    "banks and the bank": lambda n: _repeat("the World Bank, the State Bank of Pakistan and the bank lent $5bn to the kingdom. ", n),
    "names broken by lines": lambda n: _repeat("Asian\nDevelopment\nBank Saudi\nArabia $5bn ", n),
    "givers to Pakistan": lambda n: _repeat("China, Qatar and the UAE are providing loans to Pakistan, and ", n) + ".",
    "capitals acting": lambda n: _repeat("Beijing has agreed and Riyadh's deposit of $3 billion IMF loan ", n) + ".",
    "titles after lenders": lambda n: _repeat("with Saudi Investment Minister and with Abc Def Fund Adviser ", n) + ".",
    "blanks after a teasers' header": lambda n: "Abc def. " * (n // 18) + "\nRelated Articles" + " " * (n // 2) + "x",
    "blanks between currencies": lambda n: "a $1 billion oil facility" + " " * n + "Rs290 billion",
    "a list of lenders after their role": lambda n: "Banks involved include Abc Bank" + _repeat(", Def Ghi Bank", n) + ".",
    "teaser pairs at the top": lambda n: _repeat("Chipmaker up 40 percent\n\nDemand drove it.\n\n", n),
    "style selectors without rules": lambda n: _repeat(".card-a .title-b " * 20 + "{ font-size\n", n),
    "teasers' headers inside a story": lambda n: _repeat("Related readings:\nChina lends $1 billion\nIndia aids Nepal\n\n", n),
    "bodies acting on behalf of countries": lambda n: _repeat("Saudi Arabia's $3 billion deposit. The Saudi Fund for Development, on behalf of Saudi Arabia, ", n) + ".",
    "national totals beside a counterparty": lambda n: "Exports to Oman were $2 million. " + _repeat("Exports rose 9 percent to $90 billion. The swap is $5 billion. ", n),
    "lenders of other countries": lambda n: _repeat("a $5 billion loan for a project in Indonesia, Tajikistan $3 million, ", n) + ".",
    "third countries opening clauses": lambda n: "Exports to China rose. " + _repeat("By comparison, Oman's trade with China China China crossed $20 billion, while Nepal's ", n) + ".",
    "unclosed Markdown links": lambda n: _repeat("[" + "Abc def " * 37 + "](", n),
    "Markdown links and bold": lambda n: _repeat("led by Doha's [Abc Capital](https://x.example/" + "a" * 40 + ") **$5 million** ", n),
    "asterisks and underscores": lambda n: _repeat("*_", n),
    "index moves and rate boards": lambda n: _repeat("the share share stock index index rose 1% ▲ SAR1 = Rs74 (buying) gold steady at $5 ", n) + ".",
    "teasers' headers in Markdown": lambda n: _repeat("**Previously in Abc Def**\n- [Abc lends $5 million](https://x.example/a)\n## Read more\n", n),
    "dotted dates and bylines": lambda n: _repeat("Abc Def |08.07.2025 - Update : 08.07.2025 GMT+5 2 hours ago · [Read online](https://x.example/a)\n", n),
    "countries taking in their own amounts": lambda n: _repeat("Kenya, a borrower of note, raised roughly $5 million, while Chile signed for $3 million and Brazilian trade with Argentina, ", n) + ".",
    "equivalents in a third currency": lambda n: _repeat("20 billion yuan (USD 3.1 billion) or 351 billion rupees or ", n) + ".",
    "parts of wholes": lambda n: "The ADB lent $9 million. " + _repeat("Out of the $9 million, $1 million went to schools, ", n) + ".",
    # a list whose names list their members in brackets, before a list of amounts
    "members in brackets": lambda n: "Remittances from " + _repeat("UK, other GCC countries (including Bahrain, Kuwait and Oman), and ", n * 3 // 4)
    + "EU countries amounted to " + _repeat("$1 million, ", n // 4) + "respectively.",
    # wholes listing their parts, and parts naming their lenders, in one sentence
    "wholes and their parts": lambda n: _repeat("China pledged $9 billion. The package includes $2 billion, comprising $1 billion from ICBC and ", n) + ".",
    # the words of furniture's rarer rows (a caption's credit, a byline's word) many times in one line
    "furniture words in one line": lambda n: _repeat("AP Reuters Published Share ", n),
    # authors of reports, and comparisons that name a country with its figure
    "reports and comparisons": lambda n: _repeat("a report released by the Gorge Valley Power Holdings Ltd., just ahead of India at 6 percent, ", n) + ".",
    # counterparties after "with" in one long sentence: its clauses, comparisons and lists read once
    "counterparties after with": lambda n: "Pakistan signed deals less than before " + _repeat("with China and with Iran, ", n) + "today.",
    "semicolon clauses with counterparties": lambda n: "Pakistan signed deals " + _repeat("with China; with Iran and ", n) + "today.",
    # whole projects' costs, several funders named, in one sentence
    "funders of whole projects": lambda n: _repeat("the ADB and the AIIB are financing the $1 million project and ", n) + ".",
    "loans to other countries": lambda n: "Tajikistan and Kyrgyzstan signed " + _repeat("a loan with the EIB worth €70mn and ", n) + ".",
    "loans to one borrower": lambda n: "Tajikistan signed " + _repeat("a loan with the EIB worth €70mn to Tajikistan and ", n) + ".",
    "sums without currency": lambda n: "Pakistan got $2 billion " + _repeat("as compared to 4,078.11 million during FY17, ", n) + ".",
    "numbers listed": lambda n: "Workers sent " + _repeat("3264.73, 580.06, 1.5, 7 and 277.52 million US$ and ", n) + ".",
    "numbers without a unit": lambda n: "Workers sent " + _repeat("3264.73, 580.06 and ", n) + "2 percent.",
    "companies opening sentences": lambda n: _repeat("The Abc Def Ghi Jkl Group may invest $5 million. The Mno Holdings Limited ", n) + ".",
    "ranges written whole": lambda n: _repeat("tariffs of 20% to 35% and $2 billion to $3 billion to ", n) + "5%.",
    "names of events": lambda n: _repeat("the IMF and World Bank and ADB spring meetings, the IMF, ", n) + "summit.",
    "buyers of exports": lambda n: "Pakistan " + _repeat("has been exporting rice to China, Kenya and the UAE and ", n) + "more.",
    "tariffs beside long numbers": lambda n: "US tariffs hit Pakistan.\n" + _repeat("Exports face tariffs of 5 percent, code " + "1" * 900 + ". ", n),
    "tickers on one line": lambda n: "Pakistan got $2 billion from China.\n" + _repeat("KSE100 45123.5 Increased By ▲ 120.5 (0.27%) ", n) + "\n",
    # this session's patterns: rate boards with codes, share moves, converters, trails, Hijri datelines, places' possessives
    "rate boards with codes": lambda n: _repeat("USD 36.12 | EUR 37.84 | ADPORTS.AD 5.12 AED +1.39% | Dh1 = Rs75.90 | 1 USD = 1.7 AZN ", n) + ".",
    "share moves and closes": lambda n: _repeat("Lucky Cement rose Rs 14.20 to close at Rs 412.30 and Buying Rs 281.20 ", n) + ".",
    "trails and sections": lambda n: _repeat("Home › Economy & Policy › News · Markets · Abc\nEconomic\n", n),
    "Hijri datelines": lambda n: _repeat("Riyadh, Ramadan 14, 1446, March 14, 2025, SPA -- Abc Def Ghi, ", n),
    "places' possessives before firms": lambda n: _repeat("led by Abu Dhabi's Abc Def Ghi's Riyadh-based Jkl Capital, with participation from Mno Partners and ", n) + ".",
    "commitments since years": lambda n: _repeat("Since 1966 in 2024, the bank has since 1970 ", n) + "committed $5 billion.",
    "numbered headlines": lambda n: "Pakistan got $2 billion.\n\nMost Viewed\n" + _repeat("1. Abc Def to build $5 bln plant in U.S.\n", n),
}

_AMOUNT = re.compile(r"(?<=[$€£])\s?\d[\d.,]*|\d[\d.,]*(?=\s?(?:%|pc\b|per cent|percent|billion|million|trillion|bn\b|m\b))")


def ordinary(n: int, seed: int = 7) -> list[str]:
    """``n`` article texts: the seed articles, then copies with the digits of their amounts redrawn."""
    from dashboard.articles import read_text

    bases = [read_text(p) for p in sorted(SEEDS_DIR.iterdir()) if p.is_file()]
    rng = random.Random(seed)

    def redraw(m: re.Match[str]) -> str:
        return re.sub(r"\d", lambda d: str(rng.randint(1, 9)), m.group(0))

    return [bases[i % len(bases)] if i < len(bases) else _AMOUNT.sub(redraw, bases[i % len(bases)]) for i in range(n)]


def extract_text(text: str) -> int:
    """Everything ``extract`` does for one file's text; the number of figures found."""
    from dashboard.articles import read_stories
    from dashboard.pipeline import analyse_story

    return sum(len(analyse_story(story)["figures"]) for story in read_stories("bench.txt", text))


def timed(text: str) -> float:
    start = time.perf_counter()
    extract_text(text)
    return time.perf_counter() - start


def run(articles: int = 500, size: int = 200_000, out=print) -> None:
    """Print ms per article and per MB for ordinary texts, then ms and ms per MB for each hostile class."""
    extract_text("warm-up: $1 billion.")
    texts = ordinary(articles)
    start = time.perf_counter()
    figures = sum(extract_text(t) for t in texts)
    elapsed = time.perf_counter() - start
    mb = sum(len(t.encode()) for t in texts) / 1e6
    out(f"ordinary articles: {articles}, {mb:.2f} MB, {figures} figures")
    out(f"  {elapsed / articles * 1000:.2f} ms per article, {elapsed / mb * 1000:.0f} ms per MB")
    out(f"hostile texts of {size:,} characters (and a quarter of that, to show the growth):")
    for name, build in HOSTILE.items():
        big, small = build(size), build(size // 4)
        t_big, t_small = timed(big), timed(small)
        size_mb = len(big.encode()) / 1e6
        growth = t_big / t_small if t_small > 0 else float("nan")
        out(f"  {name:26} {t_big * 1000:8.0f} ms  {t_big / size_mb * 1000:8.0f} ms per MB  x{growth:4.1f} for 4x the size")
