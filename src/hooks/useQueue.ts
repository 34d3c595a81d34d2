import { useEffect, useState } from 'react'
import { getServices } from '../services'
import type { QueueSnapshot } from '../services/queue'

/** The offline queue's live state: entries, counts, whether it is sending. */
export function useQueue(): QueueSnapshot {
  const queue = getServices().queue
  const [snap, setSnap] = useState<QueueSnapshot>(queue.snapshot())
  useEffect(() => queue.subscribe(setSnap), [queue])
  return snap
}
