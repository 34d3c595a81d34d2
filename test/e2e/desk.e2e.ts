import ExcelJS from 'exceljs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { login, post } from '../server/process'
import { describeViolations, isSevere, runAxe } from './a11y/axe'
import { launchBrowser } from './browser'
import { startProduct } from './server'

/**
 * The bureau's desk at 1280×800: the side navigation, and the org tree page
 * driven as an admin would: import a streets-and-communities sheet (a real
 * xlsx picked in the browser's file dialog, checked by a dry run, then
 * imported), rename a street, try a name that is taken (refused next to
 * the field, the typed text kept), and move a community to another street.
 * axe-core finds nothing serious on the page.
 */
const NOW = '2020-12-20T10:00:00+08:00'
const ARTIFACTS = join(__dirname, '../../test-artifacts')

let product: Awaited<ReturnType<typeof startProduct>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
let context: BrowserContext
let page: Page
let dir: string
let sheet: string

beforeAll(async () => {
  product = await startProduct(NOW)
  browser = await launchBrowser()
  context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  await context.clock.setFixedTime(new Date(NOW))
  page = await context.newPage()
  dir = mkdtempSync(join(tmpdir(), 'gebao-desk-'))
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('街道社区')
  ws.addRow(['街道', '社区', '常住人口'])
  ws.addRow(['新港街道', '海湾社区', 8200])
  ws.addRow(['新港街道', '码头社区', 6100])
  ws.addRow(['长丰街', '新苑社区', ''])
  sheet = join(dir, '街道社区.xlsx')
  await wb.xlsx.writeFile(sheet)
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await product?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const tree = async () => (await post(product.server.base, 'org.tree', {}, await login(product.server.base, 'u-admin'))).body.data.units as { id: string; name: string; parentId: string | null; level: string }[]

async function confirmModal(label: string) {
  await page.locator('.taro-modal__foot').getByText(label, { exact: true }).click()
}

async function choose(name: string) {
  await page.getByRole('textbox', { name: '按名称查找单位' }).fill(name)
  await page.getByRole('list', { name: '查找结果' }).getByRole('button', { name: new RegExp(`${name}（`) }).first().click()
}

test('the admin’s side navigation lists every desk page, 组织架构 marked current', async () => {
  await page.goto(`${product.server.base}/#/packages/login/index`)
  await page.locator('.gb-cell', { hasText: '田莉莉' }).click()
  await page.waitForURL(/pages\/chat/)
  await page.locator('.bubble--bot').first().waitFor()
  // Opened as an admin opens a bookmark: the org page is the first page of a fresh load.
  await page.goto(`${product.server.base}/#/packages/org/index`)
  await page.reload()
  const nav = page.getByRole('navigation', { name: '工作台导航' })
  await nav.waitFor()
  expect(await nav.getByRole('link').allTextContents()).toEqual(['进度', '组织架构', '人员与邀请', '年度计划', '指标分解', '导入', '审核', '完成情况', '导出自查表'])
  expect(await nav.getByRole('link', { name: '组织架构' }).getAttribute('aria-current')).toBe('page')
  await page.getByRole('list', { name: '组织架构' }).waitFor()
  // The tree and the panel sit side by side.
  const treeBox = await page.locator('.gb-org__tree').boundingBox()
  const sideBox = await page.locator('.gb-org__side').boundingBox()
  expect(sideBox!.x).toBeGreaterThan(treeBox!.x + treeBox!.width - 1)
})

test('import: a real xlsx through the file dialog, a dry run that writes nothing, then the import', async () => {
  const before = await tree()
  await page.getByRole('button', { name: '从表格导入' }).click()
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: '选择表格文件' }).click()
  await (await chooser).setFiles(sheet)
  await page.getByText('检查通过：将新建4个单位（还没有写入）').waitFor()
  const preview = page.getByRole('table', { name: '导入预览' })
  expect(await preview.getByRole('row').count()).toBe(4)
  expect(await preview.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['2', '新港街道', '海湾社区', '', '新建', '新建：新港街道、海湾社区'])
  expect(await tree()).toEqual(before)
  await page.screenshot({ path: join(ARTIFACTS, 'desk-org-import-preview.png') })
  await page.getByRole('button', { name: '确认导入' }).click()
  await confirmModal('导入')
  await page.getByText('已导入：新建4个单位').waitFor()
  const after = await tree()
  const street = after.find((u) => u.name === '新港街道')!
  expect(after.filter((u) => u.parentId === street.id).map((u) => u.name)).toEqual(['海湾社区', '码头社区'])
  expect(after.find((u) => u.name === '新苑社区')!.parentId).toBe('qk-s11')
})

test('rename a street; a taken name is refused next to the field and the typed text stays', async () => {
  await choose('新港街道')
  const name = page.getByRole('textbox', { name: '名称', exact: true })
  await name.fill('新港街')
  await page.getByRole('button', { name: '保存名称' }).click()
  await page.getByText('已改名为「新港街」').waitFor()
  await choose('新港街')
  await name.fill('长丰街')
  await page.getByRole('button', { name: '保存名称' }).click()
  await page.getByRole('alert').getByText('同一上级下已有「长丰街」，请换一个名称').waitFor()
  expect(await name.inputValue()).toBe('长丰街')
  expect((await tree()).filter((u) => u.name === '长丰街')).toHaveLength(1)
})

test('move a community to another street, with a confirmation', async () => {
  await choose('码头社区')
  await page.getByRole('textbox', { name: '移到哪个街道下面' }).fill('长丰')
  await page.getByRole('radiogroup', { name: '移到哪个街道下面的候选' }).getByRole('radio', { name: '长丰街', exact: true }).click()
  await page.getByRole('button', { name: '移动', exact: true }).click()
  await confirmModal('移动')
  await page.getByText(/已移到「长丰街」下面/).waitFor()
  expect((await tree()).find((u) => u.name === '码头社区')!.parentId).toBe('qk-s11')
})

test('axe-core: nothing serious or critical on the org page at desk width', async () => {
  await choose('海湾社区')
  await page.waitForTimeout(300)
  const violations = (await runAxe(page)).filter(isSevere)
  await page.screenshot({ path: join(ARTIFACTS, 'desk-org.png'), fullPage: true })
  expect(describeViolations('org', violations)).toBe('')
})

test('进度 in the side navigation opens the progress page', async () => {
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '进度' }).click()
  await page.waitForURL(/pages\/progress/)
  // At desk width 进度 is tables: indicators sortable by rate, the streets below.
  const indicators = page.getByRole('table', { name: '各项指标完成情况' })
  await indicators.waitFor()
  expect(await indicators.getByRole('columnheader').allTextContents()).toEqual(['序号▲', '类型↕', '指标↕', '完成率↕', '已报单位↕', '已收/应收↕', '按时↕', '退回↕'])
  await indicators.getByRole('button', { name: '完成率' }).click()
  expect(await indicators.getByRole('columnheader').nth(3).getAttribute('aria-sort')).toBe('ascending')
  const streets = page.getByRole('table', { name: /下级单位/ })
  expect(await streets.getByRole('row').count()).toBe(13) // header + 11 demo streets + 新港街
  await page.screenshot({ path: join(ARTIFACTS, 'desk-progress.png') })
  const violations = (await runAxe(page)).filter(isSevere)
  expect(describeViolations('progress', violations)).toBe('')
})
