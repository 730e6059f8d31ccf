#!/usr/bin/env python3
"""Reference backend of the 12333 portal: the REST API of docs/api.md, SQLite and static files.

    python3 serve.py [--host 127.0.0.1] [--port 8080] [--root build/web] [--db var/portal.sqlite3]
    python3 serve.py review list|approve ID|reject ID --reason TEXT [--db var/portal.sqlite3]

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

from server import app, clock, db, passwords, review, seed  # noqa: E402
from server.identifiers import mask_id_card_number  # noqa: E402

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


def build_review_parser():
    parser = argparse.ArgumentParser(
        prog="serve.py review",
        description="Move declarations through review, as the insurance agency would.")
    parser.add_argument("--db", default=os.path.join(HERE, "var", "portal.sqlite3"),
                        help="SQLite database file of the server")
    # --db is also accepted after the command, as in "review list --db FILE".
    database_option = argparse.ArgumentParser(add_help=False)
    database_option.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="list pending declarations", parents=[database_option])
    approve = commands.add_parser("approve", help="approve a pending declaration",
                                  parents=[database_option])
    approve.add_argument("id", type=int, help="declaration id")
    reject = commands.add_parser("reject", help="reject a pending declaration",
                                 parents=[database_option])
    reject.add_argument("id", type=int, help="declaration id")
    reject.add_argument("--reason", required=True, help="reason shown to the agent (Chinese)")
    return parser


def run_review(arguments):
    if not os.path.isfile(arguments.db):
        print(f"database not found: {arguments.db}; start serve.py once to create it",
              file=sys.stderr)
        return 1
    database = db.Database(arguments.db)
    try:
        system_clock = clock.SystemClock()
        database.migrate(seed.DemoSeed(passwords.PasswordHasher(scrypt_n_from_environment()),
                                       system_clock))
        if arguments.command == "list":
            for row in review.pending_declarations(database):
                print(f"{row['id']}\t{clock.to_iso(row['created_at'])}\t{row['credit_code']}\t"
                      f"{row['kind']}\t{row['insurance_type']}\t{row['name']}\t"
                      f"{mask_id_card_number(row['id_card_number'])}")
        elif arguments.command == "approve":
            review.approve(database, system_clock.now(), arguments.id)
            print(f"declaration {arguments.id} approved")
        else:
            review.reject(database, system_clock.now(), arguments.id, arguments.reason)
            print(f"declaration {arguments.id} rejected")
    except review.ReviewError as error:
        print(f"review failed: {error}", file=sys.stderr)
        return 1
    finally:
        database.close()
    return 0


def main(argv=None):
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "review":
        return run_review(build_review_parser().parse_args(argv[1:]))
    arguments = build_parser().parse_args(argv)
    return run_server(arguments)


if __name__ == "__main__":
    sys.exit(main())
