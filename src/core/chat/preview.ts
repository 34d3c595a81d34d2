import type { Indicator } from '../indicator'
import { periodsOfYear } from '../period'
import { questionFor } from './questions'
import { planSlots } from './slots'
import { initialState } from './start'
import type { ChatContext } from './types'

/**
 * How the chat will ask an indicator, question by question, for the plan
 * designer's live preview: the engine's own questions (questions.ts), for
 * the plan year's last period, with no figures reported yet. Step dates are
 * asked only after a step is done, so they are not listed.
 */
export function chatPreview(ind: Indicator, unitName = '（填报单位）'): { slot: string; text: string }[] {
  const periods = periodsOfYear(ind.period, ind.year)
  const period = periods[periods.length - 1]
  const ctx: ChatContext = { indicator: ind, orgUnitName: unitName, period, today: `${ind.year}-12-20` }
  const state = initialState(ctx)
  return planSlots(ind, state.values).map((slot) => ({ slot: slot.id, text: questionFor(ctx, state, slot).text }))
}
