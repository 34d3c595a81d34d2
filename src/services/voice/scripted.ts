import type { Recognizer, RecognizerEvents } from './types'

/**
 * A recognizer that plays back what it was told to hear, for tests and the
 * weapp harness (branch i16). Each hold-to-talk session takes the next
 * script entry: its partial texts are sent on `start`, its final text (or
 * error) on `stop`. `sessions` records what each session delivered.
 */
export type ScriptedSession = { partials?: string[]; final: string } | { partials?: string[]; error: string }

export class ScriptedRecognizer implements Recognizer {
  readonly available = true
  /** Per session: 'final:…' or 'error:…', in order. */
  readonly sessions: string[] = []
  private current: { events: RecognizerEvents; session: ScriptedSession } | null = null

  constructor(private readonly script: ScriptedSession[]) {}

  /** Queues what the next sessions will hear. */
  hear(...sessions: ScriptedSession[]): void {
    this.script.push(...sessions)
  }

  get listening(): boolean {
    return this.current !== null
  }

  start(events: RecognizerEvents): void {
    const session = this.script.shift()
    if (!session) {
      events.onError('没有听清，请再说一次')
      this.sessions.push('error:没有听清，请再说一次')
      return
    }
    this.current = { events, session }
    for (const p of session.partials ?? []) events.onPartial(p)
  }

  stop(): void {
    const c = this.current
    if (!c) return
    this.current = null
    if ('error' in c.session) {
      this.sessions.push(`error:${c.session.error}`)
      c.events.onError(c.session.error)
    } else {
      this.sessions.push(`final:${c.session.final}`)
      c.events.onFinal(c.session.final)
    }
  }
}
