#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang++-14 and runs each one for SECONDS
# (default 10), starting from seeds cut from tests/vectors, the generated prefix table, the
# examples of docs/api.md and the knowledge base assets/faq.json (fuzz/write_seeds.py).
#
#   fuzz/run.sh [SECONDS]
#
# FUZZ_TARGETS (default all) names the targets to run, separated by spaces.
# FUZZ_BUILD_DIR (default build/fuzz) contains the build, the growing corpus of every target
# (corpus/TARGET) and the inputs that crashed (artifacts/). Exit status: 0 when no target
# crashed, 1 when one did or the build failed, 77 when clang++-14 or its fuzzer runtime is
# missing (CTest reads 77 as a skipped test).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
build_dir="${FUZZ_BUILD_DIR:-$root/build/fuzz}"
targets=(credit_code_fuzzer id_card_fuzzer mobile_fuzzer prefix_table_fuzzer api_response_fuzzer
         assistant_fuzzer)
if [ -n "${FUZZ_TARGETS:-}" ]; then
    read -r -a targets <<<"$FUZZ_TARGETS"
fi

if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: fuzz/run.sh [SECONDS]   (SECONDS per target, a positive integer)" >&2
    exit 2
fi

if ! command -v clang++-14 >/dev/null; then
    echo "fuzz: skipped, clang++-14 is not installed (Debian package clang-14)"
    exit 77
fi
runtime="$(clang++-14 -print-resource-dir)/lib/linux/libclang_rt.fuzzer-x86_64.a"
if [ ! -f "$runtime" ]; then
    echo "fuzz: skipped, the libFuzzer runtime $runtime is missing" \
         "(Debian package libclang-rt-14-dev)"
    exit 77
fi

if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S "$root/fuzz" -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++-14 \
        -DCMAKE_BUILD_TYPE=None >/dev/null
fi
if ! cmake --build "$build_dir" -j "$(nproc)" >"$build_dir/build.log" 2>&1; then
    echo "fuzz: building the targets failed; the end of $build_dir/build.log:" >&2
    tail -n 40 "$build_dir/build.log" >&2
    exit 1
fi

# Seeds: every value of a vector file, one file each, written again on every run.
write_value_seeds() {
    local vectors="$1" folder="$2"
    rm -rf "$folder"
    mkdir -p "$folder"
    python3 - "$vectors" "$folder" <<'PYTHON'
import csv, os, sys
with open(sys.argv[1], encoding="utf-8", newline="") as file:
    rows = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, row in enumerate(rows):
        with open(os.path.join(sys.argv[2], f"vector-{number:03d}"), "wb") as seed:
            seed.write(row["value"].encode("utf-8"))
PYTHON
}

seeds="$build_dir/seeds"
write_value_seeds "$root/tests/vectors/credit_codes.tsv" "$seeds/credit_code_fuzzer"
write_value_seeds "$root/tests/vectors/id_cards.tsv" "$seeds/id_card_fuzzer"
write_value_seeds "$root/tests/vectors/mobile_numbers.tsv" "$seeds/mobile_fuzzer"

# The table parser starts from a small table the server tests build, as a whole file and as
# a body without its checksum (the target appends one), and from the generated table if any.
rm -rf "$seeds/prefix_table_fuzzer"
mkdir -p "$seeds/prefix_table_fuzzer"
(cd "$root" && python3 - "$seeds/prefix_table_fuzzer" <<'PYTHON'
import os, sys
from tests.server.test_phone_regions import SAMPLE_REGIONS, SAMPLE_RUNS, encode_body, with_checksum
body = encode_body(SAMPLE_REGIONS, SAMPLE_RUNS)
for name, data in (("sample-body", body), ("sample-file", with_checksum(body))):
    with open(os.path.join(sys.argv[1], name), "wb") as seed:
        seed.write(data)
PYTHON
)
table="${PORTAL_PHONE_TABLE:-$root/build/generated/phone_prefixes.bin}"
if [ -f "$table" ]; then
    cp "$table" "$seeds/prefix_table_fuzzer/generated-file"
fi

# Response scripts built from the examples of docs/api.md, and the assistant's questions.
python3 "$root/fuzz/write_seeds.py" "$seeds"

mkdir -p "$build_dir/artifacts"
failed=()
for target in "${targets[@]}"; do
    corpus="$build_dir/corpus/$target"
    mkdir -p "$corpus"
    log="$build_dir/$target.log"
    # The generated table is 23 KB, so inputs of that size are allowed for the table parser.
    max_len=4096
    if [ "$target" = prefix_table_fuzzer ]; then
        max_len=32768
    fi
    # A target with a dictionary (member names and edge values of JSON) gets it.
    options=()
    if [ -f "$seeds/$target.dict" ]; then
        options+=(-dict="$seeds/$target.dict")
    fi
    if "$build_dir/$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 ${options[@]+"${options[@]}"} \
        -artifact_prefix="$build_dir/artifacts/$target-" \
        "$corpus" "$seeds/$target" >"$log" 2>&1; then
        status=ok
    else
        status=FAILED
        failed+=("$target")
    fi
    runs=$(grep -m1 -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 || true)
    printf 'fuzz: %-20s %s, %s executions in %s s, %s, corpus %s inputs\n' "$target" "$status" \
        "$runs" "$seconds" "${coverage:-no coverage line}" "$(ls "$corpus" | wc -l)"
done

if [ ${#failed[@]} -gt 0 ]; then
    for target in "${failed[@]}"; do
        echo "fuzz: $target failed; the end of $build_dir/$target.log:" >&2
        tail -n 30 "$build_dir/$target.log" >&2
    done
    exit 1
fi
