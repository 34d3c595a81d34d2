/** In H5 a plain <img>: Taro's Image wraps it without passing alt text, which screen readers and axe need. */
export default function QrImage({ src, label }: { src: string; label: string }) {
  return <img className="sheet__qr" src={src} alt={label} />
}
