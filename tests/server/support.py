"""Helpers for the server tests: an in-process portal on a free loopback port with a
manual clock, and a small HTTP client."""

import atexit
import http.client
import json
import os
import re
import sqlite3
import shutil
import tempfile
import threading
import unittest

from server import app, db, passwords, seed

# Tests hash with a small scrypt cost so they stay fast; production uses 2**14.
TEST_SCRYPT_N = 2 ** 10
START_TIME = 1_767_225_600  # 2026-01-01T08:00:00+08:00

PERSON_LOGIN = {"kind": "person", "method": "password", "account": "linxiaoming",
                "password": "Demo@2026"}


_template_path = None


def seeded_database_copy(destination):
    """Copy a freshly migrated and seeded database to destination.

    The template is built once per test process, so each test skips the
    migrations and the password hashing of the seed.
    """
    global _template_path
    if _template_path is None:
        folder = tempfile.mkdtemp(prefix="portal-template-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = os.path.join(folder, "template.sqlite3")
        database = db.Database(path)
        database.migrate(seed.DemoSeed(passwords.PasswordHasher(TEST_SCRYPT_N), ManualClock()))
        # Closing the only connection checkpoints the WAL into the main file.
        database.close()
        _template_path = path
    os.makedirs(os.path.dirname(destination), exist_ok=True)
    shutil.copyfile(_template_path, destination)


class ManualClock:
    def __init__(self, now=START_TIME):
        self._now = now

    def now(self):
        return self._now

    def advance(self, seconds):
        self._now += seconds


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        return self.headers.get(name.lower())

    def json(self):
        return json.loads(self.body.decode("utf-8"))


class PortalTestCase(unittest.TestCase):
    """Starts a fresh portal (new database and web root) for every test."""

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="portal-test-")
        self.addCleanup(shutil.rmtree, self.workdir, ignore_errors=True)
        self.web_root = os.path.join(self.workdir, "web")
        os.makedirs(self.web_root)
        self.clock = ManualClock()
        db_path = os.path.join(self.workdir, "var", "portal.sqlite3")
        seeded_database_copy(db_path)
        config = app.Config(host="127.0.0.1", port=0, root=self.web_root, db_path=db_path,
                            scrypt_n=TEST_SCRYPT_N, allowed_origins=self.allowed_origins(),
                            **self.config_options())
        self.server = app.make_server(config, clock=self.clock)
        self.portal = self.server.portal
        thread = threading.Thread(target=self.server.serve_forever,
                                  kwargs={"poll_interval": 0.005}, daemon=True)
        thread.start()
        self.addCleanup(self._stop_server, thread)
        self.port = self.server.server_address[1]

    def allowed_origins(self):
        return ()

    def config_options(self):
        """Return further app.Config fields for this test case's portal."""
        return {}

    def _stop_server(self, thread):
        self.server.shutdown()
        thread.join(5)
        self.server.server_close()
        self.portal.close()

    def write_file(self, relative_path, content):
        path = os.path.join(self.web_root, relative_path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(path, mode) as file:
            file.write(content)
        return path

    def request(self, method, path, body=None, headers=None, raw=None, token=None):
        """Send one request on a new connection; body is encoded as JSON, raw as is."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            all_headers = dict(headers or {})
            payload = raw
            if body is not None:
                payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
                all_headers.setdefault("Content-Type", "application/json")
            if token is not None:
                all_headers["Authorization"] = f"Bearer {token}"
            connection.request(method, path, body=payload, headers=all_headers)
            response = connection.getresponse()
            data = response.read()
            response_headers = {name.lower(): value for name, value in response.getheaders()}
            return Response(response.status, response_headers, data)
        finally:
            connection.close()

    def login(self, credentials=None):
        response = self.request("POST", "/api/sessions", body=credentials or PERSON_LOGIN)
        self.assertEqual(response.status, 200, response.body)
        return response.json()["token"]

    def outbox(self, mobile):
        """Return the messages the development SMS gateway sent to mobile, oldest first,
        read from the database file as an outside test would."""
        connection = sqlite3.connect(self.portal.db.path)
        try:
            rows = connection.execute(
                "SELECT message FROM sms_outbox WHERE mobile = ? ORDER BY id", (mobile,))
            return [row[0] for row in rows]
        finally:
            connection.close()

    def sms_code(self, mobile):
        """Return the 6-digit code of the latest SMS to mobile."""
        messages = self.outbox(mobile)
        self.assertTrue(messages, f"no SMS sent to {mobile}")
        return re.search(r"验证码为(\d{6})", messages[-1]).group(1)

    def request_sms_code(self, mobile, purpose="login"):
        response = self.request("POST", "/api/sms-codes",
                                body={"mobile": mobile, "purpose": purpose})
        self.assertEqual(response.status, 200, response.body)
        return self.sms_code(mobile)

    def sync_agents(self, legal_person_username="chenjianhua"):
        """Run the legal person's agent sync directly and return {name: initial password}."""
        from server import agents
        with self.portal.db.read() as connection:
            legal_person = connection.execute(
                "SELECT * FROM accounts WHERE kind = 'legal_person' AND username = ?",
                (legal_person_username,)).fetchone()
        results = agents.sync_agents(self.portal, legal_person["unit_id"], legal_person["id"])
        passwords = {}
        for result in results:
            with self.portal.db.read() as connection:
                mobile = connection.execute(
                    "SELECT mobile FROM accounts WHERE kind = 'agent' AND username = ?",
                    (result["username"],)).fetchone()[0]
            message = self.outbox(mobile)[-1]
            passwords[result["name"]] = re.search(r"初始密码(\S+?)，", message).group(1)
        return results, passwords

    def assertError(self, response, status, code):
        """Assert the contract's error shape: status, code and a non-empty Chinese message."""
        self.assertEqual(response.status, status, response.body)
        self.assertTrue(response.header("Content-Type").startswith("application/json"))
        error = response.json()["error"]
        self.assertEqual(error["code"], code)
        self.assertTrue(any("\u4e00" <= char <= "\u9fff" for char in error["message"]),
                        error["message"])
        return error
