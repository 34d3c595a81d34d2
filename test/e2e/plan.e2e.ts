import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { post, login } from '../server/process'
import { otherDocx, seedDocx } from '../import/fixtures'
import { describeViolations, isSevere, runAxe } from './a11y/axe'
import { launchBrowser } from './browser'
import { startProduct } from './server'

/**
 * The bureau's plan at a desk (1280×800, Debian chromium, the H5 build on
 * the real server): import last year's seed-layout 自查表 docx, open the
 * draft in the designer, fix what it flags and one target, publish after
 * the dry run says what it affects, and split one target to the streets.
 * axe-core must find nothing serious on the three plan pages.
 */
const NOW = '2020-12-20T10:00:00+08:00'
const ARTIFACTS = join(__dirname, '../../test-artifacts')
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

let product: Awaited<ReturnType<typeof startProduct>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
let desk: { context: BrowserContext; page: Page }

async function axeClean(page: Page, name: string) {
  const severe = (await runAxe(page)).filter(isSevere)
  if (severe.length) {
    mkdirSync(ARTIFACTS, { recursive: true })
    writeFileSync(join(ARTIFACTS, `plan-${name}.axe.json`), JSON.stringify(severe, null, 2))
  }
  expect(describeViolations(name, severe)).toBe('')
}

const go = (route: string) => desk.page.goto(`${product.server.base}/#${route}`)

async function upload(name: string, buffer: Buffer) {
  const page = desk.page
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.nut-button', { hasText: '选择文件' }).click()])
  await chooser.setFiles({ name, mimeType: DOCX, buffer })
}

beforeAll(async () => {
  product = await startProduct(NOW)
  browser = await launchBrowser()
  const context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  await context.clock.setFixedTime(new Date(NOW))
  desk = { context, page: await context.newPage() }
  await go('/packages/login/index')
  await desk.page.locator('.gb-cell', { hasText: '田莉莉' }).click()
  await desk.page.locator('.weui-tabbar__item').first().waitFor()
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

test('a file that is not a 自查表 says what was expected; the seed docx reads as a draft in its 类型 groups', async () => {
  await go('/packages/plan/import')
  const page = desk.page
  await page.locator('.gb-desk__nav').getByText('导入').waitFor()
  await axeClean(page, 'import')
  await upload('会议签到表.docx', await otherDocx())
  await page.getByRole('alert').getByText(/这个文件不是自查表：没有找到表头。请上传自查表/).waitFor()
  await upload('2020年自查表.docx', await seedDocx())
  await page.getByText(/2020年自查表\.docx：读出 9 项指标/).waitFor()
  await page.getByRole('group', { name: '业务工作指标' }).getByText(/目标（数量（≥））/).first().waitFor()
  await page.getByText(/第1、2、3项没有填写类型/).waitFor()
  await axeClean(page, 'import-draft')
})

test('in the designer the draft is checked by the server’s rule: errors next to their fields, what was typed kept', async () => {
  const page = desk.page
  await page.locator('.nut-button', { hasText: '在设计器中打开' }).click()
  await page.getByText(/已打开导入的草稿/).waitFor()
  await page.locator('.nut-button', { hasText: '发布…' }).click()
  await page.getByRole('alert').getByText('还有3项指标有错，改好标红的地方再发布').waitFor()
  // The three items the seed leaves without 类型.
  for (let i = 0; i < 3; i++) {
    await page.locator('.gb-plan-item', { hasText: '有错' }).first().locator('.gb-plan-item__name').click()
    await page.getByText('请填类型，最多30个字').waitFor()
    await page.getByLabel('类型', { exact: true }).fill('基础指标')
  }
  expect(await page.locator('.gb-plan-item', { hasText: '有错' }).count()).toBe(0)

  // Fix one target: 每千名老人50张 → 55, first typed wrong.
  await page.locator('.gb-plan-item__name', { hasText: '养老床位' }).click()
  const least = page.getByLabel('至少', { exact: true })
  await least.fill('五十五')
  await page.locator('.gb-plan-target').getByText('目标要大于0（进度目标在0%到100%之间）').waitFor()
  expect(await least.inputValue()).toBe('五十五')
  await least.fill('55')
  await page.getByLabel('目标写法', { exact: true }).fill('每千名老人55张以上')
  await page.getByLabel('指标内容及指标值', { exact: true }).fill('每千名老人55张以上')
  await page.locator('.gb-plan-cell', { hasText: '养老床位：每千名老人55张以上' }).waitFor()
  await page.locator('.gb-plan-bubble').first().getByText(/^请填「/).waitFor()

  // Review it level by level: the levels above 社区 are offered, lowest first; only 街道 kept.
  const chain = page.getByRole('group', { name: '审核链' })
  await chain.getByRole('radio', { name: '逐级审核、签核' }).click()
  const levels = chain.getByRole('group', { name: '审核层级（从下往上）' }).getByRole('checkbox')
  expect(await levels.allTextContents()).toEqual(['✓ 街道', '✓ 区民政局'])
  await levels.filter({ hasText: '区民政局' }).click()
  await chain.getByText('街道审核每份报告').waitFor()
  await axeClean(page, 'designer')
})

test('publishing says what it affects first, then stores the 2021 plan', async () => {
  const page = desk.page
  await page.locator('.nut-button', { hasText: '发布…' }).click()
  const dialog = page.getByRole('dialog', { name: '发布前确认' })
  await dialog.getByText('新增 9 项指标').waitFor()
  await dialog.locator('.nut-button', { hasText: '确认发布' }).click()
  await page.getByRole('status').getByText(/已发布2021年的计划：新增 9 项指标/).waitFor()
  const token = await login(product.server.base, 'u-admin')
  const plan = (await post(product.server.base, 'plan.list', { year: 2021 }, token)).body.data.indicators
  expect(plan).toHaveLength(9)
  const bed = plan.find((i: any) => i.title === '养老床位')
  expect(bed.code).toBe('YL-BED')
  expect(bed.targets[0]).toMatchObject({ kind: 'rate', min: 55, label: '每千名老人55张以上' })
  expect(bed.reviewChain).toEqual(['street'])
})

test('the allocation grid splits a count target to the streets: a refused row named, then evenly to exactly the target', async () => {
  await go('/packages/plan/allocate')
  const page = desk.page
  await page.getByRole('radio', { name: '2020年' }).waitFor()
  await page.getByRole('radio', { name: '2021年' }).click()
  const first = page.getByRole('radiogroup', { name: '要分解的目标' }).getByRole('radio').first()
  await first.click()
  const picked = (await first.innerText()).trim()
  await page.getByText(/硚口区的目标/).waitFor()
  await page.getByLabel('长丰街分解数').fill('两个')
  await page.locator('.nut-button', { hasText: '保存分解' }).click()
  await page.getByRole('alert').getByText('长丰街：分解数必须是数字').waitFor()
  await page.locator('.nut-button', { hasText: '平均分配' }).click()
  await page.getByText('正好分完').waitFor()
  await page.locator('.nut-button', { hasText: '保存分解' }).click()
  await page.getByRole('status').getByText(/已保存：分解合计/).waitFor()
  await axeClean(page, 'allocate')
  const token = await login(product.server.base, 'u-admin')
  const plan = (await post(product.server.base, 'plan.list', { year: 2021 }, token)).body.data.indicators
  const item = plan.find((i: any) => picked.startsWith(`${i.seq}. ${i.title}：`))
  const t = item.targets.find((x: any) => picked.endsWith(`：${x.label}`))
  const shares = Object.values(item.allocations[t.id]) as number[]
  expect(shares).toHaveLength(11)
  expect(shares.reduce((a, b) => a + b, 0)).toBe(t.min)
})
