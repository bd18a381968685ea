#!/usr/bin/env bash
# Builds the release artifacts into $DIST (default ./dist); `make dist` runs `build.sh all`.
#
#   build.sh all                       everything below for the Linux targets this machine builds:
#                                      `binaries` (every build), then `packages` (npm, maven, sums)
#   build.sh python-sdist              dist/python/codespaces_secrets-<v>.tar.gz
#   build.sh python TARGET             dist/python/*.whl (abi3; manylinux2014 for *-linux-gnu)
#   build.sh node TARGET               $WORK/node/<platform>/*.node (packed by npm-pack), and the
#                                      index.js / index.d.ts napi generated, in generated/ beside it
#   build.sh npm-pack                  dist/npm/*.tgz: one package per built platform + the main one
#   build.sh ffi TARGET                $WORK/jna/<jna-prefix>/ (the Kotlin library's native part)
#   build.sh maven                     dist/maven/: io.codespacessecrets:codespaces-secrets (jar, sources, javadoc, pom)
#   build.sh cli TARGET                dist/cli/codespaces-secrets{,-emulator}-<v>-<target>.tar.gz (.zip on Windows)
#   build.sh crates                    dist/crates/*.crate (cargo package; VERIFY=0 skips the build of each)
#   build.sh sums                      dist/SHA256SUMS over every other file in dist/
#   build.sh sizes                     prints the size of each artifact
#
# Linux targets are built with zig as C compiler and linker (maturin --zig, cargo-zigbuild), so
# glibc targets are linked against glibc 2.17 and musl ones statically; other targets (macOS,
# Windows: the release workflow's runners) with the host toolchain. For a glibc target, build
# `python` before `node` and `ffi`: they reuse its build (see zig_env).
#
# Environment: PROFILE (cargo profile: `dist`, or `dist-test` for `make dist-test`), DIST (output
# dir), CARGO_TARGET_DIR (the builds go to $CARGO_TARGET_DIR/dist-build/...), UNIFFI_KOTLIN (the
# generated Kotlin sources, `make kotlin`), MVN (the Maven command line), JOBS (cargo -j).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
PROFILE=${PROFILE:-dist}
DIST=$(mkdir -p "${DIST:-$root/dist}" && cd "${DIST:-$root/dist}" && pwd)
BUILD=${CARGO_TARGET_DIR:-$root/target}/dist-build
WORK=$BUILD/work-$PROFILE
JOBS=${JOBS:-2}
UNIFFI_KOTLIN=${UNIFFI_KOTLIN:-${CARGO_TARGET_DIR:-$root/target}/uniffi/kotlin}
MVN=${MVN:-mvn --batch-mode --no-transfer-progress -Dmaven.repo.local=$root/.cache/m2}
tools=$root/.cache/tools

# Tools, zig's and cargo-zigbuild's caches: in ignored folders of the repository only.
export PATH=$tools/dist-venv/bin:$tools/bin:$PATH
export XDG_CACHE_HOME=$root/.cache/xdg
export ZIG_GLOBAL_CACHE_DIR=$root/.cache/xdg/zig
# zig itself, not `python -m ziglang`: no Python start per C file and per link (tools.sh).
if [[ -x $tools/dist-venv/bin/zig ]]; then
    export CARGO_ZIGBUILD_ZIG_COMMAND=$tools/dist-venv/bin/zig CARGO_ZIGBUILD_ZIG_COMMAND_ARGS=
fi

host=$(rustc -vV | sed -n 's/^host: //p')
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
[[ -n $version ]] || { echo "no [workspace.package] version in Cargo.toml" >&2; exit 1; }

say() { printf '\033[1mdist:\033[0m %s (%s)\n' "$*" "$(date +%T)" >&2; }
is_linux() { [[ $1 == *-linux-* ]]; }

# One target dir per "is the target the host", shared by every tool's build of such targets:
# with the zig settings for the host triple, build scripts and proc-macros are built differently,
# so sharing a dir between the two kinds would rebuild everything on every switch.
target_dir() { # target_dir TARGET
    local kind=cross
    [[ $1 == "$host" ]] && kind=host
    echo "$BUILD/zig-$kind"
}

# The cargo --target spelling: glibc Linux targets carry zig's glibc floor.
zig_target() {
    case $1 in
        *-linux-gnu) echo "$1.2.17" ;;
        *) echo "$1" ;;
    esac
}

# napi's platform name for a Rust target (the npm/<platform> folder, the .node suffix).
node_platform() {
    case $1 in
        x86_64-unknown-linux-gnu) echo linux-x64-gnu ;;
        aarch64-unknown-linux-gnu) echo linux-arm64-gnu ;;
        x86_64-unknown-linux-musl) echo linux-x64-musl ;;
        aarch64-unknown-linux-musl) echo linux-arm64-musl ;;
        x86_64-apple-darwin) echo darwin-x64 ;;
        aarch64-apple-darwin) echo darwin-arm64 ;;
        x86_64-pc-windows-msvc) echo win32-x64-msvc ;;
        *) echo "no npm platform for $1" >&2; return 1 ;;
    esac
}

# JNA's resource prefix for a Rust target, and the library's file name there.
jna_prefix() {
    case $1 in
        x86_64-unknown-linux-gnu) echo linux-x86-64 ;;
        aarch64-unknown-linux-gnu) echo linux-aarch64 ;;
        x86_64-apple-darwin) echo darwin-x86-64 ;;
        aarch64-apple-darwin) echo darwin-aarch64 ;;
        x86_64-pc-windows-msvc) echo win32-x86-64 ;;
        *) echo "no JNA prefix for $1" >&2; return 1 ;;
    esac
}
ffi_file() {
    case $1 in
        *-apple-*) echo libcodespaces_secrets_ffi.dylib ;;
        *-windows-*) echo codespaces_secrets_ffi.dll ;;
        *) echo libcodespaces_secrets_ffi.so ;;
    esac
}

check_elf() { "$tools/dist-venv/bin/python" "$root/scripts/dist/check_elf.py" "$@"; }
arch_of() { echo "${1%%-*}"; }

# The wheel, the addon and the JNA library of a glibc target are three cdylibs over mostly the
# same crates. maturin --zig builds the wheel; the environment it gives cargo (zig as C compiler,
# archiver and linker for the target, at glibc 2.17) is recorded, and the addon and the library
# are built with that same environment in the same target dir, so cargo reuses each unit they
# share (aws-lc's C, tokio, hyper, serde, ...). With cargo-zigbuild's own wrappers (equivalent,
# but at other paths) those units were built again: cc-based build scripts rerun when CC changes.
zig_env() { echo "$WORK/zig-env-$1"; }

# A directory whose `cargo` records its environment into $(zig_env TARGET), then runs cargo.
recording_cargo() { # recording_cargo TARGET
    local dir=$WORK/recording-cargo/$1 real
    real=$(command -v cargo)
    mkdir -p "$dir"
    rm -f "$(zig_env "$1")"
    cat > "$dir/cargo" <<SH
#!/bin/sh
if [ "\$1" = rustc ]; then env > "$(zig_env "$1")"; fi
exec "$real" "\$@"
SH
    chmod +x "$dir/cargo"
    echo "$dir"
}

# with_zig_env TARGET CMD...: CMD with the recorded compiler and linker settings of TARGET.
with_zig_env() {
    local file
    file=$(zig_env "$1")
    shift
    [[ -s $file ]] || { echo "no zig settings recorded in $file: build.sh python first" >&2; return 1; }
    (
        while IFS= read -r line; do
            case $line in
                CC_*=* | CXX_*=* | AR_*=* | RANLIB_*=* | CMAKE_TOOLCHAIN_FILE_*=* | BINDGEN_EXTRA_CLANG_ARGS_*=* | \
                    CARGO_TARGET_*_LINKER=* | CARGO_TARGET_APPLIES_TO_HOST=* | CARGO_UNSTABLE_TARGET_APPLIES_TO_HOST=* | \
                    CARGO_ZIGBUILD_*=* | ZIG_COMMAND=* | __CARGO_TEST_CHANNEL_OVERRIDE_DO_NOT_USE_THIS=*)
                    export "${line?}" ;;
            esac
        done < "$file"
        "$@"
    )
}

python_sdist() {
    say "python sdist"
    mkdir -p "$DIST/python"
    rm -f "$DIST/python"/codespaces_secrets-*.tar.gz
    (cd bindings/python && maturin sdist --out "$DIST/python")
}

python_wheel() { # python_wheel TARGET
    local target=$1 args=()
    say "python wheel $target ($PROFILE)"
    mkdir -p "$DIST/python"
    if is_linux "$target"; then args=(--zig --compatibility manylinux2014); fi
    local out=$WORK/wheel-$target
    rm -rf "$out"
    local record=()
    if [[ $target == *-linux-gnu ]]; then record=(env PATH="$(recording_cargo "$target"):$PATH"); fi
    (cd bindings/python && CARGO_TARGET_DIR=$(target_dir "$target") \
        "${record[@]}" maturin build --quiet "${args[@]}" --target "$target" --profile "$PROFILE" --out "$out" -j "$JOBS")
    local wheel
    wheel=$(ls "$out"/*.whl)
    if is_linux "$target"; then
        # The tag must be true: auditwheel reads the symbol versions and names the tag they allow.
        local arch
        arch=$(arch_of "$target")
        local report
        report=$(auditwheel show "$wheel")
        grep -q "consistent with the following platform tag: \"manylinux_2_17_$arch\"" <<< "$(tr -s ' \n' ' ' <<< "$report")" \
            || { echo "$report"; echo "auditwheel: $wheel is not manylinux_2_17_$arch" >&2; exit 1; }
        check_elf --arch "$arch" --glibc 2.17 --stripped "$wheel"
    fi
    rm -f "$DIST/python/$(basename "$wheel")"
    cp "$wheel" "$DIST/python/"
}

node_addon() { # node_addon TARGET
    local target=$1 platform args=()
    platform=$(node_platform "$target")
    say "node addon $target ($PROFILE)"
    local env=()
    case $target in
        *-linux-gnu) env=(with_zig_env "$target") ;;      # the wheel's build, reused (zig_env)
        *-linux-*) args=(-x) ;;                           # cargo-zigbuild
    esac
    local out=$WORK/node/$platform
    rm -rf "$out" && mkdir -p "$out"
    # The packages take the committed index.js / index.d.ts; those generated here are kept in
    # generated/ for `make node-test-dist` to check that the committed ones are current.
    (cd bindings/node && "${env[@]}" node_modules/.bin/napi build --platform "${args[@]}" --target "$target" --profile "$PROFILE" \
        --target-dir "$(target_dir "$target")" --output-dir "$out/gen" -- --quiet -j "$JOBS")
    mv "$out/gen/codespaces-secrets.$platform.node" "$out/"
    mv "$out/gen" "$out/generated"
    case $target in
        *-linux-gnu) check_elf --arch "$(arch_of "$target")" --glibc 2.17 --stripped "$out"/*.node ;;
    esac
}

npm_pack() {
    say "npm packages"
    mkdir -p "$DIST/npm"
    rm -f "$DIST/npm"/*.tgz
    local stage=$WORK/npm-stage platforms=()
    rm -rf "$stage"
    for dir in "$WORK"/node/*/; do
        local platform
        platform=$(basename "$dir")
        platforms+=("$platform")
        mkdir -p "$stage/$platform"
        cp bindings/node/npm/"$platform"/{package.json,README.md} LICENSE-MIT LICENSE-APACHE "$dir"/*.node "$stage/$platform/"
        (cd "$stage/$platform" && npm pack --ignore-scripts --silent --pack-destination "$DIST/npm" > /dev/null)
    done
    ((${#platforms[@]})) || { echo "no node addon built (build.sh node TARGET)" >&2; exit 1; }
    # The main package: the loader, the types, and napi's layout: every platform package as an
    # optional dependency at this exact version (what `napi prepublish` adds at publish time;
    # npm installs the one whose os/cpu/libc match). With ALL_PLATFORMS=1 (the release) every
    # folder under bindings/node/npm is named, not only those built here.
    mkdir -p "$stage/main"
    cp bindings/node/{index.js,index.d.ts,README.md} LICENSE-MIT LICENSE-APACHE "$stage/main/"
    local named=("${platforms[@]}")
    if [[ ${ALL_PLATFORMS:-0} == 1 ]]; then
        named=()
        for dir in bindings/node/npm/*/; do named+=("$(basename "$dir")"); done
    fi
    CARGO_VERSION=$version node - "$root/bindings/node/package.json" "$stage/main/package.json" "${named[@]}" <<'JS'
const fs = require('fs')
const path = require('path')
const [src, dest, ...platforms] = process.argv.slice(2)
const pkg = JSON.parse(fs.readFileSync(src, 'utf8'))
// One version everywhere: Cargo.toml, the main package, every platform package.
for (const file of [src, ...platforms.map((p) => path.join(path.dirname(src), 'npm', p, 'package.json'))]) {
  const { version } = JSON.parse(fs.readFileSync(file, 'utf8'))
  if (version !== process.env.CARGO_VERSION) {
    console.error(`${file} has version ${version}, Cargo.toml ${process.env.CARGO_VERSION}`)
    process.exit(1)
  }
}
pkg.optionalDependencies = Object.fromEntries(platforms.map((p) => [`${pkg.name}-${p}`, pkg.version]))
// What a consumer never needs: the build's tools and scripts.
delete pkg.devDependencies
delete pkg.overrides
delete pkg.scripts
fs.writeFileSync(dest, JSON.stringify(pkg, null, 2) + '\n')
JS
    (cd "$stage/main" && npm pack --ignore-scripts --silent --pack-destination "$DIST/npm" > /dev/null)
    ls "$DIST/npm"
}

ffi_library() { # ffi_library TARGET
    local target=$1 prefix file
    prefix=$(jna_prefix "$target")
    file=$(ffi_file "$target")
    say "ffi library $target ($PROFILE)"
    local cargo=(cargo) spelled=$target
    case $target in
        *-linux-gnu) cargo=(with_zig_env "$target" cargo) ;;      # the wheel's build, reused (zig_env)
        *-linux-*) cargo=(cargo-zigbuild); spelled=$(zig_target "$target") ;;
    esac
    # Only the cdylib JNA loads (the crate also declares a staticlib for the XCFramework).
    CARGO_TARGET_DIR=$(target_dir "$target") "${cargo[@]}" rustc --quiet -j "$JOBS" -p codespaces-secrets-ffi \
        --lib --crate-type cdylib --target "$spelled" --profile "$PROFILE"
    mkdir -p "$WORK/jna/$prefix"
    cp "$(target_dir "$target")/$target/$PROFILE/$file" "$WORK/jna/$prefix/$file"
    case $target in
        *-linux-gnu) check_elf --arch "$(arch_of "$target")" --glibc 2.17 --stripped "$WORK/jna/$prefix/$file" ;;
    esac
}

maven() {
    say "maven artifact"
    [[ -d $WORK/jna ]] || { echo "no native library built (build.sh ffi TARGET)" >&2; exit 1; }
    [[ -n $(ls "$UNIFFI_KOTLIN"/io/codespacessecrets/*.kt 2>/dev/null) ]] \
        || { echo "no generated Kotlin in $UNIFFI_KOTLIN (make kotlin)" >&2; exit 1; }
    local pom_version
    pom_version=$(sed -n '0,/<version>/s|.*<version>\(.*\)</version>.*|\1|p' bindings/uniffi/maven/pom.xml)
    [[ $pom_version == "$version" ]] || { echo "bindings/uniffi/maven/pom.xml has $pom_version, Cargo.toml $version" >&2; exit 1; }
    local args=(-Duniffi.kotlin.sources="$UNIFFI_KOTLIN" -Dnative.dir="$WORK/jna" -Ddist.build.dir="$WORK/maven-target"
        -Dmaven.install.skip=true)
    if [[ ${MAVEN_PUBLISH:-0} == 1 ]]; then
        # The release: signed and uploaded to Maven Central (-P release; credentials in settings.xml).
        # shellcheck disable=SC2086 # MVN is a command line
        (cd bindings/uniffi/maven && $MVN --quiet deploy -P release "${args[@]}")
        return
    fi
    rm -rf "$DIST/maven" && mkdir -p "$DIST/maven"
    # A Maven repository folder, laid out as Central's (pom, jars, checksums, maven-metadata.xml).
    # shellcheck disable=SC2086 # MVN is a command line
    (cd bindings/uniffi/maven && $MVN --quiet deploy "${args[@]}" -DaltDeploymentRepository=dist::file://"$DIST/maven")
    find "$DIST/maven" -name '*.jar' | sort
}

cli() { # cli TARGET
    local target=$1
    say "cli $target ($PROFILE)"
    local cargo=(cargo) spelled=$target exe=
    if is_linux "$target"; then cargo=(cargo-zigbuild); spelled=$(zig_target "$target"); fi
    [[ $target == *-windows-* ]] && exe=.exe
    local dir
    dir=$(target_dir "$target")
    CARGO_TARGET_DIR=$dir "${cargo[@]}" build --quiet -j "$JOBS" -p codespaces-secrets-cli -p codespaces-secrets-emulator \
        --bins --target "$spelled" --profile "$PROFILE"
    mkdir -p "$DIST/cli"
    local bin
    for bin in codespaces-secrets codespaces-secrets-emulator; do
        local name=$bin-$version-$target
        local stage=$WORK/cli/$name
        rm -rf "$stage" && mkdir -p "$stage"
        cp "$dir/$target/$PROFILE/$bin$exe" LICENSE-MIT LICENSE-APACHE "$stage/"
        if [[ $bin == codespaces-secrets ]]; then cp crates/cli/README.md "$stage/"; else cp crates/emulator/README.md "$stage/"; fi
        if [[ $target == *-linux-musl ]]; then check_elf --arch "$(arch_of "$target")" --static --stripped "$stage/$bin"; fi
        if [[ -n $exe ]]; then
            # Windows: a zip (Git Bash has no `zip`; the runners have 7-Zip).
            rm -f "$DIST/cli/$name.zip"
            if command -v zip > /dev/null; then (cd "$WORK/cli" && zip -qr "$DIST/cli/$name.zip" "$name")
            else (cd "$WORK/cli" && 7z a -tzip -bd "$DIST/cli/$name.zip" "$name" > /dev/null); fi
        elif [[ $(tar --version 2> /dev/null) == *"GNU tar"* ]]; then
            # Reproducible: fixed owner and mtime, sorted names.
            tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$WORK/cli" -czf "$DIST/cli/$name.tar.gz" "$name"
        else
            tar -C "$WORK/cli" -czf "$DIST/cli/$name.tar.gz" "$name"
        fi
    done
}

crates() {
    say "crates (cargo package${VERIFY:+, VERIFY=$VERIFY})"
    local args=()
    [[ ${VERIFY:-1} == 0 ]] && args=(--no-verify)
    local crates=(codespaces-secrets-core codespaces-secrets-transport codespaces-secrets codespaces-secrets-emulator codespaces-secrets-cli)
    local pkgs=()
    for c in "${crates[@]}"; do pkgs+=(-p "$c"); done
    # Packaged together: cargo resolves the unpublished path dependencies among them locally.
    CARGO_TARGET_DIR=$BUILD/package cargo package --quiet --locked --allow-dirty -j "$JOBS" "${args[@]}" "${pkgs[@]}"
    rm -rf "$DIST/crates" && mkdir -p "$DIST/crates"
    for c in "${crates[@]}"; do
        local file=$BUILD/package/package/$c-$version.crate
        # Self-contained: README and both licence texts inside each crate.
        local listing
        listing=$(tar -tzf "$file")
        for f in README.md LICENSE-MIT LICENSE-APACHE Cargo.toml; do
            grep -qx "$c-$version/$f" <<<"$listing" || { echo "$file lacks $f" >&2; exit 1; }
        done
        cp "$file" "$DIST/crates/"
    done
    ls "$DIST/crates"
}

sums() {
    say "SHA256SUMS"
    rm -f "$DIST/SHA256SUMS"
    (cd "$DIST" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > "$WORK/SHA256SUMS")
    mv "$WORK/SHA256SUMS" "$DIST/SHA256SUMS"
    wc -l < "$DIST/SHA256SUMS" | xargs echo "files in $DIST/SHA256SUMS:"
}

sizes() {
    (cd "$DIST" && find . -type f \( -name '*.whl' -o -name '*.tar.gz' -o -name '*.tgz' -o -name '*.jar' -o -name '*.crate' -o -name '*.zip' \) \
        | LC_ALL=C sort | xargs ls -l | awk '{ printf "%10.2f MiB  %s\n", $5 / 1048576, $9 }')
    local f
    for f in "$WORK"/node/*/*.node "$WORK"/jna/*/* "$WORK"/cli/*/codespaces-secrets "$WORK"/cli/*/codespaces-secrets-emulator; do
        [[ -f $f ]] && ls -l "$f" | awk -v w="$WORK/" '{ sub(w, "", $9); printf "%10.2f MiB  (unpacked) %s\n", $5 / 1048576, $9 }'
    done
}

# The Linux targets this machine builds (the release workflow adds macOS and Windows).
GNU_TARGETS=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu)
MUSL_TARGETS=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl)

# Every build (make test's Python and Node suites run on the x86_64 wheel and addon from here).
binaries() {
    "$root/scripts/dist/tools.sh" python
    "$root/scripts/dist/tools.sh" rust-targets
    rm -rf "$WORK/node" "$WORK/jna"
    python_sdist
    for t in "${GNU_TARGETS[@]}"; do python_wheel "$t"; node_addon "$t"; ffi_library "$t"; done
    for t in "${MUSL_TARGETS[@]}"; do cli "$t"; done
    crates
}

# What is packed from those builds: the npm packages, the Maven artifact, the checksums.
packages() {
    npm_pack
    maven
    sums
    sizes
}

all() {
    binaries
    packages
}

step=${1:-all}
shift || true
case $step in
    all) all ;;
    binaries) binaries ;;
    packages) packages ;;
    python-sdist) python_sdist ;;
    python) python_wheel "$@" ;;
    node) node_addon "$@" ;;
    npm-pack) npm_pack ;;
    ffi) ffi_library "$@" ;;
    maven) maven ;;
    cli) cli "$@" ;;
    crates) crates ;;
    sums) sums ;;
    sizes) sizes ;;
    *) echo "unknown step $step (see the top of $0)" >&2; exit 2 ;;
esac
