"""Static files: MIME types, gzip, validators and confinement to the web root."""

import gzip
import os
import socket

from tests.server.support import PortalTestCase

# Large enough to be compressed (the server leaves files under 512 bytes alone).
TEXT = "console.log('门户');\n" * 100


class MimeTypeTest(PortalTestCase):
    def test_content_types(self):
        cases = {
            "index.html": "text/html; charset=utf-8",
            "portal.js": "text/javascript",
            "portal.wasm": "application/wasm",
            "fonts/NotoSansSC.ttf": "font/ttf",
            "faq.json": "application/json",
            "style.css": "text/css; charset=utf-8",
            "logo.png": "image/png",
            "logo.svg": "image/svg+xml",
            "downloads/manual.pdf": "application/pdf",
            "downloads/notes.md": "text/markdown; charset=utf-8",
            "portal.data": "application/octet-stream",
            "unknown.xyz": "application/octet-stream",
        }
        for path in cases:
            self.write_file(path, b"x")
        for path, content_type in cases.items():
            with self.subTest(path=path):
                response = self.request("GET", "/" + path)
                self.assertEqual(response.status, 200)
                self.assertEqual(response.header("Content-Type"), content_type)
                self.assertEqual(response.body, b"x")

    def test_root_serves_index_html(self):
        self.write_file("index.html", "<!doctype html><title>门户</title>")
        response = self.request("GET", "/")
        self.assertEqual(response.status, 200)
        self.assertEqual(response.body.decode("utf-8"), "<!doctype html><title>门户</title>")
        self.assertEqual(response.header("Cache-Control"), "no-cache")
        self.assertIsNotNone(response.header("ETag"))
        self.assertIsNotNone(response.header("Last-Modified"))

    def test_query_string_is_ignored(self):
        self.write_file("index.html", "home")
        self.assertEqual(self.request("GET", "/?v=2#/portal-module/index").body, b"home")

    def test_folder_serves_its_index(self):
        self.write_file("demo/index.html", "demo")
        self.assertEqual(self.request("GET", "/demo/").body, b"demo")
        self.assertEqual(self.request("GET", "/demo").body, b"demo")

    def test_head_sends_headers_only(self):
        self.write_file("portal.wasm", b"\0asm" + b"\1" * 100)
        response = self.request("HEAD", "/portal.wasm")
        self.assertEqual(response.status, 200)
        self.assertEqual(response.header("Content-Length"), "104")
        self.assertEqual(response.body, b"")

    def test_security_headers(self):
        self.write_file("index.html", "x")
        response = self.request("GET", "/")
        self.assertEqual(response.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(response.header("Cross-Origin-Resource-Policy"), "same-origin")
        self.assertIsNone(response.header("X-Frame-Options"))
        self.assertIsNone(response.header("Access-Control-Allow-Origin"))

    def test_post_to_static_path_is_405(self):
        self.write_file("index.html", "x")
        response = self.request("POST", "/index.html", raw=b"{}")
        self.assertEqual(response.status, 405)
        self.assertEqual(response.header("Allow"), "GET, HEAD")


class GzipTest(PortalTestCase):
    def test_compresses_when_accepted(self):
        self.write_file("portal.js", TEXT)
        response = self.request("GET", "/portal.js", headers={"Accept-Encoding": "gzip, br"})
        self.assertEqual(response.status, 200)
        self.assertEqual(response.header("Content-Encoding"), "gzip")
        self.assertEqual(response.header("Vary"), "Accept-Encoding")
        self.assertEqual(gzip.decompress(response.body).decode("utf-8"), TEXT)
        self.assertLess(len(response.body), len(TEXT.encode("utf-8")))
        self.assertEqual(int(response.header("Content-Length")), len(response.body))

    def test_identity_without_accept_encoding(self):
        self.write_file("portal.js", TEXT)
        response = self.request("GET", "/portal.js")
        self.assertIsNone(response.header("Content-Encoding"))
        self.assertEqual(response.body.decode("utf-8"), TEXT)

    def test_gzip_q_zero_is_refused(self):
        self.write_file("portal.js", TEXT)
        for value in ("gzip;q=0", "br, gzip;q=0, *", "identity", "*;q=0"):
            with self.subTest(value=value):
                response = self.request("GET", "/portal.js", headers={"Accept-Encoding": value})
                self.assertIsNone(response.header("Content-Encoding"))

    def test_star_allows_gzip(self):
        self.write_file("portal.js", TEXT)
        response = self.request("GET", "/portal.js", headers={"Accept-Encoding": "*"})
        self.assertEqual(response.header("Content-Encoding"), "gzip")

    def test_compressed_formats_are_not_gzipped(self):
        self.write_file("logo.png", b"\x89PNG" + os.urandom(2000))
        response = self.request("GET", "/logo.png", headers={"Accept-Encoding": "gzip"})
        self.assertIsNone(response.header("Content-Encoding"))

    def test_wasm_and_ttf_are_gzipped(self):
        self.write_file("portal.wasm", b"\0asm" + b"\0" * 4000)
        self.write_file("font.ttf", b"\0\1\0\0" + b"\0" * 4000)
        for path in ("/portal.wasm", "/font.ttf"):
            with self.subTest(path=path):
                response = self.request("GET", path, headers={"Accept-Encoding": "gzip"})
                self.assertEqual(response.header("Content-Encoding"), "gzip")

    def test_precompressed_file_is_preferred(self):
        path = self.write_file("portal.js", TEXT)
        marker = gzip.compress(b"precompressed")
        self.write_file("portal.js.gz", marker)
        stat = os.stat(path)
        os.utime(path + ".gz", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
        response = self.request("GET", "/portal.js", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(response.body, marker)

    def test_stale_precompressed_file_is_ignored(self):
        path = self.write_file("portal.js", TEXT)
        self.write_file("portal.js.gz", gzip.compress(b"stale"))
        stat = os.stat(path)
        os.utime(path + ".gz", ns=(stat.st_atime_ns, stat.st_mtime_ns - 10_000_000_000))
        response = self.request("GET", "/portal.js", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(gzip.decompress(response.body).decode("utf-8"), TEXT)

    def test_changed_file_is_compressed_again(self):
        path = self.write_file("portal.js", TEXT)
        self.request("GET", "/portal.js", headers={"Accept-Encoding": "gzip"})
        changed = TEXT + "// changed\n"
        self.write_file("portal.js", changed)
        stat = os.stat(path)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
        response = self.request("GET", "/portal.js", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(gzip.decompress(response.body).decode("utf-8"), changed)

    def test_compressed_body_is_cached(self):
        self.write_file("portal.js", TEXT)
        first = self.request("GET", "/portal.js", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(len(self.portal.static._gzip_cache), 1)
        second = self.request("GET", "/portal.js", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(first.body, second.body)
        self.assertEqual(len(self.portal.static._gzip_cache), 1)


class ValidatorTest(PortalTestCase):
    def test_etag_gives_304(self):
        self.write_file("index.html", "home")
        etag = self.request("GET", "/").header("ETag")
        response = self.request("GET", "/", headers={"If-None-Match": etag})
        self.assertEqual(response.status, 304)
        self.assertEqual(response.body, b"")
        self.assertEqual(response.header("ETag"), etag)

    def test_stale_etag_gives_200(self):
        self.write_file("index.html", "home")
        response = self.request("GET", "/", headers={"If-None-Match": '"old"'})
        self.assertEqual(response.status, 200)

    def test_gzip_variant_has_own_etag(self):
        self.write_file("portal.js", TEXT)
        plain = self.request("GET", "/portal.js").header("ETag")
        zipped = self.request("GET", "/portal.js",
                              headers={"Accept-Encoding": "gzip"}).header("ETag")
        self.assertNotEqual(plain, zipped)
        response = self.request("GET", "/portal.js",
                                headers={"Accept-Encoding": "gzip", "If-None-Match": zipped})
        self.assertEqual(response.status, 304)

    def test_if_modified_since_gives_304(self):
        self.write_file("index.html", "home")
        last_modified = self.request("GET", "/").header("Last-Modified")
        response = self.request("GET", "/", headers={"If-Modified-Since": last_modified})
        self.assertEqual(response.status, 304)


class TraversalTest(PortalTestCase):
    def setUp(self):
        super().setUp()
        self.write_file("index.html", "home")
        with open(os.path.join(self.workdir, "secret.txt"), "w") as file:
            file.write("secret")

    def raw_get(self, target):
        """Send a request line exactly as given, bypassing client-side normalisation."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as connection:
            connection.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                               .encode("latin-1"))
            data = b""
            while chunk := connection.recv(65536):
                data += chunk
        status_line, _, rest = data.partition(b"\r\n")
        return int(status_line.split()[1]), rest

    def test_paths_outside_root_are_404(self):
        targets = [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/web/../../secret.txt",
            "/..%2fsecret.txt",
            "/..%5csecret.txt",
            "//etc/passwd",
            "/%2fetc%2fpasswd",
            "/etc/passwd",
            "/index.html%00.png",
            "/%00",
            "/%ff%fe",
            "/.hidden",
            "/..",
            "/%2e%2e",
        ]
        for target in targets:
            with self.subTest(target=target):
                status, rest = self.raw_get(target)
                self.assertIn(status, (400, 404))
                self.assertNotIn(b"secret", rest)
                self.assertNotIn(b"root:", rest)

    def test_symlink_out_of_root_is_404(self):
        os.symlink(os.path.join(self.workdir, "secret.txt"),
                   os.path.join(self.web_root, "link.txt"))
        status, rest = self.raw_get("/link.txt")
        self.assertEqual(status, 404)
        self.assertNotIn(b"secret", rest)

    def test_not_found_is_short_html(self):
        response = self.request("GET", "/missing.js")
        self.assertEqual(response.status, 404)
        self.assertEqual(response.header("Content-Type"), "text/html; charset=utf-8")
        self.assertIn("页面不存在", response.body.decode("utf-8"))
        self.assertLess(len(response.body), 300)

    def test_dot_segment_inside_root_still_rejected(self):
        self.write_file("a/b.txt", "b")
        status, _ = self.raw_get("/a/../index.html")
        self.assertEqual(status, 404)
