import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { childLevel, ORG_LEVEL_LABEL, type OrgUnit } from '../../core/org'
import { isActive, parentLevel } from '../../core/orgRules'
import ActionButton from '../../components/ActionButton'
import Field from './Field'
import { fieldErrors, orgApi, type OrgTreeData } from './api'
import { unitCrumb, type TreeIndex } from './tree'

export interface UnitPanelProps {
  unit: OrgUnit
  index: TreeIndex
  peopleAt: Record<string, number>
  populationFields: OrgTreeData['populationFields']
  /** After a change: reload the tree, say what happened, select `selectId`. */
  onChanged: (message: string, selectId?: string) => void
}

type Form = 'rename' | 'create' | 'move' | 'merge' | 'population' | 'retire'

const CANDIDATES = 8

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  const r = await Taro.showModal({ title, content, confirmText, cancelText: '取消' })
  return r.confirm
}

/** The chosen unit: where it sits, and the edits it allows, each with its reason next to the field when refused. */
export default function UnitPanel({ unit, index, peopleAt, populationFields, onChanged }: UnitPanelProps) {
  const [name, setName] = useState(unit.name)
  const [childName, setChildName] = useState('')
  // Move and merge each have their own search and choice.
  const [queries, setQueries] = useState<Record<'move' | 'merge', string>>({ move: '', merge: '' })
  const [targets, setTargets] = useState<Record<'move' | 'merge', OrgUnit | null>>({ move: null, merge: null })
  const [population, setPopulation] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Partial<Record<Form, Record<string, string>>>>({})
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    setName(unit.name)
    setChildName('')
    setQueries({ move: '', merge: '' })
    setTargets({ move: null, merge: null })
    setPopulation(Object.fromEntries(populationFields.map((f) => [f.key, unit.population?.[f.key] !== undefined ? String(unit.population[f.key]) : ''])))
    setErrors({})
  }, [unit.id, unit.name, JSON.stringify(unit.population ?? {})])

  const run = async (form: Form, fn: () => Promise<string | null>) => {
    if (busy) return
    setBusy(true)
    try {
      const done = await fn()
      setErrors((e) => ({ ...e, [form]: {} }))
      if (done) onChanged(done)
    } catch (e) {
      const { fields, message } = fieldErrors(e)
      setErrors((x) => ({ ...x, [form]: Object.keys(fields).length ? fields : { form: message } }))
    } finally {
      setBusy(false)
    }
  }
  const err = (form: Form, ...paths: string[]) => {
    const e = errors[form]
    if (!e) return undefined
    for (const p of [...paths, 'form']) if (e[p]) return e[p]
    return undefined
  }

  const active = isActive(unit)
  const kid = childLevel(unit.level)
  const up = parentLevel(unit.level)
  const people = peopleAt[unit.id] ?? 0
  const parent = unit.parentId ? index.byId.get(unit.parentId) : undefined
  // Move: parents of the right level; merge: units of the same level. Active ones only.
  const candidates = (form: 'move' | 'merge', level: OrgUnit['level'] | null) => {
    const q = queries[form].trim()
    return level && q ? [...index.byId.values()].filter((u) => u.level === level && isActive(u) && u.id !== unit.id && u.id !== unit.parentId && u.name.includes(q)).slice(0, CANDIDATES) : []
  }

  const picker = (form: 'move' | 'merge', level: OrgUnit['level'] | null, label: string) => (
    <View>
      <Field
        label={label}
        value={queries[form]}
        placeholder="输入名称查找"
        onChange={(v) => (setQueries((x) => ({ ...x, [form]: v })), setTargets((x) => ({ ...x, [form]: null })))}
        error={err(form, form === 'move' ? 'parentId' : 'intoId', 'unitId')}
      />
      <View role="radiogroup" aria-label={`${label}的候选`} className="gb-org-panel__candidates">
        {candidates(form, level).map((c) => (
          <View key={c.id}>
            <View
              role="radio"
              aria-checked={targets[form]?.id === c.id ? 'true' : 'false'}
              className={targets[form]?.id === c.id ? 'gb-org-panel__cand gb-org-panel__cand--on' : 'gb-org-panel__cand'}
              onClick={() => setTargets((x) => ({ ...x, [form]: c }))}
            >
              {unitCrumb(c, index.byId)}
            </View>
          </View>
        ))}
      </View>
    </View>
  )

  return (
    <View className="gb-org-panel" aria-label={`${unit.name}的详情`}>
      <View className="gb-org-panel__title" role="heading" aria-level={2}>
        {unit.name}（{ORG_LEVEL_LABEL[unit.level]}）
      </View>
      <View className="gb-org-panel__meta">
        {parent ? `上级：${unitCrumb(parent, index.byId)}` : '最上级'} · 人员{people}名
        {unit.retiredAt ? ` · ${unit.mergedInto ? `已合并到「${index.byId.get(unit.mergedInto)?.name ?? unit.mergedInto}」` : '已撤销'}（原有填报保留）` : ''}
      </View>
      {active ? (
        <View>
          <View className="gb-org-panel__section">
            <Field label="名称" value={name} onChange={setName} error={err('rename', 'name', 'unitId')} />
            <ActionButton disabled={busy || name === unit.name} onClick={() => run('rename', async () => (await orgApi.rename(unit.id, name), `已改名为「${name.trim()}」`))}>
              保存名称
            </ActionButton>
          </View>

          {kid ? (
            <View className="gb-org-panel__section">
              <Field label={`新${ORG_LEVEL_LABEL[kid]}名称`} value={childName} onChange={setChildName} error={err('create', 'name', 'parentId')} />
              <ActionButton
                disabled={busy || !childName.trim()}
                onClick={() =>
                  run('create', async () => {
                    const r = await orgApi.create(unit.id, childName)
                    setChildName('')
                    return `已添加${ORG_LEVEL_LABEL[kid]}「${r.unit.name}」`
                  })
                }
              >
                {`添加${ORG_LEVEL_LABEL[kid]}`}
              </ActionButton>
            </View>
          ) : null}

          <View className="gb-org-panel__section">
            {populationFields.map((f) => (
              <Field key={f.key} label={f.label} type="number" value={population[f.key] ?? ''} onChange={(v) => setPopulation((p) => ({ ...p, [f.key]: v }))} error={err('population', `population`)} />
            ))}
            <ActionButton
              variant="outline"
              disabled={busy}
              onClick={() =>
                run('population', async () => {
                  const bad = populationFields.find((f) => (population[f.key] ?? '').trim() !== '' && !/^\d{1,9}$/.test(population[f.key].trim()))
                  if (bad) {
                    setErrors((e) => ({ ...e, population: { population: `${bad.label}应是不小于0的整数` } }))
                    return null
                  }
                  const values = Object.fromEntries(populationFields.filter((f) => (population[f.key] ?? '').trim() !== '').map((f) => [f.key, Number(population[f.key])]))
                  await orgApi.population(unit.id, values)
                  return '人口数已保存'
                })
              }
            >
              保存人口数
            </ActionButton>
          </View>

          {up ? (
            <View className="gb-org-panel__section">
              {picker('move', up, `移到哪个${ORG_LEVEL_LABEL[up]}下面`)}
              <ActionButton
                variant="outline"
                disabled={busy || !targets.move}
                onClick={() =>
                  run('move', async () => {
                    const target = targets.move
                    if (!target) return null
                    if (!(await confirm('移动单位', `把「${unit.name}」连同下级移到「${unitCrumb(target, index.byId)}」下面？已有填报随单位一起移动，汇总会重新计算。`, '移动'))) return null
                    const r = await orgApi.move(unit.id, target.id)
                    return `已移到「${target.name}」下面${r.rebuild.length ? `，重新计算了${r.rebuild.length}项汇总` : ''}`
                  })
                }
              >
                移动
              </ActionButton>
            </View>
          ) : null}

          {up ? (
            <View className="gb-org-panel__section">
              {picker('merge', unit.level, `合并到哪个${ORG_LEVEL_LABEL[unit.level]}`)}
              <ActionButton
                variant="outline"
                disabled={busy || !targets.merge}
                onClick={() =>
                  run('merge', async () => {
                    const target = targets.merge
                    if (!target) return null
                    const kids = (index.children.get(unit.id) ?? []).filter(isActive).length
                    if (!(await confirm('合并单位', `把「${unit.name}」合并到「${target.name}」？它的${kids}个下级和${people}名人员归入「${target.name}」；它自己的填报保留在原单位名下，单位标为已合并。`, '合并'))) return null
                    await orgApi.merge(unit.id, target.id)
                    return `「${unit.name}」已合并到「${target.name}」`
                  })
                }
              >
                合并
              </ActionButton>
            </View>
          ) : null}

          {up ? (
            <View className="gb-org-panel__section">
              {err('retire', 'unitId') ? (
                <View className="gb-org-field__error" role="alert">
                  {err('retire', 'unitId')}
                </View>
              ) : null}
              <ActionButton
                variant="outline"
                disabled={busy}
                onClick={() =>
                  run('retire', async () => {
                    if (!(await confirm('撤销单位', `撤销「${unit.name}」？撤销后不再分配任务，原有填报和历史保留。`, '撤销'))) return null
                    await orgApi.retire(unit.id)
                    return `「${unit.name}」已撤销`
                  })
                }
              >
                撤销这个单位
              </ActionButton>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
