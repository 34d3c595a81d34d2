import * as z from 'zod/mini'
import type { ApiContext } from './context'

/** One action: a payload schema and a thin function over core and store. */
export interface Action<S extends z.ZodMiniType = z.ZodMiniType, O = unknown> {
  name: string
  input: S
  run(ctx: ApiContext, input: z.infer<S>): Promise<O>
}

export function defineAction<S extends z.ZodMiniType, O>(name: string, input: S, run: (ctx: ApiContext, input: z.infer<S>) => Promise<O>): Action<S, O> {
  return { name, input, run }
}

/** An action that takes no payload accepts `{}` or nothing. */
export const NoInput = z._default(z.strictObject({}), {})
