import { ADMIN, clientId, GRID_WORKER, GRID_WORKER_UNIT, OTHER_GRID_WORKER } from '../harness'
import { seedXlsx } from '../../import/fixtures'
import { BAD, FORBIDDEN, NOT_FOUND, OK, OTHER, OTHER_DISTRICT, OTHER_DISTRICT_WORKER, OWN, REVIEWABLE_GRID, UNAUTH, adminOnly, asSigned, exportSpec, freshGrid, freshUnit, gridReport, noPayloadSpec, orgName, outsideTree, ownDraft, signedIn, tableEditor, type Cell, type Fixtures, type Role, type Spec } from './roles'

/**
 * The authorization matrix's rows: for every action, what each role gets
 * with a target in and out of its scope (faults.test.ts runs them).
 */
export const MATRIX: Record<string, Spec> = {
  me: noPayloadSpec,
  // Ends the caller's own sessions (the next cell's token is of the new generation).
  logout: noPayloadSpec,
  catalog: noPayloadSpec,
  pending: noPayloadSpec,
  'reminders.status': noPayloadSpec,
  'reminders.grant': (role) => ({
    in: { payload: () => ({ templateId: 'gebao-demo-pending', result: 'accept' }), expect: signedIn(role, OK) },
    out: { payload: () => ({ templateId: 'gebao-demo-pending', result: 'accept', personId: OTHER_GRID_WORKER }), expect: signedIn(role, BAD), note: 'grants are the caller’s own: naming another person is BAD_INPUT' }
  }),
  'reminders.run': (role) => ({
    in: { payload: () => ({}), expect: adminOnly(role) },
    out: { payload: () => ({ personId: OTHER_GRID_WORKER }), expect: signedIn(role, BAD), note: 'no target exists; a body naming someone is BAD_INPUT, checked before the role' }
  }),
  'export.table': exportSpec({}),
  'export.file': exportSpec({ format: 'xlsx' }),
  'export.narrative': exportSpec({ indicatorCode: 'YL-133', text: '按时完成。' }),
  'export.narrativeHistory': exportSpec({ indicatorCode: 'YL-133' }),
  completeness: (role) => ({
    in: { payload: () => ({ indicatorCode: 'YL-133', year: 2020 }), expect: tableEditor(role, OK), ...(role === 'grid_worker' ? { note: 'the completeness view is for reviewers' } : {}) },
    out: { payload: () => ({ indicatorCode: 'YL-133', year: 2020, streetId: OTHER[asSigned(role)] }), expect: tableEditor(role, FORBIDDEN) }
  }),
  'completeness.file': (role) => ({
    in: { payload: () => ({ indicatorCode: 'YL-133', year: 2020 }), expect: tableEditor(role, OK) },
    out: { payload: () => ({ indicatorCode: 'YL-133', year: 2020, streetId: OTHER[asSigned(role)] }), expect: tableEditor(role, FORBIDDEN) }
  }),
  'completeness.remind': (role) => ({
    // 张晓梅's grid, beneath every reviewer's unit; at most one message a day however often it is asked.
    in: { payload: () => ({ orgUnitId: GRID_WORKER_UNIT }), expect: tableEditor(role, OK), ...(role === 'grid_worker' ? { note: 'only reviewers remind' } : {}) },
    out: { payload: () => ({ orgUnitId: OTHER[asSigned(role)] }), expect: tableEditor(role, FORBIDDEN) }
  }),
  'plan.import': (role) => ({
    in: { payload: async () => ({ name: '2020年自查表.xlsx', base64: (await seedXlsx()).toString('base64') }), expect: adminOnly(role) },
    out: {
      payload: async () => ({ name: '2020年自查表.xlsx', base64: (await seedXlsx()).toString('base64'), orgUnitId: OTHER[asSigned(role)] }),
      expect: signedIn(role, BAD),
      note: 'a draft belongs to no unit: a body naming one is BAD_INPUT, checked before the role'
    }
  }),
  'reminders.outbox': (role) => ({
    in: { payload: () => ({ personId: GRID_WORKER }), expect: adminOnly(role) },
    out: {
      payload: () => ({ personId: OTHER_DISTRICT_WORKER.id }),
      expect: adminOnly(role),
      note: 'not scoped by unit: one bureau per deployment, so the admin reads every outbox entry (another district’s person included)'
    }
  }),
  bind: () => ({
    // The invite code is the credential; a session, if any, is irrelevant.
    in: {
      payload: async (fx) => {
        const id = `u-bind-${clientId('p').toLowerCase().replace(/[^a-z0-9-]/g, '')}`.slice(0, 60)
        const res = await fx.s.call('invite.create', { person: { id, name: '新人', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g7' } }, fx.s.tokenFor(ADMIN))
        if (!res.body.ok) throw new Error(JSON.stringify(res.body))
        return { code: res.body.data.code }
      },
      expect: OK
    },
    out: { payload: (fx) => ({ code: fx.usedInvite }), expect: { code: 'NOT_FOUND' }, note: 'a code already bound to someone else cannot be taken over, and says no more than a code that never existed' }
  }),
  submit: (role) => ({
    in: { payload: () => ({ report: ownDraft(asSigned(role), 'submit') }), expect: signedIn(role, OK) },
    out: { payload: () => ({ report: ownDraft(asSigned(role), 'submit', OTHER[asSigned(role)]) }), expect: signedIn(role, FORBIDDEN) }
  }),
  sync: (role) => ({
    in: { payload: () => ({ reports: [ownDraft(asSigned(role), 'sync')] }), expect: signedIn(role, OK) },
    out: { payload: () => ({ reports: [ownDraft(asSigned(role), 'sync', OTHER[asSigned(role)])] }), expect: signedIn(role, { item: 'FORBIDDEN' }) }
  }),
  review: (role) => ({
    in: {
      payload: async (fx) => {
        const r = role === 'grid_worker' || role === 'none' ? { id: fx.reportIn.grid_worker, version: 1 } : await gridReport(fx.s, REVIEWABLE_GRID[role])
        return { reportId: r.id, version: r.version, decision: 'approve' }
      },
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : OK,
      ...(role === 'grid_worker' ? { note: 'grid workers review nothing, their own grid included' } : {})
    },
    out: {
      payload: (fx) => ({ reportId: fx.reportOut[asSigned(role)], version: 1, decision: 'approve' }),
      expect: role === 'grid_worker' ? FORBIDDEN : signedIn(role, NOT_FOUND),
      note: 'a report outside the area answers like one that does not exist'
    }
  }),
  'review.batch': (role) => ({
    in: {
      payload: async (fx) => {
        const r = role === 'grid_worker' || role === 'none' ? { id: fx.reportIn.grid_worker, version: 1 } : await gridReport(fx.s, REVIEWABLE_GRID[role], '2020-11')
        return { items: [{ reportId: r.id, version: r.version }] }
      },
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : OK
    },
    out: {
      payload: (fx) => ({ items: [{ reportId: fx.reportOut[asSigned(role)], version: 1 }] }),
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : { item: 'NOT_FOUND' },
      note: 'each item answers on its own; one outside the area is NOT_FOUND'
    }
  }),
  'review.context': (role) => ({
    in: { payload: (fx) => ({ reportId: fx.reportIn[asSigned(role)] }), expect: signedIn(role, OK) },
    out: { payload: (fx) => ({ reportId: fx.reportOut[asSigned(role)] }), expect: signedIn(role, NOT_FOUND), note: 'a report outside the area answers like one that does not exist' }
  }),
  // YL-CHAIN: YL-133 reviewed community → street → district (seeded below).
  'signoff.view': (role) => ({
    in: { payload: () => ({ indicatorCode: 'YL-CHAIN', period: '2020-12' }), expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : OK },
    out: { payload: () => ({ indicatorCode: 'YL-CHAIN', period: '2020-12', unitId: OTHER[asSigned(role)] }), expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : NOT_FOUND }
  }),
  signoff: (role) => ({
    in: {
      // Each level on the unit it answers for: the community marks a grid 未报, the street returns a community, the bureau a street.
      payload: () => ({
        indicatorCode: 'YL-CHAIN',
        period: '2020-12',
        version: 0,
        ...(role === 'community_reviewer' ? { unitId: 'qk-s11-c01-g2', decision: 'missing', comment: '本月网格员空缺' } : role === 'street_reviewer' ? { unitId: 'qk-s11-c01', decision: 'return', comment: '请核对' } : { unitId: 'qk-s11', decision: 'return', comment: '请核对' })
      }),
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : OK
    },
    out: {
      payload: () => ({ indicatorCode: 'YL-CHAIN', period: '2020-12', version: 0, unitId: OTHER[asSigned(role)], decision: 'return', comment: '请核对' }),
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : NOT_FOUND
    }
  }),
  'signoff.batch': (role) => ({
    in: {
      // Nothing here is ready to sign: each item is refused on its own and nothing changes.
      payload: () => ({ indicatorCode: 'YL-CHAIN', period: '2020-12', items: [{ unitId: role === 'community_reviewer' ? 'qk-s11-c01-g1' : role === 'street_reviewer' ? 'qk-s11-c02' : 'qk-s01', version: 0 }] }),
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : { item: 'BAD_INPUT' }
    },
    out: {
      payload: () => ({ indicatorCode: 'YL-CHAIN', period: '2020-12', items: [{ unitId: OTHER[asSigned(role)], version: 0 }] }),
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : { item: 'NOT_FOUND' }
    }
  }),
  reports: (role) => ({
    in: { payload: () => ({ orgUnitId: OWN[asSigned(role)] }), expect: signedIn(role, OK) },
    out: { payload: () => ({ orgUnitId: OTHER[asSigned(role)] }), expect: signedIn(role, FORBIDDEN) }
  }),
  history: (role) => ({
    in: { payload: (fx) => ({ reportId: fx.reportIn[asSigned(role)] }), expect: signedIn(role, OK) },
    out: { payload: (fx) => ({ reportId: fx.reportOut[asSigned(role)] }), expect: signedIn(role, NOT_FOUND), note: 'a report outside the area answers like one that does not exist' }
  }),
  'evidence.links': (role) => ({
    in: { payload: (fx) => ({ reportId: fx.reportIn[asSigned(role)], ids: ['cloud://gebao-test.6765/evidence/1608429600000-k3j9x0qa.jpg'] }), expect: signedIn(role, OK) },
    out: { payload: (fx) => ({ reportId: fx.reportOut[asSigned(role)], ids: ['cloud://gebao-test.6765/evidence/1608429600000-k3j9x0qa.jpg'] }), expect: signedIn(role, NOT_FOUND), note: 'a report outside the area answers like one that does not exist' }
  }),
  progress: (role) => ({
    in: { payload: () => ({ orgUnitId: OWN[asSigned(role)], period: '2020' }), expect: signedIn(role, OK) },
    out: { payload: () => ({ orgUnitId: OTHER[asSigned(role)], period: '2020' }), expect: signedIn(role, FORBIDDEN) }
  }),
  'indicator.put': (role) => ({
    in: { payload: async (fx) => ({ indicator: { ...(await fx.s.server.store.getIndicator('SQ-GOV', 2020)), title: '社区治理' } }), expect: adminOnly(role) },
    // The catalog is the bureau's; there is no indicator outside its scope.
    // Out of scope for anyone else is the same request: still refused.
    out: {
      payload: async (fx) => ({ indicator: { ...(await fx.s.server.store.getIndicator('YL-133', 2020)), reportLevel: 'district' } }),
      expect: adminOnly(role),
      note: 'the catalog is district-wide: no indicator lies outside the bureau’s scope'
    }
  }),
  'indicator.assign': (role) => ({
    in: { payload: () => ({ code: 'SQ-GOV', reportLevel: 'community' }), expect: adminOnly(role) },
    out: { payload: () => ({ code: 'YL-BED', reportLevel: 'grid' }), expect: adminOnly(role), note: 'the catalog is district-wide: no indicator lies outside the bureau’s scope' }
  }),
  'plan.copy': (role) => ({
    in: { payload: () => ({ year: 2020 }), expect: adminOnly(role) },
    out: { payload: () => ({ year: 2020 }), expect: adminOnly(role), note: 'plans are district-wide: no plan lies outside the bureau’s scope' }
  }),
  'plan.years': noPayloadSpec,
  'plan.list': (role) => ({
    in: { payload: () => ({ year: 2020 }), expect: signedIn(role, OK) },
    out: { payload: () => ({ year: 2020 }), expect: signedIn(role, OK), note: 'plans are district-wide and read by every unit (as catalog gives them)' }
  }),
  'plan.publish': (role) => ({
    in: { payload: async (fx) => ({ year: 2020, dryRun: true, indicators: [{ ...(await fx.s.server.store.getIndicator('SQ-GOV', 2020)), title: '社区治理' }] }), expect: adminOnly(role) },
    out: { payload: () => ({ year: 2020, dryRun: true, indicators: [] }), expect: adminOnly(role), note: 'plans are district-wide: no plan lies outside the bureau’s scope' }
  }),
  'period.open': (role) => ({
    in: {
      // YL-BED: other cells move YL-133 to another level.
      payload: () => ({ indicatorCode: 'YL-BED', orgUnitId: REVIEWABLE_GRID[asSigned(role)], period: '2020-Q2', until: '2020-12-31', reason: '补报二季度' }),
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : OK,
      ...(role === 'grid_worker' ? { note: 'only reviewers open a closed period' } : {})
    },
    out: { payload: () => ({ indicatorCode: 'YL-BED', orgUnitId: OTHER_DISTRICT[3].id, period: '2020-Q2', until: '2020-12-31', reason: '补报二季度' }), expect: role === 'none' ? UNAUTH : FORBIDDEN }
  }),
  'plan.allocate': (role) => ({
    // The bureau splits the district's target; a street splits its own share; no one else splits.
    in: {
      payload: () => ({ code: 'YL-133', year: 2020, targetId: 'canteens', parentId: role === 'street_reviewer' ? 'qk-s11' : 'qk', shares: [{ unitId: role === 'street_reviewer' ? 'qk-s11-c01' : 'qk-s11', value: 1 }] }),
      expect: role === 'none' ? UNAUTH : role === 'admin' || role === 'street_reviewer' ? OK : role === 'grid_worker' || role === 'community_reviewer' ? { code: 'NOT_FOUND' } : FORBIDDEN,
      ...(role === 'grid_worker' || role === 'community_reviewer' ? { note: 'a unit above the caller is NOT_FOUND (not revealed)' } : {})
    },
    out: {
      payload: () => ({ code: 'YL-133', year: 2020, targetId: 'canteens', parentId: 'qk-s01', shares: [{ unitId: 'qk-s01-c01', value: 1 }] }),
      expect: role === 'none' ? UNAUTH : role === 'admin' ? OK : { code: 'NOT_FOUND' },
      ...(role === 'admin' ? {} : { note: 'another street is NOT_FOUND (not revealed)' })
    }
  }),
  'plan.backfill': (role) => ({
    in: { payload: () => ({ year: 2020, name: '补录.csv', base64: Buffer.from('单位,指标,期间,字段,数值\nqk-s11-c01-g1,YL-133,2020-03,canteens,1\n').toString('base64'), dryRun: true }), expect: adminOnly(role) },
    out: {
      payload: () => ({ year: 2020, name: '补录.csv', base64: Buffer.from('单位,指标,期间,字段,数值\nxx-s01-c01-g1,YL-133,2020-03,canteens,1\n').toString('base64'), dryRun: false }),
      expect: role === 'admin' ? BAD : adminOnly(role),
      ...(role === 'admin' ? { note: 'a unit outside the admin’s district is refused as unknown (not revealed); nothing is written' } : {})
    }
  }),
  'rollups.rebuild': (role) => ({
    in: { payload: () => ({ code: 'YL-133', year: 2020 }), expect: adminOnly(role) },
    out: { payload: () => ({}), expect: adminOnly(role), note: 'roll-ups are district-wide: nothing lies outside the bureau’s scope' }
  }),
  'org.tree': (role) => ({
    in: { payload: () => ({}), expect: adminOnly(role) },
    out: { payload: () => ({ personId: OTHER_GRID_WORKER }), expect: role === 'none' ? UNAUTH : BAD, note: 'no target exists: a body naming someone is BAD_INPUT' }
  }),
  'org.create': (role) => ({
    in: { payload: () => ({ parentId: 'qk-s11-c01', name: orgName() }), expect: adminOnly(role) },
    out: { payload: () => ({ parentId: OTHER_DISTRICT[2].id, name: orgName() }), ...outsideTree(role) }
  }),
  'org.rename': (role) => ({
    in: { payload: async (fx) => ({ unitId: await freshGrid(fx), name: orgName() }), expect: adminOnly(role) },
    out: { payload: () => ({ unitId: OTHER_DISTRICT[3].id, name: orgName() }), ...outsideTree(role) }
  }),
  'org.population': (role) => ({
    in: { payload: async (fx) => ({ unitId: await freshGrid(fx), population: { residents: 100 } }), expect: adminOnly(role) },
    out: { payload: () => ({ unitId: OTHER_DISTRICT[3].id, population: { residents: 100 } }), ...outsideTree(role) }
  }),
  'org.move': (role) => ({
    in: { payload: async (fx) => ({ unitId: await freshGrid(fx), parentId: 'qk-s11-c02' }), expect: adminOnly(role) },
    out: { payload: () => ({ unitId: OTHER_DISTRICT[3].id, parentId: 'qk-s11-c01' }), ...outsideTree(role) }
  }),
  'org.merge': (role) => ({
    in: { payload: async (fx) => ({ unitId: await freshUnit(fx, 'qk-s11'), intoId: await freshUnit(fx, 'qk-s11') }), expect: adminOnly(role) },
    out: { payload: () => ({ unitId: OTHER_DISTRICT[2].id, intoId: 'qk-s11-c01' }), ...outsideTree(role) }
  }),
  'org.retire': (role) => ({
    in: { payload: async (fx) => ({ unitId: await freshGrid(fx) }), expect: adminOnly(role) },
    out: { payload: () => ({ unitId: OTHER_DISTRICT[3].id }), ...outsideTree(role) }
  }),
  'org.import': (role) => ({
    in: { payload: () => ({ name: '组织架构.csv', base64: Buffer.from('街道\n长丰街\n').toString('base64'), dryRun: true }), expect: adminOnly(role) },
    out: {
      payload: () => ({ name: '组织架构.csv', base64: Buffer.from('街道\n长丰街\n').toString('base64'), dryRun: true }),
      expect: adminOnly(role),
      note: 'the sheet names units under the admin’s own district only: nothing lies outside it'
    }
  }),
  'rollups.status': (role) => ({
    in: { payload: () => ({}), expect: adminOnly(role) },
    out: { payload: () => ({ personId: OTHER_GRID_WORKER }), expect: role === 'none' ? UNAUTH : BAD, note: 'no target exists: a body naming someone is BAD_INPUT' }
  }),
  'invite.create': (role) => ({
    in: { payload: () => ({ person: { id: `u-inv-${clientId('i').toLowerCase().replace(/[^a-z0-9-]/g, '')}`.slice(0, 60), name: '新人', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g6' } }), expect: adminOnly(role) },
    out: {
      payload: () => ({ person: { id: 'u-inv-out', name: '外人', role: 'grid_worker', orgUnitId: OTHER_DISTRICT[3].id } }),
      expect: role === 'admin' ? { code: 'NOT_FOUND' } : adminOnly(role),
      ...(role === 'admin' ? { note: 'a unit outside the admin’s district is NOT_FOUND (not revealed)' } : {})
    }
  }),
  ...peopleRows()
}

/** A fresh person of the admin's district for one cell (so changing them disturbs no other cell). */
export async function freshPerson(fx: Fixtures, deactivated = false): Promise<string> {
  const res = await fx.s.call('people.add', { person: { name: '临时', role: 'grid_worker', orgUnitId: 'qk-s11-c02-g3' } }, fx.s.tokenFor(ADMIN))
  if (!res.body.ok) throw new Error(JSON.stringify(res.body))
  if (deactivated) await fx.s.call('people.deactivate', { personId: res.body.data.person.id }, fx.s.tokenFor(ADMIN))
  return res.body.data.person.id
}

export function peopleRows(): Record<string, Spec> {
  const out =
    (payload: Cell['payload']) =>
    (role: Role): Cell => ({ payload, expect: role === 'admin' ? { code: 'NOT_FOUND' } : adminOnly(role), ...(role === 'admin' ? { note: 'a person or unit outside the admin’s district is NOT_FOUND (not revealed)' } : {}) })
  return {
    'people.list': (role) => ({ in: { payload: () => ({ unitId: 'qk-s11' }), expect: adminOnly(role) }, out: out(() => ({ unitId: OTHER_DISTRICT[3].id }))(role) }),
    'people.add': (role) => ({
      in: { payload: () => ({ person: { name: '新同事', role: 'grid_worker', orgUnitId: 'qk-s11-c02-g3' } }), expect: adminOnly(role) },
      out: {
        payload: () => ({ person: { name: '外人', role: 'grid_worker', orgUnitId: OTHER_DISTRICT[3].id } }),
        expect: role === 'admin' ? BAD : adminOnly(role),
        ...(role === 'admin' ? { note: 'a unit outside the district is refused next to the unit field, with the same message as a unit that does not exist' } : {})
      }
    }),
    'people.move': (role) => ({
      in: { payload: async (fx) => ({ personId: await freshPerson(fx), orgUnitId: 'qk-s11-c02-g4' }), expect: adminOnly(role) },
      out: out(() => ({ personId: OTHER_DISTRICT_WORKER.id, orgUnitId: 'qk-s11-c02-g4' }))(role)
    }),
    'people.setRole': (role) => ({
      in: { payload: async (fx) => ({ personId: await freshPerson(fx), role: 'community_reviewer', orgUnitId: 'qk-s11-c02' }), expect: adminOnly(role) },
      out: out(() => ({ personId: OTHER_DISTRICT_WORKER.id, role: 'community_reviewer', orgUnitId: 'qk-s11-c02' }))(role)
    }),
    'people.deactivate': (role) => ({
      in: { payload: async (fx) => ({ personId: await freshPerson(fx) }), expect: adminOnly(role) },
      out: out(() => ({ personId: OTHER_DISTRICT_WORKER.id }))(role)
    }),
    'people.reactivate': (role) => ({
      in: { payload: async (fx) => ({ personId: await freshPerson(fx, true) }), expect: adminOnly(role) },
      out: out(() => ({ personId: OTHER_DISTRICT_WORKER.id }))(role)
    }),
    'invite.community': (role) => ({
      in: { payload: () => ({ communityId: 'qk-s11-c02', rows: [{ name: '新网格员', orgUnitId: 'qk-s11-c02-g3' }] }), expect: adminOnly(role) },
      out: out(() => ({ communityId: OTHER_DISTRICT[2].id }))(role)
    })
  }
}

