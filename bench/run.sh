#!/usr/bin/env bash
# Builds the portal's web output and a bare Dear ImGui baseline page into scratch folders, with
# the same toolchain and flags. Both are precompressed and served by serve.py on loopback ports.
# bench/measure.mjs then measures them in headless Chromium and rewrites the generated section
# of docs/performance.md, adding the native frame build time of the staff list
# (bench/ui/staff_list_bench of the native preset).
#
#   bench/run.sh [--runs N] [--skip-build] [--no-doc]
#
# Environment: BENCH_PORTAL_DIR (default /tmp/bench-portal), BENCH_BASELINE_DIR (default
# /tmp/bench-baseline), BENCH_JOBS (parallel compile jobs, default 2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

portal_dir="${BENCH_PORTAL_DIR:-/tmp/bench-portal}"
baseline_dir="${BENCH_BASELINE_DIR:-/tmp/bench-baseline}"
jobs="${BENCH_JOBS:-2}"
toolchain=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake
runs=3
build=1
measure_args=()

usage() {
    echo "usage: bench/run.sh [--runs N] [--skip-build] [--no-doc]" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --skip-build) build=0; shift ;;
        --no-doc) measure_args+=(--no-doc); shift ;;
        -h|--help) usage ;;
        *) echo "bench: unknown argument: $1" >&2; usage ;;
    esac
done

log() { printf 'bench: %s\n' "$*" >&2; }

# Emscripten's JS optimiser needs Debian's node modules (acorn) on the module path.
export NODE_PATH=/usr/share/nodejs

check_prerequisites() {
    local missing=()
    command -v em++ >/dev/null || missing+=("em++ (Debian package emscripten)")
    command -v node >/dev/null || missing+=("node")
    [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=("chromium")
    [ -d node_modules/playwright-core ] || missing+=("node_modules/playwright-core")
    [ -f third_party/imgui-1.92.2b/imgui.cpp ] || missing+=("third_party/imgui-1.92.2b")
    if [ ${#missing[@]} -gt 0 ]; then
        log "missing: ${missing[*]}"
        log "run tools/setup.sh first"
        exit 1
    fi
}

build_portal() {
    # Configured on every run, so that the preset's current flags apply.
    log "configuring the web preset in $portal_dir"
    cmake --preset web -B "$portal_dir" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
        -DPORTAL_WEB_OUT="$portal_dir/web" >/dev/null
    log "building the portal (-j$jobs)"
    cmake --build "$portal_dir" --target portal -j "$jobs"
}

# Prints the portal's link options, one a line. Options that only the portal needs are left
# out: its exported functions and runtime methods and its own JavaScript files. The build
# type's flags are left out too, because the baseline gets them from its CMAKE_BUILD_TYPE.
portal_link_options() {
    local build_type="$1"
    local link_file="$portal_dir/src/platform/CMakeFiles/portal.dir/link.txt"
    if [ ! -f "$link_file" ]; then
        log "not found: $link_file (did the portal build?)"
        exit 1
    fi
    local cache="$portal_dir/CMakeCache.txt"
    local type_flags
    type_flags=" $(sed -n "s/^CMAKE_CXX_FLAGS_${build_type^^}:STRING=//p" "$cache") "
    local tokens
    read -r -a tokens < "$link_file"
    local skip_next=0
    for token in "${tokens[@]:1}"; do
        if [ "$skip_next" = 1 ]; then
            skip_next=0
            continue
        fi
        case "$token" in
            -o|--pre-js|--post-js|--js-library|--extern-pre-js|--extern-post-js) skip_next=1 ;;
            -sEXPORTED_FUNCTIONS=*|-sEXPORTED_RUNTIME_METHODS=*|@*) ;;
            -*) [[ "$type_flags" == *" $token "* ]] || printf '%s\n' "$token" ;;
        esac
    done
}

build_baseline() {
    local options build_type cxx_flags c_flags
    build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$portal_dir/CMakeCache.txt")
    cxx_flags=$(sed -n "s/^CMAKE_CXX_FLAGS_${build_type^^}:STRING=//p" "$portal_dir/CMakeCache.txt")
    c_flags=$(sed -n "s/^CMAKE_C_FLAGS_${build_type^^}:STRING=//p" "$portal_dir/CMakeCache.txt")
    options=$(portal_link_options "$build_type" | paste -sd ';' -)
    log "configuring the baseline in $baseline_dir (build type $build_type: $cxx_flags)"
    log "baseline link options: ${options//;/ }"
    cmake -S bench/baseline -B "$baseline_dir" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
        -DCMAKE_BUILD_TYPE="$build_type" -DCMAKE_CXX_FLAGS_"${build_type^^}"="$cxx_flags" \
        -DCMAKE_C_FLAGS_"${build_type^^}"="$c_flags" -DBASELINE_WEB_OUT="$baseline_dir/web" \
        -DBASELINE_LINK_OPTIONS="$options" >/dev/null
    log "building the baseline (-j$jobs)"
    cmake --build "$baseline_dir" -j "$jobs"

    # The same font file as the portal's, so both pages download and parse the same bytes.
    mkdir -p "$baseline_dir/web/fonts"
    cp "$portal_dir/web/fonts/portal-sc.ttf" "$baseline_dir/web/fonts/portal-sc.ttf"
}

# Runs the native staff list benchmark into $native_json and hands it to measure.mjs, or leaves
# it out when Google Benchmark is missing.
native_json="$portal_dir/staff_list_bench.json"
measure_native() {
    rm -f "$native_json"
    if [ "$build" = 1 ]; then
        [ -f build/native/CMakeCache.txt ] || cmake --preset native >/dev/null
        cmake --build --preset native --target staff_list_bench -j "$jobs" >&2 || true
    fi
    if [ ! -x build/native/bench/staff_list_bench ]; then
        log "build/native/bench/staff_list_bench is missing: the native figures are left out"
        return
    fi
    log "measuring the staff list natively"
    build/native/bench/staff_list_bench --benchmark_min_time=1 \
        --benchmark_out="$native_json" --benchmark_out_format=json >&2
    measure_args+=(--native-json "$native_json")
}

check_prerequisites
if [ "$build" = 1 ]; then
    build_portal
    build_baseline
fi
measure_native
for file in "$portal_dir/web/portal.wasm" "$baseline_dir/web/baseline.wasm"; do
    if [ ! -f "$file" ]; then
        log "not found: $file (run without --skip-build)"
        exit 1
    fi
done

# serve.py sends a fresh NAME.gz as it is, as nginx does in production, so no run pays for
# compressing on the fly.
tools/precompress.sh "$portal_dir/web" >&2
tools/precompress.sh "$baseline_dir/web" >&2

log "measuring ($runs runs of each page)"
node bench/measure.mjs --portal-root "$portal_dir/web" --baseline-root "$baseline_dir/web" \
    --runs "$runs" --doc docs/performance.md ${measure_args[@]+"${measure_args[@]}"}
