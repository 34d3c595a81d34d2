import { View, Text } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import { SEED_INDICATORS } from '@/core/seed/catalog'

export default function ProgressPage() {
  return (
    <View>
      {SEED_INDICATORS.map((ind) => (
        <Cell key={ind.code} title={ind.title} description={ind.description} extra={<Text>{ind.targets.length}项</Text>} />
      ))}
    </View>
  )
}
