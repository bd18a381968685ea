// The package itself: both module systems, configuration from options and the environment,
// and a client that never shows its token.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import net from 'node:net'
import { test } from 'node:test'
import util from 'node:util'

import * as esm from 'codespaces-secrets'
import { Client, Emulator, seal } from 'codespaces-secrets'
import { emulator, requests } from './helpers.mjs'

const require = createRequire(import.meta.url)

test('require() and import give the same exports', () => {
  const cjs = require('codespaces-secrets')
  for (const name of ['Client', 'Emulator', 'seal', 'deviceFlow', 'CancelHandle', 'DeviceLogin']) {
    assert.equal(typeof cjs[name], 'function', name)
    assert.equal(cjs[name], esm[name], name)
  }
  assert.equal(Client, cjs.Client)
  assert.equal(Emulator, cjs.Emulator)
  assert.equal(seal, cjs.seal)
})

function withEnv(vars, body) {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  try {
    return body()
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

test('token and URL default from GITHUB_TOKEN / GH_TOKEN and GITHUB_API_URL', async (t) => {
  const emu = emulator(t)
  const fromGithub = withEnv({ GITHUB_TOKEN: emu.token, GH_TOKEN: undefined, GITHUB_API_URL: emu.baseUrl }, () => new Client())
  assert.equal(fromGithub.baseUrl.replace(/\/$/, ''), emu.baseUrl)
  assert.deepEqual(await fromGithub.user.list(), [])
  const fromGh = withEnv({ GITHUB_TOKEN: undefined, GH_TOKEN: emu.token, GITHUB_API_URL: emu.baseUrl }, () => new Client({ writeIntervalMs: 0 }))
  assert.deepEqual(await fromGh.user.list(), [])
  const missing = withEnv({ GITHUB_TOKEN: undefined, GH_TOKEN: undefined }, () => {
    try { new Client({ baseUrl: emu.baseUrl }) } catch (e) { return e }
  })
  assert.equal(missing?.code, 'INVALID_INPUT')
  const github = withEnv({ GITHUB_API_URL: undefined }, () => new Client({ token: 'ghp_x' }))
  assert.match(github.baseUrl, /^https:\/\/api\.github\.com\/?$/)
})

test('options reach the client: user agent, timeout, retries', async (t) => {
  const emu = emulator(t, { faults: { latencyMs: 300 } })
  const slow = new Client({ token: emu.token, baseUrl: emu.baseUrl, timeoutMs: 50, maxRetries: 0 })
  await assert.rejects(slow.user.list(), { code: 'TRANSPORT' })
  emu.setFaults({ serverErrorRate: 1 })
  emu.clearLog()
  const retrying = new Client({ token: emu.token, baseUrl: emu.baseUrl, maxRetries: 2, userAgent: 'my-tool/1.0' })
  await assert.rejects(retrying.user.list(), { code: 'SERVER_ERROR' })
  assert.equal(requests(emu).length, 3, 'one try and two retries')
})

test('inspecting or serializing a client or scope never shows the token', (t) => {
  const emu = emulator(t)
  const token = 'ghp_never_shown_0123456789abcdef'
  const client = new Client({ token, baseUrl: emu.baseUrl })
  const shown = [
    util.inspect(client, { showHidden: true, depth: 5, getters: true }),
    util.inspect(client.user, { showHidden: true, depth: 5, getters: true }),
    JSON.stringify(client),
    String(client),
    Object.keys(client).join(),
    Object.getOwnPropertyNames(Object.getPrototypeOf(client)).join(),
  ].join('\n')
  assert.ok(!shown.includes(token), shown)
  assert.ok(!('token' in client), 'no token property')
})

test('writeIntervalMs paces writes', async (t) => {
  const emu = emulator(t)
  const client = new Client({ token: emu.token, baseUrl: emu.baseUrl, writeIntervalMs: 120 })
  const started = Date.now()
  await client.user.setMany({ A: '1', B: '2', C: '3' })
  assert.ok(Date.now() - started >= 240, `${Date.now() - started} ms`)
})

test('retryBaseDelayMs sets the back-off between retries', async (t) => {
  const emu = emulator(t, { faults: { serverErrorRate: 1 } })
  const timed = async (options) => {
    const client = new Client({ token: emu.token, baseUrl: emu.baseUrl, maxRetries: 2, ...options })
    const started = Date.now()
    await assert.rejects(client.user.list(), { code: 'SERVER_ERROR' })
    return Date.now() - started
  }
  const slow = await timed({ retryBaseDelayMs: 300 })
  assert.ok(slow >= 450, `two retries after 300 ms and 600 ms, each at least halved by jitter: ${slow} ms`)
  const fast = await timed({ retryBaseDelayMs: 1 })
  assert.ok(fast < 400, `${fast} ms`)
})

test('maxRateLimitRetries and maxRateLimitWaitMs bound the waits for a rate limit', async (t) => {
  // A second write within 500 ms is refused with `retry-after: 1`.
  const emu = emulator(t, { faults: { secondaryRateLimit: { minWriteIntervalMs: 500, retryAfterMs: 1000 } } })
  const twoWrites = async (options) => {
    const client = new Client({ token: emu.token, baseUrl: emu.baseUrl, writeIntervalMs: 0, ...options })
    await client.user.set('FIRST', 'v')
    const started = Date.now()
    const second = client.user.set('SECOND', 'v')
    return { second, elapsed: async () => { await second.catch(() => {}); return Date.now() - started } }
  }
  const noWaits = await twoWrites({ maxRateLimitRetries: 0 })
  await assert.rejects(noWaits.second, { code: 'RATE_LIMITED' })
  assert.ok(await noWaits.elapsed() < 900, 'failed at once instead of waiting')

  await new Promise((resolve) => setTimeout(resolve, 600))
  const shortWait = await twoWrites({ maxRateLimitWaitMs: 500 })
  await assert.rejects(shortWait.second, { code: 'RATE_LIMITED' })
  assert.ok(await shortWait.elapsed() < 900, 'a 1 s retry-after is longer than allowed')

  await new Promise((resolve) => setTimeout(resolve, 600))
  const waiting = await twoWrites({})
  assert.equal(await waiting.second, 'created', 'by default the client waits the second and retries')
  assert.ok(await waiting.elapsed() >= 900)
})

test('deadlineMs bounds the whole operation against a server that never answers', async (t) => {
  // Accepts every connection and holds it open without a byte of answer.
  const held = new Set()
  const server = net.createServer((socket) => { held.add(socket) })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => { for (const socket of held) socket.destroy(); server.close() })
  const baseUrl = `http://127.0.0.1:${server.address().port}`
  // The per-request timeout (30 s) would wait on; the 300 ms deadline ends the call.
  const client = new Client({ token: 'ghp_x', baseUrl, deadlineMs: 300 })
  const started = Date.now()
  await assert.rejects(client.user.list(), (e) => e.code === 'TRANSPORT' && /deadline/.test(e.message))
  assert.ok(Date.now() - started < 2_000, `${Date.now() - started} ms`)
})

test('every setting is accepted; a negative number is INVALID_INPUT naming the option', (t) => {
  const emu = emulator(t)
  const client = new Client({
    token: emu.token, baseUrl: emu.baseUrl, userAgent: 'all-settings/1.0', timeoutMs: 5_000,
    connectTimeoutMs: 1_000, maxRetries: 1, retryBaseDelayMs: 100, writeIntervalMs: 0,
    maxRateLimitWaitMs: 2_000, secondaryRateLimitBackoffMs: 1_000, maxRateLimitRetries: 1,
    deadlineMs: 60_000,
  })
  assert.equal(client.baseUrl.replace(/\/$/, ''), emu.baseUrl)
  for (const option of ['timeoutMs', 'connectTimeoutMs', 'maxRetries', 'retryBaseDelayMs', 'writeIntervalMs',
    'maxRateLimitWaitMs', 'secondaryRateLimitBackoffMs', 'maxRateLimitRetries', 'deadlineMs']) {
    assert.throws(() => new Client({ token: emu.token, baseUrl: emu.baseUrl, [option]: -1 }),
      (e) => e.code === 'INVALID_INPUT' && e.message.includes(option), option)
  }
  assert.throws(() => new Client({ token: emu.token, baseUrl: emu.baseUrl, maxRetries: 2 ** 32 }), { code: 'INVALID_INPUT' })
})
