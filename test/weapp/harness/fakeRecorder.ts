import type { FakeWx } from './fakeWx'

const later = (fn: () => void) => setTimeout(fn, 0)

/** wx.getRecorderManager(): stopping leaves a temp file with the script's recording (or a few fake bytes). */
export function recorder(fake: FakeWx) {
  const handlers: Record<string, ((r: any) => void) | undefined> = {}
  return {
    start: (o: unknown) => {
      fake.calls.push({ api: 'recorder.start', args: o })
      later(() => handlers.start?.({}))
    },
    stop: () => {
      const path = fake.tempFile(fake.script.recording ?? Buffer.from('fake-audio'), '.mp3')
      later(() => handlers.stop?.({ tempFilePath: path, duration: 1000, fileSize: 10 }))
    },
    pause() {},
    resume() {},
    onStart: (cb: any) => void (handlers.start = cb),
    onStop: (cb: any) => void (handlers.stop = cb),
    onError: (cb: any) => void (handlers.error = cb),
    onFrameRecorded: () => undefined,
    onInterruptionBegin: () => undefined,
    onInterruptionEnd: () => undefined
  }
}
