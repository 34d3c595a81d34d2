import { View } from '@tarojs/components'
import ChoiceChips from '../../components/ChoiceChips'
import type { Problems } from '../../core/plan/check'
import { blankTarget, formOf, formsOf, TARGET_KINDS, TARGET_KIND_ORDER, type TargetKindSpec } from '../../core/plan/targetKinds'
import type { TargetKind } from '../../core/target'
import { FieldError, shownNumber, TextField, typedNumber } from './form'

type Rec = Record<string, any>

interface Props {
  target: Rec
  index: number
  fields: Rec[]
  problems: Problems
  onChange: (next: Rec) => void
  onRemove: () => void
}

/**
 * One target, edited through its kind's description (core/plan/targetKinds):
 * which fields it reads, which numbers it has, an op, steps. Nothing here
 * knows a kind by name, so a new kind needs only its entry there.
 */
export default function TargetEditor({ target, index, fields, problems, onChange, onRemove }: Props) {
  const spec: TargetKindSpec | undefined = TARGET_KINDS[target.kind as TargetKind]
  const at = (k: string) => problems[`targets.${index}.${k}`]
  const set = (k: string, v: unknown) => onChange({ ...target, [k]: v })
  const fieldChoices = (kinds: readonly string[]) =>
    fields.filter((f) => kinds.includes(f.kind) || !kinds.length).map((f) => ({ key: String(f.key), label: `${f.label || f.key}` }))
  const forms = spec ? formsOf(spec) : []
  const formIndex = spec ? formOf(spec, target) : 0
  const form = forms[formIndex]
  const reshape = (kind: string, formAt: number) => {
    const keys = fields.map((f) => String(f.key))
    const next = blankTarget(kind as TargetKind, target.id, target.label, { field: keys[0], numerator: keys[0], denominator: keys[1] ?? keys[0] }, fields.filter((f) => f.kind === 'step').map((f) => String(f.key)), formAt)
    onChange({ ...next, ...(target.districtOnly ? { districtOnly: true } : {}) })
  }
  const changeKind = (kind: string) => reshape(kind, 0)
  return (
    <View className="gb-plan-target" role="group" aria-label={`目标${index + 1}`}>
      <View className="gb-plan-row">
        <TextField label="目标写法" wide value={String(target.label ?? '')} placeholder={spec?.example} error={at('label')} onChange={(v) => set('label', v)} />
        <TextField label="目标编号" value={String(target.id ?? '')} error={at('id')} onChange={(v) => set('id', v)} />
      </View>
      <ChoiceChips label={`目标${index + 1}的类型`} items={TARGET_KIND_ORDER.map((k) => ({ key: k, label: TARGET_KINDS[k].label }))} value={[String(target.kind)]} onToggle={changeKind} />
      {!spec ? <FieldError text={`暂不支持的目标类型“${String(target.kind)}”，请改选一种`} /> : null}
      {forms.length > 1 ? (
        <ChoiceChips label={`目标${index + 1}：控制什么`} items={forms.map((f, i) => ({ key: String(i), label: f.label }))} value={[String(formIndex)]} onToggle={(k) => reshape(String(target.kind), Number(k))} />
      ) : null}
      {form?.refs.map((r) => (
        <View key={r.key} className="gb-plan-ref">
          <View className="gb-plan-field__label">{r.label}</View>
          <ChoiceChips label={`目标${index + 1}：${r.label}`} items={fieldChoices(r.fieldKinds)} value={[String(target[r.key] ?? '')]} onToggle={(k) => set(r.key, k)} />
          <FieldError text={at(r.key)} />
        </View>
      ))}
      <View className="gb-plan-row">
        {form?.numbers.map((n) => (
          <TextField key={n.key} label={n.label} value={shownNumber(target[n.key], n.percent)} error={at(n.key)} onChange={(v) => set(n.key, typedNumber(v, n.percent))} />
        ))}
      </View>
      {spec?.op ? (
        <ChoiceChips
          label={`目标${index + 1}：要求`}
          items={[
            { key: 'gte', label: '达到（≥）' },
            { key: 'eq', label: '全部（=）' }
          ]}
          value={[String(target.op ?? 'gte')]}
          onToggle={(k) => set('op', k)}
        />
      ) : null}
      {spec?.steps ? (
        <View className="gb-plan-steps">
          {(target.steps ?? []).map((s: Rec, j: number) => (
            <View key={j} className="gb-plan-row">
              <ChoiceChips label={`第${j + 1}步`} items={fieldChoices(['step'])} value={[String(s.field ?? '')]} onToggle={(k) => set('steps', target.steps.map((x: Rec, i: number) => (i === j ? { ...x, field: k } : x)))} />
              <ChoiceChips
                label={`第${j + 1}步是否必须`}
                items={[
                  { key: 'y', label: '必须完成' },
                  { key: 'n', label: '争取项' }
                ]}
                value={[s.required ? 'y' : 'n']}
                onToggle={(k) => set('steps', target.steps.map((x: Rec, i: number) => (i === j ? { ...x, required: k === 'y' } : x)))}
              />
              <FieldError text={at(`steps.${j}.field`)} />
            </View>
          ))}
          <FieldError text={at('steps')} />
          <View role="button" className="gb-plan-link" onClick={() => set('steps', [...(target.steps ?? []), { field: '', required: true }])}>
            ＋ 加一步
          </View>
        </View>
      ) : null}
      {spec?.splits ? (
        <ChoiceChips
          label={`目标${index + 1}：分解`}
          items={[
            { key: 'split', label: '分解到街道、社区' },
            { key: 'district', label: '只由区级完成' }
          ]}
          value={[target.districtOnly ? 'district' : 'split']}
          onToggle={(k) => onChange(k === 'district' ? { ...target, districtOnly: true } : (({ districtOnly: _d, ...rest }) => rest)(target))}
        />
      ) : null}
      <View role="button" className="gb-plan-link gb-plan-link--danger" onClick={onRemove}>
        删除这项目标
      </View>
    </View>
  )
}
