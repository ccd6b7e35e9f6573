"""Alembic environment: migrations always run on a connection harvestkit hands in.

``harvestkit.store`` runs them programmatically on first use, inside a transaction that
already holds the migration lock, so no ``alembic.ini`` or URL is needed here.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from harvestkit.store._tables import metadata

connection: Connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
