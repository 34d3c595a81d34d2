import {
  Footer,
  LineRuleType,
  PageNumber,
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  VerticalMergeType,
  WidthType
} from 'docx'
import { TABLE_HEADERS, rowCells, signerLine, unitLine, type SelfInspectionTable } from '../../src/core/table'
import { docxPageBreaks } from './pages'
import { BODY_SIZE_PT, COLUMNS, FONT_CJK, FONT_LATIN, MARGIN_MM, PAGE_MM, TITLE_SIZE_PT, columnWidthsTwips, mmToTwips, type HAlign } from './layout'

const RUN_FONT = { ascii: FONT_LATIN, hAnsi: FONT_LATIN, cs: FONT_LATIN, eastAsia: FONT_CJK }
const halfPoints = (pt: number) => Math.round(pt * 2)

function run(text: string, opts: { bold?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text, font: RUN_FONT, size: halfPoints(opts.size ?? BODY_SIZE_PT), bold: opts.bold })
}

/** A cell's text as paragraphs: one per line, since a run does not break on "\n". */
function paragraphs(text: string, alignment: HAlign, bold = false): Paragraph[] {
  return text.split('\n').map(
    (line) => new Paragraph({ alignment: alignment === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT, children: line ? [run(line, { bold })] : [] })
  )
}

/** The rows cut at the breaks: one list per page. */
function pages<T>(rows: T[], breaks: number[]): T[][] {
  const cuts = [0, ...breaks.sort((a, b) => a - b), rows.length]
  return cuts.slice(1).map((end, i) => rows.slice(cuts[i], end))
}

function cell(text: string, col: number, widths: number[], opts: { bold?: boolean; merge?: 'restart' | 'continue' } = {}): TableCell {
  return new TableCell({
    width: { size: widths[col], type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    verticalMerge: opts.merge === 'restart' ? VerticalMergeType.RESTART : opts.merge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
    children: paragraphs(opts.merge === 'continue' ? '' : text, COLUMNS[col].align, opts.bold)
  })
}

/**
 * The 自查表 as a Word document: one A4 landscape section, the title centred
 * and bold, 单位名称 left and 责任人（签字） right-tabbed, and a fixed-layout
 * table whose header row repeats on every page and whose 类型 cells merge
 * down each category group (w:vMerge restart / continue), split at the
 * planned page breaks so the label repeats on a continuation page.
 */
export async function writeDocx(table: SelfInspectionTable): Promise<Buffer> {
  const widths = columnWidthsTwips()
  const total = widths.reduce((s, w) => s + w, 0)
  // Pages break where pages.ts plans them (forced), and a 类型 group that
  // runs over a break starts a new merged cell there with its label, so
  // every page that shows part of a group names it.
  const breaks = new Set(docxPageBreaks(table))
  const mergeOf = new Map<number, 'restart' | 'continue'>()
  for (const g of table.groups) {
    if (g.span < 2) continue
    for (let i = 0; i < g.span; i++) mergeOf.set(g.start + i, i === 0 || breaks.has(g.start + i) ? 'restart' : 'continue')
  }

  // Still repeated by Word or LibreOffice if a row taller than a page splits anyway.
  const headerRow = () =>
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: TABLE_HEADERS.map((h, c) => cell(h, c, widths, { bold: true }))
    })
  const body = table.rows.map(
    (row, r) =>
      new TableRow({
        // A row torn across pages splits its 完成情况 and the merged 类型
        // text ("业务工作" | "指标"), as LibreOffice showed; Excel never splits rows.
        cantSplit: true,
        children: rowCells(row).map((text, c) => cell(text, c, widths, c === 1 ? { merge: mergeOf.get(r) } : {}))
      })
  )

  const doc = new Document({
    creator: '格报',
    title: table.title,
    styles: { default: { document: { run: { font: RUN_FONT, size: halfPoints(BODY_SIZE_PT) } } } },
    sections: [
      {
        // Pages numbered like the xlsx footer: "第 1 页，共 3 页".
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页，共 ', PageNumber.TOTAL_PAGES, ' 页'], font: RUN_FONT, size: halfPoints(BODY_SIZE_PT) })] })]
          })
        },
        properties: {
          page: {
            // docx swaps width and height for a landscape page.
            size: { width: mmToTwips(PAGE_MM.height), height: mmToTwips(PAGE_MM.width), orientation: PageOrientation.LANDSCAPE },
            margin: { top: mmToTwips(MARGIN_MM.top), bottom: mmToTwips(MARGIN_MM.bottom), left: mmToTwips(MARGIN_MM.left), right: mmToTwips(MARGIN_MM.right) }
          }
        },
        children: [
          // "附件2：" above the title, left, as the seed.
          ...(table.attachmentLine ? [new Paragraph({ spacing: { after: 120 }, children: [run(table.attachmentLine)] })] : []),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(table.title, { bold: true, size: TITLE_SIZE_PT })] }),
          new Paragraph({
            tabStops: [{ type: TabStopType.RIGHT, position: total }],
            spacing: { after: 120 },
            children: [run(unitLine(table)), new TextRun({ children: [new Tab(), signerLine(table)], font: RUN_FONT, size: halfPoints(BODY_SIZE_PT) })]
          }),
          // One table per planned page, each opening with the header row, after a
          // page break (LibreOffice ignores a page break set inside a table row).
          ...pages(body, [...breaks]).flatMap((rows, i) => [
            ...(i > 0 ? [new Paragraph({ pageBreakBefore: true, spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, children: [] })] : []),
            new Table({ width: { size: total, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [headerRow(), ...rows] })
          ]),
          // Which figures the table rests on (working copy or the approved, official version).
          new Paragraph({ spacing: { before: 120 }, children: [run(table.versionLine)] })
        ]
      }
    ]
  })
  return Packer.toBuffer(doc)
}
