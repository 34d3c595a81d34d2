import fastifyRateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError, httpStatus } from '../../src/core/errors'
import type { RateCounters } from '../store/server'

export interface RateLimits {
  /** `bind` attempts per client address per window. */
  bindPerAddress: number
  /** `bind` attempts per invite code per window (guessing one code from many addresses). */
  bindPerCode: number
  /** Demo sign-ins per client address per window (generous: demo login trusts anyone anyway; this only stops floods). */
  signInPerAddress: number
  windowMs: number
}

export const DEFAULT_RATE_LIMITS: RateLimits = { bindPerAddress: 10, bindPerCode: 5, signInPerAddress: 1000, windowMs: 15 * 60_000 }

/**
 * @fastify/rate-limit's store contract over the database's counters, so
 * every server process on one database counts the same hits.
 */
function counterStore(counters: RateCounters) {
  return class CounterStore {
    incr(key: string, cb: (err: Error | null, res?: { current: number; ttl: number }) => void, timeWindow: number) {
      const now = Date.now()
      counters.hitRate(key, timeWindow, now).then(
        (r) => cb(null, { current: r.count, ttl: Math.max(0, r.resetAt - now) }),
        (e: Error) => cb(e)
      )
    }
    child() {
      return this
    }
  }
}

const codeOf = (body: unknown): string | null => {
  const b = body && typeof body === 'object' && 'payload' in body ? (body as { payload: unknown }).payload : body
  const code = b && typeof b === 'object' ? (b as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code.trim().toUpperCase().slice(0, 32) : null
}

type Limiter = (req: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean }>

/**
 * Rate limits on the routes that take a credential: `bind` (per address and
 * per code) and the demo sign-in (per address). Over the limit: 429
 * RATE_LIMITED in the usual envelope, before the handler runs.
 */
export async function registerRateLimits(app: FastifyInstance, counters: RateCounters, limits: RateLimits) {
  await app.register(fastifyRateLimit, { global: false, hook: 'preHandler', store: counterStore(counters) as never })
  const make = (prefix: string, max: number, key: (req: FastifyRequest) => string): Limiter =>
    app.createRateLimit({ max, timeWindow: limits.windowMs, keyGenerator: (req: FastifyRequest) => `${prefix}:${key(req)}` }) as unknown as Limiter

  const bindByAddress = make('bind-addr', limits.bindPerAddress, (req) => req.ip)
  const bindByCode = make('bind-code', limits.bindPerCode, (req) => codeOf(req.body) ?? '')
  const signInByAddress = make('signin-addr', limits.signInPerAddress, (req) => req.ip)

  const refuse = (reply: FastifyReply) => reply.code(httpStatus('RATE_LIMITED')).send({ ok: false, error: new ApiError('RATE_LIMITED', '尝试次数太多，请过一会儿再试').toBody() })
  const over = async (limiter: Limiter, req: FastifyRequest) => {
    const r = await limiter(req)
    return !r.isAllowed && r.isExceeded === true
  }

  return {
    async bind(req: FastifyRequest<{ Params: { action: string } }>, reply: FastifyReply) {
      if (req.params.action !== 'bind') return
      // Both counters count every attempt, so neither can be dodged by the other.
      const [byAddress, byCode] = [await over(bindByAddress, req), codeOf(req.body) ? await over(bindByCode, req) : false]
      if (byAddress || byCode) return refuse(reply)
    },
    async signIn(req: FastifyRequest, reply: FastifyReply) {
      if (await over(signInByAddress, req)) return refuse(reply)
    }
  }
}
