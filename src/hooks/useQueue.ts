import { useEffect, useState } from 'react'
import { getServices } from '../services'
import type { QueueSnapshot } from '../services/queue'

/**
 * The signed-in person's queue, live: entries, counts, whether it is
 * sending. Follows a change of person (another person's items never show).
 */
export function useQueue(): QueueSnapshot {
  const services = getServices()
  const [queue, setQueue] = useState(() => services.queue)
  const [snap, setSnap] = useState<QueueSnapshot>(queue.snapshot())
  useEffect(
    () =>
      services.onPersonChange?.(() => {
        setQueue(services.queue)
        setSnap(services.queue.snapshot())
      }),
    [services]
  )
  useEffect(() => {
    setSnap(queue.snapshot())
    return queue.subscribe(setSnap)
  }, [queue])
  return snap
}
