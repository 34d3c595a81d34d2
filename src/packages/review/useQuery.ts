import { useRouter } from '@tarojs/taro'
import { useMemo } from 'react'

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * The page's query parameters (`?id=…`), decoded. Mini-program `onLoad`
 * options arrive still encoded while the H5 router decodes them; decoding
 * once more is harmless for our ids, which hold no `%`.
 */
export function useQuery(): Record<string, string> {
  const router = useRouter()
  const params = router?.params
  return useMemo(() => {
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(params ?? {})) if (typeof v === 'string') out[k] = decode(v)
    return out
  }, [params])
}
