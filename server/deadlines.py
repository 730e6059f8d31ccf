"""Deadlines for reading a request: a connection whose request line, headers and body have not
all arrived in time is shut down.

The socket timeout alone bounds each read, so a client that sends one byte just before every
timeout (slowloris) could hold a handler thread for ever. One watcher thread per server checks
the deadlines of all connections that are reading a request.
"""

import logging
import socket
import threading
import time

log = logging.getLogger("portal.http")

CHECK_INTERVAL_SECONDS = 0.05


class RequestDeadlines:
    def __init__(self):
        self._deadlines = {}
        self._expired = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopped = False
        self._thread = None

    def watch(self, connection, seconds):
        """Shut connection down unless unwatch(connection) is called within seconds."""
        with self._lock:
            if self._stopped:
                return
            self._deadlines[connection] = time.monotonic() + seconds
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="request-deadlines",
                                                daemon=True)
                self._thread.start()

    def unwatch(self, connection):
        """Stop watching connection; return False when its deadline had passed and it was
        shut down, so what was read from it is incomplete."""
        with self._lock:
            self._deadlines.pop(connection, None)
            if connection in self._expired:
                self._expired.discard(connection)
                return False
        return True

    def expired(self, connection):
        """Return True when connection was shut down because its deadline passed."""
        with self._lock:
            return connection in self._expired

    def stop(self):
        with self._lock:
            self._stopped = True
            self._deadlines.clear()
            self._expired.clear()
        self._wake.set()

    def _run(self):
        while not self._wake.wait(CHECK_INTERVAL_SECONDS):
            now = time.monotonic()
            with self._lock:
                expired = [connection for connection, deadline in self._deadlines.items()
                           if deadline <= now]
                for connection in expired:
                    del self._deadlines[connection]
                    self._expired.add(connection)
            for connection in expired:
                log.warning("request timed out before it was fully received; connection closed")
                try:
                    # The handler's blocked read returns end-of-file, and it drops the request.
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
