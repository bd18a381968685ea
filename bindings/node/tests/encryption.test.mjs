// The sealed box is libsodium's: libsodium-wrappers opens what `seal` makes, and every value
// `set` sends arrives intact (the emulator opens it with the scope's secret key).
import assert from 'node:assert/strict'
import { before, test } from 'node:test'

import sodium from 'libsodium-wrappers'
import { seal } from 'codespaces-secrets'
import { REPO, USER, setup } from './helpers.mjs'

before(() => sodium.ready)

function keyPair() {
  const { publicKey, privateKey } = sodium.crypto_box_keypair()
  return { publicKey, privateKey, b64: Buffer.from(publicKey).toString('base64') }
}

function open(sealedB64, { publicKey, privateKey }) {
  return Buffer.from(sodium.crypto_box_seal_open(Buffer.from(sealedB64, 'base64'), publicKey, privateKey))
}

test('libsodium opens what seal makes: text, unicode, bytes, empty and 48 KB', () => {
  const keys = keyPair()
  const cases = [
    'hunter2',
    'päss wörd ✓ 🔐 — 秘密',
    Buffer.from([0, 1, 2, 254, 255, 0x80, 0xc3]),
    '',
    'x'.repeat(48 * 1024),
  ]
  for (const plaintext of cases) {
    const sealed = seal(keys.b64, plaintext)
    const bytes = Buffer.from(sealed, 'base64')
    assert.equal(sealed, bytes.toString('base64'), 'standard base64 with padding')
    assert.equal(bytes.length, Buffer.byteLength(plaintext) + sodium.crypto_box_SEALBYTES)
    assert.deepEqual(open(sealed, keys), Buffer.from(plaintext))
  }
})

test('each seal uses a fresh ephemeral key', () => {
  const keys = keyPair()
  const a = seal(keys.b64, 'same')
  const b = seal(keys.b64, 'same')
  assert.notEqual(a, b)
  assert.equal(open(a, keys).toString(), 'same')
  assert.equal(open(b, keys).toString(), 'same')
})

test('values set through the client arrive exactly, read back from the emulator', async (t) => {
  const { emu, user, repo } = setup(t)
  const text = 'päss wörd ✓ 🔐 — 秘密\nline two\t"quoted"'
  const bytes = Buffer.from([0, 159, 146, 150, 255])
  await repo.set('TEXT', text)
  await repo.set('BYTES', bytes)
  await user.set('LARGEST', 'y'.repeat(48 * 1024))
  assert.equal(emu.secretValue({ repo: REPO }, 'TEXT'), text)
  assert.deepEqual(emu.secretBytes({ repo: REPO }, 'BYTES'), bytes)
  assert.equal(emu.secretValue({ user: USER }, 'LARGEST').length, 48 * 1024)
})

test('libsodium-sealed values are accepted by the scope the key came from', async (t) => {
  const { emu, repo } = setup(t)
  // The emulator refuses what does not open, so a value sealed by libsodium to the key our
  // client fetched, stored through our seal-compatible path, proves both sides agree.
  const key = await repo.publicKey()
  const sealed = Buffer.from(sodium.crypto_box_seal(Buffer.from('from libsodium'), Buffer.from(key.key, 'base64'))).toString('base64')
  const response = await fetch(`${emu.baseUrl}/repos/${REPO}/codespaces/secrets/FROM_SODIUM`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${emu.token}`, 'user-agent': 'node-test', accept: 'application/vnd.github+json' },
    body: JSON.stringify({ encrypted_value: sealed, key_id: key.keyId }),
  })
  assert.equal(response.status, 201)
  assert.equal(emu.secretValue({ repo: REPO }, 'FROM_SODIUM'), 'from libsodium')
  // ...and our seal, checked the same way through the raw API:
  const ours = seal(key.key, 'from seal()')
  const again = await fetch(`${emu.baseUrl}/repos/${REPO}/codespaces/secrets/FROM_SEAL`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${emu.token}`, 'user-agent': 'node-test' },
    body: JSON.stringify({ encrypted_value: ours, key_id: key.keyId }),
  })
  assert.equal(again.status, 201)
  assert.equal(emu.secretValue({ repo: REPO }, 'FROM_SEAL'), 'from seal()')
})

test('after a key rotation the client fetches the new key and the value still arrives', async (t) => {
  const { emu, repo } = setup(t)
  await repo.set('BEFORE', 'one')
  emu.rotateKey({ repo: REPO })
  assert.equal(await repo.set('AFTER', 'two'), 'created')
  assert.equal(emu.secretValue({ repo: REPO }, 'AFTER'), 'two')
})
