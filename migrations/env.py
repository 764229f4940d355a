"""Alembic environment: run by ``python -m dashboard db upgrade`` (and by the app at start) on the
store's own connection, or by ``alembic -c migrations/alembic.ini`` on ``$DASHBOARD_DATABASE_URL``."""

from alembic import context

from dashboard.store import database_url, make_engine, metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        context.run_migrations()
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or database_url())
    with engine.connect() as conn:
        conn = conn.execution_options(write=True)
        with conn.begin():
            context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
            context.run_migrations()


run()
