// `make bench-node`: node benches/run.mjs <directory of a built binding (index.js + .node)>...
// The first directory is measured; the size of every directory's .node file is printed.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'

import { bulkBench } from './bulk.mjs'
import { sealBench } from './seal.mjs'

const dirs = process.argv.slice(2).map((d) => resolve(d))
if (!dirs.length) throw new Error('usage: node benches/run.mjs <binding dir> [<other binding dir>...]')
const binding = createRequire(import.meta.url)(join(dirs[0], 'index.js'))
const fmt = (n) => Math.round(n).toLocaleString('en-US')
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

console.log(`== node binding benchmarks (bindings/node/benches), Node ${process.version}, binding ${dirs[0]} ==`)

const seal = await sealBench(binding)
console.log(`seal ${seal.valueBytes}-byte value: seal() ${fmt(seal.ours)} ops/s, libsodium-wrappers ${fmt(seal.libsodium)} ops/s -> ${(seal.ours / seal.libsodium).toFixed(2)}x (goal >= 3x)`)

const bulk = await bulkBench(binding)
const base = bulk.octokit.seconds
for (const [label, what] of [
  ['ours', 'setMany'],
  ['octokit', '@octokit/rest + libsodium-wrappers as the docs show (key per secret)'],
  ['octokitKeyOnce', '@octokit/rest + libsodium-wrappers, key fetched once by hand'],
]) {
  const r = bulk[label]
  console.log(`bulk set of 100 at 20 ms latency, ${what}: median ${r.seconds.toFixed(2)} s (${r.runs.map((s) => s.toFixed(2)).join(', ')}), ${r.requests} requests, ${(r.seconds / base).toFixed(2)}x the documented octokit time`)
}
console.log(`ours vs documented octokit: ${(bulk.ours.seconds / base).toFixed(2)}x the time (goal <= 0.5x), ${bulk.ours.requests} vs ${bulk.octokit.requests} requests`)

/** The size after strip(1), as a package would ship it; null where strip is unavailable. */
function strippedSize(file) {
  try {
    const out = join(mkdtempSync(join(tmpdir(), 'node-bench-')), 'stripped.node')
    execFileSync('strip', ['-o', out, file], { stdio: 'ignore' })
    return statSync(out).size
  } catch {
    return null
  }
}

for (const dir of dirs) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.node')).map((f) => join(dir, f))) {
    const size = statSync(file).size
    const stripped = strippedSize(file)
    console.log(`.node size: ${mb(size)} (${size} bytes)${stripped ? `, ${mb(stripped)} stripped` : ''}: ${file}`)
  }
}
