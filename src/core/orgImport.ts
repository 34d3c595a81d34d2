import { ApiError } from './errors'
import { ORG_LEVEL_LABEL, type OrgLevel, type OrgUnit } from './org'
import { isActive, normalizeUnitName, POPULATION_FIELDS, siblingClash, unitNameProblem } from './orgRules'
import { OrgTree, planCreate, type OrgChange } from './orgChange'

/** The sheet's layout, said whenever a file does not follow it. */
export const TREE_SHEET_LAYOUT = '表格第一行应是表头：街道、社区、网格（社区、网格可空），可选列：' + POPULATION_FIELDS.map((f) => f.label).join('、')

export type ImportOutcome = 'create' | 'exists' | 'update' | 'refused'

/** What one row of the sheet does (or would do, in a dry run). */
export interface ImportLine {
  /** The row number in the sheet (1 = header). */
  line: number
  street: string
  community: string
  grid: string
  outcome: ImportOutcome
  /** Units this row creates, top down ("街道 长丰街道"). */
  creates: { level: OrgLevel; name: string }[]
  /** Why the row is refused. */
  reason?: string
}

export interface TreeImportPlan {
  lines: ImportLine[]
  /** Everything to write; applied only when no line is refused. */
  change: OrgChange
  created: number
  updated: number
  refused: number
}

interface Columns {
  street: number
  community: number
  grid: number
  population: { key: string; label: string; col: number }[]
}

function findColumns(header: string[]): Columns | null {
  const h = header.map((c) => c.replace(/\s+/g, ''))
  const street = h.findIndex((c) => c.startsWith('街道') || c.startsWith('街镇') || c === '乡镇街道')
  if (street < 0) return null
  const population = POPULATION_FIELDS.map((f) => ({ key: f.key, label: f.label, col: h.findIndex((c) => c === f.label || (f.aliases as readonly string[]).includes(c)) })).filter((p) => p.col >= 0)
  return { street, community: h.findIndex((c) => c.startsWith('社区') || c.startsWith('村')), grid: h.findIndex((c) => c.startsWith('网格')), population }
}

const cellOf = (row: string[], col: number) => (col >= 0 ? normalizeUnitName(row[col] ?? '') : '')

/**
 * Plans importing a tree sheet (street, community, grid names; optional
 * population columns) under `district`. Each row names a path; units found
 * by name among the parent's active children are reused, the rest created.
 * Population figures go on the row's last named unit. A refused row (a
 * name that is too long, a grid without a community, a population that is
 * not a whole number, two rows giving one unit different figures) is
 * reported with its reason; the caller writes nothing when any is refused.
 */
export function planTreeImport(units: readonly OrgUnit[], district: OrgUnit, table: string[][]): TreeImportPlan {
  const headerAt = table.findIndex((r) => findColumns(r) !== null)
  if (headerAt < 0) throw new ApiError('BAD_INPUT', `没有找到「街道」一列。${TREE_SHEET_LAYOUT}`, { issues: [{ path: 'file', message: `没有找到「街道」一列。${TREE_SHEET_LAYOUT}` }] })
  const cols = findColumns(table[headerAt])!
  const tree = new OrgTree(units)
  const lines: ImportLine[] = []
  const written = new Map<string, OrgUnit>()
  const populationFrom = new Map<string, { line: number; values: Record<string, number> }>()
  let created = 0
  let updated = 0

  for (let r = headerAt + 1; r < table.length; r++) {
    const row = table[r]
    const names = { street: cellOf(row, cols.street), community: cellOf(row, cols.community), grid: cellOf(row, cols.grid) }
    const line: ImportLine = { line: r + 1, ...names, outcome: 'exists', creates: [] }
    const refuse = (reason: string) => lines.push({ ...line, outcome: 'refused', creates: [], reason })
    const rawPopulation = cols.population.map((p) => ({ ...p, text: (row[p.col] ?? '').replace(/[\s,，]/g, '') }))
    if (!names.street && !names.community && !names.grid && rawPopulation.every((p) => !p.text)) continue
    if (!names.street) {
      refuse('缺少街道名称')
      continue
    }
    if (names.grid && !names.community) {
      refuse('网格要写在某个社区下面：缺少社区名称')
      continue
    }
    const chain = ([['street', names.street], ['community', names.community], ['grid', names.grid]] as const).filter(([, n]) => n)
    const bad = chain.map(([level, n]) => [level, unitNameProblem(n)] as const).find(([, p]) => p)
    if (bad) {
      refuse(`${ORG_LEVEL_LABEL[bad[0]]}名称：${bad[1]}`)
      continue
    }
    const population: Record<string, number> = {}
    const badNumber = rawPopulation.find((p) => p.text && !/^\d{1,9}$/.test(p.text))
    if (badNumber) {
      refuse(`${badNumber.label}应是不小于0的整数，现在是「${badNumber.text}」`)
      continue
    }
    for (const p of rawPopulation) if (p.text) population[p.key] = Number(p.text)

    // Walk down the chain, reusing or planning each unit (planned ones join the snapshot).
    let parent = district
    const creates: OrgUnit[] = []
    let failed: string | null = null
    for (const [level, name] of chain) {
      const found = siblingClash(tree.children(parent.id), name)
      if (found) {
        if (found.level !== level) {
          failed = `「${name}」在这里是${ORG_LEVEL_LABEL[found.level]}，不是${ORG_LEVEL_LABEL[level]}`
          break
        }
        parent = found
        continue
      }
      try {
        const { unit } = planCreate(tree, { parentId: parent.id, name })
        creates.push(unit)
        tree.put(unit)
        parent = unit
      } catch (e) {
        failed = e instanceof Error ? e.message : String(e)
        break
      }
    }
    if (failed) {
      // Undo this row's planned units in the snapshot: later rows must not find them.
      for (const u of creates) tree.put({ ...u, retiredAt: 'planned-and-dropped' })
      refuse(failed)
      continue
    }
    const last = parent
    if (Object.keys(population).length) {
      const before = populationFrom.get(last.id)
      if (before && JSON.stringify(before.values) !== JSON.stringify(population)) {
        refuse(`第${before.line}行已给「${last.name}」填了不同的人口数`)
        continue
      }
      populationFrom.set(last.id, { line: r + 1, values: population })
      const merged = { ...(last.population ?? {}), ...population }
      if (JSON.stringify(merged) !== JSON.stringify(last.population ?? {})) {
        const next = { ...last, population: merged }
        tree.put(next)
        written.set(next.id, next)
        if (!creates.some((c) => c.id === last.id)) line.outcome = 'update'
      }
    }
    for (const u of creates) written.set(u.id, tree.get(u.id)!)
    if (creates.length) line.outcome = 'create'
    line.creates = creates.map((u) => ({ level: u.level, name: u.name }))
    created += creates.length
    if (line.outcome === 'update') updated++
    lines.push(line)
  }
  const units2 = [...written.values()].filter(isActive).sort((a, b) => (a.path < b.path ? -1 : 1))
  return { lines, change: { units: units2, people: [], moved: [] }, created, updated, refused: lines.filter((l) => l.outcome === 'refused').length }
}
