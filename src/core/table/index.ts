export { buildSelfInspectionTable, coverageText, VERSION_LINE, type BuildTableInput, type Coverage, type TableEntry, type TableVersion } from './build'
export { categoryGroups, type CategoryGroup } from './groups'
export { indicatorCellText } from './indicatorCell'
export {
  NARRATIVE_SOFT_LIMIT,
  NO_EVIDENCE,
  TABLE_HEADERS,
  rowCells,
  signerLine,
  unitLine,
  type SelfInspectionRow,
  type SelfInspectionTable,
  type TableWarning
} from './model'
export { AWAITING_REVIEW, BREAKDOWN_LIMIT, NOT_REPORTED, draftNarrative, labelStem, type NarrativeOptions, type UnitFigures } from './narrative'
export { rateCell, type RateCell } from './rateCell'
export { cleanText, formatNumber, formatOneDecimal } from './text'
export { DEFAULT_TITLE_UNIT, selfInspectionTitle } from './title'
