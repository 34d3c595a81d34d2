import { isActive } from '../../../src/core/people'
import cloud from 'wx-server-sdk'
import type { Clock } from '../../../src/core/clock'
import { isCloudFileOf } from '../../../src/core/evidence/ids'
import { DEFAULT_CONFIG, type ApiContext, type Caller, type EvidenceIds, type FileLinks, type ImportFiles, type ReminderService } from '../../api/context'
import { ApiError, type ApiResult } from '../../../src/core/errors'
import { dispatch, type Logger, useChineseMessages } from '../../api/router'
import { CloudFileSink } from '../../export/files'
import { loadReminderConfigOrOff } from '../../reminders/config'
import type { RunSummary } from '../../reminders/run'
import { CloudBaseStore } from '../../store/cloudbase/CloudBaseStore'
import { migrateCloudBase } from '../../store/cloudbase/migrate'
import { msgSecChecker } from './msgSecCheck'

/**
 * The production entry: one cloud function, `api`, for every action. The
 * mini-program calls `wx.cloud.callFunction({ name: 'api', data: { action,
 * payload } })`; the same handlers as the local server answer, over
 * CloudBase. Identity is WeChat's OPENID from `cloud.getWXContext()`, set by
 * the platform, never anything in the event (which the caller controls).
 */

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
useChineseMessages()

// throwOnNotFound: false makes a missing document read as `{ data: null }`
// (the adapter also understands the default thrown error).
const database = cloud.database({ throwOnNotFound: false })
const store = new CloudBaseStore(database)
const clock: Clock = { now: () => new Date() }
const log: Logger = { error: (msg, err) => console.error(msg, err) }
const text = msgSecChecker(cloud.openapi, log)

// Reminder templates come from the same REMIND_* variables as the `remind`
// function (set them on both); a broken setting turns reminders off here
// instead of breaking every action. "Run now" asks the `remind` function,
// which holds the subscribeMessage.send permission.
const reminders: ReminderService = {
  config: loadReminderConfigOrOff(process.env, (msg) => console.error(msg)),
  async run(): Promise<RunSummary> {
    const { result } = await cloud.callFunction({ name: 'remind', data: { source: 'reminders.run' } })
    const r = result as { ok?: boolean; data?: RunSummary } | null
    if (!r?.ok || !r.data) throw new Error(`remind function failed: ${JSON.stringify(result)}`)
    return r.data
  },
  // "立即提醒" for one unit's people: the same function, which holds the send permission.
  async remindNow(people): Promise<RunSummary> {
    const { result } = await cloud.callFunction({ name: 'remind', data: { source: 'completeness.remind', personIds: people.map((p) => p.id) } })
    const r = result as { ok?: boolean; data?: RunSummary } | null
    if (!r?.ok || !r.data) throw new Error(`remind function failed: ${JSON.stringify(result)}`)
    return r.data
  }
}

// Exported 自查表 files go to cloud storage (exports/<date>/…) behind a
// one-hour temporary link.
const files = new CloudFileSink(cloud, clock)

// plan.import files: the admin's client uploads to imports/ in cloud storage
// (a call carries at most 100 KB of text); read once, then deleted.
const imports: ImportFiles = {
  async take(fileId) {
    try {
      const { fileContent } = await cloud.downloadFile({ fileID: fileId })
      return Buffer.from(fileContent)
    } catch (e) {
      log.error('plan.import: downloading the file failed', e)
      throw new ApiError('NOT_FOUND', '没有找到上传的文件，请重新上传')
    } finally {
      await cloud.deleteFile({ fileList: [fileId] }).catch((e: unknown) => log.error('plan.import: deleting the file failed', e))
    }
  }
}
// A roll-up rebuild reconciles at most this many unit-years per call (a
// few reads and one transaction each), well inside the function's time
// limit; the admin continues the job with `rollups.rebuild`.
const CLOUD_CONFIG = { ...DEFAULT_CONFIG, rebuildBudget: 150 }

function readEvent(event: unknown): { action: string; payload: unknown } {
  const e = (event && typeof event === 'object' ? event : {}) as { action?: unknown; payload?: unknown }
  return { action: typeof e.action === 'string' ? e.action : '', payload: e.payload }
}

/** The bound person and their unit; null for an unbound account (only `bind` will work). */
async function callerOf(openid: string): Promise<Caller | null> {
  const found = await store.personByOpenid(openid)
  // A deactivated person calls nothing (only `bind`, which refuses their codes).
  const person = found && isActive(found) ? found : null
  const unit = person ? await store.getOrgUnit(person.orgUnitId) : null
  return person && unit ? { person, unit } : null
}

// Reviewers see a worker's photo through a 10-minute link (the storage rule
// lets only the uploader read the file itself); evidence.links checks scope first.
const fileLinks: FileLinks = {
  async links(fileIds) {
    const maxAge = 600
    const expiresAt = new Date(clock.now().getTime() + maxAge * 1000).toISOString()
    const { fileList } = await cloud.getTempFileURL({ fileList: fileIds.map((fileID) => ({ fileID, maxAge })) })
    const out: Record<string, { url: string; expiresAt: string }> = {}
    for (const f of fileList as { fileID: string; tempFileURL: string; status: number }[]) {
      if (f.status === 0 && fileIds.includes(f.fileID) && f.tempFileURL.startsWith('https://')) out[f.fileID] = { url: f.tempFileURL, expiresAt }
    }
    return out
  }
}

/** Evidence must be a cloud file of this environment: a report cannot point reviewers at outside URLs. */
const cloudEvidence = (env: string | undefined): EvidenceIds => ({ unknown: async (ids) => ids.filter((id) => !isCloudFileOf(id, env ?? '')) })

// Once per instance: one read of meta/schema when the database is current.
let migrated: Promise<boolean> | null = null

export async function main(event: unknown, _context?: unknown): Promise<ApiResult<unknown>> {
  migrated ??= migrateCloudBase(database, clock.now().toISOString()).catch((e) => {
    migrated = null
    throw e
  })
  try {
    await migrated
  } catch (e) {
    log.error('migrating the database failed', e)
    return { ok: false, error: new ApiError('INTERNAL').toBody() }
  }
  const { OPENID, ENV } = cloud.getWXContext()
  const { action, payload } = readEvent(event)
  let caller: Caller | null
  try {
    caller = OPENID ? await callerOf(OPENID) : null
  } catch (e) {
    log.error('resolving the caller failed', e)
    return { ok: false, error: new ApiError('INTERNAL').toBody() }
  }
  const ctx: ApiContext = { store, clock, caller, text, config: CLOUD_CONFIG, reminders, files, imports, evidence: cloudEvidence(ENV), fileLinks, ...(OPENID ? { openid: OPENID } : {}) }
  return dispatch(ctx, action, payload, log)
}
