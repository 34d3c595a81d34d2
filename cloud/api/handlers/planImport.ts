import * as z from 'zod/mini'
import { ApiError } from '../../../src/core/errors'
import { draftPlanFromTables } from '../../../src/core/import/draftPlan'
import { prose } from '../../../src/core/schema/builders'
import { defineAction } from '../action'
import type { ApiContext } from '../context'
import { requireAdmin } from '../scope'

/** A 10 MB file in base64, with room for padding; the reader refuses anything over 10 MB with its own message. */
export const MAX_IMPORT_BASE64 = Math.ceil((10 * 1024 * 1024 + 1) / 3) * 4 + 4 * 1024 * 1024

const FILE_ID = /^cloud:\/\/[^/]+\/imports\/[^/]{1,200}$/

const Input = z.strictObject({
  /** The file's name as the admin picked it: only its extension is looked at (macro-enabled types are refused). */
  name: prose(200, 1),
  /** The file itself, base64 (the local server and H5). */
  base64: z.optional(z.string().check(z.maxLength(MAX_IMPORT_BASE64, '文件超过10MB，请删去图片等内容后再上传'))),
  /** Or a file uploaded to cloud storage under imports/ (CloudBase, where a call carries at most 100 KB of text). */
  fileId: z.optional(z.string().check(z.regex(FILE_ID, '文件编号不对，请重新上传')))
})

async function bytesOf(ctx: ApiContext, input: z.infer<typeof Input>): Promise<Buffer> {
  if (input.base64 !== undefined) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.base64)) throw new ApiError('BAD_INPUT', '文件内容不完整，请重新上传', { issues: [{ path: 'base64', message: '不是 base64' }] })
    return Buffer.from(input.base64, 'base64')
  }
  if (!ctx.imports) throw new ApiError('BAD_INPUT', '这里不能从云存储读取文件，请直接上传文件内容')
  return ctx.imports.take(input.fileId!)
}

/**
 * Reads last year's 自查表 (docx or xlsx laid out like the seed) or a target
 * sheet into a draft plan: indicators in order with their 类型 groups,
 * proposed fields and the targets read from 指标内容及指标值. The draft is
 * only returned; nothing is stored or published (the plan designer turns it
 * into indicators after the admin has reviewed it).
 */
export const planImport = defineAction('plan.import', Input, async (ctx, input) => {
  requireAdmin(ctx)
  if ((input.base64 === undefined) === (input.fileId === undefined)) {
    throw new ApiError('BAD_INPUT', '请选择一个 docx 或 xlsx 文件', { issues: [{ path: 'file', message: '请选择一个文件' }] })
  }
  const bytes = await bytesOf(ctx, input)
  // Loaded on demand: jszip and exceljs are large and most actions never need them.
  const { readUploadTables } = await import('../../import/read')
  const { format, tables } = await readUploadTables(input.name, bytes)
  return { format, name: input.name, draft: draftPlanFromTables(tables) }
})
