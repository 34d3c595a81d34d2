// Bundles each cloud function (cloud/functions/<name>/index.ts) into
// <out>/<name>/index.js with its package.json and config.json beside it,
// ready for WeChat DevTools' "上传并部署：云端安装依赖". <out> is
// `cloudfunctions/` (project.config.json's cloudfunctionRoot) unless
// `--out <dir>` or CLOUD_OUT_DIR says otherwise (tests build into a temp dir).
//
// Choices:
// - platform node, format cjs: CloudBase loads `exports.main` with require();
// - target node16: the oldest Node runtime CloudBase still offers (16.13),
//   so the bundle runs whichever runtime the function is created with;
// - wx-server-sdk stays external: it exists only in the cloud runtime
//   (installed there from the function's package.json), never locally;
// - so do exceljs and docx (the 自查表 writers, ~3 MB bundled): the api
//   function's package.json lists them for the cloud to install, and the
//   export handler loads them only when a file is asked for; jszip too (the
//   plan.import reader opens docx with it, loaded only when a file comes);
// - not minified: stack traces in the cloud log stay readable, and the
//   bundle is small anyway;
// - a guard fails the build if the local server or the SQLite store (and
//   with them better-sqlite3 and fastify, which cannot run in the cloud)
//   leak into a bundle.
import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const functionsDir = join(root, 'cloud/functions')
const FORBIDDEN = /node_modules[\\/](better-sqlite3|fastify|@fastify)[\\/]|cloud[\\/](server|store[\\/]sqlite)[\\/]/

function outDir() {
  const i = process.argv.indexOf('--out')
  const dir = i >= 0 ? process.argv[i + 1] : process.env.CLOUD_OUT_DIR
  return resolve(root, dir || 'cloudfunctions')
}

export async function buildFunctions(out = outDir()) {
  const names = readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(functionsDir, d.name, 'index.ts')))
    .map((d) => d.name)
  for (const name of names) {
    const src = join(functionsDir, name)
    const dest = join(out, name)
    mkdirSync(dest, { recursive: true })
    const result = await build({
      entryPoints: [join(src, 'index.ts')],
      outfile: join(dest, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk', 'exceljs', 'docx', 'jszip'],
      tsconfig: join(root, 'tsconfig.json'),
      metafile: true,
      legalComments: 'none',
      logLevel: 'warning'
    })
    const leaked = Object.keys(result.metafile.inputs).filter((f) => FORBIDDEN.test(f))
    if (leaked.length) throw new Error(`cloud function ${name} bundles server-only code:\n  ${leaked.join('\n  ')}`)
    for (const file of ['package.json', 'config.json']) {
      if (existsSync(join(src, file))) copyFileSync(join(src, file), join(dest, file))
    }
    const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].bytes
    console.log(`cloud function ${name}: ${join(dest, 'index.js')} (${Math.round(bytes / 1024)} KB)`)
  }
  return names
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildFunctions().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
