// The installed npm packages through `import`: a set and a list, read back from the emulator.
import assert from 'node:assert/strict'
import { Client } from 'codespaces-secrets'

const url = process.env.GITHUB_API_URL
const client = new Client({ token: process.env.GITHUB_TOKEN, baseUrl: url, writeIntervalMs: 0 })
const repo = client.repo('octocat', 'Hello-World')
assert.equal(await repo.set('DIST_NODE_ESM', 'from import'), 'created')
const stored = await (await fetch(`${url}/_emulator/repos/octocat/Hello-World/secrets/DIST_NODE_ESM`)).json()
assert.equal(stored.value, 'from import')
assert.ok((await repo.list()).some((s) => s.name === 'DIST_NODE_ESM'))
console.log('node (import): set, list ok')
