"""Limits on the request head and on slow clients: long lines, many headers, stalled and
trickling connections."""

import socket
import time
import unittest

from server import web
from tests.server.support import PERSON_LOGIN, PortalTestCase


def open_socket(port):
    return socket.create_connection(("127.0.0.1", port), timeout=5)


def read_until_closed(sock, seconds):
    """Return (bytes received, True when the server closed the connection within seconds)."""
    sock.settimeout(seconds)
    data = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return data, False
        except ConnectionResetError:
            return data, True
        if not chunk:
            return data, True
        data += chunk
    return data, False


def status_of(response):
    """Return the status code of the first response in raw bytes, or None."""
    line = response.split(b"\r\n", 1)[0].split()
    return int(line[1]) if len(line) >= 2 and line[1].isdigit() else None


class RequestHeadLimitTest(PortalTestCase):
    def send_raw(self, data):
        with open_socket(self.port) as sock:
            sock.sendall(data)
            response, _ = read_until_closed(sock, 5)
        return response

    def assert_server_answers(self):
        self.assertEqual(self.request("GET", "/api/session").status, 401)

    def test_long_request_line_gets_414(self):
        # The standard library allows 64 KiB; this server allows 8 KiB.
        path = "/" + "a" * (10 * 1024)
        response = self.send_raw(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        self.assertEqual(status_of(response), 414, response[:200])
        self.assertIn(b"X-Content-Type-Options: nosniff", response)
        self.assert_server_answers()

    def test_request_line_under_limit_is_served(self):
        path = "/" + "a" * (7 * 1024)
        response = self.send_raw(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                                 .encode())
        self.assertEqual(status_of(response), 404, response[:200])

    def test_long_header_line_gets_431(self):
        header = "X-Padding: " + "b" * (10 * 1024)
        response = self.send_raw(f"GET / HTTP/1.1\r\nHost: x\r\n{header}\r\n\r\n".encode())
        self.assertEqual(status_of(response), 431, response[:200])
        self.assert_server_answers()

    def test_too_many_headers_get_431(self):
        # The standard library allows 100 headers; this server allows 50.
        headers = "".join(f"X-Header-{number}: 1\r\n" for number in range(60))
        response = self.send_raw(f"GET / HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode())
        self.assertEqual(status_of(response), 431, response[:200])
        self.assert_server_answers()

    def test_fifty_headers_are_accepted(self):
        headers = "".join(f"X-Header-{number}: 1\r\n"
                          for number in range(web.MAX_HEADERS - 2))
        response = self.send_raw(
            f"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{headers}\r\n".encode())
        self.assertEqual(status_of(response), 404, response[:200])

    def test_malformed_request_line_gets_400(self):
        response = self.send_raw(b"GET /a b HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(status_of(response), 400, response[:200])
        self.assert_server_answers()

    def test_oversized_body_to_static_path_closes(self):
        response = self.send_raw(b"POST /index.html HTTP/1.1\r\nHost: x\r\n"
                                 b"Content-Length: 10000000\r\n\r\n")
        self.assertEqual(status_of(response), 405, response[:200])
        self.assertIn(b"Connection: close", response)


class SlowClientTest(PortalTestCase):
    """A client that sends its request slowly is cut off after request_timeout seconds."""

    TIMEOUT = 0.5

    def config_options(self):
        return {"request_timeout": self.TIMEOUT}

    def test_idle_connection_is_closed_quietly(self):
        with self.assertNoLogs("portal", "WARNING"):
            with open_socket(self.port) as sock:
                started = time.monotonic()
                _, closed = read_until_closed(sock, 5)
        self.assertTrue(closed, "the server kept an idle connection open for 5 s")
        self.assertLess(time.monotonic() - started, 3)

    def test_keep_alive_connection_serves_several_requests(self):
        with open_socket(self.port) as sock:
            for _ in range(3):
                sock.sendall(b"GET /api/session HTTP/1.1\r\nHost: x\r\n\r\n")
                time.sleep(self.TIMEOUT / 2)
                self.assertIn(b"401", sock.recv(65536).split(b"\r\n", 1)[0])

    def test_stalled_request_head_is_closed(self):
        with open_socket(self.port) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            started = time.monotonic()
            _, closed = read_until_closed(sock, 5)
        self.assertTrue(closed, "the server kept a stalled connection open for 5 s")
        self.assertLess(time.monotonic() - started, 3)

    def test_trickled_request_head_is_closed(self):
        # One byte every 0.1 s never trips the socket timeout; the request deadline ends it.
        with open_socket(self.port) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            started = time.monotonic()
            closed = False
            while time.monotonic() - started < 5:
                try:
                    sock.sendall(b"X")
                except (BrokenPipeError, ConnectionResetError):
                    closed = True
                    break
                _, closed = read_until_closed(sock, 0.1)
                if closed:
                    break
        self.assertTrue(closed, "the server read a trickled request head for 5 s")
        self.assertLess(time.monotonic() - started, 3)

    def test_trickled_body_is_closed_without_dispatch(self):
        with open_socket(self.port) as sock:
            sock.sendall(b"POST /api/sessions HTTP/1.1\r\nHost: x\r\n"
                         b"Content-Type: application/json\r\nContent-Length: 400\r\n\r\n{")
            started = time.monotonic()
            closed = False
            data = b""
            while time.monotonic() - started < 5:
                try:
                    sock.sendall(b" ")
                except (BrokenPipeError, ConnectionResetError):
                    closed = True
                    break
                chunk, closed = read_until_closed(sock, 0.1)
                data += chunk
                if closed:
                    break
        self.assertTrue(closed, "the server read a trickled body for 5 s")
        self.assertEqual(data, b"", "a cut-off body must not be handled")

    def test_other_clients_are_served_while_one_stalls(self):
        with open_socket(self.port) as stalled:
            stalled.sendall(b"GET / HTTP/1.1\r\n")
            response = self.request("POST", "/api/sessions", body=PERSON_LOGIN)
            self.assertEqual(response.status, 200)

    def test_slow_handler_is_not_cut_off(self):
        # The deadline covers reading the request only, so a login whose password check takes
        # longer than request_timeout still gets its response.
        original = self.portal.hasher.verify

        def slow_verify(*arguments):
            time.sleep(self.TIMEOUT * 2)
            return original(*arguments)

        self.portal.hasher.verify = slow_verify
        response = self.request("POST", "/api/sessions", body=PERSON_LOGIN)
        self.assertEqual(response.status, 200)


class ConnectionLimitTest(PortalTestCase):
    def config_options(self):
        return {"max_connections": 3, "request_timeout": 5}

    def test_connections_over_limit_are_closed_unserved(self):
        stalled = [open_socket(self.port) for _ in range(3)]
        try:
            for sock in stalled:
                sock.sendall(b"GET / HTTP/1.1\r\n")
            time.sleep(0.2)
            with open_socket(self.port) as extra:
                extra.sendall(b"GET /api/session HTTP/1.1\r\nHost: x\r\n\r\n")
                response, closed = read_until_closed(extra, 3)
            self.assertTrue(closed)
            self.assertEqual(response, b"")
        finally:
            for sock in stalled:
                sock.close()
        time.sleep(0.2)
        self.assertEqual(self.request("GET", "/api/session").status, 401)


if __name__ == "__main__":
    unittest.main()
