// The release build of the mini-program: `npm run release:weapp`.
// A weapp built without a CloudBase environment calls wx.cloud.init with no
// env, which fails on the phone (the current docs make env required), so
// this refuses to build unless TARO_APP_CLOUD_ENV names one. The invite QR
// codes the weapp prints point at TARO_APP_LOGIN_BASE (the install's H5
// address, which the console's 扫普通链接二维码打开小程序 rule maps to the
// login page); without it they would open nothing, so it is required too.
// `--dry-run`
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
  return loginBaseProblem((env.TARO_APP_LOGIN_BASE ?? '').trim())
}

// WeChat matches a scanned link against the rule by protocol, host and path
// prefix, and only a rule ending in "/" covers the paths below it; the QR
// link is `<base>#/packages/login/index?code=…`, so the base is an https
// address ending in "/", without a query or fragment of its own.
function loginBaseProblem(base) {
  const how = 'give the https address of the H5 app that the 扫普通链接二维码打开小程序 rule covers, e.g. TARO_APP_LOGIN_BASE=https://gebao.example.gov.cn/ (README: WeChat console setup)'
  if (!base) return `TARO_APP_LOGIN_BASE is not set: ${how}`
  let url
  try {
    url = new URL(base)
  } catch {
    url = null
  }
  if (!url || url.protocol !== 'https:' || url.search || url.hash || base.includes('#') || !base.endsWith('/'))
    return `TARO_APP_LOGIN_BASE=${JSON.stringify(base)} is not an https address ending in "/" without ? or #: ${how}`
  return null
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problem = releaseProblem(process.env)
  if (problem) {
    console.error(`release:weapp refused: ${problem}`)
    process.exit(1)
  }
  console.log(`release:weapp: CloudBase environment ${process.env.TARO_APP_CLOUD_ENV.trim()}, invite QR codes at ${process.env.TARO_APP_LOGIN_BASE.trim()}`)
  if (process.argv.includes('--dry-run')) process.exit(0)
  const taro = resolve(root, 'node_modules/.bin/taro')
  const r = spawnSync(taro, ['build', '--type', 'weapp'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  process.exit(r.status ?? 1)
}
