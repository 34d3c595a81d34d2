import * as z from 'zod/mini'

/**
 * Small builders over zod/mini (the classic build is ~250 KB). Schemas live
 * under src/core/schema/, apart from the logic: the server validates every
 * input with them, while the mini-program imports only the logic and so
 * ships no zod at all (its core alone is ~30 KB of a 400 KB main package).
 */
export const text = (max: number, min = 0) => z.string().check(z.minLength(min), z.maxLength(max))

// Control characters other than tab and newline have no business in what a
// person writes, and break exported files and message templates.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** Free text a person writes: bounded, no control characters. */
export const prose = (max: number, min = 0) =>
  z.string().check(z.minLength(min), z.maxLength(max), z.refine((s) => !CONTROL.test(s), { message: '含有无法识别的字符' }))
export const matching = (re: RegExp, message?: string) => z.string().check(z.regex(re, message))
/** A finite number in [min, max] (zod 4 numbers already refuse NaN and ±Infinity). */
export const between = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max))
export const wholeBetween = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max))
export const positive = () => z.number().check(z.gt(0))
export const listOf = <T extends z.core.SomeType>(item: T, max: number, min = 0) => z.array(item).check(z.minLength(min), z.maxLength(max))
