import { enableKeyboardAccess } from '../../src/services/keyboardAccess'

test('tappable views get a tab stop and Enter or Space presses them; disabled ones are skipped', async () => {
  document.body.innerHTML = '<div role="button" id="a">保存</div><div role="checkbox" id="b">培训</div><div role="button" aria-disabled="true" id="c">提交</div><div id="d">文字</div>'
  const stop = enableKeyboardAccess(document)
  const clicks: string[] = []
  for (const id of ['a', 'b', 'c']) document.getElementById(id)!.addEventListener('click', () => clicks.push(id))
  expect(document.getElementById('a')!.getAttribute('tabindex')).toBe('0')
  expect(document.getElementById('b')!.getAttribute('tabindex')).toBe('0')
  expect(document.getElementById('c')!.getAttribute('tabindex')).toBe('-1')
  expect(document.getElementById('d')!.hasAttribute('tabindex')).toBe(false)
  document.getElementById('a')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
  document.getElementById('b')!.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }))
  document.getElementById('d')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
  expect(clicks).toEqual(['a', 'b'])
  // Views rendered later get the same.
  const late = document.createElement('div')
  late.setAttribute('role', 'button')
  document.body.appendChild(late)
  await new Promise((r) => setTimeout(r, 0))
  expect(late.getAttribute('tabindex')).toBe('0')
  stop()
})
