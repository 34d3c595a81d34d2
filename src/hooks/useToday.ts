import { useEffect, useState } from 'react'
import { chinaDate } from '../core/clock'
import { getServices } from '../services'

/** Today's China date by the server's clock; the page re-renders when the clock learns the server's time. */
export function useToday(): string {
  const clock = getServices().clock
  const [today, setToday] = useState(() => chinaDate(clock.now()))
  useEffect(() => {
    const update = () => setToday(chinaDate(getServices().clock.now()))
    update()
    return 'subscribe' in clock && typeof clock.subscribe === 'function' ? clock.subscribe(update) : undefined
  }, [clock])
  return today
}
