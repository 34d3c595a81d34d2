import { MAX_EVIDENCE } from '../report'
import { askableFields, planSlots, slotIdsFor } from './slots'
import type { ChatState } from './state'
import type { ChatContext } from './types'

/**
 * The state a conversation opens with. Fixed fields are filled at once. A
 * returned report starts from what was sent, with every slot the reviewer
 * did not point at already answered, so only those are asked.
 */
export function initialState(ctx: ChatContext): ChatState {
  const ind = ctx.indicator
  const r = ctx.returned
  const values = { ...(r?.values ?? {}) }
  for (const f of ind.fields) if (f.fixed !== undefined) values[f.key] = f.fixed
  let done: string[] = []
  if (r) {
    const names = r.fields.length ? r.fields : askableFields(ind).map((f) => f.key).concat(['narrative', 'evidence'])
    const asked = names.flatMap((n) => slotIdsFor(ind, n))
    done = planSlots(ind, values)
      .map((s) => s.id)
      .filter((id) => !asked.includes(id))
  }
  return {
    v: 1,
    code: ind.code,
    period: ctx.period,
    seq: 0,
    values,
    dates: { ...(r?.dates ?? {}) },
    narrative: r?.narrative ?? '',
    reasons: { ...(r?.reasons ?? {}) },
    evidence: (r?.evidence ?? []).slice(0, MAX_EVIDENCE),
    done,
    awaitReason: [],
    undo: [],
    submitted: false
  }
}
