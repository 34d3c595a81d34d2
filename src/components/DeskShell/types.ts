import type { ReactNode } from 'react'

export interface DeskShellProps {
  /** The page's heading at desk width (the phone keeps its navigation bar title). */
  title: string
  /** The page path of the nav entry to mark as current, e.g. 'packages/org/index'. */
  active: string
  children?: ReactNode
  /** Buttons shown beside the heading at desk width. */
  actions?: ReactNode
}
