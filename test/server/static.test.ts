import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { createLocalServer } from '../../cloud/server/app'

/** The H5 build is served gzipped to clients that accept it (one ~780 KB bundle). */
let dir: string
let base: string
let close: () => Promise<void>
const BUNDLE = `console.log(${JSON.stringify('格报'.repeat(20000))})`

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gebao-static-'))
  mkdirSync(join(dir, 'h5/js'), { recursive: true })
  writeFileSync(join(dir, 'h5/index.html'), '<!doctype html><title>格报</title>')
  writeFileSync(join(dir, 'h5/js/app.js'), BUNDLE)
  writeFileSync(join(dir, 'h5/js/app.e18c8fe4.js'), BUNDLE)
  writeFileSync(join(dir, 'h5/sw.js'), 'self.skipWaiting()')
  const server = await createLocalServer({ dataDir: join(dir, 'data'), staticDir: join(dir, 'h5') })
  base = await server.app.listen({ port: 0, host: '127.0.0.1' })
  close = () => server.app.close()
})
afterAll(async () => {
  await close()
  rmSync(dir, { recursive: true, force: true })
})

function get(path: string, encoding?: string): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

test('the bundle goes out gzipped when the browser accepts it, and unchanged otherwise', async () => {
  const zipped = await get('/js/app.js', 'gzip')
  expect(zipped.headers['content-encoding']).toBe('gzip')
  expect(zipped.body.length).toBeLessThan(Buffer.byteLength(BUNDLE) / 10)
  expect(gunzipSync(zipped.body).toString()).toBe(BUNDLE)
  const plain = await get('/js/app.js')
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.body.toString()).toBe(BUNDLE)
})

test('the app page is served at the root', async () => {
  expect((await get('/')).body.toString()).toContain('<title>格报</title>')
})

test('hashed build files are immutable for a year; index.html, sw.js and unhashed files are revalidated', async () => {
  expect((await get('/js/app.e18c8fe4.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable')
  for (const path of ['/', '/index.html', '/sw.js', '/js/app.js']) expect((await get(path)).headers['cache-control']).toBe('no-cache')
})
