"""The article store: SQLAlchemy 2 Core over SQLite (default, a file in ``data/``) or PostgreSQL.

``DASHBOARD_DATABASE_URL`` picks the database (``postgresql+psycopg://user@host/db`` for a team);
without it the store is ``data/articles.sqlite3``, created on first use, in WAL mode with a busy
timeout so that several processes can write at once. The schema is under Alembic (``migrations/``):
:meth:`Store.open` upgrades an older store and loads the seeds on first start.

Every write is one transaction, and bumps the store's version: ``store.version()`` ->
``"3f2a…:7"`` (the store's own id and a counter), the key of every cache above the store.

    >>> store = Store("sqlite:///:memory:").open()
    >>> store.add(NewArticle(text="...", name="a.txt", how="cli")).status
    'added'
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePath

import sqlalchemy as sa
import sqlalchemy.dialects.postgresql
import sqlalchemy.dialects.sqlite
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from dashboard import DATA_DIR, ROOT, SEEDS_DIR, review

ENV_URL = "DASHBOARD_DATABASE_URL"
DEFAULT_PATH = DATA_DIR / "articles.sqlite3"
MIGRATIONS_DIR = ROOT / "migrations"
BUSY_TIMEOUT_S = 30
HOW = ("seed", "cli", "upload", "paste", "stdin")
MAX_NAME = 200
MAX_META = 500

# --------------------------------------------------------------------------- schema (the head revision; migrations/ builds it)
metadata = sa.MetaData()

store_state = sa.Table(
    "store_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),  # always 1
    sa.Column("uid", sa.String(32), nullable=False),
    sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("seeded", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reviews", sa.BigInteger, nullable=False, server_default="0"),  # moves with every review decision
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # SHA-256 of the normalised text
    sa.Column("source", sa.String(MAX_NAME + 20), nullable=False, unique=True),  # the label stories and figures cite
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("added_how", sa.String(16), nullable=False),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
)

# The extraction cache: one row per article and extractor fingerprint (vocabularies + extractor version).
extractions = sa.Table(
    "extractions",
    metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("fingerprint", sa.String(64), primary_key=True),
    sa.Column("payload", sa.Text, nullable=False),  # JSON: the analysed stories
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Review decisions (dashboard.review): an append-only log; ``seq`` numbers the decisions on one key
# (a figure's span and words, or a story's number and field), unique, so two reviewers deciding on the
# same state cannot both be written.
decisions = sa.Table(
    "decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("key", sa.String(64), nullable=False),  # SHA-256 of target, span and field: see decision_key()
    sa.Column("target", sa.String(8), nullable=False),  # figure | story
    sa.Column("span_start", sa.Integer, nullable=False),  # a figure's offsets in the article; a story's number twice
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("raw", sa.Text, nullable=False),  # the figure's words ("" for a story)
    sa.Column("field", sa.String(16), nullable=False),  # "" for a figure; date | partners for a story
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("action", sa.String(16), nullable=False),  # confirm | correct | reject | set | undo
    sa.Column("changes", sa.Text, nullable=False),  # JSON
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("batch", sa.String(32), nullable=False),  # shared by the decisions of one conflict's resolution
    sa.UniqueConstraint("article_id", "key", "seq", name="uq_decisions_key_seq"),
)


class StoreError(RuntimeError):
    """The store cannot be opened or used; the message says what to do."""


class DecidedMeanwhile(RuntimeError):
    """Someone else decided on this figure or story since it was shown; ``current`` is their decision
    (the key's last event) and nothing of this decision was written."""

    def __init__(self, current: review.Event | None) -> None:
        self.current = current
        who = f"{current.who} ({current.action}, {current.decided_at:%Y-%m-%d %H:%M} UTC)" if current else "someone"
        super().__init__(f"{who} decided on this meanwhile; yours was not saved: look at their decision, then decide again")


class _Meanwhile(Exception):
    """Inside :meth:`Store.decide`: a key moved on since the reviewer saw it."""


def decision_key(target: str, start: int, end: int, raw: str, field: str) -> str:
    """The SHA-256 (hex) a decision's key is stored under: ``decision_key("figure", 10, 14, "$5bn", "")``."""
    return hashlib.sha256(json.dumps([target, start, end, raw, field], ensure_ascii=False).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- values
def normalise(text: str) -> str:
    """The text an article's id is made from: NFC, no byte-order mark, whitespace runs as one space, trimmed.
    ``normalise(" a\\r\\n b ")`` -> ``"a b"``."""
    return " ".join(unicodedata.normalize("NFC", text).replace("\ufeff", "").split())


def article_id(text: str) -> str:
    """SHA-256 (hex) of the normalised text: the same article is one id whatever its file name."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def clean_label(value: str | None, limit: int = MAX_META) -> str | None:
    """A user-given name, title or outlet as one line of printable text (None when blank)."""
    if value is None:
        return None
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())
    return line[:limit] or None


@dataclass(frozen=True)
class NewArticle:
    """An article ready to store: its text and what the user said about it."""

    text: str
    name: str  # the file name or a label; only ever a label, never a path
    how: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None

    @property
    def id(self) -> str:
        return article_id(self.text)


@dataclass(frozen=True)
class Article:
    """A stored article."""

    id: str
    source: str
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    added_how: str
    added_at: datetime

    def listing(self) -> dict:
        """The ``list --json`` object: ``{"id", "source", "title", "outlet", "url", "published", "added_how", "added_at"}``;
        title, outlet and date as given, else as the article's first story states them."""
        from dashboard.load import article_stories

        first = next(iter(article_stories(self.source, self.text, self.title, self.outlet, self.published)), None)
        published = first.published if first else self.published
        return {
            "id": self.id,
            "source": self.source,
            "title": first.title if first else self.title,
            "outlet": first.outlet if first else self.outlet,
            "url": self.url,
            "published": published.isoformat() if published else None,
            "added_how": self.added_how,
            "added_at": self.added_at.isoformat(),
        }


@dataclass(frozen=True)
class AddResult:
    """One input's outcome: ``added``, ``stored`` (already there: ``title`` is the stored one) or ``refused``."""

    name: str
    status: str
    reason: str | None = None
    id: str | None = None
    title: str | None = None
    source: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "refused"

    def line(self) -> str:
        """``"added: a.txt (Pakistan, China sign ...)"``; one line of text."""
        if self.status == "refused":
            return f"refused: {self.name}: {self.reason}"
        what = "added" if self.status == "added" else "already stored"
        return f"{what}: {self.name} ({self.title or 'untitled'}) id {self.id[:12]}"


# --------------------------------------------------------------------------- engine
def database_url() -> str:
    """``$DASHBOARD_DATABASE_URL``, else the SQLite file in ``data/``."""
    return os.environ.get(ENV_URL) or f"sqlite:///{DEFAULT_PATH}"


def _sqlite_setup(engine: Engine) -> None:
    """WAL, a busy timeout, foreign keys; transactions begun by us (``BEGIN IMMEDIATE`` for writes,
    so that read-then-write cannot deadlock between processes)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # the driver's own implicit BEGIN off: ours below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (nothing is connected or created yet)."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        pool = {"poolclass": sa.pool.StaticPool} if parsed.database in (None, "", ":memory:") else {}
        engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}, **pool)
        _sqlite_setup(engine)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return sa.create_engine(parsed, pool_pre_ping=True)


# --------------------------------------------------------------------------- the store
class Store:
    """One database of articles. ``Store().open()`` upgrades and seeds it; every method is one transaction."""

    def __init__(self, url: str | None = None, seeds_dir: Path = SEEDS_DIR) -> None:
        self.url = url or database_url()
        self.engine = make_engine(self.url)
        self.seeds_dir = seeds_dir

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def _write(self, bump: bool | str = True) -> Iterator[Connection]:
        """One write transaction; the store's version moves on with it (not for the extraction cache,
        which changes nothing anyone sees). ``bump="reviews"``: a review decision, which moves only the
        review counter (the articles, and everything cached on them, stay)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(write=True)
            with conn.begin():
                yield conn
                if bump == "reviews":
                    conn.execute(store_state.update().where(store_state.c.id == 1).values(reviews=store_state.c.reviews + 1))
                elif bump:
                    conn.execute(store_state.update().where(store_state.c.id == 1).values(version=store_state.c.version + 1))

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    # ------------------------------------------------------------------ schema
    def _alembic_config(self, conn: Connection):
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = conn
        return config

    def revision(self) -> str | None:
        """The store's schema revision (None: a new, empty database)."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    @staticmethod
    def head() -> str:
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        return ScriptDirectory.from_config(config).get_current_head()

    def upgrade(self) -> tuple[str | None, str]:
        """Bring the schema to the newest revision: (revision before, revision after)."""
        from alembic import command

        before = self.revision()
        if before != self.head():
            with self.engine.connect() as conn:
                conn = conn.execution_options(write=True)
                with conn.begin():
                    if conn.dialect.name == "postgresql":  # two processes starting at once: one upgrades, the other waits
                        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(724778)")
                    command.upgrade(self._alembic_config(conn), "head")
        return before, self.head()

    def open(self) -> Store:
        """Upgrade an older store, load the seeds on first start; returns the store.

        Raises :class:`StoreError` with what to do when the database cannot be reached or upgraded."""
        try:
            database = self.engine.url.database
            if self.engine.url.get_backend_name() == "sqlite" and database not in (None, "", ":memory:"):
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            self.upgrade()
            self._seed()
        except (sa.exc.SQLAlchemyError, OSError) as exc:
            cause = getattr(exc, "orig", None) or exc
            raise StoreError(
                f"cannot open the article store at {self.engine.url.render_as_string(hide_password=True)}: "
                f"{type(cause).__name__}: {(str(cause).strip().splitlines() or [''])[0]}. "
                "Check DASHBOARD_DATABASE_URL, then run: python -m dashboard db upgrade"
            ) from exc
        return self

    def _seed(self) -> None:
        """The seeds, once, on the store's first start (a seed a user removed stays removed)."""
        with self._read() as conn:
            if conn.execute(sa.select(store_state.c.seeded)).scalar_one():
                return
        from dashboard.ingest import Refused, from_path

        with self._write(bump=False) as conn:
            claimed = conn.execute(store_state.update().where(store_state.c.seeded.is_(False)).values(seeded=True)).rowcount
            if not claimed:  # another process seeded it meanwhile: nothing changed
                return
            for path in sorted(self.seeds_dir.iterdir()):
                try:
                    self._insert(conn, from_path(path, how="seed", extract=False))
                except Refused:
                    continue
            conn.execute(store_state.update().values(version=store_state.c.version + 1))

    # ------------------------------------------------------------------ reads
    def version(self) -> str:
        """``"<store uid>:<articles>:<reviews>"``: changes with every write, differs between stores."""
        return self.versions()[1]

    def versions(self) -> tuple[str, str]:
        """(the articles' version, the whole store's version): ``("3f2a…:7", "3f2a…:7:12")``. The first
        moves when an article is added or removed, the second also with every review decision."""
        with self._read() as conn:
            uid, version, reviews = conn.execute(sa.select(store_state.c.uid, store_state.c.version, store_state.c.reviews)).one()
        return f"{uid}:{version}", f"{uid}:{version}:{reviews}"

    def articles(self) -> list[Article]:
        """Every stored article, oldest first (seeds in file order)."""
        with self._read() as conn:
            rows = conn.execute(sa.select(articles).order_by(articles.c.added_at, articles.c.source)).all()
        return [_article(row) for row in rows]

    def article_ids(self) -> set[str]:
        """The ids of every stored article."""
        with self._read() as conn:
            return set(conn.execute(sa.select(articles.c.id)).scalars())

    def count(self) -> int:
        with self._read() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()

    def get(self, id_or_prefix: str) -> Article | None:
        """The article with this id, or with this unique id prefix (at least 6 characters)."""
        key = id_or_prefix.strip().lower()
        if len(key) < 6 or any(ch not in "0123456789abcdef" for ch in key):
            return None
        with self._read() as conn:
            rows = conn.execute(sa.select(articles).where(articles.c.id.startswith(key, autoescape=True)).limit(2)).all()
        return _article(rows[0]) if len(rows) == 1 else None

    # ------------------------------------------------------------------ the extraction cache
    def cached_extractions(self, fingerprint: str, ids: list[str]) -> dict[str, str]:
        """``{article id: JSON payload}`` of the extractions of these articles made under ``fingerprint``."""
        out: dict[str, str] = {}
        with self._read() as conn:
            for at in range(0, len(ids), 500):
                chunk = ids[at : at + 500]
                query = sa.select(extractions.c.article_id, extractions.c.payload).where(
                    extractions.c.fingerprint == fingerprint, extractions.c.article_id.in_(chunk)
                )
                out.update((key, payload) for key, payload in conn.execute(query))
        return out

    def save_extractions(self, fingerprint: str, payloads: dict[str, str]) -> None:
        """Keep these extractions (one transaction; the store's version does not move); rows of older
        fingerprints go. An article removed meanwhile, or a row another process saved first, is skipped."""
        if not payloads:
            return
        with self._write(bump=False) as conn:
            conn.execute(extractions.delete().where(extractions.c.fingerprint != fingerprint))
            present = set(conn.execute(sa.select(articles.c.id).where(articles.c.id.in_(list(payloads)))).scalars())
            rows = [
                {"article_id": key, "fingerprint": fingerprint, "payload": payload, "created_at": datetime.now(UTC)}
                for key, payload in payloads.items()
                if key in present
            ]
            if rows:
                insert = (sa.dialects.postgresql.insert if conn.dialect.name == "postgresql" else sa.dialects.sqlite.insert)(extractions)
                conn.execute(insert.on_conflict_do_nothing(), rows)

    # ------------------------------------------------------------------ writes
    def add(self, article: NewArticle) -> AddResult:
        """Store one article (one transaction): ``added``, or ``stored`` when its text is already there.

        Two writers adding the same text (or name) at once: the later one's transaction fails on the
        unique key and is run again, and then finds the article (or a free name)."""
        for attempt in range(3):
            try:
                with self._write() as conn:
                    return self._insert(conn, article)
            except sa.exc.IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _insert(self, conn: Connection, article: NewArticle) -> AddResult:
        key = article.id
        existing = conn.execute(sa.select(articles.c.title, articles.c.source).where(articles.c.id == key)).first()
        if existing:
            return AddResult(article.name, "stored", id=key, title=existing.title or _first_line(conn, key), source=existing.source)
        source = self._free_source(conn, article.name, key)
        conn.execute(
            articles.insert().values(
                id=key,
                source=source,
                text=article.text,
                title=article.title,
                outlet=article.outlet,
                url=article.url,
                published=article.published,
                added_how=article.how,
                added_at=datetime.now(UTC),
            )
        )
        return AddResult(article.name, "added", id=key, title=article.title or _title_of(article.text), source=source)

    @staticmethod
    def _free_source(conn: Connection, name: str, key: str) -> str:
        """The article's label: its file name, or ``name-<id>`` when another article has that name."""
        name = clean_label(PurePath(name).name, MAX_NAME) or f"article-{key[:12]}.txt"
        taken = conn.execute(sa.select(articles.c.id).where(articles.c.source == name)).first()
        if not taken:
            return name
        path = PurePath(name)
        return f"{path.stem}-{key[:12]}{path.suffix}"

    def remove(self, id_or_prefix: str) -> Article | None:
        """Remove one article (and only it); returns what was removed, None when no such article."""
        found = self.get(id_or_prefix)
        if found is None:
            return None
        with self._write() as conn:
            gone = conn.execute(articles.delete().where(articles.c.id == found.id)).rowcount
        return found if gone else None


    # ------------------------------------------------------------------ review decisions
    def decisions(self, article_ids: list[str] | None = None) -> list[review.Event]:
        """Every decision (of these articles), in the order written."""
        query = sa.select(decisions, articles.c.source).join(articles, articles.c.id == decisions.c.article_id).order_by(decisions.c.id)
        if article_ids is not None:
            query = query.where(decisions.c.article_id.in_(article_ids))
        with self._read() as conn:
            return [_event(row) for row in conn.execute(query)]

    def last_decision(self, article_id: str, target: str, start: int, end: int, raw: str, field: str = "") -> review.Event | None:
        """The last event written on one key (None: nobody decided yet)."""
        key = decision_key(target, start, end, raw, field)
        query = (
            sa.select(decisions, articles.c.source).join(articles, articles.c.id == decisions.c.article_id)
            .where(decisions.c.article_id == article_id, decisions.c.key == key).order_by(decisions.c.seq.desc()).limit(1)
        )
        with self._read() as conn:
            row = conn.execute(query).first()
        return _event(row) if row else None

    def decide(self, *events: review.Event) -> list[review.Event]:
        """Write decisions, all or none (one transaction). Each event's ``seq`` is the one after the
        key's last event the reviewer saw; when another decision took that place meanwhile, nothing
        is written and :class:`DecidedMeanwhile` says whose it is. Events are checked first
        (``review.check_event``: :class:`review.InvalidDecision` with the reason). Returns them as stored."""
        checked = [review.check_event(e) for e in events]
        try:
            with self._write(bump="reviews") as conn:
                present = set(conn.execute(sa.select(articles.c.id).where(articles.c.id.in_([e.article_id for e in checked]))).scalars())
                for decision in checked:
                    if decision.article_id not in present:  # raised inside: the transaction writes nothing
                        raise review.InvalidDecision(f"article {decision.article_id[:12]} is not in the store")
                for decision in checked:
                    values = _row(decision)
                    last = conn.execute(
                        sa.select(sa.func.max(decisions.c.seq)).where(decisions.c.article_id == decision.article_id, decisions.c.key == values["key"])
                    ).scalar_one()
                    if (last or 0) != decision.seq - 1:
                        raise _Meanwhile
                    conn.execute(decisions.insert().values(**values))
        except (sa.exc.IntegrityError, _Meanwhile):
            for decision in checked:
                last = self.last_decision(decision.article_id, decision.target, decision.start, decision.end, decision.raw, decision.field)
                if last is not None and last.seq >= decision.seq:
                    raise DecidedMeanwhile(last) from None
            raise
        return checked

    def import_decisions(self, events: list[review.Event]) -> int:
        """Append decisions from another store (one transaction, all or none): each goes after its
        key's last event here; one already here (same key, action, changes, who and time) is skipped.
        Returns how many were added."""
        checked = [review.check_event(e) for e in events]
        with self._write(bump="reviews") as conn:
            ids = list({e.article_id for e in checked})
            present = set(conn.execute(sa.select(articles.c.id).where(articles.c.id.in_(ids))).scalars()) if ids else set()
            missing = [e for e in checked if e.article_id not in present]
            if missing:
                raise review.InvalidDecision(f"article {missing[0].article_id[:12]} is not in this store: add the article first")
            rows = conn.execute(
                sa.select(decisions.c.article_id, decisions.c.key, decisions.c.seq, decisions.c.action, decisions.c.changes,
                          decisions.c.who, decisions.c.decided_at).where(decisions.c.article_id.in_(ids))
            ).all() if ids else []
            last: dict[tuple[str, str], int] = {}
            seen = set()
            for row in rows:
                at = row.decided_at if row.decided_at.tzinfo else row.decided_at.replace(tzinfo=UTC)
                last[(row.article_id, row.key)] = max(last.get((row.article_id, row.key), 0), row.seq)
                seen.add((row.article_id, row.key, row.action, row.changes, row.who, at.isoformat()))
            added = 0
            for decision in checked:
                values = _row(decision)
                slot = (decision.article_id, values["key"])
                ident = (*slot, decision.action, values["changes"], decision.who, decision.decided_at.astimezone(UTC).isoformat())
                if ident in seen:
                    continue
                seen.add(ident)
                last[slot] = last.get(slot, 0) + 1
                conn.execute(decisions.insert().values(**{**values, "seq": last[slot]}))
                added += 1
        return added


def _row(event: review.Event) -> dict:
    return {
        "article_id": event.article_id,
        "key": decision_key(event.target, event.start, event.end, event.raw, event.field),
        "target": event.target,
        "span_start": event.start,
        "span_end": event.end,
        "raw": event.raw,
        "field": event.field,
        "seq": event.seq,
        "action": event.action,
        "changes": json.dumps(event.changes, ensure_ascii=False, sort_keys=True),
        "note": event.note or "",
        "who": event.who,
        "decided_at": event.decided_at,
        "batch": event.batch or "",
    }


def _event(row: sa.Row) -> review.Event:
    at = row.decided_at if row.decided_at.tzinfo else row.decided_at.replace(tzinfo=UTC)
    return review.Event(
        article_id=row.article_id, target=row.target, start=row.span_start, end=row.span_end, raw=row.raw, field=row.field,
        seq=row.seq, action=row.action, changes=json.loads(row.changes), who=row.who, decided_at=at, note=row.note,
        batch=row.batch, source=row.source,
    )


def _article(row: sa.Row) -> Article:
    added_at = row.added_at if row.added_at.tzinfo else row.added_at.replace(tzinfo=UTC)  # SQLite keeps no zone
    return Article(
        id=row.id,
        source=row.source,
        text=row.text,
        title=row.title,
        outlet=row.outlet,
        url=row.url,
        published=row.published,
        added_how=row.added_how,
        added_at=added_at,
    )


def _title_of(text: str) -> str | None:
    """The title of the article's first story (page furniture dropped)."""
    from dashboard.articles import read_stories

    stories = read_stories("article", text)
    return stories[0].title if stories else None


def _first_line(conn: Connection, key: str) -> str | None:
    return _title_of(conn.execute(sa.select(articles.c.text).where(articles.c.id == key)).scalar_one())


def new_state() -> dict:
    """The first row of ``store_state`` (used by the first migration)."""
    return {"id": 1, "uid": uuid.uuid4().hex, "version": 0, "seeded": False, "created_at": datetime.now(UTC)}
