// Each error code, as an `Error` with `code`, `status`, `requestId` and `documentationUrl`
// where they apply, and never the token or a value in what is shown.
import assert from 'node:assert/strict'
import http from 'node:http'
import { test } from 'node:test'
import util from 'node:util'

import { Client, seal } from 'codespaces-secrets'
import { ORG, REPO, clientFor, emulator, rejection, requests, setup } from './helpers.mjs'

const TOKEN = 'ghp_node_error_test_token_0123456789'

/** Asserts the shape every error has, and that nothing secret leaks into how it prints. */
function check(error, code, status) {
  assert.ok(error instanceof Error, `not an Error: ${util.inspect(error)}`)
  assert.equal(error.code, code, error.message)
  assert.equal(error.status, status)
  const shown = util.inspect(error) + JSON.stringify(error) + error.message + error.stack
  assert.ok(!shown.includes(TOKEN), 'the token leaked')
  assert.ok(!shown.includes('s3cr3t-plaintext'), 'the value leaked')
  if (status === undefined) {
    assert.equal(error.requestId, undefined)
  } else {
    assert.match(error.requestId, /^[0-9A-F:]+$/)
    assert.match(error.documentationUrl, /^https:\/\/docs\.github\.com\//)
    assert.ok(error.message.includes(error.requestId), 'the message quotes the request id')
  }
  return error
}

test('INVALID_INPUT: bad names, values, ids and settings, refused before any request', async (t) => {
  const { emu, user, repo } = setup(t)
  emu.clearLog()
  check(await rejection(repo.set('1ABC', 's3cr3t-plaintext')), 'INVALID_INPUT')
  check(await rejection(repo.set('GITHUB_TOKEN', 's3cr3t-plaintext')), 'INVALID_INPUT')
  check(await rejection(repo.set('has-dash', 's3cr3t-plaintext')), 'INVALID_INPUT')
  check(await rejection(repo.set('BIG', 'x'.repeat(48 * 1024 + 1))), 'INVALID_INPUT')
  check(await rejection(repo.get('')), 'INVALID_INPUT')
  check(await rejection(repo.delete('a b')), 'INVALID_INPUT')
  check(await rejection(user.addRepository('OK', -1)), 'INVALID_INPUT')
  check(await rejection(user.set('OK', 's3cr3t-plaintext', { selectedRepositoryIds: [0] })), 'INVALID_INPUT')
  check(await rejection(repo.setMany({ GOOD: 'v', '9BAD': 's3cr3t-plaintext' })), 'INVALID_INPUT')
  check(await rejection(repo.syncEnvFile('/nonexistent/.env')), 'INVALID_INPUT')
  assert.deepEqual(requests(emu), [], 'nothing was sent')

  const thrown = (make) => { try { make() } catch (e) { return e } assert.fail('did not throw') }
  check(thrown(() => new Client({ token: TOKEN, baseUrl: 'http://example.com' })), 'INVALID_INPUT')
  check(thrown(() => new Client({ token: TOKEN, baseUrl: 'not a url' })), 'INVALID_INPUT')
  check(thrown(() => new Client({ token: `${TOKEN}\nX-Injected: 1`, baseUrl: emu.baseUrl })), 'INVALID_INPUT')
  check(thrown(() => new Client({ token: TOKEN, baseUrl: emu.baseUrl, timeoutMs: -1 })), 'INVALID_INPUT')
  check(thrown(() => seal('not-a-key', 's3cr3t-plaintext')), 'INVALID_INPUT')
  check(thrown(() => seal(Buffer.alloc(31).toString('base64'), 's3cr3t-plaintext')), 'INVALID_INPUT')
})

test('a call rejects; it never throws synchronously', (t) => {
  const { repo } = setup(t)
  const pending = repo.set('1BAD', 'v')
  assert.ok(pending instanceof Promise)
  return assert.rejects(pending, { code: 'INVALID_INPUT' })
})

test('UNAUTHORIZED: a token the server does not know', async (t) => {
  const emu = emulator(t)
  const client = new Client({ token: TOKEN, baseUrl: emu.baseUrl, maxRetries: 0 })
  check(await rejection(client.user.list()), 'UNAUTHORIZED', 401)
  check(await rejection(client.repo('octocat', 'Hello-World').set('A', 's3cr3t-plaintext')), 'UNAUTHORIZED', 401)
})

test('FORBIDDEN: a request without a User-Agent', async (t) => {
  const emu = emulator(t)
  const client = clientFor(emu, { userAgent: ' ' })
  check(await rejection(client.user.list()), 'FORBIDDEN', 403)
})

test('NOT_FOUND: a missing secret, or a repository the token cannot see', async (t) => {
  const { client, repo } = setup(t)
  check(await rejection(repo.get('MISSING')), 'NOT_FOUND', 404)
  check(await rejection(repo.delete('MISSING')), 'NOT_FOUND', 404)
  check(await rejection(client.repo('hubot', 'hubot-scripts').list()), 'NOT_FOUND', 404)
})

test('CONFLICT: selecting repositories while visibility is not `selected`', async (t) => {
  const { org } = setup(t)
  await org.set('PRIVATE_ONLY', 'v', { visibility: 'private' })
  check(await rejection(org.addRepository('PRIVATE_ONLY', 1296271)), 'CONFLICT', 409)
})

test('VALIDATION_FAILED: a body GitHub refuses', async (t) => {
  const { org } = setup(t)
  // octocat/Hello-World is not one of the organization's repositories.
  const foreign = { visibility: 'selected', selectedRepositoryIds: [1296269] }
  check(await rejection(org.set('WIDE', 's3cr3t-plaintext', foreign)), 'VALIDATION_FAILED', 422)
})

test('RATE_LIMITED: a primary limit that resets later than the client waits', async (t) => {
  const emu = emulator(t, { faults: { primaryRateLimit: { limit: 1, windowMs: 3_600_000 } } })
  const user = clientFor(emu).user
  await user.list()
  const error = check(await rejection(user.list()), 'RATE_LIMITED', 403)
  assert.match(error.message, /rate limit/i)
})

test('RATE_LIMITED: a secondary limit whose retry-after is too long', async (t) => {
  const emu = emulator(t, { faults: { secondaryRateLimit: { minWriteIntervalMs: 60_000, retryAfterMs: 3_600_000 } } })
  const repo = clientFor(emu).repo('octocat', 'Hello-World')
  await repo.set('FIRST', 'v')
  check(await rejection(repo.set('SECOND', 's3cr3t-plaintext')), 'RATE_LIMITED', 403)
})

test('SERVER_ERROR: 5xx after the retries', async (t) => {
  const emu = emulator(t, { faults: { serverErrorRate: 1 } })
  const error = await rejection(clientFor(emu).user.list())
  check(error, 'SERVER_ERROR', error.status)
  assert.ok([500, 502, 503].includes(error.status), `${error.status}`)
})

test('TRANSPORT: nothing listening', async (t) => {
  const emu = emulator(t)
  const client = clientFor(emu)
  emu.shutdown()
  check(await rejection(client.user.list()), 'TRANSPORT')
})

test('TRANSPORT: the connection drops mid-answer', async (t) => {
  const emu = emulator(t, { faults: { dropConnectionRate: 1 } })
  check(await rejection(clientFor(emu).repo('octocat', 'Hello-World').list()), 'TRANSPORT')
})

test('an error ends a listStream iteration with the same Error', async (t) => {
  const emu = emulator(t)
  const client = new Client({ token: TOKEN, baseUrl: emu.baseUrl, maxRetries: 0 })
  const error = await rejection((async () => { for await (const _ of client.user.listStream()) { /* none */ } })())
  check(error, 'UNAUTHORIZED', 401)
})

// The emulator keeps to GitHub's contract, so answers outside it come from a plain loopback
// server here: a fault to inject, not a stand-in for the API.
test('DECODE and API_ERROR: answers outside the contract', async (t) => {
  const server = http.createServer((req, res) => {
    if (req.url.includes('teapot')) {
      res.writeHead(418, { 'content-type': 'application/json', 'x-github-request-id': 'ABCD:1234' })
      res.end(JSON.stringify({ message: "I'm a teapot", documentation_url: 'https://docs.github.com/rest' }))
    } else {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"total_count": "many"')
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => server.close())
  const client = new Client({ token: TOKEN, baseUrl: `http://127.0.0.1:${server.address().port}`, maxRetries: 0 })
  check(await rejection(client.user.list()), 'DECODE')
  check(await rejection(client.repo('octo', 'teapot').list()), 'API_ERROR', 418)
})

test('the report of a bulk set carries each failure as code, message, status and request id', async (t) => {
  const { emu, repo } = setup(t)
  const report = await repo.setMany({ ONE: 'v1', TWO: 'v2' })
  assert.deepEqual(report.created, ['ONE', 'TWO'])
  emu.setFaults({ serverErrorRate: 1 })
  const failing = await repo.setMany({ THREE: 's3cr3t-plaintext' })
  assert.equal(failing.failed.length, 1)
  const [failure] = failing.failed
  assert.equal(failure.name, 'THREE')
  assert.equal(failure.code, 'SERVER_ERROR')
  assert.ok([500, 502, 503].includes(failure.status))
  assert.match(failure.requestId, /^[0-9A-F:]+$/)
  assert.ok(!failure.message.includes('s3cr3t-plaintext'))
  assert.equal(emu.secretValue({ repo: REPO }, 'THREE'), null)
})

test('an organization bulk set whose access list cannot be read rejects before any write', async (t) => {
  const { emu, org } = setup(t)
  emu.setFaults({ serverErrorRate: 1 })
  const error = await rejection(org.setMany({ THREE: 's3cr3t-plaintext' }))
  assert.ok([500, 502, 503].includes(error.status), `status ${error.status}`)
  check(error, 'SERVER_ERROR', error.status)
  assert.equal(emu.requestLog().filter((r) => r.method === 'PUT').length, 0)
  assert.equal(emu.secretValue({ org: ORG }, 'THREE'), null)
})
