import { ACCEPTED_TYPES } from './files'

/**
 * What an evidence id may name, so a report can only point reviewers'
 * browsers at files of this install: `local:<uuid>.<ext>` for a file
 * uploaded to the local server (ext one of the accepted types), or a
 * CloudBase fileID of this environment, `cloud://<env>.<bucket>/<path>`.
 */
const LOCAL = new RegExp(`^local:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(?:${ACCEPTED_TYPES.map((t) => t.ext).join('|')}))$`)

/** The file name under the upload folder, for a well-formed local id; null otherwise. */
export function localFileOf(id: string): string | null {
  return LOCAL.exec(id)?.[1] ?? null
}

/** A CloudBase fileID in environment `env` (and nothing a browser would fetch from elsewhere). */
export function isCloudFileOf(id: string, env: string): boolean {
  return env.length > 0 && id.startsWith(`cloud://${env}.`) && !/[\s"'<>\\]/.test(id)
}
