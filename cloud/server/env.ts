import { DEFAULT_LIMITS, MB, type EvidenceLimits } from '../../src/core/evidence/files'

/** A setting that refused start-up: the message says which and what is allowed. */
export class EnvError extends Error {}

const ON = new Set(['on', 'true', '1'])
const OFF = new Set(['off', 'false', '0'])

/**
 * An on/off setting, strictly: on, off, true, false, 1 or 0 in any case;
 * unset or empty takes the default. Anything else (" off", "no", "disabled")
 * refuses to start rather than guess: a guess of "on" for DEMO_LOGIN opens
 * the admin account to anyone.
 */
export function parseSwitch(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback
  const v = value.toLowerCase()
  if (ON.has(v)) return true
  if (OFF.has(v)) return false
  throw new EnvError(`${name}=${JSON.stringify(value)} is not understood: use on, off, true, false, 1 or 0.`)
}

function megabytes(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  if (!/^\d{1,6}$/.test(value) || Number(value) === 0) throw new EnvError(`${name}=${JSON.stringify(value)} must be a whole number of megabytes (1 or more).`)
  return Number(value) * MB
}

/** Evidence limits from UPLOAD_MAX_FILE_MB and UPLOAD_MONTH_MB; the product's defaults otherwise. */
export function uploadLimitsFromEnv(env: NodeJS.ProcessEnv): EvidenceLimits {
  return {
    ...DEFAULT_LIMITS,
    maxFileBytes: megabytes('UPLOAD_MAX_FILE_MB', env.UPLOAD_MAX_FILE_MB, DEFAULT_LIMITS.maxFileBytes),
    maxMonthBytesPerPerson: megabytes('UPLOAD_MONTH_MB', env.UPLOAD_MONTH_MB, DEFAULT_LIMITS.maxMonthBytesPerPerson)
  }
}

export const DEMO_LOGIN_WARNING =
  '!!! DEMO LOGIN IS ON (演示登录已开启): anyone who reaches this port can sign in as any person, the admin included. ' +
  'For a real install set DEMO_LOGIN=off and create the first admin with `npm run admin -- init`.'
