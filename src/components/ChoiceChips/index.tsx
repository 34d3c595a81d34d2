import { View } from '@tarojs/components'
import './index.scss'

export interface Choice {
  key: string
  label: string
}

export interface ChoiceChipsProps {
  items: Choice[]
  /** The chosen keys: one for a single choice, any number with `multi`. */
  value: string[]
  onToggle: (key: string) => void
  /** Several may be on at once (checkbox chips) instead of one (tabs, filters). */
  multi?: boolean
  label?: string
}

/** Tap chips, each at least 88 rpx high, wrapping onto more lines as needed. */
export default function ChoiceChips({ items, value, onToggle, multi = false, label }: ChoiceChipsProps) {
  return (
    <View className="gb-chips" role={multi ? 'group' : 'radiogroup'} aria-label={label}>
      {items.map((it) => {
        const on = value.includes(it.key)
        return (
          <View
            key={it.key}
            role={multi ? 'checkbox' : 'radio'}
            aria-checked={on}
            className={on ? 'gb-chips__chip gb-chips__chip--on' : 'gb-chips__chip'}
            onClick={() => (multi || !on) && onToggle(it.key)}
          >
            {multi ? (on ? '✓ ' : '') : ''}
            {it.label}
          </View>
        )
      })}
    </View>
  )
}
