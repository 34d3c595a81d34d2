import type { addPerson, listPeople, PersonRow } from '../../../cloud/api/handlers/people'
import type { inviteCommunity } from '../../../cloud/api/handlers/invites'
import type { Role } from '../../core/person'
import type { UnitLite } from './unitChoice'
import { ApiFailure } from '../../services/api'
import { getServices } from '../../services'

/**
 * The people actions (docs/api.md, people.* and invite.community), typed
 * for this subpackage only; handler types are type-only imports.
 */
type Data<A extends { run: (...args: never[]) => Promise<unknown> }> = Awaited<ReturnType<A['run']>>
export type { PersonRow }
export type PeoplePage = Data<typeof listPeople>
export type CommunityInvites = Data<typeof inviteCommunity>
export type AddedPerson = Data<typeof addPerson>

async function call<T>(action: string, payload: unknown): Promise<T> {
  const res = await getServices().api.transport.call<T>(action, payload)
  if (!res.ok) throw new ApiFailure(res.error)
  return res.data
}

export const peopleApi = {
  list: (q: { unitId?: string; after?: string; limit?: number }) => call<PeoplePage>('people.list', q),
  add: (person: { name: string; role: Role; orgUnitId: string }) => call<AddedPerson>('people.add', { person }),
  move: (personId: string, orgUnitId: string) => call<AddedPerson>('people.move', { personId, orgUnitId }),
  setRole: (personId: string, role: Role, orgUnitId?: string) => call<AddedPerson>('people.setRole', { personId, role, ...(orgUnitId ? { orgUnitId } : {}) }),
  deactivate: (personId: string) => call<AddedPerson>('people.deactivate', { personId }),
  reactivate: (personId: string) => call<AddedPerson>('people.reactivate', { personId }),
  /** The admin's units (org.tree), to choose them by name. */
  units: () => call<{ units: UnitLite[] }>('org.tree', {}).then((d) => d.units),
  inviteCommunity: (communityId: string, rows?: { name: string; orgUnitId: string }[]) => call<CommunityInvites>('invite.community', { communityId, ...(rows ? { rows } : {}) })
}

/** Field → message of a refusal, for the form to show next to each field. */
export function fieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiFailure)) return { form: e instanceof Error ? e.message : '操作失败，请重试' }
  const out: Record<string, string> = {}
  for (const i of e.error.issues ?? []) out[i.path.replace(/^person\./, '') || 'form'] = i.message
  if (Object.keys(out).length === 0) out.form = e.message
  return out
}

/**
 * The invites just made, handed to the sheet page in memory (codes are
 * never put in a URL or in storage; reopening the sheet later means
 * making fresh codes).
 */
let lastSheet: CommunityInvites | null = null
export const sheetHandOff = {
  put: (s: CommunityInvites) => void (lastSheet = s),
  get: () => lastSheet
}
