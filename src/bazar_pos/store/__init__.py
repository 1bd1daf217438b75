"""The SQLite layer: opening a database with durable pragmas, migrations, write transactions."""

from bazar_pos.store.db import open_db, write_txn

__all__ = ["open_db", "write_txn"]
