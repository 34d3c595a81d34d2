import { View } from '@tarojs/components'
import { periodShortLabel } from '../../core/periodLabel'
import './index.scss'

export interface PeriodPickerProps {
  /** The chosen period key: "2020", "2020-Q3" or "2020-07". */
  value: string
  /** Years offered, newest first. */
  years: number[]
  /** YYYY-MM-DD: quarters and months that have not begun are not offered. */
  today: string
  onChange: (key: string) => void
}

type Kind = 'year' | 'quarter' | 'month'

const KIND_LABEL: Record<Kind, string> = { year: '全年', quarter: '按季度', month: '按月' }

function kindOf(key: string): Kind {
  return /-Q/.test(key) ? 'quarter' : key.length === 7 ? 'month' : 'year'
}

/** Quarters or months of `year` that have begun by `today`, in order. */
export function periodsBegun(kind: Exclude<Kind, 'year'>, year: number, today: string): string[] {
  const keys =
    kind === 'quarter'
      ? [1, 2, 3, 4].map((q) => ({ key: `${year}-Q${q}`, start: `${year}-${String(q * 3 - 2).padStart(2, '0')}-01` }))
      : Array.from({ length: 12 }, (_, i) => {
          const key = `${year}-${String(i + 1).padStart(2, '0')}`
          return { key, start: `${key}-01` }
        })
  return keys.filter((k) => k.start <= today).map((k) => k.key)
}

/** The same part of another year, or that year's latest begun one. */
function moveTo(kind: Kind, year: number, current: string, today: string): string {
  if (kind === 'year') return String(year)
  const begun = periodsBegun(kind, year, today)
  const same = `${year}${current.slice(4)}`
  if (kindOf(current) === kind && begun.includes(same)) return same
  return begun[begun.length - 1] ?? String(year)
}

function Chips({ items, value, onPick }: { items: { key: string; label: string }[]; value: string; onPick: (key: string) => void }) {
  return (
    <View className="gb-period-picker__row">
      {items.map((it) => (
        <View
          key={it.key}
          role="button"
          aria-pressed={it.key === value}
          className={it.key === value ? 'gb-period-picker__chip gb-period-picker__chip--on' : 'gb-period-picker__chip'}
          onClick={() => it.key !== value && onPick(it.key)}
        >
          {it.label}
        </View>
      ))}
    </View>
  )
}

/** Year, then 全年 / 按季度 / 按月, then the quarter or month: tap chips. */
export default function PeriodPicker({ value, years, today, onChange }: PeriodPickerProps) {
  const year = Number(value.slice(0, 4))
  const kind = kindOf(value)
  const kinds = (Object.keys(KIND_LABEL) as Kind[]).filter((k) => k === 'year' || periodsBegun(k, year, today).length > 0)
  return (
    <View className="gb-period-picker">
      <Chips items={years.map((y) => ({ key: String(y), label: `${y}年` }))} value={String(year)} onPick={(y) => onChange(moveTo(kind, Number(y), value, today))} />
      <Chips items={kinds.map((k) => ({ key: k, label: KIND_LABEL[k] }))} value={kind} onPick={(k) => onChange(moveTo(k as Kind, year, value, today))} />
      {kind !== 'year' ? (
        <Chips items={periodsBegun(kind, year, today).map((key) => ({ key, label: periodShortLabel(key) }))} value={value} onPick={onChange} />
      ) : null}
    </View>
  )
}
