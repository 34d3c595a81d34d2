export { writeDocx } from './docx'
export { exportFileName } from './layout'
export { writeXlsx } from './xlsx'
