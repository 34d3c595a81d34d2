import type { DeskShellProps } from './types'

export type { DeskShellProps } from './types'

/**
 * The mini-program build: no desk layout, just the page. Taro picks
 * index.h5.tsx for H5, so no side navigation, media query or DOM code
 * reaches the main package here. The nav list is in ./nav.ts (import it
 * from there; this file does not re-export it, to keep it out of weapp).
 */
export default function DeskShell({ children }: DeskShellProps) {
  return <>{children}</>
}

/** Whether the desk layout applies: never in the mini-program. */
export function useIsDesk(): boolean {
  return false
}
