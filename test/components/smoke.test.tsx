import { render, screen, waitFor, fireEvent } from '@testing-library/react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

test('Taro and NutUI components render and take clicks in jsdom', async () => {
  const clicks: number[] = []
  render(
    <View>
      <Text>你好</Text>
      <Button onClick={() => clicks.push(1)}>提交</Button>
    </View>
  )
  await waitFor(() => expect(screen.getByText('你好')).toBeTruthy())
  fireEvent.click(screen.getByText('提交'))
  expect(clicks).toEqual([1])
})
