import { evaluate, loadRules, storageAllows } from '../weapp/harness/rules'

/**
 * The CloudBase security rules kept in cloud/rules/ (pasted into the
 * console, see README), read the way the docs describe them. They apply to
 * phones only; the cloud functions have every right and do their own scope
 * checks (cloud/api/scope.ts).
 */
const evidence = 'evidence/1608429600000-k3j9x0qa.jpg'
const exported = 'exports/2020-12-20/9f1c2a7be0d54c3a8e61b2f4/2020年度区民政局全面建成小康社会目标完成情况自查表.xlsx'

describe('storage', () => {
  test('evidence: the uploader reads it back; another account or no account cannot', () => {
    expect(storageAllows('read', { openid: 'o-worker', path: evidence, owner: 'o-worker' })).toBe(true)
    expect(storageAllows('read', { openid: 'o-someone', path: evidence, owner: 'o-worker' })).toBe(false)
    expect(storageAllows('read', { openid: '', path: evidence, owner: 'o-worker' })).toBe(false)
  })

  test('evidence: a reviewer’s phone does not read the file itself; it gets a temp link from evidence.links after the scope check (test/weapp/photo.weapp.ts)', () => {
    expect(storageAllows('read', { openid: 'o-street-reviewer', path: evidence, owner: 'o-worker' })).toBe(false)
    expect(storageAllows('read', { openid: 'o-admin', path: evidence, owner: 'o-worker' })).toBe(false)
  })

  test('an export: only the person who asked for it reads it, however the file id travelled', () => {
    expect(storageAllows('read', { openid: 'o-admin', path: exported, owner: 'o-admin' })).toBe(true)
    expect(storageAllows('read', { openid: 'o-reviewer', path: exported, owner: 'o-admin' })).toBe(false)
  })

  test('a phone writes only its own evidence photos, under evidence/ with the app’s file names', () => {
    expect(storageAllows('write', { openid: 'o-worker', path: evidence, owner: 'o-worker' })).toBe(true)
    expect(storageAllows('write', { openid: 'o-worker', path: evidence, owner: 'o-other' })).toBe(false)
    for (const path of [exported, 'evidence/../exports/x.xlsx', 'evidence/a/b.jpg', 'avatar.png', 'evidence/1-x.jpg/../../y']) {
      expect(storageAllows('write', { openid: 'o-worker', path, owner: 'o-worker' })).toBe(false)
    }
  })
})

test('database: phones read and write nothing directly; every collection goes through the api function', () => {
  const rules = loadRules('database')
  expect(evaluate(rules.read, { openid: 'o-admin' }, { openid: 'o-admin', path: '' })).toBe(false)
  expect(evaluate(rules.write, { openid: 'o-admin' }, { openid: 'o-admin', path: '' })).toBe(false)
})

test('the rule reader refuses anything outside the documented grammar', () => {
  expect(() => evaluate('process.exit(1)', null, { openid: '', path: '' })).toThrow(/documented grammar/)
  expect(() => evaluate("/^a/.test(resource.path)", null, { openid: '', path: 'a' })).toThrow(/== true/)
})
