#!/usr/bin/env bash
# Installs what the project needs on a Debian 12 machine, skipping whatever is already there:
# Debian packages, npm packages from package-lock.json, and the Dear ImGui source archive.
# A second run does nothing slow.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

debian_packages=(
    cmake make g++ python3 nodejs xz-utils ca-certificates curl
    emscripten nlohmann-json3-dev googletest libgtest-dev libbenchmark-dev
    fonts-wqy-microhei fonttools chromium libphonenumber-dev nginx wrk
    clang-14 libclang-rt-14-dev zlib1g-dev
)

imgui_version="1.92.2b"
imgui_archive="imgui_${imgui_version}+ds.orig.tar.xz"
imgui_sha256="e7bd201d56b5ee90d24d5dac85e5c12f98bdb95410252a62d27b7f89e4566d48"
imgui_dir="third_party/imgui-${imgui_version}"

log() { printf 'setup: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debian_packages() {
    local missing=()
    for package in "${debian_packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed'; then
            missing+=("$package")
        fi
    done
    # Some machines carry a Node.js build that bundles npm; Debian's npm would conflict with it.
    if ! command -v npm >/dev/null; then
        missing+=(npm)
    fi
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

install_npm_packages() {
    local stamp="node_modules/.package-lock.json"
    if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ]; then
        return
    fi
    log "installing npm packages from package-lock.json"
    # Playwright drives Debian's Chromium; it must never download a browser of its own.
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
}

# Prints the base URI of the Debian archive that apt on this machine is configured with.
debian_mirror() {
    local uri
    uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '{print $2}' | grep -v -- '-security' | head -n 1 || true)
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri=$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
    fi
    printf '%s' "${uri%/}"
}

archive_is_valid() {
    [ -f "$1" ] && echo "${imgui_sha256}  $1" | sha256sum --check --status
}

fetch_imgui() {
    if [ -f "$imgui_dir/.sha256" ] && [ "$(cat "$imgui_dir/.sha256")" = "$imgui_sha256" ]; then
        return
    fi
    mkdir -p third_party
    local archive="third_party/$imgui_archive"
    if ! archive_is_valid "$archive"; then
        local mirror
        mirror=$(debian_mirror)
        if [ -n "$mirror" ]; then
            log "downloading Dear ImGui ${imgui_version} from the configured Debian mirror"
            curl -fsSL --retry 3 -o "$archive.part" "$mirror/pool/main/i/imgui/$imgui_archive" \
                && mv "$archive.part" "$archive" || rm -f "$archive.part"
        fi
    fi
    if ! archive_is_valid "$archive"; then
        # The pool drops a version once Debian moves past it: accept a local copy instead.
        local fallback="${IMGUI_ARCHIVE:-$root/../shared/cache/$imgui_archive}"
        if archive_is_valid "$fallback"; then
            log "using the local Dear ImGui archive $fallback"
            cp "$fallback" "$archive"
        fi
    fi
    if ! archive_is_valid "$archive"; then
        log "Dear ImGui ${imgui_version}: no archive with SHA-256 ${imgui_sha256}"
        log "download $imgui_archive from a Debian mirror and set IMGUI_ARCHIVE=/path/to/it"
        exit 1
    fi
    rm -rf "$imgui_dir"
    tar -xJf "$archive" -C third_party
    echo "$imgui_sha256" > "$imgui_dir/.sha256"
}

install_debian_packages
install_npm_packages
fetch_imgui
