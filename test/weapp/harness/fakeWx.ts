/**
 * ============================ STAND-IN ============================
 * This is NOT WeChat. It is a small imitation of the `wx` object of the
 * mini-program logic layer, with exactly the APIs this app (and Taro's
 * runtime at boot) calls, written from the WeChat API docs:
 * - async APIs take `{ success, fail, complete }` and call them later (never
 *   synchronously); without callbacks they return a Promise, as the base
 *   library does from 2.10.2 (`promiseFromBaseLibrary` turns that off to
 *   imitate an older one);
 * - failures are plain objects `{ errMsg: '<api>:fail …', errCode? }`, not
 *   Errors, as WeChat gives them;
 * - temp files (`wxfile://tmp_…`) vanish with `restart()`; saved files under
 *   `wx.env.USER_DATA_PATH` stay;
 * - `request*` / `choose*` calls are recorded with whether they ran inside a
 *   tap (synchronously in the handler of a `tap` event), since WeChat refuses
 *   them otherwise (requestSubscribeMessage: "can only be invoked by user TAP
 *   gesture").
 * Each test scripts what the person does (photo picked, subscribe answer,
 * network state) through `WxScript`. There is no view layer and no layout.
 * ==================================================================
 */

import { fileSystemManager, fsFail, USER_DATA_PATH } from './fakeFs'
import { recorder } from './fakeRecorder'

export type WxFail = { errMsg: string; errCode?: number }
type Opts = Record<string, any> & { success?: (r: any) => void; fail?: (e: WxFail) => void; complete?: (r: any) => void }

export interface TapRecord {
  api: string
  inTap: boolean
}

/** What the person and the platform do, set by each test. */
export interface WxScript {
  /** chooseMedia: the files picked, or null for "cancelled". */
  chooseMedia?: (opts: Opts) => { tempFilePath: string; size: number; fileType: 'image' | 'video' }[] | null
  chooseMessageFile?: (opts: Opts) => { path: string; name: string; size: number; type: string }[] | null
  /** requestSubscribeMessage: per template id, 'accept' | 'reject' | 'ban'. */
  subscribe?: (tmplIds: string[]) => Record<string, string>
  /** onNeedPrivacyAuthorization fires before the first privacy API call when true. */
  needPrivacy?: boolean
  /** The recorder's captured audio (bytes) when stopped. */
  recording?: Buffer
}

export interface FakeWxOptions {
  SDKVersion?: string
  fontSizeSetting?: number
  windowWidth?: number
  /** Off imitates a base library older than 2.10.2: no Promise without callbacks. */
  promiseFromBaseLibrary?: boolean
}

const later = (fn: () => void) => setTimeout(fn, 0)

export class FakeWx {
  readonly storage = new Map<string, string>()
  readonly files = new Map<string, Buffer>()
  readonly calls: { api: string; args: any }[] = []
  readonly taps: TapRecord[] = []
  readonly toasts: string[] = []
  readonly modals: { title?: string; content?: string }[] = []
  readonly opened: { filePath: string; fileType?: string; bytes: number }[] = []
  script: WxScript = {}
  online = true
  /** Subpackage roots WeChat has downloaded on this phone (kept across restarts). */
  readonly downloaded = new Set<string>()
  inTap = false
  private netListeners: ((r: { isConnected: boolean; networkType: string }) => void)[] = []
  private showListeners: ((o: unknown) => void)[] = []
  private privacyListener: ((resolve: (o: any) => void) => void) | null = null
  private privacyAgreed = false
  private seq = 0
  /** Set by the runtime: page navigation. */
  navigator: { navigateTo(url: string): Promise<void>; redirectTo(url: string): Promise<void>; reLaunch(url: string): Promise<void>; switchTab(url: string): Promise<void>; navigateBack(delta: number): Promise<void> } | null = null
  /** Set by the cloud stand-in: what wx.cloud reaches. */
  cloudBackend: CloudBackend | null = null
  wx: Record<string, any>

  constructor(readonly options: FakeWxOptions = {}) {
    this.wx = this.build()
  }

  /** A new temp file, as the camera would leave one. */
  tempFile(bytes: Buffer, ext = '.jpg'): string {
    const path = `wxfile://tmp_${++this.seq}_${Date.now().toString(36)}${ext}`
    this.files.set(path, bytes)
    return path
  }

  /** The app is killed and started again: temp files are gone. */
  restart(): void {
    for (const path of [...this.files.keys()]) if (path.startsWith('wxfile://tmp_')) this.files.delete(path)
    // The old run's listeners die with it.
    this.netListeners = []
    this.showListeners = []
    this.privacyListener = null
    this.calls.length = 0
    this.taps.length = 0
    // A new process: nothing the old run hung on `wx` (webpack's chunk list) survives.
    this.wx = this.build()
  }

  setOnline(online: boolean): void {
    this.online = online
    for (const l of [...this.netListeners]) l({ isConnected: online, networkType: online ? 'wifi' : 'none' })
  }

  appShow(): void {
    for (const l of [...this.showListeners]) l({ path: 'pages/chat/index', query: {}, scene: 1001 })
  }

  /** Runs a tap handler: request- and choose- calls during it count as "in a tap". */
  duringTap<T>(fn: () => T): T {
    this.inTap = true
    try {
      return fn()
    } finally {
      this.inTap = false
    }
  }

  private record(api: string, args: any) {
    this.calls.push({ api, args })
    if (/^(request|choose)/.test(api) && api !== 'request') this.taps.push({ api, inTap: this.inTap })
  }

  /** An async API: `impl` returns the result or throws a WxFail. */
  private async_(api: string, impl: (o: Opts) => any | Promise<any>) {
    return (o: Opts = {}) => {
      this.record(api, o)
      const run = async () => impl(o)
      const hasCb = !!(o.success || o.fail || o.complete)
      const settle = (resolve?: (r: any) => void, reject?: (e: WxFail) => void) =>
        later(() => {
          run().then(
            (r) => {
              const res = { errMsg: `${api}:ok`, ...r }
              o.success?.(res)
              o.complete?.(res)
              resolve?.(res)
            },
            (e) => {
              const err: WxFail = e && typeof e === 'object' && 'errMsg' in e ? e : { errMsg: `${api}:fail ${e instanceof Error ? e.message : String(e)}` }
              o.fail?.(err)
              o.complete?.(err)
              reject?.(err)
            }
          )
        })
      if (hasCb || this.options.promiseFromBaseLibrary === false) {
        settle()
        return undefined
      }
      return new Promise((resolve, reject) => settle(resolve, reject))
    }
  }

  private fail(api: string, msg: string, errCode?: number): WxFail {
    return { errMsg: `${api}:fail ${msg}`, ...(errCode !== undefined ? { errCode } : {}) }
  }

  /** Holds a privacy-relevant call until the app's prompt answers. */
  private async privacy(api: string): Promise<void> {
    if (!this.script.needPrivacy || this.privacyAgreed) return
    if (!this.privacyListener) throw this.fail(api, 'api scope is not declared in the privacy agreement', 112)
    const answer = await new Promise<any>((resolve) => {
      this.privacyListener!((o) => {
        if (o?.event === 'exposureAuthorization') return
        resolve(o)
      })
    })
    if (answer?.event !== 'agree') throw this.fail(api, 'privacy permission is not authorized', 104)
    this.privacyAgreed = true
  }

  private fileSystemManager() {
    return fileSystemManager(this.files, (api, impl) => this.async_(api, impl), () => ++this.seq)
  }

  private build(): Record<string, any> {
    const self = this
    const opt = this.options
    const storage = this.storage
    const fsm = this.fileSystemManager()
    const baseInfo = () => ({
      SDKVersion: opt.SDKVersion ?? '3.3.4',
      version: '8.0.50',
      language: 'zh_CN',
      fontSizeSetting: opt.fontSizeSetting ?? 16,
      theme: 'light',
      enableDebug: false,
      host: { env: 'WeChat' }
    })
    const windowInfo = () => {
      const w = opt.windowWidth ?? 375
      return { pixelRatio: 2, screenWidth: w, screenHeight: 812, windowWidth: w, windowHeight: 700, statusBarHeight: 44, safeArea: { left: 0, right: w, top: 44, bottom: 778, width: w, height: 734 } }
    }
    const sizeOf = () => [...storage.entries()].reduce((n, [k, v]) => n + k.length + v.length, 0)
    const setItem = (key: string, data: unknown) => {
      const text = JSON.stringify(data === undefined ? null : data)
      if (text.length > 1024 * 1024) throw { errMsg: 'setStorage:fail exceed max size 1MB' }
      storage.set(key, text)
    }
    const getItem = (key: string) => (storage.has(key) ? JSON.parse(storage.get(key)!) : undefined)
    const upload = (api: string) =>
      this.async_(api, async (o) => {
        if (!self.online) throw self.fail(api, 'network error: offline', -1)
        const bytes = self.files.get(o.filePath)
        if (!bytes) throw fsFail(api, o.filePath)
        if (!self.cloudBackend) throw self.fail(api, 'cloud not available')
        return self.cloudBackend.upload(o.cloudPath, bytes)
      })

    const wx: Record<string, any> = {
      env: { USER_DATA_PATH },
      // --- base info
      getSystemInfoSync: () => ({ ...windowInfo(), ...baseInfo(), brand: 'devtools', model: 'iPhone X', system: 'iOS 12.0', platform: 'ios' }),
      getSystemInfo: this.async_('getSystemInfo', () => ({ ...windowInfo(), ...baseInfo(), platform: 'ios' })),
      getAppBaseInfo: () => baseInfo(),
      getWindowInfo: () => windowInfo(),
      getDeviceInfo: () => ({ brand: 'devtools', model: 'iPhone X', system: 'iOS 12.0', platform: 'ios', pixelRatio: 2 }),
      getAccountInfoSync: () => ({ miniProgram: { appId: 'wx-test', envVersion: 'develop', version: '' } }),
      getLaunchOptionsSync: () => ({ path: 'pages/chat/index', query: {}, scene: 1001 }),
      getEnterOptionsSync: () => ({ path: 'pages/chat/index', query: {}, scene: 1001 }),
      canIUse: (what: string) => typeof wx[String(what).split('.')[0]] !== 'undefined',
      nextTick: (fn: () => void) => Promise.resolve().then(fn),
      getUpdateManager: () => ({ onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {}, applyUpdate() {} }),
      // --- storage (10 MB in all, 1 MB per key)
      getStorageSync: (key: string) => getItem(key) ?? '',
      setStorageSync: (key: string, data: unknown) => setItem(key, data),
      removeStorageSync: (key: string) => void storage.delete(key),
      clearStorageSync: () => storage.clear(),
      getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: Math.ceil(sizeOf() / 1024), limitSize: 10240 }),
      getStorage: this.async_('getStorage', (o) => {
        if (!storage.has(o.key)) throw { errMsg: 'getStorage:fail data not found' }
        return { data: getItem(o.key) }
      }),
      setStorage: this.async_('setStorage', (o) => {
        setItem(o.key, o.data)
        return {}
      }),
      removeStorage: this.async_('removeStorage', (o) => {
        storage.delete(o.key)
        return {}
      }),
      getStorageInfo: this.async_('getStorageInfo', () => ({ keys: [...storage.keys()], currentSize: Math.ceil(sizeOf() / 1024), limitSize: 10240 })),
      // --- network status
      getNetworkType: this.async_('getNetworkType', () => ({ networkType: self.online ? 'wifi' : 'none' })),
      onNetworkStatusChange: (cb: any) => void this.netListeners.push(cb),
      offNetworkStatusChange: (cb?: any) => {
        this.netListeners = cb ? this.netListeners.filter((l) => l !== cb) : []
      },
      onAppShow: (cb: any) => void this.showListeners.push(cb),
      offAppShow: (cb?: any) => {
        this.showListeners = cb ? this.showListeners.filter((l) => l !== cb) : []
      },
      onAppHide: () => undefined,
      offAppHide: () => undefined,
      onError: () => undefined,
      onUnhandledRejection: () => undefined,
      onPageNotFound: () => undefined,
      onThemeChange: () => undefined,
      onMemoryWarning: () => undefined,
      // --- files
      getFileSystemManager: () => fsm,
      saveFile: fsm.saveFile,
      chooseMedia: this.async_('chooseMedia', async (o) => {
        await this.privacy('chooseMedia')
        const picked = this.script.chooseMedia?.(o) ?? null
        if (!picked) throw { errMsg: 'chooseMedia:fail cancel' }
        return { tempFiles: picked, type: 'image' }
      }),
      chooseImage: this.async_('chooseImage', async () => {
        throw { errMsg: 'chooseImage:fail use chooseMedia' }
      }),
      chooseMessageFile: this.async_('chooseMessageFile', async (o) => {
        const picked = this.script.chooseMessageFile?.(o) ?? null
        if (!picked) throw { errMsg: 'chooseMessageFile:fail cancel' }
        return { tempFiles: picked }
      }),
      compressImage: this.async_('compressImage', (o) => {
        const b = self.files.get(o.src)
        if (!b) throw fsFail('compressImage', o.src)
        return { tempFilePath: self.tempFile(b.subarray(0, Math.max(1, Math.floor(b.length * 0.5)))) }
      }),
      getImageInfo: this.async_('getImageInfo', (o) => {
        if (!self.files.has(o.src)) throw fsFail('getImageInfo', o.src)
        return { width: 1200, height: 900, type: 'jpeg', path: o.src, orientation: 'up' }
      }),
      uploadFile: this.async_('uploadFile', () => {
        throw self.fail('uploadFile', 'url not in domain list')
      }),
      downloadFile: this.async_('downloadFile', (o) => {
        throw self.fail('downloadFile', `url not in domain list: ${o.url}`)
      }),
      request: this.async_('request', (o) => {
        throw self.fail('request', `url not in domain list: ${o.url}`)
      }),
      openDocument: this.async_('openDocument', (o) => {
        const b = self.files.get(o.filePath)
        if (!b) throw fsFail('openDocument', o.filePath)
        self.opened.push({ filePath: o.filePath, fileType: o.fileType, bytes: b.length })
        return {}
      }),
      // --- subscribe messages, privacy, plugins, recorder
      requestSubscribeMessage: this.async_('requestSubscribeMessage', (o) => {
        if (!self.taps[self.taps.length - 1]?.inTap) throw { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 20004 }
        const answers = self.script.subscribe?.(o.tmplIds) ?? Object.fromEntries(o.tmplIds.map((id: string) => [id, 'accept']))
        return answers
      }),
      onNeedPrivacyAuthorization: (cb: any) => {
        this.privacyListener = cb
      },
      requirePrivacyAuthorize: this.async_('requirePrivacyAuthorize', () => this.privacy('requirePrivacyAuthorize')),
      getPrivacySetting: this.async_('getPrivacySetting', () => ({ needAuthorization: !!self.script.needPrivacy && !self.privacyAgreed, privacyContractName: '《格报隐私保护指引》' })),
      openPrivacyContract: this.async_('openPrivacyContract', () => ({})),
      getRecorderManager: () => recorder(this),
      authorize: this.async_('authorize', () => ({})),
      getSetting: this.async_('getSetting', () => ({ authSetting: { 'scope.record': true } })),
      // --- UI
      showToast: this.async_('showToast', (o) => {
        self.toasts.push(o.title)
        return {}
      }),
      hideToast: this.async_('hideToast', () => ({})),
      showLoading: this.async_('showLoading', () => ({})),
      hideLoading: this.async_('hideLoading', () => ({})),
      showModal: this.async_('showModal', (o) => {
        self.modals.push({ title: o.title, content: o.content })
        return { confirm: true, cancel: false }
      }),
      showActionSheet: this.async_('showActionSheet', () => ({ tapIndex: 0 })),
      setNavigationBarTitle: this.async_('setNavigationBarTitle', () => ({})),
      setTabBarBadge: this.async_('setTabBarBadge', () => ({})),
      removeTabBarBadge: this.async_('removeTabBarBadge', () => ({})),
      showTabBarRedDot: this.async_('showTabBarRedDot', () => ({})),
      hideTabBarRedDot: this.async_('hideTabBarRedDot', () => ({})),
      vibrateShort: this.async_('vibrateShort', () => ({})),
      pageScrollTo: this.async_('pageScrollTo', () => ({})),
      hideKeyboard: this.async_('hideKeyboard', () => ({})),
      setClipboardData: this.async_('setClipboardData', () => ({})),
      createSelectorQuery: () => selectorQuery(),
      createIntersectionObserver: () => ({ relativeToViewport: () => ({ observe() {} }), observe() {}, disconnect() {} }),
      // --- navigation (the runtime answers)
      navigateTo: this.async_('navigateTo', (o) => self.navigator!.navigateTo(o.url).then(() => ({}))),
      redirectTo: this.async_('redirectTo', (o) => self.navigator!.redirectTo(o.url).then(() => ({}))),
      reLaunch: this.async_('reLaunch', (o) => self.navigator!.reLaunch(o.url).then(() => ({}))),
      switchTab: this.async_('switchTab', (o) => self.navigator!.switchTab(o.url).then(() => ({}))),
      navigateBack: this.async_('navigateBack', (o) => self.navigator!.navigateBack(o.delta ?? 1).then(() => ({}))),
      // --- cloud development
      cloud: {
        init: (o: unknown) => {
          self.record('cloud.init', o)
        },
        callFunction: this.async_('cloud.callFunction', async (o) => {
          if (!self.online) throw { errMsg: 'cloud.callFunction:fail Error: errCode: -404011 cloud function execution error | errMsg: request:fail', errCode: -404011 }
          if (!self.cloudBackend) throw self.fail('cloud.callFunction', 'cloud not available')
          return { result: await self.cloudBackend.call(o.name, o.data) }
        }),
        uploadFile: upload('cloud.uploadFile'),
        downloadFile: this.async_('cloud.downloadFile', async (o) => {
          if (!self.online) throw self.fail('cloud.downloadFile', 'network error', -1)
          if (!self.cloudBackend) throw self.fail('cloud.downloadFile', 'cloud not available')
          const bytes = await self.cloudBackend.download(o.fileID)
          const ext = /\.[a-z0-9]+$/i.exec(o.fileID)?.[0] ?? ''
          return { tempFilePath: self.tempFile(bytes, ext), statusCode: 200 }
        }),
        getTempFileURL: this.async_('cloud.getTempFileURL', () => {
          throw self.fail('cloud.getTempFileURL', 'not used by this app')
        })
      }
    }
    return wx
  }
}

/** What wx.cloud reaches: the built cloud function and cloud storage, as the caller. */
export interface CloudBackend {
  call(name: string, data: unknown): Promise<unknown>
  upload(cloudPath: string, bytes: Buffer): Promise<{ fileID: string; statusCode: number }>
  download(fileID: string): Promise<Buffer>
}

function selectorQuery() {
  const q: any = {
    in: () => q,
    select: () => q,
    selectAll: () => q,
    selectViewport: () => q,
    boundingClientRect: () => q,
    scrollOffset: () => q,
    fields: () => q,
    node: () => q,
    exec: (cb?: (r: unknown[]) => void) => later(() => cb?.([null]))
  }
  return q
}
