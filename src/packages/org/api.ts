import type { orgImport, orgMerge, orgMove, orgTreeAction } from '../../../cloud/api/handlers/org'
import type { OrgUnit } from '../../core/org'
import { ApiFailure } from '../../services/api'
import { getServices } from '../../services'

/**
 * The org.* actions (docs/api.md), typed for this subpackage only, over the
 * same transport as every other call; handler types are type-only imports,
 * so nothing of the server and nothing of this file reaches the main package.
 */
type Data<A extends { run: (...args: never[]) => Promise<unknown> }> = Awaited<ReturnType<A['run']>>
export type OrgTreeData = Data<typeof orgTreeAction>
export type OrgMoveData = Data<typeof orgMove>
export type OrgMergeData = Data<typeof orgMerge>
export type OrgImportData = Data<typeof orgImport>
export type ImportLine = OrgImportData['lines'][number]

async function call<T>(action: string, payload: unknown): Promise<T> {
  const res = await getServices().api.transport.call<T>(action, payload)
  if (!res.ok) throw new ApiFailure(res.error)
  return res.data
}

export const orgApi = {
  tree: () => call<OrgTreeData>('org.tree', {}),
  create: (parentId: string, name: string) => call<{ unit: OrgUnit }>('org.create', { parentId, name }),
  rename: (unitId: string, name: string) => call<{ unit: OrgUnit }>('org.rename', { unitId, name }),
  population: (unitId: string, population: Record<string, number>) => call<{ unit: OrgUnit }>('org.population', { unitId, population }),
  move: (unitId: string, parentId: string) => call<OrgMoveData>('org.move', { unitId, parentId }),
  merge: (unitId: string, intoId: string) => call<OrgMergeData>('org.merge', { unitId, intoId }),
  retire: (unitId: string) => call<{ unit: OrgUnit }>('org.retire', { unitId }),
  importSheet: (name: string, base64: string, dryRun: boolean) => call<OrgImportData>('org.import', { name, base64, dryRun })
}

/** A failure as form errors: the message for each named input, and one for the form. */
export function fieldErrors(e: unknown): { fields: Record<string, string>; message: string } {
  if (!(e instanceof ApiFailure)) return { fields: {}, message: '网络不通，请稍后再试' }
  const fields: Record<string, string> = {}
  for (const i of e.error.issues ?? []) if (i.path && !fields[i.path.split('.')[0]]) fields[i.path.split('.')[0]] = i.message
  return { fields, message: e.message }
}
