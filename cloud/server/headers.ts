import fastifyHelmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The sha256 sources of the inline scripts in the H5 build's index.html
 * (Taro writes one that sets the root font size before the bundle loads):
 * the CSP allows exactly those, and no other inline script.
 */
export function inlineScriptHashes(staticDir: string | undefined): string[] {
  const file = staticDir ? join(staticDir, 'index.html') : ''
  if (!file || !existsSync(file)) return []
  const html = readFileSync(file, 'utf8')
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`)
}

/**
 * Security headers (@fastify/helmet) with a CSP that fits the H5 build:
 * scripts from this origin (and the build's own inline script), styles from
 * this origin plus inline ones (Taro and NutUI set styles at run time),
 * images from here, data: and blob: (previews of a photo before it is
 * sent), API calls to this origin only, and no framing by anyone.
 */
export async function registerHeaders(app: FastifyInstance, staticDir: string | undefined): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(staticDir)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"]
      }
    },
    // The H5 page loads nothing cross-origin that would need these off; the
    // defaults (COOP same-origin, CORP same-origin, nosniff, no referrer
    // leaks, HSTS) apply, and X-Frame-Options DENY for browsers without frame-ancestors.
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  })
}
