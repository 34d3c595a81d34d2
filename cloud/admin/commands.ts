import { randomBytes } from 'node:crypto'
import type { Clock } from '../../src/core/clock'
import { childLevel, childPath, ORG_LEVEL_LABEL } from '../../src/core/org'
import { ID_PATTERN } from '../../src/core/patterns'
import { isReviewer, ROLE_LEVEL, ROLES, type Role } from '../../src/core/person'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { DEMO_PEOPLE } from '../../src/core/seed/users'
import { DEFAULT_CONFIG, type ApiContext, type Caller } from '../api/context'
import { dispatch } from '../api/router'
import { ALLOW_ALL_TEXT } from '../api/context'
import { dropDemo } from '../store/sqlite/dropDemo'
import type { ServerStore } from '../store/server'
import { SqliteStore } from '../store/sqlite/SqliteStore'

/**
 * The operator's commands on a data folder (`npm run admin -- …`). They
 * open the database like a second writer beside the server (IMMEDIATE
 * transactions, a busy timeout), take no data-folder lock, and so work
 * whether the server runs or not. Invites go through the same
 * `invite.create` action the bureau's screen uses, as the district admin.
 */

export class AdminError extends Error {}

export interface AdminEnv {
  /** The install's store: the data folder's SQLite file, or PostgreSQL when DATABASE_URL is set. */
  store: ServerStore
  clock: Clock
}

export type Flags = Record<string, string>

const need = (flags: Flags, name: string): string => {
  const v = flags[name]?.trim()
  if (!v) throw new AdminError(`--${name} is required`)
  return v
}

const newId = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`

function checkId(id: string, what: string): string {
  if (!ID_PATTERN.test(id)) throw new AdminError(`${what} "${id}" must be lower-case letters, digits and "-" (at most 64)`)
  return id
}

/**
 * Who the CLI acts as: the operator at the district (root) unit, recorded
 * as `admin-cli` on what it creates. With several roots, --district-id picks.
 */
export async function operator(env: AdminEnv, flags: Flags): Promise<Caller> {
  // Every path starts with '/', so the tree under '/' is the whole of it.
  const roots = (await env.store.orgTree('/')).filter((u) => u.parentId === null)
  const id = flags['district-id'] ?? (roots.length === 1 ? roots[0].id : undefined)
  const unit = id ? await env.store.getOrgUnit(id) : null
  if (!unit || unit.parentId !== null) {
    if (roots.length === 0) throw new AdminError('No district yet: run `npm run admin -- init --district <名称> --name <姓名>` first.')
    throw new AdminError(`Name the district with --district-id (one of ${roots.map((r) => r.id).join(', ')})`)
  }
  return { person: { id: 'admin-cli', name: '管理命令', role: 'admin', orgUnitId: unit.id }, unit }
}

async function invite(env: AdminEnv, caller: Caller, input: unknown): Promise<{ code: string; personId: string; expiresAt: string }> {
  const ctx: ApiContext = { store: env.store, clock: env.clock, caller, text: ALLOW_ALL_TEXT, config: DEFAULT_CONFIG }
  const res = await dispatch(ctx, 'invite.create', input)
  if (!res.ok) throw new AdminError(`${res.error.message}${res.error.issues ? ` (${res.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : ''}`)
  return res.data as { code: string; personId: string; expiresAt: string }
}

const inviteLine = (name: string, r: { code: string; personId: string; expiresAt: string }) =>
  `Invite code for ${name} (${r.personId}): ${r.code}\nValid until ${r.expiresAt}. On the login screen, enter it under 邀请码.`

/**
 * `init --district 某某区 --name 张三 [--district-id d] [--person-id p]`: on
 * an empty database, the root unit, the catalog, the first admin and their
 * invite code. The install is 'real' from then on.
 */
export async function init(env: AdminEnv, flags: Flags): Promise<string> {
  const district = need(flags, 'district')
  const name = need(flags, 'name')
  const mode = await env.store.installMode()
  if (mode === 'demo') throw new AdminError('This data folder was seeded in demo mode. Use an empty DATA_DIR for a real install, or run `drop-demo` first.')
  if ((await env.store.listPeople()).length > 0 || mode === 'real') throw new AdminError('This database is already set up: use `invite` for more people.')
  const id = checkId(flags['district-id'] ?? newId('d'), '--district-id')
  const unit = { id, name: district, level: 'district' as const, parentId: null, path: childPath('/', id) }
  await env.store.putOrgUnits([unit])
  if ((await env.store.planYears()).length === 0) for (const ind of SEED_INDICATORS) await env.store.putIndicator(ind)
  const person = { id: checkId(flags['person-id'] ?? newId('u'), '--person-id'), name, role: 'admin' as const, orgUnitId: unit.id }
  await env.store.putPeople([person])
  await env.store.setInstallMode('real')
  const r = await invite(env, await operator(env, { 'district-id': unit.id }), { personId: person.id })
  return `Created ${district} (${unit.id}) and its first admin ${name}.\n${inviteLine(name, r)}`
}

/**
 * `unit --parent <id> --name 某某街 [--id s1]`: a unit one level below its
 * parent (district → street → community → grid).
 */
export async function addUnit(env: AdminEnv, flags: Flags): Promise<string> {
  await operator(env, flags)
  const parent = await env.store.getOrgUnit(need(flags, 'parent'))
  if (!parent) throw new AdminError(`No unit ${flags.parent}`)
  const level = childLevel(parent.level)
  if (!level) throw new AdminError(`${parent.name} is a ${ORG_LEVEL_LABEL[parent.level]}: nothing goes below it`)
  const id = checkId(flags.id ?? newId(level.slice(0, 1)), '--id')
  if (await env.store.getOrgUnit(id)) throw new AdminError(`A unit ${id} exists already`)
  await env.store.putOrgUnits([{ id, name: need(flags, 'name'), level, parentId: parent.id, path: childPath(parent.path, id) }])
  return `Created ${ORG_LEVEL_LABEL[level]} ${flags.name} (${id}) under ${parent.name}.`
}

/**
 * `invite --person-id <id>` for someone who exists (a new phone), or
 * `invite --name 李四 --role grid_worker --unit <id> [--id u-…]` for someone new.
 */
export async function inviteCommand(env: AdminEnv, flags: Flags): Promise<string> {
  const admin = await operator(env, flags)
  if (flags['person-id']) {
    const person = await env.store.getPerson(flags['person-id'])
    const r = await invite(env, admin, { personId: flags['person-id'] })
    return inviteLine(person?.name ?? flags['person-id'], r)
  }
  const role = need(flags, 'role') as Role
  if (!ROLES.includes(role)) throw new AdminError(`--role must be one of ${ROLES.join(', ')}`)
  const unitId = need(flags, 'unit')
  const name = need(flags, 'name')
  const id = checkId(flags.id ?? newId('u'), '--id')
  const r = await invite(env, admin, { person: { id, name, role, orgUnitId: unitId } })
  const kind = isReviewer(role) ? 'reviewer' : role === 'admin' ? 'admin' : 'grid worker'
  return `${inviteLine(name, r)}\n(${kind} at ${unitId}, level ${ROLE_LEVEL[role]})`
}

/** `drop-demo`: removes the demo people, their sessions, grants and reports; the install becomes real. */
export async function dropDemoCommand(env: AdminEnv): Promise<string> {
  // Demo mode is a SQLite-only thing: `npm start` seeds it; a PostgreSQL install starts real.
  if (!(env.store instanceof SqliteStore)) throw new AdminError('drop-demo works on a SQLite data folder (demo mode); a PostgreSQL install has no demo data.')
  const s = dropDemo(env.store.db, DEMO_PEOPLE.map((p) => p.id))
  return `Removed ${s.people} demo people, ${s.reports} of their reports and ${s.grants} reminder grants; their sessions are ended. Roll-ups rebuilt.\n` +
    'The server now starts with DEMO_LOGIN=off. For a first admin: `npm run admin -- invite --name <姓名> --role admin --unit <district id>`.'
}
