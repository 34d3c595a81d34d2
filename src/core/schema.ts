import * as z from 'zod/mini'

/**
 * Small builders over zod/mini. The core uses zod's mini build because it is
 * tree-shaken into the mini-program: the classic build added ~250 KB to a
 * main package whose whole budget is 450 KB.
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

export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/
export const CODE_PATTERN = /^[A-Z0-9-]{1,16}$/
export const ID_PATTERN = /^[a-z0-9-]{1,64}$/
