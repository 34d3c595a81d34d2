import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { seedDocx } from '../import/fixtures'
import { admin } from '../server/faults/helpers'
import { describeViolations, isSevere, runAxe } from './a11y/axe'
import { launchBrowser } from './browser'
import { startProduct } from './server'

/**
 * Issue 13's done-when journey at a desk (1280×800, Debian chromium, the H5
 * build on the real server): an EMPTY data folder with demo login off,
 * `npm run admin -- init` prints the first admin's invite code, and the
 * admin, on screen only, goes to a published plan:
 *   1. signs in with the code;
 *   2. imports a streets-and-communities sheet (a real xlsx through the
 *      file dialog: dry run, then import) on 组织架构;
 *   3. imports the seed-layout docx on 导入 and opens it in the designer;
 *   4. fixes one target and publishes after the "affects" confirmation;
 *   5. splits one count target to the new streets by their population
 *      (the sheet's 常住人口) on 指标分解;
 *   6. invites one community's new grid workers on 人员与邀请 (community
 *      and grids chosen by name: a real install's ids are generated) and
 *      sees the QR sheet.
 * What was stored is read from the server's own database after each step.
 */
const NOW = '2020-12-20T10:00:00+08:00'
const ARTIFACTS = join(__dirname, '../../test-artifacts')
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

let product: Awaited<ReturnType<typeof startProduct>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
let context: BrowserContext
let page: Page
let code: string

const go = (route: string) => page.goto(`${product.server.base}/#${route}`)

/** Reads the server's SQLite database (read-only, beside the running server). */
function db<T>(read: (d: Database.Database) => T): T {
  const d = new Database(join(product.dataDir, 'gebao.db'), { readonly: true, fileMustExist: true })
  try {
    return read(d)
  } finally {
    d.close()
  }
}
type Unit = { id: string; name: string; level: string; parent_id: string | null; population: string | null }
const units = () => db((d) => d.prepare('SELECT id, name, level, parent_id, population FROM org_units').all() as Unit[])
const plan = (year: number) => db((d) => (d.prepare('SELECT body FROM plans WHERE year = ? ORDER BY seq').all(year) as { body: string }[]).map((r) => JSON.parse(r.body)))

async function axeClean(name: string) {
  const severe = (await runAxe(page)).filter(isSevere)
  expect(describeViolations(name, severe)).toBe('')
}

async function streetsSheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('街道社区')
  ws.addRow(['街道', '社区', '网格', '常住人口'])
  ws.addRow(['东湖街道', '', '', 52000])
  ws.addRow(['东湖街道', '湖滨社区', '第1网格', ''])
  ws.addRow(['东湖街道', '湖滨社区', '第2网格', ''])
  ws.addRow(['东湖街道', '湖心社区', '第1网格', ''])
  ws.addRow(['西岭街道', '', '', 26000])
  ws.addRow(['西岭街道', '岭南社区', '第1网格', ''])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  product = await startProduct(NOW, { DEMO_LOGIN: 'off', REMIND_CRON: 'off' })
  const init = admin(product.dataDir, 'init', '--district', '某某区', '--name', '张三')
  expect(init.status).toBe(0)
  code = /Invite code for 张三 \([a-z0-9-]+\): ([A-Z2-9]{8})/.exec(init.out)![1]
  browser = await launchBrowser()
  context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  await context.clock.setFixedTime(new Date(NOW))
  page = await context.newPage()
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await product?.stop()
})

test('1. the first admin signs in with the invite code `admin init` printed (no demo people offered)', async () => {
  await go('/packages/login/index')
  await page.locator('input[placeholder="请输入邀请码"]').fill(code)
  expect(await page.getByText('演示账号（本地模式）').count()).toBe(0)
  await page.locator('.nut-button', { hasText: '用邀请码登录' }).click()
  await page.waitForURL(/pages\/chat/)
  expect(units()).toHaveLength(1) // only the district
})

test('2. 组织架构: the streets-and-communities xlsx, a dry run that writes nothing, then the import', async () => {
  // A bookmark opened fresh (see desk.e2e: a hash change while the chat's chunks load does not navigate).
  await go('/packages/org/index')
  await page.reload()
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '组织架构', exact: true }).waitFor()
  await page.getByRole('button', { name: '从表格导入' }).click()
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '选择表格文件' }).click()])
  await chooser.setFiles({ name: '街道社区.xlsx', mimeType: XLSX, buffer: await streetsSheet() })
  await page.getByText('检查通过：将新建9个单位（还没有写入）').waitFor()
  expect(units()).toHaveLength(1)
  await page.getByRole('button', { name: '确认导入' }).click()
  await page.locator('.taro-modal__foot').getByText('导入', { exact: true }).click()
  await page.getByText('已导入：新建9个单位').waitFor()
  const all = units()
  const street = (n: string) => all.find((u) => u.name === n && u.level === 'street')!
  expect(all.filter((u) => u.level === 'street').map((u) => u.name).sort()).toEqual(['东湖街道', '西岭街道'])
  expect(all.filter((u) => u.level === 'grid')).toHaveLength(4)
  expect(JSON.parse(street('东湖街道').population!)).toEqual({ residents: 52000 })
  // The tree shows the new streets at once; a street opens to its communities.
  const tree = page.getByRole('list', { name: '组织架构' })
  await tree.getByText('西岭街道').first().waitFor()
  await tree.getByRole('button', { name: '展开东湖街道' }).click()
  await tree.getByText('湖滨社区').first().waitFor()
  await axeClean('org')
})

test('3. 导入: the seed-layout docx becomes a draft, opened in the designer', async () => {
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '导入', exact: true }).click()
  await page.waitForURL(/packages\/plan\/import/)
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.nut-button', { hasText: '选择文件' }).click()])
  await chooser.setFiles({ name: '2020年自查表.docx', mimeType: DOCX, buffer: await seedDocx() })
  await page.getByText(/2020年自查表\.docx：读出 9 项指标/).waitFor()
  await page.locator('.nut-button', { hasText: '在设计器中打开' }).click()
  await page.getByText(/已打开导入的草稿/).waitFor()
  expect(plan(2021)).toHaveLength(0) // nothing published by the import
})

test('4. the designer: fill the missing 类型, fix one target, publish after the "affects" confirmation', async () => {
  for (let i = 0; i < 3; i++) {
    await page.locator('.gb-plan-item', { hasText: '有错' }).first().locator('.gb-plan-item__name').click()
    await page.getByText('请填类型，最多30个字').waitFor()
    await page.getByLabel('类型', { exact: true }).fill('基础指标')
  }
  expect(await page.locator('.gb-plan-item', { hasText: '有错' }).count()).toBe(0)
  await page.locator('.gb-plan-item__name', { hasText: '养老床位' }).click()
  await page.getByLabel('至少', { exact: true }).fill('55')
  await page.getByLabel('目标写法', { exact: true }).fill('每千名老人55张以上')
  await page.locator('.nut-button', { hasText: '发布…' }).click()
  const dialog = page.getByRole('dialog', { name: '发布前确认' })
  await dialog.getByText('新增 9 项指标').waitFor()
  expect(plan(2021)).toHaveLength(0) // the dry run wrote nothing
  await dialog.locator('.nut-button', { hasText: '确认发布' }).click()
  await page.getByRole('status').getByText(/已发布2021年的计划：新增 9 项指标/).waitFor()
  const published = plan(2021)
  expect(published).toHaveLength(9)
  expect(published.find((i) => i.title === '养老床位').targets[0]).toMatchObject({ kind: 'rate', min: 55, label: '每千名老人55张以上' })
})

test('5. 指标分解: one count target split to the two new streets by the sheet’s 常住人口', async () => {
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '指标分解', exact: true }).click()
  await page.waitForURL(/packages\/plan\/allocate/)
  await page.getByRole('radio', { name: '2021年' }).click()
  const first = page.getByRole('radiogroup', { name: '要分解的目标' }).getByRole('radio').first()
  await first.click()
  const picked = (await first.innerText()).trim()
  await page.getByText(/某某区的目标/).waitFor()
  // The population column comes from the org import.
  expect(await page.getByLabel('东湖街道人口').inputValue()).toBe('52000')
  expect(await page.getByLabel('西岭街道人口').inputValue()).toBe('26000')
  await page.locator('.nut-button', { hasText: '按人口分配' }).click()
  await page.getByText('正好分完').waitFor()
  await page.locator('.nut-button', { hasText: '保存分解' }).click()
  await page.getByRole('status').getByText(/已保存：分解合计/).waitFor()
  await page.screenshot({ path: join(ARTIFACTS, 'journey-allocate.png') })
  const item = plan(2021).find((i) => picked.startsWith(`${i.seq}. ${i.title}：`))
  const t = item.targets.find((x: any) => picked.endsWith(`：${x.label}`))
  const all = units()
  const id = (n: string) => all.find((u) => u.name === n && u.level === 'street')!.id
  const shares = item.allocations[t.id]
  expect(Object.keys(shares).sort()).toEqual([id('东湖街道'), id('西岭街道')].sort())
  expect(shares[id('东湖街道')] + shares[id('西岭街道')]).toBe(t.min)
  expect(shares[id('东湖街道')]).toBeGreaterThanOrEqual(shares[id('西岭街道')])
})

test('6. 人员与邀请: one community’s new grid workers, chosen by name, and their QR sheet', async () => {
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '人员与邀请', exact: true }).click()
  await page.waitForURL(/packages\/people\/index/)
  await page.getByText('张三').first().waitFor()
  await page.locator('input[placeholder^="社区名称"]').fill('湖滨')
  await page.getByRole('radiogroup', { name: '社区的候选' }).getByRole('radio', { name: '东湖街道 · 湖滨社区' }).click()
  await page.getByText('已选：东湖街道 · 湖滨社区').waitFor()
  const lines = page.locator('textarea[placeholder^="新网格员"]')
  // A grid the community does not have is refused beside the list, which keeps what was typed.
  await lines.fill('王小明 第1网格\n李小红 第9网格')
  await page.locator('.nut-button', { hasText: '生成邀请码并打印' }).click()
  await page.getByText('第2行：湖滨社区没有「第9网格」这个网格').waitFor()
  expect(await lines.inputValue()).toBe('王小明 第1网格\n李小红 第9网格')
  await lines.fill('王小明 第1网格\n李小红 第2网格')
  await axeClean('people')
  await page.locator('.nut-button', { hasText: '生成邀请码并打印' }).click()
  await page.getByText(/网格员邀请码/).waitFor()
  const cards = page.locator('.sheet__card')
  await cards.first().waitFor()
  expect(await cards.count()).toBe(2)
  await cards.first().getByText(/有效期至 2021-01-03/).waitFor()
  expect(await page.locator('.sheet__qr').count()).toBeGreaterThanOrEqual(2)
  // Each card names its person and grid with the parents (never an id).
  const wang = page.locator('.sheet__card', { hasText: '王小明' })
  await wang.getByText('东湖街道 · 湖滨社区 · 第1网格').waitFor()
  // The page slides in (Taro's navigateTo): the cards settle inside the 1280 px viewport.
  await page.waitForFunction(() => {
    const sheet = document.querySelector('.sheet')?.getBoundingClientRect()
    const all = document.querySelectorAll('.sheet__card')
    const last = all[all.length - 1]?.getBoundingClientRect()
    return !!sheet && !!last && Math.round(sheet.left) === 0 && last.right <= window.innerWidth
  })
  await page.screenshot({ path: join(ARTIFACTS, 'journey-sheet.png') })
  const all = units()
  const community = all.find((u) => u.name === '湖滨社区')!
  const grids = all.filter((u) => u.parent_id === community.id)
  const people = db((d) => d.prepare("SELECT name, org_unit_id AS unit FROM people WHERE role = 'grid_worker' ORDER BY name").all() as { name: string; unit: string }[])
  expect(people).toEqual([
    { name: '李小红', unit: grids.find((g) => g.name === '第2网格')!.id },
    { name: '王小明', unit: grids.find((g) => g.name === '第1网格')!.id }
  ])
  await axeClean('people-sheet')
})
