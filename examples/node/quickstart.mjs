// A whole Codespaces-secrets lifecycle from Node.js, printed step by step.
//
//   node quickstart.mjs            # offline, against the emulator started in-process
//   GITHUB_TOKEN=... CODESPACES_SECRETS_DEMO_REPO=owner/repo node quickstart.mjs
//                                  # the real API; everything it creates is deleted
//
// On the real API, set CODESPACES_SECRETS_DEMO_REPO_ID to that repository's id to see the user
// secret's selected-repositories step with a repository in it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Client, Emulator } from 'codespaces-secrets'

function target() {
  if (process.env.GITHUB_TOKEN) {
    const [owner, repo] = (process.env.CODESPACES_SECRETS_DEMO_REPO ?? '').split('/')
    if (!owner || !repo) throw new Error('with GITHUB_TOKEN set, name a repository in CODESPACES_SECRETS_DEMO_REPO=owner/repo')
    const client = new Client() // GITHUB_TOKEN / GH_TOKEN, GITHUB_API_URL; writes 1 s apart
    console.log(`Using the GitHub API at ${client.baseUrl} on ${owner}/${repo}`)
    const id = Number(process.env.CODESPACES_SECRETS_DEMO_REPO_ID)
    return { client, owner, repo, repoIds: Number.isInteger(id) && id > 0 ? [id] : [] }
  }
  const emulator = new Emulator()
  console.log(`No GITHUB_TOKEN: started the emulator at ${emulator.baseUrl}`)
  // GitHub wants writes a second apart; the local emulator does not need the wait.
  const client = new Client({ token: emulator.token, baseUrl: emulator.baseUrl, writeIntervalMs: 0 })
  const owner = emulator.userLogin
  return { client, owner, repo: 'Hello-World', repoIds: [emulator.repoId(owner, 'Hello-World')], emulator }
}

const { client, owner, repo: repoName, repoIds, emulator } = target()
const repo = client.repo(owner, repoName)
const user = client.user
const step = (title) => console.log(`\n${title}`)

try {
  step("1. Fetch the repository's public key")
  const key = await repo.publicKey()
  console.log(`   key_id ${key.keyId} / key ${key.key}`)

  step('2. Set a secret: sealed locally with the key, then stored')
  console.log(`   DEMO_API_KEY -> ${await repo.set('DEMO_API_KEY', 'k-123-first')}`)

  step('3. Set it again: same name, new value')
  console.log(`   DEMO_API_KEY -> ${await repo.set('demo_api_key', 'k-456-second')}`)

  step("4. List the repository's secrets (names and dates; GitHub never returns values)")
  for await (const secret of repo.listStream()) {
    console.log(`   ${secret.name.padEnd(24)} updated ${new Date(secret.updatedAt).toISOString()}`)
  }

  step('5. A user secret, visible to selected repositories')
  console.log(`   DEMO_USER_TOKEN -> ${await user.set('DEMO_USER_TOKEN', 'u-789', { selectedRepositoryIds: repoIds })}`)
  for (const listed of await user.repositories('DEMO_USER_TOKEN')) {
    console.log(`   visible to ${listed.fullName} (id ${listed.id})`)
  }

  step('6. Sync from a .env file (dry run, then for real), keeping a sync state')
  // The state makes re-syncs incremental. It holds keyed fingerprints and GitHub's updated_at,
  // never a value (mode 0600); its key is kept apart. Both live in a temporary directory here;
  // without stateKeyFile the key comes from CODESPACES_SECRETS_STATE_KEY or your config dir.
  const work = mkdtempSync(join(tmpdir(), 'quickstart-'))
  try {
    const env = join(work, '.env')
    writeFileSync(env, 'DEMO_API_KEY=k-789-synced\nDEMO_DB_URL=postgres://demo\n')
    const options = { state: join(work, 'state.json'), stateKeyFile: join(work, 'state.key') }
    const plan = await repo.syncEnvFile(env, { ...options, dryRun: true })
    for (const change of plan.plan) console.log(`   would ${change.action} (${change.reason}): ${change.name}`)
    const applied = await repo.syncEnvFile(env, options, (p) => console.log(`   [${p.done}/${p.total}] ${p.name}`))
    console.log(`   ${applied.result.created.length} created, ${applied.result.updated.length} updated, ${applied.result.failed.length} failed`)

    step('7. Sync again from code, one value edited: only that one is written')
    const again = await repo.sync({ DEMO_API_KEY: 'k-789-synced', DEMO_DB_URL: 'postgres://demo-2' }, options)
    for (const change of again.plan) console.log(`   ${change.action.padEnd(9)} ${change.name}${change.reason ? ` (${change.reason})` : ''}`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }

  if (emulator) {
    step('8. Check what arrived: the emulator opens every sealed value (only a test server can)')
    const sent = { DEMO_API_KEY: 'k-789-synced', DEMO_DB_URL: 'postgres://demo-2' }
    for (const s of emulator.secrets({ repo: `${owner}/${repoName}` })) {
      console.log(`   ${s.name}: ${s.value === sent[s.name] ? 'the value sent' : 'a DIFFERENT value'} (${s.value.length} characters)`)
    }
  }

  step('9. Delete everything the demo created')
  for (const name of ['DEMO_API_KEY', 'DEMO_DB_URL']) {
    await repo.delete(name)
    console.log(`   deleted ${name}`)
  }
  await user.delete('DEMO_USER_TOKEN')
  console.log('   deleted DEMO_USER_TOKEN')

  try {
    await repo.get('DEMO_API_KEY')
  } catch (error) {
    console.log(`   get DEMO_API_KEY now fails with ${error.code} (HTTP ${error.status}, request id ${error.requestId})`)
  }
  console.log(`\nDone: ${(await repo.list()).length} secrets left in ${owner}/${repoName}.`)
} finally {
  emulator?.shutdown()
}
