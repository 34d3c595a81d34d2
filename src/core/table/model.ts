import type { CategoryGroup } from './groups'

/** The six columns of the 自查表, as the seed heads them. */
export const TABLE_HEADERS = ['序号', '类型', '指标内容及指标值', '完成情况', '完成率（%）', '支撑材料'] as const

/** What the 支撑材料 cell shows when there is none, as in the seed. */
export const NO_EVIDENCE = '无'

/**
 * Beyond this many characters a 完成情况 no longer fits one printed cell
 * (Excel rows stop at 409 pt ≈ 29 wrapped lines). The seed's longest is
 * about 600. Longer text is kept whole and reported in `warnings`.
 */
export const NARRATIVE_SOFT_LIMIT = 800

export interface SelfInspectionRow {
  seq: number
  code: string
  category: string
  /** 指标内容及指标值: "title：description". */
  indicatorText: string
  /** 完成情况: the editor's text when given, else the draft. */
  narrative: string
  narrativeSource: 'draft' | 'editor'
  /** formatRate of the computed completion: "88.9", "100", "—". */
  computedRate: string
  /** The declared rate in the same format, or null when none. */
  declaredRate: string | null
  rateDiffers: boolean
  /** The 完成率 cell: "88.9" or "88.9（自报100）". */
  rateText: string
  /** 支撑材料: evidence names. */
  evidence: string[]
  /** "已报 2/136 个社区", when known. */
  coverage: string | null
}

export interface TableWarning {
  kind: 'long_narrative'
  code: string
  seq: number
  length: number
}

export interface SelfInspectionTable {
  title: string
  unitName: string
  signer: string
  year: number
  rows: SelfInspectionRow[]
  /** Runs of rows sharing a 类型, for merged cells. */
  groups: CategoryGroup[]
  warnings: TableWarning[]
  /** Which figures the table rests on, and the line that says so. */
  version: 'all' | 'approved'
  versionLine: string
  /** "附件2：" above the title, as the seed (the number the document it is attached to gives it); '' for none. */
  attachmentLine: string
}

/** The six cell texts of a row, in column order (the 类型 is in every row; writers merge it). */
export function rowCells(row: SelfInspectionRow): [string, string, string, string, string, string] {
  return [
    String(row.seq),
    row.category,
    row.indicatorText,
    row.narrative,
    row.rateText,
    row.evidence.length === 0 ? NO_EVIDENCE : row.evidence.join('\n')
  ]
}

export const unitLine = (t: SelfInspectionTable) => `单位名称：${t.unitName}`
export const signerLine = (t: SelfInspectionTable) => `责任人（签字）：${t.signer}`
