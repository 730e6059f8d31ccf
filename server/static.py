"""Static files under the web root: MIME types, gzip, validators and path confinement."""

import email.utils
import gzip
import os
import threading
import urllib.parse

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".data": "application/octet-stream",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
}

# Types that gzip shrinks; images, PDF, WOFF2 and archives are compressed already.
COMPRESSIBLE_EXTENSIONS = {
    ".html", ".htm", ".js", ".mjs", ".css", ".json", ".map", ".webmanifest", ".wasm", ".data",
    ".md", ".txt", ".csv", ".xml", ".svg", ".ttf", ".otf", ".ico", ".bin",
}
MIN_COMPRESS_BYTES = 512
GZIP_CACHE_MAX_BYTES = 64 * 1024 * 1024


class StaticResponse:
    """Response to a static request: status, headers and the body as bytes or a file path."""

    def __init__(self, status, headers, body=b"", file_path=None, length=0, source_path=None):
        self.status = status
        self.headers = headers
        self.body = body
        self.file_path = file_path
        self.length = length
        # The file on disk whose content (maybe gzip-compressed) this is.
        self.source_path = source_path


class StaticFiles:
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self._gzip_cache = {}
        self._gzip_cache_bytes = 0
        self._lock = threading.Lock()

    def resolve(self, url_path):
        """Return the real path of the file for url_path, or None when there is no such
        file or the path would leave the web root.

        Rejected: "." and ".." segments (also percent-encoded), backslashes, NUL
        bytes, invalid UTF-8, hidden files, and symbolic links that point outside
        the root.
        """
        try:
            decoded = urllib.parse.unquote(url_path, errors="strict")
        except UnicodeDecodeError:
            return None
        if "\x00" in decoded or "\\" in decoded or not decoded.startswith("/"):
            return None
        segments = [segment for segment in decoded.split("/") if segment]
        for segment in segments:
            if segment.startswith(".") and segment != ".well-known":
                return None
        candidate = os.path.join(self.root, *segments)
        if os.path.isdir(candidate):
            candidate = os.path.join(candidate, "index.html")
        real = os.path.realpath(candidate)
        if os.path.commonpath([real, self.root]) != self.root or not os.path.isfile(real):
            return None
        return real

    def respond(self, url_path, request_headers):
        """Build the response for a GET or HEAD of url_path, or None for 404."""
        path = self.resolve(url_path)
        if path is None:
            return None
        stat = os.stat(path)
        extension = os.path.splitext(path)[1].lower()
        headers = {
            "Content-Type": CONTENT_TYPES.get(extension, "application/octet-stream"),
            # File names carry no content hash, so the browser must revalidate every time;
            # the ETag keeps that to a 304 when nothing changed.
            "Cache-Control": "no-cache",
            "Last-Modified": email.utils.formatdate(stat.st_mtime, usegmt=True),
        }
        base_tag = f"{stat.st_mtime_ns:x}-{stat.st_size:x}"
        compressible = extension in COMPRESSIBLE_EXTENSIONS and stat.st_size >= MIN_COMPRESS_BYTES
        use_gzip = compressible and accepts_gzip(request_headers.get("Accept-Encoding", ""))
        if compressible:
            headers["Vary"] = "Accept-Encoding"
        etag = f'"{base_tag}-gz"' if use_gzip else f'"{base_tag}"'
        headers["ETag"] = etag

        if _not_modified(request_headers, etag, stat.st_mtime):
            return StaticResponse(304, headers, source_path=path)

        if use_gzip:
            body = self._gzip_body(path, stat)
            headers["Content-Encoding"] = "gzip"
            return StaticResponse(200, headers, body=body, length=len(body), source_path=path)
        return StaticResponse(200, headers, file_path=path, length=stat.st_size,
                              source_path=path)

    def _gzip_body(self, path, stat):
        """Return the gzip bytes of path: a fresh precompressed path.gz when there is one,
        otherwise compressed here and cached by path, mtime and size."""
        precompressed = path + ".gz"
        try:
            gz_stat = os.stat(precompressed)
            if gz_stat.st_mtime_ns >= stat.st_mtime_ns and \
                    os.path.commonpath([os.path.realpath(precompressed), self.root]) == self.root:
                with open(precompressed, "rb") as file:
                    return file.read()
        except FileNotFoundError:
            pass

        key = (path, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            cached = self._gzip_cache.get(key)
        if cached is not None:
            return cached
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), compresslevel=6, mtime=0)
        with self._lock:
            self._remember(key, body)
        return body

    def _remember(self, key, body):
        if len(body) > GZIP_CACHE_MAX_BYTES:
            return
        # Entries for an older version of the same file are useless once it changed.
        for old_key in [old for old in self._gzip_cache if old[0] == key[0]]:
            self._gzip_cache_bytes -= len(self._gzip_cache.pop(old_key))
        while self._gzip_cache and self._gzip_cache_bytes + len(body) > GZIP_CACHE_MAX_BYTES:
            oldest = next(iter(self._gzip_cache))
            self._gzip_cache_bytes -= len(self._gzip_cache.pop(oldest))
        self._gzip_cache[key] = body
        self._gzip_cache_bytes += len(body)


def accepts_gzip(accept_encoding):
    """Return True when an Accept-Encoding value allows gzip (q > 0, directly or via *)."""
    gzip_q = None
    star_q = None
    for item in accept_encoding.split(","):
        name, _, params = item.strip().partition(";")
        name = name.strip().lower()
        quality = 1.0
        params = params.strip().lower()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        if name in ("gzip", "x-gzip"):
            gzip_q = quality
        elif name == "*":
            star_q = quality
    if gzip_q is not None:
        return gzip_q > 0
    return star_q is not None and star_q > 0


def _not_modified(request_headers, etag, mtime):
    if_none_match = request_headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [tag.strip() for tag in if_none_match.split(",")]
        return "*" in tags or etag in tags or ("W/" + etag) in tags
    if_modified_since = request_headers.get("If-Modified-Since")
    if if_modified_since:
        try:
            since = email.utils.parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError):
            return False
        return int(mtime) <= since
    return False
