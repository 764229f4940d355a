"""The curation overlay: pandera-validated, every problem names the file, row and column; bad rows are
reported and skipped by the loader, the good ones still apply."""

import pytest

from dashboard import SEEDS_DIR
from dashboard.curation import check_overlay, read_overlay
from dashboard.load import health, load_corpus
from dashboard.vocab import VocabularyError

HEADER = "source,story,raw,occurrence,action,field,value,note\n"
GOOD = "002_6c67410e97d8d00a.txt,0,$50 billion,1,correct,year,2030,\n"


@pytest.mark.parametrize(
    ("row", "column", "says"),
    [
        ("a.txt,0,$5 billion,1,bless,,,", "action", "'bless' is not one of confirm, correct, reject, date"),
        ("a.txt,x,$5 billion,1,confirm,,,", "story", "'x' is not a whole number"),
        ("a.txt,0,$5 billion,first,confirm,,,", "occurrence", "'first' is not a whole number"),
        (",0,$5 billion,1,confirm,,,", "source", "fails str_length"),
        ("a.txt,0,$5 billion,1,correct,colour,red,", "field", "'colour' is not one of value, currency"),
        ("a.txt,0,$5 billion,1,correct,metric,gdp_per_goat,", "value", "data/metrics.csv"),
        ("a.txt,0,$5 billion,1,correct,partner,NOPE,", "value", "data/partners.csv"),
        ("a.txt,0,$5 billion,1,correct,kind,guess,", "value", "'guess' is not a kind"),
        ("a.txt,0,$5 billion,1,correct,unit,pounds,", "value", "'pounds' is not a unit"),
        ("a.txt,0,$5 billion,1,correct,value,five,", "value", "'five' is not a number"),
        ("a.txt,0,$5 billion,1,correct,value,-3,", "value", "'-3' is not a number"),
        ("a.txt,0,$5 billion,1,correct,year,20x5,", "value", "'20x5' is not a whole number"),
        ("a.txt,0,,,date,,05/06/2025,", "value", "'05/06/2025' is not a date (YYYY-MM-DD)"),
    ],
)
def test_a_bad_row_names_file_row_and_column(tmp_path, row, column, says):
    path = tmp_path / "overlay.csv"
    path.write_text(HEADER + GOOD + row + "\n")
    good, problems = read_overlay(path, strict=False)
    (problem,) = problems
    assert (problem.file, problem.row, problem.column) == ("overlay.csv", 3, column)
    assert says in problem.message and str(problem).startswith(f"overlay.csv row 3, column {column}: ")
    assert list(good["raw"]) == ["$50 billion"]  # the good row is kept
    with pytest.raises(VocabularyError, match=f"overlay.csv row 3, column {column}"):
        read_overlay(path)


def test_an_unknown_column_is_a_header_problem(tmp_path):
    path = tmp_path / "overlay.csv"
    path.write_text(HEADER.strip() + ",colour\n" + GOOD.strip() + ",red\n")
    good, problems = read_overlay(path, strict=False)
    assert good.empty and [(p.row, p.column) for p in problems] == [(1, "colour")]


def test_check_overlay_leaves_its_input_alone(tmp_path):
    path = tmp_path / "overlay.csv"
    path.write_text(HEADER + GOOD + "a.txt,0,$5 billion,1,bless,,,\n")
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    before = frame.copy()
    good, _ = check_overlay(frame)
    assert frame.equals(before) and len(good) == 1


def test_the_loader_skips_a_bad_row_reports_it_and_applies_the_rest(tmp_path):
    path = tmp_path / "overlay.csv"
    path.write_text(HEADER + GOOD + "002_6c67410e97d8d00a.txt,0,$150 billion,1,correct,kind,guess,\n")
    corpus = load_corpus([SEEDS_DIR], overlay_path=path)
    fifty = corpus.figures[corpus.figures["raw"] == "$50 billion"].iloc[0]
    assert fifty["year"] == 2030 and fifty["review"] == "corrected"
    assert corpus.curation_problems == ("overlay.csv row 3, column value: 'guess' is not a kind (target, actual, estimate); edit data/overlay.csv",)
    assert health(corpus)["overlay_problems"] == list(corpus.curation_problems)


def test_the_shipped_overlay_is_clean():
    _, problems = read_overlay(strict=False)
    assert problems == []
