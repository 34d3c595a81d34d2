import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { render, screen, waitFor } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import { View } from '@tarojs/components'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { mayExport, mayReview } from '../../src/packages/review/access'
import { browserDownload } from '../../src/packages/review/browserDownload.h5'
import { absoluteUrl } from '../../src/packages/review/download'
import { evidenceUrl } from '../../src/packages/review/evidenceUrl'
import { formatValue } from '../../src/core/fieldFormat'
import { changeText, timeLabel } from '../../src/packages/review/labels'
import { useQuery } from '../../src/packages/review/useQuery'
import { meFor } from './fakeServices'
import { community, district, g1, street } from './reviewFixtures'

const field = (code: string, key: string) => SEED_INDICATORS.find((i) => i.code === code)!.fields.find((f) => f.key === key)!

test('evidence ids become URLs: local uploads under /files/, cloud fileIDs in weapp only', () => {
  const id = 'local:0f8fad5b-d9cb-469f-a165-70867728950e.jpg'
  const link = '/files/0f8fad5b-d9cb-469f-a165-70867728950e.jpg?exp=1&sig=abc'
  // A local upload shows only through its signed link (files.link); without one, its name.
  expect(evidenceUrl(id, { base: '', env: 'h5' })).toBeNull()
  expect(evidenceUrl(id, { base: '', env: 'h5', links: { [id]: link } })).toBe(link)
  expect(evidenceUrl(id, { base: 'https://gebao.example.cn/', env: 'weapp', links: { [id]: link } })).toBe(`https://gebao.example.cn${link}`)
  expect(evidenceUrl(id, { base: '', env: 'h5', links: { [id]: 'https://evil.example/x.png' } })).toBeNull()
  expect(evidenceUrl('cloud://env-1.abc/evidence/x.jpg', { base: '', env: 'weapp' })).toBe('cloud://env-1.abc/evidence/x.jpg')
  expect(evidenceUrl('cloud://env-1.abc/evidence/x.jpg', { base: '', env: 'h5' })).toBeNull()
  expect(evidenceUrl('https://cdn.example.cn/a.png', { base: '', env: 'h5' })).toBeNull()
  expect(evidenceUrl('local:../../etc/passwd', { base: '', env: 'h5' })).toBeNull()
  expect(evidenceUrl('whatever', { base: '', env: 'h5' })).toBeNull()
})

test('export URLs: relative ones on the page’s origin, or on the API base', () => {
  expect(absoluteUrl('/exports/a.xlsx', { base: '', origin: 'http://127.0.0.1:8787' })).toBe('http://127.0.0.1:8787/exports/a.xlsx')
  expect(absoluteUrl('/exports/a.xlsx', { base: 'https://gebao.example.cn/' })).toBe('https://gebao.example.cn/exports/a.xlsx')
  expect(absoluteUrl('https://tmp.example.cn/a.docx?sign=1', { base: '' })).toBe('https://tmp.example.cn/a.docx?sign=1')
  expect(absoluteUrl('cloud://env/a.docx', { base: '' })).toBe('cloud://env/a.docx')
})

test('H5 download: a temporary <a download> is clicked and removed', () => {
  const clicked: { href: string; download: string }[] = []
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download })
  })
  try {
    expect(browserDownload('http://localhost/exports/a.xlsx', '2020年自查表.xlsx')).toBe(true)
    expect(clicked).toEqual([{ href: 'http://localhost/exports/a.xlsx', download: '2020年自查表.xlsx' }])
    expect(document.querySelector('a')).toBeNull()
    expect(browserDownload('x', 'y', null)).toBe(false)
  } finally {
    click.mockRestore()
  }
})

test('words: figures with units, changes without, times in China', () => {
  expect(formatValue(field('YL-133', 'trainees'), 2000)).toBe('2000人次')
  expect(changeText({ field: 'trainees', from: 5000, to: 500 }, field('YL-133', 'trainees'))).toBe('培训护理人员 5000→500')
  expect(changeText({ field: 'trainees', from: null, to: 300 }, field('YL-133', 'trainees'))).toBe('培训护理人员 300')
  expect(changeText({ field: 'trainees', from: 300, to: null }, field('YL-133', 'trainees'))).toBe('培训护理人员 300→空')
  expect(changeText({ field: 'gone', from: 1, to: 2 }, undefined)).toBe('gone 1→2')
  expect(timeLabel('2021-01-04T03:05:00.000Z', '2021-01-05')).toBe('1月4日 11:05')
  // 31 Dec 20:00 UTC is already New Year's Day in China.
  expect(timeLabel('2020-12-31T20:00:00.000Z', '2021-01-05')).toBe('1月1日 04:00')
  expect(timeLabel('2020-12-30T09:30:00.000Z', '2021-01-05')).toBe('2020年12月30日 17:30')
})

test('who may review: strictly below for reviewers, everything for the admin', () => {
  const comm = meFor('李审核', 'community_reviewer', community)
  expect(mayReview(comm, g1.path)).toBe(true)
  expect(mayReview(comm, community.path)).toBe(false)
  expect(mayReview(comm, street.path)).toBe(false)
  expect(mayReview(meFor('周局', 'admin', district), district.path)).toBe(true)
  expect(mayReview(meFor('张晓梅', 'grid_worker', g1), g1.path)).toBe(false)
  expect(mayReview(null, g1.path)).toBe(false)
  expect(mayExport(comm)).toBe(true)
  expect(mayExport(meFor('张晓梅', 'grid_worker', g1))).toBe(false)
})

test('useQuery reads the page’s router params, decoded', async () => {
  function Show() {
    const q = useQuery()
    return <View>{`id=${q.id}`}</View>
  }
  ;(Current as { router: unknown }).router = { params: { id: encodeURIComponent('YL-133~qk-s01-c01-g01~2020-12') }, path: '/packages/review/detail' }
  try {
    render(<Show />)
    await waitFor(() => expect(screen.getByText('id=YL-133~qk-s01-c01-g01~2020-12')).toBeTruthy())
  } finally {
    ;(Current as { router: unknown }).router = null
  }
})

// The review pages live in a subpackage: a tab page importing any of it
// would pull it into the main package (budget 450 KB).
test('main-package code never imports the review subpackage', () => {
  const roots = ['pages', 'components', 'hooks', 'services', 'core'].map((d) => join(__dirname, '../../src', d))
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n)
      return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : []
    })
  const offending = roots.flatMap(files).filter((f) => /from '[^']*packages\/review[^']*'/.test(readFileSync(f, 'utf8')))
  expect(offending.map((f) => relative(join(__dirname, '../..'), f))).toEqual([])
})

test('evidenceUrl: a cloud photo in weapp shows through its https temp link from evidence.links, never another scheme', () => {
  const id = 'cloud://env-1.abc/evidence/x.jpg'
  expect(evidenceUrl(id, { base: '', env: 'weapp', links: { [id]: 'https://abc.tcb.qcloud.la/evidence/x.jpg?sign=1' } })).toBe('https://abc.tcb.qcloud.la/evidence/x.jpg?sign=1')
  expect(evidenceUrl(id, { base: '', env: 'weapp', links: { [id]: 'javascript:alert(1)' } })).toBe(id)
  expect(evidenceUrl(id, { base: '', env: 'h5', links: { [id]: 'https://abc.tcb.qcloud.la/evidence/x.jpg?sign=1' } })).toBeNull()
})
