// The `Emulator` export, as users drive it in their own tests.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { Client, Emulator } from 'codespaces-secrets'
import { clientFor, emulator, rejection } from './helpers.mjs'

test('options: port, token, login, repositories, organizations, no demo data', async (t) => {
  const emu = emulator(t, { token: 'ghp_fixed', userLogin: 'mona', repos: ['mona/app', 'acme/api'], orgs: ['guild'], seedDemoData: false })
  assert.match(emu.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/)
  assert.equal(emu.token, 'ghp_fixed')
  assert.equal(emu.userLogin, 'mona')
  assert.equal(typeof emu.repoId('mona', 'app'), 'number')
  assert.equal(emu.repoId('octocat', 'Hello-World'), null)
  const client = clientFor(emu)
  await client.repo('acme', 'api').set('X', '1')
  await client.org('guild').set('Y', '2')
  assert.equal(emu.secretValue({ repo: 'acme/api' }, 'x'), '1')
  assert.equal(emu.secretValue({ org: 'guild' }, 'Y'), '2')
})

test('users, organizations and repositories added while running', async (t) => {
  const emu = emulator(t)
  const hubotToken = emu.addUser('hubot2')
  const id = emu.addRepo('hubot2', 'scripts')
  emu.addOrg('acme', ['octocat', 'hubot2'])
  const hubot = new Client({ token: hubotToken, baseUrl: emu.baseUrl, writeIntervalMs: 0 })
  await hubot.user.set('MINE', 'v', { selectedRepositoryIds: [id] })
  await hubot.org('acme').set('SHARED', 'w')
  assert.deepEqual(emu.secrets({ user: 'hubot2' }).map((s) => [s.name, s.value, s.selectedRepositoryIds]), [['MINE', 'v', [id]]])
  assert.equal(emu.secrets({ user: 'octocat' }).length, 0)
  const [stored] = emu.secrets({ org: 'acme' })
  assert.equal(stored.visibility, 'private')
  assert.ok(!Number.isNaN(new Date(stored.createdAt).getTime()))
})

test('faults: latency, and back to none', async (t) => {
  const emu = emulator(t)
  const client = clientFor(emu)
  emu.setFaults({ latencyMs: 150 })
  let started = Date.now()
  await client.user.list()
  assert.ok(Date.now() - started >= 140)
  emu.setFaults()
  started = Date.now()
  await client.user.list()
  assert.ok(Date.now() - started < 140)
})

test('the request log names faults and holds no token or value', async (t) => {
  const emu = emulator(t, { faults: { serverErrorRate: 1 } })
  await rejection(clientFor(emu).repo('octocat', 'Hello-World').set('S', 's3cr3t-plaintext'))
  const log = emu.requestLog()
  assert.equal(log[0].fault, 'server_error')
  assert.ok([500, 502, 503].includes(log[0].status))
  assert.ok(!JSON.stringify(log).includes(emu.token) && !JSON.stringify(log).includes('s3cr3t-plaintext'))
  emu.clearLog()
  assert.deepEqual(emu.requestLog(), [])
})

test('scopes are checked; a stopped emulator says so', (t) => {
  const emu = new Emulator()
  assert.throws(() => emu.secrets({}), { code: 'INVALID_INPUT' })
  assert.throws(() => emu.secrets({ user: 'a', org: 'b' }), { code: 'INVALID_INPUT' })
  assert.throws(() => emu.secrets({ repo: 'no-slash' }), { code: 'INVALID_INPUT' })
  assert.deepEqual(emu.secrets({ org: 'unknown' }), [])
  assert.equal(emu.publicKey({ org: 'unknown' }), null)
  emu.shutdown()
  emu.shutdown()
  assert.throws(() => emu.baseUrl, /shut down/)
})
