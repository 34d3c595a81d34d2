import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

export default function Page() {
  return (
    <View>
      <Button type="primary">开始</Button>
    </View>
  )
}
