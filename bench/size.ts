import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { kb } from './lib/stats'
import type { Bench, BenchContext } from './lib/types'

// The CI budget (.ci/run) and the goal of issue 16: within 1.5× the bare template, same run.
const BUDGET_KB = 400
const BARE_RATIO_GOAL = 1.5

interface Sizes {
  mainBytes: number
  totalBytes: number
}

/** scripts/size.mjs, the same measure `npm run size` uses. */
async function weappSizes(dist: string): Promise<Sizes> {
  const script = pathToFileURL(join(__dirname, '../scripts/size.mjs')).href
  const mod = (await import(script)) as { weappSizes(d: string): Sizes }
  return mod.weappSizes(dist)
}

const taro = (root: string) => join(root, 'node_modules/.bin/taro')

function build(cwd: string, root: string, log: (m: string) => void, what: string): number {
  const t = performance.now()
  execFileSync(taro(root), ['build', '--type', 'weapp'], { cwd, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production', TARO_APP_CLOUD_ENV: process.env.TARO_APP_CLOUD_ENV || 'gebao-bench-test' } })
  const s = (performance.now() - t) / 1000
  log(`${what}: built in ${s.toFixed(1)} s`)
  return s
}

/**
 * The bare Taro 4 React template as `taro init` makes it (the CLI's own
 * template, offline), built with this repo's node_modules. One change: the
 * template lists @tarojs/plugin-generator (a scaffolding CLI plugin that
 * does not touch the output), which is not installed here, so it is removed.
 */
function bareTemplate(ctx: BenchContext): string {
  const dir = join(ctx.tmp, 'init')
  mkdirSync(dir)
  execFileSync(
    taro(ctx.root),
    ['init', 'bare', '--description', 'bare', '--typescript', '--no-build-es5', '--framework', 'React', '--compiler', 'Webpack5', '--css', 'Sass', '--template', 'default', '--npm', 'Npm', '--no-autoInstall'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_COMMITTER_NAME: 'bench', EMAIL: 'bench@localhost' } }
  )
  const app = join(dir, 'bare')
  const config = join(app, 'config/index.ts')
  writeFileSync(config, readFileSync(config, 'utf8').replace(/["']@tarojs\/plugin-generator["'],?/, ''))
  symlinkSync(join(ctx.root, 'node_modules'), join(app, 'node_modules'))
  return app
}

/** This repo's build config (plugins, baseLevel, NutUI import rules) with bench/bare's one empty page (and the sitemap.json config/ copies). */
function ourConfigEmptyPage(ctx: BenchContext): string {
  const app = join(ctx.tmp, 'ours-empty')
  mkdirSync(app)
  for (const f of ['config', 'babel.config.js', 'tsconfig.json', 'package.json', 'project.config.json', 'types']) {
    if (existsSync(join(ctx.root, f))) cpSync(join(ctx.root, f), join(app, f), { recursive: true })
  }
  cpSync(join(ctx.root, 'bench/bare/src'), join(app, 'src'), { recursive: true })
  symlinkSync(join(ctx.root, 'node_modules'), join(app, 'node_modules'))
  return app
}

export const sizeBench: Bench = {
  id: 'size',
  title: 'weapp package size',
  async run(ctx) {
    const dist = join(ctx.root, 'dist')
    let built = false
    if (ctx.rebuild || !existsSync(join(dist, 'app.json'))) {
      build(ctx.root, ctx.root, ctx.log, 'the app')
      built = true
    }
    const ours = await weappSizes(dist)
    const distAge = statSync(join(dist, 'app.json')).mtime.toISOString()

    const bareDir = bareTemplate(ctx)
    build(bareDir, ctx.root, ctx.log, 'bare taro init template')
    const bare = await weappSizes(join(bareDir, 'dist'))

    const emptyDir = ourConfigEmptyPage(ctx)
    build(emptyDir, ctx.root, ctx.log, 'our config, one empty page')
    const empty = await weappSizes(join(emptyDir, 'dist'))

    const ratio = (s: Sizes) => s.mainBytes / bare.mainBytes
    const row = (name: string, s: Sizes) => [name, kb(s.mainBytes), kb(s.totalBytes), `${kb(s.mainBytes - bare.mainBytes)}`, `${ratio(s).toFixed(2)}×`]
    ctx.log(`main ${kb(ours.mainBytes)} KB; bare template ${kb(bare.mainBytes)} KB (${ratio(ours).toFixed(3)}×, goal ${BARE_RATIO_GOAL}× = ${kb(bare.mainBytes * BARE_RATIO_GOAL)} KB)`)
    return {
      table: [
        ['build', 'main package (KB)', 'total (KB)', 'main over bare template (KB)', 'main ÷ bare template'],
        row('格报 (dist/)', ours),
        row('bare `taro init` React template', bare),
        row('this repo’s config, one empty page', empty)
      ],
      notes: [
        `Sizes are bytes on disk of the weapp production build (scripts/size.mjs: main = everything outside the subpackage roots; KB = 1024 bytes). ${built ? 'dist/ was built by this run.' : `dist/ was used as found (built ${distAge}); \`--rebuild\` rebuilds it.`}`,
        'Both baselines are rebuilt in every run (≈ 10 s each) with this repo’s node_modules: the bare template is scaffolded by `taro init bare --typescript --framework React --compiler Webpack5 --css Sass --template default --no-autoInstall` from the Taro CLI’s bundled template (offline), with @tarojs/plugin-generator (a scaffolding plugin, not installed here, no effect on output) removed from its config; the empty page is bench/bare/src built with config/, babel.config.js and tsconfig.json of this repo (@tarojs/plugin-html, baseLevel 8, the NutUI import rule).',
        `Goal (issue 16): main package ≤ ${BARE_RATIO_GOAL}× the bare template of the same run, here ${kb(bare.mainBytes * BARE_RATIO_GOAL)} KB; ours is ${ratio(ours).toFixed(3)}×, ${ours.mainBytes > bare.mainBytes * BARE_RATIO_GOAL ? `${kb(ours.mainBytes - bare.mainBytes * BARE_RATIO_GOAL)} KB over` : `${kb(bare.mainBytes * BARE_RATIO_GOAL - ours.mainBytes)} KB under`}. WeChat’s own limit is 2 MB per package.`
      ],
      figures: { mainKB: +kb(ours.mainBytes), totalKB: +kb(ours.totalBytes), bareMainKB: +kb(bare.mainBytes), emptyOursMainKB: +kb(empty.mainBytes), budgetKB: BUDGET_KB, mainOverBare: +ratio(ours).toFixed(3), goalKB: +kb(bare.mainBytes * BARE_RATIO_GOAL) }
    }
  }
}
