"""Runs serve.py as a child process on a free loopback port, for tests of the real command."""

import os
import re
import subprocess
import sys
import tempfile
import threading

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERVE_PY = os.path.join(REPO_ROOT, "serve.py")
FIRST_LINE = re.compile(r"^Portal running at http://127\.0\.0\.1:(\d+)/$")


class LiveServer:
    """serve.py in a child process with its own database and web root; use as a context."""

    def __init__(self, extra_arguments=(), web_root=None, db_path=None, port=0):
        self._tempdir = tempfile.TemporaryDirectory(prefix="portal-live-")
        self.web_root = web_root or os.path.join(self._tempdir.name, "web")
        os.makedirs(self.web_root, exist_ok=True)
        self.db_path = db_path or os.path.join(self._tempdir.name, "var", "portal.sqlite3")
        self.arguments = [sys.executable, SERVE_PY, "--port", str(port), "--root", self.web_root,
                          "--db", self.db_path, *extra_arguments]
        self.process = None
        self.first_line = None
        self.port = None
        self.stderr_lines = []

    def __enter__(self):
        environment = dict(os.environ, PORTAL_SCRYPT_N="1024")
        self.process = subprocess.Popen(self.arguments, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                        env=environment)
        self._stderr_reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._stderr_reader.start()
        self.first_line = self.process.stdout.readline().rstrip("\n")
        match = FIRST_LINE.match(self.first_line)
        if match is None:
            self.stop()
            self._tempdir.cleanup()
            raise RuntimeError(f"serve.py did not start: first line {self.first_line!r}, "
                               f"stderr {''.join(self.stderr_lines)!r}")
        self.port = int(match.group(1))
        return self

    def _read_stderr(self):
        for line in self.process.stderr:
            self.stderr_lines.append(line)

    def stop(self):
        """Send SIGTERM and wait; return the exit status."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._stderr_reader.join(5)
        self.process.stdout.close()
        self.process.stderr.close()
        return self.process.returncode

    def __exit__(self, *exc_info):
        self.stop()
        self._tempdir.cleanup()
