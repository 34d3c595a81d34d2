/** The bureau's own short name in the district table's title. */
export const DEFAULT_TITLE_UNIT = '区民政局'

/** "2020年度区民政局全面建成小康社会目标完成情况自查表". */
export function selfInspectionTitle(year: number, titleUnit: string = DEFAULT_TITLE_UNIT): string {
  return `${year}年度${titleUnit}全面建成小康社会目标完成情况自查表`
}
