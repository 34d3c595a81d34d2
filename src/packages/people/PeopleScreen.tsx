import Taro from '@tarojs/taro'
import { Picker, Text, Textarea, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import DataTable, { type DataColumn } from '../../components/DataTable'
import { ROLE_LABEL, ROLES, type Role } from '../../core/person'
import { fieldErrors, peopleApi, sheetHandOff, type PersonRow } from './peopleApi'
import { crumb, findUnits, gridIdFor, type UnitLite } from './unitChoice'

const ROLE_OPTIONS = ROLES.map((r) => ({ role: r, label: ROLE_LABEL[r] }))

/** A message beside its field (aria-live, so a screen reader says it). */
function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? (
    <Text id={id} className="people__error" aria-live="assertive">
      {text}
    </Text>
  ) : null
}

function RolePicker({ value, onChange, label }: { value: Role; onChange: (r: Role) => void; label: string }) {
  return (
    <Picker mode="selector" range={ROLE_OPTIONS.map((o) => o.label)} value={ROLES.indexOf(value)} onChange={(e) => onChange(ROLES[Number(e.detail.value)])}>
      <View className="people__picker" aria-label={label}>
        {label}：{ROLE_LABEL[value]}
      </View>
    </Picker>
  )
}

/** The add form: every refusal shows next to its field, and what was typed stays. */
function AddForm({ onAdded }: { onAdded: () => void }) {
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('grid_worker')
  const [unit, setUnit] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const submit = async () => {
    setErrors({})
    try {
      await peopleApi.add({ name, role, orgUnitId: unit.trim() })
      setName('')
      onAdded()
    } catch (e) {
      setErrors(fieldErrors(e))
    }
  }
  return (
    <View className="people__form" aria-label="添加人员">
      <Text className="people__legend">添加人员</Text>
      <Input value={name} onChange={setName} placeholder="姓名" aria-label="姓名" maxLength={10} />
      <FieldError id="add-name" text={errors.name} />
      <RolePicker value={role} onChange={setRole} label="角色" />
      <FieldError id="add-role" text={errors.role} />
      <Input value={unit} onChange={setUnit} placeholder="单位编号，如 qk-s11-c01-g1" aria-label="单位编号" />
      <FieldError id="add-unit" text={errors.orgUnitId} />
      <FieldError id="add-form" text={errors.form ?? errors.id} />
      <Button type="primary" onClick={submit}>
        添加
      </Button>
    </View>
  )
}

/** Invite codes for one community, then the printable sheet. The community is found by name; lines name grids by name. */
function InviteForm() {
  const [community, setCommunity] = useState('')
  const [chosen, setChosen] = useState<UnitLite | null>(null)
  const [units, setUnits] = useState<UnitLite[]>([])
  const [rows, setRows] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  useEffect(() => {
    peopleApi.units().then(setUnits, () => setUnits([]))
  }, [])
  const byId = new Map(units.map((u) => [u.id, u]))
  const candidates = chosen ? [] : findUnits(units, 'community', community)
  const submit = async () => {
    setErrors({})
    const communityId = chosen?.id ?? community.trim()
    // One line per person: 姓名 网格 (a grid's name or id; blank: every grid worker the community has).
    const parsed = rows
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [name, grid] = l.split(/[\s,，]+/)
        return { name: name ?? '', orgUnitId: gridIdFor(units, communityId, grid ?? '') }
      })
    // A grid name the community does not have is named here, with the line (the typed text stays).
    const unknown = units.length ? parsed.findIndex((r) => !byId.has(r.orgUnitId)) : -1
    if (unknown >= 0) {
      const where = byId.get(communityId)?.name ?? '这个社区'
      return setErrors({ [`rows.${unknown}.orgUnitId`]: `第${unknown + 1}行：${where}没有「${parsed[unknown].orgUnitId || '（没写网格）'}」这个网格` })
    }
    try {
      const sheet = await peopleApi.inviteCommunity(communityId, parsed.length ? parsed : undefined)
      sheetHandOff.put(sheet)
      await Taro.navigateTo({ url: '/packages/people/sheet' })
    } catch (e) {
      setErrors(fieldErrors(e))
    }
  }
  return (
    <View className="people__form" aria-label="社区邀请码">
      <Text className="people__legend">为一个社区生成邀请码</Text>
      <Input
        value={community}
        onChange={(v) => (setCommunity(v), setChosen(null))}
        placeholder="社区名称（输入查找），或社区编号"
        aria-label="社区"
      />
      <View role="radiogroup" aria-label="社区的候选" className="people__candidates">
        {candidates.map((c) => (
          <View key={c.id} role="radio" aria-checked="false" className="people__cand" onClick={() => (setChosen(c), setCommunity(c.name))}>
            {crumb(c, byId)}
          </View>
        ))}
      </View>
      {chosen ? <Text className="people__chosen">已选：{crumb(chosen, byId)}</Text> : null}
      <FieldError id="inv-community" text={errors.communityId} />
      {/* Several lines: a multi-line box (a single-line input cannot take the line breaks). */}
      <Textarea
        className="people__lines"
        value={rows}
        onInput={(e) => setRows(e.detail.value)}
        placeholder="新网格员：每行“姓名 网格名称”（留空：给已有网格员）"
        aria-label="新网格员名单"
        maxlength={-1}
      />
      <FieldError id="inv-rows" text={Object.entries(errors).find(([k]) => k.startsWith('rows'))?.[1]} />
      <FieldError id="inv-form" text={errors.form} />
      <Button type="primary" onClick={submit}>
        生成邀请码并打印
      </Button>
    </View>
  )
}

/** One person's changes: move, role, deactivate (with a confirmation) or reactivate. */
function RowActions({ p, onChanged }: { p: PersonRow; onChanged: () => void }) {
  const [unit, setUnit] = useState('')
  const [role, setRole] = useState<Role>(p.role)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const run = async (f: () => Promise<unknown>) => {
    setErrors({})
    try {
      await f()
      onChanged()
    } catch (e) {
      setErrors(fieldErrors(e))
    }
  }
  const deactivate = async () => {
    const { confirm } = await Taro.showModal({ title: '停用人员', content: `停用后${p.name}会立即退出登录，不能再登录；已填报的数据保留。确定停用？`, confirmText: '停用' })
    if (confirm) await run(() => peopleApi.deactivate(p.id))
  }
  return (
    <View className="people__row-actions">
      <Input value={unit} onChange={setUnit} placeholder="新单位编号" aria-label={`${p.name}的新单位编号`} />
      <Button size="small" onClick={() => run(() => peopleApi.move(p.id, unit.trim()))}>
        调动
      </Button>
      <RolePicker value={role} onChange={setRole} label={`${p.name}的角色`} />
      <Button size="small" onClick={() => run(() => peopleApi.setRole(p.id, role, unit.trim() || undefined))}>
        改角色
      </Button>
      {p.active ? (
        <Button size="small" type="danger" onClick={deactivate}>
          停用
        </Button>
      ) : (
        <Button size="small" onClick={() => run(() => peopleApi.reactivate(p.id))}>
          恢复
        </Button>
      )}
      <FieldError id={`row-${p.id}`} text={errors.orgUnitId ?? errors.role ?? errors.form} />
    </View>
  )
}

/** The people screen's content (wrapped in DeskShell by the page). */
export default function PeopleScreen() {
  const [rows, setRows] = useState<PersonRow[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState('')
  const load = async (after?: string) => {
    setLoading(true)
    try {
      const page = await peopleApi.list({ limit: 50, ...(after ? { after } : {}) })
      setRows((r) => (after ? [...r, ...page.people] : page.people))
      setNext(page.next)
      setError('')
    } catch (e) {
      setError(fieldErrors(e).form ?? '加载失败')
    } finally {
      setLoading(false)
    }
  }
  useEffect(() => {
    void load()
  }, [])
  const columns: DataColumn<PersonRow>[] = [
    { key: 'name', title: '姓名', sortValue: (p) => p.name },
    { key: 'role', title: '角色', sortValue: (p) => p.roleLabel },
    { key: 'unit', title: '单位', sortValue: (p) => p.unitLabel },
    { key: 'state', title: '状态', sortValue: (p) => (p.active ? '在用' : '已停用') },
    { key: 'actions', title: '操作', render: (p) => <RowActions p={p} onChanged={() => void load()} /> }
  ]
  return (
    <View className="people">
      {error ? (
        <Text className="people__error" aria-live="assertive">
          {error}
        </Text>
      ) : null}
      <View className="people__forms">
        <AddForm onAdded={() => void load()} />
        <InviteForm />
      </View>
      <DataTable caption="本辖区人员" columns={columns} rows={rows} rowKey={(p) => p.id} onLoadMore={() => next && void load(next)} hasMore={!!next} loadingMore={loading} />
    </View>
  )
}
