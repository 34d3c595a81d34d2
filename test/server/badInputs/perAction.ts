import type { CategorizedCase } from './shared'
import { reportingCases } from './reporting'
import { workbenchCases } from './workbench'

/** Every action's own bad inputs, by category (the suite checks each action has each category it must). */
export function perActionCases(): CategorizedCase[] {
  const out: CategorizedCase[] = []
  const add = (action: string, who: string | null, category: CategorizedCase['category'], name: string, payload: unknown) =>
    out.push({ name: `${action} [${category}]: ${name}`, who, action, payload, category })
  reportingCases(add)
  workbenchCases(add)
  return out
}
