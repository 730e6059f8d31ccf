"""The files sent to browsers carry none of the server's secrets.

The test looks for the per-database SMS code key and the password hashes of a seeded
database, the demo accounts' password and markers of stored secrets. Session tokens are random
per login and never written to files. The offline demo (build/web-demo) contains demo data on
purpose and is not scanned. build/web is scanned when it exists, and the page sources always.
"""

import gzip
import os
import sqlite3
import tempfile
import unittest

from server import seed
from tests.server.live import REPO_ROOT
from tests.server.support import seeded_database_copy

WEB_BUILD = os.path.join(REPO_ROOT, "build", "web")
PAGE_SOURCES = [os.path.join(REPO_ROOT, "shell"), os.path.join(REPO_ROOT, "web")]
# Markers of stored secrets, whatever their value: the hash format of server/passwords.py,
# the settings key of the SMS code key, the columns that hold hashes and digests, and PEM keys.
SECRET_MARKERS = [b"scrypt$", b"sms_code_key", b"password_hash", b"token_digest",
                  b"code_digest", b"PRIVATE KEY"]


def shipped_files(folders):
    """Yield (path, content) of every file under folders, gzip copies decompressed."""
    for folder in folders:
        for directory, _, names in os.walk(folder, followlinks=True):
            for name in names:
                path = os.path.join(directory, name)
                with open(path, "rb") as file:
                    content = file.read()
                if name.endswith(".gz"):
                    content = gzip.decompress(content)
                yield path, content


class ServerSecrets:
    """The secrets of a freshly seeded database."""

    def __init__(self):
        with tempfile.TemporaryDirectory(prefix="portal-secrets-") as folder:
            path = os.path.join(folder, "portal.sqlite3")
            seeded_database_copy(path)
            connection = sqlite3.connect(path)
            try:
                self.sms_code_key = connection.execute(
                    "SELECT value FROM settings WHERE key = 'sms_code_key'").fetchone()[0]
                self.password_hashes = [row[0] for row in connection.execute(
                    "SELECT password_hash FROM accounts WHERE password_hash IS NOT NULL")]
            finally:
                connection.close()

    def values(self):
        """Return {label: bytes} of the secret values and markers to look for."""
        values = {"SMS code key": self.sms_code_key.encode(),
                  "SMS code key (lower case)": self.sms_code_key.lower().encode(),
                  "demo password": seed.DEMO_PASSWORD.encode()}
        for number, password_hash in enumerate(self.password_hashes):
            values[f"password hash {number}"] = password_hash.encode()
            # The salt and the derived key are base64 parts of the stored hash.
            salt, key = password_hash.split("$")[4:6]
            values[f"password hash {number} salt"] = salt.encode()
            values[f"password hash {number} key"] = key.encode()
        for marker in SECRET_MARKERS:
            values[f"marker {marker.decode()}"] = marker
        return values


class NoSecretsShippedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.secrets = ServerSecrets().values()

    def assert_no_secrets(self, folders):
        scanned = 0
        for path, content in shipped_files(folders):
            scanned += 1
            for label, value in self.secrets.items():
                with self.subTest(file=os.path.relpath(path, REPO_ROOT), secret=label):
                    self.assertNotIn(value, content)
        return scanned

    def test_page_sources_have_no_secrets(self):
        self.assertGreater(self.assert_no_secrets(PAGE_SOURCES), 0)

    def test_web_build_has_no_secrets(self):
        if not os.path.isdir(WEB_BUILD):
            self.skipTest(f"no web build at {WEB_BUILD}; run tools/build.sh web")
        self.assertGreater(self.assert_no_secrets([WEB_BUILD]), 0)

    def test_scan_finds_a_planted_secret(self):
        with tempfile.TemporaryDirectory(prefix="portal-planted-") as folder:
            with open(os.path.join(folder, "portal.js"), "wb") as file:
                file.write(b"var key = '" + self.secrets["SMS code key"] + b"';")
            with gzip.open(os.path.join(folder, "portal.wasm.gz"), "wb") as file:
                file.write(b"\x00asm" + self.secrets["password hash 0"])
            found = {label for path, content in shipped_files([folder])
                     for label, value in self.secrets.items() if value in content}
        self.assertIn("SMS code key", found)
        self.assertIn("password hash 0", found)


if __name__ == "__main__":
    unittest.main()
