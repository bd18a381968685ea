#!/usr/bin/env bash
# Installs the artifacts in DIST (argument; default ./dist) the way users do, with no cargo or
# rustc on PATH, and runs each against the emulator binary from DIST's own emulator tarball;
# every write is read back, decrypted, from the emulator's /_emulator/ routes. See tests/dist/.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
DIST=$(cd "${1:-$root/dist}" && pwd)
WORK=${CARGO_TARGET_DIR:-$root/target}/dist-build/test
tools=$root/.cache/tools
MVN_REPO=${MVN_REPO:-$root/.cache/m2}

# Resolved before PATH is cut down: the interpreter for the fresh venv (pyenv shims need PATH)
# and the tools the checks use (from ./.cache/tools).
PYTHON=$(python3 -c 'import sys; print(sys.executable)')
TOOLS_PY=$tools/dist-venv/bin/python
QEMU=$tools/qemu/usr/bin/qemu-aarch64-static
for t in "$TOOLS_PY" "$QEMU"; do [[ -x $t ]] || { echo "missing $t (scripts/dist/tools.sh)" >&2; exit 1; }; done

# Users have no Rust toolchain: neither may the checks.
export PATH=/usr/bin:/bin
if command -v cargo > /dev/null || command -v rustc > /dev/null; then
    echo "cargo or rustc on PATH=$PATH" >&2
    exit 1
fi
for t in node npm java mvn curl tar unzip; do command -v "$t" > /dev/null || { echo "dist-test needs $t" >&2; exit 1; }; done
unset GITHUB_TOKEN GH_TOKEN GITHUB_API_URL
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_STATE_HOME=$WORK/home/.local/state

version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$root/Cargo.toml")
passed=0
ok() { passed=$((passed + 1)); printf '\033[1mdist-test ok:\033[0m %s\n' "$*"; }
fail() { printf '\033[1mdist-test FAILED:\033[0m %s\n' "$*" >&2; exit 1; }
# shellcheck disable=SC2154 # status is assigned inside the trap
trap 'status=$?; [[ $status == 0 ]] || echo "dist-test: $passed passed, 1 failed"; [[ -z ${emulator_pid:-} ]] || kill "$emulator_pid" 2> /dev/null || true' EXIT
# `producer | grep -q` can fail under pipefail (grep exits first, the producer gets SIGPIPE):
# listings are captured, then searched.
has() { grep -q -- "$2" <<< "$1"; } # has TEXT PATTERN
check_elf() { "$TOOLS_PY" "$root/scripts/dist/check_elf.py" "$@"; }
one() { # one GLOB: the single file matching it
    # shellcheck disable=SC2206 # the glob is meant to expand
    local matches=($1)
    [[ ${#matches[@]} == 1 && -f ${matches[0]} ]] || fail "expected one file for $1, found: ${matches[*]}"
    echo "${matches[0]}"
}

rm -rf "$WORK" && mkdir -p "$WORK" "$HOME"

# --- checksums --------------------------------------------------------------------------------
(cd "$DIST" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match $DIST"
(cd "$DIST" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort) > "$WORK/files"
cut -d' ' -f3- "$DIST/SHA256SUMS" | LC_ALL=C sort | diff -u - "$WORK/files" > /dev/null || fail "SHA256SUMS does not list every file of $DIST"
ok "SHA256SUMS covers and matches $(wc -l < "$WORK/files") files"

# --- the emulator, from its release tarball ------------------------------------------------------
tar -xzf "$(one "$DIST/cli/codespaces-secrets-emulator-$version-x86_64-unknown-linux-musl.tar.gz")" -C "$WORK"
emulator=$WORK/codespaces-secrets-emulator-$version-x86_64-unknown-linux-musl/codespaces-secrets-emulator
"$emulator" --port 0 --token ghp_distTest > "$WORK/emulator.env" 2> "$WORK/emulator.log" &
emulator_pid=$!
for _ in $(seq 100); do [[ $(wc -l < "$WORK/emulator.env") -ge 2 ]] && break; sleep 0.05; done
# shellcheck disable=SC1091
set -a && source "$WORK/emulator.env" && set +a
[[ -n ${GITHUB_API_URL:-} && -n ${GITHUB_TOKEN:-} ]] || { cat "$WORK/emulator.log"; fail "the emulator did not start"; }
stored() { # stored NAME: the decrypted value the emulator holds for octocat/Hello-World
    curl -sS -f "$GITHUB_API_URL/_emulator/repos/octocat/Hello-World/secrets/$1" \
        | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["value"])'
}

# --- Python: the x86_64 wheel into a fresh venv, offline -----------------------------------------
wheel=$(one "$DIST/python/codespaces_secrets-$version-cp39-abi3-manylinux*_x86_64.whl")
[[ $wheel == *manylinux_2_17_x86_64* ]] || fail "$wheel is not tagged manylinux_2_17"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --no-index --disable-pip-version-check "$wheel"
(cd "$WORK" && "$WORK/venv/bin/python" "$root/tests/dist/python_smoke.py") || fail "python against the wheel"
ok "python wheel $(basename "$wheel")"

# --- Node: the main tarball + the linux-x64-gnu one into a fresh project, offline ----------------
main_tgz=$(one "$DIST/npm/codespaces-secrets-$version.tgz")
x64_tgz=$(one "$DIST/npm/codespaces-secrets-linux-x64-gnu-$version.tgz")
tar -xzOf "$main_tgz" package/package.json | "$PYTHON" -c '
import json, sys
pkg = json.load(sys.stdin)
deps = pkg.get("optionalDependencies", {})
assert deps.get("codespaces-secrets-linux-x64-gnu") == pkg["version"], deps
assert deps.get("codespaces-secrets-linux-arm64-gnu") == pkg["version"], deps
' || fail "the main npm package does not name its platform packages"
if has "$(tar -tzf "$main_tgz")" '\.node$'; then fail "the main npm package carries an addon"; fi
for tgz in "$main_tgz" "$x64_tgz"; do
    has "$(tar -tzf "$tgz")" '^package/LICENSE-APACHE$' || fail "$tgz has no licence text"
done
project=$WORK/npm-consumer
mkdir -p "$project"
printf '{ "name": "dist-consumer", "version": "0.0.0", "private": true }\n' > "$project/package.json"
cp "$root/tests/dist/node/smoke.cjs" "$root/tests/dist/node/smoke.mjs" "$project/"
(cd "$project" && npm install --offline --no-audit --no-fund --loglevel=error \
    --cache "$WORK/npm-cache" "$main_tgz" "$x64_tgz" > "$WORK/npm-install.log" 2>&1) \
    || { cat "$WORK/npm-install.log"; fail "npm install of the tarballs"; }
[[ ! -e $project/node_modules/codespaces-secrets/codespaces-secrets.linux-x64-gnu.node ]] || fail "addon beside the loader"
(cd "$project" && node smoke.cjs && node smoke.mjs) || fail "node against the npm packages"
[[ $(stored DIST_NODE_CJS) == "from require" && $(stored DIST_NODE_ESM) == "from import" ]] || fail "node values"
ok "npm $(basename "$main_tgz") + $(basename "$x64_tgz"): require and import"

# --- Kotlin: a separate Maven project on the coordinates, from dist/maven only --------------------
jar=$(one "$DIST/maven/io/codespacessecrets/codespaces-secrets/$version/codespaces-secrets-$version.jar")
pom=${jar%.jar}.pom
for dep in net.java.dev.jna:jna org.jetbrains.kotlinx:kotlinx-coroutines-core-jvm; do
    "$PYTHON" - "$pom" "$dep" <<'PY' || fail "the pom does not declare $dep"
import sys, xml.etree.ElementTree as ET
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
group, artifact = sys.argv[2].split(":")
deps = ET.parse(sys.argv[1]).getroot().findall("m:dependencies/m:dependency", ns)
assert any(d.findtext("m:groupId", namespaces=ns) == group and d.findtext("m:artifactId", namespaces=ns) == artifact
           and d.findtext("m:scope", namespaces=ns) in (None, "compile", "runtime") for d in deps)
PY
done
[[ -f ${jar%.jar}-sources.jar ]] || fail "no sources jar"
has "$(unzip -Z1 "${jar%.jar}-sources.jar")" '^io/codespacessecrets/.*\.kt$' || fail "the sources jar has no Kotlin"
listing=$(unzip -Z1 "$jar")
for prefix in linux-x86-64 linux-aarch64; do
    has "$listing" "^$prefix/libcodespaces_secrets_ffi\.so$" || fail "$jar lacks $prefix/libcodespaces_secrets_ffi.so"
done
unzip -p "$jar" linux-aarch64/libcodespaces_secrets_ffi.so > "$WORK/ffi-aarch64.so"
unzip -p "$jar" linux-x86-64/libcodespaces_secrets_ffi.so > "$WORK/ffi-x86_64.so"
check_elf --arch aarch64 --glibc 2.17 --stripped "$WORK/ffi-aarch64.so" > /dev/null || fail "jar: aarch64 library"
check_elf --arch x86_64 --glibc 2.17 --stripped "$WORK/ffi-x86_64.so" > /dev/null || fail "jar: x86_64 library"
# The artifact comes from dist/maven, never from a copy an earlier build left in the local repo.
rm -rf "$MVN_REPO/io/codespacessecrets/codespaces-secrets"
consumer=$WORK/kotlin-consumer
(cd "$root/tests/dist/kotlin-consumer" && mvn --batch-mode --no-transfer-progress --quiet -Dstyle.color=never -Dmaven.repo.local="$MVN_REPO" \
    -Ddist.maven.url="file://$DIST/maven" -Dconsumer.build.dir="$consumer" -Dcodespaces-secrets.version="$version" compile) \
    || fail "the Kotlin consumer does not build against dist/maven"
grep -qF "$MVN_REPO/io/codespacessecrets/codespaces-secrets/$version/codespaces-secrets-$version.jar" "$consumer/classpath.txt" \
    || fail "classpath without the artifact"
cmp -s "$jar" "$MVN_REPO/io/codespacessecrets/codespaces-secrets/$version/codespaces-secrets-$version.jar" || fail "resolved jar differs from dist's"
java -cp "$consumer/classes:$(cat "$consumer/classpath.txt")" MainKt DIST_KOTLIN "from the jar" || fail "the Kotlin program"
[[ $(stored DIST_KOTLIN) == "from the jar" ]] || fail "kotlin value"
ok "maven io.codespacessecrets:codespaces-secrets:$version: a consumer compiles and runs (java -cp, no jna.library.path)"

# --- CLI: x86_64 from its tarball; aarch64 under qemu ---------------------------------------------
for target in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
    tar -xzf "$(one "$DIST/cli/codespaces-secrets-$version-$target.tar.gz")" -C "$WORK"
    dir=$WORK/codespaces-secrets-$version-$target
    for f in codespaces-secrets README.md LICENSE-MIT LICENSE-APACHE; do [[ -f $dir/$f ]] || fail "$target tarball lacks $f"; done
    check_elf --arch "${target%%-*}" --static --stripped "$dir/codespaces-secrets" > /dev/null || fail "$target CLI is not a static stripped ${target%%-*} binary"
done
cli=$WORK/codespaces-secrets-$version-x86_64-unknown-linux-musl/codespaces-secrets
has "$("$cli" --version)" "$version" || fail "x86_64 CLI --version"
printf 'from the cli' | "$cli" --repo octocat/Hello-World set DIST_CLI > "$WORK/cli.out" || fail "x86_64 CLI set"
[[ $(stored DIST_CLI) == "from the cli" ]] || fail "cli value"
ok "cli x86_64 (static): --version, set"
cli_arm=$WORK/codespaces-secrets-$version-aarch64-unknown-linux-musl/codespaces-secrets
has "$("$QEMU" "$cli_arm" --version)" "$version" || fail "aarch64 CLI --version under qemu"
printf 'from aarch64' | "$QEMU" "$cli_arm" --repo octocat/Hello-World set DIST_CLI_ARM > "$WORK/cli-arm.out" || fail "aarch64 CLI set under qemu"
[[ $(stored DIST_CLI_ARM) == "from aarch64" ]] || fail "aarch64 cli value"
ok "cli aarch64 (static) under qemu-aarch64-static: --version, set"

# --- aarch64 artifacts: ELF machine and glibc floor -----------------------------------------------
arm_wheel=$(one "$DIST/python/codespaces_secrets-$version-cp39-abi3-manylinux*_aarch64.whl")
[[ $arm_wheel == *manylinux_2_17_aarch64* ]] || fail "$arm_wheel is not tagged manylinux_2_17"
check_elf --arch aarch64 --glibc 2.17 --stripped "$arm_wheel" || fail "aarch64 wheel"
arm_tgz=$(one "$DIST/npm/codespaces-secrets-linux-arm64-gnu-$version.tgz")
check_elf --arch aarch64 --glibc 2.17 --stripped "$arm_tgz" || fail "linux-arm64-gnu npm package"
check_elf --arch x86_64 --glibc 2.17 --stripped "$x64_tgz" "$wheel" || fail "x86_64 wheel / npm package"
tar -xzOf "$arm_tgz" package/package.json | "$PYTHON" -c '
import json, sys
pkg = json.load(sys.stdin)
assert (pkg["os"], pkg["cpu"], pkg["libc"]) == (["linux"], ["arm64"], ["glibc"]), pkg
assert pkg["main"] == "codespaces-secrets.linux-arm64-gnu.node", pkg
' || fail "linux-arm64-gnu package.json"
ok "aarch64 wheel, .node and .so: EM_AARCH64, glibc floor <= 2.17, stripped"

# --- Rust crates: self-contained ------------------------------------------------------------------
for c in codespaces-secrets-core codespaces-secrets-transport codespaces-secrets codespaces-secrets-emulator codespaces-secrets-cli; do
    crate=$(one "$DIST/crates/$c-$version.crate")
    listing=$(tar -tzf "$crate")
    for f in Cargo.toml README.md LICENSE-MIT LICENSE-APACHE src/lib.rs; do
        [[ $f == src/lib.rs && $c == codespaces-secrets-cli ]] && f=src/main.rs
        grep -qx "$c-$version/$f" <<< "$listing" || fail "$crate lacks $f"
    done
    if has "$(tar -xzOf "$crate" "$c-$version/Cargo.toml")" '^path = "\.\./'; then fail "$crate keeps a path dependency"; fi
done
ok "crates: README, licences, no path dependencies"

echo "dist-test: $passed passed, 0 failed"
