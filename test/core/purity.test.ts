import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

// src/core is shared by the mini-program and the cloud: it must not pull in
// Taro, the WeChat server SDK, Node's I/O or the network.
const CORE = join(__dirname, '../../src/core')
const ALLOWED = [/^\.{1,2}\//, /^zod\/mini$/, /^dayjs$/]

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(name) ? [p] : []
  })
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specs = [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1])
  return specs
}

test('src/core imports only itself, zod/mini and dayjs', () => {
  const offending = sources(CORE).flatMap((f) =>
    importsOf(f)
      .filter((spec) => !ALLOWED.some((re) => re.test(spec)))
      .map((spec) => `${relative(CORE, f)} imports ${spec}`)
  )
  expect(offending).toEqual([])
})

test('src/core touches no platform globals', () => {
  const banned = /\b(wx|Taro|fetch|XMLHttpRequest|localStorage|process)\s*[.(]/
  const offending = sources(CORE).filter((f) => banned.test(readFileSync(f, 'utf8')))
  expect(offending.map((f) => relative(CORE, f))).toEqual([])
})

test('the scan finds the files it guards', () => {
  expect(sources(CORE).length).toBeGreaterThan(8)
})

// The mini-program ships no zod (30 KB of a 450 KB main package): client
// code reaches only the logic half of the core, never src/core/schema.
test('client code never imports the zod schemas', () => {
  const CLIENT = [join(__dirname, '../../src/services'), join(__dirname, '../../src/pages'), join(__dirname, '../../src/components'), join(__dirname, '../../src/hooks'), join(CORE, 'chat')]
  const offending = CLIENT.flatMap((dir) => sources(dir)).filter((f) => /from '[^']*(core\/schema|\/schema\/|zod)[^']*'/.test(readFileSync(f, 'utf8')))
  expect(offending.map((f) => relative(CORE, f))).toEqual([])
})
