import { View, Input } from '@tarojs/components'
import { useState } from 'react'
import { ORG_LEVEL_LABEL, type OrgUnit } from '../../core/org'
import { isActive } from '../../core/orgRules'
import { unitCrumb, type TreeIndex } from './tree'

export interface TreeViewProps {
  index: TreeIndex
  peopleAt: Record<string, number>
  selectedId: string | null
  onSelect: (unit: OrgUnit) => void
}

const MATCHES = 50

/** The tree, streets open, the rest opened by tapping ▸; or, while searching, the matching units by name. */
export default function TreeView({ index, peopleAt, selectedId, onSelect }: TreeViewProps) {
  const [open, setOpen] = useState<Set<string>>(() => new Set(index.root ? [index.root.id] : []))
  const [query, setQuery] = useState('')
  const [showRetired, setShowRetired] = useState(false)
  const toggle = (id: string) => setOpen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])))
  const visible = (u: OrgUnit) => showRetired || isActive(u)

  const row = (u: OrgUnit, depth: number) => {
    const kids = (index.children.get(u.id) ?? []).filter(visible)
    const expanded = open.has(u.id)
    const people = peopleAt[u.id] ?? 0
    return (
      <View key={u.id} role="listitem" className="gb-org-tree__item">
        <View className={u.id === selectedId ? 'gb-org-tree__row gb-org-tree__row--on' : 'gb-org-tree__row'} style={{ paddingLeft: `${depth * 16 + 4}PX` }}>
          {kids.length ? (
            <View role="button" className="gb-org-tree__toggle" aria-expanded={expanded ? 'true' : 'false'} aria-label={`${expanded ? '收起' : '展开'}${u.name}`} onClick={() => toggle(u.id)}>
              {expanded ? '▾' : '▸'}
            </View>
          ) : (
            <View className="gb-org-tree__toggle gb-org-tree__toggle--none" aria-hidden="true" />
          )}
          <View role="button" className="gb-org-tree__name" aria-pressed={u.id === selectedId ? 'true' : 'false'} onClick={() => onSelect(u)}>
            {u.name}
          </View>
          <View className="gb-org-tree__meta">
            {ORG_LEVEL_LABEL[u.level]}
            {kids.length ? ` · ${kids.length}个下级` : ''}
            {people ? ` · ${people}人` : ''}
            {u.retiredAt ? (u.mergedInto ? ' · 已合并' : ' · 已撤销') : ''}
          </View>
        </View>
        {expanded && kids.length ? (
          <View role="list" aria-label={`${u.name}的下级`}>
            {kids.map((k) => row(k, depth + 1))}
          </View>
        ) : null}
      </View>
    )
  }

  const q = query.trim()
  const matches = q ? [...index.byId.values()].filter((u) => visible(u) && u.name.includes(q)) : []
  return (
    <View className="gb-org-tree">
      <View className="gb-org-tree__tools">
        <Input className="gb-org-tree__search" value={query} placeholder="按名称查找单位" nativeProps={{ 'aria-label': '按名称查找单位' }} onInput={(e) => setQuery(e.detail.value)} />
        <View role="checkbox" aria-checked={showRetired ? 'true' : 'false'} className="gb-org-tree__check" onClick={() => setShowRetired((v) => !v)}>
          {showRetired ? '☑' : '☐'} 显示已撤销的单位
        </View>
      </View>
      {q ? (
        <View role="list" aria-label="查找结果">
          {matches.length === 0 ? <View className="gb-org-tree__empty">没有名称含「{q}」的单位</View> : null}
          {matches.slice(0, MATCHES).map((u) => (
            <View key={u.id} role="listitem" className="gb-org-tree__item">
              <View role="button" className={u.id === selectedId ? 'gb-org-tree__hit gb-org-tree__row--on' : 'gb-org-tree__hit'} onClick={() => onSelect(u)}>
                {unitCrumb(u, index.byId)}（{ORG_LEVEL_LABEL[u.level]}）
              </View>
            </View>
          ))}
          {matches.length > MATCHES ? <View className="gb-org-tree__empty">还有{matches.length - MATCHES}个，请输入更完整的名称</View> : null}
        </View>
      ) : index.root ? (
        <View role="list" aria-label="组织架构">
          {row(index.root, 0)}
        </View>
      ) : (
        <View className="gb-org-tree__empty">正在加载…</View>
      )}
    </View>
  )
}
