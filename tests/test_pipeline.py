import json

import pytest

from dashboard import pipeline
from dashboard.__main__ import main

_TEXTS = (
    "Pakistan's IT exports reached $3.2 billion in 2025, officials said.",
    "Remittances from Saudi Arabia and the UAE rose to $1.2 billion in May.",
    "The Asian Development Bank approved a $500 million loan to Pakistan on Tuesday.",
    "Pakistan aims to raise its exports to China to $10 billion by 2030.",
)


@pytest.fixture
def folder(tmp_path):
    """Enough files for two workers, with one unreadable among them."""
    for i in range(2 * pipeline._FILES_A_WORKER + 9):
        (tmp_path / f"a{i:04d}.txt").write_text(_TEXTS[i % len(_TEXTS)].replace("2025", str(2000 + i % 26)))
    (tmp_path / "a0100.txt").write_bytes(b"\x00\x01")
    return tmp_path


def test_workers_give_the_records_and_reasons_of_one_process_in_its_order(folder):
    alone = pipeline.extract_corpus([folder], workers=1)
    shared = pipeline.extract_corpus([folder], workers=2)
    assert shared == alone
    records, problems = shared
    assert [r["source"] for r in records] == sorted(p.name for p in folder.iterdir() if p.name != "a0100.txt")
    assert [name for name, _ in problems] == ["a0100.txt"]
    assert records[1]["figures"][0]["partner"] is not None


def test_encoded_runs_join_to_the_json_of_the_records(folder):
    runs, _ = pipeline.extract_corpus([folder], workers=2, encode=json.dumps)
    assert len(runs) > 2 and [r for run in runs for r in json.loads(run)] == pipeline.extract_corpus([folder], workers=1)[0]


def test_without_processes_the_work_is_done_in_one(folder, monkeypatch):
    asked = []

    def no_processes(*args, **kwargs):
        asked.append(args)
        raise OSError("no processes")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_processes)  # (imported by extract_corpus for a pool)
    assert pipeline.extract_corpus([folder], workers=2) == pipeline.extract_corpus([folder], workers=1)
    assert asked  # a pool was asked for, and its refusal left the work to this process


def test_a_worker_that_dies_leaves_the_work_to_this_process(folder, monkeypatch):
    import os

    real = pipeline.analyse_stories
    parent = os.getpid()

    def dies_in_a_worker(stories):
        if os.getpid() != parent:
            os._exit(9)  # as the kernel's out-of-memory killer would
        return real(stories)

    monkeypatch.setattr(pipeline, "analyse_stories", dies_in_a_worker)
    records, problems = pipeline.extract_corpus([folder], workers=2)
    assert len(records) == 2 * pipeline._FILES_A_WORKER + 8 and [name for name, _ in problems] == ["a0100.txt"]


def test_a_failing_story_in_a_worker_is_reported_and_the_others_load(folder, monkeypatch):
    real = pipeline.analyse_story

    def fails_on_one(story):
        if story.source == "a0007.txt":
            raise ValueError("boom")
        return real(story)

    monkeypatch.setattr(pipeline, "analyse_story", fails_on_one)  # forked workers inherit it
    records, problems = pipeline.extract_corpus([folder], workers=2)
    assert len(records) == 2 * pipeline._FILES_A_WORKER + 7
    assert problems == [("a0100.txt", problems[0][1]), ("a0007.txt", "extraction failed (ValueError: boom)")]


def test_cli_json_from_workers_is_one_array(folder, capsys):
    assert main(["extract", str(folder), "--json"]) == 0
    captured = capsys.readouterr()
    stories = json.loads(captured.out)
    assert stories == pipeline.extract_corpus([folder], workers=1)[0]
    assert "a0100.txt" in captured.err


def test_cli_workers_must_be_a_whole_number_of_at_least_one(folder, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["extract", str(folder), "--workers", "0"])
    assert exit_.value.code == 2 and "at least 1" in capsys.readouterr().err
    assert main(["extract", str(folder), "--json", "--workers", "1"]) == 0
    assert json.loads(capsys.readouterr().out) == pipeline.extract_corpus([folder], workers=1)[0]
