import { View } from '@tarojs/components'
import ChoiceChips from '../../components/ChoiceChips'
import type { Field } from '../../core/field'
import { combinesBySum } from '../../core/figures'
import type { Problems } from '../../core/plan/check'
import { FieldError } from './form'

type Rec = Record<string, any>

interface Props {
  field: Rec
  index: number
  fields: Rec[]
  /** A ceiling reads this field: the plan must say how it combines (schema/indicator.ts), so there is no default. */
  required: boolean
  problems: Problems
  onChange: (combine: Rec | undefined) => void
}

/**
 * 各单位如何合计: Field.combine (sum / mean weighted by a count field / max).
 * The rule and its checks are the server's (schema/field.ts, indicator.ts);
 * this only offers the choices and shows the check's sentences here.
 */
export default function CombineEditor({ field, index, fields, required, problems, onChange }: Props) {
  const rule: string = field.combine?.rule ?? 'default'
  const weights = fields.filter((f, j) => j !== index && f.kind === 'count')
  const choices = [
    ...(required ? [] : [{ key: 'default', label: combinesBySum(field as Field) ? '默认（相加）' : '默认（平均）' }]),
    { key: 'sum', label: '相加' },
    { key: 'mean', label: '加权平均' },
    { key: 'max', label: '取最大' }
  ]
  const pick = (k: string) => {
    if (k === 'default') onChange(undefined)
    else if (k === 'mean') onChange({ rule: 'mean', weight: String(field.combine?.weight ?? weights[0]?.key ?? '') })
    else onChange({ rule: k })
  }
  const at = (k: string) => problems[`fields.${index}.${k}`]
  return (
    <View className="gb-plan-combine">
      <ChoiceChips label={`字段${index + 1}：各单位如何合计`} items={choices} value={[rule]} onToggle={pick} />
      {required ? <View className="gb-plan-hint">上限目标读这个字段：相加看总数，加权平均看平均水平，取最大看有没有单位超出。</View> : null}
      {rule === 'mean' ? (
        <View className="gb-plan-ref">
          <View className="gb-plan-field__label">按哪个数加权（计数字段，如 审核件数）</View>
          {weights.length ? (
            <ChoiceChips
              label={`字段${index + 1}：加权的字段`}
              items={weights.map((f) => ({ key: String(f.key), label: String(f.label || f.key) }))}
              value={[String(field.combine?.weight ?? '')]}
              onToggle={(k) => onChange({ rule: 'mean', weight: k })}
            />
          ) : (
            <View className="gb-plan-hint">先加一个计数字段（类型选“整数”）作为权重。</View>
          )}
          <FieldError text={at('combine.weight')} />
        </View>
      ) : null}
      <FieldError text={at('combine')} />
    </View>
  )
}
