// Type-checked (tsc --noEmit) by `make node-test`, never run: proves index.d.ts describes the
// package the way a TypeScript user writes against it.
import {
  type BulkReport, type ClientOptions, type CodespacesSecretsError, type ErrorCode, type PlannedChange,
  type Progress, type SecretInfo, type SetOutcome, type SyncOptions, type SyncReport, type Visibility,
  type WriteReason, type GitHubApp, type DeviceCode, type DeviceFlowOptions, type LoginFailure,
  type RegisteredApp, type AuthSettings, CancelHandle, Client, DeviceLogin, Emulator, deviceFlow, seal,
} from 'codespaces-secrets'

const emu = new Emulator({ faults: { latencyMs: 20, secondaryRateLimit: { status: 429 } } })
const settings: ClientOptions = {
  token: emu.token, baseUrl: emu.baseUrl, userAgent: 'typed/1.0',
  timeoutMs: 5_000, connectTimeoutMs: 1_000, maxRetries: 1, retryBaseDelayMs: 100, writeIntervalMs: 0,
  maxRateLimitWaitMs: 10_000, secondaryRateLimitBackoffMs: 5_000, maxRateLimitRetries: 2,
  deadlineMs: 60_000,
}
const client = new Client(settings)
const repo = client.repo('octocat', 'Hello-World')

const outcome: SetOutcome = await repo.set('API_KEY', 'value')
if (outcome === 'created' || outcome === 'updated') console.log(outcome)
await repo.set('BYTES', Buffer.from([1, 2, 3]))

const visibility: Visibility = 'selected'
await client.org('octo-org').set('NPM_TOKEN', 'npm_x', { visibility, selectedRepositoryIds: [1296271] })
await client.user.set('DOTFILES', 'x', { selectedRepositoryIds: [1296269] })

const secrets: SecretInfo[] = await repo.list()
const newest: Date | undefined = secrets.map((s) => new Date(s.updatedAt)).sort((a, b) => b.getTime() - a.getTime())[0]
for await (const secret of repo.listStream()) {
  const name: string = secret.name
  const when: Date = new Date(secret.createdAt)
  console.log(name, when, secret.visibility ?? 'repository secret')
}

const key = await repo.publicKey()
const sealed: string = seal(key.key, 'plaintext')
const keyId: string = key.keyId

const onProgress = (p: Progress): void => console.log(`${p.done}/${p.total} ${p.name} ${p.ok ? 'ok' : 'failed'}`)
const report: BulkReport = await repo.setMany({ A: '1', B: '2' }, onProgress)
for (const failure of report.failed) {
  const code: ErrorCode = failure.code
  console.log(failure.name, code, failure.status ?? '-', failure.requestId ?? '-')
}
const sync: SyncReport = await repo.syncEnvFile('.env', { dryRun: true, prune: false })
for (const change of sync.plan) {
  const action: 'create' | 'update' | 'unchanged' | 'delete' = change.action
  console.log(action, change.name)
}
const incremental: SyncOptions = { state: '/tmp/state.json', stateKeyFile: '/tmp/state.key', force: false, prune: true }
await repo.syncEnvFile('.env', incremental, onProgress)
const fromObject: SyncReport = await repo.sync({ A: '1', B: Buffer.from('2') }, incremental)
const fromMap: SyncReport = await repo.sync(new Map<string, string | Buffer>([['A', '1'], ['B', Buffer.from('2')]]))
await repo.setMany(new Map([['A', '1']]))
await repo.setMany({ TEXT: 'a', BYTES: Buffer.from([0, 255]) })
await repo.setMany(new Map<string, string | Buffer>([['TEXT', 'a'], ['BYTES', Buffer.from([0, 255])]]))
const unchanged: string[] = fromObject.unchanged
const reasons: Array<WriteReason | undefined> = fromMap.plan.map((c: PlannedChange) => c.reason)
const exact: 'new' | 'changed' | 'changed_elsewhere' | 'forced' | 'untracked' | undefined = reasons[0]
const elsewhere: boolean = fromMap.plan.some((c) => c.reason === 'changed_elsewhere')
const overwritten: boolean = emu.overwriteSecret({ repo: 'octocat/Hello-World' }, 'A', Buffer.from('x'))

const repos = await client.user.repositories('DOTFILES')
const ids: number[] = repos.map((r) => r.id)
const owners: string[] = repos.map((r) => r.owner.login)
await client.user.setRepositories('DOTFILES', ids)
const nothing: void = await client.user.addRepository('DOTFILES', 1296270)
await client.user.removeRepository('DOTFILES', 1296270)
await repo.delete('API_KEY')

try {
  await repo.get('MISSING')
} catch (e) {
  const error = e as CodespacesSecretsError
  if (error.code === 'NOT_FOUND') console.log(error.status, error.requestId, error.documentationUrl, error.message)
}

const stored: string | null = emu.secretValue({ repo: 'octocat/Hello-World' }, 'A')
const writes: number = emu.requestLog().filter((r) => r.write).length
emu.setFaults({ serverErrorRate: 0.5, seed: 7 })
emu.setFaults()
emu.rotateKey({ org: 'octo-org' })
// GitHub App authentication, and the device flow.
const registered: RegisteredApp = emu.registerApp()
const installationId: number = emu.installApp(registered.id, { org: 'octo-org' })
emu.installApp(registered.id, { repo: 'octocat/Hello-World' })
const app: GitHubApp = { appId: registered.id, privateKey: registered.privateKeyPem, installationId }
const asApp = new Client({ app, baseUrl: emu.baseUrl })
await asApp.org('octo-org').set('FROM_APP', 'x')
new Client({ app: { appId: registered.clientId, privateKey: registered.privateKeyPkcs8Pem } })
const auth: AuthSettings = emu.authSettings()
emu.setAuthSettings({ devicePollIntervalSecs: 0, deviceCodeLifetimeMs: auth.deviceCodeLifetimeMs, clockSkewSecs: -5 })
emu.setAuthSettings({ installationTokenLifetimeMs: 60_000 })
emu.setAuthSettings()

const cancel = new CancelHandle()
const flow: DeviceFlowOptions = {
  clientId: registered.clientId, scopes: ['codespace'], baseUrl: emu.baseUrl, webUrl: emu.baseUrl, timeoutMs: 10_000,
  onCode: (code: DeviceCode) => {
    console.log(`Open ${code.verificationUri} and enter ${code.userCode} within ${code.expiresInMs / 1000} s`)
    const approved: boolean = emu.approveDeviceCode(code.userCode, 'octocat')
    if (!approved) emu.denyDeviceCode(code.userCode) || emu.slowDownDeviceCode(code.userCode)
  },
  cancel,
  signal: AbortSignal.timeout(60_000),
}
try {
  const login: DeviceLogin = await deviceFlow(flow)
  const host: string = login.host
  const path: string = login.save()
  const asUser = new Client({ token: login.token, baseUrl: emu.baseUrl })
  const me: string = await asUser.userLogin()
  console.log(host, path, me)
} catch (e) {
  const error = e as CodespacesSecretsError
  const reason: LoginFailure | undefined = error.code === 'LOGIN_FAILED' ? error.reason : undefined
  console.log(reason, cancel.cancelled)
  cancel.cancel()
}
const codes: Array<'pending' | 'approved' | 'denied'> = emu.deviceCodes().map((c) => c.status)
await deviceFlow({ clientId: 'Iv23li...' })

emu.shutdown()

console.log(codes, newest, sealed, keyId, owners, nothing, stored, writes, unchanged, exact, elsewhere, overwritten)
