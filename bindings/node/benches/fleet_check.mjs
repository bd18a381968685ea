// One fleet `check` timed from Node, for `make bench-fleet-languages` (crates/client/benches/
// fleet_languages.rs runs it): `node fleet_check.mjs BINDING_DIR BASE_URL DIR`, the token in
// CODESPACES_SECRETS_BENCH_TOKEN, the manifest, state and key in DIR. Prints the seconds the
// call took (loading and client set-up excluded) and fails if the fleet is not in sync.
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'

const [bindingDir, baseUrl, dir] = process.argv.slice(2)
const { Client } = createRequire(import.meta.url)(join(resolve(bindingDir), 'index.js'))
const client = new Client({ token: process.env.CODESPACES_SECRETS_BENCH_TOKEN, baseUrl })
const started = process.hrtime.bigint()
const plan = await client.check(join(dir, 'fleet.toml'), {
  state: join(dir, 'state.json'),
  stateKeyFile: join(dir, 'state.key'),
})
const seconds = Number(process.hrtime.bigint() - started) / 1e9
if (plan.hasChanges) throw new Error('the fleet is not in sync')
console.log(seconds.toFixed(6))
