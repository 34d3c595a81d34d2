import { answeredBy, answersFor, chainProblem, childState, defaultChain, lockingSignOff, mayAnswerFor, mayReviewReport, readyToSign, type SignOff } from '../../src/core/reviewChain'
import { unitLabel } from '../../src/core/unitLabel'
import { IndicatorSchema } from '../../src/core/schema/indicator'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'

const CHAIN = ['community', 'street', 'district'] as const
const community = { role: 'community_reviewer' as const, unitPath: '/d/s1/c1/' }
const street = { role: 'street_reviewer' as const, unitPath: '/d/s1/' }
const admin = { role: 'admin' as const, unitPath: '/d/' }
const worker = { role: 'grid_worker' as const, unitPath: '/d/s1/c1/g1/' }

test('a chain climbs from above the report level; the default is every level above it', () => {
  expect(chainProblem([...CHAIN], 'grid')).toBeNull()
  expect(chainProblem(['street', 'community'], 'grid')).toMatch(/从下往上/)
  expect(chainProblem(['grid'], 'grid')).toMatch(/高于填报层级/)
  expect(defaultChain('grid')).toEqual(['community', 'street', 'district'])
  expect(defaultChain('community')).toEqual(['street', 'district'])
  expect(defaultChain('district')).toEqual([])
})

test('which level answers for which: the first for reports, each above for the level before it', () => {
  expect(answersFor([...CHAIN], 'grid', 'community')).toBe('grid')
  expect(answersFor([...CHAIN], 'grid', 'street')).toBe('community')
  expect(answersFor([...CHAIN], 'grid', 'district')).toBe('street')
  expect(answersFor(['street', 'district'], 'grid', 'community')).toBeNull()
  expect(answeredBy([...CHAIN], 'grid', 'grid')).toBe('community')
  expect(answeredBy([...CHAIN], 'grid', 'community')).toBe('street')
  expect(answeredBy([...CHAIN], 'grid', 'district')).toBeNull()
  // A chain that skips the community: the street approves grids directly.
  expect(answeredBy(['street', 'district'], 'grid', 'grid')).toBe('street')
})

test('who may approve single reports: without a chain as before; with one only the first level (and the bureau)', () => {
  const g = '/d/s1/c1/g1/'
  expect(mayReviewReport(community, g, undefined)).toBe(true)
  expect(mayReviewReport(street, g, undefined)).toBe(true)
  expect(mayReviewReport(community, '/d/s1/c1/', undefined)).toBe(false)
  expect(mayReviewReport(admin, '/d/', undefined)).toBe(true)
  expect(mayReviewReport(worker, g, undefined)).toBe(false)
  expect(mayReviewReport(community, g, [...CHAIN])).toBe(true)
  expect(mayReviewReport(street, g, [...CHAIN])).toBe(false)
  expect(mayReviewReport(admin, g, [...CHAIN])).toBe(true)
  expect(mayReviewReport(community, '/d/s1/c2/g1/', [...CHAIN])).toBe(false)
})

test('who may sign off or mark 未报: the level that answers for the unit, below its own unit only', () => {
  expect(mayAnswerFor(street, '/d/s1/c1/', 'community', [...CHAIN], 'grid')).toBe(true)
  expect(mayAnswerFor(community, '/d/s1/c1/', 'community', [...CHAIN], 'grid')).toBe(false)
  expect(mayAnswerFor(community, '/d/s1/c1/g2/', 'grid', [...CHAIN], 'grid')).toBe(true)
  expect(mayAnswerFor(admin, '/d/s1/', 'street', [...CHAIN], 'grid')).toBe(true)
  expect(mayAnswerFor(admin, '/d/s1/c1/', 'community', [...CHAIN], 'grid')).toBe(false)
  expect(mayAnswerFor(street, '/d/s2/c1/', 'community', [...CHAIN], 'grid')).toBe(false)
  expect(mayAnswerFor(street, '/d/s1/c1/', 'community', undefined, 'grid')).toBe(false)
  expect(mayAnswerFor(worker, '/d/s1/c1/g1/', 'grid', [...CHAIN], 'grid')).toBe(false)
})

test('a sign-off waits for every unit below: approved, signed, or 未报 with no report', () => {
  expect(childState('grid', 'grid', 'approved', null)).toBe('approved')
  expect(childState('grid', 'grid', 'submitted', null)).toBe('waiting')
  expect(childState('grid', 'grid', null, 'missing')).toBe('missing')
  // A late report under a 未报 mark waits to be reviewed.
  expect(childState('grid', 'grid', 'submitted', 'missing')).toBe('waiting')
  expect(childState('community', 'grid', null, 'signed')).toBe('signed')
  expect(childState('community', 'grid', null, 'returned')).toBe('waiting')
  expect(readyToSign(['approved', 'missing', 'signed'])).toBe(true)
  expect(readyToSign(['approved', 'waiting'])).toBe(false)
  expect(readyToSign([])).toBe(true)
  const s = (status: SignOff['status']): SignOff => ({ indicatorCode: 'X', unitId: 'c1', period: '2020-12', status, comment: '', totals: {}, byId: 'p', byName: 'p', at: '', version: 1 })
  expect(lockingSignOff([s('returned'), s('missing')])).toBeNull()
  expect(lockingSignOff([s('returned'), s('signed')])?.status).toBe('signed')
})

test('the indicator schema takes a valid chain, refuses a bad one, and keeps old plans without one', () => {
  const ind = SEED_INDICATORS[0]
  expect(IndicatorSchema.safeParse(ind).success).toBe(true)
  expect(IndicatorSchema.safeParse({ ...ind, reviewChain: ['community', 'street', 'district'] }).success).toBe(true)
  const bad = IndicatorSchema.safeParse({ ...ind, reviewChain: ['street', 'community'] })
  expect(bad.success).toBe(false)
  expect(bad.error?.issues[0]).toMatchObject({ path: ['reviewChain'] })
  expect(IndicatorSchema.safeParse({ ...ind, reviewChain: [] }).success).toBe(false)
})

test('units read by name with their parents below the district, never as an id', () => {
  const units = {
    d: { name: '长丰区', level: 'district' as const },
    s: { name: '长丰街', level: 'street' as const },
    c: { name: '团结社区', level: 'community' as const },
    g: { name: '第3网格', level: 'grid' as const }
  }
  expect(unitLabel('/d/s/c/g/', units)).toBe('长丰街 · 团结社区 · 第3网格')
  expect(unitLabel('/d/', units)).toBe('长丰区')
  expect(unitLabel('/d/s/c/x/', units)).toBe('未知单位')
  expect(unitLabel('/d/zz/c/g/', new Map(Object.entries(units)))).toBe('团结社区 · 第3网格')
})
