import { ADMIN, clientId, COMMUNITY_REVIEWER, GRID_WORKER, GRID_WORKER_UNIT, OTHER_GRID_WORKER, STREET_REVIEWER, type Running } from '../server/harness'

/** 古田街's grid where OTHER_GRID_WORKER (赵敏) reports. */
export const GUTIAN_GRID = 'qk-s01-c01-g1'
export const COVID_EVIDENCE = '湖北省抗击新冠肺炎疫情先进集体（中共湖北省委 湖北省人民政府 二〇二〇年九月）'

/**
 * The seed's 2020 figures reported through the API by the units that hold
 * them, as test/server/seed2020.test.ts does, with two changes for the
 * export: 网点 come from two streets' grids (长丰街 8, 古田街 2) so the
 * draft has a breakdown, and the bureau declares 90 for FLY-2 so a declared
 * rate differs at the district too. 长丰街's grid declares 100 for YL-133
 * (its own figures compute to 88.9). The district's YL-133 is then 10 网点,
 * 2 of 3 食堂, 2300 人次: still 88.9.
 */
export async function reportSeed2020(s: Running): Promise<void> {
  // Two more street staff: the seed's mental-health network covers 六角亭 and 韩家墩.
  await s.server.store.putPeople([
    { id: 'u-street-lj', name: '六角亭街', role: 'street_reviewer', orgUnitId: 'qk-s08' },
    { id: 'u-street-hjd', name: '韩家墩街', role: 'street_reviewer', orgUnitId: 'qk-s02' }
  ])
  const submit = async (who: string, orgUnitId: string, indicatorCode: string, period: string, values: Record<string, number>, extra: Record<string, unknown> = {}) => {
    const res = await s.call('submit', { report: { clientId: clientId('seed'), indicatorCode, orgUnitId, period, values, ...extra } }, s.tokenFor(who))
    if (!res.body.ok) throw new Error(`${indicatorCode}: ${JSON.stringify(res.body.error)}`)
    return res.body.data.report
  }
  await submit(GRID_WORKER, GRID_WORKER_UNIT, 'YL-133', '2020-12', { service_points: 8, canteens: 2, trainees: 2000 }, { declaredRate: 100 })
  await submit(OTHER_GRID_WORKER, GUTIAN_GRID, 'YL-133', '2020-12', { service_points: 2, canteens: 0, trainees: 300 })
  await submit(GRID_WORKER, GRID_WORKER_UNIT, 'YL-BED', '2020-Q4', { beds: 3360 + 2100 + 342 + 3331, elderly: 155900 })
  // Evidence names only files uploaded here: the street uploads the certificate first.
  const form = new FormData()
  form.append('file', new Blob(['%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'], { type: 'application/pdf' }), 'certificate.pdf')
  const uploaded = (await (await fetch(`${s.base}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${s.tokenFor(STREET_REVIEWER)}` } })).json()) as { ok: boolean; data: { id: string } }
  if (!uploaded.ok) throw new Error(`upload: ${JSON.stringify(uploaded)}`)
  const covid = await submit(STREET_REVIEWER, 'qk-s11', 'YL-COVID', '2020-Q4', {}, {
    narrative: '出台养老机构疫情防控应急预案，每周检查一次。',
    evidence: [{ id: uploaded.data.id, name: COVID_EVIDENCE, kind: 'file' }]
  })
  const approved = await s.call('review', { reportId: covid.id, version: 1, decision: 'approve', verdicts: { prevention: 'met' } }, s.tokenFor(ADMIN))
  if (!approved.body.ok) throw new Error(JSON.stringify(approved.body.error))
  await submit(ADMIN, 'qk', 'FLY-2', '2020-Q4', { land_done: 1, tender_done: 1, survey_done: 1, start_done: 0 }, { declaredRate: 90 })
  await submit(ADMIN, 'qk', 'QH-BORDER', '2020-Q4', { info_progress: 1, border_progress: 1, atlas_done: 1 })
  await submit(COMMUNITY_REVIEWER, 'qk-s11-c01', 'SW-AFF', '2020-12', {
    homeless_placed: 54,
    homeless_total: 54,
    families_visited: 47,
    families_total: 47,
    donations_used: 60,
    donations_total: 60,
    marriages_ok: 3584,
    marriages_total: 3584
  })
  const aid = { temp_aided: 2150, temp_needed: 2150, dibao_helped: 69, dibao_total: 69, one_on_one_helped: 100, one_on_one_total: 100, subsidy_correct: 1000, subsidy_total: 1000 }
  await submit('u-street-lj', 'qk-s08', 'SW-AID', '2020-Q4', { ...aid, mental_covered: 1 })
  await submit('u-street-hjd', 'qk-s02', 'SW-AID', '2020-Q4', { ...aid, mental_covered: 1 })
  await submit(STREET_REVIEWER, 'qk-s11', 'SW-AID', '2020-Q4', { ...aid, mental_covered: 0 })
  await submit(COMMUNITY_REVIEWER, 'qk-s11-c01', 'SQ-GOV', '2020-Q4', { covenant_done: 1, counseling_projects: 16, new_social_orgs: 610 })
}

/**
 * The 完成率 cells of the district's 2020 table, in 序号 order: SQ-TEAM was
 * not reported (unknown, not 0); SQ-GOV's 公约 covers 1 of 136 communities.
 */
export const DISTRICT_RATES_2020 = ['88.9', '100', '100', '—', '100（自报90）', '100', '98.2', '100', '66.9']
