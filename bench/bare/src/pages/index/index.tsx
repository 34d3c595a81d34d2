import { View } from '@tarojs/components'

export default function Index() {
  return <View>格报</View>
}
