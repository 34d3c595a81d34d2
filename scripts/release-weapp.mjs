// The release build of the mini-program: `npm run release:weapp`.
// A weapp built without a CloudBase environment calls wx.cloud.init with no
// env, which fails on the phone (the current docs make env required), so
// this refuses to build unless TARO_APP_CLOUD_ENV names one. `--dry-run`
// only checks (tests use it); otherwise it runs the production weapp build.
import { spawnSync } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
// CloudBase environment ids: letters, digits and hyphens, e.g. "gebao-prod-8g3k2x1a0b".
const ENV_ID = /^[a-z][a-z0-9-]{3,39}$/i

export function releaseProblem(env) {
  const id = (env.TARO_APP_CLOUD_ENV ?? '').trim()
  if (!id) return 'TARO_APP_CLOUD_ENV is not set: give the CloudBase environment id (云开发控制台 → 设置 → 环境 ID), e.g. TARO_APP_CLOUD_ENV=gebao-prod-8g3k2x1a0b npm run release:weapp'
  if (!ENV_ID.test(id)) return `TARO_APP_CLOUD_ENV=${JSON.stringify(id)} does not look like a CloudBase environment id (letters, digits, hyphens)`
  return null
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problem = releaseProblem(process.env)
  if (problem) {
    console.error(`release:weapp refused: ${problem}`)
    process.exit(1)
  }
  console.log(`release:weapp: CloudBase environment ${process.env.TARO_APP_CLOUD_ENV.trim()}`)
  if (process.argv.includes('--dry-run')) process.exit(0)
  const taro = resolve(root, 'node_modules/.bin/taro')
  const r = spawnSync(taro, ['build', '--type', 'weapp'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  process.exit(r.status ?? 1)
}
