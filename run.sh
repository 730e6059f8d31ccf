#!/usr/bin/env bash
# Runs the portal locally: installs what is missing, builds the WebAssembly app if it is stale,
# and starts serve.py (which creates and seeds the SQLite database on first run).
# PORT (default 8080) and PORTAL_DB (default var/portal.sqlite3) may be set.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

tools/setup.sh
tools/build.sh web
exec python3 serve.py --host 127.0.0.1 --port "${PORT:-8080}" --root build/web \
    --db "${PORTAL_DB:-var/portal.sqlite3}"
