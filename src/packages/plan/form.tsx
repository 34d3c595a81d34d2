import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** The value an input event carries in H5 (a DOM event) and in weapp (Taro's detail). */
export const eventValue = (e: unknown): string => {
  const ev = e as { detail?: { value?: unknown }; target?: { value?: unknown } }
  return String(ev.detail?.value ?? ev.target?.value ?? '')
}

export interface TextFieldProps {
  label: string
  value: string
  onChange: (text: string) => void
  /** The problem with what is typed, a Chinese sentence shown right under the input. */
  error?: string
  placeholder?: string
  wide?: boolean
  multiline?: boolean
}

/** A labelled input whose error sits next to it; what was typed stays as typed. */
export function TextField({ label, value, onChange, error, placeholder, wide, multiline }: TextFieldProps) {
  return (
    <label className={`gb-plan-field${wide ? ' gb-plan-field--wide' : ''}${error ? ' gb-plan-field--bad' : ''}`}>
      <span className="gb-plan-field__label">{label}</span>
      {multiline ? (
        <textarea className="gb-plan-field__input" aria-label={label} value={value} placeholder={placeholder} aria-invalid={error ? true : undefined} onInput={(e) => onChange(eventValue(e))} />
      ) : (
        <input className="gb-plan-field__input" aria-label={label} value={value} placeholder={placeholder} aria-invalid={error ? true : undefined} onInput={(e) => onChange(eventValue(e))} />
      )}
      {error ? (
        <span className="gb-plan-field__error" role="alert">
          {error}
        </span>
      ) : null}
    </label>
  )
}

/** A number kept as typed: a figure becomes a number, anything else stays text for the check to name. */
export const typedNumber = (text: string, percent = false): number | string => {
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n)) return text
  return percent ? Math.round(n * 1e6) / 1e8 : n
}

export const shownNumber = (v: unknown, percent = false): string =>
  typeof v === 'number' ? String(percent ? Math.round(v * 1e8) / 1e6 : v) : typeof v === 'string' ? v : ''

export function FieldError({ text }: { text?: string }) {
  return text ? (
    <View className="gb-plan-field__error" role="alert">
      {text}
    </View>
  ) : null
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className="gb-plan-section" role="group" aria-label={title}>
      <View className="gb-plan-section__title" role="heading" aria-level={2}>
        {title}
      </View>
      {children}
    </View>
  )
}
