import { Image } from '@tarojs/components'

/** A QR code image on weapp (H5 uses QrImage.h5.tsx: a plain <img> with alt text). */
export default function QrImage({ src, label }: { src: string; label: string }) {
  return <Image className="sheet__qr" src={src} mode="aspectFit" aria-label={label} />
}
