import { View } from '@tarojs/components'
import ChoiceChips from '../../components/ChoiceChips'
import { chatPreview } from '../../core/chat/preview'
import { FIELD_KINDS, type FieldKind } from '../../core/field'
import type { Indicator } from '../../core/indicator'
import { ORG_LEVELS, type OrgLevel } from '../../core/org'
import { PERIOD_TYPES } from '../../core/period'
import type { Problems } from '../../core/plan/check'
import { ACCUMULATION_LABEL, FIELD_KIND_LABEL, PERIOD_LABEL, REPORT_LEVEL_LABEL } from '../../core/plan/labels'
import { blankTarget } from '../../core/plan/targetKinds'
import { defaultChain } from '../../core/reviewChain'
import { indicatorCellText } from '../../core/table'
import { targetFields, type Target } from '../../core/target'
import { unitsMeaning } from '../../core/unitSynonyms'
import { FieldError, Section, shownNumber, TextField, typedNumber } from './form'
import ReviewChainEditor from './ReviewChainEditor'
import TargetEditor from './TargetEditor'
import CombineEditor from './CombineEditor'

type Rec = Record<string, any>

interface Props {
  item: Rec
  problems: Problems
  /** The item as the server would store it, when it passes the check: drives the previews. */
  valid: Indicator | null
  onChange: (next: Rec) => void
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])

const freeKey = (taken: string[], stem: string) => {
  for (let n = 1; ; n++) if (!taken.includes(`${stem}${n}`)) return `${stem}${n}`
}

/** One indicator of the plan year: text, schedule, fields, targets, and live previews beside them. */
export default function IndicatorEditor({ item, problems, valid, onChange }: Props) {
  const set = (k: string, v: unknown) => onChange({ ...item, [k]: v })
  const fields: Rec[] = item.fields ?? []
  const targets: Rec[] = item.targets ?? []
  const setField = (i: number, patch: Rec) => set('fields', fields.map((f, j) => (j === i ? { ...f, ...patch } : f)))
  const setTarget = (i: number, next: Rec) => set('targets', targets.map((t, j) => (j === i ? next : t)))
  const top = (k: string) => problems[k]
  // Fields a ceiling reads must say how they combine across units (schema/indicator.ts).
  const ceilingReads = new Set(targets.filter((t) => t.kind === 'ceiling').flatMap((t) => targetFields(t as Target)))
  // A chain still at the old level's default follows the new level; one the admin chose stays (and is checked).
  const changeReportLevel = (level: OrgLevel) => {
    const followed = Array.isArray(item.reviewChain) && ORG_LEVELS.includes(item.reportLevel) && same(item.reviewChain, defaultChain(item.reportLevel))
    onChange({ ...item, reportLevel: level, ...(followed ? { reviewChain: defaultChain(level) } : {}) })
  }
  return (
    <View className="gb-plan-editor">
      <View className="gb-plan-editor__form">
        <Section title="指标">
          <View className="gb-plan-row">
            <TextField label="类型" value={String(item.category ?? '')} error={top('category')} placeholder="如 业务工作指标" onChange={(v) => set('category', v)} />
            <TextField label="序号" value={shownNumber(item.seq)} error={top('seq')} onChange={(v) => set('seq', typedNumber(v))} />
            <TextField label="编号" value={String(item.code ?? '')} error={top('code')} onChange={(v) => set('code', v.toUpperCase())} />
          </View>
          <TextField label="指标名称" wide value={String(item.title ?? '')} error={top('title')} onChange={(v) => set('title', v)} />
          <TextField label="指标内容及指标值" wide multiline value={String(item.description ?? '')} error={top('description')} onChange={(v) => set('description', v)} />
        </Section>
        <Section title="填报">
          <ChoiceChips label="填报周期" items={PERIOD_TYPES.map((k) => ({ key: k, label: PERIOD_LABEL[k] }))} value={[String(item.period)]} onToggle={(k) => set('period', k)} />
          <FieldError text={top('period')} />
          <TextField label="每期结束后几天内报" value={shownNumber(item.due?.daysAfterEnd)} error={top('due.daysAfterEnd') ?? top('due')} onChange={(v) => set('due', { daysAfterEnd: typedNumber(v) })} />
          <ChoiceChips label="累计方式" items={(['per_period', 'cumulative'] as const).map((k) => ({ key: k, label: ACCUMULATION_LABEL[k] }))} value={[String(item.accumulation)]} onToggle={(k) => set('accumulation', k)} />
          <FieldError text={top('accumulation')} />
          <ChoiceChips label="由哪一级填报" items={ORG_LEVELS.map((k) => ({ key: k, label: REPORT_LEVEL_LABEL[k] }))} value={[String(item.reportLevel)]} onToggle={(k) => changeReportLevel(k as OrgLevel)} />
          <FieldError text={top('reportLevel')} />
        </Section>
        <Section title="字段（网格员要填的数）">
          {fields.map((f, i) => {
            const at = (k: string) => problems[`fields.${i}.${k}`]
            return (
              <View key={i} className="gb-plan-fieldrow" role="group" aria-label={`字段${i + 1}`}>
                <View className="gb-plan-row">
                  <TextField label="字段名" value={String(f.label ?? '')} error={at('label')} onChange={(v) => setField(i, { label: v })} />
                  <TextField label="字段编号" value={String(f.key ?? '')} error={at('key')} onChange={(v) => setField(i, { key: v })} />
                  <TextField label="单位" value={String(f.unit ?? '')} error={at('unit')} onChange={(v) => setField(i, { unit: v })} />
                  <TextField
                    label="同义单位（用、分开）"
                    value={(f.unitAliases ?? []).join('、')}
                    error={at('unitAliases') ?? problems[Object.keys(problems).find((p) => p.startsWith(`fields.${i}.unitAliases.`)) ?? '']}
                    onChange={(v) => setField(i, { unitAliases: v.split(/[、,，\s]+/).filter(Boolean) })}
                  />
                </View>
                <ChoiceChips label={`字段${i + 1}的类型`} items={FIELD_KINDS.map((k) => ({ key: k, label: FIELD_KIND_LABEL[k as FieldKind] }))} value={[String(f.kind)]} onToggle={(k) => setField(i, { kind: k })} />
                {f.unit ? <View className="gb-plan-hint">填报时认作同一单位：{unitsMeaning(f as { unit: string; unitAliases?: string[] }).join('、')}</View> : null}
                <FieldError text={at('max') ?? at('min')} />
                {ceilingReads.has(String(f.key)) || f.kind === 'amount' || f.kind === 'fraction' || f.combine ? (
                  <CombineEditor field={f} index={i} fields={fields} required={ceilingReads.has(String(f.key))} problems={problems} onChange={(c) => setField(i, { combine: c })} />
                ) : null}
                <View role="button" className="gb-plan-link gb-plan-link--danger" onClick={() => set('fields', fields.filter((_, j) => j !== i))}>
                  删除这个字段
                </View>
              </View>
            )
          })}
          <FieldError text={top('fields')} />
          <View role="button" className="gb-plan-link" onClick={() => set('fields', [...fields, { key: freeKey(fields.map((f) => f.key), 'f'), label: '', kind: 'count', unit: '个' }])}>
            ＋ 加一个字段
          </View>
        </Section>
        <Section title="目标">
          {targets.map((t, i) => (
            <TargetEditor key={i} target={t} index={i} fields={fields} problems={problems} onChange={(next) => setTarget(i, next)} onRemove={() => set('targets', targets.filter((_, j) => j !== i))} />
          ))}
          <FieldError text={top('targets')} />
          <View
            role="button"
            className="gb-plan-link"
            onClick={() => set('targets', [...targets, blankTarget('count', freeKey(targets.map((t) => t.id), 't'), '', { field: fields[0]?.key })])}
          >
            ＋ 加一项目标
          </View>
        </Section>
        <Section title="审核链">
          <ReviewChainEditor chain={item.reviewChain} reportLevel={item.reportLevel} problems={problems} onChange={(c) => set('reviewChain', c)} />
        </Section>
      </View>
      <View className="gb-plan-editor__preview" aria-label="预览">
        <Section title="自查表里“指标内容”一格">
          <View className="gb-plan-cell">{indicatorCellText({ title: String(item.title ?? ''), description: String(item.description ?? '') })}</View>
        </Section>
        <Section title="对话里怎么问">
          {valid ? (
            chatPreview(valid).map((q) => (
              <View key={q.slot} className="gb-plan-bubble">
                {q.text}
              </View>
            ))
          ) : (
            <View className="gb-plan-hint">改好左边标红的地方后，这里显示网格员会看到的提问。</View>
          )}
        </Section>
      </View>
    </View>
  )
}
