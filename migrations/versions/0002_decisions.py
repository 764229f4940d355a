"""Review decisions as an append-only log with a sequence per figure or story; a review counter.

0001 made ``figure_decisions`` (never written: the review came later); it is replaced by
``decisions``, which keys a figure by its span and words and a story by its number, and numbers the
decisions on each key so that two reviewers cannot both decide on the same state.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_figure_decisions_figure", table_name="figure_decisions")
    op.drop_table("figure_decisions")
    with op.batch_alter_table("store_state") as batch:
        batch.add_column(sa.Column("reviews", sa.BigInteger, nullable=False, server_default="0"))
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("target", sa.String(8), nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("batch", sa.String(32), nullable=False),
        sa.UniqueConstraint("article_id", "key", "seq", name="uq_decisions_key_seq"),
    )


def downgrade() -> None:
    op.drop_table("decisions")
    with op.batch_alter_table("store_state") as batch:
        batch.drop_column("reviews")
    op.create_table(
        "figure_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("field", sa.String(32)),
        sa.Column("value", sa.Text),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_figure_decisions_figure", "figure_decisions", ["article_id", "span_start", "raw"])
