// setMany and syncEnvFile: the report, the progress callback, and what was stored.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { REPO, envFile, rejection, requests, setup } from './helpers.mjs'

test('setMany: one key request, one PUT per item, a report and progress in order', async (t) => {
  const { emu, repo } = setup(t)
  await repo.set('EXISTING', 'old')
  emu.clearLog()
  const secrets = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`BULK_${i}`, `value ${i}`]))
  secrets.existing = 'new'
  const progress = []
  const report = await repo.setMany(secrets, (p) => progress.push(p))

  assert.equal(report.created.length, 25)
  assert.deepEqual(report.updated, ['EXISTING'])
  assert.deepEqual(report.deleted, [])
  assert.deepEqual(report.failed, [])
  assert.deepEqual(requests(emu).filter((r) => r.startsWith('GET')), [], 'the key was cached by the first set')
  assert.equal(emu.requestLog().filter((r) => r.method === 'PUT').length, 26)
  for (const [name, value] of Object.entries(secrets)) assert.equal(emu.secretValue({ repo: REPO }, name), value)

  assert.equal(progress.length, 26, 'every callback ran before the promise resolved')
  assert.deepEqual(progress.map((p) => p.done), Array.from({ length: 26 }, (_, i) => i + 1))
  assert.deepEqual(progress[0], { done: 1, total: 26, name: 'BULK_0', ok: true })
  assert.equal(progress.at(-1).name, 'existing', 'progress names the item as given')
})

test('setMany: values are strings or Buffers, in a plain object or a Map, stored byte for byte', async (t) => {
  const { emu, repo } = setup(t)
  const binary = Buffer.from([0, 1, 0x80, 0xfe, 0xff])
  const fromObject = await repo.setMany({ TEXT: 'héllo', BYTES: binary, EMPTY_BUFFER: Buffer.alloc(0) })
  assert.deepEqual(fromObject.created, ['TEXT', 'BYTES', 'EMPTY_BUFFER'])
  assert.deepEqual(fromObject.failed, [])
  const fromMap = await repo.setMany(new Map([['MAP_BYTES', Buffer.from('from a map')], ['MAP_TEXT', 'text'], ['TEXT', binary]]))
  assert.deepEqual(fromMap.created, ['MAP_BYTES', 'MAP_TEXT'])
  assert.deepEqual(fromMap.updated, ['TEXT'])

  const stored = (name) => emu.secretBytes({ repo: REPO }, name)
  assert.deepEqual(stored('BYTES'), binary)
  assert.deepEqual(stored('EMPTY_BUFFER'), Buffer.alloc(0))
  assert.deepEqual(stored('MAP_BYTES'), Buffer.from('from a map'))
  assert.equal(emu.secretValue({ repo: REPO }, 'MAP_TEXT'), 'text')
  assert.deepEqual(stored('TEXT'), binary, 'a Buffer replaced the text value')
  const error = await rejection(repo.setMany({ NUMBER: 42 }))
  assert.equal(error.code, 'INVALID_INPUT', 'anything but a string or a Buffer is refused')
})

test('setMany: an empty object sends nothing; a duplicate name (any case) refuses the batch', async (t) => {
  const { emu, repo } = setup(t)
  assert.deepEqual(await repo.setMany({}), { created: [], updated: [], deleted: [], failed: [] })
  const error = await rejection(repo.setMany({ TWICE: 'a', twice: 'b' }))
  assert.equal(error.code, 'INVALID_INPUT')
  assert.deepEqual(requests(emu), [])
})

test('syncEnvFile: dry run plans, sync writes, prune deletes', async (t) => {
  const { emu, repo } = setup(t)
  await repo.set('STALE', 'old')
  await repo.set('KEPT', 'old')
  const path = envFile(t, '# comment\nKEPT="new value"\nexport FRESH=\'quoted value\'\nMULTI="a\nb"\n')

  emu.clearLog()
  const plan = await repo.syncEnvFile(path, { dryRun: true, prune: true })
  assert.equal(plan.dryRun, true)
  assert.deepEqual(plan.plan, [
    { name: 'KEPT', action: 'update', reason: 'untracked' },
    { name: 'FRESH', action: 'create', reason: 'new' },
    { name: 'MULTI', action: 'create', reason: 'new' },
    { name: 'STALE', action: 'delete' },
  ])
  assert.deepEqual(plan.unchanged, [], 'without a state nothing is known to be unchanged')
  assert.deepEqual(plan.result, { created: [], updated: [], deleted: [], failed: [] })
  assert.equal(emu.requestLog().filter((r) => r.write).length, 0, 'a dry run writes nothing')

  const progress = []
  const done = await repo.syncEnvFile(path, { prune: true }, (p) => progress.push(p.name))
  assert.equal(done.dryRun, false)
  assert.deepEqual(done.result.updated, ['KEPT'])
  assert.deepEqual(done.result.created, ['FRESH', 'MULTI'])
  assert.deepEqual(done.result.deleted, ['STALE'])
  assert.deepEqual(progress, ['KEPT', 'FRESH', 'MULTI', 'STALE'])
  assert.deepEqual(emu.secrets({ repo: REPO }).map((s) => [s.name, s.value]), [
    ['FRESH', 'quoted value'], ['KEPT', 'new value'], ['MULTI', 'a\nb'],
  ])

  const again = await repo.syncEnvFile(path)
  assert.deepEqual(again.plan.map((c) => c.action), ['update', 'update', 'update'])
})

test('syncEnvFile: a malformed file is refused before any request, without quoting values', async (t) => {
  const { emu, repo } = setup(t)
  const path = envFile(t, 'GOOD=1\nBAD="s3cr3t-plaintext\n')
  emu.clearLog()
  const error = await rejection(repo.syncEnvFile(path))
  assert.equal(error.code, 'INVALID_INPUT')
  assert.ok(!error.message.includes('s3cr3t-plaintext'), error.message)
  assert.deepEqual(requests(emu), [])
})
