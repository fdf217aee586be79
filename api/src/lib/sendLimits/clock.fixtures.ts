/**
 * Sets the clock the sending limits read (`new Date()`), and only that:
 * Prisma, the SDK mocks and the tests' own waits keep real timers. Undo with
 * jest.useRealTimers(); move it with jest.setSystemTime().
 */
export const freezeClockAt = (iso: string) =>
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  })
