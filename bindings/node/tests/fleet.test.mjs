// Fleets from Node: plan, apply and check from a manifest object and from a file, against the
// emulator (repositories with topics made through its control route), values read back
// decrypted; onProgress, cancellation between writes with the state saved (CancelHandle and
// AbortSignal), saved plans, and errors with the SDK's codes.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'

import { CancelHandle, Plan } from 'codespaces-secrets'
import { clientFor, rejection, setup, tempDir } from './helpers.mjs'

// NPM_TOKEN: Hello-World and acme's svc-0..3 (the topic), not svc-4/5; SHARED_KEY: acme's
// selected svc-0, svc-1; DEV_TOKEN: the user's, for Hello-World. Seven writes.
const WRITES = 7
const NPM_REPOS = ['octocat/Hello-World', 'acme/svc-0', 'acme/svc-1', 'acme/svc-2', 'acme/svc-3']

const toml = (env) => `version = 1
name = "platform"

[secrets.NPM_TOKEN]
from = { file = "npm.txt" }
repos = ["octocat/Hello-World"]
repos_where = [{ org = "acme", name = "svc-*", topics = ["codespaces"] }]

[secrets.SHARED_KEY]
from = { env = "${env}" }
orgs = { acme = { visibility = "selected", repos = ["svc-0", "svc-1"] } }

[secrets.DEV_TOKEN]
from = { dotenv = "dev.env", key = "DEV" }
user = { repos = ["octocat/Hello-World"] }
`

let fleets = 0

/** An emulator with acme's six repositories, the value sources in a temporary folder. */
async function fleet(t) {
  const { emu, client } = setup(t)
  const repos = Array.from({ length: 6 }, (_, i) => ({ owner: 'acme', name: `svc-${i}`, topics: i < 4 ? ['codespaces'] : ['web'] }))
  const answer = await fetch(`${emu.baseUrl}/_emulator/repositories`, { method: 'POST', body: JSON.stringify(repos) })
  assert.equal(answer.status, 201)
  const dir = tempDir(t)
  const env = `FLEET_SHARED_NODE_${process.pid}_${fleets++}`
  process.env[env] = 'shared-1'
  t.after(() => delete process.env[env])
  writeFileSync(join(dir, 'npm.txt'), 'npm-1')
  writeFileSync(join(dir, 'dev.env'), 'DEV=dev-1\n')
  const path = join(dir, 'fleet.toml')
  writeFileSync(path, toml(env))
  /** The same manifest as an object (absolute paths: an object has no folder). */
  const manifest = {
    version: 1,
    name: 'platform',
    secrets: {
      NPM_TOKEN: {
        from: { file: join(dir, 'npm.txt') },
        repos: ['octocat/Hello-World'],
        repos_where: [{ org: 'acme', name: 'svc-*', topics: ['codespaces'] }],
      },
      SHARED_KEY: { from: { env }, orgs: { acme: { visibility: 'selected', repos: ['svc-0', 'svc-1'] } } },
      DEV_TOKEN: { from: { dotenv: join(dir, 'dev.env'), key: 'DEV' }, user: { repos: ['octocat/Hello-World'] } },
    },
  }
  const state = { state: join(dir, 'state.json'), stateKeyFile: join(dir, 'state.key') }
  const writes = () => emu.requestLog().filter((r) => r.write && r.status < 300).length
  const assertValues = (npm = 'npm-1') => {
    for (const repo of NPM_REPOS) assert.equal(emu.secretValue({ repo }, 'NPM_TOKEN'), npm, repo)
    for (const repo of ['acme/svc-4', 'acme/svc-5']) assert.equal(emu.secretValue({ repo }, 'NPM_TOKEN'), null, repo)
    assert.equal(emu.secretValue({ org: 'acme' }, 'SHARED_KEY'), 'shared-1')
    assert.equal(emu.secretValue({ user: emu.userLogin }, 'DEV_TOKEN'), 'dev-1')
  }
  return { emu, client, dir, path, manifest, state, writes, assertValues }
}

test('plan and apply a manifest object, then check finds nothing to do', async (t) => {
  const f = await fleet(t)
  const plan = await f.client.plan(f.manifest, f.state)
  assert.ok(plan instanceof Plan)
  assert.deepEqual(plan.errors, [])
  assert.equal(plan.hasChanges, true)
  assert.equal(plan.totals.writes, WRITES)
  assert.ok(plan.totals.reads > 0)
  assert.equal(f.writes(), 0, 'a plan writes nothing')
  const creates = plan.changes.filter((c) => c.action === 'create')
  assert.equal(creates.length, WRITES)
  assert.deepEqual([...new Set(creates.map((c) => c.reason))], ['new'])
  const shared = plan.changes.find((c) => c.name === 'SHARED_KEY')
  assert.equal(shared.scope, 'orgs/acme')
  assert.deepEqual(shared.access.added.sort(), ['acme/svc-0', 'acme/svc-1'])

  const seen = []
  const report = await f.client.apply(plan, f.state, (p) => seen.push(p))
  assert.equal(report.cancelled, false)
  assert.equal(report.remaining, 0)
  assert.equal(report.writes, WRITES)
  assert.equal(f.writes(), WRITES)
  assert.ok(report.items.every((i) => i.error === undefined))
  await new Promise((resolve) => setImmediate(resolve))
  assert.deepEqual(seen.filter((p) => p.waitingMs === undefined).map((p) => p.done), [1, 2, 3, 4, 5, 6, 7])
  assert.ok(seen.every((p) => p.total === WRITES && p.ok && typeof p.etaMs === 'number'))
  f.assertValues()

  const again = await f.client.check(f.manifest, f.state)
  assert.equal(again.hasChanges, false)
  assert.deepEqual([...new Set(again.changes.map((c) => c.action))], ['unchanged'])
  // Checked once more: the lists answer 304 from the ETags kept beside the state.
  const third = (await f.client.check(f.manifest, f.state)).totals
  assert.ok(third.notModified > 0 && third.notModified <= third.reads, JSON.stringify(third))
  assert.equal(third.points, 0)
  assert.equal(typeof third.rateRemaining, 'number')
})

test('apply a manifest file directly; a changed value is written again, and nothing shows it', async (t) => {
  const f = await fleet(t)
  const report = await f.client.apply(f.path, f.state)
  assert.equal(report.writes, WRITES)
  f.assertValues()

  writeFileSync(join(f.dir, 'npm.txt'), 'npm-2')
  const plan = await f.client.plan(f.path, f.state)
  assert.equal(plan.totals.writes, 5)
  assert.deepEqual([...new Set(plan.changes.filter((c) => c.action === 'update').map((c) => c.reason))], ['changed'])
  const json = JSON.parse(JSON.stringify(plan))
  assert.equal(json.totals.writes, 5)
  assert.equal(json.version, plan.version)
  for (const shown of [String(plan), JSON.stringify(plan)]) assert.ok(!shown.includes('npm-2') && !shown.includes('shared-1'))
  await f.client.apply(plan, f.state)
  f.assertValues('npm-2')
})

test('cancel stops between two writes with the state saved; the next apply does the rest', async (t) => {
  const f = await fleet(t)
  const cancel = new CancelHandle()
  // Progress arrives on the JavaScript thread soon after the write; with writes 200 ms apart
  // a cancel from there lands between two later changes.
  const paced = clientFor(f.emu, { writeIntervalMs: 200 })
  const report = await paced.apply(f.manifest, { ...f.state, cancel }, (p) => {
    if (p.waitingMs === undefined && p.done === 1) cancel.cancel()
  })
  assert.equal(report.cancelled, true)
  assert.ok(report.writes >= 1 && report.writes < WRITES, `${report.writes} writes`)
  assert.equal(report.writes, f.writes())
  assert.equal(report.items.length + report.remaining, WRITES)

  const rest = await f.client.plan(f.manifest, f.state)
  assert.equal(rest.totals.writes, WRITES - report.writes, 'the state recorded what was written')
  await f.client.apply(rest, f.state)
  assert.equal(f.writes(), WRITES, 'nothing written twice')
  f.assertValues()
})

test('an aborted AbortSignal stops the apply before any write', async (t) => {
  const f = await fleet(t)
  const controller = new AbortController()
  controller.abort()
  const report = await f.client.apply(f.manifest, { ...f.state, signal: controller.signal })
  assert.deepEqual([report.cancelled, report.writes, report.remaining], [true, 0, WRITES])
  assert.equal(f.writes(), 0)
})

test('a saved plan applies later, and is refused once a value moved', async (t) => {
  const f = await fleet(t)
  const saved = join(f.dir, 'plan.json')
  ;(await f.client.plan(f.path, f.state)).save(saved)
  assert.ok(!readFileSync(saved, 'utf8').includes('npm-1'))
  const plan = await f.client.loadSavedPlan(saved, f.state)
  assert.equal((await f.client.apply(plan, f.state)).writes, WRITES)

  ;(await f.client.plan(f.path, f.state)).save(saved)
  writeFileSync(join(f.dir, 'npm.txt'), 'npm-3')
  const stale = await rejection(f.client.loadSavedPlan(saved, f.state))
  assert.equal(stale.code, 'INVALID_INPUT')
  assert.match(stale.message, /stale/)
})

test('errors carry the SDK codes: a literal value, a bad manifest, a plan with errors, a bad token', async (t) => {
  const f = await fleet(t)
  const literal = structuredClone(f.manifest)
  literal.secrets.NPM_TOKEN.value = 'in-git'
  const refused = await rejection(f.client.plan(literal))
  assert.equal(refused.code, 'INVALID_INPUT')
  assert.match(refused.message, /never holds a value/)
  assert.ok(!refused.message.includes('in-git'))
  assert.equal((await rejection(f.client.plan({ name: 'platform', secrets: {} }))).code, 'INVALID_INPUT')
  assert.equal((await rejection(f.client.plan(join(f.dir, 'missing.toml')))).code, 'INVALID_INPUT')
  assert.equal((await rejection(f.client.plan(42))).code, 'INVALID_INPUT')
  assert.equal((await rejection(f.client.apply(f.manifest, { maxWrites: -1 }))).code, 'INVALID_INPUT')

  const nothing = structuredClone(f.manifest)
  nothing.secrets.NPM_TOKEN.repos_where[0].topics = ['no-such-topic']
  const plan = await f.client.plan(nothing)
  assert.deepEqual(plan.errors.map((e) => e.kind), ['selector_matched_nothing'])
  assert.equal((await rejection(f.client.apply(plan))).code, 'INVALID_INPUT')
  assert.equal(f.writes(), 0)

  const stranger = clientFor(f.emu, { token: 'ghp_wrong' })
  const unauthorized = await rejection(stranger.check(f.manifest))
  assert.deepEqual([unauthorized.code, unauthorized.status], ['UNAUTHORIZED', 401])
})
