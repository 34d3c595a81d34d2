/**
 * ============================ STAND-IN ============================
 * A logic-layer stand-in for the WeChat mini-program runtime, enough to boot
 * the compiled `dist/` of this app in Node: the globals `wx`, `App`, `Page`,
 * `Component`, `getApp`, `getCurrentPages` and `requirePlugin`; a page stack
 * with navigateTo / redirectTo / reLaunch / switchTab / navigateBack; page
 * lifecycles (onLoad → onShow → onReady, onHide, onUnload); and `setData`
 * applied by path ("root.cn.[0].v") to each page's data, which is what the
 * view layer would draw. Taps go through the page's `eh` event handler with
 * the node's `sid`, as a WXML `bindtap="eh"` would send them.
 * It is NOT WeChat: no view layer, no WXML evaluation, no layout.
 * ==================================================================
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FakeWx } from './fakeWx'
import { Modules } from './modules'
import { findNodes, textOf, type ViewNode, toViewTree } from './tree'

export interface PageInstance {
  route: string
  options: Record<string, string>
  data: Record<string, any>
  setData(patch: Record<string, unknown>, cb?: () => void): void
  [k: string]: any
}

type PageConfig = Record<string, any>

const g = globalThis as any

/** Splits "root.cn.[0].cn.[12].v" into ['root','cn',0,'cn',12,'v']. */
export function dataPath(path: string): (string | number)[] {
  const out: (string | number)[] = []
  for (const part of path.split('.')) {
    const m = /^\[(\d+)\]$/.exec(part)
    if (m) out.push(Number(m[1]))
    else {
      // "cn[0]" forms too
      const re = /([^[\]]+)|\[(\d+)\]/g
      let mm: RegExpExecArray | null
      while ((mm = re.exec(part))) out.push(mm[1] !== undefined ? mm[1] : Number(mm[2]))
    }
  }
  return out
}

export function applyPatch(target: Record<string, any>, patch: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(patch)) {
    const keys = dataPath(path)
    let obj: any = target
    for (let i = 0; i < keys.length - 1; i++) {
      const k = keys[i]
      if (obj[k] === undefined || obj[k] === null || typeof obj[k] !== 'object') obj[k] = typeof keys[i + 1] === 'number' ? [] : {}
      obj = obj[k]
    }
    obj[keys[keys.length - 1]] = value === undefined ? undefined : JSON.parse(JSON.stringify(value))
  }
}

export interface BootOptions {
  dist: string
  wx?: FakeWx
  /** requirePlugin answers by plugin name (e.g. the WechatSI fake). */
  plugins?: Record<string, unknown>
}

export class MiniProgram {
  readonly wx: FakeWx
  readonly dist: string
  readonly appJson: {
    pages: string[]
    subPackages?: { root: string; pages: string[] }[]
    preloadRule?: Record<string, { network?: 'all' | 'wifi'; packages: string[] }>
    tabBar?: { list: { pagePath: string }[] }
  }
  /** WeChat's require: relative paths, packages as download units, require.async. */
  private readonly modules: Modules
  private appConfig: Record<string, any> | null = null
  private readonly configs = new Map<string, PageConfig>()
  private loading: string | null = null
  readonly stack: PageInstance[] = []
  /** Tab pages stay alive once opened. */
  private readonly tabs = new Map<string, PageInstance>()
  readonly errors: unknown[] = []
  /** Template numbers (`nn`) whose WXML binds an event to `eh`, per event (from base.wxml). */
  readonly binds: Map<string, Set<string>>
  readonly setDataCount = { n: 0 }

  constructor(private readonly opts: BootOptions) {
    this.dist = opts.dist
    this.wx = opts.wx ?? new FakeWx()
    this.appJson = JSON.parse(readFileSync(join(this.dist, 'app.json'), 'utf8'))
    this.binds = templateBindings(readFileSync(join(this.dist, 'base.wxml'), 'utf8'))
    const wx = this.wx
    this.modules = new Modules(this.dist, (this.appJson.subPackages ?? []).map((p) => p.root), {
      get online() {
        return wx.online
      },
      downloaded: wx.downloaded,
      record: (api, args) => wx.calls.push({ api, args })
    })
    this.wx.navigator = {
      navigateTo: (url) => this.navigateTo(url),
      redirectTo: (url) => this.redirectTo(url),
      reLaunch: (url) => this.reLaunch(url),
      switchTab: (url) => this.switchTab(url),
      navigateBack: (delta) => this.navigateBack(delta)
    }
  }

  /** Installs the globals and runs app.js, as WeChat does before the first page. */
  boot(): void {
    g.wx = this.wx.wx
    g.App = (config: Record<string, any>) => {
      this.appConfig = config
    }
    g.getApp = () => this.appConfig
    g.getCurrentPages = () => [...this.stack]
    g.Page = (config: PageConfig) => {
      if (!this.loading) throw new Error('Page() called outside a page module')
      this.configs.set(this.loading, config)
    }
    g.Component = (config: PageConfig) => {
      // Taro's recursive `comp` and custom wrappers: their events reach the
      // same document, so the page's handler serves them here.
      void config
    }
    g.Behavior = (b: unknown) => b
    g.requirePlugin = (name: string) => {
      this.wx.calls.push({ api: 'requirePlugin', args: name })
      const p = this.opts.plugins?.[name]
      if (!p) throw new Error(`requirePlugin: plugin ${name} is not declared in app.json`)
      return p
    }
    g.__wxConfig = { envVersion: 'develop' }
    this.modules.load(join(this.dist, 'app.js'))
    if (!this.appConfig) throw new Error('app.js did not call App()')
    this.appConfig.onLaunch?.call(this.appConfig, { path: this.appJson.pages[0], query: {}, scene: 1001 })
    this.appConfig.onShow?.call(this.appConfig, { path: this.appJson.pages[0], query: {}, scene: 1001 })
  }

  isTab(route: string): boolean {
    return !!this.appJson.tabBar?.list.some((t) => t.pagePath === route)
  }

  allRoutes(): string[] {
    return [...this.appJson.pages, ...(this.appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
  }

  private config(route: string): PageConfig {
    let c = this.configs.get(route)
    if (c) return c
    const file = join(this.dist, `${route}.js`)
    if (!existsSync(file)) throw { errMsg: `navigateTo:fail page "${route}" is not found` }
    const root = this.modules.packageOf(file)
    if (root && !this.modules.download(root)) throw { errMsg: `navigateTo:fail loadSubpackage: ${root} failed (offline)` }
    this.loading = route
    try {
      this.modules.load(file)
    } finally {
      this.loading = null
    }
    c = this.configs.get(route)
    if (!c) throw new Error(`${route}.js did not call Page()`)
    return c
  }

  private parse(url: string): { route: string; query: Record<string, string> } {
    const [path, qs = ''] = url.replace(/^\//, '').split('?')
    const query = Object.fromEntries(new URLSearchParams(qs))
    return { route: path, query }
  }

  private instantiate(route: string, query: Record<string, string>): PageInstance {
    const config = this.config(route)
    const inst: PageInstance = Object.create(null)
    for (const [k, v] of Object.entries(config)) if (k !== 'data') inst[k] = v
    inst.data = JSON.parse(JSON.stringify(config.data ?? {}))
    inst.route = route
    inst.__route__ = route
    inst.options = query
    inst.setData = (patch: Record<string, unknown>, cb?: () => void) => {
      this.setDataCount.n += 1
      applyPatch(inst.data, patch)
      if (cb) setTimeout(cb, 0)
    }
    inst.selectComponent = () => null
    inst.selectAllComponents = () => []
    inst.createSelectorQuery = () => this.wx.wx.createSelectorQuery()
    inst.getTabBar = () => null
    inst.getOpenerEventChannel = () => ({ emit() {}, on() {}, once() {}, off() {} })
    return inst
  }

  private call(inst: PageInstance, hook: string, arg?: unknown): void {
    const fn = inst[hook]
    if (typeof fn === 'function') {
      try {
        fn.call(inst, arg)
      } catch (e) {
        this.errors.push(e)
        throw e
      }
    }
  }

  private open(route: string, query: Record<string, string>): PageInstance {
    const inst = this.instantiate(route, query)
    this.stack.push(inst)
    // preloadRule: WeChat downloads the listed subpackages once the page opens.
    const rule = this.appJson.preloadRule?.[route]
    // (The stand-in's network is wifi when online, so 'wifi' and 'all' rules act alike.)
    if (rule) for (const root of rule.packages) setTimeout(() => this.modules.download(root), 0)
    this.call(inst, 'onLoad', query)
    this.call(inst, 'onShow')
    this.call(inst, 'onReady')
    return inst
  }

  get current(): PageInstance {
    const p = this.stack[this.stack.length - 1]
    if (!p) throw new Error('no page open')
    return p
  }

  async launch(url = this.appJson.pages[0]): Promise<PageInstance> {
    const { route, query } = this.parse(url)
    const p = this.open(route, query)
    if (this.isTab(route)) this.tabs.set(route, p)
    await this.settle()
    return p
  }

  async navigateTo(url: string): Promise<void> {
    const { route, query } = this.parse(url)
    if (this.isTab(route)) throw { errMsg: 'navigateTo:fail can not navigateTo a tabbar page' }
    if (this.stack.length >= 10) throw { errMsg: 'navigateTo:fail webview count limit exceed' }
    this.call(this.current, 'onHide')
    this.open(route, query)
  }

  async redirectTo(url: string): Promise<void> {
    const { route, query } = this.parse(url)
    if (this.isTab(route)) throw { errMsg: 'redirectTo:fail can not redirectTo a tabbar page' }
    this.unload(this.stack.pop()!)
    this.open(route, query)
  }

  private unload(p: PageInstance): void {
    this.call(p, 'onUnload')
    for (const [k, v] of this.tabs) if (v === p) this.tabs.delete(k)
  }

  async reLaunch(url: string): Promise<void> {
    const { route, query } = this.parse(url)
    while (this.stack.length) this.unload(this.stack.pop()!)
    for (const t of [...this.tabs.values()]) this.unload(t)
    this.tabs.clear()
    const p = this.open(route, query)
    if (this.isTab(route)) this.tabs.set(route, p)
  }

  async switchTab(url: string): Promise<void> {
    const { route } = this.parse(url)
    if (!this.isTab(route)) throw { errMsg: 'switchTab:fail can not switch to no-tabBar page' }
    // Pages above the tab close; other tab pages hide but stay alive.
    while (this.stack.length && !this.isTab(this.current.route)) this.unload(this.stack.pop()!)
    const top = this.stack.pop()
    if (top) this.call(top, 'onHide')
    const existing = this.tabs.get(route)
    if (existing) {
      this.stack.push(existing)
      this.call(existing, 'onShow')
    } else {
      const p = this.open(route, {})
      this.tabs.set(route, p)
    }
  }

  async navigateBack(delta = 1): Promise<void> {
    for (let i = 0; i < delta && this.stack.length > 1; i++) this.unload(this.stack.pop()!)
    this.call(this.current, 'onShow')
  }

  /** Waits until React, timers and fake async APIs have gone quiet. */
  async settle(quietMs = 30, maxMs = 5000): Promise<void> {
    const start = performance.now()
    let last = -1
    let quietSince = performance.now()
    while (performance.now() - start < maxMs) {
      await new Promise((r) => setTimeout(r, 5))
      const n = this.setDataCount.n + this.wx.calls.length
      if (n !== last) {
        last = n
        quietSince = performance.now()
      } else if (performance.now() - quietSince >= quietMs) return
    }
  }

  /** The current page as the view layer would see it. */
  view(page: PageInstance = this.current): ViewNode {
    return toViewTree(page.data.root ?? { cn: [] })
  }

  text(page: PageInstance = this.current): string {
    return textOf(this.view(page))
  }

  /** Waits (settling) until `pred` holds, or fails with what the page shows. */
  async waitFor(pred: () => boolean, what: string, maxMs = 8000): Promise<void> {
    const start = performance.now()
    while (!pred()) {
      if (performance.now() - start > maxMs) throw new Error(`timed out waiting for ${what}; page ${this.stack.length ? this.current.route : '-'} shows:\n${this.stack.length ? this.text() : ''}`)
      await new Promise((r) => setTimeout(r, 10))
    }
    await this.settle()
  }

  async waitForText(text: string | RegExp, maxMs?: number): Promise<void> {
    const has = () => (typeof text === 'string' ? this.text().includes(text) : text.test(this.text()))
    await this.waitFor(has, `text ${String(text)}`, maxMs)
  }

  /** The innermost node whose own text (with its descendants') matches. */
  find(text: string | RegExp, opts: { cls?: string } = {}): ViewNode {
    const nodes = findNodes(this.view(), text, opts)
    if (!nodes.length) throw new Error(`nothing shows ${String(text)}${opts.cls ? ` with class ${opts.cls}` : ''}; page ${this.current.route} shows:\n${this.text()}`)
    return nodes[0]
  }

  /**
   * Sends an event as the view layer would: to the page's `eh`, once for the
   * node and, for bubbling events (tap), once for each ancestor whose
   * template binds that event, with `currentTarget` moving up and `target`
   * staying. Returns how many bound nodes received it.
   */
  dispatch(node: ViewNode, type: string, detail: Record<string, unknown> = {}): number {
    const page = this.current
    if (typeof page.eh !== 'function') throw new Error(`${page.route} has no event handler`)
    const ref = (n: ViewNode) => ({ id: n.uid ?? n.sid, dataset: { sid: n.sid } })
    const target = ref(node)
    const timeStamp = Date.now()
    const chain: ViewNode[] = []
    for (let n: ViewNode | null = node; n; n = type === 'tap' ? n.parent : null) {
      if (n.sid && this.binds.get(type)?.has(n.nn)) chain.push(n)
    }
    const run = () => {
      for (const n of chain) page.eh.call(page, { type, timeStamp, target, currentTarget: ref(n), detail, touches: [], changedTouches: [], mark: {} })
    }
    if (type === 'tap') this.wx.duringTap(run)
    else run()
    return chain.length
  }

  /** Taps the node showing `text` (the tap bubbles to its handler) and settles. */
  async tap(text: string | RegExp | ViewNode, opts: { cls?: string } = {}): Promise<void> {
    const node = typeof text === 'object' && !(text instanceof RegExp) ? text : this.find(text, opts)
    if (this.dispatch(node, 'tap') === 0) throw new Error(`nothing under ${String(text)} listens to taps on ${this.current.route}`)
    await this.settle()
  }

  /** Types into an input: the `input` event, as the keyboard sends it. */
  async type(node: ViewNode, value: string): Promise<void> {
    if (this.dispatch(node, 'input', { value, cursor: value.length, keyCode: 0 }) === 0) throw new Error(`node ${node.sid} takes no input`)
    await this.settle()
  }

  /** Taro-level access to the app's wx (for tests that script it). */
  get script() {
    return this.wx.script
  }
}

/** From base.wxml: for each event, the template numbers whose element binds it to `eh`. */
export function templateBindings(baseWxml: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  // tmpl_0_<nn>, or tmpl_0_<nn>_focus / _blur for inputs (chosen by a wxs helper).
  const re = /<template name="tmpl_0_([0-9]+)(?:_[a-z]+)?">\s*<[a-z-]+([^>]*)>/g
  let m: RegExpExecArray | null
  while ((m = re.exec(baseWxml))) {
    const [, nn, attrs] = m
    for (const b of attrs.matchAll(/bind([a-z]+)="eh"/g)) {
      if (!out.has(b[1])) out.set(b[1], new Set())
      out.get(b[1])!.add(nn)
    }
  }
  return out
}
