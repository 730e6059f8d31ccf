#!/usr/bin/env python3
"""Reference backend of the 12333 portal: the REST API of docs/api.md, SQLite and static files.

    python3 serve.py [--host 127.0.0.1] [--port 8080] [--root build/web] [--db var/portal.sqlite3]

Python standard library only. The first line on stdout is
"Portal running at http://HOST:PORT/"; logs go to stderr.
"""

import argparse
import logging
import os
import signal
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from server import app, passwords  # noqa: E402

# Tests set this to a small power of two so hashing is fast; production keeps N = 2**14.
SCRYPT_N_VARIABLE = "PORTAL_SCRYPT_N"


def build_parser():
    parser = argparse.ArgumentParser(
        description="Serve the portal's web build and its REST API.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080,
                        help="TCP port to listen on; 0 picks a free port")
    parser.add_argument("--root", default=os.path.join(HERE, "build", "web"),
                        help="folder of the static files to serve")
    parser.add_argument("--db", default=os.path.join(HERE, "var", "portal.sqlite3"),
                        help="SQLite database file; created, migrated and seeded on first use")
    parser.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                        help="origin (scheme://host:port) that may call the API cross-origin;"
                             " may be repeated")
    return parser


def scrypt_n_from_environment():
    text = os.environ.get(SCRYPT_N_VARIABLE)
    if not text:
        return passwords.PRODUCTION_SCRYPT_N
    try:
        value = int(text)
        passwords.PasswordHasher.check_cost(value)
    except ValueError:
        raise SystemExit(f"invalid {SCRYPT_N_VARIABLE}={text!r}: expected a power of two such as 1024")
    logging.getLogger("portal").warning(
        "%s=%d: password hashes use a reduced scrypt cost, for tests only",
        SCRYPT_N_VARIABLE, value)
    return value


def run_server(arguments):
    config = app.Config(
        host=arguments.host,
        port=arguments.port,
        root=arguments.root,
        db_path=arguments.db,
        scrypt_n=scrypt_n_from_environment(),
        allowed_origins=tuple(arguments.allow_origin),
    )
    try:
        server = app.make_server(config)
    except OSError as error:
        logging.getLogger("portal").error("cannot listen on %s port %d: %s", config.host,
                                          config.port, error.strerror or error)
        return 1
    print(f"Portal running at {server.url}", flush=True)
    logging.getLogger("portal").info("serving %s, database %s", config.root, config.db_path)

    def stop(signal_number, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.portal.close()
        logging.getLogger("portal").info("stopped")
    return 0


def main(argv=None):
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    argv = sys.argv[1:] if argv is None else argv
    arguments = build_parser().parse_args(argv)
    return run_server(arguments)


if __name__ == "__main__":
    sys.exit(main())
