import type { KeyValueStorage } from './storage/types'

const KEY = 'gebao.titles'

/**
 * Indicator titles by code, remembered from the last catalog so that lists
 * read in words even offline (a queued report shows "养老床位", not "YL-BED").
 */
export async function rememberTitles(storage: KeyValueStorage, indicators: { code: string; title: string }[]): Promise<void> {
  await storage.set(KEY, Object.fromEntries(indicators.map((i) => [i.code, i.title])))
}

export async function knownTitles(storage: KeyValueStorage): Promise<Record<string, string>> {
  return (await storage.get<Record<string, string>>(KEY)) ?? {}
}
