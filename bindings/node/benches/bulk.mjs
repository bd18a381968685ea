// A bulk set of 100 secrets against the emulator (20 ms per request, no write pacing): our
// setMany against @octokit/rest + libsodium-wrappers, with the request counts of each.
import { Octokit } from '@octokit/rest'
import sodium from 'libsodium-wrappers'

const OWNER = 'octocat'
const REPO = 'Hello-World'
const pairs = (prefix) => Array.from({ length: 100 }, (_, i) => [`${prefix}_${String(i).padStart(3, '0')}`, `value number ${i}`])

function seal(keyB64, value) {
  const key = sodium.from_base64(keyB64, sodium.base64_variants.ORIGINAL)
  return sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(value), key), sodium.base64_variants.ORIGINAL)
}

/** GitHub's documented recipe, per secret: get the repository key, encrypt, PUT. */
async function octokitAsDocumented(octokit, name, value) {
  const { data: key } = await octokit.rest.codespaces.getRepoPublicKey({ owner: OWNER, repo: REPO })
  await octokit.rest.codespaces.createOrUpdateRepoSecret({
    owner: OWNER, repo: REPO, secret_name: name, encrypted_value: seal(key.key, value), key_id: key.key_id,
  })
}

const contenders = {
  /** Ours: validate all, one key request, 100 PUTs one after another. */
  async ours({ binding, emu }, items) {
    const client = new binding.Client({ token: emu.token, baseUrl: emu.baseUrl, writeIntervalMs: 0 })
    const report = await client.repo(OWNER, REPO).setMany(Object.fromEntries(items))
    if (report.failed.length) throw new Error(`${report.failed.length} failed`)
  },
  /** @octokit/rest as the docs show it, in a loop (writes one at a time, as GitHub asks). */
  async octokit({ emu }, items) {
    const octokit = new Octokit({ auth: emu.token, baseUrl: emu.baseUrl })
    for (const [name, value] of items) await octokitAsDocumented(octokit, name, value)
  },
  /** @octokit/rest with the key fetched once by hand: the best a careful caller gets. */
  async octokitKeyOnce({ emu }, items) {
    const octokit = new Octokit({ auth: emu.token, baseUrl: emu.baseUrl })
    const { data: key } = await octokit.rest.codespaces.getRepoPublicKey({ owner: OWNER, repo: REPO })
    for (const [name, value] of items) {
      await octokit.rest.codespaces.createOrUpdateRepoSecret({
        owner: OWNER, repo: REPO, secret_name: name, encrypted_value: seal(key.key, value), key_id: key.key_id,
      })
    }
  },
}

/** Median wall time (s) and the requests of one run, per contender; values checked in the emulator. */
export async function bulkBench(binding, { runs = 3 } = {}) {
  await sodium.ready
  const emu = new binding.Emulator({ faults: { latencyMs: 20 } })
  try {
    const results = {}
    for (const [label, run] of Object.entries(contenders)) {
      const times = []
      let requests = 0
      for (let r = 0; r < runs; r++) {
        const items = pairs(`${label.toUpperCase()}${r}`)
        emu.clearLog()
        const started = process.hrtime.bigint()
        await run({ binding, emu }, items)
        times.push(Number(process.hrtime.bigint() - started) / 1e9)
        requests = emu.requestLog().length
        for (const [name, value] of items) {
          if (emu.secretValue({ repo: `${OWNER}/${REPO}` }, name) !== value) throw new Error(`${label}: ${name} not stored`)
        }
        emu.setFaults() // clean up at full speed, then back to 20 ms
        const cleanup = new binding.Client({ token: emu.token, baseUrl: emu.baseUrl, writeIntervalMs: 0 }).repo(OWNER, REPO)
        for (const [name] of items) await cleanup.delete(name)
        emu.setFaults({ latencyMs: 20 })
      }
      times.sort((a, b) => a - b)
      results[label] = { seconds: times[Math.floor(times.length / 2)], runs: times, requests }
    }
    return results
  } finally {
    emu.shutdown()
  }
}
