import { act, render } from '@testing-library/react'
import { View } from '@tarojs/components'

// Stand-in for Taro's useDidShow: keeps the page's show callback so the
// test can fire shows, optionally once during the first render (a show that
// comes before the mount effect, as a mini-program may order them).
let mockOnShow: (() => void) | null = null
let mockShowDuringRender = false
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  useDidShow: (cb: () => void) => {
    if (mockShowDuringRender && mockOnShow === null) {
      mockOnShow = cb
      cb()
    }
    mockOnShow = cb
  }
}))

import { useRefreshOnShow } from '../../src/hooks/useRefreshOnShow'

function Page({ onRefresh }: { onRefresh: () => void }) {
  useRefreshOnShow(onRefresh)
  return <View>page</View>
}

beforeEach(() => {
  mockOnShow = null
  mockShowDuringRender = false
})

test('runs on mount when no show ever comes (a page rendered alone)', () => {
  const refresh = jest.fn()
  render(<Page onRefresh={refresh} />)
  expect(refresh).toHaveBeenCalledTimes(1)
})

test('mount then first show loads once; later shows reload', () => {
  const refresh = jest.fn()
  render(<Page onRefresh={refresh} />)
  act(() => mockOnShow!())
  expect(refresh).toHaveBeenCalledTimes(1)
  act(() => mockOnShow!())
  act(() => mockOnShow!())
  expect(refresh).toHaveBeenCalledTimes(3)
})

test('first show before the mount effect also loads once', () => {
  mockShowDuringRender = true
  const refresh = jest.fn()
  render(<Page onRefresh={refresh} />)
  expect(refresh).toHaveBeenCalledTimes(1)
  act(() => mockOnShow!())
  expect(refresh).toHaveBeenCalledTimes(2)
})

test('always calls the latest callback', () => {
  const first = jest.fn()
  const second = jest.fn()
  const { rerender } = render(<Page onRefresh={first} />)
  rerender(<Page onRefresh={second} />)
  act(() => mockOnShow!())
  act(() => mockOnShow!())
  expect(first).toHaveBeenCalledTimes(1)
  expect(second).toHaveBeenCalledTimes(1)
})
