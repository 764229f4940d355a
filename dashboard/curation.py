"""Curation: ``data/overlay.csv`` confirms, corrects or rejects extracted figures and supplies story dates.

The file is validated with a pandera schema (the columns, the actions) and row by row (what a
correction says: a known field, metric, kind, unit or partner; a number, a year, a date). Every
problem names the file, the row and the column: ``overlay.csv row 4, column value: 'abc' is not a
number``. The loader skips a bad row and reports it (``Corpus.curation_problems``, ``check``), so one
typo never breaks every page; ``read_overlay(strict=True)`` raises on the first problem instead.

Rows are keyed by ``(source, raw phrase, occurrence)`` for figures and ``(source, story)`` for dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from dashboard import DATA_DIR, vocab
from dashboard.schemas import KINDS, UNITS

OVERLAY_PATH = DATA_DIR / "overlay.csv"
ACTIONS = ("confirm", "correct", "reject", "date")
FIELDS = ("value", "currency", "unit", "metric", "kind", "year", "horizon_years", "partner")
COLUMNS = ["source", "story", "raw", "occurrence", "action", "field", "value", "note"]

_DIGITS = r"^\d*$"
OVERLAY_SCHEMA = pa.DataFrameSchema(
    {
        "source": pa.Column(str, pa.Check.str_length(min_value=1), description="the article's source label"),
        "story": pa.Column(str, pa.Check.str_matches(_DIGITS)),
        "raw": pa.Column(str),
        "occurrence": pa.Column(str, pa.Check.str_matches(_DIGITS)),
        "action": pa.Column(str, pa.Check.isin(ACTIONS)),
        "field": pa.Column(str),
        "value": pa.Column(str),
        "note": pa.Column(str),
    },
    strict=True,
    name="overlay",
)


@dataclass(frozen=True)
class Problem:
    """One thing to fix in the overlay: ``str(problem)`` is the line to show."""

    file: str
    row: int  # the line in the file (the header is line 1)
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file} row {self.row}, column {self.column}: {self.message}; edit data/{self.file}"


def _schema_problems(frame: pd.DataFrame, name: str) -> list[Problem]:
    try:
        OVERLAY_SCHEMA.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        out = []
        for case in cases.itertuples():
            row = int(case.index) + 2 if pd.notna(case.index) else 1
            column = case.column if isinstance(case.column, str) else "(header)"
            if case.check == "column_in_schema" or column == "(header)":
                out.append(Problem(name, 1, str(case.failure_case), f"unknown column (the columns are {', '.join(COLUMNS)})"))
            elif str(case.check).startswith("isin"):
                out.append(Problem(name, row, column, f"{case.failure_case!r} is not one of {', '.join(ACTIONS)}"))
            elif str(case.check).startswith("str_matches"):
                out.append(Problem(name, row, column, f"{case.failure_case!r} is not a whole number"))
            else:
                out.append(Problem(name, row, column, f"{case.failure_case!r} fails {case.check}"))
        return out
    return []


def _row_problems(row: pd.Series, line: int, name: str) -> list[Problem]:
    """What one row says, checked against the vocabularies: (column, message) per problem."""
    if row["action"] == "date":
        try:
            date.fromisoformat(row["value"])
        except ValueError:
            return [Problem(name, line, "value", f"{row['value']!r} is not a date (YYYY-MM-DD)")]
        return []
    if row["action"] != "correct":
        return []
    field, value = row["field"], row["value"]
    if field not in FIELDS:
        return [Problem(name, line, "field", f"{field!r} is not one of {', '.join(FIELDS)}")]
    try:
        if field == "metric":
            vocab.check_metric(value)
        elif field == "kind" and value not in KINDS:
            return [Problem(name, line, "value", f"{value!r} is not a kind ({', '.join(KINDS)})")]
        elif field == "unit" and value not in UNITS:
            return [Problem(name, line, "value", f"{value!r} is not a unit ({', '.join(UNITS)})")]
        elif field == "partner" and value:
            from dashboard.partners import registry

            registry().get(value)
        elif field == "value":
            number = float(value)
            if not number >= 0 or number == float("inf"):
                raise ValueError
        elif field in ("year", "horizon_years") and value and not value.isdigit():
            raise ValueError
    except vocab.VocabularyError as exc:
        return [Problem(name, line, "value", str(exc))]
    except ValueError:
        return [Problem(name, line, "value", f"{value!r} is not a {'number' if field == 'value' else 'whole number'}")]
    return []


def check_overlay(frame: pd.DataFrame, name: str = "overlay.csv") -> tuple[pd.DataFrame, list[Problem]]:
    """The rows that can be applied, and a :class:`Problem` for each one that cannot. The input is not changed."""
    problems = _schema_problems(frame, name)
    if any(p.row == 1 for p in problems):  # a wrong header: no row can be trusted
        return frame.iloc[0:0], problems
    for index, row in frame.iterrows():
        problems.extend(_row_problems(row, int(index) + 2, name))
    bad = {p.row - 2 for p in problems}
    return frame.drop(index=[i for i in frame.index if i in bad]).reset_index(drop=True), problems


def read_overlay(path: Path = OVERLAY_PATH, strict: bool = True) -> pd.DataFrame | tuple[pd.DataFrame, list[Problem]]:
    """The curation overlay as text columns ``source, story, raw, occurrence, action, field, value, note``.

    ``strict``: raise :class:`vocab.VocabularyError` naming the file, row and column of the first problem;
    else ``(the good rows, problems)``.
    """
    if not path.exists():
        empty = pd.DataFrame(columns=COLUMNS)
        return empty if strict else (empty, [])
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in frame.columns]
    frame = frame.reindex(columns=[*frame.columns, *missing], fill_value="")
    good, problems = check_overlay(frame, path.name)
    good = good.reindex(columns=COLUMNS)
    if strict:
        if problems:
            raise vocab.VocabularyError(str(problems[0]))
        return good
    return good, problems


def overlay_events(overlay: pd.DataFrame, figures: pd.DataFrame) -> tuple[list, pd.DataFrame]:
    """The overlay's rows as review events (``dashboard.review.Event``, layer ``overlay``), and the
    rows that match no figure or story. A figure's rows become one event: rejected if any row rejects
    it, else corrected with every field its rows correct, else confirmed.

    ``a.txt,0,$5 billion,1,correct,kind,target`` -> an event ``correct {"kind": "target"}`` on the
    first "$5 billion" of a.txt."""
    from dashboard.review import OVERLAY_WHO, Event, check_correction

    epoch = datetime(2000, 1, 1, tzinfo=UTC)
    located = {fid: (s, e, r) for fid, s, e, r in zip(figures["figure_id"], figures["start"], figures["end"], figures["raw"], strict=True)}
    by_figure: dict[str, list] = {}
    events, orphans = [], []
    for row in overlay.itertuples(index=False):
        if row.action == "date":
            number = int(row.story or 0)
            events.append(Event("", "story", number, number, "", "date", len(events) + 1, "set", {"date": row.value},
                                OVERLAY_WHO, epoch, row.note, source=row.source, layer="overlay"))
            continue
        key = f"{row.source}|{row.raw}|{row.occurrence or 1}"
        if key not in located:
            orphans.append(row._asdict())
            continue
        by_figure.setdefault(key, []).append(row)
    for key, rows in by_figure.items():
        start, end, raw = located[key]
        actions = {r.action for r in rows}
        action = "reject" if "reject" in actions else ("correct" if "correct" in actions else "confirm")
        changes = {r.field: r.value for r in rows if r.action == "correct"} if action == "correct" else {}
        if action == "correct":
            changes = check_correction(changes)
        note = "; ".join(dict.fromkeys(r.note for r in rows if r.note))
        events.append(Event("", "figure", start, end, raw, "", 1, action, changes, OVERLAY_WHO, epoch, note,
                            source=rows[0].source, layer="overlay"))
    return events, pd.DataFrame(orphans, columns=list(overlay.columns))
