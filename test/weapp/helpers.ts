import { join } from 'node:path'
import { CloudStandIn } from './harness/cloud'
import { FakeWx, type FakeWxOptions } from './harness/fakeWx'
import { MiniProgram } from './harness/runtime'
import { findNodes, walk, type ViewNode } from './harness/tree'

export const ROOT = join(__dirname, '../..')
export const DIST = join(ROOT, 'dist')
export const FUNCTIONS = join(ROOT, 'cloudfunctions')

/** The CloudBase environment the weapp was built for by `npm run test:weapp`. */
export const TEST_ENV = process.env.TARO_APP_CLOUD_ENV ?? ''

/** One cloud (database, storage, the built api function) shared by the phones of a test. */
export async function startCloud(): Promise<CloudStandIn> {
  const cloud = new CloudStandIn(FUNCTIONS)
  await cloud.start()
  return cloud
}

/** Binds `openid` to a seed person, as a redeemed invite does. */
export async function bindPerson(cloud: CloudStandIn, personId: string, openid: string): Promise<void> {
  const code = `T${Math.random().toString(36).slice(2, 9).toUpperCase()}`
  const now = new Date().toISOString()
  await cloud.store.createInvite({ code, personId, createdBy: 'u-admin', createdAt: now, expiresAt: new Date(Date.now() + 86400_000).toISOString(), usedAt: null })
  const r = await cloud.store.redeemInvite(code, openid, now)
  if (r.kind !== 'ok') throw new Error(`bind ${personId}: ${r.kind}`)
}

export interface PhoneOptions extends FakeWxOptions {
  openid: string
  wx?: FakeWx
  plugins?: Record<string, unknown>
}

/**
 * A phone: a fresh module registry (as a cold start of the mini-program),
 * the wx stand-in reaching `cloud` as `openid`, app.js run, first page open.
 */
export async function startPhone(cloud: CloudStandIn, opts: PhoneOptions, url?: string): Promise<MiniProgram> {
  jest.resetModules()
  const wx = opts.wx ?? new FakeWx(opts)
  wx.cloudBackend = cloud.backend(opts.openid)
  const mp = new MiniProgram({ dist: DIST, wx, plugins: opts.plugins })
  mp.boot()
  await mp.launch(url)
  await mp.settle(100)
  return mp
}

/** The input element (Taro's `input` template) labelled `label` (aria-label or placeholder). */
export function inputNode(mp: MiniProgram, label: string): ViewNode {
  let found: ViewNode | null = null
  walk(mp.view(), (n) => {
    if (found) return
    const p = n.props
    if (p.ariaLabel === label || Object.values(p).includes(label)) {
      if ('p13' in p || 'ariaLabel' in p) found = n
    }
  })
  if (!found) throw new Error(`no input labelled ${label} on ${mp.current.route}:\n${mp.text()}`)
  return found
}

export function hasText(mp: MiniProgram, text: string | RegExp): boolean {
  return findNodes(mp.view(), text).length > 0
}

/** Every request- and choose- call was made inside a tap, as WeChat demands. */
export function expectAllInTap(mp: MiniProgram): void {
  const outside = mp.wx.taps.filter((t) => !t.inTap).map((t) => t.api)
  expect(outside).toEqual([])
}

/** Freezes the date (server and phone share this process) without faking timers. */
export function freezeDate(iso: string): void {
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'hrtime', 'performance', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback']
  })
}

/** Types into the chat's field and taps 发送. */
export async function send(mp: MiniProgram, text: string): Promise<void> {
  await mp.type(inputNode(mp, '输入回答'), text)
  await mp.tap(mp.find('发送', { cls: 'input-bar__button' }))
}

/** Taps the chat's quick-reply chip showing `label`. */
export async function chip(mp: MiniProgram, label: string | RegExp): Promise<void> {
  await mp.tap(mp.find(label, { cls: 'quick-replies__chip' }))
}
