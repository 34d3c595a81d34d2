import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'
import type { Writable } from 'node:stream'
import type { Logger } from '../api/router'

/**
 * Request logs without capabilities: an export's token, an upload's file
 * name and a signed link's signature each let whoever reads them fetch the
 * file, so they never reach the log.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^\/exports\/[^?#]*/, '/exports/[redacted]')
    .replace(/^\/files\/[^?#]*/, '/files/[redacted]')
    .replace(/([?&](?:sig|exp|token)=)[^&#]*/g, '$1[redacted]')
}

export type LogSetting = boolean | { stream: Writable; level?: string }

export function loggerOptions(setting: LogSetting): FastifyServerOptions['logger'] {
  if (!setting) return false
  const serializers = {
    req(req: { method: string; url: string; ip?: string; socket?: { remoteAddress?: string } }) {
      return { method: req.method, url: redactUrl(req.url), remoteAddress: req.ip ?? req.socket?.remoteAddress }
    }
  }
  return setting === true ? { serializers } : { serializers, level: setting.level ?? 'info', stream: setting.stream }
}

/** The router's logger over pino: the error object first, so its stack and cause are kept. */
export function actionLogger(log: FastifyBaseLogger): Logger {
  return { error: (msg, err) => log.error({ err }, msg) }
}
