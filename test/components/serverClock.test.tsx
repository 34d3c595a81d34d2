import { render, screen, waitFor } from '@testing-library/react'
import ProgressPage from '../../src/pages/progress'
import type { OrgUnit } from '../../src/core/org'
import { resetIdentity } from '../../src/hooks/useIdentity'
import type { ProgressData } from '../../src/services/api'
import { serverClock, withServerClock } from '../../src/services/serverClock'
import { installFakeServices, meFor, mockTaro, unit } from './fakeServices'

/**
 * One clock: a phone whose own clock says 2026 talking to a server that
 * runs in 2020 (GEBAO_CLOCK=2020-…). After the first answer the page offers
 * the server's years and asks for the server's year, never the phone's.
 */
const community: OrgUnit = unit('qk-s01-c01', '古田一社区', 'community', '/qk/qk-s01/')
let taro: ReturnType<typeof mockTaro>
beforeEach(() => {
  taro = mockTaro()
  resetIdentity(meFor('李审核', 'community_reviewer', community))
})
afterEach(() => taro.restore())

test('the progress page follows the server\'s year, not the phone\'s', async () => {
  const answer = (period: string): ProgressData => ({ unit: community, period, today: '2020-12-20', now: '2020-12-20T02:00:00.000Z', indicators: [], children: [] })
  const api = {
    progress: jest.fn(async (period: string) => answer(period)),
    catalog: jest.fn(async () => ({ indicators: [], units: [] }))
  }
  const { services } = await installFakeServices(api)
  const clock = serverClock(() => Date.parse('2026-06-01T02:00:00Z'))
  services.clock = clock
  services.api = withServerClock(services.api, clock)
  render(<ProgressPage />)
  await waitFor(() => expect(api.progress).toHaveBeenLastCalledWith('2020', undefined))
  await waitFor(() => expect(screen.getByText('2020年')).toBeTruthy())
  expect(screen.getByText('2019年')).toBeTruthy()
  expect(screen.queryByText('2026年')).toBeNull()
  expect(clock.now().toISOString().slice(0, 10)).toBe('2020-12-20')
})

test('a clock off by less than a minute is network delay and stays put', () => {
  let phone = Date.parse('2020-12-20T02:00:00Z')
  const clock = serverClock(() => phone)
  const moved = jest.fn()
  clock.subscribe(moved)
  clock.sync('2020-12-20T02:00:30Z')
  expect(moved).not.toHaveBeenCalled()
  clock.sync('not a date')
  clock.sync('2020-12-21T02:00:00Z')
  expect(moved).toHaveBeenCalledTimes(1)
  phone += 1000
  expect(clock.now().toISOString()).toBe('2020-12-21T02:00:01.000Z')
})
