import type { Api } from '../../services/api'
/**
 * Where an evidence photo can be shown from, by its stored id:
 * - `local:<uuid>.<ext>` (local server upload): its signed link from
 *   `files.link` (`/files/<uuid>.<ext>?exp=…&sig=…`) on the server, i.e. the
 *   same origin in H5 (prefixed by the API base when the build names one);
 *   without a link, null (the server serves files only to a session or a
 *   signed link, and an <Image> sends no session);
 * - `cloud://…` (CloudBase fileID): in weapp its https temp link from
 *   `evidence.links` (the storage rule lets only the uploader read the file
 *   itself), else the id; a browser cannot show it, so null there;
 * - anything else, an http(s) URL included: null (never fetched).
 * null: nothing to show, the caller falls back to the file's name.
 */
/**
 * Links for a report's evidence, for <Image> (which sends no session):
 * local uploads through `files.link` (signed links), cloud files through
 * `evidence.links` (CloudBase temp links; the storage rule lets only the
 * uploader's phone read the file itself). Each is asked only when the report
 * has such files; a failure leaves them out (the names still show).
 */
export async function evidenceLinks(api: Pick<Api, 'fileLinks' | 'evidenceLinks'>, report: { id: string; evidence: { id: string }[] }): Promise<Record<string, string>> {
  const ids = report.evidence.map((e) => e.id)
  const local = ids.filter((id) => id.startsWith('local:'))
  const cloud = ids.filter((id) => id.startsWith('cloud://'))
  const none = { links: {} as Record<string, { url: string }> }
  const [a, b] = await Promise.all([local.length ? api.fileLinks(local).catch(() => none) : none, cloud.length ? api.evidenceLinks(report.id, cloud).catch(() => none) : none])
  return Object.fromEntries(Object.entries({ ...a.links, ...b.links }).map(([id, l]) => [id, l.url]))
}

export function evidenceUrl(id: string, opts: { base?: string; env?: string; links?: Record<string, string> } = {}): string | null {
  const base = opts.base ?? __API_BASE__
  const env = opts.env ?? process.env.TARO_ENV
  const local = /^local:([0-9A-Za-z-]+\.[A-Za-z0-9]+)$/.exec(id)
  if (local) {
    const link = opts.links?.[id]
    return link && link.startsWith(`/files/${local[1]}?`) ? `${base.replace(/\/+$/, '')}${link}` : null
  }
  if (id.startsWith('cloud://')) {
    if (env !== 'weapp') return null
    // The reviewer's link from `evidence.links` (CloudBase temp URL); without
    // one, the file id itself, which only its uploader's phone can read.
    const link = opts.links?.[id]
    return link && link.startsWith('https://') ? link : id
  }
  // Any other id (an outside URL among them) is never fetched: the server
  // accepts only its own uploads and cloud files of its environment.
  return null
}
