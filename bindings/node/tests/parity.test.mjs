// Parity with the SDK's public surface: every item of api/surface.json (canonical snake_case)
// must exist in this package in Node's spelling — camelCase, durations as `...Ms` numbers, enum
// values as the canonical strings — both in index.d.ts (what TypeScript users see) and in the
// runtime objects (what JavaScript users get). A cell is one item checked in one place (e.g.
// `syncEnvFile` on `client.org` at runtime); every missing item is named, and the number of
// cells checked is printed.
//
// An item Node cannot have belongs under `exceptions.node` in surface.json (`item` or
// `section.item` -> reason); it is then skipped, and listing an item Node has fails.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'

import * as binding from 'codespaces-secrets'
import { CancelHandle, Client, Plan, deviceFlow } from 'codespaces-secrets'
import { setup, tempDir } from './helpers.mjs'

const root = new URL('../../../', import.meta.url)
const surface = JSON.parse(readFileSync(new URL('api/surface.json', root), 'utf8'))
const dts = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8')
/** Which settings are durations comes from the Rust struct itself, not from a list kept here. */
const settingsRs = readFileSync(new URL('crates/client/src/settings.rs', root), 'utf8')
const DURATIONS = new Set([...settingsRs.matchAll(/pub (\w+): Option<Duration>/g)].map((m) => m[1]))
const EXCUSED = surface.exceptions?.node ?? {}

/** The `Duration` fields (plain or `Option`) of Rust struct `name` in `file` (from the root). */
function durationsOf(file, name) {
  const rust = readFileSync(new URL(file, root), 'utf8')
  const struct = new RegExp(`pub struct ${name} \\{([\\s\\S]*?)\\n\\}`).exec(rust)
  assert.ok(struct, `${file} declares no struct ${name}`)
  return new Set([...struct[1].matchAll(/pub (\w+): (?:Option<)?Duration\b/g)].map((m) => m[1]))
}

const camel = (snake) => snake.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
const pascal = (snake) => camel(snake).replace(/^./, (c) => c.toUpperCase())
/** A client setting in Node: camelCase, and a duration in milliseconds ends in `Ms`. */
const setting = (snake) => camel(snake) + (DURATIONS.has(snake) ? 'Ms' : '')

/** The text between the braces of `export declare class NAME {` or `export interface NAME {`. */
function body(kind, name) {
  const head = new RegExp(`^export (?:declare )?${kind} ${name}\\b[^{]*\\{`, 'm').exec(dts)
  assert.ok(head, `index.d.ts declares no ${kind} ${name}`)
  let depth = 1
  for (let i = head.index + head[0].length; i < dts.length; i++) {
    if (dts[i] === '{') depth++
    else if (dts[i] === '}' && --depth === 0) return dts.slice(head.index + head[0].length, i)
  }
  assert.fail(`unbalanced braces after ${kind} ${name} in index.d.ts`)
}

/** Member name -> its declaration, for the top-level members of a class or interface. */
function members(kind, name) {
  const text = body(kind, name).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '')
  const found = new Map()
  let depth = 0
  for (const line of text.split('\n')) {
    const m = depth === 0 && /^\s*(?:get\s+|readonly\s+)?([A-Za-z_$][\w$]*)\??\s*[(:]/.exec(line)
    if (m) found.set(m[1], line.trim())
    for (const c of line) depth += c === '{' ? 1 : c === '}' ? -1 : 0
  }
  return found
}

/** The string literals of `export type NAME = 'a' | 'b' ...`, up to the next declaration. */
function literals(name) {
  const m = new RegExp(`(?:^|\\n)export type ${name} =([\\s\\S]*?)(?=\\n\\s*\\n|\\n(?:export|/\\*\\*)|\\n?$)`).exec(dts)
  assert.ok(m, `index.d.ts declares no type ${name}`)
  return new Set([...m[1].matchAll(/'([^']*)'/g)].map((l) => l[1]))
}

/**
 * Whether the binding reads `field` of an options object: napi converts every field it knows
 * and names it (`Interface.field`) when the value has the wrong type; an unknown field is
 * ignored. `base` holds the fields an object needs besides the one checked.
 */
function reads(call, iface, field, base = {}) {
  try {
    Promise.resolve(call({ ...base, [field]: Symbol('wrong type') })).catch(() => {})
  } catch (error) {
    return String(error?.message).includes(`${iface}.${field}`)
  }
  return false
}

/** Counts cells and collects the gaps, so one run names every missing item at once. */
class Parity {
  cells = 0
  problems = []
  skipped = []
  seen = new Set()

  /** The items of `section` (from surface.json unless given), each checked by `checks(item, cell)`. */
  each(section, checks, list = surface[section]) {
    assert.ok(Array.isArray(list) && list.length > 0, `api/surface.json has no ${section}`)
    for (const item of list) {
      const key = [`${section}.${item}`, item].find((k) => k in EXCUSED)
      const missing = []
      checks(item, (ok, message) => {
        this.cells++
        if (!ok) missing.push(message)
      })
      if (key === undefined) this.problems.push(...missing)
      else {
        this.seen.add(key)
        this.skipped.push(`${section}.${item}`)
        if (!String(EXCUSED[key]).trim()) this.problems.push(`exceptions.node.${key} gives no reason`)
        if (missing.length === 0) this.problems.push(`${section}.${item} is in exceptions.node but Node has it: remove the exception`)
      }
    }
  }

  /** Fails naming every gap found since the last call. */
  assertComplete(what) {
    const found = this.problems.splice(0)
    assert.deepEqual(found, [], `${what}: ${found.length} missing:\n  ${found.join('\n  ')}`)
  }
}

test('parity with api/surface.json: index.d.ts and the runtime objects', async (t) => {
  const parity = new Parity()
  const { client, emu } = setup(t)
  const scopes = { user: client.user, repo: client.repo('octocat', 'Hello-World'), org: client.org('octo-org') }

  await t.test('scope and selectable operations are methods of Scope', () => {
    const declared = members('class', 'Scope')
    const method = (op, cell) => {
      const name = camel(op)
      cell(declared.get(name)?.startsWith(`${name}(`), `index.d.ts: Scope lacks the method ${name} (${op})`)
      for (const [kind, scope] of Object.entries(scopes)) {
        cell(typeof scope[name] === 'function', `runtime: client.${kind} has no method ${name} (${op})`)
      }
    }
    parity.each('scope_operations', method)
    parity.each('selectable_operations', method)
    parity.assertComplete('Scope')
  })

  await t.test('client settings are fields of ClientOptions, read by new Client()', () => {
    const declared = members('interface', 'ClientOptions')
    const make = (o) => new Client({ token: emu.token, baseUrl: emu.baseUrl, ...o })
    assert.ok(!reads(make, 'ClientOptions', 'notASetting'), 'an unknown field is ignored')
    parity.each('client_settings', (item, cell) => {
      const name = setting(item)
      const line = declared.get(name)
      cell(line, `index.d.ts: ClientOptions lacks ${name} (${item})`)
      if (DURATIONS.has(item)) cell(/:\s*number\b/.test(line), `index.d.ts: ClientOptions.${name} is not a number of milliseconds`)
      cell(reads(make, 'ClientOptions', name), `runtime: new Client() does not read ${name} (${item})`)
    })
    parity.assertComplete('ClientOptions')
  })

  await t.test('set and sync options are fields of SetOptions and SyncOptions, read by the calls', () => {
    const calls = {
      SetOptions: (o) => scopes.user.set('PARITY', 'v', o),
      SyncOptions: (o) => scopes.user.sync({}, o),
    }
    for (const [iface, section] of [['SetOptions', 'set_options'], ['SyncOptions', 'sync_options']]) {
      const declared = members('interface', iface)
      parity.each(section, (item, cell) => {
        const name = camel(item)
        cell(declared.has(name), `index.d.ts: ${iface} lacks ${name} (${item})`)
        cell(reads(calls[iface], iface, name), `runtime: ${iface}.${name} is not read (${item})`)
      })
    }
    parity.assertComplete('options')
  })

  await t.test('report fields are fields of the report interfaces and of the objects returned', async () => {
    const progress = []
    const runtime = {
      bulk_report: await scopes.repo.setMany({ PARITY_A: 'a', PARITY_B: Buffer.from('b') }, (p) => progress.push(p)),
      sync_report: await scopes.repo.sync({ PARITY_A: 'a', PARITY_NEW: 'n' }, { dryRun: true }),
    }
    runtime.planned_change = runtime.sync_report.plan.find((c) => c.name === 'PARITY_NEW')
    runtime.progress = progress[0]
    for (const [report, fields] of Object.entries(surface.report_fields)) {
      const iface = pascal(report)
      const declared = members('interface', iface)
      parity.each(`report_fields.${report}`, (item, cell) => {
        const name = camel(item)
        cell(declared.has(name), `index.d.ts: ${iface} lacks ${name} (${report}.${item})`)
        cell(runtime[report] !== undefined && name in runtime[report], `runtime: a ${iface} has no ${name} (${report}.${item})`)
      }, fields)
    }
    parity.assertComplete('reports')
  })

  await t.test('a GitHub App is a GitHubApp object, read by new Client({ app })', () => {
    const declared = members('interface', 'GitHubApp')
    const app = emu.registerApp()
    const make = (a) => new Client({ app: a, baseUrl: emu.baseUrl })
    const base = { appId: app.id, privateKey: app.privateKeyPem, installationId: 1 }
    assert.ok(!reads(make, 'GitHubApp', 'notAField', base), 'an unknown field is ignored')
    parity.each('github_app', (item, cell) => {
      const name = camel(item)
      cell(declared.has(name), `index.d.ts: GitHubApp lacks ${name} (${item})`)
      cell(reads(make, 'GitHubApp', name, base), `runtime: new Client({ app }) does not read app.${name} (${item})`)
    })
    parity.assertComplete('GitHubApp')
  })

  await t.test('the device flow: DeviceFlowOptions read by deviceFlow(), the DeviceCode and DeviceLogin it gives', async () => {
    const durations = {
      device_flow_options: durationsOf('crates/client/src/auth/device_login.rs', 'DeviceFlowOptions'),
      device_code: durationsOf('crates/transport/src/auth/device_flow.rs', 'DeviceCode'),
    }
    assert.ok(durations.device_flow_options.has('timeout') && durations.device_code.has('interval'), 'durations found')
    const field = (section, item) => camel(item) + (durations[section]?.has(item) ? 'Ms' : '')

    const declaredOptions = members('interface', 'DeviceFlowOptions')
    // A flow that starts by mistake ends at once: GitHub refuses an unknown client id.
    const base = { clientId: 'Iv23liParityNoSuchApp', baseUrl: emu.baseUrl }
    assert.ok(!reads(deviceFlow, 'DeviceFlowOptions', 'notAnOption', base), 'an unknown field is ignored')
    parity.each('device_flow_options', (item, cell) => {
      const name = field('device_flow_options', item)
      const line = declaredOptions.get(name)
      cell(line, `index.d.ts: DeviceFlowOptions lacks ${name} (${item})`)
      if (durations.device_flow_options.has(item)) cell(/:\s*number\b/.test(line), `index.d.ts: DeviceFlowOptions.${name} is not a number of milliseconds`)
      cell(reads(deviceFlow, 'DeviceFlowOptions', name, base), `runtime: deviceFlow() does not read ${name} (${item})`)
    })

    emu.setAuthSettings({ devicePollIntervalSecs: 0 })
    const app = emu.registerApp()
    let code
    const login = await deviceFlow({
      clientId: app.clientId,
      baseUrl: emu.baseUrl,
      onCode: (c) => {
        code = c
        emu.approveDeviceCode(c.userCode)
      },
    })
    const declaredCode = members('interface', 'DeviceCode')
    parity.each('device_code', (item, cell) => {
      const name = field('device_code', item)
      const line = declaredCode.get(name)
      cell(line, `index.d.ts: DeviceCode lacks ${name} (${item})`)
      if (durations.device_code.has(item)) cell(/:\s*number\b/.test(line), `index.d.ts: DeviceCode.${name} is not a number of milliseconds`)
      cell(name in code, `runtime: the code onCode receives has no ${name} (${item})`)
    })
    const declaredLogin = members('class', 'DeviceLogin')
    parity.each('device_login', (item, cell) => {
      const name = camel(item)
      cell(declaredLogin.has(name), `index.d.ts: DeviceLogin lacks ${name} (${item})`)
      cell(typeof login[name] === 'string' && login[name] !== '', `runtime: a DeviceLogin has no ${name} (${item})`)
    })
    parity.assertComplete('device flow')
  })

  await t.test('sync actions, write reasons, visibilities and login failures are string-enum values', () => {
    for (const [section, type] of [['sync_actions', 'SyncAction'], ['write_reasons', 'WriteReason'], ['visibilities', 'Visibility'], ['login_failures', 'LoginFailure']]) {
      const declared = literals(type)
      parity.each(section, (item, cell) => {
        cell(declared.has(item), `index.d.ts: type ${type} lacks '${item}'`)
        cell(binding[type]?.[pascal(item)] === item, `runtime: ${type}.${pascal(item)} is not '${item}'`)
      })
    }
    parity.assertComplete('enums')
  })

  await t.test('error codes are documented as the codes a rejected Promise carries', () => {
    // The codes come from Rust (`Error::code`) at runtime; the binding keeps no table of them.
    // TypeScript users see them as `ErrorCode`, the type of `CodespacesSecretsError.code` and
    // of `BulkFailure.code`.
    const declared = literals('ErrorCode')
    assert.match(members('interface', 'CodespacesSecretsError').get('code') ?? '', /^code:\s*ErrorCode$/)
    assert.match(members('interface', 'BulkFailure').get('code') ?? '', /^code:\s*ErrorCode$/)
    parity.each('error_codes', (item, cell) => cell(declared.has(item), `index.d.ts: ErrorCode lacks '${item}'`))
    parity.assertComplete('error codes')
  })

  await t.test('fleets: operations of Client, their options, the fields of what they return, actions and reasons', async () => {
    const declaredClient = members('class', 'Client')
    parity.each('fleet_operations', (op, cell) => {
      const name = camel(op)
      cell(declaredClient.get(name)?.startsWith(`${name}(`), `index.d.ts: Client lacks the method ${name} (${op})`)
      cell(typeof client[name] === 'function', `runtime: a Client has no method ${name} (${op})`)
    })
    // Read before any request: a manifest object with a bad field rejects, the options are read first.
    const manifest = { version: 1, name: 'parity', secrets: { PARITY: { from: { env: 'PATH' }, repos: ['octocat/Hello-World'] } } }
    const calls = {
      PlanOptions: (o) => client.plan(manifest, o),
      ApplyOptions: (o) => client.apply(manifest, { ...o, cancel: o.cancel ?? cancelled }),
    }
    const cancelled = new CancelHandle()
    cancelled.cancel()
    for (const [iface, section] of [['PlanOptions', 'plan_options'], ['ApplyOptions', 'apply_options']]) {
      const declared = members('interface', iface)
      parity.each(section, (item, cell) => {
        const name = camel(item)
        cell(declared.has(name), `index.d.ts: ${iface} lacks ${name} (${item})`)
        cell(reads(calls[iface], iface, name), `runtime: ${iface}.${name} is not read (${item})`)
      })
    }

    const dir = tempDir(t)
    const plan = await client.plan(manifest, { state: `${dir}/state.json`, stateKeyFile: `${dir}/state.key` })
    const progress = []
    const report = await client.apply(plan, { state: `${dir}/state.json`, stateKeyFile: `${dir}/state.key` }, (p) => progress.push(p))
    await new Promise((resolve) => setImmediate(resolve))
    const durations = durationsOf('crates/client/src/fleet/apply.rs', "ApplyProgress<'a>")
    assert.ok(durations.has('eta') && durations.has('waiting'), 'durations found')
    const runtime = { plan, change: plan.changes[0], totals: plan.totals, apply_report: report, applied_change: report.items[0], apply_progress: progress[0] }
    for (const [group, fields] of Object.entries(surface.fleet_fields)) {
      const type = pascal(group)
      const declared = members(group === 'plan' ? 'class' : 'interface', type)
      parity.each(`fleet_fields.${group}`, (item, cell) => {
        const name = camel(item) + (group === 'apply_progress' && durations.has(item) ? 'Ms' : '')
        cell(declared.has(name), `index.d.ts: ${type} lacks ${name} (${group}.${item})`)
        const optional = /^\w+\?:/.test(declared.get(name) ?? '')
        if (runtime[group] !== undefined && !optional) {
          cell(name in runtime[group], `runtime: a ${type} has no ${name} (${group}.${item})`)
        }
      }, fields)
    }
    assert.ok(plan instanceof Plan)

    for (const [section, type] of [['change_actions', 'ChangeAction'], ['change_reasons', 'ChangeReason']]) {
      const declared = literals(type)
      parity.each(section, (item, cell) => {
        cell(declared.has(item), `index.d.ts: type ${type} lacks '${item}'`)
        cell(binding[type]?.[pascal(item)] === item, `runtime: ${type}.${pascal(item)} is not '${item}'`)
      })
    }
    parity.assertComplete('fleets')
  })

  await t.test('exceptions.node names only items of the surface', () => {
    const stale = Object.keys(EXCUSED).filter((key) => !parity.seen.has(key))
    assert.deepEqual(stale, [], 'exceptions.node names no item of the surface')
  })

  const summary = `Node parity: ${parity.cells} cells checked against api/surface.json (index.d.ts and runtime); ` +
    `skipped (exceptions.node): [${parity.skipped.join(', ')}]`
  t.diagnostic(summary)
  console.log(summary)
})
