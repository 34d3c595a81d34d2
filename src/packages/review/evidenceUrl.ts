/**
 * Where an evidence photo can be shown from, by its stored id:
 * - `local:<uuid>.<ext>` (local server upload): its signed link from
 *   `files.link` (`/files/<uuid>.<ext>?exp=…&sig=…`) on the server, i.e. the
 *   same origin in H5 (prefixed by the API base when the build names one);
 *   without a link, null (the server serves files only to a session or a
 *   signed link, and an <Image> sends no session);
 * - `cloud://…` (CloudBase fileID): <Image> shows it directly in weapp; a
 *   browser cannot, so null there;
 * - anything else, an http(s) URL included: null (never fetched).
 * null: nothing to show, the caller falls back to the file's name.
 */
export function evidenceUrl(id: string, opts: { base?: string; env?: string; links?: Record<string, string> } = {}): string | null {
  const base = opts.base ?? __API_BASE__
  const env = opts.env ?? process.env.TARO_ENV
  const local = /^local:([0-9A-Za-z-]+\.[A-Za-z0-9]+)$/.exec(id)
  if (local) {
    const link = opts.links?.[id]
    return link && link.startsWith(`/files/${local[1]}?`) ? `${base.replace(/\/+$/, '')}${link}` : null
  }
  if (id.startsWith('cloud://')) return env === 'weapp' ? id : null
  // Any other id (an outside URL among them) is never fetched: the server
  // accepts only its own uploads and cloud files of its environment.
  return null
}
