import * as z from 'zod/mini'
import type { IndicatorCompletion } from '../completion'
import type { Figures } from '../figures'
import type { Indicator } from '../indicator'
import { ORG_LEVEL_LABEL } from '../org'
import { text, wholeBetween } from '../schema/builders'
import { categoryGroups } from './groups'
import { indicatorCellText } from './indicatorCell'
import { NARRATIVE_SOFT_LIMIT, type SelfInspectionRow, type SelfInspectionTable, type TableWarning } from './model'
import { draftNarrative, type UnitFigures } from './narrative'
import { coverageText, type Coverage } from './coverage'

export { coverageText, type Coverage }
import { rateCell } from './rateCell'
import { cleanText } from './text'
import { DEFAULT_TITLE_UNIT, selfInspectionTitle } from './title'

/** One indicator's line of the table, for one unit and year. */
export interface TableEntry {
  indicator: Indicator
  /** The unit's figures for the year. */
  figures: Figures
  /** indicatorCompletion(indicator, figures, verdicts) for the same unit. */
  completion: IndicatorCompletion
  /** The same figures per child unit, for "（宗关街2个、…）". */
  breakdown?: UnitFigures[]
  /** 完成率 as the unit declared it, 0–100. */
  declaredRate?: number | null
  /** An editor's 完成情况; when non-blank it replaces the draft. */
  narrative?: string | null
  /** 支撑材料: evidence names. */
  evidence?: string[]
  /** Completion dates of milestone steps, by step field key. */
  dates?: Record<string, string>
  /** Fields whose figure rests on an estimate: written "约1200人次". */
  approx?: string[]
  /** Units that reported / units expected to (at the indicator's report level), and reports sent back. */
  coverage?: Coverage
}


/**
 * Which figures a table rests on: `all` counts submitted and approved
 * reports (a working copy); `approved` only what reviewers approved (the
 * official version to sign).
 */
export type TableVersion = 'all' | 'approved'

export const VERSION_LINE: Record<TableVersion, string> = {
  all: '数据口径：已报送数据（含待审核），工作稿',
  approved: '数据口径：仅审核通过的数据，正式版'
}


/**
 * Where only some units reported, the draft says so first, so a partial
 * sum never reads as the whole: "据已报送的2个社区（共136个），…".
 */
function partialPrefix(c: Coverage | undefined): string {
  if (!c || c.expected <= 1 || c.reported >= c.expected) return ''
  const label = ORG_LEVEL_LABEL[c.level]
  return c.reported === 0 ? `尚无${label}报送（共${c.expected}个）。` : `据已报送的${c.reported}个${label}（共${c.expected}个），`
}

export interface BuildTableInput {
  year: number
  /** 单位名称: "硚口区民政局". */
  unitName: string
  /** 责任人（签字）; empty leaves the line for a hand signature. */
  signer?: string
  /** The title's middle part; defaults to '区民政局'. */
  titleUnit?: string
  entries: TableEntry[]
  /** Default `all`. */
  version?: TableVersion
  /** N of the "附件N：" line above the title; absent: no line. */
  attachment?: number
}

const HeaderSchema = z.object({
  year: wholeBetween(2000, 2100),
  unitName: text(60, 1),
  signer: text(30),
  titleUnit: text(30, 1)
})

/**
 * Drafts the 自查表 as plain data: rows in 序号 order, category groups for
 * merged 类型 cells, rates computed and set beside declared ones. Inconsistent
 * input (a completion for another indicator, a declared rate outside 0–100,
 * a bad header) throws: a table that is signed must not be quietly patched.
 */
export function buildSelfInspectionTable(input: BuildTableInput): SelfInspectionTable {
  const header = HeaderSchema.parse({
    year: input.year,
    unitName: cleanText(input.unitName),
    signer: cleanText(input.signer ?? ''),
    titleUnit: cleanText(input.titleUnit ?? DEFAULT_TITLE_UNIT)
  })
  const entries = [...input.entries].sort((a, b) => a.indicator.seq - b.indicator.seq || a.indicator.code.localeCompare(b.indicator.code))
  const rows = entries.map((e) => buildRow(e, header.year))
  const warnings: TableWarning[] = rows
    .filter((r) => r.narrative.length > NARRATIVE_SOFT_LIMIT)
    .map((r) => ({ kind: 'long_narrative', code: r.code, seq: r.seq, length: r.narrative.length }))
  return {
    title: selfInspectionTitle(header.year, header.titleUnit),
    unitName: header.unitName,
    signer: header.signer,
    year: header.year,
    rows,
    groups: categoryGroups(rows),
    warnings,
    version: input.version ?? 'all',
    versionLine: VERSION_LINE[input.version ?? 'all'],
    attachmentLine: attachmentLine(input.attachment)
  }
}

/** "附件2：" for 2; nothing for none (a whole number 1–99, else it is a caller's bug). */
export function attachmentLine(n: number | undefined): string {
  if (n === undefined) return ''
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new Error(`attachment number out of range: ${n}`)
  return `附件${n}：`
}

function buildRow(e: TableEntry, year: number): SelfInspectionRow {
  const ind = e.indicator
  if (e.completion.code !== ind.code) {
    throw new Error(`completion for ${e.completion.code} given with indicator ${ind.code}`)
  }
  const edited = cleanText(e.narrative ?? '')
  const narrative = edited || partialPrefix(e.coverage) + draftNarrative(ind, e.figures, e.completion, e.breakdown ?? [], { dates: e.dates, year, approx: e.approx ?? [] })
  const rate = rateCell(e.completion.rate, e.declaredRate ?? null)
  return {
    seq: ind.seq,
    code: ind.code,
    category: ind.category,
    indicatorText: indicatorCellText(ind),
    narrative,
    narrativeSource: edited ? 'editor' : 'draft',
    computedRate: rate.computed,
    declaredRate: rate.declared,
    rateDiffers: rate.differs,
    rateText: rate.text,
    evidence: (e.evidence ?? []).map(cleanText).filter((s) => s.length > 0),
    coverage: e.coverage ? coverageText(e.coverage) : null
  }
}
