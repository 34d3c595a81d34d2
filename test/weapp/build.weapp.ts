import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DIST } from './helpers'
import { compileWxml, compileWxss, filesOf, vnodeText } from './harness/wxml'

// acorn parses at an exact ECMAScript level: anything newer is a SyntaxError.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const acorn = require('acorn') as { parse(src: string, o: { ecmaVersion: number; sourceType: 'script' }): unknown }

/**
 * The built package as WeChat receives it. project.config.json has es6:
 * false (WeChat does not transpile), and iOS before 14 runs the logic layer
 * on a JavaScriptCore without `?.`, `??` or `??=`: one such token anywhere
 * and the app never starts. So every dist/*.js must parse as ES2019.
 */
describe('dist/ as WeChat receives it', () => {
  const scripts = filesOf(DIST, '.js')

  test('every dist/*.js parses as ES2019', () => {
    expect(scripts.length).toBeGreaterThan(10)
    const failures: string[] = []
    for (const file of scripts) {
      const src = readFileSync(join(DIST, file), 'utf8')
      try {
        acorn.parse(src, { ecmaVersion: 2019, sourceType: 'script' })
      } catch (e) {
        const pos = (e as { pos?: number }).pos ?? 0
        failures.push(`${file}: ${(e as Error).message} near ${JSON.stringify(src.slice(Math.max(0, pos - 40), pos + 20))}`)
      }
    }
    expect(failures).toEqual([])
  })

  test('the ES2019 check bites: ES2020 syntax is refused', () => {
    expect(() => acorn.parse('a?.b ?? c', { ecmaVersion: 2019, sourceType: 'script' })).toThrow(SyntaxError)
  })

  test('app.json: lazyCodeLoading, the sitemap, the privacy check', () => {
    const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'))
    expect(app.lazyCodeLoading).toBe('requiredComponents')
    expect(app.sitemapLocation).toBe('sitemap.json')
    expect(app.__usePrivacyCheck__).toBe(true)
    const sitemap = JSON.parse(readFileSync(join(DIST, 'sitemap.json'), 'utf8'))
    // One rule, keeping every page out of WeChat search.
    expect(sitemap.rules).toEqual([{ action: 'disallow', page: '*' }])
  })

  test('WeChat’s wcc compiles every WXML file, and the compiled template renders page data', () => {
    const wxml = filesOf(DIST, '.wxml')
    expect(wxml).toEqual(expect.arrayContaining(['base.wxml', 'comp.wxml', 'pages/chat/index.wxml', 'packages/review/export.wxml', 'packages/login/index.wxml']))
    const { gwx } = compileWxml(DIST)
    for (const file of wxml) expect(typeof gwx(file)).toBe('function')
    // Taro's data for <View class="x">hello</View> through the real template.
    const tree = gwx('pages/me/index.wxml')!({ root: { cn: [{ nn: '3', sid: '_A', cl: 'x', cn: [{ nn: '9', sid: '_B', v: '你好' }] }] } }, {}, {})
    expect(JSON.stringify(tree)).toContain('"tag":"wx-view"')
    expect(vnodeText(tree)).toBe('你好')
  })

  test('WeChat’s wcsc compiles every WXSS file', () => {
    const wxss = filesOf(DIST, '.wxss')
    expect(wxss.length).toBeGreaterThan(8)
    const out = compileWxss(DIST)
    expect(Object.keys(out).length).toBeGreaterThan(0)
  })
})
