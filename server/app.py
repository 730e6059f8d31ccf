"""The portal application: configuration, the store, the API routes and the HTTP server."""

import dataclasses
import http.server
import logging
import socket

from server import (auth, content, db, declarations, errors, logins, multi_insurance, passwords,
                    person, registration, routing, seed, sms, staff, static, units, web)
from server.clock import SystemClock

log = logging.getLogger("portal")


@dataclasses.dataclass
class Config:
    host: str = "127.0.0.1"
    port: int = 8080
    root: str = "build/web"
    db_path: str = "var/portal.sqlite3"
    scrypt_n: int = passwords.PRODUCTION_SCRYPT_N
    # Origins allowed to call the API from another origin (CORS); none by default.
    allowed_origins: tuple = ()
    demo_data: bool = True


class Portal:
    """Everything a request handler needs: store, clock, password hasher, routes, files."""

    def __init__(self, config, clock=None):
        self.config = config
        self.clock = clock or SystemClock()
        self.hasher = passwords.PasswordHasher(config.scrypt_n)
        self.db = db.Database(config.db_path)
        demo_seed = seed.DemoSeed(self.hasher, self.clock) if config.demo_data else None
        self.db.migrate(demo_seed)
        self.auth = auth.Authenticator(self.db, self.hasher, self.clock)
        self.sms_gateway = sms.DevelopmentSmsGateway()
        self.sms = sms.SmsCodes(self.db, self.clock, self.sms_gateway)
        self.static = static.StaticFiles(config.root)
        self.router = routing.Router()
        for module in (logins, sms, registration, units, multi_insurance, staff, declarations,
                       person, content):
            module.register(self.router)

    def handle_api(self, request):
        """Run the handler for request; return (status, body, extra headers)."""
        try:
            handler, params = self.router.resolve(request.method, request.path)
            request.params = params
            result = handler(self, request)
        except errors.ApiError as error:
            return error.status, error.body(), error.headers
        if isinstance(result, tuple) and len(result) == 3:
            return result
        if isinstance(result, tuple):
            status, body = result
            return status, body, {}
        return 200, result, {}

    def close(self):
        self.db.close()


class PortalServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # A restarted server may bind the port again at once.
    allow_reuse_address = True
    # The default backlog of 5 refuses connections when a page loads many files at once.
    request_queue_size = 64

    def __init__(self, portal):
        self.portal = portal
        host = portal.config.host
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, portal.config.port), web.PortalRequestHandler)

    @property
    def url(self):
        host, port = self.server_address[:2]
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/"


def make_server(config, clock=None):
    """Open the store (creating, migrating and seeding it) and bind the HTTP server."""
    portal = Portal(config, clock)
    try:
        return PortalServer(portal)
    except OSError:
        portal.close()
        raise
