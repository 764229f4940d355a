"""A temporary store with review decisions, for the tests of filters, views, exports and pages.

Beside the five seeds (curated by ``data/overlay.csv``: "checked by the project") it holds two stories:

- ``a.txt``: IT exports to China $5B in 2024 (confirmed by Ann) and a $9B target (corrected by a
  reviewer named like a spreadsheet formula, to 2031);
- ``b.txt``: IT exports to China $7B in 2024 (not reviewed: an open conflict with a.txt's $5B) and a
  $2B Saudi loan (rejected by Ann).
"""

from __future__ import annotations

from pathlib import Path

from dashboard import review
from dashboard.load import Corpus, load_store
from dashboard.store import NewArticle, Store

A = (
    "Pakistan's IT exports to China grow\n\nPublished in Dawn, 3 March 2025\n\n"
    "ISLAMABAD: Pakistan's IT exports to China reached $5 billion in 2024, officials said. "
    "The government targets $9 billion of exports to China by 2030.\n"
)
B = (
    "Exports to China climb\n\nPublished in The News, 5 March 2025\n\n"
    "KARACHI: Pakistan's IT exports to China reached $7 billion in 2024, the ministry said. "
    "Pakistan also received a $2 billion loan from Saudi Arabia in 2024.\n"
)
FORMULA_NAME = "=cmd|' /C calc'!A0"  # a reviewer's name that a spreadsheet would run


def figure(corpus: Corpus, source: str, raw: str):
    rows = review.all_figures(corpus)
    return rows[(rows["source"] == source) & (rows["raw"] == raw)].iloc[0]


def make_store(path: Path, decide: bool = True) -> Store:
    """The store described above at ``path`` (an SQLite file); ``decide=False``: no decision yet."""
    store = Store(f"sqlite:///{path}").open()
    store.add(NewArticle(text=A, name="a.txt", how="cli"))
    store.add(NewArticle(text=B, name="b.txt", how="cli"))
    if decide:
        c = load_store(store)
        store.decide(review.figure_event(figure(c, "a.txt", "$5 billion"), "confirm", "Ann"))
        store.decide(review.figure_event(figure(c, "a.txt", "$9 billion"), "correct", FORMULA_NAME, {"year": "2031"}, note="+1 typo"))
        store.decide(review.figure_event(figure(c, "b.txt", "$2 billion"), "reject", "Ann"))
    return store


def reviewed_corpus(path: Path, decide: bool = True) -> Corpus:
    return load_store(make_store(path, decide))
