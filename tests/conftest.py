import atexit
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from dashboard import SEEDS_DIR
from dashboard.load import load_corpus
from dashboard.store import ENV_URL

# Tests never touch a user's store: the app, the CLI and the browser tests share one throwaway SQLite file.
_TEST_STORE = Path(tempfile.mkdtemp(prefix="dashboard-test-store-"))
atexit.register(shutil.rmtree, _TEST_STORE, ignore_errors=True)
os.environ[ENV_URL] = f"sqlite:///{_TEST_STORE / 'articles.sqlite3'}"

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None) if Path("/usr/lib/postgresql").exists() else None


@pytest.fixture(scope="session")
def corpus():
    """The seed corpus, loaded once for the whole test session."""
    return load_corpus([SEEDS_DIR])


@pytest.fixture
def data_files(tmp_path, monkeypatch):
    """Point a module's vocabulary reader at files written here and clear a cached loader around
    the test: ``data_files(vocab, vocab.furniture, {"furniture.csv": "name,scope,pattern\\n..."})``."""
    cleared = []

    def use(module, loader, files: dict[str, str]):
        for name, text in files.items():
            (tmp_path / name).write_text(text)
        original = module.read_rows
        monkeypatch.setattr(module, "read_rows", lambda name, data_dir=tmp_path: original(name, tmp_path))
        loader.cache_clear()
        cleared.append(loader)
        return loader

    yield use
    monkeypatch.undo()
    for loader in cleared:
        loader.cache_clear()


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL cluster (initdb + pg_ctl, spare port, temp dir): its URL without a database.
    Skipped without server binaries, unless CI is set."""
    if PG_BIN is None or not (PG_BIN / "initdb").exists():
        if os.environ.get("CI"):
            raise RuntimeError("CI is set but PostgreSQL is missing: apt-get install -y postgresql")
        pytest.skip("no PostgreSQL server binaries (apt-get install -y postgresql)")
    root = Path(tempfile.mkdtemp(prefix="dashboard-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]),
                   check=True, capture_output=True)
    subprocess.run(
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60",
                      "-o", f"-p {port} -k {root} -c listen_addresses='' -c fsync=off -c max_connections=60", "start"]),
        check=True, capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@/{{db}}?host={root}&port={port}"
    finally:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """A new, empty PostgreSQL database for one test."""
    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(postgres_server.format(db="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return postgres_server.format(db=name)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """Every store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return request.getfixturevalue("postgres_url")
