import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import PrivacyPrompt from '../../src/components/PrivacyPrompt'

describe('PrivacyPrompt', () => {
  const env = process.env.TARO_ENV
  afterEach(() => {
    process.env.TARO_ENV = env
  })

  test('in H5 there is nothing to ask', () => {
    const { container } = render(<PrivacyPrompt />)
    expect(container.textContent).toBe('')
  })

  test('in the mini-program it answers WeChat: shown, then refused when the person refuses', async () => {
    process.env.TARO_ENV = 'weapp'
    let listener: ((resolve: (o: unknown) => void) => void) | null = null
    ;(Taro as unknown as Record<string, unknown>).onNeedPrivacyAuthorization = (l: typeof listener) => {
      listener = l
    }
    render(<PrivacyPrompt />)
    expect(listener).not.toBeNull()
    const answers: unknown[] = []
    act(() => listener!((o) => answers.push(o)))
    await waitFor(() => expect(screen.getByText('隐私保护提示')).toBeTruthy())
    expect(answers).toEqual([{ event: 'exposureAuthorization' }])
    fireEvent.click(screen.getByText('不同意'))
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }])
    await waitFor(() => expect(screen.queryByText('隐私保护提示')).toBeNull())
  })
})
