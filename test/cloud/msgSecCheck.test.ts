import { MAX_CHARS, msgSecChecker, type MsgSecCheckResult, type SecurityOpenApi } from '../../cloud/functions/api/msgSecCheck'

/** A fake `cloud.openapi` that answers from a script and records the requests. */
function fakeOpenApi(answer: (content: string) => MsgSecCheckResult | Error) {
  const requests: { openid: string; scene: number; version: 2; content: string }[] = []
  const openapi: SecurityOpenApi = {
    security: {
      async msgSecCheck(request) {
        requests.push(request)
        const a = answer(request.content)
        if (a instanceof Error) throw a
        return a
      }
    }
  }
  return { openapi, requests }
}

const ok = (suggest: string): MsgSecCheckResult => ({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest, label: suggest === 'pass' ? 100 : 20001 } })
const quietLog = () => ({ errors: [] as string[], error(msg: string) { this.errors.push(msg) } })

describe('msgSecCheck v2 as the TextChecker (fake openapi, not WeChat)', () => {
  test('errCode 0 with suggest risky is risky: v2 reports risk in result.suggest, not errCode', async () => {
    const { openapi, requests } = fakeOpenApi(() => ok('risky'))
    expect(await msgSecChecker(openapi, quietLog()).check('某段文字', 'wx-1')).toBe('risky')
    expect(requests).toEqual([{ openid: 'wx-1', scene: 2, version: 2, content: '某段文字' }])
  })

  test('pass and review map through', async () => {
    expect(await msgSecChecker(fakeOpenApi(() => ok('pass')).openapi, quietLog()).check('好', 'wx-1')).toBe('pass')
    expect(await msgSecChecker(fakeOpenApi(() => ok('review')).openapi, quietLog()).check('嗯', 'wx-1')).toBe('review')
  })

  test('a failed check (thrown, or a non-zero errCode) fails open to human review and is logged', async () => {
    const log = quietLog()
    const busy = Object.assign(new Error('system busy'), { errCode: -1 })
    expect(await msgSecChecker(fakeOpenApi(() => busy).openapi, log).check('文字', 'wx-1')).toBe('review')
    expect(log.errors).toHaveLength(1)
    expect(await msgSecChecker(fakeOpenApi(() => ({ errCode: 61010, errMsg: 'user visit expired' })).openapi, log).check('文字', 'wx-1')).toBe('review')
  })

  test('the v1 risky code still means risky; an unknown suggest means review', async () => {
    const v1 = Object.assign(new Error('risky content'), { errCode: 87014 })
    expect(await msgSecChecker(fakeOpenApi(() => v1).openapi, quietLog()).check('文字', 'wx-1')).toBe('risky')
    expect(await msgSecChecker(fakeOpenApi(() => ({ errCode: 0, result: {} })).openapi, quietLog()).check('文字', 'wx-1')).toBe('review')
  })

  test('no openid (v2 requires one) means review without a call; blank text passes without a call', async () => {
    const { openapi, requests } = fakeOpenApi(() => ok('pass'))
    const checker = msgSecChecker(openapi, quietLog())
    expect(await checker.check('文字', undefined)).toBe('review')
    expect(await checker.check('  \n', 'wx-1')).toBe('pass')
    expect(requests).toHaveLength(0)
  })

  test('text over the 2500-character limit is checked in pieces; the worst verdict wins', async () => {
    const { openapi, requests } = fakeOpenApi((content) => ok(content.includes('坏') ? 'risky' : 'pass'))
    const long = '好'.repeat(MAX_CHARS) + '坏' + '好'.repeat(10)
    expect(await msgSecChecker(openapi, quietLog()).check(long, 'wx-1')).toBe('risky')
    expect(requests.map((r) => Array.from(r.content).length)).toEqual([MAX_CHARS, 11])
  })
})
