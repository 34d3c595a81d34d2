import { View, Text, Image } from '@tarojs/components'
import './index.scss'

export interface EvidenceItem {
  id: string
  name: string
  kind: 'image' | 'file'
}

export interface EvidenceGalleryProps {
  items: EvidenceItem[]
  /** Where a stored id can be shown from; null shows the name instead. */
  urlOf: (id: string) => string | null
  /** Tap on a photo: open it large. */
  onPreview?: (url: string, all: string[]) => void
}

/** Evidence photos as thumbnails; files and photos that cannot be shown by name. */
export default function EvidenceGallery({ items, urlOf, onPreview }: EvidenceGalleryProps) {
  if (items.length === 0) return <View className="gb-evidence__empty">没有上传照片</View>
  const urls = items.map((e) => (e.kind === 'image' ? urlOf(e.id) : null))
  const shown = urls.filter((u): u is string => u !== null)
  return (
    <View className="gb-evidence">
      {items.map((e, i) => {
        const url = urls[i]
        return url ? (
          <View key={e.id} className="gb-evidence__item" role="button" aria-label={e.name || '现场照片'} onClick={() => onPreview?.(url, shown)}>
            <Image className="gb-evidence__photo" src={url} mode="aspectFill" />
          </View>
        ) : (
          <View key={e.id} className="gb-evidence__file">
            <Text>{e.name || (e.kind === 'image' ? '照片' : '文件')}</Text>
          </View>
        )
      })}
    </View>
  )
}
