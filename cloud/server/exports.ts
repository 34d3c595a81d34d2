import type { FastifyInstance } from 'fastify'
import { createReadStream } from 'node:fs'
import { ApiError, httpStatus } from '../../src/core/errors'
import type { LocalFileSink } from '../export/files'

/** "2020年度…自查表.xlsx" → an ASCII stand-in for clients that ignore filename*. */
const asciiName = (name: string) => name.replace(/[^\x20-\x7e]|["\\]/g, '_')

/**
 * Downloads of exported 自查表 files in local mode: `GET /exports/<token>/<name>`.
 * Like `/files/<id>`, the random token is the capability (the mini-program's
 * downloadFile and a browser link send no Bearer header), so nothing else is
 * checked; the link stops working when the sink says it expired.
 */
export function registerExports(app: FastifyInstance, sink: LocalFileSink): void {
  const refuse = (message: string) => ({ ok: false, error: new ApiError('NOT_FOUND', message).toBody() })

  app.get<{ Params: { token: string; name: string } }>(`${sink.urlPrefix}/:token/:name`, async (req, reply) => {
    const file = await sink.open(req.params.token, req.params.name)
    if (file.kind === 'expired') return reply.code(httpStatus('NOT_FOUND')).send(refuse('下载链接已过期，请重新导出'))
    if (file.kind === 'missing') return reply.code(httpStatus('NOT_FOUND')).send(refuse('没有这个文件，请重新导出'))
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${asciiName(file.name)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(file.path))
  })
}
