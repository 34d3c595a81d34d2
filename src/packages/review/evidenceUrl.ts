/**
 * Where an evidence photo can be shown from, by its stored id:
 * - `local:<uuid>.<ext>` (local server upload): `/files/<uuid>.<ext>` on the
 *   server, i.e. the same origin in H5 (prefixed by the API base when the
 *   build names one);
 * - `cloud://…` (CloudBase fileID): <Image> shows it directly in weapp; a
 *   browser cannot, so null there;
 * - an http(s) URL as it is.
 * null: nothing to show, the caller falls back to the file's name.
 */
export function evidenceUrl(id: string, opts: { base?: string; env?: string } = {}): string | null {
  const base = opts.base ?? __API_BASE__
  const env = opts.env ?? process.env.TARO_ENV
  const local = /^local:([0-9A-Za-z-]+\.[A-Za-z0-9]+)$/.exec(id)
  if (local) return `${base.replace(/\/+$/, '')}/files/${local[1]}`
  if (id.startsWith('cloud://')) return env === 'weapp' ? id : null
  if (/^https?:\/\//.test(id)) return id
  return null
}
