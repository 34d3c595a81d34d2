import { ApiError } from './errors'
import { childPath, isWithin, ORG_LEVEL_LABEL, type OrgLevel, type OrgUnit } from './org'
import { isActive, mergeProblem, moveProblem, normalizeUnitName, parentProblem, retireProblem, siblingClash, unitNameProblem } from './orgRules'

/**
 * What an accepted tree edit writes, all at once: the units (whole rows),
 * the people whose unit changes, and the units whose path changes with the
 * path their roll-ups were counted under (those are moved in the roll-ups:
 * taken off the old ancestors, added to the new ones by a rebuild).
 * A report stays with the unit it was made for; its stored path follows
 * the unit.
 */
export interface OrgChange {
  units: OrgUnit[]
  people: { personId: string; orgUnitId: string }[]
  moved: { unitId: string; fromPath: string }[]
}

export interface PersonAt {
  id: string
  orgUnitId: string
}

const refuse = (path: string, message: string) => new ApiError('ORG_RULE', message, { issues: [{ path, message }] })

/** A snapshot of the tree (active and retired units) to check edits against. */
export class OrgTree {
  private readonly byId = new Map<string, OrgUnit>()

  constructor(units: readonly OrgUnit[]) {
    for (const u of units) this.byId.set(u.id, u)
  }

  get(id: string): OrgUnit | undefined {
    return this.byId.get(id)
  }

  /** The unit, or NOT_FOUND naming which input was wrong. */
  need(id: string, field: string): OrgUnit {
    const u = this.byId.get(id)
    if (!u) throw new ApiError('NOT_FOUND', '没有这个单位', { issues: [{ path: field, message: '没有这个单位' }] })
    return u
  }

  children(id: string): OrgUnit[] {
    return [...this.byId.values()].filter((u) => u.parentId === id).sort((a, b) => (a.path < b.path ? -1 : 1))
  }

  activeChildren(id: string): OrgUnit[] {
    return this.children(id).filter(isActive)
  }

  /** The unit and everything beneath it. */
  subtree(unit: OrgUnit): OrgUnit[] {
    return [...this.byId.values()].filter((u) => isWithin(u.path, unit.path))
  }

  all(): OrgUnit[] {
    return [...this.byId.values()].sort((a, b) => (a.path < b.path ? -1 : 1))
  }

  /** Adds (or replaces) a unit in the snapshot, so later planning in one import sees it. */
  put(u: OrgUnit): void {
    this.byId.set(u.id, u)
  }

  /**
   * A fresh id under `parent`: the parent's id, a level letter and the
   * first free number ("qk-s01" → "qk-s01-c03"). Ids never change and are
   * never reused (retired units keep theirs).
   */
  newId(parent: OrgUnit, level: OrgLevel): string {
    const letter = { district: 'd', street: 's', community: 'c', grid: 'g' }[level]
    for (let n = 1; ; n++) {
      const id = `${parent.id}-${letter}${String(n).padStart(2, '0')}`
      if (!this.byId.has(id)) return id
    }
  }
}

function checkName(name: string): string {
  const problem = unitNameProblem(name)
  if (problem) throw refuse('name', problem)
  return normalizeUnitName(name)
}

function checkClash(tree: OrgTree, parentId: string, name: string, exceptId?: string, field = 'name'): void {
  const clash = siblingClash(tree.children(parentId), name, exceptId)
  if (clash) throw refuse(field, `同一上级下已有「${clash.name}」，请换一个名称`)
}

/** A new street, community or grid under `parentId` (its level follows from the parent's). */
export function planCreate(tree: OrgTree, input: { parentId: string; name: string; population?: Record<string, number> }): { unit: OrgUnit; change: OrgChange } {
  const parent = tree.need(input.parentId, 'parentId')
  const level = ({ district: 'street', street: 'community', community: 'grid' } as const)[parent.level as 'district']
  if (!level) throw refuse('parentId', '网格下面不能再分单位')
  const p = parentProblem(parent, level)
  if (p) throw refuse('parentId', p)
  const name = checkName(input.name)
  checkClash(tree, parent.id, name)
  const id = tree.newId(parent, level)
  const unit: OrgUnit = { id, name, level, parentId: parent.id, path: childPath(parent.path, id), ...(input.population ? { population: input.population } : {}) }
  return { unit, change: { units: [unit], people: [], moved: [] } }
}

export function planRename(tree: OrgTree, unitId: string, newName: string): OrgChange {
  const unit = tree.need(unitId, 'unitId')
  if (!isActive(unit)) throw refuse('unitId', '这个单位已经撤销了')
  const name = checkName(newName)
  if (unit.parentId) checkClash(tree, unit.parentId, name, unit.id)
  return { units: [{ ...unit, name }], people: [], moved: [] }
}

/** The unit and its subtree under a new parent: every path below is rewritten. */
function reparent(tree: OrgTree, unit: OrgUnit, parent: OrgUnit): Pick<OrgChange, 'units' | 'moved'> {
  const from = unit.path
  const to = childPath(parent.path, unit.id)
  const units: OrgUnit[] = []
  const moved: OrgChange['moved'] = []
  for (const u of tree.subtree(unit)) {
    const path = to + u.path.slice(from.length)
    units.push({ ...u, path, ...(u.id === unit.id ? { parentId: parent.id } : {}) })
    moved.push({ unitId: u.id, fromPath: u.path })
  }
  return { units, moved }
}

export function planMove(tree: OrgTree, unitId: string, parentId: string): OrgChange {
  const unit = tree.need(unitId, 'unitId')
  const parent = tree.need(parentId, 'parentId')
  if (unit.parentId === parent.id) throw refuse('parentId', `「${unit.name}」已经在「${parent.name}」下面`)
  const p = moveProblem(unit, parent)
  if (p) throw refuse('parentId', p)
  checkClash(tree, parent.id, unit.name, unit.id, 'parentId')
  return { ...reparent(tree, unit, parent), people: [] }
}

/**
 * Merges `unitId` into `intoId` (same level). Defined as:
 * - the merged unit's reports stay with it, as history: it is retired
 *   (retiredAt, mergedInto) but stays where it was in the tree, so what it
 *   reported keeps counting for its parents in the periods it reported;
 * - its active children move under the survivor (their reports move with
 *   them, and the roll-ups follow);
 * - its people move to the survivor (their sessions end: a new unit);
 * - a child whose name the survivor already has among its children stops
 *   the merge (rename one first): nothing is written.
 */
export function planMerge(tree: OrgTree, unitId: string, intoId: string, people: readonly PersonAt[], at: string): OrgChange {
  const unit = tree.need(unitId, 'unitId')
  const survivor = tree.need(intoId, 'intoId')
  const p = mergeProblem(unit, survivor)
  if (p) throw refuse('intoId', p)
  const kids = tree.activeChildren(unit.id)
  const clashes = kids.filter((k) => siblingClash(tree.children(survivor.id), k.name))
  if (clashes.length) throw refuse('intoId', `「${survivor.name}」下已有同名的${ORG_LEVEL_LABEL[clashes[0].level]}：${clashes.map((c) => c.name).join('、')}，请先改名`)
  const units: OrgUnit[] = []
  const moved: OrgChange['moved'] = []
  for (const k of kids) {
    const r = reparent(tree, k, survivor)
    units.push(...r.units)
    moved.push(...r.moved)
  }
  units.push({ ...unit, retiredAt: at, mergedInto: survivor.id })
  const movedPeople = people.filter((x) => x.orgUnitId === unit.id).map((x) => ({ personId: x.id, orgUnitId: survivor.id }))
  return { units, people: movedPeople, moved }
}

/** Retires a unit with nothing active on it (see retireProblem); its reports and history stay. */
export function planRetire(tree: OrgTree, unitId: string, people: readonly PersonAt[], at: string): OrgChange {
  const unit = tree.need(unitId, 'unitId')
  const p = retireProblem(unit, tree.activeChildren(unit.id).length, people.filter((x) => x.orgUnitId === unit.id).length)
  if (p) throw refuse('unitId', p)
  return { units: [{ ...unit, retiredAt: at }], people: [], moved: [] }
}
