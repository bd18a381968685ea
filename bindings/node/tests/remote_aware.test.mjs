// Remote-aware writes from Node: organization updates keep their access settings, and `sync`
// with a state writes only what changed (the rules are the Rust client's; this checks that they
// reach JavaScript: options in, reports out, plain objects and Maps, strings and Buffers).
import assert from 'node:assert/strict'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'

import {
  OCTO_REPO_ID, OCTO_SERVICE_ID, ORG, REPO, envFile, rejection, requests, setup, stateOptions,
} from './helpers.mjs'

const ids = (repos) => repos.map((r) => r.id).sort((a, b) => a - b)
const stored = (emu, scope, name) => emu.secrets(scope).find((s) => s.name === name)
const puts = (emu) => emu.requestLog().filter((r) => r.method === 'PUT').map((r) => r.path)
const gets = (emu) => emu.requestLog().filter((r) => r.method === 'GET').map((r) => r.path)
const mode = (path) => statSync(path).mode & 0o777

describe('organization updates keep access', () => {
  test("a plain set of a new value keeps visibility 'selected' and both repositories", async (t) => {
    const { emu, org } = setup(t)
    const both = [OCTO_REPO_ID, OCTO_SERVICE_ID]
    await org.set('NPM_TOKEN', 'npm_v1', { visibility: 'selected', selectedRepositoryIds: both })

    emu.clearLog()
    assert.equal(await org.set('NPM_TOKEN', 'npm_v2'), 'updated')
    assert.deepEqual(requests(emu), [
      'GET /orgs/octo-org/codespaces/secrets/NPM_TOKEN',
      'GET /orgs/octo-org/codespaces/secrets/NPM_TOKEN/repositories',
      'PUT /orgs/octo-org/codespaces/secrets/NPM_TOKEN',
    ], 'reads learn the access settings; the one write re-sends them')

    assert.equal((await org.get('NPM_TOKEN')).visibility, 'selected')
    assert.deepEqual(ids(await org.repositories('NPM_TOKEN')), both)
    const secret = stored(emu, { org: ORG }, 'NPM_TOKEN')
    assert.equal(secret.value, 'npm_v2')
    assert.equal(secret.visibility, 'selected')
    assert.deepEqual(secret.selectedRepositoryIds, both)
  })

  test("a plain set keeps 'all'; a new secret is 'private'; repositories alone mean 'selected'", async (t) => {
    const { emu, org } = setup(t)
    await org.set('SHARED', 's1', { visibility: 'all' })
    assert.equal(await org.set('SHARED', 's2'), 'updated')
    assert.equal(await org.set('FRESH', 'f'), 'created')
    assert.equal(await org.set('PICKED', 'p', { selectedRepositoryIds: [OCTO_SERVICE_ID] }), 'created')

    const visibility = Object.fromEntries(emu.secrets({ org: ORG }).map((s) => [s.name, s.visibility]))
    assert.deepEqual(visibility, { FRESH: 'private', PICKED: 'selected', SHARED: 'all' })
    assert.deepEqual(stored(emu, { org: ORG }, 'PICKED').selectedRepositoryIds, [OCTO_SERVICE_ID])

    await org.set('SHARED', 's3', { visibility: 'private' })
    assert.equal(stored(emu, { org: ORG }, 'SHARED').visibility, 'private', 'explicit options win')
  })

  test("setMany and sync keep each secret's access, learned from one list", async (t) => {
    const { emu, org } = setup(t)
    const both = [OCTO_REPO_ID, OCTO_SERVICE_ID]
    await org.set('PICKED', 'p1', { visibility: 'selected', selectedRepositoryIds: both })
    await org.set('SHARED', 's1', { visibility: 'all' })

    emu.clearLog()
    const report = await org.setMany({ PICKED: 'p2', SHARED: 's2', NEW_ONE: 'n' })
    assert.deepEqual(report.updated, ['PICKED', 'SHARED'])
    assert.deepEqual(report.created, ['NEW_ONE'])
    assert.deepEqual(gets(emu).filter((p) => p === '/orgs/octo-org/codespaces/secrets'), [
      '/orgs/octo-org/codespaces/secrets',
    ], 'one list of the scope')
    assert.ok(!gets(emu).includes('/orgs/octo-org/codespaces/secrets/SHARED'), 'no read per secret')

    const synced = await org.sync({ PICKED: 'p3', SHARED: 's3', NEW_ONE: 'n2' }, stateOptions(t))
    assert.deepEqual(synced.result.updated, ['PICKED', 'SHARED', 'NEW_ONE'])
    for (const [name, value, visibility, repos] of [
      ['PICKED', 'p3', 'selected', both], ['SHARED', 's3', 'all', []], ['NEW_ONE', 'n2', 'private', []],
    ]) {
      const secret = stored(emu, { org: ORG }, name)
      assert.deepEqual([secret.value, secret.visibility, secret.selectedRepositoryIds], [value, visibility, repos], name)
    }
  })
})

describe('incremental sync with a state', () => {
  test('the second sync of the same values writes nothing: one GET, every name unchanged', async (t) => {
    const { emu, repo } = setup(t)
    const options = stateOptions(t)
    const secrets = { API_KEY: 'k-1', DB_URL: 'postgres://db', TOKEN: 't-1' }

    const first = await repo.sync(secrets, options)
    assert.deepEqual(first.plan, Object.keys(secrets).map((name) => ({ name, action: 'create', reason: 'new' })))
    assert.deepEqual(first.result.created, Object.keys(secrets))
    assert.deepEqual(first.unchanged, [])

    emu.clearLog()
    const progress = []
    const second = await repo.sync(secrets, options, (p) => progress.push(p))
    assert.deepEqual(puts(emu), [], 'no PUT')
    assert.deepEqual(requests(emu), ['GET /repos/octocat/Hello-World/codespaces/secrets'], 'exactly one GET: the list')
    assert.deepEqual(second.unchanged, Object.keys(secrets))
    assert.deepEqual(second.plan, Object.keys(secrets).map((name) => ({ name, action: 'unchanged' })))
    assert.deepEqual(second.result, { created: [], updated: [], deleted: [], failed: [] })
    assert.equal(second.dryRun, false)
    assert.deepEqual(progress, [], 'progress counts writes only')
  })

  test("a changed value is written again with reason 'changed', the others left alone", async (t) => {
    const { emu, repo } = setup(t)
    const options = stateOptions(t)
    await repo.sync({ API_KEY: 'k-1', DB_URL: 'postgres://db' }, options)

    emu.clearLog()
    const progress = []
    const report = await repo.sync({ API_KEY: 'k-2', DB_URL: 'postgres://db' }, options, (p) => progress.push(p))
    assert.deepEqual(report.plan, [
      { name: 'API_KEY', action: 'update', reason: 'changed' },
      { name: 'DB_URL', action: 'unchanged' },
    ])
    assert.deepEqual(report.unchanged, ['DB_URL'])
    assert.deepEqual(report.result.updated, ['API_KEY'])
    assert.deepEqual(puts(emu), ['/repos/octocat/Hello-World/codespaces/secrets/API_KEY'])
    assert.deepEqual(progress, [{ done: 1, total: 1, name: 'API_KEY', ok: true }])
    assert.equal(emu.secretValue({ repo: REPO }, 'API_KEY'), 'k-2')

    const dry = await repo.sync({ API_KEY: 'k-3', DB_URL: 'postgres://db' }, { ...options, dryRun: true })
    assert.deepEqual(dry.plan.map((c) => [c.action, c.reason]), [['update', 'changed'], ['unchanged', undefined]])
    assert.equal(emu.secretValue({ repo: REPO }, 'API_KEY'), 'k-2', 'a dry run writes nothing')
  })

  test("a value changed on GitHub is written back ('changed_elsewhere'); force writes all ('forced')", async (t) => {
    const { emu, repo } = setup(t)
    const options = stateOptions(t)
    const secrets = { API_KEY: 'k-1', DB_URL: 'postgres://db' }
    await repo.sync(secrets, options)

    assert.equal(emu.overwriteSecret({ repo: REPO }, 'API_KEY', 'someone else'), true)
    assert.equal(emu.overwriteSecret({ repo: REPO }, 'MISSING', 'x'), false)
    const back = await repo.sync(secrets, options)
    assert.deepEqual(back.plan.map((c) => [c.name, c.action, c.reason]), [
      ['API_KEY', 'update', 'changed_elsewhere'], ['DB_URL', 'unchanged', undefined],
    ])
    assert.equal(emu.secretValue({ repo: REPO }, 'API_KEY'), 'k-1')
    assert.deepEqual((await repo.sync(secrets, options)).unchanged, ['API_KEY', 'DB_URL'])

    const forced = await repo.sync(secrets, { ...options, force: true })
    assert.deepEqual(forced.plan.map((c) => c.reason), ['forced', 'forced'])
    assert.deepEqual(forced.result.updated, ['API_KEY', 'DB_URL'])
  })

  test('a Map keeps its order; Buffer values arrive byte for byte; prune deletes the rest', async (t) => {
    const { emu, repo } = setup(t)
    await repo.set('STALE', 'old')
    const options = stateOptions(t)
    const binary = Buffer.from([0, 1, 2, 0xfe, 0xff])
    const secrets = new Map([['ZETA', 'z'], ['alpha', binary], ['MIDDLE', 'm']])

    const report = await repo.sync(secrets, { ...options, prune: true })
    assert.deepEqual(report.plan.map((c) => [c.name, c.action]), [
      ['ZETA', 'create'], ['ALPHA', 'create'], ['MIDDLE', 'create'], ['STALE', 'delete'],
    ])
    assert.deepEqual(report.result.created, ['ZETA', 'ALPHA', 'MIDDLE'])
    assert.deepEqual(report.result.deleted, ['STALE'])
    assert.deepEqual(emu.secretBytes({ repo: REPO }, 'ALPHA'), binary)
    assert.equal(emu.secretValue({ repo: REPO }, 'ZETA'), 'z')

    const again = await repo.sync(new Map([['MIDDLE', 'm'], ['ALPHA', Buffer.from(binary)], ['ZETA', 'z']]), options)
    assert.deepEqual(again.unchanged, ['MIDDLE', 'ALPHA', 'ZETA'], 'the same bytes are the same value')

    const mapped = await repo.setMany(new Map([['B_SECOND', 'b'], ['A_FIRST', Buffer.from('a')]]))
    assert.deepEqual(mapped.created, ['B_SECOND', 'A_FIRST'])
  })

  test("syncEnvFile with state: an unchanged file writes nothing, an edited line is 'changed'", async (t) => {
    const { emu, repo } = setup(t)
    const options = stateOptions(t)
    const path = envFile(t, 'API_KEY=k-1\nDB_URL="postgres://db"\n')
    assert.deepEqual((await repo.syncEnvFile(path, options)).result.created, ['API_KEY', 'DB_URL'])

    emu.clearLog()
    const same = await repo.syncEnvFile(path, options)
    assert.deepEqual(same.unchanged, ['API_KEY', 'DB_URL'])
    assert.deepEqual(puts(emu), [])
    assert.equal(emu.requestLog().length, 1)

    writeFileSync(path, 'API_KEY=k-1\nDB_URL="postgres://db-2"\n')
    const edited = await repo.syncEnvFile(path, options)
    assert.deepEqual(edited.plan, [
      { name: 'API_KEY', action: 'unchanged' },
      { name: 'DB_URL', action: 'update', reason: 'changed' },
    ])
    assert.equal(emu.secretValue({ repo: REPO }, 'DB_URL'), 'postgres://db-2')

    const fromCode = await repo.sync({ API_KEY: 'k-1', DB_URL: 'postgres://db-2' }, options)
    assert.deepEqual(fromCode.unchanged, ['API_KEY', 'DB_URL'], 'a file and pairs in code share one state')
  })

  test('the state holds no value and is private; its key lives apart; another key rewrites once', async (t) => {
    const { emu, repo } = setup(t)
    const options = stateOptions(t)
    const value = 's3cr3t-plaintext-value'
    await repo.sync({ API_KEY: value }, options)

    const state = readFileSync(options.state, 'utf8')
    assert.ok(state.includes('API_KEY'), 'the state is per name')
    assert.ok(!state.includes(value), 'no value in the state')
    assert.ok(!state.includes(Buffer.from(value).toString('base64')), 'no encoded value either')
    assert.ok(!state.includes(readFileSync(options.stateKeyFile, 'utf8').trim()), 'the key is not in the state')
    assert.equal(mode(options.state), 0o600)
    assert.equal(mode(options.stateKeyFile), 0o600)

    const otherKey = stateOptions(t).stateKeyFile
    const rekeyed = await repo.sync({ API_KEY: value }, { ...options, stateKeyFile: otherKey })
    assert.deepEqual(rekeyed.result.updated, ['API_KEY'], 'a state read with another key: written once more')
    assert.deepEqual((await repo.sync({ API_KEY: value }, { ...options, stateKeyFile: otherKey })).unchanged, ['API_KEY'])
    assert.equal(emu.secretValue({ repo: REPO }, 'API_KEY'), value)
  })

  test('bad input rejects with INVALID_INPUT before any request, quoting no value', async (t) => {
    const { emu, repo } = setup(t)
    emu.clearLog()
    const pending = repo.sync('API_KEY=1')
    assert.ok(pending instanceof Promise, 'it never throws synchronously')
    for (const call of [
      pending,
      repo.sync(null),
      repo.sync(),
      repo.sync({ API_KEY: 987654321 }),
      repo.sync(new Map([['API_KEY', { nested: 's3cr3t-plaintext' }]])),
      repo.sync(new Map([[42, 'v']])),
      repo.setMany({ API_KEY: 987654321 }),
      repo.sync({ '9BAD': 'v' }),
      repo.sync(new Map([['TWICE', 'a'], ['twice', 'b']])),
    ]) {
      const error = await rejection(call)
      assert.equal(error.code, 'INVALID_INPUT', error.message)
      assert.ok(!/987654321|s3cr3t-plaintext/.test(error.message), error.message)
    }
    assert.deepEqual(requests(emu), [])
  })
})
