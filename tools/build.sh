#!/usr/bin/env bash
# Configures (once) and builds a CMake preset: tools/build.sh web|native.
# Incremental: an up-to-date build returns within seconds.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
preset="${1:?usage: tools/build.sh web|native}"

# Emscripten's JS optimiser needs Debian's node modules (acorn) on the module path.
export NODE_PATH=/usr/share/nodejs

case "$preset" in
    web) binary_dir=build/wasm ;;
    native) binary_dir=build/native ;;
    *) echo "unknown preset: $preset" >&2; exit 2 ;;
esac

if [ ! -f "$binary_dir/CMakeCache.txt" ]; then
    cmake --preset "$preset" >/dev/null
fi
cmake --build --preset "$preset" -j "$(nproc)"
