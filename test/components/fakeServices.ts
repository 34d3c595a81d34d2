import Taro from '@tarojs/taro'
import type { ChatState } from '../../src/core/chat'
import type { OrgUnit } from '../../src/core/org'
import type { Role } from '../../src/core/person'
import { ROLE_LABEL } from '../../src/core/person'
import { ORG_LEVEL_LABEL } from '../../src/core/org'
import { setServices, type Services } from '../../src/services'
import type { Api, MeData } from '../../src/services/api'
import { DraftStore } from '../../src/services/drafts'
import { Session } from '../../src/services/session'
import { SubmissionQueue } from '../../src/services/queue'
import { memoryStorage } from '../../src/services/storage/memoryStorage'

/**
 * Installs fake services for a page test: an `api` whose given methods
 * resolve fixtures (any other call fails loudly), memory storage, a fixed
 * clock. Returns the storage and session so tests can look inside.
 */
export async function installFakeServices(api: Partial<Api>, opts: { now?: string; storage?: Record<string, unknown> } = {}) {
  const storage = memoryStorage(opts.storage)
  const session = new Session(storage)
  const ready = session.load()
  await ready
  const fullApi = new Proxy(api, {
    get(target, key: string) {
      if (key in target) return target[key as keyof Api]
      return () => Promise.reject(new Error(`api.${key} not faked`))
    }
  }) as Api
  // Cast: members the pages here do not use may be added to Services later.
  const services = {
    api: fullApi,
    storage,
    session,
    drafts: new DraftStore<ChatState>(storage),
    clock: { now: () => new Date(opts.now ?? '2021-01-05T02:00:00Z') },
    ready,
    queue: new SubmissionQueue({ storage, backend: { sync: () => Promise.reject(new Error('sync not faked')), upload: () => Promise.reject(new Error('upload not faked')) } }),
    submitReport: async () => ({ kind: 'sent' }),
    unsyncedCount: async () => 0,
    afterConfirm: async () => undefined
  } as Services
  setServices(services)
  return { storage, session, services }
}

export function unit(id: string, name: string, level: OrgUnit['level'], parentPath = '/'): OrgUnit {
  return { id, name, level, parentId: parentPath === '/' ? null : parentPath.split('/').filter(Boolean).pop()!, path: `${parentPath}${id}/` }
}

/** What api.me() answers for a person of `role` at `u`. */
export function meFor(name: string, role: Role, u: OrgUnit): MeData {
  return {
    person: { id: 'p1', name, role, orgUnitId: u.id },
    roleLabel: ROLE_LABEL[role],
    unit: u,
    unitLabel: `${u.name}（${ORG_LEVEL_LABEL[u.level]}）`,
    scope: { path: u.path, level: u.level },
    now: '2021-01-05T02:00:00.000Z'
  }
}

type TaroNav = 'switchTab' | 'navigateTo' | 'reLaunch' | 'setTabBarBadge' | 'removeTabBarBadge'

/**
 * Replaces Taro navigation and tab-bar calls (the H5 router and tab bar are
 * not mounted when a page renders alone) with jest mocks; restore() puts
 * the originals back.
 */
export function mockTaro(impl: Partial<Record<TaroNav, (...args: unknown[]) => Promise<unknown>>> = {}) {
  const t = Taro as unknown as Record<string, unknown>
  const names: TaroNav[] = ['switchTab', 'navigateTo', 'reLaunch', 'setTabBarBadge', 'removeTabBarBadge']
  const saved = names.map((n) => [n, t[n]] as const)
  const mocks = Object.fromEntries(names.map((n) => [n, jest.fn(impl[n] ?? (() => Promise.resolve({ errMsg: `${n}:ok` })))])) as Record<TaroNav, jest.Mock>
  Object.assign(t, mocks)
  return {
    ...mocks,
    restore: () => {
      for (const [n, v] of saved) t[n] = v
    }
  }
}
