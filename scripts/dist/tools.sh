#!/usr/bin/env bash
# Installs what `make dist` / `make dist-test` need, into ignored folders of the repository only
# (./.cache/...), idempotently; each tool is pinned. Usage: tools.sh [python|rust-targets|qemu|actionlint|dist|all]
#   python        ./.cache/tools/dist-venv: ziglang (a C toolchain and linker for any glibc floor),
#                 cargo-zigbuild (prebuilt, from PyPI), maturin, auditwheel
#   rust-targets  rustup targets for the Linux release builds
#   qemu          Debian's qemu-user-static, unpacked (no root) into ./.cache/tools/qemu
#   actionlint    built from the Go module proxy into ./.cache/tools/bin
#   dist          what the release builds need: python, rust-targets and qemu
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
tools=$root/.cache/tools
PYTHON=${PYTHON:-python3}

ZIGLANG_VERSION=0.17.0
CARGO_ZIGBUILD_VERSION=0.24.0
MATURIN_VERSION=1.16.0
AUDITWHEEL_VERSION=6.8.2
ACTIONLINT_VERSION=v1.7.12
RUST_TARGETS=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl)

python_tools() {
    local venv=$tools/dist-venv
    local stamp=$venv/.installed-$ZIGLANG_VERSION-$CARGO_ZIGBUILD_VERSION-$MATURIN_VERSION-$AUDITWHEEL_VERSION-zig-bin
    [[ -e $stamp ]] && return 0
    rm -rf "$venv"
    "$PYTHON" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        "ziglang==$ZIGLANG_VERSION" "cargo-zigbuild==$CARGO_ZIGBUILD_VERSION" \
        "maturin==$MATURIN_VERSION" "auditwheel==$AUDITWHEEL_VERSION"
    # `zig` beside the tools is the package's binary itself: zig runs once per C file and per
    # link, and `python -m ziglang` would start a Python each time (~40 ms). build.sh points
    # cargo-zigbuild and maturin at it (CARGO_ZIGBUILD_ZIG_COMMAND); napi finds it on PATH.
    ln -sf "$(ls "$venv"/lib/python3*/site-packages/ziglang/zig)" "$venv/bin/zig"
    "$venv/bin/zig" version > /dev/null
    touch "$stamp"
}

rust_targets() {
    local installed
    installed=$(rustup target list --installed)
    local missing=()
    for t in "${RUST_TARGETS[@]}"; do
        grep -qx "$t" <<<"$installed" || missing+=("$t")
    done
    if ((${#missing[@]})); then rustup target add "${missing[@]}"; fi
}

qemu() {
    local dir=$tools/qemu
    [[ -x $dir/usr/bin/qemu-aarch64-static ]] && return 0
    local tmp
    tmp=$(mktemp -d "$root/.cache/qemu-deb.XXXXXX")
    # `apt-get download` needs the package lists; refresh them when the package is unknown.
    (cd "$tmp" && { apt-get download qemu-user-static 2>/dev/null || { apt-get update -qq && apt-get download qemu-user-static; }; })
    rm -rf "$dir" && mkdir -p "$dir"
    dpkg -x "$tmp"/qemu-user-static_*.deb "$tmp/root"
    # Only the one emulator the tests use (the package holds ~35, 370 MB).
    mkdir -p "$dir/usr/bin"
    mv "$tmp/root/usr/bin/qemu-aarch64-static" "$dir/usr/bin/"
    rm -rf "$tmp"
    "$dir/usr/bin/qemu-aarch64-static" --version | head -1
}

actionlint() {
    local bin=$tools/bin/actionlint
    if [[ -x $bin ]] && "$bin" --version | grep -qx "$ACTIONLINT_VERSION"; then return 0; fi
    local go=go
    command -v go >/dev/null || go=/usr/local/go/bin/go
    GOBIN=$tools/bin GOMODCACHE=$root/.cache/go/mod GOCACHE=$root/.cache/go/build GOFLAGS=-modcacherw \
        "$go" install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
}

mkdir -p "$tools/bin"
case ${1:-all} in
    python) python_tools ;;
    rust-targets) rust_targets ;;
    qemu) qemu ;;
    actionlint) actionlint ;;
    dist) python_tools; rust_targets; qemu ;;
    all) python_tools; rust_targets; qemu; actionlint ;;
    *) echo "usage: $0 [python|rust-targets|qemu|actionlint|dist|all]" >&2; exit 2 ;;
esac
