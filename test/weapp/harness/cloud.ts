/**
 * What `wx.cloud` reaches in the harness: the BUILT cloud function bundle
 * (`cloudfunctions/api/index.js`, built by cloud/build.mjs) loaded with a
 * stand-in `wx-server-sdk` whose database is the CloudBase stand-in
 * (test/store/cloudbaseStandIn.ts) and whose storage is an in-memory map.
 * The caller's OPENID is the phone's, as the platform sets it; nothing in
 * the event can change it. The SDK module is written into a temp folder next
 * to a copy of the bundle, so the bundle's own `require("wx-server-sdk")`
 * finds it: no jest module mocking.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudBaseStore } from '../../../cloud/store/cloudbase/CloudBaseStore'
import { seedIfEmpty } from '../../../cloud/seed'
import type { Store } from '../../../cloud/store/types'
import { StandInDatabase } from '../../store/cloudbaseStandIn'
import type { CloudBackend } from './fakeWx'
import { storageAllows } from './rules'

const ROOT = join(__dirname, '../../..')

const SDK_SHIM = `// Written by the weapp harness: hands the bundle the test's stand-in SDK.
module.exports = globalThis.__gebaoServerSdk`

export interface CloudFile {
  bytes: Buffer
  /** OPENID of whoever uploaded it ("server" for the cloud function). */
  owner: string
}

export class CloudStandIn {
  readonly db = new StandInDatabase({ throwOnNotFound: false })
  readonly store: Store = new CloudBaseStore(this.db)
  readonly files = new Map<string, CloudFile>()
  readonly calls: { name: string; data: any; openid: string }[] = []
  readonly sdkCalls: { op: string; args: unknown }[] = []
  private readonly dir: string
  private main: ((event: unknown, ctx: unknown) => Promise<unknown>) | null = null
  private openid = ''
  private readonly envId = 'gebao-test-1a2b3c'

  constructor(private readonly functionsDir: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'gebao-weapp-cloud-'))
  }

  fileId(cloudPath: string): string {
    return `cloud://${this.envId}.6765-${this.envId}-1300000000/${cloudPath}`
  }

  async start(): Promise<void> {
    await seedIfEmpty(this.store)
    cpSync(join(this.functionsDir, 'api'), join(this.dir, 'api'), { recursive: true })
    mkdirSync(join(this.dir, 'node_modules/wx-server-sdk'), { recursive: true })
    writeFileSync(join(this.dir, 'node_modules/wx-server-sdk/index.js'), SDK_SHIM)
    // What "云端安装依赖" installs from the function's package.json besides the SDK.
    for (const dep of ['exceljs', 'docx']) symlinkSync(join(ROOT, 'node_modules', dep), join(this.dir, 'node_modules', dep), 'dir')
    ;(globalThis as any).__gebaoServerSdk = this.sdk()
    this.main = require(join(this.dir, 'api/index.js')).main
  }

  stop(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }

  /** The stand-in wx-server-sdk the bundle requires. */
  private sdk() {
    const self = this
    return {
      DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
      init: (o: unknown) => self.sdkCalls.push({ op: 'init', args: o }),
      database: (o: unknown) => {
        self.sdkCalls.push({ op: 'database', args: o })
        return self.db
      },
      getWXContext: () => ({ OPENID: self.openid || undefined, APPID: 'wx-test', ENV: self.envId }),
      openapi: { security: { msgSecCheck: async () => ({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: 'pass', label: 100 } }) } },
      callFunction: async () => {
        throw new Error('cloud.callFunction: not served by the harness')
      },
      async uploadFile({ cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer }) {
        self.sdkCalls.push({ op: 'uploadFile', args: cloudPath })
        const fileID = self.fileId(cloudPath)
        // ASSUMPTION (not verifiable here, see notes/README): a file the
        // function uploads while serving a caller is owned by that caller's
        // OPENID, so the owner rule lets only them read it from the phone.
        self.files.set(fileID, { bytes: Buffer.from(fileContent), owner: self.openid || 'server' })
        return { fileID, statusCode: 200, errMsg: 'uploadFile:ok' }
      },
      async getTempFileURL({ fileList }: { fileList: { fileID: string; maxAge: number }[] }) {
        self.sdkCalls.push({ op: 'getTempFileURL', args: fileList })
        return {
          fileList: fileList.map((f) => ({ fileID: f.fileID, tempFileURL: `https://6765-${self.envId}.tcb.qcloud.la/${f.fileID.split('/').slice(3).join('/')}?sign=x`, status: self.files.has(f.fileID) ? 0 : 1, errMsg: 'ok' }))
        }
      },
      async downloadFile({ fileID }: { fileID: string }) {
        const f = self.files.get(fileID)
        if (!f) throw new Error(`downloadFile:fail ${fileID} does not exist`)
        return { fileContent: f.bytes, statusCode: 200 }
      }
    }
  }

  /**
   * Who may read a file from the phone (wx.cloud.downloadFile): the storage
   * security rule in cloud/rules/storage.json, evaluated by rules.ts. Set by
   * tests that check the rule; by default the rule file decides.
   */
  canRead = (fileID: string, file: CloudFile, openid: string): boolean => storageAllows('read', { openid, path: this.pathOf(fileID), owner: file.owner })

  pathOf(fileID: string): string {
    return fileID.split('/').slice(3).join('/')
  }

  /** The wx.cloud side of one phone (its OPENID). */
  backend(openid: string, canRead?: (fileID: string, file: CloudFile, openid: string) => boolean): CloudBackend {
    return {
      call: async (name, data) => {
        if (name !== 'api' || !this.main) throw { errMsg: `cloud.callFunction:fail FunctionName parameter could not be found: ${name}`, errCode: -501000 }
        this.calls.push({ name, data, openid })
        this.openid = openid
        try {
          return await this.main(JSON.parse(JSON.stringify(data)), {})
        } finally {
          this.openid = ''
        }
      },
      upload: async (cloudPath, bytes) => {
        if (!storageAllows('write', { openid, path: cloudPath, owner: openid })) throw { errMsg: 'cloud.uploadFile:fail permission denied', errCode: -403003 }
        const fileID = this.fileId(cloudPath)
        this.files.set(fileID, { bytes: Buffer.from(bytes), owner: openid })
        return { fileID, statusCode: 200 }
      },
      download: async (fileID) => {
        const f = this.files.get(fileID)
        if (!f) throw { errMsg: 'cloud.downloadFile:fail storage file not exists', errCode: -404006 }
        if (!(canRead ?? this.canRead)(fileID, f, openid)) throw { errMsg: 'cloud.downloadFile:fail permission denied', errCode: -403003 }
        return f.bytes
      }
    }
  }
}
