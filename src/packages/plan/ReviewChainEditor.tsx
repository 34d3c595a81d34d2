import { View } from '@tarojs/components'
import ChoiceChips from '../../components/ChoiceChips'
import { ORG_LEVELS, type OrgLevel } from '../../core/org'
import type { Problems } from '../../core/plan/check'
import { REPORT_LEVEL_LABEL } from '../../core/plan/labels'
import { defaultChain } from '../../core/reviewChain'
import { FieldError } from './form'

interface Props {
  /** The item's reviewChain as typed: absent (single-level review) or levels, lowest first. */
  chain: unknown
  reportLevel: unknown
  problems: Problems
  onChange: (chain: OrgLevel[] | undefined) => void
}

const LOWEST_FIRST = [...ORG_LEVELS].reverse()
const isLevel = (l: unknown): l is OrgLevel => (ORG_LEVELS as readonly unknown[]).includes(l)

/**
 * 审核链: which levels above the report level review an indicator, lowest
 * first. The levels offered are core's `defaultChain(reportLevel)`; whether
 * a chain is valid is core's `chainProblem`, run by the plan check
 * (schema/indicator.ts), whose sentence shows under the chips. Levels that
 * no longer fit (the report level was changed) stay shown, ticked, so the
 * error names something the admin can untick.
 */
export default function ReviewChainEditor({ chain, reportLevel, problems, onChange }: Props) {
  const chosen: OrgLevel[] = Array.isArray(chain) ? chain.filter(isLevel) : []
  const above: OrgLevel[] = isLevel(reportLevel) ? defaultChain(reportLevel) : []
  const offered = LOWEST_FIRST.filter((l) => above.includes(l) || chosen.includes(l))
  const on = Array.isArray(chain)
  const toggle = (l: string) => {
    const next = chosen.includes(l as OrgLevel) ? chosen.filter((x) => x !== l) : [...chosen, l as OrgLevel]
    onChange(LOWEST_FIRST.filter((x) => next.includes(x)))
  }
  const error = problems.reviewChain ?? problems[Object.keys(problems).find((p) => p.startsWith('reviewChain.')) ?? '']
  return (
    <View className="gb-plan-chain">
      <ChoiceChips
        label="审核方式"
        items={[
          { key: 'single', label: '单级审核（上级审核员通过即可）' },
          { key: 'chain', label: '逐级审核、签核' }
        ]}
        value={[on ? 'chain' : 'single']}
        onToggle={(k) => onChange(k === 'chain' ? above : undefined)}
      />
      {on ? (
        <>
          <ChoiceChips label="审核层级（从下往上）" multi items={offered.map((l) => ({ key: l, label: REPORT_LEVEL_LABEL[l] }))} value={chosen} onToggle={toggle} />
          {chosen.length ? (
            <View className="gb-plan-hint">
              {chosen.map((l, i) => `${REPORT_LEVEL_LABEL[l]}${i === 0 ? '审核每份报告' : '签核下级合计'}`).join(' → ')}
            </View>
          ) : null}
          {above.length === 0 ? <View className="gb-plan-hint">由区民政局填报的指标没有更上一级，请选单级审核。</View> : null}
        </>
      ) : (
        <View className="gb-plan-hint">不设审核链：报告由上级任一审核员通过或退回，不逐级签核。</View>
      )}
      <FieldError text={error} />
    </View>
  )
}
