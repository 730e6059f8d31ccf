#!/usr/bin/env bash
# Writes NAME.gz next to every compressible file of a web build folder, and also NAME.br when
# Debian's brotli tool is installed. nginx (gzip_static, brotli_static) and serve.py then send
# these copies instead of compressing on each request. Each copy gets the mtime of its source,
# which serve.py compares to ignore a stale copy. Copies that are up to date are kept, and
# copies whose source is gone are removed.
#
#   tools/precompress.sh [FOLDER]    (default: build/web)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
folder="${1:-$root/build/web}"

# Below this size the compressed copy saves less than a response's headers weigh.
min_bytes=512
# bin: the build's own binary tables (phone_prefixes.bin), which compress to about half.
extensions=(html js mjs css json wasm ttf otf svg txt map bin)

if [ ! -d "$folder" ]; then
    echo "precompress: no such folder: $folder (build it with tools/build.sh web)" >&2
    exit 1
fi
command -v gzip >/dev/null || { echo "precompress: gzip is not installed" >&2; exit 1; }
use_brotli=0
if command -v brotli >/dev/null; then
    use_brotli=1
fi

# Is the compressed copy missing, or has it another mtime than its source?
needs_update() {
    [ ! -f "$2" ] || [ "$(stat -c %Y "$1")" != "$(stat -c %Y "$2")" ]
}

# Moves COPY.part to COPY when it is smaller than the source. nginx's gzip_static sends any copy
# that exists, so a copy of incompressible data would only cost bytes.
keep_if_smaller() {
    local source="$1" copy="$2"
    if [ "$(stat -c %s "$copy.part")" -lt "$(stat -c %s "$source")" ]; then
        touch -r "$source" "$copy.part"
        mv "$copy.part" "$copy"
        written=$((written + 1))
    else
        rm -f "$copy.part" "$copy"
    fi
}

compress_file() {
    local source="$1"
    if needs_update "$source" "$source.gz"; then
        # -n leaves the name and time out of the header, so equal inputs give equal bytes.
        gzip -9 -n -c "$source" > "$source.gz.part"
        keep_if_smaller "$source" "$source.gz"
    fi
    if [ "$use_brotli" = 1 ] && needs_update "$source" "$source.br"; then
        brotli -q 11 -f -o "$source.br.part" "$source"
        keep_if_smaller "$source" "$source.br"
    fi
    local size
    size=$(stat -c %s "$source")
    original_bytes=$((original_bytes + size))
    if [ -f "$source.gz" ]; then
        gzip_bytes=$((gzip_bytes + $(stat -c %s "$source.gz")))
    else
        gzip_bytes=$((gzip_bytes + size))
    fi
}

name_filter=()
copy_filter=()
for extension in "${extensions[@]}"; do
    name_filter+=(-o -name "*.$extension")
    copy_filter+=(-o -name "*.$extension.gz" -o -name "*.$extension.br")
done

written=0
original_bytes=0
gzip_bytes=0
files=0
while IFS= read -r -d '' source; do
    files=$((files + 1))
    compress_file "$source"
done < <(find "$folder" -type f -size +"$((min_bytes - 1))"c \( "${name_filter[@]:1}" \) -print0)

removed=0
while IFS= read -r -d '' copy; do
    if [ ! -f "${copy%.*}" ]; then
        rm -f "$copy"
        removed=$((removed + 1))
    fi
done < <(find "$folder" -type f \( "${copy_filter[@]:1}" \) -print0)

formats="gzip"
if [ "$use_brotli" = 1 ]; then
    formats="gzip and brotli"
fi
echo "precompress: $folder: $files files ($formats), copies written: $written," \
    "stale copies removed: $removed," \
    "gzip total $((gzip_bytes / 1000)) KB of $((original_bytes / 1000)) KB"
