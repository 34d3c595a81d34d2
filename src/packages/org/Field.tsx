import { View, Input } from '@tarojs/components'

export interface FieldProps {
  label: string
  value: string
  onChange: (v: string) => void
  /** The reason the value was refused, shown under the field (the value stays as typed). */
  error?: string
  placeholder?: string
  type?: 'text' | 'number'
}

/** A labelled input with its error next to it. */
export default function Field({ label, value, onChange, error, placeholder, type = 'text' }: FieldProps) {
  return (
    <View className={error ? 'gb-org-field gb-org-field--bad' : 'gb-org-field'}>
      <View className="gb-org-field__label" aria-hidden="true">
        {label}
      </View>
      <Input
        className="gb-org-field__input"
        value={value}
        type={type}
        placeholder={placeholder}
        // H5: Taro's Input forwards only nativeProps to the real <input>, which axe and screen readers read.
        nativeProps={{ 'aria-label': label, 'aria-invalid': error ? 'true' : 'false' }}
        onInput={(e) => onChange(e.detail.value)}
      />
      {error ? (
        <View className="gb-org-field__error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  )
}
