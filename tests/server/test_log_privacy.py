"""No personal data in the server log: requests that carry ID-card and mobile numbers, names,
passwords, SMS codes and tokens in paths, query strings, bodies and headers, and a crash."""

import logging
import re
import socket
import time
import unittest
import urllib.parse
from unittest import mock

from server import auth
from tests.server.live import LiveServer
from tests.server.test_declarations import DeclarationTestCase

# Numbers and names of a demo person and of the people the test registers and declares.
ID_NUMBER = "350102199003071234"
MOBILE = "13805910001"
NEW_ID_NUMBER = "350205199106114174"
NEW_NAME = "张国栋"
NEW_MOBILE = "13805918888"
REGISTERED_ID = "350121198804305170"
REGISTERED_NAME = "张三"


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


class LogPrivacyTest(DeclarationTestCase):
    """Runs the flows that handle personal data with every portal logger at DEBUG."""

    def setUp(self):
        self.capture = _Capture()
        self.capture.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        logger = logging.getLogger("portal")
        previous_level = logger.level
        logger.addHandler(self.capture)
        logger.setLevel(logging.DEBUG)
        self.addCleanup(logger.setLevel, previous_level)
        self.addCleanup(logger.removeHandler, self.capture)
        super().setUp()
        self.secrets = {"ID-card number": ID_NUMBER, "mobile number": MOBILE,
                        "new ID-card number": NEW_ID_NUMBER, "new mobile number": NEW_MOBILE,
                        "registered ID-card number": REGISTERED_ID, "name": "林晓明",
                        "declared name": NEW_NAME, "registered name": REGISTERED_NAME,
                        "demo password": "Demo@2026", "agent password": "Agent@2026",
                        "new password": "Zhang@2026", "agent token": self.token}

    def log_text(self):
        # Request lines are logged after the response is sent, so let the handlers finish.
        time.sleep(0.2)
        return "\n".join(self.capture.lines)

    def run_flows(self):
        person_token = self.login()
        self.secrets["person token"] = person_token
        self.request("GET", f"/api/persons/{ID_NUMBER}?mobile={MOBILE}"
                            f"&name={urllib.parse.quote('林晓明')}")
        self.request("POST", "/api/sessions", body={
            "kind": "person", "method": "password", "account": ID_NUMBER,
            "password": "Wrong@2026"})

        code = self.request_sms_code(NEW_MOBILE, "register")
        self.secrets["register SMS code"] = code
        response = self.request("POST", "/api/persons", body={
            "username": "zhangsan01", "name": REGISTERED_NAME, "idCardNumber": REGISTERED_ID,
            "mobile": NEW_MOBILE, "smsCode": code, "password": "Zhang@2026"})
        self.assertEqual(response.status, 201, response.body)

        login_code = self.request_sms_code(MOBILE)
        self.secrets["login SMS code"] = login_code
        response = self.request("POST", "/api/sessions", body={
            "kind": "person", "method": "sms", "mobile": MOBILE, "smsCode": login_code})
        self.assertEqual(response.status, 200, response.body)

        response = self.declare(self.addition(name=NEW_NAME, idCardNumber=NEW_ID_NUMBER))
        self.assertEqual(response.status, 201, response.body)
        query = urllib.parse.urlencode({"name": NEW_NAME, "idCardNumber": NEW_ID_NUMBER})
        self.request("GET", f"/api/declarations?{query}", token=self.token)
        self.request("GET", f"/api/staff?name={urllib.parse.quote(NEW_NAME)}", token=self.token)

        # Rejected request heads: an over-long line and a malformed one.
        for raw in (f"GET /{ID_NUMBER}{'a' * 9000} HTTP/1.1\r\n\r\n",
                    f"GET /{MOBILE} x HTTP/1.1\r\nX-Name: {NEW_NAME}\r\n\r\n"):
            with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
                sock.sendall(raw.encode())
                while sock.recv(65536):
                    pass

        with mock.patch.object(auth.Authenticator, "check_password",
                               side_effect=RuntimeError(f"check failed for {ID_NUMBER}")):
            self.request("POST", "/api/sessions", body={
                "kind": "person", "method": "password", "account": ID_NUMBER,
                "password": "Demo@2026"})

    def test_log_has_no_personal_data(self):
        self.run_flows()
        self.secrets["agent initial password"] = self.initial_agent_password()
        text = self.log_text()
        self.assertIn("POST /api/declarations 201", text)
        for name in ("林晓明", NEW_NAME, REGISTERED_NAME):
            self.secrets[f"percent-encoded {name}"] = urllib.parse.quote(name)
        for label, value in self.secrets.items():
            with self.subTest(secret=label):
                self.assertNotIn(value, text)

    def test_crash_is_logged_with_masked_numbers(self):
        self.run_flows()
        text = self.log_text()
        self.assertIn("RuntimeError", text)
        self.assertIn("3501**********1234", text)

    def initial_agent_password(self):
        messages = self.outbox("13805913001")
        return re.search(r"初始密码(\S+?)，", messages[0]).group(1)


class ServeCommandLogTest(unittest.TestCase):
    """serve.py's standard error, where the standard library's own messages would also go."""

    def test_stderr_has_no_personal_data(self):
        with LiveServer() as server:
            for raw in (f"GET /api/persons/{ID_NUMBER}?mobile={MOBILE} HTTP/1.1\r\n"
                        "Connection: close\r\n\r\n",
                        f"GET /{ID_NUMBER}{'a' * 9000} HTTP/1.1\r\n\r\n",
                        f"GET /{MOBILE} x HTTP/1.1\r\n\r\n",
                        f"BREW /{ID_NUMBER} HTTP/1.1\r\nConnection: close\r\n\r\n",
                        "POST /api/sessions HTTP/1.1\r\nContent-Length: 200\r\n\r\n"
                        f'{{"kind":"person","method":"password","account":"{ID_NUMBER}"'):
                with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
                    sock.sendall(raw.encode())
                    sock.shutdown(socket.SHUT_WR)
                    while sock.recv(65536):
                        pass
            time.sleep(0.3)
        text = "".join(server.stderr_lines)
        self.assertIn("request rejected with status 414", text)
        self.assertNotIn(ID_NUMBER, text)
        self.assertNotIn(MOBILE, text)
        self.assertNotIn("Traceback", text)


if __name__ == "__main__":
    unittest.main()
