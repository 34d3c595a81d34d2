import qrcode from 'qrcode-generator'
import { codeFromParams } from '../../src/packages/login/codeParam'
import { loginLink } from '../../src/packages/people/loginLink'

test('the sheet’s QR link carries the code the login page reads, from H5 (code) and from a scanned WeChat link (q)', () => {
  const link = loginLink('ABCD2345', 'https://gebao.example/app/#/packages/people/sheet')
  expect(link).toBe('https://gebao.example/app/#/packages/login/index?code=ABCD2345')
  expect(codeFromParams({ code: 'ABCD2345' })).toBe('ABCD2345')
  expect(codeFromParams({ q: encodeURIComponent(link) })).toBe('ABCD2345')
  expect(codeFromParams({ code: 'abcd2345' })).toBe('ABCD2345')
})

test('anything that is not a code’s shape is ignored: the worker types the code', () => {
  expect(codeFromParams({})).toBe('')
  expect(codeFromParams({ code: '<script>' })).toBe('')
  expect(codeFromParams({ q: 'https://evil.example/?x=1' })).toBe('')
  expect(codeFromParams({ code: '%E0%A4%A' })).toBe('')
})

test('the QR library encodes the link into a GIF data URL (what <image> shows on weapp and H5)', () => {
  const qr = qrcode(0, 'M')
  qr.addData(loginLink('ABCD2345', 'https://gebao.example/'))
  qr.make()
  expect(qr.getModuleCount()).toBeGreaterThanOrEqual(21)
  expect(qr.createDataURL(4, 2)).toMatch(/^data:image\/gif;base64,/)
})
