import { View } from '@tarojs/components'

/** The plan pages' last outcome: a notice (role=status) and an error (role=alert), each shown only when set. */
export default function PlanMessages({ notice, error }: { notice?: string; error?: string }) {
  return (
    <>
      {notice ? (
        <View className="gb-plan-notice" role="status">
          {notice}
        </View>
      ) : null}
      {error ? (
        <View className="gb-plan-error" role="alert">
          {error}
        </View>
      ) : null}
    </>
  )
}
