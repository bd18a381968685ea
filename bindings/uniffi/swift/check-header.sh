#!/usr/bin/env bash
# Proves the FFI surface the generated Swift uses, without a Swift toolchain: compiles the
# generated header as C (strict warnings), links a C program against the cdylib that takes the
# address of every function the header declares, compares every API checksum the Swift file
# checks at load time, and calls `seal` through the C ABI (see check/ffi_check.c).
#
# usage: check-header.sh <dir with CodespacesSecrets.swift and CodespacesSecretsFFI.h> <cdylib>
set -euo pipefail

gen=$1
lib=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

header=$gen/CodespacesSecretsFFI.h
swift=$gen/CodespacesSecrets.swift
test -f "$header" && test -f "$swift" && test -f "$gen/CodespacesSecretsFFI.modulemap"

# Every function declared in the header, as an address the linker must resolve.
grep -oE '\b(uniffi|ffi)_[A-Za-z0-9_]+\(' "$header" | tr -d '(' | sort -u | sed 's/$/,/' > "$work/symbols.inc"
# Every checksum the Swift file compares at load time, with its expected value.
grep -oE 'if \((uniffi_[a-z0-9_]+_checksum_[a-z0-9_]+)\(\) != ([0-9]+)\)' "$swift" \
    | sed -E 's/if \(([a-z0-9_]+)\(\) != ([0-9]+)\)/CHECKSUM(\1, \2)/' > "$work/checksums.inc"
contract=$(sed -nE 's/.*let bindings_contract_version = ([0-9]+).*/\1/p' "$swift")
test -n "$contract"
test -s "$work/checksums.inc"

# No Swift here: gcc reads the header as C once the Clang nullability keywords are defined away.
cc=${CC:-$(command -v clang || command -v gcc)}
flags=(-std=c11 -Wall -Wextra -Werror -D_Nullable= -D_Nonnull= -DEXPECTED_CONTRACT_VERSION="$contract")
"$cc" "${flags[@]}" -I"$gen" -I"$work" -o "$work/ffi_check" "$here/check/ffi_check.c" \
    "$lib" -Wl,-rpath,"$(dirname "$lib")"
"$work/ffi_check"
