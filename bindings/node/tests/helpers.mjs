// Shared set-up: a fresh emulator per test file (or test), and a client pointed at it with
// write pacing off, so the suite runs in seconds. Everything goes through the package's own
// name, as users import it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Client, Emulator } from 'codespaces-secrets'

/** The emulator's demo data (see crates/emulator/README.md). */
export const USER = 'octocat'
export const REPO = 'octocat/Hello-World'
export const HELLO_WORLD_ID = 1296269
export const SPOON_KNIFE_ID = 1296270
export const ORG = 'octo-org'
export const OCTO_REPO_ID = 1296271
export const OCTO_SERVICE_ID = 1296272

/** Starts an emulator, stopped when the test (or suite) `t` ends. */
export function emulator(t, options) {
  const emu = new Emulator(options)
  t.after(() => emu.shutdown())
  return emu
}

/** A client for `emu`, no pacing and no retries unless `options` says otherwise. */
export function clientFor(emu, options = {}) {
  return new Client({ token: emu.token, baseUrl: emu.baseUrl, writeIntervalMs: 0, maxRetries: 0, ...options })
}

/** Starts an emulator and returns it with a client and its three scope handles. */
export function setup(t, options) {
  const emu = emulator(t, options)
  const client = clientFor(emu)
  const [owner, name] = REPO.split('/')
  return { emu, client, user: client.user, repo: client.repo(owner, name), org: client.org(ORG) }
}

/** Resolves with the rejection of `promise`, failing if it resolves. */
export async function rejection(promise) {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject, it resolved')
}

/** The emulator's API requests (control routes are never logged). */
export function requests(emu) {
  return emu.requestLog().map((r) => `${r.method} ${r.path}`)
}

/** A fresh temporary directory, removed when the test `t` ends. */
export function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'codespaces-secrets-node-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A `.env` file holding `text`, in a fresh temporary directory. */
export function envFile(t, text) {
  const path = join(tempDir(t), '.env')
  writeFileSync(path, text)
  return path
}

/**
 * `sync` options for a state file and its key in a fresh temporary directory: `stateKeyFile`
 * is always given, so no test reads CODESPACES_SECRETS_STATE_KEY or touches the user's
 * config directory.
 */
export function stateOptions(t) {
  const dir = tempDir(t)
  return { state: join(dir, 'state.json'), stateKeyFile: join(dir, 'state.key') }
}
