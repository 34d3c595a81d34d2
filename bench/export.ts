import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createWorkers, mapLimit, OPEN_REPORTS, valuesFor } from '../test/queue/phones'
import { login, post, spawnServer } from '../test/server/process'
import { kb, median, ms, quantile, times, timeRuns } from './lib/stats'
import type { Bench } from './lib/types'

const WORKERS = 250
const RUNS = 7

export const exportBench: Bench = {
  id: 'export',
  title: 'Exporting the district 自查表',
  async run(ctx) {
    const dataDir = join(ctx.tmp, 'data')
    mkdirSync(dataDir)
    const server = await spawnServer(dataDir)
    try {
      const base = server.base
      // The demo district with 1,000 grid reports (250 grids × the 4 open ones) and the bureau's own.
      const workers = await createWorkers(base, WORKERS, 'be')
      await mapLimit(workers, 8, async (w) => {
        const reports = OPEN_REPORTS.map((r, i) => ({ clientId: `${w.personId}-r${i}`, indicatorCode: r.indicatorCode, orgUnitId: w.unitId, period: r.period, values: valuesFor(r.indicatorCode, i), narrative: `${w.unitId} 本期情况说明`, evidence: [{ id: `f-${w.personId}-${i}`, name: `现场照片${i}.jpg` }] }))
        const res = await post(base, 'sync', { reports }, w.token)
        if (!res.body.ok || res.body.data.results.some((x: { status: string }) => x.status !== 'accepted')) throw new Error(JSON.stringify(res.body))
      })
      const admin = await login(base, 'u-admin')
      for (const [code, values] of [
        ['FLY-2', { land_done: 1, tender_done: 1, survey_done: 1, start_done: 0 }],
        ['QH-BORDER', { info_progress: 1, border_progress: 1, atlas_done: 1 }]
      ] as const) {
        const res = await post(base, 'submit', { report: { clientId: `be-admin-${code}`, indicatorCode: code, orgUnitId: 'qk', period: '2020-Q4', values } }, admin)
        if (!res.body.ok) throw new Error(JSON.stringify(res.body))
      }

      const call = async (action: string, payload: unknown) => {
        const res = await post(base, action, payload, admin)
        if (!res.body.ok) throw new Error(`${action}: ${JSON.stringify(res.body.error)}`)
        return res.body.data
      }
      let sizes: Record<string, number> = {}
      const file = (format: 'xlsx' | 'docx') => async () => {
        const data = (await call('export.file', { year: 2020, format })) as { url: string }
        const res = await fetch(`${base}${data.url}`)
        if (res.status !== 200) throw new Error(`download ${format}: ${res.status}`)
        sizes = { ...sizes, [format]: (await res.arrayBuffer()).byteLength }
      }
      const progress = await timeRuns(RUNS, () => call('progress', { orgUnitId: 'qk', period: '2020' }))
      const table = await timeRuns(RUNS, () => call('export.table', { year: 2020 }))
      const xlsx = await timeRuns(RUNS, file('xlsx'))
      const docx = await timeRuns(RUNS, file('docx'))
      ctx.log(`progress ${ms(median(progress))} ms, export.table ${ms(median(table))} ms, xlsx ${ms(median(xlsx))} ms, docx ${ms(median(docx))} ms`)
      const row = (name: string, xs: number[]) => [name, ms(median(xs)), ms(quantile(xs, 0.9)), times(median(xs), median(progress))]
      return {
        table: [
          ['request (as the bureau admin, district, 2020)', 'median (ms)', 'p90 (ms)', 'vs progress'],
          row('baseline: `progress` (the same roll-ups, no table)', progress),
          row('`export.table` (the 自查表 as data, for the phone)', table),
          row(`\`export.file\` xlsx + download (${kb(sizes.xlsx ?? 0)} KB)`, xlsx),
          row(`\`export.file\` docx + download (${kb(sizes.docx ?? 0)} KB)`, docx)
        ],
        notes: [
          `The real server in its own process on loopback, over the demo district (11 streets, 136 communities, 992 grids) with 1,000 grid reports (${WORKERS} grid workers × YL-133 for three months and YL-BED for Q4, each with a narrative and a named photo) and the bureau's two district reports. One warm-up, then ${RUNS} runs each, over HTTP with the admin's session.`,
          '`export.file` renders the file (exceljs / docx), stores it under the data folder and answers a download link; the time includes fetching the file from that link.'
        ],
        figures: { progressMs: +ms(median(progress)), tableMs: +ms(median(table)), xlsxMs: +ms(median(xlsx)), docxMs: +ms(median(docx)), xlsxKB: +kb(sizes.xlsx ?? 0), docxKB: +kb(sizes.docx ?? 0) }
      }
    } finally {
      await server.kill('SIGTERM')
    }
  }
}
