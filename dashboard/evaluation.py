"""Scoring the extractor against hand-labelled articles (``benchmarks/eval/``).

A found figure matches a labelled one in the same file when unit and currency agree and the
values are within 0.5%; each label is matched at most once. ``score()`` returns recall
("found"), precision ("real") and, among matches, how often kind, metric and partner agree.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dashboard.articles import read_stories, read_text
from dashboard.pipeline import analyse_story

TOLERANCE = 0.005


@dataclass(frozen=True)
class Found:
    """One figure as any extractor reports it: ``Found("a.txt", 2.7e12, "USD", "money")``."""

    file: str
    value: float
    currency: str | None
    unit: str
    kind: str | None = None
    metric: str | None = None
    partner: str | None = None
    raw: str = ""


def read_labels(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def ours(path: Path) -> list[Found]:
    """This project's figures for one article file, one per occurrence as these labels count them:
    each mention of a figure, and a range's high end as a figure of its own."""
    out = []
    for story in read_stories(path.name, read_text(path)):
        for f in analyse_story(story)["figures"]:
            values = [f["value"]] + ([f["value_high"]] if f["value_high"] is not None else [])
            for _ in range(1 + len(f["mentions"])):
                for value in values:
                    out.append(Found(path.name, value, f["currency"], f["unit"], f["kind"], f["metric"], f["partner"], f["raw"]))
    return out


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b), 1e-9)


def match(found: list[Found], labels: list[dict[str, str]]) -> list[tuple[Found, dict[str, str] | None]]:
    """Pair each found figure with an unused label of the same file, unit, currency and value (or None)."""
    unused = list(labels)
    pairs = []
    for f in found:
        hit = next(
            (
                label
                for label in unused
                if label["file"] == f.file
                and label["unit"] == f.unit
                and (label["currency"] or None) == (f.currency if f.unit == "money" else None)
                and _close(float(label["value"]), f.value)
            ),
            None,
        )
        if hit is not None:
            unused.remove(hit)
        pairs.append((f, hit))
    return pairs


def score(articles: Path, labels_path: Path, extractor: Callable[[Path], list[Found]] = ours) -> dict:
    """Recall, precision and field agreement of ``extractor`` on the labelled articles."""
    labels = read_labels(labels_path)
    found = [f for path in sorted(articles.iterdir()) if path.is_file() for f in extractor(path)]
    pairs = match(found, labels)
    matched = [(f, label) for f, label in pairs if label is not None]

    def agree(field: str) -> float | None:
        scored = [(getattr(f, field), label[field] or None) for f, label in matched if getattr(f, field, None) is not None or field == "partner"]
        return sum(a == b for a, b in scored) / len(scored) if scored else None

    return {
        "labels": len(labels),
        "found": len(found),
        "matched": len(matched),
        "recall": len(matched) / len(labels) if labels else 0.0,
        "precision": len(matched) / len(found) if found else 0.0,
        "kind_agreement": agree("kind"),
        "metric_agreement": agree("metric"),
        "partner_agreement": agree("partner"),
        "missed": [label for label in labels if not any(label is lab for _, lab in matched)],
        "spurious": [f for f, label in pairs if label is None],
    }
