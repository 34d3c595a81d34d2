import { build } from 'esbuild'
import { builtinModules } from 'node:module'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MAX_BANKED_GRANTS } from '../../../cloud/api/handlers/reminders'
import { createLocalServer } from '../../../cloud/server/app'
import { ADMIN, clientId, GRID_WORKER, startServer, STREET_REVIEWER, type Running } from '../harness'
import { ROOT, tempDir } from './helpers'

describe('fault 8: headers, same answers, capped grants, clean table text', () => {
  let s: Running
  beforeAll(async () => {
    s = await startServer()
  })
  afterAll(async () => {
    await s.stop()
  })

  test('security headers: a CSP with frame-ancestors none, no framing, nosniff', async () => {
    const res = await fetch(`${s.base}/api/health`)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  test('the CSP allows exactly the H5 build’s inline script, by hash', async () => {
    const dataDir = tempDir()
    const staticDir = join(dataDir, 'h5')
    mkdirSync(staticDir)
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><script>document.documentElement.style.fontSize="20px"</script><script src="/js/app.js"></script></head><body></body></html>')
    const server = await createLocalServer({ dataDir, staticDir })
    const base = await server.app.listen({ port: 0, host: '127.0.0.1' })
    const csp = (await fetch(`${base}/`)).headers.get('content-security-policy') ?? ''
    const hash = require('node:crypto').createHash('sha256').update('document.documentElement.style.fontSize="20px"').digest('base64')
    expect(csp).toContain(`'sha256-${hash}'`)
    await server.app.close()
    rmSync(dataDir, { recursive: true, force: true })
    // 30 s was not enough twice on 2026-12-03 in a full `npm run test:pg` on 2 cores, where this file
    // starts beside planImport; alone it takes 52 ms. Cause not found (see the issue-17 note).
  }, 120_000)

  test('a report outside the caller’s area answers exactly like one that does not exist', async () => {
    const r = await s.call('submit', { report: { clientId: clientId('ex'), indicatorCode: 'YL-133', orgUnitId: 'qk-s01-c01-g1', period: '2020-12', values: { canteens: 1 } } }, s.tokenFor('u-grid-3'))
    expect(r.body.ok).toBe(true)
    const worker = s.tokenFor(GRID_WORKER)
    const out = await s.call('history', { reportId: r.body.data.report.id }, worker)
    const none = await s.call('history', { reportId: 'YL-133~nowhere~2020-12' }, worker)
    expect(out.status).toBe(404)
    expect(out.body).toEqual(none.body)
    const street = s.tokenFor(STREET_REVIEWER)
    const reviewOut = await s.call('review', { reportId: r.body.data.report.id, version: 1, decision: 'approve' }, street)
    const reviewNone = await s.call('review', { reportId: 'YL-133~nowhere~2020-12', version: 1, decision: 'approve' }, street)
    expect(reviewOut.body).toEqual(reviewNone.body)
  })

  test(`banked one-time grants stop at ${MAX_BANKED_GRANTS}`, async () => {
    const token = s.tokenFor('u-grid-2')
    let last: any
    for (let i = 0; i < MAX_BANKED_GRANTS + 10; i++) last = await s.call('reminders.grant', { templateId: 'gebao-demo-pending', result: 'accept' }, token)
    expect(last.body.data.banked).toBe(MAX_BANKED_GRANTS)
  })

  test('bidi overrides and zero-width characters do not reach the table', async () => {
    const sneaky = '按时\u202E完成\u200B任务\u2066。\uFEFF'
    const saved = await s.call('export.narrative', { orgUnitId: 'qk', year: 2020, indicatorCode: 'YL-133', text: sneaky }, s.tokenFor(ADMIN))
    expect(saved.body.ok).toBe(true)
    const table = await s.call('export.table', { orgUnitId: 'qk', year: 2020 }, s.tokenFor(ADMIN))
    const text = JSON.stringify(table.body.data)
    expect(text).toContain('按时完成任务。')
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF]/)
  })
})

describe('fault 9: the server’s run-time packages are dependencies', () => {
  test('every package the server and the admin command import is in dependencies, not devDependencies', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'cloud/server/main.ts'), join(ROOT, 'cloud/admin/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      metafile: true,
      write: false,
      outdir: join(ROOT, '.unused'),
      logLevel: 'silent'
    })
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])
    const imported = new Set<string>()
    for (const out of Object.values(result.metafile!.outputs)) {
      for (const i of out.imports) {
        if (!i.external || builtins.has(i.path)) continue
        const parts = i.path.split('/')
        imported.add(i.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0])
      }
    }
    const pkg = require(join(ROOT, 'package.json'))
    expect(imported.size).toBeGreaterThan(5)
    expect([...imported].filter((p) => !pkg.dependencies[p]).sort()).toEqual([])
    // The server runs under tsx (npm start, npm run admin): that is run time too.
    expect(pkg.dependencies.tsx).toBeDefined()
  })
})
