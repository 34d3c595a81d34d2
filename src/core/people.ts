import { isWithin, ORG_LEVEL_LABEL, type OrgUnit } from './org'
import { ROLE_LABEL, ROLE_LEVEL, type Person, type Role } from './person'

/**
 * The bureau's rules for managing people: who may hold which role at which
 * unit, and which changes an admin may make. The server enforces them
 * (people.* and invite.* actions); the people screen calls the same
 * functions to explain a refusal next to the field before sending.
 */

/** A refusal, naming the input it is about (for the form) and the reason in Chinese. */
export interface PeopleRefusal {
  field: 'role' | 'orgUnitId' | 'personId'
  message: string
}

/** The roles a unit of this level can hold: 网格员 at a grid, 社区审核员 at a community, and so on. */
export function rolesForLevel(level: OrgUnit['level']): Role[] {
  return (Object.keys(ROLE_LEVEL) as Role[]).filter((r) => ROLE_LEVEL[r] === level)
}

/** Whether `role` may sit at `unit`, which must lie in the admin's subtree; null when it may. */
export function placementRefusal(role: Role, unit: OrgUnit | null, adminUnitPath: string): PeopleRefusal | null {
  if (!unit || !isWithin(unit.path, adminUnitPath)) return { field: 'orgUnitId', message: '没有这个单位，或不在您的管辖范围内' }
  if (ROLE_LEVEL[role] !== unit.level) {
    return { field: 'role', message: `${ROLE_LABEL[role]}只能设在${ORG_LEVEL_LABEL[ROLE_LEVEL[role]]}一级，${unit.name}是${ORG_LEVEL_LABEL[unit.level]}` }
  }
  return null
}

/**
 * Whether the admin may change this person at all: only people of their
 * subtree, and never themselves (an admin who demotes or deactivates
 * themselves locks the bureau out).
 */
export function changeRefusal(admin: Person, adminUnitPath: string, target: Person | null, targetUnit: OrgUnit | null): PeopleRefusal | null {
  if (!target || !targetUnit || !isWithin(targetUnit.path, adminUnitPath)) return { field: 'personId', message: '没有这个人员' }
  if (target.id === admin.id) return { field: 'personId', message: '不能修改自己的角色、单位或状态' }
  return null
}

export function isActive(p: Person): boolean {
  return !p.deactivatedAt
}
