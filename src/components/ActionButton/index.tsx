import { View, Text } from '@tarojs/components'
import './index.scss'

export interface ActionButtonProps {
  children: string
  onClick(): void
  /** solid: the main action; outline: a secondary one. */
  variant?: 'solid' | 'outline'
  size?: 'normal' | 'small'
  block?: boolean
  disabled?: boolean
  className?: string
}

/**
 * A plain button for the tab pages. NutUI's Button brings 13.5 KB of CSS
 * for variants we never use into a main package capped at 400 KB; this one
 * is a few hundred bytes and keeps the 44 px touch target.
 */
export default function ActionButton({ children, onClick, variant = 'solid', size = 'normal', block, disabled, className }: ActionButtonProps) {
  const classes = ['gb-action', `gb-action--${variant}`, `gb-action--${size}`, block ? 'gb-action--block' : '', disabled ? 'gb-action--disabled' : '', className ?? '']
  return (
    <View className={classes.filter(Boolean).join(' ')} role="button" aria-label={children} aria-disabled={disabled ? 'true' : undefined} onClick={() => !disabled && onClick()}>
      <Text>{children}</Text>
    </View>
  )
}
