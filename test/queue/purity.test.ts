import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

// The queue reaches storage only through KeyValueStorage and the platform
// only through injected hooks, so it runs unchanged in node tests, H5 and
// the mini-program. Only taroStorage.ts touches Taro's storage.
const QUEUE = join(__dirname, '../../src/services/queue')

test('src/services/queue imports no Taro and touches no platform globals', () => {
  const files = readdirSync(QUEUE).filter((f) => f.endsWith('.ts'))
  expect(files.length).toBeGreaterThanOrEqual(8)
  for (const f of files) {
    // Comments may name the Taro calls the app passes in; code may not make them.
    const text = readFileSync(join(QUEUE, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
    expect([f, /@tarojs|\bwx\.|\bTaro\.|localStorage|\bfetch\(/.test(text)]).toEqual([f, false])
  }
})
