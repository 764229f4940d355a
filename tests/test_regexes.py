import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import regexes

ROOT = Path(__file__).resolve().parents[1]

PATTERNS = [
    (r"\bbn\b", re.IGNORECASE),
    (r"(?P<pre>\$|Rs\.?)[ \t]*+(?P<num>\d{1,3}(?:,\d{3})*)(?![\d,])", 0),
    (r"(?mi)^[ \t]*(?P<word>Published|Updated)\b[^\n]{0,40}$", 0),
    (r"(?<![\w.])(?>\d+)(?:\.\d+)?\s*(?:per ?cent|%)", 0),
    (r"(?:[.!?][\"”’]?[ \t]++|\n[ \t]*+)(?=[A-Z])", re.MULTILINE),
]
TEXTS = ["Rs 1,200,000 and $45 rose 5 per cent. Exports BN 2bn", "Published: today\nUpdated 3 May\n", "x. Yz 12.5% 3%"]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """The module as in a new process, with its file in ``tmp_path``."""
    monkeypatch.setattr(regexes, "_PATH", tmp_path / "regexes.marshal")
    monkeypatch.setattr(regexes, "_kept", None)
    monkeypatch.setattr(regexes, "_used", {})
    monkeypatch.setattr(regexes, "_state", {"recording": True, "new": False})
    monkeypatch.setattr(regexes, "_readings", {})
    monkeypatch.setattr(regexes, "_readings_used", {})
    return tmp_path / "regexes.marshal"


def _restart(monkeypatch):
    monkeypatch.setattr(regexes, "_kept", None)
    monkeypatch.setattr(regexes, "_used", {})
    monkeypatch.setattr(regexes, "_state", {"recording": True, "new": False})
    monkeypatch.setattr(regexes, "_readings", {})
    monkeypatch.setattr(regexes, "_readings_used", {})


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, dict(a.groupindex)) == (b.pattern, b.flags, b.groups, dict(b.groupindex))
    for text in TEXTS:
        assert [(m.span(), m.groups(), m.groupdict()) for m in a.finditer(text)] == [
            (m.span(), m.groups(), m.groupdict()) for m in b.finditer(text)
        ]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_kept_pattern_is_the_pattern_re_compiles(fresh, monkeypatch, pattern, flags):
    _same(regexes.compiled(pattern, flags), re.compile(pattern, flags))
    regexes.keep()
    _restart(monkeypatch)
    again = regexes.compiled(pattern, flags)
    assert regexes._state["new"] is False  # taken from the file, not compiled
    _same(again, re.compile(pattern, flags))


def test_the_next_run_compiles_nothing_kept_and_later_patterns_are_not_kept(fresh, monkeypatch):
    for pattern, flags in PATTERNS:
        regexes.compiled(pattern, flags)
    regexes.keep()
    assert fresh.exists()
    regexes.compiled(r"an article's own words \d+")  # after the start-up: compiled, never kept
    _restart(monkeypatch)
    for pattern, flags in PATTERNS:
        regexes.compiled(pattern, flags)
    assert regexes._state["new"] is False
    assert (r"an article's own words \d+", 0) not in regexes._load()


def test_a_changed_vocabulary_rewrites_the_file_with_this_runs_patterns_only(fresh, monkeypatch):
    regexes.compiled(r"old \d+")
    regexes.keep()
    _restart(monkeypatch)
    regexes.compiled(r"new \d+")
    regexes.keep()
    _restart(monkeypatch)
    assert set(regexes._load()) == {(r"new \d+", 0)}


@pytest.mark.parametrize("content", [b"", b"not marshal at all", b"\x00" * 64])
def test_a_broken_file_changes_nothing_but_speed(fresh, monkeypatch, content):
    fresh.write_bytes(content)
    _same(regexes.compiled(r"(?P<n>\d+)bn", re.I), re.compile(r"(?P<n>\d+)bn", re.I))
    regexes.keep()  # ... and writes a good one over it
    _restart(monkeypatch)
    assert set(regexes._load()) == {(r"(?P<n>\d+)bn", int(re.I))}


def test_code_the_engine_refuses_is_compiled_again(fresh, monkeypatch):
    regexes.compiled(r"(\d+) million")
    regexes.keep()
    _restart(monkeypatch)
    (key,) = regexes._load()
    flags, code, groups, groupindex, indexgroup = regexes._load()[key]
    regexes._load()[key] = (flags, b"\xff" * 12, groups, groupindex, indexgroup)
    _same(regexes.compiled(r"(\d+) million"), re.compile(r"(\d+) million"))
    assert regexes._state["new"] is True


def test_a_bad_pattern_raises_as_re_does(fresh):
    with pytest.raises(re.error):
        regexes.compiled(r"(unclosed")


def test_a_read_only_place_only_costs_speed(tmp_path, monkeypatch):
    monkeypatch.setattr(regexes, "_PATH", tmp_path / "a file, not a folder" / "regexes.marshal")
    (tmp_path / "a file, not a folder").write_text("")
    _restart(monkeypatch)
    regexes.compiled(r"\d+ crore")
    regexes.keep()  # no error


def test_the_cli_keeps_its_start_up_and_reads_it_back(tmp_path):
    """Two runs in new processes: the second compiles none of the start-up's patterns."""
    probe = (
        "import sys; from dashboard import regexes; regexes._PATH = regexes.Path(sys.argv[1]); "
        "from dashboard import pipeline; pipeline._warm_up(); print(len(regexes._used), regexes._state['new'])"
    )
    file = tmp_path / "regexes.marshal"
    first = subprocess.run([sys.executable, "-c", probe, str(file)], cwd=ROOT, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", probe, str(file)], cwd=ROOT, capture_output=True, text=True, check=True)
    n_first, new_first = first.stdout.split()
    n_second, new_second = second.stdout.split()
    assert int(n_first) > 100 and new_first == "True"
    assert n_second == n_first and new_second == "False"


def test_a_reading_of_a_pattern_is_kept_and_read_back(fresh, monkeypatch):
    from dashboard import vocab

    for pattern in (r"\bgoals?\b|\btarget\w*", r"\bstaff-level", r"(?:x|\d)"):
        assert vocab.word_gate(pattern) == vocab.word_gate.__wrapped__(pattern)
    regexes.keep()
    _restart(monkeypatch)
    assert vocab.word_gate(r"\bgoals?\b|\btarget\w*") == ("goal", "target")
    assert regexes._state["new"] is False  # read from the file
    assert vocab.required_words(re.compile(r"[A-Z]+ \d+ (?:Increased|No[ \t]+Change)")) == frozenset({"Increased", "Change"})
    assert regexes._state["new"] is True  # not kept before: computed


def test_an_edited_module_reads_its_patterns_afresh(fresh, monkeypatch):
    from dashboard import vocab

    vocab.literal_openings(r"(?<!\w)(?:fy|19\d\d)\b")
    regexes.keep()
    _restart(monkeypatch)
    monkeypatch.setattr(regexes, "_source_hash", lambda filename: "another source")
    assert vocab.literal_openings(r"(?<!\w)(?:fy|19\d\d)\b") == frozenset({"fy", "19"})
    assert regexes._state["new"] is True


def test_a_file_changed_since_it_was_written_is_not_read(fresh, monkeypatch):
    regexes.compiled(r"\\bbn\\b", re.I)
    regexes.keep()
    data = bytearray(fresh.read_bytes())
    data[-5] ^= 0x01  # one bit of the kept code
    fresh.write_bytes(bytes(data))
    _restart(monkeypatch)
    assert regexes._load() == {}
    _same(regexes.compiled(r"\\bbn\\b", re.I), re.compile(r"\\bbn\\b", re.I))
