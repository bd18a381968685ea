/*
 * The C ABI that the generated Swift calls, exercised from C (no Swift toolchain here).
 *
 * check-header.sh compiles this with the generated CodespacesSecretsFFI.h and two generated
 * includes, links it against the cdylib and runs it:
 *   symbols.inc    every function the header declares, by address: the link fails if the
 *                  library does not export one of them;
 *   checksums.inc  every API checksum the Swift file verifies when it loads, with the value
 *                  it expects: a mismatch here is a Swift `apiChecksumMismatch` at run time.
 * Then it calls `seal` exactly as the Swift wrapper does (arguments lowered to RustBuffers
 * through ForeignBytes, a RustCallStatus out-parameter) on its success and its error path.
 */
#include <stdio.h>
#include <string.h>

#include "CodespacesSecretsFFI.h"

static int failures = 0;

#define CHECK(cond, ...)                                                                       \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            fprintf(stderr, "ffi_check: " __VA_ARGS__);                                        \
            fputc('\n', stderr);                                                               \
            failures++;                                                                        \
        }                                                                                      \
    } while (0)

static const void *const symbols[] = {
#include "symbols.inc"
};

static RustBuffer lower_string(const char *text) {
    RustCallStatus status = {0};
    ForeignBytes bytes = {(int32_t)strlen(text), (const uint8_t *)text};
    RustBuffer buffer = ffi_codespaces_secrets_ffi_rustbuffer_from_bytes(bytes, &status);
    CHECK(status.code == 0, "rustbuffer_from_bytes failed");
    return buffer;
}

static void free_buffer(RustBuffer buffer) {
    RustCallStatus status = {0};
    ffi_codespaces_secrets_ffi_rustbuffer_free(buffer, &status);
    CHECK(status.code == 0, "rustbuffer_free failed");
}

/* A big-endian i32, as uniffi writes enum discriminants and string lengths. */
static int32_t read_i32(const uint8_t *p) {
    return (int32_t)(((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3]);
}

int main(void) {
    size_t declared = sizeof symbols / sizeof symbols[0];
    for (size_t i = 0; i < declared; i++) {
        CHECK(symbols[i] != NULL, "symbol %zu is null", i);
    }

    CHECK(ffi_codespaces_secrets_ffi_uniffi_contract_version() == EXPECTED_CONTRACT_VERSION,
          "contract version %u, the Swift file expects %d",
          ffi_codespaces_secrets_ffi_uniffi_contract_version(), EXPECTED_CONTRACT_VERSION);
    int checksums = 0;
#define CHECKSUM(function, expected)                                                           \
    do {                                                                                       \
        checksums++;                                                                           \
        CHECK(function() == (expected), #function " is %u, the Swift file expects %u",         \
              (unsigned)function(), (unsigned)(expected));                                     \
    } while (0);
#include "checksums.inc"

    /* seal(publicKey:plaintext:) on its success path: base64 of plaintext + 48 bytes. */
    const char *key = "6QozyTujqDX3SX06QrR394l0Uj5mPkafff57CLSjKxE=";
    RustCallStatus status = {0};
    RustBuffer sealed = uniffi_codespaces_secrets_ffi_fn_func_seal(
        lower_string(key), lower_string("hunter2"), &status);
    CHECK(status.code == 0, "seal failed with status %d", status.code);
    CHECK(sealed.len == 76, "sealed value is %llu base64 characters, expected 76 (7 + 48 bytes)",
          (unsigned long long)sealed.len);
    free_buffer(sealed);

    /* ... and on its error path: CALL_ERROR with a serialized CodespacesSecretsError. */
    RustCallStatus refused = {0};
    RustBuffer nothing = uniffi_codespaces_secrets_ffi_fn_func_seal(
        lower_string("not a key"), lower_string("hunter2"), &refused);
    CHECK(refused.code == 1, "a bad key gave status %d, expected 1 (error)", refused.code);
    CHECK(refused.errorBuf.len > 8 && read_i32(refused.errorBuf.data) == 1,
          "the error is not CodespacesSecretsError.invalidInput (variant 1)");
    if (refused.errorBuf.len > 8) {
        int32_t reason_len = read_i32(refused.errorBuf.data + 4);
        printf("ffi_check: seal with a bad key -> invalidInput: %.*s\n", (int)reason_len,
               (const char *)refused.errorBuf.data + 8);
    }
    free_buffer(refused.errorBuf);
    free_buffer(nothing);

    if (failures > 0) {
        fprintf(stderr, "ffi_check: %d problems\n", failures);
        return 1;
    }
    printf("ffi_check: %zu header functions linked, contract version %d, %d checksums match, seal "
           "works through the C ABI\n",
           declared, EXPECTED_CONTRACT_VERSION, checksums);
    return 0;
}
