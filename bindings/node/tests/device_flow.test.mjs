// `deviceFlow()`: the OAuth device flow against the emulator, which plays GitHub's login page
// (approve, deny, slow down); the token it yields, stored and found again; cancellation.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import util from 'node:util'

import { CancelHandle, Client, DeviceLogin, deviceFlow } from 'codespaces-secrets'
import { USER, clientFor, emulator, rejection, tempDir } from './helpers.mjs'

/** An emulator with a registered App, polling allowed without pause (`interval` 0). */
function setup(t, settings = { devicePollIntervalSecs: 0 }) {
  const emu = emulator(t)
  emu.setAuthSettings(settings)
  const app = emu.registerApp()
  return { emu, app, options: { clientId: app.clientId, baseUrl: emu.baseUrl } }
}

/** How a value shows everywhere a user might print it. */
const shown = (value) => util.inspect(value) + JSON.stringify(value) + String(value)

test('onCode gets the code; once approved, the token sets a user secret', async (t) => {
  const { emu, app, options } = setup(t)
  const codes = []
  const login = await deviceFlow({
    ...options,
    onCode: (code) => {
      codes.push(code)
      assert.ok(emu.approveDeviceCode(code.userCode), 'the emulator knows the code')
    },
  })
  assert.equal(codes.length, 1)
  const [code] = codes
  assert.match(code.userCode, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
  assert.equal(code.verificationUri, `${emu.baseUrl}/login/device`)
  assert.equal(code.expiresInMs, 900_000)
  assert.equal(code.intervalMs, 0)
  assert.deepEqual(emu.deviceCodes(), [{ userCode: code.userCode, clientId: app.clientId, scope: 'codespace', status: 'approved' }])

  assert.ok(login instanceof DeviceLogin)
  assert.equal(login.host, new URL(emu.baseUrl).host)
  assert.match(login.token, /^ghu_/)
  assert.ok(!shown(login).includes(login.token), `the token shows: ${shown(login)}`)

  const client = clientFor(emu, { token: login.token })
  assert.equal(await client.userLogin(), USER)
  assert.equal(await client.user.set('FROM_DEVICE', 'ok'), 'created')
  assert.equal(emu.secretValue({ user: USER }, 'FROM_DEVICE'), 'ok')
})

test('a login for another user, with the scopes asked for', async (t) => {
  const { emu, options } = setup(t)
  emu.addUser('hubot')
  let approved
  const login = await deviceFlow({
    ...options,
    scopes: ['codespace', 'read:user'],
    onCode: (code) => {
      approved = emu.approveDeviceCode(code.userCode.toLowerCase(), 'hubot')
    },
  })
  assert.equal(approved, true)
  assert.equal(emu.approveDeviceCode('NONE-0000'), false)
  assert.equal(emu.denyDeviceCode('NONE-0000'), false)
  assert.equal(emu.deviceCodes()[0].scope, 'codespace read:user')
  assert.equal(await clientFor(emu, { token: login.token }).userLogin(), 'hubot')
})

test('a denied login rejects with LOGIN_FAILED, reason denied', async (t) => {
  const { emu, options } = setup(t)
  const error = await rejection(deviceFlow({ ...options, onCode: (code) => emu.denyDeviceCode(code.userCode) }))
  assert.ok(error instanceof Error)
  assert.equal(error.code, 'LOGIN_FAILED', error.message)
  assert.equal(error.reason, 'denied')
  assert.match(error.message, /denied/)
  assert.equal(emu.deviceCodes()[0].status, 'denied')
})

test('an expired code and an unknown client id: reasons expired and refused', async (t) => {
  const { emu, options } = setup(t, { devicePollIntervalSecs: 1, deviceCodeLifetimeMs: 1_000 })
  const expired = await rejection(deviceFlow({ ...options, onCode: () => {} }))
  assert.deepEqual([expired.code, expired.reason], ['LOGIN_FAILED', 'expired'], expired.message)
  const refused = await rejection(deviceFlow({ clientId: 'Iv23liNoSuchApp0000', baseUrl: emu.baseUrl, onCode: () => {} }))
  assert.deepEqual([refused.code, refused.reason], ['LOGIN_FAILED', 'refused'], refused.message)
})

test('CancelHandle.cancel() and an aborted AbortSignal end the wait at once', async (t) => {
  // GitHub's 5 s interval: without cancelling, the first poll alone would take that long.
  const { emu, options } = setup(t, { devicePollIntervalSecs: 5 })
  const cancel = new CancelHandle()
  assert.equal(cancel.cancelled, false)
  let started = Date.now()
  const onCode = (code) => {
    assert.ok(emu.slowDownDeviceCode(code.userCode), 'a known code') // a longer wait still ends at once
    setTimeout(() => cancel.cancel(), 50)
  }
  const error = await rejection(deviceFlow({ ...options, cancel, onCode }))
  assert.deepEqual([error.code, error.reason], ['LOGIN_FAILED', 'cancelled'], error.message)
  assert.equal(cancel.cancelled, true)
  assert.ok(Date.now() - started < 2_000, 'did not wait out the interval')

  const controller = new AbortController()
  started = Date.now()
  const aborted = await rejection(deviceFlow({ ...options, signal: controller.signal, onCode: () => controller.abort() }))
  assert.deepEqual([aborted.code, aborted.reason], ['LOGIN_FAILED', 'cancelled'], aborted.message)
  assert.ok(Date.now() - started < 2_000, 'did not wait out the interval')
  const before = await rejection(deviceFlow({ ...options, signal: AbortSignal.abort(), onCode: () => {} }))
  assert.equal(before.reason, 'cancelled')
  assert.equal(emu.slowDownDeviceCode('NONE-0000'), false)
})

test('bad options: a wrong type throws, a negative timeout rejects with INVALID_INPUT', async (t) => {
  const { options } = setup(t)
  assert.throws(() => deviceFlow({ ...options, cancel: {} }), /DeviceFlowOptions\.cancel/)
  assert.throws(() => deviceFlow({ ...options, onCode: 'print' }), /DeviceFlowOptions\.onCode/)
  assert.throws(() => deviceFlow({ baseUrl: options.baseUrl }), /clientId/)
  const error = await rejection(deviceFlow({ ...options, timeoutMs: -1 }))
  assert.equal(error.code, 'INVALID_INPUT')
  assert.match(error.message, /timeoutMs/)
  const blank = await rejection(deviceFlow({ ...options, clientId: ' ' }))
  assert.equal(blank.code, 'INVALID_INPUT')
})

test('save() stores the login where new Client() without a token finds it', async (t) => {
  const { emu, options } = setup(t)
  const login = await deviceFlow({ ...options, onCode: (code) => emu.approveDeviceCode(code.userCode) })
  const dir = tempDir(t)
  const path = login.save(join(dir, 'logins'))
  assert.equal(readFileSync(path, 'utf8').trim(), login.token)
  if (process.platform !== 'win32') assert.equal(statSync(path).mode & 0o777, 0o600)

  // The default store: the configuration directory, here $XDG_CONFIG_HOME, read per call.
  const saved = { ...process.env }
  t.after(() => {
    for (const key of ['XDG_CONFIG_HOME', 'GITHUB_TOKEN', 'GH_TOKEN']) {
      if (saved[key] === undefined) delete process.env[key]
      else process.env[key] = saved[key]
    }
  })
  process.env.XDG_CONFIG_HOME = join(dir, 'config')
  delete process.env.GITHUB_TOKEN
  delete process.env.GH_TOKEN
  const stored = login.save()
  assert.ok(stored.startsWith(join(dir, 'config', 'codespaces-secrets')), stored)
  const client = new Client({ baseUrl: emu.baseUrl, writeIntervalMs: 0 })
  assert.equal(await client.userLogin(), USER)
})

test('without onCode, the code is printed to stderr', (t) => {
  // A child process, so its stderr can be read: it starts its own emulator and approves the
  // code once the emulator has issued it.
  const script = `
    const { Emulator, deviceFlow } = require('codespaces-secrets')
    const emu = new Emulator()
    emu.setAuthSettings({ devicePollIntervalSecs: 0 })
    const app = emu.registerApp()
    const approve = setInterval(() => {
      const [code] = emu.deviceCodes()
      if (code) { emu.approveDeviceCode(code.userCode); clearInterval(approve) }
    }, 10)
    deviceFlow({ clientId: app.clientId, baseUrl: emu.baseUrl })
      .then((login) => { console.log(login.token.slice(0, 4)); emu.shutdown() })
  `
  const child = spawnSync(process.execPath, ['-e', script], { cwd: new URL('.', import.meta.url), encoding: 'utf8', timeout: 30_000 })
  assert.equal(child.status, 0, child.stderr)
  assert.equal(child.stdout.trim(), 'ghu_')
  assert.match(child.stderr, /^Open http:\/\/127\.0\.0\.1:\d+\/login\/device and enter [A-Z0-9]{4}-[A-Z0-9]{4}\n$/)
})
