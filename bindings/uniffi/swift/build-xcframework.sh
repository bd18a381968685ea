#!/usr/bin/env bash
# macOS with Xcode and rustup: builds CodespacesSecretsFFI.xcframework (static libraries for iOS
# devices, the iOS simulator and macOS, with the release-small profile) and the generated
# CodespacesSecrets.swift beside Package.swift, so `swift build` / Xcode can use this package.
#
# Not run in this repository's CI (Linux, no Swift toolchain): see ../README.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
profile=${PROFILE:-release-small}
target_dir=${CARGO_TARGET_DIR:-$root/target}
lib=libcodespaces_secrets_ffi.a
build=$here/build

ios=(aarch64-apple-ios)
simulator=(aarch64-apple-ios-sim x86_64-apple-ios)
macos=(aarch64-apple-darwin x86_64-apple-darwin)

rustup target add "${ios[@]}" "${simulator[@]}" "${macos[@]}"
# iOS is built without the `desktop` feature: no `gh` step (iOS forbids spawning) and no GitHub App
# signing (an App's key must never ship inside an app). macOS keeps both.
for target in "${ios[@]}" "${simulator[@]}" "${macos[@]}"; do
    case $target in *-apple-ios*) features=(--no-default-features) ;; *) features=() ;; esac
    cargo build --manifest-path "$root/Cargo.toml" -p codespaces-secrets-ffi "${features[@]}" --profile "$profile" --target "$target"
done

# One fat library per platform: xcframework wants one library per platform and variant.
rm -rf "$build" && mkdir -p "$build/ios" "$build/simulator" "$build/macos"
fat() { # fat <output> <targets...>
    local out=$1; shift
    local inputs=()
    for target in "$@"; do inputs+=("$target_dir/$target/$profile/$lib"); done
    lipo -create "${inputs[@]}" -output "$out"
}
fat "$build/ios/$lib" "${ios[@]}"
fat "$build/simulator/$lib" "${simulator[@]}"
fat "$build/macos/$lib" "${macos[@]}"

# The Swift, header and module map, read by the pinned bindgen from an unstripped (debug) host
# build: release-small strips the symbol table the interface metadata is found through. The
# interface and its checksums are the same in every profile.
cargo build --manifest-path "$root/Cargo.toml" -p codespaces-secrets-ffi -p codespaces-secrets-uniffi-bindgen
"$target_dir/debug/uniffi-bindgen" generate --library "$target_dir/debug/libcodespaces_secrets_ffi.dylib" \
    --language swift --out-dir "$build/generated"

# Headers in a folder named after the module, so several xcframeworks' module maps never collide.
headers=$build/headers/CodespacesSecretsFFI
mkdir -p "$headers"
cp "$build/generated/CodespacesSecretsFFI.h" "$headers/"
cp "$build/generated/CodespacesSecretsFFI.modulemap" "$headers/module.modulemap"

rm -rf "$here/CodespacesSecretsFFI.xcframework"
xcodebuild -create-xcframework \
    -library "$build/ios/$lib" -headers "$build/headers" \
    -library "$build/simulator/$lib" -headers "$build/headers" \
    -library "$build/macos/$lib" -headers "$build/headers" \
    -output "$here/CodespacesSecretsFFI.xcframework"
cp "$build/generated/CodespacesSecrets.swift" "$here/Sources/CodespacesSecrets/"
echo "built $here/CodespacesSecretsFFI.xcframework; try: cd $here && swift build"

# The release: the XCFramework as a zip, its SwiftPM checksum, and (with RELEASE_URL, the URL the
# zip will be downloaded from) the binary-target Package.swift beside a copy of the Sources.
zip=$build/CodespacesSecretsFFI.xcframework.zip
rm -f "$zip"
(cd "$here" && ditto -c -k --sequesterRsrc --keepParent CodespacesSecretsFFI.xcframework "$zip")
checksum=$(cd "$here" && swift package compute-checksum "$zip")
echo "$checksum" > "$zip.checksum"
echo "zip: $zip (SwiftPM checksum $checksum)"
if [[ -n ${RELEASE_URL:-} ]]; then
    release=$build/release
    rm -rf "$release" && mkdir -p "$release"
    cp -R "$here/Sources" "$release/"
    sed -e "s|@XCFRAMEWORK_URL@|$RELEASE_URL|" -e "s|@XCFRAMEWORK_CHECKSUM@|$checksum|" \
        "$here/Package.release.swift" > "$release/Package.swift"
    echo "release package: $release (binaryTarget url $RELEASE_URL)"
fi
