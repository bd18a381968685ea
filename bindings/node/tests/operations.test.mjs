// Every operation in each scope against the emulator: arguments in, plain objects out, and
// what the emulator stored read back decrypted.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import {
  HELLO_WORLD_ID, OCTO_REPO_ID, OCTO_SERVICE_ID, ORG, REPO, SPOON_KNIFE_ID, USER, clientFor, emulator,
  rejection, requests, setup,
} from './helpers.mjs'

const names = (list) => list.map((s) => s.name)
const ids = (repos) => repos.map((r) => r.id).sort((a, b) => a - b)

describe('repository scope', () => {
  test('set, get, list, listStream, publicKey, delete', async (t) => {
    const { emu, repo } = setup(t)
    assert.equal(repo.path, 'repos/octocat/Hello-World')
    assert.equal(await repo.set('API_TOKEN', 't0ken'), 'created')
    assert.equal(await repo.set('api_token', 't0ken-2'), 'updated')
    assert.equal(emu.secretValue({ repo: REPO }, 'API_TOKEN'), 't0ken-2')

    const secret = await repo.get('API_TOKEN')
    assert.deepEqual(Object.keys(secret).sort(), ['createdAt', 'name', 'updatedAt'])
    assert.equal(secret.name, 'API_TOKEN')
    assert.ok(!Number.isNaN(new Date(secret.updatedAt).getTime()), secret.updatedAt)
    assert.ok(new Date(secret.updatedAt) >= new Date(secret.createdAt))

    await repo.set('DB_URL', 'postgres://x')
    assert.deepEqual(names(await repo.list()), ['API_TOKEN', 'DB_URL'])
    const streamed = []
    for await (const s of repo.listStream()) streamed.push(s.name)
    assert.deepEqual(streamed, ['API_TOKEN', 'DB_URL'])

    const key = await repo.publicKey()
    assert.deepEqual(key, emu.publicKey({ repo: REPO }))
    assert.equal(Buffer.from(key.key, 'base64').length, 32)

    assert.equal(await repo.delete('DB_URL'), undefined)
    assert.deepEqual(names(await repo.list()), ['API_TOKEN'])
    assert.equal(emu.secretValue({ repo: REPO }, 'DB_URL'), null)
  })

  test('repository secrets have no selected repositories or options', async (t) => {
    const { emu, repo } = setup(t)
    await repo.set('A', '1')
    emu.clearLog()
    // Each call is started only when awaited: started together, a rejection that settles
    // before its turn counted as unhandled and failed the test now and then under load.
    for (const call of [
      () => repo.repositories('A'),
      () => repo.setRepositories('A', [HELLO_WORLD_ID]),
      () => repo.addRepository('A', HELLO_WORLD_ID),
      () => repo.removeRepository('A', HELLO_WORLD_ID),
      () => repo.set('B', '2', { visibility: 'all' }),
    ]) {
      assert.equal((await rejection(call())).code, 'INVALID_INPUT')
    }
    assert.deepEqual(requests(emu), [])
  })
})

describe('user scope', () => {
  test('set with selected repositories, and manage them', async (t) => {
    const { emu, user } = setup(t)
    assert.equal(user.path, 'user')
    assert.equal(await user.set('DOTFILES', 'v1', { selectedRepositoryIds: [HELLO_WORLD_ID] }), 'created')
    const secret = await user.get('dotfiles')
    assert.equal(secret.visibility, 'selected')
    assert.match(secret.selectedRepositoriesUrl, /\/user\/codespaces\/secrets\/DOTFILES\/repositories$/)

    const repos = await user.repositories('DOTFILES')
    assert.deepEqual(ids(repos), [HELLO_WORLD_ID])
    const [hello] = repos
    assert.equal(hello.fullName, REPO)
    assert.equal(hello.owner.login, USER)
    assert.equal(typeof hello.private, 'boolean')
    assert.equal(typeof hello.nodeId, 'string')

    await user.addRepository('DOTFILES', SPOON_KNIFE_ID)
    assert.deepEqual(ids(await user.repositories('DOTFILES')), [HELLO_WORLD_ID, SPOON_KNIFE_ID])
    await user.removeRepository('DOTFILES', HELLO_WORLD_ID)
    assert.deepEqual(ids(await user.repositories('DOTFILES')), [SPOON_KNIFE_ID])
    await user.setRepositories('DOTFILES', [HELLO_WORLD_ID, SPOON_KNIFE_ID])
    assert.deepEqual(emu.secrets({ user: USER })[0].selectedRepositoryIds, [HELLO_WORLD_ID, SPOON_KNIFE_ID])

    assert.deepEqual(names(await user.list()), ['DOTFILES'])
    assert.deepEqual(await user.publicKey(), emu.publicKey({ user: USER }))
    await user.delete('DOTFILES')
    assert.deepEqual(await user.list(), [])
  })
})

describe('organization scope', () => {
  test('visibility and selected repositories', async (t) => {
    const { emu, org } = setup(t)
    assert.equal(org.path, 'orgs/octo-org')
    assert.equal(await org.set('NPM_TOKEN', 'npm_abc', { visibility: 'selected', selectedRepositoryIds: [OCTO_REPO_ID] }), 'created')
    assert.equal((await org.get('NPM_TOKEN')).visibility, 'selected')
    await org.addRepository('NPM_TOKEN', OCTO_SERVICE_ID)
    assert.deepEqual(ids(await org.repositories('NPM_TOKEN')), [OCTO_REPO_ID, OCTO_SERVICE_ID])
    await org.removeRepository('NPM_TOKEN', OCTO_REPO_ID)
    await org.setRepositories('NPM_TOKEN', [OCTO_REPO_ID])
    assert.deepEqual(emu.secrets({ org: ORG })[0].selectedRepositoryIds, [OCTO_REPO_ID])

    assert.equal(await org.set('SHARED', 's', { visibility: 'all' }), 'created')
    assert.equal(await org.set('PRIVATE_ONLY', 'p'), 'created')
    const listed = await org.list()
    assert.deepEqual(listed.map((s) => [s.name, s.visibility]), [
      ['NPM_TOKEN', 'selected'], ['PRIVATE_ONLY', 'private'], ['SHARED', 'all'],
    ])
    assert.deepEqual(await org.publicKey(), emu.publicKey({ org: ORG }))
    await org.delete('SHARED')
    assert.equal(emu.secretValue({ org: ORG }, 'NPM_TOKEN'), 'npm_abc')
    assert.equal(emu.secretValue({ org: ORG }, 'SHARED'), null)
  })

  test('long lists are followed page by page', async (t) => {
    const { emu, org } = setup(t)
    const wide = Array.from({ length: 230 }, (_, i) => emu.addRepo(ORG, `repo-${i}`))
    await org.set('WIDE', 'v', { visibility: 'selected', selectedRepositoryIds: wide })
    emu.clearLog()
    assert.deepEqual(ids(await org.repositories('WIDE')), wide)
    assert.equal(emu.requestLog().length, 3, 'three pages of at most 100')
  })
})

test('a full lifecycle, as the quickstart does it', async (t) => {
  const { emu, user } = setup(t)
  assert.deepEqual(await user.list(), [])
  assert.equal(await user.set('LIFECYCLE', 'first'), 'created')
  assert.equal((await user.get('LIFECYCLE')).name, 'LIFECYCLE')
  assert.equal(await user.set('LIFECYCLE', 'second'), 'updated')
  assert.equal(emu.secretValue({ user: USER }, 'LIFECYCLE'), 'second')
  await user.addRepository('LIFECYCLE', HELLO_WORLD_ID)
  assert.deepEqual(ids(await user.repositories('LIFECYCLE')), [HELLO_WORLD_ID])
  await user.delete('LIFECYCLE')
  assert.equal((await rejection(user.get('LIFECYCLE'))).code, 'NOT_FOUND')
  assert.deepEqual(emu.secrets({ user: USER }), [])
})

test('many calls in parallel under Promise.all', async (t) => {
  const { emu, client } = setup(t)
  const scopes = [client.user, client.repo('octocat', 'Hello-World'), client.org(ORG)]
  const writes = []
  for (let i = 0; i < 60; i++) writes.push(scopes[i % 3].set(`PARALLEL_${i}`, `value-${i}`))
  const outcomes = await Promise.all(writes)
  assert.ok(outcomes.every((o) => o === 'created'))
  const [users, repos, orgs] = await Promise.all(scopes.map((s) => s.list()))
  assert.deepEqual([users.length, repos.length, orgs.length], [20, 20, 20])
  const reads = await Promise.all(scopes.flatMap((s, k) => [k, k + 3, k + 6].map((i) => s.get(`PARALLEL_${i}`))))
  assert.equal(reads.length, 9)
  for (let i = 0; i < 60; i++) {
    const where = [{ user: USER }, { repo: REPO }, { org: ORG }][i % 3]
    assert.equal(emu.secretValue(where, `PARALLEL_${i}`), `value-${i}`)
  }
  assert.equal(emu.requestLog().filter((r) => r.method === 'PUT').length, 60)
})

test('scope handles share one client: writes are paced across them', async (t) => {
  const emu = emulator(t)
  const client = clientFor(emu, { writeIntervalMs: 50 })
  const started = Date.now()
  await Promise.all([client.user.set('A', '1'), client.repo('octocat', 'Hello-World').set('B', '2'), client.org(ORG).set('C', '3')])
  assert.ok(Date.now() - started >= 100, 'three writes at least 50 ms apart')
  const writes = emu.requestLog().filter((r) => r.write)
  assert.equal(writes.length, 3)
})
