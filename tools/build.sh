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

configure_once() {
    if [ ! -f "$2/CMakeCache.txt" ]; then
        cmake --preset "$1" >/dev/null
    fi
}

if [ "$preset" = web ]; then
    # The web build ships the mobile prefix table, and only the native preset can run its
    # generator. The target regenerates the table only when it is missing or stale.
    configure_once native build/native
    # A tree configured before this target existed has no rule for it, so it is configured
    # once more and the build retried.
    if ! cmake --build --preset native --target phone_table -j "$(nproc)"; then
        cmake --preset native >/dev/null
        cmake --build --preset native --target phone_table -j "$(nproc)"
    fi
fi

# Configured on every build, so that changed preset values (such as the optimisation flags)
# reach a tree configured before. An unchanged tree takes a second or two.
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
