// `new Client({ app })`: a GitHub App's installation tokens against the emulator, with the
// installation given or looked up, both key formats, and errors that quote no key; and the App
// the GITHUB_APP_* variables name, read by the SDK as the CLI reads them.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import util from 'node:util'

import { Client } from 'codespaces-secrets'
import { ORG, REPO, emulator, rejection, requests } from './helpers.mjs'

const ORG_SCOPE = { org: ORG }
const REPO_SCOPE = { repo: REPO }

/** A client acting as `app` (fields of `GitHubApp`) against `emu`, no pacing. */
function appClient(emu, app) {
  return new Client({ app, baseUrl: emu.baseUrl, writeIntervalMs: 0, maxRetries: 0 })
}

/** Any 40-character run of a key's base64 body would betray it. */
function assertNoKey(text, registered) {
  for (const pem of [registered.privateKeyPem, registered.privateKeyPkcs8Pem]) {
    for (const line of pem.split('\n').filter((l) => l && !l.startsWith('-----'))) {
      assert.ok(!text.includes(line.slice(0, 40)), `key material in: ${text}`)
    }
  }
  assert.ok(!text.includes('eyJ'), `a JWT in: ${text}`)
}

/** How the error shows everywhere a user might print it. */
const shown = (error) => util.inspect(error) + JSON.stringify(error) + error.message + error.stack

test('an App with an explicit installation writes organization secrets', async (t) => {
  const emu = emulator(t)
  const app = emu.registerApp()
  const installationId = emu.installApp(app.id, ORG_SCOPE)
  assert.equal(emu.installApp(app.id, ORG_SCOPE), installationId, 'installing twice: the same installation')
  const client = appClient(emu, { appId: app.id, privateKey: app.privateKeyPem, installationId })
  assert.equal(await client.org(ORG).set('FROM_APP', 'org-value'), 'created')
  assert.equal(emu.secretValue(ORG_SCOPE, 'FROM_APP'), 'org-value')
  const log = requests(emu)
  assert.ok(!log.some((r) => r.endsWith('/installation')), `no installation lookup: ${log}`)
  assert.equal(log.filter((r) => r.endsWith('/access_tokens')).length, 1)
  assertNoKey(util.inspect(client) + JSON.stringify(client), app)
})

test('the installation is looked up once per organization or repository; PKCS#8 and a client id work', async (t) => {
  const emu = emulator(t)
  const app = emu.registerApp()
  emu.installApp(app.id, ORG_SCOPE)
  emu.installApp(app.id, REPO_SCOPE)
  const client = appClient(emu, { appId: app.clientId, privateKey: app.privateKeyPkcs8Pem })
  const [owner, name] = REPO.split('/')
  for (const value of ['v0', 'v1']) {
    await client.org(ORG).set('LOOKED_UP', value)
    await client.repo(owner, name).set('LOOKED_UP', Buffer.from(value))
  }
  assert.equal(emu.secretValue(ORG_SCOPE, 'LOOKED_UP'), 'v1')
  assert.equal(emu.secretValue(REPO_SCOPE, 'LOOKED_UP'), 'v1')
  assert.deepEqual(requests(emu).filter((r) => r.endsWith('/installation')), [
    `GET /orgs/${ORG}/installation`,
    `GET /repos/${REPO}/installation`,
  ])
  const numeric = appClient(emu, { appId: String(app.id), privateKey: app.privateKeyPem })
  assert.deepEqual((await numeric.org(ORG).list()).map((s) => s.name), ['LOOKED_UP'])
})

test('a bad key, a bad id or a token and an App both: INVALID_INPUT quoting no key', (t) => {
  const emu = emulator(t)
  const app = emu.registerApp()
  const body = app.privateKeyPem.split('\n').filter((l) => !l.startsWith('-----')).join('\n')
  const broken = [
    body, // no PEM armour
    app.privateKeyPem.replace(/[A-Za-z]{8}\n/, 'AAAAAAAA\n'), // armour around a damaged key
    '-----BEGIN RSA PRIVATE KEY-----\nnot base64 at all\n-----END RSA PRIVATE KEY-----\n',
  ]
  for (const privateKey of broken) {
    const error = caught(() => appClient(emu, { appId: app.id, privateKey }))
    assert.equal(error.code, 'INVALID_INPUT', error.message)
    assertNoKey(shown(error), app)
  }
  const key = app.privateKeyPem
  for (const [bad, option] of [[{ appId: -1, privateKey: key }, 'appId'], [{ appId: app.id, privateKey: key, installationId: -5 }, 'installationId']]) {
    const error = caught(() => appClient(emu, bad))
    assert.equal(error.code, 'INVALID_INPUT')
    assert.match(error.message, new RegExp(option))
  }
  const both = caught(() => new Client({ token: emu.token, app: { appId: app.id, privateKey: key }, baseUrl: emu.baseUrl }))
  assert.equal(both.code, 'INVALID_INPUT')
  assertNoKey(shown(both), app)
  assert.ok(!shown(both).includes(emu.token), 'the token leaked')
})

/** The error `body` throws, failing when it throws none. */
function caught(body) {
  try {
    body()
  } catch (error) {
    return error
  }
  assert.fail('expected an error')
}

test('user secrets with an App fail before any request: they need a user token', async (t) => {
  const emu = emulator(t)
  const app = emu.registerApp()
  emu.installApp(app.id, ORG_SCOPE)
  const client = appClient(emu, { appId: app.id, privateKey: app.privateKeyPem })
  emu.clearLog()
  for (const call of [client.user.list(), client.user.set('NOPE', 'x'), client.userLogin()]) {
    const error = await rejection(call)
    assert.equal(error.code, 'INVALID_INPUT', error.message)
    assert.match(error.message, /user token/)
    assertNoKey(shown(error), app)
  }
  assert.deepEqual(requests(emu), [], 'nothing was sent')
})

test('setAuthSettings: the server\'s clock passes the token\'s expiry, the token is replaced once', async (t) => {
  const emu = emulator(t)
  assert.deepEqual(emu.authSettings(), {
    installationTokenLifetimeMs: 3_600_000, clockSkewSecs: 0, devicePollIntervalSecs: 5, deviceCodeLifetimeMs: 900_000,
  })
  emu.setAuthSettings({ installationTokenLifetimeMs: 60_000 })
  const app = emu.registerApp()
  const installationId = emu.installApp(app.id, ORG_SCOPE)
  const client = appClient(emu, { appId: app.id, privateKey: app.privateKeyPem, installationId })
  await client.org(ORG).set('BEFORE', '1')
  emu.setAuthSettings({ installationTokenLifetimeMs: 60_000, clockSkewSecs: 90 })
  assert.deepEqual(emu.authSettings(), {
    installationTokenLifetimeMs: 60_000, clockSkewSecs: 90, devicePollIntervalSecs: 5, deviceCodeLifetimeMs: 900_000,
  })
  await client.org(ORG).set('AFTER', '2')
  assert.deepEqual(emu.secrets(ORG_SCOPE).map((s) => [s.name, s.value]), [['AFTER', '2'], ['BEFORE', '1']])
  assert.equal(emu.requestLog().filter((r) => r.status === 401).length, 1)
  assert.equal(requests(emu).filter((r) => r.endsWith('/access_tokens')).length, 2)
  emu.setAuthSettings()
  assert.equal(emu.authSettings().clockSkewSecs, 0, 'no argument: GitHub\'s values')
})

test('new Client() acts as the App the GITHUB_APP_* variables name, like the CLI', async (t) => {
  const emu = emulator(t)
  const app = emu.registerApp()
  const installationId = emu.installApp(app.id, ORG_SCOPE)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-app-env-'))
  const keyFile = path.join(dir, 'app.pem')
  fs.writeFileSync(keyFile, app.privateKeyPem)
  const names = ['GITHUB_API_URL', 'GITHUB_TOKEN', 'GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY_PATH',
    'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_INSTALLATION_ID']
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]))
  t.after(() => {
    for (const [n, v] of Object.entries(saved)) (v === undefined ? delete process.env[n] : (process.env[n] = v))
    fs.rmSync(dir, { recursive: true, force: true })
  })
  Object.assign(process.env, {
    GITHUB_API_URL: emu.baseUrl,
    GITHUB_TOKEN: emu.token, // the App wins over a token, as in the CLI
    GITHUB_APP_ID: String(app.id),
    GITHUB_APP_PRIVATE_KEY_PATH: keyFile,
    GITHUB_APP_INSTALLATION_ID: String(installationId),
  })
  const fromEnv = () => new Client({ writeIntervalMs: 0, maxRetries: 0 })
  assert.equal(await fromEnv().org(ORG).set('FROM_ENV', 'file'), 'created')
  assert.equal(emu.secretValue(ORG_SCOPE, 'FROM_ENV'), 'file')
  assert.equal((await rejection(fromEnv().user.list())).code, 'INVALID_INPUT', 'an App, not a user')

  delete process.env.GITHUB_APP_PRIVATE_KEY_PATH
  delete process.env.GITHUB_APP_INSTALLATION_ID
  process.env.GITHUB_APP_PRIVATE_KEY = app.privateKeyPem
  assert.equal(await fromEnv().org(ORG).set('FROM_ENV', 'pem'), 'updated')
  assert.equal(emu.secretValue(ORG_SCOPE, 'FROM_ENV'), 'pem')
  assert.deepEqual(requests(emu).filter((r) => r.endsWith('/installation')), [`GET /orgs/${ORG}/installation`])

  delete process.env.GITHUB_APP_PRIVATE_KEY
  const error = caught(fromEnv)
  assert.equal(error.code, 'INVALID_INPUT')
  assert.match(error.message, /GITHUB_APP_PRIVATE_KEY_PATH/)
  assertNoKey(shown(error), app)
  delete process.env.GITHUB_APP_ID
  await fromEnv().user.list() // no App variables: GITHUB_TOKEN's user again
})
