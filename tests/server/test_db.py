"""The store: migrations, pragmas, seeding once, and transactions."""

import os
import shutil
import sqlite3
import tempfile
import unittest

from server import db, passwords, schema, seed
from tests.server.support import ManualClock, TEST_SCRYPT_N


class DatabaseTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="portal-db-")
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.path = os.path.join(self.folder, "nested", "portal.sqlite3")
        self.demo_seed = seed.DemoSeed(passwords.PasswordHasher(TEST_SCRYPT_N), ManualClock())

    def open(self, demo_seed=True):
        database = db.Database(self.path)
        self.addCleanup(database.close)
        database.migrate(self.demo_seed if demo_seed else None)
        return database

    def count(self, database, table):
        with database.read() as connection:
            return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def test_creates_folder_and_latest_schema(self):
        database = self.open()
        self.assertTrue(os.path.isfile(self.path))
        self.assertEqual(database.schema_version(), schema.LATEST_VERSION)

    def test_pragmas(self):
        database = self.open()
        with database.read() as connection:
            self.assertEqual(connection.execute("PRAGMA journal_mode").fetchone()[0], "wal")
            self.assertEqual(connection.execute("PRAGMA foreign_keys").fetchone()[0], 1)

    def test_seed_runs_once(self):
        first = self.open()
        accounts = self.count(first, "accounts")
        first.close()
        second = self.open()
        self.assertEqual(self.count(second, "accounts"), accounts)
        self.assertEqual(accounts, 3)

    def test_without_demo_data(self):
        database = self.open(demo_seed=False)
        self.assertEqual(self.count(database, "accounts"), 0)

    def test_seeded_data(self):
        database = self.open()
        with database.read() as connection:
            names = {row["insurance_type"]: row["unit_name"] for row in connection.execute(
                "SELECT insurance_type, unit_name FROM insurance_registrations"
                " WHERE credit_code = ?", (seed.UNIT_XIAMEN["credit_code"],))}
            offline = connection.execute(
                "SELECT COUNT(*) FROM insurance_registrations"
                " WHERE online_declaration = 0").fetchone()[0]
            designated = connection.execute("SELECT COUNT(*) FROM designated_agents").fetchone()[0]
            agents = connection.execute(
                "SELECT COUNT(*) FROM accounts WHERE kind = 'agent'").fetchone()[0]
        self.assertNotEqual(names["pension"], names["unemployment"])
        self.assertEqual(offline, 1)
        self.assertEqual(designated, 3)
        self.assertEqual(agents, 0)

    def test_transaction_rolls_back_on_error(self):
        database = self.open()
        with self.assertRaises(sqlite3.IntegrityError):
            with database.transaction() as connection:
                connection.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
                connection.execute("INSERT INTO settings (key, value) VALUES ('a', '2')")
        with database.read() as connection:
            self.assertIsNone(connection.execute(
                "SELECT value FROM settings WHERE key = 'a'").fetchone())

    def test_foreign_keys_are_enforced(self):
        database = self.open()
        with self.assertRaises(sqlite3.IntegrityError):
            with database.transaction() as connection:
                connection.execute(
                    "INSERT INTO sessions (token_digest, account_id, scope, created_at,"
                    " expires_at) VALUES ('x', 999, 'full', 0, 1)")


if __name__ == "__main__":
    unittest.main()
