// The emulator driven by a client that is not ours: @octokit/rest's own endpoint methods, with
// values sealed by libsodium-wrappers against the public key Octokit fetched, then read back
// decrypted through the emulator's /_emulator/ routes. Octokit sends no X-GitHub-Api-Version by
// default, which GitHub (and the emulator) answer as 2022-11-28.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { Octokit } from '@octokit/rest'
import sodiumModule from 'libsodium-wrappers'

const HERE = dirname(fileURLToPath(import.meta.url))
const TARGET = process.env.CARGO_TARGET_DIR || join(HERE, '..', '..', '..', 'target')
const BINARY = process.env.EMULATOR_BIN || join(TARGET, 'debug', 'codespaces-secrets-emulator')

// The demo data every emulator starts with (crates/emulator/README.md).
const USER = 'octocat'
const REPO = { owner: 'octocat', repo: 'Hello-World' }
const ORG = 'octo-org'
const HELLO_WORLD = 1296269
const SPOON_KNIFE = 1296270
const OCTO_REPO = 1296271
const OCTO_SERVICE = 1296272

// The 23 operations, as the emulator's request log shows them.
const OPERATIONS = (() => {
  const ops = []
  for (const [scope, base] of [['user', '/user'], ['repo', '/repos/[^/]+/[^/]+'], ['org', '/orgs/[^/]+']]) {
    const secrets = `${base}/codespaces/secrets`
    ops.push([`${scope}: list`, 'GET', `${secrets}`])
    ops.push([`${scope}: public key`, 'GET', `${secrets}/public-key`])
    ops.push([`${scope}: get`, 'GET', `${secrets}/(?!public-key$)[^/]+`])
    ops.push([`${scope}: create or update`, 'PUT', `${secrets}/[^/]+`])
    ops.push([`${scope}: delete`, 'DELETE', `${secrets}/[^/]+`])
    if (scope !== 'repo') {
      ops.push([`${scope}: list repositories`, 'GET', `${secrets}/[^/]+/repositories`])
      ops.push([`${scope}: set repositories`, 'PUT', `${secrets}/[^/]+/repositories`])
      ops.push([`${scope}: add repository`, 'PUT', `${secrets}/[^/]+/repositories/\\d+`])
      ops.push([`${scope}: remove repository`, 'DELETE', `${secrets}/[^/]+/repositories/\\d+`])
    }
  }
  return ops.map(([name, method, path]) => ({ name, method, path: new RegExp(`^${path}$`) }))
})()

let emulator
let octokit
let sodium
const versionsSelected = new Set()

async function startEmulator () {
  assert.ok(existsSync(BINARY), `emulator binary not found at ${BINARY}; run 'make emulator-bin'`)
  const child = spawn(BINARY, ['--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] })
  const lines = createInterface({ input: child.stdout })
  const values = {}
  for await (const line of lines) {
    const [key, ...rest] = line.trim().split('=')
    values[key] = rest.join('=')
    if (values.GITHUB_API_URL && values.GITHUB_TOKEN) break
  }
  return { child, baseUrl: values.GITHUB_API_URL, token: values.GITHUB_TOKEN }
}

async function inspect (path) {
  const response = await fetch(`${emulator.baseUrl}/_emulator/${path}`)
  assert.equal(response.status, 200, `GET /_emulator/${path}`)
  return response.json()
}

/** The value sealed (libsodium crypto_box_seal) to the base64 key Octokit fetched, base64-encoded. */
function seal (key, value) {
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(key, sodium.base64_variants.ORIGINAL))
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL)
}

function unique (prefix) {
  return `${prefix}_${process.pid}_${Date.now()}`
}

before(async () => {
  await sodiumModule.ready
  sodium = sodiumModule
  emulator = await startEmulator()
  // Octokit logs every error answer; the 404s after a delete are expected, and a failing call
  // rejects anyway.
  const quiet = () => {}
  octokit = new Octokit({
    auth: emulator.token,
    baseUrl: emulator.baseUrl,
    userAgent: 'independent-octokit',
    log: { debug: quiet, info: quiet, warn: console.warn, error: quiet }
  })
  octokit.hook.after('request', (response) => {
    versionsSelected.add(response.headers['x-github-api-version-selected'])
  })
})

after(() => emulator?.child.kill())

test('user secrets: every operation through Octokit, values sealed by libsodium-wrappers', async () => {
  const cs = octokit.rest.codespaces
  const name = unique('OCTOKIT_USER')
  const value = `user value ✓ ${name}`
  const { data: key } = await cs.getPublicKeyForAuthenticatedUser()
  assert.equal(sodium.from_base64(key.key, sodium.base64_variants.ORIGINAL).length, 32)

  const created = await cs.createOrUpdateSecretForAuthenticatedUser({
    secret_name: name, encrypted_value: seal(key.key, 'first'), key_id: key.key_id,
    selected_repository_ids: [HELLO_WORLD]
  })
  assert.equal(created.status, 201)
  const updated = await cs.createOrUpdateSecretForAuthenticatedUser({
    secret_name: name, encrypted_value: seal(key.key, value), key_id: key.key_id,
    selected_repository_ids: [HELLO_WORLD]
  })
  assert.equal(updated.status, 204)

  const { data: list } = await cs.listSecretsForAuthenticatedUser({ per_page: 100 })
  assert.ok(list.secrets.some((s) => s.name === name), 'the list holds the new secret')
  const { data: secret } = await cs.getSecretForAuthenticatedUser({ secret_name: name })
  assert.equal(secret.name, name)
  assert.equal(secret.visibility, 'selected')

  await cs.setRepositoriesForSecretForAuthenticatedUser({ secret_name: name, selected_repository_ids: [HELLO_WORLD, SPOON_KNIFE] })
  await cs.removeRepositoryForSecretForAuthenticatedUser({ secret_name: name, repository_id: HELLO_WORLD })
  await cs.addRepositoryForSecretForAuthenticatedUser({ secret_name: name, repository_id: HELLO_WORLD })
  const { data: repos } = await cs.listRepositoriesForSecretForAuthenticatedUser({ secret_name: name })
  assert.deepEqual(repos.repositories.map((r) => r.id).sort(), [HELLO_WORLD, SPOON_KNIFE])

  const stored = await inspect(`users/${USER}/secrets/${name}`)
  assert.equal(stored.value, value, 'the emulator opened what libsodium sealed')
  assert.deepEqual(stored.selected_repository_ids.sort(), [HELLO_WORLD, SPOON_KNIFE])

  const deleted = await cs.deleteSecretForAuthenticatedUser({ secret_name: name })
  assert.equal(deleted.status, 204)
  await assert.rejects(cs.getSecretForAuthenticatedUser({ secret_name: name }), (e) => e.status === 404)
})

test('repository secrets: every operation through Octokit', async () => {
  const cs = octokit.rest.codespaces
  const name = unique('OCTOKIT_REPO')
  const value = 'x'.repeat(4096) + name
  const { data: key } = await cs.getRepoPublicKey(REPO)
  const created = await cs.createOrUpdateRepoSecret({ ...REPO, secret_name: name, encrypted_value: seal(key.key, value), key_id: key.key_id })
  assert.equal(created.status, 201)
  const { data: list } = await cs.listRepoSecrets({ ...REPO, per_page: 1 })
  assert.equal(list.total_count, 1)
  assert.deepEqual(list.secrets.map((s) => s.name), [name])
  const { data: secret } = await cs.getRepoSecret({ ...REPO, secret_name: name })
  assert.equal(secret.name, name)
  assert.equal((await inspect(`repos/${REPO.owner}/${REPO.repo}/secrets/${name}`)).value, value)
  assert.equal((await cs.deleteRepoSecret({ ...REPO, secret_name: name })).status, 204)
  await assert.rejects(cs.getRepoSecret({ ...REPO, secret_name: name }), (e) => e.status === 404)
})

test('organization secrets: every operation through Octokit', async () => {
  const cs = octokit.rest.codespaces
  const name = unique('OCTOKIT_ORG')
  const value = `org value ${name} 🔑`
  const { data: key } = await cs.getOrgPublicKey({ org: ORG })
  const created = await cs.createOrUpdateOrgSecret({
    org: ORG, secret_name: name, encrypted_value: seal(key.key, value), key_id: key.key_id,
    visibility: 'selected', selected_repository_ids: [OCTO_REPO]
  })
  assert.equal(created.status, 201)
  const { data: list } = await cs.listOrgSecrets({ org: ORG })
  assert.ok(list.secrets.some((s) => s.name === name && s.visibility === 'selected'))
  const { data: secret } = await cs.getOrgSecret({ org: ORG, secret_name: name })
  assert.equal(secret.visibility, 'selected')

  await cs.setSelectedReposForOrgSecret({ org: ORG, secret_name: name, selected_repository_ids: [OCTO_REPO, OCTO_SERVICE] })
  await cs.removeSelectedRepoFromOrgSecret({ org: ORG, secret_name: name, repository_id: OCTO_REPO })
  await cs.addSelectedRepoToOrgSecret({ org: ORG, secret_name: name, repository_id: OCTO_REPO })
  const { data: repos } = await cs.listSelectedReposForOrgSecret({ org: ORG, secret_name: name })
  assert.equal(repos.total_count, 2)
  assert.deepEqual(repos.repositories.map((r) => r.id).sort(), [OCTO_REPO, OCTO_SERVICE])

  const stored = await inspect(`orgs/${ORG}/secrets/${name}`)
  assert.equal(stored.value, value)
  assert.equal(stored.visibility, 'selected')
  assert.deepEqual(stored.selected_repository_ids.sort(), [OCTO_REPO, OCTO_SERVICE])

  assert.equal((await cs.deleteOrgSecret({ org: ORG, secret_name: name })).status, 204)
  await assert.rejects(cs.getOrgSecret({ org: ORG, secret_name: name }), (e) => e.status === 404)
})

test('all 23 operations answered 2xx, at Octokit\'s default API version', async () => {
  const log = await inspect('log')
  const missing = OPERATIONS.filter((op) =>
    !log.some((r) => r.method === op.method && op.path.test(r.path) && r.status >= 200 && r.status < 300))
  assert.deepEqual(missing.map((op) => op.name), [], 'operations never answered with success')
  assert.equal(OPERATIONS.length, 23)
  // No header sent, so the emulator chose GitHub's default.
  assert.deepEqual([...versionsSelected], ['2022-11-28'])
})
