import { isWithin, levelIndex, ORG_LEVEL_LABEL, ORG_LEVELS, type OrgLevel, type OrgUnit } from './org'

/*
 * Editing the tree (issue 13): the rules the server enforces for create,
 * rename, move, merge and retire, in one place; orgChange.ts turns an
 * accepted edit into the units and people to write. Kept apart from
 * org.ts, which the mini-program's tab pages import: these rules and their
 * messages then ship only with the org subpackage, not the main package.
 */

/**
 * Population figures a unit may carry, for rates "per N of a population"
 * and for splitting targets by population. Imported from the tree sheet's
 * optional columns (header = label or one of the aliases).
 */
export const POPULATION_FIELDS = [
  { key: 'residents', label: '常住人口', aliases: ['常住人口数', '人口'] },
  { key: 'registered', label: '户籍人口', aliases: ['户籍人口数'] },
  { key: 'elderly', label: '老年人口', aliases: ['户籍老人', '老人数', '60岁以上老人', '老年人数'] }
] as const

export type PopulationKey = (typeof POPULATION_FIELDS)[number]['key']

/** The longest unit name (the schema's bound). */
export const MAX_UNIT_NAME = 40

export function isActive(u: Pick<OrgUnit, 'retiredAt'>): boolean {
  return !u.retiredAt
}

/** The parent level a unit of `level` must have; null for the district (the root). */
export function parentLevel(level: OrgLevel): OrgLevel | null {
  return ORG_LEVELS[levelIndex(level) - 1] ?? null
}

/** A unit's name as stored: trimmed, inner runs of spaces kept as one. */
export function normalizeUnitName(name: string): string {
  return name.replace(/\s+/g, ' ').trim()
}

/** Why `name` cannot be a unit name, or null. */
export function unitNameProblem(name: string): string | null {
  const n = normalizeUnitName(name)
  if (!n) return '请填写名称'
  if (n.length > MAX_UNIT_NAME) return `名称最多${MAX_UNIT_NAME}个字`
  if (/[\/\\<>]/.test(n)) return '名称不能含有 / \\ < > 这些符号'
  return null
}

/** Why `parent` cannot hold a child of `level`, or null. A grid's parent must be a community, and so on up. */
export function parentProblem(parent: OrgUnit, level: OrgLevel): string | null {
  const want = parentLevel(level)
  if (!want) return '区是最上级，不能放到别的单位下面'
  if (parent.level !== want) return `${ORG_LEVEL_LABEL[level]}只能放在${ORG_LEVEL_LABEL[want]}下面，「${parent.name}」是${ORG_LEVEL_LABEL[parent.level]}`
  if (!isActive(parent)) return `「${parent.name}」已撤销，不能再添加下级`
  return null
}

/**
 * Names are unique among a parent's active children (retired ones keep
 * theirs for history, so a new 第3网格 may follow a retired one).
 */
export function siblingClash(siblings: readonly OrgUnit[], name: string, exceptId?: string): OrgUnit | null {
  const n = normalizeUnitName(name)
  return siblings.find((s) => s.id !== exceptId && isActive(s) && s.name === n) ?? null
}

/**
 * Why `unit` cannot be retired. Decided: a unit retires only when nothing
 * active hangs on it. Its people must first be moved (or the unit merged
 * into another, which moves them), and its active children moved, merged
 * or retired. The district never retires.
 */
export function retireProblem(unit: OrgUnit, activeChildren: number, people: number): string | null {
  if (unit.level === 'district') return '区不能撤销'
  if (!isActive(unit)) return '这个单位已经撤销了'
  if (activeChildren > 0) return `还有${activeChildren}个下级单位，请先移走、合并或撤销它们`
  if (people > 0) return `还有${people}名人员在这个单位，请先把人员调到别的单位，或把这个单位合并到另一个单位`
  return null
}

/** Why `unit` cannot be merged into `survivor`, or null. */
export function mergeProblem(unit: OrgUnit, survivor: OrgUnit): string | null {
  if (unit.id === survivor.id) return '不能合并到自己'
  if (unit.level === 'district') return '区不能合并'
  if (unit.level !== survivor.level) return `只能合并到同一级的单位：「${survivor.name}」是${ORG_LEVEL_LABEL[survivor.level]}`
  if (!isActive(unit)) return '这个单位已经撤销了'
  if (!isActive(survivor)) return `「${survivor.name}」已撤销`
  return null
}

/** Why `unit` cannot move under `parent`, or null (levels, retired units, cycles). */
export function moveProblem(unit: OrgUnit, parent: OrgUnit): string | null {
  if (unit.level === 'district') return '区不能移动'
  if (!isActive(unit)) return '这个单位已经撤销了'
  // The level rule already rules out cycles; this keeps them out even if levels were ever relaxed.
  if (isWithin(parent.path, unit.path)) return '不能移到自己或自己的下级下面'
  return parentProblem(parent, unit.level)
}
