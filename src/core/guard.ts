/**
 * Small predicates for data the app wrote itself and reads back from phone
 * storage (drafts, queued reports), where a value may be truncated or from
 * an older version. Untrusted input from the network goes through the zod
 * schemas on the server instead; these keep zod out of the mini-program.
 * Each returns the path of the first problem, or null.
 */
export type Problem = string | null

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

export function recordOf(x: unknown, item: (v: unknown) => boolean, path: string): Problem {
  if (!isObject(x)) return path
  for (const [k, v] of Object.entries(x)) if (!item(v)) return `${path}.${k}`
  return null
}

export function listOf(x: unknown, item: (v: unknown) => boolean, path: string): Problem {
  if (!Array.isArray(x)) return path
  const bad = x.findIndex((v) => !item(v))
  return bad < 0 ? null : `${path}.${bad}`
}

export const isNumber = finite
export const isInt = (x: unknown): x is number => finite(x) && Number.isInteger(x)
export const isString = (x: unknown): x is string => typeof x === 'string'
export const isBoolean = (x: unknown): x is boolean => typeof x === 'boolean'
export const isNullableNumber = (x: unknown) => x === null || finite(x)
export const isNullableString = (x: unknown) => x === null || typeof x === 'string'

/** The first problem among checks, in order. */
export function firstProblem(...problems: Problem[]): Problem {
  return problems.find((p) => p !== null) ?? null
}
