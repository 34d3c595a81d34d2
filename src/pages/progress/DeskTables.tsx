import type { OrgUnit } from '../../core/org'
import type { ProgressData } from '../../services/api'

export interface DeskTablesProps {
  data: ProgressData
  onOpen: (unit: OrgUnit) => void
}

/**
 * The mini-program build: no desk tables (the phone layout is the page).
 * H5 gets DeskTables.h5.tsx, so DataTable stays out of the main package.
 */
export default function DeskTables(_props: DeskTablesProps) {
  return null
}
