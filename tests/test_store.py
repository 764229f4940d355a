"""The article store on SQLite and PostgreSQL: schema, seeds, ids, versions, writes, concurrency, crashes."""

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard import SEEDS_DIR, ingest
from dashboard.load import load_store
from dashboard.store import ENV_URL, NewArticle, Store, article_id, metadata, normalise

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.iterdir())]


def variant(i: int, tag: str = "") -> str:
    """A real seed article made distinct by one added closing line."""
    return SEED_TEXTS[i % len(SEED_TEXTS)] + f"\n\nArchive note {tag}{i}: filed for the reading list.\n"


@pytest.fixture
def store(store_url):
    return Store(store_url).open()


# --------------------------------------------------------------------------- ids
@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Pakistan and China", "Pakistan  and\r\nChina ", True),
        ("\ufeffcafe\u0301", "caf\u00e9", True),  # NFC
        ("Pakistan and China", "Pakistan and Chin", False),
    ],
)
def test_article_id_is_the_normalised_text(a, b, same):
    assert (article_id(a) == article_id(b)) is same
    assert len(article_id(a)) == 64 and normalise(" a \n b ") == "a b"


# --------------------------------------------------------------------------- schema and seeds
def test_a_new_store_is_at_head_with_the_seeds(store):
    assert store.revision() == Store.head() == "0002"
    assert sorted(a.source for a in store.articles()) == sorted(p.name for p in SEEDS_DIR.iterdir())
    assert {a.added_how for a in store.articles()} == {"seed"}
    assert [a.text for a in sorted(store.articles(), key=lambda a: a.source)] == SEED_TEXTS


def test_migrations_build_exactly_the_schema_the_code_uses(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_a_store_made_by_the_first_version_opens_with_its_articles_and_takes_decisions(store_url):
    from alembic import command

    from dashboard import review

    old = Store(store_url)
    with old.engine.connect() as conn:
        conn = conn.execution_options(write=True)
        with conn.begin():
            command.upgrade(old._alembic_config(conn), "0001")
    text = next(t for t in SEED_TEXTS if "$2.7 trillion" in t) + "\n\nKept from the first version.\n"
    with old.engine.connect() as conn:
        conn = conn.execution_options(write=True)
        with conn.begin():
            conn.execute(
                sa.text("INSERT INTO articles (id, source, text, added_how, added_at) VALUES (:id, 'old.txt', :text, 'cli', :at)"),
                {"id": article_id(text), "text": text, "at": "2026-11-30 10:00:00+00:00"},
            )
    assert old.revision() == "0001"
    store = Store(store_url).open()
    assert store.revision() == Store.head()
    kept = store.get(article_id(text))
    assert kept is not None and kept.text == text and kept.source == "old.txt"
    figure = load_store(store).figures.query("source == 'old.txt'").iloc[0]
    store.decide(review.figure_event(figure, "confirm", "Ann"))
    assert load_store(store).figures.set_index("figure_id").loc[figure["figure_id"], "review"] == "confirmed"


def test_reopening_neither_reseeds_nor_brings_back_a_removed_seed(store_url):
    first = Store(store_url).open()
    gone = first.articles()[0]
    assert first.remove(gone.id).id == gone.id
    again = Store(store_url).open()
    assert again.count() == len(SEED_TEXTS) - 1 and again.get(gone.id) is None


def test_an_empty_database_is_upgraded_from_nothing(store_url):
    store = Store(store_url)
    assert store.revision() is None
    assert store.upgrade() == (None, "0002")
    assert store.upgrade() == ("0002", "0002")


def test_an_unreachable_database_says_what_to_do(tmp_path):
    from dashboard.store import StoreError

    (tmp_path / "a-file").write_text("")
    with pytest.raises(StoreError, match="db upgrade"):
        Store(f"sqlite:///{tmp_path}/a-file/s.db").open()


# --------------------------------------------------------------------------- writes
def test_the_same_text_twice_is_stored_once(store):
    n = store.count()
    first = store.add(NewArticle(text=variant(0), name="a.txt", how="cli"))
    second = store.add(NewArticle(text=variant(0).replace("\n", "\r\n") + "  ", name="b.md", how="upload"))
    assert (first.status, second.status) == ("added", "stored")
    assert second.id == first.id and second.title == first.title and second.source == "a.txt"
    assert store.count() == n + 1


def test_a_taken_name_gets_the_id_added_and_nothing_becomes_a_path(store):
    a = store.add(NewArticle(text=variant(1), name="../../etc/passwd", how="cli"))
    b = store.add(NewArticle(text=variant(2), name="passwd", how="cli"))
    assert a.source == "passwd" and b.source == f"passwd-{b.id[:12]}"


def test_every_write_moves_the_version_and_reads_do_not(store):
    v0 = store.version()
    assert store.version() == v0
    store.add(NewArticle(text=variant(3), name="c.txt", how="cli"))
    v1 = store.version()
    assert v1 != v0 and v1.split(":")[0] == v0.split(":")[0]
    store.remove(store.articles()[-1].id)
    assert store.version() not in (v0, v1)


def test_metadata_is_kept_and_flows_into_the_stories(store):
    article = ingest.from_bytes(
        "x.txt", variant(1).encode(), "cli",
        ingest.meta(url="https://example.org/a?b=1", outlet="The Daily", published="2025-06-01", title="A given title"),
    )
    result = store.add(article)
    stored = store.get(result.id)
    assert (stored.url, stored.outlet, stored.published, stored.title) == ("https://example.org/a?b=1", "The Daily", date(2025, 6, 1), "A given title")
    stories = load_store(store).stories.set_index("article_id").loc[[result.id]]
    assert stories["title"].iloc[0] == "A given title" and stories["date_source"].iloc[0] == "given"
    assert stories["url"].iloc[0] == "https://example.org/a?b=1" and stories["outlet"].iloc[0] == "The Daily"


def test_remove_touches_nothing_else(store):
    keep = {a.id for a in store.articles()}
    added = store.add(NewArticle(text=variant(4), name="d.txt", how="cli"))
    assert store.remove(added.id[:12]).id == added.id
    assert {a.id for a in store.articles()} == keep
    assert store.remove(added.id) is None and store.remove("zz") is None and store.remove("") is None


def test_the_store_loads_like_the_seed_files(store, corpus):
    loaded = load_store(store)
    assert len(loaded.stories) == len(corpus.stories) and len(loaded.figures) == len(corpus.figures)
    assert loaded.stories["article_id"].notna().all()
    assert sorted(loaded.figures["figure_id"]) == sorted(corpus.figures["figure_id"])


# --------------------------------------------------------------------------- concurrency and crashes
WRITER = """
import sys, time
from pathlib import Path
from dashboard import SEEDS_DIR, ingest
from dashboard.store import Store
url, proc, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.iterdir())]
store = Store(url).open()
while not go.exists():
    time.sleep(0.01)
for i in range(20):
    text = texts[(proc + i) % len(texts)] + f"\\n\\nArchive note {proc}-{i}: filed for the reading list.\\n"
    assert store.add(ingest.from_bytes(f"p{proc}-{i}.txt", text.encode(), "cli")).status == "added"
"""


def test_eight_processes_adding_twenty_each_store_all_160(store_url, tmp_path):
    Store(store_url).open()
    go = tmp_path / "go"
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, store_url, str(p), str(go)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for p in range(8)
    ]
    time.sleep(2)
    go.touch()
    errors = [p.communicate(timeout=240)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, errors
    store = Store(store_url).open()
    added = [a for a in store.articles() if a.added_how == "cli"]
    assert len(added) == 160 and len({a.source for a in added}) == 160
    assert store.versions()[0].endswith(":161")  # the seeding, then one write per article


def test_kill_9_during_a_folder_add_leaves_each_article_whole_or_absent(store_url, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    texts = {f"a{i:04}.txt": variant(i, "k") for i in range(600)}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    Store(store_url).open()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "add", str(folder)], cwd=ROOT,
        env={**os.environ, ENV_URL: store_url}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    probe = Store(store_url)
    deadline = time.time() + 120
    while probe.count() < len(SEED_TEXTS) + 20 and time.time() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    store = Store(store_url).open()
    added = [a for a in store.articles() if a.added_how == "cli"]
    assert 20 <= len(added) < len(texts), "the add must be killed part-way"
    for article in added:
        assert article.text == texts[article.source]
    if store_url.startswith("sqlite"):
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert store.add(NewArticle(text=variant(9999, "after"), name="after.txt", how="cli")).status == "added"


def test_sqlite_store_is_in_wal_mode_with_a_busy_timeout(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}").open()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000


def test_postgres_url_without_driver_uses_psycopg():
    from dashboard.store import make_engine

    assert make_engine("postgresql://u@localhost/db").dialect.driver == "psycopg"
    assert isinstance(sa.make_url("sqlite://"), sa.URL)


# --------------------------------------------------------------------------- the extraction cache
def _forget(monkeypatch):
    """This process forgets its extractions, as a new server process would."""
    import dashboard.load as load

    monkeypatch.setattr(load, "_RESULTS", {})


def _cache_rows(store):
    from dashboard.store import extractions

    with store.engine.connect() as conn:
        return conn.execute(sa.select(extractions.c.article_id, extractions.c.fingerprint)).all()


def test_extractions_are_cached_in_the_store_without_moving_its_version(store, monkeypatch):
    import dashboard.load as load
    from dashboard.fingerprint import extractor_fingerprint

    _forget(monkeypatch)
    version = store.version()
    first = load_store(store)
    assert store.version() == version
    assert sorted(_cache_rows(store)) == sorted((a.id, extractor_fingerprint()) for a in store.articles())

    _forget(monkeypatch)

    def no_extractor(_story):
        raise AssertionError("extracted again")

    monkeypatch.setattr(load, "analyse_story", no_extractor)
    again = load_store(store)  # read back from the store, nothing extracted
    assert again.unreadable == [] and sorted(again.figures["figure_id"]) == sorted(first.figures["figure_id"])
    assert again.figures.drop(columns="figure_id").sort_values("start").reset_index(drop=True).equals(
        first.figures.drop(columns="figure_id").sort_values("start").reset_index(drop=True)
    )


def test_a_new_fingerprint_extracts_again_and_drops_the_old_rows(store, monkeypatch):
    import dashboard.load as load

    _forget(monkeypatch)
    load_store(store)
    _forget(monkeypatch)
    monkeypatch.setattr(load, "extractor_fingerprint", lambda: "f" * 64)
    calls = []
    real = load.analyse_story
    monkeypatch.setattr(load, "analyse_story", lambda s: calls.append(s.source) or real(s))
    load_store(store)
    assert len(calls) == len(load_store(store).stories)  # every story once, the second load from memory
    assert {fp for _, fp in _cache_rows(store)} == {"f" * 64}


def test_removing_an_article_removes_its_cached_extraction(store, monkeypatch):
    _forget(monkeypatch)
    load_store(store)
    gone = store.articles()[0]
    store.remove(gone.id)
    assert gone.id not in {key for key, _ in _cache_rows(store)}


def test_the_fingerprint_follows_the_vocabularies(tmp_path):
    from dashboard import DATA_DIR
    from dashboard.fingerprint import extractor_fingerprint

    for path in DATA_DIR.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    before = extractor_fingerprint(tmp_path)
    assert before == extractor_fingerprint(DATA_DIR)
    (tmp_path / "overlay.csv").write_text("source,story,raw,occurrence,action,field,value,note\n")
    assert extractor_fingerprint.__wrapped__(tmp_path) == before  # curation is applied after extraction
    with (tmp_path / "metrics.csv").open("a") as fh:
        fh.write("\n")
    assert extractor_fingerprint.__wrapped__(tmp_path) != before


OPENER = """
import sys, time
from pathlib import Path
from dashboard.store import Store
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.01)
Store(sys.argv[1]).open()
"""


def test_processes_opening_a_new_store_at_once_create_and_seed_it_once(store_url, tmp_path):
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", OPENER, store_url, str(go)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    time.sleep(1.5)
    go.touch()
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, errors
    store = Store(store_url)
    assert store.revision() == Store.head() and store.count() == len(SEED_TEXTS)
    assert store.versions()[0].endswith(":1")  # one seeding
