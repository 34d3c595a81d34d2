import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import './index.scss'

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void

const AGREE_ID = 'gb-privacy-agree'

/**
 * WeChat's privacy authorization: before the first privacy-relevant call
 * (choosing a photo for evidence), the platform asks the app to show its own
 * prompt and hold the call until the person agrees or refuses. Only the
 * mini-program has this; H5 renders nothing.
 */
export default function PrivacyPrompt() {
  const [open, setOpen] = useState(false)
  const resolveRef = useRef<Resolve | null>(null)

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    Taro.onNeedPrivacyAuthorization((resolve) => {
      resolveRef.current = resolve
      resolve({ event: 'exposureAuthorization' })
      setOpen(true)
    })
  }, [])

  if (process.env.TARO_ENV !== 'weapp' || !open) return null
  const answer = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => {
    resolveRef.current?.(option)
    resolveRef.current = null
    setOpen(false)
  }
  return (
    <View className="gb-privacy" role="dialog" aria-label="隐私保护提示">
      <View className="gb-privacy__card">
        <View className="gb-privacy__title">隐私保护提示</View>
        <Text className="gb-privacy__text">拍照、选照片作为佐证材料或语音输入前，请先阅读并同意</Text>
        <Text className="gb-privacy__link" onClick={() => Taro.openPrivacyContract({})}>
          《格报隐私保护指引》
        </Text>
        <View className="gb-privacy__actions">
          <Button className="gb-privacy__btn" onClick={() => answer({ event: 'disagree' })}>
            不同意
          </Button>
          <Button id={AGREE_ID} className="gb-privacy__btn gb-privacy__btn--agree" openType="agreePrivacyAuthorization" onAgreePrivacyAuthorization={() => answer({ buttonId: AGREE_ID, event: 'agree' })}>
            同意
          </Button>
        </View>
      </View>
    </View>
  )
}
