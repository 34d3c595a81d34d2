import Taro from '@tarojs/taro'

/** The 待办 tab's position in app.config.ts `tabBar.list`. */
const PENDING_TAB = 1

/**
 * Shows what needs doing on the 待办 tab ("99+" beyond 99) or clears it at
 * 0. Never throws: the tab bar may be missing (H5 before the tab bar is
 * mounted, a non-tab page, tests), and a badge is not worth an error.
 */
export async function showPendingBadge(count: number): Promise<void> {
  try {
    if (count > 0) await Taro.setTabBarBadge({ index: PENDING_TAB, text: count > 99 ? '99+' : String(count) })
    else await Taro.removeTabBarBadge({ index: PENDING_TAB })
  } catch {
    // No tab bar here: nothing to show.
  }
}
