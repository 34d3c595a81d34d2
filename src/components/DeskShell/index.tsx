import type { DeskShellProps } from './types'

export type { DeskShellProps } from './types'
export { DESK_NAV, deskNavFor, DESK_MIN_WIDTH, type DeskNavEntry } from './nav'

/**
 * The mini-program build: no desk layout, just the page. Taro picks
 * index.h5.tsx for H5, so no side navigation, media query or DOM code
 * reaches the main package here.
 */
export default function DeskShell({ children }: DeskShellProps) {
  return <>{children}</>
}

/** Whether the desk layout applies: never in the mini-program. */
export function useIsDesk(): boolean {
  return false
}
