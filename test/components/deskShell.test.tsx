import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import DeskShell, { DESK_NAV, deskNavFor } from '../../src/components/DeskShell/index.h5'
import PhoneShell from '../../src/components/DeskShell'
import { resetIdentity } from '../../src/hooks/useIdentity'
import { installFakeServices, meFor, unit } from './fakeServices'

const district = unit('qk', '青口区', 'district')
const street = unit('qk-s01', '长丰街道', 'street', district.path)

/** jsdom has no layout: a media query list whose answer the test sets. */
function setWidth(width: number) {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (q: string) => ({ matches: width >= Number(/\d+/.exec(q)![0]), media: q, addEventListener() {}, removeEventListener() {} })
  })
}

afterEach(() => resetIdentity())

test('the nav list: admin sees every entry in order, reviewers 进度/审核/完成情况, grid workers none', () => {
  expect(deskNavFor('admin').map((e) => e.label)).toEqual(['进度', '组织架构', '人员与邀请', '年度计划', '指标分解', '导入', '审核', '完成情况', '导出自查表'])
  expect(deskNavFor('street_reviewer').map((e) => e.label)).toEqual(['进度', '审核', '完成情况'])
  expect(deskNavFor('community_reviewer').map((e) => e.path)).toEqual(['pages/progress/index', 'packages/review/index', 'packages/review/completeness'])
  expect(deskNavFor('grid_worker')).toEqual([])
  expect(new Set(DESK_NAV.map((e) => e.path)).size).toBe(DESK_NAV.length)
})

test('at desk width an admin gets the side navigation, the title and actions; the current entry is marked', async () => {
  setWidth(1280)
  resetIdentity(meFor('王科长', 'admin', district))
  await installFakeServices({ me: async () => meFor('王科长', 'admin', district) })
  const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(() => Promise.resolve({ errMsg: 'redirectTo:ok' }))
  render(
    <DeskShell title="组织架构" active="packages/org/index" actions={<button>导入</button>}>
      <div>页面内容</div>
    </DeskShell>
  )
  const nav = await screen.findByRole('navigation', { name: '工作台导航' })
  const links = Array.from(nav.querySelectorAll('[role="link"]')).map((l) => l.textContent)
  expect(links).toHaveLength(9)
  expect(screen.getByText('组织架构', { selector: '[role="link"]' }).getAttribute('aria-current')).toBe('page')
  expect(screen.getByRole('heading', { name: '组织架构' })).toBeTruthy()
  expect(screen.getByText('页面内容')).toBeTruthy()
  fireEvent.click(screen.getByText('人员与邀请'))
  await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/packages/people/index' }))
  redirect.mockRestore()
})

test('a street reviewer at desk width sees three entries', async () => {
  setWidth(1280)
  resetIdentity(meFor('李审核', 'street_reviewer', street))
  await installFakeServices({ me: async () => meFor('李审核', 'street_reviewer', street) })
  render(
    <DeskShell title="审核" active="packages/review/index">
      <div>列表</div>
    </DeskShell>
  )
  const nav = await screen.findByRole('navigation', { name: '工作台导航' })
  await waitFor(() => expect(Array.from(nav.querySelectorAll('[role="link"]')).map((l) => l.textContent)).toEqual(['进度', '审核', '完成情况']))
})

test('on a phone (and in the mini-program build) only the page renders', async () => {
  setWidth(390)
  await installFakeServices({ me: async () => meFor('王科长', 'admin', district) })
  const { container } = render(
    <DeskShell title="组织架构" active="packages/org/index">
      <div>页面内容</div>
    </DeskShell>
  )
  expect(container.innerHTML).toBe('<div>页面内容</div>')
  const phone = render(
    <PhoneShell title="组织架构" active="packages/org/index">
      <div>小程序</div>
    </PhoneShell>
  )
  expect(phone.container.innerHTML).toBe('<div>小程序</div>')
})
