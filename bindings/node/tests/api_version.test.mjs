// `apiVersion`: each REST API version GitHub serves works, the one chosen is the one sent, a
// server without it gets a clear API_ERROR, and a value no GitHub serves throws INVALID_INPUT
// before any request.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { Client } from 'codespaces-secrets'
import { clientFor, emulator, ORG, rejection } from './helpers.mjs'

const VERSIONS = ['2022-11-28', '2026-03-10']

/** The emulator's control route: answer 400 to any version but `version`. */
async function serveOnly (emu, version) {
  const answer = await fetch(`${emu.baseUrl}/_emulator/api-versions`, {
    method: 'PUT',
    body: JSON.stringify({ served: [version] })
  })
  assert.deepEqual((await answer.json()).served, [version])
}

for (const version of VERSIONS) {
  test(`apiVersion ${version} works and is the version sent`, async (t) => {
    const emu = emulator(t)
    await serveOnly(emu, version)
    const client = clientFor(emu, { apiVersion: version })
    assert.equal(client.apiVersion, version)
    await client.org(ORG).set('AT_VERSION', version)
    assert.equal((await client.org(ORG).get('AT_VERSION')).name, 'AT_VERSION')
    assert.equal(emu.secretValue({ org: ORG }, 'AT_VERSION'), version)
  })
}

test('the default is GitHub\'s default, 2022-11-28', async (t) => {
  const emu = emulator(t)
  const client = clientFor(emu)
  assert.equal(client.apiVersion, '2022-11-28')
  await serveOnly(emu, '2022-11-28')
  await client.user.publicKey()
})

test('a server without the version says which was sent and how to choose another', async (t) => {
  const emu = emulator(t)
  await serveOnly(emu, '2022-11-28')
  const error = await rejection(clientFor(emu, { apiVersion: '2026-03-10' }).user.list())
  assert.equal(error.code, 'API_ERROR')
  assert.equal(error.status, 400)
  assert.ok(error.requestId)
  assert.match(error.message, /API version 2026-03-10 is not supported/)
  assert.match(error.message, /sent X-GitHub-Api-Version 2026-03-10/)
  assert.match(error.message, /apiVersion in Node/)
})

test('an unknown version throws INVALID_INPUT before any request', (t) => {
  const emu = emulator(t)
  for (const wrong of ['2023-01-01', 'latest', '']) {
    assert.throws(
      () => new Client({ token: emu.token, baseUrl: emu.baseUrl, apiVersion: wrong }),
      (e) => e.code === 'INVALID_INPUT' && /api_version/.test(e.message) && /2022-11-28, 2026-03-10/.test(e.message)
    )
  }
  assert.deepEqual(emu.requestLog(), [])
})
