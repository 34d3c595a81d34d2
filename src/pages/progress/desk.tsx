import type { ReactNode } from 'react'
import type { OrgUnit } from '../../core/org'
import type { ProgressData } from '../../services/api'

/**
 * 进度's desk layout hooks, mini-program build: none (the phone layout is
 * the page). Taro picks desk.h5.tsx for H5 (DeskShell, DataTable tables),
 * so none of that reaches the main package.
 */
export function ProgressFrame({ children }: { children: ReactNode }) {
  return <>{children}</>
}

export function useDeskTables(): boolean {
  return false
}

export function ProgressTables(_props: { data: ProgressData; onOpen: (unit: OrgUnit) => void }) {
  return null
}
