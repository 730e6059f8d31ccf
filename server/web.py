"""The HTTP request handler: reads requests within size and time limits, sends API and static
responses with security headers, logs one line per request with personal numbers masked."""

import http.client
import http.server
import json
import logging
import shutil
import time
import traceback
import urllib.parse

from server import api, errors, security_headers
from server.identifiers import mask_personal_numbers

log = logging.getLogger("portal.http")

NOT_FOUND_PAGE = ("<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\">"
                  "<title>页面不存在</title><p>页面不存在，请检查地址。</p></html>").encode("utf-8")

API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
CORS_ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key"

# Limits of the request head, tighter than the standard library's 64 KiB line and 100 headers
# (Python 3.11). A longer request line gets 414, and a longer header line or more headers get
# 431.
MAX_REQUEST_LINE_BYTES = 8 * 1024
MAX_HEADER_LINE_BYTES = 8 * 1024
MAX_HEADERS = 50


class _HeaderLimits:
    """The request stream as http.client.parse_headers reads it, with this server's limits on
    the length of each header line and on the number of headers."""

    def __init__(self, stream):
        self._stream = stream
        self._headers = 0

    def readline(self, limit=-1):
        line = self._stream.readline(MAX_HEADER_LINE_BYTES + 1)
        if len(line) > MAX_HEADER_LINE_BYTES:
            raise http.client.LineTooLong("header line")
        if line not in (b"\r\n", b"\n", b""):
            self._headers += 1
            if self._headers > MAX_HEADERS:
                raise http.client.HTTPException(f"more than {MAX_HEADERS} headers")
        return line


class PortalRequestHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # The headers and the body go out in separate writes: with Nagle's algorithm on, the body
    # waits for the client's delayed ACK (about 40 ms on Linux) on every keep-alive response.
    disable_nagle_algorithm = True

    def setup(self):
        # Seconds one read or write may wait; the whole request must also arrive within
        # config.request_timeout (see handle_one_request).
        self.timeout = self.server.portal.config.request_timeout
        super().setup()
        self._status = 0
        self._content_security_policy = security_headers.API_POLICY

    def version_string(self):
        return "Portal"

    def handle_one_request(self):
        # The socket timeout closes an idle keep-alive connection quietly; the deadline for
        # the whole request starts with its first byte.
        try:
            if not self.rfile.peek(1):
                self.close_connection = True
                return
        except (TimeoutError, ConnectionError):
            self.close_connection = True
            return
        self.server.deadlines.watch(self.connection, self.server.portal.config.request_timeout)
        try:
            super().handle_one_request()
        finally:
            self.server.deadlines.unwatch(self.connection)

    def parse_request(self):
        self._status = 0
        self._content_security_policy = security_headers.API_POLICY
        if len(self.raw_requestline) > MAX_REQUEST_LINE_BYTES:
            self.requestline = ""
            self.request_version = ""
            self.command = ""
            self.send_error(414)
            return False
        body_stream = self.rfile
        self.rfile = _HeaderLimits(body_stream)
        try:
            parsed = super().parse_request()
        finally:
            self.rfile = body_stream
        if parsed and self.server.deadlines.expired(self.connection):
            # The head was cut off when the connection was shut down; nothing can be sent.
            self.close_connection = True
            return False
        return parsed

    def _finish_reading(self):
        """Stop the request's read deadline; return False when it passed and the body read
        is incomplete."""
        if self.server.deadlines.unwatch(self.connection):
            return True
        self.close_connection = True
        self._status = 408
        return False

    def send_error(self, code, message=None, explain=None):
        # Errors of the request head (400, 414, 431) and unknown methods (501) end here. The log
        # names the status only, because the rejected line may contain personal data.
        self._status = code
        self._content_security_policy = self.server.security.resource_policy
        log.warning("request rejected with status %d before dispatch", code)
        super().send_error(code, message, explain)

    def end_headers(self):
        # Every response, errors of the request head included, carries these headers.
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "strict-origin-when-cross-origin")
        self.send_header("Content-Security-Policy", self._content_security_policy)
        super().end_headers()

    def log_message(self, format, *args):
        # The default access log prints the raw request line; log_request() below masks it.
        pass

    def log_request(self, code="-", size="-"):
        pass

    def do_GET(self):
        self._dispatch()

    def do_HEAD(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def do_PATCH(self):
        self._dispatch()

    def do_DELETE(self):
        self._dispatch()

    def do_OPTIONS(self):
        self._dispatch()

    def _dispatch(self):
        started = time.perf_counter()
        path, _, query_string = self.path.partition("?")
        path = path.partition("#")[0]
        try:
            if path == "/api" or path.startswith("/api/"):
                self._handle_api(path, query_string)
            else:
                self._handle_static(path)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
            self._status = self._status or 499
        except Exception as error:
            # The exception's message may quote request data, so the traceback is masked too.
            # NOTE: masking covers ID-card and mobile numbers only, not names or passwords.
            trace = "".join(traceback.format_exception(error)).rstrip()
            log.error("unhandled error for %s %s\n%s", self.command,
                      mask_personal_numbers(path), mask_personal_numbers(trace))
            self.close_connection = True
            if not self._headers_sent():
                error = errors.internal_error()
                self._send_json(error.status, error.body())
        elapsed_ms = (time.perf_counter() - started) * 1000
        log.info("%s %s %d %.1fms", self.command, mask_personal_numbers(path), self._status,
                 elapsed_ms)

    def _headers_sent(self):
        return self._status != 0

    # API ------------------------------------------------------------------------------------

    def _handle_api(self, path, query_string):
        portal = self.server.portal
        if self.command == "OPTIONS":
            self._send_preflight()
            return
        try:
            raw_body = self._read_body()
        except errors.ApiError as error:
            self._finish_reading()
            self._send_json(error.status, error.body(), error.headers)
            return
        if not self._finish_reading():
            return
        if self.command not in API_METHODS:
            error = errors.method_not_allowed(list(API_METHODS))
            self._send_json(error.status, error.body(), error.headers)
            return
        request = api.ApiRequest(self.command, path, _parse_query(query_string), self.headers,
                                 raw_body, self._client_address())
        status, body, headers = portal.handle_api(request)
        self._send_json(status, body, headers)

    def _read_body(self):
        """Return the request body; raise ApiError for a missing or oversized length."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            raise errors.ApiError(411, "length_required", "请求须带 Content-Length，不支持分块传输")
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            return b""
        try:
            length = int(length_text)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            raise errors.ApiError(400, "invalid_request", "Content-Length 无效")
        if length > api.MAX_BODY_BYTES:
            # The body stays unread, so the connection cannot carry another request.
            self.close_connection = True
            raise errors.ApiError(413, "payload_too_large",
                                  f"请求内容过大，不能超过{api.MAX_BODY_BYTES // 1024} KiB")
        return self.rfile.read(length) if length else b""

    def _client_address(self):
        """Return the peer's address, or for a trusted proxy the address that the proxy
        appended last to X-Forwarded-For.

        NOTE: an IPv6 client is keyed by its full address, so a host that owns a /64 can
        spread its requests over many keys of the per-address limits.
        """
        peer = self.client_address[0]
        if peer not in self.server.portal.config.trusted_proxies:
            return peer
        forwarded = self.headers.get("X-Forwarded-For", "")
        last = forwarded.rpartition(",")[2].strip()
        return last or peer

    def _send_preflight(self):
        self._status = 204
        self.send_response(204)
        self._send_cors_headers()
        if self._allowed_origin():
            self.send_header("Access-Control-Allow-Methods", ", ".join(API_METHODS))
            self.send_header("Access-Control-Allow-Headers", CORS_ALLOWED_HEADERS)
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _allowed_origin(self):
        origin = self.headers.get("Origin")
        if origin and origin in self.server.portal.config.allowed_origins:
            return origin
        return None

    def _send_cors_headers(self):
        origin = self._allowed_origin()
        if origin:
            # The API uses bearer tokens, not cookies, so credentials are never allowed.
            self.send_header("Access-Control-Allow-Origin", origin)
        self.send_header("Vary", "Origin")

    def _send_json(self, status, body, headers=None):
        payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._status = status
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self._send_cors_headers()
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    # Static files ---------------------------------------------------------------------------

    def _handle_static(self, path):
        self._content_security_policy = self.server.security.resource_policy
        if self.command not in ("GET", "HEAD"):
            self._discard_body()
            if not self._finish_reading():
                return
            self._status = 405
            self.send_response(405)
            self.send_header("Allow", "GET, HEAD")
            self.send_header("Content-Length", "0")
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            return
        self._discard_body()
        if not self._finish_reading():
            return
        response = self.server.portal.static.respond(path, self.headers)
        if response is None:
            self._send_not_found()
            return
        if response.headers.get("Content-Type", "").startswith("text/html"):
            self._content_security_policy = self.server.security.page_policy(
                response.source_path)

        self._status = response.status
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self._send_common_static_headers()
        if response.status == 304:
            self.end_headers()
            return
        self.send_header("Content-Length", str(response.length))
        self.end_headers()

        if self.command == "HEAD":
            return
        if response.file_path is not None:
            with open(response.file_path, "rb") as file:
                shutil.copyfileobj(file, self.wfile)
        else:
            self.wfile.write(response.body)

    def _send_common_static_headers(self):
        # Framing is limited by the CSP's frame-ancestors, whose allowlist can name the legacy
        # portal, so there is no X-Frame-Options. The files are only for this origin's pages.
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")

    def _send_not_found(self):
        self._status = 404
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(NOT_FOUND_PAGE)))
        self.send_header("Cache-Control", "no-store")
        self._send_common_static_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(NOT_FOUND_PAGE)

    def _discard_body(self):
        length_text = self.headers.get("Content-Length", "0")
        try:
            length = int(length_text)
        except ValueError:
            length = 0
        if 0 < length <= api.MAX_BODY_BYTES:
            self.rfile.read(length)
        elif length or "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True


def _parse_query(query_string):
    pairs = urllib.parse.parse_qsl(query_string, keep_blank_values=True)
    return dict(pairs)
