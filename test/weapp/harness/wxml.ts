/**
 * WeChat's own template and style compilers, wcc and wcsc, as shipped for
 * Linux in the `miniprogram-compiler` npm package (WeChat DevTools uses the
 * same binaries). `compileWxml` compiles every .wxml of dist/ with its .wxs
 * in one run, as DevTools does, and returns `$gwx`: given a page's .wxml it
 * gives the render function that turns the page's data into the virtual tree
 * the view layer draws (`{ tag: 'wx-view', attr, children }`).
 */
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { wxmlToJs, wxssToJs } = require('miniprogram-compiler') as {
  wxmlToJs(root: string, files: string[], wxs: string[], o?: { maxBuffer?: number }): string
  wxssToJs(root: string, files: string[], o?: { maxBuffer?: number }): Record<string, string> | Error
}

export function filesOf(dist: string, ext: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith(ext) ? [relative(dist, join(d, e.name)).replace(/\\/g, '/')] : []))
  return walk(dist).sort()
}

export interface VNode {
  tag: string
  attr?: Record<string, unknown>
  children?: (VNode | string)[]
}

export type Gwx = (path: string) => ((data: unknown, env?: unknown, scope?: unknown) => VNode) | undefined

/** Compiles every WXML file (and the WXS they use); throws wcc's message on any error. */
export function compileWxml(dist: string): { source: string; gwx: Gwx } {
  const pages = filesOf(dist, '.wxml').map((f) => f.replace(/\.wxml$/, ''))
  const source = wxmlToJs(dist, pages, filesOf(dist, '.wxs'), { maxBuffer: 64 * 1024 * 1024 })
  // The compiled code expects the view layer's globals.
  const g = globalThis as any
  g.window ??= g
  g.__wxAppCode__ ??= {}
  g.__vd_version_info__ ??= {}
  const gwx = new Function('global', source)({}) as Gwx
  return { source, gwx }
}

/** Compiles every WXSS file; throws wcsc's message on any error. */
export function compileWxss(dist: string): Record<string, string> {
  const files = filesOf(dist, '.wxss').map((f) => f.replace(/\.wxss$/, ''))
  const out = wxssToJs(dist, files, { maxBuffer: 64 * 1024 * 1024 })
  if (out instanceof Error) throw out
  return out
}

export function vnodeText(n: VNode | string): string {
  if (typeof n === 'string') return n
  return (n.children ?? []).map(vnodeText).join('')
}

export function vnodes(n: VNode | string, out: VNode[] = []): VNode[] {
  if (typeof n === 'string') return out
  out.push(n)
  for (const c of n.children ?? []) vnodes(c, out)
  return out
}
