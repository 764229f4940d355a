"""The store's command line: add (files, folders, stdin), list, extract without paths, remove, db upgrade."""

import io
import json
import sys

import pytest

from dashboard import SEEDS_DIR
from dashboard.__main__ import main
from dashboard.store import ENV_URL, Store

SEED = sorted(SEEDS_DIR.iterdir())
GOOD = SEED[1].read_text(encoding="utf-8") + "\n\nArchive note: a copy kept for the CLI tests.\n"
HTML = (
    "<html><head><title>Pakistan, Japan sign IT pact</title><meta property='og:site_name' content='The Tribune'>"
    "<meta name='date' content='2025-03-04'></head><body><nav>Home | World</nav><article><h1>Pakistan, Japan sign IT pact</h1>"
    + "".join(f"<p>{p}</p>" for p in SEED[0].read_text(encoding="utf-8").split("\n\n")[2:])
    + "</article><footer>Copyright</footer></body></html>"
)


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv(ENV_URL, url)
    return Store(url)


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_a_file_then_the_same_text_again(store, tmp_path, capsys):
    (tmp_path / "one.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "copy.md").write_text(GOOD.replace("\n", "\r\n"), encoding="utf-8")
    code, out, _ = run(capsys, "add", str(tmp_path / "one.txt"), "--url", "https://example.org/one", "--outlet", "Dawn")
    assert code == 0 and out.startswith("added: ")
    code, out, err = run(capsys, "add", str(tmp_path / "copy.md"))
    assert code == 0 and out.startswith("already stored: ") and "Federal Minister" in out
    assert "0 of 1 added, 1 already stored, 0 refused" in err  # the summary agrees with the line above it
    stored = [a for a in store.articles() if a.added_how == "cli"]
    assert [(a.source, a.url, a.outlet) for a in stored] == [("one.txt", "https://example.org/one", "Dawn")]


def test_a_folder_with_bad_files_adds_the_good_ones_and_exits_1(store, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b-empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "c-binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (folder / "d-latin1.txt").write_bytes("Caf\xe9 in Lahore".encode("latin-1"))
    (folder / "e-big.txt").write_text(GOOD * 3, encoding="utf-8")
    (folder / "f-page.html").write_text(HTML, encoding="utf-8")
    (folder / "g-empty-page.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    (folder / "notes.csv").write_text("not,an,article")
    monkeypatch.setenv("DASHBOARD_MAX_ARTICLE_BYTES", str(len(GOOD.encode()) * 2))
    code, out, err = run(capsys, "add", str(folder))
    assert code == 1
    assert out.count("added: ") == 2 and "a-good.txt" in out and "f-page.html" in out
    reasons = dict(line.split(": ", 2)[1:] for line in err.splitlines() if line.startswith("refused: "))
    assert {k.rsplit("/", 1)[-1]: v for k, v in reasons.items()} == {
        "b-empty.txt": "empty: no text in the file",
        "c-binary.txt": "binary file (contains NUL bytes), not an article",
        "d-latin1.txt": "not UTF-8 (byte 3): save the article as UTF-8 text",
        "e-big.txt": reasons[str(folder / "e-big.txt")],
        "g-empty-page.html": "no article text found in the web page",
    }
    assert "limit" in reasons[str(folder / "e-big.txt")]
    assert "2 of 7 added, 0 already stored, 5 refused" in err
    page = next(a for a in store.articles() if a.source == "f-page.html")
    assert (page.title, page.outlet, str(page.published)) == ("Pakistan, Japan sign IT pact", "The Tribune", "2025-03-04")
    assert "Home | World" not in page.text and "Copyright" not in page.text


@pytest.mark.parametrize(
    ("flags", "reason"),
    [
        (["--url", "javascript:alert(1)"], "http:// or https://"),
        (["--url", "https://exa mple.org"], "without spaces"),
        (["--date", "01/02/2025"], "YYYY-MM-DD"),
        (["--date", "1800-01-01"], "outside 1947-2100"),
    ],
)
def test_bad_metadata_is_refused_and_nothing_written(store, tmp_path, capsys, flags, reason):
    (tmp_path / "one.txt").write_text(GOOD, encoding="utf-8")
    code, out, err = run(capsys, "add", str(tmp_path / "one.txt"), *flags)
    assert code == 1 and out == "" and reason in err and err.count("\n") == 1
    assert store.open().count() == len(SEED)


def test_a_failing_extraction_is_refused(store, tmp_path, capsys, monkeypatch):
    import dashboard.load

    def broken(*_args, **_kw):
        raise RecursionError("too deep")

    monkeypatch.setattr(dashboard.load, "analyse_text", broken)
    (tmp_path / "one.txt").write_text(GOOD, encoding="utf-8")
    code, _, err = run(capsys, "add", str(tmp_path / "one.txt"))
    assert code == 1 and "extraction failed: RecursionError: too deep" in err
    assert store.open().count() == len(SEED)


def test_add_from_stdin_and_a_missing_file(store, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode())))
    code, out, err = run(capsys, "add", "-", str(tmp_path / "missing.txt"), "--title", "Pasted *bold* $x$")
    assert code == 1 and "missing.txt: no such file" in err
    (added,) = [a for a in store.articles() if a.added_how == "stdin"]
    assert added.source.startswith("stdin-") and added.title == "Pasted *bold* $x$"


def test_list_extract_and_remove(store, tmp_path, capsys):
    (tmp_path / "one.txt").write_text(GOOD, encoding="utf-8")
    run(capsys, "add", str(tmp_path / "one.txt"), "--date", "2025-02-03")
    code, out, _ = run(capsys, "list", "--json")
    listed = json.loads(out)
    assert code == 0 and len(listed) == len(SEED) + 1
    assert set(listed[0]) == {"id", "source", "title", "outlet", "url", "published", "added_how", "added_at"}
    mine = next(r for r in listed if r["source"] == "one.txt")
    assert mine["published"] == "2025-02-03" and len(mine["id"]) == 64

    code, out, _ = run(capsys, "extract", "--json")
    stored = json.loads(out)
    code_f, out_f, _ = run(capsys, "extract", "--json", str(SEEDS_DIR))
    from_files = json.loads(out_f)
    assert code == code_f == 0
    assert [s for s in stored if s["source"] != "one.txt"] == from_files  # same shape, seeds included
    assert {s["source"] for s in stored} >= {"one.txt"}

    code, out, _ = run(capsys, "remove", mine["id"][:12])
    assert code == 0 and out.startswith(f"removed: {mine['id'][:12]} one.txt")
    code, _, err = run(capsys, "remove", mine["id"])
    assert code == 1 and "no stored article" in err
    assert len(json.loads(run(capsys, "list", "--json")[1])) == len(SEED)


def test_db_upgrade(store, capsys):
    assert run(capsys, "db", "upgrade")[:2] == (0, "store at revision 0002 (was empty)\n")
    assert run(capsys, "db", "upgrade")[:2] == (0, "store at revision 0002 (up to date)\n")


def test_an_unreachable_store_is_one_line_on_stderr(tmp_path, capsys, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv(ENV_URL, f"sqlite:///{tmp_path}/a-file/s.db")
    for argv in (["list"], ["extract"], ["check"], ["db", "upgrade"]):
        code, _, err = run(capsys, *argv)
        assert code == 1 and err.startswith("error: ") and err.count("\n") == 1, (argv, err)


def test_a_url_with_a_date_dates_an_undated_article(store, tmp_path, capsys):
    (tmp_path / "undated.txt").write_text("Pakistan and Malaysia signed a $2 billion trade deal on Monday.\n" * 3, encoding="utf-8")
    code, _, _ = run(capsys, "add", str(tmp_path / "undated.txt"), "--url", "https://example.org/2024/04/02/trade-deal/")
    assert code == 0
    (article,) = [a for a in store.articles() if a.added_how == "cli"]
    assert article.published.isoformat() == "2024-04-02"


def test_a_url_s_month_confirms_the_page_s_today_stamp(store, tmp_path, capsys):
    text = "Wednesday, July 22, 2020\n\nAIIB approves loan to Pakistan\n\n" + "The AIIB said on Wednesday it would lend $250 million to Pakistan.\n" * 3
    (tmp_path / "stamped.txt").write_text(text, encoding="utf-8")
    code, _, _ = run(capsys, "add", str(tmp_path / "stamped.txt"), "--url", "https://blog.example.org/2020/07/aiib-loan.html")
    assert code == 0
    (article,) = [a for a in store.articles() if a.added_how == "cli"]
    assert article.published.isoformat() == "2020-07-22"
