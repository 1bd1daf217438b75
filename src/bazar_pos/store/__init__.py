"""The SQLite layer: opening a database with durable pragmas, migrations, write transactions."""

from bazar_pos.store.db import open_conn, open_db, write_txn
from bazar_pos.store.private import private_dir, private_file, touch_private

__all__ = ["open_conn", "open_db", "private_dir", "private_file", "touch_private", "write_txn"]
