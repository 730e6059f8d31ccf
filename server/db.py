"""The SQLite store: one shared connection behind a lock, and versioned migrations.

ThreadingHTTPServer runs each request on its own thread. All of them share one
connection, and the lock makes every read and every transaction exclusive, so
no two threads use the connection at once. WAL mode lets another process (the
review command) read and write the same file while the server runs.
"""

import contextlib
import logging
import os
import sqlite3
import threading

from server import schema

log = logging.getLogger("portal.db")


class Database:
    def __init__(self, path):
        self.path = path
        if path != ":memory:":
            folder = os.path.dirname(os.path.abspath(path))
            os.makedirs(folder, exist_ok=True)
        # isolation_level=None leaves transactions to transaction() below.
        self._connection = sqlite3.connect(path, check_same_thread=False,
                                           isolation_level=None, timeout=10)
        self._connection.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        with self._lock:
            self._connection.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL cannot corrupt the database; a power loss may drop the
            # last transactions, and it saves an fsync per commit.
            self._connection.execute("PRAGMA synchronous = NORMAL")
            self._connection.execute("PRAGMA foreign_keys = ON")
            self._connection.execute("PRAGMA busy_timeout = 10000")

    def close(self):
        with self._lock:
            self._connection.close()

    @contextlib.contextmanager
    def read(self):
        """Yield the connection for reads, holding the lock."""
        with self._lock:
            yield self._connection

    @contextlib.contextmanager
    def transaction(self):
        """Yield the connection inside BEGIN IMMEDIATE ... COMMIT, rolling back on any error."""
        with self._lock:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def schema_version(self):
        with self.read() as connection:
            return connection.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self, demo_seed=None):
        """Apply the pending migrations, each in its own transaction.

        demo_seed(connection, version) is called inside the migration's
        transaction for each version applied when the database was created by
        this call or was seeded before, so demo data stays complete.
        """
        current = self.schema_version()
        created_now = current == 0
        for version, statements in schema.MIGRATIONS:
            if version <= current:
                continue
            with self.transaction() as connection:
                for statement in statements:
                    connection.execute(statement)
                if demo_seed is not None and (created_now or _has_demo_data(connection)):
                    demo_seed(connection, version)
                    connection.execute(
                        "INSERT OR REPLACE INTO settings (key, value) VALUES ('demo_data', '1')")
                # PRAGMA does not accept parameters; version is an int from schema.py.
                connection.execute(f"PRAGMA user_version = {int(version)}")
            log.info("database %s migrated to schema version %d", self.path, version)


def _has_demo_data(connection):
    row = connection.execute("SELECT value FROM settings WHERE key = 'demo_data'").fetchone()
    return row is not None and row["value"] == "1"
