import { View } from '@tarojs/components'
import { useState } from 'react'
import DeskShell from '../../components/DeskShell'
import ActionButton from '../../components/ActionButton'
import type { OrgUnit } from '../../core/org'
import { useIdentity } from '../../hooks/useIdentity'
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow'
import { fieldErrors, orgApi, type OrgTreeData } from './api'
import ImportPanel from './ImportPanel'
import TreeView from './TreeView'
import { indexTree, type TreeIndex } from './tree'
import UnitPanel from './UnitPanel'
import './index.scss'

/**
 * 组织架构 (admin): the tree of streets, communities and grids; choose a unit
 * to rename it, add below it, set its population, move, merge or retire it
 * (each with a confirmation), or import the tree from a sheet. At desk
 * width the tree and the chosen unit sit side by side.
 */
export default function OrgPage() {
  const me = useIdentity()
  const [data, setData] = useState<{ tree: OrgTreeData; index: TreeIndex } | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [mode, setMode] = useState<'unit' | 'import'>('unit')
  const [notice, setNotice] = useState('')
  const [error, setError] = useState('')

  const load = async () => {
    try {
      const tree = await orgApi.tree()
      setData({ tree, index: indexTree(tree.units) })
      setError('')
    } catch (e) {
      setError(fieldErrors(e).message)
    }
  }
  useRefreshOnShow(() => void load())

  const changed = (message: string) => {
    setNotice(message)
    void load()
  }
  const selected: OrgUnit | undefined = selectedId ? data?.index.byId.get(selectedId) : undefined

  if (me && me.person.role !== 'admin') {
    return (
      <DeskShell title="组织架构" active="packages/org/index">
        <View className="gb-org gb-org__empty">只有区民政局管理员可以调整组织架构</View>
      </DeskShell>
    )
  }
  return (
    <DeskShell
      title="组织架构"
      active="packages/org/index"
      actions={
        <ActionButton size="small" variant={mode === 'import' ? 'solid' : 'outline'} onClick={() => setMode(mode === 'import' ? 'unit' : 'import')}>
          {mode === 'import' ? '返回单位' : '从表格导入'}
        </ActionButton>
      }
    >
      <View className="gb-org">
        {error ? (
          <View className="gb-org-field__error" role="button" onClick={() => void load()}>
            {error}（点这里重试）
          </View>
        ) : null}
        {notice ? (
          <View className="gb-org__notice" role="status">
            {notice}
          </View>
        ) : null}
        <View className="gb-org__cols">
          <View className="gb-org__tree">
            {data ? (
              <TreeView index={data.index} peopleAt={data.tree.peopleAt} selectedId={selectedId} onSelect={(u) => (setSelectedId(u.id), setMode('unit'), setNotice(''))} />
            ) : (
              <View className="gb-org__empty">正在加载…</View>
            )}
          </View>
          <View className="gb-org__side">
            {mode === 'import' ? (
              <ImportPanel onImported={changed} />
            ) : selected && data ? (
              <UnitPanel unit={selected} index={data.index} peopleAt={data.tree.peopleAt} populationFields={data.tree.populationFields} onChanged={changed} />
            ) : (
              <View className="gb-org__empty">在左边（手机上在上面）点一个单位，可以改名、添加下级、移动、合并或撤销</View>
            )}
          </View>
        </View>
      </View>
    </DeskShell>
  )
}
