//! `make bench`: sealing speed. The same inputs are timed with PyNaCl (libsodium) by
//! `benches/seal_pynacl.py`, and `benches/report.py` prints both side by side.
#![allow(missing_docs)] // criterion's macros generate undocumented functions

use codespaces_secrets_core::{KeyPair, SecretValue};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// Plaintext sizes: a typical token, a typical certificate, the 48 KB maximum.
const SIZES: [usize; 3] = [64, 4096, 48 * 1024];

/// The sealed box as raw bytes: the same work as PyNaCl's `SealedBox.encrypt(plaintext)`.
fn seal_raw(c: &mut Criterion) {
    let pair = KeyPair::generate("bench");
    let key = pair.public_key().clone();
    let mut group = c.benchmark_group("seal_raw");
    for size in SIZES {
        let plaintext = vec![0x5a; size];
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(size),
            &plaintext,
            |b, plaintext| b.iter(|| key.seal_bytes(plaintext).expect("seal")),
        );
    }
    group.finish();
}

/// Sealed and base64-encoded, ready for the PUT body: what `set` does, and the same work as
/// PyNaCl's `SealedBox.encrypt(plaintext, encoder=Base64Encoder)`.
fn seal_base64(c: &mut Criterion) {
    let pair = KeyPair::generate("bench");
    let key = pair.public_key().clone();
    let mut group = c.benchmark_group("seal_base64");
    for size in SIZES {
        let value = SecretValue::new(vec![0x5a; size]).expect("within the limit");
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &value, |b, value| {
            b.iter(|| key.seal(value).expect("seal"))
        });
    }
    group.finish();
}

fn parse_and_seal(c: &mut Criterion) {
    let pair = KeyPair::generate("bench");
    let key_b64 = pair.public_key().to_base64();
    c.bench_function("seal_from_base64_key/64", |b| {
        b.iter(|| codespaces_secrets_core::seal(&key_b64, [0x5a; 64]).expect("seal"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = seal_raw, seal_base64, parse_and_seal
}
criterion_main!(benches);
