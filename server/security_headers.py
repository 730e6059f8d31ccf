"""Content-Security-Policy values of the page, the other static files and the API.

The page policy allows what index.html and loader.js use: scripts and the WebAssembly module
from this origin (compiling wasm needs 'wasm-unsafe-eval'), fetches of the module, the fonts
and the API from this origin, and the favicon's data: URL. Inline <style> and <script>
elements are allowed by the SHA-256 hash of their text, computed from the HTML file served,
so a page edited later keeps working and no other inline code runs.
"""

import base64
import hashlib
import os
import re
import threading

# An origin as --frame-ancestor takes it: scheme, host and an optional port, nothing else, so
# the value cannot add directives to the header.
ORIGIN = re.compile(r"^https?://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$")

API_POLICY = "default-src 'none'; frame-ancestors 'none'"

_INLINE_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC_ATTRIBUTE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
MAX_HASHED_PAGE_BYTES = 1024 * 1024


def check_origin(text):
    """Return text when it is an origin such as https://hall.example.gov.cn:8443, otherwise
    raise ValueError."""
    if not ORIGIN.match(text):
        raise ValueError(f"invalid origin {text!r}: expected scheme://host[:port], such as"
                         " https://legacy-hall.example.gov.cn")
    return text


class SecurityPolicies:
    def __init__(self, frame_ancestors=()):
        for origin in frame_ancestors:
            check_origin(origin)
        self.frame_ancestors = " ".join(("'self'", *frame_ancestors))
        self.resource_policy = f"default-src 'none'; frame-ancestors {self.frame_ancestors}"
        self._pages = {}
        self._lock = threading.Lock()

    def page_policy(self, html_path):
        """Return the policy of the HTML file at html_path, cached until the file changes."""
        stat = os.stat(html_path)
        key = (html_path, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            policy = self._pages.get(key)
        if policy is not None:
            return policy
        policy = self._build_page_policy(html_path, stat.st_size)
        with self._lock:
            for old_key in [old for old in self._pages if old[0] == html_path]:
                del self._pages[old_key]
            self._pages[key] = policy
        return policy

    def _build_page_policy(self, html_path, size):
        styles, scripts = [], []
        if size <= MAX_HASHED_PAGE_BYTES:
            with open(html_path, "rb") as file:
                text = file.read().decode("utf-8", errors="replace")
            styles = [_hash_source(match.group(1)) for match in _INLINE_STYLE.finditer(text)]
            scripts = [_hash_source(match.group(2)) for match in _SCRIPT.finditer(text)
                       if not _SRC_ATTRIBUTE.search(match.group(1))]
        directives = [
            "default-src 'none'",
            " ".join(["script-src 'self' 'wasm-unsafe-eval'", *scripts]),
            " ".join(["style-src 'self'", *styles]),
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            f"frame-ancestors {self.frame_ancestors}",
        ]
        return "; ".join(directives)


def _hash_source(text):
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
