#!/usr/bin/env bash
# Runs every test: native GoogleTest suites, serve.py's tests and the browser tests in headless
# Chromium. Installs what is missing and builds both presets first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

tools/setup.sh
tools/build.sh web
tools/build.sh native
ctest --preset native -j 2 "$@"
