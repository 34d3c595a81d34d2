import { View, Text } from '@tarojs/components'
import { periodLabel } from '../../core/periodLabel'
import type { ReviewContextData } from '../../services/api'

/**
 * Beside a report: the unit's own targets (its share from 指标分解, or the
 * plan's target), the computed rate of its year so far, last period's
 * figures, and the soft warnings its figures raise with the worker's reason.
 */
export default function ReviewContextCard({ context }: { context: ReviewContextData }) {
  return (
    <View>
      <View className="gb-review-detail__section">本单位目标与完成率</View>
      <View className="gb-review-detail__card" aria-label="本单位目标与完成率">
        {context.targets.map((t) => (
          <View key={t.id} className="gb-review-detail__line">
            <Text>{t.label}：</Text>
            <Text>{t.required === null ? '未分解' : `目标 ${t.required}${t.share ? '（分解到本单位）' : ''}`}</Text>
            <Text> · 已完成 {t.actual}</Text>
            <Text> · 完成率 {t.rate === '—' ? '—' : `${t.rate}%`}</Text>
          </View>
        ))}
        <View className="gb-review-detail__line gb-review-detail__rate">本年综合完成率：{context.rate === '—' ? '暂无法计算' : `${context.rate}%`}</View>
      </View>
      <View className="gb-review-detail__section">上期数据</View>
      <View className="gb-review-detail__card">
        {context.previous ? (
          <View>
            <View className="gb-review-detail__line">{periodLabel(context.previous.period)}</View>
            {context.previous.figures.map((f) => (
              <View key={f.key} className="gb-review-detail__line">
                {f.label}：{f.value}
              </View>
            ))}
          </View>
        ) : (
          <View className="gb-review-detail__line">上期没有填报</View>
        )}
      </View>
      {context.warnings.length > 0 ? (
        <View>
          <View className="gb-review-detail__section">需要留意</View>
          <View className="gb-review-detail__card" aria-label="需要留意">
            {context.warnings.map((w) => (
              <View key={w.key} className="gb-review-detail__line">
                <View>{w.label}：{w.messages.length ? w.messages.join('；') : '填报人作了说明'}</View>
                {w.reason ? <View className="gb-review-detail__reason">填报人说明：{w.reason}</View> : null}
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  )
}
