import type { Role } from '../../core/person'

/** One entry of the desk side navigation: a page path (no leading slash) and its label. */
export interface DeskNavEntry {
  path: string
  label: string
  /** Who sees it; the server checks access again on every action. */
  roles: readonly Role[]
  /** Tab-bar pages open with switchTab, others with redirectTo. */
  tab?: boolean
}

const ADMIN: readonly Role[] = ['admin']
const REVIEWERS: readonly Role[] = ['admin', 'street_reviewer', 'community_reviewer']

/**
 * The desk navigation, one list in one place: every desk page is named here
 * and nowhere else. Pages outside the tab bar live in subpackages.
 */
export const DESK_NAV: readonly DeskNavEntry[] = [
  { path: 'pages/progress/index', label: '进度', roles: REVIEWERS, tab: true },
  { path: 'packages/org/index', label: '组织架构', roles: ADMIN },
  { path: 'packages/people/index', label: '人员与邀请', roles: ADMIN },
  { path: 'packages/plan/index', label: '年度计划', roles: ADMIN },
  { path: 'packages/plan/allocate', label: '指标分解', roles: ADMIN },
  { path: 'packages/plan/import', label: '导入', roles: ADMIN },
  { path: 'packages/review/index', label: '审核', roles: REVIEWERS },
  { path: 'packages/review/completeness', label: '完成情况', roles: REVIEWERS },
  { path: 'packages/review/export', label: '导出自查表', roles: ADMIN }
]

/** The entries a role sees, in list order; none for a grid worker (the chat is their desk). */
export function deskNavFor(role: Role | null | undefined): DeskNavEntry[] {
  if (!role) return []
  return DESK_NAV.filter((e) => e.roles.includes(role))
}

/** Widths at or above this get the desk layout (H5 only). */
export const DESK_MIN_WIDTH = 1024
