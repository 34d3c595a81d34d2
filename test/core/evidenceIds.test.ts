import { isCloudFileOf, localFileOf } from '../../src/core/evidence/ids'

test('local ids: a uuid file with an accepted extension, nothing else', () => {
  expect(localFileOf('local:0f8fad5b-d9cb-469f-a165-70867728950e.jpg')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e.jpg')
  expect(localFileOf('local:0f8fad5b-d9cb-469f-a165-70867728950e.pdf')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e.pdf')
  for (const bad of ['local:../gebao.db', 'local:0f8fad5b-d9cb-469f-a165-70867728950e.html', 'local:0F8FAD5B-D9CB-469F-A165-70867728950E.jpg', '0f8fad5b-d9cb-469f-a165-70867728950e.jpg', 'https://evil.example/a.jpg'])
    expect(localFileOf(bad)).toBeNull()
})

test('cloud ids: only fileIDs of this environment', () => {
  expect(isCloudFileOf('cloud://prod-1a2b.7072-prod-1a2b-1300000000/evidence/x.jpg', 'prod-1a2b')).toBe(true)
  expect(isCloudFileOf('cloud://other-9z.7072-other/evidence/x.jpg', 'prod-1a2b')).toBe(false)
  expect(isCloudFileOf('cloud://prod-1a2b-evil.x/evidence/x.jpg', 'prod-1a2b')).toBe(false)
  expect(isCloudFileOf('https://prod-1a2b.example/x.jpg', 'prod-1a2b')).toBe(false)
  expect(isCloudFileOf('cloud://prod-1a2b.x/"><img src=x>', 'prod-1a2b')).toBe(false)
  expect(isCloudFileOf('cloud://.x/a.jpg', '')).toBe(false)
})
