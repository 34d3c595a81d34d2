/**
 * Types for the slice of wx-server-sdk this project touches, transcribed
 * from the WeChat cloud-function docs (reference-sdk-api). The package is
 * not installed locally on purpose: it exists only in the CloudBase runtime
 * (the function's package.json), and the build leaves it external.
 * These declarations describe the SDK as documented, independently of the
 * adapter's own minimal `Database` (cloud/store/cloudbase/sdk.ts), so tsc
 * checking that `cloud.database()` satisfies `Database` means something.
 */
declare module 'wx-server-sdk' {
  type WxDocData = Record<string, unknown>

  /** An operator marker from `db.command`. */
  interface WxCommandValue {
    and(other: WxCommandValue): WxCommandValue
    or(other: WxCommandValue): WxCommandValue
  }

  interface WxCommand {
    eq(value: unknown): WxCommandValue
    neq(value: unknown): WxCommandValue
    lt(value: unknown): WxCommandValue
    lte(value: unknown): WxCommandValue
    gt(value: unknown): WxCommandValue
    gte(value: unknown): WxCommandValue
    in(values: readonly unknown[]): WxCommandValue
    nin(values: readonly unknown[]): WxCommandValue
    and(...conditions: unknown[]): WxCommandValue
    or(...conditions: unknown[]): WxCommandValue
    inc(n: number): WxCommandValue
    set(value: unknown): WxCommandValue
    remove(): WxCommandValue
  }

  interface WxDocument {
    /** Throws when the id does not exist, unless the database was made with `throwOnNotFound: false`. */
    get(): Promise<{ data: WxDocData | null; errMsg?: string }>
    set(options: { data: WxDocData }): Promise<{ _id: string | number; stats: { created: number; updated: number } }>
    update(options: { data: WxDocData }): Promise<{ stats: { updated: number } }>
    remove(): Promise<{ stats: { removed: number } }>
  }

  interface WxQuery {
    where(condition: object): WxQuery
    orderBy(field: string, order: 'asc' | 'desc'): WxQuery
    skip(n: number): WxQuery
    /** Cloud functions: 100 records by default, 1000 at most. */
    limit(n: number): WxQuery
    field(projection: Record<string, boolean>): WxQuery
    get(): Promise<{ data: WxDocData[]; errMsg?: string }>
    count(): Promise<{ total: number; errMsg?: string }>
  }

  interface WxCollection extends WxQuery {
    doc(id: string): WxDocument
    add(options: { data: WxDocData }): Promise<{ _id: string | number }>
  }

  /** Transactions run in cloud functions only, on single documents only. */
  interface WxTransaction {
    collection(name: string): { doc(id: string): WxDocument; add(options: { data: WxDocData }): Promise<{ _id: string | number }> }
    rollback(reason?: unknown): Promise<void>
  }

  interface WxDatabase {
    readonly command: WxCommand
    RegExp(options: { regexp: string; options?: string }): unknown
    serverDate(options?: { offset?: number }): unknown
    collection(name: string): WxCollection
    runTransaction<T>(callback: (transaction: WxTransaction) => Promise<T>, times?: number): Promise<T>
  }

  interface WxContext {
    OPENID?: string
    APPID?: string
    UNIONID?: string
    ENV?: string
    /** What started this run, along the call chain: "wx_client", "wx_trigger" (timer), "wx_client,scf" (a function called by one the client called). */
    SOURCE?: string
  }

  interface MsgSecCheckV2Result {
    errCode: number
    errMsg: string
    result?: { suggest: 'pass' | 'review' | 'risky'; label: number }
    detail?: unknown[]
    traceId?: string
  }

  interface WxCloud {
    /** Resolves to the environment the function runs in. */
    readonly DYNAMIC_CURRENT_ENV: unknown
    init(options?: { env?: unknown; traceUser?: boolean }): void
    database(options?: { env?: string; throwOnNotFound?: boolean }): WxDatabase
    /** The caller's identity, set by WeChat for calls from the mini-program; never taken from the event. */
    getWXContext(): WxContext
    openapi: {
      security: {
        msgSecCheck(request: { openid: string; scene: number; version: 2; content: string }): Promise<MsgSecCheckV2Result>
      }
      /** Needs `"permissions": { "openapi": ["subscribeMessage.send"] }`; a failure throws an error carrying `errCode` (43101: refused or no grant left; 47003: bad data). */
      subscribeMessage: {
        send(request: {
          touser: string
          templateId: string
          page?: string
          data: Record<string, { value: string }>
          miniprogramState?: 'developer' | 'trial' | 'formal'
          lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW'
        }): Promise<{ errCode: number; errMsg: string }>
      }
    }
    /** Uploads to cloud storage (same path overwrites); resolves the file's `fileID`. A failure throws `{ errCode, errMsg }`. */
    uploadFile(options: { cloudPath: string; fileContent: Buffer | NodeJS.ReadableStream }): Promise<{ fileID: string; statusCode?: number }>
    /** Temporary links for up to 50 files; items are fileIDs or `{ fileID, maxAge }` (seconds). Per-file `status` 0 means success. */
    getTempFileURL(options: { fileList: (string | { fileID: string; maxAge: number })[] }): Promise<{
      fileList: { fileID: string; tempFileURL: string; status: number; errMsg: string; maxAge?: number }[]
    }>
    /** Reads a file of cloud storage into memory. A failure throws `{ errCode, errMsg }`. */
    downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer; statusCode?: number }>
    /** Deletes up to 50 files; per-file `status` 0 means success. */
    deleteFile(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number; errMsg: string }[] }>
    /** Calls another cloud function of the environment; resolves `{ result, requestID }`. */
    callFunction(options: { name: string; data?: object }): Promise<{ result: unknown; requestID?: string; errMsg?: string }>
  }

  const cloud: WxCloud
  export = cloud
}
