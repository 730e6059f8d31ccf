"""The serve.py command: first output line, database creation, logs and shutdown."""

import json
import os
import sqlite3
import subprocess
import sys
import unittest
import urllib.error
import urllib.request

from tests.server.live import SERVE_PY, LiveServer


def post_json(port, path, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                     data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


class ServeCommandTest(unittest.TestCase):
    def test_first_line_names_url_and_server_answers(self):
        with LiveServer() as server:
            self.assertEqual(server.first_line, f"Portal running at http://127.0.0.1:{server.port}/")
            with open(os.path.join(server.web_root, "index.html"), "w") as file:
                file.write("home")
            with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=10) as response:
                self.assertEqual(response.read(), b"home")

    def test_database_is_created_and_seeded(self):
        with LiveServer() as server:
            status, body = post_json(server.port, "/api/sessions",
                                     {"kind": "person", "method": "password",
                                      "account": "linxiaoming", "password": "Demo@2026"})
            self.assertEqual(status, 200)
            self.assertEqual(body["user"]["name"], "林晓明")
            self.assertTrue(os.path.isfile(server.db_path))
            connection = sqlite3.connect(server.db_path)
            mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
            connection.close()
            self.assertEqual(mode, "wal")

    def test_logs_mask_numbers_and_stop_cleanly(self):
        with LiveServer() as server:
            post_json(server.port, "/api/sessions",
                      {"kind": "person", "method": "password",
                       "account": "350102199003071234", "password": "bad"})
            try:
                urllib.request.urlopen(
                    f"http://127.0.0.1:{server.port}/api/x/350102199003071234", timeout=10)
            except urllib.error.HTTPError as error:
                self.assertEqual(error.code, 404)
            self.assertEqual(server.stop(), 0)
            log = "".join(server.stderr_lines)
        self.assertIn("POST /api/sessions 401", log)
        self.assertIn("GET /api/x/3501**********1234 404", log)
        self.assertNotIn("350102199003071234", log)
        self.assertNotIn("13805910001", log)
        self.assertNotIn("Traceback", log)

    def test_busy_port_fails_with_message(self):
        with LiveServer() as first:
            with self.assertRaises(RuntimeError) as raised:
                with LiveServer(port=first.port):
                    pass
        message = str(raised.exception)
        self.assertIn(f"cannot listen on 127.0.0.1 port {first.port}", message)
        self.assertIn("Address already in use", message)
        self.assertNotIn("Traceback", message)


class ReviewCommandTest(unittest.TestCase):
    def review(self, db_path, *arguments):
        environment = dict(os.environ, PORTAL_SCRYPT_N="1024")
        return subprocess.run([sys.executable, SERVE_PY, "review", *arguments, "--db", db_path],
                              capture_output=True, text=True, encoding="utf-8", timeout=30,
                              env=environment)

    def test_list_approve_reject(self):
        with LiveServer() as server:
            db_path = server.db_path
            listed = self.review(db_path, "list")
            self.assertEqual(listed.returncode, 0, listed.stderr)
            lines = listed.stdout.splitlines()
            self.assertEqual(len(lines), 1)
            declaration_id = lines[0].split("\t")[0]
            self.assertIn("3501**********3266", lines[0])
            self.assertNotIn("350122198505093266", lines[0])

            rejected = self.review(db_path, "reject", declaration_id, "--reason", "材料不全")
            self.assertEqual(rejected.returncode, 0, rejected.stderr)
            again = self.review(db_path, "approve", declaration_id)
            self.assertEqual(again.returncode, 1)
            self.assertIn("not pending", again.stderr)
            self.assertEqual(self.review(db_path, "list").stdout, "")

    def test_reject_needs_reason(self):
        with LiveServer() as server:
            result = self.review(server.db_path, "reject", "1")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--reason", result.stderr)

    def test_missing_database(self):
        result = self.review("/nonexistent/portal.sqlite3", "list")
        self.assertEqual(result.returncode, 1)
        self.assertIn("database not found", result.stderr)


if __name__ == "__main__":
    unittest.main()
