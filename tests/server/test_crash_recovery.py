"""No declaration lost or doubled: serve.py is killed with SIGKILL while agents submit staff
additions, restarted on the same database, and every submission without a response is sent
again with its Idempotency-Key. Concurrent submissions from several sessions, the same key
included, leave one declaration each."""

import datetime
import http.client
import json
import os
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
import unittest

from server import agents, app, identifiers
from tests.server.live import LiveServer
from tests.server.support import TEST_SCRYPT_N, seeded_database_copy

AGENT_ACCOUNT = "ma2y3k7d01"  # 王志强 of the Fuzhou unit, after the agent sync
AGENT_PASSWORD = "Agent@2026"
SUBMISSIONS = 80
SESSIONS = 4
# Submissions whose client stops listening once the request is sent. The test waits until
# they are stored before the kill, so they are always stored but unanswered.
ABANDONED = 3
# The server is killed once this many submissions have been acknowledged.
KILL_AFTER_ACKNOWLEDGED = 25


def id_card_number(index):
    """Return a valid Fuzhou ID-card number of a person born on day index after 1990-01-01."""
    birth = datetime.date(1990, 1, 1) + datetime.timedelta(days=index)
    first17 = f"350102{birth:%Y%m%d}{500 + index % 400:03d}"
    return first17 + identifiers.id_card_check_char(first17)


def addition(index):
    return {"kind": "addition", "insuranceTypes": ["pension"],
            "idCardNumber": id_card_number(index),
            "name": "测试" + chr(0x4E00 + index), "contributionBase": 6000,
            "startMonth": "2026-01"}


def prepare_agent(db_path, web_root):
    """Sync the seeded unit's agents, give 王志强 a known password and open pension and work
    injury for him, directly on the database as the legal person and the agent would."""
    config = app.Config(root=web_root, db_path=db_path, scrypt_n=TEST_SCRYPT_N)
    portal = app.Portal(config)
    try:
        with portal.db.read() as connection:
            legal_person = connection.execute(
                "SELECT * FROM accounts WHERE kind = 'legal_person' AND username = 'chenjianhua'"
            ).fetchone()
        agents.sync_agents(portal, legal_person["unit_id"], legal_person["id"])
        password_hash = portal.hasher.hash(AGENT_PASSWORD)
        now = portal.clock.now()
        with portal.db.transaction() as connection:
            agent_id = connection.execute(
                "SELECT id FROM accounts WHERE kind = 'agent' AND username = ?",
                (AGENT_ACCOUNT,)).fetchone()[0]
            connection.execute(
                "UPDATE accounts SET password_hash = ?, must_set_password = 0 WHERE id = ?",
                (password_hash, agent_id))
            for insurance_type in ("pension", "work_injury"):
                connection.execute(
                    "INSERT INTO agent_insurance_types (account_id, insurance_type, opened_at)"
                    " VALUES (?, ?, ?)", (agent_id, insurance_type, now))
    finally:
        portal.close()
    return agent_id


class Outcome:
    """What the client learned about one submission."""

    def __init__(self):
        self.status = None
        self.body = None
        self.replayed = False


def call(port, method, path, body=None, headers=None, token=None):
    """Send one request; return (status, JSON body, headers), or None when no response came."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    all_headers = dict(headers or {})
    payload = None
    if body is not None:
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        all_headers["Content-Type"] = "application/json"
    if token is not None:
        all_headers["Authorization"] = f"Bearer {token}"
    try:
        connection.request(method, path, body=payload, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        return response.status, json.loads(data), dict(response.getheaders())
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


class LiveDatabaseTestCase(unittest.TestCase):
    """A seeded database with a ready agent, and serve.py processes started on it."""

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="portal-crash-")
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.db_path = os.path.join(self.folder, "portal.sqlite3")
        self.web_root = os.path.join(self.folder, "web")
        os.makedirs(self.web_root)
        seeded_database_copy(self.db_path)
        self.agent_id = prepare_agent(self.db_path, self.web_root)

    def start_server(self):
        server = LiveServer(web_root=self.web_root, db_path=self.db_path)
        server.__enter__()
        self.addCleanup(server.__exit__, None, None, None)
        return server

    def sign_in(self, port):
        result = call(port, "POST", "/api/sessions", body={
            "kind": "agent", "method": "password", "account": AGENT_ACCOUNT,
            "password": AGENT_PASSWORD})
        self.assertIsNotNone(result)
        self.assertEqual(result[0], 200, result[1])
        return result[1]["token"]

    def query(self, sql, parameters=()):
        connection = sqlite3.connect(self.db_path)
        try:
            return connection.execute(sql, parameters).fetchall()
        finally:
            connection.close()

    def assert_database_consistent(self):
        self.assertEqual(self.query("PRAGMA integrity_check"), [("ok",)])
        self.assertEqual(self.query("PRAGMA foreign_key_check"), [])


class KilledServerTest(LiveDatabaseTestCase):
    def submit(self, port, token, index, outcome):
        result = call(port, "POST", "/api/declarations", body=addition(index),
                      headers={"Idempotency-Key": f"crash-test-{index}"}, token=token)
        if result is None:
            return False
        outcome.status, outcome.body, headers = result
        outcome.replayed = headers.get("Idempotent-Replayed") == "true"
        return True

    def abandon(self, port, token, index):
        """Send a submission and return its socket without reading the response."""
        payload = json.dumps(addition(index), ensure_ascii=False).encode("utf-8")
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.addCleanup(sock.close)
        sock.sendall(b"POST /api/declarations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     + f"Authorization: Bearer {token}\r\nIdempotency-Key: crash-test-{index}"
                       f"\r\nContent-Type: application/json\r\n"
                       f"Content-Length: {len(payload)}\r\n\r\n".encode() + payload)
        return sock

    def wait_until_stored(self, indices, seconds=10):
        numbers = {id_card_number(index) for index in indices}
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            stored = {row[0] for row in self.query("SELECT id_card_number FROM declarations")}
            if numbers <= stored:
                return
            time.sleep(0.01)
        self.fail(f"abandoned submissions not stored within {seconds} s")

    def test_sigkill_during_submissions_loses_and_doubles_nothing(self):
        server = self.start_server()
        tokens = [self.sign_in(server.port) for _ in range(SESSIONS)]
        total = SUBMISSIONS + ABANDONED
        abandoned = range(SUBMISSIONS, total)
        outcomes = [Outcome() for _ in range(total)]
        acknowledged = []
        lock = threading.Lock()

        def worker(session):
            for index in range(session, SUBMISSIONS, SESSIONS):
                if self.submit(server.port, tokens[session], index, outcomes[index]):
                    with lock:
                        acknowledged.append(index)

        threads = [threading.Thread(target=worker, args=(session,))
                   for session in range(SESSIONS)]
        for thread in threads:
            thread.start()
        for index in abandoned:
            self.abandon(server.port, tokens[index % SESSIONS], index)
        self.wait_until_stored(abandoned)
        deadline = time.monotonic() + 20
        while len(acknowledged) < KILL_AFTER_ACKNOWLEDGED and time.monotonic() < deadline:
            time.sleep(0.001)
        server.process.kill()
        server.process.wait(10)
        for thread in threads:
            thread.join(30)
        self.assertEqual(server.process.returncode, -9)

        before_restart = {index: outcomes[index].body for index in acknowledged}
        unanswered = [index for index in range(total) if outcomes[index].status is None]
        self.assertGreaterEqual(len(before_restart), KILL_AFTER_ACKNOWLEDGED)
        self.assertTrue(unanswered, "the server was killed after the last submission")
        for index in before_restart:
            self.assertEqual(outcomes[index].status, 201, outcomes[index].body)

        # The client retries every submission whose outcome it did not receive, with the same
        # key and body. Sessions are stored in the database, so the tokens still work.
        restarted = self.start_server()
        for index in unanswered:
            token = tokens[index % SESSIONS]
            self.assertTrue(self.submit(restarted.port, token, index, outcomes[index]))
            self.assertEqual(outcomes[index].status, 201, outcomes[index].body)
        # Submissions stored before the kill whose response never arrived come back replayed:
        # the abandoned ones always, and any that were in flight when the kill came.
        for index in abandoned:
            self.assertTrue(outcomes[index].replayed, f"submission {index} was stored twice")

        # An acknowledged submission sent again gets the stored response and is not stored again.
        for index in list(before_restart)[:5]:
            again = Outcome()
            self.assertTrue(self.submit(restarted.port, tokens[0], index, again))
            self.assertTrue(again.replayed)
            self.assertEqual(again.body, before_restart[index])

        restarted.stop()
        self.assert_database_consistent()
        stored = {row[0]: row for row in self.query(
            "SELECT id_card_number, id, COUNT(*) FROM declarations WHERE agent_account_id = ?"
            " GROUP BY id_card_number", (self.agent_id,))}
        self.assertEqual(len(stored), total)
        for index, outcome in enumerate(outcomes):
            number = id_card_number(index)
            with self.subTest(submission=index):
                self.assertIn(number, stored)
                self.assertEqual(stored[number][2], 1, "declaration stored more than once")
                self.assertEqual(outcome.body["declarations"][0]["id"], stored[number][1])
        keys = self.query("SELECT COUNT(*) FROM idempotency_keys WHERE account_id = ?",
                          (self.agent_id,))
        self.assertEqual(keys, [(total,)])
        audited = self.query("SELECT COUNT(*) FROM audit_log WHERE account_id = ?"
                             " AND action = 'declaration_created'", (self.agent_id,))
        self.assertEqual(audited, [(total,)])


class ConcurrentSubmissionTest(LiveDatabaseTestCase):
    def submit_concurrently(self, port, requests):
        """Send requests [(token, key, body)] at once; return their results in order."""
        results = [None] * len(requests)
        start = threading.Barrier(len(requests))

        def send(position, token, key, body):
            start.wait(10)
            results[position] = call(port, "POST", "/api/declarations", body=body,
                                     headers={"Idempotency-Key": key}, token=token)

        threads = [threading.Thread(target=send, args=(position, *request))
                   for position, request in enumerate(requests)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        return results

    def declarations_of(self, number):
        return self.query("SELECT id FROM declarations WHERE id_card_number = ?", (number,))

    def test_same_key_from_several_sessions_stores_once(self):
        server = self.start_server()
        tokens = [self.sign_in(server.port) for _ in range(SESSIONS)]
        requests = [(tokens[position % SESSIONS], "same-key", addition(1))
                    for position in range(8)]
        results = self.submit_concurrently(server.port, requests)
        self.assertTrue(all(result is not None for result in results))
        self.assertEqual([result[0] for result in results], [201] * 8)
        bodies = {json.dumps(result[1], sort_keys=True) for result in results}
        self.assertEqual(len(bodies), 1, "replays must return the first response")
        replayed = [result[2].get("Idempotent-Replayed") for result in results]
        self.assertEqual(replayed.count("true"), 7)
        self.assertEqual(len(self.declarations_of(id_card_number(1))), 1)
        self.assert_database_consistent()

    def test_same_person_under_different_keys_stores_once(self):
        server = self.start_server()
        tokens = [self.sign_in(server.port) for _ in range(SESSIONS)]
        requests = [(tokens[position % SESSIONS], f"key-{position}", addition(2))
                    for position in range(8)]
        results = self.submit_concurrently(server.port, requests)
        statuses = sorted(result[0] for result in results)
        self.assertEqual(statuses, [201] + [409] * 7)
        for result in results:
            if result[0] == 409:
                self.assertEqual(result[1]["error"]["code"], "declaration_pending")
        self.assertEqual(len(self.declarations_of(id_card_number(2))), 1)
        self.assert_database_consistent()

    def test_sessions_submitting_different_people_all_succeed(self):
        server = self.start_server()
        tokens = [self.sign_in(server.port) for _ in range(SESSIONS)]
        requests = [(tokens[index % SESSIONS], f"person-{index}", addition(index))
                    for index in range(100, 124)]
        results = self.submit_concurrently(server.port, requests)
        self.assertEqual([result[0] for result in results], [201] * len(requests))
        ids = [result[1]["declarations"][0]["id"] for result in results]
        self.assertEqual(len(set(ids)), len(ids))
        stored = self.query("SELECT COUNT(*) FROM declarations WHERE agent_account_id = ?",
                            (self.agent_id,))
        self.assertEqual(stored, [(len(requests),)])
        self.assert_database_consistent()


if __name__ == "__main__":
    unittest.main()
