import type { PendingItem } from '../../services/api'

/**
 * What the user picked in 待办, handed to the chat tab. switchTab cannot
 * carry query parameters, so the choice waits here (in memory only: a
 * restart forgets it, which is what we want) until the chat page's
 * useDidShow takes it.
 * - `fill`: open the conversation on this report.
 * - `same-as-last`: quick check-in, the chat shows a "同上期" confirm card.
 */
export type ChoiceMode = 'fill' | 'same-as-last'

export interface PendingChoice {
  item: PendingItem
  mode: ChoiceMode
}

let choice: PendingChoice | null = null

export function setPendingChoice(item: PendingItem, mode: ChoiceMode = 'fill'): void {
  choice = { item, mode }
}

/** The waiting choice, once: a second call returns null. */
export function takePendingChoice(): PendingChoice | null {
  const c = choice
  choice = null
  return c
}
