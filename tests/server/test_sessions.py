"""Person password login, the lockout, session expiry, logout and bad input."""

import hashlib
import re
import threading
import time
import unittest
from unittest import mock

from server import auth, passwords
from tests.server.support import PERSON_LOGIN, PortalTestCase


def person_login(account, password):
    return {"kind": "person", "method": "password", "account": account, "password": password}


class PersonLoginTest(PortalTestCase):
    def test_login_returns_token_and_user(self):
        response = self.request("POST", "/api/sessions", body=PERSON_LOGIN)
        self.assertEqual(response.status, 200)
        body = response.json()
        self.assertEqual(set(body), {"token", "expiresInSeconds", "user"})
        self.assertRegex(body["token"], r"^[A-Za-z0-9_-]{40,}$")
        self.assertEqual(body["expiresInSeconds"], 1800)
        self.assertEqual(body["user"], {"kind": "person", "name": "林晓明",
                                        "account": "linxiaoming"})

    def test_login_body_is_compact_utf8_json(self):
        response = self.request("POST", "/api/sessions", body=PERSON_LOGIN)
        self.assertEqual(response.header("Content-Type"), "application/json; charset=utf-8")
        self.assertEqual(response.header("Cache-Control"), "no-store")
        self.assertRegex(response.body.decode("utf-8"),
                         r'^\{"token":"[^"]+","expiresInSeconds":1800,"user":\{"kind":"person",'
                         r'"name":"林晓明","account":"linxiaoming"\}\}$')

    def test_login_by_id_card_number(self):
        for account in ("350102199003071234", " 350102199003071234 "):
            with self.subTest(account=account):
                response = self.request("POST", "/api/sessions",
                                        body=person_login(account, "Demo@2026"))
                self.assertEqual(response.status, 200, response.body)
                self.assertEqual(response.json()["user"]["account"], "linxiaoming")

    def test_login_by_mobile(self):
        response = self.request("POST", "/api/sessions",
                                body=person_login("13805910001", "Demo@2026"))
        self.assertEqual(response.status, 200, response.body)

    def test_password_is_not_trimmed(self):
        response = self.request("POST", "/api/sessions",
                                body=person_login("linxiaoming", " Demo@2026"))
        self.assertError(response, 401, "invalid_credentials")

    def test_wrong_password_reports_attempts_left(self):
        response = self.request("POST", "/api/sessions",
                                body=person_login("linxiaoming", "Wrong@2026"))
        error = self.assertError(response, 401, "invalid_credentials")
        self.assertEqual(error["remainingAttempts"], 4)
        self.assertIn("还可尝试4次", error["message"])
        self.assertIn("锁定30分钟", error["message"])

    def test_unknown_account_answers_like_wrong_password(self):
        known = self.request("POST", "/api/sessions",
                             body=person_login("linxiaoming", "Wrong@2026")).json()
        unknown = self.request("POST", "/api/sessions",
                               body=person_login("nobody", "Wrong@2026")).json()
        self.assertEqual(known, unknown)

    def test_unknown_account_runs_scrypt(self):
        with mock.patch.object(passwords.hashlib, "scrypt",
                               wraps=passwords.hashlib.scrypt) as scrypt:
            response = self.request("POST", "/api/sessions",
                                    body=person_login("nobody", "Wrong@2026"))
        self.assertEqual(response.status, 401)
        self.assertEqual(scrypt.call_count, 1)

    def test_success_resets_failure_count(self):
        for _ in range(3):
            self.request("POST", "/api/sessions", body=person_login("linxiaoming", "bad"))
        self.login()
        response = self.request("POST", "/api/sessions", body=person_login("linxiaoming", "bad"))
        self.assertEqual(response.json()["error"]["remainingAttempts"], 4)

    def test_concurrent_logins_all_succeed(self):
        statuses = []

        def login():
            statuses.append(self.request("POST", "/api/sessions", body=PERSON_LOGIN).status)

        threads = [threading.Thread(target=login) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        self.assertEqual(statuses, [200] * 8)


class LockoutTest(PortalTestCase):
    def fail(self, account="linxiaoming", times=1):
        response = None
        for _ in range(times):
            response = self.request("POST", "/api/sessions", body=person_login(account, "bad"))
        return response

    def test_fifth_failure_locks_account(self):
        remaining = [self.fail().json()["error"]["remainingAttempts"] for _ in range(4)]
        self.assertEqual(remaining, [4, 3, 2, 1])
        error = self.assertError(self.fail(), 423, "account_locked")
        # START_TIME is 08:00 China time, so the lock lasts until 08:30.
        self.assertEqual(error["lockedUntil"], "2026-01-01T08:30:00+08:00")
        self.assertIn("08:30", error["message"])

    def test_locked_account_rejects_right_password(self):
        self.fail(times=5)
        self.clock.advance(29 * 60)
        response = self.request("POST", "/api/sessions", body=PERSON_LOGIN)
        error = self.assertError(response, 423, "account_locked")
        self.assertEqual(error["lockedUntil"], "2026-01-01T08:30:00+08:00")

    def test_lock_is_shared_by_all_identifiers(self):
        self.fail(times=5)
        response = self.request("POST", "/api/sessions",
                                body=person_login("13805910001", "Demo@2026"))
        self.assertError(response, 423, "account_locked")

    def test_lock_ends_after_30_minutes(self):
        self.fail(times=5)
        self.clock.advance(30 * 60)
        response = self.request("POST", "/api/sessions", body=PERSON_LOGIN)
        self.assertEqual(response.status, 200, response.body)

    def test_failures_start_over_after_lock(self):
        self.fail(times=5)
        self.clock.advance(30 * 60)
        self.assertEqual(self.fail().json()["error"]["remainingAttempts"], 4)

    def test_unknown_account_locks_too(self):
        self.fail("nobody", times=4)
        self.assertError(self.fail("nobody"), 423, "account_locked")

    def test_lock_message_names_date_on_next_day(self):
        self.clock.advance(15 * 3600 + 50 * 60)  # 23:50 China time
        error = self.fail(times=5).json()["error"]
        self.assertEqual(error["lockedUntil"], "2026-01-02T00:20:00+08:00")
        self.assertIn("1月2日 00:20", error["message"])

    def test_lock_is_audited_without_numbers(self):
        self.fail(times=5)
        with self.portal.db.read() as connection:
            rows = connection.execute("SELECT action, detail FROM audit_log").fetchall()
        self.assertIn("account_locked", [row["action"] for row in rows])
        for row in rows:
            self.assertNotRegex(row["detail"], r"\d{11}")


class SessionTest(PortalTestCase):
    def test_session_returns_user(self):
        token = self.login()
        response = self.request("GET", "/api/session", token=token)
        self.assertEqual(response.status, 200)
        self.assertEqual(response.json(), {
            "user": {"kind": "person", "name": "林晓明", "account": "linxiaoming"},
            "expiresInSeconds": 1800})

    def test_missing_token_is_unauthenticated(self):
        error = self.assertError(self.request("GET", "/api/session"), 401, "unauthenticated")
        self.assertEqual(error["message"], "登录已失效，请重新登录")

    def test_unknown_token_is_unauthenticated(self):
        self.assertError(self.request("GET", "/api/session", token="not-a-token"), 401,
                         "unauthenticated")

    def test_malformed_authorization_is_unauthenticated(self):
        token = self.login()
        for header in (token, f"Basic {token}", "Bearer", "Bearer " + "x" * 500):
            with self.subTest(header=header[:20]):
                response = self.request("GET", "/api/session",
                                        headers={"Authorization": header})
                self.assertError(response, 401, "unauthenticated")

    def test_session_expires_after_30_idle_minutes(self):
        token = self.login()
        self.clock.advance(1800)
        self.assertError(self.request("GET", "/api/session", token=token), 401,
                         "unauthenticated")

    def test_activity_extends_session(self):
        token = self.login()
        self.clock.advance(1700)
        self.assertEqual(self.request("GET", "/api/session", token=token).status, 200)
        self.clock.advance(1700)
        response = self.request("GET", "/api/session", token=token)
        self.assertEqual(response.status, 200)
        self.assertEqual(response.json()["expiresInSeconds"], 1800)

    def test_logout_ends_session(self):
        token = self.login()
        response = self.request("DELETE", "/api/session", token=token)
        self.assertEqual(response.status, 200)
        self.assertEqual(response.json(), {"ok": True})
        self.assertError(self.request("GET", "/api/session", token=token), 401,
                         "unauthenticated")

    def test_logout_without_session_is_ok(self):
        response = self.request("DELETE", "/api/session")
        self.assertEqual(response.status, 200)
        self.assertEqual(response.json(), {"ok": True})

    def test_logout_leaves_other_sessions(self):
        first = self.login()
        second = self.login()
        self.request("DELETE", "/api/session", token=first)
        self.assertEqual(self.request("GET", "/api/session", token=second).status, 200)

    def test_store_keeps_only_token_digest(self):
        token = self.login()
        with self.portal.db.read() as connection:
            digests = [row[0] for row in
                       connection.execute("SELECT token_digest FROM sessions").fetchall()]
        self.assertEqual(digests, [hashlib.sha256(token.encode()).hexdigest()])
        with open(self.portal.db.path, "rb") as file:
            self.assertNotIn(token.encode(), file.read())


class BadInputTest(PortalTestCase):
    def post(self, body=None, raw=None, headers=None):
        return self.request("POST", "/api/sessions", body=body, raw=raw, headers=headers)

    def test_missing_fields_are_named(self):
        for field in ("kind", "method", "account", "password"):
            with self.subTest(field=field):
                body = dict(PERSON_LOGIN)
                del body[field]
                error = self.assertError(self.post(body), 400, "invalid_request")
                self.assertEqual(error["field"], field)
                self.assertIn(field, error["message"])
                self.assertIn("请填写", error["message"])

    def test_blank_fields_are_named(self):
        for field in ("account", "password"):
            with self.subTest(field=field):
                error = self.assertError(self.post(dict(PERSON_LOGIN, **{field: "  "})), 400,
                                         "invalid_request")
                self.assertEqual(error["field"], field)

    def test_wrong_types_are_rejected(self):
        for field, value in (("account", 123), ("password", None), ("password", ["x"]),
                             ("kind", {"a": 1}), ("account", True)):
            with self.subTest(field=field, value=value):
                body = dict(PERSON_LOGIN, **{field: value})
                error = self.assertError(self.post(body), 400, "invalid_request")
                self.assertEqual(error["field"], field)

    def test_unknown_kind_is_rejected(self):
        error = self.assertError(self.post(dict(PERSON_LOGIN, kind="admin")), 400,
                                 "invalid_request")
        self.assertEqual(error["field"], "kind")

    def test_unknown_method_is_rejected(self):
        error = self.assertError(self.post(dict(PERSON_LOGIN, method="fingerprint")), 400,
                                 "invalid_request")
        self.assertEqual(error["field"], "method")

    def test_body_not_json(self):
        for raw in (b"kind=person", b"{", b"\xff\xfe{}", b'{"kind": "person",}'):
            with self.subTest(raw=raw):
                self.assertError(self.post(raw=raw), 400, "invalid_json")

    def test_body_not_object(self):
        for raw in (b"[]", b'"person"', b"42", b"null"):
            with self.subTest(raw=raw):
                self.assertError(self.post(raw=raw), 400, "invalid_json")

    def test_empty_body(self):
        self.assertError(self.post(raw=b""), 400, "invalid_request")

    def test_body_over_64_kib(self):
        raw = b'{"kind":"' + b"x" * (64 * 1024) + b'"}'
        self.assertError(self.post(raw=raw), 413, "payload_too_large")

    def test_body_of_64_kib_is_read(self):
        padding = "x" * (64 * 1024 - 200)
        body = dict(PERSON_LOGIN, padding=padding)
        raw = __import__("json").dumps(body).encode()
        self.assertLessEqual(len(raw), 64 * 1024)
        self.assertEqual(self.post(raw=raw).status, 200)

    def test_overlong_field_is_rejected(self):
        error = self.assertError(self.post(dict(PERSON_LOGIN, account="a" * 201)), 400,
                                 "invalid_request")
        self.assertEqual(error["field"], "account")

    def test_unknown_route(self):
        self.assertError(self.request("GET", "/api/nothing-here"), 404, "not_found")
        self.assertError(self.request("GET", "/api"), 404, "not_found")

    def test_wrong_method(self):
        response = self.request("PUT", "/api/sessions", body={})
        self.assertError(response, 405, "method_not_allowed")
        self.assertEqual(response.header("Allow"), "POST")
        response = self.request("POST", "/api/session", body={})
        self.assertEqual(response.header("Allow"), "DELETE, GET")

    def test_head_on_api_has_no_body(self):
        response = self.request("HEAD", "/api/session")
        self.assertEqual(response.status, 405)
        self.assertEqual(response.body, b"")

    def test_chunked_body_is_rejected(self):
        response = self.request("POST", "/api/sessions", raw=iter([b'{"kind":"person"}']),
                                headers={"Transfer-Encoding": "chunked"})
        self.assertError(response, 411, "length_required")

    def test_handler_crash_returns_internal_error(self):
        with mock.patch.object(auth.Authenticator, "check_password",
                               side_effect=RuntimeError("boom")):
            with self.assertLogs("portal.http", "ERROR"):
                response = self.post(PERSON_LOGIN)
        error = self.assertError(response, 500, "internal_error")
        self.assertNotIn("Traceback", response.body.decode())
        self.assertNotIn("boom", error["message"])


class CorsTest(PortalTestCase):
    def allowed_origins(self):
        return ("http://127.0.0.1:5173",)

    def test_allowed_origin_is_echoed_without_credentials(self):
        response = self.request("POST", "/api/sessions", body=PERSON_LOGIN,
                                headers={"Origin": "http://127.0.0.1:5173"})
        self.assertEqual(response.header("Access-Control-Allow-Origin"), "http://127.0.0.1:5173")
        self.assertIsNone(response.header("Access-Control-Allow-Credentials"))

    def test_other_origin_gets_no_cors_header(self):
        response = self.request("POST", "/api/sessions", body=PERSON_LOGIN,
                                headers={"Origin": "http://evil.example"})
        self.assertIsNone(response.header("Access-Control-Allow-Origin"))

    def test_preflight_lists_headers(self):
        response = self.request("OPTIONS", "/api/sessions",
                                headers={"Origin": "http://127.0.0.1:5173",
                                         "Access-Control-Request-Method": "POST"})
        self.assertEqual(response.status, 204)
        self.assertIn("Authorization", response.header("Access-Control-Allow-Headers"))
        self.assertIn("Idempotency-Key", response.header("Access-Control-Allow-Headers"))


class LoggingTest(PortalTestCase):
    def test_request_line_masks_personal_numbers(self):
        with self.assertLogs("portal.http", "INFO") as logs:
            self.request("GET", "/api/persons/350102199003071234?mobile=13805910001")
            self.request("GET", "/downloads/13805910001.pdf")
            # The server logs a request after sending its response, so wait for both lines.
            deadline = time.monotonic() + 5
            while len(logs.output) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
        joined = "\n".join(logs.output)
        self.assertNotIn("350102199003071234", joined)
        self.assertNotIn("13805910001", joined)
        self.assertIn("3501**********1234", joined)
        self.assertIn("138****0001", joined)
        self.assertTrue(re.search(r"GET /api/persons/3501\*+1234 404 \d+\.\dms", joined), joined)


if __name__ == "__main__":
    unittest.main()
