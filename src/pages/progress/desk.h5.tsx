import type { ReactNode } from 'react'
import DeskShell, { useIsDesk } from '../../components/DeskShell'
import DeskTables from './DeskTables'
import './desk.h5.scss'

/** 进度 at desk width (H5): inside DeskShell, and tables instead of cards (see desk.tsx for the mini-program). */
export function ProgressFrame({ children }: { children: ReactNode }) {
  return (
    <DeskShell title="进度" active="pages/progress/index">
      {children}
    </DeskShell>
  )
}

export const useDeskTables = useIsDesk

export const ProgressTables = DeskTables
