"""Content-Security-Policy, frame-ancestors, nosniff and the referrer policy on every kind of
response."""

import base64
import hashlib
import os
import re
import socket
import subprocess
import sys
import unittest

from server import security_headers
from tests.server.live import REPO_ROOT, SERVE_PY
from tests.server.support import PERSON_LOGIN, PortalTestCase

PAGE_STYLE = "\n  body { margin: 0; }\n"
PAGE = ("<!doctype html><html><head><style>" + PAGE_STYLE + "</style></head>"
        "<body><canvas id=\"canvas\"></canvas><script src=\"loader.js\"></script></body></html>")
DEMO_SCRIPT = "\nwindow.Module = {};\n"
DEMO_PAGE = ("<!doctype html><html><head><style>" + PAGE_STYLE + "</style></head>"
             "<body><script>" + DEMO_SCRIPT + "</script></body></html>")
LEGACY_HALL = "https://legacy-hall.example.gov.cn"


def source_hash(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy):
    """Return {directive name: [values]} of a CSP header value."""
    result = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            result[words[0]] = words[1:]
    return result


class PagePolicyTest(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.write_file("index.html", PAGE)
        self.write_file("demo.html", DEMO_PAGE)
        self.write_file("loader.js", "console.log('x');")

    def page_policy(self, path="/"):
        response = self.request("GET", path)
        self.assertEqual(response.status, 200)
        return directives(response.header("Content-Security-Policy"))

    def test_page_allows_scripts_and_wasm_from_self_only(self):
        policy = self.page_policy()
        self.assertEqual(policy["default-src"], ["'none'"])
        self.assertEqual(policy["script-src"], ["'self'", "'wasm-unsafe-eval'"])
        self.assertEqual(policy["connect-src"], ["'self'"])
        self.assertEqual(policy["base-uri"], ["'none'"])
        self.assertEqual(policy["form-action"], ["'none'"])

    def test_page_allows_its_inline_style_by_hash(self):
        policy = self.page_policy()
        self.assertEqual(policy["style-src"], ["'self'", source_hash(PAGE_STYLE)])

    def test_page_policy_has_no_wildcard_or_unsafe_source(self):
        header = self.request("GET", "/").header("Content-Security-Policy")
        for forbidden in ("*", "'unsafe-inline'", "'unsafe-eval'", "http:", "https:"):
            with self.subTest(source=forbidden):
                self.assertNotIn(f" {forbidden}", header)

    def test_inline_script_is_allowed_by_hash(self):
        policy = self.page_policy("/demo.html")
        self.assertEqual(policy["script-src"],
                         ["'self'", "'wasm-unsafe-eval'", source_hash(DEMO_SCRIPT)])

    def test_edited_page_gets_new_hash(self):
        self.page_policy()
        self.write_file("index.html", PAGE.replace("margin: 0", "margin: 1px"))
        policy = self.page_policy()
        self.assertEqual(policy["style-src"],
                         ["'self'", source_hash(PAGE_STYLE.replace("margin: 0", "margin: 1px"))])

    def test_gzip_and_not_modified_pages_carry_policy(self):
        self.write_file("index.html", PAGE + " " * 1024)
        response = self.request("GET", "/", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(response.header("Content-Encoding"), "gzip")
        self.assertIn("'wasm-unsafe-eval'", response.header("Content-Security-Policy"))
        again = self.request("GET", "/", headers={"Accept-Encoding": "gzip",
                                                  "If-None-Match": response.header("ETag")})
        self.assertEqual(again.status, 304)
        self.assertIn("'wasm-unsafe-eval'", again.header("Content-Security-Policy"))

    def test_only_self_may_frame_by_default(self):
        self.assertEqual(self.page_policy()["frame-ancestors"], ["'self'"])

    def test_other_files_allow_nothing(self):
        response = self.request("GET", "/loader.js")
        policy = directives(response.header("Content-Security-Policy"))
        self.assertEqual(policy, {"default-src": ["'none'"], "frame-ancestors": ["'self'"]})


class NginxPolicyTest(unittest.TestCase):
    def test_nginx_sends_the_policy_of_the_page(self):
        with open(os.path.join(REPO_ROOT, "docs", "deploy", "nginx.conf")) as file:
            config = file.read()
        match = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', config)
        self.assertIsNotNone(match, "docs/deploy/nginx.conf sends no Content-Security-Policy")
        expected = security_headers.SecurityPolicies().page_policy(
            os.path.join(REPO_ROOT, "shell", "index.html"))
        self.assertEqual(match.group(1), expected)


class FrameAncestorTest(PortalTestCase):
    def config_options(self):
        return {"frame_ancestors": (LEGACY_HALL,)}

    def test_configured_hosts_may_frame_the_page(self):
        self.write_file("index.html", PAGE)
        policy = directives(self.request("GET", "/").header("Content-Security-Policy"))
        self.assertEqual(policy["frame-ancestors"], ["'self'", LEGACY_HALL])

    def test_api_may_not_be_framed(self):
        policy = directives(self.request("GET", "/api/session").header("Content-Security-Policy"))
        self.assertEqual(policy["frame-ancestors"], ["'none'"])


class OriginCheckTest(unittest.TestCase):
    def test_accepts_origins(self):
        for origin in (LEGACY_HALL, "http://127.0.0.1:8123", "https://[::1]:8443"):
            with self.subTest(origin=origin):
                self.assertEqual(security_headers.check_origin(origin), origin)

    def test_rejects_values_that_are_not_origins(self):
        for value in ("*", "'none'", "https://a.example/path", "https://a.example; script-src *",
                      "https://a.example https://b.example", "javascript:alert(1)",
                      "https://a.example\r\nX-Injected: 1", ""):
            with self.subTest(value=value):
                with self.assertRaises(ValueError):
                    security_headers.check_origin(value)

    def test_serve_rejects_bad_frame_ancestor(self):
        result = subprocess.run(
            [sys.executable, SERVE_PY, "--port", "0", "--frame-ancestor",
             "https://a.example; script-src *"], capture_output=True, text=True, timeout=30)
        self.assertEqual(result.returncode, 2)
        self.assertIn("invalid origin", result.stderr)


class NosniffEverywhereTest(PortalTestCase):
    """Every response carries nosniff and the referrer policy, errors included."""

    def assert_security_headers(self, headers, label):
        with self.subTest(response=label):
            self.assertEqual(headers.get("x-content-type-options"), "nosniff")
            self.assertEqual(headers.get("referrer-policy"), "strict-origin-when-cross-origin")
            self.assertIn("default-src 'none'", headers.get("content-security-policy", ""))

    def test_api_static_and_error_responses(self):
        self.write_file("index.html", PAGE)
        token = self.login()
        responses = {
            "login": self.request("POST", "/api/sessions", body=PERSON_LOGIN),
            "api 401": self.request("GET", "/api/session"),
            "api 200": self.request("GET", "/api/session", token=token),
            "api 404": self.request("GET", "/api/nothing"),
            "api 413": self.request("POST", "/api/sessions", raw=b"x" * (65 * 1024)),
            "page": self.request("GET", "/"),
            "static 404": self.request("GET", "/missing.js"),
            "static 405": self.request("POST", "/index.html", raw=b"{}"),
            "preflight": self.request("OPTIONS", "/api/sessions"),
        }
        for label, response in responses.items():
            self.assert_security_headers(response.headers, label)

    def test_rejected_request_head(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        headers = {}
        for line in head.split("\r\n")[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        self.assertTrue(head.startswith("HTTP/1.1 414"), head)
        self.assert_security_headers(headers, "414")
        self.assertNotRegex(data.decode("latin-1"), re.compile("a{100}"))


if __name__ == "__main__":
    unittest.main()
