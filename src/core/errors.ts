/**
 * One error vocabulary for every action: a stable code the client branches
 * on, an HTTP status for the local server, and a Chinese message a grid
 * worker can act on.
 */
export const ERROR_CODES = {
  BAD_INPUT: { status: 400, message: '填写的内容有误，请检查后再提交' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  FORBIDDEN: { status: 403, message: '没有权限操作这一项' },
  NOT_FOUND: { status: 404, message: '没有找到这一项' },
  CONFLICT: { status: 409, message: '这份填报已被别人改过，请核对后再提交' },
  LOCKED: { status: 423, message: '这份填报已审核通过，不能再修改' },
  CLOSED: { status: 422, message: '这一期已经截止，不能再填报' },
  REJECTED_TEXT: { status: 422, message: '文字内容未通过安全检查，请修改后再提交' },
  /** An org-tree edit the tree's rules refuse (wrong parent level, a name taken, a unit still in use). */
  ORG_RULE: { status: 422, message: '组织架构不能这样调整' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '系统出了点问题，请稍后再试' }
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export interface ApiErrorBody {
  code: ErrorCode
  message: string
  /** Which inputs are wrong, for forms and the chat to point at. */
  issues?: { path: string; message: string }[]
  /** CONFLICT carries the server's copy so the client can show both. */
  current?: unknown
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly extra: Pick<ApiErrorBody, 'issues' | 'current'> = {}
  ) {
    super(message ?? ERROR_CODES[code].message)
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...this.extra }
  }
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody }

export function httpStatus(code: ErrorCode): number {
  return ERROR_CODES[code].status
}
