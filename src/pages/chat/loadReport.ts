import type { Api, HistoryData } from '../../services/api'
import { ApiFailure } from '../../services/api'

/** A stored report by id, or null when there is none (or it cannot be read now). */
export async function loadReport(api: Pick<Api, 'history'>, id: string): Promise<HistoryData['report'] | null> {
  try {
    return (await api.history(id)).report
  } catch (e) {
    if (e instanceof ApiFailure) return null
    return null
  }
}
