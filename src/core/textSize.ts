/**
 * Large text (大字): on when the person switched it on in 我的, off when they
 * switched it off, and otherwise as WeChat's own text size says
 * (getAppBaseInfo().fontSizeSetting, in px: 16–17 is WeChat's standard, so
 * anything from LARGE_FONT_SETTING up asks for larger text).
 */
export type LargeTextChoice = 'on' | 'off' | null

export const LARGE_FONT_SETTING = 18

export function largeTextOn(choice: LargeTextChoice, fontSizeSetting: number | undefined): boolean {
  if (choice === 'on') return true
  if (choice === 'off') return false
  return typeof fontSizeSetting === 'number' && fontSizeSetting >= LARGE_FONT_SETTING
}
