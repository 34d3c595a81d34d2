import { existsSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'

/**
 * WeChat's module system for the built files, as the logic layer has it:
 * CommonJS `require` with paths relative to the file, nothing outside the
 * package root, and packages as download units.
 *
 * - The main package is there from the start. A subpackage is there once it
 *   is downloaded: by opening one of its pages, by `preloadRule`, or by
 *   `require.async` into it (base library 2.11.2+).
 * - A synchronous `require` into a subpackage that is not there fails, as on
 *   a phone: the main package must never reach lazily loaded code that way.
 * - A download needs the network; an offline `require.async` into a package
 *   not yet downloaded rejects with `{ mod, errMsg }`.
 *
 * Files run in this realm through `Function`, so the `wx`, `App` and `Page`
 * globals the runtime installs are theirs, and each boot starts from fresh
 * module state.
 */
export interface PackageHost {
  readonly online: boolean
  /** Subpackage roots on this phone; outlives restarts, as WeChat's code cache does. */
  readonly downloaded: Set<string>
  record(api: string, args: unknown): void
}

interface Loaded {
  exports: unknown
}

export class Modules {
  private readonly cache = new Map<string, Loaded>()

  constructor(
    private readonly dist: string,
    private readonly roots: string[],
    private readonly host: PackageHost
  ) {}

  /** The subpackage root a dist file belongs to, or null for the main package. */
  packageOf(file: string): string | null {
    const rel = relative(this.dist, file).split('\\').join('/')
    return this.roots.find((r) => rel.startsWith(`${r}/`)) ?? null
  }

  /** Downloads a subpackage (a page of it opened, or preloadRule): needs the network unless it is already here. */
  download(root: string): boolean {
    if (this.host.downloaded.has(root)) return true
    if (!this.host.online) return false
    this.host.downloaded.add(root)
    return true
  }

  /** Runs a file as its package's loader would (once; later calls return its exports). */
  load(file: string): unknown {
    const hit = this.cache.get(file)
    if (hit) return hit.exports
    if (!file.startsWith(this.dist) || !existsSync(file)) throw new Error(`module "${relative(this.dist, file)}" is not defined`)
    const root = this.packageOf(file)
    if (root && !this.host.downloaded.has(root)) throw new Error(`module "${relative(this.dist, file)}" is not defined: subpackage ${root} is not loaded`)
    const module: Loaded = { exports: {} }
    this.cache.set(file, module)
    const run = new Function('module', 'exports', 'require', `${readFileSync(file, 'utf8')}\n//# sourceURL=${file}`)
    run(module, module.exports, this.requireFrom(dirname(file)))
    return module.exports
  }

  private requireFrom(dir: string) {
    const target = (path: string) => {
      const file = resolve(dir, path)
      return file.endsWith('.js') ? file : `${file}.js`
    }
    const req = (path: string) => this.load(target(path))
    req.async = (path: string): Promise<unknown> => {
      this.host.record('require.async', path)
      const file = target(path)
      const root = this.packageOf(file)
      return new Promise((done, fail) =>
        setTimeout(() => {
          if (root && !this.download(root)) return fail({ mod: path, errMsg: `require.async:fail download subpackage ${root} failed (offline)` })
          try {
            done(this.load(file))
          } catch (e) {
            fail({ mod: path, errMsg: `require.async:fail ${(e as Error).message}` })
          }
        }, 0)
      )
    }
    return req
  }
}
