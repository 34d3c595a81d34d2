import { randomBytes } from 'node:crypto'
import { Client } from 'pg'

/**
 * Throwaway databases on the server `npm run test:pg` started
 * (DATABASE_URL names its `postgres` database): each test gets its own,
 * created empty, so suites never see each other's rows.
 */
export function adminUrl(): string {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: run the PostgreSQL suites with `npm run test:pg`')
  return url
}

export async function freshDatabase(prefix = 't'): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = new Client({ connectionString: adminUrl() })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl())
  url.pathname = `/${name}`
  return url.toString()
}
