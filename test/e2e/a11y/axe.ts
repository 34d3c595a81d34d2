import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'

/** axe-core's browser bundle, injected into the page as it is (no network). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical'

export interface Violation {
  id: string
  impact: Impact | null
  help: string
  nodes: { target: string; html: string; summary: string }[]
}

/**
 * Runs every axe rule that is not experimental (WCAG 2.0/2.1/2.2 A and AA
 * plus best practices) on the whole document as it is now.
 */
export async function runAxe(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')
  // Evaluated through the DevTools protocol, not as a <script> tag: the
  // server's CSP (rightly) refuses inline scripts it did not ship.
  if (!loaded) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: any }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => ({ target: n.target.join(' '), html: String(n.html).slice(0, 160), summary: String(n.failureSummary ?? '').slice(0, 300) }))
    }))
  })
}

export const isSevere = (v: Violation) => v.impact === 'serious' || v.impact === 'critical'

export function describeViolations(page: string, list: Violation[]): string {
  return list
    .map((v) => `${page}: [${v.impact}] ${v.id} — ${v.help}\n${v.nodes.map((n) => `    ${n.target}  ${n.html}\n      ${n.summary.replace(/\n/g, ' ')}`).join('\n')}`)
    .join('\n')
}
