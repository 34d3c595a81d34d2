// The part of autocannon's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string
      path?: string
      headers?: Record<string, string>
      body?: string
      setupRequest?(req: Request, context: Record<string, unknown>): Request
    }
    interface Histogram {
      average: number
      mean: number
      p50: number
      p90: number
      p99: number
      max: number
      total: number
    }
    interface Result {
      requests: Histogram & { sent: number }
      latency: Histogram
      throughput: Histogram
      errors: number
      timeouts: number
      non2xx: number
      duration: number
    }
    interface Options {
      url: string
      connections?: number
      duration?: number
      amount?: number
      pipelining?: number
      requests?: Request[]
    }
  }
  function autocannon(opts: autocannon.Options): Promise<autocannon.Result>
  export = autocannon
}
