/**
 * H5: lets the browser save the file through a temporary <a download>.
 * Returns false where there is no document to do it in.
 */
export function browserDownload(url: string, name: string, doc: Document | null = typeof document === 'undefined' ? null : document): boolean {
  if (!doc) return false
  const a = doc.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  a.style.display = 'none'
  doc.body.appendChild(a)
  a.click()
  doc.body.removeChild(a)
  return true
}
