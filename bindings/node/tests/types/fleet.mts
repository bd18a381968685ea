// Type-checked (tsc --noEmit) by `make node-test`, never run: a fleet plan and apply the way a
// TypeScript user writes them, with the manifest as a typed object.
import {
  type ApplyProgress, type ApplyReport, type Change, type ChangeAction, type ChangeReason,
  type FleetManifest, type Notice, type Totals, CancelHandle, Client, Plan,
} from 'codespaces-secrets'

const client = new Client()
const manifest: FleetManifest = {
  version: 1,
  name: 'platform',
  prune: true,
  secrets: {
    NPM_TOKEN: {
      from: { command: ['op', 'read', 'op://ci/npm/token'], timeout_secs: 10 },
      repos: ['octocat/Hello-World'],
      repos_where: [{ org: 'acme', name: 'svc-*', topics: ['codespaces'], exclude: ['svc-legacy'] }],
      orgs: { acme: { visibility: 'selected', repos: ['svc-1'], membership: 'additive' } },
      user: { repos: ['octocat/Hello-World'] },
    },
  },
}
const state = { state: 'fleet-state.json', stateKeyFile: 'fleet-state.key' }
const plan: Plan = await client.plan(manifest, state)
const changes: Change[] = plan.changes
const actions: ChangeAction[] = changes.map((c) => c.action)
const reasons: (ChangeReason | undefined)[] = changes.map((c) => c.reason)
const notices: Notice[] = [...plan.warnings, ...plan.errors]
const totals: Totals = plan.totals
console.log(String(plan), actions, reasons, notices, totals.seconds, JSON.stringify(plan))
if ((await client.check('fleet.toml', state)).hasChanges) {
  const cancel = new CancelHandle()
  const report: ApplyReport = await client.apply(plan, { ...state, maxWrites: 100, cancel, signal: AbortSignal.timeout(60_000) },
    (p: ApplyProgress) => console.log(p.done, p.total, p.scope, p.name, p.waitingMs ?? 0, p.etaMs))
  console.log(report.writes, report.remaining, report.cancelled, report.stateError?.code, report.items[0]?.error?.code)
}
plan.save('plan.json')
await client.apply(await client.loadSavedPlan('plan.json', state), state)
