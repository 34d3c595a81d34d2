import Taro from '@tarojs/taro'
import type { Services } from '../../services'
import { splitPhotos } from './photos'
import { ChatController } from './controller'

let counter = 0

/** A client id that is unique per phone: time, a counter and randomness. */
export function newClientId(now: Date): string {
  counter = (counter + 1) % 1_000_000
  return `r${now.getTime().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

/** The controller with the app's real services: submit goes through the offline queue. */
export function createChatController(services: Services): ChatController {
  return new ChatController({
    api: services.api,
    // Asked for at each call, not taken once: services.drafts is the signed-in
    // person's, and the chat can start before `me` names them (a phone bound
    // without the login page). Taken once, the drafts went to nobody's scope.
    drafts: {
      get: (id) => services.drafts.get(id),
      save: (id, state, now) => services.drafts.save(id, state, now),
      discard: (id) => services.drafts.discard(id)
    },
    clock: services.clock,
    submit: async (draft) => {
      const split = splitPhotos(draft)
      // Sizes and types from the vault: they count against the queue's file budget.
      const files = await Promise.all(
        split.files.map(async (f) => {
          const info = await services.files?.info(f.localPath).catch(() => null)
          return info ? { ...f, bytes: info.bytes, ...(info.mime ? { mime: info.mime } : {}) } : f
        })
      )
      return services.submitReport(split.draft, files)
    },
    navigate: (to) => void Taro.switchTab({ url: to === 'inbox' ? '/pages/inbox/index' : '/pages/progress/index' }),
    newClientId: () => newClientId(services.clock.now()),
    delay: (ms) => new Promise((r) => setTimeout(r, ms))
  })
}
