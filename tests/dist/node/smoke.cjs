// The installed npm packages through `require`: a set, read back from the emulator.
const assert = require('node:assert/strict')
const path = require('node:path')
const { Client } = require('codespaces-secrets')

async function main() {
  const url = process.env.GITHUB_API_URL
  // The addon must come from the platform package, not from a file beside the loader.
  const addon = require.resolve('codespaces-secrets-linux-x64-gnu')
  assert.match(addon, /node_modules\/codespaces-secrets-linux-x64-gnu\//)
  const client = new Client({ token: process.env.GITHUB_TOKEN, baseUrl: url, writeIntervalMs: 0 })
  assert.equal(await client.repo('octocat', 'Hello-World').set('DIST_NODE_CJS', 'from require'), 'created')
  const stored = await (await fetch(`${url}/_emulator/repos/octocat/Hello-World/secrets/DIST_NODE_CJS`)).json()
  assert.equal(stored.value, 'from require')
  console.log(`node (require): ${path.relative(process.cwd(), addon)}: set ok`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
