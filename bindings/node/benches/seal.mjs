// seal() against libsodium-wrappers, the library GitHub's docs use from JavaScript. Both take
// the base64 public key and a string and return the base64 sealed box, as a caller needs it.
import sodium from 'libsodium-wrappers'

const VALUE = 'v'.repeat(64) // the size the Rust benchmark uses

function libsodiumSeal(keyB64, value) {
  const key = sodium.from_base64(keyB64, sodium.base64_variants.ORIGINAL)
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), key)
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL)
}

/** Operations per second of `fn` over about `ms` milliseconds, after a warm-up. */
function opsPerSecond(fn, ms) {
  for (let i = 0; i < 200; i++) fn()
  let ops = 0
  const started = process.hrtime.bigint()
  const until = started + BigInt(ms) * 1_000_000n
  let now = started
  while (now < until) {
    for (let i = 0; i < 50; i++) fn()
    ops += 50
    now = process.hrtime.bigint()
  }
  return ops / (Number(now - started) / 1e9)
}

/** Alternating rounds of both, median ops/s of each; checks libsodium opens ours first. */
export async function sealBench(binding, { rounds = 5, ms = 400 } = {}) {
  await sodium.ready
  const { publicKey, privateKey } = sodium.crypto_box_keypair()
  const keyB64 = Buffer.from(publicKey).toString('base64')
  const opened = sodium.crypto_box_seal_open(Buffer.from(binding.seal(keyB64, VALUE), 'base64'), publicKey, privateKey)
  if (sodium.to_string(opened) !== VALUE) throw new Error('libsodium could not open seal() output')

  const ours = []
  const theirs = []
  for (let r = 0; r < rounds; r++) {
    ours.push(opsPerSecond(() => binding.seal(keyB64, VALUE), ms))
    theirs.push(opsPerSecond(() => libsodiumSeal(keyB64, VALUE), ms))
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  return { valueBytes: VALUE.length, ours: median(ours), libsodium: median(theirs) }
}
